/* rd-connections-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-connections-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-connections-page.h"
#include "rd-connector-manifest.h"
#include "rd-connector.h"
#include "rd-error.h"
#include "rd-gui-util.h"
#include "rd-secret.h"

struct _RdConnectionsPage
{
  AdwBin        parent_instance;

  RdStore      *store;
  char         *client;
  GCancellable *cancellable;

  GtkListBox   *list;
  AdwEntryRow  *client_row;
  AdwEntryRow  *name_row;
  AdwComboRow  *kind_row;
  AdwEntryRow  *url_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *manifest_row;
  AdwEntryRow  *secret_row;
  GtkLabel     *status_label;
};

G_DEFINE_FINAL_TYPE (RdConnectionsPage, rd_connections_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, PROP_CLIENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
show_status (RdConnectionsPage *self,
             const char        *message)
{
  gtk_label_set_label (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* Testing runs in a worker: the keyring and the network may both be slow. */

static void
test_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RdConnectorConfig *config = task_data;
  g_autoptr (RdConnector) connector = NULL;
  GError *error = NULL;
  char *secret;

  secret = rd_secret_lookup (rd_connector_config_get_client (config),
                             rd_connector_config_get_name (config), cancellable, &error);
  if (error == NULL)
    connector = rd_connector_new_for_config (config, secret, &error);
  if (secret != NULL)
    rd_secret_free (secret);
  if (connector != NULL && rd_connector_test_sync (connector, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (source);
  g_autoptr (RdConnectorConfig) config = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  rd_store_set_connector_result (self->store, rd_connector_config_get_name (config), ok,
                                 ok ? _("The connection works") : error->message, NULL);
  rd_connections_page_refresh (self);
}

static void
test_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (user_data);
  RdConnectorConfig *config = g_object_get_data (G_OBJECT (button), "rd-config");
  g_autoptr (GTask) task = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_button_set_label (button, _("Testing…"));
  task = g_task_new (self, self->cancellable, test_done_cb, g_object_ref (config));
  g_task_set_source_tag (task, test_clicked_cb);
  g_task_set_task_data (task, g_object_ref (config), g_object_unref);
  g_task_run_in_thread (task, test_worker);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (user_data);
  RdConnectorConfig *config = g_object_get_data (G_OBJECT (dialog), "rd-config");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  /* The secret first: a secret left in the keyring would outlive its connection. */
  if (!rd_secret_delete (rd_connector_config_get_client (config),
                         rd_connector_config_get_name (config), NULL, &error) ||
      !rd_store_remove_connector (self->store, rd_connector_config_get_name (config), &error))
    show_status (self, error->message);
  else
    show_status (self, NULL);
  rd_connections_page_refresh (self);
}

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (user_data);
  RdConnectorConfig *config = g_object_get_data (G_OBJECT (button), "rd-config");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove this system?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: a connection name */
                                  _("“%s” and its secret will be forgotten. What was already "
                                    "collected stays in the cases."),
                                  rd_connector_config_get_name (config));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "rd-config", g_object_ref (config), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* In the order of the kind row's names. */
static const RdConnectorKind kinds[] = {
  RD_CONNECTOR_KIND_REQUEST_TRACKER, RD_CONNECTOR_KIND_HTTP, RD_CONNECTOR_KIND_OPENDSR,
};

/* A kind as the kind row names it ("Request Tracker 5"), not by its id. */
static const char *
kind_name (RdConnectionsPage *self,
           RdConnectorKind    kind)
{
  GListModel *names = adw_combo_row_get_model (self->kind_row);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind && i < g_list_model_get_n_items (names))
      return gtk_string_list_get_string (GTK_STRING_LIST (names), i);
  return rd_connector_kind_to_string (kind);
}

static GtkWidget *
connection_row (RdConnectionsPage *self,
                RdConnectorConfig *config)
{
  const char *name = rd_connector_config_get_name (config);
  g_autofree char *message = NULL, *at = NULL, *subtitle = NULL, *last = NULL, *when = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *test, *remove, *icon;
  gboolean ok = FALSE;

  if (rd_store_get_connector_result (self->store, name, &ok, &message, &at, NULL))
    {
      when = rd_gui_format_timestamp (at);
      /* Translators: the last result of a connection and when it came */
      last = g_strdup_printf (_("%s (%s)"), message ? message : "", when);
    }
  else
    last = g_strdup (_("Not tried yet"));

  /* Translators: a connection's kind, client, address, then its last result */
  subtitle = g_strdup_printf (_("%s · %s · %s\n%s"),
                              kind_name (self, rd_connector_config_get_kind (config)),
                              rd_connector_config_get_client (config),
                              rd_connector_config_get_url (config), last);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  icon = gtk_image_new_from_icon_name (message == NULL ? "content-loading-symbolic"
                                       : ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (icon, message == NULL ? _("Not tried yet")
                                     : ok ? _("Worked last time") : _("Failed last time"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  test = gtk_button_new_with_mnemonic (_("_Test"));
  gtk_widget_set_valign (test, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (test), "rd-config", g_object_ref (config), g_object_unref);
  g_signal_connect (test, "clicked", G_CALLBACK (test_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), test);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "rd-config", g_object_ref (config),
                          g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

void
rd_connections_page_refresh (RdConnectionsPage *self)
{
  g_autoptr (GPtrArray) configs = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (RD_IS_CONNECTIONS_PAGE (self));

  /* Row by row: the list's first child may be its placeholder, which stays. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->store == NULL)
    return;

  configs = rd_store_list_connectors (self->store, self->client, &error);
  if (configs == NULL)
    {
      show_status (self, error->message);
      return;
    }
  for (guint i = 0; i < configs->len; i++)
    gtk_list_box_append (self->list, connection_row (self, configs->pdata[i]));
}

static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

static void
add_clicked_cb (RdConnectionsPage *self)
{
  g_autofree char *client = row_text (self->client_row);
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *user = row_text (self->user_row);
  g_autofree char *manifest = row_text (self->manifest_row);
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (RdClient) owner = NULL;
  g_autoptr (GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (client == NULL || name == NULL || url == NULL)
    {
      show_status (self, _("A client, a name and an address are needed"));
      return;
    }
  config = rd_connector_config_new (client, name, kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)],
                                    url);
  rd_connector_config_set_user (config, user);
  if (manifest != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (manifest, NULL);
      g_autoptr (RdManifest) parsed = rd_manifest_new_from_file (absolute, &error);

      if (parsed == NULL)
        goto fail;
      rd_connector_config_set_manifest (config, absolute);
    }
  if (!rd_connector_config_validate (config, &error) ||
      !(owner = rd_store_ensure_client (self->store, client, &error)))
    goto fail;
  if (*secret != '\0' && !rd_secret_store (client, name, secret, NULL, &error))
    goto fail;
  if (!rd_store_save_connector (self->store, config, &error))
    {
      rd_secret_delete (client, name, NULL, NULL);
      goto fail;
    }

  /* The secret leaves the entry as soon as the keyring has it. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->manifest_row), "");
  show_status (self, NULL);
  rd_connections_page_refresh (self);
  return;

fail:
  show_status (self, error->message);
}

void
rd_connections_page_set_client (RdConnectionsPage *self,
                                const char        *client)
{
  g_return_if_fail (RD_IS_CONNECTIONS_PAGE (self));

  if (g_strcmp0 (self->client, client) != 0)
    {
      g_free (self->client);
      self->client = g_strdup (client);
      gtk_editable_set_text (GTK_EDITABLE (self->client_row), client ? client : "");
      gtk_widget_set_visible (GTK_WIDGET (self->client_row), client == NULL);
      rd_connections_page_refresh (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
    }
}

static void
rd_connections_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_CLIENT: g_value_set_string (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_connections_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      rd_connections_page_refresh (self);
      break;
    case PROP_CLIENT: rd_connections_page_set_client (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_connections_page_dispose (GObject *object)
{
  RdConnectionsPage *self = RD_CONNECTIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CONNECTIONS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->client, g_free);

  G_OBJECT_CLASS (rd_connections_page_parent_class)->dispose (object);
}

static void
rd_connections_page_class_init (RdConnectionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rd_connections_page_get_property;
  object_class->set_property = rd_connections_page_set_property;
  object_class->dispose = rd_connections_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_string ("client", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rightsdesk/RightsDesk/ui/rd-connections-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, list);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, client_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, manifest_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, RdConnectionsPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
kind_changed_cb (RdConnectionsPage *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->manifest_row),
                          kind < G_N_ELEMENTS (kinds) && kinds[kind] == RD_CONNECTOR_KIND_HTTP);
}

static void
manifest_chosen_cb (GtkNativeDialog   *chooser,
                    int                response,
                    RdConnectionsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->manifest_row), path);
    }
  g_object_unref (chooser);
}

static void
choose_manifest_cb (RdConnectionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Manifest File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Select"), _("_Cancel"));
  g_autoptr (GtkFileFilter) json = gtk_file_filter_new ();

  gtk_file_filter_set_name (json, _("Manifests (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (manifest_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
rd_connections_page_init (RdConnectionsPage *self)
{
  GtkWidget *choose;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  choose = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, _("Choose a Manifest File"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Manifest File"), -1);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_manifest_cb), self);
  adw_entry_row_add_suffix (self->manifest_row, choose);

  rd_gui_combo_row_show_long_names (self->kind_row);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  kind_changed_cb (self);
}

GtkWidget *
rd_connections_page_new (RdStore    *store,
                         const char *client)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_CONNECTIONS_PAGE, "store", store, "client", client, NULL);
}
