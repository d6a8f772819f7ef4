/* moat-canvas-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-canvas.h"
#include "moat-render.h"

G_BEGIN_DECLS

#define MOAT_CANVAS_ZOOM_MIN   0.1
#define MOAT_CANVAS_ZOOM_MAX   8.0
#define MOAT_CANVAS_ZOOM_STEP  1.25
/* Hit tolerance and handle size in screen pixels, whatever the zoom. */
#define MOAT_CANVAS_HIT_PIXELS     5.0
#define MOAT_CANVAS_HANDLE_PIXELS  8.0

typedef enum
{
  MOAT_CANVAS_DRAG_NONE,
  MOAT_CANVAS_DRAG_PENDING,      /* pressed, not yet past the drag threshold */
  MOAT_CANVAS_DRAG_MOVE,
  MOAT_CANVAS_DRAG_RESIZE,
  MOAT_CANVAS_DRAG_RUBBER_BAND,
  MOAT_CANVAS_DRAG_CREATE,       /* with an element or boundary tool */
  MOAT_CANVAS_DRAG_FLOW,
} MoatCanvasDragMode;

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

  /* For a flow: the element under the pointer that would be the target. */
  MoatElement *flow_target;
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

  /* The rendered diagram, rebuilt when the document or the view changes.
   * Selection, hover and gestures are drawn over it each frame. */
  GskRenderNode *scene;

  MoatCanvasDrag drag;
};

/* moat-canvas.c */
void      moat_canvas_invalidate_scene      (MoatCanvas      *self);
void      moat_canvas_notify_zoom           (MoatCanvas      *self);
gboolean  moat_canvas_is_selected           (MoatCanvas      *self,
                                             MoatItem        *item);
void      moat_canvas_set_selection         (MoatCanvas      *self,
                                             GPtrArray       *items);
void      moat_canvas_toggle_selected       (MoatCanvas      *self,
                                             MoatItem        *item);
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

/* moat-canvas-input.c */
void      moat_canvas_setup_input           (MoatCanvas      *self);

/* moat-canvas-actions.c */
void      moat_canvas_class_setup_actions   (GtkWidgetClass  *widget_class);
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
void      moat_canvas_forget_item           (MoatCanvas      *self,
                                             MoatItem        *item);
MoatCanvasHandle moat_canvas_find_handle    (MoatCanvas      *self,
                                             double           x,
                                             double           y);

/* moat-canvas-overlay.c */
void      moat_canvas_get_accent_color      (MoatCanvas      *self,
                                             GdkRGBA         *color);
void      moat_canvas_snapshot_overlay      (MoatCanvas      *self,
                                             cairo_t         *cr);

G_END_DECLS
