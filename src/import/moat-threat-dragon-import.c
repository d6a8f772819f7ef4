/* moat-threat-dragon-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"

#include <math.h>
#include <stdarg.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-document-private.h"
#include "moat-threat-dragon-import.h"
#include "moat-threat-dragon-private.h"

/* Reads OWASP Threat Dragon models into a Moat document. Version 1 files
 * (Threat Dragon 1.x, JointJS) keep each diagram's cells in
 * diagramJson.cells, with their properties on the cell; version 2 files
 * (Threat Dragon 2.x, AntV X6) keep them in cells, with their properties in
 * the cell's data. The version is told by each diagram's structure, not by
 * the file's version string.
 *
 * Two kinds of message come out. Problems that leave the file unusable
 * (wrong JSON types, missing structure, impossible geometry) fail the
 * import, each with its JSON path. Everything that is converted, changed
 * or not kept becomes a line of the import report, so nothing is dropped
 * without saying so. docs/threat-dragon.md lists every mapping. */

/* Past this many, the rest of the problems are counted, not listed. */
#define MAX_LISTED_PROBLEMS 50

G_DEFINE_QUARK (moat-threat-dragon-error-quark, moat_threat_dragon_error)

typedef enum
{
  CELL_UNKNOWN,
  CELL_ACTOR,
  CELL_PROCESS,
  CELL_STORE,
  CELL_FLOW,
  CELL_BOUNDARY_BOX,
  CELL_BOUNDARY_CURVE,
  CELL_TEXT,
} CellKind;

typedef struct
{
  const char *display_name;
  GString *path;
  GArray *path_lengths;
  GPtrArray *problems;
  guint n_problems;
  GPtrArray *report;
  GHashTable *ids;
  MoatDocument *document;

  /* Threats wait until every diagram is read, so that their numbers can be
   * checked against each other. */
  GPtrArray *threats;
  GArray *wanted_numbers;
  GPtrArray *threat_paths;
  guint n_scored;
  guint n_not_applicable;
} Importer;

typedef struct
{
  JsonObject *object;
  JsonObject *data;
  gboolean v2;
  guint index;
  gint64 z;
  CellKind kind;
  const char *td_id;
} Cell;

typedef struct
{
  MoatDiagram *diagram;
  const char *methodology;

  /* Threat Dragon cell id → Moat element id, for flow ends. */
  GHashTable *element_ids;

  /* Threat Dragon cell id → the centre of the cell, where a link attached
   * to a cell that is not an element ends. */
  GHashTable *centers;

  /* The elements' bounds in the order they were added, their positions by
   * Moat id, and the flows' lines, for closing boundary curves. */
  GArray *element_bounds;
  GHashTable *element_positions;
  GArray *flow_paths;

  GPtrArray *annotations;
} DiagramContext;

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

static void
push_key (Importer   *importer,
          const char *key)
{
  guint length = importer->path->len;

  g_array_append_val (importer->path_lengths, length);
  g_string_append_printf (importer->path, ".%s", key);
}

static void
push_index (Importer *importer,
            guint     index)
{
  guint length = importer->path->len;

  g_array_append_val (importer->path_lengths, length);
  g_string_append_printf (importer->path, "[%u]", index);
}

static void
pop (Importer *importer)
{
  guint last = importer->path_lengths->len - 1;

  g_string_truncate (importer->path, g_array_index (importer->path_lengths, guint, last));
  g_array_set_size (importer->path_lengths, last);
}

static char *
dup_path (Importer   *importer,
          const char *key)
{
  if (key == NULL)
    return g_strdup (importer->path->str);

  return g_strdup_printf ("%s.%s", importer->path->str, key);
}

/* Records a problem that makes the file unusable, at the current path or
 * at its member @key. */
G_GNUC_PRINTF (3, 4)
static void
problem (Importer   *importer,
         const char *key,
         const char *format,
         ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  importer->n_problems++;
  if (importer->problems->len >= MAX_LISTED_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = dup_path (importer, key);
  g_ptr_array_add (importer->problems,
                   g_strdup_printf ("%s: %s: %s", importer->display_name, path, message));
}

/* Adds a line to the import report, at the current path or at @key. */
G_GNUC_PRINTF (3, 4)
static void
report (Importer   *importer,
        const char *key,
        const char *format,
        ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = dup_path (importer, key);
  g_ptr_array_add (importer->report,
                   g_strdup_printf ("%s: %s: %s", importer->display_name, path, message));
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        case G_TYPE_STRING:
          return _("a string");
        default:
          return _("a number");
        }
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
holds_type (JsonNode *node,
            GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

static gboolean
holds_number (JsonNode *node)
{
  return holds_type (node, G_TYPE_DOUBLE) || holds_type (node, G_TYPE_INT64);
}

/* Reads an optional string; a missing member or null reads as empty. */
static const char *
read_string (Importer   *importer,
             JsonObject *object,
             const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "";

  if (!holds_type (node, G_TYPE_STRING))
    {
      problem (importer, key, _("expected a string, found %s"), describe_node (node));
      return "";
    }

  return json_node_get_string (node);
}

static gboolean
read_boolean (Importer   *importer,
              JsonObject *object,
              const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (!holds_type (node, G_TYPE_BOOLEAN))
    {
      problem (importer, key, _("expected true or false, found %s"), describe_node (node));
      return FALSE;
    }

  return json_node_get_boolean (node);
}

/* Old Threat Dragon files write some numbers as strings, such as
 * "width": "100". */
static gboolean
parse_number (JsonNode *node,
              double   *value)
{
  if (holds_number (node))
    {
      *value = json_node_get_double (node);
      return isfinite (*value);
    }

  if (holds_type (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      *value = g_ascii_strtod (text, &end);
      while (end != NULL && g_ascii_isspace (*end))
        end++;

      return end != text && end != NULL && *end == '\0' && isfinite (*value);
    }

  return FALSE;
}

static gboolean
read_coordinate (Importer   *importer,
                 JsonObject *object,
                 const char *key,
                 double     *value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      problem (importer, NULL, _("missing required key “%s”"), key);
      return FALSE;
    }

  if (!parse_number (node, value))
    {
      problem (importer, key, _("expected a number, found %s"), describe_node (node));
      return FALSE;
    }

  if (fabs (*value) > MOAT_COORDINATE_MAX)
    {
      problem (importer, key, _("value %g is out of range; expected a number from %g to %g"),
               *value, -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX);
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
read_object (Importer   *importer,
             JsonObject *object,
             const char *key,
             gboolean    required)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL)
    {
      if (required)
        problem (importer, NULL, _("missing required key “%s”"), key);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (importer, key, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
read_array (Importer   *importer,
            JsonObject *object,
            const char *key,
            gboolean    required)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    {
      if (required)
        problem (importer, NULL, _("missing required key “%s”"), key);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (importer, key, _("expected an array, found %s"), describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
array_object (Importer  *importer,
              JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (importer, NULL, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Reports each member of @object that is in none of the key lists. */
static void
report_unknown_keys (Importer            *importer,
                     JsonObject          *object,
                     const char * const  *known,
                     const char * const  *more_known)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key) && (more_known == NULL || !g_strv_contains (more_known, key)))
      report (importer, key, _("unknown key “%s” was not imported"), key);
}

/* Gives out @wanted as a Moat id if it is usable and still free, or a new
 * one, and reports the change of a duplicate id. */
static const char *
claim_id (Importer   *importer,
          const char *wanted,
          const char *prefix)
{
  char *id;

  if (wanted != NULL && wanted[0] != '\0' && !g_hash_table_contains (importer->ids, wanted))
    {
      id = g_strdup (wanted);
    }
  else
    {
      id = moat_item_new_id (prefix);
      while (g_hash_table_contains (importer->ids, id))
        {
          g_free (id);
          id = moat_item_new_id (prefix);
        }

      if (wanted != NULL && wanted[0] != '\0')
        report (importer, "id", _("the id “%s” is used twice; this copy was given the id “%s”"),
                wanted, id);
    }

  g_hash_table_add (importer->ids, id);

  return id;
}

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

static JsonObject *
get_object_member (JsonObject *object,
                   const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string_member (JsonObject *object,
                   const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && holds_type (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
}

/* Works out what a cell is: from its shape (version 2) or type (version 1),
 * falling back on the version 2 data.type for a shape Threat Dragon does
 * not define, such as the misspelt "trust-broundary-curve" of some files. */
static void
classify_cell (Importer *importer,
               Cell     *cell)
{
  const char *shape = get_string_member (cell->object, "shape");
  const char *type;

  if (!cell->v2)
    {
      cell->kind = kind_from_type (get_string_member (cell->object, "type"));
      return;
    }

  cell->kind = kind_from_shape (shape);
  if (cell->kind != CELL_UNKNOWN)
    return;

  type = get_string_member (cell->data, "type");
  cell->kind = kind_from_type (type);
  if (cell->kind != CELL_UNKNOWN)
    report (importer, "shape",
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
  if (holds_type (first, G_TYPE_STRING))
    return json_node_get_string (first);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;

  attrs = get_object_member (json_node_get_object (first), "attrs");
  for (guint i = 0; attrs != NULL && i < 3; i++)
    {
      static const char * const selectors[] = { "labelText", "label", "text" };
      JsonObject *selector = get_object_member (attrs, selectors[i]);
      const char *text = get_string_member (selector, "text");

      if (text != NULL)
        return text;
    }

  return NULL;
}

static const char *
get_attrs_text (JsonObject *cell,
                const char *selector)
{
  JsonObject *attrs = get_object_member (cell, "attrs");
  JsonObject *part = attrs != NULL
                     ? get_object_member (attrs, selector)
                     : NULL;

  return get_string_member (part, "text");
}

/* The name of a cell: data.name in version 2, else the text drawn on it. */
static const char *
read_cell_name (Importer *importer,
                Cell     *cell)
{
  const char *name = NULL;

  if (cell->v2 && json_object_has_member (cell->data, "name"))
    {
      push_key (importer, "data");
      name = read_string (importer, cell->data, "name");
      pop (importer);
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
  JsonObject *position = read_object (importer, cell->object, "position", TRUE);
  JsonObject *size = read_object (importer, cell->object, "size", TRUE);
  gboolean valid = position != NULL && size != NULL;

  if (position != NULL)
    {
      push_key (importer, "position");
      valid &= read_coordinate (importer, position, "x", &bounds->x);
      valid &= read_coordinate (importer, position, "y", &bounds->y);
      pop (importer);
    }

  if (size != NULL)
    {
      push_key (importer, "size");
      valid &= read_coordinate (importer, size, "width", &bounds->width);
      valid &= read_coordinate (importer, size, "height", &bounds->height);
      pop (importer);
    }

  if (valid && (bounds->width < MOAT_SIZE_MIN || bounds->height < MOAT_SIZE_MIN))
    {
      report (importer, "size", _("size %g × %g is below Moat's smallest, %g; enlarged"),
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
  JsonArray *array = read_array (importer, object, key, FALSE);

  if (array == NULL)
    return;

  push_key (importer, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item;
      MoatPoint point;

      push_index (importer, i);
      item = array_object (importer, array, i);
      if (item != NULL &&
          read_coordinate (importer, item, "x", &point.x) &
          read_coordinate (importer, item, "y", &point.y))
        g_array_append_val (points, point);
      pop (importer);
    }
  pop (importer);
}

/* Quotes a name for a report line, or returns "(no name)" for an empty one. */
static char *
dup_quoted_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return g_strdup (_("(no name)"));

  return g_strdup_printf ("“%s”", name);
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

      if (!read_boolean (importer, cell->data, unsupported_flags[i].key))
        continue;

      if (!changed)
        g_string_append (description, description->len > 0 ? "\n\n" : "");
      else
        g_string_append (description, "\n");

      /* Translators: a Threat Dragon flag kept in an element's description. */
      g_string_append_printf (description, _("Threat Dragon: %s."), _(unsupported_flags[i].label));
      quoted = dup_quoted_name (moat_item_get_name (MOAT_ITEM (element)));
      report (importer, unsupported_flags[i].key,
              _("“%s” has no Moat property; it was written into the description of the "
                "element %s"),
              unsupported_flags[i].key, quoted);
      changed = TRUE;
    }

  if (changed)
    g_object_set (element, "description", description->str, NULL);
}

static void import_threats (Importer       *importer,
                            DiagramContext *context,
                            Cell           *cell,
                            const char     *target_id);

static void
enter_data (Importer *importer,
            Cell     *cell)
{
  if (cell->v2)
    push_key (importer, "data");
}

static void
leave_data (Importer *importer,
            Cell     *cell)
{
  if (cell->v2)
    pop (importer);
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
      report_unknown_keys (importer, cell->object, ignored_cell_keys, NULL);
      push_key (importer, "data");
      report_unknown_keys (importer, cell->data, ignored_data_keys, properties);
      pop (importer);
    }
  else
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) known = NULL;

      g_strv_builder_addv (builder, (const char **)ignored_cell_keys);
      g_strv_builder_addv (builder, (const char **)ignored_data_keys);
      known = g_strv_builder_end (builder);
      report_unknown_keys (importer, cell->object, (const char * const *)known, properties);
    }
}

/* Threat Dragon 1.x could rotate elements; Moat draws them upright. */
static void
report_rotation (Importer *importer,
                 Cell     *cell)
{
  JsonNode *angle = json_object_get_member (cell->object, "angle");

  if (angle != NULL && holds_number (angle) && json_node_get_double (angle) != 0)
    report (importer, "angle", _("the rotation by %g° was not kept; Moat draws elements upright"),
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

static void
import_element (Importer       *importer,
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

  id = claim_id (importer, cell->td_id, "element");
  element = moat_element_new (kinds[cell->kind], id, name);

  enter_data (importer, cell);
  g_object_set (element,
                "description", read_string (importer, cell->data, "description"),
                "out-of-scope", read_boolean (importer, cell->data, "outOfScope"),
                "out-of-scope-reason", read_string (importer, cell->data, "reasonOutOfScope"),
                "privilege-level", read_string (importer, cell->data, "privilegeLevel"),
                "web-application", read_boolean (importer, cell->data, "isWebApplication"),
                "is-log", read_boolean (importer, cell->data, "isALog"),
                "stores-credentials", read_boolean (importer, cell->data, "storesCredentials"),
                "encrypted", read_boolean (importer, cell->data, "isEncrypted"),
                "signed", read_boolean (importer, cell->data, "isSigned"),
                "x", bounds.x,
                "y", bounds.y,
                "width", bounds.width,
                "height", bounds.height,
                NULL);
  append_unsupported_flags (importer, cell, element);
  leave_data (importer, cell);
  report_rotation (importer, cell);

  report_cell_keys (importer, cell, element_data_keys);

  moat_document_append_item_internal (importer->document, context->diagram, MOAT_ITEM (element));
  g_hash_table_insert (context->element_positions, (char *)id,
                       GUINT_TO_POINTER (context->element_bounds->len));
  g_array_append_val (context->element_bounds, bounds);
  add_center (context, cell, moat_rect_get_center (&bounds));
  if (cell->td_id != NULL && !g_hash_table_contains (context->element_ids, cell->td_id))
    g_hash_table_insert (context->element_ids, (char *)cell->td_id, (char *)id);

  import_threats (importer, context, cell, id);
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
  JsonObject *end = read_object (importer, cell->object, key, TRUE);
  const char *reference;

  *element_id = "";
  *loose = FALSE;

  if (end == NULL)
    return FALSE;

  push_key (importer, key);
  reference = get_string_member (end, cell->v2 ? "cell" : "id");
  if (reference == NULL)
    reference = get_string_member (end, cell->v2 ? "id" : "cell");

  if (reference != NULL)
    {
      const char *id = g_hash_table_lookup (context->element_ids, reference);
      MoatPoint *center = g_hash_table_lookup (context->centers, reference);

      pop (importer);

      if (center != NULL)
        *point = *center;

      if (id != NULL)
        {
          *element_id = id;
          return TRUE;
        }

      if (center == NULL)
        {
          problem (importer, key,
                   _("references cell “%s”, which is not in this diagram; attach the link to "
                     "an existing element or remove it"),
                   reference);
          return FALSE;
        }

      *loose = TRUE;
      report (importer, key,
              _("is attached to cell “%s”, which is not an element; the end was left "
                "unconnected at its centre"),
              reference);
      return TRUE;
    }

  *loose = read_coordinate (importer, end, "x", &point->x) &
           read_coordinate (importer, end, "y", &point->y);
  pop (importer);

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
      enter_data (importer, cell);
      bidirectional = read_boolean (importer, cell->data, "isBidirectional");
      leave_data (importer, cell);
      return bidirectional;
    }

  /* Files older than the isBidirectional flag show the direction only by
   * an arrow head at the source. */
  attrs = get_object_member (cell->object, "attrs");
  line = attrs != NULL ? get_object_member (attrs, "line") : NULL;
  marker = line != NULL
           ? get_object_member (line, "sourceMarker")
           : NULL;

  return g_strcmp0 (get_string_member (marker, "name"), "") > 0;
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

static void
import_flow (Importer       *importer,
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
      g_autofree char *quoted = dup_quoted_name (name);

      report (importer, NULL, _("the data flow %s is not connected at both ends"), quoted);
    }

  id = claim_id (importer, cell->td_id, "flow");
  vertices = moat_point_list_new ((const MoatPoint *)(gpointer)points->data, points->len);
  flow = moat_flow_new (id, source_id, target_id, name);
  g_object_set (flow,
                "bidirectional", read_bidirectional (importer, cell),
                "vertices", vertices,
                NULL);

  enter_data (importer, cell);
  g_object_set (flow,
                "description", read_string (importer, cell->data, "description"),
                "out-of-scope", read_boolean (importer, cell->data, "outOfScope"),
                "out-of-scope-reason", read_string (importer, cell->data, "reasonOutOfScope"),
                "protocol", read_string (importer, cell->data, "protocol"),
                "encrypted", read_boolean (importer, cell->data, "isEncrypted"),
                "public-network", read_boolean (importer, cell->data, "isPublicNetwork"),
                "signed", read_boolean (importer, cell->data, "isSigned"),
                NULL);
  leave_data (importer, cell);
  report_cell_keys (importer, cell, flow_data_keys);

  moat_document_append_item_internal (importer->document, context->diagram, MOAT_ITEM (flow));
  add_flow_path (context, flow, source_point, target_point);
  import_threats (importer, context, cell, id);
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
      g_autofree char *title = dup_quoted_name (JSON_NODE_HOLDS_OBJECT (node)
                                                ? get_string_member (json_node_get_object (node),
                                                                     "title")
                                                : NULL);

      enter_data (importer, cell);
      push_key (importer, "threats");
      push_index (importer, i);
      report (importer, NULL,
              _("the threat %s belongs to a %s, which cannot hold threats in Moat; it was not "
                "imported"),
              title, what);
      pop (importer);
      pop (importer);
      leave_data (importer, cell);
    }
}

static void
import_boundary_box (Importer       *importer,
                     DiagramContext *context,
                     Cell           *cell)
{
  g_autoptr(MoatBoundary) boundary = NULL;
  MoatRect bounds;
  const char *name = read_cell_name (importer, cell);

  if (!read_bounds (importer, cell, &bounds))
    return;

  boundary = moat_boundary_new (claim_id (importer, cell->td_id, "boundary"), name);
  enter_data (importer, cell);
  g_object_set (boundary,
                "description", read_string (importer, cell->data, "description"),
                "x", bounds.x,
                "y", bounds.y,
                "width", bounds.width,
                "height", bounds.height,
                NULL);
  leave_data (importer, cell);
  report_cell_keys (importer, cell, NULL);
  report_stray_threats (importer, cell, _("trust boundary"));

  moat_document_append_item_internal (importer->document, context->diagram,
                                      MOAT_ITEM (boundary));
  add_center (context, cell, moat_rect_get_center (&bounds));
}

static void
import_text (Importer       *importer,
             DiagramContext *context,
             Cell           *cell)
{
  MoatRect bounds;
  const char *text = read_cell_name (importer, cell);
  const char *id;

  if (!read_bounds (importer, cell, &bounds))
    return;

  id = claim_id (importer, cell->td_id, "note");
  g_ptr_array_add (context->annotations, moat_annotation_new_note (id, text, &bounds));
  report_cell_keys (importer, cell, NULL);
  report_stray_threats (importer, cell, _("text block"));
  report (importer, NULL, _("the text block was imported as a note"));
  add_center (context, cell, moat_rect_get_center (&bounds));
}

static void
import_boundary_curve (Importer       *importer,
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

  enter_data (importer, cell);
  description = read_string (importer, cell->data, "description");
  leave_data (importer, cell);
  report_cell_keys (importer, cell, NULL);
  report_stray_threats (importer, cell, _("trust boundary"));
  quoted = dup_quoted_name (name);

  if (moat_threat_dragon_close_curve ((const MoatPoint *)(gpointer)points->data, points->len,
                                      (const MoatRect *)(gpointer)context->element_bounds->data,
                                      context->element_bounds->len, context->flow_paths,
                                      &region, &reason))
    {
      g_autoptr(MoatBoundary) boundary =
        moat_boundary_new (claim_id (importer, cell->td_id, "boundary"), name);

      g_object_set (boundary,
                    "description", description,
                    "x", region.x,
                    "y", region.y,
                    "width", region.width,
                    "height", region.height,
                    NULL);
      moat_document_append_item_internal (importer->document, context->diagram,
                                          MOAT_ITEM (boundary));
      report (importer, NULL,
              _("the trust boundary curve %s was closed into a rectangle around the "
                "elements on the side it encloses"),
              quoted);
      return;
    }

  point_list = moat_point_list_new ((const MoatPoint *)(gpointer)points->data, points->len);
  g_ptr_array_add (context->annotations,
                   moat_annotation_new_boundary_curve (claim_id (importer, cell->td_id, "curve"),
                                                       name, description, point_list));
  report (importer, NULL,
          _("the trust boundary curve %s was kept as an open line, which takes no part in "
            "boundary crossings, because %s"),
          quoted, reason);
}

static gboolean
is_methodology (const char *methodology,
                const char *name)
{
  return g_ascii_strcasecmp (methodology, name) == 0;
}

/* Maps Threat Dragon's type to a STRIDE category when the threat was
 * recorded with STRIDE (or the generic model, which offers the STRIDE
 * types); any other type is kept as text with the category "other". */
static void
map_threat_type (Importer       *importer,
                 DiagramContext *context,
                 MoatThreat     *threat,
                 const char     *type,
                 const char     *model_type)
{
  const char *methodology = model_type[0] != '\0' ? model_type : context->methodology;
  gboolean stride = methodology[0] == '\0' || is_methodology (methodology, "STRIDE");
  MoatStrideCategory category;

  if ((stride || is_methodology (methodology, "Generic")) &&
      moat_threat_dragon_parse_stride_label (type, &category))
    {
      g_object_set (threat, "category", category, NULL);
      return;
    }

  g_object_set (threat, "category", MOAT_STRIDE_OTHER, "type-label", type, NULL);
  if (stride)
    report (importer, "type",
            _("“%s” is not a STRIDE category; the threat was kept with the category "
              "“other” and its type text"),
            type);
}

/* Moat derives severity from impact and probability, so a Threat Dragon
 * severity becomes the ratings that give it back: the same impact on
 * confidentiality, integrity and availability, and a probability. */
static void
map_threat_severity (Importer   *importer,
                     MoatThreat *threat,
                     const char *severity)
{
  static const struct
  {
    const char *name;
    MoatLevel impact;
    MoatLevel probability;
  } severities[] = {
    { "Low", MOAT_LEVEL_LOW, MOAT_LEVEL_LOW },
    { "Medium", MOAT_LEVEL_MEDIUM, MOAT_LEVEL_MEDIUM },
    { "High", MOAT_LEVEL_HIGH, MOAT_LEVEL_MEDIUM },
    { "Critical", MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH },
  };

  if (severity[0] == '\0' || g_ascii_strcasecmp (severity, "TBD") == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (g_ascii_strcasecmp (severity, severities[i].name) == 0)
      {
        g_object_set (threat,
                      "impact-confidentiality", severities[i].impact,
                      "impact-integrity", severities[i].impact,
                      "impact-availability", severities[i].impact,
                      "probability", severities[i].probability,
                      NULL);
        importer->n_scored++;
        return;
      }

  report (importer, "severity",
          _("unknown severity “%s”; the threat was left not yet scored"), severity);
}

static MoatThreatStatus
map_threat_status (Importer   *importer,
                   const char *status)
{
  static const char * const not_applicable[] = {
    "NotApplicable", "N/A", "NA", "Not applicable", NULL,
  };

  if (status[0] == '\0' || g_ascii_strcasecmp (status, "Open") == 0)
    return MOAT_THREAT_STATUS_OPEN;

  if (g_ascii_strcasecmp (status, "Mitigated") == 0)
    return MOAT_THREAT_STATUS_MITIGATED;

  for (guint i = 0; not_applicable[i] != NULL; i++)
    if (g_ascii_strcasecmp (status, not_applicable[i]) == 0)
      {
        importer->n_not_applicable++;
        return MOAT_THREAT_STATUS_ACCEPTED;
      }

  report (importer, "status", _("unknown status “%s”; the threat was imported as OPEN"), status);

  return MOAT_THREAT_STATUS_OPEN;
}

/* Reads Threat Dragon's threat number; 0 means none. */
static gint64
read_threat_number (Importer   *importer,
                    JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "number");
  double value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;

  if (!parse_number (node, &value) || value != floor (value) || value < 1 || value > G_MAXINT32)
    {
      g_autofree char *text = json_to_string (node, FALSE);

      report (importer, "number", _("%s is not a usable threat number; a new one is given"),
              text);
      return -1;
    }

  return (gint64)value;
}

/* Threat Dragon's score is free text, but some files hold a number. */
static char *
read_score (Importer   *importer,
            JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "score");

  if (node != NULL && holds_number (node))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }

  return g_strdup (read_string (importer, object, "score"));
}

static void
import_threat (Importer       *importer,
               DiagramContext *context,
               JsonObject     *object,
               const char     *target_id)
{
  static const char * const keys[] = {
    "id", "threatId", "number", "title", "type", "status", "severity", "description",
    "mitigation", "modelType", "score", "new", "$$hashKey", NULL,
  };
  g_autoptr(MoatThreat) threat = NULL;
  g_autofree char *score = read_score (importer, object);
  const char *wanted_id = read_string (importer, object, "id");
  const char *mitigation = read_string (importer, object, "mitigation");
  MoatThreatStatus status;
  gint64 number;

  if (wanted_id[0] == '\0')
    wanted_id = read_string (importer, object, "threatId");

  threat = moat_threat_new (claim_id (importer, wanted_id, "threat"), target_id,
                            MOAT_STRIDE_SPOOFING, read_string (importer, object, "title"));
  map_threat_type (importer, context, threat, read_string (importer, object, "type"),
                   read_string (importer, object, "modelType"));
  map_threat_severity (importer, threat, read_string (importer, object, "severity"));
  status = map_threat_status (importer, read_string (importer, object, "status"));
  number = read_threat_number (importer, object);

  g_object_set (threat,
                "status", status,
                "description", read_string (importer, object, "description"),
                "score", score,
                NULL);

  /* The mitigation is one piece of text; it becomes one short-term item,
   * done when the threat is mitigated. */
  if (mitigation[0] != '\0')
    {
      g_autoptr(MoatChecklist) short_term = moat_checklist_new ();

      moat_checklist_append (short_term, mitigation, status == MOAT_THREAT_STATUS_MITIGATED);
      g_object_set (threat, "short-term", short_term, NULL);
    }

  report_unknown_keys (importer, object, keys, NULL);

  g_ptr_array_add (importer->threats, g_steal_pointer (&threat));
  g_array_append_val (importer->wanted_numbers, number);
  g_ptr_array_add (importer->threat_paths, g_strdup (importer->path->str));
}

static void
import_threats (Importer       *importer,
                DiagramContext *context,
                Cell           *cell,
                const char     *target_id)
{
  JsonArray *threats;

  enter_data (importer, cell);
  threats = read_array (importer, cell->data, "threats", FALSE);
  if (threats != NULL)
    {
      push_key (importer, "threats");
      for (guint i = 0; i < json_array_get_length (threats); i++)
        {
          JsonObject *object;

          push_index (importer, i);
          object = array_object (importer, threats, i);
          if (object != NULL)
            import_threat (importer, context, object, target_id);
          pop (importer);
        }
      pop (importer);
    }
  leave_data (importer, cell);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *cell_a = a;
  const Cell *cell_b = b;

  if (cell_a->z != cell_b->z)
    return cell_a->z < cell_b->z ? -1 : 1;

  return cell_a->index < cell_b->index ? -1 : cell_a->index > cell_b->index;
}

/* Reads the cells into a list sorted by drawing order (z, then file
 * order), since Moat draws items in list order. */
static GArray *
collect_cells (Importer  *importer,
               JsonArray *cells,
               gboolean   v2)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (Cell));

  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      Cell cell = { NULL, NULL, v2, i, 0, CELL_UNKNOWN, NULL };
      JsonNode *z;

      push_index (importer, i);
      cell.object = array_object (importer, cells, i);
      if (cell.object != NULL)
        {
          cell.data = v2 ? read_object (importer, cell.object, "data", FALSE) : cell.object;
          if (cell.data == NULL)
            cell.data = cell.object;

          z = json_object_get_member (cell.object, v2 ? "zIndex" : "z");
          if (z != NULL && holds_number (z))
            cell.z = (gint64)json_node_get_double (z);

          cell.td_id = get_string_member (cell.object, "id");
          classify_cell (importer, &cell);
          g_array_append_val (list, cell);
        }
      pop (importer);
    }

  g_array_sort (list, compare_cells);

  return list;
}

/* Cells are read in three passes: nodes, then flows, which end at nodes,
 * then boundary curves, which need both. */
static guint
get_pass (CellKind kind)
{
  switch (kind)
    {
    case CELL_FLOW:
      return 1;
    case CELL_BOUNDARY_CURVE:
      return 2;
    case CELL_UNKNOWN:
    case CELL_ACTOR:
    case CELL_PROCESS:
    case CELL_STORE:
    case CELL_BOUNDARY_BOX:
    case CELL_TEXT:
    default:
      return 0;
    }
}

static void
import_cell (Importer       *importer,
             DiagramContext *context,
             Cell           *cell,
             guint           pass)
{
  if (get_pass (cell->kind) != pass)
    return;

  push_index (importer, cell->index);

  switch (cell->kind)
    {
    case CELL_ACTOR:
    case CELL_PROCESS:
    case CELL_STORE:
      import_element (importer, context, cell);
      break;

    case CELL_FLOW:
      import_flow (importer, context, cell);
      break;

    case CELL_BOUNDARY_BOX:
      import_boundary_box (importer, context, cell);
      break;

    case CELL_BOUNDARY_CURVE:
      import_boundary_curve (importer, context, cell);
      break;

    case CELL_TEXT:
      import_text (importer, context, cell);
      break;

    case CELL_UNKNOWN:
    default:
      {
        const char *shape = get_string_member (cell->object, cell->v2 ? "shape" : "type");

        report (importer, NULL, _("a cell of unknown kind “%s” was not imported"),
                shape != NULL ? shape : "");
      }
      break;
    }

  pop (importer);
}

static void
import_cells (Importer       *importer,
              DiagramContext *context,
              JsonArray      *cells,
              gboolean        v2)
{
  g_autoptr(GArray) list = NULL;

  push_key (importer, "cells");
  list = collect_cells (importer, cells, v2);

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < list->len; i++)
      import_cell (importer, context, &g_array_index (list, Cell, i), pass);

  pop (importer);
}

static void
clear_flow_path (gpointer data)
{
  MoatThreatDragonFlowPath *path = data;

  g_clear_pointer (&path->points, g_array_unref);
}

/* Moat ids are strings; Threat Dragon numbers its diagrams. */
static char *
dup_diagram_id (Importer   *importer,
                JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "id");
  g_autofree char *wanted = NULL;

  if (node != NULL && holds_type (node, G_TYPE_INT64) && json_node_get_int (node) >= 0)
    wanted = g_strdup_printf ("td-diagram-%" G_GINT64_FORMAT, json_node_get_int (node));

  return g_strdup (claim_id (importer, wanted, "diagram"));
}

static void
import_diagram (Importer   *importer,
                JsonObject *object)
{
  static const char * const keys[] = {
    "id", "title", "name", "description", "diagramType", "placeholder", "thumbnail",
    "version", "cells", "diagramJson", "size", "$$hashKey", NULL,
  };
  g_autoptr(MoatDiagram) diagram = NULL;
  g_autoptr(GHashTable) element_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) centers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) element_bounds = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  g_autoptr(GHashTable) element_positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) flow_paths = g_array_new (FALSE, FALSE, sizeof (MoatThreatDragonFlowPath));
  g_autoptr(GPtrArray) annotations =
    g_ptr_array_new_with_free_func ((GDestroyNotify)moat_annotation_unref);
  g_autofree char *id = dup_diagram_id (importer, object);
  const char *title = read_string (importer, object, "title");
  DiagramContext context;
  JsonArray *cells;

  if (title[0] == '\0')
    title = read_string (importer, object, "name");

  diagram = moat_diagram_new (id, title);
  g_object_set (diagram,
                "methodology", read_string (importer, object, "diagramType"),
                "description", read_string (importer, object, "description"),
                NULL);
  moat_document_append_diagram_internal (importer->document, diagram);
  report_unknown_keys (importer, object, keys, NULL);

  g_array_set_clear_func (flow_paths, clear_flow_path);
  context = (DiagramContext) {
    diagram, moat_diagram_get_methodology (diagram), element_ids, centers, element_bounds,
    element_positions, flow_paths, annotations,
  };

  /* The structure decides the version: version 2 keeps cells in the
   * diagram, version 1 inside diagramJson. A diagram never drawn in has
   * neither. */
  cells = read_array (importer, object, "cells", FALSE);
  if (cells != NULL)
    {
      import_cells (importer, &context, cells, TRUE);
    }
  else
    {
      JsonObject *diagram_json = read_object (importer, object, "diagramJson", FALSE);

      if (diagram_json != NULL)
        {
          static const char * const json_keys[] = { "cells", NULL };

          push_key (importer, "diagramJson");
          report_unknown_keys (importer, diagram_json, json_keys, NULL);
          cells = read_array (importer, diagram_json, "cells", FALSE);
          if (cells != NULL)
            import_cells (importer, &context, cells, FALSE);
          pop (importer);
        }
    }

  g_object_set (diagram, "annotations", annotations, NULL);
}

/* Reads a member that every Threat Dragon model has. When it is missing,
 * the message names the unknown keys found instead, which are usually a
 * misspelling of it. */
static void
report_missing (Importer           *importer,
                JsonObject         *object,
                const char         *key,
                const char * const *known)
{
  g_autoptr(GString) unknown = g_string_new (NULL);
  JsonObjectIter iter;
  const char *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, NULL))
    if (!g_strv_contains (known, member))
      g_string_append_printf (unknown, "%s“%s”", unknown->len > 0 ? ", " : "", member);

  if (unknown->len > 0)
    problem (importer, NULL,
             _("missing required key “%s”, which every Threat Dragon model has; found "
               "instead: %s (check the spelling)"),
             key, unknown->str);
  else
    problem (importer, NULL,
             _("missing required key “%s”, which every Threat Dragon model has"), key);
}

static JsonObject *
read_required_object (Importer           *importer,
                      JsonObject         *object,
                      const char         *key,
                      const char * const *known)
{
  if (json_object_has_member (object, key))
    return read_object (importer, object, key, TRUE);

  report_missing (importer, object, key, known);

  return NULL;
}

static void
import_summary (Importer   *importer,
                JsonObject *root,
                const char * const *root_keys)
{
  static const char * const keys[] = { "title", "owner", "description", "id", NULL };
  JsonObject *summary = read_required_object (importer, root, "summary", root_keys);

  if (summary == NULL)
    return;

  push_key (importer, "summary");
  g_object_set (importer->document,
                "title", read_string (importer, summary, "title"),
                "owner", read_string (importer, summary, "owner"),
                "description", read_string (importer, summary, "description"),
                NULL);
  report_unknown_keys (importer, summary, keys, NULL);
  pop (importer);
}

static void
import_contributors (Importer   *importer,
                     JsonObject *detail)
{
  JsonArray *array = read_array (importer, detail, "contributors", FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) contributors = NULL;

  if (array == NULL)
    return;

  push_key (importer, "contributors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name;

      push_index (importer, i);
      if (holds_type (node, G_TYPE_STRING))
        name = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        name = read_string (importer, json_node_get_object (node), "name");
      else
        {
          problem (importer, NULL, _("expected an object with a name, found %s"),
                   describe_node (node));
          name = "";
        }

      if (name[0] != '\0')
        g_strv_builder_add (builder, name);
      pop (importer);
    }
  pop (importer);

  contributors = g_strv_builder_end (builder);
  g_object_set (importer->document, "contributors", contributors, NULL);
}

static gint64
import_detail (Importer           *importer,
               JsonObject         *root,
               const char * const *root_keys)
{
  static const char * const keys[] = {
    "contributors", "diagrams", "diagramTop", "reviewer", "threatTop", NULL,
  };
  JsonObject *detail = read_required_object (importer, root, "detail", root_keys);
  const char *reviewer;
  JsonArray *diagrams;
  JsonNode *threat_top;

  if (detail == NULL)
    return 0;

  push_key (importer, "detail");
  report_unknown_keys (importer, detail, keys, NULL);

  reviewer = read_string (importer, detail, "reviewer");
  if (reviewer[0] != '\0')
    {
      const char * const reviewers[] = { reviewer, NULL };

      g_object_set (importer->document, "reviewers", reviewers, NULL);
    }

  import_contributors (importer, detail);

  diagrams = read_array (importer, detail, "diagrams", FALSE);
  if (!json_object_has_member (detail, "diagrams"))
    report_missing (importer, detail, "diagrams", keys);

  if (diagrams != NULL)
    {
      push_key (importer, "diagrams");
      for (guint i = 0; i < json_array_get_length (diagrams); i++)
        {
          JsonObject *object;

          push_index (importer, i);
          object = array_object (importer, diagrams, i);
          if (object != NULL)
            import_diagram (importer, object);
          pop (importer);
        }
      pop (importer);
    }

  threat_top = json_object_get_member (detail, "threatTop");
  pop (importer);

  if (threat_top != NULL && holds_type (threat_top, G_TYPE_INT64))
    return CLAMP (json_node_get_int (threat_top), 0, G_MAXINT32 - 1);

  return 0;
}

/* Gives each threat its Threat Dragon number when it is usable and not
 * taken, and the next free numbers to the rest, then adds the threats to
 * the document. */
static void
add_threats (Importer *importer,
             gint64    threat_top)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autofree gboolean *numbered = g_new0 (gboolean, importer->threats->len + 1);
  guint highest = 0;

  for (guint i = 0; i < importer->threats->len; i++)
    {
      gint64 wanted = g_array_index (importer->wanted_numbers, gint64, i);

      if (wanted > 0 && g_hash_table_add (used, GINT_TO_POINTER ((int)wanted)))
        {
          g_object_set (g_ptr_array_index (importer->threats, i), "number", (guint)wanted, NULL);
          highest = MAX (highest, (guint)wanted);
          numbered[i] = TRUE;
        }
    }

  for (guint i = 0; i < importer->threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (importer->threats, i);
      gint64 wanted = g_array_index (importer->wanted_numbers, gint64, i);
      gpointer target;

      if (!numbered[i])
        {
          g_object_set (threat, "number", ++highest, NULL);
          if (wanted > 0)
            g_ptr_array_add (importer->report,
                             g_strdup_printf (_("%s: %s.number: threat number %" G_GINT64_FORMAT
                                                " is used twice; this threat became "
                                                "THREAT-%03u"),
                                              importer->display_name,
                                              (char *)g_ptr_array_index (importer->threat_paths, i),
                                              wanted, highest));
        }

      moat_document_append_threat_internal (importer->document, threat);

      /* A threat recorded on a flow marks its STRIDE category as reviewed,
       * as adding one in Moat does. */
      target = moat_document_lookup (importer->document, moat_threat_get_target_id (threat));
      if (MOAT_IS_FLOW (target) && moat_threat_get_category (threat) < MOAT_N_STRIDE_CATEGORIES)
        g_object_set (target,
                      moat_flow_review_state_property (moat_threat_get_category (threat)),
                      MOAT_REVIEW_THREATS_RECORDED,
                      NULL);
    }

  moat_document_set_next_threat_number_internal (importer->document,
                                                 MAX (highest, (guint)threat_top) + 1);
}

static void
import_root (Importer   *importer,
             JsonObject *root)
{
  static const char * const keys[] = {
    "version", "summary", "detail", "release_version", "released_at", NULL,
  };
  gint64 threat_top;

  report_unknown_keys (importer, root, keys, NULL);
  import_summary (importer, root, keys);
  threat_top = import_detail (importer, root, keys);

  /* A Moat model has at least one diagram. It is the STRIDE diagram 0
   * that Threat Dragon would add, so that it exports and reads back the
   * same. */
  if (moat_document_get_diagrams (importer->document)->len == 0)
    {
      g_autoptr(MoatDiagram) diagram =
        moat_diagram_new (claim_id (importer, "td-diagram-0", "diagram"), _("Main diagram"));

      g_object_set (diagram, "methodology", "STRIDE", NULL);
      moat_document_append_diagram_internal (importer->document, diagram);
      report (importer, "detail.diagrams", _("the model has no diagram; an empty one was added"));
    }

  add_threats (importer, threat_top);

  if (importer->n_scored > 0)
    g_ptr_array_add (importer->report,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u threat severity was converted into "
                                                   "impact and probability ratings that give "
                                                   "the same severity",
                                                   "%s: %u threat severities were converted into "
                                                   "impact and probability ratings that give "
                                                   "the same severity",
                                                   importer->n_scored),
                                      importer->display_name, importer->n_scored));

  if (importer->n_not_applicable > 0)
    g_ptr_array_add (importer->report,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u threat with the status N/A was "
                                                   "imported as ACCEPTED",
                                                   "%s: %u threats with the status N/A were "
                                                   "imported as ACCEPTED",
                                                   importer->n_not_applicable),
                                      importer->display_name, importer->n_not_applicable));
}

static JsonNode *
parse (GBytes      *bytes,
       JsonParser  *parser,
       GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0)
    {
      g_set_error_literal (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_INVALID_JSON,
                           _("the file is empty"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;

  return json_parser_get_root (parser);
}

/**
 * moat_threat_dragon_detect:
 * @bytes: the contents of a file
 *
 * Checks whether @bytes look like an OWASP Threat Dragon model: a JSON
 * object with a "summary" or a "detail" member and no Moat "format". A
 * damaged Threat Dragon file is still recognised, so that opening it
 * gives the import's message instead of Moat's.
 *
 * Returns: %TRUE for a Threat Dragon model
 */
gboolean
moat_threat_dragon_detect (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (bytes != NULL, FALSE);

  root = parse (bytes, parser, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);

  return !json_object_has_member (object, "format") &&
         (json_object_has_member (object, "summary") || json_object_has_member (object, "detail"));
}

/**
 * moat_threat_dragon_import:
 * @bytes: the contents of a Threat Dragon model, version 1 or 2
 * @display_name: the file name to put in messages
 * @report: (element-type utf8) (nullable): where to add a line for each
 *   thing that was converted, changed or not kept
 *
 * Builds a Moat document from a Threat Dragon model. Each problem that
 * makes the file unusable is reported with its JSON path, one per line of
 * the error message.
 *
 * Returns: (transfer full): a new document with no file, unmodified, or
 *   %NULL with @error set
 */
MoatDocument *
moat_threat_dragon_import (GBytes      *bytes,
                           const char  *display_name,
                           GPtrArray   *report,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(MoatDocument) document = moat_document_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) threats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) threat_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) wanted_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) path_lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) path = g_string_new ("$");
  Importer importer = {
    display_name, path, path_lengths, problems, 0, lines, ids, document,
    threats, wanted_numbers, threat_paths, 0, 0,
  };
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  root = parse (bytes, parser, &parse_error);
  if (root == NULL)
    {
      g_set_error (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_INVALID_JSON,
                   _("%s: invalid JSON: %s"), display_name, parse_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_NOT_A_MODEL,
                   _("%s: $: expected a JSON object with \"summary\" and \"detail\", as Threat "
                     "Dragon writes; found %s"),
                   display_name, describe_node (root));
      return NULL;
    }

  g_debug ("Importing the Threat Dragon model %s", display_name);
  import_root (&importer, json_node_get_object (root));

  if (importer.n_problems > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          if (i > 0)
            g_string_append_c (message, '\n');
          g_string_append (message, g_ptr_array_index (problems, i));
        }

      if (importer.n_problems > problems->len)
        {
          g_string_append_c (message, '\n');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%s: and %u more problem",
                                               "%s: and %u more problems",
                                               importer.n_problems - problems->len),
                                  display_name, importer.n_problems - problems->len);
        }

      g_set_error_literal (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_INVALID,
                           message->str);
      return NULL;
    }

  if (report != NULL)
    for (guint i = 0; i < lines->len; i++)
      g_ptr_array_add (report, g_strdup (g_ptr_array_index (lines, i)));

  return g_steal_pointer (&document);
}
