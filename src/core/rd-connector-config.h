/* rd-connector-config.h: how one client system is reached (never its secret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  RD_CONNECTOR_KIND_REQUEST_TRACKER,
  RD_CONNECTOR_KIND_HTTP,
  RD_CONNECTOR_KIND_OPENDSR,
  RD_N_CONNECTOR_KINDS
} RdConnectorKind;

/* The CLI's names: "request-tracker", "http", "opendsr". */
const char *rd_connector_kind_to_string   (RdConnectorKind  kind);
gboolean    rd_connector_kind_from_string (const char      *text,
                                           RdConnectorKind *out);

#define RD_TYPE_CONNECTOR_CONFIG (rd_connector_config_get_type ())
G_DECLARE_FINAL_TYPE (RdConnectorConfig, rd_connector_config, RD, CONNECTOR_CONFIG, GObject)

RdConnectorConfig *rd_connector_config_new           (const char         *client,
                                                      const char         *name,
                                                      RdConnectorKind     kind,
                                                      const char         *url);
const char        *rd_connector_config_get_client    (RdConnectorConfig  *self);
const char        *rd_connector_config_get_name      (RdConnectorConfig  *self);
RdConnectorKind    rd_connector_config_get_kind      (RdConnectorConfig  *self);
const char        *rd_connector_config_get_url       (RdConnectorConfig  *self);
const char        *rd_connector_config_get_user      (RdConnectorConfig  *self);
void               rd_connector_config_set_user      (RdConnectorConfig  *self,
                                                      const char         *user);
const char        *rd_connector_config_get_manifest  (RdConnectorConfig  *self);
void               rd_connector_config_set_manifest  (RdConnectorConfig  *self,
                                                      const char         *path);
/* Checks what a person typed: a name, an http(s) URL, a manifest for "http". */
gboolean           rd_connector_config_validate      (RdConnectorConfig  *self,
                                                      GError            **error);
JsonNode          *rd_connector_config_to_json       (RdConnectorConfig  *self);
RdConnectorConfig *rd_connector_config_new_from_json (JsonNode           *node,
                                                      GError            **error);

G_END_DECLS
