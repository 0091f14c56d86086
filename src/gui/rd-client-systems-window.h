/* rd-client-systems-window.h: a client's systems (helpdesks, CRMs, processors), chosen by client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CLIENT_SYSTEMS_WINDOW (rd_client_systems_window_get_type ())

G_DECLARE_FINAL_TYPE (RdClientSystemsWindow, rd_client_systems_window, RD, CLIENT_SYSTEMS_WINDOW,
                      AdwWindow)

/* Shows the systems of @client (NULL: the first client) with a choice of every client. */
GtkWidget  *rd_client_systems_window_new        (GtkWindow  *parent,
                                                 RdStore    *store,
                                                 const char *client);
const char *rd_client_systems_window_get_client (RdClientSystemsWindow *self);

G_END_DECLS
