/* moat-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-application.h"
#include "moat-window.h"

struct _MoatApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatApplication, moat_application, ADW_TYPE_APPLICATION)

/* Reuses the window of an untouched new document, so that opening a file
 * right after start-up does not leave an empty window behind. */
static MoatWindow *
find_blank_window (MoatApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MOAT_IS_WINDOW (l->data) && moat_window_is_blank (l->data))
      return l->data;

  return NULL;
}

/* One window per document: a file that is already open is raised. */
static MoatWindow *
find_window_for_file (MoatApplication *self,
                      GFile           *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
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

static void
moat_application_activate (GApplication *application)
{
  MoatApplication *self = MOAT_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (moat_window_new (self));

  gtk_window_present (window);
}

static void
moat_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  MoatApplication *self = MOAT_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      MoatWindow *window = find_window_for_file (self, files[i]);

      if (window == NULL)
        {
          window = find_blank_window (self);
          if (window == NULL)
            window = moat_window_new (self);
          moat_window_load_file (window, files[i]);
        }

      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
new_window_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MoatApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (moat_window_new (self)));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  MoatApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window asks about its unsaved changes first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  MoatApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Moat developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Moat"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Moat developers"),
                         "developers", developers,
                         "website", "https://github.com/moatapp/moat",
                         "issue-url", "https://github.com/moatapp/moat/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Draw data-flow diagrams and review them with STRIDE"),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_cb },
  { "quit", quit_cb },
  { "about", about_cb },
};

static void
moat_application_startup (GApplication *application)
{
  MoatApplication *self = MOAT_APPLICATION (application);
  GtkApplication *gtk_application = GTK_APPLICATION (self);
  const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export-markdown", { "<Control>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (moat_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_application, accels[i].action, accels[i].accels);
}

static void
moat_application_class_init (MoatApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = moat_application_activate;
  application_class->open = moat_application_open;
  application_class->startup = moat_application_startup;
}

static void
moat_application_init (MoatApplication *self)
{
}

MoatApplication *
moat_application_new (void)
{
  return g_object_new (MOAT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/moatapp/Moat",
                       NULL);
}
