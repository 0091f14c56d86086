/* rd-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-types"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-types.h"

typedef struct
{
  const char *name;
  const char *label;
} Name;

static const Name request_types[RD_N_REQUEST_TYPES] = {
  { "access", N_("Access") },
  { "rectification", N_("Rectification") },
  { "erasure", N_("Erasure") },
  { "portability", N_("Portability") },
  { "restriction", N_("Restriction") },
  { "objection", N_("Objection") },
  { "consent-withdrawal", N_("Consent withdrawal") },
  { "opt-out", N_("Opt-out of sale or sharing") },
  { "limit-sensitive", N_("Limit sensitive data") },
};

static const Name statuses[RD_N_STATUSES] = {
  { "new", N_("New") },
  { "identity-verification", N_("Identity verification") },
  { "in-progress", N_("In progress") },
  { "review", N_("Review") },
  { "responded", N_("Responded") },
  { "closed", N_("Closed") },
  { "on-hold", N_("On hold") },
  { "withdrawn", N_("Withdrawn") },
  { "rejected", N_("Rejected") },
};

static const Name channels[RD_N_CHANNELS] = {
  { "email", N_("E-mail") },
  { "web", N_("Web form") },
  { "phone", N_("Phone") },
  { "chat", N_("Chat") },
  { "letter", N_("Letter") },
};

static const Name outcomes[RD_N_OUTCOMES] = {
  { "none", N_("None yet") },
  { "complied", N_("Complied") },
  { "partial", N_("Complied in part") },
  { "denied", N_("Denied") },
  { "withdrawn", N_("Withdrawn") },
};

static gboolean
lookup (const Name *names,
        guint       n_names,
        const char *text,
        guint      *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i].name, text))
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_NAMES(prefix, Type, table, N)                                   \
  const char *                                                                 \
  prefix##_to_string (Type value)                                              \
  {                                                                            \
    g_return_val_if_fail ((guint) value < N, NULL);                            \
    return table[value].name;                                                  \
  }                                                                            \
  const char *                                                                 \
  prefix##_to_label (Type value)                                               \
  {                                                                            \
    g_return_val_if_fail ((guint) value < N, NULL);                            \
    return _(table[value].label);                                              \
  }                                                                            \
  gboolean                                                                     \
  prefix##_from_string (const char *text,                                      \
                        Type       *out)                                       \
  {                                                                            \
    guint i;                                                                   \
    if (!lookup (table, N, text, &i))                                          \
      return FALSE;                                                            \
    *out = (Type) i;                                                           \
    return TRUE;                                                               \
  }

DEFINE_NAMES (rd_request_type, RdRequestType, request_types, RD_N_REQUEST_TYPES)
DEFINE_NAMES (rd_case_status, RdCaseStatus, statuses, RD_N_STATUSES)
DEFINE_NAMES (rd_channel, RdChannel, channels, RD_N_CHANNELS)
DEFINE_NAMES (rd_outcome, RdOutcome, outcomes, RD_N_OUTCOMES)

gboolean
rd_case_status_is_open (RdCaseStatus status)
{
  return status != RD_STATUS_CLOSED &&
         status != RD_STATUS_WITHDRAWN &&
         status != RD_STATUS_REJECTED;
}

gboolean
rd_case_status_is_refusal (RdCaseStatus status)
{
  return status == RD_STATUS_REJECTED;
}

gboolean
rd_outcome_is_refusal (RdOutcome outcome)
{
  return outcome == RD_OUTCOME_PARTIAL || outcome == RD_OUTCOME_DENIED;
}

/* The workflow: new → identity verification → in progress → review → responded → closed,
 * with on hold, withdrawn and rejected beside it. Closing from any open status goes through
 * rd_store_close_case(), which records the outcome; this table is for ordinary moves. */
gboolean
rd_case_status_can_move (RdCaseStatus from,
                         RdCaseStatus to)
{
  static const guint16 allowed[RD_N_STATUSES] = {
    [RD_STATUS_NEW] = 1 << RD_STATUS_IDENTITY_VERIFICATION | 1 << RD_STATUS_IN_PROGRESS |
                      1 << RD_STATUS_ON_HOLD | 1 << RD_STATUS_WITHDRAWN | 1 << RD_STATUS_REJECTED,
    [RD_STATUS_IDENTITY_VERIFICATION] = 1 << RD_STATUS_IN_PROGRESS | 1 << RD_STATUS_ON_HOLD |
                                        1 << RD_STATUS_WITHDRAWN | 1 << RD_STATUS_REJECTED,
    [RD_STATUS_IN_PROGRESS] = 1 << RD_STATUS_REVIEW | 1 << RD_STATUS_RESPONDED |
                              1 << RD_STATUS_ON_HOLD | 1 << RD_STATUS_WITHDRAWN |
                              1 << RD_STATUS_REJECTED,
    [RD_STATUS_REVIEW] = 1 << RD_STATUS_IN_PROGRESS | 1 << RD_STATUS_RESPONDED |
                         1 << RD_STATUS_ON_HOLD | 1 << RD_STATUS_WITHDRAWN,
    [RD_STATUS_RESPONDED] = 1 << RD_STATUS_CLOSED | 1 << RD_STATUS_IN_PROGRESS,
    [RD_STATUS_ON_HOLD] = 1 << RD_STATUS_NEW | 1 << RD_STATUS_IDENTITY_VERIFICATION |
                          1 << RD_STATUS_IN_PROGRESS | 1 << RD_STATUS_REVIEW |
                          1 << RD_STATUS_WITHDRAWN | 1 << RD_STATUS_REJECTED,
    [RD_STATUS_CLOSED] = 0,
    [RD_STATUS_WITHDRAWN] = 0,
    [RD_STATUS_REJECTED] = 0,
  };

  g_return_val_if_fail ((guint) from < RD_N_STATUSES, FALSE);
  g_return_val_if_fail ((guint) to < RD_N_STATUSES, FALSE);

  return (allowed[from] & (1 << to)) != 0;
}
