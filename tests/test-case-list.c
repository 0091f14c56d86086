/* test-case-list.c: the paged list model of cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <stdio.h>

#include "rd-case-list.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-error.h"
#include "test-util.h"

static char *
add_case (RdStore       *store,
          const char    *client,
          RdRequestType  type,
          const char    *received,
          const char    *name)
{
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  GDate date = test_date (received);

  rd_case_set_client (item, client);
  rd_case_set_jurisdiction (item, "eu-gdpr");
  rd_case_set_request_type (item, type);
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, name);
  g_assert_true (rd_store_add_case (store, item, &error));
  g_assert_no_error (error);
  return g_strdup (rd_case_get_reference (item));
}

typedef struct
{
  guint position, removed, added, n_signals;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_signals++;
}

/* The list shows exactly the query's cases, in the query's order, as RdCase items. */
static void
test_order (TestDir       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdCaseList) list = NULL;
  const char *received[] = { "2026-03-05", "2026-01-10", "2026-02-20" };
  const char *names[] = { "March Person", "January Person", "February Person" };
  RdCaseQuery query;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (received); i++)
    g_free (add_case (store, "Acme Retail", RD_REQUEST_ACCESS, received[i], names[i]));

  list = rd_case_list_new (store);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RD_TYPE_CASE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  rd_case_query_init (&query);
  query.sort = RD_CASE_SORT_RECEIVED;
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  {
    const char *expected[] = { "January Person", "February Person", "March Person" };

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_nonnull (item);
        g_assert_cmpstr (rd_case_get_subject_name (item), ==, expected[i]);
        g_assert_cmpint (rd_case_list_get_id (list, i), ==, rd_case_get_id (item));
        g_assert_cmpuint (rd_case_list_find_id (list, rd_case_get_id (item)), ==, i);
      }
  }

  query.descending = TRUE;
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  {
    g_autoptr (RdCase) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (rd_case_get_subject_name (first), ==, "March Person");
  }

  /* Past the end there is nothing, and no crash. */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 3));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), G_MAXUINT));
  g_assert_cmpuint (rd_case_list_find_id (list, 999999), ==, G_MAXUINT);
}

/* A new query replaces the whole content in one items-changed; filters and search apply. */
static void
test_filters (TestDir       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdCaseList) list = NULL;
  g_autofree char *erasure_ref = NULL;
  Changes changes = { 0 };
  RdCaseQuery query;

  g_assert_no_error (error);
  g_free (add_case (store, "Acme Retail", RD_REQUEST_ACCESS, "2026-03-02", "Anna Eriksson"));
  g_free (add_case (store, "Acme Retail", RD_REQUEST_ACCESS, "2026-03-03", "Bruno Costa"));
  erasure_ref = add_case (store, "Globex", RD_REQUEST_ERASURE, "2026-03-04", "Chiara Rossi");
  g_free (add_case (store, "Globex", RD_REQUEST_ACCESS, "2026-03-05", "Anna Lindqvist"));

  list = rd_case_list_new (store);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  rd_case_query_init (&query);
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 4);

  query.client = "Globex";
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 4);
  g_assert_cmpuint (changes.added, ==, 2);

  query.types = 1 << RD_REQUEST_ERASURE;
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (rd_case_get_reference (item), ==, erasure_ref);
  }

  /* Search as typed in the window: a first name prefix finds both Annas, and only them. */
  rd_case_query_init (&query);
  query.search = "ann";
  query.sort = RD_CASE_SORT_SUBJECT;
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  {
    g_autoptr (RdCase) a = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr (RdCase) b = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpstr (rd_case_get_subject_name (a), ==, "Anna Eriksson");
    g_assert_cmpstr (rd_case_get_subject_name (b), ==, "Anna Lindqvist");
  }
}

/* Rows are read page by page on demand and only a bounded number of pages is kept. */
static void
test_paging (TestDir       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdCaseList) list = NULL;
  const guint n_cases = RD_CASE_LIST_PAGE_SIZE * (RD_CASE_LIST_MAX_PAGES + 4) + 17;
  g_autoptr (GArray) ids = NULL;
  RdCaseQuery query;
  guint n;

  g_assert_no_error (error);
  g_assert_true (rd_demo_fill (store, n_cases, 7, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  list = rd_case_list_new (store);
  rd_case_query_init (&query);
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, n_cases);
  /* Counting rows loads none of them. */
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 0);

  {
    g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (list), 5);
    g_assert_nonnull (item);
  }
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 1);
  {
    /* Same page: nothing more is read. */
    g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (list), RD_CASE_LIST_PAGE_SIZE - 1);
    g_assert_nonnull (item);
  }
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 1);

  /* Walking the whole list keeps at most the LRU's pages, and every row is the right one. */
  ids = rd_store_query_ids (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (item);
      g_assert_cmpint (rd_case_get_id (item), ==, g_array_index (ids, gint64, i));
      g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), <=, RD_CASE_LIST_MAX_PAGES);
    }
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, RD_CASE_LIST_MAX_PAGES);

  /* The last, short page. */
  {
    g_autoptr (RdCase) last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
    g_assert_cmpint (rd_case_get_id (last), ==, g_array_index (ids, gint64, n - 1));
  }

  rd_case_list_invalidate (list);
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 0);
}

/* A change to a shown case is announced at its position and the new state is read back. */
static void
test_case_changed (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdCaseList) list = NULL;
  g_autofree char *ref = NULL;
  Changes changes = { 0 };
  RdCaseQuery query;

  g_assert_no_error (error);
  g_free (add_case (store, "Acme Retail", RD_REQUEST_ACCESS, "2026-03-02", "First"));
  ref = add_case (store, "Acme Retail", RD_REQUEST_ACCESS, "2026-03-03", "Second");

  list = rd_case_list_new (store);
  rd_case_query_init (&query);
  query.sort = RD_CASE_SORT_RECEIVED;
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  {
    g_autoptr (RdCase) before = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpstr (rd_case_get_reference (before), ==, ref);
    g_assert_null (rd_case_get_paused_since (before));
  }

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  {
    GDate on = test_date ("2026-03-10");
    g_assert_true (rd_store_pause_case (store, ref, &on, "Asked for proof of identity", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  {
    g_autoptr (RdCase) after = g_list_model_get_item (G_LIST_MODEL (list), 1);
    const GDate *since = rd_case_get_paused_since (after);
    g_autofree char *text = NULL;

    g_assert_nonnull (since);
    text = rd_date_format (since);
    g_assert_cmpstr (text, ==, "2026-03-10");
  }
}

/* The list outlives nothing it should not: the store is released with it. */
static void
test_lifetime (TestDir       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (fixture->db, &error);
  RdCaseList *list;
  RdCaseQuery query;

  g_assert_no_error (error);
  g_free (add_case (store, "Acme Retail", RD_REQUEST_ACCESS, "2026-03-02", "Only"));
  list = rd_case_list_new (store);
  rd_case_query_init (&query);
  g_assert_true (rd_case_list_set_query (list, &query, &error));
  {
    g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_nonnull (item);
  }
  g_assert_finalize_object (list);
  g_assert_finalize_object (store);
}

/* A result that starts as its first page and then arrives whole is announced as rows added
 * at the end: the rows already shown (and their loaded page) stay. */
static void
test_grow (TestDir       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdCaseList) list = NULL;
  g_autoptr (GArray) all = NULL;
  g_autoptr (GArray) first = NULL;
  g_autoptr (GArray) other = NULL;
  g_autoptr (RdCase) shown = NULL;
  const guint n_cases = RD_CASE_LIST_PAGE_SIZE * 3;
  Changes changes = { 0 };
  RdCaseQuery query;

  g_assert_no_error (error);
  g_assert_true (rd_demo_fill (store, n_cases, 11, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  rd_case_query_init (&query);
  all = rd_store_query_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n_cases);
  query.limit = RD_CASE_LIST_PAGE_SIZE;
  first = rd_store_query_ids (store, &query, &error);
  g_assert_cmpuint (first->len, ==, RD_CASE_LIST_PAGE_SIZE);

  list = rd_case_list_new (store);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  rd_case_list_set_ids (list, first);
  g_assert_cmpuint (changes.added, ==, RD_CASE_LIST_PAGE_SIZE);
  shown = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 1);

  rd_case_list_set_ids (list, all);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.position, ==, RD_CASE_LIST_PAGE_SIZE);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, n_cases - RD_CASE_LIST_PAGE_SIZE);
  /* The first page was not read again: the very same object comes back. */
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 1);
  {
    g_autoptr (RdCase) again = g_list_model_get_item (G_LIST_MODEL (list), 3);
    g_assert_true (again == shown);
  }

  /* The same ids again: nothing to announce. */
  rd_case_list_set_ids (list, all);
  g_assert_cmpuint (changes.n_signals, ==, 2);

  /* A result that differs from its second row on: everything after the first row changes. */
  other = g_array_copy (all);
  g_array_remove_index (other, 1);
  rd_case_list_set_ids (list, other);
  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, n_cases - 1);
  g_assert_cmpuint (changes.added, ==, n_cases - 2);
  g_assert_cmpuint (rd_case_list_get_n_loaded_pages (list), ==, 0);
  {
    g_autoptr (RdCase) moved = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpint (rd_case_get_id (moved), ==, g_array_index (all, gint64, 2));
  }
}

typedef struct
{
  const char   *db;
  GCancellable *cancellable;
  guint         expected;
  guint         finished;
  guint         cancelled;
  gboolean      started;
} CancelRun;

static gpointer
cancel_thread (gpointer data)
{
  CancelRun *run = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (run->db, &error);
  RdCaseQuery query;

  g_assert_no_error (error);
  rd_case_query_init (&query);
  query.sort = RD_CASE_SORT_SUBJECT;
  query.search = "a";
  g_atomic_int_set (&run->started, TRUE);
  while (TRUE)
    {
      g_autoptr (GArray) ids = rd_case_list_query_ids (store, &query, run->cancellable, &error);

      if (ids == NULL)
        {
          /* The only way to fail here is to be cancelled, and then nothing half-done. */
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          run->cancelled++;
          return NULL;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, run->expected);
      run->finished++;
    }
}

/* A query that is no longer wanted stops with G_IO_ERROR_CANCELLED, even from another thread
 * while it runs; otherwise it returns what rd_store_query_ids() returns. */
static void
test_cancel (TestDir       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) plain = NULL;
  g_autoptr (GArray) ids = NULL;
  CancelRun run = { 0 };
  GThread *thread;
  RdCaseQuery query;

  g_assert_no_error (error);
  g_assert_true (rd_demo_fill (store, 4000, 5, NULL, NULL, NULL, &error));
  rd_case_query_init (&query);
  query.sort = RD_CASE_SORT_SUBJECT;
  plain = rd_store_query_ids (store, &query, &error);
  ids = rd_case_list_query_ids (store, &query, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, plain->len);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), plain->data, plain->len * sizeof (gint64));
  g_clear_pointer (&ids, g_array_unref);

  /* Many demo subjects have a word starting with "a": enough work to be cancelled midway. */
  query.search = "a";
  g_clear_pointer (&plain, g_array_unref);
  plain = rd_store_query_ids (store, &query, &error);
  g_assert_cmpuint (plain->len, >, 0);
  run.expected = plain->len;
  run.db = fixture->db;
  run.cancellable = cancellable;
  thread = g_thread_new ("query", cancel_thread, &run);
  while (!g_atomic_int_get (&run.started))
    g_usleep (1000);
  g_usleep (20000);
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);
  g_assert_cmpuint (run.cancelled, ==, 1);

  /* Cancelled before it starts: no query at all. */
  ids = rd_case_list_query_ids (store, &query, cancellable, &error);
  g_assert_null (ids);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RIGHTSDESK_TODAY", "2026-03-20", TRUE);

  g_test_add ("/core/case-list/order", TestDir, NULL, test_dir_setup, test_order, test_dir_teardown);
  g_test_add ("/core/case-list/filters", TestDir, NULL, test_dir_setup, test_filters,
              test_dir_teardown);
  g_test_add ("/core/case-list/paging", TestDir, NULL, test_dir_setup, test_paging,
              test_dir_teardown);
  g_test_add ("/core/case-list/case-changed", TestDir, NULL, test_dir_setup, test_case_changed,
              test_dir_teardown);
  g_test_add ("/core/case-list/grow", TestDir, NULL, test_dir_setup, test_grow, test_dir_teardown);
  g_test_add ("/core/case-list/cancel", TestDir, NULL, test_dir_setup, test_cancel,
              test_dir_teardown);
  g_test_add ("/core/case-list/lifetime", TestDir, NULL, test_dir_setup, test_lifetime,
              test_dir_teardown);

  return g_test_run ();
}
