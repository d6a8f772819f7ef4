/* test-threat-dragon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "moat-format.h"
#include "moat-threat-dragon-import.h"
#include "moat-threat-dragon.h"

/* Tests the OWASP Threat Dragon import and export on the real models in
 * tests/data/threat-dragon, and on small models written here for the
 * cases those files do not have. */

/* Files in the corpus that are damaged on purpose. */
static const char * const malformed_files[] = {
  "malformed-new-model.json",
  "v2-malformed-new-model.json",
  NULL,
};

static GBytes *
load_corpus_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "threat-dragon", name,
                                                 NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static MoatDocument *
import_text (const char  *json,
             GPtrArray   *report,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return moat_threat_dragon_import (bytes, "test.json", report, error);
}

static MoatDocument *
import_ok (const char *json,
           GPtrArray  *report)
{
  g_autoptr(GError) error = NULL;
  MoatDocument *document = import_text (json, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static char *
dup_serialized (MoatDocument *document)
{
  g_autoptr(GBytes) bytes = moat_format_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
report_contains (GPtrArray  *report,
                 const char *text)
{
  for (guint i = 0; i < report->len; i++)
    if (strstr (g_ptr_array_index (report, i), text) != NULL)
      return TRUE;

  return FALSE;
}

/* What the source file holds, counted straight from its JSON with the
 * shapes and types Threat Dragon documents, not through the importer. */
typedef struct
{
  guint elements;
  guint flows;
  guint boundaries;
  guint texts;
  guint threats;
  GPtrArray *element_names;
  GPtrArray *flow_names;
  GPtrArray *threat_titles;
} Inventory;

static void
inventory_init (Inventory *inventory)
{
  memset (inventory, 0, sizeof *inventory);
  inventory->element_names = g_ptr_array_new_with_free_func (g_free);
  inventory->flow_names = g_ptr_array_new_with_free_func (g_free);
  inventory->threat_titles = g_ptr_array_new_with_free_func (g_free);
}

static void
inventory_clear (Inventory *inventory)
{
  g_clear_pointer (&inventory->element_names, g_ptr_array_unref);
  g_clear_pointer (&inventory->flow_names, g_ptr_array_unref);
  g_clear_pointer (&inventory->threat_titles, g_ptr_array_unref);
}

static const char *
string_at (JsonNode   *root,
           const char *path)
{
  g_autoptr(JsonNode) result = json_path_query (path, root, NULL);
  JsonArray *matches = json_node_get_array (result);
  JsonNode *first;

  if (json_array_get_length (matches) == 0)
    return NULL;

  first = json_array_get_element (matches, 0);

  return JSON_NODE_HOLDS_VALUE (first) ? json_node_get_string (first) : NULL;
}

static double
number_at (JsonNode   *root,
           const char *path)
{
  g_autoptr(JsonNode) result = json_path_query (path, root, NULL);
  JsonArray *matches = json_node_get_array (result);

  g_assert_cmpuint (json_array_get_length (matches), ==, 1);

  return json_node_get_double (json_array_get_element (matches, 0));
}

static void
count_cell (Inventory *inventory,
            JsonNode  *cell,
            gboolean   v2)
{
  JsonObject *object = json_node_get_object (cell);
  JsonObject *data = v2 ? json_object_get_object_member (object, "data") : object;
  const char *kind = json_object_get_string_member_with_default (object, v2 ? "shape" : "type",
                                                                 "");
  const char *type = json_object_get_string_member_with_default (data, "type", "");
  const char *name;
  JsonArray *threats = json_object_has_member (data, "threats")
                       ? json_object_get_array_member (data, "threats") : NULL;

  if (v2)
    name = json_object_get_string_member_with_default (data, "name", "");
  else if (g_str_equal (kind, "tm.Flow"))
    name = string_at (cell, "$.labels[0].attrs.text.text");
  else
    name = string_at (cell, "$.attrs.text.text");

  if (g_strv_contains ((const char * const[]) { "actor", "process", "store", "tm.Actor",
                                                "tm.Process", "tm.Store", NULL }, kind))
    {
      inventory->elements++;
      g_ptr_array_add (inventory->element_names, g_strdup (name != NULL ? name : ""));
    }
  else if (g_str_equal (kind, "flow") || g_str_equal (kind, "tm.Flow"))
    {
      inventory->flows++;
      g_ptr_array_add (inventory->flow_names, g_strdup (name != NULL ? name : ""));
    }
  else if (g_str_equal (kind, "trust-boundary-box") || g_str_equal (kind, "tm.Boundary") ||
           g_str_equal (kind, "trust-boundary-curve") ||
           /* A misspelt shape that test-reports.json has; data.type names the kind. */
           g_str_equal (type, "tm.Boundary"))
    inventory->boundaries++;
  else if (g_str_equal (kind, "td-text-block"))
    inventory->texts++;
  else
    g_error ("the test does not know the cell kind “%s”", kind);

  for (guint i = 0; threats != NULL && i < json_array_get_length (threats); i++)
    {
      JsonObject *threat = json_array_get_object_element (threats, i);

      inventory->threats++;
      g_ptr_array_add (inventory->threat_titles,
                       g_strdup (json_object_get_string_member_with_default (threat, "title",
                                                                              "")));
    }
}

static void
count_source (GBytes    *bytes,
              Inventory *inventory)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *diagrams;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);

  diagrams = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "detail"),
    "diagrams");

  for (guint d = 0; d < json_array_get_length (diagrams); d++)
    {
      JsonObject *diagram = json_array_get_object_element (diagrams, d);
      gboolean v2 = json_object_has_member (diagram, "cells");
      JsonArray *cells = NULL;

      if (v2)
        cells = json_object_get_array_member (diagram, "cells");
      else if (json_object_has_member (diagram, "diagramJson"))
        cells = json_object_get_array_member (json_object_get_object_member (diagram,
                                                                             "diagramJson"),
                                              "cells");

      for (guint c = 0; cells != NULL && c < json_array_get_length (cells); c++)
        count_cell (inventory, json_array_get_element (cells, c), v2);
    }
}

static void
count_document (MoatDocument *document,
                Inventory    *inventory)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      GPtrArray *elements = moat_diagram_get_elements (diagram);
      GPtrArray *flows = moat_diagram_get_flows (diagram);
      GPtrArray *annotations = moat_diagram_get_annotations (diagram);

      inventory->elements += elements->len;
      inventory->flows += flows->len;
      inventory->boundaries += moat_diagram_get_boundaries (diagram)->len;

      for (guint i = 0; i < elements->len; i++)
        g_ptr_array_add (inventory->element_names,
                         g_strdup (moat_item_get_name (g_ptr_array_index (elements, i))));
      for (guint i = 0; i < flows->len; i++)
        g_ptr_array_add (inventory->flow_names,
                         g_strdup (moat_item_get_name (g_ptr_array_index (flows, i))));

      for (guint i = 0; i < annotations->len; i++)
        {
          MoatAnnotation *annotation = g_ptr_array_index (annotations, i);

          if (moat_annotation_get_kind (annotation) == MOAT_ANNOTATION_KIND_NOTE)
            inventory->texts++;
          else
            inventory->boundaries++;
        }
    }

  inventory->threats = threats->len;
  for (guint i = 0; i < threats->len; i++)
    g_ptr_array_add (inventory->threat_titles,
                     g_strdup (moat_threat_get_title (g_ptr_array_index (threats, i))));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
assert_same_strings (GPtrArray *expected,
                     GPtrArray *found)
{
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (found, compare_strings);

  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (found, i), ==, g_ptr_array_index (expected, i));
}

/* Every cell and threat of the source file arrives in Moat, with its
 * name or title. */
static void
test_corpus_counts (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) bytes = load_corpus_file (name);
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(MoatDocument) reloaded = NULL;
  g_autoptr(GBytes) saved = NULL;
  Inventory source;
  Inventory imported;

  g_assert_true (moat_threat_dragon_detect (bytes));

  document = moat_threat_dragon_import (bytes, name, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_false (moat_document_get_modified (document));
  g_assert_null (moat_document_get_file (document));

  inventory_init (&source);
  inventory_init (&imported);
  count_source (bytes, &source);
  count_document (document, &imported);

  g_assert_cmpuint (imported.elements, ==, source.elements);
  g_assert_cmpuint (imported.flows, ==, source.flows);
  g_assert_cmpuint (imported.boundaries, ==, source.boundaries);
  g_assert_cmpuint (imported.texts, ==, source.texts);
  g_assert_cmpuint (imported.threats, ==, source.threats);
  assert_same_strings (source.element_names, imported.element_names);
  assert_same_strings (source.flow_names, imported.flow_names);
  assert_same_strings (source.threat_titles, imported.threat_titles);

  /* Each text block is in the report. */
  for (guint i = 0; i < source.texts; i++)
    g_assert_true (report_contains (report, "imported as a note"));

  /* The result is a valid Moat model. */
  saved = moat_format_serialize (document);
  reloaded = moat_format_load_bytes (saved, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);

  inventory_clear (&source);
  inventory_clear (&imported);
}

static void
test_corpus_malformed (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) bytes = load_corpus_file (name);
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s: $", name);

  /* Recognised, so that opening it shows the import's message. */
  g_assert_true (moat_threat_dragon_detect (bytes));

  document = moat_threat_dragon_import (bytes, name, report, &error);
  g_assert_null (document);
  g_assert_error (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "missing required key"));
  g_assert_cmpuint (report->len, ==, 0);
}

/* Checks the parts of Threat Dragon's version 2 structure that its own
 * schema requires (td.vue/src/assets/schema/threat-dragon-v2.schema.json
 * in OWASP/threat-dragon). */
static void
assert_member_type (JsonObject *object,
                    const char *key,
                    GType       type)
{
  JsonNode *node = json_object_get_member (object, key);

  g_assert_nonnull (node);
  if (type == G_TYPE_DOUBLE)
    g_assert_true (JSON_NODE_HOLDS_VALUE (node) &&
                   (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                    json_node_get_value_type (node) == G_TYPE_INT64));
  else if (type == JSON_TYPE_OBJECT)
    g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  else if (type == JSON_TYPE_ARRAY)
    g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  else
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));
    }
}

static void
assert_threat_dragon_threat (JsonObject *threat)
{
  const char * const strings[] = {
    "description", "mitigation", "severity", "status", "title", "type", "modelType", "id",
    "score",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    assert_member_type (threat, strings[i], G_TYPE_STRING);
  assert_member_type (threat, "number", G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (threat, "number"), >=, 0);

  g_assert_true (g_strv_contains ((const char * const[]) { "NotApplicable", "Open", "Mitigated",
                                                           NULL },
                                  json_object_get_string_member (threat, "status")));
  g_assert_true (g_strv_contains ((const char * const[]) { "TBD", "Low", "Medium", "High",
                                                           "Critical", NULL },
                                  json_object_get_string_member (threat, "severity")));
}

static void
assert_threat_dragon_cell (JsonObject *cell)
{
  JsonObject *data;

  assert_member_type (cell, "id", G_TYPE_STRING);
  g_assert_cmpint (strlen (json_object_get_string_member (cell, "id")), >=, 2);
  assert_member_type (cell, "shape", G_TYPE_STRING);
  assert_member_type (cell, "zIndex", G_TYPE_INT64);
  assert_member_type (cell, "data", JSON_TYPE_OBJECT);

  data = json_object_get_object_member (cell, "data");
  assert_member_type (data, "type", G_TYPE_STRING);
  assert_member_type (data, "hasOpenThreats", G_TYPE_BOOLEAN);

  if (json_object_has_member (cell, "position"))
    {
      JsonObject *size = json_object_get_object_member (cell, "size");

      assert_member_type (json_object_get_object_member (cell, "position"), "x", G_TYPE_DOUBLE);
      assert_member_type (json_object_get_object_member (cell, "position"), "y", G_TYPE_DOUBLE);
      assert_member_type (size, "width", G_TYPE_DOUBLE);
      assert_member_type (size, "height", G_TYPE_DOUBLE);
      g_assert_cmpfloat (json_object_get_double_member (size, "width"), >=, 10);
      g_assert_cmpfloat (json_object_get_double_member (size, "height"), >=, 10);
    }
  else
    {
      assert_member_type (cell, "source", JSON_TYPE_OBJECT);
      assert_member_type (cell, "target", JSON_TYPE_OBJECT);
      assert_member_type (cell, "vertices", JSON_TYPE_ARRAY);
    }

  if (json_object_has_member (data, "threats"))
    {
      JsonArray *threats = json_object_get_array_member (data, "threats");

      for (guint i = 0; i < json_array_get_length (threats); i++)
        assert_threat_dragon_threat (json_array_get_object_element (threats, i));
    }
}

static JsonNode *
parse_threat_dragon (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* Checks the structure, and that each threat sits on the cell of its
 * element or flow. */
static void
assert_threat_dragon_v2 (GBytes       *bytes,
                         MoatDocument *document)
{
  g_autoptr(JsonNode) root = parse_threat_dragon (bytes);
  JsonObject *object = json_node_get_object (root);
  JsonObject *summary;
  JsonObject *detail;
  JsonArray *diagrams;
  GPtrArray *threats = moat_document_get_threats (document);
  g_autoptr(GHashTable) threat_cells = g_hash_table_new (g_str_hash, g_str_equal);

  assert_member_type (object, "version", G_TYPE_STRING);
  g_assert_cmpint (strlen (json_object_get_string_member (object, "version")), <=, 10);
  assert_member_type (object, "summary", JSON_TYPE_OBJECT);
  assert_member_type (object, "detail", JSON_TYPE_OBJECT);

  summary = json_object_get_object_member (object, "summary");
  assert_member_type (summary, "title", G_TYPE_STRING);

  detail = json_object_get_object_member (object, "detail");
  assert_member_type (detail, "contributors", JSON_TYPE_ARRAY);
  assert_member_type (detail, "diagrams", JSON_TYPE_ARRAY);
  assert_member_type (detail, "diagramTop", G_TYPE_INT64);
  assert_member_type (detail, "reviewer", G_TYPE_STRING);
  assert_member_type (detail, "threatTop", G_TYPE_INT64);

  diagrams = json_object_get_array_member (detail, "diagrams");
  g_assert_cmpuint (json_array_get_length (diagrams), ==,
                    moat_document_get_diagrams (document)->len);

  for (guint d = 0; d < json_array_get_length (diagrams); d++)
    {
      JsonObject *diagram = json_array_get_object_element (diagrams, d);
      JsonArray *cells;

      assert_member_type (diagram, "diagramType", G_TYPE_STRING);
      g_assert_cmpint (strlen (json_object_get_string_member (diagram, "diagramType")), >=, 3);
      assert_member_type (diagram, "id", G_TYPE_INT64);
      g_assert_cmpint (json_object_get_int_member (diagram, "id"), >=, 0);
      assert_member_type (diagram, "thumbnail", G_TYPE_STRING);
      assert_member_type (diagram, "title", G_TYPE_STRING);
      assert_member_type (diagram, "version", G_TYPE_STRING);
      assert_member_type (diagram, "cells", JSON_TYPE_ARRAY);

      cells = json_object_get_array_member (diagram, "cells");
      for (guint c = 0; c < json_array_get_length (cells); c++)
        {
          JsonObject *cell = json_array_get_object_element (cells, c);
          JsonObject *data = json_object_get_object_member (cell, "data");
          JsonArray *cell_threats;

          assert_threat_dragon_cell (cell);
          if (!json_object_has_member (data, "threats"))
            continue;

          cell_threats = json_object_get_array_member (data, "threats");
          for (guint t = 0; t < json_array_get_length (cell_threats); t++)
            g_hash_table_insert (threat_cells,
                                 (char *)json_object_get_string_member (
                                   json_array_get_object_element (cell_threats, t), "id"),
                                 (char *)json_object_get_string_member (cell, "id"));
        }
    }

  g_assert_cmpuint (g_hash_table_size (threat_cells), ==, threats->len);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      g_assert_cmpstr (g_hash_table_lookup (threat_cells, moat_threat_get_id (threat)), ==,
                       moat_threat_get_target_id (threat));
    }
}

/* Threat Dragon → Moat → Threat Dragon v2 → Moat gives the same model. */
static void
test_corpus_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) bytes = load_corpus_file (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) first = NULL;
  g_autoptr(MoatDocument) second = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) exported_again = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_moat = NULL;
  g_autofree char *second_moat = NULL;

  first = moat_threat_dragon_import (bytes, name, NULL, &error);
  g_assert_no_error (error);

  exported = moat_threat_dragon_export (first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exported);
  assert_threat_dragon_v2 (exported, first);

  g_assert_true (moat_threat_dragon_detect (exported));
  second = moat_threat_dragon_import (exported, "exported.json", report, &error);
  g_assert_no_error (error);

  first_moat = dup_serialized (first);
  second_moat = dup_serialized (second);
  g_assert_cmpstr (second_moat, ==, first_moat);

  /* And the export of the re-imported model is the same file. */
  exported_again = moat_threat_dragon_export (second, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (exported_again, exported));
}

static MoatElement *
find_element (MoatDocument *document,
              const char   *name)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *elements = moat_diagram_get_elements (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < elements->len; i++)
        if (g_str_equal (moat_item_get_name (g_ptr_array_index (elements, i)), name))
          return g_ptr_array_index (elements, i);
    }

  g_error ("no element “%s”", name);
}

static MoatFlow *
find_flow (MoatDocument *document,
           const char   *name)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < flows->len; i++)
        if (g_str_equal (moat_item_get_name (g_ptr_array_index (flows, i)), name))
          return g_ptr_array_index (flows, i);
    }

  g_error ("no flow “%s”", name);
}

static MoatThreat *
find_threat (MoatDocument *document,
             const char   *title,
             guint         nth)
{
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint i = 0; i < threats->len; i++)
    if (g_str_equal (moat_threat_get_title (g_ptr_array_index (threats, i)), title) && nth-- == 0)
      return g_ptr_array_index (threats, i);

  g_error ("no threat “%s”", title);
}

/* The small version 1 model, field by field. */
static void
test_v1_fields (void)
{
  g_autoptr(GBytes) bytes = load_corpus_file ("e2e-v1-model.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  MoatDiagram *diagram;
  MoatElement *browser;
  MoatElement *web;
  MoatFlow *request;
  MoatThreat *threat;
  const MoatPointList *vertices;
  const char * const *contributors;
  const char * const *reviewers;

  document = moat_threat_dragon_import (bytes, "e2e-v1-model.json", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (moat_document_get_title (document), ==, "Demo Threat Model");
  g_assert_cmpstr (moat_document_get_text (document, "owner"), ==, "Mike Goodwin");
  g_assert_true (g_str_has_prefix (moat_document_get_text (document, "description"),
                                   "A sample model of a web application"));
  contributors = moat_document_get_contributors (document);
  g_assert_cmpstr (contributors[0], ==, "Tom Brown");
  g_assert_cmpstr (contributors[1], ==, "Albert Moneypenny");
  g_assert_null (contributors[2]);
  reviewers = moat_document_get_reviewers (document);
  g_assert_nonnull (reviewers[0]);

  diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_assert_cmpstr (moat_diagram_get_name (diagram), ==, "Main Request Data Flow");
  g_assert_cmpstr (moat_diagram_get_methodology (diagram), ==, "STRIDE");
  g_assert_cmpstr (moat_diagram_get_id (diagram), ==, "td-diagram-0");

  browser = find_element (document, "Browser");
  g_assert_cmpint (moat_element_get_kind (browser), ==, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY);
  g_assert_cmpfloat (moat_element_get_bounds (browser).x, ==, 26);
  g_assert_cmpfloat (moat_element_get_bounds (browser).y, ==, 38);
  g_assert_cmpfloat (moat_element_get_bounds (browser).width, ==, 160);
  g_assert_cmpfloat (moat_element_get_bounds (browser).height, ==, 80);

  web = find_element (document, "Web\nApplication");
  g_assert_cmpint (moat_element_get_kind (web), ==, MOAT_ELEMENT_KIND_PROCESS);
  g_assert_cmpstr (moat_element_get_privilege_level (web), ==, "executionContext =Limited");
  g_assert_cmpstr (moat_item_get_id (MOAT_ITEM (web)), ==,
                   "0d9909ea-1398-4898-be81-cf1c808324dc");

  request = find_flow (document, "Web Request");
  g_assert_cmpstr (moat_flow_get_source_id (request), ==, moat_item_get_id (MOAT_ITEM (browser)));
  g_assert_cmpstr (moat_flow_get_target_id (request), ==, moat_item_get_id (MOAT_ITEM (web)));
  g_assert_cmpstr (moat_flow_get_protocol (request), ==, "HTTP/S");
  g_assert_true (moat_flow_get_encrypted (request));
  g_assert_true (moat_flow_get_public_network (request));
  g_assert_false (moat_flow_get_bidirectional (request));
  vertices = moat_flow_get_vertices (request);
  g_assert_cmpuint (moat_point_list_get_n_points (vertices), ==, 1);
  g_assert_cmpfloat (moat_point_list_get_point (vertices, 0).x, ==, 245);
  g_assert_cmpfloat (moat_point_list_get_point (vertices, 0).y, ==, 112);
  g_assert_cmpint (moat_flow_get_review_state (request, MOAT_STRIDE_INFORMATION_DISCLOSURE), ==,
                   MOAT_REVIEW_THREATS_RECORDED);
  g_assert_cmpint (moat_flow_get_review_state (request, MOAT_STRIDE_SPOOFING), ==,
                   MOAT_REVIEW_NOT_REVIEWED);

  threat = find_threat (document, "Data flow should use HTTP/S", 0);
  g_assert_cmpstr (moat_threat_get_target_id (threat), ==, moat_item_get_id (MOAT_ITEM (request)));
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_INFORMATION_DISCLOSURE);
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_STATUS_MITIGATED);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_HIGH);
  g_assert_true (g_str_has_prefix (moat_threat_get_description (threat),
                                   "These requests are made over the public internet"));
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (threat)), ==, 1);
  g_assert_true (g_str_has_prefix (moat_checklist_get_text (moat_threat_get_short_term (threat), 0),
                                   "The requests should require HTTP/S."));
  g_assert_true (moat_checklist_get_done (moat_threat_get_short_term (threat), 0));

  /* Version 1 threats have no number; they are numbered in file order. */
  threat = find_threat (document, "Use HTTPS", 0);
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_STATUS_OPEN);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_MEDIUM);
  g_assert_cmpstr (moat_threat_get_id (threat), ==, "e72495aa-dd53-46d7-aa7b-4a48fdae2b99");
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 2);
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (threat)), ==, 0);
  g_assert_cmpuint (moat_document_get_next_threat_number (document), ==, 4);

  /* The one curve separates the two elements, so it became a boundary
   * around one of them. */
  g_assert_cmpuint (moat_diagram_get_boundaries (diagram)->len, ==, 1);
  g_assert_cmpuint (moat_diagram_get_annotations (diagram)->len, ==, 0);
}

/* Version 2 fields the small models lack: scores, other methodologies,
 * text blocks and boundary boxes. */
static void
test_v2_fields (void)
{
  g_autoptr(GBytes) bytes = load_corpus_file ("cryptocurrency-wallet.json");
  g_autoptr(GBytes) reports = load_corpus_file ("test-reports.json");
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(MoatDocument) reports_document = NULL;
  MoatDiagram *diagram;
  MoatThreat *threat;
  GPtrArray *diagrams;
  MoatAnnotation *note;
  const char * const methodologies[] = {
    "STRIDE", "CIA", "LINDDUN", "DIE", "PLOT4ai", "Generic", "STRIDE",
  };

  document = moat_threat_dragon_import (bytes, "cryptocurrency-wallet.json", report, &error);
  g_assert_no_error (error);

  diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_assert_cmpstr (moat_diagram_get_methodology (diagram), ==, "CIA");

  threat = g_ptr_array_index (moat_document_get_threats (document), 0);
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_OTHER);
  g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "Integrity");
  g_assert_cmpstr (moat_threat_get_score (threat), ==, "10.0");
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_CRITICAL);
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 1);

  note = g_ptr_array_index (moat_diagram_get_annotations (diagram), 0);
  g_assert_cmpint (moat_annotation_get_kind (note), ==, MOAT_ANNOTATION_KIND_NOTE);
  g_assert_true (g_str_has_prefix (moat_annotation_get_text (note), "Cryptocurrency wallet"));
  g_assert_true (report_contains (report, "$.detail.diagrams[0].cells[1]: the text block was "
                                          "imported as a note"));

  /* The box boundary keeps its place and name. */
  g_assert_cmpstr (moat_item_get_name (g_ptr_array_index (moat_diagram_get_boundaries (diagram),
                                                          0)),
                   ==, "Electrum Wallet");

  reports_document = moat_threat_dragon_import (reports, "test-reports.json", NULL, &error);
  g_assert_no_error (error);
  diagrams = moat_document_get_diagrams (reports_document);
  g_assert_cmpuint (diagrams->len, ==, G_N_ELEMENTS (methodologies));
  for (guint i = 0; i < diagrams->len; i++)
    g_assert_cmpstr (moat_diagram_get_methodology (g_ptr_array_index (diagrams, i)), ==,
                     methodologies[i]);

  g_assert_cmpstr (moat_diagram_get_description (g_ptr_array_index (diagrams, 1)), ==,
                   "a wide CIA diagram for landscape");

  /* Generic threats with STRIDE types get their category; the DIE one
   * keeps its type. */
  threat = find_threat (reports_document, "New generic threat", 0);
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_SPOOFING);
  g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "");
  threat = find_threat (reports_document, "New DIE threat", 0);
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_OTHER);
  g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "Distributed");
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 7);
}

static void
test_stride_labels (void)
{
  const struct
  {
    const char *type;
    MoatStrideCategory category;
  } cases[] = {
    { "Spoofing", MOAT_STRIDE_SPOOFING },
    { "Information disclosure", MOAT_STRIDE_INFORMATION_DISCLOSURE },
    { "Information Disclosure", MOAT_STRIDE_INFORMATION_DISCLOSURE },
    { "InformationDisclosure", MOAT_STRIDE_INFORMATION_DISCLOSURE },
    { "  denial  of service ", MOAT_STRIDE_DENIAL_OF_SERVICE },
    { "Manipulation", MOAT_STRIDE_TAMPERING },
    { "Erhöhung von Rechten", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },
    { "Tampering / Manipulación", MOAT_STRIDE_TAMPERING },
    { "Repudiation / Repudiación", MOAT_STRIDE_REPUDIATION },
    { "Usurpation d’identité", MOAT_STRIDE_SPOOFING },
    { "Déni de service", MOAT_STRIDE_DENIAL_OF_SERVICE },
    { "Adulteração", MOAT_STRIDE_TAMPERING },
    { "特権の昇格", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },
    { "信息泄露", MOAT_STRIDE_INFORMATION_DISCLOSURE },
    { "Spoofing التزييف", MOAT_STRIDE_SPOOFING },
    { "Elevation of privilege تسلق الامتياز", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },
    { "Άρνηση εκτέλεσης υπηρεσίας (Denial of service)", MOAT_STRIDE_DENIAL_OF_SERVICE },
    { "Αναβάθμιση προνομίων (Elevation of Priviledge)", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },
    { "חשיפת מידע", MOAT_STRIDE_INFORMATION_DISCLOSURE },
    /* ड़ typed as one character and as two */
    { "\u091B\u0947\u095C\u091B\u093E\u095C", MOAT_STRIDE_TAMPERING },
    { "\u091B\u0947\u0921\u093C\u091B\u093E\u0921\u093C", MOAT_STRIDE_TAMPERING },
    { "सेवा से इनकार", MOAT_STRIDE_DENIAL_OF_SERVICE },
    { "Penafian", MOAT_STRIDE_REPUDIATION },
    { "Penafian Perkhidmatan", MOAT_STRIDE_DENIAL_OF_SERVICE },
    { "การปฏิเสธ", MOAT_STRIDE_REPUDIATION },
    { "การปฏิเสธการให้บริการ", MOAT_STRIDE_DENIAL_OF_SERVICE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"summary\": {\"title\": \"t\"}, \"detail\": {\"diagrams\": [{\"id\": 0, "
        "\"diagramType\": \"STRIDE\", \"cells\": [{\"id\": \"a1\", \"shape\": \"actor\", "
        "\"zIndex\": 1, \"position\": {\"x\": 0, \"y\": 0}, \"size\": {\"width\": 100, "
        "\"height\": 60}, \"data\": {\"name\": \"A\", \"threats\": [{\"title\": \"T\", "
        "\"type\": \"%s\", \"status\": \"Open\", \"severity\": \"TBD\"}]}}]}]}}",
        cases[i].type);
      g_autoptr(MoatDocument) document = import_ok (json, NULL);
      MoatThreat *threat = g_ptr_array_index (moat_document_get_threats (document), 0);

      g_test_message ("type “%s”", cases[i].type);
      g_assert_cmpint (moat_threat_get_category (threat), ==, cases[i].category);
      g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "");
    }
}

static char *
dup_threat_model (const char *diagram_type,
                  const char *threat_fields)
{
  return g_strdup_printf (
    "{\"summary\": {\"title\": \"t\"}, \"detail\": {\"diagrams\": [{\"id\": 0, "
    "\"diagramType\": \"%s\", \"cells\": [{\"id\": \"a1\", \"shape\": \"actor\", "
    "\"zIndex\": 1, \"position\": {\"x\": 0, \"y\": 0}, \"size\": {\"width\": 100, "
    "\"height\": 60}, \"data\": {\"name\": \"A\", \"threats\": [{%s}]}}]}]}}",
    diagram_type, threat_fields);
}

/* A STRIDE label in a LINDDUN diagram is a LINDDUN type; an unknown type
 * in a STRIDE diagram is kept and reported. */
static void
test_other_methodologies (void)
{
  g_autofree char *linddun = dup_threat_model ("LINDDUN",
                                               "\"title\": \"L\", \"type\": \"Linkability\"");
  g_autofree char *french = dup_threat_model ("LINDDUN",
                                              "\"title\": \"L\", "
                                              "\"type\": \"Divulgation d'information\"");
  g_autofree char *unknown = dup_threat_model ("STRIDE", "\"title\": \"U\", \"type\": \"Phishing\"");
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatDocument) first = import_ok (linddun, NULL);
  g_autoptr(MoatDocument) second = import_ok (french, NULL);
  g_autoptr(MoatDocument) third = import_ok (unknown, report);
  MoatThreat *threat;

  threat = g_ptr_array_index (moat_document_get_threats (first), 0);
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_OTHER);
  g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "Linkability");

  threat = g_ptr_array_index (moat_document_get_threats (second), 0);
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_OTHER);
  g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "Divulgation d'information");

  threat = g_ptr_array_index (moat_document_get_threats (third), 0);
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_OTHER);
  g_assert_cmpstr (moat_threat_get_type_label (threat), ==, "Phishing");
  g_assert_true (report_contains (report, "$.detail.diagrams[0].cells[0].data.threats[0].type: "
                                          "“Phishing” is not a STRIDE category"));
}

static void
test_severity_and_status (void)
{
  const struct
  {
    const char *severity;
    const char *status;
    MoatSeverity expected_severity;
    MoatThreatStatus expected_status;
    const char *reported;
  } cases[] = {
    { "TBD", "Open", MOAT_SEVERITY_UNSET, MOAT_THREAT_STATUS_OPEN, NULL },
    { "", "", MOAT_SEVERITY_UNSET, MOAT_THREAT_STATUS_OPEN, NULL },
    { "Low", "Mitigated", MOAT_SEVERITY_LOW, MOAT_THREAT_STATUS_MITIGATED, NULL },
    { "Medium", "Open", MOAT_SEVERITY_MEDIUM, MOAT_THREAT_STATUS_OPEN, NULL },
    { "high", "Open", MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN, NULL },
    { "Critical", "NotApplicable", MOAT_SEVERITY_CRITICAL, MOAT_THREAT_STATUS_ACCEPTED,
      "imported as ACCEPTED" },
    { "TBA", "Open", MOAT_SEVERITY_UNSET, MOAT_THREAT_STATUS_OPEN, "unknown severity “TBA”" },
    { "Low", "Closed", MOAT_SEVERITY_LOW, MOAT_THREAT_STATUS_OPEN, "unknown status “Closed”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fields = g_strdup_printf ("\"title\": \"T\", \"type\": \"Spoofing\", "
                                                 "\"severity\": \"%s\", \"status\": \"%s\"",
                                                 cases[i].severity, cases[i].status);
      g_autofree char *json = dup_threat_model ("STRIDE", fields);
      g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(MoatDocument) document = import_ok (json, report);
      MoatThreat *threat = g_ptr_array_index (moat_document_get_threats (document), 0);

      g_test_message ("severity “%s”, status “%s”", cases[i].severity, cases[i].status);
      g_assert_cmpint (moat_threat_get_severity (threat), ==, cases[i].expected_severity);
      g_assert_cmpint (moat_threat_get_status (threat), ==, cases[i].expected_status);
      if (cases[i].reported != NULL)
        g_assert_true (report_contains (report, cases[i].reported));
    }
}

/* Numbers are kept when they are usable and unique; the rest get the next
 * free ones, and threatTop is never reused. */
static void
test_threat_numbers (void)
{
  const char *json =
    "{\"summary\": {\"title\": \"t\"}, \"detail\": {\"threatTop\": 20, \"diagrams\": [{\"id\": 3, "
    "\"diagramType\": \"STRIDE\", \"cells\": [{\"id\": \"a1\", \"shape\": \"actor\", "
    "\"zIndex\": 1, \"position\": {\"x\": 0, \"y\": 0}, \"size\": {\"width\": 100, "
    "\"height\": 60}, \"data\": {\"name\": \"A\", \"threats\": ["
    "{\"title\": \"one\", \"number\": 7, \"id\": \"t1\", \"score\": 4.5},"
    "{\"title\": \"two\", \"number\": 7, \"id\": \"t1\"},"
    "{\"title\": \"three\", \"number\": \"9\"},"
    "{\"title\": \"four\", \"number\": 0}]}}]}]}}";
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatDocument) document = import_ok (json, report);
  GPtrArray *threats = moat_document_get_threats (document);

  g_assert_cmpuint (moat_threat_get_number (g_ptr_array_index (threats, 0)), ==, 7);
  g_assert_cmpuint (moat_threat_get_number (g_ptr_array_index (threats, 1)), ==, 10);
  g_assert_cmpuint (moat_threat_get_number (g_ptr_array_index (threats, 2)), ==, 9);
  g_assert_cmpuint (moat_threat_get_number (g_ptr_array_index (threats, 3)), ==, 11);
  g_assert_cmpuint (moat_document_get_next_threat_number (document), ==, 21);
  g_assert_cmpstr (moat_threat_get_score (g_ptr_array_index (threats, 0)), ==, "4.5");

  g_assert_cmpstr (moat_threat_get_id (g_ptr_array_index (threats, 0)), ==, "t1");
  g_assert_cmpstr (moat_threat_get_id (g_ptr_array_index (threats, 1)), !=, "t1");
  g_assert_true (report_contains (report, "threats[1].id: the id “t1” is used twice"));
  g_assert_true (report_contains (report, "threats[1].number: threat number 7 is used twice; "
                                          "this threat became THREAT-010"));
  g_assert_true (report_contains (report, "threats[3].number: 0 is not a usable "
                                          "threat number"));
  g_assert_cmpstr (moat_diagram_get_id (g_ptr_array_index (moat_document_get_diagrams (document),
                                                           0)),
                   ==, "td-diagram-3");
}

/* Flags with no Moat property stay visible in the description. */
static void
test_unsupported_flags (void)
{
  const char *json =
    "{\"summary\": {\"title\": \"t\"}, \"detail\": {\"diagrams\": [{\"id\": 0, "
    "\"diagramType\": \"STRIDE\", \"cells\": [{\"id\": \"a1\", \"shape\": \"actor\", "
    "\"zIndex\": 1, \"position\": {\"x\": 0, \"y\": 0}, \"size\": {\"width\": \"100\", "
    "\"height\": 5}, \"data\": {\"name\": \"A\", \"description\": \"Users\", "
    "\"providesAuthentication\": true, \"colour\": \"red\"}}]}]}}";
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatDocument) document = import_ok (json, report);
  MoatElement *element = find_element (document, "A");

  g_assert_cmpstr (moat_item_get_description (MOAT_ITEM (element)), ==,
                   "Users\n\nThreat Dragon: provides authentication.");
  g_assert_true (report_contains (report, "data.providesAuthentication: “providesAuthentication” "
                                          "has no Moat property"));
  g_assert_true (report_contains (report, "data.colour: unknown key “colour” was not imported"));

  /* A width written as a string is read; a height below Moat's smallest
   * is enlarged and reported. */
  g_assert_cmpfloat (moat_element_get_bounds (element).width, ==, 100);
  g_assert_cmpfloat (moat_element_get_bounds (element).height, ==, MOAT_SIZE_MIN);
  g_assert_true (report_contains (report, "cells[0].size: size 100 × 5 is below"));
}

/* A flow with a loose end keeps the end as its first bend point, and the
 * export gives the point back. */
static void
test_loose_flow_end (void)
{
  const char *json =
    "{\"summary\": {\"title\": \"t\"}, \"detail\": {\"diagrams\": [{\"id\": 0, "
    "\"diagramType\": \"STRIDE\", \"cells\": [{\"id\": \"a1\", \"shape\": \"actor\", "
    "\"zIndex\": 1, \"position\": {\"x\": 0, \"y\": 0}, \"size\": {\"width\": 100, "
    "\"height\": 60}, \"data\": {\"name\": \"A\"}}, {\"id\": \"f1\", \"shape\": \"flow\", "
    "\"zIndex\": 2, \"source\": {\"x\": 300, \"y\": 40}, \"target\": {\"cell\": \"a1\", "
    "\"port\": \"p\"}, \"vertices\": [{\"x\": 200, \"y\": 100}], \"data\": {\"name\": \"F\", "
    "\"isBidirectional\": true}}]}]}}";
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatDocument) document = import_ok (json, report);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(JsonNode) root = NULL;
  MoatFlow *flow = find_flow (document, "F");
  const MoatPointList *vertices = moat_flow_get_vertices (flow);

  g_assert_cmpstr (moat_flow_get_source_id (flow), ==, "");
  g_assert_cmpstr (moat_flow_get_target_id (flow), ==, "a1");
  g_assert_true (moat_flow_get_bidirectional (flow));
  g_assert_cmpuint (moat_point_list_get_n_points (vertices), ==, 2);
  g_assert_cmpfloat (moat_point_list_get_point (vertices, 0).x, ==, 300);
  g_assert_cmpfloat (moat_point_list_get_point (vertices, 1).x, ==, 200);
  g_assert_true (report_contains (report, "the data flow “F” is not connected at both ends"));

  exported = moat_threat_dragon_export (document, &error);
  g_assert_no_error (error);
  root = parse_threat_dragon (exported);
  g_assert_cmpfloat (number_at (root, "$.detail.diagrams[0].cells[1].source.x"), ==, 300);
  g_assert_cmpfloat (number_at (root, "$.detail.diagrams[0].cells[1].vertices[0].x"), ==, 200);
  g_assert_cmpstr (string_at (root, "$.detail.diagrams[0].cells[1].target.cell"), ==, "a1");
  g_assert_cmpstr (string_at (root, "$.detail.diagrams[0].cells[1].attrs.line.sourceMarker.name"),
                   ==, "block");
}

/* Curves: a closed one, and an open one that separates nothing. */
static void
test_boundary_curves (void)
{
  const char *json =
    "{\"summary\": {\"title\": \"t\"}, \"detail\": {\"diagrams\": [{\"id\": 0, "
    "\"diagramType\": \"STRIDE\", \"cells\": ["
    "{\"id\": \"a1\", \"shape\": \"actor\", \"zIndex\": 1, \"position\": {\"x\": 100, "
    "\"y\": 100}, \"size\": {\"width\": 100, \"height\": 60}, \"data\": {\"name\": \"In\"}},"
    "{\"id\": \"a2\", \"shape\": \"process\", \"zIndex\": 1, \"position\": {\"x\": 400, "
    "\"y\": 100}, \"size\": {\"width\": 80, \"height\": 80}, \"data\": {\"name\": \"Out\"}},"
    "{\"id\": \"c1\", \"shape\": \"trust-boundary-curve\", \"zIndex\": 0, "
    "\"source\": {\"x\": 50, \"y\": 50}, \"target\": {\"x\": 52, \"y\": 52}, "
    "\"vertices\": [{\"x\": 260, \"y\": 50}, {\"x\": 260, \"y\": 220}, {\"x\": 50, \"y\": 220}], "
    "\"data\": {\"name\": \"Closed\", \"description\": \"d\"}},"
    "{\"id\": \"c2\", \"shape\": \"trust-boundary-curve\", \"zIndex\": 0, "
    "\"source\": {\"x\": 600, \"y\": 0}, \"target\": {\"x\": 700, \"y\": 300}, "
    "\"data\": {\"name\": \"Open\"}}]}]}}";
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatDocument) document = import_ok (json, report);
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  MoatBoundary *boundary;
  MoatRect bounds;
  MoatAnnotation *curve;

  g_assert_cmpuint (moat_diagram_get_boundaries (diagram)->len, ==, 1);
  boundary = g_ptr_array_index (moat_diagram_get_boundaries (diagram), 0);
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (boundary)), ==, "Closed");
  g_assert_cmpstr (moat_item_get_description (MOAT_ITEM (boundary)), ==, "d");
  bounds = moat_boundary_get_bounds (boundary);
  g_assert_true (moat_rect_contains_rect (&bounds, &(MoatRect) { 100, 100, 100, 60 }));
  g_assert_false (moat_rect_intersects (&bounds, &(MoatRect) { 400, 100, 80, 80 }));
  g_assert_true (report_contains (report, "cells[2]: the trust boundary curve “Closed” was "
                                          "closed into a rectangle"));

  g_assert_cmpuint (moat_diagram_get_annotations (diagram)->len, ==, 1);
  curve = g_ptr_array_index (moat_diagram_get_annotations (diagram), 0);
  g_assert_cmpint (moat_annotation_get_kind (curve), ==, MOAT_ANNOTATION_KIND_BOUNDARY_CURVE);
  g_assert_cmpstr (moat_annotation_get_text (curve), ==, "Open");
  g_assert_cmpuint (moat_point_list_get_n_points (moat_annotation_get_points (curve)), ==, 2);
  g_assert_true (report_contains (report, "cells[3]: the trust boundary curve “Open” was kept as "
                                          "an open line"));
  g_assert_true (report_contains (report, "does not separate any elements"));
}

static void
test_errors (void)
{
  const struct
  {
    const char *json;
    int code;
    const char *message;
  } cases[] = {
    { "{\"summary\": {", MOAT_THREAT_DRAGON_ERROR_INVALID_JSON, "test.json: invalid JSON" },
    { "", MOAT_THREAT_DRAGON_ERROR_INVALID_JSON, "the file is empty" },
    { "[1, 2]", MOAT_THREAT_DRAGON_ERROR_NOT_A_MODEL, "test.json: $: expected a JSON object" },
    { "{\"summary\": {\"title\": 3}, \"detail\": {\"diagrams\": []}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID, "test.json: $.summary.title: expected a string, "
      "found a number" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": {}}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID, "$.detail.diagrams: expected an array, found an object" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"cells\": [{\"id\": \"a\", "
      "\"shape\": \"actor\", \"size\": {\"width\": 10, \"height\": 10}, \"data\": {}}]}]}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID,
      "$.detail.diagrams[0].cells[0]: missing required key “position”" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"cells\": [{\"id\": \"a\", "
      "\"shape\": \"actor\", \"position\": {\"x\": \"left\", \"y\": 2e9}, "
      "\"size\": {\"width\": 10, \"height\": 10}}]}]}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID,
      "$.detail.diagrams[0].cells[0].position.x: expected a number, found a string" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"cells\": [{\"id\": \"f\", "
      "\"shape\": \"flow\", \"source\": {\"cell\": \"gone\"}, \"target\": {\"x\": 1, \"y\": 1}, "
      "\"data\": {}}]}]}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID,
      "$.detail.diagrams[0].cells[0].source: references cell “gone”, which is not in this "
      "diagram" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"cells\": [{\"id\": \"a\", "
      "\"shape\": \"actor\", \"position\": {\"x\": 1, \"y\": 1}, \"size\": {\"width\": 10, "
      "\"height\": 10}, \"data\": {\"threats\": {}}}]}]}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID,
      "$.detail.diagrams[0].cells[0].data.threats: expected an array, found an object" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"diagramJson\": {\"cells\": [{\"id\": "
      "\"a\", \"type\": \"tm.Actor\", \"position\": {\"x\": 1, \"y\": 1}, \"size\": "
      "{\"width\": 10, \"height\": 10}, \"outOfScope\": \"no\"}]}}]}}",
      MOAT_THREAT_DRAGON_ERROR_INVALID,
      "$.detail.diagrams[0].diagramJson.cells[0].outOfScope: expected true or false, found a "
      "string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatDocument) document = NULL;

      g_test_message ("input %s", cases[i].json);
      document = import_text (cases[i].json, NULL, &error);
      g_assert_null (document);
      g_assert_error (error, MOAT_THREAT_DRAGON_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_detect (void)
{
  const struct
  {
    const char *text;
    gboolean threat_dragon;
  } cases[] = {
    { "{\"summary\": {}, \"detail\": {}}", TRUE },
    { "{\"detail\": {}}", TRUE },
    { "{\"format\": \"moat\", \"version\": 1, \"summary\": {}}", FALSE },
    { "{}", FALSE },
    { "[]", FALSE },
    { "not json", FALSE },
    { "", FALSE },
  };
  g_autofree char *example = NULL;
  g_autofree char *example_path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                                    "payment-webhook.moat", NULL);
  gsize length;
  g_autoptr(GBytes) moat_bytes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, strlen (cases[i].text));

      g_assert_cmpint (moat_threat_dragon_detect (bytes), ==, cases[i].threat_dragon);
    }

  g_assert_true (g_file_get_contents (example_path, &example, &length, NULL));
  moat_bytes = g_bytes_new (example, length);
  g_assert_false (moat_threat_dragon_detect (moat_bytes));
}

/* A model made in Moat exports with its threats on their cells, Moat's
 * extra threat texts folded into the description and mitigation, and
 * reads back with its elements, flows and threats. */
static void
test_export_moat_model (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                            "payment-webhook.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);
  g_autoptr(MoatDocument) back = NULL;
  g_autoptr(GBytes) exported = NULL;
  GPtrArray *threats;
  Inventory original;
  Inventory reimported;

  g_assert_no_error (error);
  exported = moat_threat_dragon_export (document, &error);
  g_assert_no_error (error);
  assert_threat_dragon_v2 (exported, document);

  back = moat_threat_dragon_import (exported, "exported.json", NULL, &error);
  g_assert_no_error (error);

  inventory_init (&original);
  inventory_init (&reimported);
  count_document (document, &original);
  count_document (back, &reimported);
  g_assert_cmpuint (reimported.elements, ==, original.elements);
  g_assert_cmpuint (reimported.flows, ==, original.flows);
  g_assert_cmpuint (reimported.boundaries, ==, original.boundaries);
  g_assert_cmpuint (reimported.threats, ==, original.threats);
  assert_same_strings (original.threat_titles, reimported.threat_titles);
  inventory_clear (&original);
  inventory_clear (&reimported);

  threats = moat_document_get_threats (document);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      MoatThreat *copy = moat_document_lookup (back, moat_threat_get_id (threat));

      g_assert_nonnull (copy);
      g_assert_cmpuint (moat_threat_get_number (copy), ==, moat_threat_get_number (threat));
      g_assert_cmpint (moat_threat_get_severity (copy), ==, moat_threat_get_severity (threat));
      g_assert_cmpint (moat_threat_get_category (copy), ==, moat_threat_get_category (threat));
      g_assert_cmpstr (moat_threat_get_target_id (copy), ==, moat_threat_get_target_id (threat));
      if (moat_threat_get_attack_vector (threat)[0] != '\0')
        g_assert_nonnull (strstr (moat_threat_get_description (copy),
                                  moat_threat_get_attack_vector (threat)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  folder = g_test_build_filename (G_TEST_DIST, "data", "threat-dragon", NULL);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *counts = g_strdup_printf ("/threat-dragon/corpus/%s/import", file);
      g_autofree char *round_trip = g_strdup_printf ("/threat-dragon/corpus/%s/round-trip", file);
      g_autofree char *rejected = g_strdup_printf ("/threat-dragon/corpus/%s/rejected", file);

      if (g_strv_contains (malformed_files, file))
        {
          g_test_add_data_func (rejected, file, test_corpus_malformed);
          continue;
        }

      g_test_add_data_func (counts, file, test_corpus_counts);
      g_test_add_data_func (round_trip, file, test_corpus_round_trip);
    }

  g_test_add_func ("/threat-dragon/import/v1-fields", test_v1_fields);
  g_test_add_func ("/threat-dragon/import/v2-fields", test_v2_fields);
  g_test_add_func ("/threat-dragon/import/stride-labels", test_stride_labels);
  g_test_add_func ("/threat-dragon/import/other-methodologies", test_other_methodologies);
  g_test_add_func ("/threat-dragon/import/severity-and-status", test_severity_and_status);
  g_test_add_func ("/threat-dragon/import/threat-numbers", test_threat_numbers);
  g_test_add_func ("/threat-dragon/import/unsupported-flags", test_unsupported_flags);
  g_test_add_func ("/threat-dragon/import/loose-flow-end", test_loose_flow_end);
  g_test_add_func ("/threat-dragon/import/boundary-curves", test_boundary_curves);
  g_test_add_func ("/threat-dragon/import/errors", test_errors);
  g_test_add_func ("/threat-dragon/detect", test_detect);
  g_test_add_func ("/threat-dragon/export/moat-model", test_export_moat_model);

  return g_test_run ();
}
