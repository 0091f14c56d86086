/* rd-cli.c: rightsdesk-cli, the command-line twin of the window (see CLI.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "rd-cli-common.h"

typedef struct
{
  const char       *name;
  RdCliCommandFunc  func;
  const char       *summary;
} Command;

static const Command commands[] = {
  { "deadline", rd_cli_deadline, N_("Compute the legal deadlines of a request") },
  { "jurisdictions", rd_cli_jurisdictions, N_("List the jurisdictions and their rules") },
  { "calendars", rd_cli_calendars, N_("List the holiday calendars") },
  { "calendar", rd_cli_calendar, N_("Export due dates, import holiday calendars") },
  { "case", rd_cli_case, N_("Add, list, show and work on cases") },
  { "import", rd_cli_import, N_("Import cases from a CSV file") },
  { "demo", rd_cli_demo, N_("Fill the database with demonstration cases") },
  { "audit", rd_cli_audit, N_("Verify the audit trail") },
  { "mrz", rd_cli_mrz, N_("Parse and check machine-readable zones") },
  { "pii", rd_cli_pii, N_("Find personal data in text") },
  { "redact", rd_cli_redact, N_("Write a redacted copy of a document") },
  { "report", rd_cli_report, N_("Write CCPA, GDPR and service-level reports") },
  { "export", rd_cli_export, N_("Write the response package of an access request") },
  { "case-file", rd_cli_case_file, N_("Write the complaint case file of a request") },
  { "client-records", rd_cli_client_records, N_("Show or set a client’s records of processing") },
  { "connector", rd_cli_connector, N_("Add, test, list and remove client systems") },
  { "collect", rd_cli_collect, N_("Fetch a requester's data from the client's systems") },
  { "execute", rd_cli_execute, N_("Carry out a request on the client's systems") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: rightsdesk-cli [--db PATH] COMMAND [OPTIONS]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “rightsdesk-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  RdCliGlobal global = { NULL };
  int i = 1;
  int status;

  /* SQLite and FTS5 allocate and free large buffers at every commit; without this glibc hands
   * the memory back to the kernel each time and a bulk import spends most of its time in page
   * faults (three times slower, measured on the demo data). */
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_TOP_PAD, 64 * 1024 * 1024);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return RD_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("rightsdesk-cli %s\n", PACKAGE_VERSION);
          return RD_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          g_free (global.db_path);
          global.db_path = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (global.db_path);
          global.db_path = g_strdup (argv[i] + strlen ("--db="));
          i++;
        }
      else
        {
          status = rd_cli_usage (_("unknown option “%s”"), argv[i]);
          g_free (global.db_path);
          return status;
        }
    }

  if (i >= argc)
    {
      print_help (stderr);
      g_free (global.db_path);
      return RD_CLI_USAGE;
    }

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (commands[c].name, argv[i]))
        {
          status = commands[c].func (&global, argc - i, argv + i);
          break;
        }
    }

  if (status < 0)
    status = rd_cli_usage (_("unknown command “%s”"), argv[i]);

  g_free (global.db_path);
  return status;
}
