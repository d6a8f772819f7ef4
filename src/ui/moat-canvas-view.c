/* moat-canvas-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include "moat-canvas-private.h"

/* The view: which part of the diagram the widget shows, at what zoom,
 * and the scroll bars that show it. Changing the view never changes the
 * document, and a document change never moves the view. */

/* Room the scroll bars give around the diagram, in pixels. */
#define SCROLL_MARGIN_PIXELS 200.0

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

/**
 * moat_canvas_get_visible_area:
 * @area: (out): the part of the diagram the widget shows
 */
void
moat_canvas_get_visible_area (MoatCanvas *self,
                              MoatRect   *area)
{
  *area = (MoatRect) { self->origin_x, self->origin_y,
                       gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                       gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom };
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         lower,
                      double         upper,
                      double         page_size)
{
  if (adjustment == NULL)
    return;

  gtk_adjustment_configure (adjustment, value, lower, upper,
                            page_size * 0.1, page_size * 0.9, page_size);
}

/**
 * moat_canvas_update_adjustments:
 *
 * Sets the scroll bars to the view: their range covers the diagram with a
 * margin and always the visible area, so scrolling never moves the view
 * by itself.
 */
void
moat_canvas_update_adjustments (MoatCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = SCROLL_MARGIN_PIXELS / self->zoom;
  MoatRect visible;
  MoatRect world;

  if (self->hadjustment == NULL && self->vadjustment == NULL)
    return;

  moat_canvas_get_visible_area (self, &visible);
  world = visible;

  if (self->diagram != NULL && moat_diagram_get_extents (self->diagram, &world))
    {
      world.x -= margin;
      world.y -= margin;
      world.width += 2 * margin;
      world.height += 2 * margin;
      moat_rect_union (&world, &visible, &world);
    }

  self->updating_adjustments = TRUE;
  configure_adjustment (self->hadjustment, self->origin_x * self->zoom, world.x * self->zoom,
                        (world.x + world.width) * self->zoom, width);
  configure_adjustment (self->vadjustment, self->origin_y * self->zoom, world.y * self->zoom,
                        (world.y + world.height) * self->zoom, height);
  self->updating_adjustments = FALSE;
}

/* The view moved: redraw, reusing the tiles already rendered and
 * rendering only those that come into view. */
static void
view_changed (MoatCanvas *self)
{
  self->fit_pending = FALSE;
  moat_canvas_update_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* The items' accessibles move with the view, and others come into it. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  moat_canvas_queue_accessible_sync_after_view_change (self);
}

static void
adjustment_value_changed_cb (MoatCanvas    *self,
                             GtkAdjustment *adjustment)
{
  double origin = gtk_adjustment_get_value (adjustment) / self->zoom;

  if (self->updating_adjustments)
    return;

  if (adjustment == self->hadjustment)
    self->origin_x = origin;
  else
    self->origin_y = origin;

  /* The range grows with the view, so it is set again after the move. */
  view_changed (self);
}

static void
set_adjustment (MoatCanvas     *self,
                GtkAdjustment **field,
                GtkAdjustment  *adjustment)
{
  if (*field == adjustment)
    return;

  if (*field != NULL)
    g_signal_handlers_disconnect_by_func (*field, adjustment_value_changed_cb, self);

  g_set_object (field, adjustment);

  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed",
                             G_CALLBACK (adjustment_value_changed_cb), self,
                             G_CONNECT_SWAPPED);

  moat_canvas_update_adjustments (self);
}

void
moat_canvas_set_hadjustment (MoatCanvas    *self,
                             GtkAdjustment *adjustment)
{
  set_adjustment (self, &self->hadjustment, adjustment);
}

void
moat_canvas_set_vadjustment (MoatCanvas    *self,
                             GtkAdjustment *adjustment)
{
  set_adjustment (self, &self->vadjustment, adjustment);
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
  view_changed (self);
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

  view_changed (self);
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
 * moat_canvas_zoom_to_rect:
 * @rect: an area of the diagram, in diagram units
 * @max_zoom: the largest zoom to use, however small @rect is
 *
 * Shows @rect centred in the widget, as large as fits up to @max_zoom.
 */
void
moat_canvas_zoom_to_rect (MoatCanvas     *self,
                          const MoatRect *rect,
                          double          max_zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = 24;
  double zoom = max_zoom;

  if (width <= 0 || height <= 0)
    return;

  if (rect->width > 0 && rect->height > 0)
    zoom = MIN (zoom, MIN ((width - 2 * margin) / rect->width,
                           (height - 2 * margin) / rect->height));
  zoom = CLAMP (zoom, MOAT_CANVAS_ZOOM_MIN, MOAT_CANVAS_ZOOM_MAX);

  self->origin_x = rect->x + rect->width / 2 - width / 2.0 / zoom;
  self->origin_y = rect->y + rect->height / 2 - height / 2.0 / zoom;

  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      moat_canvas_notify_zoom (self);
    }

  view_changed (self);
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
  MoatRect extents = { 0, 0, 0, 0 };

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0 ||
      gtk_widget_get_height (GTK_WIDGET (self)) <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }

  if (self->diagram != NULL)
    moat_render_get_diagram_extents (self->document, self->diagram, &extents);

  moat_canvas_zoom_to_rect (self, &extents, 1);
}

/**
 * moat_canvas_zoom_to_selection:
 *
 * Shows the selected items as large as they fit, up to 400 %. With
 * nothing selected, this does nothing.
 */
void
moat_canvas_zoom_to_selection (MoatCanvas *self)
{
  MoatRect area;
  gboolean found = FALSE;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->diagram == NULL)
    return;

  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatRect extents;

      if (!moat_render_get_item_extents (self->document, self->diagram,
                                         g_ptr_array_index (self->selection, i), &extents))
        continue;

      if (found)
        moat_rect_union (&area, &extents, &area);
      else
        area = extents;
      found = TRUE;
    }

  if (found)
    moat_canvas_zoom_to_rect (self, &area, 4);
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

  moat_canvas_get_visible_area (self, &visible);
  if (moat_rect_contains_rect (&visible, &extents))
    return;

  center = moat_rect_get_center (&extents);
  self->origin_x = center.x - visible.width / 2;
  self->origin_y = center.y - visible.height / 2;
  view_changed (self);
}
