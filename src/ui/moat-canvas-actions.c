/* moat-canvas-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas-private.h"

/* The flows that go with the elements being deleted, besides those
 * selected themselves, and the threats of everything that goes. */
static void
count_cascade (MoatCanvas *self,
               GPtrArray  *items,
               guint      *n_flows,
               guint      *n_threats)
{
  g_autoptr(GHashTable) doomed = g_hash_table_new (NULL, NULL);
  GPtrArray *flows = moat_diagram_get_flows (self->diagram);
  GHashTableIter iter;
  gpointer item;

  *n_flows = 0;
  *n_threats = 0;

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (doomed, g_ptr_array_index (items, i));

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (g_hash_table_contains (doomed, flow))
        continue;

      if (g_hash_table_contains (doomed, moat_document_get_flow_source (self->document, flow)) ||
          g_hash_table_contains (doomed, moat_document_get_flow_target (self->document, flow)))
        {
          g_hash_table_add (doomed, flow);
          (*n_flows)++;
        }
    }

  g_hash_table_iter_init (&iter, doomed);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GPtrArray *threats = moat_document_get_threats_for (self->document,
                                                          moat_item_get_id (item));

      *n_threats += threats != NULL ? threats->len : 0;
    }
}

/* Says what a delete removed, naming a single item, so that flows and
 * threats that went along do not go unnoticed. */
static char *
dup_delete_message (GPtrArray *items,
                    guint      n_flows,
                    guint      n_threats)
{
  g_autofree char *what = NULL;
  g_autofree char *flows = NULL;
  g_autofree char *threats = NULL;

  if (items->len == 1)
    /* Translators: the name of the one item deleted, in quotes */
    what = g_strdup_printf (_("“%s”"), moat_item_get_name (g_ptr_array_index (items, 0)));
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", items->len),
                            items->len);

  flows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connected flow",
                                        "%u connected flows", n_flows),
                           n_flows);
  threats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u threat", "%u threats",
                                          n_threats),
                             n_threats);

  if (n_flows > 0 && n_threats > 0)
    /* Translators: for example "Deleted “API”, 2 connected flows and 3 threats" */
    return g_strdup_printf (_("Deleted %s, %s and %s"), what, flows, threats);
  if (n_flows > 0)
    /* Translators: for example "Deleted “API” and 2 connected flows" */
    return g_strdup_printf (_("Deleted %s and %s"), what, flows);
  if (n_threats > 0)
    /* Translators: for example "Deleted “Login” and 3 threats" */
    return g_strdup_printf (_("Deleted %s and %s"), what, threats);

  /* Translators: for example "Deleted “API”" or "Deleted 3 items" */
  return g_strdup_printf (_("Deleted %s"), what);
}

/**
 * moat_canvas_delete_items:
 * @items: (element-type MoatItem): items of the diagram shown
 * @label: (nullable): the undo step's name, or %NULL for the default
 *
 * Deletes @items with their flows and threats as one undoable step, and
 * shows the user what went, with an offer to undo.
 */
void
moat_canvas_delete_items (MoatCanvas *self,
                          GPtrArray  *items,
                          const char *label)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *message = NULL;
  guint n_flows;
  guint n_threats;

  if (self->document == NULL || self->diagram == NULL || items->len == 0)
    return;

  moat_canvas_cancel_drag (self);

  /* The document's removal shrinks the selection while it runs, which
   * may be @items. */
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (doomed, g_object_ref (g_ptr_array_index (items, i)));

  count_cascade (self, doomed, &n_flows, &n_threats);
  message = dup_delete_message (doomed, n_flows, n_threats);

  if (label != NULL)
    moat_document_begin_group (self->document, label);
  moat_document_remove_items (self->document, (MoatItem **)doomed->pdata, doomed->len);
  if (label != NULL)
    moat_document_end_group (self->document);

  moat_canvas_show_toast (self, message, TRUE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  moat_canvas_delete_items (self, self->selection, NULL);
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
  else if (g_str_equal (action_name, "canvas.zoom-selection"))
    moat_canvas_zoom_to_selection (self);
  else
    moat_canvas_zoom_to_fit (self);
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

/* Return places a new item in the middle of the view with an element or
 * boundary tool, as a click there would. With the select tool it requests
 * editing the selection in the side panel. */
static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;

  if (self->tool == MOAT_CANVAS_TOOL_SELECT || self->tool == MOAT_CANVAS_TOOL_FLOW)
    {
      moat_canvas_activate_selection (self);
      return;
    }

  moat_canvas_press (self, x, y, 0);
  moat_canvas_release (self, x, y);
}

static void
get_view_center (MoatCanvas *self,
                 MoatPoint  *center)
{
  moat_canvas_widget_to_diagram (self,
                                 gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0,
                                 center);
}

/* A key per kind adds one in the middle of the view, without a tool. */
static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  MoatPoint center;
  int element_kind;

  if (self->document == NULL || self->diagram == NULL)
    return;

  get_view_center (self, &center);

  if (g_str_equal (kind, "boundary"))
    {
      g_autoptr(MoatBoundary) boundary = moat_boundary_new (NULL, _("New trust boundary"));

      g_object_set (boundary,
                    "x", moat_canvas_snap (self, round (center.x - 150)),
                    "y", moat_canvas_snap (self, round (center.y - 100)),
                    "width", 300.0, "height", 200.0,
                    NULL);
      moat_canvas_add_and_select (self, MOAT_ITEM (boundary));
      return;
    }

  if (!moat_enum_from_nick (MOAT_TYPE_ELEMENT_KIND, kind, &element_kind))
    {
      g_warning ("canvas.add: unknown kind “%s”", kind);
      return;
    }

  moat_canvas_add_element_at (self, element_kind, center);
}

/* Connects the two selected elements with a flow from the one selected
 * first to the one selected last, so the keyboard can draw flows. */
static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  MoatItem *source;
  MoatItem *target;
  g_autoptr(MoatFlow) flow = NULL;

  if (self->selection->len != 2)
    return;

  source = g_ptr_array_index (self->selection, 0);
  target = g_ptr_array_index (self->selection, 1);
  if (!MOAT_IS_ELEMENT (source) || !MOAT_IS_ELEMENT (target))
    return;

  flow = moat_flow_new (NULL, moat_item_get_id (source), moat_item_get_id (target),
                        _("New flow"));
  moat_canvas_add_and_select (self, MOAT_ITEM (flow));
}

static void
toggle_bidirectional_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  g_autoptr(GPtrArray) flows = g_ptr_array_new ();
  gboolean bidirectional = FALSE;

  for (guint i = 0; i < self->selection->len; i++)
    if (MOAT_IS_FLOW (g_ptr_array_index (self->selection, i)))
      g_ptr_array_add (flows, g_ptr_array_index (self->selection, i));

  if (flows->len == 0)
    return;

  /* Mixed flows all become bidirectional; a second press undoes that. */
  for (guint i = 0; i < flows->len; i++)
    bidirectional |= !moat_flow_get_bidirectional (g_ptr_array_index (flows, i));

  moat_document_begin_group (self->document, bidirectional ? _("Make flow bidirectional")
                                                           : _("Make flow one-way"));
  for (guint i = 0; i < flows->len; i++)
    moat_document_set (self->document, g_ptr_array_index (flows, i),
                       "bidirectional", bidirectional, NULL);
  moat_document_end_group (self->document);
}

static void
straighten_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  g_autoptr(MoatPointList) none = moat_point_list_new (NULL, 0);

  moat_document_begin_group (self->document, _("Remove bend points"));
  for (guint i = 0; i < self->selection->len; i++)
    if (MOAT_IS_FLOW (g_ptr_array_index (self->selection, i)))
      moat_document_set (self->document, g_ptr_array_index (self->selection, i),
                         "vertices", none, NULL);
  moat_document_end_group (self->document);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  GObject *item = moat_canvas_get_selected_item (self);

  if (item != NULL)
    moat_canvas_start_rename (self, MOAT_ITEM (item));
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

static gboolean
has_flow_selected (MoatCanvas *self)
{
  for (guint i = 0; i < self->selection->len; i++)
    if (MOAT_IS_FLOW (g_ptr_array_index (self->selection, i)))
      return TRUE;

  return FALSE;
}

static gboolean
has_routed_flow_selected (MoatCanvas *self)
{
  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatItem *item = g_ptr_array_index (self->selection, i);

      if (MOAT_IS_FLOW (item) &&
          moat_point_list_get_n_points (moat_flow_get_vertices (MOAT_FLOW (item))) > 0)
        return TRUE;
    }

  return FALSE;
}

static guint
count_arranged (MoatCanvas *self)
{
  guint count = 0;

  for (guint i = 0; i < self->selection->len; i++)
    if (!MOAT_IS_FLOW (g_ptr_array_index (self->selection, i)))
      count++;

  return count;
}

static gboolean
is_pair_of_elements (MoatCanvas *self)
{
  return self->selection->len == 2 &&
         MOAT_IS_ELEMENT (g_ptr_array_index (self->selection, 0)) &&
         MOAT_IS_ELEMENT (g_ptr_array_index (self->selection, 1));
}

void
moat_canvas_update_actions (MoatCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_diagram = self->document != NULL && self->diagram != NULL;
  gboolean idle = self->drag.mode == MOAT_CANVAS_DRAG_NONE && self->renaming == NULL;
  gboolean has_selection = self->selection->len > 0 && idle;

  gtk_widget_action_set_enabled (widget, "canvas.delete", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.copy", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.cut", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.nudge", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.align", has_selection && count_arranged (self) >= 2);
  gtk_widget_action_set_enabled (widget, "canvas.distribute",
                                 has_selection && count_arranged (self) >= 3);
  gtk_widget_action_set_enabled (widget, "canvas.toggle-bidirectional",
                                 has_selection && has_flow_selected (self));
  gtk_widget_action_set_enabled (widget, "canvas.straighten",
                                 has_selection && has_routed_flow_selected (self));
  gtk_widget_action_set_enabled (widget, "canvas.connect",
                                 has_selection && is_pair_of_elements (self));
  gtk_widget_action_set_enabled (widget, "canvas.rename", has_selection);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.select-next", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.select-previous", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.add", has_diagram && idle);
  gtk_widget_action_set_enabled (widget, "canvas.activate",
                                 has_diagram && idle &&
                                 (has_selection || (self->tool != MOAT_CANVAS_TOOL_SELECT &&
                                                    self->tool != MOAT_CANVAS_TOOL_FLOW)));
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", has_diagram);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-selection", has_diagram && has_selection);
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  modifiers,
             const char      *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action_name, NULL);
}

void
moat_canvas_class_setup_actions (GtkWidgetClass *widget_class)
{
  static const struct
  {
    guint keyval;
    const char *kind;
  } add_keys[] = {
    { GDK_KEY_e, "external-entity" },
    { GDK_KEY_p, "process" },
    { GDK_KEY_d, "data-store" },
    { GDK_KEY_b, "boundary" },
  };

  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-tool", "s", set_tool_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-selection", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-previous", NULL,
                                   select_next_action);
  gtk_widget_class_install_action (widget_class, "canvas.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "canvas.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "canvas.toggle-bidirectional", NULL,
                                   toggle_bidirectional_action);
  gtk_widget_class_install_action (widget_class, "canvas.straighten", NULL, straighten_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename", NULL, rename_action);

  add_binding (widget_class, GDK_KEY_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_Escape, 0, "canvas.cancel");
  add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all");
  add_binding (widget_class, GDK_KEY_F2, 0, "canvas.rename");
  add_binding (widget_class, GDK_KEY_c, 0, "canvas.connect");
  add_binding (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "canvas.toggle-bidirectional");

  /* Ctrl+Tab still moves the focus out, as in other widgets that use Tab. */
  add_binding (widget_class, GDK_KEY_Tab, 0, "canvas.select-next");
  add_binding (widget_class, GDK_KEY_KP_Tab, 0, "canvas.select-next");
  add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "canvas.select-previous");
  add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, "canvas.select-previous");
  add_binding (widget_class, GDK_KEY_Return, 0, "canvas.activate");
  add_binding (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate");

  for (guint i = 0; i < G_N_ELEMENTS (add_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, add_keys[i].keyval, 0,
                                         "canvas.add", "s", add_keys[i].kind);

  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_1, 0, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_3, 0, "canvas.zoom-selection");
  add_binding (widget_class, GDK_KEY_4, 0, "canvas.zoom-fit");
}
