/* moat-canvas.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-document.h"

G_BEGIN_DECLS

/* The nicks are the parameters of the canvas.set-tool action. */
typedef enum
{
  MOAT_CANVAS_TOOL_SELECT,
  MOAT_CANVAS_TOOL_EXTERNAL_ENTITY,
  MOAT_CANVAS_TOOL_PROCESS,
  MOAT_CANVAS_TOOL_DATA_STORE,
  MOAT_CANVAS_TOOL_BOUNDARY,
  MOAT_CANVAS_TOOL_FLOW,
} MoatCanvasTool;

#define MOAT_TYPE_CANVAS_TOOL (moat_canvas_tool_get_type ())
#define MOAT_TYPE_CANVAS (moat_canvas_get_type ())

GType moat_canvas_tool_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MoatCanvas, moat_canvas, MOAT, CANVAS, GtkWidget)

GtkWidget      *moat_canvas_new                (void);
MoatDocument   *moat_canvas_get_document       (MoatCanvas     *self);
void            moat_canvas_set_document       (MoatCanvas     *self,
                                                MoatDocument   *document);
MoatDiagram    *moat_canvas_get_diagram        (MoatCanvas     *self);
void            moat_canvas_set_diagram        (MoatCanvas     *self,
                                                MoatDiagram    *diagram);
MoatCanvasTool  moat_canvas_get_tool           (MoatCanvas     *self);
void            moat_canvas_set_tool           (MoatCanvas     *self,
                                                MoatCanvasTool  tool);
GObject        *moat_canvas_get_selected_item  (MoatCanvas     *self);
GPtrArray      *moat_canvas_get_selection      (MoatCanvas     *self);
void            moat_canvas_select             (MoatCanvas     *self,
                                                GObject        *item);
void            moat_canvas_select_all         (MoatCanvas     *self);
gboolean        moat_canvas_get_show_grid      (MoatCanvas     *self);
void            moat_canvas_set_show_grid      (MoatCanvas     *self,
                                                gboolean        show_grid);
gboolean        moat_canvas_get_snap_to_grid   (MoatCanvas     *self);
void            moat_canvas_set_snap_to_grid   (MoatCanvas     *self,
                                                gboolean        snap_to_grid);
int             moat_canvas_get_grid_size      (MoatCanvas     *self);
void            moat_canvas_set_grid_size      (MoatCanvas     *self,
                                                int             grid_size);
double          moat_canvas_get_zoom           (MoatCanvas     *self);
void            moat_canvas_set_zoom           (MoatCanvas     *self,
                                                double          zoom);
void            moat_canvas_zoom_to_fit        (MoatCanvas     *self);
void            moat_canvas_zoom_to_selection  (MoatCanvas     *self);
void            moat_canvas_activate_selection (MoatCanvas     *self);
void            moat_canvas_scroll_to_item     (MoatCanvas     *self,
                                                MoatItem       *item);

G_END_DECLS
