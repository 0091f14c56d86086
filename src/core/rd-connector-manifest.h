/* rd-connector-manifest.h: a client system described by a JSON manifest, not by code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-connector.h"

G_BEGIN_DECLS

/* A validated manifest (data/connectors/README.md describes the format). */
typedef struct _RdManifest RdManifest;

RdManifest *rd_manifest_new_from_file (const char  *path,
                                       GError     **error);
RdManifest *rd_manifest_new_from_json (JsonNode    *root,
                                       GError     **error);
RdManifest *rd_manifest_ref           (RdManifest  *manifest);
void        rd_manifest_unref         (RdManifest  *manifest);
const char *rd_manifest_get_id        (RdManifest  *manifest);
const char *rd_manifest_get_name      (RdManifest  *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdManifest, rd_manifest_unref)

#define RD_TYPE_CONNECTOR_MANIFEST (rd_connector_manifest_get_type ())
G_DECLARE_FINAL_TYPE (RdConnectorManifest, rd_connector_manifest, RD, CONNECTOR_MANIFEST, GObject)

RdConnectorManifest *rd_connector_manifest_new (RdConnectorConfig *config,
                                                RdManifest        *manifest,
                                                const char        *secret);

G_END_DECLS
