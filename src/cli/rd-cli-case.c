/* rd-cli-case.c: `rightsdesk-cli case …`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-cli-common.h"
#include <gio/gio.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-load.h"
#include "rd-json-writer.h"
#include "rd-store.h"

static void
write_case (RdJsonWriter *w,
            RdCase       *item,
            const GDate  *today)
{
  rd_json_writer_key (w, "reference");
  rd_json_writer_string (w, rd_case_get_reference (item));
  rd_json_writer_key (w, "client");
  rd_json_writer_string (w, rd_case_get_client (item));
  rd_json_writer_key (w, "type");
  rd_json_writer_string (w, rd_request_type_to_string (rd_case_get_request_type (item)));
  rd_json_writer_key (w, "jurisdiction");
  rd_json_writer_string (w, rd_case_get_jurisdiction (item));
  rd_json_writer_key (w, "calendar");
  rd_json_writer_string (w, rd_case_get_calendar (item));
  rd_json_writer_key (w, "channel");
  rd_json_writer_string (w, rd_channel_to_string (rd_case_get_channel (item)));
  rd_json_writer_key (w, "received");
  rd_json_writer_date (w, rd_case_get_received (item));

  rd_json_writer_key (w, "subject");
  rd_json_writer_begin_object (w);
  rd_json_writer_key (w, "name");
  rd_json_writer_string (w, rd_case_get_subject_name (item));
  rd_json_writer_key (w, "emails");
  rd_json_writer_strv (w, rd_case_get_subject_emails (item));
  rd_json_writer_key (w, "phones");
  rd_json_writer_strv (w, rd_case_get_subject_phones (item));
  rd_json_writer_key (w, "address");
  rd_json_writer_string (w, rd_case_get_subject_address (item));
  rd_json_writer_key (w, "accounts");
  rd_json_writer_strv (w, rd_case_get_subject_accounts (item));
  rd_json_writer_end_object (w);

  rd_json_writer_key (w, "status");
  rd_json_writer_string (w, rd_case_status_to_string (rd_case_get_status (item)));
  rd_json_writer_key (w, "assignee");
  rd_json_writer_string (w, rd_case_get_assignee (item));
  rd_json_writer_key (w, "outcome");
  if (rd_case_get_outcome (item) == RD_OUTCOME_NONE)
    rd_json_writer_null (w);
  else
    rd_json_writer_string (w, rd_outcome_to_string (rd_case_get_outcome (item)));
  rd_json_writer_key (w, "outcome_reason");
  rd_json_writer_string (w, rd_case_get_outcome_reason (item));
  rd_json_writer_key (w, "response_date");
  rd_json_writer_date (w, rd_case_get_response_date (item));

  rd_json_writer_key (w, "due");
  rd_json_writer_date (w, rd_case_get_due (item));
  rd_json_writer_key (w, "extended_due");
  rd_json_writer_date (w, rd_case_get_extended_due (item));
  rd_json_writer_key (w, "acknowledge_by");
  rd_json_writer_date (w, rd_case_get_acknowledge_by (item));
  rd_json_writer_key (w, "extension_notice_by");
  rd_json_writer_date (w, rd_case_get_extension_notice_by (item));
  rd_json_writer_key (w, "effective_due");
  rd_json_writer_date (w, rd_case_get_effective_due (item));
  rd_json_writer_key (w, "internal_due");
  rd_json_writer_date (w, rd_case_get_internal_due (item));
  rd_json_writer_key (w, "extended");
  rd_json_writer_boolean (w, rd_case_get_extended (item));
  rd_json_writer_key (w, "paused_since");
  rd_json_writer_date (w, rd_case_get_paused_since (item));
  rd_json_writer_key (w, "restarted_on");
  rd_json_writer_date (w, rd_case_get_restart_date (item));
  rd_json_writer_key (w, "days_left");
  if (rd_case_is_open (item))
    rd_json_writer_int (w, rd_case_days_left (item, today));
  else
    rd_json_writer_null (w);
  rd_json_writer_key (w, "overdue");
  rd_json_writer_boolean (w, rd_case_is_overdue (item, today));
  rd_json_writer_key (w, "citation");
  rd_json_writer_string (w, rd_case_get_citation (item));
  rd_json_writer_key (w, "purged");
  rd_json_writer_boolean (w, rd_case_get_purged (item));
}

static gboolean
parse_on (const char  *text,
          GDate       *out,
          GError     **error)
{
  if (text == NULL)
    {
      rd_date_today (out);
      return TRUE;
    }
  return rd_date_parse (text, out, error);
}

/* ------------------------------------------------------------------------------------------ */

static int
case_add (RdCliGlobal *global,
          int          argc,
          char       **argv)
{
  int options_status;
  g_autofree char *client = NULL, *type = NULL, *jurisdiction = NULL, *received = NULL;
  g_autofree char *name = NULL, *channel = NULL, *calendar = NULL, *address = NULL;
  g_autofree char *assignee = NULL;
  g_auto (GStrv) emails = NULL, phones = NULL, accounts = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Client the request is handled for"), "NAME" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Request type (access, erasure, …)"), "TYPE" },
    { "jurisdiction", 0, 0, G_OPTION_ARG_STRING, &jurisdiction, N_("Jurisdiction id"), "ID" },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("Date the request arrived"), "DATE" },
    { "subject-name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the requester"), "NAME" },
    { "subject-email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails, N_("E-mail address (repeatable)"), "E" },
    { "subject-phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &phones, N_("Phone number (repeatable)"), "P" },
    { "subject-address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Postal address"), "TEXT" },
    { "subject-account", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accounts, N_("Account id (repeatable)"), "ID" },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("email, web, phone, chat or letter"), "CHANNEL" },
    { "calendar", 0, 0, G_OPTION_ARG_STRING, &calendar, N_("Holiday calendar id"), "ID" },
    { "assignee", 0, 0, G_OPTION_ARG_STRING, &assignee, N_("Who handles the case"), "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the case as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("— add a case"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  RdRequestType request_type;
  RdChannel request_channel = RD_CHANNEL_EMAIL;
  GDate date;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;

  if (!client || !type || !jurisdiction || !received || !name)
    return rd_cli_usage (_("case add needs --client, --type, --jurisdiction, --received and "
                           "--subject-name"));

  if (!rd_request_type_from_string (type, &request_type))
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Unknown request type “%s”"), type);
      return rd_cli_report_error (error);
    }

  if (channel != NULL && !rd_channel_from_string (channel, &request_channel))
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Unknown channel “%s”"), channel);
      return rd_cli_report_error (error);
    }

  if (!rd_date_parse (received, &date, &error))
    return rd_cli_report_error (error);

  rd_case_set_client (item, client);
  rd_case_set_request_type (item, request_type);
  rd_case_set_jurisdiction (item, jurisdiction);
  rd_case_set_calendar (item, calendar);
  rd_case_set_channel (item, request_channel);
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, name);
  rd_case_set_subject_emails (item, (const char * const *) emails);
  rd_case_set_subject_phones (item, (const char * const *) phones);
  rd_case_set_subject_address (item, address);
  rd_case_set_subject_accounts (item, (const char * const *) accounts);
  rd_case_set_assignee (item, assignee);

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !rd_store_add_case (store, item, &error))
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (RdJsonWriter) w = rd_json_writer_new (stdout);
      GDate today;

      rd_date_today (&today);
      rd_json_writer_begin_object (w);
      write_case (w, item, &today);
      rd_json_writer_end_object (w);
    }
  else
    printf ("%s\n", rd_case_get_reference (item));

  return RD_CLI_OK;
}

/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  RdJsonWriter *writer;
  GDate         today;
  guint         count;
} ListState;

static gboolean
list_json_cb (RdCase   *item,
              gpointer  user_data)
{
  ListState *state = user_data;

  rd_json_writer_begin_object (state->writer);
  write_case (state->writer, item, &state->today);
  rd_json_writer_end_object (state->writer);
  state->count++;
  return TRUE;
}

static gboolean
list_text_cb (RdCase   *item,
              gpointer  user_data)
{
  ListState *state = user_data;
  char due[11] = "";
  g_autofree char *left = NULL;

  if (g_date_valid (rd_case_get_effective_due (item)))
    rd_date_format_into (rd_case_get_effective_due (item), due);

  if (!rd_case_is_open (item))
    left = g_strdup ("");
  else if (rd_case_get_paused_since (item) != NULL)
    left = g_strdup (_("paused"));
  else
    left = g_strdup_printf ("%+d", rd_case_days_left (item, &state->today));

  printf ("%-15s %-10s %7s  %-21s %-18s %-20.20s %s\n",
          rd_case_get_reference (item), due, left,
          rd_case_status_to_string (rd_case_get_status (item)),
          rd_request_type_to_string (rd_case_get_request_type (item)),
          rd_case_get_client (item),
          rd_case_get_subject_name (item) ? rd_case_get_subject_name (item) : _("(purged)"));
  state->count++;
  return TRUE;
}

static int
case_list (RdCliGlobal *global,
           int          argc,
           char       **argv)
{
  int options_status;
  g_autofree char *status = NULL, *client = NULL, *due_before = NULL, *search = NULL;
  g_autofree char *type = NULL, *jurisdiction = NULL;
  gboolean overdue = FALSE, json = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only cases with this status"), "S" },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Only this client’s cases"), "C" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Only this request type"), "TYPE" },
    { "jurisdiction", 0, 0, G_OPTION_ARG_STRING, &jurisdiction, N_("Only this jurisdiction"), "ID" },
    { "due-before", 0, 0, G_OPTION_ARG_STRING, &due_before, N_("Open cases due before DATE"), "DATE" },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Open cases past their due date"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Find words in references, names, e-mails and notes"), "TEXT" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N cases"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("— list cases, soonest due first"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  RdCaseQuery query;
  ListState state = { NULL };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;

  rd_case_query_init (&query);
  query.client = client;
  query.jurisdiction = jurisdiction;
  query.overdue = overdue;
  query.search = search;
  query.limit = limit > 0 ? (guint) limit : 0;

  if (status != NULL)
    {
      RdCaseStatus s;

      if (!rd_case_status_from_string (status, &s))
        {
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Unknown status “%s”"), status);
          return rd_cli_report_error (error);
        }
      query.statuses = 1u << s;
    }

  if (type != NULL)
    {
      RdRequestType t;

      if (!rd_request_type_from_string (type, &t))
        {
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Unknown request type “%s”"), type);
          return rd_cli_report_error (error);
        }
      query.types = 1u << t;
    }

  if (due_before != NULL && !rd_date_parse (due_before, &query.due_before, &error))
    return rd_cli_report_error (error);

  store = rd_cli_open_store (global, &error);
  if (store == NULL)
    return rd_cli_report_error (error);

  rd_date_today (&state.today);

  if (json)
    {
      state.writer = rd_json_writer_new (stdout);
      rd_json_writer_begin_array (state.writer);
      if (!rd_store_foreach_case (store, &query, list_json_cb, &state, &error))
        {
          /* Nothing half-written reaches a script: the array is not closed, and stdout is
           * abandoned with the error. */
          rd_json_writer_free (state.writer);
          return rd_cli_report_error (error);
        }
      rd_json_writer_end_array (state.writer);
      rd_json_writer_free (state.writer);
    }
  else if (!rd_store_foreach_case (store, &query, list_text_cb, &state, &error))
    return rd_cli_report_error (error);

  return RD_CLI_OK;
}

/* ------------------------------------------------------------------------------------------ */

static int
case_show (RdCliGlobal *global,
           int          argc,
           char       **argv)
{
  int options_status;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the case as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("REF — show a case with its dates and timeline"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) clock = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GPtrArray) timeline = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("case show needs one case reference"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL)
    return rd_cli_report_error (error);

  item = rd_store_get_case (store, argv[1], &error);
  if (item == NULL ||
      !(clock = rd_store_list_clock_events (store, argv[1], &error)) ||
      !(notes = rd_store_list_notes (store, argv[1], &error)) ||
      !(timeline = rd_store_list_timeline (store, argv[1], &error)))
    return rd_cli_report_error (error);

  rd_date_today (&today);

  if (json)
    {
      g_autoptr (RdJsonWriter) w = rd_json_writer_new (stdout);

      rd_json_writer_begin_object (w);
      write_case (w, item, &today);

      rd_json_writer_key (w, "clock");
      rd_json_writer_begin_array (w);
      for (guint i = 0; i < clock->len; i++)
        {
          RdClockEvent *event = g_ptr_array_index (clock, i);

          rd_json_writer_begin_object (w);
          rd_json_writer_key (w, "kind");
          rd_json_writer_string (w, event->kind);
          rd_json_writer_key (w, "on");
          rd_json_writer_date (w, &event->on);
          rd_json_writer_key (w, "reason");
          rd_json_writer_string (w, event->reason);
          rd_json_writer_end_object (w);
        }
      rd_json_writer_end_array (w);

      rd_json_writer_key (w, "notes");
      rd_json_writer_begin_array (w);
      for (guint i = 0; i < notes->len; i++)
        {
          RdNote *note = g_ptr_array_index (notes, i);

          rd_json_writer_begin_object (w);
          rd_json_writer_key (w, "author");
          rd_json_writer_string (w, note->author);
          rd_json_writer_key (w, "at");
          rd_json_writer_string (w, note->created_at);
          rd_json_writer_key (w, "text");
          rd_json_writer_string (w, note->text);
          rd_json_writer_end_object (w);
        }
      rd_json_writer_end_array (w);

      rd_json_writer_key (w, "timeline");
      rd_json_writer_begin_array (w);
      for (guint i = 0; i < timeline->len; i++)
        {
          RdAuditEvent *event = g_ptr_array_index (timeline, i);
          g_autoptr (JsonParser) parser = json_parser_new ();

          rd_json_writer_begin_object (w);
          rd_json_writer_key (w, "at");
          rd_json_writer_string (w, event->at);
          rd_json_writer_key (w, "actor");
          rd_json_writer_string (w, event->actor);
          rd_json_writer_key (w, "action");
          rd_json_writer_string (w, event->action);
          rd_json_writer_key (w, "details");
          /* Stored as JSON text by the store; checked before it is embedded. */
          if (rd_json_load_data (parser, event->details, -1, NULL, NULL))
            rd_json_writer_raw (w, event->details);
          else
            rd_json_writer_null (w);
          rd_json_writer_end_object (w);
        }
      rd_json_writer_end_array (w);
      rd_json_writer_end_object (w);
    }
  else
    {
      char buf[11];
      const GDate *d;

      printf ("%s  %s — %s (%s)\n", rd_case_get_reference (item), rd_case_get_client (item),
              rd_request_type_to_label (rd_case_get_request_type (item)),
              rd_case_get_jurisdiction (item));
      printf ("%-22s %s\n", _("Requester:"),
              rd_case_get_subject_name (item) ? rd_case_get_subject_name (item) : _("(purged)"));
      printf ("%-22s %s\n", _("Status:"), rd_case_status_to_label (rd_case_get_status (item)));

#define DATE_LINE(label, getter) G_STMT_START {                         \
        d = getter (item);                                              \
        if (d != NULL && g_date_valid (d))                              \
          {                                                             \
            rd_date_format_into (d, buf);                               \
            printf ("%-22s %s\n", label, buf);                          \
          }                                                             \
      } G_STMT_END
      DATE_LINE (_("Received:"), rd_case_get_received);
      DATE_LINE (_("Due:"), rd_case_get_due);
      DATE_LINE (_("Extended due:"), rd_case_get_extended_due);
      DATE_LINE (_("Acknowledge by:"), rd_case_get_acknowledge_by);
      DATE_LINE (_("Extension notice by:"), rd_case_get_extension_notice_by);
      DATE_LINE (_("Internal due:"), rd_case_get_internal_due);
      DATE_LINE (_("Clock stopped since:"), rd_case_get_paused_since);
      DATE_LINE (_("Responded:"), rd_case_get_response_date);
#undef DATE_LINE
      printf ("%-22s %s\n", _("Rule:"), rd_case_get_citation (item));
      printf ("\n%s\n", _("Timeline:"));
      for (guint i = 0; i < timeline->len; i++)
        {
          RdAuditEvent *event = g_ptr_array_index (timeline, i);
          printf ("  %s  %-16s %s  %s\n", event->at, event->action, event->actor, event->details);
        }
    }

  return RD_CLI_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* pause, resume, restart, extend, close, status, note, purge */

typedef enum
{
  ACT_PAUSE,
  ACT_RESUME,
  ACT_RESTART,
  ACT_EXTEND,
  ACT_CLOSE,
  ACT_STATUS,
  ACT_NOTE,
  ACT_PURGE,
} Act;

static int
case_act (RdCliGlobal *global,
          Act          act,
          int          argc,
          char       **argv)
{
  int options_status;
  g_autofree char *reason = NULL, *on = NULL, *outcome = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (recorded in the audit trail)"), "TEXT" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day it happened (default: today)"), "DATE" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("complied, partial, denied or withdrawn"), "OUTCOME" },
    { NULL }
  };
  static const char * const usage[] = {
    [ACT_PAUSE] = N_("REF — stop the clock (--reason, --on)"),
    [ACT_RESUME] = N_("REF — start the clock again (--on)"),
    [ACT_RESTART] = N_("REF — restart the period, e.g. when identity evidence arrives (--on, --reason)"),
    [ACT_EXTEND] = N_("REF — extend the period as the law allows (--reason, --on: the notice date)"),
    [ACT_CLOSE] = N_("REF — record the response and close the case (--outcome, --reason, --on)"),
    [ACT_STATUS] = N_("REF STATUS — move the case in the workflow (--reason)"),
    [ACT_NOTE] = N_("REF TEXT — add a note"),
    [ACT_PURGE] = N_("REF — erase the requester’s personal data and documents"),
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_(usage[act]));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  int needed = (act == ACT_STATUS || act == ACT_NOTE) ? 3 : 2;
  GDate date;
  gboolean ok = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != needed)
    return rd_cli_usage ("%s %s", argv[0], _(usage[act]));

  if ((act == ACT_PAUSE || act == ACT_RESTART || act == ACT_EXTEND) && reason == NULL)
    return rd_cli_usage (_("%s needs --reason"), argv[0]);
  if (act == ACT_RESTART && on == NULL)
    return rd_cli_usage (_("restart needs --on"));
  if (act == ACT_CLOSE && outcome == NULL)
    return rd_cli_usage (_("close needs --outcome"));

  if (!parse_on (on, &date, &error))
    return rd_cli_report_error (error);

  store = rd_cli_open_store (global, &error);
  if (store == NULL)
    return rd_cli_report_error (error);

  switch (act)
    {
    case ACT_PAUSE:
      ok = rd_store_pause_case (store, argv[1], &date, reason, &error);
      break;
    case ACT_RESUME:
      ok = rd_store_resume_case (store, argv[1], &date, &error);
      break;
    case ACT_RESTART:
      ok = rd_store_restart_case (store, argv[1], &date, reason, &error);
      break;
    case ACT_EXTEND:
      ok = rd_store_extend_case (store, argv[1], &date, reason, &error);
      break;
    case ACT_CLOSE:
      {
        RdOutcome o;

        if (!rd_outcome_from_string (outcome, &o) || o == RD_OUTCOME_NONE)
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Unknown outcome “%s”"), outcome);
        else
          ok = rd_store_close_case (store, argv[1], o, reason, &date, &error);
      }
      break;
    case ACT_STATUS:
      {
        RdCaseStatus s;

        if (!rd_case_status_from_string (argv[2], &s))
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Unknown status “%s”"), argv[2]);
        else
          ok = rd_store_set_status (store, argv[1], s, reason, &error);
      }
      break;
    case ACT_NOTE:
      ok = rd_store_add_note (store, argv[1], argv[2], &error);
      break;
    case ACT_PURGE:
      ok = rd_store_purge_case (store, argv[1], &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return rd_cli_report_error (error);

  if (act != ACT_NOTE && act != ACT_PURGE)
    {
      g_autoptr (RdCase) item = rd_store_get_case (store, argv[1], &error);
      char due[11];

      if (item == NULL)
        return rd_cli_report_error (error);
      rd_date_format_into (rd_case_get_effective_due (item), due);
      /* Translators: a case reference, its status and its due date */
      printf (_("%s: %s, due %s\n"), argv[1],
              rd_case_status_to_label (rd_case_get_status (item)), due);
    }

  return RD_CLI_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* documents, document-text, attach */

static int
case_documents (RdCliGlobal *global,
                int          argc,
                char       **argv)
{
  int options_status;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("REF — list a case’s documents"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("case documents needs one case reference"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(documents = rd_store_list_documents (store, argv[1], &error)))
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (RdJsonWriter) w = rd_json_writer_new (stdout);

      rd_json_writer_begin_array (w);
      for (guint i = 0; i < documents->len; i++)
        {
          RdDocument *d = g_ptr_array_index (documents, i);

          rd_json_writer_begin_object (w);
          rd_json_writer_key (w, "id");
          rd_json_writer_int (w, d->id);
          rd_json_writer_key (w, "kind");
          rd_json_writer_string (w, d->kind);
          rd_json_writer_key (w, "name");
          rd_json_writer_string (w, d->name);
          rd_json_writer_key (w, "sha256");
          rd_json_writer_string (w, d->sha256);
          rd_json_writer_key (w, "bytes");
          rd_json_writer_int (w, (gint64) d->size);
          rd_json_writer_key (w, "source");
          rd_json_writer_string (w, d->source);
          rd_json_writer_key (w, "mime_type");
          rd_json_writer_string (w, d->mime_type);
          rd_json_writer_key (w, "added");
          rd_json_writer_string (w, d->created_at);
          rd_json_writer_end_object (w);
        }
      rd_json_writer_end_array (w);
    }
  else
    for (guint i = 0; i < documents->len; i++)
      {
        RdDocument *d = g_ptr_array_index (documents, i);
        printf ("%5" G_GINT64_FORMAT "  %-12s %10" G_GSIZE_FORMAT "  %s\n", d->id, d->kind,
                d->size, d->name);
      }

  return RD_CLI_OK;
}

static int
case_document_text (RdCliGlobal *global,
                    int          argc,
                    char       **argv)
{
  int options_status;
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF ID — print a text document’s content"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GError) error = NULL;
  const char *data;
  gsize length;
  gint64 id;
  char *end = NULL;

  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 3)
    return rd_cli_usage (_("case document-text needs a case reference and a document id"));

  id = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || id <= 0)
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("“%s” is not a document id"), argv[2]);
      return rd_cli_report_error (error);
    }

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(document = rd_store_get_document (store, id, &error)))
    return rd_cli_report_error (error);

  if (!g_str_equal (document->case_ref, argv[1]))
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("Document %s does not belong to case %s"), argv[2], argv[1]);
      return rd_cli_report_error (error);
    }

  if (!(content = rd_store_get_document_content (store, id, &error)))
    return rd_cli_report_error (error);

  data = g_bytes_get_data (content, &length);
  if (!g_str_has_prefix (document->mime_type, "text/") && !g_str_equal (document->mime_type, "message/rfc822") &&
      !g_str_equal (document->mime_type, "application/json"))
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_INVALID,
                   _("Document %s is not text (it is %s)"), argv[2], document->mime_type);
      return rd_cli_report_error (error);
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_INVALID, _("Document %s is not UTF-8 text"),
                   argv[2]);
      return rd_cli_report_error (error);
    }

  fwrite (data, 1, length, stdout);
  return RD_CLI_OK;
}

static int
case_attach (RdCliGlobal *global,
             int          argc,
             char       **argv)
{
  int options_status;
  g_autofree char *kind = NULL, *name = NULL, *source = NULL, *mime = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("transcript, id-document, evidence, package, letter or record"), "KIND" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name to show (default: the file’s)"), "NAME" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where it came from"), "TEXT" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF FILE — attach a file to a case"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autofree char *data = NULL;
  g_autofree char *basename = NULL;
  gboolean uncertain = FALSE;
  gsize length = 0;
  gint64 id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 3 || kind == NULL)
    return rd_cli_usage (_("case attach needs a case reference, a file and --kind"));

  if ((data = rd_file_read (argv[2], RD_FILE_MAX_INPUT, &length, &error)) == NULL)
    return rd_cli_report_error (error);

  /* The content decides the type, not the file's name. */
  {
    g_autofree char *guessed = g_content_type_guess (NULL, (const guchar *) data, length, &uncertain);
    mime = g_content_type_get_mime_type (guessed);
  }
  basename = g_path_get_basename (argv[2]);
  content = g_bytes_new_take (g_steal_pointer (&data), length);

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !(id = rd_store_add_document (store, argv[1], kind, name ? name : basename,
                                    mime ? mime : "application/octet-stream", content,
                                    source ? source : "upload", &error)))
    return rd_cli_report_error (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return RD_CLI_OK;
}

int
rd_cli_case (RdCliGlobal *global,
             int          argc,
             char       **argv)
{
  static const struct { const char *name; int act; } acts[] = {
    { "pause", ACT_PAUSE }, { "resume", ACT_RESUME }, { "restart", ACT_RESTART },
    { "extend", ACT_EXTEND }, { "close", ACT_CLOSE }, { "status", ACT_STATUS },
    { "note", ACT_NOTE }, { "purge", ACT_PURGE },
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      FILE *out = argc < 2 ? stderr : stdout;

      fprintf (out, "%s\n", _("Usage: rightsdesk-cli case SUBCOMMAND [OPTIONS]"));
      fprintf (out, "%s\n", _("Subcommands: add, list, show, pause, resume, restart, extend, "
                              "close, status, note, purge, attach, documents, document-text, verify"));
      return argc < 2 ? RD_CLI_USAGE : RD_CLI_OK;
    }

  if (g_str_equal (argv[1], "add"))
    return case_add (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return case_list (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return case_show (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "documents"))
    return case_documents (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "document-text"))
    return case_document_text (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "attach"))
    return case_attach (global, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "verify"))
    return rd_cli_case_verify (global, argc - 1, argv + 1);

  for (guint i = 0; i < G_N_ELEMENTS (acts); i++)
    if (g_str_equal (argv[1], acts[i].name))
      return case_act (global, acts[i].act, argc - 1, argv + 1);

  return rd_cli_usage (_("unknown subcommand “case %s”"), argv[1]);
}
