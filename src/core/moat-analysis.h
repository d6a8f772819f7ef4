/* moat-analysis.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-coverage.h"
#include "moat-crossings.h"
#include "moat-problems.h"
#include "moat-rules.h"
#include "moat-suggestion.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ANALYSIS (moat_analysis_get_type ())

G_DECLARE_FINAL_TYPE (MoatAnalysis, moat_analysis, MOAT, ANALYSIS, GObject)

/* A condition for `moat analyze --fail-on`. */
typedef enum
{
  MOAT_ANALYSIS_GATE_CRITICAL,
  MOAT_ANALYSIS_GATE_HIGH,
  MOAT_ANALYSIS_GATE_UNREVIEWED,
} MoatAnalysisGate;

MoatAnalysis       *moat_analysis_new                 (MoatDocument     *document,
                                                       MoatRuleLibrary  *rules,
                                                       GDate            *today);
MoatDocument       *moat_analysis_get_document        (MoatAnalysis     *self);
MoatCrossings      *moat_analysis_get_crossings       (MoatAnalysis     *self,
                                                       MoatDiagram      *diagram);
GPtrArray          *moat_analysis_get_suggestions     (MoatAnalysis     *self);
GPtrArray          *moat_analysis_dup_suggestions_for (MoatAnalysis     *self,
                                                       const char       *flow_id);
const MoatCoverage *moat_analysis_get_coverage        (MoatAnalysis     *self);
GPtrArray          *moat_analysis_get_problems        (MoatAnalysis     *self);
guint               moat_analysis_count_threats       (MoatAnalysis     *self,
                                                       int               severity,
                                                       int               status);
gboolean            moat_analysis_passes_gate         (MoatAnalysis     *self,
                                                       MoatAnalysisGate  gate,
                                                       char            **reason);
gboolean            moat_analysis_gate_from_string    (const char       *name,
                                                       MoatAnalysisGate *gate);
GBytes             *moat_analysis_to_json             (MoatAnalysis     *self,
                                                       const char       *file_name);

G_END_DECLS
