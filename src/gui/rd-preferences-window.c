/* rd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-calendar.h"
#include "rd-gui-util.h"
#include "rd-jurisdiction.h"
#include "rd-preferences-window.h"
#include "rd-store.h"

struct _RdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GPtrArray *jurisdictions;       /* ids, in the order of their names */
  GPtrArray *jurisdiction_names;
  GPtrArray *calendars;
  GPtrArray *calendar_names;
  GtkWidget *database_row;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows show "None" then the names; the setting holds the id or "". */
static void
combo_to_setting_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     gpointer     user_data)
{
  RdPreferencesWindow *self = g_object_get_data (G_OBJECT (row), "rd-window");
  GPtrArray *ids = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "rd-key");
  guint i = adw_combo_row_get_selected (row);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, key,
                           i > 0 && i <= ids->len ? g_ptr_array_index (ids, i - 1) : "");
}

static GtkWidget *
id_combo (RdPreferencesWindow *self,
          const char          *title,
          const char          *key,
          GPtrArray           *ids,
          GPtrArray           *names)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *current = self->settings != NULL ? g_settings_get_string (self->settings, key)
                                                    : NULL;

  gtk_string_list_append (list, _("None"));
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (names, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  rd_gui_combo_row_show_long_names (ADW_COMBO_ROW (row));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  if (current != NULL)
    for (guint i = 0; i < ids->len; i++)
      if (g_strcmp0 (current, g_ptr_array_index (ids, i)) == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i + 1);
  g_object_set_data (G_OBJECT (row), "rd-window", self);
  g_object_set_data (G_OBJECT (row), "rd-key", (gpointer) key);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_to_setting_cb), ids);
  return row;
}

static void
database_response_cb (GtkNativeDialog     *dialog,
                      int                  response,
                      RdPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->settings != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "database-path", path);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->database_row), path);
        }
    }
  g_object_unref (dialog);
}

static void
choose_database_cb (GtkButton           *button,
                    RdPreferencesWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Database Location"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Select"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "cases.db");
  g_signal_connect (chooser, "response", G_CALLBACK (database_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
rd_preferences_window_dispose (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_finalize (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->jurisdictions, g_ptr_array_unref);
  g_clear_pointer (&self->jurisdiction_names, g_ptr_array_unref);
  g_clear_pointer (&self->calendar_names, g_ptr_array_unref);
  g_clear_pointer (&self->calendars, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->finalize (object);
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_preferences_window_dispose;
  object_class->finalize = rd_preferences_window_finalize;
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  /* Listed by their names, as people read them; the settings keep the ids. */
  self->jurisdictions = rd_gui_list_jurisdictions ();
  self->jurisdiction_names = g_ptr_array_new_with_free_func (g_free);
  rd_gui_sort_by_name (self->jurisdictions, self->jurisdiction_names, FALSE);
  self->calendars = rd_gui_list_calendars ();
  self->calendar_names = g_ptr_array_new_with_free_func (g_free);
  rd_gui_sort_by_name (self->calendars, self->calendar_names, TRUE);
}

GtkWidget *
rd_preferences_window_new (GtkWindow *parent,
                           GSettings *settings,
                           RdStore   *store)
{
  RdPreferencesWindow *self;
  GtkWidget *page, *group, *row, *spin, *button;
  g_autofree char *path = NULL;

  self = g_object_new (RD_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE,
                       "search-enabled", FALSE, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-system-symbolic");

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Cases"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the new-case form starts with"));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Default client"));
  rd_gui_add_clients_menu (ADW_ENTRY_ROW (row), store);
  if (settings != NULL)
    g_settings_bind (settings, "default-client", row, "text", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             id_combo (self, _("Default jurisdiction"), "default-jurisdiction",
                                       self->jurisdictions, self->jurisdiction_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             id_combo (self, _("Default holiday calendar"), "default-calendar",
                                       self->calendars, self->calendar_names));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Reminders"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Remind me of cases due within"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Days; 0 turns reminders off"));
  spin = gtk_spin_button_new_with_range (0, 60, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reminder days"), -1);
  if (settings != NULL)
    g_settings_bind (settings, "reminder-days", spin, "value", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 7);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Database"));
  self->database_row = row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Location"));
  /* The subtitle is a path, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  path = settings != NULL ? g_settings_get_string (settings, "database-path") : NULL;
  if (path == NULL || *path == '\0')
    {
      g_free (path);
      path = rd_store_default_path ();
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  button = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, settings != NULL);
  g_signal_connect (button, "clicked", G_CALLBACK (choose_database_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (settings == NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Settings are not installed: changes here are "
                                             "not remembered."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  return GTK_WIDGET (self);
}
