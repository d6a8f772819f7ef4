/* moat-flow.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-item.h"
#include "moat-point-list.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FLOW (moat_flow_get_type ())

G_DECLARE_FINAL_TYPE (MoatFlow, moat_flow, MOAT, FLOW, MoatItem)

MoatFlow           *moat_flow_new                   (const char         *id,
                                                     const char         *source_id,
                                                     const char         *target_id,
                                                     const char         *label);
const char         *moat_flow_get_source_id         (MoatFlow           *self);
const char         *moat_flow_get_target_id         (MoatFlow           *self);
const char         *moat_flow_get_protocol          (MoatFlow           *self);
gboolean            moat_flow_get_authenticated     (MoatFlow           *self);
gboolean            moat_flow_get_encrypted         (MoatFlow           *self);
gboolean            moat_flow_get_bidirectional     (MoatFlow           *self);
MoatClassification  moat_flow_get_classification    (MoatFlow           *self);
const MoatPointList *moat_flow_get_vertices         (MoatFlow           *self);
double              moat_flow_get_label_position    (MoatFlow           *self);
gboolean            moat_flow_get_signed            (MoatFlow           *self);
gboolean            moat_flow_get_public_network    (MoatFlow           *self);
gboolean            moat_flow_get_out_of_scope      (MoatFlow           *self);
const char         *moat_flow_get_out_of_scope_reason (MoatFlow         *self);
MoatReviewState     moat_flow_get_review_state      (MoatFlow           *self,
                                                     MoatStrideCategory  category);
const char         *moat_flow_get_review_reason     (MoatFlow           *self,
                                                     MoatStrideCategory  category);
const char         *moat_flow_review_state_property (MoatStrideCategory  category);
const char         *moat_flow_review_reason_property (MoatStrideCategory category);
MoatAuthenticationMethod moat_flow_get_authentication_method (MoatFlow *self);
gboolean            moat_flow_get_rate_limited      (MoatFlow           *self);
const char * const *moat_flow_get_checked_patterns  (MoatFlow           *self);
GVariant           *moat_flow_get_dismissed_suggestions (MoatFlow       *self);
const char         *moat_flow_get_dismissal_reason  (MoatFlow           *self,
                                                     const char         *rule_id);

void                moat_flow_set_protocol          (MoatFlow           *self,
                                                     const char         *protocol);
void                moat_flow_set_out_of_scope_reason (MoatFlow           *self,
                                                     const char         *reason);
void                moat_flow_set_classification    (MoatFlow           *self,
                                                     MoatClassification  classification);
void                moat_flow_set_authentication_method (MoatFlow           *self,
                                                     MoatAuthenticationMethod method);
void                moat_flow_set_label_position    (MoatFlow           *self,
                                                     double              position);
void                moat_flow_set_vertices          (MoatFlow           *self,
                                                     const MoatPointList *vertices);
void                moat_flow_set_authenticated     (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_encrypted         (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_bidirectional     (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_signed            (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_public_network    (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_out_of_scope      (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_rate_limited      (MoatFlow           *self,
                                                     gboolean            value);
void                moat_flow_set_review            (MoatFlow           *self,
                                                     MoatStrideCategory  category,
                                                     MoatReviewState     state,
                                                     const char         *reason);

G_END_DECLS
