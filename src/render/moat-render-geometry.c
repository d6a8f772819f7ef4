/* moat-render-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "moat-render-private.h"

/* Enough points that the distance to the sampled loop is within a unit
 * of the distance to the real curve for loops of the usual size. */
#define LOOP_SAMPLES 24

static void
rect_grow (MoatRect *rect,
           double    amount)
{
  rect->x -= amount;
  rect->y -= amount;
  rect->width += 2 * amount;
  rect->height += 2 * amount;
}

/* A flow with its two ends in a fixed order, whichever way it points. */
typedef struct
{
  const char *low;
  const char *high;
  guint index;
} PairedFlow;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const PairedFlow *first = a;
  const PairedFlow *second = b;
  int order = strcmp (first->low, second->low);

  if (order == 0)
    order = strcmp (first->high, second->high);
  if (order == 0)
    order = (first->index > second->index) - (first->index < second->index);

  return order;
}

/* Spreads the flows between each pair of elements symmetrically around
 * the line between their centres: with k flows the slots are
 * -(k-1), -(k-3), …, k-1, in diagram order. Sorting by pair, instead of
 * hashing a key built per flow, keeps this cheap enough for every frame
 * of a large diagram. Only flows that share their pair get an entry. */
void
moat_flow_slots_init (MoatFlowSlots *slots,
                      MoatDiagram   *diagram)
{
  moat_flow_slots_init_for (slots, diagram, NULL);
}

/**
 * moat_flow_slots_init_for:
 * @only: (nullable) (element-type MoatFlow): the flows to place, or %NULL
 *   for all. With a flow, it must contain every other flow between the
 *   same two elements, as the items a drag moves do.
 *
 * Places only some flows, which is cheaper when a few are drawn.
 */
void
moat_flow_slots_init_for (MoatFlowSlots *slots,
                          MoatDiagram   *diagram,
                          GHashTable    *only)
{
  moat_flow_slots_init_from (slots, moat_diagram_get_flows (diagram), only);
}

/**
 * moat_flow_slots_init_from:
 * @flows: (element-type MoatFlow): flows in diagram order, with every
 *   other flow between the same two elements as each of them
 * @only: (nullable) (element-type MoatFlow): if set, the only flows of
 *   @flows to place
 *
 * Places the flows of an array, which may be a part of the diagram's.
 */
void
moat_flow_slots_init_from (MoatFlowSlots *slots,
                           GPtrArray     *flows,
                           GHashTable    *only)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (PairedFlow));

  slots->slots = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);
      const char *source = moat_flow_get_source_id (flow);
      const char *target = moat_flow_get_target_id (flow);
      PairedFlow pair = { source, target, i };

      if (only != NULL && !g_hash_table_contains (only, flow))
        continue;

      if (strcmp (source, target) > 0)
        {
          pair.low = target;
          pair.high = source;
        }
      g_array_append_val (pairs, pair);
    }

  g_array_sort (pairs, compare_pairs);

  for (guint start = 0; start < pairs->len;)
    {
      PairedFlow *first = &g_array_index (pairs, PairedFlow, start);
      guint end = start + 1;

      while (end < pairs->len &&
             strcmp (g_array_index (pairs, PairedFlow, end).low, first->low) == 0 &&
             strcmp (g_array_index (pairs, PairedFlow, end).high, first->high) == 0)
        end++;

      for (guint i = start; end - start > 1 && i < end; i++)
        g_hash_table_insert (slots->slots,
                             g_ptr_array_index (flows, g_array_index (pairs, PairedFlow, i).index),
                             GINT_TO_POINTER (2 * (int)(i - start) - (int)(end - start - 1)));

      start = end;
    }
}

/**
 * moat_render_get_flow_reach:
 * @reach: (out): an area that surely contains the flow's line: its ends'
 *   elements and its bend points, without labels or badges
 *
 * Finds, without laying out the flow, where it can be, so that culling
 * and hit testing skip far flows cheaply. A loop reaches past its
 * element, by at most LOOP_REACH plus the spacing of its slot.
 *
 * Returns: %FALSE if the flow cannot be drawn at all
 */
gboolean
moat_render_get_flow_reach (MoatDocument *document,
                            MoatFlow     *flow,
                            MoatRect     *reach)
{
  const MoatPointList *vertices = moat_flow_get_vertices (flow);
  guint n_vertices = moat_point_list_get_n_points (vertices);
  MoatElement *ends[2];
  gboolean found = FALSE;

  ends[0] = moat_document_get_flow_source (document, flow);
  ends[1] = moat_document_get_flow_target (document, flow);

  if ((ends[0] == NULL || ends[1] == NULL) && n_vertices == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      MoatRect bounds;

      if (ends[i] == NULL)
        continue;

      bounds = moat_element_get_bounds (ends[i]);
      if (found)
        moat_rect_union (reach, &bounds, reach);
      else
        *reach = bounds;
      found = TRUE;
    }

  for (guint i = 0; i < n_vertices; i++)
    {
      MoatPoint point = moat_point_list_get_point (vertices, i);
      MoatRect vertex = { point.x, point.y, 0, 0 };

      if (found)
        moat_rect_union (reach, &vertex, reach);
      else
        *reach = vertex;
      found = TRUE;
    }

  if (ends[0] != NULL && ends[0] == ends[1] && n_vertices == 0)
    rect_grow (reach, LOOP_REACH + 4 * FLOW_SPACING);

  return TRUE;
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
}

/* Where the bend points of a routed flow start and end: a missing source
 * or target is replaced by the first or last bend point, as the file
 * format defines. Returns %FALSE when the flow cannot be drawn. */
static gboolean
compute_routed (MoatFlow         *flow,
                MoatElement      *source,
                MoatElement      *target,
                MoatFlowGeometry *geometry)
{
  const MoatPointList *list = moat_flow_get_vertices (flow);
  const MoatPoint *vertices = moat_point_list_get_points (list);
  guint n_vertices = moat_point_list_get_n_points (list);
  guint first = source != NULL ? 0 : 1;
  guint last = target != NULL ? n_vertices : n_vertices - 1;
  MoatPoint toward_start;
  MoatPoint toward_end;

  if (n_vertices < (source == NULL) + (target == NULL) ||
      (source == NULL && target == NULL && n_vertices < 2))
    return FALSE;

  geometry->vertices = vertices + first;
  geometry->n_vertices = last - first;
  geometry->first_vertex = first;

  toward_start = geometry->n_vertices > 0 ? vertices[first] : vertices[n_vertices - 1];
  toward_end = geometry->n_vertices > 0 ? vertices[last - 1] : vertices[0];

  if (source != NULL)
    {
      MoatRect bounds = moat_element_get_bounds (source);

      geometry->start = moat_rect_exit_point (&bounds, is_elliptic (source),
                                              moat_rect_get_center (&bounds), toward_start);
    }
  else
    geometry->start = vertices[0];

  if (target != NULL)
    {
      MoatRect bounds = moat_element_get_bounds (target);

      geometry->end = moat_rect_exit_point (&bounds, is_elliptic (target),
                                            moat_rect_get_center (&bounds), toward_end);
    }
  else
    geometry->end = vertices[n_vertices - 1];

  geometry->handle1 = geometry->start;
  geometry->handle2 = geometry->end;

  return TRUE;
}

/* A straight flow between two elements, moved off the centre line by its
 * slot among the flows of the same pair. */
static void
compute_straight (MoatFlow         *flow,
                  MoatElement      *source,
                  MoatElement      *target,
                  int               slot,
                  MoatFlowGeometry *geometry)
{
  MoatRect source_bounds = moat_element_get_bounds (source);
  MoatRect target_bounds = moat_element_get_bounds (target);
  MoatPoint source_center = moat_rect_get_center (&source_bounds);
  MoatPoint target_center = moat_rect_get_center (&target_bounds);
  double dx;
  double dy;
  double length;
  double offset;

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
      return;
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
}

/**
 * moat_flow_geometry_compute:
 * @slots: (nullable): the slots of the flow's diagram, or %NULL to draw
 *   the flow on the centre line
 *
 * Returns: %FALSE if the flow's source or target is not an element of the
 *   document and no bend point replaces it, in which case nothing of
 *   the flow can be drawn
 */
gboolean
moat_flow_geometry_compute (MoatDocument     *document,
                            MoatFlowSlots    *slots,
                            MoatFlow         *flow,
                            MoatFlowGeometry *geometry)
{
  MoatElement *source = moat_document_get_flow_source (document, flow);
  MoatElement *target = moat_document_get_flow_target (document, flow);
  gboolean routed = moat_point_list_get_n_points (moat_flow_get_vertices (flow)) > 0;
  int slot = 0;
  double fraction;

  *geometry = (MoatFlowGeometry) { 0 };

  if (slots != NULL && !routed)
    slot = GPOINTER_TO_INT (g_hash_table_lookup (slots->slots, flow));

  if (routed)
    {
      if (!compute_routed (flow, source, target, geometry))
        return FALSE;
    }
  else if (source == NULL || target == NULL)
    return FALSE;
  else if (source == target)
    compute_loop (source, slot, geometry);
  else
    compute_straight (flow, source, target, slot, geometry);

  /* Parallel flows run close together, so their labels move apart along
   * the line to keep them from covering each other. Loops on one element
   * differ in size instead. */
  fraction = moat_flow_get_label_position (flow);
  if (!geometry->loop)
    {
      /* Slots count along the pair's fixed direction, as the offsets do. */
      double shift = slot * 0.12;

      if (g_strcmp0 (moat_flow_get_source_id (flow), moat_flow_get_target_id (flow)) > 0)
        shift = -shift;
      fraction = CLAMP (fraction + shift, 0, 1);
    }
  geometry->label_center = moat_flow_geometry_get_point_at (geometry, fraction);

  return TRUE;
}

/**
 * moat_flow_geometry_get_n_points:
 *
 * Returns: how many points moat_flow_geometry_get_points() gives: the
 *   ends and the bend points, or for a loop enough samples of its curve
 */
guint
moat_flow_geometry_get_n_points (const MoatFlowGeometry *geometry)
{
  g_return_val_if_fail (geometry != NULL, 0);

  return geometry->loop ? LOOP_SAMPLES : geometry->n_vertices + 2;
}

/**
 * moat_flow_geometry_get_points:
 * @points: (out caller-allocates): room for
 *   moat_flow_geometry_get_n_points() points
 *
 * Fills @points with the line the flow is drawn as, from start to end.
 */
void
moat_flow_geometry_get_points (const MoatFlowGeometry *geometry,
                               MoatPoint              *points)
{
  g_return_if_fail (geometry != NULL);
  g_return_if_fail (points != NULL);

  if (geometry->loop)
    {
      moat_flow_geometry_sample (geometry, points, LOOP_SAMPLES);
      return;
    }

  points[0] = geometry->start;
  for (guint i = 0; i < geometry->n_vertices; i++)
    points[i + 1] = geometry->vertices[i];
  points[geometry->n_vertices + 1] = geometry->end;
}

/* The length of the line through @points. */
double
moat_render_polyline_length (const MoatPoint *points,
                             guint            n_points)
{
  double length = 0;

  for (guint i = 1; i < n_points; i++)
    length += hypot (points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);

  return length;
}

/**
 * moat_flow_geometry_get_point_at:
 * @fraction: how far along the line, from 0 at the start to 1 at the end
 *
 * Returns: the point at @fraction of the line's length
 */
MoatPoint
moat_flow_geometry_get_point_at (const MoatFlowGeometry *geometry,
                                 double                  fraction)
{
  guint n_points = moat_flow_geometry_get_n_points (geometry);
  g_autofree MoatPoint *points = g_new (MoatPoint, n_points);
  double remaining;

  moat_flow_geometry_get_points (geometry, points);
  remaining = CLAMP (fraction, 0, 1) * moat_render_polyline_length (points, n_points);

  for (guint i = 1; i < n_points; i++)
    {
      double step = hypot (points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);

      if (step > 0 && remaining <= step)
        {
          double t = remaining / step;

          return (MoatPoint) { points[i - 1].x + (points[i].x - points[i - 1].x) * t,
                               points[i - 1].y + (points[i].y - points[i - 1].y) * t };
        }
      remaining -= step;
    }

  return points[n_points - 1];
}

/**
 * moat_flow_geometry_project:
 * @point: a point in diagram coordinates
 * @distance: (out) (optional): how far @point is from the line
 * @segment: (out) (optional): the index of the segment nearest to @point,
 *   where segment i runs from point i to point i + 1 of
 *   moat_flow_geometry_get_points()
 *
 * Finds the point of the line nearest to @point.
 *
 * Returns: where that point lies along the line, as a fraction of its
 *   length from the start
 */
double
moat_flow_geometry_project (const MoatFlowGeometry *geometry,
                            MoatPoint               point,
                            double                 *distance,
                            guint                  *segment)
{
  guint n_points = moat_flow_geometry_get_n_points (geometry);
  g_autofree MoatPoint *points = g_new (MoatPoint, n_points);
  double best_distance = G_MAXDOUBLE;
  double best_along = 0;
  guint best_segment = 0;
  double along = 0;
  double length;

  moat_flow_geometry_get_points (geometry, points);
  length = moat_render_polyline_length (points, n_points);

  for (guint i = 1; i < n_points; i++)
    {
      MoatPoint a = points[i - 1];
      MoatPoint b = points[i];
      double step = hypot (b.x - a.x, b.y - a.y);
      double t = 0;
      double d;

      if (step > 0)
        t = CLAMP (((point.x - a.x) * (b.x - a.x) + (point.y - a.y) * (b.y - a.y)) /
                   (step * step), 0, 1);

      d = hypot (a.x + (b.x - a.x) * t - point.x, a.y + (b.y - a.y) * t - point.y);
      if (d < best_distance)
        {
          best_distance = d;
          best_along = along + t * step;
          best_segment = i - 1;
        }
      along += step;
    }

  if (distance != NULL)
    *distance = best_distance;
  if (segment != NULL)
    *segment = best_segment;

  return length > 0 ? best_along / length : 0;
}

/**
 * moat_flow_geometry_sample:
 * @points: (out caller-allocates) (array length=n_points): at least 2 points
 *
 * Fills @points with points along the flow's line, from start to end: for
 * a loop at even steps of its curve's parameter, otherwise at even steps
 * of its length.
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
        points[i] = moat_flow_geometry_get_point_at (geometry, (double)i / (n_points - 1));
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
  double width;
  double height;

  if (name == NULL || name[0] == '\0')
    return FALSE;

  moat_render_measure_text (text, MOAT_TEXT_LABEL, name, FLOW_LABEL_MAX_WIDTH,
                            -FLOW_LABEL_MAX_LINES, &width, &height);
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

  if (!moat_render_get_threat_summary (document, target_id, &n_open, &highest))
    return FALSE;

  badge = moat_render_dup_badge_text (n_open, highest);
  moat_render_measure_text (text, MOAT_TEXT_BADGE, badge, 0, 0, width, height);
  *width += 2 * BADGE_PADDING_X;
  *height += 2 * BADGE_PADDING_Y;

  return TRUE;
}

/* How far the ink of the threat badge of @item reaches past its text's
 * box. */
static double
badge_overflow (MoatRenderText *text,
                MoatDocument   *document,
                MoatItem       *item)
{
  guint n_open;
  MoatSeverity highest;
  g_autofree char *badge = NULL;

  if (!moat_render_get_threat_summary (document, moat_item_get_id (item), &n_open, &highest))
    return 0;

  badge = moat_render_dup_badge_text (n_open, highest);

  return moat_render_measure_overflow (text, MOAT_TEXT_BADGE, badge, 0, 0);
}

/* The "Out of scope" caption of an out-of-scope flow: below the label, or
 * in its place when the flow has none. */
gboolean
moat_render_flow_caption_rect (MoatRenderText         *text,
                               MoatFlow               *flow,
                               const MoatFlowGeometry *geometry,
                               MoatRect               *rect)
{
  MoatRect label;
  double width;
  double height;

  if (!moat_flow_get_out_of_scope (flow))
    return FALSE;

  moat_render_measure_text (text, MOAT_TEXT_CAPTION, _("Out of scope"), 0, 0, &width, &height);

  if (moat_render_flow_label_rect (text, flow, geometry, &label))
    {
      MoatPoint center = { geometry->label_center.x,
                           label.y + label.height + CAPTION_GAP + height / 2 };

      *rect = rect_centered (center, width, height);
    }
  else
    *rect = rect_centered (geometry->label_center, width, height);

  return TRUE;
}

/* Below the label and caption, or in their place when the flow has
 * neither. */
gboolean
moat_render_flow_badge_rect (MoatRenderText         *text,
                             MoatDocument           *document,
                             MoatFlow               *flow,
                             const MoatFlowGeometry *geometry,
                             MoatRect               *rect)
{
  MoatRect above;
  double width;
  double height;

  if (!measure_badge (text, document, moat_item_get_id (MOAT_ITEM (flow)), &width, &height))
    return FALSE;

  if (moat_render_flow_caption_rect (text, flow, geometry, &above) ||
      moat_render_flow_label_rect (text, flow, geometry, &above))
    {
      MoatPoint center = { geometry->label_center.x,
                           above.y + above.height + BADGE_GAP + height / 2 };

      *rect = rect_centered (center, width, height);
    }
  else
    *rect = rect_centered (geometry->label_center, width, height);

  return TRUE;
}

/* A pill above the label, such as "STRIDE 3/6", on an in-scope flow
 * whose six categories are not all reviewed. @string is set to its
 * text. */
gboolean
moat_render_flow_review_rect (MoatRenderText         *text,
                              MoatFlow               *flow,
                              const MoatFlowGeometry *geometry,
                              char                  **string,
                              MoatRect               *rect)
{
  guint reviewed = 0;
  MoatRect label;
  double width;
  double height;

  if (moat_flow_get_out_of_scope (flow))
    return FALSE;

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    if (moat_flow_get_review_state (flow, category) != MOAT_REVIEW_NOT_REVIEWED)
      reviewed++;
  if (reviewed == MOAT_N_STRIDE_CATEGORIES)
    return FALSE;

  /* TRANSLATORS: on a data flow of the diagram: how many of the six
   * STRIDE categories are reviewed, such as "STRIDE 3/6" */
  *string = g_strdup_printf (_("STRIDE %u/%u"), reviewed, MOAT_N_STRIDE_CATEGORIES);
  moat_render_measure_text (text, MOAT_TEXT_BADGE, *string, 0, 0, &width, &height);

  rect->width = width + 2 * BADGE_PADDING_X;
  rect->height = height + 2 * BADGE_PADDING_Y;
  rect->x = geometry->label_center.x - rect->width / 2;
  if (moat_render_flow_label_rect (text, flow, geometry, &label))
    rect->y = label.y - rect->height - 2;
  else
    rect->y = geometry->label_center.y - rect->height / 2;

  return TRUE;
}

/* Just above the shape at @bounds, flush with its right edge, where
 * selection handles on the corners do not cover it. */
static gboolean
element_badge_rect_at (MoatRenderText *text,
                       MoatDocument   *document,
                       MoatElement    *element,
                       const MoatRect *bounds,
                       MoatRect       *rect)
{
  double width;
  double height;

  if (!measure_badge (text, document, moat_item_get_id (MOAT_ITEM (element)), &width, &height))
    return FALSE;

  *rect = (MoatRect) { bounds->x + bounds->width - width, bounds->y - height - BADGE_GAP,
                       width, height };

  return TRUE;
}

gboolean
moat_render_element_badge_rect (MoatRenderText *text,
                                MoatDocument   *document,
                                MoatElement    *element,
                                MoatRect       *rect)
{
  MoatRect bounds = moat_element_get_bounds (element);

  return element_badge_rect_at (text, document, element, &bounds, rect);
}

/* The "Out of scope" caption, centred under the shape at @bounds. */
static gboolean
element_caption_rect_at (MoatRenderText *text,
                         MoatElement    *element,
                         const MoatRect *bounds,
                         MoatRect       *rect)
{
  double width;
  double height;

  if (!moat_element_get_out_of_scope (element))
    return FALSE;

  moat_render_measure_text (text, MOAT_TEXT_CAPTION, _("Out of scope"), 0, 0, &width, &height);
  *rect = (MoatRect) { bounds->x + (bounds->width - width) / 2,
                       bounds->y + bounds->height + CAPTION_GAP, width, height };

  return TRUE;
}

gboolean
moat_render_element_caption_rect (MoatRenderText *text,
                                  MoatElement    *element,
                                  MoatRect       *rect)
{
  MoatRect bounds = moat_element_get_bounds (element);

  return element_caption_rect_at (text, element, &bounds, rect);
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
  double width;
  double height;

  if (name == NULL || name[0] == '\0' || max_width < 1)
    return FALSE;

  moat_render_measure_text (text, MOAT_TEXT_BOUNDARY, name, max_width, -1, &width, &height);
  *rect = (MoatRect) { bounds.x + BOUNDARY_LABEL_INSET, bounds.y + BOUNDARY_LABEL_INSET / 2,
                       MIN (width, max_width), height };

  return TRUE;
}

/* Where the name of @element goes when its shape is at @bounds: the
 * rectangle inscribed in the ellipse of a process, or the shape's inside
 * less a margin. With @with_divider, a data store's divider takes room
 * on the left. */
static void
name_area_at (MoatElement    *element,
              const MoatRect *bounds,
              gboolean        with_divider,
              MoatRect       *area)
{
  if (is_elliptic (element))
    {
      double width = bounds->width * G_SQRT2 / 2;
      double height = bounds->height * G_SQRT2 / 2;

      *area = (MoatRect) { bounds->x + (bounds->width - width) / 2,
                           bounds->y + (bounds->height - height) / 2, width, height };
    }
  else
    *area = (MoatRect) { bounds->x + TEXT_INSET, bounds->y + TEXT_INSET / 2,
                         bounds->width - 2 * TEXT_INSET, bounds->height - TEXT_INSET };

  if (with_divider && moat_element_get_kind (element) == MOAT_ELEMENT_KIND_DATA_STORE)
    {
      double divider = MIN (TEXT_INSET * 2, bounds->width / 4);

      area->x += divider;
      area->width -= divider;
    }
}

/* Where an element's name goes: the rectangle inscribed in the ellipse of
 * a process, or the shape's inside less a margin. */
void
moat_render_element_text_area (MoatElement *element,
                               MoatRect    *area)
{
  MoatRect bounds = moat_element_get_bounds (element);

  name_area_at (element, &bounds, FALSE, area);
}

/* Where an element's name is drawn: the text area, less the divider that
 * takes room on the left of a data store. */
void
moat_render_element_name_area (MoatElement *element,
                               MoatRect    *area)
{
  MoatRect bounds = moat_element_get_bounds (element);

  name_area_at (element, &bounds, TRUE, area);
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
      g_autofree MoatPoint *points = NULL;
      guint n_points;

      if (!moat_flow_geometry_compute (document, slots, MOAT_FLOW (item), &geometry))
        return FALSE;

      n_points = moat_flow_geometry_get_n_points (&geometry);
      points = g_new (MoatPoint, n_points);
      moat_flow_geometry_get_points (&geometry, points);
      *extents = (MoatRect) { points[0].x, points[0].y, 0, 0 };
      for (guint i = 1; i < n_points; i++)
        {
          part = (MoatRect) { points[i].x, points[i].y, 0, 0 };
          moat_rect_union (extents, &part, extents);
        }
      rect_grow (extents, ARROW_HALF_WIDTH + 1);

      if (moat_render_flow_label_rect (text, MOAT_FLOW (item), &geometry, &part))
        moat_rect_union (extents, &part, extents);
      if (moat_render_flow_caption_rect (text, MOAT_FLOW (item), &geometry, &part))
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

/* How far a stroke's half width and its antialiasing reach past a
 * shape. */
#define STROKE_REACH 2.0

/* Grows @extents to hold @rect, a text's box whose ink reaches
 * @overflow past it. */
static void
add_text_rect (MoatRect       *extents,
               const MoatRect *rect,
               double          overflow)
{
  MoatRect grown = *rect;

  rect_grow (&grown, overflow + STROKE_REACH);
  moat_rect_union (extents, &grown, extents);
}

/**
 * moat_render_get_element_drawn_extents:
 * @bounds: where the element's shape is, which need not be where it is
 *   now
 * @extents: (out): what drawing @element at @bounds with text touches:
 *   the shape, the name, the caption and the threat badge
 *
 * The texts and the badge are those of @element now, so @bounds can be
 * where the element was drawn before a change of its position or size
 * only.
 */
void
moat_render_get_element_drawn_extents (MoatRenderText *text,
                                       MoatDocument   *document,
                                       MoatElement    *element,
                                       const MoatRect *bounds,
                                       MoatRect       *extents)
{
  const char *name = moat_item_get_name (MOAT_ITEM (element));
  MoatRect area;
  MoatRect part;

  *extents = *bounds;
  rect_grow (extents, STROKE_REACH);

  name_area_at (element, bounds, TRUE, &area);
  if (name != NULL && name[0] != '\0' && area.width >= 1 && area.height >= 1)
    {
      double width;
      double height;

      moat_render_measure_text (text, MOAT_TEXT_NAME, name, area.width, area.height, &width,
                                &height);
      part = (MoatRect) { area.x, area.y + (area.height - MIN (height, area.height)) / 2,
                          width, height };
      add_text_rect (extents, &part,
                     moat_render_measure_overflow (text, MOAT_TEXT_NAME, name, area.width,
                                                   area.height));
    }

  if (element_caption_rect_at (text, element, bounds, &part))
    add_text_rect (extents, &part,
                   moat_render_measure_overflow (text, MOAT_TEXT_CAPTION, _("Out of scope"), 0,
                                                 0));

  if (element_badge_rect_at (text, document, element, bounds, &part))
    add_text_rect (extents, &part, badge_overflow (text, document, MOAT_ITEM (element)));
}

/**
 * moat_render_get_flow_drawn_extents:
 * @line: the area the flow's line stays in, which need not be where it
 *   is now
 * @label_center: where the centre of its label is with that line
 * @show_review_progress: whether the review pill is drawn
 * @extents: (out): what drawing @flow with text touches: the line, its
 *   arrowheads and crossing marks, the label, the caption, the threat
 *   badge and the review pill
 *
 * The texts, the badge and the review are those of @flow now, as for
 * moat_render_get_element_drawn_extents().
 */
void
moat_render_get_flow_drawn_extents (MoatRenderText *text,
                                    MoatDocument   *document,
                                    MoatFlow       *flow,
                                    const MoatRect *line,
                                    MoatPoint       label_center,
                                    gboolean        show_review_progress,
                                    MoatRect       *extents)
{
  MoatFlowGeometry geometry = { .label_center = label_center };
  g_autofree char *review = NULL;
  const char *name = moat_item_get_name (MOAT_ITEM (flow));
  MoatRect part;

  *extents = *line;
  rect_grow (extents, MAX (ARROW_HALF_WIDTH, CROSSING_MARK_RADIUS) + STROKE_REACH);

  if (moat_render_flow_label_rect (text, flow, &geometry, &part))
    add_text_rect (extents, &part,
                   moat_render_measure_overflow (text, MOAT_TEXT_LABEL, name,
                                                 FLOW_LABEL_MAX_WIDTH, -FLOW_LABEL_MAX_LINES));

  if (moat_render_flow_caption_rect (text, flow, &geometry, &part))
    add_text_rect (extents, &part,
                   moat_render_measure_overflow (text, MOAT_TEXT_CAPTION, _("Out of scope"), 0,
                                                 0));

  if (moat_render_flow_badge_rect (text, document, flow, &geometry, &part))
    add_text_rect (extents, &part, badge_overflow (text, document, MOAT_ITEM (flow)));

  if (show_review_progress &&
      moat_render_flow_review_rect (text, flow, &geometry, &review, &part))
    add_text_rect (extents, &part,
                   moat_render_measure_overflow (text, MOAT_TEXT_BADGE, review, 0, 0));
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
  MoatRect near = bounds;
  MoatRect part;

  /* The badge and caption stay within this of the shape, and measuring
   * them is the slow part. */
  rect_grow (&near, CULL_MARGIN);
  if (!moat_rect_contains_point (&near, x, y))
    return FALSE;

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

/* Whether @flow can be near the point at all, within @margin. */
static gboolean
may_hit_flow (MoatDocument    *document,
              MoatRenderIndex *index,
              MoatFlow        *flow,
              double           x,
              double           y,
              double           margin)
{
  MoatRect reach;

  if (index != NULL ? !moat_render_index_get_flow_reach (index, flow, &reach)
                    : !moat_render_get_flow_reach (document, flow, &reach))
    return FALSE;

  rect_grow (&reach, margin);

  return moat_rect_contains_point (&reach, x, y);
}

/* The slots of every flow are needed only once some flow is near, so
 * most hit tests never compute them. */
static MoatFlowSlots *
ensure_slots (MoatFlowSlots *slots,
              MoatDiagram   *diagram)
{
  if (slots->slots == NULL)
    moat_flow_slots_init (slots, diagram);

  return slots;
}

/* The geometry of @flow: kept by @index if there is one, otherwise
 * computed with the slots of its diagram. */
static gboolean
get_hit_geometry (MoatDocument     *document,
                  MoatDiagram      *diagram,
                  MoatFlowSlots    *slots,
                  MoatRenderIndex  *index,
                  MoatFlow         *flow,
                  MoatFlowGeometry *geometry)
{
  if (index != NULL)
    return moat_render_index_get_flow_geometry (index, flow, geometry);

  return moat_flow_geometry_compute (document, ensure_slots (slots, diagram), flow, geometry);
}

static gboolean
hit_flow_line (MoatDocument    *document,
               MoatDiagram     *diagram,
               MoatFlowSlots   *slots,
               MoatRenderIndex *index,
               MoatFlow        *flow,
               double         x,
               double         y,
               double         tolerance)
{
  MoatFlowGeometry geometry;
  g_autofree MoatPoint *points = NULL;
  MoatPoint point = { x, y };
  guint n_points;

  /* Parallel flows sit up to a few slots off the centre line. */
  if (!may_hit_flow (document, index, flow, x, y, tolerance + 4 * FLOW_SPACING) ||
      !get_hit_geometry (document, diagram, slots, index, flow, &geometry))
    return FALSE;

  n_points = moat_flow_geometry_get_n_points (&geometry);
  points = g_new (MoatPoint, n_points);
  moat_flow_geometry_get_points (&geometry, points);
  for (guint i = 1; i < n_points; i++)
    if (moat_point_segment_distance (point, points[i - 1], points[i]) <= tolerance)
      return TRUE;

  return FALSE;
}

/* The label, caption and badge, which are drawn above the elements. */
static gboolean
hit_flow_annotations (MoatRenderText  *text,
                      MoatDocument    *document,
                      MoatDiagram     *diagram,
                      MoatFlowSlots   *slots,
                      MoatRenderIndex *index,
                      MoatFlow        *flow,
                      double          x,
                      double          y)
{
  MoatFlowGeometry geometry;
  MoatRect part;

  /* A label stays on its line, so within its width of the flow's reach. */
  if (!may_hit_flow (document, index, flow, x, y, CULL_MARGIN + 4 * FLOW_SPACING) ||
      !get_hit_geometry (document, diagram, slots, index, flow, &geometry))
    return FALSE;

  /* Measuring text is the slow part, so only near the label's place. */
  if (fabs (x - geometry.label_center.x) > FLOW_LABEL_MAX_WIDTH ||
      fabs (y - geometry.label_center.y) > FLOW_LABEL_MAX_WIDTH)
    return FALSE;

  if (moat_render_flow_label_rect (text, flow, &geometry, &part) &&
      moat_rect_contains_point (&part, x, y))
    return TRUE;

  if (moat_render_flow_caption_rect (text, flow, &geometry, &part) &&
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

  /* The name is one line at the top, and measuring it is the slow part. */
  if (!moat_rect_contains_point (&bounds, x, y) || y > bounds.y + 4 * BOUNDARY_LABEL_INSET)
    return FALSE;

  return moat_render_boundary_label_rect (text, boundary, &label) &&
         moat_rect_contains_point (&label, x, y);
}

/* Tests @boundaries, @flows and @elements, each in diagram order, from
 * the topmost drawn down, as moat_render_hit_test() describes. The
 * arrays may contain only the items near the point, as long as they keep
 * the diagram's order. With @index, flows' geometry comes from it. */
MoatItem *
moat_render_hit_test_items (MoatRenderText  *text,
                            MoatDocument    *document,
                            MoatDiagram     *diagram,
                            MoatFlowSlots   *slots,
                            MoatRenderIndex *index,
                            GPtrArray       *boundaries,
                            GPtrArray       *flows,
                            GPtrArray       *elements,
                            double           x,
                            double           y,
                            double           tolerance)
{
  MoatItem *hit = NULL;

  for (guint i = flows->len; hit == NULL && i > 0; i--)
    if (hit_flow_annotations (text, document, diagram, slots, index,
                              g_ptr_array_index (flows, i - 1), x, y))
      hit = g_ptr_array_index (flows, i - 1);

  for (guint i = elements->len; hit == NULL && i > 0; i--)
    if (hit_element (text, document, g_ptr_array_index (elements, i - 1), x, y, tolerance))
      hit = g_ptr_array_index (elements, i - 1);

  for (guint i = flows->len; hit == NULL && i > 0; i--)
    if (hit_flow_line (document, diagram, slots, index, g_ptr_array_index (flows, i - 1), x, y,
                       tolerance))
      hit = g_ptr_array_index (flows, i - 1);

  for (guint i = boundaries->len; hit == NULL && i > 0; i--)
    if (hit_boundary (text, g_ptr_array_index (boundaries, i - 1), x, y, tolerance))
      hit = g_ptr_array_index (boundaries, i - 1);

  return hit;
}

/**
 * moat_render_hit_test:
 * @x: the point's x, in diagram coordinates
 * @y: the point's y, in diagram coordinates
 * @tolerance: how far from a line or outline still counts, in diagram units
 *
 * Finds the topmost item drawn at a point, in drawing order: flow labels
 * and badges above elements, above flow lines, above trust boundaries. A
 * boundary is hit only near its frame or on its name, so a click inside
 * it reaches what is behind.
 *
 * This walks every item of the diagram. moat_render_index_hit_test()
 * finds the same item in a time that does not grow with the diagram.
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
  MoatRenderText text;
  MoatFlowSlots slots = { NULL };
  MoatItem *hit;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), NULL);

  moat_render_text_init (&text, NULL);
  hit = moat_render_hit_test_items (&text, document, diagram, &slots, NULL,
                                    moat_diagram_get_boundaries (diagram),
                                    moat_diagram_get_flows (diagram),
                                    moat_diagram_get_elements (diagram), x, y, tolerance);
  moat_flow_slots_clear (&slots);
  moat_render_text_clear (&text);

  return hit;
}

/* Where segment a–b meets segment c–d, if it does. */
static gboolean
intersect_segments (MoatPoint  a,
                    MoatPoint  b,
                    MoatPoint  c,
                    MoatPoint  d,
                    MoatPoint *point)
{
  double rx = b.x - a.x;
  double ry = b.y - a.y;
  double sx = d.x - c.x;
  double sy = d.y - c.y;
  double denominator = rx * sy - ry * sx;
  double t;
  double u;

  if (denominator == 0)
    return FALSE;

  t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / denominator;
  u = ((c.x - a.x) * ry - (c.y - a.y) * rx) / denominator;
  if (t < 0 || t > 1 || u < 0 || u > 1)
    return FALSE;

  *point = (MoatPoint) { a.x + t * rx, a.y + t * ry };

  return TRUE;
}

/**
 * moat_render_add_frame_crossings:
 * @points: (array length=n_points): a line, as a flow is drawn
 * @crossings: (element-type MoatPoint): where to append the points at
 *   which the line passes through @boundary's frame
 *
 * Finds where a line crosses a boundary's rectangle. The rounded corners
 * are ignored: they differ from the rectangle by less than the mark
 * drawn there.
 */
void
moat_render_add_frame_crossings (MoatBoundary    *boundary,
                                 const MoatPoint *points,
                                 guint            n_points,
                                 GArray          *crossings)
{
  MoatRect bounds = moat_boundary_get_bounds (boundary);
  MoatPoint corners[5] = {
    { bounds.x, bounds.y },
    { bounds.x + bounds.width, bounds.y },
    { bounds.x + bounds.width, bounds.y + bounds.height },
    { bounds.x, bounds.y + bounds.height },
    { bounds.x, bounds.y },
  };

  for (guint i = 1; i < n_points; i++)
    for (guint side = 0; side < 4; side++)
      {
        MoatPoint point;

        if (!intersect_segments (points[i - 1], points[i], corners[side], corners[side + 1],
                                 &point))
          continue;

        /* A line through a corner meets two sides at one point. */
        if (crossings->len > 0)
          {
            MoatPoint last = g_array_index (crossings, MoatPoint, crossings->len - 1);

            if (fabs (last.x - point.x) < 0.5 && fabs (last.y - point.y) < 0.5)
              continue;
          }

        g_array_append_val (crossings, point);
      }
}

/**
 * moat_render_is_name_ellipsized:
 * @item: an element, flow or boundary of @diagram
 *
 * Tells whether the name drawn for @item is cut short with an ellipsis,
 * so a tooltip can show it whole.
 *
 * Returns: %TRUE if part of the name is not drawn
 */
gboolean
moat_render_is_name_ellipsized (MoatDocument *document,
                                MoatDiagram  *diagram,
                                MoatItem     *item)
{
  const char *name;
  MoatRenderText text;
  g_autoptr(PangoLayout) layout = NULL;
  gboolean ellipsized;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), FALSE);
  g_return_val_if_fail (MOAT_IS_ITEM (item), FALSE);

  name = moat_item_get_name (item);
  if (name == NULL || name[0] == '\0')
    return FALSE;

  moat_render_text_init (&text, NULL);

  if (MOAT_IS_ELEMENT (item))
    {
      MoatRect area;

      moat_render_element_name_area (MOAT_ELEMENT (item), &area);
      layout = area.width >= 1 && area.height >= 1
               ? moat_render_layout_new (&text, MOAT_TEXT_NAME, name, area.width, area.height)
               : NULL;
    }
  else if (MOAT_IS_FLOW (item))
    layout = moat_render_layout_new (&text, MOAT_TEXT_LABEL, name,
                                     FLOW_LABEL_MAX_WIDTH, -FLOW_LABEL_MAX_LINES);
  else if (MOAT_IS_BOUNDARY (item))
    {
      MoatRect bounds = moat_boundary_get_bounds (MOAT_BOUNDARY (item));
      double max_width = bounds.width - 2 * BOUNDARY_LABEL_INSET;

      layout = max_width >= 1
               ? moat_render_layout_new (&text, MOAT_TEXT_BOUNDARY, name, max_width, -1)
               : NULL;
    }

  /* No room at all hides the whole name. */
  ellipsized = layout == NULL || pango_layout_is_ellipsized (layout);
  g_clear_object (&layout);
  moat_render_text_clear (&text);

  return ellipsized;
}
