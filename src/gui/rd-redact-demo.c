/* rd-redact-demo.c: rightsdesk-redact-demo FILE — the redaction editor on one transcript
 *
 * A demo case in a scratch database gets FILE as its transcript, and the editor opens it.
 * Not installed: it is for looking at the editor without the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redact-demo"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-date.h"
#include "rd-redaction-editor.h"

static char *subject_name;
static char **subject_emails;
static char *jurisdiction;
static char *screenshot;
static char *db_dir;

static const GOptionEntry entries[] = {
  { "subject-name", 0, 0, G_OPTION_ARG_STRING, &subject_name, "The requester’s name", "NAME" },
  { "subject-email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &subject_emails, "The requester’s e-mail (repeatable)", "EMAIL" },
  { "jurisdiction", 0, 0, G_OPTION_ARG_STRING, &jurisdiction, "The case’s law (default eu-gdpr)", "ID" },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Save a PNG of the window once the scan is done, then quit", "PNG" },
  { NULL }
};

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL || renderer == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

/* The window has no picture while a frame is due: a large transcript is still being laid
 * out for a second or two after the scan, so the shot is tried again until one is drawn. */
static gboolean
shoot_cb (gpointer data)
{
  GtkWindow *window = data;
  static guint tries;

  if (!save_screenshot (GTK_WIDGET (window), screenshot))
    {
      if (++tries < 100)
        return G_SOURCE_CONTINUE;
      g_printerr ("Could not save %s\n", screenshot);
    }
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

/* The first try 1.5 s after the scan, then every 100 ms. */
static gboolean
start_shooting_cb (gpointer window)
{
  g_timeout_add (100, shoot_cb, window);
  return G_SOURCE_REMOVE;
}

static void
busy_cb (RdRedactionEditor *editor,
         GParamSpec        *pspec,
         GtkWindow         *window)
{
  if (screenshot != NULL && !rd_redaction_editor_get_busy (editor))
    g_timeout_add (1500, start_shooting_cb, window);
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
  const char *path = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) draft = rd_case_new ();
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *db = NULL, *basename = g_file_get_basename (file);
  g_autofree char *content_type = NULL, *mime_type = NULL;
  const char *default_emails[] = { "anna.schmidt@example.org", NULL };
  GtkWidget *window, *box, *header, *editor;
  GDate today;
  gint64 document_id;

  db_dir = g_dir_make_tmp ("rightsdesk-demo-XXXXXX", &error);
  if (db_dir == NULL || (content = g_file_load_bytes (file, NULL, NULL, &error)) == NULL)
    goto fail;
  db = g_build_filename (db_dir, "cases.db", NULL);
  if ((store = rd_store_open (db, &error)) == NULL)
    goto fail;

  rd_date_today (&today);
  rd_case_set_client (draft, "Acme Retail");
  rd_case_set_jurisdiction (draft, jurisdiction ? jurisdiction : "eu-gdpr");
  rd_case_set_request_type (draft, RD_REQUEST_ACCESS);
  rd_case_set_received (draft, &today);
  rd_case_set_subject_name (draft, subject_name ? subject_name : "Anna Schmidt");
  rd_case_set_subject_emails (draft, subject_emails ? (const char * const *) subject_emails
                                                    : default_emails);
  if (!rd_store_add_case (store, draft, &error))
    goto fail;
  content_type = g_content_type_guess (basename, g_bytes_get_data (content, NULL),
                                       g_bytes_get_size (content), NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  document_id = rd_store_add_document (store, rd_case_get_reference (draft), "transcript",
                                       basename, mime_type ? mime_type : "text/plain", content,
                                       "upload", &error);
  if (document_id <= 0)
    goto fail;

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_title (GTK_WINDOW (window), basename);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (basename, rd_case_get_reference (draft)));
  editor = rd_redaction_editor_new (store);
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), editor);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (editor, "notify::busy", G_CALLBACK (busy_cb), window);

  if (!rd_redaction_editor_load_document (RD_REDACTION_EDITOR (editor),
                                          rd_case_get_reference (draft), document_id, &error))
    goto fail;
  gtk_window_present (GTK_WINDOW (window));
  return;

fail:
  g_printerr ("rightsdesk-redact-demo: %s\n", error ? error->message : "failed");
  g_application_quit (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr (AdwApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("Usage: rightsdesk-redact-demo [--subject-name N] [--subject-email E] "
                  "[--jurisdiction ID] [--screenshot PNG] FILE\n");
      return 1;
    }

  app = adw_application_new ("io.github.rightsdesk.RightsDesk.RedactDemo",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), argv[1]);
  status = g_application_run (G_APPLICATION (app), 1, argv);

  if (db_dir != NULL)
    remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
