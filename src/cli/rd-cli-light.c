/* rd-cli-light.c: the commands rightsdesk-cli hands to rightsdesk-cli-full
 *
 * rightsdesk-cli is linked without the commands that need PDF, e-mail, image, zip, XML and
 * network libraries: loading those ~80 libraries took ~35 ms of every call, more than a case
 * lookup itself. These stand-ins run the same command line in the full program, which has
 * the real ones; the exit status and output are its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rd-cli-common.h"

#define FULL_NAME "rightsdesk-cli-full"

/* Next to this program when running from the build tree, else where it is installed. */
static char *
find_full (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, FULL_NAME, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (RD_LIBEXECDIR, FULL_NAME, NULL);
}

/* @prefix is the command above @argv[0] ("case" for "case verify"), or NULL. */
static int
run_full (RdCliGlobal *global,
          const char  *prefix,
          int          argc,
          char       **argv)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *full = find_full ();

  g_ptr_array_add (args, g_strdup (full));
  if (global->db_path != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--db"));
      g_ptr_array_add (args, g_strdup (global->db_path));
    }
  if (prefix != NULL)
    g_ptr_array_add (args, g_strdup (prefix));
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  fflush (stdout);
  execv (full, (char **) args->pdata);
  fprintf (stderr, "rightsdesk-cli: %s: %s\n", full, g_strerror (errno));
  return RD_CLI_BAD_INPUT;
}

#define HAND_OVER(func, prefix)                                                  \
  int func (RdCliGlobal *global, int argc, char **argv)                          \
  {                                                                              \
    return run_full (global, prefix, argc, argv);                               \
  }

HAND_OVER (rd_cli_case_verify, "case")
HAND_OVER (rd_cli_pii, NULL)
HAND_OVER (rd_cli_redact, NULL)
HAND_OVER (rd_cli_report, NULL)
HAND_OVER (rd_cli_export, NULL)
HAND_OVER (rd_cli_case_file, NULL)
HAND_OVER (rd_cli_client_records, NULL)
HAND_OVER (rd_cli_connector, NULL)
HAND_OVER (rd_cli_collect, NULL)
HAND_OVER (rd_cli_execute, NULL)
