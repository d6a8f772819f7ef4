/* moat-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOAT_TYPE_ITEM (moat_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (MoatItem, moat_item, MOAT, ITEM, GObject)

/* The common part of everything drawn in a diagram: elements, data flows
 * and trust boundaries. Each has a stable id that files reference.
 */
struct _MoatItemClass
{
  GObjectClass parent_class;
};

const char *moat_item_get_id          (MoatItem   *self);
const char *moat_item_get_name        (MoatItem   *self);
const char *moat_item_get_description (MoatItem   *self);
void        moat_item_set_name        (MoatItem   *self,
                                       const char *name);
void        moat_item_set_description (MoatItem   *self,
                                       const char *description);
char       *moat_item_new_id          (const char *prefix);

G_END_DECLS
