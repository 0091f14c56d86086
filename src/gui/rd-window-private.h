/* rd-window-private.h: what rd-window.c and rd-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-calendar-view.h"
#include "rd-case-page.h"
#include "rd-cases-page.h"
#include "rd-review-page.h"
#include "rd-window.h"

G_BEGIN_DECLS

struct _RdWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  AdwStatusPage   *loading_page;
  GtkProgressBar  *loading_progress;
  GtkButton       *loading_cancel;
  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar_box;
  AdwHeaderBar    *sidebar_header;
  GtkListBox      *places;
  GtkWidget       *content_box;
  AdwHeaderBar    *content_header;
  AdwWindowTitle  *content_title;
  GtkWidget       *back_button;
  GtkWidget       *new_case_button;
  GtkStack        *place_stack;

  /* Places */
  RdCasesPage     *cases_page;
  RdCasePage      *case_page;
  RdCalendarView  *calendar_view;
  RdReviewPage    *review_page;

  GSettings       *settings;
  RdStore         *store;
  char            *demo_dir;     /* removed with the window */
  char            *place;        /* the place shown, "case" included */
  char            *list_place;   /* where "back" from a case returns */
  GCancellable    *cancellable;  /* the window's long operations */
  GCancellable    *open_cancellable;
  guint            progress_id;
  guint            reminder_id;
  gint             progress_done;
  gint             progress_total;
  gboolean         ready;
};

void rd_window_actions_init       (RdWindowClass *klass);
void rd_window_update_actions     (RdWindow      *self);
void rd_window_export_calendar    (RdWindow      *self,
                                   GFile         *file);

G_END_DECLS
