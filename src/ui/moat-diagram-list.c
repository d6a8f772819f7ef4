/* moat-diagram-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-diagram-list.h"
#include "moat-fragment.h"

/**
 * MoatDiagramList:
 *
 * The diagrams of a model as a row of tabs above the canvas, with a button
 * to add one and a menu to rename, duplicate, move and delete the one
 * shown. Every change goes through the document, so it is undoable.
 */

struct _MoatDiagramList
{
  GtkWidget parent_instance;

  MoatDocument *document;
  GSignalGroup *document_signals;
  MoatDiagram *diagram;

  GtkWidget *scroller;
  GtkWidget *tabs;
  GtkWidget *add_button;
  GtkWidget *menu_button;
  GtkWidget *rename_popover;
  GtkWidget *rename_entry;

  /* The diagrams the tabs show, in order, each with its tab. */
  GPtrArray *diagrams;
  GPtrArray *buttons;

  /* The position of a diagram being removed, so that a neighbour takes
   * its place once the document is consistent again. */
  int removed_position;
};

G_DEFINE_FINAL_TYPE (MoatDiagramList, moat_diagram_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_DIAGRAM,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_actions (MoatDiagramList *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint position = 0;
  gboolean shown = self->diagram != NULL &&
                   g_ptr_array_find (self->diagrams, self->diagram, &position);

  gtk_widget_action_set_enabled (widget, "diagrams.add", self->document != NULL);
  gtk_widget_action_set_enabled (widget, "diagrams.rename", shown);
  gtk_widget_action_set_enabled (widget, "diagrams.duplicate", shown);
  gtk_widget_action_set_enabled (widget, "diagrams.move-left", shown && position > 0);
  gtk_widget_action_set_enabled (widget, "diagrams.move-right",
                                 shown && position + 1 < self->diagrams->len);

  /* A model keeps at least one diagram. */
  gtk_widget_action_set_enabled (widget, "diagrams.delete",
                                 shown && self->diagrams->len > 1);
}

static void
sync_active_tab (MoatDiagramList *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->buttons, i),
                                  g_ptr_array_index (self->diagrams, i) == (gpointer)self->diagram);
}

static void
tab_toggled_cb (MoatDiagramList *self,
                GtkToggleButton *button)
{
  guint position;

  if (!gtk_toggle_button_get_active (button) ||
      !g_ptr_array_find (self->buttons, button, &position))
    return;

  moat_diagram_list_set_diagram (self, g_ptr_array_index (self->diagrams, position));
}

static gboolean
is_current (MoatDiagramList *self)
{
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);

  if (diagrams->len != self->diagrams->len)
    return FALSE;

  for (guint i = 0; i < diagrams->len; i++)
    if (g_ptr_array_index (diagrams, i) != g_ptr_array_index (self->diagrams, i))
      return FALSE;

  return TRUE;
}

/* Makes one tab per diagram, in the document's order. Names follow
 * through bindings, so only adding, removing and moving rebuild. */
static void
rebuild (MoatDiagramList *self)
{
  GPtrArray *diagrams;
  GtkWidget *child;
  GtkToggleButton *group = NULL;

  if (self->document != NULL && is_current (self))
    return;

  while ((child = gtk_widget_get_first_child (self->tabs)) != NULL)
    gtk_box_remove (GTK_BOX (self->tabs), child);
  g_ptr_array_set_size (self->buttons, 0);
  g_ptr_array_set_size (self->diagrams, 0);

  if (self->document == NULL)
    return;

  diagrams = moat_document_get_diagrams (self->document);
  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);
      GtkWidget *button = gtk_toggle_button_new ();

      /* Names come from files: plain text, no mnemonics. */
      g_object_bind_property (diagram, "name", button, "label", G_BINDING_SYNC_CREATE);
      gtk_button_set_use_underline (GTK_BUTTON (button), FALSE);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "diagram-tab");
      gtk_widget_set_tooltip_text (button, _("Show this diagram"));

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);

      g_signal_connect_object (button, "toggled", G_CALLBACK (tab_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->tabs), button);

      g_ptr_array_add (self->diagrams, g_object_ref (diagram));
      g_ptr_array_add (self->buttons, button);
    }
}

static void
document_changed_cb (MoatDiagramList *self)
{
  guint position;

  rebuild (self);

  /* A removed diagram gives its place to its neighbour. */
  if (self->diagram == NULL || !g_ptr_array_find (self->diagrams, self->diagram, &position))
    {
      MoatDiagram *fallback = NULL;

      if (self->diagrams->len > 0)
        fallback = g_ptr_array_index (self->diagrams,
                                      CLAMP (self->removed_position, 0,
                                             (int)self->diagrams->len - 1));
      moat_diagram_list_set_diagram (self, fallback);
    }

  self->removed_position = 0;
  sync_active_tab (self);
  update_actions (self);
}

static void
item_removed_cb (MoatDiagramList *self,
                 GObject         *object)
{
  guint position;

  /* The canvas may have let go of the diagram already, so any removed
   * diagram's place is kept; it matters only if the shown one went. */
  if (MOAT_IS_DIAGRAM (object) && g_ptr_array_find (self->diagrams, object, &position))
    self->removed_position = position;
}

static void
show_toast (MoatDiagramList *self,
            const char      *title,
            gboolean         offer_undo)
{
  g_signal_emit (self, signals[TOAST], 0, title, offer_undo);
}

static char *
dup_new_name (MoatDiagramList *self)
{
  for (guint n = self->diagrams->len + 1; ; n++)
    {
      /* Translators: the name of a new diagram, numbered */
      g_autofree char *name = g_strdup_printf (_("Diagram %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->diagrams->len && !taken; i++)
        taken = g_strcmp0 (moat_diagram_get_name (g_ptr_array_index (self->diagrams, i)),
                           name) == 0;

      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (widget);
  g_autofree char *name = dup_new_name (self);
  g_autoptr(MoatDiagram) diagram = moat_diagram_new (NULL, name);

  moat_document_begin_group (self->document, _("Add diagram"));
  moat_document_add_diagram (self->document, diagram);
  moat_document_end_group (self->document);

  moat_diagram_list_set_diagram (self, diagram);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (widget);
  g_autofree char *name = NULL;
  MoatDiagram *copy;

  if (self->diagram == NULL)
    return;

  /* Translators: the name of a copy of a diagram */
  name = g_strdup_printf (_("%s (copy)"), moat_diagram_get_name (self->diagram));
  copy = moat_fragment_duplicate_diagram (self->document, self->diagram, name);
  moat_diagram_list_set_diagram (self, copy);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (widget);
  gboolean left = g_str_equal (action_name, "diagrams.move-left");
  guint position;

  if (self->diagram == NULL || !g_ptr_array_find (self->diagrams, self->diagram, &position))
    return;

  if (left && position == 0)
    return;

  moat_document_move_diagram (self->document, self->diagram, left ? position - 1 : position + 1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (widget);
  g_autoptr(MoatDiagram) diagram = NULL;
  g_autofree char *message = NULL;

  if (self->diagram == NULL || self->diagrams->len < 2)
    return;

  diagram = g_object_ref (self->diagram);
  moat_document_remove_diagram (self->document, diagram);

  /* Translators: a diagram's name, in quotes */
  message = g_strdup_printf (_("Deleted diagram “%s”"), moat_diagram_get_name (diagram));
  show_toast (self, message, TRUE);
}

static void
rename_activate_cb (MoatDiagramList *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->rename_entry));

  if (self->diagram != NULL && name[0] != '\0' &&
      g_strcmp0 (name, moat_diagram_get_name (self->diagram)) != 0)
    moat_document_set (self->document, self->diagram, "name", name, NULL);

  gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (widget);
  GtkWidget *tab;
  guint position;
  graphene_rect_t bounds;

  if (self->diagram == NULL || !g_ptr_array_find (self->diagrams, self->diagram, &position))
    return;

  tab = g_ptr_array_index (self->buttons, position);
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), moat_diagram_get_name (self->diagram));

  if (gtk_widget_compute_bounds (tab, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover),
                                 &(GdkRectangle) { (int)bounds.origin.x, (int)bounds.origin.y,
                                                   (int)bounds.size.width,
                                                   (int)bounds.size.height });

  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static GMenuModel *
build_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  g_menu_append (edit, _("_Rename…"), "diagrams.rename");
  g_menu_append (edit, _("D_uplicate"), "diagrams.duplicate");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append (order, _("Move _Left"), "diagrams.move-left");
  g_menu_append (order, _("Move _Right"), "diagrams.move-right");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  g_menu_append (remove, _("_Delete"), "diagrams.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  return G_MENU_MODEL (menu);
}

static void
moat_diagram_list_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (widget);

  GTK_WIDGET_CLASS (moat_diagram_list_parent_class)->size_allocate (widget, width, height,
                                                                     baseline);
  gtk_popover_present (GTK_POPOVER (self->rename_popover));
}

static void
moat_diagram_list_dispose (GObject *object)
{
  MoatDiagramList *self = (MoatDiagramList *)object;
  GtkWidget *child;

  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  /* An open popover grabs the pointer and keyboard, so close it first. */
  if (self->rename_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->diagram);
  g_clear_object (&self->document);
  g_clear_object (&self->document_signals);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->diagrams, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_diagram_list_parent_class)->dispose (object);
}

static void
moat_diagram_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_diagram_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MoatDiagramList *self = MOAT_DIAGRAM_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      moat_diagram_list_set_document (self, g_value_get_object (value));
      break;

    case PROP_DIAGRAM:
      moat_diagram_list_set_diagram (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_diagram_list_class_init (MoatDiagramListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = moat_diagram_list_dispose;
  object_class->get_property = moat_diagram_list_get_property;
  object_class->set_property = moat_diagram_list_set_property;
  widget_class->size_allocate = moat_diagram_list_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MOAT_TYPE_DOCUMENT, flags);

  /**
   * MoatDiagramList:diagram:
   *
   * The diagram whose tab is active, which the window shows in the canvas.
   */
  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL, MOAT_TYPE_DIAGRAM, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatDiagramList::toast:
   * @title: the message, plain text that may quote names from the file
   * @offer_undo: whether the message should offer to undo the last step
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "diagrams.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "diagrams.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "diagrams.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "diagrams.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "diagrams.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "diagrams.delete", NULL, delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "moat-diagram-list");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
moat_diagram_list_init (MoatDiagramList *self)
{
  g_autoptr(GMenuModel) menu = build_menu ();

  self->diagrams = g_ptr_array_new_with_free_func (g_object_unref);
  self->buttons = g_ptr_array_new ();

  self->tabs = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->tabs);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "diagrams.add");
  gtk_widget_set_tooltip_text (self->add_button, _("Add a diagram"));
  gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_tooltip_text (self->menu_button, _("Diagram menu"));
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));

  self->rename_entry = gtk_entry_new ();
  gtk_widget_set_name (self->rename_entry, "diagram-name-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rename_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram name"),
                                  -1);
  g_signal_connect_object (self->rename_entry, "activate",
                           G_CALLBACK (rename_activate_cb), self, G_CONNECT_SWAPPED);
  self->rename_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->rename_popover), self->rename_entry);
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (MOAT_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "item-removed",
                                 G_CALLBACK (item_removed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagrams"),
                                  -1);
  update_actions (self);
}

GtkWidget *
moat_diagram_list_new (void)
{
  return g_object_new (MOAT_TYPE_DIAGRAM_LIST, NULL);
}

MoatDocument *
moat_diagram_list_get_document (MoatDiagramList *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_LIST (self), NULL);

  return self->document;
}

/**
 * moat_diagram_list_set_document:
 * @document: (nullable): the document whose diagrams to list
 *
 * Lists @document's diagrams and shows the first.
 */
void
moat_diagram_list_set_document (MoatDiagramList *self,
                                MoatDocument    *document)
{
  g_return_if_fail (MOAT_IS_DIAGRAM_LIST (self));
  g_return_if_fail (document == NULL || MOAT_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  moat_diagram_list_set_diagram (self, NULL);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  /* Forget the old tabs, so the new document's are built. */
  g_ptr_array_set_size (self->diagrams, 0);
  document_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

MoatDiagram *
moat_diagram_list_get_diagram (MoatDiagramList *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_LIST (self), NULL);

  return self->diagram;
}

/**
 * moat_diagram_list_set_diagram:
 * @diagram: (nullable): a diagram of the document
 *
 * Makes @diagram's tab the active one.
 */
void
moat_diagram_list_set_diagram (MoatDiagramList *self,
                               MoatDiagram     *diagram)
{
  g_return_if_fail (MOAT_IS_DIAGRAM_LIST (self));
  g_return_if_fail (diagram == NULL || MOAT_IS_DIAGRAM (diagram));

  if (!g_set_object (&self->diagram, diagram))
    return;

  sync_active_tab (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
}
