/* moat-render-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "moat-render-private.h"

/* Enough points that the distance to the sampled loop is within a unit
 * of the distance to the real curve for loops of the usual size. */
#define LOOP_SAMPLES 24

/* A key shared by every flow between the same two elements, whichever way
 * each of them points. */
static char *
dup_pair_key (MoatFlow *flow)
{
  const char *source = moat_flow_get_source_id (flow);
  const char *target = moat_flow_get_target_id (flow);

  if (g_strcmp0 (source, target) <= 0)
    return g_strconcat (source, "\n", target, NULL);

  return g_strconcat (target, "\n", source, NULL);
}

/* Spreads the flows between each pair of elements symmetrically around
 * the line between their centres: with k flows the slots are
 * -(k-1), -(k-3), …, k-1. */
void
moat_flow_slots_init (MoatFlowSlots *slots,
                      MoatDiagram   *diagram)
{
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_full (flows->len, g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  slots->slots = g_hash_table_new (NULL, NULL);

  /* The tables borrow their keys from @keys. */
  for (guint i = 0; i < flows->len; i++)
    {
      char *key = dup_pair_key (g_ptr_array_index (flows, i));
      int count = GPOINTER_TO_INT (g_hash_table_lookup (counts, key));

      g_ptr_array_add (keys, key);
      g_hash_table_insert (counts, key, GINT_TO_POINTER (count + 1));
    }

  for (guint i = 0; i < flows->len; i++)
    {
      char *key = g_ptr_array_index (keys, i);
      int count = GPOINTER_TO_INT (g_hash_table_lookup (counts, key));
      int index = GPOINTER_TO_INT (g_hash_table_lookup (seen, key));

      g_hash_table_insert (seen, key, GINT_TO_POINTER (index + 1));
      g_hash_table_insert (slots->slots, g_ptr_array_index (flows, i),
                           GINT_TO_POINTER (2 * index - (count - 1)));
    }
}

void
moat_flow_slots_clear (MoatFlowSlots *slots)
{
  g_clear_pointer (&slots->slots, g_hash_table_unref);
}

static gboolean
is_elliptic (MoatElement *element)
{
  return moat_element_get_kind (element) == MOAT_ELEMENT_KIND_PROCESS;
}

/* Where a ray from the centre of @bounds along (@dx, @dy), scaled by the
 * half extents, leaves the shape: the parametric angle of an ellipse. */
static MoatPoint
get_outline_point (MoatElement *element,
                   double       dx,
                   double       dy)
{
  MoatRect bounds = moat_element_get_bounds (element);
  MoatPoint center = moat_rect_get_center (&bounds);
  MoatPoint far = { center.x + dx * bounds.width * 4, center.y + dy * bounds.height * 4 };

  return moat_rect_clip_segment (&bounds, is_elliptic (element), center, far);
}

/* The loop leaves the top right of the element at 70° and comes back at
 * 20°, as a cubic curve whose handles point straight out. Several loops
 * on one element get ever larger handles. */
static void
compute_loop (MoatElement      *element,
              int               slot,
              MoatFlowGeometry *geometry)
{
  double out_x = cos (G_PI * 70 / 180);
  double out_y = -sin (G_PI * 70 / 180);
  double reach = MAX (LOOP_REACH + slot * FLOW_SPACING, FLOW_SPACING);

  geometry->loop = TRUE;
  geometry->start = get_outline_point (element, out_x, out_y);
  geometry->end = get_outline_point (element, -out_y, -out_x);
  geometry->handle1.x = geometry->start.x + out_x * reach;
  geometry->handle1.y = geometry->start.y + out_y * reach;
  geometry->handle2.x = geometry->end.x - out_y * reach;
  geometry->handle2.y = geometry->end.y - out_x * reach;

  /* The curve's midpoint. */
  geometry->label_center.x = 0.125 * (geometry->start.x + geometry->end.x) +
                             0.375 * (geometry->handle1.x + geometry->handle2.x);
  geometry->label_center.y = 0.125 * (geometry->start.y + geometry->end.y) +
                             0.375 * (geometry->handle1.y + geometry->handle2.y);
}

/**
 * moat_flow_geometry_compute:
 * @slots: (nullable): the slots of the flow's diagram, or %NULL to draw
 *   the flow on the centre line
 *
 * Returns: %FALSE if the flow's source or target is not an element of the
 *   document, in which case nothing of the flow can be drawn
 */
gboolean
moat_flow_geometry_compute (MoatDocument     *document,
                            MoatFlowSlots    *slots,
                            MoatFlow         *flow,
                            MoatFlowGeometry *geometry)
{
  MoatElement *source = moat_document_get_flow_source (document, flow);
  MoatElement *target = moat_document_get_flow_target (document, flow);
  int slot = 0;
  MoatRect source_bounds;
  MoatRect target_bounds;
  MoatPoint source_center;
  MoatPoint target_center;
  double dx;
  double dy;
  double length;
  double offset;
  double along;

  if (source == NULL || target == NULL)
    return FALSE;

  if (slots != NULL)
    slot = GPOINTER_TO_INT (g_hash_table_lookup (slots->slots, flow));

  *geometry = (MoatFlowGeometry) { 0 };

  if (source == target)
    {
      compute_loop (source, slot, geometry);
      return TRUE;
    }

  source_bounds = moat_element_get_bounds (source);
  target_bounds = moat_element_get_bounds (target);
  source_center = moat_rect_get_center (&source_bounds);
  target_center = moat_rect_get_center (&target_bounds);

  /* Measure the offset from one fixed direction per pair, so that A → B
   * and B → A land on opposite sides of the centre line. */
  dx = target_center.x - source_center.x;
  dy = target_center.y - source_center.y;
  if (g_strcmp0 (moat_flow_get_source_id (flow), moat_flow_get_target_id (flow)) > 0)
    {
      dx = -dx;
      dy = -dy;
    }

  length = hypot (dx, dy);
  if (length == 0)
    {
      geometry->start = geometry->end = source_center;
      geometry->handle1 = geometry->handle2 = source_center;
      geometry->label_center = source_center;
      return TRUE;
    }

  offset = slot * FLOW_SPACING / 2;
  source_center.x += -dy / length * offset;
  source_center.y += dx / length * offset;
  target_center.x += -dy / length * offset;
  target_center.y += dx / length * offset;

  geometry->start = moat_rect_exit_point (&source_bounds, is_elliptic (source),
                                          source_center, target_center);
  geometry->end = moat_rect_exit_point (&target_bounds, is_elliptic (target),
                                        target_center, source_center);
  geometry->handle1 = geometry->start;
  geometry->handle2 = geometry->end;

  /* Parallel flows run close together, so their labels move apart along
   * the line to keep them from covering each other. */
  along = slot * 0.12 * hypot (geometry->end.x - geometry->start.x,
                               geometry->end.y - geometry->start.y);
  geometry->label_center.x = (geometry->start.x + geometry->end.x) / 2 + dx / length * along;
  geometry->label_center.y = (geometry->start.y + geometry->end.y) / 2 + dy / length * along;

  return TRUE;
}

/**
 * moat_flow_geometry_sample:
 * @points: (out caller-allocates) (array length=n_points): at least 2 points
 *
 * Fills @points with points along the flow's line, from start to end.
 */
void
moat_flow_geometry_sample (const MoatFlowGeometry *geometry,
                           MoatPoint              *points,
                           guint                   n_points)
{
  g_return_if_fail (geometry != NULL);
  g_return_if_fail (points != NULL);
  g_return_if_fail (n_points >= 2);

  if (!geometry->loop)
    {
      for (guint i = 0; i < n_points; i++)
        {
          double t = (double)i / (n_points - 1);

          points[i].x = geometry->start.x + (geometry->end.x - geometry->start.x) * t;
          points[i].y = geometry->start.y + (geometry->end.y - geometry->start.y) * t;
        }
      return;
    }

  for (guint i = 0; i < n_points; i++)
    {
      double t = (double)i / (n_points - 1);
      double s = 1 - t;
      double a = s * s * s;
      double b = 3 * s * s * t;
      double c = 3 * s * t * t;
      double d = t * t * t;

      points[i].x = a * geometry->start.x + b * geometry->handle1.x + c * geometry->handle2.x +
                    d * geometry->end.x;
      points[i].y = a * geometry->start.y + b * geometry->handle1.y + c * geometry->handle2.y +
                    d * geometry->end.y;
    }
}

static MoatRect
rect_centered (MoatPoint center,
               double    width,
               double    height)
{
  return (MoatRect) { center.x - width / 2, center.y - height / 2, width, height };
}

gboolean
moat_render_flow_label_rect (MoatRenderText         *text,
                             MoatFlow               *flow,
                             const MoatFlowGeometry *geometry,
                             MoatRect               *rect)
{
  const char *name = moat_item_get_name (MOAT_ITEM (flow));
  g_autoptr(PangoLayout) layout = NULL;
  double width;
  double height;

  if (name == NULL || name[0] == '\0')
    return FALSE;

  layout = moat_render_layout_new (text, MOAT_TEXT_LABEL, name,
                                   FLOW_LABEL_MAX_WIDTH, -FLOW_LABEL_MAX_LINES);
  moat_render_layout_get_size (layout, &width, &height);
  *rect = rect_centered (geometry->label_center,
                         width + 2 * LABEL_PADDING_X, height + 2 * LABEL_PADDING_Y);

  return TRUE;
}

static gboolean
measure_badge (MoatRenderText *text,
               MoatDocument   *document,
               const char     *target_id,
               double         *width,
               double         *height)
{
  guint n_open;
  MoatSeverity highest;
  g_autofree char *badge = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (!moat_render_get_threat_summary (document, target_id, &n_open, &highest))
    return FALSE;

  badge = moat_render_dup_badge_text (n_open, highest);
  layout = moat_render_layout_new (text, MOAT_TEXT_BADGE, badge, 0, 0);
  moat_render_layout_get_size (layout, width, height);
  *width += 2 * BADGE_PADDING_X;
  *height += 2 * BADGE_PADDING_Y;

  return TRUE;
}

/* Below the label, or in its place when the flow has none. */
gboolean
moat_render_flow_badge_rect (MoatRenderText         *text,
                             MoatDocument           *document,
                             MoatFlow               *flow,
                             const MoatFlowGeometry *geometry,
                             MoatRect               *rect)
{
  MoatRect label;
  double width;
  double height;

  if (!measure_badge (text, document, moat_item_get_id (MOAT_ITEM (flow)), &width, &height))
    return FALSE;

  if (moat_render_flow_label_rect (text, flow, geometry, &label))
    {
      MoatPoint center = { geometry->label_center.x,
                           label.y + label.height + BADGE_GAP + height / 2 };

      *rect = rect_centered (center, width, height);
    }
  else
    *rect = rect_centered (geometry->label_center, width, height);

  return TRUE;
}

/* Just above the shape, flush with its right edge, where selection
 * handles on the corners do not cover it. */
gboolean
moat_render_element_badge_rect (MoatRenderText *text,
                                MoatDocument   *document,
                                MoatElement    *element,
                                MoatRect       *rect)
{
  MoatRect bounds = moat_element_get_bounds (element);
  double width;
  double height;

  if (!measure_badge (text, document, moat_item_get_id (MOAT_ITEM (element)), &width, &height))
    return FALSE;

  *rect = (MoatRect) { bounds.x + bounds.width - width, bounds.y - height - BADGE_GAP,
                       width, height };

  return TRUE;
}

/* The "Out of scope" caption, centred under the shape. */
gboolean
moat_render_element_caption_rect (MoatRenderText *text,
                                  MoatElement    *element,
                                  MoatRect       *rect)
{
  MoatRect bounds = moat_element_get_bounds (element);
  g_autoptr(PangoLayout) layout = NULL;
  double width;
  double height;

  if (!moat_element_get_out_of_scope (element))
    return FALSE;

  layout = moat_render_layout_new (text, MOAT_TEXT_CAPTION, _("Out of scope"), 0, 0);
  moat_render_layout_get_size (layout, &width, &height);
  *rect = (MoatRect) { bounds.x + (bounds.width - width) / 2,
                       bounds.y + bounds.height + CAPTION_GAP, width, height };

  return TRUE;
}

/* The name, on one line inside the top left corner of the frame. */
gboolean
moat_render_boundary_label_rect (MoatRenderText *text,
                                 MoatBoundary   *boundary,
                                 MoatRect       *rect)
{
  MoatRect bounds = moat_boundary_get_bounds (boundary);
  const char *name = moat_item_get_name (MOAT_ITEM (boundary));
  double max_width = bounds.width - 2 * BOUNDARY_LABEL_INSET;
  g_autoptr(PangoLayout) layout = NULL;
  double width;
  double height;

  if (name == NULL || name[0] == '\0' || max_width < 1)
    return FALSE;

  layout = moat_render_layout_new (text, MOAT_TEXT_BOUNDARY, name, max_width, -1);
  moat_render_layout_get_size (layout, &width, &height);
  *rect = (MoatRect) { bounds.x + BOUNDARY_LABEL_INSET, bounds.y + BOUNDARY_LABEL_INSET / 2,
                       MIN (width, max_width), height };

  return TRUE;
}

/* Where an element's name goes: the rectangle inscribed in the ellipse of
 * a process, or the shape's inside less a margin. */
void
moat_render_element_text_area (MoatElement *element,
                               MoatRect    *area)
{
  MoatRect bounds = moat_element_get_bounds (element);

  if (is_elliptic (element))
    {
      double width = bounds.width * G_SQRT2 / 2;
      double height = bounds.height * G_SQRT2 / 2;

      *area = (MoatRect) { bounds.x + (bounds.width - width) / 2,
                           bounds.y + (bounds.height - height) / 2, width, height };
    }
  else
    *area = (MoatRect) { bounds.x + TEXT_INSET, bounds.y + TEXT_INSET / 2,
                         bounds.width - 2 * TEXT_INSET, bounds.height - TEXT_INSET };
}

static void
rect_grow (MoatRect *rect,
           double    amount)
{
  rect->x -= amount;
  rect->y -= amount;
  rect->width += 2 * amount;
  rect->height += 2 * amount;
}

static gboolean
compute_item_extents (MoatRenderText *text,
                      MoatDocument   *document,
                      MoatFlowSlots  *slots,
                      MoatItem       *item,
                      MoatRect       *extents)
{
  MoatRect part;

  if (MOAT_IS_ELEMENT (item))
    {
      *extents = moat_element_get_bounds (MOAT_ELEMENT (item));
      rect_grow (extents, 2);
      if (moat_render_element_badge_rect (text, document, MOAT_ELEMENT (item), &part))
        moat_rect_union (extents, &part, extents);
      if (moat_render_element_caption_rect (text, MOAT_ELEMENT (item), &part))
        moat_rect_union (extents, &part, extents);
    }
  else if (MOAT_IS_FLOW (item))
    {
      MoatFlowGeometry geometry;
      MoatPoint points[LOOP_SAMPLES];

      if (!moat_flow_geometry_compute (document, slots, MOAT_FLOW (item), &geometry))
        return FALSE;

      moat_flow_geometry_sample (&geometry, points, LOOP_SAMPLES);
      *extents = (MoatRect) { points[0].x, points[0].y, 0, 0 };
      for (guint i = 1; i < LOOP_SAMPLES; i++)
        {
          part = (MoatRect) { points[i].x, points[i].y, 0, 0 };
          moat_rect_union (extents, &part, extents);
        }
      rect_grow (extents, ARROW_HALF_WIDTH + 1);

      if (moat_render_flow_label_rect (text, MOAT_FLOW (item), &geometry, &part))
        moat_rect_union (extents, &part, extents);
      if (moat_render_flow_badge_rect (text, document, MOAT_FLOW (item), &geometry, &part))
        moat_rect_union (extents, &part, extents);
    }
  else if (MOAT_IS_BOUNDARY (item))
    {
      *extents = moat_boundary_get_bounds (MOAT_BOUNDARY (item));
      rect_grow (extents, 2);
    }
  else
    return FALSE;

  return TRUE;
}

/**
 * moat_render_get_item_extents:
 * @item: an element, flow or boundary of @diagram
 * @extents: (out): the area that drawing @item touches, with its label,
 *   caption and threat badge
 *
 * Returns: %FALSE if @item is not drawn, as for a flow whose source or
 *   target is missing
 */
gboolean
moat_render_get_item_extents (MoatDocument *document,
                              MoatDiagram  *diagram,
                              MoatItem     *item,
                              MoatRect     *extents)
{
  MoatRenderText text;
  MoatFlowSlots slots = { NULL };
  gboolean found;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), FALSE);
  g_return_val_if_fail (MOAT_IS_ITEM (item), FALSE);
  g_return_val_if_fail (extents != NULL, FALSE);

  moat_render_text_init (&text, NULL);
  if (MOAT_IS_FLOW (item))
    moat_flow_slots_init (&slots, diagram);

  found = compute_item_extents (&text, document, slots.slots ? &slots : NULL, item, extents);

  moat_flow_slots_clear (&slots);
  moat_render_text_clear (&text);

  return found;
}

/**
 * moat_render_get_diagram_extents:
 * @extents: (out): the union of the extents of every drawn item
 *
 * Returns: %FALSE if nothing of @diagram is drawn
 */
gboolean
moat_render_get_diagram_extents (MoatDocument *document,
                                 MoatDiagram  *diagram,
                                 MoatRect     *extents)
{
  GPtrArray *arrays[3];
  MoatRenderText text;
  MoatFlowSlots slots;
  gboolean found = FALSE;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), FALSE);
  g_return_val_if_fail (extents != NULL, FALSE);

  arrays[0] = moat_diagram_get_boundaries (diagram);
  arrays[1] = moat_diagram_get_flows (diagram);
  arrays[2] = moat_diagram_get_elements (diagram);

  moat_render_text_init (&text, NULL);
  moat_flow_slots_init (&slots, diagram);

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatRect item_extents;

        if (!compute_item_extents (&text, document, &slots,
                                   g_ptr_array_index (arrays[a], i), &item_extents))
          continue;

        if (found)
          moat_rect_union (extents, &item_extents, extents);
        else
          *extents = item_extents;
        found = TRUE;
      }

  moat_flow_slots_clear (&slots);
  moat_render_text_clear (&text);

  return found;
}

/**
 * moat_render_get_flow_geometry:
 * @geometry: (out): where @flow is drawn
 *
 * Returns: %FALSE if @flow's source or target is missing, so it is not drawn
 */
gboolean
moat_render_get_flow_geometry (MoatDocument     *document,
                               MoatDiagram      *diagram,
                               MoatFlow         *flow,
                               MoatFlowGeometry *geometry)
{
  MoatFlowSlots slots;
  gboolean found;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), FALSE);
  g_return_val_if_fail (MOAT_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (geometry != NULL, FALSE);

  moat_flow_slots_init (&slots, diagram);
  found = moat_flow_geometry_compute (document, &slots, flow, geometry);
  moat_flow_slots_clear (&slots);

  return found;
}

/**
 * moat_render_get_flow_label_rect:
 * @rect: (out): the label's background, in diagram coordinates
 *
 * Returns: %FALSE if @flow has no label or is not drawn
 */
gboolean
moat_render_get_flow_label_rect (MoatDocument *document,
                                 MoatDiagram  *diagram,
                                 MoatFlow     *flow,
                                 MoatRect     *rect)
{
  MoatFlowGeometry geometry;
  MoatRenderText text;
  gboolean found;

  g_return_val_if_fail (rect != NULL, FALSE);

  if (!moat_render_get_flow_geometry (document, diagram, flow, &geometry))
    return FALSE;

  moat_render_text_init (&text, NULL);
  found = moat_render_flow_label_rect (&text, flow, &geometry, rect);
  moat_render_text_clear (&text);

  return found;
}

/**
 * moat_render_get_boundary_label_rect:
 * @rect: (out): the area of the boundary's name, in diagram coordinates
 *
 * Returns: %FALSE if @boundary has no name or no room to show it
 */
gboolean
moat_render_get_boundary_label_rect (MoatBoundary *boundary,
                                     MoatRect     *rect)
{
  MoatRenderText text;
  gboolean found;

  g_return_val_if_fail (MOAT_IS_BOUNDARY (boundary), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  moat_render_text_init (&text, NULL);
  found = moat_render_boundary_label_rect (&text, boundary, rect);
  moat_render_text_clear (&text);

  return found;
}

static gboolean
hit_element (MoatRenderText *text,
             MoatDocument   *document,
             MoatElement    *element,
             double          x,
             double          y,
             double          tolerance)
{
  MoatRect bounds = moat_element_get_bounds (element);
  MoatRect part;

  if (is_elliptic (element))
    {
      if (moat_ellipse_contains_point (&bounds, x, y, tolerance))
        return TRUE;
    }
  else
    {
      rect_grow (&bounds, tolerance);
      if (moat_rect_contains_point (&bounds, x, y))
        return TRUE;
    }

  if (moat_render_element_badge_rect (text, document, element, &part) &&
      moat_rect_contains_point (&part, x, y))
    return TRUE;

  return moat_render_element_caption_rect (text, element, &part) &&
         moat_rect_contains_point (&part, x, y);
}

static gboolean
hit_flow (MoatRenderText *text,
          MoatDocument   *document,
          MoatFlowSlots  *slots,
          MoatFlow       *flow,
          double          x,
          double          y,
          double          tolerance)
{
  MoatFlowGeometry geometry;
  MoatPoint points[LOOP_SAMPLES];
  MoatPoint point = { x, y };
  guint n_points;
  MoatRect part;

  if (!moat_flow_geometry_compute (document, slots, flow, &geometry))
    return FALSE;

  n_points = geometry.loop ? LOOP_SAMPLES : 2;
  moat_flow_geometry_sample (&geometry, points, n_points);
  for (guint i = 1; i < n_points; i++)
    if (moat_point_segment_distance (point, points[i - 1], points[i]) <= tolerance)
      return TRUE;

  /* Measuring text is the slow part, so only near the label's place. */
  if (fabs (x - geometry.label_center.x) > FLOW_LABEL_MAX_WIDTH ||
      fabs (y - geometry.label_center.y) > FLOW_LABEL_MAX_WIDTH)
    return FALSE;

  if (moat_render_flow_label_rect (text, flow, &geometry, &part) &&
      moat_rect_contains_point (&part, x, y))
    return TRUE;

  return moat_render_flow_badge_rect (text, document, flow, &geometry, &part) &&
         moat_rect_contains_point (&part, x, y);
}

static gboolean
hit_boundary (MoatRenderText *text,
              MoatBoundary   *boundary,
              double          x,
              double          y,
              double          tolerance)
{
  MoatRect bounds = moat_boundary_get_bounds (boundary);
  MoatRect label;

  if (moat_rect_outline_distance (&bounds, x, y) <= tolerance)
    return TRUE;

  return moat_render_boundary_label_rect (text, boundary, &label) &&
         moat_rect_contains_point (&label, x, y);
}

/**
 * moat_render_hit_test:
 * @x: the point's x, in diagram coordinates
 * @y: the point's y, in diagram coordinates
 * @tolerance: how far from a line or outline still counts, in diagram units
 *
 * Finds the topmost item drawn at a point, in drawing order: elements
 * above flows above trust boundaries. A boundary is hit only near its
 * frame or on its name, so a click inside it reaches what is behind.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL
 */
MoatItem *
moat_render_hit_test (MoatDocument *document,
                      MoatDiagram  *diagram,
                      double        x,
                      double        y,
                      double        tolerance)
{
  GPtrArray *elements;
  GPtrArray *flows;
  GPtrArray *boundaries;
  MoatRenderText text;
  MoatFlowSlots slots;
  MoatItem *hit = NULL;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), NULL);

  elements = moat_diagram_get_elements (diagram);
  flows = moat_diagram_get_flows (diagram);
  boundaries = moat_diagram_get_boundaries (diagram);

  moat_render_text_init (&text, NULL);
  moat_flow_slots_init (&slots, diagram);

  for (guint i = elements->len; hit == NULL && i > 0; i--)
    if (hit_element (&text, document, g_ptr_array_index (elements, i - 1), x, y, tolerance))
      hit = g_ptr_array_index (elements, i - 1);

  for (guint i = flows->len; hit == NULL && i > 0; i--)
    if (hit_flow (&text, document, &slots, g_ptr_array_index (flows, i - 1), x, y, tolerance))
      hit = g_ptr_array_index (flows, i - 1);

  for (guint i = boundaries->len; hit == NULL && i > 0; i--)
    if (hit_boundary (&text, g_ptr_array_index (boundaries, i - 1), x, y, tolerance))
      hit = g_ptr_array_index (boundaries, i - 1);

  moat_flow_slots_clear (&slots);
  moat_render_text_clear (&text);

  return hit;
}
