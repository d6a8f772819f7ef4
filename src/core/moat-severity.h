/* moat-severity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"

G_BEGIN_DECLS

MoatLevel    moat_impact_from_cia     (MoatLevel confidentiality,
                                       MoatLevel integrity,
                                       MoatLevel availability);
MoatSeverity moat_severity_from_matrix (MoatLevel impact,
                                        MoatLevel probability);

G_END_DECLS
