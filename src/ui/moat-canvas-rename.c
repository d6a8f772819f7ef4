/* moat-canvas-rename.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas-private.h"

/* F2 renames the selected item in place: an entry in a popover pointing
 * at the item. Return keeps the new name as one undo step; Escape or a
 * click elsewhere keeps the old one. */

static void
rename_closed_cb (MoatCanvas *self)
{
  self->renaming = NULL;
  moat_canvas_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
rename_activate_cb (MoatCanvas *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->rename_entry));
  MoatItem *item = self->renaming;

  if (item != NULL && g_strcmp0 (name, moat_item_get_name (item)) != 0)
    moat_document_set (self->document, item, "name", name, NULL);

  moat_canvas_stop_rename (self);
}

static void
ensure_popover (MoatCanvas *self)
{
  if (self->rename_popover != NULL)
    return;

  self->rename_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->rename_entry), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->rename_entry), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rename_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"),
                                  -1);
  g_signal_connect_object (self->rename_entry, "activate",
                           G_CALLBACK (rename_activate_cb), self, G_CONNECT_SWAPPED);

  self->rename_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->rename_popover, "rename-popover");
  gtk_popover_set_child (GTK_POPOVER (self->rename_popover), self->rename_entry);
  gtk_popover_set_position (GTK_POPOVER (self->rename_popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));
  g_signal_connect_object (self->rename_popover, "closed",
                           G_CALLBACK (rename_closed_cb), self, G_CONNECT_SWAPPED);
}

/* The name's place in widget coordinates: a flow's label, or the item. */
static void
get_name_rect (MoatCanvas   *self,
               MoatItem     *item,
               GdkRectangle *rect)
{
  MoatRect area = { 0, 0, 0, 0 };
  double x1;
  double y1;
  double x2;
  double y2;

  if (!(MOAT_IS_FLOW (item) &&
        moat_render_get_flow_label_rect (self->document, self->diagram, MOAT_FLOW (item), &area)) &&
      !moat_canvas_get_item_rect (item, &area))
    moat_render_get_item_extents (self->document, self->diagram, item, &area);

  moat_canvas_diagram_to_widget (self, (MoatPoint) { area.x, area.y }, &x1, &y1);
  moat_canvas_diagram_to_widget (self, (MoatPoint) { area.x + area.width, area.y + area.height },
                                 &x2, &y2);

  *rect = (GdkRectangle) { (int)x1, (int)y1, MAX ((int)(x2 - x1), 1), MAX ((int)(y2 - y1), 1) };
}

/**
 * moat_canvas_start_rename:
 * @item: an item of the diagram shown
 *
 * Opens the entry that renames @item in place.
 */
void
moat_canvas_start_rename (MoatCanvas *self,
                          MoatItem   *item)
{
  GdkRectangle rect;

  g_return_if_fail (MOAT_IS_ITEM (item));

  if (self->document == NULL || self->diagram == NULL)
    return;

  moat_canvas_cancel_drag (self);
  moat_canvas_scroll_to_item (self, item);
  ensure_popover (self);

  self->renaming = item;
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), moat_item_get_name (item));

  get_name_rect (self, item, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));

  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
  moat_canvas_update_actions (self);
}

/**
 * moat_canvas_stop_rename:
 *
 * Closes the rename entry, if it is open, without renaming.
 */
void
moat_canvas_stop_rename (MoatCanvas *self)
{
  if (self->renaming == NULL)
    return;

  self->renaming = NULL;
  if (self->rename_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
  moat_canvas_update_actions (self);
}
