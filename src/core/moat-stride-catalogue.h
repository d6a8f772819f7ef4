/* moat-stride-catalogue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-enums.h"

G_BEGIN_DECLS

#define MOAT_TYPE_STRIDE_CATALOGUE (moat_stride_catalogue_get_type ())
#define MOAT_STRIDE_CATALOGUE_ERROR (moat_stride_catalogue_error_quark ())

G_DECLARE_FINAL_TYPE (MoatStrideCatalogue, moat_stride_catalogue, MOAT, STRIDE_CATALOGUE, GObject)

typedef enum
{
  MOAT_STRIDE_CATALOGUE_ERROR_INVALID,
} MoatStrideCatalogueError;

/* One detection pattern: something the reviewer looks for in a flow. The
 * texts are translated. */
typedef struct
{
  char *id;
  char *title;
  char *description;
  MoatStrideCategory category;
} MoatStridePattern;

GQuark                   moat_stride_catalogue_error_quark    (void);
MoatStrideCatalogue     *moat_stride_catalogue_new_from_file  (GFile               *file,
                                                               GError             **error);
MoatStrideCatalogue     *moat_stride_catalogue_new_default    (GError             **error);
const char              *moat_stride_catalogue_get_question   (MoatStrideCatalogue *self,
                                                               MoatStrideCategory   category);
guint                    moat_stride_catalogue_get_n_patterns (MoatStrideCatalogue *self,
                                                               MoatStrideCategory   category);
const MoatStridePattern *moat_stride_catalogue_get_pattern    (MoatStrideCatalogue *self,
                                                               MoatStrideCategory   category,
                                                               guint                position);
const MoatStridePattern *moat_stride_catalogue_lookup_pattern (MoatStrideCatalogue *self,
                                                               const char          *id);
const char * const      *moat_stride_catalogue_get_mitigations (MoatStrideCatalogue *self,
                                                                MoatStrideCategory  category);

G_END_DECLS
