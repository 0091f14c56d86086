/* rd-thumbnail-strip.h: a column of page thumbnails
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-document-model.h"

G_BEGIN_DECLS

#define RD_TYPE_THUMBNAIL_STRIP (rd_thumbnail_strip_get_type ())

G_DECLARE_FINAL_TYPE (RdThumbnailStrip, rd_thumbnail_strip, RD, THUMBNAIL_STRIP, GtkWidget)

/* Thumbnails are this wide (logical pixels); the height follows the page. */
#define RD_THUMBNAIL_WIDTH 96

GtkWidget       *rd_thumbnail_strip_new               (void);
RdDocumentModel *rd_thumbnail_strip_get_model         (RdThumbnailStrip *self);
void             rd_thumbnail_strip_set_model         (RdThumbnailStrip *self,
                                                       RdDocumentModel  *model);
GtkAdjustment   *rd_thumbnail_strip_get_vadjustment   (RdThumbnailStrip *self);
guint            rd_thumbnail_strip_get_n_rendered    (RdThumbnailStrip *self);
guint            rd_thumbnail_strip_get_n_pending     (RdThumbnailStrip *self);

G_END_DECLS
