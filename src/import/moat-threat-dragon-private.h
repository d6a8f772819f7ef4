/* moat-threat-dragon-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-document.h"

G_BEGIN_DECLS

/* A data flow as the curve decision uses it: its line, and the positions of
 * its end elements in the element list, or -1 for an unconnected end. */
typedef struct
{
  const char *name;
  GArray *points;
  int source;
  int target;
} MoatThreatDragonFlowPath;

gboolean moat_threat_dragon_parse_stride_label (const char          *label,
                                                MoatStrideCategory  *category);
gboolean moat_threat_dragon_close_curve        (const MoatPoint     *points,
                                                guint                n_points,
                                                const MoatRect      *elements,
                                                guint                n_elements,
                                                GArray              *flows,
                                                MoatRect            *region,
                                                char               **reason);

/* The state of one import, shared by the files of the importer; nothing
 * below is used outside the import library. */

/* Past this many, the rest of the problems are counted, not listed. */
#define MAX_LISTED_PROBLEMS 50

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

/* One cell of a diagram. Its properties are in data: the cell's data
 * member in version 2, the cell itself in version 1. */
typedef struct
{
  JsonObject *object;
  JsonObject *data;
  gboolean v2;
  guint index;
  gint64 z;
  CellKind kind;

  /* Threat Dragon's id of the cell, or NULL when it has none. */
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

/* Reading: JSON paths, messages and checked reads (moat-threat-dragon-reader.c). */
void td_push_key (Importer   *importer,
                  const char *key);
void td_push_index (Importer *importer,
                    guint    index);
void td_pop (Importer *importer);
void td_problem (Importer   *importer,
                 const char *key,
                 const char *format,
                 ...) G_GNUC_PRINTF (3, 4);
void td_report (Importer   *importer,
                const char *key,
                const char *format,
                ...) G_GNUC_PRINTF (3, 4);
const char *td_describe_node (JsonNode *node);
gboolean td_holds_type (JsonNode *node,
                        GType    value_type);
gboolean td_holds_number (JsonNode *node);
const char *td_read_string (Importer   *importer,
                            JsonObject *object,
                            const char *key);
gboolean td_read_boolean (Importer   *importer,
                          JsonObject *object,
                          const char *key);
gboolean td_parse_number (JsonNode *node,
                          double   *value);
gboolean td_read_coordinate (Importer   *importer,
                             JsonObject *object,
                             const char *key,
                             double     *value);
JsonObject *td_read_object (Importer   *importer,
                            JsonObject *object,
                            const char *key,
                            gboolean   required);
JsonArray *td_read_array (Importer   *importer,
                          JsonObject *object,
                          const char *key,
                          gboolean   required);
gboolean td_check_length (Importer   *importer,
                          JsonArray  *array,
                          const char *key,
                          guint      limit);
JsonObject *td_array_object (Importer  *importer,
                             JsonArray *array,
                             guint     index);
void td_report_unknown_keys (Importer           *importer,
                             JsonObject         *object,
                             const char * const *known,
                             const char * const *more_known);
const char *td_claim_id (Importer   *importer,
                         const char *wanted,
                         const char *prefix);
JsonObject *td_get_object_member (JsonObject *object,
                                  const char *key);
const char *td_get_string_member (JsonObject *object,
                                  const char *key);
char *td_dup_quoted_name (const char *name);
void td_report_missing (Importer           *importer,
                        JsonObject         *object,
                        const char         *key,
                        const char * const *known);
JsonObject *td_read_required_object (Importer           *importer,
                                     JsonObject         *object,
                                     const char         *key,
                                     const char * const *known);

/* Cells (moat-threat-dragon-cells.c). */
void td_classify_cell (Importer *importer,
                       Cell     *cell);
void td_enter_data (Importer *importer,
                    Cell     *cell);
void td_leave_data (Importer *importer,
                    Cell     *cell);
void td_import_element (Importer       *importer,
                        DiagramContext *context,
                        Cell           *cell);
void td_import_flow (Importer       *importer,
                     DiagramContext *context,
                     Cell           *cell);
void td_import_boundary_box (Importer       *importer,
                             DiagramContext *context,
                             Cell           *cell);
void td_import_text (Importer       *importer,
                     DiagramContext *context,
                     Cell           *cell);
void td_import_boundary_curve (Importer       *importer,
                               DiagramContext *context,
                               Cell           *cell);

/* Threats (moat-threat-dragon-threats.c). */
void td_import_threats (Importer       *importer,
                        DiagramContext *context,
                        Cell           *cell,
                        const char     *target_id);
void td_add_threats (Importer *importer,
                     gint64   threat_top);

G_END_DECLS
