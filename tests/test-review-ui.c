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
#include <glib/gstdio.h>
#include <string.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-coverage-indicator.h"
#include "moat-format.h"
#include "moat-inspector.h"
#include "moat-problem-list.h"
#include "moat-review-model.h"
#include "moat-threat-list.h"
#include "moat-window.h"

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

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
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

  /* With a rate limit, the denial-of-service rule no longer matches. */
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

/* Window tests: the coverage indicator, the threat list and the problems
 * list in the real editor window. */

/* One application for the window tests: it owns its name on the session
 * bus. */
static MoatApplication *application;

static void
wait_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);

  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static MoatWindow *
open_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MoatWindow *window = moat_window_new (application);

  g_assert_true (moat_window_load_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  return window;
}

static MoatWindow *
open_example_window (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                            "payment-webhook.moat", NULL);

  return open_window (path);
}

static void
close_window (MoatWindow *window)
{
  MoatDocument *document = moat_window_get_document (window);

  /* Discard changes without the question. */
  moat_document_mark_saved (document);
  gtk_window_destroy (GTK_WINDOW (window));
  process_events ();
}

static MoatThreatList *
show_threat_list (MoatWindow *window)
{
  GtkWidget *list = find_of_type (GTK_WIDGET (window), MOAT_TYPE_THREAT_LIST);

  g_assert_nonnull (list);
  g_assert_false (gtk_widget_is_visible (list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-panel", "s",
                                             "threats"));
  process_events ();
  g_assert_true (gtk_widget_is_visible (list));

  return MOAT_THREAT_LIST (list);
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }

  g_error ("No column titled “%s”", title);
}

static MoatThreat *
get_shown_threat (MoatThreatList *list,
                  guint           position)
{
  g_autoptr(MoatThreat) threat = g_list_model_get_item (moat_threat_list_get_shown (list),
                                                        position);

  return threat;
}

static void
test_window_coverage_indicator (void)
{
  MoatWindow *window = open_example_window ();
  MoatDocument *document = moat_window_get_document (window);
  GtkWidget *indicator = find_of_type (GTK_WIDGET (window), MOAT_TYPE_COVERAGE_INDICATOR);
  GtkWidget *label, *bar;
  MoatFlow *flow;

  g_assert_nonnull (indicator);
  g_assert_true (gtk_widget_is_visible (indicator));
  label = require_named (indicator, "coverage-label");
  bar = require_named (indicator, "coverage-bar");

  /* 11 of the 18 pairs of the example's three flows are reviewed, and 9
   * of the 12 of its two crossing flows. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Reviewed 11/18 · crossing 9/12");
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), 11.0 / 18,
                                  1e-9);

  /* Reviewing a category of the crossing flow "Verified event" counts in
   * both numbers, once the analysis is updated. */
  flow = moat_document_lookup (document, "flow-verified-event");
  g_assert_cmpint (moat_flow_get_review_state (flow, MOAT_STRIDE_REPUDIATION), ==,
                   MOAT_REVIEW_NOT_REVIEWED);
  moat_document_set (document, flow, moat_flow_review_state_property (MOAT_STRIDE_REPUDIATION),
                     MOAT_REVIEW_NOT_APPLICABLE, NULL);
  process_events ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Reviewed 12/18 · crossing 10/12");

  close_window (window);
}

static void
test_window_threat_list_sort (void)
{
  MoatWindow *window = open_example_window ();
  MoatDocument *document = moat_window_get_document (window);
  MoatThreatList *list = show_threat_list (window);
  GtkColumnView *view = GTK_COLUMN_VIEW (require_named (GTK_WIDGET (list), "threat-view"));
  GListModel *shown = moat_threat_list_get_shown (list);
  guint n_threats = moat_document_get_threats (document)->len;

  g_assert_cmpuint (n_threats, ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_threats);

  /* Severity sorts the most severe first. */
  gtk_column_view_sort_by_column (view, find_column (view, "Severity"), GTK_SORT_ASCENDING);
  g_assert_cmpint (moat_threat_get_severity (get_shown_threat (list, 0)), ==,
                   MOAT_SEVERITY_CRITICAL);
  for (guint i = 1; i < n_threats; i++)
    g_assert_cmpint (moat_threat_get_severity (get_shown_threat (list, i - 1)), >=,
                     moat_threat_get_severity (get_shown_threat (list, i)));

  gtk_column_view_sort_by_column (view, find_column (view, "Severity"), GTK_SORT_DESCENDING);
  g_assert_cmpint (moat_threat_get_severity (get_shown_threat (list, n_threats - 1)), ==,
                   MOAT_SEVERITY_CRITICAL);

  /* The ID column sorts by number. */
  gtk_column_view_sort_by_column (view, find_column (view, "ID"), GTK_SORT_ASCENDING);
  for (guint i = 1; i < n_threats; i++)
    g_assert_cmpuint (moat_threat_get_number (get_shown_threat (list, i - 1)), <,
                      moat_threat_get_number (get_shown_threat (list, i)));

  close_window (window);
}

static void
test_window_threat_list_filter (void)
{
  MoatWindow *window = open_example_window ();
  MoatDocument *document = moat_window_get_document (window);
  MoatThreatList *list = show_threat_list (window);
  GListModel *shown = moat_threat_list_get_shown (list);
  GtkDropDown *status = GTK_DROP_DOWN (require_named (GTK_WIDGET (list), "status-filter"));
  GtkDropDown *category = GTK_DROP_DOWN (require_named (GTK_WIDGET (list), "category-filter"));
  GtkDropDown *owner = GTK_DROP_DOWN (require_named (GTK_WIDGET (list), "owner-filter"));
  MoatThreat *mitigated = NULL;
  GPtrArray *threats = moat_document_get_threats (document);
  guint n_open = 0;

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      if (moat_threat_get_status (threat) == MOAT_THREAT_STATUS_MITIGATED)
        mitigated = threat;
      else if (moat_threat_get_status (threat) == MOAT_THREAT_STATUS_OPEN)
        n_open++;
    }
  g_assert_nonnull (mitigated);
  g_assert_cmpuint (n_open, ==, 5);

  /* The entries after "All statuses" follow the order of the statuses. */
  gtk_drop_down_set_selected (status, 1 + MOAT_THREAT_STATUS_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_open);
  for (guint i = 0; i < n_open; i++)
    g_assert_true (get_shown_threat (list, i) != mitigated);

  gtk_drop_down_set_selected (status, 1 + MOAT_THREAT_STATUS_MITIGATED);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (get_shown_threat (list, 0) == mitigated);

  /* Filters combine, and none matches here. */
  gtk_drop_down_set_selected (category, 1 + MOAT_STRIDE_ELEVATION_OF_PRIVILEGE);
  if (moat_threat_get_category (mitigated) != MOAT_STRIDE_ELEVATION_OF_PRIVILEGE)
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  gtk_drop_down_set_selected (status, 0);
  gtk_drop_down_set_selected (category, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, threats->len);

  /* The owner filter lists each owner once; a new owner appears after the
   * next update. */
  moat_document_set (document, mitigated, "owner", "Mallory <m@example.com>", NULL);
  process_events ();
  for (guint i = 1; i < g_list_model_get_n_items (gtk_drop_down_get_model (owner)); i++)
    {
      const char *entry = gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (owner)), i);

      if (g_str_equal (entry, "Mallory <m@example.com>"))
        gtk_drop_down_set_selected (owner, i);
    }
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (get_shown_threat (list, 0) == mitigated);

  close_window (window);
}

static void
test_window_threat_row_selects_flow (void)
{
  MoatWindow *window = open_example_window ();
  MoatDocument *document = moat_window_get_document (window);
  MoatCanvas *canvas = MOAT_CANVAS (moat_window_get_canvas (window));
  MoatThreatList *list = show_threat_list (window);
  MoatDiagram *first = moat_canvas_get_diagram (canvas);
  g_autoptr(MoatDiagram) second = moat_diagram_new (NULL, "Admin console");
  g_autoptr(MoatElement) admin = moat_element_new (MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "admin",
                                                   "Administrator");
  g_autoptr(MoatElement) console = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, "console",
                                                     "Console");
  g_autoptr(MoatFlow) login = moat_flow_new ("admin-login", "admin", "console", "Login");
  g_autoptr(MoatThreat) threat = moat_threat_new ("threat-admin-login", "admin-login",
                                                  MOAT_STRIDE_SPOOFING, "Password guessing");
  MoatThreat *example_threat = moat_document_lookup (document, "threat-forged-events");

  /* A threat on a flow of a second diagram. */
  moat_document_add_diagram (document, second);
  moat_document_add_item (document, second, MOAT_ITEM (admin));
  moat_document_add_item (document, second, MOAT_ITEM (console));
  moat_document_add_item (document, second, MOAT_ITEM (login));
  moat_document_add_threat (document, threat);
  process_events ();
  g_assert_true (moat_canvas_get_diagram (canvas) == first);

  moat_threat_list_select_threat (list, threat);
  process_events ();
  g_assert_true (moat_canvas_get_diagram (canvas) == second);
  g_assert_true (moat_canvas_get_selected_item (canvas) == G_OBJECT (login));

  /* Back to a threat of the first diagram. */
  g_assert_true (MOAT_IS_THREAT (example_threat));
  moat_threat_list_select_threat (list, example_threat);
  process_events ();
  g_assert_true (moat_canvas_get_diagram (canvas) == first);
  g_assert_true (moat_canvas_get_selected_item (canvas) ==
                 moat_document_lookup (document, moat_threat_get_target_id (example_threat)));
  g_assert_true (moat_inspector_get_item (MOAT_INSPECTOR (moat_window_get_inspector (window))) ==
                 moat_canvas_get_selected_item (canvas));

  close_window (window);
}

static void
test_window_problem_selects_element (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-review-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Main");
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autoptr(MoatElement) named = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, "api", "API");
  g_autoptr(MoatElement) unnamed = moat_element_new (MOAT_ELEMENT_KIND_DATA_STORE, "store", "");
  MoatWindow *window;
  MoatCanvas *canvas;
  MoatProblemList *list;
  GtkWidget *row;

  g_assert_no_error (error);
  moat_document_set (document, unnamed, "x", 300.0, NULL);
  moat_document_add_item (document, diagram, MOAT_ITEM (named));
  moat_document_add_item (document, diagram, MOAT_ITEM (unnamed));

  path = g_build_filename (folder, "problems.moat", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (moat_format_save_file (document, file, NULL, &error));
  g_assert_no_error (error);

  window = open_window (path);
  canvas = MOAT_CANVAS (moat_window_get_canvas (window));
  list = MOAT_PROBLEM_LIST (find_of_type (GTK_WIDGET (window), MOAT_TYPE_PROBLEM_LIST));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-panel", "s",
                                             "problems"));
  process_events ();
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (list)));

  g_assert_cmpuint (moat_problem_list_get_n_problems (list), ==, 1);
  row = require_named (GTK_WIDGET (list), "problem-row");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "store"));

  g_assert_null (moat_canvas_get_selected_item (canvas));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  process_events ();
  g_assert_cmpstr (moat_item_get_id (MOAT_ITEM (moat_canvas_get_selected_item (canvas))), ==,
                   "store");

  /* Naming the element solves the problem. */
  moat_document_set (moat_window_get_document (window),
                     moat_document_lookup (moat_window_get_document (window), "store"),
                     "name", "Ledger", NULL);
  process_events ();
  g_assert_cmpuint (moat_problem_list_get_n_problems (list), ==, 0);
  g_assert_true (gtk_widget_is_visible (require_named (GTK_WIDGET (list), "empty-state")));

  /* The shortcut hides the panel again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-panel", "s",
                                             "problems"));
  process_events ();
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (list)));

  close_window (window);
  g_assert_no_errno (g_unlink (path));
  g_assert_no_errno (g_rmdir (folder));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int status;

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

  /* Non-unique, so that UI tests running in parallel on one session bus
   * do not find each other's instance and hand their windows over. */
  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/review-ui/window/coverage-indicator", test_window_coverage_indicator);
  g_test_add_func ("/review-ui/window/threat-list-sort", test_window_threat_list_sort);
  g_test_add_func ("/review-ui/window/threat-list-filter", test_window_threat_list_filter);
  g_test_add_func ("/review-ui/window/threat-row-selects-flow",
                   test_window_threat_row_selects_flow);
  g_test_add_func ("/review-ui/window/problem-selects-element",
                   test_window_problem_selects_element);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
