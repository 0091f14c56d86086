/* test-calendar.c: holiday calendars and working-day arithmetic
 *
 * Expected dates come from legal-rules.md §1.6 (Ireland, England and Wales), the published
 * Easter tables, and hand counts on a paper calendar; none is copied from the code's output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rd-calendar.h"
#include "rd-date.h"
#include "rd-error.h"

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (rd_date_parse (text, &d, NULL));
  return d;
}

static RdCalendar *
calendar (const char *id)
{
  g_autoptr (GError) error = NULL;
  RdCalendar *cal = rd_calendar_lookup (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cal);
  return cal;
}

/* Compares the whole holiday list of @year with @expected (NULL-terminated dates). */
static void
assert_holidays (const char  *id,
                 guint        year,
                 const char **expected)
{
  g_autoptr (RdCalendar) cal = calendar (id);
  g_autoptr (GArray) dates = rd_calendar_list_holidays (cal, year);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);

  for (guint i = 0; i < dates->len; i++)
    {
      g_autofree char *text = rd_date_format (&g_array_index (dates, GDate, i));
      g_string_append_printf (got, "%s ", text);
    }
  for (guint i = 0; expected[i] != NULL; i++)
    g_string_append_printf (want, "%s ", expected[i]);

  g_assert_cmpstr (got->str, ==, want->str);
}

static void
test_easter (void)
{
  /* Western Easter Sundays 2024–2030, and extremes of the computus (22 March 1818, the
   * earliest possible; 25 April 2038, the latest) and a century year. */
  static const guint western[][3] = {
    { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 }, { 2027, 3, 28 }, { 2028, 4, 16 },
    { 2029, 4, 1 }, { 2030, 4, 21 }, { 1818, 3, 22 }, { 2038, 4, 25 }, { 2000, 4, 23 },
  };
  /* Orthodox Easter Sundays 2024–2030, as Gregorian dates. */
  static const guint orthodox[][3] = {
    { 2024, 5, 5 }, { 2025, 4, 20 }, { 2026, 4, 12 }, { 2027, 5, 2 }, { 2028, 4, 16 },
    { 2029, 4, 8 }, { 2030, 4, 28 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (western); i++)
    {
      GDate got;

      rd_calendar_easter (western[i][0], FALSE, &got);
      g_assert_cmpuint (g_date_get_month (&got), ==, western[i][1]);
      g_assert_cmpuint (g_date_get_day (&got), ==, western[i][2]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (orthodox); i++)
    {
      GDate got;

      rd_calendar_easter (orthodox[i][0], TRUE, &got);
      g_assert_cmpuint (g_date_get_month (&got), ==, orthodox[i][1]);
      g_assert_cmpuint (g_date_get_day (&got), ==, orthodox[i][2]);
    }
}

static void
test_ireland (void)
{
  /* legal-rules.md §1.6: Good Friday is not a holiday, no substitute days. */
  const char *y2025[] = { "2025-01-01", "2025-02-03", "2025-03-17", "2025-04-21", "2025-05-05",
                          "2025-06-02", "2025-08-04", "2025-10-27", "2025-12-25", "2025-12-26",
                          NULL };
  const char *y2026[] = { "2026-01-01", "2026-02-02", "2026-03-17", "2026-04-06", "2026-05-04",
                          "2026-06-01", "2026-08-03", "2026-10-26", "2026-12-25", "2026-12-26",
                          NULL };
  const char *y2027[] = { "2027-01-01", "2027-02-01", "2027-03-17", "2027-03-29", "2027-05-03",
                          "2027-06-07", "2027-08-02", "2027-10-25", "2027-12-25", "2027-12-26",
                          NULL };
  const char *y2028[] = { "2028-01-01", "2028-02-07", "2028-03-17", "2028-04-17", "2028-05-01",
                          "2028-06-05", "2028-08-07", "2028-10-30", "2028-12-25", "2028-12-26",
                          NULL };

  assert_holidays ("ie", 2025, y2025);
  assert_holidays ("ie", 2026, y2026);
  assert_holidays ("ie", 2027, y2027);
  assert_holidays ("ie", 2028, y2028);
}

static void
test_ireland_st_brigid (void)
{
  g_autoptr (RdCalendar) ie = calendar ("ie");
  GDate d;

  /* First Monday of February, or 1 February when that is a Friday (2030). */
  d = date ("2030-02-01");
  g_assert_true (rd_calendar_is_holiday (ie, &d));
  d = date ("2030-02-04");
  g_assert_false (rd_calendar_is_holiday (ie, &d));
  /* 1 February 2029 is a Thursday: the holiday is Monday 5 February. */
  d = date ("2029-02-01");
  g_assert_false (rd_calendar_is_holiday (ie, &d));
  d = date ("2029-02-05");
  g_assert_true (rd_calendar_is_holiday (ie, &d));
  /* Before 2023 there was no St Brigid's Day holiday. */
  d = date ("2022-02-07");
  g_assert_false (rd_calendar_is_holiday (ie, &d));
}

static void
test_england (void)
{
  /* legal-rules.md §1.6, substitute days included. */
  const char *y2024[] = { "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27",
                          "2024-08-26", "2024-12-25", "2024-12-26", NULL };
  const char *y2025[] = { "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                          "2025-08-25", "2025-12-25", "2025-12-26", NULL };
  const char *y2026[] = { "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                          "2026-08-31", "2026-12-25", "2026-12-28", NULL };
  const char *y2027[] = { "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
                          "2027-08-30", "2027-12-27", "2027-12-28", NULL };
  const char *y2028[] = { "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01",
                          "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26", NULL };

  /* A bank holiday on a weekend moves to the substitute day: 26 Dec 2026, 25–26 Dec 2027 and
   * 1 Jan 2028 are not bank holidays themselves. */
  assert_holidays ("gb-eaw", 2024, y2024);
  assert_holidays ("gb-eaw", 2025, y2025);
  assert_holidays ("gb-eaw", 2026, y2026);
  assert_holidays ("gb-eaw", 2027, y2027);
  assert_holidays ("gb-eaw", 2028, y2028);
}

static void
test_substitute_days (void)
{
  g_autoptr (RdCalendar) sct = calendar ("gb-sct");
  g_autoptr (RdCalendar) us = calendar ("us");
  g_autoptr (RdCalendar) au = calendar ("au");
  g_autoptr (RdCalendar) ca = calendar ("ca");
  g_autoptr (RdCalendar) eaw = calendar ("gb-eaw");
  GDate d;

  /* Scotland 2022: 1 and 2 January on a weekend give Monday 3 and Tuesday 4. */
  d = date ("2022-01-03");
  g_assert_true (rd_calendar_is_holiday (sct, &d));
  d = date ("2022-01-04");
  g_assert_true (rd_calendar_is_holiday (sct, &d));
  /* 2022 England: Christmas on Sunday, Boxing Day Monday: the substitute is Tuesday 27. */
  d = date ("2022-12-27");
  g_assert_true (rd_calendar_is_holiday (eaw, &d));
  g_assert_cmpstr (rd_calendar_get_holiday_name (eaw, &d), ==, "Christmas Day (substitute day)");

  /* US federal: 4 July 2026 is a Saturday, observed Friday 3 July; New Year 2022 (Saturday)
   * is observed on Friday 31 December 2021, in the year before. */
  d = date ("2026-07-03");
  g_assert_true (rd_calendar_is_holiday (us, &d));
  d = date ("2021-12-31");
  g_assert_true (rd_calendar_is_holiday (us, &d));
  /* Juneteenth 2027 is a Saturday: Friday 18 June. */
  d = date ("2027-06-18");
  g_assert_true (rd_calendar_is_holiday (us, &d));

  /* Australia Day 2025 was a Sunday: Monday 27 January. */
  d = date ("2025-01-27");
  g_assert_true (rd_calendar_is_holiday (au, &d));

  /* Canada Day 2029 is a Sunday: Monday 2 July. */
  d = date ("2029-07-02");
  g_assert_true (rd_calendar_is_holiday (ca, &d));
}

static void
test_moving_days (void)
{
  struct { const char *calendar; const char *date; gboolean holiday; } cases[] = {
    { "us", "2026-11-26", TRUE },     /* Thanksgiving: fourth Thursday of November */
    { "us", "2026-11-19", FALSE },
    { "us", "2027-01-18", TRUE },     /* Martin Luther King Day: third Monday of January */
    { "us", "2026-05-25", TRUE },     /* Memorial Day: last Monday of May */
    { "us-ca", "2026-11-27", TRUE },  /* the day after Thanksgiving */
    { "us-ca", "2026-09-25", TRUE },  /* Native American Day: fourth Friday of September */
    { "us-co", "2026-10-05", TRUE },  /* Cabrini Day: first Monday of October */
    { "us-co", "2026-10-12", FALSE }, /* no longer Columbus Day */
    { "ca", "2026-05-18", TRUE },     /* Victoria Day: the Monday before 25 May */
    { "ca", "2027-05-24", TRUE },
    { "se", "2026-06-19", TRUE },     /* Midsummer Eve: the Friday between 19 and 25 June */
    { "fi", "2026-10-31", TRUE },     /* All Saints' Day: the Saturday from 31 Oct to 6 Nov */
    { "de", "2026-05-14", TRUE },     /* Ascension: Easter + 39 */
    { "de", "2026-05-25", TRUE },     /* Whit Monday: Easter + 50 */
    { "de", "2026-06-04", FALSE },    /* Corpus Christi is regional in Germany */
    { "at", "2026-06-04", TRUE },     /* and national in Austria */
    { "gr", "2026-02-23", TRUE },     /* Clean Monday: Orthodox Easter - 48 */
    { "ro", "2026-06-01", TRUE },     /* Orthodox Whit Monday 2026 = Children's Day */
    { "nl", "2025-04-26", TRUE },     /* King's Day on a Sunday moves to Saturday */
    { "nl", "2025-04-27", FALSE },
    { "br", "2026-11-20", TRUE },     /* Black Consciousness Day, national from 2024 */
    { "br", "2023-11-20", FALSE },
    { "dk", "2023-05-05", TRUE },     /* Great Prayer Day, abolished from 2024 */
    { "dk", "2024-04-26", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdCalendar) cal = calendar (cases[i].calendar);
      GDate d = date (cases[i].date);

      if (rd_calendar_is_holiday (cal, &d) != cases[i].holiday)
        g_error ("%s %s: expected %s", cases[i].calendar, cases[i].date,
                 cases[i].holiday ? "a holiday" : "no holiday");
    }
}

static void
test_business_days (void)
{
  g_autoptr (RdCalendar) ca = calendar ("us-ca");
  GDate d;

  /* Friday 20 Nov 2026 + 10 business days, Thanksgiving (26) and the day after (27) skipped:
   * 23 24 25 30 1 2 3 4 7 8 → Tuesday 8 December. */
  d = date ("2026-11-20");
  rd_calendar_add_business_days (ca, &d, 10);
  g_assert_cmpint (g_date_get_day (&d), ==, 8);
  g_assert_cmpint (g_date_get_month (&d), ==, 12);

  /* The start day is not counted, even when it is a business day: Monday + 1 = Tuesday. */
  d = date ("2026-06-01");
  rd_calendar_add_business_days (ca, &d, 1);
  g_assert_cmpint (g_date_get_day (&d), ==, 2);

  /* A Saturday receipt: + 1 business day = Monday. */
  d = date ("2026-06-06");
  rd_calendar_add_business_days (ca, &d, 1);
  g_assert_cmpint (g_date_get_day (&d), ==, 8);

  d = date ("2026-11-26");
  g_assert_false (rd_calendar_is_business_day (ca, &d));
  d = date ("2026-06-06");
  g_assert_false (rd_calendar_is_business_day (ca, &d));
  d = date ("2026-06-08");
  g_assert_true (rd_calendar_is_business_day (ca, &d));
}

static void
test_list_ids (void)
{
  static const char *required[] = {
    "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it",
    "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se",
    "gb-eaw", "gb-sct", "gb-nir", "us", "us-ca", "us-co", "br", "ca", "ch", "au",
  };
  g_autoptr (GPtrArray) ids = rd_calendar_list_ids ();

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < ids->len && !found; j++)
        found = g_str_equal (g_ptr_array_index (ids, j), required[i]);
      if (!found)
        g_error ("calendar %s is missing", required[i]);
    }

  /* Every built-in calendar loads and gives a plausible number of holidays in 2024–2030. */
  for (guint j = 0; j < ids->len; j++)
    {
      g_autoptr (RdCalendar) cal = calendar (g_ptr_array_index (ids, j));

      g_assert_nonnull (rd_calendar_get_name (cal));
      for (guint year = 2024; year <= 2030; year++)
        {
          g_autoptr (GArray) dates = rd_calendar_list_holidays (cal, year);

          if (dates->len < 7 || dates->len > 20)
            g_error ("%s has %u holidays in %u", rd_calendar_get_id (cal), dates->len, year);
        }
    }
}

static void
test_unknown (void)
{
  static const char *bad[] = { "xx", "", "../calendars/ie", "IE", "ie.json" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdCalendar) cal = rd_calendar_lookup (bad[i], &error);

      g_assert_null (cal);
      g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/calendar/easter", test_easter);
  g_test_add_func ("/core/calendar/ireland", test_ireland);
  g_test_add_func ("/core/calendar/ireland-st-brigid", test_ireland_st_brigid);
  g_test_add_func ("/core/calendar/england", test_england);
  g_test_add_func ("/core/calendar/substitute-days", test_substitute_days);
  g_test_add_func ("/core/calendar/moving-days", test_moving_days);
  g_test_add_func ("/core/calendar/business-days", test_business_days);
  g_test_add_func ("/core/calendar/list-ids", test_list_ids);
  g_test_add_func ("/core/calendar/unknown", test_unknown);

  return g_test_run ();
}
