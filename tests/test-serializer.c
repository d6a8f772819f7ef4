/* test-serializer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The serializer in steps: the bytes of every slicing equal those of
 * moat_format_serialize(), and a change of the document between two
 * steps makes it start again, so the output is never a mix of two states.
 */

#include "config.h"

#include "moat-annotation.h"
#include "moat-boundary.h"
#include "moat-element.h"
#include "moat-flow.h"
#include "moat-format.h"
#include "moat-format-serializer.h"

static MoatDocument *
load_example (const char *name,
              GBytes    **contents)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples", name,
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatDocument *document;

  document = moat_format_load_file (file, NULL, &error);
  g_assert_no_error (error);

  *contents = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  return document;
}

static void
add_annotations (MoatDocument *document,
                 MoatDiagram  *diagram,
                 guint         d)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (
    (GDestroyNotify)moat_annotation_unref);
  g_autofree char *note_id = g_strdup_printf ("note-%u", d);
  g_autofree char *curve_id = g_strdup_printf ("curve-%u", d);
  MoatRect bounds = { 10.25, 20.5, 120, 40 };
  MoatPoint points[] = { { 0, 0 }, { 33.333, 10 }, { 70, -5.5 } };
  g_autoptr(MoatPointList) curve = moat_point_list_new (points, G_N_ELEMENTS (points));

  g_ptr_array_add (annotations, moat_annotation_new_note (note_id, "A note\nwith “quotes”",
                                                          &bounds));
  g_ptr_array_add (annotations, moat_annotation_new_boundary_curve (curve_id, "Curve",
                                                                    "Open boundary", curve));
  moat_document_set (document, diagram, "annotations", annotations, NULL);
}

/* A model with every kind of item in three diagrams: boundaries, elements,
 * flows with vertices, annotations and threats. */
static MoatDocument *
generate_model (void)
{
  MoatDocument *document = moat_document_new ();

  moat_document_begin_group (document, "Generate");
  moat_document_set (document, document, "title", "Generated \"model\"\t\\ ✓", NULL);

  for (guint d = 0; d < 3; d++)
    {
      g_autofree char *diagram_id = g_strdup_printf ("diagram-%u", d);
      g_autoptr(MoatDiagram) diagram = moat_diagram_new (diagram_id, "Diagram");

      moat_document_add_diagram (document, diagram);

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *id = g_strdup_printf ("boundary-%u-%u", d, i);
          g_autoptr(MoatBoundary) boundary = moat_boundary_new (id, "Trust zone");

          moat_document_add_item (document, diagram, MOAT_ITEM (boundary));
        }

      for (guint i = 0; i < 40; i++)
        {
          g_autofree char *id = g_strdup_printf ("element-%u-%u", d, i);
          g_autofree char *name = g_strdup_printf ("Element %u", i);
          g_autoptr(MoatElement) element = moat_element_new (i % 3, id, name);

          moat_document_add_item (document, diagram, MOAT_ITEM (element));
          moat_document_set (document, element, "x", i * 10.125, "description", "Line 1\nLine 2",
                             NULL);
        }

      for (guint i = 0; i + 1 < 40; i++)
        {
          g_autofree char *id = g_strdup_printf ("flow-%u-%u", d, i);
          g_autofree char *source = g_strdup_printf ("element-%u-%u", d, i);
          g_autofree char *target = g_strdup_printf ("element-%u-%u", d, i + 1);
          g_autoptr(MoatFlow) flow = moat_flow_new (id, source, target, "HTTPS");
          g_autoptr(MoatThreat) threat = NULL;
          g_autofree char *threat_id = g_strdup_printf ("threat-%u-%u", d, i);
          MoatPoint points[] = { { i, 2 * i }, { 3.5, 4.25 } };
          g_autoptr(MoatPointList) vertices = moat_point_list_new (points, G_N_ELEMENTS (points));

          moat_document_add_item (document, diagram, MOAT_ITEM (flow));
          moat_document_set (document, flow, "vertices", vertices, NULL);

          threat = moat_threat_new (threat_id, id, i % MOAT_N_STRIDE_CATEGORIES, "Tampering");
          moat_document_add_threat (document, threat);
        }

      add_annotations (document, diagram, d);
    }

  moat_document_end_group (document);

  return document;
}

/* Runs a new serializer of @document to the end in steps of @max_items
 * items or @max_duration_usec, and returns the bytes and the step count. */
static GBytes *
serialize_in_steps (MoatDocument *document,
                    guint         max_items,
                    gint64        max_duration_usec,
                    guint        *n_steps)
{
  g_autoptr(MoatFormatSerializer) serializer = moat_format_serializer_new (document);

  *n_steps = 1;
  while (!moat_format_serializer_step (serializer, max_items, max_duration_usec))
    (*n_steps)++;

  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 0);

  return moat_format_serializer_finish (serializer);
}

/* The items in @document, counting a header and per diagram an opening
 * and its text: fewer than the steps of one item each, which also close
 * each list. */
static guint
count_items (MoatDocument *document)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);
  guint n = 1 + moat_document_get_threats (document)->len;

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);

      n += 2 + moat_diagram_get_boundaries (diagram)->len +
           moat_diagram_get_elements (diagram)->len + moat_diagram_get_flows (diagram)->len +
           moat_diagram_get_annotations (diagram)->len;
    }

  return n;
}

static void
assert_slicings_match (MoatDocument *document,
                       GBytes       *expected)
{
  g_autoptr(GBytes) whole = moat_format_serialize (document);
  g_autoptr(GBytes) by_item = NULL;
  g_autoptr(GBytes) by_time = NULL;
  g_autoptr(GBytes) by_seven = NULL;
  guint n_steps;

  g_assert_true (g_bytes_equal (whole, expected));

  by_item = serialize_in_steps (document, 1, -1, &n_steps);
  g_assert_true (g_bytes_equal (by_item, expected));
  g_assert_cmpuint (n_steps, >, count_items (document));

  /* A duration of 0 still writes one item per step. */
  by_time = serialize_in_steps (document, 0, 0, &n_steps);
  g_assert_true (g_bytes_equal (by_time, expected));
  g_assert_cmpuint (n_steps, >, count_items (document));

  by_seven = serialize_in_steps (document, 7, -1, &n_steps);
  g_assert_true (g_bytes_equal (by_seven, expected));
  g_assert_cmpuint (n_steps, >, count_items (document) / 7);
}

static void
test_example_sliced (gconstpointer data)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(MoatDocument) document = load_example (data, &contents);

  assert_slicings_match (document, contents);
}

static void
test_generated_sliced (void)
{
  g_autoptr(MoatDocument) document = generate_model ();
  g_autoptr(GBytes) whole = moat_format_serialize (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) reloaded = NULL;

  /* The generated model is a valid file, so its bytes are the reference. */
  reloaded = moat_format_load_bytes (whole, "generated.moat", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (reloaded), ==, count_items (document));
  g_assert_cmpuint (count_items (document), >, 3 * (4 + 40 + 39 + 2) + 3 * 39);

  assert_slicings_match (document, whole);
}

static void
test_empty_document (void)
{
  g_autoptr(MoatDocument) document = moat_document_new ();
  g_autoptr(GBytes) whole = moat_format_serialize (document);
  g_autoptr(GBytes) sliced = NULL;
  guint n_steps;

  sliced = serialize_in_steps (document, 1, -1, &n_steps);
  g_assert_true (g_bytes_equal (sliced, whole));
  g_assert_cmpuint (n_steps, ==, 3);
}

/* Steps @serializer @n_steps items, checking that it is not done. */
static void
step_items (MoatFormatSerializer *serializer,
            guint                 n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    g_assert_false (moat_format_serializer_step (serializer, 1, -1));
}

static GBytes *
step_to_end (MoatFormatSerializer *serializer)
{
  while (!moat_format_serializer_step (serializer, 1, -1))
    ;

  return moat_format_serializer_finish (serializer);
}

static MoatElement *
first_element (MoatDocument *document)
{
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);

  return g_ptr_array_index (moat_diagram_get_elements (diagram), 0);
}

static MoatElement *
last_element (MoatDocument *document)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);
  MoatDiagram *diagram = g_ptr_array_index (diagrams, diagrams->len - 1);
  GPtrArray *elements = moat_diagram_get_elements (diagram);

  return g_ptr_array_index (elements, elements->len - 1);
}

/* An element that was already written changes between two steps, and the
 * output is the new state. */
static void
test_edit_restarts (void)
{
  g_autoptr(MoatDocument) document = generate_model ();
  g_autoptr(GBytes) before = moat_format_serialize (document);
  g_autoptr(MoatFormatSerializer) serializer = moat_format_serializer_new (document);
  g_autoptr(GBytes) sliced = NULL;
  g_autoptr(GBytes) after = NULL;

  step_items (serializer, 60);
  moat_document_set (document, first_element (document), "name", "Renamed between slices", NULL);
  sliced = step_to_end (serializer);
  after = moat_format_serialize (document);

  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 1);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (g_bytes_equal (sliced, after));
}

/* Each kind of change restarts: an item in an open edit group (a drag,
 * which emits no "changed" until it ends), an undo, a removal and a field
 * of the document itself. */
static void
test_every_change_restarts (void)
{
  g_autoptr(MoatDocument) document = generate_model ();
  g_autoptr(MoatFormatSerializer) serializer = moat_format_serializer_new (document);
  g_autoptr(GBytes) sliced = NULL;
  g_autoptr(GBytes) after = NULL;
  MoatItem *removed;

  step_items (serializer, 50);
  moat_document_begin_group (document, "Drag");
  moat_document_set (document, first_element (document), "x", 999.0, NULL);
  step_items (serializer, 50);
  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 1);

  moat_document_set (document, last_element (document), "y", -40.0, NULL);
  step_items (serializer, 50);
  moat_document_end_group (document);
  step_items (serializer, 50);
  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 3);

  moat_document_undo (document);
  step_items (serializer, 50);
  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 4);

  removed = MOAT_ITEM (last_element (document));
  moat_document_remove_items (document, &removed, 1);
  step_items (serializer, 50);
  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 5);

  moat_document_set (document, document, "owner", "Security team", NULL);
  sliced = step_to_end (serializer);
  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 6);

  after = moat_format_serialize (document);
  g_assert_true (g_bytes_equal (sliced, after));
}

/* A change after the last step makes the next step start over, and the
 * serializer ends with the newer state. */
static void
test_change_after_completion (void)
{
  g_autoptr(MoatDocument) document = generate_model ();
  g_autoptr(MoatFormatSerializer) serializer = moat_format_serializer_new (document);
  g_autoptr(GBytes) sliced = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (moat_format_serializer_step (serializer, 0, -1));
  moat_document_set (document, first_element (document), "technology", "Rust", NULL);
  g_assert_false (moat_format_serializer_step (serializer, 1, -1));
  sliced = step_to_end (serializer);
  after = moat_format_serialize (document);

  g_assert_cmpuint (moat_format_serializer_get_n_restarts (serializer), ==, 1);
  g_assert_true (g_bytes_equal (sliced, after));
}

/* Taking the output of an unfinished serializer is a programming error. */
static void
test_finish_before_done (void)
{
  g_autoptr(MoatDocument) document = generate_model ();
  g_autoptr(MoatFormatSerializer) serializer = moat_format_serializer_new (document);
  GBytes *bytes;

  step_items (serializer, 3);
  g_test_expect_message ("moat-core", G_LOG_LEVEL_CRITICAL, "*STAGE_DONE*");
  bytes = moat_format_serializer_finish (serializer);
  g_test_assert_expected_messages ();
  g_assert_null (bytes);
}

/* The serializer keeps the document, so it may outlive every other
 * reference. */
static void
test_keeps_document (void)
{
  MoatDocument *document = generate_model ();
  g_autoptr(GBytes) expected = moat_format_serialize (document);
  g_autoptr(MoatFormatSerializer) serializer = moat_format_serializer_new (document);
  g_autoptr(GBytes) sliced = NULL;

  step_items (serializer, 10);
  g_object_unref (document);
  sliced = step_to_end (serializer);

  g_assert_true (g_bytes_equal (sliced, expected));
  g_assert_finalize_object (g_steal_pointer (&serializer));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/serializer/sliced/payment-webhook", "payment-webhook.moat",
                        test_example_sliced);
  g_test_add_data_func ("/serializer/sliced/ai-agent", "ai-agent.moat", test_example_sliced);
  g_test_add_func ("/serializer/sliced/generated", test_generated_sliced);
  g_test_add_func ("/serializer/sliced/empty", test_empty_document);
  g_test_add_func ("/serializer/change/restarts", test_edit_restarts);
  g_test_add_func ("/serializer/change/every-kind", test_every_change_restarts);
  g_test_add_func ("/serializer/change/after-completion", test_change_after_completion);
  g_test_add_func ("/serializer/finish-before-done", test_finish_before_done);
  g_test_add_func ("/serializer/keeps-document", test_keeps_document);

  return g_test_run ();
}
