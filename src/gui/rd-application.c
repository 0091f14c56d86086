/* rd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-gui-util.h"
#include "rd-preferences-window.h"
#include "rd-window.h"

struct _RdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static RdWindow *
get_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (rd_window_new (ADW_APPLICATION (app)));

  return RD_WINDOW (window);
}

/* Without --db or --demo: the database used last, else the default one, else the first-run
 * page that offers to create one. */
static void
open_default (RdWindow *window)
{
  g_autoptr (GSettings) settings = rd_gui_settings_new ();
  g_autofree char *path = settings != NULL ? g_settings_get_string (settings, "database-path")
                                           : NULL;

  if (path == NULL || *path == '\0')
    {
      g_free (path);
      path = rd_store_default_path ();
    }

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    rd_window_open_database (window, path, 0);
  else
    rd_window_show_first_run (window);
}

static void
rd_application_activate (GApplication *app)
{
  RdWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app)) != NULL
                     ? RD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)))
                     : NULL;

  if (window == NULL)
    {
      window = get_window (app);
      open_default (window);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static int
rd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *db = NULL;
  gboolean demo = FALSE;
  RdWindow *window;

  g_variant_dict_lookup (options, "db", "^&ay", &db);
  g_variant_dict_lookup (options, "demo", "b", &demo);

  if (!demo && db == NULL)
    {
      g_application_activate (app);
      return 0;
    }

  window = get_window (app);
  if (demo)
    {
      const char *n = g_getenv ("RIGHTSDESK_DEMO_CASES");
      rd_window_open_demo (window, n != NULL ? (guint) g_ascii_strtoull (n, NULL, 10) : 2000);
    }
  else
    {
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      g_autofree char *path = g_file_get_path (file);

      rd_window_open_database (window, path, 0);
    }

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing lets each window save its size before the application ends. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr (GSettings) settings = rd_gui_settings_new ();

  RdStore *store = RD_IS_WINDOW (parent) ? rd_window_get_store (RD_WINDOW (parent)) : NULL;

  gtk_window_present (GTK_WINDOW (rd_preferences_window_new (parent, settings, store)));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Rights Desk contributors"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Rights Desk"),
                         "application-icon", "x-office-calendar",
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Rights Desk contributors"),
                         "developers", developers,
                         "comments", _("Handle privacy-rights requests on time, with the legal "
                                       "deadline of each jurisdiction and a verifiable record."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Rights Desk contributors",
                         NULL);
}

static void
show_case_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RdWindow *window = get_window (G_APPLICATION (user_data));

  if (rd_window_get_ready (window))
    rd_window_show_case (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_place_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  RdWindow *window = get_window (G_APPLICATION (user_data));

  rd_window_show_place (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_cb },
  { "preferences", preferences_cb },
  { "about", about_cb },
  { "show-case", show_case_cb, "s" },
  { "show-place", show_place_cb, "s" },
};

static void
rd_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (app);

  /* File choosers would list every package, case file and ID scan saved or opened here in
   * the desktop's recent files, named after the case or the requester: not kept. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = rd_application_activate;
  app_class->command_line = rd_application_command_line;
  app_class->startup = rd_application_startup;
}

static void
rd_application_init (RdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the case database at PATH"), N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open a throwaway database filled with demonstration cases"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Handle privacy-rights requests on time."));
}

RdApplication *
rd_application_new (void)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
