/* rd-calendar-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-calendar-view.h"
#include "rd-date.h"

#define N_CELLS 42      /* six weeks always fit a month */
#define MAX_CHIPS 3     /* cases drawn in a day before "+N more" */
#define MAX_AGENDA 200  /* rows in the week's agenda */

typedef struct
{
  char         *reference;
  char         *client;
  RdRequestType type;
  gboolean      paused;
} Entry;

typedef struct
{
  GtkWidget *box;
  GtkWidget *number;
  GtkWidget *chips;
  GtkWidget *more;
} Cell;

struct _RdCalendarView
{
  GtkWidget     parent_instance;

  GtkWidget    *paned;
  GtkWidget    *title;
  GtkWidget    *grid;
  GtkWidget    *agenda_title;
  GtkWidget    *agenda;
  GtkWidget    *agenda_stack;
  Cell          cells[N_CELLS];

  RdStore      *store;
  RdCaseFilter  filter;
  GDate         selected;
  GDate         first;         /* the first day drawn (a Monday) */
  GPtrArray    *days[N_CELLS]; /* Entry*, per cell */
  guint         loaded_month;  /* julian of the first of the loaded month, 0: none */
  gboolean      dirty;         /* the store or filter changed while the view was hidden */
};

G_DEFINE_FINAL_TYPE (RdCalendarView, rd_calendar_view, GTK_TYPE_WIDGET)

enum { CASE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->reference);
  g_free (entry->client);
  g_free (entry);
}

static int
cell_of (RdCalendarView *self,
         const GDate    *date)
{
  int offset = (int) g_date_get_julian (date) - (int) g_date_get_julian (&self->first);

  return offset >= 0 && offset < N_CELLS ? offset : -1;
}

static gboolean
fact_cb (const RdCaseFact *fact,
         gpointer          user_data)
{
  RdCalendarView *self = user_data;
  int i = cell_of (self, &fact->effective_due);
  Entry *entry;

  if (i < 0)
    return TRUE;

  entry = g_new0 (Entry, 1);
  entry->reference = g_strdup (fact->reference);
  entry->client = g_strdup (fact->client);
  entry->type = fact->type;
  entry->paused = fact->paused;
  g_ptr_array_add (self->days[i], entry);
  return TRUE;
}

static void
chip_clicked_cb (GtkButton      *button,
                 RdCalendarView *self)
{
  g_signal_emit (self, signals[CASE_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (button), "rd-reference"));
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
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
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (self->agenda)) != NULL)
      gtk_list_box_remove (GTK_LIST_BOX (self->agenda), child);
  }

  for (int i = week; i < week + 7; i++)
    {
      GDate day = self->first;

      g_date_add_days (&day, i);
      for (guint k = 0; k < self->days[i]->len; k++, total++)
        {
          Entry *entry = g_ptr_array_index (self->days[i], k);
          g_autofree char *when = rd_gui_format_date (&day);
          g_autofree char *subtitle = NULL;
          GtkWidget *row, *dot;
          int days = rd_date_days_between (&today, &day);

          if (shown >= MAX_AGENDA)
            continue;

          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->reference);
          /* Translators: due date · client · request type */
          subtitle = g_strdup_printf (_("%s · %s · %s"), when, entry->client,
                                      rd_request_type_to_label (entry->type));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "rd-reference", g_strdup (entry->reference),
                                  g_free);
          dot = gtk_label_new (entry->paused ? _("Paused") : NULL);
          gtk_widget_add_css_class (dot, "urgency-dot");
          gtk_widget_add_css_class (dot, rd_gui_urgency_css_class (rd_gui_urgency_for_days (days)));
          gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
          gtk_list_box_append (GTK_LIST_BOX (self->agenda), row);
          shown++;
        }
    }

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
  gtk_stack_set_visible_child_name (GTK_STACK (self->agenda_stack), total > 0 ? "list" : "empty");
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
      GPtrArray *entries = self->days[i];
      GDate day = self->first;
      char number[8];
      int days;
      g_autofree char *a11y = NULL;

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

      clear_box (cell->chips);
      for (guint k = 0; k < MIN (entries->len, MAX_CHIPS); k++)
        {
          Entry *entry = g_ptr_array_index (entries, k);
          GtkWidget *chip = gtk_button_new ();
          GtkWidget *chip_label = gtk_label_new (entry->reference);

          /* Ellipsized, so that a crowded day never widens its column. */
          gtk_label_set_ellipsize (GTK_LABEL (chip_label), PANGO_ELLIPSIZE_END);
          gtk_label_set_xalign (GTK_LABEL (chip_label), 0);
          gtk_button_set_child (GTK_BUTTON (chip), chip_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          entry->reference, -1);
          g_autofree char *tooltip = g_strdup_printf ("%s · %s", entry->client,
                                                      rd_request_type_to_label (entry->type));

          gtk_widget_add_css_class (chip, "case-chip");
          gtk_widget_add_css_class (chip, rd_gui_urgency_css_class (rd_gui_urgency_for_days (days)));
          gtk_widget_set_tooltip_text (chip, tooltip);
          gtk_widget_set_focus_on_click (chip, FALSE);
          g_object_set_data_full (G_OBJECT (chip), "rd-reference", g_strdup (entry->reference),
                                  g_free);
          g_signal_connect (chip, "clicked", G_CALLBACK (chip_clicked_cb), self);
          gtk_box_append (GTK_BOX (cell->chips), chip);
        }

      if (entries->len > MAX_CHIPS)
        {
          g_autofree char *more = g_strdup_printf (_("+%u more"), entries->len - MAX_CHIPS);
          gtk_label_set_text (GTK_LABEL (cell->more), more);
          gtk_widget_set_visible (cell->more, TRUE);
        }
      else
        gtk_widget_set_visible (cell->more, FALSE);

      {
        g_autofree char *date = rd_gui_format_date (&day);
        /* Translators: a day of the calendar for screen readers: date, cases due */
        a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u case due",
                                             "%s, %u cases due", entries->len),
                                date, entries->len);
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell->box),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      }
    }

  {
    char title[64];

    g_date_strftime (title, sizeof title, "%B %Y", &self->selected);
    gtk_label_set_text (GTK_LABEL (self->title), title);
  }

  fill_agenda (self);
}

/* Reads the open cases due in the six drawn weeks. The facts iterator reads no personal data
 * and allocates nothing per row, so a month of a million-case base loads in milliseconds. */
static void
load (RdCalendarView *self)
{
  g_autoptr (GError) error = NULL;
  RdCaseQuery query;
  GDate first_of_month = self->selected;
  GDate end;

  g_date_set_day (&first_of_month, 1);
  self->dirty = FALSE;
  self->first = first_of_month;
  g_date_subtract_days (&self->first, g_date_get_weekday (&first_of_month) - G_DATE_MONDAY);

  for (int i = 0; i < N_CELLS; i++)
    g_ptr_array_set_size (self->days[i], 0);
  self->loaded_month = g_date_get_julian (&first_of_month);

  if (self->store != NULL)
    {
      rd_case_query_init (&query);
      rd_case_filter_apply (&self->filter, &query);
      /* The calendar shows its own range; "due this week" narrows it like the list does. */
      end = self->first;
      g_date_add_days (&end, N_CELLS);
      if (!g_date_valid (&query.due_before) || g_date_compare (&end, &query.due_before) < 0)
        query.due_before = end;
      query.due_from = self->first;
      query.sort = RD_CASE_SORT_DUE;

      if (!rd_store_foreach_fact (self->store, &query, fact_cb, self, &error))
        rd_gui_toast_error (GTK_WIDGET (self), _("Could not read the due dates"), error);
    }

  draw (self);
}

/* Reading due dates costs time on a large base: a hidden view waits until it is shown. */
static void
queue_load (RdCalendarView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->dirty = TRUE;
}

static void
rd_calendar_view_map (GtkWidget *widget)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (rd_calendar_view_parent_class)->map (widget);

  if (self->dirty)
    load (self);
}

static void
select_date (RdCalendarView *self,
             const GDate    *date)
{
  GDate first_of_month = *date;

  g_date_set_day (&first_of_month, 1);
  self->selected = *date;

  if (g_date_get_julian (&first_of_month) != self->loaded_month || self->dirty)
    load (self);
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

        if (i >= 0 && self->days[i]->len > 0)
          {
            Entry *entry = g_ptr_array_index (self->days[i], 0);
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

  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->store);
  rd_case_filter_clear (&self->filter);

  G_OBJECT_CLASS (rd_calendar_view_parent_class)->dispose (object);
}

static void
rd_calendar_view_finalize (GObject *object)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (object);

  for (int i = 0; i < N_CELLS; i++)
    g_clear_pointer (&self->days[i], g_ptr_array_unref);

  G_OBJECT_CLASS (rd_calendar_view_parent_class)->finalize (object);
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

  widget_class->map = rd_calendar_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdcalendarview");
}

static void
rd_calendar_view_init (RdCalendarView *self)
{
  GtkWidget *month_box, *header, *nav, *button, *scrolled, *agenda_box, *clamp, *empty;
  GtkEventController *keys;

  for (int i = 0; i < N_CELLS; i++)
    self->days[i] = g_ptr_array_new_with_free_func (entry_free);

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
      cell->chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      cell->more = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell->more), 0);
      gtk_label_set_ellipsize (GTK_LABEL (cell->more), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (cell->more, "caption");
      gtk_widget_add_css_class (cell->more, "dim-label");
      gtk_box_append (GTK_BOX (cell->box), cell->number);
      gtk_box_append (GTK_BOX (cell->box), cell->chips);
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
  self->agenda = gtk_list_box_new ();
  gtk_widget_add_css_class (self->agenda, "boxed-list");
  gtk_widget_set_valign (self->agenda, GTK_ALIGN_START);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->agenda), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cases due this week"), -1);
  g_signal_connect (self->agenda, "row-activated", G_CALLBACK (agenda_row_activated_cb), self);
  self->agenda_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->agenda_stack), self->agenda, "list");
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Due"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("No open case falls due this week."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->agenda_stack), empty, "empty");
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
  load (self);
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
  queue_load (self);
}

void
rd_calendar_view_set_filter (RdCalendarView     *self,
                             const RdCaseFilter *filter)
{
  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));
  g_return_if_fail (filter != NULL);

  rd_case_filter_copy (&self->filter, filter);
  queue_load (self);
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

  queue_load (self);
}

guint
rd_calendar_view_count_on (RdCalendarView *self,
                           const GDate    *date)
{
  int i;

  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), 0);

  i = cell_of (self, date);
  return i >= 0 ? self->days[i]->len : 0;
}

gboolean
rd_calendar_view_shows_case (RdCalendarView *self,
                             const GDate    *date,
                             const char     *reference)
{
  int i;

  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), FALSE);

  i = cell_of (self, date);
  for (guint k = 0; i >= 0 && k < self->days[i]->len; k++)
    if (g_strcmp0 (((Entry *) g_ptr_array_index (self->days[i], k))->reference, reference) == 0)
      return TRUE;

  return FALSE;
}
