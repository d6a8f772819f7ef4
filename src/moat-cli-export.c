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
#include "moat-format.h"
#include "moat-image-export.h"
#include "moat-markdown.h"
#include "moat-register.h"
#include "moat-threat-dragon.h"

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
  MoatExportOptions document_options;
  MoatMarkdownImages images;
  gboolean guard_formulas;

  /* The output file's name without its folder and extension, which
   * starts the names of the other files an export writes. */
  char *stem;
} ExportRequest;

/* A conversion of a model to an output format. It returns the bytes of
 * the output file, or %NULL when the format writes only other files,
 * which it adds to @files with names relative to the output's folder. */
typedef gboolean (*ExportFunc) (MoatDocument   *document,
                                ExportRequest  *request,
                                GBytes        **bytes,
                                GPtrArray      *files,
                                GError        **error);

typedef struct
{
  const char *name;
  const char *extension;
  ExportFunc export;
  UsedOptions uses;
} ExportFormat;

static void
export_request_clear (ExportRequest *request)
{
  g_clear_pointer (&request->stem, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportRequest, export_request_clear)

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

static gboolean
export_markdown (MoatDocument   *document,
                 ExportRequest  *request,
                 GBytes        **bytes,
                 GPtrArray      *files,
                 GError        **error)
{
  g_autoptr(GPtrArray) images = NULL;
  char *markdown;

  markdown = moat_markdown_export (document, &request->document_options, &request->images,
                                   &images, error);
  if (markdown == NULL)
    return FALSE;

  *bytes = g_bytes_new_take (markdown, strlen (markdown));
  g_ptr_array_extend_and_steal (files, g_steal_pointer (&images));

  return TRUE;
}

static gboolean
export_csv (MoatDocument   *document,
            ExportRequest  *request,
            GBytes        **bytes,
            GPtrArray      *files,
            GError        **error)
{
  *bytes = moat_register_export_csv (document, &request->document_options,
                                     request->guard_formulas, error);

  return *bytes != NULL;
}

static gboolean
export_json (MoatDocument   *document,
             ExportRequest  *request,
             GBytes        **bytes,
             GPtrArray      *files,
             GError        **error)
{
  *bytes = moat_register_export_json (document, &request->document_options, error);

  return *bytes != NULL;
}

/* Writes one SVG or PNG file per diagram. With one diagram, that is the
 * output file; with several, each gets the output's name followed by the
 * diagram's name. */
static gboolean
export_image (MoatDocument     *document,
              ExportRequest    *request,
              MoatImageFormat   format,
              GBytes          **bytes,
              GPtrArray        *files,
              GError          **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;
  g_auto(GStrv) names = NULL;
  GPtrArray *diagrams;

  selection = moat_export_selection_new (document, &request->document_options, error);
  if (selection == NULL)
    return FALSE;

  diagrams = selection->diagrams;
  if (diagrams->len == 1)
    {
      *bytes = moat_image_export (document, diagrams, format, &request->images.image_options,
                                  error);
      return *bytes != NULL;
    }

  names = moat_image_dup_file_names (diagrams, request->stem, format);

  for (guint i = 0; i < diagrams->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GBytes) image = NULL;

      g_ptr_array_add (one, g_ptr_array_index (diagrams, i));
      image = moat_image_export (document, one, format, &request->images.image_options, error);
      if (image == NULL)
        return FALSE;

      g_ptr_array_add (files, moat_export_file_new (names[i], image));
    }

  return TRUE;
}

static gboolean
export_svg (MoatDocument   *document,
            ExportRequest  *request,
            GBytes        **bytes,
            GPtrArray      *files,
            GError        **error)
{
  return export_image (document, request, MOAT_IMAGE_FORMAT_SVG, bytes, files, error);
}

static gboolean
export_png (MoatDocument   *document,
            ExportRequest  *request,
            GBytes        **bytes,
            GPtrArray      *files,
            GError        **error)
{
  return export_image (document, request, MOAT_IMAGE_FORMAT_PNG, bytes, files, error);
}

/* A PDF contains every chosen diagram, one per page. */
static gboolean
export_pdf (MoatDocument   *document,
            ExportRequest  *request,
            GBytes        **bytes,
            GPtrArray      *files,
            GError        **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;

  selection = moat_export_selection_new (document, &request->document_options, error);
  if (selection == NULL)
    return FALSE;

  *bytes = moat_image_export (document, selection->diagrams, MOAT_IMAGE_FORMAT_PDF,
                              &request->images.image_options, error);

  return *bytes != NULL;
}

/* Threat Dragon has no place for the review document's choices, so the
 * export options do not apply. */
static gboolean
export_threat_dragon (MoatDocument   *document,
                      ExportRequest  *request,
                      GBytes        **bytes,
                      GPtrArray      *files,
                      GError        **error)
{
  *bytes = moat_threat_dragon_export (document, error);

  return *bytes != NULL;
}

/* The formats of `moat export`. The extension lets -o choose the format
 * when --format is left out, and ".json" has none because two formats
 * use it. */
static const ExportFormat export_formats[] = {
  { "markdown", ".md", export_markdown,
    USES_DIAGRAM | USES_SORT_AND_EXCLUDE | USES_DATE | USES_IMAGES | USES_SCALE },
  { "csv", ".csv", export_csv, USES_DIAGRAM | USES_SORT_AND_EXCLUDE | USES_GUARD_FORMULAS },
  { "json", NULL, export_json, USES_DIAGRAM | USES_SORT_AND_EXCLUDE | USES_DATE },
  { "svg", ".svg", export_svg, USES_DIAGRAM },
  { "png", ".png", export_png, USES_DIAGRAM | USES_SCALE },
  { "pdf", ".pdf", export_pdf, USES_DIAGRAM | USES_PAGE_SIZE },
  { "threat-dragon", NULL, export_threat_dragon, 0 },
};

static char *
dup_format_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, export_formats[i].name);
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
    if (g_strcmp0 (export_formats[i].name, name) == 0)
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
                               checks[i].name, format->name);
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

/* The output's file name without folder and extension, such as "review"
 * for "docs/review.md". */
static char *
dup_output_stem (const char *output)
{
  g_autofree char *base = g_path_get_basename (output);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

static gboolean
parse_request (const Command      *command,
               CliOptions         *options,
               const ExportFormat *format,
               ExportRequest      *request,
               int                *status)
{
  if (!check_used_options (command, options, format, status) ||
      !parse_document_options (command, options, &request->document_options, status))
    return FALSE;

  moat_markdown_images_init (&request->images);
  if (!parse_image_options (command, options, &request->images.image_options, status))
    return FALSE;

  if ((format->uses & USES_IMAGES) != 0 &&
      !parse_images (command, options, &request->images, status))
    return FALSE;

  request->guard_formulas = options->guard_formulas;
  request->stem = dup_output_stem (options->output);
  request->images.prefix = request->stem;

  return TRUE;
}

/* Writes the files an export adds next to the output. None of them may
 * be the model file, which an export only reads. */
static gboolean
write_files (const Command  *command,
             GFile          *model_file,
             const char     *output,
             GPtrArray      *files,
             int            *status)
{
  g_autofree char *folder = g_path_get_dirname (output);

  for (guint i = 0; i < files->len; i++)
    {
      MoatExportFile *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (folder, file->name, NULL);
      g_autoptr(GFile) target = g_file_new_for_commandline_arg (path);
      g_autoptr(GError) error = NULL;

      if (moat_cli_is_same_file (model_file, target))
        {
          *status = usage_error (command, _("the export would write %s, which is the model "
                                            "file; choose another output file name"), path);
          return FALSE;
        }

      if (!moat_cli_write_output (path, file->bytes, &error))
        {
          g_printerr ("moat %s: %s\n", command->name, error->message);
          *status = MOAT_CLI_EXIT_FAILURE;
          return FALSE;
        }
    }

  return TRUE;
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
  g_auto(ExportRequest) request = { 0, };
  g_autoptr(GFile) model_file = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  int status = MOAT_CLI_EXIT_SUCCESS;
  guint n_files = options->arguments != NULL ? g_strv_length (options->arguments) : 0;
  gboolean to_stdout;

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

  to_stdout = g_str_equal (options->output, "-");
  model_file = g_file_new_for_commandline_arg (options->arguments[0]);
  if (!to_stdout)
    {
      g_autoptr(GFile) output_file = g_file_new_for_commandline_arg (options->output);

      if (moat_cli_is_same_file (model_file, output_file))
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
  if (!format->export (document, &request, &bytes, files, &error))
    {
      g_autofree char *display_name = g_file_get_parse_name (model_file);

      /* An unknown --diagram is a wrong option, not a broken model. */
      if (g_error_matches (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM))
        return usage_error (command, "%s: %s", display_name, error->message);

      g_printerr ("%s: %s\n", display_name, error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  /* Several images cannot share standard output. */
  if (bytes == NULL && to_stdout)
    return usage_error (command, _("the model has %u diagrams; choose one with --diagram to "
                                   "write it to standard output"), files->len);

  if (bytes != NULL && !moat_cli_write_output (options->output, bytes, &error))
    {
      g_printerr ("moat %s: %s\n", command->name, error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  if (!write_files (command, model_file, options->output, files, &status))
    return status;

  if (bytes == NULL)
    report_split_images (command, files);

  return MOAT_CLI_EXIT_SUCCESS;
}
