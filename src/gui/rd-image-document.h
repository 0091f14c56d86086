/* rd-image-document.h: a photo or scan for the viewer, through gdk-pixbuf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-viewer-document.h"

G_BEGIN_DECLS

#define RD_TYPE_IMAGE_DOCUMENT (rd_image_document_get_type ())

G_DECLARE_FINAL_TYPE (RdImageDocument, rd_image_document, RD, IMAGE_DOCUMENT, GObject)

/* Above this many pixels an image is refused: a decompression bomb, not an ID photo. */
#define RD_IMAGE_MAX_PIXELS ((gint64) 256 * 1000 * 1000)

RdImageDocument *rd_image_document_new             (GBytes          *bytes,
                                                    GError         **error);
int              rd_image_document_get_orientation (RdImageDocument *self);

G_END_DECLS
