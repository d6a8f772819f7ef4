/* moat-threat-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-checklist-editor.h"
#include "moat-model-binding.h"
#include "moat-threat-editor.h"

/* Edits every field of one threat. Its back and delete buttons name the
 * inspector's "inspector.back" and "inspector.delete-threat" actions, so
 * the editor works inside a MoatInspector. */

struct _MoatThreatEditor
{
  GtkWidget parent_instance;

  MoatDocument *document;
  MoatThreat *threat;
  MoatModelBinding *binding;

  GtkWidget *box;
  GtkWidget *reference_label;
  GtkWidget *target_label;
  GtkWidget *title_row;
  GtkWidget *category_row;

  gboolean updating_category;
};

G_DEFINE_FINAL_TYPE (MoatThreatEditor, moat_threat_editor, GTK_TYPE_WIDGET)

static const char *
level_label (int value)
{
  return moat_level_to_label (value);
}

static const char *
severity_label (int value)
{
  return moat_severity_to_label (value);
}

static const char *
status_label (int value)
{
  return moat_threat_status_to_label (value);
}

static char *
dup_target_text (MoatThreatEditor *self)
{
  gpointer target = moat_document_lookup (self->document, moat_threat_get_target_id (self->threat));
  const char *name;

  if (!MOAT_IS_ITEM (target))
    return g_strdup (_("Not attached to a data flow or element"));

  name = moat_item_get_name (target);

  if (MOAT_IS_FLOW (target))
    {
      if (name[0] == '\0')
        return g_strdup (_("Unnamed data flow"));

      /* TRANSLATORS: the data flow a threat belongs to, and %s is its label */
      return g_strdup_printf (_("Data flow: %s"), name);
    }

  if (MOAT_IS_ELEMENT (target))
    {
      const char *kind = moat_element_kind_to_label (moat_element_get_kind (target));

      if (name[0] == '\0')
        /* TRANSLATORS: an element without a name, and %s is its kind,
         * such as "Process" */
        return g_strdup_printf (_("%s (unnamed)"), kind);

      /* TRANSLATORS: the element a threat belongs to: its kind, such as
       * "Process", then its name */
      return g_strdup_printf (_("%s: %s"), kind, name);
    }

  return g_strdup (name);
}

static void
update_header (MoatThreatEditor *self)
{
  g_autofree char *reference = moat_threat_dup_reference (self->threat);
  g_autofree char *target = dup_target_text (self);

  gtk_label_set_text (GTK_LABEL (self->reference_label), reference);
  gtk_label_set_text (GTK_LABEL (self->target_label), target);
}

static void
update_category (MoatThreatEditor *self)
{
  self->updating_category = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->category_row),
                              moat_threat_get_category (self->threat));
  self->updating_category = FALSE;
}

static void
category_selected_cb (MoatThreatEditor *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->category_row));
  MoatStrideCategory category = selected;
  gpointer target;

  if (self->updating_category ||
      selected == GTK_INVALID_LIST_POSITION ||
      category == moat_threat_get_category (self->threat))
    return;

  target = moat_document_lookup (self->document, moat_threat_get_target_id (self->threat));

  moat_document_begin_group (self->document, _("Change threat category"));

  moat_document_set (self->document, self->threat, "category", category, NULL);

  /* A threat recorded in a category answers that STRIDE question for its
   * flow, as moat_document_add_threat() does for a new threat. */
  if (MOAT_IS_FLOW (target) &&
      category < MOAT_N_STRIDE_CATEGORIES &&
      moat_flow_get_review_state (target, category) == MOAT_REVIEW_NOT_REVIEWED)
    moat_document_set (self->document, target,
                       moat_flow_review_state_property (category), MOAT_REVIEW_THREATS_RECORDED,
                       NULL);

  moat_document_end_group (self->document);
}

static void
document_item_changed_cb (MoatThreatEditor *self,
                          GObject          *object,
                          const char       *property_name)
{
  if (MOAT_IS_ITEM (object) &&
      g_strcmp0 (moat_item_get_id (MOAT_ITEM (object)),
                 moat_threat_get_target_id (self->threat)) == 0)
    update_header (self);
}

static GtkWidget *
create_header (MoatThreatEditor *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 12);

  gtk_widget_set_name (back, "threat-back-button");
  gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (back, "flat");
  gtk_widget_set_tooltip_text (back, _("Back to the threat list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the threat list"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "inspector.back");
  gtk_box_append (GTK_BOX (header), back);

  self->reference_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->reference_label, "threat-reference");
  gtk_label_set_xalign (GTK_LABEL (self->reference_label), 0);
  gtk_widget_add_css_class (self->reference_label, "heading");
  gtk_box_append (GTK_BOX (titles), self->reference_label);

  self->target_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->target_label, "threat-target");
  gtk_label_set_xalign (GTK_LABEL (self->target_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->target_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->target_label, "caption");
  gtk_widget_add_css_class (self->target_label, "dim-label");
  gtk_box_append (GTK_BOX (titles), self->target_label);

  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);

  return header;
}

static GtkWidget *
create_category_row (MoatThreatEditor    *self,
                     AdwPreferencesGroup *group)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  /* The six STRIDE categories, then "Other methodology" for threats
   * imported from LINDDUN, CIA and other checklists. */
  for (guint i = 0; i <= MOAT_STRIDE_OTHER; i++)
    gtk_string_list_append (labels, moat_stride_category_to_label (i));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("STRIDE category"));
  gtk_widget_set_name (row, "threat-category");
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_preferences_group_add (group, row);

  return row;
}

static AdwPreferencesGroup *
add_group (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  return ADW_PREFERENCES_GROUP (group);
}

static void
add_checklist (MoatThreatEditor   *self,
               AdwPreferencesPage *page,
               const char         *property_name,
               const char         *title)
{
  GtkWidget *editor = moat_checklist_editor_new (self->document, self->threat, property_name,
                                                 title);

  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (editor));
}

static void
fill_page (MoatThreatEditor   *self,
           AdwPreferencesPage *page)
{
  MoatModelBinding *binding = self->binding;
  AdwPreferencesGroup *group;
  GtkWidget *delete_button;

  group = add_group (page, NULL, NULL);
  self->title_row = moat_model_binding_add_entry (binding, group, "title", _("Title"));
  self->category_row = create_category_row (self, group);
  moat_model_binding_add_combo (binding, group, "status", _("Status"), status_label);
  moat_model_binding_add_entry (binding, group, "owner", _("Owner"));
  moat_model_binding_add_validated_entry (binding, group, "due-date", _("Due date (YYYY-MM-DD)"),
                                          moat_threat_is_valid_due_date,
                                          _("Enter a date as YYYY-MM-DD, such as 2025-03-31, "
                                            "or leave the field empty."));

  group = add_group (page, _("Attack"), NULL);
  moat_model_binding_add_text_area (binding, group, "attack-vector", _("Attack vector"));
  moat_model_binding_add_text_area (binding, group, "prerequisites", _("Prerequisites"));
  moat_model_binding_add_text_area (binding, group, "evidence", _("Evidence and detection"));

  group = add_group (page, _("Impact and severity"),
                     _("Severity follows from the highest of the three impacts and the "
                       "probability."));
  moat_model_binding_add_combo (binding, group, "impact-confidentiality",
                                _("Confidentiality impact"), level_label);
  moat_model_binding_add_combo (binding, group, "impact-integrity", _("Integrity impact"),
                                level_label);
  moat_model_binding_add_combo (binding, group, "impact-availability", _("Availability impact"),
                                level_label);
  moat_model_binding_add_combo (binding, group, "probability", _("Probability"), level_label);
  moat_model_binding_add_value_row (binding, group, "severity", _("Severity"), severity_label);
  moat_model_binding_add_text_area (binding, group, "business-impact", _("Business impact"));

  add_checklist (self, page, "short-term", _("Short-term fix"));
  add_checklist (self, page, "long-term", _("Long-term fix"));
  add_checklist (self, page, "monitoring", _("Monitoring"));

  group = add_group (page, NULL, NULL);
  delete_button = gtk_button_new_with_label (_("Delete Threat"));
  gtk_widget_set_name (delete_button, "threat-delete-button");
  gtk_widget_set_halign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "destructive-action");
  gtk_widget_add_css_class (delete_button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "inspector.delete-threat");
  adw_preferences_group_add (group, delete_button);
}

static void
moat_threat_editor_dispose (GObject *object)
{
  MoatThreatEditor *self = (MoatThreatEditor *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->binding);
  g_clear_object (&self->threat);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_threat_editor_parent_class)->dispose (object);
}

static void
moat_threat_editor_class_init (MoatThreatEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_threat_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "threat-editor");
}

static void
moat_threat_editor_init (MoatThreatEditor *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * moat_threat_editor_new:
 * @threat: a threat of @document
 *
 * Returns: (transfer floating): an editor for every field of @threat
 */
GtkWidget *
moat_threat_editor_new (MoatDocument *document,
                        MoatThreat   *threat)
{
  MoatThreatEditor *self;
  GtkWidget *page;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), NULL);

  self = g_object_new (MOAT_TYPE_THREAT_EDITOR, NULL);
  self->document = g_object_ref (document);
  self->threat = g_object_ref (threat);
  self->binding = moat_model_binding_new (document, threat, "threat-");

  gtk_box_append (GTK_BOX (self->box), create_header (self));
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  fill_page (self, ADW_PREFERENCES_PAGE (page));
  gtk_box_append (GTK_BOX (self->box), page);

  update_header (self);
  update_category (self);

  g_signal_connect_object (self->category_row, "notify::selected",
                           G_CALLBACK (category_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (threat, "notify::category",
                           G_CALLBACK (update_category), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (threat, "notify::number",
                           G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (threat, "notify::target-id",
                           G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "item-changed::name",
                           G_CALLBACK (document_item_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

MoatThreat *
moat_threat_editor_get_threat (MoatThreatEditor *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_EDITOR (self), NULL);

  return self->threat;
}

/**
 * moat_threat_editor_focus_title:
 *
 * Moves the keyboard focus to the title, where a new threat is named first.
 */
void
moat_threat_editor_focus_title (MoatThreatEditor *self)
{
  g_return_if_fail (MOAT_IS_THREAT_EDITOR (self));

  gtk_widget_grab_focus (self->title_row);
}
