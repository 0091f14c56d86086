/* rd-document-sniff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-document-sniff"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rd-document-sniff.h"
#include "rd-error.h"

static const struct
{
  const char *name;
  const char *mime;
} format_names[RD_N_DOCUMENT_FORMATS] = {
  { "unknown", "application/octet-stream" },
  { "pdf", "application/pdf" },
  { "jpeg", "image/jpeg" },
  { "png", "image/png" },
  { "tiff", "image/tiff" },
  { "webp", "image/webp" },
  { "heif", "image/heif" },
  { "text", "text/plain" },
  { "email", "message/rfc822" },
};

const char *
rd_document_format_to_string (RdDocumentFormat format)
{
  g_return_val_if_fail (format < RD_N_DOCUMENT_FORMATS, NULL);

  return format_names[format].name;
}

const char *
rd_document_format_to_mime (RdDocumentFormat format)
{
  g_return_val_if_fail (format < RD_N_DOCUMENT_FORMATS, NULL);

  return format_names[format].mime;
}

gboolean
rd_document_format_is_image (RdDocumentFormat format)
{
  return format == RD_DOCUMENT_FORMAT_JPEG || format == RD_DOCUMENT_FORMAT_PNG ||
         format == RD_DOCUMENT_FORMAT_TIFF || format == RD_DOCUMENT_FORMAT_WEBP ||
         format == RD_DOCUMENT_FORMAT_HEIF;
}

static gboolean
starts_with (const guint8 *data,
             gsize         length,
             gsize         offset,
             const char   *magic,
             gsize         magic_length)
{
  return length >= offset + magic_length && memcmp (data + offset, magic, magic_length) == 0;
}

/* ISO-BMFF ("ftyp" box) with a HEIF-family brand, major or compatible. */
static gboolean
is_heif (const guint8 *data,
         gsize         length)
{
  static const char *brands[] = { "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
                                  "hevs", "mif1", "msf1", "avif", "avis" };
  guint32 box;

  if (!starts_with (data, length, 4, "ftyp", 4) || length < 16)
    return FALSE;

  box = ((guint32) data[0] << 24) | ((guint32) data[1] << 16) | ((guint32) data[2] << 8) | data[3];
  box = MIN (box, length);

  /* Major brand at 8, minor version at 12, compatible brands from 16 to the box's end. */
  for (gsize offset = 8; offset + 4 <= box; offset += 4)
    {
      if (offset == 12)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
        if (memcmp (data + offset, brands[i], 4) == 0)
          return TRUE;
    }

  return FALSE;
}

/* Text: no NUL and no control characters but white space and ESC (ANSI colours in logs).
 * Legacy 8-bit text (Latin-1 e-mails) passes too; UTF-16 needs its byte-order mark. */
static gboolean
is_text (const guint8 *data,
         gsize         length)
{
  gsize n = MIN (length, 64 * 1024);

  if (length == 0)
    return FALSE;
  if (starts_with (data, length, 0, "\xff\xfe", 2) || starts_with (data, length, 0, "\xfe\xff", 2))
    return TRUE;

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = data[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
        return FALSE;
      if (c == 0x7f)
        return FALSE;
    }

  return TRUE;
}

/* RFC 5322 header lines at the start, with at least two of the headers every message has. */
static gboolean
is_email (const guint8 *data,
          gsize         length)
{
  static const char *known[] = { "from", "to", "subject", "date", "received", "return-path",
                                 "message-id", "mime-version", "delivered-to", "reply-to",
                                 "cc", "content-type", "x-mailer", "user-agent" };
  gsize n = MIN (length, 16 * 1024);
  gsize pos = 0;
  guint lines = 0, found = 0;
  gboolean has_origin = FALSE;

  /* An mbox file starts with "From " and the envelope sender. */
  if (starts_with (data, length, 0, "From ", 5))
    {
      while (pos < n && data[pos] != '\n')
        pos++;
      pos++;
    }

  while (pos < n)
    {
      gsize start = pos, colon = 0;

      while (pos < n && data[pos] != '\n')
        pos++;
      if (pos >= n)
        break;

      if (pos == start || (pos == start + 1 && data[start] == '\r'))
        break;  /* the blank line that ends the header */

      if (data[start] == ' ' || data[start] == '\t')
        {
          /* A folded continuation of the header before. */
          if (lines == 0)
            return FALSE;
        }
      else
        {
          for (gsize i = start; i < pos; i++)
            {
              if (data[i] == ':')
                {
                  colon = i;
                  break;
                }
              if (data[i] <= ' ' || data[i] >= 0x7f)
                return FALSE;
            }
          if (colon == 0 || colon == start)
            return FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (known); k++)
            if (colon - start == strlen (known[k]) &&
                g_ascii_strncasecmp ((const char *) data + start, known[k], colon - start) == 0)
              {
                found++;
                if (k == 0 || k == 4 || k == 5 || k == 6)
                  has_origin = TRUE;
              }
        }

      lines++;
      pos++;
    }

  return found >= 2 && has_origin;
}

RdDocumentFormat
rd_document_sniff (const guint8 *data,
                   gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, RD_DOCUMENT_FORMAT_UNKNOWN);

  if (length == 0)
    return RD_DOCUMENT_FORMAT_UNKNOWN;

  if (starts_with (data, length, 0, "\xff\xd8\xff", 3))
    return RD_DOCUMENT_FORMAT_JPEG;
  if (starts_with (data, length, 0, "\x89PNG\r\n\x1a\n", 8))
    return RD_DOCUMENT_FORMAT_PNG;
  if (starts_with (data, length, 0, "II*\0", 4) || starts_with (data, length, 0, "MM\0*", 4) ||
      starts_with (data, length, 0, "II+\0", 4) || starts_with (data, length, 0, "MM\0+", 4))
    return RD_DOCUMENT_FORMAT_TIFF;
  if (starts_with (data, length, 0, "RIFF", 4) && starts_with (data, length, 8, "WEBP", 4))
    return RD_DOCUMENT_FORMAT_WEBP;
  if (is_heif (data, length))
    return RD_DOCUMENT_FORMAT_HEIF;

  /* Readers accept "%PDF-" anywhere in the first kilobyte, after junk that mailers add. */
  {
    gsize n = MIN (length, 1024);

    for (gsize i = 0; i + 5 <= n; i++)
      if (memcmp (data + i, "%PDF-", 5) == 0)
        return RD_DOCUMENT_FORMAT_PDF;
  }

  if (is_text (data, length))
    return is_email (data, length) ? RD_DOCUMENT_FORMAT_EMAIL : RD_DOCUMENT_FORMAT_TEXT;

  return RD_DOCUMENT_FORMAT_UNKNOWN;
}

static gboolean
check_size (gsize    size,
            gsize    limit,
            GError **error)
{
  if (limit == 0)
    limit = RD_DOCUMENT_DEFAULT_SIZE_LIMIT;

  if (size > limit)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *most = g_format_size (limit);

      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: two sizes such as "62.1 MB" and "50.0 MB" */
                   _("The attachment is %s, more than the %s allowed"), have, most);
      return FALSE;
    }

  return TRUE;
}

RdDocumentFormat
rd_document_sniff_bytes (GBytes  *bytes,
                         gsize    size_limit,
                         GError **error)
{
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, RD_DOCUMENT_FORMAT_UNKNOWN);

  data = g_bytes_get_data (bytes, &length);
  if (!check_size (length, size_limit, error))
    return RD_DOCUMENT_FORMAT_UNKNOWN;

  return rd_document_sniff (data, length);
}

GBytes *
rd_document_load_file (GFile            *file,
                       gsize             size_limit,
                       RdDocumentFormat *format,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  RdDocumentFormat sniffed;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  /* Refuse an oversized file before reading a byte of it. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   /* Translators: a file name, then the system's reason */
                   _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("“%s” is not a regular file"), name);
      return NULL;
    }
  if (!check_size (g_file_info_get_size (info), size_limit, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: a file name, then why it is refused */
                   _("“%s” cannot be attached: %s"), name, local_error->message);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }

  /* The file may have grown since it was measured. */
  sniffed = rd_document_sniff_bytes (bytes, size_limit, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("“%s” cannot be attached: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (format != NULL)
    *format = sniffed;
  return g_steal_pointer (&bytes);
}

static gboolean
incomplete (GError **error)
{
  g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                       _("The image is incomplete: the file ends before the picture does "
                         "(was the upload cut off?)"));
  return FALSE;
}

/* Walks the JPEG segments to the end-of-image marker; the entropy-coded data after each
 * start-of-scan is skipped up to the next real marker. */
static gboolean
jpeg_complete (const guint8 *data,
               gsize         length,
               GError      **error)
{
  gsize pos = 2;

  while (pos + 1 < length)
    {
      guint8 marker;
      gsize segment;

      if (data[pos] != 0xFF)
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                               _("The JPEG image is damaged: its structure is broken"));
          return FALSE;
        }
      while (pos + 1 < length && data[pos + 1] == 0xFF)
        pos++;  /* fill bytes */
      if (pos + 1 >= length)
        break;

      marker = data[pos + 1];
      if (marker == 0xD9)
        return TRUE;
      if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xD8)
        {
          pos += 2;
          continue;
        }

      if (pos + 4 > length)
        break;
      segment = ((gsize) data[pos + 2] << 8) | data[pos + 3];
      if (segment < 2)
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                               _("The JPEG image is damaged: its structure is broken"));
          return FALSE;
        }
      if (pos + 2 + segment > length)
        break;
      pos += 2 + segment;

      if (marker == 0xDA)
        {
          /* Scan data: FF 00 is a stuffed byte, FF D0–D7 a restart; anything else ends it. */
          while (pos + 1 < length &&
                 !(data[pos] == 0xFF && data[pos + 1] != 0x00 &&
                   !(data[pos + 1] >= 0xD0 && data[pos + 1] <= 0xD7)))
            pos++;
        }
    }

  return incomplete (error);
}

static gboolean
png_complete (const guint8 *data,
              gsize         length,
              GError      **error)
{
  gsize pos = 8;

  while (pos + 12 <= length)
    {
      guint32 chunk = ((guint32) data[pos] << 24) | ((guint32) data[pos + 1] << 16) |
                      ((guint32) data[pos + 2] << 8) | data[pos + 3];

      if (chunk > length || pos + 12 + (gsize) chunk > length)
        break;
      if (memcmp (data + pos + 4, "IEND", 4) == 0)
        return TRUE;
      pos += 12 + (gsize) chunk;
    }

  return incomplete (error);
}

gboolean
rd_document_check_complete (const guint8     *data,
                            gsize             length,
                            RdDocumentFormat  format,
                            GError          **error)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  switch (format)
    {
    case RD_DOCUMENT_FORMAT_JPEG:
      return jpeg_complete (data, length, error);
    case RD_DOCUMENT_FORMAT_PNG:
      return png_complete (data, length, error);
    case RD_DOCUMENT_FORMAT_UNKNOWN:
    case RD_DOCUMENT_FORMAT_PDF:
    case RD_DOCUMENT_FORMAT_TIFF:
    case RD_DOCUMENT_FORMAT_WEBP:
    case RD_DOCUMENT_FORMAT_HEIF:
    case RD_DOCUMENT_FORMAT_TEXT:
    case RD_DOCUMENT_FORMAT_EMAIL:
    case RD_N_DOCUMENT_FORMATS:
    default:
      return TRUE;
    }
}

typedef struct
{
  gsize    pixel_limit;
  gboolean too_big;
  int      width;
  int      height;
} SizeCheck;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeCheck *check = user_data;

  check->width = width;
  check->height = height;
  if (width <= 0 || height <= 0 || (guint64) width * (guint64) height > check->pixel_limit)
    {
      check->too_big = TRUE;
      /* Decode as little as the loader allows; the result is thrown away. */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

/* The size a JPEG (its start-of-frame) or PNG (IHDR) declares, read before any decoder
 * allocates pixels for it. */
static gboolean
declared_size (const guint8     *data,
               gsize             length,
               RdDocumentFormat  format,
               int              *width,
               int              *height)
{
  if (format == RD_DOCUMENT_FORMAT_PNG)
    {
      if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        return FALSE;
      *width = (int) MIN (((guint32) data[16] << 24) | ((guint32) data[17] << 16) |
                          ((guint32) data[18] << 8) | data[19], G_MAXINT);
      *height = (int) MIN (((guint32) data[20] << 24) | ((guint32) data[21] << 16) |
                           ((guint32) data[22] << 8) | data[23], G_MAXINT);
      return TRUE;
    }

  if (format == RD_DOCUMENT_FORMAT_JPEG)
    {
      gsize pos = 2;

      while (pos + 4 <= length && data[pos] == 0xFF)
        {
          guint8 marker = data[pos + 1];
          gsize segment = ((gsize) data[pos + 2] << 8) | data[pos + 3];

          /* SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
          if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
              marker != 0xCC)
            {
              if (pos + 9 > length)
                return FALSE;
              *height = (data[pos + 5] << 8) | data[pos + 6];
              *width = (data[pos + 7] << 8) | data[pos + 8];
              return TRUE;
            }
          if (marker == 0xDA || segment < 2)
            return FALSE;
          pos += 2 + segment;
        }
    }

  return FALSE;
}

GBytes *
rd_document_sanitize_image (GBytes  *bytes,
                            gsize    pixel_limit,
                            char   **out_mime,
                            int     *out_width,
                            int     *out_height,
                            GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GdkPixbuf) upright = NULL;
  g_autoptr (GError) local_error = NULL;
  SizeCheck check = { 0 };
  RdDocumentFormat format;
  const guint8 *data;
  gsize length;
  gsize offset = 0;
  GdkPixbuf *decoded;
  gboolean as_png;
  char *buffer = NULL;
  gsize buffer_size = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  format = rd_document_sniff (data, length);
  if (!rd_document_format_is_image (format))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("The file is not an image (JPEG, PNG, TIFF, WebP or HEIC)"));
      return NULL;
    }
  if (!rd_document_check_complete (data, length, format, error))
    return NULL;

  check.pixel_limit = pixel_limit ? pixel_limit : RD_DOCUMENT_DEFAULT_PIXEL_LIMIT;
  if (declared_size (data, length, format, &check.width, &check.height) &&
      (guint64) check.width * (guint64) check.height > check.pixel_limit)
    check.too_big = TRUE;

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);

  /* Fed in slices so that an oversized image is refused from its header, before its pixels
   * are allocated. */
  while (!check.too_big && offset < length)
    {
      gsize n = MIN (length - offset, 64 * 1024);

      if (!gdk_pixbuf_loader_write (loader, data + offset, n, &local_error))
        break;
      offset += n;
      if (check.too_big)
        break;
    }

  /* A small file is only decoded on close, where its size shows. */
  if (!check.too_big)
    {
      if (local_error == NULL)
        gdk_pixbuf_loader_close (loader, &local_error);
      else
        gdk_pixbuf_loader_close (loader, NULL);
    }
  else
    {
      gdk_pixbuf_loader_close (loader, NULL);
    }

  if (check.too_big)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: width, height, then the limit in megapixels */
                   _("The image is %d × %d pixels, more than the %.0f megapixels allowed"),
                   check.width, check.height, check.pixel_limit / 1e6);
      return NULL;
    }

  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  if (local_error != NULL || decoded == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is an image format such as "webp", then the reason */
                   _("The %s image cannot be read: %s"), rd_document_format_to_string (format),
                   local_error ? local_error->message : _("the decoder gave no picture"));
      return NULL;
    }

  /* EXIF orientation first, or the stored copy comes out sideways once the EXIF is gone.
   * HEIF carries its own rotation, which libheif applies: EXIF there must be ignored. */
  if (format == RD_DOCUMENT_FORMAT_HEIF)
    upright = g_object_ref (decoded);
  else
    upright = gdk_pixbuf_apply_embedded_orientation (decoded);

  if (upright == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("The image could not be turned upright (out of memory?)"));
      return NULL;
    }

  /* Encoding from bare pixels writes no metadata at all: EXIF, GPS, XMP, comments and PNG
   * text chunks are left behind. */
  as_png = gdk_pixbuf_get_has_alpha (upright) || format == RD_DOCUMENT_FORMAT_PNG;
  if (as_png)
    {
      if (!gdk_pixbuf_save_to_buffer (upright, &buffer, &buffer_size, "png", &local_error, NULL))
        buffer = NULL;
    }
  else
    {
      if (!gdk_pixbuf_save_to_buffer (upright, &buffer, &buffer_size, "jpeg", &local_error,
                                      "quality", "92", NULL))
        buffer = NULL;
    }

  if (buffer == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The cleaned image could not be written: %s"), local_error->message);
      return NULL;
    }

  if (out_mime != NULL)
    *out_mime = g_strdup (as_png ? "image/png" : "image/jpeg");
  if (out_width != NULL)
    *out_width = gdk_pixbuf_get_width (upright);
  if (out_height != NULL)
    *out_height = gdk_pixbuf_get_height (upright);

  return g_bytes_new_take (buffer, buffer_size);
}
