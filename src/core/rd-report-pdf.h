/* rd-report-pdf.h: reports drawn with cairo and pango, for PDF files and for printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "rd-report.h"

G_BEGIN_DECLS

/* Page size in points (1/72 inch). */
void      rd_paper_get_size          (RdPaper     paper,
                                      double     *width,
                                      double     *height);

/* The number of pages @report takes on pages of @width x @height points. */
guint     rd_report_pdf_get_n_pages  (RdReport   *report,
                                      double      width,
                                      double      height);
/* Draws page @page (0-based) onto @cr, whose user space is points with the origin at the
 * page's top left corner: a PDF surface, or the cairo context of a GtkPrintContext. For
 * printing: gtk_print_operation_set_unit (op, GTK_UNIT_POINTS) and set_use_full_page (op, TRUE);
 * in ::begin-print set the number of pages from rd_report_pdf_get_n_pages() with the context's
 * width and height, and in ::draw-page call this with the same size. */
void      rd_report_pdf_draw_page    (RdReport   *report,
                                      cairo_t    *cr,
                                      double      width,
                                      double      height,
                                      guint       page);
GBytes   *rd_report_pdf_render       (RdReport   *report,
                                      RdPaper     paper,
                                      GError    **error);
/* Writes the PDF to @path atomically. */
gboolean  rd_report_pdf_save         (RdReport   *report,
                                      RdPaper     paper,
                                      const char *path,
                                      GError    **error);

G_END_DECLS
