/* test-canvas-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas in the real editor window, under Xvfb. Drawing a flow,
 * dragging an element and rubber-band selection use real X input from
 * xdotool. The other tests activate the actions that menus, buttons and
 * shortcuts activate.
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>

#include "moat-application.h"
#include "moat-canvas-item.h"
#include "moat-canvas-private.h"
#include "moat-diagram-list.h"
#include "moat-format.h"
#include "moat-window.h"

/* A client outside a DMZ boundary that contains an API and a database.
 * The request crosses the boundary, and each flow has a threat. */
static const char model[] =
  "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 3,\n"
  " \"diagrams\": [{\"id\": \"main\", \"name\": \"Main\",\n"
  "  \"boundaries\": [{\"id\": \"dmz\", \"name\": \"DMZ\",\n"
  "    \"x\": 300, \"y\": 40, \"width\": 420, \"height\": 300}],\n"
  "  \"elements\": [\n"
  "   {\"id\": \"client\", \"kind\": \"external-entity\", \"name\": \"Client\",\n"
  "    \"x\": 40, \"y\": 140, \"width\": 120, \"height\": 60},\n"
  "   {\"id\": \"api\", \"kind\": \"process\", \"name\": \"API\",\n"
  "    \"x\": 340, \"y\": 130, \"width\": 120, \"height\": 80},\n"
  "   {\"id\": \"db\", \"kind\": \"data-store\", \"name\": \"Orders\",\n"
  "    \"x\": 540, \"y\": 145, \"width\": 140, \"height\": 50}],\n"
  "  \"flows\": [\n"
  "   {\"id\": \"request\", \"name\": \"Request\", \"source\": \"client\", \"target\": \"api\"},\n"
  "   {\"id\": \"query\", \"name\": \"Query\", \"source\": \"api\", \"target\": \"db\"}]}],\n"
  " \"threats\": [\n"
  "  {\"id\": \"t-spoof\", \"number\": 1, \"title\": \"Forged client\", \"category\": \"spoofing\",\n"
  "   \"target\": \"request\", \"probability\": \"high\",\n"
  "   \"impact\": {\"confidentiality\": \"high\"}},\n"
  "  {\"id\": \"t-inject\", \"number\": 2, \"title\": \"Injection\", \"category\": \"tampering\",\n"
  "   \"target\": \"query\", \"status\": \"mitigated\"}]}\n";

/* One application for all tests: it owns its name on the session bus. */
static MoatApplication *application;

typedef struct
{
  char *folder;
  GFile *file;
  MoatWindow *window;
  MoatCanvas *canvas;
  MoatDocument *document;
  MoatDiagram *diagram;

  /* The last message the canvas asked the window to show. */
  char *toast;
  gboolean toast_undo;

  /* The frame that wait_for_layout() waits for. */
  gint64 layout_frame;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds, or fails after 30 seconds. */
static void
wait_until (gboolean (*condition) (Fixture *fixture),
            Fixture   *fixture)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  while (!timed_out && !condition (fixture))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static gboolean
layout_done (Fixture *fixture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->canvas));

  return gdk_frame_clock_get_frame_counter (clock) >= fixture->layout_frame;
}

/* Waits for the next frame, which allocates the children added and the
 * allocations queued so far. */
static void
wait_for_layout (Fixture *fixture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->canvas));

  fixture->layout_frame = gdk_frame_clock_get_frame_counter (clock) + 1;
  gtk_widget_queue_allocate (GTK_WIDGET (fixture->canvas));
  wait_until (layout_done, fixture);
}

static void
run_for (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
toast_cb (Fixture    *fixture,
          const char *title,
          gboolean    offer_undo)
{
  g_free (fixture->toast);
  fixture->toast = g_strdup (title);
  fixture->toast_undo = offer_undo;
}

static MoatWindow *
open_window (GFile *file)
{
  MoatWindow *window = moat_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  if (file != NULL)
    g_assert_true (moat_window_load_file (window, file));
  gtk_window_present (GTK_WINDOW (window));

  while (!gtk_widget_get_mapped (moat_window_get_canvas (window)) ||
         gtk_widget_get_width (moat_window_get_canvas (window)) == 0)
    g_main_context_iteration (NULL, TRUE);
  run_for (100);

  return window;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("moat-canvas-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "shop.moat", NULL);
  g_assert_true (g_file_set_contents (path, model, -1, &error));
  fixture->file = g_file_new_for_path (path);

  fixture->window = open_window (fixture->file);
  fixture->canvas = MOAT_CANVAS (moat_window_get_canvas (fixture->window));
  fixture->document = moat_window_get_document (fixture->window);
  fixture->diagram = moat_document_lookup (fixture->document, "main");
  g_assert_true (MOAT_IS_DIAGRAM (fixture->diagram));
  g_assert_true (moat_canvas_get_diagram (fixture->canvas) == fixture->diagram);

  /* Exact distances in the pointer tests; the grid has its own tests. */
  moat_canvas_set_snap_to_grid (fixture->canvas, FALSE);

  g_signal_connect_swapped (fixture->canvas, "toast", G_CALLBACK (toast_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->file);

  g_signal_handlers_disconnect_by_func (fixture->canvas, toast_cb, fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->toast, g_free);
  g_unlink (path);
  g_clear_object (&fixture->file);
  g_rmdir (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
}

static void
activate (GtkWidget  *widget,
          const char *action,
          const char *format,
          ...)
{
  GVariant *parameter = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }

  g_assert_true (gtk_widget_activate_action_variant (widget, action, parameter));
}

static char *
dup_snapshot (MoatDocument *document)
{
  g_autoptr(GBytes) bytes = moat_format_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The snapshot without the threat number counter, which only grows, so
 * that undo gives back everything else exactly. */
static char *
dup_snapshot_without_counter (MoatDocument *document)
{
  g_autofree char *snapshot = dup_snapshot (document);
  g_autoptr(GRegex) counter = g_regex_new ("\n *\"next-threat-number\": [0-9]+,", 0, 0, NULL);

  return g_regex_replace_literal (counter, snapshot, -1, 0, "", 0, NULL);
}

static MoatRect
get_bounds (Fixture    *fixture,
            const char *id)
{
  MoatRect rect;

  g_assert_true (moat_canvas_get_item_rect (moat_document_lookup (fixture->document, id), &rect));

  return rect;
}

/* Where a diagram point is in the window's X surface, for xdotool. */
static char *
dup_surface_coordinate (Fixture *fixture,
                        double   diagram_x,
                        double   diagram_y,
                        gboolean want_y)
{
  double widget_x;
  double widget_y;
  double window_x;
  double window_y;
  double offset_x;
  double offset_y;

  moat_canvas_diagram_to_widget (fixture->canvas, (MoatPoint) { diagram_x, diagram_y },
                                 &widget_x, &widget_y);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (fixture->canvas),
                                                   GTK_WIDGET (fixture->window),
                                                   widget_x, widget_y, &window_x, &window_y));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &offset_x, &offset_y);

  return g_strdup_printf ("%d", (int)(want_y ? window_y + offset_y : window_x + offset_x));
}

static void
run_xdotool (Fixture    *fixture,
             const char *first_arg,
             ...)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *program = g_find_program_in_path ("xdotool");
  g_autofree char *window_id = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;
  va_list args;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  if (program == NULL)
    g_error ("xdotool not found: install it (build-aux/dev test installs it)");

  window_id = g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (surface));
  g_ptr_array_add (argv, g_strdup (program));

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_str_equal (arg, "WINDOW") ? g_strdup (window_id) : g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* A real press at one diagram point, moves through a middle point, and
 * a release at another, as a user drags. */
static void
real_drag (Fixture *fixture,
           double   from_x,
           double   from_y,
           double   to_x,
           double   to_y)
{
  g_autofree char *x1 = dup_surface_coordinate (fixture, from_x, from_y, FALSE);
  g_autofree char *y1 = dup_surface_coordinate (fixture, from_x, from_y, TRUE);
  g_autofree char *xm = dup_surface_coordinate (fixture, (from_x + to_x) / 2, (from_y + to_y) / 2,
                                                FALSE);
  g_autofree char *ym = dup_surface_coordinate (fixture, (from_x + to_x) / 2, (from_y + to_y) / 2,
                                                TRUE);
  g_autofree char *x2 = dup_surface_coordinate (fixture, to_x, to_y, FALSE);
  g_autofree char *y2 = dup_surface_coordinate (fixture, to_x, to_y, TRUE);

  run_xdotool (fixture,
               "mousemove", "--window", "WINDOW", x1, y1,
               "mousedown", "1",
               "mousemove", "--window", "WINDOW", xm, ym,
               "mousemove", "--window", "WINDOW", x2, y2,
               "mouseup", "1",
               NULL);
}

static gboolean
drag_finished (Fixture *fixture)
{
  return fixture->canvas->drag.mode == MOAT_CANVAS_DRAG_NONE &&
         fixture->canvas->drag.moved == FALSE;
}

static gboolean
has_three_flows (Fixture *fixture)
{
  return moat_diagram_get_flows (fixture->diagram)->len == 3;
}

static void
test_real_flow_drawing (Fixture       *fixture,
                        gconstpointer  data)
{
  GPtrArray *flows = moat_diagram_get_flows (fixture->diagram);
  MoatFlow *created;

  /* The Data flow button of the tool bar activates this action. */
  activate (GTK_WIDGET (fixture->window), "win.tool", "s", "flow");
  real_drag (fixture, 100, 170, 610, 170);
  wait_until (has_three_flows, fixture);

  created = g_ptr_array_index (flows, 2);
  g_assert_cmpstr (moat_flow_get_source_id (created), ==, "client");
  g_assert_cmpstr (moat_flow_get_target_id (created), ==, "db");
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (created));

  /* One undo step takes it away again. */
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (flows->len, ==, 2);
  g_assert_false (moat_document_get_modified (fixture->document));
}

static void
test_real_flow_drop_on_empty (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *before = dup_snapshot (fixture->document);
  g_autofree char *after = NULL;

  activate (GTK_WIDGET (fixture->window), "win.tool", "s", "flow");
  real_drag (fixture, 100, 170, 200, 500);
  wait_until (drag_finished, fixture);
  run_for (100);

  /* Nothing was created, not even a dangling flow, and nothing can be
   * undone. */
  after = dup_snapshot (fixture->document);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (moat_diagram_get_flows (fixture->diagram)->len, ==, 2);
  g_assert_false (moat_document_can_undo (fixture->document));
  g_assert_false (moat_document_get_modified (fixture->document));
}

static gboolean
api_moved (Fixture *fixture)
{
  return get_bounds (fixture, "api").y != 130 && drag_finished (fixture);
}

static void
test_real_element_drag (Fixture       *fixture,
                        gconstpointer  data)
{
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  g_autofree char *before = dup_snapshot (fixture->document);
  g_autofree char *undone = NULL;
  MoatRect api;

  /* Drag the API down and out of the DMZ. */
  real_drag (fixture, 400, 170, 400, 470);
  wait_until (api_moved, fixture);

  api = get_bounds (fixture, "api");
  g_assert_cmpfloat_with_epsilon (api.y - 130, 300, 2 / zoom + 1);
  g_assert_cmpfloat (api.x, ==, 340);
  g_assert_true (moat_document_get_modified (fixture->document));

  /* The whole drag is one step. */
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move 1 item");
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  undone = dup_snapshot (fixture->document);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (moat_document_can_undo (fixture->document));
}

static gboolean
band_selected (Fixture *fixture)
{
  return moat_canvas_get_selection (fixture->canvas)->len > 0 && drag_finished (fixture);
}

static void
test_real_rubber_band (Fixture       *fixture,
                       gconstpointer  data)
{
  GPtrArray *selection = moat_canvas_get_selection (fixture->canvas);

  /* From empty space above the client to below the API: the client, the
   * API and the request between them, but not the boundary or the
   * database, which are only partly inside. */
  real_drag (fixture, 20, 100, 480, 240);
  wait_until (band_selected, fixture);

  g_assert_cmpuint (selection->len, ==, 3);
  g_assert_true (moat_canvas_is_selected (fixture->canvas,
                                          moat_document_lookup (fixture->document, "client")));
  g_assert_true (moat_canvas_is_selected (fixture->canvas,
                                          moat_document_lookup (fixture->document, "api")));
  g_assert_true (moat_canvas_is_selected (fixture->canvas,
                                          moat_document_lookup (fixture->document, "request")));
  g_assert_false (moat_document_can_undo (fixture->document));
}

static void
test_cascade_delete_undo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *before = dup_snapshot (fixture->document);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *deleted = NULL;

  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "api"));
  activate (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);

  g_assert_null (moat_document_lookup (fixture->document, "api"));
  g_assert_null (moat_document_lookup (fixture->document, "request"));
  g_assert_null (moat_document_lookup (fixture->document, "query"));
  g_assert_null (moat_document_lookup (fixture->document, "t-spoof"));
  g_assert_null (moat_document_lookup (fixture->document, "t-inject"));
  deleted = dup_snapshot (fixture->document);

  /* The toast names what else went, and offers to undo. */
  g_assert_cmpstr (fixture->toast, ==, "Deleted “API”, 2 connected flows and 2 threats");
  g_assert_true (fixture->toast_undo);

  /* The toast's button activates win.undo: one step brings back the
   * element, its flows and their threats with the same ids, numbers and
   * statuses. */
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  undone = dup_snapshot (fixture->document);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (moat_threat_get_number (moat_document_lookup (fixture->document, "t-spoof")),
                    ==, 1);
  g_assert_cmpint (moat_threat_get_status (moat_document_lookup (fixture->document, "t-inject")),
                   ==, MOAT_THREAT_STATUS_MITIGATED);
  g_assert_false (moat_document_get_modified (fixture->document));

  activate (GTK_WIDGET (fixture->window), "win.redo", NULL);
  redone = dup_snapshot (fixture->document);
  g_assert_cmpstr (redone, ==, deleted);
}

static guint
count_elements (Fixture *fixture)
{
  return moat_diagram_get_elements (fixture->diagram)->len;
}

static gboolean
five_elements (Fixture *fixture)
{
  return count_elements (fixture) == 5;
}

static void
select_ids (Fixture            *fixture,
            const char * const *ids)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (items, moat_document_lookup (fixture->document, ids[i]));

  moat_canvas_set_selection (fixture->canvas, items);
}

static void
test_copy_paste_fresh_ids (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const copied[] = { "api", "db", "query", NULL };
  GPtrArray *threats = moat_document_get_threats (fixture->document);
  GPtrArray *selection = moat_canvas_get_selection (fixture->canvas);
  MoatThreat *threat;
  MoatFlow *flow = NULL;

  select_ids (fixture, copied);
  activate (GTK_WIDGET (fixture->canvas), "canvas.copy", NULL);
  activate (GTK_WIDGET (fixture->canvas), "canvas.paste", NULL);
  wait_until (five_elements, fixture);

  /* The pasted items are selected, with ids of their own. */
  g_assert_cmpuint (selection->len, ==, 3);
  for (guint i = 0; i < selection->len; i++)
    {
      MoatItem *item = g_ptr_array_index (selection, i);

      for (guint j = 0; copied[j] != NULL; j++)
        g_assert_cmpstr (moat_item_get_id (item), !=, copied[j]);
      if (MOAT_IS_FLOW (item))
        flow = MOAT_FLOW (item);
    }

  /* The flow joins the copies, not the originals. */
  g_assert_nonnull (flow);
  g_assert_cmpstr (moat_flow_get_source_id (flow), !=, "api");
  g_assert_true (moat_document_get_flow_source (fixture->document, flow) != NULL);
  g_assert_true (g_ptr_array_find (selection, moat_document_get_flow_source (fixture->document, flow),
                                   NULL));

  /* The copied threat has the next number, THREAT-003, and a new id. */
  g_assert_cmpuint (threats->len, ==, 3);
  threat = g_ptr_array_index (threats, 2);
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 3);
  g_assert_cmpstr (moat_threat_get_id (threat), !=, "t-inject");
  g_assert_cmpstr (moat_threat_get_target_id (threat), ==, moat_item_get_id (MOAT_ITEM (flow)));

  /* Pasting does not cover the originals. */
  g_assert_cmpfloat (moat_element_get_bounds (moat_document_lookup (fixture->document, "api")).x,
                     !=, moat_element_get_bounds (g_ptr_array_index (moat_diagram_get_elements (fixture->diagram), 3)).x);

  /* The paste is one step. */
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Paste");
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (count_elements (fixture), ==, 3);
  g_assert_cmpuint (threats->len, ==, 2);
}

static gboolean
four_elements (Fixture *fixture)
{
  return count_elements (fixture) == 4;
}

static void
test_paste_flow_needs_both_ends (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char * const copied[] = { "api", "request", NULL };

  /* The request's other end, the client, is not copied. */
  select_ids (fixture, copied);
  activate (GTK_WIDGET (fixture->canvas), "canvas.copy", NULL);
  activate (GTK_WIDGET (fixture->canvas), "canvas.paste", NULL);
  wait_until (four_elements, fixture);

  g_assert_cmpuint (moat_diagram_get_flows (fixture->diagram)->len, ==, 2);
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 2);
}

static gboolean
other_window_pasted (gpointer data)
{
  MoatDocument *document = data;
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);

  return moat_diagram_get_elements (diagram)->len == 2;
}

static void
test_paste_into_other_window (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const copied[] = { "client", "api", "request", NULL };
  MoatWindow *other = open_window (NULL);
  MoatDocument *document = moat_window_get_document (other);
  MoatCanvas *canvas = MOAT_CANVAS (moat_window_get_canvas (other));
  gboolean timed_out = FALSE;
  guint timeout;
  MoatThreat *threat;

  select_ids (fixture, copied);
  activate (GTK_WIDGET (fixture->canvas), "canvas.copy", NULL);
  activate (GTK_WIDGET (canvas), "canvas.paste", NULL);

  timeout = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  while (!timed_out && !other_window_pasted (document))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* The new document numbers its first threat THREAT-001. */
  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, 1);
  threat = g_ptr_array_index (moat_document_get_threats (document), 0);
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 1);
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Forged client");
  g_assert_true (moat_document_get_modified (document));
  g_assert_false (moat_document_get_modified (fixture->document));

  gtk_window_destroy (GTK_WINDOW (other));
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "client"));
  activate (GTK_WIDGET (fixture->canvas), "canvas.duplicate", NULL);

  g_assert_cmpuint (count_elements (fixture), ==, 4);
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (moat_canvas_get_selected_item (fixture->canvas))),
                   ==, "Client");
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Duplicate");
}

static void
test_modified_follows_history (Fixture       *fixture,
                               gconstpointer  data)
{
  MoatElement *client = moat_document_lookup (fixture->document, "client");

  g_assert_false (moat_document_get_modified (fixture->document));

  moat_canvas_select (fixture->canvas, G_OBJECT (client));
  activate (GTK_WIDGET (fixture->canvas), "canvas.nudge", "(ii)", 1, 0);
  g_assert_true (moat_document_get_modified (fixture->document));

  /* Saved here; the next change and its undo come back to the saved
   * state, which is unmodified. */
  activate (GTK_WIDGET (fixture->window), "win.save", NULL);
  g_assert_false (moat_document_get_modified (fixture->document));

  activate (GTK_WIDGET (fixture->canvas), "canvas.nudge", "(ii)", 0, 1);
  g_assert_true (moat_document_get_modified (fixture->document));
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_false (moat_document_get_modified (fixture->document));

  /* Undoing past the save is a change again. */
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_true (moat_document_get_modified (fixture->document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "*"));
}

static void
test_boundary_moves_contents (Fixture       *fixture,
                              gconstpointer  data)
{
  MoatRect dmz = get_bounds (fixture, "dmz");
  MoatRect api = get_bounds (fixture, "api");
  MoatRect client = get_bounds (fixture, "client");
  double x;
  double y;

  /* Drag the boundary by its frame: what is inside comes along. */
  moat_canvas_diagram_to_widget (fixture->canvas, (MoatPoint) { dmz.x, dmz.y + 150 }, &x, &y);
  moat_canvas_press (fixture->canvas, x, y, 0);
  moat_canvas_drag_to (fixture->canvas, x + 20, y + 20);
  moat_canvas_drag_to (fixture->canvas, x + 40, y + 60);
  moat_canvas_release (fixture->canvas, x + 40, y + 60);

  g_assert_cmpfloat (get_bounds (fixture, "dmz").y - dmz.y, >, 0);
  g_assert_cmpfloat (get_bounds (fixture, "api").y - api.y, ==, get_bounds (fixture, "dmz").y - dmz.y);
  g_assert_cmpfloat (get_bounds (fixture, "db").x - 540, ==, get_bounds (fixture, "dmz").x - dmz.x);
  g_assert_cmpfloat (get_bounds (fixture, "client").x, ==, client.x);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move 3 items");
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);

  /* With Alt, the frame moves alone. */
  moat_canvas_press (fixture->canvas, x, y, GDK_ALT_MASK);
  moat_canvas_drag_to (fixture->canvas, x + 20, y + 20);
  moat_canvas_drag_to (fixture->canvas, x + 40, y + 60);
  moat_canvas_release (fixture->canvas, x + 40, y + 60);

  g_assert_cmpfloat (get_bounds (fixture, "dmz").y, >, dmz.y);
  g_assert_cmpfloat (get_bounds (fixture, "api").y, ==, api.y);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move 1 item");
}

static void
check_description (Fixture    *fixture,
                   const char *expected)
{
  g_autofree char *mismatch = NULL;

  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->canvas),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* Returns what differs, or NULL when the description is as expected. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->canvas),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  if (mismatch != NULL)
    g_test_message ("%s", mismatch);
  g_assert_null (mismatch);
}

static void
test_accessible_description (Fixture       *fixture,
                             gconstpointer  data)
{
  check_description (fixture, "Nothing selected, 6 items in the diagram");

  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "api"));
  check_description (fixture, "Selected: Process “API”, in trust boundary “DMZ”, "
                              "2 connected flows, 0 open threats");

  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "request"));
  check_description (fixture, "Selected: Data flow “Request” from “Client” to “API”, "
                              "crosses trust boundary “DMZ”, 1 open threat");

  /* Membership follows the position. */
  moat_document_set (fixture->document, moat_document_lookup (fixture->document, "api"),
                     "y", 500.0, NULL);
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "api"));
  check_description (fixture, "Selected: Process “API”, outside every trust boundary, "
                              "2 connected flows, 0 open threats");

  activate (GTK_WIDGET (fixture->canvas), "canvas.select-all", NULL);
  check_description (fixture, "6 items selected, last: Data store “Orders”, in trust boundary "
                              "“DMZ”, 1 connected flow, 0 open threats");
}

/* The accessibles of the items, in the canvas's child order. */
static GPtrArray *
dup_item_accessibles (Fixture *fixture)
{
  GPtrArray *children = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->canvas));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MOAT_IS_CANVAS_ITEM (child))
      g_ptr_array_add (children, child);

  return children;
}

static GtkWidget *
find_item_accessible (Fixture    *fixture,
                      const char *id)
{
  g_autoptr(GPtrArray) children = dup_item_accessibles (fixture);

  for (guint i = 0; i < children->len; i++)
    {
      MoatCanvasItem *child = g_ptr_array_index (children, i);

      if (g_str_equal (moat_item_get_id (moat_canvas_item_get_item (child)), id))
        return GTK_WIDGET (child);
    }

  return NULL;
}

/* Lets the idle source that updates the accessibles run. */
static gboolean
accessibles_synced (Fixture *fixture)
{
  return fixture->canvas->accessible_sync_id == 0;
}

static void
check_item_property (Fixture               *fixture,
                     const char            *id,
                     GtkAccessibleProperty  property,
                     const char            *expected)
{
  GtkWidget *child = find_item_accessible (fixture, id);
  g_autofree char *mismatch = NULL;

  g_assert_nonnull (child);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (child), property, expected);
  if (mismatch != NULL)
    g_test_message ("%s: %s", id, mismatch);
  g_assert_null (mismatch);
}

static void
check_item_selected (Fixture    *fixture,
                     const char *id,
                     gboolean    selected)
{
  GtkWidget *child = find_item_accessible (fixture, id);
  g_autofree char *mismatch = NULL;

  g_assert_nonnull (child);
  mismatch = gtk_test_accessible_check_state (GTK_ACCESSIBLE (child),
                                              GTK_ACCESSIBLE_STATE_SELECTED, selected);
  if (mismatch != NULL)
    g_test_message ("%s: %s", id, mismatch);
  g_assert_null (mismatch);
}

static void
test_accessible_items (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const tab_order[] = { "client", "api", "db", "request", "query", "dmz" };
  g_autoptr(GPtrArray) children = NULL;
  graphene_rect_t box;
  double x;
  double y;

  wait_until (accessibles_synced, fixture);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (fixture->canvas),
                                               GTK_ACCESSIBLE_ROLE_LIST));

  /* Every item in view, in the order Tab visits them. */
  children = dup_item_accessibles (fixture);
  g_assert_cmpuint (children->len, ==, G_N_ELEMENTS (tab_order));
  for (guint i = 0; i < children->len; i++)
    {
      MoatCanvasItem *child = g_ptr_array_index (children, i);

      g_assert_cmpstr (moat_item_get_id (moat_canvas_item_get_item (child)), ==, tab_order[i]);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (child),
                                                   GTK_ACCESSIBLE_ROLE_LIST_ITEM));
      check_item_selected (fixture, tab_order[i], FALSE);
    }

  check_item_property (fixture, "api", GTK_ACCESSIBLE_PROPERTY_LABEL, "API");
  check_item_property (fixture, "api", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                       "Process “API”, in trust boundary “DMZ”, 2 connected flows, "
                       "0 open threats");
  check_item_property (fixture, "request", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                       "Data flow “Request” from “Client” to “API”, crosses trust boundary "
                       "“DMZ”, 1 open threat");
  check_item_property (fixture, "dmz", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                       "Trust boundary “DMZ”, contains 2 elements");

  /* Each accessible lies over its item, once the frame after the sync
   * has allocated the new children. */
  wait_for_layout (fixture);
  g_assert_true (gtk_widget_compute_bounds (find_item_accessible (fixture, "api"),
                                            GTK_WIDGET (fixture->canvas), &box));
  moat_canvas_diagram_to_widget (fixture->canvas, (MoatPoint) { 340, 130 }, &x, &y);
  g_assert_cmpfloat (fabs (box.origin.x - x), <=, 1);
  g_assert_cmpfloat (fabs (box.origin.y - y), <=, 1);
  g_assert_cmpfloat (fabs (box.size.width - 120 * moat_canvas_get_zoom (fixture->canvas)), <=, 2);

  /* The selected state and the names follow the model. */
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "api"));
  wait_until (accessibles_synced, fixture);
  check_item_selected (fixture, "api", TRUE);
  check_item_selected (fixture, "client", FALSE);

  moat_document_set (fixture->document, moat_document_lookup (fixture->document, "api"),
                     "name", "Gateway", NULL);
  wait_until (accessibles_synced, fixture);
  check_item_property (fixture, "api", GTK_ACCESSIBLE_PROPERTY_LABEL, "Gateway");
  check_item_property (fixture, "request", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                       "Data flow “Request” from “Client” to “Gateway”, crosses trust "
                       "boundary “DMZ”, 1 open threat");

  /* A deleted element takes its flow's accessible along, and undo brings
   * both back. */
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "db"));
  activate (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);
  wait_until (accessibles_synced, fixture);
  g_assert_null (find_item_accessible (fixture, "db"));
  g_assert_null (find_item_accessible (fixture, "query"));
  check_item_property (fixture, "api", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                       "Process “Gateway”, in trust boundary “DMZ”, 1 connected flow, "
                       "0 open threats");
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  wait_until (accessibles_synced, fixture);
  g_assert_nonnull (find_item_accessible (fixture, "db"));
  g_assert_nonnull (find_item_accessible (fixture, "query"));

  /* Zoomed in on the client, the items out of view are not exposed, but
   * the primary selection is. */
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "db"));
  moat_canvas_zoom_to_rect (fixture->canvas, &(MoatRect) { 40, 140, 120, 60 }, 8);
  wait_until (accessibles_synced, fixture);
  g_assert_nonnull (find_item_accessible (fixture, "client"));
  g_assert_null (find_item_accessible (fixture, "api"));
  g_assert_nonnull (find_item_accessible (fixture, "db"));
}

static gboolean
focus_on_client (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && focus == find_item_accessible (fixture, "client");
}

static gboolean
focus_on_api (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && focus == find_item_accessible (fixture, "api");
}

static gboolean
client_deleted (Fixture *fixture)
{
  return moat_document_lookup (fixture->document, "client") == NULL &&
         accessibles_synced (fixture);
}

/* With real keys: Tab selects an item and puts the focus on its
 * accessible, where a screen reader reads it, and the canvas's keys work
 * from there. */
static void
test_real_keyboard_focus_follows_selection (Fixture       *fixture,
                                            gconstpointer  data)
{
  GtkWidget *focus;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));
  run_for (100);

  run_xdotool (fixture, "windowfocus", "--sync", "WINDOW", "key", "--window", "WINDOW", "Tab",
               NULL);
  wait_until (focus_on_client, fixture);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) ==
                 (GObject *)moat_document_lookup (fixture->document, "client"));
  check_item_selected (fixture, "client", TRUE);

  /* Delete reaches the canvas's shortcut from the accessible, and the
   * focus goes back to the canvas, not nowhere. */
  run_xdotool (fixture, "key", "--window", "WINDOW", "Delete", NULL);
  wait_until (client_deleted, fixture);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == GTK_WIDGET (fixture->canvas));

  /* Tab goes on from the canvas to the first item left. */
  run_xdotool (fixture, "key", "--window", "WINDOW", "Tab", NULL);
  wait_until (focus_on_api, fixture);
  check_item_selected (fixture, "api", TRUE);
}

static void
test_enter_focuses_side_panel (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *focus;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "api"));
  activate (GTK_WIDGET (fixture->canvas), "canvas.activate", NULL);

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, moat_window_get_inspector (fixture->window)));
}

static void
test_keyboard_add_and_connect (Fixture       *fixture,
                               gconstpointer  data)
{
  GPtrArray *elements = moat_diagram_get_elements (fixture->diagram);
  GPtrArray *flows = moat_diagram_get_flows (fixture->diagram);
  MoatElement *added;
  MoatRect visible;
  MoatRect bounds;
  MoatPoint center;
  g_autoptr(GPtrArray) pair = g_ptr_array_new ();

  activate (GTK_WIDGET (fixture->canvas), "canvas.add", "s", "data-store");
  g_assert_cmpuint (elements->len, ==, 4);
  added = g_ptr_array_index (elements, 3);
  g_assert_cmpint (moat_element_get_kind (added), ==, MOAT_ELEMENT_KIND_DATA_STORE);

  /* In the middle of the view. */
  moat_canvas_get_visible_area (fixture->canvas, &visible);
  center = moat_rect_get_center (&visible);
  bounds = moat_element_get_bounds (added);
  g_assert_cmpfloat_with_epsilon (bounds.x + bounds.width / 2, center.x, 1);
  g_assert_cmpfloat_with_epsilon (bounds.y + bounds.height / 2, center.y, 1);

  /* Select the client, then the new store, and connect them. */
  g_ptr_array_add (pair, moat_document_lookup (fixture->document, "client"));
  g_ptr_array_add (pair, added);
  moat_canvas_set_selection (fixture->canvas, pair);
  activate (GTK_WIDGET (fixture->canvas), "canvas.connect", NULL);

  g_assert_cmpuint (flows->len, ==, 3);
  g_assert_cmpstr (moat_flow_get_source_id (g_ptr_array_index (flows, 2)), ==, "client");
  g_assert_cmpstr (moat_flow_get_target_id (g_ptr_array_index (flows, 2)), ==,
                   moat_item_get_id (MOAT_ITEM (added)));

  activate (GTK_WIDGET (fixture->canvas), "canvas.add", "s", "boundary");
  g_assert_cmpuint (moat_diagram_get_boundaries (fixture->diagram)->len, ==, 2);
}

static void
test_rename_in_place (Fixture       *fixture,
                      gconstpointer  data)
{
  MoatItem *api = moat_document_lookup (fixture->document, "api");

  moat_canvas_select (fixture->canvas, G_OBJECT (api));
  activate (GTK_WIDGET (fixture->canvas), "canvas.rename", NULL);

  g_assert_nonnull (fixture->canvas->rename_popover);
  g_assert_true (gtk_widget_get_visible (fixture->canvas->rename_popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->canvas->rename_entry)), ==, "API");

  /* While the entry is open, the canvas's keys do not act on the item:
   * Delete is disabled, and activating it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);
  g_assert_true (moat_document_lookup (fixture->document, "api") == api);

  gtk_editable_set_text (GTK_EDITABLE (fixture->canvas->rename_entry), "Orders API");
  g_signal_emit_by_name (fixture->canvas->rename_entry, "activate");

  g_assert_cmpstr (moat_item_get_name (api), ==, "Orders API");
  g_assert_false (gtk_widget_get_visible (fixture->canvas->rename_popover));
  activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpstr (moat_item_get_name (api), ==, "API");
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
find_diagram_list (GtkWidget *root)
{
  if (MOAT_IS_DIAGRAM_LIST (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_diagram_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_diagram_tabs (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *list = find_diagram_list (GTK_WIDGET (fixture->window));
  GtkWidget *entry;
  GPtrArray *diagrams = moat_document_get_diagrams (fixture->document);
  g_autofree char *before = dup_snapshot_without_counter (fixture->document);
  MoatDiagram *added;
  MoatDiagram *copy;

  activate (list, "diagrams.add", NULL);
  g_assert_cmpuint (diagrams->len, ==, 2);
  added = g_ptr_array_index (diagrams, 1);
  g_assert_cmpstr (moat_diagram_get_name (added), ==, "Diagram 2");
  g_assert_true (moat_canvas_get_diagram (fixture->canvas) == added);

  /* Rename through the tab's entry, as one step. */
  activate (list, "diagrams.rename", NULL);
  entry = find_named (list, "diagram-name-entry");
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Diagram 2");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Payments");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (moat_diagram_get_name (added), ==, "Payments");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), !=, "Add diagram");

  /* Move it first, then duplicate the main diagram. */
  activate (list, "diagrams.move-left", NULL);
  g_assert_true (g_ptr_array_index (diagrams, 0) == (gpointer)added);
  gtk_widget_activate_action (list, "diagrams.move-left", NULL);
  g_assert_true (g_ptr_array_index (diagrams, 0) == (gpointer)added);

  moat_diagram_list_set_diagram (MOAT_DIAGRAM_LIST (list), fixture->diagram);
  g_assert_true (moat_canvas_get_diagram (fixture->canvas) == fixture->diagram);
  activate (list, "diagrams.duplicate", NULL);
  g_assert_cmpuint (diagrams->len, ==, 3);
  copy = g_ptr_array_index (diagrams, 2);
  g_assert_cmpstr (moat_diagram_get_name (copy), ==, "Main (copy)");
  g_assert_cmpuint (moat_diagram_get_elements (copy)->len, ==, 3);
  g_assert_cmpuint (moat_document_get_threats (fixture->document)->len, ==, 4);
  g_assert_true (moat_canvas_get_diagram (fixture->canvas) == copy);

  /* Deleting the copy shows a neighbour and offers undo. */
  g_signal_connect_swapped (list, "toast", G_CALLBACK (toast_cb), fixture);
  activate (list, "diagrams.delete", NULL);
  g_signal_handlers_disconnect_by_func (list, toast_cb, fixture);
  g_assert_cmpuint (diagrams->len, ==, 2);
  g_assert_true (moat_canvas_get_diagram (fixture->canvas) == fixture->diagram);
  g_assert_cmpstr (fixture->toast, ==, "Deleted diagram “Main (copy)”");
  g_assert_true (fixture->toast_undo);

  /* Undo all of it, back to the file as loaded. */
  while (moat_document_can_undo (fixture->document))
    activate (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (diagrams->len, ==, 1);
  {
    g_autofree char *undone = dup_snapshot_without_counter (fixture->document);

    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_true (moat_canvas_get_diagram (fixture->canvas) == fixture->diagram);

  /* The last diagram cannot be deleted. */
  gtk_widget_activate_action (list, "diagrams.delete", NULL);
  g_assert_cmpuint (diagrams->len, ==, 1);
}

static void
test_scrollbars_follow_view (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (fixture->canvas));
  GtkAdjustment *hadjustment;
  double origin_x = fixture->canvas->origin_x;
  double zoom = moat_canvas_get_zoom (fixture->canvas);

  /* GtkScrolledWindow puts a viewport around children that are not
   * scrollable, so the canvas being its direct child shows that it is. */
  g_assert_true (GTK_IS_SCROLLED_WINDOW (parent));
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (fixture->canvas));
  g_assert_nonnull (hadjustment);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (hadjustment), origin_x * zoom, 0.5);

  /* Moving the scroll bar pans the view. */
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) + 100);
  g_assert_cmpfloat_with_epsilon (fixture->canvas->origin_x, origin_x + 100 / zoom, 0.01);

  /* An edit that grows the diagram leaves the view where it is. */
  origin_x = fixture->canvas->origin_x;
  moat_document_set (fixture->document, moat_document_lookup (fixture->document, "db"),
                     "x", 3000.0, NULL);
  g_assert_cmpfloat (fixture->canvas->origin_x, ==, origin_x);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >=, 3000 * zoom);

  /* Zoom to the selection and to 100 %. */
  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "client"));
  activate (GTK_WIDGET (fixture->window), "win.zoom-selection", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), >, 2);
  activate (GTK_WIDGET (fixture->window), "win.zoom-reset", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), ==, 1);
}

static gboolean
api_renamed (Fixture *fixture)
{
  return g_strcmp0 (moat_item_get_name (moat_document_lookup (fixture->document, "api")),
                    "APIX") == 0;
}

static gboolean
rename_undone (Fixture *fixture)
{
  return moat_document_can_redo (fixture->document);
}

/* Ctrl+Z typed in the side panel undoes the document's last step, the
 * same history as the canvas, not the text field's own. */
static void
test_real_undo_from_side_panel (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *row;

  moat_canvas_select (fixture->canvas, moat_document_lookup (fixture->document, "api"));
  row = find_named (moat_window_get_inspector (fixture->window), "item-name");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_widget_grab_focus (row);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  run_for (100);

  run_xdotool (fixture, "windowfocus", "--sync", "WINDOW", "type", "--window", "WINDOW", "X", NULL);
  wait_until (api_renamed, fixture);
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (fixture->window))));

  run_xdotool (fixture, "key", "--window", "WINDOW", "ctrl+z", NULL);
  wait_until (rename_undone, fixture);

  g_assert_cmpstr (moat_item_get_name (moat_document_lookup (fixture->document, "api")), ==,
                   "API");
  g_assert_false (moat_document_get_modified (fixture->document));
}

/* Collects the accelerators that the shortcuts window lists, in the form
 * gtk_accelerator_name() gives. */
static GHashTable *
dup_listed_accelerators (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<property name=\"accelerator\">([^<]*)</property>",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;

  bytes = g_resources_lookup_data ("/io/github/moatapp/Moat/gtk/help-overlay.ui", 0, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *escaped = g_match_info_fetch (match, 1);
      g_autoptr(GString) accelerators = g_string_new (escaped);
      g_auto(GStrv) parts = NULL;

      g_string_replace (accelerators, "&lt;", "<", 0);
      g_string_replace (accelerators, "&gt;", ">", 0);

      parts = g_strsplit (accelerators->str, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          if (gtk_accelerator_parse (parts[i], &keyval, &modifiers))
            g_hash_table_add (listed, gtk_accelerator_name (keyval, modifiers));
        }
    }

  return listed;
}

/* Every key the canvas binds is in the shortcuts window, but for keypad
 * twins and other alternatives of a listed key. */
static void
test_shortcuts_window_lists_keys (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GHashTable) listed = dup_listed_accelerators ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->canvas));
  static const guint alternatives[] = {
    GDK_KEY_ISO_Left_Tab, GDK_KEY_equal, GDK_KEY_quotedbl,
  };
  guint checked = 0;

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *name = NULL;
          guint keyval;
          gboolean alternative = FALSE;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;

          keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          for (guint a = 0; a < G_N_ELEMENTS (alternatives); a++)
            alternative |= keyval == alternatives[a];
          if (alternative || (keyval >= GDK_KEY_KP_Space && keyval <= GDK_KEY_KP_9))
            continue;

          name = gtk_accelerator_name (keyval,
                                       gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          g_test_message ("canvas key %s", name);
          g_assert_true (g_hash_table_contains (listed, name));
          checked++;
        }
    }

  /* The canvas has its own keys, so the loop above saw them. */
  g_assert_cmpuint (checked, >, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The test accessibility backend keeps the properties the canvas sets,
   * so the tests can read them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Non-unique, so that UI tests running in parallel on one session bus
   * do not find each other's instance and hand their windows over. */
  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/canvas-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("real-flow-drawing", test_real_flow_drawing);
  ADD ("real-flow-drop-on-empty", test_real_flow_drop_on_empty);
  ADD ("real-element-drag", test_real_element_drag);
  ADD ("real-rubber-band", test_real_rubber_band);
  ADD ("cascade-delete-undo", test_cascade_delete_undo);
  ADD ("copy-paste-fresh-ids", test_copy_paste_fresh_ids);
  ADD ("paste-flow-needs-both-ends", test_paste_flow_needs_both_ends);
  ADD ("paste-into-other-window", test_paste_into_other_window);
  ADD ("duplicate", test_duplicate);
  ADD ("modified-follows-history", test_modified_follows_history);
  ADD ("boundary-moves-contents", test_boundary_moves_contents);
  ADD ("accessible-description", test_accessible_description);
  ADD ("accessible-items", test_accessible_items);
  ADD ("real-keyboard-focus-follows-selection", test_real_keyboard_focus_follows_selection);
  ADD ("enter-focuses-side-panel", test_enter_focuses_side_panel);
  ADD ("keyboard-add-and-connect", test_keyboard_add_and_connect);
  ADD ("rename-in-place", test_rename_in_place);
  ADD ("diagram-tabs", test_diagram_tabs);
  ADD ("scrollbars-follow-view", test_scrollbars_follow_view);
  ADD ("shortcuts-window-lists-keys", test_shortcuts_window_lists_keys);
  ADD ("real-undo-from-side-panel", test_real_undo_from_side_panel);

#undef ADD

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
