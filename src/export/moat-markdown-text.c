/* moat-markdown-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <string.h>

#include "moat-markdown-private.h"

/* Escaping of model text, and the blocks of the review document: headings,
 * paragraphs, fields and tables. Every string that comes from the model
 * goes through moat_markdown_append_text(), so text in a model can never
 * become Markdown structure or raw HTML in the output. */

/* ASCII punctuation with a meaning anywhere in a line: emphasis, code
 * spans, links, headings, table cells, strikethrough and GitHub's math.
 * Other punctuation, such as "(" or "!", only acts after one of these or at
 * the start of a line. */
static const char escaped_punctuation[] = "\\`*_[]#|~$";

/* Characters that start a list or a setext heading underline when they
 * begin a line. */
static const char leading_markers[] = "-+=";

gboolean
moat_markdown_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && !g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

/* Line breaks, tabs and control characters separate words but mean
 * nothing else inside one line of Markdown. The ASCII controls are
 * U+0000 to U+001F and U+007F, the same as g_unichar_iscntrl() returns,
 * tested inline because most text is ASCII. */
static gboolean
is_separator (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c < 0x20 || c == 0x7f;

  return g_unichar_iscntrl (c);
}

static const char *
skip_separators (const char *text)
{
  while (*text != '\0' && is_separator (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  return text;
}

/* Returns the entity that stands for @c, so that no raw HTML reaches the
 * output, or %NULL if @c needs none. */
static const char *
get_entity (gunichar c)
{
  switch (c)
    {
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '&':
      return "&amp;";
    default:
      return NULL;
    }
}

/* Finds the "." or ")" after leading digits that would make the text an
 * ordered list item at the start of a line: one followed by a space, a
 * separator or the end, such as "1. " or "12)". A version such as "1.2"
 * starts no list. */
static const char *
find_list_delimiter (const char *text)
{
  const char *p = text;

  while (g_ascii_isdigit (*p))
    p++;

  if (p == text || (*p != '.' && *p != ')'))
    return NULL;

  if (p[1] != '\0' && !is_separator (g_utf8_get_char (p + 1)))
    return NULL;

  return p;
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

/* The ASCII bytes that end a run of bytes copied as they are: separators,
 * the characters that get an entity or a backslash, as get_entity() and
 * escaped_punctuation list them, and "." and ")", which can end a list
 * marker. */
static const guint8 ends_run[128] = {
  [0x00 ... 0x20] = TRUE, [0x7f] = TRUE,
  ['<'] = TRUE, ['>'] = TRUE, ['&'] = TRUE,
  ['\\'] = TRUE, ['`'] = TRUE, ['*'] = TRUE, ['_'] = TRUE, ['['] = TRUE, [']'] = TRUE,
  ['#'] = TRUE, ['|'] = TRUE, ['~'] = TRUE, ['$'] = TRUE,
  ['.'] = TRUE, [')'] = TRUE,
};

/* Returns whether @byte is copied as it is after the first character of
 * a text, without decoding its character. Bytes of characters other than
 * ASCII are copied too, except 0xC2, which starts the C1 controls U+0080
 * to U+009F. */
static inline gboolean
is_copied_byte (guchar byte)
{
  if (byte >= 0x80)
    return byte != 0xC2;

  return !ends_run[byte];
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
  g_autofree char *repaired = NULL;
  const char *valid = text != NULL ? text : "";
  const char *start;
  const char *list_delimiter;
  const char *run;
  const char *next;
  const char *p;

  g_return_if_fail (out != NULL);

  /* Most text is valid UTF-8, so only invalid text is copied to repair it. */
  if (!g_utf8_validate (valid, -1, NULL))
    valid = repaired = g_utf8_make_valid (valid, -1);

  start = skip_separators (valid);
  list_delimiter = find_list_delimiter (start);

  if (*start == '\0')
    {
      g_string_append (out, MOAT_MARKDOWN_EMPTY_TEXT);
      return;
    }

  /* Characters that stay as they are, most of any text, are copied in
   * runs that end before a separator or a character to escape. */
  run = start;
  for (p = start; *p != '\0'; p = next)
    {
      gunichar c;
      const char *entity;

      /* The first character can also be a list or heading marker. A
       * single space before a copied byte stays as it is too, so that a
       * run spans several words. */
      if (p != start &&
          (is_copied_byte ((guchar)p[0]) || (p[0] == ' ' && is_copied_byte ((guchar)p[1]))))
        {
          next = p + 1;
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);

      if (is_separator (c))
        {
          /* Separators in a row become one space, or nothing at the end. */
          g_string_append_len (out, run, p - run);
          next = skip_separators (next);
          if (*next != '\0')
            g_string_append_c (out, ' ');
          run = next;
        }
      else if ((entity = get_entity (c)) != NULL)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, entity);
          run = next;
        }
      else if (needs_escape (c, p == start) || p == list_delimiter)
        {
          /* The run goes on from the escaped character itself. */
          g_string_append_len (out, run, p - run);
          g_string_append_c (out, '\\');
          run = p;
        }
    }

  g_string_append_len (out, run, p - run);
}

/* Appends text that may span several lines. Each non-empty line is escaped
 * on its own, and lines are joined by hard line breaks indented by @indent,
 * so that they stay inside the surrounding list item. */
void
moat_markdown_append_multiline (GString    *out,
                                const char *text,
                                const char *indent)
{
  g_auto(GStrv) lines = NULL;
  gboolean first = TRUE;

  if (moat_markdown_is_blank (text))
    {
      g_string_append (out, MOAT_MARKDOWN_EMPTY_TEXT);
      return;
    }

  /* Most text is one line, which needs no copy to split. */
  if (strpbrk (text, "\r\n") == NULL)
    {
      moat_markdown_append_text (out, text);
      return;
    }

  lines = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (moat_markdown_is_blank (lines[i]))
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

void
moat_markdown_write_heading (MoatMarkdownWriter *writer,
                             guint               level,
                             const char         *text)
{
  for (guint i = 0; i < level; i++)
    g_string_append_c (writer->out, '#');
  g_string_append_c (writer->out, ' ');
  moat_markdown_append_text (writer->out, text);
  g_string_append (writer->out, "\n\n");
}

void
moat_markdown_write_paragraph (MoatMarkdownWriter *writer,
                               const char         *text)
{
  moat_markdown_append_text (writer->out, text);
  g_string_append (writer->out, "\n\n");
}

/* Writes "- **Label:** " for one field of a list. */
void
moat_markdown_begin_field (MoatMarkdownWriter *writer,
                           const char         *label)
{
  g_string_append (writer->out, "- **");
  moat_markdown_append_text (writer->out, label);
  g_string_append (writer->out, ":** ");
}

void
moat_markdown_write_text_field (MoatMarkdownWriter *writer,
                                const char         *label,
                                const char         *text)
{
  moat_markdown_begin_field (writer, label);
  moat_markdown_append_multiline (writer->out, text, "  ");
  g_string_append_c (writer->out, '\n');
}

void
moat_markdown_write_list_field (MoatMarkdownWriter *writer,
                                const char         *label,
                                const char * const *values)
{
  moat_markdown_begin_field (writer, label);

  if (values == NULL || values[0] == NULL)
    g_string_append (writer->out, MOAT_MARKDOWN_EMPTY_TEXT);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (writer->out, ", ");
      moat_markdown_append_text (writer->out, values[i]);
    }

  g_string_append_c (writer->out, '\n');
}

/* Writes one table row. Each cell is escaped text, so a pipe or a line
 * break in a name cannot add a column or end the row. */
void
moat_markdown_write_table_row (MoatMarkdownWriter *writer,
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

/* Writes the header row and the delimiter row; columns from
 * @first_numeric on are right-aligned. */
void
moat_markdown_write_table_header (MoatMarkdownWriter *writer,
                                  const char * const *cells,
                                  guint               n_cells,
                                  guint               first_numeric)
{
  moat_markdown_write_table_row (writer, cells, n_cells);

  g_string_append_c (writer->out, '|');
  for (guint i = 0; i < n_cells; i++)
    g_string_append (writer->out, i >= first_numeric ? " ---: |" : " --- |");
  g_string_append_c (writer->out, '\n');
}
