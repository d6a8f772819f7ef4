/* moat-markdown-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

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

  /* (element-type ListedFlow): the flows that the document lists, see
   * list_flows() in moat-markdown.c */
  GArray *listed_flows;

  /* (element-type utf8 utf8): translations by the address of their
   * message id, see translate() in moat-markdown.c */
  GHashTable *translations;

  /* (element-type utf8 utf8): labels and other texts that live until the
   * export ends, by their address, escaped as a table cell */
  GHashTable *escaped_cells;

  /* The labels that every threat section and review row repeat, escaped
   * once per document. Their strings belong to escaped_texts. */
  GStringChunk *escaped_texts;
  const char **threat_labels;
  const char *stride_cells[MOAT_N_STRIDE_CATEGORIES];
  const char *severity_cells[MOAT_SEVERITY_CRITICAL + 1];
  const char *review_state_cells[MOAT_REVIEW_THREATS_RECORDED + 1];
  const char *empty_cell;
  const char *stride_values[MOAT_N_STRIDE_CATEGORIES];
  const char *level_values[MOAT_LEVEL_HIGH + 1];
  const char *severity_values[MOAT_SEVERITY_CRITICAL + 1];
  const char *status_values[MOAT_THREAT_STATUS_TRANSFERRED + 1];

  /* Reused for the cells built from several parts of a threat, so that
   * each row needs no allocation. */
  GString *title_cell;
  GString *mitigation_cell;

  /* (element-type utf8): the impact field value of each combination of
   * confidentiality, integrity and availability levels, escaped, see
   * get_impact_value() in moat-markdown.c */
  GPtrArray *impact_texts;

  /* (element-type utf8): the review summary of a flow with each number
   * of reviewed STRIDE categories, see get_review_summary() in
   * moat-markdown.c */
  GPtrArray *review_summaries;

  /* The translated labels that every threat shows, looked up once per
   * document because each gettext call takes a lock. */
  const char *level_labels[MOAT_LEVEL_HIGH + 1];
  const char *severity_labels[MOAT_SEVERITY_CRITICAL + 1];
  const char *status_labels[MOAT_THREAT_STATUS_TRANSFERRED + 1];
  const char *stride_labels[MOAT_N_STRIDE_CATEGORIES];
  const char *kind_labels[MOAT_ELEMENT_KIND_DATA_STORE + 1];
} MoatMarkdownWriter;

/* Appends @length bytes to @out. In GLib 2.74 g_string_append_len() is a
 * call to g_string_insert_len(), and the export appends millions of short
 * runs, so a run that fits in the allocated buffer is copied inline. */
static inline void
moat_markdown_append_len (GString    *out,
                          const char *bytes,
                          gsize       length)
{
  if (length < out->allocated_len - out->len)
    {
      memcpy (out->str + out->len, bytes, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, bytes, length);
}

static inline void
moat_markdown_append (GString    *out,
                      const char *text)
{
  moat_markdown_append_len (out, text, strlen (text));
}

/* Appends a string literal without measuring it at run time. */
#define moat_markdown_append_literal(out, literal) \
  moat_markdown_append_len ((out), "" literal, sizeof (literal) - 1)

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

void           moat_markdown_write_summary        (MoatMarkdownWriter  *writer);
void           moat_markdown_write_legend         (MoatMarkdownWriter  *writer);

G_END_DECLS
