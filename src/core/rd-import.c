/* rd-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-private.h"
#include "rd-csv.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-import.h"
#include "rd-store-private.h"

typedef enum
{
  COL_CLIENT,
  COL_TYPE,
  COL_JURISDICTION,
  COL_RECEIVED,
  COL_SUBJECT_NAME,
  COL_SUBJECT_EMAIL,
  COL_SUBJECT_PHONE,
  COL_SUBJECT_ADDRESS,
  COL_SUBJECT_ACCOUNT,
  COL_CHANNEL,
  COL_CALENDAR,
  COL_ASSIGNEE,
  COL_STATUS,
  COL_OUTCOME,
  COL_OUTCOME_REASON,
  COL_RESPONSE_DATE,
  N_COLUMNS
} Column;

#define N_REQUIRED (COL_SUBJECT_NAME + 1)

static const struct
{
  Column      column;
  const char *name;
} column_names[] = {
  { COL_CLIENT, "client" },
  { COL_TYPE, "type" }, { COL_TYPE, "request_type" },
  { COL_JURISDICTION, "jurisdiction" }, { COL_JURISDICTION, "law" },
  { COL_RECEIVED, "received" }, { COL_RECEIVED, "date_received" },
  { COL_RECEIVED, "received_date" },
  { COL_SUBJECT_NAME, "subject_name" }, { COL_SUBJECT_NAME, "name" },
  { COL_SUBJECT_NAME, "requester" },
  { COL_SUBJECT_EMAIL, "subject_email" }, { COL_SUBJECT_EMAIL, "email" },
  { COL_SUBJECT_PHONE, "subject_phone" }, { COL_SUBJECT_PHONE, "phone" },
  { COL_SUBJECT_ADDRESS, "subject_address" }, { COL_SUBJECT_ADDRESS, "address" },
  { COL_SUBJECT_ACCOUNT, "subject_account" }, { COL_SUBJECT_ACCOUNT, "account" },
  { COL_CHANNEL, "channel" },
  { COL_CALENDAR, "calendar" },
  { COL_ASSIGNEE, "assignee" },
  { COL_STATUS, "status" },
  { COL_OUTCOME, "outcome" },
  { COL_OUTCOME_REASON, "outcome_reason" }, { COL_OUTCOME_REASON, "reason" },
  { COL_RESPONSE_DATE, "response_date" }, { COL_RESPONSE_DATE, "responded" },
};

static const char * const canonical[N_COLUMNS] = {
  "client", "type", "jurisdiction", "received", "subject_name", "subject_email",
  "subject_phone", "subject_address", "subject_account", "channel", "calendar", "assignee",
  "status", "outcome", "outcome_reason", "response_date",
};

/* "Subject name", "subject-name" and "SUBJECT_NAME" all name the same column. */
static char *
normalise_header (const char *header)
{
  g_autofree char *stripped = g_strstrip (g_strdup (header));
  GString *out = g_string_new (NULL);

  for (const char *p = stripped; *p; p++)
    out = g_string_append_c (out, (*p == ' ' || *p == '-') ? '_' : g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

void
rd_import_report_free (RdImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->references);
  g_free (report);
}

static void
problem_free (RdImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

/* A list inside one cell: "a@x.org; b@y.org". */
static GStrv
split_list (const char *cell)
{
  g_auto (GStrv) parts = g_strsplit_set (cell, ";|\n", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    {
      char *v = g_strstrip (parts[i]);
      if (*v)
        g_ptr_array_add (out, g_strdup (v));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

static const char *
cell (GPtrArray *fields,
      const int  map[N_COLUMNS],
      Column     column)
{
  const char *value;

  if (map[column] < 0 || (guint) map[column] >= fields->len)
    return NULL;

  value = g_ptr_array_index (fields, map[column]);
  while (*value == ' ')
    value++;
  return *value ? value : NULL;
}

static gboolean
import_record (RdStore    *store,
               GPtrArray  *fields,
               const int   map[N_COLUMNS],
               char      **reference,
               GError    **error)
{
  g_autoptr (RdCase) item = rd_case_new ();
  const char *value;
  GDate date;

  for (Column c = 0; c < N_REQUIRED; c++)
    if (cell (fields, map, c) == NULL)
      {
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("“%s” is empty"), canonical[c]);
        return FALSE;
      }

  rd_case_set_client (item, cell (fields, map, COL_CLIENT));
  if (!rd_request_type_from_string (cell (fields, map, COL_TYPE), &item->type))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown request type “%s”"),
                   cell (fields, map, COL_TYPE));
      return FALSE;
    }
  rd_case_set_jurisdiction (item, cell (fields, map, COL_JURISDICTION));
  if (!rd_date_parse (cell (fields, map, COL_RECEIVED), &date, error))
    return FALSE;
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, cell (fields, map, COL_SUBJECT_NAME));

  if ((value = cell (fields, map, COL_SUBJECT_EMAIL)))
    item->subject_emails = split_list (value);
  if ((value = cell (fields, map, COL_SUBJECT_PHONE)))
    item->subject_phones = split_list (value);
  if ((value = cell (fields, map, COL_SUBJECT_ACCOUNT)))
    item->subject_accounts = split_list (value);
  rd_case_set_subject_address (item, cell (fields, map, COL_SUBJECT_ADDRESS));
  rd_case_set_calendar (item, cell (fields, map, COL_CALENDAR));
  rd_case_set_assignee (item, cell (fields, map, COL_ASSIGNEE));

  if ((value = cell (fields, map, COL_CHANNEL)) && !rd_channel_from_string (value, &item->channel))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown channel “%s”"), value);
      return FALSE;
    }

  if ((value = cell (fields, map, COL_STATUS)) && !rd_case_status_from_string (value, &item->status))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown status “%s”"), value);
      return FALSE;
    }

  if ((value = cell (fields, map, COL_OUTCOME)))
    {
      GDate today;

      if (!rd_outcome_from_string (value, &item->outcome) || item->outcome == RD_OUTCOME_NONE)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown outcome “%s”"), value);
          return FALSE;
        }
      if (!(value = cell (fields, map, COL_RESPONSE_DATE)))
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                               _("A case with an outcome needs its response_date"));
          return FALSE;
        }
      if (!rd_date_parse (value, &item->response_date, error))
        return FALSE;
      rd_date_today (&today);
      if (g_date_compare (&item->response_date, &item->received) < 0 ||
          g_date_compare (&item->response_date, &today) > 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("The response date %s is before the request or in the future"), value);
          return FALSE;
        }
      item->outcome_reason = g_strdup (cell (fields, map, COL_OUTCOME_REASON));
      item->status = RD_STATUS_CLOSED;
    }
  else if (!rd_case_status_is_open (item->status))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A closed case needs its outcome and response_date"));
      return FALSE;
    }

  if (!rd_store_add_case_history (store, item, NULL, 0, error))
    return FALSE;

  *reference = g_strdup (rd_case_get_reference (item));
  return TRUE;
}

RdImportReport *
rd_import_csv (RdStore           *store,
               const char        *data,
               gsize              length,
               gboolean           skip_invalid,
               RdImportProgress   progress,
               gpointer           user_data,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr (RdCsvReader) reader = NULL;
  g_autoptr (RdImportReport) report = NULL;
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *fields = NULL;
  int map[N_COLUMNS];
  guint line = 0;
  sqlite3 *db;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  reader = rd_csv_reader_new (data, length, error);
  if (reader == NULL)
    return NULL;

  if (!rd_csv_reader_next (reader, &fields, &line, error))
    {
      if (error && !*error)
        g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("The file is empty"));
      return NULL;
    }

  for (Column c = 0; c < N_COLUMNS; c++)
    map[c] = -1;

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = normalise_header (g_ptr_array_index (fields, i));
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (column_names); k++)
        if (g_str_equal (name, column_names[k].name))
          {
            Column column = column_names[k].column;

            /* Two columns for one field ("email" and "subject_email"): which one is meant
             * cannot be guessed, and taking either would drop the other's values. */
            if (map[column] >= 0)
              {
                g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                             /* Translators: two column headers of a CSV file, then the field */
                             _("The columns “%s” and “%s” are the same field, %s: keep one of them"),
                             (const char *) g_ptr_array_index (fields, map[column]),
                             (const char *) g_ptr_array_index (fields, i), canonical[column]);
                return NULL;
              }
            map[column] = i;
            known = TRUE;
          }

      if (!known)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("Unknown column “%s” in the first line"),
                       (const char *) g_ptr_array_index (fields, i));
          return NULL;
        }
    }

  for (Column c = 0; c < N_REQUIRED; c++)
    if (map[c] < 0)
      {
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("The file has no “%s” column (the first line must name the columns)"),
                     canonical[c]);
        return NULL;
      }

  /* Read everything first: a malformed record anywhere stops the import before it starts. */
  while (rd_csv_reader_next (reader, &fields, &line, error))
    {
      GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < fields->len; i++)
        g_ptr_array_add (copy, g_strdup (g_ptr_array_index (fields, i)));
      g_ptr_array_add (records, copy);
      g_array_append_val (lines, line);
    }
  if (error && *error)
    return NULL;

  report = g_new0 (RdImportReport, 1);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  report->references = g_ptr_array_new_with_free_func (g_free);

  /* One transaction for the whole file, a savepoint per record: a bad record leaves nothing
   * behind, and a killed import leaves nothing at all. */
  db = rd_store_get_db (store);
  if (!rd_store_begin (store, error))
    return NULL;
  rd_store_set_bulk (store, TRUE);

  for (guint r = 0; r < records->len; r++)
    {
      g_autoptr (GError) row_error = NULL;
      g_autofree char *reference = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      sqlite3_exec (db, "SAVEPOINT record", NULL, NULL, NULL);
      if (import_record (store, g_ptr_array_index (records, r), map, &reference, &row_error))
        {
          sqlite3_exec (db, "RELEASE record", NULL, NULL, NULL);
          g_ptr_array_add (report->references, g_steal_pointer (&reference));
        }
      else
        {
          RdImportProblem *problem = g_new0 (RdImportProblem, 1);

          sqlite3_exec (db, "ROLLBACK TO record; RELEASE record", NULL, NULL, NULL);
          problem->line = g_array_index (lines, guint, r);
          problem->message = g_strdup (row_error->message);
          g_ptr_array_add (report->problems, problem);

          /* A database failure is not the record's fault. */
          if (!g_error_matches (row_error, RD_ERROR, RD_ERROR_INVALID) &&
              !g_error_matches (row_error, RD_ERROR, RD_ERROR_NOT_FOUND) &&
              !g_error_matches (row_error, RD_ERROR, RD_ERROR_WORKFLOW))
            {
              g_propagate_error (error, g_steal_pointer (&row_error));
              goto fail;
            }
        }

      if (progress != NULL && (r % 1000 == 999 || r + 1 == records->len))
        progress (r + 1, records->len, user_data);
    }

  if (report->problems->len > 0 && !skip_invalid)
    {
      rd_store_rollback (store);
      rd_store_set_bulk (store, FALSE);
      report->skipped = records->len;
      g_ptr_array_set_size (report->references, 0);
      return g_steal_pointer (&report);
    }

  if (!rd_store_flush_bulk (store, error) || !rd_store_commit (store, error))
    goto fail;

  rd_store_set_bulk (store, FALSE);
  report->imported = report->references->len;
  report->skipped = report->problems->len;
  return g_steal_pointer (&report);

fail:
  rd_store_rollback (store);
  rd_store_set_bulk (store, FALSE);
  return NULL;
}
