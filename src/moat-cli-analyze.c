/* moat-cli-analyze.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "moat-analysis.h"
#include "moat-cli.h"
#include "moat-cli-analyze.h"
#include "moat-format.h"

/* `moat analyze`: prints the STRIDE review state of a model, as text or as
 * the JSON document that docs/cli.md describes, and checks CI gates. */

static void
print_crossings (MoatAnalysis *analysis,
                 GString      *text)
{
  GPtrArray *diagrams = moat_document_get_diagrams (moat_analysis_get_document (analysis));
  guint n_crossing = 0;

  g_string_append_printf (text, "%s\n", _("Boundary crossings:"));
  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      MoatCrossings *crossings = moat_analysis_get_crossings (analysis, diagram);
      GPtrArray *flows = moat_diagram_get_flows (diagram);

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          g_autofree char *label = moat_crossings_dup_label (crossings,
                                                             moat_item_get_id (MOAT_ITEM (flow)));

          if (label == NULL)
            continue;

          n_crossing++;
          /* TRANSLATORS: a flow name, then the zones it crosses, "Outside → DMZ" */
          g_string_append_printf (text, _("  %s: crosses %s (%u/6 reviewed)\n"),
                                  moat_item_get_name (MOAT_ITEM (flow)), label,
                                  moat_coverage_count_reviewed (flow));
        }
    }

  if (n_crossing == 0)
    g_string_append_printf (text, "  %s\n", _("none"));
}

static void
print_suggestions (MoatAnalysis *analysis,
                   GString      *text)
{
  MoatDocument *document = moat_analysis_get_document (analysis);
  GPtrArray *suggestions = moat_analysis_get_suggestions (analysis);
  guint n_open = 0;

  g_string_append_printf (text, "%s\n", _("Open suggestions:"));
  for (guint i = 0; i < suggestions->len; i++)
    {
      MoatSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      MoatItem *flow = moat_document_lookup (document, suggestion->flow_id);

      if (suggestion->state != MOAT_SUGGESTION_OPEN)
        continue;

      n_open++;
      g_string_append_printf (text, "  [%s] %s: %s (%s)\n",
                              moat_stride_category_to_label (moat_rule_get_category (suggestion->rule)),
                              moat_item_get_name (flow),
                              moat_rule_get_title (suggestion->rule),
                              moat_rule_get_id (suggestion->rule));
    }

  if (n_open == 0)
    g_string_append_printf (text, "  %s\n", _("none"));
}

static void
print_problems (MoatAnalysis *analysis,
                GString      *text)
{
  GPtrArray *problems = moat_analysis_get_problems (analysis);

  g_string_append_printf (text, "%s\n", _("Problems:"));
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "  %s\n",
                            ((MoatProblem *)g_ptr_array_index (problems, i))->message);

  if (problems->len == 0)
    g_string_append_printf (text, "  %s\n", _("none"));
}

static void
print_threat_counts (MoatAnalysis *analysis,
                     GString      *text)
{
  g_string_append_printf (text, _("Threats: %u\n"), moat_analysis_count_threats (analysis, -1, -1));

  g_string_append (text, " ");
  for (MoatSeverity severity = MOAT_SEVERITY_CRITICAL; severity > MOAT_SEVERITY_UNSET; severity--)
    g_string_append_printf (text, " %s %u", moat_severity_to_label (severity),
                            moat_analysis_count_threats (analysis, severity, -1));
  g_string_append_printf (text, " %s %u\n", moat_severity_to_label (MOAT_SEVERITY_UNSET),
                          moat_analysis_count_threats (analysis, MOAT_SEVERITY_UNSET, -1));

  g_string_append (text, " ");
  for (MoatThreatStatus status = MOAT_THREAT_STATUS_OPEN;
       status <= MOAT_THREAT_STATUS_TRANSFERRED; status++)
    g_string_append_printf (text, " %s %u", moat_threat_status_to_label (status),
                            moat_analysis_count_threats (analysis, -1, status));
  g_string_append_c (text, '\n');
}

static char *
format_text (MoatAnalysis *analysis,
             const char   *display_name)
{
  const MoatCoverage *coverage = moat_analysis_get_coverage (analysis);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n\n", display_name);
  print_crossings (analysis, text);
  g_string_append_c (text, '\n');

  g_string_append_printf (text,
                          _("Coverage: %u of %u flow/category pairs reviewed (%.0f%%); "
                            "crossing flows: %u of %u\n\n"),
                          coverage->reviewed_pairs, coverage->total_pairs,
                          100 * moat_coverage_get_fraction (coverage),
                          coverage->crossing_reviewed_pairs, coverage->crossing_total_pairs);

  print_suggestions (analysis, text);
  g_string_append_c (text, '\n');
  print_problems (analysis, text);
  g_string_append_c (text, '\n');
  print_threat_counts (analysis, text);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * moat_cli_analyze:
 * @path: the model file as given on the command line
 * @json: whether to print JSON instead of text
 * @fail_on: (nullable): "critical", "high" or "unreviewed", already
 *   checked by the caller
 *
 * Runs `moat analyze`.
 *
 * Returns: %MOAT_CLI_EXIT_FAILURE if the model or its rules are invalid
 *   or the model fails the @fail_on gate, else %MOAT_CLI_EXIT_SUCCESS
 */
int
moat_cli_analyze (const char *path,
                  gboolean    json,
                  const char *fail_on)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(MoatRuleLibrary) rules = NULL;
  g_autoptr(MoatAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = g_filename_display_name (path);
  g_autofree char *basename = g_file_get_basename (file);
  MoatAnalysisGate gate = MOAT_ANALYSIS_GATE_CRITICAL;

  document = moat_format_load_file (file, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  rules = moat_rule_library_new_for_document (document, &error);
  if (rules == NULL)
    {
      g_printerr ("moat analyze: %s\n", error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  analysis = moat_analysis_new (document, rules, NULL);

  if (json)
    {
      g_autoptr(GBytes) bytes = moat_analysis_to_json (analysis, basename);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      fwrite (data, 1, size, stdout);
    }
  else
    {
      g_autofree char *text = format_text (analysis, display_name);

      g_print ("%s", text);
    }

  if (fail_on != NULL && moat_analysis_gate_from_string (fail_on, &gate))
    {
      g_autofree char *reason = NULL;

      if (!moat_analysis_passes_gate (analysis, gate, &reason))
        {
          g_printerr (_("moat analyze: %s: fails --fail-on=%s: %s\n"), display_name, fail_on,
                      reason);
          return MOAT_CLI_EXIT_FAILURE;
        }
    }

  return MOAT_CLI_EXIT_SUCCESS;
}
