/* moat-coverage.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-crossings.h"
#include "moat-document.h"

G_BEGIN_DECLS

/* Review coverage of a model: (flow, STRIDE category) pairs whose review
 * state is no longer "not reviewed", out of six per in-scope flow, with
 * the flows that cross a trust boundary counted again on their own. */
typedef struct
{
  guint n_flows;
  guint n_complete_flows;
  guint reviewed_pairs;
  guint total_pairs;
  guint n_crossing_flows;
  guint n_complete_crossing_flows;
  guint crossing_reviewed_pairs;
  guint crossing_total_pairs;
} MoatCoverage;

guint    moat_coverage_count_reviewed (MoatFlow        *flow);
void     moat_coverage_compute        (MoatDocument    *document,
                                       GPtrArray       *crossings,
                                       MoatCoverage    *coverage);
double   moat_coverage_get_fraction   (const MoatCoverage *coverage);

G_END_DECLS
