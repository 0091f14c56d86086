/* rd-case-query-job.h: runs a case query in a worker thread, on its own connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-gui-util.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Finds the ids of the cases matching @filter and @search, sorted by @sort, without blocking
 * the main loop: the worker opens its own RdStore on @path (one SQLite connection per thread).
 * @limit > 0 returns only the first @limit ids. Cancelling stops the query where it is. */
void    rd_case_query_ids_async  (const char          *path,
                                  const RdCaseFilter  *filter,
                                  const char          *search,
                                  RdCaseSort           sort,
                                  gboolean             descending,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The calling worker thread's own connection to @path, opened on first use and kept for the
 * next job of the same thread (owned by the thread). */
RdStore *rd_case_query_worker_store (const char   *path,
                                     GError      **error);
GArray *rd_case_query_ids_finish (GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
