/* rd-pdf-layout.c: a flowing document drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-pdf-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rd-error.h"
#include "rd-pdf-layout.h"

#define FONT_FAMILY "Liberation Sans, DejaVu Sans, Sans"
#define MARGIN_X 54.0
#define MARGIN_TOP 62.0
#define MARGIN_BOTTOM 62.0

/* A quiet palette: dark slate text, one blue accent, light greys for structure. */
#define C_TEXT 0.13, 0.16, 0.20
#define C_MUTED 0.40, 0.44, 0.50
#define C_ACCENT 0.11, 0.33, 0.55
#define C_ACCENT_2 0.16, 0.55, 0.47
#define C_RULE 0.80, 0.83, 0.87
#define C_ZEBRA 0.955, 0.965, 0.975
#define C_TILE 0.94, 0.955, 0.97

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_SMALL,
  BLOCK_SPACER,
  BLOCK_FIGURES,
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_NOTES,
  BLOCK_BREAK,
} BlockKind;

typedef struct
{
  BlockKind       kind;
  char           *text;
  char           *kicker;
  GStrv           strings;     /* facts, figure values, table headers, labels, notes */
  GStrv           captions;
  double          points;
  guint           n;
  double         *numbers;     /* column widths or chart values */
  RdPdfAlign     *aligns;
  GPtrArray      *rows;        /* GStrv */
  RdPdfChartKind  chart_kind;
} Block;

typedef struct
{
  guint   page;
  Block  *block;
  double  y;
  guint   row_from;
  guint   row_to;
} Placement;

struct _RdPdfLayout
{
  char    *running_title;
  char    *footer_left;
  GPtrArray *blocks;
  GArray  *placements;
  guint    n_pages;
  double   width;
  double   height;
};

static void
block_free (Block *b)
{
  g_free (b->text);
  g_free (b->kicker);
  g_strfreev (b->strings);
  g_strfreev (b->captions);
  g_free (b->numbers);
  g_free (b->aligns);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_free (b);
}

RdPdfLayout *
rd_pdf_layout_new (const char *running_title,
                   const char *footer_left)
{
  RdPdfLayout *self = g_new0 (RdPdfLayout, 1);

  self->running_title = g_strdup (running_title);
  self->footer_left = g_strdup (footer_left);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  return self;
}

void
rd_pdf_layout_free (RdPdfLayout *self)
{
  if (self == NULL)
    return;
  g_free (self->running_title);
  g_free (self->footer_left);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->placements);
  g_free (self);
}

static Block *
add_block (RdPdfLayout *self,
           BlockKind    kind)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  g_ptr_array_add (self->blocks, b);
  return b;
}

void
rd_pdf_layout_add_title (RdPdfLayout        *self,
                         const char         *kicker,
                         const char         *title,
                         const char * const *facts)
{
  Block *b;

  g_return_if_fail (self != NULL && title != NULL);
  b = add_block (self, BLOCK_TITLE);
  b->kicker = g_strdup (kicker);
  b->text = g_strdup (title);
  b->strings = g_strdupv ((char **) facts);
}

void
rd_pdf_layout_add_heading (RdPdfLayout *self,
                           const char  *text)
{
  g_return_if_fail (self != NULL && text != NULL);
  add_block (self, BLOCK_HEADING)->text = g_strdup (text);
}

void
rd_pdf_layout_add_paragraph (RdPdfLayout *self,
                             const char  *markup)
{
  g_return_if_fail (self != NULL && markup != NULL);
  add_block (self, BLOCK_PARAGRAPH)->text = g_strdup (markup);
}

void
rd_pdf_layout_add_small (RdPdfLayout *self,
                         const char  *markup)
{
  g_return_if_fail (self != NULL && markup != NULL);
  add_block (self, BLOCK_SMALL)->text = g_strdup (markup);
}

void
rd_pdf_layout_add_spacer (RdPdfLayout *self,
                          double       points)
{
  g_return_if_fail (self != NULL);
  add_block (self, BLOCK_SPACER)->points = points;
}

void
rd_pdf_layout_add_page_break (RdPdfLayout *self)
{
  g_return_if_fail (self != NULL);
  add_block (self, BLOCK_BREAK);
}

void
rd_pdf_layout_add_figures (RdPdfLayout        *self,
                           guint               n,
                           const char * const *values,
                           const char * const *captions)
{
  Block *b;

  g_return_if_fail (self != NULL && n > 0 && n <= 6);
  b = add_block (self, BLOCK_FIGURES);
  b->n = n;
  b->strings = g_new0 (char *, n + 1);
  b->captions = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      b->strings[i] = g_strdup (values[i]);
      b->captions[i] = g_strdup (captions[i]);
    }
}

void
rd_pdf_layout_add_table (RdPdfLayout        *self,
                         guint               n_columns,
                         const char * const *headers,
                         const double       *widths,
                         const RdPdfAlign   *aligns,
                         GPtrArray          *rows)
{
  Block *b;
  double total = 0;

  g_return_if_fail (self != NULL && n_columns > 0 && rows != NULL);
  b = add_block (self, BLOCK_TABLE);
  b->n = n_columns;
  b->strings = g_new0 (char *, n_columns + 1);
  b->numbers = g_new0 (double, n_columns);
  b->aligns = g_new0 (RdPdfAlign, n_columns);
  for (guint i = 0; i < n_columns; i++)
    total += widths[i];
  for (guint i = 0; i < n_columns; i++)
    {
      b->strings[i] = g_strdup (headers[i]);
      b->numbers[i] = widths[i] / total;
      b->aligns[i] = aligns ? aligns[i] : RD_PDF_ALIGN_LEFT;
    }
  b->rows = g_ptr_array_ref (rows);
}

void
rd_pdf_layout_add_bar_chart (RdPdfLayout        *self,
                             const char         *title,
                             RdPdfChartKind      kind,
                             guint               n,
                             const char * const *labels,
                             const double       *values)
{
  Block *b;

  g_return_if_fail (self != NULL);
  b = add_block (self, BLOCK_CHART);
  b->text = g_strdup (title);
  b->chart_kind = kind;
  b->n = n;
  b->strings = g_new0 (char *, n + 1);
  b->numbers = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      b->strings[i] = g_strdup (labels[i]);
      b->numbers[i] = values[i];
    }
}

void
rd_pdf_layout_add_notes (RdPdfLayout        *self,
                         const char         *heading,
                         const char * const *notes)
{
  Block *b;

  g_return_if_fail (self != NULL && notes != NULL);
  b = add_block (self, BLOCK_NOTES);
  b->text = g_strdup (heading);
  b->strings = g_strdupv ((char **) notes);
}

/* ------------------------------------------------------------------------------------------ */
/* Text */

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             gboolean    markup,
             double      size,
             gboolean    bold,
             double      width,
             RdPdfAlign  align)
{
  PangoContext *context = pango_cairo_create_context (cr);
  PangoLayout *layout;
  PangoFontDescription *font;
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points are points, on screen and on paper, and metrics are not hinted, so that the
   * pagination measured once holds for every surface drawn on. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  layout = pango_layout_new (context);
  g_object_unref (context);

  font = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align == RD_PDF_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
                                      align == RD_PDF_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
                                      PANGO_ALIGN_LEFT);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
text_height (cairo_t    *cr,
             const char *text,
             gboolean    markup,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = text_layout (cr, text, markup, size, bold, width, RD_PDF_ALIGN_LEFT);
  double h = layout_height (layout);

  g_object_unref (layout);
  return h;
}

/* Draws text with its top left corner at (@x, @y); returns its height. */
static double
draw_text (cairo_t    *cr,
           double      x,
           double      y,
           const char *text,
           gboolean    markup,
           double      size,
           gboolean    bold,
           double      width,
           RdPdfAlign  align)
{
  PangoLayout *layout = text_layout (cr, text, markup, size, bold, width, align);
  double h = layout_height (layout);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return h;
}

/* ------------------------------------------------------------------------------------------ */
/* Measuring */

#define TABLE_HEADER_HEIGHT 20.0
#define TABLE_PAD 4.0
#define TABLE_FONT 8.5
#define CHART_HEIGHT 200.0

static double
content_width (RdPdfLayout *self)
{
  return self->width - 2 * MARGIN_X;
}

static double
row_height (RdPdfLayout *self,
            cairo_t     *cr,
            Block       *b,
            GStrv        row)
{
  double w = content_width (self);
  double h = 0;

  for (guint c = 0; c < b->n && row[c] != NULL; c++)
    {
      const char *cell = row[c][0] == '\t' ? row[c] + 1 : row[c];
      double cell_w = b->numbers[c] * w - 2 * TABLE_PAD;

      h = MAX (h, text_height (cr, cell, FALSE, TABLE_FONT, c == 0 && row[c][0] == '\t',
                               cell_w));
    }
  return MAX (h, 10.0) + 2 * TABLE_PAD + 1;
}

static double
block_height (RdPdfLayout *self,
              cairo_t     *cr,
              Block       *b)
{
  double w = content_width (self);
  double h = 0;

  switch (b->kind)
    {
    case BLOCK_TITLE:
      {
        guint n_facts = b->strings ? g_strv_length (b->strings) / 2 : 0;

        h = 14 + (b->kicker ? text_height (cr, b->kicker, FALSE, 8.5, TRUE, w) + 4 : 0);
        h += text_height (cr, b->text, FALSE, 21, TRUE, w - 16) + 12;
        h += ((n_facts + 1) / 2) * 15.0 + 16;
        return h;
      }
    case BLOCK_HEADING:
      return 18 + text_height (cr, b->text, FALSE, 12.5, TRUE, w) + 8;
    case BLOCK_PARAGRAPH:
      return text_height (cr, b->text, TRUE, 10, FALSE, w) + 7;
    case BLOCK_SMALL:
      return text_height (cr, b->text, TRUE, 8, FALSE, w) + 5;
    case BLOCK_SPACER:
      return b->points;
    case BLOCK_FIGURES:
      return 62 + 10;
    case BLOCK_CHART:
      return CHART_HEIGHT;
    case BLOCK_NOTES:
      h = 10 + (b->text ? text_height (cr, b->text, FALSE, 9, TRUE, w) + 6 : 0);
      for (guint i = 0; b->strings[i] != NULL; i++)
        h += text_height (cr, b->strings[i], TRUE, 7.5, FALSE, w - 16) + 3;
      return h;
    case BLOCK_TABLE:
    case BLOCK_BREAK:
    default:
      return 0;
    }
}

guint
rd_pdf_layout_paginate (RdPdfLayout *self,
                        double       width,
                        double       height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double y, bottom;
  guint page = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (width > 2 * MARGIN_X && height > MARGIN_TOP + MARGIN_BOTTOM + 100, 0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);

  self->width = width;
  self->height = height;
  g_array_set_size (self->placements, 0);
  bottom = height - MARGIN_BOTTOM;
  y = MARGIN_TOP;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      Placement p = { 0 };

      if (b->kind == BLOCK_BREAK)
        {
          if (y > MARGIN_TOP)
            {
              page++;
              y = MARGIN_TOP;
            }
          continue;
        }

      if (b->kind == BLOCK_TABLE)
        {
          guint r = 0;

          /* Headers may wrap to two lines; every part of the table repeats them. */
          b->points = TABLE_HEADER_HEIGHT;
          for (guint c = 0; c < b->n; c++)
            b->points = MAX (b->points, text_height (cr, b->strings[c], FALSE, 7.5, TRUE,
                                                     b->numbers[c] * content_width (self)
                                                     - 2 * TABLE_PAD) + 11);

          /* Rows flow over pages, each part under its own header. */
          do
            {
              double ty = y + b->points;
              guint first = r;

              while (r < b->rows->len)
                {
                  double rh = row_height (self, cr, b, g_ptr_array_index (b->rows, r));

                  if (ty + rh > bottom && (r > first || y > MARGIN_TOP))
                    break;
                  ty += rh;
                  r++;
                }
              if (r == first && r < b->rows->len)
                {
                  page++;
                  y = MARGIN_TOP;
                  continue;
                }
              p.page = page;
              p.block = b;
              p.y = y;
              p.row_from = first;
              p.row_to = r;
              g_array_append_val (self->placements, p);
              y = ty + 12;
              if (r < b->rows->len)
                {
                  page++;
                  y = MARGIN_TOP;
                }
            }
          while (r < b->rows->len);
          continue;
        }

      {
        double h = block_height (self, cr, b);
        double need = h;

        /* A heading stays with what follows it. */
        if (b->kind == BLOCK_HEADING && i + 1 < self->blocks->len)
          {
            Block *next = g_ptr_array_index (self->blocks, i + 1);

            need += next->kind == BLOCK_TABLE ? TABLE_HEADER_HEIGHT + 40
                    : MIN (block_height (self, cr, next), 120);
          }
        if (y + need > bottom && y > MARGIN_TOP)
          {
            page++;
            y = MARGIN_TOP;
          }
        if (b->kind == BLOCK_SPACER && y == MARGIN_TOP)
          continue;
        p.page = page;
        p.block = b;
        p.y = y;
        g_array_append_val (self->placements, p);
        y += h;
      }
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  self->n_pages = page + 1;
  return self->n_pages;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing */

static void
draw_title (RdPdfLayout *self,
            cairo_t     *cr,
            Block       *b,
            double       y)
{
  double x = MARGIN_X;
  double w = content_width (self);
  double h = block_height (self, cr, b);
  double ty = y + 10;
  guint n_facts = b->strings ? g_strv_length (b->strings) / 2 : 0;

  cairo_set_source_rgb (cr, C_ACCENT);
  cairo_rectangle (cr, x, y, 4, h - 16);
  cairo_fill (cr);

  if (b->kicker)
    {
      cairo_set_source_rgb (cr, C_ACCENT);
      ty += draw_text (cr, x + 14, ty, b->kicker, FALSE, 8.5, TRUE, w - 16, RD_PDF_ALIGN_LEFT) + 4;
    }
  cairo_set_source_rgb (cr, C_TEXT);
  ty += draw_text (cr, x + 14, ty, b->text, FALSE, 21, TRUE, w - 16, RD_PDF_ALIGN_LEFT) + 12;

  for (guint i = 0; i < n_facts; i++)
    {
      double fx = x + 14 + (i % 2) * (w - 14) / 2;
      double fy = ty + (i / 2) * 15.0;

      cairo_set_source_rgb (cr, C_MUTED);
      draw_text (cr, fx, fy, b->strings[2 * i], FALSE, 8.5, FALSE, 80, RD_PDF_ALIGN_LEFT);
      cairo_set_source_rgb (cr, C_TEXT);
      draw_text (cr, fx + 82, fy, b->strings[2 * i + 1], FALSE, 9.5, TRUE, (w - 14) / 2 - 86,
                 RD_PDF_ALIGN_LEFT);
    }

  cairo_set_source_rgb (cr, C_RULE);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, x, y + h - 6);
  cairo_line_to (cr, x + w, y + h - 6);
  cairo_stroke (cr);
}

static void
draw_figures (RdPdfLayout *self,
              cairo_t     *cr,
              Block       *b,
              double       y)
{
  double gap = 8;
  double tile_w = (content_width (self) - gap * (b->n - 1)) / b->n;

  for (guint i = 0; i < b->n; i++)
    {
      double x = MARGIN_X + i * (tile_w + gap);
      double r = 4;

      cairo_new_sub_path (cr);
      cairo_arc (cr, x + tile_w - r, y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + tile_w - r, y + 62 - r, r, 0, G_PI / 2);
      cairo_arc (cr, x + r, y + 62 - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, C_TILE);
      cairo_fill (cr);

      cairo_set_source_rgb (cr, C_ACCENT);
      draw_text (cr, x + 10, y + 9, b->strings[i], FALSE, 19, TRUE, tile_w - 20,
                 RD_PDF_ALIGN_LEFT);
      cairo_set_source_rgb (cr, C_MUTED);
      draw_text (cr, x + 10, y + 37, b->captions[i], FALSE, 7.5, FALSE, tile_w - 20,
                 RD_PDF_ALIGN_LEFT);
    }
}

static void
draw_table (RdPdfLayout     *self,
            cairo_t         *cr,
            const Placement *p)
{
  Block *b = p->block;
  double w = content_width (self);
  double y = p->y;
  double x;

  cairo_set_source_rgb (cr, C_ACCENT);
  cairo_rectangle (cr, MARGIN_X, y, w, b->points);
  cairo_fill (cr);
  x = MARGIN_X;
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (guint c = 0; c < b->n; c++)
    {
      double cw = b->numbers[c] * w;

      draw_text (cr, x + TABLE_PAD, y + 5, b->strings[c], FALSE, 7.5, TRUE, cw - 2 * TABLE_PAD,
                 b->aligns[c]);
      x += cw;
    }
  y += b->points;

  for (guint r = p->row_from; r < p->row_to; r++)
    {
      GStrv row = g_ptr_array_index (b->rows, r);
      gboolean bold = row[0] != NULL && row[0][0] == '\t';
      double rh = row_height (self, cr, b, row);

      if ((r - p->row_from) % 2 == 1 || bold)
        {
          cairo_set_source_rgb (cr, C_ZEBRA);
          cairo_rectangle (cr, MARGIN_X, y, w, rh);
          cairo_fill (cr);
        }
      x = MARGIN_X;
      cairo_set_source_rgb (cr, C_TEXT);
      for (guint c = 0; c < b->n && row[c] != NULL; c++)
        {
          double cw = b->numbers[c] * w;
          const char *cell = row[c][0] == '\t' ? row[c] + 1 : row[c];

          draw_text (cr, x + TABLE_PAD, y + TABLE_PAD, cell, FALSE, TABLE_FONT, bold,
                     cw - 2 * TABLE_PAD, b->aligns[c]);
          x += cw;
        }
      y += rh;
      cairo_set_source_rgb (cr, C_RULE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_X, y - 0.25);
      cairo_line_to (cr, MARGIN_X + w, y - 0.25);
      cairo_stroke (cr);
    }
}

static double
nice_step (double max)
{
  double raw = MAX (max, 1) / 4.0;
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  if (f <= 1)
    f = 1;
  else if (f <= 2)
    f = 2;
  else if (f <= 5)
    f = 5;
  else
    f = 10;
  return MAX (1, f * mag);
}

static void
draw_chart (RdPdfLayout *self,
            cairo_t     *cr,
            Block       *b,
            double       y)
{
  double w = content_width (self);
  double axis_w = 34;
  double px = MARGIN_X + axis_w;
  double pw = w - axis_w;
  double py, ph = 120;
  double max = 0, step, top;
  gboolean percent = b->chart_kind == RD_PDF_CHART_PERCENT;
  guint label_every;

  cairo_set_source_rgb (cr, C_TEXT);
  py = y + 4 + draw_text (cr, MARGIN_X, y + 4, b->text, FALSE, 9.5, TRUE, w,
                          RD_PDF_ALIGN_LEFT) + 22;

  for (guint i = 0; i < b->n; i++)
    if (isfinite (b->numbers[i]))
      max = MAX (max, b->numbers[i]);
  step = percent ? 25 : nice_step (max);
  top = percent ? 100 : step * ceil (MAX (max, 1) / step);

  /* Grid lines and their values. */
  cairo_set_line_width (cr, 0.5);
  for (double v = 0; v <= top + 1e-9; v += step)
    {
      double gy = py + ph - v / top * ph;
      g_autofree char *label = percent ? g_strdup_printf ("%.0f%%", v)
                                       : g_strdup_printf ("%.0f", v);

      cairo_set_source_rgb (cr, C_RULE);
      cairo_move_to (cr, px, gy);
      cairo_line_to (cr, px + pw, gy);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, C_MUTED);
      draw_text (cr, MARGIN_X, gy - 5, label, FALSE, 6.5, FALSE, axis_w - 6,
                 RD_PDF_ALIGN_RIGHT);
    }

  if (b->n == 0)
    return;

  label_every = b->n <= 18 ? 1 : (b->n + 17) / 18;
  for (guint i = 0; i < b->n; i++)
    {
      double slot = pw / b->n;
      double bw = MIN (slot * 0.62, 36);
      double bx = px + i * slot + (slot - bw) / 2;
      double v = b->numbers[i];

      if (isfinite (v) && v > 0)
        {
          double bh = v / top * ph;

          if (percent)
            cairo_set_source_rgb (cr, C_ACCENT_2);
          else
            cairo_set_source_rgb (cr, C_ACCENT);
          cairo_rectangle (cr, bx, py + ph - bh, bw, bh);
          cairo_fill (cr);
        }
      if (b->n <= 24)
        {
          g_autofree char *value = !isfinite (v) ? g_strdup ("–")
                                   : percent ? g_strdup_printf ("%.0f%%", v)
                                   : g_strdup_printf ("%.0f", v);
          double vy = py + ph - (isfinite (v) ? v / top * ph : 0) - 10;

          cairo_set_source_rgb (cr, C_TEXT);
          draw_text (cr, px + i * slot, vy, value, FALSE, 6.2, FALSE, slot, RD_PDF_ALIGN_CENTER);
        }
      if (i % label_every == 0)
        {
          cairo_set_source_rgb (cr, C_MUTED);
          draw_text (cr, px + i * slot - slot, py + ph + 4, b->strings[i], FALSE, 6.5, FALSE,
                     3 * slot, RD_PDF_ALIGN_CENTER);
        }
    }

  cairo_set_source_rgb (cr, C_MUTED);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, px, py + ph);
  cairo_line_to (cr, px + pw, py + ph);
  cairo_stroke (cr);
}

static void
draw_notes (RdPdfLayout *self,
            cairo_t     *cr,
            Block       *b,
            double       y)
{
  double w = content_width (self);

  y += 4;
  cairo_set_source_rgb (cr, C_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, y);
  cairo_line_to (cr, MARGIN_X + 120, y);
  cairo_stroke (cr);
  y += 6;
  if (b->text)
    {
      cairo_set_source_rgb (cr, C_TEXT);
      y += draw_text (cr, MARGIN_X, y, b->text, FALSE, 9, TRUE, w, RD_PDF_ALIGN_LEFT) + 6;
    }
  for (guint i = 0; b->strings[i] != NULL; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      cairo_set_source_rgb (cr, C_ACCENT);
      draw_text (cr, MARGIN_X, y, number, FALSE, 7.5, TRUE, 14, RD_PDF_ALIGN_LEFT);
      cairo_set_source_rgb (cr, C_MUTED);
      y += draw_text (cr, MARGIN_X + 16, y, b->strings[i], TRUE, 7.5, FALSE, w - 16,
                      RD_PDF_ALIGN_LEFT) + 3;
    }
}

static void
draw_frame (RdPdfLayout *self,
            cairo_t     *cr,
            guint        page)
{
  double w = content_width (self);
  g_autofree char *page_text = NULL;

  if (page > 0 && self->running_title)
    {
      cairo_set_source_rgb (cr, C_MUTED);
      draw_text (cr, MARGIN_X, 30, self->running_title, FALSE, 7.5, FALSE, w,
                 RD_PDF_ALIGN_LEFT);
      cairo_set_source_rgb (cr, C_RULE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_X, 44);
      cairo_line_to (cr, MARGIN_X + w, 44);
      cairo_stroke (cr);
    }

  cairo_set_source_rgb (cr, C_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, self->height - 44);
  cairo_line_to (cr, MARGIN_X + w, self->height - 44);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, C_MUTED);
  if (self->footer_left)
    draw_text (cr, MARGIN_X, self->height - 38, self->footer_left, FALSE, 7, FALSE, w * 0.75,
               RD_PDF_ALIGN_LEFT);
  /* Translators: page numbers in a printed report */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  draw_text (cr, MARGIN_X, self->height - 38, page_text, FALSE, 7, FALSE, w,
             RD_PDF_ALIGN_RIGHT);
}

void
rd_pdf_layout_draw_page (RdPdfLayout *self,
                         cairo_t     *cr,
                         guint        page)
{
  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);

  draw_frame (self, cr, page);

  for (guint i = 0; i < self->placements->len; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);
      Block *b = p->block;
      double w = content_width (self);

      if (p->page != page)
        continue;

      switch (b->kind)
        {
        case BLOCK_TITLE:
          draw_title (self, cr, b, p->y);
          break;
        case BLOCK_HEADING:
          cairo_set_source_rgb (cr, C_ACCENT);
          draw_text (cr, MARGIN_X, p->y + 14, b->text, FALSE, 12.5, TRUE, w, RD_PDF_ALIGN_LEFT);
          break;
        case BLOCK_PARAGRAPH:
          cairo_set_source_rgb (cr, C_TEXT);
          draw_text (cr, MARGIN_X, p->y, b->text, TRUE, 10, FALSE, w, RD_PDF_ALIGN_LEFT);
          break;
        case BLOCK_SMALL:
          cairo_set_source_rgb (cr, C_MUTED);
          draw_text (cr, MARGIN_X, p->y, b->text, TRUE, 8, FALSE, w, RD_PDF_ALIGN_LEFT);
          break;
        case BLOCK_FIGURES:
          draw_figures (self, cr, b, p->y);
          break;
        case BLOCK_TABLE:
          draw_table (self, cr, p);
          break;
        case BLOCK_CHART:
          draw_chart (self, cr, b, p->y);
          break;
        case BLOCK_NOTES:
          draw_notes (self, cr, b, p->y);
          break;
        case BLOCK_SPACER:
        case BLOCK_BREAK:
        default:
          break;
        }
    }
  cairo_restore (cr);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
rd_pdf_layout_render_pdf (RdPdfLayout  *self,
                          double        width,
                          double        height,
                          const char   *title,
                          GError      **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  n = rd_pdf_layout_paginate (self, width, height);
  surface = cairo_pdf_surface_create_for_stream (append_cb, out, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rights Desk");
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cr = cairo_create (surface);
  for (guint page = 0; page < n; page++)
    {
      rd_pdf_layout_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   /* Translators: %s is cairo's description of the failure */
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
