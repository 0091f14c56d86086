/* rd-calendar-view.h: due dates in a month grid, with the agenda of the week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-gui-util.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CALENDAR_VIEW (rd_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (RdCalendarView, rd_calendar_view, RD, CALENDAR_VIEW, GtkWidget)

GtkWidget   *rd_calendar_view_new          (void);
void         rd_calendar_view_set_store    (RdCalendarView     *self,
                                            RdStore            *store);
void         rd_calendar_view_set_filter   (RdCalendarView     *self,
                                            const RdCaseFilter *filter);
/* Selects @date and shows its month. */
void         rd_calendar_view_select_date  (RdCalendarView     *self,
                                            const GDate        *date);
const GDate *rd_calendar_view_get_selected (RdCalendarView     *self);
/* Moves the selection by @months months (Page Up/Down). */
void         rd_calendar_view_move_months  (RdCalendarView     *self,
                                            int                 months);
void         rd_calendar_view_reload       (RdCalendarView     *self);
/* TRUE while the shown month's due dates are being read ("month-loaded" follows). */
gboolean     rd_calendar_view_get_loading  (RdCalendarView     *self);
/* How many open cases fall due on @date in the shown month (for tests). */
guint        rd_calendar_view_count_on     (RdCalendarView     *self,
                                            const GDate        *date);
/* The line under the agenda of today's week that counts the overdue cases, or NULL when it
 * is not shown. */
const char  *rd_calendar_view_get_overdue_note (RdCalendarView *self);
/* Whether the case @reference is drawn on @date. */
gboolean     rd_calendar_view_shows_case   (RdCalendarView     *self,
                                            const GDate        *date,
                                            const char         *reference);

G_END_DECLS
