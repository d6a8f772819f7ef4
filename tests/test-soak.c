/* test-soak.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "moat-canvas.h"
#include "moat-format.h"

/* 10,000 random edits, undos and redos on a model of 300 elements, made
 * through the document API and through the canvas actions of a real
 * MoatCanvas in a window (under Xvfb). After every step the model must
 * keep the rules the loader checks: unique ids, flow ends and threat
 * targets that exist, geometry in range, unique threat numbers. Every
 * ROUND_TRIP_INTERVAL steps, and after the last, the saved model must load
 * again and save to the same bytes. An undo followed by a redo must give
 * back the same model, and the memory in use must come back to where it
 * started once the window and the document are gone. The random seed is printed, and MOAT_SOAK_SEED
 * repeats a run; MOAT_SOAK_STEPS runs another number of steps, to look
 * into a failure. */

#define N_ELEMENTS 300
#define N_STEPS    10000

/* A full save and load of this model takes about 10 ms here, which is
 * too slow for every step under AddressSanitizer. The check of the rules
 * above takes microseconds. */
#define ROUND_TRIP_INTERVAL 100

/* Markup and mnemonics in the names that the edits give, which the canvas
 * must draw as text. */
static const char * const names[] = {
  "Payment service", "<b>bold</b> & _mnemonic", "Ledger «database»", "", "  ",
  "A name long enough to be cut short when the canvas draws it in a box", "🔥 שלום",
};

#ifdef __SANITIZE_ADDRESS__
/* AddressSanitizer keeps its own heap, which mallinfo2() does not see. */
size_t __sanitizer_get_current_allocated_bytes (void);

static gsize
get_heap_in_use (void)
{
  return __sanitizer_get_current_allocated_bytes ();
}
#else
static gsize
get_heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}
#endif

typedef struct
{
  GRand *rand;
  MoatDocument *document;
  MoatDiagram *diagram;
  GtkWindow *window;
  MoatCanvas *canvas;
  guint n_undone;
  guint counts[32];
} Soak;

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static void
iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Drops the test's reference to @object and fails unless it is then
 * finalized within ten seconds. GTK may hold a destroyed window until
 * its pending sources run, and on a loaded machine they can come later
 * than the first pass of the main loop. */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gboolean timed_out = FALSE;
  guint timeout;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);

  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (weak != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (weak);
  if (!timed_out)
    g_source_remove (timeout);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!timed_out && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static MoatDocument *
create_model (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Soak");
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  static const MoatElementKind kinds[] = {
    MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, MOAT_ELEMENT_KIND_PROCESS, MOAT_ELEMENT_KIND_DATA_STORE,
  };

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("zone-%u", i);
      g_autoptr(MoatBoundary) boundary = moat_boundary_new (id, "Zone");

      g_object_set (boundary, "x", (double)(i % 5) * 800, "y", (double)(i / 5) * 1200,
                    "width", 780.0, "height", 1180.0, NULL);
      moat_document_add_item (document, diagram, MOAT_ITEM (boundary));
    }

  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("element-%u", i);
      g_autofree char *name = g_strdup_printf ("Element %u", i);
      g_autoptr(MoatElement) element = moat_element_new (kinds[i % 3], id, name);

      g_object_set (element, "x", (double)(i % 20) * 200, "y", (double)(i / 20) * 150,
                    "width", 120.0, "height", 60.0, NULL);
      moat_document_add_item (document, diagram, MOAT_ITEM (element));
    }

  for (guint i = 0; i + 1 < N_ELEMENTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("flow-%u", i);
      g_autofree char *source = g_strdup_printf ("element-%u", i);
      g_autofree char *target = g_strdup_printf ("element-%u", i % 20 < 19 ? i + 1 : i + 20);
      g_autoptr(MoatFlow) flow = NULL;

      if (i % 20 == 19 && i + 20 >= N_ELEMENTS)
        continue;

      flow = moat_flow_new (id, source, target, "Request");
      moat_document_add_item (document, diagram, MOAT_ITEM (flow));

      if (i % 3 == 0)
        {
          g_autofree char *threat_id = g_strdup_printf ("threat-%u", i);
          g_autoptr(MoatThreat) threat = moat_threat_new (threat_id, id, MOAT_STRIDE_TAMPERING,
                                                          "Changed in transit");

          moat_document_add_threat (document, threat);
        }
    }

  return document;
}

/* Builds the model, and loads it from its saved form so that the history
 * under test starts empty. */
static MoatDocument *
load_model (void)
{
  g_autoptr(MoatDocument) built = create_model ();
  g_autoptr(GBytes) saved = moat_format_serialize (built);
  g_autoptr(GError) error = NULL;
  MoatDocument *document = moat_format_load_bytes (saved, "soak.moat", &error);

  g_assert_no_error (error);
  g_assert_false (moat_document_can_undo (document));

  return document;
}

/* Returns a random item of the diagram, or NULL when it has none. */
static MoatItem *
pick_item (Soak       *soak,
           GPtrArray *(*get_items) (MoatDiagram *diagram))
{
  GPtrArray *items = get_items (soak->diagram);

  if (items->len == 0)
    return NULL;

  return g_ptr_array_index (items, g_rand_int_range (soak->rand, 0, items->len));
}

static MoatItem *
pick_any_item (Soak *soak)
{
  switch (g_rand_int_range (soak->rand, 0, 3))
    {
    case 0:
      return pick_item (soak, moat_diagram_get_elements);
    case 1:
      return pick_item (soak, moat_diagram_get_flows);
    default:
      return pick_item (soak, moat_diagram_get_boundaries);
    }
}

static void
activate (Soak       *soak,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (soak->canvas), action,
                                                     parameter));
}

static gboolean
select_random (Soak *soak)
{
  MoatItem *item = pick_any_item (soak);

  if (item == NULL)
    return FALSE;

  moat_canvas_select (soak->canvas, G_OBJECT (item));

  return TRUE;
}

typedef enum
{
  STEP_RENAME,
  STEP_MOVE,
  STEP_ADD_ELEMENT,
  STEP_ADD_FLOW,
  STEP_REMOVE_ITEMS,
  STEP_ADD_THREAT,
  STEP_EDIT_THREAT,
  STEP_REMOVE_THREAT,
  STEP_GROUP,
  STEP_UNDO,
  STEP_REDO,
  STEP_UNDO_REDO_CHECK,
  STEP_CANVAS_DELETE,
  STEP_CANVAS_NUDGE,
  STEP_CANVAS_DUPLICATE,
  STEP_CANVAS_COPY_PASTE,
  STEP_CANVAS_CUT,
  STEP_CANVAS_ALIGN,
  STEP_CANVAS_DISTRIBUTE,
  STEP_CANVAS_FLOW,
  STEP_CANVAS_ADD,
  N_STEP_KINDS,
} StepKind;

static const char * const step_names[] = {
  "rename", "move", "add-element", "add-flow", "remove-items", "add-threat", "edit-threat",
  "remove-threat", "group", "undo", "redo", "undo-redo-check", "canvas-delete", "canvas-nudge",
  "canvas-duplicate", "canvas-copy-paste", "canvas-cut", "canvas-align", "canvas-distribute",
  "canvas-flow", "canvas-add",
};

/* Relative weights: undo and redo are common, whole-diagram moves rare. */
static const guint step_weights[] = {
  10, 10, 6, 6, 4, 5, 5, 3, 4, 14, 8, 2, 4, 5, 3, 3, 2, 1, 1, 4, 4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == N_STEP_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (step_weights) == N_STEP_KINDS);

static StepKind
pick_step (Soak *soak)
{
  guint total = 0;
  guint choice;

  for (guint i = 0; i < N_STEP_KINDS; i++)
    total += step_weights[i];

  choice = g_rand_int_range (soak->rand, 0, total);
  for (guint i = 0; i < N_STEP_KINDS; i++)
    {
      if (choice < step_weights[i])
        return i;
      choice -= step_weights[i];
    }

  g_assert_not_reached ();
}

static char *
dup_snapshot (MoatDocument *document)
{
  g_autoptr(GBytes) bytes = moat_format_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
step_document (Soak     *soak,
               StepKind  kind)
{
  MoatItem *item;
  MoatItem *other;

  switch (kind)
    {
    case STEP_RENAME:
      if ((item = pick_any_item (soak)) != NULL)
        moat_document_set (soak->document, item,
                           "name", names[g_rand_int_range (soak->rand, 0, G_N_ELEMENTS (names))],
                           NULL);
      break;

    case STEP_MOVE:
      if ((item = pick_item (soak, moat_diagram_get_elements)) != NULL)
        moat_document_set (soak->document, item,
                           "x", g_rand_double_range (soak->rand, -5000, 5000),
                           "y", g_rand_double_range (soak->rand, -5000, 5000),
                           NULL);
      break;

    case STEP_ADD_ELEMENT:
      {
        g_autoptr(MoatElement) element =
          moat_element_new (g_rand_int_range (soak->rand, 0, 3), NULL, "Added");

        moat_document_add_item (soak->document, soak->diagram, MOAT_ITEM (element));
      }
      break;

    case STEP_ADD_FLOW:
      item = pick_item (soak, moat_diagram_get_elements);
      other = pick_item (soak, moat_diagram_get_elements);
      if (item != NULL && other != NULL)
        {
          g_autoptr(MoatFlow) flow = moat_flow_new (NULL, moat_item_get_id (item),
                                                    moat_item_get_id (other), "Added flow");

          moat_document_add_item (soak->document, soak->diagram, MOAT_ITEM (flow));
        }
      break;

    case STEP_REMOVE_ITEMS:
      {
        MoatItem *items[3];
        guint n_items = 0;

        /* Different items only: the same one twice is a caller error. */
        for (guint i = 0; i < G_N_ELEMENTS (items); i++)
          {
            item = pick_any_item (soak);
            if (item != NULL && (n_items == 0 || items[n_items - 1] != item) &&
                (n_items < 2 || items[0] != item))
              items[n_items++] = item;
          }
        if (n_items > 0)
          moat_document_remove_items (soak->document, items, n_items);
      }
      break;

    case STEP_ADD_THREAT:
      if ((item = pick_any_item (soak)) != NULL && !MOAT_IS_BOUNDARY (item))
        {
          g_autoptr(MoatThreat) threat =
            moat_threat_new (NULL, moat_item_get_id (item),
                             g_rand_int_range (soak->rand, 0, MOAT_N_STRIDE_CATEGORIES),
                             names[g_rand_int_range (soak->rand, 0, G_N_ELEMENTS (names))]);

          moat_document_add_threat (soak->document, threat);
        }
      break;

    case STEP_EDIT_THREAT:
    case STEP_REMOVE_THREAT:
      {
        GPtrArray *threats = moat_document_get_threats (soak->document);
        MoatThreat *threat;

        if (threats->len == 0)
          break;

        threat = g_ptr_array_index (threats, g_rand_int_range (soak->rand, 0, threats->len));
        if (kind == STEP_REMOVE_THREAT)
          moat_document_remove_threat (soak->document, threat);
        else
          moat_document_set (soak->document, threat,
                             "status", g_rand_int_range (soak->rand, 0, 4),
                             "probability", g_rand_int_range (soak->rand, 0, 4),
                             NULL);
      }
      break;

    case STEP_GROUP:
      moat_document_begin_group (soak->document, "Soak group");
      for (guint i = 0; i < 3; i++)
        if ((item = pick_item (soak, moat_diagram_get_elements)) != NULL)
          moat_document_set (soak->document, item, "x", g_rand_double_range (soak->rand, 0, 900),
                             NULL);
      moat_document_end_group (soak->document);
      break;

    case STEP_UNDO:
      if (moat_document_undo (soak->document))
        soak->n_undone++;
      break;

    case STEP_REDO:
      moat_document_redo (soak->document);
      break;

    case STEP_UNDO_REDO_CHECK:
      {
        g_autofree char *before = dup_snapshot (soak->document);
        g_autofree char *after = NULL;
        guint depth = g_rand_int_range (soak->rand, 1, 20);
        guint undone = 0;

        while (undone < depth && moat_document_undo (soak->document))
          undone++;
        for (guint i = 0; i < undone; i++)
          g_assert_true (moat_document_redo (soak->document));

        after = dup_snapshot (soak->document);
        g_assert_cmpstr (after, ==, before);
      }
      break;

    case STEP_CANVAS_DELETE:
    case STEP_CANVAS_NUDGE:
    case STEP_CANVAS_DUPLICATE:
    case STEP_CANVAS_COPY_PASTE:
    case STEP_CANVAS_CUT:
    case STEP_CANVAS_ALIGN:
    case STEP_CANVAS_DISTRIBUTE:
    case STEP_CANVAS_FLOW:
    case STEP_CANVAS_ADD:
    case N_STEP_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
step_canvas (Soak     *soak,
             StepKind  kind)
{
  static const char * const edges[] = { "left", "center", "right", "top", "middle", "bottom" };
  static const char * const kinds[] = { "process", "external-entity", "data-store", "boundary" };

  switch (kind)
    {
    case STEP_CANVAS_DELETE:
      if (select_random (soak))
        activate (soak, "canvas.delete", NULL);
      break;

    case STEP_CANVAS_NUDGE:
      if (select_random (soak))
        activate (soak, "canvas.nudge",
                  g_variant_new ("(ii)", g_rand_int_range (soak->rand, -3, 4),
                                 g_rand_int_range (soak->rand, -3, 4)));
      break;

    case STEP_CANVAS_DUPLICATE:
      if (select_random (soak))
        activate (soak, "canvas.duplicate", NULL);
      break;

    case STEP_CANVAS_COPY_PASTE:
      if (select_random (soak))
        {
          activate (soak, "canvas.copy", NULL);
          iterate_pending ();
          activate (soak, "canvas.paste", NULL);
        }
      break;

    case STEP_CANVAS_CUT:
      if (select_random (soak))
        activate (soak, "canvas.cut", NULL);
      break;

    case STEP_CANVAS_ALIGN:
      moat_canvas_select_all (soak->canvas);
      activate (soak, "canvas.align",
                g_variant_new_string (edges[g_rand_int_range (soak->rand, 0, 6)]));
      break;

    case STEP_CANVAS_DISTRIBUTE:
      moat_canvas_select_all (soak->canvas);
      activate (soak, "canvas.distribute",
                g_variant_new_string (g_rand_boolean (soak->rand) ? "horizontal" : "vertical"));
      break;

    case STEP_CANVAS_FLOW:
      {
        MoatItem *flow = pick_item (soak, moat_diagram_get_flows);

        if (flow == NULL)
          break;

        moat_canvas_select (soak->canvas, G_OBJECT (flow));
        activate (soak, g_rand_boolean (soak->rand) ? "canvas.toggle-bidirectional"
                                                     : "canvas.straighten", NULL);
      }
      break;

    case STEP_CANVAS_ADD:
      activate (soak, "canvas.add",
                g_variant_new_string (kinds[g_rand_int_range (soak->rand, 0, 4)]));
      break;

    case STEP_RENAME:
    case STEP_MOVE:
    case STEP_ADD_ELEMENT:
    case STEP_ADD_FLOW:
    case STEP_REMOVE_ITEMS:
    case STEP_ADD_THREAT:
    case STEP_EDIT_THREAT:
    case STEP_REMOVE_THREAT:
    case STEP_GROUP:
    case STEP_UNDO:
    case STEP_REDO:
    case STEP_UNDO_REDO_CHECK:
    case N_STEP_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
assert_rect_valid (MoatItem *item)
{
  double x, y, width, height;

  g_object_get (item, "x", &x, "y", &y, "width", &width, "height", &height, NULL);
  g_assert_true (isfinite (x) && fabs (x) <= MOAT_COORDINATE_MAX);
  g_assert_true (isfinite (y) && fabs (y) <= MOAT_COORDINATE_MAX);
  g_assert_true (width >= MOAT_SIZE_MIN && width <= MOAT_COORDINATE_MAX);
  g_assert_true (height >= MOAT_SIZE_MIN && height <= MOAT_COORDINATE_MAX);
}

static void
assert_flow_end_valid (MoatDocument *document,
                       MoatDiagram  *diagram,
                       const char   *element_id)
{
  gpointer element = moat_document_lookup (document, element_id);

  g_assert_true (MOAT_IS_ELEMENT (element));
  g_assert_true (moat_document_get_diagram_of (document, element) == diagram);
}

/* Checks the rules of the loader on the document in memory: ids unique
 * and found by lookup, items in their diagram, geometry in range, flow
 * ends and threat targets that exist, threat numbers unique and below
 * the next number. */
static void
assert_document_consistent (MoatDocument *document)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) numbers = g_hash_table_new (NULL, NULL);
  GPtrArray *diagrams = moat_document_get_diagrams (document);
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      GPtrArray *lists[] = {
        moat_diagram_get_boundaries (diagram), moat_diagram_get_elements (diagram),
        moat_diagram_get_flows (diagram),
      };

      g_assert_true (g_hash_table_add (ids, (char *)moat_diagram_get_id (diagram)));
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < lists[l]->len; i++)
          {
            MoatItem *item = g_ptr_array_index (lists[l], i);
            const char *id = moat_item_get_id (item);

            g_assert_true (id != NULL && id[0] != '\0');
            g_assert_true (g_hash_table_add (ids, (char *)id));
            g_assert_true (moat_document_lookup (document, id) == (gpointer)item);
            g_assert_true (moat_document_get_diagram_of (document, item) == diagram);

            if (MOAT_IS_FLOW (item))
              {
                assert_flow_end_valid (document, diagram, moat_flow_get_source_id (MOAT_FLOW (item)));
                assert_flow_end_valid (document, diagram, moat_flow_get_target_id (MOAT_FLOW (item)));
              }
            else
              {
                assert_rect_valid (item);
              }
          }
    }

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      gpointer target = moat_document_lookup (document, moat_threat_get_target_id (threat));
      guint number = moat_threat_get_number (threat);

      g_assert_true (g_hash_table_add (ids, (char *)moat_threat_get_id (threat)));
      g_assert_true (MOAT_IS_FLOW (target) || MOAT_IS_ELEMENT (target));
      g_assert_cmpuint (number, >, 0);
      g_assert_true (g_hash_table_add (numbers, GUINT_TO_POINTER (number)));
      g_assert_cmpuint (number, <, moat_document_get_next_threat_number (document));
    }
}

/* What the model saves must load again with no problem, and save to the
 * same bytes. */
static void
assert_round_trip (Soak     *soak,
                   guint     step,
                   StepKind  kind)
{
  g_autoptr(GBytes) saved = moat_format_serialize (soak->document);
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) reloaded = moat_format_load_bytes (saved, "soak.moat", &error);

  if (error != NULL)
    g_test_message ("after step %u (%s): %s", step, step_names[kind], error->message);
  g_assert_no_error (error);

  saved_again = moat_format_serialize (reloaded);
  g_assert_true (g_bytes_equal (saved, saved_again));
}

static void
soak_set_up (Soak   *soak,
             guint32 seed)
{
  soak->rand = g_rand_new_with_seed (seed);
  soak->document = load_model ();
  soak->diagram = g_object_ref (g_ptr_array_index (moat_document_get_diagrams (soak->document),
                                                   0));

  soak->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (soak->window);
  /* A small view draws few items per frame, so the steps stay fast. */
  gtk_window_set_default_size (soak->window, 320, 240);
  soak->canvas = MOAT_CANVAS (moat_canvas_new ());
  g_object_ref (soak->canvas);
  gtk_window_set_child (soak->window, GTK_WIDGET (soak->canvas));
  moat_canvas_set_document (soak->canvas, soak->document);
  moat_canvas_set_diagram (soak->canvas, soak->diagram);
  gtk_window_present (soak->window);
  wait_until_mapped (GTK_WIDGET (soak->canvas));
}

static void
soak_tear_down (Soak *soak)
{
  gtk_window_destroy (soak->window);
  iterate_pending ();
  assert_finalized_soon (soak->window);
  assert_finalized_soon (soak->canvas);
  g_object_unref (soak->diagram);
  g_assert_finalize_object (soak->document);
  g_rand_free (soak->rand);
}

static void
run_steps (Soak  *soak,
           guint  n_steps)
{
  for (guint step = 0; step < n_steps; step++)
    {
      StepKind kind = pick_step (soak);

      if (kind >= STEP_CANVAS_DELETE)
        step_canvas (soak, kind);
      else
        step_document (soak, kind);

      iterate_pending ();
      soak->counts[kind]++;
      assert_document_consistent (soak->document);
      if (step % ROUND_TRIP_INTERVAL == ROUND_TRIP_INTERVAL - 1 || step == n_steps - 1)
        assert_round_trip (soak, step, kind);
    }
}

static void
test_soak (void)
{
  const char *seed_text = g_getenv ("MOAT_SOAK_SEED");
  const char *steps_text = g_getenv ("MOAT_SOAK_STEPS");
  guint n_steps = steps_text != NULL ? (guint)g_ascii_strtoull (steps_text, NULL, 10) : N_STEPS;
  guint32 seed = seed_text != NULL ? (guint32)g_ascii_strtoull (seed_text, NULL, 10)
                                   : g_random_int ();
  Soak warm_up = { NULL };
  Soak soak = { NULL };
  gsize before;
  gsize during;
  gsize after;
  g_autoptr(GString) counts = g_string_new (NULL);

  g_test_message ("seed %u; run again with MOAT_SOAK_SEED=%u", seed, seed);

  /* A first short run fills the toolkit's caches (fonts, types, icons),
   * so that the measured run starts from a settled heap. */
  soak_set_up (&warm_up, seed);
  run_steps (&warm_up, 200);
  soak_tear_down (&warm_up);
  iterate_pending ();
  before = get_heap_in_use ();

  soak_set_up (&soak, seed + 1);
  run_steps (&soak, n_steps);
  during = get_heap_in_use ();

  for (guint i = 0; i < N_STEP_KINDS; i++)
    {
      g_string_append_printf (counts, "%s %u, ", step_names[i], soak.counts[i]);
      g_assert_cmpuint (soak.counts[i], >, 0);
    }
  g_test_message ("%s%u undone", counts->str, soak.n_undone);

  soak_tear_down (&soak);
  iterate_pending ();
  after = get_heap_in_use ();

  g_test_message ("heap in use: %" G_GSIZE_FORMAT " bytes before, %" G_GSIZE_FORMAT
                  " with the history of %u steps, %" G_GSIZE_FORMAT " after",
                  before, during, n_steps, after);

  /* The history keeps every step, so the heap grows while the document
   * lives: by about 16 MB over 10,000 steps when this test was written.
   * 64 MiB lets only runaway growth fail. */
  g_assert_cmpuint (during, <, before + 64 * 1024 * 1024);

  /* Once everything is gone the heap is back, but for what GTK caches
   * on its own (glyphs, render nodes): about 0.3 MB when this test was
   * written. */
  g_assert_cmpuint (after, <, before + 1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soak/edit-undo-redo", test_soak);

  return g_test_run ();
}
