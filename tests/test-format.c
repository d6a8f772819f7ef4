/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <math.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-format.h"
#include "moat-severity.h"

/* Builds a path in the source tree, which tests/meson.build passes in
 * MOAT_SOURCE_ROOT so that the examples outside tests/ can be read. */
static char *
dup_source_path (const char *first_element,
                 ...)
{
  const char *root = g_getenv ("MOAT_SOURCE_ROOT");
  g_autoptr(GString) path = NULL;
  const char *element;
  va_list args;

  g_assert_nonnull (root);

  path = g_string_new (root);
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, element);
    }
  va_end (args);

  return g_string_free (g_steal_pointer (&path), FALSE);
}

static GFile *
format_input (const char *name)
{
  g_autofree char *path = dup_source_path ("tests", "data", "format", name, NULL);

  return g_file_new_for_path (path);
}

static MoatDocument *
load_example (const char *name,
              GBytes    **contents)
{
  g_autofree char *path = dup_source_path ("examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatDocument *document;

  document = moat_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  if (contents != NULL)
    {
      *contents = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return document;
}

static guint
count_lines (const char *text)
{
  guint lines = 1;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      lines++;

  return lines;
}

/* Loading an example and saving it must give the same bytes: the examples
 * are written exactly as Moat writes them. */
static void
test_example_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(MoatDocument) document = load_example (name, &contents);
  g_autoptr(GBytes) saved = moat_format_serialize (document);

  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
  g_assert_false (moat_document_get_modified (document));
}

typedef struct
{
  MoatStrideCategory category;
  MoatSeverity severity;
  MoatThreatStatus status;
} ExpectedThreat;

static void
assert_threats (MoatDocument         *document,
                const ExpectedThreat *expected,
                guint                 n_expected)
{
  GPtrArray *threats = moat_document_get_threats (document);

  g_assert_cmpuint (threats->len, ==, n_expected);
  g_assert_cmpuint (moat_document_get_next_threat_number (document), ==, n_expected + 1);

  for (guint i = 0; i < n_expected; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      g_autofree char *reference = moat_threat_dup_reference (threat);
      MoatLevel impact = moat_impact_from_cia (moat_threat_get_impact_confidentiality (threat),
                                               moat_threat_get_impact_integrity (threat),
                                               moat_threat_get_impact_availability (threat));

      g_test_message ("%s: %s", reference, moat_threat_get_title (threat));
      g_assert_cmpuint (moat_threat_get_number (threat), ==, i + 1);
      g_assert_cmpint (moat_threat_get_category (threat), ==, expected[i].category);
      g_assert_cmpint (moat_threat_get_severity (threat), ==, expected[i].severity);
      g_assert_cmpint (moat_severity_from_matrix (impact, moat_threat_get_probability (threat)),
                       ==, expected[i].severity);
      g_assert_cmpint (moat_threat_get_status (threat), ==, expected[i].status);
      g_assert_cmpstr (moat_threat_get_attack_vector (threat), !=, "");
      g_assert_cmpstr (moat_threat_get_prerequisites (threat), !=, "");
      g_assert_cmpstr (moat_threat_get_business_impact (threat), !=, "");
      g_assert_cmpstr (moat_threat_get_evidence (threat), !=, "");
      g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (threat)), >, 0);
      g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_long_term (threat)), >, 0);
      g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_monitoring (threat)), >, 0);
      g_assert_cmpstr (moat_threat_get_owner (threat), !=, "");
      g_assert_true (g_str_has_prefix (moat_threat_get_due_date (threat), "2027-"));
      g_assert_nonnull (moat_document_lookup (document, moat_threat_get_target_id (threat)));
    }
}

/* Every flow that a threat is attached to has "threats recorded" for the
 * threat's category, as a finished review would. */
static void
assert_reviews_match_threats (MoatDocument *document)
{
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      gpointer target = moat_document_lookup (document, moat_threat_get_target_id (threat));

      if (MOAT_IS_FLOW (target))
        g_assert_cmpint (moat_flow_get_review_state (target, moat_threat_get_category (threat)),
                         ==, MOAT_REVIEW_THREATS_RECORDED);
    }
}

static void
test_example_payment_webhook (void)
{
  static const ExpectedThreat expected[] = {
    { MOAT_STRIDE_SPOOFING, MOAT_SEVERITY_CRITICAL, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_TAMPERING, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_MITIGATED },
    { MOAT_STRIDE_REPUDIATION, MOAT_SEVERITY_MEDIUM, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_INFORMATION_DISCLOSURE, MOAT_SEVERITY_MEDIUM, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_DENIAL_OF_SERVICE, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_ELEVATION_OF_PRIVILEGE, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN },
  };
  g_autoptr(MoatDocument) document = load_example ("payment-webhook.moat", NULL);
  GPtrArray *threats = moat_document_get_threats (document);
  MoatFlow *webhook;
  MoatThreat *tampering;
  guint n_not_applicable = 0;
  guint n_not_reviewed = 0;

  g_assert_cmpstr (moat_document_get_title (document), ==, "Payment webhook");
  g_assert_cmpuint (moat_document_get_diagrams (document)->len, ==, 1);
  assert_threats (document, expected, G_N_ELEMENTS (expected));
  assert_reviews_match_threats (document);

  webhook = moat_document_lookup (document, "flow-webhook-event");
  g_assert_true (MOAT_IS_FLOW (webhook));
  g_assert_cmpstr (moat_flow_get_protocol (webhook), ==, "HTTPS");
  g_assert_true (moat_flow_get_encrypted (webhook));
  g_assert_cmpint (moat_flow_get_classification (webhook), ==, MOAT_CLASSIFICATION_CONFIDENTIAL);
  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    g_assert_cmpint (moat_flow_get_review_state (webhook, category), ==,
                     MOAT_REVIEW_THREATS_RECORDED);

  for (guint i = 0; i < threats->len; i++)
    g_assert_cmpstr (moat_threat_get_target_id (g_ptr_array_index (threats, i)), ==,
                     "flow-webhook-event");

  /* The mitigated threat has its HTTPS item done. */
  tampering = g_ptr_array_index (threats, 1);
  g_assert_true (moat_checklist_get_done (moat_threat_get_short_term (tampering), 0));

  /* The other flows are partly reviewed, and every "not applicable" has a reason. */
  for (guint i = 0; i < 2; i++)
    {
      const char *id = i == 0 ? "flow-verified-event" : "flow-payment-record";
      MoatFlow *flow = moat_document_lookup (document, id);

      g_assert_true (MOAT_IS_FLOW (flow));
      for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
        {
          MoatReviewState state = moat_flow_get_review_state (flow, category);

          if (state == MOAT_REVIEW_NOT_APPLICABLE)
            {
              n_not_applicable++;
              g_assert_cmpstr (moat_flow_get_review_reason (flow, category), !=, "");
            }
          else if (state == MOAT_REVIEW_NOT_REVIEWED)
            n_not_reviewed++;
        }
    }
  g_assert_cmpuint (n_not_applicable, >, 0);
  g_assert_cmpuint (n_not_reviewed, >, 0);
}

static void
test_example_ai_agent (void)
{
  static const ExpectedThreat expected[] = {
    { MOAT_STRIDE_SPOOFING, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_TAMPERING, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_REPUDIATION, MOAT_SEVERITY_MEDIUM, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_INFORMATION_DISCLOSURE, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_DENIAL_OF_SERVICE, MOAT_SEVERITY_HIGH, MOAT_THREAT_STATUS_OPEN },
    { MOAT_STRIDE_ELEVATION_OF_PRIVILEGE, MOAT_SEVERITY_MEDIUM, MOAT_THREAT_STATUS_MITIGATED },
  };
  g_autoptr(MoatDocument) document = load_example ("ai-agent.moat", NULL);

  assert_threats (document, expected, G_N_ELEMENTS (expected));
  assert_reviews_match_threats (document);
}

static gboolean
is_multiple_of_ten (double value)
{
  return fmod (value, 10) == 0;
}

/* Checks the drawing rules the examples follow: 140 × 70 elements on a
 * 10-unit grid, no two elements overlapping, and every element either wholly
 * inside a boundary, at least 20 units from its edges, or wholly outside it. */
static void
test_example_layout (gconstpointer data)
{
  g_autoptr(MoatDocument) document = load_example (data, NULL);
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  GPtrArray *boundaries = moat_diagram_get_boundaries (diagram);

  for (guint i = 0; i < elements->len; i++)
    {
      MoatRect rect = moat_element_get_bounds (g_ptr_array_index (elements, i));

      g_test_message ("element %s", moat_item_get_id (g_ptr_array_index (elements, i)));
      g_assert_cmpfloat (rect.width, ==, 140);
      g_assert_cmpfloat (rect.height, ==, 70);
      g_assert_true (is_multiple_of_ten (rect.x));
      g_assert_true (is_multiple_of_ten (rect.y));

      for (guint j = i + 1; j < elements->len; j++)
        {
          MoatRect other = moat_element_get_bounds (g_ptr_array_index (elements, j));

          g_assert_false (moat_rect_intersects (&rect, &other));
        }

      for (guint j = 0; j < boundaries->len; j++)
        {
          MoatRect boundary = moat_boundary_get_bounds (g_ptr_array_index (boundaries, j));
          MoatRect with_margin = { rect.x - 20, rect.y - 20, rect.width + 40, rect.height + 40 };

          g_assert_true (is_multiple_of_ten (boundary.x) && is_multiple_of_ten (boundary.y) &&
                         is_multiple_of_ten (boundary.width) &&
                         is_multiple_of_ten (boundary.height));
          if (moat_rect_intersects (&boundary, &rect))
            g_assert_true (moat_rect_contains_rect (&boundary, &with_margin));
        }
    }
}

/* A file that leaves out the optional keys loads with their defaults, and
 * its first save is already in the fixed form. */
static void
test_minimal_defaults (void)
{
  g_autoptr(GFile) file = format_input ("minimal.moat");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);
  g_autoptr(MoatDocument) reloaded = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  MoatElement *client;
  MoatFlow *request;
  MoatThreat *threat;

  g_assert_no_error (error);

  client = moat_document_lookup (document, "element-client");
  g_assert_cmpstr (moat_element_get_technology (client), ==, "");
  g_assert_false (moat_element_get_out_of_scope (client));

  request = moat_document_lookup (document, "flow-request");
  g_assert_false (moat_flow_get_authenticated (request));
  g_assert_true (moat_flow_get_encrypted (request));
  g_assert_false (moat_flow_get_bidirectional (request));
  g_assert_cmpint (moat_flow_get_classification (request), ==, MOAT_CLASSIFICATION_UNSET);
  g_assert_cmpint (moat_flow_get_review_state (request, MOAT_STRIDE_SPOOFING), ==,
                   MOAT_REVIEW_THREATS_RECORDED);
  g_assert_cmpint (moat_flow_get_review_state (request, MOAT_STRIDE_TAMPERING), ==,
                   MOAT_REVIEW_NOT_REVIEWED);

  threat = g_ptr_array_index (moat_document_get_threats (document), 0);
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_STATUS_OPEN);
  g_assert_cmpint (moat_threat_get_impact_confidentiality (threat), ==, MOAT_LEVEL_UNSET);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_HIGH);
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_monitoring (threat)), ==, 0);

  saved = moat_format_serialize (document);
  g_assert_cmpmem ((const char *)g_bytes_get_data (saved, NULL) + g_bytes_get_size (saved) - 3, 3,
                   "\n}\n", 3);
  g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                               "\"severity\""));
  reloaded = moat_format_load_bytes (saved, "saved.moat", &error);
  g_assert_no_error (error);
  saved_again = moat_format_serialize (reloaded);
  g_assert_true (g_bytes_equal (saved, saved_again));
}

/* Coordinates are written rounded to 0.01 with no trailing zeros. */
static void
test_coordinate_rounding (void)
{
  static const struct
  {
    const char *written;
    const char *saved;
  } cases[] = {
    { "12.345678", "12.35" },
    { "120.0", "120" },
    { "0.5", "0.5" },
    { "-7.004", "-7" },
    { "1e2", "100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1, \"diagrams\": "
        "[{\"id\": \"d\", \"elements\": [{\"id\": \"e\", \"kind\": \"process\", \"x\": %s, "
        "\"y\": 0, \"width\": 140, \"height\": 70}]}]}",
        cases[i].written);
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatDocument) document = moat_format_load_bytes (bytes, "rounding.moat", &error);
      g_autoptr(GBytes) saved = NULL;
      g_autofree char *expected = g_strdup_printf ("\"x\": %s,\n", cases[i].saved);

      g_assert_no_error (error);
      saved = moat_format_serialize (document);
      g_test_message ("x written as %s", cases[i].written);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                      expected));
    }
}

/* label-position is optional for files written before it existed, and
 * must lie on the line, from 0 to 1. */
static void
test_label_position (void)
{
  static const struct
  {
    const char *member;
    double expected;
    const char *saved;
    const char *error;
  } cases[] = {
    { "", 0.5, "\"label-position\": 0.5,\n", NULL },
    { ", \"label-position\": 0.25", 0.25, "\"label-position\": 0.25,\n", NULL },
    { ", \"label-position\": 1", 1, "\"label-position\": 1,\n", NULL },
    { ", \"label-position\": 1.5", 0, NULL,
      "$.diagrams[0].flows[0].label-position: value 1.5 is out of range; expected a number "
      "from 0 to 1" },
    { ", \"label-position\": \"middle\"", 0, NULL,
      "$.diagrams[0].flows[0].label-position: expected a number, found a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1, \"diagrams\": "
        "[{\"id\": \"d\", \"elements\": ["
        "{\"id\": \"a\", \"kind\": \"process\", \"x\": 0, \"y\": 0, \"width\": 80, \"height\": 40},"
        "{\"id\": \"b\", \"kind\": \"process\", \"x\": 200, \"y\": 0, \"width\": 80, \"height\": 40}],"
        " \"flows\": [{\"id\": \"f\", \"source\": \"a\", \"target\": \"b\"%s}]}]}",
        cases[i].member);
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatDocument) document = moat_format_load_bytes (bytes, "label.moat", &error);
      g_autoptr(GBytes) saved = NULL;

      g_test_message ("flow%s", cases[i].member);

      if (cases[i].error != NULL)
        {
          g_assert_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].error));
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpfloat (moat_flow_get_label_position (moat_document_lookup (document, "f")), ==,
                         cases[i].expected);
      saved = moat_format_serialize (document);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                      cases[i].saved));
    }
}

typedef struct
{
  const char *file;
  MoatFormatError code;
  const char *json_path;
  const char *hint;
} LoadErrorCase;

static const LoadErrorCase load_error_cases[] = {
  { "missing-required-key.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].elements[1]",
    "missing required key “kind”" },
  { "wrong-type.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].flows[0].encrypted",
    "expected true or false, found a string" },
  { "unknown-enum-value.moat", MOAT_FORMAT_ERROR_INVALID, "$.threats[0].category",
    "unknown value “phishing”; expected one of: spoofing, tampering, repudiation, "
    "information-disclosure, denial-of-service, elevation-of-privilege" },
  { "flow-missing-element.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].flows[0].target",
    "“element-database”, which does not exist; point the flow at an element" },
  { "flow-other-diagram.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[1].flows[0].target",
    "a flow must connect elements of its own diagram" },
  { "threat-missing-target.moat", MOAT_FORMAT_ERROR_INVALID, "$.threats[0].target",
    "“flow-response”, which is not a flow or element of this model; attach the threat" },
  { "duplicate-id.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].boundaries[0].id",
    "duplicate id “diagram-main”; give each object a unique id" },
  { "empty-id.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].boundaries[0].id",
    "the id is empty; give the object a unique id" },
  { "duplicate-threat-number.moat", MOAT_FORMAT_ERROR_INVALID, "$.threats[1].number",
    "THREAT-001 is used twice; give each threat its own number" },
  { "next-threat-number-too-low.moat", MOAT_FORMAT_ERROR_INVALID, "$.next-threat-number",
    "not above the highest threat number, 1, so a number could be given twice; set it to 2" },
  { "invalid-due-date.moat", MOAT_FORMAT_ERROR_INVALID, "$.threats[0].due-date",
    "“2027-02-30” is not a valid date; write it as YYYY-MM-DD" },
  { "coordinate-out-of-range.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].elements[0].x",
    "value 2e+06 is out of range; expected a number from -1e+06 to 1e+06" },
  { "unknown-key.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams[0].elements[0].colour",
    "unknown key “colour”; check its spelling or remove it" },
  { "no-diagrams.moat", MOAT_FORMAT_ERROR_INVALID, "$.diagrams",
    "a model needs at least one diagram" },
  { "newer-version.moat", MOAT_FORMAT_ERROR_NEWER_VERSION, "$.version",
    "the file uses format version 2, but this Moat reads versions up to 1; update Moat" },
  { "not-a-model.moat", MOAT_FORMAT_ERROR_NOT_A_MODEL, "$.format",
    "not a Moat model; expected a JSON object with \"format\": \"moat\"" },
  { "threat-dragon-v2-new-model.json", MOAT_FORMAT_ERROR_NOT_A_MODEL, "$",
    "OWASP Threat Dragon model, not a Moat model; convert it with “moat import”" },
};

/* Loads @name, expecting it to fail, and checks that the message starts
 * with the file's name. Returns the rest of the message. */
static char *
load_expecting_error (const char *name,
                      GQuark      domain,
                      int         code)
{
  g_autoptr(GFile) file = format_input (name);
  g_autofree char *display_name = g_file_get_parse_name (file);
  g_autofree char *prefix = g_strconcat (display_name, ": ", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));

  return g_strdup (error->message + strlen (prefix));
}

/* Each broken input has exactly one defect, so the message is one line:
 * the file name, the JSON path of the defect and what to do about it. */
static void
test_load_error (gconstpointer data)
{
  const LoadErrorCase *test_case = data;
  g_autofree char *message = load_expecting_error (test_case->file, MOAT_FORMAT_ERROR,
                                                   test_case->code);
  g_autofree char *path_prefix = g_strconcat (test_case->json_path, ": ", NULL);

  g_assert_cmpuint (count_lines (message), ==, 1);
  g_assert_true (g_str_has_prefix (message, path_prefix));
  g_assert_nonnull (strstr (message, test_case->hint));
}

static void
test_load_error_empty_file (void)
{
  g_autofree char *message = load_expecting_error ("empty.moat", MOAT_FORMAT_ERROR,
                                                   MOAT_FORMAT_ERROR_INVALID_JSON);

  g_assert_cmpstr (message, ==, "the file is empty; it is not a Moat model");
}

/* An unreadable file is reported with its name, like a broken one. */
static void
test_load_error_missing_file (void)
{
  g_autofree char *message = load_expecting_error ("no-such-file.moat", G_IO_ERROR,
                                                   G_IO_ERROR_NOT_FOUND);

  g_assert_true (g_str_has_prefix (message, "cannot read the file: "));
}

/* A syntax error has no JSON path yet, so the line and column of the
 * unexpected character take its place. */
static void
test_load_error_invalid_json (void)
{
  g_autofree char *message = load_expecting_error ("invalid-json.moat", MOAT_FORMAT_ERROR,
                                                   MOAT_FORMAT_ERROR_INVALID_JSON);

  g_assert_cmpuint (count_lines (message), ==, 1);
  g_assert_true (g_str_has_prefix (message, "invalid JSON: "));
  g_assert_nonnull (strstr (message, ": line 6, column 3: "));
  g_assert_nonnull (strstr (message, "expected a key in double quotes, found “}”"));

  g_assert_true (strstr (message, "<data>") == NULL && strstr (message, "; ") != NULL);
}

/* A model with more problems than the message lists ends with a count of
 * the rest. */
static void
test_load_error_problem_limit (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"moat\", \"version\": 1, "
                                          "\"next-threat-number\": 1, "
                                          "\"diagrams\": [{\"id\": \"d\"}], \"model\": {");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (json, "%s\"extra-%u\": 0", i > 0 ? ", " : "", i);
  g_string_append (json, "}}");

  bytes = g_bytes_new (json->str, json->len);
  document = moat_format_load_bytes (bytes, "many.moat", &error);

  g_assert_null (document);
  g_assert_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 51);

  /* json-glib 1.6 iterates object members in hash order, so the listed
   * fifty can be any of the sixty. */
  for (guint i = 0; i < 50; i++)
    {
      guint number;
      char key[16];

      g_assert_cmpint (sscanf (lines[i], "many.moat: $.model.extra-%u: ", &number), ==, 1);
      g_snprintf (key, sizeof key, "“extra-%u”", number);
      g_assert_nonnull (strstr (lines[i], key));
      g_assert_true (g_str_has_suffix (lines[i], "; check its spelling or remove it"));
      g_assert_true (g_hash_table_add (listed, GUINT_TO_POINTER (number + 1)));
    }
  g_assert_cmpstr (lines[50], ==, "many.moat: and 10 more problems");
}

/* A non-string "format" must be reported like any other non-Moat file. The
 * load runs in a subprocess, so that a critical warning, which the test
 * framework makes fatal, fails only this test. */
static void
test_load_error_format_not_a_string (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *message = load_expecting_error ("format-not-a-string.moat",
                                                       MOAT_FORMAT_ERROR,
                                                       MOAT_FORMAT_ERROR_NOT_A_MODEL);

      g_assert_true (g_str_has_prefix (message, "$.format: not a Moat model"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_assert_true (g_test_trap_has_passed ());

  g_test_trap_assert_passed ();
}

static void
test_load_error_due_date_with_sign (void)
{
  g_autoptr(GFile) file = format_input ("due-date-with-sign.moat");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);

  g_assert_false (moat_threat_is_valid_due_date ("2027-6-30"));
  g_assert_false (moat_threat_is_valid_due_date ("2027-06-30 "));

  g_assert_true (document == NULL);

  g_assert_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.threats[0].due-date: “2027-+6-30” is not a valid "
                                            "date; write it as YYYY-MM-DD"));
}

/* A second JSON value after the model would be dropped by the next save. */
static void
test_load_error_trailing_value (void)
{
  g_autoptr(GFile) file = format_input ("trailing-value.moat");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, &error);

  g_assert_true (document == NULL);

  g_assert_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID_JSON);
}

/* An invalid threat number must not make a valid one look like a duplicate. */
static void
test_load_error_invalid_number_alone (void)
{
  g_autofree char *message = load_expecting_error ("invalid-number-before-duplicate.moat",
                                                   MOAT_FORMAT_ERROR,
                                                   MOAT_FORMAT_ERROR_INVALID);

  g_assert_true (g_str_has_prefix (message, "$.threats[0].number: expected a whole number, "
                                            "found a string"));

  g_assert_true (count_lines (message) == 1);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
assert_notified (GPtrArray  *names,
                 const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (" ", (char **)names->pdata);
  g_assert_cmpstr (joined, ==, expected);
  g_ptr_array_set_size (names, 0);
}

/* The loader's setters notify the property of the same name, once, and
 * only when the value changes, as setting the property does. */
static void
test_model_setters_notify (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatThreat) threat = moat_threat_new ("t", "f", MOAT_STRIDE_TAMPERING, "Title");
  g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, "e", "Name");
  g_autoptr(MoatFlow) flow = moat_flow_new ("f", "a", "b", "Flow");
  g_autoptr(MoatChecklist) checklist = moat_checklist_new ();
  MoatRect bounds = { 10, 20, 130, 50 };
  g_autofree char *owner = NULL;

  g_signal_connect (threat, "notify", G_CALLBACK (count_notify_cb), names);
  g_signal_connect (element, "notify", G_CALLBACK (count_notify_cb), names);
  g_signal_connect (flow, "notify", G_CALLBACK (count_notify_cb), names);

  moat_threat_set_owner (threat, "Ana");
  moat_threat_set_owner (threat, "Ana");
  moat_threat_set_number (threat, 7);
  moat_threat_set_probability (threat, MOAT_LEVEL_HIGH);
  moat_threat_set_impact_integrity (threat, MOAT_LEVEL_HIGH);
  moat_threat_set_status (threat, MOAT_THREAT_STATUS_MITIGATED);
  moat_checklist_append (checklist, "Sign the requests", FALSE);
  moat_threat_set_short_term (threat, checklist);
  assert_notified (names, "owner number probability impact-integrity severity status short-term");
  g_object_get (threat, "owner", &owner, NULL);
  g_assert_cmpstr (owner, ==, "Ana");
  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_CRITICAL);
  g_assert_true (moat_checklist_equal (moat_threat_get_short_term (threat), checklist));

  moat_element_set_bounds (element, &bounds);
  bounds.width = 130;
  moat_element_set_bounds (element, &bounds);
  moat_element_set_technology (element, "PostgreSQL");
  moat_element_set_signed (element, TRUE);
  moat_element_set_signed (element, TRUE);
  moat_element_set_agent_max_tokens (element, 4096);
  moat_item_set_description (MOAT_ITEM (element), "Stores orders");
  assert_notified (names, "x y width height technology signed agent-max-tokens description");
  g_assert_cmpfloat (moat_element_get_bounds (element).height, ==, 50);
  g_assert_true (moat_element_get_signed (element));

  moat_flow_set_review (flow, MOAT_STRIDE_SPOOFING, MOAT_REVIEW_NOT_APPLICABLE, "Internal only");
  moat_flow_set_review (flow, MOAT_STRIDE_SPOOFING, MOAT_REVIEW_NOT_APPLICABLE, "Internal only");
  moat_flow_set_encrypted (flow, TRUE);
  moat_flow_set_label_position (flow, 0.25);
  moat_flow_set_classification (flow, MOAT_CLASSIFICATION_UNSET);
  assert_notified (names, "review-spoofing review-spoofing-reason encrypted label-position");
  g_assert_cmpstr (moat_flow_get_review_reason (flow, MOAT_STRIDE_SPOOFING), ==, "Internal only");
  g_assert_cmpfloat (moat_flow_get_label_position (flow), ==, 0.25);
}

static void
delete_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          delete_tree (child);
        }
    }

  g_assert_cmpint (g_remove (path), ==, 0);
}

/* Lists a folder's entries, sorted, to show that a failed save left no
 * temporary file behind. */
static char *
dup_folder_listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **)names->pdata);
}

static gboolean
set_immutable (const char *path,
               gboolean    immutable,
               GError    **error)
{
  int fd = g_open (path, O_RDONLY | O_NONBLOCK, 0);
  int flags;
  gboolean ok;

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "open: %s",
                   g_strerror (errno));
      return FALSE;
    }

  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok)
    {
      flags = immutable ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
      ok = ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
  if (!ok)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "FS_IOC_SETFLAGS: %s",
                 g_strerror (errno));

  close (fd);

  return ok;
}

typedef struct
{
  char *folder;
  char *path;
  GFile *file;
  GBytes *previous;
  MoatDocument *document;
} SaveFixture;

/* Creates a folder with a small saved model, and loads the larger payment
 * example to save over it. */
static void
save_fixture_set_up (SaveFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) minimal = format_input ("minimal.moat");
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("moat-test-format-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->path = g_build_filename (fixture->folder, "model.moat", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->previous = g_file_load_bytes (minimal, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->path, g_bytes_get_data (fixture->previous, NULL),
                       g_bytes_get_size (fixture->previous), &error);
  g_assert_no_error (error);

  fixture->document = load_example ("payment-webhook.moat", NULL);
}

static void
save_fixture_tear_down (SaveFixture   *fixture,
                        gconstpointer  data)
{
  /* Undo what a failed read-only test may have left, so the folder can go. */
  if (geteuid () == 0)
    set_immutable (fixture->path, FALSE, NULL);
  g_chmod (fixture->folder, 0755);
  delete_tree (fixture->folder);

  g_free (fixture->folder);
  g_free (fixture->path);
  g_object_unref (fixture->file);
  g_bytes_unref (fixture->previous);
  g_object_unref (fixture->document);
}

static void
assert_previous_file_kept (SaveFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = g_file_load_bytes (fixture->file, NULL, NULL, &error);
  g_autofree char *listing = dup_folder_listing (fixture->folder);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                   g_bytes_get_data (fixture->previous, NULL),
                   g_bytes_get_size (fixture->previous));
  g_assert_cmpstr (listing, ==, "model.moat");
}

/* Checks the message of a failed save, and that the document still belongs
 * to the file it was loaded from. */
static void
assert_save_error (GError       *error,
                   MoatDocument *document,
                   GFile        *file)
{
  g_autofree char *display_name = g_file_get_parse_name (file);
  g_autofree char *prefix = g_strconcat (display_name, ": cannot save the file: ", NULL);

  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_false (g_file_equal (moat_document_get_file (document), file));
}

static void
test_save_replaces_file (SaveFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GBytes) contents = NULL;

  g_assert_true (moat_format_save_file (fixture->document, fixture->file, NULL, &error));
  g_assert_no_error (error);

  contents = g_file_load_bytes (fixture->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (contents, expected));
  g_assert_true (g_file_equal (moat_document_get_file (fixture->document), fixture->file));
  g_assert_false (moat_document_get_modified (fixture->document));
}

/* Saving to a path that is a folder fails and leaves the folder alone. */
static void
test_save_target_is_folder (SaveFixture   *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "folder.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);

  g_assert_false (moat_format_save_file (fixture->document, file, NULL, &error));
  assert_save_error (error, fixture->document, file);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  listing = dup_folder_listing (path);
  g_assert_cmpstr (listing, ==, "");

  g_assert_cmpint (g_rmdir (path), ==, 0);
  assert_previous_file_kept (fixture);
}

/* Saving below a regular file fails and leaves that file alone. */
static void
test_save_under_regular_file (SaveFixture   *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->path, "child.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (moat_format_save_file (fixture->document, file, NULL, &error));
  assert_save_error (error, fixture->document, file);
  assert_previous_file_kept (fixture);
}

/* A read-only file in a read-only folder cannot be replaced. File modes do
 * not stop root, so as root the file gets the immutable attribute instead
 * (what `chattr +i` sets), which binds root too. A file system or container
 * that rejects the attribute fails the test rather than skipping it. */
static void
test_save_read_only (SaveFixture   *fixture,
                     gconstpointer  data)
{
  gboolean as_root = geteuid () == 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) attribute_error = NULL;

  if (as_root)
    {
      if (!set_immutable (fixture->path, TRUE, &attribute_error))
        {
          g_test_fail_printf ("Running as root, and %s cannot be made immutable (%s), so "
                              "nothing can make the save fail; run the test as a normal user "
                              "or with a temporary folder on ext4, XFS or Btrfs",
                              fixture->path, attribute_error->message);
          return;
        }
    }
  else
    {
      g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
      g_assert_cmpint (g_chmod (fixture->folder, 0555), ==, 0);
    }

  g_assert_false (moat_format_save_file (fixture->document, fixture->file, NULL, &error));

  if (as_root)
    g_assert_true (set_immutable (fixture->path, FALSE, NULL));
  else
    g_assert_cmpint (g_chmod (fixture->folder, 0755), ==, 0);

  assert_save_error (error, fixture->document, fixture->file);
  assert_previous_file_kept (fixture);
}

/* A full disk is simulated with a file size limit, which binds root too:
 * writing the temporary file fails part-way, and the previous file must
 * survive. */
static void
test_save_disk_full (SaveFixture   *fixture,
                     gconstpointer  data)
{
  struct rlimit previous_limit;
  struct rlimit limit;
  void (*previous_handler) (int);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  gboolean saved;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &previous_limit), ==, 0);
  limit = previous_limit;
  limit.rlim_cur = 4096;
  g_assert_cmpuint (g_bytes_get_size (fixture->previous), <, limit.rlim_cur);

  /* Without this, exceeding the limit kills the process with SIGXFSZ
   * instead of failing the write with EFBIG. */
  previous_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  saved = moat_format_save_file (fixture->document, fixture->file, NULL, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &previous_limit), ==, 0);
  signal (SIGXFSZ, previous_handler);

  g_assert_false (saved);
  assert_save_error (error, fixture->document, fixture->file);

  contents = g_file_load_bytes (fixture->file, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (contents, fixture->previous));

  assert_previous_file_kept (fixture);
}

/* The reference has at least three digits, as printf's "%03u" writes. */
static void
test_threat_reference (void)
{
  static const guint numbers[] = { 0, 7, 42, 999, 1000, 28057, G_MAXUINT };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(MoatThreat) threat = moat_threat_new (NULL, "flow-1", MOAT_STRIDE_SPOOFING,
                                                      "Title");
      g_autoptr(GString) appended = g_string_new ("prefix ");
      g_autofree char *expected = g_strdup_printf ("THREAT-%03u", numbers[i]);
      g_autofree char *expected_appended = g_strconcat ("prefix ", expected, NULL);
      g_autofree char *reference = NULL;

      moat_threat_set_number (threat, numbers[i]);
      reference = moat_threat_dup_reference (threat);
      moat_threat_append_reference (threat, appended);

      g_assert_cmpstr (reference, ==, expected);
      g_assert_cmpstr (appended->str, ==, expected_appended);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The constructors the loader calls set their fields without going
 * through g_object_new() properties, and each field must match its
 * argument. */
static void
test_constructors_set_fields (void)
{
  g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_DATA_STORE, "db", "Orders");
  g_autoptr(MoatFlow) flow = moat_flow_new ("query", "api", "db", "SQL query");
  g_autoptr(MoatThreat) threat = moat_threat_new ("t1", "query", MOAT_STRIDE_TAMPERING,
                                                  "Injection");
  guint n_notifies = 0;

  g_assert_cmpstr (moat_item_get_id (MOAT_ITEM (element)), ==, "db");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_KIND_DATA_STORE);
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (element)), ==, "Orders");

  g_assert_cmpstr (moat_item_get_id (MOAT_ITEM (flow)), ==, "query");
  g_assert_cmpstr (moat_flow_get_source_id (flow), ==, "api");
  g_assert_cmpstr (moat_flow_get_target_id (flow), ==, "db");
  g_assert_true (moat_flow_get_target_id (flow) == moat_item_get_id (MOAT_ITEM (element)));
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (flow)), ==, "SQL query");

  g_assert_cmpstr (moat_threat_get_id (threat), ==, "t1");
  g_assert_cmpstr (moat_threat_get_target_id (threat), ==, "query");
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_TAMPERING);
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Injection");

  g_signal_connect (element, "notify::name", G_CALLBACK (count_notify), &n_notifies);
  moat_item_set_name (MOAT_ITEM (element), "Order store");
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (element)), ==, "Order store");
  g_assert_cmpuint (n_notifies, ==, 1);
  moat_item_set_name (MOAT_ITEM (element), "Order store");
  g_assert_cmpuint (n_notifies, ==, 1);
  moat_item_set_name (MOAT_ITEM (element), NULL);
  g_assert_cmpstr (moat_item_get_name (MOAT_ITEM (element)), ==, "");
  g_assert_cmpuint (n_notifies, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/format/example/payment-webhook/round-trip", "payment-webhook.moat",
                        test_example_round_trip);
  g_test_add_data_func ("/format/example/ai-agent/round-trip", "ai-agent.moat",
                        test_example_round_trip);
  g_test_add_func ("/format/example/payment-webhook/content", test_example_payment_webhook);
  g_test_add_func ("/format/threat/reference", test_threat_reference);
  g_test_add_func ("/format/example/ai-agent/content", test_example_ai_agent);
  g_test_add_data_func ("/format/example/payment-webhook/layout", "payment-webhook.moat",
                        test_example_layout);
  g_test_add_data_func ("/format/example/ai-agent/layout", "ai-agent.moat",
                        test_example_layout);

  g_test_add_func ("/format/load/minimal-defaults", test_minimal_defaults);
  g_test_add_func ("/format/load/constructors-set-fields", test_constructors_set_fields);
  g_test_add_func ("/format/save/coordinate-rounding", test_coordinate_rounding);
  g_test_add_func ("/format/load/label-position", test_label_position);

  for (guint i = 0; i < G_N_ELEMENTS (load_error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/load-error/%s",
                                               load_error_cases[i].file);

      g_test_add_data_func (path, &load_error_cases[i], test_load_error);
    }
  g_test_add_func ("/format/load-error/empty-file", test_load_error_empty_file);
  g_test_add_func ("/format/load-error/missing-file", test_load_error_missing_file);
  g_test_add_func ("/format/load-error/invalid-json", test_load_error_invalid_json);
  g_test_add_func ("/format/load-error/problem-limit", test_load_error_problem_limit);
  g_test_add_func ("/format/load-error/format-not-a-string", test_load_error_format_not_a_string);
  g_test_add_func ("/format/load-error/due-date-with-sign", test_load_error_due_date_with_sign);
  g_test_add_func ("/format/load-error/trailing-value", test_load_error_trailing_value);
  g_test_add_func ("/format/load-error/invalid-number-alone",
                   test_load_error_invalid_number_alone);
  g_test_add_func ("/format/model-setters-notify", test_model_setters_notify);

  g_test_add ("/format/save/replaces-file", SaveFixture, NULL,
              save_fixture_set_up, test_save_replaces_file, save_fixture_tear_down);
  g_test_add ("/format/save/target-is-folder", SaveFixture, NULL,
              save_fixture_set_up, test_save_target_is_folder, save_fixture_tear_down);
  g_test_add ("/format/save/under-regular-file", SaveFixture, NULL,
              save_fixture_set_up, test_save_under_regular_file, save_fixture_tear_down);
  g_test_add ("/format/save/read-only", SaveFixture, NULL,
              save_fixture_set_up, test_save_read_only, save_fixture_tear_down);
  g_test_add ("/format/save/disk-full", SaveFixture, NULL,
              save_fixture_set_up, test_save_disk_full, save_fixture_tear_down);

  return g_test_run ();
}
