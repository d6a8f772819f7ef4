/* moat-boundary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-geometry.h"
#include "moat-item.h"

G_BEGIN_DECLS

#define MOAT_TYPE_BOUNDARY (moat_boundary_get_type ())

G_DECLARE_FINAL_TYPE (MoatBoundary, moat_boundary, MOAT, BOUNDARY, MoatItem)

MoatBoundary *moat_boundary_new        (const char   *id,
                                        const char   *name);
MoatRect      moat_boundary_get_bounds (MoatBoundary *self);

G_END_DECLS
