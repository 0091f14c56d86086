/* rd-client-systems-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-client-systems-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-client.h"
#include "rd-client-systems-window.h"
#include "rd-connections-page.h"
#include "rd-gui-util.h"

struct _RdClientSystemsWindow
{
  AdwWindow          parent_instance;

  RdStore           *store;
  GtkStringList     *clients;
  GtkWidget         *dropdown;
  RdConnectionsPage *page;
};

G_DEFINE_FINAL_TYPE (RdClientSystemsWindow, rd_client_systems_window, ADW_TYPE_WINDOW)

static void
selected_cb (GtkDropDown           *dropdown,
             GParamSpec            *pspec,
             RdClientSystemsWindow *self)
{
  const char *client = rd_client_systems_window_get_client (self);

  if (client != NULL)
    rd_connections_page_set_client (self->page, client);
}

static void
rd_client_systems_window_dispose (GObject *object)
{
  RdClientSystemsWindow *self = RD_CLIENT_SYSTEMS_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  G_OBJECT_CLASS (rd_client_systems_window_parent_class)->dispose (object);
}

static void
rd_client_systems_window_class_init (RdClientSystemsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_client_systems_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_client_systems_window_init (RdClientSystemsWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Client Systems"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 780);
}

GtkWidget *
rd_client_systems_window_new (GtkWindow  *parent,
                              RdStore    *store,
                              const char *client)
{
  RdClientSystemsWindow *self;
  g_autoptr (GPtrArray) clients = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *box, *header, *status;
  guint selected = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_CLIENT_SYSTEMS_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
    }

  self->clients = gtk_string_list_new (NULL);
  clients = rd_store_list_clients (store, &error);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      const char *name = rd_client_get_name (g_ptr_array_index (clients, i));

      if (g_strcmp0 (name, client) == 0)
        selected = i;
      gtk_string_list_append (self->clients, name);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  if (clients == NULL || clients->len == 0)
    {
      /* Systems belong to a client: with none yet there is nothing to connect. */
      status = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "network-server-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Clients Yet"));
      rd_gui_status_page_set_text (ADW_STATUS_PAGE (status),
                                   error != NULL ? error->message
                                   : _("A client appears here with its first case; then its "
                                       "helpdesk, CRM and processors can be connected."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (box), status);
      adw_window_set_content (ADW_WINDOW (self), box);
      return GTK_WIDGET (self);
    }

  self->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->clients)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), selected);
  gtk_widget_set_tooltip_text (self->dropdown, _("The client whose systems are shown"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Client"), -1);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->dropdown);

  self->page = RD_CONNECTIONS_PAGE (
      rd_connections_page_new (store, rd_client_systems_window_get_client (self)));
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));
  {
    /* Errors of the page show as toasts in this window. */
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
    adw_window_set_content (ADW_WINDOW (self), overlay);
  }
  g_signal_connect (self->dropdown, "notify::selected", G_CALLBACK (selected_cb), self);
  return GTK_WIDGET (self);
}

const char *
rd_client_systems_window_get_client (RdClientSystemsWindow *self)
{
  guint selected;

  g_return_val_if_fail (RD_IS_CLIENT_SYSTEMS_WINDOW (self), NULL);

  if (self->dropdown == NULL)
    return NULL;
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  return gtk_string_list_get_string (self->clients, selected);
}
