/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "moat-application.h"
#include "moat-cli.h"

/* MOAT_LOCALEDIR points an uninstalled build at the catalogues in its
 * build folder (<build>/po), for the translation tests and screenshots. */
static const char *
get_locale_dir (void)
{
  const char *overridden = g_getenv ("MOAT_LOCALEDIR");

  return overridden != NULL && overridden[0] != '\0' ? overridden : LOCALEDIR;
}

static int
run_application (int    argc,
                 char **argv)
{
  g_autoptr(MoatApplication) app = moat_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands run before GTK is touched, so they need no display. */
  if (argc > 1 && moat_cli_is_command (argv[1]))
    return moat_cli_run (argc, argv);

  return run_application (argc, argv);
}
