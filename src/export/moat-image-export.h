/* moat-image-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-export-options.h"

G_BEGIN_DECLS

typedef enum
{
  MOAT_IMAGE_FORMAT_SVG,
  MOAT_IMAGE_FORMAT_PNG,
  MOAT_IMAGE_FORMAT_PDF,
} MoatImageFormat;

typedef enum
{
  MOAT_PAGE_SIZE_A4,
  MOAT_PAGE_SIZE_LETTER,
} MoatPageSize;

#define MOAT_IMAGE_MIN_SCALE 0.25
#define MOAT_IMAGE_MAX_SCALE 8.0

/* How a diagram image is drawn. Initialise with moat_image_options_init(). */
typedef struct
{
  /* PNG pixels per diagram unit, from MOAT_IMAGE_MIN_SCALE to
   * MOAT_IMAGE_MAX_SCALE. SVG and PDF are vector formats and ignore it. */
  double scale;

  /* Space around the drawing, in diagram units. */
  double margin;

  /* Whether to use the dark palette of the canvas. */
  gboolean dark;

  /* The paper of a PDF page. The orientation follows the diagram. */
  MoatPageSize page_size;
} MoatImageOptions;

void         moat_image_options_init          (MoatImageOptions        *options);

GBytes      *moat_image_export                (MoatDocument            *document,
                                               GPtrArray               *diagrams,
                                               MoatImageFormat          format,
                                               const MoatImageOptions  *options,
                                               GError                 **error);

gboolean     moat_image_format_from_name      (const char              *name,
                                               MoatImageFormat         *format);
const char  *moat_image_format_get_extension  (MoatImageFormat          format);

char       **moat_image_dup_file_names        (GPtrArray               *diagrams,
                                               const char              *prefix,
                                               MoatImageFormat          format);

G_END_DECLS
