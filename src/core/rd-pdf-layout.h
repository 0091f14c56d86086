/* rd-pdf-layout.h: a flowing document of titles, tables, charts and notes, drawn with cairo
 * and pango onto pages of any size (reports, cover letters, case files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _RdPdfLayout RdPdfLayout;

typedef enum
{
  RD_PDF_ALIGN_LEFT,
  RD_PDF_ALIGN_RIGHT,
  RD_PDF_ALIGN_CENTER,
} RdPdfAlign;

typedef enum
{
  RD_PDF_CHART_COUNT,     /* values are counts */
  RD_PDF_CHART_PERCENT,   /* values are percentages, 0-100; NAN: no figure */
} RdPdfChartKind;

/* @running_title is printed at the top of every page but the first, @footer_left at the
 * bottom of every page beside "Page N of M". */
RdPdfLayout *rd_pdf_layout_new            (const char          *running_title,
                                           const char          *footer_left);
void         rd_pdf_layout_free           (RdPdfLayout         *self);

/* A title block: a coloured band with @title, then "label: value" lines (NULL-terminated,
 * alternating label and value). */
void         rd_pdf_layout_add_title      (RdPdfLayout         *self,
                                           const char          *kicker,
                                           const char          *title,
                                           const char * const  *facts);
void         rd_pdf_layout_add_heading    (RdPdfLayout         *self,
                                           const char          *text);
/* Pango markup. */
void         rd_pdf_layout_add_paragraph  (RdPdfLayout         *self,
                                           const char          *markup);
void         rd_pdf_layout_add_small      (RdPdfLayout         *self,
                                           const char          *markup);
void         rd_pdf_layout_add_spacer     (RdPdfLayout         *self,
                                           double               points);
/* Up to six large figures with captions, side by side. */
void         rd_pdf_layout_add_figures    (RdPdfLayout         *self,
                                           guint                n,
                                           const char * const  *values,
                                           const char * const  *captions);
/* @widths are relative; @rows holds GStrv of @n_columns plain-text cells. A row whose first
 * cell starts with "\t" is drawn in bold (totals); the tab is not shown. Long tables continue
 * on the next page under a repeated header. */
void         rd_pdf_layout_add_table      (RdPdfLayout         *self,
                                           guint                n_columns,
                                           const char * const  *headers,
                                           const double        *widths,
                                           const RdPdfAlign    *aligns,
                                           GPtrArray           *rows);
void         rd_pdf_layout_add_bar_chart  (RdPdfLayout         *self,
                                           const char          *title,
                                           RdPdfChartKind       kind,
                                           guint                n,
                                           const char * const  *labels,
                                           const double        *values);
/* Numbered notes in small type. */
void         rd_pdf_layout_add_notes      (RdPdfLayout         *self,
                                           const char          *heading,
                                           const char * const  *notes);
/* Starts a new page here. */
void         rd_pdf_layout_add_page_break (RdPdfLayout         *self);

/* Lays the blocks out on pages of @width x @height points; returns the number of pages. */
guint        rd_pdf_layout_paginate       (RdPdfLayout         *self,
                                           double               width,
                                           double               height);
/* Draws page @page (0-based) of the last pagination onto @cr, whose user space is points
 * with the origin at the page's top left corner (as in a PDF surface or a GtkPrintContext). */
void         rd_pdf_layout_draw_page      (RdPdfLayout         *self,
                                           cairo_t             *cr,
                                           guint                page);
/* The whole document as PDF bytes. */
GBytes      *rd_pdf_layout_render_pdf     (RdPdfLayout         *self,
                                           double               width,
                                           double               height,
                                           const char          *title,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPdfLayout, rd_pdf_layout_free)

G_END_DECLS
