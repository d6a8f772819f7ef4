/* moat-canvas-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas-private.h"

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->document == NULL || self->selection->len == 0)
    return;

  moat_canvas_cancel_drag (self);

  /* The document's removal shrinks the selection while it runs. */
  for (guint i = 0; i < self->selection->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->selection, i)));
  moat_document_remove_items (self->document, (MoatItem **)items->pdata, items->len);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  moat_canvas_select_all (MOAT_CANVAS (widget));
}

static void
set_tool_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *nick = g_variant_get_string (parameter, NULL);
  int tool;

  if (!moat_enum_from_nick (MOAT_TYPE_CANVAS_TOOL, nick, &tool))
    {
      g_warning ("canvas.set-tool: unknown tool “%s”", nick);
      return;
    }

  moat_canvas_set_tool (MOAT_CANVAS (widget), tool);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    moat_canvas_set_zoom (self, self->zoom * MOAT_CANVAS_ZOOM_STEP);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    moat_canvas_set_zoom (self, self->zoom / MOAT_CANVAS_ZOOM_STEP);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    moat_canvas_set_zoom (self, 1);
  else
    moat_canvas_zoom_to_fit (self);
}

/* Moves the selected elements and boundaries by whole grid steps, as one
 * undoable step per key press. */
static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  int steps_x;
  int steps_y;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *label = NULL;

  g_variant_get (parameter, "(ii)", &steps_x, &steps_y);

  if (self->document == NULL || self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatRect rect;

      if (moat_canvas_get_item_rect (g_ptr_array_index (self->selection, i), &rect))
        g_ptr_array_add (items, g_ptr_array_index (self->selection, i));
    }

  if (items->len == 0)
    return;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u item", "Move %u items",
                                        items->len),
                           items->len);
  moat_document_begin_group (self->document, label);

  for (guint i = 0; i < items->len; i++)
    {
      MoatRect rect;

      moat_canvas_get_item_rect (g_ptr_array_index (items, i), &rect);
      moat_document_set (self->document, g_ptr_array_index (items, i),
                         "x", rect.x + steps_x * MOAT_RENDER_GRID_SIZE,
                         "y", rect.y + steps_y * MOAT_RENDER_GRID_SIZE,
                         NULL);
    }

  moat_document_end_group (self->document);
  moat_canvas_scroll_to_item (self, MOAT_ITEM (moat_canvas_get_selected_item (self)));
}

/* Tab and Shift+Tab walk through the items, so the keyboard reaches each
 * one: elements first, then flows, then boundaries, in drawing order. */
static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  gboolean forward = g_str_equal (action_name, "canvas.select-next");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GObject *current = moat_canvas_get_selected_item (self);
  guint index;
  MoatItem *next;

  if (self->diagram == NULL || self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  g_ptr_array_extend (items, moat_diagram_get_elements (self->diagram), NULL, NULL);
  g_ptr_array_extend (items, moat_diagram_get_flows (self->diagram), NULL, NULL);
  g_ptr_array_extend (items, moat_diagram_get_boundaries (self->diagram), NULL, NULL);

  if (items->len == 0)
    return;

  if (current == NULL || !g_ptr_array_find (items, current, &index))
    index = forward ? items->len - 1 : 0;

  next = g_ptr_array_index (items, (index + (forward ? 1 : items->len - 1)) % items->len);
  moat_canvas_select (self, G_OBJECT (next));
  moat_canvas_scroll_to_item (self, next);
}

/* With an element or boundary tool, Return places a new item in the
 * middle of the view, as a click there would. */
static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;

  if (self->tool == MOAT_CANVAS_TOOL_SELECT || self->tool == MOAT_CANVAS_TOOL_FLOW)
    return;

  moat_canvas_press (self, x, y, 0);
  moat_canvas_release (self, x, y);
}

/* Escape undoes one level at a time: the gesture in progress, then the
 * creation tool, then the selection. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  if (self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    moat_canvas_cancel_drag (self);
  else if (self->tool != MOAT_CANVAS_TOOL_SELECT)
    moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
  else
    moat_canvas_select (self, NULL);
}

void
moat_canvas_update_actions (MoatCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_selection = self->selection->len > 0;
  gboolean has_diagram = self->document != NULL && self->diagram != NULL;
  gboolean idle = self->drag.mode == MOAT_CANVAS_DRAG_NONE;

  gtk_widget_action_set_enabled (widget, "canvas.delete", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.nudge", has_selection && idle);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_diagram);
  gtk_widget_action_set_enabled (widget, "canvas.select-next", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.select-previous", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.place",
                                 has_diagram && idle &&
                                 self->tool != MOAT_CANVAS_TOOL_SELECT &&
                                 self->tool != MOAT_CANVAS_TOOL_FLOW);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", has_diagram);
}

static void
add_nudge_bindings (GtkWidgetClass *widget_class,
                    guint           keyval,
                    guint           keypad_keyval,
                    int             steps_x,
                    int             steps_y)
{
  static const guint keyvals_per_key = 2;
  guint keyvals[] = { keyval, keypad_keyval };

  for (guint i = 0; i < keyvals_per_key; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keyvals[i], 0,
                                           "canvas.nudge", "(ii)", steps_x, steps_y);
      gtk_widget_class_add_binding_action (widget_class, keyvals[i], GDK_SHIFT_MASK,
                                           "canvas.nudge", "(ii)", 10 * steps_x, 10 * steps_y);
    }
}

void
moat_canvas_class_setup_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-tool", "s", set_tool_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "(ii)", nudge_action);
  gtk_widget_class_install_action (widget_class, "canvas.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-previous", NULL,
                                   select_next_action);
  gtk_widget_class_install_action (widget_class, "canvas.place", NULL, place_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "canvas.select-all", NULL);

  /* Ctrl+Tab still moves the focus out, as in other widgets that use Tab. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, 0, "canvas.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Tab, 0,
                                       "canvas.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK,
                                       "canvas.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK,
                                       "canvas.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.place", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.place", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "canvas.zoom-reset", NULL);

  add_nudge_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_nudge_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_nudge_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_nudge_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);
}
