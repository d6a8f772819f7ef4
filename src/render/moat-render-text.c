/* moat-render-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-render-private.h"

/* Bounds on what a MoatRenderText kept between calls holds. */
#define MAX_KEPT_LAYOUTS 8192
#define MAX_KEPT_SIZES   65536

static const char * const font_names[MOAT_N_TEXT_STYLES] = {
  [MOAT_TEXT_NAME] = "Cantarell, Sans 10",
  [MOAT_TEXT_LABEL] = "Cantarell, Sans 9",
  [MOAT_TEXT_BOUNDARY] = "Cantarell, Sans Bold 9",
  [MOAT_TEXT_BADGE] = "Cantarell, Sans Bold 8",
  [MOAT_TEXT_CAPTION] = "Cantarell, Sans Italic 8",
};

/**
 * moat_render_text_init:
 * @cr: (nullable): the context that will draw the text, or %NULL to only
 *   measure it
 *
 * Prepares the fonts for one render or hit test call. Metric hinting and
 * glyph position rounding are off in both cases, so a label measured for
 * hit testing has the same size as the one drawn at any zoom level.
 */
void
moat_render_text_init (MoatRenderText *text,
                       cairo_t        *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    text->context = pango_cairo_create_context (cr);
  else
    text->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (text->context, options);
  pango_context_set_round_glyph_positions (text->context, FALSE);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < MOAT_N_TEXT_STYLES; i++)
    text->fonts[i] = pango_font_description_from_string (font_names[i]);

  text->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->layouts = NULL;
}

/* Makes moat_render_layout_new() return the same layout for the same
 * text, style and size, until moat_render_text_clear(). A caller that
 * draws many frames at one scale keeps the layouts this way, and a call
 * that draws once does not, since it would only hold the memory. */
void
moat_render_text_keep_layouts (MoatRenderText *text)
{
  if (text->layouts == NULL)
    text->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
moat_render_text_clear (MoatRenderText *text)
{
  g_clear_object (&text->context);

  for (guint i = 0; i < MOAT_N_TEXT_STYLES; i++)
    g_clear_pointer (&text->fonts[i], pango_font_description_free);

  g_clear_pointer (&text->sizes, g_hash_table_unref);
  g_clear_pointer (&text->layouts, g_hash_table_unref);
}

/**
 * moat_render_layout_new:
 * @string: the text, shown as it is: never parsed as Pango markup
 * @width: the wrapping width, or 0 or less for no wrapping
 * @height: the maximum height in diagram units when positive, the
 *   maximum number of lines when negative, or 0 for no limit
 *
 * Creates a layout whose text wraps at word or character boundaries and
 * ends with an ellipsis when it does not fit. After
 * moat_render_text_keep_layouts(), it returns a new reference to the
 * layout made earlier for the same arguments, if any.
 *
 * Returns: (transfer full): the layout
 */
PangoLayout *
moat_render_layout_new (MoatRenderText *text,
                        MoatTextStyle   style,
                        const char     *string,
                        double          width,
                        double          height)
{
  PangoLayout *layout;
  g_autofree char *valid = NULL;
  g_autofree char *key = NULL;

  if (text->layouts != NULL)
    {
      key = g_strdup_printf ("%d %g %g %s", style, width, height, string);
      layout = g_hash_table_lookup (text->layouts, key);
      if (layout != NULL)
        return g_object_ref (layout);

      /* A bound on the memory: a frame draws far fewer texts than this,
       * so starting over costs one frame's layouts. */
      if (g_hash_table_size (text->layouts) >= MAX_KEPT_LAYOUTS)
        g_hash_table_remove_all (text->layouts);
    }

  layout = pango_layout_new (text->context);

  /* Names come from files, and Pango warns on invalid UTF-8 rather than
   * failing, so repair it first. */
  if (!g_utf8_validate (string, -1, NULL))
    string = valid = g_utf8_make_valid (string, -1);

  pango_layout_set_font_description (layout, text->fonts[style]);
  pango_layout_set_alignment (layout, style == MOAT_TEXT_BOUNDARY ? PANGO_ALIGN_LEFT
                                                                   : PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, string, -1);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  if (height > 0)
    pango_layout_set_height (layout, (int)(height * PANGO_SCALE));
  else if (height < 0)
    pango_layout_set_height (layout, (int)height);

  if (key != NULL)
    g_hash_table_insert (text->layouts, g_steal_pointer (&key), g_object_ref (layout));

  return layout;
}

/* The logical size, which unlike the ink size does not change with the
 * letters, so labels of one height line up. */
void
moat_render_layout_get_size (PangoLayout *layout,
                             double      *width,
                             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double)logical.width / PANGO_SCALE;
  *height = (double)logical.height / PANGO_SCALE;
}

/* The size of a laid out text, and how far its ink reaches past its
 * logical box, as a text of stacked combining marks does. */
static double *
measure (MoatRenderText *text,
         MoatTextStyle   style,
         const char     *string,
         double          max_width,
         double          max_height)
{
  g_autofree char *key = g_strdup_printf ("%d %g %g %s", style, max_width, max_height, string);
  double *size = g_hash_table_lookup (text->sizes, key);

  if (size == NULL)
    {
      g_autoptr(PangoLayout) layout = moat_render_layout_new (text, style, string, max_width,
                                                              max_height);
      PangoRectangle ink;
      PangoRectangle logical;
      int overflow;

      if (g_hash_table_size (text->sizes) >= MAX_KEPT_SIZES)
        g_hash_table_remove_all (text->sizes);

      pango_layout_get_extents (layout, &ink, &logical);
      overflow = MAX (MAX (logical.x - ink.x, logical.y - ink.y),
                      MAX (ink.x + ink.width - logical.x - logical.width,
                           ink.y + ink.height - logical.y - logical.height));

      size = g_new (double, 3);
      size[0] = (double)logical.width / PANGO_SCALE;
      size[1] = (double)logical.height / PANGO_SCALE;
      size[2] = ink.width > 0 ? (double)MAX (overflow, 0) / PANGO_SCALE : 0;
      g_hash_table_insert (text->sizes, g_steal_pointer (&key), size);
    }

  return size;
}

/**
 * moat_render_measure_text:
 * @max_width: as @width of moat_render_layout_new()
 * @max_height: as @height of moat_render_layout_new()
 * @width: (out): the logical width of the laid out text
 * @height: (out): its logical height
 *
 * Measures a text as moat_render_layout_new() lays it out. Each text is
 * laid out once per render or hit test call, or once while a
 * MoatRenderIndex keeps @text, because laying out is the slow part of
 * drawing a large diagram.
 */
void
moat_render_measure_text (MoatRenderText *text,
                          MoatTextStyle   style,
                          const char     *string,
                          double          max_width,
                          double          max_height,
                          double         *width,
                          double         *height)
{
  double *size = measure (text, style, string, max_width, max_height);

  *width = size[0];
  *height = size[1];
}

/**
 * moat_render_measure_overflow:
 *
 * Returns: how far the ink of a text laid out as moat_render_measure_text()
 *   lays it out reaches past its logical box, on its farthest side
 */
double
moat_render_measure_overflow (MoatRenderText *text,
                              MoatTextStyle   style,
                              const char     *string,
                              double          max_width,
                              double          max_height)
{
  return measure (text, style, string, max_width, max_height)[2];
}

/**
 * moat_render_get_threat_summary:
 * @n_open: (out): the number of OPEN threats of @target_id
 * @highest: (out): the highest severity among them
 *
 * Returns: whether @target_id has at least one OPEN threat
 */
gboolean
moat_render_get_threat_summary (MoatDocument *document,
                                const char   *target_id,
                                guint        *n_open,
                                MoatSeverity *highest)
{
  GPtrArray *threats = moat_document_get_threats_for (document, target_id);

  *n_open = 0;
  *highest = MOAT_SEVERITY_UNSET;

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      if (moat_threat_get_status (threat) != MOAT_THREAT_STATUS_OPEN)
        continue;

      (*n_open)++;
      *highest = MAX (*highest, moat_threat_get_severity (threat));
    }

  return *n_open > 0;
}

/* The severity is spelled out, so the badge does not rely on its colour. */
char *
moat_render_dup_badge_text (guint        n_open,
                            MoatSeverity highest)
{
  /* Translators: a badge on a diagram item: the number of open threats,
   * then the highest severity among them, for example "3 · HIGH". */
  return g_strdup_printf (_("%u · %s"), n_open, moat_severity_to_label (highest));
}
