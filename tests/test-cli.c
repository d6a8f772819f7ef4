/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moat-format.h"

/* Runs the real `moat` executable, whose path meson passes as the first
 * argument, on model files written to a temporary folder. */

static const char *moat_path;

typedef struct
{
  char *folder;
  char *model;
  char *broken;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs `moat` with the NULL-terminated arguments and stores its exit
 * status and output in @run. */
G_GNUC_NULL_TERMINATED
static void
run_moat (Run        *run,
          const char *first_argument,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *)moat_path);
  va_start (args, first_argument);
  for (const char *argument = first_argument; argument != NULL;
       argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  g_test_message ("exit status %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

static void
add_element (MoatDocument    *document,
             MoatDiagram     *diagram,
             MoatElementKind  kind,
             const char      *id,
             const char      *name)
{
  g_autoptr(MoatElement) element = moat_element_new (kind, id, name);

  moat_document_add_item (document, diagram, MOAT_ITEM (element));
}

static void
add_threat (MoatDocument       *document,
            const char         *id,
            const char         *target_id,
            MoatStrideCategory  category,
            const char         *title)
{
  g_autoptr(MoatThreat) threat = moat_threat_new (id, target_id, category, title);

  g_object_set (threat,
                "impact-integrity", MOAT_LEVEL_HIGH,
                "probability", MOAT_LEVEL_MEDIUM,
                NULL);
  moat_document_add_threat (document, threat);
}

static MoatDocument *
create_document (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Checkout");
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autoptr(MoatFlow) flow = moat_flow_new ("pay", "shop", "psp", "Card | payment");

  g_object_set (document, "title", "Checkout <b>service</b>", NULL);
  add_element (document, diagram, MOAT_ELEMENT_KIND_PROCESS, "shop", "Shop");
  add_element (document, diagram, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "psp", "Payment provider");
  moat_document_add_item (document, diagram, MOAT_ITEM (flow));

  add_threat (document, "t1", "pay", MOAT_STRIDE_TAMPERING, "Amount changed in transit");
  add_threat (document, "t2", "pay", MOAT_STRIDE_SPOOFING, "# Forged `callback`");
  add_threat (document, "t3", "shop", MOAT_STRIDE_REPUDIATION, "Unsigned refunds");

  return document;
}

/* Writes a copy of @bytes whose first threat has a status that does not
 * exist, so loading it must fail at $.threats[0].status. */
static void
write_broken_copy (GBytes     *bytes,
                   const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *threat;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  threat = json_array_get_object_element (json_object_get_array_member (root, "threats"), 0);
  json_object_set_string_member (threat, "status", "closed");

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MoatDocument) document = create_document ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("moat-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->model = g_build_filename (fixture->folder, "checkout.moat", NULL);
  fixture->broken = g_build_filename (fixture->folder, "broken.moat", NULL);

  file = g_file_new_for_path (fixture->model);
  moat_format_save_file (document, file, NULL, &error);
  g_assert_no_error (error);

  bytes = moat_format_serialize (document);
  write_broken_copy (bytes, fixture->broken);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->folder), ==, 0);

  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->model, g_free);
  g_clear_pointer (&fixture->broken, g_free);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static char *
build_path (Fixture    *fixture,
            const char *name)
{
  return g_build_filename (fixture->folder, name, NULL);
}

static void
test_validate_valid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *expected = g_strdup_printf ("%s: valid\n", fixture->model);

  run_moat (&run, "validate", fixture->model, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_validate_broken (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *expected = g_strdup_printf ("%s: $.threats[0].status: unknown value "
                                               "“closed”", fixture->broken);

  run_moat (&run, "validate", fixture->broken, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, expected));
}

static void
test_validate_several (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *missing = build_path (fixture, "missing.moat");
  g_autofree char *expected_out = g_strdup_printf ("%s: valid\n", fixture->model);
  g_autofree char *expected_missing = g_strdup_printf ("%s: cannot read the file: ", missing);
  g_autofree char *expected_broken = g_strdup_printf ("%s: $.threats[0].status: ",
                                                      fixture->broken);

  /* Every file is checked, even after a failure. */
  run_moat (&run, "validate", missing, fixture->broken, fixture->model, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, expected_out);
  g_assert_true (g_str_has_prefix (run.err, expected_missing));
  g_assert_nonnull (strstr (run.err, expected_broken));
}

static void
test_validate_invalid_json (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *path = build_path (fixture, "truncated.moat");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "{ \"format\": \"moat\", ", -1, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s: invalid JSON: ", path);

  run_moat (&run, "validate", path, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, expected));
}

typedef struct
{
  const char *arguments[6];
  const char *message;
} UsageCase;

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *model = fixture->model;
  g_autofree char *output = build_path (fixture, "out.md");
  const UsageCase cases[] = {
    { { "validate" }, "moat validate: no model file given" },
    { { "validate", "--bogus", model }, "moat validate: Unknown option --bogus" },
    { { "export", "-o", output }, "moat export: no model file given" },
    { { "export", model, model, "-o", output }, "export takes one model file, but 2 were given" },
    { { "export", model }, "moat export: no output file given" },
    { { "export", model, "-o", "-" }, "moat export: no format given" },
    { { "export", model, "--format=nope", "-o", output }, "unknown format “nope”" },
    { { "export", model, "--format=threat-dragon", "-o", output, "--sort=severity" },
      "--sort does not apply to the threat-dragon format" },
    { { "export", model, "--format=svg", "-o", output, "--scale=2" },
      "--scale does not apply to the svg format" },
    { { "export", model, "--format=json", "-o", output, "--guard-formulas" },
      "--guard-formulas does not apply to the json format" },
    { { "export", model, "--format=csv", "-o", output, "--date=2024-05-17" },
      "--date does not apply to the csv format" },
    { { "export", model, "-o", output, "--sort=title" }, "unknown value “title” for --sort" },
    { { "export", model, "-o", output, "--exclude=mitigated,closed" },
      "unknown value “closed” for --exclude" },
    { { "export", model, "-o", output, "--date=2024-13-01" }, "“2024-13-01” is not a valid date" },
    { { "export", model, "-o", output, "--diagram=missing" },
      "the model has no diagram with the id or name “missing”" },
    { { "export", model, "-o", output, "--images=gif" }, "unknown value “gif” for --images" },
    { { "export", model, "-o", output, "--images=none,svg" },
      "unknown value “none,svg” for --images" },
    { { "export", model, "--format=markdown", "-o", "-", "--images=svg" },
      "--images needs an output file" },
    { { "export", model, "--format=png", "-o", output, "--scale=0" }, "“0” is not a valid --scale" },
    { { "export", model, "--format=png", "-o", output, "--scale=2x" },
      "“2x” is not a valid --scale" },
    { { "export", model, "--format=png", "-o", output, "--scale=nan" },
      "“nan” is not a valid --scale" },
    { { "export", model, "--format=pdf", "-o", output, "--page-size=a3" },
      "unknown value “a3” for --page-size" },
    { { "analyze", model, "--fail-on=medium" }, "unknown --fail-on value “medium”" },
    { { "import", "-o", output }, "moat import: no Threat Dragon file given" },
    { { "import", model }, "moat import: no output file given" },
    { { "import", model, model, "-o", output }, "import takes one file, but 2 were given" },
    { { "import", model, "-o", model }, "the output file is the file to import" },
    { { "help", "frobnicate" }, "moat: unknown command “frobnicate”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *arguments = cases[i].arguments;
      g_auto(Run) run = { 0, };

      g_test_message ("case %u: %s", i, cases[i].message);
      run_moat (&run, arguments[0], arguments[1], arguments[2], arguments[3], arguments[4],
                arguments[5], NULL);

      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }

  /* A usage error writes nothing. */
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const char * const commands[] = { "validate", "export", "analyze", "import" };
  g_auto(Run) overview = { 0, };
  g_auto(Run) short_option = { 0, };
  g_auto(Run) export_help = { 0, };
  g_auto(Run) help_command = { 0, };
  g_auto(Run) version = { 0, };
  g_autofree char *expected_version = g_strdup_printf ("moat %s\n", PACKAGE_VERSION);

  run_moat (&overview, "--help", NULL);
  g_assert_cmpint (overview.status, ==, 0);
  g_assert_cmpstr (overview.err, ==, "");
  g_assert_nonnull (strstr (overview.out, "moat [FILE…]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);

      g_assert_nonnull (strstr (overview.out, line));
    }

  run_moat (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, expected_version);

  run_moat (&short_option, "-h", NULL);
  g_assert_cmpint (short_option.status, ==, 0);
  g_assert_cmpstr (short_option.out, ==, overview.out);

  run_moat (&export_help, "export", "--help", NULL);
  g_assert_cmpint (export_help.status, ==, 0);
  g_assert_nonnull (strstr (export_help.out, "moat export [OPTION…] FILE -o OUTPUT"));
  g_assert_nonnull (strstr (export_help.out, "--format=FORMAT"));
  g_assert_nonnull (strstr (export_help.out, "--output=FILE"));

  run_moat (&help_command, "help", "export", NULL);
  g_assert_cmpint (help_command.status, ==, 0);
  g_assert_cmpstr (help_command.out, ==, export_help.out);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0, };
      g_autofree char *usage = g_strdup_printf ("moat %s [OPTION…]", commands[i]);

      run_moat (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, usage));
    }
}

static void
assert_lists_every_threat (const char *markdown,
                           const char *model)
{
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);
  g_auto(GStrv) sections = g_strsplit (markdown, "\n### THREAT-", -1);
  GPtrArray *threats;

  g_assert_no_error (error);
  threats = moat_document_get_threats (document);
  g_assert_cmpuint (threats->len, >, 0);

  for (guint i = 0; i < threats->len; i++)
    {
      g_autofree char *reference = moat_threat_dup_reference (g_ptr_array_index (threats, i));
      g_autofree char *heading = g_strdup_printf ("\n### %s: ", reference);

      g_assert_nonnull (strstr (markdown, heading));
    }

  /* No other threat headings. */
  g_assert_cmpuint (g_strv_length (sections), ==, threats->len + 1);
}

static void
test_export_markdown (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *output = build_path (fixture, "review.md");
  g_autofree char *image = build_path (fixture, "review-checkout.svg");
  g_autofree char *before = read_file (fixture->model);
  g_autofree char *after = NULL;
  g_autofree char *markdown = NULL;

  run_moat (&run, "export", fixture->model, "--format=markdown", "-o", output, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  markdown = read_file (output);
  g_assert_true (g_str_has_prefix (markdown, "# Checkout &lt;b&gt;service&lt;/b&gt;\n"));
  assert_lists_every_threat (markdown, fixture->model);

  /* The diagram image is written next to the document and linked by a
   * relative path. */
  g_assert_nonnull (strstr (markdown, "\n![Checkout](review-checkout.svg)\n"));
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));

  after = read_file (fixture->model);
  g_assert_cmpstr (after, ==, before);
}

static void
test_export_stdout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Run) to_stdout = { 0, };
  g_auto(Run) to_file = { 0, };
  g_autofree char *output = build_path (fixture, "review.markdown");
  g_autofree char *markdown = NULL;

  run_moat (&to_stdout, "export", fixture->model, "--format", "markdown", "--output=-",
            "--date=2024-05-17", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_cmpstr (to_stdout.err, ==, "");
  g_assert_true (g_str_has_prefix (to_stdout.out, "# Checkout"));
  g_assert_nonnull (strstr (to_stdout.out, "\n- **Exported:** 2024-05-17\n"));

  /* Without --format, the .markdown extension chooses the format. Without
   * images, the file matches standard output, which has no folder for
   * them. */
  run_moat (&to_file, "export", fixture->model, "-o", output, "--date=2024-05-17",
            "--images=none", NULL);
  g_assert_cmpint (to_file.status, ==, 0);

  markdown = read_file (output);
  g_assert_cmpstr (markdown, ==, to_stdout.out);
}

static void
test_export_options (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  run_moat (&run, "export", fixture->model, "-o", "-", "-f", "markdown", "--sort=severity",
            "--exclude=accepted", "--exclude", "transferred,out-of-scope", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n- **Left out of this document:** accepted threats, "
                                     "transferred threats, out-of-scope components\n"));
  g_assert_nonnull (strstr (run.out, "\n### THREAT-003: "));
}

static void
test_export_refuses_model_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(Run) same_path = { 0, };
  g_auto(Run) through_link = { 0, };
  g_autofree char *before = read_file (fixture->model);
  g_autofree char *link = build_path (fixture, "link.md");
  g_autofree char *after = NULL;

  run_moat (&same_path, "export", fixture->model, "--format=markdown", "-o", fixture->model,
            NULL);
  g_assert_cmpint (same_path.status, ==, 2);
  g_assert_nonnull (strstr (same_path.err, "the output file is the model file"));

  g_assert_cmpint (symlink (fixture->model, link), ==, 0);
  run_moat (&through_link, "export", fixture->model, "-o", link, NULL);
  g_assert_cmpint (through_link.status, ==, 2);
  g_assert_nonnull (strstr (through_link.err, "the output file is the model file"));

  after = read_file (fixture->model);
  g_assert_cmpstr (after, ==, before);
}

static void
test_export_invalid_model (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *output = build_path (fixture, "review.md");
  g_autofree char *expected = g_strdup_printf ("%s: $.threats[0].status: ", fixture->broken);

  run_moat (&run, "export", fixture->broken, "-o", output, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, expected));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_export_unwritable_output (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autofree char *output = g_build_filename (fixture->folder, "no-such-folder", "review.md",
                                              NULL);
  g_autofree char *expected = g_strdup_printf ("moat export: cannot write %s: ", output);

  run_moat (&run, "export", fixture->model, "-o", output, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, expected));
}

static char *
build_corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "threat-dragon", name, NULL);
}

static MoatDocument *
load_model (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatDocument *document = moat_format_load_file (file, NULL, &error);

  g_assert_no_error (error);

  return document;
}

static void
test_import_threat_dragon (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *source = build_corpus_path ("demo-threat-model.json");
  g_autofree char *output = build_path (fixture, "demo.moat");
  g_autofree char *before = read_file (source);
  g_autofree char *after = NULL;
  g_autofree char *report_line = g_strdup_printf ("%s: $.detail.diagrams[0]", source);
  g_autoptr(MoatDocument) document = NULL;
  g_auto(Run) import = { 0, };
  g_auto(Run) validate = { 0, };

  run_moat (&import, "import", source, "-o", output, NULL);

  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.out, ==, "");

  /* The import report names the source file and the JSON path. */
  g_assert_true (g_str_has_prefix (import.err, report_line));

  run_moat (&validate, "validate", output, NULL);
  g_assert_cmpint (validate.status, ==, 0);

  /* The Threat Dragon demo model has 14 threats. */
  document = load_model (output);
  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, 14);

  after = read_file (source);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_stdout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *source = build_corpus_path ("e2e-v2-model.json");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };

  run_moat (&run, "import", source, "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);

  bytes = g_bytes_new (run.out, strlen (run.out));
  document = moat_format_load_bytes (bytes, "standard output", &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
}

static void
test_import_broken (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *source = build_corpus_path ("malformed-new-model.json");
  g_autofree char *output = build_path (fixture, "broken.moat");
  g_autofree char *expected = g_strdup_printf ("%s: $: missing required key “summary”", source);
  g_auto(Run) run = { 0, };

  run_moat (&run, "import", source, "-o", output, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, expected));
}

static MoatThreat *
find_threat_by_title (MoatDocument *document,
                      const char   *title)
{
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint i = 0; i < threats->len; i++)
    if (g_strcmp0 (moat_threat_get_title (g_ptr_array_index (threats, i)), title) == 0)
      return g_ptr_array_index (threats, i);

  return NULL;
}

#define TIME_ATTRIBUTES G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC

static char *
dup_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* Reads the width and height of a PNG from its IHDR chunk, which the
 * format puts first, at byte 16. */
static void
read_png_size (const char *path,
               guint      *width,
               guint      *height)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *contents = NULL;
  gsize length;

  g_file_get_contents (path, (char **)&contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  *width = (guint)contents[16] << 24 | (guint)contents[17] << 16 | (guint)contents[18] << 8 |
           contents[19];
  *height = (guint)contents[20] << 24 | (guint)contents[21] << 16 | (guint)contents[22] << 8 |
            contents[23];
}

static void
test_export_register (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *csv_path = build_path (fixture, "register.csv");
  g_autofree char *json_path = build_path (fixture, "register.json");
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) csv_run = { 0, };
  g_auto(Run) json_run = { 0, };
  g_auto(GStrv) rows = NULL;
  JsonObject *root;

  run_moat (&csv_run, "export", fixture->model, "-o", csv_path, "--sort=severity",
            "--exclude=accepted", NULL);
  g_assert_cmpint (csv_run.status, ==, 0);
  g_assert_cmpstr (csv_run.err, ==, "");

  /* A header and three threats, each row ended by CRLF. */
  csv = read_file (csv_path);
  rows = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 3 + 1);
  g_assert_true (g_str_has_prefix (rows[0], "reference,id,title,category,"));
  g_assert_true (g_str_has_prefix (rows[1], "THREAT-001,t1,Amount changed in transit,"));
  g_assert_cmpstr (rows[4], ==, "");

  run_moat (&json_run, "export", fixture->model, "--format=json", "-o", json_path,
            "--date=2024-05-17", NULL);
  g_assert_cmpint (json_run.status, ==, 0);
  g_assert_cmpstr (json_run.err, ==, "");

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "moat-threat-register");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "exported"), ==, "2024-05-17");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "threats")), ==,
                    3);
}

static void
test_export_images (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *svg_path = build_path (fixture, "diagram.svg");
  g_autofree char *png_path = build_path (fixture, "diagram.png");
  g_autofree char *png2_path = build_path (fixture, "diagram@2.png");
  g_autofree char *pdf_path = build_path (fixture, "diagram.pdf");
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_auto(Run) svg_run = { 0, };
  g_auto(Run) png_run = { 0, };
  g_auto(Run) png2_run = { 0, };
  g_auto(Run) pdf_run = { 0, };
  guint width;
  guint height;
  guint width2;
  guint height2;

  run_moat (&svg_run, "export", fixture->model, "-o", svg_path, NULL);
  run_moat (&png_run, "export", fixture->model, "-o", png_path, NULL);
  run_moat (&png2_run, "export", fixture->model, "-o", png2_path, "--scale=2", NULL);
  run_moat (&pdf_run, "export", fixture->model, "-o", pdf_path, "--page-size=letter", NULL);
  g_assert_cmpint (svg_run.status, ==, 0);
  g_assert_cmpint (png_run.status, ==, 0);
  g_assert_cmpint (png2_run.status, ==, 0);
  g_assert_cmpint (pdf_run.status, ==, 0);

  svg = read_file (svg_path);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg "));

  read_png_size (png_path, &width, &height);
  read_png_size (png2_path, &width2, &height2);
  g_assert_cmpuint (width, >, 0);
  g_assert_cmpuint (width2, ==, 2 * width);
  g_assert_cmpuint (height2, ==, 2 * height);

  pdf = read_file (pdf_path);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
}

/* With two diagrams, an SVG export writes one file per diagram, named
 * after the output and the diagram, and standard output takes only one. */
static void
test_export_several_diagrams (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MoatDocument) document = load_model (fixture->model);
  g_autoptr(MoatDiagram) second = moat_diagram_new ("second", "Second level");
  g_autoptr(MoatElement) worker = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, "worker", "Worker");
  g_autofree char *model = build_path (fixture, "two.moat");
  g_autofree char *output = build_path (fixture, "figure.svg");
  g_autofree char *first_image = build_path (fixture, "figure-checkout.svg");
  g_autofree char *second_image = build_path (fixture, "figure-second-level.svg");
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autoptr(GError) error = NULL;
  g_auto(Run) split = { 0, };
  g_auto(Run) to_stdout = { 0, };
  g_auto(Run) one = { 0, };

  moat_document_add_diagram (document, second);
  moat_document_add_item (document, second, MOAT_ITEM (worker));
  moat_format_save_file (document, file, NULL, &error);
  g_assert_no_error (error);

  run_moat (&split, "export", model, "-o", output, NULL);
  g_assert_cmpint (split.status, ==, 0);
  g_assert_nonnull (strstr (split.err, "figure-checkout.svg, figure-second-level.svg"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (first_image, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (second_image, G_FILE_TEST_IS_REGULAR));

  run_moat (&to_stdout, "export", model, "-f", "svg", "-o", "-", NULL);
  g_assert_cmpint (to_stdout.status, ==, 2);
  g_assert_nonnull (strstr (to_stdout.err, "the model has 2 diagrams; choose one with --diagram"));

  run_moat (&one, "export", model, "-f", "svg", "-o", "-", "--diagram=Second level", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_true (g_str_has_prefix (one.out, "<?xml"));
}

static void
test_export_empty_diagram (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Blank");
  g_autofree char *model = build_path (fixture, "blank.moat");
  g_autofree char *output = build_path (fixture, "blank.png");
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };

  moat_format_save_file (document, file, NULL, &error);
  g_assert_no_error (error);

  run_moat (&run, "export", model, "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "the diagram “Blank” is empty, so there is no image to "
                                     "export"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* No export format touches the model file: its bytes and modification
 * time stay the same. */
static void
test_export_leaves_model (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *outputs[] = {
    "all.md", "all.csv", "all.json", "all.svg", "all.png", "all.pdf", "all.td.json",
  };
  const char *formats[] = {
    "markdown", "csv", "json", "svg", "png", "pdf", "threat-dragon",
  };
  g_autofree char *before = dup_file_checksum (fixture->model);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->model);
  g_autoptr(GFileInfo) info_before = NULL;
  g_autoptr(GFileInfo) info_after = NULL;
  g_autofree char *after = NULL;

  info_before = g_file_query_info (file, TIME_ATTRIBUTES,
                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info_before);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *output = build_path (fixture, outputs[i]);
      g_autofree char *format = g_strdup_printf ("--format=%s", formats[i]);
      g_auto(Run) run = { 0, };

      run_moat (&run, "export", fixture->model, format, "-o", output, NULL);
      g_assert_cmpint (run.status, ==, 0);
    }

  after = dup_file_checksum (fixture->model);
  g_assert_cmpstr (after, ==, before);

  info_after = g_file_query_info (file, TIME_ATTRIBUTES,
                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info_after);
  g_assert_cmpuint (g_file_info_get_attribute_uint64 (info_after, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                    ==,
                    g_file_info_get_attribute_uint64 (info_before, G_FILE_ATTRIBUTE_TIME_MODIFIED));
  g_assert_cmpuint (g_file_info_get_attribute_uint32 (info_after,
                                                      G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC), ==,
                    g_file_info_get_attribute_uint32 (info_before,
                                                      G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
}

static void
test_export_threat_dragon (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *output = build_path (fixture, "checkout.json");
  g_autofree char *back = build_path (fixture, "back.moat");
  g_autoptr(MoatDocument) original = load_model (fixture->model);
  g_autoptr(MoatDocument) document = NULL;
  GPtrArray *threats;
  g_auto(Run) export = { 0, };
  g_auto(Run) import = { 0, };

  run_moat (&export, "export", fixture->model, "--format=threat-dragon", "-o", output, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpstr (export.err, ==, "");

  /* The exported file imports back with the same threats. */
  run_moat (&import, "import", output, "-o", back, NULL);
  g_assert_cmpint (import.status, ==, 0);

  document = load_model (back);
  threats = moat_document_get_threats (document);
  g_assert_cmpuint (threats->len, ==, moat_document_get_threats (original)->len);

  /* Threat Dragon keeps threats on their cells, so the order may change. */
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      MoatThreat *expected = find_threat_by_title (original, moat_threat_get_title (threat));

      g_assert_nonnull (expected);
      g_assert_cmpint (moat_threat_get_category (threat), ==, moat_threat_get_category (expected));
    }
}

static void
test_examples (Fixture       *fixture,
               gconstpointer  data)
{
  const char *names[] = { "payment-webhook.moat", "ai-agent.moat" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *model = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                                 names[i], NULL);
      g_autofree char *output = build_path (fixture, "example.md");
      g_autofree char *before = read_file (model);
      g_autofree char *after = NULL;
      g_autofree char *markdown = NULL;
      g_auto(Run) validate = { 0, };
      g_auto(Run) export = { 0, };

      run_moat (&validate, "validate", model, NULL);
      g_assert_cmpint (validate.status, ==, 0);

      run_moat (&export, "export", model, "--format=markdown", "-o", output, NULL);
      g_assert_cmpint (export.status, ==, 0);

      markdown = read_file (output);
      assert_lists_every_threat (markdown, model);

      after = read_file (model);
      g_assert_cmpstr (after, ==, before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc != 2)
    {
      g_printerr ("usage: %s [GTEST-OPTION…] PATH-TO-MOAT\n", argv[0]);
      return 2;
    }
  moat_path = argv[1];

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/cli/validate/valid", test_validate_valid);
  ADD_TEST ("/cli/validate/broken", test_validate_broken);
  ADD_TEST ("/cli/validate/several", test_validate_several);
  ADD_TEST ("/cli/validate/invalid-json", test_validate_invalid_json);
  ADD_TEST ("/cli/usage-errors", test_usage_errors);
  ADD_TEST ("/cli/help", test_help);
  ADD_TEST ("/cli/export/markdown", test_export_markdown);
  ADD_TEST ("/cli/export/stdout", test_export_stdout);
  ADD_TEST ("/cli/export/options", test_export_options);
  ADD_TEST ("/cli/export/refuses-model-file", test_export_refuses_model_file);
  ADD_TEST ("/cli/export/invalid-model", test_export_invalid_model);
  ADD_TEST ("/cli/export/unwritable-output", test_export_unwritable_output);
  ADD_TEST ("/cli/export/threat-dragon", test_export_threat_dragon);
  ADD_TEST ("/cli/export/register", test_export_register);
  ADD_TEST ("/cli/export/images", test_export_images);
  ADD_TEST ("/cli/export/several-diagrams", test_export_several_diagrams);
  ADD_TEST ("/cli/export/empty-diagram", test_export_empty_diagram);
  ADD_TEST ("/cli/export/leaves-model", test_export_leaves_model);
  ADD_TEST ("/cli/import/threat-dragon", test_import_threat_dragon);
  ADD_TEST ("/cli/import/stdout", test_import_stdout);
  ADD_TEST ("/cli/import/broken", test_import_broken);
  ADD_TEST ("/cli/examples", test_examples);

#undef ADD_TEST

  return g_test_run ();
}
