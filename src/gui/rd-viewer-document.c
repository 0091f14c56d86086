/* rd-viewer-document.c: loading a PDF or an image for the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-viewer-document"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "rd-error.h"
#include "rd-image-document.h"
#include "rd-pdf-document.h"
#include "rd-viewer-document.h"

/* Files above this are refused before reading: a review document is a scan or a photo. */
#define MAX_FILE_BYTES ((goffset) 200 * 1024 * 1024)

G_DEFINE_INTERFACE (RdViewerDocument, rd_viewer_document, G_TYPE_OBJECT)

static void
rd_viewer_document_default_init (RdViewerDocumentInterface *iface)
{
}

static gboolean
looks_like_pdf (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  /* The header may follow a little junk (PDF 32000-1 §7.5.2 readers accept it within 1 KiB). */
  len = MIN (len, 1024);
  for (gsize i = 0; i + 5 <= len; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;

  return FALSE;
}

RdViewerDocument *
rd_viewer_document_new_from_bytes (GBytes      *bytes,
                                   const char  *password,
                                   GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The file is empty"));
      return NULL;
    }

  if (looks_like_pdf (bytes))
    return RD_VIEWER_DOCUMENT (rd_pdf_document_new (bytes, password, error));

  return RD_VIEWER_DOCUMENT (rd_image_document_new (bytes, error));
}

RdViewerDocument *
rd_viewer_document_load (GFile         *file,
                         const char    *password,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      /* Translators: %s is a file name, the second %s the system's reason */
      g_set_error (error, RD_ERROR, RD_ERROR_IO, _("Cannot read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      /* Translators: %s is a file name */
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is larger than 200 MB and cannot be shown"), name);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO, _("Cannot read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }

  return rd_viewer_document_new_from_bytes (bytes, password, error);
}

typedef struct
{
  GFile *file;
  char  *password;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  RdViewerDocument *document;

  document = rd_viewer_document_load (data->file, data->password, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
rd_viewer_document_load_async (GFile               *file,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_viewer_document_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_worker);
}

RdViewerDocument *
rd_viewer_document_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Poppler says ENCRYPTED both when no password was given and when it was wrong. */
gboolean
rd_viewer_document_error_is_password (const GError *error)
{
  return error != NULL && g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
}

guint
rd_viewer_document_get_n_pages (RdViewerDocument *self)
{
  g_return_val_if_fail (RD_IS_VIEWER_DOCUMENT (self), 0);

  return RD_VIEWER_DOCUMENT_GET_IFACE (self)->get_n_pages (self);
}

void
rd_viewer_document_get_page_size (RdViewerDocument *self,
                                  guint             page,
                                  guint             rotation,
                                  double           *width,
                                  double           *height)
{
  double w = 0, h = 0;

  g_return_if_fail (RD_IS_VIEWER_DOCUMENT (self));

  if (page < rd_viewer_document_get_n_pages (self))
    RD_VIEWER_DOCUMENT_GET_IFACE (self)->get_page_size (self, page, &w, &h);

  if (rotation == 90 || rotation == 270)
    {
      double tmp = w;
      w = h;
      h = tmp;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

GdkTexture *
rd_viewer_document_render_page (RdViewerDocument  *self,
                                guint              page,
                                double             scale,
                                guint              rotation,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_return_val_if_fail (RD_IS_VIEWER_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (page >= rd_viewer_document_get_n_pages (self))
    {
      /* Translators: %u is a page number */
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("The document has no page %u"), page + 1);
      return NULL;
    }

  if (!(scale > 0) || !isfinite (scale) || rotation % 90 != 0 || rotation >= 360)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Invalid zoom or rotation"));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return RD_VIEWER_DOCUMENT_GET_IFACE (self)->render_page (self, page, scale, rotation,
                                                           cancellable, error);
}

gboolean
rd_viewer_document_can_search (RdViewerDocument *self)
{
  g_return_val_if_fail (RD_IS_VIEWER_DOCUMENT (self), FALSE);

  if (RD_VIEWER_DOCUMENT_GET_IFACE (self)->can_search == NULL)
    return FALSE;

  return RD_VIEWER_DOCUMENT_GET_IFACE (self)->can_search (self);
}

GArray *
rd_viewer_document_find_text (RdViewerDocument  *self,
                              guint              page,
                              const char        *text,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_return_val_if_fail (RD_IS_VIEWER_DOCUMENT (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (page >= rd_viewer_document_get_n_pages (self) || *text == '\0'
      || RD_VIEWER_DOCUMENT_GET_IFACE (self)->find_text == NULL)
    return g_array_new (FALSE, TRUE, sizeof (RdFindHit));

  return RD_VIEWER_DOCUMENT_GET_IFACE (self)->find_text (self, page, text, cancellable, error);
}

/* Zero-copy: the texture keeps the cairo surface alive (GDK_MEMORY_DEFAULT is cairo's
 * ARGB32 layout, premultiplied, native endian). */
GdkTexture *
rd_viewer_texture_new_for_surface (gpointer cairo_surface)
{
  cairo_surface_t *surface = cairo_surface;
  g_autoptr (GBytes) bytes = NULL;
  int width, height, stride;

  g_assert (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Keeps the pixel count under RD_VIEWER_MAX_RENDER_PIXELS and each side under cairo's
 * 32767 limit, preserving the aspect ratio. */
void
rd_viewer_clamp_render_size (double *width,
                             double *height)
{
  double pixels = *width * *height;
  double factor = 1.0;

  if (pixels > RD_VIEWER_MAX_RENDER_PIXELS)
    factor = sqrt (RD_VIEWER_MAX_RENDER_PIXELS / pixels);
  if (*width * factor > 32000)
    factor = 32000 / *width;
  if (*height * factor > 32000)
    factor = 32000 / *height;

  *width = MAX (1, floor (*width * factor));
  *height = MAX (1, floor (*height * factor));
}
