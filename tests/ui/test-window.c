/* test-window.c: the main window as a person uses it, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-application.h"
#include "rd-calendar-view.h"
#include "rd-case-list.h"
#include "rd-case-page.h"
#include "rd-cases-page.h"
#include "rd-date.h"
#include "rd-gui-util.h"
#include "rd-jurisdiction.h"
#include "rd-new-case-window.h"
#include "rd-window.h"
#include "ui-util.h"

/* One window for the whole story, as one person's session: each test continues the last. */
static struct
{
  RdApplication *app;
  RdWindow      *window;
  char          *reference;
} session;

static gboolean
window_ready (gpointer data)
{
  return rd_window_get_ready (session.window);
}

static gboolean
list_settled (gpointer data)
{
  RdCasesPage *page = RD_CASES_PAGE (rd_window_get_cases_page (session.window));

  return !rd_cases_page_get_busy (page) && rd_cases_page_get_model (page) != NULL;
}

static guint
list_n_items (void)
{
  RdCasesPage *page = RD_CASES_PAGE (rd_window_get_cases_page (session.window));

  return g_list_model_get_n_items (G_LIST_MODEL (rd_cases_page_get_model (page)));
}

/* The texts of the list's cells, labels and inscriptions alike. */
static void
collect_cells (GtkWidget *root,
               GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (root) && gtk_inscription_get_text (GTK_INSCRIPTION (root)) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (root)));
  else if (GTK_IS_LABEL (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_cells (c, texts);
}

static gboolean
is_jurisdiction_filter (GtkWidget *widget)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

  return GTK_IS_STRING_LIST (model) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0),
                    "All jurisdictions") == 0;
}

/* The demo: a throwaway database, filled off the main thread, then the list shows it. */
static void
test_demo (void)
{
  RdCasesPage *page;

  session.window = rd_window_new (ADW_APPLICATION (session.app));
  gtk_window_set_default_size (GTK_WINDOW (session.window), 1180, 760);
  gtk_window_present (GTK_WINDOW (session.window));

  rd_window_open_demo (session.window, 300);
  g_assert_true (ui_wait_until (window_ready, NULL, 60000));
  page = RD_CASES_PAGE (rd_window_get_cases_page (session.window));

  /* Packages, case files and ID scans saved or opened here stay out of the desktop's recent
   * files, where their names (a case, a requester) would be listed to anyone. */
  {
    gboolean recent = TRUE;

    g_object_get (gtk_settings_get_default (), "gtk-recent-files-enabled", &recent, NULL);
    g_assert_false (recent);
  }
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));

  /* By default the list shows the open cases, and all of them: as many as the store counts
   * with an open status. */
  {
    RdStore *store = rd_window_get_store (session.window);
    RdCaseQuery query;
    guint n_open;

    rd_case_query_init (&query);
    for (guint i = 0; i < RD_N_STATUSES; i++)
      if (rd_case_status_is_open (i))
        query.statuses |= 1u << i;
    n_open = rd_store_count_cases (store, &query, NULL);
    g_assert_cmpuint (n_open, >, 0);
    g_assert_cmpuint (n_open, <, 300);
    g_assert_cmpuint (list_n_items (), ==, n_open);
    for (guint i = 0; i < n_open; i++)
      {
        g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (rd_cases_page_get_model (page)), i);
        g_assert_true (rd_case_is_open (item));
      }
  }
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "cases");
  ui_screenshot (GTK_WIDGET (session.window), "ui-cases");

  /* The laws read as names, never as their ids; the filter names them in full and still
   * filters by id. */
  {
    g_autoptr (GPtrArray) cells = g_ptr_array_new ();
    g_autoptr (GPtrArray) ids = rd_gui_list_jurisdictions ();
    GtkWidget *laws = ui_find (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, is_jurisdiction_filter);
    RdCaseFilter one_law = { 0 };
    RdCaseFilter open = { 0 };
    GtkStringObject *shown;
    gboolean named = FALSE;

    collect_cells (GTK_WIDGET (page), cells);
    for (guint i = 0; i < cells->len; i++)
      {
        named = named || g_str_equal (cells->pdata[i], "GDPR (EU)");
        for (guint j = 0; j < ids->len; j++)
          g_assert_cmpstr (cells->pdata[i], !=, ids->pdata[j]);
      }
    g_assert_true (named);

    g_assert_nonnull (laws);
    rd_case_filter_copy (&open, rd_cases_page_get_filter (page));
    rd_case_filter_copy (&one_law, &open);
    /* The law of the last case listed (the demo's laws vary with the seed). */
    {
      g_autoptr (RdCase) last = g_list_model_get_item (G_LIST_MODEL (rd_cases_page_get_model (page)),
                                                       list_n_items () - 1);
      g_autoptr (RdJurisdiction) law = rd_jurisdiction_lookup (rd_case_get_jurisdiction (last),
                                                               NULL);

      g_assert_nonnull (law);
      one_law.jurisdiction = g_strdup (rd_case_get_jurisdiction (last));
      rd_cases_page_set_filter (page, &one_law);
      g_assert_true (ui_wait_until (list_settled, NULL, 10000));
      shown = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (laws));
      g_assert_cmpstr (gtk_string_object_get_string (shown), ==, rd_jurisdiction_get_name (law));
    }
    g_assert_cmpuint (list_n_items (), >, 0);
    for (guint i = 0; i < list_n_items (); i++)
      {
        g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (rd_cases_page_get_model (page)), i);
        g_assert_cmpstr (rd_case_get_jurisdiction (item), ==, one_law.jurisdiction);
      }
    /* Chosen in the drop-down: the filter holds the id. */
    gtk_drop_down_set_selected (GTK_DROP_DOWN (laws), 0);
    g_assert_null (rd_cases_page_get_filter (page)->jurisdiction);
    for (guint i = 1; i < g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (laws))); i++)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (laws), i);
        if (g_strcmp0 (rd_cases_page_get_filter (page)->jurisdiction, "eu-gdpr") == 0)
          break;
      }
    g_assert_cmpstr (rd_cases_page_get_filter (page)->jurisdiction, ==, "eu-gdpr");
    rd_cases_page_set_filter (page, &open);
    g_assert_true (ui_wait_until (list_settled, NULL, 10000));
    rd_case_filter_clear (&one_law);
    rd_case_filter_clear (&open);
  }

  /* Without filters every case of the demo is there. */
  {
    RdCaseFilter none = { 0 };
    RdCaseFilter open = { 0 };

    rd_case_filter_copy (&open, rd_cases_page_get_filter (page));
    rd_cases_page_set_filter (page, &none);
    g_assert_true (ui_wait_until (list_settled, NULL, 10000));
    g_assert_cmpuint (list_n_items (), ==, 300);
    rd_cases_page_set_filter (page, &open);
    g_assert_true (ui_wait_until (list_settled, NULL, 10000));
    rd_case_filter_clear (&open);
  }
}

static gboolean
is_jurisdiction_row (GtkWidget *widget)
{
  return ADW_IS_COMBO_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                       "_Jurisdiction") == 0;
}

/* Counts the labels under @widget that show @text, and fails if one of them is cut short. */
static guint
count_full_labels (GtkWidget  *widget,
                   const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    {
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))));
      n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_full_labels (c, text);
  return n;
}

/* The form starts from the client's usual law and calendar, else from the preferences; the
 * laws are listed by name, and the one chosen reads in full. */
static void
test_new_case_defaults (void)
{
  GtkWindow *form = rd_window_new_case (session.window);
  RdNewCaseWindow *self = RD_NEW_CASE_WINDOW (form);
  GtkWidget *row = ui_find (GTK_WIDGET (form), ADW_TYPE_COMBO_ROW, is_jurisdiction_row);
  GListModel *names;

  g_assert_nonnull (row);
  ui_settle (200);

  /* No client yet: the preferences' law (eu-gdpr by default) and its own calendar. */
  g_assert_cmpstr (rd_new_case_window_get_jurisdiction (self), ==, "eu-gdpr");
  g_assert_null (rd_new_case_window_get_calendar (self));

  /* The demo's Californian retailer: its cases are under the CCPA, on California's calendar. */
  rd_new_case_window_fill (self, "Acme Retail", RD_REQUEST_ACCESS, NULL, "2026-11-02",
                           "Ingrid Halvorsen", NULL);
  g_assert_cmpstr (rd_new_case_window_get_jurisdiction (self), ==, "us-ca-ccpa");
  g_assert_null (rd_new_case_window_get_calendar (self));
  /* The German insurer: the GDPR, counted on German holidays rather than the Irish default. */
  rd_new_case_window_fill (self, "Nordlicht Versicherung AG", RD_REQUEST_ACCESS, NULL,
                           "2026-11-02", "Ingrid Halvorsen", NULL);
  g_assert_cmpstr (rd_new_case_window_get_jurisdiction (self), ==, "eu-gdpr");
  g_assert_cmpstr (rd_new_case_window_get_calendar (self), ==, "de");
  ui_screenshot (GTK_WIDGET (form), "ui-new-case-usual");
  /* A client without cases gets the preferences' choice again. */
  rd_new_case_window_fill (self, "Kookaburra", RD_REQUEST_ACCESS, NULL, "2026-11-02",
                           "Ingrid Halvorsen", NULL);
  g_assert_cmpstr (rd_new_case_window_get_jurisdiction (self), ==, "eu-gdpr");
  g_assert_null (rd_new_case_window_get_calendar (self));

  /* Sorted by the names shown, as people read them. */
  names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 1; i < g_list_model_get_n_items (names); i++)
    {
      const char *a = gtk_string_list_get_string (GTK_STRING_LIST (names), i - 1);
      const char *b = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      g_assert_cmpint (g_utf8_collate (a, b), <, 0);
    }

  /* The longest name, chosen, is not cut short at the form's own size. */
  {
    guint longest = 0;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_utf8_strlen (gtk_string_list_get_string (GTK_STRING_LIST (names), i), -1)
          > g_utf8_strlen (gtk_string_list_get_string (GTK_STRING_LIST (names), longest), -1))
        longest = i;
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), longest);
    ui_settle (200);
    g_assert_cmpuint (count_full_labels (row, gtk_string_list_get_string (GTK_STRING_LIST (names),
                                                                          longest)), >=, 1);
    g_assert_cmpuint (count_full_labels (row, "EU General Data Protection Regulation"), ==, 0);
    ui_screenshot (GTK_WIDGET (form), "ui-new-case-long-law");

    /* Nor in the list that drops down. */
    {
      GtkWidget *popover;

      g_assert_true (gtk_widget_activate (row));
      ui_settle (300);
      popover = ui_find (row, GTK_TYPE_POPOVER, gtk_widget_get_mapped);
      g_assert_nonnull (popover);
      for (guint i = 0; i < g_list_model_get_n_items (names); i++)
        g_assert_cmpuint (count_full_labels (popover,
                                             gtk_string_list_get_string (GTK_STRING_LIST (names),
                                                                         i)), ==, 1);
      ui_screenshot (popover, "ui-new-case-laws");
      gtk_popover_popdown (GTK_POPOVER (popover));
      ui_settle (100);
    }
  }

  /* Chosen by hand, the law stays whatever client is typed next. */
  rd_new_case_window_fill (self, "Acme Retail", RD_REQUEST_ACCESS, "uk-gdpr", "2026-11-02",
                           "Ingrid Halvorsen", NULL);
  rd_new_case_window_fill (self, "Nordlicht Versicherung AG", RD_REQUEST_ACCESS, NULL,
                           "2026-11-02", "Ingrid Halvorsen", NULL);
  g_assert_cmpstr (rd_new_case_window_get_jurisdiction (self), ==, "uk-gdpr");

  gtk_window_destroy (form);
  ui_settle (100);
}

static gboolean
is_received_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    "_Received") == 0;
}

static gboolean
is_client_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "C_lient") == 0;
}

/* The clients the database knows are offered by name: the one picked fills the form as typed. */
static void
test_new_case_clients (void)
{
  GtkWindow *form = rd_window_new_case (session.window);
  RdNewCaseWindow *self = RD_NEW_CASE_WINDOW (form);
  GtkWidget *row = ui_find (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, is_client_row);
  GtkWidget *button;
  GMenuModel *menu;
  g_autoptr (GPtrArray) clients = rd_store_list_clients (rd_window_get_store (session.window),
                                                         NULL);
  gboolean nordlicht = FALSE;

  g_assert_nonnull (row);
  g_assert_nonnull (clients);
  g_assert_cmpuint (clients->len, >=, 2);
  button = ui_find (row, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, clients->len);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      nordlicht = nordlicht || g_str_equal (label, "Nordlicht Versicherung AG");
    }
  g_assert_true (nordlicht);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ui_settle (300);
  ui_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                 "ui-new-case-clients");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* Picked: the name is in the form and the client's usual law and calendar with it. */
  g_assert_true (gtk_widget_activate_action (button, "clients.pick", "s",
                                             "Nordlicht Versicherung AG"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Nordlicht Versicherung AG");
  g_assert_cmpstr (rd_new_case_window_get_jurisdiction (self), ==, "eu-gdpr");
  g_assert_cmpstr (rd_new_case_window_get_calendar (self), ==, "de");

  gtk_window_destroy (form);
  ui_settle (100);
}

static gboolean
is_default_law_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    "Default jurisdiction") == 0;
}

static gboolean
is_default_client_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    "Default client") == 0;
}

/* The preferences name the laws as people read them, and keep the id in the settings; the
 * default client is picked from the clients the database knows. */
static void
test_preferences (void)
{
  g_autoptr (GSettings) settings = rd_gui_settings_new ();
  g_autofree char *before = NULL;
  GtkWindow *preferences;
  GtkWidget *row;
  GListModel *names;
  guint gdpr = 0;

  g_assert_nonnull (settings);
  before = g_settings_get_string (settings, "default-jurisdiction");
  g_action_group_activate_action (G_ACTION_GROUP (session.app), "preferences", NULL);
  ui_settle (200);
  preferences = ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  row = ui_find (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, is_default_law_row);
  g_assert_nonnull (row);
  names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 1; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      g_assert_null (strchr (name, '-'));  /* no id such as eu-gdpr */
      if (g_str_equal (name, "EU General Data Protection Regulation"))
        gdpr = i;
      if (i > 1)
        g_assert_cmpint (g_utf8_collate (gtk_string_list_get_string (GTK_STRING_LIST (names), i - 1),
                                         name), <, 0);
    }
  g_assert_cmpuint (gdpr, >, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  {
    g_autofree char *none = g_settings_get_string (settings, "default-jurisdiction");

    g_assert_cmpstr (none, ==, "");
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), gdpr);
  {
    g_autofree char *chosen = g_settings_get_string (settings, "default-jurisdiction");

    g_assert_cmpstr (chosen, ==, "eu-gdpr");
  }
  /* The law chosen reads in full. */
  ui_settle (100);
  g_assert_cmpuint (count_full_labels (row, "EU General Data Protection Regulation"), >=, 1);
  ui_screenshot (GTK_WIDGET (preferences), "ui-preferences");
  g_settings_set_string (settings, "default-jurisdiction", before);

  row = ui_find (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, is_default_client_row);
  g_assert_nonnull (row);
  {
    GtkWidget *button = ui_find (row, GTK_TYPE_MENU_BUTTON, NULL);
    g_autofree char *client_before = g_settings_get_string (settings, "default-client");
    g_autofree char *chosen = NULL;

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_visible (button));
    g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button))),
                     >=, 2);
    g_assert_true (gtk_widget_activate_action (button, "clients.pick", "s",
                                               "Nordlicht Versicherung AG"));
    chosen = g_settings_get_string (settings, "default-client");
    g_assert_cmpstr (chosen, ==, "Nordlicht Versicherung AG");
    g_settings_set_string (settings, "default-client", client_before);
  }
  gtk_window_destroy (preferences);
  ui_settle (100);
}

/* Date fields take dates as people write them, start from a date written so, and have a
 * calendar to pick one from. */
static void
test_date_fields (void)
{
  GtkWindow *form = rd_window_new_case (session.window);
  RdNewCaseWindow *self = RD_NEW_CASE_WINDOW (form);
  GtkWidget *row = ui_find (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, is_received_row);
  GtkWidget *button, *popover, *calendar;
  g_autoptr (GDateTime) picked = g_date_time_new_local (2026, 11, 3, 12, 0, 0);
  GDate today, shown;

  g_assert_nonnull (row);
  ui_settle (200);

  /* It starts from today, in words that read back as today. */
  rd_date_today (&today);
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (row)), "-"));
  g_assert_true (rd_gui_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)), &shown));
  g_assert_cmpint (g_date_compare (&shown, &today), ==, 0);

  /* Typed in words or as the US writes it: GDPR Art. 12(3), 2 Nov + 1 month = Wed 2 Dec. */
  rd_new_case_window_fill (self, "Acme Retail", RD_REQUEST_ACCESS, "eu-gdpr", "2 Nov 2026",
                           "Ingrid Halvorsen", NULL);
  g_assert_cmpstr (rd_new_case_window_get_problem (self), ==, "");
  g_assert_true (g_str_has_prefix (rd_new_case_window_get_due_preview (self), "Wed 2 Dec 2026"));
  gtk_editable_set_text (GTK_EDITABLE (row), "November 2, 2026");
  g_assert_true (g_str_has_prefix (rd_new_case_window_get_due_preview (self), "Wed 2 Dec 2026"));

  /* Not a date: the row says so, and no deadline is shown. Nor is a month without its day:
   * the day is not guessed. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2 Nvember");
  g_assert_false (rd_new_case_window_get_valid (self));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (rd_new_case_window_get_due_preview (self), ==, "—");
  gtk_editable_set_text (GTK_EDITABLE (row), "Nov 2026");
  g_assert_false (rd_new_case_window_get_valid (self));
  g_assert_cmpstr (rd_new_case_window_get_due_preview (self), ==, "—");

  /* Picked from the calendar: 3 Nov, due Thu 3 Dec. */
  button = ui_find (row, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ui_settle (200);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_mapped (popover));
  calendar = ui_find (popover, GTK_TYPE_CALENDAR, NULL);
  g_assert_nonnull (calendar);
  ui_screenshot (popover, "ui-date-picker");
  gtk_calendar_select_day (GTK_CALENDAR (calendar), picked);
  ui_settle (200);
  g_assert_false (gtk_widget_get_mapped (popover));
  g_assert_true (rd_gui_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)), &shown));
  g_assert_cmpuint (g_date_get_day (&shown), ==, 3);
  g_assert_cmpuint (g_date_get_month (&shown), ==, 11);
  g_assert_true (rd_new_case_window_get_valid (self));
  g_assert_true (g_str_has_prefix (rd_new_case_window_get_due_preview (self), "Thu 3 Dec 2026"));

  gtk_window_destroy (form);
  ui_settle (100);
}

/* A case typed into the form: the deadline appears before it exists, then it is stored. */
static void
test_new_case (void)
{
  g_autoptr (RdNewCaseWindow) form = NULL;
  const char *reference;
  guint before = list_n_items ();

  form = g_object_ref (RD_NEW_CASE_WINDOW (rd_window_new_case (session.window)));
  g_assert_nonnull (form);

  /* An impossible date is refused in place. */
  rd_new_case_window_fill (form, "Acme Retail", RD_REQUEST_ACCESS, "eu-gdpr", "2026-02-30",
                           "Ingrid Halvorsen", "ingrid@example.org");
  g_assert_false (rd_new_case_window_get_valid (form));
  g_assert_cmpstr (rd_new_case_window_get_problem (form), !=, "");
  g_assert_cmpstr (rd_new_case_window_get_due_preview (form), ==, "—");

  /* GDPR Art. 12(3): one month from receipt; 2 Nov 2026 + 1 month = 2 Dec 2026 (a Wednesday). */
  rd_new_case_window_fill (form, "Acme Retail", RD_REQUEST_ACCESS, "eu-gdpr", "2026-11-02",
                           "Ingrid Halvorsen", "ingrid@example.org");
  g_assert_cmpstr (rd_new_case_window_get_problem (form), ==, "");
  g_assert_true (rd_new_case_window_get_valid (form));
  g_assert_true (g_str_has_prefix (rd_new_case_window_get_due_preview (form), "Wed 2 Dec 2026"));

  /* A mistyped address is named, and the dates stay: they do not depend on it. */
  rd_new_case_window_fill (form, "Acme Retail", RD_REQUEST_ACCESS, "eu-gdpr", "2026-11-02",
                           "Ingrid Halvorsen", "not-an-address");
  g_assert_false (rd_new_case_window_get_valid (form));
  g_assert_nonnull (strstr (rd_new_case_window_get_problem (form), "e-mail"));
  g_assert_true (g_str_has_prefix (rd_new_case_window_get_due_preview (form), "Wed 2 Dec 2026"));

  rd_new_case_window_fill (form, "Acme Retail", RD_REQUEST_ACCESS, "eu-gdpr", "2026-11-02",
                           "Ingrid Halvorsen", "ingrid@example.org");
  ui_screenshot (GTK_WIDGET (form), "ui-new-case");

  /* Esc by mistake: the form asks before it drops what was typed, and stays on "Keep
   * Editing". */
  gtk_window_close (GTK_WINDOW (form));
  ui_settle (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  {
    AdwMessageDialog *ask = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (ask);
    ui_screenshot (GTK_WIDGET (ask), "ui-new-case-discard");
    adw_message_dialog_response (ask, "cancel");
    gtk_window_destroy (GTK_WINDOW (ask));
  }
  ui_settle (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_true (rd_new_case_window_get_valid (form));

  reference = rd_new_case_window_create (form);
  g_assert_cmpstr (rd_new_case_window_get_problem (form), ==, "");
  g_assert_nonnull (reference);
  session.reference = g_strdup (reference);

  /* The window shows the new case, and the list grew by one. */
  ui_settle (200);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "case");
  g_assert_cmpstr (rd_case_page_get_reference (RD_CASE_PAGE (rd_window_get_case_page (session.window))),
                   ==, session.reference);
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
  g_assert_cmpuint (list_n_items (), ==, before + 1);
}

static void
answer_dialog (RdCasePage *page,
               const char *reason)
{
  AdwMessageDialog *dialog = rd_case_page_get_dialog (page);
  GtkWidget *extra;
  GtkWidget *entry;

  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  /* The first entry of the dialog is the reason. */
  for (entry = gtk_widget_get_first_child (extra); entry != NULL;
       entry = gtk_widget_get_next_sibling (entry))
    if (GTK_IS_ENTRY (entry))
      break;
  g_assert_nonnull (entry);

  /* Without a reason the step cannot be taken. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_settle (100);
}

/* Pause, resume and extend from the case page, each with its reason. */
static void
test_pause_extend (void)
{
  RdCasePage *page = RD_CASE_PAGE (rd_window_get_case_page (session.window));
  RdCase *item;
  g_autofree char *extended = NULL;

  g_assert_nonnull (session.reference);
  rd_window_show_case (session.window, session.reference);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.pause", NULL));
  answer_dialog (page, "Asked for proof of identity");
  item = rd_case_page_get_case (page);
  g_assert_nonnull (rd_case_get_paused_since (item));
  /* Paused: pausing again is not offered, resuming is. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "case.pause", NULL)
                  && rd_case_page_get_dialog (page) != NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.resume", NULL));
  g_assert_nonnull (rd_case_page_get_dialog (page));
  adw_message_dialog_response (rd_case_page_get_dialog (page), "apply");
  ui_settle (100);
  item = rd_case_page_get_case (page);
  g_assert_null (rd_case_get_paused_since (item));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.extend", NULL));
  answer_dialog (page, "Complex request: records in many systems");
  item = rd_case_page_get_case (page);
  g_assert_true (rd_case_get_extended (item));
  /* GDPR Art. 12(3): two further months, from 2 Dec 2026 to 2 Feb 2027 at the latest. */
  extended = rd_date_format (rd_case_get_effective_due (item));
  g_assert_cmpstr (extended, >=, "2027-02-02");
  g_assert_cmpstr (extended, <=, "2027-02-05");

  ui_screenshot (GTK_WIDGET (session.window), "ui-case-page");
}

static char *
store_case (const char    *jurisdiction,
            const char    *received,
            const char    *name)
{
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  GDate date;

  g_assert_true (rd_date_parse (received, &date, NULL));
  rd_case_set_client (item, "Acme Retail");
  rd_case_set_jurisdiction (item, jurisdiction);
  rd_case_set_request_type (item, RD_REQUEST_ACCESS);
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, name);
  g_assert_true (rd_store_add_case (rd_window_get_store (session.window), item, &error));
  g_assert_no_error (error);
  return g_strdup (rd_case_get_reference (item));
}

static gboolean
is_step_hint (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "step-hint");
}

/* The entries under @root in the order they are shown. */
static void
collect_entries (GtkWidget *root,
                 GPtrArray *entries)
{
  if (GTK_IS_ENTRY (root))
    g_ptr_array_add (entries, root);
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    collect_entries (w, entries);
}

static GtkWidget *
dialog_entry_at (AdwMessageDialog *dialog,
                 guint             index)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();

  collect_entries (adw_message_dialog_get_extra_child (dialog), entries);
  g_assert_cmpuint (index, <, entries->len);
  return g_ptr_array_index (entries, index);
}

/* The hint a step dialog shows, or NULL when it shows none. */
static const char *
dialog_hint (AdwMessageDialog *dialog)
{
  GtkWidget *hint = ui_find (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL,
                             is_step_hint);

  g_assert_nonnull (hint);
  return gtk_widget_get_visible (hint) ? gtk_label_get_text (GTK_LABEL (hint)) : NULL;
}

/* An overdue case (received 1 October, due early November, today 20 November): the clock can
 * no longer stop and the extension can no longer be taken, and the window says so in dates as
 * it writes them everywhere. */
static void
test_overdue (void)
{
  RdCasePage *page = RD_CASE_PAGE (rd_window_get_case_page (session.window));
  g_autofree char *reference = store_case ("eu-gdpr", "2026-10-01", "Olaf Overdue");
  g_autofree char *due = NULL;
  g_autofree char *notice_by = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *extend;
  RdCase *item;

  rd_window_show_case (session.window, reference);
  ui_settle (100);
  item = rd_case_page_get_case (page);
  {
    GDate today;

    rd_date_today (&today);
    g_assert_true (rd_case_is_overdue (item, &today));
  }
  due = rd_gui_format_date (rd_case_get_effective_due (item));
  notice_by = rd_gui_format_date (rd_case_get_extension_notice_by (item));

  /* Pause: today is refused with the reason, a day before the deadline is not. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.pause", NULL));
  dialog = rd_case_page_get_dialog (page);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry_at (dialog, 0)), "Asked for proof of identity");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_nonnull (dialog_hint (dialog));
  g_assert_nonnull (strstr (dialog_hint (dialog), due));
  g_assert_nonnull (strstr (dialog_hint (dialog), "can only stop before"));
  g_assert_null (strstr (dialog_hint (dialog), "2026-"));
  ui_screenshot (GTK_WIDGET (dialog), "ui-pause-overdue");
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry_at (dialog, 1)), "5 Oct 2026");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_null (dialog_hint (dialog));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_settle (100);
  g_assert_null (rd_case_get_paused_since (rd_case_page_get_case (page)));

  /* Extend: not offered after its notice date, and the button says why. */
  extend = ui_find_action_button (GTK_WIDGET (page), "case.extend");
  g_assert_nonnull (extend);
  g_assert_false (gtk_widget_is_sensitive (extend));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (extend), notice_by));
  gtk_widget_activate_action (GTK_WIDGET (page), "case.extend", NULL);
  g_assert_null (rd_case_page_get_dialog (page));
  ui_screenshot (GTK_WIDGET (session.window), "ui-case-overdue");

  /* Close as denied or partial: the requester must be told why, so a reason is needed;
   * complied and withdrawn stay optional. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.close", NULL));
  dialog = rd_case_page_get_dialog (page);
  {
    GtkWidget *outcome = ui_find (adw_message_dialog_get_extra_child (dialog),
                                  GTK_TYPE_DROP_DOWN, NULL);
    RdOutcome outcomes[] = { RD_OUTCOME_COMPLIED, RD_OUTCOME_PARTIAL, RD_OUTCOME_DENIED,
                             RD_OUTCOME_WITHDRAWN };

    g_assert_nonnull (outcome);
    for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
      {
        gboolean refusal = outcomes[i] == RD_OUTCOME_PARTIAL || outcomes[i] == RD_OUTCOME_DENIED;

        gtk_drop_down_set_selected (GTK_DROP_DOWN (outcome), outcomes[i] - 1);
        g_assert_cmpint (adw_message_dialog_get_response_enabled (dialog, "apply"), ==, !refusal);
        if (refusal)
          g_assert_nonnull (strstr (dialog_hint (dialog), "Art. 12(4)"));
        else
          g_assert_null (dialog_hint (dialog));
      }
    gtk_drop_down_set_selected (GTK_DROP_DOWN (outcome), RD_OUTCOME_DENIED - 1);
    ui_screenshot (GTK_WIDGET (dialog), "ui-close-denied");
    gtk_editable_set_text (GTK_EDITABLE (dialog_entry_at (dialog, 0)), "  ");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    gtk_editable_set_text (GTK_EDITABLE (dialog_entry_at (dialog, 0)),
                           "Exempt: the records are subject to legal privilege");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_settle (100);

  /* Rejecting through the status menu owes a reason too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.set-status", "s",
                                             "rejected"));
  dialog = rd_case_page_get_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_nonnull (dialog_hint (dialog));
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry_at (dialog, 0)), "Manifestly unfounded");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_settle (100);
  g_assert_true (rd_case_is_open (rd_case_page_get_case (page)));
}

/* Walks @root for labels and row titles: calls @func on each text shown. */
static void
collect_texts (GtkWidget *root,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_texts (c, texts);
}

static gboolean
page_shows (GtkWidget  *page,
            const char *text)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();

  collect_texts (page, texts);
  for (guint i = 0; i < texts->len; i++)
    if (strstr (texts->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* The timeline says what happened in words: a status change from what to what, a close with
 * its outcome and reason, clock events with their day; never an internal name or a raw
 * timestamp. */
static void
test_timeline_words (void)
{
  RdCasePage *page = RD_CASE_PAGE (rd_window_get_case_page (session.window));
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  g_autoptr (GRegex) iso = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, NULL);
  const char *internal[] = { "case.status", "case.closed", "clock.paused", "clock.extended",
                             "pause", "resume", "extend", "eu-gdpr", "denied", "in-progress" };
  g_autofree char *reference = store_case ("eu-gdpr", "2026-11-09", "Tess Timeline");
  AdwMessageDialog *dialog;

  /* A transcript and the redacted copy the editor saves: their names stay out of the trail,
   * their kinds are told. */
  {
    RdStore *store = rd_window_get_store (session.window);
    g_autoptr (GBytes) chat = g_bytes_new_static ("Tess: hello\n", 12);
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (rd_store_add_document (store, reference, "transcript", "chat.txt",
                                            "text/plain", chat, "upload", &error), >, 0);
    g_assert_cmpint (rd_store_add_document (store, reference, "transcript", "chat-redacted.txt",
                                            "text/plain", chat, "redaction", &error), >, 0);
    g_assert_no_error (error);
  }
  rd_window_show_case (session.window, reference);
  ui_settle (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.pause", NULL));
  answer_dialog (page, "Asked for proof of identity");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.resume", NULL));
  adw_message_dialog_response (rd_case_page_get_dialog (page), "apply");
  ui_settle (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.set-status", "s",
                                             "in-progress"));
  adw_message_dialog_response (rd_case_page_get_dialog (page), "apply");
  ui_settle (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.close", NULL));
  dialog = rd_case_page_get_dialog (page);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_find (adw_message_dialog_get_extra_child (dialog),
                                                      GTK_TYPE_DROP_DOWN, NULL)),
                              RD_OUTCOME_DENIED - 1);
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry_at (dialog, 0)), "Manifestly excessive");
  adw_message_dialog_response (dialog, "apply");
  ui_settle (200);
  g_assert_false (rd_case_is_open (rd_case_page_get_case (page)));

  g_assert_true (page_shows (GTK_WIDGET (page), "Status changed from “New” to “In progress”"));
  g_assert_true (page_shows (GTK_WIDGET (page), "Case closed: Denied"));
  g_assert_true (page_shows (GTK_WIDGET (page), "Manifestly excessive"));
  g_assert_true (page_shows (GTK_WIDGET (page), "Clock paused on Fri 20 Nov 2026"));
  g_assert_true (page_shows (GTK_WIDGET (page), "EU General Data Protection Regulation"));
  g_assert_true (page_shows (GTK_WIDGET (page), "Transcript attached"));
  g_assert_true (page_shows (GTK_WIDGET (page), "Redacted copy saved"));

  collect_texts (GTK_WIDGET (page), texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];

      /* No ISO date or timestamp, no internal name. */
      g_assert_false (g_regex_match (iso, text, 0, NULL));
      for (guint j = 0; j < G_N_ELEMENTS (internal); j++)
        g_assert_cmpstr (text, !=, internal[j]);
      g_assert_null (strstr (text, "eu-gdpr"));
    }

  {
    /* Scroll to the end so the screenshot shows the timeline. */
    GtkWidget *scroller = ui_find (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, NULL);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    ui_settle (100);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  }
  ui_screenshot (GTK_WIDGET (session.window), "ui-timeline-words");
}

/* The page's first focus lands on a control that does something, never on an insensitive
 * button or its cell (a CCPA case: its clock can neither stop nor restart). */
static void
test_first_focus (void)
{
  g_autofree char *reference = store_case ("us-ca-ccpa", "2026-11-16", "Carla Focus");
  RdCasePage *page = RD_CASE_PAGE (rd_window_get_case_page (session.window));
  GtkWidget *focus;

  rd_window_show_place (session.window, "cases");
  ui_settle (50);
  rd_window_show_case (session.window, reference);
  ui_settle (100);
  g_assert_false (gtk_widget_is_sensitive (ui_find_action_button (GTK_WIDGET (page),
                                                               "case.pause")));
  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_true (gtk_widget_is_sensitive (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "case.extend");
  ui_screenshot (GTK_WIDGET (session.window), "ui-case-first-focus");
}

/* The events are in the timeline, oldest first, with their reasons. */
static void
test_timeline (void)
{
  RdStore *store = rd_window_get_store (session.window);
  g_autoptr (GPtrArray) timeline = NULL;
  g_autoptr (GError) error = NULL;
  const char *expected[] = { "case.created", "clock.paused", "clock.resumed", "clock.extended" };

  timeline = rd_store_list_timeline (store, session.reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < timeline->len; i++)
    g_assert_cmpstr (((RdAuditEvent *) g_ptr_array_index (timeline, i))->action, ==, expected[i]);

  /* And the page draws one timeline row per event. */
  {
    GtkWidget *page = rd_window_get_case_page (session.window);
    guint rows = 0;
    GtkWidget *w = page;

    /* Walk the widget tree for the rows marked as timeline rows. */
    GQueue queue = G_QUEUE_INIT;
    g_queue_push_tail (&queue, w);
    while ((w = g_queue_pop_head (&queue)) != NULL)
      {
        if (gtk_widget_has_css_class (w, "timeline-row"))
          rows++;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_queue_push_tail (&queue, c);
      }
    g_assert_cmpuint (rows, ==, G_N_ELEMENTS (expected));
  }

  {
    /* Scroll to the end so the screenshot shows the timeline. */
    GtkWidget *page = rd_window_get_case_page (session.window);
    GtkWidget *w = page;
    GQueue queue = G_QUEUE_INIT;

    g_queue_push_tail (&queue, w);
    while ((w = g_queue_pop_head (&queue)) != NULL)
      {
        if (GTK_IS_SCROLLED_WINDOW (w))
          {
            GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w));
            ui_settle (100);
            gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
            g_queue_clear (&queue);
            break;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_queue_push_tail (&queue, c);
      }
  }
  ui_screenshot (GTK_WIDGET (session.window), "ui-timeline");
}

/* Search as you type finds the case by its subject's name. */
static void
test_search (void)
{
  RdCasesPage *page = RD_CASES_PAGE (rd_window_get_cases_page (session.window));
  g_autoptr (RdCase) found = NULL;

  rd_window_show_place (session.window, "cases");
  rd_cases_page_set_search (page, "Halvorsen");
  ui_settle (50);
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
  g_assert_cmpuint (list_n_items (), ==, 1);
  found = g_list_model_get_item (G_LIST_MODEL (rd_cases_page_get_model (page)), 0);
  g_assert_cmpstr (rd_case_get_reference (found), ==, session.reference);

  ui_screenshot (GTK_WIDGET (session.window), "ui-search");

  rd_cases_page_set_search (page, "zzzz-nobody");
  ui_settle (50);
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
  g_assert_cmpuint (list_n_items (), ==, 0);
  ui_screenshot (GTK_WIDGET (session.window), "ui-search-empty");
  rd_cases_page_set_search (page, "");
  ui_settle (50);
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
}

static gboolean
calendar_loaded (gpointer data)
{
  return !rd_calendar_view_get_loading (data);
}

/* The calendar draws the case on its (extended) due date. */
static void
test_calendar (void)
{
  RdCalendarView *view = RD_CALENDAR_VIEW (rd_window_get_calendar_view (session.window));
  g_autoptr (RdCase) item = rd_store_get_case (rd_window_get_store (session.window),
                                               session.reference, NULL);
  const GDate *due = rd_case_get_effective_due (item);
  GDate today;

  rd_window_show_place (session.window, "calendar");
  rd_calendar_view_select_date (view, due);
  g_assert_true (ui_wait_until (calendar_loaded, view, 10000));
  g_assert_true (rd_calendar_view_shows_case (view, due, session.reference));

  /* Page Down and Page Up come back to the same month and day. */
  rd_calendar_view_move_months (view, 1);
  rd_calendar_view_move_months (view, -1);
  g_assert_true (ui_wait_until (calendar_loaded, view, 10000));
  g_assert_cmpint (g_date_compare (rd_calendar_view_get_selected (view), due), ==, 0);
  g_assert_true (rd_calendar_view_shows_case (view, due, session.reference));
  ui_screenshot (GTK_WIDGET (session.window), "ui-calendar-due");

  rd_date_today (&today);
  rd_calendar_view_select_date (view, &today);
  g_assert_true (ui_wait_until (calendar_loaded, view, 10000));
  ui_screenshot (GTK_WIDGET (session.window), "ui-calendar");

  /* This week's agenda counts the overdue cases the list's filters let through, those of
   * earlier months too; other weeks' do not. */
  {
    RdCaseQuery query;
    guint overdue;
    g_autofree char *count = NULL;

    rd_case_query_init (&query);
    rd_case_filter_apply (rd_cases_page_get_filter (RD_CASES_PAGE (rd_window_get_cases_page (
                            session.window))), &query);
    query.overdue = TRUE;
    overdue = rd_store_count_cases (rd_window_get_store (session.window), &query, NULL);
    g_assert_cmpuint (overdue, >, 0);
    count = g_strdup_printf ("%u open case", overdue);
    g_assert_nonnull (rd_calendar_view_get_overdue_note (view));
    g_assert_true (g_str_has_prefix (rd_calendar_view_get_overdue_note (view), count));

    rd_calendar_view_move_months (view, 2);
    g_assert_true (ui_wait_until (calendar_loaded, view, 10000));
    g_assert_null (rd_calendar_view_get_overdue_note (view));
    rd_calendar_view_select_date (view, &today);
    g_assert_true (ui_wait_until (calendar_loaded, view, 10000));
  }
}

static gboolean
is_shown_chip (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "case-chip") && gtk_widget_get_visible (widget);
}

static void
check_chips (GtkWidget *widget,
             guint     *n)
{
  if (is_shown_chip (widget))
    {
      GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget)));
      const char *reference = g_object_get_data (G_OBJECT (widget), "rd-reference");
      const char *tooltip = g_object_get_data (G_OBJECT (widget), "rd-tooltip");

      /* Readable in the day, in full in the tooltip, and no focus stop of its own. */
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      g_assert_true (g_str_has_suffix (reference, gtk_label_get_text (label)));
      g_assert_true (g_str_has_prefix (tooltip, reference));
      g_assert_false (gtk_widget_get_focusable (widget));
      (*n)++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    check_chips (c, n);
}

/* Pixels of @widget drawn in the accent colour, as a focus ring is. */
static guint
count_accent_pixels (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = 0;

  ui_settle (100);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      /* Cairo's ARGB32 in memory: blue, green, red, alpha. Adwaita's @accent_color is
       * #1c71d8. */
      const guchar *p = pixels + i * 4;

      if (ABS (p[2] - 0x1c) < 12 && ABS (p[1] - 0x71) < 12 && ABS (p[0] - 0xd8) < 12)
        n++;
    }
  return n;
}

static gboolean
is_month_grid (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "month-grid");
}

/* At the size a first start opens the window with, each case due in a day can be read, and
 * the grid draws one focus ring, only while it has the keyboard focus. */
static void
test_calendar_chips (void)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GVariant) width = NULL, height = NULL;
  RdCalendarView *view = RD_CALENDAR_VIEW (rd_window_get_calendar_view (session.window));
  g_autoptr (RdCase) item = rd_store_get_case (rd_window_get_store (session.window),
                                               session.reference, NULL);
  GtkWidget *grid = ui_find (GTK_WIDGET (view), GTK_TYPE_GRID, is_month_grid);
  guint n = 0, ring;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  g_assert_nonnull (schema);
  width = g_settings_schema_key_get_default_value (g_settings_schema_get_key (schema,
                                                                              "window-width"));
  height = g_settings_schema_key_get_default_value (g_settings_schema_get_key (schema,
                                                                               "window-height"));
  gtk_window_set_default_size (GTK_WINDOW (session.window), g_variant_get_int32 (width),
                               g_variant_get_int32 (height));
  rd_window_show_place (session.window, "calendar");
  rd_calendar_view_select_date (view, rd_case_get_effective_due (item));
  g_assert_true (ui_wait_until (calendar_loaded, view, 10000));
  ui_settle (300);
  check_chips (GTK_WIDGET (view), &n);
  g_assert_cmpuint (n, >, 0);
  ui_screenshot (GTK_WIDGET (session.window), "ui-calendar-default-size");

  /* The focus elsewhere: the chosen day is tinted, with no ring. */
#ifdef HAVE_XTEST
  ui_focus_window (GTK_WIDGET (session.window));
#endif
  gtk_window_set_focus_visible (GTK_WINDOW (session.window), TRUE);
  g_assert_nonnull (grid);
  gtk_widget_grab_focus (ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, NULL));
  /* A ring round a day is at least twice a column wide; the day's number in the accent colour
   * is a few pixels. */
  ring = 2 * gtk_widget_get_width (grid) / 7;
  g_assert_cmpuint (count_accent_pixels (grid), <, ring / 4);
  /* The focus in the grid: one ring, on the chosen day; Tab leaves the grid. */
  gtk_widget_grab_focus (grid);
  g_assert_cmpuint (count_accent_pixels (grid), >=, ring);
  ui_screenshot (GTK_WIDGET (session.window), "ui-calendar-focus");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (session.window), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (session.window)), grid));

  gtk_window_set_default_size (GTK_WINDOW (session.window), 1180, 760);
  ui_settle (200);
}

/* The empty places and a narrow window. */
static void
test_places (void)
{
  rd_window_show_place (session.window, "review");
  ui_screenshot (GTK_WIDGET (session.window), "ui-review");
  rd_window_show_place (session.window, "cases");
  gtk_window_set_default_size (GTK_WINDOW (session.window), 360, 700);
  ui_settle (300);
  ui_screenshot (GTK_WIDGET (session.window), "ui-narrow");
  gtk_window_set_default_size (GTK_WINDOW (session.window), 1180, 760);
  ui_settle (200);
}

/* A window without a database offers to create one, open one or try the demo. */
static void
test_first_run (void)
{
  RdWindow *window = rd_window_new (ADW_APPLICATION (session.app));

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  rd_window_show_first_run (window);
  gtk_window_present (GTK_WINDOW (window));
  ui_settle (200);
  g_assert_false (rd_window_get_ready (window));
  ui_screenshot (GTK_WIDGET (window), "ui-first-run");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_no_cases_yet (GtkWidget *widget)
{
  return gtk_widget_is_drawable (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), "No Cases Yet") == 0;
}

static gboolean
store_replaced (gpointer data)
{
  return rd_window_get_ready (session.window) && rd_window_get_store (session.window) != data;
}

/* Another database opened while a case is shown: its page would show a case of the database
 * just closed, so the window goes back to the list. */
static void
test_switch_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rightsdesk-switch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  RdStore *before = rd_window_get_store (session.window);
  const char *names[] = { "other.db", "other.db-wal", "other.db-shm" };

  rd_window_show_case (session.window, session.reference);
  ui_settle (200);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "case");

  rd_window_open_database (session.window, path, 0);
  g_assert_true (ui_wait_until (store_replaced, before, 30000));
  ui_settle (200);
  g_assert_cmpstr (rd_window_get_place (session.window), !=, "case");
  /* An empty database is not a search that found nothing. */
  rd_window_show_place (session.window, "cases");
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
  ui_settle (100);
  g_assert_nonnull (ui_find (rd_window_get_cases_page (session.window), ADW_TYPE_STATUS_PAGE,
                             is_no_cases_yet));
  ui_screenshot (GTK_WIDGET (session.window), "ui-switched-database");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (dir, names[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("RIGHTSDESK_TODAY", "2026-11-20", TRUE);
  g_setenv ("LC_TIME", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  session.app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (session.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (session.app), NULL, NULL));

  g_test_add_func ("/ui/window/demo", test_demo);
  g_test_add_func ("/ui/window/new-case-defaults", test_new_case_defaults);
  g_test_add_func ("/ui/window/new-case", test_new_case);
  g_test_add_func ("/ui/window/date-fields", test_date_fields);
  g_test_add_func ("/ui/window/new-case-clients", test_new_case_clients);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/pause-extend", test_pause_extend);
  g_test_add_func ("/ui/window/timeline", test_timeline);
  g_test_add_func ("/ui/window/overdue", test_overdue);
  g_test_add_func ("/ui/window/first-focus", test_first_focus);
  g_test_add_func ("/ui/window/timeline-words", test_timeline_words);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/calendar", test_calendar);
  g_test_add_func ("/ui/window/calendar-chips", test_calendar_chips);
  g_test_add_func ("/ui/window/places", test_places);
  g_test_add_func ("/ui/window/first-run", test_first_run);
  g_test_add_func ("/ui/window/switch-database", test_switch_database);

  status = g_test_run ();

  if (session.window != NULL)
    gtk_window_destroy (GTK_WINDOW (session.window));
  ui_settle (100);
  g_free (session.reference);
  g_clear_object (&session.app);
  return status;
}
