/* moat-threat-dragon-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-document.h"

G_BEGIN_DECLS

/* A data flow as the curve decision uses it: its line, and the positions of
 * its end elements in the element list, or -1 for an unconnected end. */
typedef struct
{
  const char *name;
  GArray *points;
  int source;
  int target;
} MoatThreatDragonFlowPath;

gboolean moat_threat_dragon_parse_stride_label (const char          *label,
                                                MoatStrideCategory  *category);
gboolean moat_threat_dragon_close_curve        (const MoatPoint     *points,
                                                guint                n_points,
                                                const MoatRect      *elements,
                                                guint                n_elements,
                                                GArray              *flows,
                                                MoatRect            *region,
                                                char               **reason);

G_END_DECLS
