/* rd-ical.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-ical"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-error.h"
#include "rd-ical.h"

/* RFC 5545 §3.1: content lines are at most 75 octets, excluding the CRLF. */
#define LINE_OCTETS 75

struct _RdIcalWriter
{
  GString *out;
  char    *dtstamp;
};

RdIcalWriter *
rd_ical_writer_new (void)
{
  RdIcalWriter *writer = g_new0 (RdIcalWriter, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  writer->out = g_string_new (NULL);
  writer->dtstamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  g_string_append (writer->out,
                   "BEGIN:VCALENDAR\r\n"
                   "VERSION:2.0\r\n"
                   "PRODID:-//Rights Desk//Rights Desk " PACKAGE_VERSION "//EN\r\n"
                   "CALSCALE:GREGORIAN\r\n"
                   "METHOD:PUBLISH\r\n");
  return writer;
}

void
rd_ical_writer_free (RdIcalWriter *writer)
{
  if (writer == NULL)
    return;

  g_string_free (writer->out, TRUE);
  g_free (writer->dtstamp);
  g_free (writer);
}

/* Appends one content line, folded at 75 octets; a fold never falls inside a UTF-8 sequence,
 * which some importers would turn into replacement characters. */
static void
append_folded (GString    *out,
               const char *line)
{
  const char *p = line;
  gsize room = LINE_OCTETS;

  while (*p != '\0')
    {
      gsize len = strlen (p);
      gsize take;

      if (len <= room)
        {
          g_string_append (out, p);
          break;
        }

      take = room;
      /* Step back to the start of a character: continuation bytes are 10xxxxxx. */
      while (take > 0 && ((guchar) p[take] & 0xC0) == 0x80)
        take--;

      g_string_append_len (out, p, take);
      g_string_append (out, "\r\n ");
      p += take;
      room = LINE_OCTETS - 1;  /* the leading space of a continuation line counts */
    }

  g_string_append (out, "\r\n");
}

/* RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma are escaped, new lines become \n. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *text)
{
  g_autoptr (GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_escaped (line, text);
  append_folded (out, line->str);
}

void
rd_ical_writer_add_event (RdIcalWriter *writer,
                          const char   *uid,
                          const GDate  *date,
                          const char   *summary,
                          const char   *description)
{
  GDate next;
  char line[64];

  g_return_if_fail (writer != NULL);
  g_return_if_fail (uid != NULL && *uid != '\0');
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (summary != NULL);

  next = *date;
  g_date_add_days (&next, 1);

  g_string_append (writer->out, "BEGIN:VEVENT\r\n");
  append_property (writer->out, "UID", uid);
  g_string_append_printf (writer->out, "DTSTAMP:%s\r\n", writer->dtstamp);
  g_snprintf (line, sizeof line, "DTSTART;VALUE=DATE:%04u%02u%02u\r\n",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  g_string_append (writer->out, line);
  /* An all-day event ends, exclusively, on the next day (RFC 5545 §3.6.1). */
  g_snprintf (line, sizeof line, "DTEND;VALUE=DATE:%04u%02u%02u\r\n",
              g_date_get_year (&next), g_date_get_month (&next), g_date_get_day (&next));
  g_string_append (writer->out, line);
  append_property (writer->out, "SUMMARY", summary);
  if (description != NULL && *description != '\0')
    append_property (writer->out, "DESCRIPTION", description);
  /* A due date is a reminder, not a meeting: it must not show the day as busy. */
  g_string_append (writer->out, "TRANSP:TRANSPARENT\r\n");
  g_string_append (writer->out, "END:VEVENT\r\n");
}

char *
rd_ical_writer_finish (RdIcalWriter *writer,
                       gsize        *length)
{
  char *text;

  g_return_val_if_fail (writer != NULL, NULL);

  g_string_append (writer->out, "END:VCALENDAR\r\n");
  if (length != NULL)
    *length = writer->out->len;

  text = g_string_free (writer->out, FALSE);
  writer->out = NULL;
  g_free (writer->dtstamp);
  g_free (writer);
  return text;
}

/* Reading */

void
rd_ical_event_free (RdIcalEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->summary);
  g_free (event);
}

static char *
unescape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* "20270405" (VALUE=DATE) → TRUE; a DATE-TIME ("20270405T090000Z") → FALSE with @timed set. */
static gboolean
parse_ical_date (const char *value,
                 GDate      *out,
                 gboolean   *timed)
{
  unsigned y, m, d;

  *timed = FALSE;
  g_date_clear (out, 1);

  if (strlen (value) < 8)
    return FALSE;
  for (int i = 0; i < 8; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  if (value[8] == 'T')
    {
      *timed = TRUE;
      return FALSE;
    }
  if (value[8] != '\0')
    return FALSE;

  y = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0');
  m = (value[4] - '0') * 10 + (value[5] - '0');
  d = (value[6] - '0') * 10 + (value[7] - '0');
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static GDateWeekday
weekday_from_ical (const char *two)
{
  static const char *names[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (two, names[i]) == 0)
      return (GDateWeekday) (i + 1);

  return G_DATE_BAD_WEEKDAY;
}

static gboolean
parse_rrule (RdIcalEvent *event,
             const char  *value)
{
  g_auto (GStrv) parts = g_strsplit (value, ";", -1);
  gboolean yearly = FALSE;
  guint count = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      const char *v;

      if (eq == NULL)
        return FALSE;
      v = eq + 1;

      if (g_ascii_strncasecmp (parts[i], "FREQ=", 5) == 0)
        yearly = g_ascii_strcasecmp (v, "YEARLY") == 0;
      else if (g_ascii_strncasecmp (parts[i], "BYMONTH=", 8) == 0)
        {
          guint64 month;

          if (!g_ascii_string_to_unsigned (v, 10, 1, 12, &month, NULL))
            return FALSE;
          event->by_month = (guint) month;
        }
      else if (g_ascii_strncasecmp (parts[i], "BYDAY=", 6) == 0)
        {
          gsize len = strlen (v);
          gint64 nth = 0;

          /* One weekday with its ordinal, e.g. 1MO or -1MO; lists are not holiday rules. */
          if (len < 3 || strchr (v, ',') != NULL)
            return FALSE;
          event->by_weekday = weekday_from_ical (v + len - 2);
          if (event->by_weekday == G_DATE_BAD_WEEKDAY)
            return FALSE;
          {
            g_autofree char *num = g_strndup (v, len - 2);

            if (!g_ascii_string_to_signed (num[0] == '+' ? num + 1 : num, 10, -5, 5, &nth, NULL) ||
                nth == 0)
              return FALSE;
          }
          event->by_weekday_nth = (int) nth;
        }
      else if (g_ascii_strncasecmp (parts[i], "UNTIL=", 6) == 0)
        {
          guint64 year;
          g_autofree char *y = g_strndup (v, 4);

          if (!g_ascii_string_to_unsigned (y, 10, 1, 9999, &year, NULL))
            return FALSE;
          event->until_year = (guint) year;
        }
      else if (g_ascii_strncasecmp (parts[i], "COUNT=", 6) == 0)
        {
          guint64 n;

          if (!g_ascii_string_to_unsigned (v, 10, 1, 10000, &n, NULL))
            return FALSE;
          count = (guint) n;
        }
      else if (g_ascii_strncasecmp (parts[i], "INTERVAL=", 9) == 0)
        {
          if (!g_str_equal (v, "1"))
            return FALSE;
        }
      else if (g_ascii_strncasecmp (parts[i], "WKST=", 5) == 0)
        ;
      else
        return FALSE;
    }

  if (!yearly)
    return FALSE;
  if (event->by_weekday != G_DATE_BAD_WEEKDAY && event->by_month == 0)
    return FALSE;

  event->yearly = TRUE;
  if (count > 0)
    event->until_year = g_date_get_year (&event->start) + count - 1;
  return TRUE;
}

GPtrArray *
rd_ical_read_events (const char  *ics,
                     gssize       length,
                     GError     **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_ical_event_free);
  g_autoptr (GString) unfolded = NULL;
  g_auto (GStrv) lines = NULL;
  RdIcalEvent *current = NULL;
  gboolean in_calendar = FALSE;
  gboolean seen_calendar = FALSE;
  gboolean current_timed = FALSE;
  guint event_line = 0;
  g_autofree char *rrule = NULL;
  guint rrule_line = 0;

  g_return_val_if_fail (ics != NULL, NULL);

  if (length < 0)
    length = strlen (ics);

  if (!g_utf8_validate (ics, length, NULL))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The calendar file is not valid UTF-8 text"));
      return NULL;
    }

  /* Unfold (RFC 5545 §3.1): a line break followed by a space or tab continues the line. */
  unfolded = g_string_sized_new (length);
  for (gssize i = 0; i < length; i++)
    {
      if (ics[i] == '\r')
        continue;
      if (ics[i] == '\n' && i + 1 < length && (ics[i + 1] == ' ' || ics[i + 1] == '\t'))
        {
          i++;
          continue;
        }
      g_string_append_c (unfolded, ics[i]);
    }

  lines = g_strsplit (unfolded->str, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      const char *line = lines[n];
      const char *colon;
      g_autofree char *name = NULL;
      g_autofree char *params = NULL;
      const char *value;

      if (*line == '\0')
        continue;

      colon = strchr (line, ':');
      if (colon == NULL)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: %u is a line number */
                       _("Line %u of the calendar file is not an iCalendar property"), n + 1);
          if (current != NULL)
            rd_ical_event_free (current);
          return NULL;
        }

      {
        const char *semi = memchr (line, ';', colon - line);

        name = g_ascii_strup (line, (semi ? semi : colon) - line);
        params = semi ? g_ascii_strup (semi + 1, colon - semi - 1) : g_strdup ("");
      }
      value = colon + 1;

      if (g_str_equal (name, "BEGIN") && g_ascii_strcasecmp (value, "VCALENDAR") == 0)
        in_calendar = seen_calendar = TRUE;
      else if (g_str_equal (name, "END") && g_ascii_strcasecmp (value, "VCALENDAR") == 0)
        in_calendar = FALSE;
      else if (!in_calendar)
        continue;
      else if (g_str_equal (name, "BEGIN") && g_ascii_strcasecmp (value, "VEVENT") == 0)
        {
          if (current != NULL)
            rd_ical_event_free (current);
          current = g_new0 (RdIcalEvent, 1);
          g_date_clear (&current->start, 1);
          g_date_clear (&current->end, 1);
          current->by_weekday = G_DATE_BAD_WEEKDAY;
          current_timed = FALSE;
          event_line = n + 1;
          g_clear_pointer (&rrule, g_free);
        }
      else if (current == NULL)
        continue;
      else if (g_str_equal (name, "END") && g_ascii_strcasecmp (value, "VEVENT") == 0)
        {
          if (current_timed)
            {
              rd_ical_event_free (current);
            }
          else if (!g_date_valid (&current->start))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           /* Translators: %u is a line number */
                           _("The event at line %u of the calendar file has no start date"),
                           event_line);
              rd_ical_event_free (current);
              return NULL;
            }
          else if (rrule != NULL && !parse_rrule (current, rrule))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           /* Translators: %s is a recurrence rule, %u a line number */
                           _("The recurrence “%s” at line %u of the calendar file is not a "
                             "yearly holiday rule"), rrule, rrule_line);
              rd_ical_event_free (current);
              return NULL;
            }
          else
            {
              if (!g_date_valid (&current->end) ||
                  g_date_compare (&current->end, &current->start) <= 0)
                {
                  current->end = current->start;
                  g_date_add_days (&current->end, 1);
                }
              if (current->summary == NULL)
                current->summary = g_strdup (_("Holiday"));
              g_ptr_array_add (events, current);
            }
          current = NULL;
        }
      else if (g_str_equal (name, "DTSTART") || g_str_equal (name, "DTEND"))
        {
          GDate date;
          gboolean timed;

          if (!parse_ical_date (value, &date, &timed))
            {
              if (timed && strstr (params, "VALUE=DATE") == NULL)
                {
                  current_timed = TRUE;
                  continue;
                }
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           /* Translators: %s is the date as written in the file, %u a line number */
                           _("“%s” at line %u of the calendar file is not a date"), value, n + 1);
              rd_ical_event_free (current);
              return NULL;
            }
          if (g_str_equal (name, "DTSTART"))
            current->start = date;
          else
            current->end = date;
        }
      else if (g_str_equal (name, "SUMMARY"))
        {
          g_free (current->summary);
          current->summary = unescape_text (value);
        }
      else if (g_str_equal (name, "RRULE"))
        {
          g_free (rrule);
          rrule = g_strdup (value);
          rrule_line = n + 1;
        }
    }

  if (current != NULL)
    {
      rd_ical_event_free (current);
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The calendar file ends inside an event"));
      return NULL;
    }

  if (!seen_calendar)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The file is not an iCalendar file (no BEGIN:VCALENDAR)"));
      return NULL;
    }

  if (events->len == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The calendar file has no all-day events"));
      return NULL;
    }

  return g_steal_pointer (&events);
}
