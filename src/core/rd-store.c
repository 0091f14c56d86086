/* rd-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <sqlite3.h>

#include "rd-error.h"
#include "rd-store.h"

struct _RdStore
{
  GObject  parent_instance;
  char    *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = RD_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_store_finalize;
}

static void
rd_store_init (RdStore *self)
{
}

char *
rd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rightsdesk", "cases.db", NULL);
}

RdStore *
rd_store_open (const char  *path,
               GError     **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_DATABASE, "not implemented: %s", path);
  return NULL;
}

const char *
rd_store_get_path (RdStore *self)
{
  return self->path;
}
