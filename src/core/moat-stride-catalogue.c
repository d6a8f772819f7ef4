/* moat-stride-catalogue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-data.h"
#include "moat-json-checker.h"
#include "moat-stride-catalogue.h"

#define CATALOGUE_FORMAT  "moat-stride"
#define CATALOGUE_VERSION 1

/* What the side panel shows for each STRIDE category: its guiding
 * question, the detection patterns to check off and typical mitigations,
 * read from data/stride.json. */

typedef struct
{
  char *question;
  GPtrArray *patterns;
  char **mitigations;
} Category;

struct _MoatStrideCatalogue
{
  GObject parent_instance;

  Category categories[MOAT_N_STRIDE_CATEGORIES];
  GHashTable *patterns_by_id;
};

G_DEFINE_FINAL_TYPE (MoatStrideCatalogue, moat_stride_catalogue, G_TYPE_OBJECT)

G_DEFINE_QUARK (moat-stride-catalogue-error-quark, moat_stride_catalogue_error)

static void
pattern_free (MoatStridePattern *pattern)
{
  g_free (pattern->id);
  g_free (pattern->title);
  g_free (pattern->description);
  g_free (pattern);
}

static void
moat_stride_catalogue_finalize (GObject *object)
{
  MoatStrideCatalogue *self = (MoatStrideCatalogue *)object;

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    {
      g_clear_pointer (&self->categories[i].question, g_free);
      g_clear_pointer (&self->categories[i].patterns, g_ptr_array_unref);
      g_clear_pointer (&self->categories[i].mitigations, g_strfreev);
    }
  g_clear_pointer (&self->patterns_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (moat_stride_catalogue_parent_class)->finalize (object);
}

static void
moat_stride_catalogue_class_init (MoatStrideCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_stride_catalogue_finalize;
}

static void
moat_stride_catalogue_init (MoatStrideCatalogue *self)
{
  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    {
      self->categories[i].patterns =
        g_ptr_array_new_with_free_func ((GDestroyNotify)pattern_free);
      self->categories[i].mitigations = g_new0 (char *, 1);
    }
  self->patterns_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static char **
translate_strv (char **texts)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      const char *translated = moat_data_translate (texts[i]);

      if (translated != texts[i])
        {
          char *copy = g_strdup (translated);

          g_free (texts[i]);
          texts[i] = copy;
        }
    }

  return texts;
}

static void
read_pattern (MoatStrideCatalogue *self,
              MoatJsonChecker     *checker,
              JsonObject          *object,
              MoatStrideCategory   category)
{
  static const char * const keys[] = { "id", "title", "description", NULL };
  MoatStridePattern *pattern;
  const char *id;
  g_autofree char *prefix = g_strconcat (moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category),
                                         ".", NULL);

  moat_json_checker_check_keys (checker, object, keys);
  id = moat_json_checker_read_string (checker, object, "id", TRUE);

  /* The category prefix keeps ids unique and tells the category of a
   * checked pattern stored in a flow. */
  if (id[0] != '\0' && !g_str_has_prefix (id, prefix))
    {
      moat_json_checker_problem (checker, "id", _("“%s” must start with “%s”"), id, prefix);
      return;
    }

  if (id[0] != '\0' && g_hash_table_contains (self->patterns_by_id, id))
    {
      moat_json_checker_problem (checker, "id",
                                 _("duplicate pattern id “%s”; give each pattern its own id"),
                                 id);
      return;
    }

  pattern = g_new0 (MoatStridePattern, 1);
  pattern->id = g_strdup (id);
  pattern->category = category;
  pattern->title =
    g_strdup (moat_data_translate (moat_json_checker_read_string (checker, object, "title",
                                                                  TRUE)));
  pattern->description =
    g_strdup (moat_data_translate (moat_json_checker_read_string (checker, object,
                                                                  "description", FALSE)));

  g_ptr_array_add (self->categories[category].patterns, pattern);
  g_hash_table_insert (self->patterns_by_id, pattern->id, pattern);
}

static void
read_category (MoatStrideCatalogue *self,
               MoatJsonChecker     *checker,
               JsonObject          *object,
               gboolean            *seen)
{
  static const char * const keys[] = { "category", "question", "patterns", "mitigations", NULL };
  MoatStrideCategory category;
  Category *entry;
  JsonArray *patterns;
  guint problems_before = moat_json_checker_get_n_problems (checker);

  moat_json_checker_check_keys (checker, object, keys);
  category = moat_json_checker_read_enum (checker, object, "category",
                                          MOAT_TYPE_STRIDE_CATEGORY, TRUE, MOAT_STRIDE_OTHER);
  if (moat_json_checker_get_n_problems (checker) > problems_before)
    return;

  if (category == MOAT_STRIDE_OTHER)
    {
      moat_json_checker_problem (checker, "category",
                                 _("the catalogue covers the six STRIDE categories only"));
      return;
    }

  if (seen[category])
    {
      moat_json_checker_problem (checker, "category",
                                 _("category “%s” appears twice; merge the two entries"),
                                 moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category));
      return;
    }
  seen[category] = TRUE;

  entry = &self->categories[category];
  entry->question =
    g_strdup (moat_data_translate (moat_json_checker_read_string (checker, object, "question",
                                                                  TRUE)));
  g_strfreev (entry->mitigations);
  entry->mitigations =
    translate_strv (moat_json_checker_read_strings (checker, object, "mitigations"));

  patterns = moat_json_checker_read_array (checker, object, "patterns", TRUE);
  if (patterns == NULL)
    return;

  moat_json_checker_push_key (checker, "patterns");
  for (guint i = 0; i < json_array_get_length (patterns); i++)
    {
      JsonObject *pattern;

      moat_json_checker_push_index (checker, i);
      pattern = moat_json_checker_array_object (checker, patterns, i);
      if (pattern != NULL)
        read_pattern (self, checker, pattern, category);
      moat_json_checker_pop (checker);
    }
  moat_json_checker_pop (checker);
}

static void
read_catalogue (MoatStrideCatalogue *self,
                MoatJsonChecker     *checker,
                JsonNode            *root)
{
  static const char * const keys[] = { "format", "version", "categories", NULL };
  gboolean seen[MOAT_N_STRIDE_CATEGORIES] = { FALSE, };
  JsonObject *object;
  JsonArray *categories;
  JsonNode *version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      moat_json_checker_problem (checker, NULL, _("expected an object, found %s"),
                                 moat_json_describe_node (root));
      return;
    }

  object = json_node_get_object (root);
  moat_json_checker_check_keys (checker, object, keys);
  if (g_strcmp0 (moat_json_checker_read_string (checker, object, "format", TRUE),
                 CATALOGUE_FORMAT) != 0)
    {
      moat_json_checker_problem (checker, "format",
                                 _("not a STRIDE catalogue; expected \"format\": \"%s\""),
                                 CATALOGUE_FORMAT);
      return;
    }

  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != CATALOGUE_VERSION)
    {
      moat_json_checker_problem (checker, "version",
                                 _("unsupported version; this Moat reads version %d"),
                                 CATALOGUE_VERSION);
      return;
    }

  categories = moat_json_checker_read_array (checker, object, "categories", TRUE);
  if (categories == NULL)
    return;

  moat_json_checker_push_key (checker, "categories");
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *category;

      moat_json_checker_push_index (checker, i);
      category = moat_json_checker_array_object (checker, categories, i);
      if (category != NULL)
        read_category (self, checker, category, seen);
      moat_json_checker_pop (checker);
    }
  moat_json_checker_pop (checker);

  for (MoatStrideCategory i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    if (!seen[i])
      moat_json_checker_problem (checker, "categories",
                                 _("category “%s” is missing; the catalogue needs all six"),
                                 moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, i));
}

/**
 * moat_stride_catalogue_new_from_file:
 *
 * Loads a STRIDE catalogue, translating its texts.
 *
 * Returns: (transfer full): the catalogue, or %NULL with @error set to a
 *   message that names the file and the JSON path of each problem
 */
MoatStrideCatalogue *
moat_stride_catalogue_new_from_file (GFile   *file,
                                     GError **error)
{
  g_autoptr(MoatStrideCatalogue) self = NULL;
  g_autoptr(MoatJsonChecker) checker = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  JsonNode *root;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MOAT_STRIDE_CATALOGUE_ERROR, MOAT_STRIDE_CATALOGUE_ERROR_INVALID,
                   _("%s: cannot read the STRIDE catalogue: %s; reinstall Moat, or set "
                     "MOAT_DATA_DIR to the folder that holds stride.json"),
                   display_name, local_error->message);
      return NULL;
    }

  checker = moat_json_checker_new (display_name);
  root = moat_json_checker_parse (checker, bytes, &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, MOAT_STRIDE_CATALOGUE_ERROR,
                           MOAT_STRIDE_CATALOGUE_ERROR_INVALID, local_error->message);
      return NULL;
    }

  self = g_object_new (MOAT_TYPE_STRIDE_CATALOGUE, NULL);
  read_catalogue (self, checker, root);
  if (!moat_json_checker_finish (checker, MOAT_STRIDE_CATALOGUE_ERROR,
                                 MOAT_STRIDE_CATALOGUE_ERROR_INVALID, error))
    return NULL;

  g_debug ("Loaded the STRIDE catalogue from %s", display_name);

  return g_steal_pointer (&self);
}

/**
 * moat_stride_catalogue_new_default:
 *
 * Loads stride.json from the data folder; see moat_data_dup_path().
 *
 * Returns: (transfer full): the catalogue, or %NULL with @error set
 */
MoatStrideCatalogue *
moat_stride_catalogue_new_default (GError **error)
{
  g_autofree char *path = moat_data_dup_path ("stride.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return moat_stride_catalogue_new_from_file (file, error);
}

const char *
moat_stride_catalogue_get_question (MoatStrideCatalogue *self,
                                    MoatStrideCategory   category)
{
  g_return_val_if_fail (MOAT_IS_STRIDE_CATALOGUE (self), NULL);
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, NULL);

  return self->categories[category].question;
}

guint
moat_stride_catalogue_get_n_patterns (MoatStrideCatalogue *self,
                                      MoatStrideCategory   category)
{
  g_return_val_if_fail (MOAT_IS_STRIDE_CATALOGUE (self), 0);
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, 0);

  return self->categories[category].patterns->len;
}

const MoatStridePattern *
moat_stride_catalogue_get_pattern (MoatStrideCatalogue *self,
                                   MoatStrideCategory   category,
                                   guint                position)
{
  g_return_val_if_fail (MOAT_IS_STRIDE_CATALOGUE (self), NULL);
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, NULL);
  g_return_val_if_fail (position < self->categories[category].patterns->len, NULL);

  return g_ptr_array_index (self->categories[category].patterns, position);
}

/**
 * moat_stride_catalogue_lookup_pattern:
 * @id: a pattern id, such as "spoofing.missing-authentication"
 *
 * Returns: (nullable): the pattern, or %NULL if the catalogue has none
 *   with @id
 */
const MoatStridePattern *
moat_stride_catalogue_lookup_pattern (MoatStrideCatalogue *self,
                                      const char          *id)
{
  g_return_val_if_fail (MOAT_IS_STRIDE_CATALOGUE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->patterns_by_id, id);
}

/**
 * moat_stride_catalogue_get_mitigations:
 *
 * Returns: typical mitigations for threats of @category, never %NULL
 */
const char * const *
moat_stride_catalogue_get_mitigations (MoatStrideCatalogue *self,
                                       MoatStrideCategory   category)
{
  g_return_val_if_fail (MOAT_IS_STRIDE_CATALOGUE (self), NULL);
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, NULL);

  return (const char * const *)self->categories[category].mitigations;
}
