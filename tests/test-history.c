/* test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-document.h"
#include "moat-format.h"
#include "moat-fragment.h"

typedef struct
{
  MoatDocument *document;
  MoatDiagram *diagram;
  MoatElement *client;
  MoatElement *server;
  MoatFlow *flow;
} Fixture;

/* Loaded from a file, so the history starts empty as in the editor. */
static const char fixture_model[] =
  "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1,"
  " \"diagrams\": [{\"id\": \"main\", \"name\": \"Main\","
  "   \"elements\": ["
  "     {\"id\": \"client\", \"kind\": \"external-entity\", \"name\": \"Client\","
  "      \"x\": 0, \"y\": 0, \"width\": 120, \"height\": 60},"
  "     {\"id\": \"server\", \"kind\": \"process\", \"name\": \"Server\","
  "      \"x\": 300, \"y\": 0, \"width\": 120, \"height\": 60}],"
  "   \"flows\": [{\"id\": \"request\", \"name\": \"Request\","
  "      \"source\": \"client\", \"target\": \"server\"}]}]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (fixture_model, strlen (fixture_model));
  g_autoptr(GError) error = NULL;

  fixture->document = moat_format_load_bytes (bytes, "fixture.moat", &error);
  g_assert_no_error (error);

  fixture->diagram = moat_document_lookup (fixture->document, "main");
  fixture->client = moat_document_lookup (fixture->document, "client");
  fixture->server = moat_document_lookup (fixture->document, "server");
  fixture->flow = moat_document_lookup (fixture->document, "request");
  g_assert_true (MOAT_IS_DIAGRAM (fixture->diagram));
  g_assert_true (MOAT_IS_FLOW (fixture->flow));
  g_assert_false (moat_document_can_undo (fixture->document));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->document);
}

/* The serialized model is the whole observable state, so comparing it
 * checks ids, numbers, statuses and order at once. */
static char *
dup_snapshot (MoatDocument *document)
{
  g_autoptr(GBytes) bytes = moat_format_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_snapshot (MoatDocument *document,
                 const char   *expected)
{
  g_autofree char *snapshot = dup_snapshot (document);

  g_assert_cmpstr (snapshot, ==, expected);
}

static void
test_add_element (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(MoatElement) store = moat_element_new (MOAT_ELEMENT_KIND_DATA_STORE, NULL, "Store");
  g_autofree char *before = dup_snapshot (fixture->document);
  g_autofree char *after = NULL;
  g_autofree char *redone = NULL;

  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (store));
  after = dup_snapshot (fixture->document);
  g_assert_true (moat_document_get_modified (fixture->document));
  g_assert_nonnull (moat_document_lookup (fixture->document, moat_item_get_id (MOAT_ITEM (store))));

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_null (moat_document_lookup (fixture->document, moat_item_get_id (MOAT_ITEM (store))));
  assert_snapshot (fixture->document, before);
  g_assert_false (moat_document_get_modified (fixture->document));

  g_assert_true (moat_document_redo (fixture->document));
  redone = dup_snapshot (fixture->document);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_move_drag_is_one_step (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *before = dup_snapshot (fixture->document);

  moat_document_begin_group (fixture->document, "Move");
  for (int i = 1; i <= 20; i++)
    moat_document_set (fixture->document, fixture->client,
                       "x", 10.0 * i, "y", 5.0 * i, NULL);
  g_assert_false (moat_document_can_undo (fixture->document));
  moat_document_end_group (fixture->document);

  g_assert_cmpfloat (moat_element_get_bounds (fixture->client).x, ==, 200);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->client).y, ==, 100);

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_false (moat_document_can_undo (fixture->document));
  g_assert_cmpfloat (moat_element_get_bounds (fixture->client).x, ==, 0);
  assert_snapshot (fixture->document, before);

  g_assert_true (moat_document_redo (fixture->document));
  g_assert_cmpfloat (moat_element_get_bounds (fixture->client).x, ==, 200);
}

static void
test_cancel_group_leaves_no_step (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *before = dup_snapshot (fixture->document);

  moat_document_begin_group (fixture->document, "Move");
  moat_document_set (fixture->document, fixture->client, "x", 50.0, NULL);
  moat_document_set (fixture->document, fixture->client, "x", 90.0, NULL);
  moat_document_cancel_group (fixture->document);

  assert_snapshot (fixture->document, before);
  g_assert_false (moat_document_can_undo (fixture->document));
  g_assert_false (moat_document_can_redo (fixture->document));
  g_assert_false (moat_document_get_modified (fixture->document));
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(MoatFlow) reply = moat_flow_new (NULL, "server", "client", "Reply");
  const char *id = moat_item_get_id (MOAT_ITEM (reply));

  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (reply));
  g_assert_cmpuint (moat_diagram_get_flows (fixture->diagram)->len, ==, 2);

  moat_document_undo (fixture->document);
  g_assert_cmpuint (moat_diagram_get_flows (fixture->diagram)->len, ==, 1);
  g_assert_null (moat_document_lookup (fixture->document, id));

  moat_document_redo (fixture->document);
  g_assert_true (moat_document_lookup (fixture->document, id) == (gpointer)reply);
}

static MoatThreat *
add_threat (Fixture            *fixture,
            MoatStrideCategory  category,
            const char         *title)
{
  g_autoptr(MoatThreat) threat = moat_threat_new (NULL, "request", category, title);

  moat_document_add_threat (fixture->document, threat);

  return threat;
}

static void
test_delete_cascades (Fixture       *fixture,
                      gconstpointer  user_data)
{
  MoatThreat *first = add_threat (fixture, MOAT_STRIDE_SPOOFING, "Forged client");
  MoatThreat *second = add_threat (fixture, MOAT_STRIDE_TAMPERING, "Modified request");
  g_autofree char *before = NULL;
  MoatItem *doomed[] = { MOAT_ITEM (fixture->client) };

  moat_document_set (fixture->document, second, "status", MOAT_THREAT_STATUS_MITIGATED, NULL);
  before = dup_snapshot (fixture->document);

  moat_document_remove_items (fixture->document, doomed, 1);
  g_assert_null (moat_document_lookup (fixture->document, "client"));
  g_assert_null (moat_document_lookup (fixture->document, "request"));
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 0);

  /* One step brings back the element, its flow and both threats. */
  g_assert_true (moat_document_undo (fixture->document));
  assert_snapshot (fixture->document, before);
  g_assert_true (moat_document_lookup (fixture->document, moat_threat_get_id (first)) == (gpointer)first);
  g_assert_cmpuint (moat_threat_get_number (first), ==, 1);
  g_assert_cmpuint (moat_threat_get_number (second), ==, 2);
  g_assert_cmpint (moat_threat_get_status (second), ==, MOAT_THREAT_STATUS_MITIGATED);
  g_assert_cmpuint (moat_document_get_threats_for (fixture->document, "request")->len, ==, 2);

  g_assert_true (moat_document_redo (fixture->document));
  g_assert_null (moat_document_lookup (fixture->document, "client"));
}

/* Lists the threat ids of each target in the document's order, which the
 * serialized model does not show. */
static char *
dup_threat_lists (MoatDocument *document)
{
  GPtrArray *threats = moat_document_get_threats (document);
  GString *lists = g_string_new (NULL);

  for (guint i = 0; i < threats->len; i++)
    {
      const char *target_id = moat_threat_get_target_id (g_ptr_array_index (threats, i));
      GPtrArray *list = moat_document_get_threats_for (document, target_id);

      g_string_append_printf (lists, "%s:", target_id);
      for (guint j = 0; j < list->len; j++)
        g_string_append_printf (lists, " %s", moat_threat_get_id (g_ptr_array_index (list, j)));
      g_string_append_c (lists, '\n');
    }

  return g_string_free (lists, FALSE);
}

static void
count_removed_cb (MoatDocument *document,
                  GObject      *object,
                  guint        *n_removed)
{
  /* The handlers see the document after the whole step. */
  if (MOAT_IS_ITEM (object))
    g_assert_null (moat_document_get_diagram_of (document, MOAT_ITEM (object)));

  (*n_removed)++;
}

/* A delete of items spread over the arrays, with the threats of many
 * targets interleaved, must come back in the same order at every undo
 * and go away the same way at every redo. */
static void
test_delete_many_restores_order (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *before_lists = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  guint n_removed = 0;
  guint n_threats_before;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("element-%u", i);
      g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, id, id);

      g_object_set (element, "x", 150.0 * i, "y", 200.0, NULL);
      moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (element));
    }

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("boundary-%u", i);
      g_autoptr(MoatBoundary) boundary = moat_boundary_new (id, id);

      moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (boundary));
    }

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("flow-%u", i);
      g_autofree char *source = g_strdup_printf ("element-%u", i);
      g_autofree char *target = g_strdup_printf ("element-%u", (i * 5 + 3) % 12);
      g_autoptr(MoatFlow) flow = moat_flow_new (id, source, target, id);

      moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (flow));
    }

  /* Threats of elements and flows, interleaved in the document's list. */
  for (guint i = 0; i < 36; i++)
    {
      g_autofree char *target = i % 3 == 0 ? g_strdup_printf ("element-%u", (i * 7) % 12)
                                           : g_strdup_printf ("flow-%u", (i * 5) % 12);
      g_autoptr(MoatThreat) threat = moat_threat_new (NULL, target, i % 6, "Threat");

      moat_document_add_threat (fixture->document, threat);
    }

  before = dup_snapshot (fixture->document);
  before_lists = dup_threat_lists (fixture->document);
  n_threats_before = moat_document_get_threats (fixture->document)->len;

  g_ptr_array_add (doomed, moat_document_lookup (fixture->document, "element-9"));
  g_ptr_array_add (doomed, moat_document_lookup (fixture->document, "boundary-2"));
  g_ptr_array_add (doomed, moat_document_lookup (fixture->document, "element-1"));
  g_ptr_array_add (doomed, moat_document_lookup (fixture->document, "flow-6"));
  g_ptr_array_add (doomed, moat_document_lookup (fixture->document, "element-4"));
  g_ptr_array_add (doomed, moat_document_lookup (fixture->document, "boundary-0"));

  g_signal_connect (fixture->document, "item-removed", G_CALLBACK (count_removed_cb), &n_removed);
  moat_document_remove_items (fixture->document, (MoatItem **)doomed->pdata, doomed->len);
  g_signal_handlers_disconnect_by_func (fixture->document, count_removed_cb, &n_removed);

  g_assert_null (moat_document_lookup (fixture->document, "element-9"));
  g_assert_null (moat_document_lookup (fixture->document, "flow-9"));
  g_assert_null (moat_document_lookup (fixture->document, "boundary-2"));
  g_assert_nonnull (moat_document_lookup (fixture->document, "element-0"));
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, <, n_threats_before);
  g_assert_cmpuint (n_removed, >, doomed->len);
  after = dup_snapshot (fixture->document);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *lists = NULL;

      g_assert_true (moat_document_undo (fixture->document));
      assert_snapshot (fixture->document, before);
      lists = dup_threat_lists (fixture->document);
      g_assert_cmpstr (lists, ==, before_lists);

      g_assert_true (moat_document_redo (fixture->document));
      assert_snapshot (fixture->document, after);
    }
}

static void
test_threat_edits (Fixture       *fixture,
                   gconstpointer  user_data)
{
  MoatThreat *threat = add_threat (fixture, MOAT_STRIDE_SPOOFING, "Forged client");
  g_autoptr(MoatChecklist) short_term = moat_checklist_new ();

  g_assert_cmpint (moat_flow_get_review_state (fixture->flow, MOAT_STRIDE_SPOOFING), ==,
                   MOAT_REVIEW_THREATS_RECORDED);

  moat_document_set (fixture->document, threat,
                     "impact-integrity", MOAT_LEVEL_HIGH,
                     "probability", MOAT_LEVEL_MEDIUM,
                     NULL);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_HIGH);

  moat_checklist_append (short_term, "Verify signatures", FALSE);
  moat_document_set (fixture->document, threat, "short-term", short_term, NULL);
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (threat)), ==, 1);

  moat_document_undo (fixture->document);
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (threat)), ==, 0);

  /* Impact and probability were set in one call, so one undo reverts both. */
  moat_document_undo (fixture->document);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_UNSET);
  g_assert_cmpint (moat_threat_get_probability (threat), ==, MOAT_LEVEL_UNSET);

  moat_document_undo (fixture->document);
  g_assert_null (moat_document_lookup (fixture->document, moat_threat_get_id (threat)));
  g_assert_cmpint (moat_flow_get_review_state (fixture->flow, MOAT_STRIDE_SPOOFING), ==,
                   MOAT_REVIEW_NOT_REVIEWED);
  g_assert_false (moat_document_get_modified (fixture->document));

  moat_document_redo (fixture->document);
  moat_document_redo (fixture->document);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_HIGH);
}

static void
test_numbers_never_reused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  MoatThreat *first = add_threat (fixture, MOAT_STRIDE_SPOOFING, "First");
  MoatThreat *second = NULL;

  g_assert_cmpuint (moat_threat_get_number (first), ==, 1);
  moat_document_remove_threat (fixture->document, first);

  second = add_threat (fixture, MOAT_STRIDE_SPOOFING, "Second");
  g_assert_cmpuint (moat_threat_get_number (second), ==, 2);
  g_assert_cmpuint (moat_document_get_next_threat_number (fixture->document), ==, 3);
}

static void
test_typing_merges (Fixture       *fixture,
                    gconstpointer  user_data)
{
  moat_document_set (fixture->document, fixture->server, "name", "S", NULL);
  moat_document_set (fixture->document, fixture->server, "name", "Se", NULL);
  moat_document_set (fixture->document, fixture->server, "name", "Ser", NULL);

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (fixture->server)), ==, "Server");
  g_assert_false (moat_document_can_undo (fixture->document));
}

static void
test_modified_follows_position (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_assert_false (moat_document_get_modified (fixture->document));

  moat_document_set (fixture->document, fixture->server, "x", 40.0, NULL);
  g_assert_true (moat_document_get_modified (fixture->document));

  moat_document_undo (fixture->document);
  g_assert_false (moat_document_get_modified (fixture->document));

  moat_document_redo (fixture->document);
  moat_document_mark_saved (fixture->document);
  g_assert_false (moat_document_get_modified (fixture->document));

  moat_document_undo (fixture->document);
  g_assert_true (moat_document_get_modified (fixture->document));

  /* A new edit after undo drops the redo branch with the saved state. */
  moat_document_set (fixture->document, fixture->server, "y", 90.0, NULL);
  g_assert_true (moat_document_get_modified (fixture->document));
  g_assert_false (moat_document_can_redo (fixture->document));
  moat_document_undo (fixture->document);
  g_assert_true (moat_document_get_modified (fixture->document));
}

static void
test_metadata_edit_no_cycle (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Main");

  moat_document_set (document, document, "title", "Payments", NULL);
  g_assert_true (moat_document_undo (document));
  g_assert_cmpstr (moat_document_get_title (document), ==, "");
  g_assert_true (moat_document_redo (document));

  /* The history refers to the document it belongs to without owning it. */
  g_assert_finalize_object (document);
}

static void
test_checklist_typing_merges (Fixture       *fixture,
                              gconstpointer  user_data)
{
  MoatThreat *threat = add_threat (fixture, MOAT_STRIDE_SPOOFING, "Forged client");
  g_autoptr(MoatChecklist) list = moat_checklist_new ();

  moat_checklist_append (list, "", FALSE);
  moat_document_set (fixture->document, threat, "long-term", list, NULL);
  moat_checklist_set_text (list, 0, "R");
  moat_document_set (fixture->document, threat, "long-term", list, NULL);
  moat_checklist_set_text (list, 0, "Rotate");
  moat_document_set (fixture->document, threat, "long-term", list, NULL);
  moat_checklist_set_done (list, 0, TRUE);
  moat_document_set (fixture->document, threat, "long-term", list, NULL);

  /* Checking the item is one step, the typing another, adding a third. */
  moat_document_undo (fixture->document);
  g_assert_false (moat_checklist_get_done (moat_threat_get_long_term (threat), 0));
  g_assert_cmpstr (moat_checklist_get_text (moat_threat_get_long_term (threat), 0), ==, "Rotate");

  moat_document_undo (fixture->document);
  g_assert_cmpstr (moat_checklist_get_text (moat_threat_get_long_term (threat), 0), ==, "");

  moat_document_undo (fixture->document);
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_long_term (threat)), ==, 0);
}

static void
test_set_same_value_records_nothing (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  moat_document_set (fixture->document, fixture->server, "name", "Server", NULL);

  g_assert_false (moat_document_can_undo (fixture->document));
  g_assert_false (moat_document_get_modified (fixture->document));
}

static void
test_remove_diagram (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *before = NULL;

  add_threat (fixture, MOAT_STRIDE_REPUDIATION, "No audit log");
  before = dup_snapshot (fixture->document);

  moat_document_remove_diagram (fixture->document, fixture->diagram);
  g_assert_cmpuint (moat_document_get_diagrams (fixture->document)->len, ==, 0);
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 0);
  g_assert_null (moat_document_lookup (fixture->document, "server"));

  moat_document_undo (fixture->document);
  assert_snapshot (fixture->document, before);
  g_assert_nonnull (moat_document_lookup (fixture->document, "server"));
}

/* The snapshot without the threat number counter, which only grows, so
 * undo brings back everything else exactly. */
static char *
dup_snapshot_without_counter (MoatDocument *document)
{
  g_autofree char *snapshot = dup_snapshot (document);
  g_autoptr(GRegex) counter = g_regex_new ("\\n *\"next-threat-number\": [0-9]+,", 0, 0, NULL);

  return g_regex_replace_literal (counter, snapshot, -1, 0, "", 0, NULL);
}

static void
assert_snapshot_without_counter (MoatDocument *document,
                                 const char   *expected)
{
  g_autofree char *snapshot = dup_snapshot_without_counter (document);

  g_assert_cmpstr (snapshot, ==, expected);
}

static void
test_move_diagram (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(MoatDiagram) second = moat_diagram_new ("second", "Second");
  g_autoptr(MoatDiagram) third = moat_diagram_new ("third", "Third");
  GPtrArray *diagrams = moat_document_get_diagrams (fixture->document);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  moat_document_add_diagram (fixture->document, second);
  moat_document_add_diagram (fixture->document, third);
  before = dup_snapshot (fixture->document);

  moat_document_move_diagram (fixture->document, third, 0);
  g_assert_true (g_ptr_array_index (diagrams, 0) == (gpointer)third);
  g_assert_true (g_ptr_array_index (diagrams, 1) == (gpointer)fixture->diagram);
  g_assert_true (g_ptr_array_index (diagrams, 2) == (gpointer)second);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move diagram");
  after = dup_snapshot (fixture->document);

  g_assert_true (moat_document_undo (fixture->document));
  assert_snapshot (fixture->document, before);
  g_assert_true (moat_document_redo (fixture->document));
  assert_snapshot (fixture->document, after);

  /* A position past the end means the end; the same place records nothing. */
  moat_document_move_diagram (fixture->document, third, 99);
  g_assert_true (g_ptr_array_index (diagrams, 2) == (gpointer)third);
  g_assert_true (moat_document_undo (fixture->document));
  assert_snapshot (fixture->document, after);
  moat_document_move_diagram (fixture->document, third, 0);
  g_assert_true (moat_document_can_redo (fixture->document));

  /* Items keep their diagram and stay reachable by id. */
  g_assert_true (moat_document_get_diagram_of (fixture->document, MOAT_ITEM (fixture->client)) ==
                 fixture->diagram);
}

static void
test_rename_diagram (Fixture       *fixture,
                     gconstpointer  user_data)
{
  moat_document_set (fixture->document, fixture->diagram, "name", "Checkout", NULL);
  g_assert_cmpstr (moat_diagram_get_name (fixture->diagram), ==, "Checkout");
  g_assert_true (moat_document_get_modified (fixture->document));

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (moat_diagram_get_name (fixture->diagram), ==, "Main");
  g_assert_false (moat_document_get_modified (fixture->document));
}

/* Collects the ids of a diagram's items, in diagram order. */
static GPtrArray *
dup_item_ids (MoatDiagram *diagram)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *arrays[] = {
    moat_diagram_get_boundaries (diagram),
    moat_diagram_get_elements (diagram),
    moat_diagram_get_flows (diagram),
  };

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      g_ptr_array_add (ids, g_strdup (moat_item_get_id (g_ptr_array_index (arrays[a], i))));

  return ids;
}

static void
test_paste_fresh_ids_and_numbers (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  MoatItem *items[] = {
    MOAT_ITEM (fixture->client), MOAT_ITEM (fixture->server), MOAT_ITEM (fixture->flow),
  };
  MoatThreat *threat = add_threat (fixture, MOAT_STRIDE_SPOOFING, "Forged client");
  g_autoptr(MoatDocument) fragment = NULL;
  g_autoptr(MoatDocument) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GPtrArray *threats = moat_document_get_threats (fixture->document);
  MoatThreat *copy;
  MoatFlow *flow;

  moat_document_set (fixture->document, threat, "status", MOAT_THREAT_STATUS_MITIGATED, NULL);

  /* Through the clipboard's format, as between two windows. */
  fragment = moat_fragment_new (fixture->document, items, G_N_ELEMENTS (items));
  bytes = moat_format_serialize (fragment);
  loaded = moat_fragment_load (bytes, &error);
  g_assert_no_error (error);

  before = dup_snapshot_without_counter (fixture->document);
  pasted = moat_fragment_paste (fixture->document, fixture->diagram, loaded, 20, 20, "Paste");
  after = dup_snapshot (fixture->document);

  g_assert_cmpuint (pasted->len, ==, 3);
  g_assert_cmpuint (moat_diagram_get_elements (fixture->diagram)->len, ==, 4);
  g_assert_cmpuint (moat_diagram_get_flows (fixture->diagram)->len, ==, 2);
  for (guint i = 0; i < pasted->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (items); j++)
      g_assert_cmpstr (moat_item_get_id (g_ptr_array_index (pasted, i)), !=,
                       moat_item_get_id (items[j]));

  /* The copied flow joins the copied elements, moved by the offset. */
  flow = g_ptr_array_index (pasted, 2);
  g_assert_true (MOAT_IS_FLOW (flow));
  g_assert_cmpstr (moat_flow_get_source_id (flow), ==,
                   moat_item_get_id (g_ptr_array_index (pasted, 0)));
  g_assert_cmpstr (moat_flow_get_target_id (flow), ==,
                   moat_item_get_id (g_ptr_array_index (pasted, 1)));
  g_assert_cmpfloat (moat_element_get_bounds (g_ptr_array_index (pasted, 0)).x, ==, 20);

  /* The threat is copied with a new id and the next number, and keeps
   * its status. */
  g_assert_cmpuint (threats->len, ==, 2);
  copy = g_ptr_array_index (threats, 1);
  g_assert_cmpstr (moat_threat_get_id (copy), !=, moat_threat_get_id (threat));
  g_assert_cmpstr (moat_threat_get_target_id (copy), ==, moat_item_get_id (MOAT_ITEM (flow)));
  g_assert_cmpuint (moat_threat_get_number (copy), ==, 2);
  g_assert_cmpint (moat_threat_get_status (copy), ==, MOAT_THREAT_STATUS_MITIGATED);
  g_assert_cmpstr (moat_threat_get_title (copy), ==, "Forged client");

  /* One step; undo leaves the document as it was, and numbers are never
   * given twice, so a second paste gets THREAT-003. */
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Paste");
  g_assert_true (moat_document_undo (fixture->document));
  assert_snapshot_without_counter (fixture->document, before);
  g_assert_true (moat_document_redo (fixture->document));
  assert_snapshot (fixture->document, after);

  g_clear_pointer (&pasted, g_ptr_array_unref);
  pasted = moat_fragment_paste (fixture->document, fixture->diagram, loaded, 40, 40, "Paste");
  g_assert_cmpuint (threats->len, ==, 3);
  g_assert_cmpuint (moat_threat_get_number (g_ptr_array_index (threats, 2)), ==, 3);
}

static void
test_fragment_needs_both_ends (Fixture       *fixture,
                               gconstpointer  user_data)
{
  MoatItem *items[] = { MOAT_ITEM (fixture->client), MOAT_ITEM (fixture->flow) };
  g_autoptr(MoatDocument) fragment = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  MoatDiagram *copied;

  add_threat (fixture, MOAT_STRIDE_SPOOFING, "Forged client");

  /* The flow's target is not copied, so neither is the flow or its
   * threat. */
  fragment = moat_fragment_new (fixture->document, items, G_N_ELEMENTS (items));
  copied = g_ptr_array_index (moat_document_get_diagrams (fragment), 0);
  g_assert_cmpuint (moat_diagram_get_elements (copied)->len, ==, 1);
  g_assert_cmpuint (moat_diagram_get_flows (copied)->len, ==, 0);
  g_assert_cmpuint (moat_document_get_threats (fragment)->len, ==, 0);

  pasted = moat_fragment_paste (fixture->document, fixture->diagram, fragment, 0, 0, "Paste");
  g_assert_cmpuint (pasted->len, ==, 1);
  g_assert_cmpuint (moat_diagram_get_flows (fixture->diagram)->len, ==, 1);
}

static void
test_fragment_load_rejects (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char * const inputs[] = {
    "not json",
    "{\"format\": \"moat\", \"version\": 1, \"diagrams\": []}",
    "{\"format\": \"other\", \"version\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatDocument) fragment = moat_fragment_load (bytes, &error);

      g_test_message ("input %u: %s", i, inputs[i]);
      g_assert_null (fragment);
      g_assert_error (error, MOAT_FORMAT_ERROR, error->code);
      g_assert_nonnull (strstr (error->message, "clipboard"));
    }
}

static void
test_duplicate_diagram (Fixture       *fixture,
                        gconstpointer  user_data)
{
  MoatThreat *threat = add_threat (fixture, MOAT_STRIDE_TAMPERING, "Modified request");
  g_autofree char *before = dup_snapshot_without_counter (fixture->document);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) original_ids = dup_item_ids (fixture->diagram);
  g_autoptr(GPtrArray) copy_ids = NULL;
  GPtrArray *diagrams = moat_document_get_diagrams (fixture->document);
  GPtrArray *threats = moat_document_get_threats (fixture->document);
  MoatDiagram *copy;
  MoatThreat *copied_threat;

  copy = moat_fragment_duplicate_diagram (fixture->document, fixture->diagram, "Main (copy)");

  g_assert_cmpuint (diagrams->len, ==, 2);
  g_assert_true (g_ptr_array_index (diagrams, 1) == (gpointer)copy);
  g_assert_cmpstr (moat_diagram_get_name (copy), ==, "Main (copy)");
  g_assert_cmpstr (moat_diagram_get_id (copy), !=, "main");
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Duplicate diagram");

  copy_ids = dup_item_ids (copy);
  g_assert_cmpuint (copy_ids->len, ==, original_ids->len);
  for (guint i = 0; i < copy_ids->len; i++)
    g_assert_false (g_ptr_array_find_with_equal_func (original_ids,
                                                      g_ptr_array_index (copy_ids, i),
                                                      g_str_equal, NULL));

  g_assert_cmpuint (threats->len, ==, 2);
  copied_threat = g_ptr_array_index (threats, 1);
  g_assert_cmpuint (moat_threat_get_number (copied_threat), ==,
                    moat_threat_get_number (threat) + 1);
  g_assert_true (moat_document_get_diagram_of (fixture->document,
                                               moat_document_lookup (fixture->document,
                                                                     moat_threat_get_target_id (copied_threat))) ==
                 copy);

  /* The saved form loads again, so no id was given twice. */
  after = dup_snapshot (fixture->document);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (after, strlen (after));
    g_autoptr(GError) error = NULL;
    g_autoptr(MoatDocument) reloaded = moat_format_load_bytes (bytes, "copy.moat", &error);

    g_assert_no_error (error);
    g_assert_nonnull (reloaded);
  }

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpuint (diagrams->len, ==, 1);
  assert_snapshot_without_counter (fixture->document, before);
  g_assert_true (moat_document_redo (fixture->document));
  assert_snapshot (fixture->document, after);
}

/* An item with an empty id or one already taken is rejected and leaves no
 * step in the history. An empty id would match every dangling flow end. */
static void
test_add_rejects_bad_ids (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *ids[] = { "", "client" };
  const char *messages[] = { "*needs a non-empty id*", "*“client” is already in use*" };
  g_autofree char *before = dup_snapshot (fixture->document);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, ids[i], "New");

      g_test_expect_message ("moat-core", G_LOG_LEVEL_CRITICAL, messages[i]);
      moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (element));
      g_test_assert_expected_messages ();

      g_assert_false (moat_document_can_undo (fixture->document));
      g_assert_false (moat_document_get_modified (fixture->document));
      assert_snapshot (fixture->document, before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/history/add-element", test_add_element);
  ADD ("/history/add-rejects-bad-ids", test_add_rejects_bad_ids);
  ADD ("/history/move-drag-is-one-step", test_move_drag_is_one_step);
  ADD ("/history/connect", test_connect);
  ADD ("/history/cancel-group-leaves-no-step", test_cancel_group_leaves_no_step);
  ADD ("/history/delete-cascades", test_delete_cascades);
  ADD ("/history/delete-many-restores-order", test_delete_many_restores_order);
  ADD ("/history/threat-edits", test_threat_edits);
  ADD ("/history/numbers-never-reused", test_numbers_never_reused);
  ADD ("/history/typing-merges", test_typing_merges);
  ADD ("/history/modified-follows-position", test_modified_follows_position);
  ADD ("/history/set-same-value-records-nothing", test_set_same_value_records_nothing);
  ADD ("/history/remove-diagram", test_remove_diagram);
  ADD ("/history/checklist-typing-merges", test_checklist_typing_merges);
  ADD ("/history/move-diagram", test_move_diagram);
  ADD ("/history/rename-diagram", test_rename_diagram);
  ADD ("/history/paste-fresh-ids-and-numbers", test_paste_fresh_ids_and_numbers);
  ADD ("/history/fragment-needs-both-ends", test_fragment_needs_both_ends);
  ADD ("/history/fragment-load-rejects", test_fragment_load_rejects);
  ADD ("/history/duplicate-diagram", test_duplicate_diagram);
  g_test_add_func ("/history/metadata-edit-no-cycle", test_metadata_edit_no_cycle);

#undef ADD

  return g_test_run ();
}
