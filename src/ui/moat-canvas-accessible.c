/* moat-canvas-accessible.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "moat-canvas-private.h"
#include "moat-canvas-item.h"
#include "moat-crossings.h"

/* What assistive technologies learn about the diagram. The canvas is a
 * list labelled with the diagram's name, and its description sums up the
 * selection. Each element, data flow and trust boundary in view is a
 * list item of its own, a #MoatCanvasItem child placed over it. It has
 * the item's name, a description (kind, trust boundary or crossings,
 * connected flows, open threats) and the selected state. When the
 * selection changes while the keyboard focus is in the canvas, the focus
 * moves to the primary selected item, so a screen reader reads it.
 *
 * Only items in view are exposed, at most MAX_EXPOSED_ITEMS of them plus
 * the primary selection, as list views expose only their visible rows:
 * a model of thousands of elements would otherwise cost thousands of
 * widgets. Tab scrolls each item into view, so every item is reached.
 *
 * TODO: announce selection changes that happen while the focus is
 * elsewhere; gtk_accessible_announce() came in GTK 4.14. */

#define MAX_EXPOSED_ITEMS 1000
/* How long the view must rest before the exposed items follow it. */
#define VIEW_SYNC_DELAY_MS 150
/* Diagram units around a data flow's line in the box of its accessible. */
#define FLOW_MARGIN 4.0

/* Counts needed by the descriptions, each computed once per description
 * pass when first needed, so describing many items stays linear. */
typedef struct
{
  MoatCanvas *canvas;
  MoatCrossings *crossings;
  GHashTable *flows_per_element;
  GHashTable *elements_per_boundary;
} Describer;

static void
describer_init (Describer  *describer,
                MoatCanvas *self)
{
  describer->canvas = self;
  describer->crossings = moat_canvas_get_crossings (self);
  describer->flows_per_element = NULL;
  describer->elements_per_boundary = NULL;
}

static void
describer_clear (Describer *describer)
{
  g_clear_pointer (&describer->flows_per_element, g_hash_table_unref);
  g_clear_pointer (&describer->elements_per_boundary, g_hash_table_unref);
}

static void
increment (GHashTable    *counts,
           gconstpointer  key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

  g_hash_table_insert (counts, (gpointer)key, GUINT_TO_POINTER (count + 1));
}

static guint
count_flows_of (Describer  *describer,
                const char *id)
{
  if (describer->flows_per_element == NULL)
    {
      GPtrArray *flows = moat_diagram_get_flows (describer->canvas->diagram);

      describer->flows_per_element = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          const char *source = moat_flow_get_source_id (flow);
          const char *target = moat_flow_get_target_id (flow);

          increment (describer->flows_per_element, source);
          if (g_strcmp0 (source, target) != 0)
            increment (describer->flows_per_element, target);
        }
    }

  return GPOINTER_TO_UINT (g_hash_table_lookup (describer->flows_per_element, id));
}

static guint
count_elements_in (Describer    *describer,
                   MoatBoundary *boundary)
{
  if (describer->elements_per_boundary == NULL)
    {
      GPtrArray *elements = moat_diagram_get_elements (describer->canvas->diagram);

      describer->elements_per_boundary = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < elements->len; i++)
        {
          const char *id = moat_item_get_id (g_ptr_array_index (elements, i));
          g_autoptr(GPtrArray) zones = moat_crossings_dup_boundaries_of (describer->crossings,
                                                                         id);

          for (guint j = 0; zones != NULL && j < zones->len; j++)
            increment (describer->elements_per_boundary, g_ptr_array_index (zones, j));
        }
    }

  return GPOINTER_TO_UINT (g_hash_table_lookup (describer->elements_per_boundary, boundary));
}

static guint
count_open_threats (MoatCanvas *self,
                    MoatItem   *item)
{
  GPtrArray *threats = moat_document_get_threats_for (self->document, moat_item_get_id (item));
  guint count = 0;

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    if (moat_threat_get_status (g_ptr_array_index (threats, i)) == MOAT_THREAT_STATUS_OPEN)
      count++;

  return count;
}

static const char *
get_kind_label (MoatElementKind kind)
{
  switch (kind)
    {
    case MOAT_ELEMENT_KIND_EXTERNAL_ENTITY:
      return _("External entity");

    case MOAT_ELEMENT_KIND_DATA_STORE:
      return _("Data store");

    case MOAT_ELEMENT_KIND_PROCESS:
    default:
      return _("Process");
    }
}

static void
describe_element (Describer   *describer,
                  MoatElement *element,
                  GString     *text)
{
  const char *id = moat_item_get_id (MOAT_ITEM (element));
  MoatBoundary *zone = moat_crossings_get_zone (describer->crossings, id);
  guint n_flows = count_flows_of (describer, id);

  /* Translators: an element's kind, then its name, such as "Process “API”" */
  g_string_append_printf (text, _("%s “%s”"), get_kind_label (moat_element_get_kind (element)),
                          moat_item_get_name (MOAT_ITEM (element)));

  if (zone != NULL)
    g_string_append_printf (text, _(", in trust boundary “%s”"),
                            moat_item_get_name (MOAT_ITEM (zone)));
  else
    g_string_append (text, _(", outside every trust boundary"));

  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u connected flow",
                                             "%u connected flows", n_flows),
                          n_flows);

  if (moat_element_get_out_of_scope (element))
    g_string_append (text, _(", out of scope"));
}

static void
describe_flow (Describer *describer,
               MoatFlow  *flow,
               GString   *text)
{
  MoatDocument *document = describer->canvas->document;
  MoatElement *source = moat_document_get_flow_source (document, flow);
  MoatElement *target = moat_document_get_flow_target (document, flow);
  g_autoptr(GString) crossed = g_string_new (NULL);
  const MoatCrossing *crossing;
  guint n_crossings;

  /* Translators: a data flow's name, then its source and target elements */
  g_string_append_printf (text, _("Data flow “%s” from “%s” to “%s”"),
                          moat_item_get_name (MOAT_ITEM (flow)),
                          source != NULL ? moat_item_get_name (MOAT_ITEM (source)) : "",
                          target != NULL ? moat_item_get_name (MOAT_ITEM (target)) : "");

  if (moat_flow_get_bidirectional (flow))
    g_string_append (text, _(", both ways"));

  crossing = moat_crossings_get_for_flow (describer->crossings,
                                          moat_item_get_id (MOAT_ITEM (flow)), &n_crossings);
  for (guint i = 0; i < n_crossings; i++)
    {
      if (crossed->len > 0)
        g_string_append (crossed, ", ");
      g_string_append_printf (crossed, "“%s”",
                              moat_item_get_name (MOAT_ITEM (crossing[i].boundary)));
    }

  if (crossed->len > 0)
    g_string_append_printf (text, _(", crosses trust boundary %s"), crossed->str);

  if (moat_flow_get_out_of_scope (flow))
    g_string_append (text, _(", out of scope"));
}

static void
describe_boundary (Describer    *describer,
                   MoatBoundary *boundary,
                   GString      *text)
{
  guint n_inside = count_elements_in (describer, boundary);

  g_string_append_printf (text, _("Trust boundary “%s”"),
                          moat_item_get_name (MOAT_ITEM (boundary)));
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "contains %u element",
                                             "contains %u elements", n_inside),
                          n_inside);
}

static char *
describe_item (Describer *describer,
               MoatItem  *item)
{
  GString *text = g_string_new (NULL);
  guint n_threats;

  if (MOAT_IS_ELEMENT (item))
    describe_element (describer, MOAT_ELEMENT (item), text);
  else if (MOAT_IS_FLOW (item))
    describe_flow (describer, MOAT_FLOW (item), text);
  else if (MOAT_IS_BOUNDARY (item))
    describe_boundary (describer, MOAT_BOUNDARY (item), text);

  if (!MOAT_IS_BOUNDARY (item))
    {
      n_threats = count_open_threats (describer->canvas, item);
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u open threat",
                                                 "%u open threats", n_threats),
                              n_threats);
    }

  return g_string_free (text, FALSE);
}

/**
 * moat_canvas_dup_item_description:
 * @item: an item of the diagram shown
 *
 * Returns: (transfer full): a sentence for a screen reader: the item's
 *   kind and name, its trust boundary or crossings, its flows and its
 *   open threats
 */
char *
moat_canvas_dup_item_description (MoatCanvas *self,
                                  MoatItem   *item)
{
  Describer describer;
  char *description;

  describer_init (&describer, self);
  description = describe_item (&describer, item);
  describer_clear (&describer);

  return description;
}

/**
 * moat_canvas_update_accessible:
 *
 * Describes the diagram and the selection to assistive technologies.
 */
void
moat_canvas_update_accessible (MoatCanvas *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->diagram == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                      -1);
      return;
    }

  /* Translators: the accessible name of the canvas, with the diagram's name */
  label = g_strdup_printf (_("Diagram “%s”"), moat_diagram_get_name (self->diagram));

  if (self->selection->len == 0)
    {
      guint n_items = moat_diagram_get_elements (self->diagram)->len +
                      moat_diagram_get_flows (self->diagram)->len +
                      moat_diagram_get_boundaries (self->diagram)->len;

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Nothing selected, %u item in the diagram",
                                                  "Nothing selected, %u items in the diagram",
                                                  n_items),
                                     n_items);
    }
  else if (self->selection->len == 1)
    {
      g_autofree char *item = moat_canvas_dup_item_description (self,
                                                                g_ptr_array_index (self->selection, 0));

      /* Translators: the description of the one selected item */
      description = g_strdup_printf (_("Selected: %s"), item);
    }
  else
    {
      g_autofree char *primary =
        moat_canvas_dup_item_description (self, MOAT_ITEM (moat_canvas_get_selected_item (self)));

      /* Translators: the number of selected items, then the description
       * of the one selected last */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected, last: %s",
                                                  "%u items selected, last: %s",
                                                  self->selection->len),
                                     self->selection->len, primary);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Grows @area to take in @point. */
static void
add_point (MoatRect  *area,
           MoatPoint  point)
{
  MoatRect dot = { point.x, point.y, 0, 0 };

  moat_rect_union (area, &dot, area);
}

/* Gets the area an item covers in diagram units, which decides whether
 * it is in view and where its accessible is placed. For an element or
 * boundary it is the frame. For a data flow it is the box around the
 * centres of its ends and its bend points. */
static gboolean
get_item_area (MoatCanvas *self,
               MoatItem   *item,
               MoatRect   *area)
{
  MoatElement *source;
  MoatElement *target;
  const MoatPointList *vertices;
  MoatRect bounds;

  if (moat_canvas_get_item_rect (item, area))
    return TRUE;

  if (!MOAT_IS_FLOW (item))
    return FALSE;

  source = moat_document_get_flow_source (self->document, MOAT_FLOW (item));
  target = moat_document_get_flow_target (self->document, MOAT_FLOW (item));
  if (source == NULL || target == NULL)
    return FALSE;

  bounds = moat_element_get_bounds (source);
  area->x = bounds.x + bounds.width / 2;
  area->y = bounds.y + bounds.height / 2;
  area->width = 0;
  area->height = 0;

  bounds = moat_element_get_bounds (target);
  add_point (area, moat_rect_get_center (&bounds));

  vertices = moat_flow_get_vertices (MOAT_FLOW (item));
  for (guint i = 0; vertices != NULL && i < moat_point_list_get_n_points (vertices); i++)
    add_point (area, moat_point_list_get_point (vertices, i));

  /* A straight horizontal or vertical flow still gets a box to sit in. */
  area->x -= FLOW_MARGIN;
  area->y -= FLOW_MARGIN;
  area->width += 2 * FLOW_MARGIN;
  area->height += 2 * FLOW_MARGIN;

  return TRUE;
}

/* Whether the keyboard focus is on the canvas or one of its items, as
 * opposed to the rename popover or a widget elsewhere. */
static gboolean
has_focus_in_items (MoatCanvas *self)
{
  GtkWidget *focus_child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  return gtk_widget_has_focus (GTK_WIDGET (self)) ||
         (focus_child != NULL && MOAT_IS_CANVAS_ITEM (focus_child));
}

/* The items to expose, in the order Tab visits them: those in view up to
 * the limit, and the primary selection wherever it is. */
static GPtrArray *
collect_exposed_items (MoatCanvas *self)
{
  GPtrArray *exposed = g_ptr_array_new ();
  GObject *primary = moat_canvas_get_selected_item (self);
  GPtrArray *arrays[3];
  MoatRect visible;

  if (self->diagram == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return exposed;

  arrays[0] = moat_diagram_get_elements (self->diagram);
  arrays[1] = moat_diagram_get_flows (self->diagram);
  arrays[2] = moat_diagram_get_boundaries (self->diagram);
  moat_canvas_get_visible_area (self, &visible);

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatItem *item = g_ptr_array_index (arrays[a], i);
        MoatRect area;

        if ((GObject *)item == primary ||
            (exposed->len < MAX_EXPOSED_ITEMS && get_item_area (self, item, &area) &&
             moat_rect_intersects (&area, &visible)))
          g_ptr_array_add (exposed, item);
      }

  return exposed;
}

static void
remove_item_widget (MoatCanvas *self,
                    GtkWidget  *widget)
{
  /* Unparenting the focus widget would leave the window with none, and
   * the canvas's shortcuts with no way to be reached. */
  if (gtk_widget_has_focus (widget))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  g_hash_table_remove (self->item_widgets,
                       moat_canvas_item_get_item (MOAT_CANVAS_ITEM (widget)));
  gtk_widget_unparent (widget);
}

static gboolean
sync_accessible_items_cb (gpointer data)
{
  MoatCanvas *self = data;

  self->accessible_sync_id = 0;
  self->accessible_sync_waits = FALSE;
  moat_canvas_sync_accessible_items (self);

  return G_SOURCE_REMOVE;
}

/**
 * moat_canvas_queue_accessible_sync:
 *
 * Brings the exposed items up to date once the main loop is idle, after
 * an edit or a selection change.
 */
void
moat_canvas_queue_accessible_sync (MoatCanvas *self)
{
  if (self->accessible_sync_waits)
    g_clear_handle_id (&self->accessible_sync_id, g_source_remove);

  if (self->accessible_sync_id == 0)
    self->accessible_sync_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                                sync_accessible_items_cb, self, NULL);
  self->accessible_sync_waits = FALSE;
}

/**
 * moat_canvas_queue_accessible_sync_after_view_change:
 *
 * Brings the exposed items up to date once the view has stopped moving
 * for a moment. A sync walks the whole diagram, which on large diagrams
 * would slow every frame of a pan or a zoom.
 */
void
moat_canvas_queue_accessible_sync_after_view_change (MoatCanvas *self)
{
  if (self->accessible_sync_id != 0 && !self->accessible_sync_waits)
    return;

  g_clear_handle_id (&self->accessible_sync_id, g_source_remove);
  self->accessible_sync_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, VIEW_SYNC_DELAY_MS,
                                                 sync_accessible_items_cb, self, NULL);
  self->accessible_sync_waits = TRUE;
}

/**
 * moat_canvas_sync_accessible_items:
 *
 * Makes the canvas's #MoatCanvasItem children match the items in view,
 * in Tab order, with their names, descriptions and selected states up to
 * date. When the keyboard focus is in the canvas, it moves to the primary
 * selection.
 */
void
moat_canvas_sync_accessible_items (MoatCanvas *self)
{
  g_autoptr(GPtrArray) exposed = collect_exposed_items (self);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  GObject *primary = moat_canvas_get_selected_item (self);
  gboolean focus_in_items = has_focus_in_items (self);
  GtkWidget *child;
  GtkWidget *primary_widget = NULL;
  Describer describer;

  g_clear_handle_id (&self->accessible_sync_id, g_source_remove);
  self->accessible_sync_waits = FALSE;

  for (guint i = 0; i < exposed->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (exposed, i));

  /* Drop the children of items that left the view or the diagram. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (MOAT_IS_CANVAS_ITEM (child) &&
          !g_hash_table_contains (wanted, moat_canvas_item_get_item (MOAT_CANVAS_ITEM (child))))
        remove_item_widget (self, child);

      child = next;
    }

  if (exposed->len > 0)
    describer_init (&describer, self);

  /* The children come first, in Tab order; the popovers follow them. A
   * child already in place is not moved. */
  child = NULL;
  for (guint i = 0; i < exposed->len; i++)
    {
      MoatItem *item = g_ptr_array_index (exposed, i);
      GtkWidget *widget = g_hash_table_lookup (self->item_widgets, item);
      g_autofree char *description = describe_item (&describer, item);

      if (widget == NULL)
        {
          widget = moat_canvas_item_new (item);
          g_hash_table_insert (self->item_widgets, item, widget);
          gtk_widget_insert_after (widget, GTK_WIDGET (self), child);
        }
      else if (gtk_widget_get_prev_sibling (widget) != child)
        {
          gtk_widget_insert_after (widget, GTK_WIDGET (self), child);
        }

      moat_canvas_item_update (MOAT_CANVAS_ITEM (widget), moat_item_get_name (item), description,
                               moat_canvas_is_selected (self, item));
      if ((GObject *)item == primary)
        primary_widget = widget;
      child = widget;
    }

  if (exposed->len > 0)
    describer_clear (&describer);

  /* The focus follows the selection only when the user is in the canvas,
   * so selecting from the threat list leaves the focus there. */
  if (focus_in_items)
    {
      if (primary_widget != NULL)
        gtk_widget_grab_focus (primary_widget);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  /* Placing the children over their items is the next allocation's job;
   * it does not come back here unless the canvas's size changed. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * moat_canvas_allocate_accessible_items:
 *
 * Places each #MoatCanvasItem child over its item, within the canvas, so
 * that assistive technologies know where it is on screen.
 */
void
moat_canvas_allocate_accessible_items (MoatCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MoatItem *item;
      MoatRect area;
      double x1 = 0;
      double y1 = 0;
      double x2 = 0;
      double y2 = 0;
      GtkAllocation allocation;

      if (!MOAT_IS_CANVAS_ITEM (child))
        continue;

      item = moat_canvas_item_get_item (MOAT_CANVAS_ITEM (child));
      if (get_item_area (self, item, &area))
        {
          moat_canvas_diagram_to_widget (self, (MoatPoint) { area.x, area.y }, &x1, &y1);
          moat_canvas_diagram_to_widget (self,
                                         (MoatPoint) { area.x + area.width, area.y + area.height },
                                         &x2, &y2);
        }

      /* An item partly out of view gets the part in view. The primary
       * selection may be out of view; it gets an empty box at the edge. */
      allocation.x = CLAMP ((int)floor (x1), 0, width);
      allocation.y = CLAMP ((int)floor (y1), 0, height);
      allocation.width = CLAMP ((int)ceil (x2), 0, width) - allocation.x;
      allocation.height = CLAMP ((int)ceil (y2), 0, height) - allocation.y;
      gtk_widget_size_allocate (child, &allocation, -1);
    }
}

/**
 * moat_canvas_clear_accessible_items:
 *
 * Removes every #MoatCanvasItem child, when the diagram goes away.
 */
void
moat_canvas_clear_accessible_items (MoatCanvas *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  g_clear_handle_id (&self->accessible_sync_id, g_source_remove);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (MOAT_IS_CANVAS_ITEM (child))
        remove_item_widget (self, child);

      child = next;
    }
}
