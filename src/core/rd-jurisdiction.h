/* rd-jurisdiction.h: the deadline rules of one law, read from data/jurisdictions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-calendar.h"
#include "rd-types.h"

G_BEGIN_DECLS

#define RD_TYPE_JURISDICTION (rd_jurisdiction_get_type ())

G_DECLARE_FINAL_TYPE (RdJurisdiction, rd_jurisdiction, RD, JURISDICTION, GObject)

RdJurisdiction *rd_jurisdiction_lookup              (const char     *id,
                                                     GError        **error);
GPtrArray      *rd_jurisdiction_list_ids            (void);

const char     *rd_jurisdiction_get_id              (RdJurisdiction *self);
const char     *rd_jurisdiction_get_name            (RdJurisdiction *self);
/* A name short enough for a column: "GDPR (EU)"; the full name when the rules give none. */
const char     *rd_jurisdiction_get_short_name      (RdJurisdiction *self);
const char     *rd_jurisdiction_get_default_calendar (RdJurisdiction *self);

/* Whether the law lets the clock stop (pause), start again (restart) or be extended for
 * this request type; when it does not, @reason (if not NULL) gets the citation-bearing why. */
gboolean        rd_jurisdiction_allows_pause        (RdJurisdiction *self,
                                                     RdRequestType   type,
                                                     char          **reason);
gboolean        rd_jurisdiction_allows_restart      (RdJurisdiction *self,
                                                     RdRequestType   type,
                                                     char          **reason);
gboolean        rd_jurisdiction_allows_extension    (RdJurisdiction *self,
                                                     RdRequestType   type,
                                                     char          **reason);
/* Whether the request type exists under this law at all (CCPA has no "objection"). */
gboolean        rd_jurisdiction_covers              (RdJurisdiction *self,
                                                     RdRequestType   type);

/* Added for the deadline engine and the CLI. */

typedef enum
{
  RD_PERIOD_NONE,
  RD_PERIOD_MONTHS,          /* Reg. 1182/71 Art. 3(2)(c): the same date, or the month's last */
  RD_PERIOD_DAYS,            /* calendar days, the day of receipt not counted */
  RD_PERIOD_BUSINESS_DAYS,   /* Monday to Friday less the calendar's holidays, receipt not counted */
} RdPeriodUnit;

typedef struct
{
  RdPeriodUnit unit;
  guint        amount;
} RdPeriod;

typedef struct
{
  RdPeriod    period;                /* the statutory period */
  RdPeriod    extended;              /* the whole extended period from receipt; NONE: none */
  RdPeriod    acknowledge;           /* NONE: no acknowledgement required */
  const char *citation;              /* e.g. "GDPR Art. 12(3); Reg. 1182/71 Art. 3" */
  const char *extension_citation;
  const char *acknowledge_citation;
} RdJurisdictionRule;

const char     *rd_jurisdiction_get_citation        (RdJurisdiction *self);
/* The provision that gives the right of access ("GDPR Art. 15"), and the one that says what a
 * refusal, in whole or in part, owes the requester ("GDPR Art. 12(4)"); the law's name when
 * its rules give none. */
const char     *rd_jurisdiction_get_access_citation (RdJurisdiction *self);
const char     *rd_jurisdiction_get_refusal_citation (RdJurisdiction *self);
/* NULL when the law does not cover @type. */
const RdJurisdictionRule *
                rd_jurisdiction_get_rule            (RdJurisdiction *self,
                                                     RdRequestType   type);
/* Whether the law moves a last day that falls on a rest day or holiday. */
gboolean        rd_jurisdiction_rolls               (RdJurisdiction *self);
/* Moves @date forward while it is a day on which, under this law, a period cannot end. */
void            rd_jurisdiction_roll                (RdJurisdiction *self,
                                                     RdCalendar     *calendar,
                                                     GDate          *date);

G_END_DECLS
