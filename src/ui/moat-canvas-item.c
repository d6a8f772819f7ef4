/* moat-canvas-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include "moat-canvas-item.h"

struct _MoatCanvasItem
{
  GtkWidget parent_instance;

  MoatItem *item;

  /* The values last set on the accessible, so an unchanged item causes
   * no property update and no event for assistive technologies. */
  char *label;
  char *description;
  gboolean selected;
  gboolean selected_set;
};

G_DEFINE_FINAL_TYPE (MoatCanvasItem, moat_canvas_item, GTK_TYPE_WIDGET)

static void
moat_canvas_item_finalize (GObject *object)
{
  MoatCanvasItem *self = (MoatCanvasItem *)object;

  g_clear_object (&self->item);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (moat_canvas_item_parent_class)->finalize (object);
}

static void
moat_canvas_item_class_init (MoatCanvasItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = moat_canvas_item_finalize;

  gtk_widget_class_set_css_name (widget_class, "moat-canvas-item");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
moat_canvas_item_init (MoatCanvasItem *self)
{
  /* The canvas handles every pointer event itself. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/**
 * moat_canvas_item_new:
 * @item: the element, data flow or trust boundary to stand for
 *
 * Returns: (transfer floating): a new #MoatCanvasItem, with no label yet
 */
GtkWidget *
moat_canvas_item_new (MoatItem *item)
{
  MoatCanvasItem *self;

  g_return_val_if_fail (MOAT_IS_ITEM (item), NULL);

  self = g_object_new (MOAT_TYPE_CANVAS_ITEM, NULL);
  self->item = g_object_ref (item);

  return GTK_WIDGET (self);
}

/**
 * moat_canvas_item_get_item:
 *
 * Returns: (transfer none): the item this widget stands for
 */
MoatItem *
moat_canvas_item_get_item (MoatCanvasItem *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS_ITEM (self), NULL);

  return self->item;
}

/**
 * moat_canvas_item_update:
 * @label: the item's name, as a screen reader says it
 * @description: what the item is and how it is connected
 * @selected: whether the item is part of the canvas's selection
 *
 * Tells assistive technologies what changed since the last update.
 */
void
moat_canvas_item_update (MoatCanvasItem *self,
                         const char     *label,
                         const char     *description,
                         gboolean        selected)
{
  g_return_if_fail (MOAT_IS_CANVAS_ITEM (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (description != NULL);

  if (g_strcmp0 (self->label, label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  if (g_strcmp0 (self->description, description) != 0)
    {
      g_free (self->description);
      self->description = g_strdup (description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }

  /* The first update always sets the state, so it is never left unset. */
  if (!self->selected_set || self->selected != selected)
    {
      self->selected = selected;
      self->selected_set = TRUE;
      gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_STATE_SELECTED, selected,
                                   -1);
    }
}
