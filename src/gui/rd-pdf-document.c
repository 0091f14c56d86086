/* rd-pdf-document.c: a PDF for the viewer, through poppler-glib
 *
 * Poppler is not thread-safe: every call on the document or its pages holds the lock,
 * so render workers and the search worker can share one document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-pdf-document"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo.h>
#include <math.h>
#include <poppler.h>

#include "rd-error.h"
#include "rd-pdf-document.h"

/* A page side longer than this (about 5 m) is not a document someone scanned. */
#define MAX_PAGE_POINTS 14400.0

typedef struct
{
  double width;
  double height;
} PageSize;

struct _RdPdfDocument
{
  GObject          parent_instance;

  GMutex           lock;
  PopplerDocument *document;
  GArray          *sizes;
};

static void rd_pdf_document_iface_init (RdViewerDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdPdfDocument, rd_pdf_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_VIEWER_DOCUMENT,
                                                      rd_pdf_document_iface_init))

static guint
rd_pdf_document_get_n_pages (RdViewerDocument *document)
{
  return RD_PDF_DOCUMENT (document)->sizes->len;
}

static void
rd_pdf_document_get_page_size (RdViewerDocument *document,
                               guint             page,
                               double           *width,
                               double           *height)
{
  RdPdfDocument *self = RD_PDF_DOCUMENT (document);
  const PageSize *size = &g_array_index (self->sizes, PageSize, page);

  *width = size->width;
  *height = size->height;
}

static GdkTexture *
rd_pdf_document_render_page (RdViewerDocument  *document,
                             guint              page_index,
                             double             scale,
                             guint              rotation,
                             GCancellable      *cancellable,
                             GError           **error)
{
  RdPdfDocument *self = RD_PDF_DOCUMENT (document);
  PopplerPage *page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_w, page_h, out_w, out_h, sx, sy;
  cairo_status_t status;
  gboolean rendered = FALSE;
  GdkTexture *texture;

  rd_viewer_document_get_page_size (document, page_index, rotation, &page_w, &page_h);
  out_w = round (page_w * scale);
  out_h = round (page_h * scale);
  rd_viewer_clamp_render_size (&out_w, &out_h);
  sx = out_w / page_w;
  sy = out_h / page_h;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) out_w, (int) out_h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %u is a page number, %s cairo's reason (e.g. out of memory) */
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Failed to render page %u: %s"),
                   page_index + 1, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Turn clockwise about the page's top-left corner, then move it back into view. */
  switch (rotation)
    {
    case 90:
      cairo_translate (cr, out_w, 0);
      break;
    case 180:
      cairo_translate (cr, out_w, out_h);
      break;
    case 270:
      cairo_translate (cr, 0, out_h);
      break;
    default:
      break;
    }
  cairo_rotate (cr, rotation * G_PI / 180.0);
  if (rotation == 90 || rotation == 270)
    cairo_scale (cr, sy, sx);
  else
    cairo_scale (cr, sx, sy);

  g_mutex_lock (&self->lock);
  if (!g_cancellable_is_cancelled (cancellable))
    {
      page = poppler_document_get_page (self->document, page_index);
      if (page != NULL)
        poppler_page_render (page, cr);
      rendered = page != NULL;
      /* pages share the document's state: release it under the lock too */
      g_clear_object (&page);
    }
  g_mutex_unlock (&self->lock);

  status = cairo_status (cr);
  cairo_destroy (cr);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  if (!rendered || status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Failed to render page %u: %s"),
                   page_index + 1,
                   !rendered ? _("the page is damaged") : cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return NULL;
    }

  texture = rd_viewer_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);

  return texture;
}

static gboolean
rd_pdf_document_can_search (RdViewerDocument *document)
{
  return TRUE;
}

static GArray *
rd_pdf_document_find_text (RdViewerDocument  *document,
                           guint              page_index,
                           const char        *text,
                           GCancellable      *cancellable,
                           GError           **error)
{
  RdPdfDocument *self = RD_PDF_DOCUMENT (document);
  g_autoptr (GArray) hits = g_array_new (FALSE, TRUE, sizeof (RdFindHit));
  PopplerPage *page;
  GList *matches = NULL;
  double page_h = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  page = poppler_document_get_page (self->document, page_index);
  if (page != NULL)
    {
      poppler_page_get_size (page, NULL, &page_h);
      /* Case- and accent-blind like Evince; MULTILINE finds a name broken across lines. */
      matches = poppler_page_find_text_with_options (page, text,
                                                     POPPLER_FIND_IGNORE_DIACRITICS
                                                     | POPPLER_FIND_MULTILINE);
      g_object_unref (page);
    }
  g_mutex_unlock (&self->lock);

  for (const GList *l = matches; l != NULL; l = l->next)
    {
      const PopplerRectangle *rect = l->data;
      RdFindHit hit;

      /* Poppler's origin is the bottom left; the view's is the top left. */
      hit.page = page_index;
      hit.x = MIN (rect->x1, rect->x2);
      hit.width = fabs (rect->x2 - rect->x1);
      hit.y = page_h - MAX (rect->y1, rect->y2);
      hit.height = fabs (rect->y2 - rect->y1);
      g_array_append_val (hits, hit);
    }
  g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);

  return g_steal_pointer (&hits);
}

static void
rd_pdf_document_iface_init (RdViewerDocumentInterface *iface)
{
  iface->get_n_pages = rd_pdf_document_get_n_pages;
  iface->get_page_size = rd_pdf_document_get_page_size;
  iface->render_page = rd_pdf_document_render_page;
  iface->can_search = rd_pdf_document_can_search;
  iface->find_text = rd_pdf_document_find_text;
}

static void
rd_pdf_document_finalize (GObject *object)
{
  RdPdfDocument *self = RD_PDF_DOCUMENT (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rd_pdf_document_parent_class)->finalize (object);
}

static void
rd_pdf_document_class_init (RdPdfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_pdf_document_finalize;
}

static void
rd_pdf_document_init (RdPdfDocument *self)
{
  g_mutex_init (&self->lock);
  self->sizes = g_array_new (FALSE, TRUE, sizeof (PageSize));
}

/**
 * rd_pdf_document_new:
 * @bytes: the PDF file's content
 * @password: (nullable): the user password, if the PDF is encrypted
 * @error: a #GError
 *
 * Opens the PDF and reads every page's size. Fails with %POPPLER_ERROR_ENCRYPTED when a
 * password is needed or the given one is wrong, and with %RD_ERROR_INVALID when the file
 * is damaged, has no pages or has a page without a size.
 */
RdPdfDocument *
rd_pdf_document_new (GBytes      *bytes,
                     const char  *password,
                     GError     **error)
{
  g_autoptr (RdPdfDocument) self = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GInputStream) stream = NULL;
  int n_pages;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_PDF_DOCUMENT, NULL);
  /* Not poppler_document_new_from_bytes (or _from_data): in poppler 22.12 they crash
   * on a wrong password, when they retry with the UTF-8 form of it. */
  stream = g_memory_input_stream_new_from_bytes (bytes);
  self->document = poppler_document_new_from_stream (stream, g_bytes_get_size (bytes), password,
                                                     NULL, &local_error);
  if (self->document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED,
                     password == NULL || *password == '\0'
                     ? _("This PDF is protected by a password")
                     : _("The password is not correct"));
      else
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("The PDF is damaged or incomplete, so it cannot be opened. "
                       "Ask the requester to send it again."));
      return NULL;
    }

  n_pages = poppler_document_get_n_pages (self->document);
  if (n_pages <= 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The PDF has no pages"));
      return NULL;
    }

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (self->document, i);
      PageSize size = { 0, 0 };

      if (page != NULL)
        {
          poppler_page_get_size (page, &size.width, &size.height);
          g_object_unref (page);
        }

      if (!(size.width > 0) || !(size.height > 0)
          || size.width > MAX_PAGE_POINTS || size.height > MAX_PAGE_POINTS)
        {
          /* Translators: %d is a page number */
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("Page %d of the PDF has no usable size"), i + 1);
          return NULL;
        }

      g_array_append_val (self->sizes, size);
    }

  return g_steal_pointer (&self);
}
