/* rd-file.c: input files read within a limit, output files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input is read with a limit, since a user may name a device or a pipe that never ends.
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
#include <sys/mman.h>
#include <sys/stat.h>
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

static char *
read_failed (const char  *path,
             int          saved,
             GError     **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_IO,
               /* Translators: %s is a file name, then the system's reason */
               _("Could not read “%s”: %s"), path, g_strerror (saved));
  return NULL;
}

static char *
too_large (const char  *path,
           gsize        max_size,
           GError     **error)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
               /* Translators: a file name, then a size such as "256.0 MiB" */
               _("“%s” is larger than %s, the most Rights Desk reads"), path, limit);
  return NULL;
}

/**
 * rd_memory_advise_large:
 * @data: a buffer not yet written to
 * @size: its size in bytes
 *
 * Asks Linux to back a large buffer with huge pages. Filling a 50 MB buffer page by page
 * otherwise costs 12,800 page faults, which in a virtual machine take longer than copying the
 * bytes themselves. Small buffers, and systems without transparent huge pages, are left as
 * they are.
 */
void
rd_memory_advise_large (gpointer data,
                        gsize    size)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) data + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) data + size) & ~(huge - 1);

  if (end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

/**
 * rd_file_read:
 * @path: a file name (never a URI)
 * @max_size: the most bytes to accept
 * @length: (out) (optional): the number of bytes read
 * @error: an RD_ERROR_IO or, for a file over @max_size, RD_ERROR_INVALID
 *
 * Reads all of @path, like g_file_get_contents (), but stops with an error after @max_size
 * bytes, so a device or a pipe cannot fill the memory.
 *
 * Returns: (transfer full): the contents followed by a NUL byte not counted in @length
 */
char *
rd_file_read (const char  *path,
              gsize        max_size,
              gsize       *length,
              GError     **error)
{
  g_autoptr (GByteArray) data = NULL;
  gboolean regular;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return read_failed (path, errno, error);
  regular = fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
  if (regular && (guint64) st.st_size > max_size)
    {
      close (fd);
      return too_large (path, max_size, error);
    }
  /* A regular file's size is known; anything else grows as it comes. */
  data = g_byte_array_sized_new (regular ? st.st_size + 1 : 65536);
  if (regular)
    rd_memory_advise_large (data->data, st.st_size + 1);
  for (;;)
    {
      gsize have = data->len;
      gssize n;

      /* A regular file in one read, anything else in blocks; room for one byte past the
       * limit, to tell "exactly the limit" from "more". */
      gsize block = regular ? MAX (65536, (gsize) st.st_size + 1 - MIN (have, (gsize) st.st_size))
                            : 65536;

      g_byte_array_set_size (data, have + MIN (block, max_size + 1 - have));
      do
        n = read (fd, data->data + have, data->len - have);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          return read_failed (path, saved, error);
        }
      g_byte_array_set_size (data, have + n);
      if (data->len > max_size)
        {
          close (fd);
          return too_large (path, max_size, error);
        }
      if (n == 0)
        break;
    }
  close (fd);

  if (length)
    *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
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
