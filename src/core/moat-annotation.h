/* moat-annotation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "moat-enums.h"
#include "moat-geometry.h"
#include "moat-point-list.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ANNOTATION (moat_annotation_get_type ())

/* Something drawn on a diagram that takes no part in the threat model: a
 * free text note, or a trust boundary line that encloses no clear region
 * (as Threat Dragon's open boundary curves often do). Annotations are
 * immutable; a diagram's list is replaced as a whole through the
 * document. */
typedef struct _MoatAnnotation MoatAnnotation;

GType                moat_annotation_get_type           (void) G_GNUC_CONST;
MoatAnnotation      *moat_annotation_new_note           (const char          *id,
                                                         const char          *text,
                                                         const MoatRect      *bounds);
MoatAnnotation      *moat_annotation_new_boundary_curve (const char          *id,
                                                         const char          *name,
                                                         const char          *description,
                                                         const MoatPointList *points);
MoatAnnotation      *moat_annotation_ref                (MoatAnnotation      *self);
void                 moat_annotation_unref              (MoatAnnotation      *self);
MoatAnnotationKind   moat_annotation_get_kind           (const MoatAnnotation *self);
const char          *moat_annotation_get_id             (const MoatAnnotation *self);
const char          *moat_annotation_get_text           (const MoatAnnotation *self);
const char          *moat_annotation_get_description    (const MoatAnnotation *self);
const MoatPointList *moat_annotation_get_points         (const MoatAnnotation *self);
MoatRect             moat_annotation_get_bounds         (const MoatAnnotation *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatAnnotation, moat_annotation_unref)

G_END_DECLS
