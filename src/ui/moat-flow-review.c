/* moat-flow-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-flow-review.h"

typedef struct
{
  char *id;
  GtkWidget *check_button;
} PatternRow;

/* The rows of one STRIDE category. The suggestion rows are rebuilt only
 * when the set of open suggestions changes, so an update that changes
 * nothing keeps the rows and the keyboard focus. suggestion_key is that
 * set, as the rule ids joined. */
typedef struct
{
  AdwPreferencesGroup *group;
  GtkWidget *patterns_expander;
  GtkWidget *mitigations_expander;
  GArray *patterns;
  GPtrArray *suggestion_rows;
  char *suggestion_key;
} CategoryRows;

struct _MoatFlowReview
{
  GObject parent_instance;

  MoatModelBinding *binding;
  MoatDocument *document;
  MoatFlow *flow;
  MoatReviewModel *review_model;

  /* Copies of the flow's suggestions at the last update, so they outlive
   * the analysis they came from. */
  GPtrArray *suggestions;

  /* Rows owned by the inspector's page, which outlives this object. */
  GtkWidget *crossings_row;
  GtkWidget *coverage_row;
  GtkWidget *coverage_bar;
  CategoryRows categories[MOAT_N_STRIDE_CATEGORIES];

  gboolean updating;
};

G_DEFINE_FINAL_TYPE (MoatFlowReview, moat_flow_review, G_TYPE_OBJECT)

static MoatStrideCatalogue *
get_catalogue (MoatFlowReview *self)
{
  return self->review_model != NULL ? moat_review_model_get_catalogue (self->review_model) : NULL;
}

static const char *
review_state_label (int value)
{
  return moat_review_state_to_label (value);
}

static GtkWidget *
new_plain_row (const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Rule and catalogue texts come from files, so they are never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

/* Crossings and coverage */

static void
update_crossings (MoatFlowReview *self)
{
  MoatCrossings *crossings;
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;

  if (self->crossings_row == NULL)
    return;

  crossings = moat_review_model_get_crossings_of (self->review_model, MOAT_ITEM (self->flow));
  if (crossings != NULL)
    label = moat_crossings_dup_label (crossings, moat_item_get_id (MOAT_ITEM (self->flow)));

  if (label != NULL)
    /* TRANSLATORS: %s is the trust zones a data flow goes between, such as
     * "Internet → DMZ" */
    subtitle = g_strdup_printf (_("Crosses %s"), label);
  else
    subtitle = g_strdup (_("Crosses no trust boundary"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->crossings_row), subtitle);
}

static void
update_coverage (MoatFlowReview *self)
{
  guint reviewed;
  g_autofree char *text = NULL;

  if (self->coverage_row == NULL)
    return;

  reviewed = moat_coverage_count_reviewed (self->flow);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u category reviewed",
                                       "%u of %u categories reviewed",
                                       MOAT_N_STRIDE_CATEGORIES),
                          reviewed, MOAT_N_STRIDE_CATEGORIES);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->coverage_row), text);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->coverage_bar), reviewed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Detection patterns */

static gboolean
is_pattern_checked (MoatFlowReview *self,
                    const char     *pattern_id)
{
  const char * const *checked = moat_flow_get_checked_patterns (self->flow);

  return checked != NULL && g_strv_contains (checked, pattern_id);
}

static void
update_pattern_subtitle (MoatFlowReview *self,
                         CategoryRows   *rows)
{
  g_autofree char *subtitle = NULL;
  guint n_checked = 0;

  for (guint i = 0; i < rows->patterns->len; i++)
    if (is_pattern_checked (self, g_array_index (rows->patterns, PatternRow, i).id))
      n_checked++;

  /* TRANSLATORS: how many detection patterns of a STRIDE category the
   * reviewer has checked for this flow */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u checked",
                                           "%u of %u checked", rows->patterns->len),
                              n_checked, rows->patterns->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (rows->patterns_expander), subtitle);
}

static void
update_patterns (MoatFlowReview *self)
{
  self->updating = TRUE;

  for (guint c = 0; c < MOAT_N_STRIDE_CATEGORIES; c++)
    {
      CategoryRows *rows = &self->categories[c];

      if (rows->patterns_expander == NULL)
        continue;

      for (guint i = 0; i < rows->patterns->len; i++)
        {
          PatternRow *pattern = &g_array_index (rows->patterns, PatternRow, i);

          gtk_check_button_set_active (GTK_CHECK_BUTTON (pattern->check_button),
                                       is_pattern_checked (self, pattern->id));
        }

      update_pattern_subtitle (self, rows);
    }

  self->updating = FALSE;
}

/* Writes the flow's checked patterns with @pattern_id added or removed,
 * keeping the order of the others, as one undoable step. */
static void
set_pattern_checked (MoatFlowReview *self,
                     const char     *pattern_id,
                     gboolean        checked)
{
  const char * const *current = moat_flow_get_checked_patterns (self->flow);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) patterns = NULL;

  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (!g_str_equal (current[i], pattern_id))
      g_strv_builder_add (builder, current[i]);

  if (checked)
    g_strv_builder_add (builder, pattern_id);

  patterns = g_strv_builder_end (builder);
  moat_document_set (self->document, self->flow, "checked-patterns", patterns, NULL);
}

static void
pattern_toggled_cb (GtkCheckButton *check_button,
                    MoatFlowReview *self)
{
  if (self->updating)
    return;

  for (guint c = 0; c < MOAT_N_STRIDE_CATEGORIES; c++)
    {
      GArray *patterns = self->categories[c].patterns;

      for (guint i = 0; patterns != NULL && i < patterns->len; i++)
        {
          PatternRow *pattern = &g_array_index (patterns, PatternRow, i);

          if (pattern->check_button == GTK_WIDGET (check_button))
            {
              set_pattern_checked (self, pattern->id, gtk_check_button_get_active (check_button));
              return;
            }
        }
    }
}

static void
add_pattern_rows (MoatFlowReview     *self,
                  MoatStrideCategory  category)
{
  MoatStrideCatalogue *catalogue = get_catalogue (self);
  CategoryRows *rows = &self->categories[category];
  g_autofree char *name = NULL;
  guint n_patterns;

  if (catalogue == NULL)
    return;

  n_patterns = moat_stride_catalogue_get_n_patterns (catalogue, category);
  if (n_patterns == 0)
    return;

  rows->patterns_expander = adw_expander_row_new ();
  name = g_strconcat ("patterns-", moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category), NULL);
  gtk_widget_set_name (rows->patterns_expander, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->patterns_expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->patterns_expander),
                                 _("Detection patterns"));
  adw_preferences_group_add (rows->group, rows->patterns_expander);

  for (guint i = 0; i < n_patterns; i++)
    {
      const MoatStridePattern *pattern = moat_stride_catalogue_get_pattern (catalogue, category, i);
      g_autofree char *row_name = g_strconcat ("pattern-", pattern->id, NULL);
      GtkWidget *row = new_plain_row (pattern->title, pattern->description);
      PatternRow pattern_row;

      gtk_widget_set_name (row, row_name);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      pattern_row.id = g_strdup (pattern->id);
      pattern_row.check_button = gtk_check_button_new ();
      gtk_widget_set_valign (pattern_row.check_button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (pattern_row.check_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, pattern->title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, pattern->description,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), pattern_row.check_button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), pattern_row.check_button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->patterns_expander), row);

      g_signal_connect_object (pattern_row.check_button, "toggled",
                               G_CALLBACK (pattern_toggled_cb), self, 0);
      g_array_append_val (rows->patterns, pattern_row);
    }
}

static void
add_mitigation_rows (MoatFlowReview     *self,
                     MoatStrideCategory  category)
{
  MoatStrideCatalogue *catalogue = get_catalogue (self);
  const char * const *mitigations;
  g_autofree char *name = NULL;
  GtkWidget *expander;

  if (catalogue == NULL)
    return;

  mitigations = moat_stride_catalogue_get_mitigations (catalogue, category);
  if (mitigations == NULL || mitigations[0] == NULL)
    return;

  expander = adw_expander_row_new ();
  self->categories[category].mitigations_expander = expander;
  name = g_strconcat ("mitigations-", moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category),
                      NULL);
  gtk_widget_set_name (expander, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Typical mitigations"));
  adw_preferences_group_add (self->categories[category].group, expander);

  for (guint i = 0; mitigations[i] != NULL; i++)
    {
      GtkWidget *row = new_plain_row (mitigations[i], NULL);

      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
}

/* Suggestions */

static void
dismiss_reason_changed_cb (GtkEditable *entry,
                           GtkWidget   *confirm_button)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (confirm_button, stripped[0] != '\0');
}

/* What the confirm button of a dismissal popover needs. */
typedef struct
{
  char *rule_id;
  GtkWidget *entry;
} Dismissal;

static void
dismissal_free (gpointer  data,
                GClosure *closure)
{
  Dismissal *dismissal = data;

  g_free (dismissal->rule_id);
  g_free (dismissal);
}

static void
dismiss_confirm_cb (GtkWidget *confirm_button,
                    Dismissal *dismissal)
{
  GtkWidget *popover = gtk_widget_get_ancestor (confirm_button, GTK_TYPE_POPOVER);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (dismissal->entry));
  g_autofree char *reason = g_strstrip (g_strdup (text));

  if (reason[0] == '\0')
    return;

  /* The next update removes the row, and the popover with it. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  if (dismissal->rule_id != NULL)
    gtk_widget_activate_action (confirm_button, "inspector.dismiss-suggestion", "(ss)",
                                dismissal->rule_id, reason);
  else
    gtk_widget_activate_action (confirm_button, "inspector.dismiss-selection", "s", reason);
}

static void
dismiss_entry_activate_cb (GtkEntry  *entry,
                           GtkWidget *confirm_button)
{
  if (gtk_widget_get_sensitive (confirm_button))
    gtk_widget_activate (confirm_button);
}

/**
 * moat_flow_review_create_dismiss_button:
 * @label: (nullable): the button's label, or %NULL for an icon
 * @rule_id: (nullable): the rule of the suggestion to dismiss, or %NULL
 *   for the open suggestions of the selection
 *
 * Creates a menu button whose popover asks why the suggestion does not
 * apply. Its confirm button activates "inspector.dismiss-suggestion"
 * with @rule_id and the reason, or "inspector.dismiss-selection" with
 * the reason.
 *
 * Returns: (transfer floating): the #GtkMenuButton, named "dismiss"
 */
GtkWidget *
moat_flow_review_create_dismiss_button (const char *label,
                                        const char *rule_id)
{
  GtkWidget *button, *popover, *box, *heading, *entry, *confirm;
  Dismissal *dismissal;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  heading = gtk_label_new (_("Why does this threat not apply?"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "dismiss-reason");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_widget_set_size_request (entry, 260, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), entry);

  confirm = gtk_button_new_with_mnemonic (_("_Dismiss Suggestion"));
  gtk_widget_set_name (confirm, "dismiss-confirm");
  gtk_widget_set_halign (confirm, GTK_ALIGN_END);
  gtk_widget_set_sensitive (confirm, FALSE);
  gtk_widget_add_css_class (confirm, "suggested-action");
  gtk_box_append (GTK_BOX (box), confirm);

  dismissal = g_new0 (Dismissal, 1);
  dismissal->rule_id = g_strdup (rule_id);
  dismissal->entry = entry;

  g_signal_connect (entry, "changed", G_CALLBACK (dismiss_reason_changed_cb), confirm);
  g_signal_connect (entry, "activate", G_CALLBACK (dismiss_entry_activate_cb), confirm);
  g_signal_connect_data (confirm, "clicked", G_CALLBACK (dismiss_confirm_cb), dismissal,
                         dismissal_free, 0);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  button = gtk_menu_button_new ();
  gtk_widget_set_name (button, "dismiss");
  if (label != NULL)
    gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  else
    {
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "window-close-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                      -1);
    }
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, rule_id != NULL
                                       ? _("Dismiss: mark this suggestion as not applicable")
                                       : _("Mark the open suggestions of the selection as not "
                                           "applicable"));

  return button;
}

static GtkWidget *
create_suggestion_row (MoatFlowReview       *self,
                       const MoatSuggestion *suggestion)
{
  MoatRule *rule = suggestion->rule;
  g_autofree char *name = g_strconcat ("suggestion-", moat_rule_get_id (rule), NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *accept, *box;
  MoatSeverity severity = moat_rule_get_severity (rule);

  /* TRANSLATORS: under a threat that a rule suggests for a data flow; %s
   * is its severity, such as "HIGH" */
  subtitle = g_strdup_printf (_("Suggested threat · %s"), moat_severity_to_label (severity));

  row = new_plain_row (moat_rule_get_title (rule), subtitle);
  gtk_widget_set_name (row, name);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (row, moat_rule_get_attack_vector (rule));
  gtk_widget_add_css_class (row, "suggestion");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  /* Icon buttons leave the title room to read on one or two lines. */
  accept = gtk_button_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_name (accept, "accept");
  gtk_widget_add_css_class (accept, "flat");
  gtk_widget_set_tooltip_text (accept, _("Accept: record this threat, filled in from the rule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (accept),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Accept"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (accept), "inspector.accept-suggestion");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (accept), "s", moat_rule_get_id (rule));
  gtk_box_append (GTK_BOX (box), accept);
  gtk_box_append (GTK_BOX (box), moat_flow_review_create_dismiss_button (NULL,
                                                                         moat_rule_get_id (rule)));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static void
move_to_end (AdwPreferencesGroup *group,
             GtkWidget           *row)
{
  g_autoptr(GtkWidget) reference = NULL;

  if (row == NULL)
    return;

  reference = g_object_ref (row);
  adw_preferences_group_remove (group, row);
  adw_preferences_group_add (group, row);
}

static void
update_category_suggestions (MoatFlowReview     *self,
                             MoatStrideCategory  category)
{
  CategoryRows *rows = &self->categories[category];
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const MoatSuggestion *suggestion = g_ptr_array_index (self->suggestions, i);

      if (suggestion->state == MOAT_SUGGESTION_OPEN &&
          moat_rule_get_category (suggestion->rule) == category)
        g_string_append_printf (key, "%s\n", moat_rule_get_id (suggestion->rule));
    }

  if (g_strcmp0 (key->str, rows->suggestion_key) == 0)
    return;

  g_free (rows->suggestion_key);
  rows->suggestion_key = g_strdup (key->str);

  for (guint i = 0; i < rows->suggestion_rows->len; i++)
    adw_preferences_group_remove (rows->group, g_ptr_array_index (rows->suggestion_rows, i));
  g_ptr_array_set_size (rows->suggestion_rows, 0);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const MoatSuggestion *suggestion = g_ptr_array_index (self->suggestions, i);
      GtkWidget *row;

      if (suggestion->state != MOAT_SUGGESTION_OPEN ||
          moat_rule_get_category (suggestion->rule) != category)
        continue;

      row = create_suggestion_row (self, suggestion);
      g_ptr_array_add (rows->suggestion_rows, row);
      adw_preferences_group_add (rows->group, row);
    }

  /* A group only appends, so the catalogue's rows move back below the
   * suggestions. */
  move_to_end (rows->group, rows->patterns_expander);
  move_to_end (rows->group, rows->mitigations_expander);
}

static void
update_suggestions (MoatFlowReview *self)
{
  g_autoptr(GPtrArray) current = NULL;

  g_ptr_array_set_size (self->suggestions, 0);

  if (self->review_model != NULL)
    {
      current = moat_review_model_dup_suggestions_for (self->review_model,
                                                       moat_item_get_id (MOAT_ITEM (self->flow)));
      for (guint i = 0; i < current->len; i++)
        g_ptr_array_add (self->suggestions, moat_suggestion_copy (g_ptr_array_index (current, i)));
    }

  for (guint c = 0; c < MOAT_N_STRIDE_CATEGORIES; c++)
    if (self->categories[c].group != NULL)
      update_category_suggestions (self, c);
}

/* Signals */

static void
review_model_updated_cb (MoatFlowReview *self)
{
  update_crossings (self);
  update_suggestions (self);
}

static void
flow_notify_cb (MoatFlowReview *self,
                GParamSpec     *pspec)
{
  if (g_str_equal (pspec->name, "checked-patterns"))
    update_patterns (self);
  else if (g_str_has_prefix (pspec->name, "review-"))
    update_coverage (self);
}

/* GObject */

static void
moat_flow_review_dispose (GObject *object)
{
  MoatFlowReview *self = (MoatFlowReview *)object;

  for (guint c = 0; c < MOAT_N_STRIDE_CATEGORIES; c++)
    {
      CategoryRows *rows = &self->categories[c];

      g_clear_pointer (&rows->suggestion_rows, g_ptr_array_unref);
      g_clear_pointer (&rows->suggestion_key, g_free);
      if (rows->patterns != NULL)
        {
          for (guint i = 0; i < rows->patterns->len; i++)
            g_free (g_array_index (rows->patterns, PatternRow, i).id);
          g_clear_pointer (&rows->patterns, g_array_unref);
        }
      rows->group = NULL;
      rows->patterns_expander = NULL;
      rows->mitigations_expander = NULL;
    }

  self->crossings_row = NULL;
  self->coverage_row = NULL;
  self->coverage_bar = NULL;

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_object (&self->review_model);
  g_clear_object (&self->flow);
  g_clear_object (&self->document);
  g_clear_object (&self->binding);

  G_OBJECT_CLASS (moat_flow_review_parent_class)->dispose (object);
}

static void
moat_flow_review_class_init (MoatFlowReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = moat_flow_review_dispose;
}

static void
moat_flow_review_init (MoatFlowReview *self)
{
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_suggestion_free);
}

/**
 * moat_flow_review_new:
 * @binding: the binding of the inspector's page, whose object is a flow
 * @review_model: (nullable): the review of the document; without it the
 *   rows show no catalogue, crossings or suggestions
 *
 * Returns: (transfer full): a review that has no rows yet
 */
MoatFlowReview *
moat_flow_review_new (MoatModelBinding *binding,
                      MoatReviewModel  *review_model)
{
  MoatFlowReview *self;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (binding), NULL);
  g_return_val_if_fail (MOAT_IS_FLOW (moat_model_binding_get_object (binding)), NULL);
  g_return_val_if_fail (!review_model || MOAT_IS_REVIEW_MODEL (review_model), NULL);

  self = g_object_new (MOAT_TYPE_FLOW_REVIEW, NULL);
  self->binding = g_object_ref (binding);
  self->document = g_object_ref (moat_model_binding_get_document (binding));
  self->flow = g_object_ref (moat_model_binding_get_object (binding));
  g_set_object (&self->review_model, review_model);

  g_signal_connect_object (self->flow, "notify", G_CALLBACK (flow_notify_cb), self,
                           G_CONNECT_SWAPPED);
  if (review_model != NULL)
    g_signal_connect_object (review_model, "updated", G_CALLBACK (review_model_updated_cb), self,
                             G_CONNECT_SWAPPED);

  return self;
}

/**
 * moat_flow_review_add_crossings_row:
 * @group: the group of the flow's properties
 *
 * Adds the row that names the trust boundaries the flow crosses, when
 * there is a review model.
 */
void
moat_flow_review_add_crossings_row (MoatFlowReview      *self,
                                    AdwPreferencesGroup *group)
{
  g_return_if_fail (MOAT_IS_FLOW_REVIEW (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (self->crossings_row == NULL);

  if (self->review_model == NULL)
    return;

  self->crossings_row = new_plain_row (_("Trust boundaries"), NULL);
  gtk_widget_set_name (self->crossings_row, "item-crossings");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->crossings_row), 2);
  adw_preferences_group_add (group, self->crossings_row);

  update_crossings (self);
}

static void
add_category_group (MoatFlowReview     *self,
                    AdwPreferencesPage *page,
                    MoatStrideCategory  category)
{
  MoatStrideCatalogue *catalogue = get_catalogue (self);
  CategoryRows *rows = &self->categories[category];
  const char *state_property = moat_flow_review_state_property (category);
  g_autofree char *name = NULL;
  const char *question;
  GtkWidget *reason;

  rows->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  name = g_strconcat ("category-", moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category), NULL);
  gtk_widget_set_name (GTK_WIDGET (rows->group), name);
  adw_preferences_page_add (page, rows->group);

  rows->patterns = g_array_new (FALSE, FALSE, sizeof (PatternRow));
  rows->suggestion_rows = g_ptr_array_new ();

  question = catalogue != NULL ? moat_stride_catalogue_get_question (catalogue, category)
                               : moat_stride_category_to_question (category);
  moat_model_binding_add_drop_down (self->binding, rows->group, state_property,
                                    moat_stride_category_to_label (category), question,
                                    review_state_label);

  reason = moat_model_binding_add_entry (self->binding, rows->group,
                                         moat_flow_review_reason_property (category),
                                         _("Why it does not apply"));
  moat_model_binding_show_when (self->binding, reason, state_property,
                                MOAT_REVIEW_NOT_APPLICABLE);

  add_pattern_rows (self, category);
  add_mitigation_rows (self, category);
}

/**
 * moat_flow_review_add_groups:
 * @page: the inspector's page of the flow
 *
 * Adds the STRIDE review to @page: a group with the coverage, then one
 * group per category.
 */
void
moat_flow_review_add_groups (MoatFlowReview     *self,
                             AdwPreferencesPage *page)
{
  GtkWidget *group;

  g_return_if_fail (MOAT_IS_FLOW_REVIEW (self));
  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));
  g_return_if_fail (self->coverage_row == NULL);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("STRIDE review"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Answer each question for this data flow. Recording a "
                                           "threat marks its category."));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  self->coverage_row = new_plain_row (_("Coverage"), NULL);
  gtk_widget_set_name (self->coverage_row, "item-coverage");
  self->coverage_bar = gtk_level_bar_new_for_interval (0, MOAT_N_STRIDE_CATEGORIES);
  gtk_level_bar_set_mode (GTK_LEVEL_BAR (self->coverage_bar), GTK_LEVEL_BAR_MODE_DISCRETE);
  gtk_widget_set_size_request (self->coverage_bar, 96, -1);
  gtk_widget_set_valign (self->coverage_bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Coverage"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->coverage_row), self->coverage_bar);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->coverage_row);
  update_coverage (self);

  for (guint c = 0; c < MOAT_N_STRIDE_CATEGORIES; c++)
    add_category_group (self, page, c);

  update_patterns (self);
  update_suggestions (self);
}

/**
 * moat_flow_review_lookup_suggestion:
 * @rule_id: the id of a rule
 *
 * Returns: (transfer none) (nullable): the flow's suggestion from that
 *   rule at the last update, or %NULL when the rule does not match
 */
const MoatSuggestion *
moat_flow_review_lookup_suggestion (MoatFlowReview *self,
                                    const char     *rule_id)
{
  g_return_val_if_fail (MOAT_IS_FLOW_REVIEW (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const MoatSuggestion *suggestion = g_ptr_array_index (self->suggestions, i);

      if (g_str_equal (moat_rule_get_id (suggestion->rule), rule_id))
        return suggestion;
    }

  return NULL;
}
