/* moat-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <math.h>

#include "moat-geometry.h"

/* Edges count as inside, so an element placed exactly on a boundary's
 * edge belongs to that boundary. */
gboolean
moat_rect_contains_point (const MoatRect *rect,
                          double          x,
                          double          y)
{
  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

gboolean
moat_rect_contains_rect (const MoatRect *outer,
                         const MoatRect *inner)
{
  return inner->x >= outer->x &&
         inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

gboolean
moat_rect_intersects (const MoatRect *a,
                      const MoatRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

void
moat_rect_union (const MoatRect *a,
                 const MoatRect *b,
                 MoatRect       *result)
{
  double x1 = MIN (a->x, b->x);
  double y1 = MIN (a->y, b->y);
  double x2 = MAX (a->x + a->width, b->x + b->width);
  double y2 = MAX (a->y + a->height, b->y + b->height);

  result->x = x1;
  result->y = y1;
  result->width = x2 - x1;
  result->height = y2 - y1;
}

MoatPoint
moat_rect_get_center (const MoatRect *rect)
{
  return (MoatPoint) { rect->x + rect->width / 2, rect->y + rect->height / 2 };
}

/**
 * moat_rect_clip_segment:
 * @rect: the shape's bounds
 * @elliptic: whether the shape is the ellipse inscribed in @rect
 * @inside: the shape's centre
 * @outside: a point outside the shape
 *
 * Finds where the segment from the centre of a shape towards @outside
 * leaves the shape, so that flow arrows start and end on outlines.
 *
 * Returns: the point on the outline, or @inside if @outside is inside
 */
MoatPoint
moat_rect_clip_segment (const MoatRect *rect,
                        gboolean        elliptic,
                        MoatPoint       inside,
                        MoatPoint       outside)
{
  double dx = outside.x - inside.x;
  double dy = outside.y - inside.y;
  double half_width = rect->width / 2;
  double half_height = rect->height / 2;
  double t;

  if (dx == 0 && dy == 0)
    return inside;

  if (elliptic)
    {
      double a = dx / half_width;
      double b = dy / half_height;

      t = 1 / sqrt (a * a + b * b);
    }
  else
    {
      double tx = dx != 0 ? half_width / fabs (dx) : G_MAXDOUBLE;
      double ty = dy != 0 ? half_height / fabs (dy) : G_MAXDOUBLE;

      t = MIN (tx, ty);
    }

  if (t >= 1)
    return inside;

  return (MoatPoint) { inside.x + dx * t, inside.y + dy * t };
}

/**
 * moat_point_segment_distance:
 *
 * Computes the distance from @point to the segment between @start and
 * @end, used to hit thin flow lines with a tolerance.
 */
double
moat_point_segment_distance (MoatPoint point,
                             MoatPoint start,
                             MoatPoint end)
{
  double dx = end.x - start.x;
  double dy = end.y - start.y;
  double length_squared = dx * dx + dy * dy;
  double t;
  double px;
  double py;

  if (length_squared == 0)
    return hypot (point.x - start.x, point.y - start.y);

  t = ((point.x - start.x) * dx + (point.y - start.y) * dy) / length_squared;
  t = CLAMP (t, 0, 1);
  px = start.x + t * dx;
  py = start.y + t * dy;

  return hypot (point.x - px, point.y - py);
}

/**
 * moat_rect_exit_point:
 * @rect: the shape's bounds
 * @elliptic: whether the shape is the ellipse inscribed in @rect
 * @from: a point inside the shape, not necessarily its centre
 * @toward: a point outside the shape
 *
 * Finds where the segment from @from to @toward leaves the shape. Unlike
 * moat_rect_clip_segment(), @from may be off-centre, which parallel flows
 * between the same two elements need.
 *
 * Returns: the point on the outline, or @from if @from is outside the
 *   shape or @toward is inside it
 */
MoatPoint
moat_rect_exit_point (const MoatRect *rect,
                      gboolean        elliptic,
                      MoatPoint       from,
                      MoatPoint       toward)
{
  double dx = toward.x - from.x;
  double dy = toward.y - from.y;
  double t;

  if (dx == 0 && dy == 0)
    return from;

  if (elliptic)
    {
      /* In coordinates where the ellipse is the unit circle, solve
       * |u + t v| = 1 for the positive root. */
      double half_width = rect->width / 2;
      double half_height = rect->height / 2;
      double ux = (from.x - (rect->x + half_width)) / half_width;
      double uy = (from.y - (rect->y + half_height)) / half_height;
      double vx = dx / half_width;
      double vy = dy / half_height;
      double a = vx * vx + vy * vy;
      double b = ux * vx + uy * vy;
      double c = ux * ux + uy * uy - 1;

      if (c > 0)
        return from;

      t = (-b + sqrt (b * b - a * c)) / a;
    }
  else
    {
      double tx = G_MAXDOUBLE;
      double ty = G_MAXDOUBLE;

      if (!moat_rect_contains_point (rect, from.x, from.y))
        return from;

      if (dx > 0)
        tx = (rect->x + rect->width - from.x) / dx;
      else if (dx < 0)
        tx = (rect->x - from.x) / dx;

      if (dy > 0)
        ty = (rect->y + rect->height - from.y) / dy;
      else if (dy < 0)
        ty = (rect->y - from.y) / dy;

      t = MIN (tx, ty);
    }

  if (t >= 1)
    return from;

  return (MoatPoint) { from.x + dx * t, from.y + dy * t };
}

/**
 * moat_rect_outline_distance:
 *
 * Computes the distance from a point to the nearest edge of @rect, from
 * inside or outside, so a trust boundary can be hit at its frame only.
 */
double
moat_rect_outline_distance (const MoatRect *rect,
                            double          x,
                            double          y)
{
  double left = rect->x;
  double top = rect->y;
  double right = rect->x + rect->width;
  double bottom = rect->y + rect->height;

  if (moat_rect_contains_point (rect, x, y))
    return MIN (MIN (x - left, right - x), MIN (y - top, bottom - y));

  return hypot (MAX (MAX (left - x, 0), x - right), MAX (MAX (top - y, 0), y - bottom));
}

/**
 * moat_ellipse_contains_point:
 * @rect: the bounds the ellipse is inscribed in
 * @tolerance: how far outside the outline still counts, in the same units
 *
 * Returns: whether the point lies in the ellipse grown by @tolerance
 */
gboolean
moat_ellipse_contains_point (const MoatRect *rect,
                             double          x,
                             double          y,
                             double          tolerance)
{
  double half_width = rect->width / 2 + tolerance;
  double half_height = rect->height / 2 + tolerance;
  double dx = (x - (rect->x + rect->width / 2)) / half_width;
  double dy = (y - (rect->y + rect->height / 2)) / half_height;

  return dx * dx + dy * dy <= 1;
}
