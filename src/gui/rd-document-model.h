/* rd-document-model.h: what the viewer shows: document, page, zoom, rotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-render-queue.h"
#include "rd-viewer-document.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SIZING_FIT_WIDTH,
  RD_SIZING_FIT_PAGE,
  RD_SIZING_FREE,
} RdSizingMode;

#define RD_TYPE_SIZING_MODE (rd_sizing_mode_get_type ())
GType rd_sizing_mode_get_type (void);

/* The zoom range a person can choose (25–800 %); fitting a huge photo may go lower. */
#define RD_DOCUMENT_MODEL_MIN_SCALE 0.25
#define RD_DOCUMENT_MODEL_MAX_SCALE 8.0
#define RD_DOCUMENT_MODEL_ZOOM_FACTOR 1.2

#define RD_TYPE_DOCUMENT_MODEL (rd_document_model_get_type ())

G_DECLARE_FINAL_TYPE (RdDocumentModel, rd_document_model, RD, DOCUMENT_MODEL, GObject)

RdDocumentModel  *rd_document_model_new              (void);
RdViewerDocument *rd_document_model_get_document     (RdDocumentModel  *self);
void              rd_document_model_set_document     (RdDocumentModel  *self,
                                                      RdViewerDocument *document);
RdRenderQueue    *rd_document_model_get_render_queue (RdDocumentModel  *self);
guint             rd_document_model_get_n_pages      (RdDocumentModel  *self);
guint             rd_document_model_get_page         (RdDocumentModel  *self);
void              rd_document_model_set_page         (RdDocumentModel  *self,
                                                      guint             page);
double            rd_document_model_get_scale        (RdDocumentModel  *self);
void              rd_document_model_set_scale        (RdDocumentModel  *self,
                                                      double            scale);
void              rd_document_model_set_fit_scale    (RdDocumentModel  *self,
                                                      double            scale);
void              rd_document_model_zoom_in          (RdDocumentModel  *self,
                                                      double            factor);
void              rd_document_model_zoom_out         (RdDocumentModel  *self,
                                                      double            factor);
RdSizingMode      rd_document_model_get_sizing_mode  (RdDocumentModel  *self);
void              rd_document_model_set_sizing_mode  (RdDocumentModel  *self,
                                                      RdSizingMode      mode);
guint             rd_document_model_get_rotation     (RdDocumentModel  *self);
void              rd_document_model_set_rotation     (RdDocumentModel  *self,
                                                      guint             rotation);
void              rd_document_model_rotate           (RdDocumentModel  *self,
                                                      int               degrees);

G_END_DECLS
