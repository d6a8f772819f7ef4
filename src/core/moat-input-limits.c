/* moat-input-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-input-limits.h"

/* Checks untrusted JSON before json-glib 1.6 parses it in the Threat
 * Dragon importer. The .moat loader's reader, moat-json-reader.c, enforces
 * the same limits as it parses. A pass over the bytes rejects what would
 * exhaust memory or the stack (size, nesting, string length) and what
 * json-glib would silently change, so that a later save loses nothing. Of a key given twice json-glib keeps the last
 * value, an escaped NUL (\u0000) cuts its string short, half a surrogate
 * pair turns into invalid UTF-8, a short \u escape is read past, and a
 * whole number outside 64 bits turns into another number. The rest of
 * the grammar is left to json-glib, so a malformed file may pass here and
 * fail there. */

/* Objects with this many keys get a hash table of them, so that an object
 * with a million keys is not checked for duplicates in quadratic time. */
#define KEYS_BEFORE_HASH 16

/* Keys are cut to this many characters in the JSON paths of messages, and
 * a path deeper than twice MAX_SHOWN_LEVELS shows only its two ends. */
#define MAX_SHOWN_KEY 40
#define MAX_SHOWN_LEVELS 8

/* Whole numbers with more digits than this may not fit in 64 bits. */
#define MAX_SAFE_DIGITS 18

G_DEFINE_QUARK (moat-json-input-error-quark, moat_json_input_error)

typedef struct
{
  gboolean is_object;
  gboolean expect_key;
  guint index;

  /* The decoded keys of the object, each ending in a NUL, their offsets
   * in that buffer, and a set of copies once there are many. */
  GString *keys;
  GArray *key_offsets;
  GHashTable *key_set;

  /* The offset in keys of the current member's key, or -1 before it. */
  gssize current_key;
} Frame;

typedef struct
{
  const char *data;
  gsize size;
  gsize position;
  Frame frames[MOAT_INPUT_MAX_DEPTH];
  guint depth;
  guint n_allocated;

  /* The string being read, decoded, when it is a key. */
  GString *key;
} Scanner;

/**
 * moat_json_append_path_key:
 * @path: a JSON path being built
 * @key: an object member's name, as UTF-8
 *
 * Appends ".KEY" to @path, shortened to its first 40 characters and an
 * ellipsis, so a hostile key cannot make a message huge.
 */
void
moat_json_append_path_key (GString    *path,
                           const char *key)
{
  const char *end = key;
  guint n_chars = 0;

  while (*end != '\0' && n_chars < MAX_SHOWN_KEY)
    {
      end = g_utf8_next_char (end);
      n_chars++;
    }

  g_string_append_c (path, '.');
  g_string_append_len (path, key, end - key);
  if (*end != '\0')
    g_string_append (path, "…");
}

/* Returns the JSON path of the value being read, such as
 * $.diagrams[0].elements[3].name. */
static char *
dup_path (Scanner *scanner)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < scanner->depth; i++)
    {
      const Frame *frame = &scanner->frames[i];

      if (scanner->depth > 2 * MAX_SHOWN_LEVELS && i == MAX_SHOWN_LEVELS)
        {
          g_string_append (path, "…");
          i = scanner->depth - MAX_SHOWN_LEVELS - 1;
          continue;
        }

      if (!frame->is_object)
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->current_key >= 0)
        moat_json_append_path_key (path, frame->keys->str + frame->current_key);
    }

  return g_string_free (path, FALSE);
}

/**
 * moat_json_dup_location:
 * @data: the contents of a JSON file
 * @offset: a byte offset in @data
 *
 * Formats "line L, column C" for @offset, counting columns in characters
 * from 1. It is only used for a message, so it scans from the start.
 *
 * Returns: (transfer full): the location
 */
char *
moat_json_dup_location (const char *data,
              gsize       offset)
{
  guint line = 1;
  guint column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar)data[i] & 0xc0) != 0x80)
        {
          column++;
        }
    }

  return g_strdup_printf (_("line %u, column %u"), line, column);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at_path (Scanner             *scanner,
              GError             **error,
              MoatJsonInputError   code,
              const char          *format,
              ...)
{
  g_autofree char *path = dup_path (scanner);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, MOAT_JSON_INPUT_ERROR, code, "%s: %s", path, message);

  return FALSE;
}

/**
 * moat_json_check_size:
 * @size: the size of a file in bytes
 *
 * Checks @size against MOAT_INPUT_MAX_FILE_SIZE.
 *
 * Returns: %TRUE if the file is small enough to read
 */
gboolean
moat_json_check_size (guint64   size,
                      GError  **error)
{
  g_autofree char *found = NULL;
  g_autofree char *limit = NULL;

  if (size <= MOAT_INPUT_MAX_FILE_SIZE)
    return TRUE;

  found = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  limit = g_format_size_full (MOAT_INPUT_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TOO_LARGE,
               _("the file is %s, above the limit of %s; split the model into smaller files"),
               found, limit);

  return FALSE;
}

/**
 * moat_json_check_encoding:
 * @data: the contents of a JSON file
 * @size: the length of @data in bytes
 *
 * Checks that @data is UTF-8 without NUL bytes, and names the line and
 * column of the first invalid byte.
 *
 * Returns: %TRUE if @data is valid UTF-8
 */
gboolean
moat_json_check_encoding (const char  *data,
                          gsize        size,
                          GError     **error)
{
  const char *end = NULL;
  g_autofree char *location = NULL;

  if (g_utf8_validate_len (data, size, &end))
    return TRUE;

  location = moat_json_dup_location (data, end - data);
  if (*end == '\0')
    g_set_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_ENCODING,
                 _("%s: the file contains a NUL byte, so it is damaged or not a text file; "
                   "restore it from a backup"),
                 location);
  else
    g_set_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_ENCODING,
                 _("%s: invalid UTF-8; JSON files must be saved with the UTF-8 encoding"),
                 location);

  return FALSE;
}

static void
push_frame (Scanner  *scanner,
            gboolean  is_object)
{
  Frame *frame = &scanner->frames[scanner->depth];

  if (scanner->depth == scanner->n_allocated)
    {
      frame->keys = g_string_new (NULL);
      frame->key_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
      frame->key_set = NULL;
      scanner->n_allocated++;
    }

  frame->is_object = is_object;
  frame->expect_key = is_object;
  frame->index = 0;
  frame->current_key = -1;
  g_string_truncate (frame->keys, 0);
  g_array_set_size (frame->key_offsets, 0);
  g_clear_pointer (&frame->key_set, g_hash_table_unref);

  scanner->depth++;
}

static gboolean
is_hex_digit_run (const char *text,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  return TRUE;
}

static gunichar
parse_hex4 (const char *text)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    value = value * 16 + g_ascii_xdigit_value (text[i]);

  return value;
}

/* Reads the \u escape at the scanner's position into @character, joining
 * a surrogate pair, and returns the length of the escape in the file, or
 * 0 when it is not a complete escape. */
static gsize
read_unicode_escape (Scanner  *scanner,
                     gunichar *character)
{
  const char *text = scanner->data + scanner->position;
  gsize left = scanner->size - scanner->position;
  gunichar high;
  gunichar low;

  if (left < 6 || !is_hex_digit_run (text + 2, 4))
    return 0;

  high = parse_hex4 (text + 2);
  *character = high;
  if (high < 0xd800 || high > 0xdbff)
    return 6;

  if (left < 12 || text[6] != '\\' || text[7] != 'u' || !is_hex_digit_run (text + 8, 4))
    return 6;

  low = parse_hex4 (text + 8);
  if (low < 0xdc00 || low > 0xdfff)
    return 6;

  *character = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);

  return 12;
}

static char
decode_simple_escape (char letter)
{
  switch (letter)
    {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return letter;
    }
}

/* Reads the string that starts at the scanner's position (its opening
 * quote) and leaves the position after it. Its length is counted in
 * decoded bytes; a key is also decoded into scanner->key. */
static gboolean
scan_string (Scanner   *scanner,
             gboolean   is_key,
             GError   **error)
{
  const char *data = scanner->data;
  gsize length = 0;

  g_string_truncate (scanner->key, 0);
  scanner->position++;

  while (scanner->position < scanner->size && data[scanner->position] != '"')
    {
      gsize start = scanner->position;

      if (data[start] == '\\' && start + 1 < scanner->size && data[start + 1] == 'u')
        {
          gunichar character = 0;
          gsize escape_length = read_unicode_escape (scanner, &character);
          char utf8[6];
          int utf8_length;

          /* json-glib 1.6 reads past a short \u escape and puts the bytes
           * it mangled into its message. */
          if (escape_length == 0)
            return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                                 _("the escape \\u is not followed by four hexadecimal "
                                   "digits; write a character as \\u and four digits, such "
                                   "as \\u00e9"));

          if (character == 0)
            return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                                 is_key
                                 ? _("a key contains the escape \\u0000, a NUL character, "
                                     "which would cut it short; remove it")
                                 : _("the text contains the escape \\u0000, a NUL character, "
                                     "which would cut it short; remove it"));

          /* json-glib 1.6 turns half a surrogate pair into invalid UTF-8
           * and drops the character after it. */
          if (!g_unichar_validate (character))
            return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                                 _("the escape \\u%04X is half of a UTF-16 surrogate pair, "
                                   "not a character; remove it or complete the pair"),
                                 character);

          utf8_length = g_unichar_to_utf8 (character, utf8);
          length += utf8_length;
          if (is_key && length <= MOAT_INPUT_MAX_TEXT_LENGTH)
            g_string_append_len (scanner->key, utf8, utf8_length);
          scanner->position += escape_length;
        }
      else if (data[start] == '\\' && start + 1 == scanner->size)
        {
          /* A backslash at the end of the file; json-glib reports it. */
          scanner->position++;
        }
      else if (data[start] == '\\')
        {
          /* The file is valid UTF-8, so the escaped character is whole. */
          if (strchr ("\"\\/bfnrt", data[start + 1]) == NULL)
            {
              const char *end = g_utf8_next_char (data + start + 1);
              g_autofree char *escape = g_strndup (data + start, end - (data + start));

              return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
                                   _("“%s” is not a JSON escape; write a backslash as \\\\"),
                                   escape);
            }

          length++;
          if (is_key && length <= MOAT_INPUT_MAX_TEXT_LENGTH)
            g_string_append_c (scanner->key, decode_simple_escape (data[start + 1]));
          scanner->position += 2;
        }
      else
        {
          const char *quote = memchr (data + start, '"', scanner->size - start);
          gsize end = quote != NULL ? (gsize)(quote - data) : scanner->size;
          const char *backslash = memchr (data + start, '\\', end - start);

          if (backslash != NULL)
            end = backslash - data;

          length += end - start;
          if (is_key && length <= MOAT_INPUT_MAX_TEXT_LENGTH)
            g_string_append_len (scanner->key, data + start, end - start);
          scanner->position = end;
        }
    }

  /* The closing quote; a missing one is json-glib's to report. */
  scanner->position++;

  if (length > MOAT_INPUT_MAX_TEXT_LENGTH)
    {
      g_autofree char *size = g_format_size_full (MOAT_INPUT_MAX_TEXT_LENGTH,
                                                  G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *found = g_strdup_printf ("%" G_GSIZE_FORMAT, length);

      return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_TEXT_TOO_LONG,
                           is_key
                           ? _("a key is %s bytes long, above the limit of %s; the file is "
                               "damaged or not a model")
                           : _("the text is %s bytes long, above the limit of %s for one value; "
                               "shorten it or split it into several fields"),
                           found, size);
    }

  return TRUE;
}

/* Records the key just read in the current object, or reports it when
 * the object has it already. */
static gboolean
add_key (Scanner  *scanner,
         GError  **error)
{
  Frame *frame = &scanner->frames[scanner->depth - 1];
  const char *key = scanner->key->str;
  gboolean duplicate = FALSE;
  gsize offset = frame->keys->len;

  if (frame->key_set != NULL)
    {
      duplicate = g_hash_table_contains (frame->key_set, key);
    }
  else
    {
      for (guint i = 0; i < frame->key_offsets->len && !duplicate; i++)
        duplicate = strcmp (frame->keys->str + g_array_index (frame->key_offsets, gsize, i),
                            key) == 0;
    }

  g_string_append_len (frame->keys, key, scanner->key->len);
  g_string_append_c (frame->keys, '\0');
  g_array_append_val (frame->key_offsets, offset);
  frame->current_key = offset;
  frame->expect_key = FALSE;

  if (duplicate)
    return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY,
                         _("the key “%s” appears twice in this object, and only one of the "
                           "values would be kept; delete the wrong one"),
                         frame->keys->str + offset);

  if (frame->key_set != NULL)
    {
      g_hash_table_add (frame->key_set, g_strdup (key));
    }
  else if (frame->key_offsets->len == KEYS_BEFORE_HASH)
    {
      frame->key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < frame->key_offsets->len; i++)
        g_hash_table_add (frame->key_set,
                          g_strdup (frame->keys->str +
                                    g_array_index (frame->key_offsets, gsize, i)));
    }

  return TRUE;
}

/* Reads the number at the scanner's position, and reports a whole number
 * that does not fit in 64 bits, which json-glib 1.6 would change. */
static gboolean
scan_number (Scanner  *scanner,
             GError  **error)
{
  const char *start = scanner->data + scanner->position;
  gsize length = 0;
  gsize n_digits = 0;
  gboolean whole = TRUE;
  g_autofree char *text = NULL;

  while (scanner->position + length < scanner->size &&
         strchr ("+-0123456789.eE", start[length]) != NULL && start[length] != '\0')
    {
      if (g_ascii_isdigit (start[length]))
        n_digits++;
      else if (start[length] != '-')
        whole = FALSE;
      length++;
    }
  scanner->position += length;

  if (!whole || n_digits <= MAX_SAFE_DIGITS)
    return TRUE;

  text = g_strndup (start, length);
  errno = 0;
  g_ascii_strtoll (text, NULL, 10);
  if (errno != ERANGE)
    return TRUE;

  if (length > MAX_SHOWN_KEY)
    strcpy (text + MAX_SHOWN_KEY - 3, "...");
  return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_NUMBER_TOO_LARGE,
                       _("the whole number %s is outside the 64-bit range, so its value "
                         "would be lost; correct it"),
                       text);
}

static gboolean
scan (Scanner  *scanner,
      GError  **error)
{
  const char *data = scanner->data;

  /* json-glib skips a UTF-8 byte order mark, and so does this. */
  if (scanner->size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    scanner->position = 3;

  while (scanner->position < scanner->size)
    {
      char c = data[scanner->position];
      Frame *top = scanner->depth > 0 ? &scanner->frames[scanner->depth - 1] : NULL;

      switch (c)
        {
        case '{':
        case '[':
          if (scanner->depth == MOAT_INPUT_MAX_DEPTH)
            return fail_at_path (scanner, error, MOAT_JSON_INPUT_ERROR_TOO_DEEP,
                                 _("arrays and objects nest more than %d levels deep here; no "
                                   "model nests so deep, so the file is damaged or not a model"),
                                 MOAT_INPUT_MAX_DEPTH);
          push_frame (scanner, c == '{');
          scanner->position++;
          break;

        case '}':
        case ']':
          if (scanner->depth > 0)
            scanner->depth--;
          scanner->position++;
          break;

        case ',':
          if (top != NULL && top->is_object)
            top->expect_key = TRUE;
          else if (top != NULL)
            top->index++;
          scanner->position++;
          break;

        case '"':
          {
            gboolean is_key = top != NULL && top->is_object && top->expect_key;

            if (!scan_string (scanner, is_key, error))
              return FALSE;
            if (is_key && !add_key (scanner, error))
              return FALSE;
          }
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!scan_number (scanner, error))
            return FALSE;
          break;

        default:
          /* Mostly the indentation of a formatted file. */
          do
            scanner->position++;
          while (scanner->position < scanner->size && data[scanner->position] == ' ');
          break;
        }
    }

  return TRUE;
}

/**
 * moat_json_check_input:
 * @data: the contents of a JSON file
 * @size: the length of @data in bytes
 *
 * Checks a JSON file that came from outside before json-glib parses it:
 * its size, UTF-8 encoding, nesting depth and string lengths against the
 * MOAT_INPUT_MAX_* limits, and that no object has a key twice, no string
 * has an escaped NUL and no whole number is outside 64 bits. The message
 * names the JSON path of the value, or the line and column in the file,
 * and says what to do.
 *
 * Returns: %TRUE if json-glib may parse @data
 */
gboolean
moat_json_check_input (const char  *data,
                       gsize        size,
                       GError     **error)
{
  Scanner scanner = { data, size, 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (!moat_json_check_size (size, error))
    return FALSE;

  if (!moat_json_check_encoding (data, size, error))
    return FALSE;

  scanner.key = g_string_new (NULL);
  ok = scan (&scanner, error);

  for (guint i = 0; i < scanner.n_allocated; i++)
    {
      g_string_free (scanner.frames[i].keys, TRUE);
      g_array_unref (scanner.frames[i].key_offsets);
      g_clear_pointer (&scanner.frames[i].key_set, g_hash_table_unref);
    }
  g_string_free (scanner.key, TRUE);

  return ok;
}

/**
 * moat_input_load_file:
 * @file: a model file to open
 *
 * Reads @file for moat_json_check_input() and a parser, after checking
 * that it is a regular file no larger than MOAT_INPUT_MAX_FILE_SIZE:
 * reading a device such as /dev/zero, or a pipe that never ends, would
 * otherwise fill memory or wait forever.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
GBytes *
moat_input_load_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("it is a folder; choose a model file inside it"));
      return NULL;

    case G_FILE_TYPE_SPECIAL:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is a device, pipe or socket, not a file; save the model to a "
                             "file first"));
      return NULL;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      break;
    }

  size = g_file_info_get_size (info);
  if (!moat_json_check_size (size, error))
    return NULL;

  return g_file_load_bytes (file, cancellable, NULL, error);
}
