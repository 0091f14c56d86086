/* test-rt.c: the Request Tracker connector against a real RT 5 (started by rt-run.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-connector-rt.h"
#include "rd-error.h"

static RdConnector *
make_connector (const char *password)
{
  g_autoptr (RdConnectorConfig) config =
    rd_connector_config_new ("Acme Retail", "rt", RD_CONNECTOR_KIND_REQUEST_TRACKER,
                             g_getenv ("RT_TEST_URL"));

  rd_connector_config_set_user (config, g_getenv ("RT_TEST_USER"));
  return RD_CONNECTOR (rd_connector_rt_new (config, password));
}

static RdSubject *
ann (void)
{
  RdSubject *subject = rd_subject_new ("Ann Smyth");

  rd_subject_add_email (subject, "ann@example.org");
  rd_subject_add_email (subject, "ann.work@example.org");
  return subject;
}

static void
test_connection (void)
{
  g_autoptr (RdConnector) good = make_connector (g_getenv ("RT_TEST_PASSWORD"));
  g_autoptr (RdConnector) bad = make_connector ("not-the-password");
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_connector_test_sync (good, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rd_connector_test_sync (bad, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
}

static gboolean
transcripts_mention (GPtrArray  *transcripts,
                     const char *needle)
{
  for (guint i = 0; i < transcripts->len; i++)
    {
      g_autofree char *text = rd_ticket_to_text (transcripts->pdata[i]);
      if (strstr (text, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_collect (void)
{
  g_autoptr (RdConnector) rt = make_connector (g_getenv ("RT_TEST_PASSWORD"));
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdCollection) collection = rd_collection_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) tickets = g_strsplit (g_getenv ("RT_TEST_ANN_TICKETS"), " ", -1);
  g_auto (GStrv) counts = g_strsplit (g_getenv ("RT_TEST_ANN_TRANSACTIONS"), " ", -1);
  g_auto (GStrv) others = g_strsplit (g_getenv ("RT_TEST_OTHER_TICKETS"), " ", -1);
  GPtrArray *transcripts, *records;
  guint users = 0, found_tickets = 0, attachments = 0;

  g_assert_true (rd_connector_collect_sync (rt, subject, collection, NULL, &error));
  g_assert_no_error (error);
  transcripts = rd_collection_get_transcripts (collection);
  records = rd_collection_get_records (collection);

  /* Every ticket Ann requested, each with every one of its transactions. */
  g_assert_cmpuint (transcripts->len, ==, g_strv_length (tickets));
  for (guint i = 0; tickets[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < transcripts->len; j++)
        {
          RdTicket *t = transcripts->pdata[j];

          if (strcmp (t->ticket_id, tickets[i]) != 0)
            continue;
          seen = TRUE;
          g_assert_cmpuint (t->turns->len, ==, g_ascii_strtoull (counts[i], NULL, 10));
          g_assert_nonnull (strstr (t->source, "Ticket/Display.html?id="));
          g_assert_true (g_str_has_prefix (t->source, "rt: "));
          attachments += t->attachments->len;
        }
      g_assert_true (seen);
    }
  g_assert_true (transcripts_mention (transcripts, "my order 1001 is late"));
  g_assert_true (transcripts_mention (transcripts, "it ships tomorrow"));
  g_assert_true (transcripts_mention (transcripts, "check the warehouse stock"));
  g_assert_true (transcripts_mention (transcripts, "send invoices to my office"));
  g_assert_cmpuint (attachments, ==, 1);
  for (guint j = 0; j < transcripts->len; j++)
    {
      RdTicket *t = transcripts->pdata[j];
      for (guint k = 0; k < t->attachments->len; k++)
        {
          RdTicketAttachment *a = t->attachments->pdata[k];
          gsize size;
          const char *data = g_bytes_get_data (a->content, &size);

          g_assert_cmpstr (a->filename, ==, "label.txt");
          g_assert_cmpmem (data, size, "Tracking 12345", 14);
        }
    }

  /* Nothing of the others: not Bob's ticket, not Carol's where Ann is only in Cc. */
  g_assert_false (transcripts_mention (transcripts, "card ending 4242"));
  g_assert_false (transcripts_mention (transcripts, "neighbour"));
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *r = records->pdata[i];

      for (guint k = 0; others[k] != NULL; k++)
        g_assert_false (strcmp (r->collection, "tickets") == 0 && strcmp (r->id, others[k]) == 0);
      users += strcmp (r->collection, "users") == 0;
      found_tickets += strcmp (r->collection, "tickets") == 0;
    }
  g_assert_cmpuint (users, ==, 2);
  g_assert_cmpuint (found_tickets, ==, 2);
  g_assert_cmpuint (rd_collection_get_evidence (collection)->len, >, 0);
}

static const char *
user_field (RdConnector *rt,
            const char  *email,
            const char  *field)
{
  static char value[256];
  g_autoptr (RdSubject) subject = rd_subject_new (NULL);
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *user;

  rd_subject_add_email (subject, email);
  users = rd_connector_lookup_sync (rt, subject, NULL, &error);
  g_assert_no_error (error);
  if (users->len == 0)
    return NULL;
  user = json_node_get_object (((RdRecord *) users->pdata[0])->data);
  g_strlcpy (value, json_object_get_string_member_with_default (user, field, ""), sizeof value);
  return value;
}

static void
test_rectify_and_roll_back (void)
{
  g_autoptr (RdConnector) rt = make_connector (g_getenv ("RT_TEST_PASSWORD"));
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (JsonObject) corrected = json_object_new ();
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (RdExecution) execution = NULL;
  g_autoptr (GPtrArray) undo = NULL;
  g_autoptr (RdExecution) undone = NULL;
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (corrected, "name", "Ann Smith");
  plan = rd_connector_plan_sync (rt, RD_REQUEST_RECTIFICATION, subject, corrected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 2);   /* both of Ann's RT users */

  execution = rd_connector_execute_sync (rt, plan, NULL);
  g_assert_no_error (execution->error);
  g_assert_cmpstr (user_field (rt, "ann@example.org", "RealName"), ==, "Ann Smith");
  g_assert_cmpstr (user_field (rt, "ann.work@example.org", "RealName"), ==, "Ann Smith");
  g_assert_cmpuint (execution->evidence->len, ==, 2);
  g_assert_cmpuint (((RdEvidence *) execution->evidence->pdata[0])->status, ==, 200);

  undo = rd_execution_rollback_plan (execution);
  undone = rd_connector_execute_sync (rt, undo, NULL);
  g_assert_no_error (undone->error);
  g_assert_cmpstr (user_field (rt, "ann@example.org", "RealName"), ==, "Ann Smyth");
  g_assert_cmpstr (user_field (rt, "ann.work@example.org", "RealName"), ==, "");
}

static void
test_erase (void)
{
  g_autoptr (RdConnector) rt = make_connector (g_getenv ("RT_TEST_PASSWORD"));
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (RdExecution) execution = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) tickets = g_strsplit (g_getenv ("RT_TEST_ANN_TICKETS"), " ", -1);

  plan = rd_connector_plan_sync (rt, RD_REQUEST_ERASURE, subject, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (((RdOperation *) plan->pdata[0])->before,
                                                  "Organization"), ==, "Elm Bakery");

  execution = rd_connector_execute_sync (rt, plan, NULL);
  g_assert_no_error (execution->error);

  /* The addresses are gone: no user is found by them any more. */
  g_assert_null (user_field (rt, "ann@example.org", "RealName"));
  g_assert_null (user_field (rt, "ann.work@example.org", "RealName"));
  /* Bob is untouched. */
  g_assert_cmpstr (user_field (rt, "bob@example.org", "EmailAddress"), ==, "bob@example.org");

  /* What REST could not remove is on record: each of Ann's tickets. */
  g_assert_cmpuint (execution->not_removed->len, ==, g_strv_length (tickets));
  for (guint i = 0; tickets[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf ("#%s ", tickets[i]);
      gboolean listed = FALSE;

      for (guint j = 0; j < execution->not_removed->len; j++)
        listed |= strstr (execution->not_removed->pdata[j], needle) != NULL;
      g_assert_true (listed);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("RT_TEST_URL") == NULL)
    {
      g_test_skip ("run through rt-run.sh, which starts Request Tracker");
      return g_test_run ();
    }

  g_test_add_func ("/integration/rt/test-connection", test_connection);
  g_test_add_func ("/integration/rt/collect", test_collect);
  g_test_add_func ("/integration/rt/rectify-and-roll-back", test_rectify_and_roll_back);
  g_test_add_func ("/integration/rt/erase", test_erase);
  return g_test_run ();
}
