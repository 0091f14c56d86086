/* rd-case.h: one privacy-rights request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-types.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE (rd_case_get_type ())

G_DECLARE_FINAL_TYPE (RdCase, rd_case, RD, CASE, GObject)

RdCase             *rd_case_new                  (void);

/* Set before rd_store_add_case(); read from a stored case. */
gint64              rd_case_get_id               (RdCase        *self);
const char         *rd_case_get_reference        (RdCase        *self);
const char         *rd_case_get_client           (RdCase        *self);
void                rd_case_set_client           (RdCase        *self,
                                                  const char    *client);
RdRequestType       rd_case_get_request_type     (RdCase        *self);
void                rd_case_set_request_type     (RdCase        *self,
                                                  RdRequestType  type);
const char         *rd_case_get_jurisdiction     (RdCase        *self);
void                rd_case_set_jurisdiction     (RdCase        *self,
                                                  const char    *jurisdiction);
/* NULL before saving means "the client's or the jurisdiction's default". */
const char         *rd_case_get_calendar         (RdCase        *self);
void                rd_case_set_calendar         (RdCase        *self,
                                                  const char    *calendar);
RdChannel           rd_case_get_channel          (RdCase        *self);
void                rd_case_set_channel          (RdCase        *self,
                                                  RdChannel      channel);
const GDate        *rd_case_get_received         (RdCase        *self);
void                rd_case_set_received         (RdCase        *self,
                                                  const GDate   *received);

/* The subject's identity. Lists are NULL-terminated; NULL once the case is purged. */
const char         *rd_case_get_subject_name     (RdCase        *self);
void                rd_case_set_subject_name     (RdCase        *self,
                                                  const char    *name);
const char * const *rd_case_get_subject_emails   (RdCase        *self);
void                rd_case_set_subject_emails   (RdCase        *self,
                                                  const char * const *emails);
const char * const *rd_case_get_subject_phones   (RdCase        *self);
void                rd_case_set_subject_phones   (RdCase        *self,
                                                  const char * const *phones);
const char         *rd_case_get_subject_address  (RdCase        *self);
void                rd_case_set_subject_address  (RdCase        *self,
                                                  const char    *address);
const char * const *rd_case_get_subject_accounts (RdCase        *self);
void                rd_case_set_subject_accounts (RdCase        *self,
                                                  const char * const *accounts);
const char         *rd_case_get_assignee         (RdCase        *self);
void                rd_case_set_assignee         (RdCase        *self,
                                                  const char    *assignee);

/* Kept by the store. */
RdCaseStatus        rd_case_get_status           (RdCase        *self);
RdOutcome           rd_case_get_outcome          (RdCase        *self);
const char         *rd_case_get_outcome_reason   (RdCase        *self);
const GDate        *rd_case_get_response_date    (RdCase        *self);
gboolean            rd_case_get_extended         (RdCase        *self);
/* The first day of the pause in force, or NULL when the clock runs. */
const GDate        *rd_case_get_paused_since     (RdCase        *self);
const GDate        *rd_case_get_restart_date     (RdCase        *self);
gboolean            rd_case_get_purged           (RdCase        *self);

/* Computed deadlines; a date that does not apply is invalid (g_date_valid() is FALSE). */
const GDate        *rd_case_get_due              (RdCase        *self);
const GDate        *rd_case_get_extended_due     (RdCase        *self);
const GDate        *rd_case_get_acknowledge_by   (RdCase        *self);
const GDate        *rd_case_get_extension_notice_by (RdCase     *self);
const GDate        *rd_case_get_effective_due    (RdCase        *self);
const GDate        *rd_case_get_internal_due     (RdCase        *self);
const char         *rd_case_get_citation         (RdCase        *self);

gboolean            rd_case_is_open              (RdCase        *self);
/* Days from @today to the effective due date (negative when overdue). */
int                 rd_case_days_left            (RdCase        *self,
                                                  const GDate   *today);
gboolean            rd_case_is_overdue           (RdCase        *self,
                                                  const GDate   *today);

G_END_DECLS
