/* test-analyze.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moat-analysis.h"
#include "moat-format.h"

/* Runs the real `moat analyze`, whose path meson passes as the last
 * argument, on models written to a temporary folder, and checks the core
 * analysis behind it. */

static const char *moat_path;

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
}

static MoatDocument *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples", name,
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatDocument *document = moat_format_load_file (file, NULL, &error);

  g_assert_no_error (error);

  return document;
}

/* Saves @document into a new temporary folder and returns the path. */
static char *
save_temporary (MoatDocument *document)
{
  g_autofree char *folder = g_dir_make_tmp ("moat-analyze-XXXXXX", NULL);
  char *path = g_build_filename (folder, "model.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_format_save_file (document, file, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static void
remove_temporary (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static JsonObject *
parse_output (JsonParser *parser,
              const char *out)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "moat-analysis");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);

  return root;
}

/* With its threats removed, each example must get a suggestion for each
 * of its six threats: the same STRIDE category on the same flow or
 * element. */
static void
test_example_suggestions (gconstpointer data)
{
  g_autoptr(MoatDocument) document = load_example (data);
  g_autoptr(GPtrArray) threats = g_ptr_array_copy (moat_document_get_threats (document),
                                                   (GCopyFunc)(void (*) (void))g_object_ref,
                                                   NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0, };
  g_autofree char *path = NULL;
  JsonArray *suggestions;

  g_ptr_array_set_free_func (threats, g_object_unref);
  g_assert_cmpuint (threats->len, ==, 6);
  for (guint i = 0; i < threats->len; i++)
    moat_document_remove_threat (document, g_ptr_array_index (threats, i));
  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, 0);

  path = save_temporary (document);
  run_moat (&run, "analyze", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  suggestions = json_object_get_array_member (parse_output (parser, run.out), "suggestions");
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      const char *category = moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY,
                                                moat_threat_get_category (threat));
      gboolean found = FALSE;

      for (guint s = 0; s < json_array_get_length (suggestions) && !found; s++)
        {
          JsonObject *suggestion = json_array_get_object_element (suggestions, s);

          found = g_str_equal (json_object_get_string_member (suggestion, "category"), category) &&
                  g_str_equal (json_object_get_string_member (suggestion, "target"),
                               moat_threat_get_target_id (threat)) &&
                  g_str_equal (json_object_get_string_member (suggestion, "state"), "open");
        }

      g_test_message ("%s on %s: %s", category, moat_threat_get_target_id (threat),
                      moat_threat_get_title (threat));
      g_assert_true (found);
    }

  remove_temporary (path);
}

static void
test_json_output (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                            "payment-webhook.moat", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0, };
  JsonObject *root;
  JsonObject *coverage;
  JsonObject *threats;
  JsonArray *crossings;
  JsonObject *first;

  run_moat (&run, "analyze", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, "payment-webhook.moat");

  crossings = json_object_get_array_member (root, "crossings");
  g_assert_cmpuint (json_array_get_length (crossings), ==, 2);
  first = json_array_get_object_element (crossings, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "flow"), ==, "flow-webhook-event");
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Outside → DMZ");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (first,
                                                                                  "boundaries"),
                                                    0),
                     "direction"),
                   ==, "entering");

  coverage = json_object_get_object_member (root, "coverage");
  g_assert_cmpint (json_object_get_int_member (coverage, "total"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (coverage, "reviewed"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (coverage, "crossing-total"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (coverage, "crossing-reviewed"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (coverage, "crossing-flows"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (coverage, "complete-crossing-flows"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (coverage, "per-flow")),
                    ==, 3);

  threats = json_object_get_object_member (root, "threats");
  g_assert_cmpint (json_object_get_int_member (threats, "total"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (threats,
                                                                              "by-severity"),
                                               "critical"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (threats,
                                                                              "by-status"),
                                               "mitigated"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (threats,
                                                                              "open-by-severity"),
                                               "high"),
                   ==, 2);

  /* The flow from the DMZ into the internal network has three categories
   * left, so it is a problem. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "problems")), ==, 1);
}

static void
test_text_output (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                            "ai-agent.moat", NULL);
  g_auto(Run) run = { 0, };

  run_moat (&run, "analyze", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "API call: crosses Agent sandbox → Outside (2/6 reviewed)"));
  g_assert_nonnull (strstr (run.out, "Coverage: 8 of 24 flow/category pairs reviewed (33%)"));
  g_assert_nonnull (strstr (run.out, "(ai-agent.no-token-budget)"));
  g_assert_nonnull (strstr (run.out, "Threats: 6"));
}

static void
test_fail_on (void)
{
  g_autoptr(MoatDocument) document = load_example ("payment-webhook.moat");
  MoatThreat *critical = NULL;
  g_autofree char *open_path = NULL;
  g_autofree char *mitigated_path = NULL;
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint i = 0; i < threats->len; i++)
    if (moat_threat_get_severity (g_ptr_array_index (threats, i)) == MOAT_SEVERITY_CRITICAL)
      critical = g_ptr_array_index (threats, i);
  g_assert_nonnull (critical);
  g_assert_cmpint (moat_threat_get_status (critical), ==, MOAT_THREAT_STATUS_OPEN);
  open_path = save_temporary (document);

  moat_document_set (document, critical, "status", MOAT_THREAT_STATUS_MITIGATED, NULL);
  mitigated_path = save_temporary (document);

  {
    g_auto(Run) run = { 0, };

    run_moat (&run, "analyze", "--fail-on=critical", open_path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "fails --fail-on=critical: 1 OPEN threat is CRITICAL"));
  }

  {
    g_auto(Run) run = { 0, };

    run_moat (&run, "analyze", "--fail-on=critical", "--json", mitigated_path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
  }

  /* Two OPEN threats still have HIGH severity. */
  {
    g_auto(Run) run = { 0, };

    run_moat (&run, "analyze", "--fail-on=high", mitigated_path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "2 OPEN threats are HIGH or more severe"));
  }

  {
    g_auto(Run) run = { 0, };

    run_moat (&run, "analyze", "--fail-on=unreviewed", mitigated_path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "1 data flow crosses a trust boundary and is not fully "
                                       "reviewed"));
  }

  remove_temporary (open_path);
  remove_temporary (mitigated_path);
}

static void
test_unreviewed_passes_when_complete (void)
{
  g_autoptr(MoatDocument) document = load_example ("payment-webhook.moat");
  MoatFlow *flow = moat_document_lookup (document, "flow-verified-event");
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0, };

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    if (moat_flow_get_review_state (flow, category) == MOAT_REVIEW_NOT_REVIEWED)
      moat_document_set (document, flow, moat_flow_review_state_property (category),
                         MOAT_REVIEW_NOT_APPLICABLE, NULL);
  path = save_temporary (document);

  run_moat (&run, "analyze", "--fail-on=unreviewed", path, NULL);
  g_assert_cmpint (run.status, ==, 0);

  remove_temporary (path);
}

static void
test_usage_errors (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                            "ai-agent.moat", NULL);
  g_auto(Run) bad_gate = { 0, };
  g_auto(Run) no_file = { 0, };
  g_auto(Run) two_files = { 0, };
  g_auto(Run) missing = { 0, };

  run_moat (&bad_gate, "analyze", "--fail-on=medium", path, NULL);
  g_assert_cmpint (bad_gate.status, ==, 2);
  g_assert_nonnull (strstr (bad_gate.err, "unknown --fail-on value “medium”"));

  run_moat (&no_file, "analyze", NULL);
  g_assert_cmpint (no_file.status, ==, 2);

  run_moat (&two_files, "analyze", path, path, NULL);
  g_assert_cmpint (two_files.status, ==, 2);

  run_moat (&missing, "analyze", "/nonexistent/model.moat", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/model.moat"));
}

/* One model with each kind of problem. */
static void
test_problems (void)
{
  static const char json[] =
    "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 3, \"diagrams\": "
    "[{\"id\": \"d\", \"name\": \"Main\", "
    "\"boundaries\": [{\"id\": \"zone\", \"name\": \"Zone\", \"x\": 0, \"y\": 0, "
    "\"width\": 300, \"height\": 300}], "
    "\"elements\": ["
    "{\"id\": \"in\", \"kind\": \"process\", \"name\": \"Service\", \"x\": 10, \"y\": 10, "
    "\"width\": 40, \"height\": 40},"
    "{\"id\": \"twin\", \"kind\": \"data-store\", \"name\": \" service \", \"x\": 100, "
    "\"y\": 10, \"width\": 40, \"height\": 40},"
    "{\"id\": \"out\", \"kind\": \"process\", \"name\": \"\", \"x\": 500, \"y\": 10, "
    "\"width\": 40, \"height\": 40},"
    "{\"id\": \"user\", \"kind\": \"external-entity\", \"name\": \"User\", \"x\": 500, "
    "\"y\": 200, \"width\": 40, \"height\": 40}], "
    "\"flows\": ["
    "{\"id\": \"cross\", \"name\": \"Request\", \"source\": \"user\", \"target\": \"in\"},"
    "{\"id\": \"loose\", \"name\": \"Loose\", \"source\": \"in\", \"target\": \"\"}]}],"
    "\"threats\": ["
    "{\"id\": \"t1\", \"number\": 1, \"title\": \"Late\", \"category\": \"spoofing\", "
    "\"target\": \"cross\", \"due-date\": \"2020-01-01\"},"
    "{\"id\": \"t2\", \"number\": 2, \"title\": \"Done\", \"category\": \"tampering\", "
    "\"target\": \"cross\", \"status\": \"accepted\", \"due-date\": \"2020-01-01\"}]}";
  static const struct
  {
    MoatProblemKind kind;
    const char *object;
    const char *select;
  } expected[] = {
    { MOAT_PROBLEM_DUPLICATE_NAME, "twin", "twin" },
    { MOAT_PROBLEM_UNNAMED_ELEMENT, "out", "out" },
    { MOAT_PROBLEM_OUTSIDE_BOUNDARIES, "out", "out" },
    { MOAT_PROBLEM_UNREVIEWED_CROSSING, "cross", "cross" },
    { MOAT_PROBLEM_DANGLING_FLOW, "loose", "loose" },
    { MOAT_PROBLEM_NO_MITIGATIONS, "t1", "cross" },
    { MOAT_PROBLEM_OVERDUE_THREAT, "t1", "cross" },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_bytes (bytes, "problems.moat", &error);
  g_autoptr(MoatRuleLibrary) rules = NULL;
  g_autoptr(MoatAnalysis) analysis = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, G_DATE_JUNE, 2024);
  GPtrArray *problems;

  g_assert_no_error (error);
  rules = moat_rule_library_new_for_document (document, &error);
  g_assert_no_error (error);
  analysis = moat_analysis_new (document, rules, today);
  problems = moat_analysis_get_problems (analysis);

  /* The external entity outside the zone and the accepted threat are
   * not problems. */
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MoatProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("problem %u: %s", i, problem->message);
      g_assert_cmpint (problem->kind, ==, expected[i].kind);
      g_assert_cmpstr (problem->object_id, ==, expected[i].object);
      g_assert_cmpstr (problem->select_id, ==, expected[i].select);
      g_assert_cmpstr (problem->diagram_id, ==, "d");
      g_assert_cmpstr (problem->message, !=, "");
    }

  /* Each kind has a whole sentence of its own. */
  g_assert_cmpstr (((MoatProblem *)g_ptr_array_index (problems, 1))->message, ==,
                   "A process has no name; name it");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, >=, 2);
  moat_path = argv[argc - 1];

  g_test_add_data_func ("/analyze/example-suggestions/payment-webhook", "payment-webhook.moat",
                        test_example_suggestions);
  g_test_add_data_func ("/analyze/example-suggestions/ai-agent", "ai-agent.moat",
                        test_example_suggestions);
  g_test_add_func ("/analyze/json-output", test_json_output);
  g_test_add_func ("/analyze/text-output", test_text_output);
  g_test_add_func ("/analyze/fail-on", test_fail_on);
  g_test_add_func ("/analyze/unreviewed-passes-when-complete",
                   test_unreviewed_passes_when_complete);
  g_test_add_func ("/analyze/usage-errors", test_usage_errors);
  g_test_add_func ("/analyze/problems", test_problems);

  return g_test_run ();
}
