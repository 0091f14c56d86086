/* rd-store-private.h: what other core modules need of the store's connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* The newest schema version this build writes. */
#define RD_STORE_SCHEMA_VERSION 3

sqlite3  *rd_store_get_db            (RdStore     *self);
gboolean  rd_store_exec              (RdStore     *self,
                                      const char  *sql,
                                      GError     **error);
gboolean  rd_store_begin             (RdStore     *self,
                                      GError     **error);
gboolean  rd_store_commit            (RdStore     *self,
                                      GError     **error);
void      rd_store_rollback          (RdStore     *self);
/* Turns the connection's last error into an RD_ERROR naming @what. */
void      rd_store_set_error         (RdStore     *self,
                                      int          rc,
                                      const char  *what,
                                      GError     **error);
/* Tests only: open without migrating past @version (to build databases of older versions). */
RdStore  *rd_store_open_at_version   (const char  *path,
                                      int          version,
                                      GError     **error);
/* For bulk writers (demo, import) that call rd_store_add_case() many times in one
 * transaction: skip the per-case signal. */
void      rd_store_set_bulk          (RdStore     *self,
                                      gboolean     bulk);

G_END_DECLS
