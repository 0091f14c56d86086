/* rd-calendar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "rd-calendar.h"
#include "rd-error.h"
#include "rd-ical.h"
#include "rd-json-load.h"
#include "rd-rule-registry.h"

#define MAX_EVENT_DAYS 31
#define CALENDARS_PATH "/io/github/rightsdesk/RightsDesk/data/calendars/"

typedef enum
{
  RULE_FIXED,            /* the same month and day every year */
  RULE_ONE_OFF,          /* one date in one year */
  RULE_NTH_WEEKDAY,      /* e.g. the first Monday of May, the last Monday of August */
  RULE_WEEKDAY_ON_OR_AFTER,
  RULE_WEEKDAY_ON_OR_BEFORE,
  RULE_EASTER,           /* Western (Gregorian) Easter Sunday + offset */
  RULE_ORTHODOX_EASTER,  /* Orthodox (Julian computus) Easter Sunday + offset */
} RuleKind;

typedef enum
{
  SUBSTITUTE_NONE,
  SUBSTITUTE_WEEKEND,    /* on Saturday or Sunday: the next weekday that is not a holiday */
  SUBSTITUTE_SUNDAY,     /* on Sunday only: the next weekday that is not a holiday */
  SUBSTITUTE_OFFSETS,    /* another day at a fixed offset per weekday (US "observed") */
} SubstituteKind;

typedef struct
{
  char           *name;
  RuleKind        kind;
  guint           year;       /* RULE_ONE_OFF */
  guint           month;
  guint           day;
  GDateWeekday    weekday;
  int             nth;        /* 1..5, or -1 for the last */
  int             offset;     /* days added to the computed date */
  guint           from_year;  /* 0: no bound */
  guint           until_year; /* 0: no bound */
  GArray         *except_years;
  gboolean        has_move;
  int             move[8];    /* by GDateWeekday: the holiday moves (replaces) by this many days */
  SubstituteKind  substitute;
  int             substitute_offset[8];
  gboolean        replace;    /* the substitute replaces the weekend date (UK bank holidays) */
} Rule;

struct _RdCalendar
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *scope;
  GPtrArray  *rules;

  GMutex      lock;          /* the cache is filled lazily, from any thread */
  GHashTable *years;         /* year → GHashTable (julian day → name) */
};

G_DEFINE_FINAL_TYPE (RdCalendar, rd_calendar, G_TYPE_OBJECT)

static void
rule_free (Rule *rule)
{
  g_free (rule->name);
  g_clear_pointer (&rule->except_years, g_array_unref);
  g_free (rule);
}

static void
rd_calendar_finalize (GObject *object)
{
  RdCalendar *self = (RdCalendar *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->scope);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rd_calendar_parent_class)->finalize (object);
}

static void
rd_calendar_class_init (RdCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_calendar_finalize;
}

static void
rd_calendar_init (RdCalendar *self)
{
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->years = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  g_mutex_init (&self->lock);
}

/* Easter */

/* Gregorian computus (the "anonymous" algorithm of Meeus, Astronomical Algorithms ch. 8). */
static void
western_easter (guint  year,
                GDate *out)
{
  int y = year;
  int a = y % 19, b = y / 100, c = y % 100;
  int d = b / 4, e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

/* Julian computus (Meeus), then the Julian date is carried over to the Gregorian calendar:
 * the gap is 13 days in 1900–2099 and grows by one in each century not divisible by 400. */
static void
orthodox_easter (guint  year,
                 GDate *out)
{
  int y = year;
  int a = y % 4, b = y % 7, c = y % 19;
  int d = (19 * c + 15) % 30;
  int e = (2 * a + 4 * b - d + 34) % 7;
  int month = (d + e + 114) / 31;
  int day = (d + e + 114) % 31 + 1;
  int gap = y / 100 - y / 400 - 2;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  g_date_add_days (out, gap);
}

/* Exposed for the tests: they check the computus against published Easter dates. */
void
rd_calendar_easter (guint     year,
                    gboolean  orthodox,
                    GDate    *out)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (year >= 1583 && year <= 9999);

  if (orthodox)
    orthodox_easter (year, out);
  else
    western_easter (year, out);
}

/* Rules */

static gboolean
rule_applies (const Rule *rule,
              guint       year)
{
  if (rule->from_year != 0 && year < rule->from_year)
    return FALSE;
  if (rule->until_year != 0 && year > rule->until_year)
    return FALSE;
  if (rule->except_years != NULL)
    for (guint i = 0; i < rule->except_years->len; i++)
      if (g_array_index (rule->except_years, guint, i) == year)
        return FALSE;
  return TRUE;
}

/* Fills @out with the rule's date in @year; FALSE when the rule has none that year. */
static gboolean
rule_date (const Rule *rule,
           guint       year,
           GDate      *out)
{
  g_date_clear (out, 1);

  if (!rule_applies (rule, year))
    return FALSE;

  switch (rule->kind)
    {
    case RULE_ONE_OFF:
      if (year != rule->year)
        return FALSE;
      g_date_set_dmy (out, rule->day, rule->month, year);
      break;

    case RULE_FIXED:
      /* 29 February only exists in leap years. */
      if (!g_date_valid_dmy (rule->day, rule->month, year))
        return FALSE;
      g_date_set_dmy (out, rule->day, rule->month, year);
      break;

    case RULE_NTH_WEEKDAY:
      if (rule->nth > 0)
        {
          g_date_set_dmy (out, 1, rule->month, year);
          g_date_add_days (out, (rule->weekday - g_date_get_weekday (out) + 7) % 7);
          g_date_add_days (out, 7 * (rule->nth - 1));
          if (g_date_get_month (out) != rule->month)
            return FALSE;
        }
      else
        {
          g_date_set_dmy (out, g_date_get_days_in_month (rule->month, year), rule->month, year);
          g_date_subtract_days (out, (g_date_get_weekday (out) - rule->weekday + 7) % 7);
          g_date_subtract_days (out, 7 * (-rule->nth - 1));
          if (g_date_get_month (out) != rule->month)
            return FALSE;
        }
      break;

    case RULE_WEEKDAY_ON_OR_AFTER:
      g_date_set_dmy (out, rule->day, rule->month, year);
      g_date_add_days (out, (rule->weekday - g_date_get_weekday (out) + 7) % 7);
      break;

    case RULE_WEEKDAY_ON_OR_BEFORE:
      g_date_set_dmy (out, rule->day, rule->month, year);
      g_date_subtract_days (out, (g_date_get_weekday (out) - rule->weekday + 7) % 7);
      break;

    case RULE_EASTER:
      western_easter (year, out);
      break;

    case RULE_ORTHODOX_EASTER:
      orthodox_easter (year, out);
      break;

    default:
      g_assert_not_reached ();
    }

  if (rule->offset > 0)
    g_date_add_days (out, rule->offset);
  else if (rule->offset < 0)
    g_date_subtract_days (out, -rule->offset);

  if (rule->has_move)
    {
      int move = rule->move[g_date_get_weekday (out)];

      if (move > 0)
        g_date_add_days (out, move);
      else if (move < 0)
        g_date_subtract_days (out, -move);
    }

  return TRUE;
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday wd = g_date_get_weekday (date);

  return wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY;
}

static void
add_holiday (GHashTable  *set,
             const GDate *date,
             const char  *name)
{
  gpointer key = GUINT_TO_POINTER (g_date_get_julian (date));

  /* Two holidays on one day keep the first name: the list is ordered by importance. */
  if (!g_hash_table_contains (set, key))
    g_hash_table_insert (set, key, g_strdup (name));
}

/* The holidays that the rules give for @year, with their substitute days (which may fall in
 * the next or, for US "observed" days, the previous year). */
static GHashTable *
compute_year (RdCalendar *self,
              guint       year)
{
  GHashTable *set = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree GDate *dates = g_new0 (GDate, self->rules->len);
  g_autoptr (GArray) replaced = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (self->rules, i);

      if (rule_date (rule, year, &dates[i]))
        add_holiday (set, &dates[i], rule->name);
    }

  /* Substitute days come after every real holiday is known, in the order of the list: in the
   * UK a Christmas on Saturday and a Boxing Day on Sunday give Monday 27 and Tuesday 28. */
  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (self->rules, i);
      g_autofree char *name = NULL;
      GDate sub;
      int offset;

      if (!g_date_valid (&dates[i]) || rule->substitute == SUBSTITUTE_NONE)
        continue;

      /* Translators: %s is the name of a holiday that falls on a weekend */
      name = g_strdup_printf (_("%s (substitute day)"), rule->name);
      sub = dates[i];

      switch (rule->substitute)
        {
        case SUBSTITUTE_WEEKEND:
        case SUBSTITUTE_SUNDAY:
          if (rule->substitute == SUBSTITUTE_WEEKEND ? !is_weekend (&sub)
                                                     : g_date_get_weekday (&sub) != G_DATE_SUNDAY)
            continue;
          do
            g_date_add_days (&sub, 1);
          while (is_weekend (&sub) ||
                 g_hash_table_contains (set, GUINT_TO_POINTER (g_date_get_julian (&sub))));
          add_holiday (set, &sub, name);
          if (rule->replace)
            {
              guint32 julian = g_date_get_julian (&dates[i]);
              g_array_append_val (replaced, julian);
            }
          break;

        case SUBSTITUTE_OFFSETS:
          offset = rule->substitute_offset[g_date_get_weekday (&sub)];
          if (offset == 0)
            continue;
          if (offset > 0)
            g_date_add_days (&sub, offset);
          else
            g_date_subtract_days (&sub, -offset);
          add_holiday (set, &sub, name);
          break;

        case SUBSTITUTE_NONE:
        default:
          g_assert_not_reached ();
        }
    }

  /* Only now: the weekend dates had to block the chain of substitutes above. */
  for (guint i = 0; i < replaced->len; i++)
    g_hash_table_remove (set, GUINT_TO_POINTER (g_array_index (replaced, guint32, i)));

  return set;
}

/* Called with the lock held. */
static GHashTable *
year_set (RdCalendar *self,
          guint       year)
{
  GHashTable *set = g_hash_table_lookup (self->years, GUINT_TO_POINTER (year));

  if (set == NULL)
    {
      set = compute_year (self, year);
      g_hash_table_insert (self->years, GUINT_TO_POINTER (year), set);
    }

  return set;
}

static const char *
lookup_holiday (RdCalendar  *self,
                const GDate *date)
{
  gpointer key = GUINT_TO_POINTER (g_date_get_julian (date));
  guint year = g_date_get_year (date);
  const char *name = NULL;

  g_mutex_lock (&self->lock);
  /* A holiday of year Y can be observed in Y - 1 or Y + 1 (substitute and observed days). */
  for (guint y = year > 1 ? year - 1 : year; y <= year + 1 && name == NULL; y++)
    {
      if (y > 9998 || y < 1583)
        continue;
      name = g_hash_table_lookup (year_set (self, y), key);
    }
  g_mutex_unlock (&self->lock);

  /* The names live as long as the calendar: cached sets are never dropped. */
  return name;
}

gboolean
rd_calendar_is_holiday (RdCalendar  *self,
                        const GDate *date)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return lookup_holiday (self, date) != NULL;
}

const char *
rd_calendar_get_holiday_name (RdCalendar  *self,
                              const GDate *date)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return lookup_holiday (self, date);
}

gboolean
rd_calendar_is_business_day (RdCalendar  *self,
                             const GDate *date)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return !is_weekend (date) && !rd_calendar_is_holiday (self, date);
}

void
rd_calendar_add_business_days (RdCalendar *self,
                               GDate      *date,
                               guint       n)
{
  g_return_if_fail (RD_IS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  /* A calendar whose holidays cover a whole year has no business day to count: stop there
   * rather than walk to the year 9999. */
  for (guint idle = 0; n > 0 && idle <= 366 && g_date_get_year (date) < 9999; idle++)
    {
      g_date_add_days (date, 1);
      if (rd_calendar_is_business_day (self, date))
        {
          n--;
          idle = 0;
        }
    }
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return g_date_compare (a, b);
}

GArray *
rd_calendar_list_holidays (RdCalendar *self,
                           guint       year)
{
  GArray *dates;
  GDate date;

  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (year >= 1584 && year < 9998, NULL);

  dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, year);

  /* Walking the days keeps the answer exactly that of rd_calendar_is_holiday(). */
  for (; g_date_get_year (&date) == year; g_date_add_days (&date, 1))
    if (rd_calendar_is_holiday (self, &date))
      g_array_append_val (dates, date);

  g_array_sort (dates, compare_dates);
  return dates;
}

const char *
rd_calendar_get_id (RdCalendar *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);

  return self->id;
}

const char *
rd_calendar_get_name (RdCalendar *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);

  return self->name;
}

const char *
rd_calendar_get_scope (RdCalendar *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR (self), NULL);

  return self->scope;
}

/* Loading data/calendars/ID.json */

static GDateWeekday
weekday_from_name (const char *name)
{
  static const char *names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return (GDateWeekday) (i + 1);

  return G_DATE_BAD_WEEKDAY;
}

/* "MM-DD" (or "YYYY-MM-DD" when @year is not NULL). */
static gboolean
parse_month_day (const char *text,
                 guint      *year,
                 guint      *month,
                 guint      *day)
{
  unsigned y = 2000, m, d;
  char tail;

  if (text == NULL)
    return FALSE;
  if (year != NULL && strlen (text) == 10)
    {
      if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        return FALSE;
      *year = y;
    }
  else if (strlen (text) != 5 || sscanf (text, "%2u-%2u%c", &m, &d, &tail) != 2)
    return FALSE;
  else if (year != NULL)
    *year = 0;

  /* 2000 is a leap year, so 02-29 passes here and is skipped in other years. */
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  *month = m;
  *day = d;
  return TRUE;
}

static gboolean
parse_weekday_offsets (JsonObject *object,
                       int         offsets[8])
{
  g_autoptr (GList) members = json_object_get_members (object);

  memset (offsets, 0, sizeof (int) * 8);
  for (GList *l = members; l != NULL; l = l->next)
    {
      GDateWeekday wd = weekday_from_name (l->data);
      JsonNode *node = json_object_get_member (object, l->data);

      if (wd == G_DATE_BAD_WEEKDAY || json_node_get_value_type (node) != G_TYPE_INT64)
        return FALSE;
      offsets[wd] = (int) json_node_get_int (node);
      if (offsets[wd] < -7 || offsets[wd] > 7)
        return FALSE;
    }

  return TRUE;
}

static Rule *
parse_rule (JsonObject  *object,
            GError     **error)
{
  Rule *rule = g_new0 (Rule, 1);
  const char *name = json_object_get_string_member_with_default (object, "name", NULL);
  gboolean ok = TRUE;

  rule->name = g_strdup (name);

  if (name == NULL)
    ok = FALSE;
  else if (json_object_has_member (object, "date"))
    {
      const char *date = json_object_get_string_member_with_default (object, "date", NULL);

      ok = parse_month_day (date, &rule->year, &rule->month, &rule->day);
      rule->kind = rule->year != 0 ? RULE_ONE_OFF : RULE_FIXED;
    }
  else if (json_object_has_member (object, "easter"))
    {
      rule->kind = RULE_EASTER;
      rule->offset = json_object_get_int_member_with_default (object, "easter", 0);
    }
  else if (json_object_has_member (object, "orthodox_easter"))
    {
      rule->kind = RULE_ORTHODOX_EASTER;
      rule->offset = json_object_get_int_member_with_default (object, "orthodox_easter", 0);
    }
  else if (json_object_has_member (object, "weekday"))
    {
      rule->weekday = weekday_from_name (json_object_get_string_member_with_default (object,
                                                                                     "weekday",
                                                                                     NULL));
      ok = rule->weekday != G_DATE_BAD_WEEKDAY;
      if (json_object_has_member (object, "on_or_after"))
        {
          rule->kind = RULE_WEEKDAY_ON_OR_AFTER;
          ok = ok && parse_month_day (json_object_get_string_member_with_default (object,
                                                                                  "on_or_after",
                                                                                  NULL),
                                      NULL, &rule->month, &rule->day);
        }
      else if (json_object_has_member (object, "on_or_before"))
        {
          rule->kind = RULE_WEEKDAY_ON_OR_BEFORE;
          ok = ok && parse_month_day (json_object_get_string_member_with_default (object,
                                                                                  "on_or_before",
                                                                                  NULL),
                                      NULL, &rule->month, &rule->day);
        }
      else
        {
          rule->kind = RULE_NTH_WEEKDAY;
          rule->month = json_object_get_int_member_with_default (object, "month", 0);
          rule->nth = json_object_get_int_member_with_default (object, "nth", 0);
          ok = ok && rule->month >= 1 && rule->month <= 12 &&
               rule->nth != 0 && rule->nth >= -5 && rule->nth <= 5;
        }
    }
  else
    ok = FALSE;

  if (ok && rule->kind != RULE_EASTER && rule->kind != RULE_ORTHODOX_EASTER)
    rule->offset = json_object_get_int_member_with_default (object, "offset", 0);

  rule->from_year = json_object_get_int_member_with_default (object, "from", 0);
  rule->until_year = json_object_get_int_member_with_default (object, "until", 0);

  if (ok && json_object_has_member (object, "except"))
    {
      JsonArray *years = json_object_get_array_member (object, "except");

      rule->except_years = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; years != NULL && i < json_array_get_length (years); i++)
        {
          guint year = json_array_get_int_element (years, i);
          g_array_append_val (rule->except_years, year);
        }
    }

  if (ok && json_object_has_member (object, "move"))
    {
      JsonObject *move = json_object_get_object_member (object, "move");

      rule->has_move = TRUE;
      ok = move != NULL && parse_weekday_offsets (move, rule->move);
    }

  if (ok && json_object_has_member (object, "substitute"))
    {
      JsonNode *node = json_object_get_member (object, "substitute");

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          rule->substitute = SUBSTITUTE_OFFSETS;
          ok = parse_weekday_offsets (json_node_get_object (node), rule->substitute_offset);
        }
      else if (g_strcmp0 (json_node_get_string (node), "weekend") == 0)
        rule->substitute = SUBSTITUTE_WEEKEND;
      else if (g_strcmp0 (json_node_get_string (node), "sunday") == 0)
        rule->substitute = SUBSTITUTE_SUNDAY;
      else
        ok = FALSE;
      rule->replace = json_object_get_boolean_member_with_default (object, "replace", FALSE);
    }

  if (!ok)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is the name of a holiday in a calendar file */
                   _("The holiday “%s” has no rule that Rights Desk understands"),
                   name ? name : "?");
      rule_free (rule);
      return NULL;
    }

  return rule;
}

static RdCalendar *
calendar_new_from_json (const char  *id,
                        GBytes      *bytes,
                        GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (RdCalendar) self = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *root;
  JsonArray *holidays;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!rd_json_load_data (parser, data, size, NULL, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a calendar id, then the parser's reason */
                   _("The calendar “%s” is not valid JSON: %s"), id,
                   local_error ? local_error->message : _("not an object"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  holidays = json_object_get_array_member (root, "holidays");
  if (holidays == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The calendar “%s” has no list of holidays"), id);
      return NULL;
    }

  self = g_object_new (RD_TYPE_CALENDAR, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (json_object_get_string_member_with_default (root, "name", id));
  self->scope = g_strdup (json_object_get_string_member_with_default (root, "scope", "national"));

  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      JsonNode *node = json_array_get_element (holidays, i);
      Rule *rule;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("The calendar “%s” has a holiday that is not an object"), id);
          return NULL;
        }
      rule = parse_rule (json_node_get_object (node), &local_error);
      if (rule == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      /* Translators: %s is a calendar id */
                                      _("Calendar “%s”: "), id);
          return NULL;
        }
      g_ptr_array_add (self->rules, rule);
    }

  return g_steal_pointer (&self);
}

/* Import from iCalendar */

RdCalendar *
rd_calendar_new_from_ical (const char  *id,
                           const char  *name,
                           const char  *ics,
                           gssize       length,
                           GError     **error)
{
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (RdCalendar) self = NULL;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (ics != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = rd_ical_read_events (ics, length, error);
  if (events == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_CALENDAR, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->scope = g_strdup ("imported");

  for (guint i = 0; i < events->len; i++)
    {
      const RdIcalEvent *event = g_ptr_array_index (events, i);
      GDate day = event->start;
      int days = g_date_days_between (&event->start, &event->end);

      /* Each day is a rule: a year-long "holiday" would be thousands of them, and no public
       * holiday lasts longer than a month. */
      if (days > MAX_EVENT_DAYS)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: an event's name, its length, then the longest allowed */
                       _("“%s” lasts %d days; a holiday calendar has no event longer than %d "
                         "days"),
                       event->summary ? event->summary : "", days, MAX_EVENT_DAYS);
          return NULL;
        }

      /* A holiday of several days (DTEND later than the next day) is one rule per day. */
      for (; g_date_compare (&day, &event->end) < 0; g_date_add_days (&day, 1))
        {
          Rule *rule = g_new0 (Rule, 1);

          rule->name = g_strdup (event->summary);
          rule->month = g_date_get_month (&day);
          rule->day = g_date_get_day (&day);
          if (!event->yearly)
            {
              rule->kind = RULE_ONE_OFF;
              rule->year = g_date_get_year (&day);
            }
          else
            {
              rule->from_year = g_date_get_year (&day);
              rule->until_year = event->until_year;
              if (event->by_weekday != G_DATE_BAD_WEEKDAY)
                {
                  rule->kind = RULE_NTH_WEEKDAY;
                  rule->month = event->by_month;
                  rule->weekday = event->by_weekday;
                  rule->nth = event->by_weekday_nth;
                  rule->offset = g_date_days_between (&event->start, &day);
                }
              else
                {
                  rule->kind = RULE_FIXED;
                  if (event->by_month != 0)
                    rule->month = event->by_month;
                }
            }
          g_ptr_array_add (self->rules, rule);
        }
    }

  return g_steal_pointer (&self);
}

/* The registry */

static void
calendar_not_found (const char  *id,
                    GError     **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
               /* Translators: %s is what the user gave as a calendar id */
               _("There is no holiday calendar “%s” (see “rightsdesk-cli calendars”)"), id);
}

/* Built-in calendars once loaded, and imported ones. */
static RdRuleRegistry registry =
  RD_RULE_REGISTRY_INIT (CALENDARS_PATH, (RdRuleParseFunc) calendar_new_from_json,
                         calendar_not_found);

void
rd_calendar_register (RdCalendar *calendar)
{
  g_return_if_fail (RD_IS_CALENDAR (calendar));

  rd_rule_registry_add (&registry, calendar->id, G_OBJECT (calendar));
}

RdCalendar *
rd_calendar_lookup (const char  *id,
                    GError     **error)
{
  return rd_rule_registry_lookup (&registry, id, error);
}

GPtrArray *
rd_calendar_list_ids (void)
{
  return rd_rule_registry_list_ids (&registry);
}
