/* moat-canvas-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "moat-canvas-private.h"

/* How far one wheel click pans, in pixels. */
#define WHEEL_PAN_PIXELS 48.0
/* Pixels of smooth (touchpad) scrolling that zoom by one zoom step. */
#define SMOOTH_ZOOM_PIXELS 50.0

/* Events in the canvas's popovers reach the canvas's controllers too,
 * because a popover is a child of the canvas; those are not for it. */
static gboolean
is_from_popover (MoatCanvas         *self,
                 GtkEventController *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (controller);
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return event != NULL && native != NULL &&
         gdk_event_get_surface (event) != gtk_native_get_surface (native);
}

static void
drag_begin_cb (MoatCanvas     *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (is_from_popover (self, GTK_EVENT_CONTROLLER (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

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
pan_begin_cb (MoatCanvas     *self,
              double          x,
              double          y,
              GtkGestureDrag *gesture)
{
  if (is_from_popover (self, GTK_EVENT_CONTROLLER (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

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

/* Space held turns the primary button into a pan, as in drawing tools. */
static gboolean
key_pressed_cb (MoatCanvas      *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (keyval != GDK_KEY_space || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return GDK_EVENT_PROPAGATE;

  if (!self->space_held && self->drag.mode == MOAT_CANVAS_DRAG_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  self->space_held = TRUE;

  return GDK_EVENT_STOP;
}

static void
key_released_cb (MoatCanvas      *self,
                 guint            keyval,
                 guint            keycode,
                 GdkModifierType  state)
{
  if (keyval != GDK_KEY_space)
    return;

  self->space_held = FALSE;
  if (self->drag.mode == MOAT_CANVAS_DRAG_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static void
focus_leave_cb (MoatCanvas *self)
{
  self->space_held = FALSE;
}

/* A pinch zooms around the middle of the fingers. */
static void
pinch_begin_cb (MoatCanvas *self)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_scale_changed_cb (MoatCanvas     *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x;
  double y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  moat_canvas_zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
click_pressed_cb (MoatCanvas      *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (n_press != 2 || is_from_popover (self, GTK_EVENT_CONTROLLER (gesture)))
    return;

  /* The drag gesture saw the second press as a click of its own. */
  moat_canvas_cancel_drag (self);
  if (moat_canvas_double_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static GMenuModel *
build_context_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) flow = g_menu_new ();
  g_autoptr(GMenu) arrange = g_menu_new ();
  g_autoptr(GMenu) align = g_menu_new ();
  g_autoptr(GMenu) distribute = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();

  g_menu_append (edit, _("Cu_t"), "canvas.cut");
  g_menu_append (edit, _("_Copy"), "canvas.copy");
  g_menu_append (edit, _("_Paste"), "canvas.paste");
  g_menu_append (edit, _("D_uplicate"), "canvas.duplicate");
  g_menu_append (edit, _("_Rename…"), "canvas.rename");
  g_menu_append (edit, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  g_menu_append (flow, _("Connect the Two Elements"), "canvas.connect");
  g_menu_append (flow, _("Flow in _Both Directions"), "canvas.toggle-bidirectional");
  g_menu_append (flow, _("Remove _Bend Points"), "canvas.straighten");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (flow));

  g_menu_append (align, _("Left Edges"), "canvas.align::left");
  g_menu_append (align, _("Horizontal Centers"), "canvas.align::center");
  g_menu_append (align, _("Right Edges"), "canvas.align::right");
  g_menu_append (align, _("Top Edges"), "canvas.align::top");
  g_menu_append (align, _("Vertical Centers"), "canvas.align::middle");
  g_menu_append (align, _("Bottom Edges"), "canvas.align::bottom");
  g_menu_append_submenu (arrange, _("_Align"), G_MENU_MODEL (align));
  g_menu_append (distribute, _("Horizontally"), "canvas.distribute::horizontal");
  g_menu_append (distribute, _("Vertically"), "canvas.distribute::vertical");
  g_menu_append_submenu (arrange, _("Di_stribute"), G_MENU_MODEL (distribute));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (arrange));

  g_menu_append (view, _("Show _Grid"), "canvas.show-grid");
  g_menu_append (view, _("_Snap to Grid"), "canvas.snap-to-grid");
  g_menu_append (view, _("_Zoom to Selection"), "canvas.zoom-selection");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));

  return G_MENU_MODEL (menu);
}

/* A right click selects what is under the pointer, unless it is selected
 * already, and opens the menu of what can be done with it. */
static void
context_pressed_cb (MoatCanvas      *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  MoatPoint point;
  MoatItem *hit;

  if (is_from_popover (self, GTK_EVENT_CONTROLLER (gesture)) ||
      self->document == NULL || self->diagram == NULL ||
      self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  moat_canvas_widget_to_diagram (self, x, y, &point);
  hit = moat_canvas_hit_test (self, point);
  if (!moat_canvas_is_selected (self, hit))
    moat_canvas_select (self, G_OBJECT (hit));

  if (self->context_menu == NULL)
    {
      g_autoptr(GMenuModel) model = build_context_menu ();

      self->context_menu = gtk_popover_menu_new_from_model (model);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* A name cut short by an ellipsis shows whole in a tooltip, as plain
 * text, never markup. */
static gboolean
query_tooltip_cb (MoatCanvas *self,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip)
{
  MoatPoint point;
  MoatItem *hit;
  MoatRect area;
  double x1;
  double y1;
  double x2;
  double y2;

  if (self->document == NULL || self->diagram == NULL || keyboard_mode ||
      self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return FALSE;

  moat_canvas_widget_to_diagram (self, x, y, &point);
  hit = moat_canvas_hit_test (self, point);
  if (hit == NULL || !moat_render_is_name_ellipsized (self->document, self->diagram, hit))
    return FALSE;

  gtk_tooltip_set_text (tooltip, moat_item_get_name (hit));

  if (moat_render_get_item_extents (self->document, self->diagram, hit, &area))
    {
      moat_canvas_diagram_to_widget (self, (MoatPoint) { area.x, area.y }, &x1, &y1);
      moat_canvas_diagram_to_widget (self, (MoatPoint) { area.x + area.width,
                                                         area.y + area.height }, &x2, &y2);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int)x1, (int)y1,
                                                           (int)(x2 - x1), (int)(y2 - y1) });
    }

  return TRUE;
}

static const char *
get_cursor_name (MoatCanvas *self,
                 double      x,
                 double      y)
{
  guint vertex;

  if (moat_canvas_find_flow_handle (self, x, y, &vertex) != MOAT_CANVAS_FLOW_HANDLE_NONE)
    return "move";

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

  if (self->space_held)
    return "grab";

  if (MOAT_IS_ELEMENT (self->hover))
    {
      MoatPoint point;

      moat_canvas_widget_to_diagram (self, x, y, &point);
      if (moat_canvas_is_on_edge (self, MOAT_ELEMENT (self->hover), point))
        return "crosshair";
    }

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

/* One controller per concern. The primary button edits, and a double
 * click adds or removes bend points and renames. The secondary button
 * opens the menu. The middle button and Space pan, motion tracks the
 * hover, the wheel pans and zooms, and a pinch zooms. */
void
moat_canvas_setup_input (MoatCanvas *self)
{
  GtkGesture *drag;
  GtkGesture *pan;
  GtkGesture *click;
  GtkGesture *context;
  GtkGesture *pinch;
  GtkEventController *motion;
  GtkEventController *scroll;
  GtkEventController *key;
  GtkEventController *focus;

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

  /* The click gesture runs alongside the drag gesture, which ends its own
   * gesture with each release. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_group (click, drag);

  context = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (context, "pressed", G_CALLBACK (context_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_object (pinch, "begin", G_CALLBACK (pinch_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (key, "key-released", G_CALLBACK (key_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);
}
