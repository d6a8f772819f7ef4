/* moat-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-data.h"

/**
 * moat_data_dup_path:
 * @relative_path: a path inside the data folder, such as "stride.json"
 *
 * Finds a data file. The environment variable MOAT_DATA_DIR comes first,
 * so tests and uninstalled runs can choose the folder. Then comes the
 * installed folder (PKGDATADIR), and last the source tree's data/ folder,
 * for a build that was never installed.
 *
 * Returns: (transfer full): the path of the first folder that has the
 *   file; if none has it, the path in the installed folder, so that the
 *   error message of the caller names where the file belongs
 */
char *
moat_data_dup_path (const char *relative_path)
{
  const char *override = g_getenv ("MOAT_DATA_DIR");
  const char * const folders[] = { PKGDATADIR, MOAT_SOURCE_DATADIR };

  g_return_val_if_fail (relative_path != NULL, NULL);

  if (override != NULL && override[0] != '\0')
    return g_build_filename (override, relative_path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (folders[i], relative_path, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  return g_build_filename (PKGDATADIR, relative_path, NULL);
}

/* MOAT_LOCALEDIR points an uninstalled build at the catalogues in its
 * build folder (<build>/po), as it does for the main domain in main.c. */
static const char *
get_locale_dir (void)
{
  const char *overridden = g_getenv ("MOAT_LOCALEDIR");

  return overridden != NULL && overridden[0] != '\0' ? overridden : LOCALEDIR;
}

/**
 * moat_data_translate:
 * @text: an English text from a data file
 *
 * Translates a text of the STRIDE catalogue or the rule library through
 * the "moat-data" gettext domain, binding the domain on first use to
 * LOCALEDIR, or to the folder that MOAT_LOCALEDIR names.
 *
 * Returns: the translation, or @text itself
 */
const char *
moat_data_translate (const char *text)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (MOAT_DATA_GETTEXT_PACKAGE, get_locale_dir ());
      bind_textdomain_codeset (MOAT_DATA_GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }

  if (text == NULL || text[0] == '\0')
    return text;

  return g_dgettext (MOAT_DATA_GETTEXT_PACKAGE, text);
}
