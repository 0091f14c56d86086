/* rd-ical.h: the little of iCalendar (RFC 5545) that Rights Desk reads and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writing: one all-day event per due date, for `calendar export`. */
typedef struct _RdIcalWriter RdIcalWriter;

RdIcalWriter *rd_ical_writer_new       (void);
void          rd_ical_writer_add_event (RdIcalWriter *writer,
                                        const char   *uid,
                                        const GDate  *date,
                                        const char   *summary,
                                        const char   *description);
/* Returns the whole VCALENDAR (CRLF line ends) and frees @writer. */
char         *rd_ical_writer_finish    (RdIcalWriter *writer,
                                        gsize        *length);
void          rd_ical_writer_free      (RdIcalWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdIcalWriter, rd_ical_writer_free)

/* Reading: the all-day events of a holiday calendar. */
typedef struct
{
  char         *summary;
  GDate         start;
  GDate         end;            /* exclusive, as DTEND; start + 1 day when absent */
  gboolean      yearly;         /* RRULE:FREQ=YEARLY */
  guint         by_month;       /* BYMONTH, 0 when absent */
  GDateWeekday  by_weekday;     /* BYDAY, G_DATE_BAD_WEEKDAY when absent */
  int           by_weekday_nth; /* 1..5 or -1..-5 with BYDAY, 0: every such weekday (refused) */
  guint         until_year;     /* UNTIL or COUNT as the last year; 0: for ever */
} RdIcalEvent;

void       rd_ical_event_free  (RdIcalEvent *event);
/* Timed events are skipped; a calendar with no all-day event, a VEVENT without DTSTART, a bad
 * date or a recurrence other than yearly is an RD_ERROR_INVALID naming the line. */
GPtrArray *rd_ical_read_events (const char  *ics,
                                gssize       length,
                                GError     **error);

G_END_DECLS
