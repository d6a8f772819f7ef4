/* test-render-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The spatial index and the tiles against the walk over every item that
 * they replace: same items, same order, same hits, same pixels.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "moat-render.h"
#include "moat-render-private.h"
#include "moat-render-tiles.h"

#define SEED 20261205

/* With cairo 1.16, a few hundred pixels near a tile's edge, and a few
 * elsewhere in a tile rendered again in part, differ by up to 22 levels
 * in a channel from one render of the whole view. A likely cause, not
 * confirmed in cairo's code: its scan converter computes a row's coverage
 * either exactly or from 15 sub-rows, depending on the edges the surface
 * clips, and 1/15 of full scale is 17 levels. A seam or a stale item
 * would differ by far more, because a line or fill would be missing. */
#define TILE_TOLERANCE 32

static MoatDiagram *
get_diagram (MoatDocument *document)
{
  return g_ptr_array_index (moat_document_get_diagrams (document), 0);
}

static double
random_between (GRand  *rand,
                double  low,
                double  high)
{
  return g_rand_double_range (rand, low, high);
}

static gpointer
pick (GRand     *rand,
      GPtrArray *array)
{
  if (array->len == 0)
    return NULL;

  return g_ptr_array_index (array, g_rand_int_range (rand, 0, array->len));
}

/* A diagram of @n_elements elements of every kind scattered over an area
 * that grows with their number, with straight, parallel, looping and
 * routed flows, nested and overlapping boundaries, out-of-scope items
 * and open threats, all from @seed. The document accepts no flow with a
 * missing end, so none is dangling. */
static MoatDocument *
new_random_model (guint   n_elements,
                  guint32 seed)
{
  MoatDocument *document = moat_document_new_with_diagram ("Random");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double side = 300 * sqrt (n_elements);
  g_autofree char *previous_source = NULL;
  g_autofree char *previous_target = NULL;

  for (guint i = 0; i < n_elements / 8 + 1; i++)
    {
      g_autofree char *id = g_strdup_printf ("boundary-%u", i);
      g_autofree char *name = g_strdup_printf ("Zone %u", i);
      g_autoptr(MoatBoundary) boundary = moat_boundary_new (id, i % 5 == 0 ? "" : name);
      double width = random_between (rand, 60, side / 2);
      double height = random_between (rand, 60, side / 2);

      g_object_set (boundary, "x", random_between (rand, -side / 4, side), "y",
                    random_between (rand, -side / 4, side), "width", width, "height", height,
                    NULL);
      moat_document_add_item (document, get_diagram (document), MOAT_ITEM (boundary));
    }

  for (guint i = 0; i < n_elements; i++)
    {
      g_autofree char *id = g_strdup_printf ("element-%u", i);
      g_autofree char *name = g_strdup_printf ("Element %u with a longer name", i);
      MoatElementKind kind = g_rand_int_range (rand, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY,
                                               MOAT_ELEMENT_KIND_DATA_STORE + 1);
      g_autoptr(MoatElement) element = moat_element_new (kind, id, name);

      g_object_set (element, "x", random_between (rand, 0, side), "y",
                    random_between (rand, 0, side), "width", random_between (rand, 40, 200),
                    "height", random_between (rand, 30, 120), "out-of-scope",
                    g_rand_int_range (rand, 0, 10) == 0, NULL);
      moat_document_add_item (document, get_diagram (document), MOAT_ITEM (element));
    }

  for (guint i = 0; i < n_elements * 3 / 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("flow-%u", i);
      g_autofree char *source = NULL;
      g_autofree char *target = NULL;
      /* Every third label is cut after two lines with an ellipsis. */
      g_autofree char *label = i % 3 == 1
                                 ? g_strdup_printf ("Flow %u with orders, payments and "
                                                    "the addresses of customers", i)
                                 : g_strdup_printf ("Flow %u", i);
      g_autoptr(MoatFlow) flow = NULL;
      int shape = g_rand_int_range (rand, 0, 10);

      /* A flow parallel to the one before shares its pair, either way
       * round, and a loop has one element at both ends. */
      if (shape <= 1 && previous_source != NULL)
        {
          source = g_strdup (shape == 0 ? previous_source : previous_target);
          target = g_strdup (shape == 0 ? previous_target : previous_source);
        }
      else
        {
          source = g_strdup_printf ("element-%u", g_rand_int_range (rand, 0, n_elements));
          target = shape == 9 ? g_strdup (source)
                              : g_strdup_printf ("element-%u",
                                                 g_rand_int_range (rand, 0, n_elements));
        }
      g_free (previous_source);
      g_free (previous_target);
      previous_source = g_strdup (source);
      previous_target = g_strdup (target);

      flow = moat_flow_new (id, source, target, i % 7 == 0 ? "" : label);
      if (shape == 2 || shape == 3)
        {
          MoatPoint points[3];
          g_autoptr(MoatPointList) vertices = NULL;

          for (guint p = 0; p < G_N_ELEMENTS (points); p++)
            points[p] = (MoatPoint) { random_between (rand, 0, side),
                                      random_between (rand, 0, side) };
          vertices = moat_point_list_new (points, G_N_ELEMENTS (points));
          g_object_set (flow, "vertices", vertices, NULL);
        }
      g_object_set (flow, "out-of-scope", g_rand_int_range (rand, 0, 8) == 0, NULL);
      moat_document_add_item (document, get_diagram (document), MOAT_ITEM (flow));

      if (i % 3 == 0)
        {
          g_autoptr(MoatThreat) threat = moat_threat_new (NULL, id, MOAT_STRIDE_SPOOFING,
                                                          "Spoofed sender");

          g_object_set (threat, "impact-integrity", g_rand_int_range (rand, 1, 4),
                        "probability", g_rand_int_range (rand, 1, 4), NULL);
          moat_document_add_threat (document, threat);
        }
    }

  return document;
}

/* Whether one of the rectangles @item is filed under meets @area. */
static gboolean
item_meets (MoatRenderIndex *index,
            MoatItem        *item,
            const MoatRect  *area)
{
  guint n_rects = 0;
  const MoatRect *rects = moat_render_index_get_item_rects (index, item, &n_rects);

  for (guint i = 0; i < n_rects; i++)
    if (moat_rect_intersects (&rects[i], area))
      return TRUE;

  return FALSE;
}

/* What the index must return for @area, found by testing every item. */
static void
query_brute_force (MoatRenderIndex *index,
                   const MoatRect  *area,
                   GPtrArray       *result[3])
{
  MoatDiagram *diagram = moat_render_index_get_diagram (index);
  GPtrArray *arrays[3] = { moat_diagram_get_boundaries (diagram),
                           moat_diagram_get_flows (diagram),
                           moat_diagram_get_elements (diagram) };

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatItem *item = g_ptr_array_index (arrays[a], i);

        if (item_meets (index, item, area))
          g_ptr_array_add (result[a], item);
      }
}

static void
assert_same_items (GPtrArray *expected,
                   GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_ptr_array_index (actual, i) == g_ptr_array_index (expected, i));
}

static void
test_query_matches_brute_force (void)
{
  g_autoptr(MoatDocument) document = new_random_model (400, SEED);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  double side = 300 * sqrt (400);
  guint n_nonempty = 0;

  for (guint q = 0; q < 300; q++)
    {
      g_autoptr(GPtrArray) expected_boundaries = g_ptr_array_new ();
      g_autoptr(GPtrArray) expected_flows = g_ptr_array_new ();
      g_autoptr(GPtrArray) expected_elements = g_ptr_array_new ();
      g_autoptr(GPtrArray) boundaries = g_ptr_array_new ();
      g_autoptr(GPtrArray) flows = g_ptr_array_new ();
      g_autoptr(GPtrArray) elements = g_ptr_array_new ();
      GPtrArray *expected[3] = { expected_boundaries, expected_flows, expected_elements };
      /* Points, views of a few screens, and areas larger than the
       * diagram, some of them off its edges. */
      double size = q % 3 == 0 ? 0 : q % 3 == 1 ? random_between (rand, 50, 2000)
                                                : random_between (rand, side, 3 * side);
      MoatRect area = { random_between (rand, -side / 2, side * 1.2),
                        random_between (rand, -side / 2, side * 1.2), size, size * 0.6 };

      query_brute_force (index, &area, expected);
      moat_render_index_query (index, &area, boundaries, flows, elements);

      assert_same_items (expected_boundaries, boundaries);
      assert_same_items (expected_flows, flows);
      assert_same_items (expected_elements, elements);
      n_nonempty += elements->len > 0;
    }

  /* The areas must find something, or the comparison proves little. */
  g_assert_cmpuint (n_nonempty, >, 100);
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, 1);
}

/* Points where hits are likely and hard: element centres and edges,
 * flow label centres and bend points, boundary corners, and points
 * anywhere. */
static GArray *
collect_probe_points (MoatDocument *document,
                      guint32       seed)
{
  MoatDiagram *diagram = get_diagram (document);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  GPtrArray *boundaries = moat_diagram_get_boundaries (diagram);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double side = 300 * sqrt (elements->len);

  for (guint i = 0; i < elements->len; i += 3)
    {
      MoatRect bounds = moat_element_get_bounds (g_ptr_array_index (elements, i));
      MoatPoint center = moat_rect_get_center (&bounds);
      MoatPoint edge = { bounds.x + bounds.width + 2, center.y };

      g_array_append_val (points, center);
      g_array_append_val (points, edge);
    }

  for (guint i = 0; i < flows->len; i += 2)
    {
      MoatFlowGeometry geometry;

      if (!moat_render_get_flow_geometry (document, diagram, g_ptr_array_index (flows, i),
                                          &geometry))
        continue;

      g_array_append_val (points, geometry.label_center);
      g_array_append_val (points, geometry.start);
      for (guint v = 0; v < geometry.n_vertices; v++)
        g_array_append_val (points, geometry.vertices[v]);
    }

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatRect bounds = moat_boundary_get_bounds (g_ptr_array_index (boundaries, i));
      MoatPoint corner = { bounds.x + 1, bounds.y + 10 };

      g_array_append_val (points, corner);
    }

  for (guint i = 0; i < 1000; i++)
    {
      MoatPoint point = { random_between (rand, -100, side + 100),
                          random_between (rand, -100, side + 100) };

      g_array_append_val (points, point);
    }

  return points;
}

static void
assert_hits_match (MoatDocument    *document,
                   MoatRenderIndex *index,
                   GArray          *points,
                   guint           *n_hits)
{
  static const double tolerances[] = { 0, 4, 25, 80 };

  for (guint t = 0; t < G_N_ELEMENTS (tolerances); t++)
    for (guint i = 0; i < points->len; i++)
      {
        MoatPoint point = g_array_index (points, MoatPoint, i);
        MoatItem *expected = moat_render_hit_test (document, get_diagram (document), point.x,
                                                   point.y, tolerances[t]);
        MoatItem *actual = moat_render_index_hit_test (index, point.x, point.y, tolerances[t]);

        if (actual != expected)
          g_error ("Hit test at (%g, %g) with tolerance %g found %s, the linear scan %s",
                   point.x, point.y, tolerances[t],
                   actual != NULL ? moat_item_get_id (actual) : "nothing",
                   expected != NULL ? moat_item_get_id (expected) : "nothing");
        *n_hits += actual != NULL;
      }
}

static void
test_hit_test_matches_linear_scan (void)
{
  g_autoptr(MoatDocument) document = new_random_model (300, SEED + 2);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  g_autoptr(GArray) points = collect_probe_points (document, SEED + 3);
  guint n_hits = 0;

  assert_hits_match (document, index, points, &n_hits);

  /* Most probes sit on items, so most must hit. */
  g_assert_cmpuint (n_hits, >, points->len);
}

/* After edits through the document the index rebuilds and finds what
 * the linear scan finds in the new geometry. */
static void
test_index_follows_edits (void)
{
  g_autoptr(MoatDocument) document = new_random_model (120, SEED + 4);
  MoatDiagram *diagram = get_diagram (document);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, diagram);
  MoatElement *element = g_ptr_array_index (moat_diagram_get_elements (diagram), 10);
  MoatItem *doomed = g_ptr_array_index (moat_diagram_get_elements (diagram), 20);
  MoatRect bounds = moat_element_get_bounds (element);
  g_autoptr(GArray) points = NULL;
  guint n_hits = 0;
  guint n_builds;

  g_assert_true (moat_render_index_hit_test (index, bounds.x + bounds.width / 2,
                                             bounds.y + bounds.height / 2, 0) != NULL);
  n_builds = moat_render_index_get_n_builds (index);

  /* Far from every other element, where only it can be hit. */
  moat_document_set (document, element, "x", -5000.0, "y", -5000.0, NULL);
  g_assert_true (moat_render_index_hit_test (index, -5000 + bounds.width / 2,
                                             -5000 + bounds.height / 2, 0) ==
                 MOAT_ITEM (element));
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, n_builds + 1);

  /* Queries without a change in between reuse the index. */
  moat_render_index_hit_test (index, 0, 0, 4);
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, n_builds + 1);

  moat_document_remove_items (document, &doomed, 1);
  points = collect_probe_points (document, SEED + 5);
  assert_hits_match (document, index, points, &n_hits);

  g_assert_true (moat_document_undo (document));
  assert_hits_match (document, index, points, &n_hits);
  g_assert_cmpuint (n_hits, >, 0);
}

/* Asserts that @index files @item under the rectangles a new index of
 * the document files it under. */
static void
assert_same_rects (MoatRenderIndex *index,
                   MoatRenderIndex *fresh,
                   MoatItem        *item)
{
  guint n_rects = 0;
  guint n_fresh_rects = 0;
  const MoatRect *rects = moat_render_index_get_item_rects (index, item, &n_rects);
  const MoatRect *fresh_rects = moat_render_index_get_item_rects (fresh, item, &n_fresh_rects);

  g_assert_nonnull (rects);
  g_assert_nonnull (fresh_rects);
  g_assert_cmpuint (n_rects, ==, n_fresh_rects);
  for (guint i = 0; i < n_rects; i++)
    {
      g_assert_cmpfloat (rects[i].x, ==, fresh_rects[i].x);
      g_assert_cmpfloat (rects[i].y, ==, fresh_rects[i].y);
      g_assert_cmpfloat (rects[i].width, ==, fresh_rects[i].width);
      g_assert_cmpfloat (rects[i].height, ==, fresh_rects[i].height);
    }
}

static void
assert_queries_match (MoatRenderIndex *index,
                      GRand           *rand,
                      double           side)
{
  for (guint q = 0; q < 20; q++)
    {
      g_autoptr(GPtrArray) expected_boundaries = g_ptr_array_new ();
      g_autoptr(GPtrArray) expected_flows = g_ptr_array_new ();
      g_autoptr(GPtrArray) expected_elements = g_ptr_array_new ();
      g_autoptr(GPtrArray) boundaries = g_ptr_array_new ();
      g_autoptr(GPtrArray) flows = g_ptr_array_new ();
      g_autoptr(GPtrArray) elements = g_ptr_array_new ();
      GPtrArray *expected[3] = { expected_boundaries, expected_flows, expected_elements };
      double size = random_between (rand, 50, side / 3);
      MoatRect area = { random_between (rand, 0, side), random_between (rand, 0, side), size,
                        size * 0.6 };

      query_brute_force (index, &area, expected);
      moat_render_index_query (index, &area, boundaries, flows, elements);

      assert_same_items (expected_boundaries, boundaries);
      assert_same_items (expected_flows, flows);
      assert_same_items (expected_elements, elements);
    }
}

/* Moving elements and resizing boundaries inside the diagram updates
 * their entries, and those of the flows attached, without a build, and
 * the index then files and finds them as a new index does. Threat
 * changes update the counts of open threats. New ends of a flow build
 * the index again. */
static void
test_index_updates_in_place (void)
{
  g_autoptr(MoatDocument) document = new_random_model (300, SEED + 12);
  MoatDiagram *diagram = get_diagram (document);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, diagram);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 13);
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  GPtrArray *boundaries = moat_diagram_get_boundaries (diagram);
  GPtrArray *threats = moat_document_get_threats (document);
  g_autoptr(GArray) points = NULL;
  MoatThreat *threat = NULL;
  MoatRect extents;
  MoatPoint center;
  double side;
  guint n_hits = 0;
  guint n_open;
  guint n_open_expected;
  MoatSeverity highest;
  MoatSeverity highest_expected;
  MoatItem *target;
  MoatFlow *flow;

  g_assert_true (moat_render_get_diagram_extents (document, diagram, &extents));
  center = moat_rect_get_center (&extents);
  side = MAX (extents.width, extents.height);
  moat_render_index_hit_test (index, 0, 0, 0);
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, 1);

  for (guint step = 0; step < 40; step++)
    {
      g_autoptr(MoatRenderIndex) fresh = moat_render_index_new (document, diagram);

      if (step % 4 == 3)
        {
          MoatBoundary *boundary = pick (rand, boundaries);
          MoatRect bounds = moat_boundary_get_bounds (boundary);

          /* Smaller, so it stays inside the grid. */
          moat_document_set (document, boundary, "width", bounds.width * 0.8, "height",
                             bounds.height * 0.9, NULL);
          assert_queries_match (index, rand, side);
          assert_same_rects (index, fresh, MOAT_ITEM (boundary));
        }
      else
        {
          MoatElement *element = pick (rand, elements);
          MoatRect bounds = moat_element_get_bounds (element);
          double factor = random_between (rand, 0.05, 0.3);

          /* Toward the centre, so it stays inside the grid. */
          moat_document_set (document, element,
                             "x", bounds.x + (center.x - bounds.x) * factor,
                             "y", bounds.y + (center.y - bounds.y) * factor, NULL);
          assert_queries_match (index, rand, side);
          assert_same_rects (index, fresh, MOAT_ITEM (element));

          for (guint i = 0; i < flows->len; i++)
            {
              MoatFlow *attached = g_ptr_array_index (flows, i);

              if (moat_document_get_flow_source (document, attached) == element ||
                  moat_document_get_flow_target (document, attached) == element)
                assert_same_rects (index, fresh, MOAT_ITEM (attached));
            }
        }
    }

  points = collect_probe_points (document, SEED + 14);
  assert_hits_match (document, index, points, &n_hits);
  g_assert_cmpuint (n_hits, >, 0);
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, 1);

  /* A threat closed: its target's badge counts one open threat fewer. */
  for (guint i = 0; i < threats->len && threat == NULL; i++)
    if (moat_threat_get_status (g_ptr_array_index (threats, i)) == MOAT_THREAT_STATUS_OPEN)
      threat = g_ptr_array_index (threats, i);
  g_assert_nonnull (threat);
  target = MOAT_ITEM (moat_document_lookup (document, moat_threat_get_target_id (threat)));
  g_assert_true (moat_render_index_get_threat_summary (index, target, &n_open, &highest));
  moat_document_set (document, threat, "status", MOAT_THREAT_STATUS_MITIGATED, NULL);
  moat_render_get_threat_summary (document, moat_item_get_id (target), &n_open_expected,
                                  &highest_expected);
  moat_render_index_get_threat_summary (index, target, &n_open, &highest);
  g_assert_cmpuint (n_open, ==, n_open_expected);
  g_assert_cmpint (highest, ==, highest_expected);
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, 1);

  /* New ends change the slots of parallel flows: only a build follows. */
  flow = g_ptr_array_index (flows, 0);
  moat_document_set (document, flow, "target-id",
                     moat_item_get_id (g_ptr_array_index (elements, 1)), NULL);
  moat_render_index_hit_test (index, 0, 0, 0);
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, 2);
}

/* Renders @view at @zoom with the canvas's options. The transformation
 * moves by whole device pixels before it scales, as tiles do, so that
 * rounding cannot tell the two apart. */
/* One render of @view at @zoom as the tiles render it, culled through
 * @index unless it is %NULL, without the items of @hidden. */
static cairo_surface_t *
render_view_with (MoatDocument    *document,
                  MoatRenderIndex *index,
                  GHashTable      *hidden,
                  double           zoom,
                  const MoatRect  *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int)(view->width * zoom),
                                                         (int)(view->height * zoom));
  cairo_t *cr = cairo_create (surface);
  MoatRenderOptions options;

  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.detail_min_scale = MOAT_RENDER_DETAIL_MIN_SCALE;
  options.show_review_progress = TRUE;
  options.visible = *view;
  options.index = index;
  options.hidden = hidden;

  cairo_translate (cr, -round (view->x * zoom), -round (view->y * zoom));
  cairo_scale (cr, zoom, zoom);
  moat_render_diagram (document, get_diagram (document), cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static cairo_surface_t *
render_view (MoatDocument    *document,
             MoatRenderIndex *index,
             double           zoom,
             const MoatRect  *view)
{
  return render_view_with (document, index, NULL, zoom, view);
}

static int
get_channel_difference (guint32 a,
                        guint32 b)
{
  int difference = 0;

  for (int shift = 0; shift < 32; shift += 8)
    difference = MAX (difference, abs ((int)(a >> shift & 0xff) - (int)(b >> shift & 0xff)));

  return difference;
}

/* Fails unless every channel of every pixel is within @tolerance levels
 * of @expected. */
static void
assert_same_pixels (cairo_surface_t *expected,
                    cairo_surface_t *actual,
                    int              tolerance)
{
  int width = cairo_image_surface_get_width (expected);
  int height = cairo_image_surface_get_height (expected);
  int stride = cairo_image_surface_get_stride (expected);
  const guint32 *expected_data = (const guint32 *)cairo_image_surface_get_data (expected);
  const guint32 *actual_data = (const guint32 *)cairo_image_surface_get_data (actual);
  guint n_different = 0;
  int first_x = -1;
  int first_y = -1;

  g_assert_cmpint (cairo_image_surface_get_width (actual), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (get_channel_difference (expected_data[y * stride / 4 + x],
                                  actual_data[y * stride / 4 + x]) > tolerance)
        {
          if (n_different++ == 0)
            {
              first_x = x;
              first_y = y;
            }
        }

  if (n_different > 0)
    g_error ("%u of %d pixels differ, the first at (%d, %d): %08x instead of %08x",
             n_different, width * height, first_x, first_y,
             actual_data[first_y * stride / 4 + first_x],
             expected_data[first_y * stride / 4 + first_x]);
}

/* Culling through the index and drawing with kept layouts change no
 * pixel, at full detail, without text and in the far view, twice in a
 * row so the second call uses the kept layouts. */
static void
test_render_with_index_same_pixels (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 6);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  static const double zooms[] = { 1, 0.5, 0.2, 0.1 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      MoatRect view = { 900, 700, 640 / zooms[z], 400 / zooms[z] };
      cairo_surface_t *expected = render_view (document, NULL, zooms[z], &view);

      for (guint pass = 0; pass < 2; pass++)
        {
          cairo_surface_t *actual = render_view (document, index, zooms[z], &view);

          assert_same_pixels (expected, actual, 0);
          cairo_surface_destroy (actual);
        }
      cairo_surface_destroy (expected);
    }
}

/* The moving items of a drag, an element with its flows, drawn on
 * their own with only=: sorted by the index, which each move makes
 * stale, they give the pixels of the walk over the diagram. */
static cairo_surface_t *
render_only (MoatDocument    *document,
             MoatRenderIndex *index,
             GHashTable      *only,
             const MoatRect  *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int)view->width, (int)view->height);
  cairo_t *cr = cairo_create (surface);
  MoatRenderOptions options;

  moat_render_options_init (&options);
  options.draw_background = FALSE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.only = only;
  options.visible = *view;
  options.index = index;

  cairo_translate (cr, -view->x, -view->y);
  moat_render_diagram (document, get_diagram (document), cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
test_render_only_same_pixels (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 8);
  MoatDiagram *diagram = get_diagram (document);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, diagram);
  g_autoptr(GHashTable) only = g_hash_table_new (NULL, NULL);
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  MoatElement *element = NULL;
  MoatItem *doomed;
  MoatRect bounds;
  MoatRect view;
  guint n_flows = 0;

  /* The element with the most flows, which then include parallel ones. */
  for (guint e = 0; e < moat_diagram_get_elements (diagram)->len; e++)
    {
      MoatElement *candidate = g_ptr_array_index (moat_diagram_get_elements (diagram), e);
      guint n = 0;

      for (guint i = 0; i < flows->len; i++)
        n += moat_document_get_flow_source (document, g_ptr_array_index (flows, i)) ==
             candidate;
      if (n > n_flows)
        {
          element = candidate;
          n_flows = n;
        }
    }
  g_assert_nonnull (element);

  g_hash_table_add (only, element);
  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (moat_document_get_flow_source (document, flow) == element ||
          moat_document_get_flow_target (document, flow) == element)
        g_hash_table_add (only, flow);
    }

  bounds = moat_element_get_bounds (element);
  view = (MoatRect) { bounds.x - 400, bounds.y - 300, 1000, 700 };

  /* A built index, the same index after a move, and after a removal,
   * which shifts positions so the walk takes over. */
  moat_render_index_hit_test (index, bounds.x, bounds.y, 0);
  for (guint step = 0; step < 3; step++)
    {
      cairo_surface_t *expected = render_only (document, NULL, only, &view);
      cairo_surface_t *actual = render_only (document, index, only, &view);

      assert_same_pixels (expected, actual, 0);
      cairo_surface_destroy (expected);
      cairo_surface_destroy (actual);

      if (step == 0)
        moat_document_set (document, element, "x", bounds.x + 30, NULL);
      else if (step == 1)
        {
          doomed = g_ptr_array_index (moat_diagram_get_boundaries (diagram), 0);
          moat_document_remove_items (document, &doomed, 1);
        }
    }

  /* The index was built once: drawing the moving items never rebuilt it. */
  g_assert_cmpuint (moat_render_index_get_n_builds (index), ==, 1);
}

/* Tiles put side by side give the pixels of one render of the same
 * view, so no seam shows between them. */
static void
test_tiles_meet_without_seams (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 7);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  g_autoptr(MoatRenderTiles) tiles = moat_render_tiles_new (index);
  double zoom = 1.25;
  double side = MOAT_RENDER_TILE_SIZE / zoom;
  /* Two by two tiles, from tile column 3 and row 2. */
  MoatRect view = { 3 * side, 2 * side, 2 * side, 2 * side };
  g_autoptr(GPtrArray) visible = NULL;
  cairo_surface_t *expected;
  cairo_surface_t *combined;
  MoatRenderOptions options;
  cairo_t *cr;

  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_set_scale (tiles, zoom);

  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), ==, 4);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), ==, 0);
  visible = moat_render_tiles_get_visible (tiles, &view);
  g_assert_cmpuint (visible->len, ==, 4);

  combined = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * MOAT_RENDER_TILE_SIZE,
                                         2 * MOAT_RENDER_TILE_SIZE);
  cr = cairo_create (combined);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  for (guint i = 0; i < visible->len; i++)
    {
      MoatRenderTile *tile = g_ptr_array_index (visible, i);

      double x = (tile->column - 3) * MOAT_RENDER_TILE_SIZE;
      double y = (tile->row - 2) * MOAT_RENDER_TILE_SIZE;

      /* The source operator replaces what is under the tile only. */
      cairo_set_source_surface (cr, tile->surface, x, y);
      cairo_rectangle (cr, x, y, MOAT_RENDER_TILE_SIZE, MOAT_RENDER_TILE_SIZE);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (combined);

  expected = render_view (document, NULL, zoom, &view);
  assert_same_pixels (expected, combined, TILE_TOLERANCE);

  /* A pan by one tile renders one new column and keeps the rest. */
  view.x += side;
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), ==, 2);

  /* A new scale drops every tile. */
  moat_render_tiles_set_scale (tiles, 2 * zoom);
  g_assert_cmpuint (moat_render_tiles_get_n_tiles (tiles), ==, 0);

  cairo_surface_destroy (expected);
  cairo_surface_destroy (combined);
}

/* The pixels of the tiles of @view, one tile per MOAT_RENDER_TILE_SIZE
 * square from the view's corner, which lies on a tile's corner. */
static cairo_surface_t *
combine_tiles (MoatRenderTiles *tiles,
               const MoatRect  *view,
               double           zoom)
{
  g_autoptr(GPtrArray) visible = moat_render_tiles_get_visible (tiles, view);
  int first_column = (int)round (view->x * zoom / MOAT_RENDER_TILE_SIZE);
  int first_row = (int)round (view->y * zoom / MOAT_RENDER_TILE_SIZE);
  cairo_surface_t *combined = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                          (int)(view->width * zoom),
                                                          (int)(view->height * zoom));
  cairo_t *cr = cairo_create (combined);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  for (guint i = 0; i < visible->len; i++)
    {
      MoatRenderTile *tile = g_ptr_array_index (visible, i);
      double x = (tile->column - first_column) * MOAT_RENDER_TILE_SIZE;
      double y = (tile->row - first_row) * MOAT_RENDER_TILE_SIZE;

      cairo_set_source_surface (cr, tile->surface, x, y);
      cairo_rectangle (cr, x, y, MOAT_RENDER_TILE_SIZE, MOAT_RENDER_TILE_SIZE);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (combined);

  return combined;
}

/* Rendering until a deadline renders one tile per call once the
 * deadline has passed, nearest the view's centre first, and the tiles
 * rendered one by one give the pixels of one render. */
static void
test_tiles_render_until_deadline (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 7);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  g_autoptr(MoatRenderTiles) tiles = moat_render_tiles_new (index);
  double zoom = 1.25;
  double side = MOAT_RENDER_TILE_SIZE / zoom;
  /* Three by two tiles, from tile column 3 and row 2: the two tiles of
   * column 4 are nearest the centre. */
  MoatRect view = { 3 * side, 2 * side, 3 * side, 2 * side };
  g_autoptr(GPtrArray) visible = NULL;
  cairo_surface_t *expected;
  cairo_surface_t *combined;
  MoatRenderOptions options;
  MoatRenderTile *first;
  guint n_calls = 0;

  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_set_scale (tiles, zoom);

  g_assert_cmpuint (moat_render_tiles_update_until (tiles, &view, 0, 0, NULL), ==, 1);
  n_calls++;
  g_assert_false (moat_render_tiles_is_complete (tiles, &view, 0));
  visible = moat_render_tiles_get_visible (tiles, &view);
  g_assert_cmpuint (visible->len, ==, 1);
  first = g_ptr_array_index (visible, 0);
  g_assert_cmpint (first->column, ==, 4);

  while (!moat_render_tiles_is_complete (tiles, &view, 0))
    {
      g_assert_cmpuint (moat_render_tiles_update_until (tiles, &view, 0, 0, NULL), ==, 1);
      n_calls++;
      g_assert_cmpuint (n_calls, <=, 6);
    }
  g_assert_cmpuint (n_calls, ==, 6);
  g_assert_cmpuint (moat_render_tiles_update_until (tiles, &view, 0, 0, NULL), ==, 0);

  combined = combine_tiles (tiles, &view, zoom);
  expected = render_view (document, NULL, zoom, &view);
  assert_same_pixels (expected, combined, TILE_TOLERANCE);

  /* With a margin of one tile, the ring around the view renders too. */
  g_assert_false (moat_render_tiles_is_complete (tiles, &view, 1));
  g_assert_cmpuint (moat_render_tiles_update_until (tiles, &view, 1, G_MAXINT64, NULL), ==,
                    5 * 4 - 3 * 2);
  g_assert_true (moat_render_tiles_is_complete (tiles, &view, 1));
  g_assert_cmpuint (moat_render_tiles_get_n_tiles (tiles), ==, 5 * 4);

  cairo_surface_destroy (expected);
  cairo_surface_destroy (combined);
}

static guint
count_previous (MoatRenderTiles *tiles,
                const MoatRect  *view,
                double           expected_scale)
{
  g_autoptr(GPtrArray) previous = NULL;
  double scale = 0;

  previous = moat_render_tiles_get_previous (tiles, view, &scale);
  if (previous->len > 0)
    g_assert_cmpfloat (scale, ==, expected_scale);

  return previous->len;
}

/* After a zoom step the tiles of the zoom before stay, to stand in for
 * missing tiles, until the view is complete or the document changes. */
static void
test_tiles_keep_previous_scale (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 7);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  g_autoptr(MoatRenderTiles) tiles = moat_render_tiles_new (index);
  MoatElement *element = g_ptr_array_index (moat_diagram_get_elements (get_diagram (document)),
                                            0);
  double zoom = 1.25;
  double side = MOAT_RENDER_TILE_SIZE / zoom;
  MoatRect view = { 3 * side, 2 * side, 3 * side, 2 * side };
  MoatRect bounds;
  MoatRenderOptions options;

  moat_render_options_init (&options);
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_set_scale (tiles, zoom);
  moat_render_tiles_update (tiles, &view, NULL);
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 0);

  /* Zooming in: every old tile of the view meets a missing new one. */
  moat_render_tiles_set_scale (tiles, 2 * zoom);
  g_assert_cmpuint (moat_render_tiles_get_n_tiles (tiles), ==, 0);
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 6);

  /* Each new tile leaves fewer old tiles needed, none once complete. */
  moat_render_tiles_update_until (tiles, &view, 0, 0, NULL);
  g_assert_cmpuint (count_previous (tiles, &view, zoom), >, 0);
  moat_render_tiles_update_until (tiles, &view, 0, G_MAXINT64, NULL);
  g_assert_true (moat_render_tiles_is_complete (tiles, &view, 0));
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 0);

  /* A change of the document makes the old tiles stale. */
  moat_render_tiles_set_scale (tiles, zoom);
  g_assert_cmpuint (count_previous (tiles, &view, 2 * zoom), >, 0);
  bounds = moat_element_get_bounds (element);
  moat_document_set (document, element, "x", bounds.x + 30, NULL);
  moat_render_tiles_update_until (tiles, &view, 0, 0, NULL);
  g_assert_false (moat_render_tiles_is_complete (tiles, &view, 0));
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 0);

  /* A change of the options drops every tile, and they stand in at the
   * same scale until new ones render. */
  moat_render_tiles_update (tiles, &view, NULL);
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 0);
  moat_render_tiles_invalidate (tiles);
  g_assert_cmpuint (moat_render_tiles_get_n_tiles (tiles), ==, 0);
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 6);
  moat_render_tiles_update_until (tiles, &view, 0, G_MAXINT64, NULL);
  g_assert_cmpuint (count_previous (tiles, &view, zoom), ==, 0);
}

/* What an edit changed renders again in the next update whatever its
 * deadline, because nothing can stand in for it. */
static void
test_tiles_redraw_edits_at_once (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 7);
  MoatDiagram *diagram = get_diagram (document);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, diagram);
  g_autoptr(MoatRenderTiles) tiles = moat_render_tiles_new (index);
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  double zoom = 1.25;
  double side = MOAT_RENDER_TILE_SIZE / zoom;
  MoatRect view = { 3 * side, 2 * side, 3 * side, 2 * side };
  MoatElement *element = NULL;
  cairo_surface_t *expected;
  cairo_surface_t *combined;
  MoatRenderOptions options;
  MoatRect bounds;
  guint n_rendered;

  for (guint i = 0; i < elements->len && element == NULL; i++)
    {
      bounds = moat_element_get_bounds (g_ptr_array_index (elements, i));
      if (moat_rect_contains_rect (&view, &bounds))
        element = g_ptr_array_index (elements, i);
    }
  g_assert_nonnull (element);

  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_set_scale (tiles, zoom);
  moat_render_tiles_update (tiles, &view, NULL);

  moat_document_set (document, element, "x", bounds.x + 40, NULL);
  n_rendered = moat_render_tiles_update_until (tiles, &view, 0, 0, NULL);
  g_assert_cmpuint (n_rendered, >, 0);
  g_assert_true (moat_render_tiles_is_complete (tiles, &view, 0));

  combined = combine_tiles (tiles, &view, zoom);
  expected = render_view (document, NULL, zoom, &view);
  assert_same_pixels (expected, combined, TILE_TOLERANCE);

  cairo_surface_destroy (expected);
  cairo_surface_destroy (combined);
}

static MoatElement *
add_named_element (MoatDocument *document,
                   const char   *id,
                   double        x,
                   double        y)
{
  g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, id, id);

  g_object_set (element, "x", x, "y", y, "width", 100.0, "height", 50.0, NULL);
  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (element));

  return element;
}

/* Moving an element renders again only where it and its flow are drawn,
 * with their labels and threat badges, in one tile here. An element below them
 * in that tile, out of what they draw, is not drawn again. */
static void
test_tiles_repaint_drawn_extents (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Sparse");
  g_autoptr(MoatRenderIndex) index = NULL;
  g_autoptr(MoatRenderTiles) tiles = NULL;
  g_autoptr(MoatFlow) flow = moat_flow_new ("flow", "a", "b", "Orders");
  g_autoptr(MoatThreat) threat = moat_threat_new ("threat", "flow", MOAT_STRIDE_TAMPERING,
                                                  "Orders changed in transit");
  g_autoptr(MoatThreat) spoofing = moat_threat_new ("spoofing", "a", MOAT_STRIDE_SPOOFING,
                                                    "A caller poses as the shop");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  MoatElement *moved;
  MoatRect view = { 0, 0, 2 * MOAT_RENDER_TILE_SIZE, 2 * MOAT_RENDER_TILE_SIZE };
  cairo_surface_t *expected;
  cairo_surface_t *combined;
  MoatRenderOptions options;
  guint n_drawn = 0;

  moved = add_named_element (document, "a", 20, 20);
  add_named_element (document, "b", 150, 20);
  add_named_element (document, "c", 20, 250);
  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (flow));
  moat_document_add_threat (document, threat);
  moat_document_add_threat (document, spoofing);

  index = moat_render_index_new (document, get_diagram (document));
  tiles = moat_render_tiles_new (index);
  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.detail_min_scale = MOAT_RENDER_DETAIL_MIN_SCALE;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (tiles, &options);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), ==, 4);
  before = moat_render_tiles_get_visible (tiles, &view);

  moat_document_set (document, moved, "x", 10.0, NULL);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, &n_drawn), ==, 1);

  /* The moved element, the other end and the flow. */
  g_assert_cmpuint (n_drawn, ==, 3);

  after = moat_render_tiles_get_visible (tiles, &view);
  for (guint i = 0; i < after->len; i++)
    {
      MoatRenderTile *tile = g_ptr_array_index (after, i);

      g_assert_true ((tile->column == 0 && tile->row == 0) !=
                     g_ptr_array_find (before, tile, NULL));
    }

  combined = combine_tiles (tiles, &view, 1);
  expected = render_view (document, NULL, 1, &view);
  assert_same_pixels (expected, combined, TILE_TOLERANCE);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (combined);
}

/* A drag hides the items it moves from the tiles, and its end shows them
 * again. The canvas marks the items before it sets the options that hide
 * them, so the tiles render those parts with the options of the next
 * update. */
static void
test_tiles_hide_dragged_items (void)
{
  g_autoptr(MoatDocument) document = new_random_model (200, SEED + 14);
  MoatDiagram *diagram = get_diagram (document);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, diagram);
  g_autoptr(MoatRenderTiles) tiles = moat_render_tiles_new (index);
  g_autoptr(GHashTable) dragged = g_hash_table_new (NULL, NULL);
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  double side = MOAT_RENDER_TILE_SIZE;
  MoatRect view = { 3 * side, 2 * side, 3 * side, 2 * side };
  cairo_surface_t *expected;
  cairo_surface_t *combined;
  MoatRenderOptions options;

  for (guint i = 0; i < elements->len; i++)
    {
      MoatRect bounds = moat_element_get_bounds (g_ptr_array_index (elements, i));

      if (moat_rect_contains_rect (&view, &bounds))
        g_hash_table_add (dragged, g_ptr_array_index (elements, i));
    }
  g_assert_cmpuint (g_hash_table_size (dragged), >, 0);

  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.detail_min_scale = MOAT_RENDER_DETAIL_MIN_SCALE;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_update (tiles, &view, NULL);

  moat_render_tiles_invalidate_items (tiles, dragged);
  options.hidden = dragged;
  moat_render_tiles_set_options (tiles, &options);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), >, 0);

  combined = combine_tiles (tiles, &view, 1);
  expected = render_view_with (document, NULL, dragged, 1, &view);
  assert_same_pixels (expected, combined, TILE_TOLERANCE);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (combined);

  moat_render_tiles_invalidate_items (tiles, dragged);
  options.hidden = NULL;
  moat_render_tiles_set_options (tiles, &options);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), >, 0);

  combined = combine_tiles (tiles, &view, 1);
  expected = render_view (document, NULL, 1, &view);
  assert_same_pixels (expected, combined, TILE_TOLERANCE);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (combined);
}

/* The items of @array that draw near @area, so that edits land where
 * the view can show them. */
static GPtrArray *
collect_near (GPtrArray      *array,
              const MoatRect *area)
{
  GPtrArray *near = g_ptr_array_new ();

  for (guint i = 0; i < array->len; i++)
    {
      MoatItem *item = g_ptr_array_index (array, i);
      MoatRect rect;

      if (MOAT_IS_ELEMENT (item))
        rect = moat_element_get_bounds (MOAT_ELEMENT (item));
      else if (MOAT_IS_BOUNDARY (item))
        rect = moat_boundary_get_bounds (MOAT_BOUNDARY (item));
      else
        continue;

      if (moat_rect_intersects (&rect, area))
        g_ptr_array_add (near, item);
    }

  return near;
}


/* A flow with an end near the view, or any flow. */
static MoatFlow *
pick_flow (MoatDocument *document,
           GRand        *rand,
           GPtrArray    *near_elements)
{
  GPtrArray *flows = moat_diagram_get_flows (get_diagram (document));
  MoatElement *element = pick (rand, near_elements);

  for (guint i = 0; element != NULL && i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, (i + g_rand_int (rand) % flows->len) % flows->len);

      if (moat_document_get_flow_source (document, flow) == element ||
          moat_document_get_flow_target (document, flow) == element)
        return flow;
    }

  return pick (rand, flows);
}

typedef enum
{
  EDIT_MOVE_ELEMENT,
  EDIT_RESIZE_ELEMENT,
  EDIT_MOVE_BOUNDARY,
  EDIT_RENAME_ELEMENT,
  EDIT_RENAME_FLOW,
  EDIT_RECONNECT_FLOW,
  EDIT_ADD_BEND_POINT,
  EDIT_REMOVE_BEND_POINTS,
  EDIT_ADD_THREAT,
  EDIT_REMOVE_THREAT,
  EDIT_RETITLE_THREAT,
  EDIT_THREAT_SEVERITY,
  EDIT_CLOSE_THREAT,
  EDIT_RETARGET_THREAT,
  EDIT_DELETE_ELEMENT,
  EDIT_UNDO,
  EDIT_REDO,
  EDIT_TOGGLE_SCOPE,
  EDIT_ADD_ELEMENT,
  EDIT_PASTE,
  EDIT_ADD_PARALLEL_FLOW,
  EDIT_REMOVE_FLOW,
  N_EDITS
} Edit;

static const char * const edit_names[N_EDITS] = {
  "move element", "resize element", "move boundary", "rename element", "rename flow",
  "reconnect flow", "add bend point", "remove bend points", "add threat", "remove threat",
  "retitle threat", "change severity", "close threat", "retarget threat", "delete element",
  "undo", "redo", "toggle out of scope", "add element", "paste",
  "add bundled flow", "remove flow",
};

/* The ends of a bundle of parallel flows near the view: adding or
 * removing one moves the others to new slots. A dozen straight flows
 * once set pixels at a tile's edge 24 levels apart from one render of the
 * view, so they also test TILE_TOLERANCE. */
#define BUNDLE_SIZE 12

static const char *bundle_source;
static const char *bundle_target;

static MoatFlow *
find_bundled_flow (MoatDocument *document,
                   GRand        *rand)
{
  GPtrArray *flows = moat_diagram_get_flows (get_diagram (document));
  g_autoptr(GPtrArray) bundled = g_ptr_array_new ();

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (g_strcmp0 (moat_flow_get_source_id (flow), bundle_source) == 0 &&
          g_strcmp0 (moat_flow_get_target_id (flow), bundle_target) == 0)
        g_ptr_array_add (bundled, flow);
    }

  return pick (rand, bundled);
}

static void
add_bundled_flow (MoatDocument *document,
                  guint         number)
{
  g_autofree char *id = g_strdup_printf ("bundled-flow-%u", number);
  g_autoptr(MoatFlow) flow = moat_flow_new (id, bundle_source, bundle_target, "Bundled");

  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (flow));
}

static MoatElement *
add_element (MoatDocument   *document,
             GRand          *rand,
             const MoatRect *area,
             guint           number)
{
  g_autofree char *id = g_strdup_printf ("added-%u", number);
  g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, id, "Added");

  g_object_set (element, "x", random_between (rand, area->x, area->x + area->width), "y",
                random_between (rand, area->y, area->y + area->height), "width", 120.0,
                "height", 60.0, NULL);
  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (element));

  return element;
}

/* Applies one edit of @kind near @area and returns whether it could. */
static gboolean
apply_random_edit (MoatDocument   *document,
                   GRand          *rand,
                   Edit            kind,
                   const MoatRect *area,
                   guint           number)
{
  MoatDiagram *diagram = get_diagram (document);
  g_autoptr(GPtrArray) elements = collect_near (moat_diagram_get_elements (diagram), area);
  g_autoptr(GPtrArray) boundaries = collect_near (moat_diagram_get_boundaries (diagram), area);
  MoatElement *element = pick (rand, elements);
  MoatFlow *bundled = find_bundled_flow (document, rand);
  MoatFlow *flow = bundled != NULL && g_rand_int_range (rand, 0, 3) == 0
                     ? bundled
                     : pick_flow (document, rand, elements);
  MoatThreat *threat = pick (rand, moat_document_get_threats (document));
  g_autofree char *name = g_strdup_printf ("Renamed %u, a little longer", number);

  switch (kind)
    {
    case EDIT_MOVE_ELEMENT:
      if (element == NULL)
        return FALSE;
      moat_document_set (document, element, "x",
                         moat_element_get_bounds (element).x + random_between (rand, -200, 200),
                         "y",
                         moat_element_get_bounds (element).y + random_between (rand, -200, 200),
                         NULL);
      return TRUE;

    case EDIT_RESIZE_ELEMENT:
      if (element == NULL)
        return FALSE;
      moat_document_set (document, element, "width", random_between (rand, 40, 260), "height",
                         random_between (rand, 30, 160), NULL);
      return TRUE;

    case EDIT_MOVE_BOUNDARY:
      {
        MoatBoundary *boundary = pick (rand, boundaries);
        MoatRect bounds;

        if (boundary == NULL)
          return FALSE;
        bounds = moat_boundary_get_bounds (boundary);
        moat_document_set (document, boundary, "x", bounds.x + random_between (rand, -150, 150),
                           "width", bounds.width + random_between (rand, 0, 100), NULL);
        return TRUE;
      }

    case EDIT_RENAME_ELEMENT:
      if (element == NULL)
        return FALSE;
      moat_document_set (document, element, "name", name, NULL);
      return TRUE;

    case EDIT_RENAME_FLOW:
      if (flow == NULL)
        return FALSE;
      moat_document_set (document, flow, "name", name, NULL);
      return TRUE;

    case EDIT_RECONNECT_FLOW:
      if (flow == NULL || element == NULL)
        return FALSE;
      moat_document_set (document, flow, g_rand_boolean (rand) ? "source-id" : "target-id",
                         moat_item_get_id (MOAT_ITEM (element)), NULL);
      return TRUE;

    case EDIT_ADD_BEND_POINT:
      {
        MoatPoint point = { random_between (rand, area->x, area->x + area->width),
                            random_between (rand, area->y, area->y + area->height) };
        g_autoptr(MoatPointList) vertices = moat_point_list_new (&point, 1);

        if (flow == NULL)
          return FALSE;
        moat_document_set (document, flow, "vertices", vertices, NULL);
        return TRUE;
      }

    case EDIT_REMOVE_BEND_POINTS:
      if (flow == NULL)
        return FALSE;
      moat_document_set (document, flow, "vertices", NULL, NULL);
      return TRUE;

    case EDIT_ADD_THREAT:
      {
        MoatItem *target = g_rand_boolean (rand) ? (MoatItem *)element : (MoatItem *)flow;
        g_autoptr(MoatThreat) added = NULL;

        if (target == NULL)
          return FALSE;
        added = moat_threat_new (NULL, moat_item_get_id (target), MOAT_STRIDE_TAMPERING,
                                 "Added threat");
        g_object_set (added, "impact-integrity", g_rand_int_range (rand, 1, 4), "probability",
                      g_rand_int_range (rand, 1, 4), NULL);
        moat_document_add_threat (document, added);
        return TRUE;
      }

    case EDIT_REMOVE_THREAT:
      if (threat == NULL)
        return FALSE;
      moat_document_remove_threat (document, threat);
      return TRUE;

    case EDIT_RETITLE_THREAT:
      if (threat == NULL)
        return FALSE;
      moat_document_set (document, threat, "title", name, NULL);
      return TRUE;

    case EDIT_THREAT_SEVERITY:
      if (threat == NULL)
        return FALSE;
      moat_document_set (document, threat, "impact-integrity", g_rand_int_range (rand, 1, 4),
                         "probability", g_rand_int_range (rand, 1, 4), NULL);
      return TRUE;

    case EDIT_CLOSE_THREAT:
      if (threat == NULL)
        return FALSE;
      moat_document_set (document, threat, "status",
                         g_rand_boolean (rand) ? MOAT_THREAT_STATUS_MITIGATED
                                               : MOAT_THREAT_STATUS_OPEN,
                         NULL);
      return TRUE;

    case EDIT_RETARGET_THREAT:
      if (threat == NULL || element == NULL)
        return FALSE;
      moat_document_set (document, threat, "target-id", moat_item_get_id (MOAT_ITEM (element)),
                         NULL);
      return TRUE;

    case EDIT_DELETE_ELEMENT:
      if (element == NULL)
        return FALSE;
      moat_document_remove_items (document, (MoatItem **)&element, 1);
      return TRUE;

    case EDIT_UNDO:
      return moat_document_undo (document);

    case EDIT_REDO:
      return moat_document_redo (document);

    case EDIT_TOGGLE_SCOPE:
      {
        MoatItem *item = g_rand_boolean (rand) ? (MoatItem *)element : (MoatItem *)flow;
        gboolean out_of_scope;

        if (item == NULL)
          return FALSE;
        g_object_get (item, "out-of-scope", &out_of_scope, NULL);
        moat_document_set (document, item, "out-of-scope", !out_of_scope, NULL);
        return TRUE;
      }

    case EDIT_ADD_ELEMENT:
      add_element (document, rand, area, number);
      return TRUE;

    case EDIT_PASTE:
      {
        g_autofree char *id = g_strdup_printf ("pasted-flow-%u", number);
        g_autoptr(MoatFlow) pasted = NULL;
        MoatElement *first;
        MoatElement *second;

        moat_document_begin_group (document, "Paste");
        first = add_element (document, rand, area, 2 * number + 100000);
        second = add_element (document, rand, area, 2 * number + 100001);
        pasted = moat_flow_new (id, moat_item_get_id (MOAT_ITEM (first)),
                                moat_item_get_id (MOAT_ITEM (second)), "Pasted");
        moat_document_add_item (document, diagram, MOAT_ITEM (pasted));
        moat_document_end_group (document);
        return TRUE;
      }

    case EDIT_ADD_PARALLEL_FLOW:
      add_bundled_flow (document, number);
      return TRUE;

    case EDIT_REMOVE_FLOW:
      if (flow == NULL)
        return FALSE;
      moat_document_remove_items (document, (MoatItem **)&flow, 1);
      return TRUE;

    case N_EDITS:
    default:
      g_assert_not_reached ();
    }
}

/* After each edit of one of @kinds, the tiles the edit can have changed
 * are rendered again, in part, and the others kept, and the view they
 * give is the one a render of the whole view gives. */
static void
follow_edits (const Edit *kinds,
              guint       n_kinds,
              guint32     seed,
              guint       min_kept_share,
              gboolean    wide_labels)
{
  g_autoptr(MoatDocument) document = new_random_model (300, seed);
  g_autoptr(MoatRenderIndex) index = moat_render_index_new (document, get_diagram (document));
  g_autoptr(MoatRenderTiles) tiles = moat_render_tiles_new (index);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 1);
  double zoom = 1;
  double side = MOAT_RENDER_TILE_SIZE / zoom;
  /* Four by three tiles in the middle of the diagram. */
  MoatRect view = { 4 * side, 3 * side, 4 * side, 3 * side };
  MoatRect area = { view.x - 300, view.y - 300, view.width + 600, view.height + 600 };
  guint n_edits = 0;
  guint n_kept = 0;
  MoatRenderOptions options;

  moat_render_options_init (&options);
  options.show_grid = TRUE;
  options.text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options.detail_min_scale = MOAT_RENDER_DETAIL_MIN_SCALE;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_set_scale (tiles, zoom);

  /* Labels as wide as they get, on a line each, reach farthest past a
   * flow's line. */
  for (guint i = 0; wide_labels && i < moat_diagram_get_flows (get_diagram (document))->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (moat_diagram_get_flows (get_diagram (document)), i);
      g_autofree char *label = g_strdup_printf ("Flow %u with orders and payments", i);

      moat_document_set (document, flow, "name", label, NULL);
    }

  /* Two elements in the view with a bundle of flows between them. */
  bundle_source = moat_item_get_id (MOAT_ITEM (add_element (document, rand, &(MoatRect) {
    view.x + view.width / 2, view.y + view.height / 2, 1, 1 }, 900000)));
  bundle_target = moat_item_get_id (MOAT_ITEM (add_element (document, rand, &(MoatRect) {
    view.x + view.width / 2 + 300, view.y + view.height / 2, 1, 1 }, 900001)));
  for (guint i = 0; i < BUNDLE_SIZE; i++)
    add_bundled_flow (document, 800000 + i);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), ==, 12);

  for (guint round = 0; round < 160; round++)
    {
      Edit kind = kinds[g_rand_int_range (rand, 0, n_kinds)];
      cairo_surface_t *expected;
      cairo_surface_t *actual;
      guint n_rendered;

      if (g_test_verbose ())
        g_test_message ("Round %u: %s", round, edit_names[kind]);
      if (!apply_random_edit (document, rand, kind, &area, round))
        continue;

      n_rendered = moat_render_tiles_update (tiles, &view, NULL);
      n_edits++;
      n_kept += 12 - n_rendered;

      actual = combine_tiles (tiles, &view, zoom);
      expected = render_view (document, NULL, zoom, &view);
      if (g_test_verbose ())
        g_test_message ("%u tiles rendered again", n_rendered);
      assert_same_pixels (expected, actual, TILE_TOLERANCE);
      cairo_surface_destroy (expected);
      cairo_surface_destroy (actual);
    }

  /* Edits kept a good share of the tiles, or the test proves nothing. */
  g_assert_cmpuint (n_edits, >, 100);
  g_assert_cmpuint (n_kept, >, n_edits * 12 / min_kept_share);

  /* A change of the diagram itself drops every tile. */
  moat_document_set (document, get_diagram (document), "name", "Renamed", NULL);
  g_assert_cmpuint (moat_render_tiles_update (tiles, &view, NULL), ==, 12);
}

static void
test_tiles_follow_edits (void)
{
  Edit kinds[N_EDITS];

  for (Edit kind = 0; kind < N_EDITS; kind++)
    kinds[kind] = kind;

  follow_edits (kinds, N_EDITS, SEED + 11, 4, FALSE);
}

/* Edits of where items lie are rendered again from what the items draw
 * where they were and are, which the other edits test less. Their flows
 * cross more tiles, so fewer are kept. */
static void
test_tiles_follow_moves (void)
{
  static const Edit kinds[] = { EDIT_MOVE_ELEMENT, EDIT_RESIZE_ELEMENT, EDIT_ADD_BEND_POINT,
                                EDIT_REMOVE_BEND_POINTS, EDIT_UNDO, EDIT_REDO };

  follow_edits (kinds, G_N_ELEMENTS (kinds), SEED + 13, 8, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-index/query-matches-brute-force", test_query_matches_brute_force);
  g_test_add_func ("/render-index/hit-test-matches-linear-scan",
                   test_hit_test_matches_linear_scan);
  g_test_add_func ("/render-index/follows-edits", test_index_follows_edits);
  g_test_add_func ("/render-index/updates-in-place", test_index_updates_in_place);
  g_test_add_func ("/render-index/render-same-pixels", test_render_with_index_same_pixels);
  g_test_add_func ("/render-index/render-only-same-pixels", test_render_only_same_pixels);
  g_test_add_func ("/render-index/tiles-meet-without-seams", test_tiles_meet_without_seams);
  g_test_add_func ("/render-index/tiles-follow-edits", test_tiles_follow_edits);
  g_test_add_func ("/render-index/tiles-follow-moves", test_tiles_follow_moves);
  g_test_add_func ("/render-index/tiles-render-until-deadline",
                   test_tiles_render_until_deadline);
  g_test_add_func ("/render-index/tiles-keep-previous-scale", test_tiles_keep_previous_scale);
  g_test_add_func ("/render-index/tiles-redraw-edits-at-once", test_tiles_redraw_edits_at_once);
  g_test_add_func ("/render-index/tiles-repaint-drawn-extents",
                   test_tiles_repaint_drawn_extents);
  g_test_add_func ("/render-index/tiles-hide-dragged-items", test_tiles_hide_dragged_items);

  return g_test_run ();
}
