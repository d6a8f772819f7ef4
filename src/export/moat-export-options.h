/* moat-export-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_EXPORT_ERROR (moat_export_error_quark ())

typedef enum
{
  MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM,
  MOAT_EXPORT_ERROR_EMPTY_DIAGRAM,
  MOAT_EXPORT_ERROR_TOO_LARGE,
  MOAT_EXPORT_ERROR_MODEL_FILE,
  MOAT_EXPORT_ERROR_FAILED,
} MoatExportError;

typedef enum
{
  MOAT_EXPORT_SORT_BY_NUMBER,
  MOAT_EXPORT_SORT_BY_SEVERITY,
} MoatExportSort;

/* What an export contains: the review document, the threat register and
 * the diagram images all follow it. Initialise with
 * moat_export_options_init(), which includes everything. The strings are
 * borrowed for the duration of the export call. */
typedef struct
{
  gboolean include_mitigated;
  gboolean include_accepted;
  gboolean include_transferred;
  gboolean include_out_of_scope;
  MoatExportSort sort;

  /* The id or name of the only diagram to export, or %NULL for all
   * diagrams. An id is matched before a name. */
  const char *diagram;

  /* The export date printed in the review document and the register, or
   * %NULL for today's local date as YYYY-MM-DD. Tests pass a fixed date. */
  const char *date;
} MoatExportOptions;

/* The diagrams and threats that a set of options includes, borrowed from
 * the document, which must outlive the selection. */
typedef struct
{
  MoatDocument *document;
  const MoatExportOptions *options;

  /* (element-type MoatDiagram): in document order */
  GPtrArray *diagrams;

  /* (element-type MoatThreat): in output order */
  GPtrArray *threats;
} MoatExportSelection;

/* A file that an export writes next to its main output, such as the
 * diagram images of a review document. */
typedef struct
{
  /* A file name without a folder, relative to the main output. */
  char *name;
  GBytes *bytes;
} MoatExportFile;

GQuark               moat_export_error_quark          (void);

MoatExportFile      *moat_export_file_new             (const char               *name,
                                                       GBytes                   *bytes);
void                 moat_export_file_free            (MoatExportFile           *file);

void                 moat_export_options_init         (MoatExportOptions        *options);

MoatExportSelection *moat_export_selection_new        (MoatDocument             *document,
                                                       const MoatExportOptions  *options,
                                                       GError                  **error);
void                 moat_export_selection_free       (MoatExportSelection      *selection);
gboolean             moat_export_selection_has_threat (MoatExportSelection      *selection,
                                                       MoatThreat               *threat);

gboolean             moat_export_is_flow_out_of_scope (MoatDocument             *document,
                                                       MoatFlow                 *flow);
char                *moat_export_dup_date             (const MoatExportOptions  *options);
char                *moat_export_dup_category_label   (MoatThreat               *threat);
char                *moat_export_dup_file_slug        (const char               *name,
                                                       const char               *fallback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatExportSelection, moat_export_selection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatExportFile, moat_export_file_free)

G_END_DECLS
