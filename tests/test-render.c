/* test-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-crossings.h"
#include "moat-render.h"
#include "moat-render-private.h"

#define SURFACE_WIDTH  800
#define SURFACE_HEIGHT 500

static MoatDiagram *
get_diagram (MoatDocument *document)
{
  return g_ptr_array_index (moat_document_get_diagrams (document), 0);
}

static MoatElement *
add_element (MoatDocument    *document,
             MoatElementKind  kind,
             const char      *id,
             const char      *name,
             double           x,
             double           y,
             double           width,
             double           height)
{
  g_autoptr(MoatElement) element = moat_element_new (kind, id, name);

  g_object_set (element, "x", x, "y", y, "width", width, "height", height, NULL);
  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (element));

  return element;
}

static MoatFlow *
add_flow (MoatDocument *document,
          const char   *id,
          const char   *source_id,
          const char   *target_id,
          const char   *label)
{
  g_autoptr(MoatFlow) flow = moat_flow_new (id, source_id, target_id, label);

  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (flow));

  return flow;
}

static MoatBoundary *
add_boundary (MoatDocument *document,
              const char   *id,
              const char   *name,
              double        x,
              double        y,
              double        width,
              double        height)
{
  g_autoptr(MoatBoundary) boundary = moat_boundary_new (id, name);

  g_object_set (boundary, "x", x, "y", y, "width", width, "height", height, NULL);
  moat_document_add_item (document, get_diagram (document), MOAT_ITEM (boundary));

  return boundary;
}

static void
add_threat (MoatDocument     *document,
            const char       *target_id,
            MoatLevel         impact,
            MoatLevel         probability,
            MoatThreatStatus  status)
{
  g_autoptr(MoatThreat) threat = moat_threat_new (NULL, target_id, MOAT_STRIDE_TAMPERING,
                                                  "Forged request");

  g_object_set (threat,
                "impact-confidentiality", impact,
                "probability", probability,
                "status", status,
                NULL);
  moat_document_add_threat (document, threat);
}

/* A payment provider calling a webhook that writes orders, inside two
 * trust boundaries, with threats on the webhook flow. */
static MoatDocument *
new_payment_webhook_model (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Payment webhook");

  add_boundary (document, "internet", "Internet", 20, 40, 200, 200);
  add_boundary (document, "backend", "Backend", 300, 40, 460, 400);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "provider", "Payment provider",
               60, 110, 120, 60);
  add_element (document, MOAT_ELEMENT_KIND_PROCESS, "receiver", "Webhook receiver",
               360, 100, 140, 80);
  add_element (document, MOAT_ELEMENT_KIND_DATA_STORE, "orders", "Orders database",
               580, 300, 140, 50);
  add_flow (document, "webhook", "provider", "receiver", "Payment event (HTTPS)");
  add_flow (document, "write", "receiver", "orders", "Write order");
  add_flow (document, "read", "orders", "receiver", "Read order");

  add_threat (document, "webhook", MOAT_LEVEL_HIGH, MOAT_LEVEL_MEDIUM, MOAT_THREAT_STATUS_OPEN);
  add_threat (document, "webhook", MOAT_LEVEL_LOW, MOAT_LEVEL_LOW, MOAT_THREAT_STATUS_OPEN);
  add_threat (document, "webhook", MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH,
              MOAT_THREAT_STATUS_MITIGATED);
  add_threat (document, "receiver", MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH, MOAT_THREAT_STATUS_OPEN);

  return document;
}

/* A login service with an out-of-scope mail provider, a bidirectional
 * flow and a flow from a process to itself. */
static MoatDocument *
new_login_model (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Login");
  MoatFlow *session;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "user", "User", 40, 200, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_PROCESS, "web", "Web application", 300, 180, 140, 90);
  add_element (document, MOAT_ELEMENT_KIND_DATA_STORE, "sessions", "Sessions", 560, 380, 140, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "mail", "Mail provider",
               600, 60, 130, 60);
  moat_document_set (document, moat_document_lookup (document, "mail"),
                     "out-of-scope", TRUE, NULL);

  add_flow (document, "login", "user", "web", "Credentials");
  session = add_flow (document, "session", "web", "sessions", "Session");
  moat_document_set (document, session, "bidirectional", TRUE, NULL);
  add_flow (document, "retry", "web", "web", "Retry");
  add_flow (document, "reset", "web", "mail", "Password reset mail");

  return document;
}

static cairo_surface_t *
render_to_surface (MoatDocument            *document,
                   const MoatRenderOptions *options,
                   guint                   *n_drawn)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         SURFACE_WIDTH, SURFACE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint drawn = moat_render_diagram (document, get_diagram (document), cr, options);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (n_drawn != NULL)
    *n_drawn = drawn;

  return surface;
}

static guint32
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  return *(const guint32 *)(const void *)(data + y * stride + x * 4);
}

static guint
get_alpha (cairo_surface_t *surface,
           int              x,
           int              y)
{
  return get_pixel (surface, x, y) >> 24;
}

/* Counts the pixels of a rectangle that anything was drawn on. */
static guint
count_drawn (cairo_surface_t *surface,
             int              x,
             int              y,
             int              width,
             int              height)
{
  guint count = 0;

  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      if (get_alpha (surface, i, j) > 0)
        count++;

  return count;
}

static void
options_init_transparent (MoatRenderOptions *options)
{
  moat_render_options_init (options);
  options->draw_background = FALSE;
}

static void
test_render_shapes_where_items_are (void)
{
  g_autoptr(MoatDocument) document = new_payment_webhook_model ();
  MoatRenderOptions options;
  cairo_surface_t *surface;
  guint n_drawn;

  options_init_transparent (&options);
  surface = render_to_surface (document, &options, &n_drawn);

  g_assert_cmpuint (n_drawn, ==, 8);

  /* Filled shapes: the entity's and the store's inside, the process's
   * centre. */
  g_assert_cmpuint (get_alpha (surface, 70, 160), ==, 255);
  g_assert_cmpuint (get_alpha (surface, 430, 140), ==, 255);
  g_assert_cmpuint (get_alpha (surface, 600, 340), ==, 255);

  /* The process is an ellipse: the corner of its bounds stays empty. */
  g_assert_cmpuint (get_alpha (surface, 362, 102), ==, 0);

  /* The boundary frames are dashed: some pixels along the left edge of
   * "Backend" are drawn, others are gaps. */
  g_assert_cmpuint (count_drawn (surface, 299, 100, 3, 300), >, 300);
  g_assert_cmpuint (count_drawn (surface, 299, 100, 3, 300), <, 3 * 300);

  /* Inside the boundaries but away from every item, nothing is drawn. */
  g_assert_cmpuint (count_drawn (surface, 320, 380, 200, 40), ==, 0);
  g_assert_cmpuint (count_drawn (surface, 40, 190, 150, 40), ==, 0);

  /* Outside everything. */
  g_assert_cmpuint (count_drawn (surface, 770, 450, 30, 50), ==, 0);

  /* The webhook flow's line runs between the two shapes. */
  g_assert_cmpuint (count_drawn (surface, 190, 130, 10, 20), >, 0);

  cairo_surface_destroy (surface);
}

static void
test_render_login_model (void)
{
  g_autoptr(MoatDocument) document = new_login_model ();
  MoatRenderOptions options;
  MoatFlowGeometry geometry;
  MoatPoint points[5];
  cairo_surface_t *surface;
  guint n_drawn;

  options_init_transparent (&options);
  surface = render_to_surface (document, &options, &n_drawn);

  g_assert_cmpuint (n_drawn, ==, 8);

  /* The loop bulges out of the web application's top right. */
  g_assert_true (moat_render_get_flow_geometry (document, get_diagram (document),
                                                moat_document_lookup (document, "retry"),
                                                &geometry));
  g_assert_true (geometry.loop);
  g_assert_cmpfloat (geometry.label_center.x, >, 370);
  g_assert_cmpfloat (geometry.label_center.y, <, 180);
  moat_flow_geometry_sample (&geometry, points, G_N_ELEMENTS (points));
  g_assert_cmpuint (count_drawn (surface, points[1].x - 2, points[1].y - 2, 5, 5), >, 0);

  /* The out-of-scope element is drawn with a dashed outline: its top edge
   * has gaps. */
  g_assert_cmpuint (count_drawn (surface, 610, 59, 110, 3), >, 0);
  g_assert_cmpuint (count_drawn (surface, 610, 59, 110, 3), <, 110 * 3);

  /* The "Out of scope" caption is under the element. */
  g_assert_cmpuint (count_drawn (surface, 620, 124, 90, 12), >, 0);

  cairo_surface_destroy (surface);
}

static void
test_render_dark_palette (void)
{
  g_autoptr(MoatDocument) document = new_payment_webhook_model ();
  MoatRenderOptions options;
  cairo_surface_t *light;
  cairo_surface_t *dark;
  guint32 light_background;
  guint32 dark_background;

  moat_render_options_init (&options);
  light = render_to_surface (document, &options, NULL);
  options.dark = TRUE;
  dark = render_to_surface (document, &options, NULL);

  light_background = get_pixel (light, 790, 490);
  dark_background = get_pixel (dark, 790, 490);

  /* Opaque white against opaque near-black. */
  g_assert_cmphex (light_background, ==, 0xffffffff);
  g_assert_cmphex (dark_background >> 24, ==, 0xff);
  g_assert_cmphex (dark_background & 0xff, <, 0x40);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

static void
test_render_grid (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Empty");
  MoatRenderOptions options;
  cairo_surface_t *surface;

  options_init_transparent (&options);
  options.show_grid = TRUE;
  options.visible = (MoatRect) { 0, 0, SURFACE_WIDTH, SURFACE_HEIGHT };
  surface = render_to_surface (document, &options, NULL);

  /* Lines every 20 units: drawn on the lines, empty between them. */
  g_assert_cmpuint (get_alpha (surface, 40, 33), >, 0);
  g_assert_cmpuint (get_alpha (surface, 33, 40), >, 0);
  g_assert_cmpuint (get_alpha (surface, 30, 30), ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_render_threat_badge (void)
{
  g_autoptr(MoatDocument) document = new_payment_webhook_model ();
  MoatRenderText text;
  MoatRenderOptions options;
  MoatFlowGeometry geometry;
  MoatRect label;
  MoatRect badge;
  guint n_open;
  MoatSeverity highest;
  g_autofree char *badge_text = NULL;
  cairo_surface_t *surface;
  guint32 pixel;

  /* The mitigated CRITICAL threat does not count. */
  g_assert_true (moat_render_get_threat_summary (document, "webhook", &n_open, &highest));
  g_assert_cmpuint (n_open, ==, 2);
  g_assert_cmpint (highest, ==, MOAT_SEVERITY_HIGH);
  badge_text = moat_render_dup_badge_text (n_open, highest);
  g_assert_cmpstr (badge_text, ==, "2 · HIGH");
  g_assert_false (moat_render_get_threat_summary (document, "orders", &n_open, &highest));

  moat_render_text_init (&text, NULL);
  g_assert_true (moat_render_get_flow_geometry (document, get_diagram (document),
                                                moat_document_lookup (document, "webhook"),
                                                &geometry));
  g_assert_true (moat_render_flow_label_rect (&text, moat_document_lookup (document, "webhook"),
                                              &geometry, &label));
  g_assert_true (moat_render_flow_badge_rect (&text, document,
                                              moat_document_lookup (document, "webhook"),
                                              &geometry, &badge));
  g_assert_false (moat_render_element_badge_rect (&text, document,
                                                  moat_document_lookup (document, "orders"),
                                                  &badge));
  moat_render_text_clear (&text);

  /* The flow's badge sits below its label and is filled with the HIGH
   * colour, 0xc64600 in the light palette. */
  g_assert_true (moat_render_get_flow_label_rect (document, get_diagram (document),
                                                  moat_document_lookup (document, "webhook"),
                                                  &label));
  moat_render_text_init (&text, NULL);
  moat_render_flow_badge_rect (&text, document, moat_document_lookup (document, "webhook"),
                               &geometry, &badge);
  moat_render_text_clear (&text);
  g_assert_cmpfloat (badge.y, >, label.y + label.height);

  moat_render_options_init (&options);
  surface = render_to_surface (document, &options, NULL);
  pixel = get_pixel (surface, (int)(badge.x + 3), (int)(badge.y + badge.height / 2));
  g_assert_cmphex (pixel & 0xffffff, ==, 0xc64600);

  cairo_surface_destroy (surface);
}

typedef struct
{
  const char *description;
  double x;
  double y;
  const char *expected_id;
} HitCase;

static void
test_hit_test_table (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Hits");
  MoatDiagram *diagram = get_diagram (document);
  MoatRect label;
  MoatRect boundary_label;
  HitCase cases[] = {
    { "entity centre", 50, 25, "a" },
    { "entity edge within tolerance", 103, 25, "a" },
    { "process centre", 350, 25, "b" },
    { "process bounds corner, outside its ellipse", 302, 1, NULL },
    { "flow line", 150, 25, "ab" },
    { "near the flow line within tolerance", 160, 28, "ab" },
    { "far from the flow line", 150, 45, NULL },
    { "flow label", 0, 0, "ab" },
    { "boundary frame", -50, 150, "zone" },
    { "just inside the boundary frame", -47, 150, "zone" },
    { "inside the boundary, away from its frame", 150, 150, NULL },
    { "boundary name", 0, 0, "zone" },
    { "outside everything", 900, 900, NULL },
  };

  add_boundary (document, "zone", "Trust zone", -50, -100, 500, 300);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_PROCESS, "b", "B", 300, 0, 100, 50);
  add_flow (document, "ab", "a", "b", "Data");

  /* Points inside the labels but away from every line. */
  g_assert_true (moat_render_get_flow_label_rect (document, diagram,
                                                  moat_document_lookup (document, "ab"),
                                                  &label));
  g_assert_cmpfloat (label.y + label.height - 1, >, 25 + MOAT_RENDER_HIT_TOLERANCE);
  cases[7].x = label.x + 2;
  cases[7].y = label.y + label.height - 1;

  g_assert_true (moat_render_get_boundary_label_rect (moat_document_lookup (document, "zone"),
                                                      &boundary_label));
  cases[11].x = boundary_label.x + boundary_label.width - 2;
  cases[11].y = boundary_label.y + boundary_label.height / 2;
  g_assert_cmpfloat (cases[11].y - -100, >, MOAT_RENDER_HIT_TOLERANCE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MoatItem *hit = moat_render_hit_test (document, diagram, cases[i].x, cases[i].y,
                                            MOAT_RENDER_HIT_TOLERANCE);

      g_test_message ("%s at (%g, %g)", cases[i].description, cases[i].x, cases[i].y);
      g_assert_cmpstr (hit != NULL ? moat_item_get_id (hit) : NULL, ==, cases[i].expected_id);
    }
}

static void
test_hit_test_elements_above_flows (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Order");
  MoatFlowGeometry geometry;
  MoatItem *hit;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 300, 0, 100, 50);
  add_flow (document, "ab", "a", "b", "");

  /* Where the flow's line starts, on A's outline, A wins. */
  g_assert_true (moat_render_get_flow_geometry (document, get_diagram (document),
                                                moat_document_lookup (document, "ab"),
                                                &geometry));
  g_assert_cmpfloat_with_epsilon (geometry.start.x, 100, 0.001);
  g_assert_cmpfloat_with_epsilon (geometry.end.x, 300, 0.001);

  hit = moat_render_hit_test (document, get_diagram (document), geometry.start.x,
                              geometry.start.y, MOAT_RENDER_HIT_TOLERANCE);
  g_assert_cmpstr (moat_item_get_id (hit), ==, "a");
}

static void
test_parallel_flows_apart (void)
{
  g_autoptr(MoatDocument) document = new_payment_webhook_model ();
  MoatDiagram *diagram = get_diagram (document);
  MoatFlowGeometry write;
  MoatFlowGeometry read;
  MoatRect write_label;
  MoatRect read_label;
  MoatItem *hit;

  g_assert_true (moat_render_get_flow_geometry (document, diagram,
                                                moat_document_lookup (document, "write"), &write));
  g_assert_true (moat_render_get_flow_geometry (document, diagram,
                                                moat_document_lookup (document, "read"), &read));

  /* Opposite flows between one pair of elements are drawn side by side,
   * and their labels do not overlap. */
  g_assert_cmpfloat (hypot (write.label_center.x - read.label_center.x,
                            write.label_center.y - read.label_center.y), >=, 15);
  g_assert_true (moat_render_get_flow_label_rect (document, diagram,
                                                  moat_document_lookup (document, "write"),
                                                  &write_label));
  g_assert_true (moat_render_get_flow_label_rect (document, diagram,
                                                  moat_document_lookup (document, "read"),
                                                  &read_label));
  g_assert_false (moat_rect_intersects (&write_label, &read_label));

  /* Each is hit on its own line. */
  hit = moat_render_hit_test (document, diagram,
                              (write.start.x * 3 + write.end.x) / 4,
                              (write.start.y * 3 + write.end.y) / 4, 2);
  g_assert_cmpstr (moat_item_get_id (hit), ==, "write");
  hit = moat_render_hit_test (document, diagram,
                              (read.start.x * 3 + read.end.x) / 4,
                              (read.start.y * 3 + read.end.y) / 4, 2);
  g_assert_cmpstr (moat_item_get_id (hit), ==, "read");
}

static void
test_render_culling (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Culling");
  MoatRenderOptions options;
  cairo_surface_t *surface;
  guint n_drawn;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "near", "Near", 10, 10, 80, 40);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "far", "Far", 600, 400, 80, 40);

  options_init_transparent (&options);
  surface = render_to_surface (document, &options, &n_drawn);
  g_assert_cmpuint (n_drawn, ==, 2);
  g_assert_cmpuint (count_drawn (surface, 600, 400, 80, 40), ==, 80 * 40);
  cairo_surface_destroy (surface);

  /* The surface still covers "far", but it lies outside the visible area,
   * so it is not drawn at all. */
  options.visible = (MoatRect) { 0, 0, 200, 100 };
  surface = render_to_surface (document, &options, &n_drawn);
  g_assert_cmpuint (n_drawn, ==, 1);
  g_assert_cmpuint (count_drawn (surface, 10, 10, 80, 40), ==, 80 * 40);
  g_assert_cmpuint (count_drawn (surface, 600, 400, 80, 40), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_render_flow_missing_target (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Dangling");
  MoatDiagram *diagram = get_diagram (document);
  MoatFlow *flow;
  MoatFlowGeometry geometry;
  MoatRect rect;
  MoatRenderOptions options;
  cairo_surface_t *surface;
  guint n_drawn;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 300, 0, 100, 50);
  flow = add_flow (document, "ab", "a", "b", "Data");
  moat_document_set (document, flow, "target-id", "no-such-element", NULL);

  /* The test runs with fatal warnings, so a warning would fail it. */
  options_init_transparent (&options);
  surface = render_to_surface (document, &options, &n_drawn);
  g_assert_cmpuint (n_drawn, ==, 2);
  g_assert_cmpuint (count_drawn (surface, 110, 0, 180, 60), ==, 0);
  cairo_surface_destroy (surface);

  g_assert_false (moat_render_get_flow_geometry (document, diagram, flow, &geometry));
  g_assert_false (moat_render_get_flow_label_rect (document, diagram, flow, &rect));
  g_assert_false (moat_render_get_item_extents (document, diagram, MOAT_ITEM (flow), &rect));
  g_assert_null (moat_render_hit_test (document, diagram, 200, 25, 10));
  g_assert_true (moat_render_get_diagram_extents (document, diagram, &rect));
  g_assert_cmpfloat (rect.x + rect.width, <=, 410);
}

static guint
count_text_pixels (const char *name)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Text");
  MoatRenderOptions options;
  cairo_surface_t *surface;
  guint count;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", name, 0, 0, 400, 60);

  options_init_transparent (&options);
  surface = render_to_surface (document, &options, NULL);

  /* The fill is light, so pixels darker than it are text. */
  count = 0;
  for (int y = 10; y < 50; y++)
    for (int x = 10; x < 390; x++)
      if ((get_pixel (surface, x, y) & 0xff) < 0x80)
        count++;

  cairo_surface_destroy (surface);

  return count;
}

static void
test_render_hostile_text (void)
{
  guint plain = count_text_pixels ("x y");
  guint markup = count_text_pixels ("<b>x</b> & _y");
  guint invalid = count_text_pixels ("bad \xff\xfe utf-8");

  /* Shown literally: the tags and the ampersand are drawn as letters, so
   * there is more ink than for the text the markup would produce. */
  g_assert_cmpuint (plain, >, 0);
  g_assert_cmpuint (markup, >, 2 * plain);
  g_assert_cmpuint (invalid, >, 0);
}

static void
test_render_long_name_stays_inside (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Long");
  MoatRenderOptions options;
  cairo_surface_t *surface;
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < 60; i++)
    g_string_append (name, "Verylongword ");

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", name->str, 100, 100, 120, 60);
  g_string_free (name, TRUE);

  options_init_transparent (&options);
  surface = render_to_surface (document, &options, NULL);

  /* The name wraps and ends in an ellipsis inside the shape: nothing is
   * drawn below or beside it. */
  g_assert_cmpuint (count_drawn (surface, 100, 100, 120, 60), >, 0);
  g_assert_cmpuint (count_drawn (surface, 0, 170, SURFACE_WIDTH, 100), ==, 0);
  g_assert_cmpuint (count_drawn (surface, 230, 90, 100, 80), ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_diagram_extents_include_labels (void)
{
  g_autoptr(MoatDocument) document = new_login_model ();
  MoatRect extents;
  MoatRect element_extents;

  g_assert_true (moat_render_get_diagram_extents (document, get_diagram (document), &extents));

  /* The caption under the mail provider reaches past its bounds. */
  g_assert_true (moat_render_get_item_extents (document, get_diagram (document),
                                               moat_document_lookup (document, "mail"),
                                               &element_extents));
  g_assert_cmpfloat (element_extents.y + element_extents.height, >, 60 + 60 + 8);
  g_assert_true (moat_rect_contains_rect (&extents, &element_extents));
  g_assert_cmpfloat (extents.x, <=, 40);
  g_assert_cmpfloat (extents.y + extents.height, >=, 430);
}

static void
set_vertices (MoatDocument    *document,
              MoatFlow        *flow,
              const MoatPoint *points,
              guint            n_points)
{
  g_autoptr(MoatPointList) vertices = moat_point_list_new (points, n_points);

  moat_document_set (document, flow, "vertices", vertices, NULL);
}

typedef struct
{
  const char *description;
  guint segment;
  double along;
  double off;
  double tolerance;
  const char *expected_id;
} FlowHitCase;

/* A flow bent down through (200, 200) and back up. Each case is a point
 * at a fraction along one segment and a distance off it, to the right
 * of its direction. Hits follow the bent line within the tolerance. */
static void
test_hit_test_bent_flow_table (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Bent");
  MoatDiagram *diagram = get_diagram (document);
  MoatFlowGeometry geometry;
  MoatPoint points[3];
  MoatFlow *flow;
  MoatItem *hit;
  static const MoatPoint bend[] = { { 200, 200 } };
  static const FlowHitCase cases[] = {
    { "middle of the first segment", 0, 0.5, 0, 1, "ab" },
    { "middle of the second segment", 1, 0.5, 0, 1, "ab" },
    { "the bend point", 1, 0, 0, 1, "ab" },
    { "3 units off the first segment, tolerance 4", 0, 0.5, 3, 4, "ab" },
    { "3 units off the first segment, tolerance 2", 0, 0.5, 3, 2, NULL },
    { "3 units the other side, tolerance 4", 0, 0.5, -3, 4, "ab" },
    { "8 units off the second segment, tolerance 10", 1, 0.3, 8, 10, "ab" },
    { "8 units off the second segment, tolerance 4", 1, 0.3, 8, 4, NULL },
  };

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 300, 0, 100, 50);
  flow = add_flow (document, "ab", "a", "b", "");
  set_vertices (document, flow, bend, G_N_ELEMENTS (bend));

  g_assert_true (moat_render_get_flow_geometry (document, diagram, flow, &geometry));
  g_assert_cmpuint (moat_flow_geometry_get_n_points (&geometry), ==, 3);
  moat_flow_geometry_get_points (&geometry, points);
  g_assert_cmpfloat (points[1].x, ==, 200);
  g_assert_cmpfloat (points[1].y, ==, 200);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MoatPoint a = points[cases[i].segment];
      MoatPoint b = points[cases[i].segment + 1];
      double length = hypot (b.x - a.x, b.y - a.y);
      double x = a.x + (b.x - a.x) * cases[i].along - (b.y - a.y) / length * cases[i].off;
      double y = a.y + (b.y - a.y) * cases[i].along + (b.x - a.x) / length * cases[i].off;

      g_test_message ("%s at (%g, %g)", cases[i].description, x, y);
      hit = moat_render_hit_test (document, diagram, x, y, cases[i].tolerance);
      g_assert_cmpstr (hit != NULL ? moat_item_get_id (hit) : NULL, ==, cases[i].expected_id);
    }

  /* Nothing is hit where the straight line would run. */
  g_assert_null (moat_render_hit_test (document, diagram, 200, 25, 4));
}

typedef struct
{
  double fraction;
  double x;
  double y;
} PointAtCase;

/* Along a line of length 400 from (0, 0) right to (200, 0), then down to
 * (200, 200). */
static void
test_geometry_point_at_table (void)
{
  static const MoatPoint bend[] = { { 200, 0 } };
  MoatFlowGeometry geometry = {
    .start = { 0, 0 }, .end = { 200, 200 }, .vertices = bend, .n_vertices = 1,
  };
  static const PointAtCase cases[] = {
    { 0, 0, 0 },
    { 0.25, 100, 0 },
    { 0.5, 200, 0 },
    { 0.75, 200, 100 },
    { 1, 200, 200 },
    { -1, 0, 0 },
    { 2, 200, 200 },
  };

  g_assert_cmpuint (moat_flow_geometry_get_n_points (&geometry), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MoatPoint point = moat_flow_geometry_get_point_at (&geometry, cases[i].fraction);
      double distance;
      guint segment;
      double fraction;

      g_test_message ("fraction %g", cases[i].fraction);
      g_assert_cmpfloat_with_epsilon (point.x, cases[i].x, 1e-9);
      g_assert_cmpfloat_with_epsilon (point.y, cases[i].y, 1e-9);

      /* Projecting the point back gives the fraction, on the line. */
      fraction = moat_flow_geometry_project (&geometry, point, &distance, &segment);
      g_assert_cmpfloat_with_epsilon (fraction, CLAMP (cases[i].fraction, 0, 1), 1e-9);
      g_assert_cmpfloat_with_epsilon (distance, 0, 1e-9);
      g_assert_cmpuint (segment, ==, cases[i].fraction > 0.5 ? 1 : 0);
    }
}

static void
test_label_follows_position (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Labels");
  MoatDiagram *diagram = get_diagram (document);
  MoatFlow *flow;
  MoatFlowGeometry geometry;
  MoatRect middle;
  MoatRect near_source;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 500, 0, 100, 50);
  flow = add_flow (document, "ab", "a", "b", "Data");

  g_assert_true (moat_render_get_flow_label_rect (document, diagram, flow, &middle));
  g_assert_cmpfloat_with_epsilon (middle.x + middle.width / 2, 300, 0.5);

  moat_document_set (document, flow, "label-position", 0.1, NULL);
  g_assert_true (moat_render_get_flow_label_rect (document, diagram, flow, &near_source));
  g_assert_true (moat_render_get_flow_geometry (document, diagram, flow, &geometry));
  g_assert_cmpfloat_with_epsilon (near_source.x + near_source.width / 2,
                                  geometry.start.x + 0.1 * (geometry.end.x - geometry.start.x),
                                  0.5);

  /* The label is still hit where it moved. */
  g_assert_true (moat_render_hit_test (document, diagram, near_source.x + 2,
                                       near_source.y + near_source.height - 1, 0) ==
                 (MoatItem *)flow);
}

typedef struct
{
  const char *description;
  const char *source;
  const char *target;
  guint n_marks;
} CrossingCase;

/* A zone nested in a region: flows between the levels cross one or two
 * frames, and get a mark where they pass each. */
static void
test_crossing_marks_nested_table (void)
{
  static const CrossingCase cases[] = {
    { "outside to the inner zone", "outside", "inner", 2 },
    { "outside to the region", "outside", "middle", 1 },
    { "region to the inner zone", "middle", "inner", 1 },
    { "within the inner zone", "inner", "inner2", 0 },
    { "outside to outside", "outside", "outside2", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Nesting");
      g_autoptr(MoatCrossings) crossings = NULL;
      MoatFlowGeometry geometry;
      g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (MoatPoint));
      g_autofree MoatPoint *points = NULL;
      const MoatCrossing *crossed;
      guint n_crossed;
      MoatFlow *flow;

      add_boundary (document, "region", "Region", 200, 20, 560, 300);
      add_boundary (document, "zone", "Zone", 480, 60, 260, 220);
      add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "outside", "O", 20, 140, 100, 50);
      add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "outside2", "O2", 20, 360, 100, 50);
      add_element (document, MOAT_ELEMENT_KIND_PROCESS, "middle", "M", 260, 140, 100, 50);
      add_element (document, MOAT_ELEMENT_KIND_PROCESS, "inner", "I", 520, 140, 80, 50);
      add_element (document, MOAT_ELEMENT_KIND_PROCESS, "inner2", "I2", 640, 200, 80, 50);
      flow = add_flow (document, "f", cases[i].source, cases[i].target, "");

      g_test_message ("%s", cases[i].description);

      crossings = moat_crossings_new (get_diagram (document));
      crossed = moat_crossings_get_for_flow (crossings, "f", &n_crossed);
      g_assert_true (moat_render_get_flow_geometry (document, get_diagram (document), flow,
                                                    &geometry));
      points = g_new (MoatPoint, moat_flow_geometry_get_n_points (&geometry));
      moat_flow_geometry_get_points (&geometry, points);
      for (guint c = 0; c < n_crossed; c++)
        moat_render_add_frame_crossings (crossed[c].boundary, points,
                                         moat_flow_geometry_get_n_points (&geometry), marks);

      g_assert_cmpuint (marks->len, ==, cases[i].n_marks);
    }
}

static void
test_render_crossing_mark (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Crossing");
  MoatRenderOptions options;
  cairo_surface_t *crossing;
  cairo_surface_t *inside;
  MoatFlowGeometry geometry;
  int x;
  int y;

  add_boundary (document, "zone", "Zone", 300, 20, 300, 200);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 40, 95, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_PROCESS, "b", "B", 420, 80, 120, 80);
  add_flow (document, "ab", "a", "b", "");

  moat_render_options_init (&options);
  crossing = render_to_surface (document, &options, NULL);

  /* The flow meets the frame at x = 300 on y = 120; a point inside the
   * diamond but off both lines has the boundary's colour. */
  g_assert_true (moat_render_get_flow_geometry (document, get_diagram (document),
                                                moat_document_lookup (document, "ab"), &geometry));
  g_assert_cmpfloat_with_epsilon (geometry.start.y, 120, 0.5);
  x = 300 + 1;
  y = 120 + 2;
  g_assert_cmphex (get_pixel (crossing, x, y) & 0xffffff, ==, 0xc01c28);

  /* With the client inside too, nothing crosses and no mark is drawn. */
  moat_document_set (document, moat_document_lookup (document, "zone"), "x", 20.0,
                     "width", 580.0, NULL);
  inside = render_to_surface (document, &options, NULL);
  g_assert_cmphex (get_pixel (inside, x, y) & 0xffffff, ==, 0xffffff);

  cairo_surface_destroy (crossing);
  cairo_surface_destroy (inside);
}

static void
test_render_out_of_scope_flow (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Scope");
  MoatDiagram *diagram = get_diagram (document);
  MoatRenderOptions options;
  cairo_surface_t *surface;
  MoatFlow *flow;
  MoatFlowGeometry geometry;
  MoatRenderText text;
  MoatRect label;
  MoatRect caption;
  guint drawn;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 100, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 600, 100, 100, 50);
  flow = add_flow (document, "ab", "a", "b", "");
  moat_document_set (document, flow, "out-of-scope", TRUE, NULL);

  options_init_transparent (&options);
  surface = render_to_surface (document, &options, NULL);

  /* Dashed: along the line some pixels are drawn and some are not. */
  drawn = count_drawn (surface, 110, 124, 150, 3);
  g_assert_cmpuint (drawn, >, 0);
  g_assert_cmpuint (drawn, <, 150 * 3);

  /* The caption sits where the label would, drawn and hit there. */
  g_assert_false (moat_render_get_flow_label_rect (document, diagram, flow, &label));
  g_assert_true (moat_render_get_flow_geometry (document, diagram, flow, &geometry));
  moat_render_text_init (&text, NULL);
  g_assert_true (moat_render_flow_caption_rect (&text, flow, &geometry, &caption));
  moat_render_text_clear (&text);
  g_assert_cmpfloat_with_epsilon (caption.x + caption.width / 2, 350, 0.5);
  g_assert_cmpuint (count_drawn (surface, (int)caption.x, (int)caption.y, (int)caption.width, 3),
                    >, 0);
  g_assert_true (moat_render_hit_test (document, diagram, caption.x + 1, caption.y + 1, 0) ==
                 (MoatItem *)flow);

  cairo_surface_destroy (surface);
}

static void
test_render_dangling_flow_bend_points (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Dangling");
  MoatDiagram *diagram = get_diagram (document);
  static const MoatPoint bends[] = { { 300, 25 }, { 400, 200 } };
  MoatFlowGeometry geometry;
  MoatFlow *flow;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  flow = add_flow (document, "f", "a", "a", "Lost");
  set_vertices (document, flow, bends, G_N_ELEMENTS (bends));
  moat_document_set (document, flow, "target-id", "", NULL);

  /* The last bend point replaces the missing target. */
  g_assert_true (moat_render_get_flow_geometry (document, diagram, flow, &geometry));
  g_assert_false (geometry.loop);
  g_assert_cmpuint (geometry.n_vertices, ==, 1);
  g_assert_cmpfloat (geometry.end.x, ==, 400);
  g_assert_cmpfloat (geometry.end.y, ==, 200);
  g_assert_true (moat_render_hit_test (document, diagram, 350, 112.5, 2) == (MoatItem *)flow);
}

typedef struct
{
  const char *description;
  GType type;
  const char *name;
  double width;
  gboolean ellipsized;
} EllipsisCase;

static void
test_name_ellipsized_table (void)
{
  const EllipsisCase cases[] = {
    { "short element name", MOAT_TYPE_ELEMENT, "API", 140, FALSE },
    { "long element name in a small element", MOAT_TYPE_ELEMENT,
      "Customer relationship management synchronisation worker", 80, TRUE },
    { "empty element name", MOAT_TYPE_ELEMENT, "", 140, FALSE },
    { "short flow label", MOAT_TYPE_FLOW, "HTTPS", 0, FALSE },
    { "flow label over two lines", MOAT_TYPE_FLOW,
      "Nightly export of every customer record with addresses and payment history to the "
      "data warehouse", 0, TRUE },
    { "boundary name that fits", MOAT_TYPE_BOUNDARY, "DMZ", 300, FALSE },
    { "boundary narrower than its name", MOAT_TYPE_BOUNDARY, "Corporate network", 60, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Names");
      MoatItem *item;

      g_test_message ("%s", cases[i].description);
      add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
      add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 400, 0, 100, 50);

      if (cases[i].type == MOAT_TYPE_ELEMENT)
        item = MOAT_ITEM (add_element (document, MOAT_ELEMENT_KIND_PROCESS, "e", cases[i].name,
                                       0, 200, cases[i].width, 60));
      else if (cases[i].type == MOAT_TYPE_FLOW)
        item = MOAT_ITEM (add_flow (document, "f", "a", "b", cases[i].name));
      else
        item = MOAT_ITEM (add_boundary (document, "z", cases[i].name, 0, 300, cases[i].width, 100));

      g_assert_cmpint (moat_render_is_name_ellipsized (document, get_diagram (document), item),
                       ==, cases[i].ellipsized);
    }
}

static void
test_hit_test_labels_above_elements (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Layers");
  MoatDiagram *diagram = get_diagram (document);
  MoatRect label;
  MoatItem *hit;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "A", 0, 0, 100, 50);
  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "b", "B", 500, 0, 100, 50);
  add_flow (document, "ab", "a", "b", "Data");

  /* An element under the middle of the flow: the label is drawn over it,
   * so a click on the label selects the flow, and elsewhere the element. */
  add_element (document, MOAT_ELEMENT_KIND_PROCESS, "c", "C", 230, -40, 140, 130);
  g_assert_true (moat_render_get_flow_label_rect (document, diagram,
                                                  moat_document_lookup (document, "ab"), &label));

  hit = moat_render_hit_test (document, diagram, label.x + 2, label.y + 2, 0);
  g_assert_cmpstr (moat_item_get_id (hit), ==, "ab");
  hit = moat_render_hit_test (document, diagram, 300, 70, 0);
  g_assert_cmpstr (moat_item_get_id (hit), ==, "c");
}

/* Counts the pixels of text inside an element drawn at @scale. */
static guint
count_name_pixels (double scale,
                   double text_min_scale)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Scale");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (surface);
  MoatRenderOptions options;
  guint count = 0;

  add_element (document, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "a", "WWWWWWWW WWWWWWWW", 0, 0, 800, 300);
  add_threat (document, "a", MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH, MOAT_THREAT_STATUS_OPEN);

  moat_render_options_init (&options);
  options.text_min_scale = text_min_scale;
  cairo_scale (cr, scale, scale);
  moat_render_diagram (document, get_diagram (document), cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Inside the outline, away from it: any pixel darker than the fill,
   * 0xf6f5f4, is text, even tiny and antialiased. */
  for (int y = 8; y < (int)(300 * scale) - 8; y++)
    for (int x = 8; x < (int)(800 * scale) - 8; x++)
      if ((get_pixel (surface, x, y) & 0xff) < 0xf0)
        count++;

  cairo_surface_destroy (surface);

  return count;
}

static void
test_render_small_text_left_out (void)
{
  /* At a fifth of full size, exports still draw the name; the canvas,
   * with its minimum scale, leaves it out. At full size both draw it. */
  g_assert_cmpuint (count_name_pixels (0.2, 0), >, 0);
  g_assert_cmpuint (count_name_pixels (0.2, MOAT_RENDER_TEXT_MIN_SCALE), ==, 0);
  g_assert_cmpuint (count_name_pixels (0.25, 0.2), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/shapes-where-items-are", test_render_shapes_where_items_are);
  g_test_add_func ("/render/login-model", test_render_login_model);
  g_test_add_func ("/render/dark-palette", test_render_dark_palette);
  g_test_add_func ("/render/grid", test_render_grid);
  g_test_add_func ("/render/threat-badge", test_render_threat_badge);
  g_test_add_func ("/render/culling", test_render_culling);
  g_test_add_func ("/render/flow-missing-target", test_render_flow_missing_target);
  g_test_add_func ("/render/hostile-text", test_render_hostile_text);
  g_test_add_func ("/render/long-name-stays-inside", test_render_long_name_stays_inside);
  g_test_add_func ("/render/diagram-extents", test_diagram_extents_include_labels);
  g_test_add_func ("/hit-test/table", test_hit_test_table);
  g_test_add_func ("/hit-test/elements-above-flows", test_hit_test_elements_above_flows);
  g_test_add_func ("/hit-test/parallel-flows", test_parallel_flows_apart);
  g_test_add_func ("/hit-test/bent-flow-table", test_hit_test_bent_flow_table);
  g_test_add_func ("/hit-test/labels-above-elements", test_hit_test_labels_above_elements);
  g_test_add_func ("/geometry/point-at-table", test_geometry_point_at_table);
  g_test_add_func ("/geometry/label-follows-position", test_label_follows_position);
  g_test_add_func ("/geometry/crossing-marks-nested-table", test_crossing_marks_nested_table);
  g_test_add_func ("/render/crossing-mark", test_render_crossing_mark);
  g_test_add_func ("/render/out-of-scope-flow", test_render_out_of_scope_flow);
  g_test_add_func ("/render/dangling-flow-bend-points", test_render_dangling_flow_bend_points);
  g_test_add_func ("/render/name-ellipsized-table", test_name_ellipsized_table);
  g_test_add_func ("/render/small-text-left-out", test_render_small_text_left_out);

  return g_test_run ();
}
