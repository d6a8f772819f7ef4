/* moat-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "moat-crossings.h"
#include "moat-document.h"
#include "moat-render-index.h"

G_BEGIN_DECLS

/* Shared by the canvas and image export, so both draw with one look. */
#define MOAT_RENDER_FONT           "Cantarell, Sans 10"
#define MOAT_RENDER_GRID_SIZE      20.0
#define MOAT_RENDER_HIT_TOLERANCE  4.0

/* Below this scale a name is under 4 pixels tall: unreadable, and costly
 * to lay out by the thousand, so the canvas leaves text out. */
#define MOAT_RENDER_TEXT_MIN_SCALE 0.3

/* Below this scale an element of the usual 120 units is under 18 pixels
 * wide and a 1.5-unit line under a quarter of a pixel, so the canvas
 * draws plain shapes batched by style. */
#define MOAT_RENDER_DETAIL_MIN_SCALE 0.15

/**
 * MoatRenderOptions:
 * @visible: the area to draw, in diagram coordinates. Items whose extents
 *   miss it are skipped. A width or height of 0 or less draws everything.
 * @dark: whether to use the dark palette
 * @draw_background: whether to paint the background first
 * @show_grid: whether to draw the grid lines over @visible
 * @grid_size: the grid spacing in diagram units
 * @crossings: (nullable): the diagram's boundary crossings as computed
 *   for its current geometry, for a caller that keeps them between
 *   frames; %NULL computes them for this call
 * @hidden: (nullable) (element-type MoatItem): items not to draw, such
 *   as those a drag moves, which the canvas draws apart
 * @only: (nullable) (element-type MoatItem): if set, the only items to
 *   draw
 * @text_min_scale: the scale below which text is left out and threat
 *   badges shrink to dots of their severity's colour, or 0 to draw text
 *   at any scale, as exports do
 * @detail_min_scale: the scale below which items are drawn as plain
 *   shapes batched by style, without arrowheads or crossing marks, or 0
 *   for full detail at any scale
 * @show_review_progress: whether to mark each in-scope data flow whose
 *   STRIDE review is incomplete with the number of categories reviewed
 * @index: (nullable): the index of the diagram drawn, for a caller that
 *   draws many frames: culling then looks only at the items filed
 *   around @visible, and the slots of parallel flows and the text
 *   layouts are kept between calls. %NULL walks every item.
 *
 * How moat_render_diagram() draws. Selection and hover are not part of
 * it: the canvas draws them on top.
 */
typedef struct
{
  MoatRect visible;
  gboolean dark;
  gboolean draw_background;
  gboolean show_grid;
  double grid_size;
  MoatCrossings *crossings;
  GHashTable *hidden;
  GHashTable *only;
  double text_min_scale;
  double detail_min_scale;
  gboolean show_review_progress;
  MoatRenderIndex *index;
} MoatRenderOptions;

/**
 * MoatFlowGeometry:
 * @start: where the line leaves the source's outline, or the first bend
 *   point when the source is missing
 * @end: where the line meets the target's outline, or the last bend point
 *   when the target is missing
 * @handle1: for a loop, the cubic Bézier control point after @start,
 *   otherwise @start
 * @handle2: for a loop, the control point before @end, otherwise @end
 * @label_center: the centre of the label, with the threat badge below it
 * @loop: whether the flow goes from an element back to itself with no
 *   bend points, drawn as a curve out of the element's top right
 * @vertices: the bend points between @start and @end, borrowed from the
 *   flow, so valid until the flow changes
 * @n_vertices: the number of @vertices
 * @first_vertex: the index in the flow's bend points of @vertices[0],
 *   which is 1 when the first bend point replaces a missing source
 *
 * Where a flow is drawn, in diagram coordinates. The line runs from
 * @start through @vertices to @end.
 */
typedef struct
{
  MoatPoint start;
  MoatPoint end;
  MoatPoint handle1;
  MoatPoint handle2;
  MoatPoint label_center;
  gboolean loop;
  const MoatPoint *vertices;
  guint n_vertices;
  guint first_vertex;
} MoatFlowGeometry;

void      moat_render_options_init         (MoatRenderOptions *options);

guint     moat_render_diagram              (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            cairo_t                 *cr,
                                            const MoatRenderOptions *options);

gboolean  moat_render_get_flow_geometry    (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            MoatFlow                *flow,
                                            MoatFlowGeometry        *geometry);
void      moat_flow_geometry_sample        (const MoatFlowGeometry  *geometry,
                                            MoatPoint               *points,
                                            guint                    n_points);
guint     moat_flow_geometry_get_n_points  (const MoatFlowGeometry  *geometry);
void      moat_flow_geometry_get_points    (const MoatFlowGeometry  *geometry,
                                            MoatPoint               *points);
MoatPoint moat_flow_geometry_get_point_at  (const MoatFlowGeometry  *geometry,
                                            double                   fraction);
double    moat_flow_geometry_project       (const MoatFlowGeometry  *geometry,
                                            MoatPoint                point,
                                            double                  *distance,
                                            guint                   *segment);
gboolean  moat_render_get_flow_label_rect  (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            MoatFlow                *flow,
                                            MoatRect                *rect);
gboolean  moat_render_get_boundary_label_rect (MoatBoundary         *boundary,
                                            MoatRect                *rect);
gboolean  moat_render_get_item_extents     (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            MoatItem                *item,
                                            MoatRect                *extents);
gboolean  moat_render_get_diagram_extents  (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            MoatRect                *extents);
gboolean  moat_render_is_name_ellipsized   (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            MoatItem                *item);

MoatItem *moat_render_hit_test             (MoatDocument            *document,
                                            MoatDiagram             *diagram,
                                            double                   x,
                                            double                   y,
                                            double                   tolerance);

G_END_DECLS
