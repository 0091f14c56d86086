/* rd-cli-import.c: `rightsdesk-cli import` and `rightsdesk-cli calendar`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-cli-common.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-ical.h"
#include "rd-import.h"
#include "rd-json-writer.h"
#include "rd-store.h"


int
rd_cli_import (RdCliGlobal *global,
               int          argc,
               char       **argv)
{
  int options_status;
  gboolean skip_invalid = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid records even when others are invalid"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("FILE.csv — import cases from a spreadsheet’s CSV export"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_option_context_set_description (context,
    _("The first line names the columns: client, type, jurisdiction, received, subject_name "
      "(required), subject_email, subject_phone, subject_address, subject_account, channel, "
      "calendar, assignee, status, outcome, outcome_reason, response_date. Several e-mails or "
      "phones go in one cell separated by “;”. When any record is invalid nothing is imported, "
      "unless --skip-invalid is given."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("import needs one CSV file"));

  if ((contents = rd_file_read (argv[1], RD_FILE_MAX_INPUT, &length, &error)) == NULL)
    return rd_cli_report_error (error);

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !(report = rd_import_csv (store, contents, length, skip_invalid, NULL, NULL, NULL, &error)))
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (RdJsonWriter) w = rd_json_writer_new (stdout);

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "imported");
      rd_json_writer_int (w, report->imported);
      rd_json_writer_key (w, "skipped");
      rd_json_writer_int (w, report->skipped);
      rd_json_writer_key (w, "references");
      rd_json_writer_begin_array (w);
      for (guint i = 0; i < report->references->len; i++)
        rd_json_writer_string (w, g_ptr_array_index (report->references, i));
      rd_json_writer_end_array (w);
      rd_json_writer_key (w, "problems");
      rd_json_writer_begin_array (w);
      for (guint i = 0; i < report->problems->len; i++)
        {
          RdImportProblem *problem = g_ptr_array_index (report->problems, i);

          rd_json_writer_begin_object (w);
          rd_json_writer_key (w, "line");
          rd_json_writer_int (w, problem->line);
          rd_json_writer_key (w, "message");
          rd_json_writer_string (w, problem->message);
          rd_json_writer_end_object (w);
        }
      rd_json_writer_end_array (w);
      rd_json_writer_end_object (w);
    }
  else if (skip_invalid || report->problems->len == 0)
    {
      /* Records left out are warnings: the others were imported. */
      for (guint i = 0; i < report->problems->len; i++)
        {
          RdImportProblem *problem = g_ptr_array_index (report->problems, i);
          /* Translators: a line number of the CSV file, then what is wrong with it */
          fprintf (stderr, _("rightsdesk-cli: skipped line %u: %s\n"), problem->line,
                   problem->message);
        }
      printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u case", "Imported %u cases",
                           report->imported), report->imported);
      printf ("\n");
    }

  if (report->problems->len > 0 && !skip_invalid)
    {
      RdImportProblem *first = g_ptr_array_index (report->problems, 0);
      guint more = report->problems->len - 1;

      /* One line, as for any bad input: the first problem, and how many follow. */
      if (more == 0)
        /* Translators: a line number of the CSV file, then what is wrong with it */
        fprintf (stderr, _("rightsdesk-cli: nothing was imported: line %u: %s\n"), first->line,
                 first->message);
      else
        fprintf (stderr,
                 /* Translators: a line number, what is wrong with it, then a number of lines */
                 g_dngettext (GETTEXT_PACKAGE,
                              "rightsdesk-cli: nothing was imported: line %u: %s (and %u more "
                              "invalid record; --json lists them all)\n",
                              "rightsdesk-cli: nothing was imported: line %u: %s (and %u more "
                              "invalid records; --json lists them all)\n",
                              more),
                 first->line, first->message, more);
      return RD_CLI_BAD_INPUT;
    }

  return RD_CLI_OK;
}

typedef struct
{
  RdIcalWriter *writer;
  guint         count;
} Export;

static gboolean
export_cb (RdCase   *item,
           gpointer  user_data)
{
  Export *export = user_data;
  g_autofree char *uid = g_strdup_printf ("%s-due@rightsdesk", rd_case_get_reference (item));
  /* Calendars get synchronised to phones and mail servers: the reference, never the name. */
  g_autofree char *summary = g_strdup_printf (_("%s due — %s"), rd_case_get_reference (item),
                                              rd_request_type_to_label (rd_case_get_request_type (item)));
  g_autofree char *description = NULL;
  char received[11];

  rd_date_format_into (rd_case_get_received (item), received);
  /* Translators: details of a due-date event: client, law, status, the date received */
  description = g_strdup_printf (_("Client: %s\nJurisdiction: %s\nStatus: %s\nReceived: %s\n%s"),
                                 rd_case_get_client (item), rd_case_get_jurisdiction (item),
                                 rd_case_status_to_label (rd_case_get_status (item)), received,
                                 rd_case_get_citation (item));

  rd_ical_writer_add_event (export->writer, uid, rd_case_get_effective_due (item), summary,
                            description);
  export->count++;
  return TRUE;
}

static int
calendar_export (RdCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  int options_status;
  g_autofree char *out = NULL, *client = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The .ics file to write"), "FILE.ics" },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Only this client’s cases"), "C" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("export — the due dates of open cases as iCalendar events"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ics = NULL;
  Export export = { NULL, 0 };
  RdCaseQuery query;
  gsize length;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 1 || out == NULL)
    return rd_cli_usage (_("calendar export needs --out FILE.ics"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL)
    return rd_cli_report_error (error);

  rd_case_query_init (&query);
  query.client = client;
  query.statuses = 0;
  for (guint s = 0; s < RD_N_STATUSES; s++)
    if (rd_case_status_is_open (s))
      query.statuses |= 1u << s;

  export.writer = rd_ical_writer_new ();
  if (!rd_store_foreach_case (store, &query, export_cb, &export, &error))
    {
      rd_ical_writer_free (export.writer);
      return rd_cli_report_error (error);
    }

  ics = rd_ical_writer_finish (export.writer, &length);
  if (!rd_file_write_atomically (out, ics, length, &error))
    return rd_cli_report_error (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u due date\n", "Exported %u due dates\n",
                       export.count), export.count);
  return RD_CLI_OK;
}

static int
calendar_import (RdCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  int options_status;
  g_autofree char *id = NULL, *name = NULL;
  const GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("The calendar’s id, e.g. ie-official"), "ID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Its name"), "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("import FILE.ics — a public-holiday calendar from an iCalendar file"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2 || id == NULL)
    return rd_cli_usage (_("calendar import needs a file and --id"));

  if ((contents = rd_file_read (argv[1], RD_FILE_MAX_INPUT, &length, &error)) == NULL)
    return rd_cli_report_error (error);

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !rd_store_import_calendar (store, id, name ? name : id, contents, length, &error))
    return rd_cli_report_error (error);

  printf (_("Imported the calendar “%s”\n"), id);
  return RD_CLI_OK;
}

int
rd_cli_calendar (RdCliGlobal *global,
                 int          argc,
                 char       **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return calendar_export (global, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return calendar_import (global, argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n%s\n", _("Usage: rightsdesk-cli calendar export --out FILE.ics [--client C]"),
              _("       rightsdesk-cli calendar import FILE.ics --id ID [--name NAME]"));
      return RD_CLI_OK;
    }

  return rd_cli_usage (_("usage: rightsdesk-cli calendar export|import …"));
}
