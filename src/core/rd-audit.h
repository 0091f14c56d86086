/* rd-audit.h: the append-only, hash-chained audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RdStore RdStore;

typedef struct
{
  gint64  id;
  char   *at;          /* UTC ISO 8601 */
  char   *actor;
  char   *case_ref;    /* NULL for events that concern no case */
  char   *action;      /* e.g. "case.created", "clock.paused", "case.purged" */
  char   *details;     /* JSON object without personal data */
  char   *payload;     /* JSON object that may hold personal data; NULL once purged */
  char   *hash;        /* hex SHA-256 of this entry, chained to the previous one */
} RdAuditEvent;

typedef struct
{
  gboolean  intact;
  guint64   n_events;
  gint64    first_broken;  /* id of the first entry that fails, 0 when intact */
  char     *problem;       /* what is wrong with it, NULL when intact */
} RdAuditReport;

/* Appends one event inside the caller's transaction. @payload_json carries whatever may be
 * personal (reasons, names); the chain covers only its salted hash, so a purge can erase it
 * and the chain still verifies. */
gboolean       rd_audit_append        (RdStore       *store,
                                       const char    *case_ref,
                                       const char    *action,
                                       const char    *details_json,
                                       const char    *payload_json,
                                       GError       **error);
RdAuditReport *rd_audit_verify        (RdStore       *store,
                                       GError       **error);
GPtrArray     *rd_audit_list_for_case (RdStore       *store,
                                       const char    *case_ref,
                                       GError       **error);
/* Writes the chain's last entry, kept in memory while a transaction appends (the store calls
 * this before it commits). */
gboolean       rd_audit_flush_head    (RdStore       *store,
                                       GError       **error);
/* Erases the payloads of a case's events (purge). */
gboolean       rd_audit_forget_payloads (RdStore     *store,
                                         const char  *case_ref,
                                         GError     **error);

void           rd_audit_event_free    (RdAuditEvent  *event);
void           rd_audit_report_free   (RdAuditReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditEvent, rd_audit_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditReport, rd_audit_report_free)

G_END_DECLS
