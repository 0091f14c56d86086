/* rd-report.h: regulator reports (CCPA 11 CCR 7102, GDPR statistics, SLA) and their figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-store.h"
#include "rd-types.h"

G_BEGIN_DECLS

#define RD_TYPE_REPORT (rd_report_get_type ())

G_DECLARE_FINAL_TYPE (RdReport, rd_report, RD, REPORT, GObject)

typedef enum
{
  RD_REPORT_CCPA,   /* 11 CCR 7102 metrics for a calendar year of receipt */
  RD_REPORT_GDPR,   /* GDPR statistics for any period of receipt */
  RD_REPORT_SLA,    /* internal deadlines met, per client and month */
} RdReportKind;

typedef enum
{
  RD_REPORT_FORMAT_JSON,
  RD_REPORT_FORMAT_CSV,
  RD_REPORT_FORMAT_PDF,
} RdReportFormat;

typedef enum
{
  RD_PAPER_A4,
  RD_PAPER_LETTER,
} RdPaper;

/* The rows of 11 CCR 7102(a)(1), in the order of the CLI's JSON. */
typedef enum
{
  RD_CCPA_KNOW,      /* access and portability */
  RD_CCPA_DELETE,    /* erasure */
  RD_CCPA_CORRECT,   /* rectification */
  RD_CCPA_OPT_OUT,
  RD_CCPA_LIMIT,     /* limit the use of sensitive personal information */
  RD_CCPA_N_ROWS
} RdCcpaRowKind;

/* The optional split of denials of 7102(a)(2), read from the reason given at closing. */
typedef enum
{
  RD_DENIAL_UNVERIFIABLE,
  RD_DENIAL_NOT_CONSUMER,
  RD_DENIAL_EXEMPT,
  RD_DENIAL_OTHER,
  RD_N_DENIALS
} RdDenialReason;

/* Grounds for refusing in full or in part under the GDPR. */
typedef enum
{
  RD_GROUND_UNFOUNDED_EXCESSIVE,   /* Art. 12(5) */
  RD_GROUND_CANNOT_IDENTIFY,       /* Art. 11(2) */
  RD_GROUND_RIGHTS_OF_OTHERS,      /* Art. 15(4) */
  RD_GROUND_ERASURE_EXCEPTION,     /* Art. 17(3) */
  RD_GROUND_NATIONAL_RESTRICTION,  /* Art. 23 */
  RD_GROUND_OTHER,
  RD_N_GROUNDS
} RdRefusalGround;

/* Ages of open cases, in calendar days since receipt. */
typedef enum
{
  RD_BACKLOG_0_30,
  RD_BACKLOG_31_60,
  RD_BACKLOG_61_90,
  RD_BACKLOG_OVER_90,
  RD_N_BACKLOG_BUCKETS
} RdBacklogBucket;

/* Statistics of days from receipt to response: NAN where no case was answered. */
typedef struct
{
  guint   n;
  double  median;
  double  mean;
  double  p90;       /* nearest rank: the ceil(0.9 n)-th smallest value */
} RdDayStats;

typedef struct
{
  guint       received;
  guint       complied;    /* in whole or in part */
  guint       denied;
  guint       denied_by_reason[RD_N_DENIALS];
  guint       withdrawn;
  guint       open;
  RdDayStats  days;        /* complied and denied requests */
} RdCcpaRow;

typedef struct
{
  guint       received;
  guint       responded;     /* closed with complied, partial or denied */
  guint       on_time;       /* responded by the effective due date */
  guint       late;
  guint       extended;
  guint       refused;       /* denied or partial */
  guint       open;
} RdGdprTypeRow;

typedef struct
{
  guint          received;
  guint          by_type[RD_N_REQUEST_TYPES];
  guint          by_channel[RD_N_CHANNELS];
  RdGdprTypeRow  types[RD_N_REQUEST_TYPES];
  guint          responded;
  guint          on_time;
  guint          late;
  guint          withdrawn;
  guint          extended;
  guint          extended_on_time;
  guint          paused_cases;   /* cases whose clock was stopped at least once */
  guint          pauses;         /* stops of the clock in all */
  guint          refused_full;
  guint          refused_partial;
  guint          refusals_by_ground[RD_N_GROUNDS];
  RdDayStats     days;
  guint          open;
  guint          open_overdue;
  guint          backlog[RD_N_BACKLOG_BUCKETS];
} RdGdprStats;

/* One month of receipt. */
typedef struct
{
  int    year;
  int    month;        /* 1-12 */
  guint  received;
  guint  responded;
  guint  on_time;      /* of those responded, by the effective due date */
  guint  sla_met;      /* of those responded, by the internal due date */
} RdReportMonth;

typedef struct
{
  char          *client;
  guint          sla_days;   /* 0: the legal deadline is the internal one */
  guint          responded;
  guint          met;
  guint          open_past_internal_due;
  GArray        *months;     /* RdReportMonth, one per month of the period */
} RdSlaClient;

/* Computes a report over the cases received from @from to @to (both inclusive) for @client
 * (NULL: every client). The CCPA report counts requests under us-ca-ccpa, the GDPR report
 * those under eu-gdpr and uk-gdpr, the SLA report every request. @today is the day the open backlog is measured on (NULL: today). */
RdReport        *rd_report_compute          (RdStore        *store,
                                             RdReportKind    kind,
                                             const char     *client,
                                             const GDate    *from,
                                             const GDate    *to,
                                             const GDate    *today,
                                             GError        **error);
/* The CCPA report of a calendar year of receipt. */
RdReport        *rd_report_compute_ccpa     (RdStore        *store,
                                             int             year,
                                             const char     *client,
                                             GError        **error);

RdReportKind     rd_report_get_kind         (RdReport       *self);
const char      *rd_report_get_client       (RdReport       *self);
const GDate     *rd_report_get_from         (RdReport       *self);
const GDate     *rd_report_get_to           (RdReport       *self);
const GDate     *rd_report_get_today        (RdReport       *self);
/* A title for people, e.g. "CCPA request metrics 2026". */
char            *rd_report_dup_title        (RdReport       *self);

const RdCcpaRow *rd_report_get_ccpa_row     (RdReport       *self,
                                             RdCcpaRowKind   row);
const RdGdprStats *rd_report_get_gdpr       (RdReport       *self);
/* RdReportMonth, one per month of the period, for the whole report. */
GArray          *rd_report_get_months       (RdReport       *self);
/* RdSlaClient, one per client with cases in the period, by name. */
GPtrArray       *rd_report_get_sla          (RdReport       *self);

/* Renderings; the three carry the same figures. */
char            *rd_report_to_json          (RdReport       *self);
/* The names of the CSV tables of this report: the first is the main one. */
const char * const *rd_report_list_csv_tables (RdReport     *self);
char            *rd_report_to_csv           (RdReport       *self,
                                             const char     *table,
                                             GError        **error);
/* Writes the report to @path atomically. For CSV, the main table goes to @path and each other
 * table beside it as STEM-TABLE.csv. @paper is used for PDF only. */
gboolean         rd_report_save             (RdReport       *self,
                                             RdReportFormat  format,
                                             RdPaper         paper,
                                             const char     *path,
                                             GError        **error);

const char      *rd_ccpa_row_to_string      (RdCcpaRowKind   row);
const char      *rd_ccpa_row_to_label       (RdCcpaRowKind   row);
const char      *rd_denial_reason_to_string (RdDenialReason  reason);
const char      *rd_denial_reason_to_label  (RdDenialReason  reason);
const char      *rd_refusal_ground_to_string (RdRefusalGround ground);
const char      *rd_refusal_ground_to_label (RdRefusalGround ground);
const char      *rd_backlog_bucket_to_string (RdBacklogBucket bucket);
/* Reads the reason a case was denied for, as written at closing. */
RdDenialReason   rd_denial_reason_classify  (const char     *reason);
RdRefusalGround  rd_refusal_ground_classify (const char     *reason);

G_END_DECLS
