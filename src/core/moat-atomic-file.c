/* moat-atomic-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "moat-atomic-file.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s “%s”: %s", what, display, g_strerror (saved_errno));

  return FALSE;
}

/* Follows symbolic links, so that saving through a link replaces the
 * file it points to and keeps the link. A missing file resolves to
 * itself. Returns %NULL for a loop of links, or a chain longer than the
 * 40 links Linux follows, which must not be replaced by a plain file. */
static char *
resolve_target (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint depth = 0; depth <= 40; depth++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *folder = NULL;

      if (link == NULL)
        return g_steal_pointer (&current);

      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
          continue;
        }

      folder = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (folder, link, NULL);
    }

  return NULL;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size,
           const char    *path,
           GError       **error)
{
  while (size > 0)
    {
      gssize written = write (fd, data, size);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno, _("Cannot write"), path);
        }

      data += written;
      size -= written;
    }

  return TRUE;
}

static gboolean
copy_backup (const char  *path,
             GError     **error)
{
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) destination = g_file_new_for_path (backup);

  return g_file_copy (source, destination,
                      G_FILE_COPY_OVERWRITE | G_FILE_COPY_ALL_METADATA | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                      NULL, NULL, NULL, error);
}

static gboolean
write_local (const char    *requested_path,
             GBytes        *contents,
             gboolean       keep_backup,
             GError       **error)
{
  g_autofree char *path = resolve_target (requested_path);
  g_autofree char *folder = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *template = NULL;
  struct stat original;
  gboolean exists;
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);
  int fd;

  if (path == NULL)
    return set_errno_error (error, ELOOP, _("Cannot follow the symbolic links of"),
                            requested_path);

  folder = g_path_get_dirname (path);
  basename = g_path_get_basename (path);

  exists = g_stat (path, &original) == 0;
  if (exists && S_ISDIR (original.st_mode))
    return set_errno_error (error, EISDIR, _("Cannot replace the folder"), path);

  /* The temporary file must be in the same folder, because rename() is
   * atomic only within one file system. */
  template = g_strdup_printf ("%s%c.%s.XXXXXX", folder, G_DIR_SEPARATOR, basename);
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666 & ~0022);
  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot create a temporary file in"), folder);

  if (exists)
    {
      /* Keep the owner's permissions; ownership is best effort, since
       * only root may give a file away. */
      if (fchmod (fd, original.st_mode & 07777) != 0)
        g_debug ("Cannot copy the permissions of %s: %s", path, g_strerror (errno));
      if (fchown (fd, original.st_uid, original.st_gid) != 0)
        g_debug ("Cannot copy the owner of %s: %s", path, g_strerror (errno));
    }

  if (!write_all (fd, data, size, template, error))
    goto failed;

  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, _("Cannot flush"), template);
      goto failed;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, _("Cannot close"), template);
      goto failed;
    }
  fd = -1;

  if (keep_backup && exists && !copy_backup (path, error))
    goto failed;

  if (g_rename (template, path) != 0)
    {
      set_errno_error (error, errno, _("Cannot replace"), path);
      goto failed;
    }

  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (template);

  return FALSE;
}

/**
 * moat_atomic_file_write:
 * @file: the file to create or replace
 * @contents: the new contents
 * @keep_backup: whether to keep the previous version as `FILE~`
 *
 * Replaces @file so that a crash, a full disk or any other failure leaves
 * either the old or the new contents, never a mix. The data goes to a
 * temporary file in the same folder, is flushed to disk and then renamed
 * over @file. Permissions of an existing file are kept, and a symbolic
 * link is saved through to its target.
 *
 * Returns: %TRUE on success
 */
gboolean
moat_atomic_file_write (GFile         *file,
                        GBytes        *contents,
                        gboolean       keep_backup,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return write_local (path, contents, keep_backup, error);

  /* Files without a local path (remote GVFS locations) rely on GIO. */
  return g_file_replace_contents (file,
                                  g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                  NULL, keep_backup, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}
