/* moat-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_MARKDOWN_ERROR (moat_markdown_error_quark ())

typedef enum
{
  MOAT_MARKDOWN_ERROR_UNKNOWN_DIAGRAM,
} MoatMarkdownError;

typedef enum
{
  MOAT_MARKDOWN_SORT_BY_NUMBER,
  MOAT_MARKDOWN_SORT_BY_SEVERITY,
} MoatMarkdownSort;

/* What the review document contains. Initialise with
 * moat_markdown_options_init(), which includes everything. The strings are
 * borrowed for the duration of the export call. */
typedef struct
{
  gboolean include_mitigated;
  gboolean include_accepted;
  gboolean include_transferred;
  gboolean include_out_of_scope;
  MoatMarkdownSort sort;

  /* The id of the only diagram to export, or %NULL for all diagrams. */
  const char *diagram_id;

  /* The export date printed in the metadata, or %NULL for today's local
   * date as YYYY-MM-DD. Tests pass a fixed date. */
  const char *date;
} MoatMarkdownOptions;

GQuark  moat_markdown_error_quark   (void);

void    moat_markdown_options_init  (MoatMarkdownOptions        *options);
char   *moat_markdown_export        (MoatDocument               *document,
                                     const MoatMarkdownOptions  *options,
                                     GError                    **error);
void    moat_markdown_append_text   (GString                    *out,
                                     const char                 *text);

G_END_DECLS
