/* rd-store.h: the case database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_STORE (rd_store_get_type ())

G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

char       *rd_store_default_path (void);
RdStore    *rd_store_open         (const char *path,
                                   GError    **error);
const char *rd_store_get_path     (RdStore    *self);

G_END_DECLS
