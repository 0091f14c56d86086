/* rd-http-client.h: the one HTTP client of the connectors (libsoup 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What is kept of one HTTP exchange as evidence for the audit trail: never a header, never a
 * body, so that no credential and no answer ends up in the log. */
typedef struct
{
  char   *system;       /* the connector's name, set by the connector */
  char   *method;
  char   *url;          /* the request line's target, after same-host redirects */
  guint   status;       /* 0 when no answer came */
  char   *time;         /* UTC ISO 8601, when the first attempt started */
  gint64  duration_ms;  /* all attempts and waits included */
  guint   attempts;
  char   *error;        /* NULL when the exchange succeeded */
} RdEvidence;

#define RD_TYPE_EVIDENCE (rd_evidence_get_type ())
GType       rd_evidence_get_type (void) G_GNUC_CONST;
RdEvidence *rd_evidence_copy     (const RdEvidence *evidence);
void        rd_evidence_free     (RdEvidence       *evidence);
JsonNode   *rd_evidence_to_json  (const RdEvidence *evidence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdEvidence, rd_evidence_free)

typedef struct _RdHttpRequest RdHttpRequest;

RdHttpRequest *rd_http_request_new            (const char    *method,
                                               const char    *url);
void           rd_http_request_free           (RdHttpRequest *request);
void           rd_http_request_add_header     (RdHttpRequest *request,
                                               const char    *name,
                                               const char    *value);
void           rd_http_request_set_body       (RdHttpRequest *request,
                                               const char    *content_type,
                                               GBytes        *body);
void           rd_http_request_set_json_body  (RdHttpRequest *request,
                                               JsonNode      *node);
/* Statuses other than 2xx that the caller handles itself (e.g. 404 on a lookup). */
void           rd_http_request_accept_status  (RdHttpRequest *request,
                                               guint          status);
/* POST and PATCH are retried only on 429 and 503 (the server refused before doing
 * anything) unless the caller knows the request is idempotent. */
void           rd_http_request_set_idempotent (RdHttpRequest *request,
                                               gboolean       idempotent);
const char    *rd_http_request_get_method     (RdHttpRequest *request);
const char    *rd_http_request_get_url        (RdHttpRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdHttpRequest, rd_http_request_free)

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *url;       /* the final URL, after same-host redirects */
  RdEvidence         *evidence;
} RdHttpResponse;

void      rd_http_response_free     (RdHttpResponse  *response);
/* Parses the body as JSON; the content type must say JSON. */
JsonNode *rd_http_response_get_json (RdHttpResponse  *response,
                                     GError         **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdHttpResponse, rd_http_response_free)

#define RD_TYPE_HTTP_CLIENT (rd_http_client_get_type ())
G_DECLARE_FINAL_TYPE (RdHttpClient, rd_http_client, RD, HTTP_CLIENT, GObject)

RdHttpClient   *rd_http_client_new              (void);
void            rd_http_client_set_timeout      (RdHttpClient  *self,
                                                 guint          seconds);
void            rd_http_client_set_retry_policy (RdHttpClient  *self,
                                                 guint          max_attempts,
                                                 guint          base_delay_ms,
                                                 guint          max_delay_ms,
                                                 guint          max_retry_after_s);
/* At most @requests requests per @period_ms, spread evenly (0 disables the limit). */
void            rd_http_client_set_rate_limit   (RdHttpClient  *self,
                                                 guint          requests,
                                                 guint          period_ms);
/* Trusts the CAs in @pem_file on top of the system's (an organisation's own CA). */
gboolean        rd_http_client_add_ca_file      (RdHttpClient  *self,
                                                 const char    *pem_file,
                                                 GError       **error);
SoupSession    *rd_http_client_get_session      (RdHttpClient  *self);

/* Blocking: for connector workers, which run in a GTask thread. */
RdHttpResponse *rd_http_client_send             (RdHttpClient  *self,
                                                 RdHttpRequest *request,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
/* Sends and parses a JSON answer; @response_out (optional) receives the exchange. */
JsonNode       *rd_http_client_send_json        (RdHttpClient    *self,
                                                 RdHttpRequest   *request,
                                                 RdHttpResponse **response_out,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
/* Takes @request. */
void            rd_http_client_send_async       (RdHttpClient        *self,
                                                 RdHttpRequest       *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RdHttpResponse *rd_http_client_send_finish      (RdHttpClient  *self,
                                                 GAsyncResult  *result,
                                                 GError       **error);

/* Helpers shared by the connectors. */
gboolean        rd_http_same_origin             (GUri          *a,
                                                 GUri          *b);
char           *rd_http_link_next               (SoupMessageHeaders *headers);

G_END_DECLS
