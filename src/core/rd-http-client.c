/* rd-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-http-client"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-http-client.h"
#include "rd-json-load.h"

#define MAX_REDIRECTS 5

/* Evidence */

G_DEFINE_BOXED_TYPE (RdEvidence, rd_evidence, rd_evidence_copy, rd_evidence_free)

RdEvidence *
rd_evidence_copy (const RdEvidence *evidence)
{
  RdEvidence *copy;

  g_return_val_if_fail (evidence != NULL, NULL);

  copy = g_new0 (RdEvidence, 1);
  copy->system = g_strdup (evidence->system);
  copy->method = g_strdup (evidence->method);
  copy->url = g_strdup (evidence->url);
  copy->status = evidence->status;
  copy->time = g_strdup (evidence->time);
  copy->duration_ms = evidence->duration_ms;
  copy->attempts = evidence->attempts;
  copy->error = g_strdup (evidence->error);
  return copy;
}

void
rd_evidence_free (RdEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->system);
  g_free (evidence->method);
  g_free (evidence->url);
  g_free (evidence->time);
  g_free (evidence->error);
  g_free (evidence);
}

JsonNode *
rd_evidence_to_json (const RdEvidence *evidence)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (evidence != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, evidence->system);
  json_builder_set_member_name (builder, "request");
  if (evidence->method != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", evidence->method, evidence->url);
      json_builder_add_string_value (builder, line);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, evidence->status);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, evidence->time);
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, evidence->duration_ms);
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, evidence->attempts);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, evidence->error);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Requests */

struct _RdHttpRequest
{
  char     *method;
  char     *url;
  GPtrArray *headers;   /* name, value, name, value, ... */
  char     *content_type;
  GBytes   *body;
  GArray   *accepted;   /* guint */
  gboolean  idempotent;
};

RdHttpRequest *
rd_http_request_new (const char *method,
                     const char *url)
{
  RdHttpRequest *request;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  request = g_new0 (RdHttpRequest, 1);
  request->method = g_ascii_strup (method, -1);
  request->url = g_strdup (url);
  request->headers = g_ptr_array_new_with_free_func (g_free);
  request->accepted = g_array_new (FALSE, FALSE, sizeof (guint));
  request->idempotent = strcmp (request->method, "POST") != 0 &&
                        strcmp (request->method, "PATCH") != 0;
  return request;
}

void
rd_http_request_free (RdHttpRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->url);
  g_ptr_array_unref (request->headers);
  g_free (request->content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_array_unref (request->accepted);
  g_free (request);
}

void
rd_http_request_add_header (RdHttpRequest *request,
                            const char    *name,
                            const char    *value)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  g_ptr_array_add (request->headers, g_strdup (name));
  g_ptr_array_add (request->headers, g_strdup (value));
}

void
rd_http_request_set_body (RdHttpRequest *request,
                          const char    *content_type,
                          GBytes        *body)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (content_type != NULL && body != NULL);

  g_free (request->content_type);
  request->content_type = g_strdup (content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = g_bytes_ref (body);
}

void
rd_http_request_set_json_body (RdHttpRequest *request,
                               JsonNode      *node)
{
  char *text;
  g_autoptr (GBytes) body = NULL;

  g_return_if_fail (request != NULL);
  g_return_if_fail (node != NULL);

  text = json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  text = NULL;
  rd_http_request_set_body (request, "application/json", body);
}

void
rd_http_request_accept_status (RdHttpRequest *request,
                               guint          status)
{
  g_return_if_fail (request != NULL);

  g_array_append_val (request->accepted, status);
}

void
rd_http_request_set_idempotent (RdHttpRequest *request,
                                gboolean       idempotent)
{
  g_return_if_fail (request != NULL);

  request->idempotent = !!idempotent;
}

const char *
rd_http_request_get_method (RdHttpRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->method;
}

const char *
rd_http_request_get_url (RdHttpRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->url;
}

static gboolean
request_accepts (RdHttpRequest *request,
                 guint          status)
{
  for (guint i = 0; i < request->accepted->len; i++)
    if (g_array_index (request->accepted, guint, i) == status)
      return TRUE;
  return FALSE;
}

/* Responses */

void
rd_http_response_free (RdHttpResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->url);
  rd_evidence_free (response->evidence);
  g_free (response);
}

static char *
url_host (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  return g_strdup (g_uri_get_host (uri));
}

JsonNode *
rd_http_response_get_json (RdHttpResponse  *response,
                           GError         **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *host = NULL;
  const char *type;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (response != NULL, NULL);

  host = url_host (response->url);
  type = soup_message_headers_get_content_type (response->headers, NULL);
  if (type == NULL ||
      !(g_ascii_strcasecmp (type, "application/json") == 0 ||
        (strlen (type) > 5 && g_ascii_strcasecmp (type + strlen (type) - 5, "+json") == 0)))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   /* Translators: the first %s is a host name, the second a MIME type */
                   _("%s answered with “%s” where JSON was expected"),
                   host, type ? type : _("no content type"));
      return NULL;
    }

  data = g_bytes_get_data (response->body, &size);
  if (size == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   _("%s answered with an empty body where JSON was expected"), host);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!rd_json_load_data (parser, data, size, NULL, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   /* Translators: %s is a host name; the second %s the parser's message */
                   _("%s answered with malformed JSON: %s"), host, local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* The client */

struct _RdHttpClient
{
  GObject      parent_instance;
  SoupSession *session;

  guint        max_attempts;
  guint        base_delay_ms;
  guint        max_delay_ms;
  guint        max_retry_after_s;

  GMutex       rate_lock;
  gint64       rate_interval_us;
  gint64       rate_next_us;
};

G_DEFINE_FINAL_TYPE (RdHttpClient, rd_http_client, G_TYPE_OBJECT)

static void
rd_http_client_finalize (GObject *object)
{
  RdHttpClient *self = RD_HTTP_CLIENT (object);

  g_clear_object (&self->session);
  g_mutex_clear (&self->rate_lock);

  G_OBJECT_CLASS (rd_http_client_parent_class)->finalize (object);
}

static void
rd_http_client_class_init (RdHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_http_client_finalize;
}

static const char *
getenv_any (const char *lower,
            const char *upper)
{
  const char *value = g_getenv (lower);

  if (value == NULL || *value == '\0')
    value = g_getenv (upper);
  return (value != NULL && *value != '\0') ? value : NULL;
}

/* GIO's default resolver follows the desktop settings, which a CLI run under cron or CI does
 * not have: the usual variables win when they are set. Loopback never goes through a proxy. */
static GProxyResolver *
proxy_resolver_from_environment (void)
{
  const char *all = getenv_any ("all_proxy", "ALL_PROXY");
  const char *http = getenv_any ("http_proxy", "HTTP_PROXY");
  const char *https = getenv_any ("https_proxy", "HTTPS_PROXY");
  const char *no_proxy = getenv_any ("no_proxy", "NO_PROXY");
  g_autoptr (GStrvBuilder) ignore = g_strv_builder_new ();
  g_auto (GStrv) ignore_hosts = NULL;
  GProxyResolver *resolver;

  if (all == NULL && http == NULL && https == NULL)
    return g_object_ref (g_proxy_resolver_get_default ());

  g_strv_builder_add_many (ignore, "localhost", "127.0.0.0/8", "::1", NULL);
  if (no_proxy != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (no_proxy, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *host = g_strstrip (parts[i]);

          if (*host != '\0')
            g_strv_builder_add (ignore, host);
        }
    }
  ignore_hosts = g_strv_builder_end (ignore);

  resolver = g_simple_proxy_resolver_new (all, ignore_hosts);
  if (http != NULL)
    g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "http", http);
  if (https != NULL)
    g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "https", https);
  return resolver;
}

static void
rd_http_client_init (RdHttpClient *self)
{
  g_autoptr (GProxyResolver) resolver = proxy_resolver_from_environment ();
  g_autofree char *agent = g_strdup_printf ("RightsDesk/%s ", PACKAGE_VERSION);

  /* TLS verification is libsoup's default (the system trust store) and stays on. */
  self->session = soup_session_new_with_options ("timeout", 30,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 8,
                                                 "proxy-resolver", resolver,
                                                 "user-agent", agent,
                                                 NULL);
  self->max_attempts = 4;
  self->base_delay_ms = 500;
  self->max_delay_ms = 30000;
  self->max_retry_after_s = 120;
  g_mutex_init (&self->rate_lock);
}

RdHttpClient *
rd_http_client_new (void)
{
  return g_object_new (RD_TYPE_HTTP_CLIENT, NULL);
}

void
rd_http_client_set_timeout (RdHttpClient *self,
                            guint         seconds)
{
  g_return_if_fail (RD_IS_HTTP_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

void
rd_http_client_set_retry_policy (RdHttpClient *self,
                                 guint         max_attempts,
                                 guint         base_delay_ms,
                                 guint         max_delay_ms,
                                 guint         max_retry_after_s)
{
  g_return_if_fail (RD_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
  self->max_retry_after_s = max_retry_after_s;
}

void
rd_http_client_set_rate_limit (RdHttpClient *self,
                               guint         requests,
                               guint         period_ms)
{
  g_return_if_fail (RD_IS_HTTP_CLIENT (self));

  g_mutex_lock (&self->rate_lock);
  self->rate_interval_us = (requests == 0) ? 0 : ((gint64) period_ms * 1000) / requests;
  g_mutex_unlock (&self->rate_lock);
}

gboolean
rd_http_client_add_ca_file (RdHttpClient  *self,
                            const char    *pem_file,
                            GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GTlsDatabase) database = NULL;

  g_return_val_if_fail (RD_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (pem_file != NULL, FALSE);

  database = g_tls_file_database_new (pem_file, &local_error);
  if (database == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Cannot read the certificate authorities in “%s”: %s"),
                   pem_file, local_error->message);
      return FALSE;
    }
  soup_session_set_tls_database (self->session, database);
  return TRUE;
}

SoupSession *
rd_http_client_get_session (RdHttpClient *self)
{
  g_return_val_if_fail (RD_IS_HTTP_CLIENT (self), NULL);
  return self->session;
}

/* Sleeps @ms, waking early and failing when @cancellable fires. */
static gboolean
sleep_cancellable (gint64         ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  GPollFD pollfd;
  gboolean have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd);

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (left <= 0)
        {
          if (have_fd)
            g_cancellable_release_fd (cancellable);
          return TRUE;
        }
      if (have_fd)
        g_poll (&pollfd, 1, (int) MAX (1, left / 1000));
      else
        g_usleep (MIN (left, 50000));
    }

  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return FALSE;
}

static gboolean
rate_limit_wait (RdHttpClient  *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 now, wait_us = 0;

  g_mutex_lock (&self->rate_lock);
  if (self->rate_interval_us > 0)
    {
      now = g_get_monotonic_time ();
      if (self->rate_next_us > now)
        wait_us = self->rate_next_us - now;
      self->rate_next_us = MAX (now, self->rate_next_us) + self->rate_interval_us;
    }
  g_mutex_unlock (&self->rate_lock);

  return wait_us == 0 || sleep_cancellable ((wait_us + 999) / 1000, cancellable, error);
}

/* Seconds from a Retry-After header (delta-seconds or an HTTP date); -1 when absent. */
static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GDateTime) now = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      return (end != NULL && (*end == '\0' || g_ascii_isspace (*end))) ? (gint64) MIN (seconds, G_MAXINT32) : -1;
    }
  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (date, now) / G_TIME_SPAN_SECOND);
}

/* Exponential backoff with "equal jitter": half fixed, half random, so that clients that
 * failed together do not come back together. */
static gint64
backoff_ms (RdHttpClient *self,
            guint         attempt)
{
  gint64 delay = self->base_delay_ms;

  for (guint i = 1; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, (gint64) self->max_delay_ms);
  if (delay <= 1)
    return delay;
  return delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1);
}

gboolean
rd_http_same_origin (GUri *a,
                     GUri *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static gboolean
is_transient_io_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING);
}

static SoupMessage *
build_message (RdHttpRequest *request,
               const char    *method,
               GUri          *uri,
               gboolean       with_body)
{
  SoupMessage *msg = soup_message_new_from_uri (method, uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  for (guint i = 0; i + 1 < request->headers->len; i += 2)
    soup_message_headers_replace (headers, request->headers->pdata[i], request->headers->pdata[i + 1]);
  if (soup_message_headers_get_one (headers, "Accept") == NULL)
    soup_message_headers_replace (headers, "Accept", "application/json");
  if (with_body && request->body != NULL)
    soup_message_set_request_body_from_bytes (msg, request->content_type, request->body);
  return msg;
}

static void
fill_evidence (RdEvidence *evidence,
               const char *method,
               GUri       *uri,
               guint       status,
               gint64      started_us,
               guint       attempts)
{
  g_free (evidence->method);
  evidence->method = g_strdup (method);
  g_free (evidence->url);
  evidence->url = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_PASSWORD);
  evidence->status = status;
  evidence->attempts = attempts;
  evidence->duration_ms = (g_get_monotonic_time () - started_us) / 1000;
}

RdHttpResponse *
rd_http_client_send (RdHttpClient   *self,
                     RdHttpRequest  *request,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (RdEvidence) evidence = NULL;
  g_autofree char *method = NULL;
  gboolean with_body = TRUE;
  gint64 started = g_get_monotonic_time ();
  guint attempt = 0, redirects = 0;
  const char *host;

  g_return_val_if_fail (RD_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (request->url, G_URI_FLAGS_ENCODED, &parse_error);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is not an http or https address"), request->url);
      return NULL;
    }

  method = g_strdup (request->method);
  evidence = g_new0 (RdEvidence, 1);
  evidence->time = rd_timestamp_now ();

  for (;;)
    {
      g_autoptr (SoupMessage) msg = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) local_error = NULL;
      gboolean retryable = FALSE;
      gint64 delay = 0;
      guint status;

      if (!rate_limit_wait (self, cancellable, error))
        return NULL;

      attempt++;
      host = g_uri_get_host (uri);
      msg = build_message (request, method, uri, with_body);
      body = soup_session_send_and_read (self->session, msg, cancellable, &local_error);

      if (body == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (local_error->domain == G_TLS_ERROR)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           /* Translators: %s is a host name, then the TLS library's message */
                           _("The secure connection to %s failed, its certificate is not "
                             "trusted or the handshake failed: %s"),
                           host, local_error->message);
              return NULL;
            }
          if (is_transient_io_error (local_error) &&
              request->idempotent && attempt < self->max_attempts)
            {
              g_debug ("%s %s: %s, retrying", method, host, local_error->message);
              if (!sleep_cancellable (backoff_ms (self, attempt), cancellable, error))
                return NULL;
              continue;
            }
          g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s did not answer (%u attempt): %s",
                                    "%s did not answer (%u attempts): %s", attempt),
                       host, attempt, local_error->message);
          return NULL;
        }

      status = soup_message_get_status (msg);

      if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304 &&
          soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"))
        {
          const char *location =
            soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
          g_autoptr (GUri) target = g_uri_parse_relative (uri, location, G_URI_FLAGS_ENCODED, NULL);

          if (target == NULL || !rd_http_same_origin (uri, target))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           /* Translators: the first %s is a host, the second an address */
                           _("%s redirected to another host (%s); Rights Desk does not follow "
                             "redirects that leave the system it was configured for"),
                           host, location);
              return NULL;
            }
          if (++redirects > MAX_REDIRECTS)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           _("%s redirected more than %d times"), host, MAX_REDIRECTS);
              return NULL;
            }
          if (status == 303 || ((status == 301 || status == 302) && strcmp (method, "POST") == 0))
            {
              g_free (method);
              method = g_strdup ("GET");
              with_body = FALSE;
            }
          g_clear_pointer (&uri, g_uri_unref);
          uri = g_steal_pointer (&target);
          attempt--;  /* a redirect is not a failed attempt */
          continue;
        }

      if (SOUP_STATUS_IS_SUCCESSFUL (status) || request_accepts (request, status))
        {
          RdHttpResponse *response = g_new0 (RdHttpResponse, 1);

          response->status = status;
          response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
          response->body = g_steal_pointer (&body);
          response->url = g_uri_to_string (uri);
          fill_evidence (evidence, method, uri, status, started, attempt);
          response->evidence = g_steal_pointer (&evidence);
          return response;
        }

      /* 429 and 503 mean the server did nothing; other 5xx may have half-run a POST. */
      retryable = status == 429 || status == 503 ||
                  (SOUP_STATUS_IS_SERVER_ERROR (status) && request->idempotent);
      if (retryable)
        {
          gint64 retry_after = parse_retry_after (soup_message_get_response_headers (msg));

          if (retry_after > (gint64) self->max_retry_after_s)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           /* Translators: %s is a host, the numbers are seconds */
                           _("%s is overloaded and asks to wait %" PRId64 " s, more "
                             "than the %u s Rights Desk waits; try again later"),
                           host, retry_after, self->max_retry_after_s);
              return NULL;
            }
          if (attempt < self->max_attempts)
            {
              delay = backoff_ms (self, attempt);
              if (retry_after >= 0)
                delay = MAX (delay, retry_after * 1000);
              g_debug ("%s %s: HTTP %u, retrying in %" G_GINT64_FORMAT " ms",
                       method, host, status, delay);
              if (!sleep_cancellable (delay, cancellable, error))
                return NULL;
              continue;
            }
          g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                       /* Translators: %s host, %u status, %s reason, %u attempts */
                       _("%s still failed with HTTP %u (%s) after %u attempts"),
                       host, status, soup_status_get_phrase (status), attempt);
          return NULL;
        }

      if (status == 401 || status == 403)
        g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                     _("%s refused the credentials (HTTP %u %s) for %s %s"),
                     host, status, soup_status_get_phrase (status), method, g_uri_get_path (uri));
      else if (status == 404)
        g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                     _("%s has nothing at %s (HTTP 404)"), host, g_uri_get_path (uri));
      else
        g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                     /* Translators: %s host, %u status, %s reason, then method and path */
                     _("%s answered HTTP %u (%s) to %s %s"),
                     host, status, soup_status_get_phrase (status), method, g_uri_get_path (uri));
      return NULL;
    }
}

JsonNode *
rd_http_client_send_json (RdHttpClient    *self,
                          RdHttpRequest   *request,
                          RdHttpResponse **response_out,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr (RdHttpResponse) response = NULL;
  JsonNode *node;

  g_return_val_if_fail (RD_IS_HTTP_CLIENT (self), NULL);

  response = rd_http_client_send (self, request, cancellable, error);
  if (response == NULL)
    return NULL;
  node = rd_http_response_get_json (response, error);
  if (node != NULL && response_out != NULL)
    *response_out = g_steal_pointer (&response);
  return node;
}

static void
send_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  RdHttpResponse *response;

  response = rd_http_client_send (source_object, task_data, cancellable, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) rd_http_response_free);
}

void
rd_http_client_send_async (RdHttpClient        *self,
                           RdHttpRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RD_IS_HTTP_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_http_client_send_async);
  g_task_set_task_data (task, request, (GDestroyNotify) rd_http_request_free);
  g_task_run_in_thread (task, send_worker);
}

RdHttpResponse *
rd_http_client_send_finish (RdHttpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The target of rel="next" in RFC 8288 Link headers, or NULL. */
char *
rd_http_link_next (SoupMessageHeaders *headers)
{
  const char *value;
  GSList *list;
  char *found = NULL;

  g_return_val_if_fail (headers != NULL, NULL);

  value = soup_message_headers_get_list (headers, "Link");
  if (value == NULL)
    return NULL;

  list = soup_header_parse_list (value);
  for (GSList *l = list; l != NULL && found == NULL; l = l->next)
    {
      const char *item = l->data;
      const char *open = strchr (item, '<');
      const char *close = open ? strchr (open, '>') : NULL;
      g_autofree char *params = NULL;
      g_auto (GStrv) parts = NULL;

      if (open == NULL || close == NULL)
        continue;
      params = g_strdup (close + 1);
      parts = g_strsplit (params, ";", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *p = g_strstrip (g_strdup (parts[i]));
          g_autofree char *rels = NULL;
          g_auto (GStrv) words = NULL;

          if (g_ascii_strncasecmp (p, "rel=", 4) != 0)
            continue;
          rels = g_strdup (p + 4);
          g_strdelimit (rels, "\"", ' ');
          words = g_strsplit_set (g_strstrip (rels), " \t", -1);
          for (guint j = 0; words[j] != NULL && found == NULL; j++)
            if (g_ascii_strcasecmp (words[j], "next") == 0)
              found = g_strndup (open + 1, close - open - 1);
        }
    }
  soup_header_free_list (list);
  return found;
}
