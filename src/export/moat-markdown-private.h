/* moat-markdown-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-crossings.h"
#include "moat-enums.h"
#include "moat-markdown.h"

G_BEGIN_DECLS

/* Stands in for empty text, so that no table cell or field is blank. */
#define MOAT_MARKDOWN_EMPTY_TEXT "—"

typedef struct _MoatMarkdownThreatIndex MoatMarkdownThreatIndex;

/* The state of one review document being written. */
typedef struct
{
  MoatDocument *document;
  const MoatExportOptions *options;
  MoatExportSelection *selection;
  GString *out;

  /* (element-type MoatCrossings): the crossings of each selected diagram,
   * in the order of selection->diagrams */
  GPtrArray *crossings;

  /* The selected threats of each target id, in the order of
   * selection->threats */
  MoatMarkdownThreatIndex *threat_index;

  /* (element-type utf8 utf8): translations by the address of their
   * message id, see translate() in moat-markdown.c */
  GHashTable *translations;

  /* (element-type utf8): the impact text of each combination of
   * confidentiality, integrity and availability levels, see
   * get_impact_text() in moat-markdown.c */
  GPtrArray *impact_texts;

  /* The translated labels that every threat shows, looked up once per
   * document because each gettext call takes a lock. */
  const char *level_labels[MOAT_LEVEL_HIGH + 1];
  const char *severity_labels[MOAT_SEVERITY_CRITICAL + 1];
  const char *status_labels[MOAT_THREAT_STATUS_TRANSFERRED + 1];
  const char *stride_labels[MOAT_N_STRIDE_CATEGORIES];
  const char *kind_labels[MOAT_ELEMENT_KIND_DATA_STORE + 1];
} MoatMarkdownWriter;

gboolean       moat_markdown_is_blank             (const char          *text);
void           moat_markdown_append_multiline     (GString             *out,
                                                   const char          *text,
                                                   const char          *indent);

void           moat_markdown_write_heading        (MoatMarkdownWriter  *writer,
                                                   guint                level,
                                                   const char          *text);
void           moat_markdown_write_paragraph      (MoatMarkdownWriter  *writer,
                                                   const char          *text);
void           moat_markdown_begin_field          (MoatMarkdownWriter  *writer,
                                                   const char          *label);
void           moat_markdown_write_text_field     (MoatMarkdownWriter  *writer,
                                                   const char          *label,
                                                   const char          *text);
void           moat_markdown_write_list_field     (MoatMarkdownWriter  *writer,
                                                   const char          *label,
                                                   const char * const  *values);
void           moat_markdown_write_table_header   (MoatMarkdownWriter  *writer,
                                                   const char * const  *cells,
                                                   guint                n_cells,
                                                   guint                first_numeric);
void           moat_markdown_write_table_row      (MoatMarkdownWriter  *writer,
                                                   const char * const  *cells,
                                                   guint                n_cells);

MoatCrossings *moat_markdown_get_crossings        (MoatMarkdownWriter  *writer,
                                                   MoatFlow            *flow);

void           moat_markdown_write_summary        (MoatMarkdownWriter  *writer);
void           moat_markdown_write_legend         (MoatMarkdownWriter  *writer);

G_END_DECLS
