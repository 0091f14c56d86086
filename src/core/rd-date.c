/* rd-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-date"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-date.h"
#include "rd-error.h"

/* Strict YYYY-MM-DD: spreadsheets and people send "2026-2-3" or "2026-02-30", and a deadline
 * computed from a guessed date is worse than an error. */
gboolean
rd_date_parse (const char  *text,
               GDate       *out,
               GError     **error)
{
  unsigned y, m, d;

  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);

  if (text == NULL || strlen (text) != 10 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) || text[7] != '-' ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not a date in the form YYYY-MM-DD"), text ? text : "");
      return FALSE;
    }

  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');

  if (y < 1900 || y > 2199 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is not a date that exists"), text);
      return FALSE;
    }

  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

void
rd_date_format_into (const GDate *date,
                     char         buf[11])
{
  char tmp[32];

  g_return_if_fail (date != NULL && g_date_valid (date));

  snprintf (tmp, sizeof tmp, "%04u-%02u-%02u",
            (unsigned) g_date_get_year (date),
            (unsigned) g_date_get_month (date),
            (unsigned) g_date_get_day (date));
  memcpy (buf, tmp, 11);
}

char *
rd_date_format (const GDate *date)
{
  char buf[11];

  if (date == NULL || !g_date_valid (date))
    return NULL;

  rd_date_format_into (date, buf);
  return g_strdup (buf);
}

/* RIGHTSDESK_TODAY lets tests and demonstrations pin "today"; everything that asks whether a
 * case is overdue or a date lies in the future goes through here. */
void
rd_date_today (GDate *out)
{
  const char *fixed = g_getenv ("RIGHTSDESK_TODAY");

  g_return_if_fail (out != NULL);

  if (fixed != NULL && rd_date_parse (fixed, out, NULL))
    return;

  g_date_clear (out, 1);
  g_date_set_time_t (out, time (NULL));
}

int
rd_date_compare (const GDate *a,
                 const GDate *b)
{
  return g_date_compare (a, b);
}

int
rd_date_days_between (const GDate *from,
                      const GDate *to)
{
  return g_date_days_between (from, to);
}

char *
rd_timestamp_now (void)
{
  /* Bulk work stamps thousands of audit entries a second: format each second once. */
  static __thread time_t cached_second = -1;
  static __thread char cached[32];
  time_t now = time (NULL);

  if (now != cached_second)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (now);
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

      g_strlcpy (cached, text, sizeof cached);
      cached_second = now;
    }

  return g_strdup (cached);
}
