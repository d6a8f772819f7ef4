/* moat-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-edit-private.h"

static MoatEdit *
edit_new (MoatEditKind kind)
{
  MoatEdit *edit = g_new0 (MoatEdit, 1);

  edit->kind = kind;
  edit->time = g_get_monotonic_time ();

  return edit;
}

MoatEdit *
moat_edit_new_set (GObject      *object,
                   gboolean      owns_object,
                   GParamSpec   *pspec,
                   const GValue *old_value,
                   const GValue *new_value)
{
  MoatEdit *edit = edit_new (MOAT_EDIT_SET);

  edit->owns_object = owns_object;
  edit->object = owns_object ? g_object_ref (object) : object;
  edit->pspec = g_param_spec_ref (pspec);
  g_value_init (&edit->old_value, G_VALUE_TYPE (old_value));
  g_value_copy (old_value, &edit->old_value);
  g_value_init (&edit->new_value, G_VALUE_TYPE (new_value));
  g_value_copy (new_value, &edit->new_value);

  return edit;
}

static MoatEdit *
edit_new_membership (MoatEditKind  kind,
                     GObject      *container,
                     GObject      *object,
                     guint         position)
{
  MoatEdit *edit = edit_new (kind);

  edit->container = container != NULL ? g_object_ref (container) : NULL;
  edit->owns_object = TRUE;
  edit->object = g_object_ref (object);
  edit->position = position;

  return edit;
}

/**
 * moat_edit_new_insert:
 * @container: (nullable): the diagram for items, %NULL for diagrams and
 *   threats, which the document holds itself
 */
MoatEdit *
moat_edit_new_insert (GObject *container,
                      GObject *object,
                      guint    position)
{
  return edit_new_membership (MOAT_EDIT_INSERT, container, object, position);
}

MoatEdit *
moat_edit_new_remove (GObject *container,
                      GObject *object,
                      guint    position)
{
  return edit_new_membership (MOAT_EDIT_REMOVE, container, object, position);
}

MoatEdit *
moat_edit_new_move (GObject *container,
                    GObject *object,
                    guint    position,
                    guint    new_position)
{
  MoatEdit *edit = edit_new_membership (MOAT_EDIT_MOVE, container, object, position);

  edit->new_position = new_position;

  return edit;
}

MoatEdit *
moat_edit_new_group (const char *label)
{
  MoatEdit *edit = edit_new (MOAT_EDIT_GROUP);

  edit->label = g_strdup (label);
  edit->children = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_edit_free);

  return edit;
}

void
moat_edit_free (MoatEdit *edit)
{
  if (edit == NULL)
    return;

  g_clear_pointer (&edit->label, g_free);
  if (edit->owns_object)
    g_clear_object (&edit->object);
  g_clear_object (&edit->container);
  g_clear_pointer (&edit->pspec, g_param_spec_unref);
  if (G_IS_VALUE (&edit->old_value))
    g_value_unset (&edit->old_value);
  if (G_IS_VALUE (&edit->new_value))
    g_value_unset (&edit->new_value);
  g_clear_pointer (&edit->children, g_ptr_array_unref);
  g_free (edit);
}
