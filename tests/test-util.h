/* test-util.h: helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh directory per test, removed at the end. */
typedef struct
{
  char *dir;
  char *db;
} TestDir;

static inline void
test_dir_setup (TestDir       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("rightsdesk-test-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->db = g_build_filename (fixture->dir, "cases.db", NULL);
}

static inline void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline void
test_dir_teardown (TestDir       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static inline GDate
test_date (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (g_date_valid_dmy (1, 1, 2000));
  {
    unsigned y, m, d;
    g_assert_cmpint (sscanf (text, "%u-%u-%u", &y, &m, &d), ==, 3);
    g_date_set_dmy (&date, d, m, y);
  }
  return date;
}

/* TRUE when @needle occurs anywhere in the bytes of @path (a missing file has nothing). */
static inline gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0, n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* Keeps a copy of an output for people to look at, when RIGHTSDESK_TEST_OUTPUT names a folder. */
static inline void
keep_output (const char *path,
             const char *name)
{
  const char *dir = g_getenv ("RIGHTSDESK_TEST_OUTPUT");
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  gsize length;

  if (dir == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return;
  g_mkdir_with_parents (dir, 0755);
  target = g_build_filename (dir, name, NULL);
  g_file_set_contents (target, contents, length, NULL);
}
