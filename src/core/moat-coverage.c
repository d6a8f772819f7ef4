/* moat-coverage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <string.h>

#include "moat-coverage.h"

/**
 * moat_coverage_count_reviewed:
 * @flow: a data flow
 *
 * Returns: how many of the six STRIDE categories of @flow are reviewed,
 *   that is marked not applicable or with threats recorded
 */
guint
moat_coverage_count_reviewed (MoatFlow *flow)
{
  guint reviewed = 0;

  g_return_val_if_fail (MOAT_IS_FLOW (flow), 0);

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    if (moat_flow_get_review_state (flow, category) != MOAT_REVIEW_NOT_REVIEWED)
      reviewed++;

  return reviewed;
}

/**
 * moat_coverage_compute:
 * @document: a model
 * @crossings: (element-type MoatCrossings): the crossings of each diagram
 *   of @document, in diagram order
 * @coverage: (out caller-allocates): the result
 *
 * Counts the review coverage of @document. Out-of-scope flows need no
 * review, so they are left out of every count.
 */
void
moat_coverage_compute (MoatDocument *document,
                       GPtrArray    *crossings,
                       MoatCoverage *coverage)
{
  GPtrArray *diagrams;

  g_return_if_fail (MOAT_IS_DOCUMENT (document));
  g_return_if_fail (crossings != NULL);
  g_return_if_fail (coverage != NULL);

  diagrams = moat_document_get_diagrams (document);
  g_return_if_fail (crossings->len == diagrams->len);

  memset (coverage, 0, sizeof *coverage);
  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));
      MoatCrossings *diagram_crossings = g_ptr_array_index (crossings, d);

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          guint reviewed;

          if (moat_flow_get_out_of_scope (flow))
            continue;

          reviewed = moat_coverage_count_reviewed (flow);
          coverage->n_flows++;
          coverage->reviewed_pairs += reviewed;
          coverage->total_pairs += MOAT_N_STRIDE_CATEGORIES;
          if (reviewed == MOAT_N_STRIDE_CATEGORIES)
            coverage->n_complete_flows++;

          if (!moat_crossings_is_crossing (diagram_crossings,
                                           moat_item_get_id (MOAT_ITEM (flow))))
            continue;

          coverage->n_crossing_flows++;
          coverage->crossing_reviewed_pairs += reviewed;
          coverage->crossing_total_pairs += MOAT_N_STRIDE_CATEGORIES;
          if (reviewed == MOAT_N_STRIDE_CATEGORIES)
            coverage->n_complete_crossing_flows++;
        }
    }
}

/**
 * moat_coverage_get_fraction:
 *
 * Returns: the reviewed share of all pairs, from 0 to 1, for a progress
 *   bar; 1 for a model without flows, which has nothing left to review
 */
double
moat_coverage_get_fraction (const MoatCoverage *coverage)
{
  g_return_val_if_fail (coverage != NULL, 0);

  if (coverage->total_pairs == 0)
    return 1.0;

  return (double)coverage->reviewed_pairs / coverage->total_pairs;
}
