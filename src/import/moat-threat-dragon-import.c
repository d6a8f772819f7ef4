/* moat-threat-dragon-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-document-private.h"
#include "moat-input-limits.h"
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

/* A diagram's cells become its elements, trust boundaries, flows and
 * notes, so the most it may have is what a Moat diagram may have. */
#define MAX_CELLS (MOAT_INPUT_MAX_ELEMENTS * 2 + MOAT_INPUT_MAX_FLOWS)

G_DEFINE_QUARK (moat-threat-dragon-error-quark, moat_threat_dragon_error)

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

      td_push_index (importer, i);
      cell.object = td_array_object (importer, cells, i);
      if (cell.object != NULL)
        {
          cell.data = v2 ? td_read_object (importer, cell.object, "data", FALSE) : cell.object;
          if (cell.data == NULL)
            cell.data = cell.object;

          z = json_object_get_member (cell.object, v2 ? "zIndex" : "z");
          if (z != NULL && td_holds_number (z))
            cell.z = (gint64)json_node_get_double (z);

          cell.td_id = td_get_string_member (cell.object, "id");
          td_classify_cell (importer, &cell);
          g_array_append_val (list, cell);
        }
      td_pop (importer);
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

  td_push_index (importer, cell->index);

  switch (cell->kind)
    {
    case CELL_ACTOR:
    case CELL_PROCESS:
    case CELL_STORE:
      td_import_element (importer, context, cell);
      break;

    case CELL_FLOW:
      td_import_flow (importer, context, cell);
      break;

    case CELL_BOUNDARY_BOX:
      td_import_boundary_box (importer, context, cell);
      break;

    case CELL_BOUNDARY_CURVE:
      td_import_boundary_curve (importer, context, cell);
      break;

    case CELL_TEXT:
      td_import_text (importer, context, cell);
      break;

    case CELL_UNKNOWN:
    default:
      {
        const char *shape = td_get_string_member (cell->object, cell->v2 ? "shape" : "type");

        td_report (importer, NULL, _("a cell of unknown kind “%s” was not imported"),
                shape != NULL ? shape : "");
      }
      break;
    }

  td_pop (importer);
}

static void
import_cells (Importer       *importer,
              DiagramContext *context,
              JsonArray      *cells,
              gboolean        v2)
{
  g_autoptr(GArray) list = NULL;

  td_push_key (importer, "cells");
  list = collect_cells (importer, cells, v2);

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < list->len; i++)
      import_cell (importer, context, &g_array_index (list, Cell, i), pass);

  td_pop (importer);
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

  if (node != NULL && td_holds_type (node, G_TYPE_INT64) && json_node_get_int (node) >= 0)
    wanted = g_strdup_printf ("td-diagram-%" G_GINT64_FORMAT, json_node_get_int (node));

  return g_strdup (td_claim_id (importer, wanted, "diagram"));
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
  const char *title = td_read_string (importer, object, "title");
  DiagramContext context;
  JsonArray *cells;

  if (title[0] == '\0')
    title = td_read_string (importer, object, "name");

  diagram = moat_diagram_new (id, title);
  g_object_set (diagram,
                "methodology", td_read_string (importer, object, "diagramType"),
                "description", td_read_string (importer, object, "description"),
                NULL);
  moat_document_append_diagram_internal (importer->document, diagram);
  td_report_unknown_keys (importer, object, keys, NULL);

  g_array_set_clear_func (flow_paths, clear_flow_path);
  context = (DiagramContext) {
    diagram, moat_diagram_get_methodology (diagram), element_ids, centers, element_bounds,
    element_positions, flow_paths, annotations,
  };

  /* The structure decides the version: version 2 keeps cells in the
   * diagram, version 1 inside diagramJson. A diagram never drawn in has
   * neither. */
  cells = td_read_array (importer, object, "cells", FALSE);
  if (cells != NULL)
    {
      if (td_check_length (importer, cells, "cells", MAX_CELLS))
        import_cells (importer, &context, cells, TRUE);
    }
  else
    {
      JsonObject *diagram_json = td_read_object (importer, object, "diagramJson", FALSE);

      if (diagram_json != NULL)
        {
          static const char * const json_keys[] = { "cells", NULL };

          td_push_key (importer, "diagramJson");
          td_report_unknown_keys (importer, diagram_json, json_keys, NULL);
          cells = td_read_array (importer, diagram_json, "cells", FALSE);
          if (cells != NULL && td_check_length (importer, cells, "cells", MAX_CELLS))
            import_cells (importer, &context, cells, FALSE);
          td_pop (importer);
        }
    }

  g_object_set (diagram, "annotations", annotations, NULL);
}

static void
import_summary (Importer   *importer,
                JsonObject *root,
                const char * const *root_keys)
{
  static const char * const keys[] = { "title", "owner", "description", "id", NULL };
  JsonObject *summary = td_read_required_object (importer, root, "summary", root_keys);

  if (summary == NULL)
    return;

  td_push_key (importer, "summary");
  g_object_set (importer->document,
                "title", td_read_string (importer, summary, "title"),
                "owner", td_read_string (importer, summary, "owner"),
                "description", td_read_string (importer, summary, "description"),
                NULL);
  td_report_unknown_keys (importer, summary, keys, NULL);
  td_pop (importer);
}

static void
import_contributors (Importer   *importer,
                     JsonObject *detail)
{
  JsonArray *array = td_read_array (importer, detail, "contributors", FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) contributors = NULL;

  if (array == NULL)
    return;

  td_push_key (importer, "contributors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name;

      td_push_index (importer, i);
      if (td_holds_type (node, G_TYPE_STRING))
        name = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        name = td_read_string (importer, json_node_get_object (node), "name");
      else
        {
          td_problem (importer, NULL, _("expected an object with a name, found %s"),
                   td_describe_node (node));
          name = "";
        }

      if (name[0] != '\0')
        g_strv_builder_add (builder, name);
      td_pop (importer);
    }
  td_pop (importer);

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
  JsonObject *detail = td_read_required_object (importer, root, "detail", root_keys);
  const char *reviewer;
  JsonArray *diagrams;
  JsonNode *threat_top;

  if (detail == NULL)
    return 0;

  td_push_key (importer, "detail");
  td_report_unknown_keys (importer, detail, keys, NULL);

  reviewer = td_read_string (importer, detail, "reviewer");
  if (reviewer[0] != '\0')
    {
      const char * const reviewers[] = { reviewer, NULL };

      g_object_set (importer->document, "reviewers", reviewers, NULL);
    }

  import_contributors (importer, detail);

  diagrams = td_read_array (importer, detail, "diagrams", FALSE);
  if (!json_object_has_member (detail, "diagrams"))
    td_report_missing (importer, detail, "diagrams", keys);

  if (diagrams != NULL &&
      td_check_length (importer, diagrams, "diagrams", MOAT_INPUT_MAX_DIAGRAMS))
    {
      td_push_key (importer, "diagrams");
      for (guint i = 0; i < json_array_get_length (diagrams); i++)
        {
          JsonObject *object;

          td_push_index (importer, i);
          object = td_array_object (importer, diagrams, i);
          if (object != NULL)
            import_diagram (importer, object);
          td_pop (importer);
        }
      td_pop (importer);
    }

  threat_top = json_object_get_member (detail, "threatTop");
  td_pop (importer);

  if (threat_top != NULL && td_holds_type (threat_top, G_TYPE_INT64))
    return CLAMP (json_node_get_int (threat_top), 0, G_MAXINT32 - 1);

  return 0;
}

static void
import_root (Importer   *importer,
             JsonObject *root)
{
  static const char * const keys[] = {
    "version", "summary", "detail", "release_version", "released_at", NULL,
  };
  gint64 threat_top;

  td_report_unknown_keys (importer, root, keys, NULL);
  import_summary (importer, root, keys);
  threat_top = import_detail (importer, root, keys);

  /* A Moat model has at least one diagram. It is the STRIDE diagram 0
   * that Threat Dragon would add, so that it exports and reads back the
   * same. */
  if (moat_document_get_diagrams (importer->document)->len == 0)
    {
      g_autoptr(MoatDiagram) diagram =
        moat_diagram_new (td_claim_id (importer, "td-diagram-0", "diagram"), _("Main diagram"));

      g_object_set (diagram, "methodology", "STRIDE", NULL);
      moat_document_append_diagram_internal (importer->document, diagram);
      td_report (importer, "detail.diagrams", _("the model has no diagram; an empty one was added"));
    }

  td_add_threats (importer, threat_top);

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

  /* json-glib 1.6 has no limits and changes some values without a word. */
  if (!moat_json_check_input (data, size, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;

  /* json-glib accepts a file of only white space, with no root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, MOAT_THREAT_DRAGON_ERROR,
                           MOAT_THREAT_DRAGON_ERROR_INVALID_JSON,
                           _("the file contains only white space"));
      return NULL;
    }

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
  if (root == NULL && parse_error->domain == MOAT_JSON_INPUT_ERROR)
    {
      g_set_error (error, MOAT_THREAT_DRAGON_ERROR,
                   parse_error->code == MOAT_JSON_INPUT_ERROR_ENCODING
                   ? MOAT_THREAT_DRAGON_ERROR_INVALID_JSON
                   : MOAT_THREAT_DRAGON_ERROR_INVALID,
                   "%s: %s", display_name, parse_error->message);
      return NULL;
    }

  if (root == NULL)
    {
      const char *message = parse_error->message;
      g_autofree char *valid_message = NULL;

      /* json-glib names in-memory data "<data>"; the file name goes there. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");

      /* The message may quote bytes of the file that are not UTF-8. */
      valid_message = g_utf8_make_valid (message, -1);
      g_set_error (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_INVALID_JSON,
                   _("%s: invalid JSON: %s"), display_name, valid_message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MOAT_THREAT_DRAGON_ERROR, MOAT_THREAT_DRAGON_ERROR_NOT_A_MODEL,
                   _("%s: $: expected a JSON object with \"summary\" and \"detail\", as Threat "
                     "Dragon writes; found %s"),
                   display_name, td_describe_node (root));
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
