/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-format.h"
#include "moat-inspector.h"
#include "moat-recovery.h"
#include "moat-window.h"

/* One application for all tests: it owns its name on the session bus. */
static MoatApplication *application;

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 const char *text);

/* Returns the first widget under @root, @root included, that @match
 * accepts for @text, depth first. */
static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             const char  *text)
{
  if (match (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_name (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_label_with_text (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return find_widget (root, has_name, name);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);

  /* Let the first frame go by, so that allocation-dependent work is done. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
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

static MoatFlow *
find_flow (MoatDocument *document,
           const char   *label)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < flows->len; i++)
        if (g_str_equal (moat_item_get_name (g_ptr_array_index (flows, i)), label))
          return g_ptr_array_index (flows, i);
    }

  return NULL;
}

static guint
level_position (AdwComboRow *row,
                const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        return i;
    }

  g_assert_not_reached ();
}

/* The whole path of the walking skeleton: open a model, select a flow,
 * record a threat, score it, save, and find it in the file. */
static void
test_window_add_threat_and_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MoatDocument) saved = NULL;
  MoatWindow *window;
  MoatDocument *document;
  MoatCanvas *canvas;
  MoatInspector *inspector;
  MoatFlow *flow;
  MoatThreat *threat;
  MoatThreat *saved_threat;
  GtkWidget *widget;
  guint threats_before;

  g_assert_no_error (error);

  path = copy_example ("payment-webhook.moat", folder);
  file = g_file_new_for_path (path);

  window = moat_window_new (application);
  g_assert_true (moat_window_load_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  document = moat_window_get_document (window);
  canvas = MOAT_CANVAS (moat_window_get_canvas (window));
  inspector = MOAT_INSPECTOR (moat_window_get_inspector (window));
  threats_before = moat_document_get_threats (document)->len;

  flow = find_flow (document, "Webhook event");
  g_assert_nonnull (flow);
  moat_canvas_select (canvas, G_OBJECT (flow));
  g_assert_true (moat_inspector_get_item (inspector) == G_OBJECT (flow));

  /* The "Add threat" split button activates this action. */
  g_assert_nonnull (find_named (GTK_WIDGET (inspector), "add-threat-button"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (inspector), "inspector.add-threat", "s", ""));

  g_assert_cmpuint (moat_document_get_threats (document)->len, ==, threats_before + 1);
  threat = moat_inspector_get_threat (inspector);
  g_assert_nonnull (threat);
  g_assert_cmpstr (moat_threat_get_target_id (threat), ==, moat_item_get_id (MOAT_ITEM (flow)));
  g_assert_cmpuint (moat_threat_get_number (threat), ==, 7);

  widget = find_named (GTK_WIDGET (inspector), "threat-impact-integrity");
  g_assert_true (ADW_IS_COMBO_ROW (widget));
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), level_position (ADW_COMBO_ROW (widget), "HIGH"));

  widget = find_named (GTK_WIDGET (inspector), "threat-probability");
  g_assert_true (ADW_IS_COMBO_ROW (widget));
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), level_position (ADW_COMBO_ROW (widget), "MEDIUM"));

  g_assert_cmpint (moat_threat_get_severity (threat), ==, MOAT_SEVERITY_HIGH);
  widget = find_named (find_named (GTK_WIDGET (inspector), "threat-severity"), "value");
  g_assert_true (GTK_IS_LABEL (widget));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget)), ==, "HIGH");

  g_assert_true (moat_document_get_modified (document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (moat_document_get_modified (document));

  saved = moat_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  saved_threat = moat_document_lookup (saved, moat_threat_get_id (threat));
  g_assert_true (MOAT_IS_THREAT (saved_threat));
  g_assert_cmpuint (moat_threat_get_number (saved_threat), ==, 7);
  g_assert_cmpint (moat_threat_get_impact_integrity (saved_threat), ==, MOAT_LEVEL_HIGH);
  g_assert_cmpint (moat_threat_get_probability (saved_threat), ==, MOAT_LEVEL_MEDIUM);
  g_assert_cmpint (moat_threat_get_severity (saved_threat), ==, MOAT_SEVERITY_HIGH);
  g_assert_cmpuint (moat_document_get_next_threat_number (saved), ==, 8);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (folder);
}

/* A model that cannot be loaded leaves the window's document alone. */
static void
test_window_open_invalid_keeps_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "broken.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MoatWindow *window;
  MoatDocument *before;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"moat\", \"version\": 1,", -1, NULL));

  window = moat_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  before = moat_window_get_document (window);

  g_assert_false (moat_window_load_file (window, file));
  g_assert_true (moat_window_get_document (window) == before);
  g_assert_true (moat_window_is_blank (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (folder);
}

/* A Threat Dragon model opens as a new unsaved model; its file stays. */
static void
test_window_opens_threat_dragon (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "tests", "data",
                                            "threat-dragon", "demo-threat-model.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MoatWindow *window;
  MoatDocument *document;
  MoatDiagram *diagram;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  window = moat_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_true (moat_window_load_file (window, file));

  document = moat_window_get_document (window);
  g_assert_null (moat_document_get_file (document));
  g_assert_true (moat_document_get_modified (document));
  g_assert_cmpuint (moat_document_get_threats (document)->len, >, 0);
  diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  g_assert_cmpuint (moat_diagram_get_elements (diagram)->len, >, 0);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  /* Modified, so closing asks first; discard by destroying. */
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Undo and redo in the window follow the document's history. */
static void
test_window_title_follows_modified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *path = copy_example ("ai-agent.moat", folder);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MoatWindow *window;
  MoatDocument *document;
  MoatDiagram *diagram;
  MoatElement *element;


  window = moat_window_new (application);
  g_assert_true (moat_window_load_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  document = moat_window_get_document (window);
  diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  element = g_ptr_array_index (moat_diagram_get_elements (diagram), 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "ai-agent.moat – Moat");

  moat_document_set (document, element, "x", moat_element_get_bounds (element).x + 10, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*ai-agent.moat – Moat");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "ai-agent.moat – Moat");
  g_assert_false (moat_document_get_modified (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (moat_document_get_modified (document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (folder);
}

/* With "Keep a Backup Copy" on, Save keeps the previous file as FILE~;
 * with it off, it keeps none. */
static void
test_window_save_keeps_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *path = copy_example ("ai-agent.moat", folder);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MoatWindow *window;
  MoatDocument *document;
  MoatElement *element;

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));

  window = moat_window_new (application);
  g_assert_true (moat_window_load_file (window, file));
  document = moat_window_get_document (window);
  element = g_ptr_array_index (moat_diagram_get_elements (
                                 g_ptr_array_index (moat_document_get_diagrams (document), 0)), 0);

  g_settings_set_boolean (settings, "keep-backup", FALSE);
  moat_document_set (document, element, "name", "Renamed once", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (settings, "keep-backup", TRUE);
  g_clear_pointer (&original, g_free);
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  moat_document_set (document, element, "name", "Renamed twice", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (moat_document_get_modified (document));
  g_assert_true (g_file_get_contents (backup, &kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, original);
  g_assert_nonnull (strstr (original, "Renamed once"));

  g_settings_reset (settings, "keep-backup");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (backup);
  g_unlink (path);
  g_rmdir (folder);
}

/* The model of this session's recovery copy of the document named
 * @display_name, or %NULL when there is none. @copy_path, if not %NULL,
 * receives the copy's path. */
static GBytes *
find_recovery_copy (const char  *display_name,
                    char       **copy_path)
{
  MoatRecovery *recovery = moat_application_get_recovery (application);
  const char *folder = moat_recovery_get_directory (recovery);
  g_autofree char *session = g_strdup_printf ("\"session\":\"%s\"",
                                              moat_recovery_get_session_id (recovery));
  g_autofree char *name = g_strdup_printf ("\"name\":\"%s\"", display_name);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      char *newline;

      if (entry[0] == '.' || !g_str_has_suffix (entry, ".moat-recovery") ||
          !g_file_get_contents (path, &contents, &length, NULL))
        continue;

      newline = strchr (contents, '\n');
      if (newline == NULL)
        continue;
      *newline = '\0';
      if (strstr (contents, session) == NULL || strstr (contents, name) == NULL)
        continue;

      if (copy_path != NULL)
        *copy_path = g_steal_pointer (&path);

      return g_bytes_new (newline + 1, length - (newline + 1 - contents));
    }

  return NULL;
}

static GBytes *
wait_for_recovery_copy (const char *display_name)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GBytes *model = find_recovery_copy (display_name, NULL);

      if (model != NULL)
        return model;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_error ("No recovery copy of %s appeared within 30 seconds", display_name);
}

static MoatElement *
first_element (MoatDocument *document)
{
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);

  return g_ptr_array_index (moat_diagram_get_elements (diagram), 0);
}

/* Opens a copy of an example under a name no other test uses, so the test
 * finds its own recovery copy among those of other tests. */
static MoatWindow *
open_renamed_example (const char  *folder,
                      char       **display_name)
{
  g_autofree char *example = copy_example ("payment-webhook.moat", folder);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  MoatWindow *window;

  *display_name = g_strdup_printf ("recovery-%s.moat", id);
  path = g_build_filename (folder, *display_name, NULL);
  g_assert_cmpint (g_rename (example, path), ==, 0);
  file = g_file_new_for_path (path);

  window = moat_window_new (application);
  g_assert_true (moat_window_load_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  return window;
}

/* Waits for the recovery copy of @display_name and checks that it is
 * @document as it is now. */
static void
assert_copy_is_document (const char   *display_name,
                         MoatDocument *document)
{
  g_autoptr(GBytes) copied = wait_for_recovery_copy (display_name);
  g_autoptr(GBytes) expected = moat_format_serialize (document);

  g_assert_true (g_bytes_equal (copied, expected));
}

/* Saves @window's document as @display_name in @folder, checks that the
 * save removes the recovery copy, and deletes the saved file. */
static void
save_removes_copy (MoatWindow *window,
                   const char *folder,
                   const char *display_name)
{
  g_autofree char *path = g_build_filename (folder, display_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (moat_window_save_to_file (window, file));
  moat_recovery_flush (moat_application_get_recovery (application));
  g_assert_null (find_recovery_copy (display_name, NULL));

  g_unlink (path);
}

/* After a pause in editing, the copy is the edited document, and saving
 * removes it. */
static void
test_window_recovery_copy_after_pause (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *display_name = NULL;
  MoatWindow *window;
  MoatDocument *document;

  g_settings_set_uint (settings, "autosave-interval", 1);
  window = open_renamed_example (folder, &display_name);
  document = moat_window_get_document (window);
  g_assert_null (find_recovery_copy (display_name, NULL));

  moat_document_set (document, first_element (document), "name", "Edited before the pause", NULL);
  assert_copy_is_document (display_name, document);

  save_removes_copy (window, folder, display_name);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "autosave-interval");
  g_rmdir (folder);
}

/* Runs the main loop until the window shows a toast titled @title. */
static void
wait_for_toast (MoatWindow *window,
                const char *title)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (find_widget (GTK_WIDGET (window), is_label_with_text, title) != NULL)
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_error ("No toast \"%s\" appeared within 30 seconds", title);
}

/* After a copy fails to be written, the next change still gets a copy,
 * because no timer may be armed for a time already gone. A folder in place
 * of the copy's file makes the write fail, even for root. */
static void
test_window_recovery_copy_after_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *display_name = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(GBytes) first_copy = NULL;
  MoatWindow *window;
  MoatDocument *document;

  g_settings_set_uint (settings, "autosave-interval", 1);
  window = open_renamed_example (folder, &display_name);
  document = moat_window_get_document (window);

  moat_document_set (document, first_element (document), "name", "Edited before the failure", NULL);
  first_copy = wait_for_recovery_copy (display_name);
  g_bytes_unref (find_recovery_copy (display_name, &copy_path));
  g_assert_nonnull (copy_path);

  /* Let the first copy's callback run, so the window no longer counts it
   * as under way when the change below starts a wait of its own. */
  moat_recovery_flush (moat_application_get_recovery (application));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpint (g_unlink (copy_path), ==, 0);
  g_assert_cmpint (g_mkdir (copy_path, 0700), ==, 0);
  g_test_expect_message ("moat-ui", G_LOG_LEVEL_WARNING, "Cannot write the recovery copy*");
  moat_document_set (document, first_element (document), "name", "Edited when the copy fails",
                     NULL);
  wait_for_toast (window, "Cannot keep a recovery copy of the unsaved changes");
  g_test_assert_expected_messages ();
  g_assert_null (find_recovery_copy (display_name, NULL));

  g_assert_cmpint (g_rmdir (copy_path), ==, 0);
  moat_document_set (document, first_element (document), "name", "Edited after the failure", NULL);
  assert_copy_is_document (display_name, document);

  save_removes_copy (window, folder, display_name);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "autosave-interval");
  g_rmdir (folder);
}

/* Turning copies off drops the one waiting for a pause, and turning them
 * on again writes one for the changes not saved yet. */
static void
test_window_recovery_turned_off (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *display_name = NULL;
  gint64 end;
  MoatWindow *window;
  MoatDocument *document;

  g_settings_set_uint (settings, "autosave-interval", 1);
  window = open_renamed_example (folder, &display_name);
  document = moat_window_get_document (window);

  moat_document_set (document, first_element (document), "name", "Edited, then copies off", NULL);
  g_settings_set_uint (settings, "autosave-interval", 0);

  /* Twice the delay, with the main loop running, writes no copy. */
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  moat_recovery_flush (moat_application_get_recovery (application));
  g_assert_null (find_recovery_copy (display_name, NULL));

  g_settings_set_uint (settings, "autosave-interval", 1);
  assert_copy_is_document (display_name, document);

  save_removes_copy (window, folder, display_name);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "autosave-interval");
  g_rmdir (folder);
}

/* A window that goes away before its copy was made writes it at once. */
static void
test_window_recovery_copy_on_close (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-window-XXXXXX", &error);
  g_autofree char *display_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(GBytes) copied = NULL;
  g_autoptr(GBytes) expected = NULL;
  MoatRecovery *recovery = moat_application_get_recovery (application);
  MoatWindow *window;
  MoatDocument *document;

  window = open_renamed_example (folder, &display_name);
  document = moat_window_get_document (window);
  moat_document_set (document, first_element (document), "name", "Edited before closing", NULL);
  expected = moat_format_serialize (document);
  g_assert_null (find_recovery_copy (display_name, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  moat_recovery_flush (recovery);
  copied = find_recovery_copy (display_name, &copy_path);
  g_assert_nonnull (copied);
  g_assert_true (g_bytes_equal (copied, expected));

  /* No later test of this folder should find the copy. */
  g_unlink (copy_path);
  path = g_build_filename (folder, display_name, NULL);
  g_unlink (path);
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

  /* Non-unique, so that UI tests running in parallel on one session bus
   * do not find each other's instance and hand their windows over. */
  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/add-threat-and-save", test_window_add_threat_and_save);
  g_test_add_func ("/window/open-invalid-keeps-document", test_window_open_invalid_keeps_document);
  g_test_add_func ("/window/title-follows-modified", test_window_title_follows_modified);
  g_test_add_func ("/window/save-keeps-backup", test_window_save_keeps_backup);
  g_test_add_func ("/window/opens-threat-dragon", test_window_opens_threat_dragon);
  g_test_add_func ("/window/recovery/copy-after-pause", test_window_recovery_copy_after_pause);
  g_test_add_func ("/window/recovery/copy-on-close", test_window_recovery_copy_on_close);
  g_test_add_func ("/window/recovery/copy-after-failure", test_window_recovery_copy_after_failure);
  g_test_add_func ("/window/recovery/turned-off", test_window_recovery_turned_off);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
