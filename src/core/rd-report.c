/* rd-report.c: regulator reports and their figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rd-csv.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-writer.h"
#include "rd-report.h"
#include "rd-report-pdf.h"
#include "rd-report-private.h"

struct _RdReport
{
  GObject       parent_instance;

  RdReportKind  kind;
  char         *client;
  GDate         from;
  GDate         to;
  GDate         today;

  RdCcpaRow     ccpa[RD_CCPA_N_ROWS];
  RdGdprStats   gdpr;
  GArray       *months;    /* RdReportMonth */
  GPtrArray    *sla;       /* RdSlaClient */
};

G_DEFINE_FINAL_TYPE (RdReport, rd_report, G_TYPE_OBJECT)

static void
sla_client_free (RdSlaClient *sla)
{
  g_free (sla->client);
  g_clear_pointer (&sla->months, g_array_unref);
  g_free (sla);
}

static void
rd_report_finalize (GObject *object)
{
  RdReport *self = RD_REPORT (object);

  g_free (self->client);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->sla, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_report_parent_class)->finalize (object);
}

static void
rd_report_class_init (RdReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_report_finalize;
}

static void
rd_report_init (RdReport *self)
{
  self->months = g_array_new (FALSE, TRUE, sizeof (RdReportMonth));
  self->sla = g_ptr_array_new_with_free_func ((GDestroyNotify) sla_client_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Names */

static const char * const ccpa_rows[RD_CCPA_N_ROWS][2] = {
  { "know", N_("Requests to know") },
  { "delete", N_("Requests to delete") },
  { "correct", N_("Requests to correct") },
  { "opt-out", N_("Requests to opt out of sale or sharing") },
  { "limit", N_("Requests to limit use of sensitive personal information") },
};

static const char * const denial_reasons[RD_N_DENIALS][2] = {
  { "unverifiable", N_("Not verifiable") },
  { "not-a-consumer", N_("Not made by a consumer") },
  { "exempt", N_("Exempt from disclosure") },
  { "other", N_("Other grounds") },
};

static const char * const refusal_grounds[RD_N_GROUNDS][2] = {
  { "manifestly-unfounded-or-excessive", N_("Manifestly unfounded or excessive (Art. 12(5))") },
  { "cannot-identify", N_("Cannot identify the data subject (Art. 11(2))") },
  { "rights-of-others", N_("Rights and freedoms of others (Art. 15(4))") },
  { "erasure-exception", N_("Exceptions to erasure (Art. 17(3))") },
  { "national-restriction", N_("National restriction (Art. 23)") },
  { "other", N_("Other grounds") },
};

static const char * const backlog_buckets[RD_N_BACKLOG_BUCKETS] = {
  "0-30", "31-60", "61-90", "over-90",
};

const char *
rd_ccpa_row_to_string (RdCcpaRowKind row)
{
  g_return_val_if_fail (row < RD_CCPA_N_ROWS, NULL);
  return ccpa_rows[row][0];
}

const char *
rd_ccpa_row_to_label (RdCcpaRowKind row)
{
  g_return_val_if_fail (row < RD_CCPA_N_ROWS, NULL);
  return _(ccpa_rows[row][1]);
}

const char *
rd_denial_reason_to_string (RdDenialReason reason)
{
  g_return_val_if_fail (reason < RD_N_DENIALS, NULL);
  return denial_reasons[reason][0];
}

const char *
rd_denial_reason_to_label (RdDenialReason reason)
{
  g_return_val_if_fail (reason < RD_N_DENIALS, NULL);
  return _(denial_reasons[reason][1]);
}

const char *
rd_refusal_ground_to_string (RdRefusalGround ground)
{
  g_return_val_if_fail (ground < RD_N_GROUNDS, NULL);
  return refusal_grounds[ground][0];
}

const char *
rd_refusal_ground_to_label (RdRefusalGround ground)
{
  g_return_val_if_fail (ground < RD_N_GROUNDS, NULL);
  return _(refusal_grounds[ground][1]);
}

const char *
rd_backlog_bucket_to_string (RdBacklogBucket bucket)
{
  g_return_val_if_fail (bucket < RD_N_BACKLOG_BUCKETS, NULL);
  return backlog_buckets[bucket];
}

/* The reason is free text typed at closing (or a code such as "unverifiable"); reasons are
 * read in ASCII lower case, which is all the key words need. */
static void
lower_copy (const char *text,
            char       *buf,
            gsize       size)
{
  gsize i;

  for (i = 0; text != NULL && text[i] != '\0' && i + 1 < size; i++)
    buf[i] = g_ascii_tolower (text[i]);
  buf[i] = '\0';
}

RdDenialReason
rd_denial_reason_classify (const char *reason)
{
  char buf[256];

  lower_copy (reason, buf, sizeof buf);
  if (strstr (buf, "verif") || strstr (buf, "identif") || strstr (buf, "identity") ||
      strstr (buf, "authentic"))
    return RD_DENIAL_UNVERIFIABLE;
  if (strstr (buf, "consumer"))
    return RD_DENIAL_NOT_CONSUMER;
  if (strstr (buf, "exempt") || strstr (buf, "exception"))
    return RD_DENIAL_EXEMPT;
  return RD_DENIAL_OTHER;
}

RdRefusalGround
rd_refusal_ground_classify (const char *reason)
{
  char buf[256];

  lower_copy (reason, buf, sizeof buf);
  if (strstr (buf, "unfounded") || strstr (buf, "excessive") || strstr (buf, "12(5)"))
    return RD_GROUND_UNFOUNDED_EXCESSIVE;
  if (strstr (buf, "11(2)") || strstr (buf, "identif") || strstr (buf, "verif"))
    return RD_GROUND_CANNOT_IDENTIFY;
  if (strstr (buf, "15(4)") || strstr (buf, "third part") || strstr (buf, "third-part") ||
      strstr (buf, "others"))
    return RD_GROUND_RIGHTS_OF_OTHERS;
  if (strstr (buf, "17(3)") || strstr (buf, "exempt") || strstr (buf, "exception"))
    return RD_GROUND_ERASURE_EXCEPTION;
  if (strstr (buf, "art. 23") || strstr (buf, "article 23") || strstr (buf, "national"))
    return RD_GROUND_NATIONAL_RESTRICTION;
  return RD_GROUND_OTHER;
}

/* ------------------------------------------------------------------------------------------ */
/* Days to respond: a histogram, since days are small whole numbers and a million cases must
 * not be sorted. */

typedef struct
{
  GArray  *counts;   /* guint per day */
  guint    n;
  guint64  sum;
} DayHistogram;

static void
histogram_init (DayHistogram *h)
{
  h->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  h->n = 0;
  h->sum = 0;
}

static void
histogram_add (DayHistogram *h,
               int           days)
{
  if (days < 0)
    days = 0;
  if ((guint) days >= h->counts->len)
    g_array_set_size (h->counts, days + 64);
  g_array_index (h->counts, guint, days)++;
  h->n++;
  h->sum += days;
}

/* The @rank-th smallest value, 1-based. */
static int
histogram_at (const DayHistogram *h,
              guint               rank)
{
  guint seen = 0;

  for (guint d = 0; d < h->counts->len; d++)
    {
      seen += g_array_index (h->counts, guint, d);
      if (seen >= rank)
        return d;
    }
  return -1;
}

static void
histogram_finish (DayHistogram *h,
                  RdDayStats   *out)
{
  out->n = h->n;
  if (h->n == 0)
    {
      out->median = out->mean = out->p90 = NAN;
    }
  else
    {
      /* Even counts take the mean of the two middle values. */
      if (h->n % 2 == 1)
        out->median = histogram_at (h, h->n / 2 + 1);
      else
        out->median = (histogram_at (h, h->n / 2) + histogram_at (h, h->n / 2 + 1)) / 2.0;
      out->mean = (double) h->sum / h->n;
      out->p90 = histogram_at (h, (guint) ceil (0.9 * h->n));
    }
  g_clear_pointer (&h->counts, g_array_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* Computing */

typedef struct
{
  RdReport      *report;
  guint32        from_julian;
  guint32        today_julian;
  int            from_year;
  int            from_month;
  DayHistogram   ccpa_days[RD_CCPA_N_ROWS];
  DayHistogram   gdpr_days;
  GHashTable    *sla_by_client;   /* name → RdSlaClient */
} Accumulator;

static int
ccpa_row_for_type (RdRequestType type)
{
  switch (type)
    {
    case RD_REQUEST_ACCESS:
    case RD_REQUEST_PORTABILITY:
      return RD_CCPA_KNOW;
    case RD_REQUEST_ERASURE:
      return RD_CCPA_DELETE;
    case RD_REQUEST_RECTIFICATION:
      return RD_CCPA_CORRECT;
    case RD_REQUEST_OPT_OUT:
      return RD_CCPA_OPT_OUT;
    case RD_REQUEST_LIMIT_SENSITIVE:
      return RD_CCPA_LIMIT;
    case RD_REQUEST_RESTRICTION:
    case RD_REQUEST_OBJECTION:
    case RD_REQUEST_CONSENT_WITHDRAWAL:
    case RD_N_REQUEST_TYPES:
    default:
      return -1;
    }
}

static void
fill_months (GArray      *months,
             const GDate *from,
             const GDate *to)
{
  int y = g_date_get_year (from);
  int m = g_date_get_month (from);
  int last = g_date_get_year (to) * 12 + g_date_get_month (to);

  for (; y * 12 + m <= last; m == 12 ? (m = 1, y++) : m++)
    {
      RdReportMonth month = { 0 };

      month.year = y;
      month.month = m;
      g_array_append_val (months, month);
    }
}

static RdSlaClient *
sla_for (Accumulator *acc,
         const char  *client)
{
  RdSlaClient *sla = g_hash_table_lookup (acc->sla_by_client, client);

  if (sla == NULL)
    {
      sla = g_new0 (RdSlaClient, 1);
      sla->client = g_strdup (client);
      sla->months = g_array_new (FALSE, TRUE, sizeof (RdReportMonth));
      fill_months (sla->months, &acc->report->from, &acc->report->to);
      g_hash_table_insert (acc->sla_by_client, sla->client, sla);
      g_ptr_array_add (acc->report->sla, sla);
    }
  return sla;
}

static gboolean
is_ccpa (const char *jurisdiction)
{
  return g_strcmp0 (jurisdiction, "us-ca-ccpa") == 0;
}

static gboolean
is_gdpr (const char *jurisdiction)
{
  return g_strcmp0 (jurisdiction, "eu-gdpr") == 0 || g_strcmp0 (jurisdiction, "uk-gdpr") == 0;
}

static gboolean
accumulate_cb (const RdCaseFact *fact,
               gpointer          user_data)
{
  Accumulator *acc = user_data;
  RdReport *self = acc->report;
  RdGdprStats *g = &self->gdpr;
  int row = ccpa_row_for_type (fact->type);
  gboolean open = rd_case_status_is_open (fact->status);
  gboolean withdrawn = fact->outcome == RD_OUTCOME_WITHDRAWN ||
                       (fact->status == RD_STATUS_WITHDRAWN && fact->outcome == RD_OUTCOME_NONE);
  gboolean denied = fact->outcome == RD_OUTCOME_DENIED ||
                    (fact->status == RD_STATUS_REJECTED && fact->outcome == RD_OUTCOME_NONE);
  gboolean answered = (fact->outcome == RD_OUTCOME_COMPLIED ||
                       fact->outcome == RD_OUTCOME_PARTIAL ||
                       fact->outcome == RD_OUTCOME_DENIED) &&
                      g_date_valid (&fact->response_date);
  guint32 received = g_date_get_julian (&fact->received);
  int days = answered ? (int) (g_date_get_julian (&fact->response_date) - received) : 0;
  gboolean on_time = answered && g_date_valid (&fact->effective_due) &&
                     g_date_compare (&fact->response_date, &fact->effective_due) <= 0;
  gboolean sla_met = answered && g_date_valid (&fact->internal_due) &&
                     g_date_compare (&fact->response_date, &fact->internal_due) <= 0;
  guint month_index = (g_date_get_year (&fact->received) - acc->from_year) * 12 +
                      (g_date_get_month (&fact->received) - acc->from_month);
  RdReportMonth *month = NULL;

  /* A row written by a newer Rights Desk may name a type or channel this one does not know. */
  if ((guint) fact->type >= RD_N_REQUEST_TYPES || (guint) fact->channel >= RD_N_CHANNELS)
    return TRUE;

  /* Each regulator's report covers the requests made under its law. */
  if (self->kind == RD_REPORT_CCPA && !is_ccpa (fact->jurisdiction))
    return TRUE;
  if (self->kind == RD_REPORT_GDPR && !is_gdpr (fact->jurisdiction))
    return TRUE;

  if (month_index < self->months->len)
    {
      month = &g_array_index (self->months, RdReportMonth, month_index);
      month->received++;
      if (answered)
        {
          month->responded++;
          month->on_time += on_time;
          month->sla_met += sla_met;
        }
    }

  if (self->kind == RD_REPORT_CCPA)
    {
      RdCcpaRow *r;

      if (row < 0)
        return TRUE;
      r = &self->ccpa[row];
      r->received++;
      if (fact->outcome == RD_OUTCOME_COMPLIED || fact->outcome == RD_OUTCOME_PARTIAL)
        r->complied++;
      else if (denied)
        {
          r->denied++;
          r->denied_by_reason[rd_denial_reason_classify (fact->outcome_reason)]++;
        }
      else if (withdrawn)
        r->withdrawn++;
      else if (open)
        r->open++;
      if (answered)
        histogram_add (&acc->ccpa_days[row], days);
      return TRUE;
    }

  /* GDPR statistics; the SLA report shares the monthly figures. */
  g->received++;
  g->by_type[fact->type]++;
  g->by_channel[fact->channel]++;
  g->types[fact->type].received++;
  if (fact->extended)
    {
      g->extended++;
      g->types[fact->type].extended++;
    }
  if (fact->n_pauses > 0)
    {
      g->paused_cases++;
      g->pauses += fact->n_pauses;
    }
  if (answered)
    {
      g->responded++;
      g->types[fact->type].responded++;
      histogram_add (&acc->gdpr_days, days);
      if (on_time)
        {
          g->on_time++;
          g->types[fact->type].on_time++;
          if (fact->extended)
            g->extended_on_time++;
        }
      else
        {
          g->late++;
          g->types[fact->type].late++;
        }
    }
  if (withdrawn)
    g->withdrawn++;
  if (denied || fact->outcome == RD_OUTCOME_PARTIAL)
    {
      if (denied)
        g->refused_full++;
      else
        g->refused_partial++;
      g->types[fact->type].refused++;
      g->refusals_by_ground[rd_refusal_ground_classify (fact->outcome_reason)]++;
    }
  if (open)
    {
      int age = (int) acc->today_julian - (int) received;

      g->open++;
      g->types[fact->type].open++;
      if (g_date_valid (&fact->effective_due) && !fact->paused &&
          g_date_get_julian (&fact->effective_due) < acc->today_julian)
        g->open_overdue++;
      if (age <= 30)
        g->backlog[RD_BACKLOG_0_30]++;
      else if (age <= 60)
        g->backlog[RD_BACKLOG_31_60]++;
      else if (age <= 90)
        g->backlog[RD_BACKLOG_61_90]++;
      else
        g->backlog[RD_BACKLOG_OVER_90]++;
    }

  {
    RdSlaClient *sla = sla_for (acc, fact->client);

    if (answered)
      {
        sla->responded++;
        sla->met += sla_met;
        if (month != NULL)
          {
            RdReportMonth *m = &g_array_index (sla->months, RdReportMonth, month_index);

            m->responded++;
            m->sla_met += sla_met;
            m->on_time += on_time;
          }
      }
    if (month != NULL)
      g_array_index (sla->months, RdReportMonth, month_index).received++;
    if (open && g_date_valid (&fact->internal_due) &&
        g_date_get_julian (&fact->internal_due) < acc->today_julian)
      sla->open_past_internal_due++;
  }

  return TRUE;
}

static int
compare_sla (gconstpointer a,
             gconstpointer b)
{
  const RdSlaClient *x = *(RdSlaClient * const *) a;
  const RdSlaClient *y = *(RdSlaClient * const *) b;

  return g_utf8_collate (x->client, y->client);
}

RdReport *
rd_report_compute (RdStore       *store,
                   RdReportKind   kind,
                   const char    *client,
                   const GDate   *from,
                   const GDate   *to,
                   const GDate   *today,
                   GError       **error)
{
  g_autoptr (RdReport) self = NULL;
  g_autoptr (GHashTable) sla_by_client = NULL;
  Accumulator acc = { 0 };
  RdCaseQuery query;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_date_valid (from) || !g_date_valid (to))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("The report period needs a valid first and last day"));
      return NULL;
    }
  if (g_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("The report period ends before it starts"));
      return NULL;
    }
  if (client != NULL)
    {
      g_autoptr (RdClient) known = rd_store_get_client (store, client, error);

      if (known == NULL)
        return NULL;
    }

  self = g_object_new (RD_TYPE_REPORT, NULL);
  self->kind = kind;
  self->client = g_strdup (client);
  self->from = *from;
  self->to = *to;
  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    rd_date_today (&self->today);
  fill_months (self->months, from, to);

  sla_by_client = g_hash_table_new (g_str_hash, g_str_equal);
  acc.report = self;
  acc.from_julian = g_date_get_julian (from);
  acc.today_julian = g_date_get_julian (&self->today);
  acc.from_year = g_date_get_year (from);
  acc.from_month = g_date_get_month (from);
  acc.sla_by_client = sla_by_client;
  for (guint i = 0; i < RD_CCPA_N_ROWS; i++)
    histogram_init (&acc.ccpa_days[i]);
  histogram_init (&acc.gdpr_days);

  rd_case_query_init (&query);
  query.client = client;
  query.received_from = *from;
  query.received_before = *to;
  g_date_add_days (&query.received_before, 1);

  ok = rd_store_foreach_fact (store, &query, accumulate_cb, &acc, error);

  for (guint i = 0; i < RD_CCPA_N_ROWS; i++)
    histogram_finish (&acc.ccpa_days[i], &self->ccpa[i].days);
  histogram_finish (&acc.gdpr_days, &self->gdpr.days);

  if (!ok)
    return NULL;

  if (kind != RD_REPORT_CCPA)
    {
      g_autoptr (GPtrArray) clients = rd_store_list_clients (store, NULL);

      /* Every client asked for appears, even one without cases in the period. */
      for (guint i = 0; clients != NULL && i < clients->len; i++)
        {
          RdClient *c = g_ptr_array_index (clients, i);

          if (client != NULL && !g_str_equal (client, rd_client_get_name (c)))
            continue;
          /* A GDPR report of every client lists those with GDPR requests in the period. */
          if (kind == RD_REPORT_GDPR && client == NULL &&
              !g_hash_table_contains (sla_by_client, rd_client_get_name (c)))
            continue;
          sla_for (&acc, rd_client_get_name (c))->sla_days = rd_client_get_sla_days (c);
        }
      g_ptr_array_sort (self->sla, compare_sla);
    }

  return g_steal_pointer (&self);
}

RdReport *
rd_report_compute_ccpa (RdStore     *store,
                        int          year,
                        const char  *client,
                        GError     **error)
{
  GDate from, to;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (year < 1900 || year > 9999)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %d is the year given */
                   _("“%d” is not a calendar year a report can cover"), year);
      return NULL;
    }

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, year);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, year);
  return rd_report_compute (store, RD_REPORT_CCPA, client, &from, &to, NULL, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Getters */

RdReportKind
rd_report_get_kind (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), RD_REPORT_CCPA);
  return self->kind;
}

const char *
rd_report_get_client (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return self->client;
}

const GDate *
rd_report_get_from (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return &self->from;
}

const GDate *
rd_report_get_to (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return &self->to;
}

const GDate *
rd_report_get_today (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return &self->today;
}

char *
rd_report_dup_title (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);

  switch (self->kind)
    {
    case RD_REPORT_CCPA:
      /* Translators: %d is a calendar year */
      return g_strdup_printf (_("CCPA request metrics %d"), g_date_get_year (&self->from));
    case RD_REPORT_SLA:
      return g_strdup (_("Internal deadlines met"));
    case RD_REPORT_GDPR:
    default:
      return g_strdup (_("Data subject request statistics"));
    }
}

const RdCcpaRow *
rd_report_get_ccpa_row (RdReport      *self,
                        RdCcpaRowKind  row)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  g_return_val_if_fail (row < RD_CCPA_N_ROWS, NULL);
  return &self->ccpa[row];
}

const RdGdprStats *
rd_report_get_gdpr (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return &self->gdpr;
}

GArray *
rd_report_get_months (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return self->months;
}

GPtrArray *
rd_report_get_sla (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);
  return self->sla;
}

/* ------------------------------------------------------------------------------------------ */
/* Figures as text: one function per kind of figure, so JSON, CSV and PDF print the same. */

double
rd_report_round_mean (double mean)
{
  return isfinite (mean) ? round (mean * 10.0) / 10.0 : NAN;
}

char *
rd_report_format_days (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

char *
rd_report_format_rate (guint part,
                       guint whole)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (whole == 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", 100.0 * part / whole));
}

void
rd_report_format_month (const RdReportMonth *month,
                        char                 buf[8])
{
  g_snprintf (buf, 8, "%04d-%02d", month->year, month->month);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON */

static void
json_days (RdJsonWriter *w,
           const char   *key,
           double        value)
{
  rd_json_writer_key (w, key);
  rd_json_writer_double (w, value);
}

static void
json_count (RdJsonWriter *w,
            const char   *key,
            guint         value)
{
  rd_json_writer_key (w, key);
  rd_json_writer_int (w, value);
}

static void
json_rate (RdJsonWriter *w,
           const char   *key,
           guint         part,
           guint         whole)
{
  rd_json_writer_key (w, key);
  if (whole == 0)
    rd_json_writer_null (w);
  else
    rd_json_writer_double (w, round (1000.0 * part / whole) / 10.0);
}

static void
json_months (RdJsonWriter *w,
             GArray       *months)
{
  rd_json_writer_begin_array (w);
  for (guint i = 0; i < months->len; i++)
    {
      const RdReportMonth *m = &g_array_index (months, RdReportMonth, i);
      char name[8];

      rd_report_format_month (m, name);
      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "month");
      rd_json_writer_string (w, name);
      json_count (w, "received", m->received);
      json_count (w, "responded", m->responded);
      json_count (w, "on_time", m->on_time);
      json_rate (w, "on_time_percent", m->on_time, m->responded);
      json_count (w, "internal_met", m->sla_met);
      rd_json_writer_end_object (w);
    }
  rd_json_writer_end_array (w);
}

static void
json_ccpa (RdReport     *self,
           RdJsonWriter *w)
{
  rd_json_writer_key (w, "year");
  rd_json_writer_int (w, g_date_get_year (&self->from));
  rd_json_writer_key (w, "client");
  rd_json_writer_string (w, self->client);
  rd_json_writer_key (w, "scope");
  rd_json_writer_string (w, "all_individuals");
  rd_json_writer_key (w, "statistic");
  rd_json_writer_string (w, "median_and_mean");
  rd_json_writer_key (w, "rows");
  rd_json_writer_begin_array (w);
  for (guint i = 0; i < RD_CCPA_N_ROWS; i++)
    {
      const RdCcpaRow *r = &self->ccpa[i];

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "type");
      rd_json_writer_string (w, ccpa_rows[i][0]);
      json_count (w, "received", r->received);
      json_count (w, "complied", r->complied);
      json_count (w, "denied", r->denied);
      json_days (w, "median_days", r->days.median);
      json_days (w, "mean_days", rd_report_round_mean (r->days.mean));
      rd_json_writer_key (w, "denied_by_reason");
      rd_json_writer_begin_object (w);
      for (guint d = 0; d < RD_N_DENIALS; d++)
        json_count (w, denial_reasons[d][0], r->denied_by_reason[d]);
      rd_json_writer_end_object (w);
      json_count (w, "withdrawn", r->withdrawn);
      json_count (w, "open", r->open);
      json_count (w, "responses", r->days.n);
      rd_json_writer_end_object (w);
    }
  rd_json_writer_end_array (w);
}

static void
json_gdpr (RdReport     *self,
           RdJsonWriter *w)
{
  const RdGdprStats *g = &self->gdpr;

  rd_json_writer_key (w, "from");
  rd_json_writer_date (w, &self->from);
  rd_json_writer_key (w, "to");
  rd_json_writer_date (w, &self->to);
  rd_json_writer_key (w, "client");
  rd_json_writer_string (w, self->client);
  rd_json_writer_key (w, "as_of");
  rd_json_writer_date (w, &self->today);
  json_count (w, "received", g->received);
  rd_json_writer_key (w, "by_type");
  rd_json_writer_begin_object (w);
  for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
    json_count (w, rd_request_type_to_string (t), g->by_type[t]);
  rd_json_writer_end_object (w);
  rd_json_writer_key (w, "by_channel");
  rd_json_writer_begin_object (w);
  for (guint c = 0; c < RD_N_CHANNELS; c++)
    json_count (w, rd_channel_to_string (c), g->by_channel[c]);
  rd_json_writer_end_object (w);
  json_count (w, "responded", g->responded);
  json_count (w, "on_time", g->on_time);
  json_count (w, "late", g->late);
  json_rate (w, "on_time_percent", g->on_time, g->responded);
  json_count (w, "withdrawn", g->withdrawn);
  json_count (w, "extended", g->extended);
  json_count (w, "extended_on_time", g->extended_on_time);
  json_count (w, "paused_cases", g->paused_cases);
  json_count (w, "pauses", g->pauses);
  rd_json_writer_key (w, "refusals");
  rd_json_writer_begin_object (w);
  json_count (w, "full", g->refused_full);
  json_count (w, "partial", g->refused_partial);
  rd_json_writer_key (w, "by_ground");
  rd_json_writer_begin_object (w);
  for (guint r = 0; r < RD_N_GROUNDS; r++)
    json_count (w, refusal_grounds[r][0], g->refusals_by_ground[r]);
  rd_json_writer_end_object (w);
  rd_json_writer_end_object (w);
  json_days (w, "median_days", g->days.median);
  json_days (w, "mean_days", rd_report_round_mean (g->days.mean));
  json_days (w, "p90_days", g->days.p90);
  rd_json_writer_key (w, "backlog");
  rd_json_writer_begin_object (w);
  json_count (w, "open", g->open);
  json_count (w, "overdue", g->open_overdue);
  rd_json_writer_key (w, "by_age");
  rd_json_writer_begin_object (w);
  for (guint b = 0; b < RD_N_BACKLOG_BUCKETS; b++)
    json_count (w, backlog_buckets[b], g->backlog[b]);
  rd_json_writer_end_object (w);
  rd_json_writer_end_object (w);
  rd_json_writer_key (w, "types");
  rd_json_writer_begin_array (w);
  for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
    {
      const RdGdprTypeRow *r = &g->types[t];

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "type");
      rd_json_writer_string (w, rd_request_type_to_string (t));
      json_count (w, "received", r->received);
      json_count (w, "responded", r->responded);
      json_count (w, "on_time", r->on_time);
      json_count (w, "late", r->late);
      json_count (w, "extended", r->extended);
      json_count (w, "refused", r->refused);
      json_count (w, "open", r->open);
      rd_json_writer_end_object (w);
    }
  rd_json_writer_end_array (w);
}

static void
json_sla (RdReport     *self,
          RdJsonWriter *w)
{
  rd_json_writer_key (w, "sla");
  rd_json_writer_begin_array (w);
  for (guint i = 0; i < self->sla->len; i++)
    {
      RdSlaClient *s = g_ptr_array_index (self->sla, i);

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "client");
      rd_json_writer_string (w, s->client);
      json_count (w, "sla_days", s->sla_days);
      json_count (w, "responded", s->responded);
      json_count (w, "met", s->met);
      json_rate (w, "met_percent", s->met, s->responded);
      json_count (w, "open_past_internal_due", s->open_past_internal_due);
      rd_json_writer_key (w, "months");
      rd_json_writer_begin_array (w);
      for (guint m = 0; m < s->months->len; m++)
        {
          const RdReportMonth *month = &g_array_index (s->months, RdReportMonth, m);
          char name[8];

          rd_report_format_month (month, name);
          rd_json_writer_begin_object (w);
          rd_json_writer_key (w, "month");
          rd_json_writer_string (w, name);
          json_count (w, "received", month->received);
          json_count (w, "responded", month->responded);
          json_count (w, "met", month->sla_met);
          json_rate (w, "met_percent", month->sla_met, month->responded);
          rd_json_writer_end_object (w);
        }
      rd_json_writer_end_array (w);
      rd_json_writer_end_object (w);
    }
  rd_json_writer_end_array (w);
}

char *
rd_report_to_json (RdReport *self)
{
  g_autoptr (RdJsonWriter) w = NULL;
  static const char * const names[] = { "ccpa-7102", "gdpr-statistics", "sla" };

  g_return_val_if_fail (RD_IS_REPORT (self), NULL);

  w = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (w);
  rd_json_writer_key (w, "report");
  rd_json_writer_string (w, names[self->kind]);
  if (self->kind == RD_REPORT_CCPA)
    json_ccpa (self, w);
  else if (self->kind == RD_REPORT_GDPR)
    json_gdpr (self, w);
  else
    {
      rd_json_writer_key (w, "from");
      rd_json_writer_date (w, &self->from);
      rd_json_writer_key (w, "to");
      rd_json_writer_date (w, &self->to);
      rd_json_writer_key (w, "client");
      rd_json_writer_string (w, self->client);
    }
  rd_json_writer_key (w, "months");
  json_months (w, self->months);
  if (self->kind != RD_REPORT_CCPA)
    json_sla (self, w);
  rd_json_writer_end_object (w);
  return rd_json_writer_free_to_string (g_steal_pointer (&w));
}

/* ------------------------------------------------------------------------------------------ */
/* CSV: one table per file */

static const char * const ccpa_tables[] = { "metrics", "months", NULL };
static const char * const gdpr_tables[] = { "summary", "types", "months", "sla", NULL };
static const char * const sla_tables[] = { "sla", "months", NULL };

const char * const *
rd_report_list_csv_tables (RdReport *self)
{
  g_return_val_if_fail (RD_IS_REPORT (self), NULL);

  switch (self->kind)
    {
    case RD_REPORT_CCPA:
      return ccpa_tables;
    case RD_REPORT_SLA:
      return sla_tables;
    case RD_REPORT_GDPR:
    default:
      return gdpr_tables;
    }
}

static void
csv_row (GString *out,
         ...)
{
  const char *fields[32];
  guint n = 0;
  va_list args;

  va_start (args, out);
  for (const char *f = va_arg (args, const char *); f != NULL && n < G_N_ELEMENTS (fields);
       f = va_arg (args, const char *))
    fields[n++] = f;
  va_end (args);
  rd_csv_append_row (out, fields, n);
}

static char *
u (guint value)
{
  return g_strdup_printf ("%u", value);
}

static void
csv_metric (GString    *out,
            const char *metric,
            char       *value)
{
  csv_row (out, metric, value, NULL);
  g_free (value);
}

static void
csv_months (GString *out,
            GArray  *months)
{
  csv_row (out, "month", "received", "responded", "on_time", "on_time_percent",
           "internal_met", NULL);
  for (guint i = 0; i < months->len; i++)
    {
      const RdReportMonth *m = &g_array_index (months, RdReportMonth, i);
      char name[8];
      g_autofree char *a = u (m->received);
      g_autofree char *b = u (m->responded);
      g_autofree char *c = u (m->on_time);
      g_autofree char *d = rd_report_format_rate (m->on_time, m->responded);
      g_autofree char *e = u (m->sla_met);

      rd_report_format_month (m, name);
      csv_row (out, name, a, b, c, d, e, NULL);
    }
}

static void
csv_sla (RdReport *self,
         GString  *out)
{
  csv_row (out, "client", "sla_days", "month", "received", "responded", "met", "met_percent",
           NULL);
  for (guint i = 0; i < self->sla->len; i++)
    {
      RdSlaClient *s = g_ptr_array_index (self->sla, i);
      g_autofree char *days = u (s->sla_days);

      for (guint m = 0; m < s->months->len; m++)
        {
          const RdReportMonth *month = &g_array_index (s->months, RdReportMonth, m);
          char name[8];
          g_autofree char *a = u (month->received);
          g_autofree char *b = u (month->responded);
          g_autofree char *c = u (month->sla_met);
          g_autofree char *d = rd_report_format_rate (month->sla_met, month->responded);

          rd_report_format_month (month, name);
          csv_row (out, s->client, days, name, a, b, c, d, NULL);
        }
    }
}

char *
rd_report_to_csv (RdReport    *self,
                  const char  *table,
                  GError     **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const RdGdprStats *g = &self->gdpr;

  g_return_val_if_fail (RD_IS_REPORT (self), NULL);

  if (table == NULL)
    table = rd_report_list_csv_tables (self)[0];
  if (!g_strv_contains (rd_report_list_csv_tables (self), table))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is the name of a table */
                   _("This report has no table “%s”"), table);
      return NULL;
    }

  if (g_str_equal (table, "metrics"))
    {
      csv_row (out, "type", "received", "complied", "denied", "median_days", "mean_days",
               "denied_unverifiable", "denied_not_a_consumer", "denied_exempt", "denied_other",
               "withdrawn", "open", "responses", NULL);
      for (guint i = 0; i < RD_CCPA_N_ROWS; i++)
        {
          const RdCcpaRow *r = &self->ccpa[i];
          g_autofree char *a = u (r->received);
          g_autofree char *b = u (r->complied);
          g_autofree char *c = u (r->denied);
          g_autofree char *d = rd_report_format_days (r->days.median);
          g_autofree char *e = rd_report_format_days (rd_report_round_mean (r->days.mean));
          g_autofree char *f = u (r->denied_by_reason[RD_DENIAL_UNVERIFIABLE]);
          g_autofree char *h = u (r->denied_by_reason[RD_DENIAL_NOT_CONSUMER]);
          g_autofree char *k = u (r->denied_by_reason[RD_DENIAL_EXEMPT]);
          g_autofree char *l = u (r->denied_by_reason[RD_DENIAL_OTHER]);
          g_autofree char *m = u (r->withdrawn);
          g_autofree char *n = u (r->open);
          g_autofree char *o = u (r->days.n);

          csv_row (out, ccpa_rows[i][0], a, b, c, d, e, f, h, k, l, m, n, o, NULL);
        }
    }
  else if (g_str_equal (table, "months"))
    csv_months (out, self->months);
  else if (g_str_equal (table, "sla"))
    csv_sla (self, out);
  else if (g_str_equal (table, "types"))
    {
      csv_row (out, "type", "received", "responded", "on_time", "late", "extended", "refused",
               "open", NULL);
      for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
        {
          const RdGdprTypeRow *r = &g->types[t];
          g_autofree char *a = u (r->received);
          g_autofree char *b = u (r->responded);
          g_autofree char *c = u (r->on_time);
          g_autofree char *d = u (r->late);
          g_autofree char *e = u (r->extended);
          g_autofree char *f = u (r->refused);
          g_autofree char *h = u (r->open);

          csv_row (out, rd_request_type_to_string (t), a, b, c, d, e, f, h, NULL);
        }
    }
  else /* summary: one figure a line, named as in the JSON */
    {
      char date[11];

      csv_row (out, "metric", "value", NULL);
      rd_date_format_into (&self->from, date);
      csv_row (out, "from", date, NULL);
      rd_date_format_into (&self->to, date);
      csv_row (out, "to", date, NULL);
      csv_row (out, "client", self->client ? self->client : "", NULL);
      rd_date_format_into (&self->today, date);
      csv_row (out, "as_of", date, NULL);
      csv_metric (out, "received", u (g->received));
      for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
        {
          g_autofree char *name = g_strconcat ("by_type.", rd_request_type_to_string (t), NULL);
          csv_metric (out, name, u (g->by_type[t]));
        }
      for (guint c = 0; c < RD_N_CHANNELS; c++)
        {
          g_autofree char *name = g_strconcat ("by_channel.", rd_channel_to_string (c), NULL);
          csv_metric (out, name, u (g->by_channel[c]));
        }
      csv_metric (out, "responded", u (g->responded));
      csv_metric (out, "on_time", u (g->on_time));
      csv_metric (out, "late", u (g->late));
      csv_metric (out, "on_time_percent", rd_report_format_rate (g->on_time, g->responded));
      csv_metric (out, "withdrawn", u (g->withdrawn));
      csv_metric (out, "extended", u (g->extended));
      csv_metric (out, "extended_on_time", u (g->extended_on_time));
      csv_metric (out, "paused_cases", u (g->paused_cases));
      csv_metric (out, "pauses", u (g->pauses));
      csv_metric (out, "refusals.full", u (g->refused_full));
      csv_metric (out, "refusals.partial", u (g->refused_partial));
      for (guint r = 0; r < RD_N_GROUNDS; r++)
        {
          g_autofree char *name = g_strconcat ("refusals.by_ground.", refusal_grounds[r][0],
                                               NULL);
          csv_metric (out, name, u (g->refusals_by_ground[r]));
        }
      csv_metric (out, "median_days", rd_report_format_days (g->days.median));
      csv_metric (out, "mean_days", rd_report_format_days (rd_report_round_mean (g->days.mean)));
      csv_metric (out, "p90_days", rd_report_format_days (g->days.p90));
      csv_metric (out, "backlog.open", u (g->open));
      csv_metric (out, "backlog.overdue", u (g->open_overdue));
      for (guint b = 0; b < RD_N_BACKLOG_BUCKETS; b++)
        {
          g_autofree char *name = g_strconcat ("backlog.by_age.", backlog_buckets[b], NULL);
          csv_metric (out, name, u (g->backlog[b]));
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Saving */

static char *
sibling_csv_path (const char *path,
                  const char *table)
{
  g_autofree char *stem = NULL;

  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    stem = g_strndup (path, strlen (path) - 4);
  else
    stem = g_strdup (path);
  return g_strdup_printf ("%s-%s.csv", stem, table);
}

gboolean
rd_report_save (RdReport        *self,
                RdReportFormat   format,
                RdPaper          paper,
                const char      *path,
                GError         **error)
{
  g_return_val_if_fail (RD_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (format)
    {
    case RD_REPORT_FORMAT_JSON:
      {
        g_autofree char *json = rd_report_to_json (self);
        g_autofree char *text = g_strconcat (json, "\n", NULL);

        return rd_file_write_atomically (path, text, strlen (text), error);
      }

    case RD_REPORT_FORMAT_CSV:
      {
        const char * const *tables = rd_report_list_csv_tables (self);

        for (guint i = 0; tables[i] != NULL; i++)
          {
            g_autofree char *csv = rd_report_to_csv (self, tables[i], error);
            g_autofree char *target = i == 0 ? g_strdup (path)
                                             : sibling_csv_path (path, tables[i]);

            if (csv == NULL || !rd_file_write_atomically (target, csv, strlen (csv), error))
              return FALSE;
          }
        return TRUE;
      }

    case RD_REPORT_FORMAT_PDF:
      return rd_report_pdf_save (self, paper, path, error);

    default:
      g_return_val_if_reached (FALSE);
    }
}
