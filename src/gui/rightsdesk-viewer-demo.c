/* rightsdesk-viewer-demo.c: the document viewer alone, to look at a file
 *
 *   rightsdesk-viewer-demo FILE [--screenshot=OUT.png]
 *
 * With --screenshot, the window is saved as a PNG once the first page is on screen,
 * and the demo quits (for checks under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rightsdesk-viewer-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "rd-document-view.h"

static char *screenshot_path;
static GFile *file;

static gboolean
save_screenshot_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, width, height);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &viewport);
  if (!gdk_texture_save_to_png (texture, screenshot_path))
    g_printerr ("Cannot save %s\n", screenshot_path);

  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
state_cb (RdDocumentView *view,
          GParamSpec     *pspec,
          GtkWidget      *window)
{
  RdDocumentViewState state = rd_document_view_get_state (view);

  if (screenshot_path == NULL)
    return;

  /* error and password pages have nothing more to wait for */
  if (state == RD_DOCUMENT_VIEW_ERROR || state == RD_DOCUMENT_VIEW_PASSWORD)
    g_timeout_add (300, save_screenshot_cb, window);
}

static void
page_ready_cb (RdPageCanvas *canvas,
               guint         page,
               GtkWidget    *window)
{
  if (screenshot_path == NULL)
    return;

  g_signal_handlers_disconnect_by_func (canvas, page_ready_cb, window);
  /* leave time for the thumbnails to arrive */
  g_timeout_add (700, save_screenshot_cb, window);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = rd_document_view_new ();
  g_autofree char *name = g_file_get_basename (file);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), name);

  g_signal_connect (view, "notify::state", G_CALLBACK (state_cb), window);
  g_signal_connect (rd_document_view_get_canvas (RD_DOCUMENT_VIEW (view)), "page-ready",
                    G_CALLBACK (page_ready_cb), window);
  rd_document_view_load_file (RD_DOCUMENT_VIEW (view), file);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;
  const char *path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--screenshot="))
        screenshot_path = g_strdup (argv[i] + strlen ("--screenshot="));
      else
        path = argv[i];
    }

  if (path == NULL)
    {
      g_printerr ("Usage: %s FILE [--screenshot=OUT.png]\n", argv[0]);
      return 1;
    }

  file = g_file_new_for_commandline_arg (path);
  app = adw_application_new ("io.github.rightsdesk.RightsDesk.ViewerDemo", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
