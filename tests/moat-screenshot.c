/* moat-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders the editor window with a model open into a PNG, for the
 * screenshots in data/screenshots/. Needs a display (Xvfb will do).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-window.h"

static char *select_id;
static char *threat_id;
static gboolean dark;
static int width = 1360;
static int height = 860;
static double zoom_percent;

static const GOptionEntry entries[] = {
  { "select", 0, 0, G_OPTION_ARG_STRING, &select_id, "Select the item with this id", "ID" },
  { "threat", 0, 0, G_OPTION_ARG_STRING, &threat_id, "Open this threat in the editor", "ID" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width in pixels", "PIXELS" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height in pixels", "PIXELS" },
  { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &zoom_percent,
    "Zoom in percent, around the centre of the fitted view (default: fit the diagram)",
    "PERCENT" },
  { NULL }
};

static void
wait_frames (GtkWidget *widget,
             guint      frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 target = gdk_frame_clock_get_frame_counter (clock) + frames;

  while (gdk_frame_clock_get_frame_counter (clock) < target)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
save_png (GtkWidget   *widget,
          const char  *path,
          GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("MODEL OUTPUT.png");
  g_autoptr(MoatApplication) application = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  MoatWindow *window;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MOAT_LOCALEDIR") != NULL ? g_getenv ("MOAT_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("Usage: %s [OPTION…] MODEL OUTPUT.png\n", g_get_prgname ());
      return 2;
    }

  gtk_init ();
  adw_init ();

  application = moat_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* After start-up, which applies the style-variant setting. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  file = g_file_new_for_commandline_arg (argv[1]);
  window = moat_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (!moat_window_load_file (window, file))
    return 1;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (window), 5);

  gtk_widget_activate_action (moat_window_get_canvas (window), "canvas.zoom-fit", NULL);
  if (zoom_percent > 0)
    moat_canvas_set_zoom (MOAT_CANVAS (moat_window_get_canvas (window)), zoom_percent / 100);

  if (select_id != NULL)
    {
      gpointer item = moat_document_lookup (moat_window_get_document (window), select_id);

      if (item == NULL)
        {
          g_printerr ("No item with id %s\n", select_id);
          return 1;
        }
      moat_canvas_select (MOAT_CANVAS (moat_window_get_canvas (window)), item);
    }

  if (threat_id != NULL)
    gtk_widget_activate_action (moat_window_get_inspector (window), "inspector.show-threat",
                                "s", threat_id);

  wait_frames (GTK_WIDGET (window), 10);

  if (!save_png (GTK_WIDGET (window), argv[2], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
