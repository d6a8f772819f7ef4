/* test-translation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Brazilian Portuguese in the real window and in `moat --help`, with
 * LANG=C.UTF-8 LANGUAGE=pt_BR (only the C locales exist on the test
 * machines, and LANGUAGE still selects the catalogue there). The
 * catalogues are the ones built in <build>/po.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "moat-application.h"
#include "moat-window.h"

static const char *moat_path;
static const char *locale_dir;
static MoatApplication *application;

static GtkWidget *
find_button_for_action (GtkWidget  *root,
                        const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for_action (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The Preferences window is transient for a window, not an application
 * window of its own. */
static GtkWidget *
find_preferences_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
wait_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_window_in_portuguese (void)
{
  MoatWindow *window = moat_window_new (application);
  GtkWidget *open_button;
  GtkWidget *preferences;
  GtkWidget *page;

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* A new model, from the core's catalogue messages. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Modelo sem título – Moat");

  /* A header bar button, from the window's template. */
  open_button = find_button_for_action (GTK_WIDGET (window), "win.open");
  g_assert_nonnull (open_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (open_button)), ==, "_Abrir");

  /* The Preferences window's first page. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  preferences = find_preferences_window ();
  g_assert_nonnull (preferences);
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences)));
  g_assert_true (ADW_IS_PREFERENCES_PAGE (page));
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), ==, "Geral");

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_help_in_portuguese (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "pt_BR", TRUE);
  g_subprocess_launcher_setenv (launcher, "MOAT_LOCALEDIR", locale_dir, TRUE);

  process = g_subprocess_launcher_spawn (launcher, &error, moat_path, "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Uso:\n"));
  g_assert_nonnull (strstr (out, "\nComandos:\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "pt_BR", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");

  gtk_test_init (&argc, &argv, NULL);
  if (argc != 3)
    {
      g_printerr ("usage: %s [GTEST-OPTION…] PATH-TO-MOAT LOCALE-DIR\n", argv[0]);
      return 2;
    }
  moat_path = argv[1];
  locale_dir = argv[2];

  /* gtk_test_init() sets a fixed locale, and the test needs the one that
   * the environment selects. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  /* Not unique, so it never meets another test's instance on the bus. */
  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/translation/pt_BR/window", test_window_in_portuguese);
  g_test_add_func ("/translation/pt_BR/help", test_help_in_portuguese);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
