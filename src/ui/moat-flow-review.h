/* moat-flow-review.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-model-binding.h"
#include "moat-review-model.h"

G_BEGIN_DECLS

/* The STRIDE review rows of one data flow in the inspector: the boundary
 * crossing, the review coverage, and for each category its review state,
 * guiding question, detection patterns, typical mitigations and the
 * suggestions of the rule library. It keeps the rows current as the flow
 * changes and as the review model is updated.
 *
 * The suggestion buttons activate "inspector.accept-suggestion" ("s", a
 * rule id) and "inspector.dismiss-suggestion" ("(ss)", a rule id and the
 * reason), which the inspector implements with
 * moat_flow_review_lookup_suggestion().
 *
 * Widget names:
 *   "item-crossings"              the row that names the crossed boundaries
 *   "item-coverage"               the coverage row, whose subtitle counts the
 *                                 reviewed categories
 *   "category-CATEGORY"           the group of one category, by its nick
 *   "patterns-CATEGORY"           the expander of its detection patterns,
 *                                 with one row "pattern-PATTERN-ID" each,
 *                                 whose activatable widget is a check button
 *   "mitigations-CATEGORY"        the expander of its typical mitigations
 *   "suggestion-RULE-ID"          an open suggestion, with an "accept"
 *                                 button and a "dismiss" menu button whose
 *                                 popover holds the "dismiss-reason" entry
 *                                 and the "dismiss-confirm" button
 */

#define MOAT_TYPE_FLOW_REVIEW (moat_flow_review_get_type ())

G_DECLARE_FINAL_TYPE (MoatFlowReview, moat_flow_review, MOAT, FLOW_REVIEW, GObject)

MoatFlowReview       *moat_flow_review_new               (MoatModelBinding     *binding,
                                                          MoatReviewModel      *review_model);
void                  moat_flow_review_add_crossings_row (MoatFlowReview       *self,
                                                          AdwPreferencesGroup  *group);
void                  moat_flow_review_add_groups        (MoatFlowReview       *self,
                                                          AdwPreferencesPage   *page);
const MoatSuggestion *moat_flow_review_lookup_suggestion (MoatFlowReview       *self,
                                                          const char           *rule_id);
GtkWidget            *moat_flow_review_create_dismiss_button (const char       *label,
                                                          const char           *rule_id);

G_END_DECLS
