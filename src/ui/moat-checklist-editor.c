/* moat-checklist-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-checklist-editor.h"

/* Edits one mitigation checklist of a threat: a check button, a text entry
 * and a remove button per item, and an add button in the group header.
 * Every change replaces the whole list through the document, as the model
 * requires, so each one is undoable. */

struct _MoatChecklistEditor
{
  AdwPreferencesGroup parent_instance;

  MoatDocument *document;
  MoatThreat *threat;
  GParamSpec *pspec;

  /* The entry rows and their check buttons, in list order. */
  GPtrArray *rows;
  GPtrArray *checks;

  gboolean updating;
};

G_DEFINE_FINAL_TYPE (MoatChecklistEditor, moat_checklist_editor, ADW_TYPE_PREFERENCES_GROUP)

static const MoatChecklist *
get_list (MoatChecklistEditor *self)
{
  if (g_str_equal (self->pspec->name, "short-term"))
    return moat_threat_get_short_term (self->threat);
  if (g_str_equal (self->pspec->name, "long-term"))
    return moat_threat_get_long_term (self->threat);

  return moat_threat_get_monitoring (self->threat);
}

static void
write_list (MoatChecklistEditor *self,
            MoatChecklist       *list)
{
  moat_document_set (self->document, self->threat, self->pspec->name, list, NULL);
}

static void
row_changed_cb (GtkEditable         *row,
                MoatChecklistEditor *self)
{
  g_autoptr(MoatChecklist) list = NULL;
  guint position;

  if (self->updating || !g_ptr_array_find (self->rows, row, &position))
    return;

  list = moat_checklist_copy (get_list (self));
  moat_checklist_set_text (list, position, gtk_editable_get_text (row));
  write_list (self, list);
}

static void
check_toggled_cb (GtkCheckButton      *check,
                  MoatChecklistEditor *self)
{
  g_autoptr(MoatChecklist) list = NULL;
  guint position;

  if (self->updating || !g_ptr_array_find (self->checks, check, &position))
    return;

  list = moat_checklist_copy (get_list (self));
  moat_checklist_set_done (list, position, gtk_check_button_get_active (check));
  write_list (self, list);
}

static void
set_item_labels (MoatChecklistEditor *self,
                 guint                position)
{
  const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self));
  g_autofree char *label = NULL;
  g_autofree char *done_label = NULL;

  g_autofree char *row_title = NULL;

  /* TRANSLATORS: the title of one item of a mitigation checklist */
  row_title = g_strdup_printf (_("Item %u"), position + 1);
  /* TRANSLATORS: accessible name of one item of a mitigation checklist,
   * such as "Short-term fix, item 2" */
  label = g_strdup_printf (_("%s, item %u"), title, position + 1);
  /* TRANSLATORS: accessible name of the check button of a checklist item */
  done_label = g_strdup_printf (_("%s, item %u done"), title, position + 1);

  adw_preferences_row_set_title (g_ptr_array_index (self->rows, position), row_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->rows, position)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->checks, position)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, done_label,
                                  -1);
}

static void
append_row (MoatChecklistEditor *self)
{
  guint position = self->rows->len;
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_name (row, "item");

  gtk_widget_set_name (check, "done");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Done"));
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), check);

  gtk_widget_set_name (remove, "remove");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove item"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "checklist.remove-item");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", position);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->checks, check);
  set_item_labels (self, position);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

  g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, 0);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
}

static void
remove_rows (MoatChecklistEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
}

/* Shows the threat's list. Rows are kept while the number of items stays
 * the same, so typing in one does not lose its focus or cursor. */
static void
update_rows (MoatChecklistEditor *self)
{
  const MoatChecklist *list = get_list (self);
  guint n_items = moat_checklist_get_n_items (list);

  self->updating = TRUE;

  if (n_items != self->rows->len)
    {
      remove_rows (self);
      for (guint i = 0; i < n_items; i++)
        append_row (self);
    }

  for (guint i = 0; i < n_items; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->rows, i);
      const char *text = moat_checklist_get_text (list, i);

      if (g_strcmp0 (gtk_editable_get_text (row), text) != 0)
        gtk_editable_set_text (row, text);

      gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                   moat_checklist_get_done (list, i));
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         n_items == 0 ? _("No items yet.") : NULL);

  self->updating = FALSE;
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MoatChecklistEditor *self = MOAT_CHECKLIST_EDITOR (widget);
  g_autoptr(MoatChecklist) list = moat_checklist_copy (get_list (self));

  moat_checklist_append (list, "", FALSE);
  write_list (self, list);

  /* The write rebuilt the rows; the user types into the new one next. */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, self->rows->len - 1));
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatChecklistEditor *self = MOAT_CHECKLIST_EDITOR (widget);
  g_autoptr(MoatChecklist) list = moat_checklist_copy (get_list (self));
  guint position = g_variant_get_uint32 (parameter);

  if (position >= moat_checklist_get_n_items (list))
    return;

  moat_checklist_remove (list, position);
  write_list (self, list);
}

static void
threat_notify_cb (MoatChecklistEditor *self)
{
  update_rows (self);
}

static void
moat_checklist_editor_dispose (GObject *object)
{
  MoatChecklistEditor *self = (MoatChecklistEditor *)object;

  if (self->threat != NULL)
    g_signal_handlers_disconnect_by_data (self->threat, self);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->threat);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_checklist_editor_parent_class)->dispose (object);
}

static void
moat_checklist_editor_class_init (MoatChecklistEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_checklist_editor_dispose;

  gtk_widget_class_install_action (widget_class, "checklist.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "checklist.remove-item", "u",
                                   remove_item_action);
}

static void
moat_checklist_editor_init (MoatChecklistEditor *self)
{
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
}

/**
 * moat_checklist_editor_new:
 * @threat: a threat of @document
 * @property_name: "short-term", "long-term" or "monitoring"
 * @title: the group title, such as "Short-term fix"
 *
 * Returns: (transfer floating): a group that edits the checklist
 */
GtkWidget *
moat_checklist_editor_new (MoatDocument *document,
                           MoatThreat   *threat,
                           const char   *property_name,
                           const char   *title)
{
  MoatChecklistEditor *self;
  g_autofree char *add_label = NULL;
  g_autofree char *signal_name = NULL;
  GtkWidget *add;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), NULL);
  g_return_val_if_fail (g_str_equal (property_name, "short-term") ||
                        g_str_equal (property_name, "long-term") ||
                        g_str_equal (property_name, "monitoring"), NULL);

  self = g_object_new (MOAT_TYPE_CHECKLIST_EDITOR, "title", title, NULL);
  self->document = g_object_ref (document);
  self->threat = g_object_ref (threat);
  self->pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (threat), property_name);

  gtk_widget_set_name (GTK_WIDGET (self), property_name);

  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_name (add, "add-item");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  /* TRANSLATORS: tooltip of the button that adds an item to a mitigation
   * checklist such as "Short-term fix" */
  add_label = g_strdup_printf (_("Add an item to “%s”"), title);
  gtk_widget_set_tooltip_text (add, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "checklist.add-item");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);

  update_rows (self);

  signal_name = g_strconcat ("notify::", property_name, NULL);
  g_signal_connect_object (threat, signal_name, G_CALLBACK (threat_notify_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * moat_checklist_editor_get_item_row:
 *
 * Returns: (transfer none) (nullable): the #AdwEntryRow of the item at
 *   @position, whose prefix is the check button named "done" and whose
 *   suffix is the button named "remove"
 */
GtkWidget *
moat_checklist_editor_get_item_row (MoatChecklistEditor *self,
                                    guint                position)
{
  g_return_val_if_fail (MOAT_IS_CHECKLIST_EDITOR (self), NULL);

  if (position >= self->rows->len)
    return NULL;

  return g_ptr_array_index (self->rows, position);
}
