/* moat-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-data.h"
#include "moat-json-checker.h"
#include "moat-rules.h"
#include "moat-severity.h"

/* The rule library: threat suggestions kept as data. A rule is a set of
 * conditions on a data flow's properties, on the kind and properties of
 * its two ends and on the trust boundaries it crosses. The core evaluates
 * them; nothing in a rule file is ever run as code. The file format is in
 * docs/rules.md and data/rules.schema.json. */

#define RULES_FORMAT  "moat-rules"
#define RULES_VERSION 1

typedef enum
{
  SUBJECT_SOURCE,
  SUBJECT_TARGET,
  SUBJECT_FLOW,
  N_SUBJECTS
} Subject;

/* One test of one property. Which fields apply depends on the property's
 * type: @allowed for booleans and enumerations (a bit per value),
 * @minimum and @maximum for counts, @includes and @excludes for flags and
 * @strings for text, compared without case. */
/* A property that conditions may test, read through its getter, because
 * the analysis tests every rule on every flow and g_object_get_property()
 * looks the name up on each call. Booleans, enumerations, flags and
 * counts are read as numbers, and the protocol as text. */
typedef struct
{
  const char *name;
  guint (*read_number) (gpointer object);
  const char *(*read_text) (gpointer object);
} Property;

typedef struct
{
  GParamSpec *pspec;
  const Property *property;
  gboolean negate;
  guint64 allowed;
  guint minimum;
  guint maximum;
  guint includes;
  guint excludes;
  char **strings;
} Condition;

typedef enum
{
  CROSSING_ANY,
  CROSSING_REQUIRED,
  CROSSING_FORBIDDEN,
} CrossingRequirement;

typedef enum
{
  DIRECTION_ANY,
  DIRECTION_ENTERING,
  DIRECTION_LEAVING,
} CrossingDirection;

struct _MoatRule
{
  gatomicrefcount ref_count;

  char *id;
  char *file;
  MoatStrideCategory category;
  char *pattern_id;
  char *title;
  char *attack_vector;
  char *prerequisites;
  MoatLevel impact_confidentiality;
  MoatLevel impact_integrity;
  MoatLevel impact_availability;
  MoatLevel probability;
  char **short_term;
  char **long_term;
  char **monitoring;
  MoatRuleAttachment attachment;

  GArray *conditions[N_SUBJECTS];
  CrossingRequirement crossing;
  char *crossing_boundary;
  CrossingDirection crossing_direction;
};

struct _MoatRuleLibrary
{
  GObject parent_instance;

  GPtrArray *rules;
  GHashTable *rules_by_id;
};

G_DEFINE_BOXED_TYPE (MoatRule, moat_rule, moat_rule_ref, moat_rule_unref)
G_DEFINE_FINAL_TYPE (MoatRuleLibrary, moat_rule_library, G_TYPE_OBJECT)
G_DEFINE_QUARK (moat-rules-error-quark, moat_rules_error)

#define DEFINE_NUMBER_READER(type, field) \
  static guint \
  read_##type##_##field (gpointer object) \
  { \
    return moat_##type##_get_##field (object); \
  }

DEFINE_NUMBER_READER (element, kind)
DEFINE_NUMBER_READER (element, web_application)
DEFINE_NUMBER_READER (element, is_log)
DEFINE_NUMBER_READER (element, stores_credentials)
DEFINE_NUMBER_READER (element, encrypted)
DEFINE_NUMBER_READER (element, signed)
DEFINE_NUMBER_READER (element, authenticates_callers)
DEFINE_NUMBER_READER (element, checks_authorization)
DEFINE_NUMBER_READER (element, validates_input)
DEFINE_NUMBER_READER (element, audit_logging)
DEFINE_NUMBER_READER (element, elevated_privilege)
DEFINE_NUMBER_READER (element, internet_facing)
DEFINE_NUMBER_READER (element, ai_agent)
DEFINE_NUMBER_READER (element, agent_tool_permissions)
DEFINE_NUMBER_READER (element, agent_max_iterations)
DEFINE_NUMBER_READER (element, agent_max_tokens)
DEFINE_NUMBER_READER (flow, authenticated)
DEFINE_NUMBER_READER (flow, authentication_method)
DEFINE_NUMBER_READER (flow, encrypted)
DEFINE_NUMBER_READER (flow, signed)
DEFINE_NUMBER_READER (flow, rate_limited)
DEFINE_NUMBER_READER (flow, bidirectional)
DEFINE_NUMBER_READER (flow, public_network)
DEFINE_NUMBER_READER (flow, classification)

static const char *
read_flow_protocol (gpointer object)
{
  return moat_flow_get_protocol (object);
}

/* The properties that conditions may test. Geometry, names and free text
 * other than the protocol are left out on purpose. */
static const Property element_properties[] = {
  { "kind", read_element_kind, NULL },
  { "web-application", read_element_web_application, NULL },
  { "is-log", read_element_is_log, NULL },
  { "stores-credentials", read_element_stores_credentials, NULL },
  { "encrypted", read_element_encrypted, NULL },
  { "signed", read_element_signed, NULL },
  { "authenticates-callers", read_element_authenticates_callers, NULL },
  { "checks-authorization", read_element_checks_authorization, NULL },
  { "validates-input", read_element_validates_input, NULL },
  { "audit-logging", read_element_audit_logging, NULL },
  { "elevated-privilege", read_element_elevated_privilege, NULL },
  { "internet-facing", read_element_internet_facing, NULL },
  { "ai-agent", read_element_ai_agent, NULL },
  { "agent-tool-permissions", read_element_agent_tool_permissions, NULL },
  { "agent-max-iterations", read_element_agent_max_iterations, NULL },
  { "agent-max-tokens", read_element_agent_max_tokens, NULL },
  { NULL, NULL, NULL },
};

static const Property flow_properties[] = {
  { "protocol", NULL, read_flow_protocol },
  { "authenticated", read_flow_authenticated, NULL },
  { "authentication-method", read_flow_authentication_method, NULL },
  { "encrypted", read_flow_encrypted, NULL },
  { "signed", read_flow_signed, NULL },
  { "rate-limited", read_flow_rate_limited, NULL },
  { "bidirectional", read_flow_bidirectional, NULL },
  { "public-network", read_flow_public_network, NULL },
  { "classification", read_flow_classification, NULL },
  { NULL, NULL, NULL },
};

static const Property *
find_property (const Property *properties,
               const char     *name)
{
  for (guint i = 0; properties[i].name != NULL; i++)
    if (g_str_equal (properties[i].name, name))
      return &properties[i];

  return NULL;
}

static char *
dup_property_list (const Property *properties)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; properties[i].name != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, properties[i].name);
    }

  return g_string_free (list, FALSE);
}

static const char * const subject_keys[N_SUBJECTS] = { "source", "target", "flow" };

static void
condition_clear (Condition *condition)
{
  g_clear_pointer (&condition->strings, g_strfreev);
}

static MoatRule *
rule_new (void)
{
  MoatRule *self = g_new0 (MoatRule, 1);

  g_atomic_ref_count_init (&self->ref_count);
  for (guint i = 0; i < N_SUBJECTS; i++)
    {
      self->conditions[i] = g_array_new (FALSE, TRUE, sizeof (Condition));
      g_array_set_clear_func (self->conditions[i], (GDestroyNotify)condition_clear);
    }

  return self;
}

MoatRule *
moat_rule_ref (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
moat_rule_unref (MoatRule *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->file);
  g_free (self->pattern_id);
  g_free (self->title);
  g_free (self->attack_vector);
  g_free (self->prerequisites);
  g_strfreev (self->short_term);
  g_strfreev (self->long_term);
  g_strfreev (self->monitoring);
  for (guint i = 0; i < N_SUBJECTS; i++)
    g_array_unref (self->conditions[i]);
  g_free (self->crossing_boundary);
  g_free (self);
}

/* Loading */

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Reads one nick or a list of nicks of @enum_type into a bit mask. */
static guint64
read_enum_set (MoatJsonChecker *checker,
               JsonNode        *node,
               const char      *key,
               GType            enum_type)
{
  g_autoptr(GPtrArray) nicks = g_ptr_array_new ();
  guint64 mask = 0;

  if (node_is_type (node, G_TYPE_STRING))
    g_ptr_array_add (nicks, (char *)json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *element = json_array_get_element (json_node_get_array (node), i);

        if (node_is_type (element, G_TYPE_STRING))
          g_ptr_array_add (nicks, (char *)json_node_get_string (element));
      }

  if (nicks->len == 0)
    {
      moat_json_checker_problem (checker, key,
                                 _("expected a value or a list of values, found %s"),
                                 moat_json_describe_node (node));
      return 0;
    }

  for (guint i = 0; i < nicks->len; i++)
    {
      int value;

      if (!moat_enum_from_nick (enum_type, g_ptr_array_index (nicks, i), &value))
        {
          g_autofree char *expected = moat_enum_dup_nicks (enum_type);

          moat_json_checker_problem (checker, key, _("unknown value “%s”; expected one of: %s"),
                                     (char *)g_ptr_array_index (nicks, i), expected);
          continue;
        }

      mask |= G_GUINT64_CONSTANT (1) << value;
    }

  return mask;
}

static guint
read_flag_set (MoatJsonChecker *checker,
               JsonNode        *node,
               const char      *key,
               GType            flags_type)
{
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (flags_type);
  JsonArray *array;
  guint flags = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      moat_json_checker_problem (checker, key, _("expected an array, found %s"),
                                 moat_json_describe_node (node));
      return 0;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GFlagsValue *value = node_is_type (element, G_TYPE_STRING)
                           ? g_flags_get_value_by_nick (flags_class,
                                                        json_node_get_string (element))
                           : NULL;

      if (value == NULL || value->value == 0)
        {
          moat_json_checker_problem (checker, key,
                                     _("item %u is not a tool permission; expected one of "
                                       "read-files, write-files, execute-commands, network, "
                                       "read-database, write-database, send-messages"),
                                     i);
          continue;
        }

      flags |= value->value;
    }

  return flags;
}

static char **
read_string_set (MoatJsonChecker *checker,
                 JsonNode        *node,
                 const char      *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean valid = TRUE;

  if (node_is_type (node, G_TYPE_STRING))
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *element = json_array_get_element (json_node_get_array (node), i);

        if (node_is_type (element, G_TYPE_STRING))
          g_strv_builder_add (builder, json_node_get_string (element));
        else
          valid = FALSE;
      }
  else
    valid = FALSE;

  if (!valid)
    moat_json_checker_problem (checker, key,
                               _("expected a string or a list of strings, found %s"),
                               moat_json_describe_node (node));

  return g_strv_builder_end (builder);
}

static void
read_count_range (MoatJsonChecker *checker,
                  JsonNode        *node,
                  const char      *key,
                  Condition       *condition)
{
  static const char * const range_keys[] = { "min", "max", NULL };
  JsonObject *range;

  condition->minimum = 0;
  condition->maximum = G_MAXUINT;

  if (node_is_type (node, G_TYPE_INT64) && json_node_get_int (node) >= 0 &&
      json_node_get_int (node) <= G_MAXINT32)
    {
      condition->minimum = condition->maximum = json_node_get_int (node);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      moat_json_checker_problem (checker, key,
                                 _("expected a whole number from 0 or an object with “min” "
                                   "and “max”, found %s"),
                                 moat_json_describe_node (node));
      return;
    }

  range = json_node_get_object (node);
  moat_json_checker_push_key (checker, key);
  moat_json_checker_check_keys (checker, range, range_keys);
  for (guint i = 0; range_keys[i] != NULL; i++)
    {
      JsonNode *bound = json_object_get_member (range, range_keys[i]);

      if (bound == NULL)
        continue;

      if (!node_is_type (bound, G_TYPE_INT64) || json_node_get_int (bound) < 0 ||
          json_node_get_int (bound) > G_MAXINT32)
        {
          moat_json_checker_problem (checker, range_keys[i],
                                     _("expected a whole number from 0"));
          continue;
        }

      if (i == 0)
        condition->minimum = json_node_get_int (bound);
      else
        condition->maximum = json_node_get_int (bound);
    }
  moat_json_checker_pop (checker);
}

/* Reads a value, a list of values or {"not": …} for a boolean, an
 * enumeration or a text property. */
static void
read_value_condition (MoatJsonChecker *checker,
                      JsonNode        *node,
                      const char      *key,
                      Condition       *condition)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (condition->pspec);
  static const char * const not_keys[] = { "not", NULL };

  if (JSON_NODE_HOLDS_OBJECT (node) && type != G_TYPE_BOOLEAN)
    {
      JsonObject *object = json_node_get_object (node);

      moat_json_checker_push_key (checker, key);
      moat_json_checker_check_keys (checker, object, not_keys);
      moat_json_checker_pop (checker);

      node = json_object_get_member (object, "not");
      if (node == NULL)
        {
          moat_json_checker_problem (checker, key, _("expected {\"not\": …}"));
          return;
        }
      condition->negate = TRUE;
    }

  if (type == G_TYPE_BOOLEAN)
    {
      if (!node_is_type (node, G_TYPE_BOOLEAN))
        moat_json_checker_problem (checker, key, _("expected true or false, found %s"),
                                   moat_json_describe_node (node));
      else
        condition->allowed = G_GUINT64_CONSTANT (1) << json_node_get_boolean (node);
    }
  else if (G_TYPE_IS_ENUM (type))
    condition->allowed = read_enum_set (checker, node, key, type);
  else
    condition->strings = read_string_set (checker, node, key);
}

static void
read_flags_condition (MoatJsonChecker *checker,
                      JsonNode        *node,
                      const char      *key,
                      Condition       *condition)
{
  static const char * const flags_keys[] = { "includes", "excludes", NULL };
  GType type = G_PARAM_SPEC_VALUE_TYPE (condition->pspec);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      moat_json_checker_problem (checker, key,
                                 _("expected an object with “includes” or “excludes”, "
                                   "found %s"),
                                 moat_json_describe_node (node));
      return;
    }

  object = json_node_get_object (node);
  moat_json_checker_push_key (checker, key);
  moat_json_checker_check_keys (checker, object, flags_keys);
  if (json_object_has_member (object, "includes"))
    condition->includes = read_flag_set (checker, json_object_get_member (object, "includes"),
                                         "includes", type);
  if (json_object_has_member (object, "excludes"))
    condition->excludes = read_flag_set (checker, json_object_get_member (object, "excludes"),
                                         "excludes", type);
  if (json_object_get_size (object) == 0)
    moat_json_checker_problem (checker, NULL, _("give “includes”, “excludes” or both"));
  moat_json_checker_pop (checker);
}

static void
read_conditions (MoatJsonChecker *checker,
                 JsonObject      *when,
                 Subject          subject,
                 MoatRule        *rule)
{
  const char *key = subject_keys[subject];
  const Property *allowed = subject == SUBJECT_FLOW ? flow_properties : element_properties;
  GObjectClass *klass = g_type_class_ref (subject == SUBJECT_FLOW ? MOAT_TYPE_FLOW
                                                                  : MOAT_TYPE_ELEMENT);
  JsonObject *object = moat_json_checker_read_object (checker, when, key, FALSE);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    {
      g_type_class_unref (klass);
      return;
    }

  moat_json_checker_push_key (checker, key);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      Condition condition = { NULL, };
      GType type;

      condition.property = find_property (allowed, name);
      if (condition.property == NULL)
        {
          g_autofree char *list = dup_property_list (allowed);

          moat_json_checker_problem (checker, name,
                                     _("“%s” cannot be tested; the properties are: %s"),
                                     name, list);
          continue;
        }

      condition.pspec = g_object_class_find_property (klass, name);
      g_assert (condition.pspec != NULL);
      type = G_PARAM_SPEC_VALUE_TYPE (condition.pspec);

      if (type == G_TYPE_UINT)
        read_count_range (checker, node, name, &condition);
      else if (G_TYPE_IS_FLAGS (type))
        read_flags_condition (checker, node, name, &condition);
      else
        read_value_condition (checker, node, name, &condition);

      g_array_append_val (rule->conditions[subject], condition);
    }
  moat_json_checker_pop (checker);

  /* Property specs live as long as the class, which stays loaded. */
  g_type_class_unref (klass);
}

static void
read_crossing (MoatJsonChecker *checker,
               JsonObject      *when,
               MoatRule        *rule)
{
  static const char * const keys[] = { "boundary", "direction", NULL };
  JsonNode *node = json_object_get_member (when, "crossing");
  JsonObject *object;
  const char *direction;

  if (node == NULL)
    return;

  if (node_is_type (node, G_TYPE_BOOLEAN))
    {
      rule->crossing = json_node_get_boolean (node) ? CROSSING_REQUIRED : CROSSING_FORBIDDEN;
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      moat_json_checker_problem (checker, "crossing",
                                 _("expected true, false or an object with “boundary” and "
                                   "“direction”, found %s"),
                                 moat_json_describe_node (node));
      return;
    }

  object = json_node_get_object (node);
  rule->crossing = CROSSING_REQUIRED;

  moat_json_checker_push_key (checker, "crossing");
  moat_json_checker_check_keys (checker, object, keys);
  if (json_object_has_member (object, "boundary"))
    rule->crossing_boundary =
      g_strdup (moat_json_checker_read_string (checker, object, "boundary", TRUE));

  direction = moat_json_checker_read_string (checker, object, "direction", FALSE);
  if (g_str_equal (direction, "entering"))
    rule->crossing_direction = DIRECTION_ENTERING;
  else if (g_str_equal (direction, "leaving"))
    rule->crossing_direction = DIRECTION_LEAVING;
  else if (direction[0] != '\0')
    moat_json_checker_problem (checker, "direction",
                               _("unknown direction “%s”; expected entering or leaving"),
                               direction);
  moat_json_checker_pop (checker);
}

static void
read_when (MoatJsonChecker *checker,
           JsonObject      *object,
           MoatRule        *rule)
{
  static const char * const keys[] = { "source", "target", "flow", "crossing", NULL };
  JsonObject *when = moat_json_checker_read_object (checker, object, "when", TRUE);
  guint n_conditions = 0;

  if (when == NULL)
    return;

  moat_json_checker_push_key (checker, "when");
  moat_json_checker_check_keys (checker, when, keys);
  for (Subject subject = 0; subject < N_SUBJECTS; subject++)
    {
      read_conditions (checker, when, subject, rule);
      n_conditions += rule->conditions[subject]->len;
    }
  read_crossing (checker, when, rule);
  moat_json_checker_pop (checker);

  /* A rule without conditions would fire on every flow. */
  if (n_conditions == 0 && rule->crossing == CROSSING_ANY)
    moat_json_checker_problem (checker, "when",
                               _("the rule has no conditions; add at least one"));
}

static char **
read_texts (MoatJsonChecker *checker,
            JsonObject      *object,
            const char      *key)
{
  char **texts = moat_json_checker_read_strings (checker, object, key);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      char *translated = g_strdup (moat_data_translate (texts[i]));

      g_free (texts[i]);
      texts[i] = translated;
    }

  return texts;
}

static void
read_mitigations (MoatJsonChecker *checker,
                  JsonObject      *object,
                  MoatRule        *rule)
{
  static const char * const keys[] = { "short-term", "long-term", "monitoring", NULL };
  JsonObject *mitigations = moat_json_checker_read_object (checker, object, "mitigations", TRUE);

  if (mitigations == NULL)
    {
      rule->short_term = g_new0 (char *, 1);
      rule->long_term = g_new0 (char *, 1);
      rule->monitoring = g_new0 (char *, 1);
      return;
    }

  moat_json_checker_push_key (checker, "mitigations");
  moat_json_checker_check_keys (checker, mitigations, keys);
  rule->short_term = read_texts (checker, mitigations, "short-term");
  rule->long_term = read_texts (checker, mitigations, "long-term");
  rule->monitoring = read_texts (checker, mitigations, "monitoring");
  if (rule->short_term[0] == NULL && rule->long_term[0] == NULL)
    moat_json_checker_problem (checker, NULL,
                               _("give at least one short-term or long-term mitigation"));
  moat_json_checker_pop (checker);
}

static void
read_impact (MoatJsonChecker *checker,
             JsonObject      *object,
             MoatRule        *rule)
{
  static const char * const keys[] = { "confidentiality", "integrity", "availability", NULL };
  JsonObject *impact = moat_json_checker_read_object (checker, object, "impact", TRUE);

  if (impact == NULL)
    return;

  moat_json_checker_push_key (checker, "impact");
  moat_json_checker_check_keys (checker, impact, keys);
  rule->impact_confidentiality =
    moat_json_checker_read_enum (checker, impact, "confidentiality", MOAT_TYPE_LEVEL, TRUE, 0);
  rule->impact_integrity =
    moat_json_checker_read_enum (checker, impact, "integrity", MOAT_TYPE_LEVEL, TRUE, 0);
  rule->impact_availability =
    moat_json_checker_read_enum (checker, impact, "availability", MOAT_TYPE_LEVEL, TRUE, 0);
  moat_json_checker_pop (checker);
}

static void
read_examples (MoatJsonChecker *checker,
               JsonObject      *object)
{
  static const char * const keys[] = { "triggers", "ignores", NULL };
  JsonObject *examples = moat_json_checker_read_object (checker, object, "examples", FALSE);

  /* The examples feed the rule tests; the loader only checks their
   * shape. */
  if (examples == NULL)
    return;

  moat_json_checker_push_key (checker, "examples");
  moat_json_checker_check_keys (checker, examples, keys);
  moat_json_checker_read_object (checker, examples, "triggers", TRUE);
  moat_json_checker_read_object (checker, examples, "ignores", TRUE);
  moat_json_checker_pop (checker);
}

static MoatRule *
read_rule (MoatRuleLibrary *self,
           MoatJsonChecker *checker,
           JsonObject      *object,
           const char      *display_name,
           GHashTable      *file_ids)
{
  static const char * const keys[] = {
    "id", "category", "pattern", "title", "attack-vector", "prerequisites", "impact",
    "probability", "mitigations", "attach-to", "when", "examples", NULL,
  };
  g_autoptr(MoatRule) rule = rule_new ();
  const char *attach_to;
  const char *id;
  guint problems_before = moat_json_checker_get_n_problems (checker);

  moat_json_checker_check_keys (checker, object, keys);

  id = moat_json_checker_read_string (checker, object, "id", TRUE);
  if (id[0] != '\0' && (g_hash_table_contains (self->rules_by_id, id) ||
                        !g_hash_table_add (file_ids, (char *)id)))
    moat_json_checker_problem (checker, "id",
                               _("duplicate rule id “%s”; give each rule its own id"), id);

  rule->id = g_strdup (id);
  rule->file = g_strdup (display_name);
  rule->category = moat_json_checker_read_enum (checker, object, "category",
                                                MOAT_TYPE_STRIDE_CATEGORY, TRUE,
                                                MOAT_STRIDE_SPOOFING);
  if (rule->category == MOAT_STRIDE_OTHER)
    moat_json_checker_problem (checker, "category",
                               _("a rule proposes a threat in one of the six STRIDE "
                                 "categories"));

  rule->pattern_id = g_strdup (moat_json_checker_read_string (checker, object, "pattern",
                                                              FALSE));
  if (rule->pattern_id[0] != '\0' &&
      !g_str_has_prefix (rule->pattern_id,
                         moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, rule->category)))
    moat_json_checker_problem (checker, "pattern",
                               _("pattern “%s” belongs to another STRIDE category than the "
                                 "rule"),
                               rule->pattern_id);

  rule->title = g_strdup (moat_data_translate (moat_json_checker_read_string (checker, object,
                                                                             "title", TRUE)));
  rule->attack_vector =
    g_strdup (moat_data_translate (moat_json_checker_read_string (checker, object,
                                                                  "attack-vector", TRUE)));
  rule->prerequisites =
    g_strdup (moat_data_translate (moat_json_checker_read_string (checker, object,
                                                                  "prerequisites", FALSE)));
  read_impact (checker, object, rule);
  rule->probability = moat_json_checker_read_enum (checker, object, "probability",
                                                   MOAT_TYPE_LEVEL, TRUE, MOAT_LEVEL_UNSET);
  read_mitigations (checker, object, rule);

  attach_to = moat_json_checker_read_string (checker, object, "attach-to", FALSE);
  if (attach_to[0] == '\0' || g_str_equal (attach_to, "flow"))
    rule->attachment = MOAT_RULE_ATTACH_FLOW;
  else if (g_str_equal (attach_to, "source"))
    rule->attachment = MOAT_RULE_ATTACH_SOURCE;
  else if (g_str_equal (attach_to, "target"))
    rule->attachment = MOAT_RULE_ATTACH_TARGET;
  else
    moat_json_checker_problem (checker, "attach-to",
                               _("unknown value “%s”; expected one of: flow, source, target"),
                               attach_to);

  read_when (checker, object, rule);
  read_examples (checker, object);

  if (moat_json_checker_get_n_problems (checker) > problems_before)
    return NULL;

  return g_steal_pointer (&rule);
}

static void
read_library (MoatRuleLibrary *self,
              MoatJsonChecker *checker,
              JsonNode        *root,
              const char      *display_name,
              GPtrArray       *rules)
{
  static const char * const keys[] = { "format", "version", "rules", NULL };
  g_autoptr(GHashTable) file_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonArray *array;
  JsonNode *version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      moat_json_checker_problem (checker, NULL, _("expected an object, found %s"),
                                 moat_json_describe_node (root));
      return;
    }

  object = json_node_get_object (root);
  if (g_strcmp0 (moat_json_checker_read_string (checker, object, "format", FALSE),
                 RULES_FORMAT) != 0)
    {
      moat_json_checker_problem (checker, "format",
                                 _("not a rule library; expected \"format\": \"%s\""),
                                 RULES_FORMAT);
      return;
    }

  version = json_object_get_member (object, "version");
  if (version == NULL || !node_is_type (version, G_TYPE_INT64) ||
      json_node_get_int (version) != RULES_VERSION)
    {
      moat_json_checker_problem (checker, "version",
                                 _("unsupported rule library version; this Moat reads version "
                                   "%d"),
                                 RULES_VERSION);
      return;
    }

  moat_json_checker_check_keys (checker, object, keys);
  array = moat_json_checker_read_array (checker, object, "rules", TRUE);
  if (array == NULL)
    return;

  moat_json_checker_push_key (checker, "rules");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item;

      moat_json_checker_push_index (checker, i);
      item = moat_json_checker_array_object (checker, array, i);
      if (item != NULL)
        {
          MoatRule *rule = read_rule (self, checker, item, display_name, file_ids);

          if (rule != NULL)
            g_ptr_array_add (rules, rule);
        }
      moat_json_checker_pop (checker);
    }
  moat_json_checker_pop (checker);
}

static void
moat_rule_library_finalize (GObject *object)
{
  MoatRuleLibrary *self = (MoatRuleLibrary *)object;

  g_clear_pointer (&self->rules_by_id, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_rule_library_parent_class)->finalize (object);
}

static void
moat_rule_library_class_init (MoatRuleLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_rule_library_finalize;
}

static void
moat_rule_library_init (MoatRuleLibrary *self)
{
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_rule_unref);
  self->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

MoatRuleLibrary *
moat_rule_library_new (void)
{
  return g_object_new (MOAT_TYPE_RULE_LIBRARY, NULL);
}

/**
 * moat_rule_library_load_file:
 * @file: a rule library file
 *
 * Adds the rules of @file. Either all of its rules are added, or none:
 * on any problem @error lists every problem found, each with the file
 * name and the JSON path.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_rule_library_load_file (MoatRuleLibrary  *self,
                             GFile            *file,
                             GError          **error)
{
  g_autoptr(MoatJsonChecker) checker = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_rule_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  JsonNode *root;

  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  display_name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_NOT_FOUND,
                   _("%s: cannot read the rule library: %s"), display_name,
                   local_error->message);
      return FALSE;
    }

  checker = moat_json_checker_new (display_name);
  root = moat_json_checker_parse (checker, bytes, &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }

  read_library (self, checker, root, display_name, rules);
  if (!moat_json_checker_finish (checker, MOAT_RULES_ERROR, MOAT_RULES_ERROR_INVALID, error))
    return FALSE;

  for (guint i = 0; i < rules->len; i++)
    {
      MoatRule *rule = g_ptr_array_index (rules, i);

      g_ptr_array_add (self->rules, moat_rule_ref (rule));
      g_hash_table_insert (self->rules_by_id, rule->id, rule);
    }

  g_debug ("Loaded %u rules from %s", rules->len, display_name);

  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

/**
 * moat_rule_library_load_default:
 *
 * Adds the rules shipped with Moat: every .json file of the rules/ data
 * folder (see moat_data_dup_path()), in file name order.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_rule_library_load_default (MoatRuleLibrary  *self,
                                GError          **error)
{
  g_autofree char *folder = moat_data_dup_path ("rules");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (self), FALSE);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_NOT_FOUND,
                   _("cannot read the rule library folder: %s; reinstall Moat, or set "
                     "MOAT_DATA_DIR to the folder that holds rules/"),
                   local_error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (!moat_rule_library_load_file (self, file, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * moat_rule_library_check_relative_path:
 * @path: a rule file path from a model
 * @message: (out) (optional): where to store what is wrong with @path
 *
 * Checks that @path is relative and stays inside the model's folder, so
 * a model received from someone else cannot read files elsewhere.
 *
 * Returns: %TRUE if @path is acceptable
 */
gboolean
moat_rule_library_check_relative_path (const char  *path,
                                       char       **message)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (path[0] == '\0')
    {
      if (message != NULL)
        *message = g_strdup (_("the path is empty; name a rule file next to the model"));
      return FALSE;
    }

  if (g_path_is_absolute (path) || path[0] == '~')
    {
      if (message != NULL)
        *message = g_strdup_printf (_("“%s” is not a relative path; give the path relative "
                                      "to the model's folder"), path);
      return FALSE;
    }

  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      {
        if (message != NULL)
          *message = g_strdup_printf (_("“%s” leaves the model's folder; keep rule files in "
                                        "the model's folder or below it"), path);
        return FALSE;
      }

  return TRUE;
}

/**
 * moat_rule_library_load_model_files:
 * @document: a model, which must have a file if it names rule files
 *
 * Adds the rule files that @document names in its metadata, resolved
 * against the folder of the model file.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_rule_library_load_model_files (MoatRuleLibrary  *self,
                                    MoatDocument     *document,
                                    GError          **error)
{
  const char * const *paths;
  g_autoptr(GFile) folder = NULL;
  GFile *model_file;

  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (self), FALSE);
  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);

  paths = moat_document_get_rule_files (document);
  if (paths[0] == NULL)
    return TRUE;

  model_file = moat_document_get_file (document);
  if (model_file == NULL)
    {
      g_set_error (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_NOT_FOUND,
                   _("$.model.rule-files: the model names rule files relative to its folder, "
                     "but it has not been saved; save it first"));
      return FALSE;
    }

  folder = g_file_get_parent (model_file);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *model_name = g_file_get_parse_name (model_file);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!moat_rule_library_check_relative_path (paths[i], &message))
        {
          g_set_error (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_INVALID,
                       "%s: $.model.rule-files[%u]: %s", model_name, i, message);
          return FALSE;
        }

      file = g_file_resolve_relative_path (folder, paths[i]);
      if (!g_file_query_exists (file, NULL))
        {
          g_autofree char *rule_name = g_file_get_parse_name (file);

          g_set_error (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_NOT_FOUND,
                       _("%s: $.model.rule-files[%u]: rule file %s does not exist; create it "
                         "or remove it from the list"),
                       model_name, i, rule_name);
          return FALSE;
        }

      if (!moat_rule_library_load_file (self, file, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * moat_rule_library_new_for_document:
 *
 * Loads the rules shipped with Moat and the rule files that @document
 * names.
 *
 * Returns: (transfer full): the library, or %NULL with @error set
 */
MoatRuleLibrary *
moat_rule_library_new_for_document (MoatDocument  *document,
                                    GError       **error)
{
  g_autoptr(MoatRuleLibrary) self = moat_rule_library_new ();

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);

  if (!moat_rule_library_load_default (self, error) ||
      !moat_rule_library_load_model_files (self, document, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * moat_rule_library_get_rules:
 *
 * Returns: (transfer none) (element-type MoatRule): the rules in load
 *   order
 */
GPtrArray *
moat_rule_library_get_rules (MoatRuleLibrary *self)
{
  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (self), NULL);

  return self->rules;
}

/**
 * moat_rule_library_lookup:
 *
 * Returns: (transfer none) (nullable): the rule with @id
 */
MoatRule *
moat_rule_library_lookup (MoatRuleLibrary *self,
                          const char      *id)
{
  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->rules_by_id, id);
}

/* Evaluation */

static gboolean
condition_holds (const Condition *condition,
                 GObject         *object)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (condition->pspec);
  gboolean holds;

  if (condition->property->read_text != NULL)
    {
      const char *text = condition->property->read_text (object);

      holds = FALSE;
      for (guint i = 0; !holds && condition->strings[i] != NULL; i++)
        holds = g_ascii_strcasecmp (text != NULL ? text : "", condition->strings[i]) == 0;
    }
  else
    {
      guint number = condition->property->read_number (object);

      if (type == G_TYPE_BOOLEAN)
        holds = (condition->allowed & (G_GUINT64_CONSTANT (1) << (number != FALSE))) != 0;
      else if (G_TYPE_IS_ENUM (type))
        holds = (condition->allowed & (G_GUINT64_CONSTANT (1) << number)) != 0;
      else if (type == G_TYPE_UINT)
        holds = number >= condition->minimum && number <= condition->maximum;
      else
        holds = (number & condition->includes) == condition->includes &&
                (number & condition->excludes) == 0;
    }

  return condition->negate ? !holds : holds;
}

static gboolean
conditions_hold (GArray  *conditions,
                 GObject *object)
{
  if (conditions->len == 0)
    return TRUE;

  /* A condition on a missing end, such as a dangling flow's source,
   * never holds. */
  if (object == NULL)
    return FALSE;

  for (guint i = 0; i < conditions->len; i++)
    if (!condition_holds (&g_array_index (conditions, Condition, i), object))
      return FALSE;

  return TRUE;
}

static gboolean
crossing_holds (MoatRule           *self,
                const MoatCrossing *crossings,
                guint               n_crossings)
{
  switch (self->crossing)
    {
    case CROSSING_ANY:
      return TRUE;

    case CROSSING_FORBIDDEN:
      return n_crossings == 0;

    case CROSSING_REQUIRED:
      for (guint i = 0; i < n_crossings; i++)
        {
          const char *name = moat_item_get_name (MOAT_ITEM (crossings[i].boundary));

          if (self->crossing_boundary != NULL &&
              g_strcmp0 (name, self->crossing_boundary) != 0)
            continue;

          if ((self->crossing_direction == DIRECTION_ENTERING && !crossings[i].entering) ||
              (self->crossing_direction == DIRECTION_LEAVING && crossings[i].entering))
            continue;

          return TRUE;
        }
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * moat_rule_matches:
 * @flow: a data flow
 * @source: (nullable): the flow's source element, %NULL if dangling
 * @target: (nullable): the flow's target element, %NULL if dangling
 * @crossings: (array length=n_crossings) (nullable): the boundaries the
 *   flow crosses, from moat_crossings_get_for_flow()
 *
 * Returns: %TRUE if every condition of the rule holds for @flow
 */
gboolean
moat_rule_matches (MoatRule           *self,
                   MoatFlow           *flow,
                   MoatElement        *source,
                   MoatElement        *target,
                   const MoatCrossing *crossings,
                   guint               n_crossings)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MOAT_IS_FLOW (flow), FALSE);

  return conditions_hold (self->conditions[SUBJECT_FLOW], G_OBJECT (flow)) &&
         conditions_hold (self->conditions[SUBJECT_SOURCE], (GObject *)source) &&
         conditions_hold (self->conditions[SUBJECT_TARGET], (GObject *)target) &&
         crossing_holds (self, crossings, n_crossings);
}

/**
 * moat_rule_get_attachment_id:
 * @flow: the flow the rule matched
 *
 * Returns: the id of the flow or of the end element that the proposed
 *   threat belongs to
 */
const char *
moat_rule_get_attachment_id (MoatRule *self,
                             MoatFlow *flow)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (MOAT_IS_FLOW (flow), NULL);

  switch (self->attachment)
    {
    case MOAT_RULE_ATTACH_FLOW:
      return moat_item_get_id (MOAT_ITEM (flow));
    case MOAT_RULE_ATTACH_SOURCE:
      return moat_flow_get_source_id (flow);
    case MOAT_RULE_ATTACH_TARGET:
      return moat_flow_get_target_id (flow);
    default:
      g_assert_not_reached ();
    }
}

static MoatChecklist *
checklist_from_texts (char **texts)
{
  MoatChecklist *checklist = moat_checklist_new ();

  for (guint i = 0; texts[i] != NULL; i++)
    moat_checklist_append (checklist, texts[i], FALSE);

  return checklist;
}

/**
 * moat_rule_create_threat:
 * @flow: the flow the rule matched
 *
 * Creates the threat that the rule proposes, filled in with its title,
 * attack vector, prerequisites, impact, probability and mitigations, and
 * attached as the rule says. Add it with moat_document_add_threat() so
 * that the change can be undone.
 *
 * Returns: (transfer full): a new threat without a number
 */
MoatThreat *
moat_rule_create_threat (MoatRule *self,
                         MoatFlow *flow)
{
  g_autoptr(MoatChecklist) short_term = NULL;
  g_autoptr(MoatChecklist) long_term = NULL;
  g_autoptr(MoatChecklist) monitoring = NULL;
  MoatThreat *threat;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (MOAT_IS_FLOW (flow), NULL);

  short_term = checklist_from_texts (self->short_term);
  long_term = checklist_from_texts (self->long_term);
  monitoring = checklist_from_texts (self->monitoring);

  threat = moat_threat_new (NULL, moat_rule_get_attachment_id (self, flow), self->category,
                            self->title);
  g_object_set (threat,
                "attack-vector", self->attack_vector,
                "prerequisites", self->prerequisites,
                "impact-confidentiality", self->impact_confidentiality,
                "impact-integrity", self->impact_integrity,
                "impact-availability", self->impact_availability,
                "probability", self->probability,
                "short-term", short_term,
                "long-term", long_term,
                "monitoring", monitoring,
                "rule-id", self->id,
                NULL);

  return threat;
}

/* Accessors */

const char *
moat_rule_get_id (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

/**
 * moat_rule_get_file:
 *
 * Returns: the display name of the file the rule came from
 */
const char *
moat_rule_get_file (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file;
}

MoatStrideCategory
moat_rule_get_category (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->category;
}

/**
 * moat_rule_get_pattern_id:
 *
 * Returns: the id of the STRIDE detection pattern the rule looks for, or
 *   "" for a rule outside the catalogue, such as the AI-agent rules
 */
const char *
moat_rule_get_pattern_id (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pattern_id;
}

const char *
moat_rule_get_title (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

const char *
moat_rule_get_attack_vector (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attack_vector;
}

const char *
moat_rule_get_prerequisites (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->prerequisites;
}

MoatLevel
moat_rule_get_impact_confidentiality (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->impact_confidentiality;
}

MoatLevel
moat_rule_get_impact_integrity (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->impact_integrity;
}

MoatLevel
moat_rule_get_impact_availability (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->impact_availability;
}

MoatLevel
moat_rule_get_probability (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->probability;
}

/**
 * moat_rule_get_severity:
 *
 * Returns: the severity that the suggested impact and probability give
 *   in the severity matrix
 */
MoatSeverity
moat_rule_get_severity (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return moat_severity_from_matrix (moat_impact_from_cia (self->impact_confidentiality,
                                                          self->impact_integrity,
                                                          self->impact_availability),
                                    self->probability);
}

const char * const *
moat_rule_get_short_term (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *)self->short_term;
}

const char * const *
moat_rule_get_long_term (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *)self->long_term;
}

const char * const *
moat_rule_get_monitoring (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *)self->monitoring;
}

MoatRuleAttachment
moat_rule_get_attachment (MoatRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->attachment;
}
