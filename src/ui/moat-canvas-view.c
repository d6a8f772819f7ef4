/* moat-canvas-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include "moat-canvas-private.h"

/* The view: which part of the diagram the widget shows, at what zoom. */

void
moat_canvas_widget_to_diagram (MoatCanvas *self,
                               double      widget_x,
                               double      widget_y,
                               MoatPoint  *point)
{
  point->x = self->origin_x + widget_x / self->zoom;
  point->y = self->origin_y + widget_y / self->zoom;
}

void
moat_canvas_diagram_to_widget (MoatCanvas *self,
                               MoatPoint   point,
                               double     *widget_x,
                               double     *widget_y)
{
  *widget_x = (point.x - self->origin_x) * self->zoom;
  *widget_y = (point.y - self->origin_y) * self->zoom;
}

void
moat_canvas_pan (MoatCanvas *self,
                 double      dx_pixels,
                 double      dy_pixels)
{
  if (dx_pixels == 0 && dy_pixels == 0)
    return;

  self->origin_x += dx_pixels / self->zoom;
  self->origin_y += dy_pixels / self->zoom;
  self->fit_pending = FALSE;
  moat_canvas_invalidate_scene (self);
}

/* Changes the zoom level keeping the diagram point under the widget point
 * in place, as Ctrl+wheel zooms around the pointer. */
void
moat_canvas_zoom_at (MoatCanvas *self,
                     double      zoom,
                     double      widget_x,
                     double      widget_y)
{
  MoatPoint anchor;

  zoom = CLAMP (zoom, MOAT_CANVAS_ZOOM_MIN, MOAT_CANVAS_ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  moat_canvas_widget_to_diagram (self, widget_x, widget_y, &anchor);
  self->zoom = zoom;
  self->origin_x = anchor.x - widget_x / zoom;
  self->origin_y = anchor.y - widget_y / zoom;
  self->fit_pending = FALSE;

  moat_canvas_invalidate_scene (self);
  moat_canvas_notify_zoom (self);
}

double
moat_canvas_get_zoom (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), 1);

  return self->zoom;
}

/**
 * moat_canvas_set_zoom:
 * @zoom: the scale, 1 for 100 %, clamped to the supported range
 *
 * Zooms around the centre of the widget.
 */
void
moat_canvas_set_zoom (MoatCanvas *self,
                      double      zoom)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  moat_canvas_zoom_at (self, zoom,
                       gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * moat_canvas_zoom_to_fit:
 *
 * Shows the whole diagram, centred, at 100 % or smaller. Before the widget
 * has a size, this happens at its first allocation.
 */
void
moat_canvas_zoom_to_fit (MoatCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = 24;
  MoatRect extents = { 0, 0, 0, 0 };
  double zoom = 1;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }

  if (self->diagram != NULL &&
      moat_render_get_diagram_extents (self->document, self->diagram, &extents))
    zoom = MIN ((width - 2 * margin) / extents.width, (height - 2 * margin) / extents.height);
  zoom = CLAMP (zoom, MOAT_CANVAS_ZOOM_MIN, 1);

  self->fit_pending = FALSE;
  self->origin_x = extents.x + extents.width / 2 - width / 2.0 / zoom;
  self->origin_y = extents.y + extents.height / 2 - height / 2.0 / zoom;

  moat_canvas_invalidate_scene (self);
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      moat_canvas_notify_zoom (self);
    }
}

/**
 * moat_canvas_scroll_to_item:
 * @item: an item of the diagram shown
 *
 * Pans so @item is in view, when it is not already.
 */
void
moat_canvas_scroll_to_item (MoatCanvas *self,
                            MoatItem   *item)
{
  MoatRect extents;
  MoatRect visible;
  MoatPoint center;

  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (MOAT_IS_ITEM (item));

  if (self->diagram == NULL ||
      !moat_render_get_item_extents (self->document, self->diagram, item, &extents))
    return;

  visible = (MoatRect) { self->origin_x, self->origin_y,
                         gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                         gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom };
  if (moat_rect_contains_rect (&visible, &extents))
    return;

  center = moat_rect_get_center (&extents);
  self->origin_x = center.x - visible.width / 2;
  self->origin_y = center.y - visible.height / 2;
  self->fit_pending = FALSE;
  moat_canvas_invalidate_scene (self);
}
