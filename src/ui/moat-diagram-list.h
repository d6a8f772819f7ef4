/* moat-diagram-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_DIAGRAM_LIST (moat_diagram_list_get_type ())

G_DECLARE_FINAL_TYPE (MoatDiagramList, moat_diagram_list, MOAT, DIAGRAM_LIST, GtkWidget)

GtkWidget    *moat_diagram_list_new          (void);
MoatDocument *moat_diagram_list_get_document (MoatDiagramList *self);
void          moat_diagram_list_set_document (MoatDiagramList *self,
                                              MoatDocument    *document);
MoatDiagram  *moat_diagram_list_get_diagram  (MoatDiagramList *self);
void          moat_diagram_list_set_diagram  (MoatDiagramList *self,
                                              MoatDiagram     *diagram);

G_END_DECLS
