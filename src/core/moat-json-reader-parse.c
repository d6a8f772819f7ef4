/* moat-json-reader-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-json-reader-private.h"

/* The grammar of MoatJsonReader: one pass over the bytes that checks RFC
 * 8259 and the input limits, and the decoding of strings. */

/* Objects with more members than this get a hash table of their decoded
 * names, so that an object with a million keys is not checked for
 * duplicates in quadratic time. A .moat element has at most 27 keys. */
#define NAMES_BEFORE_HASH 32

/* Keys and numbers are cut to this many characters in messages, and a
 * path deeper than twice MAX_SHOWN_LEVELS shows only its two ends. */
#define MAX_SHOWN_TEXT 40
#define MAX_SHOWN_LEVELS 8

static guint
hex_value (guchar c)
{
  return g_ascii_xdigit_value (c);
}

static gboolean
is_hex4 (const guchar *text)
{
  return g_ascii_isxdigit (text[0]) && g_ascii_isxdigit (text[1]) &&
         g_ascii_isxdigit (text[2]) && g_ascii_isxdigit (text[3]);
}

static gunichar
parse_hex4 (const guchar *text)
{
  return (hex_value (text[0]) << 12) | (hex_value (text[1]) << 8) |
         (hex_value (text[2]) << 4) | hex_value (text[3]);
}

/* Appends the decoded text of a string that parse_string() accepted, so
 * every escape in it is complete and valid. */
void
moat_json_reader_append_decoded (MoatJsonReader      *self,
                                 const MoatJsonValue *value,
                                 GString             *out)
{
  const guchar *text = self->data + value->data.offset;
  const guchar *end = text + value->length;

  if (!value->escaped)
    {
      g_string_append_len (out, (const char *)text, value->length);
      return;
    }

  while (text < end)
    {
      const guchar *backslash = memchr (text, '\\', end - text);
      gunichar character;

      if (backslash == NULL)
        {
          g_string_append_len (out, (const char *)text, end - text);
          break;
        }

      g_string_append_len (out, (const char *)text, backslash - text);
      text = backslash + 2;
      switch (backslash[1])
        {
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          character = parse_hex4 (text);
          text += 4;
          if (character >= 0xd800 && character <= 0xdbff)
            {
              character = 0x10000 + ((character - 0xd800) << 10) + (parse_hex4 (text + 2) - 0xdc00);
              text += 6;
            }
          g_string_append_unichar (out, character);
          break;
        default:
          g_string_append_c (out, backslash[1]);
          break;
        }
    }
}

static void
append_shown_name (MoatJsonReader      *self,
                   GString             *path,
                   const MoatJsonValue *name)
{
  g_string_truncate (self->scratch, 0);
  moat_json_reader_append_decoded (self, name, self->scratch);
  moat_json_append_path_key (path, self->scratch->str);
}

/* Returns the JSON path of the value being read, such as
 * $.diagrams[0].elements[3].name. */
static char *
dup_path (MoatJsonReader *self)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < self->depth; i++)
    {
      const Frame *frame = &self->frames[i];

      if (self->depth > 2 * MAX_SHOWN_LEVELS && i == MAX_SHOWN_LEVELS)
        {
          g_string_append (path, "…");
          i = self->depth - MAX_SHOWN_LEVELS - 1;
          continue;
        }

      if (!frame->is_object)
        g_string_append_printf (path, "[%u]", frame->n_children);
      else if (frame->name >= 0)
        append_shown_name (self, path, &self->stack[frame->name]);
    }

  return g_string_free (path, FALSE);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at_path (MoatJsonReader      *self,
              GError             **error,
              MoatJsonInputError   code,
              const char          *format,
              ...)
{
  g_autofree char *path = dup_path (self);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, MOAT_JSON_INPUT_ERROR, code, "%s: %s", path, message);

  return FALSE;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at_offset (MoatJsonReader      *self,
                gsize                offset,
                GError             **error,
                const char          *format,
                ...)
{
  g_autofree char *location = moat_json_dup_location ((const char *)self->data, offset);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_SYNTAX,
               "%s: %s", location, message);

  return FALSE;
}

/* Describes what the file has at @offset for a syntax error: a quoted
 * character, a code point for an invisible one, or the end of the file. */
static char *
dup_found (MoatJsonReader *self,
           gsize           offset)
{
  const char *text = (const char *)self->data + offset;

  if (offset >= self->size)
    return g_strdup (_("the end of the file"));

  if (self->data[offset] < 0x20 || self->data[offset] == 0x7f ||
      g_utf8_get_char_validated (text, MIN (self->size - offset, 4)) >= 0x110000)
    return g_strdup_printf ("U+%04X", self->data[offset]);

  return g_strdup_printf ("“%.*s”", (int)(g_utf8_next_char (text) - text), text);
}

/* Returns the end of the word or number token that starts at @offset,
 * for quoting it in a message. */
static gsize
find_token_end (MoatJsonReader *self,
                gsize           offset)
{
  gsize end = offset;

  while (end < self->size && end - offset < MAX_SHOWN_TEXT &&
         (g_ascii_isalnum (self->data[end]) || strchr ("+-.", self->data[end]) != NULL))
    end++;

  return end;
}

static void
skip_space (MoatJsonReader *self)
{
  const guchar *data = self->data;
  gsize position = self->position;

  while (position < self->size &&
         (data[position] == ' ' || data[position] == '\n' || data[position] == '\r' ||
          data[position] == '\t'))
    position++;

  self->position = position;
}

static MoatJsonValue *
push_value (MoatJsonReader *self)
{
  if (self->stack_length == self->stack_allocated)
    {
      self->stack_allocated = MAX (256, self->stack_allocated * 2);
      self->stack = g_renew (MoatJsonValue, self->stack, self->stack_allocated);
    }

  return &self->stack[self->stack_length++];
}

/* Reads the \u escape at @offset into @character, joining a surrogate
 * pair, and its length in the file into @escape_length. */
static gboolean
parse_unicode_escape (MoatJsonReader  *self,
                      gsize            offset,
                      gboolean         is_name,
                      gunichar        *character,
                      gsize           *escape_length,
                      GError         **error)
{
  const guchar *text = self->data + offset;
  gsize left = self->size - offset;
  gunichar low;

  if (left < 6 || !is_hex4 (text + 2))
    return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                         _("the escape \\u is not followed by four hexadecimal "
                           "digits; write a character as \\u and four digits, such "
                           "as \\u00e9"));

  *character = parse_hex4 (text + 2);
  *escape_length = 6;

  if (*character == 0)
    return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                         is_name
                         ? _("a key contains the escape \\u0000, a NUL character, "
                             "which would cut it short; remove it")
                         : _("the text contains the escape \\u0000, a NUL character, "
                             "which would cut it short; remove it"));

  if (*character >= 0xd800 && *character <= 0xdbff && left >= 12 && text[6] == '\\' &&
      text[7] == 'u' && is_hex4 (text + 8))
    {
      low = parse_hex4 (text + 8);
      if (low >= 0xdc00 && low <= 0xdfff)
        {
          *character = 0x10000 + ((*character - 0xd800) << 10) + (low - 0xdc00);
          *escape_length = 12;
        }
    }

  if (*character >= 0xd800 && *character <= 0xdfff)
    return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                         _("the escape \\u%04X is half of a UTF-16 surrogate pair, "
                           "not a character; remove it or complete the pair"),
                         *character);

  return TRUE;
}

/* Stops the parse at a byte that is not UTF-8, or a NUL byte, at
 * @offset. moat_json_reader_parse() then reports the first such byte of
 * the file in the words of moat_json_check_encoding(). */
static gboolean
fail_encoding (MoatJsonReader  *self,
               gsize            offset,
               GError         **error)
{
  g_autofree char *location = moat_json_dup_location ((const char *)self->data, offset);

  g_set_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_ENCODING,
               _("%s: invalid UTF-8; JSON files must be saved with the UTF-8 encoding"),
               location);

  return FALSE;
}

/* Reads the string whose opening quote is at the reader's position into
 * @value, checking its encoding, its escapes and its decoded length. */
static gboolean
parse_string (MoatJsonReader  *self,
              gboolean         is_name,
              MoatJsonValue   *value,
              GError         **error)
{
  const guchar *data = self->data;
  gsize quote = self->position;
  gsize start = quote + 1;
  gsize position = start;
  gsize saved = 0;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      while (position < self->size && data[position] >= 0x20 && data[position] != '"' &&
             data[position] != '\\')
        {
          gsize run_end = position;

          if (data[position] < 0x80)
            {
              position++;
              continue;
            }

          /* A UTF-8 sequence never contains an ASCII byte, so a run of
           * non-ASCII bytes is valid exactly when its characters are. */
          while (run_end < self->size && data[run_end] >= 0x80)
            run_end++;
          if (!g_utf8_validate_len ((const char *)data + position, run_end - position, NULL))
            return fail_encoding (self, position, error);
          position = run_end;
        }

      if (position >= self->size)
        return fail_at_offset (self, quote, error,
                               _("the string that starts here does not end before the end of "
                                 "the file, so the file may be cut short"));

      c = data[position];
      if (c == '"')
        break;

      if (c == '\0')
        return fail_encoding (self, position, error);

      if (c < 0x20)
        return fail_at_offset (self, position, error,
                               _("the control character U+%04X must be written as an escape "
                                 "inside a string, such as \\n or \\u%04X"),
                               c, c);

      escaped = TRUE;
      if (position + 1 >= self->size)
        return fail_at_offset (self, quote, error,
                               _("the string that starts here does not end before the end of "
                                 "the file, so the file may be cut short"));

      switch (data[position + 1])
        {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          saved++;
          position += 2;
          break;

        case 'u':
          {
            gunichar character = 0;
            gsize escape_length = 0;

            if (!parse_unicode_escape (self, position, is_name, &character, &escape_length,
                                       error))
              return FALSE;

            saved += escape_length - g_unichar_to_utf8 (character, NULL);
            position += escape_length;
          }
          break;

        default:
          {
            const char *escape = (const char *)data + position;
            const char *end;
            g_autofree char *shown = NULL;

            if (g_utf8_get_char_validated (escape + 1, MIN (self->size - position - 1, 4)) >=
                0x110000)
              return fail_encoding (self, position + 1, error);

            end = g_utf8_next_char (escape + 1);
            shown = g_strndup (escape, end - escape);

            return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                                 _("“%s” is not a JSON escape; write a backslash as \\\\"),
                                 shown);
          }
        }
    }

  if (position - start - saved > MOAT_INPUT_MAX_TEXT_LENGTH)
    {
      g_autofree char *limit = g_format_size_full (MOAT_INPUT_MAX_TEXT_LENGTH,
                                                   G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *found = g_strdup_printf ("%" G_GSIZE_FORMAT, position - start - saved);

      return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_TEXT_TOO_LONG,
                           is_name
                           ? _("a key is %s bytes long, above the limit of %s; the file is "
                               "damaged or not a model")
                           : _("the text is %s bytes long, above the limit of %s for one value; "
                               "shorten it or split it into several fields"),
                           found, limit);
    }

  value->type = MOAT_JSON_TYPE_STRING;
  value->escaped = escaped;
  value->length = position - start;
  value->data.offset = start;
  self->position = position + 1;

  return TRUE;
}

static gboolean
is_digit (MoatJsonReader *self,
          gsize           position)
{
  return position < self->size && g_ascii_isdigit (self->data[position]);
}

static gboolean
fail_number (MoatJsonReader  *self,
             gsize            start,
             GError         **error)
{
  gsize end = find_token_end (self, start);

  return fail_at_offset (self, start, error,
                         _("“%.*s” is not a valid JSON number; write numbers such as 12, -3.5 "
                           "or 1.5e3"),
                         (int)(end - start), (const char *)self->data + start);
}

/* Reads the number at the reader's position: a whole number as a 64-bit
 * integer, which it must fit, and any other as a double. */
static gboolean
parse_number (MoatJsonReader  *self,
              MoatJsonValue   *value,
              GError         **error)
{
  const guchar *data = self->data;
  gsize start = self->position;
  gsize position = start;
  gboolean negative = FALSE;
  gboolean whole = TRUE;

  if (data[position] == '-')
    {
      negative = TRUE;
      position++;
    }

  if (!is_digit (self, position))
    return fail_number (self, start, error);

  if (data[position] == '0')
    position++;
  else
    while (is_digit (self, position))
      position++;

  if (position < self->size && data[position] == '.')
    {
      whole = FALSE;
      position++;
      if (!is_digit (self, position))
        return fail_number (self, start, error);
      while (is_digit (self, position))
        position++;
    }

  if (position < self->size && (data[position] == 'e' || data[position] == 'E'))
    {
      whole = FALSE;
      position++;
      if (position < self->size && (data[position] == '+' || data[position] == '-'))
        position++;
      if (!is_digit (self, position))
        return fail_number (self, start, error);
      while (is_digit (self, position))
        position++;
    }

  /* "01", "1.2.3" or "12abc" run on into what cannot follow a number. */
  if (position < self->size &&
      (g_ascii_isalnum (data[position]) || strchr ("+-.", data[position]) != NULL))
    return fail_number (self, start, error);

  self->position = position;

  if (whole)
    {
      guint64 limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
      guint64 magnitude = 0;

      for (gsize i = start + negative; i < position; i++)
        {
          guint digit = data[i] - '0';

          if (magnitude > (limit - digit) / 10)
            {
              g_autofree char *text = g_strndup ((const char *)data + start, position - start);

              if (position - start > MAX_SHOWN_TEXT)
                strcpy (text + MAX_SHOWN_TEXT - 3, "...");
              return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_NUMBER_TOO_LARGE,
                                   _("the whole number %s is outside the 64-bit range, so its "
                                     "value would be lost; correct it"),
                                   text);
            }
          magnitude = magnitude * 10 + digit;
        }

      value->type = MOAT_JSON_TYPE_INTEGER;
      value->data.integer = negative ? (gint64)(0 - magnitude) : (gint64)magnitude;
    }
  else
    {
      char buffer[64];
      g_autofree char *long_text = NULL;
      const char *text = buffer;

      /* g_ascii_strtod() needs a NUL after the number, and the input has none. */
      if (position - start < sizeof buffer)
        {
          memcpy (buffer, data + start, position - start);
          buffer[position - start] = '\0';
        }
      else
        {
          long_text = g_strndup ((const char *)data + start, position - start);
          text = long_text;
        }

      /* A number beyond the range of a double becomes an infinity here,
       * and the loader rejects it as out of range. */
      value->type = MOAT_JSON_TYPE_DOUBLE;
      value->data.number = g_ascii_strtod (text, NULL);
    }

  return TRUE;
}

static gboolean
parse_word (MoatJsonReader  *self,
            MoatJsonValue   *value,
            GError         **error)
{
  static const struct
  {
    const char *word;
    MoatJsonType type;
    gboolean boolean;
  } words[] = {
    { "true", MOAT_JSON_TYPE_BOOLEAN, TRUE },
    { "false", MOAT_JSON_TYPE_BOOLEAN, FALSE },
    { "null", MOAT_JSON_TYPE_NULL, FALSE },
  };
  gsize start = self->position;
  gsize end = start;

  while (end < self->size && end - start < MAX_SHOWN_TEXT && g_ascii_isalnum (self->data[end]))
    end++;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (end - start == strlen (words[i].word) &&
        memcmp (self->data + start, words[i].word, end - start) == 0)
      {
        value->type = words[i].type;
        value->data.boolean = words[i].boolean;
        self->position = end;
        return TRUE;
      }

  return fail_at_offset (self, start, error,
                         _("“%.*s” is not a JSON value; write a string in double quotes, a "
                           "number, true, false or null"),
                         (int)(end - start), (const char *)self->data + start);
}

static gboolean
names_equal (MoatJsonReader      *self,
             const MoatJsonValue *name,
             const MoatJsonValue *other)
{
  if (!name->escaped && !other->escaped)
    return name->length == other->length &&
           memcmp (self->data + name->data.offset, self->data + other->data.offset,
                   name->length) == 0;

  g_string_truncate (self->scratch, 0);
  moat_json_reader_append_decoded (self, name, self->scratch);
  g_string_truncate (self->other_scratch, 0);
  moat_json_reader_append_decoded (self, other, self->other_scratch);

  return g_string_equal (self->scratch, self->other_scratch);
}

static char *
dup_decoded (MoatJsonReader      *self,
             const MoatJsonValue *value)
{
  GString *text = g_string_sized_new (value->length + 1);

  moat_json_reader_append_decoded (self, value, text);

  return g_string_free (text, FALSE);
}

/* Reports the current member's name when the object has it already. */
static gboolean
check_duplicate_name (MoatJsonReader  *self,
                      Frame           *frame,
                      GError         **error)
{
  const MoatJsonValue *name = &self->stack[frame->name];
  gboolean duplicate = FALSE;

  if (frame->names != NULL)
    {
      char *decoded = dup_decoded (self, name);

      duplicate = !g_hash_table_add (frame->names, decoded);
    }
  else
    {
      for (guint i = 0; i < frame->n_children && !duplicate; i++)
        duplicate = names_equal (self, &self->stack[frame->start + 2 * i], name);

      if (!duplicate && frame->n_children + 1 == NAMES_BEFORE_HASH)
        {
          frame->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i <= frame->n_children; i++)
            g_hash_table_add (frame->names,
                              dup_decoded (self, &self->stack[frame->start + 2 * i]));
        }
    }

  if (duplicate)
    {
      g_autofree char *decoded = dup_decoded (self, name);

      return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY,
                           _("the key “%s” appears twice in this object, and only one of the "
                             "values would be kept; delete the wrong one"),
                           decoded);
    }

  return TRUE;
}

static gboolean
open_container (MoatJsonReader  *self,
                gboolean         is_object,
                GError         **error)
{
  Frame *frame;

  if (self->depth == MOAT_INPUT_MAX_DEPTH)
    return fail_at_path (self, error, MOAT_JSON_INPUT_ERROR_TOO_DEEP,
                         _("arrays and objects nest more than %d levels deep here; no "
                           "model nests so deep, so the file is damaged or not a model"),
                         MOAT_INPUT_MAX_DEPTH);

  frame = &self->frames[self->depth++];
  frame->is_object = is_object;
  frame->start = self->stack_length;
  frame->n_children = 0;
  frame->name = -1;
  frame->names = NULL;
  self->position++;

  return TRUE;
}

/* Moves the children of the innermost container from the stack into one
 * block of the tree, and leaves the container on the stack. */
static void
close_container (MoatJsonReader *self)
{
  Frame *frame = &self->frames[--self->depth];
  gsize n_values = self->stack_length - frame->start;
  MoatJsonValue *children = NULL;
  MoatJsonValue *value;

  if (n_values > 0)
    {
      children = moat_json_reader_allocate (self, n_values * sizeof (MoatJsonValue));
      memcpy (children, self->stack + frame->start, n_values * sizeof (MoatJsonValue));
    }

  g_clear_pointer (&frame->names, g_hash_table_unref);
  self->stack_length = frame->start;
  self->position++;

  value = push_value (self);
  value->type = frame->is_object ? MOAT_JSON_TYPE_OBJECT : MOAT_JSON_TYPE_ARRAY;
  value->escaped = FALSE;
  value->length = frame->n_children;
  value->data.children = children;
}

/* Reads a member's name and the colon after it. */
static gboolean
parse_name (MoatJsonReader  *self,
            GError         **error)
{
  Frame *frame = &self->frames[self->depth - 1];
  g_autofree char *found = NULL;

  if (self->position >= self->size || self->data[self->position] != '"')
    {
      found = dup_found (self, self->position);
      return fail_at_offset (self, self->position, error,
                             _("expected a key in double quotes, found %s"), found);
    }

  if (!parse_string (self, TRUE, push_value (self), error))
    return FALSE;

  frame->name = self->stack_length - 1;
  if (!check_duplicate_name (self, frame, error))
    return FALSE;

  skip_space (self);
  if (self->position >= self->size || self->data[self->position] != ':')
    {
      found = dup_found (self, self->position);
      return fail_at_offset (self, self->position, error,
                             _("expected “:” after the key, found %s"), found);
    }
  self->position++;

  return TRUE;
}

/* Reads one value. A scalar goes on the stack, and an array or object is
 * opened, or opened and closed when it is empty. */
static gboolean
parse_value (MoatJsonReader  *self,
             gboolean        *opened,
             GError         **error)
{
  g_autofree char *found = NULL;
  guchar c;

  *opened = FALSE;
  skip_space (self);
  c = self->position < self->size ? self->data[self->position] : '\0';

  switch (c)
    {
    case '{':
    case '[':
      if (!open_container (self, c == '{', error))
        return FALSE;

      skip_space (self);
      if (self->position < self->size && self->data[self->position] == (c == '{' ? '}' : ']'))
        {
          close_container (self);
          return TRUE;
        }

      *opened = TRUE;
      return c == '[' || parse_name (self, error);

    case '"':
      return parse_string (self, FALSE, push_value (self), error);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (self, push_value (self), error);

    default:
      if (g_ascii_isalpha (c))
        return parse_word (self, push_value (self), error);

      found = dup_found (self, self->position);
      return fail_at_offset (self, self->position, error,
                             _("expected a value, found %s"), found);
    }
}

/* Reads what follows a complete value inside a container: a comma and the
 * next member or element, or the end of the container. Returns with
 * *@need_value set when a value is to be read next. */
static gboolean
parse_separator (MoatJsonReader  *self,
                 gboolean        *need_value,
                 GError         **error)
{
  Frame *frame = &self->frames[self->depth - 1];
  char close = frame->is_object ? '}' : ']';
  g_autofree char *found = NULL;

  frame->n_children++;
  skip_space (self);

  if (self->position < self->size && self->data[self->position] == ',')
    {
      self->position++;
      *need_value = TRUE;
      if (!frame->is_object)
        return TRUE;

      frame->name = -1;
      skip_space (self);
      return parse_name (self, error);
    }

  if (self->position < self->size && self->data[self->position] == close)
    {
      close_container (self);
      *need_value = FALSE;
      return TRUE;
    }

  found = dup_found (self, self->position);
  return fail_at_offset (self, self->position, error,
                         frame->is_object
                         ? _("expected “,” or “}” after a member of the object, found %s")
                         : _("expected “,” or “]” after an element of the array, found %s"),
                         found);
}

gboolean
moat_json_reader_parse_document (MoatJsonReader  *self,
                                 GError         **error)
{
  gboolean need_value = TRUE;

  /* A UTF-8 byte order mark is not JSON, but editors write it. */
  if (self->size >= 3 && memcmp (self->data, "\xef\xbb\xbf", 3) == 0)
    self->position = 3;

  do
    {
      gboolean opened = FALSE;

      if (need_value && !parse_value (self, &opened, error))
        return FALSE;

      need_value = opened;
      while (!need_value && self->depth > 0)
        if (!parse_separator (self, &need_value, error))
          return FALSE;
    }
  while (self->depth > 0);

  skip_space (self);
  if (self->position < self->size)
    {
      g_autofree char *location = moat_json_dup_location ((const char *)self->data,
                                                          self->position);

      g_set_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TRAILING_CONTENT,
                   _("%s: text follows the end of the JSON value"), location);
      return FALSE;
    }

  g_assert (self->stack_length == 1);
  self->root = self->stack[0];
  self->has_root = TRUE;

  return TRUE;
}
