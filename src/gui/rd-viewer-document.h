/* rd-viewer-document.h: a document the viewer can show (a PDF or an image)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk/gdk.h>

G_BEGIN_DECLS

#define RD_TYPE_VIEWER_DOCUMENT (rd_viewer_document_get_type ())

G_DECLARE_INTERFACE (RdViewerDocument, rd_viewer_document, RD, VIEWER_DOCUMENT, GObject)

/* One search hit: a rectangle in page units (points for PDFs, pixels for images),
 * origin at the top left of the page as poppler shows it (its /Rotate applied). */
typedef struct
{
  guint  page;
  double x;
  double y;
  double width;
  double height;
} RdFindHit;

/* Pages larger than this many pixels are rendered at a lower resolution and drawn
 * stretched: a 800 % Letter page (31 MP) still fits, a 800 % 48 MP photo does not. */
#define RD_VIEWER_MAX_RENDER_PIXELS (32 * 1024 * 1024)

struct _RdViewerDocumentInterface
{
  GTypeInterface parent_iface;

  guint        (*get_n_pages)   (RdViewerDocument *self);
  void         (*get_page_size) (RdViewerDocument *self,
                                 guint             page,
                                 double           *width,
                                 double           *height);
  GdkTexture * (*render_page)   (RdViewerDocument *self,
                                 guint             page,
                                 double            scale,
                                 guint             rotation,
                                 GCancellable     *cancellable,
                                 GError          **error);
  gboolean     (*can_search)    (RdViewerDocument *self);
  GArray *     (*find_text)     (RdViewerDocument *self,
                                 guint             page,
                                 const char       *text,
                                 GCancellable     *cancellable,
                                 GError          **error);
};

RdViewerDocument *rd_viewer_document_new_from_bytes (GBytes               *bytes,
                                                     const char           *password,
                                                     GError              **error);
RdViewerDocument *rd_viewer_document_load           (GFile                *file,
                                                     const char           *password,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void              rd_viewer_document_load_async     (GFile                *file,
                                                     const char           *password,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
RdViewerDocument *rd_viewer_document_load_finish    (GAsyncResult         *result,
                                                     GError              **error);
gboolean          rd_viewer_document_error_is_password (const GError      *error);

guint             rd_viewer_document_get_n_pages    (RdViewerDocument     *self);
void              rd_viewer_document_get_page_size  (RdViewerDocument     *self,
                                                     guint                 page,
                                                     guint                 rotation,
                                                     double               *width,
                                                     double               *height);
GdkTexture       *rd_viewer_document_render_page    (RdViewerDocument     *self,
                                                     guint                 page,
                                                     double                scale,
                                                     guint                 rotation,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean          rd_viewer_document_can_search     (RdViewerDocument     *self);
GArray           *rd_viewer_document_find_text      (RdViewerDocument     *self,
                                                     guint                 page,
                                                     const char           *text,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

/* For the implementations. */
GdkTexture       *rd_viewer_texture_new_for_surface (gpointer              cairo_surface);
void              rd_viewer_clamp_render_size       (double               *width,
                                                     double               *height);

G_END_DECLS
