/* moat-threat.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-checklist.h"
#include "moat-enums.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREAT (moat_threat_get_type ())

G_DECLARE_FINAL_TYPE (MoatThreat, moat_threat, MOAT, THREAT, GObject)

MoatThreat          *moat_threat_new                    (const char         *id,
                                                         const char         *target_id,
                                                         MoatStrideCategory  category,
                                                         const char         *title);
const char          *moat_threat_get_id                 (MoatThreat         *self);
guint                moat_threat_get_number             (MoatThreat         *self);
char                *moat_threat_dup_reference          (MoatThreat         *self);
void                 moat_threat_append_reference       (MoatThreat         *self,
                                                         GString            *out);
const char          *moat_threat_get_title              (MoatThreat         *self);
MoatStrideCategory   moat_threat_get_category           (MoatThreat         *self);
const char          *moat_threat_get_target_id          (MoatThreat         *self);
const char          *moat_threat_get_attack_vector      (MoatThreat         *self);
const char          *moat_threat_get_prerequisites      (MoatThreat         *self);
MoatLevel            moat_threat_get_impact_confidentiality (MoatThreat     *self);
MoatLevel            moat_threat_get_impact_integrity   (MoatThreat         *self);
MoatLevel            moat_threat_get_impact_availability (MoatThreat        *self);
MoatLevel            moat_threat_get_impact             (MoatThreat         *self);
const char          *moat_threat_get_business_impact    (MoatThreat         *self);
MoatLevel            moat_threat_get_probability        (MoatThreat         *self);
MoatSeverity         moat_threat_get_severity           (MoatThreat         *self);
const char          *moat_threat_get_evidence           (MoatThreat         *self);
const MoatChecklist *moat_threat_get_short_term         (MoatThreat         *self);
const MoatChecklist *moat_threat_get_long_term          (MoatThreat         *self);
const MoatChecklist *moat_threat_get_monitoring         (MoatThreat         *self);
MoatThreatStatus     moat_threat_get_status             (MoatThreat         *self);
const char          *moat_threat_get_owner              (MoatThreat         *self);
const char          *moat_threat_get_due_date           (MoatThreat         *self);
const char          *moat_threat_get_description        (MoatThreat         *self);
const char          *moat_threat_get_score              (MoatThreat         *self);
const char          *moat_threat_get_type_label         (MoatThreat         *self);
const char          *moat_threat_get_rule_id            (MoatThreat         *self);
gboolean             moat_threat_is_valid_due_date      (const char         *date);

void                 moat_threat_set_number             (MoatThreat         *self,
                                                         guint               number);
void                 moat_threat_set_status             (MoatThreat         *self,
                                                         MoatThreatStatus    status);
void                 moat_threat_set_impact_confidentiality (MoatThreat     *self,
                                                         MoatLevel           level);
void                 moat_threat_set_impact_integrity   (MoatThreat         *self,
                                                         MoatLevel           level);
void                 moat_threat_set_impact_availability (MoatThreat        *self,
                                                         MoatLevel           level);
void                 moat_threat_set_probability        (MoatThreat         *self,
                                                         MoatLevel           level);
void                 moat_threat_set_attack_vector      (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_prerequisites      (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_business_impact    (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_evidence           (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_owner              (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_due_date           (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_description        (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_score              (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_type_label         (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_rule_id            (MoatThreat         *self,
                                                         const char         *text);
void                 moat_threat_set_short_term         (MoatThreat         *self,
                                                         const MoatChecklist *list);
void                 moat_threat_set_long_term          (MoatThreat         *self,
                                                         const MoatChecklist *list);
void                 moat_threat_set_monitoring         (MoatThreat         *self,
                                                         const MoatChecklist *list);

G_END_DECLS
