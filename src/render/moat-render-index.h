/* moat-render-index.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RENDER_INDEX (moat_render_index_get_type ())

G_DECLARE_FINAL_TYPE (MoatRenderIndex, moat_render_index, MOAT, RENDER_INDEX, GObject)

MoatRenderIndex *moat_render_index_new          (MoatDocument    *document,
                                                 MoatDiagram     *diagram);
MoatDocument    *moat_render_index_get_document (MoatRenderIndex *self);
MoatDiagram     *moat_render_index_get_diagram  (MoatRenderIndex *self);
void             moat_render_index_invalidate   (MoatRenderIndex *self);
guint            moat_render_index_get_n_builds (MoatRenderIndex *self);
void             moat_render_index_query        (MoatRenderIndex *self,
                                                 const MoatRect  *area,
                                                 GPtrArray       *boundaries,
                                                 GPtrArray       *flows,
                                                 GPtrArray       *elements);
MoatItem        *moat_render_index_hit_test     (MoatRenderIndex *self,
                                                 double           x,
                                                 double           y,
                                                 double           tolerance);

G_END_DECLS
