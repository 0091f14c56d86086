/* rd-deadline.h: the legal deadline engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-types.h"

G_BEGIN_DECLS

/* A clock stop: both days inclusive, added to the period. */
typedef struct
{
  GDate from;
  GDate to;
} RdPause;

typedef struct
{
  const char    *jurisdiction;   /* e.g. "eu-gdpr" */
  RdRequestType  type;
  GDate          received;
  const char    *calendar;       /* NULL: the jurisdiction's default calendar */
  const RdPause *pauses;
  guint          n_pauses;
  GDate          restart;        /* invalid (g_date_clear) when the period did not restart */
  gboolean       extended;       /* the extension was taken */
  guint          sla_days;       /* the client's internal SLA in calendar days; 0: none */
} RdDeadlineRequest;

typedef struct
{
  char  *jurisdiction;
  char  *calendar;               /* the calendar actually used */
  RdRequestType type;
  GDate  received;
  GDate  due;                    /* statutory due date, pauses and restart applied */
  GDate  extended_due;           /* invalid when the law allows no extension */
  GDate  acknowledge_by;         /* invalid when no acknowledgement is required */
  GDate  extension_notice_by;    /* invalid when the law allows no extension */
  GDate  effective_due;          /* extended_due when extended, else due */
  GDate  internal_due;           /* the earlier of effective_due and the SLA date */
  char  *citation;               /* e.g. "GDPR Art. 12(3); Reg. 1182/71 Art. 3" */
} RdDeadline;

/* Errors (RD_ERROR): unknown jurisdiction or calendar (NOT_FOUND); a pause that ends before it
 * starts or before receipt, a restart before receipt, a type the law does not cover (INVALID);
 * a pause, restart or extension the law does not allow (WORKFLOW). */
RdDeadline *rd_deadline_compute (const RdDeadlineRequest *request,
                                 GError                 **error);
void        rd_deadline_free    (RdDeadline              *deadline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdDeadline, rd_deadline_free)

G_END_DECLS
