/* moat-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas.h"
#include "moat-coverage-indicator.h"
#include "moat-diagram-list.h"
#include "moat-export-dialog.h"
#include "moat-format.h"
#include "moat-input-limits.h"
#include "moat-inspector.h"
#include "moat-problem-list.h"
#include "moat-threat-dragon-import.h"
#include "moat-recovery.h"
#include "moat-review-model.h"
#include "moat-threat-list.h"
#include "moat-window.h"

struct _MoatWindow
{
  AdwApplicationWindow parent_instance;

  MoatDocument *document;
  GSignalGroup *document_signals;
  GSettings *settings;
  MoatReviewModel *review_model;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  MoatCanvas *canvas;
  MoatDiagramList *diagram_list;
  MoatInspector *inspector;
  MoatCoverageIndicator *coverage_indicator;
  GtkWidget *review_panel;
  GtkStack *review_stack;
  MoatThreatList *threat_list;
  MoatProblemList *problem_list;

  /* Set while the unsaved-changes question is open or a save that closes
   * the window is under way, so a second close request does not ask
   * again. */
  gboolean closing;

  /* The document's recovery copy, in the application's recovery session.
   * The id names it in the recovery folder, the timer writes it after a
   * pause in editing, and pending_since is the monotonic time of the first
   * change it lacks (0 for none). The cancellable belongs to the copy
   * being serialized or written, if any. */
  MoatRecovery *recovery;
  char *recovery_id;
  guint recovery_timeout;
  gint64 recovery_pending_since;
  GCancellable *recovery_cancellable;
  gboolean recovery_written;
  gboolean recovery_failed;
};

G_DEFINE_FINAL_TYPE (MoatWindow, moat_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef void (*AfterSaveFunc) (MoatWindow *self);

static void save_as (MoatWindow    *self,
                     AfterSaveFunc  after_save);

static void
show_error (MoatWindow *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);

  /* The message quotes file content, so it is plain text, never markup. */
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (MoatWindow *self,
            const char *title)
{
  /* Toast titles are Pango markup in libadwaita 1.2, with no switch to
   * turn that off, so any text from a file must be escaped. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* A toast from the canvas or the diagram list, with an Undo button when
 * the step it reports can be undone. */
static void
item_toast_cb (MoatWindow *self,
               const char *title,
               gboolean    offer_undo)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Return on the canvas moves the focus to the side panel, which edits
 * the selection. */
static void
canvas_item_activated_cb (MoatWindow *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self->inspector), GTK_DIR_TAB_FORWARD);
}

static void
update_title (MoatWindow *self)
{
  g_autofree char *name = moat_document_dup_display_name (self->document);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  GFile *file = moat_document_get_file (self->document);
  gboolean modified = moat_document_get_modified (self->document);

  /* A bullet before the name marks unsaved changes, as in GNOME Text
   * Editor. AdwWindowTitle shows plain text. */
  title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);

  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
      g_autofree char *relative = parent != NULL ? g_file_get_relative_path (home, parent) : NULL;
      g_autofree char *folder = NULL;

      /* Folders in the home folder are shown as "~/…", as GNOME Text
       * Editor and Files do. */
      if (relative != NULL)
        folder = g_build_filename ("~", relative, NULL);
      else if (parent != NULL && g_file_equal (parent, home))
        folder = g_strdup ("~");
      else if (parent != NULL)
        folder = g_file_get_parse_name (parent);

      adw_window_title_set_subtitle (self->window_title, folder);
    }
  else
    adw_window_title_set_subtitle (self->window_title, _("Not saved"));

  window_title = g_strdup_printf ("%s%s – %s", modified ? "*" : "", name, _("Moat"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_actions (MoatWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 moat_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 moat_document_can_redo (self->document));
}

static MoatRecovery *
get_recovery (MoatWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* Kept from the first call, because gtk_window_destroy() unsets the
   * application before dispose, which may still write a copy. */
  if (self->recovery == NULL && MOAT_IS_APPLICATION (application))
    g_set_object (&self->recovery, moat_application_get_recovery (MOAT_APPLICATION (application)));

  return self->recovery;
}

/* The window and the cancellable of one recovery copy, so that the
 * callback of a copy that a newer one replaced leaves the newer alone. */
typedef struct
{
  MoatWindow *window;
  GCancellable *cancellable;
} RecoveryCopy;

static void
recovery_copy_free (RecoveryCopy *copy)
{
  g_object_unref (copy->window);
  g_object_unref (copy->cancellable);
  g_free (copy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RecoveryCopy, recovery_copy_free)

/* Logs a failed copy and shows one notice per run of failures. The window
 * may be gone from the screen by now. */
static void
report_recovery_failure (MoatWindow   *self,
                         const GError *error)
{
  g_warning ("Cannot write the recovery copy: %s", error->message);

  /* The next change waits a whole delay before trying again, unless a
   * change since this copy started already waits on its own timer. */
  if (self->recovery_timeout == 0)
    self->recovery_pending_since = 0;

  if (!self->recovery_failed && self->toast_overlay != NULL)
    show_toast (self, _("Cannot keep a recovery copy of the unsaved changes"));
  self->recovery_failed = TRUE;
}

static void
recovery_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RecoveryCopy) copy = user_data;
  MoatWindow *self = copy->window;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = moat_recovery_save_document_finish (MOAT_RECOVERY (source), result, &error);

  if (self->recovery_cancellable == copy->cancellable)
    g_clear_object (&self->recovery_cancellable);

  if (saved)
    {
      self->recovery_failed = FALSE;

      /* A change after the copy started schedules another copy and keeps
       * the time of the first change that this one may lack. */
      if (self->recovery_timeout == 0)
        self->recovery_pending_since = 0;
      return;
    }

  /* A change, a save, a newer copy or closing the window stopped this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  report_recovery_failure (self, error);
}

/* Stops the serialization of a copy under way. A copy that is already
 * queued for writing is still written. */
static void
cancel_recovery_copy (MoatWindow *self)
{
  if (self->recovery_cancellable == NULL)
    return;

  g_cancellable_cancel (self->recovery_cancellable);
  g_clear_object (&self->recovery_cancellable);
}

/* Serializes the document in slices on the main loop, so editing goes on
 * meanwhile, and writes it on the recovery session's worker thread. */
static void
write_recovery_copy (MoatWindow *self)
{
  MoatRecovery *recovery = get_recovery (self);
  RecoveryCopy *copy;

  g_clear_handle_id (&self->recovery_timeout, g_source_remove);

  if (recovery == NULL)
    return;

  cancel_recovery_copy (self);
  self->recovery_cancellable = g_cancellable_new ();

  copy = g_new0 (RecoveryCopy, 1);
  copy->window = g_object_ref (self);
  copy->cancellable = g_object_ref (self->recovery_cancellable);
  moat_recovery_save_document_async (recovery, self->recovery_id, self->document,
                                     self->recovery_cancellable, recovery_saved_cb, copy);

  /* Set now, so a removal cannot miss a copy whose write is queued. */
  self->recovery_written = TRUE;
}

/* @user_data is a weak reference to the window, which a copy written as
 * the window goes away outlives. */
static void
recovery_saved_now_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr(MoatWindow) self = g_weak_ref_get (window_ref);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_weak_ref_clear (window_ref);
  g_free (window_ref);

  saved = moat_recovery_save_finish (MOAT_RECOVERY (source), result, &error);
  if (self == NULL)
    {
      if (!saved)
        g_warning ("Cannot write the recovery copy: %s", error->message);
      return;
    }

  if (saved)
    self->recovery_failed = FALSE;
  else
    report_recovery_failure (self, error);
}

/* Writes the copy with the whole serialization in this call. A window
 * that goes away needs this, because no main-loop iteration may follow,
 * and so do changes that drop every sliced copy for too long. */
static void
write_recovery_copy_now (MoatWindow *self)
{
  MoatRecovery *recovery = get_recovery (self);
  g_autoptr(GBytes) model = NULL;
  g_autofree char *name = NULL;
  GWeakRef *window_ref;

  g_clear_handle_id (&self->recovery_timeout, g_source_remove);
  cancel_recovery_copy (self);

  if (recovery == NULL)
    return;

  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, self);

  model = moat_format_serialize (self->document);
  name = moat_document_dup_display_name (self->document);
  moat_recovery_save_async (recovery, self->recovery_id, model,
                            moat_document_get_file (self->document), name,
                            recovery_saved_now_cb, window_ref);
  self->recovery_written = TRUE;
}

static gboolean
recovery_timeout_cb (gpointer user_data)
{
  MoatWindow *self = user_data;

  self->recovery_timeout = 0;
  write_recovery_copy (self);

  return G_SOURCE_REMOVE;
}

/* Writes the recovery copy once editing pauses for the delay that the
 * autosave-interval setting gives, in seconds; 0 turns copies off. */
static void
schedule_recovery_copy (MoatWindow *self)
{
  guint delay = g_settings_get_uint (self->settings, "autosave-interval");
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;
  MoatRecoveryPlan plan;

  if (delay == 0 || get_recovery (self) == NULL)
    return;

  if (self->recovery_pending_since == 0)
    self->recovery_pending_since = now;
  plan = moat_recovery_plan_copy (now, self->recovery_pending_since, delay,
                                  self->recovery_cancellable != NULL, &deadline);

  /* Changes that keep coming faster than a copy can be serialized would
   * drop every copy, so past the longest wait the copy is written at once.
   * That stalls the window for one whole serialization. */
  if (plan == MOAT_RECOVERY_PLAN_WRITE_NOW)
    {
      write_recovery_copy_now (self);
      self->recovery_pending_since = 0;
      return;
    }

  /* A copy under way would start again at every change: drop it, and let
   * the timer start a new one when editing pauses. */
  cancel_recovery_copy (self);

  g_clear_handle_id (&self->recovery_timeout, g_source_remove);
  /* Rounded up, so the copy never starts before the deadline. */
  self->recovery_timeout = g_timeout_add ((deadline - now + 999) / 1000, recovery_timeout_cb, self);
}

/* Drops the copy that waits for a pause or is being serialized. */
static void
drop_pending_recovery_copy (MoatWindow *self)
{
  g_clear_handle_id (&self->recovery_timeout, g_source_remove);
  cancel_recovery_copy (self);
  self->recovery_pending_since = 0;
}

/* Removes the recovery copy, after any write of it still queued. */
static void
remove_recovery_copy (MoatWindow *self)
{
  MoatRecovery *recovery = get_recovery (self);

  drop_pending_recovery_copy (self);

  if (recovery == NULL || !self->recovery_written)
    return;

  moat_recovery_remove_async (recovery, self->recovery_id, NULL, NULL);
  self->recovery_written = FALSE;
}

/* Turning copies off drops the one waiting or under way, and turning them
 * on schedules one. A copy already written stays until a save or discard. */
static void
autosave_interval_changed_cb (MoatWindow *self)
{
  if (g_settings_get_uint (self->settings, "autosave-interval") == 0)
    {
      drop_pending_recovery_copy (self);
      return;
    }

  if (self->document != NULL && moat_document_get_modified (self->document) &&
      self->recovery_timeout == 0 && self->recovery_cancellable == NULL)
    schedule_recovery_copy (self);
}

/* A recovery copy exists exactly while the document has unsaved changes:
 * a save, or undoing back to the saved state, removes it. */
static void
document_recovery_cb (MoatWindow *self)
{
  if (moat_document_get_modified (self->document))
    schedule_recovery_copy (self);
  else
    remove_recovery_copy (self);
}

static void
add_to_recent_files (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
document_notify_cb (MoatWindow *self)
{
  update_title (self);
  update_actions (self);
}

static void
canvas_selection_cb (MoatWindow *self)
{
  g_object_set (self->inspector,
                "item", moat_canvas_get_selected_item (self->canvas),
                NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete",
                                 moat_canvas_get_selected_item (self->canvas) != NULL);
}

/* Several selected flows get "Accept All" and "Dismiss All" buttons. */
static void
canvas_selection_changed_cb (MoatWindow *self)
{
  moat_inspector_set_selection (self->inspector, moat_canvas_get_selection (self->canvas));
}

static void
set_document (MoatWindow   *self,
              MoatDocument *document)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);

  /* The window's previous document is gone, and so is its copy. */
  remove_recovery_copy (self);
  g_free (self->recovery_id);
  self->recovery_id = moat_recovery_new_document_id ();

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  /* The review first, so the panels show the new document's analysis. */
  moat_review_model_set_document (self->review_model, document);
  g_object_set (self->inspector, "document", document, "item", NULL, NULL);
  moat_canvas_set_document (self->canvas, document);
  moat_diagram_list_set_document (self->diagram_list, document);
  moat_canvas_set_diagram (self->canvas,
                           diagrams->len > 0 ? g_ptr_array_index (diagrams, 0) : NULL);

  document_notify_cb (self);
}

/* Lists what the import changed or could not map, as plain text because
 * the lines quote the file. */
static void
show_import_report (MoatWindow *self,
                    GPtrArray  *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  guint shown = MIN (report->len, 20);

  for (guint i = 0; i < shown; i++)
    g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", (char *)g_ptr_array_index (report, i));

  if (report->len > shown)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more note", "and %u more notes",
                                           report->len - shown),
                              report->len - shown);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Imported from Threat Dragon"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A Threat Dragon model opens as a new, unsaved Moat model, so the
 * original file is never overwritten with another format. */
static gboolean
import_threat_dragon (MoatWindow *self,
                      GFile      *file,
                      GBytes     *bytes)
{
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  document = moat_threat_dragon_import (bytes, name, report, &error);
  if (document == NULL)
    {
      show_error (self, _("Could Not Import the Threat Dragon Model"), error->message);
      return FALSE;
    }

  moat_document_mark_unsaved (document);
  set_document (self, document);

  if (report->len > 0)
    show_import_report (self, report);

  return TRUE;
}

/**
 * moat_window_load_file:
 *
 * Opens @file in this window. A file that cannot be read or is not a valid
 * model is reported in a dialog, and the current document stays.
 *
 * Returns: %TRUE if the file was opened
 */
gboolean
moat_window_load_file (MoatWindow *self,
                       GFile      *file)
{
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MOAT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A file that cannot be read, or is too large, gets its message from
   * the loader below. */
  bytes = moat_input_load_file (file, NULL, &error);
  if (bytes != NULL && moat_threat_dragon_detect (bytes))
    return import_threat_dragon (self, file, bytes);

  document = moat_format_load_file (file, NULL, &error);
  if (document == NULL)
    {
      show_error (self, _("Could Not Open the Model"), error->message);
      return FALSE;
    }

  set_document (self, document);
  add_to_recent_files (file);

  return TRUE;
}

/**
 * moat_window_restore:
 * @recovery: the recovery session that listed @entry
 * @entry: an orphaned recovery copy
 *
 * Opens the model of a recovery copy in this window, as unsaved changes:
 * to the copy's original file if it had one, so that Save writes there,
 * otherwise to a new model. Nothing but the recovery copy is written
 * until the user saves. A copy that cannot be read is reported in a
 * dialog and kept.
 *
 * Returns: %TRUE if the model was restored
 */
gboolean
moat_window_restore (MoatWindow        *self,
                     MoatRecovery      *recovery,
                     MoatRecoveryEntry *entry)
{
  g_autoptr(GBytes) model = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MOAT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (MOAT_IS_RECOVERY (recovery), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  model = moat_recovery_load_model (recovery, entry, &error);
  if (model != NULL)
    document = moat_format_load_bytes (model, moat_recovery_entry_get_display_name (entry), &error);

  /* The copy becomes this window's own before the document is shown, so
   * it is not offered again while this process runs. */
  if (document == NULL || !moat_recovery_claim (recovery, entry, &error))
    {
      show_error (self, _("Could Not Restore the Unsaved Changes"), error->message);
      return FALSE;
    }

  moat_document_set_file (document, moat_recovery_entry_get_original (entry));
  moat_document_mark_unsaved (document);
  set_document (self, document);

  g_free (self->recovery_id);
  self->recovery_id = g_strdup (moat_recovery_entry_get_document_id (entry));
  self->recovery_written = TRUE;
  g_debug ("Restored the recovery copy %s", self->recovery_id);

  show_toast (self, _("Unsaved changes restored"));

  return TRUE;
}

/**
 * moat_window_save_to_file:
 *
 * Saves the document to @file, reporting a failure in a dialog. After a
 * failure the document stays modified, so it can be saved elsewhere.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_window_save_to_file (MoatWindow *self,
                          GFile      *file)
{
  g_autoptr(GError) error = NULL;
  MoatFormatSaveFlags flags = MOAT_FORMAT_SAVE_CHECK_LIMITS;

  g_return_val_if_fail (MOAT_IS_WINDOW (self), FALSE);

  if (g_settings_get_boolean (self->settings, "keep-backup"))
    flags |= MOAT_FORMAT_SAVE_KEEP_BACKUP;

  if (!moat_format_save_file_full (self->document, file, flags, NULL, &error))
    {
      show_error (self, _("Could Not Save the Model"), error->message);
      return FALSE;
    }

  add_to_recent_files (file);
  update_title (self);

  return TRUE;
}

static void
save (MoatWindow    *self,
      AfterSaveFunc  after_save)
{
  GFile *file = moat_document_get_file (self->document);

  if (file == NULL)
    {
      save_as (self, after_save);
      return;
    }

  if (moat_window_save_to_file (self, file) && after_save != NULL)
    after_save (self);
  else
    self->closing = FALSE;
}

typedef struct
{
  MoatWindow *self;
  AfterSaveFunc after_save;
} SaveAsData;

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autofree SaveAsData *data = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && moat_window_save_to_file (data->self, file) && data->after_save != NULL)
    data->after_save (data->self);
  else
    data->self->closing = FALSE;

  g_object_unref (data->self);
  g_object_unref (dialog);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

static void
save_as (MoatWindow    *self,
         AfterSaveFunc  after_save)
{
  GtkFileChooserNative *dialog;
  SaveAsData *data = g_new0 (SaveAsData, 1);
  g_autofree char *name = moat_document_dup_display_name (self->document);
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = new_filter (_("Moat models"), "*.moat", "application/x-moat+json");

  dialog = gtk_file_chooser_native_new (_("Save Model"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  if (moat_document_get_file (self->document) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), moat_document_get_file (self->document), NULL);
  else
    {
      suggested = g_str_has_suffix (name, ".moat") ? g_strdup (name) : g_strdup_printf ("%s.moat", name);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
    }

  data->self = g_object_ref (self);
  data->after_save = after_save;
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (MOAT_WINDOW (widget), NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (MOAT_WINDOW (widget), NULL);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(MoatWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    {
      GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      g_application_open (application, &file, 1, "");
    }

  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatWindow *self = MOAT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) models = new_filter (_("Moat models"), "*.moat", "application/x-moat+json");
  g_autoptr(GtkFileFilter) all = new_filter (_("All files"), "*", NULL);

  dialog = gtk_file_chooser_native_new (_("Open Model"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), models);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
exported_cb (MoatWindow *self,
             GFile      *output,
             guint       n_files)
{
  g_autofree char *name = g_file_get_basename (output);
  g_autofree char *message = NULL;

  if (n_files <= 1)
    /* Translators: %s is a file name. */
    message = g_strdup_printf (_("Exported “%s”"), name);
  else
    /* Translators: a review document with its images, or one image per
     * diagram; %s is the file name chosen in the file chooser. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u file next to “%s”",
                                            "Exported %u files next to “%s”", n_files),
                               n_files, name);

  show_toast (self, message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatWindow *self = MOAT_WINDOW (widget);
  MoatExportDialog *dialog;

  dialog = moat_export_dialog_new (GTK_WINDOW (self), self->document,
                                   moat_canvas_get_diagram (self->canvas));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Review panel */

/* Selects an item of the document on the canvas, showing its diagram
 * first. */
static void
select_on_canvas (MoatWindow *self,
                  const char *item_id)
{
  gpointer item = moat_document_lookup (self->document, item_id);
  MoatDiagram *diagram;

  if (!MOAT_IS_ITEM (item))
    return;

  diagram = moat_document_get_diagram_of (self->document, item);
  if (diagram == NULL)
    return;

  if (moat_canvas_get_diagram (self->canvas) != diagram)
    moat_canvas_set_diagram (self->canvas, diagram);
  moat_canvas_select (self->canvas, G_OBJECT (item));
  moat_canvas_scroll_to_item (self->canvas, item);
}

static void
threat_selected_cb (MoatWindow *self,
                    MoatThreat *threat)
{
  select_on_canvas (self, moat_threat_get_target_id (threat));
}

/* Activating a threat also opens it in the inspector, once the canvas
 * selection has shown its flow or element there. */
static void
threat_activated_cb (MoatWindow *self,
                     MoatThreat *threat)
{
  select_on_canvas (self, moat_threat_get_target_id (threat));
  moat_inspector_show_threat (self->inspector, threat);
}

static void
problem_activated_cb (MoatWindow  *self,
                     MoatProblem *problem)
{
  select_on_canvas (self, problem->select_id);
}

static void
show_review_panel (MoatWindow *self,
                   const char *page)
{
  gboolean shown = !g_str_equal (page, "none");

  gtk_widget_set_visible (self->review_panel, shown);
  if (!shown)
    return;

  gtk_stack_set_visible_child_name (self->review_stack, page);
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->review_stack), GTK_DIR_TAB_FORWARD);
}

/* Shows the threats or the problems below the canvas, or hides the panel
 * when the page asked for is already shown, so a shortcut toggles it. */
static void
review_panel_activate_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  const char *page = g_variant_get_string (parameter, NULL);

  if (!g_str_equal (page, "none") && !g_str_equal (page, "threats") &&
      !g_str_equal (page, "problems"))
    {
      g_warning ("Cannot show the review panel page “%s”", page);
      return;
    }

  if (g_str_equal (g_variant_get_string (state, NULL), page))
    page = "none";

  g_simple_action_set_state (action, g_variant_new_string (page));
  show_review_panel (MOAT_WINDOW (user_data), page);
}

/* The panel's own switcher changes the page without the action. */
static void
review_stack_page_cb (MoatWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "review-panel");
  const char *page = gtk_stack_get_visible_child_name (self->review_stack);

  if (gtk_widget_get_visible (self->review_panel) && page != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (page));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  moat_document_undo (MOAT_WINDOW (widget)->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  moat_document_redo (MOAT_WINDOW (widget)->document);
}

/* The tool bar lives outside the canvas, so these window actions forward
 * to the canvas's own actions. */
static void
forward_to_canvas_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MoatWindow *self = MOAT_WINDOW (widget);
  g_autofree char *canvas_action = g_strdup_printf ("canvas.%s", action_name + strlen ("win."));

  gtk_widget_activate_action_variant (GTK_WIDGET (self->canvas), canvas_action, parameter);
}

static void
close_after_save (MoatWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MoatWindow       *self)
{
  if (g_str_equal (response, "discard"))
    {
      remove_recovery_copy (self);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    save (self, close_after_save);
  else
    self->closing = FALSE;
}

static gboolean
moat_window_close_request (GtkWindow *window)
{
  MoatWindow *self = MOAT_WINDOW (window);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (!moat_document_get_modified (self->document))
    return GTK_WINDOW_CLASS (moat_window_parent_class)->close_request (window);

  if (self->closing)
    return TRUE;
  self->closing = TRUE;

  name = moat_document_dup_display_name (self->document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has unsaved changes. Changes that are not saved are lost."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
moat_window_dispose (GObject *object)
{
  MoatWindow *self = (MoatWindow *)object;

  /* A window that goes away with unsaved changes that no one discarded
   * (at the end of a desktop session, say) keeps them in its recovery
   * copy for the next start. */
  if (self->recovery_timeout != 0 || self->recovery_cancellable != NULL)
    write_recovery_copy_now (self);
  g_clear_object (&self->recovery);

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WINDOW);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->review_model);

  G_OBJECT_CLASS (moat_window_parent_class)->dispose (object);
}

static void
moat_window_finalize (GObject *object)
{
  MoatWindow *self = (MoatWindow *)object;

  g_free (self->recovery_id);

  G_OBJECT_CLASS (moat_window_parent_class)->finalize (object);
}

static void
moat_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoatWindow *self = MOAT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      /* The tool bar reads the state before the template is built and
       * after it is disposed. */
      g_value_set_string (value,
                          self->canvas != NULL
                          ? moat_enum_to_nick (MOAT_TYPE_CANVAS_TOOL, moat_canvas_get_tool (self->canvas))
                          : "select");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoatWindow *self = MOAT_WINDOW (object);
  int tool;

  switch (prop_id)
    {
    case PROP_TOOL:
      if (moat_enum_from_nick (MOAT_TYPE_CANVAS_TOOL, g_value_get_string (value), &tool))
        moat_canvas_set_tool (self->canvas, tool);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Files dropped on the window open as if opened from the file manager:
 * each in its own window, or in this one while it is blank. */
static gboolean
drop_cb (MoatWindow   *self,
         const GValue *value,
         double        x,
         double        y)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GSList) list = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || application == NULL)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  if (files->len == 0)
    return FALSE;

  g_application_open (application, (GFile **)files->pdata, files->len, "");

  return TRUE;
}

static void
canvas_tool_cb (MoatWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

static void
moat_window_class_init (MoatWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char * const canvas_actions[] = {
    "win.delete", "win.zoom-in", "win.zoom-out", "win.zoom-fit", "win.zoom-reset",
    "win.zoom-selection",
  };

  object_class->dispose = moat_window_dispose;
  object_class->finalize = moat_window_finalize;
  object_class->get_property = moat_window_get_property;
  object_class->set_property = moat_window_set_property;
  window_class->close_request = moat_window_close_request;

  /* The canvas tool as a string, so that the tool bar's toggle buttons
   * can act as radio buttons of one stateful action. */
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "select",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_CANVAS);
  g_type_ensure (MOAT_TYPE_DIAGRAM_LIST);
  g_type_ensure (MOAT_TYPE_INSPECTOR);
  g_type_ensure (MOAT_TYPE_COVERAGE_INDICATOR);
  g_type_ensure (MOAT_TYPE_THREAT_LIST);
  g_type_ensure (MOAT_TYPE_PROBLEM_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatapp/Moat/moat-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, diagram_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, coverage_indicator);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, review_panel);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, review_stack);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, threat_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, problem_list);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.review-panel", "s", "threats");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.review-panel", "s", "problems");
  gtk_widget_class_install_property_action (widget_class, "win.tool", "tool");
  for (guint i = 0; i < G_N_ELEMENTS (canvas_actions); i++)
    gtk_widget_class_install_action (widget_class, canvas_actions[i], NULL,
                                     forward_to_canvas_action);
}

static void
moat_window_init (MoatWindow *self)
{
  g_autoptr(MoatDocument) document = moat_document_new_with_diagram (_("Main diagram"));
  g_autoptr(GAction) show_grid_action = NULL;
  g_autoptr(GAction) snap_action = NULL;
  g_autoptr(GSimpleAction) review_panel_action = NULL;
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::autosave-interval",
                           G_CALLBACK (autosave_interval_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->document_signals = g_signal_group_new (MOAT_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::modified",
                                 G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_recovery_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::modified",
                                 G_CALLBACK (document_recovery_cb), self, G_CONNECT_SWAPPED);

  self->review_model = moat_review_model_new ();
  moat_inspector_set_review_model (self->inspector, self->review_model);
  moat_coverage_indicator_set_review_model (self->coverage_indicator, self->review_model);
  moat_threat_list_set_review_model (self->threat_list, self->review_model);
  moat_problem_list_set_review_model (self->problem_list, self->review_model);
  g_signal_connect_object (self->threat_list, "threat-selected",
                           G_CALLBACK (threat_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->threat_list, "threat-activated",
                           G_CALLBACK (threat_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problem_list, "problem-activated",
                           G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_stack, "notify::visible-child-name",
                           G_CALLBACK (review_stack_page_cb), self, G_CONNECT_SWAPPED);

  review_panel_action = g_simple_action_new_stateful ("review-panel", G_VARIANT_TYPE_STRING,
                                                      g_variant_new_string ("none"));
  g_signal_connect_object (review_panel_action, "activate",
                           G_CALLBACK (review_panel_activate_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (review_panel_action));

  g_signal_connect_object (self->canvas, "notify::selected-item",
                           G_CALLBACK (canvas_selection_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "selection-changed",
                           G_CALLBACK (canvas_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::tool",
                           G_CALLBACK (canvas_tool_cb), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "show-grid", self->canvas, "show-grid", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-grid", self->canvas, "snap-to-grid",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "grid-size", self->canvas, "grid-size", G_SETTINGS_BIND_GET);
  show_grid_action = g_settings_create_action (self->settings, "show-grid");
  g_action_map_add_action (G_ACTION_MAP (self), show_grid_action);
  snap_action = g_settings_create_action (self->settings, "snap-to-grid");
  g_action_map_add_action (G_ACTION_MAP (self), snap_action);

  /* The tabs choose the diagram the canvas shows, and the canvas lets go
   * of a diagram that is deleted. */
  g_object_bind_property (self->diagram_list, "diagram", self->canvas, "diagram",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->canvas, "toast", G_CALLBACK (item_toast_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->diagram_list, "toast", G_CALLBACK (item_toast_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "item-activated",
                           G_CALLBACK (canvas_item_activated_cb), self, G_CONNECT_SWAPPED);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  set_document (self, document);
  canvas_selection_cb (self);
}

MoatWindow *
moat_window_new (MoatApplication *application)
{
  return g_object_new (MOAT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

MoatDocument *
moat_window_get_document (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);

  return self->document;
}

GtkWidget *
moat_window_get_canvas (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->canvas);
}

GtkWidget *
moat_window_get_inspector (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->inspector);
}

/**
 * moat_window_get_review_model:
 *
 * Returns: (transfer none): the STRIDE review of the window's document,
 *   shared by the inspector and the review panels
 */
MoatReviewModel *
moat_window_get_review_model (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);

  return self->review_model;
}

/**
 * moat_window_is_blank:
 *
 * Returns: %TRUE if the window shows a new document that was never saved
 *   or edited, which opening a file may replace
 */
gboolean
moat_window_is_blank (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), FALSE);

  return moat_document_get_file (self->document) == NULL &&
         !moat_document_can_undo (self->document) &&
         !moat_document_can_redo (self->document);
}
