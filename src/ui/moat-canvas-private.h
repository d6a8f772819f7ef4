/* moat-canvas-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-canvas.h"
#include "moat-render.h"
#include "moat-render-tiles.h"

G_BEGIN_DECLS

#define MOAT_CANVAS_ZOOM_MIN   0.1
#define MOAT_CANVAS_ZOOM_MAX   8.0
#define MOAT_CANVAS_ZOOM_STEP  1.25
/* Hit tolerance and handle size in screen pixels, whatever the zoom. */
#define MOAT_CANVAS_HIT_PIXELS     5.0
#define MOAT_CANVAS_HANDLE_PIXELS  8.0
/* A press this close inside an element's outline draws a flow from it. */
#define MOAT_CANVAS_EDGE_PIXELS    6.0

typedef enum
{
  MOAT_CANVAS_DRAG_NONE,
  MOAT_CANVAS_DRAG_PENDING,      /* pressed, not yet past the drag threshold */
  MOAT_CANVAS_DRAG_MOVE,
  MOAT_CANVAS_DRAG_RESIZE,
  MOAT_CANVAS_DRAG_RUBBER_BAND,
  MOAT_CANVAS_DRAG_CREATE,       /* with an element or boundary tool */
  MOAT_CANVAS_DRAG_FLOW,
  MOAT_CANVAS_DRAG_FLOW_END,     /* reconnecting one end of the selected flow */
  MOAT_CANVAS_DRAG_VERTEX,       /* moving a bend point of the selected flow */
  MOAT_CANVAS_DRAG_LABEL,        /* sliding a flow's label along its line */
  MOAT_CANVAS_DRAG_PAN,          /* Space held: the primary button pans */
} MoatCanvasDragMode;

/* A handle of the selected flow: its ends, its bend points, and the
 * middle of each segment, which a drag turns into a new bend point. */
typedef enum
{
  MOAT_CANVAS_FLOW_HANDLE_NONE,
  MOAT_CANVAS_FLOW_HANDLE_SOURCE,
  MOAT_CANVAS_FLOW_HANDLE_TARGET,
  MOAT_CANVAS_FLOW_HANDLE_VERTEX,
  MOAT_CANVAS_FLOW_HANDLE_MIDPOINT,
} MoatCanvasFlowHandle;

/* Which corner of the primary selection a resize drags. */
typedef enum
{
  MOAT_CANVAS_HANDLE_NONE,
  MOAT_CANVAS_HANDLE_TOP_LEFT,
  MOAT_CANVAS_HANDLE_TOP_RIGHT,
  MOAT_CANVAS_HANDLE_BOTTOM_LEFT,
  MOAT_CANVAS_HANDLE_BOTTOM_RIGHT,
} MoatCanvasHandle;

/* The state of the one pointer gesture in progress, in diagram
 * coordinates. */
typedef struct
{
  MoatCanvasDragMode mode;
  MoatPoint start;
  MoatPoint current;
  double start_widget_x;
  double start_widget_y;
  GdkModifierType state;
  gboolean moved;

  /* The item under the press, and whether it was selected before it. */
  MoatItem *pressed_item;
  gboolean pressed_was_selected;

  /* For a move or resize: the items changed, their bounds at the press,
   * and whether the document has an open group for this gesture. */
  GPtrArray *items;
  GArray *origins;
  MoatCanvasHandle handle;
  gboolean group_open;

  /* For a flow: the element under the pointer that would be the target,
   * or for a reconnection the new end. */
  MoatElement *flow_target;

  /* For a flow end, bend point or label: the flow, which end, which bend
   * point (an index into the flow's vertices), and the bend points at the
   * press. */
  MoatFlow *flow;
  MoatCanvasFlowHandle flow_handle;
  guint vertex;

  /* For a move: flows whose two ends both move, so their bend points
   * move along, with their bend points at the press. */
  GPtrArray *routed_flows;
  GPtrArray *routed_origins;
} MoatCanvasDrag;

struct _MoatCanvas
{
  GtkWidget parent_instance;

  MoatDocument *document;
  GSignalGroup *document_signals;
  MoatDiagram *diagram;

  MoatCanvasTool tool;
  GPtrArray *selection;
  MoatItem *hover;
  gboolean show_grid;
  gboolean snap_to_grid;
  double grid_size;
  gboolean dark;

  /* The diagram point shown at the widget's top left corner, and the
   * scale from diagram units to pixels. */
  double origin_x;
  double origin_y;
  double zoom;
  gboolean fit_pending;

  /* The last pointer position in widget coordinates, which Ctrl+wheel
   * zooms around, and the origin when a middle-button pan began. */
  double pointer_x;
  double pointer_y;
  double pan_origin_x;
  double pan_origin_y;

  /* Space held down, so that a primary button drag pans. */
  gboolean space_held;

  /* The zoom when a pinch began. */
  double pinch_zoom;

  /* GtkScrollable: the adjustments count pixels at the current zoom, and
   * the flag stops the canvas from reacting to its own updates. */
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  gboolean updating_adjustments;

  /* The spatial index of the diagram, which culling and hit testing
   * use, and the rendered diagram in tiles at the current zoom, each
   * with its texture. A frame renders only the tiles that come into
   * view; a document change or a new zoom level drops them all.
   * Selection, hover and gestures are drawn over them each frame. */
  MoatRenderIndex *index;
  MoatRenderTiles *tiles;

  /* While tiles of the view are missing, the tick callback that draws
   * the next frame, which renders more of them. Once the view is
   * complete, the idle source that renders the tiles around the view
   * it last rendered, so a pan finds them ready. */
  guint render_tick_id;
  guint prefetch_id;
  MoatRect rendered_view;

  /* The boundary crossings of the diagram, computed when first needed
   * after a change. A drag keeps those from its start, because computing
   * them takes a pass over the whole diagram for each pointer motion. */
  MoatCrossings *crossings;

  /* While a drag changes items: those items and the flows attached to
   * them. The scene leaves them out and stays cached for the whole drag,
   * and they are drawn apart each frame, so a drag costs what it moves,
   * not the size of the diagram. */
  GHashTable *moving;

  /* F2: the popover with the entry that renames an item in place. */
  GtkWidget *rename_popover;
  GtkWidget *rename_entry;
  MoatItem *renaming;

  /* The right-click menu. */
  GtkWidget *context_menu;

  /* The #MoatCanvasItem child of each item exposed to assistive
   * technologies, and the idle source that brings them up to date. */
  GHashTable *item_widgets;
  guint accessible_sync_id;
  gboolean accessible_sync_waits;
  int allocated_width;
  int allocated_height;

  MoatCanvasDrag drag;
};

/* moat-canvas.c */
void      moat_canvas_invalidate_scene      (MoatCanvas      *self);
void      moat_canvas_scene_changed         (MoatCanvas      *self);
MoatCrossings *moat_canvas_get_crossings    (MoatCanvas      *self);
void      moat_canvas_notify_zoom           (MoatCanvas      *self);
gboolean  moat_canvas_is_selected           (MoatCanvas      *self,
                                             MoatItem        *item);
void      moat_canvas_set_selection         (MoatCanvas      *self,
                                             GPtrArray       *items);
void      moat_canvas_toggle_selected       (MoatCanvas      *self,
                                             MoatItem        *item);
void      moat_canvas_show_toast            (MoatCanvas      *self,
                                             const char      *title,
                                             gboolean         offer_undo);
void      moat_canvas_add_and_select        (MoatCanvas      *self,
                                             MoatItem        *item);
void      moat_canvas_add_element_at        (MoatCanvas      *self,
                                             MoatElementKind  kind,
                                             MoatPoint        center);
void      moat_canvas_set_hover             (MoatCanvas      *self,
                                             MoatItem        *item);
gboolean  moat_canvas_get_item_rect         (MoatItem        *item,
                                             MoatRect        *rect);

/* moat-canvas-view.c */
void      moat_canvas_widget_to_diagram     (MoatCanvas      *self,
                                             double           widget_x,
                                             double           widget_y,
                                             MoatPoint       *point);
void      moat_canvas_diagram_to_widget     (MoatCanvas      *self,
                                             MoatPoint        point,
                                             double          *widget_x,
                                             double          *widget_y);
void      moat_canvas_pan                   (MoatCanvas      *self,
                                             double           dx_pixels,
                                             double           dy_pixels);
void      moat_canvas_zoom_at               (MoatCanvas      *self,
                                             double           zoom,
                                             double           widget_x,
                                             double           widget_y);
void      moat_canvas_zoom_to_rect          (MoatCanvas      *self,
                                             const MoatRect  *rect,
                                             double           max_zoom);
void      moat_canvas_get_visible_area      (MoatCanvas      *self,
                                             MoatRect        *area);
void      moat_canvas_update_adjustments    (MoatCanvas      *self);
void      moat_canvas_set_hadjustment       (MoatCanvas      *self,
                                             GtkAdjustment   *adjustment);
void      moat_canvas_set_vadjustment       (MoatCanvas      *self,
                                             GtkAdjustment   *adjustment);

/* moat-canvas-input.c */
void      moat_canvas_setup_input           (MoatCanvas      *self);

/* moat-canvas-actions.c */
void      moat_canvas_class_setup_actions   (GtkWidgetClass  *widget_class);
void      moat_canvas_delete_items          (MoatCanvas      *self,
                                             GPtrArray       *items,
                                             const char      *label);
void      moat_canvas_update_actions        (MoatCanvas      *self);

/* moat-canvas-gesture.c: what the pointer does, called by the input
 * controllers and by the tests with widget coordinates, so a test drag
 * runs the same code as real input. */
MoatItem *moat_canvas_hit_test              (MoatCanvas      *self,
                                             MoatPoint        point);
void      moat_canvas_press                 (MoatCanvas      *self,
                                             double           x,
                                             double           y,
                                             GdkModifierType  state);
void      moat_canvas_drag_to               (MoatCanvas      *self,
                                             double           x,
                                             double           y);
void      moat_canvas_release               (MoatCanvas      *self,
                                             double           x,
                                             double           y);
void      moat_canvas_cancel_drag           (MoatCanvas      *self);
void      moat_canvas_open_group            (MoatCanvas      *self,
                                             const char      *label);
void      moat_canvas_forget_item           (MoatCanvas      *self,
                                             MoatItem        *item);
MoatCanvasHandle moat_canvas_find_handle    (MoatCanvas      *self,
                                             double           x,
                                             double           y);
gboolean  moat_canvas_is_on_edge            (MoatCanvas      *self,
                                             MoatElement     *element,
                                             MoatPoint        point);

/* moat-canvas-flow-edit.c: handles of the selected flow */
MoatCanvasFlowHandle moat_canvas_find_flow_handle (MoatCanvas    *self,
                                             double           x,
                                             double           y,
                                             guint           *vertex);
gboolean  moat_canvas_press_flow_handle     (MoatCanvas      *self,
                                             double           x,
                                             double           y);
gboolean  moat_canvas_press_flow_label      (MoatCanvas      *self);
void      moat_canvas_update_flow_edit      (MoatCanvas      *self);
void      moat_canvas_finish_flow_edit      (MoatCanvas      *self);
gboolean  moat_canvas_double_click          (MoatCanvas      *self,
                                             double           x,
                                             double           y);
MoatFlow *moat_canvas_get_edited_flow       (MoatCanvas      *self);
MoatPointList *moat_canvas_dup_vertices_with (MoatFlow       *flow,
                                             int              insert_at,
                                             int              remove_at,
                                             int              move_at,
                                             MoatPoint        point);

/* moat-canvas-arrange.c: snapping, alignment and moving with contents */
double    moat_canvas_snap                  (MoatCanvas      *self,
                                             double           value);
void      moat_canvas_collect_move_items    (MoatCanvas      *self,
                                             GPtrArray       *selection,
                                             gboolean         with_contents,
                                             GPtrArray       *items,
                                             GPtrArray       *routed_flows);
void      moat_canvas_class_setup_arrange   (GtkWidgetClass  *widget_class);

/* moat-canvas-clipboard.c */
void      moat_canvas_class_setup_clipboard (GtkWidgetClass  *widget_class);

/* moat-canvas-rename.c */
void      moat_canvas_start_rename          (MoatCanvas      *self,
                                             MoatItem        *item);
void      moat_canvas_stop_rename           (MoatCanvas      *self);

/* moat-canvas-accessible.c */
char     *moat_canvas_dup_item_description  (MoatCanvas      *self,
                                             MoatItem        *item);
void      moat_canvas_queue_accessible_sync (MoatCanvas      *self);
void      moat_canvas_queue_accessible_sync_after_view_change (MoatCanvas *self);
void      moat_canvas_sync_accessible_items (MoatCanvas      *self);
void      moat_canvas_allocate_accessible_items (MoatCanvas  *self);
void      moat_canvas_clear_accessible_items (MoatCanvas     *self);
void      moat_canvas_update_accessible     (MoatCanvas      *self);

/* moat-canvas-overlay.c */
void      moat_canvas_get_accent_color      (MoatCanvas      *self,
                                             GdkRGBA         *color);
void      moat_canvas_snapshot_overlay      (MoatCanvas      *self,
                                             cairo_t         *cr);

G_END_DECLS
