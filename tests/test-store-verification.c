/* test-store-verification.c: recording identity checks moves the case and its clock as the law
 * says, and the ID document leaves no trace once purged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <stdio.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-store.h"
#include "test-util.h"

static char *
add_case (RdStore       *store,
          const char    *jurisdiction,
          const char    *calendar,
          RdRequestType  type,
          const char    *received)
{
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  GDate date = test_date (received);

  rd_case_set_client (item, "Acme Retail");
  rd_case_set_jurisdiction (item, jurisdiction);
  rd_case_set_calendar (item, calendar);
  rd_case_set_request_type (item, type);
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, "Anna Maria Eriksson");
  /* Cases are recorded the day they arrive. */
  g_setenv ("RIGHTSDESK_TODAY", received, TRUE);
  rd_store_add_case (store, item, &error);
  g_assert_no_error (error);
  return g_strdup (rd_case_get_reference (item));
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char buf[11];

  g_assert_nonnull (date);
  g_assert_true (g_date_valid (date));
  rd_date_format_into (date, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static RdVerificationRecord *
make_record (RdCheckOutcome  outcome,
             const char     *reason,
             const char     *evidence_received)
{
  RdVerificationRecord *record;
  const char *points[] = { "name", "birth_date", NULL };

  record = rd_verification_record_new (RD_CHECK_METHOD_ID_DOCUMENT, outcome, reason,
                                       "officer@example.org", NULL);
  record->data_points = g_strdupv ((char **) points);
  record->evidence_received = g_strdup (evidence_received);
  record->document_type = g_strdup ("passport");
  record->issuing_state = g_strdup ("UTO");
  record->mrz_valid = 1;
  return record;
}

static void
record (RdStore        *store,
        const char     *ref,
        RdCheckOutcome  outcome,
        const char     *reason,
        const char     *evidence_received)
{
  g_autoptr (RdVerificationRecord) check = make_record (outcome, reason, evidence_received);
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_store_record_verification (store, ref, check, &error));
  g_assert_no_error (error);
}

static RdAuditEvent *
last_event (RdStore    *store,
            const char *ref)
{
  g_autoptr (GPtrArray) timeline = rd_store_list_timeline (store, ref, NULL);

  g_assert_nonnull (timeline);
  g_assert_cmpuint (timeline->len, >, 0);
  return g_ptr_array_steal_index (timeline, timeline->len - 1);
}

/* UK GDPR Art. 12A: the month begins with the day the identity evidence arrived. */
static void
test_uk_restarts (TestDir       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "uk-gdpr", "gb-eaw", RD_REQUEST_ACCESS, "2027-03-05");
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) clock = NULL;
  g_autoptr (RdAuditEvent) event = NULL;

  /* Received Friday 5 March: one month is Monday 5 April (ICO: 3 September → 3 October). */
  item = rd_store_get_case (store, ref, &error);
  assert_date (rd_case_get_due (item), "2027-04-05");
  g_clear_object (&item);

  /* Asking for more: the case waits, but the UK clock does not stop for identity. */
  g_setenv ("RIGHTSDESK_TODAY", "2027-03-08", TRUE);
  record (store, ref, RD_CHECK_MORE_INFORMATION, "Photo page cut off", NULL);
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_IDENTITY_VERIFICATION);
  g_assert_null (rd_case_get_paused_since (item));
  assert_date (rd_case_get_due (item), "2027-04-05");
  g_clear_object (&item);

  /* Evidence arrived Wednesday 17 March: a month is Saturday 17 April, which moves to the next
   * working day, Monday 19 April. */
  g_setenv ("RIGHTSDESK_TODAY", "2027-03-18", TRUE);
  record (store, ref, RD_CHECK_VERIFIED, NULL, "2027-03-17");
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_IN_PROGRESS);
  assert_date (rd_case_get_due (item), "2027-04-19");

  clock = rd_store_list_clock_events (store, ref, &error);
  g_assert_cmpuint (clock->len, ==, 1);
  g_assert_cmpstr (((RdClockEvent *) clock->pdata[0])->kind, ==, "restart");
  assert_date (&((RdClockEvent *) clock->pdata[0])->on, "2027-03-17");

  event = last_event (store, ref);
  g_assert_cmpstr (event->action, ==, "identity.checked");
  g_assert_nonnull (strstr (event->details, "\"method\":\"id-document\""));
  g_assert_nonnull (strstr (event->details, "\"outcome\":\"verified\""));
  g_assert_nonnull (strstr (event->details, "\"birth_date\""));
  g_assert_nonnull (strstr (event->details, "\"restart\""));

  /* Evidence cannot arrive tomorrow. */
  {
    g_autoptr (RdVerificationRecord) check = make_record (RD_CHECK_VERIFIED, NULL, "2027-03-19");
    g_assert_false (rd_store_record_verification (store, ref, check, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  }
}

/* EU GDPR: asking for identity information suspends the month; its arrival ends the
 * suspension (EDPB Guidelines 01/2022 para. 159). */
static void
test_eu_suspends (TestDir       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", RD_REQUEST_ACCESS, "2027-03-05");
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) clock = NULL;
  g_autoptr (GPtrArray) checks = NULL;

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-10", TRUE);
  record (store, ref, RD_CHECK_MORE_INFORMATION, "Name on the passport differs", NULL);
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_IDENTITY_VERIFICATION);
  assert_date (rd_case_get_paused_since (item), "2027-03-10");
  g_clear_object (&item);

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-15", TRUE);
  record (store, ref, RD_CHECK_VERIFIED, "Second passport scan matches", "2027-03-14");

  /* 10 to 14 March inclusive is five days: 5 April + 5 = Saturday 10 April, which rolls to
   * Monday 12 April (Reg. 1182/71 Art. 3(4)). */
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_IN_PROGRESS);
  g_assert_null (rd_case_get_paused_since (item));
  assert_date (rd_case_get_due (item), "2027-04-12");

  clock = rd_store_list_clock_events (store, ref, &error);
  g_assert_cmpuint (clock->len, ==, 2);
  g_assert_cmpstr (((RdClockEvent *) clock->pdata[0])->kind, ==, "pause");
  g_assert_cmpstr (((RdClockEvent *) clock->pdata[1])->kind, ==, "resume");
  assert_date (&((RdClockEvent *) clock->pdata[1])->on, "2027-03-14");

  /* Both checks are kept, each with its reason and the facts, never a reason in the record. */
  checks = rd_store_list_verifications (store, ref, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 2);
  {
    RdVerificationRecord *first = checks->pdata[0], *second = checks->pdata[1];

    g_assert_cmpint (first->outcome, ==, RD_CHECK_MORE_INFORMATION);
    g_assert_cmpstr (first->reason, ==, "Name on the passport differs");
    g_assert_cmpint (second->outcome, ==, RD_CHECK_VERIFIED);
    g_assert_cmpint (second->method, ==, RD_CHECK_METHOD_ID_DOCUMENT);
    g_assert_cmpstr (second->checked_by, ==, "officer@example.org");
    g_assert_nonnull (second->checked_at);
    g_assert_cmpstr (second->issuing_state, ==, "UTO");
    g_assert_cmpstr (second->data_points[1], ==, "birth_date");
    g_assert_cmpstr (second->evidence_received, ==, "2027-03-14");
  }
}

/* CCPA: verification never stops the 45 days (11 CCR 7021(b)). */
static void
test_ccpa_clock_unchanged (TestDir       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "us-ca-ccpa", NULL, RD_REQUEST_ACCESS, "2027-03-05");
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) clock = NULL;

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-08", TRUE);
  record (store, ref, RD_CHECK_MORE_INFORMATION, "Only one data point matched", NULL);
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_IDENTITY_VERIFICATION);
  g_assert_null (rd_case_get_paused_since (item));
  /* 5 March + 45 calendar days = 19 April. */
  assert_date (rd_case_get_due (item), "2027-04-19");
  g_clear_object (&item);

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-30", TRUE);
  record (store, ref, RD_CHECK_VERIFIED, NULL, "2027-03-29");
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_IN_PROGRESS);
  assert_date (rd_case_get_due (item), "2027-04-19");

  clock = rd_store_list_clock_events (store, ref, &error);
  g_assert_cmpuint (clock->len, ==, 0);
}

/* Verified although a check of the document failed: only with a reason, which the audit trail
 * keeps beside the names of the failed checks. */
static void
test_verified_despite_failure (TestDir       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", RD_REQUEST_ACCESS, "2027-03-05");
  g_autoptr (RdVerificationRecord) check = NULL;
  g_autoptr (RdAuditEvent) event = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (RdCase) item = NULL;
  const char *fields[] = { "mrz_valid", "expiry_status", "name_match", "birth_date_match" };

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-10", TRUE);

  /* Each failed fact alone is enough to need a reason; blank space is no reason. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr (RdVerificationRecord) bad = make_record (RD_CHECK_VERIFIED, i == 0 ? NULL : " \t",
                                                          NULL);
      g_autoptr (GError) local_error = NULL;

      if (i == 0)
        bad->mrz_valid = 0;
      else if (i == 1)
        bad->expiry_status = g_strdup ("expired");
      else if (i == 2)
        bad->name_match = g_strdup ("mismatch");
      else
        bad->birth_date_match = g_strdup ("mismatch");
      g_assert_false (rd_store_record_verification (store, ref, bad, &local_error));
      g_assert_error (local_error, RD_ERROR, RD_ERROR_INVALID);
      g_test_message ("%s: %s", fields[i], local_error->message);
    }

  /* Nothing was recorded and the case did not move. */
  checks = rd_store_list_verifications (store, ref, &error);
  g_assert_cmpuint (checks->len, ==, 0);
  g_clear_pointer (&checks, g_ptr_array_unref);
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_NEW);

  /* Matches that pass need no reason. */
  check = make_record (RD_CHECK_VERIFIED, NULL, NULL);
  check->name_match = g_strdup ("probable");
  check->expiry_status = g_strdup ("valid");
  g_assert_null (rd_verification_record_get_failed_checks (check));

  /* With a reason it is recorded, and the timeline says which checks failed and why. */
  check->mrz_valid = 0;
  g_free (check->expiry_status);
  check->expiry_status = g_strdup ("expired");
  check->reason = g_strdup ("Renewed passport seen on a video call");
  g_assert_true (rd_store_record_verification (store, ref, check, &error));
  g_assert_no_error (error);
  event = last_event (store, ref);
  g_assert_cmpstr (event->action, ==, "identity.checked");
  g_assert_nonnull (strstr (event->details, "\"failed_checks\":[\"mrz\",\"expiry\"]"));
  g_assert_nonnull (strstr (event->payload, "Renewed passport seen on a video call"));
  checks = rd_store_list_verifications (store, ref, &error);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_cmpstr (((RdVerificationRecord *) checks->pdata[0])->reason, ==,
                   "Renewed passport seen on a video call");
}

static void
test_failed_closes (TestDir       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", RD_REQUEST_ERASURE, "2027-03-05");
  g_autofree char *kept = add_case (store, "us-ca-ccpa", NULL, RD_REQUEST_ACCESS, "2027-03-05");
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdVerificationRecord) check = NULL;

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-09", TRUE);

  /* A failed check needs its reason. */
  check = make_record (RD_CHECK_FAILED, NULL, NULL);
  g_assert_false (rd_store_record_verification (store, ref, check, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  record (store, ref, RD_CHECK_FAILED, "Document number fails its check digit", NULL);
  item = rd_store_get_case (store, ref, &error);
  g_assert_cmpint (rd_case_get_status (item), ==, RD_STATUS_CLOSED);
  g_assert_cmpint (rd_case_get_outcome (item), ==, RD_OUTCOME_DENIED);
  g_assert_cmpstr (rd_case_get_outcome_reason (item), ==, "Identity could not be verified");
  assert_date (rd_case_get_response_date (item), "2027-03-09");
  g_clear_object (&item);

  /* A closed case takes no further check. */
  g_assert_false (rd_store_record_verification (store, ref, check, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);

  /* The officer may keep the case open (CCPA: an unverified request for specific pieces is
   * handled as one for categories). */
  g_clear_pointer (&check, rd_verification_record_free);
  check = make_record (RD_CHECK_FAILED, "No signed declaration", NULL);
  g_assert_true (rd_store_record_verification_full (store, kept, check,
                                                    RD_VERIFICATION_KEEP_OPEN, &error));
  g_assert_no_error (error);
  item = rd_store_get_case (store, kept, &error);
  g_assert_true (rd_case_status_is_open (rd_case_get_status (item)));
  g_assert_cmpint (rd_case_get_outcome (item), ==, RD_OUTCOME_NONE);

  /* Unknown cases are named. */
  g_assert_false (rd_store_record_verification (store, "RD-1999-000001", check, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
}

/* The ID document is purged after the decision; nothing of it remains in the file or its log,
 * and a purge of the case clears the check's free-text reason but keeps the check. */
static void
test_purge_leaves_no_bytes (TestDir       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autofree char *ref = add_case (store, "eu-gdpr", "ie", RD_REQUEST_ACCESS, "2027-03-05");
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (RdAuditReport) report = NULL;
  /* What a scanned passport would carry: its MRZ and a marker to grep for. */
  static const char passport[] =
    "%PDF-1.4\n% ZEPHYRINE-PASSPORT-SCAN\n"
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n%%EOF\n";
  g_autoptr (GBytes) content = g_bytes_new_static (passport, sizeof passport - 1);
  gint64 id;

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-09", TRUE);
  id = rd_store_add_document (store, ref, "id-document", "passport.pdf", "application/pdf",
                              content, "upload", &error);
  g_assert_no_error (error);
  g_assert_true (file_contains (fixture->db, "ZEPHYRINE-PASSPORT-SCAN") ||
                 file_contains (wal, "ZEPHYRINE-PASSPORT-SCAN"));

  record (store, ref, RD_CHECK_VERIFIED, "Quillfeather confirmed by passport", "2027-03-09");
  g_assert_true (rd_store_purge_document (store, id, "Identity verified; copy not kept", &error));
  g_assert_no_error (error);

  g_assert_false (file_contains (fixture->db, "ZEPHYRINE-PASSPORT-SCAN"));
  g_assert_false (file_contains (wal, "ZEPHYRINE-PASSPORT-SCAN"));
  g_assert_false (file_contains (fixture->db, "L898902C36UTO7408122F1204159"));
  g_assert_false (file_contains (wal, "L898902C36UTO7408122F1204159"));
  documents = rd_store_list_documents (store, ref, &error);
  g_assert_cmpuint (documents->len, ==, 0);

  /* Only the record of the check remains… */
  checks = rd_store_list_verifications (store, ref, &error);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_cmpstr (((RdVerificationRecord *) checks->pdata[0])->reason, ==,
                   "Quillfeather confirmed by passport");
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* …and a purge of the case clears its free text from the file too. */
  g_assert_true (rd_store_purge_case (store, ref, &error));
  g_assert_no_error (error);
  g_assert_false (file_contains (fixture->db, "Quillfeather"));
  g_assert_false (file_contains (wal, "Quillfeather"));
  checks = rd_store_list_verifications (store, ref, &error);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_null (((RdVerificationRecord *) checks->pdata[0])->reason);
  g_assert_cmpint (((RdVerificationRecord *) checks->pdata[0])->outcome, ==, RD_CHECK_VERIFIED);

  report = rd_audit_verify (store, &error);
  g_assert_no_error (error);
  g_assert_true (report->intact);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/store-verification/" path, TestDir, NULL, test_dir_setup, func, \
              test_dir_teardown)
  ADD ("uk-restarts", test_uk_restarts);
  ADD ("eu-suspends", test_eu_suspends);
  ADD ("ccpa-clock-unchanged", test_ccpa_clock_unchanged);
  ADD ("verified-despite-failure", test_verified_despite_failure);
  ADD ("failed-closes", test_failed_closes);
  ADD ("purge-leaves-no-bytes", test_purge_leaves_no_bytes);
#undef ADD

  return g_test_run ();
}
