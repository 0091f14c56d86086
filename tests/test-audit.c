/* test-audit.c: the hash-chained audit trail finds every kind of tampering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rd-store-private.h"
#include "test-util.h"

/* Five cases with a pause and a close: a chain of a dozen entries, some with payloads. */
static RdStore *
filled_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (path, &error);
  GDate received = test_date ("2027-03-05"), on = test_date ("2027-03-08");

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (RdCase) item = rd_case_new ();
      g_autofree char *name = g_strdup_printf ("Person %u", i);

      rd_case_set_client (item, "Acme");
      rd_case_set_jurisdiction (item, "eu-gdpr");
      rd_case_set_received (item, &received);
      rd_case_set_subject_name (item, name);
      g_assert_true (rd_store_add_case (store, item, &error));
      g_assert_true (rd_store_pause_case (store, rd_case_get_reference (item), &on,
                                          "Asked for proof of identity", &error));
      g_assert_true (rd_store_close_case (store, rd_case_get_reference (item), RD_OUTCOME_DENIED,
                                          "Identity could not be verified", &on, &error));
      g_assert_no_error (error);
    }
  return store;
}

static RdAuditReport *
verify (RdStore *store)
{
  g_autoptr (GError) error = NULL;
  RdAuditReport *report = rd_audit_verify (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
tamper (RdStore    *store,
        const char *sql)
{
  char *message = NULL;

  /* Someone editing the file has no reason to respect the schema's constraints. */
  sqlite3_exec (rd_store_get_db (store), "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  if (sqlite3_exec (rd_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
test_intact (TestDir       *fixture,
             gconstpointer  data)
{
  g_autoptr (RdStore) store = filled_store (fixture->db);
  g_autoptr (RdAuditReport) report = verify (store);
  g_autoptr (GPtrArray) timeline = NULL;
  RdAuditEvent *event;

  g_assert_true (report->intact);
  g_assert_cmpuint (report->n_events, ==, 15);
  g_assert_cmpint (report->first_broken, ==, 0);

  timeline = rd_store_list_timeline (store, "RD-2027-000002", NULL);
  g_assert_cmpuint (timeline->len, ==, 3);
  g_assert_cmpstr (((RdAuditEvent *) timeline->pdata[0])->action, ==, "case.created");
  g_assert_cmpstr (((RdAuditEvent *) timeline->pdata[1])->action, ==, "clock.paused");
  event = timeline->pdata[2];
  g_assert_cmpstr (event->action, ==, "case.closed");
  g_assert_nonnull (strstr (event->details, "\"outcome\":\"denied\""));
  g_assert_nonnull (strstr (event->payload, "Identity could not be verified"));
  g_assert_cmpuint (strlen (event->hash), ==, 64);
}

typedef struct
{
  const char *sql;
  gint64      first_broken;
} Tampering;

static const Tampering tamperings[] = {
  /* an edited entry */
  { "UPDATE audit_events SET details = '{\"outcome\":\"complied\"}' WHERE id = 6", 6 },
  { "UPDATE audit_events SET actor = 'someone else' WHERE id = 4", 4 },
  { "UPDATE audit_events SET at = '2020-01-01T00:00:00Z' WHERE id = 9", 9 },
  /* edited details kept apart from the chain */
  { "UPDATE audit_payloads SET payload = replace (payload, 'could not', 'could') WHERE event_id = 3", 3 },
  /* a deleted entry in the middle */
  { "DELETE FROM audit_events WHERE id = 7", 7 },
  /* the last entry deleted */
  { "DELETE FROM audit_events WHERE id = 15", 15 },
  /* two entries swapped */
  { "UPDATE audit_events SET id = -1 WHERE id = 10;"
    "UPDATE audit_events SET id = 10 WHERE id = 11;"
    "UPDATE audit_events SET id = 11 WHERE id = -1", 10 },
  /* an entry slipped in at the end */
  { "INSERT INTO audit_events (id, at, actor, case_ref, action, details, hash)"
    " SELECT 16, at, actor, case_ref, action, details, hash FROM audit_events WHERE id = 15", 16 },
};

static void
test_tampering (TestDir       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/t%u.db", fixture->dir, i);
      g_autoptr (RdStore) store = filled_store (path);
      g_autoptr (RdAuditReport) report = NULL;

      tamper (store, tamperings[i].sql);
      report = verify (store);

      g_test_message ("%s → %s", tamperings[i].sql, report->problem);
      g_assert_false (report->intact);
      g_assert_cmpint (report->first_broken, ==, tamperings[i].first_broken);
      g_assert_nonnull (report->problem);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RIGHTSDESK_TODAY", "2027-06-30", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/audit/intact", TestDir, NULL, test_dir_setup, test_intact, test_dir_teardown);
  g_test_add ("/core/audit/tampering", TestDir, NULL, test_dir_setup, test_tampering,
              test_dir_teardown);

  return g_test_run ();
}
