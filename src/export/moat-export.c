/* moat-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-export.h"
#include "moat-register.h"
#include "moat-threat-dragon.h"

/* Runs one export for the command line and the Export dialog alike, so
 * both write the same files for the same choices. */

static const struct
{
  const char *name;
  const char *extension;
  const char *media_type;
} formats[MOAT_N_EXPORT_FORMATS] = {
  [MOAT_EXPORT_FORMAT_MARKDOWN] = { "markdown", ".md", "text/markdown" },
  [MOAT_EXPORT_FORMAT_CSV] = { "csv", ".csv", "text/csv" },
  [MOAT_EXPORT_FORMAT_JSON] = { "json", ".json", "application/json" },
  [MOAT_EXPORT_FORMAT_SVG] = { "svg", ".svg", "image/svg+xml" },
  [MOAT_EXPORT_FORMAT_PNG] = { "png", ".png", "image/png" },
  [MOAT_EXPORT_FORMAT_PDF] = { "pdf", ".pdf", "application/pdf" },
  [MOAT_EXPORT_FORMAT_THREAT_DRAGON] = { "threat-dragon", ".json", "application/json" },
};

/* The output's file name without folder and extension, such as "review"
 * for "docs/review.md", which starts the names of the images. */
static char *
dup_output_stem (const char *output_name)
{
  g_autofree char *base = g_path_get_basename (output_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

static GBytes *
export_markdown (MoatDocument             *document,
                 const MoatExportRequest  *request,
                 const char               *stem,
                 GPtrArray                *files,
                 GError                  **error)
{
  MoatMarkdownImages images = request->images;
  g_autoptr(GPtrArray) image_files = NULL;
  char *markdown;

  images.prefix = stem;
  markdown = moat_markdown_export (document, &request->options, &images, &image_files, error);
  if (markdown == NULL)
    return NULL;

  g_ptr_array_extend_and_steal (files, g_steal_pointer (&image_files));

  return g_bytes_new_take (markdown, strlen (markdown));
}

/* Writes one SVG or PNG per diagram. With one diagram that is the output
 * itself; with several, each goes to its own file named after the output
 * and the diagram, and there is no output of its own. */
static gboolean
export_image (MoatDocument             *document,
              MoatImageFormat           format,
              const MoatExportRequest  *request,
              const char               *stem,
              GBytes                  **bytes,
              GPtrArray                *files,
              GError                  **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;
  g_auto(GStrv) names = NULL;
  GPtrArray *diagrams;

  selection = moat_export_selection_new (document, &request->options, error);
  if (selection == NULL)
    return FALSE;

  diagrams = selection->diagrams;
  if (diagrams->len == 1)
    {
      *bytes = moat_image_export (document, diagrams, format, &request->images.image_options,
                                  error);
      return *bytes != NULL;
    }

  names = moat_image_dup_file_names (diagrams, stem, format);

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

/* A PDF contains every chosen diagram, one per page. */
static GBytes *
export_pdf (MoatDocument             *document,
            const MoatExportRequest  *request,
            GError                  **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;

  selection = moat_export_selection_new (document, &request->options, error);
  if (selection == NULL)
    return NULL;

  return moat_image_export (document, selection->diagrams, MOAT_IMAGE_FORMAT_PDF,
                            &request->images.image_options, error);
}

/**
 * moat_export_request_init:
 * @request: (out caller-allocates): the request to fill
 *
 * Sets @request to the defaults: everything included, numbered order,
 * today's date, no images, scale 1, A4 paper and no formula guard.
 */
void
moat_export_request_init (MoatExportRequest *request)
{
  g_return_if_fail (request != NULL);

  moat_export_options_init (&request->options);
  moat_markdown_images_init (&request->images);
  request->guard_formulas = FALSE;
}

const char *
moat_export_format_get_name (MoatExportFormat format)
{
  g_return_val_if_fail (format < MOAT_N_EXPORT_FORMATS, NULL);

  return formats[format].name;
}

/**
 * moat_export_format_get_extension:
 *
 * Returns: the usual file name extension of @format, with its dot.
 *   Threat Dragon models and the JSON register share ".json".
 */
const char *
moat_export_format_get_extension (MoatExportFormat format)
{
  g_return_val_if_fail (format < MOAT_N_EXPORT_FORMATS, NULL);

  return formats[format].extension;
}

const char *
moat_export_format_get_media_type (MoatExportFormat format)
{
  g_return_val_if_fail (format < MOAT_N_EXPORT_FORMATS, NULL);

  return formats[format].media_type;
}

/**
 * moat_export_format_from_name:
 * @name: a format name as `moat export --format` takes it
 * @format: (out): the format
 *
 * Returns: whether @name names a format
 */
gboolean
moat_export_format_from_name (const char       *name,
                              MoatExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < MOAT_N_EXPORT_FORMATS; i++)
    if (g_strcmp0 (formats[i].name, name) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * moat_export_run:
 * @document: the model, which the export only reads
 * @format: the output format
 * @request: what to include and how
 * @output_name: the output's file name or path, whose name without its
 *   extension starts the names of the other files
 * @bytes: (out) (transfer full) (nullable): the output's bytes, or %NULL
 *   when the export consists of @files only, as an SVG or PNG export of
 *   several diagrams does
 * @files: (element-type MoatExportFile): where to add the files written
 *   next to the output, such as a review document's images
 * @error: where to report a diagram option that matches no diagram, an
 *   empty diagram to draw, a PNG too large, or another export failure
 *
 * Exports @document in @format. Nothing is written to disk: pass the
 * results to moat_export_save(), or write them to standard output.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_export_run (MoatDocument             *document,
                 MoatExportFormat          format,
                 const MoatExportRequest  *request,
                 const char               *output_name,
                 GBytes                  **bytes,
                 GPtrArray                *files,
                 GError                  **error)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (format < MOAT_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (output_name != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL && *bytes == NULL, FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  stem = dup_output_stem (output_name);

  switch (format)
    {
    case MOAT_EXPORT_FORMAT_MARKDOWN:
      *bytes = export_markdown (document, request, stem, files, error);
      break;
    case MOAT_EXPORT_FORMAT_CSV:
      *bytes = moat_register_export_csv (document, &request->options, request->guard_formulas,
                                         error);
      break;
    case MOAT_EXPORT_FORMAT_JSON:
      *bytes = moat_register_export_json (document, &request->options, error);
      break;
    case MOAT_EXPORT_FORMAT_SVG:
      return export_image (document, MOAT_IMAGE_FORMAT_SVG, request, stem, bytes, files, error);
    case MOAT_EXPORT_FORMAT_PNG:
      return export_image (document, MOAT_IMAGE_FORMAT_PNG, request, stem, bytes, files, error);
    case MOAT_EXPORT_FORMAT_PDF:
      *bytes = export_pdf (document, request, error);
      break;
    case MOAT_EXPORT_FORMAT_THREAT_DRAGON:
      /* Threat Dragon has no place for the review document's choices, so
       * the request does not apply. */
      *bytes = moat_threat_dragon_export (document, error);
      break;
    default:
      g_assert_not_reached ();
    }

  return *bytes != NULL;
}

/**
 * moat_export_is_same_file:
 *
 * Checks through the file system whether two files are one, so that a
 * symbolic or hard link to the model cannot make an export overwrite it.
 *
 * Returns: whether @a and @b name the same file
 */
gboolean
moat_export_is_same_file (GFile *a,
                          GFile *b)
{
  g_autoptr(GFileInfo) info_a = NULL;
  g_autoptr(GFileInfo) info_b = NULL;
  const char *id_a;
  const char *id_b;

  g_return_val_if_fail (G_IS_FILE (a), FALSE);
  g_return_val_if_fail (G_IS_FILE (b), FALSE);

  if (g_file_equal (a, b))
    return TRUE;

  info_a = g_file_query_info (a, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  info_b = g_file_query_info (b, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info_a == NULL || info_b == NULL)
    return FALSE;

  id_a = g_file_info_get_attribute_string (info_a, G_FILE_ATTRIBUTE_ID_FILE);
  id_b = g_file_info_get_attribute_string (info_b, G_FILE_ATTRIBUTE_ID_FILE);

  return id_a != NULL && g_strcmp0 (id_a, id_b) == 0;
}

static gboolean
save_one (GFile         *file,
          GBytes        *bytes,
          GFile         *model_file,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *display_name = g_file_get_parse_name (file);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (model_file != NULL && moat_export_is_same_file (file, model_file))
    {
      g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_MODEL_FILE,
                   _("the export would replace %s, which is the model file; choose another "
                     "file name"), display_name);
      return FALSE;
    }

  /* g_file_replace_contents() writes a temporary file and renames it, so
   * a failed export leaves an earlier file intact. */
  if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, error))
    {
      g_prefix_error (error, _("cannot write %s: "), display_name);
      return FALSE;
    }

  return TRUE;
}

/**
 * moat_export_save:
 * @output: the output file
 * @bytes: (nullable): the output's bytes from moat_export_run(), or %NULL
 *   when it returned files only
 * @files: (element-type MoatExportFile): the files from moat_export_run(),
 *   written in @output's folder
 * @model_file: (nullable): the model's file, which no export may replace
 * @cancellable: (nullable): a #GCancellable
 * @error: where to report a file that cannot be written, or one that is
 *   the model file
 *
 * Writes an export's files, the output first.
 *
 * Returns: %TRUE when every file is written
 */
gboolean
moat_export_save (GFile         *output,
                  GBytes        *bytes,
                  GPtrArray     *files,
                  GFile         *model_file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) folder = NULL;

  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (bytes != NULL && !save_one (output, bytes, model_file, cancellable, error))
    return FALSE;

  folder = g_file_get_parent (output);
  for (guint i = 0; i < files->len; i++)
    {
      MoatExportFile *file = g_ptr_array_index (files, i);
      g_autoptr(GFile) target = g_file_get_child (folder, file->name);

      if (!save_one (target, file->bytes, model_file, cancellable, error))
        return FALSE;
    }

  return TRUE;
}
