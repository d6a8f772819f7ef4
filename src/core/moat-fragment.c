/* moat-fragment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-document-private.h"
#include "moat-format.h"
#include "moat-fragment.h"

/* Creates a copy of @object with every readable and writable property,
 * and @id in place of its own. */
static gpointer
clone_object (GObject    *object,
              const char *id)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_array_set_clear_func (values, (GDestroyNotify)g_value_unset);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GValue *value;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;

      g_array_set_size (values, values->len + 1);
      value = &g_array_index (values, GValue, values->len - 1);
      g_value_init (value, pspecs[i]->value_type);

      if (g_str_equal (pspecs[i]->name, "id"))
        g_value_set_string (value, id);
      else
        g_object_get_property (object, pspecs[i]->name, value);

      g_ptr_array_add (names, (gpointer)pspecs[i]->name);
    }

  return g_object_new_with_properties (G_OBJECT_TYPE (object), names->len,
                                       (const char **)names->pdata,
                                       (const GValue *)values->data);
}

static char *
new_id_for (GObject *object)
{
  if (MOAT_IS_ELEMENT (object))
    return moat_item_new_id ("element");
  if (MOAT_IS_FLOW (object))
    return moat_item_new_id ("flow");
  if (MOAT_IS_BOUNDARY (object))
    return moat_item_new_id ("boundary");
  if (MOAT_IS_THREAT (object))
    return moat_item_new_id ("threat");

  return moat_item_new_id ("diagram");
}

static gboolean
flow_ends_in (MoatDocument *document,
              MoatFlow     *flow,
              GHashTable   *items)
{
  MoatElement *source = moat_document_get_flow_source (document, flow);
  MoatElement *target = moat_document_get_flow_target (document, flow);

  return source != NULL && target != NULL &&
         g_hash_table_contains (items, source) && g_hash_table_contains (items, target);
}

/**
 * moat_fragment_new:
 * @document: the document that contains @items
 * @items: (array length=n_items): elements, flows and boundaries of one
 *   diagram of @document
 *
 * Copies @items, with their ids, into a new document of one diagram,
 * together with the threats recorded on them. A flow comes along only
 * when both its ends are among @items, so a fragment never has a flow
 * with a missing end. Items keep the order they have in their diagram.
 *
 * Returns: (transfer full): the fragment, which has no undo history
 */
MoatDocument *
moat_fragment_new (MoatDocument  *document,
                   MoatItem     **items,
                   guint          n_items)
{
  g_autoptr(GHashTable) selected = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) copied_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(MoatDiagram) copy = moat_diagram_new (NULL, _("Copied items"));
  MoatDocument *fragment = moat_document_new ();
  MoatDiagram *diagram = NULL;
  GPtrArray *threats;
  GPtrArray *arrays[3];
  guint next_number = 1;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (items != NULL || n_items == 0, NULL);

  moat_document_append_diagram_internal (fragment, copy);

  for (guint i = 0; i < n_items; i++)
    {
      g_return_val_if_fail (MOAT_IS_ITEM (items[i]), fragment);
      g_hash_table_add (selected, items[i]);
      diagram = moat_document_get_diagram_of (document, items[i]);
    }

  if (diagram == NULL)
    return fragment;

  arrays[0] = moat_diagram_get_boundaries (diagram);
  arrays[1] = moat_diagram_get_elements (diagram);
  arrays[2] = moat_diagram_get_flows (diagram);

  /* Elements go before flows, so the loader of a serialized fragment
   * finds each flow's ends. */
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatItem *item = g_ptr_array_index (arrays[a], i);
        g_autoptr(MoatItem) clone = NULL;

        if (!g_hash_table_contains (selected, item))
          continue;
        if (MOAT_IS_FLOW (item) && !flow_ends_in (document, MOAT_FLOW (item), selected))
          continue;

        clone = clone_object (G_OBJECT (item), moat_item_get_id (item));
        moat_document_append_item_internal (fragment, copy, clone);
        g_hash_table_add (copied_ids, (char *)moat_item_get_id (item));
      }

  threats = moat_document_get_threats (document);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      g_autoptr(MoatThreat) clone = NULL;

      if (!g_hash_table_contains (copied_ids, moat_threat_get_target_id (threat)))
        continue;

      clone = clone_object (G_OBJECT (threat), moat_threat_get_id (threat));
      moat_document_append_threat_internal (fragment, clone);
      next_number = MAX (next_number, moat_threat_get_number (threat) + 1);
    }

  moat_document_set_next_threat_number_internal (fragment, next_number);

  return fragment;
}

/**
 * moat_fragment_load:
 * @bytes: a fragment in the .moat format, as from moat_format_serialize()
 *
 * Reads a fragment, such as one from the clipboard, with the checks of the
 * .moat loader.
 *
 * Returns: (transfer full) (nullable): the fragment, or %NULL with @error
 *   set if @bytes is not a valid model with at least one diagram
 */
MoatDocument *
moat_fragment_load (GBytes  *bytes,
                    GError **error)
{
  g_autoptr(MoatDocument) fragment = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Translators: the name of the pasted data in an error message. */
  fragment = moat_format_load_bytes (bytes, _("clipboard"), error);
  if (fragment == NULL)
    return NULL;

  if (moat_document_get_diagrams (fragment)->len == 0)
    {
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID,
                   _("The clipboard holds a model with no diagram, so there is nothing to paste"));
      return NULL;
    }

  return g_steal_pointer (&fragment);
}

/**
 * moat_fragment_get_bounds:
 * @bounds: (out): the union of the bounds of the fragment's elements and
 *   boundaries
 *
 * Returns: %FALSE if the fragment has no elements or boundaries
 */
gboolean
moat_fragment_get_bounds (MoatDocument *fragment,
                          MoatRect     *bounds)
{
  GPtrArray *diagrams;
  gboolean found = FALSE;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (fragment), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  diagrams = moat_document_get_diagrams (fragment);
  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatRect extents;

      if (!moat_diagram_get_extents (g_ptr_array_index (diagrams, i), &extents))
        continue;

      if (found)
        moat_rect_union (bounds, &extents, bounds);
      else
        *bounds = extents;
      found = TRUE;
    }

  return found;
}

static MoatPointList *
dup_moved_points (const MoatPointList *points,
                  double               dx,
                  double               dy)
{
  guint n_points = moat_point_list_get_n_points (points);
  g_autofree MoatPoint *moved = g_new (MoatPoint, MAX (n_points, 1));

  for (guint i = 0; i < n_points; i++)
    {
      moved[i] = moat_point_list_get_point (points, i);
      moved[i].x += dx;
      moved[i].y += dy;
    }

  return moat_point_list_new (moved, n_points);
}

/* Adds a copy of @item with a fresh id, moved by (@dx, @dy), and records
 * the new id. Returns %NULL for a flow whose ends were not pasted. */
static MoatItem *
paste_item (MoatDocument *document,
            MoatDiagram  *diagram,
            MoatItem     *item,
            GHashTable   *new_ids,
            double        dx,
            double        dy)
{
  g_autofree char *id = new_id_for (G_OBJECT (item));
  g_autoptr(MoatItem) clone = NULL;

  if (MOAT_IS_FLOW (item))
    {
      const char *source = g_hash_table_lookup (new_ids, moat_flow_get_source_id (MOAT_FLOW (item)));
      const char *target = g_hash_table_lookup (new_ids, moat_flow_get_target_id (MOAT_FLOW (item)));
      g_autoptr(MoatPointList) vertices = NULL;

      if (source == NULL || target == NULL)
        return NULL;

      clone = clone_object (G_OBJECT (item), id);
      vertices = dup_moved_points (moat_flow_get_vertices (MOAT_FLOW (item)), dx, dy);
      g_object_set (clone,
                    "source-id", source,
                    "target-id", target,
                    "vertices", vertices,
                    NULL);
    }
  else
    {
      MoatRect bounds;

      clone = clone_object (G_OBJECT (item), id);
      g_object_get (clone, "x", &bounds.x, "y", &bounds.y, NULL);
      g_object_set (clone, "x", bounds.x + dx, "y", bounds.y + dy, NULL);
    }

  /* The clone is not in the document yet, so the changes above record
   * nothing; adding it is the undoable edit. */
  moat_document_add_item (document, diagram, clone);
  g_hash_table_insert (new_ids, g_strdup (moat_item_get_id (item)), g_steal_pointer (&id));

  return g_steal_pointer (&clone);
}

/**
 * moat_fragment_paste:
 * @document: the document to paste into
 * @diagram: a diagram of @document
 * @fragment: a fragment, from moat_fragment_new() or moat_fragment_load()
 * @dx: how far to move the pasted items to the right
 * @dy: how far to move the pasted items down
 * @label: (nullable): the name of the undo step
 *
 * Adds copies of the fragment's items to @diagram, and copies of their
 * threats, as one undoable step. Every copy gets a fresh id and every
 * threat the next THREAT-NNN number of @document, so pasting twice never
 * clashes. Flows whose ends are not in the fragment are left out, and so
 * are the threats of whatever was left out.
 *
 * Returns: (transfer container) (element-type MoatItem): the items added,
 *   in the order they were added
 */
GPtrArray *
moat_fragment_paste (MoatDocument *document,
                     MoatDiagram  *diagram,
                     MoatDocument *fragment,
                     double        dx,
                     double        dy,
                     const char   *label)
{
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *diagrams;
  GPtrArray *threats;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), added);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), added);
  g_return_val_if_fail (MOAT_IS_DOCUMENT (fragment), added);

  moat_document_begin_group (document, label);

  /* Elements and boundaries of every diagram first, then the flows, so
   * each flow finds its ends' new ids. */
  diagrams = moat_document_get_diagrams (fragment);
  for (guint pass = 0; pass < 2; pass++)
    for (guint d = 0; d < diagrams->len; d++)
      {
        MoatDiagram *source = g_ptr_array_index (diagrams, d);
        GPtrArray *arrays[2];

        arrays[0] = pass == 0 ? moat_diagram_get_boundaries (source)
                              : moat_diagram_get_flows (source);
        arrays[1] = pass == 0 ? moat_diagram_get_elements (source) : NULL;

        for (guint a = 0; a < G_N_ELEMENTS (arrays) && arrays[a] != NULL; a++)
          for (guint i = 0; i < arrays[a]->len; i++)
            {
              MoatItem *item = paste_item (document, diagram, g_ptr_array_index (arrays[a], i),
                                           new_ids, dx, dy);

              if (item != NULL)
                g_ptr_array_add (added, item);
            }
      }

  threats = moat_document_get_threats (fragment);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      const char *target = g_hash_table_lookup (new_ids, moat_threat_get_target_id (threat));
      g_autofree char *id = NULL;
      g_autoptr(MoatThreat) clone = NULL;

      if (target == NULL)
        continue;

      /* Number 0 makes the document give the next number. */
      id = new_id_for (G_OBJECT (threat));
      clone = clone_object (G_OBJECT (threat), id);
      g_object_set (clone, "target-id", target, "number", 0u, NULL);
      moat_document_add_threat (document, clone);
    }

  moat_document_end_group (document);

  return added;
}

static GPtrArray *
dup_annotations (GPtrArray *annotations)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_annotation_unref);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      MoatAnnotation *annotation = g_ptr_array_index (annotations, i);
      MoatRect bounds = moat_annotation_get_bounds (annotation);

      if (moat_annotation_get_kind (annotation) == MOAT_ANNOTATION_KIND_NOTE)
        g_ptr_array_add (copies, moat_annotation_new_note (NULL, moat_annotation_get_text (annotation),
                                                           &bounds));
      else
        g_ptr_array_add (copies,
                         moat_annotation_new_boundary_curve (NULL,
                                                             moat_annotation_get_text (annotation),
                                                             moat_annotation_get_description (annotation),
                                                             moat_annotation_get_points (annotation)));
    }

  return copies;
}

/**
 * moat_fragment_duplicate_diagram:
 * @document: the document that contains @diagram
 * @diagram: the diagram to copy
 * @name: the name of the copy
 *
 * Adds a copy of @diagram right after it, with copies of all its items,
 * annotations and threats under fresh ids and new threat numbers, as one
 * undoable step.
 *
 * Returns: (transfer none): the copy
 */
MoatDiagram *
moat_fragment_duplicate_diagram (MoatDocument *document,
                                 MoatDiagram  *diagram,
                                 const char   *name)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(MoatDocument) fragment = NULL;
  g_autoptr(MoatDiagram) copy = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *id = NULL;
  guint position;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!g_ptr_array_find (moat_document_get_diagrams (document), diagram, &position))
    g_return_val_if_reached (NULL);

  g_ptr_array_extend (items, moat_diagram_get_boundaries (diagram), NULL, NULL);
  g_ptr_array_extend (items, moat_diagram_get_elements (diagram), NULL, NULL);
  g_ptr_array_extend (items, moat_diagram_get_flows (diagram), NULL, NULL);
  fragment = moat_fragment_new (document, (MoatItem **)items->pdata, items->len);

  id = new_id_for (G_OBJECT (diagram));
  copy = clone_object (G_OBJECT (diagram), id);
  annotations = dup_annotations (moat_diagram_get_annotations (diagram));
  g_object_set (copy, "name", name, "annotations", annotations, NULL);

  moat_document_begin_group (document, _("Duplicate diagram"));
  moat_document_add_diagram (document, copy);
  moat_document_move_diagram (document, copy, position + 1);
  added = moat_fragment_paste (document, copy, fragment, 0, 0, NULL);
  moat_document_end_group (document);

  return copy;
}
