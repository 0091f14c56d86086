/* test-ical.c: the iCalendar writer (calendar export) and reader (holiday import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rd-calendar.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-error.h"
#include "rd-ical.h"

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (rd_date_parse (text, &d, NULL));
  return d;
}

/* RFC 5545 §3.1: every line ends in CRLF and holds at most 75 octets. */
static void
assert_rfc5545_lines (const char *text,
                      gsize       length)
{
  const char *line = text;

  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (g_utf8_validate (text, length, NULL));
  g_assert_true (g_str_has_suffix (text, "\r\n"));

  while (*line != '\0')
    {
      const char *lf = strchr (line, '\n');

      g_assert_nonnull (lf);
      g_assert_true (lf > line && lf[-1] == '\r');
      g_assert_cmpint (lf - 1 - line, <=, 75);
      /* No line starts inside a UTF-8 sequence (a continuation byte after the fold space). */
      if (line[0] == ' ')
        g_assert_false (((guchar) line[1] & 0xC0) == 0x80);
      line = lf + 1;
    }
}

static void
test_writer (void)
{
  g_autoptr (RdIcalWriter) writer = rd_ical_writer_new ();
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  GDate d = date ("2027-12-31");
  gsize length = 0;
  const RdIcalEvent *event;

  /* A long summary of two-byte and four-byte characters must fold between characters. */
  summary = g_strdup_printf ("RD-2027-000123 due: Zoë Öztürk-Ñúñez %s, ; \\ done",
                             "éééééééééééééééééééééééééééééééééééé🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂");
  rd_ical_writer_add_event (writer, "RD-2027-000123-due@rightsdesk", &d, summary,
                            "Erasure request\nGDPR Art. 12(3)");
  d = date ("2027-04-05");
  rd_ical_writer_add_event (writer, "RD-2027-000124-due@rightsdesk", &d, "RD-2027-000124", NULL);
  text = rd_ical_writer_finish (g_steal_pointer (&writer), &length);

  assert_rfc5545_lines (text, length);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  /* All-day: VALUE=DATE, and DTEND the next day, across the year's end. */
  g_assert_nonnull (strstr (text, "\r\nDTSTART;VALUE=DATE:20271231\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTEND;VALUE=DATE:20280101\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTSTART;VALUE=DATE:20270405\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTEND;VALUE=DATE:20270406\r\n"));
  /* DTSTAMP is a UTC date-time. */
  {
    const char *stamp = strstr (text, "\r\nDTSTAMP:");

    g_assert_nonnull (stamp);
    stamp += strlen ("\r\nDTSTAMP:");
    g_assert_true (g_ascii_isdigit (stamp[0]) && stamp[8] == 'T' && stamp[15] == 'Z');
  }
  /* TEXT escaping. */
  g_assert_nonnull (strstr (text, "DESCRIPTION:Erasure request\\nGDPR Art. 12(3)\r\n"));

  /* The reader gets the same summary back: folding and escaping undone. */
  events = rd_ical_read_events (text, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->summary, ==, summary);
  g_assert_cmpint (g_date_get_year (&event->start), ==, 2027);
  g_assert_false (event->yearly);
}

static void
test_writer_empty (void)
{
  g_autoptr (RdIcalWriter) writer = rd_ical_writer_new ();
  g_autofree char *text = NULL;
  gsize length;

  /* An export with no open case is still a valid, empty calendar. */
  text = rd_ical_writer_finish (g_steal_pointer (&writer), &length);
  assert_rfc5545_lines (text, length);
  g_assert_null (strstr (text, "VEVENT"));
}

/* A team's official calendar: a one-off day, a fixed yearly day, an nth-weekday rule, a
 * two-day holiday, a timed event that is not a holiday, folded and escaped text, LF endings. */
static const char official[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Example Works Council//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:1@example\r\n"
  "DTSTART;VALUE=DATE:20270614\r\n"
  "SUMMARY:Company day\\, all offices\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:2@example\r\n"
  "SUMMARY:Founders'\r\n"
  "  Day\r\n"
  "RRULE:FREQ=YEARLY\r\n"
  "DTSTART;VALUE=DATE:20240912\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:3@example\r\n"
  "DTSTART;VALUE=DATE:20240506\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=1MO\r\n"
  "SUMMARY:Early May\r\n"
  "END:VEVENT\n"
  "BEGIN:VEVENT\n"
  "UID:4@example\n"
  "DTSTART;VALUE=DATE:20271227\n"
  "DTEND;VALUE=DATE:20271229\n"
  "SUMMARY:Winter closure\n"
  "END:VEVENT\n"
  "BEGIN:VEVENT\n"
  "UID:5@example\n"
  "DTSTART:20270615T090000Z\n"
  "DTEND:20270615T100000Z\n"
  "SUMMARY:Staff meeting\n"
  "END:VEVENT\n"
  "END:VCALENDAR\n";

static void
test_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCalendar) cal = rd_calendar_new_from_ical ("example-works", "Example Works",
                                                          official, -1, &error);
  GDate d;

  g_assert_no_error (error);
  g_assert_cmpstr (rd_calendar_get_id (cal), ==, "example-works");
  g_assert_cmpstr (rd_calendar_get_name (cal), ==, "Example Works");

  d = date ("2027-06-14");
  g_assert_cmpstr (rd_calendar_get_holiday_name (cal, &d), ==, "Company day, all offices");
  d = date ("2028-06-14");     /* one-off: not the next year */
  g_assert_false (rd_calendar_is_holiday (cal, &d));
  d = date ("2030-09-12");     /* yearly from 2024 */
  g_assert_cmpstr (rd_calendar_get_holiday_name (cal, &d), ==, "Founders' Day");
  d = date ("2023-09-12");     /* but not before its first year */
  g_assert_false (rd_calendar_is_holiday (cal, &d));
  d = date ("2027-05-03");     /* first Monday of May 2027 */
  g_assert_true (rd_calendar_is_holiday (cal, &d));
  d = date ("2027-05-06");
  g_assert_false (rd_calendar_is_holiday (cal, &d));
  d = date ("2027-12-27");     /* two days: DTEND is exclusive */
  g_assert_true (rd_calendar_is_holiday (cal, &d));
  d = date ("2027-12-28");
  g_assert_true (rd_calendar_is_holiday (cal, &d));
  d = date ("2027-12-29");
  g_assert_false (rd_calendar_is_holiday (cal, &d));
  d = date ("2027-06-15");     /* a timed event is no holiday */
  g_assert_false (rd_calendar_is_holiday (cal, &d));
}

static void
test_import_registered (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCalendar) cal = rd_calendar_new_from_ical ("example-works", "Example Works",
                                                          official, -1, &error);
  g_autoptr (RdCalendar) found = NULL;
  g_autoptr (RdDeadline) deadline = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  RdDeadlineRequest request = { NULL };
  gboolean listed = FALSE;

  g_assert_no_error (error);
  rd_calendar_register (cal);

  found = rd_calendar_lookup ("example-works", &error);
  g_assert_no_error (error);
  g_assert_true (found == cal);

  ids = rd_calendar_list_ids ();
  for (guint i = 0; i < ids->len; i++)
    listed |= g_str_equal (g_ptr_array_index (ids, i), "example-works");
  g_assert_true (listed);

  /* The deadline engine rolls over the imported holiday: 14 May 2027 + 1 month = Monday 14 June,
   * the company day → Tuesday 15 June. */
  request.jurisdiction = "eu-gdpr";
  request.type = RD_REQUEST_ACCESS;
  request.received = date ("2027-05-14");
  request.calendar = "example-works";
  g_date_clear (&request.restart, 1);
  deadline = rd_deadline_compute (&request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&deadline->due), ==, 15);
  g_assert_cmpint (g_date_get_month (&deadline->due), ==, 6);
}

static void
test_import_bad (void)
{
  static const struct { const char *ics; const char *named; } bad[] = {
    { "this is not a calendar", NULL },
    { "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", NULL },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 2" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260230\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n", "20260230" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\n"
      "RRULE:FREQ=MONTHLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "FREQ=MONTHLY" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\n", NULL },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\nSUMMARY:\xff\xfe\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n", "UTF-8" },
    /* Eight thousand years of "holiday": a rule a day would fill the memory. */
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:00010101\r\n"
      "DTEND;VALUE=DATE:99991231\r\nSUMMARY:Forever\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      "Forever" },
    /* Only timed events: nothing that could be a holiday. */
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260105T090000Z\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdCalendar) cal = rd_calendar_new_from_ical ("bad", NULL, bad[i].ics, -1, &error);

      g_assert_null (cal);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
      if (bad[i].named != NULL && strstr (error->message, bad[i].named) == NULL)
        g_error ("“%s” does not name “%s”", error->message, bad[i].named);
    }
}

/* A calendar whose holidays fill every day of every year has no business day: counting
 * business days stops after a year of them instead of walking to the year 9999. */
static void
test_no_business_days (void)
{
  g_autoptr (GString) ics = g_string_new ("BEGIN:VCALENDAR\r\n");
  g_autoptr (RdCalendar) cal = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;

  for (guint month = 1; month <= 12; month++)
    g_string_append_printf (ics, "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026%02u01\r\n"
                                 "DTEND;VALUE=DATE:%04u%02u01\r\nRRULE:FREQ=YEARLY\r\n"
                                 "SUMMARY:Month %u\r\nEND:VEVENT\r\n",
                            month, month == 12 ? 2027 : 2026, month == 12 ? 1 : month + 1, month);
  g_string_append (ics, "END:VCALENDAR\r\n");
  cal = rd_calendar_new_from_ical ("always-off", NULL, ics->str, ics->len, &error);
  g_assert_no_error (error);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_MARCH, 2026);
  g_assert_false (rd_calendar_is_business_day (cal, &date));

  rd_calendar_add_business_days (cal, &date, 10);
  g_assert_true (g_date_valid (&date));
  g_assert_cmpuint (g_date_get_year (&date), <=, 2027);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ical/writer", test_writer);
  g_test_add_func ("/core/ical/writer-empty", test_writer_empty);
  g_test_add_func ("/core/ical/import", test_import);
  g_test_add_func ("/core/ical/import-registered", test_import_registered);
  g_test_add_func ("/core/ical/import-bad", test_import_bad);
  g_test_add_func ("/core/ical/no-business-days", test_no_business_days);

  return g_test_run ();
}
