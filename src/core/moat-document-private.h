/* moat-document-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-document.h"

G_BEGIN_DECLS

/* Building a document from a file: these skip the history, because a
 * freshly loaded document has nothing to undo. The loader has already
 * checked ids and references. */
void moat_document_append_diagram_internal     (MoatDocument *self,
                                                MoatDiagram  *diagram);
void moat_document_append_item_internal        (MoatDocument *self,
                                                MoatDiagram  *diagram,
                                                MoatItem     *item);
void moat_document_append_threat_internal      (MoatDocument *self,
                                                MoatThreat   *threat);
void moat_document_set_next_threat_number_internal (MoatDocument *self,
                                                    guint         number);

G_END_DECLS
