/* moat-canvas-arrange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "moat-canvas-private.h"

/* Where items go: the grid, moving a boundary with what it contains, the
 * arrow keys, and aligning and distributing a selection. */

/**
 * moat_canvas_snap:
 * @value: a coordinate in diagram units
 *
 * Returns: @value on the nearest grid line when snapping is on, otherwise
 *   @value unchanged
 */
double
moat_canvas_snap (MoatCanvas *self,
                  double      value)
{
  if (!self->snap_to_grid || self->grid_size <= 0)
    return value;

  return round (value / self->grid_size) * self->grid_size;
}

static gboolean
contains_item (const MoatRect *frame,
               MoatItem       *item)
{
  MoatRect bounds;
  MoatPoint center;

  /* An element belongs to a boundary when its centre is inside, as for
   * boundary crossings; a boundary when all of it is. */
  if (MOAT_IS_ELEMENT (item))
    {
      bounds = moat_element_get_bounds (MOAT_ELEMENT (item));
      center = moat_rect_get_center (&bounds);

      return moat_rect_contains_point (frame, center.x, center.y);
    }

  if (MOAT_IS_BOUNDARY (item))
    {
      bounds = moat_boundary_get_bounds (MOAT_BOUNDARY (item));

      return moat_rect_contains_rect (frame, &bounds);
    }

  return FALSE;
}

static void
add_contents (MoatCanvas   *self,
              MoatBoundary *boundary,
              GHashTable   *moving)
{
  MoatRect frame = moat_boundary_get_bounds (boundary);
  GPtrArray *arrays[2];

  arrays[0] = moat_diagram_get_elements (self->diagram);
  arrays[1] = moat_diagram_get_boundaries (self->diagram);

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatItem *item = g_ptr_array_index (arrays[a], i);

        if (item != (MoatItem *)boundary && contains_item (&frame, item))
          g_hash_table_add (moving, item);
      }
}

/**
 * moat_canvas_collect_move_items:
 * @selection: (element-type MoatItem): the items being moved
 * @with_contents: whether a trust boundary takes the elements and nested
 *   boundaries inside it along
 * @items: (element-type MoatItem): where to add the elements and
 *   boundaries to move, in diagram order
 * @routed_flows: (element-type MoatFlow): where to add, with a reference,
 *   the flows with bend points whose two ends both move, so that their
 *   bend points move too
 *
 * Finds what moves when @selection moves.
 */
void
moat_canvas_collect_move_items (MoatCanvas *self,
                                GPtrArray  *selection,
                                gboolean    with_contents,
                                GPtrArray  *items,
                                GPtrArray  *routed_flows)
{
  g_autoptr(GHashTable) moving = g_hash_table_new (NULL, NULL);
  GPtrArray *arrays[2];
  GPtrArray *flows;

  for (guint i = 0; i < selection->len; i++)
    {
      MoatItem *item = g_ptr_array_index (selection, i);

      if (MOAT_IS_FLOW (item))
        continue;

      g_hash_table_add (moving, item);
      if (with_contents && MOAT_IS_BOUNDARY (item))
        add_contents (self, MOAT_BOUNDARY (item), moving);
    }

  /* Diagram order keeps the undo step the same whatever the selection
   * order was. */
  arrays[0] = moat_diagram_get_boundaries (self->diagram);
  arrays[1] = moat_diagram_get_elements (self->diagram);
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      if (g_hash_table_contains (moving, g_ptr_array_index (arrays[a], i)))
        g_ptr_array_add (items, g_ptr_array_index (arrays[a], i));

  flows = moat_diagram_get_flows (self->diagram);
  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);
      MoatElement *source = moat_document_get_flow_source (self->document, flow);
      MoatElement *target = moat_document_get_flow_target (self->document, flow);

      if (moat_point_list_get_n_points (moat_flow_get_vertices (flow)) == 0)
        continue;

      if (g_hash_table_contains (moving, source) && g_hash_table_contains (moving, target))
        g_ptr_array_add (routed_flows, g_object_ref (flow));
    }
}

static void
move_items_by (MoatCanvas *self,
               GPtrArray  *items,
               GPtrArray  *routed_flows,
               double      dx,
               double      dy)
{
  for (guint i = 0; i < items->len; i++)
    {
      MoatRect rect;

      moat_canvas_get_item_rect (g_ptr_array_index (items, i), &rect);
      moat_document_set (self->document, g_ptr_array_index (items, i),
                         "x", rect.x + dx, "y", rect.y + dy, NULL);
    }

  for (guint i = 0; i < routed_flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (routed_flows, i);
      const MoatPointList *vertices = moat_flow_get_vertices (flow);
      guint n_points = moat_point_list_get_n_points (vertices);
      g_autofree MoatPoint *points = g_new (MoatPoint, n_points);
      g_autoptr(MoatPointList) moved = NULL;

      for (guint p = 0; p < n_points; p++)
        {
          points[p] = moat_point_list_get_point (vertices, p);
          points[p].x += dx;
          points[p].y += dy;
        }

      moved = moat_point_list_new (points, n_points);
      moat_document_set (self->document, flow, "vertices", moved, NULL);
    }
}

/* Moves the selection, with what its boundaries contain, as one undoable
 * step per key press: by grid steps when snapping, otherwise by units. */
static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) routed_flows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *label = NULL;
  double step = self->snap_to_grid ? self->grid_size : 1;
  int steps_x;
  int steps_y;

  g_variant_get (parameter, "(ii)", &steps_x, &steps_y);

  if (self->document == NULL || self->diagram == NULL ||
      self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  moat_canvas_collect_move_items (self, self->selection, TRUE, items, routed_flows);
  if (items->len == 0)
    return;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u item", "Move %u items",
                                        items->len),
                           items->len);
  moat_document_begin_group (self->document, label);
  move_items_by (self, items, routed_flows, steps_x * step, steps_y * step);
  moat_document_end_group (self->document);

  moat_canvas_scroll_to_item (self, MOAT_ITEM (moat_canvas_get_selected_item (self)));
}

/* The selected elements and boundaries, which have a rectangle to align. */
static GPtrArray *
dup_arranged_items (MoatCanvas *self)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatRect rect;

      if (moat_canvas_get_item_rect (g_ptr_array_index (self->selection, i), &rect))
        g_ptr_array_add (items, g_ptr_array_index (self->selection, i));
    }

  return items;
}

static const char * const align_edges[] = {
  "left", "center", "right", "top", "middle", "bottom",
};

/* Lines the selected items up on one edge or centre line of the box
 * around them all, as one undoable step. */
static void
align_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  const char *edge = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) items = dup_arranged_items (self);
  MoatRect box;
  guint which;

  if (!g_strv_contains (align_edges, edge))
    {
      g_warning ("canvas.align: unknown edge “%s”", edge);
      return;
    }

  if (items->len < 2 || self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  for (which = 0; !g_str_equal (align_edges[which], edge); which++)
    ;

  for (guint i = 0; i < items->len; i++)
    {
      MoatRect rect;

      moat_canvas_get_item_rect (g_ptr_array_index (items, i), &rect);
      if (i == 0)
        box = rect;
      else
        moat_rect_union (&box, &rect, &box);
    }

  moat_document_begin_group (self->document, _("Align"));

  for (guint i = 0; i < items->len; i++)
    {
      MoatItem *item = g_ptr_array_index (items, i);
      MoatRect rect;
      double x;
      double y;

      moat_canvas_get_item_rect (item, &rect);
      x = rect.x;
      y = rect.y;

      /* The order of align_edges. */
      switch (which)
        {
        case 0:
          x = box.x;
          break;

        case 1:
          x = round (box.x + (box.width - rect.width) / 2);
          break;

        case 2:
          x = box.x + box.width - rect.width;
          break;

        case 3:
          y = box.y;
          break;

        case 4:
          y = round (box.y + (box.height - rect.height) / 2);
          break;

        default:
          y = box.y + box.height - rect.height;
          break;
        }

      moat_document_set (self->document, item, "x", x, "y", y, NULL);
    }

  moat_document_end_group (self->document);
}

typedef struct
{
  MoatItem *item;
  MoatRect rect;
} Placed;

static int
compare_by_x (gconstpointer a,
              gconstpointer b)
{
  const Placed *first = a;
  const Placed *second = b;

  return (first->rect.x > second->rect.x) - (first->rect.x < second->rect.x);
}

static int
compare_by_y (gconstpointer a,
              gconstpointer b)
{
  const Placed *first = a;
  const Placed *second = b;

  return (first->rect.y > second->rect.y) - (first->rect.y < second->rect.y);
}

/* Spaces the selected items evenly between the first and the last, with
 * equal gaps between neighbours, as one undoable step. */
static void
distribute_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  const char *direction = g_variant_get_string (parameter, NULL);
  gboolean horizontal = g_str_equal (direction, "horizontal");
  g_autoptr(GPtrArray) items = dup_arranged_items (self);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  Placed *first;
  Placed *last;
  double total = 0;
  double gap;
  double position;

  if (!horizontal && !g_str_equal (direction, "vertical"))
    {
      g_warning ("canvas.distribute: unknown direction “%s”", direction);
      return;
    }

  if (items->len < 3 || self->drag.mode != MOAT_CANVAS_DRAG_NONE)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      Placed entry = { g_ptr_array_index (items, i) };

      moat_canvas_get_item_rect (entry.item, &entry.rect);
      total += horizontal ? entry.rect.width : entry.rect.height;
      g_array_append_val (placed, entry);
    }

  g_array_sort (placed, horizontal ? compare_by_x : compare_by_y);
  first = &g_array_index (placed, Placed, 0);
  last = &g_array_index (placed, Placed, placed->len - 1);

  if (horizontal)
    gap = (last->rect.x + last->rect.width - first->rect.x - total) / (placed->len - 1);
  else
    gap = (last->rect.y + last->rect.height - first->rect.y - total) / (placed->len - 1);

  moat_document_begin_group (self->document, _("Distribute"));

  position = horizontal ? first->rect.x : first->rect.y;
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *entry = &g_array_index (placed, Placed, i);

      /* The first and last stay; rounding goes to the ones between. */
      if (i > 0 && i < placed->len - 1)
        moat_document_set (self->document, entry->item,
                           horizontal ? "x" : "y", round (position), NULL);

      position += (horizontal ? entry->rect.width : entry->rect.height) + gap;
    }

  moat_document_end_group (self->document);
}

static void
add_nudge_bindings (GtkWidgetClass *widget_class,
                    guint           keyval,
                    guint           keypad_keyval,
                    int             steps_x,
                    int             steps_y)
{
  guint keyvals[] = { keyval, keypad_keyval };

  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keyvals[i], 0,
                                           "canvas.nudge", "(ii)", steps_x, steps_y);
      gtk_widget_class_add_binding_action (widget_class, keyvals[i], GDK_SHIFT_MASK,
                                           "canvas.nudge", "(ii)", 10 * steps_x, 10 * steps_y);
    }
}

void
moat_canvas_class_setup_arrange (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "(ii)", nudge_action);
  gtk_widget_class_install_action (widget_class, "canvas.align", "s", align_action);
  gtk_widget_class_install_action (widget_class, "canvas.distribute", "s", distribute_action);
  gtk_widget_class_install_property_action (widget_class, "canvas.show-grid", "show-grid");
  gtk_widget_class_install_property_action (widget_class, "canvas.snap-to-grid",
                                            "snap-to-grid");

  add_nudge_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_nudge_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_nudge_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_nudge_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_apostrophe, GDK_CONTROL_MASK,
                                       "canvas.show-grid", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_apostrophe,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.snap-to-grid", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_quotedbl,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.snap-to-grid", NULL);
}
