/* rd-connector-opendsr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-connector-opendsr"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "rd-connector-opendsr.h"
#include "rd-error.h"
#include "rd-json-load.h"

static const char *status_names[] = { "pending", "in_progress", "completed", "cancelled" };

const char *
rd_opendsr_status_to_string (RdOpendsrStatus status)
{
  g_return_val_if_fail (status <= RD_OPENDSR_CANCELLED, NULL);
  return status_names[status];
}

void
rd_opendsr_request_free (RdOpendsrRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->subject_request_id);
  g_free (request->request_type);
  g_free (request->expected_completion_time);
  g_free (request->results_url);
  g_clear_pointer (&request->receipt, g_bytes_unref);
  g_free (request->receipt_signature);
  g_free (request);
}

struct _RdConnectorOpendsr
{
  GObject            parent_instance;
  RdConnectorConfig *config;
  RdHttpClient      *client;
  char              *base;          /* e.g. https://opendsr.processor.example/v1 */
  char              *auth_value;
  char              *callback_url;
  char              *ca_file;
  GPtrArray         *domains;       /* allowed processor domains */
  GMutex             lock;
  GHashTable        *issued;        /* subject_request_id we created */
  GHashTable        *certificates;  /* domain → gnutls_x509_crt_t, verified */
};

static void connector_iface_init (RdConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdConnectorOpendsr, rd_connector_opendsr, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_CONNECTOR, connector_iface_init))

static void
crt_free (gpointer crt)
{
  gnutls_x509_crt_deinit (crt);
}

static void
rd_connector_opendsr_finalize (GObject *object)
{
  RdConnectorOpendsr *self = RD_CONNECTOR_OPENDSR (object);

  g_clear_object (&self->config);
  g_clear_object (&self->client);
  g_free (self->base);
  if (self->auth_value != NULL)
    memset (self->auth_value, 0, strlen (self->auth_value));
  g_free (self->auth_value);
  g_free (self->callback_url);
  g_free (self->ca_file);
  g_ptr_array_unref (self->domains);
  g_hash_table_unref (self->issued);
  g_hash_table_unref (self->certificates);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rd_connector_opendsr_parent_class)->finalize (object);
}

static void
rd_connector_opendsr_class_init (RdConnectorOpendsrClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_connector_opendsr_finalize;
}

static void
rd_connector_opendsr_init (RdConnectorOpendsr *self)
{
  self->domains = g_ptr_array_new_with_free_func (g_free);
  self->issued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->certificates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, crt_free);
  g_mutex_init (&self->lock);
}

static const char *
name_of (RdConnectorOpendsr *self)
{
  return rd_connector_config_get_name (self->config);
}

void
rd_connector_opendsr_allow_domain (RdConnectorOpendsr *self,
                                   const char         *domain)
{
  g_return_if_fail (RD_IS_CONNECTOR_OPENDSR (self));
  g_return_if_fail (domain != NULL);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->domains, g_ascii_strdown (domain, -1));
  g_mutex_unlock (&self->lock);
}

gboolean
rd_connector_opendsr_add_ca_file (RdConnectorOpendsr  *self,
                                  const char          *pem_file,
                                  GError             **error)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_OPENDSR (self), FALSE);
  g_return_val_if_fail (pem_file != NULL, FALSE);

  if (!rd_http_client_add_ca_file (self->client, pem_file, error))
    return FALSE;
  g_free (self->ca_file);
  self->ca_file = g_strdup (pem_file);
  return TRUE;
}

void
rd_connector_opendsr_set_callback_url (RdConnectorOpendsr *self,
                                       const char         *url)
{
  g_return_if_fail (RD_IS_CONNECTOR_OPENDSR (self));

  g_free (self->callback_url);
  self->callback_url = g_strdup (url);
}

void
rd_connector_opendsr_remember (RdConnectorOpendsr *self,
                               const char         *subject_request_id)
{
  g_return_if_fail (RD_IS_CONNECTOR_OPENDSR (self));
  g_return_if_fail (subject_request_id != NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_add (self->issued, g_ascii_strdown (subject_request_id, -1));
  g_mutex_unlock (&self->lock);
}

static gboolean
domain_allowed (RdConnectorOpendsr *self,
                const char         *domain)
{
  gboolean allowed = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->domains->len && !allowed; i++)
    allowed = g_ascii_strcasecmp (self->domains->pdata[i], domain) == 0;
  g_mutex_unlock (&self->lock);
  return allowed;
}

/* The processor's signing certificate, fetched through discovery and validated by GnuTLS:
 * issued by a trusted CA (so not self-signed), in its validity period, for @domain. */
static gnutls_x509_crt_t
processor_certificate (RdConnectorOpendsr  *self,
                       const char          *domain,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autofree char *discovery_url = g_strdup_printf ("%s/discovery", self->base);
  g_autoptr (RdHttpRequest) discovery = NULL;
  g_autoptr (RdHttpRequest) fetch = NULL;
  g_autoptr (RdHttpResponse) pem = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GUri) cert_uri = NULL;
  gnutls_x509_trust_list_t trust = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t data;
  gnutls_typed_vdata_st vdata;
  const char *cert_url;
  unsigned int status = 0;
  gsize size;
  int ret;

  g_mutex_lock (&self->lock);
  crt = g_hash_table_lookup (self->certificates, domain);
  g_mutex_unlock (&self->lock);
  if (crt != NULL && gnutls_x509_crt_get_expiration_time (crt) > time (NULL))
    return crt;

  discovery = rd_http_request_new ("GET", discovery_url);
  rd_http_request_add_header (discovery, "Authorization", self->auth_value);
  root = rd_http_client_send_json (self->client, discovery, NULL, cancellable, error);
  if (root == NULL)
    return NULL;
  cert_url = rd_json_pointer_get_string (root, "/processor_certificate");
  cert_uri = cert_url ? g_uri_parse (cert_url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (cert_uri == NULL || g_uri_get_host (cert_uri) == NULL ||
      g_ascii_strcasecmp (g_uri_get_host (cert_uri), domain) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("%s: the processor certificate must be on the domain %s"),
                   name_of (self), domain);
      return NULL;
    }
  fetch = rd_http_request_new ("GET", cert_url);
  rd_http_request_add_header (fetch, "Accept", "application/x-pem-file, */*");
  pem = rd_http_client_send (self->client, fetch, cancellable, error);
  if (pem == NULL)
    return NULL;

  data.data = (unsigned char *) g_bytes_get_data (pem->body, &size);
  data.size = size;
  gnutls_x509_crt_init (&crt);
  if (gnutls_x509_crt_import (crt, &data, GNUTLS_X509_FMT_PEM) < 0)
    {
      gnutls_x509_crt_deinit (crt);
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("%s: the processor certificate is not a PEM certificate"), name_of (self));
      return NULL;
    }

  gnutls_x509_trust_list_init (&trust, 0);
  gnutls_x509_trust_list_add_system_trust (trust, 0, 0);
  if (self->ca_file != NULL)
    gnutls_x509_trust_list_add_trust_file (trust, self->ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
  vdata.type = GNUTLS_DT_DNS_HOSTNAME;
  vdata.data = (unsigned char *) domain;
  vdata.size = strlen (domain);
  ret = gnutls_x509_trust_list_verify_crt2 (trust, &crt, 1, &vdata, 1, 0, &status, NULL);
  gnutls_x509_trust_list_deinit (trust, 1);
  if (ret < 0 || status != 0)
    {
      gnutls_datum_t out = { NULL, 0 };

      gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &out, 0);
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   /* Translators: %s connector, %s domain, %s GnuTLS's reason */
                   _("%s: the processor certificate for %s is not valid: %s"),
                   name_of (self), domain, out.data ? (char *) out.data : gnutls_strerror (ret));
      gnutls_free (out.data);
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->certificates, g_strdup (domain), crt);
  g_mutex_unlock (&self->lock);
  return crt;
}

/* Checks @signature_b64 over the raw @body with the processor's key (SHA-256, RSA or
 * ECDSA), before anything parses the body. */
static gboolean
verify_signature (RdConnectorOpendsr  *self,
                  const char          *domain,
                  const char          *signature_b64,
                  GBytes              *body,
                  guint               *http_status,
                  GCancellable        *cancellable,
                  GError             **error)
{
  gnutls_x509_crt_t crt;
  gnutls_pubkey_t key = NULL;
  g_autofree guchar *signature = NULL;
  gsize signature_len = 0, size;
  gnutls_datum_t data, sig;
  gnutls_sign_algorithm_t algorithm;
  int ret;

  if (domain == NULL || !domain_allowed (self, domain))
    {
      *http_status = 401;
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("%s: the processor domain “%s” is not on the allow-list"),
                   name_of (self), domain ? domain : "");
      return FALSE;
    }
  crt = processor_certificate (self, domain, cancellable, error);
  if (crt == NULL)
    {
      *http_status = 401;
      return FALSE;
    }
  if (signature_b64 != NULL)
    signature = g_base64_decode (signature_b64, &signature_len);
  if (signature == NULL || signature_len == 0)
    {
      *http_status = 400;
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("%s: the answer carries no signature"), name_of (self));
      return FALSE;
    }

  gnutls_pubkey_init (&key);
  gnutls_pubkey_import_x509 (key, crt, 0);
  algorithm = gnutls_pk_to_sign (gnutls_pubkey_get_pk_algorithm (key, NULL), GNUTLS_DIG_SHA256);
  data.data = (unsigned char *) g_bytes_get_data (body, &size);
  data.size = size;
  sig.data = signature;
  sig.size = signature_len;
  ret = gnutls_pubkey_verify_data2 (key, algorithm, 0, &data, &sig);
  gnutls_pubkey_deinit (key);
  if (ret < 0)
    {
      *http_status = 400;
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("%s: the signature does not match the answer (%s)"),
                   name_of (self), gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

static RdOpendsrRequest *
parse_request (RdConnectorOpendsr  *self,
               GBytes              *body,
               const char          *signature,
               GError             **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (RdOpendsrRequest) request = g_new0 (RdOpendsrRequest, 1);
  gconstpointer data;
  gsize size;
  JsonNode *root;
  const char *status;
  guint i;

  data = g_bytes_get_data (body, &size);
  if (!rd_json_load_data (parser, data, size, NULL, NULL) ||
      !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))) ||
      rd_json_pointer_get_string (root, "/subject_request_id") == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   _("%s answered without a subject_request_id"), name_of (self));
      return NULL;
    }
  request->subject_request_id = g_strdup (rd_json_pointer_get_string (root, "/subject_request_id"));
  request->request_type = g_strdup (rd_json_pointer_get_string (root, "/subject_request_type"));
  request->expected_completion_time =
    g_strdup (rd_json_pointer_get_string (root, "/expected_completion_time"));
  request->results_url = g_strdup (rd_json_pointer_get_string (root, "/results_url"));
  if (rd_json_pointer (root, "/results_count") != NULL &&
      JSON_NODE_HOLDS_VALUE (rd_json_pointer (root, "/results_count")))
    request->results_count = json_node_get_int (rd_json_pointer (root, "/results_count"));
  status = rd_json_pointer_get_string (root, "/request_status");
  request->status = RD_OPENDSR_PENDING;
  for (i = 0; status != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (status, status_names[i]) == 0)
      request->status = i;
  if (status != NULL && i == G_N_ELEMENTS (status_names) && request->status == RD_OPENDSR_PENDING &&
      strcmp (status, "pending") != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   _("%s reported the unknown status “%s”"), name_of (self), status);
      return NULL;
    }
  request->receipt = g_bytes_ref (body);
  request->receipt_signature = g_strdup (signature);
  return g_steal_pointer (&request);
}

static const char *
header2 (SoupMessageHeaders *headers,
         const char         *v2,
         const char         *v1)
{
  const char *value = soup_message_headers_get_one (headers, v2);
  return value ? value : soup_message_headers_get_one (headers, v1);
}

/* Sends, verifies the signed answer, then parses it. */
static RdOpendsrRequest *
signed_call (RdConnectorOpendsr  *self,
             RdHttpRequest       *request,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr (RdHttpResponse) response = NULL;
  const char *domain, *signature;
  guint status;

  rd_http_request_add_header (request, "Authorization", self->auth_value);
  response = rd_http_client_send (self->client, request, cancellable, error);
  if (response == NULL)
    return NULL;
  domain = header2 (response->headers, "X-OpenDSR-Processor-Domain", "X-OpenGDPR-Processor-Domain");
  signature = header2 (response->headers, "X-OpenDSR-Signature", "X-OpenGDPR-Signature");
  if (!verify_signature (self, domain, signature, response->body, &status, cancellable, error))
    return NULL;
  return parse_request (self, response->body, signature, error);
}

RdOpendsrRequest *
rd_connector_opendsr_submit (RdConnectorOpendsr  *self,
                             const char          *type,
                             RdSubject           *subject,
                             const char          *submitted_time,
                             const char          *regulation,
                             GCancellable        *cancellable,
                             GError             **error)
{
  static const char *types[] = { "access", "portability", "erasure", NULL };
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (RdHttpRequest) request = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *url = g_strdup_printf ("%s/requests", self->base);
  RdOpendsrRequest *result;

  g_return_val_if_fail (RD_IS_CONNECTOR_OPENDSR (self), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  if (type == NULL || !g_strv_contains (types, type))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("OpenDSR carries access, portability and erasure requests, not “%s”"),
                   type ? type : "");
      return NULL;
    }
  if (subject->emails->len == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("An OpenDSR request needs the requester's e-mail address"));
      return NULL;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "subject_request_id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "subject_request_type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "submitted_time");
  json_builder_add_string_value (b, submitted_time);
  json_builder_set_member_name (b, "regulation");
  json_builder_add_string_value (b, regulation ? regulation : "gdpr");
  json_builder_set_member_name (b, "api_version");
  json_builder_add_string_value (b, "2.0");
  json_builder_set_member_name (b, "subject_identities");
  json_builder_begin_array (b);
  for (guint i = 0; i < subject->emails->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "identity_type");
      json_builder_add_string_value (b, "email");
      json_builder_set_member_name (b, "identity_value");
      json_builder_add_string_value (b, subject->emails->pdata[i]);
      json_builder_set_member_name (b, "identity_format");
      json_builder_add_string_value (b, "raw");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (self->callback_url != NULL)
    {
      json_builder_set_member_name (b, "status_callback_urls");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, self->callback_url);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  request = rd_http_request_new ("POST", url);
  rd_http_request_set_json_body (request, body);
  /* The controller's id makes a repeated POST the same request, so retrying is safe. */
  rd_http_request_set_idempotent (request, TRUE);
  rd_connector_opendsr_remember (self, id);
  result = signed_call (self, request, cancellable, error);
  if (result != NULL && g_ascii_strcasecmp (result->subject_request_id, id) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("%s answered for another request than the one sent"), name_of (self));
      g_clear_pointer (&result, rd_opendsr_request_free);
    }
  if (result != NULL && result->request_type == NULL)
    result->request_type = g_strdup (type);
  return result;
}

RdOpendsrRequest *
rd_connector_opendsr_status (RdConnectorOpendsr  *self,
                             const char          *subject_request_id,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  g_autoptr (RdHttpRequest) request = NULL;

  g_return_val_if_fail (RD_IS_CONNECTOR_OPENDSR (self), NULL);
  g_return_val_if_fail (subject_request_id != NULL, NULL);

  escaped = g_uri_escape_string (subject_request_id, NULL, FALSE);
  url = g_strdup_printf ("%s/requests/%s", self->base, escaped);
  request = rd_http_request_new ("GET", url);
  return signed_call (self, request, cancellable, error);
}

guint
rd_connector_opendsr_verify_callback (RdConnectorOpendsr  *self,
                                      const char          *domain_header,
                                      const char          *signature_header,
                                      GBytes              *body,
                                      RdOpendsrRequest   **request_out,
                                      GCancellable        *cancellable,
                                      GError             **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (RdOpendsrRequest) request = NULL;
  g_autofree char *id = NULL;
  const char *callback;
  gconstpointer data;
  gsize size;
  guint status = 400;
  gboolean known;

  g_return_val_if_fail (RD_IS_CONNECTOR_OPENDSR (self), 500);
  g_return_val_if_fail (body != NULL, 500);

  if (!verify_signature (self, domain_header, signature_header, body, &status, cancellable, error))
    return status;

  /* Only now is the body parsed. */
  data = g_bytes_get_data (body, &size);
  if (!rd_json_load_data (parser, data, size, NULL, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The callback is not a JSON object"));
      return 400;
    }
  callback = rd_json_pointer_get_string (json_parser_get_root (parser), "/status_callback_url");
  if (self->callback_url == NULL || g_strcmp0 (callback, self->callback_url) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("The callback names another endpoint than ours"));
      return 400;
    }
  request = parse_request (self, body, signature_header, error);
  if (request == NULL)
    return 400;
  id = g_ascii_strdown (request->subject_request_id, -1);
  g_mutex_lock (&self->lock);
  known = g_hash_table_contains (self->issued, id);
  g_mutex_unlock (&self->lock);
  if (!known)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED,
                   _("The callback is about a request Rights Desk did not issue"));
      return 400;
    }
  if (request_out != NULL)
    *request_out = g_steal_pointer (&request);
  return 202;
}

/* The interface */

static gboolean
opendsr_test (RdConnector   *connector,
              GCancellable  *cancellable,
              GError       **error)
{
  RdConnectorOpendsr *self = RD_CONNECTOR_OPENDSR (connector);
  g_autofree char *url = g_strdup_printf ("%s/discovery", self->base);
  g_autoptr (RdHttpRequest) request = rd_http_request_new ("GET", url);
  g_autoptr (JsonNode) root = NULL;

  rd_http_request_add_header (request, "Authorization", self->auth_value);
  root = rd_http_client_send_json (self->client, request, NULL, cancellable, error);
  if (root == NULL)
    return FALSE;
  if (rd_json_pointer (root, "/supported_subject_request_types") == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   _("%s does not answer discovery as OpenDSR describes"), name_of (self));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
receipt_record (RdOpendsrRequest *request)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gconstpointer data;
  gsize size;

  data = g_bytes_get_data (request->receipt, &size);
  if (!rd_json_load_data (parser, data, size, NULL, NULL))
    return json_node_new (JSON_NODE_NULL);
  return json_node_ref (json_parser_get_root (parser));
}

/* Access at a processor is asynchronous: collecting submits the request and records the
 * signed receipt; the results arrive later at results_url. */
static gboolean
opendsr_collect (RdConnector   *connector,
                 RdSubject     *subject,
                 RdCollection  *collection,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RdConnectorOpendsr *self = RD_CONNECTOR_OPENDSR (connector);
  g_autofree char *now = NULL;
  g_autoptr (GDateTime) time = g_date_time_new_now_utc ();
  g_autoptr (RdOpendsrRequest) request = NULL;
  g_autoptr (JsonNode) data = NULL;

  now = g_date_time_format_iso8601 (time);
  request = rd_connector_opendsr_submit (self, "access", subject, now, "gdpr", cancellable, error);
  if (request == NULL)
    return FALSE;
  data = receipt_record (request);
  return rd_collection_add_record (collection,
                                   rd_record_new (name_of (self), "opendsr-requests",
                                                  request->subject_request_id, data), error);
}

static GPtrArray *
opendsr_plan (RdConnector    *connector,
              RdRequestType   type,
              RdSubject      *subject,
              JsonObject     *rectification,
              GCancellable   *cancellable,
              GError        **error)
{
  RdConnectorOpendsr *self = RD_CONNECTOR_OPENDSR (connector);
  GPtrArray *plan;
  RdOperation *op;

  if (type != RD_REQUEST_ERASURE)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("OpenDSR has no %s requests; handle them with the processor directly"),
                   rd_request_type_to_string (type));
      return NULL;
    }
  plan = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);
  op = rd_operation_new (RD_ACTION_SUBMIT, name_of (self), "opendsr-requests", NULL,
                         _("Ask the processor to erase the requester's data"));
  json_object_set_string_member (op->changes, "subject_request_type", "erasure");
  for (guint i = 0; i < subject->emails->len; i++)
    {
      g_autofree char *member = g_strdup_printf ("email_%u", i);
      json_object_set_string_member (op->before, member, subject->emails->pdata[i]);
    }
  g_ptr_array_add (plan, op);
  return plan;
}

static RdExecution *
opendsr_execute (RdConnector  *connector,
                 GPtrArray    *plan,
                 GCancellable *cancellable)
{
  RdConnectorOpendsr *self = RD_CONNECTOR_OPENDSR (connector);
  RdExecution *execution = rd_execution_new (name_of (self));

  for (guint i = 0; i < plan->len; i++)
    {
      RdOperation *op = rd_operation_copy (plan->pdata[i]);
      g_autoptr (RdSubject) subject = rd_subject_new (NULL);
      g_autoptr (RdOpendsrRequest) request = NULL;
      g_autoptr (GDateTime) time = g_date_time_new_now_utc ();
      g_autofree char *now = g_date_time_format_iso8601 (time);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      g_ptr_array_add (execution->operations, op);
      json_object_iter_init (&iter, op->before);
      while (json_object_iter_next (&iter, &member, &value))
        if (g_str_has_prefix (member, "email_"))
          rd_subject_add_email (subject, json_node_get_string (value));
      request = rd_connector_opendsr_submit (self, "erasure", subject, now, "gdpr", cancellable,
                                             &execution->error);
      if (request == NULL)
        break;
      g_free (op->id);
      op->id = g_strdup (request->subject_request_id);
      op->done = TRUE;
      g_ptr_array_add (execution->not_removed,
                       g_strdup_printf (_("The processor erases asynchronously: request %s is "
                                          "%s, expected by %s"),
                                        request->subject_request_id,
                                        rd_opendsr_status_to_string (request->status),
                                        request->expected_completion_time ?
                                        request->expected_completion_time : "?"));
    }
  return execution;
}

static void
connector_iface_init (RdConnectorInterface *iface)
{
  iface->test = opendsr_test;
  iface->collect = opendsr_collect;
  iface->plan = opendsr_plan;
  iface->execute = opendsr_execute;
}

RdConnectorOpendsr *
rd_connector_opendsr_new (RdConnectorConfig *config,
                          const char        *secret)
{
  RdConnectorOpendsr *self;
  g_autoptr (GUri) uri = NULL;
  const char *user;
  size_t len;

  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (config), NULL);

  self = g_object_new (RD_TYPE_CONNECTOR_OPENDSR, NULL);
  self->config = g_object_ref (config);
  self->client = rd_http_client_new ();
  self->base = g_strdup (rd_connector_config_get_url (config));
  len = strlen (self->base);
  while (len > 0 && self->base[len - 1] == '/')
    self->base[--len] = '\0';

  uri = g_uri_parse (self->base, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    rd_connector_opendsr_allow_domain (self, g_uri_get_host (uri));

  /* The specification leaves authentication to the processor; HTTP Basic (mParticle) with
   * a user, a bearer token without. */
  user = rd_connector_config_get_user (config);
  if (user != NULL && *user != '\0')
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", user, secret ? secret : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      self->auth_value = g_strdup_printf ("Basic %s", encoded);
      memset (pair, 0, strlen (pair));
    }
  else
    self->auth_value = g_strdup_printf ("Bearer %s", secret ? secret : "");

  rd_connector_set_common (RD_CONNECTOR (self), config, self->client);
  return self;
}
