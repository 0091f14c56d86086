/* rd-calendar-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-calendar-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-calendar-view.h"
#include "rd-case-query-job.h"
#include "rd-date.h"

#define N_CELLS 42      /* six weeks always fit a month */
#define MAX_CHIPS 3     /* cases drawn in a day before "+N more" */
#define MAX_AGENDA 30   /* rows in the week's agenda: more is a list, not an agenda */
#define MAX_MONTHS 12   /* months kept in the cache */

typedef struct
{
  char         *reference;
  char         *client;
  RdRequestType type;
  gboolean      paused;
} Entry;

/* The due dates of the six weeks drawn for one month, read in a worker thread. Each day keeps
 * its count and its first MAX_AGENDA cases, which is all the grid and the agenda show. */
typedef struct
{
  guint      first;              /* julian day of the first drawn day (a Monday) */
  guint      overdue;            /* open cases overdue when it was read, in any month */
  guint      counts[N_CELLS];
  GPtrArray *days[N_CELLS];      /* Entry* */
} Month;

typedef struct
{
  GtkWidget *box;
  GtkWidget *number;
  GtkWidget *chips[MAX_CHIPS];
  GtkWidget *more;
} Cell;

struct _RdCalendarView
{
  GtkWidget     parent_instance;

  GtkWidget    *paned;
  GtkWidget    *title;
  GtkWidget    *grid;
  GtkWidget    *agenda_title;
  GtkWidget    *agenda_overdue;
  GtkWidget    *agenda;
  GtkWidget    *agenda_stack;
  GtkWidget    *agenda_rows[MAX_AGENDA];
  Cell          cells[N_CELLS];

  RdStore      *store;
  RdCaseFilter  filter;
  GDate         selected;
  GDate         first;         /* the first day drawn (a Monday) */
  Month        *month;         /* the data drawn, owned by the cache; NULL while loading */
  GHashTable   *cache;         /* julian of the first drawn day -> Month */
  GHashTable   *pending;       /* the same keys, for the months being read */
  GCancellable *cancellable;   /* of the reads under way; replaced when the data changes */
  guint         generation;
  gboolean      dirty;         /* the store or filter changed while the view was hidden */
};

G_DEFINE_FINAL_TYPE (RdCalendarView, rd_calendar_view, GTK_TYPE_WIDGET)

enum { CASE_ACTIVATED, MONTH_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->reference);
  g_free (entry->client);
  g_free (entry);
}

static void
month_free (gpointer data)
{
  Month *month = data;

  for (int i = 0; i < N_CELLS; i++)
    g_clear_pointer (&month->days[i], g_ptr_array_unref);
  g_free (month);
}

static int
cell_of (RdCalendarView *self,
         const GDate    *date)
{
  int offset = (int) g_date_get_julian (date) - (int) g_date_get_julian (&self->first);

  return offset >= 0 && offset < N_CELLS ? offset : -1;
}

static guint
count_at (RdCalendarView *self,
          int             i)
{
  return self->month != NULL && i >= 0 ? self->month->counts[i] : 0;
}

static GPtrArray *
entries_at (RdCalendarView *self,
            int             i)
{
  return self->month != NULL && i >= 0 ? self->month->days[i] : NULL;
}

/* The first day drawn for the month of @date: the Monday on or before the 1st. */
static void
first_drawn_day (const GDate *date,
                 GDate       *first)
{
  GDate first_of_month = *date;

  g_date_set_day (&first_of_month, 1);
  *first = first_of_month;
  g_date_subtract_days (first, g_date_get_weekday (&first_of_month) - G_DATE_MONDAY);
}

/* Reading a month, in a worker */

typedef struct
{
  char         *path;
  RdCaseFilter  filter;
  guint         first;
  guint         generation;
  Month        *month;
} MonthJob;

static void
month_job_free (gpointer data)
{
  MonthJob *job = data;

  g_free (job->path);
  rd_case_filter_clear (&job->filter);
  g_clear_pointer (&job->month, month_free);
  g_free (job);
}

static gboolean
fact_cb (const RdCaseFact *fact,
         gpointer          user_data)
{
  Month *month = user_data;
  int i = (int) g_date_get_julian (&fact->effective_due) - (int) month->first;
  Entry *entry;

  if (i < 0 || i >= N_CELLS)
    return TRUE;

  month->counts[i]++;
  if (month->days[i]->len >= MAX_AGENDA)
    return TRUE;

  entry = g_new0 (Entry, 1);
  entry->reference = g_strdup (fact->reference);
  entry->client = g_strdup (fact->client);
  entry->type = fact->type;
  entry->paused = fact->paused;
  g_ptr_array_add (month->days[i], entry);
  return TRUE;
}

static void
month_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MonthJob *job = task_data;
  g_autoptr (GError) error = NULL;
  RdCaseQuery query;
  RdStore *store;
  GDate end;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = rd_case_query_worker_store (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->month = g_new0 (Month, 1);
  job->month->first = job->first;
  for (int i = 0; i < N_CELLS; i++)
    job->month->days[i] = g_ptr_array_new_with_free_func (entry_free);

  rd_case_query_init (&query);
  rd_case_filter_apply (&job->filter, &query);
  /* The calendar shows open cases in its own range; "due this week" narrows it like the list. */
  g_date_set_julian (&query.due_from, job->first);
  g_date_set_julian (&end, job->first + N_CELLS);
  if (!g_date_valid (&query.due_before) || g_date_compare (&end, &query.due_before) < 0)
    query.due_before = end;

  if (!rd_store_foreach_fact (store, &query, fact_cb, job->month, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The week of today also says how many cases are overdue: those of earlier months are not
   * drawn, and "nothing due" must not read as "nothing late". */
  rd_case_query_init (&query);
  rd_case_filter_apply (&job->filter, &query);
  query.overdue = TRUE;
  job->month->overdue = rd_store_count_cases (store, &query, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
chip_clicked_cb (GtkButton      *button,
                 RdCalendarView *self)
{
  g_signal_emit (self, signals[CASE_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (button), "rd-reference"));
}

static void
agenda_row_activated_cb (GtkListBox     *box,
                         GtkListBoxRow  *row,
                         RdCalendarView *self)
{
  const char *reference = g_object_get_data (G_OBJECT (row), "rd-reference");

  if (reference != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, reference);
}

static void
set_urgency_class (GtkWidget  *widget,
                   const char *css)
{
  const char *old = g_object_get_data (G_OBJECT (widget), "rd-css");

  if (g_strcmp0 (old, css) == 0)
    return;
  if (old != NULL)
    gtk_widget_remove_css_class (widget, old);
  gtk_widget_add_css_class (widget, css);
  g_object_set_data (G_OBJECT (widget), "rd-css", (gpointer) css);
}

/* The agenda's rows are made once and refilled: building rows costs more than a month switch
 * may take. */
static void
fill_agenda (RdCalendarView *self)
{
  int selected = cell_of (self, &self->selected);
  int week = selected >= 0 ? selected / 7 * 7 : 0;
  guint shown = 0, total = 0;
  GDate today;
  char from[64], to[64];
  GDate last;
  g_autofree char *title = NULL;

  rd_date_today (&today);

  for (int i = week; i < week + 7; i++)
    {
      GPtrArray *entries = entries_at (self, i);
      GDate day = self->first;
      g_autofree char *when = NULL;
      int days;

      total += count_at (self, i);
      if (entries == NULL || entries->len == 0)
        continue;

      g_date_add_days (&day, i);
      when = rd_gui_format_date (&day);
      days = rd_date_days_between (&today, &day);
      for (guint k = 0; k < entries->len && shown < MAX_AGENDA; k++)
        {
          Entry *entry = g_ptr_array_index (entries, k);
          GtkWidget *row = self->agenda_rows[shown++];
          GtkWidget *dot = g_object_get_data (G_OBJECT (row), "rd-dot");
          g_autofree char *subtitle = NULL;

          gtk_label_set_text (g_object_get_data (G_OBJECT (row), "rd-title"), entry->reference);
          /* Translators: due date · client · request type */
          subtitle = g_strdup_printf (_("%s · %s · %s"), when, entry->client,
                                      rd_request_type_to_label (entry->type));
          gtk_label_set_text (g_object_get_data (G_OBJECT (row), "rd-subtitle"), subtitle);
          /* Read by screen readers as one line, like the row looks. */
          {
            g_autofree char *a11y = g_strdup_printf ("%s, %s", entry->reference, subtitle);
            gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            a11y, -1);
          }
          g_object_set_data_full (G_OBJECT (row), "rd-reference", g_strdup (entry->reference),
                                  g_free);
          gtk_label_set_text (GTK_LABEL (dot), entry->paused ? _("Paused") : "");
          set_urgency_class (dot, rd_gui_urgency_css_class (rd_gui_urgency_for_days (days)));
          gtk_widget_set_visible (row, TRUE);
        }
    }

  for (guint k = shown; k < MAX_AGENDA; k++)
    gtk_widget_set_visible (self->agenda_rows[k], FALSE);

  last = self->first;
  g_date_add_days (&last, week + 6);
  {
    GDate start = self->first;

    g_date_add_days (&start, week);
    g_date_strftime (from, sizeof from, "%-d %b", &start);
    g_date_strftime (to, sizeof to, "%-d %b", &last);
  }
  if (total > shown)
    /* Translators: the agenda's heading: first and last day of the week, cases shown of all */
    title = g_strdup_printf (_("Week of %s – %s (first %u of %u)"), from, to, shown, total);
  else
    /* Translators: the agenda's heading, with the first and last day of the week */
    title = g_strdup_printf (_("Week of %s – %s"), from, to);
  gtk_label_set_text (GTK_LABEL (self->agenda_title), title);
  {
    GDate start = self->first;
    guint overdue = self->month != NULL ? self->month->overdue : 0;
    gboolean this_week;

    g_date_add_days (&start, week);
    this_week = g_date_compare (&start, &today) <= 0 && g_date_compare (&today, &last) <= 0;
    if (this_week && overdue > 0)
      {
        g_autofree char *note = g_strdup_printf (
          /* Translators: under the week's agenda, a count of open cases past their due date */
          ngettext ("%u open case is overdue: Cases lists it with the Overdue filter.",
                    "%u open cases are overdue: Cases lists them with the Overdue filter.",
                    overdue),
          overdue);

        gtk_label_set_text (GTK_LABEL (self->agenda_overdue), note);
      }
    gtk_widget_set_visible (self->agenda_overdue, this_week && overdue > 0);
  }
  gtk_stack_set_visible_child_name (GTK_STACK (self->agenda_stack),
                                    self->month == NULL ? "loading"
                                    : total > 0 ? "list" : "empty");
}

/* "RD-2026-000132" → "000132". */
static const char *
short_reference (const char *reference)
{
  const char *dash = strrchr (reference, '-');

  return dash != NULL && dash[1] != '\0' ? dash + 1 : reference;
}

static void
draw (RdCalendarView *self)
{
  GDate today;
  int today_cell;

  rd_date_today (&today);
  today_cell = cell_of (self, &today);

  for (int i = 0; i < N_CELLS; i++)
    {
      Cell *cell = &self->cells[i];
      GPtrArray *entries = entries_at (self, i);
      guint count = count_at (self, i);
      guint n_chips = entries != NULL ? MIN (entries->len, MAX_CHIPS) : 0;
      GDate day = self->first;
      char number[8];
      int days;
      g_autofree char *a11y = NULL;
      g_autofree char *date = NULL;

      g_date_add_days (&day, i);
      days = rd_date_days_between (&today, &day);
      g_snprintf (number, sizeof number, "%d", g_date_get_day (&day));
      gtk_label_set_text (GTK_LABEL (cell->number), number);

      if (g_date_get_month (&day) == g_date_get_month (&self->selected))
        gtk_widget_remove_css_class (cell->box, "other-month");
      else
        gtk_widget_add_css_class (cell->box, "other-month");
      if (i == today_cell)
        gtk_widget_add_css_class (cell->box, "today");
      else
        gtk_widget_remove_css_class (cell->box, "today");
      if (g_date_compare (&day, &self->selected) == 0)
        gtk_widget_add_css_class (cell->box, "selected-day");
      else
        gtk_widget_remove_css_class (cell->box, "selected-day");

      for (guint k = 0; k < MAX_CHIPS; k++)
        {
          GtkWidget *chip = cell->chips[k];
          Entry *entry;
          g_autofree char *tooltip = NULL;
          g_autofree char *about = NULL;

          if (k >= n_chips)
            {
              gtk_widget_set_visible (chip, FALSE);
              continue;
            }

          entry = g_ptr_array_index (entries, k);
          /* A day is narrow: the chip shows the case's number within its year, which fits; the
           * tooltip and screen readers have the whole reference, the client and the type. */
          gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))),
                              short_reference (entry->reference));
          about = g_strdup_printf ("%s · %s", entry->client,
                                   rd_request_type_to_label (entry->type));
          /* Translators: a calendar chip's tooltip: case reference · client · request type */
          tooltip = g_strdup_printf (_("%s · %s"), entry->reference, about);
          rd_gui_set_tooltip (chip, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, entry->reference,
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, about, -1);
          set_urgency_class (chip, rd_gui_urgency_css_class (rd_gui_urgency_for_days (days)));
          g_object_set_data_full (G_OBJECT (chip), "rd-reference", g_strdup (entry->reference),
                                  g_free);
          gtk_widget_set_visible (chip, TRUE);
        }

      if (count > MAX_CHIPS)
        {
          g_autofree char *more = g_strdup_printf (_("+%u more"), count - MAX_CHIPS);
          gtk_label_set_text (GTK_LABEL (cell->more), more);
          gtk_widget_set_visible (cell->more, TRUE);
        }
      else
        gtk_widget_set_visible (cell->more, FALSE);

      date = rd_gui_format_date (&day);
      /* Translators: a day of the calendar for screen readers: date, cases due */
      a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u case due",
                                           "%s, %u cases due", count),
                              date, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }

  {
    char title[64];

    g_date_strftime (title, sizeof title, "%B %Y", &self->selected);
    gtk_label_set_text (GTK_LABEL (self->title), title);
  }

  fill_agenda (self);
}

static void request_month (RdCalendarView *self,
                           guint           first);

typedef struct
{
  RdCalendarView *self;
  guint           first;
} MonthCall;

static void
month_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MonthCall *call = user_data;
  RdCalendarView *self = call->self;
  MonthJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (job->generation != self->generation)
    goto out;

  g_hash_table_remove (self->pending, GUINT_TO_POINTER (call->first));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rd_gui_toast_error (GTK_WIDGET (self), _("Could not read the due dates"), error);
      goto out;
    }

  if (g_hash_table_size (self->cache) >= MAX_MONTHS)
    {
      /* Keep the month on screen; the others are cheap to read again. */
      Month *shown = self->month;

      if (shown != NULL)
        g_hash_table_steal (self->cache, GUINT_TO_POINTER (shown->first));
      g_hash_table_remove_all (self->cache);
      if (shown != NULL)
        g_hash_table_insert (self->cache, GUINT_TO_POINTER (shown->first), shown);
    }
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (call->first), g_steal_pointer (&job->month));

  if (call->first == g_date_get_julian (&self->first) && self->month == NULL)
    {
      self->month = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (call->first));
      draw (self);
      g_signal_emit (self, signals[MONTH_LOADED], 0);
    }

out:
  g_object_unref (self);
  g_free (call);
}

static void
request_month (RdCalendarView *self,
               guint           first)
{
  g_autoptr (GTask) task = NULL;
  MonthCall *call;
  MonthJob *job;

  if (self->store == NULL
      || g_hash_table_contains (self->cache, GUINT_TO_POINTER (first))
      || g_hash_table_contains (self->pending, GUINT_TO_POINTER (first)))
    return;

  job = g_new0 (MonthJob, 1);
  job->path = g_strdup (rd_store_get_path (self->store));
  rd_case_filter_copy (&job->filter, &self->filter);
  job->first = first;
  job->generation = self->generation;

  call = g_new0 (MonthCall, 1);
  call->self = g_object_ref (self);
  call->first = first;

  g_hash_table_add (self->pending, GUINT_TO_POINTER (first));
  task = g_task_new (NULL, self->cancellable, month_done_cb, call);
  g_task_set_source_tag (task, request_month);
  g_task_set_task_data (task, job, month_job_free);
  g_task_run_in_thread (task, month_worker);
}

/* Shows the month of the selected day: at once from the cache, else as soon as a worker has
 * read it. The months before and after are read ahead, so that Page Up and Page Down find
 * theirs ready. */
static void
show_month (RdCalendarView *self)
{
  GDate next, previous;
  guint first;

  first_drawn_day (&self->selected, &self->first);
  first = g_date_get_julian (&self->first);
  self->month = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (first));
  if (self->month == NULL)
    request_month (self, first);
  draw (self);
  if (self->month != NULL)
    g_signal_emit (self, signals[MONTH_LOADED], 0);

  next = self->selected;
  g_date_set_day (&next, 1);
  previous = next;
  g_date_add_months (&next, 1);
  g_date_subtract_months (&previous, 1);
  first_drawn_day (&next, &next);
  first_drawn_day (&previous, &previous);
  request_month (self, g_date_get_julian (&next));
  request_month (self, g_date_get_julian (&previous));
}

/* Forgets every month read: the store, the filters or a case changed. */
static void
invalidate (RdCalendarView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->month = NULL;
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->pending);

  /* A hidden view reads nothing until it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = FALSE;
      show_month (self);
    }
  else
    self->dirty = TRUE;
}

static void
rd_calendar_view_map (GtkWidget *widget)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (rd_calendar_view_parent_class)->map (widget);

  if (self->dirty)
    {
      self->dirty = FALSE;
      show_month (self);
    }
}

static void
select_date (RdCalendarView *self,
             const GDate    *date)
{
  GDate first;

  self->selected = *date;
  first_drawn_day (date, &first);

  if (g_date_compare (&first, &self->first) != 0 || self->dirty)
    {
      self->dirty = FALSE;
      show_month (self);
    }
  else
    draw (self);
}

static void
move_days (RdCalendarView *self,
           int             days)
{
  GDate date = self->selected;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  select_date (self, &date);
}

static void
prev_cb (GtkButton      *button,
         RdCalendarView *self)
{
  rd_calendar_view_move_months (self, -1);
}

static void
next_cb (GtkButton      *button,
         RdCalendarView *self)
{
  rd_calendar_view_move_months (self, 1);
}

static void
today_cb (GtkButton      *button,
          RdCalendarView *self)
{
  GDate today;

  rd_date_today (&today);
  select_date (self, &today);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RdCalendarView        *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_days (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_days (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_days (self, -7);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_days (self, 7);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      rd_calendar_view_move_months (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      rd_calendar_view_move_months (self, 1);
      return TRUE;
    case GDK_KEY_Home:
      today_cb (NULL, self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      {
        int i = cell_of (self, &self->selected);

        GPtrArray *entries = entries_at (self, i);

        if (entries != NULL && entries->len > 0)
          {
            Entry *entry = g_ptr_array_index (entries, 0);
            g_signal_emit (self, signals[CASE_ACTIVATED], 0, entry->reference);
          }
      }
      return TRUE;
    default:
      return FALSE;
    }
}

static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RdCalendarView  *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int i = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "rd-cell"));
  GDate date = self->first;

  g_date_add_days (&date, i);
  select_date (self, &date);
  gtk_widget_grab_focus (self->grid);
}

/* GObject */

static void
rd_calendar_view_dispose (GObject *object)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->store);
  rd_case_filter_clear (&self->filter);

  G_OBJECT_CLASS (rd_calendar_view_parent_class)->dispose (object);
}

static void
rd_calendar_view_finalize (GObject *object)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (object);

  self->month = NULL;
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (rd_calendar_view_parent_class)->finalize (object);
}

/* Focusing the view means the month grid, where the arrow keys and Page Up/Down work; GTK
 * would otherwise pick the first button of the header. */
static gboolean
rd_calendar_view_grab_focus (GtkWidget *widget)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (widget);

  return gtk_widget_grab_focus (self->grid);
}

static void
rd_calendar_view_class_init (RdCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_calendar_view_dispose;
  object_class->finalize = rd_calendar_view_finalize;

  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MONTH_LOADED] =
    g_signal_new ("month-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  widget_class->map = rd_calendar_view_map;
  widget_class->grab_focus = rd_calendar_view_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdcalendarview");
}

static void
rd_calendar_view_init (RdCalendarView *self)
{
  GtkWidget *month_box, *header, *nav, *button, *scrolled, *agenda_box, *clamp, *empty;
  GtkEventController *keys;

  self->cache = g_hash_table_new_full (NULL, NULL, NULL, month_free);
  self->pending = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();

  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_resize_end_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));

  month_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (month_box, "month-view");
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_box_append (GTK_BOX (header), self->title);

  nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (nav, "linked");
  button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (button, _("Previous Month (Page Up)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous month"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (prev_cb), self);
  gtk_box_append (GTK_BOX (nav), button);
  button = gtk_button_new_with_mnemonic (_("_Today"));
  gtk_widget_set_tooltip_text (button, _("Go to today (Home)"));
  g_signal_connect (button, "clicked", G_CALLBACK (today_cb), self);
  gtk_box_append (GTK_BOX (nav), button);
  button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (button, _("Next Month (Page Down)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next month"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (next_cb), self);
  gtk_box_append (GTK_BOX (nav), button);
  gtk_box_append (GTK_BOX (header), nav);
  gtk_box_append (GTK_BOX (month_box), header);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_row_homogeneous (GTK_GRID (self->grid), FALSE);
  gtk_widget_set_vexpand (self->grid, TRUE);
  gtk_widget_set_focusable (self->grid, TRUE);
  gtk_widget_add_css_class (self->grid, "month-grid");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Due dates by day; arrow keys move, Page Up and Page Down "
                                    "change the month, Enter opens the first case"), -1);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->grid, keys);

  for (int d = 0; d < 7; d++)
    {
      GDate monday;
      char name[32];
      GtkWidget *label;

      g_date_clear (&monday, 1);
      g_date_set_dmy (&monday, 5 + d, 1, 2026); /* 5 January 2026 was a Monday */
      g_date_strftime (name, sizeof name, "%a", &monday);
      label = gtk_label_new (name);
      gtk_widget_add_css_class (label, "weekday");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), label, d, 0, 1, 1);
    }

  for (int i = 0; i < N_CELLS; i++)
    {
      Cell *cell = &self->cells[i];
      GtkGesture *click = gtk_gesture_click_new ();

      cell->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_add_css_class (cell->box, "day-cell");
      gtk_widget_set_vexpand (cell->box, TRUE);
      gtk_widget_set_hexpand (cell->box, TRUE);
      gtk_widget_set_size_request (cell->box, 40, 64);
      gtk_widget_set_overflow (cell->box, GTK_OVERFLOW_HIDDEN);
      g_object_set_data (G_OBJECT (cell->box), "rd-cell", GINT_TO_POINTER (i));
      cell->number = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell->number), 0);
      gtk_widget_set_halign (cell->number, GTK_ALIGN_START);
      gtk_widget_add_css_class (cell->number, "day-number");
      cell->more = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell->more), 0);
      gtk_label_set_ellipsize (GTK_LABEL (cell->more), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (cell->more, "caption");
      gtk_widget_add_css_class (cell->more, "dim-label");
      gtk_box_append (GTK_BOX (cell->box), cell->number);
      for (guint k = 0; k < MAX_CHIPS; k++)
        {
          GtkWidget *chip = gtk_button_new ();
          GtkWidget *chip_label = gtk_label_new (NULL);

          /* Ellipsized, so that a crowded day never widens its column; the number it shows
           * keeps its end, which tells cases apart. */
          gtk_label_set_ellipsize (GTK_LABEL (chip_label), PANGO_ELLIPSIZE_START);
          gtk_label_set_xalign (GTK_LABEL (chip_label), 0);
          gtk_button_set_child (GTK_BUTTON (chip), chip_label);
          gtk_widget_add_css_class (chip, "case-chip");
          /* The grid is the one focus stop: its arrow keys move the day and Enter opens the
           * case, and the agenda beside it lists every case of the week. A focusable chip
           * would show a second focus ring inside the grid's. */
          gtk_widget_set_focusable (chip, FALSE);
          gtk_widget_set_focus_on_click (chip, FALSE);
          gtk_widget_set_visible (chip, FALSE);
          g_signal_connect (chip, "clicked", G_CALLBACK (chip_clicked_cb), self);
          gtk_box_append (GTK_BOX (cell->box), chip);
          cell->chips[k] = chip;
        }
      gtk_box_append (GTK_BOX (cell->box), cell->more);
      g_signal_connect (click, "pressed", G_CALLBACK (cell_pressed_cb), self);
      gtk_widget_add_controller (cell->box, GTK_EVENT_CONTROLLER (click));
      gtk_grid_attach (GTK_GRID (self->grid), cell->box, i % 7, 1 + i / 7, 1, 1);
    }
  gtk_box_append (GTK_BOX (month_box), self->grid);
  gtk_paned_set_start_child (GTK_PANED (self->paned), month_box);

  agenda_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (agenda_box, "agenda");
  self->agenda_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->agenda_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->agenda_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->agenda_title), TRUE);
  gtk_box_append (GTK_BOX (agenda_box), self->agenda_title);
  self->agenda_overdue = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->agenda_overdue), 0);
  gtk_label_set_wrap (GTK_LABEL (self->agenda_overdue), TRUE);
  gtk_widget_add_css_class (self->agenda_overdue, "error");
  gtk_widget_set_visible (self->agenda_overdue, FALSE);
  gtk_box_append (GTK_BOX (agenda_box), self->agenda_overdue);
  self->agenda = gtk_list_box_new ();
  gtk_widget_add_css_class (self->agenda, "boxed-list");
  gtk_widget_set_valign (self->agenda, GTK_ALIGN_START);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->agenda), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cases due this week"), -1);
  g_signal_connect (self->agenda, "row-activated", G_CALLBACK (agenda_row_activated_cb), self);
  for (guint k = 0; k < MAX_AGENDA; k++)
    {
      /* Single-line labels: AdwActionRow's wrapping ones cost GTK a height-for-width pass
       * each, ten times a month switch's budget for fifty rows. */
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *dot = gtk_label_new (NULL);
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *subtitle = gtk_label_new (NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "agenda-row");
      gtk_widget_add_css_class (dot, "urgency-dot");
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (texts, TRUE);
      for (GtkWidget *label = title; label != NULL; label = label == title ? subtitle : NULL)
        {
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
          gtk_box_append (GTK_BOX (texts), label);
        }
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), texts);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "rd-dot", dot);
      g_object_set_data (G_OBJECT (row), "rd-title", title);
      g_object_set_data (G_OBJECT (row), "rd-subtitle", subtitle);
      gtk_widget_set_visible (row, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (self->agenda), row);
      self->agenda_rows[k] = row;
    }
  self->agenda_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->agenda_stack), self->agenda, "list");
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Due"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("No open case falls due this week."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->agenda_stack), empty, "empty");
  {
    GtkWidget *spinner = gtk_spinner_new ();

    gtk_spinner_start (GTK_SPINNER (spinner));
    gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
    gtk_widget_set_valign (spinner, GTK_ALIGN_START);
    gtk_widget_set_size_request (spinner, 32, 32);
    gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Reading due dates"), -1);
    gtk_stack_add_named (GTK_STACK (self->agenda_stack), spinner, "loading");
  }
  gtk_box_append (GTK_BOX (agenda_box), self->agenda_stack);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 420);
  adw_clamp_set_child (ADW_CLAMP (clamp), agenda_box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_size_request (scrolled, 300, -1);
  gtk_paned_set_end_child (GTK_PANED (self->paned), scrolled);

  rd_date_today (&self->selected);
  first_drawn_day (&self->selected, &self->first);
  draw (self);
}

GtkWidget *
rd_calendar_view_new (void)
{
  return g_object_new (RD_TYPE_CALENDAR_VIEW, NULL);
}

void
rd_calendar_view_set_store (RdCalendarView *self,
                            RdStore        *store)
{
  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  g_set_object (&self->store, store);
  invalidate (self);
}

void
rd_calendar_view_set_filter (RdCalendarView     *self,
                             const RdCaseFilter *filter)
{
  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));
  g_return_if_fail (filter != NULL);

  rd_case_filter_copy (&self->filter, filter);
  invalidate (self);
}

void
rd_calendar_view_select_date (RdCalendarView *self,
                              const GDate    *date)
{
  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  select_date (self, date);
}

const GDate *
rd_calendar_view_get_selected (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), NULL);

  return &self->selected;
}

void
rd_calendar_view_move_months (RdCalendarView *self,
                              int             months)
{
  GDate date;

  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));

  date = self->selected;
  if (months >= 0)
    g_date_add_months (&date, months);
  else
    g_date_subtract_months (&date, -months);
  select_date (self, &date);
}

void
rd_calendar_view_reload (RdCalendarView *self)
{
  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));

  invalidate (self);
}

gboolean
rd_calendar_view_get_loading (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), FALSE);

  return self->month == NULL && self->store != NULL;
}

guint
rd_calendar_view_count_on (RdCalendarView *self,
                           const GDate    *date)
{
  int i;

  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), 0);

  i = cell_of (self, date);
  return count_at (self, i);
}

gboolean
rd_calendar_view_shows_case (RdCalendarView *self,
                             const GDate    *date,
                             const char     *reference)
{
  GPtrArray *entries;
  int i;

  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), FALSE);

  i = cell_of (self, date);
  entries = entries_at (self, i);
  for (guint k = 0; entries != NULL && k < entries->len; k++)
    if (g_strcmp0 (((Entry *) g_ptr_array_index (entries, k))->reference, reference) == 0)
      return TRUE;

  return FALSE;
}

const char *
rd_calendar_view_get_overdue_note (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), NULL);

  return gtk_widget_get_visible (self->agenda_overdue)
           ? gtk_label_get_text (GTK_LABEL (self->agenda_overdue)) : NULL;
}
