/* test-file.c: reading within a limit, writing whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "rd-error.h"
#include "rd-file.h"
#include "test-util.h"

static void
test_read_limit (TestDir       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "ten.txt", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));

  /* Exactly the limit is read whole, and ends in a NUL for text parsers. */
  contents = rd_file_read (path, 10, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpstr (contents, ==, "0123456789");
  g_clear_pointer (&contents, g_free);

  /* One byte more is refused, with the file's name. */
  contents = rd_file_read (path, 9, &length, &error);
  g_assert_null (contents);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A device has no size to check first: it is cut off as it is read. */
  contents = rd_file_read ("/dev/zero", 100000, &length, &error);
  g_assert_null (contents);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  /* An empty file is an empty text, not an error. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  contents = rd_file_read (path, 10, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (contents, ==, "");
  g_clear_pointer (&contents, g_free);

  g_assert_null (rd_file_read (fixture->dir, 10, &length, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_IO);
}

static void
test_write_follows_links (TestDir       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "report.csv", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "latest.csv", NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "old", 3, NULL));
  g_assert_cmpint (symlink ("report.csv", link), ==, 0);

  g_assert_true (rd_file_write_atomically (link, "new", 3, &error));
  g_assert_no_error (error);
  /* The link stays a link; what it points to has the new contents. */
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");

  /* A directory that does not exist: an error naming the file, nothing written. */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "no", "such.csv", NULL);

    g_assert_false (rd_file_write_atomically (missing, "x", 1, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_IO);
    g_assert_nonnull (strstr (error->message, missing));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/file/read-limit", TestDir, NULL, test_dir_setup, test_read_limit,
              test_dir_teardown);
  g_test_add ("/core/file/write-follows-links", TestDir, NULL, test_dir_setup,
              test_write_follows_links, test_dir_teardown);
  return g_test_run ();
}
