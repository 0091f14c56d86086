/* bench-connector.c: the connectors' performance goals of issue 7, against the test SoupServer
 *
 * - requests a second with 4 in flight (goal: at least 2,000);
 * - memory while a manifest connector pages through 100,000 records (goal: flat), as the peak
 *   resident set size after 10,000 and after 100,000 records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rd-connector-manifest.h"
#include "rd-http-client.h"
#include "rd-test-server.h"

#define IN_FLIGHT 4
#define TOTAL_RECORDS 100000
#define PAGE 1000

static void
ping_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  rd_test_reply_json (msg, 200, "{\"ok\": true}");
}

static void
contacts_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  const char *offset_s = query ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_s = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint offset = offset_s ? (guint) g_ascii_strtoull (offset_s, NULL, 10) : 0;
  guint limit = limit_s ? (guint) g_ascii_strtoull (limit_s, NULL, 10) : PAGE;
  GString *body = g_string_sized_new (limit * 160);

  g_string_append (body, "{\"results\": [");
  for (guint i = offset; i < offset + limit && i < TOTAL_RECORDS; i++)
    g_string_append_printf (body,
                            "%s{\"id\": %u, \"email\": \"person%u@example.org\", "
                            "\"name\": \"Person %u\", \"phone\": \"+44 20 7946 %04u\", "
                            "\"notes\": \"Customer since 2019, prefers e-mail.\"}",
                            i > offset ? ", " : "", i, i, i, i % 10000);
  g_string_append (body, "]}");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body->str,
                                    body->len);
  g_string_free (body, FALSE);
}

static void
setup_cb (SoupServer *server,
          gpointer    user_data)
{
  soup_server_add_handler (server, "/ping", ping_cb, NULL, NULL);
  soup_server_add_handler (server, "/contacts", contacts_cb, NULL, NULL);
}

/* Requests a second with IN_FLIGHT requests always under way. */

typedef struct
{
  RdHttpClient *client;
  char         *url;
  guint         started;
  guint         finished;
  guint         failed;
  guint         total;
  GMainLoop    *loop;
} Load;

static void send_one (Load *load);

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdHttpResponse) response =
    rd_http_client_send_finish (RD_HTTP_CLIENT (source), result, &error);

  load->finished++;
  if (response == NULL)
    load->failed++;
  if (load->started < load->total)
    send_one (load);
  else if (load->finished == load->total)
    g_main_loop_quit (load->loop);
}

static void
send_one (Load *load)
{
  load->started++;
  rd_http_client_send_async (load->client, rd_http_request_new ("GET", load->url), NULL,
                             sent_cb, load);
}

static double
requests_per_second (RdTestServer *server,
                     guint         total)
{
  Load load = { 0 };
  gint64 start;
  double seconds;

  load.client = rd_http_client_new ();
  load.url = rd_test_server_uri (server, "/ping");
  load.total = total;
  load.loop = g_main_loop_new (NULL, FALSE);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < IN_FLIGHT; i++)
    send_one (&load);
  g_main_loop_run (load.loop);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  if (load.failed > 0)
    printf ("  %u of %u requests failed\n", load.failed, total);
  g_main_loop_unref (load.loop);
  g_free (load.url);
  g_object_unref (load.client);
  return total / seconds;
}

/* Paging */

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

typedef struct
{
  guint   records;
  guint64 peak_10k;
  guint64 peak_100k;
} Count;

static gboolean
count_cb (RdRecord  *record,
          gpointer   user_data,
          GError   **error)
{
  Count *count = user_data;

  count->records++;
  if (count->records == 10000)
    count->peak_10k = peak_rss_kib ();
  if (count->records == TOTAL_RECORDS)
    count->peak_100k = peak_rss_kib ();
  return TRUE;
}

static const char manifest_json[] =
  "{\"manifest_version\": 1, \"id\": \"bench\", \"name\": \"Bench CRM\","
  " \"auth\": {\"type\": \"bearer\"},"
  " \"test\": {\"method\": \"GET\", \"path\": \"/ping\"},"
  " \"collections\": [{\"name\": \"contacts\", \"id\": \"/id\","
  "   \"lookup\": [{\"method\": \"GET\", \"path\": \"/contacts\","
  "     \"query\": {\"email\": \"{email}\"}, \"records\": \"/results\","
  "     \"pagination\": {\"type\": \"offset\", \"param\": \"offset\", \"limit_param\": \"limit\","
  "                      \"limit\": 1000, \"start\": 0}}]}]}";

static void
page_through (RdTestServer *server)
{
  g_autoptr (JsonNode) root = json_from_string (manifest_json, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdManifest) manifest = rd_manifest_new_from_json (root, &error);
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (RdConnectorManifest) connector = NULL;
  g_autoptr (RdSubject) subject = rd_subject_new ("Person");
  g_autoptr (RdCollection) collection = rd_collection_new ();
  Count count = { 0 };
  gint64 start;
  double seconds;

  g_assert_no_error (error);
  config = rd_connector_config_new ("Bench", "bench", RD_CONNECTOR_KIND_HTTP,
                                    rd_test_server_url (server));
  rd_connector_config_set_manifest (config, "bench.json");
  connector = rd_connector_manifest_new (config, manifest, "token");
  rd_subject_add_email (subject, "person@example.org");
  rd_collection_set_sinks (collection, count_cb, NULL, &count);

  start = g_get_monotonic_time ();
  if (!rd_connector_collect_sync (RD_CONNECTOR (connector), subject, collection, NULL, &error))
    {
      printf ("  paging failed: %s\n", error->message);
      return;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;

  printf ("paging: %u records in %.2f s (%.0f records/s, %u requests)\n", count.records,
          seconds, count.records / seconds, rd_collection_get_evidence (collection)->len);
  printf ("paging: peak RSS after 10,000 records: %" G_GUINT64_FORMAT " KiB\n", count.peak_10k);
  printf ("paging: peak RSS after 100,000 records: %" G_GUINT64_FORMAT " KiB "
          "(growth %+" G_GINT64_FORMAT " KiB; goal: flat)\n", count.peak_100k,
          (gint64) count.peak_100k - (gint64) count.peak_10k);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RdTestServer) server = rd_test_server_new (setup_cb, NULL, NULL, NULL);
  guint total = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 20000;
  double rate;

  /* Warm up the connections, then measure. */
  requests_per_second (server, 200);
  rate = requests_per_second (server, total);
  printf ("throughput: %.0f requests/s with %d in flight over %u requests (goal: >= 2000)\n",
          rate, IN_FLIGHT, total);

  page_through (server);
  return 0;
}
