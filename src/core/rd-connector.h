/* rd-connector.h: a client system (helpdesk, CRM, processor) that Rights Desk reaches over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-connector-config.h"
#include "rd-http-client.h"
#include "rd-types.h"

G_BEGIN_DECLS

/* The requester as the client's systems know them. */
typedef struct
{
  char      *name;
  GPtrArray *emails;   /* char* */
  GPtrArray *phones;   /* char* */
} RdSubject;

#define RD_TYPE_SUBJECT (rd_subject_get_type ())
GType      rd_subject_get_type  (void) G_GNUC_CONST;
RdSubject *rd_subject_new       (const char      *name);
void       rd_subject_add_email (RdSubject       *subject,
                                 const char      *email);
void       rd_subject_add_phone (RdSubject       *subject,
                                 const char      *phone);
RdSubject *rd_subject_copy      (const RdSubject *subject);
void       rd_subject_free      (RdSubject       *subject);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSubject, rd_subject_free)

/* One record of a system (a user, a contact, a ticket ...), as the system returned it. */
typedef struct
{
  char     *system;      /* the connector's name */
  char     *collection;  /* "users", "tickets", ... */
  char     *id;
  JsonNode *data;
} RdRecord;

#define RD_TYPE_RECORD (rd_record_get_type ())
GType     rd_record_get_type (void) G_GNUC_CONST;
RdRecord *rd_record_new      (const char     *system,
                              const char     *collection,
                              const char     *id,
                              JsonNode       *data);
RdRecord *rd_record_copy     (const RdRecord *record);
void      rd_record_free     (RdRecord       *record);
JsonNode *rd_record_to_json  (const RdRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRecord, rd_record_free)

typedef struct
{
  char *time;      /* UTC ISO 8601 */
  char *author;
  char *kind;      /* "correspondence", "comment", "create", ... */
  char *text;
} RdTicketTurn;

typedef struct
{
  char   *filename;
  char   *content_type;
  GBytes *content;
} RdTicketAttachment;

/* A conversation of the requester (a ticket) with where it came from. */
typedef struct
{
  char      *source;     /* e.g. "rt: https://rt.example.org/Ticket/Display.html?id=42" */
  char      *system;
  char      *ticket_id;
  char      *subject;
  GPtrArray *turns;        /* RdTicketTurn */
  char      *text;         /* when the system has no turns, the whole text */
  GPtrArray *attachments;  /* RdTicketAttachment */
} RdTicket;

#define RD_TYPE_TICKET (rd_ticket_get_type ())
GType         rd_ticket_get_type       (void) G_GNUC_CONST;
RdTicket *rd_ticket_new            (const char         *system,
                                            const char         *source,
                                            const char         *ticket_id);
void          rd_ticket_add_turn       (RdTicket       *transcript,
                                            const char         *time,
                                            const char         *author,
                                            const char         *kind,
                                            const char         *text);
void          rd_ticket_add_attachment (RdTicket       *transcript,
                                            const char         *filename,
                                            const char         *content_type,
                                            GBytes             *content);
RdTicket *rd_ticket_copy           (const RdTicket *transcript);
void          rd_ticket_free           (RdTicket       *transcript);
/* Attachments appear with their name, type, size and SHA-256, not their bytes. */
JsonNode     *rd_ticket_to_json        (const RdTicket *transcript);
/* Plain text as a reviewer reads it: one block per turn, "time author (kind):". */
char         *rd_ticket_to_text        (const RdTicket *transcript);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTicket, rd_ticket_free)

/* What a collect brought back. With a sink set, records and transcripts go to it as they
 * arrive (in the connector's worker thread) and are not kept, so memory stays flat. */
typedef gboolean (*RdRecordSink)     (RdRecord     *record,
                                      gpointer      user_data,
                                      GError      **error);
typedef gboolean (*RdTicketSink) (RdTicket *transcript,
                                      gpointer      user_data,
                                      GError      **error);

typedef struct _RdCollection RdCollection;

RdCollection *rd_collection_new              (void);
void          rd_collection_free             (RdCollection     *collection);
void          rd_collection_set_sinks        (RdCollection     *collection,
                                              RdRecordSink      record_sink,
                                              RdTicketSink  transcript_sink,
                                              gpointer          user_data);
/* Take ownership. */
gboolean      rd_collection_add_record       (RdCollection     *collection,
                                              RdRecord         *record,
                                              GError          **error);
gboolean      rd_collection_add_ticket   (RdCollection     *collection,
                                              RdTicket     *transcript,
                                              GError          **error);
void          rd_collection_add_evidence     (RdCollection     *collection,
                                              const RdEvidence *evidence);
GPtrArray    *rd_collection_get_records      (RdCollection     *collection);
GPtrArray    *rd_collection_get_transcripts  (RdCollection     *collection);
GPtrArray    *rd_collection_get_evidence     (RdCollection     *collection);
guint         rd_collection_count_records    (RdCollection     *collection);
guint         rd_collection_count_tickets (RdCollection    *collection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCollection, rd_collection_free)

typedef enum
{
  RD_ACTION_RECTIFY,     /* set fields to new values; the before values are kept */
  RD_ACTION_ANONYMISE,   /* overwrite personal fields (erasure where deletion is impossible) */
  RD_ACTION_DELETE,      /* remove a record */
  RD_ACTION_RESTRICT,    /* mark or disable a record so that it is not processed */
  RD_ACTION_SUBMIT,      /* hand the request to a processor (OpenDSR) */
} RdActionKind;

const char *rd_action_kind_to_string (RdActionKind kind);

/* One planned change on one record, shown for approval before it runs. */
typedef struct
{
  RdActionKind  kind;
  char         *system;
  char         *collection;
  char         *id;
  char         *description;   /* for the person approving the plan */
  JsonObject   *changes;       /* field → new value (rectify, anonymise, restrict) */
  JsonObject   *before;        /* field → value read when planning; filled for rollback */
  gboolean      done;
} RdOperation;

#define RD_TYPE_OPERATION (rd_operation_get_type ())
GType        rd_operation_get_type (void) G_GNUC_CONST;
RdOperation *rd_operation_new      (RdActionKind       kind,
                                    const char        *system,
                                    const char        *collection,
                                    const char        *id,
                                    const char        *description);
RdOperation *rd_operation_copy     (const RdOperation *operation);
void         rd_operation_free     (RdOperation       *operation);
JsonNode    *rd_operation_to_json  (const RdOperation *operation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdOperation, rd_operation_free)

/* What an execution did: the operations (with before and after), the evidence of each
 * request, what the system could not remove, and the error when it failed. */
typedef struct
{
  char      *system;
  GPtrArray *operations;   /* RdOperation, done or not */
  GPtrArray *evidence;     /* RdEvidence */
  GPtrArray *not_removed;  /* char*: what the system kept and why */
  GError    *error;        /* NULL on success */
  gboolean   rolled_back;  /* TRUE when a failure undid the operations already done */
} RdExecution;

#define RD_TYPE_EXECUTION (rd_execution_get_type ())
GType        rd_execution_get_type      (void) G_GNUC_CONST;
RdExecution *rd_execution_new           (const char        *system);
void         rd_execution_free          (RdExecution       *execution);
RdExecution *rd_execution_copy          (const RdExecution *execution);
JsonNode    *rd_execution_to_json       (const RdExecution *execution);
/* The plan that puts back the before values of the rectifications done. */
GPtrArray   *rd_execution_rollback_plan (const RdExecution *execution);

/* Puts back the before values of one operation done; FALSE when it cannot be undone. */
typedef gboolean (*RdUndoFunc) (RdExecution  *execution,
                                RdOperation  *operation,
                                gpointer      user_data,
                                GError      **error);
void         rd_execution_fail          (RdExecution       *execution,
                                         const GError      *error,
                                         RdUndoFunc         undo,
                                         gpointer           user_data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdExecution, rd_execution_free)

#define RD_TYPE_CONNECTOR (rd_connector_get_type ())
G_DECLARE_INTERFACE (RdConnector, rd_connector, RD, CONNECTOR, GObject)

struct _RdConnectorInterface
{
  GTypeInterface parent_iface;

  /* All run in a worker thread; each may block on the network. */
  gboolean     (*test)    (RdConnector   *self,
                           GCancellable  *cancellable,
                           GError       **error);
  GPtrArray   *(*lookup)  (RdConnector   *self,
                           RdSubject     *subject,
                           GCancellable  *cancellable,
                           GError       **error);
  gboolean     (*collect) (RdConnector   *self,
                           RdSubject     *subject,
                           RdCollection  *collection,
                           GCancellable  *cancellable,
                           GError       **error);
  GPtrArray   *(*plan)    (RdConnector   *self,
                           RdRequestType  type,
                           RdSubject     *subject,
                           JsonObject    *rectification,
                           GCancellable  *cancellable,
                           GError       **error);
  RdExecution *(*execute) (RdConnector   *self,
                           GPtrArray     *plan,
                           GCancellable  *cancellable);
};

/* Builds the connector a configuration describes; @secret is the password or token from
 * the keyring (never stored by the connector beyond its lifetime). */
RdConnector       *rd_connector_new_for_config (RdConnectorConfig  *config,
                                                const char         *secret,
                                                GError            **error);
RdConnectorConfig *rd_connector_get_config     (RdConnector        *self);
RdHttpClient      *rd_connector_get_client     (RdConnector        *self);

gboolean     rd_connector_test_sync     (RdConnector   *self,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* The subject's own records (accounts, contacts) in the system: RdRecord. */
GPtrArray   *rd_connector_lookup_sync   (RdConnector   *self,
                                         RdSubject     *subject,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean     rd_connector_collect_sync  (RdConnector   *self,
                                         RdSubject     *subject,
                                         RdCollection  *collection,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* The operations a request of @type would carry out: RdOperation. @rectification holds
 * the corrected values (field → value) for RD_REQUEST_RECTIFICATION. */
GPtrArray   *rd_connector_plan_sync     (RdConnector   *self,
                                         RdRequestType  type,
                                         RdSubject     *subject,
                                         JsonObject    *rectification,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Never NULL: a failure is in the execution's error, with the evidence of what ran. */
RdExecution *rd_connector_execute_sync  (RdConnector   *self,
                                         GPtrArray     *plan,
                                         GCancellable  *cancellable);

void         rd_connector_test_async     (RdConnector         *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     rd_connector_test_finish    (RdConnector         *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void         rd_connector_lookup_async   (RdConnector         *self,
                                          RdSubject           *subject,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray   *rd_connector_lookup_finish  (RdConnector         *self,
                                          GAsyncResult        *result,
                                          GError             **error);
/* @collection must stay alive until the callback; its sinks run in the worker thread. */
void         rd_connector_collect_async  (RdConnector         *self,
                                          RdSubject           *subject,
                                          RdCollection        *collection,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     rd_connector_collect_finish (RdConnector         *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void         rd_connector_plan_async     (RdConnector         *self,
                                          RdRequestType        type,
                                          RdSubject           *subject,
                                          JsonObject          *rectification,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray   *rd_connector_plan_finish    (RdConnector         *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void         rd_connector_execute_async  (RdConnector         *self,
                                          GPtrArray           *plan,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
RdExecution *rd_connector_execute_finish (RdConnector         *self,
                                          GAsyncResult        *result);

/* Helpers for implementations: each constructor calls set_common once. */
void         rd_connector_set_common     (RdConnector       *self,
                                          RdConnectorConfig *config,
                                          RdHttpClient      *client);
const char  *rd_json_pointer_get_string  (JsonNode    *root,
                                          const char  *pointer);
JsonNode    *rd_json_pointer             (JsonNode    *root,
                                          const char  *pointer);
char        *rd_json_node_to_id          (JsonNode    *node);

G_END_DECLS
