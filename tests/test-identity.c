/* test-identity.c: ID documents on the way in (type, size, orientation, metadata) and on the
 * way out (purged, or only a redacted raster kept until its date)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-identity.h"
#include "rd-store.h"
#include "test-util.h"

#define MRZ_LINE "L898902C36UTO7408122F1204159ZE184226B<<<<<10"

/* A phone photo's EXIF block, byte by byte: orientation 6 (turn 90° clockwise to view) and a
 * GPS latitude of 52° 22' 11" N. */
static const guint8 exif_segment[] = {
  0xFF, 0xE1, 0x00, 0x64,
  'E', 'x', 'i', 'f', 0, 0,
  'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
  0x00, 0x02,
  0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
  0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26,
  0x00, 0x00, 0x00, 0x00,
  0x00, 0x02,
  0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 'N', 0x00, 0x00, 0x00,
  0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x44,
  0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x34, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x16, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x0B, 0x00, 0x00, 0x00, 0x01,
};

static char *
write_photo (const char *dir)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 80);
  g_autofree char *jpeg = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  char *path = g_build_filename (dir, "photo.jpg", NULL);
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &length, "jpeg", NULL, NULL));
  g_byte_array_append (out, (const guint8 *) jpeg, 2);
  g_byte_array_append (out, exif_segment, sizeof exif_segment);
  g_byte_array_append (out, (const guint8 *) jpeg + 2, length - 2);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
  return path;
}

static char *
write_pdf (const char *dir)
{
  char *path = g_build_filename (dir, "passport.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 300, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.9, 0.9, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "Monospace", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  cairo_move_to (cr, 10, 180);
  cairo_show_text (cr, MRZ_LINE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, bytes, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static const guint8 *
pixel (GdkPixbuf *pixbuf,
       double     fx,
       double     fy)
{
  int x = fx * gdk_pixbuf_get_width (pixbuf), y = fy * gdk_pixbuf_get_height (pixbuf);

  return gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
         + x * gdk_pixbuf_get_n_channels (pixbuf);
}

static void
test_prepare (TestDir       *fixture,
              gconstpointer  data)
{
  g_autofree char *photo_path = write_photo (fixture->dir);
  g_autofree char *pdf_path = write_pdf (fixture->dir);
  g_autofree char *text_path = g_build_filename (fixture->dir, "id.jpg", NULL);
  g_autoptr (GFile) photo = g_file_new_for_path (photo_path);
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr (GFile) text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkPixbuf) upright = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *mime = NULL;
  const guint8 *data_bytes;
  gsize n;

  /* The photo: upright (80 × 120 once turned), with no EXIF block and no GPS left. */
  bytes = rd_identity_prepare_file (photo, 0, &mime, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "image/jpeg");
  data_bytes = g_bytes_get_data (bytes, &n);
  g_assert_null (memmem (data_bytes, n, "Exif", 4));
  g_assert_null (memmem (data_bytes, n, exif_segment + 50, 24));
  upright = decode (bytes);
  g_assert_cmpint (gdk_pixbuf_get_width (upright), ==, 80);
  g_assert_cmpint (gdk_pixbuf_get_height (upright), ==, 120);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&mime, g_free);

  /* A PDF is kept as it is. */
  bytes = rd_identity_prepare_file (pdf, 0, &mime, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "application/pdf");
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&mime, g_free);

  /* Cut short on the way, as mail attachments sometimes are: refused when attached, with
   * the file's name, rather than found unreadable at the review. */
  {
    g_autofree char *whole = NULL;
    g_autofree char *cut_path = g_build_filename (fixture->dir, "passport.pdf", NULL);
    g_autoptr (GFile) cut = g_file_new_for_path (cut_path);
    gsize length;

    g_assert_true (g_file_get_contents (pdf_path, &whole, &length, NULL));
    g_assert_true (g_file_set_contents (cut_path, whole, length / 3, NULL));
    bytes = rd_identity_prepare_file (cut, 0, &mime, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "passport.pdf"));
    g_clear_error (&error);
  }

  /* Too large: refused before reading, with a message. */
  bytes = rd_identity_prepare_file (pdf, 100, &mime, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  /* Text called "id.jpg": the content decides, and text is no ID document. */
  g_assert_true (g_file_set_contents (text_path, "Dear Sir, here is my passport number\n", -1,
                                      NULL));
  text = g_file_new_for_path (text_path);
  bytes = rd_identity_prepare_file (text, 0, &mime, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "id.jpg"));
}

static void
test_redact (TestDir       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf_path = write_pdf (fixture->dir);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GdkPixbuf) image = NULL;
  g_autoptr (GError) error = NULL;
  /* The MRZ band: the bottom quarter of the page. */
  const RdIdentityBox box = { 0, 0.75, 1, 0.25 };
  const guint8 *p, *bytes;
  gsize length, n;

  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  pdf = g_bytes_new_take (g_steal_pointer (&contents), length);

  png = rd_identity_redact (pdf, "application/pdf", 0, &box, 1, NULL, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (png, &n);
  g_assert_cmpint (rd_document_sniff (bytes, n), ==, RD_DOCUMENT_FORMAT_PNG);
  /* A raster: no text layer, no trace of the MRZ's characters. */
  g_assert_null (memmem (bytes, n, "L898902C3", 9));

  /* 300 × 200 points at 150 dpi = 625 × 417 pixels. */
  image = decode (png);
  g_assert_cmpint (gdk_pixbuf_get_width (image), ==, 625);
  g_assert_cmpint (gdk_pixbuf_get_height (image), ==, 417);
  p = pixel (image, 0.5, 0.9);
  g_assert_cmpint (p[0] + p[1] + p[2], ==, 0);
  p = pixel (image, 0.5, 0.3);
  g_assert_cmpint (p[2], >, 200);

  /* A page that does not exist, and text, are named as the problem. */
  g_assert_null (rd_identity_redact (pdf, "application/pdf", 3, &box, 1, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rd_identity_redact (pdf, "text/plain", 0, &box, 1, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

/* The client keeps a redacted copy for 30 days: the original goes now, the copy at its date. */
static void
test_keep_redacted (TestDir       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) item = rd_case_new ();
  g_autofree char *pdf_path = write_pdf (fixture->dir);
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (RdDocument) copy = NULL;
  const RdIdentityBox box = { 0, 0.75, 1, 0.25 };
  GDate received = test_date ("2027-03-05");
  const char *reference;
  gint64 id, copy_id;
  guint days = 99, n_purged = 0;
  gsize length;
  char until[11];

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-10", TRUE);
  store = rd_store_open (fixture->db, &error);
  g_assert_no_error (error);
  rd_case_set_client (item, "Acme Retail");
  rd_case_set_jurisdiction (item, "eu-gdpr");
  rd_case_set_request_type (item, RD_REQUEST_ACCESS);
  rd_case_set_received (item, &received);
  rd_case_set_subject_name (item, "Anna Maria Eriksson");
  g_assert_true (rd_store_add_case (store, item, &error));
  reference = rd_case_get_reference (item);

  /* The default policy keeps nothing. */
  g_assert_true (rd_store_get_id_copy_days (store, "Acme Retail", &days, &error));
  g_assert_cmpuint (days, ==, 0);
  g_assert_true (rd_store_set_id_copy_days (store, "Acme Retail", 30, &error));
  g_assert_true (rd_store_get_id_copy_days (store, "Acme Retail", &days, &error));
  g_assert_cmpuint (days, ==, 30);
  g_assert_false (rd_store_set_id_copy_days (store, "Nobody Ltd", 30, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  pdf = g_bytes_new_take (g_steal_pointer (&contents), length);
  id = rd_store_add_document (store, reference, "id-document", "passport.pdf", "application/pdf",
                              pdf, "upload", &error);
  g_assert_no_error (error);

  copy_id = rd_identity_keep_redacted (store, id, 0, &box, 1, days, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, >, 0);

  documents = rd_store_list_documents (store, reference, &error);
  g_assert_cmpuint (documents->len, ==, 1);
  copy = rd_store_get_document (store, copy_id, &error);
  g_assert_cmpstr (copy->mime_type, ==, "image/png");
  /* 10 March + 30 days = 9 April. */
  rd_date_format_into (&copy->retain_until, until);
  g_assert_cmpstr (until, ==, "2027-04-09");
  g_assert_false (file_contains (fixture->db, "%PDF-"));
  g_assert_false (file_contains (wal, "%PDF-"));

  /* Before its date the copy stays; after it, it goes too. */
  g_assert_true (rd_identity_minimise (store, reference, "check done", &n_purged, &error));
  g_assert_cmpuint (n_purged, ==, 0);
  g_setenv ("RIGHTSDESK_TODAY", "2027-04-10", TRUE);
  g_assert_true (rd_identity_minimise (store, reference, "retention over", &n_purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_purged, ==, 1);
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = rd_store_list_documents (store, reference, &error);
  g_assert_cmpuint (documents->len, ==, 0);
}

/* The Review place's queue of transcripts: only transcripts, only in cases still open. */
static void
test_open_documents (TestDir       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) open_case = rd_case_new ();
  g_autoptr (RdCase) closed_case = rd_case_new ();
  g_autoptr (GBytes) chat = g_bytes_new_static ("Agent: Hello\n", 13);
  g_autoptr (GPtrArray) documents = NULL;
  GDate received = test_date ("2027-03-05");
  RdCase *cases[] = { open_case, closed_case };
  RdDocument *document;
  gint64 wanted;

  g_setenv ("RIGHTSDESK_TODAY", "2027-03-10", TRUE);
  store = rd_store_open (fixture->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      rd_case_set_client (cases[i], "Acme Retail");
      rd_case_set_jurisdiction (cases[i], "eu-gdpr");
      rd_case_set_request_type (cases[i], RD_REQUEST_ACCESS);
      rd_case_set_received (cases[i], &received);
      rd_case_set_subject_name (cases[i], "Anna Maria Eriksson");
      g_assert_true (rd_store_add_case (store, cases[i], &error));
    }

  wanted = rd_store_add_document (store, rd_case_get_reference (open_case), "transcript",
                                  "chat.txt", "text/plain", chat, "upload", &error);
  g_assert_cmpint (wanted, >, 0);
  g_assert_cmpint (rd_store_add_document (store, rd_case_get_reference (open_case), "evidence",
                                          "note.txt", "text/plain", chat, "upload", &error), >, 0);
  g_assert_cmpint (rd_store_add_document (store, rd_case_get_reference (closed_case),
                                          "transcript", "old-chat.txt", "text/plain", chat,
                                          "upload", &error), >, 0);
  g_assert_true (rd_store_close_case (store, rd_case_get_reference (closed_case),
                                      RD_OUTCOME_COMPLIED, NULL, NULL, &error));
  g_assert_no_error (error);

  documents = rd_store_list_open_documents (store, "transcript", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  document = documents->pdata[0];
  g_assert_cmpint (document->id, ==, wanted);
  g_assert_cmpstr (document->case_ref, ==, rd_case_get_reference (open_case));
  g_assert_cmpstr (document->name, ==, "chat.txt");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/identity/" path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("prepare", test_prepare);
  ADD ("redact", test_redact);
  ADD ("keep-redacted", test_keep_redacted);
  ADD ("open-documents", test_open_documents);
#undef ADD

  return g_test_run ();
}
