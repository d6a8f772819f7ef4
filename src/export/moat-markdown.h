/* moat-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-export-options.h"
#include "moat-image-export.h"

G_BEGIN_DECLS

/* The diagram images of a review document. Initialise with
 * moat_markdown_images_init(), which writes none. */
typedef struct
{
  /* The start of each image's file name, normally the review document's
   * file name without its folder and extension, or %NULL for a document
   * without images. Borrowed for the duration of the export call. */
  const char *prefix;

  /* Which images to write: the document shows the SVG when there is one,
   * and links to the PNG. */
  gboolean svg;
  gboolean png;

  MoatImageOptions image_options;
} MoatMarkdownImages;

void    moat_markdown_images_init   (MoatMarkdownImages         *images);

char   *moat_markdown_export        (MoatDocument               *document,
                                     const MoatExportOptions    *options,
                                     const MoatMarkdownImages   *images,
                                     GPtrArray                 **image_files,
                                     GError                    **error);
void    moat_markdown_append_text   (GString                    *out,
                                     const char                 *text);

G_END_DECLS
