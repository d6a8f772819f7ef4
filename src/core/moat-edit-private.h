/* moat-edit-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MOAT_EDIT_SET,
  MOAT_EDIT_INSERT,
  MOAT_EDIT_REMOVE,
  MOAT_EDIT_GROUP,
  MOAT_EDIT_MOVE,
} MoatEditKind;

/* One reversible change of a document. SET changes one property of an
 * object; INSERT and REMOVE put an object into, or take it out of, its
 * container at a position; MOVE takes it from position to new_position in
 * its container; GROUP runs its children in order, and backwards when
 * reverted. The document applies and reverts edits. */
typedef struct
{
  MoatEditKind kind;
  char *label;
  gint64 time;

  GObject *object;
  /* FALSE when object is the document that owns this edit, which must not
   * keep itself alive through its own history. */
  gboolean owns_object;
  GObject *container;
  guint position;
  guint new_position;

  GParamSpec *pspec;
  GValue old_value;
  GValue new_value;

  GPtrArray *children;
} MoatEdit;

MoatEdit *moat_edit_new_set    (GObject      *object,
                                gboolean      owns_object,
                                GParamSpec   *pspec,
                                const GValue *old_value,
                                const GValue *new_value);
MoatEdit *moat_edit_new_insert (GObject      *container,
                                GObject      *object,
                                guint         position);
MoatEdit *moat_edit_new_remove (GObject      *container,
                                GObject      *object,
                                guint         position);
MoatEdit *moat_edit_new_move   (GObject      *container,
                                GObject      *object,
                                guint         position,
                                guint         new_position);
MoatEdit *moat_edit_new_group  (const char   *label);
void      moat_edit_free       (MoatEdit     *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatEdit, moat_edit_free)

G_END_DECLS
