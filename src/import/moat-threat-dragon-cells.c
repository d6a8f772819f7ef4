/* moat-threat-dragon-cells.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"


#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-document-private.h"
#include "moat-input-limits.h"
#include "moat-threat-dragon-private.h"
/* Turns Threat Dragon cells into Moat elements, flows, boundaries and
 * annotations. Version 1 cells keep their properties on the cell, and
 * version 2 cells in their data; Cell.data points at the right one. */

/* Keys that Threat Dragon derives or uses only for drawing; they carry no
 * model data, so they are read past without a report line. */
static const char * const ignored_cell_keys[] = {
  "attrs", "visible", "zIndex", "z", "ports", "tools", "width", "height", "connector",
  "router", "angle", "smooth", "markup", "size", "position", "shape", "type", "id",
  "data", "labels", "source", "target", "vertices", "threats", "$$hashKey", NULL,
};

static const char * const ignored_data_keys[] = {
  "type", "hasOpenThreats", "isTrustBoundary", "threatFrequency", "name", "description",
  "outOfScope", "reasonOutOfScope", "threats", NULL,
};

static const char * const element_data_keys[] = {
  "privilegeLevel", "isWebApplication", "isALog", "storesCredentials", "isEncrypted",
  "isSigned", "providesAuthentication", "handlesCardPayment", "handlesGoodsOrServices",
  "storesInventory", NULL,
};

static const char * const flow_data_keys[] = {
  "isBidirectional", "isEncrypted", "isPublicNetwork", "protocol", "isSigned", NULL,
};

/* Threat Dragon flags with no Moat property. They are written into the
 * element's description so that they stay visible. */
static const struct
{
  const char *key;
  const char *label;
} unsupported_flags[] = {
  { "providesAuthentication", N_("provides authentication") },
  { "handlesCardPayment", N_("handles card payment") },
  { "handlesGoodsOrServices", N_("handles goods or services") },
  { "storesInventory", N_("stores inventory") },
};

static CellKind
kind_from_type (const char *type)
{
  static const struct
  {
    const char *type;
    CellKind kind;
  } types[] = {
    { "tm.Actor", CELL_ACTOR },
    { "tm.Process", CELL_PROCESS },
    { "tm.Store", CELL_STORE },
    { "tm.Flow", CELL_FLOW },
    { "tm.Boundary", CELL_BOUNDARY_CURVE },
    { "tm.BoundaryBox", CELL_BOUNDARY_BOX },
    { "tm.Text", CELL_TEXT },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (type, types[i].type))
      return types[i].kind;

  return CELL_UNKNOWN;
}

static CellKind
kind_from_shape (const char *shape)
{
  static const struct
  {
    const char *shape;
    CellKind kind;
  } shapes[] = {
    { "actor", CELL_ACTOR },
    { "process", CELL_PROCESS },
    { "store", CELL_STORE },
    { "flow", CELL_FLOW },
    { "trust-boundary-box", CELL_BOUNDARY_BOX },
    { "trust-boundary-curve", CELL_BOUNDARY_CURVE },
    { "td-text-block", CELL_TEXT },
  };

  for (guint i = 0; shape != NULL && i < G_N_ELEMENTS (shapes); i++)
    if (g_str_equal (shape, shapes[i].shape))
      return shapes[i].kind;

  return CELL_UNKNOWN;
}

/* Works out what a cell is: from its shape (version 2) or type (version 1),
 * falling back on the version 2 data.type for a shape Threat Dragon does
 * not define, such as the misspelt "trust-broundary-curve" of some files. */
void
td_classify_cell (Importer *importer,
               Cell     *cell)
{
  const char *shape = td_get_string_member (cell->object, "shape");
  const char *type;

  if (!cell->v2)
    {
      cell->kind = kind_from_type (td_get_string_member (cell->object, "type"));
      return;
    }

  cell->kind = kind_from_shape (shape);
  if (cell->kind != CELL_UNKNOWN)
    return;

  type = td_get_string_member (cell->data, "type");
  cell->kind = kind_from_type (type);
  if (cell->kind != CELL_UNKNOWN)
    td_report (importer, "shape",
            _("unknown shape “%s”; read as “%s” from data.type"),
            shape != NULL ? shape : "", type);
}

/* The first label of a link, in any of the ways Threat Dragon wrote it. */
static const char *
get_label_text (JsonObject *cell)
{
  JsonNode *labels = json_object_get_member (cell, "labels");
  JsonNode *first;
  JsonObject *attrs;

  if (labels == NULL || !JSON_NODE_HOLDS_ARRAY (labels) ||
      json_array_get_length (json_node_get_array (labels)) == 0)
    return NULL;

  first = json_array_get_element (json_node_get_array (labels), 0);
  if (td_holds_type (first, G_TYPE_STRING))
    return json_node_get_string (first);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;

  attrs = td_get_object_member (json_node_get_object (first), "attrs");
  for (guint i = 0; attrs != NULL && i < 3; i++)
    {
      static const char * const selectors[] = { "labelText", "label", "text" };
      JsonObject *selector = td_get_object_member (attrs, selectors[i]);
      const char *text = td_get_string_member (selector, "text");

      if (text != NULL)
        return text;
    }

  return NULL;
}

static const char *
get_attrs_text (JsonObject *cell,
                const char *selector)
{
  JsonObject *attrs = td_get_object_member (cell, "attrs");
  JsonObject *part = attrs != NULL
                     ? td_get_object_member (attrs, selector)
                     : NULL;

  return td_get_string_member (part, "text");
}

/* The name of a cell: data.name in version 2, else the text drawn on it. */
static const char *
read_cell_name (Importer *importer,
                Cell     *cell)
{
  const char *name = NULL;

  if (cell->v2 && json_object_has_member (cell->data, "name"))
    {
      td_push_key (importer, "data");
      name = td_read_string (importer, cell->data, "name");
      td_pop (importer);
      return name;
    }

  if (cell->kind == CELL_FLOW || cell->kind == CELL_BOUNDARY_CURVE)
    name = get_label_text (cell->object);
  if (name == NULL)
    name = get_attrs_text (cell->object, "text");
  if (name == NULL)
    name = get_attrs_text (cell->object, "label");

  return name != NULL ? name : "";
}

/* Reads position and size; a size below Moat's smallest is enlarged. */
static gboolean
read_bounds (Importer   *importer,
             Cell       *cell,
             MoatRect   *bounds)
{
  JsonObject *position = td_read_object (importer, cell->object, "position", TRUE);
  JsonObject *size = td_read_object (importer, cell->object, "size", TRUE);
  gboolean valid = position != NULL && size != NULL;

  if (position != NULL)
    {
      td_push_key (importer, "position");
      valid &= td_read_coordinate (importer, position, "x", &bounds->x);
      valid &= td_read_coordinate (importer, position, "y", &bounds->y);
      td_pop (importer);
    }

  if (size != NULL)
    {
      td_push_key (importer, "size");
      valid &= td_read_coordinate (importer, size, "width", &bounds->width);
      valid &= td_read_coordinate (importer, size, "height", &bounds->height);
      td_pop (importer);
    }

  if (valid && (bounds->width < MOAT_SIZE_MIN || bounds->height < MOAT_SIZE_MIN))
    {
      td_report (importer, "size", _("size %g × %g is below Moat's smallest, %g; enlarged"),
              bounds->width, bounds->height, MOAT_SIZE_MIN);
      bounds->width = MAX (bounds->width, MOAT_SIZE_MIN);
      bounds->height = MAX (bounds->height, MOAT_SIZE_MIN);
    }

  return valid;
}

/* Reads a list of {x, y} points, such as a link's vertices. */
static void
read_point_list (Importer   *importer,
                 JsonObject *object,
                 const char *key,
                 GArray     *points)
{
  JsonArray *array = td_read_array (importer, object, key, FALSE);

  if (array == NULL || !td_check_length (importer, array, key, MOAT_INPUT_MAX_POINTS))
    return;

  td_push_key (importer, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item;
      MoatPoint point;

      td_push_index (importer, i);
      item = td_array_object (importer, array, i);
      if (item != NULL &&
          td_read_coordinate (importer, item, "x", &point.x) &
          td_read_coordinate (importer, item, "y", &point.y))
        g_array_append_val (points, point);
      td_pop (importer);
    }
  td_pop (importer);
}

static void
append_unsupported_flags (Importer    *importer,
                          Cell        *cell,
                          MoatElement *element)
{
  g_autoptr(GString) description = g_string_new (moat_item_get_description (MOAT_ITEM (element)));
  gboolean changed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unsupported_flags); i++)
    {
      g_autofree char *quoted = NULL;

      if (!td_read_boolean (importer, cell->data, unsupported_flags[i].key))
        continue;

      if (!changed)
        g_string_append (description, description->len > 0 ? "\n\n" : "");
      else
        g_string_append (description, "\n");

      /* Translators: a Threat Dragon flag kept in an element's description. */
      g_string_append_printf (description, _("Threat Dragon: %s."), _(unsupported_flags[i].label));
      quoted = td_dup_quoted_name (moat_item_get_name (MOAT_ITEM (element)));
      td_report (importer, unsupported_flags[i].key,
              _("“%s” has no Moat property; it was written into the description of the "
                "element %s"),
              unsupported_flags[i].key, quoted);
      changed = TRUE;
    }

  if (changed)
    g_object_set (element, "description", description->str, NULL);
}

void
td_enter_data (Importer *importer,
            Cell     *cell)
{
  if (cell->v2)
    td_push_key (importer, "data");
}

void
td_leave_data (Importer *importer,
            Cell     *cell)
{
  if (cell->v2)
    td_pop (importer);
}

/* Reports the keys of a cell, and of its data in version 2, that are
 * neither drawing details nor properties in @properties. In version 1 the
 * properties sit on the cell itself. */
static void
report_cell_keys (Importer           *importer,
                  Cell               *cell,
                  const char * const *properties)
{
  if (cell->v2)
    {
      td_report_unknown_keys (importer, cell->object, ignored_cell_keys, NULL);
      td_push_key (importer, "data");
      td_report_unknown_keys (importer, cell->data, ignored_data_keys, properties);
      td_pop (importer);
    }
  else
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) known = NULL;

      g_strv_builder_addv (builder, (const char **)ignored_cell_keys);
      g_strv_builder_addv (builder, (const char **)ignored_data_keys);
      known = g_strv_builder_end (builder);
      td_report_unknown_keys (importer, cell->object, (const char * const *)known, properties);
    }
}

/* Threat Dragon 1.x could rotate elements; Moat draws them upright. */
static void
report_rotation (Importer *importer,
                 Cell     *cell)
{
  JsonNode *angle = json_object_get_member (cell->object, "angle");

  if (angle != NULL && td_holds_number (angle) && json_node_get_double (angle) != 0)
    td_report (importer, "angle", _("the rotation by %g° was not kept; Moat draws elements upright"),
            json_node_get_double (angle));
}

static void
add_center (DiagramContext *context,
            Cell           *cell,
            MoatPoint       center)
{
  if (cell->td_id != NULL && !g_hash_table_contains (context->centers, cell->td_id))
    g_hash_table_insert (context->centers, (char *)cell->td_id,
                         g_memdup2 (&center, sizeof center));
}

void
td_import_element (Importer       *importer,
                DiagramContext *context,
                Cell           *cell)
{
  static const MoatElementKind kinds[] = {
    [CELL_ACTOR] = MOAT_ELEMENT_KIND_EXTERNAL_ENTITY,
    [CELL_PROCESS] = MOAT_ELEMENT_KIND_PROCESS,
    [CELL_STORE] = MOAT_ELEMENT_KIND_DATA_STORE,
  };
  g_autoptr(MoatElement) element = NULL;
  MoatRect bounds;
  const char *name = read_cell_name (importer, cell);
  const char *id;

  if (!read_bounds (importer, cell, &bounds))
    return;

  id = td_claim_id (importer, cell->td_id, "element");
  element = moat_element_new (kinds[cell->kind], id, name);

  td_enter_data (importer, cell);
  g_object_set (element,
                "description", td_read_string (importer, cell->data, "description"),
                "out-of-scope", td_read_boolean (importer, cell->data, "outOfScope"),
                "out-of-scope-reason", td_read_string (importer, cell->data, "reasonOutOfScope"),
                "privilege-level", td_read_string (importer, cell->data, "privilegeLevel"),
                "web-application", td_read_boolean (importer, cell->data, "isWebApplication"),
                "is-log", td_read_boolean (importer, cell->data, "isALog"),
                "stores-credentials", td_read_boolean (importer, cell->data, "storesCredentials"),
                "encrypted", td_read_boolean (importer, cell->data, "isEncrypted"),
                "signed", td_read_boolean (importer, cell->data, "isSigned"),
                "x", bounds.x,
                "y", bounds.y,
                "width", bounds.width,
                "height", bounds.height,
                NULL);
  append_unsupported_flags (importer, cell, element);
  td_leave_data (importer, cell);
  report_rotation (importer, cell);

  report_cell_keys (importer, cell, element_data_keys);

  moat_document_append_item_internal (importer->document, context->diagram, MOAT_ITEM (element));
  g_hash_table_insert (context->element_positions, (char *)id,
                       GUINT_TO_POINTER (context->element_bounds->len));
  g_array_append_val (context->element_bounds, bounds);
  add_center (context, cell, moat_rect_get_center (&bounds));
  if (cell->td_id != NULL && !g_hash_table_contains (context->element_ids, cell->td_id))
    g_hash_table_insert (context->element_ids, (char *)cell->td_id, (char *)id);

  td_import_threats (importer, context, cell, id);
}

/* Resolves one end of a link. It ends at an element, or at a loose point:
 * its own coordinates, or the centre of a cell that is not an element.
 * Returns %FALSE after reporting a problem. */
static gboolean
read_link_end (Importer       *importer,
               DiagramContext *context,
               Cell           *cell,
               const char     *key,
               const char    **element_id,
               MoatPoint      *point,
               gboolean       *loose)
{
  JsonObject *end = td_read_object (importer, cell->object, key, TRUE);
  const char *reference;

  *element_id = "";
  *loose = FALSE;

  if (end == NULL)
    return FALSE;

  td_push_key (importer, key);
  reference = td_get_string_member (end, cell->v2 ? "cell" : "id");
  if (reference == NULL)
    reference = td_get_string_member (end, cell->v2 ? "id" : "cell");

  if (reference != NULL)
    {
      const char *id = g_hash_table_lookup (context->element_ids, reference);
      MoatPoint *center = g_hash_table_lookup (context->centers, reference);

      td_pop (importer);

      if (center != NULL)
        *point = *center;

      if (id != NULL)
        {
          *element_id = id;
          return TRUE;
        }

      if (center == NULL)
        {
          td_problem (importer, key,
                   _("references cell “%s”, which is not in this diagram; attach the link to "
                     "an existing element or remove it"),
                   reference);
          return FALSE;
        }

      *loose = TRUE;
      td_report (importer, key,
              _("is attached to cell “%s”, which is not an element; the end was left "
                "unconnected at its centre"),
              reference);
      return TRUE;
    }

  *loose = td_read_coordinate (importer, end, "x", &point->x) &
           td_read_coordinate (importer, end, "y", &point->y);
  td_pop (importer);

  return *loose;
}

static gboolean
read_bidirectional (Importer *importer,
                    Cell     *cell)
{
  JsonObject *attrs;
  JsonObject *line;
  JsonObject *marker;
  gboolean bidirectional;

  if (json_object_has_member (cell->data, "isBidirectional"))
    {
      td_enter_data (importer, cell);
      bidirectional = td_read_boolean (importer, cell->data, "isBidirectional");
      td_leave_data (importer, cell);
      return bidirectional;
    }

  /* Files older than the isBidirectional flag show the direction only by
   * an arrow head at the source. */
  attrs = td_get_object_member (cell->object, "attrs");
  line = attrs != NULL ? td_get_object_member (attrs, "line") : NULL;
  marker = line != NULL
           ? td_get_object_member (line, "sourceMarker")
           : NULL;

  return g_strcmp0 (td_get_string_member (marker, "name"), "") > 0;
}

static int
get_element_position (DiagramContext *context,
                      const char     *id)
{
  gpointer position;

  if (!g_hash_table_lookup_extended (context->element_positions, id, NULL, &position))
    return -1;

  return GPOINTER_TO_INT (position);
}

/* Records the flow's line from its source's centre through its bend
 * points to its target's centre. */
static void
add_flow_path (DiagramContext *context,
               MoatFlow       *flow,
               MoatPoint       source,
               MoatPoint       target)
{
  const MoatPointList *vertices = moat_flow_get_vertices (flow);
  MoatThreatDragonFlowPath path = {
    moat_item_get_name (MOAT_ITEM (flow)),
    g_array_new (FALSE, FALSE, sizeof (MoatPoint)),
    get_element_position (context, moat_flow_get_source_id (flow)),
    get_element_position (context, moat_flow_get_target_id (flow)),
  };

  if (path.source >= 0)
    g_array_append_val (path.points, source);
  if (moat_point_list_get_n_points (vertices) > 0)
    g_array_append_vals (path.points, moat_point_list_get_points (vertices),
                         moat_point_list_get_n_points (vertices));
  if (path.target >= 0)
    g_array_append_val (path.points, target);

  g_array_append_val (context->flow_paths, path);
}

void
td_import_flow (Importer       *importer,
             DiagramContext *context,
             Cell           *cell)
{
  g_autoptr(MoatFlow) flow = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  g_autoptr(MoatPointList) vertices = NULL;
  const char *source_id;
  const char *target_id;
  MoatPoint source_point = { 0, 0 };
  MoatPoint target_point = { 0, 0 };
  gboolean source_loose;
  gboolean target_loose;
  gboolean valid;
  const char *name = read_cell_name (importer, cell);
  const char *id;

  valid = read_link_end (importer, context, cell, "source", &source_id, &source_point,
                         &source_loose) &
          read_link_end (importer, context, cell, "target", &target_id, &target_point,
                         &target_loose);

  /* An unconnected end keeps its place as the first or last bend point. */
  if (source_loose)
    g_array_append_val (points, source_point);
  read_point_list (importer, cell->object, "vertices", points);
  if (target_loose)
    g_array_append_val (points, target_point);

  if (!valid)
    return;

  if (source_loose || target_loose)
    {
      g_autofree char *quoted = td_dup_quoted_name (name);

      td_report (importer, NULL, _("the data flow %s is not connected at both ends"), quoted);
    }

  id = td_claim_id (importer, cell->td_id, "flow");
  vertices = moat_point_list_new ((const MoatPoint *)(gpointer)points->data, points->len);
  flow = moat_flow_new (id, source_id, target_id, name);
  g_object_set (flow,
                "bidirectional", read_bidirectional (importer, cell),
                "vertices", vertices,
                NULL);

  td_enter_data (importer, cell);
  g_object_set (flow,
                "description", td_read_string (importer, cell->data, "description"),
                "out-of-scope", td_read_boolean (importer, cell->data, "outOfScope"),
                "out-of-scope-reason", td_read_string (importer, cell->data, "reasonOutOfScope"),
                "protocol", td_read_string (importer, cell->data, "protocol"),
                "encrypted", td_read_boolean (importer, cell->data, "isEncrypted"),
                "public-network", td_read_boolean (importer, cell->data, "isPublicNetwork"),
                "signed", td_read_boolean (importer, cell->data, "isSigned"),
                NULL);
  td_leave_data (importer, cell);
  report_cell_keys (importer, cell, flow_data_keys);

  moat_document_append_item_internal (importer->document, context->diagram, MOAT_ITEM (flow));
  add_flow_path (context, flow, source_point, target_point);
  td_import_threats (importer, context, cell, id);
}

/* Threats belong to elements and flows in Moat; any found elsewhere are
 * listed in the report. */
static void
report_stray_threats (Importer   *importer,
                      Cell       *cell,
                      const char *what)
{
  JsonNode *threats = json_object_get_member (cell->data, "threats");

  if (threats == NULL || !JSON_NODE_HOLDS_ARRAY (threats))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (threats)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (threats), i);
      g_autofree char *title = td_dup_quoted_name (JSON_NODE_HOLDS_OBJECT (node)
                                                ? td_get_string_member (json_node_get_object (node),
                                                                     "title")
                                                : NULL);

      td_enter_data (importer, cell);
      td_push_key (importer, "threats");
      td_push_index (importer, i);
      td_report (importer, NULL,
              _("the threat %s belongs to a %s, which cannot hold threats in Moat; it was not "
                "imported"),
              title, what);
      td_pop (importer);
      td_pop (importer);
      td_leave_data (importer, cell);
    }
}

void
td_import_boundary_box (Importer       *importer,
                     DiagramContext *context,
                     Cell           *cell)
{
  g_autoptr(MoatBoundary) boundary = NULL;
  MoatRect bounds;
  const char *name = read_cell_name (importer, cell);

  if (!read_bounds (importer, cell, &bounds))
    return;

  boundary = moat_boundary_new (td_claim_id (importer, cell->td_id, "boundary"), name);
  td_enter_data (importer, cell);
  g_object_set (boundary,
                "description", td_read_string (importer, cell->data, "description"),
                "x", bounds.x,
                "y", bounds.y,
                "width", bounds.width,
                "height", bounds.height,
                NULL);
  td_leave_data (importer, cell);
  report_cell_keys (importer, cell, NULL);
  report_stray_threats (importer, cell, _("trust boundary"));

  moat_document_append_item_internal (importer->document, context->diagram,
                                      MOAT_ITEM (boundary));
  add_center (context, cell, moat_rect_get_center (&bounds));
}

void
td_import_text (Importer       *importer,
             DiagramContext *context,
             Cell           *cell)
{
  MoatRect bounds;
  const char *text = read_cell_name (importer, cell);
  const char *id;

  if (!read_bounds (importer, cell, &bounds))
    return;

  id = td_claim_id (importer, cell->td_id, "note");
  g_ptr_array_add (context->annotations, moat_annotation_new_note (id, text, &bounds));
  report_cell_keys (importer, cell, NULL);
  report_stray_threats (importer, cell, _("text block"));
  td_report (importer, NULL, _("the text block was imported as a note"));
  add_center (context, cell, moat_rect_get_center (&bounds));
}

void
td_import_boundary_curve (Importer       *importer,
                       DiagramContext *context,
                       Cell           *cell)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  g_autoptr(MoatPointList) point_list = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *quoted = NULL;
  MoatPoint source;
  MoatPoint target;
  MoatRect region;
  gboolean source_loose;
  gboolean target_loose;
  const char *unused_id;
  const char *name = read_cell_name (importer, cell);
  const char *description;
  gboolean valid;

  /* A curve attached to a cell ends at the cell's centre. */
  valid = read_link_end (importer, context, cell, "source", &unused_id, &source, &source_loose) &
          read_link_end (importer, context, cell, "target", &unused_id, &target, &target_loose);
  if (!valid)
    return;

  g_array_append_val (points, source);
  read_point_list (importer, cell->object, "vertices", points);
  g_array_append_val (points, target);

  td_enter_data (importer, cell);
  description = td_read_string (importer, cell->data, "description");
  td_leave_data (importer, cell);
  report_cell_keys (importer, cell, NULL);
  report_stray_threats (importer, cell, _("trust boundary"));
  quoted = td_dup_quoted_name (name);

  if (moat_threat_dragon_close_curve ((const MoatPoint *)(gpointer)points->data, points->len,
                                      (const MoatRect *)(gpointer)context->element_bounds->data,
                                      context->element_bounds->len, context->flow_paths,
                                      &region, &reason))
    {
      g_autoptr(MoatBoundary) boundary =
        moat_boundary_new (td_claim_id (importer, cell->td_id, "boundary"), name);

      g_object_set (boundary,
                    "description", description,
                    "x", region.x,
                    "y", region.y,
                    "width", region.width,
                    "height", region.height,
                    NULL);
      moat_document_append_item_internal (importer->document, context->diagram,
                                          MOAT_ITEM (boundary));
      td_report (importer, NULL,
              _("the trust boundary curve %s was closed into a rectangle around the "
                "elements on the side it encloses"),
              quoted);
      return;
    }

  point_list = moat_point_list_new ((const MoatPoint *)(gpointer)points->data, points->len);
  g_ptr_array_add (context->annotations,
                   moat_annotation_new_boundary_curve (td_claim_id (importer, cell->td_id, "curve"),
                                                       name, description, point_list));
  td_report (importer, NULL,
          _("the trust boundary curve %s was kept as an open line, which takes no part in "
            "boundary crossings, because %s"),
          quoted, reason);
}
