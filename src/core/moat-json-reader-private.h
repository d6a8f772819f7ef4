/* moat-json-reader-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-input-limits.h"
#include "moat-json-reader.h"

G_BEGIN_DECLS

struct _MoatJsonValue
{
  guint8 type;

  /* Whether a string contains a backslash escape. */
  guint8 escaped;

  /* A string's length in the file between its quotes, the number of an
   * array's elements, or the number of an object's members. */
  guint32 length;

  union
  {
    gsize offset;
    gint64 integer;
    double number;
    gboolean boolean;

    /* An array's elements, or each member's name and value in turn. */
    MoatJsonValue *children;
  } data;
};

G_STATIC_ASSERT (sizeof (MoatJsonValue) <= 16);

typedef struct
{
  gboolean is_object;

  /* Index in the value stack of the container's first child. */
  gsize start;

  /* Elements or members read completely so far. */
  guint n_children;

  /* Index in the value stack of the current member's name, or -1. */
  gssize name;

  /* Decoded names of a large object, to find duplicates. */
  GHashTable *names;
} Frame;

struct _MoatJsonReader
{
  const guchar *data;
  gsize size;
  gsize position;

  GArray *blocks;
  char *block_next;
  gsize block_left;

  /* The blocks and the free space of the current block when
   * moat_json_reader_begin_strings() was called. */
  gboolean in_string_scope;
  guint scope_n_blocks;
  char *scope_block_next;
  gsize scope_block_left;

  /* Values read whose container is still open. */
  MoatJsonValue *stack;
  gsize stack_length;
  gsize stack_allocated;

  Frame frames[MOAT_INPUT_MAX_DEPTH];
  guint depth;

  MoatJsonValue root;
  gboolean parsed;
  gboolean has_root;

  GString *scratch;
  GString *other_scratch;
};

gpointer moat_json_reader_allocate       (MoatJsonReader       *self,
                                          gsize                 size);
void     moat_json_reader_append_decoded (MoatJsonReader       *self,
                                          const MoatJsonValue  *value,
                                          GString              *out);
gboolean moat_json_reader_parse_document (MoatJsonReader       *self,
                                          GError              **error);

G_END_DECLS
