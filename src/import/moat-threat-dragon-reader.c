/* moat-threat-dragon-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"

#include <math.h>
#include <stdarg.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-threat-dragon-private.h"
/* The path of the value being read, the two kinds of message, and reads
 * of JSON members that check the type and record a problem with its JSON
 * path when it is wrong. */

void
td_push_key (Importer   *importer,
          const char *key)
{
  guint length = importer->path->len;

  g_array_append_val (importer->path_lengths, length);
  g_string_append_printf (importer->path, ".%s", key);
}

void
td_push_index (Importer *importer,
            guint     index)
{
  guint length = importer->path->len;

  g_array_append_val (importer->path_lengths, length);
  g_string_append_printf (importer->path, "[%u]", index);
}

void
td_pop (Importer *importer)
{
  guint last = importer->path_lengths->len - 1;

  g_string_truncate (importer->path, g_array_index (importer->path_lengths, guint, last));
  g_array_set_size (importer->path_lengths, last);
}

static char *
dup_path (Importer   *importer,
          const char *key)
{
  if (key == NULL)
    return g_strdup (importer->path->str);

  return g_strdup_printf ("%s.%s", importer->path->str, key);
}

/* Records a problem that makes the file unusable, at the current path or
 * at its member @key. */
G_GNUC_PRINTF (3, 4)
void
td_problem (Importer   *importer,
         const char *key,
         const char *format,
         ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  importer->n_problems++;
  if (importer->problems->len >= MAX_LISTED_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = dup_path (importer, key);
  g_ptr_array_add (importer->problems,
                   g_strdup_printf ("%s: %s: %s", importer->display_name, path, message));
}

/* Adds a line to the import report, at the current path or at @key. */
G_GNUC_PRINTF (3, 4)
void
td_report (Importer   *importer,
        const char *key,
        const char *format,
        ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = dup_path (importer, key);
  g_ptr_array_add (importer->report,
                   g_strdup_printf ("%s: %s: %s", importer->display_name, path, message));
}

const char *
td_describe_node (JsonNode *node)
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

gboolean
td_holds_type (JsonNode *node,
            GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

gboolean
td_holds_number (JsonNode *node)
{
  return td_holds_type (node, G_TYPE_DOUBLE) || td_holds_type (node, G_TYPE_INT64);
}

/* Reads an optional string; a missing member or null reads as empty. */
const char *
td_read_string (Importer   *importer,
             JsonObject *object,
             const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "";

  if (!td_holds_type (node, G_TYPE_STRING))
    {
      td_problem (importer, key, _("expected a string, found %s"), td_describe_node (node));
      return "";
    }

  return json_node_get_string (node);
}

gboolean
td_read_boolean (Importer   *importer,
              JsonObject *object,
              const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (!td_holds_type (node, G_TYPE_BOOLEAN))
    {
      td_problem (importer, key, _("expected true or false, found %s"), td_describe_node (node));
      return FALSE;
    }

  return json_node_get_boolean (node);
}

/* Old Threat Dragon files write some numbers as strings, such as
 * "width": "100". */
gboolean
td_parse_number (JsonNode *node,
              double   *value)
{
  if (td_holds_number (node))
    {
      *value = json_node_get_double (node);
      return isfinite (*value);
    }

  if (td_holds_type (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      *value = g_ascii_strtod (text, &end);
      while (end != NULL && g_ascii_isspace (*end))
        end++;

      return end != text && end != NULL && *end == '\0' && isfinite (*value);
    }

  return FALSE;
}

gboolean
td_read_coordinate (Importer   *importer,
                 JsonObject *object,
                 const char *key,
                 double     *value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      td_problem (importer, NULL, _("missing required key “%s”"), key);
      return FALSE;
    }

  if (!td_parse_number (node, value))
    {
      td_problem (importer, key, _("expected a number, found %s"), td_describe_node (node));
      return FALSE;
    }

  if (fabs (*value) > MOAT_COORDINATE_MAX)
    {
      td_problem (importer, key, _("value %g is out of range; expected a number from %g to %g"),
               *value, -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX);
      return FALSE;
    }

  return TRUE;
}

JsonObject *
td_read_object (Importer   *importer,
             JsonObject *object,
             const char *key,
             gboolean    required)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL)
    {
      if (required)
        td_problem (importer, NULL, _("missing required key “%s”"), key);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      td_problem (importer, key, _("expected an object, found %s"), td_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

JsonArray *
td_read_array (Importer   *importer,
            JsonObject *object,
            const char *key,
            gboolean    required)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    {
      if (required)
        td_problem (importer, NULL, _("missing required key “%s”"), key);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      td_problem (importer, key, _("expected an array, found %s"), td_describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

/* Reports an array longer than @limit at its member @key of the current
 * path and returns FALSE, so that millions of small cells are rejected
 * before they are built. */
gboolean
td_check_length (Importer   *importer,
                 JsonArray  *array,
                 const char *key,
                 guint       limit)
{
  guint length = json_array_get_length (array);

  if (length <= limit)
    return TRUE;

  td_problem (importer, key,
              _("the list has %u items, above the limit of %u that Moat reads; split the "
                "model into smaller diagrams or files"),
              length, limit);

  return FALSE;
}

JsonObject *
td_array_object (Importer  *importer,
              JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      td_problem (importer, NULL, _("expected an object, found %s"), td_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Reports each member of @object that is in none of the key lists. */
void
td_report_unknown_keys (Importer            *importer,
                     JsonObject          *object,
                     const char * const  *known,
                     const char * const  *more_known)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key) && (more_known == NULL || !g_strv_contains (more_known, key)))
      td_report (importer, key, _("unknown key “%s” was not imported"), key);
}

/* Gives out @wanted as a Moat id if it is usable and still free, or a new
 * one, and reports the change of a duplicate id. */
const char *
td_claim_id (Importer   *importer,
          const char *wanted,
          const char *prefix)
{
  char *id;

  if (wanted != NULL && wanted[0] != '\0' && !g_hash_table_contains (importer->ids, wanted))
    {
      id = g_strdup (wanted);
    }
  else
    {
      id = moat_item_new_id (prefix);
      while (g_hash_table_contains (importer->ids, id))
        {
          g_free (id);
          id = moat_item_new_id (prefix);
        }

      if (wanted != NULL && wanted[0] != '\0')
        td_report (importer, "id", _("the id “%s” is used twice; this copy was given the id “%s”"),
                wanted, id);
    }

  g_hash_table_add (importer->ids, id);

  return id;
}

JsonObject *
td_get_object_member (JsonObject *object,
                   const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
td_get_string_member (JsonObject *object,
                   const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && td_holds_type (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
}

/* Quotes a name for a report line, or returns "(no name)" for an empty one. */
char *
td_dup_quoted_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return g_strdup (_("(no name)"));

  return g_strdup_printf ("“%s”", name);
}

/* Reads a member that every Threat Dragon model has. When it is missing,
 * the message names the unknown keys found instead, which are usually a
 * misspelling of it. */
void
td_report_missing (Importer           *importer,
                JsonObject         *object,
                const char         *key,
                const char * const *known)
{
  g_autoptr(GString) unknown = g_string_new (NULL);
  JsonObjectIter iter;
  const char *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, NULL))
    if (!g_strv_contains (known, member))
      g_string_append_printf (unknown, "%s“%s”", unknown->len > 0 ? ", " : "", member);

  if (unknown->len > 0)
    td_problem (importer, NULL,
             _("missing required key “%s”, which every Threat Dragon model has; found "
               "instead: %s (check the spelling)"),
             key, unknown->str);
  else
    td_problem (importer, NULL,
             _("missing required key “%s”, which every Threat Dragon model has"), key);
}

JsonObject *
td_read_required_object (Importer           *importer,
                      JsonObject         *object,
                      const char         *key,
                      const char * const *known)
{
  if (json_object_has_member (object, key))
    return td_read_object (importer, object, key, TRUE);

  td_report_missing (importer, object, key, known);

  return NULL;
}
