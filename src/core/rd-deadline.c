/* rd-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-deadline"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-calendar.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-error.h"
#include "rd-jurisdiction.h"

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

/* The last day of @period counted from @start, @pause_days later, then moved as the law moves a
 * last day that falls on a weekend or holiday. Months follow Reg. 1182/71 Art. 3(2)(c) and the
 * ICO: the same date in the later month, or that month's last day when it has no such date. */
static void
end_of_period (RdJurisdiction *jurisdiction,
               RdCalendar     *calendar,
               const GDate    *start,
               const RdPeriod *period,
               guint           pause_days,
               GDate          *out)
{
  *out = *start;

  switch (period->unit)
    {
    case RD_PERIOD_MONTHS:
      /* g_date_add_months() clamps 31 August + 1 month to 30 September. */
      g_date_add_months (out, period->amount);
      break;

    case RD_PERIOD_DAYS:
      g_date_add_days (out, period->amount);
      break;

    case RD_PERIOD_BUSINESS_DAYS:
      rd_calendar_add_business_days (calendar, out, period->amount);
      break;

    case RD_PERIOD_NONE:
    default:
      g_assert_not_reached ();
    }

  g_date_add_days (out, pause_days);
  rd_jurisdiction_roll (jurisdiction, calendar, out);
}

static int
compare_pauses (gconstpointer a,
                gconstpointer b)
{
  const RdPause *pa = a;
  const RdPause *pb = b;

  return g_date_compare (&pa->from, &pb->from);
}

/* Checks the pauses and returns the days they add (both ends inclusive). Pauses wholly before a
 * restart do not count: the period runs again in full from the restart. */
static gboolean
count_pause_days (const RdDeadlineRequest *request,
                  guint                   *out,
                  GError                 **error)
{
  g_autoptr (GArray) pauses = g_array_sized_new (FALSE, FALSE, sizeof (RdPause),
                                                 request->n_pauses);
  gboolean restarted = g_date_valid (&request->restart);
  const RdPause *previous = NULL;
  guint days = 0;

  for (guint i = 0; i < request->n_pauses; i++)
    {
      const RdPause *pause = &request->pauses[i];
      char from[11], to[11];

      if (!g_date_valid (&pause->from) || !g_date_valid (&pause->to))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("A pause has no valid dates"));
          return FALSE;
        }

      rd_date_format_into (&pause->from, from);
      rd_date_format_into (&pause->to, to);

      if (g_date_compare (&pause->to, &pause->from) < 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: the two %s are dates */
                       _("The pause %s:%s ends before it starts"), from, to);
          return FALSE;
        }
      if (g_date_compare (&pause->from, &request->received) < 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: the two %s are dates */
                       _("The pause %s:%s starts before the request was received"), from, to);
          return FALSE;
        }
      if (restarted && g_date_compare (&pause->from, &request->restart) < 0 &&
          g_date_compare (&pause->to, &request->restart) >= 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: the two %s are dates */
                       _("The pause %s:%s runs over the restart of the period"), from, to);
          return FALSE;
        }

      g_array_append_val (pauses, *pause);
    }

  g_array_sort (pauses, compare_pauses);

  for (guint i = 0; i < pauses->len; i++)
    {
      const RdPause *pause = &g_array_index (pauses, RdPause, i);

      if (previous != NULL && g_date_compare (&pause->from, &previous->to) <= 0)
        {
          char from[11], to[11];

          rd_date_format_into (&pause->from, from);
          rd_date_format_into (&pause->to, to);
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: the two %s are dates */
                       _("The pause from %s to %s overlaps an earlier one: a new pause can "
                         "start only after the day the last one ended"), from, to);
          return FALSE;
        }
      previous = pause;

      if (restarted && g_date_compare (&pause->to, &request->restart) < 0)
        continue;

      days += g_date_days_between (&pause->from, &pause->to) + 1;
    }

  *out = days;
  return TRUE;
}

RdDeadline *
rd_deadline_compute (const RdDeadlineRequest  *request,
                     GError                  **error)
{
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_autoptr (RdCalendar) calendar = NULL;
  g_autoptr (RdDeadline) deadline = NULL;
  g_autofree char *reason = NULL;
  const RdJurisdictionRule *rule;
  const char *calendar_id;
  guint pause_days = 0;
  GDate start;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->n_pauses == 0 || request->pauses != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_date_valid (&request->received))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The request has no valid received date"));
      return NULL;
    }
  if ((guint) request->type >= RD_N_REQUEST_TYPES)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The request type is not valid"));
      return NULL;
    }

  jurisdiction = rd_jurisdiction_lookup (request->jurisdiction, error);
  if (jurisdiction == NULL)
    return NULL;

  rule = rd_jurisdiction_get_rule (jurisdiction, request->type);
  if (rule == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is the name of a law, then a request type */
                   _("%s does not cover %s requests"),
                   rd_jurisdiction_get_name (jurisdiction),
                   rd_request_type_to_string (request->type));
      return NULL;
    }

  calendar_id = request->calendar ? request->calendar
                                  : rd_jurisdiction_get_default_calendar (jurisdiction);
  calendar = rd_calendar_lookup (calendar_id, error);
  if (calendar == NULL)
    return NULL;

  start = request->received;
  if (g_date_valid (&request->restart))
    {
      if (g_date_compare (&request->restart, &request->received) < 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("The period cannot restart before the request was received"));
          return NULL;
        }
      if (!rd_jurisdiction_allows_restart (jurisdiction, request->type, &reason))
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW, reason);
          return NULL;
        }
      start = request->restart;
    }

  if (request->n_pauses > 0)
    {
      if (!rd_jurisdiction_allows_pause (jurisdiction, request->type, &reason))
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW, reason);
          return NULL;
        }
      if (!count_pause_days (request, &pause_days, error))
        return NULL;
    }

  if (request->extended &&
      !rd_jurisdiction_allows_extension (jurisdiction, request->type, &reason))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW, reason);
      return NULL;
    }

  deadline = g_new0 (RdDeadline, 1);
  deadline->jurisdiction = g_strdup (rd_jurisdiction_get_id (jurisdiction));
  deadline->calendar = g_strdup (rd_calendar_get_id (calendar));
  deadline->type = request->type;
  deadline->received = request->received;
  deadline->citation = g_strdup (rule->citation);
  g_date_clear (&deadline->due, 1);
  g_date_clear (&deadline->extended_due, 1);
  g_date_clear (&deadline->acknowledge_by, 1);
  g_date_clear (&deadline->extension_notice_by, 1);
  g_date_clear (&deadline->effective_due, 1);
  g_date_clear (&deadline->internal_due, 1);

  end_of_period (jurisdiction, calendar, &start, &rule->period, pause_days, &deadline->due);

  if (rule->extended.unit != RD_PERIOD_NONE)
    {
      /* The extended period runs from the same start as the first (the ICO's "three months
       * from the original start date"), and the clock stops count against it too. */
      end_of_period (jurisdiction, calendar, &start, &rule->extended, pause_days,
                     &deadline->extended_due);
      /* Every law here wants the extension notice within the first period. */
      deadline->extension_notice_by = deadline->due;
    }

  /* Acknowledgement runs from receipt: CCPA 7021(a) counts from the request, whatever
   * verification does. */
  if (rule->acknowledge.unit != RD_PERIOD_NONE)
    end_of_period (jurisdiction, calendar, &request->received, &rule->acknowledge, 0,
                   &deadline->acknowledge_by);

  deadline->effective_due = request->extended ? deadline->extended_due : deadline->due;
  deadline->internal_due = deadline->effective_due;

  if (request->sla_days > 0)
    {
      GDate sla = start;

      g_date_add_days (&sla, request->sla_days + pause_days);
      if (g_date_compare (&sla, &deadline->internal_due) < 0)
        deadline->internal_due = sla;
    }

  return g_steal_pointer (&deadline);
}
