/* rd-report-pdf.c: reports laid out as pages of tables, charts and legal notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-report-pdf"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-date.h"
#include "rd-file.h"
#include "rd-pdf-layout.h"
#include "rd-report-pdf.h"
#include "rd-report-private.h"

void
rd_paper_get_size (RdPaper  paper,
                   double  *width,
                   double  *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  if (paper == RD_PAPER_LETTER)
    {
      *width = 612;   /* 8.5 x 11 in */
      *height = 792;
    }
  else
    {
      *width = 595.276;   /* 210 x 297 mm */
      *height = 841.89;
    }
}

static char *
u (guint value)
{
  return g_strdup_printf ("%u", value);
}

/* An owned row of cells for rd_pdf_layout_add_table(); takes the strings. */
static void
add_row (GPtrArray *rows,
         guint      n,
         ...)
{
  GStrv row = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  g_ptr_array_add (rows, row);
}

static char *
percent_text (guint part,
              guint whole)
{
  g_autofree char *rate = rd_report_format_rate (part, whole);

  return whole == 0 ? g_strdup ("–") : g_strdup_printf ("%s%%", rate);
}

static char *
days_text (double value)
{
  return isfinite (value) ? rd_report_format_days (value) : g_strdup ("–");
}

static void
add_month_charts (RdPdfLayout *layout,
                  RdReport    *report)
{
  GArray *months = rd_report_get_months (report);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *volume = g_new0 (double, MAX (months->len, 1));
  g_autofree double *on_time = g_new0 (double, MAX (months->len, 1));
  gboolean several_years = months->len > 0 &&
    g_array_index (months, RdReportMonth, 0).year !=
    g_array_index (months, RdReportMonth, months->len - 1).year;

  for (guint i = 0; i < months->len; i++)
    {
      const RdReportMonth *m = &g_array_index (months, RdReportMonth, i);
      GDate d;
      char name[16];

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, m->month, m->year);
      g_date_strftime (name, sizeof name, several_years ? "%b %y" : "%b", &d);
      g_ptr_array_add (labels, g_strdup (name));
      volume[i] = m->received;
      on_time[i] = m->responded ? round (1000.0 * m->on_time / m->responded) / 10.0 : NAN;
    }
  g_ptr_array_add (labels, NULL);

  rd_pdf_layout_add_bar_chart (layout, _("Requests received by month"), RD_PDF_CHART_COUNT,
                               months->len, (const char * const *) labels->pdata, volume);
  rd_pdf_layout_add_bar_chart (layout,
                               _("Answered by the legal deadline, by month of receipt"),
                               RD_PDF_CHART_PERCENT, months->len,
                               (const char * const *) labels->pdata, on_time);
}

static void
month_totals (RdReport *report,
              guint    *responded,
              guint    *on_time)
{
  GArray *months = rd_report_get_months (report);

  *responded = *on_time = 0;
  for (guint i = 0; i < months->len; i++)
    {
      *responded += g_array_index (months, RdReportMonth, i).responded;
      *on_time += g_array_index (months, RdReportMonth, i).on_time;
    }
}

static char *
period_text (RdReport *report)
{
  char from[11], to[11];

  rd_date_format_into (rd_report_get_from (report), from);
  rd_date_format_into (rd_report_get_to (report), to);
  /* Translators: a period of dates, "2026-01-01 to 2026-12-31" */
  return g_strdup_printf (_("%s to %s"), from, to);
}

static void
build_ccpa (RdPdfLayout *layout,
            RdReport    *report)
{
  static const double widths[] = { 3.3, 1, 1.5, 1, 1, 1 };
  static const RdPdfAlign aligns[] = {
    RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT,
    RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT,
  };
  const char *headers[] = {
    _("Request type"), _("Received"), _("Complied with in whole or in part"), _("Denied"),
    _("Median days"), _("Mean days"),
  };
  static const double reason_widths[] = { 3.3, 1, 1, 1, 1, 1 };
  const char *reason_headers[] = {
    _("Request type"), _("Not verifiable"), _("Not a consumer"), _("Exempt"), _("Other"),
    _("Denied"),
  };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *title = rd_report_dup_title (report);
  g_autofree char *period = period_text (report);
  g_autofree char *today = rd_date_format (rd_report_get_today (report));
  const char *client = rd_report_get_client (report);
  guint total_received = 0, total_complied = 0, total_denied = 0, responded, on_time;
  guint by_reason[RD_N_DENIALS] = { 0 };
  g_autofree char *v_received = NULL, *v_complied = NULL, *v_denied = NULL, *v_on_time = NULL;
  const char *facts[] = {
    _("Client"), client ? client : _("All clients"),
    _("Requests received"), period,
    _("Prepared on"), today,
    _("Scope"), _("All individuals (§ 7102(b))"),
    NULL,
  };

  for (guint i = 0; i < RD_CCPA_N_ROWS; i++)
    {
      const RdCcpaRow *r = rd_report_get_ccpa_row (report, i);

      total_received += r->received;
      total_complied += r->complied;
      total_denied += r->denied;
      for (guint d = 0; d < RD_N_DENIALS; d++)
        by_reason[d] += r->denied_by_reason[d];
      add_row (rows, 6, g_strdup (rd_ccpa_row_to_label (i)), u (r->received), u (r->complied),
               u (r->denied), days_text (r->days.median),
               days_text (rd_report_round_mean (r->days.mean)));
      add_row (reasons, 6, g_strdup (rd_ccpa_row_to_label (i)),
               u (r->denied_by_reason[RD_DENIAL_UNVERIFIABLE]),
               u (r->denied_by_reason[RD_DENIAL_NOT_CONSUMER]),
               u (r->denied_by_reason[RD_DENIAL_EXEMPT]),
               u (r->denied_by_reason[RD_DENIAL_OTHER]), u (r->denied));
    }
  add_row (rows, 6, g_strdup_printf ("\t%s", _("All requests")), u (total_received),
           u (total_complied), u (total_denied), g_strdup (""), g_strdup (""));
  add_row (reasons, 6, g_strdup_printf ("\t%s", _("All requests")),
           u (by_reason[RD_DENIAL_UNVERIFIABLE]), u (by_reason[RD_DENIAL_NOT_CONSUMER]),
           u (by_reason[RD_DENIAL_EXEMPT]), u (by_reason[RD_DENIAL_OTHER]), u (total_denied));

  rd_pdf_layout_add_title (layout, _("CALIFORNIA CONSUMER PRIVACY ACT · 11 CCR § 7102"), title,
                           facts);

  month_totals (report, &responded, &on_time);
  v_received = u (total_received);
  v_complied = u (total_complied);
  v_denied = u (total_denied);
  v_on_time = percent_text (on_time, responded);
  {
    const char *values[] = { v_received, v_complied, v_denied, v_on_time };
    const char *captions[] = {
      _("Requests received"), _("Complied with in whole or in part"), _("Denied"),
      _("Answered by the legal deadline"),
    };

    rd_pdf_layout_add_figures (layout, 4, values, captions);
  }

  rd_pdf_layout_add_heading (layout, _("Metrics by request type"));
  rd_pdf_layout_add_table (layout, 6, headers, widths, aligns, rows);
  rd_pdf_layout_add_heading (layout, _("Denials by reason"));
  rd_pdf_layout_add_table (layout, 6, reason_headers, reason_widths, aligns, reasons);
  rd_pdf_layout_add_heading (layout, _("Monthly volume and timeliness"));
  add_month_charts (layout, report);

  {
    const char *notes[] = {
      _("Metrics under Cal. Code Regs. tit. 11, § 7102(a)(1)(A)–(F), required of a business "
        "that handles the personal information of 10,000,000 or more consumers in a calendar "
        "year, and disclosed by July 1 of the following year in its privacy policy or on a page "
        "linked from it (§ 7102(a)(2))."),
      _("Requests to know comprise access and portability requests (Civ. Code §§ 1798.110, "
        "1798.115, 1798.130); requests to delete, § 1798.105; to correct, § 1798.106; to opt "
        "out of sale or sharing, § 1798.120 and 11 CCR § 7026; to limit the use of sensitive "
        "personal information, § 1798.121 and 11 CCR § 7027."),
      _("Requests handled under the CCPA, counted by date of receipt. “Complied with in whole "
        "or in part” counts full and partial responses. Withdrawn and still open requests are "
        "counted as received only."),
      _("Days to respond are calendar days from receipt to the substantive response recorded "
        "when the request was closed (§ 7102(a)(1)(F)); withdrawn requests have none. The "
        "median of an even number of requests is the mean of the two middle values; means "
        "are given to one decimal place."),
      _("Denials are split by reason as § 7102(a)(2) permits, from the reason recorded when "
        "each request was denied."),
      _("Compiled for requests from all individuals rather than California consumers only, "
        "as § 7102(b) permits."),
      _("The legal deadline is 45 calendar days, extendable once by 45 (Civ. Code "
        "§ 1798.130(a)(2)(A); 11 CCR § 7021), or 15 business days for requests to opt out "
        "and to limit (11 CCR §§ 7026(f), 7027(g))."),
      NULL,
    };

    rd_pdf_layout_add_notes (layout, _("Notes and legal basis"), notes);
  }
}

static void
build_gdpr (RdPdfLayout *layout,
            RdReport    *report)
{
  const RdGdprStats *g = rd_report_get_gdpr (report);
  g_autofree char *title = rd_report_dup_title (report);
  g_autofree char *period = period_text (report);
  g_autofree char *today = rd_date_format (rd_report_get_today (report));
  const char *client = rd_report_get_client (report);
  const char *facts[] = {
    _("Client"), client ? client : _("All clients"),
    _("Requests received"), period,
    _("Prepared on"), today,
    _("Backlog as of"), today,
    NULL,
  };
  static const RdPdfAlign aligns[] = {
    RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT,
    RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT,
  };
  g_autofree char *v_received = u (g->received);
  g_autofree char *v_on_time = percent_text (g->on_time, g->responded);
  g_autofree char *v_late = u (g->late);
  g_autofree char *v_median = days_text (g->days.median);
  g_autofree char *v_p90 = days_text (g->days.p90);

  rd_pdf_layout_add_title (layout, _("GDPR · DATA SUBJECT RIGHTS · ART. 5(2) AND 24"), title,
                           facts);
  {
    const char *values[] = { v_received, v_on_time, v_late, v_median, v_p90 };
    const char *captions[] = {
      _("Requests received"), _("Answered on time"), _("Answered late"),
      _("Median days to respond"), _("90th percentile, days"),
    };

    rd_pdf_layout_add_figures (layout, 5, values, captions);
  }

  /* By type */
  {
    static const double widths[] = { 2.4, 1, 1, 1, 1, 1, 1, 1 };
    const char *headers[] = {
      _("Request type"), _("Received"), _("Answered"), _("On time"), _("Late"), _("Extended"),
      _("Refused"), _("Open"),
    };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
      {
        const RdGdprTypeRow *r = &g->types[t];

        if (r->received == 0)
          continue;
        add_row (rows, 8, g_strdup (_(rd_request_type_to_label (t))), u (r->received),
                 u (r->responded), u (r->on_time), u (r->late), u (r->extended),
                 u (r->refused), u (r->open));
      }
    add_row (rows, 8, g_strdup_printf ("\t%s", _("All requests")), u (g->received),
             u (g->responded), u (g->on_time), u (g->late), u (g->extended),
             u (g->refused_full + g->refused_partial), u (g->open));
    rd_pdf_layout_add_heading (layout, _("Requests by type"));
    rd_pdf_layout_add_table (layout, 8, headers, widths, aligns, rows);
  }

  rd_pdf_layout_add_heading (layout, _("Monthly volume and timeliness"));
  add_month_charts (layout, report);

  /* Timeliness and the clock */
  {
    static const double widths[] = { 4, 1 };
    const char *headers[] = { _("Timeliness"), _("Requests") };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    add_row (rows, 2, g_strdup (_("Answered (complied, partly or fully refused)")),
             u (g->responded));
    add_row (rows, 2, g_strdup (_("Answered by the deadline in force")), u (g->on_time));
    add_row (rows, 2, g_strdup (_("Answered after it")), u (g->late));
    add_row (rows, 2, g_strdup (_("Period extended by two further months (Art. 12(3))")),
             u (g->extended));
    add_row (rows, 2, g_strdup (_("Extended and answered within the extended period")),
             u (g->extended_on_time));
    add_row (rows, 2, g_strdup (_("Requests whose clock was paused")), u (g->paused_cases));
    add_row (rows, 2, g_strdup (_("Pauses of the clock in all")), u (g->pauses));
    add_row (rows, 2, g_strdup (_("Withdrawn by the requester")), u (g->withdrawn));
    add_row (rows, 2, g_strdup (_("Median days to respond")), days_text (g->days.median));
    add_row (rows, 2, g_strdup (_("Mean days to respond")),
             days_text (rd_report_round_mean (g->days.mean)));
    add_row (rows, 2, g_strdup (_("90th percentile of days to respond")),
             days_text (g->days.p90));
    rd_pdf_layout_add_heading (layout, _("Timeliness, extensions and pauses"));
    rd_pdf_layout_add_table (layout, 2, headers, widths, aligns, rows);
  }

  /* Channels */
  {
    static const double widths[] = { 4, 1, 1 };
    const char *headers[] = { _("Channel"), _("Received"), _("Share") };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint c = 0; c < RD_N_CHANNELS; c++)
      add_row (rows, 3, g_strdup (_(rd_channel_to_label (c))), u (g->by_channel[c]),
               percent_text (g->by_channel[c], g->received));
    rd_pdf_layout_add_heading (layout, _("Requests by channel"));
    rd_pdf_layout_add_table (layout, 3, headers, widths, aligns, rows);
  }

  /* Refusals */
  {
    static const double widths[] = { 4, 1 };
    const char *headers[] = { _("Ground for refusing in full or in part"), _("Requests") };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint r = 0; r < RD_N_GROUNDS; r++)
      add_row (rows, 2, g_strdup (rd_refusal_ground_to_label (r)),
               u (g->refusals_by_ground[r]));
    add_row (rows, 2, g_strdup_printf ("\t%s", _("Refused in full")), u (g->refused_full));
    add_row (rows, 2, g_strdup_printf ("\t%s", _("Refused in part")), u (g->refused_partial));
    rd_pdf_layout_add_heading (layout, _("Refusals by ground"));
    rd_pdf_layout_add_table (layout, 2, headers, widths, aligns, rows);
  }

  /* Backlog */
  {
    static const double widths[] = { 4, 1 };
    const char *headers[] = { _("Open requests by age"), _("Requests") };
    static const char * const ages[] = {
      N_("Up to 30 days"), N_("31 to 60 days"), N_("61 to 90 days"), N_("More than 90 days"),
    };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint b = 0; b < RD_N_BACKLOG_BUCKETS; b++)
      add_row (rows, 2, g_strdup (_(ages[b])), u (g->backlog[b]));
    add_row (rows, 2, g_strdup_printf ("\t%s", _("Open")), u (g->open));
    add_row (rows, 2, g_strdup_printf ("\t%s", _("Of which past their deadline")),
             u (g->open_overdue));
    rd_pdf_layout_add_heading (layout, _("Open backlog"));
    rd_pdf_layout_add_table (layout, 2, headers, widths, aligns, rows);
  }
}

static void
build_sla (RdPdfLayout *layout,
           RdReport    *report,
           gboolean     with_title)
{
  GPtrArray *sla = rd_report_get_sla (report);
  static const double widths[] = { 2.6, 1, 1, 1, 1, 1.2 };
  static const RdPdfAlign aligns[] = {
    RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT,
    RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_RIGHT,
  };
  const char *headers[] = {
    _("Client"), _("Internal days"), _("Answered"), _("Met"), _("Met %"),
    _("Open past internal date"),
  };
  static const double month_widths[] = { 2.6, 1, 1, 1, 1, 1.2 };
  const char *month_headers[] = {
    _("Client"), _("Month"), _("Received"), _("Answered"), _("Met"), _("Met %"),
  };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) month_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (with_title)
    {
      g_autofree char *title = rd_report_dup_title (report);
      g_autofree char *period = period_text (report);
      g_autofree char *today = rd_date_format (rd_report_get_today (report));
      const char *client = rd_report_get_client (report);
      const char *facts[] = {
        _("Client"), client ? client : _("All clients"),
        _("Requests received"), period,
        _("Prepared on"), today,
        NULL,
      };

      rd_pdf_layout_add_title (layout, _("SERVICE LEVELS"), title, facts);
    }

  for (guint i = 0; i < sla->len; i++)
    {
      RdSlaClient *s = g_ptr_array_index (sla, i);

      add_row (rows, 6, g_strdup (s->client),
               s->sla_days ? u (s->sla_days) : g_strdup (_("legal")), u (s->responded),
               u (s->met), percent_text (s->met, s->responded), u (s->open_past_internal_due));
      for (guint m = 0; m < s->months->len; m++)
        {
          const RdReportMonth *month = &g_array_index (s->months, RdReportMonth, m);
          char name[8];

          if (month->received == 0 && month->responded == 0)
            continue;
          rd_report_format_month (month, name);
          add_row (month_rows, 6, g_strdup (s->client), g_strdup (name), u (month->received),
                   u (month->responded), u (month->sla_met),
                   percent_text (month->sla_met, month->responded));
        }
    }

  rd_pdf_layout_add_heading (layout, _("Internal deadlines met, by client"));
  rd_pdf_layout_add_table (layout, 6, headers, widths, aligns, rows);
  rd_pdf_layout_add_heading (layout, _("Internal deadlines met, by client and month"));
  rd_pdf_layout_add_table (layout, 6, month_headers, month_widths, aligns, month_rows);
}

static void
add_gdpr_notes (RdPdfLayout *layout)
{
  const char *notes[] = {
    _("No statutory form: these are the figures a controller keeps to demonstrate compliance "
      "(GDPR Art. 5(2) and 24) and that a supervisory authority may ask for, following the "
      "EDPB Coordinated Enforcement reports on the right of access (2024) and erasure (2025)."),
    _("Requests made under the EU and UK GDPR, counted by date of receipt. The deadline is one month from receipt, "
      "extendable by two further months where necessary (Art. 12(3)); periods are computed "
      "under Reg. (EEC, Euratom) No 1182/71, Art. 3. UK GDPR cases follow Art. 12 and 12A "
      "and DPA 2018 s. 54 as amended."),
    _("Pauses: the time may be suspended while the controller waits for information needed "
      "to identify the requester (EDPB Guidelines 01/2022, para. 159); under UK GDPR the "
      "clock may restart or stop as Art. 12A provides."),
    _("Refusals in full or in part carry the reasons and the right to complain and to seek a "
      "judicial remedy (Art. 12(4)); a redaction counts as a partial refusal (EDPB Guidelines "
      "01/2022, para. 193). Grounds are read from the reason recorded at closing."),
    _("Days to respond are calendar days from receipt to the response recorded at closing. "
      "The median of an even number is the mean of the two middle values; the 90th percentile "
      "is the nearest-rank value (the ⌈0.9 n⌉-th smallest); means to one decimal place."),
    _("The open backlog counts requests received in the period that were still open on the "
      "date shown, by calendar days since receipt."),
    _("Internal deadlines are each client’s service level in calendar days from receipt, never "
      "later than the legal deadline; a request meets it when answered on or before it."),
    NULL,
  };

  rd_pdf_layout_add_notes (layout, _("Notes and legal basis"), notes);
}

static RdPdfLayout *
build_layout (RdReport *report)
{
  g_autofree char *title = rd_report_dup_title (report);
  const char *client = rd_report_get_client (report);
  g_autofree char *running = g_strdup_printf ("%s · %s", title, client ? client : _("All clients"));
  g_autofree char *footer = NULL;
  g_autofree char *today = rd_date_format (rd_report_get_today (report));
  RdPdfLayout *layout;

  /* Translators: the footer of a report; %s is a date */
  footer = g_strdup_printf (_("Rights Desk · prepared on %s · confidential"), today);
  layout = rd_pdf_layout_new (running, footer);

  switch (rd_report_get_kind (report))
    {
    case RD_REPORT_CCPA:
      build_ccpa (layout, report);
      break;
    case RD_REPORT_GDPR:
      build_gdpr (layout, report);
      build_sla (layout, report, FALSE);
      add_gdpr_notes (layout);
      break;
    case RD_REPORT_SLA:
    default:
      build_sla (layout, report, TRUE);
      add_month_charts (layout, report);
      add_gdpr_notes (layout);
      break;
    }
  return layout;
}

guint
rd_report_pdf_get_n_pages (RdReport *report,
                           double    width,
                           double    height)
{
  g_autoptr (RdPdfLayout) layout = NULL;

  g_return_val_if_fail (RD_IS_REPORT (report), 0);

  layout = build_layout (report);
  return rd_pdf_layout_paginate (layout, width, height);
}

void
rd_report_pdf_draw_page (RdReport *report,
                         cairo_t  *cr,
                         double    width,
                         double    height,
                         guint     page)
{
  g_autoptr (RdPdfLayout) layout = NULL;
  guint n;

  g_return_if_fail (RD_IS_REPORT (report));
  g_return_if_fail (cr != NULL);

  layout = build_layout (report);
  n = rd_pdf_layout_paginate (layout, width, height);
  g_return_if_fail (page < n);
  rd_pdf_layout_draw_page (layout, cr, page);
}

GBytes *
rd_report_pdf_render (RdReport  *report,
                      RdPaper    paper,
                      GError   **error)
{
  g_autoptr (RdPdfLayout) layout = NULL;
  g_autofree char *title = NULL;
  double width, height;

  g_return_val_if_fail (RD_IS_REPORT (report), NULL);

  rd_paper_get_size (paper, &width, &height);
  layout = build_layout (report);
  title = rd_report_dup_title (report);
  return rd_pdf_layout_render_pdf (layout, width, height, title, error);
}

gboolean
rd_report_pdf_save (RdReport    *report,
                    RdPaper      paper,
                    const char  *path,
                    GError     **error)
{
  g_autoptr (GBytes) pdf = NULL;

  g_return_val_if_fail (RD_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = rd_report_pdf_render (report, paper, error);
  if (pdf == NULL)
    return FALSE;
  return rd_file_write_atomically (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                     error);
}
