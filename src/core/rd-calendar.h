/* rd-calendar.h: public-holiday calendars and working-day arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_CALENDAR (rd_calendar_get_type ())

G_DECLARE_FINAL_TYPE (RdCalendar, rd_calendar, RD, CALENDAR, GObject)

/* Built-in calendars come from data/calendars (compiled into the core); imported ones are
 * added with rd_calendar_register(). Lookup returns a new reference or sets RD_ERROR_NOT_FOUND. */
RdCalendar *rd_calendar_lookup          (const char   *id,
                                         GError      **error);
GPtrArray  *rd_calendar_list_ids        (void);
void        rd_calendar_register        (RdCalendar   *calendar);

/* An iCalendar file of all-day events (VEVENT with DTSTART;VALUE=DATE, optionally
 * RRULE:FREQ=YEARLY) becomes a calendar of holidays. */
RdCalendar *rd_calendar_new_from_ical   (const char   *id,
                                         const char   *name,
                                         const char   *ics,
                                         gssize        length,
                                         GError      **error);

const char *rd_calendar_get_id          (RdCalendar   *self);
const char *rd_calendar_get_name        (RdCalendar   *self);

/* Public holidays only; weekends are the caller's (the jurisdiction's) business. */
gboolean    rd_calendar_is_holiday      (RdCalendar   *self,
                                         const GDate  *date);
const char *rd_calendar_get_holiday_name (RdCalendar  *self,
                                          const GDate *date);
/* Monday to Friday and not a holiday. */
gboolean    rd_calendar_is_business_day (RdCalendar   *self,
                                         const GDate  *date);
/* Moves @date forward by @n business days (the start day not counted). */
void        rd_calendar_add_business_days (RdCalendar *self,
                                           GDate      *date,
                                           guint       n);

/* Added for the CLI, the calendar view and the tests. */

/* "national", "regional" or "imported". */
const char *rd_calendar_get_scope       (RdCalendar   *self);
/* The holidays of @year in date order, substitute days included: a GArray of GDate. */
GArray     *rd_calendar_list_holidays   (RdCalendar   *self,
                                         guint         year);
/* Easter Sunday of @year (1583–9999), Western or Orthodox, as a Gregorian date. */
void        rd_calendar_easter          (guint         year,
                                         gboolean      orthodox,
                                         GDate        *out);

G_END_DECLS
