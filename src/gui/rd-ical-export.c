/* rd-ical-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-ical-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-ical-export.h"
#include "rd-store.h"

#if __has_include ("rd-ical.h")
# include "rd-ical.h"
#else
/* Until the core's RdIcalWriter lands, a small writer with the same calls (RFC 5545: CRLF,
 * lines folded at 75 octets without splitting a character, TEXT escaping, all-day events). */
typedef struct
{
  GString *out;
  char    *stamp;
} RdIcalWriter;

static void
ical_line (GString    *out,
           const char *line)
{
  gsize len = strlen (line), start = 0, width = 75;

  while (len - start > width)
    {
      gsize cut = start + width;

      while (cut > start && (line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      width = 74;  /* the leading space counts */
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static char *
ical_escape (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ';' || *p == ',')
        g_string_append_c (s, '\\'), g_string_append_c (s, *p);
      else if (*p == '\n')
        g_string_append (s, "\\n");
      else if (*p != '\r')
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static RdIcalWriter *
rd_ical_writer_new (void)
{
  RdIcalWriter *w = g_new0 (RdIcalWriter, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  w->out = g_string_new (NULL);
  w->stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  ical_line (w->out, "BEGIN:VCALENDAR");
  ical_line (w->out, "VERSION:2.0");
  ical_line (w->out, "PRODID:-//Rights Desk//Due dates//EN");
  ical_line (w->out, "CALSCALE:GREGORIAN");
  return w;
}

static void
rd_ical_writer_add_event (RdIcalWriter *w,
                          const char   *uid,
                          const GDate  *date,
                          const char   *summary,
                          const char   *description)
{
  GDate next = *date;
  char day[16], after[16];
  g_autofree char *s = ical_escape (summary);
  g_autofree char *d = ical_escape (description);
  g_autofree char *line = NULL;

  g_date_add_days (&next, 1);
  g_date_strftime (day, sizeof day, "%Y%m%d", date);
  g_date_strftime (after, sizeof after, "%Y%m%d", &next);
  ical_line (w->out, "BEGIN:VEVENT");
  line = g_strdup_printf ("UID:%s", uid);
  ical_line (w->out, line);
  g_free (line);
  line = g_strdup_printf ("DTSTAMP:%s", w->stamp);
  ical_line (w->out, line);
  g_free (line);
  line = g_strdup_printf ("DTSTART;VALUE=DATE:%s", day);
  ical_line (w->out, line);
  g_free (line);
  line = g_strdup_printf ("DTEND;VALUE=DATE:%s", after);
  ical_line (w->out, line);
  g_free (line);
  line = g_strdup_printf ("SUMMARY:%s", s);
  ical_line (w->out, line);
  g_free (line);
  if (description != NULL)
    {
      line = g_strdup_printf ("DESCRIPTION:%s", d);
      ical_line (w->out, line);
    }
  ical_line (w->out, "END:VEVENT");
}

static char *
rd_ical_writer_finish (RdIcalWriter *w,
                       gsize        *length)
{
  char *text;

  ical_line (w->out, "END:VCALENDAR");
  if (length != NULL)
    *length = w->out->len;
  text = g_string_free (w->out, FALSE);
  g_free (w->stamp);
  g_free (w);
  return text;
}
#endif

typedef struct
{
  char         *db_path;
  GFile        *file;
  RdCaseFilter  filter;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  g_free (d->db_path);
  g_clear_object (&d->file);
  rd_case_filter_clear (&d->filter);
  g_free (d);
}

typedef struct
{
  RdIcalWriter *writer;
  GCancellable *cancellable;
  guint         n;
} ExportState;

static gboolean
export_fact_cb (const RdCaseFact *fact,
                gpointer          user_data)
{
  ExportState *state = user_data;
  g_autofree char *uid = g_strdup_printf ("%s@rightsdesk", fact->reference);
  /* Translators: an exported calendar event, e.g. "RD-2026-000123 due: Access (Acme)" */
  g_autofree char *summary = g_strdup_printf (_("%s due: %s (%s)"), fact->reference,
                                              rd_request_type_to_label (fact->type),
                                              fact->client);

  rd_ical_writer_add_event (state->writer, uid, &fact->effective_due, summary, fact->jurisdiction);
  state->n++;
  return !g_cancellable_is_cancelled (state->cancellable);
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (d->db_path, &error);
  g_autofree char *text = NULL;
  ExportState state = { 0 };
  RdCaseQuery query;
  gsize length = 0;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rd_case_query_init (&query);
  rd_case_filter_apply (&d->filter, &query);
  if (query.statuses == 0)
    for (guint i = 0; i < RD_N_STATUSES; i++)
      if (rd_case_status_is_open (i))
        query.statuses |= 1u << i;
  query.sort = RD_CASE_SORT_DUE;

  state.writer = rd_ical_writer_new ();
  state.cancellable = cancellable;
  if (!rd_store_foreach_fact (store, &query, export_fact_cb, &state, &error))
    {
      g_free (rd_ical_writer_finish (state.writer, NULL));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  text = rd_ical_writer_finish (state.writer, &length);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Replaced in one step: a failed write never leaves half a file. */
  if (!g_file_replace_contents (d->file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, state.n);
}

void
rd_ical_export_async (GObject             *source,
                      const char          *db_path,
                      GFile               *file,
                      const RdCaseFilter  *filter,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ExportData *d;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (filter != NULL);

  d = g_new0 (ExportData, 1);
  d->db_path = g_strdup (db_path);
  d->file = g_object_ref (file);
  rd_case_filter_copy (&d->filter, filter);

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_ical_export_async);
  g_task_set_task_data (task, d, export_data_free);
  g_task_run_in_thread (task, export_worker);
}

guint
rd_ical_export_finish (GAsyncResult  *result,
                       GError       **error)
{
  gssize n;

  g_return_val_if_fail (G_IS_TASK (result), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}
