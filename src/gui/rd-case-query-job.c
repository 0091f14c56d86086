/* rd-case-query-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case-query-job"

#include "config.h"

#include "rd-case-list.h"
#include "rd-case-query-job.h"

typedef struct
{
  char         *path;
  RdCaseFilter  filter;
  char         *search;
  RdCaseSort    sort;
  gboolean      descending;
  guint         limit;
} QueryData;

static void
query_data_free (gpointer data)
{
  QueryData *q = data;

  g_free (q->path);
  rd_case_filter_clear (&q->filter);
  g_free (q->search);
  g_free (q);
}

/* Each worker keeps one connection of its own per database, reused by the next query the
 * same thread runs: opening costs a few milliseconds, which search as you type notices. */
static GPrivate worker_store = G_PRIVATE_INIT (g_object_unref);

RdStore *
rd_case_query_worker_store (const char  *path,
                            GError     **error)
{
  RdStore *store = g_private_get (&worker_store);

  if (store != NULL && g_strcmp0 (rd_store_get_path (store), path) == 0)
    return store;

  store = rd_store_open (path, error);
  if (store == NULL)
    return NULL;

  g_private_replace (&worker_store, store);
  return store;
}

static void
query_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *q = task_data;
  g_autoptr (GError) error = NULL;
  RdCaseQuery query;
  RdStore *store;
  GArray *ids;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = rd_case_query_worker_store (q->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rd_case_query_init (&query);
  rd_case_filter_apply (&q->filter, &query);
  query.search = q->search;
  query.sort = q->sort;
  query.descending = q->descending;
  query.limit = q->limit;

  ids = rd_case_list_query_ids (store, &query, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
rd_case_query_ids_async (const char          *path,
                         const RdCaseFilter  *filter,
                         const char          *search,
                         RdCaseSort           sort,
                         gboolean             descending,
                         guint                limit,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  QueryData *q;

  g_return_if_fail (path != NULL);
  g_return_if_fail (filter != NULL);

  q = g_new0 (QueryData, 1);
  q->path = g_strdup (path);
  rd_case_filter_copy (&q->filter, filter);
  q->search = (search != NULL && *search != '\0') ? g_strdup (search) : NULL;
  q->sort = sort;
  q->descending = descending;
  q->limit = limit;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_case_query_ids_async);
  g_task_set_task_data (task, q, query_data_free);
  g_task_run_in_thread (task, query_worker);
}

GArray *
rd_case_query_ids_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
