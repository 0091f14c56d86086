/* rd-store.h: the case database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-audit.h"
#include "rd-case.h"
#include "rd-client.h"
#include "rd-connector-config.h"
#include "rd-verification.h"

G_BEGIN_DECLS

#define RD_TYPE_STORE (rd_store_get_type ())

G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

typedef enum
{
  RD_CASE_SORT_DUE,
  RD_CASE_SORT_REFERENCE,
  RD_CASE_SORT_RECEIVED,
  RD_CASE_SORT_CLIENT,
  RD_CASE_SORT_TYPE,
  RD_CASE_SORT_SUBJECT,
  RD_CASE_SORT_JURISDICTION,
  RD_CASE_SORT_STATUS,
  RD_CASE_SORT_ID,        /* the order cases were stored in: the cheapest to scan */
} RdCaseSort;

/* Which cases a list shows. Initialise with rd_case_query_init(). */
typedef struct
{
  guint        statuses;      /* mask of 1 << RdCaseStatus; 0: any */
  guint        types;         /* mask of 1 << RdRequestType; 0: any */
  const char  *client;        /* client name; NULL: any */
  const char  *jurisdiction;  /* NULL: any */
  GDate        due_from;      /* open cases with effective due >= this (if valid) */
  GDate        due_before;    /* open cases with effective due < this (if valid) */
  gboolean     overdue;       /* open, clock running, effective due before today */
  const char  *search;        /* words to find in reference, names, e-mails and notes */
  GDate        received_from;   /* received on or after this (if valid) */
  GDate        received_before; /* received before this (if valid) */
  RdCaseSort   sort;
  gboolean     descending;
  guint        limit;         /* 0: no limit */
} RdCaseQuery;

typedef struct
{
  gint64  id;
  char   *kind;        /* "pause", "resume", "restart", "extend" */
  GDate   on;
  char   *reason;      /* NULL after a purge */
  char   *created_at;  /* UTC ISO 8601 */
} RdClockEvent;

typedef struct
{
  gint64  id;
  char   *author;
  char   *created_at;
  char   *text;
} RdNote;

/* What reports need of a case, without its personal data, read without allocating: strings
 * and the struct are valid only during the callback. Dates are invalid where they do not apply. */
typedef struct
{
  gint64         id;
  const char    *reference;
  const char    *client;
  const char    *jurisdiction;
  RdRequestType  type;
  RdChannel      channel;
  RdCaseStatus   status;
  RdOutcome      outcome;
  const char    *outcome_reason;
  gboolean       extended;
  gboolean       paused;          /* a stop of the clock is in force */
  guint          n_pauses;        /* stops of the clock, ever */
  GDate          received;
  GDate          response_date;
  GDate          due;
  GDate          effective_due;
  GDate          internal_due;
} RdCaseFact;

typedef gboolean (*RdCaseFactFunc) (const RdCaseFact *fact,
                                    gpointer          user_data);

void        rd_case_query_init        (RdCaseQuery   *query);

char       *rd_store_default_path     (void);
/* Opens or creates the database at @path and brings its schema up to date. */
RdStore    *rd_store_open             (const char    *path,
                                       GError       **error);
const char *rd_store_get_path         (RdStore       *self);
/* Who the audit trail names for changes made through this store. */
const char *rd_store_get_actor        (RdStore       *self);
void        rd_store_set_actor        (RdStore       *self,
                                       const char    *actor);
/* How much of the database this connection keeps in memory, in KiB (8000 when opened). A
 * one-shot command that reads each page once, such as a listing, runs faster with little:
 * fewer buffers to allocate and fault in. */
void        rd_store_set_cache_kib    (RdStore       *self,
                                       guint          kib);

/* Clients */
RdClient   *rd_store_ensure_client    (RdStore       *self,
                                       const char    *name,
                                       GError       **error);
RdClient   *rd_store_get_client       (RdStore       *self,
                                       const char    *name,
                                       GError       **error);
GPtrArray  *rd_store_list_clients     (RdStore       *self,
                                       GError       **error);
gboolean    rd_store_save_client      (RdStore       *self,
                                       RdClient      *client,
                                       GError       **error);
/* What @client's cases are usually opened under, for the form of a new case: the jurisdiction
 * of most of them (a tie goes to the one used last) and, in @calendar, the holiday calendar most
 * of those cases use when it is not that jurisdiction's own (NULL otherwise). Returns NULL
 * without setting @error when the client has no case yet. */
char       *rd_store_get_usual_jurisdiction (RdStore    *self,
                                             const char *client,
                                             char      **calendar,
                                             GError    **error);

/* Cases. rd_store_add_case() validates @draft, computes its deadlines, gives it a reference
 * and stores it; on success @draft is updated in place. */
gboolean    rd_store_add_case         (RdStore       *self,
                                       RdCase        *draft,
                                       GError       **error);
RdCase     *rd_store_get_case         (RdStore       *self,
                                       const char    *reference,
                                       GError       **error);
RdCase     *rd_store_get_case_by_id   (RdStore       *self,
                                       gint64         id,
                                       GError       **error);
guint       rd_store_count_cases      (RdStore       *self,
                                       const RdCaseQuery *query,
                                       GError       **error);
/* The ids of the matching cases in order: cheap enough for a million rows, so that a list
 * can fetch the rows themselves page by page with rd_store_load_cases(). */
GArray     *rd_store_query_ids        (RdStore       *self,
                                       const RdCaseQuery *query,
                                       GError       **error);
GPtrArray  *rd_store_load_cases       (RdStore       *self,
                                       const gint64  *ids,
                                       guint          n_ids,
                                       GError       **error);
typedef gboolean (*RdCaseFunc) (RdCase   *item,
                                gpointer  user_data);
/* Streams the matching cases; @func returns FALSE to stop. */
gboolean    rd_store_foreach_case     (RdStore       *self,
                                       const RdCaseQuery *query,
                                       RdCaseFunc     func,
                                       gpointer       user_data,
                                       GError       **error);

/* Streams the facts of the matching cases, in id order; @func returns FALSE to stop. Fast
 * enough to aggregate a million cases in well under a second. */
gboolean    rd_store_foreach_fact     (RdStore       *self,
                                       const RdCaseQuery *query,
                                       RdCaseFactFunc func,
                                       gpointer       user_data,
                                       GError       **error);

/* The clock and the workflow; @on NULL means today. Each lands in the audit trail. */
gboolean    rd_store_pause_case       (RdStore       *self,
                                       const char    *reference,
                                       const GDate   *on,
                                       const char    *reason,
                                       GError       **error);
gboolean    rd_store_resume_case      (RdStore       *self,
                                       const char    *reference,
                                       const GDate   *on,
                                       GError       **error);
gboolean    rd_store_restart_case     (RdStore       *self,
                                       const char    *reference,
                                       const GDate   *on,
                                       const char    *reason,
                                       GError       **error);
gboolean    rd_store_extend_case      (RdStore       *self,
                                       const char    *reference,
                                       const GDate   *on,
                                       const char    *reason,
                                       GError       **error);
gboolean    rd_store_close_case       (RdStore       *self,
                                       const char    *reference,
                                       RdOutcome      outcome,
                                       const char    *reason,
                                       const GDate   *on,
                                       GError       **error);
gboolean    rd_store_set_status       (RdStore       *self,
                                       const char    *reference,
                                       RdCaseStatus   status,
                                       const char    *reason,
                                       GError       **error);
gboolean    rd_store_add_note         (RdStore       *self,
                                       const char    *reference,
                                       const char    *text,
                                       GError       **error);
/* Erases the subject's personal data, notes and documents so that nothing of them remains in
 * the database file or its write-ahead log; the anonymous figures and the audit chain stay. */
gboolean    rd_store_purge_case       (RdStore       *self,
                                       const char    *reference,
                                       GError       **error);

GPtrArray  *rd_store_list_clock_events (RdStore      *self,
                                        const char   *reference,
                                        GError      **error);
GPtrArray  *rd_store_list_notes       (RdStore       *self,
                                       const char    *reference,
                                       GError       **error);
/* The case's audit events, oldest first (RdAuditEvent). */
GPtrArray  *rd_store_list_timeline    (RdStore       *self,
                                       const char    *reference,
                                       GError       **error);

/* Holiday calendars imported from iCalendar files; kept in the database and registered with
 * rd_calendar_register() whenever the store is opened. */
gboolean    rd_store_import_calendar  (RdStore       *self,
                                       const char    *id,
                                       const char    *name,
                                       const char    *ics,
                                       gsize          length,
                                       GError       **error);

/* Documents attached to a case: ID documents, transcripts, evidence, packages, letters and
 * records collected from client systems. Content is kept in the database with its SHA-256. */
typedef struct
{
  gint64  id;
  char   *case_ref;
  char   *kind;          /* "transcript", "id-document", "evidence", "package", "letter", "record" */
  char   *name;
  char   *mime_type;
  char   *sha256;        /* hex */
  gsize   size;
  char   *source;        /* where it came from (a connector's name, "upload", …); may be NULL */
  char   *created_at;
  GDate   retain_until;  /* invalid: kept until the case is purged */
} RdDocument;

gint64      rd_store_add_document     (RdStore       *self,
                                       const char    *reference,
                                       const char    *kind,
                                       const char    *name,
                                       const char    *mime_type,
                                       GBytes        *content,
                                       const char    *source,
                                       GError       **error);
GPtrArray  *rd_store_list_documents   (RdStore       *self,
                                       const char    *reference,
                                       GError       **error);
RdDocument *rd_store_get_document     (RdStore       *self,
                                       gint64         id,
                                       GError       **error);
GBytes     *rd_store_get_document_content (RdStore   *self,
                                           gint64     id,
                                           GError   **error);
gboolean    rd_store_set_document_retention (RdStore     *self,
                                             gint64       id,
                                             const GDate *retain_until,
                                             GError     **error);
/* Removes a document so that none of its bytes remain in the database file or its log. */
gboolean    rd_store_purge_document   (RdStore       *self,
                                       gint64         id,
                                       const char    *reason,
                                       GError       **error);
void        rd_document_free          (RdDocument    *document);
/* Whether @document is a transcript already redacted (the editor's output or a copy attached
 * as redacted): what a response package may carry, and no work left for the reviewer. */
gboolean    rd_document_is_redacted_copy (const RdDocument *document);

/* Redaction decisions on a transcript document (RdRedaction of rd-redaction.h). Saving
 * replaces the document's whole set in one transaction and records the counts in the audit
 * trail. */
gboolean    rd_store_save_redactions  (RdStore       *self,
                                       gint64         document_id,
                                       GPtrArray     *redactions,
                                       GError       **error);
GPtrArray  *rd_store_load_redactions  (RdStore       *self,
                                       gint64         document_id,
                                       GError       **error);
/* How many saved decisions of the document are in each RdRedactionState (indexed by it). */
gboolean    rd_store_count_redactions (RdStore       *self,
                                       gint64         document_id,
                                       guint          counts[3],
                                       GError       **error);
/* Records in the audit trail that a redacted copy of the document (@format "text", "pdf" or
 * "log") left the application: how many redactions it carries and its checksum. */
gboolean    rd_store_record_redacted_export (RdStore     *self,
                                             gint64       document_id,
                                             const char  *format,
                                             GBytes      *output,
                                             GPtrArray   *redactions,
                                             GError     **error);

/* The withheld-items register of a case: what was removed from which document and why. */
typedef struct
{
  gint64  document_id;
  char   *document;    /* the document's name */
  char   *entity;
  char   *reason;
  guint   count;
} RdWithheldItem;

GPtrArray  *rd_store_list_withheld    (RdStore       *self,
                                       const char    *reference,
                                       GError       **error);
void        rd_withheld_item_free     (RdWithheldItem *item);

/* Client systems. The configuration never holds a secret (see rd-secret.h). */
gboolean    rd_store_save_connector   (RdStore       *self,
                                       RdConnectorConfig *config,
                                       GError       **error);
RdConnectorConfig *rd_store_get_connector (RdStore   *self,
                                           const char *name,
                                           GError   **error);
/* The connectors of @client, or of every client when NULL, by name. */
GPtrArray  *rd_store_list_connectors  (RdStore       *self,
                                       const char    *client,
                                       GError       **error);
gboolean    rd_store_remove_connector (RdStore       *self,
                                       const char    *name,
                                       GError       **error);
/* The last test, collect or execute against a connector, for the Connections page. */
gboolean    rd_store_set_connector_result (RdStore   *self,
                                           const char *name,
                                           gboolean   ok,
                                           const char *message,
                                           GError   **error);
gboolean    rd_store_get_connector_result (RdStore   *self,
                                           const char *name,
                                           gboolean  *ok,
                                           char     **message,
                                           char     **at,
                                           GError   **error);

/* Appends evidence of work on a case done elsewhere (a connector's requests, statuses and
 * times) to the audit trail: @details_json without personal data, @payload_json with it (request
 * URLs, before and after values). Joins the caller's transaction when one is open. */
gboolean    rd_store_record_evidence  (RdStore       *self,
                                       const char    *reference,
                                       const char    *action,
                                       const char    *details_json,
                                       const char    *payload_json,
                                       GError       **error);

void        rd_clock_event_free       (RdClockEvent  *event);
void        rd_note_free              (RdNote        *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdClockEvent, rd_clock_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdNote, rd_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdDocument, rd_document_free)

/* A client's records of processing (GDPR Art. 30), which access responses quote: free text,
 * NULL where not recorded. */
typedef struct
{
  char *controller;           /* name and contact details */
  char *dpo;                  /* the data protection officer's contact */
  char *purposes;
  char *data_categories;
  char *recipients;           /* named where possible (CJEU C-154/21) */
  char *transfers;            /* third countries and safeguards (Art. 15(2)) */
  char *retention;
  char *sources;
  char *automated_decisions;
  char *authority;            /* the supervisory authority and how to complain */
} RdClientRecords;

/* An empty record (all NULL) where none was saved; NULL with @error for an unknown client. */
RdClientRecords *rd_store_get_client_records (RdStore               *self,
                                              const char            *client,
                                              GError               **error);
gboolean    rd_store_set_client_records (RdStore                    *self,
                                         const char                 *client,
                                         const RdClientRecords      *records,
                                         GError                    **error);
void        rd_client_records_free    (RdClientRecords *records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdClientRecords, rd_client_records_free)


/* Identity checks (rd-verification.h). Recording one is a single transaction: the check is
 * stored (its free-text reason in a column of its own, which a purge clears), an
 * "identity.checked" event enters the audit trail, and the case and its clock move as the law
 * of the case says. Verified: the case goes in progress; where the period restarts on receipt
 * of identity evidence (UK GDPR) it restarts on record->evidence_received (today when NULL);
 * where the clock was suspended for it (EU GDPR) the suspension ends that day. More
 * information: the case waits in identity verification and, where the law suspends the clock
 * (EU GDPR), the suspension starts today. Failed: the case is closed as denied, "Identity could
 * not be verified", unless @flags has RD_VERIFICATION_KEEP_OPEN. A missing checked_by or
 * checked_at is filled with the store's actor and the current time. */
typedef enum
{
  RD_VERIFICATION_FLAGS_NONE = 0,
  RD_VERIFICATION_KEEP_OPEN  = 1 << 0,  /* a failed check leaves the case open */
} RdVerificationFlags;

gboolean    rd_store_record_verification (RdStore                    *self,
                                          const char                 *reference,
                                          const RdVerificationRecord *record,
                                          GError                    **error);
gboolean    rd_store_record_verification_full (RdStore                    *self,
                                               const char                 *reference,
                                               const RdVerificationRecord *record,
                                               RdVerificationFlags         flags,
                                               GError                    **error);
/* The case's checks, oldest first (RdVerificationRecord); reasons are NULL after a purge. */
GPtrArray  *rd_store_list_verifications  (RdStore                    *self,
                                          const char                 *reference,
                                          GError                    **error);

/* A client's policy for ID documents once the check is decided: 0 (the default) purges them at
 * once; N keeps only a redacted copy, for N days. Recorded in the audit trail. */
gboolean    rd_store_get_id_copy_days    (RdStore                    *self,
                                          const char                 *client,
                                          guint                      *days,
                                          GError                    **error);
gboolean    rd_store_set_id_copy_days    (RdStore                    *self,
                                          const char                 *client,
                                          guint                       days,
                                          GError                    **error);

/* The documents of @kind ("transcript", ...) in every open case, case by case (RdDocument). */
GPtrArray  *rd_store_list_open_documents (RdStore                    *self,
                                          const char                 *kind,
                                          GError                    **error);

G_END_DECLS
