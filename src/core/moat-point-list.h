/* moat-point-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "moat-geometry.h"

G_BEGIN_DECLS

#define MOAT_TYPE_POINT_LIST (moat_point_list_get_type ())

/* An immutable list of points in diagram units, such as the bend points
 * of a data flow. Changes replace the whole list through the document. */
typedef struct _MoatPointList MoatPointList;

GType            moat_point_list_get_type     (void) G_GNUC_CONST;
MoatPointList   *moat_point_list_new          (const MoatPoint     *points,
                                               guint                n_points);
MoatPointList   *moat_point_list_copy         (const MoatPointList *self);
void             moat_point_list_free         (MoatPointList       *self);
guint            moat_point_list_get_n_points (const MoatPointList *self);
MoatPoint        moat_point_list_get_point    (const MoatPointList *self,
                                               guint                position);
const MoatPoint *moat_point_list_get_points   (const MoatPointList *self);
gboolean         moat_point_list_equal        (const MoatPointList *a,
                                               const MoatPointList *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatPointList, moat_point_list_free)

G_END_DECLS
