/* test-redaction.c: redacted output that leaks nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "rd-compat.h"
#include "rd-redaction.h"
#include "test-util.h"

static GPtrArray *
spans_for (const char  *text,
           const char **needles,
           const char  *entity)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);

  for (guint i = 0; needles[i]; i++)
    {
      const char *at = strstr (text, needles[i]);
      g_assert_nonnull (at);
      g_ptr_array_add (spans, rd_redaction_new (at - text, at - text + strlen (needles[i]), entity,
                                                "Third-party data — GDPR Art. 15(4)",
                                                RD_REDACTION_ACCEPTED));
    }
  return spans;
}

static void
test_text (void)
{
  const char text[] = "Call Jörg on +49 30 1234567 or mail jorg@example.net today.";
  const char *needles[] = { "+49 30 1234567", "jorg@example.net", NULL };
  g_autoptr (GPtrArray) spans = spans_for (text, needles, "CONTACT");
  g_autofree char *token = NULL, *block = NULL;

  ((RdRedaction *) spans->pdata[0])->entity[0] = 'P';   /* keep entity names distinct below */
  g_free (((RdRedaction *) spans->pdata[0])->entity);
  ((RdRedaction *) spans->pdata[0])->entity = g_strdup ("PHONE_NUMBER");

  token = rd_redaction_apply_text (text, strlen (text), spans, RD_REDACTION_STYLE_TOKEN);
  g_assert_cmpstr (token, ==, "Call Jörg on [REDACTED: PHONE_NUMBER] or mail [REDACTED: CONTACT] today.");

  block = rd_redaction_apply_text (text, strlen (text), spans, RD_REDACTION_STYLE_BLOCK);
  g_assert_null (strstr (block, "1234567"));
  g_assert_true (g_str_has_prefix (block, "Call Jörg on ██████████████ or"));
  g_assert_cmpuint (g_utf8_strlen (block, -1), ==, g_utf8_strlen (text, -1));
}

static void
test_states_and_overlaps (void)
{
  const char text[] = "alpha beta gamma delta";
  g_autoptr (GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  g_autofree char *out = NULL;

  g_ptr_array_add (spans, rd_redaction_new (6, 10, "A", NULL, RD_REDACTION_ACCEPTED));   /* beta */
  g_ptr_array_add (spans, rd_redaction_new (8, 16, "B", NULL, RD_REDACTION_ACCEPTED));   /* ta gamma */
  g_ptr_array_add (spans, rd_redaction_new (0, 5, "C", NULL, RD_REDACTION_REJECTED));    /* alpha */
  g_ptr_array_add (spans, rd_redaction_new (17, 22, "D", NULL, RD_REDACTION_PROPOSED));  /* delta */

  out = rd_redaction_apply_text (text, strlen (text), spans, RD_REDACTION_STYLE_TOKEN);
  /* Overlapping accepted spans merge; rejected and undecided ones stay in the text. */
  g_assert_cmpstr (out, ==, "alpha [REDACTED: A] delta");
}

static void
test_log (void)
{
  const char text[] = "Ñandú — call 555-0100 now";
  const char *needles[] = { "555-0100", NULL };
  g_autoptr (GPtrArray) spans = spans_for (text, needles, "PHONE_NUMBER");
  g_autofree char *json = rd_redaction_log_json (text, spans, NULL);

  /* Offsets count code points: "Ñandú — call " is 13 of them. */
  g_assert_nonnull (strstr (json, "\"start\":13,\"end\":21"));
  g_assert_nonnull (strstr (json, "GDPR Art. 15(4)"));

  /* With its document, the log names it, its checksum and the case, and says when it was
   * written. */
  {
    g_autoptr (GBytes) content = g_bytes_new_static (text, strlen (text));
    g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
    RdRedactionLogSource source = { "call.txt", content, "RD-2026-000042" };
    g_autofree char *with_source = rd_redaction_log_json (text, spans, &source);
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *root, *document;
    g_autoptr (GDateTime) written = NULL;

    g_assert_true (json_parser_load_from_data (parser, with_source, -1, NULL));
    root = json_node_get_object (json_parser_get_root (parser));
    document = json_object_get_object_member (root, "document");
    g_assert_cmpstr (json_object_get_string_member (document, "name"), ==, "call.txt");
    g_assert_cmpstr (json_object_get_string_member (document, "sha256"), ==, sha);
    g_assert_cmpstr (json_object_get_string_member (document, "case"), ==, "RD-2026-000042");
    written = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "written"),
                                            NULL);
    g_assert_nonnull (written);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "redactions")),
                      ==, 1);
  }

  /* Spans out of order and overlapping, with more accents between them: " now, Zoë: " adds
   * 11 code points after the first number, "0100 now" starts 4 into it. */
  {
    const char more[] = "Ñandú — call 555-0100 now, Zoë: 555-0199";
    const char *numbers[] = { "555-0199", "555-0100", "0100 now", NULL };
    g_autoptr (GPtrArray) mixed = spans_for (more, numbers, "PHONE_NUMBER");
    g_autofree char *log = rd_redaction_log_json (more, mixed, NULL);
    const char *second = strstr (log, "\"start\":32,\"end\":40");
    const char *first = strstr (log, "\"start\":13,\"end\":21");
    const char *overlap = strstr (log, "\"start\":17,\"end\":25");

    g_assert_nonnull (second);
    g_assert_nonnull (first);
    g_assert_nonnull (overlap);
    g_assert_true (second < first && first < overlap);
  }
}

static char *
pdftotext (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_pdf_from_text (TestDir       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *extracted = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autoptr (GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) document = NULL;
  gsize length;
  const char *t;
  struct stat st;

  for (int i = 0; i < 120; i++)
    g_string_append_printf (text, "Agent: Thanks, Mr Quixotic%03d, your ticket 4711 is noted.\n"
                                  "Customer: My neighbour Zebulon%03d calls on 020 7946 %04d.\n", i, i, i);
  bytes = g_bytes_new (text->str, text->len);
  transcript = rd_transcript_load (bytes, "call.txt", &error);
  g_assert_no_error (error);

  /* Redact every neighbour's name and number. */
  t = rd_transcript_get_text (transcript, &length);
  for (const char *p = t; (p = strstr (p, "Zebulon")); p++)
    g_ptr_array_add (spans, rd_redaction_new (p - t, p - t + 10, "PERSON", NULL, RD_REDACTION_ACCEPTED));
  for (const char *p = t; (p = strstr (p, "020 7946")); p++)
    g_ptr_array_add (spans, rd_redaction_new (p - t, p - t + 13, "PHONE_NUMBER", NULL, RD_REDACTION_ACCEPTED));

  g_assert_true (rd_redaction_write_pdf (transcript, bytes, spans, RD_REDACTION_STYLE_BLOCK, 200,
                                         path, NULL, &error));
  g_assert_no_error (error);
  keep_output (path, "redacted-from-text.pdf");

  /* No text layer at all: nothing to copy or search, redacted or not. */
  extracted = pdftotext (path);
  g_assert_null (strstr (extracted, "Zebulon"));
  g_assert_null (strstr (extracted, "7946"));
  g_assert_null (strstr (extracted, "Quixotic"));

  document = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (document), >, 1);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      g_assert_cmpstr (page_text, ==, "");
    }
  g_assert_cmpstr (poppler_document_get_author (document), ==, NULL);

  /* Greyscale raster pages stay small. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size / poppler_document_get_n_pages (document), <, 200 * 1024);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_pdf_from_pdf (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GByteArray) source = g_byte_array_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "redacted.pdf", NULL);
  g_autofree char *extracted = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autoptr (GPtrArray) spans = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) document = NULL;
  g_autoptr (PopplerPage) page = NULL;
  cairo_surface_t *surface, *render;
  cairo_t *cr;
  const char *needles[] = { "Ygritte Snowfield", "+44 20 7946 0018", NULL };
  const char *text;
  guint8 *pixels;
  int stride;

  /* A vector PDF with a text layer, as a helpdesk would export it. */
  surface = cairo_pdf_surface_create_for_stream (append_cb, source, 595, 842);
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Requester: Anna Eriksson");
  cairo_move_to (cr, 72, 130);
  cairo_show_text (cr, "Colleague: Ygritte Snowfield");
  cairo_move_to (cr, 72, 160);
  cairo_show_text (cr, "Her phone: +44 20 7946 0018");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  bytes = g_bytes_new (source->data, source->len);
  transcript = rd_transcript_load (bytes, "export.pdf", &error);
  g_assert_no_error (error);
  text = rd_transcript_get_text (transcript, NULL);
  spans = spans_for (text, needles, "PERSON");

  g_assert_true (rd_redaction_write_pdf (transcript, bytes, spans, RD_REDACTION_STYLE_BLOCK, 150,
                                         path, NULL, &error));
  g_assert_no_error (error);
  keep_output (path, "redacted-from-pdf.pdf");

  extracted = pdftotext (path);
  g_assert_null (strstr (extracted, "Ygritte"));
  g_assert_null (strstr (extracted, "Snowfield"));
  g_assert_null (strstr (extracted, "7946"));

  /* The boxes are burned in where the words were: render the output and look at the middle of
   * "Snowfield" (x ≈ 72 + width of "Colleague: Ygritte Snow", y ≈ 125) and at untouched paper. */
  document = open_pdf (path);
  page = poppler_document_get_page (document, 0);
  render = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cr = cairo_create (render);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (render);
  pixels = cairo_image_surface_get_data (render);
  stride = cairo_image_surface_get_stride (render);
  {
    guint32 inside = *(guint32 *) (pixels + 126 * stride + 200 * 4) & 0xffffff;
    guint32 paper = *(guint32 *) (pixels + 400 * stride + 300 * 4) & 0xffffff;
    g_assert_cmpuint (inside, <, 0x202020);
    g_assert_cmpuint (paper, ==, 0xffffff);
  }
  cairo_surface_destroy (render);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/redaction/text", test_text);
  g_test_add_func ("/core/redaction/states-and-overlaps", test_states_and_overlaps);
  g_test_add_func ("/core/redaction/log", test_log);
  g_test_add ("/core/redaction/pdf-from-text", TestDir, NULL, test_dir_setup, test_pdf_from_text,
              test_dir_teardown);
  g_test_add ("/core/redaction/pdf-from-pdf", TestDir, NULL, test_dir_setup, test_pdf_from_pdf,
              test_dir_teardown);
  return g_test_run ();
}
