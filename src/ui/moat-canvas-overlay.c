/* moat-canvas-overlay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <math.h>

#include "moat-canvas-private.h"

/* Selection, hover and gesture feedback, drawn over the cached scene in
 * diagram coordinates. Sizes are in pixels, divided by the zoom. */

/**
 * moat_canvas_get_accent_color:
 * @color: (out): the accent colour of the current style
 */
void
moat_canvas_get_accent_color (MoatCanvas *self,
                              GdkRGBA    *color)
{
  *color = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };

  /* libadwaita names the accent colour for use on the window background
   * accent_color; GTK 4.8 has no other way to read a named colour. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  "accent_color", color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
set_accent (cairo_t       *cr,
            const GdkRGBA *accent,
            double         alpha)
{
  cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, accent->alpha * alpha);
}

static void
path_item_outline (MoatCanvas *self,
                   cairo_t    *cr,
                   MoatItem   *item,
                   double      grow)
{
  MoatRect rect;

  if (MOAT_IS_FLOW (item))
    {
      MoatFlowGeometry geometry;
      g_autofree MoatPoint *points = NULL;
      guint n_points;

      if (!moat_render_get_flow_geometry (self->document, self->diagram, MOAT_FLOW (item),
                                          &geometry))
        return;

      n_points = moat_flow_geometry_get_n_points (&geometry);
      points = g_new (MoatPoint, n_points);
      moat_flow_geometry_get_points (&geometry, points);
      cairo_move_to (cr, points[0].x, points[0].y);
      for (guint i = 1; i < n_points; i++)
        cairo_line_to (cr, points[i].x, points[i].y);
      return;
    }

  if (!moat_canvas_get_item_rect (item, &rect))
    return;

  rect.x -= grow;
  rect.y -= grow;
  rect.width += 2 * grow;
  rect.height += 2 * grow;

  if (MOAT_IS_ELEMENT (item) &&
      moat_element_get_kind (MOAT_ELEMENT (item)) == MOAT_ELEMENT_KIND_PROCESS)
    {
      cairo_save (cr);
      cairo_translate (cr, rect.x + rect.width / 2, rect.y + rect.height / 2);
      cairo_scale (cr, rect.width / 2, rect.height / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else
    cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
}

static void
draw_handles (MoatCanvas    *self,
              cairo_t       *cr,
              const GdkRGBA *accent,
              double         pixel)
{
  MoatRect rect;
  double size = MOAT_CANVAS_HANDLE_PIXELS * pixel;

  if (self->selection->len != 1 ||
      !moat_canvas_get_item_rect (g_ptr_array_index (self->selection, 0), &rect))
    return;

  for (guint corner = 0; corner < 4; corner++)
    {
      double x = rect.x + (corner & 1 ? rect.width : 0);
      double y = rect.y + (corner & 2 ? rect.height : 0);

      cairo_rectangle (cr, x - size / 2, y - size / 2, size, size);
    }

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_accent (cr, accent, 1);
  cairo_set_line_width (cr, 1.5 * pixel);
  cairo_stroke (cr);
}

static void
path_handle (cairo_t   *cr,
             MoatPoint  point,
             double     size,
             gboolean   round)
{
  if (round)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, point.x, point.y, size / 2, 0, 2 * G_PI);
    }
  else
    cairo_rectangle (cr, point.x - size / 2, point.y - size / 2, size, size);
}

/* The handles of the selected flow: round ends to reconnect, square bend
 * points to move, and small rings in the middle of each segment to drag
 * out a new bend point. */
static void
draw_flow_handles (MoatCanvas    *self,
                   cairo_t       *cr,
                   const GdkRGBA *accent,
                   double         pixel)
{
  MoatFlow *flow = moat_canvas_get_edited_flow (self);
  MoatFlowGeometry geometry;
  g_autofree MoatPoint *points = NULL;
  double size = MOAT_CANVAS_HANDLE_PIXELS * pixel;
  guint n_points;

  if (flow == NULL || self->drag.mode == MOAT_CANVAS_DRAG_FLOW_END ||
      !moat_render_get_flow_geometry (self->document, self->diagram, flow, &geometry))
    return;

  if (moat_document_get_flow_source (self->document, flow) != NULL)
    path_handle (cr, geometry.start, size, TRUE);
  if (moat_document_get_flow_target (self->document, flow) != NULL)
    path_handle (cr, geometry.end, size, TRUE);
  for (guint i = 0; i < geometry.n_vertices; i++)
    path_handle (cr, geometry.vertices[i], size, FALSE);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_accent (cr, accent, 1);
  cairo_set_line_width (cr, 1.5 * pixel);
  cairo_stroke (cr);

  if (geometry.loop)
    return;

  n_points = moat_flow_geometry_get_n_points (&geometry);
  points = g_new (MoatPoint, n_points);
  moat_flow_geometry_get_points (&geometry, points);
  for (guint i = 1; i < n_points; i++)
    path_handle (cr, (MoatPoint) { (points[i - 1].x + points[i].x) / 2,
                                   (points[i - 1].y + points[i].y) / 2 },
                 size * 0.75, TRUE);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_fill_preserve (cr);
  set_accent (cr, accent, 0.8);
  cairo_set_line_width (cr, pixel);
  cairo_stroke (cr);
}

static void
draw_selection (MoatCanvas    *self,
                cairo_t       *cr,
                const GdkRGBA *accent,
                double         pixel)
{
  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatItem *item = g_ptr_array_index (self->selection, i);
      gboolean flow = MOAT_IS_FLOW (item);

      path_item_outline (self, cr, item, 4 * pixel);
      set_accent (cr, accent, flow ? 0.5 : 1);
      cairo_set_line_width (cr, (flow ? 6 : 2) * pixel);
      cairo_stroke (cr);
    }

  draw_handles (self, cr, accent, pixel);
  draw_flow_handles (self, cr, accent, pixel);
}

/* A dashed line from where the new or reconnected flow starts to the
 * pointer, with the element it would connect to outlined. */
static void
draw_flow_preview (MoatCanvas    *self,
                   cairo_t       *cr,
                   const GdkRGBA *accent,
                   double         pixel,
                   MoatElement   *source)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatRect bounds = moat_element_get_bounds (source);
  MoatPoint start;
  static const double dashes[] = { 6, 4 };
  double scaled_dashes[G_N_ELEMENTS (dashes)];

  start = moat_rect_clip_segment (&bounds,
                                  moat_element_get_kind (source) == MOAT_ELEMENT_KIND_PROCESS,
                                  moat_rect_get_center (&bounds), drag->current);

  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    scaled_dashes[i] = dashes[i] * pixel;

  cairo_move_to (cr, start.x, start.y);
  cairo_line_to (cr, drag->current.x, drag->current.y);
  set_accent (cr, accent, 1);
  cairo_set_line_width (cr, 2 * pixel);
  cairo_set_dash (cr, scaled_dashes, G_N_ELEMENTS (scaled_dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (drag->flow_target != NULL)
    {
      path_item_outline (self, cr, MOAT_ITEM (drag->flow_target), 4 * pixel);
      cairo_set_line_width (cr, 3 * pixel);
      cairo_stroke (cr);
    }
}

static void
draw_drag_rect (MoatCanvas    *self,
                cairo_t       *cr,
                const GdkRGBA *accent,
                double         pixel)
{
  MoatCanvasDrag *drag = &self->drag;

  cairo_rectangle (cr,
                   MIN (drag->start.x, drag->current.x), MIN (drag->start.y, drag->current.y),
                   fabs (drag->current.x - drag->start.x), fabs (drag->current.y - drag->start.y));
  set_accent (cr, accent, 0.15);
  cairo_fill_preserve (cr);
  set_accent (cr, accent, 1);
  cairo_set_line_width (cr, pixel);
  cairo_stroke (cr);
}

void
moat_canvas_snapshot_overlay (MoatCanvas *self,
                              cairo_t    *cr)
{
  MoatCanvasDrag *drag = &self->drag;
  double pixel = 1 / self->zoom;
  GdkRGBA accent;

  moat_canvas_get_accent_color (self, &accent);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (self->hover != NULL && drag->mode == MOAT_CANVAS_DRAG_NONE &&
      !moat_canvas_is_selected (self, self->hover))
    {
      path_item_outline (self, cr, self->hover, 3 * pixel);
      set_accent (cr, &accent, 0.5);
      cairo_set_line_width (cr, (MOAT_IS_FLOW (self->hover) ? 5 : 1.5) * pixel);
      cairo_stroke (cr);
    }

  draw_selection (self, cr, &accent, pixel);

  switch (drag->mode)
    {
    case MOAT_CANVAS_DRAG_RUBBER_BAND:
      if (drag->moved)
        draw_drag_rect (self, cr, &accent, pixel);
      break;

    case MOAT_CANVAS_DRAG_CREATE:
      if (drag->moved && self->tool == MOAT_CANVAS_TOOL_BOUNDARY)
        draw_drag_rect (self, cr, &accent, pixel);
      break;

    case MOAT_CANVAS_DRAG_FLOW:
      if (MOAT_IS_ELEMENT (drag->pressed_item))
        draw_flow_preview (self, cr, &accent, pixel, MOAT_ELEMENT (drag->pressed_item));
      break;

    case MOAT_CANVAS_DRAG_FLOW_END:
      if (drag->flow != NULL && drag->moved)
        {
          /* The preview starts at the end that stays. */
          MoatElement *fixed = drag->flow_handle == MOAT_CANVAS_FLOW_HANDLE_SOURCE
                               ? moat_document_get_flow_target (self->document, drag->flow)
                               : moat_document_get_flow_source (self->document, drag->flow);

          if (fixed != NULL)
            draw_flow_preview (self, cr, &accent, pixel, fixed);
        }
      break;

    case MOAT_CANVAS_DRAG_NONE:
    case MOAT_CANVAS_DRAG_PENDING:
    case MOAT_CANVAS_DRAG_MOVE:
    case MOAT_CANVAS_DRAG_RESIZE:
    case MOAT_CANVAS_DRAG_VERTEX:
    case MOAT_CANVAS_DRAG_LABEL:
    case MOAT_CANVAS_DRAG_PAN:
    default:
      break;
    }
}
