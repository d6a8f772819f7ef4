/* moat-json-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-enums.h"
#include "moat-json-checker.h"

/* Past this many, the rest are counted, not listed. */
#define MAX_LISTED_PROBLEMS 50

typedef struct
{
  const char *key;
  guint index;
} PathSegment;

struct _MoatJsonChecker
{
  char *display_name;
  GArray *path;
  GPtrArray *problems;
  guint n_problems;
  JsonParser *parser;
};

MoatJsonChecker *
moat_json_checker_new (const char *display_name)
{
  MoatJsonChecker *self = g_new0 (MoatJsonChecker, 1);

  self->display_name = g_strdup (display_name);
  self->path = g_array_new (FALSE, FALSE, sizeof (PathSegment));
  self->problems = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
moat_json_checker_free (MoatJsonChecker *self)
{
  g_free (self->display_name);
  g_array_unref (self->path);
  g_ptr_array_unref (self->problems);
  g_clear_object (&self->parser);
  g_free (self);
}

/**
 * moat_json_checker_parse:
 *
 * Parses @bytes as JSON. The returned node belongs to the checker and
 * lives as long as it does.
 *
 * Returns: (transfer none): the root node, or %NULL with @error set
 */
JsonNode *
moat_json_checker_parse (MoatJsonChecker  *self,
                         GBytes           *bytes,
                         GError          **error)
{
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *message;

  g_clear_object (&self->parser);
  self->parser = json_parser_new_immutable ();

  if (size == 0 || !json_parser_load_from_data (self->parser, data, size, &parse_error))
    {
      message = parse_error != NULL ? parse_error->message : _("the file is empty");
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: invalid JSON: %s; fix the file at that line and column"),
                   self->display_name, message);
      return NULL;
    }

  return json_parser_get_root (self->parser);
}

void
moat_json_checker_push_key (MoatJsonChecker *self,
                            const char      *key)
{
  PathSegment segment = { key, 0 };

  g_array_append_val (self->path, segment);
}

void
moat_json_checker_push_index (MoatJsonChecker *self,
                              guint            index)
{
  PathSegment segment = { NULL, index };

  g_array_append_val (self->path, segment);
}

void
moat_json_checker_pop (MoatJsonChecker *self)
{
  g_assert (self->path->len > 0);

  g_array_set_size (self->path, self->path->len - 1);
}

/**
 * moat_json_checker_dup_path:
 * @key: (nullable): a member of the current object to add to the path
 *
 * Returns: (transfer full): the JSON path of the current value, such as
 *   `$.rules[3].when`
 */
char *
moat_json_checker_dup_path (MoatJsonChecker *self,
                            const char      *key)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < self->path->len; i++)
    {
      const PathSegment *segment = &g_array_index (self->path, PathSegment, i);

      if (segment->key != NULL)
        g_string_append_printf (path, ".%s", segment->key);
      else
        g_string_append_printf (path, "[%u]", segment->index);
    }

  if (key != NULL)
    g_string_append_printf (path, ".%s", key);

  return g_string_free (path, FALSE);
}

/* Records a problem at the current path, or at its member @key. */
void
moat_json_checker_problem (MoatJsonChecker *self,
                           const char      *key,
                           const char      *format,
                           ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  self->n_problems++;
  if (self->problems->len >= MAX_LISTED_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = moat_json_checker_dup_path (self, key);
  g_ptr_array_add (self->problems,
                   g_strdup_printf ("%s: %s: %s", self->display_name, path, message));
}

guint
moat_json_checker_get_n_problems (MoatJsonChecker *self)
{
  return self->n_problems;
}

/**
 * moat_json_checker_finish:
 *
 * Turns the problems found into one error, one problem per line.
 *
 * Returns: %TRUE if there were none
 */
gboolean
moat_json_checker_finish (MoatJsonChecker  *self,
                          GQuark            domain,
                          int               code,
                          GError          **error)
{
  g_autoptr(GString) message = NULL;

  if (self->n_problems == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < self->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (self->problems, i));
    }

  if (self->n_problems > self->problems->len)
    {
      g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: and %u more problem",
                                           "%s: and %u more problems",
                                           self->n_problems - self->problems->len),
                              self->display_name, self->n_problems - self->problems->len);
    }

  g_set_error_literal (error, domain, code, message->str);

  return FALSE;
}

const char *
moat_json_describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        case G_TYPE_STRING:
          return _("a string");
        default:
          return _("a number");
        }
    default:
      g_return_val_if_reached (NULL);
    }
}

void
moat_json_checker_check_keys (MoatJsonChecker    *self,
                              JsonObject         *object,
                              const char * const *allowed)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (allowed, key))
      moat_json_checker_problem (self, key,
                                 _("unknown key “%s”; check its spelling or remove it"), key);
}

static JsonNode *
get_member (MoatJsonChecker *self,
            JsonObject      *object,
            const char      *key,
            gboolean         required)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL && required)
    moat_json_checker_problem (self, NULL, _("missing required key “%s”"), key);

  return node;
}

const char *
moat_json_checker_read_string (MoatJsonChecker *self,
                               JsonObject      *object,
                               const char      *key,
                               gboolean         required)
{
  JsonNode *node = get_member (self, object, key, required);

  if (node == NULL)
    return "";

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      moat_json_checker_problem (self, key, _("expected a string, found %s"),
                                 moat_json_describe_node (node));
      return "";
    }

  if (required && json_node_get_string (node)[0] == '\0')
    moat_json_checker_problem (self, key, _("the text is empty; write it"));

  return json_node_get_string (node);
}

JsonObject *
moat_json_checker_read_object (MoatJsonChecker *self,
                               JsonObject      *object,
                               const char      *key,
                               gboolean         required)
{
  JsonNode *node = get_member (self, object, key, required);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      moat_json_checker_problem (self, key, _("expected an object, found %s"),
                                 moat_json_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

JsonArray *
moat_json_checker_read_array (MoatJsonChecker *self,
                              JsonObject      *object,
                              const char      *key,
                              gboolean         required)
{
  JsonNode *node = get_member (self, object, key, required);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      moat_json_checker_problem (self, key, _("expected an array, found %s"),
                                 moat_json_describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

/* Returns the array's element @index as an object, or reports it at the
 * current path, which the caller has pushed @index onto. */
JsonObject *
moat_json_checker_array_object (MoatJsonChecker *self,
                                JsonArray       *array,
                                guint            index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      moat_json_checker_problem (self, NULL, _("expected an object, found %s"),
                                 moat_json_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Reads an optional list of non-empty strings. */
char **
moat_json_checker_read_strings (MoatJsonChecker *self,
                                JsonObject      *object,
                                const char      *key)
{
  JsonArray *array = moat_json_checker_read_array (self, object, key, FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return g_strv_builder_end (builder);

  moat_json_checker_push_key (self, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      moat_json_checker_push_index (self, i);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        moat_json_checker_problem (self, NULL, _("expected a string, found %s"),
                                   moat_json_describe_node (node));
      else if (json_node_get_string (node)[0] == '\0')
        moat_json_checker_problem (self, NULL, _("the text is empty; write it or remove it"));
      else
        g_strv_builder_add (builder, json_node_get_string (node));
      moat_json_checker_pop (self);
    }
  moat_json_checker_pop (self);

  return g_strv_builder_end (builder);
}

int
moat_json_checker_read_enum (MoatJsonChecker *self,
                             JsonObject      *object,
                             const char      *key,
                             GType            enum_type,
                             gboolean         required,
                             int              fallback)
{
  JsonNode *node = get_member (self, object, key, required);
  const char *nick;
  int value;

  if (node == NULL)
    return fallback;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      moat_json_checker_problem (self, key, _("expected a string, found %s"),
                                 moat_json_describe_node (node));
      return fallback;
    }

  nick = json_node_get_string (node);
  if (!moat_enum_from_nick (enum_type, nick, &value))
    {
      g_autofree char *nicks = moat_enum_dup_nicks (enum_type);

      moat_json_checker_problem (self, key, _("unknown value “%s”; expected one of: %s"),
                                 nick, nicks);
      return fallback;
    }

  return value;
}
