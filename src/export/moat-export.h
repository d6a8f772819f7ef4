/* moat-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-markdown.h"

G_BEGIN_DECLS

/* The formats of `moat export` and of the Export dialog, in the order both
 * list them. */
typedef enum
{
  MOAT_EXPORT_FORMAT_MARKDOWN,
  MOAT_EXPORT_FORMAT_CSV,
  MOAT_EXPORT_FORMAT_JSON,
  MOAT_EXPORT_FORMAT_SVG,
  MOAT_EXPORT_FORMAT_PNG,
  MOAT_EXPORT_FORMAT_PDF,
  MOAT_EXPORT_FORMAT_THREAT_DRAGON,
} MoatExportFormat;

#define MOAT_N_EXPORT_FORMATS (MOAT_EXPORT_FORMAT_THREAT_DRAGON + 1)

/* One export: what to include, the images and their drawing, and the CSV
 * formula guard. Only the parts a format uses matter. Initialise with
 * moat_export_request_init(). */
typedef struct
{
  MoatExportOptions options;

  /* The review document's images; images.prefix is set from the output
   * file name by moat_export_run(). */
  MoatMarkdownImages images;

  gboolean guard_formulas;
} MoatExportRequest;

void         moat_export_request_init           (MoatExportRequest        *request);

const char  *moat_export_format_get_name        (MoatExportFormat          format);
const char  *moat_export_format_get_extension   (MoatExportFormat          format);
const char  *moat_export_format_get_media_type  (MoatExportFormat          format);
gboolean     moat_export_format_from_name       (const char               *name,
                                                 MoatExportFormat         *format);

gboolean     moat_export_run                    (MoatDocument             *document,
                                                 MoatExportFormat          format,
                                                 const MoatExportRequest  *request,
                                                 const char               *output_name,
                                                 GBytes                  **bytes,
                                                 GPtrArray                *files,
                                                 GError                  **error);
gboolean     moat_export_save                   (GFile                    *output,
                                                 GBytes                   *bytes,
                                                 GPtrArray                *files,
                                                 GFile                    *model_file,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
gboolean     moat_export_is_same_file           (GFile                    *a,
                                                 GFile                    *b);

G_END_DECLS
