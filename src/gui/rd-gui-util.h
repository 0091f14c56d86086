/* rd-gui-util.h: small helpers shared by the window's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_URGENCY_NONE,      /* closed, or no due date */
  RD_URGENCY_LATER,
  RD_URGENCY_WEEK,      /* due within 7 days */
  RD_URGENCY_SOON,      /* due within 3 days */
  RD_URGENCY_OVERDUE,
} RdUrgency;

/* The filters shared by the case list and the calendar (what GSettings remembers). */
typedef struct
{
  guint     statuses;
  guint     types;
  char     *client;
  char     *jurisdiction;
  gboolean  overdue;
  gboolean  due_this_week;
} RdCaseFilter;

char       *rd_gui_format_date       (const GDate  *date);
/* Date fields. A date as a person types it: 2026-03-05, or in the words and the order of
 * their language ("5 Mar 2026", "Thu 5 March 2026", "03/05/2026" in the US). */
gboolean    rd_gui_parse_date        (const char   *text,
                                      GDate        *date);
/* A date as the window writes it into a date field; it reads back with rd_gui_parse_date (). */
char       *rd_gui_format_field_date (const GDate  *date);
/* A button with a calendar that fills in @field; rd_gui_add_date_button () puts one at the
 * end of an entry row. */
GtkWidget  *rd_gui_date_button_new   (GtkEditable  *field);
void        rd_gui_add_date_button   (AdwEntryRow  *row);
/* A status page's description is markup: plain text from outside (a file or client name, an
 * error message: "Smith & Sons") is escaped first, or it would show nothing. */
void        rd_gui_status_page_set_text (AdwStatusPage *page,
                                         const char    *description);
/* A toast's title is markup too: a toast of plain @text. */
AdwToast   *rd_gui_toast_new            (const char    *text);
/* A menu of the clients @store knows at the end of an entry row, to pick one rather than type
 * it: a name typed slightly differently would start a client of its own. Hidden while there
 * are none. Returns the menu button. */
GtkWidget  *rd_gui_add_clients_menu  (AdwEntryRow  *row,
                                      RdStore      *store);
/* For a drop-down of long strings (a GtkStringList): the one shown on the button shrinks
 * with an ellipsis when the window is narrow, so the drop-down does not hold the window wide;
 * the list that drops down shows each in full, wrapped. */
void        rd_gui_drop_down_show_long_strings (GtkDropDown        *drop_down,
                                                PangoEllipsizeMode  mode);
/* A combo row of long names (laws, calendars): the one chosen reads in full under the title,
 * and the list that drops down shows each in full, the chosen one ticked. */
void        rd_gui_combo_row_show_long_names (AdwComboRow *row);
/* A UTC ISO 8601 timestamp in local time, as the window writes it ("20 Nov 2026, 14:05"). */
char       *rd_gui_format_timestamp  (const char   *iso);
char       *rd_gui_format_days_left  (int           days);
RdUrgency   rd_gui_urgency_for_days  (int           days);
const char *rd_gui_urgency_css_class (RdUrgency     urgency);
RdUrgency   rd_gui_case_urgency      (RdCase       *item,
                                      const GDate  *today);

void        rd_case_filter_clear     (RdCaseFilter *filter);
void        rd_case_filter_copy      (RdCaseFilter *dest,
                                      const RdCaseFilter *src);
/* Fills @query from @filter; strings stay owned by @filter. */
void        rd_case_filter_apply     (const RdCaseFilter *filter,
                                      RdCaseQuery  *query);
gboolean    rd_case_filter_is_empty  (const RdCaseFilter *filter);

/* The ids of the jurisdictions and holiday calendars the core knows, sorted. */
GPtrArray  *rd_gui_list_jurisdictions (void);
GPtrArray  *rd_gui_list_calendars     (void);
/* Puts the jurisdiction or calendar @ids in the order of their names as people read them,
 * and appends the names (newly allocated) to @names. */
void        rd_gui_sort_by_name       (GPtrArray    *ids,
                                       GPtrArray    *names,
                                       gboolean      calendars);
/* A law's name as people read it, in full or short enough for a column ("GDPR (EU)"); the id
 * itself for a law the core does not know. Interned: never freed. */
const char *rd_gui_jurisdiction_name  (const char   *id,
                                       gboolean      short_form);

/* The settings of the application, or NULL when its schema is not installed (then nothing is
 * remembered, but everything works). */
GSettings  *rd_gui_settings_new      (void);

/* gtk_widget_set_tooltip_text () for widgets refilled often (a month's chips, list rows):
 * the text goes to screen readers as the description at once and to the tooltip only when
 * one is about to show, without asking the display where the pointer is each time. */
void        rd_gui_set_tooltip       (GtkWidget    *widget,
                                      const char   *text);

/* Shows @error in the window's toast overlay in plain words. */
void        rd_gui_toast_error       (GtkWidget    *widget,
                                      const char   *what,
                                      const GError *error);
void        rd_gui_toast             (GtkWidget    *widget,
                                      const char   *text);

G_END_DECLS
