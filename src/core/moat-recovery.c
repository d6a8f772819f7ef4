/* moat-recovery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recovery copies of documents with unsaved changes. Each running Moat
 * process is a session: it holds an exclusive flock() on
 * SESSION.lock in the recovery folder for as long as it runs, and the
 * kernel releases that lock when the process ends in any way, kill -9
 * included. A copy is one file, DOCUMENT.moat-recovery: a one-line JSON
 * header (session, display name, original file, time) followed by the
 * serialized model. A copy whose session lock is gone or can be taken is
 * an orphan that the next start offers to restore.
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moat-atomic-file.h"
#include "moat-format-serializer.h"
#include "moat-input-limits.h"
#include "moat-recovery.h"

#define RECOVERY_FORMAT  "moat-recovery"
#define RECOVERY_VERSION 1
#define ENTRY_SUFFIX     ".moat-recovery"
#define LOCK_SUFFIX      ".lock"

/* The time after which a slice of serialization returns to the main loop.
 * The item under way is finished first, so a slice can run longer: the
 * longest took 9.3 ms of CPU time at 100,000 elements (see
 * docs/benchmarks.md). */
#define SERIALIZE_SLICE_USEC (8 * 1000)

/* Temporary files of an interrupted write, older than this, belong to a
 * process that died while writing. */
#define STALE_TEMPORARY_AGE_SECONDS (60 * 60)

/* The maximum length of the first line read from a recovery copy. The
 * header contains a name and a path, which are far shorter, so a longer
 * line is not a header. */
#define MAX_HEADER_LENGTH (64 * 1024)

struct _MoatRecoveryEntry
{
  gatomicrefcount ref_count;

  char *path;
  char *document_id;
  char *session_id;
  char *display_name;
  GFile *original;
  GDateTime *modified;
};

struct _MoatRecovery
{
  GObject parent_instance;

  char *directory;
  char *session_id;
  char *lock_path;
  int lock_fd;

  /* One worker thread runs the writes and removals in the order they were
   * requested, so a removal after a save never races the save's write. */
  GThreadPool *worker;
};

G_DEFINE_FINAL_TYPE (MoatRecovery, moat_recovery, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MoatRecoveryEntry, moat_recovery_entry,
                     moat_recovery_entry_ref, moat_recovery_entry_unref)

G_DEFINE_QUARK (moat-recovery-error-quark, moat_recovery_error)

typedef enum
{
  OPERATION_SAVE,
  OPERATION_REMOVE,
  OPERATION_FLUSH,
  OPERATION_RELEASE,
} OperationKind;

typedef struct
{
  GMutex mutex;
  GCond cond;
  gboolean done;
} FlushBarrier;

typedef struct
{
  OperationKind kind;
  char *path;
  char *header;
  GBytes *model;
  GTask *task;
  FlushBarrier *barrier;
  GObject *released;
} Operation;

/* A document being serialized for its recovery copy, one slice per
 * main-loop iteration. */
typedef struct
{
  char *document_id;
  MoatFormatSerializer *serializer;
} SaveDocument;

static void
flush_barrier_clear (gpointer data)
{
  FlushBarrier *barrier = data;

  g_mutex_clear (&barrier->mutex);
  g_cond_clear (&barrier->cond);
}

static void
save_document_free (SaveDocument *save)
{
  g_free (save->document_id);
  g_clear_object (&save->serializer);
  g_free (save);
}

static void
operation_free (Operation *operation)
{
  g_free (operation->path);
  g_free (operation->header);
  g_clear_pointer (&operation->model, g_bytes_unref);
  g_clear_object (&operation->task);
  g_clear_object (&operation->released);
  if (operation->barrier != NULL)
    g_atomic_rc_box_release_full (operation->barrier, flush_barrier_clear);
  g_free (operation);
}

typedef enum
{
  STEP_CREATE_FOLDER,
  STEP_CREATE_LOCK,
  STEP_LOCK,
  STEP_REMOVE,
} FileStep;

/* Sets @error from errno for a failed @step on @path. */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 FileStep     step,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *reason = g_strerror (saved_errno);
  int code = g_io_error_from_errno (saved_errno);

  switch (step)
    {
    case STEP_CREATE_FOLDER:
      g_set_error (error, G_IO_ERROR, code,
                   _("Cannot create the recovery folder “%s”: %s"), display, reason);
      break;

    case STEP_CREATE_LOCK:
      g_set_error (error, G_IO_ERROR, code,
                   _("Cannot create a lock file in the recovery folder “%s”: %s"),
                   display, reason);
      break;

    case STEP_LOCK:
      g_set_error (error, G_IO_ERROR, code,
                   _("Cannot lock the recovery folder “%s”: %s"), display, reason);
      break;

    case STEP_REMOVE:
      g_set_error (error, G_IO_ERROR, code,
                   _("Cannot remove the recovery copy “%s”: %s"), display, reason);
      break;

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static char *
entry_path (MoatRecovery *self,
            const char   *document_id)
{
  g_autofree char *name = g_strconcat (document_id, ENTRY_SUFFIX, NULL);

  return g_build_filename (self->directory, name, NULL);
}

static char *
session_lock_path (MoatRecovery *self,
                   const char   *session_id)
{
  g_autofree char *name = g_strconcat (session_id, LOCK_SUFFIX, NULL);

  return g_build_filename (self->directory, name, NULL);
}

/* Ids become file names, so only UUID characters are accepted. */
static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static char *
build_header (const char *session_id,
              const char *display_name,
              GFile      *original,
              GDateTime  *modified)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = g_date_time_format_iso8601 (modified);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, RECOVERY_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RECOVERY_VERSION);
  json_builder_set_member_name (builder, "session");
  json_builder_add_string_value (builder, session_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, display_name);
  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);

      json_builder_set_member_name (builder, "original");
      json_builder_add_string_value (builder, uri);
    }
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, time);
  json_builder_end_object (builder);

  /* Not pretty-printed, so the header is one line: JSON escapes any
   * newline inside a string. */
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static GBytes *
join_header_and_model (const char *header,
                       GBytes     *model)
{
  GByteArray *contents = g_byte_array_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (model, &size);

  g_byte_array_append (contents, (const guint8 *)header, strlen (header));
  g_byte_array_append (contents, (const guint8 *)"\n", 1);
  g_byte_array_append (contents, data, size);

  return g_byte_array_free_to_bytes (contents);
}

static void
run_operation (gpointer data,
               gpointer user_data)
{
  Operation *operation = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;

  switch (operation->kind)
    {
    case OPERATION_SAVE:
      file = g_file_new_for_path (operation->path);
      contents = join_header_and_model (operation->header, operation->model);
      if (moat_atomic_file_write (file, contents, FALSE, NULL, &error))
        g_debug ("Wrote the recovery copy %s", operation->path);
      break;

    case OPERATION_REMOVE:
      if (g_unlink (operation->path) == 0)
        g_debug ("Removed the recovery copy %s", operation->path);
      else if (errno != ENOENT)
        set_errno_error (&error, errno, STEP_REMOVE, operation->path);
      break;

    case OPERATION_FLUSH:
      g_mutex_lock (&operation->barrier->mutex);
      operation->barrier->done = TRUE;
      g_cond_signal (&operation->barrier->cond);
      g_mutex_unlock (&operation->barrier->mutex);
      break;

    case OPERATION_RELEASE:
      /* operation_free() drops the object here. */
      break;

    default:
      g_assert_not_reached ();
    }

  if (operation->task != NULL)
    {
      if (error != NULL)
        g_task_return_error (operation->task, g_steal_pointer (&error));
      else
        g_task_return_boolean (operation->task, TRUE);
    }

  operation_free (operation);
}

static gboolean
push_operation (MoatRecovery *self,
                Operation    *operation)
{
  g_autoptr(GError) error = NULL;

  if (g_thread_pool_push (self->worker, operation, &error))
    return TRUE;

  g_warning ("Cannot start the recovery worker thread: %s", error->message);

  return FALSE;
}

static void
queue_operation (MoatRecovery        *self,
                 Operation           *operation,
                 gpointer             source_tag,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  operation->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (operation->task, source_tag);

  /* When no thread can be started, GLib still queues the operation and
   * runs it once a later push starts one, so the error is only logged. */
  push_operation (self, operation);
}

/* Takes the lock on a temporary name and renames it into place, so no
 * other process finds this session's lock file unlocked. */
static gboolean
create_session_lock (MoatRecovery  *self,
                     GError       **error)
{
  g_autofree char *template = NULL;
  int fd;

  template = g_strdup_printf ("%s%c.%s%s.XXXXXX", self->directory, G_DIR_SEPARATOR,
                              self->session_id, LOCK_SUFFIX);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, STEP_CREATE_LOCK, self->directory);

  if (flock (fd, LOCK_EX | LOCK_NB) != 0 || g_rename (template, self->lock_path) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (template);
      return set_errno_error (error, saved_errno, STEP_LOCK, self->directory);
    }

  self->lock_fd = fd;

  return TRUE;
}

/* Returns whether the process that owns @session_id still runs: it does
 * while it holds the lock on its lock file. */
static gboolean
session_is_running (MoatRecovery *self,
                    const char   *session_id)
{
  g_autofree char *path = session_lock_path (self, session_id);
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  gboolean running;

  if (fd < 0)
    return FALSE;

  running = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);

  return running;
}

/* Removes lock files of sessions that ended without removing them (a
 * crash), and temporary files of writes that a crash interrupted. */
static void
remove_leftovers (MoatRecovery *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  const char *name;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->directory, name, NULL);
      struct stat info;

      if (name[0] == '.')
        {
          if (g_stat (path, &info) == 0 && now - info.st_mtime > STALE_TEMPORARY_AGE_SECONDS)
            g_unlink (path);
          continue;
        }

      if (g_str_has_suffix (name, LOCK_SUFFIX) && !g_str_equal (path, self->lock_path))
        {
          int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);

          if (fd < 0)
            continue;

          /* Unlinked while locked, so no one can take it in between. */
          if (flock (fd, LOCK_EX | LOCK_NB) == 0)
            {
              g_debug ("Removed the lock file %s of an ended session", path);
              g_unlink (path);
            }
          close (fd);
        }
    }
}

static gboolean
read_file_header (const char  *path,
                  char       **header,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *buffer = NULL;
  const char *newline;
  gsize length;

  /* Reading a pipe or a device could wait forever. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: not a regular file, so it is not a recovery copy"), display);
      return FALSE;
    }

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_malloc (MAX_HEADER_LENGTH + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, MAX_HEADER_LENGTH + 1, &length,
                                NULL, &local_error))
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: cannot read the recovery header: %s"), display, local_error->message);
      return FALSE;
    }

  if (length == 0)
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: the file is empty, so it is not a recovery copy"), display);
      return FALSE;
    }

  newline = memchr (buffer, '\n', length);
  if (newline == NULL && length > MAX_HEADER_LENGTH)
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: the first line is longer than %d bytes, so it is not a recovery copy"),
                   display, MAX_HEADER_LENGTH);
      return FALSE;
    }

  if (newline != NULL)
    length = newline - buffer;

  if (!g_utf8_validate (buffer, length, NULL))
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: the first line is not UTF-8 text, so it is not a recovery copy"),
                   display);
      return FALSE;
    }

  *header = g_strndup (buffer, length);

  return TRUE;
}

static MoatRecoveryEntry *
parse_entry (const char  *path,
             const char  *document_id,
             GError     **error)
{
  g_autoptr(MoatRecoveryEntry) entry = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *header = NULL;
  g_autofree char *display = g_filename_display_name (path);
  JsonObject *object;
  const char *session;
  const char *name;
  const char *original;
  const char *modified;

  if (!read_file_header (path, &header, error))
    return NULL;

  if (!json_parser_load_from_data (parser, header, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: the first line is not a JSON object, so it is not a recovery copy"),
                   display);
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", NULL),
                 RECOVERY_FORMAT) != 0 ||
      json_object_get_int_member_with_default (object, "version", 0) != RECOVERY_VERSION)
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: not a recovery copy of format “%s” version %d"),
                   display, RECOVERY_FORMAT, RECOVERY_VERSION);
      return NULL;
    }

  session = json_object_get_string_member_with_default (object, "session", NULL);
  name = json_object_get_string_member_with_default (object, "name", NULL);
  original = json_object_get_string_member_with_default (object, "original", NULL);
  modified = json_object_get_string_member_with_default (object, "modified", NULL);

  entry = g_new0 (MoatRecoveryEntry, 1);
  g_atomic_ref_count_init (&entry->ref_count);
  entry->path = g_strdup (path);
  entry->document_id = g_strdup (document_id);
  entry->session_id = g_strdup (session);
  entry->display_name = g_strdup (name);
  entry->original = original != NULL ? g_file_new_for_uri (original) : NULL;
  entry->modified = modified != NULL ? g_date_time_new_from_iso8601 (modified, NULL) : NULL;

  if (!is_valid_id (entry->session_id) || entry->display_name == NULL || entry->modified == NULL)
    {
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: the recovery header lacks a valid “session”, “name” or “modified” "
                     "member"),
                   display);
      return NULL;
    }

  return g_steal_pointer (&entry);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const MoatRecoveryEntry *first = *(MoatRecoveryEntry * const *)a;
  const MoatRecoveryEntry *second = *(MoatRecoveryEntry * const *)b;

  return g_date_time_compare (second->modified, first->modified);
}

/* Unlinks the lock file before it unlocks it, so no one mistakes this
 * session's copies for orphans while it still runs. */
static void
release_session_lock (MoatRecovery *self)
{
  if (self->lock_fd < 0)
    return;

  g_unlink (self->lock_path);
  close (self->lock_fd);
  self->lock_fd = -1;
}

static void
free_worker (GThreadPool *worker)
{
  g_thread_pool_free (worker, FALSE, TRUE);
}

static void
moat_recovery_finalize (GObject *object)
{
  MoatRecovery *self = (MoatRecovery *)object;

  /* Waits for queued writes and removals to finish. */
  g_clear_pointer (&self->worker, free_worker);
  release_session_lock (self);

  g_free (self->directory);
  g_free (self->session_id);
  g_free (self->lock_path);

  G_OBJECT_CLASS (moat_recovery_parent_class)->finalize (object);
}

static void
moat_recovery_class_init (MoatRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_recovery_finalize;
}

static void
moat_recovery_init (MoatRecovery *self)
{
  self->lock_fd = -1;
}

/**
 * moat_recovery_dup_default_directory:
 *
 * Returns the folder for recovery copies: `$MOAT_RECOVERY_DIR` if it is
 * set and not empty (tests use it), otherwise `moat/recovery` in the
 * user's state folder (`$XDG_STATE_HOME`, by default `~/.local/state`).
 *
 * Returns: (transfer full): the folder path
 */
char *
moat_recovery_dup_default_directory (void)
{
  const char *overridden = g_getenv ("MOAT_RECOVERY_DIR");

  if (overridden != NULL && overridden[0] != '\0')
    return g_strdup (overridden);

  return g_build_filename (g_get_user_state_dir (), "moat", "recovery", NULL);
}

/**
 * moat_recovery_new_document_id:
 *
 * Returns: (transfer full): a new random id that names one document's
 *   recovery copy
 */
char *
moat_recovery_new_document_id (void)
{
  return g_uuid_string_random ();
}

/**
 * moat_recovery_plan_copy:
 * @now: the monotonic time of the change, in microseconds
 * @pending_since: the monotonic time of the first change the copy lacks
 * @delay_seconds: how long editing has to pause before a copy is written
 * @copy_under_way: whether a copy is being serialized, which the change
 *   makes out of date
 * @deadline: (out): with %MOAT_RECOVERY_PLAN_WAIT, when to write the copy
 *   unless another change comes first, never before @now
 *
 * Decides when to write the recovery copy after a change. A copy waits
 * for a pause of @delay_seconds, but changes that keep coming never
 * postpone it past %MOAT_RECOVERY_MAX_WAIT_SECONDS (or @delay_seconds, if
 * longer) after @pending_since. A change after that time, while a copy is
 * under way, gets %MOAT_RECOVERY_PLAN_WRITE_NOW, because every sliced
 * copy would be dropped again.
 *
 * Returns: whether to write the copy at once or wait until @deadline
 */
MoatRecoveryPlan
moat_recovery_plan_copy (gint64    now,
                         gint64    pending_since,
                         guint     delay_seconds,
                         gboolean  copy_under_way,
                         gint64   *deadline)
{
  gint64 latest;

  g_return_val_if_fail (deadline != NULL, MOAT_RECOVERY_PLAN_WRITE_NOW);

  latest = pending_since +
           (gint64)MAX (delay_seconds, MOAT_RECOVERY_MAX_WAIT_SECONDS) * G_USEC_PER_SEC;
  *deadline = now;

  if (copy_under_way && now >= latest)
    return MOAT_RECOVERY_PLAN_WRITE_NOW;

  /* Past the latest time with no copy under way, as after a failed one,
   * the copy is due at once rather than at a time already gone. */
  *deadline = MAX (now, MIN (now + (gint64)delay_seconds * G_USEC_PER_SEC, latest));

  return MOAT_RECOVERY_PLAN_WAIT;
}

/**
 * moat_recovery_new:
 * @directory: the recovery folder, created with mode 0700 if missing
 *
 * Starts a session in @directory: takes this process's session lock and
 * removes what crashed sessions left besides their copies.
 *
 * Returns: (transfer full): the session, or %NULL with @error set when the
 *   folder cannot be created or locked
 */
MoatRecovery *
moat_recovery_new (const char  *directory,
                   GError     **error)
{
  g_autoptr(MoatRecovery) self = NULL;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (MOAT_TYPE_RECOVERY, NULL);
  self->directory = g_strdup (directory);
  self->session_id = g_uuid_string_random ();
  self->lock_path = session_lock_path (self, self->session_id);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      set_errno_error (error, errno, STEP_CREATE_FOLDER, directory);
      return NULL;
    }

  if (!create_session_lock (self, error))
    return NULL;

  self->worker = g_thread_pool_new (run_operation, self, 1, FALSE, error);
  if (self->worker == NULL)
    return NULL;

  remove_leftovers (self);
  g_debug ("Recovery session %s in %s", self->session_id, directory);

  return g_steal_pointer (&self);
}

const char *
moat_recovery_get_directory (MoatRecovery *self)
{
  g_return_val_if_fail (MOAT_IS_RECOVERY (self), NULL);

  return self->directory;
}

const char *
moat_recovery_get_session_id (MoatRecovery *self)
{
  g_return_val_if_fail (MOAT_IS_RECOVERY (self), NULL);

  return self->session_id;
}

/**
 * moat_recovery_save_async:
 * @document_id: the id from moat_recovery_new_document_id()
 * @model: the serialized model
 * @original: (nullable): the file the document was opened from or last
 *   saved to; only its location is recorded, the file is never touched
 * @display_name: the name the restore offer shows
 *
 * Writes or replaces the recovery copy of one document, atomically, on
 * the worker thread. The time of the copy is the time of this call.
 */
void
moat_recovery_save_async (MoatRecovery        *self,
                          const char          *document_id,
                          GBytes              *model,
                          GFile               *original,
                          const char          *display_name,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Operation *operation;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (MOAT_IS_RECOVERY (self));
  g_return_if_fail (is_valid_id (document_id));
  g_return_if_fail (model != NULL);
  g_return_if_fail (original == NULL || G_IS_FILE (original));
  g_return_if_fail (display_name != NULL);

  operation = g_new0 (Operation, 1);
  operation->kind = OPERATION_SAVE;
  operation->path = entry_path (self, document_id);
  operation->header = build_header (self->session_id, display_name, original, now);
  operation->model = g_bytes_ref (model);

  queue_operation (self, operation, moat_recovery_save_async, callback, user_data);
}

gboolean
moat_recovery_save_finish (MoatRecovery  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Frees the output of a dropped serialization on the worker thread,
 * because freeing hundreds of megabytes takes tens of milliseconds. The
 * serializer lets go of the document here first, since only the main
 * thread may drop a reference to it. */
static void
release_serializer (MoatRecovery *self,
                    SaveDocument *save)
{
  Operation *operation = g_new0 (Operation, 1);

  g_object_run_dispose (G_OBJECT (save->serializer));
  operation->kind = OPERATION_RELEASE;
  operation->released = G_OBJECT (g_steal_pointer (&save->serializer));
  push_operation (self, operation);
}

/* Serializes one slice, and once the model is complete queues its write
 * with the name and file the document has at that moment. */
static gboolean
serialize_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  MoatRecovery *self = g_task_get_source_object (task);
  SaveDocument *save = g_task_get_task_data (task);
  MoatDocument *document = moat_format_serializer_get_document (save->serializer);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;
  Operation *operation;

  if (g_task_return_error_if_cancelled (task))
    {
      release_serializer (self, save);
      return G_SOURCE_REMOVE;
    }

  if (!moat_format_serializer_step (save->serializer, 0, SERIALIZE_SLICE_USEC))
    return G_SOURCE_CONTINUE;

  now = g_date_time_new_now_utc ();
  name = moat_document_dup_display_name (document);

  operation = g_new0 (Operation, 1);
  operation->kind = OPERATION_SAVE;
  operation->path = entry_path (self, save->document_id);
  operation->header = build_header (self->session_id, name, moat_document_get_file (document),
                                    now);
  operation->model = moat_format_serializer_finish (save->serializer);
  operation->task = g_object_ref (task);

  /* The task may end on the worker thread, which must not drop the last
   * reference to the document. */
  g_clear_object (&save->serializer);

  /* From here the write happens whatever the cancellable does, and the
   * result reports whether it succeeded. */
  g_task_set_check_cancellable (task, FALSE);
  push_operation (self, operation);

  return G_SOURCE_REMOVE;
}

/**
 * moat_recovery_save_document_async:
 * @document_id: the id from moat_recovery_new_document_id()
 * @document: the document, which the user may go on editing meanwhile
 * @cancellable: (nullable): stops the serialization, but a write already
 *   queued still happens
 *
 * Writes or replaces the recovery copy of @document without stalling the
 * main loop: an idle source of the thread-default main context serializes
 * it in slices of about 8 ms, and the worker thread writes it, as
 * moat_recovery_save_async() does. A change of the document between two
 * slices makes the serialization start again, so the copy is always one
 * state of the document, the one after the last change before it
 * completed. The time, display name and original file in the header are
 * those at the end of the serialization.
 */
void
moat_recovery_save_document_async (MoatRecovery        *self,
                                   const char          *document_id,
                                   MoatDocument        *document,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;
  SaveDocument *save;

  g_return_if_fail (MOAT_IS_RECOVERY (self));
  g_return_if_fail (is_valid_id (document_id));
  g_return_if_fail (MOAT_IS_DOCUMENT (document));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, moat_recovery_save_document_async);

  save = g_new0 (SaveDocument, 1);
  save->document_id = g_strdup (document_id);
  save->serializer = moat_format_serializer_new (document);
  g_task_set_task_data (task, save, (GDestroyNotify)save_document_free);

  /* Below input and redraws, which GTK runs at higher priorities. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_name (source, "[moat] recovery copy serialization");
  g_source_set_callback (source, serialize_slice_cb, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

/**
 * moat_recovery_save_document_finish:
 *
 * Returns: %TRUE when the copy was written; %FALSE with @error set when
 *   the write failed, or with %G_IO_ERROR_CANCELLED when the cancellable
 *   stopped the serialization first
 */
gboolean
moat_recovery_save_document_finish (MoatRecovery  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * moat_recovery_remove_async:
 *
 * Removes the recovery copy of one document, after any write of it that
 * was queued before. A copy that does not exist is not an error.
 */
void
moat_recovery_remove_async (MoatRecovery        *self,
                            const char          *document_id,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Operation *operation;

  g_return_if_fail (MOAT_IS_RECOVERY (self));
  g_return_if_fail (is_valid_id (document_id));

  operation = g_new0 (Operation, 1);
  operation->kind = OPERATION_REMOVE;
  operation->path = entry_path (self, document_id);

  queue_operation (self, operation, moat_recovery_remove_async, callback, user_data);
}

gboolean
moat_recovery_remove_finish (MoatRecovery  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * moat_recovery_flush:
 *
 * Blocks until every write and removal queued so far is done, so that an
 * application that quits leaves the folder as its documents require. The
 * callbacks of those operations still run later in the main context.
 */
void
moat_recovery_flush (MoatRecovery *self)
{
  FlushBarrier *barrier;
  Operation *operation;

  g_return_if_fail (MOAT_IS_RECOVERY (self));

  barrier = g_atomic_rc_box_new0 (FlushBarrier);
  g_mutex_init (&barrier->mutex);
  g_cond_init (&barrier->cond);

  /* The barrier is shared with the operation, which GLib keeps queued
   * even when no worker thread can start. Then nothing queued runs, and
   * there is nothing to wait for. */
  operation = g_new0 (Operation, 1);
  operation->kind = OPERATION_FLUSH;
  operation->barrier = g_atomic_rc_box_acquire (barrier);

  if (push_operation (self, operation))
    {
      g_mutex_lock (&barrier->mutex);
      while (!barrier->done)
        g_cond_wait (&barrier->cond, &barrier->mutex);
      g_mutex_unlock (&barrier->mutex);
    }

  g_atomic_rc_box_release_full (barrier, flush_barrier_clear);
}

/**
 * moat_recovery_close:
 *
 * Ends the session when the application quits: waits for the queued
 * writes and removals, then releases the session lock. Copies that remain
 * (of documents whose unsaved changes were neither saved nor discarded)
 * become orphans that the next start offers to restore.
 */
void
moat_recovery_close (MoatRecovery *self)
{
  g_return_if_fail (MOAT_IS_RECOVERY (self));

  moat_recovery_flush (self);
  release_session_lock (self);
  g_debug ("Ended the recovery session %s", self->session_id);
}

/**
 * moat_recovery_list_orphans:
 *
 * Lists the recovery copies of sessions that no longer run, newest first.
 * A file that is not a valid recovery copy is skipped (and logged at
 * debug level), never removed.
 *
 * Returns: (transfer full) (element-type MoatRecoveryEntry): the orphans,
 *   or %NULL with @error set when the folder cannot be read
 */
GPtrArray *
moat_recovery_list_orphans (MoatRecovery  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_recovery_entry_unref);
  g_autoptr(GHashTable) running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (MOAT_IS_RECOVERY (self), NULL);

  dir = g_dir_open (self->directory, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *document_id = NULL;
      g_autofree char *path = NULL;
      g_autoptr(MoatRecoveryEntry) entry = NULL;
      g_autoptr(GError) entry_error = NULL;
      gpointer is_running;

      if (name[0] == '.' || !g_str_has_suffix (name, ENTRY_SUFFIX))
        continue;

      document_id = g_strndup (name, strlen (name) - strlen (ENTRY_SUFFIX));
      if (!is_valid_id (document_id))
        continue;

      path = g_build_filename (self->directory, name, NULL);
      entry = parse_entry (path, document_id, &entry_error);
      if (entry == NULL)
        {
          g_debug ("Skipped %s: %s", path, entry_error->message);
          continue;
        }

      if (g_str_equal (entry->session_id, self->session_id))
        continue;

      if (!g_hash_table_lookup_extended (running, entry->session_id, NULL, &is_running))
        {
          is_running = GINT_TO_POINTER (session_is_running (self, entry->session_id));
          g_hash_table_insert (running, g_strdup (entry->session_id), is_running);
        }

      if (!GPOINTER_TO_INT (is_running))
        g_ptr_array_add (orphans, g_steal_pointer (&entry));
    }

  g_ptr_array_sort (orphans, compare_newest_first);

  return g_steal_pointer (&orphans);
}

static gboolean
read_entry_contents (MoatRecoveryEntry  *entry,
                     GBytes            **contents,
                     gsize              *model_offset,
                     GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (entry->path);
  const char *data;
  const char *newline;
  gsize size;

  /* A copy is as large as the model it holds, which the same limits
   * bound as a model file. */
  *contents = moat_input_load_file (file, NULL, error);
  if (*contents == NULL)
    {
      g_autofree char *display = g_filename_display_name (entry->path);

      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }

  data = g_bytes_get_data (*contents, &size);
  newline = memchr (data, '\n', size);
  if (newline == NULL)
    {
      g_autofree char *display = g_filename_display_name (entry->path);

      g_clear_pointer (contents, g_bytes_unref);
      g_set_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID,
                   _("%s: the recovery copy ends after its header and holds no model"), display);
      return FALSE;
    }

  *model_offset = newline + 1 - data;

  return TRUE;
}

/**
 * moat_recovery_load_model:
 *
 * Reads the serialized model of an orphan, for moat_format_load_bytes().
 *
 * Returns: (transfer full): the model bytes, or %NULL with @error set
 */
GBytes *
moat_recovery_load_model (MoatRecovery       *self,
                          MoatRecoveryEntry  *entry,
                          GError            **error)
{
  g_autoptr(GBytes) contents = NULL;
  gsize offset;

  g_return_val_if_fail (MOAT_IS_RECOVERY (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  if (!read_entry_contents (entry, &contents, &offset, error))
    return NULL;

  return g_bytes_new_from_bytes (contents, offset, g_bytes_get_size (contents) - offset);
}

/**
 * moat_recovery_claim:
 *
 * Makes an orphan this session's own copy, for a restored document that
 * goes on under the entry's document id: later writes replace it, and it
 * is no longer offered while this session runs.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_recovery_claim (MoatRecovery       *self,
                     MoatRecoveryEntry  *entry,
                     GError            **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autoptr(GBytes) claimed = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *header = NULL;
  gsize offset;

  g_return_val_if_fail (MOAT_IS_RECOVERY (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!read_entry_contents (entry, &contents, &offset, error))
    return FALSE;

  model = g_bytes_new_from_bytes (contents, offset, g_bytes_get_size (contents) - offset);
  header = build_header (self->session_id, entry->display_name, entry->original, entry->modified);
  claimed = join_header_and_model (header, model);

  file = g_file_new_for_path (entry->path);
  if (!moat_atomic_file_write (file, claimed, FALSE, NULL, error))
    return FALSE;

  g_free (entry->session_id);
  entry->session_id = g_strdup (self->session_id);

  return TRUE;
}

/**
 * moat_recovery_discard:
 *
 * Removes an orphan the user chose not to restore. An orphan that is
 * already gone is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_recovery_discard (MoatRecovery       *self,
                       MoatRecoveryEntry  *entry,
                       GError            **error)
{
  g_return_val_if_fail (MOAT_IS_RECOVERY (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (g_unlink (entry->path) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, STEP_REMOVE, entry->path);

  g_debug ("Discarded the recovery copy %s", entry->path);

  return TRUE;
}

MoatRecoveryEntry *
moat_recovery_entry_ref (MoatRecoveryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  g_atomic_ref_count_inc (&entry->ref_count);

  return entry;
}

void
moat_recovery_entry_unref (MoatRecoveryEntry *entry)
{
  g_return_if_fail (entry != NULL);

  if (!g_atomic_ref_count_dec (&entry->ref_count))
    return;

  g_free (entry->path);
  g_free (entry->document_id);
  g_free (entry->session_id);
  g_free (entry->display_name);
  g_clear_object (&entry->original);
  g_clear_pointer (&entry->modified, g_date_time_unref);
  g_free (entry);
}

const char *
moat_recovery_entry_get_document_id (MoatRecoveryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->document_id;
}

const char *
moat_recovery_entry_get_display_name (MoatRecoveryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->display_name;
}

/**
 * moat_recovery_entry_get_original:
 *
 * Returns: (nullable): the file the document had when the copy was
 *   written, or %NULL for a document that was never saved
 */
GFile *
moat_recovery_entry_get_original (MoatRecoveryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->original;
}

/**
 * moat_recovery_entry_get_modified:
 *
 * Returns: the time the copy was written, in UTC
 */
GDateTime *
moat_recovery_entry_get_modified (MoatRecoveryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->modified;
}
