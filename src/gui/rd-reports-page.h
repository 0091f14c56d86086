/* rd-reports-page.h: the Reports place: choose a regulator report, preview, save and print it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-report.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_REPORTS_PAGE (rd_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (RdReportsPage, rd_reports_page, RD, REPORTS_PAGE, GtkWidget)

GtkWidget    *rd_reports_page_new          (void);
void          rd_reports_page_set_store    (RdReportsPage  *self,
                                            RdStore        *store);

/* Chooses the report: @client NULL for every client; @year for CCPA, @from and @to (both
 * inclusive) for the GDPR and SLA reports. The preview follows. */
void          rd_reports_page_set_report   (RdReportsPage  *self,
                                            RdReportKind    kind,
                                            const char     *client,
                                            int             year,
                                            const GDate    *from,
                                            const GDate    *to);
void          rd_reports_page_set_paper    (RdReportsPage  *self,
                                            RdPaper         paper);
/* Computes the report and its preview again (off the main thread). */
void          rd_reports_page_refresh      (RdReportsPage  *self);
/* Stops waiting for the report being computed. */
void          rd_reports_page_cancel       (RdReportsPage  *self);

/* The report shown, once computed (NULL before, or while another is computed). */
RdReport     *rd_reports_page_get_report   (RdReportsPage  *self);
/* What the page tells about the report shown, e.g. that it counts no request; NULL if nothing. */
const char   *rd_reports_page_get_notice   (RdReportsPage  *self);
/* TRUE while a report is computed or a file written. */
gboolean      rd_reports_page_get_busy     (RdReportsPage  *self);
guint         rd_reports_page_get_n_pages  (RdReportsPage  *self);
guint         rd_reports_page_get_page     (RdReportsPage  *self);
void          rd_reports_page_set_page     (RdReportsPage  *self,
                                            guint           page);

/* Saves the report shown in @format to @file, or asks where with a file chooser when @file
 * is NULL. */
void          rd_reports_page_save         (RdReportsPage  *self,
                                            RdReportFormat  format,
                                            GFile          *file);
/* Prints the report shown through GtkPrintOperation; with @export_path, straight to that PDF
 * file without a dialog. Returns FALSE with @error when printing failed at once. */
gboolean      rd_reports_page_print        (RdReportsPage  *self,
                                            const char     *export_path,
                                            GError        **error);

G_END_DECLS
