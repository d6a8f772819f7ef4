/* test-save.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* unshare() and the CLONE_ flags. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-atomic-file.h"
#include "moat-format.h"
#include "moat-input-limits.h"

/* Saving on real files: through symbolic links, keeping the permissions
 * and an optional backup of the previous version. Each failure (a full
 * file system, a read-only one, a folder that was removed, a folder in
 * place of the file) must leave the previous file byte for byte and the
 * document modified, so that it can still be saved elsewhere. The full
 * and read-only file systems are real tmpfs mounts, made in a mount
 * namespace of a subprocess of the test. tests/test-format.c covers the
 * other failures. */

typedef struct
{
  char *folder;
  char *path;
  GFile *file;
  GBytes *previous;
  MoatDocument *document;
} Fixture;

static char *
dup_source_path (const char *first_element,
                 ...)
{
  const char *root = g_getenv ("MOAT_SOURCE_ROOT");
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (root);
  g_ptr_array_add (elements, (char *)root);
  va_start (args, first_element);
  for (const char *element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (elements, (char *)element);
  va_end (args);
  g_ptr_array_add (elements, NULL);

  return g_build_filenamev ((char **)elements->pdata);
}

static void
delete_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          delete_tree (child);
        }
    }

  g_remove (path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Lists a folder's entries, sorted, to show that a failed save left no
 * temporary file behind. */
static char *
dup_listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **)names->pdata);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *contents = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);

  return contents;
}

static void
assert_file_contents (const char *path,
                      GBytes     *expected)
{
  g_autoptr(GBytes) contents = read_file (path);

  g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* Writes the small minimal model as the previous version of the file in
 * @folder, and loads the larger payment example, with an unsaved change,
 * as the document to save over it. */
static void
fixture_fill (Fixture    *fixture,
              const char *folder)
{
  g_autofree char *minimal = dup_source_path ("tests", "data", "format", "minimal.moat", NULL);
  g_autofree char *example = dup_source_path ("examples", "payment-webhook.moat", NULL);
  g_autoptr(GFile) example_file = g_file_new_for_path (example);
  g_autoptr(GError) error = NULL;

  fixture->folder = g_strdup (folder);
  fixture->path = g_build_filename (folder, "model.moat", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->previous = read_file (minimal);
  g_file_set_contents (fixture->path, g_bytes_get_data (fixture->previous, NULL),
                       g_bytes_get_size (fixture->previous), &error);
  g_assert_no_error (error);

  fixture->document = moat_format_load_file (example_file, NULL, &error);
  g_assert_no_error (error);
  moat_document_mark_unsaved (fixture->document);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("moat-test-save-XXXXXX", &error);

  g_assert_no_error (error);
  fixture_fill (fixture, folder);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->file);
  g_clear_pointer (&fixture->previous, g_bytes_unref);
  g_clear_object (&fixture->document);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->folder, 0755);
  delete_tree (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
  fixture_clear (fixture);
}

/* Checks a failed save: the message names the file and a reason, the
 * document is still modified and still belongs to @file_before, the file
 * it had before the save, and saving it to another folder works. */
static void
assert_failed_and_savable (Fixture *fixture,
                           GFile   *target,
                           GFile   *file_before,
                           GError  *error)
{
  GFile *file = moat_document_get_file (fixture->document);

  g_autofree char *display_name = g_file_get_parse_name (target);
  g_autofree char *prefix = g_strconcat (display_name, ": cannot save the file: ", NULL);
  g_autoptr(GError) other_error = NULL;
  g_autofree char *other_folder = g_dir_make_tmp ("moat-test-save-other-XXXXXX", NULL);
  g_autofree char *other_path = g_build_filename (other_folder, "elsewhere.moat", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
  g_assert_true (moat_document_get_modified (fixture->document));
  g_assert_true (file == file_before || g_file_equal (file, file_before));

  g_assert_true (moat_format_save_file (fixture->document, other, NULL, &other_error));
  g_assert_no_error (other_error);
  g_assert_false (moat_document_get_modified (fixture->document));
  assert_file_contents (other_path, expected);

  delete_tree (other_folder);
}

static void
test_symlink_relative (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *real_folder = g_build_filename (fixture->folder, "real", NULL);
  g_autofree char *real_path = g_build_filename (real_folder, "model.moat", NULL);
  g_autofree char *link_path = g_build_filename (fixture->folder, "link.moat", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  g_assert_cmpint (g_mkdir (real_folder, 0755), ==, 0);
  g_assert_cmpint (g_rename (fixture->path, real_path), ==, 0);
  g_assert_cmpint (symlink ("real/model.moat", link_path), ==, 0);

  g_assert_true (moat_format_save_file (fixture->document, link, NULL, &error));
  g_assert_no_error (error);

  /* The link is still a link to the same name, and its target changed. */
  target = g_file_read_link (link_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, "real/model.moat");
  assert_file_contents (real_path, expected);
  g_assert_true (g_file_equal (moat_document_get_file (fixture->document), link));
}

/* A chain of links, the last one absolute, is followed to the end. */
static void
test_symlink_chain (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->folder, "first.moat", NULL);
  g_autofree char *second = g_build_filename (fixture->folder, "second.moat", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (first);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (symlink ("second.moat", first), ==, 0);
  g_assert_cmpint (symlink (fixture->path, second), ==, 0);

  g_assert_true (moat_format_save_file (fixture->document, link, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (first, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_SYMLINK));
  assert_file_contents (fixture->path, expected);
  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "first.moat model.moat second.moat");
}

/* A link whose target does not exist yet creates the target. */
static void
test_symlink_dangling (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (fixture->folder, "link.moat", NULL);
  g_autofree char *new_path = g_build_filename (fixture->folder, "new.moat", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("new.moat", link_path), ==, 0);

  g_assert_true (moat_format_save_file (fixture->document, link, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  assert_file_contents (new_path, expected);
}

/* Links in a loop have no file to replace: the save fails and leaves
 * both links as they were, rather than putting a file in place of one. */
static void
test_symlink_loop (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->folder, "first.moat", NULL);
  g_autofree char *second = g_build_filename (fixture->folder, "second.moat", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (first);
  GFile *file_before = moat_document_get_file (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_target = NULL;
  g_autofree char *second_target = NULL;

  g_assert_cmpint (symlink ("second.moat", first), ==, 0);
  g_assert_cmpint (symlink ("first.moat", second), ==, 0);

  g_assert_false (moat_format_save_file (fixture->document, link, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);

  first_target = g_file_read_link (first, NULL);
  second_target = g_file_read_link (second, NULL);
  g_assert_cmpstr (first_target, ==, "second.moat");
  g_assert_cmpstr (second_target, ==, "first.moat");
  assert_file_contents (fixture->path, fixture->previous);
  assert_failed_and_savable (fixture, link, file_before, error);
}

/* A link into a folder that does not exist: the save fails, and neither
 * the folder nor a file appears. */
static void
test_symlink_into_missing_folder (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (fixture->folder, "link.moat", NULL);
  g_autofree char *missing = g_build_filename (fixture->folder, "missing", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  GFile *file_before = moat_document_get_file (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (symlink ("missing/model.moat", link_path), ==, 0);

  g_assert_false (moat_format_save_file (fixture->document, link, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "link.moat model.moat");
  assert_failed_and_savable (fixture, link, file_before, error);
}

static void
test_permissions_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  static const int modes[] = { 0600, 0640, 0664, 0444 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      GStatBuf status;

      g_assert_cmpint (g_chmod (fixture->path, modes[i]), ==, 0);
      g_assert_true (moat_format_save_file (fixture->document, fixture->file, NULL, &error));
      g_assert_no_error (error);

      g_assert_cmpint (g_stat (fixture->path, &status), ==, 0);
      g_assert_cmpint (status.st_mode & 07777, ==, modes[i]);
    }
}

/* Saving through a link keeps the permissions of the target, not of the
 * link. */
static void
test_permissions_through_symlink (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (fixture->folder, "link.moat", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GError) error = NULL;
  GStatBuf status;

  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);
  g_assert_cmpint (symlink ("model.moat", link_path), ==, 0);

  g_assert_true (moat_format_save_file (fixture->document, link, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (fixture->path, &status), ==, 0);
  g_assert_cmpint (status.st_mode & 07777, ==, 0600);
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (fixture->path, "~", NULL);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GBytes) second = g_bytes_new_static ("{}\n", 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (moat_atomic_file_write (fixture->file, expected, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (fixture->path, expected);
  assert_file_contents (backup, fixture->previous);

  /* The next save moves the backup on by one version. */
  g_assert_true (moat_atomic_file_write (fixture->file, second, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (fixture->path, second);
  assert_file_contents (backup, expected);

  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "model.moat model.moat~");
}

/* Saving a model keeps a backup only when asked to. */
static void
test_save_file_backup_flag (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (fixture->path, "~", NULL);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_format_save_file (fixture->document, fixture->file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_assert_true (moat_format_save_file_full (fixture->document, fixture->file,
                                             MOAT_FORMAT_SAVE_KEEP_BACKUP, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (fixture->path, expected);
  assert_file_contents (backup, expected);
  g_assert_false (moat_document_get_modified (fixture->document));
}

/* A text past the loader's limit is refused, with its JSON path, rather
 * than saved into a file that Moat would not open. */
static void
test_save_file_check_limits (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (MOAT_INPUT_MAX_TEXT_LENGTH + 1, 'x');
  g_autoptr(GError) error = NULL;
  GPtrArray *diagrams = moat_document_get_diagrams (fixture->document);
  MoatElement *element = g_ptr_array_index (
    moat_diagram_get_elements (g_ptr_array_index (diagrams, 0)), 0);

  moat_document_set (fixture->document, element, "description", huge, NULL);
  g_assert_false (moat_format_save_file_full (fixture->document, fixture->file,
                                              MOAT_FORMAT_SAVE_CHECK_LIMITS, NULL, &error));
  g_assert_error (error, MOAT_FORMAT_ERROR, MOAT_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.diagrams[0].elements[0].description"));
  g_assert_nonnull (strstr (error->message, "above the limit"));
  assert_file_contents (fixture->path, fixture->previous);
  g_assert_true (moat_document_get_modified (fixture->document));

  /* Back under the limit, the same save goes through. */
  huge[MOAT_INPUT_MAX_TEXT_LENGTH] = '\0';
  moat_document_set (fixture->document, element, "description", huge, NULL);
  g_clear_error (&error);
  g_assert_true (moat_format_save_file_full (fixture->document, fixture->file,
                                             MOAT_FORMAT_SAVE_CHECK_LIMITS, NULL, &error));
  g_assert_no_error (error);
}

/* Without a previous version there is nothing to back up. */
static void
test_backup_new_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "new.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (moat_atomic_file_write (file, expected, TRUE, NULL, &error));
  g_assert_no_error (error);
  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "model.moat new.moat");
}

/* The backup of a link's target lies next to the target, and the link
 * stays a link. */
static void
test_backup_through_symlink (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (fixture->folder, "link.moat", NULL);
  g_autofree char *backup = g_strconcat (fixture->path, "~", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (symlink ("model.moat", link_path), ==, 0);
  g_assert_true (moat_atomic_file_write (link, expected, TRUE, NULL, &error));
  g_assert_no_error (error);

  assert_file_contents (fixture->path, expected);
  assert_file_contents (backup, fixture->previous);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "link.moat model.moat model.moat~");
}

/* When the backup cannot be written (a folder has its name), the save
 * fails before the file is replaced. */
static void
test_backup_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (fixture->path, "~", NULL);
  g_autoptr(GBytes) expected = moat_format_serialize (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (backup, 0755), ==, 0);
  g_assert_false (moat_atomic_file_write (fixture->file, expected, TRUE, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  assert_file_contents (fixture->path, fixture->previous);
  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "model.moat model.moat~");
}

/* The folder of the open file was deleted since it was opened. */
static void
test_folder_removed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  moat_document_set_file (fixture->document, fixture->file);
  delete_tree (fixture->folder);

  g_assert_false (moat_format_save_file (fixture->document, fixture->file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->folder, G_FILE_TEST_EXISTS));
  g_assert_true (moat_document_get_modified (fixture->document));

  /* The failed save must not have made the folder again. */
  g_assert_cmpint (g_mkdir (fixture->folder, 0755), ==, 0);
  assert_failed_and_savable (fixture, fixture->file, fixture->file, error);
}

/* The open file was replaced by a folder since it was opened. */
static void
test_file_replaced_by_folder (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *inside = g_build_filename (fixture->path, "keep.txt", NULL);
  GFile *file_before = moat_document_get_file (fixture->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "keep", -1, NULL));

  g_assert_false (moat_format_save_file (fixture->document, fixture->file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);

  listing = dup_listing (fixture->path);
  g_assert_cmpstr (listing, ==, "keep.txt");
  g_free (listing);
  listing = dup_listing (fixture->folder);
  g_assert_cmpstr (listing, ==, "model.moat");
  assert_failed_and_savable (fixture, fixture->file, file_before, error);
}

/* Mounts a tmpfs of @size_kib on a new folder, in a mount namespace of
 * this process only: a user namespace as well when not root, so that the
 * test needs no privileges. Returns the folder. Only for subprocesses of
 * g_test_trap_subprocess(), which are single-threaded at that point as
 * unshare() requires. */
static char *
mount_private_tmpfs (guint size_kib)
{
  g_autofree char *folder = g_dir_make_tmp ("moat-test-save-tmpfs-XXXXXX", NULL);
  g_autofree char *options = g_strdup_printf ("size=%uk,mode=0755", size_kib);
  int flags = CLONE_NEWNS | (geteuid () != 0 ? CLONE_NEWUSER : 0);

  g_assert_nonnull (folder);
  if (unshare (flags) != 0)
    g_error ("unshare (%s) failed: %s; the test needs mount namespaces (as root, or with "
             "unprivileged user namespaces enabled)",
             geteuid () != 0 ? "CLONE_NEWNS | CLONE_NEWUSER" : "CLONE_NEWNS",
             g_strerror (errno));

  /* Keep the mount out of the parent's namespace. */
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    g_error ("making / private failed: %s", g_strerror (errno));
  if (mount ("tmpfs", folder, "tmpfs", 0, options) != 0)
    g_error ("mounting a tmpfs on %s failed: %s", folder, g_strerror (errno));

  return g_steal_pointer (&folder);
}

static void
unmount_private_tmpfs (const char *folder)
{
  g_assert_cmpint (umount (folder), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

/* A document larger than the file system: the write fails with ENOSPC
 * part-way, and the previous file survives. */
static void
test_disk_full (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *listing = NULL;
  Fixture fixture = { NULL };
  GFile *file_before;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  folder = mount_private_tmpfs (64);
  fixture_fill (&fixture, folder);
  file_before = moat_document_get_file (fixture.document);

  /* 256 KiB of description, four times the size of the file system. */
  for (guint i = 0; i < 256 * 1024 / 16; i++)
    g_string_append (long_text, "Disk full test. ");
  g_object_set (fixture.document, "description", long_text->str, NULL);

  g_assert_false (moat_format_save_file (fixture.document, fixture.file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);

  assert_file_contents (fixture.path, fixture.previous);
  listing = dup_listing (folder);
  g_assert_cmpstr (listing, ==, "model.moat");
  assert_failed_and_savable (&fixture, fixture.file, file_before, error);

  fixture_clear (&fixture);
  g_free (fixture.folder);
  unmount_private_tmpfs (folder);
}

/* A folder on a file system mounted read-only, which binds root too. */
static void
test_read_only_folder (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  Fixture fixture = { NULL };
  GFile *file_before;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  folder = mount_private_tmpfs (1024);
  fixture_fill (&fixture, folder);
  file_before = moat_document_get_file (fixture.document);
  if (mount ("tmpfs", folder, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0)
    g_error ("remounting %s read-only failed: %s", folder, g_strerror (errno));

  g_assert_false (moat_format_save_file (fixture.document, fixture.file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);

  assert_file_contents (fixture.path, fixture.previous);
  listing = dup_listing (folder);
  g_assert_cmpstr (listing, ==, "model.moat");
  assert_failed_and_savable (&fixture, fixture.file, file_before, error);

  fixture_clear (&fixture);
  g_free (fixture.folder);
  unmount_private_tmpfs (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/save/symlink/relative", test_symlink_relative);
  ADD_TEST ("/save/symlink/chain", test_symlink_chain);
  ADD_TEST ("/save/symlink/dangling", test_symlink_dangling);
  ADD_TEST ("/save/symlink/loop", test_symlink_loop);
  ADD_TEST ("/save/symlink/into-missing-folder", test_symlink_into_missing_folder);
  ADD_TEST ("/save/permissions/kept", test_permissions_kept);
  ADD_TEST ("/save/permissions/through-symlink", test_permissions_through_symlink);
  ADD_TEST ("/save/backup/previous-version", test_backup);
  ADD_TEST ("/save/backup/save-file-flag", test_save_file_backup_flag);
  ADD_TEST ("/save/check-limits", test_save_file_check_limits);
  ADD_TEST ("/save/backup/new-file", test_backup_new_file);
  ADD_TEST ("/save/backup/through-symlink", test_backup_through_symlink);
  ADD_TEST ("/save/backup/fails", test_backup_fails);
  ADD_TEST ("/save/failure/folder-removed", test_folder_removed);
  ADD_TEST ("/save/failure/file-replaced-by-folder", test_file_replaced_by_folder);
  g_test_add_func ("/save/failure/disk-full", test_disk_full);
  g_test_add_func ("/save/failure/read-only-folder", test_read_only_folder);

  return g_test_run ();
}
