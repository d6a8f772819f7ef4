/* moat-checklist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOAT_TYPE_CHECKLIST (moat_checklist_get_type ())

/* An immutable-by-convention list of checkable items, such as a threat's
 * short-term mitigations. Changes replace the whole list through the
 * document, which keeps undo simple. */
typedef struct _MoatChecklist MoatChecklist;

GType          moat_checklist_get_type    (void) G_GNUC_CONST;
MoatChecklist *moat_checklist_new         (void);
MoatChecklist *moat_checklist_copy        (const MoatChecklist *self);
void           moat_checklist_free        (MoatChecklist       *self);
void           moat_checklist_append      (MoatChecklist       *self,
                                           const char          *text,
                                           gboolean             done);
void           moat_checklist_remove      (MoatChecklist       *self,
                                           guint                position);
void           moat_checklist_set_text    (MoatChecklist       *self,
                                           guint                position,
                                           const char          *text);
void           moat_checklist_set_done    (MoatChecklist       *self,
                                           guint                position,
                                           gboolean             done);
guint          moat_checklist_get_n_items (const MoatChecklist *self);
const char    *moat_checklist_get_text    (const MoatChecklist *self,
                                           guint                position);
gboolean       moat_checklist_get_done    (const MoatChecklist *self,
                                           guint                position);
gboolean       moat_checklist_equal       (const MoatChecklist *a,
                                           const MoatChecklist *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatChecklist, moat_checklist_free)

G_END_DECLS
