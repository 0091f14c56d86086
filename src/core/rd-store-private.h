/* rd-store-private.h: what other core modules need of the store's connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* The newest schema version this build writes. */
#define RD_STORE_SCHEMA_VERSION 7

sqlite3  *rd_store_get_db            (RdStore     *self);
gboolean  rd_store_exec              (RdStore     *self,
                                      const char  *sql,
                                      GError     **error);
gboolean  rd_store_begin             (RdStore     *self,
                                      GError     **error);
gboolean  rd_store_commit            (RdStore     *self,
                                      GError     **error);
void      rd_store_rollback          (RdStore     *self);
/* A statement prepared once per connection and reused; @sql must be a static string. The
 * statement belongs to the store: reset it when done, never finalize it. */
sqlite3_stmt *rd_store_prepare_cached (RdStore     *self,
                                       const char  *sql,
                                       GError     **error);
/* g_autoptr (CachedStmt) resets a cached statement when it goes out of scope, so that it holds
 * no read lock between calls. */
typedef sqlite3_stmt CachedStmt;
static inline void
rd_cached_stmt_release (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStmt, rd_cached_stmt_release)

/* Turns the connection's last error into an RD_ERROR naming @what. */
void      rd_store_set_error         (RdStore     *self,
                                      int          rc,
                                      const char  *what,
                                      GError     **error);
/* The last entry of the audit chain, kept in memory while a transaction appends to it. */
typedef struct
{
  gboolean valid;       /* loaded in this transaction */
  gboolean dirty;       /* appended to, not yet written to audit_head */
  gint64   count;
  guint8   hash[32];
} RdAuditHead;

RdAuditHead *rd_store_get_audit_head (RdStore *self);
gboolean     rd_store_get_bulk       (RdStore *self);

/* Tests only: open without migrating past @version (to build databases of older versions). */
RdStore  *rd_store_open_at_version   (const char  *path,
                                      int          version,
                                      GError     **error);
/* For bulk writers (demo, import) that call rd_store_add_case() many times in one
 * transaction: skip the per-case signal. */
void      rd_store_set_bulk          (RdStore     *self,
                                      gboolean     bulk);
/* A bulk load into an empty database drops the secondary indexes and builds them at its end. */
gboolean  rd_store_drop_indexes      (RdStore     *self,
                                      GError     **error);
gboolean  rd_store_ensure_indexes    (RdStore     *self,
                                      GError     **error);
/* In bulk mode, new cases are indexed for search by this call, before the commit. */
gboolean  rd_store_flush_bulk        (RdStore     *self,
                                      GError     **error);
/* One step of a case's history, for rd_store_add_case_history(). */
typedef struct
{
  const char *kind;     /* "pause", "resume", "restart", "extend" */
  GDate       on;
  const char *reason;
} RdClockStep;
/* Bulk writers (demo, import): stores a case as it stands at the end of its @steps, with the
 * status, outcome, reason and response date set on @item, in one insert. The audit trail gets
 * the same events as if each step had been taken on its own. Call inside a transaction. */
gboolean  rd_store_add_case_history  (RdStore           *self,
                                      RdCase            *item,
                                      const RdClockStep *steps,
                                      guint              n_steps,
                                      GError           **error);

G_END_DECLS
