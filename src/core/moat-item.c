/* moat-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-item.h"

typedef struct
{
  /* Interned with g_ref_string_new_intern() (see moat_item_get_id()). */
  char *id;
  char *name;
  char *description;
} MoatItemPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MoatItem, moat_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_item_finalize (GObject *object)
{
  MoatItem *self = (MoatItem *)object;
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  g_clear_pointer (&priv->id, g_ref_string_release);
  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->description, g_free);

  G_OBJECT_CLASS (moat_item_parent_class)->finalize (object);
}

static void
moat_item_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MoatItem *self = MOAT_ITEM (object);
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, priv->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (MoatItem   *self,
            char      **field,
            const char *value,
            GParamSpec *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
moat_item_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MoatItem *self = MOAT_ITEM (object);
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (priv->id == NULL);
      if (g_value_get_string (value) != NULL)
        {
          priv->id = g_ref_string_new_intern (g_value_get_string (value));
        }
      else
        {
          g_autofree char *new_id = moat_item_new_id (NULL);

          priv->id = g_ref_string_new_intern (new_id);
        }
      break;

    case PROP_NAME:
      set_string (self, &priv->name, g_value_get_string (value), pspec);
      break;

    case PROP_DESCRIPTION:
      set_string (self, &priv->description, g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_item_class_init (MoatItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_item_finalize;
  object_class->get_property = moat_item_get_property;
  object_class->set_property = moat_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_item_init (MoatItem *self)
{
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  priv->name = g_strdup ("");
  priv->description = g_strdup ("");
}

/**
 * moat_item_get_id:
 *
 * Returns the item's id, which never changes. Ids are interned with
 * g_ref_string_new_intern(), as are a flow's #MoatFlow:source-id and
 * #MoatFlow:target-id, so two of them are equal exactly when they are the
 * same pointer, as long as both are alive.
 *
 * Returns: (transfer none): the id
 */
const char *
moat_item_get_id (MoatItem *self)
{
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_ITEM (self), NULL);

  return priv->id;
}

const char *
moat_item_get_name (MoatItem *self)
{
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_ITEM (self), NULL);

  return priv->name;
}

const char *
moat_item_get_description (MoatItem *self)
{
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_ITEM (self), NULL);

  return priv->description;
}

/**
 * moat_item_set_name:
 * @name: (nullable): the new name, or %NULL for the empty text
 *
 * Sets #MoatItem:name without looking the property up by name.
 */
void
moat_item_set_name (MoatItem   *self,
                    const char *name)
{
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  g_return_if_fail (MOAT_IS_ITEM (self));

  set_string (self, &priv->name, name, properties[PROP_NAME]);
}

/**
 * moat_item_set_description:
 * @description: (nullable): the new description; %NULL is the empty text
 *
 * Sets #MoatItem:description without looking the property up by name.
 */
void
moat_item_set_description (MoatItem   *self,
                           const char *description)
{
  MoatItemPrivate *priv = moat_item_get_instance_private (self);

  g_return_if_fail (MOAT_IS_ITEM (self));

  set_string (self, &priv->description, description, properties[PROP_DESCRIPTION]);
}

/**
 * moat_item_new_id:
 * @prefix: (nullable): a short readable prefix such as "element"
 *
 * Creates a new stable id. Ids are random so that items pasted between
 * documents or merged in git never collide.
 *
 * Returns: (transfer full): the new id
 */
char *
moat_item_new_id (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  if (prefix == NULL)
    return g_steal_pointer (&uuid);

  /* 48 random bits keep ids short in files and collisions unlikely even at
   * 100,000 items; the document still rejects a duplicate on insert. */
  return g_strdup_printf ("%s-%.8s%.4s", prefix, uuid, uuid + 9);
}
