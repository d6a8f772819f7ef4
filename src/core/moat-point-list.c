/* moat-point-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-point-list.h"

struct _MoatPointList
{
  guint n_points;
  MoatPoint *points;
};

G_DEFINE_BOXED_TYPE (MoatPointList, moat_point_list, moat_point_list_copy, moat_point_list_free)

/**
 * moat_point_list_new:
 * @points: (array length=n_points) (nullable): the points to copy
 * @n_points: the number of points
 *
 * Returns: (transfer full): a new list holding a copy of @points
 */
MoatPointList *
moat_point_list_new (const MoatPoint *points,
                     guint            n_points)
{
  MoatPointList *self = g_new0 (MoatPointList, 1);

  g_return_val_if_fail (points != NULL || n_points == 0, self);

  self->n_points = n_points;
  if (n_points > 0)
    self->points = g_memdup2 (points, sizeof (MoatPoint) * n_points);

  return self;
}

MoatPointList *
moat_point_list_copy (const MoatPointList *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return moat_point_list_new (self->points, self->n_points);
}

void
moat_point_list_free (MoatPointList *self)
{
  if (self == NULL)
    return;

  g_free (self->points);
  g_free (self);
}

guint
moat_point_list_get_n_points (const MoatPointList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_points;
}

MoatPoint
moat_point_list_get_point (const MoatPointList *self,
                           guint                position)
{
  g_return_val_if_fail (self != NULL, (MoatPoint) { 0 });
  g_return_val_if_fail (position < self->n_points, (MoatPoint) { 0 });

  return self->points[position];
}

/**
 * moat_point_list_get_points:
 *
 * Returns: (array) (nullable): the points, %NULL when the list is empty
 */
const MoatPoint *
moat_point_list_get_points (const MoatPointList *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->points;
}

/* %NULL counts as the empty list, so a property never set equals one set
 * to no points. */
gboolean
moat_point_list_equal (const MoatPointList *a,
                       const MoatPointList *b)
{
  guint n_a = a != NULL ? a->n_points : 0;
  guint n_b = b != NULL ? b->n_points : 0;

  if (n_a != n_b)
    return FALSE;

  for (guint i = 0; i < n_a; i++)
    if (a->points[i].x != b->points[i].x || a->points[i].y != b->points[i].y)
      return FALSE;

  return TRUE;
}
