/* test-desktop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desktop integration of the real application under Xvfb: the Preferences
 * window and its GSettings keys, the style override, files dropped on the
 * window and the recent files list.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-application.h"
#include "moat-preferences-window.h"
#include "moat-window.h"

static MoatApplication *application;

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_preference (GtkWidget  *preferences,
                 const char *name)
{
  GtkWidget *found = find_named (preferences, name);

  g_assert_nonnull (found);

  return found;
}

static void
wait_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

static char *
copy_example (const char *name,
              const char *folder)
{
  g_autofree char *source = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *target = g_build_filename (folder, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));

  return g_steal_pointer (&target);
}

/* The keys that the Preferences window sets. */
static const char * const preference_keys[] = {
  "style-variant", "show-grid", "snap-to-grid", "grid-size", "autosave-interval",
  "include-mitigated", "include-accepted", "include-out-of-scope", "sort-by",
};

static void
reset_settings (GSettings *settings)
{
  for (guint i = 0; i < G_N_ELEMENTS (preference_keys); i++)
    g_settings_reset (settings, preference_keys[i]);
}

/* The nick of an enum key. */
static char *
dup_nick (GSettings  *settings,
          const char *key)
{
  return g_settings_get_string (settings, key);
}

/* Each row writes its key, and a key changed elsewhere shows in its row. */
static void
test_preferences_bound_to_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *preferences = moat_preferences_window_new (NULL);
  AdwComboRow *style_row;
  AdwComboRow *sort_row;
  g_autofree char *style = NULL;
  g_autofree char *sort = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  wait_until_mapped (preferences);

  /* The style follows the system until the user picks one. */
  style_row = ADW_COMBO_ROW (find_preference (preferences, "style-row"));
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  adw_combo_row_set_selected (style_row, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "style-variant"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  g_settings_set_string (settings, "style-variant", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  adw_combo_row_set_selected (style_row, 0);
  style = dup_nick (settings, "style-variant");
  g_assert_cmpstr (style, ==, "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_switch_set_active (GTK_SWITCH (find_preference (preferences, "show-grid-switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-grid"));
  gtk_switch_set_active (GTK_SWITCH (find_preference (preferences, "snap-to-grid-switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "snap-to-grid"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_preference (preferences, "grid-size-spin")), 40);
  g_assert_cmpint (g_settings_get_int (settings, "grid-size"), ==, 40);

  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find_preference (preferences, "recovery-delay-spin"))),
                     ==, 5);
  g_settings_set_uint (settings, "autosave-interval", 30);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find_preference (preferences, "recovery-delay-spin"))),
                     ==, 30);

  gtk_switch_set_active (GTK_SWITCH (find_preference (preferences, "include-mitigated-switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "include-mitigated"));
  gtk_switch_set_active (GTK_SWITCH (find_preference (preferences, "include-accepted-switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "include-accepted"));
  gtk_switch_set_active (GTK_SWITCH (find_preference (preferences, "include-out-of-scope-switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "include-out-of-scope"));

  sort_row = ADW_COMBO_ROW (find_preference (preferences, "sort-row"));
  g_assert_cmpuint (adw_combo_row_get_selected (sort_row), ==, 0);
  adw_combo_row_set_selected (sort_row, 1);
  sort = dup_nick (settings, "sort-by");
  g_assert_cmpstr (sort, ==, "number");

  gtk_window_destroy (GTK_WINDOW (preferences));
  reset_settings (settings);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static gboolean
drop_files (GtkDropTarget *target,
            GFile         *first,
            GFile         *second)
{
  g_autoptr(GSList) list = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  list = g_slist_append (list, first);
  list = g_slist_append (list, second);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);

  return accepted;
}

/* GtkRecentManager looks up the file's type before it adds the item, so
 * the item appears after a few main loop iterations. */
static void
wait_for_recent_item (GtkRecentManager *recent,
                      const char       *uri)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_recent_manager_has_item (recent, uri))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not become a recent file within 10 seconds", uri);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static MoatWindow *
find_window_for_file (GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    {
      GFile *window_file;

      if (!MOAT_IS_WINDOW (l->data))
        continue;

      window_file = moat_document_get_file (moat_window_get_document (l->data));
      if (window_file != NULL && g_file_equal (window_file, file))
        return l->data;
    }

  return NULL;
}

/* Two models dropped on a blank window: the first replaces the blank
 * document, the second opens in a window of its own, and both become
 * recent files. */
static void
test_drop_opens_each_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-desktop-XXXXXX", &error);
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *second_uri = NULL;
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  MoatWindow *window;
  MoatWindow *other;
  GtkDropTarget *target;

  g_assert_no_error (error);
  first_path = copy_example ("payment-webhook.moat", folder);
  second_path = copy_example ("ai-agent.moat", folder);
  first = g_file_new_for_path (first_path);
  second = g_file_new_for_path (second_path);
  first_uri = g_file_get_uri (first);
  second_uri = g_file_get_uri (second);

  window = moat_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_true (moat_window_is_blank (window));

  target = find_drop_target (GTK_WIDGET (window));
  g_assert_nonnull (target);
  g_assert_true (drop_files (target, first, second));

  g_assert_true (find_window_for_file (first) == window);
  other = find_window_for_file (second);
  g_assert_nonnull (other);
  g_assert_true (other != window);

  wait_for_recent_item (recent, first_uri);
  wait_for_recent_item (recent, second_uri);

  /* Dropping an open file again raises its window, with no new one. */
  g_assert_true (drop_files (target, second, first));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, 2);

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (first_path);
  g_unlink (second_path);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Not unique, so it never meets another test's instance on the bus. */
  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/desktop/preferences/bound-to-settings", test_preferences_bound_to_settings);
  g_test_add_func ("/desktop/drop/opens-each-file", test_drop_opens_each_file);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
