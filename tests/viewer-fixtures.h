/* viewer-fixtures.h: PDFs and images made at test time, for the viewer's tests and
 * benchmarks. Nothing third-party is shipped: every file is generated here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <string.h>

/* A US Letter PDF (612 × 792 pt). Each page has a red 60 pt square in its top-left
 * corner and the line "Page N"; @words[i], when given, is written on page i too. */
static inline void
fixture_write_pdf (const char         *path,
                   guint               n_pages,
                   const char * const *words)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 612, 792);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      char line[64];

      cairo_set_source_rgb (cr, 1, 0, 0);
      cairo_rectangle (cr, 0, 0, 60, 60);
      cairo_fill (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 24);
      g_snprintf (line, sizeof line, "Page %u", i + 1);
      cairo_move_to (cr, 72, 150);
      cairo_show_text (cr, line);

      if (words != NULL && words[i] != NULL)
        {
          cairo_move_to (cr, 72, 300);
          cairo_show_text (cr, words[i]);
        }

      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A PDF written by hand (cairo cannot set /Rotate or write an empty page tree):
 * @page_dict is the page's dictionary body, @content its content stream; a NULL
 * @page_dict makes a document with zero pages. The xref offsets are exact. */
static inline GBytes *
fixture_hand_pdf (const char *page_dict,
                  const char *content)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[5];
  guint n_objects;
  gsize xref;

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  if (page_dict == NULL)
    {
      g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
      n_objects = 3;
    }
  else
    {
      g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
      offsets[3] = pdf->len;
      g_string_append_printf (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R %s /Contents 4 0 R >>\nendobj\n",
                              page_dict);
      offsets[4] = pdf->len;
      g_string_append_printf (pdf, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                              strlen (content) + 1, content);
      n_objects = 5;
    }

  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects);
  for (guint i = 1; i < n_objects; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          n_objects, xref);

  return g_string_free_to_bytes (pdf);
}

/* A JPEG @width × @height, white, with a red 16 px block at its top-left corner and a
 * blue one at its top-right corner (blocks aligned to JPEG's 16 px MCUs, so the colours
 * stay clean). With @orientation 1–8, an EXIF APP1 segment carrying that Orientation
 * tag follows the SOI marker, written byte by byte as EXIF 2.3 §4.5–4.6 lay it out. */
static inline GBytes *
fixture_jpeg (int width,
              int height,
              int orientation)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  GByteArray *out;

  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  for (int y = 0; y < 16 && y < height; y++)
    for (int x = 0; x < 16; x++)
      {
        guchar *red = pixels + y * stride + x * 3;
        guchar *blue = pixels + y * stride + (width - 16 + x) * 3;

        red[0] = 255; red[1] = 0; red[2] = 0;
        blue[0] = 0; blue[1] = 0; blue[2] = 255;
      }

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error,
                                            "quality", "95", NULL));
  g_assert_no_error (error);

  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) buffer, 2);  /* SOI */
  if (orientation > 0)
    {
      const guint8 app1[] = {
        0xFF, 0xE1, 0x00, 34,                      /* APP1, length 34 (includes itself) */
        'E', 'x', 'i', 'f', 0, 0,                  /* Exif identifier */
        'M', 'M', 0x00, 0x2A, 0, 0, 0, 8,          /* big-endian TIFF header, IFD0 at 8 */
        0x00, 0x01,                                /* one entry */
        0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1,        /* Orientation, SHORT, count 1 */
        0x00, (guint8) orientation, 0, 0,          /* the value, left-justified */
        0, 0, 0, 0,                                /* no next IFD */
      };
      g_byte_array_append (out, app1, sizeof app1);
    }
  g_byte_array_append (out, (const guint8 *) buffer + 2, size - 2);

  return g_byte_array_free_to_bytes (out);
}

static inline void
fixture_save (const char *path,
              GBytes     *bytes)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}
