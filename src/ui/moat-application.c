/* moat-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-application.h"
#include "moat-preferences-window.h"
#include "moat-recovery.h"
#include "moat-window.h"

struct _MoatApplication
{
  AdwApplication parent_instance;

  GSettings *settings;

  /* NULL when the recovery folder cannot be used: Moat then runs without
   * recovery copies rather than not at all. */
  MoatRecovery *recovery;

  /* Orphaned recovery copies still to offer, one dialog at a time. */
  GQueue pending_orphans;
  gboolean orphans_listed;
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

static void offer_next_orphan (MoatApplication *self);

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  /* Translators: the date and time of a recovery copy, in
   * g_date_time_format() notation. */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static void
orphan_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MoatApplication  *self)
{
  g_autoptr(MoatRecoveryEntry) entry = g_queue_pop_head (&self->pending_orphans);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "restore"))
    {
      MoatWindow *window = find_blank_window (self);

      if (window == NULL)
        window = moat_window_new (self);
      moat_window_restore (window, self->recovery, entry);
      gtk_window_present (GTK_WINDOW (window));
    }
  else if (g_str_equal (response, "discard"))
    {
      if (!moat_recovery_discard (self->recovery, entry, &error))
        g_warning ("%s", error->message);
    }

  /* Any other response (Escape) keeps the copy for the next start. */
  offer_next_orphan (self);
}

/* Offers one orphaned recovery copy. The dialog's response offers the
 * next one. */
static void
offer_next_orphan (MoatApplication *self)
{
  MoatRecoveryEntry *entry = g_queue_peek_head (&self->pending_orphans);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *time = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GFile *original;
  AdwMessageDialog *dialog;

  if (entry == NULL)
    return;

  time = format_local_time (moat_recovery_entry_get_modified (entry));
  g_string_append_printf (body,
                          _("Moat did not close normally while “%s” had unsaved changes. "
                            "A recovery copy of those changes from %s is available."),
                          moat_recovery_entry_get_display_name (entry), time);

  original = moat_recovery_entry_get_original (entry);
  if (original != NULL)
    {
      g_autofree char *location = g_file_get_parse_name (original);

      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              _("Restoring opens it as unsaved changes to “%s”, which stays "
                                "as it is until you save."),
                              location);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Restore Unsaved Changes?"),
                                                       NULL));
  /* The name comes from a file, so the body is plain text. */
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (orphan_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Once per run, when the first window is shown: recovery copies that a
 * crashed or killed Moat left behind. */
static void
offer_orphans (MoatApplication *self)
{
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;

  if (self->orphans_listed || self->recovery == NULL)
    return;
  self->orphans_listed = TRUE;

  orphans = moat_recovery_list_orphans (self->recovery, &error);
  if (orphans == NULL)
    {
      g_warning ("Cannot list the recovery copies: %s", error->message);
      return;
    }

  for (guint i = 0; i < orphans->len; i++)
    g_queue_push_tail (&self->pending_orphans,
                       moat_recovery_entry_ref (g_ptr_array_index (orphans, i)));

  offer_next_orphan (self);
}

static void
moat_application_activate (GApplication *application)
{
  MoatApplication *self = MOAT_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (moat_window_new (self));

  gtk_window_present (window);
  offer_orphans (self);
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

  offer_orphans (self);
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

  /* Closing each window first asks the user about its unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MoatApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (moat_preferences_window_new (parent)));
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
  { "preferences", preferences_cb },
  { "about", about_cb },
};

/* The style-variant setting overrides the system's light or dark
 * preference; "default" follows it. */
static void
style_variant_changed_cb (MoatApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint variant = g_settings_get_enum (self->settings, "style-variant");

  g_return_if_fail (variant < G_N_ELEMENTS (schemes));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[variant]);
}

static void
start_recovery (MoatApplication *self)
{
  g_autofree char *directory = moat_recovery_dup_default_directory ();
  g_autoptr(GError) error = NULL;

  self->recovery = moat_recovery_new (directory, &error);
  if (self->recovery == NULL)
    g_warning ("Unsaved changes cannot be recovered after a crash: %s", error->message);
}

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
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (moat_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (style_variant_changed_cb), self, G_CONNECT_SWAPPED);
  style_variant_changed_cb (self);

  start_recovery (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_application, accels[i].action, accels[i].accels);
}

static void
moat_application_shutdown (GApplication *application)
{
  MoatApplication *self = MOAT_APPLICATION (application);

  /* A removal queued by the last save must reach the disk before the
   * process ends, or the next start offers changes that were saved. */
  if (self->recovery != NULL)
    moat_recovery_close (self->recovery);

  G_APPLICATION_CLASS (moat_application_parent_class)->shutdown (application);
}

static void
moat_application_dispose (GObject *object)
{
  MoatApplication *self = (MoatApplication *)object;

  g_queue_clear_full (&self->pending_orphans, (GDestroyNotify)moat_recovery_entry_unref);
  g_clear_object (&self->recovery);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (moat_application_parent_class)->dispose (object);
}

static void
moat_application_class_init (MoatApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = moat_application_dispose;
  application_class->activate = moat_application_activate;
  application_class->open = moat_application_open;
  application_class->startup = moat_application_startup;
  application_class->shutdown = moat_application_shutdown;
}

static void
moat_application_init (MoatApplication *self)
{
}

/**
 * moat_application_get_recovery:
 *
 * Returns: (nullable): the recovery session of this process, or %NULL
 *   before start-up or when the recovery folder cannot be used
 */
MoatRecovery *
moat_application_get_recovery (MoatApplication *self)
{
  g_return_val_if_fail (MOAT_IS_APPLICATION (self), NULL);

  return self->recovery;
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
