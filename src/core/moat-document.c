/* moat-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>

#include "moat-document-private.h"
#include "moat-edit-private.h"

/* Typing into a text field makes one edit per keystroke. Edits of the same
 * text property closer together than this merge into one undo step. */
#define MERGE_INTERVAL_USEC (2 * G_USEC_PER_SEC)

enum {
  TEXT_TITLE,
  TEXT_DESCRIPTION,
  TEXT_OWNER,
  TEXT_MODEL_VERSION,
  TEXT_BUSINESS_OBJECTIVES,
  TEXT_SECURITY_OBJECTIVES,
  TEXT_RISK_APPETITE,
  TEXT_TECHNICAL_SCOPE,
  N_TEXTS
};

struct _MoatDocument
{
  GObject parent_instance;

  GFile *file;
  char *texts[N_TEXTS];
  char **reviewers;
  char **compliance;
  char **contributors;
  char **rule_files;
  guint next_threat_number;

  /* The arrays own the model objects; the tables borrow them. */
  GPtrArray *diagrams;
  GPtrArray *threats;
  GHashTable *objects_by_id;
  GHashTable *diagram_of_item;
  GHashTable *threats_by_target;

  /* history[0 .. position) are applied. saved_position is -1 once the
   * saved state can no longer be reached by undo or redo. */
  GPtrArray *history;
  guint position;
  int saved_position;
  GPtrArray *open_groups;

  guint modified : 1;
  guint can_undo : 1;
  guint can_redo : 1;
};

G_DEFINE_FINAL_TYPE (MoatDocument, moat_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_REVIEWERS,
  PROP_COMPLIANCE,
  PROP_NEXT_THREAT_NUMBER,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_CONTRIBUTORS,
  PROP_RULE_FILES,
  PROP_TEXT_FIRST,
  N_PROPS = PROP_TEXT_FIRST + N_TEXTS
};

enum {
  ITEM_ADDED,
  ITEM_REMOVED,
  ITEM_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const text_names[N_TEXTS] = {
  "title", "description", "owner", "model-version", "business-objectives",
  "security-objectives", "risk-appetite", "technical-scope",
};

static void apply_edit (MoatDocument *self,
                        MoatEdit     *edit,
                        gboolean      forward);

static const char *
get_object_id (GObject *object)
{
  if (MOAT_IS_ITEM (object))
    return moat_item_get_id (MOAT_ITEM (object));
  if (MOAT_IS_THREAT (object))
    return moat_threat_get_id (MOAT_THREAT (object));
  if (MOAT_IS_DIAGRAM (object))
    return moat_diagram_get_id (MOAT_DIAGRAM (object));

  g_return_val_if_reached (NULL);
}

static void
index_threat (MoatDocument *self,
              MoatThreat   *threat)
{
  const char *target_id = moat_threat_get_target_id (threat);
  GPtrArray *list = g_hash_table_lookup (self->threats_by_target, target_id);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (self->threats_by_target, g_strdup (target_id), list);
    }

  g_ptr_array_add (list, threat);
}

static void
unindex_threat (MoatDocument *self,
                MoatThreat   *threat)
{
  const char *target_id = moat_threat_get_target_id (threat);
  GPtrArray *list = g_hash_table_lookup (self->threats_by_target, target_id);

  if (list == NULL)
    return;

  g_ptr_array_remove (list, threat);
  if (list->len == 0)
    g_hash_table_remove (self->threats_by_target, target_id);
}

static void
register_item (MoatDocument *self,
               MoatDiagram  *diagram,
               MoatItem     *item)
{
  g_hash_table_insert (self->objects_by_id, (char *)moat_item_get_id (item), item);
  g_hash_table_insert (self->diagram_of_item, item, diagram);
}

static void
unregister_item (MoatDocument *self,
                 MoatItem     *item)
{
  g_hash_table_remove (self->objects_by_id, moat_item_get_id (item));
  g_hash_table_remove (self->diagram_of_item, item);
}

static void
register_diagram (MoatDocument *self,
                  MoatDiagram  *diagram,
                  gboolean      add)
{
  GPtrArray *arrays[] = {
    moat_diagram_get_elements (diagram),
    moat_diagram_get_flows (diagram),
    moat_diagram_get_boundaries (diagram),
  };

  if (add)
    g_hash_table_insert (self->objects_by_id, (char *)moat_diagram_get_id (diagram), diagram);
  else
    g_hash_table_remove (self->objects_by_id, moat_diagram_get_id (diagram));

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        if (add)
          register_item (self, diagram, g_ptr_array_index (arrays[a], i));
        else
          unregister_item (self, g_ptr_array_index (arrays[a], i));
      }
}

static GPtrArray *
get_array_for (MoatDocument *self,
               GObject      *container,
               GObject      *object)
{
  if (MOAT_IS_DIAGRAM (object))
    return self->diagrams;
  if (MOAT_IS_THREAT (object))
    return self->threats;

  return moat_diagram_get_items_of (MOAT_DIAGRAM (container), G_OBJECT_TYPE (object));
}

/* Records @object in the tables once it is in its array. */
static void
register_object (MoatDocument *self,
                 GObject      *container,
                 GObject      *object)
{
  if (MOAT_IS_DIAGRAM (object))
    register_diagram (self, MOAT_DIAGRAM (object), TRUE);
  else if (MOAT_IS_THREAT (object))
    {
      g_hash_table_insert (self->objects_by_id, (char *)get_object_id (object), object);
      index_threat (self, MOAT_THREAT (object));
    }
  else
    register_item (self, MOAT_DIAGRAM (container), MOAT_ITEM (object));
}

static void
insert_object (MoatDocument *self,
               GObject      *container,
               GObject      *object,
               guint         position)
{
  GPtrArray *array = get_array_for (self, container, object);

  g_assert (position <= array->len);

  g_ptr_array_insert (array, position, g_object_ref (object));
  register_object (self, container, object);

  g_signal_emit (self, signals[ITEM_ADDED], 0, object);
}

/* Forgets @object in the tables, leaving it in its array. */
static void
unregister_object (MoatDocument *self,
                   GObject      *object)
{
  if (MOAT_IS_DIAGRAM (object))
    register_diagram (self, MOAT_DIAGRAM (object), FALSE);
  else if (MOAT_IS_THREAT (object))
    {
      g_hash_table_remove (self->objects_by_id, get_object_id (object));
      unindex_threat (self, MOAT_THREAT (object));
    }
  else
    unregister_item (self, MOAT_ITEM (object));
}

static void
remove_object (MoatDocument *self,
               GObject      *container,
               GObject      *object,
               guint         position)
{
  GPtrArray *array = get_array_for (self, container, object);
  g_autoptr(GObject) keep = g_object_ref (object);

  g_assert (position < array->len);
  g_assert (g_ptr_array_index (array, position) == object);

  unregister_object (self, object);
  g_ptr_array_remove_index (array, position);

  g_signal_emit (self, signals[ITEM_REMOVED], 0, object);
}

/* Moves @object within its container's array, which keeps its reference. */
static void
move_object (MoatDocument *self,
             GObject      *container,
             GObject      *object,
             guint         from,
             guint         to)
{
  GPtrArray *array = get_array_for (self, container, object);

  g_assert (from < array->len && to < array->len);
  g_assert (g_ptr_array_index (array, from) == object);

  g_ptr_array_steal_index (array, from);
  g_ptr_array_insert (array, to, object);
}

static void
set_object_value (MoatDocument *self,
                  GObject      *object,
                  GParamSpec   *pspec,
                  const GValue *value)
{
  gboolean retarget = MOAT_IS_THREAT (object) && g_strcmp0 (pspec->name, "target-id") == 0;

  /* Threats are indexed by target, so a move to another flow reindexes. */
  if (retarget)
    unindex_threat (self, MOAT_THREAT (object));

  g_object_set_property (object, pspec->name, value);

  if (retarget)
    index_threat (self, MOAT_THREAT (object));

  if (object != G_OBJECT (self))
    g_signal_emit (self, signals[ITEM_CHANGED], g_quark_from_string (pspec->name),
                   object, pspec->name);
}

/* Takes the objects of @doomed out of @array in one pass, keeping the
 * order of the others. The removed objects go to the end, where the
 * array drops its references to them. */
static void
compact_array (GPtrArray  *array,
               GHashTable *doomed)
{
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  guint n_kept = 0;

  for (guint i = 0; i < array->len; i++)
    {
      gpointer object = g_ptr_array_index (array, i);

      if (g_hash_table_contains (doomed, object))
        g_ptr_array_add (removed, object);
      else
        array->pdata[n_kept++] = object;
    }

  for (guint i = 0; i < removed->len; i++)
    array->pdata[n_kept + i] = g_ptr_array_index (removed, i);
  g_ptr_array_remove_range (array, n_kept, removed->len);
}

/* Applies removal edits in order with one pass over each array, then
 * emits #MoatDocument::item-removed for each object in order. */
static void
remove_edits_at_once (MoatDocument *self,
                      GPtrArray    *edits)
{
  g_autoptr(GHashTable) doomed_by_array = NULL;
  GHashTableIter iter;
  gpointer array;
  gpointer doomed;

  doomed_by_array = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);

  for (guint i = 0; i < edits->len; i++)
    {
      MoatEdit *edit = g_ptr_array_index (edits, i);
      GPtrArray *edit_array = get_array_for (self, edit->container, edit->object);
      GHashTable *edit_doomed = g_hash_table_lookup (doomed_by_array, edit_array);

      g_assert (edit->position < edit_array->len);

      if (edit_doomed == NULL)
        {
          edit_doomed = g_hash_table_new (NULL, NULL);
          g_hash_table_insert (doomed_by_array, edit_array, edit_doomed);
        }
      g_hash_table_add (edit_doomed, edit->object);
      unregister_object (self, edit->object);
    }

  g_hash_table_iter_init (&iter, doomed_by_array);
  while (g_hash_table_iter_next (&iter, &array, &doomed))
    compact_array (array, doomed);

  /* The edits keep the objects alive. */
  for (guint i = 0; i < edits->len; i++)
    g_signal_emit (self, signals[ITEM_REMOVED], 0,
                   ((MoatEdit *)g_ptr_array_index (edits, i))->object);
}

/* Finds the 0-based slot before which @rank slots are still free, in a
 * Fenwick tree of free slots of @n slots, and marks it taken. */
static guint
take_free_slot (guint *free_tree,
                guint  n,
                guint  rank)
{
  guint position = 0;
  guint remaining = rank + 1;
  guint step = 1;

  while (step * 2 <= n)
    step *= 2;

  for (; step > 0; step /= 2)
    if (position + step <= n && free_tree[position + step] < remaining)
      {
        position += step;
        remaining -= free_tree[position];
      }

  for (guint i = position + 1; i <= n; i += i & (~i + 1))
    free_tree[i]--;

  return position;
}

/* Reverts removal edits, given in the order they are reverted, as if each
 * object were inserted at its position in turn, with one pass over each
 * array. The last insertion takes its position among all the final
 * slots, and each earlier one takes its position among the slots that
 * the later ones leave free. */
static void
insert_edits_into_array (GPtrArray *array,
                         GPtrArray *edits)
{
  guint n = array->len + edits->len;
  g_autofree guint *free_tree = g_new0 (guint, n + 1);
  g_autofree gpointer *merged = g_new0 (gpointer, n);
  guint next_old = 0;

  for (guint i = 1; i <= n; i++)
    {
      guint parent = i + (i & (~i + 1));

      free_tree[i]++;
      if (parent <= n)
        free_tree[parent] += free_tree[i];
    }

  for (guint k = edits->len; k > 0; k--)
    {
      MoatEdit *edit = g_ptr_array_index (edits, k - 1);

      g_assert (edit->position <= array->len + k - 1);
      merged[take_free_slot (free_tree, n, edit->position)] = g_object_ref (edit->object);
    }

  for (guint i = 0; i < n; i++)
    if (merged[i] == NULL)
      merged[i] = g_ptr_array_index (array, next_old++);

  /* Growing the array calls no free function, and every pointer moves
   * into merged. */
  g_ptr_array_set_size (array, n);
  memcpy (array->pdata, merged, n * sizeof (gpointer));
}

/* Reverts removal edits, given in the order they are reverted, with one
 * pass over each array, then emits #MoatDocument::item-added for each
 * object in that order. */
static void
insert_edits_at_once (MoatDocument *self,
                      GPtrArray    *edits)
{
  g_autoptr(GHashTable) edits_by_array = g_hash_table_new_full (NULL, NULL, NULL,
                                                                (GDestroyNotify)g_ptr_array_unref);
  GHashTableIter iter;
  gpointer array;
  gpointer array_edits;

  for (guint i = 0; i < edits->len; i++)
    {
      MoatEdit *edit = g_ptr_array_index (edits, i);
      GPtrArray *edit_array = get_array_for (self, edit->container, edit->object);
      GPtrArray *list = g_hash_table_lookup (edits_by_array, edit_array);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (edits_by_array, edit_array, list);
        }
      g_ptr_array_add (list, edit);
    }

  g_hash_table_iter_init (&iter, edits_by_array);
  while (g_hash_table_iter_next (&iter, &array, &array_edits))
    insert_edits_into_array (array, array_edits);

  for (guint i = 0; i < edits->len; i++)
    {
      MoatEdit *edit = g_ptr_array_index (edits, i);

      register_object (self, edit->container, edit->object);
    }

  for (guint i = 0; i < edits->len; i++)
    g_signal_emit (self, signals[ITEM_ADDED], 0,
                   ((MoatEdit *)g_ptr_array_index (edits, i))->object);
}

static void
apply_removal_run (MoatDocument *self,
                   GPtrArray    *run,
                   gboolean      forward)
{
  if (run->len == 0)
    return;

  if (forward)
    remove_edits_at_once (self, run);
  else
    insert_edits_at_once (self, run);

  g_ptr_array_set_size (run, 0);
}

/* Applies or reverts the children of @group in turn, and each run of
 * removals in it at once, so that undoing or redoing a large delete
 * moves each array once instead of once per object. */
static void
apply_group (MoatDocument *self,
             MoatEdit     *group,
             gboolean      forward)
{
  GPtrArray *children = group->children;
  g_autoptr(GPtrArray) run = g_ptr_array_new ();

  for (guint step = 0; step < children->len; step++)
    {
      MoatEdit *child = g_ptr_array_index (children, forward ? step : children->len - 1 - step);

      if (child->kind == MOAT_EDIT_REMOVE)
        {
          g_ptr_array_add (run, child);
          continue;
        }

      apply_removal_run (self, run, forward);
      apply_edit (self, child, forward);
    }

  apply_removal_run (self, run, forward);
}

static void
apply_edit (MoatDocument *self,
            MoatEdit     *edit,
            gboolean      forward)
{
  switch (edit->kind)
    {
    case MOAT_EDIT_SET:
      set_object_value (self, edit->object, edit->pspec,
                        forward ? &edit->new_value : &edit->old_value);
      break;

    case MOAT_EDIT_INSERT:
    case MOAT_EDIT_REMOVE:
      if ((edit->kind == MOAT_EDIT_INSERT) == forward)
        insert_object (self, edit->container, edit->object, edit->position);
      else
        remove_object (self, edit->container, edit->object, edit->position);
      break;

    case MOAT_EDIT_MOVE:
      if (forward)
        move_object (self, edit->container, edit->object, edit->position, edit->new_position);
      else
        move_object (self, edit->container, edit->object, edit->new_position, edit->position);
      break;

    case MOAT_EDIT_GROUP:
      apply_group (self, edit, forward);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
update_state (MoatDocument *self)
{
  gboolean modified = self->saved_position != (int)self->position;
  gboolean can_undo = self->position > 0 && self->open_groups->len == 0;
  gboolean can_redo = self->position < self->history->len && self->open_groups->len == 0;

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }

  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

/* Whether a change of a property is typing: a text, or a mitigation list
 * whose items changed text only. Adding, removing or checking an item is
 * a step of its own. */
static gboolean
is_typing (MoatEdit *edit)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (edit->pspec);
  const MoatChecklist *old_list;
  const MoatChecklist *new_list;

  if (type == G_TYPE_STRING)
    return TRUE;

  if (type != MOAT_TYPE_CHECKLIST)
    return FALSE;

  old_list = g_value_get_boxed (&edit->old_value);
  new_list = g_value_get_boxed (&edit->new_value);
  if (old_list == NULL || new_list == NULL ||
      moat_checklist_get_n_items (old_list) != moat_checklist_get_n_items (new_list))
    return FALSE;

  for (guint i = 0; i < moat_checklist_get_n_items (old_list); i++)
    if (moat_checklist_get_done (old_list, i) != moat_checklist_get_done (new_list, i))
      return FALSE;

  return TRUE;
}

static gboolean
try_merge (MoatEdit *last,
           MoatEdit *edit,
           gboolean  in_group)
{
  if (last == NULL ||
      last->kind != MOAT_EDIT_SET ||
      edit->kind != MOAT_EDIT_SET ||
      last->object != edit->object ||
      last->pspec != edit->pspec)
    return FALSE;

  /* Inside a group (a drag), repeated sets of one property collapse into
   * one; outside, only typing into the same text field or mitigation list
   * does. */
  if (!in_group &&
      (!is_typing (last) || !is_typing (edit) ||
       edit->time - last->time > MERGE_INTERVAL_USEC))
    return FALSE;

  g_value_copy (&edit->new_value, &last->new_value);
  last->time = edit->time;

  return TRUE;
}

/* Records an edit that has already been applied. */
static void
push_edit (MoatDocument *self,
           MoatEdit     *edit)
{
  g_autoptr(MoatEdit) owned = edit;
  MoatEdit *last = NULL;

  if (self->open_groups->len > 0)
    {
      MoatEdit *group = g_ptr_array_index (self->open_groups, self->open_groups->len - 1);

      if (group->children->len > 0)
        last = g_ptr_array_index (group->children, group->children->len - 1);

      if (!try_merge (last, edit, TRUE))
        g_ptr_array_add (group->children, g_steal_pointer (&owned));
      return;
    }

  if (self->position > 0 &&
      self->position == self->history->len &&
      self->saved_position != (int)self->position)
    last = g_ptr_array_index (self->history, self->position - 1);

  if (!try_merge (last, edit, FALSE))
    {
      if (self->position < self->history->len)
        {
          if (self->saved_position > (int)self->position)
            self->saved_position = -1;
          g_ptr_array_set_size (self->history, self->position);
        }

      g_ptr_array_add (self->history, g_steal_pointer (&owned));
      self->position++;
    }

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
moat_document_dispose (GObject *object)
{
  MoatDocument *self = (MoatDocument *)object;

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->open_groups, g_ptr_array_unref);
  g_clear_pointer (&self->objects_by_id, g_hash_table_unref);
  g_clear_pointer (&self->diagram_of_item, g_hash_table_unref);
  g_clear_pointer (&self->threats_by_target, g_hash_table_unref);
  g_clear_pointer (&self->diagrams, g_ptr_array_unref);
  g_clear_pointer (&self->threats, g_ptr_array_unref);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (moat_document_parent_class)->dispose (object);
}

static void
moat_document_finalize (GObject *object)
{
  MoatDocument *self = (MoatDocument *)object;

  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], g_free);
  g_clear_pointer (&self->reviewers, g_strfreev);
  g_clear_pointer (&self->compliance, g_strfreev);
  g_clear_pointer (&self->contributors, g_strfreev);
  g_clear_pointer (&self->rule_files, g_strfreev);

  G_OBJECT_CLASS (moat_document_parent_class)->finalize (object);
}

static void
moat_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MoatDocument *self = MOAT_DOCUMENT (object);

  if (prop_id >= PROP_TEXT_FIRST && prop_id < N_PROPS)
    {
      g_value_set_string (value, self->texts[prop_id - PROP_TEXT_FIRST]);
      return;
    }

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_REVIEWERS:
      g_value_set_boxed (value, self->reviewers);
      break;

    case PROP_COMPLIANCE:
      g_value_set_boxed (value, self->compliance);
      break;

    case PROP_CONTRIBUTORS:
      g_value_set_boxed (value, self->contributors);
      break;

    case PROP_RULE_FILES:
      g_value_set_boxed (value, self->rule_files);
      break;

    case PROP_NEXT_THREAT_NUMBER:
      g_value_set_uint (value, self->next_threat_number);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
replace_strv (MoatDocument   *self,
              char         ***field,
              const GValue   *value,
              GParamSpec     *pspec)
{
  const char * const *strv = g_value_get_boxed (value);
  const char * const empty[] = { NULL };

  if (strv == NULL)
    strv = empty;

  if (g_strv_equal ((const char * const *)*field, strv))
    return;

  g_strfreev (*field);
  *field = g_strdupv ((char **)strv);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
moat_document_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MoatDocument *self = MOAT_DOCUMENT (object);

  if (prop_id >= PROP_TEXT_FIRST && prop_id < N_PROPS)
    {
      const char *text = g_value_get_string (value);
      char **field = &self->texts[prop_id - PROP_TEXT_FIRST];

      if (text == NULL)
        text = "";

      if (g_strcmp0 (*field, text) != 0)
        {
          g_free (*field);
          *field = g_strdup (text);
          g_object_notify_by_pspec (object, pspec);
        }
      return;
    }

  switch (prop_id)
    {
    case PROP_FILE:
      moat_document_set_file (self, g_value_get_object (value));
      break;

    case PROP_REVIEWERS:
      replace_strv (self, &self->reviewers, value, pspec);
      break;

    case PROP_COMPLIANCE:
      replace_strv (self, &self->compliance, value, pspec);
      break;

    case PROP_CONTRIBUTORS:
      replace_strv (self, &self->contributors, value, pspec);
      break;

    case PROP_RULE_FILES:
      replace_strv (self, &self->rule_files, value, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_document_class_init (MoatDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = moat_document_dispose;
  object_class->finalize = moat_document_finalize;
  object_class->get_property = moat_document_get_property;
  object_class->set_property = moat_document_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_REVIEWERS] =
    g_param_spec_boxed ("reviewers", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_COMPLIANCE] =
    g_param_spec_boxed ("compliance", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CONTRIBUTORS] =
    g_param_spec_boxed ("contributors", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_RULE_FILES] =
    g_param_spec_boxed ("rule-files", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_NEXT_THREAT_NUMBER] =
    g_param_spec_uint ("next-threat-number", NULL, NULL, 1, G_MAXUINT, 1, read_only);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, read_only);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, read_only);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, read_only);

  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_TEXT_FIRST + i] =
      g_param_spec_string (text_names[i], NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatDocument::item-added:
   * @object: the diagram, item or threat that was added
   */
  signals[ITEM_ADDED] =
    g_signal_new ("item-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  signals[ITEM_REMOVED] =
    g_signal_new ("item-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /**
   * MoatDocument::item-changed:
   * @object: the diagram, item or threat that changed
   * @property_name: the property that changed, also the signal detail
   */
  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_STRING);

  /**
   * MoatDocument::changed:
   *
   * Emitted once after each edit, undo or redo, when the document is
   * consistent again. Views that recompute everything listen to this.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
moat_document_init (MoatDocument *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->reviewers = g_new0 (char *, 1);
  self->compliance = g_new0 (char *, 1);
  self->contributors = g_new0 (char *, 1);
  self->rule_files = g_new0 (char *, 1);
  self->next_threat_number = 1;

  self->diagrams = g_ptr_array_new_with_free_func (g_object_unref);
  self->threats = g_ptr_array_new_with_free_func (g_object_unref);
  self->objects_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->diagram_of_item = g_hash_table_new (NULL, NULL);
  self->threats_by_target = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify)g_ptr_array_unref);

  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_edit_free);
  self->open_groups = g_ptr_array_new ();
}

/**
 * moat_document_new:
 *
 * Creates an empty document with no diagram, as the loader needs.
 */
MoatDocument *
moat_document_new (void)
{
  return g_object_new (MOAT_TYPE_DOCUMENT, NULL);
}

/**
 * moat_document_new_with_diagram:
 * @diagram_name: the name of the first diagram
 *
 * Creates the document that File → New shows: unmodified, with one empty
 * diagram that cannot be undone away.
 */
MoatDocument *
moat_document_new_with_diagram (const char *diagram_name)
{
  MoatDocument *self = moat_document_new ();
  g_autoptr(MoatDiagram) diagram = moat_diagram_new (NULL, diagram_name);

  moat_document_append_diagram_internal (self, diagram);

  return self;
}

GFile *
moat_document_get_file (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return self->file;
}

void
moat_document_set_file (MoatDocument *self,
                        GFile        *file)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * moat_document_dup_display_name:
 *
 * Returns: (transfer full): the file's display name, or the model title
 *   for a document that was never saved
 */
char *
moat_document_dup_display_name (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      return g_filename_display_name (basename);
    }

  if (self->texts[TEXT_TITLE][0] != '\0')
    return g_strdup (self->texts[TEXT_TITLE]);

  return g_strdup (_("Untitled model"));
}

const char *
moat_document_get_title (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return self->texts[TEXT_TITLE];
}

/**
 * moat_document_get_text:
 * @property_name: one of the metadata text properties, such as "owner" or
 *   "risk-appetite"
 *
 * Returns: the property's value, never %NULL
 */
const char *
moat_document_get_text (MoatDocument *self,
                        const char   *property_name)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < N_TEXTS; i++)
    if (g_str_equal (text_names[i], property_name))
      return self->texts[i];

  g_return_val_if_reached (NULL);
}

const char * const *
moat_document_get_reviewers (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return (const char * const *)self->reviewers;
}

const char * const *
moat_document_get_compliance (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return (const char * const *)self->compliance;
}

/**
 * moat_document_get_contributors:
 *
 * Returns: the people who contributed to the model, besides its owner
 *   and reviewers
 */
const char * const *
moat_document_get_contributors (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return (const char * const *)self->contributors;
}

/**
 * moat_document_get_rule_files:
 *
 * Returns: the model's own rule library files, as paths relative to the
 *   folder of the model file
 */
const char * const *
moat_document_get_rule_files (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return (const char * const *)self->rule_files;
}

guint
moat_document_get_next_threat_number (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), 0);

  return self->next_threat_number;
}

/**
 * moat_document_get_diagrams:
 *
 * Returns: (transfer none) (element-type MoatDiagram): the diagrams, to
 *   read only
 */
GPtrArray *
moat_document_get_diagrams (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return self->diagrams;
}

/**
 * moat_document_get_threats:
 *
 * Returns: (transfer none) (element-type MoatThreat): every threat of the
 *   model in file order, to read only
 */
GPtrArray *
moat_document_get_threats (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return self->threats;
}

/**
 * moat_document_lookup:
 * @id: a stable id
 *
 * Finds the diagram, element, flow, boundary or threat with @id.
 *
 * Returns: (transfer none) (nullable): the object, or %NULL
 */
gpointer
moat_document_lookup (MoatDocument *self,
                      const char   *id)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->objects_by_id, id);
}

/**
 * moat_document_get_diagram_of:
 *
 * Returns: (transfer none) (nullable): the diagram that contains @item,
 *   or %NULL if @item is not part of the document
 */
MoatDiagram *
moat_document_get_diagram_of (MoatDocument *self,
                              MoatItem     *item)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return g_hash_table_lookup (self->diagram_of_item, item);
}

/**
 * moat_document_get_threats_for:
 * @target_id: the id of a flow or element
 *
 * Returns: (transfer none) (nullable) (element-type MoatThreat): the
 *   threats of @target_id in file order, or %NULL if it has none
 */
GPtrArray *
moat_document_get_threats_for (MoatDocument *self,
                               const char   *target_id)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return g_hash_table_lookup (self->threats_by_target, target_id);
}

static MoatElement *
lookup_element (MoatDocument *self,
                const char   *id)
{
  gpointer object = moat_document_lookup (self, id);

  return MOAT_IS_ELEMENT (object) ? object : NULL;
}

MoatElement *
moat_document_get_flow_source (MoatDocument *self,
                               MoatFlow     *flow)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return lookup_element (self, moat_flow_get_source_id (flow));
}

MoatElement *
moat_document_get_flow_target (MoatDocument *self,
                               MoatFlow     *flow)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  return lookup_element (self, moat_flow_get_target_id (flow));
}

/**
 * moat_document_begin_group:
 * @label: (nullable): what the user sees in the undo menu
 *
 * Starts a group of changes that undo and redo as one step, such as a
 * whole drag. Groups nest; each must be closed with
 * moat_document_end_group().
 */
void
moat_document_begin_group (MoatDocument *self,
                           const char   *label)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));

  g_ptr_array_add (self->open_groups, moat_edit_new_group (label));
  update_state (self);
}

void
moat_document_end_group (MoatDocument *self)
{
  g_autoptr(MoatEdit) group = NULL;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (self->open_groups->len > 0);

  group = g_ptr_array_steal_index (self->open_groups, self->open_groups->len - 1);

  if (group->children->len == 0)
    {
      update_state (self);
      return;
    }

  /* An unnamed group of one edit is that edit, which lets consecutive
   * keystrokes in a text field merge. */
  if (group->children->len == 1 && group->label == NULL)
    {
      MoatEdit *only = g_ptr_array_steal_index (group->children, 0);

      g_clear_pointer (&group, moat_edit_free);
      group = only;
    }

  /* A nested group's label is lost; the outermost one names the step. */
  if (self->open_groups->len > 0)
    {
      MoatEdit *parent = g_ptr_array_index (self->open_groups, self->open_groups->len - 1);

      g_ptr_array_add (parent->children, g_steal_pointer (&group));
      return;
    }

  push_edit (self, g_steal_pointer (&group));
}

/**
 * moat_document_cancel_group:
 *
 * Closes the innermost open group and reverts what it changed, leaving no
 * trace in the history, as when Escape cancels a drag.
 */
void
moat_document_cancel_group (MoatDocument *self)
{
  g_autoptr(MoatEdit) group = NULL;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (self->open_groups->len > 0);

  group = g_ptr_array_steal_index (self->open_groups, self->open_groups->len - 1);
  apply_edit (self, group, FALSE);

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * moat_document_set_value:
 * @object: the document itself, or one of its diagrams, items or threats
 * @property_name: a property of @object
 * @value: the new value
 *
 * Changes one property as an undoable edit. Setting the current value
 * records nothing.
 */
void
moat_document_set_value (MoatDocument *self,
                         gpointer      object,
                         const char   *property_name,
                         const GValue *value)
{
  GParamSpec *pspec;
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property_name != NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property_name);
  g_return_if_fail (pspec != NULL);
  g_return_if_fail (pspec->flags & G_PARAM_WRITABLE);
  g_return_if_fail (!(pspec->flags & G_PARAM_CONSTRUCT_ONLY));

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (object, pspec->name, &old_value);

  g_value_init (&new_value, pspec->value_type);
  if (!g_value_transform (value, &new_value))
    {
      g_critical ("Cannot store a %s in property “%s” of %s",
                  G_VALUE_TYPE_NAME (value), pspec->name, G_OBJECT_TYPE_NAME (object));
      return;
    }
  g_param_value_validate (pspec, &new_value);

  if (g_param_values_cmp (pspec, &old_value, &new_value) == 0 &&
      !G_IS_PARAM_SPEC_BOXED (pspec))
    return;

  set_object_value (self, object, pspec, &new_value);
  push_edit (self, moat_edit_new_set (object, object != (gpointer)self, pspec,
                                      &old_value, &new_value));
}

/**
 * moat_document_set:
 * @object: the document itself, or one of its diagrams, items or threats
 * @first_property_name: the first property to change
 * @...: its value, then more name/value pairs, ending with %NULL
 *
 * Changes properties like g_object_set(), as one undoable step.
 */
void
moat_document_set (MoatDocument *self,
                   gpointer      object,
                   const char   *first_property_name,
                   ...)
{
  va_list args;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (object));

  moat_document_begin_group (self, NULL);

  va_start (args, first_property_name);
  for (const char *name = first_property_name; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (object), name);
          break;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          break;
        }

      moat_document_set_value (self, object, name, &value);
    }
  va_end (args);

  moat_document_end_group (self);
}

static void
insert_as_edit (MoatDocument *self,
                GObject      *container,
                GObject      *object)
{
  GPtrArray *array = get_array_for (self, container, object);
  guint position = array->len;

  insert_object (self, container, object, position);
  push_edit (self, moat_edit_new_insert (container, object, position));
}

static void
remove_as_edit (MoatDocument *self,
                GObject      *container,
                GObject      *object)
{
  GPtrArray *array = get_array_for (self, container, object);
  guint position;

  if (!g_ptr_array_find (array, object, &position))
    g_return_if_reached ();

  /* The edit holds the last reference once the array drops it. */
  push_edit (self, moat_edit_new_remove (container, object, position));
  remove_object (self, container, object, position);
}

/* Checks that @id can name a new object. An empty id is rejected, as in a
 * file, because a flow's dangling end is an empty id too. */
static gboolean
is_usable_id (MoatDocument *self,
              const char   *id)
{
  if (id == NULL || id[0] == '\0')
    {
      g_critical ("An object of a document needs a non-empty id");
      return FALSE;
    }

  if (g_hash_table_contains (self->objects_by_id, id))
    {
      g_critical ("Id “%s” is already in use in this document", id);
      return FALSE;
    }

  return TRUE;
}

void
moat_document_add_diagram (MoatDocument *self,
                           MoatDiagram  *diagram)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (MOAT_IS_DIAGRAM (diagram));

  if (!is_usable_id (self, moat_diagram_get_id (diagram)))
    return;

  insert_as_edit (self, NULL, G_OBJECT (diagram));
}

/* The objects of one array that a removal takes out, and the positions
 * they had before it. */
typedef struct
{
  GHashTable *original_positions;
  guint n;
  /* A Fenwick tree of the objects already removed, by original position,
   * so that counting those before a position costs O(log n). */
  guint *removed_tree;
} RemovalArray;

/* Removes many objects as one edit each, in a given order, without
 * searching their arrays. Each edit records the object's position at the
 * time it is removed, as remove_as_edit() does, so undo and redo are the
 * same as with one remove_as_edit() per object. That position is the
 * original one minus the objects of the same array removed before it
 * from lower positions. */
typedef struct
{
  MoatDocument *document;
  /* The objects in removal order, and their containers. */
  GPtrArray *objects;
  GPtrArray *containers;
  GHashTable *scheduled;
  /* (element-type GPtrArray RemovalArray) */
  GHashTable *arrays;
} Removal;

static void
removal_array_free (RemovalArray *removal_array)
{
  g_hash_table_unref (removal_array->original_positions);
  g_free (removal_array->removed_tree);
  g_free (removal_array);
}

static void
removal_init (Removal      *removal,
              MoatDocument *self)
{
  removal->document = self;
  removal->objects = g_ptr_array_new ();
  removal->containers = g_ptr_array_new ();
  removal->scheduled = g_hash_table_new (NULL, NULL);
  removal->arrays = g_hash_table_new_full (NULL, NULL, NULL,
                                           (GDestroyNotify)removal_array_free);
}

static void
removal_clear (Removal *removal)
{
  g_ptr_array_unref (removal->objects);
  g_ptr_array_unref (removal->containers);
  g_hash_table_unref (removal->scheduled);
  g_hash_table_unref (removal->arrays);
}

/* Appends @object to the removal order, unless it is there already. */
static void
removal_add (Removal *removal,
             GObject *container,
             GObject *object)
{
  if (!g_hash_table_add (removal->scheduled, object))
    return;

  g_ptr_array_add (removal->objects, object);
  g_ptr_array_add (removal->containers, container);
}

/* Schedules the threats of @target_id, last first, as removing them one
 * at a time from its list would. */
static void
removal_add_threats_of (Removal    *removal,
                        const char *target_id)
{
  GPtrArray *threats = moat_document_get_threats_for (removal->document, target_id);

  for (guint i = threats != NULL ? threats->len : 0; i > 0; i--)
    removal_add (removal, NULL, g_ptr_array_index (threats, i - 1));
}

/* Records the positions of the scheduled objects of @array in one pass. */
static RemovalArray *
removal_index_array (Removal   *removal,
                     GPtrArray *array)
{
  RemovalArray *removal_array = g_new0 (RemovalArray, 1);

  removal_array->original_positions = g_hash_table_new (NULL, NULL);
  removal_array->n = array->len;
  removal_array->removed_tree = g_new0 (guint, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    {
      gpointer object = g_ptr_array_index (array, i);

      if (g_hash_table_contains (removal->scheduled, object))
        g_hash_table_insert (removal_array->original_positions, object, GUINT_TO_POINTER (i));
    }

  g_hash_table_insert (removal->arrays, array, removal_array);

  return removal_array;
}

/* Returns the current position of @object and marks it as removed. */
static guint
removal_array_take (RemovalArray *removal_array,
                    GObject      *object)
{
  gpointer value;
  guint original;
  guint n_before = 0;

  if (!g_hash_table_lookup_extended (removal_array->original_positions, object, NULL, &value))
    g_return_val_if_reached (G_MAXUINT);
  original = GPOINTER_TO_UINT (value);

  for (guint i = original; i > 0; i &= i - 1)
    n_before += removal_array->removed_tree[i];
  for (guint i = original + 1; i <= removal_array->n; i += i & (~i + 1))
    removal_array->removed_tree[i]++;

  return original - n_before;
}

/* Removes the scheduled objects in order, each as its own edit. Each
 * array is compacted once, after all the edits, and then each removed
 * object gets #MoatDocument::item-removed in order, so its handlers see
 * the document after the whole step. */
static void
removal_run (Removal *removal)
{
  MoatDocument *self = removal->document;
  g_autoptr(GPtrArray) arrays = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer array;
  gpointer removal_array;

  /* Every array is indexed before the first object leaves it. */
  for (guint i = 0; i < removal->objects->len; i++)
    {
      GPtrArray *object_array = get_array_for (self,
                                               g_ptr_array_index (removal->containers, i),
                                               g_ptr_array_index (removal->objects, i));

      if (!g_hash_table_contains (removal->arrays, object_array))
        removal_index_array (removal, object_array);
      g_ptr_array_add (arrays, object_array);
    }

  for (guint i = 0; i < removal->objects->len; i++)
    {
      GObject *container = g_ptr_array_index (removal->containers, i);
      GObject *object = g_ptr_array_index (removal->objects, i);
      guint position = removal_array_take (g_hash_table_lookup (removal->arrays,
                                                                g_ptr_array_index (arrays, i)),
                                           object);

      if (position == G_MAXUINT)
        continue;

      /* The edit holds the last reference once the array drops it. */
      push_edit (self, moat_edit_new_remove (container, object, position));
      unregister_object (self, object);
      g_ptr_array_add (removed, object);
    }

  g_hash_table_iter_init (&iter, removal->arrays);
  while (g_hash_table_iter_next (&iter, &array, &removal_array))
    compact_array (array, ((RemovalArray *)removal_array)->original_positions);

  for (guint i = 0; i < removed->len; i++)
    g_signal_emit (self, signals[ITEM_REMOVED], 0, g_ptr_array_index (removed, i));
}

void
moat_document_remove_diagram (MoatDocument *self,
                              MoatDiagram  *diagram)
{
  GPtrArray *arrays[3];
  Removal removal;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (MOAT_IS_DIAGRAM (diagram));

  arrays[0] = moat_diagram_get_elements (diagram);
  arrays[1] = moat_diagram_get_flows (diagram);
  arrays[2] = moat_diagram_get_boundaries (diagram);

  removal_init (&removal, self);
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      removal_add_threats_of (&removal, moat_item_get_id (g_ptr_array_index (arrays[a], i)));

  moat_document_begin_group (self, _("Delete diagram"));

  removal_run (&removal);
  removal_clear (&removal);
  remove_as_edit (self, NULL, G_OBJECT (diagram));

  moat_document_end_group (self);
}

/**
 * moat_document_move_diagram:
 * @diagram: a diagram of the document
 * @position: the new index of @diagram in the list of diagrams; a
 *   position past the end moves it to the end
 *
 * Moves @diagram within the list of diagrams, as one undoable step. Views
 * of the list learn of it through #MoatDocument::changed.
 */
void
moat_document_move_diagram (MoatDocument *self,
                            MoatDiagram  *diagram,
                            guint         position)
{
  guint from;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (MOAT_IS_DIAGRAM (diagram));

  if (!g_ptr_array_find (self->diagrams, diagram, &from))
    g_return_if_reached ();

  position = MIN (position, self->diagrams->len - 1);
  if (position == from)
    return;

  moat_document_begin_group (self, _("Move diagram"));
  move_object (self, NULL, G_OBJECT (diagram), from, position);
  push_edit (self, moat_edit_new_move (NULL, G_OBJECT (diagram), from, position));
  moat_document_end_group (self);
}

/**
 * moat_document_add_item:
 * @diagram: a diagram of the document
 * @item: a new element, flow or boundary
 *
 * Adds @item on top of @diagram's items of its kind. A flow's ends must
 * be elements of the same diagram.
 */
void
moat_document_add_item (MoatDocument *self,
                        MoatDiagram  *diagram,
                        MoatItem     *item)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (MOAT_IS_DIAGRAM (diagram));
  g_return_if_fail (MOAT_IS_ITEM (item));
  g_return_if_fail (g_ptr_array_find (self->diagrams, diagram, NULL));

  if (!is_usable_id (self, moat_item_get_id (item)))
    return;

  if (MOAT_IS_FLOW (item))
    {
      MoatElement *source = moat_document_get_flow_source (self, MOAT_FLOW (item));
      MoatElement *target = moat_document_get_flow_target (self, MOAT_FLOW (item));

      g_return_if_fail (source != NULL && target != NULL);
      g_return_if_fail (moat_document_get_diagram_of (self, MOAT_ITEM (source)) == diagram);
      g_return_if_fail (moat_document_get_diagram_of (self, MOAT_ITEM (target)) == diagram);
    }

  insert_as_edit (self, G_OBJECT (diagram), G_OBJECT (item));
}

/* Lists the flows attached to each element of @items, by element id and
 * in the order of the diagram's flows, with one pass over the flows of
 * the diagrams that contain those elements. */
static GHashTable *
dup_flows_by_element (MoatDocument  *self,
                      MoatItem     **items,
                      guint          n_items)
{
  GHashTable *flows_by_element = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GHashTable) diagram_of_element = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) diagrams = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer diagram;

  for (guint i = 0; i < n_items; i++)
    {
      const char *id = moat_item_get_id (items[i]);

      if (!MOAT_IS_ELEMENT (items[i]))
        continue;

      diagram = moat_document_get_diagram_of (self, items[i]);
      g_hash_table_insert (flows_by_element, (char *)id, g_ptr_array_new ());
      g_hash_table_insert (diagram_of_element, (char *)id, diagram);
      g_hash_table_add (diagrams, diagram);
    }

  g_hash_table_iter_init (&iter, diagrams);
  while (g_hash_table_iter_next (&iter, &diagram, NULL))
    {
      GPtrArray *flows = moat_diagram_get_flows (diagram);

      for (guint f = 0; f < flows->len; f++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, f);
          const char *source_id = moat_flow_get_source_id (flow);
          const char *target_id = moat_flow_get_target_id (flow);

          /* Only the flows of an element's own diagram go with it. */
          if (g_hash_table_lookup (diagram_of_element, source_id) == diagram)
            g_ptr_array_add (g_hash_table_lookup (flows_by_element, source_id), flow);
          if (g_hash_table_lookup (diagram_of_element, target_id) == diagram &&
              !g_str_equal (source_id, target_id))
            g_ptr_array_add (g_hash_table_lookup (flows_by_element, target_id), flow);
        }
    }

  return flows_by_element;
}

/**
 * moat_document_remove_items:
 * @items: (array length=n_items): elements, flows and boundaries
 *
 * Removes @items as one undoable step, together with the flows attached
 * to removed elements and the threats of everything removed. Each removed
 * object gets #MoatDocument::item-removed once all of them are removed.
 */
void
moat_document_remove_items (MoatDocument  *self,
                            MoatItem     **items,
                            guint          n_items)
{
  g_autoptr(GHashTable) doomed = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) flows_by_element = NULL;
  g_autofree char *label = NULL;
  Removal removal;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));

  for (guint i = 0; i < n_items; i++)
    g_return_if_fail (moat_document_get_diagram_of (self, items[i]) != NULL);

  flows_by_element = dup_flows_by_element (self, items, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      GPtrArray *flows;

      if (g_hash_table_add (doomed, items[i]))
        g_ptr_array_add (order, items[i]);

      if (!MOAT_IS_ELEMENT (items[i]))
        continue;

      flows = g_hash_table_lookup (flows_by_element, moat_item_get_id (items[i]));
      for (guint f = 0; flows != NULL && f < flows->len; f++)
        if (g_hash_table_add (doomed, g_ptr_array_index (flows, f)))
          g_ptr_array_add (order, g_ptr_array_index (flows, f));
    }

  if (order->len == 0)
    return;

  removal_init (&removal, self);

  for (guint i = 0; i < order->len; i++)
    removal_add_threats_of (&removal, moat_item_get_id (g_ptr_array_index (order, i)));

  /* Flows before elements, so that undo brings the ends back first. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < order->len; i++)
      {
        MoatItem *item = g_ptr_array_index (order, i);

        if (MOAT_IS_FLOW (item) == (pass == 0))
          removal_add (&removal, G_OBJECT (moat_document_get_diagram_of (self, item)),
                       G_OBJECT (item));
      }

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u item", "Delete %u items",
                                        order->len),
                           order->len);
  moat_document_begin_group (self, label);
  removal_run (&removal);
  moat_document_end_group (self);

  removal_clear (&removal);
}

/**
 * moat_document_add_threat:
 * @threat: a new threat whose target is a flow or element of the document
 *
 * Adds @threat, giving it the next THREAT-NNN number if it has none. The
 * counter only grows, so a number is never given twice, even after undo.
 * Recording a threat on a flow also marks its STRIDE category as having
 * threats recorded, in the same undo step.
 */
void
moat_document_add_threat (MoatDocument *self,
                          MoatThreat   *threat)
{
  gpointer target;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (MOAT_IS_THREAT (threat));

  target = moat_document_lookup (self, moat_threat_get_target_id (threat));
  g_return_if_fail (MOAT_IS_FLOW (target) || MOAT_IS_ELEMENT (target));

  if (!is_usable_id (self, moat_threat_get_id (threat)))
    return;

  if (moat_threat_get_number (threat) == 0)
    {
      g_object_set (threat, "number", self->next_threat_number, NULL);
      self->next_threat_number++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_THREAT_NUMBER]);
    }
  else if (moat_threat_get_number (threat) >= self->next_threat_number)
    {
      self->next_threat_number = moat_threat_get_number (threat) + 1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_THREAT_NUMBER]);
    }

  moat_document_begin_group (self, _("Add threat"));

  insert_as_edit (self, NULL, G_OBJECT (threat));

  /* Threats of other methodologies have no STRIDE review state to mark. */
  if (MOAT_IS_FLOW (target) && moat_threat_get_category (threat) < MOAT_N_STRIDE_CATEGORIES)
    {
      MoatStrideCategory category = moat_threat_get_category (threat);

      if (moat_flow_get_review_state (target, category) == MOAT_REVIEW_NOT_REVIEWED)
        moat_document_set (self, target,
                           moat_flow_review_state_property (category), MOAT_REVIEW_THREATS_RECORDED,
                           NULL);
    }

  moat_document_end_group (self);
}

void
moat_document_remove_threat (MoatDocument *self,
                             MoatThreat   *threat)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (MOAT_IS_THREAT (threat));

  remove_as_edit (self, NULL, G_OBJECT (threat));
}

gboolean
moat_document_can_undo (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);

  return self->can_undo;
}

gboolean
moat_document_can_redo (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);

  return self->can_redo;
}

const char *
moat_document_get_undo_label (MoatDocument *self)
{
  MoatEdit *edit;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  if (!self->can_undo)
    return NULL;

  edit = g_ptr_array_index (self->history, self->position - 1);

  return edit->label;
}

const char *
moat_document_get_redo_label (MoatDocument *self)
{
  MoatEdit *edit;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), NULL);

  if (!self->can_redo)
    return NULL;

  edit = g_ptr_array_index (self->history, self->position);

  return edit->label;
}

/**
 * moat_document_undo:
 *
 * Reverts the last step. Nothing happens while a group is open, so a drag
 * in progress cannot be torn apart.
 *
 * Returns: %TRUE if a step was reverted
 */
gboolean
moat_document_undo (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);

  if (!self->can_undo)
    return FALSE;

  self->position--;
  apply_edit (self, g_ptr_array_index (self->history, self->position), FALSE);

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
moat_document_redo (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);

  if (!self->can_redo)
    return FALSE;

  apply_edit (self, g_ptr_array_index (self->history, self->position), TRUE);
  self->position++;

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
moat_document_get_modified (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);

  return self->modified;
}

/**
 * moat_document_mark_saved:
 *
 * Records the current history position as the saved state, after a
 * successful save. Undoing or redoing back to it clears "modified".
 */
void
moat_document_mark_saved (MoatDocument *self)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));

  self->saved_position = self->position;
  update_state (self);
}

/**
 * moat_document_mark_unsaved:
 *
 * Marks the document as different from any saved state, as for a model
 * restored from a recovery copy: it stays modified, whatever is undone or
 * redone, until the next moat_document_mark_saved().
 */
void
moat_document_mark_unsaved (MoatDocument *self)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));

  self->saved_position = -1;
  update_state (self);
}

void
moat_document_append_diagram_internal (MoatDocument *self,
                                       MoatDiagram  *diagram)
{
  insert_object (self, NULL, G_OBJECT (diagram), self->diagrams->len);
}

void
moat_document_append_item_internal (MoatDocument *self,
                                    MoatDiagram  *diagram,
                                    MoatItem     *item)
{
  GPtrArray *array = moat_diagram_get_items_of (diagram, G_OBJECT_TYPE (item));

  insert_object (self, G_OBJECT (diagram), G_OBJECT (item), array->len);
}

void
moat_document_append_threat_internal (MoatDocument *self,
                                      MoatThreat   *threat)
{
  insert_object (self, NULL, G_OBJECT (threat), self->threats->len);
}

void
moat_document_set_next_threat_number_internal (MoatDocument *self,
                                               guint         number)
{
  self->next_threat_number = number;
}
