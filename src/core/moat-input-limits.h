/* moat-input-limits.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Largest file read: about 40 % above the 100,000-element model of the
 * benchmark (some 700 MB). json-glib 1.6, which reads Threat Dragon files,
 * needs about 7.5 times the file size in memory (536 MB for a 71 MB
 * model). The .moat reader needs at most 8 times, 16 bytes for each value
 * of two bytes as in [0,0,…]. So this caps a load near 8 GB instead of
 * letting a huge file exhaust memory. */
#define MOAT_INPUT_MAX_FILE_SIZE  ((gsize)1 << 30)

/* Deepest nesting of arrays and objects. A .moat file nests 7 levels and
 * a Threat Dragon file up to 11. json-glib 1.6 parses recursively and
 * overflows the stack somewhere between 20,000 and 100,000 levels. The
 * .moat reader does not recurse and keeps a fixed array of levels. */
#define MOAT_INPUT_MAX_DEPTH       64

/* Longest string, in bytes of UTF-8 after escapes are decoded: 1 MiB, a
 * few hundred pages of text in one field. */
#define MOAT_INPUT_MAX_TEXT_LENGTH (1 << 20)

/* Counts of model objects: about twice what the 100,000-element model of
 * the benchmark has (132,000 flows, 280,000 threats), so every model the
 * benchmark measures opens, while a file of a few million tiny objects is
 * rejected before Moat builds them. Elements, trust boundaries and
 * annotations are counted per diagram, each kind on its own; points per
 * flow or boundary line. */
#define MOAT_INPUT_MAX_DIAGRAMS   1000
#define MOAT_INPUT_MAX_ELEMENTS   200000
#define MOAT_INPUT_MAX_FLOWS      400000
#define MOAT_INPUT_MAX_THREATS    1000000
#define MOAT_INPUT_MAX_POINTS     10000

#define MOAT_JSON_INPUT_ERROR     (moat_json_input_error_quark ())

typedef enum
{
  MOAT_JSON_INPUT_ERROR_TOO_LARGE,
  MOAT_JSON_INPUT_ERROR_ENCODING,
  MOAT_JSON_INPUT_ERROR_TOO_DEEP,
  MOAT_JSON_INPUT_ERROR_TEXT_TOO_LONG,
  MOAT_JSON_INPUT_ERROR_INVALID_ESCAPE,
  MOAT_JSON_INPUT_ERROR_DUPLICATE_KEY,
  MOAT_JSON_INPUT_ERROR_NUMBER_TOO_LARGE,
  MOAT_JSON_INPUT_ERROR_SYNTAX,
  MOAT_JSON_INPUT_ERROR_TRAILING_CONTENT,
} MoatJsonInputError;

GQuark   moat_json_input_error_quark (void);

gboolean moat_json_check_input       (const char    *data,
                                      gsize          size,
                                      GError       **error);
gboolean moat_json_check_size        (guint64        size,
                                      GError       **error);
gboolean moat_json_check_encoding    (const char    *data,
                                      gsize          size,
                                      GError       **error);
char    *moat_json_dup_location      (const char    *data,
                                      gsize          offset);
void     moat_json_append_path_key   (GString       *path,
                                      const char    *key);
GBytes  *moat_input_load_file        (GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
