/* rd-redaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "rd-code-points.h"
#include "rd-compat.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-writer.h"
#include "rd-redaction.h"

#define PAGE_WIDTH_PT 595.0    /* A4 */
#define PAGE_HEIGHT_PT 842.0
#define MARGIN_PT 56.0
#define BOX_PADDING_PT 1.5

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const RdRedaction *ra = *(const RdRedaction **) a;
  const RdRedaction *rb = *(const RdRedaction **) b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return ra->end < rb->end ? 1 : (ra->end > rb->end ? -1 : 0);
}

/* A stretch of text that goes, named by the first redaction in it. */
typedef struct
{
  gsize        start;
  gsize        end;
  const char  *entity;  /* the redaction's own: spans live no longer than the redactions */
} Span;

/* The accepted spans in text order, overlaps merged, clamped to the text. */
static GArray *
accepted_spans (GPtrArray *redactions,
                gsize      length)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = 0; redactions != NULL && i < redactions->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (redactions, i);
      if (r->state == RD_REDACTION_ACCEPTED && r->start < MIN (r->end, length))
        g_ptr_array_add (sorted, r);
    }
  g_ptr_array_sort (sorted, compare_start);

  for (guint i = 0; i < sorted->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (sorted, i);
      Span *last = merged->len ? &g_array_index (merged, Span, merged->len - 1) : NULL;

      if (last != NULL && r->start <= last->end)
        last->end = MAX (last->end, MIN (r->end, length));
      else
        {
          Span span = { r->start, MIN (r->end, length), r->entity };
          g_array_append_val (merged, span);
        }
    }

  return merged;
}

static char *
apply_spans (const char       *text,
             gsize             length,
             GArray           *spans,
             RdRedactionStyle  style)
{
  GString *out = g_string_sized_new (length + 64);
  gsize pos = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *r = &g_array_index (spans, Span, i);

      g_string_append_len (out, text + pos, r->start - pos);

      if (style == RD_REDACTION_STYLE_TOKEN)
        {
          g_string_append (out, "[REDACTED: ");
          g_string_append (out, r->entity);
          g_string_append_c (out, ']');
        }
      else
        {
          /* One block per character, but line breaks stay so the layout does. */
          for (const char *p = text + r->start; p < text + r->end; p = g_utf8_next_char (p))
            g_string_append (out, *p == '\n' ? "\n" : "█");
        }

      pos = r->end;
    }

  g_string_append_len (out, text + pos, length - pos);
  return g_string_free (out, FALSE);
}

char *
rd_redaction_apply_text (const char        *text,
                         gsize              length,
                         GPtrArray         *redactions,
                         RdRedactionStyle   style)
{
  g_autoptr (GArray) spans = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  spans = accepted_spans (redactions, length);
  return apply_spans (text, length, spans, style);
}

char *
rd_redaction_log_json (const char                 *text,
                       GPtrArray                  *redactions,
                       const RdRedactionLogSource *source)
{
  g_autoptr (RdJsonWriter) w = rd_json_writer_new (NULL);
  RdCodePoints points = RD_CODE_POINTS_INIT (text);

  g_return_val_if_fail (text != NULL, NULL);

  rd_json_writer_begin_object (w);
  if (source != NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *written = g_date_time_format_iso8601 (now);

      /* The log, kept apart from the file, still says which file it is about. */
      rd_json_writer_key (w, "document");
      rd_json_writer_begin_object (w);
      if (source->name != NULL)
        {
          rd_json_writer_key (w, "name");
          rd_json_writer_string (w, source->name);
        }
      if (source->content != NULL)
        {
          g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, source->content);

          rd_json_writer_key (w, "sha256");
          rd_json_writer_string (w, sha);
        }
      if (source->case_ref != NULL)
        {
          rd_json_writer_key (w, "case");
          rd_json_writer_string (w, source->case_ref);
        }
      rd_json_writer_end_object (w);
      rd_json_writer_key (w, "written");
      rd_json_writer_string (w, written);
    }
  rd_json_writer_key (w, "redactions");
  rd_json_writer_begin_array (w);
  for (guint i = 0; redactions != NULL && i < redactions->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (redactions, i);

      if (r->state != RD_REDACTION_ACCEPTED)
        continue;

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "entity");
      rd_json_writer_string (w, r->entity);
      /* Code points of the decoded text, as everywhere outside the core. */
      rd_json_writer_key (w, "start");
      rd_json_writer_int (w, rd_code_points_at (&points, r->start));
      rd_json_writer_key (w, "end");
      rd_json_writer_int (w, rd_code_points_at (&points, r->end));
      rd_json_writer_key (w, "reason");
      rd_json_writer_string (w, r->reason);
      rd_json_writer_key (w, "subject");
      rd_json_writer_boolean (w, r->subject);
      rd_json_writer_end_object (w);
    }
  rd_json_writer_end_array (w);
  rd_json_writer_end_object (w);

  return rd_json_writer_free_to_string (g_steal_pointer (&w));
}

/* ------------------------------------------------------------------------------------------ */
/* Raster PDF */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Greyscale ink of an RGB render, as an alpha mask: 8 bits a pixel instead of 32, which keeps a
 * 200 dpi page well under 200 KB once compressed. */
static cairo_surface_t *
ink_from_rgb (cairo_surface_t *rgb)
{
  int width = cairo_image_surface_get_width (rgb);
  int height = cairo_image_surface_get_height (rgb);
  cairo_surface_t *ink = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  const guint8 *src;
  guint8 *dst;
  int src_stride, dst_stride;

  cairo_surface_flush (rgb);
  src = cairo_image_surface_get_data (rgb);
  src_stride = cairo_image_surface_get_stride (rgb);
  dst = cairo_image_surface_get_data (ink);
  dst_stride = cairo_image_surface_get_stride (ink);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (src + y * src_stride);
      guint8 *out = dst + y * dst_stride;

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint lum = (((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8;
          out[x] = 255 - lum;
        }
    }

  cairo_surface_mark_dirty (ink);
  return ink;
}

/* Puts one raster page into the output PDF, at its size in points. */
static void
emit_page (cairo_t         *pdf,
           cairo_surface_t *pdf_surface,
           cairo_surface_t *ink,
           double           width_pt,
           double           height_pt,
           double           dpi)
{
  cairo_pdf_surface_set_size (pdf_surface, width_pt, height_pt);
  cairo_save (pdf);
  cairo_scale (pdf, 72.0 / dpi, 72.0 / dpi);
  cairo_set_source_rgb (pdf, 0, 0, 0);
  cairo_mask_surface (pdf, ink, 0, 0);
  cairo_restore (pdf);
  cairo_show_page (pdf);
}

static cairo_surface_t *
white_page (int width,
            int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

/* A PDF source: each page rendered by poppler, then black boxes over every character of an
 * accepted span, padded so that no edge of a glyph survives. */
static gboolean
write_pages_from_pdf (RdTranscript     *transcript,
                      GBytes           *source,
                      GArray           *spans,
                      double            dpi,
                      cairo_t          *pdf,
                      cairo_surface_t  *pdf_surface,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr (GError) local_error = NULL;
  PopplerDocument *document = rd_poppler_open (source, &local_error);
  const char *text = rd_transcript_get_text (transcript, NULL);
  int n_pages;
  gboolean ok = TRUE;

  if (document == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The PDF could not be read: %s"),
                   local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  if ((guint) n_pages != rd_transcript_get_n_turns (transcript))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("The transcript does not match the PDF it was read from"));
      g_object_unref (document);
      return FALSE;
    }

  for (int i = 0; ok && i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      const RdTurn *turn = rd_transcript_get_turn (transcript, i);
      g_autofree char *page_text = NULL;
      PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      double w_pt, h_pt, scale = dpi / 72.0;
      cairo_surface_t *rgb, *ink;
      cairo_t *cr;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || page == NULL)
        {
          if (page == NULL && error && !*error)
            g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Page %d of the PDF is damaged"),
                         i + 1);
          g_clear_object (&page);
          ok = FALSE;
          break;
        }

      poppler_page_get_size (page, &w_pt, &h_pt);
      if (w_pt <= 0 || h_pt <= 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Page %d of the PDF has no size"), i + 1);
          g_object_unref (page);
          ok = FALSE;
          break;
        }

      rgb = white_page ((int) ceil (w_pt * scale), (int) ceil (h_pt * scale));
      cr = cairo_create (rgb);
      cairo_scale (cr, scale, scale);
      poppler_page_render_for_printing (page, cr);

      /* Character boxes are in the order of poppler_page_get_text(), which the transcript
       * holds as this page's turn. */
      page_text = poppler_page_get_text (page);
      poppler_page_get_text_layout (page, &rects, &n_rects);
      cairo_set_source_rgb (cr, 0, 0, 0);

      for (guint s = 0; s < spans->len; s++)
        {
          const Span *r = &g_array_index (spans, Span, s);
          gsize from = MAX (r->start, turn->body), to = MIN (r->end, turn->end);
          glong first, last;

          if (from >= to || page_text == NULL)
            continue;

          first = g_utf8_pointer_to_offset (text + turn->body, text + from);
          last = g_utf8_pointer_to_offset (text + turn->body, text + to);

          for (glong c = first; c < last && c < (glong) n_rects; c++)
            {
              PopplerRectangle *box = &rects[c];

              if (box->x2 <= box->x1 || box->y2 <= box->y1)
                continue;
              cairo_rectangle (cr, box->x1 - BOX_PADDING_PT, box->y1 - BOX_PADDING_PT,
                               box->x2 - box->x1 + 2 * BOX_PADDING_PT,
                               box->y2 - box->y1 + 2 * BOX_PADDING_PT);
            }
          cairo_fill (cr);
        }

      g_free (rects);
      cairo_destroy (cr);

      ink = ink_from_rgb (rgb);
      emit_page (pdf, pdf_surface, ink, w_pt, h_pt, dpi);
      cairo_surface_destroy (ink);
      cairo_surface_destroy (rgb);
      g_object_unref (page);
    }

  g_object_unref (document);
  return ok;
}

/* Any other source: the redacted text (never the original) laid out on A4 pages. */
static gboolean
write_pages_from_text (const char       *redacted,
                       double            dpi,
                       cairo_t          *pdf,
                       cairo_surface_t  *pdf_surface,
                       GCancellable     *cancellable,
                       GError          **error)
{
  double scale = dpi / 72.0;
  int width = (int) ceil (PAGE_WIDTH_PT * scale), height = (int) ceil (PAGE_HEIGHT_PT * scale);
  cairo_surface_t *measure = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *mcr = cairo_create (measure);
  PangoLayout *layout = pango_cairo_create_layout (mcr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  PangoLayoutIter *iter;
  cairo_surface_t *ink = NULL;
  cairo_t *cr = NULL;
  double page_top = 0;    /* layout y (pt) at the top of the current page */
  int page = 0;
  gboolean ok = TRUE, more = TRUE;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH_PT - 2 * MARGIN_PT) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, redacted, -1);

  iter = pango_layout_get_iter (layout);
  while (more)
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double top, bottom;
      int baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;

      if (cr == NULL || bottom - page_top > PAGE_HEIGHT_PT - 2 * MARGIN_PT)
        {
          if (cr != NULL)
            {
              cairo_destroy (cr);
              emit_page (pdf, pdf_surface, ink, PAGE_WIDTH_PT, PAGE_HEIGHT_PT, dpi);
              cairo_surface_destroy (ink);
            }
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              cr = NULL;
              ink = NULL;
              break;
            }
          ink = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
          cr = cairo_create (ink);
          cairo_scale (cr, scale, scale);
          cairo_set_source_rgba (cr, 0, 0, 0, 1);
          page_top = top;
          page++;

          {
            g_autofree char *footer = g_strdup_printf (_("Redacted copy — page %d"), page);
            PangoLayout *foot = pango_cairo_create_layout (cr);

            pango_layout_set_font_description (foot, font);
            pango_layout_set_text (foot, footer, -1);
            cairo_move_to (cr, MARGIN_PT, PAGE_HEIGHT_PT - MARGIN_PT / 2 - 10);
            pango_cairo_show_layout (cr, foot);
            g_object_unref (foot);
          }
        }

      cairo_move_to (cr, MARGIN_PT + (double) logical.x / PANGO_SCALE,
                     MARGIN_PT + (double) baseline / PANGO_SCALE - page_top);
      pango_cairo_show_layout_line (cr, line);

      more = pango_layout_iter_next_line (iter);
    }

  if (ok && cr != NULL)
    {
      cairo_destroy (cr);
      emit_page (pdf, pdf_surface, ink, PAGE_WIDTH_PT, PAGE_HEIGHT_PT, dpi);
      cairo_surface_destroy (ink);
    }

  pango_layout_iter_free (iter);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (mcr);
  cairo_surface_destroy (measure);
  return ok;
}

gboolean
rd_redaction_write_pdf (RdTranscript      *transcript,
                        GBytes            *source,
                        GPtrArray         *redactions,
                        RdRedactionStyle   style,
                        double             dpi,
                        const char        *path,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GArray) spans = NULL;
  cairo_surface_t *pdf_surface;
  cairo_t *pdf;
  gsize length;
  const char *text;
  gboolean ok;

  g_return_val_if_fail (RD_IS_TRANSCRIPT (transcript), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dpi >= 50 && dpi <= 600, FALSE);

  text = rd_transcript_get_text (transcript, &length);
  spans = accepted_spans (redactions, length);

  pdf_surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, PAGE_WIDTH_PT,
                                                     PAGE_HEIGHT_PT);
  /* Nothing of the source's metadata travels; the title says what this is. */
  cairo_pdf_surface_set_metadata (pdf_surface, CAIRO_PDF_METADATA_TITLE, _("Redacted copy"));
  cairo_pdf_surface_set_metadata (pdf_surface, CAIRO_PDF_METADATA_CREATOR, "Rights Desk");
  pdf = cairo_create (pdf_surface);

  if (rd_transcript_get_format (transcript) == RD_TRANSCRIPT_PDF && source != NULL)
    ok = write_pages_from_pdf (transcript, source, spans, dpi, pdf, pdf_surface, cancellable,
                               error);
  else
    {
      g_autofree char *redacted = apply_spans (text, length, spans, style);
      ok = write_pages_from_text (redacted, dpi, pdf, pdf_surface, cancellable, error);
    }

  cairo_destroy (pdf);
  cairo_surface_finish (pdf_surface);
  if (ok && cairo_surface_status (pdf_surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO, _("Could not draw the PDF: %s"),
                   cairo_status_to_string (cairo_surface_status (pdf_surface)));
      ok = FALSE;
    }
  cairo_surface_destroy (pdf_surface);

  if (!ok)
    return FALSE;

  return rd_file_write_atomically (path, (const char *) bytes->data, bytes->len, error);
}
