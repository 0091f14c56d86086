/* rd-identity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-identity"

#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <poppler.h>

#include "rd-compat.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-identity.h"

GBytes *
rd_identity_prepare_file (GFile         *file,
                          gsize          size_limit,
                          char         **out_mime,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  RdDocumentFormat format = RD_DOCUMENT_FORMAT_UNKNOWN;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (out_mime != NULL, NULL);

  bytes = rd_document_load_file (file, size_limit, &format, cancellable, error);
  if (bytes == NULL)
    return NULL;

  name = g_file_get_basename (file);
  switch (format)
    {
    case RD_DOCUMENT_FORMAT_PDF:
      {
        g_autoptr (GError) pdf_error = NULL;
        g_autoptr (PopplerDocument) document = rd_poppler_open (bytes, &pdf_error);

        /* Refused now rather than found unreadable at the review. A PDF locked with a
         * password is whole: the viewer asks for it. */
        if ((document == NULL &&
             !g_error_matches (pdf_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) ||
            (document != NULL && poppler_document_get_n_pages (document) < 1))
          {
            g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                         /* Translators: %s is a file name */
                         _("%s is a damaged or incomplete PDF that cannot be opened: ask the "
                           "requester to send it again"), name);
            return NULL;
          }
        *out_mime = g_strdup (rd_document_format_to_mime (format));
        return g_steal_pointer (&bytes);
      }

    case RD_DOCUMENT_FORMAT_JPEG:
    case RD_DOCUMENT_FORMAT_PNG:
    case RD_DOCUMENT_FORMAT_TIFF:
    case RD_DOCUMENT_FORMAT_WEBP:
    case RD_DOCUMENT_FORMAT_HEIF:
      /* Upright and without metadata before anything is stored: a phone photo carries where it
       * was taken (GPS), which the check does not need. */
      return rd_document_sanitize_image (bytes, 0, out_mime, NULL, NULL, error);

    /* What the file turned out to be: its name may say otherwise ("notes.pdf"). */
    case RD_DOCUMENT_FORMAT_TEXT:
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _("%s holds text, not a scan or a photo: attach a PDF, JPEG, PNG, TIFF, WebP "
                     "or HEIC file of the identity document"), name);
      return NULL;

    case RD_DOCUMENT_FORMAT_EMAIL:
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _("%s is an e-mail, not a scan or a photo: attach the PDF or the photo it "
                     "carries instead"), name);
      return NULL;

    case RD_DOCUMENT_FORMAT_UNKNOWN:
    case RD_N_DOCUMENT_FORMATS:
    default:
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _("%s is not an identity document Rights Desk can show: attach a PDF, JPEG, "
                     "PNG, TIFF, WebP or HEIC file"), name);
      return NULL;
    }
}

gboolean
rd_identity_minimise (RdStore     *store,
                      const char  *reference,
                      const char  *reason,
                      guint       *n_purged,
                      GError     **error)
{
  g_autoptr (GPtrArray) documents = NULL;
  GDate today;
  guint n = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  documents = rd_store_list_documents (store, reference, error);
  if (documents == NULL)
    return FALSE;

  rd_date_today (&today);
  for (guint i = 0; i < documents->len; i++)
    {
      RdDocument *document = documents->pdata[i];

      if (!g_str_equal (document->kind, "id-document"))
        continue;
      /* A redacted copy the client's policy keeps stays until its date. */
      if (g_date_valid (&document->retain_until) &&
          g_date_compare (&document->retain_until, &today) >= 0)
        continue;
      if (!rd_store_purge_document (store, document->id, reason, error))
        return FALSE;
      n++;
    }

  if (n_purged != NULL)
    *n_purged = n;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Redacted copies */

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
render_pdf_page (GBytes  *content,
                 guint    page_number,
                 GError **error)
{
  g_autoptr (PopplerDocument) document = rd_poppler_open (content, error);
  g_autoptr (PopplerPage) page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale = 150.0 / 72.0;

  if (document == NULL)
    return NULL;

  page = page_number < (guint) poppler_document_get_n_pages (document)
           ? poppler_document_get_page (document, page_number) : NULL;
  if (page == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The document has no page %u"),
                   page_number + 1);
      return NULL;
    }

  poppler_page_get_size (page, &width, &height);
  if (width <= 0 || height <= 0 || width * scale > 10000 || height * scale > 10000)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Page %u has an impossible size"),
                   page_number + 1);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, ceil (width * scale),
                                        ceil (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  /* Printing mode: what a printer would get, without annotations' interactive parts. */
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Page %u could not be drawn: %s"),
                   page_number + 1, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

static cairo_surface_t *
decode_image (GBytes  *content,
              GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;
  cairo_surface_t *surface;
  int width, height, channels, stride, out_stride;
  const guint8 *pixels;
  guint8 *out;

  if (!gdk_pixbuf_loader_write_bytes (loader, content, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The image is too large to redact"));
      cairo_surface_destroy (surface);
      return NULL;
    }

  /* RGB(A) bytes to cairo's native 0xXXRRGGBB words; alpha is flattened onto white. */
  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + (gsize) x * channels;
        guint a = channels == 4 ? p[3] : 255;
        guint r = (p[0] * a + 255 * (255 - a)) / 255;
        guint g = (p[1] * a + 255 * (255 - a)) / 255;
        guint b = (p[2] * a + 255 * (255 - a)) / 255;

        *(guint32 *) (out + (gsize) y * out_stride + (gsize) x * 4) = r << 16 | g << 8 | b;
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

GBytes *
rd_identity_redact (GBytes              *content,
                    const char          *mime_type,
                    guint                page,
                    const RdIdentityBox *boxes,
                    guint                n_boxes,
                    const char          *watermark,
                    GError             **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GByteArray) png = g_byte_array_new ();
  cairo_status_t status;
  int width, height;

  g_return_val_if_fail (content != NULL && mime_type != NULL, NULL);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, NULL);

  if (g_str_equal (mime_type, "application/pdf"))
    surface = render_pdf_page (content, page, error);
  else if (g_str_has_prefix (mime_type, "image/"))
    surface = decode_image (content, error);
  else
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Only PDFs and images can be redacted, not %s"), mime_type);
      return NULL;
    }
  if (surface == NULL)
    return NULL;

  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  cr = cairo_create (surface);

  /* Burnt into the pixels: there is nothing underneath to recover. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < n_boxes; i++)
    {
      double x = CLAMP (boxes[i].x, 0, 1), y = CLAMP (boxes[i].y, 0, 1);
      double w = CLAMP (boxes[i].width, 0, 1 - x), h = CLAMP (boxes[i].height, 0, 1 - y);

      cairo_rectangle (cr, floor (x * width), floor (y * height), ceil (w * width),
                       ceil (h * height));
    }
  cairo_fill (cr);

  /* As the Dutch KopieID does: who the copy is for, what for, and when. */
  if (watermark != NULL && *watermark != '\0')
    {
      double size = MAX (10, width / 60.0);

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, size);
      cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.8);
      cairo_move_to (cr, size, height - size);
      cairo_show_text (cr, watermark);
    }
  cairo_destroy (cr);

  status = cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO, _("The redacted copy could not be encoded: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

gint64
rd_identity_keep_redacted (RdStore             *store,
                           gint64               id,
                           guint                page,
                           const RdIdentityBox *boxes,
                           guint                n_boxes,
                           guint                days,
                           GError             **error)
{
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) redacted = NULL;
  g_autofree char *watermark = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *name = NULL;
  GDate today, until;
  gint64 copy;

  g_return_val_if_fail (RD_IS_STORE (store), 0);

  if (days == 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW,
                           _("The client’s policy keeps no copy of ID documents"));
      return 0;
    }

  document = rd_store_get_document (store, id, error);
  if (document == NULL)
    return 0;
  if (!g_str_equal (document->kind, "id-document"))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Document %" PRId64 " is not an ID document"), id);
      return 0;
    }

  content = rd_store_get_document_content (store, id, error);
  if (content == NULL)
    return 0;

  rd_date_today (&today);
  today_text = rd_date_format (&today);
  /* Translators: a case reference and a date, written across the redacted copy */
  watermark = g_strdup_printf (_("Copy for %s — identity check only — %s"), document->case_ref,
                               today_text);
  redacted = rd_identity_redact (content, document->mime_type, page, boxes, n_boxes, watermark,
                                 error);
  if (redacted == NULL)
    return 0;

  name = g_strdup_printf (_("Redacted copy of document %" PRId64 ".png"), id);
  copy = rd_store_add_document (store, document->case_ref, "id-document", name, "image/png",
                                redacted, "redacted", error);
  if (copy == 0)
    return 0;

  until = today;
  g_date_add_days (&until, days);
  if (!rd_store_set_document_retention (store, copy, &until, error) ||
      !rd_store_purge_document (store, id, _("Replaced by a redacted copy"), error))
    return 0;

  return copy;
}
