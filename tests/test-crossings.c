/* test-crossings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-crossings.h"
#include "moat-format.h"

/* Boundary crossings computed from geometry: a flow crosses each boundary
 * that contains exactly one of its ends, by the end element's centre. */

typedef struct
{
  MoatDocument *document;
  MoatDiagram *diagram;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = moat_document_new_with_diagram ("Test");
  fixture->diagram = g_ptr_array_index (moat_document_get_diagrams (fixture->document), 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->document);
}

static MoatBoundary *
add_boundary (Fixture    *fixture,
              const char *id,
              const char *name,
              double      x,
              double      y,
              double      width,
              double      height)
{
  g_autoptr(MoatBoundary) boundary = moat_boundary_new (id, name);

  g_object_set (boundary, "x", x, "y", y, "width", width, "height", height, NULL);
  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (boundary));

  return boundary;
}

/* Adds a 20 × 20 element centred on (cx, cy). */
static MoatElement *
add_element (Fixture    *fixture,
             const char *id,
             double      cx,
             double      cy)
{
  g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, id, id);

  g_object_set (element, "x", cx - 10, "y", cy - 10, "width", 20.0, "height", 20.0, NULL);
  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (element));

  return element;
}

static void
add_flow (Fixture    *fixture,
          const char *id,
          const char *source,
          const char *target)
{
  g_autoptr(MoatFlow) flow = moat_flow_new (id, source, target, id);

  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (flow));
}

/* Checks the crossings of @flow_id against "+name" (entering) and "-name"
 * (leaving) entries, in order. */
static void
assert_crossings (MoatCrossings      *crossings,
                  const char         *flow_id,
                  const char * const *expected)
{
  const MoatCrossing *crossed;
  guint n_crossed;
  guint n_expected = g_strv_length ((char **)expected);

  crossed = moat_crossings_get_for_flow (crossings, flow_id, &n_crossed);
  g_assert_cmpuint (n_crossed, ==, n_expected);
  for (guint i = 0; i < n_crossed; i++)
    {
      g_autofree char *got = g_strdup_printf ("%c%s", crossed[i].entering ? '+' : '-',
                                              moat_item_get_name (MOAT_ITEM (crossed[i].boundary)));

      g_assert_cmpstr (got, ==, expected[i]);
    }
}

static void
test_nested_boundaries (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MoatCrossings) crossings = NULL;
  g_autofree char *label = NULL;

  add_boundary (fixture, "outer", "Corporate", 100, 100, 400, 400);
  add_boundary (fixture, "inner", "DMZ", 150, 150, 100, 100);
  add_element (fixture, "user", 20, 20);
  add_element (fixture, "gateway", 200, 200);
  add_element (fixture, "service", 400, 400);
  add_flow (fixture, "in", "user", "gateway");
  add_flow (fixture, "down", "gateway", "service");
  add_flow (fixture, "across", "user", "service");

  crossings = moat_crossings_new (fixture->diagram);

  assert_crossings (crossings, "in", (const char * const[]) { "+Corporate", "+DMZ", NULL });
  label = moat_crossings_dup_label (crossings, "in");
  g_assert_cmpstr (label, ==, "Outside → DMZ");

  /* Only the inner boundary separates the gateway from the service. */
  assert_crossings (crossings, "down", (const char * const[]) { "-DMZ", NULL });
  g_clear_pointer (&label, g_free);
  label = moat_crossings_dup_label (crossings, "down");
  g_assert_cmpstr (label, ==, "DMZ → Corporate");

  assert_crossings (crossings, "across", (const char * const[]) { "+Corporate", NULL });
  g_assert_cmpuint (moat_crossings_get_n_crossing_flows (crossings), ==, 3);

  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (moat_crossings_get_zone (crossings, "gateway"))),
                   ==, "DMZ");
  g_assert_null (moat_crossings_get_zone (crossings, "user"));
}

static void
test_inside_one_boundary (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MoatCrossings) crossings = NULL;
  g_autoptr(GPtrArray) boundaries = NULL;
  g_autofree char *label = NULL;

  add_boundary (fixture, "zone", "Internal network", 0, 0, 500, 300);
  add_element (fixture, "a", 100, 100);
  add_element (fixture, "b", 400, 200);
  add_flow (fixture, "f", "a", "b");

  crossings = moat_crossings_new (fixture->diagram);

  g_assert_false (moat_crossings_is_crossing (crossings, "f"));
  assert_crossings (crossings, "f", (const char * const[]) { NULL });
  label = moat_crossings_dup_label (crossings, "f");
  g_assert_null (label);
  g_assert_cmpuint (moat_crossings_get_n_crossing_flows (crossings), ==, 0);

  boundaries = moat_crossings_dup_boundaries_of (crossings, "a");
  g_assert_cmpuint (boundaries->len, ==, 1);
}

static void
test_leaving_two_nested (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MoatCrossings) crossings = NULL;
  g_autoptr(GPtrArray) boundaries = NULL;
  g_autofree char *label = NULL;

  add_boundary (fixture, "corporate", "Corporate network", 100, 100, 500, 400);
  add_boundary (fixture, "sandbox", "Agent sandbox", 150, 150, 200, 150);
  add_element (fixture, "agent", 250, 220);
  add_element (fixture, "api", 800, 220);
  add_flow (fixture, "call", "agent", "api");

  crossings = moat_crossings_new (fixture->diagram);

  /* Innermost first: the order in which the flow passes them. */
  assert_crossings (crossings, "call",
                    (const char * const[]) { "-Agent sandbox", "-Corporate network", NULL });
  label = moat_crossings_dup_label (crossings, "call");
  g_assert_cmpstr (label, ==, "Agent sandbox → Outside");

  boundaries = moat_crossings_dup_boundaries_of (crossings, "agent");
  g_assert_cmpuint (boundaries->len, ==, 2);
  g_assert_cmpstr (moat_item_get_name (g_ptr_array_index (boundaries, 0)), ==,
                   "Corporate network");
  g_assert_cmpstr (moat_item_get_name (g_ptr_array_index (boundaries, 1)), ==, "Agent sandbox");
}

static void
test_element_on_edge (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MoatCrossings) crossings = NULL;

  add_boundary (fixture, "dmz", "DMZ", 100, 100, 200, 200);
  /* Centres exactly on the right edge and on the top-left corner. */
  add_element (fixture, "edge", 300, 200);
  add_element (fixture, "corner", 100, 100);
  add_element (fixture, "outside", 300.5, 200);
  add_flow (fixture, "edge-corner", "edge", "corner");
  add_flow (fixture, "edge-outside", "edge", "outside");

  crossings = moat_crossings_new (fixture->diagram);

  g_assert_nonnull (moat_crossings_get_zone (crossings, "edge"));
  g_assert_nonnull (moat_crossings_get_zone (crossings, "corner"));
  g_assert_null (moat_crossings_get_zone (crossings, "outside"));
  assert_crossings (crossings, "edge-corner", (const char * const[]) { NULL });
  assert_crossings (crossings, "edge-outside", (const char * const[]) { "-DMZ", NULL });
}

static void
test_recomputed_after_move (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MoatCrossings) before = NULL;
  g_autoptr(MoatCrossings) after = NULL;
  g_autoptr(MoatCrossings) undone = NULL;
  MoatElement *element;

  add_boundary (fixture, "dmz", "DMZ", 0, 0, 200, 200);
  add_element (fixture, "a", 50, 50);
  element = add_element (fixture, "b", 150, 150);
  add_flow (fixture, "f", "a", "b");

  before = moat_crossings_new (fixture->diagram);
  g_assert_false (moat_crossings_is_crossing (before, "f"));

  moat_document_set (fixture->document, element, "x", 400.0, NULL);
  after = moat_crossings_new (fixture->diagram);
  assert_crossings (after, "f", (const char * const[]) { "-DMZ", NULL });

  /* The earlier result is a snapshot and stays as it was. */
  g_assert_false (moat_crossings_is_crossing (before, "f"));

  g_assert_true (moat_document_undo (fixture->document));
  undone = moat_crossings_new (fixture->diagram);
  g_assert_false (moat_crossings_is_crossing (undone, "f"));
}

/* Only a file can hold a flow with a missing end; the editor never makes
 * one. */
static void
test_dangling_end (void)
{
  static const char json[] =
    "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1, \"diagrams\": "
    "[{\"id\": \"d\", "
    "\"boundaries\": [{\"id\": \"dmz\", \"name\": \"DMZ\", \"x\": 0, \"y\": 0, "
    "\"width\": 200, \"height\": 200}], "
    "\"elements\": [{\"id\": \"a\", \"kind\": \"process\", \"x\": 40, \"y\": 40, "
    "\"width\": 20, \"height\": 20}], "
    "\"flows\": [{\"id\": \"loose\", \"source\": \"a\", \"target\": \"\", "
    "\"vertices\": [[300, 300]]}, "
    "{\"id\": \"unplaced\", \"source\": \"a\", \"target\": \"\"}]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_bytes (bytes, "dangling.moat", &error);
  g_autoptr(MoatCrossings) crossings = NULL;

  g_assert_no_error (error);
  crossings = moat_crossings_new (g_ptr_array_index (moat_document_get_diagrams (document), 0));

  /* The loose end sits at its last bend point, outside the DMZ; an end
   * with no position at all crosses nothing. */
  assert_crossings (crossings, "loose", (const char * const[]) { "-DMZ", NULL });
  assert_crossings (crossings, "unplaced", (const char * const[]) { NULL });
}

static void
test_unnamed_boundary_label (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MoatCrossings) crossings = NULL;
  g_autofree char *label = NULL;

  add_boundary (fixture, "zone", "", 0, 0, 200, 200);
  add_element (fixture, "a", 50, 50);
  add_element (fixture, "b", 500, 50);
  add_flow (fixture, "f", "b", "a");

  crossings = moat_crossings_new (fixture->diagram);
  label = moat_crossings_dup_label (crossings, "f");
  g_assert_cmpstr (label, ==, "Outside → Unnamed boundary");
}

/* Checks @crossings against every boundary tested for every flow and
 * element: the boundaries crossed and their direction, the leaving ones
 * before the entering ones, and each element's zone and boundaries. */
static void
assert_matches_brute_force (Fixture       *fixture,
                            MoatCrossings *crossings)
{
  GPtrArray *boundaries = moat_diagram_get_boundaries (fixture->diagram);
  GPtrArray *elements = moat_diagram_get_elements (fixture->diagram);
  GPtrArray *flows = moat_diagram_get_flows (fixture->diagram);

  for (guint f = 0; f < flows->len; f++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, f);
      MoatElement *source = moat_document_get_flow_source (fixture->document, flow);
      MoatElement *target = moat_document_get_flow_target (fixture->document, flow);
      MoatRect source_bounds = moat_element_get_bounds (source);
      MoatRect target_bounds = moat_element_get_bounds (target);
      MoatPoint a = moat_rect_get_center (&source_bounds);
      MoatPoint b = moat_rect_get_center (&target_bounds);
      const MoatCrossing *crossed;
      guint n_crossed;
      guint n_expected = 0;

      crossed = moat_crossings_get_for_flow (crossings, moat_item_get_id (MOAT_ITEM (flow)),
                                             &n_crossed);
      for (guint i = 0; i < boundaries->len; i++)
        {
          MoatBoundary *boundary = g_ptr_array_index (boundaries, i);
          MoatRect bounds = moat_boundary_get_bounds (boundary);
          gboolean in_a = moat_rect_contains_point (&bounds, a.x, a.y);
          gboolean in_b = moat_rect_contains_point (&bounds, b.x, b.y);
          gboolean found = FALSE;

          if (in_a == in_b)
            continue;

          n_expected++;
          for (guint c = 0; c < n_crossed; c++)
            if (crossed[c].boundary == boundary)
              {
                g_assert_cmpint (crossed[c].entering, ==, in_b);
                found = TRUE;
              }
          g_assert_true (found);
        }
      g_assert_cmpuint (n_crossed, ==, n_expected);

      for (guint c = 1; c < n_crossed; c++)
        g_assert_true (crossed[c].entering || !crossed[c - 1].entering);
    }

  for (guint e = 0; e < elements->len; e++)
    {
      MoatElement *element = g_ptr_array_index (elements, e);
      const char *id = moat_item_get_id (MOAT_ITEM (element));
      MoatRect element_bounds = moat_element_get_bounds (element);
      MoatPoint centre = moat_rect_get_center (&element_bounds);
      g_autoptr(GPtrArray) containing = moat_crossings_dup_boundaries_of (crossings, id);
      MoatBoundary *zone = moat_crossings_get_zone (crossings, id);
      double smallest_area = G_MAXDOUBLE;
      guint n_expected = 0;

      for (guint i = 0; i < boundaries->len; i++)
        {
          MoatBoundary *boundary = g_ptr_array_index (boundaries, i);
          MoatRect bounds = moat_boundary_get_bounds (boundary);

          if (!moat_rect_contains_point (&bounds, centre.x, centre.y))
            continue;

          n_expected++;
          g_assert_true (g_ptr_array_find (containing, boundary, NULL));
          smallest_area = MIN (smallest_area, bounds.width * bounds.height);
        }
      g_assert_cmpuint (containing->len, ==, n_expected);

      if (n_expected == 0)
        g_assert_null (zone);
      else
        {
          MoatRect zone_bounds = moat_boundary_get_bounds (zone);

          g_assert_cmpfloat (zone_bounds.width * zone_bounds.height, ==, smallest_area);
        }
    }
}

/* The grid index must give the same result as checking every boundary
 * for every flow, including overlapping boundaries that do not nest. */
static void
test_grid_matches_brute_force (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(MoatCrossings) crossings = NULL;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *id = g_strdup_printf ("boundary-%u", i);
      double width = g_rand_double_range (rand, 20, 2000);
      double height = g_rand_double_range (rand, 20, 2000);

      add_boundary (fixture, id, id, g_rand_double_range (rand, 0, 4000),
                    g_rand_double_range (rand, 0, 4000), width, height);
    }

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("element-%u", i);

      add_element (fixture, id, g_rand_double_range (rand, -100, 6000),
                   g_rand_double_range (rand, -100, 6000));
    }

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("flow-%u", i);
      g_autofree char *source = g_strdup_printf ("element-%u", g_rand_int_range (rand, 0, 300));
      g_autofree char *target = g_strdup_printf ("element-%u", g_rand_int_range (rand, 0, 300));

      add_flow (fixture, id, source, target);
    }

  crossings = moat_crossings_new (fixture->diagram);
  g_assert_cmpuint (moat_diagram_get_elements (fixture->diagram)->len, ==, 300);
  assert_matches_brute_force (fixture, crossings);
}

#define MAX_GRID_CASE_ITEMS 9

/* Layouts where the grid index could go wrong: points on the edges of
 * boundaries and of grid cells, nesting, and sizes far apart, up to the
 * largest and smallest a file allows. Each boundary is x, y, width,
 * height and each element a centre. */
typedef struct
{
  const char *path;
  guint n_boundaries;
  double boundaries[MAX_GRID_CASE_ITEMS][4];
  guint n_elements;
  double elements[MAX_GRID_CASE_ITEMS][2];
} GridCase;

static const GridCase grid_cases[] = {
  { "/crossings/grid/end-on-edge",
    1, { { 100, 100, 200, 200 } },
    9, { { 100, 150 }, { 300, 150 }, { 150, 100 }, { 150, 300 }, { 100, 100 }, { 300, 300 },
         { 99.5, 150 }, { 300.5, 150 }, { 150, 300.5 } } },
  { "/crossings/grid/nested",
    5, { { 0, 0, 1000, 1000 }, { 100, 100, 800, 800 }, { 200, 200, 600, 600 },
         { 200, 200, 100, 100 }, { 700, 700, 100, 100 } },
    8, { { 200, 200 }, { 250, 250 }, { 500, 500 }, { 50, 50 }, { 1000, 1000 }, { 1001, 500 },
         { 800, 800 }, { 750, 750 } } },
  { "/crossings/grid/huge-boundary",
    5, { { -500000, -500000, 1e6, 1e6 }, { 0, 0, 10, 10 }, { 5000, 5000, 10, 10 },
         { -20000, 30000, 40, 40 }, { 400000, -400000, 8, 8 } },
    9, { { 5, 5 }, { 10, 10 }, { 5005, 5005 }, { -19980, 30020 }, { 400004, -399996 },
         { 2500, 2500 }, { 500000, 500000 }, { 500001, 0 }, { -900000, 0 } } },
  { "/crossings/grid/cell-lines",
    4, { { 0, 0, 200, 200 }, { 200, 200, 200, 200 }, { 0, 200, 200, 200 },
         { 200, 0, 200, 200 } },
    7, { { 200, 200 }, { 200, 100 }, { 100, 200 }, { 400, 400 }, { 0, 0 }, { 300, 300 },
         { 400, 0 } } },
  { "/crossings/grid/smallest-boundary",
    2, { { 50, 50, 8, 8 }, { 0, 0, 100, 100 } },
    5, { { 54, 54 }, { 50, 50 }, { 58, 58 }, { 58.5, 54 }, { 150, 50 } } },
};

/* Adds each case's boundaries and elements, and a flow between every
 * ordered pair of elements, then compares with the brute force. */
static void
test_grid_case (Fixture       *fixture,
                gconstpointer  data)
{
  const GridCase *grid_case = data;
  g_autoptr(MoatCrossings) crossings = NULL;

  for (guint i = 0; i < grid_case->n_boundaries; i++)
    {
      const double *b = grid_case->boundaries[i];
      g_autofree char *id = g_strdup_printf ("boundary-%u", i);

      add_boundary (fixture, id, id, b[0], b[1], b[2], b[3]);
    }

  for (guint i = 0; i < grid_case->n_elements; i++)
    {
      g_autofree char *id = g_strdup_printf ("element-%u", i);

      add_element (fixture, id, grid_case->elements[i][0], grid_case->elements[i][1]);
    }

  for (guint i = 0; i < grid_case->n_elements; i++)
    for (guint j = 0; j < grid_case->n_elements; j++)
      {
        g_autofree char *id = g_strdup_printf ("flow-%u-%u", i, j);
        g_autofree char *source = g_strdup_printf ("element-%u", i);
        g_autofree char *target = g_strdup_printf ("element-%u", j);

        if (i != j)
          add_flow (fixture, id, source, target);
      }

  crossings = moat_crossings_new (fixture->diagram);
  assert_matches_brute_force (fixture, crossings);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/crossings/nested-boundaries", test_nested_boundaries);
  ADD ("/crossings/inside-one-boundary", test_inside_one_boundary);
  ADD ("/crossings/leaving-two-nested", test_leaving_two_nested);
  ADD ("/crossings/element-on-edge", test_element_on_edge);
  ADD ("/crossings/recomputed-after-move", test_recomputed_after_move);
  ADD ("/crossings/unnamed-boundary-label", test_unnamed_boundary_label);
  ADD ("/crossings/grid-matches-brute-force", test_grid_matches_brute_force);

  for (guint i = 0; i < G_N_ELEMENTS (grid_cases); i++)
    g_test_add (grid_cases[i].path, Fixture, &grid_cases[i], fixture_set_up, test_grid_case,
                fixture_tear_down);

#undef ADD

  g_test_add_func ("/crossings/dangling-end", test_dangling_end);

  return g_test_run ();
}
