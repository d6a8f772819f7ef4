/* moat-markdown-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-coverage.h"
#include "moat-markdown-private.h"
#include "moat-severity.h"

/* The closing sections of the review document: counts, the severity
 * matrix, review coverage, and the legend of the diagram notation. */

static void
write_count_row (MoatMarkdownWriter *writer,
                 const char         *label,
                 guint               count)
{
  g_autofree char *number = g_strdup_printf ("%u", count);
  const char *cells[] = { label, number };

  moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

/* The Impact × Probability matrix with the number of threats in each
 * cell; threats whose impact or probability is not scored yet have no
 * cell, so they are counted below it. */
static void
write_severity_matrix (MoatMarkdownWriter *writer)
{
  GPtrArray *threats = writer->selection->threats;
  guint counts[MOAT_LEVEL_HIGH + 1][MOAT_LEVEL_HIGH + 1] = { { 0, }, };
  guint n_unscored = 0;
  const char *header[] = { _("Probability \\ impact"), NULL, NULL, NULL };
  g_autofree char *unscored = NULL;

  for (MoatLevel impact = MOAT_LEVEL_LOW; impact <= MOAT_LEVEL_HIGH; impact++)
    header[impact] = moat_level_to_label (impact);

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      MoatLevel impact = moat_threat_get_impact (threat);
      MoatLevel probability = moat_threat_get_probability (threat);

      if (impact == MOAT_LEVEL_UNSET || probability == MOAT_LEVEL_UNSET)
        n_unscored++;
      else
        counts[probability][impact]++;
    }

  moat_markdown_write_heading (writer, 3, _("Severity matrix"));
  moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header), G_N_ELEMENTS (header));

  for (MoatLevel probability = MOAT_LEVEL_HIGH; probability >= MOAT_LEVEL_LOW; probability--)
    {
      g_autofree char *cells_text[MOAT_LEVEL_HIGH + 1] = { NULL, };
      const char *cells[MOAT_LEVEL_HIGH + 1];

      cells[0] = moat_level_to_label (probability);

      for (MoatLevel impact = MOAT_LEVEL_LOW; impact <= MOAT_LEVEL_HIGH; impact++)
        {
          MoatSeverity severity = moat_severity_from_matrix (impact, probability);

          /* Translators: a cell of the severity matrix: the severity and
           * the number of threats in it, such as "HIGH: 2". */
          cells_text[impact] = g_strdup_printf (_("%s: %u"), moat_severity_to_label (severity),
                                                counts[probability][impact]);
          cells[impact] = cells_text[impact];
        }

      moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));

      for (guint i = 0; i < G_N_ELEMENTS (cells_text); i++)
        g_clear_pointer (&cells_text[i], g_free);
    }

  g_string_append_c (writer->out, '\n');

  unscored = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u threat is not scored yet.",
                                           "%u threats are not scored yet.", n_unscored),
                              n_unscored);
  moat_markdown_write_paragraph (writer, unscored);
}

static void
write_counts (MoatMarkdownWriter *writer)
{
  GPtrArray *threats = writer->selection->threats;
  guint by_severity[MOAT_SEVERITY_CRITICAL + 1] = { 0, };
  guint by_status[MOAT_THREAT_STATUS_TRANSFERRED + 1] = { 0, };
  const char *severity_header[] = { _("Severity"), _("Threats") };
  const char *status_header[] = { _("Status"), _("Threats") };

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      by_severity[moat_threat_get_severity (threat)]++;
      by_status[moat_threat_get_status (threat)]++;
    }

  moat_markdown_write_heading (writer, 3, _("Threats by severity"));

  /* Most severe first, and "not scored" last. */
  moat_markdown_write_table_header (writer, severity_header, G_N_ELEMENTS (severity_header), 1);
  for (int severity = MOAT_SEVERITY_CRITICAL; severity > MOAT_SEVERITY_UNSET; severity--)
    write_count_row (writer, moat_severity_to_label (severity), by_severity[severity]);
  write_count_row (writer, moat_severity_to_label (MOAT_SEVERITY_UNSET),
                   by_severity[MOAT_SEVERITY_UNSET]);
  g_string_append_c (writer->out, '\n');

  moat_markdown_write_heading (writer, 3, _("Threats by status"));
  moat_markdown_write_table_header (writer, status_header, G_N_ELEMENTS (status_header), 1);
  for (int status = MOAT_THREAT_STATUS_OPEN; status <= MOAT_THREAT_STATUS_TRANSFERRED; status++)
    write_count_row (writer, moat_threat_status_to_label (status), by_status[status]);
  g_string_append_c (writer->out, '\n');
}

static char *
dup_coverage_cell (guint reviewed,
                   guint total)
{
  if (total == 0)
    return g_strdup (MOAT_MARKDOWN_EMPTY_TEXT);

  /* Translators: a share of a review, such as "12 of 18 (67 %)". */
  return g_strdup_printf (_("%u of %u (%u %%)"), reviewed, total,
                          (guint)((reviewed * 100 + total / 2) / total));
}

static void
write_coverage_row (MoatMarkdownWriter *writer,
                    const char         *label,
                    guint               n_complete,
                    guint               n_flows,
                    guint               reviewed_pairs,
                    guint               total_pairs)
{
  g_autofree char *flows = dup_coverage_cell (n_complete, n_flows);
  g_autofree char *pairs = dup_coverage_cell (reviewed_pairs, total_pairs);
  const char *cells[] = { label, flows, pairs };

  moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

/* Review coverage counts the in-scope flows of the diagrams in this
 * document, as `moat analyze` does for the whole model: a (flow, STRIDE
 * category) pair is reviewed once it is marked not applicable or has
 * threats recorded. */
static void
write_coverage (MoatMarkdownWriter *writer)
{
  GPtrArray *diagrams = writer->selection->diagrams;
  MoatCoverage coverage = { 0, };
  const char *header[] = {
    _("Data flows"), _("Fully reviewed"), _("STRIDE categories reviewed"),
  };

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));
      MoatCrossings *crossings = g_ptr_array_index (writer->crossings, d);

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          guint reviewed;
          gboolean complete;

          if (moat_flow_get_out_of_scope (flow))
            continue;

          reviewed = moat_coverage_count_reviewed (flow);
          complete = reviewed == MOAT_N_STRIDE_CATEGORIES;
          coverage.n_flows++;
          coverage.n_complete_flows += complete;
          coverage.reviewed_pairs += reviewed;
          coverage.total_pairs += MOAT_N_STRIDE_CATEGORIES;

          if (!moat_crossings_is_crossing (crossings, moat_item_get_id (MOAT_ITEM (flow))))
            continue;

          coverage.n_crossing_flows++;
          coverage.n_complete_crossing_flows += complete;
          coverage.crossing_reviewed_pairs += reviewed;
          coverage.crossing_total_pairs += MOAT_N_STRIDE_CATEGORIES;
        }
    }

  moat_markdown_write_heading (writer, 3, _("Review coverage"));
  moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header), 1);
  write_coverage_row (writer, _("All in-scope flows"), coverage.n_complete_flows,
                      coverage.n_flows, coverage.reviewed_pairs, coverage.total_pairs);
  write_coverage_row (writer, _("Flows crossing a trust boundary"),
                      coverage.n_complete_crossing_flows, coverage.n_crossing_flows,
                      coverage.crossing_reviewed_pairs, coverage.crossing_total_pairs);
  g_string_append_c (writer->out, '\n');
}

void
moat_markdown_write_summary (MoatMarkdownWriter *writer)
{
  guint n_threats = writer->selection->threats->len;
  g_autofree char *total = NULL;

  moat_markdown_write_heading (writer, 2, _("Summary"));

  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "This document lists %u threat.",
                                        "This document lists %u threats.", n_threats),
                           n_threats);
  moat_markdown_write_paragraph (writer, total);

  write_severity_matrix (writer);
  write_counts (writer);
  write_coverage (writer);
}

/* Describes the notation that src/render/ draws; keep the two in step. */
void
moat_markdown_write_legend (MoatMarkdownWriter *writer)
{
  const char *header[] = { _("Symbol"), _("Meaning") };
  const char *rows[][2] = {
    { N_("Rectangle with a thick outline"), N_("External entity") },
    { N_("Ellipse"), N_("Process") },
    { N_("Box open on the right, with a divider on the left"), N_("Data store") },
    { N_("Arrow, with a head at each end when bidirectional"), N_("Data flow") },
    { N_("Dashed rounded frame with its name at the top left"), N_("Trust boundary") },
    { N_("Diamond on a flow line"), N_("Where a data flow crosses a trust boundary") },
    { N_("Dashed grey outline or line, captioned “Out of scope”"),
      N_("Out-of-scope component or flow") },
    { N_("Badge such as “2 · HIGH”"),
      N_("Number of OPEN threats and the highest severity among them") },
  };

  moat_markdown_write_heading (writer, 2, _("Legend"));
  moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header), G_N_ELEMENTS (header));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *cells[] = { _(rows[i][0]), _(rows[i][1]) };

      moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
    }
}
