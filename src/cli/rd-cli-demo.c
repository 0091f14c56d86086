/* rd-cli-demo.c: `rightsdesk-cli demo`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "rd-cli-common.h"
#include "rd-demo.h"
#include "rd-store.h"

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  gboolean *tty = user_data;

  if (*tty)
    {
      fprintf (stderr, "\r%s", "");
      /* Translators: progress of the demonstration data, e.g. "45000 of 1000000 cases" */
      fprintf (stderr, _("%u of %u cases"), done, total);
      if (done == total)
        fputc ('\n', stderr);
    }
}

int
rd_cli_demo (RdCliGlobal *global,
             int          argc,
             char       **argv)
{
  int options_status;
  int cases = 500;
  int seed = 1;
  const GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &cases, N_("How many cases to add (default 500)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed: the same seed gives the same cases"), "S" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— fill the database with demonstration cases"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gboolean tty = isatty (STDERR_FILENO);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 1)
    return rd_cli_usage (_("demo takes no arguments besides its options"));
  if (cases < 0)
    return rd_cli_usage (_("--cases must not be negative"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !rd_demo_fill (store, (guint) cases, (guint32) seed, progress_cb, &tty, NULL, &error))
    return rd_cli_report_error (error);

  return RD_CLI_OK;
}
