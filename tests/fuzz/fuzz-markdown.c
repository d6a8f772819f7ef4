/* fuzz-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "fuzz-common.h"
#include "moat-export-options.h"
#include "moat-format.h"
#include "moat-markdown.h"

/* The Markdown review document of a fuzzed .moat model, parsed again by
 * cmark-gfm with the GitHub extensions that the review document is
 * written for. Text from the model must stay text: the output has no raw
 * HTML, no link and no image (none are requested), one level-1 heading
 * with the model's title, and one "THREAT-NNN: title" heading per
 * exported threat, each title exactly as the model has it after the
 * documented normalisation of white space. */

#define EXPORT_DATE "2026-01-01"

G_GNUC_PRINTF (2, 3) G_GNUC_NORETURN
static void
fail (const char *markdown,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fprintf (stderr, "\n--- the Markdown ---\n%s\n", markdown);
  abort ();
}

/* What moat_markdown_append_text() promises to show for @text: line
 * breaks, tabs and other control characters collapse into one space,
 * leading and trailing space is dropped, and blank text is an em dash. */
static char *
dup_shown_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) shown = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || g_unichar_iscntrl (c))
        {
          pending_space = shown->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (shown, ' ');
      pending_space = FALSE;
      g_string_append_unichar (shown, c);
    }

  if (shown->len == 0)
    g_string_append (shown, "—");

  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* A title of only ASCII white space and control characters gives the
 * heading "Threat model". */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && !g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

/* Appends the text a reader sees in @node and its children. */
static void
append_node_text (GString    *out,
                  cmark_node *node)
{
  /* cmark_node_type has values for extensions, so a switch would have to
   * list dozens that do not matter here. */
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
    {
      g_string_append (out, cmark_node_get_literal (node));
    }
  else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
    {
      g_string_append_c (out, ' ');
    }
  else
    {
      for (cmark_node *child = cmark_node_first_child (node); child != NULL;
           child = cmark_node_next (child))
        append_node_text (out, child);
    }
}

static char *
dup_node_text (cmark_node *node)
{
  GString *out = g_string_new (NULL);

  append_node_text (out, node);

  return g_string_free (out, FALSE);
}

static cmark_node *
parse_markdown (const char *markdown)
{
  static const char * const extensions[] = { "table", "strikethrough", "tasklist" };
  cmark_parser *parser;
  cmark_node *root;

  cmark_gfm_core_extensions_ensure_registered ();
  parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (extensions[i]));

  cmark_parser_feed (parser, markdown, strlen (markdown));
  root = cmark_parser_finish (parser);
  cmark_parser_free (parser);

  return root;
}

/* Checks every node, and collects the texts of the level-1 headings and
 * of the level-3 headings that name a threat. */
static void
check_nodes (const char *markdown,
             cmark_node *root,
             GPtrArray  *titles,
             GPtrArray  *threat_headings)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      char *text;

      if (event != CMARK_EVENT_ENTER)
        continue;

      if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE)
        fail (markdown, "raw HTML in the output: %s", cmark_node_get_literal (node));

      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        fail (markdown, "a link or image to “%s” in the output", cmark_node_get_url (node));

      if (type != CMARK_NODE_HEADING)
        continue;

      text = dup_node_text (node);
      if (cmark_node_get_heading_level (node) == 1)
        g_ptr_array_add (titles, text);
      else if (cmark_node_get_heading_level (node) == 3 && g_str_has_prefix (text, "THREAT-"))
        g_ptr_array_add (threat_headings, text);
      else
        g_free (text);
    }

  cmark_iter_free (iter);
}

static void
check_review_document (MoatDocument            *document,
                       const MoatExportOptions *options,
                       const char              *markdown)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatExportSelection) selection = moat_export_selection_new (document, options, &error);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) threat_headings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_title = NULL;
  const char *title = moat_document_get_title (document);
  cmark_node *root;

  if (selection == NULL)
    fail (markdown, "the export selection failed: %s", error->message);

  if (!g_utf8_validate (markdown, -1, NULL))
    fail (markdown, "the output is not valid UTF-8");

  root = parse_markdown (markdown);
  check_nodes (markdown, root, titles, threat_headings);
  cmark_node_free (root);

  expected_title = is_blank (title) ? g_strdup ("Threat model") : dup_shown_text (title);
  if (titles->len != 1)
    fail (markdown, "%u level-1 headings instead of 1", titles->len);
  if (!g_str_equal (g_ptr_array_index (titles, 0), expected_title))
    fail (markdown, "the title heading is “%s”, expected “%s”",
          (char *)g_ptr_array_index (titles, 0), expected_title);

  if (threat_headings->len != selection->threats->len)
    fail (markdown, "%u threat headings for %u exported threats", threat_headings->len,
          selection->threats->len);

  for (guint i = 0; i < selection->threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (selection->threats, i);
      g_autofree char *reference = moat_threat_dup_reference (threat);
      g_autofree char *shown = dup_shown_text (moat_threat_get_title (threat));
      g_autofree char *expected = g_strdup_printf ("%s: %s", reference, shown);

      if (!g_str_equal (g_ptr_array_index (threat_headings, i), expected))
        fail (markdown, "threat heading “%s”, expected “%s”",
              (char *)g_ptr_array_index (threat_headings, i), expected);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autofree char *markdown = NULL;
  MoatExportOptions options;

  fuzz_init ();

  document = moat_format_load_bytes (bytes, FUZZ_DISPLAY_NAME, &error);
  if (document == NULL)
    return 0;

  moat_export_options_init (&options);
  options.date = EXPORT_DATE;
  markdown = moat_markdown_export (document, &options, NULL, NULL, &error);
  if (markdown == NULL)
    {
      fprintf (stderr, "the export of a valid model failed: %s\n", error->message);
      abort ();
    }

  check_review_document (document, &options, markdown);

  return 0;
}
