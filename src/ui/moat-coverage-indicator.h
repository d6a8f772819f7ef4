/* moat-coverage-indicator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-review-model.h"

G_BEGIN_DECLS

/* The review coverage of the whole model for the tool bar: a level bar of
 * the reviewed (data flow, STRIDE category) pairs and a label that counts
 * them, with the flows that cross a trust boundary counted on their own.
 *
 * Widget names: "coverage-bar" (GtkLevelBar from 0 to 1) and
 * "coverage-label" (GtkLabel).
 */

#define MOAT_TYPE_COVERAGE_INDICATOR (moat_coverage_indicator_get_type ())

G_DECLARE_FINAL_TYPE (MoatCoverageIndicator, moat_coverage_indicator, MOAT, COVERAGE_INDICATOR,
                      GtkWidget)

GtkWidget       *moat_coverage_indicator_new              (void);
MoatReviewModel *moat_coverage_indicator_get_review_model (MoatCoverageIndicator *self);
void             moat_coverage_indicator_set_review_model (MoatCoverageIndicator *self,
                                                           MoatReviewModel       *review_model);

G_END_DECLS
