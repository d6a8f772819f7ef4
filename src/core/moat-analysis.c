/* moat-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-analysis.h"
#include "moat-json-writer.h"

/* Everything the STRIDE review needs at one point in time: the boundary
 * crossings of each diagram, the rule suggestions of each flow, review
 * coverage, the problems list and threat counts. It does not follow later
 * changes of the document; make a new one after a change. */

#define JSON_FORMAT  "moat-analysis"
#define JSON_VERSION 1

struct _MoatAnalysis
{
  GObject parent_instance;

  MoatDocument *document;
  /* One MoatCrossings per diagram, in diagram order. */
  GPtrArray *crossings;
  GPtrArray *suggestions;
  MoatCoverage coverage;
  GPtrArray *problems;
};

G_DEFINE_FINAL_TYPE (MoatAnalysis, moat_analysis, G_TYPE_OBJECT)

static void
moat_analysis_finalize (GObject *object)
{
  MoatAnalysis *self = (MoatAnalysis *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->crossings, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_analysis_parent_class)->finalize (object);
}

static void
moat_analysis_class_init (MoatAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_analysis_finalize;
}

static void
moat_analysis_init (MoatAnalysis *self)
{
  self->crossings = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_crossings_unref);
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_suggestion_free);
}

/**
 * moat_analysis_new:
 * @document: the model to analyse
 * @rules: the rule library, from moat_rule_library_new_for_document()
 * @today: (nullable): the date for due-date checks, or %NULL for today
 *
 * Analyses @document as it is now.
 *
 * Returns: (transfer full): the analysis
 */
MoatAnalysis *
moat_analysis_new (MoatDocument    *document,
                   MoatRuleLibrary *rules,
                   GDate           *today)
{
  MoatAnalysis *self;
  GPtrArray *diagrams;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (rules), NULL);

  self = g_object_new (MOAT_TYPE_ANALYSIS, NULL);
  self->document = g_object_ref (document);

  diagrams = moat_document_get_diagrams (document);
  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      MoatCrossings *crossings = moat_crossings_new (diagram);
      GPtrArray *flows = moat_diagram_get_flows (diagram);

      g_ptr_array_add (self->crossings, crossings);
      for (guint i = 0; i < flows->len; i++)
        {
          g_autoptr(GPtrArray) suggestions =
            moat_suggestions_for_flow (rules, document, g_ptr_array_index (flows, i), crossings);

          g_ptr_array_extend_and_steal (self->suggestions, g_steal_pointer (&suggestions));
        }
    }

  moat_coverage_compute (document, self->crossings, &self->coverage);
  self->problems = moat_problems_find (document, self->crossings, today);

  return self;
}

/**
 * moat_analysis_get_document:
 *
 * Returns: (transfer none): the analysed document
 */
MoatDocument *
moat_analysis_get_document (MoatAnalysis *self)
{
  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);

  return self->document;
}

/**
 * moat_analysis_get_crossings:
 * @diagram: a diagram of the analysed document
 *
 * Returns: (transfer none) (nullable): the crossings of @diagram, or
 *   %NULL if it is not part of the document
 */
MoatCrossings *
moat_analysis_get_crossings (MoatAnalysis *self,
                             MoatDiagram  *diagram)
{
  guint position;

  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), NULL);

  if (!g_ptr_array_find (moat_document_get_diagrams (self->document), diagram, &position) ||
      position >= self->crossings->len)
    return NULL;

  return g_ptr_array_index (self->crossings, position);
}

/**
 * moat_analysis_get_suggestions:
 *
 * Returns: (transfer none) (element-type MoatSuggestion): the
 *   suggestions of every flow, in diagram and flow order
 */
GPtrArray *
moat_analysis_get_suggestions (MoatAnalysis *self)
{
  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);

  return self->suggestions;
}

/**
 * moat_analysis_dup_suggestions_for:
 * @flow_id: the id of a flow
 *
 * Returns: (transfer container) (element-type MoatSuggestion): the
 *   suggestions of that flow; the array shares its items with the
 *   analysis, so keep the analysis alive while using it
 */
GPtrArray *
moat_analysis_dup_suggestions_for (MoatAnalysis *self,
                                   const char   *flow_id)
{
  GPtrArray *result = g_ptr_array_new ();

  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), result);
  g_return_val_if_fail (flow_id != NULL, result);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      MoatSuggestion *suggestion = g_ptr_array_index (self->suggestions, i);

      if (g_str_equal (suggestion->flow_id, flow_id))
        g_ptr_array_add (result, suggestion);
    }

  return result;
}

const MoatCoverage *
moat_analysis_get_coverage (MoatAnalysis *self)
{
  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);

  return &self->coverage;
}

/**
 * moat_analysis_get_problems:
 *
 * Returns: (transfer none) (element-type MoatProblem): the problems list
 */
GPtrArray *
moat_analysis_get_problems (MoatAnalysis *self)
{
  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);

  return self->problems;
}

/**
 * moat_analysis_count_threats:
 * @severity: a #MoatSeverity, or -1 for any
 * @status: a #MoatThreatStatus, or -1 for any
 *
 * Returns: the number of threats with that severity and status
 */
guint
moat_analysis_count_threats (MoatAnalysis *self,
                             int           severity,
                             int           status)
{
  GPtrArray *threats;
  guint count = 0;

  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), 0);

  threats = moat_document_get_threats (self->document);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      if ((severity < 0 || (int)moat_threat_get_severity (threat) == severity) &&
          (status < 0 || (int)moat_threat_get_status (threat) == status))
        count++;
    }

  return count;
}

/**
 * moat_analysis_gate_from_string:
 * @name: "critical", "high" or "unreviewed"
 * @gate: (out): the gate
 *
 * Returns: %TRUE if @name names a gate
 */
gboolean
moat_analysis_gate_from_string (const char       *name,
                                MoatAnalysisGate *gate)
{
  g_return_val_if_fail (gate != NULL, FALSE);

  if (g_strcmp0 (name, "critical") == 0)
    *gate = MOAT_ANALYSIS_GATE_CRITICAL;
  else if (g_strcmp0 (name, "high") == 0)
    *gate = MOAT_ANALYSIS_GATE_HIGH;
  else if (g_strcmp0 (name, "unreviewed") == 0)
    *gate = MOAT_ANALYSIS_GATE_UNREVIEWED;
  else
    return FALSE;

  return TRUE;
}

/**
 * moat_analysis_passes_gate:
 * @gate: the condition to check
 * @reason: (out) (optional): why the model fails, when it does
 *
 * Checks a CI gate. %MOAT_ANALYSIS_GATE_CRITICAL fails on an OPEN threat
 * of CRITICAL severity, %MOAT_ANALYSIS_GATE_HIGH on an OPEN threat of HIGH
 * severity or above, and %MOAT_ANALYSIS_GATE_UNREVIEWED on an in-scope
 * flow that crosses a trust boundary with a STRIDE category not
 * reviewed.
 *
 * Returns: %TRUE if the model passes
 */
gboolean
moat_analysis_passes_gate (MoatAnalysis      *self,
                           MoatAnalysisGate   gate,
                           char             **reason)
{
  guint count = 0;

  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), FALSE);

  switch (gate)
    {
    case MOAT_ANALYSIS_GATE_HIGH:
      count = moat_analysis_count_threats (self, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN);
      G_GNUC_FALLTHROUGH;

    case MOAT_ANALYSIS_GATE_CRITICAL:
      count += moat_analysis_count_threats (self, MOAT_SEVERITY_CRITICAL,
                                            MOAT_THREAT_STATUS_OPEN);
      if (count > 0 && reason != NULL)
        *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u OPEN threat is %s or more severe",
                                                "%u OPEN threats are %s or more severe",
                                                count),
                                   count,
                                   gate == MOAT_ANALYSIS_GATE_HIGH
                                   ? moat_severity_to_label (MOAT_SEVERITY_HIGH)
                                   : moat_severity_to_label (MOAT_SEVERITY_CRITICAL));
      break;

    case MOAT_ANALYSIS_GATE_UNREVIEWED:
      count = self->coverage.n_crossing_flows - self->coverage.n_complete_crossing_flows;
      if (count > 0 && reason != NULL)
        *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u data flow crosses a trust boundary and is "
                                                "not fully reviewed",
                                                "%u data flows cross a trust boundary and are "
                                                "not fully reviewed",
                                                count),
                                   count);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  return count == 0;
}

/* JSON output */

static void
write_string_member (MoatJsonWriter *writer,
                     const char     *key,
                     const char     *value)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_string (writer, value != NULL ? value : "");
}

static void
write_int_member (MoatJsonWriter *writer,
                  const char     *key,
                  gint64          value)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_int (writer, value);
}

static void
write_crossings (MoatAnalysis   *self,
                 MoatJsonWriter *writer)
{
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);

  moat_json_writer_member (writer, "crossings");
  moat_json_writer_begin_array (writer);
  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      MoatCrossings *crossings = g_ptr_array_index (self->crossings, d);
      GPtrArray *flows = moat_diagram_get_flows (diagram);

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          const char *id = moat_item_get_id (MOAT_ITEM (flow));
          g_autofree char *label = moat_crossings_dup_label (crossings, id);
          const MoatCrossing *crossed;
          guint n_crossed;

          crossed = moat_crossings_get_for_flow (crossings, id, &n_crossed);
          if (n_crossed == 0)
            continue;

          moat_json_writer_begin_object (writer);
          write_string_member (writer, "diagram", moat_diagram_get_id (diagram));
          write_string_member (writer, "flow", id);
          write_string_member (writer, "name", moat_item_get_name (MOAT_ITEM (flow)));
          write_string_member (writer, "label", label);
          moat_json_writer_member (writer, "boundaries");
          moat_json_writer_begin_array (writer);
          for (guint c = 0; c < n_crossed; c++)
            {
              moat_json_writer_begin_object (writer);
              write_string_member (writer, "id", moat_item_get_id (MOAT_ITEM (crossed[c].boundary)));
              write_string_member (writer, "name",
                                   moat_item_get_name (MOAT_ITEM (crossed[c].boundary)));
              write_string_member (writer, "direction",
                                   crossed[c].entering ? "entering" : "leaving");
              moat_json_writer_end_object (writer);
            }
          moat_json_writer_end_array (writer);
          moat_json_writer_end_object (writer);
        }
    }
  moat_json_writer_end_array (writer);
}

static void
write_coverage (MoatAnalysis   *self,
                MoatJsonWriter *writer)
{
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);

  moat_json_writer_member (writer, "coverage");
  moat_json_writer_begin_object (writer);
  write_int_member (writer, "reviewed", self->coverage.reviewed_pairs);
  write_int_member (writer, "total", self->coverage.total_pairs);
  write_int_member (writer, "flows", self->coverage.n_flows);
  write_int_member (writer, "complete-flows", self->coverage.n_complete_flows);
  write_int_member (writer, "crossing-reviewed", self->coverage.crossing_reviewed_pairs);
  write_int_member (writer, "crossing-total", self->coverage.crossing_total_pairs);
  write_int_member (writer, "crossing-flows", self->coverage.n_crossing_flows);
  write_int_member (writer, "complete-crossing-flows",
                    self->coverage.n_complete_crossing_flows);

  moat_json_writer_member (writer, "per-flow");
  moat_json_writer_begin_array (writer);
  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          const char *id = moat_item_get_id (MOAT_ITEM (flow));

          if (moat_flow_get_out_of_scope (flow))
            continue;

          moat_json_writer_begin_object (writer);
          write_string_member (writer, "flow", id);
          write_int_member (writer, "reviewed", moat_coverage_count_reviewed (flow));
          write_int_member (writer, "total", MOAT_N_STRIDE_CATEGORIES);
          moat_json_writer_member (writer, "crossing");
          moat_json_writer_boolean (writer,
                                    moat_crossings_is_crossing (g_ptr_array_index (self->crossings,
                                                                                   d),
                                                                id));
          moat_json_writer_member (writer, "not-reviewed");
          moat_json_writer_begin_array (writer);
          for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
            if (moat_flow_get_review_state (flow, category) == MOAT_REVIEW_NOT_REVIEWED)
              moat_json_writer_string (writer,
                                       moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category));
          moat_json_writer_end_array (writer);
          moat_json_writer_end_object (writer);
        }
    }
  moat_json_writer_end_array (writer);
  moat_json_writer_end_object (writer);
}

static void
write_suggestions (MoatAnalysis   *self,
                   MoatJsonWriter *writer)
{
  moat_json_writer_member (writer, "suggestions");
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < self->suggestions->len; i++)
    {
      MoatSuggestion *suggestion = g_ptr_array_index (self->suggestions, i);
      MoatRule *rule = suggestion->rule;

      moat_json_writer_begin_object (writer);
      write_string_member (writer, "rule", moat_rule_get_id (rule));
      write_string_member (writer, "category",
                           moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY,
                                              moat_rule_get_category (rule)));
      write_string_member (writer, "pattern", moat_rule_get_pattern_id (rule));
      write_string_member (writer, "flow", suggestion->flow_id);
      write_string_member (writer, "target", suggestion->target_id);
      write_string_member (writer, "title", moat_rule_get_title (rule));
      write_string_member (writer, "severity",
                           moat_enum_to_nick (MOAT_TYPE_SEVERITY, moat_rule_get_severity (rule)));
      write_string_member (writer, "state",
                           moat_enum_to_nick (MOAT_TYPE_SUGGESTION_STATE, suggestion->state));
      write_string_member (writer, "reason", suggestion->reason);
      write_string_member (writer, "threat", suggestion->threat_id);
      moat_json_writer_end_object (writer);
    }
  moat_json_writer_end_array (writer);
}

static void
write_problems (MoatAnalysis   *self,
                MoatJsonWriter *writer)
{
  moat_json_writer_member (writer, "problems");
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < self->problems->len; i++)
    {
      MoatProblem *problem = g_ptr_array_index (self->problems, i);

      moat_json_writer_begin_object (writer);
      write_string_member (writer, "kind", moat_enum_to_nick (MOAT_TYPE_PROBLEM_KIND,
                                                              problem->kind));
      write_string_member (writer, "object", problem->object_id);
      write_string_member (writer, "select", problem->select_id);
      write_string_member (writer, "diagram", problem->diagram_id);
      write_string_member (writer, "message", problem->message);
      moat_json_writer_end_object (writer);
    }
  moat_json_writer_end_array (writer);
}

static void
write_counts (MoatAnalysis   *self,
              MoatJsonWriter *writer,
              const char     *key,
              GType           enum_type,
              guint           n_values,
              gboolean        by_severity,
              int             status)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_begin_object (writer);
  for (guint value = 0; value < n_values; value++)
    {
      moat_json_writer_member (writer, moat_enum_to_nick (enum_type, value));
      moat_json_writer_int (writer, by_severity
                                    ? moat_analysis_count_threats (self, value, status)
                                    : moat_analysis_count_threats (self, -1, value));
    }
  moat_json_writer_end_object (writer);
}

static void
write_threats (MoatAnalysis   *self,
               MoatJsonWriter *writer)
{
  moat_json_writer_member (writer, "threats");
  moat_json_writer_begin_object (writer);
  write_int_member (writer, "total", moat_analysis_count_threats (self, -1, -1));
  write_counts (self, writer, "by-severity", MOAT_TYPE_SEVERITY, MOAT_SEVERITY_CRITICAL + 1,
                TRUE, -1);
  write_counts (self, writer, "by-status", MOAT_TYPE_THREAT_STATUS,
                MOAT_THREAT_STATUS_TRANSFERRED + 1, FALSE, -1);
  write_counts (self, writer, "open-by-severity", MOAT_TYPE_SEVERITY,
                MOAT_SEVERITY_CRITICAL + 1, TRUE, MOAT_THREAT_STATUS_OPEN);
  moat_json_writer_end_object (writer);
}

/**
 * moat_analysis_to_json:
 * @file_name: the model's file name to record in the output
 *
 * Writes the analysis as the JSON document of `moat analyze --json`,
 * described in docs/cli.md. Keys come in a fixed order and messages are
 * translated.
 *
 * Returns: (transfer full): the JSON text, with a trailing newline
 */
GBytes *
moat_analysis_to_json (MoatAnalysis *self,
                       const char   *file_name)
{
  MoatJsonWriter *writer;

  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);

  writer = moat_json_writer_new (4096 + self->suggestions->len * 400);
  moat_json_writer_begin_object (writer);
  write_string_member (writer, "format", JSON_FORMAT);
  write_int_member (writer, "version", JSON_VERSION);
  write_string_member (writer, "file", file_name);
  write_crossings (self, writer);
  write_coverage (self, writer);
  write_suggestions (self, writer);
  write_problems (self, writer);
  write_threats (self, writer);
  moat_json_writer_end_object (writer);

  return moat_json_writer_free_to_bytes (writer);
}
