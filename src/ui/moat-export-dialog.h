/* moat-export-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-document.h"
#include "moat-export.h"

G_BEGIN_DECLS

#define MOAT_TYPE_EXPORT_DIALOG (moat_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MoatExportDialog, moat_export_dialog, MOAT, EXPORT_DIALOG, AdwWindow)

MoatExportDialog *moat_export_dialog_new            (GtkWindow          *parent,
                                                     MoatDocument       *document,
                                                     MoatDiagram        *current_diagram);
MoatExportFormat  moat_export_dialog_get_format     (MoatExportDialog   *self);
void              moat_export_dialog_get_request    (MoatExportDialog   *self,
                                                     MoatExportRequest  *request);
gboolean          moat_export_dialog_export_to_file (MoatExportDialog   *self,
                                                     GFile              *file,
                                                     GError            **error);

G_END_DECLS
