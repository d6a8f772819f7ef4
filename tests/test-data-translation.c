/* test-data-translation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The STRIDE catalogue and the rule library in Brazilian Portuguese,
 * loaded through the core API with LANG=C.UTF-8 LANGUAGE=pt_BR and
 * MOAT_LOCALEDIR set to the catalogues built in <build>/po. Each text is
 * compared with the English original in the data files, so the test fails
 * when the "moat-data" catalogue is not built, not found or not applied.
 */

#include "config.h"

#include <locale.h>

#include <json-glib/json-glib.h>

#include "moat-rules.h"
#include "moat-stride-catalogue.h"

static JsonObject *
read_data_file (const char *relative_path)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_DATA_DIR"), relative_path, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A translated text is neither empty nor the English text it came from. */
static void
assert_translated (const char *translation,
                   const char *english)
{
  g_assert_nonnull (translation);
  g_assert_cmpstr (translation, !=, "");
  g_assert_cmpstr (translation, !=, english);
}

static void
assert_list_translated (const char * const *translations,
                        JsonArray          *english)
{
  g_assert_nonnull (translations);
  g_assert_cmpuint (g_strv_length ((char **) translations), ==, json_array_get_length (english));

  for (guint i = 0; translations[i] != NULL; i++)
    assert_translated (translations[i], json_array_get_string_element (english, i));
}

static void
test_catalogue_question (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStrideCatalogue) catalogue = moat_stride_catalogue_new_default (&error);

  g_assert_no_error (error);
  g_assert_cmpstr (moat_stride_catalogue_get_question (catalogue, MOAT_STRIDE_SPOOFING), ==,
                   "Alguém consegue se passar por outra parte?");
  g_assert_cmpstr (moat_stride_catalogue_get_question (catalogue, MOAT_STRIDE_DENIAL_OF_SERVICE),
                   ==, "Alguém consegue deixar o sistema indisponível?");
}

static void
test_catalogue_all_texts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStrideCatalogue) catalogue = moat_stride_catalogue_new_default (&error);
  g_autoptr(JsonObject) english = read_data_file ("stride.json");
  g_autoptr(GEnumClass) categories = g_type_class_ref (MOAT_TYPE_STRIDE_CATEGORY);
  JsonArray *english_categories = json_object_get_array_member (english, "categories");

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (english_categories), ==, MOAT_N_STRIDE_CATEGORIES);

  for (guint i = 0; i < json_array_get_length (english_categories); i++)
    {
      JsonObject *english_category = json_array_get_object_element (english_categories, i);
      const char *nick = json_object_get_string_member (english_category, "category");
      GEnumValue *category = g_enum_get_value_by_nick (categories, nick);
      JsonArray *english_patterns = json_object_get_array_member (english_category, "patterns");

      g_assert_nonnull (category);
      assert_translated (moat_stride_catalogue_get_question (catalogue, category->value),
                         json_object_get_string_member (english_category, "question"));
      assert_list_translated (moat_stride_catalogue_get_mitigations (catalogue, category->value),
                              json_object_get_array_member (english_category, "mitigations"));

      for (guint j = 0; j < json_array_get_length (english_patterns); j++)
        {
          JsonObject *english_pattern = json_array_get_object_element (english_patterns, j);
          const char *id = json_object_get_string_member (english_pattern, "id");
          const MoatStridePattern *pattern = moat_stride_catalogue_lookup_pattern (catalogue, id);

          g_assert_nonnull (pattern);
          assert_translated (pattern->title,
                             json_object_get_string_member (english_pattern, "title"));
          assert_translated (pattern->description,
                             json_object_get_string_member (english_pattern, "description"));
        }
    }
}

static void
test_rule_title (void)
{
  g_autoptr(MoatRuleLibrary) library = moat_rule_library_new ();
  g_autoptr(GError) error = NULL;
  MoatRule *rule;

  moat_rule_library_load_default (library, &error);
  g_assert_no_error (error);

  rule = moat_rule_library_lookup (library, "spoofing.unauthenticated-crossing");
  g_assert_nonnull (rule);
  g_assert_cmpstr (moat_rule_get_title (rule), ==,
                   "Requisições não autenticadas atravessam uma fronteira de confiança");
}

static void
assert_rule_translated (MoatRule   *rule,
                        JsonObject *english)
{
  JsonObject *mitigations = json_object_get_object_member (english, "mitigations");

  assert_translated (moat_rule_get_title (rule),
                     json_object_get_string_member (english, "title"));
  assert_translated (moat_rule_get_attack_vector (rule),
                     json_object_get_string_member (english, "attack-vector"));
  assert_translated (moat_rule_get_prerequisites (rule),
                     json_object_get_string_member (english, "prerequisites"));
  assert_list_translated (moat_rule_get_short_term (rule),
                          json_object_get_array_member (mitigations, "short-term"));
  assert_list_translated (moat_rule_get_long_term (rule),
                          json_object_get_array_member (mitigations, "long-term"));
  assert_list_translated (moat_rule_get_monitoring (rule),
                          json_object_get_array_member (mitigations, "monitoring"));
}

static void
test_rules_all_texts (void)
{
  g_autoptr(MoatRuleLibrary) library = moat_rule_library_new ();
  g_autofree char *folder = g_build_filename (g_getenv ("MOAT_DATA_DIR"), "rules", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;
  const char *name;

  moat_rule_library_load_default (library, &error);
  g_assert_no_error (error);

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative_path = NULL;
      g_autoptr(JsonObject) file = NULL;
      JsonArray *rules;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      relative_path = g_build_filename ("rules", name, NULL);
      file = read_data_file (relative_path);
      rules = json_object_get_array_member (file, "rules");

      for (guint i = 0; i < json_array_get_length (rules); i++)
        {
          JsonObject *english = json_array_get_object_element (rules, i);
          const char *id = json_object_get_string_member (english, "id");
          MoatRule *rule = moat_rule_library_lookup (library, id);

          g_test_message ("rule %s", id);
          g_assert_nonnull (rule);
          assert_rule_translated (rule, english);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, ==, moat_rule_library_get_rules (library)->len);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "pt_BR", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");

  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("usage: %s [GTEST-OPTION…] LOCALE-DIR\n", argv[0]);
      return 2;
    }
  if (g_getenv ("MOAT_DATA_DIR") == NULL)
    {
      g_printerr ("%s: set MOAT_DATA_DIR to the source tree's data folder\n", argv[0]);
      return 2;
    }

  /* The core binds the "moat-data" domain on first use, so the folder must
   * be set before any catalogue or rule is loaded. */
  g_setenv ("MOAT_LOCALEDIR", argv[1], TRUE);
  setlocale (LC_ALL, "");

  g_test_add_func ("/data-translation/pt_BR/catalogue-question", test_catalogue_question);
  g_test_add_func ("/data-translation/pt_BR/catalogue-all-texts", test_catalogue_all_texts);
  g_test_add_func ("/data-translation/pt_BR/rule-title", test_rule_title);
  g_test_add_func ("/data-translation/pt_BR/rules-all-texts", test_rules_all_texts);

  return g_test_run ();
}
