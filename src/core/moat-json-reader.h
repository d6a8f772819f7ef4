/* moat-json-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A strict RFC 8259 JSON reader for untrusted files. One pass over the
 * bytes builds a read-only tree whose values are 16 bytes each, allocated
 * in large blocks that are freed together. Strings stay in the input and
 * are decoded only when read, and object members keep their file order.
 * The reader enforces the MOAT_INPUT_MAX_* limits of moat-input-limits.h
 * and reports every error in the MOAT_JSON_INPUT_ERROR domain. */
typedef struct _MoatJsonReader MoatJsonReader;
typedef struct _MoatJsonValue MoatJsonValue;

typedef enum
{
  MOAT_JSON_TYPE_NULL,
  MOAT_JSON_TYPE_BOOLEAN,
  MOAT_JSON_TYPE_INTEGER,
  MOAT_JSON_TYPE_DOUBLE,
  MOAT_JSON_TYPE_STRING,
  MOAT_JSON_TYPE_ARRAY,
  MOAT_JSON_TYPE_OBJECT,
} MoatJsonType;

MoatJsonReader      *moat_json_reader_new              (const char          *data,
                                                        gsize                size);
void                 moat_json_reader_free             (MoatJsonReader      *self);
gboolean             moat_json_reader_parse            (MoatJsonReader      *self,
                                                        GError             **error);
const MoatJsonValue *moat_json_reader_get_root         (MoatJsonReader      *self);
const char          *moat_json_reader_get_string       (MoatJsonReader      *self,
                                                        const MoatJsonValue *value);
void                 moat_json_reader_begin_strings    (MoatJsonReader      *self);
void                 moat_json_reader_end_strings      (MoatJsonReader      *self);
gboolean             moat_json_reader_string_equal     (MoatJsonReader      *self,
                                                        const MoatJsonValue *value,
                                                        const char          *text,
                                                        gsize                length);

MoatJsonType         moat_json_value_get_value_type    (const MoatJsonValue *value);
gboolean             moat_json_value_get_boolean       (const MoatJsonValue *value);
gint64               moat_json_value_get_int           (const MoatJsonValue *value);
double               moat_json_value_get_double        (const MoatJsonValue *value);
guint                moat_json_value_get_length        (const MoatJsonValue *value);
const MoatJsonValue *moat_json_value_get_element       (const MoatJsonValue *value,
                                                        guint                index);
const MoatJsonValue *moat_json_value_get_member_name   (const MoatJsonValue *value,
                                                        guint                index);
const MoatJsonValue *moat_json_value_get_member_value  (const MoatJsonValue *value,
                                                        guint                index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatJsonReader, moat_json_reader_free)

G_END_DECLS
