/* rd-secret.h: connector secrets in the desktop keyring (libsecret), nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Keyed by client and connector name; the secret never reaches the database, the settings
 * or a log. */
gboolean  rd_secret_store  (const char    *client,
                            const char    *connector,
                            const char    *secret,
                            GCancellable  *cancellable,
                            GError       **error);
/* NULL with no error when there is none. Free with rd_secret_free. */
char     *rd_secret_lookup (const char    *client,
                            const char    *connector,
                            GCancellable  *cancellable,
                            GError       **error);
gboolean  rd_secret_delete (const char    *client,
                            const char    *connector,
                            GCancellable  *cancellable,
                            GError       **error);
/* Wipes, then frees. */
void      rd_secret_free   (char          *secret);

G_END_DECLS
