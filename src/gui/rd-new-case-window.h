/* rd-new-case-window.h: the form that records a new request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_NEW_CASE_WINDOW (rd_new_case_window_get_type ())

G_DECLARE_FINAL_TYPE (RdNewCaseWindow, rd_new_case_window, RD, NEW_CASE_WINDOW, AdwWindow)

RdNewCaseWindow *rd_new_case_window_new (GtkWindow *parent,
                                         RdStore   *store,
                                         GSettings *settings);

/* For tests: fill the form as a person would type. */
void             rd_new_case_window_fill (RdNewCaseWindow *self,
                                          const char      *client,
                                          RdRequestType    type,
                                          const char      *jurisdiction,
                                          const char      *received,
                                          const char      *subject_name,
                                          const char      *subject_email);
gboolean         rd_new_case_window_get_valid (RdNewCaseWindow *self);
/* What is wrong with the form, in the words shown to the user ("" when nothing). */
const char      *rd_new_case_window_get_problem (RdNewCaseWindow *self);
/* Text of the computed due date in the preview ("" when there is none). */
const char      *rd_new_case_window_get_due_preview (RdNewCaseWindow *self);
/* The jurisdiction chosen (an id), and the holiday calendar (NULL: the jurisdiction's own). */
const char      *rd_new_case_window_get_jurisdiction (RdNewCaseWindow *self);
const char      *rd_new_case_window_get_calendar (RdNewCaseWindow *self);
/* Activates "Create"; returns the new reference, or NULL when the form is not valid. */
const char      *rd_new_case_window_create (RdNewCaseWindow *self);

G_END_DECLS
