/* rd-file.c: output files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports, packages, redacted documents and logs are written to a temporary file beside the
 * target and renamed over it, so a full disk or a crash never leaves half a file. What the
 * user named is respected: a symbolic link is followed (what it points to is replaced, the
 * link stays), and a device or a pipe (/dev/stdout, a FIFO) is written to as it is, since
 * renaming over it would replace it with a plain file.
 */
#define G_LOG_DOMAIN "rd-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "rd-error.h"
#include "rd-file.h"

#define MAX_LINKS 40

/* The file @path names once its links are followed; @path itself when it does not exist. */
static char *
follow_links (const char *path)
{
  char *current = g_strdup (path);

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      g_autofree char *link = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode) ||
          (link = g_file_read_link (current, NULL)) == NULL)
        break;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }
  return current;
}

static gboolean
fail_errno (GError     **error,
            int          saved)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

static gboolean
write_in_place (const char  *path,
                const char  *contents,
                gsize        length,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  gsize done = 0;

  if (fd < 0)
    return fail_errno (error, errno);
  while (done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          return fail_errno (error, saved);
        }
      done += n;
    }
  if (close (fd) != 0)
    return fail_errno (error, errno);
  return TRUE;
}

gboolean
rd_file_write_atomically (const char  *path,
                          const char  *contents,
                          gsize        length,
                          GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *target = NULL;
  GStatBuf st;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  target = follow_links (path);
  if (g_stat (target, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    ok = write_in_place (target, contents, length, &local_error);
  else
    ok = g_file_set_contents (target, contents ? contents : "", length, &local_error);

  if (!ok)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
