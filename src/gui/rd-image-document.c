/* rd-image-document.c: a photo or scan for the viewer, through gdk-pixbuf
 *
 * The file's bytes are kept and decoded again for each zoom level at the size shown:
 * the JPEG loader then decodes at 1/2, 1/4 or 1/8 scale, so a 48 MP photo on screen
 * never costs its full 190 MB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-image-document"

#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>

#include "rd-error.h"
#include "rd-image-document.h"

/* The first decode reads the size and the EXIF orientation and keeps a preview: at
 * 1/8 scale (JPEG's cheapest) for large photos, which covers a fitted window. */
#define PREVIEW_MIN 640
#define PREVIEW_SMALL 1024
#define PREVIEW_MAX 2048

struct _RdImageDocument
{
  GObject  parent_instance;

  GBytes  *bytes;
  GdkPixbuf *preview;    /* oriented, immutable: shared by the render threads */
  int      raw_width;    /* as stored, before the EXIF orientation */
  int      raw_height;
  int      orientation;  /* EXIF 1..8 */
};

static void rd_image_document_iface_init (RdViewerDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdImageDocument, rd_image_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_VIEWER_DOCUMENT,
                                                      rd_image_document_iface_init))

static gboolean
swaps_sides (int orientation)
{
  return orientation >= 5 && orientation <= 8;
}

typedef struct
{
  int     target_width;  /* 0: the probe, which records the size and picks the preview size */
  int     target_height;
  int     raw_width;
  int     raw_height;
  int     orientation;
  gboolean too_large;
} SizeRequest;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeRequest *request = user_data;

  request->raw_width = width;
  request->raw_height = height;

  if ((gint64) width * height > RD_IMAGE_MAX_PIXELS || width <= 0 || height <= 0)
    {
      /* 1×1 keeps the loader from allocating the bomb; we fail right after. */
      request->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }

  if (request->target_width == 0)
    {
      int longest = MAX (width, height);
      int preview = longest / 8 >= PREVIEW_MIN ? MIN (longest / 8, PREVIEW_MAX)
                                               : MIN (longest, PREVIEW_SMALL);
      double factor = (double) preview / longest;

      gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * factor)),
                                  MAX (1, (int) (height * factor)));
    }
  else if (request->target_width < width || request->target_height < height)
    gdk_pixbuf_loader_set_size (loader, request->target_width, request->target_height);
}

/* Decodes the image at (about) the requested raw size, orientation applied. */
static GdkPixbuf *
decode (GBytes        *bytes,
        SizeRequest   *request,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GError) local_error = NULL;
  GdkPixbuf *pixbuf;
  const char *orientation;
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), request);

  ok = gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error);
  /* close must always run, or the loader complains when finalized */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (request->too_large)
    {
      /* Translators: the numbers are the image's width and height in pixels */
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The image is too large to show safely (%d × %d pixels)"),
                   request->raw_width, request->raw_height);
      return NULL;
    }

  if (!ok || (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The file is not a PDF or an image that can be shown: %s"),
                   local_error != NULL ? local_error->message : _("unknown format"));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  request->orientation = orientation != NULL ? (int) g_ascii_strtoll (orientation, NULL, 10) : 1;
  if (request->orientation < 1 || request->orientation > 8)
    request->orientation = 1;

  /* gdk-pixbuf reads the EXIF orientation but does not apply it (nor does GdkTexture). */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static guint
rd_image_document_get_n_pages (RdViewerDocument *document)
{
  return 1;
}

static void
rd_image_document_get_page_size (RdViewerDocument *document,
                                 guint             page,
                                 double           *width,
                                 double           *height)
{
  RdImageDocument *self = RD_IMAGE_DOCUMENT (document);

  *width = swaps_sides (self->orientation) ? self->raw_height : self->raw_width;
  *height = swaps_sides (self->orientation) ? self->raw_width : self->raw_height;
}

static GdkTexture *
rd_image_document_render_page (RdViewerDocument  *document,
                               guint              page,
                               double             scale,
                               guint              rotation,
                               GCancellable      *cancellable,
                               GError           **error)
{
  RdImageDocument *self = RD_IMAGE_DOCUMENT (document);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  SizeRequest request = { 0 };
  double w, h;

  /* Never above the stored resolution: zooming further only stretches. */
  w = round (self->raw_width * MIN (scale, 1.0));
  h = round (self->raw_height * MIN (scale, 1.0));
  rd_viewer_clamp_render_size (&w, &h);
  request.target_width = (int) w;
  request.target_height = (int) h;

  if (request.target_width <= (swaps_sides (self->orientation)
                               ? gdk_pixbuf_get_height (self->preview)
                               : gdk_pixbuf_get_width (self->preview)))
    {
      /* the preview is large enough: scaling it down beats decoding again */
      int ow = swaps_sides (self->orientation) ? request.target_height : request.target_width;
      int oh = swaps_sides (self->orientation) ? request.target_width : request.target_height;

      pixbuf = gdk_pixbuf_scale_simple (self->preview, MAX (1, ow), MAX (1, oh),
                                        GDK_INTERP_BILINEAR);
    }
  else
    pixbuf = decode (self->bytes, &request, cancellable, error);
  if (pixbuf == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Not enough memory to show the image"));
      return NULL;
    }

  if (rotation != 0)
    {
      /* gdk-pixbuf turns counter-clockwise; the view's rotation is clockwise. */
      g_autoptr (GdkPixbuf) turned = gdk_pixbuf_rotate_simple (pixbuf,
                                                               (360 - rotation) % 360);
      if (turned == NULL)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Not enough memory to turn the image"));
          return NULL;
        }
      g_set_object (&pixbuf, turned);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
rd_image_document_iface_init (RdViewerDocumentInterface *iface)
{
  iface->get_n_pages = rd_image_document_get_n_pages;
  iface->get_page_size = rd_image_document_get_page_size;
  iface->render_page = rd_image_document_render_page;
}

static void
rd_image_document_finalize (GObject *object)
{
  RdImageDocument *self = RD_IMAGE_DOCUMENT (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->preview);

  G_OBJECT_CLASS (rd_image_document_parent_class)->finalize (object);
}

static void
rd_image_document_class_init (RdImageDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_image_document_finalize;
}

static void
rd_image_document_init (RdImageDocument *self)
{
  self->orientation = 1;
}

static gboolean
has_suffix_within (const guint8 *data,
                   gsize         len,
                   const char   *marker,
                   gsize         marker_len,
                   gsize         window)
{
  gsize start = len > window ? len - window : 0;

  for (gsize i = len >= marker_len ? len - marker_len + 1 : 0; i-- > start;)
    if (memcmp (data + i, marker, marker_len) == 0)
      return TRUE;

  return FALSE;
}

/* A truncated JPEG or PNG decodes without any error, grey below the cut: look for the
 * end marker (JPEG EOI, PNG IEND) near the end, allowing for padding some cameras add. */
static gboolean
check_complete (GBytes  *bytes,
                GError **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gboolean complete = TRUE;

  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    complete = has_suffix_within (data, len, "\xFF\xD9", 2, 4096);
  else if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    complete = has_suffix_within (data, len, "IEND", 4, 4096);
  else if (len >= 12 && memcmp (data + 4, "ftyp", 4) == 0
           && (memcmp (data + 8, "heic", 4) == 0 || memcmp (data + 8, "heix", 4) == 0
               || memcmp (data + 8, "mif1", 4) == 0))
    {
      gboolean found = FALSE;
      g_autoptr (GSList) formats = gdk_pixbuf_get_formats ();

      for (const GSList *l = formats; l != NULL; l = l->next)
        {
          g_autofree char *name = gdk_pixbuf_format_get_name (l->data);
          if (g_str_has_prefix (name, "heif"))
            found = TRUE;
        }

      if (!found)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("HEIC photos cannot be shown on this computer: "
                         "ask for a JPEG or a PDF instead"));
          return FALSE;
        }
    }

  if (!complete)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The image file is incomplete: it stops before its end "
                     "(an interrupted upload or copy?)"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rd_image_document_new:
 * @bytes: the image file's content
 * @error: a #GError
 *
 * Checks that the image is complete and not too large, and reads its size and EXIF
 * orientation from a small decode. Fails with %RD_ERROR_INVALID otherwise.
 */
RdImageDocument *
rd_image_document_new (GBytes  *bytes,
                       GError **error)
{
  g_autoptr (RdImageDocument) self = NULL;
  g_autoptr (GdkPixbuf) probe = NULL;
  SizeRequest request = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_complete (bytes, error))
    return NULL;

  probe = decode (bytes, &request, NULL, error);
  if (probe == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_IMAGE_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->raw_width = request.raw_width;
  self->raw_height = request.raw_height;
  self->orientation = request.orientation;
  self->preview = g_steal_pointer (&probe);

  return g_steal_pointer (&self);
}

int
rd_image_document_get_orientation (RdImageDocument *self)
{
  g_return_val_if_fail (RD_IS_IMAGE_DOCUMENT (self), 1);

  return self->orientation;
}
