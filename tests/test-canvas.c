/* test-canvas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real MoatCanvas in a real window, under Xvfb. Pointer gestures go
 * through the entry points the canvas's own gesture controllers call,
 * with widget coordinates. Everything else goes through the canvas's
 * actions, as menus and key bindings would.
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <math.h>

#include "moat-canvas-private.h"

typedef struct
{
  GtkWindow *window;
  MoatCanvas *canvas;
  MoatDocument *document;
  MoatDiagram *diagram;
  MoatElement *entity;
  MoatElement *process;
  MoatFlow *flow;
} Fixture;

static MoatElement *
add_element (Fixture         *fixture,
             MoatElementKind  kind,
             const char      *id,
             const char      *name,
             double           x,
             double           y)
{
  g_autoptr(MoatElement) element = moat_element_new (kind, id, name);

  g_object_set (element, "x", x, "y", y, "width", 120.0, "height", 60.0, NULL);
  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (element));

  return element;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @widget has its size and a first frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  gboolean frame_timed_out = FALSE;

  while (!timed_out && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* Let the frame clock paint once. */
  timeout = g_timeout_add (100, timeout_cb, &frame_timed_out);
  while (!frame_timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MoatThreat) threat = NULL;

  fixture->document = moat_document_new_with_diagram ("Canvas test");
  fixture->diagram = g_ptr_array_index (moat_document_get_diagrams (fixture->document), 0);
  fixture->entity = add_element (fixture, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "entity", "Client",
                                 100, 100);
  fixture->process = add_element (fixture, MOAT_ELEMENT_KIND_PROCESS, "process", "API",
                                  400, 100);
  fixture->flow = moat_flow_new ("flow", "entity", "process", "Request");
  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (fixture->flow));
  g_object_unref (fixture->flow);

  threat = moat_threat_new ("threat", "flow", MOAT_STRIDE_SPOOFING, "Forged client");
  moat_document_add_threat (fixture->document, threat);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 800, 500);

  fixture->canvas = MOAT_CANVAS (moat_canvas_new ());
  g_object_ref (fixture->canvas);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->canvas));
  moat_canvas_set_document (fixture->canvas, fixture->document);
  moat_canvas_set_diagram (fixture->canvas, fixture->diagram);

  /* Pointer tests check exact distances; the tests of snapping turn it
   * back on. */
  moat_canvas_set_snap_to_grid (fixture->canvas, FALSE);

  gtk_window_present (fixture->window);
  wait_for_frame (GTK_WIDGET (fixture->canvas));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->canvas);
  g_assert_finalize_object (fixture->document);
}

static void
get_widget_point (Fixture   *fixture,
                  double     x,
                  double     y,
                  double    *widget_x,
                  double    *widget_y)
{
  moat_canvas_diagram_to_widget (fixture->canvas, (MoatPoint) { x, y }, widget_x, widget_y);
}

static void
get_item_center (Fixture  *fixture,
                 MoatItem *item,
                 double   *widget_x,
                 double   *widget_y)
{
  MoatRect rect;

  g_assert_true (moat_canvas_get_item_rect (item, &rect));
  get_widget_point (fixture, rect.x + rect.width / 2, rect.y + rect.height / 2,
                    widget_x, widget_y);
}

/* A press, a drag in several motion steps, and a release. */
static void
drag (Fixture         *fixture,
      double           from_x,
      double           from_y,
      double           to_x,
      double           to_y,
      GdkModifierType  state)
{
  moat_canvas_press (fixture->canvas, from_x, from_y, state);
  for (guint step = 1; step <= 10; step++)
    moat_canvas_drag_to (fixture->canvas,
                         from_x + (to_x - from_x) * step / 10,
                         from_y + (to_y - from_y) * step / 10);
  moat_canvas_release (fixture->canvas, to_x, to_y);
}

static void
click (Fixture         *fixture,
       double           x,
       double           y,
       GdkModifierType  state)
{
  moat_canvas_press (fixture->canvas, x, y, state);
  moat_canvas_release (fixture->canvas, x, y);
}

static void
activate (Fixture    *fixture,
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

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->canvas), action,
                                                     parameter));
}

static void
test_set_tool_places_element (Fixture       *fixture,
                              gconstpointer  data)
{
  GPtrArray *elements = moat_diagram_get_elements (fixture->diagram);
  MoatElement *created;
  MoatRect bounds;
  double x;
  double y;

  moat_canvas_set_snap_to_grid (fixture->canvas, TRUE);
  activate (fixture, "canvas.set-tool", "s", "process");
  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_PROCESS);

  get_widget_point (fixture, 300, 350, &x, &y);
  click (fixture, x, y, 0);

  g_assert_cmpuint (elements->len, ==, 3);
  created = g_ptr_array_index (elements, 2);
  g_assert_cmpint (moat_element_get_kind (created), ==, MOAT_ELEMENT_KIND_PROCESS);
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (created)), ==, "New process");

  /* Centred on the click, and with snapping on, its corner on the grid. */
  bounds = moat_element_get_bounds (created);
  g_assert_cmpfloat_with_epsilon (bounds.x + bounds.width / 2, 300, MOAT_RENDER_GRID_SIZE / 2 + 1);
  g_assert_cmpfloat_with_epsilon (bounds.y + bounds.height / 2, 350, MOAT_RENDER_GRID_SIZE / 2 + 1);
  g_assert_cmpfloat (fmod (bounds.x, MOAT_RENDER_GRID_SIZE), ==, 0);
  g_assert_cmpfloat (fmod (bounds.y, MOAT_RENDER_GRID_SIZE), ==, 0);

  /* The new element is selected and the tool is back to selecting. */
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (created));
  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_SELECT);

  /* Undo removes it, and the canvas lets go of it. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpuint (elements->len, ==, 2);
  g_assert_null (moat_canvas_get_selected_item (fixture->canvas));
}

static void
test_set_tool_rejects_unknown (Fixture       *fixture,
                               gconstpointer  data)
{
  g_test_expect_message ("moat-ui", G_LOG_LEVEL_WARNING, "*unknown tool*");
  activate (fixture, "canvas.set-tool", "s", "lasso");
  g_test_assert_expected_messages ();

  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_SELECT);
}

static void
test_delete_element_and_flows (Fixture       *fixture,
                               gconstpointer  data)
{
  MoatItem *entity = MOAT_ITEM (fixture->entity);
  double x;
  double y;

  /* With nothing selected, delete does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);
  g_assert_cmpuint (moat_diagram_get_elements (fixture->diagram)->len, ==, 2);

  get_item_center (fixture, entity, &x, &y);
  click (fixture, x, y, 0);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (entity));

  activate (fixture, "canvas.delete", NULL);

  g_assert_null (moat_document_lookup (fixture->document, "entity"));
  g_assert_null (moat_document_lookup (fixture->document, "flow"));
  g_assert_null (moat_document_lookup (fixture->document, "threat"));
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 0);

  /* One undo step brings back the element, its flow and the flow's
   * threat. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_nonnull (moat_document_lookup (fixture->document, "entity"));
  g_assert_nonnull (moat_document_lookup (fixture->document, "flow"));
  g_assert_nonnull (moat_document_lookup (fixture->document, "threat"));
}

static void
test_drag_moves_as_one_step (Fixture       *fixture,
                             gconstpointer  data)
{
  MoatRect before = moat_element_get_bounds (fixture->entity);
  MoatRect after;
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  double x;
  double y;

  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  drag (fixture, x, y, x + 100, y + 50, 0);

  after = moat_element_get_bounds (fixture->entity);
  g_assert_cmpfloat_with_epsilon (after.x - before.x, 100 / zoom, 1);
  g_assert_cmpfloat_with_epsilon (after.y - before.y, 50 / zoom, 1);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move 1 item");

  /* Ten motion events, one step: a single undo restores the start. */
  g_assert_true (moat_document_undo (fixture->document));
  after = moat_element_get_bounds (fixture->entity);
  g_assert_cmpfloat (after.x, ==, before.x);
  g_assert_cmpfloat (after.y, ==, before.y);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), !=, "Move 1 item");

  g_assert_true (moat_document_redo (fixture->document));
  g_assert_cmpfloat_with_epsilon (moat_element_get_bounds (fixture->entity).x - before.x,
                                  100 / zoom, 1);
}

static void
test_drag_moves_whole_selection (Fixture       *fixture,
                                 gconstpointer  data)
{
  MoatRect entity = moat_element_get_bounds (fixture->entity);
  MoatRect process = moat_element_get_bounds (fixture->process);
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  double x;
  double y;

  activate (fixture, "canvas.select-all", NULL);
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 3);

  get_item_center (fixture, MOAT_ITEM (fixture->process), &x, &y);
  drag (fixture, x, y, x, y + 40, 0);

  g_assert_cmpfloat_with_epsilon (moat_element_get_bounds (fixture->entity).y - entity.y,
                                  40 / zoom, 1);
  g_assert_cmpfloat_with_epsilon (moat_element_get_bounds (fixture->process).y - process.y,
                                  40 / zoom, 1);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move 2 items");
}

static void
test_cancel_drag_restores (Fixture       *fixture,
                           gconstpointer  data)
{
  MoatRect before = moat_element_get_bounds (fixture->entity);
  const char *undo_label = moat_document_get_undo_label (fixture->document);
  double x;
  double y;

  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  moat_canvas_press (fixture->canvas, x, y, 0);
  moat_canvas_drag_to (fixture->canvas, x + 30, y + 30);
  moat_canvas_drag_to (fixture->canvas, x + 60, y + 60);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, >, before.x);

  activate (fixture, "canvas.cancel", NULL);
  moat_canvas_release (fixture->canvas, x + 60, y + 60);

  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, before.x);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==, before.y);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, undo_label);
}

static void
test_flow_tool_connects (Fixture       *fixture,
                         gconstpointer  data)
{
  GPtrArray *flows = moat_diagram_get_flows (fixture->diagram);
  MoatFlow *created;
  double from_x;
  double from_y;
  double to_x;
  double to_y;

  activate (fixture, "canvas.set-tool", "s", "flow");

  /* Released on empty space: nothing, and the tool stays. */
  get_item_center (fixture, MOAT_ITEM (fixture->process), &from_x, &from_y);
  get_widget_point (fixture, 300, 400, &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);
  g_assert_cmpuint (flows->len, ==, 1);
  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_FLOW);

  get_item_center (fixture, MOAT_ITEM (fixture->entity), &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);

  g_assert_cmpuint (flows->len, ==, 2);
  created = g_ptr_array_index (flows, 1);
  g_assert_cmpstr (moat_flow_get_source_id (created), ==, "process");
  g_assert_cmpstr (moat_flow_get_target_id (created), ==, "entity");
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (created)), ==, "New flow");
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (created));
  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_SELECT);
}

static void
test_alt_drag_draws_flow (Fixture       *fixture,
                          gconstpointer  data)
{
  GPtrArray *flows = moat_diagram_get_flows (fixture->diagram);
  MoatRect before = moat_element_get_bounds (fixture->entity);
  double from_x;
  double from_y;
  double to_x;
  double to_y;

  get_item_center (fixture, MOAT_ITEM (fixture->entity), &from_x, &from_y);
  get_item_center (fixture, MOAT_ITEM (fixture->process), &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, GDK_ALT_MASK);

  g_assert_cmpuint (flows->len, ==, 2);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, before.x);
}

static void
test_boundary_tool_drags_rect (Fixture       *fixture,
                               gconstpointer  data)
{
  GPtrArray *boundaries = moat_diagram_get_boundaries (fixture->diagram);
  MoatRect bounds;
  double from_x;
  double from_y;
  double to_x;
  double to_y;

  activate (fixture, "canvas.set-tool", "s", "boundary");
  get_widget_point (fixture, 60, 60, &from_x, &from_y);
  get_widget_point (fixture, 300, 220, &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);

  g_assert_cmpuint (boundaries->len, ==, 1);
  bounds = moat_boundary_get_bounds (g_ptr_array_index (boundaries, 0));
  g_assert_cmpfloat_with_epsilon (bounds.x, 60, 1);
  g_assert_cmpfloat_with_epsilon (bounds.y, 60, 1);
  g_assert_cmpfloat_with_epsilon (bounds.width, 240, 1);
  g_assert_cmpfloat_with_epsilon (bounds.height, 160, 1);
  g_assert_cmpstr (moat_item_get_name (g_ptr_array_index (boundaries, 0)), ==,
                   "New trust boundary");

  /* A click inside the boundary, away from its frame, hits nothing. */
  get_widget_point (fixture, 80, 200, &from_x, &from_y);
  click (fixture, from_x, from_y, 0);
  g_assert_null (moat_canvas_get_selected_item (fixture->canvas));
}

static void
test_click_selection (Fixture       *fixture,
                      gconstpointer  data)
{
  double entity_x;
  double entity_y;
  double process_x;
  double process_y;
  double empty_x;
  double empty_y;

  get_item_center (fixture, MOAT_ITEM (fixture->entity), &entity_x, &entity_y);
  get_item_center (fixture, MOAT_ITEM (fixture->process), &process_x, &process_y);
  get_widget_point (fixture, 300, 400, &empty_x, &empty_y);

  click (fixture, entity_x, entity_y, 0);
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 1);

  /* Shift-click adds, and the new item becomes the primary selection. */
  click (fixture, process_x, process_y, GDK_SHIFT_MASK);
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 2);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->process));

  /* Ctrl-click on a selected item removes it. */
  click (fixture, process_x, process_y, GDK_CONTROL_MASK);
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 1);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->entity));

  /* A click on empty space clears. */
  click (fixture, empty_x, empty_y, 0);
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 0);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_selected_item_notifies (Fixture       *fixture,
                             gconstpointer  data)
{
  guint notified = 0;
  guint changed = 0;

  g_signal_connect_swapped (fixture->canvas, "notify::selected-item",
                            G_CALLBACK (count_cb), &notified);
  g_signal_connect_swapped (fixture->canvas, "selection-changed",
                            G_CALLBACK (count_cb), &changed);

  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  /* Selecting the same item again changes nothing. */
  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  /* Removing it from the document drops it from the selection. */
  moat_document_remove_items (fixture->document, (MoatItem **)&fixture->entity, 1);
  g_assert_null (moat_canvas_get_selected_item (fixture->canvas));
  g_assert_cmpuint (notified, ==, 2);

  g_signal_handlers_disconnect_by_func (fixture->canvas, count_cb, &notified);
  g_signal_handlers_disconnect_by_func (fixture->canvas, count_cb, &changed);
}

static void
test_rubber_band_selects (Fixture       *fixture,
                          gconstpointer  data)
{
  GPtrArray *selection = moat_canvas_get_selection (fixture->canvas);
  double from_x;
  double from_y;
  double to_x;
  double to_y;

  get_widget_point (fixture, 80, 80, &from_x, &from_y);
  get_widget_point (fixture, 560, 200, &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);

  /* Both elements and the flow between them lie inside. */
  g_assert_cmpuint (selection->len, ==, 3);
  g_assert_true (g_ptr_array_find (selection, fixture->flow, NULL));

  /* A band around the entity alone. */
  get_widget_point (fixture, 240, 180, &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_true (g_ptr_array_index (selection, 0) == (gpointer)fixture->entity);
}

static void
test_nudge_with_keys (Fixture       *fixture,
                      gconstpointer  data)
{
  MoatRect before = moat_element_get_bounds (fixture->entity);

  /* With snapping, a key press moves by a grid step. */
  moat_canvas_set_snap_to_grid (fixture->canvas, TRUE);
  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  activate (fixture, "canvas.nudge", "(ii)", 1, 0);
  activate (fixture, "canvas.nudge", "(ii)", 0, -10);

  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==,
                     before.x + MOAT_RENDER_GRID_SIZE);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==,
                     before.y - 10 * MOAT_RENDER_GRID_SIZE);

  /* Each key press is its own step. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==, before.y);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==,
                     before.x + MOAT_RENDER_GRID_SIZE);

  /* Without, by one unit. */
  moat_canvas_set_snap_to_grid (fixture->canvas, FALSE);
  activate (fixture, "canvas.nudge", "(ii)", 0, 1);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==, before.y + 1);
}

static void
test_resize_handle (Fixture       *fixture,
                    gconstpointer  data)
{
  MoatRect before = moat_element_get_bounds (fixture->entity);
  MoatRect after;
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  double x;
  double y;

  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  get_widget_point (fixture, before.x + before.width, before.y + before.height, &x, &y);
  g_assert_cmpint (moat_canvas_find_handle (fixture->canvas, x, y), ==,
                   MOAT_CANVAS_HANDLE_BOTTOM_RIGHT);

  drag (fixture, x, y, x + 40, y + 20, 0);

  after = moat_element_get_bounds (fixture->entity);
  g_assert_cmpfloat (after.x, ==, before.x);
  g_assert_cmpfloat_with_epsilon (after.width - before.width, 40 / zoom, 1);
  g_assert_cmpfloat_with_epsilon (after.height - before.height, 20 / zoom, 1);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Resize");
}

static void
test_zoom_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  double fitted = moat_canvas_get_zoom (fixture->canvas);

  /* The small diagram fits at 100 %. */
  g_assert_cmpfloat (fitted, ==, 1);

  activate (fixture, "canvas.zoom-in", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), >, fitted);
  activate (fixture, "canvas.zoom-out", NULL);
  activate (fixture, "canvas.zoom-out", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), <, fitted);
  activate (fixture, "canvas.zoom-reset", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), ==, 1);

  for (guint i = 0; i < 50; i++)
    activate (fixture, "canvas.zoom-out", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), ==, MOAT_CANVAS_ZOOM_MIN);

  activate (fixture, "canvas.zoom-fit", NULL);
  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), ==, 1);
}

static void
test_escape_returns_to_select (Fixture       *fixture,
                               gconstpointer  data)
{
  activate (fixture, "canvas.set-tool", "s", "data-store");
  activate (fixture, "canvas.cancel", NULL);
  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_SELECT);

  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  activate (fixture, "canvas.cancel", NULL);
  g_assert_null (moat_canvas_get_selected_item (fixture->canvas));
}

static void
test_tab_walks_items (Fixture       *fixture,
                      gconstpointer  data)
{
  activate (fixture, "canvas.select-next", NULL);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->entity));
  activate (fixture, "canvas.select-next", NULL);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->process));
  activate (fixture, "canvas.select-next", NULL);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->flow));

  /* Past the last item it wraps around, and backwards too. */
  activate (fixture, "canvas.select-next", NULL);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->entity));
  activate (fixture, "canvas.select-previous", NULL);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->flow));
  g_assert_cmpuint (moat_canvas_get_selection (fixture->canvas)->len, ==, 1);
}

static void
test_return_places_in_view (Fixture       *fixture,
                            gconstpointer  data)
{
  GPtrArray *elements = moat_diagram_get_elements (fixture->diagram);
  MoatPoint center;
  MoatRect bounds;

  activate (fixture, "canvas.set-tool", "s", "external-entity");
  activate (fixture, "canvas.activate", NULL);

  g_assert_cmpuint (elements->len, ==, 3);
  bounds = moat_element_get_bounds (g_ptr_array_index (elements, 2));
  moat_canvas_widget_to_diagram (fixture->canvas,
                                 gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (fixture->canvas)) / 2.0,
                                 &center);
  g_assert_cmpfloat_with_epsilon (bounds.x + bounds.width / 2, center.x, MOAT_RENDER_GRID_SIZE / 2 + 1);
  g_assert_cmpfloat_with_epsilon (bounds.y + bounds.height / 2, center.y, MOAT_RENDER_GRID_SIZE / 2 + 1);
  g_assert_cmpstr (moat_item_get_name (g_ptr_array_index (elements, 2)), ==,
                   "New external entity");
  g_assert_cmpint (moat_canvas_get_tool (fixture->canvas), ==, MOAT_CANVAS_TOOL_SELECT);
}

static void
test_snap_move_and_resize (Fixture       *fixture,
                           gconstpointer  data)
{
  MoatRect bounds;
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  double x;
  double y;

  moat_canvas_set_snap_to_grid (fixture->canvas, TRUE);

  /* A drag of 33 units puts the corner on the nearest grid line. */
  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  drag (fixture, x, y, x + 33 * zoom, y + 7 * zoom, 0);
  bounds = moat_element_get_bounds (fixture->entity);
  g_assert_cmpfloat (bounds.x, ==, 140);
  g_assert_cmpfloat (bounds.y, ==, 100);

  /* The dragged corner of a resize snaps too. */
  get_widget_point (fixture, bounds.x + bounds.width, bounds.y + bounds.height, &x, &y);
  drag (fixture, x, y, x + 13 * zoom, y + 29 * zoom, 0);
  bounds = moat_element_get_bounds (fixture->entity);
  g_assert_cmpfloat (bounds.x + bounds.width, ==, 280);
  g_assert_cmpfloat (bounds.y + bounds.height, ==, 180);

  /* Without snapping, the same drag moves by whole units. */
  moat_canvas_set_snap_to_grid (fixture->canvas, FALSE);
  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  drag (fixture, x, y, x + 33 * zoom, y + 7 * zoom, 0);
  g_assert_cmpfloat_with_epsilon (moat_element_get_bounds (fixture->entity).x, 173, 1);
}

typedef struct
{
  const char *edge;
  double entity_x;
  double entity_y;
  double process_x;
  double process_y;
} AlignCase;

static void
test_align_table (Fixture       *fixture,
                  gconstpointer  data)
{
  /* The entity is 120 × 60 at (100, 100), and the process 120 × 60 at
   * (400, 160) once moved down. The box around both runs from (100, 100)
   * to (520, 220). */
  static const AlignCase cases[] = {
    { "left", 100, 100, 100, 160 },
    { "center", 250, 100, 250, 160 },
    { "right", 400, 100, 400, 160 },
    { "top", 100, 100, 400, 100 },
    { "middle", 100, 130, 400, 130 },
    { "bottom", 100, 160, 400, 160 },
  };

  moat_document_set (fixture->document, fixture->process, "y", 160.0, NULL);
  activate (fixture, "canvas.select-all", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("align %s", cases[i].edge);
      activate (fixture, "canvas.align", "s", cases[i].edge);
      g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, cases[i].entity_x);
      g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==, cases[i].entity_y);
      g_assert_cmpfloat (moat_element_get_bounds (fixture->process).x, ==, cases[i].process_x);
      g_assert_cmpfloat (moat_element_get_bounds (fixture->process).y, ==, cases[i].process_y);
      g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Align");

      /* One step each, so undo goes back to the start. */
      g_assert_true (moat_document_undo (fixture->document));
      g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, 100);
      g_assert_cmpfloat (moat_element_get_bounds (fixture->process).y, ==, 160);
    }

  g_test_expect_message ("moat-ui", G_LOG_LEVEL_WARNING, "*unknown edge*");
  activate (fixture, "canvas.align", "s", "diagonal");
  g_test_assert_expected_messages ();
}

static void
test_distribute (Fixture       *fixture,
                 gconstpointer  data)
{
  MoatElement *store;

  /* Three elements, 120 wide, from x = 100 to x = 520: the middle one
   * moves so that both gaps are 30. */
  store = add_element (fixture, MOAT_ELEMENT_KIND_DATA_STORE, "store", "Store", 230, 300);
  activate (fixture, "canvas.select-all", NULL);
  activate (fixture, "canvas.distribute", "s", "horizontal");

  g_assert_cmpfloat (moat_element_get_bounds (store).x, ==, 250);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, 100);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->process).x, ==, 400);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Distribute");

  /* Vertically: from y = 100 to y = 360, gaps of 70. */
  activate (fixture, "canvas.distribute", "s", "vertical");
  g_assert_cmpfloat (moat_element_get_bounds (store).y, ==, 300);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==, 100);
}

static const MoatPointList *
get_vertices (Fixture *fixture)
{
  return moat_flow_get_vertices (fixture->flow);
}

static void
test_bend_points (Fixture       *fixture,
                  gconstpointer  data)
{
  MoatFlowGeometry geometry;
  MoatPoint vertex;
  double x;
  double y;

  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->flow));
  g_assert_true (moat_render_get_flow_geometry (fixture->document, fixture->diagram,
                                                fixture->flow, &geometry));

  /* Dragging the middle of the line adds a bend point where it drops. */
  get_widget_point (fixture, (geometry.start.x + geometry.end.x) / 2,
                    (geometry.start.y + geometry.end.y) / 2, &x, &y);
  g_assert_cmpint (moat_canvas_find_flow_handle (fixture->canvas, x, y, &(guint) { 0 }), ==,
                   MOAT_CANVAS_FLOW_HANDLE_MIDPOINT);
  drag (fixture, x, y, x, y + 100, 0);
  g_assert_cmpuint (moat_point_list_get_n_points (get_vertices (fixture)), ==, 1);
  vertex = moat_point_list_get_point (get_vertices (fixture), 0);
  g_assert_cmpfloat_with_epsilon (vertex.y, (geometry.start.y + 100 / moat_canvas_get_zoom (fixture->canvas)), 1);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Add bend point");

  /* Dragging the bend point moves it, as one step. */
  get_widget_point (fixture, vertex.x, vertex.y, &x, &y);
  drag (fixture, x, y, x + 50, y, 0);
  g_assert_cmpuint (moat_point_list_get_n_points (get_vertices (fixture)), ==, 1);
  g_assert_cmpfloat_with_epsilon (moat_point_list_get_point (get_vertices (fixture), 0).x,
                                  vertex.x + 50 / moat_canvas_get_zoom (fixture->canvas), 1);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move bend point");

  /* A double click on it removes it. */
  vertex = moat_point_list_get_point (get_vertices (fixture), 0);
  get_widget_point (fixture, vertex.x, vertex.y, &x, &y);
  g_assert_true (moat_canvas_double_click (fixture->canvas, x, y));
  g_assert_cmpuint (moat_point_list_get_n_points (get_vertices (fixture)), ==, 0);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Remove bend point");

  /* A double click on the line adds one there, and the straighten action
   * removes all of them. */
  get_widget_point (fixture, (geometry.start.x + geometry.end.x) / 2 + 40, geometry.start.y,
                    &x, &y);
  g_assert_true (moat_canvas_double_click (fixture->canvas, x, y));
  g_assert_cmpuint (moat_point_list_get_n_points (get_vertices (fixture)), ==, 1);
  activate (fixture, "canvas.straighten", NULL);
  g_assert_cmpuint (moat_point_list_get_n_points (get_vertices (fixture)), ==, 0);
}

static void
test_bend_points_move_with_ends (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const MoatPoint bend[] = { { 300, 300 } };
  g_autoptr(MoatPointList) vertices = moat_point_list_new (bend, 1);
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  double x;
  double y;

  moat_document_set (fixture->document, fixture->flow, "vertices", vertices, NULL);

  /* Moving one end leaves the bend point; moving both moves it along. */
  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  activate (fixture, "canvas.nudge", "(ii)", 5, 0);
  g_assert_cmpfloat (moat_point_list_get_point (get_vertices (fixture), 0).x, ==, 300);

  activate (fixture, "canvas.select-all", NULL);
  get_item_center (fixture, MOAT_ITEM (fixture->process), &x, &y);
  drag (fixture, x, y, x + 40 * zoom, y, 0);
  g_assert_cmpfloat_with_epsilon (moat_point_list_get_point (get_vertices (fixture), 0).x, 340, 1);
}

static void
test_reconnect_flow_end (Fixture       *fixture,
                         gconstpointer  data)
{
  MoatElement *store = add_element (fixture, MOAT_ELEMENT_KIND_DATA_STORE, "store", "Store",
                                    400, 300);
  MoatFlowGeometry geometry;
  const char *undo_label = NULL;
  double x;
  double y;
  double to_x;
  double to_y;

  undo_label = moat_document_get_undo_label (fixture->document);
  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->flow));
  g_assert_true (moat_render_get_flow_geometry (fixture->document, fixture->diagram,
                                                fixture->flow, &geometry));
  get_widget_point (fixture, geometry.end.x, geometry.end.y, &x, &y);
  g_assert_cmpint (moat_canvas_find_flow_handle (fixture->canvas, x, y, &(guint) { 0 }), ==,
                   MOAT_CANVAS_FLOW_HANDLE_TARGET);

  /* Dropped on empty space: nothing changes, and nothing is recorded. */
  get_widget_point (fixture, 700, 450, &to_x, &to_y);
  drag (fixture, x, y, to_x, to_y, 0);
  g_assert_cmpstr (moat_flow_get_target_id (fixture->flow), ==, "process");
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, undo_label);

  /* Dropped on the source itself: no loop is made. */
  get_item_center (fixture, MOAT_ITEM (fixture->entity), &to_x, &to_y);
  drag (fixture, x, y, to_x, to_y, 0);
  g_assert_cmpstr (moat_flow_get_target_id (fixture->flow), ==, "process");

  /* Dropped on another element: reconnected, as one step, threats kept. */
  get_item_center (fixture, MOAT_ITEM (store), &to_x, &to_y);
  drag (fixture, x, y, to_x, to_y, 0);
  g_assert_cmpstr (moat_flow_get_target_id (fixture->flow), ==, "store");
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Reconnect flow");
  g_assert_nonnull (moat_document_get_threats_for (fixture->document, "flow"));

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpstr (moat_flow_get_target_id (fixture->flow), ==, "process");

  /* The source end reconnects the same way. */
  get_widget_point (fixture, geometry.start.x, geometry.start.y, &x, &y);
  drag (fixture, x, y, to_x, to_y, 0);
  g_assert_cmpstr (moat_flow_get_source_id (fixture->flow), ==, "store");
}

static void
test_drag_label_along_flow (Fixture       *fixture,
                            gconstpointer  data)
{
  MoatFlowGeometry geometry;
  MoatRect label;
  double x;
  double y;
  double to_x;
  double to_y;

  g_assert_true (moat_render_get_flow_label_rect (fixture->document, fixture->diagram,
                                                  fixture->flow, &label));
  g_assert_true (moat_render_get_flow_geometry (fixture->document, fixture->diagram,
                                                fixture->flow, &geometry));

  /* A click on the label selects the flow. */
  get_widget_point (fixture, label.x + 3, label.y + 3, &x, &y);
  click (fixture, x, y, 0);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->flow));

  /* Dragging it slides it along the line, off it sideways too. */
  get_widget_point (fixture, geometry.start.x + (geometry.end.x - geometry.start.x) * 0.25,
                    geometry.start.y + 30, &to_x, &to_y);
  drag (fixture, x, y, to_x, to_y, 0);
  g_assert_cmpfloat_with_epsilon (moat_flow_get_label_position (fixture->flow), 0.25, 0.02);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Move label");

  /* The elements did not move. */
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, 100);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->process).x, ==, 400);
}

static void
test_toggle_bidirectional (Fixture       *fixture,
                           gconstpointer  data)
{
  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->flow));
  activate (fixture, "canvas.toggle-bidirectional", NULL);
  g_assert_true (moat_flow_get_bidirectional (fixture->flow));
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==,
                   "Make flow bidirectional");

  activate (fixture, "canvas.toggle-bidirectional", NULL);
  g_assert_false (moat_flow_get_bidirectional (fixture->flow));
}

static void
test_space_drag_pans (Fixture       *fixture,
                      gconstpointer  data)
{
  MoatRect before = moat_element_get_bounds (fixture->entity);
  const char *undo_label = moat_document_get_undo_label (fixture->document);
  double origin_x = fixture->canvas->origin_x;
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  double x;
  double y;

  /* With Space held, a drag on an element pans instead of moving it. */
  fixture->canvas->space_held = TRUE;
  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  drag (fixture, x, y, x - 80, y, 0);
  fixture->canvas->space_held = FALSE;

  g_assert_cmpfloat_with_epsilon (fixture->canvas->origin_x, origin_x + 80 / zoom, 0.01);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, before.x);
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, undo_label);
}

static void
test_cut_removes_and_copies (Fixture       *fixture,
                             gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->canvas));

  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->process));
  activate (fixture, "canvas.cut", NULL);

  g_assert_null (moat_document_lookup (fixture->document, "process"));
  g_assert_null (moat_document_lookup (fixture->document, "flow"));
  g_assert_cmpstr (moat_document_get_undo_label (fixture->document), ==, "Cut");
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                        "application/x-moat-items+json"));

  g_assert_true (moat_document_undo (fixture->document));
  g_assert_nonnull (moat_document_lookup (fixture->document, "flow"));
}

typedef struct
{
  const char *description;
  gboolean process;
  double x;
  double y;
  gboolean on_edge;
} EdgeCase;

/* The entity spans (100, 100) to (220, 160), the process (400, 100) to
 * (520, 160) as an ellipse; at 100 % the edge band is 6 units. */
static void
test_edge_table (Fixture       *fixture,
                 gconstpointer  data)
{
  static const EdgeCase cases[] = {
    { "entity centre", FALSE, 160, 130, FALSE },
    { "entity, 3 inside the left side", FALSE, 103, 130, TRUE },
    { "entity, 3 inside the bottom", FALSE, 160, 157, TRUE },
    { "entity, 10 inside the left side", FALSE, 110, 130, FALSE },
    { "entity, 2 outside the right side", FALSE, 222, 130, TRUE },
    { "process centre", TRUE, 460, 130, FALSE },
    { "process, 3 inside the left tip", TRUE, 403, 130, TRUE },
    { "process, 3 inside the top", TRUE, 460, 103, TRUE },
    { "process, box corner outside the ellipse", TRUE, 404, 104, TRUE },
    { "process, 12 inside the top", TRUE, 460, 112, FALSE },
  };

  g_assert_cmpfloat (moat_canvas_get_zoom (fixture->canvas), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MoatElement *element = cases[i].process ? fixture->process : fixture->entity;

      g_test_message ("%s", cases[i].description);
      g_assert_cmpint (moat_canvas_is_on_edge (fixture->canvas, element,
                                               (MoatPoint) { cases[i].x, cases[i].y }), ==,
                       cases[i].on_edge);
    }
}

static void
test_drag_from_edge_draws_flow (Fixture       *fixture,
                                gconstpointer  data)
{
  GPtrArray *flows = moat_diagram_get_flows (fixture->diagram);
  MoatRect before = moat_element_get_bounds (fixture->process);
  double from_x;
  double from_y;
  double to_x;
  double to_y;

  /* From just inside the process's right tip to the entity: a flow, and
   * the process stays where it was. */
  get_widget_point (fixture, 517, 130, &from_x, &from_y);
  get_item_center (fixture, MOAT_ITEM (fixture->entity), &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);

  g_assert_cmpuint (flows->len, ==, 2);
  g_assert_cmpstr (moat_flow_get_source_id (g_ptr_array_index (flows, 1)), ==, "process");
  g_assert_cmpstr (moat_flow_get_target_id (g_ptr_array_index (flows, 1)), ==, "entity");
  g_assert_cmpfloat (moat_element_get_bounds (fixture->process).x, ==, before.x);

  /* Dropped on empty space, the same drag creates nothing. */
  get_widget_point (fixture, 700, 450, &to_x, &to_y);
  drag (fixture, from_x, from_y, to_x, to_y, 0);
  g_assert_cmpuint (flows->len, ==, 2);
}

typedef struct
{
  const char *description;
  const char *id;
  double x;
  double y;
  double width;
  double height;
  gboolean moves;
} ContentCase;

/* What moves with the "outer" boundary, (0, 0) to (600, 400). */
static void
test_boundary_contents_table (Fixture       *fixture,
                              gconstpointer  data)
{
  static const ContentCase cases[] = {
    { "element wholly inside", "in", 40, 40, 120, 60, TRUE },
    { "element with its centre inside", "centre-in", 520, 40, 120, 60, TRUE },
    { "element with its centre outside", "centre-out", 560, 40, 120, 60, FALSE },
    { "element outside", "out", 700, 40, 120, 60, FALSE },
    { "boundary nested inside", "nested", 300, 200, 200, 150, TRUE },
    { "boundary overlapping the edge", "overlap", 500, 200, 200, 150, FALSE },
  };
  g_autoptr(MoatBoundary) outer = moat_boundary_new ("outer", "Outer");
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) routed = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_set (outer, "x", 0.0, "y", 0.0, "width", 600.0, "height", 400.0, NULL);
  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (outer));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (g_str_equal (cases[i].id, "nested") || g_str_equal (cases[i].id, "overlap"))
        {
          g_autoptr(MoatBoundary) boundary = moat_boundary_new (cases[i].id, cases[i].id);

          g_object_set (boundary, "x", cases[i].x, "y", cases[i].y,
                        "width", cases[i].width, "height", cases[i].height, NULL);
          moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (boundary));
        }
      else
        {
          MoatElement *element = add_element (fixture, MOAT_ELEMENT_KIND_PROCESS, cases[i].id,
                                              cases[i].id, cases[i].x, cases[i].y);

          moat_document_set (fixture->document, element, "width", cases[i].width,
                             "height", cases[i].height, NULL);
        }
    }

  /* The fixture's own elements: the entity (100, 100) is inside, the
   * process (400, 100) too. */
  g_ptr_array_add (selection, outer);
  moat_canvas_collect_move_items (fixture->canvas, selection, TRUE, items, routed);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].description);
      g_assert_cmpint (g_ptr_array_find (items, moat_document_lookup (fixture->document,
                                                                      cases[i].id), NULL),
                       ==, cases[i].moves);
    }
  g_assert_true (g_ptr_array_find (items, outer, NULL));

  /* Without contents, the frame alone. */
  g_ptr_array_set_size (items, 0);
  moat_canvas_collect_move_items (fixture->canvas, selection, FALSE, items, routed);
  g_assert_cmpuint (items->len, ==, 1);
}

/* Real input: xdotool sends X events to the Xvfb server, and the canvas
 * receives them through its own gesture and shortcut controllers. */
static void
get_surface_point (Fixture *fixture,
                   double   diagram_x,
                   double   diagram_y,
                   int     *surface_x,
                   int     *surface_y)
{
  double widget_x;
  double widget_y;
  double window_x;
  double window_y;
  double offset_x;
  double offset_y;

  get_widget_point (fixture, diagram_x, diagram_y, &widget_x, &widget_y);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (fixture->canvas),
                                                   GTK_WIDGET (fixture->window),
                                                   widget_x, widget_y, &window_x, &window_y));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &offset_x, &offset_y);

  *surface_x = (int)(window_x + offset_x);
  *surface_y = (int)(window_y + offset_y);
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

/* Runs the main loop until @condition is true or 5 seconds pass. */
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
entity_moved (Fixture *fixture)
{
  return moat_element_get_bounds (fixture->entity).x != 100 &&
         fixture->canvas->drag.mode == MOAT_CANVAS_DRAG_NONE;
}

static void
test_real_pointer_drag (Fixture       *fixture,
                        gconstpointer  data)
{
  double zoom = moat_canvas_get_zoom (fixture->canvas);
  g_autofree char *from_x = NULL;
  g_autofree char *from_y = NULL;
  g_autofree char *to_x = NULL;
  g_autofree char *to_y = NULL;
  g_autofree char *middle_x = NULL;
  int x;
  int y;

  get_surface_point (fixture, 160, 130, &x, &y);
  from_x = g_strdup_printf ("%d", x);
  from_y = g_strdup_printf ("%d", y);
  middle_x = g_strdup_printf ("%d", x + 50);
  to_x = g_strdup_printf ("%d", x + 100);
  to_y = g_strdup_printf ("%d", y + 40);

  run_xdotool (fixture,
               "mousemove", "--window", "WINDOW", from_x, from_y,
               "mousedown", "1",
               "mousemove", "--window", "WINDOW", middle_x, from_y,
               "mousemove", "--window", "WINDOW", to_x, to_y,
               "mouseup", "1",
               NULL);
  wait_until (entity_moved, fixture);

  g_assert_cmpfloat_with_epsilon (moat_element_get_bounds (fixture->entity).x - 100,
                                  100 / zoom, 1);
  g_assert_cmpfloat_with_epsilon (moat_element_get_bounds (fixture->entity).y - 100,
                                  40 / zoom, 1);
  g_assert_true (moat_canvas_get_selected_item (fixture->canvas) == G_OBJECT (fixture->entity));

  /* One step for the whole drag. */
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).x, ==, 100);
  g_assert_cmpfloat (moat_element_get_bounds (fixture->entity).y, ==, 100);
}

static gboolean
entity_removed (Fixture *fixture)
{
  return moat_document_lookup (fixture->document, "entity") == NULL;
}

static void
test_real_delete_key (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *x_text = NULL;
  g_autofree char *y_text = NULL;
  int x;
  int y;

  get_surface_point (fixture, 160, 130, &x, &y);
  x_text = g_strdup_printf ("%d", x);
  y_text = g_strdup_printf ("%d", y);

  /* The click selects the entity and focuses the canvas, so the key
   * reaches the canvas's Delete binding. */
  run_xdotool (fixture,
               "mousemove", "--window", "WINDOW", x_text, y_text,
               "click", "1",
               "windowfocus", "--sync", "WINDOW",
               "key", "--window", "WINDOW", "Delete",
               NULL);
  wait_until (entity_removed, fixture);

  g_assert_null (moat_document_lookup (fixture->document, "flow"));
  g_assert_true (moat_document_undo (fixture->document));
  g_assert_nonnull (moat_document_lookup (fixture->document, "entity"));
  g_assert_nonnull (moat_document_lookup (fixture->document, "flow"));
}

/* Renders the canvas with the window's renderer and reads back the
 * pixels. The snapshot vfunc is called directly because GtkWidgetPaintable
 * has no content before the frame clock paints again. */
static GdkTexture *
render_canvas (Fixture *fixture)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->canvas));
  GdkTexture *texture;
  MoatRect visible;

  /* A frame renders tiles only until its budget is spent, so the frames
   * that render the rest come first, as the canvas's tick callback draws
   * them. */
  moat_canvas_get_visible_area (fixture->canvas, &visible);
  for (guint frame = 0; frame < 1000; frame++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_clear_pointer (&node, gsk_render_node_unref);
      GTK_WIDGET_GET_CLASS (fixture->canvas)->snapshot (GTK_WIDGET (fixture->canvas), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      if (moat_render_tiles_is_complete (fixture->canvas->tiles, &visible, 0))
        break;
    }
  g_assert_true (moat_render_tiles_is_complete (fixture->canvas->tiles, &visible, 0));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  return texture;
}

static guint32
get_texture_pixel (GdkTexture *texture,
                   guint32    *data,
                   int         x,
                   int         y)
{
  return data[y * gdk_texture_get_width (texture) + x];
}

static void
test_snapshot_draws_selection (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) selected = NULL;
  g_autofree guint32 *plain_data = NULL;
  g_autofree guint32 *selected_data = NULL;
  MoatRect bounds = moat_element_get_bounds (fixture->entity);
  int width;
  int height;
  double x;
  double y;

  plain = render_canvas (fixture);
  moat_canvas_select (fixture->canvas, G_OBJECT (fixture->entity));
  selected = render_canvas (fixture);

  width = gdk_texture_get_width (plain);
  height = gdk_texture_get_height (plain);
  plain_data = g_new (guint32, width * height);
  selected_data = g_new (guint32, width * height);
  gdk_texture_download (plain, (guchar *)plain_data, width * 4);
  gdk_texture_download (selected, (guchar *)selected_data, width * 4);

  /* The entity's fill is drawn, and differs from the empty background. */
  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  g_assert_cmphex (get_texture_pixel (plain, plain_data, 5, height - 5) & 0xffffff, !=,
                   get_texture_pixel (plain, plain_data, (int)x - 40, (int)y) & 0xffffff);

  /* The selection outline runs 4 pixels outside the bounds. */
  get_widget_point (fixture, bounds.x, bounds.y + bounds.height / 2, &x, &y);
  g_assert_cmphex (get_texture_pixel (plain, plain_data, (int)x - 4, (int)y), !=,
                   get_texture_pixel (selected, selected_data, (int)x - 4, (int)y));

  /* Far from the entity, nothing changed. */
  g_assert_cmphex (get_texture_pixel (plain, plain_data, width - 5, height - 5), ==,
                   get_texture_pixel (selected, selected_data, width - 5, height - 5));
}

static void
test_document_change_redraws (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autofree guint32 *before_data = NULL;
  g_autofree guint32 *after_data = NULL;
  int width;
  int height;
  double x;
  double y;

  get_item_center (fixture, MOAT_ITEM (fixture->process), &x, &y);
  before = render_canvas (fixture);
  moat_document_set (fixture->document, fixture->process, "y", 300.0, NULL);
  after = render_canvas (fixture);

  width = gdk_texture_get_width (before);
  height = gdk_texture_get_height (before);
  before_data = g_new (guint32, width * height);
  after_data = g_new (guint32, width * height);
  gdk_texture_download (before, (guchar *)before_data, width * 4);
  gdk_texture_download (after, (guchar *)after_data, width * 4);

  /* The process's old place is background now. */
  g_assert_cmphex (get_texture_pixel (before, before_data, (int)x, (int)y), !=,
                   get_texture_pixel (after, after_data, (int)x, (int)y));
}

/* Once the view is complete, an idle source renders the tiles around
 * it. An edit in between frees the crossings the last frame rendered
 * with, so that source must render with the canvas's current ones,
 * which it computes again. */
static void
test_tiles_ahead_after_edit (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  MoatRect visible;
  MoatRect bounds = moat_element_get_bounds (fixture->process);
  guint n_before;

  /* A new zoom drops every tile, so the ring around the view is missing. */
  moat_canvas_set_zoom (fixture->canvas, 2 * moat_canvas_get_zoom (fixture->canvas));
  texture = render_canvas (fixture);
  g_assert_cmpuint (fixture->canvas->prefetch_id, !=, 0);
  n_before = moat_render_tiles_get_n_tiles (fixture->canvas->tiles);

  /* No frame comes between the edit and the idle source while the window
   * is hidden, so only that source can compute the crossings again. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  moat_document_set (fixture->document, fixture->process, "x", bounds.x + 40, NULL);
  g_assert_null (fixture->canvas->crossings);

  while (fixture->canvas->prefetch_id != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (fixture->canvas->crossings);

  moat_canvas_get_visible_area (fixture->canvas, &visible);
  g_assert_true (moat_render_tiles_is_complete (fixture->canvas->tiles, &visible,
                                                MOAT_RENDER_TILES_AHEAD));
  g_assert_cmpuint (moat_render_tiles_get_n_tiles (fixture->canvas->tiles), >, n_before);
}

/* A drag renders the rest of the diagram once, and only the items it
 * moves at each motion. */
static void
test_drag_keeps_scene (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) tiles_before = NULL;
  g_autoptr(GPtrArray) tiles_after = NULL;
  MoatRect visible;
  guint n_kept = 0;
  double x;
  double y;

  get_item_center (fixture, MOAT_ITEM (fixture->entity), &x, &y);
  moat_canvas_press (fixture->canvas, x, y, 0);
  moat_canvas_drag_to (fixture->canvas, x + 20, y + 10);
  moat_canvas_drag_to (fixture->canvas, x + 30, y + 10);

  /* The entity and its flow move; the process stays in the scene. */
  g_assert_nonnull (fixture->canvas->moving);
  g_assert_true (g_hash_table_contains (fixture->canvas->moving, fixture->entity));
  g_assert_true (g_hash_table_contains (fixture->canvas->moving, fixture->flow));
  g_assert_false (g_hash_table_contains (fixture->canvas->moving, fixture->process));

  texture = render_canvas (fixture);
  moat_canvas_get_visible_area (fixture->canvas, &visible);
  tiles_before = moat_render_tiles_get_visible (fixture->canvas->tiles, &visible);
  g_assert_cmpuint (tiles_before->len, >, 0);

  /* The motion keeps every tile: the same ones are shown. */
  moat_canvas_drag_to (fixture->canvas, x + 60, y + 20);
  g_clear_object (&texture);
  texture = render_canvas (fixture);
  tiles_after = moat_render_tiles_get_visible (fixture->canvas->tiles, &visible);
  g_assert_cmpuint (tiles_after->len, ==, tiles_before->len);
  for (guint i = 0; i < tiles_before->len; i++)
    g_assert_true (g_ptr_array_index (tiles_after, i) == g_ptr_array_index (tiles_before, i));

  /* The drop renders again, with everything, the parts of the tiles
   * that the moved items meet, into new tiles. The others stay. */
  moat_canvas_release (fixture->canvas, x + 60, y + 20);
  g_assert_null (fixture->canvas->moving);
  g_clear_object (&texture);
  texture = render_canvas (fixture);
  g_clear_pointer (&tiles_after, g_ptr_array_unref);
  tiles_after = moat_render_tiles_get_visible (fixture->canvas->tiles, &visible);
  g_assert_cmpuint (tiles_after->len, ==, tiles_before->len);
  for (guint i = 0; i < tiles_before->len; i++)
    if (g_ptr_array_find (tiles_before, g_ptr_array_index (tiles_after, i), NULL))
      n_kept++;
  g_assert_cmpuint (n_kept, <, tiles_before->len);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/canvas/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("set-tool-places-element", test_set_tool_places_element);
  ADD ("set-tool-rejects-unknown", test_set_tool_rejects_unknown);
  ADD ("delete-element-and-flows", test_delete_element_and_flows);
  ADD ("drag-moves-as-one-step", test_drag_moves_as_one_step);
  ADD ("drag-moves-whole-selection", test_drag_moves_whole_selection);
  ADD ("cancel-drag-restores", test_cancel_drag_restores);
  ADD ("flow-tool-connects", test_flow_tool_connects);
  ADD ("alt-drag-draws-flow", test_alt_drag_draws_flow);
  ADD ("boundary-tool-drags-rect", test_boundary_tool_drags_rect);
  ADD ("click-selection", test_click_selection);
  ADD ("selected-item-notifies", test_selected_item_notifies);
  ADD ("rubber-band-selects", test_rubber_band_selects);
  ADD ("nudge-with-keys", test_nudge_with_keys);
  ADD ("resize-handle", test_resize_handle);
  ADD ("zoom-actions", test_zoom_actions);
  ADD ("escape-returns-to-select", test_escape_returns_to_select);
  ADD ("snapshot-draws-selection", test_snapshot_draws_selection);
  ADD ("document-change-redraws", test_document_change_redraws);
  ADD ("tab-walks-items", test_tab_walks_items);
  ADD ("return-places-in-view", test_return_places_in_view);
  ADD ("snap-move-and-resize", test_snap_move_and_resize);
  ADD ("align-table", test_align_table);
  ADD ("distribute", test_distribute);
  ADD ("bend-points", test_bend_points);
  ADD ("bend-points-move-with-ends", test_bend_points_move_with_ends);
  ADD ("reconnect-flow-end", test_reconnect_flow_end);
  ADD ("drag-label-along-flow", test_drag_label_along_flow);
  ADD ("toggle-bidirectional", test_toggle_bidirectional);
  ADD ("space-drag-pans", test_space_drag_pans);
  ADD ("cut-removes-and-copies", test_cut_removes_and_copies);
  ADD ("edge-table", test_edge_table);
  ADD ("drag-from-edge-draws-flow", test_drag_from_edge_draws_flow);
  ADD ("boundary-contents-table", test_boundary_contents_table);
  ADD ("drag-keeps-scene", test_drag_keeps_scene);
  ADD ("tiles-ahead-after-edit", test_tiles_ahead_after_edit);
  ADD ("real-pointer-drag", test_real_pointer_drag);
  ADD ("real-delete-key", test_real_delete_key);

#undef ADD

  return g_test_run ();
}
