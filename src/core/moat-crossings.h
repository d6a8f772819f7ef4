/* moat-crossings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-diagram.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CROSSINGS (moat_crossings_get_type ())

/* One trust boundary that a data flow crosses. @entering is TRUE when the
 * flow's target is inside the boundary and its source outside. */
typedef struct
{
  MoatBoundary *boundary;
  gboolean entering;
} MoatCrossing;

/* The boundary crossings of every flow of one diagram, computed from the
 * geometry at the time of the call. Recompute it after a change. */
typedef struct _MoatCrossings MoatCrossings;

GType               moat_crossings_get_type          (void) G_GNUC_CONST;
MoatCrossings      *moat_crossings_new               (MoatDiagram   *diagram);
MoatCrossings      *moat_crossings_ref               (MoatCrossings *self);
void                moat_crossings_unref             (MoatCrossings *self);
const MoatCrossing *moat_crossings_get_for_flow      (MoatCrossings *self,
                                                      const char    *flow_id,
                                                      guint         *n_crossings);
gboolean            moat_crossings_is_crossing       (MoatCrossings *self,
                                                      const char    *flow_id);
char               *moat_crossings_dup_label         (MoatCrossings *self,
                                                      const char    *flow_id);
MoatBoundary       *moat_crossings_get_zone          (MoatCrossings *self,
                                                      const char    *element_id);
GPtrArray          *moat_crossings_dup_boundaries_of (MoatCrossings *self,
                                                      const char    *element_id);
guint               moat_crossings_get_n_crossing_flows (MoatCrossings *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatCrossings, moat_crossings_unref)

G_END_DECLS
