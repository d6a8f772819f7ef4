/* test-markup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "moat-application.h"
#include "moat-canvas-private.h"
#include "moat-canvas.h"
#include "moat-window.h"

/* Text from a file is shown as written, never as Pango markup or with
 * mnemonics: the real editor window opens tests/data/hostile/
 * markup-everywhere.moat, whose every text field and file name contain
 * markup, an ampersand and an underscore. The shown text of the window
 * title, the inspector rows, the canvas tooltip, a toast and the
 * unsaved-changes dialog is read back from their labels and compared. A
 * label whose text contains the markup must not parse markup or
 * mnemonics; a label that parses markup (a toast title) must show the
 * markup as text. Runs under Xvfb; the tooltip needs xdotool. */

/* The start of the text in the model's fields, as a user must see it. */
#define SHOWN_TEXT "<b>x</b> & _y"

/* The file is named with a markup entity and a mnemonic too, for the
 * window title: parsed as markup it would show "Q&A notes.moat". */
#define FILE_NAME "Q&amp;A _notes.moat"

static MoatApplication *application;

typedef struct
{
  guint n_labels;
  guint n_shown;

  /* Of n_shown, the labels that parse markup: toast titles, which
   * escape the text. */
  guint n_shown_escaped;
} LabelCheck;

/* Walks @widget and its children: a label whose raw text contains user
 * markup must have markup and mnemonics off, and every label or text field
 * that shows @shown is counted. */
static void
check_labels (GtkWidget  *widget,
              const char *shown,
              LabelCheck *check)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *raw = gtk_label_get_label (GTK_LABEL (widget));

      check->n_labels++;
      if (strstr (raw, "<b>x</b>") != NULL || strstr (raw, "Q&amp;A") != NULL)
        {
          g_test_message ("label “%s”: use-markup %d, use-underline %d", raw,
                          gtk_label_get_use_markup (GTK_LABEL (widget)),
                          gtk_label_get_use_underline (GTK_LABEL (widget)));
          g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
          g_assert_false (gtk_label_get_use_underline (GTK_LABEL (widget)));
        }

      if (strstr (gtk_label_get_text (GTK_LABEL (widget)), shown) != NULL)
        {
          check->n_shown++;
          if (gtk_label_get_use_markup (GTK_LABEL (widget)))
            check->n_shown_escaped++;
        }
    }
  else if (GTK_IS_TEXT (widget))
    {
      if (strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), shown) != NULL)
        check->n_shown++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, shown, check);
}

/* Checks the labels under @root and returns how many show @shown, or
 * with @escaped, how many of those parse markup. */
static guint
count_shown (GtkWidget  *root,
             const char *shown,
             gboolean    escaped)
{
  LabelCheck check = { 0, 0, 0 };

  check_labels (root, shown, &check);
  g_assert_cmpuint (check.n_labels, >, 0);

  return escaped ? check.n_shown_escaped : check.n_shown;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @root shows @shown (in a label that parses
 * markup, with @escaped), for at most 10 seconds, and returns whether it
 * does. */
static gboolean
wait_until_shown (GtkWidget  *root,
                  const char *shown,
                  gboolean    escaped)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!timed_out && count_shown (root, shown, escaped) == 0)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout);

  return !timed_out;
}

static void
settle (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!timed_out && !gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
  settle ();
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_visible_type_name (GtkWidget  *root,
                        const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), type_name) && gtk_widget_get_visible (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_type_name (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Moves the X pointer to the middle of @item on the canvas. */
static void
point_at (MoatWindow *window,
          MoatCanvas *canvas,
          MoatItem   *item)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *program = g_find_program_in_path ("xdotool");
  g_autofree char *window_id = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autoptr(GError) error = NULL;
  double widget_x, widget_y, window_x, window_y, offset_x, offset_y;
  MoatRect rect;
  int status;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  if (program == NULL)
    g_error ("xdotool not found: install it (build-aux/dev test installs it)");

  g_assert_true (moat_canvas_get_item_rect (item, &rect));
  moat_canvas_diagram_to_widget (canvas, (MoatPoint) { rect.x + rect.width / 2,
                                                       rect.y + rect.height / 2 },
                                 &widget_x, &widget_y);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (canvas), GTK_WIDGET (window),
                                                   widget_x, widget_y, &window_x, &window_y));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &offset_x, &offset_y);

  window_id = g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (surface));
  x = g_strdup_printf ("%d", (int)(window_x + offset_x));
  y = g_strdup_printf ("%d", (int)(window_y + offset_y));

  {
    const char *argv[] = { program, "mousemove", "--window", window_id, x, y, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static MoatWindow *
open_markup_model (char **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-markup-XXXXXX", &error);
  g_autofree char *source = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "tests", "data",
                                              "hostile", "markup-everywhere.moat", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;
  MoatWindow *window;

  g_assert_no_error (error);
  *path = g_build_filename (folder, FILE_NAME, NULL);
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (*path, contents, length, NULL));

  file = g_file_new_for_path (*path);
  window = moat_window_new (application);
  g_assert_true (moat_window_load_file (window, file));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  return window;
}

static void
remove_model (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (folder);
}

static void
test_window_title (void)
{
  g_autofree char *path = NULL;
  MoatWindow *window = open_markup_model (&path);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (find_type (GTK_WIDGET (window),
                                                       ADW_TYPE_WINDOW_TITLE));

  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), FILE_NAME));
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, FILE_NAME);
  g_assert_cmpuint (count_shown (GTK_WIDGET (title), FILE_NAME, FALSE), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_model (path);
}

/* The inspector of each kind of item, and the threat list, show the
 * names and threat titles as written. */
static void
test_inspector (void)
{
  g_autofree char *path = NULL;
  MoatWindow *window = open_markup_model (&path);
  MoatDocument *document = moat_window_get_document (window);
  MoatCanvas *canvas = MOAT_CANVAS (moat_window_get_canvas (window));
  GtkWidget *inspector = moat_window_get_inspector (window);
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  GPtrArray *lists[] = {
    moat_diagram_get_elements (diagram), moat_diagram_get_flows (diagram),
    moat_diagram_get_boundaries (diagram),
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      MoatItem *item = g_ptr_array_index (lists[i], 0);

      g_test_message ("selecting %s", moat_item_get_id (item));
      moat_canvas_select (canvas, G_OBJECT (item));
      settle ();
      g_assert_true (wait_until_shown (inspector, SHOWN_TEXT, FALSE));

      /* The whole window, so that the threat list and the problems are
       * checked too. */
      count_shown (GTK_WIDGET (window), SHOWN_TEXT, FALSE);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  remove_model (path);
}

/* The canvas draws names in boxes and shows a name cut short in a
 * tooltip, as plain text. */
static void
test_canvas_tooltip (void)
{
  g_autofree char *path = NULL;
  MoatWindow *window = open_markup_model (&path);
  MoatDocument *document = moat_window_get_document (window);
  MoatCanvas *canvas = MOAT_CANVAS (moat_window_get_canvas (window));
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  MoatItem *element = g_ptr_array_index (moat_diagram_get_elements (diagram), 0);
  GtkWidget *tooltip = NULL;
  gboolean timed_out = FALSE;
  guint timeout;

  moat_canvas_zoom_to_fit (canvas);
  settle ();

  point_at (window, canvas, element);

  /* GTK 4.8 puts the tooltip in a GtkTooltipWindow, a child of the
   * window, once it shows. */
  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!timed_out && (tooltip = find_visible_type_name (GTK_WIDGET (window),
                                                          "GtkTooltipWindow")) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  g_assert_true (wait_until_shown (tooltip, moat_item_get_name (element), FALSE));

  gtk_window_destroy (GTK_WINDOW (window));
  remove_model (path);
}

/* Deleting an element names it in a toast, whose title libadwaita 1.2
 * always parses as markup. */
static void
test_toast (void)
{
  g_autofree char *path = NULL;
  MoatWindow *window = open_markup_model (&path);
  MoatDocument *document = moat_window_get_document (window);
  MoatCanvas *canvas = MOAT_CANVAS (moat_window_get_canvas (window));
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  MoatItem *element = g_ptr_array_index (moat_diagram_get_elements (diagram), 0);
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (find_type (GTK_WIDGET (window),
                                                           ADW_TYPE_TOAST_OVERLAY));

  g_assert_nonnull (overlay);
  g_assert_cmpuint (count_shown (GTK_WIDGET (overlay), SHOWN_TEXT, TRUE), ==, 0);

  moat_canvas_select (canvas, G_OBJECT (element));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL));
  g_assert_true (wait_until_shown (GTK_WIDGET (overlay), SHOWN_TEXT, TRUE));

  moat_document_undo (document);
  moat_document_mark_saved (document);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_model (path);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* Closing with unsaved changes shows a dialog that names the file. */
static void
test_unsaved_changes_dialog (void)
{
  g_autofree char *path = NULL;
  MoatWindow *window = open_markup_model (&path);
  MoatDocument *document = moat_window_get_document (window);
  AdwMessageDialog *dialog = NULL;
  gboolean timed_out = FALSE;
  guint timeout;

  moat_document_mark_unsaved (document);
  gtk_window_close (GTK_WINDOW (window));

  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!timed_out && (dialog = find_message_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  settle ();

  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), FILE_NAME));
  g_assert_cmpuint (count_shown (GTK_WIDGET (dialog), FILE_NAME, FALSE), >=, 1);

  adw_message_dialog_response (dialog, "cancel");
  settle ();
  moat_document_mark_saved (document);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_model (path);
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

  g_test_add_func ("/markup/window-title", test_window_title);
  g_test_add_func ("/markup/inspector", test_inspector);
  g_test_add_func ("/markup/canvas-tooltip", test_canvas_tooltip);
  g_test_add_func ("/markup/toast", test_toast);
  g_test_add_func ("/markup/unsaved-changes-dialog", test_unsaved_changes_dialog);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
