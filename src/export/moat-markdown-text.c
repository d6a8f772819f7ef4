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
needs_escape (gunichar c)
{
  /* strchr() also matches the terminating NUL and compares only the low
   * byte of its argument, so NUL and non-ASCII characters return early. */
  if (c == 0 || c >= 0x80)
    return FALSE;

  return strchr (escaped_punctuation, (int)c) != NULL;
}

/* The bytes that end a run of bytes copied as they are: separators, the
 * characters that get an entity or a backslash, as get_entity() and
 * escaped_punctuation list them, and 0xC2, which starts the C1 controls
 * U+0080 to U+009F. The other bytes of characters other than ASCII are
 * copied, because the text is valid UTF-8 by then. A list marker at the
 * start of the text is escaped before the runs begin. */
static const guint8 ends_run[256] = {
  [0x00 ... 0x20] = TRUE, [0x7f] = TRUE,
  ['<'] = TRUE, ['>'] = TRUE, ['&'] = TRUE,
  ['\\'] = TRUE, ['`'] = TRUE, ['*'] = TRUE, ['_'] = TRUE, ['['] = TRUE, [']'] = TRUE,
  ['#'] = TRUE, ['|'] = TRUE, ['~'] = TRUE, ['$'] = TRUE,
  [0xc2] = TRUE,
};

/* Returns whether @text, @length bytes without a NUL, is valid UTF-8,
 * as g_utf8_validate() would. Text in a model is usually ASCII, which is
 * checked eight bytes at a time. Each other character is checked by
 * GLib on its own, which is the same as checking the whole text, because
 * every character of valid UTF-8 starts where the one before it ends. */
static gboolean
is_valid_utf8 (const char *text,
               gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      guint64 block;
      gsize char_length;

      if (length - i >= sizeof block)
        {
          memcpy (&block, text + i, sizeof block);
          if ((block & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += sizeof block;
              continue;
            }
        }

      if ((guchar)text[i] < 0x80)
        {
          i++;
          continue;
        }

      /* The first byte gives the length of a valid character, and
       * g_utf8_validate_len() rejects the others. */
      char_length = g_utf8_skip[(guchar)text[i]];
      if (char_length > length - i || !g_utf8_validate_len (text + i, char_length, NULL))
        return FALSE;

      i += char_length;
    }

  return TRUE;
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
  gsize length;
  const char *start;
  const char *end;
  const char *list_delimiter;
  const char *run;
  const char *p;

  g_return_if_fail (out != NULL);

  /* Most text is valid UTF-8, so only invalid text is copied to repair it. */
  length = strlen (valid);
  if (!is_valid_utf8 (valid, length))
    {
      valid = repaired = g_utf8_make_valid (valid, -1);
      length = strlen (valid);
    }

  end = valid + length;
  start = skip_separators (valid);

  if (start == end)
    {
      moat_markdown_append_literal (out, MOAT_MARKDOWN_EMPTY_TEXT);
      return;
    }

  run = start;
  p = start;

  /* A list or heading marker only acts at the start of a line. */
  list_delimiter = find_list_delimiter (start);
  if (list_delimiter != NULL)
    {
      moat_markdown_append_len (out, start, list_delimiter - start);
      g_string_append_c (out, '\\');
      run = list_delimiter;
      p = list_delimiter + 1;
    }
  else if (strchr (leading_markers, *start) != NULL)
    {
      /* The marker itself is the first byte of the run. */
      g_string_append_c (out, '\\');
      p = start + 1;
    }

  /* Characters that stay as they are, most of any text, are copied in
   * runs that end before a separator or a character to escape. */
  for (;;)
    {
      gunichar c;
      const char *next;
      const char *entity;

      /* The terminating NUL ends every run, so this loop needs no other
       * bound. */
      while (!ends_run[(guchar)*p])
        p++;

      if (p == end)
        break;

      /* A single space before a copied byte stays as it is too, so that
       * a run spans several words. */
      if (p[0] == ' ' && !ends_run[(guchar)p[1]])
        {
          p += 2;
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);

      if (is_separator (c))
        {
          /* Separators in a row become one space, or nothing at the end. */
          moat_markdown_append_len (out, run, p - run);
          next = skip_separators (next);
          if (next < end)
            g_string_append_c (out, ' ');
          run = next;
        }
      else if ((entity = get_entity (c)) != NULL)
        {
          moat_markdown_append_len (out, run, p - run);
          moat_markdown_append_len (out, entity, strlen (entity));
          run = next;
        }
      else if (needs_escape (c))
        {
          /* The run goes on from the escaped character itself. */
          moat_markdown_append_len (out, run, p - run);
          g_string_append_c (out, '\\');
          run = p;
        }

      p = next;
    }

  moat_markdown_append_len (out, run, end - run);
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
      moat_markdown_append_literal (out, MOAT_MARKDOWN_EMPTY_TEXT);
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
          moat_markdown_append_literal (out, "\\\n");
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
  moat_markdown_append_literal (writer->out, "\n\n");
}

void
moat_markdown_write_paragraph (MoatMarkdownWriter *writer,
                               const char         *text)
{
  moat_markdown_append_text (writer->out, text);
  moat_markdown_append_literal (writer->out, "\n\n");
}

/* Writes "- **Label:** " for one field of a list. */
void
moat_markdown_begin_field (MoatMarkdownWriter *writer,
                           const char         *label)
{
  moat_markdown_append_literal (writer->out, "- **");
  moat_markdown_append_text (writer->out, label);
  moat_markdown_append_literal (writer->out, ":** ");
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
    moat_markdown_append_literal (writer->out, MOAT_MARKDOWN_EMPTY_TEXT);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        moat_markdown_append_literal (writer->out, ", ");
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
      moat_markdown_append_literal (writer->out, " |");
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
