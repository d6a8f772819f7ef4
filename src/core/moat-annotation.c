/* moat-annotation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-annotation.h"
#include "moat-item.h"

struct _MoatAnnotation
{
  grefcount ref_count;

  MoatAnnotationKind kind;
  char *id;
  char *text;
  char *description;
  MoatRect bounds;
  MoatPointList *points;
};

G_DEFINE_BOXED_TYPE (MoatAnnotation, moat_annotation, moat_annotation_ref, moat_annotation_unref)

static MoatAnnotation *
annotation_new (MoatAnnotationKind  kind,
                const char         *id,
                const char         *text,
                const char         *description)
{
  MoatAnnotation *self = g_new0 (MoatAnnotation, 1);

  g_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->id = id != NULL ? g_strdup (id) : moat_item_new_id ("note");
  self->text = g_strdup (text != NULL ? text : "");
  self->description = g_strdup (description != NULL ? description : "");

  return self;
}

/**
 * moat_annotation_new_note:
 * @id: (nullable): a stable id, or %NULL for a new random one
 * @text: the note's text, shown as plain text
 * @bounds: the box the text is laid out in
 *
 * Returns: (transfer full): a new note
 */
MoatAnnotation *
moat_annotation_new_note (const char     *id,
                          const char     *text,
                          const MoatRect *bounds)
{
  MoatAnnotation *self;

  g_return_val_if_fail (bounds != NULL, NULL);

  self = annotation_new (MOAT_ANNOTATION_KIND_NOTE, id, text, NULL);
  self->bounds = *bounds;
  self->points = moat_point_list_new (NULL, 0);

  return self;
}

/**
 * moat_annotation_new_boundary_curve:
 * @id: (nullable): a stable id, or %NULL for a new random one
 * @name: the boundary's name, possibly empty
 * @description: (nullable): a longer description
 * @points: the line's points from start to end, at least two
 *
 * Returns: (transfer full): a new open boundary line
 */
MoatAnnotation *
moat_annotation_new_boundary_curve (const char          *id,
                                    const char          *name,
                                    const char          *description,
                                    const MoatPointList *points)
{
  MoatAnnotation *self;
  guint n_points;

  g_return_val_if_fail (points != NULL, NULL);

  self = annotation_new (MOAT_ANNOTATION_KIND_BOUNDARY_CURVE, id, name, description);
  self->points = moat_point_list_copy (points);

  /* The bounds of a line are those of its points, for culling and extents. */
  n_points = moat_point_list_get_n_points (points);
  for (guint i = 0; i < n_points; i++)
    {
      MoatPoint point = moat_point_list_get_point (points, i);
      MoatRect box = { point.x, point.y, 0, 0 };

      if (i == 0)
        self->bounds = box;
      else
        moat_rect_union (&self->bounds, &box, &self->bounds);
    }

  return self;
}

MoatAnnotation *
moat_annotation_ref (MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);

  return self;
}

void
moat_annotation_unref (MoatAnnotation *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->text);
  g_free (self->description);
  moat_point_list_free (self->points);
  g_free (self);
}

MoatAnnotationKind
moat_annotation_get_kind (const MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kind;
}

const char *
moat_annotation_get_id (const MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

/**
 * moat_annotation_get_text:
 *
 * Returns: the text of a note, or the name of a boundary line
 */
const char *
moat_annotation_get_text (const MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * moat_annotation_get_description:
 *
 * Returns: the description of a boundary line; empty for a note
 */
const char *
moat_annotation_get_description (const MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->description;
}

/**
 * moat_annotation_get_points:
 *
 * Returns: the points of a boundary line; an empty list for a note
 */
const MoatPointList *
moat_annotation_get_points (const MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->points;
}

/**
 * moat_annotation_get_bounds:
 *
 * Returns: the box of a note, or the bounding box of a line's points
 */
MoatRect
moat_annotation_get_bounds (const MoatAnnotation *self)
{
  g_return_val_if_fail (self != NULL, (MoatRect) { 0 });

  return self->bounds;
}
