/* moat-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-diagram.h"
#include "moat-threat.h"

G_BEGIN_DECLS

#define MOAT_TYPE_DOCUMENT (moat_document_get_type ())

G_DECLARE_FINAL_TYPE (MoatDocument, moat_document, MOAT, DOCUMENT, GObject)

MoatDocument *moat_document_new                  (void);
MoatDocument *moat_document_new_with_diagram     (const char    *diagram_name);

GFile        *moat_document_get_file             (MoatDocument  *self);
void          moat_document_set_file             (MoatDocument  *self,
                                                  GFile         *file);
char         *moat_document_dup_display_name     (MoatDocument  *self);

const char   *moat_document_get_title            (MoatDocument  *self);
const char   *moat_document_get_text             (MoatDocument  *self,
                                                  const char    *property_name);
const char * const *moat_document_get_reviewers  (MoatDocument  *self);
const char * const *moat_document_get_compliance (MoatDocument  *self);
const char * const *moat_document_get_contributors (MoatDocument *self);
const char * const *moat_document_get_rule_files (MoatDocument *self);
guint         moat_document_get_next_threat_number (MoatDocument *self);

GPtrArray    *moat_document_get_diagrams         (MoatDocument  *self);
GPtrArray    *moat_document_get_threats          (MoatDocument  *self);
gpointer      moat_document_lookup               (MoatDocument  *self,
                                                  const char    *id);
MoatDiagram  *moat_document_get_diagram_of       (MoatDocument  *self,
                                                  MoatItem      *item);
GPtrArray    *moat_document_get_threats_for      (MoatDocument  *self,
                                                  const char    *target_id);
MoatElement  *moat_document_get_flow_source      (MoatDocument  *self,
                                                  MoatFlow      *flow);
MoatElement  *moat_document_get_flow_target      (MoatDocument  *self,
                                                  MoatFlow      *flow);

/* Changes. Each call below is one undoable step unless it happens inside
 * a group, which makes the whole group one step. */
void          moat_document_begin_group          (MoatDocument  *self,
                                                  const char    *label);
void          moat_document_end_group            (MoatDocument  *self);
void          moat_document_cancel_group         (MoatDocument  *self);
void          moat_document_set                  (MoatDocument  *self,
                                                  gpointer       object,
                                                  const char    *first_property_name,
                                                  ...) G_GNUC_NULL_TERMINATED;
void          moat_document_set_value            (MoatDocument  *self,
                                                  gpointer       object,
                                                  const char    *property_name,
                                                  const GValue  *value);
void          moat_document_add_diagram          (MoatDocument  *self,
                                                  MoatDiagram   *diagram);
void          moat_document_remove_diagram       (MoatDocument  *self,
                                                  MoatDiagram   *diagram);
void          moat_document_move_diagram         (MoatDocument  *self,
                                                  MoatDiagram   *diagram,
                                                  guint          position);
void          moat_document_add_item             (MoatDocument  *self,
                                                  MoatDiagram   *diagram,
                                                  MoatItem      *item);
void          moat_document_remove_items         (MoatDocument  *self,
                                                  MoatItem     **items,
                                                  guint          n_items);
void          moat_document_add_threat           (MoatDocument  *self,
                                                  MoatThreat    *threat);
void          moat_document_remove_threat        (MoatDocument  *self,
                                                  MoatThreat    *threat);

gboolean      moat_document_can_undo             (MoatDocument  *self);
gboolean      moat_document_can_redo             (MoatDocument  *self);
const char   *moat_document_get_undo_label       (MoatDocument  *self);
const char   *moat_document_get_redo_label       (MoatDocument  *self);
gboolean      moat_document_undo                 (MoatDocument  *self);
gboolean      moat_document_redo                 (MoatDocument  *self);
gboolean      moat_document_get_modified         (MoatDocument  *self);
void          moat_document_mark_saved           (MoatDocument  *self);
void          moat_document_mark_unsaved         (MoatDocument  *self);

G_END_DECLS
