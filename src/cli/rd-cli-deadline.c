/* rd-cli-deadline.c: `deadline`, `jurisdictions` and `calendars` (CLI.md, Deadlines)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-calendar.h"
#include "rd-cli-common.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-error.h"
#include "rd-jurisdiction.h"

static int
bad_input (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static int
bad_input (const char *format,
           ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (RD_ERROR, RD_ERROR_INVALID, message);
  return rd_cli_report_error (error);
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 const GDate *date)
{
  json_builder_set_member_name (builder, name);
  if (g_date_valid (date))
    {
      char text[11];

      rd_date_format_into (date, text);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static void
print_date_line (const char  *label,
                 const GDate *date)
{
  char text[11] = "—";

  if (g_date_valid (date))
    rd_date_format_into (date, text);
  /* Translators: a label such as "Due:" then a date */
  printf ("%-22s %s\n", label, text);
}

/* "FROM:TO", both YYYY-MM-DD. */
static gboolean
parse_pause (const char  *text,
             RdPause     *out,
             GError     **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *from = NULL;

  if (colon == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is what the user typed after --pause */
                   _("“%s” is not a pause in the form FROM:TO (YYYY-MM-DD:YYYY-MM-DD)"), text);
      return FALSE;
    }

  from = g_strndup (text, colon - text);
  return rd_date_parse (from, &out->from, error) && rd_date_parse (colon + 1, &out->to, error);
}

int
rd_cli_deadline (RdCliGlobal  *global,
                 int           argc,
                 char        **argv)
{
  int options_status;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdDeadline) deadline = NULL;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_autoptr (RdCalendar) calendar = NULL;
  g_autoptr (GArray) pauses = g_array_new (FALSE, FALSE, sizeof (RdPause));
  g_autofree char *jurisdiction_id = NULL;
  g_autofree char *received = NULL;
  g_autofree char *type = NULL;
  g_autofree char *calendar_id = NULL;
  g_autofree char *restart = NULL;
  g_auto (GStrv) pause_texts = NULL;
  gboolean json = FALSE;
  gboolean extended = FALSE;
  int sla_days = 0;
  RdDeadlineRequest request = { NULL };
  const GOptionEntry entries[] = {
    { "jurisdiction", 0, 0, G_OPTION_ARG_STRING, &jurisdiction_id,
      N_("The law the request falls under (see “jurisdictions”)"), N_("ID") },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received,
      N_("The day the request was received"), N_("YYYY-MM-DD") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("The request type (default: access)"), N_("TYPE") },
    { "calendar", 0, 0, G_OPTION_ARG_STRING, &calendar_id,
      N_("The holiday calendar (default: the jurisdiction’s)"), N_("ID") },
    { "pause", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pause_texts,
      N_("A clock stop, both days inclusive (repeatable)"), N_("FROM:TO") },
    { "restart", 0, 0, G_OPTION_ARG_STRING, &restart,
      N_("The day the period started again"), N_("YYYY-MM-DD") },
    { "extended", 0, 0, G_OPTION_ARG_NONE, &extended,
      N_("The extension was taken"), NULL },
    { "sla-days", 0, 0, G_OPTION_ARG_INT, &sla_days,
      N_("The client’s internal deadline in calendar days"), N_("DAYS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Compute the legal deadlines of a request."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;

  if (argc > 1)
    return rd_cli_usage (_("deadline: unexpected argument “%s”"), argv[1]);
  if (jurisdiction_id == NULL)
    return rd_cli_usage (_("deadline: --jurisdiction is required"));
  if (received == NULL)
    return rd_cli_usage (_("deadline: --received is required"));
  if (sla_days < 0)
    return bad_input (_("--sla-days must not be negative"));

  /* A calendar that is not built in may have been imported into the database. */
  if (calendar_id != NULL)
    {
      g_autoptr (RdCalendar) built_in = rd_calendar_lookup (calendar_id, NULL);

      if (built_in == NULL && !rd_cli_load_imported_calendars (global, &error))
        return rd_cli_report_error (error);
    }

  request.jurisdiction = jurisdiction_id;
  request.calendar = calendar_id;
  request.extended = extended;
  request.sla_days = sla_days;
  request.type = RD_REQUEST_ACCESS;
  g_date_clear (&request.restart, 1);

  if (type != NULL && !rd_request_type_from_string (type, &request.type))
    /* Translators: %s is what the user gave as a request type */
    return bad_input (_("“%s” is not a request type (access, rectification, erasure, "
                        "portability, restriction, objection, consent-withdrawal, opt-out, "
                        "limit-sensitive)"), type);

  if (!rd_date_parse (received, &request.received, &error))
    return rd_cli_report_error (error);
  if (restart != NULL && !rd_date_parse (restart, &request.restart, &error))
    return rd_cli_report_error (error);

  for (guint i = 0; pause_texts != NULL && pause_texts[i] != NULL; i++)
    {
      RdPause pause;

      if (!parse_pause (pause_texts[i], &pause, &error))
        return rd_cli_report_error (error);
      g_array_append_val (pauses, pause);
    }
  request.pauses = (const RdPause *) pauses->data;
  request.n_pauses = pauses->len;

  deadline = rd_deadline_compute (&request, &error);
  if (deadline == NULL)
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "jurisdiction");
      json_builder_add_string_value (builder, deadline->jurisdiction);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, rd_request_type_to_string (deadline->type));
      add_date_member (builder, "received", &deadline->received);
      json_builder_set_member_name (builder, "calendar");
      json_builder_add_string_value (builder, deadline->calendar);
      add_date_member (builder, "due", &deadline->due);
      add_date_member (builder, "extended_due", &deadline->extended_due);
      add_date_member (builder, "acknowledge_by", &deadline->acknowledge_by);
      add_date_member (builder, "extension_notice_by", &deadline->extension_notice_by);
      json_builder_set_member_name (builder, "citation");
      json_builder_add_string_value (builder, deadline->citation);
      add_date_member (builder, "restart", &request.restart);
      add_date_member (builder, "effective_due", &deadline->effective_due);
      add_date_member (builder, "internal_due", &deadline->internal_due);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      rd_cli_print_json (root);
      return RD_CLI_OK;
    }

  jurisdiction = rd_jurisdiction_lookup (deadline->jurisdiction, NULL);
  calendar = rd_calendar_lookup (deadline->calendar, NULL);

  printf ("%-22s %s (%s)\n", _("Jurisdiction:"),
          jurisdiction ? rd_jurisdiction_get_name (jurisdiction) : "", deadline->jurisdiction);
  printf ("%-22s %s\n", _("Request type:"), rd_request_type_to_string (deadline->type));
  printf ("%-22s %s (%s)\n", _("Calendar:"),
          calendar ? rd_calendar_get_name (calendar) : "", deadline->calendar);
  print_date_line (_("Received:"), &deadline->received);
  if (g_date_valid (&request.restart))
    print_date_line (_("Restarted:"), &request.restart);
  print_date_line (_("Due:"), &deadline->due);
  print_date_line (_("Extended due:"), &deadline->extended_due);
  print_date_line (_("Acknowledge by:"), &deadline->acknowledge_by);
  print_date_line (_("Extension notice by:"), &deadline->extension_notice_by);
  if (extended || sla_days > 0)
    {
      print_date_line (_("Effective due:"), &deadline->effective_due);
      print_date_line (_("Internal due:"), &deadline->internal_due);
    }
  printf ("%-22s %s\n", _("Citation:"), deadline->citation);

  return RD_CLI_OK;
}

int
rd_cli_jurisdictions (RdCliGlobal  *global,
                      int           argc,
                      char        **argv)
{
  int options_status;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the jurisdictions whose deadline rules "
                                           "Rights Desk knows."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc > 1)
    return rd_cli_usage (_("jurisdictions: unexpected argument “%s”"), argv[1]);

  ids = rd_jurisdiction_list_ids ();
  json_builder_begin_array (builder);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdJurisdiction) jurisdiction = rd_jurisdiction_lookup (g_ptr_array_index (ids, i),
                                                                         &error);

      if (jurisdiction == NULL)
        return rd_cli_report_error (error);

      if (!json)
        {
          printf ("%-16s %s (%s: %s)\n", rd_jurisdiction_get_id (jurisdiction),
                  rd_jurisdiction_get_name (jurisdiction), _("calendar"),
                  rd_jurisdiction_get_default_calendar (jurisdiction));
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, rd_jurisdiction_get_id (jurisdiction));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, rd_jurisdiction_get_name (jurisdiction));
      json_builder_set_member_name (builder, "default_calendar");
      json_builder_add_string_value (builder, rd_jurisdiction_get_default_calendar (jurisdiction));
      json_builder_set_member_name (builder, "citation");
      json_builder_add_string_value (builder, rd_jurisdiction_get_citation (jurisdiction));
      json_builder_set_member_name (builder, "types");
      json_builder_begin_array (builder);
      for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
        if (rd_jurisdiction_covers (jurisdiction, t))
          json_builder_add_string_value (builder, rd_request_type_to_string (t));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);
      rd_cli_print_json (root);
    }

  return RD_CLI_OK;
}

static int
print_holidays (const char *id,
                int         year,
                gboolean    json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCalendar) calendar = rd_calendar_lookup (id, &error);
  g_autoptr (GArray) dates = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (calendar == NULL)
    return rd_cli_report_error (error);
  if (year < 1600 || year > 9000)
    return bad_input (_("%d is not a year Rights Desk can list holidays for"), year);

  dates = rd_calendar_list_holidays (calendar, year);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, rd_calendar_get_id (calendar));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, rd_calendar_get_name (calendar));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  json_builder_set_member_name (builder, "holidays");
  json_builder_begin_array (builder);

  for (guint i = 0; i < dates->len; i++)
    {
      const GDate *date = &g_array_index (dates, GDate, i);
      const char *name = rd_calendar_get_holiday_name (calendar, date);
      char text[11];

      rd_date_format_into (date, text);
      if (!json)
        {
          printf ("%s  %s\n", text, name);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);
      rd_cli_print_json (root);
    }

  return RD_CLI_OK;
}

int
rd_cli_calendars (RdCliGlobal  *global,
                  int           argc,
                  char        **argv)
{
  int options_status;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) load_error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("With a calendar id: the year whose holidays to list (default: this year)"),
      N_("YEAR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[ID]"));
  g_option_context_set_summary (context, _("List the holiday calendars, or the holidays of one."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc > 2)
    return rd_cli_usage (_("calendars: unexpected argument “%s”"), argv[2]);
  if (!rd_cli_load_imported_calendars (global, &load_error))
    return rd_cli_report_error (load_error);

  if (argc == 2)
    {
      if (year == 0)
        {
          GDate today;

          rd_date_today (&today);
          year = g_date_get_year (&today);
        }
      return print_holidays (argv[1], year, json);
    }

  ids = rd_calendar_list_ids ();
  json_builder_begin_array (builder);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdCalendar) calendar = rd_calendar_lookup (g_ptr_array_index (ids, i), &error);

      if (calendar == NULL)
        return rd_cli_report_error (error);

      if (!json)
        {
          printf ("%-8s %s\n", rd_calendar_get_id (calendar), rd_calendar_get_name (calendar));
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, rd_calendar_get_id (calendar));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, rd_calendar_get_name (calendar));
      json_builder_set_member_name (builder, "scope");
      json_builder_add_string_value (builder, rd_calendar_get_scope (calendar));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);
      rd_cli_print_json (root);
    }

  return RD_CLI_OK;
}
