/* rd-connector-rt.h: Request Tracker 5 through its REST 2 API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-connector.h"

G_BEGIN_DECLS

#define RD_TYPE_CONNECTOR_RT (rd_connector_rt_get_type ())
G_DECLARE_FINAL_TYPE (RdConnectorRt, rd_connector_rt, RD, CONNECTOR_RT, GObject)

/* With a user in @config, @secret is the user's password (HTTP Basic); without one, it is an
 * RT auth token ("Authorization: token ..."). */
RdConnectorRt *rd_connector_rt_new (RdConnectorConfig *config,
                                    const char        *secret);

G_END_DECLS
