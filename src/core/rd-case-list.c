/* rd-case-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-case-list.h"
#include "rd-store-private.h"

typedef struct
{
  guint      index;     /* page number */
  GPtrArray *cases;     /* RdCase, in list order */
  GList     *lru_link;  /* in self->lru; head is the most recent */
} Page;

struct _RdCaseList
{
  GObject     parent_instance;

  RdStore    *store;
  GArray     *ids;      /* gint64, the list's order */
  GHashTable *pages;    /* page index -> Page */
  GQueue      lru;      /* Page*, most recently used first */
  GError     *error;
  gulong      changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCaseList, rd_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_STORE, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->cases, g_ptr_array_unref);
  g_free (page);
}

static void
drop_pages (RdCaseList *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
}

static GType
rd_case_list_get_item_type (GListModel *model)
{
  return RD_TYPE_CASE;
}

static guint
rd_case_list_get_n_items (GListModel *model)
{
  RdCaseList *self = RD_CASE_LIST (model);

  return self->ids->len;
}

/* Rows whose case is gone are NULL, which g_object_unref() refuses. */
static void
unref_case (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static Page *
load_page (RdCaseList *self,
           guint       index)
{
  g_autoptr (GError) error = NULL;
  guint start = index * RD_CASE_LIST_PAGE_SIZE;
  guint n = MIN (RD_CASE_LIST_PAGE_SIZE, self->ids->len - start);
  GPtrArray *cases;
  Page *page;

  cases = rd_store_load_cases (self->store, &g_array_index (self->ids, gint64, start), n, &error);
  if (cases == NULL)
    {
      g_warning ("%s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }

  /* A case deleted since the ids were read leaves the page short; keep positions aligned
   * by matching ids rather than assuming one row per id. */
  if (cases->len != n)
    {
      g_autoptr (GPtrArray) aligned = g_ptr_array_new_full (n, unref_case);

      for (guint i = 0, j = 0; i < n; i++)
        {
          gint64 id = g_array_index (self->ids, gint64, start + i);

          if (j < cases->len && rd_case_get_id (g_ptr_array_index (cases, j)) == id)
            g_ptr_array_add (aligned, g_object_ref (g_ptr_array_index (cases, j++)));
          else
            g_ptr_array_add (aligned, NULL);
        }
      g_ptr_array_unref (cases);
      cases = g_steal_pointer (&aligned);
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->cases = cases;

  while (g_queue_get_length (&self->lru) >= RD_CASE_LIST_MAX_PAGES)
    {
      Page *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }

  g_queue_push_head (&self->lru, page);
  page->lru_link = self->lru.head;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

  return page;
}

static gpointer
rd_case_list_get_item (GListModel *model,
                       guint       position)
{
  RdCaseList *self = RD_CASE_LIST (model);
  guint index = position / RD_CASE_LIST_PAGE_SIZE;
  gpointer item;
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    {
      g_queue_unlink (&self->lru, page->lru_link);
      g_queue_push_head_link (&self->lru, page->lru_link);
    }
  else
    {
      page = load_page (self, index);
      if (page == NULL)
        return NULL;
    }

  item = g_ptr_array_index (page->cases, position % RD_CASE_LIST_PAGE_SIZE);
  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_case_list_get_item_type;
  iface->get_n_items = rd_case_list_get_n_items;
  iface->get_item = rd_case_list_get_item;
}

/* A changed case is re-read in place when it is loaded; cases that enter or leave the
 * query's result are the owner's business (it runs the query again). */
static void
case_changed_cb (RdStore    *store,
                 const char *reference,
                 RdCaseList *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->cases->len; i++)
        {
          RdCase *item = g_ptr_array_index (page->cases, i);
          guint position;

          if (item == NULL || g_strcmp0 (rd_case_get_reference (item), reference) != 0)
            continue;

          position = page->index * RD_CASE_LIST_PAGE_SIZE + i;
          g_queue_unlink (&self->lru, page->lru_link);
          g_list_free (page->lru_link);
          g_hash_table_iter_remove (&iter);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
          return;
        }
    }
}

static void
rd_case_list_dispose (GObject *object)
{
  RdCaseList *self = RD_CASE_LIST (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  drop_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_case_list_parent_class)->dispose (object);
}

static void
rd_case_list_finalize (GObject *object)
{
  RdCaseList *self = RD_CASE_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (rd_case_list_parent_class)->finalize (object);
}

static void
rd_case_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdCaseList *self = RD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RdCaseList *self = RD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      if (self->store != NULL)
        self->changed_id = g_signal_connect (self->store, "case-changed",
                                             G_CALLBACK (case_changed_cb), self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_list_class_init (RdCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_case_list_dispose;
  object_class->finalize = rd_case_list_finalize;
  object_class->get_property = rd_case_list_get_property;
  object_class->set_property = rd_case_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_case_list_init (RdCaseList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  g_queue_init (&self->lru);
}

RdCaseList *
rd_case_list_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_CASE_LIST, "store", store, NULL);
}

RdStore *
rd_case_list_get_store (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);

  return self->store;
}

/* Pages that lie wholly inside the first @keep positions stay valid; the others go. */
static void
drop_pages_from (RdCaseList *self,
                 guint       keep)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      if ((page->index + 1) * RD_CASE_LIST_PAGE_SIZE <= keep)
        continue;

      g_queue_delete_link (&self->lru, page->lru_link);
      g_hash_table_iter_remove (&iter);
    }
}

void
rd_case_list_set_ids (RdCaseList *self,
                      GArray     *ids)
{
  guint old_n, common = 0;

  g_return_if_fail (RD_IS_CASE_LIST (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  old_n = self->ids->len;

  /* Only what differs is announced: a result that grows from its first page to the whole
   * list (or a reload that changes little) keeps GTK's rows and the loaded pages. */
  if (ids == self->ids)
    common = old_n;
  else
    {
      const gint64 *a = (const gint64 *) (gpointer) self->ids->data;
      const gint64 *b = (const gint64 *) (gpointer) ids->data;
      guint n = MIN (old_n, ids->len);

      while (common < n && a[common] == b[common])
        common++;
    }

  drop_pages_from (self, common);
  g_clear_error (&self->error);
  g_array_ref (ids);
  g_array_unref (self->ids);
  self->ids = ids;

  if (old_n - common > 0 || ids->len - common > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, ids->len - common);
  if (old_n != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
rd_case_list_set_query (RdCaseList        *self,
                        const RdCaseQuery *query,
                        GError           **error)
{
  g_autoptr (GArray) ids = NULL;

  g_return_val_if_fail (RD_IS_CASE_LIST (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  ids = rd_store_query_ids (self->store, query, error);
  if (ids == NULL)
    return FALSE;

  rd_case_list_set_ids (self, ids);
  return TRUE;
}

guint
rd_case_list_find_id (RdCaseList *self,
                      gint64      id)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

gint64
rd_case_list_get_id (RdCaseList *self,
                     guint       position)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

void
rd_case_list_invalidate (RdCaseList *self)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  drop_pages (self);
}

guint
rd_case_list_get_n_loaded_pages (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), 0);

  return g_hash_table_size (self->pages);
}

const GError *
rd_case_list_get_error (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);

  return self->error;
}

static int
progress_cb (gpointer user_data)
{
  /* Non-zero makes SQLite stop the statement with SQLITE_INTERRUPT. */
  return g_cancellable_is_cancelled (user_data);
}

GArray *
rd_case_list_query_ids (RdStore            *store,
                        const RdCaseQuery  *query,
                        GCancellable       *cancellable,
                        GError            **error)
{
  sqlite3 *db;
  GArray *ids;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A search typed letter by letter starts a query per letter: each one that is no longer
   * wanted must stop at once rather than hold a core for a few hundred milliseconds. */
  db = rd_store_get_db (store);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, progress_cb, cancellable);
  ids = rd_store_query_ids (store, query, error);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&ids, g_array_unref);
      if (error != NULL && *error != NULL)
        g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  return ids;
}
