/* moat-fragment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-document.h"

G_BEGIN_DECLS

/* A fragment is a small document holding copies of some items of one
 * diagram and the threats recorded on them, detached from the document
 * they came from. The clipboard carries fragments in the .moat format,
 * and pasting one gives every item and threat a fresh id. */

MoatDocument *moat_fragment_new               (MoatDocument  *document,
                                               MoatItem     **items,
                                               guint          n_items);
MoatDocument *moat_fragment_load              (GBytes        *bytes,
                                               GError       **error);
gboolean      moat_fragment_get_bounds        (MoatDocument  *fragment,
                                               MoatRect      *bounds);
GPtrArray    *moat_fragment_paste             (MoatDocument  *document,
                                               MoatDiagram   *diagram,
                                               MoatDocument  *fragment,
                                               double         dx,
                                               double         dy,
                                               const char    *label);
MoatDiagram  *moat_fragment_duplicate_diagram (MoatDocument  *document,
                                               MoatDiagram   *diagram,
                                               const char    *name);

G_END_DECLS
