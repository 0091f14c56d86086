/* rd-case-private.h: the case's fields, for the store that fills them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-case.h"

G_BEGIN_DECLS

struct _RdCase
{
  GObject        parent_instance;

  gint64         id;
  char          *reference;
  char          *client;
  RdRequestType  type;
  char          *jurisdiction;
  char          *calendar;
  RdChannel      channel;
  GDate          received;

  char          *subject_name;
  GStrv          subject_emails;
  GStrv          subject_phones;
  char          *subject_address;
  GStrv          subject_accounts;
  char          *assignee;

  RdCaseStatus   status;
  RdOutcome      outcome;
  char          *outcome_reason;
  GDate          response_date;
  gboolean       extended;
  GDate          paused_since;
  GDate          restart_date;
  gboolean       purged;

  GDate          due;
  GDate          extended_due;
  GDate          acknowledge_by;
  GDate          extension_notice_by;
  GDate          effective_due;
  GDate          internal_due;
  char          *citation;
};

G_END_DECLS
