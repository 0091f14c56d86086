/* rd-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-test-server.h"

struct _RdTestServer
{
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  SoupServer        *server;
  RdTestServerSetup  setup;
  gpointer           user_data;
  char              *tls_cert;
  char              *tls_key;
  char              *url;
  guint              port;

  GMutex             lock;
  GCond              ready_cond;
  gboolean           ready;
};

static gpointer
server_thread (gpointer data)
{
  RdTestServer *self = data;
  g_autoptr (GError) error = NULL;
  GSList *uris;
  GUri *uri;

  g_main_context_push_thread_default (self->context);

  if (self->tls_cert != NULL)
    {
      g_autoptr (GTlsCertificate) cert =
        g_tls_certificate_new_from_files (self->tls_cert, self->tls_key, &error);
      g_assert_no_error (error);
      self->server = soup_server_new ("tls-certificate", cert, NULL);
    }
  else
    self->server = soup_server_new (NULL, NULL);

  if (self->setup != NULL)
    self->setup (self->server, self->user_data);

  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (self->tls_cert ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  self->port = g_uri_get_port (uri);
  self->url = g_strdup_printf ("%s://127.0.0.1:%u", self->tls_cert ? "https" : "http", self->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let pending sources (delayed answers) release their messages. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

RdTestServer *
rd_test_server_new (RdTestServerSetup  setup,
                    gpointer           user_data,
                    const char        *tls_cert,
                    const char        *tls_key)
{
  RdTestServer *self = g_new0 (RdTestServer, 1);

  self->setup = setup;
  self->user_data = user_data;
  self->tls_cert = g_strdup (tls_cert);
  self->tls_key = g_strdup (tls_key);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->ready_cond);

  self->thread = g_thread_new ("test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
rd_test_server_free (RdTestServer *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready_cond);
  g_free (self->tls_cert);
  g_free (self->tls_key);
  g_free (self->url);
  g_free (self);
}

const char *
rd_test_server_url (RdTestServer *self)
{
  return self->url;
}

char *
rd_test_server_uri (RdTestServer *self,
                    const char   *path)
{
  return g_strconcat (self->url, path, NULL);
}

guint
rd_test_server_port (RdTestServer *self)
{
  return self->port;
}

void
rd_test_reply_json (SoupServerMessage *msg,
                    guint              status,
                    const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

typedef struct
{
  SoupServerMessage *msg;
  guint              status;
  char              *content_type;
  char              *body;
} Later;

static gboolean
later_cb (gpointer data)
{
  Later *later = data;

  soup_server_message_set_status (later->msg, later->status, NULL);
  soup_server_message_set_response (later->msg, later->content_type, SOUP_MEMORY_COPY,
                                    later->body, strlen (later->body));
  soup_server_message_unpause (later->msg);
  return G_SOURCE_REMOVE;
}

static void
later_free (gpointer data)
{
  Later *later = data;

  g_object_unref (later->msg);
  g_free (later->content_type);
  g_free (later->body);
  g_free (later);
}

void
rd_test_reply_later (SoupServerMessage *msg,
                     guint              delay_ms,
                     guint              status,
                     const char        *content_type,
                     const char        *body)
{
  Later *later = g_new0 (Later, 1);
  g_autoptr (GSource) source = g_timeout_source_new (delay_ms);

  later->msg = g_object_ref (msg);
  later->status = status;
  later->content_type = g_strdup (content_type);
  later->body = g_strdup (body);
  soup_server_message_pause (msg);
  g_source_set_callback (source, later_cb, later, later_free);
  g_source_attach (source, g_main_context_get_thread_default ());
}
