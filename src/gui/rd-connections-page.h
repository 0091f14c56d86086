/* rd-connections-page.h: a client's systems: add, test and remove, with the last result of each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CONNECTIONS_PAGE (rd_connections_page_get_type ())
G_DECLARE_FINAL_TYPE (RdConnectionsPage, rd_connections_page, RD, CONNECTIONS_PAGE, AdwBin)

/* @client: the client whose systems are shown and added to, or NULL for every client (the
 * client is then typed in the form). */
GtkWidget *rd_connections_page_new        (RdStore           *store,
                                           const char        *client);
void       rd_connections_page_set_client (RdConnectionsPage *self,
                                           const char        *client);
void       rd_connections_page_refresh    (RdConnectionsPage *self);

G_END_DECLS
