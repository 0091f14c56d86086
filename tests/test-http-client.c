/* test-http-client.c: retries, faults and refusals of the connectors' HTTP client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-error.h"
#include "rd-http-client.h"
#include "rd-test-server.h"

/* Requests seen per path, counted in the server thread. */
static GMutex counts_lock;
static GHashTable *counts;

static guint
count_hit (const char *path)
{
  guint n;

  g_mutex_lock (&counts_lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, path)) + 1;
  g_hash_table_replace (counts, g_strdup (path), GUINT_TO_POINTER (n));
  g_mutex_unlock (&counts_lock);
  return n;
}

static guint
hits (const char *path)
{
  guint n;

  g_mutex_lock (&counts_lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, path));
  g_mutex_unlock (&counts_lock);
  return n;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  guint n = count_hit (path);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);

  if (strcmp (path, "/ok") == 0)
    rd_test_reply_json (msg, 200, "{\"users\": [{\"id\": 7, \"email\": \"ann@example.org\"}]}");
  else if (strcmp (path, "/flaky") == 0)       /* 500, 500, then 200 */
    rd_test_reply_json (msg, n < 3 ? 500 : 200, n < 3 ? "{\"error\": \"boom\"}" : "{\"ok\": true}");
  else if (strcmp (path, "/down") == 0)
    rd_test_reply_json (msg, 500, "{\"error\": \"down\"}");
  else if (strcmp (path, "/busy") == 0)        /* 503 once, then 201 */
    rd_test_reply_json (msg, n < 2 ? 503 : 201, "{\"ok\": true}");
  else if (strcmp (path, "/throttled") == 0)   /* 429 with Retry-After: 1, then 200 */
    {
      if (n < 2)
        soup_message_headers_replace (out, "Retry-After", "1");
      rd_test_reply_json (msg, n < 2 ? 429 : 200, "{\"ok\": true}");
    }
  else if (strcmp (path, "/throttled-long") == 0)
    {
      soup_message_headers_replace (out, "Retry-After", "3600");
      rd_test_reply_json (msg, 429, "{}");
    }
  else if (strcmp (path, "/slow") == 0)
    rd_test_reply_later (msg, 2500, 200, "application/json", "{\"ok\": true}");
  else if (strcmp (path, "/truncated") == 0)
    rd_test_reply_json (msg, 200, "{\"users\": [{\"id\": 7, \"email\": \"ann@exa");
  else if (strcmp (path, "/html") == 0)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>login</html>", 18);
    }
  else if (strcmp (path, "/elsewhere") == 0)
    {
      soup_message_headers_replace (out, "Location", "http://attacker.invalid/collect");
      soup_server_message_set_status (msg, 302, NULL);
    }
  else if (strcmp (path, "/moved") == 0)
    {
      soup_message_headers_replace (out, "Location", "/ok");
      soup_server_message_set_status (msg, 301, NULL);
    }
  else if (strcmp (path, "/denied") == 0)
    rd_test_reply_json (msg, 401, "{\"error\": \"bad token\"}");
  else
    rd_test_reply_json (msg, 404, "{\"error\": \"no such thing\"}");
}

static void
setup_cb (SoupServer *server,
          gpointer    user_data)
{
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
}

typedef struct
{
  RdTestServer *server;
  RdHttpClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_mutex_lock (&counts_lock);
  g_hash_table_remove_all (counts);
  g_mutex_unlock (&counts_lock);
  fx->server = rd_test_server_new (setup_cb, NULL, NULL, NULL);
  fx->client = rd_http_client_new ();
  /* Short waits so that the test runs quickly; the policy is the same. */
  rd_http_client_set_retry_policy (fx->client, 4, 20, 200, 10);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->client);
  g_clear_pointer (&fx->server, rd_test_server_free);
}

static RdHttpResponse *
get (Fixture     *fx,
     const char  *method,
     const char  *path,
     GError     **error)
{
  g_autofree char *url = rd_test_server_uri (fx->server, path);
  g_autoptr (RdHttpRequest) request = rd_http_request_new (method, url);

  return rd_http_client_send (fx->client, request, NULL, error);
}

static void
test_get_json (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response = get (fx, "GET", "/ok", &error);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *user;

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  node = rd_http_response_get_json (response, &error);
  g_assert_no_error (error);
  user = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node),
                                                                      "users"), 0);
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "ann@example.org");

  /* The evidence says what was asked, what came back and when; nothing else. */
  g_assert_cmpstr (response->evidence->method, ==, "GET");
  g_assert_true (g_str_has_suffix (response->evidence->url, "/ok"));
  g_assert_cmpuint (response->evidence->status, ==, 200);
  g_assert_cmpuint (response->evidence->attempts, ==, 1);
  g_assert_nonnull (response->evidence->time);
  g_assert_true (g_str_has_suffix (response->evidence->time, "Z"));
}

static void
test_retry_then_success (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response = get (fx, "GET", "/flaky", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (hits ("/flaky"), ==, 3);
  g_assert_cmpuint (response->evidence->attempts, ==, 3);
}

static void
test_retry_bound (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response = get (fx, "GET", "/down", &error);

  g_assert_null (response);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_nonnull (strstr (error->message, "4 attempts"));
  g_assert_cmpuint (hits ("/down"), ==, 4);
}

static void
test_post_not_retried_on_500 (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response = get (fx, "POST", "/down", &error);
  g_autoptr (RdHttpResponse) busy = NULL;

  /* A 500 on a POST may have half-run it: sending it again could apply it twice. */
  g_assert_null (response);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_cmpuint (hits ("/down"), ==, 1);

  /* 503 means the server did nothing, so a POST is sent again. */
  g_clear_error (&error);
  busy = get (fx, "POST", "/busy", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (busy->status, ==, 201);
  g_assert_cmpuint (hits ("/busy"), ==, 2);
}

static void
test_retry_after (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (RdHttpResponse) response = get (fx, "GET", "/throttled", &error);
  gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (hits ("/throttled"), ==, 2);
  /* Retry-After: 1 wins over the 20 ms backoff. */
  g_assert_cmpint (elapsed_ms, >=, 1000);
}

static void
test_retry_after_too_long (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (RdHttpResponse) response = get (fx, "GET", "/throttled-long", &error);

  g_assert_null (response);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "3600"));
  g_assert_cmpuint (hits ("/throttled-long"), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_timeout (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response = NULL;

  rd_http_client_set_timeout (fx->client, 1);
  rd_http_client_set_retry_policy (fx->client, 2, 20, 200, 10);
  response = get (fx, "GET", "/slow", &error);

  g_assert_null (response);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "did not answer"));
  g_assert_nonnull (strstr (error->message, "2 attempts"));
  g_assert_cmpuint (hits ("/slow"), ==, 2);
}

static void
test_truncated_json (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response = get (fx, "GET", "/truncated", &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  node = rd_http_response_get_json (response, &error);
  g_assert_null (node);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "malformed JSON"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_wrong_content_type (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = rd_test_server_uri (fx->server, "/html");
  g_autoptr (RdHttpRequest) request = rd_http_request_new ("GET", url);
  g_autoptr (JsonNode) node = rd_http_client_send_json (fx->client, request, NULL, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "text/html"));
}

static void
test_redirect (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) moved = get (fx, "GET", "/moved", &error);
  g_autoptr (RdHttpResponse) elsewhere = NULL;

  /* Within the configured system a redirect is followed... */
  g_assert_no_error (error);
  g_assert_cmpuint (moved->status, ==, 200);
  g_assert_true (g_str_has_suffix (moved->url, "/ok"));
  g_assert_cmpuint (hits ("/ok"), ==, 1);

  /* ...but never to another host, which would receive the subject's data or credentials. */
  elsewhere = get (fx, "GET", "/elsewhere", &error);
  g_assert_null (elsewhere);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "attacker.invalid"));
  g_assert_cmpuint (hits ("/elsewhere"), ==, 1);
}

static void
test_status_errors (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) denied = get (fx, "GET", "/denied", &error);
  g_autoptr (RdHttpResponse) missing = NULL;
  g_autofree char *url = NULL;
  g_autoptr (RdHttpRequest) request = NULL;
  g_autoptr (RdHttpResponse) accepted = NULL;

  g_assert_null (denied);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "credentials"));
  g_assert_cmpuint (hits ("/denied"), ==, 1);  /* not retried */
  g_clear_error (&error);

  missing = get (fx, "GET", "/nothing", &error);
  g_assert_null (missing);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A caller that handles 404 itself gets the response. */
  url = rd_test_server_uri (fx->server, "/nothing");
  request = rd_http_request_new ("GET", url);
  rd_http_request_accept_status (request, 404);
  accepted = rd_http_client_send (fx->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accepted->status, ==, 404);
}

static void
test_bad_url (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpRequest) request = rd_http_request_new ("GET", "ftp://example.org/x");
  g_autoptr (RdHttpResponse) response = rd_http_client_send (fx->client, request, NULL, &error);

  g_assert_null (response);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_during_wait (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = rd_test_server_uri (fx->server, "/throttled");
  g_autoptr (RdHttpRequest) request = rd_http_request_new ("GET", url);
  g_autoptr (RdHttpResponse) response = NULL;
  GThread *thread;
  gint64 start;

  /* Cancel 200 ms into the 1 s Retry-After wait. */
  start = g_get_monotonic_time ();
  thread = g_thread_new ("canceller", cancel_later_thread, cancellable);
  response = rd_http_client_send (fx->client, request, cancellable, &error);
  g_thread_join (thread);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 900 * 1000);
  g_assert_cmpuint (hits ("/throttled"), ==, 1);
}

static void
test_tls (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *cert = g_build_filename (g_getenv ("RIGHTSDESK_TEST_DATA"), "test-tls-cert.pem", NULL);
  g_autofree char *key = g_build_filename (g_getenv ("RIGHTSDESK_TEST_DATA"), "test-tls-key.pem", NULL);
  g_autoptr (RdTestServer) tls = rd_test_server_new (setup_cb, NULL, cert, key);
  g_autofree char *url = rd_test_server_uri (tls, "/ok");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpRequest) request = rd_http_request_new ("GET", url);
  g_autoptr (RdHttpResponse) refused = NULL;
  g_autoptr (RdHttpResponse) trusted = NULL;

  /* A self-signed certificate is refused, with no retry and no answer read. */
  refused = rd_http_client_send (fx->client, request, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_cmpuint (hits ("/ok"), ==, 0);
  g_clear_error (&error);

  /* Trusted once its CA is added, as an organisation with its own CA would do. */
  g_assert_true (rd_http_client_add_ca_file (fx->client, cert, &error));
  g_assert_no_error (error);
  trusted = rd_http_client_send (fx->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trusted->status, ==, 200);
}

static void
test_rate_limit (Fixture       *fx,
                 gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  /* 10 a second: five requests need at least four intervals of 100 ms. */
  rd_http_client_set_rate_limit (fx->client, 10, 1000);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdHttpResponse) response = get (fx, "GET", "/ok", &error);
      g_assert_no_error (error);
      g_assert_nonnull (response);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (hits ("/ok"), ==, 5);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RdHttpResponse **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = rd_http_client_send_finish (RD_HTTP_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *url = rd_test_server_uri (fx->server, "/flaky");
  g_autoptr (RdHttpResponse) response = NULL;

  rd_http_client_send_async (fx->client, rd_http_request_new ("GET", url), NULL,
                             async_done_cb, &response);
  while (response == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (hits ("/flaky"), ==, 3);
}

static void
test_link_header (void)
{
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *next = NULL;
  g_autofree char *none = NULL;

  /* RFC 8288 example shapes, as GitHub and Shopify send them. */
  soup_message_headers_append (headers, "Link",
                               "<https://api.example.org/items?page=1>; rel=\"prev\", "
                               "<https://api.example.org/items?page=3>; rel=\"next\"");
  next = rd_http_link_next (headers);
  g_assert_cmpstr (next, ==, "https://api.example.org/items?page=3");

  soup_message_headers_replace (headers, "Link", "<https://api.example.org/items?page=1>; rel=first");
  none = rd_http_link_next (headers);
  g_assert_null (none);
}

static void
test_proxy_from_environment (void)
{
  g_autoptr (RdTestServer) proxy = NULL;
  g_autoptr (RdHttpClient) client = NULL;
  g_autofree char *proxy_url = NULL;
  g_autoptr (RdHttpRequest) request = NULL;
  g_autoptr (RdHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* The test server plays the proxy: a request for an unresolvable host reaches it. */
  proxy = rd_test_server_new (setup_cb, NULL, NULL, NULL);
  proxy_url = g_strdup (rd_test_server_url (proxy));
  g_setenv ("http_proxy", proxy_url, TRUE);
  client = rd_http_client_new ();
  rd_http_client_set_retry_policy (client, 1, 10, 10, 1);
  request = rd_http_request_new ("GET", "http://crm.example.invalid/ok");
  response = rd_http_client_send (client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (hits ("/ok"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/http-client/get-json", test_get_json);
  ADD ("/core/http-client/retry-then-success", test_retry_then_success);
  ADD ("/core/http-client/retry-bound", test_retry_bound);
  ADD ("/core/http-client/post-not-retried-on-500", test_post_not_retried_on_500);
  ADD ("/core/http-client/retry-after", test_retry_after);
  ADD ("/core/http-client/retry-after-too-long", test_retry_after_too_long);
  ADD ("/core/http-client/timeout", test_timeout);
  ADD ("/core/http-client/truncated-json", test_truncated_json);
  ADD ("/core/http-client/wrong-content-type", test_wrong_content_type);
  ADD ("/core/http-client/redirect", test_redirect);
  ADD ("/core/http-client/status-errors", test_status_errors);
  ADD ("/core/http-client/bad-url", test_bad_url);
  ADD ("/core/http-client/cancel-during-wait", test_cancel_during_wait);
  ADD ("/core/http-client/tls", test_tls);
  ADD ("/core/http-client/rate-limit", test_rate_limit);
  ADD ("/core/http-client/async", test_async);
#undef ADD
  g_test_add_func ("/core/http-client/link-header", test_link_header);
  g_test_add_func ("/core/http-client/proxy-from-environment", test_proxy_from_environment);

  return g_test_run ();
}
