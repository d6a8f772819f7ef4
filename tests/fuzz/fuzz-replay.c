/* fuzz-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

/* Runs a fuzz target, built without libFuzzer, on every file of the
 * folders given as arguments: its seed corpus with the inputs of fixed
 * crashes, and tests/data/hostile. One test per file, so that a
 * regression names its input. */

static void
test_input (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *)g_mapped_file_get_contents (file),
                          g_mapped_file_get_length (file));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Adds a test for each regular file of @folder; the paths are kept for
 * the whole run. */
static guint
add_folder (const char *folder,
            GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder_name = g_path_get_basename (folder);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autofree char *test_path = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_free (path);
          continue;
        }

      g_ptr_array_add (paths, path);
      test_path = g_strdup_printf ("/fuzz-replay/%s/%s", folder_name,
                                   (char *)g_ptr_array_index (names, i));
      g_test_add_data_func (test_path, path, test_input);
    }

  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTEST-OPTION…] FOLDER…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    if (add_folder (argv[i], paths) == 0)
      {
        g_printerr ("%s: no input files in %s\n", argv[0], argv[i]);
        return 1;
      }

  return g_test_run ();
}
