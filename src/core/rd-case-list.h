/* rd-case-list.h: the cases of a query as a GListModel, read from the store page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_LIST (rd_case_list_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseList, rd_case_list, RD, CASE_LIST, GObject)

/* Rows are fetched in pages of this many cases when first asked for. */
#define RD_CASE_LIST_PAGE_SIZE 256
/* How many pages stay in memory; the least recently used one goes first. */
#define RD_CASE_LIST_MAX_PAGES 16

RdCaseList *rd_case_list_new          (RdStore           *store);
RdStore    *rd_case_list_get_store    (RdCaseList        *self);

/* Runs @query on the list's store and shows its result. */
gboolean    rd_case_list_set_query    (RdCaseList        *self,
                                       const RdCaseQuery *query,
                                       GError           **error);
/* The ids of the cases @query finds, in order, like rd_store_query_ids(); cancelling
 * @cancellable (from any thread) stops the query at once with G_IO_ERROR_CANCELLED. Call it
 * on the thread that owns @store. */
GArray     *rd_case_list_query_ids    (RdStore           *store,
                                       const RdCaseQuery *query,
                                       GCancellable      *cancellable,
                                       GError           **error);
/* Shows the cases of @ids in that order (e.g. ids found by rd_store_query_ids() in a worker
 * thread on its own connection). Takes a reference on @ids. Only the positions after the
 * part @ids shares with the ids shown before are announced as changed, and the pages loaded
 * for that shared part are kept. */
void        rd_case_list_set_ids      (RdCaseList        *self,
                                       GArray            *ids);
/* The position of the case with @id, or G_MAXUINT when the list does not show it. */
guint       rd_case_list_find_id      (RdCaseList        *self,
                                       gint64             id);
gint64      rd_case_list_get_id       (RdCaseList        *self,
                                       guint              position);
/* Forgets the loaded rows so the next reads come from the database again. */
void        rd_case_list_invalidate   (RdCaseList        *self);
/* How many pages are held in memory now (for tests). */
guint       rd_case_list_get_n_loaded_pages (RdCaseList  *self);
/* The last error met while loading a page (rows that fail to load come back as NULL). */
const GError *rd_case_list_get_error  (RdCaseList        *self);

G_END_DECLS
