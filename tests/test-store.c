/* test-store.c: the case store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "rd-date.h"
#include "rd-demo.h"
#include "rd-error.h"
#include "rd-redaction.h"
#include "rd-store-private.h"
#include "test-util.h"

static RdCase *
make_case (const char *client,
           const char *jurisdiction,
           RdRequestType type,
           const char *received,
           const char *name,
           const char *email)
{
  RdCase *item = rd_case_new ();
  GDate date = test_date (received);
  const char *emails[] = { email, NULL };

  rd_case_set_client (item, client);
  rd_case_set_jurisdiction (item, jurisdiction);
  rd_case_set_request_type (item, type);
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, name);
  if (email != NULL)
    rd_case_set_subject_emails (item, emails);
  return item;
}

static char *
add_case (RdStore    *store,
          const char *jurisdiction,
          const char *calendar,
          const char *received,
          const char *name,
          const char *email)
{
  g_autoptr (RdCase) item = make_case ("Acme Retail", jurisdiction, RD_REQUEST_ACCESS, received,
                                       name, email);
  g_autoptr (GError) error = NULL;

  rd_case_set_calendar (item, calendar);
  g_assert_true (rd_store_add_case (store, item, &error));
  g_assert_no_error (error);
  return g_strdup (rd_case_get_reference (item));
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char buf[11];

  g_assert_true (g_date_valid (date));
  rd_date_format_into (date, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static void
test_add_and_get (TestDir       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *first = NULL, *second = NULL, *older = NULL;
  g_autoptr (RdCase) item = NULL;

  g_assert_no_error (error);
  first = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna Eriksson", "anna@example.org");
  second = add_case (store, "eu-gdpr", "ie", "2027-03-06", "Bo Berg", NULL);
  older = add_case (store, "eu-gdpr", "ie", "2026-12-30", "Cy Clay", NULL);

  /* References count per year of receipt. */
  g_assert_cmpstr (first, ==, "RD-2027-000001");
  g_assert_cmpstr (second, ==, "RD-2027-000002");
  g_assert_cmpstr (older, ==, "RD-2026-000001");

  item = rd_store_get_case (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_case_get_subject_name (item), ==, "Anna Eriksson");
  g_assert_cmpstr (rd_case_get_subject_emails (item)[0], ==, "anna@example.org");
  g_assert_null (rd_case_get_subject_emails (item)[1]);
  g_assert_cmpstr (rd_case_get_client (item), ==, "Acme Retail");
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_NEW);
  /* EDPB example 32: received 5 March, due 5 April (CLI.md: with the Irish calendar). */
  assert_date (rd_case_get_received (item), "2027-03-05");
  assert_date (rd_case_get_due (item), "2027-04-05");
  assert_date (rd_case_get_effective_due (item), "2027-04-05");
  g_assert_nonnull (rd_case_get_citation (item));
  g_assert_nonnull (strstr (rd_case_get_citation (item), "12(3)"));

  g_clear_object (&item);
  item = rd_store_get_case (store, "RD-2027-999999", &error);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_null (item);
}

static void
test_bad_input (TestDir       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  struct {
    const char *jurisdiction, *received, *name, *email, *calendar;
    int code;
  } bad[] = {
    { "eu-gdpr", "2027-07-01", "Future Person", NULL, NULL, RD_ERROR_INVALID },  /* after today */
    { "mars-law", "2027-03-01", "Unknown Law", NULL, NULL, RD_ERROR_NOT_FOUND },
    { "eu-gdpr", "2027-03-01", "  ", NULL, NULL, RD_ERROR_INVALID },
    { "eu-gdpr", "2027-03-01", "Bad Mail", "not-an-address", NULL, RD_ERROR_INVALID },
    { "eu-gdpr", "2027-03-01", "Bad Calendar", NULL, "xx", RD_ERROR_NOT_FOUND },
  };

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (RdCase) item = make_case ("Acme", bad[i].jurisdiction, RD_REQUEST_ACCESS,
                                           bad[i].received, bad[i].name, bad[i].email);
      g_autoptr (GError) local_error = NULL;

      rd_case_set_calendar (item, bad[i].calendar);
      g_assert_false (rd_store_add_case (store, item, &local_error));
      g_assert_error (local_error, RD_ERROR, bad[i].code);
      g_assert_cmpstr (local_error->message, !=, "");
    }

  /* Nothing half-written: no case and no client were left behind. */
  g_assert_cmpuint (rd_store_count_cases (store, NULL, &error), ==, 0);
  {
    g_autoptr (GPtrArray) clients = rd_store_list_clients (store, &error);
    g_assert_cmpuint (clients->len, ==, 0);
  }
}

static void
test_pause_resume (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna", NULL);
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) clock = NULL;
  GDate from = test_date ("2027-03-10"), to = test_date ("2027-03-14");
  GDate too_early = test_date ("2027-03-01");

  /* A stop cannot begin before the request arrived. */
  g_assert_false (rd_store_pause_case (store, ref, &too_early, "ID", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  /* Blanks are not a reason: the audit trail would say nothing about why. */
  g_assert_false (rd_store_pause_case (store, ref, &from, " \t ", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rd_store_pause_case (store, ref, &from, "Asked for ID", &error));
  g_assert_no_error (error);

  /* A second stop while one is running is refused. */
  g_assert_false (rd_store_pause_case (store, ref, &to, "again", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);

  item = rd_store_get_case (store, ref, &error);
  g_assert_nonnull (rd_case_get_paused_since (item));
  g_assert_false (rd_case_is_overdue (item, &to));
  g_clear_object (&item);

  g_assert_true (rd_store_resume_case (store, ref, &to, &error));
  g_assert_no_error (error);

  /* 10 to 14 March inclusive is five days: 5 April + 5 = Saturday 10 April, which rolls to
   * Monday 12 April (Reg. 1182/71 Art. 3(4)). */
  item = rd_store_get_case (store, ref, &error);
  g_assert_null (rd_case_get_paused_since (item));
  assert_date (rd_case_get_due (item), "2027-04-12");

  clock = rd_store_list_clock_events (store, ref, &error);
  g_assert_cmpuint (clock->len, ==, 2);
  g_assert_cmpstr (((RdClockEvent *) clock->pdata[0])->kind, ==, "pause");
  g_assert_cmpstr (((RdClockEvent *) clock->pdata[0])->reason, ==, "Asked for ID");
  g_assert_cmpstr (((RdClockEvent *) clock->pdata[1])->kind, ==, "resume");
}

/* Once the deadline has passed the clock cannot stop: a late stop would move the due date. */
static void
test_pause_after_due (TestDir       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna", NULL);
  g_autofree char *last = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Bo", NULL);
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) clock = NULL;
  g_autoptr (GPtrArray) timeline = NULL;
  GDate after = test_date ("2027-04-06"), due = test_date ("2027-04-05");

  /* Due 5 April 2027; 6 April (and today, 30 June) are too late. */
  g_assert_false (rd_store_pause_case (store, ref, &after, "Asked for ID", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_assert_nonnull (strstr (error->message, "2027-04-05"));
  g_clear_error (&error);
  g_assert_false (rd_store_pause_case (store, ref, NULL, "Asked for ID", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);

  /* Nothing changed: no stop, the same due date, nothing in the trail. */
  item = rd_store_get_case (store, ref, &error);
  g_assert_null (rd_case_get_paused_since (item));
  assert_date (rd_case_get_effective_due (item), "2027-04-05");
  {
    GDate today = test_date ("2027-06-30");

    g_assert_true (rd_case_is_overdue (item, &today));
  }
  clock = rd_store_list_clock_events (store, ref, &error);
  g_assert_cmpuint (clock->len, ==, 0);
  timeline = rd_store_list_timeline (store, ref, &error);
  g_assert_cmpuint (timeline->len, ==, 1);

  /* The last day of the period still counts. */
  g_assert_true (rd_store_pause_case (store, last, &due, "Asked for ID", &error));
  g_assert_no_error (error);
}

static void
test_ccpa_clock_never_stops (TestDir       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "us-ca-ccpa", NULL, "2027-03-05", "Jo", NULL);
  g_autoptr (RdCase) item = NULL;
  GDate on = test_date ("2027-03-08");

  g_assert_false (rd_store_pause_case (store, ref, &on, "waiting for ID", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);

  /* 45 calendar days, no roll: 5 March + 45 = 19 April (Civ. Code 1798.130(a)(2)). */
  item = rd_store_get_case (store, ref, NULL);
  assert_date (rd_case_get_due (item), "2027-04-19");
  g_assert_null (rd_case_get_paused_since (item));
}

static void
test_extend (TestDir       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna", NULL);
  g_autofree char *late = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Late", NULL);
  g_autoptr (RdCase) item = NULL;
  GDate notice = test_date ("2027-03-20"), too_late = test_date ("2027-04-06");

  g_assert_true (rd_store_extend_case (store, ref, &notice, "Complex request", &error));
  g_assert_no_error (error);

  /* CLI.md: extended due 2027-06-08 (5 June is a Saturday, 7 June an Irish bank holiday). */
  item = rd_store_get_case (store, ref, &error);
  g_assert_true (rd_case_get_extended (item));
  assert_date (rd_case_get_due (item), "2027-04-05");
  assert_date (rd_case_get_extended_due (item), "2027-06-08");
  assert_date (rd_case_get_effective_due (item), "2027-06-08");

  g_assert_false (rd_store_extend_case (store, ref, &notice, "again", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);

  /* Notice must be given within the first month. */
  g_assert_false (rd_store_extend_case (store, late, &too_late, "Too late", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
}

static void
test_workflow (TestDir       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna", NULL);
  g_autoptr (RdCase) item = NULL;
  GDate responded = test_date ("2027-03-30"), before = test_date ("2027-03-01");

  /* Skipping steps is refused… */
  g_assert_false (rd_store_set_status (store, ref, RD_STATUS_RESPONDED, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);

  /* …the ordinary path is not. */
  g_assert_true (rd_store_set_status (store, ref, RD_STATUS_IDENTITY_VERIFICATION, NULL, &error));
  g_assert_true (rd_store_set_status (store, ref, RD_STATUS_IN_PROGRESS, NULL, &error));
  g_assert_true (rd_store_set_status (store, ref, RD_STATUS_REVIEW, NULL, &error));
  g_assert_no_error (error);

  /* A response cannot predate the request. */
  g_assert_false (rd_store_close_case (store, ref, RD_OUTCOME_COMPLIED, NULL, &before, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  /* Closing works from any open status and records the response. */
  g_assert_true (rd_store_close_case (store, ref, RD_OUTCOME_PARTIAL, "Third-party data withheld",
                                      &responded, &error));
  g_assert_no_error (error);
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_CLOSED);
  g_assert_cmpint (rd_case_get_outcome (item), ==, RD_OUTCOME_PARTIAL);
  g_assert_cmpstr (rd_case_get_outcome_reason (item), ==, "Third-party data withheld");
  assert_date (rd_case_get_response_date (item), "2027-03-30");
  g_assert_false (rd_case_is_open (item));

  /* A closed case stays closed. */
  g_assert_false (rd_store_close_case (store, ref, RD_OUTCOME_COMPLIED, NULL, &responded, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);
  g_assert_false (rd_store_set_status (store, ref, RD_STATUS_IN_PROGRESS, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
}

static guint
count (RdStore           *store,
       const RdCaseQuery *query)
{
  g_autoptr (GError) error = NULL;
  guint n = rd_store_count_cases (store, query, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_search_and_filters (TestDir       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *a = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Jürgen Müller", "jm@example.org");
  g_autofree char *b = add_case (store, "eu-gdpr", "ie", "2027-05-20", "Ann Smith", "ann.smith@example.net");
  g_autofree char *c = add_case (store, "eu-gdpr", "ie", "2027-06-01", "Bob Smith", NULL);
  GDate responded = test_date ("2027-06-02");
  RdCaseQuery query;

  g_assert_true (rd_store_add_note (store, c, "Customer mentioned the Galway branch", &error));
  g_assert_true (rd_store_close_case (store, b, RD_OUTCOME_COMPLIED, NULL, &responded, &error));
  g_assert_no_error (error);

  rd_case_query_init (&query);
  query.search = "smith";
  g_assert_cmpuint (count (store, &query), ==, 2);
  query.search = "Muller";                 /* without the umlaut */
  g_assert_cmpuint (count (store, &query), ==, 1);
  query.search = "ann.smith@example";      /* part of an e-mail address */
  g_assert_cmpuint (count (store, &query), ==, 1);
  query.search = "galway";                 /* a note */
  g_assert_cmpuint (count (store, &query), ==, 1);
  query.search = "RD-2027-000003";
  g_assert_cmpuint (count (store, &query), ==, 1);
  query.search = "\"; DROP TABLE cases; --"; /* nothing the user types is query syntax */
  g_assert_cmpuint (count (store, &query), ==, 0);
  query.search = NULL;

  /* Today is 2027-06-30: the first case (due 5 April) is overdue; the closed one is not. */
  query.overdue = TRUE;
  g_assert_cmpuint (count (store, &query), ==, 1);
  query.overdue = FALSE;

  query.statuses = 1u << RD_STATUS_CLOSED;
  g_assert_cmpuint (count (store, &query), ==, 1);
  query.statuses = 0;

  query.due_before = test_date ("2027-07-02");   /* open cases only: a (5 Apr) and c (1 Jul) */
  g_assert_cmpuint (count (store, &query), ==, 2);

  rd_case_query_init (&query);
  query.client = "Someone Else";
  g_assert_cmpuint (count (store, &query), ==, 0);

  /* Ids come sorted by due date. */
  {
    g_autoptr (GArray) ids = NULL;
    g_autoptr (GPtrArray) cases = NULL;

    rd_case_query_init (&query);
    ids = rd_store_query_ids (store, &query, &error);
    g_assert_cmpuint (ids->len, ==, 3);
    cases = rd_store_load_cases (store, (gint64 *) ids->data, ids->len, &error);
    g_assert_cmpstr (rd_case_get_reference (cases->pdata[0]), ==, a);
    g_assert_cmpstr (rd_case_get_reference (cases->pdata[2]), ==, c);
  }
}

static void
test_purge (TestDir       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = NULL, *other = NULL;
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdAuditReport) report = NULL;
  GDate on = test_date ("2027-03-10"), responded = test_date ("2027-03-20");
  RdCaseQuery query;

  ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Xanthippe Quirrelmoor",
                  "xanthippe.quirrelmoor@example.org");
  other = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Kept Person", NULL);
  g_assert_true (rd_store_add_note (store, ref, "Zymurgical preferences noted", &error));
  g_assert_true (rd_store_pause_case (store, ref, &on, "Waiting for Xanthippe's passport", &error));
  g_assert_true (rd_store_close_case (store, ref, RD_OUTCOME_COMPLIED, "Sent to Quirrelmoor",
                                      &responded, &error));
  g_assert_no_error (error);

  /* The data is really there before… */
  g_assert_true (file_contains (fixture->db, "Quirrelmoor") || file_contains (wal, "Quirrelmoor"));

  g_assert_true (rd_store_purge_case (store, ref, &error));
  g_assert_no_error (error);

  /* …and not a byte of it after, in the database file or its log. */
  g_assert_false (file_contains (fixture->db, "Quirrelmoor"));
  g_assert_false (file_contains (fixture->db, "quirrelmoor"));
  g_assert_false (file_contains (fixture->db, "Xanthippe"));
  g_assert_false (file_contains (fixture->db, "Zymurgical"));
  g_assert_false (file_contains (fixture->db, "zymurgical"));
  g_assert_false (file_contains (wal, "Quirrelmoor"));
  g_assert_false (file_contains (wal, "Zymurgical"));
  g_assert_true (file_contains (fixture->db, "Kept Person") || file_contains (wal, "Kept Person"));

  /* The anonymous figures stay for reports, the chain still verifies. */
  item = rd_store_get_case (store, ref, &error);
  g_assert_true (rd_case_get_purged (item));
  g_assert_null (rd_case_get_subject_name (item));
  g_assert_cmpint (rd_case_get_outcome (item), ==, RD_OUTCOME_COMPLIED);
  assert_date (rd_case_get_response_date (item), "2027-03-20");
  rd_case_query_init (&query);
  g_assert_cmpuint (count (store, &query), ==, 2);
  query.search = "Xanthippe";
  g_assert_cmpuint (count (store, &query), ==, 0);

  report = rd_audit_verify (store, &error);
  g_assert_no_error (error);
  g_assert_true (report->intact);

  /* A purged case cannot change again. */
  g_assert_false (rd_store_add_note (store, ref, "more", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
}

/* Databases of every earlier schema version open, migrate and keep their cases. */
static void
test_migrations (TestDir       *fixture,
                 gconstpointer  data)
{
  for (int version = 1; version < RD_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", fixture->dir, version);
      g_autofree char *ref = NULL;
      g_autoptr (RdCase) item = NULL;
      RdCaseQuery query;
      int user_version = -1;

      {
        g_autoptr (RdStore) old = rd_store_open_at_version (path, version, &error);
        sqlite3_stmt *stmt;

        g_assert_no_error (error);
        /* Written with the older schema: the store's own writer only touches tables every
         * version has, except search, which appeared in version 2. */
        if (version < 2)
          {
            g_autoptr (RdCase) draft = make_case ("Old Client", "eu-gdpr", RD_REQUEST_ERASURE,
                                                  "2027-03-05", "Olga Oldschema", "olga@example.org");
            rd_store_set_bulk (old, TRUE);   /* no search index in version 1 */
            g_assert_true (rd_store_add_case (old, draft, &error));
            rd_store_set_bulk (old, FALSE);
            ref = g_strdup (rd_case_get_reference (draft));
          }
        else
          ref = add_case (old, "eu-gdpr", "ie", "2027-03-05", "Olga Oldschema", "olga@example.org");
        g_assert_no_error (error);

        sqlite3_prepare_v2 (rd_store_get_db (old), "PRAGMA user_version", -1, &stmt, NULL);
        sqlite3_step (stmt);
        user_version = sqlite3_column_int (stmt, 0);
        sqlite3_finalize (stmt);
        g_assert_cmpint (user_version, ==, version);
      }

      {
        g_autoptr (RdStore) store = rd_store_open (path, &error);
        g_autoptr (RdAuditReport) report = NULL;

        g_assert_no_error (error);
        item = rd_store_get_case (store, ref, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (rd_case_get_subject_name (item), ==, "Olga Oldschema");

        rd_case_query_init (&query);
        query.search = "oldschema";
        g_assert_cmpuint (count (store, &query), ==, 1);

        report = rd_audit_verify (store, &error);
        g_assert_true (report->intact);
      }
    }
}

static void
test_not_a_database (TestDir       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->db, "Name,Email\nAnna,anna@example.org\n", -1, NULL));
  store = rd_store_open (fixture->db, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Rights Desk database"));

  /* Left as it was. */
  g_assert_true (g_file_get_contents (fixture->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Name,Email\nAnna,anna@example.org\n");
}

static void
test_too_new (TestDir       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rd_store_open (fixture->db, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_TOO_NEW);
}

static void
test_read_only_and_full (TestDir       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna", NULL);
  g_autoptr (RdCase) draft = NULL;
  guint added = 0;
  gboolean full = FALSE;

  g_assert_nonnull (ref);

  /* A database that cannot be written (query_only stands in for a read-only file, which
   * root could write anyway). */
  sqlite3_exec (rd_store_get_db (store), "PRAGMA query_only = 1", NULL, NULL, NULL);
  draft = make_case ("Acme", "eu-gdpr", RD_REQUEST_ACCESS, "2027-03-06", "Bo", NULL);
  g_assert_false (rd_store_add_case (store, draft, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_IO);
  g_clear_error (&error);
  sqlite3_exec (rd_store_get_db (store), "PRAGMA query_only = 0", NULL, NULL, NULL);

  /* A full disk: the database may not grow beyond its current pages. */
  sqlite3_exec (rd_store_get_db (store),
                "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA max_page_count = 1", NULL, NULL, NULL);
  for (guint i = 0; i < 5000 && !full; i++)
    {
      g_autoptr (RdCase) more = make_case ("Acme", "eu-gdpr", RD_REQUEST_ACCESS, "2027-03-06",
                                           "A rather long name to fill the pages quickly", NULL);
      if (rd_store_add_case (store, more, &error))
        added++;
      else
        full = TRUE;
    }
  g_assert_true (full);
  g_assert_error (error, RD_ERROR, RD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* Every case that was confirmed is there; the failed one left nothing. */
  g_assert_cmpuint (count (store, NULL), ==, added + 1);
  {
    g_autoptr (RdAuditReport) report = rd_audit_verify (store, &error);
    g_assert_true (report->intact);
  }
}

static gboolean
collect_cb (RdCase   *item,
            gpointer  user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %s %s", rd_case_get_reference (item),
                                               rd_case_get_subject_name (item),
                                               rd_case_status_to_string (rd_case_get_status (item))));
  return TRUE;
}

static void
test_demo (TestDir       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdStore) other = rd_store_open (other_path, &error);
  g_autoptr (GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) b = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RdAuditReport) report = NULL;
  RdCaseQuery query;
  guint per_outcome[RD_N_OUTCOMES] = { 0 };

  g_assert_true (rd_demo_fill (store, 3000, 7, NULL, NULL, NULL, &error));
  g_assert_true (rd_demo_fill (other, 3000, 7, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The same seed gives the same cases. */
  rd_store_foreach_case (store, NULL, collect_cb, a, &error);
  rd_store_foreach_case (other, NULL, collect_cb, b, &error);
  g_assert_cmpuint (a->len, ==, 3000);
  g_assert_cmpuint (b->len, ==, 3000);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);

  /* It shows what a privacy officer meets: overdue, stopped, extended, every outcome. */
  rd_case_query_init (&query);
  query.overdue = TRUE;
  g_assert_cmpuint (count (store, &query), >, 0);
  query.overdue = FALSE;
  {
    sqlite3_stmt *stmt;
    sqlite3 *db = rd_store_get_db (store);

    sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases WHERE paused_since IS NOT NULL", -1, &stmt, NULL);
    sqlite3_step (stmt);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases WHERE extended", -1, &stmt, NULL);
    sqlite3_step (stmt);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (db, "SELECT outcome, count(*) FROM cases GROUP BY 1", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        RdOutcome o;
        g_assert_true (rd_outcome_from_string ((const char *) sqlite3_column_text (stmt, 0), &o));
        per_outcome[o] = sqlite3_column_int (stmt, 1);
      }
    sqlite3_finalize (stmt);
  }
  for (guint o = 0; o < RD_N_OUTCOMES; o++)
    g_assert_cmpuint (per_outcome[o], >, 0);

  report = rd_audit_verify (store, &error);
  g_assert_true (report->intact);
  g_assert_cmpuint (report->n_events, >=, 3000);
}

static void
test_documents_and_redactions (TestDir       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna", NULL);
  g_autoptr (GBytes) chat = g_bytes_new_static ("Agent: call Bob on 555 0100\n", 28);
  g_autoptr (GPtrArray) redactions = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GPtrArray) withheld = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (GBytes) content = NULL;
  gint64 id;

  id = rd_store_add_document (store, ref, "transcript", "chat.txt", "text/plain", chat, "upload",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Unknown kinds and unknown cases are refused. */
  g_assert_cmpint (rd_store_add_document (store, ref, "selfie", "x", "image/png", chat, NULL, &error), ==, 0);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_store_add_document (store, "RD-1999-000001", "evidence", "x", "text/plain", chat, NULL, &error), ==, 0);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  document = rd_store_get_document (store, id, &error);
  g_assert_cmpuint (strlen (document->sha256), ==, 64);
  {
    g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, chat);
    g_assert_cmpstr (document->sha256, ==, expected);
  }
  content = rd_store_get_document_content (store, id, &error);
  g_assert_true (g_bytes_equal (content, chat));

  g_ptr_array_add (redactions, rd_redaction_new (12, 15, "PERSON", "Third party", RD_REDACTION_ACCEPTED));
  g_ptr_array_add (redactions, rd_redaction_new (19, 27, "PHONE_NUMBER", "Third party", RD_REDACTION_ACCEPTED));
  g_ptr_array_add (redactions, rd_redaction_new (0, 5, "PERSON", NULL, RD_REDACTION_REJECTED));
  g_assert_true (rd_store_save_redactions (store, id, redactions, &error));
  g_assert_no_error (error);

  loaded = rd_store_load_redactions (store, id, &error);
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_cmpuint (((RdRedaction *) loaded->pdata[0])->start, ==, 0);
  g_assert_cmpint (((RdRedaction *) loaded->pdata[0])->state, ==, RD_REDACTION_REJECTED);
  g_assert_cmpstr (((RdRedaction *) loaded->pdata[2])->entity, ==, "PHONE_NUMBER");
  {
    guint counts[3];

    g_assert_true (rd_store_count_redactions (store, id, counts, &error));
    g_assert_cmpuint (counts[RD_REDACTION_PROPOSED], ==, 0);
    g_assert_cmpuint (counts[RD_REDACTION_ACCEPTED], ==, 2);
    g_assert_cmpuint (counts[RD_REDACTION_REJECTED], ==, 1);
  }

  /* The register lists what was removed, and why; rejected spans are not withheld. */
  withheld = rd_store_list_withheld (store, ref, &error);
  g_assert_cmpuint (withheld->len, ==, 2);
  g_assert_cmpstr (((RdWithheldItem *) withheld->pdata[0])->document, ==, "chat.txt");
  g_assert_cmpuint (((RdWithheldItem *) withheld->pdata[0])->count, ==, 1);

  /* Purging the document takes its redactions with it. */
  g_assert_true (rd_store_purge_document (store, id, "Verified; copy not kept", &error));
  g_assert_no_error (error);
  documents = rd_store_list_documents (store, ref, &error);
  g_assert_cmpuint (documents->len, ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = rd_store_load_redactions (store, id, &error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_false (file_contains (fixture->db, "call Bob on"));
}

static void
test_connectors (TestDir       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdClient) client = rd_store_ensure_client (store, "Acme Retail", &error);
  g_autoptr (RdConnectorConfig) rt = rd_connector_config_new ("Acme Retail", "acme-rt",
                                                              RD_CONNECTOR_KIND_REQUEST_TRACKER,
                                                              "https://rt.acme.example/");
  g_autoptr (RdConnectorConfig) orphan = rd_connector_config_new ("Nobody Ltd", "x",
                                                                  RD_CONNECTOR_KIND_REQUEST_TRACKER,
                                                                  "https://x.example/");
  g_autoptr (RdConnectorConfig) loaded = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *message = NULL, *at = NULL;
  gboolean ok = FALSE;

  g_assert_nonnull (client);
  rd_connector_config_set_user (rt, "privacy-bot");
  g_assert_true (rd_store_save_connector (store, rt, &error));
  g_assert_no_error (error);

  /* A connection belongs to a known client. */
  g_assert_false (rd_store_save_connector (store, orphan, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  loaded = rd_store_get_connector (store, "acme-rt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_connector_config_get_user (loaded), ==, "privacy-bot");
  g_assert_cmpint (rd_connector_config_get_kind (loaded), ==, RD_CONNECTOR_KIND_REQUEST_TRACKER);

  list = rd_store_list_connectors (store, "Acme Retail", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rd_store_list_connectors (store, "Other", &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_false (rd_store_get_connector_result (store, "acme-rt", &ok, NULL, NULL, &error));
  g_assert_true (rd_store_set_connector_result (store, "acme-rt", FALSE, "401 Unauthorized", &error));
  g_assert_true (rd_store_get_connector_result (store, "acme-rt", &ok, &message, &at, &error));
  g_assert_false (ok);
  g_assert_cmpstr (message, ==, "401 Unauthorized");

  g_assert_true (rd_store_remove_connector (store, "acme-rt", &error));
  g_assert_false (rd_store_remove_connector (store, "acme-rt", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
}

static void
add_client_case (RdStore    *store,
                 const char *client,
                 const char *jurisdiction,
                 const char *calendar)
{
  g_autoptr (RdCase) item = make_case (client, jurisdiction, RD_REQUEST_ACCESS, "2027-03-05",
                                       "Anna Eriksson", NULL);
  g_autoptr (GError) error = NULL;

  rd_case_set_calendar (item, calendar);
  g_assert_true (rd_store_add_case (store, item, &error));
  g_assert_no_error (error);
}

static void
assert_usual (RdStore    *store,
              const char *client,
              const char *jurisdiction,
              const char *calendar)
{
  static char not_set[] = "not set";
  g_autoptr (GError) error = NULL;
  char *usual_calendar = not_set;
  g_autofree char *usual = rd_store_get_usual_jurisdiction (store, client, &usual_calendar,
                                                            &error);
  /* The calendar is always written, NULL included; it belongs to the caller then. */
  g_autofree char *owned_calendar = usual_calendar != not_set ? usual_calendar : NULL;

  g_assert_no_error (error);
  g_assert_true (usual_calendar != not_set);
  g_assert_cmpstr (usual, ==, jurisdiction);
  g_assert_cmpstr (owned_calendar, ==, calendar);
}

/* The form of a new case starts from what the client's cases are usually opened under. */
static void
test_usual_jurisdiction (TestDir       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdClient) newcomer = NULL;
  g_autofree char *only = NULL;

  g_assert_no_error (error);

  /* Unknown clients, and clients without a case, have no habits. */
  assert_usual (store, "Nobody Ltd", NULL, NULL);
  newcomer = rd_store_ensure_client (store, "Newcomer GmbH", &error);
  g_assert_no_error (error);
  assert_usual (store, "Newcomer GmbH", NULL, NULL);

  /* The law of most cases; the law's own calendar is no choice of the client's. */
  add_client_case (store, "Acme Retail", "us-ca-ccpa", NULL);
  add_client_case (store, "Acme Retail", "eu-gdpr", "de");
  add_client_case (store, "Acme Retail", "us-ca-ccpa", "us-ca");
  assert_usual (store, "Acme Retail", "us-ca-ccpa", NULL);

  /* The calendar most used under that law, whatever other laws use. */
  add_client_case (store, "Liffey Software Ltd", "eu-gdpr", "de");
  add_client_case (store, "Liffey Software Ltd", "eu-gdpr", NULL);
  add_client_case (store, "Liffey Software Ltd", "eu-gdpr", "de");
  add_client_case (store, "Liffey Software Ltd", "uk-gdpr", "fr");
  add_client_case (store, "Liffey Software Ltd", "uk-gdpr", "fr");
  assert_usual (store, "Liffey Software Ltd", "eu-gdpr", "de");

  /* A tie goes to the law used last. */
  add_client_case (store, "Harbour Bank plc", "eu-gdpr", NULL);
  add_client_case (store, "Harbour Bank plc", "uk-gdpr", NULL);
  assert_usual (store, "Harbour Bank plc", "uk-gdpr", NULL);
  add_client_case (store, "Harbour Bank plc", "eu-gdpr", NULL);
  assert_usual (store, "Harbour Bank plc", "eu-gdpr", NULL);

  /* Without a calendar to return. */
  only = rd_store_get_usual_jurisdiction (store, "Liffey Software Ltd", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (only, ==, "eu-gdpr");
}

static char *
cli_case_list (const char *db)
{
  const char *argv[] = { g_getenv ("RIGHTSDESK_CLI"), "--db", db, "case", "list", "--json", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Something else in the window's process opens the database file and closes it again (GTK's
 * file chooser, reading the file's first bytes for its type): that drops the process's
 * fcntl () locks on it. The command line, closing its own connection afterwards, must still
 * not take itself for the last user and delete the log the window goes on writing to. */
static void
test_log_survives_foreign_close (TestDir       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *first = NULL, *second = NULL, *out = NULL;
  char head[16];
  int fd;

  if (g_getenv ("RIGHTSDESK_CLI") == NULL)
    {
      g_test_skip ("RIGHTSDESK_CLI is not set");
      return;
    }

  store = rd_store_open (fixture->db, &error);
  g_assert_no_error (error);
  first = add_case (store, "eu-gdpr", "ie", "2027-03-05", "Anna Eriksson", NULL);

  fd = g_open (fixture->db, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, head, sizeof head), ==, sizeof head);
  close (fd);

  out = cli_case_list (fixture->db);
  g_assert_nonnull (strstr (out, first));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* What the window writes next, the command line sees. */
  second = add_case (store, "eu-gdpr", "ie", "2027-03-06", "Bo Berg", NULL);
  g_free (out);
  out = cli_case_list (fixture->db);
  g_assert_nonnull (strstr (out, second));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RIGHTSDESK_TODAY", "2027-06-30", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/store/" path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("add-and-get", test_add_and_get);
  ADD ("bad-input", test_bad_input);
  ADD ("pause-resume", test_pause_resume);
  ADD ("pause-after-due", test_pause_after_due);
  ADD ("ccpa-clock-never-stops", test_ccpa_clock_never_stops);
  ADD ("extend", test_extend);
  ADD ("workflow", test_workflow);
  ADD ("search-and-filters", test_search_and_filters);
  ADD ("purge", test_purge);
  ADD ("migrations", test_migrations);
  ADD ("not-a-database", test_not_a_database);
  ADD ("too-new", test_too_new);
  ADD ("read-only-and-full", test_read_only_and_full);
  ADD ("demo", test_demo);
  ADD ("documents-and-redactions", test_documents_and_redactions);
  ADD ("connectors", test_connectors);
  ADD ("usual-jurisdiction", test_usual_jurisdiction);
  ADD ("log-survives-foreign-close", test_log_survives_foreign_close);
#undef ADD

  return g_test_run ();
}
