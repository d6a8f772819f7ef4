/* moat-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-atomic-file.h"
#include "moat-document-private.h"
#include "moat-format.h"
#include "moat-format-private.h"
#include "moat-format-serializer.h"
#include "moat-input-limits.h"
#include "moat-json-reader.h"
#include "moat-rules.h"

/* Past this many, the rest are counted, not listed: one broken reference
 * repeated in 10,000 flows helps no one as 10,000 lines. */
#define MAX_LISTED_PROBLEMS 50

G_DEFINE_QUARK (moat-format-error-quark, moat_format_error)

typedef struct
{
  const char *key;
  guint index;
} PathSegment;

typedef struct
{
  const char *display_name;
  GArray *path;
  GPtrArray *problems;
  guint n_problems;
  GHashTable *ids;
  GStringChunk *id_texts;
  MoatDocument *document;
  MoatJsonReader *reader;
} Loader;

/* An object of the file and where the next member lookup starts. Moat
 * reads members in the order it writes them, so a lookup usually matches
 * the first member it compares. */
typedef struct
{
  const MoatJsonValue *value;
  guint next;
} Object;

static const char * const model_keys[] = {
  "title", "description", "owner", "model-version", "reviewers",
  "business-objectives", "security-objectives", "compliance",
  "risk-appetite", "technical-scope", "contributors", "rule-files", NULL,
};

static const char * const model_text_keys[] = {
  "title", "description", "owner", "model-version", "business-objectives",
  "security-objectives", "risk-appetite", "technical-scope", NULL,
};

static void
push_key (Loader     *loader,
          const char *key)
{
  PathSegment segment = { key, 0 };

  g_array_append_val (loader->path, segment);
}

static void
push_index (Loader *loader,
            guint   index)
{
  PathSegment segment = { NULL, index };

  g_array_append_val (loader->path, segment);
}

static void
pop (Loader *loader)
{
  g_array_set_size (loader->path, loader->path->len - 1);
}

static char *
dup_path (Loader     *loader,
          const char *last_key)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < loader->path->len; i++)
    {
      const PathSegment *segment = &g_array_index (loader->path, PathSegment, i);

      if (segment->key != NULL)
        g_string_append_printf (path, ".%s", segment->key);
      else
        g_string_append_printf (path, "[%u]", segment->index);
    }

  if (last_key != NULL)
    g_string_append_printf (path, ".%s", last_key);

  return g_string_free (path, FALSE);
}

/* Records a problem at the current path, or at its member @key. */
G_GNUC_PRINTF (3, 4)
static void
problem (Loader     *loader,
         const char *key,
         const char *format,
         ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  loader->n_problems++;
  if (loader->problems->len >= MAX_LISTED_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = dup_path (loader, key);
  g_ptr_array_add (loader->problems,
                   g_strdup_printf ("%s: %s: %s", loader->display_name, path, message));
}

static const char *
describe_value (const MoatJsonValue *value)
{
  switch (moat_json_value_get_value_type (value))
    {
    case MOAT_JSON_TYPE_OBJECT:
      return _("an object");
    case MOAT_JSON_TYPE_ARRAY:
      return _("an array");
    case MOAT_JSON_TYPE_NULL:
      return _("null");
    case MOAT_JSON_TYPE_BOOLEAN:
      return _("a boolean");
    case MOAT_JSON_TYPE_STRING:
      return _("a string");
    case MOAT_JSON_TYPE_INTEGER:
    case MOAT_JSON_TYPE_DOUBLE:
      return _("a number");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Finds @name in @allowed, starting at *@cursor. When Moat wrote the file,
 * the members come in the order of @allowed, so the first comparison
 * matches. */
static gboolean
find_allowed_key (Loader              *loader,
                  const MoatJsonValue *name,
                  const char * const  *allowed,
                  guint               *cursor)
{
  for (guint i = *cursor; allowed[i] != NULL; i++)
    if (moat_json_reader_string_equal (loader->reader, name, allowed[i], strlen (allowed[i])))
      {
        *cursor = i + 1;
        return TRUE;
      }

  for (guint i = 0; i < *cursor; i++)
    if (moat_json_reader_string_equal (loader->reader, name, allowed[i], strlen (allowed[i])))
      {
        *cursor = i + 1;
        return TRUE;
      }

  return FALSE;
}

static void
check_keys (Loader             *loader,
            Object             *object,
            const char * const *allowed)
{
  guint n_members = moat_json_value_get_length (object->value);
  guint cursor = 0;

  for (guint i = 0; i < n_members; i++)
    {
      const MoatJsonValue *name = moat_json_value_get_member_name (object->value, i);

      if (!find_allowed_key (loader, name, allowed, &cursor))
        {
          const char *key = moat_json_reader_get_string (loader->reader, name);

          problem (loader, key, _("unknown key “%s”; check its spelling or remove it"), key);
        }
    }
}

/* Returns the value of the member @key, starting the search after the
 * member found last. */
static const MoatJsonValue *
find_member (Loader     *loader,
             Object     *object,
             const char *key)
{
  guint n_members = moat_json_value_get_length (object->value);
  gsize length = strlen (key);

  for (guint n = 0; n < n_members; n++)
    {
      guint i = object->next + n < n_members ? object->next + n : object->next + n - n_members;
      const MoatJsonValue *name = moat_json_value_get_member_name (object->value, i);

      if (moat_json_reader_string_equal (loader->reader, name, key, length))
        {
          object->next = i + 1;
          return moat_json_value_get_member_value (object->value, i);
        }
    }

  return NULL;
}

static gboolean
has_member (Loader     *loader,
            Object     *object,
            const char *key)
{
  return find_member (loader, object, key) != NULL;
}

static const MoatJsonValue *
get_member (Loader     *loader,
            Object     *object,
            const char *key,
            gboolean    required)
{
  const MoatJsonValue *value = find_member (loader, object, key);

  if (value == NULL && required)
    problem (loader, NULL, _("missing required key “%s”"), key);

  return value;
}

/* Checks the type of @value, where a whole number is also a number. */
static gboolean
expect_value (Loader              *loader,
              const MoatJsonValue *value,
              const char          *key,
              MoatJsonType         type)
{
  MoatJsonType found = moat_json_value_get_value_type (value);
  const char *expected;

  if (found == type || (type == MOAT_JSON_TYPE_DOUBLE && found == MOAT_JSON_TYPE_INTEGER))
    return TRUE;

  switch (type)
    {
    case MOAT_JSON_TYPE_STRING:
      expected = _("a string");
      break;
    case MOAT_JSON_TYPE_BOOLEAN:
      expected = _("true or false");
      break;
    case MOAT_JSON_TYPE_DOUBLE:
      expected = _("a number");
      break;
    case MOAT_JSON_TYPE_NULL:
    case MOAT_JSON_TYPE_INTEGER:
    case MOAT_JSON_TYPE_ARRAY:
    case MOAT_JSON_TYPE_OBJECT:
    default:
      g_return_val_if_reached (FALSE);
    }

  problem (loader, key, _("expected %s, found %s"), expected, describe_value (value));

  return FALSE;
}

static const char *
read_string (Loader     *loader,
             Object     *object,
             const char *key,
             gboolean    required)
{
  const MoatJsonValue *value = get_member (loader, object, key, required);

  if (value == NULL || !expect_value (loader, value, key, MOAT_JSON_TYPE_STRING))
    return "";

  return moat_json_reader_get_string (loader->reader, value);
}

static gboolean
read_boolean (Loader     *loader,
              Object     *object,
              const char *key)
{
  const MoatJsonValue *value = get_member (loader, object, key, FALSE);

  if (value == NULL || !expect_value (loader, value, key, MOAT_JSON_TYPE_BOOLEAN))
    return FALSE;

  return moat_json_value_get_boolean (value);
}

static double
read_number (Loader     *loader,
             Object     *object,
             const char *key,
             double      minimum,
             double      maximum,
             double      fallback)
{
  const MoatJsonValue *node = get_member (loader, object, key, TRUE);
  double value;

  if (node == NULL || !expect_value (loader, node, key, MOAT_JSON_TYPE_DOUBLE))
    return fallback;

  value = moat_json_value_get_double (node);
  if (!isfinite (value) || value < minimum || value > maximum)
    {
      problem (loader, key, _("value %g is out of range; expected a number from %g to %g"),
               value, minimum, maximum);
      return fallback;
    }

  return value;
}

static gint64
read_int (Loader     *loader,
          Object     *object,
          const char *key,
          gint64      minimum,
          gint64      maximum)
{
  const MoatJsonValue *node = get_member (loader, object, key, TRUE);
  gint64 value;

  if (node == NULL)
    return minimum;

  if (moat_json_value_get_value_type (node) != MOAT_JSON_TYPE_INTEGER)
    {
      problem (loader, key, _("expected a whole number, found %s"), describe_value (node));
      return minimum;
    }

  value = moat_json_value_get_int (node);
  if (value < minimum || value > maximum)
    {
      /* The numbers are formatted first: a format macro inside the
       * message would cut it short for the translators. */
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      g_autofree char *lowest = g_strdup_printf ("%" G_GINT64_FORMAT, minimum);
      g_autofree char *highest = g_strdup_printf ("%" G_GINT64_FORMAT, maximum);

      problem (loader, key,
               _("value %s is out of range; expected a whole number from %s to %s"),
               found, lowest, highest);
      return minimum;
    }

  return value;
}

static int
read_enum (Loader     *loader,
           Object     *object,
           const char *key,
           GType       enum_type,
           gboolean    required,
           int         fallback)
{
  const MoatJsonValue *node = get_member (loader, object, key, required);
  const char *nick;
  int value;

  if (node == NULL || !expect_value (loader, node, key, MOAT_JSON_TYPE_STRING))
    return fallback;

  nick = moat_json_reader_get_string (loader->reader, node);
  if (!moat_enum_from_nick (enum_type, nick, &value))
    {
      g_autofree char *nicks = moat_enum_dup_nicks (enum_type);

      problem (loader, key, _("unknown value “%s”; expected one of: %s"), nick, nicks);
      return fallback;
    }

  return value;
}

static gboolean
read_object (Loader     *loader,
             Object     *object,
             const char *key,
             gboolean    required,
             Object     *member)
{
  const MoatJsonValue *node = get_member (loader, object, key, required);

  if (node == NULL)
    return FALSE;

  if (moat_json_value_get_value_type (node) != MOAT_JSON_TYPE_OBJECT)
    {
      problem (loader, key, _("expected an object, found %s"), describe_value (node));
      return FALSE;
    }

  member->value = node;
  member->next = 0;

  return TRUE;
}

static const MoatJsonValue *
read_array (Loader     *loader,
            Object     *object,
            const char *key,
            gboolean    required)
{
  const MoatJsonValue *node = get_member (loader, object, key, required);

  if (node == NULL)
    return NULL;

  if (moat_json_value_get_value_type (node) != MOAT_JSON_TYPE_ARRAY)
    {
      problem (loader, key, _("expected an array, found %s"), describe_value (node));
      return NULL;
    }

  return node;
}

/* Reports an array longer than @limit and returns FALSE, so that a file of
 * millions of small objects is rejected before they are built. */
static gboolean
check_length (Loader              *loader,
              const MoatJsonValue *array,
              const char          *key,
              guint                limit)
{
  guint length = moat_json_value_get_length (array);

  if (length <= limit)
    return TRUE;

  problem (loader, key,
           _("the list has %u items, above the limit of %u; split the model into smaller "
             "diagrams or files"),
           length, limit);

  return FALSE;
}

/* Reads the array's element @index as an object, or reports it. */
static gboolean
array_object (Loader              *loader,
              const MoatJsonValue *array,
              guint                index,
              Object              *item)
{
  const MoatJsonValue *node = moat_json_value_get_element (array, index);

  if (moat_json_value_get_value_type (node) != MOAT_JSON_TYPE_OBJECT)
    {
      problem (loader, NULL, _("expected an object, found %s"), describe_value (node));
      return FALSE;
    }

  item->value = node;
  item->next = 0;

  return TRUE;
}

static char **
read_string_list (Loader     *loader,
                  Object     *object,
                  const char *key)
{
  const MoatJsonValue *array = read_array (loader, object, key, FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return g_strv_builder_end (builder);

  push_key (loader, key);
  for (guint i = 0; i < moat_json_value_get_length (array); i++)
    {
      const MoatJsonValue *node = moat_json_value_get_element (array, i);

      push_index (loader, i);
      if (expect_value (loader, node, NULL, MOAT_JSON_TYPE_STRING))
        g_strv_builder_add (builder, moat_json_reader_get_string (loader->reader, node));
      pop (loader);
    }
  pop (loader);

  return g_strv_builder_end (builder);
}

/* Reads an id and reports it if it is empty or already taken. */
static const char *
read_id (Loader     *loader,
         Object     *object)
{
  guint problems_before = loader->n_problems;
  const char *id = read_string (loader, object, "id", TRUE);

  if (id[0] == '\0')
    {
      /* A missing id or one of the wrong type is reported already. */
      if (loader->n_problems == problems_before)
        problem (loader, "id", _("the id is empty; give the object a unique id"));
      return NULL;
    }

  if (g_hash_table_contains (loader->ids, id))
    {
      problem (loader, "id", _("duplicate id “%s”; give each object a unique id"), id);
      return NULL;
    }

  /* The id read lives only until the end of the item's string scope. */
  g_hash_table_add (loader->ids, g_string_chunk_insert (loader->id_texts, id));

  return id;
}

static MoatRect
read_bounds (Loader *loader,
             Object *object)
{
  MoatRect bounds;

  bounds.x = read_number (loader, object, "x", -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX, 0);
  bounds.y = read_number (loader, object, "y", -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX, 0);
  bounds.width = read_number (loader, object, "width",
                              MOAT_SIZE_MIN, MOAT_COORDINATE_MAX, MOAT_SIZE_MIN);
  bounds.height = read_number (loader, object, "height",
                               MOAT_SIZE_MIN, MOAT_COORDINATE_MAX, MOAT_SIZE_MIN);

  return bounds;
}

static void
read_boundary (Loader      *loader,
               Object      *object,
               MoatDiagram *diagram)
{
  static const char * const keys[] = {
    "id", "name", "description", "x", "y", "width", "height", NULL,
  };
  g_autoptr(MoatBoundary) boundary = NULL;
  const char *id;
  MoatRect bounds;

  check_keys (loader, object, keys);

  id = read_id (loader, object);
  boundary = moat_boundary_new (id, read_string (loader, object, "name", FALSE));
  moat_item_set_description (MOAT_ITEM (boundary),
                             read_string (loader, object, "description", FALSE));
  bounds = read_bounds (loader, object);
  g_object_set (boundary,
                "x", bounds.x, "y", bounds.y, "width", bounds.width, "height", bounds.height,
                NULL);

  if (id != NULL)
    moat_document_append_item_internal (loader->document, diagram, MOAT_ITEM (boundary));
}

/* Reads a list of flag nicks, such as ["read-files", "network"]. */
static guint
read_flags (Loader     *loader,
            Object     *object,
            const char *key,
            GType       flags_type)
{
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (flags_type);
  g_auto(GStrv) nicks = read_string_list (loader, object, key);
  guint flags = 0;

  push_key (loader, key);
  for (guint i = 0; nicks[i] != NULL; i++)
    {
      GFlagsValue *value = g_flags_get_value_by_nick (flags_class, nicks[i]);

      if (value == NULL || value->value == 0)
        {
          g_autoptr(GString) expected = g_string_new (NULL);

          for (guint j = 0; j < flags_class->n_values; j++)
            if (flags_class->values[j].value != 0)
              g_string_append_printf (expected, "%s%s", expected->len > 0 ? ", " : "",
                                      flags_class->values[j].value_nick);

          push_index (loader, i);
          problem (loader, NULL, _("unknown value “%s”; expected one of: %s"), nicks[i],
                   expected->str);
          pop (loader);
          continue;
        }

      flags |= value->value;
    }
  pop (loader);

  return flags;
}

static guint
read_count (Loader     *loader,
            Object     *object,
            const char *key)
{
  if (!has_member (loader, object, key))
    return 0;

  return read_int (loader, object, key, 0, G_MAXINT32);
}

/* The properties that threat analysis reads, added after the first
 * release; each is optional and defaults to false, empty or 0. */
static void
read_element_analysis (Loader      *loader,
                       Object      *object,
                       MoatElement *element)
{
  moat_element_set_authenticates_callers (element,
                                          read_boolean (loader, object, "authenticates-callers"));
  moat_element_set_checks_authorization (element,
                                         read_boolean (loader, object, "checks-authorization"));
  moat_element_set_validates_input (element, read_boolean (loader, object, "validates-input"));
  moat_element_set_audit_logging (element, read_boolean (loader, object, "audit-logging"));
  moat_element_set_elevated_privilege (element,
                                       read_boolean (loader, object, "elevated-privilege"));
  moat_element_set_internet_facing (element, read_boolean (loader, object, "internet-facing"));
  moat_element_set_ai_agent (element, read_boolean (loader, object, "ai-agent"));
  moat_element_set_agent_tool_permissions (element,
                                           read_flags (loader, object, "agent-tool-permissions",
                                                       MOAT_TYPE_TOOL_PERMISSION));
  moat_element_set_agent_max_iterations (element,
                                         read_count (loader, object, "agent-max-iterations"));
  moat_element_set_agent_max_tokens (element, read_count (loader, object, "agent-max-tokens"));
}

static void
read_element (Loader      *loader,
              Object      *object,
              MoatDiagram *diagram)
{
  static const char * const keys[] = {
    "id", "kind", "name", "description", "technology", "out-of-scope",
    "out-of-scope-reason", "x", "y", "width", "height", "privilege-level",
    "web-application", "is-log", "stores-credentials", "encrypted", "signed",
    "authenticates-callers", "checks-authorization", "validates-input", "audit-logging",
    "elevated-privilege", "internet-facing", "ai-agent", "agent-tool-permissions",
    "agent-max-iterations", "agent-max-tokens", NULL,
  };
  g_autoptr(MoatElement) element = NULL;
  const char *id;
  MoatElementKind kind;
  MoatRect bounds;

  check_keys (loader, object, keys);

  /* The members are read in the order Moat writes them. */
  id = read_id (loader, object);
  kind = read_enum (loader, object, "kind", MOAT_TYPE_ELEMENT_KIND, TRUE,
                    MOAT_ELEMENT_KIND_PROCESS);
  element = moat_element_new (kind, id, read_string (loader, object, "name", FALSE));
  moat_item_set_description (MOAT_ITEM (element),
                             read_string (loader, object, "description", FALSE));
  moat_element_set_technology (element, read_string (loader, object, "technology", FALSE));
  moat_element_set_out_of_scope (element, read_boolean (loader, object, "out-of-scope"));
  moat_element_set_out_of_scope_reason (element, read_string (loader, object,
                                                              "out-of-scope-reason", FALSE));
  bounds = read_bounds (loader, object);
  moat_element_set_bounds (element, &bounds);
  moat_element_set_privilege_level (element,
                                    read_string (loader, object, "privilege-level", FALSE));
  moat_element_set_web_application (element, read_boolean (loader, object, "web-application"));
  moat_element_set_is_log (element, read_boolean (loader, object, "is-log"));
  moat_element_set_stores_credentials (element,
                                       read_boolean (loader, object, "stores-credentials"));
  moat_element_set_encrypted (element, read_boolean (loader, object, "encrypted"));
  moat_element_set_signed (element, read_boolean (loader, object, "signed"));
  read_element_analysis (loader, object, element);

  if (id != NULL)
    moat_document_append_item_internal (loader->document, diagram, MOAT_ITEM (element));
}

static void
read_stride_review (Loader     *loader,
                    Object     *object,
                    MoatFlow   *flow)
{
  Object stride;
  g_autoptr(GPtrArray) keys = NULL;

  if (!read_object (loader, object, "stride", FALSE, &stride))
    return;

  keys = g_ptr_array_new ();
  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    g_ptr_array_add (keys, (char *)moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, i));
  g_ptr_array_add (keys, NULL);

  push_key (loader, "stride");
  check_keys (loader, &stride, (const char * const *)keys->pdata);

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    {
      static const char * const review_keys[] = { "state", "reason", NULL };
      const char *nick = moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category);
      MoatReviewState state;
      Object review;

      if (!read_object (loader, &stride, nick, FALSE, &review))
        continue;

      push_key (loader, nick);
      check_keys (loader, &review, review_keys);
      state = read_enum (loader, &review, "state", MOAT_TYPE_REVIEW_STATE, TRUE,
                         MOAT_REVIEW_NOT_REVIEWED);
      moat_flow_set_review (flow, category, state, read_string (loader, &review, "reason", FALSE));
      pop (loader);
    }

  pop (loader);
}

/* Reads a list of points written as [[x, y], …]. */
static MoatPointList *
read_points (Loader     *loader,
             Object     *object,
             const char *key,
             gboolean    required)
{
  const MoatJsonValue *array = read_array (loader, object, key, required);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (MoatPoint));

  if (array == NULL || !check_length (loader, array, key, MOAT_INPUT_MAX_POINTS))
    return moat_point_list_new (NULL, 0);

  push_key (loader, key);
  for (guint i = 0; i < moat_json_value_get_length (array); i++)
    {
      const MoatJsonValue *node = moat_json_value_get_element (array, i);
      MoatPoint point = { 0, 0 };
      gboolean valid = moat_json_value_get_value_type (node) == MOAT_JSON_TYPE_ARRAY &&
                       moat_json_value_get_length (node) == 2;

      push_index (loader, i);
      for (guint c = 0; valid && c < 2; c++)
        {
          const MoatJsonValue *coordinate = moat_json_value_get_element (node, c);
          MoatJsonType type = moat_json_value_get_value_type (coordinate);
          double value;

          valid = type == MOAT_JSON_TYPE_DOUBLE || type == MOAT_JSON_TYPE_INTEGER;
          if (!valid)
            break;

          value = moat_json_value_get_double (coordinate);
          valid = isfinite (value) && fabs (value) <= MOAT_COORDINATE_MAX;
          if (c == 0)
            point.x = value;
          else
            point.y = value;
        }

      if (valid)
        g_array_append_val (points, point);
      else
        problem (loader, NULL,
                 _("expected a point [x, y] with coordinates from %g to %g"),
                 -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX);
      pop (loader);
    }
  pop (loader);

  return moat_point_list_new ((const MoatPoint *)(gpointer)points->data, points->len);
}

static void
check_flow_end (Loader      *loader,
                MoatDiagram *diagram,
                const char  *key,
                const char  *element_id)
{
  gpointer object = moat_document_lookup (loader->document, element_id);

  if (element_id[0] == '\0')
    return;

  if (!MOAT_IS_ELEMENT (object))
    problem (loader, key,
             _("references element “%s”, which does not exist; point the flow at an element "
               "of this diagram or delete the flow"),
             element_id);
  else if (moat_document_get_diagram_of (loader->document, object) != diagram)
    problem (loader, key,
             _("references element “%s” of another diagram; a flow must connect elements "
               "of its own diagram"),
             element_id);
}

/* Reads [{"rule": …, "reason": …}, …] into an a{ss} dictionary. */
static GVariant *
read_dismissals (Loader     *loader,
                 Object     *object)
{
  static const char * const keys[] = { "rule", "reason", NULL };
  const MoatJsonValue *array = read_array (loader, object, "dismissed-suggestions", FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  if (array == NULL)
    return g_variant_builder_end (&builder);

  push_key (loader, "dismissed-suggestions");
  for (guint i = 0; i < moat_json_value_get_length (array); i++)
    {
      Object item;
      const char *rule;

      push_index (loader, i);
      if (array_object (loader, array, i, &item))
        {
          check_keys (loader, &item, keys);
          rule = read_string (loader, &item, "rule", TRUE);
          if (rule[0] == '\0' && has_member (loader, &item, "rule"))
            problem (loader, "rule", _("the rule id is empty; name the dismissed rule"));
          else if (rule[0] != '\0' && !g_hash_table_add (seen, (char *)rule))
            problem (loader, "rule",
                     _("rule “%s” is dismissed twice; keep one entry for it"), rule);
          else if (rule[0] != '\0')
            g_variant_builder_add (&builder, "{ss}", rule,
                                   read_string (loader, &item, "reason", FALSE));
        }
      pop (loader);
    }
  pop (loader);

  return g_variant_builder_end (&builder);
}

static void
read_flow_analysis (Loader     *loader,
                    Object     *object,
                    MoatFlow   *flow)
{
  g_auto(GStrv) checked = NULL;

  moat_flow_set_authentication_method (flow,
                                       read_enum (loader, object, "authentication-method",
                                                  MOAT_TYPE_AUTHENTICATION_METHOD, FALSE,
                                                  MOAT_AUTHENTICATION_METHOD_UNSET));
  moat_flow_set_rate_limited (flow, read_boolean (loader, object, "rate-limited"));
  checked = read_string_list (loader, object, "checked-patterns");

  /* Most flows have neither, so these two rarely cost a lookup by name. */
  g_object_set (flow,
                "checked-patterns", checked,
                "dismissed-suggestions", read_dismissals (loader, object),
                NULL);
}

static void
read_flow (Loader      *loader,
           Object      *object,
           MoatDiagram *diagram)
{
  static const char * const keys[] = {
    "id", "name", "description", "source", "target", "protocol", "authenticated",
    "encrypted", "bidirectional", "classification", "stride", "vertices", "signed",
    "public-network", "out-of-scope", "out-of-scope-reason", "label-position",
    "authentication-method", "rate-limited", "checked-patterns", "dismissed-suggestions", NULL,
  };
  g_autoptr(MoatPointList) vertices = NULL;
  g_autoptr(MoatFlow) flow = NULL;
  const char *id;
  const char *name;
  const char *description;
  const char *source;
  const char *target;

  check_keys (loader, object, keys);

  /* The members are read in the order Moat writes them. */
  id = read_id (loader, object);
  name = read_string (loader, object, "name", FALSE);
  description = read_string (loader, object, "description", FALSE);
  source = read_string (loader, object, "source", TRUE);
  target = read_string (loader, object, "target", TRUE);
  check_flow_end (loader, diagram, "source", source);
  check_flow_end (loader, diagram, "target", target);

  flow = moat_flow_new (id, source, target, name);
  moat_item_set_description (MOAT_ITEM (flow), description);
  moat_flow_set_protocol (flow, read_string (loader, object, "protocol", FALSE));
  moat_flow_set_authenticated (flow, read_boolean (loader, object, "authenticated"));
  moat_flow_set_encrypted (flow, read_boolean (loader, object, "encrypted"));
  moat_flow_set_bidirectional (flow, read_boolean (loader, object, "bidirectional"));
  moat_flow_set_classification (flow, read_enum (loader, object, "classification",
                                                 MOAT_TYPE_CLASSIFICATION, FALSE,
                                                 MOAT_CLASSIFICATION_UNSET));
  read_stride_review (loader, object, flow);

  vertices = read_points (loader, object, "vertices", FALSE);
  moat_flow_set_vertices (flow, vertices);
  moat_flow_set_signed (flow, read_boolean (loader, object, "signed"));
  moat_flow_set_public_network (flow, read_boolean (loader, object, "public-network"));
  moat_flow_set_out_of_scope (flow, read_boolean (loader, object, "out-of-scope"));
  moat_flow_set_out_of_scope_reason (flow, read_string (loader, object, "out-of-scope-reason",
                                                        FALSE));

  /* Files written before the key existed have the label in the middle. */
  if (has_member (loader, object, "label-position"))
    moat_flow_set_label_position (flow, read_number (loader, object, "label-position",
                                                     0, 1, 0.5));

  read_flow_analysis (loader, object, flow);

  if (id != NULL)
    moat_document_append_item_internal (loader->document, diagram, MOAT_ITEM (flow));
}

static MoatAnnotation *
read_annotation (Loader     *loader,
                 Object     *object)
{
  static const char * const note_keys[] = {
    "id", "kind", "text", "x", "y", "width", "height", NULL,
  };
  static const char * const curve_keys[] = {
    "id", "kind", "name", "description", "points", NULL,
  };
  MoatAnnotationKind kind;
  const char *id;

  kind = read_enum (loader, object, "kind", MOAT_TYPE_ANNOTATION_KIND, TRUE,
                    MOAT_ANNOTATION_KIND_NOTE);
  check_keys (loader, object,
              kind == MOAT_ANNOTATION_KIND_NOTE ? note_keys : curve_keys);
  id = read_id (loader, object);

  if (kind == MOAT_ANNOTATION_KIND_NOTE)
    {
      MoatRect bounds = read_bounds (loader, object);

      return id != NULL
             ? moat_annotation_new_note (id, read_string (loader, object, "text", FALSE), &bounds)
             : NULL;
    }
  else
    {
      g_autoptr(MoatPointList) points = read_points (loader, object, "points", TRUE);

      if (moat_point_list_get_n_points (points) < 2 && has_member (loader, object, "points"))
        problem (loader, "points", _("a boundary line needs at least two points"));

      return id != NULL
             ? moat_annotation_new_boundary_curve (id,
                                                   read_string (loader, object, "name", FALSE),
                                                   read_string (loader, object, "description",
                                                                FALSE),
                                                   points)
             : NULL;
    }
}

static void
read_annotations (Loader      *loader,
                  Object      *object,
                  MoatDiagram *diagram)
{
  const MoatJsonValue *array = read_array (loader, object, "annotations", FALSE);
  g_autoptr(GPtrArray) annotations =
    g_ptr_array_new_with_free_func ((GDestroyNotify)moat_annotation_unref);

  if (array == NULL || !check_length (loader, array, "annotations", MOAT_INPUT_MAX_ELEMENTS))
    return;

  push_key (loader, "annotations");
  for (guint i = 0; i < moat_json_value_get_length (array); i++)
    {
      Object item;

      push_index (loader, i);
      moat_json_reader_begin_strings (loader->reader);
      if (array_object (loader, array, i, &item))
        {
          MoatAnnotation *annotation = read_annotation (loader, &item);

          if (annotation != NULL)
            g_ptr_array_add (annotations, annotation);
        }
      moat_json_reader_end_strings (loader->reader);
      pop (loader);
    }
  pop (loader);

  g_object_set (diagram, "annotations", annotations, NULL);
}

typedef void (*ReadItemFunc) (Loader      *loader,
                              Object      *object,
                              MoatDiagram *diagram);

static void
read_items (Loader       *loader,
            Object       *object,
            const char   *key,
            MoatDiagram  *diagram,
            ReadItemFunc  read_item)
{
  const MoatJsonValue *array = read_array (loader, object, key, FALSE);
  guint limit = g_str_equal (key, "flows") ? MOAT_INPUT_MAX_FLOWS : MOAT_INPUT_MAX_ELEMENTS;

  if (array == NULL || !check_length (loader, array, key, limit))
    return;

  push_key (loader, key);
  for (guint i = 0; i < moat_json_value_get_length (array); i++)
    {
      Object item;

      /* The item's objects copy what they keep, so the decoded strings
       * are freed after each item instead of adding up over the file. */
      push_index (loader, i);
      moat_json_reader_begin_strings (loader->reader);
      if (array_object (loader, array, i, &item))
        read_item (loader, &item, diagram);
      moat_json_reader_end_strings (loader->reader);
      pop (loader);
    }
  pop (loader);
}

static void
read_diagram (Loader     *loader,
              Object     *object)
{
  static const char * const keys[] = {
    "id", "name", "boundaries", "elements", "flows", "methodology", "description",
    "annotations", NULL,
  };
  g_autoptr(MoatDiagram) diagram = NULL;
  const char *id;

  check_keys (loader, object, keys);

  id = read_id (loader, object);
  diagram = moat_diagram_new (id, read_string (loader, object, "name", FALSE));
  g_object_set (diagram,
                "methodology", read_string (loader, object, "methodology", FALSE),
                "description", read_string (loader, object, "description", FALSE),
                NULL);
  read_annotations (loader, object, diagram);
  moat_document_append_diagram_internal (loader->document, diagram);

  /* Elements before flows, so that flow ends can be checked at once. */
  read_items (loader, object, "boundaries", diagram, read_boundary);
  read_items (loader, object, "elements", diagram, read_element);
  read_items (loader, object, "flows", diagram, read_flow);
}

static MoatChecklist *
read_checklist (Loader     *loader,
                Object     *object,
                const char *key)
{
  static const char * const keys[] = { "text", "done", NULL };
  const MoatJsonValue *array = read_array (loader, object, key, FALSE);
  MoatChecklist *checklist = moat_checklist_new ();

  if (array == NULL)
    return checklist;

  push_key (loader, key);
  for (guint i = 0; i < moat_json_value_get_length (array); i++)
    {
      Object item;

      push_index (loader, i);
      if (array_object (loader, array, i, &item))
        {
          check_keys (loader, &item, keys);
          moat_checklist_append (checklist,
                                 read_string (loader, &item, "text", TRUE),
                                 read_boolean (loader, &item, "done"));
        }
      pop (loader);
    }
  pop (loader);

  return checklist;
}

static void
read_impact (Loader     *loader,
             Object     *object,
             MoatThreat *threat)
{
  static const char * const keys[] = {
    "confidentiality", "integrity", "availability", "business", NULL,
  };
  Object impact;

  if (!read_object (loader, object, "impact", FALSE, &impact))
    return;

  push_key (loader, "impact");
  check_keys (loader, &impact, keys);
  moat_threat_set_impact_confidentiality (threat, read_enum (loader, &impact, "confidentiality",
                                                             MOAT_TYPE_LEVEL, FALSE, 0));
  moat_threat_set_impact_integrity (threat, read_enum (loader, &impact, "integrity",
                                                       MOAT_TYPE_LEVEL, FALSE, 0));
  moat_threat_set_impact_availability (threat, read_enum (loader, &impact, "availability",
                                                          MOAT_TYPE_LEVEL, FALSE, 0));
  moat_threat_set_business_impact (threat, read_string (loader, &impact, "business", FALSE));
  pop (loader);
}

static void
read_mitigations (Loader     *loader,
                  Object     *object,
                  MoatThreat *threat)
{
  static const char * const keys[] = { "short-term", "long-term", "monitoring", NULL };
  g_autoptr(MoatChecklist) short_term = NULL;
  g_autoptr(MoatChecklist) long_term = NULL;
  g_autoptr(MoatChecklist) monitoring = NULL;
  Object mitigations;

  if (!read_object (loader, object, "mitigations", FALSE, &mitigations))
    return;

  push_key (loader, "mitigations");
  check_keys (loader, &mitigations, keys);
  short_term = read_checklist (loader, &mitigations, "short-term");
  moat_threat_set_short_term (threat, short_term);
  long_term = read_checklist (loader, &mitigations, "long-term");
  moat_threat_set_long_term (threat, long_term);
  monitoring = read_checklist (loader, &mitigations, "monitoring");
  moat_threat_set_monitoring (threat, monitoring);
  pop (loader);
}

/* Reads the members in the order Moat writes them, so that each lookup
 * starts at its member. */
static void
read_threat (Loader     *loader,
             Object     *object,
             GHashTable *numbers)
{
  static const char * const keys[] = {
    "id", "number", "title", "category", "target", "attack-vector", "prerequisites",
    "impact", "probability", "evidence", "mitigations", "status", "owner", "due-date",
    "description", "score", "type-label", "rule", NULL,
  };
  g_autoptr(MoatThreat) threat = NULL;
  const char *id;
  const char *title;
  MoatStrideCategory category;
  const char *target;
  const char *due_date;
  gint64 number;
  gpointer target_object;
  guint problems_before;

  check_keys (loader, object, keys);

  id = read_id (loader, object);
  problems_before = loader->n_problems;
  number = read_int (loader, object, "number", 1, G_MAXINT32);
  if (loader->n_problems == problems_before &&
      !g_hash_table_add (numbers, GINT_TO_POINTER ((int)number)))
    problem (loader, "number",
             _("THREAT-%03d is used twice; give each threat its own number"), (int)number);

  title = read_string (loader, object, "title", TRUE);
  category = read_enum (loader, object, "category", MOAT_TYPE_STRIDE_CATEGORY, TRUE,
                        MOAT_STRIDE_SPOOFING);
  target = read_string (loader, object, "target", TRUE);
  target_object = moat_document_lookup (loader->document, target);
  if (target[0] != '\0' && !MOAT_IS_FLOW (target_object) && !MOAT_IS_ELEMENT (target_object))
    problem (loader, "target",
             _("references “%s”, which is not a flow or element of this model; attach the "
               "threat to an existing flow or element"),
             target);

  threat = moat_threat_new (id, target, category, title);
  moat_threat_set_number (threat, (guint)number);
  moat_threat_set_attack_vector (threat, read_string (loader, object, "attack-vector", FALSE));
  moat_threat_set_prerequisites (threat, read_string (loader, object, "prerequisites", FALSE));
  read_impact (loader, object, threat);
  moat_threat_set_probability (threat, read_enum (loader, object, "probability",
                                                  MOAT_TYPE_LEVEL, FALSE, MOAT_LEVEL_UNSET));
  moat_threat_set_evidence (threat, read_string (loader, object, "evidence", FALSE));
  read_mitigations (loader, object, threat);
  moat_threat_set_status (threat, read_enum (loader, object, "status", MOAT_TYPE_THREAT_STATUS,
                                             FALSE, MOAT_THREAT_STATUS_OPEN));
  moat_threat_set_owner (threat, read_string (loader, object, "owner", FALSE));

  due_date = read_string (loader, object, "due-date", FALSE);
  if (!moat_threat_is_valid_due_date (due_date))
    problem (loader, "due-date",
             _("“%s” is not a valid date; write it as YYYY-MM-DD"), due_date);
  moat_threat_set_due_date (threat, due_date);

  moat_threat_set_description (threat, read_string (loader, object, "description", FALSE));
  moat_threat_set_score (threat, read_string (loader, object, "score", FALSE));
  moat_threat_set_type_label (threat, read_string (loader, object, "type-label", FALSE));
  moat_threat_set_rule_id (threat, read_string (loader, object, "rule", FALSE));

  if (id != NULL)
    moat_document_append_threat_internal (loader->document, threat);
}

/* Checks the form of the model's own rule file paths. Whether each file
 * exists and is a valid rule library is checked by
 * moat_format_load_file(), which has the model's folder. */
static void
read_rule_files (Loader *loader,
                 Object *model)
{
  g_auto(GStrv) paths = read_string_list (loader, model, "rule-files");

  push_key (loader, "rule-files");
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      if (!moat_rule_library_check_relative_path (paths[i], &message))
        {
          push_index (loader, i);
          problem (loader, NULL, "%s", message);
          pop (loader);
        }
    }
  pop (loader);

  g_object_set (loader->document, "rule-files", paths, NULL);
}

static void
read_model (Loader     *loader,
            Object     *root)
{
  Object model;
  g_auto(GStrv) reviewers = NULL;
  g_auto(GStrv) compliance = NULL;
  g_auto(GStrv) contributors = NULL;

  if (!read_object (loader, root, "model", FALSE, &model))
    return;

  push_key (loader, "model");
  check_keys (loader, &model, model_keys);

  for (guint i = 0; model_text_keys[i] != NULL; i++)
    g_object_set (loader->document,
                  model_text_keys[i], read_string (loader, &model, model_text_keys[i], FALSE),
                  NULL);

  reviewers = read_string_list (loader, &model, "reviewers");
  compliance = read_string_list (loader, &model, "compliance");
  g_object_set (loader->document, "reviewers", reviewers, "compliance", compliance, NULL);
  contributors = read_string_list (loader, &model, "contributors");
  g_object_set (loader->document, "contributors", contributors, NULL);
  read_rule_files (loader, &model);
  pop (loader);
}

static void
read_threats (Loader     *loader,
              Object     *root)
{
  const MoatJsonValue *array = read_array (loader, root, "threats", FALSE);
  g_autoptr(GHashTable) numbers = g_hash_table_new (NULL, NULL);
  guint highest = 0;
  gint64 next_number;

  if (array != NULL && check_length (loader, array, "threats", MOAT_INPUT_MAX_THREATS))
    {
      push_key (loader, "threats");
      for (guint i = 0; i < moat_json_value_get_length (array); i++)
        {
          Object object;

          push_index (loader, i);
          moat_json_reader_begin_strings (loader->reader);
          if (array_object (loader, array, i, &object))
            read_threat (loader, &object, numbers);
          moat_json_reader_end_strings (loader->reader);
          pop (loader);
        }
      pop (loader);
    }

  for (guint i = 0; i < moat_document_get_threats (loader->document)->len; i++)
    highest = MAX (highest,
                   moat_threat_get_number (g_ptr_array_index (moat_document_get_threats (loader->document), i)));

  next_number = read_int (loader, root, "next-threat-number", 1, G_MAXINT32);
  if (next_number <= highest)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, next_number);

      problem (loader, "next-threat-number",
               _("%s is not above the highest threat number, %u, so a number could be given "
                 "twice; set it to %u or more"),
               number, highest, highest + 1);
    }

  moat_document_set_next_threat_number_internal (loader->document, MAX (next_number, highest + 1));
}

/* Checks the header before anything else, so that a file of another kind
 * or a newer version gets one clear message instead of a list of
 * problems. */
static gboolean
check_header (Loader               *loader,
              const MoatJsonValue  *root,
              GError              **error)
{
  Object object = { root, 0 };
  const MoatJsonValue *format = NULL;
  const MoatJsonValue *version;
  gboolean is_object = moat_json_value_get_value_type (root) == MOAT_JSON_TYPE_OBJECT;

  if (is_object)
    format = find_member (loader, &object, "format");

  if (format == NULL || moat_json_value_get_value_type (format) != MOAT_JSON_TYPE_STRING ||
      !moat_json_reader_string_equal (loader->reader, format, MOAT_FORMAT_NAME,
                                      strlen (MOAT_FORMAT_NAME)))
    {
      gboolean threat_dragon = is_object && has_member (loader, &object, "detail") &&
                               has_member (loader, &object, "summary");

      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_NOT_A_MODEL,
                   threat_dragon
                   ? _("%s: $: this is an OWASP Threat Dragon model, not a Moat model; "
                       "convert it with “moat import”")
                   : _("%s: $.format: not a Moat model; expected a JSON object with "
                       "\"format\": \"moat\""),
                   loader->display_name);
      return FALSE;
    }

  version = find_member (loader, &object, "version");
  if (version == NULL || moat_json_value_get_value_type (version) != MOAT_JSON_TYPE_INTEGER ||
      moat_json_value_get_int (version) < 1)
    {
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID,
                   _("%s: $.version: missing or invalid format version; expected a whole "
                     "number such as %d"),
                   loader->display_name, MOAT_FORMAT_VERSION);
      return FALSE;
    }

  if (moat_json_value_get_int (version) > MOAT_FORMAT_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 moat_json_value_get_int (version));

      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_NEWER_VERSION,
                   _("%s: $.version: the file uses format version %s, but this Moat reads "
                     "versions up to %d; update Moat to open it"),
                   loader->display_name, number, MOAT_FORMAT_VERSION);
      return FALSE;
    }

  return TRUE;
}

static void
read_document (Loader *loader,
               Object *root)
{
  static const char * const keys[] = {
    "format", "version", "model", "next-threat-number", "diagrams", "threats", NULL,
  };
  const MoatJsonValue *diagrams;

  check_keys (loader, root, keys);
  read_model (loader, root);

  diagrams = read_array (loader, root, "diagrams", TRUE);
  if (diagrams != NULL && check_length (loader, diagrams, "diagrams", MOAT_INPUT_MAX_DIAGRAMS))
    {
      if (moat_json_value_get_length (diagrams) == 0)
        problem (loader, "diagrams", _("a model needs at least one diagram"));

      push_key (loader, "diagrams");
      for (guint i = 0; i < moat_json_value_get_length (diagrams); i++)
        {
          Object object;

          push_index (loader, i);
          if (array_object (loader, diagrams, i, &object))
            read_diagram (loader, &object);
          pop (loader);
        }
      pop (loader);
    }

  read_threats (loader, root);
}

/* Turns an error of the JSON reader into the loader's error. */
static void
set_json_error (GError      **error,
                const char   *display_name,
                GError       *json_error)
{
  switch (json_error->code)
    {
    case MOAT_JSON_INPUT_ERROR_SYNTAX:
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID_JSON,
                   _("%s: invalid JSON: %s; fix the file at that line and column, or "
                     "restore it from a backup"),
                   display_name, json_error->message);
      break;

    case MOAT_JSON_INPUT_ERROR_TRAILING_CONTENT:
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID_JSON,
                   _("%s: invalid JSON: text follows the end of the model; remove it, or "
                     "check whether two files were joined"),
                   display_name);
      break;

    case MOAT_JSON_INPUT_ERROR_ENCODING:
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID_JSON,
                   "%s: %s", display_name, json_error->message);
      break;

    default:
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID,
                   "%s: %s", display_name, json_error->message);
      break;
    }
}

/**
 * moat_format_load_bytes:
 * @bytes: the file contents
 * @display_name: the file name to put in messages
 *
 * Parses and checks a .moat file. Every problem found is reported, one
 * per line of the error message, each with @display_name and the JSON path
 * of the offending value, so a broken file never opens half-empty.
 *
 * Returns: (transfer full): the document, unmodified and with an empty
 *   history, or %NULL with @error set
 */
MoatDocument *
moat_format_load_bytes (GBytes      *bytes,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr(MoatJsonReader) reader = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (PathSegment));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStringChunk) id_texts = g_string_chunk_new (64 * 1024);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Loader loader = { display_name, path, problems, 0, ids, id_texts, NULL, NULL };
  Object root = { NULL, 0 };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (size == 0)
    {
      g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID_JSON,
                   _("%s: the file is empty; it is not a Moat model"), display_name);
      return NULL;
    }

  reader = moat_json_reader_new (data, size);
  if (!moat_json_reader_parse (reader, &json_error))
    {
      set_json_error (error, display_name, json_error);
      return NULL;
    }

  loader.reader = reader;
  if (!check_header (&loader, moat_json_reader_get_root (reader), error))
    return NULL;

  document = moat_document_new ();
  loader.document = document;
  root.value = moat_json_reader_get_root (reader);
  read_document (&loader, &root);

  if (loader.n_problems > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          if (i > 0)
            g_string_append_c (message, '\n');
          g_string_append (message, g_ptr_array_index (problems, i));
        }

      if (loader.n_problems > problems->len)
        {
          g_string_append_c (message, '\n');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%s: and %u more problem",
                                               "%s: and %u more problems",
                                               loader.n_problems - problems->len),
                                  display_name, loader.n_problems - problems->len);
        }

      g_set_error_literal (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID, message->str);
      return NULL;
    }

  return g_steal_pointer (&document);
}

/**
 * moat_format_load_file:
 *
 * Reads and checks a .moat file; see moat_format_load_bytes(). The
 * document remembers @file, so that Save writes back to it.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
MoatDocument *
moat_format_load_file (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(MoatRuleLibrary) rules = NULL;
  MoatDocument *document;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = g_file_get_parse_name (file);
  bytes = moat_input_load_file (file, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: cannot read the file: %s"), display_name, local_error->message);
      return NULL;
    }

  g_debug ("Loading %s (%" G_GSIZE_FORMAT " bytes)", display_name, g_bytes_get_size (bytes));

  document = moat_format_load_bytes (bytes, display_name, error);
  if (document == NULL)
    return NULL;

  moat_document_set_file (document, file);

  /* The model's own rule files must exist and be valid, or analysing it
   * later would fail far from the cause. */
  rules = moat_rule_library_new ();
  if (!moat_rule_library_load_model_files (rules, document, error))
    {
      g_object_unref (document);
      return NULL;
    }

  return document;
}

/* Declared in moat-format-private.h for the serializer. */
const char * const *
moat_format_get_model_keys (void)
{
  return model_keys;
}

/**
 * moat_format_serialize:
 *
 * Writes @document as .moat JSON: keys in a fixed order, items in model
 * order and coordinates rounded, so that loading and saving a file gives
 * the same bytes. It runs a #MoatFormatSerializer to completion in one
 * call.
 *
 * Returns: (transfer full): the file contents
 */
GBytes *
moat_format_serialize (MoatDocument *document)
{
  g_autoptr(MoatFormatSerializer) serializer = NULL;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);

  serializer = moat_format_serializer_new (document);
  moat_format_serializer_step (serializer, 0, -1);

  return moat_format_serializer_finish (serializer);
}

/**
 * moat_format_save_file:
 *
 * Saves @document to @file atomically: the data goes to a temporary file
 * in the same folder, which is flushed and then renamed over @file, so a
 * failure at any point leaves the previous file intact. On success the
 * document remembers @file and is no longer modified.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_format_save_file (MoatDocument  *document,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return moat_format_save_file_full (document, file, MOAT_FORMAT_SAVE_NONE, cancellable, error);
}

/**
 * moat_format_save_file_full:
 * @flags: whether to keep the previous version as a backup
 *
 * Saves @document to @file as moat_format_save_file() does. With
 * %MOAT_FORMAT_SAVE_KEEP_BACKUP, the previous file is copied to `FILE~`
 * first, and a failure to copy it leaves @file untouched. With
 * %MOAT_FORMAT_SAVE_CHECK_LIMITS, the new contents are read back with
 * the loader's JSON reader first, and a value past its limits fails the
 * save with that value's JSON path, leaving @file untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_format_save_file_full (MoatDocument         *document,
                            GFile                *file,
                            MoatFormatSaveFlags   flags,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  display_name = g_file_get_parse_name (file);
  bytes = moat_format_serialize (document);

  if (flags & MOAT_FORMAT_SAVE_CHECK_LIMITS)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);
      g_autoptr(MoatJsonReader) reader = moat_json_reader_new (data, size);

      if (!moat_json_reader_parse (reader, &local_error))
        {
          g_set_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID,
                       _("%s: cannot save the file, because Moat could not open it again: %s. "
                         "The file was left as it was"),
                       display_name, local_error->message);
          return FALSE;
        }
    }

  if (!moat_atomic_file_write (file, bytes, (flags & MOAT_FORMAT_SAVE_KEEP_BACKUP) != 0,
                               cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: cannot save the file: %s"), display_name, local_error->message);
      return FALSE;
    }

  g_debug ("Saved %s (%" G_GSIZE_FORMAT " bytes)", display_name, g_bytes_get_size (bytes));

  moat_document_set_file (document, file);
  moat_document_mark_saved (document);

  return TRUE;
}
