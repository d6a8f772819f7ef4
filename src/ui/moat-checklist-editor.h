/* moat-checklist-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CHECKLIST_EDITOR (moat_checklist_editor_get_type ())

G_DECLARE_FINAL_TYPE (MoatChecklistEditor, moat_checklist_editor, MOAT, CHECKLIST_EDITOR,
                      AdwPreferencesGroup)

GtkWidget *moat_checklist_editor_new          (MoatDocument        *document,
                                               MoatThreat          *threat,
                                               const char          *property_name,
                                               const char          *title);
GtkWidget *moat_checklist_editor_get_item_row (MoatChecklistEditor *self,
                                               guint                position);

G_END_DECLS
