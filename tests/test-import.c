/* test-import.c: cases from CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-csv.h"
#include "rd-error.h"
#include "rd-import.h"
#include "test-util.h"

static guint
n_cases (RdStore *store)
{
  return rd_store_count_cases (store, NULL, NULL);
}

static void
test_csv_reader (void)
{
  /* Quotes, doubled quotes, a line break inside a field, CRLF, a byte-order mark, semicolons. */
  const char data[] = "\xef\xbb\xbfname;note\r\n\"Ó Briain, Seán\";\"said \"\"hi\"\"\nthen left\"\r\n\r\nx;\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCsvReader) reader = rd_csv_reader_new (data, sizeof data - 1, &error);
  GPtrArray *fields;
  guint line;

  g_assert_no_error (error);
  g_assert_true (rd_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpstr (fields->pdata[0], ==, "name");
  g_assert_true (rd_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpstr (fields->pdata[0], ==, "Ó Briain, Seán");
  g_assert_cmpstr (fields->pdata[1], ==, "said \"hi\"\nthen left");
  g_assert_true (rd_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpuint (line, ==, 5);
  g_assert_cmpstr (fields->pdata[0], ==, "x");
  g_assert_cmpstr (fields->pdata[1], ==, "");
  g_assert_false (rd_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
}

static void
test_csv_bad (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCsvReader) latin1 = NULL;
  g_autoptr (RdCsvReader) open_quote = NULL;
  GPtrArray *fields;

  /* Windows-1252 "Müller" on line 2. */
  latin1 = rd_csv_reader_new ("name\nM\xfcller\n", 12, &error);
  g_assert_null (latin1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  open_quote = rd_csv_reader_new ("a,b\n\"never closed,x\n", 20, &error);
  g_assert_no_error (error);
  g_assert_true (rd_csv_reader_next (open_quote, &fields, NULL, &error));
  g_assert_false (rd_csv_reader_next (open_quote, &fields, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_csv_writer (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *row[] = { "plain", "with, comma", "with \"quote\"", "two\nlines", NULL };

  rd_csv_append_row (out, row, 5);
  g_assert_cmpstr (out->str, ==,
                   "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\r\n");
}

static const char good_and_bad[] =
  "client,type,jurisdiction,received,subject_name,subject_email,outcome,response_date\n"
  "Acme,access,eu-gdpr,2027-03-01,Ann Able,ann@example.org; a.able@example.net,,\n"
  "Acme,erasure,eu-gdpr,2027-02-30,Bad Date,,,\n"
  "Acme,teleport,eu-gdpr,2027-03-02,Bad Type,,,\n"
  "Acme,access,eu-gdpr,2027-03-03,Closed Carl,,complied,2027-03-20\n"
  "Acme,access,eu-gdpr,2027-03-04,,,,\n";

static void
test_all_or_nothing (TestDir       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdImportReport) report = NULL;

  report = rd_import_csv (store, good_and_bad, strlen (good_and_bad), FALSE, NULL, NULL, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 3);
  g_assert_cmpuint (((RdImportProblem *) report->problems->pdata[0])->line, ==, 3);
  g_assert_cmpuint (((RdImportProblem *) report->problems->pdata[1])->line, ==, 4);
  g_assert_cmpuint (((RdImportProblem *) report->problems->pdata[2])->line, ==, 6);
  g_assert_nonnull (strstr (((RdImportProblem *) report->problems->pdata[0])->message, "2027-02-30"));
  g_assert_nonnull (strstr (((RdImportProblem *) report->problems->pdata[1])->message, "teleport"));
  g_assert_cmpuint (n_cases (store), ==, 0);
}

static void
test_skip_invalid (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdImportReport) report = NULL;
  g_autoptr (RdCase) ann = NULL, carl = NULL;
  g_autoptr (RdAuditReport) audit = NULL;
  RdCaseQuery query;

  report = rd_import_csv (store, good_and_bad, strlen (good_and_bad), TRUE, NULL, NULL, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 3);
  g_assert_cmpuint (n_cases (store), ==, 2);

  ann = rd_store_get_case (store, report->references->pdata[0], &error);
  g_assert_cmpstr (rd_case_get_subject_emails (ann)[0], ==, "ann@example.org");
  g_assert_cmpstr (rd_case_get_subject_emails (ann)[1], ==, "a.able@example.net");
  carl = rd_store_get_case (store, report->references->pdata[1], &error);
  g_assert_cmpint (rd_case_get_status (carl), ==, RD_STATUS_CLOSED);
  g_assert_cmpint (rd_case_get_outcome (carl), ==, RD_OUTCOME_COMPLIED);

  /* Imported cases are searchable and audited like any other. */
  rd_case_query_init (&query);
  query.search = "able";
  g_assert_cmpuint (rd_store_count_cases (store, &query, NULL), ==, 1);
  audit = rd_audit_verify (store, &error);
  g_assert_true (audit->intact);
}

static void
test_wrong_columns (TestDir       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (fixture->db, &error);
  g_autoptr (RdImportReport) report = NULL;
  const char missing[] = "client,type,received,subject_name\nAcme,access,2027-03-01,Ann\n";
  const char unknown[] = "client,type,jurisdiction,received,subject_name,shoe_size\n";
  const char twice[] = "client,type,jurisdiction,received,subject_name,email,Subject email\n"
                       "Acme,access,eu-gdpr,2027-03-01,Ann,a@example.org,b@example.org\n";

  report = rd_import_csv (store, missing, strlen (missing), TRUE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "jurisdiction"));
  g_clear_error (&error);

  report = rd_import_csv (store, unknown, strlen (unknown), TRUE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "shoe_size"));
  g_clear_error (&error);

  /* Two names for one field: the import cannot know which to believe, so it asks. */
  report = rd_import_csv (store, twice, strlen (twice), TRUE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“email”"));
  g_assert_nonnull (strstr (error->message, "“Subject email”"));
  g_assert_cmpuint (n_cases (store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RIGHTSDESK_TODAY", "2027-06-30", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/reader", test_csv_reader);
  g_test_add_func ("/core/csv/bad", test_csv_bad);
  g_test_add_func ("/core/csv/writer", test_csv_writer);
  g_test_add ("/core/import/all-or-nothing", TestDir, NULL, test_dir_setup, test_all_or_nothing,
              test_dir_teardown);
  g_test_add ("/core/import/skip-invalid", TestDir, NULL, test_dir_setup, test_skip_invalid,
              test_dir_teardown);
  g_test_add ("/core/import/wrong-columns", TestDir, NULL, test_dir_setup, test_wrong_columns,
              test_dir_teardown);
  return g_test_run ();
}
