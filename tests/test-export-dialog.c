/* test-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "moat-application.h"
#include "moat-export-dialog.h"
#include "moat-format.h"
#include "moat-window.h"

/* The Export dialog in a real window under Xvfb, with GSettings in memory:
 * which rows each format shows, the choices it remembers, the files it
 * writes compared with `moat export`, and the document and model file it
 * must leave alone. The path of the real `moat` executable is the last
 * argument. */

static MoatApplication *application;
static const char *moat_path;

typedef struct
{
  char *folder;
  char *model;
  MoatDocument *document;
  GSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                               "payment-webhook.moat", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("moat-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->model = g_build_filename (fixture->folder, "webhook.moat", NULL);

  g_file_get_contents (example, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->model, contents, length, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (fixture->model);
  fixture->document = moat_format_load_file (file, NULL, &error);
  g_assert_no_error (error);

  /* Each test starts from the schema's defaults. */
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "export-format");
  g_settings_reset (fixture->settings, "export-diagrams");
  g_settings_reset (fixture->settings, "export-images");
  g_settings_reset (fixture->settings, "include-mitigated");
  g_settings_reset (fixture->settings, "include-accepted");
  g_settings_reset (fixture->settings, "include-transferred");
  g_settings_reset (fixture->settings, "include-out-of-scope");
  g_settings_reset (fixture->settings, "sort-by");
  g_settings_reset (fixture->settings, "png-scale");
  g_settings_reset (fixture->settings, "page-size");
  g_settings_reset (fixture->settings, "guard-formulas");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->folder), ==, 0);

  g_clear_object (&fixture->document);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->model, g_free);
}

/* Finds the widget with the name the template gives it. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_named (MoatExportDialog *dialog,
           const char       *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (widget);

  return widget;
}

/* Whether @widget and every ancestor up to the dialog are visible. */
static gboolean
is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;

  return TRUE;
}

static void
select_format (MoatExportDialog *dialog,
               MoatExportFormat  format)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "format-row")), format);
  g_assert_cmpint (moat_export_dialog_get_format (dialog), ==, format);
}

static void
wait_for_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static MoatExportDialog *
create_dialog (Fixture *fixture)
{
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (fixture->document), 0);
  MoatExportDialog *dialog = moat_export_dialog_new (NULL, fixture->document, diagram);

  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_idle ();

  return dialog;
}

static char *
dup_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
test_rows_per_format (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct
  {
    MoatExportFormat format;
    gboolean threats;
    gboolean images;
    gboolean scale;
    gboolean paper;
    gboolean guard;
  } cases[] = {
    { MOAT_EXPORT_FORMAT_MARKDOWN, TRUE, TRUE, FALSE, FALSE, FALSE },
    { MOAT_EXPORT_FORMAT_CSV, TRUE, FALSE, FALSE, FALSE, TRUE },
    { MOAT_EXPORT_FORMAT_JSON, TRUE, FALSE, FALSE, FALSE, FALSE },
    { MOAT_EXPORT_FORMAT_SVG, FALSE, FALSE, FALSE, FALSE, FALSE },
    { MOAT_EXPORT_FORMAT_PNG, FALSE, FALSE, TRUE, FALSE, FALSE },
    { MOAT_EXPORT_FORMAT_PDF, FALSE, FALSE, FALSE, TRUE, FALSE },
  };
  MoatExportDialog *dialog = create_dialog (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("format %u", cases[i].format);
      select_format (dialog, cases[i].format);

      g_assert_true (is_shown (get_named (dialog, "diagram-row")));
      g_assert_cmpint (is_shown (get_named (dialog, "sort-row")), ==, cases[i].threats);
      g_assert_cmpint (is_shown (get_named (dialog, "include-mitigated-switch")), ==,
                       cases[i].threats);
      g_assert_cmpint (is_shown (get_named (dialog, "images-row")), ==, cases[i].images);
      g_assert_cmpint (is_shown (get_named (dialog, "scale-row")), ==, cases[i].scale);
      g_assert_cmpint (is_shown (get_named (dialog, "page-row")), ==, cases[i].paper);
      g_assert_cmpint (is_shown (get_named (dialog, "guard-formulas-switch")), ==,
                       cases[i].guard);
    }

  /* PNG images of the review document bring the scale back. */
  select_format (dialog, MOAT_EXPORT_FORMAT_MARKDOWN);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "images-row")), 2);
  g_assert_true (is_shown (get_named (dialog, "scale-row")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_remembers_choices (Fixture       *fixture,
                        gconstpointer  data)
{
  MoatExportDialog *dialog = create_dialog (fixture);
  MoatExportRequest request;
  g_autofree char *format = NULL;

  select_format (dialog, MOAT_EXPORT_FORMAT_CSV);
  gtk_switch_set_active (GTK_SWITCH (get_named (dialog, "include-mitigated-switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (get_named (dialog, "guard-formulas-switch")), FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "sort-row")), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_named (dialog, "scale-spin")), 3);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The choices are in GSettings at once, as `moat` reads them. */
  format = g_settings_get_string (fixture->settings, "export-format");
  g_assert_cmpstr (format, ==, "csv");
  g_assert_false (g_settings_get_boolean (fixture->settings, "include-mitigated"));
  g_assert_false (g_settings_get_boolean (fixture->settings, "guard-formulas"));
  g_assert_cmpfloat (g_settings_get_double (fixture->settings, "png-scale"), ==, 3);

  /* A new dialog starts from them. */
  dialog = create_dialog (fixture);
  g_assert_cmpint (moat_export_dialog_get_format (dialog), ==, MOAT_EXPORT_FORMAT_CSV);
  moat_export_dialog_get_request (dialog, &request);
  g_assert_false (request.options.include_mitigated);
  g_assert_true (request.options.include_accepted);
  g_assert_false (request.guard_formulas);
  g_assert_cmpint (request.options.sort, ==, MOAT_EXPORT_SORT_BY_NUMBER);
  g_assert_cmpfloat (request.images.image_options.scale, ==, 3);
  g_assert_null (request.options.diagram);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
exported_cb (MoatExportDialog *dialog,
             GFile            *output,
             guint             n_files,
             guint            *reported)
{
  *reported = n_files;
}

/* A review document with its SVG image next to it, and neither the
 * document nor its file changes. */
static void
test_export_markdown (Fixture       *fixture,
                      gconstpointer  data)
{
  MoatExportDialog *dialog = create_dialog (fixture);
  g_autofree char *output_path = g_build_filename (fixture->folder, "review.md", NULL);
  g_autofree char *image_path = g_build_filename (fixture->folder,
                                                  "review-webhook-processing.svg", NULL);
  g_autofree char *before = dup_file_checksum (fixture->model);
  g_autofree char *after = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GBytes) saved_before = moat_format_serialize (fixture->document);
  g_autoptr(GBytes) saved_after = NULL;
  g_autoptr(GFile) output = g_file_new_for_path (output_path);
  g_autoptr(GError) error = NULL;
  guint reported = 0;

  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &reported);
  select_format (dialog, MOAT_EXPORT_FORMAT_MARKDOWN);
  g_assert_true (moat_export_dialog_export_to_file (dialog, output, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reported, ==, 2);

  g_file_get_contents (output_path, &markdown, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Payment webhook\n"));
  g_assert_nonnull (strstr (markdown, "\n![Webhook processing](review-webhook-processing.svg)\n"));
  g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));

  after = dup_file_checksum (fixture->model);
  g_assert_cmpstr (after, ==, before);
  saved_after = moat_format_serialize (fixture->document);
  g_assert_true (g_bytes_equal (saved_before, saved_after));
  g_assert_false (moat_document_get_modified (fixture->document));
  g_assert_false (moat_document_can_undo (fixture->document));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_refuses_model_file (Fixture       *fixture,
                         gconstpointer  data)
{
  MoatExportDialog *dialog = create_dialog (fixture);
  g_autoptr(GFile) model = g_file_new_for_path (fixture->model);
  g_autofree char *before = dup_file_checksum (fixture->model);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  select_format (dialog, MOAT_EXPORT_FORMAT_JSON);
  g_assert_false (moat_export_dialog_export_to_file (dialog, model, &error));
  g_assert_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_MODEL_FILE);

  after = dup_file_checksum (fixture->model);
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The dialog and `moat export` with the same choices write the same
 * bytes. */
static void
test_same_as_cli (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct
  {
    MoatExportFormat format;
    const char *name;
    const char *arguments[4];
  } cases[] = {
    { MOAT_EXPORT_FORMAT_CSV, "register.csv",
      { "--sort=number", "--exclude=mitigated", "--guard-formulas", NULL } },
    { MOAT_EXPORT_FORMAT_SVG, "diagram.svg", { NULL } },
    { MOAT_EXPORT_FORMAT_PNG, "diagram.png", { "--scale=1.5", NULL } },
  };
  MoatExportDialog *dialog = create_dialog (fixture);

  gtk_switch_set_active (GTK_SWITCH (get_named (dialog, "include-mitigated-switch")), FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "sort-row")), 1);
  gtk_switch_set_active (GTK_SWITCH (get_named (dialog, "guard-formulas-switch")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_named (dialog, "scale-spin")), 1.5);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *gui_path = g_strconcat (fixture->folder, "/gui-", cases[i].name, NULL);
      g_autofree char *cli_path = g_strconcat (fixture->folder, "/cli-", cases[i].name, NULL);
      g_autoptr(GFile) gui_file = g_file_new_for_path (gui_path);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *gui = NULL;
      g_autofree char *cli = NULL;
      gsize gui_length;
      gsize cli_length;

      select_format (dialog, cases[i].format);
      g_assert_true (moat_export_dialog_export_to_file (dialog, gui_file, &error));
      g_assert_no_error (error);

      g_ptr_array_add (argv, (char *)moat_path);
      g_ptr_array_add (argv, (char *)"export");
      g_ptr_array_add (argv, fixture->model);
      g_ptr_array_add (argv, (char *)"-o");
      g_ptr_array_add (argv, cli_path);
      for (guint a = 0; cases[i].arguments[a] != NULL; a++)
        g_ptr_array_add (argv, (char *)cases[i].arguments[a]);
      g_ptr_array_add (argv, NULL);

      process = g_subprocess_newv ((const char * const *)argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                                   &error);
      g_assert_no_error (error);
      g_subprocess_wait_check (process, NULL, &error);
      g_assert_no_error (error);

      g_file_get_contents (gui_path, &gui, &gui_length, &error);
      g_assert_no_error (error);
      g_file_get_contents (cli_path, &cli, &cli_length, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (gui, gui_length, cli, cli_length);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_diagram_choice (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MoatDiagram) second = moat_diagram_new ("second", "Second <b>level</b>");
  MoatExportDialog *dialog;
  MoatExportRequest request;
  GListModel *names;

  moat_document_add_diagram (fixture->document, second);
  g_settings_set_string (fixture->settings, "export-diagrams", "current");

  /* The window shows the second diagram, so the dialog starts with it. */
  dialog = moat_export_dialog_new (NULL, fixture->document, second);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_idle ();

  names = adw_combo_row_get_model (ADW_COMBO_ROW (get_named (dialog, "diagram-row")));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==,
                   "Second <b>level</b>");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (get_named (dialog,
                                                                          "diagram-row"))),
                    ==, 2);
  moat_export_dialog_get_request (dialog, &request);
  g_assert_cmpstr (request.options.diagram, ==, "second");

  /* Choosing all diagrams gives no diagram option. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "diagram-row")), 0);
  moat_export_dialog_get_request (dialog, &request);
  g_assert_null (request.options.diagram);

  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The choice goes back out of the document before the fixture ends. */
  moat_document_remove_diagram (fixture->document, second);
}

static MoatExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (MOAT_IS_EXPORT_DIALOG (toplevel))
        return MOAT_EXPORT_DIALOG (toplevel);
    }

  return NULL;
}

/* Ctrl+E and the primary menu's Export… item name win.export, which
 * opens the dialog for the window's document. */
static void
test_window_action (Fixture       *fixture,
                    gconstpointer  data)
{
  MoatWindow *window = moat_window_new (application);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                "win.export");
  MoatExportDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_idle ();

  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>e"));
  g_assert_null (find_export_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  wait_for_idle ();

  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* Cancel, and Escape, activate window.close, which closes the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  wait_for_idle ();
  g_assert_null (find_export_dialog ());

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (argc != 2)
    {
      g_printerr ("usage: %s [GTEST-OPTION…] PATH-TO-MOAT\n", argv[0]);
      return 2;
    }
  moat_path = argv[1];

  /* Non-unique, so that UI tests running in parallel on one session bus
   * do not find each other's instance and hand their windows over. */
  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/export-dialog/rows-per-format", test_rows_per_format);
  ADD_TEST ("/export-dialog/remembers-choices", test_remembers_choices);
  ADD_TEST ("/export-dialog/export-markdown", test_export_markdown);
  ADD_TEST ("/export-dialog/refuses-model-file", test_refuses_model_file);
  ADD_TEST ("/export-dialog/same-as-cli", test_same_as_cli);
  ADD_TEST ("/export-dialog/diagram-choice", test_diagram_choice);
  ADD_TEST ("/export-dialog/window-action", test_window_action);

#undef ADD_TEST

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
