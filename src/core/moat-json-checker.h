/* moat-json-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reads a JSON data file (the STRIDE catalogue, a rule library) and
 * collects every problem with the file name and the JSON path of the
 * offending value, as the .moat loader does. */
typedef struct _MoatJsonChecker MoatJsonChecker;

MoatJsonChecker *moat_json_checker_new           (const char       *display_name);
void             moat_json_checker_free          (MoatJsonChecker  *self);
JsonNode        *moat_json_checker_parse         (MoatJsonChecker  *self,
                                                  GBytes           *bytes,
                                                  GError          **error);
void             moat_json_checker_push_key      (MoatJsonChecker  *self,
                                                  const char       *key);
void             moat_json_checker_push_index    (MoatJsonChecker  *self,
                                                  guint             index);
void             moat_json_checker_pop           (MoatJsonChecker  *self);
char            *moat_json_checker_dup_path      (MoatJsonChecker  *self,
                                                  const char       *key);
void             moat_json_checker_problem       (MoatJsonChecker  *self,
                                                  const char       *key,
                                                  const char       *format,
                                                  ...) G_GNUC_PRINTF (3, 4);
guint            moat_json_checker_get_n_problems (MoatJsonChecker *self);
gboolean         moat_json_checker_finish        (MoatJsonChecker  *self,
                                                  GQuark            domain,
                                                  int               code,
                                                  GError          **error);
const char      *moat_json_describe_node         (JsonNode         *node);
void             moat_json_checker_check_keys    (MoatJsonChecker  *self,
                                                  JsonObject       *object,
                                                  const char * const *allowed);
const char      *moat_json_checker_read_string   (MoatJsonChecker  *self,
                                                  JsonObject       *object,
                                                  const char       *key,
                                                  gboolean          required);
JsonObject      *moat_json_checker_read_object   (MoatJsonChecker  *self,
                                                  JsonObject       *object,
                                                  const char       *key,
                                                  gboolean          required);
JsonArray       *moat_json_checker_read_array    (MoatJsonChecker  *self,
                                                  JsonObject       *object,
                                                  const char       *key,
                                                  gboolean          required);
JsonObject      *moat_json_checker_array_object  (MoatJsonChecker  *self,
                                                  JsonArray        *array,
                                                  guint             index);
char           **moat_json_checker_read_strings  (MoatJsonChecker  *self,
                                                  JsonObject       *object,
                                                  const char       *key);
int              moat_json_checker_read_enum     (MoatJsonChecker  *self,
                                                  JsonObject       *object,
                                                  const char       *key,
                                                  GType             enum_type,
                                                  gboolean          required,
                                                  int               fallback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatJsonChecker, moat_json_checker_free)

G_END_DECLS
