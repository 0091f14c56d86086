/* rd-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())

G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

RdWindow   *rd_window_new            (AdwApplication *application);
/* Opens (or creates) the database at @path off the main thread, showing progress; with
 * @demo_cases > 0 it is first filled with that many demonstration cases. */
void        rd_window_open_database  (RdWindow       *self,
                                      const char     *path,
                                      guint           demo_cases);
/* Opens a throwaway database of demonstration cases (removed when the window closes). */
void        rd_window_open_demo      (RdWindow       *self,
                                      guint           n_cases);
void        rd_window_show_first_run (RdWindow       *self);
RdStore    *rd_window_get_store      (RdWindow       *self);
/* "cases", "calendar", "review", "reports" or "case". */
void        rd_window_show_place     (RdWindow       *self,
                                      const char     *place);
const char *rd_window_get_place      (RdWindow       *self);
void        rd_window_show_case      (RdWindow       *self,
                                      const char     *reference);
/* TRUE once a database is open and shown. */
gboolean    rd_window_get_ready      (RdWindow       *self);

GtkWidget  *rd_window_get_cases_page    (RdWindow    *self);
GtkWidget  *rd_window_get_case_page     (RdWindow    *self);
GtkWidget  *rd_window_get_calendar_view (RdWindow    *self);
/* Opens the new-case form and returns it. */
GtkWindow  *rd_window_new_case       (RdWindow       *self);

G_END_DECLS
