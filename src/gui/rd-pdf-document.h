/* rd-pdf-document.h: a PDF for the viewer, through poppler-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-viewer-document.h"

G_BEGIN_DECLS

#define RD_TYPE_PDF_DOCUMENT (rd_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (RdPdfDocument, rd_pdf_document, RD, PDF_DOCUMENT, GObject)

RdPdfDocument *rd_pdf_document_new (GBytes      *bytes,
                                    const char  *password,
                                    GError     **error);

G_END_DECLS
