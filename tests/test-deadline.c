/* test-deadline.c: the legal deadline engine
 *
 * Every expected date is the law's or the regulator's worked example (legal-rules.md §1.2,
 * §1.3, CLI.md), or a hand count on a paper calendar written out in the comment beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-error.h"
#include "rd-jurisdiction.h"

typedef struct
{
  const char    *jurisdiction;
  RdRequestType  type;
  const char    *received;
  const char    *calendar;
  const char    *pauses;      /* "FROM:TO,FROM:TO" or NULL */
  const char    *restart;
  gboolean       extended;
  guint          sla_days;
} Input;

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (rd_date_parse (text, &d, NULL));
  return d;
}

static RdDeadline *
compute (const Input  *in,
         GError      **error)
{
  g_autoptr (GArray) pauses = g_array_new (FALSE, FALSE, sizeof (RdPause));
  RdDeadlineRequest request = { NULL };

  request.jurisdiction = in->jurisdiction;
  request.type = in->type;
  request.received = date (in->received);
  request.calendar = in->calendar;
  request.extended = in->extended;
  request.sla_days = in->sla_days;
  g_date_clear (&request.restart, 1);
  if (in->restart != NULL)
    request.restart = date (in->restart);

  if (in->pauses != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (in->pauses, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_auto (GStrv) ends = g_strsplit (parts[i], ":", 2);
          RdPause pause;

          pause.from = date (ends[0]);
          pause.to = date (ends[1]);
          g_array_append_val (pauses, pause);
        }
    }
  request.pauses = (const RdPause *) pauses->data;
  request.n_pauses = pauses->len;

  return rd_deadline_compute (&request, error);
}

static void
assert_date (const GDate *got,
             const char  *want)
{
  g_autofree char *text = rd_date_format (got);

  g_assert_cmpstr (text, ==, want);
}

static RdDeadline *
compute_ok (const Input *in)
{
  g_autoptr (GError) error = NULL;
  RdDeadline *deadline = compute (in, &error);

  g_assert_no_error (error);
  g_assert_nonnull (deadline);
  return deadline;
}

static void
assert_due (const Input *in,
            const char  *due)
{
  g_autoptr (RdDeadline) deadline = compute_ok (in);

  assert_date (&deadline->due, due);
}

/* EDPB Guidelines 01/2022 Examples 32 and 33, and para. 161. */
static void
test_edpb_examples (void)
{
  /* Example 32: 5 March → 5 April (Friday 5 April 2024, a working day in Ireland). */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2024-03-05", "ie" }, "2024-04-05");
  /* Example 33: 31 August → 30 September (September has no 31st; Wednesday in 2026). */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-08-31", "de" }, "2026-09-30");
  /* Para. 161: 5 April 2025 is a Saturday → Monday 7 April. */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2025-03-05", "ie" }, "2025-04-07");
  /* Para. 161: 17 March 2026 is St Patrick's Day in Ireland → Wednesday 18 March... */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ERASURE, "2026-02-17", "ie" }, "2026-03-18");
  /* ...but not in France, where Tuesday 17 March is a working day. */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ERASURE, "2026-02-17", "fr" }, "2026-03-17");
  /* 1 May 2026 (Friday) is Labour Day in Germany → Monday 4 May. */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-04-01", "de" }, "2026-05-04");
}

/* The CLI.md example. */
static void
test_cli_example (void)
{
  g_autoptr (RdDeadline) d = compute_ok (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2027-03-05",
                                                    "ie" });

  g_assert_cmpstr (d->jurisdiction, ==, "eu-gdpr");
  g_assert_cmpstr (d->calendar, ==, "ie");
  assert_date (&d->received, "2027-03-05");
  assert_date (&d->due, "2027-04-05");
  /* 5 June 2027 is a Saturday, Monday 7 June the June Holiday → Tuesday 8 June. */
  assert_date (&d->extended_due, "2027-06-08");
  assert_date (&d->extension_notice_by, "2027-04-05");
  g_assert_false (g_date_valid (&d->acknowledge_by));
  g_assert_cmpstr (d->citation, ==, "GDPR Art. 12(3); Reg. 1182/71 Art. 3");
  assert_date (&d->effective_due, "2027-04-05");
  assert_date (&d->internal_due, "2027-04-05");
}

/* ICO worked examples (legal-rules.md §1.3), with the bank holidays of England and Wales. */
static void
test_ico_examples (void)
{
  /* Received 3 September → 3 October. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-09-03", "gb-eaw" }, "2019-10-03");
  /* Monday 25 November → Friday 27 December (25 and 26 December are bank holidays). */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-11-25", "gb-eaw" }, "2019-12-27");
  /* 31 March → 30 April. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-03-31", "gb-eaw" }, "2019-04-30");
  /* 1 January, a bank holiday, is still day one → 1 February. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-01-01", "gb-eaw" }, "2019-02-01");
  /* 31 January → 28 February; 29 February in a leap year; a weekend → the Monday after. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-01-31", "gb-eaw" }, "2019-02-28");
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2024-01-31", "gb-eaw" }, "2024-02-29");
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2026-01-31", "gb-eaw" }, "2026-03-02");
  /* Receipt on a non-working day is still day one: Saturday 7 March → Tuesday 7 April 2026
   * (not the 8th, and not moved by Easter Monday on the 6th). */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2026-03-07", "gb-eaw" }, "2026-04-07");

  /* Extension: three months from the original start date. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-09-03",
                                                      "gb-eaw", NULL, NULL, TRUE });

    assert_date (&d->extended_due, "2019-12-03");
    assert_date (&d->effective_due, "2019-12-03");
    assert_date (&d->extension_notice_by, "2019-10-03");
  }
  /* Month-end receipt: 31 January + 3 months = 30 April (not 28 April, §1.2). */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "uk-gdpr", RD_REQUEST_ERASURE, "2026-01-31",
                                                      "gb-eaw" });

    assert_date (&d->extended_due, "2026-04-30");
  }
  /* Without a calendar the jurisdiction's own is used: England and Wales. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2019-11-25" });

    g_assert_cmpstr (d->calendar, ==, "gb-eaw");
    assert_date (&d->due, "2019-12-27");
  }
}

static void
test_ccpa (void)
{
  /* Request to know, received Monday 5 January 2026: 45 days → Thursday 19 February; 90 days
   * → Sunday 5 April, which the CCPA does not roll; confirmation within 10 business days:
   * 6 7 8 9 12 13 14 15 16, Monday 19 January is Martin Luther King Day, 20 → 20 January. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "us-ca-ccpa", RD_REQUEST_ACCESS,
                                                      "2026-01-05" });

    g_assert_cmpstr (d->calendar, ==, "us-ca");
    assert_date (&d->due, "2026-02-19");
    assert_date (&d->extended_due, "2026-04-05");
    assert_date (&d->acknowledge_by, "2026-01-20");
    assert_date (&d->extension_notice_by, "2026-02-19");
  }

  /* A 45th day on a Saturday stays there: 4 March + 45 = Saturday 18 April 2026. */
  assert_due (&(Input) { "us-ca-ccpa", RD_REQUEST_ERASURE, "2026-03-04" }, "2026-04-18");

  /* Opt-out: 15 business days, no extension, no acknowledgement. Friday 20 November 2026:
   * 23 24 25 (26 Thanksgiving, 27 the day after) 30, 1 2 3 4, 7 8 9 10 11, 14 15 → 15 Dec. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "us-ca-ccpa", RD_REQUEST_OPT_OUT,
                                                      "2026-11-20" });

    assert_date (&d->due, "2026-12-15");
    g_assert_false (g_date_valid (&d->extended_due));
    g_assert_false (g_date_valid (&d->extension_notice_by));
    g_assert_false (g_date_valid (&d->acknowledge_by));
    g_assert_cmpstr (d->citation, ==, "11 CCR 7026(f)");
  }

  /* Limit use of sensitive data: 15 business days too. From Monday 29 June 2026: 30, 1 2 3
   * (California gives no Friday for a Saturday Independence Day), 6 7 8 9 10, 13 14 15 16 17,
   * 20 → Monday 20 July. */
  assert_due (&(Input) { "us-ca-ccpa", RD_REQUEST_LIMIT_SENSITIVE, "2026-06-29" }, "2026-07-20");
}

static void
test_us_states (void)
{
  /* Friday 10 April 2026 + 45 days = Monday 25 May, Memorial Day. */
  assert_due (&(Input) { "us-va-vcdpa", RD_REQUEST_ACCESS, "2026-04-10" }, "2026-05-25");
  assert_due (&(Input) { "us-ct-ctdpa", RD_REQUEST_ACCESS, "2026-04-10" }, "2026-05-25");
  /* Colorado rolls past the legal holiday (C.R.S. 2-4-108) → Tuesday 26 May. */
  assert_due (&(Input) { "us-co-cpa", RD_REQUEST_ACCESS, "2026-04-10" }, "2026-05-26");
  /* ...and past a weekend: 7 January + 45 = Saturday 21 February → Monday 23 February. */
  assert_due (&(Input) { "us-co-cpa", RD_REQUEST_ERASURE, "2026-01-07" }, "2026-02-23");
  /* Virginia does not: Saturday 21 February stays. */
  assert_due (&(Input) { "us-va-vcdpa", RD_REQUEST_ERASURE, "2026-01-07" }, "2026-02-21");
}

static void
test_other_laws (void)
{
  /* PIPEDA: 30 days; Saturdays are not holidays, Sundays are. 5 Feb 2026 + 30 = Saturday
   * 7 March (stays); 6 Feb + 30 = Sunday 8 March → Monday 9 March. Extension: 60 days. */
  assert_due (&(Input) { "ca-pipeda", RD_REQUEST_ACCESS, "2026-02-05" }, "2026-03-07");
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "ca-pipeda", RD_REQUEST_ACCESS,
                                                      "2026-02-06" });

    assert_date (&d->due, "2026-03-09");
    /* 6 February + 60 = Tuesday 7 April. */
    assert_date (&d->extended_due, "2026-04-07");
  }
  /* LGPD: 15 days. 6 April 2026 + 15 = Tuesday 21 April, Tiradentes → Wednesday 22 April. */
  assert_due (&(Input) { "br-lgpd", RD_REQUEST_ACCESS, "2026-04-06" }, "2026-04-22");
  /* FADP: 30 days. 2 July 2026 + 30 = Saturday 1 August, National Day and a Saturday →
   * Monday 3 August. */
  assert_due (&(Input) { "ch-fadp", RD_REQUEST_ACCESS, "2026-07-02" }, "2026-08-03");
  /* Australia: 30 days. 26 March 2026 + 30 = Saturday 25 April (Anzac Day) → Monday 27. */
  assert_due (&(Input) { "au-privacy-act", RD_REQUEST_ACCESS, "2026-03-26" }, "2026-04-27");
}

static void
test_pauses (void)
{
  /* EU suspension 10–19 March 2026 (10 days, both inclusive): 2 April + 10 = Sunday 12 April
   * → Monday 13 April; extended 2 June + 10 = Friday 12 June; the notice follows the due date. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02",
                                                      "ie", "2026-03-10:2026-03-19" });

    assert_date (&d->due, "2026-04-13");
    assert_date (&d->extended_due, "2026-06-12");
    assert_date (&d->extension_notice_by, "2026-04-13");
  }
  /* A one-day pause adds one day: 5 March 2024 → 5 April + 1 = Saturday 6 April → Monday 8. */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2024-03-05", "ie",
                         "2024-03-12:2024-03-12" }, "2024-04-08");
  /* Two pauses, 3 + 2 days: 2 March 2026 → 2 April + 5 = Tuesday 7 April (Ireland: Easter
   * Monday is the 6th, so no roll needed). */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "ie",
                         "2026-03-20:2026-03-22,2026-03-10:2026-03-11" }, "2026-04-07");
  /* A pause may start on the day of receipt. */
  assert_due (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "ie",
                         "2026-03-02:2026-03-02" }, "2026-04-03");

  /* UK clarification of an access request: the same arithmetic. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "gb-eaw",
                         "2026-03-10:2026-03-19" }, "2026-04-13");
}

static void
test_restart (void)
{
  /* UK: identity evidence on 20 March 2026 restarts the month → Monday 20 April; the extension
   * runs from the restart too: 20 June is a Saturday → Monday 22 June. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "uk-gdpr", RD_REQUEST_ERASURE,
                                                      "2026-03-02", "gb-eaw", NULL,
                                                      "2026-03-20" });

    assert_date (&d->received, "2026-03-02");
    assert_date (&d->due, "2026-04-20");
    assert_date (&d->extended_due, "2026-06-22");
  }
  /* A clarification pause before the restart does not count any more. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "gb-eaw",
                         "2026-03-05:2026-03-06", "2026-03-20" }, "2026-04-20");
  /* One after it does: 20 April + 3 days = Thursday 23 April. */
  assert_due (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "gb-eaw",
                         "2026-03-25:2026-03-27", "2026-03-20" }, "2026-04-23");
  /* Switzerland: the 30 days start after the reflection period on a cost contribution. */
  assert_due (&(Input) { "ch-fadp", RD_REQUEST_ACCESS, "2026-03-02", NULL, NULL, "2026-03-16" },
              "2026-04-15");
}

static void
test_internal_due (void)
{
  /* SLA of 20 days from 2 March 2026 = 22 March, earlier than the statutory 2 April. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02",
                                                      "ie", NULL, NULL, FALSE, 20 });

    assert_date (&d->internal_due, "2026-03-22");
    assert_date (&d->due, "2026-04-02");
  }
  /* The SLA date moves with the pause: 22 March + 10 = 1 April. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02",
                                                      "ie", "2026-03-10:2026-03-19", NULL, FALSE,
                                                      20 });

    assert_date (&d->internal_due, "2026-04-01");
  }
  /* A long SLA never goes past the statutory date. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02",
                                                      "ie", NULL, NULL, FALSE, 60 });

    assert_date (&d->internal_due, "2026-04-02");
  }
  /* Extended: effective due 2 June; the SLA of 60 days (1 May) is earlier. */
  {
    g_autoptr (RdDeadline) d = compute_ok (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02",
                                                      "ie", NULL, NULL, TRUE, 60 });

    assert_date (&d->effective_due, "2026-06-02");
    assert_date (&d->internal_due, "2026-05-01");
  }
}

static void
assert_fails (const Input *in,
              int          code,
              const char  *in_message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdDeadline) d = compute (in, &error);

  g_assert_null (d);
  g_assert_error (error, RD_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, in_message);
}

static void
test_bad_input (void)
{
  assert_fails (&(Input) { "xx-nowhere", RD_REQUEST_ACCESS, "2026-03-02" },
                RD_ERROR_NOT_FOUND, "xx-nowhere");
  assert_fails (&(Input) { "../jurisdictions/eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02" },
                RD_ERROR_NOT_FOUND, NULL);
  assert_fails (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "atlantis" },
                RD_ERROR_NOT_FOUND, "atlantis");
  assert_fails (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "ie",
                           "2026-03-10:2026-03-05" }, RD_ERROR_INVALID, "2026-03-10:2026-03-05");
  assert_fails (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "ie",
                           "2026-02-20:2026-03-05" }, RD_ERROR_INVALID, "2026-02-20");
  assert_fails (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "ie",
                           "2026-03-10:2026-03-15,2026-03-15:2026-03-20" }, RD_ERROR_INVALID,
                NULL);
  /* A restart before receipt. */
  assert_fails (&(Input) { "uk-gdpr", RD_REQUEST_ACCESS, "2026-03-02", NULL, NULL, "2026-03-01" },
                RD_ERROR_INVALID, NULL);
  /* A type the law does not cover. */
  assert_fails (&(Input) { "us-ca-ccpa", RD_REQUEST_OBJECTION, "2026-03-02" }, RD_ERROR_INVALID,
                "objection");
  assert_fails (&(Input) { "eu-gdpr", RD_REQUEST_OPT_OUT, "2026-03-02" }, RD_ERROR_INVALID, NULL);
}

static void
test_forbidden (void)
{
  /* CCPA: verification never stops or restarts the clock. */
  assert_fails (&(Input) { "us-ca-ccpa", RD_REQUEST_ACCESS, "2026-03-02", NULL,
                           "2026-03-05:2026-03-06" }, RD_ERROR_WORKFLOW, "7021");
  assert_fails (&(Input) { "us-ca-ccpa", RD_REQUEST_ACCESS, "2026-03-02", NULL, NULL,
                           "2026-03-10" }, RD_ERROR_WORKFLOW, NULL);
  /* CCPA opt-out: no extension. */
  assert_fails (&(Input) { "us-ca-ccpa", RD_REQUEST_OPT_OUT, "2026-03-02", NULL, NULL, NULL,
                           TRUE }, RD_ERROR_WORKFLOW, "7026");
  /* UK: the clarification pause is for access requests only. */
  assert_fails (&(Input) { "uk-gdpr", RD_REQUEST_ERASURE, "2026-03-02", NULL,
                           "2026-03-05:2026-03-06" }, RD_ERROR_WORKFLOW, "12A");
  /* EU: suspension, not restart. */
  assert_fails (&(Input) { "eu-gdpr", RD_REQUEST_ACCESS, "2026-03-02", "ie", NULL, "2026-03-10" },
                RD_ERROR_WORKFLOW, NULL);
}

static void
test_permissions (void)
{
  g_autoptr (RdJurisdiction) uk = rd_jurisdiction_lookup ("uk-gdpr", NULL);
  g_autoptr (RdJurisdiction) ccpa = rd_jurisdiction_lookup ("us-ca-ccpa", NULL);
  g_autofree char *reason = NULL;

  g_assert_true (rd_jurisdiction_allows_pause (uk, RD_REQUEST_ACCESS, NULL));
  g_assert_false (rd_jurisdiction_allows_pause (uk, RD_REQUEST_ERASURE, NULL));
  g_assert_true (rd_jurisdiction_allows_restart (uk, RD_REQUEST_ERASURE, NULL));
  g_assert_true (rd_jurisdiction_allows_extension (uk, RD_REQUEST_ERASURE, NULL));
  g_assert_false (rd_jurisdiction_allows_pause (ccpa, RD_REQUEST_ACCESS, &reason));
  g_assert_nonnull (strstr (reason, "1798.130"));
  g_assert_true (rd_jurisdiction_allows_extension (ccpa, RD_REQUEST_ERASURE, NULL));
  g_assert_false (rd_jurisdiction_allows_extension (ccpa, RD_REQUEST_OPT_OUT, NULL));
  g_assert_true (rd_jurisdiction_covers (ccpa, RD_REQUEST_OPT_OUT));
  g_assert_false (rd_jurisdiction_covers (ccpa, RD_REQUEST_OBJECTION));
}

static void
test_all_jurisdictions (void)
{
  static const char *required[] = {
    "eu-gdpr", "uk-gdpr", "us-ca-ccpa", "us-va-vcdpa", "us-co-cpa", "us-ct-ctdpa", "br-lgpd",
    "ca-pipeda", "ch-fadp", "au-privacy-act",
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdJurisdiction) j = rd_jurisdiction_lookup (required[i], &error);
      g_autoptr (RdDeadline) d = NULL;

      g_assert_no_error (error);
      /* Every law covers access, with a citation, and computes on its default calendar. */
      g_assert_true (rd_jurisdiction_covers (j, RD_REQUEST_ACCESS));
      d = compute_ok (&(Input) { required[i], RD_REQUEST_ACCESS, "2026-06-15" });
      g_assert_cmpstr (d->calendar, ==, rd_jurisdiction_get_default_calendar (j));
      g_assert_true (d->citation != NULL && *d->citation != '\0');
      g_assert_cmpint (g_date_compare (&d->due, &d->received), >, 0);

      /* Letters and refusals cite each law's own articles, never the GDPR's elsewhere. */
      g_assert_cmpstr (rd_jurisdiction_get_access_citation (j), !=, rd_jurisdiction_get_name (j));
      g_assert_cmpstr (rd_jurisdiction_get_refusal_citation (j), !=, rd_jurisdiction_get_name (j));
      if (!g_str_has_suffix (required[i], "gdpr"))
        {
          g_assert_null (strstr (rd_jurisdiction_get_access_citation (j), "GDPR"));
          g_assert_null (strstr (rd_jurisdiction_get_refusal_citation (j), "GDPR"));
        }
    }
}

/* The command line, as CLI.md states it. */

static int
run_cli (const char  *args,
         char       **out,
         char       **err)
{
  const char *cli = g_getenv ("RIGHTSDESK_CLI");
  g_autoptr (GError) error = NULL;
  g_autofree char *command = NULL;
  g_auto (GStrv) argv = NULL;
  int status;

  command = g_strdup_printf ("'%s' %s", cli, args);
  g_assert_true (g_shell_parse_argv (command, NULL, &argv, NULL));
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (g_getenv ("RIGHTSDESK_CLI") == NULL)
    {
      g_test_skip ("RIGHTSDESK_CLI is not set");
      return;
    }

  g_assert_cmpint (run_cli ("deadline --jurisdiction eu-gdpr --received 2027-03-05 "
                            "--calendar ie --json", &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "jurisdiction"), ==, "eu-gdpr");
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "access");
  g_assert_cmpstr (json_object_get_string_member (o, "received"), ==, "2027-03-05");
  g_assert_cmpstr (json_object_get_string_member (o, "calendar"), ==, "ie");
  g_assert_cmpstr (json_object_get_string_member (o, "due"), ==, "2027-04-05");
  g_assert_cmpstr (json_object_get_string_member (o, "extended_due"), ==, "2027-06-08");
  g_assert_true (json_object_get_null_member (o, "acknowledge_by"));
  g_assert_cmpstr (json_object_get_string_member (o, "extension_notice_by"), ==, "2027-04-05");
  g_assert_cmpstr (json_object_get_string_member (o, "citation"), ==,
                   "GDPR Art. 12(3); Reg. 1182/71 Art. 3");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* CCPA opt-out: no extension → null. */
  g_assert_cmpint (run_cli ("deadline --jurisdiction us-ca-ccpa --received 2026-11-20 "
                            "--type opt-out --json", &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (o, "extended_due"));
  g_assert_true (json_object_get_null_member (o, "extension_notice_by"));
  g_assert_cmpstr (json_object_get_string_member (o, "due"), ==, "2026-12-15");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Pauses and restart on the command line. */
  g_assert_cmpint (run_cli ("deadline --jurisdiction uk-gdpr --received 2026-03-02 "
                            "--pause 2026-03-25:2026-03-27 --restart 2026-03-20 --json",
                            &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "due"), ==, "2026-04-23");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad input: exit 2, one line on stderr naming the problem, nothing on stdout. */
  {
    static const struct { const char *args; const char *named; } bad[] = {
      { "deadline --jurisdiction xx --received 2026-03-02 --json", "xx" },
      { "deadline --jurisdiction eu-gdpr --received 2026-03-02 --calendar zz --json", "zz" },
      { "deadline --jurisdiction eu-gdpr --received 2026-02-30 --json", "2026-02-30" },
      { "deadline --jurisdiction eu-gdpr --received 2026-03-02 --type nonsense", "nonsense" },
      { "deadline --jurisdiction eu-gdpr --received 2026-03-02 --pause 2026-03-09:2026-03-01",
        "2026-03-09:2026-03-01" },
      { "deadline --jurisdiction eu-gdpr --received 2026-03-02 --pause 2026-03-09", "2026-03-09" },
      { "deadline --jurisdiction us-ca-ccpa --received 2026-03-02 --pause 2026-03-03:2026-03-04",
        "CCPA" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_cmpint (run_cli (bad[i].args, &out, &err), ==, 2);
        g_assert_cmpstr (out, ==, "");
        g_assert_nonnull (strstr (err, bad[i].named));
        g_assert_nonnull (strchr (err, '\n'));
        g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
  }

  /* Usage errors: exit 1. */
  g_assert_cmpint (run_cli ("deadline --jurisdiction eu-gdpr", &out, &err), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The lists. */
  g_assert_cmpint (run_cli ("jurisdictions --json", &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                    >=, 10);
  o = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_true (json_object_has_member (o, "id"));
  g_assert_true (json_object_has_member (o, "name"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("calendars --json", &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                    >=, 37);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("calendars nowhere --year 2026", &out, &err), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/deadline/edpb-examples", test_edpb_examples);
  g_test_add_func ("/core/deadline/cli-example", test_cli_example);
  g_test_add_func ("/core/deadline/ico-examples", test_ico_examples);
  g_test_add_func ("/core/deadline/ccpa", test_ccpa);
  g_test_add_func ("/core/deadline/us-states", test_us_states);
  g_test_add_func ("/core/deadline/other-laws", test_other_laws);
  g_test_add_func ("/core/deadline/pauses", test_pauses);
  g_test_add_func ("/core/deadline/restart", test_restart);
  g_test_add_func ("/core/deadline/internal-due", test_internal_due);
  g_test_add_func ("/core/deadline/bad-input", test_bad_input);
  g_test_add_func ("/core/deadline/forbidden", test_forbidden);
  g_test_add_func ("/core/deadline/permissions", test_permissions);
  g_test_add_func ("/core/deadline/all-jurisdictions", test_all_jurisdictions);
  g_test_add_func ("/core/deadline/cli", test_cli);

  return g_test_run ();
}
