/* moat-render-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "moat-render.h"
#include "moat-render-index.h"

G_BEGIN_DECLS

/* Layout constants, in diagram units. */
#define FLOW_SPACING          20.0   /* between parallel flows of one pair of elements */
#define FLOW_LABEL_MAX_WIDTH  150.0
#define FLOW_LABEL_MAX_LINES  2
#define LABEL_PADDING_X       6.0
#define LABEL_PADDING_Y       2.0
#define BADGE_PADDING_X       5.0
#define BADGE_PADDING_Y       1.0
#define BADGE_GAP             3.0
#define ARROW_LENGTH          10.0
#define ARROW_HALF_WIDTH      4.5
#define LOOP_REACH            48.0   /* handle length of a flow from an element to itself */
#define BOUNDARY_RADIUS       10.0
#define BOUNDARY_LABEL_INSET  8.0
#define CAPTION_GAP           3.0
#define TEXT_INSET            8.0
#define CROSSING_MARK_RADIUS  6.0

/* How far a label, caption or threat badge can reach past an item's
 * shape or line: the widest flow label, which is more than any badge. */
#define CULL_MARGIN           (FLOW_LABEL_MAX_WIDTH + 2 * LABEL_PADDING_X)

typedef enum
{
  MOAT_TEXT_NAME,
  MOAT_TEXT_LABEL,
  MOAT_TEXT_BOUNDARY,
  MOAT_TEXT_BADGE,
  MOAT_TEXT_CAPTION,
  MOAT_N_TEXT_STYLES
} MoatTextStyle;

/* One PangoContext and the fonts of every text style, with the sizes of
 * the texts measured so far: a flow's label is placed, then measured
 * again to place its badge. A render or hit test call builds one, or
 * borrows the one a MoatRenderIndex keeps between calls, which also
 * keeps the layouts it made when @layouts is set. */
typedef struct
{
  PangoContext *context;
  PangoFontDescription *fonts[MOAT_N_TEXT_STYLES];
  GHashTable *sizes;
  GHashTable *layouts;
} MoatRenderText;

/* Which of the parallel flows between one pair of elements a flow is, as
 * a slot: the offset from the centre line is slot × FLOW_SPACING / 2. */
typedef struct
{
  GHashTable *slots;
} MoatFlowSlots;

void         moat_render_text_init            (MoatRenderText          *text,
                                              cairo_t                 *cr);
void         moat_render_text_clear           (MoatRenderText          *text);
void         moat_render_text_keep_layouts    (MoatRenderText          *text);
PangoLayout *moat_render_layout_new           (MoatRenderText          *text,
                                              MoatTextStyle            style,
                                              const char              *string,
                                              double                   width,
                                              double                   height);
void         moat_render_layout_get_size      (PangoLayout             *layout,
                                              double                  *width,
                                              double                  *height);
void         moat_render_measure_text         (MoatRenderText          *text,
                                              MoatTextStyle            style,
                                              const char              *string,
                                              double                   max_width,
                                              double                   max_height,
                                              double                  *width,
                                              double                  *height);
double       moat_render_measure_overflow     (MoatRenderText          *text,
                                              MoatTextStyle            style,
                                              const char              *string,
                                              double                   max_width,
                                              double                   max_height);

void         moat_flow_slots_init             (MoatFlowSlots           *slots,
                                              MoatDiagram             *diagram);
void         moat_flow_slots_init_for         (MoatFlowSlots           *slots,
                                              MoatDiagram             *diagram,
                                              GHashTable              *only);
void         moat_flow_slots_init_from        (MoatFlowSlots           *slots,
                                              GPtrArray               *flows,
                                              GHashTable              *only);
void         moat_flow_slots_clear            (MoatFlowSlots           *slots);
gboolean     moat_render_get_flow_reach       (MoatDocument            *document,
                                              MoatFlow                *flow,
                                              MoatRect                *reach);
gboolean     moat_flow_geometry_compute       (MoatDocument            *document,
                                              MoatFlowSlots           *slots,
                                              MoatFlow                *flow,
                                              MoatFlowGeometry        *geometry);

gboolean     moat_render_get_threat_summary   (MoatDocument            *document,
                                              const char              *target_id,
                                              guint                   *n_open,
                                              MoatSeverity            *highest);
char        *moat_render_dup_badge_text       (guint                    n_open,
                                              MoatSeverity             highest);

gboolean     moat_render_flow_label_rect      (MoatRenderText          *text,
                                              MoatFlow                *flow,
                                              const MoatFlowGeometry  *geometry,
                                              MoatRect                *rect);
gboolean     moat_render_flow_caption_rect    (MoatRenderText          *text,
                                              MoatFlow                *flow,
                                              const MoatFlowGeometry  *geometry,
                                              MoatRect                *rect);
gboolean     moat_render_flow_badge_rect      (MoatRenderText          *text,
                                              MoatDocument            *document,
                                              MoatFlow                *flow,
                                              const MoatFlowGeometry  *geometry,
                                              MoatRect                *rect);
gboolean     moat_render_flow_review_rect     (MoatRenderText          *text,
                                              MoatFlow                *flow,
                                              const MoatFlowGeometry  *geometry,
                                              char                   **string,
                                              MoatRect                *rect);
void         moat_render_get_element_drawn_extents (MoatRenderText     *text,
                                              MoatDocument            *document,
                                              MoatElement             *element,
                                              const MoatRect          *bounds,
                                              MoatRect                *extents);
void         moat_render_get_flow_drawn_extents (MoatRenderText        *text,
                                              MoatDocument            *document,
                                              MoatFlow                *flow,
                                              const MoatRect          *line,
                                              MoatPoint                label_center,
                                              gboolean                 show_review_progress,
                                              MoatRect                *extents);
gboolean     moat_render_element_badge_rect   (MoatRenderText          *text,
                                              MoatDocument            *document,
                                              MoatElement             *element,
                                              MoatRect                *rect);
gboolean     moat_render_element_caption_rect (MoatRenderText          *text,
                                              MoatElement             *element,
                                              MoatRect                *rect);
gboolean     moat_render_boundary_label_rect  (MoatRenderText          *text,
                                              MoatBoundary            *boundary,
                                              MoatRect                *rect);
void         moat_render_element_text_area    (MoatElement             *element,
                                              MoatRect                *area);
void         moat_render_element_name_area    (MoatElement             *element,
                                              MoatRect                *area);
double       moat_render_polyline_length      (const MoatPoint         *points,
                                              guint                    n_points);
void         moat_render_add_frame_crossings  (MoatBoundary            *boundary,
                                              const MoatPoint         *points,
                                              guint                    n_points,
                                              GArray                  *crossings);

MoatItem    *moat_render_hit_test_items       (MoatRenderText          *text,
                                              MoatDocument            *document,
                                              MoatDiagram             *diagram,
                                              MoatFlowSlots           *slots,
                                              MoatRenderIndex         *index,
                                              GPtrArray               *boundaries,
                                              GPtrArray               *flows,
                                              GPtrArray               *elements,
                                              double                   x,
                                              double                   y,
                                              double                   tolerance);

MoatFlowSlots  *moat_render_index_get_slots     (MoatRenderIndex        *index);
const MoatRect *moat_render_index_get_item_rects (MoatRenderIndex       *index,
                                                 MoatItem               *item,
                                                 guint                  *n_rects);
gboolean        moat_render_index_sort_items    (MoatRenderIndex        *index,
                                                 GHashTable             *items,
                                                 GPtrArray              *boundaries,
                                                 GPtrArray              *flows,
                                                 GPtrArray              *elements);
gboolean        moat_render_index_get_flow_reach (MoatRenderIndex       *index,
                                                 MoatFlow               *flow,
                                                 MoatRect               *reach);
gboolean        moat_render_index_get_flow_geometry (MoatRenderIndex    *index,
                                                 MoatFlow               *flow,
                                                 MoatFlowGeometry       *geometry);
gboolean        moat_render_index_get_threat_summary (MoatRenderIndex  *index,
                                                      MoatItem         *item,
                                                      guint            *n_open,
                                                      MoatSeverity     *highest);
MoatRenderText *moat_render_index_get_draw_text (MoatRenderIndex        *index,
                                                 cairo_t                *cr);

typedef struct _MoatRenderIndexSnapshot MoatRenderIndexSnapshot;

/* An entry of a snapshot, as moat_render_index_snapshot_foreach() gives
 * it. */
typedef void (*MoatRenderEntryFunc) (MoatItem        *item,
                                     const MoatRect  *rects,
                                     guint            n_rects,
                                     const MoatPoint *label_center,
                                     gpointer         user_data);

MoatRenderIndexSnapshot *moat_render_index_take_snapshot     (MoatRenderIndex         *index);
void                     moat_render_index_snapshot_free     (MoatRenderIndexSnapshot *snapshot);
void                     moat_render_index_snapshot_add_ends (MoatRenderIndexSnapshot *snapshot,
                                                              GHashTable              *items,
                                                              GHashTable              *ends);
void                     moat_render_index_snapshot_foreach  (MoatRenderIndexSnapshot *snapshot,
                                                              GHashTable              *items,
                                                              GHashTable              *ends,
                                                              MoatRenderEntryFunc      func,
                                                              gpointer                 user_data);

G_END_DECLS
