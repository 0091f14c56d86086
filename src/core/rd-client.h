/* rd-client.h: an organisation for which requests are handled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_CLIENT (rd_client_get_type ())

G_DECLARE_FINAL_TYPE (RdClient, rd_client, RD, CLIENT, GObject)

RdClient   *rd_client_new              (const char *name);

gint64      rd_client_get_id           (RdClient   *self);
const char *rd_client_get_name         (RdClient   *self);
const char *rd_client_get_jurisdiction (RdClient   *self);
void        rd_client_set_jurisdiction (RdClient   *self,
                                        const char *jurisdiction);
/* NULL: the jurisdiction's default calendar. */
const char *rd_client_get_calendar     (RdClient   *self);
void        rd_client_set_calendar     (RdClient   *self,
                                        const char *calendar);
/* The internal service level in calendar days from receipt; 0 for none. */
guint       rd_client_get_sla_days     (RdClient   *self);
void        rd_client_set_sla_days     (RdClient   *self,
                                        guint       days);

G_END_DECLS
