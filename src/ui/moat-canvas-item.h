/* moat-canvas-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-item.h"

G_BEGIN_DECLS

/* An invisible child of the canvas that stands for one element, data flow
 * or trust boundary towards assistive technologies: a list item with the
 * item's name, a description and the selected state, placed over the
 * item. It draws nothing and takes no pointer input. It takes the
 * keyboard focus when its item is selected from the keyboard, so a screen
 * reader reads the selection. Key presses there still reach the canvas's
 * shortcuts. */

#define MOAT_TYPE_CANVAS_ITEM (moat_canvas_item_get_type ())

G_DECLARE_FINAL_TYPE (MoatCanvasItem, moat_canvas_item, MOAT, CANVAS_ITEM, GtkWidget)

GtkWidget *moat_canvas_item_new             (MoatItem       *item);
MoatItem  *moat_canvas_item_get_item        (MoatCanvasItem *self);
void       moat_canvas_item_update          (MoatCanvasItem *self,
                                             const char     *label,
                                             const char     *description,
                                             gboolean        selected);

G_END_DECLS
