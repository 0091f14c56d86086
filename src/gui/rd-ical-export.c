/* rd-ical-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-ical-export"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-ical-export.h"
#include "rd-ical.h"
#include "rd-jurisdiction.h"
#include "rd-store.h"

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

  g_autoptr (RdJurisdiction) law = rd_jurisdiction_lookup (fact->jurisdiction, NULL);

  /* The law by its name: the id is the database's. */
  rd_ical_writer_add_event (state->writer, uid, &fact->effective_due, summary,
                            law ? rd_jurisdiction_get_name (law) : fact->jurisdiction);
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
      rd_ical_writer_free (state.writer);
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
