/* bench-deadline.c: how fast the engine computes deadlines
 *
 * `demo --cases 1000000` must build in under 30 s (issue 2) and computes one deadline per case,
 * so the engine's share is printed here as deadlines per second over a realistic mix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "rd-deadline.h"

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *jurisdiction; RdRequestType type; const char *calendar; } mix[] = {
    { "eu-gdpr", RD_REQUEST_ACCESS, "de" },
    { "eu-gdpr", RD_REQUEST_ERASURE, "ie" },
    { "uk-gdpr", RD_REQUEST_ACCESS, NULL },
    { "us-ca-ccpa", RD_REQUEST_ACCESS, NULL },
    { "us-ca-ccpa", RD_REQUEST_OPT_OUT, NULL },
    { "us-co-cpa", RD_REQUEST_ERASURE, NULL },
    { "br-lgpd", RD_REQUEST_ACCESS, NULL },
    { "ca-pipeda", RD_REQUEST_ACCESS, NULL },
  };
  const guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  RdPause pause;
  gint64 start, elapsed;
  guint ok = 0;

  g_date_clear (&pause.from, 1);
  g_date_clear (&pause.to, 1);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      RdDeadlineRequest request = { NULL };
      g_autoptr (RdDeadline) deadline = NULL;

      request.jurisdiction = mix[i % G_N_ELEMENTS (mix)].jurisdiction;
      request.type = mix[i % G_N_ELEMENTS (mix)].type;
      request.calendar = mix[i % G_N_ELEMENTS (mix)].calendar;
      g_date_clear (&request.received, 1);
      /* Received dates spread over two years, as in the demo. */
      g_date_set_julian (&request.received, 738886 + i % 730);
      g_date_clear (&request.restart, 1);
      request.sla_days = 25;
      if (i % 10 == 0 && request.type == RD_REQUEST_ACCESS &&
          g_str_has_suffix (request.jurisdiction, "gdpr"))
        {
          pause.from = request.received;
          g_date_add_days (&pause.from, 3);
          pause.to = pause.from;
          g_date_add_days (&pause.to, 6);
          request.pauses = &pause;
          request.n_pauses = 1;
        }

      deadline = rd_deadline_compute (&request, NULL);
      ok += deadline != NULL;
    }
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (ok, ==, n);
  printf ("deadline: %u deadlines in %.3f s: %.0f per second, %.2f µs each\n",
          n, elapsed / 1e6, n / (elapsed / 1e6), (double) elapsed / n);
  return 0;
}
