/* rd-deadline.c: TEMPORARY stand-in until the engine lands (months or 45 days, weekend roll) */
#define G_LOG_DOMAIN "rd-deadline"

#include "config.h"

#include "rd-calendar.h"
#include "rd-deadline.h"
#include "rd-error.h"
#include "rd-jurisdiction.h"

static void
roll (GDate *d)
{
  while (g_date_get_weekday (d) >= G_DATE_SATURDAY)
    g_date_add_days (d, 1);
}

RdDeadline *
rd_deadline_compute (const RdDeadlineRequest *request, GError **error)
{
  g_autoptr (RdJurisdiction) j = rd_jurisdiction_lookup (request->jurisdiction, error);
  RdDeadline *d;
  GDate start;
  guint extra = 0;
  gboolean ccpa;

  if (j == NULL)
    return NULL;
  if (request->calendar)
    {
      g_autoptr (RdCalendar) c = rd_calendar_lookup (request->calendar, error);
      if (c == NULL)
        return NULL;
    }
  ccpa = g_str_equal (request->jurisdiction, "us-ca-ccpa");
  d = g_new0 (RdDeadline, 1);
  d->jurisdiction = g_strdup (request->jurisdiction);
  d->calendar = g_strdup (request->calendar ? request->calendar : rd_jurisdiction_get_default_calendar (j));
  d->type = request->type;
  d->received = request->received;
  start = g_date_valid (&request->restart) ? request->restart : request->received;
  for (guint i = 0; i < request->n_pauses; i++)
    extra += g_date_days_between (&request->pauses[i].from, &request->pauses[i].to) + 1;
  g_date_clear (&d->acknowledge_by, 1);
  d->due = start;
  d->extended_due = start;
  if (ccpa)
    {
      g_date_add_days (&d->due, 45);
      g_date_add_days (&d->extended_due, 90);
      d->acknowledge_by = request->received;
      g_date_add_days (&d->acknowledge_by, 14);
    }
  else
    {
      g_date_add_months (&d->due, 1);
      g_date_add_months (&d->extended_due, 3);
      g_date_add_days (&d->due, extra);
      g_date_add_days (&d->extended_due, extra);
      roll (&d->due);
      roll (&d->extended_due);
    }
  d->extension_notice_by = d->due;
  d->effective_due = request->extended ? d->extended_due : d->due;
  d->internal_due = d->effective_due;
  if (request->sla_days > 0)
    {
      GDate sla = start;
      g_date_add_days (&sla, request->sla_days + extra);
      if (g_date_compare (&sla, &d->internal_due) < 0)
        d->internal_due = sla;
    }
  d->citation = g_strdup (ccpa ? "Cal. Civ. Code 1798.130(a)(2)(A)" : "GDPR Art. 12(3)");
  return d;
}

void
rd_deadline_free (RdDeadline *deadline)
{
  if (deadline == NULL)
    return;
  g_free (deadline->jurisdiction);
  g_free (deadline->calendar);
  g_free (deadline->citation);
  g_free (deadline);
}
