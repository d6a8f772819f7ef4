/* test-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives a real MoatInspector in a real window: the rows write through the
 * document's undo history, and undo, redo and removals show in the rows.
 */

#include "config.h"

#include <adwaita.h>

#include "moat-checklist-editor.h"
#include "moat-inspector.h"

#define MARKUP_TEXT "<b>Bold</b> & _x"

typedef struct
{
  MoatDocument *document;
  MoatElement *browser;
  MoatElement *api;
  MoatFlow *flow;
  MoatThreat *threat;
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

static guint
count_named (GtkWidget  *root,
             const char *name)
{
  guint count = g_strcmp0 (gtk_widget_get_name (root), name) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_named (child, name);

  return count;
}

/* Finds a label whose text, taken literally, is @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_visible_page (Fixture *fixture)
{
  GtkWidget *item_page = require_named (GTK_WIDGET (fixture->inspector), "item-page");
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (item_page));

  return gtk_stack_get_visible_child (stack);
}

static GtkWidget *
get_editor (Fixture *fixture)
{
  return require_named (GTK_WIDGET (fixture->inspector), "threat-editor");
}

static const char *
get_severity_text (Fixture *fixture)
{
  GtkWidget *row = require_named (get_editor (fixture), "threat-severity");

  return gtk_label_get_label (GTK_LABEL (require_named (row, "value")));
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_for_threat (Fixture *fixture)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (10, set_flag_cb, &timed_out);

  while (moat_inspector_get_threat (fixture->inspector) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("The inspector opened no threat within 10 s of the click");

  g_source_remove (timeout_id);
}

static MoatThreat *
click_add_threat (Fixture *fixture)
{
  GtkWidget *page = require_named (GTK_WIDGET (fixture->inspector), "item-page");
  GtkWidget *button = require_named (page, "add-threat-button");

  g_assert_null (moat_inspector_get_threat (fixture->inspector));

  /* A button shows its press for a moment before it emits "clicked", so
   * wait for the editor to open. */
  g_assert_true (gtk_widget_activate (button));
  wait_for_threat (fixture);
  process_events ();

  return moat_inspector_get_threat (fixture->inspector);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MoatElement) browser = NULL;
  g_autoptr(MoatElement) api = NULL;
  g_autoptr(MoatFlow) flow = NULL;
  g_autoptr(MoatThreat) threat = NULL;
  MoatDiagram *diagram;

  fixture->document = moat_document_new_with_diagram ("Main");
  diagram = g_ptr_array_index (moat_document_get_diagrams (fixture->document), 0);

  browser = moat_element_new (MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "browser", "Browser");
  api = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, "api", "Payment API");
  flow = moat_flow_new ("login", "browser", "api", "Login request");
  threat = moat_threat_new ("threat-session", "login", MOAT_STRIDE_SPOOFING, "Session hijack");

  moat_document_add_item (fixture->document, diagram, MOAT_ITEM (browser));
  moat_document_add_item (fixture->document, diagram, MOAT_ITEM (api));
  moat_document_add_item (fixture->document, diagram, MOAT_ITEM (flow));
  moat_document_add_threat (fixture->document, threat);

  fixture->browser = browser;
  fixture->api = api;
  fixture->flow = flow;
  fixture->threat = threat;

  fixture->inspector = moat_inspector_new ();
  moat_inspector_set_document (fixture->inspector, fixture->document);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->inspector));
  gtk_window_present (GTK_WINDOW (fixture->window));
  process_events ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Destroying the window must release the inspector, its pages and all
   * their references to the model. */
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  process_events ();
  g_assert_finalize_object (fixture->window);

  g_assert_finalize_object (fixture->document);
}

static void
test_flow_add_threat (Fixture       *fixture,
                      gconstpointer  data)
{
  MoatThreat *threat;
  GPtrArray *threats;
  GtkWidget *editor, *title_row;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  process_events ();
  g_assert_cmpuint (count_named (get_visible_page (fixture), "threat-row"), ==, 1);

  threat = click_add_threat (fixture);

  g_assert_nonnull (threat);
  threats = moat_document_get_threats_for (fixture->document, "login");
  g_assert_nonnull (threats);
  g_assert_cmpuint (threats->len, ==, 2);
  g_assert_true (g_ptr_array_find (threats, threat, NULL));
  g_assert_cmpstr (moat_threat_get_target_id (threat), ==, "login");
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "New threat");
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 2);

  /* Spoofing already has a threat, so the first category not reviewed is
   * Tampering, and adding the threat marked it. */
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_TAMPERING);
  g_assert_cmpint (moat_flow_get_review_state (fixture->flow, MOAT_STRIDE_TAMPERING), ==,
                   MOAT_REVIEW_THREATS_RECORDED);

  editor = get_editor (fixture);
  g_assert_true (get_visible_page (fixture) == editor);
  title_row = require_named (editor, "threat-title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "New threat");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (require_named (editor, "threat-reference"))),
                   ==, "THREAT-002");
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (require_named (editor,
                                                                             "threat-category"))),
                   ==, MOAT_STRIDE_TAMPERING);

  /* The list behind the editor has the new threat too. */
  g_assert_cmpuint (count_named (require_named (GTK_WIDGET (fixture->inspector), "item-page"),
                                 "threat-row"), ==, 2);
}

static void
test_threat_severity_live (Fixture       *fixture,
                           gconstpointer  data)
{
  MoatThreat *threat;
  GtkWidget *editor;
  GtkWidget *item_page;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  threat = click_add_threat (fixture);
  editor = get_editor (fixture);

  g_assert_cmpstr (get_severity_text (fixture), ==, "Not scored");

  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (editor, "threat-impact-integrity")),
                              MOAT_LEVEL_HIGH);
  g_assert_cmpint (moat_threat_get_impact_integrity (threat), ==, MOAT_LEVEL_HIGH);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_UNSET);
  g_assert_cmpstr (get_severity_text (fixture), ==, "Not scored");

  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (editor, "threat-probability")),
                              MOAT_LEVEL_MEDIUM);
  g_assert_cmpint (moat_threat_get_probability (threat), ==, MOAT_LEVEL_MEDIUM);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_HIGH);
  g_assert_cmpstr (get_severity_text (fixture), ==, "HIGH");

  /* Probability HIGH with impact HIGH is CRITICAL. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (editor, "threat-probability")),
                              MOAT_LEVEL_HIGH);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_CRITICAL);
  g_assert_cmpstr (get_severity_text (fixture), ==, "CRITICAL");

  /* Undo goes back through the matrix and the combo follows. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpint (moat_threat_get_probability (threat), ==, MOAT_LEVEL_MEDIUM);
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (require_named (editor,
                                                                             "threat-probability"))),
                   ==, MOAT_LEVEL_MEDIUM);
  g_assert_cmpstr (get_severity_text (fixture), ==, "HIGH");

  /* The threat's row in the item page shows the severity as text. */
  item_page = require_named (GTK_WIDGET (fixture->inspector), "item-page");
  g_assert_nonnull (find_label (item_page, "HIGH"));
}

static void
test_threat_title_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  MoatThreat *threat;
  GtkWidget *title_row;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  threat = click_add_threat (fixture);
  title_row = require_named (get_editor (fixture), "threat-title");

  gtk_editable_set_text (GTK_EDITABLE (title_row), "Token replay");
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Token replay");
  g_assert_true (moat_document_get_modified (fixture->document));

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "New threat");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "New threat");

  g_assert_true (moat_document_redo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Token replay");

  /* The list row follows the title as well. */
  g_assert_nonnull (find_label (require_named (GTK_WIDGET (fixture->inspector), "item-page"),
                                "THREAT-002  Token replay"));
}

static void
test_user_text_literal (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *page, *source_row, *title_row;
  GtkLabel *label;

  moat_document_set (fixture->document, fixture->browser, "name", MARKUP_TEXT, NULL);
  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  process_events ();

  page = require_named (GTK_WIDGET (fixture->inspector), "item-page");
  source_row = require_named (page, "item-source");
  label = find_label (source_row, MARKUP_TEXT);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_false (gtk_label_get_use_underline (label));

  /* A threat title with markup, typed in the editor, in the list row. */
  click_add_threat (fixture);
  title_row = require_named (get_editor (fixture), "threat-title");
  gtk_editable_set_text (GTK_EDITABLE (title_row), MARKUP_TEXT);
  process_events ();

  label = find_label (page, "THREAT-002  " MARKUP_TEXT);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_false (gtk_label_get_use_underline (label));

  /* The editor header names the flow. Rename the flow with markup too. */
  moat_document_set (fixture->document, fixture->flow, "name", MARKUP_TEXT, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (require_named (get_editor (fixture),
                                                                  "threat-target"))),
                   ==, "Data flow: " MARKUP_TEXT);

  /* The element page's name row contains the text as typed. */
  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->browser));
  process_events ();
  page = require_named (GTK_WIDGET (fixture->inspector), "item-page");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "item-name"))),
                   ==, MARKUP_TEXT);
}

static void
test_threat_closed_by_undo (Fixture       *fixture,
                            gconstpointer  data)
{
  MoatThreat *threat;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  threat = click_add_threat (fixture);
  g_assert_nonnull (threat);

  /* Undoing the addition removes the threat, so the editor closes and the
   * list shows the one threat from before. */
  g_assert_true (moat_document_undo (fixture->document));
  process_events ();

  g_assert_null (moat_inspector_get_threat (fixture->inspector));
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "threat-editor"));
  g_assert_cmpstr (gtk_widget_get_name (get_visible_page (fixture)), ==, "item-page");
  g_assert_cmpuint (count_named (get_visible_page (fixture), "threat-row"), ==, 1);
  g_assert_true (moat_inspector_get_item (fixture->inspector) == G_OBJECT (fixture->flow));
}

static void
test_threat_delete_button (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *button;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  moat_inspector_show_threat (fixture->inspector, fixture->threat);
  process_events ();
  g_assert_true (get_visible_page (fixture) == get_editor (fixture));

  button = require_named (get_editor (fixture), "threat-delete-button");
  g_signal_emit_by_name (button, "clicked");
  process_events ();

  g_assert_null (moat_inspector_get_threat (fixture->inspector));
  g_assert_null (moat_document_get_threats_for (fixture->document, "login"));
  g_assert_cmpuint (count_named (get_visible_page (fixture), "threat-row"), ==, 0);

  /* Undo brings the threat back into the list. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpuint (count_named (get_visible_page (fixture), "threat-row"), ==, 1);
}

static void
test_threat_row_opens_editor (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *row;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  process_events ();

  row = require_named (get_visible_page (fixture), "threat-row");
  g_assert_nonnull (find_label (row, "THREAT-001  Session hijack"));
  g_signal_emit_by_name (row, "activate");
  process_events ();

  g_assert_true (moat_inspector_get_threat (fixture->inspector) == fixture->threat);
  g_assert_true (get_visible_page (fixture) == get_editor (fixture));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.back",
                                             NULL));
  process_events ();
  g_assert_null (moat_inspector_get_threat (fixture->inspector));
  g_assert_cmpstr (gtk_widget_get_name (get_visible_page (fixture)), ==, "item-page");
}

static void
test_threat_due_date_validated (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *row;

  moat_inspector_show_threat (fixture->inspector, fixture->threat);
  row = require_named (get_editor (fixture), "threat-due-date");

  gtk_editable_set_text (GTK_EDITABLE (row), "2025-02-30");
  g_assert_cmpstr (moat_threat_get_due_date (fixture->threat), ==, "");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));

  gtk_editable_set_text (GTK_EDITABLE (row), "2025-03-31");
  g_assert_cmpstr (moat_threat_get_due_date (fixture->threat), ==, "2025-03-31");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (row));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_cmpstr (moat_threat_get_due_date (fixture->threat), ==, "");
}

static void
test_threat_category_marks_review (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *row;

  moat_inspector_show_threat (fixture->inspector, fixture->threat);
  row = require_named (get_editor (fixture), "threat-category");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), MOAT_STRIDE_DENIAL_OF_SERVICE);
  g_assert_cmpint (moat_threat_get_category (fixture->threat), ==, MOAT_STRIDE_DENIAL_OF_SERVICE);
  g_assert_cmpint (moat_flow_get_review_state (fixture->flow, MOAT_STRIDE_DENIAL_OF_SERVICE), ==,
                   MOAT_REVIEW_THREATS_RECORDED);

  /* One undo step reverts both. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpint (moat_threat_get_category (fixture->threat), ==, MOAT_STRIDE_SPOOFING);
  g_assert_cmpint (moat_flow_get_review_state (fixture->flow, MOAT_STRIDE_DENIAL_OF_SERVICE), ==,
                   MOAT_REVIEW_NOT_REVIEWED);
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, MOAT_STRIDE_SPOOFING);
}

static void
test_threat_checklist (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *group, *row;
  const MoatChecklist *list;

  moat_inspector_show_threat (fixture->inspector, fixture->threat);
  group = require_named (get_editor (fixture), "short-term");

  g_signal_emit_by_name (require_named (group, "add-item"), "clicked");
  list = moat_threat_get_short_term (fixture->threat);
  g_assert_cmpuint (moat_checklist_get_n_items (list), ==, 1);

  row = moat_checklist_editor_get_item_row (MOAT_CHECKLIST_EDITOR (group), 0);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Rotate session keys");
  list = moat_threat_get_short_term (fixture->threat);
  g_assert_cmpstr (moat_checklist_get_text (list, 0), ==, "Rotate session keys");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (require_named (row, "done")), TRUE);
  g_assert_true (moat_checklist_get_done (moat_threat_get_short_term (fixture->threat), 0));

  /* Undo of the check keeps the row and clears its check button. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_false (moat_checklist_get_done (moat_threat_get_short_term (fixture->threat), 0));
  g_assert_true (moat_checklist_editor_get_item_row (MOAT_CHECKLIST_EDITOR (group), 0) == row);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (require_named (row, "done"))));

  g_signal_emit_by_name (require_named (row, "remove"), "clicked");
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (fixture->threat)), ==,
                    0);
  g_assert_null (moat_checklist_editor_get_item_row (MOAT_CHECKLIST_EDITOR (group), 0));

  /* The other lists are untouched. */
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_long_term (fixture->threat)), ==,
                    0);
}

static void
test_stride_not_applicable_reason (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *page, *state, *reason;
  GtkDropDown *drop_down;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  process_events ();
  page = get_visible_page (fixture);

  state = require_named (page, "item-review-repudiation");
  reason = require_named (page, "item-review-repudiation-reason");
  g_assert_nonnull (find_label (state, "Can someone deny an action they performed?"));
  g_assert_false (gtk_widget_get_visible (reason));

  drop_down = GTK_DROP_DOWN (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (state)));
  gtk_drop_down_set_selected (drop_down, MOAT_REVIEW_NOT_APPLICABLE);
  g_assert_cmpint (moat_flow_get_review_state (fixture->flow, MOAT_STRIDE_REPUDIATION), ==,
                   MOAT_REVIEW_NOT_APPLICABLE);
  g_assert_true (gtk_widget_get_visible (reason));

  gtk_editable_set_text (GTK_EDITABLE (reason), "Audit log is signed");
  g_assert_cmpstr (moat_flow_get_review_reason (fixture->flow, MOAT_STRIDE_REPUDIATION), ==,
                   "Audit log is signed");

  /* Undo twice: the reason, then the state, which hides the reason row. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "");
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpint (gtk_drop_down_get_selected (drop_down), ==, MOAT_REVIEW_NOT_REVIEWED);
  g_assert_false (gtk_widget_get_visible (reason));
}

static void
test_flow_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *page, *row;
  GtkSwitch *encrypted;
  GtkTextView *view;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  process_events ();
  page = get_visible_page (fixture);

  g_assert_nonnull (find_label (require_named (page, "item-target"), "Payment API"));

  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "item-protocol")), "HTTPS");
  g_assert_cmpstr (moat_flow_get_protocol (fixture->flow), ==, "HTTPS");

  row = require_named (page, "item-encrypted");
  encrypted = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  gtk_switch_set_active (encrypted, TRUE);
  g_assert_true (moat_flow_get_encrypted (fixture->flow));
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_false (gtk_switch_get_active (encrypted));

  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (page, "item-classification")),
                              MOAT_CLASSIFICATION_SECRET);
  g_assert_cmpint (moat_flow_get_classification (fixture->flow), ==, MOAT_CLASSIFICATION_SECRET);

  /* A description changed elsewhere shows in the text view. */
  moat_document_set (fixture->document, fixture->flow, "description", "Carries the password",
                     NULL);
  view = GTK_TEXT_VIEW (require_named (require_named (page, "item-description"), "text-view"));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (text, ==, "Carries the password");

  /* And one typed in the text view reaches the model. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Line one\nLine two", -1);
  g_assert_cmpstr (moat_item_get_description (MOAT_ITEM (fixture->flow)), ==,
                   "Line one\nLine two");
}

static void
test_element_out_of_scope (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *page, *row, *reason;
  GtkSwitch *toggle;

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->api));
  process_events ();
  page = get_visible_page (fixture);

  reason = require_named (page, "item-out-of-scope-reason");
  g_assert_false (gtk_widget_get_visible (reason));

  row = require_named (page, "item-out-of-scope");
  toggle = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (moat_element_get_out_of_scope (fixture->api));
  g_assert_true (gtk_widget_get_visible (reason));

  adw_combo_row_set_selected (ADW_COMBO_ROW (require_named (page, "item-kind")),
                              MOAT_ELEMENT_KIND_DATA_STORE);
  g_assert_cmpint (moat_element_get_kind (fixture->api), ==, MOAT_ELEMENT_KIND_DATA_STORE);

  /* Elements have their own threats: a new one belongs to the element. */
  g_assert_cmpuint (count_named (page, "threat-row"), ==, 0);
  g_assert_cmpstr (moat_threat_get_target_id (click_add_threat (fixture)), ==, "api");
  g_assert_cmpuint (count_named (page, "threat-row"), ==, 1);
}

static void
test_item_removed_shows_metadata (Fixture       *fixture,
                                  gconstpointer  data)
{
  MoatItem *items[] = { MOAT_ITEM (fixture->api) };

  moat_inspector_set_item (fixture->inspector, G_OBJECT (fixture->flow));
  moat_inspector_show_threat (fixture->inspector, fixture->threat);
  process_events ();

  /* Removing the element takes its flow and the flow's threat along. */
  moat_document_remove_items (fixture->document, items, 1);
  process_events ();

  g_assert_null (moat_inspector_get_threat (fixture->inspector));
  g_assert_null (moat_inspector_get_item (fixture->inspector));
  g_assert_nonnull (find_named (get_visible_page (fixture), "model-title"));
}

static void
test_metadata_lists (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *page, *reviewers;
  const char * const *list;

  page = get_visible_page (fixture);
  reviewers = require_named (page, "model-reviewers");

  gtk_editable_set_text (GTK_EDITABLE (reviewers), " Ana ,Bo,, Chen ");
  list = moat_document_get_reviewers (fixture->document);
  g_assert_cmpuint (g_strv_length ((char **)list), ==, 3);
  g_assert_cmpstr (list[0], ==, "Ana");
  g_assert_cmpstr (list[1], ==, "Bo");
  g_assert_cmpstr (list[2], ==, "Chen");

  /* The text as typed stays while it means the same list. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reviewers)), ==, " Ana ,Bo,, Chen ");

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reviewers)), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (require_named (page, "model-title")), "Payments");
  g_assert_cmpstr (moat_document_get_title (fixture->document), ==, "Payments");
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (page, "model-title"))),
                   ==, "");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/inspector/flow/add-threat", test_flow_add_threat);
  ADD_TEST ("/inspector/flow/properties", test_flow_properties);
  ADD_TEST ("/inspector/flow/stride-not-applicable", test_stride_not_applicable_reason);
  ADD_TEST ("/inspector/threat/severity-live", test_threat_severity_live);
  ADD_TEST ("/inspector/threat/title-undo", test_threat_title_undo);
  ADD_TEST ("/inspector/threat/closed-by-undo", test_threat_closed_by_undo);
  ADD_TEST ("/inspector/threat/delete-button", test_threat_delete_button);
  ADD_TEST ("/inspector/threat/row-opens-editor", test_threat_row_opens_editor);
  ADD_TEST ("/inspector/threat/due-date", test_threat_due_date_validated);
  ADD_TEST ("/inspector/threat/category-marks-review", test_threat_category_marks_review);
  ADD_TEST ("/inspector/threat/checklist", test_threat_checklist);
  ADD_TEST ("/inspector/element/out-of-scope", test_element_out_of_scope);
  ADD_TEST ("/inspector/item-removed", test_item_removed_shows_metadata);
  ADD_TEST ("/inspector/metadata/lists", test_metadata_lists);
  ADD_TEST ("/inspector/user-text-literal", test_user_text_literal);

#undef ADD_TEST

  return g_test_run ();
}
