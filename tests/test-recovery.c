/* test-recovery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash recovery. The first tests cover the recovery session in the core:
 * writes, listing, orphans of killed processes, claiming and removal, and
 * copies of a document serialized in slices while it is edited. The
 * last one runs the real `moat` executable under Xvfb: it edits a model,
 * kills the process with SIGKILL, starts it again, accepts the restore and
 * saves.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "moat-element.h"
#include "moat-format.h"
#include "moat-input-limits.h"
#include "moat-recovery.h"

/* The path of the `moat` executable, the last command-line argument. */
static const char *moat_path;

/* Seconds to wait for the application: generous, because the suite shares
 * two cores with the build. */
#define TIMEOUT_SECONDS 40

static const char model_text[] = "{\"format\": \"moat\", \"version\": 1}\n";

typedef struct
{
  char *folder;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("moat-recovery-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->folder);
  g_free (fixture->folder);
}

/* Names in @folder that end with @suffix, sorted. */
static GPtrArray *
list_files (const char *folder,
            const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix) && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);

  return names;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_recovery_save_finish (MOAT_RECOVERY (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
save_and_wait (MoatRecovery *recovery,
               const char   *document_id,
               const char   *text,
               GFile        *original,
               const char   *name)
{
  g_autoptr(GBytes) model = g_bytes_new (text, strlen (text));
  gboolean done = FALSE;

  moat_recovery_save_async (recovery, document_id, model, original, name, save_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_default_directory (void)
{
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "moat", "recovery", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("MOAT_RECOVERY_DIR"));
  g_autofree char *overridden = NULL;
  g_autofree char *unset = NULL;
  g_autofree char *empty = NULL;

  g_setenv ("MOAT_RECOVERY_DIR", "/somewhere/else", TRUE);
  overridden = moat_recovery_dup_default_directory ();
  g_unsetenv ("MOAT_RECOVERY_DIR");
  unset = moat_recovery_dup_default_directory ();
  g_setenv ("MOAT_RECOVERY_DIR", "", TRUE);
  empty = moat_recovery_dup_default_directory ();

  if (saved != NULL)
    g_setenv ("MOAT_RECOVERY_DIR", saved, TRUE);
  else
    g_unsetenv ("MOAT_RECOVERY_DIR");

  g_assert_cmpstr (overridden, ==, "/somewhere/else");
  g_assert_cmpstr (unset, ==, state);
  g_assert_cmpstr (empty, ==, state);
}

/* A copy is one file: a JSON header line, then the model bytes. */
static void
test_save_writes_header_and_model (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autofree char *id = moat_recovery_new_document_id ();
  g_autofree char *name = g_strconcat (id, ".moat-recovery", NULL);
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GFile) original = g_file_new_for_path ("/models/web shop.moat");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat info;

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->folder, &info), ==, 0);

  save_and_wait (recovery, id, model_text, original, "web shop.moat");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", 2);
  g_assert_true (g_str_has_prefix (lines[0], "{\"format\":\"moat-recovery\",\"version\":1,"));
  g_assert_nonnull (strstr (lines[0], moat_recovery_get_session_id (recovery)));
  g_assert_nonnull (strstr (lines[0], "\"original\":\"file:///models/web%20shop.moat\""));
  g_assert_nonnull (strstr (lines[0], "\"name\":\"web shop.moat\""));
  g_assert_cmpstr (lines[1], ==, model_text);

  /* A copy of this session is never its own orphan. */
  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);
}

/* Another process that still runs keeps its copies: its lock is held. */
static void
test_running_session_is_not_orphan (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) first = moat_recovery_new (fixture->folder, &error);
  g_autoptr(MoatRecovery) second = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();

  g_assert_no_error (error);
  save_and_wait (first, id, model_text, NULL, "Untitled model");

  second = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moat_recovery_get_session_id (first), !=, moat_recovery_get_session_id (second));

  orphans = moat_recovery_list_orphans (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);

  /* Closing ends the session; its copy stays and becomes an orphan. */
  moat_recovery_close (first);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = moat_recovery_list_orphans (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpstr (moat_recovery_entry_get_document_id (g_ptr_array_index (orphans, 0)), ==, id);
}

/* Runs in a child process: writes a copy and dies by SIGKILL, with its
 * session lock file left behind, as after kill -9. */
static void
write_copy_and_die (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (g_getenv ("TEST_RECOVERY_FOLDER"), &error);
  g_autoptr(GBytes) model = g_bytes_new_static (model_text, strlen (model_text));
  g_autoptr(GFile) original = g_file_new_for_path ("/models/shop.moat");

  g_assert_no_error (error);
  moat_recovery_save_async (recovery, g_getenv ("TEST_RECOVERY_DOCUMENT"), model, original,
                            "shop.moat", NULL, NULL);
  moat_recovery_flush (recovery);
  raise (SIGKILL);
}

static void
test_killed_session_leaves_orphan (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = NULL;
  g_autoptr(MoatRecovery) observer = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();
  g_autofree char *original = NULL;
  MoatRecoveryEntry *entry;
  gboolean done = FALSE;

  if (g_test_subprocess ())
    {
      /* The fixture made a folder of its own in this process too. */
      g_rmdir (fixture->folder);
      write_copy_and_die ();
      return;
    }

  g_setenv ("TEST_RECOVERY_FOLDER", fixture->folder, TRUE);
  g_setenv ("TEST_RECOVERY_DOCUMENT", id, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  /* The dead session's lock file is still there until a session starts. */
  locks = list_files (fixture->folder, ".lock");
  g_assert_cmpuint (locks->len, ==, 1);
  g_clear_pointer (&locks, g_ptr_array_unref);

  recovery = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  locks = list_files (fixture->folder, ".lock");
  g_assert_cmpuint (locks->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (locks, 0),
                                   moat_recovery_get_session_id (recovery)));

  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_cmpstr (moat_recovery_entry_get_document_id (entry), ==, id);
  g_assert_cmpstr (moat_recovery_entry_get_display_name (entry), ==, "shop.moat");
  original = g_file_get_path (moat_recovery_entry_get_original (entry));
  g_assert_cmpstr (original, ==, "/models/shop.moat");
  after = g_date_time_new_now_utc ();
  g_assert_cmpint (g_date_time_compare (before, moat_recovery_entry_get_modified (entry)), <=, 0);
  g_assert_cmpint (g_date_time_compare (moat_recovery_entry_get_modified (entry), after), <=, 0);

  model = moat_recovery_load_model (recovery, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (model, NULL), g_bytes_get_size (model),
                   model_text, strlen (model_text));

  /* Claimed, the copy belongs to this running session: no one else finds
   * an orphan, and this session's writes replace it. */
  g_assert_true (moat_recovery_claim (recovery, entry, &error));
  g_assert_no_error (error);
  observer = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = moat_recovery_list_orphans (observer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);

  save_and_wait (recovery, id, "{}\n", NULL, "shop.moat");
  remaining = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (remaining->len, ==, 1);

  moat_recovery_remove_async (recovery, id, save_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&remaining, g_ptr_array_unref);
  remaining = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (remaining->len, ==, 0);
}

static void
test_discard_removes_orphan (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) first = moat_recovery_new (fixture->folder, &error);
  g_autoptr(MoatRecovery) second = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  g_autofree char *older = moat_recovery_new_document_id ();
  g_autofree char *newer = moat_recovery_new_document_id ();

  g_assert_no_error (error);
  save_and_wait (first, older, model_text, NULL, "older");
  g_usleep (10 * 1000);
  save_and_wait (first, newer, model_text, NULL, "newer");
  moat_recovery_close (first);

  second = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  orphans = moat_recovery_list_orphans (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 2);
  g_assert_cmpstr (moat_recovery_entry_get_display_name (g_ptr_array_index (orphans, 0)), ==, "newer");
  g_assert_cmpstr (moat_recovery_entry_get_display_name (g_ptr_array_index (orphans, 1)), ==, "older");

  g_assert_true (moat_recovery_discard (second, g_ptr_array_index (orphans, 0), &error));
  g_assert_no_error (error);
  remaining = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (remaining->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (remaining, 0), older));

  /* Discarding a copy that is already gone is not an error. */
  g_assert_true (moat_recovery_discard (second, g_ptr_array_index (orphans, 0), &error));
  g_assert_no_error (error);
}

/* The worker runs operations in order: a removal queued right after a
 * write leaves no copy behind. */
static void
test_remove_after_save_wins (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autoptr(GPtrArray) remaining = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();

  g_assert_no_error (error);

  for (int i = 0; i < 20; i++)
    {
      g_autoptr(GBytes) model = g_bytes_new_static (model_text, strlen (model_text));

      moat_recovery_save_async (recovery, id, model, NULL, "model", NULL, NULL);
      moat_recovery_remove_async (recovery, id, NULL, NULL);
    }
  moat_recovery_flush (recovery);

  remaining = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (remaining->len, ==, 0);
}

/* Files that are not valid copies are skipped and kept, never removed. */
static void
test_invalid_copies_are_skipped (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  const struct {
    const char *name;
    const char *contents;
  } files[] = {
    { "0a1b.moat-recovery", "" },
    { "0a1c.moat-recovery", "not json\n{}" },
    { "0a1d.moat-recovery", "{\"format\":\"moat\",\"version\":1}\n{}" },
    { "0a1e.moat-recovery", "{\"format\":\"moat-recovery\",\"version\":2,\"session\":\"0a\","
                            "\"name\":\"x\",\"modified\":\"2026-01-01T00:00:00Z\"}\n{}" },
    { "0a1f.moat-recovery", "{\"format\":\"moat-recovery\",\"version\":1,\"session\":\"../x\","
                            "\"name\":\"x\",\"modified\":\"2026-01-01T00:00:00Z\"}\n{}" },
    { "0a20.moat-recovery", "{\"format\":\"moat-recovery\",\"version\":1,\"session\":\"0a\","
                            "\"name\":\"x\",\"modified\":\"yesterday\"}\n{}" },
    { "not-an-id!.moat-recovery", "{}" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) remaining = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->folder, files[i].name, NULL);

      g_assert_true (g_file_set_contents (path, files[i].contents, -1, NULL));
    }

  recovery = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);

  remaining = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (remaining->len, ==, G_N_ELEMENTS (files));
}

/* A copy whose model line is missing is reported, not loaded half-way. */
static void
test_copy_without_model_fails_to_load (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "0b.moat-recovery", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path,
                                      "{\"format\":\"moat-recovery\",\"version\":1,"
                                      "\"session\":\"0c\",\"name\":\"x\","
                                      "\"modified\":\"2026-01-01T00:00:00Z\"}", -1, NULL));

  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);

  model = moat_recovery_load_model (recovery, g_ptr_array_index (orphans, 0), &error);
  g_assert_error (error, MOAT_RECOVERY_ERROR, MOAT_RECOVERY_ERROR_INVALID);
  g_assert_null (model);
  g_assert_nonnull (strstr (error->message, "0b.moat-recovery"));
}

#define VALID_HEADER "{\"format\":\"moat-recovery\",\"version\":1,\"session\":\"0c\"," \
                     "\"name\":\"x\",\"modified\":\"2026-01-01T00:00:00Z\"}"

/* A first line past 64 KiB, a pipe and a file that is not UTF-8 are
 * skipped without reading them whole or waiting on them, and kept. */
static void
test_hostile_copies_are_skipped (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  g_autofree char *long_path = g_build_filename (fixture->folder, "0c1a.moat-recovery", NULL);
  g_autofree char *pipe_path = g_build_filename (fixture->folder, "0c1b.moat-recovery", NULL);
  g_autofree char *binary_path = g_build_filename (fixture->folder, "0c1c.moat-recovery", NULL);
  g_autoptr(GString) long_header = g_string_new (VALID_HEADER);
  static const char binary[] = "{\"format\":\"moat-recovery\xff\"}\n{}";

  /* Valid JSON, and a valid header but for its length. */
  while (long_header->len <= 64 * 1024)
    g_string_insert_c (long_header, 1, ' ');
  g_string_append (long_header, "\n{}");
  g_assert_true (g_file_set_contents (long_path, long_header->str, -1, NULL));
  g_assert_cmpint (mkfifo (pipe_path, 0600), ==, 0);
  g_assert_true (g_file_set_contents (binary_path, binary, sizeof binary - 1, NULL));

  recovery = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);

  remaining = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (remaining->len, ==, 3);
}

/* A copy larger than a model file may be is reported by name, not
 * read. The file is sparse, so it takes no room on disk. */
static void
test_oversized_copy_fails_to_load (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "0d.moat-recovery", NULL);
  int fd;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, VALID_HEADER "\n{", -1, NULL));
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)MOAT_INPUT_MAX_FILE_SIZE + 1), ==, 0);
  g_assert_no_errno (close (fd));

  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);

  model = moat_recovery_load_model (recovery, g_ptr_array_index (orphans, 0), &error);
  g_assert_error (error, MOAT_JSON_INPUT_ERROR, MOAT_JSON_INPUT_ERROR_TOO_LARGE);
  g_assert_null (model);
  g_assert_nonnull (strstr (error->message, "0d.moat-recovery"));
}

static void
test_folder_that_cannot_be_created (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (fixture->folder, "a-file", NULL);
  g_autofree char *below = g_build_filename (file, "recovery", NULL);
  g_autoptr(MoatRecovery) recovery = NULL;

  g_assert_true (g_file_set_contents (file, "", 0, NULL));

  recovery = moat_recovery_new (below, &error);
  g_assert_null (recovery);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, below));
}

/* The end-to-end test runs the application on a private session bus
 * (GTestDBus), so it cannot reach another instance of Moat. Its recovery
 * folder, data folder and model are in a temporary folder, and input goes
 * through xdotool as real X events. */

typedef struct
{
  char *folder;
  char *model_path;
  char *recovery_folder;
  GBytes *original;
  GTestDBus *bus;
  GSubprocessLauncher *launcher;
} EndToEnd;

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
assert_original_unchanged (EndToEnd *run)
{
  g_autoptr(GBytes) now = read_bytes (run->model_path);

  g_assert_true (g_bytes_equal (now, run->original));
}

static char *
run_xdotool (const char *first_arg,
             ...)
{
  g_autofree char *program = g_find_program_in_path ("xdotool");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status;
  va_list args;

  if (program == NULL)
    g_error ("xdotool not found: install it (build-aux/dev test installs it)");

  /* windowfocus --sync waits forever for a window that went away. */
  g_ptr_array_add (argv, (char *)"timeout");
  g_ptr_array_add (argv, (char *)G_STRINGIFY (TIMEOUT_SECONDS));
  g_ptr_array_add (argv, program);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &output, NULL, &status, &error);
  g_assert_no_error (error);

  /* xdotool search exits with 1 when no window matches, and timeout
   * with 124 when xdotool took too long. */
  if (!g_spawn_check_wait_status (status, NULL))
    g_clear_pointer (&output, g_free);

  return output;
}

/* Waits until a window whose name matches the regular expression
 * @pattern exists, and returns its X id. In the C locale xdotool reads
 * non-ASCII characters of a name as "?", so patterns avoid them. */
static char *
wait_for_window (GSubprocess *process,
                 const char  *pattern)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *output = NULL;

      /* The identifier goes once the process has ended. */
      if (g_subprocess_get_identifier (process) == NULL)
        g_error ("moat exited before a window named like “%s” appeared", pattern);

      output = run_xdotool ("search", "--onlyvisible", "--name", pattern, NULL);
      if (output != NULL && output[0] != '\0')
        {
          g_auto(GStrv) ids = g_strsplit (g_strstrip (output), "\n", -1);

          return g_strdup (ids[0]);
        }

      g_usleep (100 * 1000);
    }

  g_error ("No window named like “%s” appeared within %d seconds", pattern, TIMEOUT_SECONDS);
}

static char *
wait_for_recovery_copy (EndToEnd *run)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) copies = list_files (run->recovery_folder, ".moat-recovery");

      if (copies->len == 1)
        return g_build_filename (run->recovery_folder, g_ptr_array_index (copies, 0), NULL);
      g_assert_cmpuint (copies->len, ==, 0);

      g_usleep (100 * 1000);
    }

  g_error ("No recovery copy appeared in %s within %d seconds", run->recovery_folder,
           TIMEOUT_SECONDS);
}

static void
wait_for_no_recovery_copy (EndToEnd *run)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) copies = list_files (run->recovery_folder, ".moat-recovery");

      if (copies->len == 0)
        return;

      g_usleep (100 * 1000);
    }

  g_error ("The recovery copy in %s was not removed within %d seconds", run->recovery_folder,
           TIMEOUT_SECONDS);
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static void
wait_for_exit (GSubprocess *process)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;
  gboolean done = FALSE;

  g_subprocess_wait_async (process, NULL, wait_done_cb, &done);
  while (!done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("moat did not exit within %d seconds", TIMEOUT_SECONDS);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* The document's first element, and the x of each element by id. */
static GHashTable *
element_positions (GBytes *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = moat_format_load_bytes (model, "model", &error);
  GHashTable *positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *diagrams;

  g_assert_no_error (error);
  diagrams = moat_document_get_diagrams (document);
  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *elements = moat_diagram_get_elements (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < elements->len; i++)
        {
          MoatElement *element = g_ptr_array_index (elements, i);
          double *x = g_new (double, 1);

          *x = moat_element_get_bounds (element).x;
          g_hash_table_insert (positions, g_strdup (moat_item_get_id (MOAT_ITEM (element))), x);
        }
    }

  return positions;
}

/* Every element moved right by the same distance: the keyboard edit. */
static void
assert_moved_right (GBytes *before,
                    GBytes *after)
{
  g_autoptr(GHashTable) old_positions = element_positions (before);
  g_autoptr(GHashTable) new_positions = element_positions (after);
  GHashTableIter iter;
  gpointer id;
  gpointer old_x;
  double distance = -1;

  g_assert_cmpuint (g_hash_table_size (old_positions), >, 0);
  g_assert_cmpuint (g_hash_table_size (new_positions), ==, g_hash_table_size (old_positions));

  g_hash_table_iter_init (&iter, old_positions);
  while (g_hash_table_iter_next (&iter, &id, &old_x))
    {
      double *new_x = g_hash_table_lookup (new_positions, id);

      g_assert_nonnull (new_x);
      if (distance < 0)
        distance = *new_x - *(double *)old_x;
      g_assert_cmpfloat (distance, >, 0);
      g_assert_cmpfloat_with_epsilon (*new_x - *(double *)old_x, distance, 0.01);
    }
}

static GBytes *
model_of_recovery_copy (const char *path)
{
  g_autoptr(GBytes) contents = read_bytes (path);
  const char *data = g_bytes_get_data (contents, NULL);
  const char *newline = memchr (data, '\n', g_bytes_get_size (contents));

  g_assert_nonnull (newline);

  return g_bytes_new_from_bytes (contents, newline + 1 - data,
                                 g_bytes_get_size (contents) - (newline + 1 - data));
}

static char *
session_of_recovery_copy (const char *path)
{
  g_autoptr(GBytes) contents = read_bytes (path);
  g_autofree char *text = g_strndup (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
  const char *start = strstr (text, "\"session\":\"");

  g_assert_nonnull (start);
  start += strlen ("\"session\":\"");

  return g_strndup (start, strchr (start, '"') - start);
}

static void
end_to_end_set_up (EndToEnd *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = g_build_filename (g_getenv ("MOAT_SOURCE_ROOT"), "examples",
                                               "payment-webhook.moat", NULL);
  g_autofree char *data = NULL;
  g_autofree char *state = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  if (display == NULL)
    g_error ("No X display: run the suite under Xvfb (build-aux/dev test does)");

  run->folder = g_dir_make_tmp ("moat-recovery-run-XXXXXX", &error);
  g_assert_no_error (error);
  run->model_path = g_build_filename (run->folder, "payment-webhook.moat", NULL);
  run->recovery_folder = g_build_filename (run->folder, "recovery", NULL);
  data = g_build_filename (run->folder, "data", NULL);
  state = g_build_filename (run->folder, "state", NULL);

  run->original = read_bytes (example);
  g_assert_true (g_file_set_contents (run->model_path, g_bytes_get_data (run->original, NULL),
                                      g_bytes_get_size (run->original), NULL));

  /* g_test_dbus_up() unsets DISPLAY, which xdotool and the application
   * need. */
  run->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (run->bus);
  g_setenv ("DISPLAY", display, TRUE);

  /* An X server resets when its last client disconnects, and refuses
   * connections meanwhile. This connection stays open, so the killed
   * application's exit cannot make the server reset under the next one. */
  if (!gtk_init_check ())
    g_error ("Cannot open the X display %s", display);

  run->launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (run->launcher, "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (run->bus), TRUE);
  g_subprocess_launcher_setenv (run->launcher, "MOAT_RECOVERY_DIR", run->recovery_folder, TRUE);
  g_subprocess_launcher_setenv (run->launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (run->launcher, "XDG_STATE_HOME", state, TRUE);
}

static void
end_to_end_tear_down (EndToEnd *run)
{
  g_test_dbus_down (run->bus);
  g_clear_object (&run->bus);
  g_clear_object (&run->launcher);
  g_clear_pointer (&run->original, g_bytes_unref);
  remove_tree (run->folder);
  g_free (run->folder);
  g_free (run->model_path);
  g_free (run->recovery_folder);
}

static void
test_kill_and_restore (void)
{
  EndToEnd run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GBytes) recovered = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autofree char *window = NULL;
  g_autofree char *dialog = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *killed_session = NULL;
  g_autofree char *restoring_session = NULL;

  end_to_end_set_up (&run);

  /* Edit: select everything on the canvas and nudge it right with the
   * arrow keys. */
  first = g_subprocess_launcher_spawn (run.launcher, &error, moat_path, run.model_path, NULL);
  g_assert_no_error (error);
  window = wait_for_window (first, "^payment-webhook\\.moat .+ Moat$");
  g_free (run_xdotool ("mousemove", "--window", window, "300", "400", "click", "1",
                       "windowfocus", "--sync", window,
                       "key", "--window", window, "ctrl+a", "Right", "Right", "Right", NULL));
  g_free (wait_for_window (first, "^\\*payment-webhook\\.moat .+ Moat$"));

  /* The copy appears after the recovery delay (5 seconds by default). */
  copy = wait_for_recovery_copy (&run);
  recovered = model_of_recovery_copy (copy);
  assert_moved_right (run.original, recovered);
  killed_session = session_of_recovery_copy (copy);
  assert_original_unchanged (&run);

  g_subprocess_force_exit (first);
  wait_for_exit (first);
  g_assert_true (g_subprocess_get_if_signaled (first));
  g_assert_cmpint (g_subprocess_get_term_sig (first), ==, SIGKILL);
  assert_original_unchanged (&run);

  /* Start again with no file: the restore offer comes up, and Return
   * accepts its default response, Restore. */
  second = g_subprocess_launcher_spawn (run.launcher, &error, moat_path, NULL);
  g_assert_no_error (error);
  dialog = wait_for_window (second, "^Restore Unsaved Changes\\?$");
  g_free (run_xdotool ("windowfocus", "--sync", dialog, "key", "--window", dialog, "Return", NULL));

  /* Restored as unsaved changes to the original file, which is still as
   * it was, and the copy now belongs to the new process. */
  restored = wait_for_window (second, "^\\*payment-webhook\\.moat .+ Moat$");
  assert_original_unchanged (&run);
  g_free (copy);
  copy = wait_for_recovery_copy (&run);
  restoring_session = session_of_recovery_copy (copy);
  g_assert_cmpstr (restoring_session, !=, killed_session);

  /* Save writes the restored edits to the original file and removes the
   * recovery copy. */
  g_free (run_xdotool ("windowfocus", "--sync", restored,
                       "key", "--window", restored, "ctrl+s", NULL));
  g_free (wait_for_window (second, "^payment-webhook\\.moat .+ Moat$"));
  saved = read_bytes (run.model_path);
  assert_moved_right (run.original, saved);
  g_assert_true (g_bytes_equal (saved, recovered));
  wait_for_no_recovery_copy (&run);

  /* A normal quit leaves neither copies nor lock files. */
  g_free (run_xdotool ("key", "--window", restored, "ctrl+q", NULL));
  wait_for_exit (second);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  locks = list_files (run.recovery_folder, ".lock");
  g_assert_cmpuint (locks->len, ==, 0);

  end_to_end_tear_down (&run);
}

/* A model whose serialization takes many slices of 8 ms: 5,000 elements
 * with 3 KiB descriptions, about 17 MB of JSON. */
static MoatDocument *
large_model (void)
{
  MoatDocument *document = moat_document_new ();
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ("diagram", "Large");
  g_autofree char *description = g_strnfill (3 * 1024, 'd');

  moat_document_begin_group (document, "Generate");
  moat_document_add_diagram (document, diagram);
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("element-%u", i);
      g_autoptr(MoatElement) element = moat_element_new (MOAT_ELEMENT_KIND_PROCESS, id, "Service");

      moat_document_add_item (document, diagram, MOAT_ITEM (element));
      moat_document_set (document, element, "description", description, NULL);
    }
  moat_document_end_group (document);

  return document;
}

/* Renames the first element, which the first slice has already written. */
static void
rename_first_element (MoatDocument *document)
{
  MoatDiagram *diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  GPtrArray *elements = moat_diagram_get_elements (diagram);

  moat_document_set (document, g_ptr_array_index (elements, 0),
                     "name", "Renamed during the copy", NULL);
}

typedef struct
{
  gboolean done;
  gboolean saved;
  GError *error;
} SaveResult;

static void
save_document_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SaveResult *save = user_data;

  save->saved = moat_recovery_save_document_finish (MOAT_RECOVERY (source), result,
                                                    &save->error);
  save->done = TRUE;
}

/* Runs the main context until the copy is done, and returns how many
 * iterations that took. */
static guint
wait_for_save (SaveResult *save)
{
  guint n_iterations = 0;

  while (!save->done)
    {
      g_main_context_iteration (NULL, TRUE);
      n_iterations++;
    }

  return n_iterations;
}

static char *
copy_path (const char *folder,
           const char *document_id)
{
  g_autofree char *name = g_strconcat (document_id, ".moat-recovery", NULL);

  return g_build_filename (folder, name, NULL);
}

/* The document is serialized over several main-loop iterations, and the
 * copy contains the bytes moat_format_serialize() returns. */
static void
test_save_document_in_slices (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autoptr(MoatDocument) document = large_model ();
  g_autoptr(GBytes) expected = moat_format_serialize (document);
  g_autoptr(GBytes) copied = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();
  g_autofree char *path = copy_path (fixture->folder, id);
  g_autofree char *name = moat_document_dup_display_name (document);
  g_autofree char *header_name = g_strdup_printf ("\"name\":\"%s\"", name);
  g_autofree char *contents = NULL;
  SaveResult save = { 0 };

  g_assert_no_error (error);
  moat_recovery_save_document_async (recovery, id, document, NULL, save_document_done_cb, &save);
  g_assert_cmpuint (wait_for_save (&save), >, 2);
  g_assert_no_error (save.error);
  g_assert_true (save.saved);

  copied = model_of_recovery_copy (path);
  g_assert_true (g_bytes_equal (copied, expected));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, header_name));
}

/* An edit after the first slice: the copy is the edited document, never
 * a mix of the two states. */
static void
test_save_document_edit_during (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autoptr(MoatDocument) document = large_model ();
  g_autoptr(GBytes) before = moat_format_serialize (document);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) copied = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();
  g_autofree char *path = copy_path (fixture->folder, id);
  SaveResult save = { 0 };

  g_assert_no_error (error);
  moat_recovery_save_document_async (recovery, id, document, NULL, save_document_done_cb, &save);
  g_main_context_iteration (NULL, TRUE);
  g_assert_false (save.done);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  rename_first_element (document);
  after = moat_format_serialize (document);
  wait_for_save (&save);
  g_assert_no_error (save.error);

  copied = model_of_recovery_copy (path);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (g_bytes_equal (copied, after));
}

/* Cancelled during the serialization: nothing is written. */
static void
test_save_document_cancelled (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (fixture->folder, &error);
  g_autoptr(MoatDocument) document = large_model ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();
  SaveResult save = { 0 };

  g_assert_no_error (error);
  moat_recovery_save_document_async (recovery, id, document, cancellable, save_document_done_cb,
                                     &save);
  g_main_context_iteration (NULL, TRUE);
  g_assert_false (save.done);

  g_cancellable_cancel (cancellable);
  wait_for_save (&save);
  g_assert_error (save.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (save.saved);
  g_clear_error (&save.error);

  moat_recovery_flush (recovery);
  copies = list_files (fixture->folder, ".moat-recovery");
  g_assert_cmpuint (copies->len, ==, 0);
}

/* Runs in a child process: starts a copy of the large model, edits it
 * after the first slice, and dies by SIGKILL once the copy is written. */
static void
edit_during_copy_and_die (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = moat_recovery_new (g_getenv ("TEST_RECOVERY_FOLDER"), &error);
  g_autoptr(MoatDocument) document = large_model ();
  SaveResult save = { 0 };

  g_assert_no_error (error);
  moat_recovery_save_document_async (recovery, g_getenv ("TEST_RECOVERY_DOCUMENT"), document,
                                     NULL, save_document_done_cb, &save);
  g_main_context_iteration (NULL, TRUE);
  g_assert_false (save.done);

  rename_first_element (document);
  wait_for_save (&save);
  g_assert_no_error (save.error);
  raise (SIGKILL);
}

/* The restored model of a process killed after an edit during its copy
 * is the edited one. */
static void
test_edit_during_copy_then_kill (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRecovery) recovery = NULL;
  g_autoptr(MoatDocument) expected_document = large_model ();
  g_autoptr(MoatDocument) restored = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autofree char *id = moat_recovery_new_document_id ();

  if (g_test_subprocess ())
    {
      g_rmdir (fixture->folder);
      edit_during_copy_and_die ();
      return;
    }

  g_setenv ("TEST_RECOVERY_FOLDER", fixture->folder, TRUE);
  g_setenv ("TEST_RECOVERY_DOCUMENT", id, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr_unmatched ("*ERROR*");

  recovery = moat_recovery_new (fixture->folder, &error);
  g_assert_no_error (error);
  orphans = moat_recovery_list_orphans (recovery, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);

  model = moat_recovery_load_model (recovery, g_ptr_array_index (orphans, 0), &error);
  g_assert_no_error (error);
  restored = moat_format_load_bytes (model, "restored", &error);
  g_assert_no_error (error);

  rename_first_element (expected_document);
  expected = moat_format_serialize (expected_document);
  saved_again = moat_format_serialize (restored);
  g_assert_true (g_bytes_equal (model, expected));
  g_assert_true (g_bytes_equal (saved_again, expected));
}

/* One change and the plan moat_recovery_plan_copy() returns for it, with
 * times in seconds after the first change the copy lacks. */
typedef struct
{
  double now;
  guint delay;
  gboolean copy_under_way;
  MoatRecoveryPlan plan;
  double deadline;
} PlanCase;

static const PlanCase plan_cases[] = {
  /* The first change waits for a pause of the delay. */
  { 0, 2, FALSE, MOAT_RECOVERY_PLAN_WAIT, 2 },
  /* Later changes push the copy back, but never past the longest wait. */
  { 30, 2, TRUE, MOAT_RECOVERY_PLAN_WAIT, 32 },
  { 59.5, 2, TRUE, MOAT_RECOVERY_PLAN_WAIT, 60 },
  { 59.9, 2, FALSE, MOAT_RECOVERY_PLAN_WAIT, 60 },
  /* A change after it drops the copy under way, so that one is due now. */
  { 60, 2, TRUE, MOAT_RECOVERY_PLAN_WRITE_NOW, 0 },
  { 95, 2, TRUE, MOAT_RECOVERY_PLAN_WRITE_NOW, 0 },
  /* With no copy under way, as after a failed one, the copy starts at
   * once instead of at a time already gone. */
  { 60, 2, FALSE, MOAT_RECOVERY_PLAN_WAIT, 60 },
  { 95, 2, FALSE, MOAT_RECOVERY_PLAN_WAIT, 95 },
  /* A delay longer than the longest wait is the longest wait. */
  { 61, 120, TRUE, MOAT_RECOVERY_PLAN_WAIT, 120 },
  { 119, 120, FALSE, MOAT_RECOVERY_PLAN_WAIT, 120 },
  { 120, 120, TRUE, MOAT_RECOVERY_PLAN_WRITE_NOW, 0 },
};

/* Changes that keep coming still get a copy written within the longest
 * wait, and no wait ends before the change that starts it. */
static void
test_plan_copy_longest_wait (void)
{
  /* An arbitrary monotonic time for the first change. */
  const gint64 first = (gint64)5000 * G_USEC_PER_SEC;

  g_assert_cmpint (MOAT_RECOVERY_MAX_WAIT_SECONDS, ==, 60);

  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      const PlanCase *test = &plan_cases[i];
      gint64 now = first + (gint64)(test->now * G_USEC_PER_SEC);
      gint64 deadline = -1;
      MoatRecoveryPlan plan;

      g_test_message ("change at %g s, delay %u s, copy under way: %d", test->now, test->delay,
                      test->copy_under_way);
      plan = moat_recovery_plan_copy (now, first, test->delay, test->copy_under_way, &deadline);
      g_assert_cmpint (plan, ==, test->plan);
      if (plan == MOAT_RECOVERY_PLAN_WAIT)
        g_assert_cmpint (deadline, ==, first + (gint64)(test->deadline * G_USEC_PER_SEC));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* A child of g_test_trap_subprocess() gets only the test options. */
  if (argc != 2 && !g_test_subprocess ())
    {
      g_printerr ("usage: %s [GTEST-OPTION…] PATH-TO-MOAT\n", argv[0]);
      return 2;
    }
  moat_path = argv[argc - 1];

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/recovery/default-directory", test_default_directory);
  g_test_add_func ("/recovery/plan/longest-wait", test_plan_copy_longest_wait);
  ADD_TEST ("/recovery/save/header-and-model", test_save_writes_header_and_model);
  ADD_TEST ("/recovery/orphans/running-session", test_running_session_is_not_orphan);
  ADD_TEST ("/recovery/orphans/killed-session", test_killed_session_leaves_orphan);
  ADD_TEST ("/recovery/orphans/discard", test_discard_removes_orphan);
  ADD_TEST ("/recovery/remove-after-save", test_remove_after_save_wins);
  ADD_TEST ("/recovery/invalid-copies-skipped", test_invalid_copies_are_skipped);
  ADD_TEST ("/recovery/copy-without-model", test_copy_without_model_fails_to_load);
  ADD_TEST ("/recovery/hostile-copies-skipped", test_hostile_copies_are_skipped);
  ADD_TEST ("/recovery/oversized-copy", test_oversized_copy_fails_to_load);
  ADD_TEST ("/recovery/folder-not-creatable", test_folder_that_cannot_be_created);
  ADD_TEST ("/recovery/save-document/in-slices", test_save_document_in_slices);
  ADD_TEST ("/recovery/save-document/edit-during", test_save_document_edit_during);
  ADD_TEST ("/recovery/save-document/cancelled", test_save_document_cancelled);
  ADD_TEST ("/recovery/save-document/edit-then-kill", test_edit_during_copy_then_kill);
  g_test_add_func ("/recovery/application/kill-and-restore", test_kill_and_restore);

#undef ADD_TEST

  return g_test_run ();
}
