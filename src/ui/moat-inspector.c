/* moat-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-flow-review.h"
#include "moat-inspector.h"
#include "moat-model-binding.h"
#include "moat-threat-editor.h"

struct _MoatInspector
{
  GtkWidget parent_instance;

  MoatDocument *document;
  GObject *item;
  MoatThreat *threat;
  MoatReviewModel *review_model;

  /* The data flows of a multi-selection, and copies of their open
   * suggestions at the last update. */
  GPtrArray *selected_flows;
  GPtrArray *selection_suggestions;

  GSignalGroup *document_signals;
  GSignalGroup *item_signals;

  GtkWidget *stack;

  /* The page of the current item, rebuilt when the item changes. */
  GtkWidget *item_page;
  MoatModelBinding *item_binding;
  MoatFlowReview *flow_review;
  AdwPreferencesGroup *selection_group;
  GtkWidget *source_row;
  GtkWidget *target_row;
  AdwPreferencesGroup *threats_group;
  GPtrArray *threat_rows;

  /* The editor of the current threat, or NULL. */
  GtkWidget *threat_editor;
};

G_DEFINE_FINAL_TYPE (MoatInspector, moat_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ITEM,
  PROP_THREAT,
  PROP_REVIEW_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
element_kind_label (int value)
{
  return moat_element_kind_to_label (value);
}

static const char *
classification_label (int value)
{
  return moat_classification_to_label (value);
}

static const char *
authentication_method_label (int value)
{
  return moat_authentication_method_to_label (value);
}

static const char *
tool_permission_label (int value)
{
  return moat_tool_permission_to_label (value);
}

static const char *
get_item_id (MoatInspector *self)
{
  return MOAT_IS_ITEM (self->item) ? moat_item_get_id (MOAT_ITEM (self->item)) : NULL;
}

static gboolean
is_threat_of_item (MoatInspector *self,
                   GObject       *object)
{
  const char *item_id = get_item_id (self);

  return MOAT_IS_THREAT (object) &&
         item_id != NULL &&
         g_strcmp0 (moat_threat_get_target_id (MOAT_THREAT (object)), item_id) == 0;
}

static AdwPreferencesGroup *
add_group (MoatInspector *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->item_page), ADW_PREFERENCES_GROUP (group));

  return ADW_PREFERENCES_GROUP (group);
}

static void
update_actions (MoatInspector *self)
{
  gboolean can_have_threats = MOAT_IS_FLOW (self->item) || MOAT_IS_ELEMENT (self->item);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.add-threat",
                                 self->document != NULL && can_have_threats);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.back", self->threat != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.delete-threat",
                                 self->threat != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.accept-suggestion",
                                 self->flow_review != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.dismiss-suggestion",
                                 self->flow_review != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.accept-selection",
                                 self->selection_suggestions->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.dismiss-selection",
                                 self->selection_suggestions->len > 0);
}

/* Threat list */

static char *
dup_threat_row_title (MoatThreat *threat)
{
  g_autofree char *reference = moat_threat_dup_reference (threat);
  const char *title = moat_threat_get_title (threat);

  if (title[0] == '\0')
    title = _("Untitled threat");

  /* TRANSLATORS: a threat in the list of a flow or element: its reference,
   * such as "THREAT-007", two spaces, and its title */
  return g_strdup_printf (_("%s  %s"), reference, title);
}

static GtkWidget *
create_threat_row (MoatThreat *threat)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *severity_label, *arrow;
  g_autofree char *title = dup_threat_row_title (threat);
  g_autofree char *subtitle = NULL;
  MoatSeverity severity = moat_threat_get_severity (threat);

  /* TRANSLATORS: the STRIDE category and the status of a threat, such as
   * "Tampering · OPEN" */
  subtitle = g_strdup_printf (_("%s · %s"),
                              moat_stride_category_to_label (moat_threat_get_category (threat)),
                              moat_threat_status_to_label (moat_threat_get_status (threat)));

  gtk_widget_set_name (row, "threat-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  severity_label = gtk_label_new (moat_severity_to_label (severity));
  gtk_widget_set_name (severity_label, "severity");
  gtk_widget_add_css_class (severity_label, "caption-heading");
  gtk_widget_set_valign (severity_label, GTK_ALIGN_CENTER);
  switch (severity)
    {
    case MOAT_SEVERITY_CRITICAL:
    case MOAT_SEVERITY_HIGH:
      gtk_widget_add_css_class (severity_label, "error");
      break;

    case MOAT_SEVERITY_MEDIUM:
      gtk_widget_add_css_class (severity_label, "warning");
      break;

    case MOAT_SEVERITY_LOW:
    case MOAT_SEVERITY_UNSET:
    default:
      gtk_widget_add_css_class (severity_label, "dim-label");
      break;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), severity_label);

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "inspector.show-threat");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", moat_threat_get_id (threat));

  return row;
}

static void
rebuild_threat_rows (MoatInspector *self)
{
  GPtrArray *threats;

  if (self->threats_group == NULL)
    return;

  for (guint i = 0; i < self->threat_rows->len; i++)
    adw_preferences_group_remove (self->threats_group, g_ptr_array_index (self->threat_rows, i));
  g_ptr_array_set_size (self->threat_rows, 0);

  threats = moat_document_get_threats_for (self->document, get_item_id (self));

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    {
      GtkWidget *row = create_threat_row (g_ptr_array_index (threats, i));

      g_ptr_array_add (self->threat_rows, row);
      adw_preferences_group_add (self->threats_group, row);
    }

  adw_preferences_group_set_description (self->threats_group,
                                         self->threat_rows->len == 0
                                           ? _("No threats recorded yet.")
                                           : NULL);
}

static GMenuModel *
create_category_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (moat_stride_category_to_label (i), NULL);

      g_menu_item_set_action_and_target (item, "inspector.add-threat", "s",
                                         moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, i));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
add_threats_group (MoatInspector *self)
{
  g_autoptr(GMenuModel) menu = create_category_menu ();
  GtkWidget *button = adw_split_button_new ();

  self->threats_group = add_group (self, _("Threats"), NULL);
  gtk_widget_set_name (GTK_WIDGET (self->threats_group), "threats");

  gtk_widget_set_name (button, "add-threat-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_split_button_set_label (ADW_SPLIT_BUTTON (button), _("Add Threat"));
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (button), menu);
  if (MOAT_IS_FLOW (self->item))
    gtk_widget_set_tooltip_text (button, _("Add a threat in the first STRIDE category not "
                                           "reviewed yet"));
  else
    gtk_widget_set_tooltip_text (button, _("Add a spoofing threat"));
  adw_split_button_set_dropdown_tooltip (ADW_SPLIT_BUTTON (button),
                                         _("Add a threat in another STRIDE category"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "inspector.add-threat");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  adw_preferences_group_set_header_suffix (self->threats_group, button);

  rebuild_threat_rows (self);
}

/* Multi-selection */

static void
update_selection_group (MoatInspector *self)
{
  g_autofree char *description = NULL;
  guint n_flows = self->selected_flows->len;
  guint n_open;

  g_ptr_array_set_size (self->selection_suggestions, 0);

  if (self->review_model != NULL && n_flows > 1)
    for (guint i = 0; i < n_flows; i++)
      {
        MoatItem *flow = g_ptr_array_index (self->selected_flows, i);
        g_autoptr(GPtrArray) suggestions =
          moat_review_model_dup_suggestions_for (self->review_model, moat_item_get_id (flow));

        for (guint j = 0; j < suggestions->len; j++)
          {
            const MoatSuggestion *suggestion = g_ptr_array_index (suggestions, j);

            if (suggestion->state == MOAT_SUGGESTION_OPEN)
              g_ptr_array_add (self->selection_suggestions, moat_suggestion_copy (suggestion));
          }
      }

  update_actions (self);

  if (self->selection_group == NULL)
    return;

  n_open = self->selection_suggestions->len;
  gtk_widget_set_visible (GTK_WIDGET (self->selection_group), n_flows > 1 && n_open > 0);
  if (n_open == 0)
    return;

  /* TRANSLATORS: the first %u is a number of selected data flows (always
   * two or more), the second a number of suggested threats */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u data flows selected, with %u open suggestion",
                                              "%u data flows selected, with %u open suggestions",
                                              n_open),
                                 n_flows, n_open);
  adw_preferences_group_set_description (self->selection_group, description);
}

/* The first group of every page: the suggestions of all the data flows
 * of a multi-selection, hidden while fewer than two are selected. */
static void
add_selection_group (MoatInspector *self)
{
  GtkWidget *box, *accept;

  self->selection_group = add_group (self, _("Selected data flows"), NULL);
  gtk_widget_set_name (GTK_WIDGET (self->selection_group), "selection-suggestions");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  accept = gtk_button_new_with_label (_("Accept All"));
  gtk_widget_set_name (accept, "accept-all");
  gtk_widget_set_tooltip_text (accept, _("Record every open suggestion of the selection"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (accept), "inspector.accept-selection");
  gtk_box_append (GTK_BOX (box), accept);
  gtk_box_append (GTK_BOX (box), moat_flow_review_create_dismiss_button (_("Dismiss All"), NULL));
  adw_preferences_group_set_header_suffix (self->selection_group, box);

  update_selection_group (self);
}

/* Item pages */

static void
fill_metadata_page (MoatInspector *self)
{
  MoatModelBinding *binding = self->item_binding;
  AdwPreferencesGroup *group;

  group = add_group (self, _("Model"), NULL);
  moat_model_binding_add_entry (binding, group, "title", _("Title"));
  moat_model_binding_add_entry (binding, group, "owner", _("Owner"));
  moat_model_binding_add_list_entry (binding, group, "reviewers",
                                     _("Reviewers (comma-separated)"));
  moat_model_binding_add_entry (binding, group, "model-version", _("Model version"));
  moat_model_binding_add_text_area (binding, group, "description", _("Description"));

  group = add_group (self, _("Business context"),
                     _("What the system must achieve and protect, and what the model covers."));
  moat_model_binding_add_text_area (binding, group, "business-objectives",
                                    _("Business objectives"));
  moat_model_binding_add_text_area (binding, group, "security-objectives",
                                    _("Security objectives"));
  moat_model_binding_add_list_entry (binding, group, "compliance",
                                     _("Compliance (comma-separated)"));
  moat_model_binding_add_text_area (binding, group, "risk-appetite", _("Risk appetite"));
  moat_model_binding_add_text_area (binding, group, "technical-scope", _("Technical scope"));
}

static void
add_agent_group (MoatInspector *self)
{
  MoatModelBinding *binding = self->item_binding;
  AdwPreferencesGroup *group;
  GtkWidget *row;

  group = add_group (self, _("AI agent"), NULL);
  moat_model_binding_add_switch (binding, group, "ai-agent", _("AI agent with tool access"));

  row = moat_model_binding_add_flags (binding, group, "agent-tool-permissions",
                                      _("Tool permissions"), tool_permission_label);
  moat_model_binding_show_when (binding, row, "ai-agent", TRUE);
  row = moat_model_binding_add_spin (binding, group, "agent-max-iterations",
                                     _("Iteration limit"),
                                     _("Agent loop iterations per request; 0 means no limit"));
  moat_model_binding_show_when (binding, row, "ai-agent", TRUE);
  row = moat_model_binding_add_spin (binding, group, "agent-max-tokens", _("Token limit"),
                                     _("Tokens per request; 0 means no limit"));
  moat_model_binding_show_when (binding, row, "ai-agent", TRUE);
}

static void
fill_element_page (MoatInspector *self)
{
  MoatModelBinding *binding = self->item_binding;
  AdwPreferencesGroup *group;
  GtkWidget *reason;

  group = add_group (self, _("Element"), NULL);
  moat_model_binding_add_entry (binding, group, "name", _("Name"));
  moat_model_binding_add_combo (binding, group, "kind", _("Kind"), element_kind_label);
  moat_model_binding_add_entry (binding, group, "technology", _("Technology"));
  moat_model_binding_add_text_area (binding, group, "description", _("Description"));
  moat_model_binding_add_switch (binding, group, "out-of-scope", _("Out of scope"));
  reason = moat_model_binding_add_entry (binding, group, "out-of-scope-reason",
                                         _("Why it is out of scope"));
  moat_model_binding_show_when (binding, reason, "out-of-scope", TRUE);

  /* The properties that the rule library tests. */
  group = add_group (self, _("Security controls"),
                     _("What the element does to protect itself. Threat suggestions follow "
                       "these answers."));
  moat_model_binding_add_switch (binding, group, "authenticates-callers",
                                 _("Authenticates callers"));
  moat_model_binding_add_switch (binding, group, "checks-authorization",
                                 _("Checks authorization"));
  moat_model_binding_add_switch (binding, group, "validates-input", _("Validates input"));
  moat_model_binding_add_switch (binding, group, "audit-logging", _("Keeps an audit log"));
  moat_model_binding_add_switch (binding, group, "elevated-privilege",
                                 _("Runs with elevated privilege"));
  moat_model_binding_add_switch (binding, group, "stores-credentials",
                                 _("Stores secrets or credentials"));
  moat_model_binding_add_switch (binding, group, "internet-facing", _("Internet-facing"));

  add_agent_group (self);
  add_threats_group (self);
}

static void
fill_boundary_page (MoatInspector *self)
{
  MoatModelBinding *binding = self->item_binding;
  AdwPreferencesGroup *group;

  group = add_group (self, _("Trust boundary"), NULL);
  moat_model_binding_add_entry (binding, group, "name", _("Name"));
  moat_model_binding_add_text_area (binding, group, "description", _("Description"));
}

static char *
dup_element_text (MoatInspector *self,
                  const char    *id)
{
  gpointer element = moat_document_lookup (self->document, id);
  const char *name;

  if (!MOAT_IS_ELEMENT (element))
    return g_strdup (_("Missing element"));

  name = moat_item_get_name (element);
  if (name[0] == '\0')
    /* TRANSLATORS: an element without a name, and %s is its kind, such as
     * "Process" */
    return g_strdup_printf (_("%s (unnamed)"),
                            moat_element_kind_to_label (moat_element_get_kind (element)));

  return g_strdup (name);
}

static void
update_flow_ends (MoatInspector *self)
{
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;

  if (!MOAT_IS_FLOW (self->item) || self->source_row == NULL)
    return;

  source = dup_element_text (self, moat_flow_get_source_id (MOAT_FLOW (self->item)));
  target = dup_element_text (self, moat_flow_get_target_id (MOAT_FLOW (self->item)));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->source_row), source);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->target_row), target);
}

static GtkWidget *
add_flow_end_row (AdwPreferencesGroup *group,
                  const char          *name,
                  const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_preferences_group_add (group, row);

  return row;
}

static void
fill_flow_page (MoatInspector *self)
{
  MoatModelBinding *binding = self->item_binding;
  AdwPreferencesGroup *group;
  GtkWidget *controls;

  self->flow_review = moat_flow_review_new (binding, self->review_model);

  group = add_group (self, _("Data flow"), NULL);
  moat_model_binding_add_entry (binding, group, "name", _("Label"));
  self->source_row = add_flow_end_row (group, "item-source", _("From"));
  self->target_row = add_flow_end_row (group, "item-target", _("To"));
  moat_flow_review_add_crossings_row (self->flow_review, group);
  moat_model_binding_add_entry (binding, group, "protocol", _("Protocol"));
  moat_model_binding_add_combo (binding, group, "authentication-method",
                                _("Authentication method"), authentication_method_label);
  moat_model_binding_add_combo (binding, group, "classification", _("Data classification"),
                                classification_label);

  /* The switches that the rule library tests, folded so the STRIDE
   * review stays near the top of the page. */
  controls = adw_expander_row_new ();
  gtk_widget_set_name (controls, "item-security-controls");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (controls), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (controls), _("Security controls"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (controls),
                                 _("Authentication, encryption, integrity, rate limit"));
  adw_preferences_group_add (group, controls);
  moat_model_binding_add_expander_switch (binding, ADW_EXPANDER_ROW (controls), "authenticated",
                                          _("Authenticated"));
  moat_model_binding_add_expander_switch (binding, ADW_EXPANDER_ROW (controls), "encrypted",
                                          _("Encrypted in transit"));
  moat_model_binding_add_expander_switch (binding, ADW_EXPANDER_ROW (controls), "signed",
                                          _("Integrity protected (signed)"));
  moat_model_binding_add_expander_switch (binding, ADW_EXPANDER_ROW (controls), "rate-limited",
                                          _("Rate limited"));
  moat_model_binding_add_expander_switch (binding, ADW_EXPANDER_ROW (controls), "public-network",
                                          _("Travels over a public network"));

  moat_model_binding_add_switch (binding, group, "bidirectional", _("Bidirectional"));
  moat_model_binding_add_text_area (binding, group, "description", _("Description"));
  update_flow_ends (self);

  moat_flow_review_add_groups (self->flow_review, ADW_PREFERENCES_PAGE (self->item_page));
  add_threats_group (self);
}

static void
clear_item_page (MoatInspector *self)
{
  g_clear_object (&self->flow_review);
  g_clear_object (&self->item_binding);
  self->selection_group = NULL;
  g_ptr_array_set_size (self->threat_rows, 0);
  self->threats_group = NULL;
  self->source_row = NULL;
  self->target_row = NULL;

  if (self->item_page != NULL)
    {
      gtk_stack_remove (GTK_STACK (self->stack), self->item_page);
      self->item_page = NULL;
    }
}

static void
rebuild_item_page (MoatInspector *self)
{
  clear_item_page (self);

  self->item_page = adw_preferences_page_new ();
  gtk_widget_set_name (self->item_page, "item-page");
  gtk_stack_add_named (GTK_STACK (self->stack), self->item_page, "item");

  if (self->document == NULL)
    {
      add_group (self, NULL, _("No model is open."));
      return;
    }

  add_selection_group (self);

  if (self->item == NULL)
    {
      self->item_binding = moat_model_binding_new (self->document, self->document, "model-");
      fill_metadata_page (self);
      return;
    }

  self->item_binding = moat_model_binding_new (self->document, self->item, "item-");

  if (MOAT_IS_ELEMENT (self->item))
    fill_element_page (self);
  else if (MOAT_IS_FLOW (self->item))
    fill_flow_page (self);
  else if (MOAT_IS_BOUNDARY (self->item))
    fill_boundary_page (self);
  else
    g_assert_not_reached ();
}

static void
focus_threat_row (MoatInspector *self,
                  MoatThreat    *threat)
{
  for (guint i = 0; i < self->threat_rows->len; i++)
    {
      GtkActionable *row = g_ptr_array_index (self->threat_rows, i);
      GVariant *target = gtk_actionable_get_action_target_value (row);

      if (target != NULL &&
          g_str_equal (g_variant_get_string (target, NULL), moat_threat_get_id (threat)))
        {
          gtk_widget_grab_focus (GTK_WIDGET (row));
          return;
        }
    }
}

/* Document signals */

static void
document_item_added_cb (MoatInspector *self,
                        GObject       *object)
{
  if (is_threat_of_item (self, object))
    rebuild_threat_rows (self);
}

static void
document_item_removed_cb (MoatInspector *self,
                          GObject       *object)
{
  if (self->threat != NULL && object == G_OBJECT (self->threat))
    moat_inspector_show_threat (self, NULL);

  if (self->item != NULL && object == self->item)
    moat_inspector_set_item (self, NULL);
  else if (is_threat_of_item (self, object))
    rebuild_threat_rows (self);
}

static void
document_item_changed_cb (MoatInspector *self,
                          GObject       *object,
                          const char    *property_name)
{
  /* A threat moved to another flow leaves one list and joins another. */
  if (MOAT_IS_THREAT (object) &&
      (is_threat_of_item (self, object) || g_str_equal (property_name, "target-id")))
    {
      rebuild_threat_rows (self);
      return;
    }

  if (MOAT_IS_ELEMENT (object) && MOAT_IS_FLOW (self->item) &&
      (g_str_equal (property_name, "name") || g_str_equal (property_name, "kind")))
    update_flow_ends (self);
}

/* Actions */

static MoatStrideCategory
get_default_category (MoatInspector *self)
{
  if (!MOAT_IS_FLOW (self->item))
    return MOAT_STRIDE_SPOOFING;

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    if (moat_flow_get_review_state (MOAT_FLOW (self->item), i) == MOAT_REVIEW_NOT_REVIEWED)
      return i;

  return MOAT_STRIDE_SPOOFING;
}

static void
add_threat_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  const char *nick = g_variant_get_string (parameter, NULL);
  g_autoptr(MoatThreat) threat = NULL;
  int category;

  if (self->document == NULL || !(MOAT_IS_FLOW (self->item) || MOAT_IS_ELEMENT (self->item)))
    return;

  if (nick[0] == '\0')
    category = get_default_category (self);
  else if (!moat_enum_from_nick (MOAT_TYPE_STRIDE_CATEGORY, nick, &category))
    {
      g_warning ("Cannot add a threat: “%s” is not a STRIDE category", nick);
      return;
    }

  threat = moat_threat_new (NULL, get_item_id (self), category, _("New threat"));
  moat_document_add_threat (self->document, threat);

  moat_inspector_show_threat (self, threat);
  moat_threat_editor_focus_title (MOAT_THREAT_EDITOR (self->threat_editor));
}

static void
show_threat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  gpointer threat;

  if (self->document == NULL)
    return;

  threat = moat_document_lookup (self->document, id);
  if (!MOAT_IS_THREAT (threat))
    {
      g_warning ("Cannot show threat “%s”: it is not in the document", id);
      return;
    }

  moat_inspector_show_threat (self, threat);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  g_autoptr(MoatThreat) threat = self->threat != NULL ? g_object_ref (self->threat) : NULL;

  moat_inspector_show_threat (self, NULL);

  /* Keyboard users continue from the row they opened. */
  if (threat != NULL)
    focus_threat_row (self, threat);
}

static void
delete_threat_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);

  /* Removing the threat closes the editor through "item-removed", the same
   * path as undoing the threat's creation. */
  if (self->document != NULL && self->threat != NULL)
    moat_document_remove_threat (self->document, self->threat);
}

static const MoatSuggestion *
lookup_suggestion (MoatInspector *self,
                   const char    *rule_id)
{
  const MoatSuggestion *suggestion;

  if (self->document == NULL || self->flow_review == NULL)
    return NULL;

  suggestion = moat_flow_review_lookup_suggestion (self->flow_review, rule_id);
  if (suggestion == NULL || suggestion->state != MOAT_SUGGESTION_OPEN)
    {
      g_warning ("Cannot act on the suggestion of rule “%s”: the flow has no open suggestion "
                 "from it", rule_id);
      return NULL;
    }

  return suggestion;
}

/* Shows the effect of an accepted or dismissed suggestion at once, so the
 * row cannot be used a second time before the idle update. */
static void
update_review_now (MoatInspector *self)
{
  if (self->review_model != NULL)
    moat_review_model_update (self->review_model);
}

static void
accept_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  const MoatSuggestion *suggestion = lookup_suggestion (self, g_variant_get_string (parameter,
                                                                                   NULL));
  g_autoptr(MoatSuggestion) copy = NULL;

  if (suggestion == NULL)
    return;

  /* The update below replaces the suggestion that the lookup returned. */
  copy = moat_suggestion_copy (suggestion);
  moat_suggestion_accept (self->document, copy);
  update_review_now (self);
}

static void
dismiss_suggestion_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  const char *rule_id;
  const char *reason;
  const MoatSuggestion *suggestion;
  g_autoptr(MoatSuggestion) copy = NULL;

  g_variant_get (parameter, "(&s&s)", &rule_id, &reason);
  suggestion = lookup_suggestion (self, rule_id);
  if (suggestion == NULL)
    return;

  copy = moat_suggestion_copy (suggestion);
  moat_suggestion_dismiss (self->document, copy, reason);
  update_review_now (self);
}

static void
accept_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  g_autoptr(GPtrArray) suggestions = g_steal_pointer (&self->selection_suggestions);

  self->selection_suggestions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)moat_suggestion_free);

  if (self->document != NULL && suggestions->len > 0)
    moat_suggestions_accept (self->document, suggestions);
  update_review_now (self);
}

static void
dismiss_selection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MoatInspector *self = MOAT_INSPECTOR (widget);
  g_autoptr(GPtrArray) suggestions = g_steal_pointer (&self->selection_suggestions);

  self->selection_suggestions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)moat_suggestion_free);

  if (self->document != NULL && suggestions->len > 0)
    moat_suggestions_dismiss (self->document, suggestions, g_variant_get_string (parameter, NULL));
  update_review_now (self);
}

static void
review_model_updated_cb (MoatInspector *self)
{
  update_selection_group (self);
}

/* GObject */

static void
moat_inspector_dispose (GObject *object)
{
  MoatInspector *self = (MoatInspector *)object;

  g_signal_group_set_target (self->document_signals, NULL);
  g_signal_group_set_target (self->item_signals, NULL);

  g_clear_object (&self->flow_review);
  g_clear_object (&self->item_binding);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  self->item_page = NULL;
  self->threat_editor = NULL;
  self->threats_group = NULL;
  self->selection_group = NULL;
  self->source_row = NULL;
  self->target_row = NULL;
  g_clear_pointer (&self->threat_rows, g_ptr_array_unref);
  g_clear_pointer (&self->selected_flows, g_ptr_array_unref);
  g_clear_pointer (&self->selection_suggestions, g_ptr_array_unref);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->threat);
  g_clear_object (&self->item);
  g_clear_object (&self->document);
  if (self->review_model != NULL)
    g_signal_handlers_disconnect_by_data (self->review_model, self);
  g_clear_object (&self->review_model);

  G_OBJECT_CLASS (moat_inspector_parent_class)->dispose (object);
}

static void
moat_inspector_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MoatInspector *self = MOAT_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_THREAT:
      g_value_set_object (value, self->threat);
      break;

    case PROP_REVIEW_MODEL:
      g_value_set_object (value, self->review_model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_inspector_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MoatInspector *self = MOAT_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      moat_inspector_set_document (self, g_value_get_object (value));
      break;

    case PROP_ITEM:
      moat_inspector_set_item (self, g_value_get_object (value));
      break;

    case PROP_REVIEW_MODEL:
      moat_inspector_set_review_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_inspector_class_init (MoatInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_inspector_dispose;
  object_class->get_property = moat_inspector_get_property;
  object_class->set_property = moat_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MOAT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MoatInspector:item:
   *
   * The selected element, data flow or trust boundary, or %NULL for the
   * model's metadata.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MoatInspector:threat:
   *
   * The threat open in the threat editor, or %NULL.
   */
  properties[PROP_THREAT] =
    g_param_spec_object ("threat", NULL, NULL, MOAT_TYPE_THREAT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MoatInspector:review-model:
   *
   * The STRIDE review of the document, which adds the catalogue,
   * boundary crossings and suggestions to a flow's page, or %NULL.
   */
  properties[PROP_REVIEW_MODEL] =
    g_param_spec_object ("review-model", NULL, NULL, MOAT_TYPE_REVIEW_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "inspector.add-threat", "s", add_threat_action);
  gtk_widget_class_install_action (widget_class, "inspector.accept-suggestion", "s",
                                   accept_suggestion_action);
  gtk_widget_class_install_action (widget_class, "inspector.dismiss-suggestion", "(ss)",
                                   dismiss_suggestion_action);
  gtk_widget_class_install_action (widget_class, "inspector.accept-selection", NULL,
                                   accept_selection_action);
  gtk_widget_class_install_action (widget_class, "inspector.dismiss-selection", "s",
                                   dismiss_selection_action);
  gtk_widget_class_install_action (widget_class, "inspector.show-threat", "s",
                                   show_threat_action);
  gtk_widget_class_install_action (widget_class, "inspector.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "inspector.delete-threat", NULL,
                                   delete_threat_action);

  /* While the editor is closed the action is disabled, so the keys go on
   * to the window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "inspector.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "inspector.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
moat_inspector_init (MoatInspector *self)
{
  self->threat_rows = g_ptr_array_new ();
  self->selected_flows = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection_suggestions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)moat_suggestion_free);

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack),
                                 GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (MOAT_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "item-added",
                                 G_CALLBACK (document_item_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "item-removed",
                                 G_CALLBACK (document_item_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "item-changed",
                                 G_CALLBACK (document_item_changed_cb), self, G_CONNECT_SWAPPED);

  /* A flow's ends can change by undo of a reconnection. */
  self->item_signals = g_signal_group_new (MOAT_TYPE_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify::source-id",
                                 G_CALLBACK (update_flow_ends), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->item_signals, "notify::target-id",
                                 G_CALLBACK (update_flow_ends), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspector"),
                                  -1);

  rebuild_item_page (self);
  update_actions (self);
}

MoatInspector *
moat_inspector_new (void)
{
  return g_object_new (MOAT_TYPE_INSPECTOR, NULL);
}

MoatDocument *
moat_inspector_get_document (MoatInspector *self)
{
  g_return_val_if_fail (MOAT_IS_INSPECTOR (self), NULL);

  return self->document;
}

/**
 * moat_inspector_set_document:
 * @document: (nullable): the document to edit
 *
 * Shows @document's metadata; the item is reset to %NULL.
 */
void
moat_inspector_set_document (MoatInspector *self,
                             MoatDocument  *document)
{
  g_return_if_fail (MOAT_IS_INSPECTOR (self));
  g_return_if_fail (!document || MOAT_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  moat_inspector_show_threat (self, NULL);
  if (self->item != NULL)
    {
      g_signal_group_set_target (self->item_signals, NULL);
      g_clear_object (&self->item);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
    }

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  rebuild_item_page (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * moat_inspector_get_item:
 *
 * Returns: (transfer none) (nullable): the edited item, or %NULL when the
 *   model's metadata is shown
 */
GObject *
moat_inspector_get_item (MoatInspector *self)
{
  g_return_val_if_fail (MOAT_IS_INSPECTOR (self), NULL);

  return self->item;
}

/**
 * moat_inspector_set_item:
 * @item: (nullable): a #MoatElement, #MoatFlow or #MoatBoundary of the
 *   document, or %NULL for the model's metadata
 *
 * Shows the page of @item, closing the threat editor.
 */
void
moat_inspector_set_item (MoatInspector *self,
                         GObject       *item)
{
  g_return_if_fail (MOAT_IS_INSPECTOR (self));
  g_return_if_fail (item == NULL ||
                    MOAT_IS_ELEMENT (item) || MOAT_IS_FLOW (item) || MOAT_IS_BOUNDARY (item));
  g_return_if_fail (item == NULL || self->document != NULL);

  if (self->item == item)
    return;

  moat_inspector_show_threat (self, NULL);

  g_set_object (&self->item, item);
  g_signal_group_set_target (self->item_signals, item);

  rebuild_item_page (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * moat_inspector_get_threat:
 *
 * Returns: (transfer none) (nullable): the threat open in the editor
 */
MoatThreat *
moat_inspector_get_threat (MoatInspector *self)
{
  g_return_val_if_fail (MOAT_IS_INSPECTOR (self), NULL);

  return self->threat;
}

/**
 * moat_inspector_show_threat:
 * @threat: (nullable): a threat of the document, or %NULL to close the
 *   editor and show the item page
 *
 * Opens @threat in the threat editor. The item stays as it is, so the back
 * button returns to the current item.
 */
void
moat_inspector_show_threat (MoatInspector *self,
                            MoatThreat    *threat)
{
  g_return_if_fail (MOAT_IS_INSPECTOR (self));
  g_return_if_fail (!threat || MOAT_IS_THREAT (threat));
  g_return_if_fail (threat == NULL ||
                    (self->document != NULL &&
                     moat_document_lookup (self->document, moat_threat_get_id (threat)) == threat));

  if (self->threat == threat)
    return;

  if (self->threat_editor != NULL)
    {
      gtk_stack_remove (GTK_STACK (self->stack), self->threat_editor);
      self->threat_editor = NULL;
    }

  g_set_object (&self->threat, threat);

  if (threat != NULL)
    {
      self->threat_editor = moat_threat_editor_new (self->document, threat);
      gtk_widget_set_name (self->threat_editor, "threat-editor");
      gtk_stack_add_named (GTK_STACK (self->stack), self->threat_editor, "threat");
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->threat_editor);
    }
  else
    {
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->item_page);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREAT]);
}

/**
 * moat_inspector_get_review_model:
 *
 * Returns: (transfer none) (nullable): the review model
 */
MoatReviewModel *
moat_inspector_get_review_model (MoatInspector *self)
{
  g_return_val_if_fail (MOAT_IS_INSPECTOR (self), NULL);

  return self->review_model;
}

/**
 * moat_inspector_set_review_model:
 * @review_model: (nullable): the STRIDE review of the inspector's
 *   document
 *
 * Sets the review that a flow's page shows: the STRIDE catalogue, the
 * boundary crossings and the rule library's suggestions.
 */
void
moat_inspector_set_review_model (MoatInspector   *self,
                                 MoatReviewModel *review_model)
{
  g_return_if_fail (MOAT_IS_INSPECTOR (self));
  g_return_if_fail (!review_model || MOAT_IS_REVIEW_MODEL (review_model));

  if (self->review_model == review_model)
    return;

  if (self->review_model != NULL)
    g_signal_handlers_disconnect_by_data (self->review_model, self);
  g_set_object (&self->review_model, review_model);
  if (review_model != NULL)
    g_signal_connect_object (review_model, "updated", G_CALLBACK (review_model_updated_cb), self,
                             G_CONNECT_SWAPPED);

  rebuild_item_page (self);
  if (self->threat == NULL)
    gtk_stack_set_visible_child (GTK_STACK (self->stack), self->item_page);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_MODEL]);
}

/**
 * moat_inspector_set_selection:
 * @items: (element-type MoatItem) (nullable): the items selected on the
 *   canvas, such as moat_canvas_get_selection() returns
 *
 * Offers to accept or dismiss the open suggestions of all the selected
 * data flows at once, when two or more are selected. The page still edits
 * the item given to moat_inspector_set_item().
 */
void
moat_inspector_set_selection (MoatInspector *self,
                              GPtrArray     *items)
{
  g_return_if_fail (MOAT_IS_INSPECTOR (self));

  g_ptr_array_set_size (self->selected_flows, 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (MOAT_IS_FLOW (g_ptr_array_index (items, i)))
      g_ptr_array_add (self->selected_flows, g_object_ref (g_ptr_array_index (items, i)));

  update_selection_group (self);
}
