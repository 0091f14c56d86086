/* rd-document-view.h: the document viewer widget, for PDFs and images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-document-model.h"
#include "rd-page-canvas.h"
#include "rd-thumbnail-strip.h"

G_BEGIN_DECLS

typedef enum
{
  RD_DOCUMENT_VIEW_EMPTY,
  RD_DOCUMENT_VIEW_LOADING,
  RD_DOCUMENT_VIEW_PASSWORD,
  RD_DOCUMENT_VIEW_ERROR,
  RD_DOCUMENT_VIEW_DOCUMENT,
} RdDocumentViewState;

#define RD_TYPE_DOCUMENT_VIEW_STATE (rd_document_view_state_get_type ())
GType rd_document_view_state_get_type (void);

#define RD_TYPE_DOCUMENT_VIEW (rd_document_view_get_type ())

G_DECLARE_FINAL_TYPE (RdDocumentView, rd_document_view, RD, DOCUMENT_VIEW, GtkWidget)

GtkWidget           *rd_document_view_new                 (void);
void                 rd_document_view_load_file           (RdDocumentView   *self,
                                                           GFile            *file);
void                 rd_document_view_set_document        (RdDocumentView   *self,
                                                           RdViewerDocument *document);
void                 rd_document_view_unlock              (RdDocumentView   *self,
                                                           const char       *password);
RdDocumentViewState  rd_document_view_get_state           (RdDocumentView   *self);
const char          *rd_document_view_get_error_message   (RdDocumentView   *self);
RdDocumentModel     *rd_document_view_get_model           (RdDocumentView   *self);
RdPageCanvas        *rd_document_view_get_canvas          (RdDocumentView   *self);
RdThumbnailStrip    *rd_document_view_get_thumbnail_strip (RdDocumentView   *self);
void                 rd_document_view_find                (RdDocumentView   *self,
                                                           const char       *text);
gboolean             rd_document_view_is_finding          (RdDocumentView   *self);
GArray              *rd_document_view_get_find_hits       (RdDocumentView   *self);
int                  rd_document_view_get_selected_hit    (RdDocumentView   *self);

G_END_DECLS
