/* test-document-sniff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JPEGs are made here: a four-colour picture, encoded by gdk-pixbuf, with an APP1 Exif
 * segment written byte by byte (TIFF/EXIF 2.3 layout) carrying an orientation and a GPS IFD.
 * Where each colour must land for each orientation is worked out from the EXIF definitions
 * of the eight values (which visual side row 0 and column 0 become).
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-document-sniff.h"
#include "rd-error.h"

/* A string literal and its length, NULs included. */
#define LIT(s) s, sizeof (s) - 1

#define GPS_MARK "RIGHTSDESK-GPS-TEST"

enum { RED, GREEN, BLUE, WHITE };

static const guint8 colours[4][3] = {
  { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 },
};

/* 64 × 32: top-left red, top-right green, bottom-left blue, bottom-right white. */
static GdkPixbuf *
make_quadrants (gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, 64, 32);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < 32; y++)
    for (int x = 0; x < 64; x++)
      {
        int q = (y < 16 ? 0 : 2) + (x < 32 ? 0 : 1);
        guint8 *p = pixels + y * stride + x * channels;

        memcpy (p, colours[q], 3);
        if (alpha)
          p[3] = 255;
      }

  return pixbuf;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        const char *type)
{
  g_autoptr (GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, "quality", "100", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
put16 (GByteArray *a,
       guint       v)
{
  guint8 b[2] = { v >> 8, v & 0xff };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (a, b, 4);
}

/* An APP1 Exif segment, big-endian TIFF: IFD0 with Orientation and a GPS IFD pointer; the
 * GPS IFD with GPSVersionID 2.2, GPSLatitudeRef "N" and a GPSMapDatum string we look for. */
static GByteArray *
exif_segment (guint orientation)
{
  GByteArray *tiff = g_byte_array_new ();
  GByteArray *segment = g_byte_array_new ();
  const guint gps_ifd = 8 + 2 + 2 * 12 + 4;            /* after the header and IFD0: 38 */
  const guint gps_string = gps_ifd + 2 + 3 * 12 + 4;   /* after the GPS IFD: 80 */

  g_byte_array_append (tiff, (const guint8 *) "MM\0*", 4);
  put32 (tiff, 8);

  put16 (tiff, 2);
  put16 (tiff, 0x0112); put16 (tiff, 3); put32 (tiff, 1); put16 (tiff, orientation); put16 (tiff, 0);
  put16 (tiff, 0x8825); put16 (tiff, 4); put32 (tiff, 1); put32 (tiff, gps_ifd);
  put32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, gps_ifd);

  put16 (tiff, 3);
  put16 (tiff, 0x0000); put16 (tiff, 1); put32 (tiff, 4); put32 (tiff, 0x02020000);
  put16 (tiff, 0x0001); put16 (tiff, 2); put32 (tiff, 2); put32 (tiff, 0x4E000000);
  put16 (tiff, 0x0012); put16 (tiff, 2); put32 (tiff, sizeof GPS_MARK); put32 (tiff, gps_string);
  put32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, gps_string);
  g_byte_array_append (tiff, (const guint8 *) GPS_MARK, sizeof GPS_MARK);

  g_byte_array_append (segment, (const guint8 *) "\xff\xe1", 2);
  put16 (segment, 2 + 6 + tiff->len);
  g_byte_array_append (segment, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (segment, tiff->data, tiff->len);
  g_byte_array_unref (tiff);
  return segment;
}

/* The JPEG of make_quadrants() with the Exif segment right after SOI. */
static GBytes *
jpeg_with_exif (guint orientation)
{
  g_autoptr (GdkPixbuf) pixbuf = make_quadrants (FALSE);
  g_autoptr (GBytes) plain = encode (pixbuf, "jpeg");
  g_autoptr (GByteArray) segment = exif_segment (orientation);
  GByteArray *out = g_byte_array_new ();
  gsize length;
  const guint8 *data = g_bytes_get_data (plain, &length);

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, segment->data, segment->len);
  g_byte_array_append (out, data + 2, length - 2);
  return g_byte_array_free_to_bytes (out);
}

static gboolean
contains (GBytes     *bytes,
          const void *needle,
          gsize       needle_length)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_colour (GdkPixbuf *pixbuf,
               int        x,
               int        y,
               int        expected)
{
  const guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
                    x * gdk_pixbuf_get_n_channels (pixbuf);

  for (int c = 0; c < 3; c++)
    {
      if (ABS ((int) p[c] - (int) colours[expected][c]) > 48)
        g_error ("pixel %d,%d is %u,%u,%u; expected colour %d", x, y, p[0], p[1], p[2], expected);
    }
}

static void
test_sniff_formats (void)
{
  g_autoptr (GdkPixbuf) pixbuf = make_quadrants (FALSE);
  g_autoptr (GBytes) jpeg = encode (pixbuf, "jpeg");
  g_autoptr (GBytes) png = encode (pixbuf, "png");
  g_autoptr (GBytes) tiff = encode (pixbuf, "tiff");
  struct
  {
    const char       *data;
    gsize             length;
    RdDocumentFormat  expected;
  } cases[] = {
    { LIT ("%PDF-1.7\n1 0 obj\n"), RD_DOCUMENT_FORMAT_PDF },
    /* Junk a mailer put before the header: readers still open it. */
    { LIT ("\r\n\r\n%PDF-1.4\n"), RD_DOCUMENT_FORMAT_PDF },
    { LIT ("II*\0\x08\0\0\0"), RD_DOCUMENT_FORMAT_TIFF },
    { LIT ("MM\0*\0\0\0\x08"), RD_DOCUMENT_FORMAT_TIFF },
    { LIT ("RIFF\x24\0\0\0WEBPVP8 "), RD_DOCUMENT_FORMAT_WEBP },
    { LIT ("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic"), RD_DOCUMENT_FORMAT_HEIF },
    { LIT ("\0\0\0\x18" "ftypmif1\0\0\0\0mif1heic"), RD_DOCUMENT_FORMAT_HEIF },
    { LIT ("\0\0\0\x1c" "ftypavif\0\0\0\0avifmif1miaf"), RD_DOCUMENT_FORMAT_HEIF },
    /* An MP4 video is ISO-BMFF too, but no picture. */
    { LIT ("\0\0\0\x18" "ftypisom\0\0\0\0isomiso2"), RD_DOCUMENT_FORMAT_UNKNOWN },
    { LIT ("PK\x03\x04\x14\0\0\0"), RD_DOCUMENT_FORMAT_UNKNOWN },
    { LIT ("\x7f" "ELF\x02\x01\x01\0"), RD_DOCUMENT_FORMAT_UNKNOWN },
    { LIT ("Dear data protection officer,\nplease send me a copy of my data.\n"),
      RD_DOCUMENT_FORMAT_TEXT },
    { LIT ("Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln\n"), RD_DOCUMENT_FORMAT_TEXT },
    { LIT ("Subject: hello\nthis is just text\n"), RD_DOCUMENT_FORMAT_TEXT },
    { LIT ("Return-Path: <anna@example.org>\r\nReceived: from mx.example.org\r\n"
           "From: Anna <anna@example.org>\r\nTo: dpo@example.com\r\nSubject: My data\r\n\r\n"
           "Hello\r\n"),
      RD_DOCUMENT_FORMAT_EMAIL },
    { LIT ("From anna@example.org Mon Jun  1 09:00:00 2026\nFrom: anna@example.org\n"
           "Subject: Access request\n\nHello\n"),
      RD_DOCUMENT_FORMAT_EMAIL },
    { LIT (""), RD_DOCUMENT_FORMAT_UNKNOWN },
  };
  gsize length;
  const guint8 *data;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (rd_document_sniff ((const guint8 *) cases[i].data, cases[i].length), ==,
                       cases[i].expected);
    }

  data = g_bytes_get_data (jpeg, &length);
  g_assert_cmpint (rd_document_sniff (data, length), ==, RD_DOCUMENT_FORMAT_JPEG);
  data = g_bytes_get_data (png, &length);
  g_assert_cmpint (rd_document_sniff (data, length), ==, RD_DOCUMENT_FORMAT_PNG);
  data = g_bytes_get_data (tiff, &length);
  g_assert_cmpint (rd_document_sniff (data, length), ==, RD_DOCUMENT_FORMAT_TIFF);

  g_assert_cmpstr (rd_document_format_to_string (RD_DOCUMENT_FORMAT_HEIF), ==, "heif");
  g_assert_cmpstr (rd_document_format_to_mime (RD_DOCUMENT_FORMAT_PDF), ==, "application/pdf");
}

/* The name says JPEG, the content is a PDF: the content wins. */
static void
test_content_not_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rd-sniff-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "passport.jpg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  RdDocumentFormat format = RD_DOCUMENT_FORMAT_UNKNOWN;

  g_assert_true (g_file_set_contents (path, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", -1, NULL));
  bytes = rd_document_load_file (file, 0, &format, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, RD_DOCUMENT_FORMAT_PDF);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_size_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rd-sniff-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) file_error = NULL;
  g_autoptr (GBytes) eleven = g_bytes_new_static ("%PDF-1.7 xx", 11);
  g_autoptr (GBytes) loaded = NULL;
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/rd-sniff/file.pdf");
  g_autoptr (GBytes) none = NULL;
  g_autoptr (GError) missing_error = NULL;

  g_assert_cmpint (rd_document_sniff_bytes (eleven, 11, &error), ==, RD_DOCUMENT_FORMAT_PDF);
  g_assert_no_error (error);
  g_assert_cmpint (rd_document_sniff_bytes (eleven, 10, &error), ==, RD_DOCUMENT_FORMAT_UNKNOWN);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  /* The message names both sizes. */
  g_assert_nonnull (strstr (error->message, "11 bytes"));
  g_assert_nonnull (strstr (error->message, "10 bytes"));

  g_assert_true (g_file_set_contents (path, "%PDF-1.7 xx", 11, NULL));
  loaded = rd_document_load_file (file, 10, NULL, NULL, &file_error);
  g_assert_null (loaded);
  g_assert_error (file_error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (file_error->message, "big.pdf"));

  none = rd_document_load_file (missing, 0, NULL, NULL, &missing_error);
  g_assert_null (none);
  g_assert_error (missing_error, RD_ERROR, RD_ERROR_IO);

  g_unlink (path);
  g_rmdir (dir);
}

/* Each EXIF orientation: the sanitised image stands upright and has no EXIF or GPS left. */
static void
test_orientations (void)
{
  /* Where the stored top-left, top-right, bottom-left and bottom-right colours appear on
   * screen: [orientation][screen corner TL, TR, BL, BR]. */
  static const int expected[9][4] = {
    { 0 },
    { RED, GREEN, BLUE, WHITE },   /* 1: as stored */
    { GREEN, RED, WHITE, BLUE },   /* 2: mirrored left-right */
    { WHITE, BLUE, GREEN, RED },   /* 3: turned 180° */
    { BLUE, WHITE, RED, GREEN },   /* 4: mirrored top-bottom */
    { RED, BLUE, GREEN, WHITE },   /* 5: row 0 is the left side, column 0 the top */
    { BLUE, RED, WHITE, GREEN },   /* 6: row 0 is the right side, column 0 the top */
    { WHITE, GREEN, BLUE, RED },   /* 7: row 0 is the right side, column 0 the bottom */
    { GREEN, WHITE, RED, BLUE },   /* 8: row 0 is the left side, column 0 the bottom */
  };

  for (guint o = 1; o <= 8; o++)
    {
      g_autoptr (GBytes) input = jpeg_with_exif (o);
      g_autoptr (GdkPixbufLoader) check = gdk_pixbuf_loader_new ();
      g_autoptr (GBytes) output = NULL;
      g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *mime = NULL;
      g_autofree char *option = NULL;
      GdkPixbuf *result;
      int width = 0, height = 0;
      int w, h;
      gsize length;
      const guint8 *data;

      g_test_message ("orientation %u", o);

      /* The fixture is what we mean it to be: gdk-pixbuf reads our orientation tag, and the
       * GPS string is in the file. */
      data = g_bytes_get_data (input, &length);
      g_assert_true (gdk_pixbuf_loader_write (check, data, length, &error));
      g_assert_true (gdk_pixbuf_loader_close (check, &error));
      option = g_strdup_printf ("%u", o);
      g_assert_cmpstr (gdk_pixbuf_get_option (gdk_pixbuf_loader_get_pixbuf (check), "orientation"),
                       ==, option);
      g_assert_true (contains (input, GPS_MARK, strlen (GPS_MARK)));

      output = rd_document_sanitize_image (input, 0, &mime, &width, &height, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mime, ==, "image/jpeg");

      /* Orientations 5–8 turn the 64 × 32 picture on its side. */
      w = o >= 5 ? 32 : 64;
      h = o >= 5 ? 64 : 32;
      g_assert_cmpint (width, ==, w);
      g_assert_cmpint (height, ==, h);

      /* No Exif segment, no GPS string, no APP1 marker at all. */
      g_assert_false (contains (output, "Exif", 4));
      g_assert_false (contains (output, GPS_MARK, strlen (GPS_MARK)));
      g_assert_false (contains (output, "\xff\xe1", 2));

      data = g_bytes_get_data (output, &length);
      g_assert_true (gdk_pixbuf_loader_write (loader, data, length, &error));
      g_assert_true (gdk_pixbuf_loader_close (loader, &error));
      result = gdk_pixbuf_loader_get_pixbuf (loader);
      g_assert_cmpint (gdk_pixbuf_get_width (result), ==, w);
      g_assert_cmpint (gdk_pixbuf_get_height (result), ==, h);
      g_assert_null (gdk_pixbuf_get_option (result, "orientation"));

      assert_colour (result, w / 4, h / 4, expected[o][0]);
      assert_colour (result, 3 * w / 4, h / 4, expected[o][1]);
      assert_colour (result, w / 4, 3 * h / 4, expected[o][2]);
      assert_colour (result, 3 * w / 4, 3 * h / 4, expected[o][3]);
    }
}

static void
test_truncated_jpeg (void)
{
  g_autoptr (GBytes) whole = jpeg_with_exif (1);
  gsize length;
  const guint8 *data = g_bytes_get_data (whole, &length);

  g_assert_true (rd_document_check_complete (data, length, RD_DOCUMENT_FORMAT_JPEG, NULL));

  /* Cut in the pixel data, just before the end marker, and inside the Exif segment. */
  for (guint i = 0; i < 3; i++)
    {
      gsize cut = i == 0 ? length * 2 / 3 : i == 1 ? length - 2 : 40;
      g_autoptr (GBytes) part = g_bytes_new (data, cut);
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) check_error = NULL;
      g_autoptr (GBytes) output = rd_document_sanitize_image (part, 0, NULL, NULL, NULL, &error);

      g_assert_null (output);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
      g_assert_false (rd_document_check_complete (data, cut, RD_DOCUMENT_FORMAT_JPEG,
                                                  &check_error));
      g_assert_error (check_error, RD_ERROR, RD_ERROR_INVALID);
    }
}

static void
test_png (void)
{
  g_autoptr (GdkPixbuf) pixbuf = make_quadrants (TRUE);
  g_autoptr (GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;
  g_autoptr (GBytes) input = NULL;
  g_autoptr (GBytes) output = NULL;
  g_autoptr (GBytes) cut = NULL;
  g_autofree char *mime = NULL;
  int width = 0, height = 0;

  /* A PNG text chunk is metadata too (cameras and editors put locations there). */
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error,
                             "tEXt::Location", GPS_MARK, NULL);
  g_assert_no_error (error);
  input = g_bytes_new_take (buffer, size);
  g_assert_true (contains (input, GPS_MARK, strlen (GPS_MARK)));

  output = rd_document_sanitize_image (input, 0, &mime, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "image/png");
  g_assert_cmpint (width, ==, 64);
  g_assert_cmpint (height, ==, 32);
  g_assert_false (contains (output, GPS_MARK, strlen (GPS_MARK)));
  g_assert_false (contains (output, "tEXt", 4));

  cut = g_bytes_new_from_bytes (input, 0, size - 12);  /* without IEND */
  g_clear_pointer (&output, g_bytes_unref);
  output = rd_document_sanitize_image (cut, 0, NULL, NULL, NULL, &error);
  g_assert_null (output);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_tiff (void)
{
  g_autoptr (GdkPixbuf) pixbuf = make_quadrants (FALSE);
  g_autoptr (GBytes) tiff = encode (pixbuf, "tiff");
  g_autoptr (GError) error = NULL;
  g_autofree char *mime = NULL;
  int width = 0, height = 0;
  g_autoptr (GBytes) output = rd_document_sanitize_image (tiff, 0, &mime, &width, &height,
                                                          &error);
  gsize length;
  const guint8 *data;

  g_assert_no_error (error);
  /* Encoded again as PNG or JPEG: none of the TIFF's tags can come along. */
  data = g_bytes_get_data (output, &length);
  g_assert_cmpint (rd_document_sniff (data, length), !=, RD_DOCUMENT_FORMAT_TIFF);
  g_assert_true (g_str_equal (mime, "image/png") || g_str_equal (mime, "image/jpeg"));
  g_assert_cmpint (width, ==, 64);
  g_assert_cmpint (height, ==, 32);
}

static gboolean
have_loader (const char *name,
             gboolean    writable)
{
  g_autoptr (GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *format_name = gdk_pixbuf_format_get_name (l->data);

      if (strstr (format_name, name) != NULL &&
          (!writable || gdk_pixbuf_format_is_writable (l->data)))
        return TRUE;
    }
  return FALSE;
}

static void
assert_sanitized_upright (GBytes           *input,
                          RdDocumentFormat  format)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *mime = NULL;
  int width = 0, height = 0;
  g_autoptr (GBytes) output = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (input, &length);

  g_assert_cmpint (rd_document_sniff (data, length), ==, format);
  output = rd_document_sanitize_image (input, 0, &mime, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpint (width, ==, 64);
  g_assert_cmpint (height, ==, 32);
  data = g_bytes_get_data (output, &length);
  g_assert_cmpint (rd_document_sniff (data, length), !=, format);
}

/* WebP through webp-pixbuf-loader, when installed. */
static void
test_webp (void)
{
  g_autoptr (GdkPixbuf) pixbuf = make_quadrants (FALSE);
  g_autoptr (GBytes) webp = NULL;

  if (!have_loader ("webp", TRUE))
    {
      g_test_skip ("webp-pixbuf-loader is not installed");
      return;
    }

  webp = encode (pixbuf, "webp");
  assert_sanitized_upright (webp, RD_DOCUMENT_FORMAT_WEBP);
}

/* HEIC through heif-gdk-pixbuf, encoded by heif-enc (libheif-examples), when installed. */
static void
test_heic (void)
{
  g_autoptr (GdkPixbuf) pixbuf = make_quadrants (FALSE);
  g_autofree char *heif_enc = g_find_program_in_path ("heif-enc");
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  g_autofree char *heic = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int status = 0;
  g_autoptr (GBytes) bytes = NULL;

  if (heif_enc == NULL || !have_loader ("heif", FALSE))
    {
      g_test_skip ("heif-gdk-pixbuf or heif-enc is not installed");
      return;
    }

  dir = g_dir_make_tmp ("rd-sniff-XXXXXX", NULL);
  png = g_build_filename (dir, "photo.png", NULL);
  heic = g_build_filename (dir, "photo.heic", NULL);
  g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", &error, NULL));
  {
    const char *argv[] = { heif_enc, "-q", "90", "-o", heic, png, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                                 &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (heic, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  assert_sanitized_upright (bytes, RD_DOCUMENT_FORMAT_HEIF);

  g_unlink (png);
  g_unlink (heic);
  g_rmdir (dir);
}

static void
test_pixel_limit (void)
{
  g_autoptr (GBytes) input = jpeg_with_exif (1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) output = rd_document_sanitize_image (input, 64 * 32 - 1, NULL, NULL, NULL,
                                                          &error);
  g_autoptr (GBytes) fits = NULL;

  g_assert_null (output);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "64"));

  g_clear_error (&error);
  fits = rd_document_sanitize_image (input, 64 * 32, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fits);
}

/* Files that declare a huge picture are refused from their header, before any decoding:
 * a PNG whose IHDR says 20000 × 20000, a JPEG whose frame header says 60000 × 60000. */
static void
test_decompression_bomb (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  g_autoptr (GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr (GBytes) jpeg = jpeg_with_exif (1);
  g_autoptr (GBytes) big_jpeg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) output = NULL;
  gsize length;
  guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (jpeg), &length);
  gboolean patched = FALSE;

  output = rd_document_sanitize_image (png_bytes, 0, NULL, NULL, NULL, &error);
  g_assert_null (output);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "20000"));
  g_clear_error (&error);

  for (gsize i = 2; i + 9 < length; i++)
    if (copy[i] == 0xFF && copy[i + 1] == 0xC0)
      {
        copy[i + 5] = 0xEA, copy[i + 6] = 0x60, copy[i + 7] = 0xEA, copy[i + 8] = 0x60;
        patched = TRUE;
        break;
      }
  g_assert_true (patched);
  big_jpeg = g_bytes_new_take (copy, length);
  output = rd_document_sanitize_image (big_jpeg, 0, NULL, NULL, NULL, &error);
  g_assert_null (output);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "60000"));
}

static void
test_not_an_image (void)
{
  const char *inputs[] = { "%PDF-1.7\n", "plain words\n", "\xff\xd8\xff\xe0garbage" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) output = rd_document_sanitize_image (bytes, 0, NULL, NULL, NULL, &error);

      g_assert_null (output);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    }
}

/* Damaged images of every kind end in an error, never a crash. */
static void
test_garbage (void)
{
  GRand *rand = g_rand_new_with_seed (4);
  g_autoptr (GBytes) jpeg = jpeg_with_exif (6);
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);

  for (guint round = 0; round < 200; round++)
    {
      guint8 *copy = g_memdup2 (data, length);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GBytes) output = NULL;
      g_autoptr (GError) error = NULL;

      for (guint flips = 0; flips < 8; flips++)
        copy[g_rand_int_range (rand, 2, length)] = g_rand_int_range (rand, 0, 256);
      bytes = g_bytes_new_take (copy, length);
      output = rd_document_sanitize_image (bytes, 0, NULL, NULL, NULL, &error);
      g_assert_true ((output == NULL) == (error != NULL));
      rd_document_sniff (copy, length);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/document-sniff/formats", test_sniff_formats);
  g_test_add_func ("/core/document-sniff/content-not-name", test_content_not_name);
  g_test_add_func ("/core/document-sniff/size-limit", test_size_limit);
  g_test_add_func ("/core/document-sniff/sanitize/orientations", test_orientations);
  g_test_add_func ("/core/document-sniff/sanitize/truncated-jpeg", test_truncated_jpeg);
  g_test_add_func ("/core/document-sniff/sanitize/png", test_png);
  g_test_add_func ("/core/document-sniff/sanitize/tiff", test_tiff);
  g_test_add_func ("/core/document-sniff/sanitize/webp", test_webp);
  g_test_add_func ("/core/document-sniff/sanitize/heic", test_heic);
  g_test_add_func ("/core/document-sniff/sanitize/pixel-limit", test_pixel_limit);
  g_test_add_func ("/core/document-sniff/sanitize/decompression-bomb", test_decompression_bomb);
  g_test_add_func ("/core/document-sniff/sanitize/not-an-image", test_not_an_image);
  g_test_add_func ("/core/document-sniff/sanitize/garbage", test_garbage);

  return g_test_run ();
}
