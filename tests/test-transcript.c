/* test-transcript.c: reading conversations from every format support teams export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-error.h"
#include "rd-transcript.h"

static RdTranscript *
load (const char *data,
      gssize      length,
      const char *filename)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr (GError) error = NULL;
  RdTranscript *transcript = rd_transcript_load (bytes, filename, &error);

  g_assert_no_error (error);
  g_assert_nonnull (transcript);
  return transcript;
}

static char *
turn_body (RdTranscript *transcript,
           guint         i)
{
  const RdTurn *turn = rd_transcript_get_turn (transcript, i);
  const char *text = rd_transcript_get_text (transcript, NULL);

  return g_strndup (text + turn->body, turn->end - turn->body);
}

static void
test_plain_conversation (void)
{
  g_autoptr (RdTranscript) t = load ("Agent: Good morning, how can I help?\r\n"
                                     "Anna Eriksson: I would like a copy of my data.\r\n"
                                     "It is for my records.\r\n"
                                     "Agent: Of course.\r\n", -1, NULL);
  g_autofree char *second = NULL;

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_TEXT);
  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 3);
  g_assert_cmpstr (rd_transcript_get_turn (t, 1)->speaker, ==, "Anna Eriksson");
  second = turn_body (t, 1);
  g_assert_cmpstr (second, ==, "I would like a copy of my data.\nIt is for my records.");
  g_assert_null (strchr (rd_transcript_get_text (t, NULL), '\r'));

  /* The speaker of any offset is found. */
  {
    const char *text = rd_transcript_get_text (t, NULL);
    gsize at = strstr (text, "copy") - text;
    g_assert_cmpstr (rd_transcript_turn_at (t, at)->speaker, ==, "Anna Eriksson");
  }
}

static void
test_plain_prose (void)
{
  g_autoptr (RdTranscript) t = load ("Notes from the call on 3 March: the customer asked about "
                                     "invoices.\nNothing else.\n", -1, NULL);

  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 1);
  g_assert_null (rd_transcript_get_turn (t, 0)->speaker);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (RdTranscript) t = load ("Agent: hello\nKunde: Gr\xfc\xdf Gott\n", -1, NULL);
  const char * const *warnings = rd_transcript_get_warnings (t);

  g_assert_true (g_utf8_validate (rd_transcript_get_text (t, NULL), -1, NULL));
  g_assert_nonnull (strstr (rd_transcript_get_text (t, NULL), "Gr\xef\xbf\xbd"));
  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "line 2"));
}

/* A photo or a scan given as a transcript is refused, naming what it is, whatever its name. */
static void
test_not_a_transcript (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
  static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0";
  static const char binary[] = "Agent: hi\n\0\x01\x02\x03";
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new_static (png, sizeof png - 1);

  g_assert_null (rd_transcript_load (bytes, "chat.txt", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PNG"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static (jpeg, sizeof jpeg - 1);
  g_assert_null (rd_transcript_load (bytes, "call.vtt", &error));
  g_assert_nonnull (strstr (error->message, "JPEG"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static (binary, sizeof binary - 1);
  g_assert_null (rd_transcript_load (bytes, "notes.txt", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

/* Notepad and many Windows exports write UTF-16 with a byte-order mark. */
static void
test_utf16 (void)
{
  /* "Agent: Grüß\n" in UTF-16LE with its BOM. */
  static const char le[] = "\xff\xfe" "A\0g\0e\0n\0t\0:\0 \0G\0r\0\xfc\0\xdf\0\n\0";
  g_autoptr (GBytes) bytes = g_bytes_new_static (le, sizeof le - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdTranscript) t = rd_transcript_load (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rd_transcript_get_turn (t, 0)->speaker, ==, "Agent");
  g_assert_nonnull (strstr (rd_transcript_get_text (t, NULL), "Gr\xc3\xbc\xc3\x9f"));
}

static const char multipart_mail[] =
  "Return-Path: <anna@example.org>\r\n"
  "From: Anna Eriksson <anna@example.org>\r\n"
  "To: Support <support@acme.example>\r\n"
  "Cc: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.net>\r\n"
  "Subject: =?UTF-8?B?RGF0ZW5hdXNrdW5mdA==?=\r\n"
  "Date: Tue, 2 Mar 2027 10:15:00 +0100\r\n"
  "MIME-Version: 1.0\r\n"
  "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
  "\r\n"
  "--outer\r\n"
  "Content-Type: multipart/alternative; boundary=\"alt\"\r\n"
  "\r\n"
  "--alt\r\n"
  "Content-Type: text/plain; charset=iso-8859-1\r\n"
  "Content-Transfer-Encoding: quoted-printable\r\n"
  "\r\n"
  "Please send me everything you hold about me. Gr=FC=DFe, Anna\r\n"
  "My phone is +46 70 123 45 67.\r\n"
  "--alt\r\n"
  "Content-Type: text/html; charset=utf-8\r\n"
  "Content-Transfer-Encoding: base64\r\n"
  "\r\n"
  "PHA+SFRNTCB2ZXJzaW9uPC9wPg==\r\n"
  "--alt--\r\n"
  "--outer\r\n"
  "Content-Type: application/pdf; name=\"id.pdf\"\r\n"
  "Content-Disposition: attachment; filename=\"id.pdf\"\r\n"
  "Content-Transfer-Encoding: base64\r\n"
  "\r\n"
  "JVBERi0xLjQK\r\n"
  "--outer--\r\n";

static void
test_email_multipart (void)
{
  g_autoptr (RdTranscript) t = load (multipart_mail, -1, "request.eml");
  const char *text = rd_transcript_get_text (t, NULL);
  const RdTurn *turn;

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_EMAIL);
  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 1);
  turn = rd_transcript_get_turn (t, 0);
  g_assert_cmpstr (turn->speaker, ==, "Anna Eriksson");
  /* Encoded words and a Latin-1 quoted-printable body come out as UTF-8. */
  g_assert_nonnull (strstr (text, "Jörg Müller"));
  g_assert_nonnull (strstr (text, "Subject: Datenauskunft"));
  g_assert_nonnull (strstr (text, "Grüße, Anna"));
  g_assert_nonnull (strstr (text, "+46 70 123 45 67"));
  /* The plain alternative is preferred over the HTML one; attachments are named. */
  g_assert_null (strstr (text, "HTML version"));
  g_assert_nonnull (strstr (text, "[attachment: id.pdf]"));
}

static void
test_email_html_only (void)
{
  const char mail[] =
    "From: agent@acme.example\r\n"
    "To: anna@example.org\r\n"
    "Subject: Re: request\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<html><head><style>p { color: red; }</STYLE><script>alert(1)</Script></head>"
    "<body><p>Dear Anna,</p><p>we enclose your data &amp; a summary.<br>Caf&eacute; &#233; &#x2014; ok</p>"
    "<!-- tracking 1234 --></body></html>\r\n";
  g_autoptr (RdTranscript) t = load (mail, -1, NULL);
  const char *text = rd_transcript_get_text (t, NULL);

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_EMAIL);
  g_assert_cmpstr (rd_transcript_get_turn (t, 0)->speaker, ==, "agent@acme.example");
  g_assert_nonnull (strstr (text, "Dear Anna,\nwe enclose your data & a summary.\n"));
  g_assert_nonnull (strstr (text, "é — ok"));
  g_assert_null (strstr (text, "color"));
  g_assert_null (strstr (text, "alert"));
  g_assert_null (strstr (text, "tracking"));
  g_assert_null (strstr (text, "<p>"));
}

/* A body in UTF-8 that needs no decoding is read where the parser found it: all of it, only
 * it, and repaired like any other text. */
static void
test_email_in_place (void)
{
  static const char mail[] =
    "From: Anna Eriksson <anna@example.org>\r\n"
    "To: support@acme.example\r\n"
    "Subject: data\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
    "\r\n"
    "--b\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Gr\xc3\xbc\xc3\x9f Gott,\r\n"
    "my old card was \xfc 4111 1111.\r\n"
    "Anna\r\n"
    "--b\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "\r\n"
    "A second text part.\r\n"
    "--b--\r\n";
  g_autoptr (RdTranscript) t = load (mail, sizeof mail - 1, NULL);
  g_autofree char *body = turn_body (t, 0);
  const char * const *warnings = rd_transcript_get_warnings (t);

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_EMAIL);
  g_assert_true (g_utf8_validate (rd_transcript_get_text (t, NULL), -1, NULL));
  g_assert_true (g_str_has_prefix (body, "Gr\xc3\xbc\xc3\x9f Gott,\nmy old"));
  /* The bad byte is replaced, and the next part stays out. */
  g_assert_nonnull (strstr (body, "\xef\xbf\xbd 4111 1111."));
  g_assert_true (g_str_has_suffix (body, "Anna"));
  g_assert_null (strstr (body, "--b"));
  g_assert_null (strstr (body, "second"));
  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "line 2"));
}

static void
test_chat (void)
{
  const char chat[] =
    "[{\"time\": \"2027-03-02T10:00:00Z\", \"author\": \"Anna\", \"text\": \"Hi, I want my data\"},"
    " {\"time\": \"2027-03-02T10:01:10Z\", \"author\": \"Bot\", \"text\": \"Sure — your order \\\"A-1\\\"?\"}]";
  g_autoptr (RdTranscript) t = load (chat, -1, "chat.json");
  g_autofree char *said = turn_body (t, 1);

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_CHAT);
  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 2);
  g_assert_cmpstr (rd_transcript_get_turn (t, 0)->speaker, ==, "Anna");
  g_assert_cmpstr (rd_transcript_get_turn (t, 1)->time, ==, "2027-03-02T10:01:10Z");
  g_assert_cmpstr (said, ==, "Sure — your order \"A-1\"?");
}

static void
test_chat_bad_shapes (void)
{
  const char *bad[] = {
    "{\"messages\": []}",
    "[{\"author\": \"Anna\"}]",
    "[{\"author\": \"Anna\", \"text\": 42}]",
    "[\"just a string\"]",
    "[{\"author\": \"Anna\", \"text\": \"cut off",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (RdTranscript) t = rd_transcript_load (bytes, "chat.json", &error);

      g_assert_null (t);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    }
}

static void
test_chat_escapes (void)
{
  /* A lone surrogate would be bytes that are not UTF-8; NUL would cut the text short. */
  const char chat[] =
    "[{\"author\": \"Anna\\ud800 Smith\", \"text\": \"one\\u0000two \\ud83d\\ude00\"}]";
  g_autoptr (RdTranscript) t = load (chat, -1, "chat.json");
  g_autofree char *said = turn_body (t, 0);
  const char * const *warnings = rd_transcript_get_warnings (t);

  g_assert_cmpstr (rd_transcript_get_turn (t, 0)->speaker, ==, "Anna\xef\xbf\xbd Smith");
  /* A proper pair is one character, left alone. */
  g_assert_cmpstr (said, ==, "one\xef\xbf\xbdtwo \xf0\x9f\x98\x80");
  g_assert_true (g_utf8_validate (rd_transcript_get_text (t, NULL), -1, NULL));
  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "2 escaped characters"));
}

static void
test_chat_deep (void)
{
  /* json-glib recurses once a level: this deep, it ran out of stack. */
  guint depth = 100000;
  g_autofree char *deep = g_malloc (2 * depth + 1);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdTranscript) t = NULL;

  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[2 * depth] = '\0';
  bytes = g_bytes_new_static (deep, 2 * depth);
  t = rd_transcript_load (bytes, "chat.json", &error);
  g_assert_null (t);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested"));
}

static void
test_bracketed_log (void)
{
  /* A chat log in plain text, not a JSON export. */
  g_autoptr (RdTranscript) t = load ("[2026-11-02 10:00] Anna Smith: my e-mail is anna@example.org\n"
                                     "[2026-11-02 10:01] Agent: Thanks\n", -1, "log.txt");

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_TEXT);
  g_assert_nonnull (strstr (rd_transcript_get_text (t, NULL), "anna@example.org"));
}

static void
test_webvtt (void)
{
  const char vtt[] =
    "WEBVTT - call 4711\n\n"
    "NOTE recorded by the phone system\n\n"
    "1\n00:00:01.000 --> 00:00:04.000\n<v Agent Smith>Thank you for calling.</v>\n\n"
    "00:00:04.500 --> 00:00:08.000 align:start\n<v Anna Eriksson><i>My number is</i>\nfour one five</v>\n";
  g_autoptr (RdTranscript) t = load (vtt, -1, NULL);
  g_autofree char *said = turn_body (t, 1);

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_WEBVTT);
  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 2);
  g_assert_cmpstr (rd_transcript_get_turn (t, 0)->speaker, ==, "Agent Smith");
  g_assert_cmpstr (rd_transcript_get_turn (t, 1)->speaker, ==, "Anna Eriksson");
  g_assert_cmpstr (rd_transcript_get_turn (t, 1)->time, ==, "00:00:04.500");
  g_assert_cmpstr (said, ==, "My number is four one five");

  /* A Windows export with blank lines before the header is WebVTT all the same. */
  {
    g_autoptr (RdTranscript) w = load ("\r\n\r\nWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n"
                                       "<v Anna Eriksson>Hello</v>\r\n", -1, NULL);
    g_autofree char *hello = turn_body (w, 0);

    g_assert_cmpint (rd_transcript_get_format (w), ==, RD_TRANSCRIPT_WEBVTT);
    g_assert_cmpuint (rd_transcript_get_n_turns (w), ==, 1);
    g_assert_cmpstr (rd_transcript_get_turn (w, 0)->speaker, ==, "Anna Eriksson");
    g_assert_cmpstr (hello, ==, "Hello");
  }
}

static void
test_srt (void)
{
  const char srt[] =
    "1\r\n00:00:01,000 --> 00:00:03,000\r\nAGENT: Hello, who am I speaking with?\r\n\r\n"
    "2\r\n00:00:03,500 --> 00:00:05,000\r\nANNA: Anna Eriksson.\r\n";
  g_autoptr (RdTranscript) t = load (srt, -1, NULL);

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_SRT);
  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 2);
  g_assert_cmpstr (rd_transcript_get_turn (t, 1)->speaker, ==, "ANNA");
  g_assert_cmpstr (rd_transcript_get_turn (t, 1)->time, ==, "00:00:03,500");
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Pages of text; a page whose line starts with '*' is drawn as outlines, as a scan looks:
 * no text layer. */
static GByteArray *
make_pdf_pages (const char * const *pages)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      cairo_move_to (cr, 72, 72);
      if (pages[i][0] == '*')
        {
          cairo_text_path (cr, pages[i] + 1);
          cairo_fill (cr);
        }
      else
        cairo_show_text (cr, pages[i]);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return pdf;
}

static GByteArray *
make_pdf (void)
{
  const char *pages[] = {
    "Ticket 4711: Anna Eriksson called about her account.",
    "Second page: resolved.",
    NULL,
  };
  return make_pdf_pages (pages);
}

static void
test_pdf (void)
{
  g_autoptr (GByteArray) pdf = make_pdf ();
  g_autoptr (RdTranscript) t = load ((const char *) pdf->data, pdf->len, NULL);
  const char *text = rd_transcript_get_text (t, NULL);

  g_assert_cmpint (rd_transcript_get_format (t), ==, RD_TRANSCRIPT_PDF);
  g_assert_cmpuint (rd_transcript_get_n_turns (t), ==, 2);
  g_assert_nonnull (strstr (text, "Anna Eriksson called about her account"));
  g_assert_nonnull (strstr (text, "Second page"));
  g_assert_null (rd_transcript_get_warnings (t)[0]);
}

static void
test_pdf_scanned_pages (void)
{
  /* Nothing is found, or redacted, on a picture of text: the reviewer must be told which
   * pages those are, however many pages have text. */
  const char *pages[] = {
    "Ticket 4711: Anna Eriksson called about her account.",
    "*Card 4111 1111 1111 1111, Liam O'Brien, 12 High Street.",
    "*Phone 020 7946 0018, Anna Eriksson, date of birth 1980-01-02.",
    "The caller was told the refund is on its way.",
    NULL,
  };
  const char *scans[] = { "*Card 4111 1111 1111 1111, Liam O'Brien.", NULL };
  g_autoptr (GByteArray) pdf = make_pdf_pages (pages);
  g_autoptr (GByteArray) scan = make_pdf_pages (scans);
  g_autoptr (RdTranscript) t = load ((const char *) pdf->data, pdf->len, NULL);
  g_autoptr (RdTranscript) all = load ((const char *) scan->data, scan->len, NULL);
  const char * const *warnings = rd_transcript_get_warnings (t);

  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "Pages 2, 3 "));
  g_assert_null (warnings[1]);
  g_assert_nonnull (rd_transcript_get_warnings (all)[0]);
  g_assert_nonnull (strstr (rd_transcript_get_warnings (all)[0], "no text layer"));
}

static void
test_damaged (void)
{
  g_autoptr (GByteArray) pdf = make_pdf ();
  g_autoptr (GBytes) truncated = g_bytes_new (pdf->data, pdf->len / 3);
  g_autoptr (GBytes) empty = g_bytes_new ("", 0);
  g_autoptr (GBytes) vtt = g_bytes_new_static ("WEBVTT\n\nnot a timing\nnor this\n", 30);
  g_autoptr (GError) error = NULL;

  g_assert_null (rd_transcript_load (truncated, "t.pdf", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rd_transcript_load (empty, "t.txt", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rd_transcript_load (vtt, "t.vtt", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_encrypted_pdf (void)
{
  g_autoptr (GByteArray) pdf = make_pdf ();
  g_autofree char *dir = g_dir_make_tmp ("rightsdesk-pdf-XXXXXX", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.pdf", NULL);
  g_autofree char *data = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "qpdf", "--encrypt", "secret", "owner", "256", "--", plain, locked, NULL };
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  int status;
  gsize length;

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }

  g_assert_true (g_file_set_contents (plain, (const char *) pdf->data, pdf->len, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL));
  g_assert_true (g_file_get_contents (locked, &data, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);

  /* A password-protected PDF is an error that says so, never a crash. */
  g_assert_null (rd_transcript_load (bytes, "locked.pdf", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "password"));

  g_unlink (plain);
  g_unlink (locked);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/transcript/plain-conversation", test_plain_conversation);
  g_test_add_func ("/core/transcript/plain-prose", test_plain_prose);
  g_test_add_func ("/core/transcript/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/transcript/not-a-transcript", test_not_a_transcript);
  g_test_add_func ("/core/transcript/utf16", test_utf16);
  g_test_add_func ("/core/transcript/email-multipart", test_email_multipart);
  g_test_add_func ("/core/transcript/email-html-only", test_email_html_only);
  g_test_add_func ("/core/transcript/email-in-place", test_email_in_place);
  g_test_add_func ("/core/transcript/chat", test_chat);
  g_test_add_func ("/core/transcript/chat-bad-shapes", test_chat_bad_shapes);
  g_test_add_func ("/core/transcript/chat-escapes", test_chat_escapes);
  g_test_add_func ("/core/transcript/chat-deep", test_chat_deep);
  g_test_add_func ("/core/transcript/bracketed-log", test_bracketed_log);
  g_test_add_func ("/core/transcript/webvtt", test_webvtt);
  g_test_add_func ("/core/transcript/srt", test_srt);
  g_test_add_func ("/core/transcript/pdf", test_pdf);
  g_test_add_func ("/core/transcript/pdf-scanned-pages", test_pdf_scanned_pages);
  g_test_add_func ("/core/transcript/damaged", test_damaged);
  g_test_add_func ("/core/transcript/encrypted-pdf", test_encrypted_pdf);

  return g_test_run ();
}
