/* bench-rt.c: collecting from a real Request Tracker 5 (run through rt-run.sh)
 *
 * Adds replies to one of the requester's tickets so that there is history to fetch, then
 * collects the requester's tickets and prints requests a second and the time per 1,000
 * transactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rd-connector-rt.h"

#define EXTRA_REPLIES 20
#define ROUNDS 3

static gboolean
add_replies (const char *url,
             const char *ticket,
             guint       n)
{
  g_autoptr (RdHttpClient) client = rd_http_client_new ();
  g_autofree char *pair = g_strdup_printf ("%s:%s", g_getenv ("RT_TEST_USER"),
                                           g_getenv ("RT_TEST_PASSWORD"));
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *auth = g_strdup_printf ("Basic %s", encoded);
  g_autofree char *target = g_strdup_printf ("%s/REST/2.0/ticket/%s/comment", url, ticket);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *body = g_strdup_printf ("{\"Content\": \"Note %u on the late order.\", "
                                               "\"ContentType\": \"text/plain\"}", i);
      RdHttpRequest *request = rd_http_request_new ("POST", target);
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      RdHttpResponse *response;

      rd_http_request_add_header (request, "Authorization", auth);
      rd_http_request_set_body (request, "application/json", bytes);
      response = rd_http_client_send (client, request, NULL, &error);
      rd_http_request_free (request);
      if (response == NULL)
        {
          printf ("rt: could not add replies: %s\n", error->message);
          return FALSE;
        }
      rd_http_response_free (response);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *url = g_getenv ("RT_TEST_URL");
  g_auto (GStrv) tickets = NULL;
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (RdConnector) rt = NULL;
  g_autoptr (RdSubject) subject = rd_subject_new ("Ann Smyth");
  guint requests = 0, transactions = 0;
  double seconds = 0;

  if (url == NULL)
    {
      printf ("rt: skipped (run through rt-run.sh, which starts Request Tracker)\n");
      return 0;
    }
  tickets = g_strsplit (g_getenv ("RT_TEST_ANN_TICKETS"), " ", -1);
  {
    gint64 start = g_get_monotonic_time ();

    /* RT runs its scrips (notifications, e-mail records) on each reply: seeding is slow. */
    if (!add_replies (url, tickets[0], EXTRA_REPLIES))
      return 0;
    printf ("rt: seeding: %.2f s per reply added through REST 2\n",
            (g_get_monotonic_time () - start) / 1e6 / EXTRA_REPLIES);
  }

  config = rd_connector_config_new ("Bench", "rt", RD_CONNECTOR_KIND_REQUEST_TRACKER, url);
  rd_connector_config_set_user (config, g_getenv ("RT_TEST_USER"));
  rt = RD_CONNECTOR (rd_connector_rt_new (config, g_getenv ("RT_TEST_PASSWORD")));
  rd_subject_add_email (subject, "ann@example.org");
  rd_subject_add_email (subject, "ann.work@example.org");

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr (RdCollection) collection = rd_collection_new ();
      g_autoptr (GError) error = NULL;
      GPtrArray *found;
      gint64 start = g_get_monotonic_time ();

      if (!rd_connector_collect_sync (rt, subject, collection, NULL, &error))
        {
          printf ("rt: collect failed: %s\n", error->message);
          return 0;
        }
      seconds += (g_get_monotonic_time () - start) / 1e6;
      requests += rd_collection_get_evidence (collection)->len;
      found = rd_collection_get_transcripts (collection);
      for (guint i = 0; i < found->len; i++)
        transactions += ((RdTicket *) found->pdata[i])->turns->len;
    }

  printf ("rt: %u collects, %u requests, %u transactions in %.2f s\n", ROUNDS, requests,
          transactions, seconds);
  printf ("rt: %.1f requests/s\n", requests / seconds);
  printf ("rt: %.2f s per 1,000 transactions\n", seconds / transactions * 1000);
  return 0;
}
