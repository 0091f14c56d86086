/* rd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "rd-date.h"
#include "rd-demo.h"
#include "rd-gui-util.h"
#include "rd-new-case-window.h"
#include "rd-reminders.h"
#include "rd-reports-page.h"
#include "rd-window-private.h"

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  const char *name;
  const char *title;
  const char *icon;
} Place;

static const Place places[] = {
  { "cases", N_("Cases"), "view-list-symbolic" },
  { "calendar", N_("Calendar"), "x-office-calendar-symbolic" },
  { "review", N_("Review"), "security-high-symbolic" },
  { "reports", N_("Reports"), "x-office-spreadsheet-symbolic" },
};

/* Settings: a missing schema means nothing is remembered, never a crash. */

static void
save_filter (RdWindow *self)
{
  const RdCaseFilter *filter = rd_cases_page_get_filter (self->cases_page);
  g_autoptr (GStrvBuilder) statuses = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) types = g_strv_builder_new ();
  g_auto (GStrv) status_list = NULL;
  g_auto (GStrv) type_list = NULL;

  if (self->settings == NULL)
    return;

  for (guint i = 0; i < RD_N_STATUSES; i++)
    if (filter->statuses & (1u << i))
      g_strv_builder_add (statuses, rd_case_status_to_string (i));
  for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
    if (filter->types & (1u << i))
      g_strv_builder_add (types, rd_request_type_to_string (i));
  status_list = g_strv_builder_end (statuses);
  type_list = g_strv_builder_end (types);

  g_settings_delay (self->settings);
  g_settings_set_strv (self->settings, "filter-status", (const char * const *) status_list);
  g_settings_set_strv (self->settings, "filter-type", (const char * const *) type_list);
  g_settings_set_string (self->settings, "filter-client", filter->client ? filter->client : "");
  g_settings_set_string (self->settings, "filter-jurisdiction",
                         filter->jurisdiction ? filter->jurisdiction : "");
  g_settings_set_boolean (self->settings, "filter-overdue", filter->overdue);
  g_settings_set_boolean (self->settings, "filter-due-this-week", filter->due_this_week);
  g_settings_apply (self->settings);
}

static void
load_filter (RdWindow     *self,
             RdCaseFilter *filter)
{
  g_auto (GStrv) statuses = NULL;
  g_auto (GStrv) types = NULL;
  g_autofree char *client = NULL;
  g_autofree char *jurisdiction = NULL;

  /* Without the settings schema (an uninstalled build), the schema's default: open cases. */
  if (self->settings == NULL)
    {
      for (guint i = 0; i < RD_N_STATUSES; i++)
        if (rd_case_status_is_open (i))
          filter->statuses |= 1u << i;
      return;
    }

  statuses = g_settings_get_strv (self->settings, "filter-status");
  types = g_settings_get_strv (self->settings, "filter-type");
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      RdCaseStatus status;

      if (rd_case_status_from_string (statuses[i], &status))
        filter->statuses |= 1u << status;
    }
  for (guint i = 0; types[i] != NULL; i++)
    {
      RdRequestType type;

      if (rd_request_type_from_string (types[i], &type))
        filter->types |= 1u << type;
    }
  client = g_settings_get_string (self->settings, "filter-client");
  jurisdiction = g_settings_get_string (self->settings, "filter-jurisdiction");
  filter->client = *client != '\0' ? g_steal_pointer (&client) : NULL;
  filter->jurisdiction = *jurisdiction != '\0' ? g_steal_pointer (&jurisdiction) : NULL;
  filter->overdue = g_settings_get_boolean (self->settings, "filter-overdue");
  filter->due_this_week = g_settings_get_boolean (self->settings, "filter-due-this-week");
}

static gboolean
rd_window_close_request (GtkWindow *window)
{
  RdWindow *self = RD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

/* Places and navigation */

static void
update_header (RdWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean on_case = g_strcmp0 (self->place, "case") == 0;
  const char *title = NULL;
  const char *subtitle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_strcmp0 (places[i].name, self->place) == 0)
      title = _(places[i].title);

  if (on_case)
    {
      RdCase *item = rd_case_page_get_case (self->case_page);

      title = item != NULL ? rd_case_get_reference (item) : _("Case");
      subtitle = item != NULL ? rd_case_get_client (item) : NULL;
    }
  /* Whose identity is checked, also when the list of cases is folded away. */
  else if (g_strcmp0 (self->place, "review") == 0)
    subtitle = rd_id_review_get_reference (rd_review_page_get_review (self->review_page));

  adw_window_title_set_title (self->content_title, title != NULL ? title : "");
  adw_window_title_set_subtitle (self->content_title, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->back_button, folded || on_case);
  adw_header_bar_set_show_start_title_buttons (self->content_header, folded);
  adw_header_bar_set_show_end_title_buttons (self->sidebar_header, folded);
  gtk_widget_set_visible (self->new_case_button, self->ready);
}

static void
select_place_row (RdWindow   *self,
                  const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_strcmp0 (places[i].name, name) == 0)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->places, i);

        if (gtk_list_box_get_selected_row (self->places) != row)
          gtk_list_box_select_row (self->places, row);
      }
}

void
rd_window_show_place (RdWindow   *self,
                      const char *place)
{
  char *copy;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (place != NULL);

  if (gtk_stack_get_child_by_name (self->place_stack, place) == NULL)
    return;

  /* @place may be our own list_place (going back): keep it apart from what is freed. */
  copy = g_strdup (place);
  g_free (self->place);
  self->place = copy;
  place = copy;

  if (g_strcmp0 (place, "case") != 0)
    {
      g_free (self->list_place);
      self->list_place = g_strdup (place);
      select_place_row (self, place);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "selected-place", place);
    }

  gtk_stack_set_visible_child_name (self->place_stack, place);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  update_header (self);

  if (g_strcmp0 (place, "calendar") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->calendar_view));
  /* The case page's shortcuts (pause, resume, extend) act where the focus is inside it. */
  else if (g_strcmp0 (place, "case") == 0)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->case_page)))
        gtk_widget_child_focus (GTK_WIDGET (self->case_page), GTK_DIR_TAB_FORWARD);
    }
  else if (g_strcmp0 (place, "review") == 0)
    rd_review_page_refresh (self->review_page);
}

const char *
rd_window_get_place (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->place;
}

void
rd_window_show_case (RdWindow   *self,
                     const char *reference)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (reference != NULL);

  rd_case_page_set_reference (self->case_page, reference);
  rd_window_show_place (self, "case");
}

static void
place_selected_cb (GtkListBox    *box,
                   GtkListBoxRow *row,
                   RdWindow      *self)
{
  const char *name;

  if (row == NULL)
    return;

  name = g_object_get_data (G_OBJECT (row), "rd-place");
  if (g_strcmp0 (name, self->place) != 0)
    rd_window_show_place (self, name);
}

static void
place_activated_cb (GtkListBox    *box,
                    GtkListBoxRow *row,
                    RdWindow      *self)
{
  /* When folded, activating the place already shown goes forward to it. */
  rd_window_show_place (self, g_object_get_data (G_OBJECT (row), "rd-place"));
}

/* Tab leaves the sidebar for the place it shows, as in GNOME Settings: the arrow keys move
 * between places, and Tab from one would otherwise open the next. */
static gboolean
places_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               RdWindow              *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
                                         (state & GDK_SHIFT_MASK)))
    return gtk_widget_child_focus (GTK_WIDGET (self->sidebar_header), GTK_DIR_TAB_BACKWARD);
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) && !adw_leaflet_get_folded (self->leaflet))
    return gtk_widget_child_focus (GTK_WIDGET (self->place_stack), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
folded_cb (AdwLeaflet *leaflet,
           GParamSpec *pspec,
           RdWindow   *self)
{
  update_header (self);
}

static void
case_activated_cb (RdCasesPage *page,
                   RdCase      *item,
                   RdWindow    *self)
{
  rd_window_show_case (self, rd_case_get_reference (item));
}

static void
calendar_case_activated_cb (RdCalendarView *view,
                            const char     *reference,
                            RdWindow       *self)
{
  rd_window_show_case (self, reference);
}

static void
filter_changed_cb (RdCasesPage *page,
                   RdWindow    *self)
{
  save_filter (self);
  rd_calendar_view_set_filter (self->calendar_view, rd_cases_page_get_filter (page));
}

static void
store_case_changed_cb (RdStore    *store,
                       const char *reference,
                       RdWindow   *self)
{
  /* New and changed cases may enter or leave the list and the calendar. */
  rd_cases_page_reload (self->cases_page);
  rd_calendar_view_reload (self->calendar_view);
  update_header (self);
}

/* Opening a database off the main thread */

typedef struct
{
  char     *path;
  guint     demo_cases;
  RdWindow *self;   /* only for the progress counters, written atomically */
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *d = data;

  g_free (d->path);
  g_object_unref (d->self);
  g_free (d);
}

static void
demo_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  RdWindow *self = user_data;

  g_atomic_int_set (&self->progress_done, done);
  g_atomic_int_set (&self->progress_total, total);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *d = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;

  /* The worker's own connection does the slow part: migrations and demo data. */
  store = rd_store_open (d->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (d->demo_cases > 0
      && !rd_demo_fill (store, d->demo_cases, 20261120, demo_progress_cb, d->self, cancellable,
                        &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  RdWindow *self = user_data;
  int done = g_atomic_int_get (&self->progress_done);
  int total = g_atomic_int_get (&self->progress_total);

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%d of %d demonstration cases"), done, total);

      gtk_progress_bar_set_fraction (self->loading_progress, (double) done / total);
      gtk_progress_bar_set_text (self->loading_progress, text);
    }
  else
    gtk_progress_bar_pulse (self->loading_progress);

  return G_SOURCE_CONTINUE;
}

static gboolean
show_progress_cb (gpointer user_data)
{
  RdWindow *self = user_data;

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  self->progress_id = g_timeout_add (100, progress_tick_cb, self);
  progress_tick_cb (self);
  return G_SOURCE_REMOVE;
}

static void
set_store (RdWindow *self,
           RdStore  *store)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_case_changed_cb, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "case-changed", G_CALLBACK (store_case_changed_cb), self, 0);

  rd_cases_page_set_store (self->cases_page, store);
  rd_case_page_set_store (self->case_page, store);
  rd_calendar_view_set_store (self->calendar_view, store);
  rd_review_page_set_store (self->review_page, store);
  rd_reports_page_set_store (RD_REPORTS_PAGE (gtk_stack_get_child_by_name (self->place_stack,
                                                                           "reports")),
                             store);
}

static gboolean
reminders_cb (gpointer user_data)
{
  RdWindow *self = user_data;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  int days = self->settings != NULL ? g_settings_get_int (self->settings, "reminder-days") : 7;
  g_autoptr (GError) error = NULL;

  if (self->store != NULL && app != NULL && self->demo_dir == NULL
      && rd_reminders_run (app, self->store, days, NULL, &error) < 0)
    g_warning ("Reminders: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static gboolean
first_reminders_cb (gpointer user_data)
{
  RdWindow *self = user_data;

  reminders_cb (self);
  self->reminder_id = g_timeout_add_seconds (3600, reminders_cb, self);
  return G_SOURCE_REMOVE;
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RdWindow *self = RD_WINDOW (source);
  OpenData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->open_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || (store = rd_store_open (d->path, &error)) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rd_gui_toast_error (GTK_WIDGET (self), _("Could not open the database"), error);
      if (self->store != NULL)
        gtk_stack_set_visible_child_name (self->main_stack, "main");
      else
        rd_window_show_first_run (self);
      return;
    }

  if (self->settings != NULL && self->demo_dir == NULL)
    g_settings_set_string (self->settings, "database-path", d->path);

  set_store (self, store);
  self->ready = TRUE;
  rd_window_update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  /* A case page would show a case of the database just closed. */
  if (g_strcmp0 (self->place, "case") == 0)
    rd_window_show_place (self, self->list_place ? self->list_place : "cases");
  update_header (self);

  /* Reminders wait until the window is drawn, then come back every hour. */
  g_clear_handle_id (&self->reminder_id, g_source_remove);
  self->reminder_id = g_timeout_add_seconds (10, first_reminders_cb, self);
}

static void
cancel_open_cb (GtkButton *button,
                RdWindow  *self)
{
  g_cancellable_cancel (self->open_cancellable);
}

static void
remove_demo_dir (RdWindow *self)
{
  const char *names[] = { "cases.db", "cases.db-wal", "cases.db-shm", "cases.db-journal" };

  if (self->demo_dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (self->demo_dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

void
rd_window_open_database (RdWindow   *self,
                         const char *path,
                         guint       demo_cases)
{
  g_autoptr (GTask) task = NULL;
  OpenData *d;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  g_atomic_int_set (&self->progress_done, 0);
  g_atomic_int_set (&self->progress_total, 0);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_progress_bar_set_text (self->loading_progress, demo_cases > 0 ? _("Preparing demonstration "
                                                                        "cases")
                                                                    : _("Checking the database"));
  rd_gui_status_page_set_text (self->loading_page, path);
  /* A database that opens at once (the usual case) goes straight to its cases: the progress
   * page only comes when opening takes a while. */
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add (250, show_progress_cb, self);

  d = g_new0 (OpenData, 1);
  d->path = g_strdup (path);
  d->demo_cases = demo_cases;
  d->self = g_object_ref (self);

  task = g_task_new (self, self->open_cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, rd_window_open_database);
  g_task_set_task_data (task, d, open_data_free);
  g_task_run_in_thread (task, open_worker);
}

void
rd_window_open_demo (RdWindow *self,
                     guint     n_cases)
{
  g_autofree char *template = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));

  set_store (self, NULL);
  remove_demo_dir (self);

  /* A throwaway database lives in the session's runtime directory (memory-backed on most
   * systems), or the temporary directory without one. */
  template = g_build_filename (g_get_user_runtime_dir (), "rightsdesk-demo-XXXXXX", NULL);
  self->demo_dir = g_mkdtemp (g_steal_pointer (&template));
  if (self->demo_dir == NULL)
    self->demo_dir = g_dir_make_tmp ("rightsdesk-demo-XXXXXX", NULL);
  if (self->demo_dir == NULL)
    {
      g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                      g_strerror (errno));
      rd_gui_toast_error (GTK_WIDGET (self), _("Could not create the demo database"), error);
      return;
    }

  path = g_build_filename (self->demo_dir, "cases.db", NULL);
  rd_window_open_database (self, path, n_cases);
}

void
rd_window_show_first_run (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, "first-run");
}

RdStore *
rd_window_get_store (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
rd_window_get_ready (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);

  return self->ready;
}

GtkWidget *
rd_window_get_cases_page (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->cases_page);
}

GtkWidget *
rd_window_get_case_page (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->case_page);
}

GtkWidget *
rd_window_get_calendar_view (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->calendar_view);
}

static void
new_case_created_cb (RdNewCaseWindow *form,
                     const char      *reference,
                     RdWindow        *self)
{
  g_autofree char *text = g_strdup_printf (_("Case %s recorded"), reference);

  rd_gui_toast (GTK_WIDGET (self), text);
  rd_window_show_case (self, reference);
}

GtkWindow *
rd_window_new_case (RdWindow *self)
{
  RdNewCaseWindow *form;

  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;

  form = rd_new_case_window_new (GTK_WINDOW (self), self->store, self->settings);
  g_signal_connect_object (form, "case-created", G_CALLBACK (new_case_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return GTK_WINDOW (form);
}

/* GObject */

static GtkWidget *
place_row (const Place *place)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(place->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (place->icon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "rd-place", (gpointer) place->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(place->title), -1);
  return row;
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->reminder_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_case_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->open_cancellable);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  /* After every connection to it is closed. */
  remove_demo_dir (self);
  g_free (self->place);
  g_free (self->list_place);

  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;
  window_class->close_request = rd_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_cancel);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, places);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, new_case_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, place_stack);

  rd_window_actions_init (klass);
}

/* Alt+Left goes back from a case to its list. The leaflet binds the same key further in and
 * would take it to move to the sidebar (unseen while unfolded), so the window looks first. */
static gboolean
back_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  RdWindow *self = RD_WINDOW (widget);

  if (g_strcmp0 (self->place, "case") != 0 && !adw_leaflet_get_folded (self->leaflet))
    return FALSE;

  return gtk_widget_activate_action (widget, "win.back", NULL);
}

static void
rd_window_init (RdWindow *self)
{
  GtkEventController *back_keys, *places_keys;

  RdCaseFilter filter = { 0 };
  g_autofree char *place = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = rd_gui_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    gtk_list_box_append (self->places, place_row (&places[i]));
  g_signal_connect (self->places, "row-selected", G_CALLBACK (place_selected_cb), self);
  g_signal_connect (self->places, "row-activated", G_CALLBACK (place_activated_cb), self);
  places_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (places_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (places_keys, "key-pressed", G_CALLBACK (places_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->places), places_keys);
  g_signal_connect (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  g_signal_connect (self->loading_cancel, "clicked", G_CALLBACK (cancel_open_cb), self);

  back_keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (back_keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (back_keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left,
                                                                                  GDK_ALT_MASK),
                                                          gtk_callback_action_new (back_key_cb,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), back_keys);

  self->cases_page = RD_CASES_PAGE (rd_cases_page_new ());
  g_signal_connect (self->cases_page, "case-activated", G_CALLBACK (case_activated_cb), self);
  g_signal_connect (self->cases_page, "filter-changed", G_CALLBACK (filter_changed_cb), self);
  gtk_stack_add_named (self->place_stack, GTK_WIDGET (self->cases_page), "cases");

  self->calendar_view = RD_CALENDAR_VIEW (rd_calendar_view_new ());
  g_signal_connect (self->calendar_view, "case-activated",
                    G_CALLBACK (calendar_case_activated_cb), self);
  gtk_stack_add_named (self->place_stack, GTK_WIDGET (self->calendar_view), "calendar");

  self->review_page = RD_REVIEW_PAGE (rd_review_page_new ());
  g_signal_connect_object (rd_review_page_get_review (self->review_page), "notify::reference",
                           G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->place_stack, GTK_WIDGET (self->review_page), "review");
  gtk_stack_add_named (self->place_stack, rd_reports_page_new (), "reports");

  self->case_page = RD_CASE_PAGE (rd_case_page_new ());
  gtk_stack_add_named (self->place_stack, GTK_WIDGET (self->case_page), "case");

  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      place = g_settings_get_string (self->settings, "selected-place");
    }

  load_filter (self, &filter);
  /* The calendar follows through the page's filter-changed signal. */
  rd_cases_page_set_filter (self->cases_page, &filter);
  rd_case_filter_clear (&filter);

  rd_window_show_place (self, place != NULL && *place != '\0' ? place : "cases");
  /* Until the application opens a database or finds none (then the first-run page). */
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  rd_window_update_actions (self);
}

RdWindow *
rd_window_new (AdwApplication *application)
{
  return g_object_new (RD_TYPE_WINDOW, "application", application, NULL);
}
