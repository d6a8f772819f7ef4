/* test-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moat-format.h"
#include "moat-rules.h"
#include "moat-stride-catalogue.h"
#include "moat-suggestion.h"

/* Every rule of data/rules/ carries two examples: a minimal flow that must
 * trigger it and one that must not. The test builds a real .moat model
 * from each, loads it with the real loader and evaluates the whole
 * library on it. */

typedef struct
{
  char *rule_id;
  JsonObject *triggers;
  JsonObject *ignores;
} RuleExamples;

static GPtrArray *all_examples;

static const char * const ai_agent_rules[] = {
  "ai-agent.prompt-injection",
  "ai-agent.writes-beyond-allowlist",
  "ai-agent.untraced-tool-calls",
  "ai-agent.secrets-in-context",
  "ai-agent.runaway-loop",
  "ai-agent.sandbox-escape-tool-chaining",
  NULL,
};

static char *
dup_data_path (const char *first,
               ...)
{
  const char *root = g_getenv ("MOAT_DATA_DIR");
  g_autoptr(GString) path = NULL;
  va_list args;

  g_assert_nonnull (root);
  path = g_string_new (root);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, part);
    }
  va_end (args);

  return g_string_free (g_steal_pointer (&path), FALSE);
}

static MoatRuleLibrary *
load_default_rules (void)
{
  g_autoptr(MoatRuleLibrary) rules = moat_rule_library_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_rule_library_load_default (rules, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&rules);
}

static void
rule_examples_free (RuleExamples *examples)
{
  g_free (examples->rule_id);
  g_clear_pointer (&examples->triggers, json_object_unref);
  g_clear_pointer (&examples->ignores, json_object_unref);
  g_free (examples);
}

/* Reads every rule's examples straight from the rule files. */
static GPtrArray *
read_all_examples (void)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify)rule_examples_free);
  g_autofree char *folder = dup_data_path ("rules", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *rules;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_assert_true (json_parser_load_from_file (parser, path, &error));
      g_assert_no_error (error);
      rules = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "rules");
      for (guint i = 0; i < json_array_get_length (rules); i++)
        {
          JsonObject *rule = json_array_get_object_element (rules, i);
          JsonObject *examples = json_object_get_object_member (rule, "examples");
          RuleExamples *entry = g_new0 (RuleExamples, 1);

          entry->rule_id = g_strdup (json_object_get_string_member (rule, "id"));
          if (examples != NULL && json_object_has_member (examples, "triggers"))
            entry->triggers = json_object_ref (json_object_get_object_member (examples,
                                                                               "triggers"));
          if (examples != NULL && json_object_has_member (examples, "ignores"))
            entry->ignores = json_object_ref (json_object_get_object_member (examples,
                                                                              "ignores"));
          g_ptr_array_add (result, entry);
        }
    }

  return result;
}

static JsonObject *
new_element (JsonObject *spec,
             const char *id,
             double      x)
{
  JsonObject *element = json_object_new ();

  json_object_set_string_member (element, "id", id);
  json_object_set_string_member (element, "kind", "process");
  if (spec != NULL)
    {
      GList *members = json_object_get_members (spec);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (element, l->data,
                                json_node_copy (json_object_get_member (spec, l->data)));
      g_list_free (members);
    }
  json_object_set_double_member (element, "x", x);
  json_object_set_double_member (element, "y", 0);
  json_object_set_double_member (element, "width", 100);
  json_object_set_double_member (element, "height", 60);

  return element;
}

/* Builds a one-flow model from an example: elements "a" → "b" and flow
 * "f", with "crossing": {"boundary": NAME, "around": "source"|"target"}
 * drawing a boundary around one end. */
static MoatDocument *
load_example_model (JsonObject *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *model = json_object_new ();
  JsonObject *diagram = json_object_new ();
  JsonArray *diagrams = json_array_new ();
  JsonArray *elements = json_array_new ();
  JsonArray *flows = json_array_new ();
  JsonArray *boundaries = json_array_new ();
  JsonObject *flow = json_object_new ();
  JsonObject *flow_spec = json_object_get_object_member (spec, "flow");
  JsonNode *crossing = json_object_get_member (spec, "crossing");
  MoatDocument *document;
  char *text;

  json_array_add_object_element (elements,
                                 new_element (json_object_get_object_member (spec, "source"),
                                              "a", 0));
  json_array_add_object_element (elements,
                                 new_element (json_object_get_object_member (spec, "target"),
                                              "b", 400));

  if (flow_spec != NULL)
    {
      GList *members = json_object_get_members (flow_spec);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (flow, l->data,
                                json_node_copy (json_object_get_member (flow_spec, l->data)));
      g_list_free (members);
    }
  json_object_set_string_member (flow, "id", "f");
  json_object_set_string_member (flow, "name", "Example flow");
  json_object_set_string_member (flow, "source", "a");
  json_object_set_string_member (flow, "target", "b");
  json_array_add_object_element (flows, flow);

  if (crossing != NULL && JSON_NODE_HOLDS_OBJECT (crossing))
    {
      JsonObject *around = json_node_get_object (crossing);
      JsonObject *boundary = json_object_new ();
      gboolean source = g_strcmp0 (json_object_get_string_member_with_default (around, "around",
                                                                               "target"),
                                   "source") == 0;

      json_object_set_string_member (boundary, "id", "zone");
      json_object_set_string_member (boundary, "name",
                                     json_object_get_string_member (around, "boundary"));
      json_object_set_double_member (boundary, "x", source ? -50 : 350);
      json_object_set_double_member (boundary, "y", -50);
      json_object_set_double_member (boundary, "width", 200);
      json_object_set_double_member (boundary, "height", 160);
      json_array_add_object_element (boundaries, boundary);
    }

  json_object_set_string_member (diagram, "id", "d");
  json_object_set_array_member (diagram, "boundaries", boundaries);
  json_object_set_array_member (diagram, "elements", elements);
  json_object_set_array_member (diagram, "flows", flows);
  json_array_add_object_element (diagrams, diagram);
  json_object_set_string_member (model, "format", "moat");
  json_object_set_int_member (model, "version", 1);
  json_object_set_int_member (model, "next-threat-number", 1);
  json_object_set_array_member (model, "diagrams", diagrams);

  root = json_node_init_object (json_node_alloc (), model);
  json_object_unref (model);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  bytes = g_bytes_new_take (text, strlen (text));

  document = moat_format_load_bytes (bytes, "example.moat", &error);
  g_assert_no_error (error);

  return document;
}

static gboolean
suggests (MoatRuleLibrary *rules,
          MoatDocument    *document,
          const char      *rule_id)
{
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autoptr(MoatCrossings) crossings = moat_crossings_new (diagram);
  g_autoptr(GPtrArray) suggestions =
    moat_suggestions_for_flow (rules, document, moat_document_lookup (document, "f"), crossings);

  for (guint i = 0; i < suggestions->len; i++)
    {
      MoatSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (g_str_equal (moat_rule_get_id (suggestion->rule), rule_id))
        return TRUE;
    }

  return FALSE;
}

static void
test_rule_example (gconstpointer data)
{
  const RuleExamples *examples = data;
  g_autoptr(MoatRuleLibrary) rules = load_default_rules ();
  g_autoptr(MoatDocument) triggering = NULL;
  g_autoptr(MoatDocument) ignoring = NULL;

  g_assert_nonnull (moat_rule_library_lookup (rules, examples->rule_id));

  /* Every rule must come with both examples. */
  g_assert_nonnull (examples->triggers);
  g_assert_nonnull (examples->ignores);

  triggering = load_example_model (examples->triggers);
  g_assert_true (suggests (rules, triggering, examples->rule_id));

  ignoring = load_example_model (examples->ignores);
  g_assert_false (suggests (rules, ignoring, examples->rule_id));
}

static void
test_library_size (void)
{
  g_autoptr(MoatRuleLibrary) rules = load_default_rules ();
  GPtrArray *all = moat_rule_library_get_rules (rules);

  g_assert_cmpuint (all->len, >=, 35);
  g_assert_cmpuint (all->len, ==, all_examples->len);
  for (guint i = 0; ai_agent_rules[i] != NULL; i++)
    g_assert_nonnull (moat_rule_library_lookup (rules, ai_agent_rules[i]));

  for (guint i = 0; i < all->len; i++)
    {
      MoatRule *rule = g_ptr_array_index (all, i);

      g_assert_cmpstr (moat_rule_get_title (rule), !=, "");
      g_assert_cmpstr (moat_rule_get_attack_vector (rule), !=, "");
      g_assert_cmpint (moat_rule_get_category (rule), <, MOAT_N_STRIDE_CATEGORIES);
      g_assert_cmpint (moat_rule_get_severity (rule), !=, MOAT_SEVERITY_UNSET);
      g_assert_true (moat_rule_get_short_term (rule)[0] != NULL ||
                     moat_rule_get_long_term (rule)[0] != NULL);
    }
}

static void
test_catalogue (void)
{
  g_autoptr(MoatStrideCatalogue) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  static const guint n_patterns[MOAT_N_STRIDE_CATEGORIES] = { 4, 4, 3, 5, 4, 5 };

  catalogue = moat_stride_catalogue_new_default (&error);
  g_assert_no_error (error);

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    {
      g_assert_cmpstr (moat_stride_catalogue_get_question (catalogue, category), ==,
                       moat_stride_category_to_question (category));
      g_assert_cmpuint (moat_stride_catalogue_get_n_patterns (catalogue, category), ==,
                        n_patterns[category]);
      g_assert_nonnull (moat_stride_catalogue_get_mitigations (catalogue, category)[0]);

      for (guint i = 0; i < n_patterns[category]; i++)
        {
          const MoatStridePattern *pattern =
            moat_stride_catalogue_get_pattern (catalogue, category, i);

          g_assert_cmpint (pattern->category, ==, category);
          g_assert_true (moat_stride_catalogue_lookup_pattern (catalogue, pattern->id) == pattern);
        }
    }

  g_assert_null (moat_stride_catalogue_lookup_pattern (catalogue, "spoofing.nothing"));
}

/* Every detection pattern has a rule that looks for it, and every rule's
 * pattern exists. */
static void
test_patterns_covered (void)
{
  g_autoptr(MoatStrideCatalogue) catalogue = moat_stride_catalogue_new_default (NULL);
  g_autoptr(MoatRuleLibrary) rules = load_default_rules ();
  GPtrArray *all = moat_rule_library_get_rules (rules);

  g_assert_nonnull (catalogue);

  for (guint i = 0; i < all->len; i++)
    {
      const char *pattern = moat_rule_get_pattern_id (g_ptr_array_index (all, i));

      if (pattern[0] != '\0')
        g_assert_nonnull (moat_stride_catalogue_lookup_pattern (catalogue, pattern));
    }

  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    for (guint p = 0; p < moat_stride_catalogue_get_n_patterns (catalogue, category); p++)
      {
        const MoatStridePattern *pattern =
          moat_stride_catalogue_get_pattern (catalogue, category, p);
        gboolean covered = FALSE;

        for (guint i = 0; i < all->len && !covered; i++)
          covered = g_str_equal (moat_rule_get_pattern_id (g_ptr_array_index (all, i)),
                                 pattern->id);

        g_test_message ("pattern %s", pattern->id);
        g_assert_true (covered);
      }
}

static char *
write_temporary (const char *name,
                 const char *contents)
{
  g_autofree char *folder = g_dir_make_tmp ("moat-rules-XXXXXX", NULL);
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (folder);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
remove_temporary (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

#define RULE_HEAD "{\"format\": \"moat-rules\", \"version\": 1, \"rules\": [{" \
  "\"id\": \"custom.rule\", \"category\": \"spoofing\", \"title\": \"T\", " \
  "\"attack-vector\": \"A\", \"probability\": \"low\", " \
  "\"impact\": {\"confidentiality\": \"low\", \"integrity\": \"low\", \"availability\": \"low\"}, " \
  "\"mitigations\": {\"short-term\": [\"M\"]}, "

static void
test_load_errors (void)
{
  static const struct
  {
    const char *contents;
    const char *message;
  } cases[] = {
    { "{", "invalid JSON" },
    { "{\"format\": \"moat\", \"version\": 1}", "$.format: not a rule library" },
    { "{\"format\": \"moat-rules\", \"version\": 2, \"rules\": []}",
      "$.version: unsupported rule library version" },
    { RULE_HEAD "\"when\": {\"flow\": {\"colour\": true}}}]}",
      "$.rules[0].when.flow.colour: “colour” cannot be tested" },
    { RULE_HEAD "\"when\": {\"flow\": {\"encrypted\": \"no\"}}}]}",
      "$.rules[0].when.flow.encrypted: expected true or false, found a string" },
    { RULE_HEAD "\"when\": {\"target\": {\"kind\": \"server\"}}}]}",
      "$.rules[0].when.target.kind: unknown value “server”" },
    { RULE_HEAD "\"when\": {\"source\": {\"agent-tool-permissions\": {\"includes\": [\"fly\"]}}}}]}",
      "$.rules[0].when.source.agent-tool-permissions.includes: item 0 is not a tool permission" },
    { RULE_HEAD "\"when\": {}}]}", "$.rules[0].when: the rule has no conditions" },
    { RULE_HEAD "\"when\": {\"crossing\": {\"direction\": \"up\"}}}]}",
      "$.rules[0].when.crossing.direction: unknown direction “up”" },
    { RULE_HEAD "\"when\": {\"crossing\": true}, \"run\": \"rm -rf /\"}]}",
      "$.rules[0].run: unknown key “run”" },
    { RULE_HEAD "\"pattern\": \"tampering.plain-http\", \"when\": {\"crossing\": true}}]}",
      "$.rules[0].pattern: pattern “tampering.plain-http” belongs to another" },
    { RULE_HEAD "\"when\": {\"crossing\": true}}, {"
      "\"id\": \"custom.rule\", \"category\": \"spoofing\", \"title\": \"T\", "
      "\"attack-vector\": \"A\", \"probability\": \"low\", "
      "\"impact\": {\"confidentiality\": \"low\", \"integrity\": \"low\", \"availability\": \"low\"}, "
      "\"mitigations\": {\"short-term\": [\"M\"]}, \"when\": {\"crossing\": true}}]}",
      "$.rules[1].id: duplicate rule id “custom.rule”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temporary ("custom.json", cases[i].contents);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MoatRuleLibrary) rules = moat_rule_library_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_false (moat_rule_library_load_file (rules, file, &error));
      g_assert_error (error, MOAT_RULES_ERROR, MOAT_RULES_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].message));

      /* Nothing of a broken file is added. */
      g_assert_cmpuint (moat_rule_library_get_rules (rules)->len, ==, 0);
      remove_temporary (path);
    }
}

static const char model_with_rule_files[] =
  "{\"format\": \"moat\", \"version\": 1, \"next-threat-number\": 1,"
  " \"model\": {\"rule-files\": [%s]},"
  " \"diagrams\": [{\"id\": \"d\", \"elements\": ["
  "{\"id\": \"a\", \"kind\": \"external-entity\", \"x\": 0, \"y\": 0, \"width\": 80, \"height\": 40},"
  "{\"id\": \"b\", \"kind\": \"process\", \"x\": 200, \"y\": 0, \"width\": 80, \"height\": 40}],"
  " \"flows\": [{\"id\": \"f\", \"source\": \"a\", \"target\": \"b\", \"protocol\": \"FTP\"}]}]}";

static void
test_model_rule_files (void)
{
  g_autofree char *rule_path =
    write_temporary ("team-rules.json",
                     RULE_HEAD "\"when\": {\"flow\": {\"protocol\": [\"ftp\", \"telnet\"]}}}]}");
  g_autofree char *folder = g_path_get_dirname (rule_path);
  g_autofree char *model_path = g_build_filename (folder, "model.moat", NULL);
  g_autofree char *contents = g_strdup_printf (model_with_rule_files, "\"team-rules.json\"");
  g_autoptr(GFile) model_file = g_file_new_for_path (model_path);
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(MoatRuleLibrary) rules = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (model_path, contents, -1, &error);
  g_assert_no_error (error);

  document = moat_format_load_file (model_file, NULL, &error);
  g_assert_no_error (error);
  rules = moat_rule_library_new_for_document (document, &error);
  g_assert_no_error (error);

  /* The model's own rule matches the protocol without regard to case. */
  g_assert_nonnull (moat_rule_library_lookup (rules, "custom.rule"));
  g_assert_true (suggests (rules, document, "custom.rule"));
  g_assert_cmpstr (moat_rule_get_file (moat_rule_library_lookup (rules, "custom.rule")), ==,
                   rule_path);

  g_assert_cmpint (g_remove (model_path), ==, 0);
  remove_temporary (rule_path);
}

static void
test_model_rule_file_errors (void)
{
  static const struct
  {
    const char *paths;
    const char *message;
  } cases[] = {
    { "\"missing.json\"", "$.model.rule-files[0]: rule file" },
    { "\"../elsewhere.json\"", "$.model.rule-files[0]: “../elsewhere.json” leaves the model's folder" },
    { "\"/etc/rules.json\"", "$.model.rule-files[0]: “/etc/rules.json” is not a relative path" },
    { "\"\"", "$.model.rule-files[0]: the path is empty" },
    { "\"broken.json\"", "broken.json: invalid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *broken = write_temporary ("broken.json", "{");
      g_autofree char *folder = g_path_get_dirname (broken);
      g_autofree char *model_path = g_build_filename (folder, "model.moat", NULL);
      g_autofree char *contents = g_strdup_printf (model_with_rule_files, cases[i].paths);
      g_autoptr(GFile) model_file = g_file_new_for_path (model_path);
      g_autoptr(MoatDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_file_set_contents (model_path, contents, -1, &error);
      g_assert_no_error (error);

      document = moat_format_load_file (model_file, NULL, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));

      g_assert_cmpint (g_remove (model_path), ==, 0);
      remove_temporary (broken);
    }
}

static MoatSuggestion *
find_suggestion (GPtrArray  *suggestions,
                 const char *rule_id)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      MoatSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (g_str_equal (moat_rule_get_id (suggestion->rule), rule_id))
        return suggestion;
    }

  return NULL;
}

static GPtrArray *
list_suggestions (MoatRuleLibrary *rules,
                  MoatDocument    *document)
{
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_autoptr(MoatCrossings) crossings = moat_crossings_new (diagram);

  return moat_suggestions_for_flow (rules, document, moat_document_lookup (document, "f"),
                                    crossings);
}

static void
test_accept_and_undo (void)
{
  g_autoptr(MoatRuleLibrary) rules = load_default_rules ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  MoatSuggestion *suggestion;
  MoatThreat *threat;
  MoatRule *rule;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"source\": {\"kind\": \"external-entity\"},"
                                             " \"target\": {\"internet-facing\": true},"
                                             " \"flow\": {}}", -1, &error));
  document = load_example_model (json_node_get_object (json_parser_get_root (parser)));

  before = list_suggestions (rules, document);
  suggestion = find_suggestion (before, "spoofing.unsigned-webhook");
  g_assert_nonnull (suggestion);
  g_assert_cmpint (suggestion->state, ==, MOAT_SUGGESTION_OPEN);
  rule = suggestion->rule;

  threat = moat_suggestion_accept (document, suggestion);
  g_assert_nonnull (threat);
  g_assert_cmpstr (moat_threat_get_target_id (threat), ==, "f");
  g_assert_cmpstr (moat_threat_get_title (threat), ==, moat_rule_get_title (rule));
  g_assert_cmpstr (moat_threat_get_attack_vector (threat), ==, moat_rule_get_attack_vector (rule));
  g_assert_cmpint (moat_threat_get_category (threat), ==, MOAT_STRIDE_SPOOFING);
  g_assert_cmpint (moat_threat_get_severity (threat), ==, moat_rule_get_severity (rule));
  g_assert_cmpuint (moat_checklist_get_n_items (moat_threat_get_short_term (threat)), ==, 1);
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 1);
  g_assert_cmpstr (moat_threat_get_rule_id (threat), ==, "spoofing.unsigned-webhook");

  after = list_suggestions (rules, document);
  suggestion = find_suggestion (after, "spoofing.unsigned-webhook");
  g_assert_cmpint (suggestion->state, ==, MOAT_SUGGESTION_ACCEPTED);
  g_assert_cmpstr (suggestion->threat_id, ==, moat_threat_get_id (threat));

  g_assert_true (moat_document_undo (document));
  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, 0);
  undone = list_suggestions (rules, document);
  g_assert_cmpint (find_suggestion (undone, "spoofing.unsigned-webhook")->state, ==,
                   MOAT_SUGGESTION_OPEN);
}

static void
test_dismiss_is_saved (void)
{
  g_autoptr(MoatRuleLibrary) rules = load_default_rules ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(MoatDocument) reloaded = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  MoatSuggestion *suggestion;

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"source\": {\"kind\": \"external-entity\"},"
                                             " \"target\": {\"internet-facing\": true},"
                                             " \"flow\": {}}", -1, &error));
  document = load_example_model (json_node_get_object (json_parser_get_root (parser)));

  suggestions = list_suggestions (rules, document);
  moat_suggestion_dismiss (document, find_suggestion (suggestions,
                                                      "information-disclosure.verbose-errors"),
                           "Errors go through the shared handler");

  saved = moat_format_serialize (document);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "\"rule\": \"information-disclosure.verbose-errors\""));
  reloaded = moat_format_load_bytes (saved, "saved.moat", &error);
  g_assert_no_error (error);

  after = list_suggestions (rules, reloaded);
  suggestion = find_suggestion (after, "information-disclosure.verbose-errors");
  g_assert_cmpint (suggestion->state, ==, MOAT_SUGGESTION_DISMISSED);
  g_assert_cmpstr (suggestion->reason, ==, "Errors go through the shared handler");
  g_assert_cmpint (find_suggestion (after, "spoofing.unsigned-webhook")->state, ==,
                   MOAT_SUGGESTION_OPEN);

  moat_suggestion_restore (reloaded, suggestion);
  restored = list_suggestions (rules, reloaded);
  g_assert_cmpint (find_suggestion (restored, "information-disclosure.verbose-errors")->state,
                   ==, MOAT_SUGGESTION_OPEN);
}

static void
test_accept_many_one_step (void)
{
  g_autoptr(MoatRuleLibrary) rules = load_default_rules ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  guint n_open = 0;

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"source\": {\"kind\": \"external-entity\"},"
                                             " \"target\": {\"internet-facing\": true},"
                                             " \"flow\": {}}", -1, &error));
  document = load_example_model (json_node_get_object (json_parser_get_root (parser)));

  suggestions = list_suggestions (rules, document);
  moat_suggestions_dismiss (document, suggestions, "Checked in the design review");
  g_assert_true (moat_document_undo (document));

  for (guint i = 0; i < suggestions->len; i++)
    n_open += ((MoatSuggestion *)g_ptr_array_index (suggestions, i))->state == MOAT_SUGGESTION_OPEN;
  g_assert_cmpuint (n_open, >, 2);

  moat_suggestions_accept (document, suggestions);
  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, n_open);

  g_assert_true (moat_document_undo (document));
  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  all_examples = read_all_examples ();
  for (guint i = 0; i < all_examples->len; i++)
    {
      RuleExamples *examples = g_ptr_array_index (all_examples, i);
      g_autofree char *path = g_strdup_printf ("/rules/example/%s", examples->rule_id);

      g_test_add_data_func (path, examples, test_rule_example);
    }

  g_test_add_func ("/rules/library/size", test_library_size);
  g_test_add_func ("/rules/catalogue/load", test_catalogue);
  g_test_add_func ("/rules/catalogue/patterns-covered", test_patterns_covered);
  g_test_add_func ("/rules/load/errors", test_load_errors);
  g_test_add_func ("/rules/model-files/load", test_model_rule_files);
  g_test_add_func ("/rules/model-files/errors", test_model_rule_file_errors);
  g_test_add_func ("/rules/suggestion/accept-and-undo", test_accept_and_undo);
  g_test_add_func ("/rules/suggestion/dismiss-is-saved", test_dismiss_is_saved);
  g_test_add_func ("/rules/suggestion/accept-many-one-step", test_accept_many_one_step);

  status = g_test_run ();
  g_ptr_array_unref (all_examples);

  return status;
}
