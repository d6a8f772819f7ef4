/* moat-checklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-checklist.h"

typedef struct
{
  char *text;
  gboolean done;
} Entry;

struct _MoatChecklist
{
  GArray *entries;
};

G_DEFINE_BOXED_TYPE (MoatChecklist, moat_checklist, moat_checklist_copy, moat_checklist_free)

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->text, g_free);
}

MoatChecklist *
moat_checklist_new (void)
{
  MoatChecklist *self = g_new0 (MoatChecklist, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, clear_entry);

  return self;
}

MoatChecklist *
moat_checklist_copy (const MoatChecklist *self)
{
  MoatChecklist *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = moat_checklist_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      moat_checklist_append (copy, entry->text, entry->done);
    }

  return copy;
}

void
moat_checklist_free (MoatChecklist *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

void
moat_checklist_append (MoatChecklist *self,
                       const char    *text,
                       gboolean       done)
{
  Entry entry = { g_strdup (text != NULL ? text : ""), !!done };

  g_return_if_fail (self != NULL);

  g_array_append_val (self->entries, entry);
}

void
moat_checklist_remove (MoatChecklist *self,
                       guint          position)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->entries->len);

  g_array_remove_index (self->entries, position);
}

void
moat_checklist_set_text (MoatChecklist *self,
                         guint          position,
                         const char    *text)
{
  Entry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->entries->len);

  entry = &g_array_index (self->entries, Entry, position);
  g_free (entry->text);
  entry->text = g_strdup (text != NULL ? text : "");
}

void
moat_checklist_set_done (MoatChecklist *self,
                         guint          position,
                         gboolean       done)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->entries->len);

  g_array_index (self->entries, Entry, position).done = !!done;
}

guint
moat_checklist_get_n_items (const MoatChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const char *
moat_checklist_get_text (const MoatChecklist *self,
                         guint                position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_array_index (self->entries, Entry, position).text;
}

gboolean
moat_checklist_get_done (const MoatChecklist *self,
                         guint                position)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);

  return g_array_index (self->entries, Entry, position).done;
}

gboolean
moat_checklist_equal (const MoatChecklist *a,
                      const MoatChecklist *b)
{
  if (a == b)
    return TRUE;

  if (a == NULL || b == NULL || a->entries->len != b->entries->len)
    return FALSE;

  for (guint i = 0; i < a->entries->len; i++)
    {
      const Entry *ea = &g_array_index (a->entries, Entry, i);
      const Entry *eb = &g_array_index (b->entries, Entry, i);

      if (ea->done != eb->done || g_strcmp0 (ea->text, eb->text) != 0)
        return FALSE;
    }

  return TRUE;
}
