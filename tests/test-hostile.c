/* test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-format.h"
#include "moat-input-limits.h"
#include "moat-threat-dragon-import.h"

/* Runs every file of tests/data/hostile, and the large files generated
 * below, through the loader or the Threat Dragon importer in this process
 * and through the real `moat validate` or `moat import`, whose path meson
 * passes as the last argument. Each must give the expected exit status
 * and message within CHILD_TIMEOUT_SECONDS, and a file that is accepted
 * must save and load again unchanged. .moat files go to validate, .json
 * files (Threat Dragon models) to import. */

/* Far above the few seconds the largest input needs; reaching it means a
 * hang. AddressSanitizer with full leak stacks makes the executable up to
 * ten times slower. */
#ifdef __SANITIZE_ADDRESS__
#define CHILD_TIMEOUT_SECONDS 600
#else
#define CHILD_TIMEOUT_SECONDS 120
#endif

/* Markup and mnemonic text that the markup files put in every field. */
#define MARKUP_TEXT "<b>x</b> & _y <span foreground=\"red\">z</span>"

static const char *moat_path;

typedef struct
{
  const char *name;

  /* 0 for a file that is read, with or without a report, 1 for one that
   * is rejected. */
  int status;

  /* A part of the message, or of the import report, that must appear;
   * NULL when an accepted file must give no report. */
  const char *message;
} HostileCase;

static const HostileCase cases[] = {
  /* Bytes and encoding. */
  { "empty.moat", 1, "the file is empty" },
  { "whitespace-only.moat", 1, "line 3, column 1: expected a value, found the end of the file" },
  { "truncated.moat", 1, "invalid JSON: line 37, column 17: expected “,” or “}”" },
  { "truncated-in-string.moat", 1, "line 26, column 19: the string that starts here" },
  { "truncated-after-backslash.moat", 1, "line 26, column 19: the string that starts here" },
  { "bom.moat", 0, NULL },
  { "invalid-utf8.moat", 1, "line 26, column 23: invalid UTF-8" },
  { "overlong-utf8.moat", 1, "line 26, column 23: invalid UTF-8" },
  { "utf16.moat", 1, "line 1, column 1: invalid UTF-8" },
  { "nul-byte.moat", 1, "line 26, column 23: the file contains a NUL byte" },
  { "escaped-nul.moat", 1, "$.diagrams[0].elements[0].name: the text contains the escape \\u0000" },
  { "lone-surrogate.moat", 1, "$.diagrams[0].elements[0].name: the escape \\uD800 is half" },
  { "short-unicode-escape.moat", 1,
    "$.diagrams[0].elements[0].name: the escape \\u is not followed by four hexadecimal digits" },
  { "bad-escape.moat", 1, "$.diagrams[0].elements[0].name: “\\q” is not a JSON escape" },
  { "duplicate-key.moat", 1, "$.diagrams[0].elements[0].name: the key “name” appears twice" },
  { "duplicate-key-escaped.moat", 1, "$.diagrams[0].elements[0].name: the key “name” appears twice" },
  { "duplicate-top-level-key.moat", 1, "$.diagrams: the key “diagrams” appears twice" },

  /* Wrong structure and types at every level. */
  { "root-array.moat", 1, "$.format: not a Moat model" },
  { "root-string.moat", 1, "$.format: not a Moat model" },
  { "root-null.moat", 1, "$.format: not a Moat model" },
  { "root-number.moat", 1, "$.format: not a Moat model" },
  { "format-wrong-type.moat", 1, "$.format: not a Moat model" },
  { "version-string.moat", 1, "$.version: missing or invalid format version" },
  { "version-fraction.moat", 1, "$.version: missing or invalid format version" },
  { "newer-version.moat", 1, "$.version: the file uses format version 2" },
  { "version-out-of-range.moat", 1, "$.version: the whole number 99999999999999999999 is outside" },
  { "diagrams-object.moat", 1, "$.diagrams: expected an array, found an object" },
  { "diagram-not-object.moat", 1, "$.diagrams[3]: expected an object, found an array" },
  { "element-wrong-types.moat", 1, "$.diagrams[0].elements[0].width: expected a number, found a boolean" },
  { "flow-wrong-types.moat", 1, "$.diagrams[0].flows[0].stride: expected an object, found an array" },
  { "threat-wrong-types.moat", 1, "$.threats[0].due-date: expected a string, found a number" },
  { "model-wrong-types.moat", 1, "$.model.reviewers: expected an array, found a string" },
  { "model-not-object.moat", 1, "$.model: expected an object, found an array" },
  { "threats-not-array.moat", 1, "$.threats: expected an array, found an object" },
  { "stride-wrong-types.moat", 1, "$.diagrams[0].flows[0].stride.tampering.state: expected a string" },
  { "mitigations-wrong-types.moat", 1, "$.threats[0].mitigations.short-term[1].done: expected true" },

  /* Numbers and geometry. */
  { "nan-coordinate.moat", 1, "line 27, column 16: “NaN” is not a JSON value" },
  { "infinity-coordinate.moat", 1, "line 27, column 16: “Infinity” is not a JSON value" },
  { "huge-coordinate.moat", 1, "$.diagrams[0].elements[0].x: value 1e+308 is out of range" },
  { "overflowing-coordinate.moat", 1, "$.diagrams[0].elements[0].x: value -inf is out of range" },
  { "huge-integer-coordinate.moat", 1, "$.diagrams[0].elements[0].x: the whole number" },
  { "negative-size.moat", 1, "$.diagrams[0].elements[0].width: value -100 is out of range" },
  { "zero-size.moat", 1, "$.diagrams[0].boundaries[0].width: value 0 is out of range" },
  { "bad-vertices.moat", 1, "$.diagrams[0].flows[0].vertices[3]: expected a point [x, y]" },
  { "bad-label-position.moat", 1, "$.diagrams[0].flows[0].label-position: value 2 is out of range" },
  { "threat-number-zero.moat", 1, "$.threats[0].number: value 0 is out of range" },
  { "threat-number-huge.moat", 1, "$.threats[0].number: value 2147483648 is out of range" },

  /* Nesting. */
  { "deep-array.moat", 1, "nest more than 64 levels deep" },
  { "deep-object.moat", 1, "$.a.a.a.a.a.a.a.a….a.a.a.a.a.a.a.a: arrays and objects nest" },
  { "deep-in-model.moat", 1, "$.model.title[0][0][0][0][0][0]…[0][0][0][0][0][0][0][0]: arrays" },
  { "unbalanced-deep.moat", 1, "nest more than 64 levels deep" },

  /* References. */
  { "duplicate-ids.moat", 1, "$.threats[0].id: duplicate id “flow-request”" },
  { "flow-to-missing-element.moat", 1, "references element “element-nowhere”, which does not exist" },
  { "self-loop-flow.moat", 0, NULL },
  { "flow-across-diagrams.moat", 1, "$.diagrams[1].flows[0].source: references element “element-client” of another diagram" },
  { "boundaries-nested-identical.moat", 0, NULL },
  { "threat-target-missing.moat", 1, "$.threats[0].target: references “flow-nowhere”" },
  { "threat-target-diagram.moat", 1, "$.threats[0].target: references “diagram-main”" },
  { "unknown-enum.moat", 1, "$.diagrams[0].elements[0].kind: unknown value “firewall”" },
  { "unknown-key.moat", 1, "$.diagrams[0].elements[0].onclick: unknown key “onclick”" },
  { "rule-file-outside.moat", 1, "$.model.rule-files[0]: “../../../../etc/passwd” leaves the model's folder" },
  { "trailing-garbage.moat", 1, "text follows the end of the model" },
  { "two-models.moat", 1, "text follows the end of the model" },
  { "bad-due-date.moat", 1, "$.threats[0].due-date: “2027-02-30” is not a valid date" },

  /* Text that looks like markup, or contains control characters, is valid. */
  { "markup-everywhere.moat", 0, NULL },
  { "control-characters.moat", 0, NULL },

  /* Threat Dragon models. */
  { "td-empty.json", 1, "the file is empty" },
  { "td-whitespace-only.json", 1, "invalid JSON: the file contains only white space" },
  { "td-short-unicode-escape.json", 1, "$.summary.title: the escape \\u is not followed" },
  { "td-truncated.json", 1, "invalid JSON: 59:22" },
  { "td-root-array.json", 1, "$: expected a JSON object with \"summary\" and \"detail\"" },
  { "td-detail-wrong-type.json", 1, "$.detail: expected an object, found a string" },
  { "td-summary-wrong-types.json", 1, "$.summary.title: expected a string, found an array" },
  { "td-missing-cells.json", 0, NULL },
  { "td-v1-missing-diagram-json.json", 0, NULL },
  { "td-cells-not-array.json", 1, "$.detail.diagrams[0].cells: expected an array, found an object" },
  { "td-cells-wrong-types.json", 1, "$.detail.diagrams[0].cells[4]: expected an object, found a boolean" },
  { "td-unknown-shape.json", 0, "a cell of unknown kind “rocket” was not imported" },
  { "td-wrong-geometry.json", 1, "$.detail.diagrams[0].cells[0].size: expected an object, found an array" },
  { "td-nan-coordinates.json", 1, "$.detail.diagrams[0].cells[1].size.height: value 1e+308 is out of range" },
  { "td-negative-size.json", 0, "size -50 × 0 is below Moat's smallest, 8; enlarged" },
  { "td-flow-to-missing-cell.json", 1, "references cell “nowhere”, which is not in this diagram" },
  { "td-flow-without-ends.json", 1, "$.detail.diagrams[0].cells[2]: missing required key “source”" },
  { "td-self-loop.json", 0, "1 threat severity was converted" },
  { "td-cyclic-parents.json", 0, "$.detail.diagrams[0].cells[3].children: unknown key “children”" },
  { "td-duplicate-cell-ids.json", 1, "references cell “p”, which is not in this diagram" },
  { "td-threats-wrong-types.json", 1, "$.detail.diagrams[0].cells[2].data.threats[2].title: expected a string" },
  { "td-duplicate-key.json", 1, "$.summary.title: the key “title” appears twice" },
  { "td-deep-nesting.json", 1, "$.summary.description[0][0]" },
  { "td-newer-version.json", 0, "1 threat severity was converted" },
  { "td-diagram-id-huge.json", 0, "1 threat severity was converted" },
  { "td-markup-everywhere.json", 0, "“" MARKUP_TEXT },
  { "td-v1-markup-everywhere.json", 0, "3 threat severities were converted" },
};

typedef struct
{
  GMainLoop *loop;
  gboolean timed_out;
  char *out;
  char *err;
  GError *error;
} ChildRun;

static gboolean
child_timeout_cb (gpointer data)
{
  ChildRun *run = data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);

  return G_SOURCE_REMOVE;
}

static void
child_communicated_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  ChildRun *run = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err,
                                        &run->error);
  g_main_loop_quit (run->loop);
}

/* Runs `moat` with @arguments (NULL-terminated, without the program) and
 * returns its exit status; fails the test on a signal, a timeout or output
 * that is not UTF-8. Standard error is stored in @err. */
static int
run_moat (const char * const  *arguments,
          char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (CHILD_TIMEOUT_SECONDS);
  ChildRun run = { loop, FALSE, NULL, NULL, NULL };

  g_ptr_array_add (argv, (char *)moat_path);
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)arguments[i]);
  g_ptr_array_add (argv, NULL);

  g_main_context_push_thread_default (context);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_source_set_callback (timeout, child_timeout_cb, &run, NULL);
  g_source_attach (timeout, context);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, child_communicated_cb, &run);
  g_main_loop_run (loop);

  if (run.timed_out)
    {
      g_test_message ("%s %s %s did not finish within %d s; stopped it", moat_path,
                      arguments[0], arguments[1], CHILD_TIMEOUT_SECONDS);
      g_subprocess_force_exit (process);
      /* Until the output pipes close and the callback has run. */
      g_main_loop_run (loop);
    }

  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
  g_assert_false (run.timed_out);

  /* A message that is not UTF-8 fails here too. */
  g_assert_no_error (run.error);
  g_test_message ("%s %s: exit status %d\n%s", arguments[0], arguments[1],
                  g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1,
                  run.err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_free (run.out);
  *err = run.err;

  return g_subprocess_get_exit_status (process);
}

static gboolean
is_threat_dragon (const char *name)
{
  return g_str_has_suffix (name, ".json");
}

static char *
join_lines (GPtrArray *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *)g_ptr_array_index (lines, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Saves @document and loads the bytes again: whatever Moat accepted, it
 * must be able to save and open again with the same content. */
static void
assert_saves_and_loads (MoatDocument *document)
{
  g_autoptr(GBytes) saved = moat_format_serialize (document);
  g_autoptr(MoatDocument) reloaded = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GError) error = NULL;

  reloaded = moat_format_load_bytes (saved, "saved.moat", &error);
  g_assert_no_error (error);
  saved_again = moat_format_serialize (reloaded);
  g_assert_true (g_bytes_equal (saved, saved_again));
}

/* Loads or imports @path in this process and checks the outcome; returns
 * the document when the file is accepted, which must save and load again
 * when @round_trip is set. */
static MoatDocument *
check_file (const char *path,
            int         status,
            const char *message,
            gboolean    round_trip)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *display_name = g_filename_display_name (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bytes = moat_input_load_file (file, NULL, &error);
  if (bytes == NULL)
    {
      /* Only a file too large to read gets here. */
      g_assert_cmpint (status, ==, 1);
      g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, message));
      return NULL;
    }

  if (is_threat_dragon (path))
    document = moat_threat_dragon_import (bytes, display_name, report, &error);
  else
    document = moat_format_load_bytes (bytes, display_name, &error);

  if (status == 1)
    {
      g_assert_null (document);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_true (g_str_has_prefix (error->message, display_name));
      g_assert_nonnull (strstr (error->message, message));
      return NULL;
    }

  g_assert_no_error (error);
  g_assert_nonnull (document);
  report_text = join_lines (report);
  if (message != NULL)
    g_assert_nonnull (strstr (report_text, message));
  else
    g_assert_cmpstr (report_text, ==, "");
  if (round_trip)
    assert_saves_and_loads (document);

  return g_steal_pointer (&document);
}

static MoatDocument *
check_in_process (const char *path,
                  int         status,
                  const char *message)
{
  return check_file (path, status, message, TRUE);
}

/* Runs @path through `moat validate` or `moat import` and checks the exit
 * status, the message and, after an import, the written model. */
static void
check_command (const char *path,
               int         status,
               const char *message)
{
  g_autofree char *folder = g_dir_make_tmp ("moat-hostile-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (folder, "imported.moat", NULL);
  g_autofree char *err = NULL;
  int exit_status;

  if (is_threat_dragon (path))
    {
      const char *arguments[] = { "import", path, "-o", output, NULL };

      exit_status = run_moat (arguments, &err);
    }
  else
    {
      const char *arguments[] = { "validate", path, NULL };

      exit_status = run_moat (arguments, &err);
    }

  g_assert_cmpint (exit_status, ==, status);
  if (message != NULL)
    g_assert_nonnull (strstr (err, message));

  if (is_threat_dragon (path) && status == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (output);
      g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (document);
    }

  g_unlink (output);
  g_rmdir (folder);
}

static void
test_case (gconstpointer data)
{
  const HostileCase *hostile = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile", hostile->name,
                                                 NULL);
  g_autoptr(MoatDocument) document = check_in_process (path, hostile->status, hostile->message);

  check_command (path, hostile->status, hostile->message);
}

/* Every file of the folder has a case and every case a file, so that a
 * new crash input cannot be added without its expected outcome. */
static void
test_corpus_complete (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_true (g_hash_table_add (listed, (char *)cases[i].name));

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_equal (name, "README.md"))
        continue;

      if (!g_hash_table_contains (listed, name))
        g_error ("%s/%s has no entry in the cases of test-hostile.c", folder, name);
      n_files++;
    }

  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (n_files, >=, 40);
}

/* Text that looks like markup stays exactly as written. */
static void
test_markup_kept_literally (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile",
                                                 "markup-everywhere.moat", NULL);
  g_autofree char *td_path = g_test_build_filename (G_TEST_DIST, "data", "hostile",
                                                    "td-markup-everywhere.json", NULL);
  g_autoptr(MoatDocument) document = check_in_process (path, 0, NULL);
  g_autoptr(MoatDocument) imported = check_in_process (td_path, 0, MARKUP_TEXT);
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  MoatItem *element = g_ptr_array_index (moat_diagram_get_elements (diagram), 0);
  MoatThreat *threat = g_ptr_array_index (moat_document_get_threats (imported), 0);
  g_autofree char *title = NULL;

  g_object_get (document, "title", &title, NULL);
  g_assert_true (g_str_has_prefix (title, MARKUP_TEXT));
  g_assert_true (g_str_has_prefix (moat_item_get_name (element), MARKUP_TEXT));
  g_assert_true (g_str_has_prefix (moat_threat_get_title (threat), MARKUP_TEXT));
}

/* Large inputs, written to a temporary folder when the test runs rather
 * than kept in the repository. */

typedef struct
{
  char *folder;
} Generated;

static void
generated_set_up (Generated     *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("moat-hostile-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
generated_tear_down (Generated     *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
}

static char *
write_generated (Generated  *fixture,
                 const char *name,
                 GString    *contents)
{
  char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents->str, contents->len, &error);
  g_assert_no_error (error);

  return path;
}

/* Starts a model with one diagram whose "elements" array is open. */
static GString *
begin_model (void)
{
  return g_string_new ("{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1,\n"
                       " \"diagrams\": [{\"id\": \"d\", \"name\": \"Main\", \"elements\": [\n");
}

static void
append_element (GString *model,
                guint    index,
                guint    columns)
{
  g_string_append_printf (model,
                          "%s{\"id\": \"e%u\", \"kind\": \"process\", \"name\": \"Process %u\", "
                          "\"x\": %u, \"y\": %u, \"width\": 80, \"height\": 40}\n",
                          index > 0 ? "," : "", index, index, (index % columns) * 100,
                          (index / columns) * 60);
}

static void
append_text (GString *out,
             gsize    length)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    g_string_append_c (out, 'a' + i % 26);
  g_string_append_c (out, '"');
}

static void
check_generated (const char *path,
                 int         status,
                 const char *message)
{
  g_autoptr(MoatDocument) document = check_in_process (path, status, message);

  check_command (path, status, message);
}

static void
test_ten_megabyte_name (Generated     *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) model = begin_model ();
  g_autoptr(GString) td = g_string_new ("{\"summary\": {\"title\": ");
  g_autofree char *path = NULL;
  g_autofree char *td_path = NULL;

  g_string_append (model, "{\"id\": \"e\", \"kind\": \"process\", \"name\": ");
  append_text (model, 10 * 1024 * 1024);
  g_string_append (model, ", \"x\": 0, \"y\": 0, \"width\": 80, \"height\": 40}]}]}\n");
  path = write_generated (fixture, "ten-megabyte-name.moat", model);
  check_generated (path, 1,
                   "$.diagrams[0].elements[0].name: the text is 10485760 bytes long, above the "
                   "limit of 1.0\xc2\xa0MiB");

  append_text (td, 10 * 1024 * 1024);
  g_string_append (td, "}, \"detail\": {\"diagrams\": []}}\n");
  td_path = write_generated (fixture, "ten-megabyte-title.json", td);
  check_generated (td_path, 1, "$.summary.title: the text is 10485760 bytes long");
}

/* The longest text allowed is read, and saved back in full. */
static void
test_longest_text (Generated     *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) model = begin_model ();
  g_autofree char *path = NULL;

  g_string_append (model, "{\"id\": \"e\", \"kind\": \"process\", \"name\": ");
  append_text (model, MOAT_INPUT_MAX_TEXT_LENGTH - 4);

  /* Escapes count as the UTF-8 bytes they stand for: 1 + 2 + 1. */
  g_string_truncate (model, model->len - 1);
  g_string_append (model, "\\n\\u00e9\\\"\"");
  g_string_append (model, ", \"x\": 0, \"y\": 0, \"width\": 80, \"height\": 40}]}]}\n");
  path = write_generated (fixture, "longest-name.moat", model);
  check_generated (path, 0, NULL);
}

static void
test_hundred_thousand_elements (Generated     *fixture,
                                gconstpointer  data)
{
  g_autoptr(GString) model = begin_model ();
  g_autofree char *path = NULL;
  g_autoptr(MoatDocument) document = NULL;
  MoatDiagram *diagram;

  for (guint i = 0; i < 100000; i++)
    append_element (model, i, 300);
  g_string_append (model, "]}]}\n");
  path = write_generated (fixture, "hundred-thousand-elements.moat", model);

  /* Saving is timed in the benchmark; here the model only has to load. */
  document = check_file (path, 0, NULL, FALSE);
  diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_assert_cmpuint (moat_diagram_get_elements (diagram)->len, ==, 100000);
  check_command (path, 0, NULL);
}

static void
test_too_many_elements (Generated     *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) model = begin_model ();
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  /* Empty objects keep parsing cheap; the count is checked before any
   * element is read. */
  for (guint i = 0; i <= MOAT_INPUT_MAX_ELEMENTS; i++)
    g_string_append (model, i > 0 ? ",{}" : "{}");
  g_string_append (model, "]}]}\n");
  path = write_generated (fixture, "too-many-elements.moat", model);

  message = g_strdup_printf ("$.diagrams[0].elements: the list has %u items, above the limit "
                             "of %u", MOAT_INPUT_MAX_ELEMENTS + 1, MOAT_INPUT_MAX_ELEMENTS);
  check_generated (path, 1, message);
}

static void
test_too_many_threat_dragon_cells (Generated     *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GString) td = g_string_new ("{\"summary\": {\"title\": \"Cells\"}, \"detail\": "
                                        "{\"diagrams\": [{\"id\": 0, \"cells\": [");
  g_autofree char *path = NULL;
  guint n_cells = MOAT_INPUT_MAX_ELEMENTS * 2 + MOAT_INPUT_MAX_FLOWS + 1;

  /* Empty objects keep the file small; only their number matters. */
  for (guint i = 0; i < n_cells; i++)
    g_string_append (td, i > 0 ? ",{}" : "{}");
  g_string_append (td, "]}]}}\n");
  path = write_generated (fixture, "too-many-cells.json", td);

  check_generated (path, 1, "$.detail.diagrams[0].cells: the list has");
}

static void
test_deep_nesting (Generated     *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *td_path = NULL;

  /* Deep enough to overflow json-glib's recursive parser. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, ']');
  path = write_generated (fixture, "million-levels.moat", deep);
  check_generated (path, 1, "nest more than 64 levels deep");

  g_string_prepend (deep, "{\"summary\": ");
  g_string_append (deep, "}");
  td_path = write_generated (fixture, "million-levels.json", deep);
  check_generated (td_path, 1, "$.summary[0][0]");
}

/* An object with many keys uses a hash table for the duplicate check;
 * the duplicate is the last key. */
static void
test_many_keys (Generated     *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) model = g_string_new ("{\"format\": \"moat\", \"version\": 1, \"model\": {");
  g_autofree char *path = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (model, "\"key-%u\": %u, ", i, i);
  g_string_append (model, "\"key-7\": 0}}\n");
  path = write_generated (fixture, "many-keys.moat", model);

  check_generated (path, 1, "$.model.key-7: the key “key-7” appears twice");
}

/* A file above the size limit is rejected before it is read: the file
 * is sparse, so it takes no disk space. */
static void
test_file_too_large (Generated     *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "huge.moat", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)MOAT_INPUT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);

  check_generated (path, 1, "the file is 1.0\xc2\xa0GiB (1073741825 bytes), above the limit of "
                   "1.0\xc2\xa0GiB");
}

/* A device would be read forever; it is rejected by its type. */
static void
test_device (void)
{
  const char *arguments[] = { "validate", "/dev/zero", NULL };
  const char *import_arguments[] = { "import", "/dev/zero", "-o", "-", NULL };
  g_autofree char *err = NULL;
  g_autofree char *import_err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_cmpint (run_moat (arguments, &err), ==, 1);
  g_assert_nonnull (strstr (err, "/dev/zero: cannot read the file: it is a device"));

  g_assert_cmpint (run_moat (import_arguments, &import_err), ==, 1);
  g_assert_nonnull (strstr (import_err, "/dev/zero: cannot read the file: it is a device"));
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

  g_test_add_func ("/hostile/corpus-complete", test_corpus_complete);
  g_test_add_func ("/hostile/markup-kept-literally", test_markup_kept_literally);
  g_test_add_func ("/hostile/device", test_device);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/file/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

#define ADD_GENERATED(path, func) \
  g_test_add (path, Generated, NULL, generated_set_up, func, generated_tear_down)

  ADD_GENERATED ("/hostile/generated/ten-megabyte-name", test_ten_megabyte_name);
  ADD_GENERATED ("/hostile/generated/longest-text", test_longest_text);
  ADD_GENERATED ("/hostile/generated/hundred-thousand-elements", test_hundred_thousand_elements);
  ADD_GENERATED ("/hostile/generated/too-many-elements", test_too_many_elements);
  ADD_GENERATED ("/hostile/generated/too-many-threat-dragon-cells",
                 test_too_many_threat_dragon_cells);
  ADD_GENERATED ("/hostile/generated/deep-nesting", test_deep_nesting);
  ADD_GENERATED ("/hostile/generated/many-keys", test_many_keys);
  ADD_GENERATED ("/hostile/generated/file-too-large", test_file_too_large);

  return g_test_run ();
}
