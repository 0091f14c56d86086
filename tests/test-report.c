/* test-report.c: regulator report figures, checked against values computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rd-csv.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-report.h"
#include "rd-report-pdf.h"
#include "rd-store.h"
#include "test-util.h"

/* ------------------------------------------------------------------------------------------ */
/* Building cases through the store */

static char *
add (RdStore       *store,
     const char    *client,
     const char    *jurisdiction,
     RdRequestType  type,
     RdChannel      channel,
     const char    *received)
{
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  GDate date = test_date (received);

  rd_case_set_client (item, client);
  rd_case_set_jurisdiction (item, jurisdiction);
  rd_case_set_request_type (item, type);
  rd_case_set_channel (item, channel);
  rd_case_set_received (item, &date);
  rd_case_set_subject_name (item, "Test Person");
  if (!rd_store_add_case (store, item, &error))
    g_error ("%s %s %s: %s", client, jurisdiction, received, error->message);
  return g_strdup (rd_case_get_reference (item));
}

static void
close_case (RdStore    *store,
            const char *reference,
            RdOutcome   outcome,
            const char *reason,
            const char *on)
{
  g_autoptr (GError) error = NULL;
  GDate date = test_date (on);

  g_assert_true (rd_store_close_case (store, reference, outcome, reason, &date, &error));
  g_assert_no_error (error);
}

/* One call: add and close. */
static void
answered (RdStore       *store,
          const char    *client,
          RdRequestType  type,
          const char    *received,
          RdOutcome      outcome,
          const char    *reason,
          const char    *on)
{
  g_autofree char *ref = add (store, client, "us-ca-ccpa", type, RD_CHANNEL_WEB, received);

  close_case (store, ref, outcome, reason, on);
}

static RdStore *
open_store (TestDir *fixture)
{
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (fixture->db, &error);

  g_assert_no_error (error);
  return store;
}

/* The CCPA cases, with the days to respond worked out by hand in the comments. */
static void
fill_ccpa (RdStore *store)
{
  const char *acme = "Acme Retail";
  g_autofree char *open_know = NULL;
  g_autofree char *other = NULL;

  /* know: 20, 32 (February 2026 has 28 days: 28 + 4) and 45 (31 + 14) days; one still open */
  answered (store, acme, RD_REQUEST_ACCESS, "2026-01-05", RD_OUTCOME_COMPLIED, NULL, "2026-01-25");
  answered (store, acme, RD_REQUEST_PORTABILITY, "2026-02-10", RD_OUTCOME_PARTIAL,
            "Third-party data withheld", "2026-03-14");
  answered (store, acme, RD_REQUEST_ACCESS, "2026-03-01", RD_OUTCOME_DENIED,
            "Identity could not be verified", "2026-04-15");
  open_know = add (store, acme, "us-ca-ccpa", RD_REQUEST_ACCESS, RD_CHANNEL_EMAIL, "2026-12-30");
  /* received the year before, answered in 2026: not a 2026 request */
  answered (store, acme, RD_REQUEST_ACCESS, "2025-12-31", RD_OUTCOME_COMPLIED, NULL, "2026-01-10");
  /* another client's request, answered in 1 day */
  other = add (store, "Bluegrass Outfitters", "us-ca-ccpa", RD_REQUEST_ACCESS, RD_CHANNEL_EMAIL,
               "2026-05-05");
  close_case (store, other, RD_OUTCOME_DENIED, "Not verifiable", "2026-05-06");
  /* a GDPR request is no CCPA request, even in an all-clients report */
  g_free (other);
  other = add (store, "Liffey Software Ltd", "eu-gdpr", RD_REQUEST_ACCESS, RD_CHANNEL_EMAIL,
               "2026-05-07");
  close_case (store, other, RD_OUTCOME_COMPLIED, NULL, "2026-05-08");

  /* delete: 10 and 28 days (an even count: median 19); one withdrawn, with no days */
  answered (store, acme, RD_REQUEST_ERASURE, "2026-04-01", RD_OUTCOME_COMPLIED, NULL, "2026-04-11");
  answered (store, acme, RD_REQUEST_ERASURE, "2026-05-02", RD_OUTCOME_DENIED,
            "Not made by a consumer", "2026-05-30");
  answered (store, acme, RD_REQUEST_ERASURE, "2026-06-01", RD_OUTCOME_WITHDRAWN, NULL,
            "2026-06-05");

  /* opt-out: 14, 21 and 1 days */
  answered (store, acme, RD_REQUEST_OPT_OUT, "2026-07-01", RD_OUTCOME_COMPLIED, NULL, "2026-07-15");
  answered (store, acme, RD_REQUEST_OPT_OUT, "2026-07-02", RD_OUTCOME_COMPLIED, NULL, "2026-07-23");
  answered (store, acme, RD_REQUEST_OPT_OUT, "2026-08-03", RD_OUTCOME_DENIED,
            "Information exempt from disclosure", "2026-08-04");

  /* correct, in a leap year: 28 Feb to 1 Mar 2028 is 2 days; 29 Feb to 31 Mar is 31 */
  answered (store, acme, RD_REQUEST_RECTIFICATION, "2028-02-28", RD_OUTCOME_COMPLIED, NULL,
            "2028-03-01");
  answered (store, acme, RD_REQUEST_RECTIFICATION, "2028-02-29", RD_OUTCOME_DENIED,
            "Request was manifestly unfounded", "2028-03-31");
}

static void
assert_days (double      value,
             double      expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

static void
test_ccpa_figures (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (RdReport) report = NULL;
  g_autoptr (GError) error = NULL;
  const RdCcpaRow *r;

  fill_ccpa (store);
  report = rd_report_compute_ccpa (store, 2026, "Acme Retail", &error);
  g_assert_no_error (error);

  r = rd_report_get_ccpa_row (report, RD_CCPA_KNOW);
  g_assert_cmpuint (r->received, ==, 4);
  g_assert_cmpuint (r->complied, ==, 2);
  g_assert_cmpuint (r->denied, ==, 1);
  g_assert_cmpuint (r->open, ==, 1);
  g_assert_cmpuint (r->denied_by_reason[RD_DENIAL_UNVERIFIABLE], ==, 1);
  g_assert_cmpuint (r->days.n, ==, 3);
  assert_days (r->days.median, 32);           /* odd: {20, 32, 45} */
  assert_days (r->days.mean, 97.0 / 3);       /* published as 32.3 */

  r = rd_report_get_ccpa_row (report, RD_CCPA_DELETE);
  g_assert_cmpuint (r->received, ==, 3);
  g_assert_cmpuint (r->complied, ==, 1);
  g_assert_cmpuint (r->denied, ==, 1);
  g_assert_cmpuint (r->withdrawn, ==, 1);
  g_assert_cmpuint (r->denied_by_reason[RD_DENIAL_NOT_CONSUMER], ==, 1);
  assert_days (r->days.median, 19);           /* even: (10 + 28) / 2 */
  assert_days (r->days.mean, 19);

  r = rd_report_get_ccpa_row (report, RD_CCPA_OPT_OUT);
  g_assert_cmpuint (r->received, ==, 3);
  g_assert_cmpuint (r->complied, ==, 2);
  g_assert_cmpuint (r->denied, ==, 1);
  g_assert_cmpuint (r->denied_by_reason[RD_DENIAL_EXEMPT], ==, 1);
  assert_days (r->days.median, 14);
  assert_days (r->days.mean, 12);             /* (1 + 14 + 21) / 3 */

  r = rd_report_get_ccpa_row (report, RD_CCPA_CORRECT);
  g_assert_cmpuint (r->received, ==, 0);
  assert_days (r->days.median, NAN);
  r = rd_report_get_ccpa_row (report, RD_CCPA_LIMIT);
  g_assert_cmpuint (r->received, ==, 0);

  /* The leap year. */
  g_clear_object (&report);
  report = rd_report_compute_ccpa (store, 2028, "Acme Retail", &error);
  g_assert_no_error (error);
  r = rd_report_get_ccpa_row (report, RD_CCPA_CORRECT);
  g_assert_cmpuint (r->received, ==, 2);
  g_assert_cmpuint (r->complied, ==, 1);
  g_assert_cmpuint (r->denied, ==, 1);
  g_assert_cmpuint (r->denied_by_reason[RD_DENIAL_OTHER], ==, 1);
  assert_days (r->days.median, 16.5);         /* (2 + 31) / 2 */

  /* The year before holds only the request of 31 December 2025. */
  g_clear_object (&report);
  report = rd_report_compute_ccpa (store, 2025, NULL, &error);
  g_assert_no_error (error);
  r = rd_report_get_ccpa_row (report, RD_CCPA_KNOW);
  g_assert_cmpuint (r->received, ==, 1);
  assert_days (r->days.median, 10);

  /* Every client: the other client's denied CCPA request joins "know", the GDPR one does not. */
  g_clear_object (&report);
  report = rd_report_compute_ccpa (store, 2026, NULL, &error);
  g_assert_no_error (error);
  r = rd_report_get_ccpa_row (report, RD_CCPA_KNOW);
  g_assert_cmpuint (r->received, ==, 5);
  g_assert_cmpuint (r->denied, ==, 2);
  assert_days (r->days.median, 26);           /* {1, 20, 32, 45} */
}

/* ------------------------------------------------------------------------------------------ */
/* The three formats */

static JsonObject *
find_row (JsonArray  *rows,
          const char *type)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (o, "type"), type))
        return o;
    }
  g_assert_not_reached ();
}

static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCsvReader) reader = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *fields;
  guint line;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_true (g_str_has_suffix (text, "\r\n"));    /* RFC 4180 line ends */
  reader = rd_csv_reader_new (text, length, &error);
  g_assert_no_error (error);
  while (rd_csv_reader_next (reader, &fields, &line, &error))
    {
      GStrv copy = g_new0 (char *, fields->len + 1);

      for (guint i = 0; i < fields->len; i++)
        copy[i] = g_strdup (g_ptr_array_index (fields, i));
      g_ptr_array_add (records, copy);
    }
  g_assert_no_error (error);
  return records;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Every page of @path renders to a PNG that is not empty. */
static guint
render_pages (const char *path,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "40", "-png", path, prefix, NULL };
  g_autoptr (GDir) listing = NULL;
  const char *name;
  int status;
  guint n = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      {
        g_autofree char *png = g_build_filename (dir, name, NULL);
        GStatBuf st;

        g_assert_cmpint (g_stat (png, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 1000);
        n++;
      }
  return n;
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
test_ccpa_formats (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (RdReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json_path = g_build_filename (fixture->dir, "ccpa.json", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "ccpa.csv", NULL);
  g_autofree char *months_path = g_build_filename (fixture->dir, "ccpa-months.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "ccpa.pdf", NULL);
  g_autofree char *letter_path = g_build_filename (fixture->dir, "ccpa-letter.pdf", NULL);
  g_autoptr (GPtrArray) csv = NULL;
  g_autoptr (GPtrArray) months = NULL;
  g_autofree char *text = NULL;
  JsonObject *root, *know, *del;
  JsonArray *rows;

  fill_ccpa (store);
  report = rd_report_compute_ccpa (store, 2026, "Acme Retail", &error);
  g_assert_no_error (error);

  /* JSON: the shape of CLI.md */
  g_assert_true (rd_report_save (report, RD_REPORT_FORMAT_JSON, RD_PAPER_A4, json_path, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "ccpa-7102");
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2026);
  g_assert_cmpstr (json_object_get_string_member (root, "client"), ==, "Acme Retail");
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "type"), ==, "know");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 4),
                                                  "type"), ==, "limit");
  know = find_row (rows, "know");
  g_assert_cmpint (json_object_get_int_member (know, "received"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (know, "complied"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (know, "denied"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (know, "median_days"), 32, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (know, "mean_days"), 32.3, 1e-9);
  del = find_row (rows, "delete");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (del, "median_days"), 19, 1e-9);
  g_assert_true (json_object_get_null_member (find_row (rows, "limit"), "median_days"));

  /* CSV: the same figures */
  g_assert_true (rd_report_save (report, RD_REPORT_FORMAT_CSV, RD_PAPER_A4, csv_path, &error));
  g_assert_no_error (error);
  csv = read_csv (csv_path);
  g_assert_cmpuint (csv->len, ==, 6);
  {
    GStrv header = g_ptr_array_index (csv, 0);
    GStrv k = g_ptr_array_index (csv, 1);
    GStrv d = g_ptr_array_index (csv, 2);

    g_assert_cmpstr (header[0], ==, "type");
    g_assert_cmpstr (header[4], ==, "median_days");
    g_assert_cmpstr (k[0], ==, "know");
    g_assert_cmpstr (k[1], ==, "4");
    g_assert_cmpstr (k[2], ==, "2");
    g_assert_cmpstr (k[3], ==, "1");
    g_assert_cmpstr (k[4], ==, "32");
    g_assert_cmpstr (k[5], ==, "32.3");
    g_assert_cmpstr (d[0], ==, "delete");
    g_assert_cmpstr (d[4], ==, "19");
  }
  months = read_csv (months_path);
  g_assert_cmpuint (months->len, ==, 13);    /* a header and twelve months */
  g_assert_cmpstr (((GStrv) g_ptr_array_index (months, 7))[0], ==, "2026-07");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (months, 7))[1], ==, "2");

  /* PDF: the figures are in the text, on A4 and on Letter, and every page renders */
  g_assert_true (rd_report_save (report, RD_REPORT_FORMAT_PDF, RD_PAPER_A4, pdf_path, &error));
  g_assert_no_error (error);
  g_assert_true (rd_report_save (report, RD_REPORT_FORMAT_PDF, RD_PAPER_LETTER, letter_path,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (file_contains (pdf_path, "%PDF-"));
  if (!have_program ("pdftotext") || !have_program ("pdftoppm"))
    {
      g_test_skip ("pdftotext and pdftoppm (poppler-utils) are not installed");
      return;
    }
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, "CCPA request metrics 2026"));
  g_assert_nonnull (strstr (text, "Acme Retail"));
  g_assert_nonnull (strstr (text, "32.3"));
  g_assert_nonnull (strstr (text, "Requests to delete"));
  g_assert_nonnull (strstr (text, "7102"));
  {
    g_autofree char *pages = g_build_filename (fixture->dir, "a4", NULL);
    g_autofree char *letter_pages = g_build_filename (fixture->dir, "letter", NULL);

    g_mkdir (pages, 0700);
    g_mkdir (letter_pages, 0700);
    g_assert_cmpuint (render_pages (pdf_path, pages), >=, 1);
    g_assert_cmpuint (render_pages (letter_path, letter_pages), >=, 1);
  }
  {
    g_autofree char *info = NULL;
    const char *argv[] = { "pdfinfo", letter_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &info, NULL, NULL, NULL));
    g_assert_nonnull (strstr (info, "612 x 792 pts"));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* GDPR statistics */

static void
fill_gdpr (RdStore *store)
{
  const char *liffey = "Liffey Software Ltd";
  g_autoptr (GError) error = NULL;
  g_autoptr (RdClient) client = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL, *c4 = NULL, *c5 = NULL, *c6 = NULL;
  g_autofree char *c7 = NULL, *c8 = NULL, *c9 = NULL;
  GDate on;

  client = rd_store_ensure_client (store, liffey, &error);
  g_assert_no_error (error);
  rd_client_set_jurisdiction (client, "eu-gdpr");
  rd_client_set_sla_days (client, 21);
  g_assert_true (rd_store_save_client (store, client, &error));
  g_assert_no_error (error);

  /* 1: answered in 18 days, on time; internal 21 days met */
  c1 = add (store, liffey, "eu-gdpr", RD_REQUEST_ACCESS, RD_CHANNEL_EMAIL, "2026-03-02");
  close_case (store, c1, RD_OUTCOME_COMPLIED, NULL, "2026-03-20");
  /* 2: partly refused after 71 days (31 + 30 + 10), late */
  c2 = add (store, liffey, "eu-gdpr", RD_REQUEST_ACCESS, RD_CHANNEL_WEB, "2026-03-10");
  close_case (store, c2, RD_OUTCOME_PARTIAL, "Third-party data withheld", "2026-05-20");
  /* 3: extended, answered after 75 days (61 + 14), inside three months */
  c3 = add (store, liffey, "eu-gdpr", RD_REQUEST_ERASURE, RD_CHANNEL_EMAIL, "2026-04-01");
  on = test_date ("2026-04-20");
  g_assert_true (rd_store_extend_case (store, c3, &on, "Complex", &error));
  g_assert_no_error (error);
  close_case (store, c3, RD_OUTCOME_COMPLIED, NULL, "2026-06-15");
  /* 4: paused once, refused after 20 days as manifestly unfounded */
  c4 = add (store, liffey, "eu-gdpr", RD_REQUEST_ERASURE, RD_CHANNEL_LETTER, "2026-04-15");
  on = test_date ("2026-04-16");
  g_assert_true (rd_store_pause_case (store, c4, &on, "Asked for proof of identity", &error));
  on = test_date ("2026-04-26");
  g_assert_true (rd_store_resume_case (store, c4, &on, &error));
  g_assert_no_error (error);
  close_case (store, c4, RD_OUTCOME_DENIED, "Manifestly unfounded", "2026-05-05");
  /* 5: open, 67 days old on 10 July (27 + 30 + 10), past its deadline of early June */
  c5 = add (store, liffey, "eu-gdpr", RD_REQUEST_RECTIFICATION, RD_CHANNEL_PHONE, "2026-05-04");
  /* 6: open, 11 days old, due at the end of July */
  c6 = add (store, liffey, "eu-gdpr", RD_REQUEST_OBJECTION, RD_CHANNEL_CHAT, "2026-06-29");
  /* 7: received the day before the period */
  c7 = add (store, liffey, "eu-gdpr", RD_REQUEST_ACCESS, RD_CHANNEL_EMAIL, "2026-02-28");
  /* 8: another client's request */
  c8 = add (store, "Nordlicht Versicherung AG", "eu-gdpr", RD_REQUEST_ACCESS, RD_CHANNEL_EMAIL,
            "2026-03-05");
  /* a CCPA request in the period: not in a GDPR report */
  g_free (c7);
  c7 = add (store, "Acme Retail", "us-ca-ccpa", RD_REQUEST_ACCESS, RD_CHANNEL_WEB, "2026-04-02");
  /* 9: on the period's last day, withdrawn */
  c9 = add (store, liffey, "eu-gdpr", RD_REQUEST_CONSENT_WITHDRAWAL, RD_CHANNEL_EMAIL,
            "2026-06-30");
  close_case (store, c9, RD_OUTCOME_WITHDRAWN, NULL, "2026-07-01");
}

static RdReport *
compute_gdpr (RdStore      *store,
              RdReportKind  kind,
              const char   *client)
{
  g_autoptr (GError) error = NULL;
  GDate from = test_date ("2026-03-01");
  GDate to = test_date ("2026-06-30");
  GDate today = test_date ("2026-07-10");
  RdReport *report = rd_report_compute (store, kind, client, &from, &to, &today, &error);

  g_assert_no_error (error);
  return report;
}

static void
test_gdpr_figures (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (RdReport) report = NULL;
  const RdGdprStats *g;
  GArray *months;
  GPtrArray *sla;
  RdSlaClient *liffey;

  fill_gdpr (store);
  report = compute_gdpr (store, RD_REPORT_GDPR, "Liffey Software Ltd");
  g = rd_report_get_gdpr (report);

  g_assert_cmpuint (g->received, ==, 7);
  g_assert_cmpuint (g->by_type[RD_REQUEST_ACCESS], ==, 2);
  g_assert_cmpuint (g->by_type[RD_REQUEST_ERASURE], ==, 2);
  g_assert_cmpuint (g->by_type[RD_REQUEST_RECTIFICATION], ==, 1);
  g_assert_cmpuint (g->by_type[RD_REQUEST_OBJECTION], ==, 1);
  g_assert_cmpuint (g->by_type[RD_REQUEST_CONSENT_WITHDRAWAL], ==, 1);
  g_assert_cmpuint (g->by_channel[RD_CHANNEL_EMAIL], ==, 3);
  g_assert_cmpuint (g->by_channel[RD_CHANNEL_WEB], ==, 1);
  g_assert_cmpuint (g->by_channel[RD_CHANNEL_LETTER], ==, 1);
  g_assert_cmpuint (g->by_channel[RD_CHANNEL_PHONE], ==, 1);
  g_assert_cmpuint (g->by_channel[RD_CHANNEL_CHAT], ==, 1);

  g_assert_cmpuint (g->responded, ==, 4);
  g_assert_cmpuint (g->on_time, ==, 3);
  g_assert_cmpuint (g->late, ==, 1);
  g_assert_cmpuint (g->types[RD_REQUEST_ACCESS].late, ==, 1);
  g_assert_cmpuint (g->extended, ==, 1);
  g_assert_cmpuint (g->extended_on_time, ==, 1);
  g_assert_cmpuint (g->paused_cases, ==, 1);
  g_assert_cmpuint (g->pauses, ==, 1);
  g_assert_cmpuint (g->withdrawn, ==, 1);
  g_assert_cmpuint (g->refused_full, ==, 1);
  g_assert_cmpuint (g->refused_partial, ==, 1);
  g_assert_cmpuint (g->refusals_by_ground[RD_GROUND_UNFOUNDED_EXCESSIVE], ==, 1);
  g_assert_cmpuint (g->refusals_by_ground[RD_GROUND_RIGHTS_OF_OTHERS], ==, 1);

  /* {18, 20, 71, 75}: median (20 + 71) / 2, mean 184 / 4, nearest-rank 90th: the 4th */
  assert_days (g->days.median, 45.5);
  assert_days (g->days.mean, 46);
  assert_days (g->days.p90, 75);

  g_assert_cmpuint (g->open, ==, 2);
  g_assert_cmpuint (g->open_overdue, ==, 1);
  g_assert_cmpuint (g->backlog[RD_BACKLOG_0_30], ==, 1);
  g_assert_cmpuint (g->backlog[RD_BACKLOG_31_60], ==, 0);
  g_assert_cmpuint (g->backlog[RD_BACKLOG_61_90], ==, 1);
  g_assert_cmpuint (g->backlog[RD_BACKLOG_OVER_90], ==, 0);

  months = rd_report_get_months (report);
  g_assert_cmpuint (months->len, ==, 4);
  g_assert_cmpint (g_array_index (months, RdReportMonth, 0).month, ==, 3);
  g_assert_cmpuint (g_array_index (months, RdReportMonth, 0).received, ==, 2);
  g_assert_cmpuint (g_array_index (months, RdReportMonth, 0).responded, ==, 2);
  g_assert_cmpuint (g_array_index (months, RdReportMonth, 0).on_time, ==, 1);
  g_assert_cmpuint (g_array_index (months, RdReportMonth, 1).on_time, ==, 2);
  g_assert_cmpuint (g_array_index (months, RdReportMonth, 3).received, ==, 2);

  /* Internal deadline of 21 days: met by requests 1 (18 days) and 4 (20 days) only. */
  sla = rd_report_get_sla (report);
  g_assert_cmpuint (sla->len, ==, 1);
  liffey = g_ptr_array_index (sla, 0);
  g_assert_cmpstr (liffey->client, ==, "Liffey Software Ltd");
  g_assert_cmpuint (liffey->sla_days, ==, 21);
  g_assert_cmpuint (liffey->responded, ==, 4);
  g_assert_cmpuint (liffey->met, ==, 2);
  g_assert_cmpuint (liffey->open_past_internal_due, ==, 1);
  g_assert_cmpuint (g_array_index (liffey->months, RdReportMonth, 0).sla_met, ==, 1);
  g_assert_cmpuint (g_array_index (liffey->months, RdReportMonth, 1).sla_met, ==, 1);

  /* Every client: Liffey's seven and Nordlicht's one; Acme's CCPA request stays out. */
  g_clear_object (&report);
  report = compute_gdpr (store, RD_REPORT_GDPR, NULL);
  g = rd_report_get_gdpr (report);
  g_assert_cmpuint (g->received, ==, 8);
  g_assert_cmpuint (g->by_type[RD_REQUEST_ACCESS], ==, 3);
  sla = rd_report_get_sla (report);
  g_assert_cmpuint (sla->len, ==, 2);
  g_assert_cmpstr (((RdSlaClient *) g_ptr_array_index (sla, 0))->client, ==,
                   "Liffey Software Ltd");

  /* The SLA report counts every request: Acme's too. */
  g_clear_object (&report);
  report = compute_gdpr (store, RD_REPORT_SLA, NULL);
  sla = rd_report_get_sla (report);
  g_assert_cmpuint (sla->len, ==, 3);
  g_assert_cmpstr (((RdSlaClient *) g_ptr_array_index (sla, 0))->client, ==, "Acme Retail");
}

static void
test_gdpr_formats (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (RdReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "gdpr.csv", NULL);
  g_autofree char *types_path = g_build_filename (fixture->dir, "gdpr-types.csv", NULL);
  g_autofree char *sla_path = g_build_filename (fixture->dir, "gdpr-sla.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "gdpr.pdf", NULL);
  g_autoptr (GPtrArray) summary = NULL;
  g_autoptr (GPtrArray) types = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  GHashTable *metrics;

  fill_gdpr (store);
  report = compute_gdpr (store, RD_REPORT_GDPR, "Liffey Software Ltd");

  json = rd_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "2026-03-01");
  g_assert_cmpint (json_object_get_int_member (root, "received"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (root, "late"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "median_days"), 45.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "p90_days"), 75, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "by_channel"),
                                               "email"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "backlog"),
                                               "overdue"), ==, 1);

  g_assert_true (rd_report_save (report, RD_REPORT_FORMAT_CSV, RD_PAPER_A4, csv_path, &error));
  g_assert_no_error (error);
  summary = read_csv (csv_path);
  metrics = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 1; i < summary->len; i++)
    {
      GStrv row = g_ptr_array_index (summary, i);
      g_hash_table_insert (metrics, row[0], row[1]);
    }
  g_assert_cmpstr (g_hash_table_lookup (metrics, "received"), ==, "7");
  g_assert_cmpstr (g_hash_table_lookup (metrics, "median_days"), ==, "45.5");
  g_assert_cmpstr (g_hash_table_lookup (metrics, "mean_days"), ==, "46");
  g_assert_cmpstr (g_hash_table_lookup (metrics, "p90_days"), ==, "75");
  g_assert_cmpstr (g_hash_table_lookup (metrics, "by_channel.email"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (metrics, "refusals.by_ground.rights-of-others"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (metrics, "backlog.by_age.61-90"), ==, "1");
  g_hash_table_unref (metrics);
  types = read_csv (types_path);
  g_assert_cmpuint (types->len, ==, 1 + RD_N_REQUEST_TYPES);
  g_assert_true (g_file_test (sla_path, G_FILE_TEST_EXISTS));

  g_assert_true (rd_report_save (report, RD_REPORT_FORMAT_PDF, RD_PAPER_A4, pdf_path, &error));
  g_assert_no_error (error);
  if (!have_program ("pdftotext") || !have_program ("pdftoppm"))
    {
      g_test_skip ("pdftotext and pdftoppm (poppler-utils) are not installed");
      return;
    }
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, "Liffey Software Ltd"));
  g_assert_nonnull (strstr (text, "45.5"));
  g_assert_nonnull (strstr (text, "Art. 12(3)"));
  g_assert_nonnull (strstr (text, "2026-03-01 to 2026-06-30"));
  {
    g_autofree char *pages = g_build_filename (fixture->dir, "pages", NULL);

    g_mkdir (pages, 0700);
    g_assert_cmpuint (render_pages (pdf_path, pages), >=, 2);
  }
}

/* The drawing a GtkPrintOperation will call: any cairo context in points, page by page. */
static void
test_draw_page (TestDir       *fixture,
                gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (RdReport) report = NULL;
  double width, height;
  guint n;

  fill_gdpr (store);
  report = compute_gdpr (store, RD_REPORT_GDPR, NULL);
  rd_paper_get_size (RD_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
  n = rd_report_pdf_get_n_pages (report, width, height);
  g_assert_cmpuint (n, >=, 2);

  for (guint page = 0; page < n; page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
      cairo_t *cr = cairo_create (surface);
      guint8 *pixels;
      int stride;
      guint dark = 0;

      rd_report_pdf_draw_page (report, cr, width, height, page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      pixels = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < 792; y++)
        for (int x = 0; x < 612; x++)
          if (pixels[y * stride + 4 * x + 1] < 128)
            dark++;
      /* Ink on every page: text, rules, bars. */
      g_assert_cmpuint (dark, >, 500);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Errors, atomic writes, reasons */

static void
test_errors (TestDir       *fixture,
             gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (RdReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "report.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dir", "r.pdf", NULL);
  GDate from = test_date ("2026-06-30");
  GDate to = test_date ("2026-03-01");

  g_assert_null (rd_report_compute_ccpa (store, 2026, "No Such Client", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (rd_report_compute (store, RD_REPORT_GDPR, NULL, &from, &to, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  /* An empty database gives zeros and no days, not an error. */
  report = rd_report_compute_ccpa (store, 2026, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_report_get_ccpa_row (report, RD_CCPA_KNOW)->received, ==, 0);

  /* A failed write leaves the old file whole. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (rd_report_save (report, RD_REPORT_FORMAT_PDF, RD_PAPER_A4, missing, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_true (file_contains (path, "old"));
}

static void
test_reasons (void)
{
  g_assert_cmpint (rd_denial_reason_classify ("Identity could not be verified"), ==,
                   RD_DENIAL_UNVERIFIABLE);
  g_assert_cmpint (rd_denial_reason_classify ("unverifiable"), ==, RD_DENIAL_UNVERIFIABLE);
  g_assert_cmpint (rd_denial_reason_classify ("Not made by a consumer"), ==,
                   RD_DENIAL_NOT_CONSUMER);
  g_assert_cmpint (rd_denial_reason_classify ("Information EXEMPT from disclosure"), ==,
                   RD_DENIAL_EXEMPT);
  g_assert_cmpint (rd_denial_reason_classify ("Fraud suspected"), ==, RD_DENIAL_OTHER);
  g_assert_cmpint (rd_denial_reason_classify (NULL), ==, RD_DENIAL_OTHER);

  g_assert_cmpint (rd_refusal_ground_classify ("Manifestly excessive"), ==,
                   RD_GROUND_UNFOUNDED_EXCESSIVE);
  g_assert_cmpint (rd_refusal_ground_classify ("Art. 11(2): cannot identify"), ==,
                   RD_GROUND_CANNOT_IDENTIFY);
  g_assert_cmpint (rd_refusal_ground_classify ("Third-party data withheld"), ==,
                   RD_GROUND_RIGHTS_OF_OTHERS);
  g_assert_cmpint (rd_refusal_ground_classify ("Legal claims, Art. 17(3)(e)"), ==,
                   RD_GROUND_ERASURE_EXCEPTION);
  g_assert_cmpint (rd_refusal_ground_classify ("Restricted under Art. 23 (national law)"), ==,
                   RD_GROUND_NATIONAL_RESTRICTION);
  g_assert_cmpint (rd_refusal_ground_classify (""), ==, RD_GROUND_OTHER);
}

int
main (int   argc,
      char *argv[])
{
  /* Responses are dated up to 2028 and may not lie in the future. */
  g_setenv ("RIGHTSDESK_TODAY", "2029-01-01", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/report/reasons", test_reasons);
  g_test_add ("/core/report/ccpa-figures", TestDir, NULL, test_dir_setup, test_ccpa_figures,
              test_dir_teardown);
  g_test_add ("/core/report/ccpa-formats", TestDir, NULL, test_dir_setup, test_ccpa_formats,
              test_dir_teardown);
  g_test_add ("/core/report/gdpr-figures", TestDir, NULL, test_dir_setup, test_gdpr_figures,
              test_dir_teardown);
  g_test_add ("/core/report/gdpr-formats", TestDir, NULL, test_dir_setup, test_gdpr_formats,
              test_dir_teardown);
  g_test_add ("/core/report/draw-page", TestDir, NULL, test_dir_setup, test_draw_page,
              test_dir_teardown);
  g_test_add ("/core/report/errors", TestDir, NULL, test_dir_setup, test_errors,
              test_dir_teardown);

  return g_test_run ();
}
