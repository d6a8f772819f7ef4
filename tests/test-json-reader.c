/* test-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-input-limits.h"
#include "moat-json-reader.h"

/* Writes @value as compact JSON with decoded strings re-escaped the same
 * way each time, and each number tagged with its type, so that a test can
 * compare the whole tree with one string. */
static void
dump_value (MoatJsonReader      *reader,
            const MoatJsonValue *value,
            GString             *out)
{
  switch (moat_json_value_get_value_type (value))
    {
    case MOAT_JSON_TYPE_NULL:
      g_string_append (out, "null");
      break;

    case MOAT_JSON_TYPE_BOOLEAN:
      g_string_append (out, moat_json_value_get_boolean (value) ? "true" : "false");
      break;

    case MOAT_JSON_TYPE_INTEGER:
      g_string_append_printf (out, "int:%" G_GINT64_FORMAT, moat_json_value_get_int (value));
      break;

    case MOAT_JSON_TYPE_DOUBLE:
      g_string_append_printf (out, "double:%.17g", moat_json_value_get_double (value));
      break;

    case MOAT_JSON_TYPE_STRING:
      {
        g_autofree char *escaped = g_strescape (moat_json_reader_get_string (reader, value),
                                                "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");

        g_string_append_printf (out, "\"%s\"", escaped);
      }
      break;

    case MOAT_JSON_TYPE_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0; i < moat_json_value_get_length (value); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          dump_value (reader, moat_json_value_get_element (value, i), out);
        }
      g_string_append_c (out, ']');
      break;

    case MOAT_JSON_TYPE_OBJECT:
      g_string_append_c (out, '{');
      for (guint i = 0; i < moat_json_value_get_length (value); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          dump_value (reader, moat_json_value_get_member_name (value, i), out);
          g_string_append_c (out, ':');
          dump_value (reader, moat_json_value_get_member_value (value, i), out);
        }
      g_string_append_c (out, '}');
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Parses @json, which must be valid, and returns the tree as dump_value()
 * writes it. */
static char *
parse_and_dump (const char *json,
                gsize       size)
{
  g_autoptr(MoatJsonReader) reader = moat_json_reader_new (json, size);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  moat_json_reader_parse (reader, &error);
  g_assert_no_error (error);
  dump_value (reader, moat_json_reader_get_root (reader), out);

  return g_string_free (out, FALSE);
}

/* Parses @json, which must be rejected, and returns the error. */
static GError *
parse_expecting_error (const char *json,
                       gsize       size)
{
  g_autoptr(MoatJsonReader) reader = moat_json_reader_new (json, size);
  GError *error = NULL;

  g_assert_false (moat_json_reader_parse (reader, &error));
  g_assert_nonnull (error);
  g_assert_null (moat_json_reader_get_root (reader));

  return error;
}

typedef struct
{
  const char *json;
  const char *expected;
} ValidCase;

static void
check_valid_cases (const ValidCase *cases,
                   guint            n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *shown = g_strescape (cases[i].json, NULL);
      g_autofree char *dump = NULL;

      /* Escaped, so that bytes that are not UTF-8 keep the TAP output valid. */
      g_test_message ("input: %s", shown);
      dump = parse_and_dump (cases[i].json, strlen (cases[i].json));
      g_assert_cmpstr (dump, ==, cases[i].expected);
    }
}

typedef struct
{
  const char *json;
  MoatJsonInputError code;

  /* The start of the message: the line and column, or the JSON path. */
  const char *message;
} InvalidCase;

static void
check_invalid_cases (const InvalidCase *cases,
                     guint              n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *shown = g_strescape (cases[i].json, NULL);
      g_autoptr(GError) error = NULL;

      g_test_message ("input: %s", shown);
      error = parse_expecting_error (cases[i].json, strlen (cases[i].json));
      g_test_message ("message: %s", error->message);
      g_assert_error (error, MOAT_JSON_INPUT_ERROR, (int)cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_reader_valid_documents (void)
{
  static const ValidCase cases[] = {
    { "{}", "{}" },
    { "[]", "[]" },
    { " \t\r\n{ \n } \n", "{}" },
    { "\xef\xbb\xbf{\"a\": 1}", "{\"a\":int:1}" },
    { "null", "null" },
    { "true", "true" },
    { "\"text\"", "\"text\"" },
    { "7", "int:7" },
    { "[1, [2, [3, []]], {}]", "[int:1,[int:2,[int:3,[]]],{}]" },
    { "{\"b\": false, \"a\": null, \"c\": [true]}", "{\"b\":false,\"a\":null,\"c\":[true]}" },
    { "{\"nested\": {\"deeper\": {\"list\": [\"x\", \"y\"]}}}",
      "{\"nested\":{\"deeper\":{\"list\":[\"x\",\"y\"]}}}" },
    { "[\"\", \"caf\xc3\xa9\", \"\xf0\x9f\x98\x80\"]",
      "[\"\",\"caf\xc3\xa9\",\"\xf0\x9f\x98\x80\"]" },
  };

  check_valid_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_reader_numbers (void)
{
  static const ValidCase cases[] = {
    { "0", "int:0" },
    { "-0", "int:0" },
    { "9223372036854775807", "int:9223372036854775807" },
    { "-9223372036854775808", "int:-9223372036854775808" },
    { "0.5", "double:0.5" },
    { "-1.5e-3", "double:-0.0015" },
    { "1E+2", "double:100" },
    { "1e2", "double:100" },
    { "2.5E-1", "double:0.25" },
    { "1e308", "double:1e+308" },
    { "1e309", "double:inf" },
    { "-1e309", "double:-inf" },
    { "1e-400", "double:0" },
    { "[1,-2,3.25]", "[int:1,int:-2,double:3.25]" },
    { "{\"x\":-12}", "{\"x\":int:-12}" },
  };
  static const InvalidCase invalid[] = {
    { "9223372036854775808", MOAT_JSON_INPUT_ERROR_NUMBER_TOO_LARGE,
      "$: the whole number 9223372036854775808 is outside the 64-bit range" },
    { "{\"x\": -9223372036854775809}", MOAT_JSON_INPUT_ERROR_NUMBER_TOO_LARGE,
      "$.x: the whole number -9223372036854775809 is outside" },
    { "[0, 123456789012345678901234567890123456789012345]",
      MOAT_JSON_INPUT_ERROR_NUMBER_TOO_LARGE,
      "$[1]: the whole number 1234567890123456789012345678901234567... is outside" },
    { "01", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 1: “01” is not a valid JSON number" },
    { "[1.]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: “1.” is not a valid JSON number" },
    { "[.5]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: expected a value, found “.”" },
    { "[+1]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: expected a value, found “+”" },
    { "-", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 1: “-” is not a valid JSON number" },
    { "[1e]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: “1e” is not a valid JSON number" },
    { "[1e+]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: “1e+” is not a valid JSON number" },
    { "--1", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 1: “--1” is not a valid JSON number" },
    { "0x10", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 1: “0x10” is not a valid JSON number" },
    { "[1.2.3]", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 2: “1.2.3” is not a valid JSON number" },
    { "{\"x\":\n  -Infinity}", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 2, column 3: “-Infinity” is not a valid JSON number" },
  };

  check_valid_cases (cases, G_N_ELEMENTS (cases));
  check_invalid_cases (invalid, G_N_ELEMENTS (invalid));
}

static void
test_reader_escapes (void)
{
  static const ValidCase cases[] = {
    { "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"\\\" \\\\ / \\b \\f \\n \\r \\t\"" },
    { "\"caf\\u00e9 \\u20AC\"", "\"caf\xc3\xa9 \xe2\x82\xac\"" },
    { "\"\\ud83d\\ude00\"", "\"\xf0\x9f\x98\x80\"" },
    { "\"\\uD83D\\uDE00!\"", "\"\xf0\x9f\x98\x80!\"" },
    { "\"\\u0001\\u001f\"", "\"\\001\\037\"" },
    { "{\"k\\u0065y\": 1}", "{\"key\":int:1}" },
  };
  static const InvalidCase invalid[] = {
    { "[\"\\uD800\"]", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$[0]: the escape \\uD800 is half of a UTF-16 surrogate pair" },
    { "{\"a\": \"\\udc00x\"}", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$.a: the escape \\uDC00 is half of a UTF-16 surrogate pair" },
    { "\"\\uD800\\u0041\"", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$: the escape \\uD800 is half" },
    { "\"\\uD800\\uD800\"", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$: the escape \\uD800 is half" },
    { "\"\\u12\"", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$: the escape \\u is not followed by four hexadecimal digits" },
    { "\"\\u12", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$: the escape \\u is not followed by four hexadecimal digits" },
    { "{\"a\": [\"\\u0000\"]}", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$.a[0]: the text contains the escape \\u0000" },
    { "{\"a\\u0000\": 1}", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$: a key contains the escape \\u0000" },
    { "\"\\x41\"", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE, "$: “\\x” is not a JSON escape" },
    { "\"\\\xc3\xa9\"", MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
      "$: “\\\xc3\xa9” is not a JSON escape" },
    { "\"a\tb\"", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 3: the control character U+0009 must be written as an escape" },
    { "[\"a\nb\"]", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 4: the control character U+000A must be written as an escape" },
  };

  check_valid_cases (cases, G_N_ELEMENTS (cases));
  check_invalid_cases (invalid, G_N_ELEMENTS (invalid));
}

static void
test_reader_syntax_errors (void)
{
  static const InvalidCase cases[] = {
    { "", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 1: expected a value, found the end of the file" },
    { " \n ", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 2, column 2: expected a value, found the end of the file" },
    { "{", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 2: expected a key in double quotes, found the end of the file" },
    { "{\"a\" 1}", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 6: expected “:” after the key, found “1”" },
    { "{\"a\": 1,}", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 9: expected a key in double quotes, found “}”" },
    { "{a: 1}", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 2: expected a key in double quotes, found “a”" },
    { "{\"a\": 1 \"b\": 2}", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 9: expected “,” or “}” after a member of the object, found “\"”" },
    { "[1 2]", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 4: expected “,” or “]” after an element of the array, found “2”" },
    { "[1,]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 4: expected a value, found “]”" },
    { "[1}", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 3: expected “,” or “]” after an element of the array, found “}”" },
    { "{\"a\": [1,\n  2,\n", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 3, column 1: expected a value, found the end of the file" },
    { "[\"open", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 2: the string that starts here does not end before the end" },
    { "\"ends in a backslash\\", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 1: the string that starts here does not end" },
    { "[NaN]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: “NaN” is not a JSON value" },
    { "[True]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: “True” is not a JSON value" },
    { "nul", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 1: “nul” is not a JSON value" },
    { "[truex]", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 2: “truex” is not a JSON value" },
    { "['a']", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: expected a value, found “'”" },
    { "[\xc3\xa9]", MOAT_JSON_INPUT_ERROR_SYNTAX,
      "line 1, column 2: expected a value, found “\xc3\xa9”" },
    { "[\x01]", MOAT_JSON_INPUT_ERROR_SYNTAX, "line 1, column 2: expected a value, found U+0001" },
    { "{} x", MOAT_JSON_INPUT_ERROR_TRAILING_CONTENT,
      "line 1, column 4: text follows the end of the JSON value" },
    { "{}\n{}", MOAT_JSON_INPUT_ERROR_TRAILING_CONTENT,
      "line 2, column 1: text follows the end of the JSON value" },
    { "1 2", MOAT_JSON_INPUT_ERROR_TRAILING_CONTENT,
      "line 1, column 3: text follows the end of the JSON value" },
  };

  check_invalid_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_reader_encoding (void)
{
  static const InvalidCase cases[] = {
    { "[\"ab\xff\"]", MOAT_JSON_INPUT_ERROR_ENCODING, "line 1, column 5: invalid UTF-8" },
    { "[\"\xc0\xaf\"]", MOAT_JSON_INPUT_ERROR_ENCODING, "line 1, column 3: invalid UTF-8" },
    { "[\"\xed\xa0\x80\"]", MOAT_JSON_INPUT_ERROR_ENCODING, "line 1, column 3: invalid UTF-8" },
    { "[\"\xe2\x82\"]", MOAT_JSON_INPUT_ERROR_ENCODING, "line 1, column 3: invalid UTF-8" },
    { "[\n\xff]", MOAT_JSON_INPUT_ERROR_ENCODING, "line 2, column 1: invalid UTF-8" },
    { "{} \xfe", MOAT_JSON_INPUT_ERROR_ENCODING, "line 1, column 4: invalid UTF-8" },

    /* A broken byte anywhere is the first thing to fix, before a syntax
     * error found earlier in the file. */
    { "[1 2, \"\xff\"]", MOAT_JSON_INPUT_ERROR_ENCODING, "line 1, column 8: invalid UTF-8" },
  };
  static const char nul_in_string[] = "[\"a\0b\"]";
  static const char nul_outside[] = "[1,\0 2]";
  g_autoptr(GError) error = NULL;

  check_invalid_cases (cases, G_N_ELEMENTS (cases));

  error = parse_expecting_error (nul_in_string, sizeof nul_in_string - 1);
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column 4: the file contains a NUL"));
  g_clear_error (&error);

  error = parse_expecting_error (nul_outside, sizeof nul_outside - 1);
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column 4: the file contains a NUL"));
}

static char *
dup_nested (guint       depth,
            const char *open,
            const char *inner,
            const char *close)
{
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, open);
  g_string_append (json, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (json, close);

  return g_string_free (json, FALSE);
}

static void
test_reader_depth_limit (void)
{
  g_autofree char *arrays_at_limit = dup_nested (MOAT_INPUT_MAX_DEPTH, "[", "1", "]");
  g_autofree char *arrays_past_limit = dup_nested (MOAT_INPUT_MAX_DEPTH + 1, "[", "1", "]");
  g_autofree char *objects_at_limit = dup_nested (MOAT_INPUT_MAX_DEPTH - 1, "{\"a\":", "{}",
                                                  "}");
  g_autofree char *objects_past_limit = dup_nested (MOAT_INPUT_MAX_DEPTH, "{\"a\":", "{}", "}");
  g_autofree char *unclosed = dup_nested (100000, "[", "", "");
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;

  dump = parse_and_dump (arrays_at_limit, strlen (arrays_at_limit));
  g_assert_true (g_str_has_prefix (dump, "[[[[") && strstr (dump, "[int:1]") != NULL);
  g_clear_pointer (&dump, g_free);

  /* The innermost {} counts as a level of its own. */
  dump = parse_and_dump (objects_at_limit, strlen (objects_at_limit));
  g_assert_true (g_str_has_prefix (dump, "{\"a\":{\"a\":") && strstr (dump, ":{}}") != NULL);

  error = parse_expecting_error (arrays_past_limit, strlen (arrays_past_limit));
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message,
                                   "$[0][0][0][0][0][0][0][0]…[0][0][0][0][0][0][0][0]: arrays "
                                   "and objects nest more than 64 levels deep"));
  g_clear_error (&error);

  error = parse_expecting_error (objects_past_limit, strlen (objects_past_limit));
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "$.a.a.a.a.a.a.a.a….a.a.a.a.a.a.a.a: "));
  g_clear_error (&error);

  error = parse_expecting_error (unclosed, strlen (unclosed));
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TOO_DEEP);
}

static void
test_reader_duplicate_keys (void)
{
  static const InvalidCase cases[] = {
    { "{\"a\": 1, \"a\": 2}", MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY,
      "$.a: the key “a” appears twice in this object" },
    { "{\"list\": [{\"name\": 1, \"x\": 0, \"n\\u0061me\": 2}]}",
      MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY,
      "$.list[0].name: the key “name” appears twice in this object" },
    { "{\"\\u00e9\": 1, \"\xc3\xa9\": 2}", MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY,
      "$.\xc3\xa9: the key “\xc3\xa9” appears twice" },
  };
  g_autoptr(GString) many = g_string_new ("{");
  g_autoptr(GString) many_with_duplicate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  check_invalid_cases (cases, G_N_ELEMENTS (cases));

  /* Same keys in different objects are no duplicates. */
  dump = parse_and_dump ("[{\"a\": 1}, {\"a\": {\"a\": 2}}]",
                         strlen ("[{\"a\": 1}, {\"a\": {\"a\": 2}}]"));
  g_assert_cmpstr (dump, ==, "[{\"a\":int:1},{\"a\":{\"a\":int:2}}]");

  /* Past some dozens of keys an object checks them with a hash table. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (many, "%s\"key%u\": %u", i > 0 ? ", " : "", i, i);
  many_with_duplicate = g_string_new (many->str);
  g_string_append (many, "}");
  g_string_append (many_with_duplicate, ", \"key500\": 0}");

  g_clear_pointer (&dump, g_free);
  dump = parse_and_dump (many->str, many->len);
  g_assert_true (g_str_has_prefix (dump, "{\"key0\":int:0,\"key1\":int:1,"));

  error = parse_expecting_error (many_with_duplicate->str, many_with_duplicate->len);
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY);
  g_assert_true (g_str_has_prefix (error->message, "$.key500: the key “key500” appears twice"));
}

static void
test_reader_text_length_limit (void)
{
  g_autoptr(GString) longest = g_string_new ("[\"");
  g_autoptr(GString) too_long = NULL;
  g_autoptr(GString) escaped_too_long = g_string_new ("{\"a\": \"");
  g_autoptr(MoatJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < MOAT_INPUT_MAX_TEXT_LENGTH; i++)
    g_string_append_c (longest, 'x');
  too_long = g_string_new (longest->str);
  g_string_append (longest, "\"]");
  g_string_append (too_long, "x\"]");

  reader = moat_json_reader_new (longest->str, longest->len);
  g_assert_true (moat_json_reader_parse (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (moat_json_reader_get_string (reader,
                                                         moat_json_value_get_element (
                                                           moat_json_reader_get_root (reader),
                                                           0))),
                    ==, MOAT_INPUT_MAX_TEXT_LENGTH);

  error = parse_expecting_error (too_long->str, too_long->len);
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TEXT_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "$[0]: the text is 1048577 bytes long"));
  g_clear_error (&error);

  /* The limit counts decoded bytes: each \u00e9 is two. */
  for (guint i = 0; i < MOAT_INPUT_MAX_TEXT_LENGTH / 2; i++)
    g_string_append (escaped_too_long, "\\u00e9");
  g_string_append (escaped_too_long, "!\"}");
  error = parse_expecting_error (escaped_too_long->str, escaped_too_long->len);
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TEXT_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "$.a: the text is 1048577 bytes long"));
}

static void
test_reader_members_in_file_order (void)
{
  static const char json[] = "{\"z\": 1, \"a\\u0062\": \"x\", \"m\": [true, null]}";
  g_autoptr(MoatJsonReader) reader = moat_json_reader_new (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  const MoatJsonValue *root;
  const MoatJsonValue *name;

  g_assert_true (moat_json_reader_parse (reader, &error));
  g_assert_no_error (error);
  root = moat_json_reader_get_root (reader);

  g_assert_cmpint (moat_json_value_get_value_type (root), ==, MOAT_JSON_TYPE_OBJECT);
  g_assert_cmpuint (moat_json_value_get_length (root), ==, 3);
  g_assert_cmpstr (moat_json_reader_get_string (reader,
                                                moat_json_value_get_member_name (root, 0)),
                   ==, "z");

  name = moat_json_value_get_member_name (root, 1);
  g_assert_cmpstr (moat_json_reader_get_string (reader, name), ==, "ab");
  g_assert_true (moat_json_reader_string_equal (reader, name, "ab", 2));
  g_assert_false (moat_json_reader_string_equal (reader, name, "a", 1));
  g_assert_false (moat_json_reader_string_equal (reader, name, "abc", 3));
  g_assert_true (moat_json_reader_string_equal (reader,
                                                moat_json_value_get_member_name (root, 2),
                                                "m", 1));

  g_assert_cmpuint (moat_json_value_get_length (moat_json_value_get_member_value (root, 2)),
                    ==, 2);
  g_assert_cmpfloat (moat_json_value_get_double (moat_json_value_get_member_value (root, 0)),
                     ==, 1.0);
}

/* Strings read inside a scope give their memory back at its end, and
 * strings read before it stay valid. */
static void
test_reader_string_scopes (void)
{
  g_autoptr(GString) json = g_string_new ("[\"kept\", \"first\", \"");
  g_autoptr(MoatJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const MoatJsonValue *root;
  const char *kept;
  const char *first;
  const char *again;
  const char *large;

  /* A string of 512 KiB takes a block of its own. */
  for (guint i = 0; i < 512 * 1024; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\"]");

  reader = moat_json_reader_new (json->str, json->len);
  g_assert_true (moat_json_reader_parse (reader, &error));
  g_assert_no_error (error);
  root = moat_json_reader_get_root (reader);

  kept = moat_json_reader_get_string (reader, moat_json_value_get_element (root, 0));

  moat_json_reader_begin_strings (reader);
  first = moat_json_reader_get_string (reader, moat_json_value_get_element (root, 1));
  large = moat_json_reader_get_string (reader, moat_json_value_get_element (root, 2));
  g_assert_cmpuint (strlen (large), ==, 512 * 1024);
  moat_json_reader_end_strings (reader);

  moat_json_reader_begin_strings (reader);
  again = moat_json_reader_get_string (reader, moat_json_value_get_element (root, 1));
  g_assert_true (again == first);
  g_assert_cmpstr (again, ==, "first");
  moat_json_reader_end_strings (reader);

  g_assert_cmpstr (kept, ==, "kept");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/valid-documents", test_reader_valid_documents);
  g_test_add_func ("/json-reader/numbers", test_reader_numbers);
  g_test_add_func ("/json-reader/escapes", test_reader_escapes);
  g_test_add_func ("/json-reader/syntax-errors", test_reader_syntax_errors);
  g_test_add_func ("/json-reader/encoding", test_reader_encoding);
  g_test_add_func ("/json-reader/depth-limit", test_reader_depth_limit);
  g_test_add_func ("/json-reader/duplicate-keys", test_reader_duplicate_keys);
  g_test_add_func ("/json-reader/text-length-limit", test_reader_text_length_limit);
  g_test_add_func ("/json-reader/members-in-file-order", test_reader_members_in_file_order);
  g_test_add_func ("/json-reader/string-scopes", test_reader_string_scopes);

  return g_test_run ();
}
