/* test-connector-opendsr.c: submit, status and callback verification against a processor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "rd-connector-opendsr.h"
#include "rd-error.h"
#include "rd-test-server.h"

static gnutls_privkey_t processor_key;
static char *processor_pem;
static GMutex lock;
static gboolean tamper;        /* sign, then change the body */
static guint create_failures;  /* answer 503 to this many creates first */
static char *last_id;

static char *
sign (const char *body)
{
  gnutls_datum_t data = { (unsigned char *) body, strlen (body) };
  gnutls_datum_t sig = { NULL, 0 };
  char *b64;

  g_assert_cmpint (gnutls_privkey_sign_data (processor_key, GNUTLS_DIG_SHA256, 0, &data, &sig), ==, 0);
  b64 = g_base64_encode (sig.data, sig.size);
  gnutls_free (sig.data);
  return b64;
}

static void
reply_signed (SoupServerMessage *msg,
              guint              status,
              const char        *body)
{
  g_autofree char *signature = sign (body);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-OpenDSR-Processor-Domain", "127.0.0.1");
  soup_message_headers_replace (headers, "X-OpenDSR-Signature", signature);
  if (tamper)
    {
      g_autofree char *changed = g_strdup (body);
      char *p = strstr (changed, "pending");
      if (p != NULL)
        memcpy (p, "cancel_", 7);
      rd_test_reply_json (msg, status, changed);
    }
  else
    rd_test_reply_json (msg, status, body);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u",
                                           g_uri_get_port (soup_server_message_get_uri (msg)));

  g_mutex_lock (&lock);
  if (strcmp (path, "/v1/discovery") == 0)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"api_version\": \"2.0\", \"supported_identities\": [{\"identity_type\": \"email\","
        " \"identity_format\": \"raw\"}], \"supported_subject_request_types\": [\"access\","
        " \"portability\", \"erasure\"], \"processor_certificate\": \"%s/cert.pem\"}", base);
      rd_test_reply_json (msg, 200, body);
    }
  else if (strcmp (path, "/cert.pem") == 0)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/x-pem-file", SOUP_MEMORY_COPY,
                                        processor_pem, strlen (processor_pem));
    }
  else if (strcmp (path, "/v1/requests") == 0 && strcmp (method, "POST") == 0)
    {
      SoupMessageBody *in = soup_server_message_get_request_body (msg);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autofree char *body = NULL;
      JsonObject *req;

      if (create_failures > 0)
        {
          create_failures--;
          rd_test_reply_json (msg, 503, "{\"error\": {\"code\": 503, \"message\": \"busy\"}}");
          goto out;
        }
      g_assert_true (json_parser_load_from_data (parser, in->data, in->length, NULL));
      req = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (req, "regulation"), ==, "gdpr");
      g_assert_nonnull (json_object_get_array_member (req, "subject_identities"));
      g_free (last_id);
      last_id = g_strdup (json_object_get_string_member (req, "subject_request_id"));
      body = g_strdup_printf ("{\"controller_id\": \"acme\", \"expected_completion_time\":"
                              " \"2027-04-05T00:00:00Z\", \"received_time\": \"2027-03-05T10:00:00Z\","
                              " \"subject_request_id\": \"%s\", \"request_status\": \"pending\"}",
                              last_id);
      reply_signed (msg, 201, body);
    }
  else if (g_str_has_prefix (path, "/v1/requests/") && strcmp (method, "GET") == 0)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"controller_id\": \"acme\", \"expected_completion_time\": \"2027-04-05T00:00:00Z\","
        " \"subject_request_id\": \"%s\", \"request_status\": \"completed\","
        " \"results_url\": \"%s/results/1\", \"results_count\": 3}",
        path + strlen ("/v1/requests/"), base);
      reply_signed (msg, 200, body);
    }
  else
    rd_test_reply_json (msg, 404, "{}");
out:
  g_mutex_unlock (&lock);
}

static void
setup_cb (SoupServer *server,
          gpointer    user_data)
{
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
}

typedef struct
{
  RdTestServer       *server;
  RdConnectorOpendsr *processor;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *base = NULL;
  g_autofree char *ca = g_build_filename (g_getenv ("RIGHTSDESK_TEST_DATA"), "opendsr-ca.pem", NULL);
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (GError) error = NULL;

  tamper = FALSE;
  create_failures = 0;
  fx->server = rd_test_server_new (setup_cb, NULL, NULL, NULL);
  base = rd_test_server_uri (fx->server, "/v1");
  config = rd_connector_config_new ("Acme Retail", "processor", RD_CONNECTOR_KIND_OPENDSR, base);
  fx->processor = rd_connector_opendsr_new (config, "token");
  g_assert_true (rd_connector_opendsr_add_ca_file (fx->processor, ca, &error));
  rd_connector_opendsr_set_callback_url (fx->processor, "https://rightsdesk.example/callback");
  rd_http_client_set_retry_policy (rd_connector_get_client (RD_CONNECTOR (fx->processor)), 3, 10, 50, 5);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->processor);
  g_clear_pointer (&fx->server, rd_test_server_free);
}

static RdSubject *
ann (void)
{
  RdSubject *subject = rd_subject_new ("Ann Smyth");
  rd_subject_add_email (subject, "ann@example.org");
  return subject;
}

static void
test_submit_and_status (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdOpendsrRequest) created = NULL;
  g_autoptr (RdOpendsrRequest) status = NULL;

  g_assert_true (rd_connector_test_sync (RD_CONNECTOR (fx->processor), NULL, &error));
  g_assert_no_error (error);

  /* One 503 first: the create is retried with the same subject_request_id. */
  create_failures = 1;
  created = rd_connector_opendsr_submit (fx->processor, "erasure", subject,
                                         "2027-03-05T10:00:00Z", "gdpr", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->status, ==, RD_OPENDSR_PENDING);
  g_assert_cmpstr (created->subject_request_id, ==, last_id);
  /* A UUID v4, lowercase, generated by the controller. */
  g_assert_true (g_uuid_string_is_valid (created->subject_request_id));
  g_assert_cmpint (created->subject_request_id[14], ==, '4');
  g_assert_nonnull (created->receipt);
  g_assert_nonnull (created->receipt_signature);

  status = rd_connector_opendsr_status (fx->processor, created->subject_request_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->status, ==, RD_OPENDSR_COMPLETED);
  g_assert_cmpint (status->results_count, ==, 3);
  g_assert_true (g_str_has_suffix (status->results_url, "/results/1"));
}

static void
test_tampered_answer (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdOpendsrRequest) created = NULL;

  tamper = TRUE;
  created = rd_connector_opendsr_submit (fx->processor, "access", subject,
                                         "2027-03-05T10:00:00Z", "gdpr", NULL, &error);
  g_assert_null (created);
  g_assert_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "signature"));
}

static void
test_untrusted_certificate (void)
{
  g_autoptr (RdTestServer) server = rd_test_server_new (setup_cb, NULL, NULL, NULL);
  g_autofree char *base = rd_test_server_uri (server, "/v1");
  g_autoptr (RdConnectorConfig) config =
    rd_connector_config_new ("Acme Retail", "processor", RD_CONNECTOR_KIND_OPENDSR, base);
  g_autoptr (RdConnectorOpendsr) processor = rd_connector_opendsr_new (config, "token");
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdOpendsrRequest) created = NULL;

  /* Without the test CA, the processor's certificate chains to nothing trusted. */
  created = rd_connector_opendsr_submit (processor, "access", subject, "2027-03-05T10:00:00Z",
                                         "gdpr", NULL, &error);
  g_assert_null (created);
  g_assert_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "not valid"));
}

static void
test_callback (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdOpendsrRequest) created = NULL;
  g_autoptr (RdOpendsrRequest) update = NULL;
  g_autofree char *body = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *other = NULL;
  g_autofree char *other_signature = NULL;
  g_autofree char *wrong_endpoint = NULL;
  g_autofree char *wrong_signature = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) other_bytes = NULL;
  g_autoptr (GBytes) wrong_bytes = NULL;
  g_autofree char *junk = sign ("{}");
  guint status;

  created = rd_connector_opendsr_submit (fx->processor, "access", subject,
                                         "2027-03-05T10:00:00Z", "gdpr", NULL, &error);
  g_assert_no_error (error);

  body = g_strdup_printf ("{\"controller_id\": \"acme\", \"status_callback_url\":"
                          " \"https://rightsdesk.example/callback\", \"subject_request_id\": \"%s\","
                          " \"request_status\": \"in_progress\", \"expected_completion_time\":"
                          " \"2027-04-05T00:00:00Z\"}", created->subject_request_id);
  signature = sign (body);
  bytes = g_bytes_new (body, strlen (body));

  status = rd_connector_opendsr_verify_callback (fx->processor, "127.0.0.1", signature, bytes,
                                                 &update, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 202);
  g_assert_cmpint (update->status, ==, RD_OPENDSR_IN_PROGRESS);

  /* A domain not on the allow-list: 401. */
  status = rd_connector_opendsr_verify_callback (fx->processor, "evil.example", signature, bytes,
                                                 NULL, NULL, &error);
  g_assert_cmpuint (status, ==, 401);
  g_assert_error (error, RD_ERROR, RD_ERROR_CHECK_FAILED);
  g_clear_error (&error);

  /* A signature of other bytes: 400. */
  status = rd_connector_opendsr_verify_callback (fx->processor, "127.0.0.1", junk, bytes,
                                                 NULL, NULL, &error);
  g_assert_cmpuint (status, ==, 400);
  g_clear_error (&error);

  /* Correctly signed, but about a request we never issued: 400. */
  other = g_strdup ("{\"status_callback_url\": \"https://rightsdesk.example/callback\","
                    " \"subject_request_id\": \"00000000-0000-4000-8000-000000000000\","
                    " \"request_status\": \"completed\"}");
  other_signature = sign (other);
  other_bytes = g_bytes_new (other, strlen (other));
  status = rd_connector_opendsr_verify_callback (fx->processor, "127.0.0.1", other_signature,
                                                 other_bytes, NULL, NULL, &error);
  g_assert_cmpuint (status, ==, 400);
  g_clear_error (&error);

  /* Correctly signed, but for another endpoint: 400. */
  wrong_endpoint = g_strdup_printf ("{\"status_callback_url\": \"https://elsewhere.example/cb\","
                                    " \"subject_request_id\": \"%s\", \"request_status\": \"completed\"}",
                                    created->subject_request_id);
  wrong_signature = sign (wrong_endpoint);
  wrong_bytes = g_bytes_new (wrong_endpoint, strlen (wrong_endpoint));
  status = rd_connector_opendsr_verify_callback (fx->processor, "127.0.0.1", wrong_signature,
                                                 wrong_bytes, NULL, NULL, &error);
  g_assert_cmpuint (status, ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *key_path = g_build_filename (g_getenv ("RIGHTSDESK_TEST_DATA"),
                                                "opendsr-processor-key.pem", NULL);
  g_autofree char *cert_path = g_build_filename (g_getenv ("RIGHTSDESK_TEST_DATA"),
                                                 "opendsr-processor.pem", NULL);
  g_autofree char *key_pem = NULL;
  gsize key_len;
  gnutls_datum_t datum;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("http_proxy");

  g_assert_true (g_file_get_contents (key_path, &key_pem, &key_len, NULL));
  g_assert_true (g_file_get_contents (cert_path, &processor_pem, NULL, NULL));
  datum.data = (unsigned char *) key_pem;
  datum.size = key_len;
  gnutls_privkey_init (&processor_key);
  g_assert_cmpint (gnutls_privkey_import_x509_raw (processor_key, &datum, GNUTLS_X509_FMT_PEM,
                                                   NULL, 0), ==, 0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/connector-opendsr/submit-and-status", test_submit_and_status);
  ADD ("/core/connector-opendsr/tampered-answer", test_tampered_answer);
  ADD ("/core/connector-opendsr/callback", test_callback);
#undef ADD
  g_test_add_func ("/core/connector-opendsr/untrusted-certificate", test_untrusted_certificate);

  ret = g_test_run ();
  gnutls_privkey_deinit (processor_key);
  g_free (processor_pem);
  g_free (last_id);
  return ret;
}
