/* test-review-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The STRIDE review in the user interface, on examples/payment-webhook.moat
 * and on models built in code: the inspector's suggestions, detection
 * patterns, crossings and coverage.
 */

#include "config.h"

#include <adwaita.h>

#include "moat-format.h"
#include "moat-inspector.h"
#include "moat-review-model.h"

#define WEBHOOK_FLOW_ID "flow-webhook-event"
#define UNSIGNED_RULE_ID "spoofing.unsigned-webhook"

typedef struct
{
  MoatDocument *document;
  MoatReviewModel *review_model;
  MoatFlow *flow;
  GtkWidget *window;
  MoatInspector *inspector;
} Fixture;

static void
process_events (void)
{
  /* Twice, because handling one batch of events can queue the next. */
  for (guint i = 0; i < 2; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
require_named (GtkWidget  *root,
               const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named “%s” under %s", name, G_OBJECT_TYPE_NAME (root));

  return widget;
}

static MoatDocument *
load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                            "payment-webhook.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatDocument *document = moat_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* Removes every threat, so that every suggestion of the example is open. */
static void
remove_threats (MoatDocument *document)
{
  GPtrArray *threats = moat_document_get_threats (document);

  while (threats->len > 0)
    moat_document_remove_threat (document, g_ptr_array_index (threats, threats->len - 1));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = load_example ();
  remove_threats (fixture->document);
  fixture->flow = moat_document_lookup (fixture->document, WEBHOOK_FLOW_ID);
  g_assert_true (MOAT_IS_FLOW (fixture->flow));

  fixture->review_model = moat_review_model_new ();
  moat_review_model_set_document (fixture->review_model, fixture->document);
  g_assert_null (moat_review_model_get_data_error (fixture->review_model));

  fixture->inspector = moat_inspector_new ();
  moat_inspector_set_document (fixture->inspector, fixture->document);
  moat_inspector_set_review_model (fixture->inspector, fixture->review_model);
  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 800);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->inspector));
  gtk_window_present (GTK_WINDOW (fixture->window));
  process_events ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  process_events ();
  g_assert_finalize_object (fixture->window);

  g_assert_finalize_object (fixture->review_model);
  g_assert_finalize_object (fixture->document);
}

static GtkWidget *
get_page (Fixture *fixture)
{
  return require_named (GTK_WIDGET (fixture->inspector), "item-page");
}

static GtkWidget *
find_suggestion (Fixture    *fixture,
                 const char *rule_id)
{
  g_autofree char *name = g_strconcat ("suggestion-", rule_id, NULL);

  return find_named (get_page (fixture), name);
}

static const char *
get_subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static MoatThreat *
find_threat_of_rule (MoatDocument *document,
                     const char   *rule_id)
{
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint i = 0; i < threats->len; i++)
    if (g_str_equal (moat_threat_get_rule_id (g_ptr_array_index (threats, i)), rule_id))
      return g_ptr_array_index (threats, i);

  return NULL;
}

static void
test_inspector_shows_suggestions (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *row, *group;

  row = find_suggestion (fixture, UNSIGNED_RULE_ID);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Forged webhook events are accepted as genuine");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));

  /* The suggestion sits in the group of its own category. */
  group = require_named (get_page (fixture), "category-spoofing");
  g_assert_true (gtk_widget_is_ancestor (row, group));
  g_assert_nonnull (find_suggestion (fixture, "tampering.unprotected-payload"));
  g_assert_true (gtk_widget_is_ancestor (find_suggestion (fixture,
                                                          "tampering.unprotected-payload"),
                                         require_named (get_page (fixture),
                                                        "category-tampering")));
}

static void
test_inspector_catalogue (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *page = get_page (fixture);
  GtkWidget *state, *mitigations;
  MoatStrideCatalogue *catalogue = moat_review_model_get_catalogue (fixture->review_model);

  state = require_named (page, "item-review-spoofing");
  g_assert_cmpstr (get_subtitle (state), ==,
                   moat_stride_catalogue_get_question (catalogue, MOAT_STRIDE_SPOOFING));

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    for (guint i = 0; i < moat_stride_catalogue_get_n_patterns (catalogue, category); i++)
      {
        const MoatStridePattern *pattern =
          moat_stride_catalogue_get_pattern (catalogue, category, i);
        g_autofree char *name = g_strconcat ("pattern-", pattern->id, NULL);
        GtkWidget *row = require_named (page, name);

        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                         pattern->title);
      }

  mitigations = require_named (page, "mitigations-denial-of-service");
  g_assert_true (ADW_IS_EXPANDER_ROW (mitigations));
}

static void
test_inspector_accept_suggestion (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *row = find_suggestion (fixture, UNSIGNED_RULE_ID);
  MoatThreat *threat;

  g_assert_nonnull (row);
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 0);

  g_signal_emit_by_name (require_named (row, "accept"), "clicked");
  process_events ();

  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 1);
  threat = find_threat_of_rule (fixture->document, UNSIGNED_RULE_ID);
  g_assert_nonnull (threat);
  g_assert_cmpstr (moat_threat_get_title (threat), ==,
                   "Forged webhook events are accepted as genuine");
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_SPOOFING);
  g_assert_null (find_suggestion (fixture, UNSIGNED_RULE_ID));

  /* One undo takes the whole acceptance back, and the suggestion returns. */
  g_assert_true (moat_document_undo (fixture->document));
  process_events ();
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 0);
  g_assert_nonnull (find_suggestion (fixture, UNSIGNED_RULE_ID));
}

static void
test_inspector_dismiss_suggestion (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *row = find_suggestion (fixture, UNSIGNED_RULE_ID);
  GtkWidget *button, *entry, *confirm;
  GtkPopover *popover;

  g_assert_nonnull (row);
  /* The popover's widgets exist before it opens. */
  button = require_named (row, "dismiss");
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  entry = require_named (GTK_WIDGET (popover), "dismiss-reason");
  confirm = require_named (GTK_WIDGET (popover), "dismiss-confirm");

  /* A reason is required. */
  g_assert_false (gtk_widget_get_sensitive (confirm));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (gtk_widget_get_sensitive (confirm));

  gtk_editable_set_text (GTK_EDITABLE (entry), "  The provider signs every event <b>  ");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_signal_emit_by_name (confirm, "clicked");
  process_events ();

  g_assert_cmpstr (moat_flow_get_dismissal_reason (fixture->flow, UNSIGNED_RULE_ID), ==,
                   "The provider signs every event <b>");
  g_assert_null (find_suggestion (fixture, UNSIGNED_RULE_ID));
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 0);

  g_assert_true (moat_document_undo (fixture->document));
  process_events ();
  g_assert_null (moat_flow_get_dismissal_reason (fixture->flow, UNSIGNED_RULE_ID));
  g_assert_nonnull (find_suggestion (fixture, UNSIGNED_RULE_ID));
}

static void
test_inspector_check_pattern (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *row = require_named (get_page (fixture), "pattern-spoofing.unsigned-webhooks");
  GtkWidget *expander = require_named (get_page (fixture), "patterns-spoofing");
  GtkCheckButton *check;
  const char * const *checked;

  check = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "0 of 4 checked");

  gtk_check_button_set_active (check, TRUE);
  checked = moat_flow_get_checked_patterns (fixture->flow);
  g_assert_nonnull (checked);
  g_assert_true (g_strv_contains (checked, "spoofing.unsigned-webhooks"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "1 of 4 checked");

  /* Undo shows in the check button. */
  g_assert_true (moat_document_undo (fixture->document));
  checked = moat_flow_get_checked_patterns (fixture->flow);
  g_assert_true (checked == NULL || !g_strv_contains (checked, "spoofing.unsigned-webhooks"));
  g_assert_false (gtk_check_button_get_active (check));
}

static void
test_inspector_coverage (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = get_page (fixture);
  GtkWidget *coverage = require_named (page, "item-coverage");
  GtkWidget *state = require_named (page, "item-review-denial-of-service");
  GtkDropDown *drop_down;
  guint reviewed;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The example reviewed every category of this flow. */
  g_assert_cmpstr (get_subtitle (coverage), ==, "6 of 6 categories reviewed");
  moat_document_set (fixture->document, fixture->flow,
                     moat_flow_review_state_property (MOAT_STRIDE_DENIAL_OF_SERVICE),
                     MOAT_REVIEW_NOT_REVIEWED, NULL);

  reviewed = moat_coverage_count_reviewed (fixture->flow);
  g_assert_cmpuint (reviewed, ==, MOAT_N_STRIDE_CATEGORIES - 1);
  before = g_strdup_printf ("%u of 6 categories reviewed", reviewed);
  after = g_strdup_printf ("%u of 6 categories reviewed", reviewed + 1);
  g_assert_cmpstr (get_subtitle (coverage), ==, before);

  drop_down = GTK_DROP_DOWN (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (state)));
  gtk_drop_down_set_selected (drop_down, MOAT_REVIEW_NOT_APPLICABLE);
  g_assert_cmpstr (get_subtitle (coverage), ==, after);

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (get_subtitle (coverage), ==, before);
}

static void
test_inspector_crossings (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *row = require_named (get_page (fixture), "item-crossings");
  MoatElement *provider = moat_document_lookup (fixture->document, "element-provider");
  MoatRect bounds;

  g_assert_cmpstr (get_subtitle (row), ==, "Crosses Outside → DMZ");

  /* Moving the provider into the DMZ ends the crossing after the update. */
  bounds = moat_element_get_bounds (moat_document_lookup (fixture->document, "element-gateway"));
  moat_document_set (fixture->document, provider,
                     "x", bounds.x + 4, "y", bounds.y + 4, NULL);
  process_events ();
  g_assert_cmpstr (get_subtitle (row), ==, "Crosses no trust boundary");

  g_assert_true (moat_document_undo (fixture->document));
  process_events ();
  g_assert_cmpstr (get_subtitle (row), ==, "Crosses Outside → DMZ");
}

static void
test_inspector_element_properties (Fixture       *fixture,
                                   gconstpointer  data)
{
  MoatElement *gateway = moat_document_lookup (fixture->document, "element-gateway");
  GtkWidget *page, *row, *permissions, *network, *iterations;
  GtkSwitch *toggle;
  GtkCheckButton *check;
  GtkSpinButton *spin_button;
  gboolean was_validating = moat_element_get_validates_input (gateway);

  moat_inspector_set_item (fixture->inspector, G_OBJECT (gateway));
  process_events ();
  page = get_page (fixture);

  row = require_named (page, "item-validates-input");
  toggle = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  g_assert_cmpint (gtk_switch_get_active (toggle), ==, was_validating);
  gtk_switch_set_active (toggle, !was_validating);
  g_assert_cmpint (moat_element_get_validates_input (gateway), ==, !was_validating);
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpint (gtk_switch_get_active (toggle), ==, was_validating);

  /* The agent's limits and permissions show only for an AI agent. */
  permissions = require_named (page, "item-agent-tool-permissions");
  iterations = require_named (page, "item-agent-max-iterations");
  g_assert_false (moat_element_get_ai_agent (gateway));
  g_assert_false (gtk_widget_get_visible (permissions));
  g_assert_false (gtk_widget_get_visible (iterations));

  row = require_named (page, "item-ai-agent");
  toggle = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (gtk_widget_get_visible (permissions));
  g_assert_true (gtk_widget_get_visible (iterations));

  network = require_named (permissions, "item-agent-tool-permissions-network");
  check = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (network)));
  gtk_check_button_set_active (check, TRUE);
  g_assert_cmpuint (moat_element_get_agent_tool_permissions (gateway), ==,
                    MOAT_TOOL_PERMISSION_NETWORK);

  spin_button =
    GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (iterations)));
  gtk_spin_button_set_value (spin_button, 25);
  g_assert_cmpuint (moat_element_get_agent_max_iterations (gateway), ==, 25);

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpuint (moat_element_get_agent_max_iterations (gateway), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 0);
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_false (gtk_check_button_get_active (check));
}

static void
test_inspector_flow_properties (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *page = get_page (fixture);
  GtkWidget *row;
  GtkSwitch *toggle;

  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (page, "item-authentication-method")),
                              MOAT_AUTHENTICATION_METHOD_SIGNATURE);
  g_assert_cmpint (moat_flow_get_authentication_method (fixture->flow), ==,
                   MOAT_AUTHENTICATION_METHOD_SIGNATURE);

  row = require_named (page, "item-rate-limited");
  toggle = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (moat_flow_get_rate_limited (fixture->flow));

  /* The rate limit answers the denial-of-service rule. */
  process_events ();
  g_assert_null (find_suggestion (fixture, "denial-of-service.no-rate-limit"));
  g_assert_true (moat_document_undo (fixture->document));
  process_events ();
  g_assert_nonnull (find_suggestion (fixture, "denial-of-service.no-rate-limit"));
}

static void
test_inspector_selection (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *group = require_named (get_page (fixture), "selection-suggestions");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) open = NULL;
  guint n_open = 0;

  g_assert_false (gtk_widget_get_visible (group));

  g_ptr_array_add (items, fixture->flow);
  g_ptr_array_add (items, moat_document_lookup (fixture->document, "flow-payment-record"));
  moat_inspector_set_selection (fixture->inspector, items);
  g_assert_true (gtk_widget_get_visible (group));

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GPtrArray) suggestions =
        moat_review_model_dup_suggestions_for (fixture->review_model,
                                               moat_item_get_id (g_ptr_array_index (items, i)));

      n_open += suggestions->len;
    }
  g_assert_cmpuint (n_open, >, 1);

  g_signal_emit_by_name (require_named (group, "accept-all"), "clicked");
  process_events ();
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, n_open);
  g_assert_false (gtk_widget_get_visible (group));

  /* All of them in one step. */
  g_assert_true (moat_document_undo (fixture->document));
  process_events ();
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (group));

  /* Dismiss all, with one reason. */
  gtk_widget_activate_action (group, "inspector.dismiss-selection", "s", "Covered by the WAF");
  process_events ();
  g_assert_cmpstr (moat_flow_get_dismissal_reason (fixture->flow, UNSIGNED_RULE_ID), ==,
                   "Covered by the WAF");
  g_assert_false (gtk_widget_get_visible (group));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;

  /* The STRIDE catalogue and the rules of the source tree. */
  data_dir = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "data", NULL);
  g_setenv ("MOAT_DATA_DIR", data_dir, FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/review-ui/inspector/suggestions", test_inspector_shows_suggestions);
  ADD_TEST ("/review-ui/inspector/catalogue", test_inspector_catalogue);
  ADD_TEST ("/review-ui/inspector/accept", test_inspector_accept_suggestion);
  ADD_TEST ("/review-ui/inspector/dismiss", test_inspector_dismiss_suggestion);
  ADD_TEST ("/review-ui/inspector/check-pattern", test_inspector_check_pattern);
  ADD_TEST ("/review-ui/inspector/coverage", test_inspector_coverage);
  ADD_TEST ("/review-ui/inspector/crossings", test_inspector_crossings);
  ADD_TEST ("/review-ui/inspector/element-properties", test_inspector_element_properties);
  ADD_TEST ("/review-ui/inspector/flow-properties", test_inspector_flow_properties);
  ADD_TEST ("/review-ui/inspector/selection", test_inspector_selection);

#undef ADD_TEST

  return g_test_run ();
}
