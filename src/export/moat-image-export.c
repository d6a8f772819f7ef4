/* moat-image-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "moat-image-export.h"
#include "moat-render.h"

/* Diagram images drawn by the same render code as the canvas, without the
 * grid, selection or hover that the canvas adds, and cropped to the
 * drawing plus a margin. */

#define DEFAULT_MARGIN 24.0

/* The page margin of a PDF, in points: half an inch, which every printer
 * can print. */
#define PAGE_MARGIN 36.0

/* cairo image surfaces are limited to 32767 pixels a side. The pixel
 * count limit keeps a PNG export under 400 MB of memory. */
#define MAX_PNG_SIDE 32767
#define MAX_PNG_PIXELS (100 * 1000 * 1000)

typedef struct
{
  double width;
  double height;
} PageSize;

/* ISO 216 A4 and US Letter, portrait, in points. */
static const PageSize page_sizes[] = {
  [MOAT_PAGE_SIZE_A4] = { 595.276, 841.890 },
  [MOAT_PAGE_SIZE_LETTER] = { 612.0, 792.0 },
};

static const struct
{
  const char *name;
  const char *extension;
} image_formats[] = {
  [MOAT_IMAGE_FORMAT_SVG] = { "svg", ".svg" },
  [MOAT_IMAGE_FORMAT_PNG] = { "png", ".png" },
  [MOAT_IMAGE_FORMAT_PDF] = { "pdf", ".pdf" },
};

static cairo_status_t
append_to_byte_array_cb (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static const char *
get_display_name (MoatDiagram *diagram)
{
  const char *name = moat_diagram_get_name (diagram);

  return name != NULL && name[0] != '\0' ? name : moat_diagram_get_id (diagram);
}

/* The area to draw: everything the render code draws for @diagram, grown
 * by the margin on each side. */
static gboolean
get_image_area (MoatDocument            *document,
                MoatDiagram             *diagram,
                const MoatImageOptions  *options,
                MoatRect                *area,
                GError                 **error)
{
  if (!moat_render_get_diagram_extents (document, diagram, area))
    {
      g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_EMPTY_DIAGRAM,
                   _("the diagram “%s” is empty, so there is no image to export"),
                   get_display_name (diagram));
      return FALSE;
    }

  /* Whole units keep the image size and the SVG coordinates free of
   * rounding noise. */
  area->x = floor (area->x - options->margin);
  area->y = floor (area->y - options->margin);
  area->width = ceil (area->width + 2 * options->margin);
  area->height = ceil (area->height + 2 * options->margin);

  return TRUE;
}

static gboolean
draw_diagram (MoatDocument            *document,
              MoatDiagram             *diagram,
              cairo_t                 *cr,
              const MoatImageOptions  *options,
              GError                 **error)
{
  MoatRenderOptions render_options;
  cairo_status_t status;

  moat_render_options_init (&render_options);
  render_options.dark = options->dark;
  render_options.draw_background = TRUE;
  render_options.show_grid = FALSE;

  moat_render_diagram (document, diagram, cr, &render_options);

  status = cairo_status (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_FAILED,
                   _("cannot draw the diagram “%s”: %s"), get_display_name (diagram),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/* Finishes @surface, so that every byte is written, and reports an error
 * of the surface or its stream. */
static gboolean
finish_surface (cairo_surface_t  *surface,
                GError          **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_FAILED,
                   _("cannot write the image: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GHashTable *numbers;
} SurfaceIds;

static gboolean
renumber_surface_cb (const GMatchInfo *match_info,
                     GString          *result,
                     gpointer          user_data)
{
  SurfaceIds *ids = user_data;
  g_autofree char *prefix = g_match_info_fetch (match_info, 1);
  g_autofree char *number = g_match_info_fetch (match_info, 2);
  gpointer new_number;

  if (!g_hash_table_lookup_extended (ids->numbers, number, NULL, &new_number))
    {
      new_number = GUINT_TO_POINTER (g_hash_table_size (ids->numbers) + 1);
      g_hash_table_insert (ids->numbers, g_steal_pointer (&number), new_number);
    }

  g_string_append_printf (result, "%ssurface%u", prefix, GPOINTER_TO_UINT (new_number));

  return FALSE;
}

/* Cairo numbers the surfaces of a process with one counter, and its SVG
 * writer uses that number in element ids, so the same drawing would get
 * other ids after another export in the same process. Renumbering them in
 * order of appearance makes equal drawings equal bytes. Glyph and clip ids
 * are numbered per document already, and the drawing has no text that
 * could look like an id, because cairo writes text as glyph outlines. */
static GBytes *
renumber_surface_ids (GByteArray *svg)
{
  g_autoptr(GRegex) regex = g_regex_new ("(id=\"|#)surface([0-9]+)", G_REGEX_OPTIMIZE, 0, NULL);
  g_autofree char *text = g_strndup ((const char *)svg->data, svg->len);
  SurfaceIds ids = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  char *renumbered;

  renumbered = g_regex_replace_eval (regex, text, -1, 0, 0, renumber_surface_cb, &ids, NULL);
  g_hash_table_unref (ids.numbers);

  return g_bytes_new_take (renumbered, strlen (renumbered));
}

static GBytes *
export_svg (MoatDocument            *document,
            MoatDiagram             *diagram,
            const MoatImageOptions  *options,
            GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  MoatRect area;
  gboolean ok;

  if (!get_image_area (document, diagram, options, &area, error))
    return NULL;

  /* One SVG pixel per diagram unit, as the canvas at 100 % zoom. */
  surface = cairo_svg_surface_create_for_stream (append_to_byte_array_cb, bytes,
                                                 area.width, area.height);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);

  cr = cairo_create (surface);
  cairo_translate (cr, -area.x, -area.y);
  ok = draw_diagram (document, diagram, cr, options, error);
  cairo_destroy (cr);

  ok = ok && finish_surface (surface, error);
  cairo_surface_destroy (surface);

  if (!ok)
    return NULL;

  return renumber_surface_ids (bytes);
}

static GBytes *
export_png (MoatDocument            *document,
            MoatDiagram             *diagram,
            const MoatImageOptions  *options,
            GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  MoatRect area;
  double width;
  double height;
  cairo_status_t status;
  gboolean ok;

  if (!get_image_area (document, diagram, options, &area, error))
    return NULL;

  width = ceil (area.width * options->scale);
  height = ceil (area.height * options->scale);
  if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE || width * height > MAX_PNG_PIXELS)
    {
      g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_TOO_LARGE,
                   _("the PNG image of the diagram “%s” would be %.0f × %.0f pixels, more than "
                     "the %d pixels a side or %d million pixels that PNG export allows; choose "
                     "a smaller scale, or export SVG or PDF"),
                   get_display_name (diagram), width, height, MAX_PNG_SIDE,
                   MAX_PNG_PIXELS / 1000000);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)width, (int)height);
  cr = cairo_create (surface);
  cairo_scale (cr, options->scale, options->scale);
  cairo_translate (cr, -area.x, -area.y);
  ok = draw_diagram (document, diagram, cr, options, error);
  cairo_destroy (cr);

  if (ok)
    {
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, append_to_byte_array_cb, bytes);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_FAILED,
                       _("cannot write the PNG image: %s"), cairo_status_to_string (status));
          ok = FALSE;
        }
    }

  cairo_surface_destroy (surface);

  if (!ok)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Draws one diagram on its own page, turned to the diagram's orientation,
 * centred, and shrunk to fit when it is larger than the page. A diagram
 * that fits keeps one point per diagram unit, so small diagrams are not
 * blown up. */
static gboolean
draw_pdf_page (MoatDocument            *document,
               MoatDiagram             *diagram,
               cairo_surface_t         *surface,
               const MoatRect          *area,
               const MoatImageOptions  *options,
               GError                 **error)
{
  const PageSize *paper = &page_sizes[options->page_size];
  gboolean landscape = area->width > area->height;
  double page_width = landscape ? paper->height : paper->width;
  double page_height = landscape ? paper->width : paper->height;
  double available_width = page_width - 2 * PAGE_MARGIN;
  double available_height = page_height - 2 * PAGE_MARGIN;
  double scale = MIN (1.0, MIN (available_width / area->width, available_height / area->height));
  cairo_t *cr;
  gboolean ok;

  cairo_pdf_surface_set_size (surface, page_width, page_height);

  cr = cairo_create (surface);
  cairo_translate (cr, (page_width - area->width * scale) / 2,
                   (page_height - area->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -area->x, -area->y);

  /* The page stays white around the drawing, so clip the diagram's
   * background to its own area. */
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);

  ok = draw_diagram (document, diagram, cr, options, error);
  cairo_destroy (cr);

  if (ok)
    cairo_surface_show_page (surface);

  return ok;
}

static GBytes *
export_pdf (MoatDocument            *document,
            GPtrArray               *diagrams,
            const MoatImageOptions  *options,
            GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree MoatRect *areas = g_new0 (MoatRect, diagrams->len);
  g_autofree char *creator = g_strdup_printf ("Moat %s", PACKAGE_VERSION);
  const char *title = moat_document_get_title (document);
  cairo_surface_t *surface;
  gboolean ok = TRUE;

  /* Measure every page first, so that an empty diagram fails the export
   * before any output is written. */
  for (guint i = 0; i < diagrams->len; i++)
    if (!get_image_area (document, g_ptr_array_index (diagrams, i), options, &areas[i], error))
      return NULL;

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array_cb, bytes,
                                                 page_sizes[options->page_size].width,
                                                 page_sizes[options->page_size].height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  for (guint i = 0; ok && i < diagrams->len; i++)
    ok = draw_pdf_page (document, g_ptr_array_index (diagrams, i), surface, &areas[i],
                        options, error);

  ok = ok && finish_surface (surface, error);
  cairo_surface_destroy (surface);

  if (!ok)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * moat_image_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets @options to the defaults: scale 1, a 24-unit margin, the light
 * palette and A4 paper.
 */
void
moat_image_options_init (MoatImageOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (MoatImageOptions) {
    .scale = 1.0,
    .margin = DEFAULT_MARGIN,
    .dark = FALSE,
    .page_size = MOAT_PAGE_SIZE_A4,
  };
}

/**
 * moat_image_export:
 * @document: the model
 * @diagrams: (element-type MoatDiagram): diagrams of @document; SVG and
 *   PNG take exactly one, PDF one or more, each on its own page
 * @format: the image format
 * @options: (nullable): how to draw, or %NULL for the defaults of
 *   moat_image_options_init()
 * @error: where to report an empty diagram, a PNG too large to allocate,
 *   or a cairo failure
 *
 * Draws @diagrams as they look on the canvas, without grid, selection or
 * hover, cropped to the drawing with a margin. Text stays text in PDF;
 * cairo writes it as glyph outlines in SVG.
 *
 * Returns: (transfer full): the image file's bytes, or %NULL with @error set
 */
GBytes *
moat_image_export (MoatDocument            *document,
                   GPtrArray               *diagrams,
                   MoatImageFormat          format,
                   const MoatImageOptions  *options,
                   GError                 **error)
{
  MoatImageOptions defaults;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (diagrams != NULL && diagrams->len > 0, NULL);
  g_return_val_if_fail (format == MOAT_IMAGE_FORMAT_PDF || diagrams->len == 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      moat_image_options_init (&defaults);
      options = &defaults;
    }

  g_return_val_if_fail (options->scale >= MOAT_IMAGE_MIN_SCALE &&
                        options->scale <= MOAT_IMAGE_MAX_SCALE, NULL);
  g_return_val_if_fail (options->margin >= 0, NULL);
  g_return_val_if_fail (options->page_size <= MOAT_PAGE_SIZE_LETTER, NULL);

  switch (format)
    {
    case MOAT_IMAGE_FORMAT_SVG:
      return export_svg (document, g_ptr_array_index (diagrams, 0), options, error);
    case MOAT_IMAGE_FORMAT_PNG:
      return export_png (document, g_ptr_array_index (diagrams, 0), options, error);
    case MOAT_IMAGE_FORMAT_PDF:
      return export_pdf (document, diagrams, options, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * moat_image_format_from_name:
 * @name: "svg", "png" or "pdf"
 * @format: (out): the format
 *
 * Returns: whether @name names an image format
 */
gboolean
moat_image_format_from_name (const char      *name,
                             MoatImageFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
    if (g_strcmp0 (image_formats[i].name, name) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * moat_image_format_get_extension:
 *
 * Returns: the file name extension of @format, with its dot
 */
const char *
moat_image_format_get_extension (MoatImageFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (image_formats), NULL);

  return image_formats[format].extension;
}

/**
 * moat_image_dup_file_names:
 * @diagrams: (element-type MoatDiagram): the diagrams to name
 * @prefix: (nullable): the start of every name, such as the review
 *   document's name without its extension
 * @format: the format, which gives the extension
 *
 * Names one image file per diagram: @prefix, a hyphen and the diagram's
 * name made safe for file systems and relative URLs (see
 * moat_export_dup_file_slug()). A name that two diagrams would share gets
 * a number, so that no image overwrites another.
 *
 * Returns: (transfer full): a %NULL-terminated array of file names
 */
char **
moat_image_dup_file_names (GPtrArray       *diagrams,
                           const char      *prefix,
                           MoatImageFormat  format)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *extension = moat_image_format_get_extension (format);

  g_return_val_if_fail (diagrams != NULL, NULL);

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);
      g_autofree char *id_slug = moat_export_dup_file_slug (moat_diagram_get_id (diagram),
                                                            "diagram");
      g_autofree char *slug = moat_export_dup_file_slug (moat_diagram_get_name (diagram),
                                                         id_slug);
      g_autofree char *stem = NULL;
      char *name = NULL;

      stem = prefix != NULL ? g_strdup_printf ("%s-%s", prefix, slug) : g_strdup (slug);
      name = g_strconcat (stem, extension, NULL);

      for (guint n = 2; g_hash_table_contains (used, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s-%u%s", stem, n, extension);
        }

      g_strv_builder_add (builder, name);
      g_hash_table_add (used, name);
    }

  return g_strv_builder_end (builder);
}
