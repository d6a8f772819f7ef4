/* moat-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-markdown.h"

/* Writes the review document as GitHub-flavoured Markdown that is also
 * valid CommonMark. Every string that comes from the model goes through
 * moat_markdown_append_text(), so text in a model can never become
 * Markdown structure or raw HTML in the output. */

#define EMPTY_TEXT "—"

/* ASCII punctuation with a meaning anywhere in a line: emphasis, code
 * spans, links, headings, table cells, strikethrough and GitHub's math.
 * Other punctuation, such as "(" or "!", only acts after one of these or at
 * the start of a line. */
static const char escaped_punctuation[] = "\\`*_[]#|~$";

/* Characters that start a list or a setext heading underline when they
 * begin a line. */
static const char leading_markers[] = "-+=";

typedef struct
{
  MoatDocument *document;
  const MoatMarkdownOptions *options;
  GString *out;

  /* The diagrams and threats that the options include, borrowed from the
   * document. Threats are in output order. */
  GPtrArray *diagrams;
  GPtrArray *threats;
} Writer;

G_DEFINE_QUARK (moat-markdown-error-quark, moat_markdown_error)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && !g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

/* Line breaks, tabs and control characters separate words but mean
 * nothing else inside one line of Markdown. */
static gboolean
is_separator (gunichar c)
{
  return c == ' ' || g_unichar_iscntrl (c);
}

/* Finds the "." or ")" after leading digits, which would make the text an
 * ordered list item at the start of a line, such as "1. " or "12) ". */
static const char *
find_list_delimiter (const char *text)
{
  const char *p = text;

  while (g_ascii_isdigit (*p))
    p++;

  if (p > text && (*p == '.' || *p == ')'))
    return p;

  return NULL;
}

static gboolean
needs_escape (gunichar c,
              gboolean at_start)
{
  /* strchr() also matches the terminating NUL and compares only the low
   * byte of its argument, so NUL and non-ASCII characters return early. */
  if (c == 0 || c >= 0x80)
    return FALSE;

  return strchr (escaped_punctuation, (int)c) != NULL ||
         (at_start && strchr (leading_markers, (int)c) != NULL);
}

/**
 * moat_markdown_append_text:
 * @out: the Markdown being written
 * @text: (nullable): text from the model
 *
 * Appends @text as inline Markdown that renders as exactly this text.
 * Punctuation that acts anywhere in a line is backslash-escaped, and so is
 * a list or heading marker at the start of the text, so the text is safe
 * at the start of a line too. `<`, `>` and `&` become entities, so no raw
 * HTML reaches the output. Line breaks, tabs and other control characters
 * collapse into one space, which keeps the text on one line of a table row
 * or list item, and leading and trailing space is dropped, which rules out
 * an indented code block. Empty or blank text is written as an em dash.
 */
void
moat_markdown_append_text (GString    *out,
                           const char *text)
{
  g_autofree char *valid = NULL;
  const char *start;
  const char *list_delimiter;
  gboolean pending_space = FALSE;

  g_return_if_fail (out != NULL);

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  start = valid;
  while (*start != '\0' && is_separator (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  list_delimiter = find_list_delimiter (start);

  if (*start == '\0')
    {
      g_string_append (out, EMPTY_TEXT);
      return;
    }

  for (const char *p = start; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_separator (c))
        {
          pending_space = TRUE;
          continue;
        }

      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }

      if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (needs_escape (c, p == start) || p == list_delimiter)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char)c);
        }
      else
        g_string_append_unichar (out, c);
    }
}

/* Appends text that may span several lines. Each non-empty line is escaped
 * on its own, and lines are joined by hard line breaks indented by @indent,
 * so that they stay inside the surrounding list item. */
static void
append_multiline_text (GString    *out,
                       const char *text,
                       const char *indent)
{
  g_auto(GStrv) lines = NULL;
  gboolean first = TRUE;

  if (is_blank (text))
    {
      g_string_append (out, EMPTY_TEXT);
      return;
    }

  lines = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (is_blank (lines[i]))
        continue;

      if (!first)
        {
          g_string_append (out, "\\\n");
          g_string_append (out, indent);
        }

      moat_markdown_append_text (out, lines[i]);
      first = FALSE;
    }
}

/* Writes "- **Label:** " for one field of a list. */
static void
begin_field (Writer     *writer,
             const char *label)
{
  g_string_append (writer->out, "- **");
  moat_markdown_append_text (writer->out, label);
  g_string_append (writer->out, ":** ");
}

static void
write_text_field (Writer     *writer,
                  const char *label,
                  const char *text)
{
  begin_field (writer, label);
  append_multiline_text (writer->out, text, "  ");
  g_string_append_c (writer->out, '\n');
}

static void
write_list_field (Writer             *writer,
                  const char         *label,
                  const char * const *values)
{
  begin_field (writer, label);

  if (values == NULL || values[0] == NULL)
    g_string_append (writer->out, EMPTY_TEXT);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (writer->out, ", ");
      moat_markdown_append_text (writer->out, values[i]);
    }

  g_string_append_c (writer->out, '\n');
}

static void
write_heading (Writer     *writer,
               guint       level,
               const char *text)
{
  for (guint i = 0; i < level; i++)
    g_string_append_c (writer->out, '#');
  g_string_append_c (writer->out, ' ');
  moat_markdown_append_text (writer->out, text);
  g_string_append (writer->out, "\n\n");
}

static void
write_paragraph (Writer     *writer,
                 const char *text)
{
  moat_markdown_append_text (writer->out, text);
  g_string_append (writer->out, "\n\n");
}

static void
write_table_row (Writer             *writer,
                 const char * const *cells,
                 guint               n_cells)
{
  g_string_append_c (writer->out, '|');

  for (guint i = 0; i < n_cells; i++)
    {
      g_string_append_c (writer->out, ' ');
      moat_markdown_append_text (writer->out, cells[i]);
      g_string_append (writer->out, " |");
    }

  g_string_append_c (writer->out, '\n');
}

static void
write_table_header (Writer             *writer,
                    const char * const *cells,
                    guint               n_cells,
                    guint               first_numeric)
{
  write_table_row (writer, cells, n_cells);

  g_string_append_c (writer->out, '|');
  for (guint i = 0; i < n_cells; i++)
    g_string_append (writer->out, i >= first_numeric ? " ---: |" : " --- |");
  g_string_append_c (writer->out, '\n');
}

static gboolean
is_element_out_of_scope (MoatElement *element)
{
  return element != NULL && moat_element_get_out_of_scope (element);
}

/* A flow is out of scope only when both of its ends are, because a flow
 * from an out-of-scope system into the modelled one is where threats enter. */
static gboolean
is_flow_out_of_scope (Writer   *writer,
                      MoatFlow *flow)
{
  return is_element_out_of_scope (moat_document_get_flow_source (writer->document, flow)) &&
         is_element_out_of_scope (moat_document_get_flow_target (writer->document, flow));
}

static gboolean
is_target_out_of_scope (Writer  *writer,
                        gpointer target)
{
  if (MOAT_IS_FLOW (target))
    return is_flow_out_of_scope (writer, target);
  if (MOAT_IS_ELEMENT (target))
    return is_element_out_of_scope (target);

  return FALSE;
}

static gboolean
is_status_included (const MoatMarkdownOptions *options,
                    MoatThreatStatus           status)
{
  switch (status)
    {
    case MOAT_THREAT_STATUS_OPEN:
      return TRUE;
    case MOAT_THREAT_STATUS_MITIGATED:
      return options->include_mitigated;
    case MOAT_THREAT_STATUS_ACCEPTED:
      return options->include_accepted;
    case MOAT_THREAT_STATUS_TRANSFERRED:
      return options->include_transferred;
    default:
      g_return_val_if_reached (TRUE);
    }
}

static gboolean
is_threat_included (Writer     *writer,
                    MoatThreat *threat)
{
  gpointer target = moat_document_lookup (writer->document, moat_threat_get_target_id (threat));

  if (!is_status_included (writer->options, moat_threat_get_status (threat)))
    return FALSE;

  if (!writer->options->include_out_of_scope && is_target_out_of_scope (writer, target))
    return FALSE;

  if (target != NULL && MOAT_IS_ITEM (target))
    {
      MoatDiagram *diagram = moat_document_get_diagram_of (writer->document, target);

      return g_ptr_array_find (writer->diagrams, diagram, NULL);
    }

  return TRUE;
}

static int
compare_by_number (gconstpointer a,
                   gconstpointer b)
{
  MoatThreat *threat_a = *(MoatThreat **)a;
  MoatThreat *threat_b = *(MoatThreat **)b;
  guint number_a = moat_threat_get_number (threat_a);
  guint number_b = moat_threat_get_number (threat_b);

  return (number_a > number_b) - (number_a < number_b);
}

static int
compare_by_severity (gconstpointer a,
                     gconstpointer b)
{
  MoatSeverity severity_a = moat_threat_get_severity (*(MoatThreat **)a);
  MoatSeverity severity_b = moat_threat_get_severity (*(MoatThreat **)b);

  /* Most severe first; equal severities keep their number order. */
  if (severity_a != severity_b)
    return severity_a > severity_b ? -1 : 1;

  return compare_by_number (a, b);
}

static gboolean
select_diagrams (Writer  *writer,
                 GError **error)
{
  GPtrArray *all = moat_document_get_diagrams (writer->document);
  const char *diagram_id = writer->options->diagram_id;
  g_autoptr(GString) known = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (all, i);

      if (diagram_id == NULL || g_strcmp0 (moat_diagram_get_id (diagram), diagram_id) == 0)
        g_ptr_array_add (writer->diagrams, diagram);
    }

  if (writer->diagrams->len > 0 || diagram_id == NULL)
    return TRUE;

  known = g_string_new (NULL);
  for (guint i = 0; i < all->len; i++)
    {
      if (i > 0)
        g_string_append (known, ", ");
      g_string_append (known, moat_diagram_get_id (g_ptr_array_index (all, i)));
    }

  g_set_error (error, MOAT_MARKDOWN_ERROR, MOAT_MARKDOWN_ERROR_UNKNOWN_DIAGRAM,
               _("the model has no diagram with id “%s”; use one of: %s"),
               diagram_id, known->str);

  return FALSE;
}

static void
select_threats (Writer *writer)
{
  GPtrArray *all = moat_document_get_threats (writer->document);

  for (guint i = 0; i < all->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (all, i);

      if (is_threat_included (writer, threat))
        g_ptr_array_add (writer->threats, threat);
    }

  if (writer->options->sort == MOAT_MARKDOWN_SORT_BY_SEVERITY)
    g_ptr_array_sort (writer->threats, compare_by_severity);
  else
    g_ptr_array_sort (writer->threats, compare_by_number);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
write_header (Writer *writer)
{
  const char *title = moat_document_get_title (writer->document);
  const char *description = moat_document_get_text (writer->document, "description");
  g_autofree char *today = NULL;
  const char *date = writer->options->date;

  if (date == NULL)
    date = today = dup_today ();

  write_heading (writer, 1, is_blank (title) ? _("Threat model") : title);

  if (!is_blank (description))
    {
      append_multiline_text (writer->out, description, "");
      g_string_append (writer->out, "\n\n");
    }

  write_text_field (writer, _("Owner"), moat_document_get_text (writer->document, "owner"));
  write_list_field (writer, _("Reviewers"), moat_document_get_reviewers (writer->document));
  write_text_field (writer, _("Model version"),
                    moat_document_get_text (writer->document, "model-version"));
  write_text_field (writer, _("Exported"), date);

  if (writer->options->diagram_id != NULL)
    write_text_field (writer, _("Diagram"), moat_diagram_get_name (writer->diagrams->pdata[0]));

  g_string_append_c (writer->out, '\n');
}

static void
write_exclusions (Writer *writer)
{
  const MoatMarkdownOptions *options = writer->options;
  g_autoptr(GPtrArray) excluded = g_ptr_array_new ();

  if (!options->include_mitigated)
    g_ptr_array_add (excluded, _("mitigated threats"));
  if (!options->include_accepted)
    g_ptr_array_add (excluded, _("accepted threats"));
  if (!options->include_transferred)
    g_ptr_array_add (excluded, _("transferred threats"));
  if (!options->include_out_of_scope)
    g_ptr_array_add (excluded, _("out-of-scope components"));

  if (excluded->len == 0)
    return;

  g_ptr_array_add (excluded, NULL);
  write_list_field (writer, _("Left out of this document"),
                    (const char * const *)excluded->pdata);
  g_string_append_c (writer->out, '\n');
}

static void
write_objectives (Writer *writer)
{
  MoatDocument *document = writer->document;

  write_heading (writer, 2, _("Objectives and scope"));

  write_text_field (writer, _("Business objectives"),
                    moat_document_get_text (document, "business-objectives"));
  write_text_field (writer, _("Security objectives"),
                    moat_document_get_text (document, "security-objectives"));
  write_list_field (writer, _("Compliance"), moat_document_get_compliance (document));
  write_text_field (writer, _("Risk appetite"),
                    moat_document_get_text (document, "risk-appetite"));
  write_text_field (writer, _("Technical scope"),
                    moat_document_get_text (document, "technical-scope"));

  g_string_append_c (writer->out, '\n');
}

static const char *
get_element_name (MoatElement *element)
{
  return element != NULL ? moat_item_get_name (MOAT_ITEM (element)) : NULL;
}

/* Describes one STRIDE category of a flow for its table cell: the review
 * state, the reason when not applicable, and the threats this document
 * lists for it. */
static char *
dup_review_cell (Writer             *writer,
                 MoatFlow           *flow,
                 MoatStrideCategory  category)
{
  MoatReviewState state = moat_flow_get_review_state (flow, category);
  const char *reason = moat_flow_get_review_reason (flow, category);
  GString *cell = g_string_new (NULL);

  switch (state)
    {
    case MOAT_REVIEW_NOT_REVIEWED:
      g_string_append (cell, _("Not reviewed"));
      break;

    case MOAT_REVIEW_NOT_APPLICABLE:
      /* Translators: short for "not applicable" in a table cell. */
      g_string_append (cell, _("N/A"));
      if (!is_blank (reason))
        g_string_append_printf (cell, ": %s", reason);
      break;

    case MOAT_REVIEW_THREATS_RECORDED:
      {
        guint n_listed = 0;

        g_string_append (cell, _("Threats"));

        for (guint i = 0; i < writer->threats->len; i++)
          {
            MoatThreat *threat = g_ptr_array_index (writer->threats, i);
            g_autofree char *reference = NULL;

            if (moat_threat_get_category (threat) != category ||
                g_strcmp0 (moat_threat_get_target_id (threat),
                           moat_item_get_id (MOAT_ITEM (flow))) != 0)
              continue;

            reference = moat_threat_dup_reference (threat);
            g_string_append (cell, n_listed == 0 ? ": " : ", ");
            g_string_append (cell, reference);
            n_listed++;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return g_string_free (cell, FALSE);
}

static void
write_flow_row (Writer   *writer,
                MoatFlow *flow)
{
  MoatElement *source = moat_document_get_flow_source (writer->document, flow);
  MoatElement *target = moat_document_get_flow_target (writer->document, flow);
  g_autofree char *reviews[MOAT_N_STRIDE_CATEGORIES] = { NULL, };
  const char *cells[4 + MOAT_N_STRIDE_CATEGORIES];

  cells[0] = moat_item_get_name (MOAT_ITEM (flow));
  cells[1] = get_element_name (source);
  cells[2] = get_element_name (target);
  cells[3] = moat_flow_get_protocol (flow);

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    {
      reviews[i] = dup_review_cell (writer, flow, (MoatStrideCategory)i);
      cells[4 + i] = reviews[i];
    }

  write_table_row (writer, cells, G_N_ELEMENTS (cells));

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    g_clear_pointer (&reviews[i], g_free);
}

static void
write_flow_table (Writer      *writer,
                  MoatDiagram *diagram)
{
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  const char *header[4 + MOAT_N_STRIDE_CATEGORIES] = {
    _("Flow"), _("From"), _("To"), _("Protocol"),
  };
  guint n_rows = 0;

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    header[4 + i] = moat_stride_category_to_label ((MoatStrideCategory)i);

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (!writer->options->include_out_of_scope && is_flow_out_of_scope (writer, flow))
        continue;

      if (n_rows == 0)
        write_table_header (writer, header, G_N_ELEMENTS (header), G_N_ELEMENTS (header));

      write_flow_row (writer, flow);
      n_rows++;
    }

  if (n_rows == 0)
    write_paragraph (writer, _("This diagram has no data flows."));
  else
    g_string_append_c (writer->out, '\n');
}

static void
write_flows (Writer *writer)
{
  write_heading (writer, 2, _("Data flows"));

  for (guint i = 0; i < writer->diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (writer->diagrams, i);

      /* A model may have several diagrams, such as one per level of
       * detail, and each gets its own table. */
      if (writer->diagrams->len > 1)
        {
          const char *name = moat_diagram_get_name (diagram);

          write_heading (writer, 3, is_blank (name) ? _("Untitled diagram") : name);
        }

      write_flow_table (writer, diagram);
    }
}

/* Names what a threat applies to: "Source → Target: label" for a flow, or
 * the element's name. */
static char *
dup_component (Writer     *writer,
               MoatThreat *threat)
{
  gpointer target = moat_document_lookup (writer->document, moat_threat_get_target_id (threat));
  GString *text = g_string_new (NULL);

  if (MOAT_IS_FLOW (target))
    {
      MoatFlow *flow = target;
      MoatElement *source = moat_document_get_flow_source (writer->document, flow);
      MoatElement *flow_target = moat_document_get_flow_target (writer->document, flow);
      const char *label = moat_item_get_name (MOAT_ITEM (flow));

      moat_markdown_append_text (text, get_element_name (source));
      g_string_append (text, moat_flow_get_bidirectional (flow) ? " ↔ " : " → ");
      moat_markdown_append_text (text, get_element_name (flow_target));

      if (!is_blank (label))
        {
          g_string_append (text, ": ");
          moat_markdown_append_text (text, label);
        }
    }
  else if (MOAT_IS_ELEMENT (target))
    {
      MoatElement *element = target;

      moat_markdown_append_text (text, moat_item_get_name (MOAT_ITEM (element)));
      g_string_append (text, " (");
      moat_markdown_append_text (text, moat_element_kind_to_label (moat_element_get_kind (element)));
      g_string_append_c (text, ')');
    }
  else
    g_string_append (text, EMPTY_TEXT);

  return g_string_free (text, FALSE);
}

static void
write_impact_field (Writer     *writer,
                    MoatThreat *threat)
{
  g_autofree char *impact = NULL;

  /* Translators: the three parts of a threat's impact and their levels,
   * such as "Confidentiality HIGH, integrity LOW, availability LOW". */
  impact = g_strdup_printf (_("Confidentiality %s, integrity %s, availability %s"),
                            moat_level_to_label (moat_threat_get_impact_confidentiality (threat)),
                            moat_level_to_label (moat_threat_get_impact_integrity (threat)),
                            moat_level_to_label (moat_threat_get_impact_availability (threat)));

  write_text_field (writer, _("Impact"), impact);
}

static void
write_checklist (Writer              *writer,
                 const char          *label,
                 const MoatChecklist *checklist)
{
  guint n_items = checklist != NULL ? moat_checklist_get_n_items (checklist) : 0;

  g_string_append (writer->out, "**");
  moat_markdown_append_text (writer->out, label);
  g_string_append (writer->out, "**\n\n");

  if (n_items == 0)
    {
      g_string_append (writer->out, EMPTY_TEXT "\n\n");
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_string_append (writer->out, moat_checklist_get_done (checklist, i) ? "- [x] " : "- [ ] ");
      moat_markdown_append_text (writer->out, moat_checklist_get_text (checklist, i));
      g_string_append_c (writer->out, '\n');
    }

  g_string_append_c (writer->out, '\n');
}

static void
write_threat (Writer     *writer,
              MoatThreat *threat)
{
  g_autofree char *reference = moat_threat_dup_reference (threat);
  g_autofree char *component = dup_component (writer, threat);

  /* The reference is generated, so only the title needs escaping. */
  g_string_append_printf (writer->out, "### %s: ", reference);
  moat_markdown_append_text (writer->out, moat_threat_get_title (threat));
  g_string_append (writer->out, "\n\n");

  write_text_field (writer, _("Category"),
                    moat_stride_category_to_label (moat_threat_get_category (threat)));

  /* The component text is already Markdown, built from escaped parts. */
  begin_field (writer, _("Component"));
  g_string_append (writer->out, component);
  g_string_append_c (writer->out, '\n');

  write_text_field (writer, _("Attack vector"), moat_threat_get_attack_vector (threat));
  write_text_field (writer, _("Prerequisites"), moat_threat_get_prerequisites (threat));
  write_impact_field (writer, threat);
  write_text_field (writer, _("Business impact"), moat_threat_get_business_impact (threat));
  write_text_field (writer, _("Probability"),
                    moat_level_to_label (moat_threat_get_probability (threat)));
  write_text_field (writer, _("Severity"),
                    moat_severity_to_label (moat_threat_get_severity (threat)));
  write_text_field (writer, _("Evidence and detection"), moat_threat_get_evidence (threat));
  write_text_field (writer, _("Status"),
                    moat_threat_status_to_label (moat_threat_get_status (threat)));
  write_text_field (writer, _("Owner"), moat_threat_get_owner (threat));
  write_text_field (writer, _("Due date"), moat_threat_get_due_date (threat));
  g_string_append_c (writer->out, '\n');

  write_checklist (writer, _("Short-term mitigation"), moat_threat_get_short_term (threat));
  write_checklist (writer, _("Long-term mitigation"), moat_threat_get_long_term (threat));
  write_checklist (writer, _("Monitoring"), moat_threat_get_monitoring (threat));
}

static void
write_threats (Writer *writer)
{
  write_heading (writer, 2, _("Threats"));

  if (writer->threats->len == 0)
    {
      if (moat_document_get_threats (writer->document)->len == 0)
        write_paragraph (writer, _("No threats are recorded."));
      else
        write_paragraph (writer, _("No threats match the export options."));
      return;
    }

  for (guint i = 0; i < writer->threats->len; i++)
    write_threat (writer, g_ptr_array_index (writer->threats, i));
}

static void
write_count_row (Writer     *writer,
                 const char *label,
                 guint       count)
{
  g_autofree char *number = g_strdup_printf ("%u", count);
  const char *cells[] = { label, number };

  write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

static void
write_summary (Writer *writer)
{
  guint by_severity[MOAT_SEVERITY_CRITICAL + 1] = { 0, };
  guint by_status[MOAT_THREAT_STATUS_TRANSFERRED + 1] = { 0, };
  const char *severity_header[] = { _("Severity"), _("Threats") };
  const char *status_header[] = { _("Status"), _("Threats") };
  g_autofree char *total = NULL;

  for (guint i = 0; i < writer->threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (writer->threats, i);

      by_severity[moat_threat_get_severity (threat)]++;
      by_status[moat_threat_get_status (threat)]++;
    }

  write_heading (writer, 2, _("Summary"));

  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "This document lists %u threat.",
                                        "This document lists %u threats.",
                                        writer->threats->len),
                           writer->threats->len);
  write_paragraph (writer, total);

  /* Most severe first, and "not scored" last. */
  write_table_header (writer, severity_header, G_N_ELEMENTS (severity_header), 1);
  for (int severity = MOAT_SEVERITY_CRITICAL; severity > MOAT_SEVERITY_UNSET; severity--)
    write_count_row (writer, moat_severity_to_label (severity), by_severity[severity]);
  write_count_row (writer, moat_severity_to_label (MOAT_SEVERITY_UNSET),
                   by_severity[MOAT_SEVERITY_UNSET]);
  g_string_append_c (writer->out, '\n');

  write_table_header (writer, status_header, G_N_ELEMENTS (status_header), 1);
  for (int status = MOAT_THREAT_STATUS_OPEN; status <= MOAT_THREAT_STATUS_TRANSFERRED; status++)
    write_count_row (writer, moat_threat_status_to_label (status), by_status[status]);
}

/**
 * moat_markdown_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets @options to the defaults: every threat of every diagram, numbered
 * order, today's date.
 */
void
moat_markdown_options_init (MoatMarkdownOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (MoatMarkdownOptions) {
    .include_mitigated = TRUE,
    .include_accepted = TRUE,
    .include_transferred = TRUE,
    .include_out_of_scope = TRUE,
    .sort = MOAT_MARKDOWN_SORT_BY_NUMBER,
    .diagram_id = NULL,
    .date = NULL,
  };
}

/**
 * moat_markdown_export:
 * @document: the model
 * @options: (nullable): what to include, or %NULL for the defaults of
 *   moat_markdown_options_init()
 * @error: where to report an option that does not match the model
 *
 * Writes the review document of @document: title and metadata, objectives
 * and scope, a STRIDE review table of the data flows, one section per
 * threat with its mitigation task lists, and counts by severity and status.
 *
 * Returns: (transfer full): the Markdown text, or %NULL with @error set
 */
char *
moat_markdown_export (MoatDocument               *document,
                      const MoatMarkdownOptions  *options,
                      GError                    **error)
{
  MoatMarkdownOptions defaults;
  g_autoptr(GPtrArray) diagrams = g_ptr_array_new ();
  g_autoptr(GPtrArray) threats = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  Writer writer = { document, options, out, diagrams, threats };

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      moat_markdown_options_init (&defaults);
      writer.options = &defaults;
    }

  if (!select_diagrams (&writer, error))
    return NULL;

  select_threats (&writer);

  write_header (&writer);
  write_exclusions (&writer);
  write_objectives (&writer);
  write_flows (&writer);
  write_threats (&writer);
  write_summary (&writer);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
