/* rd-collect.h: collect a case's data from its client's systems, and carry out its request there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-connector.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYSTEM_PENDING,
  RD_SYSTEM_RUNNING,
  RD_SYSTEM_OK,
  RD_SYSTEM_FAILED,
  RD_SYSTEM_CANCELLED,
  RD_SYSTEM_SKIPPED,    /* the system has nothing to do for this kind of request */
} RdSystemState;

/* The CLI's names: "pending", "running", "ok", "failed", "cancelled", "skipped". */
const char *rd_system_state_to_string (RdSystemState state);

/* What happened on one client system. */
typedef struct
{
  char          *connector;
  RdConnectorKind kind;
  RdSystemState  state;
  guint          records;      /* collect: records stored */
  guint          transcripts;  /* collect: conversations stored */
  guint          requests;     /* HTTP exchanges made */
  GError        *error;        /* why it failed or was skipped */
  GPtrArray     *plan;         /* RdOperation: what execute will do (plan, execute) */
  RdExecution   *execution;    /* what execute did, with its evidence */
} RdSystemResult;

#define RD_TYPE_SYSTEM_RESULT (rd_system_result_get_type ())
GType           rd_system_result_get_type (void) G_GNUC_CONST;
RdSystemResult *rd_system_result_new      (const char           *connector,
                                           RdConnectorKind       kind);
RdSystemResult *rd_system_result_copy     (const RdSystemResult *result);
void            rd_system_result_free     (RdSystemResult       *result);
/* {"connector", "status", "records", "transcripts", "error"} and, after execute, the
 * operations with their before and after values, the evidence and what was not removed. */
JsonNode       *rd_system_result_to_json  (const RdSystemResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSystemResult, rd_system_result_free)

/* The secret of a connection; the default reads the desktop keyring (rd-secret.h). Returns
 * NULL with no error when the system needs none. Runs in the worker thread. */
typedef char *(*RdSecretFunc) (RdConnectorConfig  *config,
                               gpointer            user_data,
                               GError            **error);

/* Called with a snapshot of one system's result as it moves on; in the thread that called a
 * _sync function, or in the main context of the caller of an _async one. */
typedef void (*RdCollectProgressFunc) (const RdSystemResult *result,
                                       gpointer              user_data);

#define RD_TYPE_COLLECT (rd_collect_get_type ())
G_DECLARE_FINAL_TYPE (RdCollect, rd_collect, RD, COLLECT, GObject)

/* Works on the case @reference of the database at @db_path, through a store connection of
 * its own, over every connection of the case's client. */
RdCollect  *rd_collect_new                (const char             *db_path,
                                           const char             *reference);
/* Only this connection (NULL: all of the client's). */
void        rd_collect_set_connector      (RdCollect              *self,
                                           const char             *name);
void        rd_collect_set_secret_func    (RdCollect              *self,
                                           RdSecretFunc            func,
                                           gpointer                user_data,
                                           GDestroyNotify          destroy);
void        rd_collect_set_progress_func  (RdCollect              *self,
                                           RdCollectProgressFunc   func,
                                           gpointer                user_data,
                                           GDestroyNotify          destroy);
/* The corrected values of a rectification (field → value: name, email, phone, …). */
void        rd_collect_set_rectification  (RdCollect              *self,
                                           JsonObject             *values);
/* Trusts the CAs in @pem_file for every system (tests, an organisation's own CA). */
void        rd_collect_set_ca_file        (RdCollect              *self,
                                           const char             *pem_file);

/* Access and portability: fetches the requester's records and conversations from each system
 * into the case. A system that fails keeps nothing of its own and does not stop the others.
 * Returns RdSystemResult per system; NULL with @error only when nothing could start (unknown
 * case, no connection, a purged case). */
GPtrArray  *rd_collect_run_sync           (RdCollect              *self,
                                           GCancellable           *cancellable,
                                           GError                **error);
/* Erasure, rectification, restriction, consent withdrawal: what each system would do, read
 * now and changing nothing. */
GPtrArray  *rd_collect_plan_sync          (RdCollect              *self,
                                           GCancellable           *cancellable,
                                           GError                **error);
/* Carries out the approved @plans (results of rd_collect_plan_sync). A system whose request
 * fails has what it had done undone; the evidence of every request goes to the audit trail and
 * the execution (with before and after values) to the case's evidence documents. */
GPtrArray  *rd_collect_execute_sync       (RdCollect              *self,
                                           GPtrArray              *plans,
                                           GCancellable           *cancellable,
                                           GError                **error);
/* Puts back the values of the case's last rectification on each system. */
GPtrArray  *rd_collect_rollback_sync      (RdCollect              *self,
                                           GCancellable           *cancellable,
                                           GError                **error);

/* The same in a GTask worker thread; progress arrives in the caller's main context. */
void        rd_collect_run_async          (RdCollect              *self,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
void        rd_collect_plan_async         (RdCollect              *self,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
void        rd_collect_execute_async      (RdCollect              *self,
                                           GPtrArray              *plans,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
GPtrArray  *rd_collect_finish             (RdCollect              *self,
                                           GAsyncResult           *result,
                                           GError                **error);

/* TRUE when every result is ok or skipped. */
gboolean    rd_collect_results_ok         (GPtrArray              *results);

G_END_DECLS
