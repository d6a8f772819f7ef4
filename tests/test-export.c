/* test-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>

#include "moat-format.h"
#include "moat-image-export.h"
#include "moat-markdown.h"
#include "moat-register.h"
#include "moat-render.h"

/* Golden files of both examples, and every export of a model built from
 * hostile text. The real tools a reader would use check the output:
 * cmark-gfm for Markdown, Python's csv module for CSV, jsonschema for JSON,
 * xmllint for SVG, and poppler's pdftoppm and pdftotext for PDF. */

#define EXPORT_DATE "2024-05-17"

static const char * const example_names[] = { "payment-webhook", "ai-agent" };

/* Text that breaks naive Markdown, CSV, HTML or XML writers. It has table
 * pipes, inline markup, HTML tags, comments and entities, block markers at
 * the start, line breaks and tabs, quotes and commas, a spreadsheet
 * formula, a very long word, emoji, and Hebrew and Arabic. */
#define LONG_WORD "Supercalifragilistic" "expialidocious" "Pneumonoultramicroscopic" \
                  "silicovolcanoconiosis" "Antidisestablishmentarianism" \
                  "Floccinaucinihilipilification"
#define HOSTILE_NAME "# API | `gw` *x* _y_ <b>bold</b> &amp; [l](u) !(i) 🔥 שלום مرحبا"
#define HOSTILE_TEXT "- item\r\n+ plus\n> quote\n1. one\n\ttab \"quoted\", comma\n" \
                     "<script>alert('x')</script> <!-- c --> &lt; " LONG_WORD

typedef struct
{
  const char *id;
  const char *target;
  MoatStrideCategory category;
  const char *title;
  const char *text;
  MoatThreatStatus status;
} HostileThreat;

static const HostileThreat hostile_threats[] = {
  { "t1", "card", MOAT_STRIDE_SPOOFING, HOSTILE_NAME, HOSTILE_TEXT, MOAT_THREAT_STATUS_OPEN },
  { "t2", "api", MOAT_STRIDE_TAMPERING, "=HYPERLINK(\"http://x.invalid\",\"click\")", "",
    MOAT_THREAT_STATUS_MITIGATED },
  { "t3", "db", MOAT_STRIDE_OTHER, "", "+1, \"-2\"\r\n@SUM(A1)", MOAT_THREAT_STATUS_ACCEPTED },
  { "t4", "store", MOAT_STRIDE_DENIAL_OF_SERVICE, "> 1. " LONG_WORD " |", "\n\n",
    MOAT_THREAT_STATUS_TRANSFERRED },
};

static char *
build_source_path (const char *first,
                   ...) G_GNUC_NULL_TERMINATED;

static char *
build_source_path (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (char *)g_getenv ("MOAT_SOURCE_ROOT"));
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **)parts->pdata);
}

static MoatDocument *
load_example (const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".moat", NULL);
  g_autofree char *path = build_source_path ("examples", file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatDocument *document = moat_format_load_file (file, NULL, &error);

  g_assert_no_error (error);

  return document;
}

static gboolean
is_regenerating (void)
{
  return g_strcmp0 (g_getenv ("MOAT_REGENERATE_GOLDEN"), "1") == 0;
}

/* Compares @actual with tests/data/golden/@name byte for byte. On a
 * difference the output goes to the build folder, named in the message,
 * for a diff. MOAT_REGENERATE_GOLDEN=1 first rewrites the golden file. */
static void
assert_golden (const char *name,
               GBytes     *actual)
{
  g_autofree char *path = build_source_path ("tests", "data", "golden", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gsize expected_length;

  if (is_regenerating ())
    {
      g_file_set_contents (path, g_bytes_get_data (actual, NULL), g_bytes_get_size (actual),
                           &error);
      g_assert_no_error (error);
      g_test_message ("regenerated %s", path);
    }

  g_file_get_contents (path, &expected, &expected_length, &error);
  g_assert_no_error (error);

  if (expected_length != g_bytes_get_size (actual) ||
      memcmp (expected, g_bytes_get_data (actual, NULL), expected_length) != 0)
    {
      g_autofree char *actual_name = g_strconcat (name, ".actual", NULL);
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, actual_name, NULL);

      g_file_set_contents (actual_path, g_bytes_get_data (actual, NULL),
                           g_bytes_get_size (actual), NULL);
      g_test_fail_printf ("%s differs from its golden file %s; the output is in %s. If the "
                          "change is deliberate, run the test with MOAT_REGENERATE_GOLDEN=1 and "
                          "review the diff", name, path, actual_path);
    }
}

/* Runs @argv with @input on standard input, checks that it exits with 0,
 * and returns its standard output. */
static char *
run_tool (const char * const *argv,
          const char         *input)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) full_argv = g_ptr_array_new ();
  char *out = NULL;
  g_autofree char *err = NULL;

  if (program == NULL)
    {
      g_test_fail_printf ("%s is not installed; build-aux/dev lists the Debian package", argv[0]);
      return NULL;
    }

  g_ptr_array_add (full_argv, program);
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (full_argv, (char *)argv[i]);
  g_ptr_array_add (full_argv, NULL);

  process = g_subprocess_newv ((const char * const *)full_argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_test_fail_printf ("%s failed: %s", argv[0], err);

  return out;
}

/* The fonts, pango and cairo that the SVG bytes depend on: the file and
 * SHA-256 of the font fontconfig picks for each style the renderer uses. */
static char *
dup_font_fingerprint (void)
{
  const char *patterns[] = { "Cantarell", "Cantarell:bold", "Cantarell:italic", "Sans" };
  GString *fingerprint = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      const char *argv[] = { "fc-match", "-f", "%{file}", patterns[i], NULL };
      g_autofree char *file = run_tool (argv, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *checksum = NULL;
      gsize length = 0;

      if (file == NULL || !g_file_get_contents (file, &contents, &length, NULL))
        {
          g_string_append_printf (fingerprint, "%s: (not found)\n", patterns[i]);
          continue;
        }

      checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents,
                                              length);
      g_string_append_printf (fingerprint, "%s: %s %s\n", patterns[i], file, checksum);
    }

  g_string_append_printf (fingerprint, "pango %s\ncairo %s\n", pango_version_string (),
                          cairo_version_string ());

  return g_string_free (fingerprint, FALSE);
}

static GBytes *
export_markdown (MoatDocument  *document,
                 const char    *prefix,
                 GPtrArray    **images)
{
  MoatExportOptions options;
  MoatMarkdownImages image_settings;
  g_autoptr(GError) error = NULL;
  char *markdown;

  moat_export_options_init (&options);
  options.date = EXPORT_DATE;
  moat_markdown_images_init (&image_settings);
  image_settings.prefix = prefix;
  image_settings.svg = prefix != NULL;

  markdown = moat_markdown_export (document, &options, &image_settings, images, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (markdown, strlen (markdown));
}

static GBytes *
export_first_svg (MoatDocument *document)
{
  g_autoptr(GPtrArray) diagrams = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GBytes *svg;

  g_ptr_array_add (diagrams, g_ptr_array_index (moat_document_get_diagrams (document), 0));
  svg = moat_image_export (document, diagrams, MOAT_IMAGE_FORMAT_SVG, NULL, &error);
  g_assert_no_error (error);

  return svg;
}

static void
test_golden_markdown (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (example_names); i++)
    {
      g_autoptr(MoatDocument) document = load_example (example_names[i]);
      g_autoptr(GPtrArray) images = NULL;
      g_autoptr(GBytes) markdown = export_markdown (document, example_names[i], &images);
      g_autofree char *name = g_strconcat (example_names[i], ".md", NULL);

      assert_golden (name, markdown);

      /* The images are the golden SVGs, checked by their own test. */
      g_assert_cmpuint (images->len, ==, moat_document_get_diagrams (document)->len);
    }
}

static void
test_golden_register (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (example_names); i++)
    {
      g_autoptr(MoatDocument) document = load_example (example_names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) csv = NULL;
      g_autoptr(GBytes) json = NULL;
      g_autofree char *csv_name = g_strconcat (example_names[i], ".csv", NULL);
      g_autofree char *json_name = g_strconcat (example_names[i], ".json", NULL);
      MoatExportOptions options;

      moat_export_options_init (&options);
      options.date = EXPORT_DATE;

      csv = moat_register_export_csv (document, &options, FALSE, &error);
      g_assert_no_error (error);
      json = moat_register_export_json (document, &options, &error);
      g_assert_no_error (error);

      assert_golden (csv_name, csv);
      assert_golden (json_name, json);
    }
}

/* The golden SVGs are the images the golden review documents link. */
static void
test_golden_svg (void)
{
  g_autofree char *fingerprint = dup_font_fingerprint ();
  g_autofree char *fonts_path = build_source_path ("tests", "data", "golden", "fonts.txt", NULL);
  g_autofree char *golden_fingerprint = NULL;
  g_autoptr(GError) error = NULL;

  if (is_regenerating ())
    {
      g_file_set_contents (fonts_path, fingerprint, -1, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (fonts_path, &golden_fingerprint, NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (fingerprint, golden_fingerprint) != 0)
    {
      g_test_fail_printf ("the golden SVGs were drawn with other fonts, pango or cairo, so they "
                          "cannot match here. Golden:\n%sHere:\n%sInstall fonts-cantarell and "
                          "fonts-dejavu-core from Debian 12, or regenerate with "
                          "MOAT_REGENERATE_GOLDEN=1 and review the diff",
                          golden_fingerprint, fingerprint);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (example_names); i++)
    {
      g_autoptr(MoatDocument) document = load_example (example_names[i]);
      g_autoptr(GPtrArray) images = NULL;
      g_autoptr(GBytes) markdown = export_markdown (document, example_names[i], &images);
      g_autoptr(GBytes) first = export_first_svg (document);
      MoatExportFile *image = g_ptr_array_index (images, 0);

      /* The standalone export and the review document's image are one
       * drawing. */
      g_assert_true (g_bytes_equal (first, image->bytes));

      for (guint j = 0; j < images->len; j++)
        {
          image = g_ptr_array_index (images, j);
          assert_golden (image->name, image->bytes);
        }
    }
}

/* Two exports of one model give the same bytes, so golden files and git
 * diffs of exports are meaningful. */
static void
test_exports_deterministic (void)
{
  g_autoptr(MoatDocument) document = load_example ("ai-agent");
  g_autoptr(GBytes) first_svg = export_first_svg (document);
  g_autoptr(GBytes) second_svg = export_first_svg (document);
  g_autoptr(GBytes) first_md = export_markdown (document, NULL, NULL);
  g_autoptr(GBytes) second_md = export_markdown (document, NULL, NULL);

  g_assert_true (g_bytes_equal (first_svg, second_svg));
  g_assert_true (g_bytes_equal (first_md, second_md));
}

static void
add_element (MoatDocument    *document,
             MoatDiagram     *diagram,
             MoatElementKind  kind,
             const char      *id,
             const char      *name,
             double           x,
             double           y)
{
  g_autoptr(MoatElement) element = moat_element_new (kind, id, name);

  g_object_set (element,
                "x", x, "y", y, "width", 160.0, "height", 80.0,
                "description", HOSTILE_TEXT,
                "technology", HOSTILE_NAME,
                NULL);
  moat_document_add_item (document, diagram, MOAT_ITEM (element));
}

static void
add_flow (MoatDocument *document,
          MoatDiagram  *diagram,
          const char   *id,
          const char   *source,
          const char   *target,
          const char   *label)
{
  g_autoptr(MoatFlow) flow = moat_flow_new (id, source, target, label);

  g_object_set (flow, "protocol", "HTTPS\t|\r\n1.3", NULL);
  moat_document_add_item (document, diagram, MOAT_ITEM (flow));
}

static MoatDocument *
create_hostile_document (void)
{
  MoatDocument *document = moat_document_new_with_diagram (HOSTILE_NAME);
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autoptr(MoatBoundary) boundary = NULL;
  const char *reviewers[] = { HOSTILE_NAME, "", "> 1. x", NULL };

  g_object_set (document,
                "title", HOSTILE_NAME,
                "description", HOSTILE_TEXT,
                "owner", "=cmd|' /C calc'!A0",
                "reviewers", reviewers,
                "model-version", "1.",
                "business-objectives", HOSTILE_TEXT,
                "security-objectives", "",
                "compliance", reviewers,
                "risk-appetite", "\t\tcode?",
                "technical-scope", HOSTILE_TEXT,
                NULL);

  boundary = moat_boundary_new ("zone", "| DMZ <i>");
  g_object_set (boundary, "x", 220.0, "y", -40.0, "width", 500.0, "height", 240.0, NULL);
  moat_document_add_item (document, diagram, MOAT_ITEM (boundary));

  add_element (document, diagram, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "user", "- user, \"u\"", 0, 0);
  add_element (document, diagram, MOAT_ELEMENT_KIND_PROCESS, "api", HOSTILE_NAME, 300, 0);
  add_element (document, diagram, MOAT_ELEMENT_KIND_DATA_STORE, "db", "", 600, 0);
  add_flow (document, diagram, "card", "user", "api", HOSTILE_NAME);
  add_flow (document, diagram, "store", "api", "db", "");

  for (guint i = 0; i < G_N_ELEMENTS (hostile_threats); i++)
    {
      const HostileThreat *spec = &hostile_threats[i];
      g_autoptr(MoatThreat) threat = moat_threat_new (spec->id, spec->target, spec->category,
                                                      spec->title);
      g_autoptr(MoatChecklist) checklist = moat_checklist_new ();

      moat_checklist_append (checklist, spec->text, FALSE);
      moat_checklist_append (checklist, "[x] \"done\", | yes", TRUE);
      g_object_set (threat,
                    "status", spec->status,
                    "attack-vector", spec->text,
                    "prerequisites", HOSTILE_NAME,
                    "business-impact", spec->text,
                    "evidence", spec->text,
                    "owner", spec->title,
                    "description", spec->text,
                    "type-label", spec->category == MOAT_STRIDE_OTHER ? "Linkability, \"L\"" : "",
                    "impact-confidentiality", MOAT_LEVEL_HIGH,
                    "probability", MOAT_LEVEL_LOW + i % 3,
                    "short-term", checklist,
                    "monitoring", checklist,
                    NULL);
      moat_document_add_threat (document, threat);
    }

  return document;
}

static void
test_hostile_document_valid (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();

  /* The model itself must load back, or the exports would test a model
   * that cannot exist in a file. */
  g_autoptr(GBytes) bytes = moat_format_serialize (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) loaded = moat_format_load_bytes (bytes, "hostile.moat", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (moat_document_get_threats (loaded)->len, ==, G_N_ELEMENTS (hostile_threats));
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

/* Checks every table of cmark-gfm's HTML: each row has as many cells as
 * the header, and the number of body rows is the expected one. */
static void
assert_html_tables (const char  *html,
                    const guint *expected_rows,
                    guint        n_tables)
{
  g_auto(GStrv) tables = g_strsplit (html, "<table>", -1);

  g_assert_cmpuint (g_strv_length (tables), ==, n_tables + 1);

  for (guint t = 1; tables[t] != NULL; t++)
    {
      g_autofree char *table = g_strndup (tables[t], strstr (tables[t], "</table>") - tables[t]);
      g_auto(GStrv) rows = g_strsplit (table, "<tr>", -1);
      guint columns = count_occurrences (rows[1], "<th");

      g_test_message ("table %u: %u columns, %u body rows", t, columns, g_strv_length (rows) - 2);
      g_assert_cmpuint (columns, >, 0);
      g_assert_cmpuint (g_strv_length (rows) - 2, ==, expected_rows[t - 1]);

      for (guint r = 2; rows[r] != NULL; r++)
        g_assert_cmpuint (count_occurrences (rows[r], "<td"), ==, columns);
    }
}

static void
test_hostile_markdown (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GBytes) bytes = export_markdown (document, "<review> | (1)", &images);
  const char *markdown = g_bytes_get_data (bytes, NULL);
  const char *argv[] = { "cmark-gfm", "--unsafe", "-e", "table", "-e", "tasklist",
                         "-e", "strikethrough", "-e", "autolink", "-t", "html", NULL };
  g_autofree char *html = run_tool (argv, markdown);
  /* Components (three), flows (two), one STRIDE table per flow (six
   * categories, and on the first flow no second row for its threat's
   * category), the severity matrix, severities, statuses, coverage and
   * the legend. */
  const guint expected_rows[] = { 3, 2, 6, 6, 3, 5, 4, 2, 8 };

  if (html == NULL)
    return;

  g_test_message ("%s", html);
  assert_html_tables (html, expected_rows, G_N_ELEMENTS (expected_rows));

  /* Every threat keeps its heading, in order. */
  g_assert_cmpuint (count_occurrences (html, "<h3>THREAT-"), ==, G_N_ELEMENTS (hostile_threats));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_threats); i++)
    {
      g_autofree char *heading = g_strdup_printf ("<h3>THREAT-%03u: ", i + 1);

      g_assert_nonnull (strstr (html, heading));
    }

  /* One image, and no markup of the model's own. */
  g_assert_cmpuint (count_occurrences (html, "<img "), ==, 1);
  g_assert_nonnull (strstr (html, "src=\"%3Creview%3E%20%7C%20%281%29-"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "<i>"));
  g_assert_null (strstr (html, "<!--"));
  g_assert_null (strstr (html, "<ol"));
  g_assert_null (strstr (html, "<blockquote"));
  g_assert_null (strstr (html, "<pre"));
  g_assert_null (strstr (html, "<code"));
  g_assert_null (strstr (html, "<em>"));
  g_assert_null (strstr (html, "<hr"));

  /* The text survives: the long word, emoji and both scripts. */
  g_assert_nonnull (strstr (html, LONG_WORD));
  g_assert_nonnull (strstr (html, "🔥 שלום مرحبا"));

  /* The only links are GitHub's autolinks of bare URLs, which Moat leaves
   * in the text so that references stay clickable; "[l](u)" is no link. */
  for (const char *p = strstr (html, "<a "); p != NULL; p = strstr (p + 1, "<a "))
    g_assert_true (g_str_has_prefix (p, "<a href=\"http://x.invalid"));
  g_assert_nonnull (strstr (html, "[l](u)"));
}

/* Python's csv module, a real RFC 4180 reader, parses the CSV into a JSON
 * array of rows. */
static JsonArray *
parse_csv (GBytes     *csv,
           JsonParser *parser)
{
  const char *argv[] = {
    "python3", "-c",
    "import csv, io, json, sys\n"
    "data = sys.stdin.buffer.read().decode('utf-8')\n"
    "rows = list(csv.reader(io.StringIO(data, newline=''), strict=True))\n"
    "json.dump(rows, sys.stdout)\n",
    NULL
  };
  g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_autofree char *json = run_tool (argv, text);
  g_autoptr(GError) error = NULL;

  if (json == NULL)
    return NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_get_array (json_parser_get_root (parser));
}

static guint
find_column (const char *name)
{
  const char * const *columns = moat_register_get_csv_columns ();

  for (guint i = 0; columns[i] != NULL; i++)
    if (g_str_equal (columns[i], name))
      return i;

  g_assert_not_reached ();
}

static const char *
get_cell (JsonArray  *rows,
          guint       row,
          const char *column)
{
  return json_array_get_string_element (json_array_get_array_element (rows, row),
                                        find_column (column));
}

static void
test_hostile_csv (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  const char * const *columns = moat_register_get_csv_columns ();
  guint n_columns = g_strv_length ((char **)columns);
  MoatExportOptions options;
  JsonArray *rows;

  moat_export_options_init (&options);
  csv = moat_register_export_csv (document, &options, FALSE, &error);
  g_assert_no_error (error);

  rows = parse_csv (csv, parser);
  if (rows == NULL)
    return;

  /* The header, then one row per threat, each with every column. */
  g_assert_cmpuint (json_array_get_length (rows), ==, 1 + G_N_ELEMENTS (hostile_threats));
  for (guint r = 0; r < json_array_get_length (rows); r++)
    g_assert_cmpuint (json_array_get_length (json_array_get_array_element (rows, r)), ==,
                      n_columns);
  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), c),
                     ==, columns[c]);

  /* Every text field comes back exactly as the model has it. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile_threats); i++)
    {
      const HostileThreat *spec = &hostile_threats[i];
      g_autofree char *reference = g_strdup_printf ("THREAT-%03u", i + 1);
      g_autofree char *mitigations = g_strdup_printf ("[ ] %s\n[x] [x] \"done\", | yes",
                                                      spec->text);

      g_assert_cmpstr (get_cell (rows, i + 1, "reference"), ==, reference);
      g_assert_cmpstr (get_cell (rows, i + 1, "id"), ==, spec->id);
      g_assert_cmpstr (get_cell (rows, i + 1, "title"), ==, spec->title);
      g_assert_cmpstr (get_cell (rows, i + 1, "attack-vector"), ==, spec->text);
      g_assert_cmpstr (get_cell (rows, i + 1, "prerequisites"), ==, HOSTILE_NAME);
      g_assert_cmpstr (get_cell (rows, i + 1, "business-impact"), ==, spec->text);
      g_assert_cmpstr (get_cell (rows, i + 1, "evidence"), ==, spec->text);
      g_assert_cmpstr (get_cell (rows, i + 1, "owner"), ==, spec->title);
      g_assert_cmpstr (get_cell (rows, i + 1, "description"), ==, spec->text);
      g_assert_cmpstr (get_cell (rows, i + 1, "short-term"), ==, mitigations);
      g_assert_cmpstr (get_cell (rows, i + 1, "long-term"), ==, "");
      g_assert_cmpstr (get_cell (rows, i + 1, "monitoring"), ==, mitigations);
      g_assert_cmpstr (get_cell (rows, i + 1, "component-id"), ==, spec->target);
      g_assert_cmpstr (get_cell (rows, i + 1, "due-date"), ==, "");
    }

  g_assert_cmpstr (get_cell (rows, 1, "component"), ==,
                   "- user, \"u\" → " HOSTILE_NAME ": " HOSTILE_NAME);
  g_assert_cmpstr (get_cell (rows, 1, "component-kind"), ==, "data-flow");
  g_assert_cmpstr (get_cell (rows, 3, "category"), ==, "other");
  g_assert_cmpstr (get_cell (rows, 3, "type"), ==, "Linkability, \"L\"");
  g_assert_cmpstr (get_cell (rows, 3, "component"), ==, "");
  g_assert_cmpstr (get_cell (rows, 3, "component-kind"), ==, "data-store");
  g_assert_cmpstr (get_cell (rows, 2, "status"), ==, "MITIGATED");
  g_assert_cmpstr (get_cell (rows, 1, "severity"), ==, "MEDIUM");
  g_assert_cmpstr (get_cell (rows, 1, "impact-integrity"), ==, "");
}

static void
test_csv_guard_formulas (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  MoatExportOptions options;
  JsonArray *rows;

  moat_export_options_init (&options);
  csv = moat_register_export_csv (document, &options, TRUE, &error);
  g_assert_no_error (error);

  rows = parse_csv (csv, parser);
  if (rows == NULL)
    return;

  /* Fields a spreadsheet would run get an apostrophe; others stay. */
  g_assert_cmpstr (get_cell (rows, 2, "title"), ==, "'=HYPERLINK(\"http://x.invalid\",\"click\")");
  g_assert_cmpstr (get_cell (rows, 3, "attack-vector"), ==, "'+1, \"-2\"\r\n@SUM(A1)");
  g_assert_cmpstr (get_cell (rows, 1, "attack-vector"), ==, "'" HOSTILE_TEXT);
  g_assert_cmpstr (get_cell (rows, 1, "title"), ==, HOSTILE_NAME);
  g_assert_cmpstr (get_cell (rows, 4, "title"), ==, "> 1. " LONG_WORD " |");
}

static void
test_hostile_json (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autofree char *schema = build_source_path ("data", "threat-register.schema.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *validation = NULL;
  const char *argv[] = {
    "python3", "-c",
    "import json, sys, jsonschema\n"
    "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "jsonschema.Draft202012Validator.check_schema(schema)\n"
    "jsonschema.Draft202012Validator(schema).validate(json.load(sys.stdin))\n"
    "print('valid')\n",
    schema, NULL
  };
  MoatExportOptions options;
  JsonArray *threats;

  moat_export_options_init (&options);
  options.date = EXPORT_DATE;
  json = moat_register_export_json (document, &options, &error);
  g_assert_no_error (error);

  text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));
  validation = run_tool (argv, text);
  g_assert_cmpstr (validation, ==, "valid\n");

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  threats = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "threats");
  g_assert_cmpuint (json_array_get_length (threats), ==, G_N_ELEMENTS (hostile_threats));

  for (guint i = 0; i < G_N_ELEMENTS (hostile_threats); i++)
    {
      JsonObject *threat = json_array_get_object_element (threats, i);
      JsonObject *mitigations = json_object_get_object_member (threat, "mitigations");
      JsonArray *short_term = json_object_get_array_member (mitigations, "short-term");

      g_assert_cmpstr (json_object_get_string_member (threat, "title"), ==,
                       hostile_threats[i].title);
      g_assert_cmpstr (json_object_get_string_member (threat, "attack-vector"), ==,
                       hostile_threats[i].text);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (short_term,
                                                                                     0),
                                                      "text"), ==, hostile_threats[i].text);
    }
}

static void
test_hostile_svg (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(GBytes) svg = export_first_svg (document);
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  const char *argv[] = { "xmllint", "--noout", "--nonet", "-", NULL };
  g_autofree char *out = run_tool (argv, text);

  /* xmllint exits with an error on a document that is not well-formed,
   * which run_tool() reports. */
  g_assert_cmpstr (out, ==, "");
  g_assert_null (strstr (text, "<script"));
}

/* Exporting reads the document only: its saved form, modified state and
 * undo history stay as they were. */
static void
test_export_leaves_document (void)
{
  g_autoptr(MoatDocument) document = load_example ("payment-webhook");
  g_autoptr(GBytes) before = moat_format_serialize (document);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GBytes) markdown = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  MoatExportOptions options;
  MoatImageOptions image_options;

  g_assert_false (moat_document_get_modified (document));

  moat_export_options_init (&options);
  options.sort = MOAT_EXPORT_SORT_BY_SEVERITY;
  options.include_mitigated = FALSE;
  markdown = export_markdown (document, "review", &images);
  csv = moat_register_export_csv (document, &options, TRUE, &error);
  g_assert_no_error (error);
  json = moat_register_export_json (document, &options, &error);
  g_assert_no_error (error);
  moat_image_options_init (&image_options);
  image_options.scale = 2;
  pdf = moat_image_export (document, moat_document_get_diagrams (document),
                           MOAT_IMAGE_FORMAT_PDF, &image_options, &error);
  g_assert_no_error (error);

  after = moat_format_serialize (document);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (moat_document_get_modified (document));
  g_assert_false (moat_document_can_undo (document));
  g_assert_false (moat_document_can_redo (document));
}

/* A row of elements 5,000 units wide, with its first and last names
 * known, for the PDF fitting test. */
static MoatDocument *
create_wide_document (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Wide");
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *name = g_strdup_printf ("Service %u", i);
      g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, id, name);

      g_object_set (element, "x", i * 200.0, "y", 0.0, "width", 160.0, "height", 80.0, NULL);
      moat_document_add_item (document, diagram, MOAT_ITEM (element));

      if (i > 0)
        {
          g_autofree char *flow_id = g_strdup_printf ("f%u", i);
          g_autofree char *source = g_strdup_printf ("e%u", i - 1);
          g_autoptr(MoatFlow) flow = moat_flow_new (flow_id, source, id, "call");

          moat_document_add_item (document, diagram, MOAT_ITEM (flow));
        }
    }

  return document;
}

/* Finds the leftmost and rightmost columns of @surface that hold a pixel
 * darker than near-white. */
static gboolean
find_ink_columns (cairo_surface_t *surface,
                  int             *left,
                  int             *right,
                  gboolean        *touches_edge)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);

  *left = width;
  *right = -1;
  *touches_edge = FALSE;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint32 pixel = *(const guint32 *)(data + y * stride + x * 4);
        guint r = pixel >> 16 & 0xff;
        guint g = pixel >> 8 & 0xff;
        guint b = pixel & 0xff;

        if (r > 0xf0 && g > 0xf0 && b > 0xf0)
          continue;

        *left = MIN (*left, x);
        *right = MAX (*right, x);
        if (x == 0 || y == 0 || x == width - 1 || y == height - 1)
          *touches_edge = TRUE;
      }

  return *right >= 0;
}

static void
test_wide_pdf_fits_page (void)
{
  g_autoptr(MoatDocument) document = create_wide_document ();
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autoptr(GPtrArray) diagrams = g_ptr_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-export-XXXXXX", &error);
  g_autofree char *pdf_path = NULL;
  g_autofree char *png_prefix = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *unused = NULL;
  cairo_surface_t *page;
  MoatRect extents;
  int left;
  int right;
  gboolean touches_edge;
  int width;
  int height;

  g_assert_no_error (error);
  g_assert_true (moat_render_get_diagram_extents (document, diagram, &extents));
  g_assert_cmpfloat (extents.width, >=, 4960);

  g_ptr_array_add (diagrams, diagram);
  pdf = moat_image_export (document, diagrams, MOAT_IMAGE_FORMAT_PDF, NULL, &error);
  g_assert_no_error (error);

  pdf_path = g_build_filename (folder, "wide.pdf", NULL);
  png_prefix = g_build_filename (folder, "wide", NULL);
  png_path = g_build_filename (folder, "wide-1.png", NULL);
  g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);

  /* poppler renders the page as a reader's viewer would, at 72 dpi, so
   * one pixel is one point. */
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "72", pdf_path, png_prefix, NULL };
    const char *text_argv[] = { "pdftotext", pdf_path, "-", NULL };

    unused = run_tool (argv, NULL);
    pdf_text = run_tool (text_argv, NULL);
  }

  page = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (page), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (page);
  height = cairo_image_surface_get_height (page);

  /* One A4 page in landscape, 841.9 × 595.3 points, which pdftoppm
   * rounds up. */
  g_assert_cmpint (width, ==, 842);
  g_assert_cmpint (height, ==, 596);

  /* The drawing spans the page between the margins and reaches no edge,
   * so neither end of the row is cut. */
  g_assert_true (find_ink_columns (page, &left, &right, &touches_edge));
  g_test_message ("ink from x=%d to x=%d of %d", left, right, width);
  g_assert_false (touches_edge);
  g_assert_cmpint (left, >=, 36);
  g_assert_cmpint (left, <=, 50);
  g_assert_cmpint (right, <=, width - 36);
  g_assert_cmpint (right, >=, width - 50);

  /* Text stays text: both ends' names are in the PDF's text. */
  g_assert_nonnull (strstr (pdf_text, "Service 0"));
  g_assert_nonnull (strstr (pdf_text, "Service 24"));

  if (g_getenv ("MOAT_KEEP_EXPORTS") != NULL)
    g_test_message ("the PDF and its rendering are in %s", folder);
  else
    {
      g_assert_cmpint (g_unlink (pdf_path), ==, 0);
      g_assert_cmpint (g_unlink (png_path), ==, 0);
      g_assert_cmpint (g_rmdir (folder), ==, 0);
    }

  cairo_surface_destroy (page);
}

static void
test_png_too_large (void)
{
  g_autoptr(MoatDocument) document = create_wide_document ();
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  MoatImageOptions options;

  /* 5,000 units at 8 pixels each is more than 32,767 pixels. */
  moat_image_options_init (&options);
  options.scale = MOAT_IMAGE_MAX_SCALE;
  png = moat_image_export (document, moat_document_get_diagrams (document),
                           MOAT_IMAGE_FORMAT_PNG, &options, &error);

  g_assert_null (png);
  g_assert_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "choose a smaller scale, or export SVG or PDF"));
}

static void
test_image_file_names (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Level 1: Überblick");
  g_autoptr(MoatDiagram) twin = moat_diagram_new ("twin", "level-1 überblick");
  g_autoptr(MoatDiagram) unnamed = moat_diagram_new ("Diagram #3", "🔥");
  g_auto(GStrv) names = NULL;

  moat_document_add_diagram (document, twin);
  moat_document_add_diagram (document, unnamed);
  names = moat_image_dup_file_names (moat_document_get_diagrams (document), "my review",
                                     MOAT_IMAGE_FORMAT_PNG);

  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "my review-level-1-berblick.png");
  g_assert_cmpstr (names[1], ==, "my review-level-1-berblick-2.png");
  g_assert_cmpstr (names[2], ==, "my review-diagram-3.png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/golden/markdown", test_golden_markdown);
  g_test_add_func ("/export/golden/register", test_golden_register);
  g_test_add_func ("/export/golden/svg", test_golden_svg);
  g_test_add_func ("/export/deterministic", test_exports_deterministic);
  g_test_add_func ("/export/hostile/model-valid", test_hostile_document_valid);
  g_test_add_func ("/export/hostile/markdown", test_hostile_markdown);
  g_test_add_func ("/export/hostile/csv", test_hostile_csv);
  g_test_add_func ("/export/hostile/csv-guard-formulas", test_csv_guard_formulas);
  g_test_add_func ("/export/hostile/json", test_hostile_json);
  g_test_add_func ("/export/hostile/svg", test_hostile_svg);
  g_test_add_func ("/export/leaves-document", test_export_leaves_document);
  g_test_add_func ("/export/pdf/wide-diagram-fits-page", test_wide_pdf_fits_page);
  g_test_add_func ("/export/png/too-large", test_png_too_large);
  g_test_add_func ("/export/image-file-names", test_image_file_names);

  return g_test_run ();
}
