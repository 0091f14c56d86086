/* rd-page-canvas.h: the scrollable surface the pages are drawn on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-document-model.h"
#include "rd-page-cache.h"

G_BEGIN_DECLS

#define RD_TYPE_PAGE_CANVAS (rd_page_canvas_get_type ())

G_DECLARE_FINAL_TYPE (RdPageCanvas, rd_page_canvas, RD, PAGE_CANVAS, GtkWidget)

GtkWidget       *rd_page_canvas_new               (void);
RdDocumentModel *rd_page_canvas_get_model         (RdPageCanvas    *self);
void             rd_page_canvas_set_model         (RdPageCanvas    *self,
                                                   RdDocumentModel *model);
RdPageCache     *rd_page_canvas_get_page_cache    (RdPageCanvas    *self);
gboolean         rd_page_canvas_is_page_current   (RdPageCanvas    *self,
                                                   guint            page);
void             rd_page_canvas_set_find_hits     (RdPageCanvas    *self,
                                                   GArray          *hits,
                                                   int              selected);
void             rd_page_canvas_zoom_at           (RdPageCanvas    *self,
                                                   double           factor,
                                                   double           x,
                                                   double           y);
void             rd_page_canvas_scroll_to_page    (RdPageCanvas    *self,
                                                   guint            page);
void             rd_page_canvas_get_page_rect     (RdPageCanvas    *self,
                                                   guint            page,
                                                   graphene_rect_t *rect);

G_END_DECLS
