/* moat-suggestion.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-rules.h"

G_BEGIN_DECLS

#define MOAT_TYPE_SUGGESTION (moat_suggestion_get_type ())

/* A threat that a rule proposes for one data flow. @target_id is where
 * the threat would belong: the flow itself, or one of its ends. An
 * accepted suggestion names the threat created from it; a dismissed one
 * has the reason the reviewer gave. */
typedef struct
{
  MoatRule *rule;
  char *flow_id;
  char *target_id;
  MoatSuggestionState state;
  char *reason;
  char *threat_id;
} MoatSuggestion;

GType           moat_suggestion_get_type     (void) G_GNUC_CONST;
MoatSuggestion *moat_suggestion_copy         (const MoatSuggestion *self);
void            moat_suggestion_free         (MoatSuggestion       *self);
GPtrArray      *moat_suggestions_for_flow    (MoatRuleLibrary      *rules,
                                              MoatDocument         *document,
                                              MoatFlow             *flow,
                                              MoatCrossings        *crossings);
MoatThreat     *moat_suggestion_accept       (MoatDocument         *document,
                                              const MoatSuggestion *self);
void            moat_suggestion_dismiss      (MoatDocument         *document,
                                              const MoatSuggestion *self,
                                              const char           *reason);
void            moat_suggestion_restore      (MoatDocument         *document,
                                              const MoatSuggestion *self);
void            moat_suggestions_accept      (MoatDocument         *document,
                                              GPtrArray            *suggestions);
void            moat_suggestions_dismiss     (MoatDocument         *document,
                                              GPtrArray            *suggestions,
                                              const char           *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatSuggestion, moat_suggestion_free)

G_END_DECLS
