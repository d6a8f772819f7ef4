/* moat-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "moat-json-reader-private.h"

/* Tree values and decoded strings come from blocks of this size, so that
 * a tree of millions of values is a few hundred allocations. */
#define BLOCK_SIZE (1024 * 1024)

/* A block of the tree or of decoded strings. Blocks are mapped pages, not
 * malloc() memory, so that freeing the tree returns its memory to the
 * system at once, and so that allocating them does not make glibc
 * consolidate the many small chunks a model frees. */
typedef struct
{
  gpointer memory;
  gsize size;
  gboolean mapped;
} Block;

static gpointer
add_block (MoatJsonReader *self,
           gsize           size)
{
  Block block = { NULL, size, TRUE };

  block.memory = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (block.memory == MAP_FAILED)
    {
      /* g_malloc() aborts with a message when memory is exhausted. */
      block.memory = g_malloc (size);
      block.mapped = FALSE;
    }

  g_array_append_val (self->blocks, block);

  return block.memory;
}

static void
clear_block (Block *block)
{
  if (block->mapped)
    munmap (block->memory, block->size);
  else
    g_free (block->memory);
}

gpointer
moat_json_reader_allocate (MoatJsonReader *self,
                           gsize           size)
{
  char *memory;

  size = (size + 7) & ~(gsize)7;

  /* A large request gets a block of its own, so that the rest of the
   * current block is not wasted. */
  if (size > BLOCK_SIZE / 4)
    return add_block (self, size);

  if (size > self->block_left)
    {
      self->block_next = add_block (self, BLOCK_SIZE);
      self->block_left = BLOCK_SIZE;
    }

  memory = self->block_next;
  self->block_next += size;
  self->block_left -= size;

  return memory;
}

/**
 * moat_json_reader_new:
 * @data: the contents of a JSON file, which must outlive the reader
 * @size: the length of @data in bytes
 *
 * Creates a reader of @data, which moat_json_reader_parse() then reads.
 *
 * Returns: (transfer full): the reader
 */
MoatJsonReader *
moat_json_reader_new (const char *data,
                      gsize       size)
{
  MoatJsonReader *self;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  self = g_new0 (MoatJsonReader, 1);
  self->data = (const guchar *)data;
  self->size = size;
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify)clear_block);
  self->scratch = g_string_new (NULL);
  self->other_scratch = g_string_new (NULL);

  return self;
}

void
moat_json_reader_free (MoatJsonReader *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->depth; i++)
    g_clear_pointer (&self->frames[i].names, g_hash_table_unref);

  g_array_unref (self->blocks);
  g_free (self->stack);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->other_scratch, TRUE);
  g_free (self);
}

/**
 * moat_json_reader_parse:
 *
 * Parses the data as one JSON value (RFC 8259) and checks it against the
 * MOAT_INPUT_MAX_* limits: the size, UTF-8 without NUL bytes, the nesting
 * depth and the decoded length of each string. It also rejects a key
 * given twice in one object, an escaped NUL, half a surrogate pair and a
 * whole number outside 64 bits, which no model contains and which could
 * not be saved back unchanged. A syntax error names the line and column;
 * the other errors name the JSON path of the value.
 *
 * Returns: %TRUE if the data is a JSON value within the limits
 */
gboolean
moat_json_reader_parse (MoatJsonReader  *self,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->parsed, FALSE);

  self->parsed = TRUE;

  if (!moat_json_check_size (self->size, error))
    return FALSE;

  /* Strings are checked for UTF-8 as they are read, and any other byte
   * that is not ASCII ends the parse with an error. A file with a byte
   * that is not UTF-8 anywhere reports that byte, whatever else is wrong. */
  ok = moat_json_reader_parse_document (self, &local_error);
  if (!ok && !moat_json_check_encoding ((const char *)self->data, self->size, error))
    g_clear_error (&local_error);
  else if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  /* The stack is only needed while parsing. */
  g_clear_pointer (&self->stack, g_free);
  self->stack_length = 0;
  self->stack_allocated = 0;

  return ok;
}

/**
 * moat_json_reader_get_root:
 *
 * Returns: (nullable): the parsed value, or %NULL when
 *   moat_json_reader_parse() has not succeeded
 */
const MoatJsonValue *
moat_json_reader_get_root (MoatJsonReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->has_root ? &self->root : NULL;
}

/**
 * moat_json_reader_get_string:
 * @value: a string value of this reader's tree
 *
 * Decodes @value into a copy that lives as long as the reader, or until
 * the end of the scope of moat_json_reader_begin_strings(). Each call
 * makes a new copy, so a caller that needs the text twice keeps it.
 *
 * Returns: the text, in UTF-8 without NUL characters
 */
const char *
moat_json_reader_get_string (MoatJsonReader      *self,
                             const MoatJsonValue *value)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_STRING, NULL);

  text = moat_json_reader_allocate (self, value->length + 1);
  if (!value->escaped)
    {
      memcpy (text, self->data + value->data.offset, value->length);
      text[value->length] = '\0';
    }
  else
    {
      g_string_truncate (self->scratch, 0);
      moat_json_reader_append_decoded (self, value, self->scratch);
      memcpy (text, self->scratch->str, self->scratch->len + 1);
    }

  return text;
}

/**
 * moat_json_reader_begin_strings:
 *
 * Starts a scope of strings: moat_json_reader_end_strings() frees the
 * strings that moat_json_reader_get_string() returns from now on. A loader
 * that reads strings only to copy them opens a scope per object, so that
 * the decoded copies of a large file do not add up. Scopes do not nest.
 */
void
moat_json_reader_begin_strings (MoatJsonReader *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->has_root);
  g_return_if_fail (!self->in_string_scope);

  self->in_string_scope = TRUE;
  self->scope_n_blocks = self->blocks->len;
  self->scope_block_next = self->block_next;
  self->scope_block_left = self->block_left;
}

/**
 * moat_json_reader_end_strings:
 *
 * Frees the strings returned since moat_json_reader_begin_strings(), and
 * the blocks they took, so their memory can hold the next strings.
 */
void
moat_json_reader_end_strings (MoatJsonReader *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->in_string_scope);

  /* Only strings come after the tree, so the blocks added since the scope
   * began hold nothing else. */
  if (self->blocks->len > self->scope_n_blocks)
    g_array_remove_range (self->blocks, self->scope_n_blocks,
                          self->blocks->len - self->scope_n_blocks);

  self->block_next = self->scope_block_next;
  self->block_left = self->scope_block_left;
  self->in_string_scope = FALSE;
}

/**
 * moat_json_reader_string_equal:
 * @value: a string value of this reader's tree
 * @text: UTF-8 text
 * @length: the length of @text in bytes
 *
 * Compares @value, decoded, with @text without copying it when it has no
 * escapes.
 *
 * Returns: %TRUE if they are equal
 */
gboolean
moat_json_reader_string_equal (MoatJsonReader      *self,
                               const MoatJsonValue *value,
                               const char          *text,
                               gsize                length)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_STRING, FALSE);

  if (!value->escaped)
    return value->length == length &&
           memcmp (self->data + value->data.offset, text, length) == 0;

  g_string_truncate (self->scratch, 0);
  moat_json_reader_append_decoded (self, value, self->scratch);

  return self->scratch->len == length && memcmp (self->scratch->str, text, length) == 0;
}

MoatJsonType
moat_json_value_get_value_type (const MoatJsonValue *value)
{
  g_return_val_if_fail (value != NULL, MOAT_JSON_TYPE_NULL);

  return value->type;
}

gboolean
moat_json_value_get_boolean (const MoatJsonValue *value)
{
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_BOOLEAN, FALSE);

  return value->data.boolean;
}

gint64
moat_json_value_get_int (const MoatJsonValue *value)
{
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_INTEGER, 0);

  return value->data.integer;
}

/**
 * moat_json_value_get_double:
 * @value: a number
 *
 * Returns: the number, converting a whole number to a double
 */
double
moat_json_value_get_double (const MoatJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0);

  if (value->type == MOAT_JSON_TYPE_INTEGER)
    return value->data.integer;

  g_return_val_if_fail (value->type == MOAT_JSON_TYPE_DOUBLE, 0);

  return value->data.number;
}

/**
 * moat_json_value_get_length:
 * @value: an array or an object
 *
 * Returns: the number of elements of an array or members of an object
 */
guint
moat_json_value_get_length (const MoatJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0);
  g_return_val_if_fail (value->type == MOAT_JSON_TYPE_ARRAY ||
                        value->type == MOAT_JSON_TYPE_OBJECT, 0);

  return value->length;
}

const MoatJsonValue *
moat_json_value_get_element (const MoatJsonValue *value,
                             guint                index)
{
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_ARRAY, NULL);
  g_return_val_if_fail (index < value->length, NULL);

  return &value->data.children[index];
}

/**
 * moat_json_value_get_member_name:
 * @value: an object
 * @index: a member's position in the file, from 0
 *
 * Returns: the member's name, a string value
 */
const MoatJsonValue *
moat_json_value_get_member_name (const MoatJsonValue *value,
                                 guint                index)
{
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_OBJECT, NULL);
  g_return_val_if_fail (index < value->length, NULL);

  return &value->data.children[2 * index];
}

const MoatJsonValue *
moat_json_value_get_member_value (const MoatJsonValue *value,
                                  guint                index)
{
  g_return_val_if_fail (value != NULL && value->type == MOAT_JSON_TYPE_OBJECT, NULL);
  g_return_val_if_fail (index < value->length, NULL);

  return &value->data.children[2 * index + 1];
}
