/* rd-cases-page.h: the list of cases with search and filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-case-list.h"
#include "rd-gui-util.h"

G_BEGIN_DECLS

#define RD_TYPE_CASES_PAGE (rd_cases_page_get_type ())

G_DECLARE_FINAL_TYPE (RdCasesPage, rd_cases_page, RD, CASES_PAGE, GtkWidget)

GtkWidget          *rd_cases_page_new         (void);
void                rd_cases_page_set_store   (RdCasesPage        *self,
                                               RdStore            *store);
const RdCaseFilter *rd_cases_page_get_filter  (RdCasesPage        *self);
void                rd_cases_page_set_filter  (RdCasesPage        *self,
                                               const RdCaseFilter *filter);
void                rd_cases_page_focus_search (RdCasesPage       *self);
void                rd_cases_page_set_search  (RdCasesPage        *self,
                                               const char         *text);
/* Runs the query again (after a case was added or changed). */
void                rd_cases_page_reload      (RdCasesPage        *self);
RdCaseList         *rd_cases_page_get_model   (RdCasesPage        *self);
GtkWidget          *rd_cases_page_get_column_view (RdCasesPage    *self);
/* TRUE while a query runs. */
gboolean            rd_cases_page_get_busy    (RdCasesPage        *self);

G_END_DECLS
