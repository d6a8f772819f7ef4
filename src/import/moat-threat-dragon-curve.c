/* moat-threat-dragon-curve.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "moat-threat-dragon-private.h"

/* Threat Dragon draws many trust boundaries as open curves between
 * elements, while a Moat boundary is a closed rectangle. A curve becomes
 * a rectangle only when the side it encloses is clear:
 *
 * - A curve whose ends meet encloses its inside.
 * - An open curve is extended straight from both ends to a frame around
 *   the diagram, which cuts the frame into two regions. The enclosed side
 *   is the smaller region, the one the curve cuts off; both regions must
 *   hold elements.
 *
 * Elements belong to the region that holds their centre. The rectangle is
 * the bounding box of the enclosed elements with some padding, and it must
 * not overlap any element outside. Last, Moat's crossings (a flow crosses
 * a boundary that holds exactly one of its ends) must be those of the
 * curve itself: every connected flow that the rectangle makes a crossing
 * flow must cross the curve's line, and no other. */

/* Ends closer than this (diagram units) make a closed curve. */
#define CLOSED_TOLERANCE 10.0

/* Space between the diagram's content and the frame the curve is
 * extended to. */
#define FRAME_MARGIN 40.0

static const double paddings[] = { 20.0, 10.0, 4.0, 0.0 };

static double
cross (MoatPoint o,
       MoatPoint a,
       MoatPoint b)
{
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Whether segments ab and cd cross at a point inside both; touching at an
 * end does not count. */
static gboolean
segments_cross (MoatPoint a,
                MoatPoint b,
                MoatPoint c,
                MoatPoint d)
{
  double d1 = cross (c, d, a);
  double d2 = cross (c, d, b);
  double d3 = cross (a, b, c);
  double d4 = cross (a, b, d);

  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
         ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

static gboolean
crosses_itself (const MoatPoint *points,
                guint            n_points)
{
  for (guint i = 0; i + 1 < n_points; i++)
    for (guint j = i + 2; j + 1 < n_points; j++)
      if (segments_cross (points[i], points[i + 1], points[j], points[j + 1]))
        return TRUE;

  return FALSE;
}

/* Whether segment ab crosses the polyline, skipping the segment
 * @skip (G_MAXUINT for none), the one ab starts from. */
static gboolean
crosses_polyline (MoatPoint        a,
                  MoatPoint        b,
                  const MoatPoint *points,
                  guint            n_points,
                  guint            skip)
{
  for (guint i = 0; i + 1 < n_points; i++)
    if (i != skip && segments_cross (a, b, points[i], points[i + 1]))
      return TRUE;

  return FALSE;
}

static gboolean
polygon_contains (const GArray *polygon,
                  MoatPoint     point)
{
  const MoatPoint *p = (const MoatPoint *)(gconstpointer)polygon->data;
  gboolean inside = FALSE;

  for (guint i = 0, j = polygon->len - 1; i < polygon->len; j = i++)
    if ((p[i].y > point.y) != (p[j].y > point.y) &&
        point.x < (p[j].x - p[i].x) * (point.y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
      inside = !inside;

  return inside;
}

static double
polygon_area (const GArray *polygon)
{
  const MoatPoint *p = (const MoatPoint *)(gconstpointer)polygon->data;
  double sum = 0;

  for (guint i = 0, j = polygon->len - 1; i < polygon->len; j = i++)
    sum += p[j].x * p[i].y - p[i].x * p[j].y;

  return fabs (sum) / 2;
}

/* Follows the ray from @from in @direction to the border of @frame, which
 * contains @from. */
static MoatPoint
ray_to_frame (const MoatRect *frame,
              MoatPoint       from,
              MoatPoint       direction)
{
  double t = G_MAXDOUBLE;

  if (direction.x > 0)
    t = MIN (t, (frame->x + frame->width - from.x) / direction.x);
  else if (direction.x < 0)
    t = MIN (t, (frame->x - from.x) / direction.x);

  if (direction.y > 0)
    t = MIN (t, (frame->y + frame->height - from.y) / direction.y);
  else if (direction.y < 0)
    t = MIN (t, (frame->y - from.y) / direction.y);

  return (MoatPoint) { from.x + t * direction.x, from.y + t * direction.y };
}

/* The distance along the frame's border, clockwise on screen from the
 * top-left corner, of a point on the border. */
static double
border_position (const MoatRect *frame,
                 MoatPoint       point)
{
  double left = fabs (point.x - frame->x);
  double right = fabs (point.x - (frame->x + frame->width));
  double top = fabs (point.y - frame->y);
  double bottom = fabs (point.y - (frame->y + frame->height));
  double nearest = MIN (MIN (left, right), MIN (top, bottom));

  if (nearest == top)
    return point.x - frame->x;
  if (nearest == right)
    return frame->width + point.y - frame->y;
  if (nearest == bottom)
    return frame->width + frame->height + frame->x + frame->width - point.x;

  return 2 * frame->width + frame->height + frame->y + frame->height - point.y;
}

/* Builds the region bounded by the extended curve and the frame's border,
 * walking the border from the curve's end back to its start clockwise
 * (@clockwise) or counter-clockwise. */
static GArray *
build_region (const MoatRect  *frame,
              const MoatPoint *points,
              guint            n_points,
              MoatPoint        start,
              MoatPoint        end,
              gboolean         clockwise)
{
  const MoatPoint corners[4] = {
    { frame->x, frame->y },
    { frame->x + frame->width, frame->y },
    { frame->x + frame->width, frame->y + frame->height },
    { frame->x, frame->y + frame->height },
  };
  double perimeter = 2 * (frame->width + frame->height);
  double from = border_position (frame, end);
  double to = border_position (frame, start);
  double span;
  GArray *polygon = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  double distances[4];
  guint order[4] = { 0, 1, 2, 3 };

  g_array_append_val (polygon, start);
  g_array_append_vals (polygon, points, n_points);
  g_array_append_val (polygon, end);

  span = fmod ((clockwise ? to - from : from - to) + perimeter, perimeter);
  for (guint i = 0; i < 4; i++)
    {
      double corner = border_position (frame, corners[i]);

      distances[i] = fmod ((clockwise ? corner - from : from - corner) + perimeter, perimeter);
    }

  /* Four corners: a small insertion sort by distance along the walk. */
  for (guint i = 1; i < 4; i++)
    for (guint j = i; j > 0 && distances[order[j]] < distances[order[j - 1]]; j--)
      {
        guint swap = order[j];

        order[j] = order[j - 1];
        order[j - 1] = swap;
      }

  for (guint i = 0; i < 4; i++)
    if (distances[order[i]] > 0 && distances[order[i]] < span)
      g_array_append_val (polygon, corners[order[i]]);

  return polygon;
}

/* Finds the padded bounding box of the enclosed elements that overlaps no
 * other element. */
static gboolean
fit_rectangle (const MoatRect *elements,
               guint           n_elements,
               const gboolean *enclosed,
               MoatRect       *region)
{
  MoatRect box = { 0 };
  gboolean found = FALSE;

  for (guint i = 0; i < n_elements; i++)
    if (enclosed[i])
      {
        if (found)
          moat_rect_union (&box, &elements[i], &box);
        else
          box = elements[i];
        found = TRUE;
      }

  for (guint p = 0; found && p < G_N_ELEMENTS (paddings); p++)
    {
      MoatRect padded = {
        box.x - paddings[p], box.y - paddings[p],
        box.width + 2 * paddings[p], box.height + 2 * paddings[p],
      };
      gboolean overlaps = FALSE;

      for (guint i = 0; i < n_elements && !overlaps; i++)
        overlaps = !enclosed[i] && moat_rect_intersects (&padded, &elements[i]);

      if (!overlaps)
        {
          *region = padded;
          return TRUE;
        }
    }

  return FALSE;
}

static MoatRect
get_frame (const MoatPoint *points,
           guint            n_points,
           const MoatRect  *elements,
           guint            n_elements)
{
  MoatRect frame = { points[0].x, points[0].y, 0, 0 };

  for (guint i = 1; i < n_points; i++)
    {
      MoatRect point = { points[i].x, points[i].y, 0, 0 };

      moat_rect_union (&frame, &point, &frame);
    }

  for (guint i = 0; i < n_elements; i++)
    moat_rect_union (&frame, &elements[i], &frame);

  frame.x -= FRAME_MARGIN;
  frame.y -= FRAME_MARGIN;
  frame.width += 2 * FRAME_MARGIN;
  frame.height += 2 * FRAME_MARGIN;

  return frame;
}

/* Works out which region of an open curve is enclosed, or explains why
 * none is. Returns the enclosed region's polygon. */
static GArray *
find_open_region (const MoatPoint  *points,
                  guint             n_points,
                  const MoatRect   *elements,
                  guint             n_elements,
                  char            **reason)
{
  MoatRect frame = get_frame (points, n_points, elements, n_elements);
  MoatPoint first = points[0];
  MoatPoint last = points[n_points - 1];
  MoatPoint start;
  MoatPoint end;
  g_autoptr(GArray) clockwise = NULL;
  g_autoptr(GArray) counter = NULL;
  guint n_clockwise = 0;

  start = ray_to_frame (&frame, first,
                        (MoatPoint) { first.x - points[1].x, first.y - points[1].y });
  end = ray_to_frame (&frame, last,
                      (MoatPoint) { last.x - points[n_points - 2].x,
                                    last.y - points[n_points - 2].y });

  if (crosses_polyline (first, start, points, n_points, 0) ||
      crosses_polyline (last, end, points, n_points, n_points - 2) ||
      segments_cross (first, start, last, end))
    {
      *reason = g_strdup (_("the line, continued from its ends to the edge of the diagram, "
                            "crosses itself"));
      return NULL;
    }

  clockwise = build_region (&frame, points, n_points, start, end, TRUE);
  counter = build_region (&frame, points, n_points, start, end, FALSE);

  for (guint i = 0; i < n_elements; i++)
    if (polygon_contains (clockwise, moat_rect_get_center (&elements[i])))
      n_clockwise++;

  if (n_clockwise == 0 || n_clockwise == n_elements)
    {
      *reason = g_strdup (_("the line does not separate any elements from the others"));
      return NULL;
    }

  return polygon_area (clockwise) <= polygon_area (counter) ? g_steal_pointer (&clockwise)
                                                           : g_steal_pointer (&counter);
}

/* Whether the flow's line crosses the curve an odd number of times, so
 * that its ends lie on different sides. */
static gboolean
flow_crosses_curve (const MoatThreatDragonFlowPath *flow,
                    const MoatPoint                *points,
                    guint                           n_points)
{
  const MoatPoint *line = (const MoatPoint *)(gconstpointer)flow->points->data;
  guint crossings = 0;

  for (guint i = 0; i + 1 < flow->points->len; i++)
    for (guint j = 0; j + 1 < n_points; j++)
      if (segments_cross (line[i], line[i + 1], points[j], points[j + 1]))
        crossings++;

  return crossings % 2 == 1;
}

static const char *
find_changed_crossing (GArray          *flows,
                       const gboolean  *enclosed,
                       const MoatPoint *points,
                       guint            n_points)
{
  for (guint i = 0; flows != NULL && i < flows->len; i++)
    {
      const MoatThreatDragonFlowPath *flow =
        &g_array_index (flows, MoatThreatDragonFlowPath, i);

      if (flow->source < 0 || flow->target < 0)
        continue;

      if ((enclosed[flow->source] != enclosed[flow->target]) !=
          flow_crosses_curve (flow, points, n_points))
        return flow->name;
    }

  return NULL;
}

/**
 * moat_threat_dragon_close_curve:
 * @points: (array length=n_points): the curve from start to end
 * @elements: (array length=n_elements): the bounds of the diagram's elements
 * @flows: (element-type MoatThreatDragonFlowPath) (nullable): the diagram's
 *   data flows, which must cross the rectangle as they cross the curve
 * @region: (out): the rectangle that becomes the Moat boundary
 * @reason: (out) (transfer full): why no region is clear, when %FALSE
 *
 * Decides whether a trust boundary curve encloses a clear region of the
 * diagram, and finds the rectangle that has the same elements inside.
 *
 * Returns: %TRUE if the curve becomes a boundary
 */
gboolean
moat_threat_dragon_close_curve (const MoatPoint  *points,
                                guint             n_points,
                                const MoatRect   *elements,
                                guint             n_elements,
                                GArray           *flows,
                                MoatRect         *region,
                                char            **reason)
{
  g_autoptr(GArray) polygon = NULL;
  const char *changed;
  g_autofree gboolean *enclosed = NULL;
  gboolean any_enclosed = FALSE;
  double gap;

  g_return_val_if_fail (region != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (n_points < 2)
    {
      *reason = g_strdup (_("the line has fewer than two points"));
      return FALSE;
    }

  if (crosses_itself (points, n_points))
    {
      *reason = g_strdup (_("the line crosses itself"));
      return FALSE;
    }

  gap = hypot (points[0].x - points[n_points - 1].x, points[0].y - points[n_points - 1].y);
  if (n_points >= 4 && gap <= CLOSED_TOLERANCE)
    {
      polygon = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
      g_array_append_vals (polygon, points, n_points);
    }
  else
    {
      polygon = find_open_region (points, n_points, elements, n_elements, reason);
      if (polygon == NULL)
        return FALSE;
    }

  enclosed = g_new0 (gboolean, MAX (n_elements, 1));
  for (guint i = 0; i < n_elements; i++)
    {
      enclosed[i] = polygon_contains (polygon, moat_rect_get_center (&elements[i]));
      any_enclosed |= enclosed[i];
    }

  if (!any_enclosed)
    {
      *reason = g_strdup (_("the line encloses no element"));
      return FALSE;
    }

  if (!fit_rectangle (elements, n_elements, enclosed, region))
    {
      *reason = g_strdup (_("no rectangle holds the enclosed elements without overlapping "
                            "an element outside"));
      return FALSE;
    }

  changed = find_changed_crossing (flows, enclosed, points, n_points);
  if (changed != NULL)
    {
      *reason = g_strdup_printf (_("a rectangle would change whether the data flow “%s” "
                                   "crosses the boundary"),
                                 changed);
      return FALSE;
    }

  return TRUE;
}
