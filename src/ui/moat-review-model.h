/* moat-review-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "moat-analysis.h"
#include "moat-stride-catalogue.h"

G_BEGIN_DECLS

/* The STRIDE review of one document for the panels of a window: the
 * analysis (crossings, suggestions, coverage, problems), the STRIDE
 * catalogue and the rule library. The analysis is made again in an idle
 * after the document changes, and "updated" tells the panels to show it. */

#define MOAT_TYPE_REVIEW_MODEL (moat_review_model_get_type ())

G_DECLARE_FINAL_TYPE (MoatReviewModel, moat_review_model, MOAT, REVIEW_MODEL, GObject)

MoatReviewModel     *moat_review_model_new            (void);
MoatDocument        *moat_review_model_get_document   (MoatReviewModel *self);
void                 moat_review_model_set_document   (MoatReviewModel *self,
                                                       MoatDocument    *document);
MoatAnalysis        *moat_review_model_get_analysis   (MoatReviewModel *self);
MoatStrideCatalogue *moat_review_model_get_catalogue  (MoatReviewModel *self);
MoatRuleLibrary     *moat_review_model_get_rules      (MoatReviewModel *self);
const char          *moat_review_model_get_data_error (MoatReviewModel *self);
void                 moat_review_model_update         (MoatReviewModel *self);
GPtrArray           *moat_review_model_dup_suggestions_for (MoatReviewModel *self,
                                                       const char      *flow_id);
MoatCrossings       *moat_review_model_get_crossings_of (MoatReviewModel *self,
                                                       MoatItem        *item);

G_END_DECLS
