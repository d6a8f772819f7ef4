/* moat-rules.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-crossings.h"
#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RULE (moat_rule_get_type ())
#define MOAT_TYPE_RULE_LIBRARY (moat_rule_library_get_type ())
#define MOAT_RULES_ERROR (moat_rules_error_quark ())

typedef enum
{
  MOAT_RULES_ERROR_NOT_FOUND,
  MOAT_RULES_ERROR_INVALID,
} MoatRulesError;

/* Where the threat that a rule proposes is attached. */
typedef enum
{
  MOAT_RULE_ATTACH_FLOW,
  MOAT_RULE_ATTACH_SOURCE,
  MOAT_RULE_ATTACH_TARGET,
} MoatRuleAttachment;

/* One rule of the library: conditions on a data flow, its two ends and
 * the boundaries it crosses, and the threat it proposes when they hold.
 * Immutable once loaded; the texts are translated. */
typedef struct _MoatRule MoatRule;

G_DECLARE_FINAL_TYPE (MoatRuleLibrary, moat_rule_library, MOAT, RULE_LIBRARY, GObject)

GQuark               moat_rules_error_quark            (void);

GType                moat_rule_get_type                (void) G_GNUC_CONST;
MoatRule            *moat_rule_ref                     (MoatRule            *self);
void                 moat_rule_unref                   (MoatRule            *self);
const char          *moat_rule_get_id                  (MoatRule            *self);
const char          *moat_rule_get_file                (MoatRule            *self);
MoatStrideCategory   moat_rule_get_category            (MoatRule            *self);
const char          *moat_rule_get_pattern_id          (MoatRule            *self);
const char          *moat_rule_get_title               (MoatRule            *self);
const char          *moat_rule_get_attack_vector       (MoatRule            *self);
const char          *moat_rule_get_prerequisites       (MoatRule            *self);
MoatLevel            moat_rule_get_impact_confidentiality (MoatRule         *self);
MoatLevel            moat_rule_get_impact_integrity    (MoatRule            *self);
MoatLevel            moat_rule_get_impact_availability (MoatRule            *self);
MoatLevel            moat_rule_get_probability         (MoatRule            *self);
MoatSeverity         moat_rule_get_severity            (MoatRule            *self);
const char * const  *moat_rule_get_short_term          (MoatRule            *self);
const char * const  *moat_rule_get_long_term           (MoatRule            *self);
const char * const  *moat_rule_get_monitoring          (MoatRule            *self);
MoatRuleAttachment   moat_rule_get_attachment          (MoatRule            *self);
const char          *moat_rule_get_attachment_id       (MoatRule            *self,
                                                        MoatFlow            *flow);
gboolean             moat_rule_matches                 (MoatRule            *self,
                                                        MoatFlow            *flow,
                                                        MoatElement         *source,
                                                        MoatElement         *target,
                                                        const MoatCrossing  *crossings,
                                                        guint                n_crossings);
MoatThreat          *moat_rule_create_threat           (MoatRule            *self,
                                                        MoatFlow            *flow);

MoatRuleLibrary     *moat_rule_library_new             (void);
gboolean             moat_rule_library_load_file       (MoatRuleLibrary     *self,
                                                        GFile               *file,
                                                        GError             **error);
gboolean             moat_rule_library_load_default    (MoatRuleLibrary     *self,
                                                        GError             **error);
gboolean             moat_rule_library_load_model_files (MoatRuleLibrary    *self,
                                                        MoatDocument        *document,
                                                        GError             **error);
MoatRuleLibrary     *moat_rule_library_new_for_document (MoatDocument       *document,
                                                        GError             **error);
GPtrArray           *moat_rule_library_get_rules       (MoatRuleLibrary     *self);
MoatRule            *moat_rule_library_lookup          (MoatRuleLibrary     *self,
                                                        const char          *id);
gboolean             moat_rule_library_check_relative_path (const char      *path,
                                                        char               **message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatRule, moat_rule_unref)

G_END_DECLS
