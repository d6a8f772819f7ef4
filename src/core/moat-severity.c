/* moat-severity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-severity.h"

/**
 * moat_impact_from_cia:
 *
 * Computes the overall impact of a threat: the highest of its
 * confidentiality, integrity and availability impacts. Unscored parts are
 * ignored, so the result is %MOAT_LEVEL_UNSET only when all three are.
 */
MoatLevel
moat_impact_from_cia (MoatLevel confidentiality,
                      MoatLevel integrity,
                      MoatLevel availability)
{
  return MAX (confidentiality, MAX (integrity, availability));
}

/**
 * moat_severity_from_matrix:
 * @impact: the overall impact
 * @probability: the probability
 *
 * Looks up the Impact × Probability severity matrix. A threat whose impact
 * or probability is not scored has no severity yet.
 */
MoatSeverity
moat_severity_from_matrix (MoatLevel impact,
                           MoatLevel probability)
{
  /* Rows are probability, columns impact, both LOW, MEDIUM, HIGH. */
  static const MoatSeverity matrix[3][3] = {
    { MOAT_SEVERITY_LOW, MOAT_SEVERITY_LOW, MOAT_SEVERITY_MEDIUM },
    { MOAT_SEVERITY_LOW, MOAT_SEVERITY_MEDIUM, MOAT_SEVERITY_HIGH },
    { MOAT_SEVERITY_MEDIUM, MOAT_SEVERITY_HIGH, MOAT_SEVERITY_CRITICAL },
  };

  g_return_val_if_fail (impact <= MOAT_LEVEL_HIGH, MOAT_SEVERITY_UNSET);
  g_return_val_if_fail (probability <= MOAT_LEVEL_HIGH, MOAT_SEVERITY_UNSET);

  if (impact == MOAT_LEVEL_UNSET || probability == MOAT_LEVEL_UNSET)
    return MOAT_SEVERITY_UNSET;

  return matrix[probability - MOAT_LEVEL_LOW][impact - MOAT_LEVEL_LOW];
}
