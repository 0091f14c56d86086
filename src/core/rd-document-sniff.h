/* rd-document-sniff.h: what an attachment is, from its bytes, and ID photos without metadata
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The names are stable ("pdf", "jpeg", …); never rename one. */
typedef enum
{
  RD_DOCUMENT_FORMAT_UNKNOWN,
  RD_DOCUMENT_FORMAT_PDF,
  RD_DOCUMENT_FORMAT_JPEG,
  RD_DOCUMENT_FORMAT_PNG,
  RD_DOCUMENT_FORMAT_TIFF,
  RD_DOCUMENT_FORMAT_WEBP,
  RD_DOCUMENT_FORMAT_HEIF,   /* HEIC, HEIF and AVIF share the ISO-BMFF container */
  RD_DOCUMENT_FORMAT_TEXT,
  RD_DOCUMENT_FORMAT_EMAIL,
  RD_N_DOCUMENT_FORMATS
} RdDocumentFormat;

/* Attachments above this are refused unless the caller sets its own limit. */
#define RD_DOCUMENT_DEFAULT_SIZE_LIMIT (50 * 1024 * 1024)
/* Images above this many pixels are refused: a decompression bomb or beyond any ID photo. */
#define RD_DOCUMENT_DEFAULT_PIXEL_LIMIT (100 * 1000 * 1000)

const char       *rd_document_format_to_string  (RdDocumentFormat format);
const char       *rd_document_format_to_mime    (RdDocumentFormat format);
gboolean          rd_document_format_is_image   (RdDocumentFormat format);

/* The format of @data by its content, never its name. */
RdDocumentFormat  rd_document_sniff             (const guint8    *data,
                                                 gsize            length);

/* Sniffs @bytes after checking them against @size_limit (0 for the default); fails with
 * RD_ERROR_INVALID naming both sizes when they are too large. */
RdDocumentFormat  rd_document_sniff_bytes       (GBytes          *bytes,
                                                 gsize            size_limit,
                                                 GError         **error);

/* Reads and sniffs a file, refusing it before reading when it is larger than @size_limit. */
GBytes           *rd_document_load_file         (GFile           *file,
                                                 gsize            size_limit,
                                                 RdDocumentFormat *format,
                                                 GCancellable    *cancellable,
                                                 GError         **error);

/* Whether a JPEG or PNG reaches its end (EOI, IEND): decoders show a cut file as a half grey
 * image without an error. Other formats are taken as complete. */
gboolean          rd_document_check_complete    (const guint8    *data,
                                                 gsize            length,
                                                 RdDocumentFormat format,
                                                 GError         **error);

/* An ID photo made safe to keep: decoded (refusing truncated files and more than
 * @pixel_limit pixels, 0 for the default), turned upright by its EXIF orientation (never for
 * HEIF, whose container carries its own), then encoded again — as PNG when it has an alpha
 * channel or was PNG, else as JPEG — so that no EXIF, GPS, XMP or comment survives.
 * @out_mime gets the new type; @out_width and @out_height the upright size. */
GBytes           *rd_document_sanitize_image    (GBytes          *bytes,
                                                 gsize            pixel_limit,
                                                 char           **out_mime,
                                                 int             *out_width,
                                                 int             *out_height,
                                                 GError         **error);

G_END_DECLS
