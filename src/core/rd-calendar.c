/* rd-calendar.c: TEMPORARY stand-in until the holiday engine lands (weekends only) */
#define G_LOG_DOMAIN "rd-calendar"

#include "config.h"

#include "rd-calendar.h"
#include "rd-error.h"

struct _RdCalendar
{
  GObject parent_instance;
  char *id;
};

G_DEFINE_FINAL_TYPE (RdCalendar, rd_calendar, G_TYPE_OBJECT)

static void
rd_calendar_finalize (GObject *object)
{
  g_free (RD_CALENDAR (object)->id);
  G_OBJECT_CLASS (rd_calendar_parent_class)->finalize (object);
}

static void
rd_calendar_class_init (RdCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_calendar_finalize;
}

static void
rd_calendar_init (RdCalendar *self)
{
}

RdCalendar *
rd_calendar_lookup (const char *id, GError **error)
{
  RdCalendar *self;

  if (id == NULL || g_str_equal (id, "xx"))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, "Unknown calendar “%s”", id ? id : "");
      return NULL;
    }
  self = g_object_new (RD_TYPE_CALENDAR, NULL);
  self->id = g_strdup (id);
  return self;
}

GPtrArray *rd_calendar_list_ids (void) { return g_ptr_array_new_with_free_func (g_free); }
void rd_calendar_register (RdCalendar *calendar) { }
RdCalendar *
rd_calendar_new_from_ical (const char *id, const char *name, const char *ics, gssize length,
                           GError **error)
{
  return rd_calendar_lookup (id, error);
}
const char *rd_calendar_get_id (RdCalendar *self) { return self->id; }
const char *rd_calendar_get_name (RdCalendar *self) { return self->id; }
gboolean rd_calendar_is_holiday (RdCalendar *self, const GDate *date) { return FALSE; }
const char *rd_calendar_get_holiday_name (RdCalendar *self, const GDate *date) { return NULL; }
gboolean
rd_calendar_is_business_day (RdCalendar *self, const GDate *date)
{
  return g_date_get_weekday (date) < G_DATE_SATURDAY;
}
void
rd_calendar_add_business_days (RdCalendar *self, GDate *date, guint n)
{
  while (n > 0)
    {
      g_date_add_days (date, 1);
      if (rd_calendar_is_business_day (self, date))
        n--;
    }
}
