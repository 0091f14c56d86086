/* test-package.c: response packages and complaint case files, opened as their recipient would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-file.h"
#include "rd-csv.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-package.h"
#include "rd-redaction.h"
#include "rd-store.h"
#include "test-util.h"

static const char record_json[] =
  "{\"customer\": {\"id\": 4711, \"name\": \"Anna Eriksson\", \"vip\": true},"
  " \"orders\": [{\"item\": \"Chair\", \"price\": 49.5}, {\"item\": \"Lamp\", \"note\": \"a\\u0001b\"}]}";
static const char record_csv[] = "date,page\r\n2026-03-01,/basket\r\n";
static const char redacted[] = "Agent: Hello Anna, your caller [REDACTED: PERSON] ...\n";
static const char unredacted[] = "Agent: Hello Anna, your neighbour Bob Smith called.\n";

/* ------------------------------------------------------------------------------------------ */

static RdStore *
open_store (TestDir *fixture)
{
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (fixture->db, &error);

  g_assert_no_error (error);
  return store;
}

static char *
add_case (RdStore       *store,
          const char    *client,
          const char    *jurisdiction,
          RdRequestType  type)
{
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  GDate received = test_date ("2026-03-02");
  const char *emails[] = { "anna@example.org", "anna.e@example.net", NULL };
  const char *phones[] = { "+46 8 123 456", NULL };

  rd_case_set_client (item, client);
  rd_case_set_jurisdiction (item, jurisdiction);
  rd_case_set_request_type (item, type);
  rd_case_set_received (item, &received);
  rd_case_set_subject_name (item, "Anna Eriksson");
  rd_case_set_subject_emails (item, emails);
  rd_case_set_subject_phones (item, phones);
  rd_case_set_subject_address (item, "Storgatan 1 & 2, <Stockholm>");
  g_assert_true (rd_store_add_case (store, item, &error));
  g_assert_no_error (error);
  return g_strdup (rd_case_get_reference (item));
}

static gint64
add_doc (RdStore    *store,
         const char *ref,
         const char *kind,
         const char *name,
         const char *mime,
         const char *text,
         const char *source)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  gint64 id = rd_store_add_document (store, ref, kind, name, mime, bytes, source, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_records (RdStore    *store,
             const char *client)
{
  RdClientRecords records = { 0 };
  g_autoptr (GError) error = NULL;

  records.controller = (char *) "Liffey Software Ltd, 1 Quay St, Dublin";
  records.purposes = (char *) "Providing the service you signed up for; billing";
  records.data_categories = (char *) "Identity, contact details, orders";
  records.recipients = (char *) "Stripe Payments Europe Ltd (payments)";
  records.retention = (char *) "Six years after the end of the contract";
  records.sources = (char *) "You, and our web shop";
  records.automated_decisions = (char *) "None";
  records.transfers = (char *) "None outside the EEA";
  g_assert_true (rd_store_set_client_records (store, client, &records, &error));
  g_assert_no_error (error);
}

/* The files of a zip, by name; @passphrase for an encrypted one. */
static GHashTable *
read_zip (const char  *path,
          const char  *passphrase,
          GError     **error)
{
  g_autoptr (GHashTable) files =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  int rc;

  archive_read_support_format_zip (a);
  if (passphrase)
    archive_read_add_passphrase (a, passphrase);
  if (archive_read_open_filename (a, path, 16384) != ARCHIVE_OK)
    goto fail;
  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      g_autoptr (GByteArray) data = g_byte_array_new ();
      char buf[8192];
      la_ssize_t n;

      while ((n = archive_read_data (a, buf, sizeof buf)) > 0)
        g_byte_array_append (data, (guint8 *) buf, n);
      if (n < 0)
        goto fail;
      g_hash_table_insert (files, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  if (rc != ARCHIVE_EOF)
    goto fail;
  archive_read_free (a);
  return g_steal_pointer (&files);

fail:
  g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s",
               archive_error_string (a) ? archive_error_string (a) : "zip error");
  archive_read_free (a);
  return NULL;
}

static char *
source_path (const char *relative)
{
  const char *fixtures = g_getenv ("RIGHTSDESK_TEST_DATA");
  g_autofree char *tests = NULL;
  g_autofree char *root = NULL;

  g_assert_nonnull (fixtures);
  tests = g_path_get_dirname (fixtures);
  root = g_path_get_dirname (tests);
  return g_build_filename (root, relative, NULL);
}

static void
assert_valid_xml (GBytes *xml,
                  GBytes *xsd)
{
  xmlSchemaParserCtxtPtr parser_ctx;
  xmlSchemaPtr schema;
  xmlSchemaValidCtxtPtr valid_ctx;
  xmlDocPtr doc;

  parser_ctx = xmlSchemaNewMemParserCtxt (g_bytes_get_data (xsd, NULL), g_bytes_get_size (xsd));
  schema = xmlSchemaParse (parser_ctx);
  g_assert_nonnull (schema);
  valid_ctx = xmlSchemaNewValidCtxt (schema);
  doc = xmlReadMemory (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "subject-data.xml",
                       NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlSchemaValidateDoc (valid_ctx, doc), ==, 0);
  xmlFreeDoc (doc);
  xmlSchemaFreeValidCtxt (valid_ctx);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser_ctx);
}

static char *
pdf_text_of (GBytes     *pdf,
             const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      NULL));
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static gboolean
pages_render (const char *pdf_path,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *first = g_build_filename (dir, "page-1.png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "30", "-png", pdf_path, prefix, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  return g_spawn_check_wait_status (status, NULL) && g_file_test (first, G_FILE_TEST_EXISTS);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* ------------------------------------------------------------------------------------------ */

static void
test_package_contents (TestDir       *fixture,
                       gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *ref = add_case (store, "Liffey Software Ltd", "eu-gdpr", RD_REQUEST_ACCESS);
  g_autofree char *zip_path = g_build_filename (fixture->dir, "package.zip", NULL);
  g_autofree char *xsd_path = source_path ("data/schemas/rightsdesk-access-package.xsd");
  g_autoptr (RdPackageResult) result = NULL;
  g_autoptr (GHashTable) files = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) xsd = NULL;
  g_autoptr (RdCsvReader) reader = NULL;
  g_autofree char *xsd_text = NULL;
  g_autofree char *zip_bytes = NULL;
  g_autofree char *zip_sha = NULL;
  g_autofree char *letter = NULL;
  g_autoptr (GPtrArray) timeline = NULL;
  g_autoptr (RdAuditReport) audit = NULL;
  JsonObject *root, *subject;
  JsonArray *records;
  GBytes *json, *csv, *sums, *manifest;
  gsize length;
  GHashTableIter iter;
  gpointer key, value;
  gboolean found_lamp = FALSE;
  guint n_listed = 0;

  set_records (store, "Liffey Software Ltd");
  add_doc (store, ref, "record", "crm.json", "application/json", record_json, "crm");
  add_doc (store, ref, "record", "../../visits.csv", "text/csv", record_csv, "web");
  add_doc (store, ref, "transcript", "chat-redacted.txt", "text/plain", redacted, "redaction");
  add_doc (store, ref, "transcript", "chat.txt", "text/plain", unredacted, "rt");
  add_doc (store, ref, "id-document", "passport.txt", "text/plain", "P<UTO", NULL);

  result = rd_package_export (store, ref, zip_path, FALSE, RD_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_null (result->passphrase);
  g_assert_cmpuint (g_strv_length (result->missing), ==, 0);

  files = read_zip (zip_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (files), ==, result->n_files);
  for (const char * const *name = (const char *[]) {
         "cover-letter.pdf", "data/subject-data.json", "data/subject-data.csv",
         "data/subject-data.xml", "data/subject-data.xsd", "records/crm.json",
         "records/visits.csv", "transcripts/chat-redacted.txt", "manifest.json", "SHA256SUMS",
         NULL };
       *name != NULL; name++)
    g_assert_true (g_hash_table_contains (files, *name));
  /* Neither the unredacted transcript nor the ID document leaves. */
  g_assert_cmpuint (g_hash_table_size (files), ==, 10);
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_null (memmem (g_bytes_get_data (value, NULL), g_bytes_get_size (value),
                           "Bob Smith", 9));

  /* JSON */
  json = g_hash_table_lookup (files, "data/subject-data.json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                             g_bytes_get_size (json), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "request"),
                                                  "reference"), ==, ref);
  subject = json_object_get_object_member (root, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "name"), ==, "Anna Eriksson");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (subject, "emails")), ==, 2);
  records = json_object_get_array_member (root, "records");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  {
    JsonArray *fields = json_object_get_array_member (json_array_get_object_element (records, 0),
                                                      "fields");
    for (guint i = 0; i < json_array_get_length (fields); i++)
      {
        JsonObject *f = json_array_get_object_element (fields, i);

        if (g_str_equal (json_object_get_string_member (f, "path"), "orders[1].item"))
          found_lamp = g_str_equal (json_object_get_string_member (f, "value"), "Lamp");
        if (g_str_equal (json_object_get_string_member (f, "path"), "customer.id"))
          g_assert_cmpstr (json_object_get_string_member (f, "value"), ==, "4711");
        /* A control character becomes U+FFFD, as XML 1.0 requires. */
        if (g_str_equal (json_object_get_string_member (f, "path"), "orders[1].note"))
          g_assert_cmpstr (json_object_get_string_member (f, "value"), ==, "a\xef\xbf\xbd" "b");
      }
  }
  g_assert_true (found_lamp);

  /* XML against the XSD, the one shipped in the package being the one in the source tree */
  g_assert_true (g_file_get_contents (xsd_path, &xsd_text, &length, NULL));
  xsd = g_bytes_new (xsd_text, length);
  g_assert_true (g_bytes_equal (xsd, g_hash_table_lookup (files, "data/subject-data.xsd")));
  assert_valid_xml (g_hash_table_lookup (files, "data/subject-data.xml"), xsd);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (g_hash_table_lookup (files, "data/subject-data.xml"), NULL),
                                  g_bytes_get_size (g_hash_table_lookup (files, "data/subject-data.xml")),
                                  "Storgatan 1 &amp; 2, &lt;Stockholm&gt;"));

  /* CSV: the same record field */
  csv = g_hash_table_lookup (files, "data/subject-data.csv");
  reader = rd_csv_reader_new (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), &error);
  g_assert_no_error (error);
  found_lamp = FALSE;
  {
    GPtrArray *fields;
    guint line;

    while (rd_csv_reader_next (reader, &fields, &line, &error))
      if (fields->len == 4 && g_str_equal (g_ptr_array_index (fields, 1), "crm.json") &&
          g_str_equal (g_ptr_array_index (fields, 2), "orders[1].item"))
        found_lamp = g_str_equal (g_ptr_array_index (fields, 3), "Lamp");
    g_assert_no_error (error);
  }
  g_assert_true (found_lamp);

  /* Every hash: SHA256SUMS and the manifest list every other file with its true SHA-256. */
  sums = g_hash_table_lookup (files, "SHA256SUMS");
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (sums, NULL), g_bytes_get_size (sums));
    g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        GBytes *file;
        g_autofree char *sha = NULL;

        g_assert_cmpuint (strlen (lines[i]), >, 66);
        g_assert_cmpint (lines[i][64], ==, ' ');
        file = g_hash_table_lookup (files, lines[i] + 66);
        g_assert_nonnull (file);
        sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);
        g_assert_cmpint (strncmp (sha, lines[i], 64), ==, 0);
        n_listed++;
      }
  }
  g_assert_cmpuint (n_listed, ==, g_hash_table_size (files) - 2);
  manifest = g_hash_table_lookup (files, "manifest.json");
  {
    g_autoptr (JsonParser) mp = json_parser_new ();
    JsonArray *list;

    g_assert_true (json_parser_load_from_data (mp, g_bytes_get_data (manifest, NULL),
                                               g_bytes_get_size (manifest), NULL));
    list = json_object_get_array_member (json_node_get_object (json_parser_get_root (mp)),
                                         "files");
    g_assert_cmpuint (json_array_get_length (list), ==, n_listed);
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *f = json_array_get_object_element (list, i);
        GBytes *file = g_hash_table_lookup (files, json_object_get_string_member (f, "name"));
        g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);

        g_assert_cmpstr (sha, ==, json_object_get_string_member (f, "sha256"));
        g_assert_cmpint (json_object_get_int_member (f, "bytes"), ==, g_bytes_get_size (file));
      }
  }
  /* Records as stored, byte for byte */
  g_assert_cmpmem (g_bytes_get_data (g_hash_table_lookup (files, "records/visits.csv"), NULL),
                   g_bytes_get_size (g_hash_table_lookup (files, "records/visits.csv")),
                   record_csv, strlen (record_csv));

  /* The cover letter carries Art. 15(1) filled from the records of processing. */
  if (have_program ("pdftotext"))
    {
      letter = pdf_text_of (g_hash_table_lookup (files, "cover-letter.pdf"), fixture->dir);
      g_assert_nonnull (strstr (letter, "Article 15"));
      g_assert_nonnull (strstr (letter, "(a) Purposes"));
      g_assert_nonnull (strstr (letter, "Stripe Payments Europe Ltd"));
      g_assert_nonnull (strstr (letter, "Six years after the end of the contract"));
      g_assert_nonnull (strstr (letter, "(f) Complaints"));
      g_assert_nonnull (strstr (letter, "Dear Anna Eriksson"));
      g_assert_nonnull (strstr (letter, ref));
    }

  /* The export is in the audit trail, with the zip's own hash, and the chain holds. */
  g_assert_true (g_file_get_contents (zip_path, &zip_bytes, &length, NULL));
  zip_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) zip_bytes, length);
  g_assert_cmpstr (zip_sha, ==, result->sha256);
  timeline = rd_store_list_timeline (store, ref, &error);
  g_assert_no_error (error);
  {
    RdAuditEvent *last = g_ptr_array_index (timeline, timeline->len - 1);

    g_assert_cmpstr (last->action, ==, "package.exported");
    g_assert_nonnull (strstr (last->details, zip_sha));
  }
  audit = rd_audit_verify (store, &error);
  g_assert_no_error (error);
  g_assert_true (audit->intact);
}

static void
test_package_encrypted (TestDir       *fixture,
                        gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *ref = add_case (store, "Acme Retail", "us-ca-ccpa", RD_REQUEST_PORTABILITY);
  g_autofree char *zip_path = g_build_filename (fixture->dir, "package.zip", NULL);
  g_autoptr (RdPackageResult) result = NULL;
  g_autoptr (RdPackageResult) again = NULL;
  g_autoptr (GHashTable) files = NULL;
  g_autoptr (GHashTable) none = NULL;
  g_autofree char *letter = NULL;

  add_doc (store, ref, "record", "crm.json", "application/json", record_json, "crm");
  result = rd_package_export (store, ref, zip_path, TRUE, RD_PAPER_LETTER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->passphrase);
  g_assert_cmpuint (strlen (result->passphrase), ==, 29);     /* 6 groups of 4, 5 dashes */
  /* No records of processing yet: the letter says so and the caller is told which. */
  g_assert_cmpuint (g_strv_length (result->missing), >, 0);

  /* Without the passphrase the content cannot be read; with it, it can. */
  none = read_zip (zip_path, NULL, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_clear_error (&error);
  files = read_zip (zip_path, result->passphrase, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (files, "records/crm.json"));
  g_assert_cmpmem (g_bytes_get_data (g_hash_table_lookup (files, "records/crm.json"), NULL),
                   g_bytes_get_size (g_hash_table_lookup (files, "records/crm.json")),
                   record_json, strlen (record_json));

  /* A CCPA request to know gets the 1798.110 items. */
  if (have_program ("pdftotext"))
    {
      letter = pdf_text_of (g_hash_table_lookup (files, "cover-letter.pdf"), fixture->dir);
      g_assert_nonnull (strstr (letter, "1798.110"));
      g_assert_nonnull (strstr (letter, "Categories of sources"));
    }

  /* Each export has its own passphrase. */
  again = rd_package_export (store, ref, zip_path, TRUE, RD_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->passphrase, !=, result->passphrase);
}

/* The cover letter cites the law of the case: a requester in Connecticut is not told about
 * GDPR articles or a Member State's supervisory authority. */
static void
test_package_letter_law (TestDir       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    const char *jurisdiction;
    const char *cites;
    const char *complaints;
  } laws[] = {
    { "us-ct-ctdpa", "42-520", "Attorney General of Connecticut" },
    { "ca-pipeda", "PIPEDA", "Privacy Commissioner of Canada" },
    { "uk-gdpr", "UK GDPR", "Information Commissioner" },
  };
  g_autoptr (RdStore) store = open_store (fixture);

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (laws); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *ref = add_case (store, "Acme Retail", laws[i].jurisdiction,
                                       RD_REQUEST_ACCESS);
      g_autofree char *zip_path = g_build_filename (fixture->dir, "letter.zip", NULL);
      g_autoptr (RdPackageResult) result = NULL;
      g_autoptr (GHashTable) files = NULL;
      g_autofree char *letter = NULL;

      result = rd_package_export (store, ref, zip_path, FALSE, RD_PAPER_A4, &error);
      g_assert_no_error (error);
      files = read_zip (zip_path, NULL, &error);
      g_assert_no_error (error);
      letter = pdf_text_of (g_hash_table_lookup (files, "cover-letter.pdf"), fixture->dir);
      g_test_message ("%s: %.200s", laws[i].jurisdiction, letter);
      g_assert_nonnull (strstr (letter, laws[i].cites));
      g_assert_nonnull (strstr (letter, laws[i].complaints));
      g_assert_null (strstr (letter, "Member State"));
      if (!g_str_equal (laws[i].jurisdiction, "uk-gdpr"))
        g_assert_null (strstr (letter, "Article 15"));
    }
}

static void
test_package_errors (TestDir       *fixture,
                     gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *erasure = add_case (store, "Acme Retail", "us-ca-ccpa", RD_REQUEST_ERASURE);
  g_autofree char *access = add_case (store, "Acme Retail", "us-ca-ccpa", RD_REQUEST_ACCESS);
  g_autofree char *zip_path = g_build_filename (fixture->dir, "p.zip", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "missing", "p.zip", NULL);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *name1 = rd_zip_safe_name ("../../etc/passwd");
  g_autofree char *name2 = rd_zip_safe_name ("..\\x:y.txt");
  g_autofree char *name3 = rd_zip_safe_name ("...");

  g_assert_null (rd_package_export (store, erasure, zip_path, FALSE, RD_PAPER_A4, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
  g_clear_error (&error);
  g_assert_null (rd_package_export (store, "RD-1999-000001", zip_path, FALSE, RD_PAPER_A4, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (zip_path, G_FILE_TEST_EXISTS));

  /* A file that cannot be written leaves no audit entry behind. */
  before = rd_store_list_timeline (store, access, NULL);
  g_assert_null (rd_package_export (store, access, bad_path, FALSE, RD_PAPER_A4, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_IO);
  after = rd_store_list_timeline (store, access, NULL);
  g_assert_cmpuint (before->len, ==, after->len);

  g_assert_cmpstr (name1, ==, "passwd");
  g_assert_cmpstr (name2, ==, "x_y.txt");
  g_assert_cmpstr (name3, ==, "document");
}

/* A transcript reviewed in the redaction editor leaves as its redacted text, built from the
 * saved decisions; one with a finding still undecided, or never reviewed, stays out and is
 * named, so that no third party's data leaves by default. */
static void
test_package_reviewed_transcripts (TestDir       *fixture,
                                   gconstpointer  data)
{
  static const char call[] = "Anna: write to anna@example.org\nAgent: or to bob@example.com\n";
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *ref = add_case (store, "Liffey Software Ltd", "eu-gdpr", RD_REQUEST_ACCESS);
  g_autofree char *zip_path = g_build_filename (fixture->dir, "reviewed.zip", NULL);
  g_autoptr (GPtrArray) decided = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  g_autoptr (GPtrArray) undecided = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  g_autoptr (RdPackageResult) result = NULL;
  g_autoptr (GHashTable) files = NULL;
  gint64 reviewed, pending;
  const char *bob = strstr (call, "bob@");
  const char *anna = strstr (call, "anna@");
  GBytes *text;
  RdRedaction *kept;

  set_records (store, "Liffey Software Ltd");
  reviewed = add_doc (store, ref, "transcript", "call.txt", "text/plain", call, "rt");
  pending = add_doc (store, ref, "transcript", "chat.txt", "text/plain", call, "rt");
  add_doc (store, ref, "transcript", "notes.txt", "text/plain", unredacted, "upload");

  g_ptr_array_add (decided, rd_redaction_new (bob - call, bob - call + strlen ("bob@example.com"),
                                              "EMAIL_ADDRESS", "Third-party data", RD_REDACTION_ACCEPTED));
  kept = rd_redaction_new (anna - call, anna - call + strlen ("anna@example.org"), "EMAIL_ADDRESS",
                           NULL, RD_REDACTION_REJECTED);
  kept->subject = TRUE;
  g_ptr_array_add (decided, kept);
  g_assert_true (rd_store_save_redactions (store, reviewed, decided, &error));
  g_assert_no_error (error);
  g_ptr_array_add (undecided, rd_redaction_new (bob - call, bob - call + strlen ("bob@example.com"),
                                                "EMAIL_ADDRESS", NULL, RD_REDACTION_PROPOSED));
  g_assert_true (rd_store_save_redactions (store, pending, undecided, &error));
  g_assert_no_error (error);

  result = rd_package_export (store, ref, zip_path, FALSE, RD_PAPER_A4, &error);
  g_assert_no_error (error);
  files = read_zip (zip_path, NULL, &error);
  g_assert_no_error (error);

  text = g_hash_table_lookup (files, "transcripts/call-redacted.txt");
  g_assert_nonnull (text);
  g_assert_null (memmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "bob@", 4));
  g_assert_nonnull (memmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                            "anna@example.org", 16));
  g_assert_nonnull (memmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                            "[REDACTED: EMAIL_ADDRESS]", 25));
  g_assert_false (g_hash_table_contains (files, "transcripts/chat.txt"));
  g_assert_false (g_hash_table_contains (files, "transcripts/chat-redacted.txt"));
  g_assert_false (g_hash_table_contains (files, "transcripts/notes.txt"));

  /* The two left out are named for the reviewer. */
  g_assert_cmpuint (g_strv_length (result->unreviewed), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) result->unreviewed, "chat.txt"));
  g_assert_true (g_strv_contains ((const char * const *) result->unreviewed, "notes.txt"));

  /* The manifest's hash is that of the redacted text, not of the original. */
  {
    g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, text);
    GBytes *sums = g_hash_table_lookup (files, "SHA256SUMS");
    g_autofree char *line = g_strdup_printf ("%s  transcripts/call-redacted.txt", sha);

    g_assert_nonnull (memmem (g_bytes_get_data (sums, NULL), g_bytes_get_size (sums), line,
                              strlen (line)));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Case files */

static void
test_case_file (TestDir       *fixture,
                gconstpointer  data)
{
  g_autoptr (RdStore) store = open_store (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *ref = add_case (store, "Liffey Software Ltd", "eu-gdpr", RD_REQUEST_ACCESS);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "case.pdf", NULL);
  g_autofree char *zip_path = g_build_filename (fixture->dir, "case.zip", NULL);
  g_autofree char *pdf_name = g_strdup_printf ("%s-case-file.pdf", ref);
  g_autoptr (GHashTable) files = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf = NULL;
  gsize length;
  gboolean intact = FALSE;
  GDate on;
  gint64 doc;

  on = test_date ("2026-03-03");
  g_assert_true (rd_store_pause_case (store, ref, &on, "Asked for proof of address", &error));
  on = test_date ("2026-03-09");
  g_assert_true (rd_store_resume_case (store, ref, &on, &error));
  on = test_date ("2026-03-20");
  g_assert_true (rd_store_extend_case (store, ref, &on, "Records in five systems", &error));
  doc = add_doc (store, ref, "evidence", "withheld-items.csv", "text/csv",
                 "item,reason,basis\r\nCall of 2026-03-04,Third party's voice,Art. 15(4)\r\n",
                 NULL);
  g_assert_cmpint (doc, >, 0);
  on = test_date ("2026-05-20");
  g_assert_true (rd_store_close_case (store, ref, RD_OUTCOME_PARTIAL, "Third-party data withheld",
                                      &on, &error));
  g_assert_no_error (error);

  g_assert_true (rd_case_file_write (store, ref, pdf_path, zip_path, RD_PAPER_A4, &intact,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (intact);

  files = read_zip (zip_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (files, pdf_name));
  g_assert_true (g_hash_table_contains (files, "SHA256SUMS"));
  g_assert_cmpuint (g_hash_table_size (files), ==, 3);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &length, NULL));
  g_assert_cmpmem (pdf, length, g_bytes_get_data (g_hash_table_lookup (files, pdf_name), NULL),
                   g_bytes_get_size (g_hash_table_lookup (files, pdf_name)));

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  {
    g_autoptr (GBytes) bytes = g_bytes_new (pdf, length);
    text = pdf_text_of (bytes, fixture->dir);
  }
  g_assert_nonnull (strstr (text, ref));
  g_assert_nonnull (strstr (text, "Asked for proof of address"));
  g_assert_nonnull (strstr (text, "Records in five systems"));
  g_assert_nonnull (strstr (text, "Third-party data withheld"));
  g_assert_nonnull (strstr (text, "Third party's voice"));       /* the register */
  g_assert_nonnull (strstr (text, "Extended deadline"));
  g_assert_nonnull (strstr (text, "Met"));                        /* inside three months */
  g_assert_nonnull (strstr (text, "intact"));
  /* The law by its name, not the database's id for it. */
  g_assert_nonnull (strstr (text, "GDPR (EU)"));
  g_assert_null (strstr (text, "eu-gdpr"));
  g_assert_true (pages_render (pdf_path, fixture->dir));

  g_assert_false (rd_case_file_write (store, "RD-1999-000009", pdf_path, NULL, RD_PAPER_A4,
                                      NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RIGHTSDESK_TODAY", "2026-06-30", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/package/contents", TestDir, NULL, test_dir_setup, test_package_contents,
              test_dir_teardown);
  g_test_add ("/core/package/encrypted", TestDir, NULL, test_dir_setup, test_package_encrypted,
              test_dir_teardown);
  g_test_add ("/core/package/letter-law", TestDir, NULL, test_dir_setup, test_package_letter_law,
              test_dir_teardown);
  g_test_add ("/core/package/errors", TestDir, NULL, test_dir_setup, test_package_errors,
              test_dir_teardown);
  g_test_add ("/core/package/reviewed-transcripts", TestDir, NULL, test_dir_setup,
              test_package_reviewed_transcripts, test_dir_teardown);
  g_test_add ("/core/case-file/contents", TestDir, NULL, test_dir_setup, test_case_file,
              test_dir_teardown);

  return g_test_run ();
}
