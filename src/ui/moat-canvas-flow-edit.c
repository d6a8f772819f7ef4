/* moat-canvas-flow-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "moat-canvas-private.h"

/* Editing the selected flow. Dragging an end onto another element
 * reconnects it, and dragging a bend point moves it. Dragging the middle
 * of a segment adds a bend point there, and a double click on a bend
 * point removes it. Dragging the label slides it along the line. Each is
 * one undo step, and a drop on empty space changes nothing. */

/* The distance from a handle within which a press grabs it, in pixels. */
#define HANDLE_REACH (MOAT_CANVAS_HANDLE_PIXELS / 2 + 3)

/**
 * moat_canvas_get_edited_flow:
 *
 * Returns: (nullable): the flow whose handles are shown: the selection
 *   when it is one flow
 */
MoatFlow *
moat_canvas_get_edited_flow (MoatCanvas *self)
{
  MoatItem *item;

  if (self->selection->len != 1 || self->diagram == NULL)
    return NULL;

  item = g_ptr_array_index (self->selection, 0);

  return MOAT_IS_FLOW (item) ? MOAT_FLOW (item) : NULL;
}

/**
 * moat_canvas_dup_vertices_with:
 * @insert_at: where to insert @point, or -1
 * @remove_at: which bend point to remove, or -1
 * @move_at: which bend point to move to @point, or -1
 *
 * Returns: (transfer full): the flow's bend points with one change
 */
MoatPointList *
moat_canvas_dup_vertices_with (MoatFlow  *flow,
                               int        insert_at,
                               int        remove_at,
                               int        move_at,
                               MoatPoint  point)
{
  const MoatPointList *vertices = moat_flow_get_vertices (flow);
  guint n_points = moat_point_list_get_n_points (vertices);
  g_autoptr(GArray) points = g_array_sized_new (FALSE, FALSE, sizeof (MoatPoint), n_points + 1);

  g_array_append_vals (points, moat_point_list_get_points (vertices), n_points);

  if (insert_at >= 0 && (guint)insert_at <= points->len)
    g_array_insert_val (points, insert_at, point);
  if (remove_at >= 0 && (guint)remove_at < points->len)
    g_array_remove_index (points, remove_at);
  if (move_at >= 0 && (guint)move_at < points->len)
    g_array_index (points, MoatPoint, move_at) = point;

  return moat_point_list_new ((const MoatPoint *)points->data, points->len);
}

static gboolean
is_near (MoatCanvas *self,
         MoatPoint   point,
         double      x,
         double      y)
{
  double point_x;
  double point_y;

  moat_canvas_diagram_to_widget (self, point, &point_x, &point_y);

  return fabs (x - point_x) <= HANDLE_REACH && fabs (y - point_y) <= HANDLE_REACH;
}

/**
 * moat_canvas_find_flow_handle:
 * @x: a point's x in widget coordinates
 * @y: a point's y in widget coordinates
 * @vertex: (out): for a bend point, its index in the flow's bend points;
 *   for a segment's middle, where a new bend point would go
 *
 * Returns: the handle of the selected flow at the point
 */
MoatCanvasFlowHandle
moat_canvas_find_flow_handle (MoatCanvas *self,
                              double      x,
                              double      y,
                              guint      *vertex)
{
  MoatFlow *flow = moat_canvas_get_edited_flow (self);
  MoatFlowGeometry geometry;
  g_autofree MoatPoint *points = NULL;
  guint n_points;

  *vertex = 0;

  if (flow == NULL || !moat_render_get_flow_geometry (self->document, self->diagram, flow,
                                                      &geometry))
    return MOAT_CANVAS_FLOW_HANDLE_NONE;

  for (guint i = 0; i < geometry.n_vertices; i++)
    if (is_near (self, geometry.vertices[i], x, y))
      {
        *vertex = geometry.first_vertex + i;
        return MOAT_CANVAS_FLOW_HANDLE_VERTEX;
      }

  /* A dangling end is a bend point already, and has no element to leave. */
  if (moat_document_get_flow_target (self->document, flow) != NULL && is_near (self, geometry.end, x, y))
    return MOAT_CANVAS_FLOW_HANDLE_TARGET;
  if (moat_document_get_flow_source (self->document, flow) != NULL && is_near (self, geometry.start, x, y))
    return MOAT_CANVAS_FLOW_HANDLE_SOURCE;

  if (geometry.loop)
    return MOAT_CANVAS_FLOW_HANDLE_NONE;

  n_points = moat_flow_geometry_get_n_points (&geometry);
  points = g_new (MoatPoint, n_points);
  moat_flow_geometry_get_points (&geometry, points);

  for (guint i = 1; i < n_points; i++)
    {
      MoatPoint middle = { (points[i - 1].x + points[i].x) / 2,
                           (points[i - 1].y + points[i].y) / 2 };

      if (is_near (self, middle, x, y))
        {
          *vertex = geometry.first_vertex + i - 1;
          return MOAT_CANVAS_FLOW_HANDLE_MIDPOINT;
        }
    }

  return MOAT_CANVAS_FLOW_HANDLE_NONE;
}

/**
 * moat_canvas_press_flow_handle:
 * @x: the press's x in widget coordinates
 * @y: the press's y in widget coordinates
 *
 * Starts editing the selected flow when the press is on one of its
 * handles.
 *
 * Returns: %TRUE if the press is on a handle
 */
gboolean
moat_canvas_press_flow_handle (MoatCanvas *self,
                               double      x,
                               double      y)
{
  MoatCanvasDrag *drag = &self->drag;
  guint vertex;
  MoatCanvasFlowHandle handle = moat_canvas_find_flow_handle (self, x, y, &vertex);

  if (handle == MOAT_CANVAS_FLOW_HANDLE_NONE)
    return FALSE;

  drag->flow = moat_canvas_get_edited_flow (self);
  drag->pressed_item = MOAT_ITEM (drag->flow);
  drag->flow_handle = handle;
  drag->vertex = vertex;
  drag->mode = handle == MOAT_CANVAS_FLOW_HANDLE_SOURCE ||
               handle == MOAT_CANVAS_FLOW_HANDLE_TARGET ? MOAT_CANVAS_DRAG_FLOW_END
                                                        : MOAT_CANVAS_DRAG_VERTEX;

  return TRUE;
}

/**
 * moat_canvas_press_flow_label:
 *
 * Turns the drag just past its threshold into a label drag, when it
 * started on the label of the pressed flow.
 *
 * Returns: %TRUE if it did
 */
gboolean
moat_canvas_press_flow_label (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatRect label;

  if (!MOAT_IS_FLOW (drag->pressed_item) ||
      !moat_render_get_flow_label_rect (self->document, self->diagram,
                                        MOAT_FLOW (drag->pressed_item), &label) ||
      !moat_rect_contains_point (&label, drag->start.x, drag->start.y))
    return FALSE;

  drag->flow = MOAT_FLOW (drag->pressed_item);
  drag->mode = MOAT_CANVAS_DRAG_LABEL;
  moat_canvas_select (self, G_OBJECT (drag->flow));

  return TRUE;
}

/* The element a dragged end would connect to: any element under the
 * pointer but the flow's other end, which would make a loop. */
static MoatElement *
find_new_end (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatItem *hit = moat_canvas_hit_test (self, drag->current);
  MoatElement *other;

  if (!MOAT_IS_ELEMENT (hit))
    return NULL;

  if (drag->flow_handle == MOAT_CANVAS_FLOW_HANDLE_SOURCE)
    other = moat_document_get_flow_target (self->document, drag->flow);
  else
    other = moat_document_get_flow_source (self->document, drag->flow);

  return MOAT_ELEMENT (hit) != other ? MOAT_ELEMENT (hit) : NULL;
}

static void
move_label (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatFlowGeometry geometry;
  double fraction;

  if (!moat_render_get_flow_geometry (self->document, self->diagram, drag->flow, &geometry))
    return;

  /* Hundredths, as the file stores, so a saved position never drifts. */
  fraction = round (moat_flow_geometry_project (&geometry, drag->current, NULL, NULL) * 100) / 100;

  moat_canvas_open_group (self, _("Move label"));
  moat_document_set (self->document, drag->flow, "label-position", fraction, NULL);
}

static void
move_vertex (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;
  MoatPoint point = { moat_canvas_snap (self, round (drag->current.x)),
                      moat_canvas_snap (self, round (drag->current.y)) };
  g_autoptr(MoatPointList) vertices = NULL;

  /* The middle of a segment becomes a bend point at the first move. */
  if (drag->flow_handle == MOAT_CANVAS_FLOW_HANDLE_MIDPOINT)
    {
      moat_canvas_open_group (self, _("Add bend point"));
      vertices = moat_canvas_dup_vertices_with (drag->flow, drag->vertex, -1, -1, point);
      drag->flow_handle = MOAT_CANVAS_FLOW_HANDLE_VERTEX;
    }
  else
    {
      moat_canvas_open_group (self, _("Move bend point"));
      vertices = moat_canvas_dup_vertices_with (drag->flow, -1, -1, drag->vertex, point);
    }

  moat_document_set (self->document, drag->flow, "vertices", vertices, NULL);
}

/**
 * moat_canvas_update_flow_edit:
 *
 * Follows the pointer in a flow end, bend point or label drag.
 */
void
moat_canvas_update_flow_edit (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;

  if (drag->flow == NULL)
    return;

  switch (drag->mode)
    {
    case MOAT_CANVAS_DRAG_FLOW_END:
      drag->flow_target = find_new_end (self);
      break;

    case MOAT_CANVAS_DRAG_VERTEX:
      move_vertex (self);
      break;

    case MOAT_CANVAS_DRAG_LABEL:
      move_label (self);
      break;

    case MOAT_CANVAS_DRAG_NONE:
    case MOAT_CANVAS_DRAG_PENDING:
    case MOAT_CANVAS_DRAG_MOVE:
    case MOAT_CANVAS_DRAG_RESIZE:
    case MOAT_CANVAS_DRAG_RUBBER_BAND:
    case MOAT_CANVAS_DRAG_CREATE:
    case MOAT_CANVAS_DRAG_FLOW:
    case MOAT_CANVAS_DRAG_PAN:
    default:
      break;
    }
}

/**
 * moat_canvas_finish_flow_edit:
 *
 * Ends a flow end, bend point or label drag: reconnects the end when it
 * was dropped on an element, and closes the undo step.
 */
void
moat_canvas_finish_flow_edit (MoatCanvas *self)
{
  MoatCanvasDrag *drag = &self->drag;

  if (drag->mode == MOAT_CANVAS_DRAG_FLOW_END && drag->flow != NULL && drag->flow_target != NULL)
    {
      const char *property = drag->flow_handle == MOAT_CANVAS_FLOW_HANDLE_SOURCE ? "source-id"
                                                                                : "target-id";

      moat_canvas_open_group (self, _("Reconnect flow"));
      moat_document_set (self->document, drag->flow,
                         property, moat_item_get_id (MOAT_ITEM (drag->flow_target)),
                         NULL);
    }

  if (drag->group_open)
    moat_document_end_group (self->document);
  drag->group_open = FALSE;
}

static void
add_bend_point_at (MoatCanvas *self,
                   MoatFlow   *flow,
                   MoatPoint   point)
{
  MoatFlowGeometry geometry;
  g_autoptr(MoatPointList) vertices = NULL;
  guint segment;

  if (!moat_render_get_flow_geometry (self->document, self->diagram, flow, &geometry) ||
      geometry.loop)
    return;

  moat_flow_geometry_project (&geometry, point, NULL, &segment);
  point.x = moat_canvas_snap (self, round (point.x));
  point.y = moat_canvas_snap (self, round (point.y));
  vertices = moat_canvas_dup_vertices_with (flow, geometry.first_vertex + segment, -1, -1, point);

  moat_document_begin_group (self->document, _("Add bend point"));
  moat_document_set (self->document, flow, "vertices", vertices, NULL);
  moat_document_end_group (self->document);
}

/**
 * moat_canvas_double_click:
 * @x: the click's x in widget coordinates
 * @y: the click's y in widget coordinates
 *
 * A double click removes the bend point under it, adds one where it hits
 * a flow's line, and renames an element or boundary in place.
 *
 * Returns: %TRUE if it did something
 */
gboolean
moat_canvas_double_click (MoatCanvas *self,
                          double      x,
                          double      y)
{
  MoatPoint point;
  MoatItem *hit;
  guint vertex;

  if (self->document == NULL || self->diagram == NULL ||
      self->tool != MOAT_CANVAS_TOOL_SELECT)
    return FALSE;

  if (moat_canvas_find_flow_handle (self, x, y, &vertex) == MOAT_CANVAS_FLOW_HANDLE_VERTEX)
    {
      MoatFlow *flow = moat_canvas_get_edited_flow (self);
      g_autoptr(MoatPointList) vertices =
        moat_canvas_dup_vertices_with (flow, -1, vertex, -1, (MoatPoint) { 0, 0 });

      moat_document_begin_group (self->document, _("Remove bend point"));
      moat_document_set (self->document, flow, "vertices", vertices, NULL);
      moat_document_end_group (self->document);
      return TRUE;
    }

  moat_canvas_widget_to_diagram (self, x, y, &point);
  hit = moat_canvas_hit_test (self, point);

  if (MOAT_IS_FLOW (hit))
    {
      MoatRect label;

      /* On the label, a double click renames, as for other items. */
      if (moat_render_get_flow_label_rect (self->document, self->diagram, MOAT_FLOW (hit),
                                           &label) &&
          moat_rect_contains_point (&label, point.x, point.y))
        {
          moat_canvas_select (self, G_OBJECT (hit));
          moat_canvas_start_rename (self, hit);
          return TRUE;
        }

      moat_canvas_select (self, G_OBJECT (hit));
      add_bend_point_at (self, MOAT_FLOW (hit), point);
      return TRUE;
    }

  if (hit != NULL)
    {
      moat_canvas_select (self, G_OBJECT (hit));
      moat_canvas_start_rename (self, hit);
      return TRUE;
    }

  return FALSE;
}
