/* rd-types.h: the enumerations shared by the core, with their stable string names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The names are the CLI's and the database's; never rename one. */
typedef enum
{
  RD_REQUEST_ACCESS,
  RD_REQUEST_RECTIFICATION,
  RD_REQUEST_ERASURE,
  RD_REQUEST_PORTABILITY,
  RD_REQUEST_RESTRICTION,
  RD_REQUEST_OBJECTION,
  RD_REQUEST_CONSENT_WITHDRAWAL,
  RD_REQUEST_OPT_OUT,
  RD_REQUEST_LIMIT_SENSITIVE,
  RD_N_REQUEST_TYPES
} RdRequestType;

typedef enum
{
  RD_STATUS_NEW,
  RD_STATUS_IDENTITY_VERIFICATION,
  RD_STATUS_IN_PROGRESS,
  RD_STATUS_REVIEW,
  RD_STATUS_RESPONDED,
  RD_STATUS_CLOSED,
  RD_STATUS_ON_HOLD,
  RD_STATUS_WITHDRAWN,
  RD_STATUS_REJECTED,
  RD_N_STATUSES
} RdCaseStatus;

typedef enum
{
  RD_CHANNEL_EMAIL,
  RD_CHANNEL_WEB,
  RD_CHANNEL_PHONE,
  RD_CHANNEL_CHAT,
  RD_CHANNEL_LETTER,
  RD_N_CHANNELS
} RdChannel;

typedef enum
{
  RD_OUTCOME_NONE,
  RD_OUTCOME_COMPLIED,
  RD_OUTCOME_PARTIAL,
  RD_OUTCOME_DENIED,
  RD_OUTCOME_WITHDRAWN,
  RD_N_OUTCOMES
} RdOutcome;

const char *rd_request_type_to_string (RdRequestType type);
gboolean    rd_request_type_from_string (const char    *text,
                                         RdRequestType *out);
const char *rd_request_type_to_label  (RdRequestType type);

const char *rd_case_status_to_string  (RdCaseStatus status);
gboolean    rd_case_status_from_string (const char   *text,
                                        RdCaseStatus *out);
const char *rd_case_status_to_label   (RdCaseStatus status);
gboolean    rd_case_status_is_open    (RdCaseStatus status);
gboolean    rd_case_status_can_move   (RdCaseStatus from,
                                       RdCaseStatus to);

const char *rd_channel_to_string      (RdChannel channel);
gboolean    rd_channel_from_string    (const char *text,
                                       RdChannel  *out);
const char *rd_channel_to_label       (RdChannel channel);

const char *rd_outcome_to_string      (RdOutcome outcome);
gboolean    rd_outcome_from_string    (const char *text,
                                       RdOutcome  *out);
const char *rd_outcome_to_label       (RdOutcome outcome);

/* Whether the requester must be told why: a request refused in whole or in part (GDPR
 * Art. 12(4), PIPEDA s.8(7)). The window asks for the reason; the store and the command line
 * keep it optional. */
gboolean    rd_outcome_is_refusal     (RdOutcome outcome);
gboolean    rd_case_status_is_refusal (RdCaseStatus status);

G_END_DECLS
