/* moat-boundary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-boundary.h"

/* A trust boundary is a closed rectangle. Nesting is not stored: it follows
 * from geometry, so moving a boundary can never leave a stale parent. */
struct _MoatBoundary
{
  MoatItem parent_instance;

  MoatRect bounds;
};

G_DEFINE_FINAL_TYPE (MoatBoundary, moat_boundary, MOAT_TYPE_ITEM)

enum {
  PROP_0,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double *
get_field (MoatBoundary *self,
           guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_X:
      return &self->bounds.x;
    case PROP_Y:
      return &self->bounds.y;
    case PROP_WIDTH:
      return &self->bounds.width;
    case PROP_HEIGHT:
      return &self->bounds.height;
    default:
      return NULL;
    }
}

static void
moat_boundary_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  double *field = get_field (MOAT_BOUNDARY (object), prop_id);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_set_double (value, *field);
}

static void
moat_boundary_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  double *field = get_field (MOAT_BOUNDARY (object), prop_id);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field != g_value_get_double (value))
    {
      *field = g_value_get_double (value);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
moat_boundary_class_init (MoatBoundaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = moat_boundary_get_property;
  object_class->set_property = moat_boundary_set_property;

  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL,
                         -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX, 0, flags);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL,
                         -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX, 0, flags);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL,
                         MOAT_SIZE_MIN, MOAT_COORDINATE_MAX, 300, flags);
  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", NULL, NULL,
                         MOAT_SIZE_MIN, MOAT_COORDINATE_MAX, 200, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_boundary_init (MoatBoundary *self)
{
  self->bounds.width = 300;
  self->bounds.height = 200;
}

MoatBoundary *
moat_boundary_new (const char *id,
                   const char *name)
{
  g_autofree char *new_id = id == NULL ? moat_item_new_id ("boundary") : NULL;

  return g_object_new (MOAT_TYPE_BOUNDARY,
                       "id", id != NULL ? id : new_id,
                       "name", name,
                       NULL);
}

MoatRect
moat_boundary_get_bounds (MoatBoundary *self)
{
  g_return_val_if_fail (MOAT_IS_BOUNDARY (self), (MoatRect) { 0 });

  return self->bounds;
}
