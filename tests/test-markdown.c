/* test-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-document.h"
#include "moat-markdown.h"

#define EXPORT_DATE "2024-05-17"

/* Text meant to break Markdown: block markers at line starts, inline
 * markup, table pipes, raw HTML, entities, control characters, emoji and
 * right-to-left scripts. */
#define HOSTILE_TITLE "# Payments <script>alert(1)</script> | `x` & &amp; 🔥"
#define T1_TITLE "# Forged <script>alert(1)</script> | `session` & cookie"
#define T4_TITLE "1. Privilege ~~escalation~~ \\ backslash"

static MoatThreat *
add_threat (MoatDocument       *document,
            const char         *id,
            const char         *target_id,
            MoatStrideCategory  category,
            const char         *title,
            MoatThreatStatus    status,
            MoatLevel           impact,
            MoatLevel           probability)
{
  g_autoptr(MoatThreat) threat = moat_threat_new (id, target_id, category, title);

  g_object_set (threat,
                "status", status,
                "impact-confidentiality", impact,
                "probability", probability,
                NULL);
  moat_document_add_threat (document, threat);

  return threat;
}

static void
add_element (MoatDocument    *document,
             MoatDiagram     *diagram,
             MoatElementKind  kind,
             const char      *id,
             const char      *name,
             gboolean         out_of_scope)
{
  g_autoptr(MoatElement) element = moat_element_new (kind, id, name);

  g_object_set (element, "out-of-scope", out_of_scope, NULL);
  moat_document_add_item (document, diagram, MOAT_ITEM (element));
}

static MoatFlow *
add_flow (MoatDocument *document,
          MoatDiagram  *diagram,
          const char   *id,
          const char   *source_id,
          const char   *target_id,
          const char   *label,
          const char   *protocol)
{
  g_autoptr(MoatFlow) flow = moat_flow_new (id, source_id, target_id, label);

  g_object_set (flow, "protocol", protocol, NULL);
  moat_document_add_item (document, diagram, MOAT_ITEM (flow));

  return flow;
}

/* Builds the model every test starts from: one diagram with three flows,
 * one of them between two out-of-scope systems, and four threats, one in
 * each status. */
static MoatDocument *
create_hostile_document (void)
{
  MoatDocument *document = moat_document_new_with_diagram ("Main");
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  const char *reviewers[] = { "Carol | QA", "", "עברית", NULL };
  const char *compliance[] = { "PCI DSS", "<b>GDPR</b>", NULL };
  g_autoptr(MoatChecklist) short_term = moat_checklist_new ();
  g_autoptr(MoatChecklist) long_term = moat_checklist_new ();
  MoatFlow *card_flow;
  MoatFlow *store_flow;
  MoatThreat *threat;

  g_object_set (document,
                "title", HOSTILE_TITLE,
                "description", "Line one\r\n# not a heading\n\n1. not a list",
                "owner", "- Alice & Bob",
                "reviewers", reviewers,
                "model-version", "1.",
                "business-objectives", "> quoted\n===\n***",
                "security-objectives", "",
                "compliance", compliance,
                "risk-appetite", "\t\tindented code?",
                "technical-scope", "    four spaces",
                NULL);

  add_element (document, diagram, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "browser",
               "Browser | <script>alert('xss')</script>", FALSE);
  add_element (document, diagram, MOAT_ELEMENT_KIND_PROCESS, "api",
               "`API` *gateway* _v2_", FALSE);
  add_element (document, diagram, MOAT_ELEMENT_KIND_DATA_STORE, "db", "مخزن البيانات", FALSE);
  add_element (document, diagram, MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "legacy",
               "Legacy [mainframe](http://example.invalid)", TRUE);
  add_element (document, diagram, MOAT_ELEMENT_KIND_DATA_STORE, "archive", "Archive", TRUE);

  card_flow = add_flow (document, diagram, "card", "browser", "api",
                        "POST /pay | card\r\ndata", "HTTPS\t|\t1.2");
  store_flow = add_flow (document, diagram, "store", "api", "db", "", "");
  add_flow (document, diagram, "batch", "legacy", "archive", "batch", "SFTP");

  g_object_set (card_flow,
                "review-tampering", MOAT_REVIEW_NOT_APPLICABLE,
                "review-tampering-reason", "signed | <i>payload</i>",
                NULL);
  g_object_set (store_flow, "bidirectional", TRUE, NULL);

  threat = add_threat (document, "t1", "card", MOAT_STRIDE_SPOOFING, T1_TITLE,
                       MOAT_THREAT_STATUS_OPEN, MOAT_LEVEL_HIGH, MOAT_LEVEL_MEDIUM);
  moat_checklist_append (short_term, "Rotate | keys", FALSE);
  moat_checklist_append (short_term, "- [x] fake done", FALSE);
  moat_checklist_append (long_term, "<img src=x onerror=alert(1)>", TRUE);
  g_object_set (threat,
                "attack-vector", "1. steal cookie\n- replay\r\n\tthen > profit\n===",
                "impact-integrity", MOAT_LEVEL_LOW,
                "business-impact", "",
                "evidence", "logs &amp; <!-- comment -->",
                "short-term", short_term,
                "long-term", long_term,
                "due-date", "2025-01-31",
                NULL);

  add_threat (document, "t2", "db", MOAT_STRIDE_INFORMATION_DISCLOSURE, "",
              MOAT_THREAT_STATUS_MITIGATED, MOAT_LEVEL_MEDIUM, MOAT_LEVEL_LOW);
  add_threat (document, "t3", "batch", MOAT_STRIDE_DENIAL_OF_SERVICE, "Batch 🔥 overload",
              MOAT_THREAT_STATUS_ACCEPTED, MOAT_LEVEL_UNSET, MOAT_LEVEL_UNSET);
  add_threat (document, "t4", "api", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE, T4_TITLE,
              MOAT_THREAT_STATUS_TRANSFERRED, MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH);

  return document;
}

static char *
export_with_date (MoatDocument        *document,
                  MoatExportOptions *options)
{
  MoatExportOptions defaults;
  g_autoptr(GError) error = NULL;
  char *markdown;

  if (options == NULL)
    {
      moat_export_options_init (&defaults);
      options = &defaults;
    }
  options->date = EXPORT_DATE;

  markdown = moat_markdown_export (document, options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (markdown);

  return markdown;
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

/* Counts the pipes that separate table cells, skipping escaped ones. */
static guint
count_cell_separators (const char *line)
{
  gboolean escaped = FALSE;
  guint count = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (escaped)
        escaped = FALSE;
      else if (*p == '\\')
        escaped = TRUE;
      else if (*p == '|')
        count++;
    }

  return count;
}

static gboolean
has_line (const char *markdown,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);

  return g_strv_contains ((const char * const *)lines, line);
}

/* Lists the threat headings of the document in order. */
static GPtrArray *
collect_threat_headings (const char *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "### THREAT-"))
      g_ptr_array_add (headings, g_strdup (lines[i]));

  return headings;
}

/* Renders @markdown with cmark-gfm, the reference GFM parser. --unsafe
 * keeps raw HTML in the output, so HTML that leaked through the escaping
 * shows up in the result instead of being dropped. */
static char *
render_html (const char *markdown)
{
  g_autofree char *program = g_find_program_in_path ("cmark-gfm");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *errors = NULL;

  if (program == NULL)
    {
      g_test_fail_printf ("cmark-gfm is not installed; install the Debian package cmark-gfm, "
                          "as build-aux/dev does");
      return NULL;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              program, "--unsafe", "-e", "table", "-e", "tasklist",
                              "-e", "strikethrough", "-t", "html", NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, markdown, NULL, &html, &errors, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errors, ==, "");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return g_steal_pointer (&html);
}

typedef struct
{
  const char *input;
  const char *expected;
} EscapeCase;

static void
test_escape_cases (void)
{
  static const EscapeCase cases[] = {
    { NULL, "—" },
    { "", "—" },
    { " \t\r\n\v ", "—" },
    { "plain words", "plain words" },
    { "a - b. c (d)! {e} 2 + 2 = 4", "a - b. c (d)! {e} 2 + 2 = 4" },
    { "2024-05-17", "2024-05-17" },
    { "a|b", "a\\|b" },
    { "<script>", "&lt;script&gt;" },
    { "&amp;", "&amp;amp;" },
    { "# heading", "\\# heading" },
    { "C# #", "C\\# \\#" },
    { "1. item", "1\\. item" },
    { "12) item", "12\\) item" },
    { "1.", "1\\." },
    { "3)\tthree", "3\\) three" },
    { "1.2 release", "1.2 release" },
    { "2024.05", "2024.05" },
    { "  - item", "\\- item" },
    { "+ item", "\\+ item" },
    { "===", "\\===" },
    { "---", "\\---" },
    { "> quote", "&gt; quote" },
    { "~~~", "\\~\\~\\~" },
    { "${jndi:ldap://x}", "\\${jndi:ldap://x}" },
    { "![image](x)", "!\\[image\\](x)" },
    { "a\r\nb\tc\nd", "a b c d" },
    { "  both ends  ", "both ends" },
    { "\\`*_{}[]()#+-.!|~=$", "\\\\\\`\\*\\_{}\\[\\]()\\#+-.!\\|\\~=\\$" },
    { "\xc4\xad-", "\xc4\xad-" },
    { "🔥 שלום مرحبا", "🔥 שלום مرحبا" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
    /* Invalid UTF-8 after a run of ASCII longer than eight bytes, and
     * after other valid characters. */
    { "eight ascii bytes \xff then more", "eight ascii bytes \xef\xbf\xbd then more" },
    { "long ascii text ends \xe6\x9d", "long ascii text ends \xef\xbf\xbd\xef\xbf\xbd" },
    { "surrogates are invalid \xed\xa0\x80 in UTF-8",
      "surrogates are invalid \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd in UTF-8" },
    { "Z\xc3\xbcrich is valid, \xc0\xaf is overlong",
      "Z\xc3\xbcrich is valid, \xef\xbf\xbd\xef\xbf\xbd is overlong" },
    /* A C1 control separates words, but a no-break space is kept. */
    { "a control\xc2\x85inside a long text", "a control inside a long text" },
    { "no\xc2\xa0" "break space", "no\xc2\xa0" "break space" },
    { "C\xc2\x85", "C" },
    { "1.\xc2\x85item", "1\\. item" },
    /* Spaces and markers next to the characters that end a copied run. */
    { "end . next ) x", "end . next ) x" },
    { "-#x", "\\-\\#x" },
    { "=<tag", "\\=&lt;tag" },
    { "many   spaces  here\t\t", "many spaces here" },
    { "text with a trailing space ", "text with a trailing space" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("");

      g_autofree char *shown = cases[i].input ? g_strescape (cases[i].input, NULL) : NULL;

      g_test_message ("case %u: “%s”", i, shown ? shown : "(null)");
      moat_markdown_append_text (out, cases[i].input);
      g_assert_cmpstr (out->str, ==, cases[i].expected);
    }
}

static void
test_markdown_threat_headings (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);
  g_autoptr(GPtrArray) headings = collect_threat_headings (markdown);

  g_assert_cmpuint (headings->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (headings, 0), ==,
                   "### THREAT-001: \\# Forged &lt;script&gt;alert(1)&lt;/script&gt; \\| "
                   "\\`session\\` &amp; cookie");
  g_assert_cmpstr (g_ptr_array_index (headings, 1), ==, "### THREAT-002: —");
  g_assert_cmpstr (g_ptr_array_index (headings, 2), ==, "### THREAT-003: Batch 🔥 overload");
  g_assert_cmpstr (g_ptr_array_index (headings, 3), ==,
                   "### THREAT-004: 1\\. Privilege \\~\\~escalation\\~\\~ \\\\ backslash");
}

static void
test_markdown_table_columns (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  guint n_tables = 0;
  guint n_rows = 0;
  guint columns = 0;

  /* Consecutive lines starting with a pipe form one table. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '|')
        {
          columns = 0;
          continue;
        }

      if (columns == 0)
        {
          columns = count_cell_separators (lines[i]);
          n_tables++;
        }

      g_test_message ("table %u: %s", n_tables, lines[i]);
      g_assert_cmpuint (count_cell_separators (lines[i]), ==, columns);
      n_rows++;
    }

  /* Each table has a header and a delimiter row: components (five),
   * flows (three), one STRIDE table per flow (six categories each), the
   * severity matrix (three probabilities), severities (five), statuses
   * (four), coverage (two) and the legend (eight symbols). */
  g_assert_cmpuint (n_tables, ==, 10);
  g_assert_cmpuint (n_rows, ==, (2 + 5) + (2 + 3) + 3 * (2 + 6) + (2 + 3) + (2 + 5) + (2 + 4) +
                                (2 + 2) + (2 + 8));
  g_assert_true (has_line (markdown, "| POST /pay \\| card data | Browser \\| &lt;script&gt;"
                                     "alert('xss')&lt;/script&gt; | \\`API\\` \\*gateway\\* "
                                     "\\_v2\\_ | HTTPS \\| 1.2 | None | 2 of 6 reviewed |"));
  g_assert_true (has_line (markdown, "| Tampering | Not applicable: signed \\| &lt;i&gt;payload"
                                     "&lt;/i&gt; | — | — |"));
}

static void
test_markdown_no_raw_html (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);

  g_assert_null (strstr (markdown, "<script"));
  g_assert_null (strchr (markdown, '<'));
  g_assert_null (strchr (markdown, '\r'));
  g_assert_null (strchr (markdown, '\t'));
}

static void
test_markdown_task_items (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);

  g_assert_true (has_line (markdown, "- [ ] Rotate \\| keys"));
  g_assert_true (has_line (markdown, "- [ ] \\- \\[x\\] fake done"));
  g_assert_true (has_line (markdown, "- [x] &lt;img src=x onerror=alert(1)&gt;"));
  g_assert_cmpuint (count_occurrences (markdown, "\n- [ ] "), ==, 2);
  g_assert_cmpuint (count_occurrences (markdown, "\n- [x] "), ==, 1);
}

static void
test_markdown_multiline_fields (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);

  /* The lines of the text stay in the item, joined by hard line breaks. */
  g_assert_nonnull (strstr (markdown, "- **Attack vector:** 1\\. steal cookie\\\n"
                                      "  \\- replay\\\n"
                                      "  then &gt; profit\\\n"
                                      "  \\===\n"));
  g_assert_nonnull (strstr (markdown, "- **Business objectives:** &gt; quoted\\\n"
                                      "  \\===\\\n"
                                      "  \\*\\*\\*\n"));
}

static void
test_markdown_metadata (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);

  g_assert_true (g_str_has_prefix (markdown, "# \\# Payments &lt;script&gt;alert(1)"
                                             "&lt;/script&gt; \\| \\`x\\` &amp; &amp;amp; 🔥\n\n"));
  g_assert_true (has_line (markdown, "- **Owner:** \\- Alice &amp; Bob"));
  g_assert_true (has_line (markdown, "- **Reviewers:** Carol \\| QA, —, עברית"));
  g_assert_true (has_line (markdown, "- **Model version:** 1\\."));
  g_assert_true (has_line (markdown, "- **Exported:** 2024-05-17"));
  g_assert_true (has_line (markdown, "- **Security objectives:** —"));
  g_assert_true (has_line (markdown, "- **Compliance:** PCI DSS, &lt;b&gt;GDPR&lt;/b&gt;"));
  g_assert_true (has_line (markdown, "- **Risk appetite:** indented code?"));
  g_assert_true (has_line (markdown, "- **Technical scope:** four spaces"));
  g_assert_true (has_line (markdown, "- **Component:** مخزن البيانات (Data store)"));
  g_assert_true (has_line (markdown, "- **Component:** Browser \\| &lt;script&gt;alert('xss')"
                                     "&lt;/script&gt; → \\`API\\` \\*gateway\\* \\_v2\\_: "
                                     "POST /pay \\| card data"));
  g_assert_true (has_line (markdown, "- **Severity:** CRITICAL"));
  g_assert_true (has_line (markdown, "- **Due date:** 2025-01-31"));
  g_assert_false (has_line (markdown, "- **Left out of this document:** —"));
}

static void
test_markdown_cmark_html (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);
  g_autofree char *html = render_html (markdown);

  if (html == NULL)
    return;

  g_test_message ("%s", html);

  /* The rows of the ten tables, each with its header row: components,
   * flows, three STRIDE tables, the severity matrix, severities, statuses,
   * coverage and the legend. */
  g_assert_cmpuint (count_occurrences (html, "<tr>"), ==, 6 + 4 + 3 * 7 + 4 + 6 + 5 + 3 + 9);
  g_assert_cmpuint (count_occurrences (html, "<h1>"), ==, 1);
  g_assert_cmpuint (count_occurrences (html, "<h2>"), ==, 7);

  /* Three flows, four threats and four parts of the summary. */
  g_assert_cmpuint (count_occurrences (html, "<h3>"), ==, 3 + 4 + 4);
  g_assert_cmpuint (count_occurrences (html, "<h4>"), ==, 0);
  g_assert_cmpuint (count_occurrences (html, "type=\"checkbox\""), ==, 3);
  g_assert_cmpuint (count_occurrences (html, "checked=\"\""), ==, 1);

  /* Nothing from the model may turn into markup of its own. */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "<i>"));
  g_assert_null (strstr (html, "<!--"));
  g_assert_null (strstr (html, "<a "));
  g_assert_null (strstr (html, "<ol"));
  g_assert_null (strstr (html, "<blockquote"));
  g_assert_null (strstr (html, "<pre"));
  g_assert_null (strstr (html, "<code"));
  g_assert_null (strstr (html, "<em>"));
  g_assert_null (strstr (html, "<del>"));
  g_assert_null (strstr (html, "<hr"));

  /* The text itself survives unchanged, apart from collapsed spaces. */
  g_assert_nonnull (strstr (html, "<h1># Payments &lt;script&gt;alert(1)&lt;/script&gt; | `x` "
                                  "&amp; &amp;amp; 🔥</h1>"));
  g_assert_nonnull (strstr (html, "<h3>THREAT-001: # Forged &lt;script&gt;alert(1)&lt;/script&gt;"
                                  " | `session` &amp; cookie</h3>"));
  g_assert_nonnull (strstr (html, "<h3>THREAT-004: 1. Privilege ~~escalation~~ \\ backslash"
                                  "</h3>"));
  g_assert_nonnull (strstr (html, "<td>POST /pay | card data</td>"));
  g_assert_nonnull (strstr (html, "<td>HTTPS | 1.2</td>"));
  g_assert_nonnull (strstr (html, "<td>Not applicable: signed | &lt;i&gt;payload&lt;/i&gt;</td>"));
  g_assert_nonnull (strstr (html, "<input type=\"checkbox\" disabled=\"\" /> - [x] fake done"));
  g_assert_nonnull (strstr (html, "<strong>Attack vector:</strong> 1. steal cookie<br />\n"
                                  "- replay<br />\nthen &gt; profit<br />\n===</li>"));
}

static void
test_markdown_filters (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatExportOptions options;
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) headings = NULL;

  moat_export_options_init (&options);
  options.include_mitigated = FALSE;
  options.include_accepted = FALSE;
  options.include_out_of_scope = FALSE;
  markdown = export_with_date (document, &options);
  headings = collect_threat_headings (markdown);

  g_assert_cmpuint (headings->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (headings, 0), "### THREAT-001: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (headings, 1), "### THREAT-004: "));

  /* The flow between two out-of-scope systems is gone from the table. */
  g_assert_null (strstr (markdown, "| batch |"));
  g_assert_true (has_line (markdown, "- **Left out of this document:** mitigated threats, "
                                     "accepted threats, out-of-scope components"));
  g_assert_true (has_line (markdown, "This document lists 2 threats."));
  g_assert_true (has_line (markdown, "| MITIGATED | 0 |"));
  g_assert_true (has_line (markdown, "| TRANSFERRED | 1 |"));
}

static void
test_markdown_out_of_scope_only (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatExportOptions options;
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) headings = NULL;

  moat_export_options_init (&options);
  options.include_out_of_scope = FALSE;
  markdown = export_with_date (document, &options);
  headings = collect_threat_headings (markdown);

  /* THREAT-003 sits on the flow between two out-of-scope systems. */
  g_assert_cmpuint (headings->len, ==, 3);
  g_assert_null (strstr (markdown, "THREAT-003"));
}

static void
test_markdown_sort_by_severity (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatExportOptions options;
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  static const char * const expected[] = {
    "### THREAT-004: ", "### THREAT-001: ", "### THREAT-002: ", "### THREAT-003: ",
  };

  moat_export_options_init (&options);
  options.sort = MOAT_EXPORT_SORT_BY_SEVERITY;
  markdown = export_with_date (document, &options);
  headings = collect_threat_headings (markdown);

  /* CRITICAL, HIGH, LOW, then the unscored one. */
  g_assert_cmpuint (headings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (headings, i), expected[i]));
}

static void
add_second_diagram (MoatDocument *document)
{
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ("second", "Second | level");

  moat_document_add_diagram (document, diagram);
  add_element (document, diagram, MOAT_ELEMENT_KIND_PROCESS, "worker", "Worker", FALSE);
  add_threat (document, "t5", "worker", MOAT_STRIDE_REPUDIATION, "Unlogged jobs",
              MOAT_THREAT_STATUS_OPEN, MOAT_LEVEL_LOW, MOAT_LEVEL_LOW);
}

static void
test_markdown_several_diagrams (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;

  add_second_diagram (document);
  markdown = export_with_date (document, NULL);

  g_assert_true (has_line (markdown, "### Main"));
  g_assert_true (has_line (markdown, "### Second \\| level"));
  g_assert_true (has_line (markdown, "This diagram has no data flows."));
  g_assert_true (has_line (markdown, "### THREAT-005: Unlogged jobs"));

  html = render_html (markdown);
  if (html == NULL)
    return;

  /* Two diagram headings in the components and flows sections each,
   * three flows, five threats and four parts of the summary. */
  g_assert_cmpuint (count_occurrences (html, "<h3>"), ==, 2 + 2 + 3 + 5 + 4);
}

static void
test_markdown_diagram_filter (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatExportOptions options;
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) headings = NULL;

  add_second_diagram (document);
  moat_export_options_init (&options);
  options.diagram = "second";
  markdown = export_with_date (document, &options);
  headings = collect_threat_headings (markdown);

  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, "### THREAT-005: Unlogged jobs");
  g_assert_true (has_line (markdown, "- **Diagram:** Second \\| level"));
  g_assert_false (has_line (markdown, "### Main"));
  g_assert_null (strstr (markdown, "POST /pay"));
}

static void
test_markdown_diagram_by_name (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatExportOptions options;
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) headings = NULL;

  add_second_diagram (document);
  moat_export_options_init (&options);
  options.diagram = "Second | level";
  markdown = export_with_date (document, &options);
  headings = collect_threat_headings (markdown);

  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, "### THREAT-005: Unlogged jobs");
}

static void
test_markdown_ambiguous_diagram_name (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(MoatDiagram) twin = moat_diagram_new ("twin", "Main");
  MoatExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  moat_document_add_diagram (document, twin);
  moat_export_options_init (&options);
  options.diagram = "Main";
  markdown = moat_markdown_export (document, &options, NULL, NULL, &error);

  g_assert_null (markdown);
  g_assert_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM);
  g_assert_true (g_str_has_prefix (error->message, "2 diagrams are named “Main”; choose one by "
                                                   "its id: "));

  /* The id still picks one of them. */
  options.diagram = "twin";
  g_clear_error (&error);
  g_clear_pointer (&markdown, g_free);
  markdown = moat_markdown_export (document, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (markdown);
}

/* A threat of another methodology, as Threat Dragon imports bring, is
 * listed with its own type in the flow's table and in its section. */
static void
test_markdown_other_methodology (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatThreat *threat;
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) headings = NULL;

  threat = add_threat (document, "t9", "card", MOAT_STRIDE_OTHER, "Linkable | payments",
                       MOAT_THREAT_STATUS_OPEN, MOAT_LEVEL_LOW, MOAT_LEVEL_HIGH);
  g_object_set (threat, "type-label", "Linkability <LINDDUN>", NULL);
  markdown = export_with_date (document, NULL);
  headings = collect_threat_headings (markdown);

  g_assert_cmpuint (headings->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (headings, 4), ==, "### THREAT-005: Linkable \\| payments");
  g_assert_true (has_line (markdown, "- **Category:** Other methodology: Linkability "
                                     "&lt;LINDDUN&gt;"));
  g_assert_true (has_line (markdown, "| Other methodology: Linkability &lt;LINDDUN&gt; | "
                                     "THREAT-005: Linkable \\| payments | MEDIUM | None |"));
}

static void
test_markdown_images (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autoptr(MoatDiagram) empty = moat_diagram_new ("empty", "Main");
  MoatExportOptions options;
  MoatMarkdownImages images;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;
  MoatExportFile *svg;
  MoatExportFile *png;

  moat_document_add_diagram (document, empty);
  moat_export_options_init (&options);
  options.date = EXPORT_DATE;
  moat_markdown_images_init (&images);
  images.prefix = "my review (v2) [draft]";
  images.svg = TRUE;
  images.png = TRUE;

  markdown = moat_markdown_export (document, &options, &images, &files, &error);
  g_assert_no_error (error);

  /* The empty diagram has no image, so two files for the other one. */
  g_assert_cmpuint (files->len, ==, 2);
  svg = g_ptr_array_index (files, 0);
  png = g_ptr_array_index (files, 1);
  g_assert_cmpstr (svg->name, ==, "my review (v2) [draft]-main.svg");
  g_assert_cmpstr (png->name, ==, "my review (v2) [draft]-main.png");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (svg->bytes, NULL), "<?xml"));
  g_assert_cmpmem (g_bytes_get_data (png->bytes, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  g_assert_true (has_line (markdown, "![Main](my%20review%20%28v2%29%20%5Bdraft%5D-main.svg)"));
  g_assert_true (has_line (markdown, "[The diagram as a PNG image]"
                                     "(my%20review%20%28v2%29%20%5Bdraft%5D-main.png)"));
  g_assert_true (has_line (markdown, "This diagram is empty."));

  html = render_html (markdown);
  if (html == NULL)
    return;

  g_assert_cmpuint (count_occurrences (html, "<img "), ==, 1);
  g_assert_nonnull (strstr (html, "<img src=\"my%20review%20%28v2%29%20%5Bdraft%5D-main.svg\" "
                                  "alt=\"Main\" />"));
}

static void
test_markdown_unknown_diagram (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  MoatExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autofree char *expected = g_strdup_printf ("the model has no diagram with the id or name "
                                               "“missing”; use one of: %s (“Main”)",
                                               moat_diagram_get_id (diagram));

  moat_export_options_init (&options);
  options.diagram = "missing";
  markdown = moat_markdown_export (document, &options, NULL, NULL, &error);

  g_assert_null (markdown);
  g_assert_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_markdown_empty_document (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("");
  g_autofree char *markdown = export_with_date (document, NULL);
  g_autofree char *html = NULL;

  g_assert_true (g_str_has_prefix (markdown, "# Threat model\n\n"));
  g_assert_true (has_line (markdown, "This diagram has no data flows."));
  g_assert_true (has_line (markdown, "No threats are recorded."));
  g_assert_true (has_line (markdown, "This document lists 0 threats."));
  g_assert_true (has_line (markdown, "- **Reviewers:** —"));

  html = render_html (markdown);
  if (html == NULL)
    return;

  g_assert_nonnull (strstr (html, "<h1>Threat model</h1>"));
  /* Only the summary and the legend have tables: the severity matrix,
   * severities, statuses, coverage and the legend. */
  g_assert_cmpuint (count_occurrences (html, "<h3>"), ==, 4);
  g_assert_cmpuint (count_occurrences (html, "<tr>"), ==, 4 + 6 + 5 + 3 + 9);
}

static void
test_markdown_default_date (void)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram ("Main");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *date_before = NULL;
  g_autofree char *date_after = NULL;
  MoatExportOptions options;

  moat_export_options_init (&options);
  before = g_date_time_new_now_local ();
  markdown = moat_markdown_export (document, &options, NULL, NULL, &error);
  after = g_date_time_new_now_local ();
  date_before = g_date_time_format (before, "- **Exported:** %Y-%m-%d");
  date_after = g_date_time_format (after, "- **Exported:** %Y-%m-%d");

  g_assert_no_error (error);

  /* The export may run across midnight. */
  g_assert_true (has_line (markdown, date_before) || has_line (markdown, date_after));
}

static void
test_markdown_golden (void)
{
  g_autoptr(MoatDocument) document = create_hostile_document ();
  g_autofree char *markdown = export_with_date (document, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "markdown",
                                                 "hostile.md", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  /* MOAT_REGENERATE_GOLDEN=1 rewrites the golden file instead, for a
   * deliberate change of the output; review its diff before committing. */
  if (g_strcmp0 (g_getenv ("MOAT_REGENERATE_GOLDEN"), "1") == 0)
    {
      g_autofree char *source = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "tests", "data",
                                                  "markdown", "hostile.md", NULL);

      g_file_set_contents (source, markdown, -1, &error);
      g_assert_no_error (error);
      g_test_message ("regenerated %s", source);
    }

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);

  if (g_strcmp0 (markdown, expected) != 0)
    {
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, "hostile.actual.md",
                                                            NULL);

      g_file_set_contents (actual_path, markdown, -1, NULL);
      g_test_message ("the export differs from %s; the output is in %s", path, actual_path);
    }

  g_assert_cmpstr (markdown, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/escape/cases", test_escape_cases);
  g_test_add_func ("/markdown/threat-headings", test_markdown_threat_headings);
  g_test_add_func ("/markdown/table-columns", test_markdown_table_columns);
  g_test_add_func ("/markdown/no-raw-html", test_markdown_no_raw_html);
  g_test_add_func ("/markdown/task-items", test_markdown_task_items);
  g_test_add_func ("/markdown/multiline-fields", test_markdown_multiline_fields);
  g_test_add_func ("/markdown/metadata", test_markdown_metadata);
  g_test_add_func ("/markdown/cmark-html", test_markdown_cmark_html);
  g_test_add_func ("/markdown/filters", test_markdown_filters);
  g_test_add_func ("/markdown/out-of-scope-only", test_markdown_out_of_scope_only);
  g_test_add_func ("/markdown/sort-by-severity", test_markdown_sort_by_severity);
  g_test_add_func ("/markdown/several-diagrams", test_markdown_several_diagrams);
  g_test_add_func ("/markdown/diagram-filter", test_markdown_diagram_filter);
  g_test_add_func ("/markdown/diagram-by-name", test_markdown_diagram_by_name);
  g_test_add_func ("/markdown/ambiguous-diagram-name", test_markdown_ambiguous_diagram_name);
  g_test_add_func ("/markdown/other-methodology", test_markdown_other_methodology);
  g_test_add_func ("/markdown/images", test_markdown_images);
  g_test_add_func ("/markdown/unknown-diagram", test_markdown_unknown_diagram);
  g_test_add_func ("/markdown/empty-document", test_markdown_empty_document);
  g_test_add_func ("/markdown/default-date", test_markdown_default_date);
  g_test_add_func ("/markdown/golden", test_markdown_golden);

  return g_test_run ();
}
