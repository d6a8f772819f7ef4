/* moat-diagram.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-annotation.h"
#include "moat-boundary.h"
#include "moat-element.h"
#include "moat-flow.h"

G_BEGIN_DECLS

#define MOAT_TYPE_DIAGRAM (moat_diagram_get_type ())

G_DECLARE_FINAL_TYPE (MoatDiagram, moat_diagram, MOAT, DIAGRAM, GObject)

MoatDiagram *moat_diagram_new              (const char  *id,
                                            const char  *name);
const char  *moat_diagram_get_id           (MoatDiagram *self);
const char  *moat_diagram_get_name         (MoatDiagram *self);
const char  *moat_diagram_get_methodology  (MoatDiagram *self);
const char  *moat_diagram_get_description  (MoatDiagram *self);
GPtrArray   *moat_diagram_get_annotations  (MoatDiagram *self);
GPtrArray   *moat_diagram_get_elements     (MoatDiagram *self);
GPtrArray   *moat_diagram_get_flows        (MoatDiagram *self);
GPtrArray   *moat_diagram_get_boundaries   (MoatDiagram *self);
GPtrArray   *moat_diagram_get_items_of     (MoatDiagram *self,
                                            GType        item_type);
gboolean     moat_diagram_get_extents      (MoatDiagram *self,
                                            MoatRect    *extents);

G_END_DECLS
