/* moat-json-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A streaming JSON writer with one fixed layout (two-space indent, one
 * member per line, trailing newline), so that equal models always give
 * equal bytes and a one-field change is a one-line diff. It writes
 * straight into a GString, skipping json-glib's intermediate tree. */
typedef struct _MoatJsonWriter MoatJsonWriter;

MoatJsonWriter *moat_json_writer_new          (gsize           reserve);
GBytes         *moat_json_writer_free_to_bytes (MoatJsonWriter *self);
void            moat_json_writer_free         (MoatJsonWriter *self);
void            moat_json_writer_reset        (MoatJsonWriter *self);
void            moat_json_writer_begin_object (MoatJsonWriter *self);
void            moat_json_writer_end_object   (MoatJsonWriter *self);
void            moat_json_writer_begin_array  (MoatJsonWriter *self);
void            moat_json_writer_end_array    (MoatJsonWriter *self);
void            moat_json_writer_member       (MoatJsonWriter *self,
                                               const char     *key);
void            moat_json_writer_string       (MoatJsonWriter *self,
                                               const char     *value);
void            moat_json_writer_int          (MoatJsonWriter *self,
                                               gint64          value);
void            moat_json_writer_boolean      (MoatJsonWriter *self,
                                               gboolean        value);
void            moat_json_writer_coordinate   (MoatJsonWriter *self,
                                               double          value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatJsonWriter, moat_json_writer_free)

G_END_DECLS
