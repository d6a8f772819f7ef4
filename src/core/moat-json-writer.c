/* moat-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "moat-json-writer.h"

#define MAX_DEPTH 32

struct _MoatJsonWriter
{
  GString *out;
  guint depth;
  /* Whether the container at each depth has a value yet, for commas. */
  gboolean has_value[MAX_DEPTH];
  gboolean after_key;
};

MoatJsonWriter *
moat_json_writer_new (gsize reserve)
{
  MoatJsonWriter *self = g_new0 (MoatJsonWriter, 1);

  self->out = g_string_sized_new (reserve);

  return self;
}

void
moat_json_writer_free (MoatJsonWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->out, TRUE);
  g_free (self);
}

/* Drops what was written but keeps the buffer, so writing again needs no
 * new allocation. */
void
moat_json_writer_reset (MoatJsonWriter *self)
{
  g_string_truncate (self->out, 0);
  self->depth = 0;
  memset (self->has_value, 0, sizeof self->has_value);
  self->after_key = FALSE;
}

/**
 * moat_json_writer_free_to_bytes:
 *
 * Ends the document with a newline and frees the writer.
 *
 * Returns: (transfer full): the JSON text
 */
GBytes *
moat_json_writer_free_to_bytes (MoatJsonWriter *self)
{
  GString *out = self->out;

  g_assert (self->depth == 0);

  g_string_append_c (out, '\n');
  g_free (self);

  return g_string_free_to_bytes (out);
}

static void
newline (MoatJsonWriter *self)
{
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->depth; i++)
    g_string_append (self->out, "  ");
}

/* Writes the separator and indentation that come before a value. */
static void
before_value (MoatJsonWriter *self)
{
  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }

  if (self->depth == 0)
    return;

  if (self->has_value[self->depth])
    g_string_append_c (self->out, ',');
  self->has_value[self->depth] = TRUE;
  newline (self);
}

static void
begin_container (MoatJsonWriter *self,
                 char            bracket)
{
  before_value (self);
  g_string_append_c (self->out, bracket);

  g_assert (self->depth + 1 < MAX_DEPTH);
  self->depth++;
  self->has_value[self->depth] = FALSE;
}

static void
end_container (MoatJsonWriter *self,
               char            bracket)
{
  gboolean empty = !self->has_value[self->depth];

  g_assert (self->depth > 0);
  self->depth--;

  if (!empty)
    newline (self);
  g_string_append_c (self->out, bracket);
}

void
moat_json_writer_begin_object (MoatJsonWriter *self)
{
  begin_container (self, '{');
}

void
moat_json_writer_end_object (MoatJsonWriter *self)
{
  end_container (self, '}');
}

void
moat_json_writer_begin_array (MoatJsonWriter *self)
{
  begin_container (self, '[');
}

void
moat_json_writer_end_array (MoatJsonWriter *self)
{
  end_container (self, ']');
}

static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');

  /* Copy runs of plain bytes at once; UTF-8 passes through unchanged. */
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape = NULL;
      char buffer[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
          escape = buffer;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }

  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
moat_json_writer_member (MoatJsonWriter *self,
                         const char     *key)
{
  before_value (self);
  append_escaped (self->out, key);
  g_string_append (self->out, ": ");
  self->after_key = TRUE;
}

void
moat_json_writer_string (MoatJsonWriter *self,
                         const char     *value)
{
  before_value (self);
  append_escaped (self->out, value != NULL ? value : "");
}

void
moat_json_writer_int (MoatJsonWriter *self,
                      gint64          value)
{
  before_value (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
moat_json_writer_boolean (MoatJsonWriter *self,
                          gboolean        value)
{
  before_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

/**
 * moat_json_writer_coordinate:
 *
 * Writes a coordinate rounded to two decimals with no trailing zeros, so
 * that 120.0 is written "120" and repeated saves never drift.
 */
void
moat_json_writer_coordinate (MoatJsonWriter *self,
                             double          value)
{
  gint64 hundredths;
  gint64 whole;
  int fraction;

  g_return_if_fail (isfinite (value));

  before_value (self);

  hundredths = (gint64)llround (value * 100);
  if (hundredths < 0)
    {
      g_string_append_c (self->out, '-');
      hundredths = -hundredths;
    }

  whole = hundredths / 100;
  fraction = hundredths % 100;

  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, whole);
  if (fraction % 10 != 0)
    g_string_append_printf (self->out, ".%02d", fraction);
  else if (fraction != 0)
    g_string_append_printf (self->out, ".%d", fraction / 10);
}
