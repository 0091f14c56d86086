/* rd-test-server.h: a SoupServer on loopback in its own thread, for the connector tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _RdTestServer RdTestServer;

/* Called in the server's thread to add handlers before it listens. */
typedef void (*RdTestServerSetup) (SoupServer *server,
                                   gpointer    user_data);

/* @tls_cert / @tls_key: PEM files, or NULL for plain HTTP. */
RdTestServer *rd_test_server_new  (RdTestServerSetup  setup,
                                   gpointer           user_data,
                                   const char        *tls_cert,
                                   const char        *tls_key);
void          rd_test_server_free (RdTestServer      *server);
/* The base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
const char   *rd_test_server_url  (RdTestServer      *server);
char         *rd_test_server_uri  (RdTestServer      *server,
                                   const char        *path);
guint         rd_test_server_port (RdTestServer      *server);

/* Handler helpers (server thread). */
void rd_test_reply_json   (SoupServerMessage *msg,
                           guint              status,
                           const char        *json);
/* Answers after @delay_ms without blocking the server's other connections. */
void rd_test_reply_later  (SoupServerMessage *msg,
                           guint              delay_ms,
                           guint              status,
                           const char        *content_type,
                           const char        *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTestServer, rd_test_server_free)

G_END_DECLS
