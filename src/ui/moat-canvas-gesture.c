/* moat-canvas-gesture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "moat-canvas-private.h"

typedef struct
{
  MoatElementKind kind;
  const char *name;
  double width;
  double height;
} ElementTemplate;

static const ElementTemplate element_templates[] = {
  { MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, N_("New external entity"), 120, 60 },
  { MOAT_ELEMENT_KIND_PROCESS, N_("New process"), 120, 80 },
  { MOAT_ELEMENT_KIND_DATA_STORE, N_("New data store"), 140, 50 },
};

static double
get_tolerance (MoatCanvas *self)
{
  return MOAT_CANVAS_HIT_PIXELS / self->zoom;
}

/* Finds the item under a diagram point, with a tolerance of a few
 * pixels at any zoom. */
MoatItem *
moat_canvas_hit_test (MoatCanvas *self,
                      MoatPoint   point)
{
  return moat_render_index_hit_test (self->index, point.x, point.y, get_tolerance (self));
}

static void
reset_drag (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  gboolean moved = drag->moved;
  g_autoptr(GHashTable) moving = NULL;

  drag->mode = MOAT_CANVAS_DRAG_NONE;
  drag->moved = FALSE;
  drag->pressed_item = NULL;
  drag->flow_target = NULL;
  drag->flow = NULL;
  drag->flow_handle = MOAT_CANVAS_FLOW_HANDLE_NONE;
  drag->handle = MOAT_CANVAS_HANDLE_NONE;
  drag->group_open = FALSE;
  g_ptr_array_set_size (drag->items, 0);
  g_array_set_size (drag->origins, 0);
  g_ptr_array_set_size (drag->routed_flows, 0);
  g_ptr_array_set_size (drag->routed_origins, 0);

  if (self->space_held)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");

  /* The drag kept the scene and crossings from its start, without the
   * items it moved, which are drawn in the scene again. */
  moving = g_steal_pointer (&self->moving);
  if (moving != NULL)
    {
      if (moved)
        moat_canvas_scene_changed (self);
      if (self->tiles != NULL)
        moat_render_tiles_invalidate_items (self->tiles, moving);
    }

  moat_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_drag_item (MoatCanvas *self,
               MoatItem   *item)
{
  MoatRect rect;

  if (!moat_canvas_get_item_rect (item, &rect))
    return;

  g_ptr_array_add (self->drag.items, g_object_ref (item));
  g_array_append_val (self->drag.origins, rect);
}

static void
set_item_rect (MoatCanvas     *self,
               MoatItem       *item,
               const MoatRect *rect)
{
  moat_document_set (self->document, item,
                     "x", rect->x, "y", rect->y,
                     "width", rect->width, "height", rect->height,
                     NULL);
}

/* The first change of a gesture opens the group that makes the whole
 * gesture one undo step, so a press without a drag records nothing. */
/* What the drag changes: its items, its flow, and the flows attached to
 * any of them, which follow their ends. */
static void
start_moving (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  GPtrArray *flows = moat_diagram_get_flows (self->diagram);

  g_clear_pointer (&self->moving, g_hash_table_unref);
  moat_canvas_scene_changed (self);

  self->moving = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < drag->items->len; i++)
    g_hash_table_add (self->moving, g_ptr_array_index (drag->items, i));
  if (drag->flow != NULL)
    g_hash_table_add (self->moving, drag->flow);

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (g_hash_table_contains (self->moving,
                                 moat_document_get_flow_source (self->document, flow)) ||
          g_hash_table_contains (self->moving,
                                 moat_document_get_flow_target (self->document, flow)))
        g_hash_table_add (self->moving, flow);
    }

  /* The scene is drawn without the moving items from now on. */
  if (self->tiles != NULL)
    moat_render_tiles_invalidate_items (self->tiles, self->moving);
}

void
moat_canvas_open_group (MoatCanvas *self,
                        const char *label)
{
  if (self->drag.group_open)
    return;

  start_moving (self);
  moat_document_begin_group (self->document, label);
  self->drag.group_open = TRUE;
}

/* The distance moved, in whole units, or with snapping such that the
 * pressed item's corner lands on the grid. */
static void
get_move_delta (MoatCanvas *self,
                double     *dx,
                double     *dy)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatRect anchor;
  guint index = 0;

  *dx = round (drag->current.x - drag->start.x);
  *dy = round (drag->current.y - drag->start.y);

  if (!self->snap_to_grid || drag->origins->len == 0)
    return;

  if (drag->pressed_item != NULL)
    g_ptr_array_find (drag->items, drag->pressed_item, &index);
  anchor = g_array_index (drag->origins, MoatRect, index);

  *dx = moat_canvas_snap (self, anchor.x + *dx) - anchor.x;
  *dy = moat_canvas_snap (self, anchor.y + *dy) - anchor.y;
}

static void
update_move (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  double dx;
  double dy;
  g_autofree char *label = NULL;

  if (drag->items->len == 0)
    return;

  get_move_delta (self, &dx, &dy);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u item", "Move %u items",
                                        drag->items->len),
                           drag->items->len);
  moat_canvas_open_group (self, label);

  for (guint i = 0; i < drag->items->len; i++)
    {
      MoatRect rect = g_array_index (drag->origins, MoatRect, i);

      rect.x += dx;
      rect.y += dy;
      moat_document_set (self->document, g_ptr_array_index (drag->items, i),
                         "x", rect.x, "y", rect.y, NULL);
    }

  for (guint i = 0; i < drag->routed_flows->len; i++)
    {
      const MoatPointList *origin = g_ptr_array_index (drag->routed_origins, i);
      guint n_points = moat_point_list_get_n_points (origin);
      g_autofree MoatPoint *points = g_new (MoatPoint, n_points);
      g_autoptr(MoatPointList) moved = NULL;

      for (guint p = 0; p < n_points; p++)
        {
          points[p] = moat_point_list_get_point (origin, p);
          points[p].x += dx;
          points[p].y += dy;
        }

      moved = moat_point_list_new (points, n_points);
      moat_document_set (self->document, g_ptr_array_index (drag->routed_flows, i),
                         "vertices", moved, NULL);
    }
}

static void
update_resize (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatRect origin;
  MoatRect rect;
  double dx = round (drag->current.x - drag->start.x);
  double dy = round (drag->current.y - drag->start.y);
  double right;
  double bottom;

  if (drag->items->len == 0)
    return;

  origin = g_array_index (drag->origins, MoatRect, 0);
  rect = origin;
  right = origin.x + origin.width;
  bottom = origin.y + origin.height;

  if (self->snap_to_grid)
    {
      MoatPoint corner = {
        drag->handle == MOAT_CANVAS_HANDLE_TOP_LEFT ||
        drag->handle == MOAT_CANVAS_HANDLE_BOTTOM_LEFT ? origin.x : right,
        drag->handle == MOAT_CANVAS_HANDLE_TOP_LEFT ||
        drag->handle == MOAT_CANVAS_HANDLE_TOP_RIGHT ? origin.y : bottom,
      };

      dx = moat_canvas_snap (self, corner.x + dx) - corner.x;
      dy = moat_canvas_snap (self, corner.y + dy) - corner.y;
    }

  /* The corner opposite the handle stays where it is. */
  switch (drag->handle)
    {
    case MOAT_CANVAS_HANDLE_TOP_LEFT:
    case MOAT_CANVAS_HANDLE_BOTTOM_LEFT:
      rect.x = MIN (origin.x + dx, right - MOAT_SIZE_MIN);
      rect.width = right - rect.x;
      break;

    case MOAT_CANVAS_HANDLE_TOP_RIGHT:
    case MOAT_CANVAS_HANDLE_BOTTOM_RIGHT:
      rect.width = MAX (origin.width + dx, MOAT_SIZE_MIN);
      break;

    case MOAT_CANVAS_HANDLE_NONE:
    default:
      return;
    }

  if (drag->handle == MOAT_CANVAS_HANDLE_TOP_LEFT || drag->handle == MOAT_CANVAS_HANDLE_TOP_RIGHT)
    {
      rect.y = MIN (origin.y + dy, bottom - MOAT_SIZE_MIN);
      rect.height = bottom - rect.y;
    }
  else
    rect.height = MAX (origin.height + dy, MOAT_SIZE_MIN);

  moat_canvas_open_group (self, _("Resize"));
  set_item_rect (self, g_ptr_array_index (drag->items, 0), &rect);
}

/* Moves the selection, and with it what lies inside each selected trust
 * boundary, unless Alt is held, which moves the frame alone. Dragging a
 * flow's label slides it along the flow instead. */
static void
start_move (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  /* A Ctrl-click that unselected the item drags nothing. */
  if (!moat_canvas_is_selected (self, drag->pressed_item))
    {
      drag->mode = MOAT_CANVAS_DRAG_NONE;
      return;
    }

  if (moat_canvas_press_flow_label (self))
    return;

  moat_canvas_collect_move_items (self, self->selection, !(drag->state & GDK_ALT_MASK),
                                  items, drag->routed_flows);

  for (guint i = 0; i < items->len; i++)
    add_drag_item (self, g_ptr_array_index (items, i));

  for (guint i = 0; i < drag->routed_flows->len; i++)
    g_ptr_array_add (drag->routed_origins,
                     moat_point_list_copy (moat_flow_get_vertices (g_ptr_array_index (drag->routed_flows, i))));

  drag->mode = MOAT_CANVAS_DRAG_MOVE;
  moat_canvas_update_actions (self);
}

static MoatRect
get_drag_rect (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;

  return (MoatRect) { MIN (drag->start.x, drag->current.x), MIN (drag->start.y, drag->current.y),
                      fabs (drag->current.x - drag->start.x),
                      fabs (drag->current.y - drag->start.y) };
}

static gboolean
is_in_rect (MoatCanvas     *self,
            MoatItem       *item,
            const MoatRect *area)
{
  MoatRect rect;

  if (MOAT_IS_FLOW (item))
    {
      MoatFlowGeometry geometry;

      return moat_render_get_flow_geometry (self->document, self->diagram, MOAT_FLOW (item),
                                            &geometry) &&
             moat_rect_contains_point (area, geometry.start.x, geometry.start.y) &&
             moat_rect_contains_point (area, geometry.end.x, geometry.end.y);
    }

  return moat_canvas_get_item_rect (item, &rect) && moat_rect_contains_rect (area, &rect);
}

/* Selects what lies wholly inside the rubber band, added to the
 * selection when Shift or Ctrl was held. */
static void
finish_rubber_band (MoatCanvas *self)
{
  MoatRect area = get_drag_rect (self);
  GPtrArray *arrays[3];
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (self->drag.state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    g_ptr_array_extend (items, self->selection, NULL, NULL);

  arrays[0] = moat_diagram_get_boundaries (self->diagram);
  arrays[1] = moat_diagram_get_flows (self->diagram);
  arrays[2] = moat_diagram_get_elements (self->diagram);

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatItem *item = g_ptr_array_index (arrays[a], i);

        if (!g_ptr_array_find (items, item, NULL) && is_in_rect (self, item, &area))
          g_ptr_array_add (items, item);
      }

  moat_canvas_set_selection (self, items);
}

void
moat_canvas_add_and_select (MoatCanvas *self,
                            MoatItem   *item)
{
  moat_document_add_item (self->document, self->diagram, item);
  moat_canvas_select (self, G_OBJECT (item));
  moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
  moat_canvas_scroll_to_item (self, item);
}

/**
 * moat_canvas_add_element_at:
 * @center: where the middle of the new element goes, in diagram units
 *
 * Adds an element of the default size and name for @kind, selects it and
 * goes back to the select tool. With snapping, its corner is on the grid.
 */
void
moat_canvas_add_element_at (MoatCanvas      *self,
                            MoatElementKind  kind,
                            MoatPoint        center)
{
  const ElementTemplate *template = &element_templates[0];
  g_autoptr(MoatElement) element = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (element_templates); i++)
    if (element_templates[i].kind == kind)
      template = &element_templates[i];

  /* The element is not in the document yet, so setting it directly
   * records no edit; adding it is the one undoable step. */
  element = moat_element_new (kind, NULL, _(template->name));
  g_object_set (element,
                "x", moat_canvas_snap (self, round (center.x - template->width / 2)),
                "y", moat_canvas_snap (self, round (center.y - template->height / 2)),
                "width", template->width,
                "height", template->height,
                NULL);

  moat_canvas_add_and_select (self, MOAT_ITEM (element));
}

/* A dragged rectangle, or the default size around the click. */
static void
create_boundary (MoatCanvas *self)
{
  g_autoptr(MoatBoundary) boundary = moat_boundary_new (NULL, _("New trust boundary"));
  MoatRect rect = get_drag_rect (self);

  double right;
  double bottom;

  if (!self->drag.moved || rect.width < MOAT_SIZE_MIN || rect.height < MOAT_SIZE_MIN)
    rect = (MoatRect) { self->drag.start.x - 150, self->drag.start.y - 100, 300, 200 };

  right = moat_canvas_snap (self, round (rect.x + rect.width));
  bottom = moat_canvas_snap (self, round (rect.y + rect.height));
  rect.x = moat_canvas_snap (self, round (rect.x));
  rect.y = moat_canvas_snap (self, round (rect.y));
  rect.width = MAX (right - rect.x, MOAT_SIZE_MIN);
  rect.height = MAX (bottom - rect.y, MOAT_SIZE_MIN);

  g_object_set (boundary,
                "x", rect.x, "y", rect.y, "width", rect.width, "height", rect.height,
                NULL);

  moat_canvas_add_and_select (self, MOAT_ITEM (boundary));
}

static void
create_flow (MoatCanvas  *self,
             MoatElement *source,
             MoatElement *target)
{
  g_autoptr(MoatFlow) flow = moat_flow_new (NULL,
                                            moat_item_get_id (MOAT_ITEM (source)),
                                            moat_item_get_id (MOAT_ITEM (target)),
                                            _("New flow"));

  moat_canvas_add_and_select (self, MOAT_ITEM (flow));
}

static void
create_item (MoatCanvas *self)
{
  switch (self->tool)
    {
    case MOAT_CANVAS_TOOL_EXTERNAL_ENTITY:
      moat_canvas_add_element_at (self, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, self->drag.start);
      break;

    case MOAT_CANVAS_TOOL_PROCESS:
      moat_canvas_add_element_at (self, MOAT_ELEMENT_KIND_PROCESS, self->drag.start);
      break;

    case MOAT_CANVAS_TOOL_DATA_STORE:
      moat_canvas_add_element_at (self, MOAT_ELEMENT_KIND_DATA_STORE, self->drag.start);
      break;

    case MOAT_CANVAS_TOOL_BOUNDARY:
      create_boundary (self);
      break;

    case MOAT_CANVAS_TOOL_SELECT:
    case MOAT_CANVAS_TOOL_FLOW:
    default:
      g_assert_not_reached ();
    }
}

static void
press_select (MoatCanvas      *self,
              double           x,
              double           y,
              GdkModifierType  state)
{
  MoatCanvasDrag *drag = &self->drag;
  gboolean toggle = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  MoatCanvasHandle handle = moat_canvas_find_handle (self, x, y);
  MoatItem *hit;

  if (handle != MOAT_CANVAS_HANDLE_NONE)
    {
      drag->mode = MOAT_CANVAS_DRAG_RESIZE;
      drag->handle = handle;
      add_drag_item (self, MOAT_ITEM (moat_canvas_get_selected_item (self)));
      return;
    }

  if (!toggle && moat_canvas_press_flow_handle (self, x, y))
    return;

  hit = moat_canvas_hit_test (self, drag->start);

  /* A drag from an element's edge, or with Alt from anywhere on it, draws
   * a flow without changing the tool. */
  if (MOAT_IS_ELEMENT (hit) &&
      ((state & GDK_ALT_MASK) || moat_canvas_is_on_edge (self, MOAT_ELEMENT (hit), drag->start)))
    {
      drag->mode = MOAT_CANVAS_DRAG_FLOW;
      drag->pressed_item = hit;
      return;
    }

  if (hit == NULL)
    {
      if (!toggle)
        moat_canvas_select (self, NULL);
      drag->mode = MOAT_CANVAS_DRAG_RUBBER_BAND;
      return;
    }

  drag->mode = MOAT_CANVAS_DRAG_PENDING;
  drag->pressed_item = hit;
  drag->pressed_was_selected = moat_canvas_is_selected (self, hit);

  if (toggle)
    moat_canvas_toggle_selected (self, hit);
  else if (!drag->pressed_was_selected)
    moat_canvas_select (self, G_OBJECT (hit));
}

/**
 * moat_canvas_press:
 * @x: the pointer's x in widget coordinates
 * @y: the pointer's y in widget coordinates
 * @state: the modifier keys held
 *
 * Starts a primary button gesture: selects, or begins a move, resize,
 * rubber band, flow or new item, depending on the tool and what is hit.
 */
void
moat_canvas_press (MoatCanvas      *self,
                   double           x,
                   double           y,
                   GdkModifierType  state)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatItem *hit;

  moat_canvas_cancel_drag (self);

  if (self->document == NULL || self->diagram == NULL)
    return;

  moat_canvas_widget_to_diagram (self, x, y, &drag->start);
  drag->current = drag->start;
  drag->start_widget_x = x;
  drag->start_widget_y = y;
  drag->state = state;

  if (self->space_held)
    {
      drag->mode = MOAT_CANVAS_DRAG_PAN;
      self->pan_origin_x = self->origin_x;
      self->pan_origin_y = self->origin_y;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      return;
    }

  switch (self->tool)
    {
    case MOAT_CANVAS_TOOL_SELECT:
      press_select (self, x, y, state);
      break;

    case MOAT_CANVAS_TOOL_FLOW:
      hit = moat_canvas_hit_test (self, drag->start);
      if (MOAT_IS_ELEMENT (hit))
        {
          drag->mode = MOAT_CANVAS_DRAG_FLOW;
          drag->pressed_item = hit;
        }
      break;

    case MOAT_CANVAS_TOOL_EXTERNAL_ENTITY:
    case MOAT_CANVAS_TOOL_PROCESS:
    case MOAT_CANVAS_TOOL_DATA_STORE:
    case MOAT_CANVAS_TOOL_BOUNDARY:
    default:
      drag->mode = MOAT_CANVAS_DRAG_CREATE;
      break;
    }

  moat_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * moat_canvas_drag_to:
 * @x: the pointer's x in widget coordinates
 * @y: the pointer's y in widget coordinates
 *
 * Continues the gesture begun by moat_canvas_press().
 */
void
moat_canvas_drag_to (MoatCanvas *self,
                     double      x,
                     double      y)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatItem *hit;

  if (drag->mode == MOAT_CANVAS_DRAG_NONE)
    return;

  /* Panning moves the view under the pointer, so it works in widget
   * coordinates from the view at the press. */
  if (drag->mode == MOAT_CANVAS_DRAG_PAN)
    {
      moat_canvas_pan (self,
                       (self->pan_origin_x - self->origin_x) * self->zoom -
                       (x - drag->start_widget_x),
                       (self->pan_origin_y - self->origin_y) * self->zoom -
                       (y - drag->start_widget_y));
      return;
    }

  moat_canvas_widget_to_diagram (self, x, y, &drag->current);

  if (!drag->moved)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self),
                                     (int)drag->start_widget_x, (int)drag->start_widget_y,
                                     (int)x, (int)y))
        return;
      drag->moved = TRUE;

      if (drag->mode == MOAT_CANVAS_DRAG_PENDING)
        start_move (self);
    }

  switch (drag->mode)
    {
    case MOAT_CANVAS_DRAG_MOVE:
      update_move (self);
      break;

    case MOAT_CANVAS_DRAG_RESIZE:
      update_resize (self);
      break;

    case MOAT_CANVAS_DRAG_FLOW:
      hit = moat_canvas_hit_test (self, drag->current);
      drag->flow_target = MOAT_IS_ELEMENT (hit) && hit != drag->pressed_item
                          ? MOAT_ELEMENT (hit) : NULL;
      break;

    case MOAT_CANVAS_DRAG_FLOW_END:
    case MOAT_CANVAS_DRAG_VERTEX:
    case MOAT_CANVAS_DRAG_LABEL:
      moat_canvas_update_flow_edit (self);
      break;

    case MOAT_CANVAS_DRAG_NONE:
    case MOAT_CANVAS_DRAG_PENDING:
    case MOAT_CANVAS_DRAG_RUBBER_BAND:
    case MOAT_CANVAS_DRAG_CREATE:
    case MOAT_CANVAS_DRAG_PAN:
    default:
      break;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * moat_canvas_release:
 * @x: the pointer's x in widget coordinates
 * @y: the pointer's y in widget coordinates
 *
 * Ends the gesture: closes the undo group of a move or resize, or creates
 * the item the tool makes.
 */
void
moat_canvas_release (MoatCanvas *self,
                     double      x,
                     double      y)
{
  MoatCanvasDrag *drag = &self->drag;

  if (drag->mode == MOAT_CANVAS_DRAG_NONE)
    return;

  moat_canvas_drag_to (self, x, y);

  switch (drag->mode)
    {
    case MOAT_CANVAS_DRAG_PENDING:
      /* A plain click on one item of a multiple selection selects it
       * alone; the press kept the others in case of a drag. */
      if (!(drag->state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) && drag->pressed_item != NULL)
        moat_canvas_select (self, G_OBJECT (drag->pressed_item));
      break;

    case MOAT_CANVAS_DRAG_MOVE:
    case MOAT_CANVAS_DRAG_RESIZE:
      if (drag->group_open)
        moat_document_end_group (self->document);
      drag->group_open = FALSE;
      break;

    case MOAT_CANVAS_DRAG_FLOW_END:
    case MOAT_CANVAS_DRAG_VERTEX:
    case MOAT_CANVAS_DRAG_LABEL:
      moat_canvas_finish_flow_edit (self);
      break;

    case MOAT_CANVAS_DRAG_PAN:
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->space_held ? "grab" : NULL);
      break;

    case MOAT_CANVAS_DRAG_RUBBER_BAND:
      if (drag->moved)
        finish_rubber_band (self);
      break;

    case MOAT_CANVAS_DRAG_CREATE:
      create_item (self);
      break;

    case MOAT_CANVAS_DRAG_FLOW:
      if (drag->flow_target != NULL && MOAT_IS_ELEMENT (drag->pressed_item))
        create_flow (self, MOAT_ELEMENT (drag->pressed_item), drag->flow_target);
      break;

    case MOAT_CANVAS_DRAG_NONE:
    default:
      break;
    }

  reset_drag (self);
}

/**
 * moat_canvas_cancel_drag:
 *
 * Ends the gesture in progress without effect: a moved or resized item
 * goes back to where it was, and nothing stays in the undo history.
 */
void
moat_canvas_cancel_drag (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;

  if (drag->mode == MOAT_CANVAS_DRAG_NONE)
    return;

  if (drag->group_open)
    moat_document_cancel_group (self->document);

  reset_drag (self);
}

/* Drops @item from the gesture when the document removes it. This runs
 * inside the document's removal, so it must not change the document. */
void
moat_canvas_forget_item (MoatCanvas *self,
                         MoatItem   *item)
{
  MoatCanvasDrag *drag = &self->drag;
  guint index;

  if (drag->pressed_item == item)
    drag->pressed_item = NULL;
  if (drag->flow_target == (MoatElement *)item)
    drag->flow_target = NULL;
  if (drag->flow == (MoatFlow *)item)
    drag->flow = NULL;

  if (g_ptr_array_find (drag->routed_flows, item, &index))
    {
      g_ptr_array_remove_index (drag->routed_flows, index);
      g_ptr_array_remove_index (drag->routed_origins, index);
    }

  if (g_ptr_array_find (drag->items, item, &index))
    {
      g_ptr_array_remove_index (drag->items, index);
      g_array_remove_index (drag->origins, index);
    }
}

/**
 * moat_canvas_is_on_edge:
 * @point: a point on @element, in diagram coordinates
 *
 * Returns: whether @point is within a few pixels inside the outline of
 *   @element, or just outside it, where a drag draws a flow
 */
gboolean
moat_canvas_is_on_edge (MoatCanvas  *self,
                        MoatElement *element,
                        MoatPoint    point)
{
  MoatRect bounds = moat_element_get_bounds (element);
  double band = MOAT_CANVAS_EDGE_PIXELS / self->zoom;

  /* A small element keeps a middle to grab and move it by. */
  band = MIN (band, MIN (bounds.width, bounds.height) / 4);

  if (moat_element_get_kind (element) == MOAT_ELEMENT_KIND_PROCESS)
    return !moat_ellipse_contains_point (&bounds, point.x, point.y, -band);

  return moat_rect_outline_distance (&bounds, point.x, point.y) <= band;
}

/**
 * moat_canvas_find_handle:
 * @x: a point's x in widget coordinates
 * @y: a point's y in widget coordinates
 *
 * Returns: the resize handle of the only selected element or boundary
 *   at the point, if any
 */
MoatCanvasHandle
moat_canvas_find_handle (MoatCanvas *self,
                         double      x,
                         double      y)
{
  MoatRect rect;
  double reach = MOAT_CANVAS_HANDLE_PIXELS / 2 + 2;
  static const MoatCanvasHandle handles[] = {
    MOAT_CANVAS_HANDLE_TOP_LEFT, MOAT_CANVAS_HANDLE_TOP_RIGHT,
    MOAT_CANVAS_HANDLE_BOTTOM_LEFT, MOAT_CANVAS_HANDLE_BOTTOM_RIGHT,
  };

  if (self->selection->len != 1 ||
      !moat_canvas_get_item_rect (g_ptr_array_index (self->selection, 0), &rect))
    return MOAT_CANVAS_HANDLE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    {
      gboolean right = handles[i] == MOAT_CANVAS_HANDLE_TOP_RIGHT ||
                       handles[i] == MOAT_CANVAS_HANDLE_BOTTOM_RIGHT;
      gboolean bottom = handles[i] == MOAT_CANVAS_HANDLE_BOTTOM_LEFT ||
                        handles[i] == MOAT_CANVAS_HANDLE_BOTTOM_RIGHT;
      MoatPoint corner = { rect.x + (right ? rect.width : 0),
                           rect.y + (bottom ? rect.height : 0) };
      double corner_x;
      double corner_y;

      moat_canvas_diagram_to_widget (self, corner, &corner_x, &corner_y);
      if (fabs (x - corner_x) <= reach && fabs (y - corner_y) <= reach)
        return handles[i];
    }

  return MOAT_CANVAS_HANDLE_NONE;
}
