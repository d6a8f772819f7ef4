/* moat-canvas-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <math.h>

#include "moat-canvas-private.h"

/* How far one wheel click pans, in pixels. */
#define WHEEL_PAN_PIXELS 48.0
/* Pixels of smooth (touchpad) scrolling that zoom by one zoom step. */
#define SMOOTH_ZOOM_PIXELS 50.0

static void
drag_begin_cb (MoatCanvas     *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  moat_canvas_press (self, x, y, state);

  if (self->drag.mode == MOAT_CANVAS_DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (MoatCanvas     *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double x;
  double y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  moat_canvas_drag_to (self, x + offset_x, y + offset_y);
}

static void
drag_end_cb (MoatCanvas     *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  double x;
  double y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  moat_canvas_release (self, x + offset_x, y + offset_y);
}

static void
pan_begin_cb (MoatCanvas *self)
{
  self->pan_origin_x = self->origin_x;
  self->pan_origin_y = self->origin_y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
pan_update_cb (MoatCanvas *self,
               double      offset_x,
               double      offset_y)
{
  moat_canvas_pan (self,
                   (self->pan_origin_x - offset_x / self->zoom - self->origin_x) * self->zoom,
                   (self->pan_origin_y - offset_y / self->zoom - self->origin_y) * self->zoom);
}

static void
pan_end_cb (MoatCanvas *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   self->tool == MOAT_CANVAS_TOOL_SELECT ? NULL : "crosshair");
}

static const char *
get_cursor_name (MoatCanvas *self,
                 double      x,
                 double      y)
{
  switch (moat_canvas_find_handle (self, x, y))
    {
    case MOAT_CANVAS_HANDLE_TOP_LEFT:
    case MOAT_CANVAS_HANDLE_BOTTOM_RIGHT:
      return "nwse-resize";

    case MOAT_CANVAS_HANDLE_TOP_RIGHT:
    case MOAT_CANVAS_HANDLE_BOTTOM_LEFT:
      return "nesw-resize";

    case MOAT_CANVAS_HANDLE_NONE:
    default:
      break;
    }

  if (self->tool != MOAT_CANVAS_TOOL_SELECT)
    return "crosshair";

  return self->hover != NULL ? "pointer" : NULL;
}

static void
motion_cb (MoatCanvas *self,
           double      x,
           double      y)
{
  MoatPoint point;

  self->pointer_x = x;
  self->pointer_y = y;

  if (self->document == NULL || self->diagram == NULL ||
      self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  moat_canvas_widget_to_diagram (self, x, y, &point);
  moat_canvas_set_hover (self, moat_canvas_hit_test (self, point));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), get_cursor_name (self, x, y));
}

static void
leave_cb (MoatCanvas *self)
{
  moat_canvas_set_hover (self, NULL);
}

static gboolean
scroll_cb (MoatCanvas               *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    {
      double steps = wheel ? -dy : -dy / SMOOTH_ZOOM_PIXELS;

      moat_canvas_zoom_at (self, self->zoom * pow (MOAT_CANVAS_ZOOM_STEP, steps),
                           self->pointer_x, self->pointer_y);
      return GDK_EVENT_STOP;
    }

  if (wheel)
    {
      dx *= WHEEL_PAN_PIXELS;
      dy *= WHEEL_PAN_PIXELS;
    }

  /* Shift turns a vertical wheel into horizontal scrolling. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  moat_canvas_pan (self, dx, dy);

  return GDK_EVENT_STOP;
}

/* One controller per concern: the primary button edits, the middle
 * button pans, motion tracks the hover, the wheel pans and zooms. */
void
moat_canvas_setup_input (MoatCanvas *self)
{
  GtkGesture *drag;
  GtkGesture *pan;
  GtkEventController *motion;
  GtkEventController *scroll;

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "cancel", G_CALLBACK (moat_canvas_cancel_drag), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pan = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect_object (pan, "drag-begin", G_CALLBACK (pan_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pan, "drag-update", G_CALLBACK (pan_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pan, "drag-end", G_CALLBACK (pan_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}
