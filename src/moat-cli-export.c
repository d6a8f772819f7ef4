/* moat-cli-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"
#include "moat-cli-private.h"
#include "moat-export.h"
#include "moat-format.h"

/* `moat export`: the review document, the threat register, the diagram
 * images and Threat Dragon JSON, from one model file that it only reads. */

/* The options beyond --format and --output, so that each format can
 * reject those it does not use instead of ignoring them. */
typedef enum
{
  USES_DIAGRAM = 1 << 0,
  USES_SORT_AND_EXCLUDE = 1 << 1,
  USES_DATE = 1 << 2,
  USES_IMAGES = 1 << 3,
  USES_SCALE = 1 << 4,
  USES_PAGE_SIZE = 1 << 5,
  USES_GUARD_FORMULAS = 1 << 6,
} UsedOptions;

typedef struct
{
  MoatExportFormat format;

  /* The extension that chooses the format when --format is left out, or
   * %NULL when another format shares it. */
  const char *extension;
  UsedOptions uses;
} ExportFormat;

G_GNUC_PRINTF (2, 3)
static int
usage_error (const Command *command,
             const char    *format,
             ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = moat_cli_usage_error_valist (command, format, args);
  va_end (args);

  return status;
}

/* The formats of `moat export`, with the options each uses. */
static const ExportFormat export_formats[] = {
  { MOAT_EXPORT_FORMAT_MARKDOWN, ".md",
    USES_DIAGRAM | USES_SORT_AND_EXCLUDE | USES_DATE | USES_IMAGES | USES_SCALE },
  { MOAT_EXPORT_FORMAT_CSV, ".csv", USES_DIAGRAM | USES_SORT_AND_EXCLUDE | USES_GUARD_FORMULAS },
  { MOAT_EXPORT_FORMAT_JSON, NULL, USES_DIAGRAM | USES_SORT_AND_EXCLUDE | USES_DATE },
  { MOAT_EXPORT_FORMAT_SVG, ".svg", USES_DIAGRAM },
  { MOAT_EXPORT_FORMAT_PNG, ".png", USES_DIAGRAM | USES_SCALE },
  { MOAT_EXPORT_FORMAT_PDF, ".pdf", USES_DIAGRAM | USES_PAGE_SIZE },
  { MOAT_EXPORT_FORMAT_THREAT_DRAGON, NULL, 0 },
};

static const char *
get_format_name (const ExportFormat *format)
{
  return moat_export_format_get_name (format->format);
}

static char *
dup_format_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, get_format_name (&export_formats[i]));
    }

  return g_string_free (names, FALSE);
}

void
moat_cli_add_export_options (GOptionContext *context,
                             CliOptions     *options)
{
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options->format,
      N_("Output format: markdown, csv, json, svg, png, pdf or threat-dragon; "
         "without it, the extension of the output file decides"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("File to write, replaced if it exists; “-” writes to standard output"), N_("FILE") },
    { "diagram", 0, 0, G_OPTION_ARG_STRING, &options->diagram,
      N_("Export only the diagram with this id or name, and its threats; without it, every "
         "diagram"), N_("DIAGRAM") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options->sort,
      N_("Order of the threats: number (the default) or severity, most severe first"),
      N_("ORDER") },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->exclude,
      N_("Leave out threats that are mitigated, accepted or transferred, or that belong to "
         "out-of-scope components; a comma-separated list, and the option may be repeated"),
      N_("LIST") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options->date,
      N_("Export date to print, as YYYY-MM-DD; the default is today, so give a date for "
         "output that does not change from day to day"), N_("DATE") },
    { "images", 0, 0, G_OPTION_ARG_STRING, &options->images,
      N_("Diagram images that the Markdown document links, written next to it: svg (the "
         "default), png, svg,png or none"), N_("LIST") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &options->scale,
      N_("PNG pixels per diagram unit, from 0.25 to 8; the default is 1"), N_("FACTOR") },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &options->page_size,
      N_("PDF paper: a4 (the default) or letter; each diagram is fitted to one page"),
      N_("SIZE") },
    { "guard-formulas", 0, 0, G_OPTION_ARG_NONE, &options->guard_formulas,
      N_("In CSV, start a field that begins with =, +, -, @, a tab or a carriage return with "
         "an apostrophe, so that spreadsheets do not run it as a formula"), NULL },
    { NULL }
  };

  moat_cli_add_files_option (context, options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static const ExportFormat *
find_format_by_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_strcmp0 (get_format_name (&export_formats[i]), name) == 0)
      return &export_formats[i];

  return NULL;
}

static const ExportFormat *
find_format_by_extension (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      const char *extension = export_formats[i].extension;

      if (extension != NULL && g_str_has_suffix (path, extension))
        return &export_formats[i];
    }

  /* The long spelling of the Markdown extension. */
  if (g_str_has_suffix (path, ".markdown"))
    return find_format_by_name ("markdown");

  return NULL;
}

static const ExportFormat *
choose_format (const Command *command,
               CliOptions    *options,
               int           *status)
{
  const ExportFormat *format;
  g_autofree char *names = dup_format_names ();

  if (options->format != NULL)
    format = find_format_by_name (options->format);
  else
    format = find_format_by_extension (options->output);

  if (format == NULL && options->format != NULL)
    {
      *status = usage_error (command, _("unknown format “%s”; expected one of: %s"),
                             options->format, names);
      return NULL;
    }

  if (format == NULL)
    {
      *status = usage_error (command, _("no format given, and the output file name does not "
                                        "name one; use --format with one of: %s"), names);
      return NULL;
    }

  return format;
}

/* Rejects each option given that @format does not use. */
static gboolean
check_used_options (const Command      *command,
                    CliOptions         *options,
                    const ExportFormat *format,
                    int                *status)
{
  const struct
  {
    gboolean given;
    UsedOptions use;
    const char *name;
  } checks[] = {
    { options->diagram != NULL, USES_DIAGRAM, "--diagram" },
    { options->sort != NULL, USES_SORT_AND_EXCLUDE, "--sort" },
    { options->exclude != NULL, USES_SORT_AND_EXCLUDE, "--exclude" },
    { options->date != NULL, USES_DATE, "--date" },
    { options->images != NULL, USES_IMAGES, "--images" },
    { options->scale != NULL, USES_SCALE, "--scale" },
    { options->page_size != NULL, USES_PAGE_SIZE, "--page-size" },
    { options->guard_formulas, USES_GUARD_FORMULAS, "--guard-formulas" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (checks[i].given && (format->uses & checks[i].use) == 0)
      {
        *status = usage_error (command, _("%s does not apply to the %s format"),
                               checks[i].name, get_format_name (format));
        return FALSE;
      }

  return TRUE;
}

static gboolean
parse_exclusions (const Command      *command,
                  char              **values,
                  MoatExportOptions  *document_options,
                  int                *status)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) names = g_strsplit (values[i], ",", -1);

      for (guint j = 0; names[j] != NULL; j++)
        {
          const char *name = g_strstrip (names[j]);

          if (g_str_equal (name, "mitigated"))
            document_options->include_mitigated = FALSE;
          else if (g_str_equal (name, "accepted"))
            document_options->include_accepted = FALSE;
          else if (g_str_equal (name, "transferred"))
            document_options->include_transferred = FALSE;
          else if (g_str_equal (name, "out-of-scope"))
            document_options->include_out_of_scope = FALSE;
          else
            {
              *status = usage_error (command,
                                     _("unknown value “%s” for --exclude; expected mitigated, "
                                       "accepted, transferred or out-of-scope"), name);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
parse_document_options (const Command     *command,
                        CliOptions        *options,
                        MoatExportOptions *document_options,
                        int               *status)
{
  moat_export_options_init (document_options);

  if (options->sort == NULL || g_str_equal (options->sort, "number"))
    document_options->sort = MOAT_EXPORT_SORT_BY_NUMBER;
  else if (g_str_equal (options->sort, "severity"))
    document_options->sort = MOAT_EXPORT_SORT_BY_SEVERITY;
  else
    {
      *status = usage_error (command, _("unknown value “%s” for --sort; expected number or "
                                        "severity"), options->sort);
      return FALSE;
    }

  if (options->date != NULL &&
      (options->date[0] == '\0' || !moat_threat_is_valid_due_date (options->date)))
    {
      *status = usage_error (command, _("“%s” is not a valid date for --date; write it as "
                                        "YYYY-MM-DD"), options->date);
      return FALSE;
    }

  document_options->date = options->date;
  document_options->diagram = options->diagram;

  return parse_exclusions (command, options->exclude, document_options, status);
}

/* Reads --images: the document links images only when it is written to
 * a file, because standard output has no folder to put them in. */
static gboolean
parse_images (const Command      *command,
              CliOptions         *options,
              MoatMarkdownImages *images,
              int                *status)
{
  g_auto(GStrv) names = NULL;
  gboolean to_stdout = g_str_equal (options->output, "-");

  images->svg = options->images == NULL && !to_stdout;
  images->png = FALSE;

  if (options->images == NULL)
    return TRUE;

  names = g_strsplit (options->images, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (g_str_equal (name, "svg"))
        images->svg = TRUE;
      else if (g_str_equal (name, "png"))
        images->png = TRUE;
      else if (!g_str_equal (name, "none") || names[1] != NULL)
        {
          *status = usage_error (command, _("unknown value “%s” for --images; expected svg, "
                                            "png, svg,png or none"), options->images);
          return FALSE;
        }
    }

  if (to_stdout && (images->svg || images->png))
    {
      *status = usage_error (command, _("--images needs an output file, next to which the "
                                        "images are written; use --images=none with -o -"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_image_options (const Command    *command,
                     CliOptions       *options,
                     MoatImageOptions *image_options,
                     int              *status)
{
  moat_image_options_init (image_options);

  if (options->scale != NULL)
    {
      char *end = NULL;
      double scale = g_ascii_strtod (options->scale, &end);

      /* The negated range test also rejects NaN. */
      if (end == options->scale || *end != '\0' ||
          !(scale >= MOAT_IMAGE_MIN_SCALE && scale <= MOAT_IMAGE_MAX_SCALE))
        {
          *status = usage_error (command, _("“%s” is not a valid --scale; give a number from "
                                            "%g to %g"),
                                 options->scale, MOAT_IMAGE_MIN_SCALE, MOAT_IMAGE_MAX_SCALE);
          return FALSE;
        }
      image_options->scale = scale;
    }

  if (options->page_size == NULL || g_str_equal (options->page_size, "a4"))
    image_options->page_size = MOAT_PAGE_SIZE_A4;
  else if (g_str_equal (options->page_size, "letter"))
    image_options->page_size = MOAT_PAGE_SIZE_LETTER;
  else
    {
      *status = usage_error (command, _("unknown value “%s” for --page-size; expected a4 or "
                                        "letter"), options->page_size);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_request (const Command      *command,
               CliOptions         *options,
               const ExportFormat *format,
               MoatExportRequest  *request,
               int                *status)
{
  moat_export_request_init (request);

  if (!check_used_options (command, options, format, status) ||
      !parse_document_options (command, options, &request->options, status) ||
      !parse_image_options (command, options, &request->images.image_options, status))
    return FALSE;

  if ((format->uses & USES_IMAGES) != 0 &&
      !parse_images (command, options, &request->images, status))
    return FALSE;

  request->guard_formulas = options->guard_formulas;

  return TRUE;
}

/* Writes the export to standard output, or saves it next to the output
 * file. No file may replace the model, which an export only reads. */
static int
write_export (const Command *command,
              CliOptions    *options,
              GFile         *model_file,
              GBytes        *bytes,
              GPtrArray     *files)
{
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (options->output, "-"))
    {
      /* Several images cannot share standard output. */
      if (bytes == NULL)
        return usage_error (command, _("the model has %u diagrams; choose one with --diagram "
                                       "to write it to standard output"), files->len);

      if (!moat_cli_write_output (options->output, bytes, &error))
        {
          g_printerr ("moat %s: %s\n", command->name, error->message);
          return MOAT_CLI_EXIT_FAILURE;
        }

      return MOAT_CLI_EXIT_SUCCESS;
    }

  output = g_file_new_for_commandline_arg (options->output);
  if (!moat_export_save (output, bytes, files, model_file, NULL, &error))
    {
      if (g_error_matches (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_MODEL_FILE))
        return usage_error (command, "%s", error->message);

      g_printerr ("moat %s: %s\n", command->name, error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  return MOAT_CLI_EXIT_SUCCESS;
}

static void
report_split_images (const Command *command,
                     GPtrArray     *files)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      MoatExportFile *file = g_ptr_array_index (files, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, file->name);
    }

  g_printerr (_("moat %s: the model has %u diagrams, so each has its own file: %s\n"),
              command->name, files->len, names->str);
}

int
moat_cli_run_export (const Command *command,
                     CliOptions    *options)
{
  const ExportFormat *format;
  MoatExportRequest request;
  g_autoptr(GFile) model_file = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  int status = MOAT_CLI_EXIT_SUCCESS;
  guint n_files = options->arguments != NULL ? g_strv_length (options->arguments) : 0;

  if (n_files == 0)
    return usage_error (command, _("no model file given"));
  if (n_files > 1)
    return usage_error (command, _("export takes one model file, but %u were given"), n_files);
  if (options->output == NULL)
    return usage_error (command, _("no output file given; use -o FILE, or -o - for standard "
                                   "output"));

  format = choose_format (command, options, &status);
  if (format == NULL || !parse_request (command, options, format, &request, &status))
    return status;

  model_file = g_file_new_for_commandline_arg (options->arguments[0]);
  if (!g_str_equal (options->output, "-"))
    {
      g_autoptr(GFile) output_file = g_file_new_for_commandline_arg (options->output);

      if (moat_export_is_same_file (model_file, output_file))
        return usage_error (command, _("the output file is the model file; choose another "
                                       "output file"));
    }

  document = moat_format_load_file (model_file, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  files = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_export_file_free);
  if (!moat_export_run (document, format->format, &request, options->output, &bytes, files,
                        &error))
    {
      g_autofree char *display_name = g_file_get_parse_name (model_file);

      /* An unknown --diagram is a wrong option, not a broken model. */
      if (g_error_matches (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM))
        return usage_error (command, "%s: %s", display_name, error->message);

      g_printerr ("%s: %s\n", display_name, error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  status = write_export (command, options, model_file, bytes, files);
  if (status == MOAT_CLI_EXIT_SUCCESS && bytes == NULL)
    report_split_images (command, files);

  return status;
}
