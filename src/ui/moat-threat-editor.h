/* moat-threat-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREAT_EDITOR (moat_threat_editor_get_type ())

G_DECLARE_FINAL_TYPE (MoatThreatEditor, moat_threat_editor, MOAT, THREAT_EDITOR, GtkWidget)

GtkWidget  *moat_threat_editor_new         (MoatDocument     *document,
                                            MoatThreat       *threat);
MoatThreat *moat_threat_editor_get_threat  (MoatThreatEditor *self);
void        moat_threat_editor_focus_title (MoatThreatEditor *self);

G_END_DECLS
