/* rd-json-load.h: JSON from files, servers and the user, parsed safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib recurses once a level: deep enough nesting overflows the stack. */
#define RD_JSON_MAX_DEPTH 512

gboolean rd_json_load_data (JsonParser  *parser,
                            const char  *data,
                            gssize       length,
                            guint       *n_repaired,
                            GError     **error);

G_END_DECLS
