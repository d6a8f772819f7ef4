/* test-crossings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
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

/* Item ids and flow ends are interned, so an end equal to an element's id
 * is the same pointer, whichever copy of the string set it. The crossings
 * compare ids by pointer. */
static void
test_ids_interned (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *element_id = g_strdup ("gateway");
  g_autofree char *source_copy = g_strdup ("gateway");
  g_autofree char *target_copy = g_strdup ("gateway");
  g_autoptr(MoatFlow) flow = NULL;
  MoatElement *gateway;
  MoatElement *user;

  add_boundary (fixture, "dmz", "DMZ", 0, 0, 200, 200);
  gateway = add_element (fixture, element_id, 100, 100);
  user = add_element (fixture, "user", 300, 100);
  flow = moat_flow_new ("call", source_copy, "user", "call");
  moat_document_add_item (fixture->document, fixture->diagram, MOAT_ITEM (flow));

  g_assert_true (moat_flow_get_source_id (flow) == moat_item_get_id (MOAT_ITEM (gateway)));
  g_assert_true (moat_flow_get_target_id (flow) == moat_item_get_id (MOAT_ITEM (user)));

  moat_document_set (fixture->document, flow, "target-id", target_copy, NULL);
  g_assert_true (moat_flow_get_target_id (flow) == moat_item_get_id (MOAT_ITEM (gateway)));

  moat_document_undo (fixture->document);
  g_assert_true (moat_flow_get_target_id (flow) == moat_item_get_id (MOAT_ITEM (user)));
}

/* The crossings hold their elements and flows, which keep the ids that
 * the crossings compare by address from being freed and their memory
 * reused for other ids. */
static void
test_keeps_items_alive (void)
{
  Fixture fixture;
  g_autoptr(MoatCrossings) crossings = NULL;
  MoatFlow *flow;
  MoatElement *element;

  fixture_set_up (&fixture, NULL);
  add_boundary (&fixture, "dmz", "DMZ", 0, 0, 200, 200);
  element = add_element (&fixture, "inside", 100, 100);
  add_element (&fixture, "outside", 300, 100);
  add_flow (&fixture, "in", "outside", "inside");
  flow = g_ptr_array_index (moat_diagram_get_flows (fixture.diagram), 0);
  g_object_add_weak_pointer (G_OBJECT (flow), (gpointer *)&flow);
  g_object_add_weak_pointer (G_OBJECT (element), (gpointer *)&element);

  crossings = moat_crossings_new (fixture.diagram);
  g_assert_finalize_object (fixture.document);

  g_assert_nonnull (flow);
  g_assert_nonnull (element);
  assert_crossings (crossings, moat_item_get_id (MOAT_ITEM (flow)),
                    (const char * const[]) { "+DMZ", NULL });
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (moat_crossings_get_zone (
                     crossings, moat_item_get_id (MOAT_ITEM (element))))), ==, "DMZ");

  g_clear_pointer (&crossings, moat_crossings_unref);
  g_assert_null (flow);
  g_assert_null (element);
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

/* Where the reference puts one end of @flow: its element's centre, or for
 * a dangling end the first or last bend point. Returns %FALSE when the
 * end has no position. */
static gboolean
find_end (MoatDocument *document,
          MoatFlow     *flow,
          gboolean      is_source,
          MoatPoint    *point)
{
  MoatElement *element = is_source ? moat_document_get_flow_source (document, flow)
                                   : moat_document_get_flow_target (document, flow);
  const MoatPointList *vertices = moat_flow_get_vertices (flow);
  guint n_vertices = moat_point_list_get_n_points (vertices);

  if (element != NULL)
    {
      MoatRect bounds = moat_element_get_bounds (element);

      *point = moat_rect_get_center (&bounds);
      return TRUE;
    }

  if (n_vertices == 0)
    return FALSE;

  *point = moat_point_list_get_point (vertices, is_source ? 0 : n_vertices - 1);

  return TRUE;
}

static double
area_of (MoatBoundary *boundary)
{
  MoatRect bounds = moat_boundary_get_bounds (boundary);

  return bounds.width * bounds.height;
}

/* The area of the smallest boundary that contains @point, or 0 when none
 * does. */
static double
smallest_area_around (GPtrArray *boundaries,
                      MoatPoint  point)
{
  double smallest = 0;

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatBoundary *boundary = g_ptr_array_index (boundaries, i);
      MoatRect bounds = moat_boundary_get_bounds (boundary);

      if (moat_rect_contains_point (&bounds, point.x, point.y) &&
          (smallest == 0 || area_of (boundary) < smallest))
        smallest = area_of (boundary);
    }

  return smallest;
}

/* Checks that the label names the boundary of @area, or "Outside" when
 * @area is 0. Boundaries of equal area may stand for each other. */
static void
assert_zone_name (GPtrArray  *boundaries,
                  const char *name,
                  double      area)
{
  if (area == 0)
    {
      g_assert_cmpstr (name, ==, "Outside");
      return;
    }

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatBoundary *boundary = g_ptr_array_index (boundaries, i);

      if (g_strcmp0 (moat_item_get_name (MOAT_ITEM (boundary)), name) == 0 &&
          area_of (boundary) == area)
        return;
    }

  g_error ("no boundary of area %g is named %s", area, name);
}

/* Checks @crossings against every boundary tested for every flow and
 * element: the boundaries crossed and their direction, the leaving ones
 * from the innermost before the entering ones from the outermost, the
 * label, and each element's zone and boundaries. Boundaries must have
 * names without " → ". */
static void
assert_matches_brute_force (MoatDocument  *document,
                            MoatDiagram   *diagram,
                            MoatCrossings *crossings)
{
  GPtrArray *boundaries = moat_diagram_get_boundaries (diagram);
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  guint n_crossing_flows = 0;

  for (guint f = 0; f < flows->len; f++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, f);
      const char *flow_id = moat_item_get_id (MOAT_ITEM (flow));
      MoatPoint a;
      MoatPoint b;
      gboolean has_ends = find_end (document, flow, TRUE, &a) &&
                          find_end (document, flow, FALSE, &b);
      g_autofree char *label = moat_crossings_dup_label (crossings, flow_id);
      const MoatCrossing *crossed;
      guint n_crossed;
      guint n_expected = 0;

      crossed = moat_crossings_get_for_flow (crossings, flow_id, &n_crossed);
      for (guint i = 0; has_ends && i < boundaries->len; i++)
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
      g_assert_cmpint (moat_crossings_is_crossing (crossings, flow_id), ==, n_expected > 0);

      for (guint c = 1; c < n_crossed; c++)
        {
          double previous = area_of (crossed[c - 1].boundary);
          double current = area_of (crossed[c].boundary);

          g_assert_true (crossed[c].entering || !crossed[c - 1].entering);
          if (crossed[c].entering == crossed[c - 1].entering)
            g_assert_cmpfloat (crossed[c].entering ? previous - current : current - previous,
                               >=, 0);
        }

      if (n_expected == 0)
        g_assert_null (label);
      else
        {
          g_auto(GStrv) zones = g_strsplit (label, " → ", -1);

          n_crossing_flows++;
          g_assert_cmpuint (g_strv_length (zones), ==, 2);
          assert_zone_name (boundaries, zones[0], smallest_area_around (boundaries, a));
          assert_zone_name (boundaries, zones[1], smallest_area_around (boundaries, b));
        }
    }
  g_assert_cmpuint (moat_crossings_get_n_crossing_flows (crossings), ==, n_crossing_flows);

  for (guint e = 0; e < elements->len; e++)
    {
      MoatElement *element = g_ptr_array_index (elements, e);
      const char *id = moat_item_get_id (MOAT_ITEM (element));
      MoatRect element_bounds = moat_element_get_bounds (element);
      MoatPoint centre = moat_rect_get_center (&element_bounds);
      g_autoptr(GPtrArray) containing = moat_crossings_dup_boundaries_of (crossings, id);
      MoatBoundary *zone = moat_crossings_get_zone (crossings, id);
      guint n_expected = 0;

      for (guint i = 0; i < boundaries->len; i++)
        {
          MoatBoundary *boundary = g_ptr_array_index (boundaries, i);
          MoatRect bounds = moat_boundary_get_bounds (boundary);

          if (!moat_rect_contains_point (&bounds, centre.x, centre.y))
            continue;

          n_expected++;
          g_assert_true (g_ptr_array_find (containing, boundary, NULL));
        }
      g_assert_cmpuint (containing->len, ==, n_expected);

      for (guint i = 1; i < containing->len; i++)
        g_assert_cmpfloat (area_of (g_ptr_array_index (containing, i - 1)), >=,
                           area_of (g_ptr_array_index (containing, i)));

      if (n_expected == 0)
        g_assert_null (zone);
      else
        g_assert_cmpfloat (area_of (zone), ==, smallest_area_around (boundaries, centre));
    }

  /* Ids that are not in the diagram find nothing. */
  g_assert_null (moat_crossings_get_zone (crossings, "no-such-element"));
  g_assert_null (moat_crossings_dup_label (crossings, "no-such-flow"));
  g_assert_false (moat_crossings_is_crossing (crossings, "no-such-flow"));
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
  assert_matches_brute_force (fixture->document, fixture->diagram, crossings);
}

/* Appends a boundary inside @parent (or anywhere when @parent is %NULL)
 * and, while @depth allows, boundaries nested in it. Some share an edge
 * with their parent. */
static void
append_random_boundary (GString      *json,
                        GRand        *rand,
                        const double *parent,
                        guint         depth,
                        guint        *n_boundaries)
{
  double box[4];
  guint n_children;

  if (parent == NULL)
    {
      box[2] = g_rand_double_range (rand, 200, 2500);
      box[3] = g_rand_double_range (rand, 200, 2500);
      box[0] = g_rand_double_range (rand, 0, 4000);
      box[1] = g_rand_double_range (rand, 0, 4000);
    }
  else
    {
      double width = parent[2] * g_rand_double_range (rand, 0.2, 0.7);
      double height = parent[3] * g_rand_double_range (rand, 0.2, 0.7);

      /* A file's boundaries are at least 8 units a side. */
      box[2] = MAX (8, width);
      box[3] = MAX (8, height);
      box[0] = g_rand_boolean (rand) ? parent[0]
                                     : parent[0] + g_rand_double_range (rand, 0, parent[2] - box[2]);
      box[1] = parent[1] + g_rand_double_range (rand, 0, parent[3] - box[3]);
    }

  g_string_append_printf (json,
                          "%s{\"id\": \"boundary-%u\", \"name\": \"zone %u\", \"x\": %.3f, "
                          "\"y\": %.3f, \"width\": %.3f, \"height\": %.3f}",
                          *n_boundaries > 0 ? ", " : "", *n_boundaries, *n_boundaries,
                          box[0], box[1], box[2], box[3]);
  (*n_boundaries)++;

  n_children = depth > 0 ? g_rand_int_range (rand, 0, 4) : 0;
  for (guint i = 0; i < n_children; i++)
    append_random_boundary (json, rand, box, depth - 1, n_boundaries);
}

/* The id of one of @n_elements elements, or "", a dangling end, when
 * there are none. */
static char *
dup_random_end (GRand *rand,
                guint  n_elements)
{
  if (n_elements == 0)
    return g_strdup ("");

  return g_strdup_printf ("element-%u", g_rand_int_range (rand, 0, n_elements));
}

/* A random diagram of @n_trees trees of boundaries, @n_elements elements
 * and @n_flows flows, loaded from a file so that flows may have dangling
 * ends: nested and overlapping boundaries, elements anywhere, some on a
 * boundary's corner, and flows with and without bend points, some with a
 * dangling end placed at a bend point or at no position at all. */
static MoatDocument *
load_random_diagram (guint32 seed,
                     guint   n_trees,
                     guint   n_elements,
                     guint   n_flows)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MoatDocument *document;
  guint n_boundaries = 0;

  g_string_append (json, "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1, "
                         "\"diagrams\": [{\"id\": \"d\", \"boundaries\": [");
  for (guint i = 0; i < n_trees; i++)
    append_random_boundary (json, rand, NULL, 3, &n_boundaries);

  g_string_append (json, "], \"elements\": [");
  for (guint i = 0; i < n_elements; i++)
    {
      double cx = g_rand_double_range (rand, -200, 7000);
      double cy = g_rand_double_range (rand, -200, 7000);

      /* Every tenth element sits on the top left corner of a boundary, so
       * its centre is on two edges. */
      if (i % 10 == 0)
        {
          g_autofree char *needle = g_strdup_printf ("\"boundary-%u\"",
                                                     g_rand_int_range (rand, 0, n_boundaries));
          const char *found = strstr (json->str, needle);

          g_assert_nonnull (found);
          g_assert_cmpint (sscanf (strstr (found, "\"x\": "), "\"x\": %lf, \"y\": %lf", &cx, &cy),
                           ==, 2);
        }

      g_string_append_printf (json,
                              "%s{\"id\": \"element-%u\", \"kind\": \"process\", \"x\": %.3f, "
                              "\"y\": %.3f, \"width\": 20, \"height\": 20}",
                              i > 0 ? ", " : "", i, cx - 10, cy - 10);
    }

  g_string_append (json, "], \"flows\": [");
  for (guint i = 0; i < n_flows; i++)
    {
      g_autofree char *source = dup_random_end (rand, n_elements);
      g_autofree char *target = dup_random_end (rand, n_elements);
      guint n_vertices = g_rand_int_range (rand, 0, 4);
      int dangling = g_rand_int_range (rand, 0, 10);

      g_string_append_printf (json,
                              "%s{\"id\": \"flow-%u\", \"source\": \"%s\", \"target\": \"%s\", "
                              "\"vertices\": [",
                              i > 0 ? ", " : "", i, dangling == 0 ? "" : source,
                              dangling == 1 ? "" : target);
      for (guint v = 0; v < n_vertices; v++)
        g_string_append_printf (json, "%s[%.3f, %.3f]", v > 0 ? ", " : "",
                                g_rand_double_range (rand, -200, 7000),
                                g_rand_double_range (rand, -200, 7000));
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}]}");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  document = moat_format_load_bytes (bytes, "random.moat", &error);
  g_assert_no_error (error);

  return document;
}

/* Checks that each flow end that names an element of @diagram is that
 * element's id, by pointer, as the loader made them. */
static void
assert_ends_interned (MoatDiagram *diagram)
{
  g_autoptr(GHashTable) elements = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  guint n_checked = 0;

  for (guint i = 0; i < moat_diagram_get_elements (diagram)->len; i++)
    {
      MoatItem *element = g_ptr_array_index (moat_diagram_get_elements (diagram), i);

      g_hash_table_insert (elements, (gpointer)moat_item_get_id (element), element);
    }

  for (guint f = 0; f < flows->len; f++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, f);
      const char *ends[] = { moat_flow_get_source_id (flow), moat_flow_get_target_id (flow) };

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          MoatItem *element = g_hash_table_lookup (elements, ends[e]);

          if (element == NULL)
            continue;

          g_assert_true (ends[e] == moat_item_get_id (element));
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >, 0);
}

/* Random diagrams with nesting, overlaps, bend points and dangling ends
 * give the same crossings as testing every boundary for every end. */
static void
test_random_matches_brute_force (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(MoatDocument) document = load_random_diagram (seed, 30, 1000, 2000);
      MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
      g_autoptr(MoatCrossings) crossings = moat_crossings_new (diagram);

      g_assert_cmpuint (moat_diagram_get_elements (diagram)->len, ==, 1000);
      g_assert_cmpuint (moat_diagram_get_flows (diagram)->len, ==, 2000);
      assert_matches_brute_force (document, diagram, crossings);
      assert_ends_interned (diagram);
    }
}

/* The id tables have twice as many slots as items, and at least 8. Diagrams
 * of 0 to 40 elements and of 0, 1, N and 2N + 1 flows give tables of many
 * sizes, most not powers of two, whose probes wrap around the end. */
static void
test_small_tables_match_brute_force (void)
{
  guint32 seed = 1;

  for (guint n_elements = 0; n_elements <= 40; n_elements++)
    {
      const guint flow_counts[] = { 0, 1, n_elements, 2 * n_elements + 1 };

      for (guint c = 0; c < G_N_ELEMENTS (flow_counts); c++)
        {
          g_autoptr(MoatDocument) document = NULL;
          g_autoptr(MoatCrossings) crossings = NULL;
          MoatDiagram *diagram;

          g_test_message ("%u elements, %u flows", n_elements, flow_counts[c]);
          document = load_random_diagram (seed++, 2, n_elements, flow_counts[c]);
          diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
          crossings = moat_crossings_new (diagram);

          g_assert_cmpuint (moat_diagram_get_elements (diagram)->len, ==, n_elements);
          g_assert_cmpuint (moat_diagram_get_flows (diagram)->len, ==, flow_counts[c]);
          assert_matches_brute_force (document, diagram, crossings);
        }
    }
}

/* Lookups go by address, so an id that the table lacks must find nothing
 * even when it is interned and alive: the id of an item of another kind,
 * or of the diagram. A copy of a present id, which is not the interned
 * string, must find what the id finds. */
static void
test_absent_ids (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MoatCrossings) crossings = NULL;
  g_autofree char *never_interned = g_uuid_string_random ();
  g_autofree char *flow_copy = g_strdup ("first");
  g_autofree char *element_copy = g_strdup ("inside");
  g_autoptr(GPtrArray) boundaries = NULL;
  const char *absent[] = {
    never_interned, "dmz", "outside", "inside", moat_diagram_get_id (fixture->diagram),
  };
  const MoatCrossing *crossed;
  guint n_crossed;
  MoatBoundary *zone;

  /* Every flow crosses, so an absent flow id that reached a free slot or
   * another flow's entry would find crossings. */
  add_boundary (fixture, "dmz", "DMZ", 0, 0, 200, 200);
  add_element (fixture, "inside", 100, 100);
  add_element (fixture, "outside", 300, 100);
  add_flow (fixture, "first", "outside", "inside");
  add_flow (fixture, "second", "inside", "outside");

  crossings = moat_crossings_new (fixture->diagram);

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      g_test_message ("flow id %s", absent[i]);
      g_assert_null (moat_crossings_get_for_flow (crossings, absent[i], &n_crossed));
      g_assert_cmpuint (n_crossed, ==, 0);
      g_assert_null (moat_crossings_dup_label (crossings, absent[i]));
    }

  g_assert_null (moat_crossings_get_zone (crossings, never_interned));
  g_assert_null (moat_crossings_get_zone (crossings, "dmz"));
  g_assert_null (moat_crossings_get_zone (crossings, "first"));
  boundaries = moat_crossings_dup_boundaries_of (crossings, "second");
  g_assert_cmpuint (boundaries->len, ==, 0);
  g_clear_pointer (&boundaries, g_ptr_array_unref);

  crossed = moat_crossings_get_for_flow (crossings, flow_copy, &n_crossed);
  g_assert_cmpuint (n_crossed, ==, 1);
  g_assert_true (crossed == moat_crossings_get_for_flow (crossings, "first", &n_crossed));
  g_assert_true (crossed[0].entering);
  zone = moat_crossings_get_zone (crossings, element_copy);
  g_assert_nonnull (zone);
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (zone)), ==, "DMZ");
  boundaries = moat_crossings_dup_boundaries_of (crossings, element_copy);
  g_assert_cmpuint (boundaries->len, ==, 1);
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
  assert_matches_brute_force (fixture->document, fixture->diagram, crossings);
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
  ADD ("/crossings/ids-interned", test_ids_interned);
  ADD ("/crossings/absent-ids", test_absent_ids);

  for (guint i = 0; i < G_N_ELEMENTS (grid_cases); i++)
    g_test_add (grid_cases[i].path, Fixture, &grid_cases[i], fixture_set_up, test_grid_case,
                fixture_tear_down);

#undef ADD

  g_test_add_func ("/crossings/dangling-end", test_dangling_end);
  g_test_add_func ("/crossings/keeps-items-alive", test_keeps_items_alive);
  g_test_add_func ("/crossings/random-matches-brute-force", test_random_matches_brute_force);
  g_test_add_func ("/crossings/small-tables-match-brute-force",
                   test_small_tables_match_brute_force);

  return g_test_run ();
}
