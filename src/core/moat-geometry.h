/* moat-geometry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Coordinates beyond this are rejected on load: cairo's fixed-point
 * arithmetic loses precision past about ±8 million, and no real diagram is
 * that large. */
#define MOAT_COORDINATE_MAX 1000000.0
#define MOAT_SIZE_MIN       8.0

typedef struct
{
  double x;
  double y;
} MoatPoint;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} MoatRect;

gboolean  moat_rect_contains_point     (const MoatRect  *rect,
                                        double           x,
                                        double           y);
gboolean  moat_rect_contains_rect      (const MoatRect  *outer,
                                        const MoatRect  *inner);
gboolean  moat_rect_intersects         (const MoatRect  *a,
                                        const MoatRect  *b);
void      moat_rect_union              (const MoatRect  *a,
                                        const MoatRect  *b,
                                        MoatRect        *result);
MoatPoint moat_rect_get_center         (const MoatRect  *rect);
MoatPoint moat_rect_clip_segment       (const MoatRect  *rect,
                                        gboolean         elliptic,
                                        MoatPoint        inside,
                                        MoatPoint        outside);
double    moat_point_segment_distance  (MoatPoint        point,
                                        MoatPoint        start,
                                        MoatPoint        end);
MoatPoint moat_rect_exit_point         (const MoatRect  *rect,
                                        gboolean         elliptic,
                                        MoatPoint        from,
                                        MoatPoint        toward);
double    moat_rect_outline_distance   (const MoatRect  *rect,
                                        double           x,
                                        double           y);
gboolean  moat_ellipse_contains_point  (const MoatRect  *rect,
                                        double           x,
                                        double           y,
                                        double           tolerance);

G_END_DECLS
