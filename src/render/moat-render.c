/* moat-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "moat-crossings.h"
#include "moat-render-private.h"

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} Color;

typedef struct
{
  Color background;
  Color grid;
  Color text;
  Color dim_text;
  Color outline;
  Color fill;
  Color flow;
  Color label_fill;
  Color label_outline;
  Color boundary;
  Color badge_fill[MOAT_SEVERITY_CRITICAL + 1];
  Color badge_text[MOAT_SEVERITY_CRITICAL + 1];
} Palette;

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                      ((hex) & 0xff) / 255.0, (a) }

/* The GNOME palette. Severity badges also carry the severity as text, and
 * element kinds differ by shape, so no meaning depends on colour. */
static const Palette light_palette = {
  .background = RGB (0xffffff, 1),
  .grid = RGB (0x000000, 0.07),
  .text = RGB (0x241f31, 1),
  .dim_text = RGB (0x5e5c64, 1),
  .outline = RGB (0x3d3846, 1),
  .fill = RGB (0xf6f5f4, 1),
  .flow = RGB (0x3d3846, 1),
  .label_fill = RGB (0xffffff, 0.92),
  .label_outline = RGB (0x000000, 0.2),
  .boundary = RGB (0xc01c28, 1),
  .badge_fill = {
    RGB (0x5e5c64, 1), RGB (0x1c71d8, 1), RGB (0xf5c211, 1), RGB (0xc64600, 1),
    RGB (0xa51d2d, 1),
  },
  .badge_text = {
    RGB (0xffffff, 1), RGB (0xffffff, 1), RGB (0x241f31, 1), RGB (0xffffff, 1),
    RGB (0xffffff, 1),
  },
};

static const Palette dark_palette = {
  .background = RGB (0x1e1e1e, 1),
  .grid = RGB (0xffffff, 0.07),
  .text = RGB (0xffffff, 1),
  .dim_text = RGB (0xc0bfbc, 1),
  .outline = RGB (0xdeddda, 1),
  .fill = RGB (0x303030, 1),
  .flow = RGB (0xdeddda, 1),
  .label_fill = RGB (0x2a2a2a, 0.92),
  .label_outline = RGB (0xffffff, 0.25),
  .boundary = RGB (0xff7b63, 1),
  .badge_fill = {
    RGB (0x9a9996, 1), RGB (0x62a0ea, 1), RGB (0xf8e45c, 1), RGB (0xffa348, 1),
    RGB (0xf66151, 1),
  },
  .badge_text = {
    RGB (0x1e1e1e, 1), RGB (0x1e1e1e, 1), RGB (0x1e1e1e, 1), RGB (0x1e1e1e, 1),
    RGB (0x1e1e1e, 1),
  },
};

typedef struct
{
  cairo_t *cr;
  const Palette *palette;
  MoatDocument *document;
  /* The index whose counts of open threats the badges use, or %NULL to
   * count them in the document. */
  MoatRenderIndex *index;
  MoatRenderText *text;
  MoatFlowSlots *slots;
  MoatCrossings *crossings;
  double pixel;
  gboolean draw_text;
  gboolean show_review_progress;
} Renderer;

/* A flow whose line is drawn, so its label is drawn once the elements
 * are. The geometry borrows the flow's bend points. */
typedef struct
{
  MoatFlow *flow;
  MoatFlowGeometry geometry;
} DrawnFlow;

static void
set_color (cairo_t     *cr,
           const Color *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* @color with its alpha multiplied by @factor. */
static void
set_faded_color (cairo_t     *cr,
                 const Color *color,
                 double       factor)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * factor);
}

static void
path_rounded_rect (cairo_t        *cr,
                   const MoatRect *rect,
                   double          radius)
{
  radius = MIN (radius, MIN (rect->width, rect->height) / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, rect->x + rect->width - radius, rect->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, rect->x + rect->width - radius, rect->y + rect->height - radius, radius,
             0, G_PI / 2);
  cairo_arc (cr, rect->x + radius, rect->y + rect->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, rect->x + radius, rect->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_layout (Renderer    *renderer,
             PangoLayout *layout,
             double       x,
             double       y,
             const Color *color)
{
  set_color (renderer->cr, color);
  cairo_move_to (renderer->cr, x, y);
  pango_cairo_show_layout (renderer->cr, layout);
}

static void
draw_grid (Renderer                *renderer,
           const MoatRenderOptions *options)
{
  cairo_t *cr = renderer->cr;
  const MoatRect *area = &options->visible;
  double step = options->grid_size;

  /* Too dense a grid is noise, and at a small zoom it would cost more
   * lines than the diagram has items. */
  if (step <= 0 || step / renderer->pixel < 6 || area->width <= 0 || area->height <= 0)
    return;

  for (double x = floor (area->x / step) * step; x <= area->x + area->width; x += step)
    {
      cairo_move_to (cr, x, area->y);
      cairo_line_to (cr, x, area->y + area->height);
    }

  for (double y = floor (area->y / step) * step; y <= area->y + area->height; y += step)
    {
      cairo_move_to (cr, area->x, y);
      cairo_line_to (cr, area->x + area->width, y);
    }

  set_color (cr, &renderer->palette->grid);
  cairo_set_line_width (cr, renderer->pixel);
  cairo_stroke (cr);
}

static gboolean
get_threat_summary (Renderer     *renderer,
                    MoatItem     *item,
                    guint        *n_open,
                    MoatSeverity *highest)
{
  if (renderer->index != NULL)
    return moat_render_index_get_threat_summary (renderer->index, item, n_open, highest);

  return moat_render_get_threat_summary (renderer->document, moat_item_get_id (item), n_open,
                                         highest);
}

static void
draw_badge (Renderer       *renderer,
            MoatItem       *item,
            const MoatRect *rect)
{
  cairo_t *cr = renderer->cr;
  guint n_open;
  MoatSeverity highest;
  g_autofree char *string = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (!get_threat_summary (renderer, item, &n_open, &highest))
    return;

  string = moat_render_dup_badge_text (n_open, highest);
  layout = moat_render_layout_new (renderer->text, MOAT_TEXT_BADGE, string, 0, 0);

  path_rounded_rect (cr, rect, rect->height / 2);
  set_color (cr, &renderer->palette->badge_fill[highest]);
  cairo_fill_preserve (cr);
  set_color (cr, &renderer->palette->background);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  show_layout (renderer, layout, rect->x + BADGE_PADDING_X, rect->y + BADGE_PADDING_Y,
               &renderer->palette->badge_text[highest]);
}

/* A badge without its text, centred on @center: a square of a few pixels
 * at any zoom. */
static void
draw_badge_dot (Renderer  *renderer,
                MoatItem  *item,
                MoatPoint  center)
{
  cairo_t *cr = renderer->cr;
  double size = 6 * renderer->pixel;
  guint n_open;
  MoatSeverity highest;

  if (!get_threat_summary (renderer, item, &n_open, &highest))
    return;

  cairo_rectangle (cr, center.x - size / 2, center.y - size / 2, size, size);
  set_color (cr, &renderer->palette->badge_fill[highest]);
  cairo_fill (cr);
}

static void
draw_boundary (Renderer     *renderer,
               MoatBoundary *boundary)
{
  cairo_t *cr = renderer->cr;
  MoatRect bounds = moat_boundary_get_bounds (boundary);
  MoatRect label;
  static const double dashes[] = { 8, 5 };

  path_rounded_rect (cr, &bounds, BOUNDARY_RADIUS);
  set_color (cr, &renderer->palette->boundary);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (renderer->draw_text && moat_render_boundary_label_rect (renderer->text, boundary, &label))
    {
      g_autoptr(PangoLayout) layout =
        moat_render_layout_new (renderer->text, MOAT_TEXT_BOUNDARY,
                                moat_item_get_name (MOAT_ITEM (boundary)),
                                bounds.width - 2 * BOUNDARY_LABEL_INSET, -1);

      show_layout (renderer, layout, label.x, label.y, &renderer->palette->boundary);
    }
}

/* A filled triangle whose tip is at @tip, pointing away from @from. */
static void
draw_arrowhead (cairo_t   *cr,
                MoatPoint  from,
                MoatPoint  tip)
{
  double dx = tip.x - from.x;
  double dy = tip.y - from.y;
  double length = hypot (dx, dy);
  double ux;
  double uy;

  if (length == 0)
    return;

  ux = dx / length;
  uy = dy / length;

  cairo_move_to (cr, tip.x, tip.y);
  cairo_line_to (cr, tip.x - ux * ARROW_LENGTH - uy * ARROW_HALF_WIDTH,
                 tip.y - uy * ARROW_LENGTH + ux * ARROW_HALF_WIDTH);
  cairo_line_to (cr, tip.x - ux * ARROW_LENGTH + uy * ARROW_HALF_WIDTH,
                 tip.y - uy * ARROW_LENGTH - ux * ARROW_HALF_WIDTH);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
path_polyline (cairo_t         *cr,
               const MoatPoint *points,
               guint            n_points)
{
  cairo_move_to (cr, points[0].x, points[0].y);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, points[i].x, points[i].y);
}

/* Moves @point toward @toward by @amount, if the segment is long enough
 * that it keeps some length. */
static void
shorten_toward (MoatPoint *point,
                MoatPoint  toward,
                double     amount)
{
  double dx = toward.x - point->x;
  double dy = toward.y - point->y;
  double length = hypot (dx, dy);

  if (length <= 3 * amount)
    return;

  point->x += dx / length * amount;
  point->y += dy / length * amount;
}

static void
draw_flow_line (Renderer               *renderer,
                MoatFlow               *flow,
                const MoatFlowGeometry *geometry)
{
  cairo_t *cr = renderer->cr;
  gboolean bidirectional = moat_flow_get_bidirectional (flow);
  guint n_points = moat_flow_geometry_get_n_points (geometry);
  g_autofree MoatPoint *points = g_new (MoatPoint, n_points);
  static const double dashes[] = { 6, 4 };

  moat_flow_geometry_get_points (geometry, points);
  if (moat_render_polyline_length (points, n_points) == 0)
    return;

  /* Stop the line at the arrowheads' base, so a wide line does not show
   * past their tips. */
  if (!geometry->loop)
    {
      shorten_toward (&points[n_points - 1], points[n_points - 2], ARROW_LENGTH * 0.8);
      if (bidirectional)
        shorten_toward (&points[0], points[1], ARROW_LENGTH * 0.8);
    }

  path_polyline (cr, points, n_points);
  set_color (cr, moat_flow_get_out_of_scope (flow) ? &renderer->palette->dim_text
                                                   : &renderer->palette->flow);
  cairo_set_line_width (cr, 1.5);
  if (moat_flow_get_out_of_scope (flow))
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Arrowheads point along the line's last segment, which for a loop is
   * the curve's tangent. */
  moat_flow_geometry_get_points (geometry, points);
  draw_arrowhead (cr, points[n_points - 2], geometry->end);
  if (bidirectional)
    draw_arrowhead (cr, points[1], geometry->start);
}

/* A diamond where the line passes through a trust boundary's frame, so a
 * crossing flow shows by shape as well as by position. */
static void
draw_crossing_marks (Renderer               *renderer,
                     MoatFlow               *flow,
                     const MoatFlowGeometry *geometry)
{
  cairo_t *cr = renderer->cr;
  guint n_points = moat_flow_geometry_get_n_points (geometry);
  g_autofree MoatPoint *points = g_new (MoatPoint, n_points);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  const MoatCrossing *crossings;
  guint n_crossings;

  crossings = moat_crossings_get_for_flow (renderer->crossings,
                                           moat_item_get_id (MOAT_ITEM (flow)), &n_crossings);
  if (n_crossings == 0)
    return;

  moat_flow_geometry_get_points (geometry, points);
  for (guint i = 0; i < n_crossings; i++)
    moat_render_add_frame_crossings (crossings[i].boundary, points, n_points, marks);

  for (guint i = 0; i < marks->len; i++)
    {
      MoatPoint mark = g_array_index (marks, MoatPoint, i);

      cairo_move_to (cr, mark.x, mark.y - CROSSING_MARK_RADIUS);
      cairo_line_to (cr, mark.x + CROSSING_MARK_RADIUS, mark.y);
      cairo_line_to (cr, mark.x, mark.y + CROSSING_MARK_RADIUS);
      cairo_line_to (cr, mark.x - CROSSING_MARK_RADIUS, mark.y);
      cairo_close_path (cr);
    }

  set_color (cr, &renderer->palette->boundary);
  cairo_fill_preserve (cr);
  set_color (cr, &renderer->palette->background);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* A dashed pill above the label, such as "STRIDE 3/6", on an in-scope
 * flow whose six categories are not all reviewed. Only the canvas turns
 * it on, so exported images leave it out. */
static void
draw_review_progress (Renderer               *renderer,
                      MoatFlow               *flow,
                      const MoatFlowGeometry *geometry)
{
  static const double dashes[] = { 3, 2 };
  cairo_t *cr = renderer->cr;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  MoatRect pill;

  if (!moat_render_flow_review_rect (renderer->text, flow, geometry, &text, &pill))
    return;

  layout = moat_render_layout_new (renderer->text, MOAT_TEXT_BADGE, text, 0, 0);

  path_rounded_rect (cr, &pill, pill.height / 2);
  set_color (cr, &renderer->palette->label_fill);
  cairo_fill_preserve (cr);
  set_color (cr, &renderer->palette->dim_text);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  show_layout (renderer, layout, pill.x + BADGE_PADDING_X, pill.y + BADGE_PADDING_Y,
               &renderer->palette->text);
}

/* The label, caption and threat badge of a flow, drawn over the elements
 * so that a short flow's label stays readable. */
static void
draw_flow_annotations (Renderer               *renderer,
                       MoatFlow               *flow,
                       const MoatFlowGeometry *geometry)
{
  cairo_t *cr = renderer->cr;
  MoatRect rect;

  if (moat_render_flow_label_rect (renderer->text, flow, geometry, &rect))
    {
      g_autoptr(PangoLayout) layout =
        moat_render_layout_new (renderer->text, MOAT_TEXT_LABEL,
                                moat_item_get_name (MOAT_ITEM (flow)),
                                FLOW_LABEL_MAX_WIDTH, -FLOW_LABEL_MAX_LINES);
      PangoRectangle logical;

      path_rounded_rect (cr, &rect, MIN (rect.height / 2, 9));
      set_color (cr, &renderer->palette->label_fill);
      cairo_fill_preserve (cr);
      set_color (cr, &renderer->palette->label_outline);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      /* The lines are centred in the layout's width; shifting by where
       * its text starts centres them in the pill. Narrowing the layout
       * instead would change a layout that others share, and ellipsize
       * a long label again, shorter, at each frame. */
      pango_layout_get_extents (layout, NULL, &logical);
      show_layout (renderer, layout,
                   rect.x + LABEL_PADDING_X - (double)logical.x / PANGO_SCALE,
                   rect.y + LABEL_PADDING_Y,
                   moat_flow_get_out_of_scope (flow) ? &renderer->palette->dim_text
                                                     : &renderer->palette->text);
    }

  if (moat_render_flow_caption_rect (renderer->text, flow, geometry, &rect))
    {
      g_autoptr(PangoLayout) layout =
        moat_render_layout_new (renderer->text, MOAT_TEXT_CAPTION, _("Out of scope"), 0, 0);

      path_rounded_rect (cr, &rect, 3);
      set_color (cr, &renderer->palette->label_fill);
      cairo_fill (cr);
      show_layout (renderer, layout, rect.x, rect.y, &renderer->palette->dim_text);
    }

  if (moat_render_flow_badge_rect (renderer->text, renderer->document, flow, geometry, &rect))
    draw_badge (renderer, MOAT_ITEM (flow), &rect);

  if (renderer->show_review_progress)
    draw_review_progress (renderer, flow, geometry);
}

static void
path_element (cairo_t     *cr,
              MoatElement *element)
{
  MoatRect bounds = moat_element_get_bounds (element);

  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_KIND_PROCESS:
      cairo_save (cr);
      cairo_translate (cr, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
      cairo_scale (cr, bounds.width / 2, bounds.height / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_restore (cr);
      break;

    case MOAT_ELEMENT_KIND_EXTERNAL_ENTITY:
    case MOAT_ELEMENT_KIND_DATA_STORE:
    default:
      cairo_rectangle (cr, bounds.x, bounds.y, bounds.width, bounds.height);
      break;
    }
}

/* The outline differs per kind: a thick closed rectangle for an external
 * entity, an ellipse for a process, and for a data store a box open on
 * the right, with the divider of the Gane–Sarson notation on the left. */
static void
stroke_element (cairo_t     *cr,
                MoatElement *element)
{
  MoatRect bounds = moat_element_get_bounds (element);
  double right = bounds.x + bounds.width;
  double bottom = bounds.y + bounds.height;

  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_KIND_EXTERNAL_ENTITY:
      cairo_rectangle (cr, bounds.x, bounds.y, bounds.width, bounds.height);
      cairo_set_line_width (cr, 3);
      break;

    case MOAT_ELEMENT_KIND_DATA_STORE:
      cairo_move_to (cr, right, bounds.y);
      cairo_line_to (cr, bounds.x, bounds.y);
      cairo_line_to (cr, bounds.x, bottom);
      cairo_line_to (cr, right, bottom);
      cairo_move_to (cr, bounds.x + MIN (TEXT_INSET * 2, bounds.width / 4), bounds.y);
      cairo_line_to (cr, bounds.x + MIN (TEXT_INSET * 2, bounds.width / 4), bottom);
      cairo_set_line_width (cr, 1.5);
      break;

    case MOAT_ELEMENT_KIND_PROCESS:
    default:
      path_element (cr, element);
      cairo_set_line_width (cr, 1.5);
      break;
    }

  cairo_stroke (cr);
}

static void
draw_element_name (Renderer    *renderer,
                   MoatElement *element,
                   const Color *color)
{
  const char *name = moat_item_get_name (MOAT_ITEM (element));
  g_autoptr(PangoLayout) layout = NULL;
  MoatRect area;
  double width;
  double height;

  moat_render_element_name_area (element, &area);

  if (name == NULL || name[0] == '\0' || area.width < 1 || area.height < 1)
    return;

  layout = moat_render_layout_new (renderer->text, MOAT_TEXT_NAME, name,
                                   area.width, area.height);
  moat_render_layout_get_size (layout, &width, &height);
  show_layout (renderer, layout, area.x, area.y + (area.height - MIN (height, area.height)) / 2,
               color);
}

static void
draw_element (Renderer    *renderer,
              MoatElement *element)
{
  cairo_t *cr = renderer->cr;
  gboolean out_of_scope = moat_element_get_out_of_scope (element);
  static const double dashes[] = { 6, 4 };
  MoatRect rect;

  path_element (cr, element);
  set_color (cr, &renderer->palette->fill);
  cairo_fill (cr);

  set_color (cr, out_of_scope ? &renderer->palette->dim_text : &renderer->palette->outline);
  if (out_of_scope)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  stroke_element (cr, element);
  cairo_set_dash (cr, NULL, 0, 0);

  if (!renderer->draw_text)
    {
      MoatRect bounds = moat_element_get_bounds (element);

      draw_badge_dot (renderer, MOAT_ITEM (element),
                      (MoatPoint) { bounds.x + bounds.width, bounds.y });
      return;
    }

  draw_element_name (renderer, element,
                     out_of_scope ? &renderer->palette->dim_text : &renderer->palette->text);

  if (moat_render_element_caption_rect (renderer->text, element, &rect))
    {
      g_autoptr(PangoLayout) layout =
        moat_render_layout_new (renderer->text, MOAT_TEXT_CAPTION,
                                _("Out of scope"), 0, 0);

      show_layout (renderer, layout, rect.x, rect.y, &renderer->palette->dim_text);
    }

  if (moat_render_element_badge_rect (renderer->text, renderer->document, element, &rect))
    draw_badge (renderer, MOAT_ITEM (element), &rect);
}

static gboolean
is_chosen (const MoatRenderOptions *options,
           gpointer                 item)
{
  if (options->hidden != NULL && g_hash_table_contains (options->hidden, item))
    return FALSE;

  return options->only == NULL || g_hash_table_contains (options->only, item);
}

/* Culling tests a cheap area that surely contains everything the item
 * draws, because measuring each label first would cost as much as
 * drawing it. */
static gboolean
is_visible (const MoatRenderOptions *options,
            MoatRect                 area)
{
  if (options->visible.width <= 0 || options->visible.height <= 0)
    return TRUE;

  area.x -= CULL_MARGIN;
  area.y -= CULL_MARGIN;
  area.width += 2 * CULL_MARGIN;
  area.height += 2 * CULL_MARGIN;

  return moat_rect_intersects (&area, &options->visible);
}

static MoatRect
get_flow_line_bounds (const MoatFlowGeometry *geometry)
{
  MoatRect bounds = { geometry->start.x, geometry->start.y, 0, 0 };
  MoatRect end = { geometry->end.x, geometry->end.y, 0, 0 };
  MoatRect handle1 = { geometry->handle1.x, geometry->handle1.y, 0, 0 };
  MoatRect handle2 = { geometry->handle2.x, geometry->handle2.y, 0, 0 };

  /* A Bézier curve lies inside the hull of its control points. */
  moat_rect_union (&bounds, &end, &bounds);
  moat_rect_union (&bounds, &handle1, &bounds);
  moat_rect_union (&bounds, &handle2, &bounds);

  for (guint i = 0; i < geometry->n_vertices; i++)
    {
      MoatRect vertex = { geometry->vertices[i].x, geometry->vertices[i].y, 0, 0 };

      moat_rect_union (&bounds, &vertex, &bounds);
    }

  return bounds;
}

/**
 * moat_render_options_init:
 *
 * Sets @options to the defaults: light palette, background, no grid and
 * no culling.
 */
void
moat_render_options_init (MoatRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (MoatRenderOptions) {
    .visible = { 0, 0, 0, 0 },
    .dark = FALSE,
    .draw_background = TRUE,
    .show_grid = FALSE,
    .grid_size = MOAT_RENDER_GRID_SIZE,
    .show_review_progress = FALSE,
  };
}

/* A process as an ellipse of four cubic curves, which needs no change of
 * the transformation, so thousands of them make one path cheaply. */
static void
path_ellipse (cairo_t        *cr,
              const MoatRect *bounds)
{
  /* The control point distance that makes a cubic curve follow a
   * quarter circle within 0.03 % of its radius. */
  const double kappa = 0.5522847498;
  double rx = bounds->width / 2;
  double ry = bounds->height / 2;
  double cx = bounds->x + rx;
  double cy = bounds->y + ry;

  cairo_move_to (cr, cx + rx, cy);
  cairo_curve_to (cr, cx + rx, cy + ry * kappa, cx + rx * kappa, cy + ry, cx, cy + ry);
  cairo_curve_to (cr, cx - rx * kappa, cy + ry, cx - rx, cy + ry * kappa, cx - rx, cy);
  cairo_curve_to (cr, cx - rx, cy - ry * kappa, cx - rx * kappa, cy - ry, cx, cy - ry);
  cairo_curve_to (cr, cx + rx * kappa, cy - ry, cx + rx, cy - ry * kappa, cx + rx, cy);
  cairo_close_path (cr);
}

/* Appends to the path the shape of each element of @elements whose
 * out-of-scope flag equals @out_of_scope. */
static void
path_simple_elements (cairo_t   *cr,
                      GPtrArray *elements,
                      gboolean   out_of_scope)
{
  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      MoatRect bounds = moat_element_get_bounds (element);

      if (moat_element_get_out_of_scope (element) != out_of_scope)
        continue;

      if (moat_element_get_kind (element) == MOAT_ELEMENT_KIND_PROCESS)
        path_ellipse (cr, &bounds);
      else
        cairo_rectangle (cr, bounds.x, bounds.y, bounds.width, bounds.height);
    }
}

/* The far view, where an element is a few pixels wide: one path per
 * style, drawn without antialiasing, so the cost is in the items'
 * coordinates rather than in a fill or stroke per item and the
 * rasterizer's coverage sums. Lines are one pixel wide, with their
 * colour faded by how much of that pixel the full line would cover, so
 * the view looks as the detailed one does from afar. Processes stay
 * ellipses, in-scope elements are filled and out-of-scope ones only
 * outlined, so kinds and scope still differ by shape. Flows lose their
 * arrowheads and crossing marks, which are under a pixel here, and
 * threat badges stay as dots of their severity's colour. */
static void
draw_simplified (Renderer  *renderer,
                 GPtrArray *boundaries,
                 GArray    *drawn_flows,
                 GPtrArray *elements)
{
  cairo_t *cr = renderer->cr;
  /* Dashes of a few pixels: the detailed view's dashes of 8 and 5 units
   * are under a pixel here, where each costs the stroker a segment of
   * its own and they blur into a solid line anyway. */
  double dashes[] = { 4 * renderer->pixel, 3 * renderer->pixel };
  double coverage = MIN (1, 1.5 / renderer->pixel);
  double dot_size = 6 * renderer->pixel;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  g_autoptr(GArray) dot_severities = g_array_new (FALSE, FALSE, sizeof (MoatSeverity));

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_line_width (cr, renderer->pixel);

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatRect bounds = moat_boundary_get_bounds (g_ptr_array_index (boundaries, i));

      cairo_rectangle (cr, bounds.x, bounds.y, bounds.width, bounds.height);
    }
  set_faded_color (cr, &renderer->palette->boundary, coverage);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (int out_of_scope = 0; out_of_scope <= 1; out_of_scope++)
    {
      for (guint i = 0; i < drawn_flows->len; i++)
        {
          DrawnFlow *drawn = &g_array_index (drawn_flows, DrawnFlow, i);
          guint n_points = moat_flow_geometry_get_n_points (&drawn->geometry);

          if (moat_flow_get_out_of_scope (drawn->flow) != out_of_scope)
            continue;

          g_array_set_size (points, n_points);
          moat_flow_geometry_get_points (&drawn->geometry, (MoatPoint *)points->data);
          path_polyline (cr, (MoatPoint *)points->data, n_points);
        }

      set_faded_color (cr, out_of_scope ? &renderer->palette->dim_text
                                        : &renderer->palette->flow, coverage);
      if (out_of_scope)
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Filled elements stay at least a fifth opaque, so they still show
   * where their outlines would fade to nothing. */
  path_simple_elements (cr, elements, FALSE);
  set_faded_color (cr, &renderer->palette->outline, MAX (coverage, 0.2));
  cairo_fill (cr);

  path_simple_elements (cr, elements, TRUE);
  set_faded_color (cr, &renderer->palette->dim_text, coverage);
  cairo_stroke (cr);

  /* Each item's threats are summed once, then drawn by severity. */
  for (guint i = 0; i < elements->len + drawn_flows->len; i++)
    {
      MoatItem *item;
      MoatPoint center;
      guint n_open;
      MoatSeverity highest;

      if (i < elements->len)
        {
          MoatRect bounds;

          item = g_ptr_array_index (elements, i);
          bounds = moat_element_get_bounds (MOAT_ELEMENT (item));
          center = (MoatPoint) { bounds.x + bounds.width, bounds.y };
        }
      else
        {
          DrawnFlow *drawn = &g_array_index (drawn_flows, DrawnFlow, i - elements->len);

          item = MOAT_ITEM (drawn->flow);
          center = drawn->geometry.label_center;
        }

      if (get_threat_summary (renderer, item, &n_open, &highest))
        {
          g_array_append_val (dots, center);
          g_array_append_val (dot_severities, highest);
        }
    }

  for (MoatSeverity severity = 0; severity <= MOAT_SEVERITY_CRITICAL; severity++)
    {
      for (guint i = 0; i < dots->len; i++)
        {
          MoatPoint center = g_array_index (dots, MoatPoint, i);

          if (g_array_index (dot_severities, MoatSeverity, i) == severity)
            cairo_rectangle (cr, center.x - dot_size / 2, center.y - dot_size / 2, dot_size,
                             dot_size);
        }

      set_color (cr, &renderer->palette->badge_fill[severity]);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

/* Draws the line of a flow that is not culled, unless the far view
 * draws it later with the others, and keeps it for its label. */
static void
draw_flow (Renderer        *renderer,
           const DrawnFlow *drawn,
           gboolean         simplified,
           GArray          *drawn_flows)
{
  if (!simplified)
    {
      draw_flow_line (renderer, drawn->flow, &drawn->geometry);
      draw_crossing_marks (renderer, drawn->flow, &drawn->geometry);
    }

  g_array_append_val (drawn_flows, *drawn);
}

/* Sets the arrays to the items that can be drawn in @options->visible,
 * each in diagram order, and returns whether they are @found. With an
 * index, those are the items it lists, or the items of @only sorted by
 * it, which each step of a drag would otherwise make stale. Otherwise
 * they are the diagram's own arrays. */
static gboolean
collect_candidates (MoatDiagram             *diagram,
                    const MoatRenderOptions *options,
                    GPtrArray               *found[3],
                    GPtrArray              **boundaries,
                    GPtrArray              **flows,
                    GPtrArray              **elements)
{
  *boundaries = found[0];
  *flows = found[1];
  *elements = found[2];

  if (options->index != NULL && options->only != NULL &&
      moat_render_index_sort_items (options->index, options->only, found[0], found[1],
                                    found[2]))
    return TRUE;

  for (guint a = 0; a < 3; a++)
    g_ptr_array_set_size (found[a], 0);

  if (options->index != NULL && options->only == NULL && options->visible.width > 0 &&
      options->visible.height > 0)
    {
      moat_render_index_query (options->index, &options->visible, found[0], found[1],
                               found[2]);
      return TRUE;
    }

  *boundaries = moat_diagram_get_boundaries (diagram);
  *flows = moat_diagram_get_flows (diagram);
  *elements = moat_diagram_get_elements (diagram);

  return FALSE;
}

/**
 * moat_render_diagram:
 * @cr: the target, with a transformation from diagram coordinates
 * @options: how to draw
 *
 * Draws @diagram in DFD notation: trust boundaries, then the lines of
 * data flows, then elements, then the flows' labels and threat badges on
 * top. Flows whose source or target is missing are
 * skipped, so a half-loaded or damaged model still draws.
 *
 * Returns: the number of items drawn, after culling
 */
guint
moat_render_diagram (MoatDocument            *document,
                     MoatDiagram             *diagram,
                     cairo_t                 *cr,
                     const MoatRenderOptions *options)
{
  g_autoptr(GPtrArray) found_boundaries = g_ptr_array_new ();
  g_autoptr(GPtrArray) found_flows = g_ptr_array_new ();
  g_autoptr(GPtrArray) found_elements = g_ptr_array_new ();
  GPtrArray *found[3] = { found_boundaries, found_flows, found_elements };
  GPtrArray *boundaries;
  GPtrArray *flows;
  GPtrArray *elements;
  g_autoptr(GPtrArray) drawn_elements = g_ptr_array_new ();
  g_autoptr(GPtrArray) drawn_boundaries = g_ptr_array_new ();
  Renderer renderer = { NULL };
  MoatRenderText own_text;
  MoatFlowSlots own_slots = { NULL };
  g_autoptr(GArray) drawn_flows = g_array_new (FALSE, FALSE, sizeof (DrawnFlow));
  gboolean simplified;
  double unused = 0;
  guint n_drawn = 0;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (options != NULL, 0);
  g_return_val_if_fail (options->index == NULL ||
                        moat_render_index_get_diagram (options->index) == diagram, 0);

  cairo_save (cr);

  renderer.cr = cr;
  renderer.document = document;
  /* A drag draws its moving items with a stale index, which must not
   * build again at each step. */
  if (options->only == NULL)
    renderer.index = options->index;
  renderer.crossings = options->crossings != NULL ? moat_crossings_ref (options->crossings)
                                                 : moat_crossings_new (diagram);
  renderer.palette = options->dark ? &dark_palette : &light_palette;
  renderer.show_review_progress = options->show_review_progress;
  renderer.pixel = 1;
  cairo_device_to_user_distance (cr, &renderer.pixel, &unused);
  renderer.pixel = fabs (renderer.pixel);
  renderer.draw_text = renderer.pixel * options->text_min_scale <= 1;
  simplified = renderer.pixel * options->detail_min_scale > 1;

  if (options->index != NULL)
    renderer.text = moat_render_index_get_draw_text (options->index, cr);
  else
    {
      moat_render_text_init (&own_text, cr);
      renderer.text = &own_text;
    }

  if (collect_candidates (diagram, options, found, &boundaries, &flows, &elements) &&
      options->only != NULL)
    {
      /* The sorted items of @only contain the flows to place. */
      moat_flow_slots_init_from (&own_slots, flows, NULL);
      renderer.slots = &own_slots;
    }
  else if (options->index != NULL && options->only == NULL)
    renderer.slots = moat_render_index_get_slots (options->index);
  else
    {
      moat_flow_slots_init_for (&own_slots, diagram, options->only);
      renderer.slots = &own_slots;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (options->draw_background)
    {
      set_color (cr, &renderer.palette->background);
      cairo_paint (cr);
    }

  if (options->show_grid)
    draw_grid (&renderer, options);

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatBoundary *boundary = g_ptr_array_index (boundaries, i);

      if (!is_chosen (options, boundary) ||
          !is_visible (options, moat_boundary_get_bounds (boundary)))
        continue;

      g_ptr_array_add (drawn_boundaries, boundary);
      if (!simplified)
        draw_boundary (&renderer, boundary);
    }

  for (guint i = 0; i < flows->len; i++)
    {
      DrawnFlow drawn = { g_ptr_array_index (flows, i) };

      MoatRect reach;

      if (!is_chosen (options, drawn.flow))
        continue;

      if (renderer.slots != &own_slots)
        {
          if (!moat_render_index_get_flow_geometry (options->index, drawn.flow,
                                                    &drawn.geometry) ||
              !is_visible (options, get_flow_line_bounds (&drawn.geometry)))
            continue;

          draw_flow (&renderer, &drawn, simplified, drawn_flows);
          continue;
        }

      /* The reach needs no layout, so far flows cost two lookups. */
      if (!moat_render_get_flow_reach (document, drawn.flow, &reach))
        {
          g_debug ("Flow %s has no source or target element, so it is not drawn",
                   moat_item_get_id (MOAT_ITEM (drawn.flow)));
          continue;
        }

      reach.x -= 4 * FLOW_SPACING;
      reach.y -= 4 * FLOW_SPACING;
      reach.width += 8 * FLOW_SPACING;
      reach.height += 8 * FLOW_SPACING;
      if (!is_visible (options, reach) ||
          !moat_flow_geometry_compute (document, renderer.slots, drawn.flow, &drawn.geometry))
        continue;

      if (!is_visible (options, get_flow_line_bounds (&drawn.geometry)))
        continue;

      draw_flow (&renderer, &drawn, simplified, drawn_flows);
    }

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);

      if (!is_chosen (options, element) ||
          !is_visible (options, moat_element_get_bounds (element)))
        continue;

      g_ptr_array_add (drawn_elements, element);
      if (!simplified)
        draw_element (&renderer, element);
    }

  for (guint i = 0; !simplified && i < drawn_flows->len; i++)
    {
      DrawnFlow *drawn = &g_array_index (drawn_flows, DrawnFlow, i);

      if (renderer.draw_text)
        draw_flow_annotations (&renderer, drawn->flow, &drawn->geometry);
      else
        draw_badge_dot (&renderer, MOAT_ITEM (drawn->flow), drawn->geometry.label_center);
    }

  if (simplified)
    draw_simplified (&renderer, drawn_boundaries, drawn_flows, drawn_elements);

  n_drawn = drawn_boundaries->len + drawn_flows->len + drawn_elements->len;

  if (renderer.slots == &own_slots)
    moat_flow_slots_clear (&own_slots);
  if (renderer.text == &own_text)
    moat_render_text_clear (&own_text);
  moat_crossings_unref (renderer.crossings);
  cairo_restore (cr);

  return n_drawn;
}
