/* rd-connector-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-connector-config"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-connector-config.h"
#include "rd-error.h"

static const char *kind_names[RD_N_CONNECTOR_KINDS] = {
  "request-tracker",
  "http",
  "opendsr",
};

const char *
rd_connector_kind_to_string (RdConnectorKind kind)
{
  g_return_val_if_fail (kind < RD_N_CONNECTOR_KINDS, NULL);
  return kind_names[kind];
}

gboolean
rd_connector_kind_from_string (const char      *text,
                               RdConnectorKind *out)
{
  for (guint i = 0; text != NULL && i < RD_N_CONNECTOR_KINDS; i++)
    if (strcmp (text, kind_names[i]) == 0)
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

/* g_set_str arrived in GLib 2.76, after the fence. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

struct _RdConnectorConfig
{
  GObject          parent_instance;
  char            *client;
  char            *name;
  RdConnectorKind  kind;
  char            *url;
  char            *user;
  char            *manifest;
};

G_DEFINE_FINAL_TYPE (RdConnectorConfig, rd_connector_config, G_TYPE_OBJECT)

enum { PROP_0, PROP_CLIENT, PROP_NAME, PROP_KIND, PROP_URL, PROP_USER, PROP_MANIFEST, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
rd_connector_config_finalize (GObject *object)
{
  RdConnectorConfig *self = RD_CONNECTOR_CONFIG (object);

  g_free (self->client);
  g_free (self->name);
  g_free (self->url);
  g_free (self->user);
  g_free (self->manifest);

  G_OBJECT_CLASS (rd_connector_config_parent_class)->finalize (object);
}

static void
rd_connector_config_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RdConnectorConfig *self = RD_CONNECTOR_CONFIG (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_string (value, self->client); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_uint (value, self->kind); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    case PROP_MANIFEST: g_value_set_string (value, self->manifest); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_connector_config_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RdConnectorConfig *self = RD_CONNECTOR_CONFIG (object);

  switch (prop_id)
    {
    case PROP_CLIENT: set_str (&self->client, g_value_get_string (value)); break;
    case PROP_NAME: set_str (&self->name, g_value_get_string (value)); break;
    case PROP_KIND: self->kind = MIN (g_value_get_uint (value), RD_N_CONNECTOR_KINDS - 1); break;
    case PROP_URL: set_str (&self->url, g_value_get_string (value)); break;
    case PROP_USER: rd_connector_config_set_user (self, g_value_get_string (value)); break;
    case PROP_MANIFEST: rd_connector_config_set_manifest (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_connector_config_class_init (RdConnectorConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rd_connector_config_finalize;
  object_class->get_property = rd_connector_config_get_property;
  object_class->set_property = rd_connector_config_set_property;

  properties[PROP_CLIENT] = g_param_spec_string ("client", NULL, NULL, NULL, construct);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, construct);
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0, RD_N_CONNECTOR_KINDS - 1, 0,
                                             construct);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, construct);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, rw);
  properties[PROP_MANIFEST] = g_param_spec_string ("manifest", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_connector_config_init (RdConnectorConfig *self)
{
}

RdConnectorConfig *
rd_connector_config_new (const char      *client,
                         const char      *name,
                         RdConnectorKind  kind,
                         const char      *url)
{
  g_return_val_if_fail (kind < RD_N_CONNECTOR_KINDS, NULL);

  return g_object_new (RD_TYPE_CONNECTOR_CONFIG,
                       "client", client, "name", name, "kind", (guint) kind, "url", url, NULL);
}

const char *
rd_connector_config_get_client (RdConnectorConfig *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), NULL);
  return self->client;
}

const char *
rd_connector_config_get_name (RdConnectorConfig *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), NULL);
  return self->name;
}

RdConnectorKind
rd_connector_config_get_kind (RdConnectorConfig *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), 0);
  return self->kind;
}

const char *
rd_connector_config_get_url (RdConnectorConfig *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), NULL);
  return self->url;
}

const char *
rd_connector_config_get_user (RdConnectorConfig *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), NULL);
  return self->user;
}

void
rd_connector_config_set_user (RdConnectorConfig *self,
                              const char        *user)
{
  g_return_if_fail (RD_IS_CONNECTOR_CONFIG (self));

  if (set_str (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

const char *
rd_connector_config_get_manifest (RdConnectorConfig *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), NULL);
  return self->manifest;
}

void
rd_connector_config_set_manifest (RdConnectorConfig *self,
                                  const char        *path)
{
  g_return_if_fail (RD_IS_CONNECTOR_CONFIG (self));

  if (set_str (&self->manifest, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
}

gboolean
rd_connector_config_validate (RdConnectorConfig  *self,
                              GError            **error)
{
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), FALSE);

  if (self->name == NULL || *self->name == '\0' || strchr (self->name, '\n') != NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("A connector needs a name"));
      return FALSE;
    }
  if (self->client == NULL || *self->client == '\0')
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Connector “%s” belongs to no client"), self->name);
      return FALSE;
    }
  if (self->url != NULL)
    uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is what the user typed */
                   _("“%s” is not an http or https address"), self->url ? self->url : "");
      return FALSE;
    }
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The address of connector “%s” must not contain a user or password; "
                     "the secret goes to the keyring"), self->name);
      return FALSE;
    }
  if (self->kind == RD_CONNECTOR_KIND_HTTP && (self->manifest == NULL || *self->manifest == '\0'))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Connector “%s” is of kind http and needs a manifest"), self->name);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
rd_connector_config_to_json (RdConnectorConfig *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client");
  json_builder_add_string_value (builder, self->client);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_names[self->kind]);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, self->url);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, self->user);
  json_builder_set_member_name (builder, "manifest");
  json_builder_add_string_value (builder, self->manifest);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The connector's “%s” is not a string"), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

RdConnectorConfig *
rd_connector_config_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr (RdConnectorConfig) config = NULL;
  const char *client, *name, *kind_name, *url, *user, *manifest;
  RdConnectorKind kind;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("A connector must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_optional_string (object, "client", &client, error) ||
      !get_optional_string (object, "name", &name, error) ||
      !get_optional_string (object, "kind", &kind_name, error) ||
      !get_optional_string (object, "url", &url, error) ||
      !get_optional_string (object, "user", &user, error) ||
      !get_optional_string (object, "manifest", &manifest, error))
    return NULL;
  if (!rd_connector_kind_from_string (kind_name, &kind))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is not a connector kind (request-tracker, http, opendsr)"),
                   kind_name ? kind_name : "");
      return NULL;
    }
  config = rd_connector_config_new (client, name, kind, url);
  rd_connector_config_set_user (config, user);
  rd_connector_config_set_manifest (config, manifest);
  if (!rd_connector_config_validate (config, error))
    return NULL;
  return g_steal_pointer (&config);
}
