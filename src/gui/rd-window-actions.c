/* rd-window-actions.c: the window's actions and keyboard shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-client-systems-window.h"
#include "rd-date.h"
#include "rd-ical-export.h"
#include "rd-window-private.h"

static void
new_case_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rd_window_new_case (RD_WINDOW (widget));
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_place (self, "cases");
  rd_cases_page_focus_search (self->cases_page);
}

static void
place_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  rd_window_show_place (RD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (g_strcmp0 (self->place, "case") == 0)
    rd_window_show_place (self, self->list_place != NULL ? self->list_place : "cases");
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Files */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  RdWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        rd_window_open_database (self, path, 0);
    }

  g_object_unref (dialog);
}

static GtkFileChooserNative *
database_chooser (RdWindow             *self,
                  const char           *title,
                  GtkFileChooserAction  action,
                  const char           *accept)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Case databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (filter, "application/x-sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  return chooser;
}

static void
open_database_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser = database_chooser (RD_WINDOW (widget), _("Open a Case Database"),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_database_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkFileChooserNative *chooser = database_chooser (RD_WINDOW (widget),
                                                    _("Create a Case Database"),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "cases.db");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
create_default_database_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_autofree char *path = rd_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  rd_window_open_database (RD_WINDOW (widget), path, 0);
}

static void
open_demo_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *n = g_getenv ("RIGHTSDESK_DEMO_CASES");

  rd_window_open_demo (RD_WINDOW (widget), n != NULL ? (guint) g_ascii_strtoull (n, NULL, 10)
                                                     : 2000);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RdWindow *self = RD_WINDOW (source);
  g_autoptr (GError) error = NULL;
  guint n = rd_ical_export_finish (result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rd_gui_toast_error (GTK_WIDGET (self), _("Could not export the due dates"), error);
      return;
    }

  {
    /* Translators: a toast after exporting to iCalendar */
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Exported %u due date",
                                                          "Exported %u due dates", n), n);
    rd_gui_toast (GTK_WIDGET (self), text);
  }
}

void
rd_window_export_calendar (RdWindow *self,
                           GFile    *file)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  rd_gui_toast (GTK_WIDGET (self), _("Exporting due dates…"));
  rd_ical_export_async (G_OBJECT (self), rd_store_get_path (self->store), file,
                        rd_cases_page_get_filter (self->cases_page), self->cancellable,
                        export_done_cb, NULL);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    RdWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      rd_window_export_calendar (self, file);
    }

  g_object_unref (dialog);
}

static void
export_calendar_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Due Dates"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "due-dates.ics");
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The systems of the client in view: the shown case's, else the default client's. */
static void
client_systems_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdCase *item = g_strcmp0 (self->place, "case") == 0 ? rd_case_page_get_case (self->case_page)
                                                        : NULL;
  g_autofree char *client = NULL;

  if (item != NULL)
    client = g_strdup (rd_case_get_client (item));
  else if (self->settings != NULL)
    client = g_settings_get_string (self->settings, "default-client");
  gtk_window_present (GTK_WINDOW (rd_client_systems_window_new (GTK_WINDOW (self), self->store,
                                                                client)));
}

void
rd_window_update_actions (RdWindow *self)
{
  gboolean ready = self->store != NULL && self->ready;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.place", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-calendar", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.client-systems", ready);
}

/* A case's "Review Identity" button: the Review place, on that case. */
static void
review_case_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_window_show_place (self, "review");
  rd_review_page_show_case (self->review_page, g_variant_get_string (parameter, NULL));
}

/* The case page binds its own keys too, but those act only while the focus is inside it; the
 * focus leaves when a dialog closes or the page is refilled, so the window passes them on. */
static gboolean
case_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  RdWindow *self = RD_WINDOW (widget);

  if (g_strcmp0 (self->place, "case") != 0)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self->case_page),
                                     g_variant_get_string (args, NULL), NULL);
}

void
rd_window_actions_init (RdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_cb);
  gtk_widget_class_install_action (widget_class, "win.place", "s", place_cb);
  gtk_widget_class_install_action (widget_class, "win.review-case", "s", review_case_cb);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_cb);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_cb);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_cb);
  gtk_widget_class_install_action (widget_class, "win.create-default-database", NULL,
                                   create_default_database_cb);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_cb);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL, export_calendar_cb);
  gtk_widget_class_install_action (widget_class, "win.client-systems", NULL, client_systems_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.place", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.place", "s", "calendar");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.place", "s", "review");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK,
                                       "win.place", "s", "reports");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-calendar", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                case_shortcut_cb, "s", "case.pause");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                case_shortcut_cb, "s", "case.resume");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                case_shortcut_cb, "s", "case.extend");
}
