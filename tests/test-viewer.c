/* test-viewer.c: the document viewer, for PDFs and images (run under Xvfb)
 *
 * Every fixture is generated here: PDFs with cairo, by hand (a /Rotate page, zero
 * pages, a page without a size) or with qpdf (encryption); JPEGs with gdk-pixbuf and
 * an EXIF segment written byte by byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <poppler.h>

#include "rd-document-view.h"
#include "rd-error.h"
#include "rd-image-document.h"
#include "rd-page-cache.h"
#include "rd-render-job.h"
#include "viewer-fixtures.h"

static char *tmp_dir;

/* ---- helpers ---- */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

typedef struct
{
  guint8 r, g, b;
} Rgb;

/* The colour of one pixel, un-premultiplied. */
static Rgb
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  const guint8 *p;
  Rgb rgb;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, height);

  /* GdkTexture downloads as cairo ARGB32: B, G, R, A in memory on little endian */
  gdk_texture_download (texture, data, (gsize) width * 4);
  p = data + ((gsize) y * width + x) * 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  rgb.r = p[2]; rgb.g = p[1]; rgb.b = p[0];
#else
  rgb.r = p[1]; rgb.g = p[2]; rgb.b = p[3];
#endif
  return rgb;
}

static void
assert_red (Rgb c)
{
  g_assert_cmpint (c.r, >, 200);
  g_assert_cmpint (c.g, <, 60);
  g_assert_cmpint (c.b, <, 60);
}

static void
assert_blue (Rgb c)
{
  g_assert_cmpint (c.r, <, 60);
  g_assert_cmpint (c.g, <, 60);
  g_assert_cmpint (c.b, >, 200);
}

static void
assert_white (Rgb c)
{
  g_assert_cmpint (c.r, >, 220);
  g_assert_cmpint (c.g, >, 220);
  g_assert_cmpint (c.b, >, 220);
}

static RdViewerDocument *
load_bytes (GBytes      *bytes,
            const char  *password,
            GError     **error)
{
  return rd_viewer_document_new_from_bytes (bytes, password, error);
}

static GBytes *
multi_page_pdf (guint n_pages)
{
  static const char * const words[] = { "Passport ERIKSSON", NULL, "passport and PASSPORT", NULL, NULL };
  g_autofree char *path = tmp_path ("multi.pdf");
  g_autoptr (GError) error = NULL;
  GBytes *bytes;
  char *data;
  gsize len;

  fixture_write_pdf (path, n_pages, n_pages == 5 ? words : NULL);
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (data, len);
  return bytes;
}

static gboolean
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* ---- documents (no widget) ---- */

typedef struct
{
  RdRenderJob *job;
  GMutex       lock;
  GCond        cond;
  gboolean     dropped;     /* the main thread let go of the job */
  gboolean     finished;
  GThread     *finished_in;
  GThread     *finalized_in;
} ReleaseData;

static gpointer
render_then_release (gpointer data)
{
  ReleaseData *d = data;

  rd_render_job_run (d->job);
  g_mutex_lock (&d->lock);
  while (!d->dropped)
    g_cond_wait (&d->cond, &d->lock);
  g_mutex_unlock (&d->lock);
  /* A worker's reference, the last one now. */
  rd_render_job_release (d->job);
  return NULL;
}

static void
job_finalized_cb (gpointer  data,
                  GObject  *where)
{
  ((ReleaseData *) data)->finalized_in = g_thread_self ();
}

static void
job_done_cb (RdRenderJob *job,
             ReleaseData *d)
{
  d->finished = TRUE;
  d->finished_in = g_thread_self ();
}

static gboolean
finished (gpointer data)
{
  return ((ReleaseData *) data)->finished;
}

static gboolean
finalized (gpointer data)
{
  return ((ReleaseData *) data)->finalized_in != NULL;
}

/* A texture GTK has drawn may only be freed on the main thread: a job released by its worker
 * after the view let go must be finalized there, not in the worker. (A worker that finalized
 * one while the main thread went over its hash tables tripped a GLib critical in CI.) */
static void
test_render_job_released_on_main (void)
{
  g_autoptr (GBytes) bytes = multi_page_pdf (1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = load_bytes (bytes, NULL, &error);
  ReleaseData d = { NULL };
  GThread *worker;

  g_assert_no_error (error);
  g_mutex_init (&d.lock);
  g_cond_init (&d.cond);
  d.job = rd_render_job_new (document, 0, 0.5, 0, RD_RENDER_PRIORITY_VISIBLE);
  g_object_weak_ref (G_OBJECT (d.job), job_finalized_cb, &d);
  g_signal_connect (d.job, "finished", G_CALLBACK (job_done_cb), &d);
  g_object_ref (d.job);  /* the worker's */
  worker = g_thread_new ("render", render_then_release, &d);

  /* ::finished too comes on the main thread, even while it sleeps between iterations. */
  g_assert_true (wait_for (finished, &d));
  g_assert_true (d.finished_in == g_thread_self ());
  g_assert_nonnull (rd_render_job_get_texture (d.job));
  g_object_unref (d.job);
  g_mutex_lock (&d.lock);
  d.dropped = TRUE;
  g_cond_signal (&d.cond);
  g_mutex_unlock (&d.lock);
  g_thread_join (worker);

  g_assert_true (wait_for (finalized, &d));
  g_assert_true (d.finalized_in == g_thread_self ());
  g_mutex_clear (&d.lock);
  g_cond_clear (&d.cond);
}

static void
test_pdf_pages_and_render (void)
{
  g_autoptr (GBytes) bytes = multi_page_pdf (5);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = load_bytes (bytes, NULL, &error);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GdkTexture) turned = NULL;
  g_autoptr (GdkTexture) half = NULL;
  double w, h;

  g_assert_no_error (error);
  g_assert_cmpuint (rd_viewer_document_get_n_pages (document), ==, 5);

  rd_viewer_document_get_page_size (document, 4, 0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 792, 0.01);
  rd_viewer_document_get_page_size (document, 4, 90, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 792, 0.01);

  /* 100 %: one pixel per point, the red square in the top-left corner */
  texture = rd_viewer_document_render_page (document, 0, 1.0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 612);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 792);
  assert_red (texture_pixel (texture, 10, 10));
  assert_white (texture_pixel (texture, 600, 10));
  assert_white (texture_pixel (texture, 10, 780));

  /* turned a quarter clockwise: landscape, the top-left corner now top-right */
  turned = rd_viewer_document_render_page (document, 0, 1.0, 90, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (turned), ==, 792);
  g_assert_cmpint (gdk_texture_get_height (turned), ==, 612);
  assert_red (texture_pixel (turned, 780, 10));
  assert_white (texture_pixel (turned, 10, 10));

  /* 50 % halves both sides; the square is then 30 px */
  half = rd_viewer_document_render_page (document, 1, 0.5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (half), ==, 306);
  g_assert_cmpint (gdk_texture_get_height (half), ==, 396);
  assert_red (texture_pixel (half, 25, 25));
  assert_white (texture_pixel (half, 35, 35));

  /* no page 6 */
  g_assert_null (rd_viewer_document_render_page (document, 5, 1.0, 0, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
}

static void
test_pdf_page_rotate_entry (void)
{
  /* a 200 × 100 pt page with /Rotate 90 and a red 20 pt square in its top-left corner */
  g_autoptr (GBytes) bytes = fixture_hand_pdf ("/MediaBox [0 0 200 100] /Rotate 90",
                                               "1 0 0 rg 0 80 20 20 re f");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = load_bytes (bytes, NULL, &error);
  g_autoptr (GdkTexture) texture = NULL;
  double w, h;

  g_assert_no_error (error);
  g_assert_cmpuint (rd_viewer_document_get_n_pages (document), ==, 1);

  /* shown turned: 100 wide, 200 tall, the square at the top right */
  rd_viewer_document_get_page_size (document, 0, 0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 100, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 200, 0.01);

  texture = rd_viewer_document_render_page (document, 0, 1.0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 100);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 200);
  assert_red (texture_pixel (texture, 90, 10));
  assert_white (texture_pixel (texture, 10, 10));
  assert_white (texture_pixel (texture, 90, 190));
}

static void
test_pdf_rejected (void)
{
  g_autoptr (GBytes) full = multi_page_pdf (5);
  g_autoptr (GBytes) half = g_bytes_new_from_bytes (full, 0, g_bytes_get_size (full) / 2);
  g_autoptr (GBytes) empty_tree = fixture_hand_pdf (NULL, NULL);
  /* poppler replaces an all-zero MediaBox with Letter, but keeps these degenerate ones */
  g_autoptr (GBytes) no_height = fixture_hand_pdf ("/MediaBox [0 0 100 0]", "0 g");
  g_autoptr (GBytes) no_size = fixture_hand_pdf ("/MediaBox [5 5 5 5]", "0 g");
  g_autoptr (GBytes) garbage = g_bytes_new_static ("%PDF-1.7\n\x01\x02garbage", 19);
  g_autoptr (GBytes) nothing = g_bytes_new_static ("", 0);
  GBytes *cases[] = { half, empty_tree, no_height, no_size, garbage, nothing };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdViewerDocument) document = load_bytes (cases[i], NULL, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(opened)");
      g_assert_null (document);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static char *
encrypted_pdf (void)
{
  g_autofree char *plain = tmp_path ("plain.pdf");
  char *locked = tmp_path ("locked.pdf");
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { NULL, "--encrypt", "s3cret", "owner-pw", "256", "--", NULL, NULL, NULL };

  if (qpdf == NULL)
    {
      g_free (locked);
      return NULL;
    }

  fixture_write_pdf (plain, 3, NULL);
  argv[0] = qpdf;
  argv[6] = plain;
  argv[7] = locked;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return locked;
}

static void
test_pdf_password (void)
{
  g_autofree char *path = encrypted_pdf ();
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = NULL;

  if (path == NULL)
    {
      g_test_skip ("qpdf is not installed (Debian package qpdf)");
      return;
    }
  file = g_file_new_for_path (path);

  /* missing and wrong passwords both say ENCRYPTED, each with its own message */
  g_assert_null (rd_viewer_document_load (file, NULL, NULL, &error));
  g_assert_true (rd_viewer_document_error_is_password (error));
  g_clear_error (&error);
  g_assert_null (rd_viewer_document_load (file, "wrong", NULL, &error));
  g_assert_true (rd_viewer_document_error_is_password (error));
  g_assert_cmpstr (error->message, ==, "The password is not correct");
  g_clear_error (&error);

  document = rd_viewer_document_load (file, "s3cret", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_viewer_document_get_n_pages (document), ==, 3);
}

static void
test_pdf_find (void)
{
  g_autoptr (GBytes) bytes = multi_page_pdf (5);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = load_bytes (bytes, NULL, &error);
  g_autoptr (GArray) first = NULL;
  g_autoptr (GArray) second = NULL;
  g_autoptr (GArray) third = NULL;
  const RdFindHit *hit;

  g_assert_no_error (error);
  g_assert_true (rd_viewer_document_can_search (document));

  /* case-blind: "Passport" once on page 1, "passport and PASSPORT" on page 3 */
  first = rd_viewer_document_find_text (document, 0, "passport", NULL, &error);
  second = rd_viewer_document_find_text (document, 1, "passport", NULL, &error);
  third = rd_viewer_document_find_text (document, 2, "passport", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_cmpuint (third->len, ==, 2);

  /* the hit sits on the text's line: baseline at y = 300 pt, 24 pt type, top-left origin */
  hit = &g_array_index (first, RdFindHit, 0);
  g_assert_cmpuint (hit->page, ==, 0);
  g_assert_cmpfloat (hit->x, >=, 70);
  g_assert_cmpfloat (hit->x, <=, 74);
  g_assert_cmpfloat (hit->y, >, 270);
  g_assert_cmpfloat (hit->y + hit->height, <, 310);
  g_assert_cmpfloat (hit->width, >, 50);
}

static void
test_image_exif_orientation (void)
{
  /* Where the stored top-left (red) and top-right (blue) corners must end, from the
   * EXIF 2.3 definition of each Orientation value (0th row / 0th column):
   * 0 = top-left, 1 = top-right, 2 = bottom-right, 3 = bottom-left. */
  static const struct { int orientation; int red; int blue; gboolean swapped; } cases[] = {
    { 1, 0, 1, FALSE },  /* as stored */
    { 2, 1, 0, FALSE },  /* mirrored left-right */
    { 3, 2, 3, FALSE },  /* turned 180° */
    { 4, 3, 2, FALSE },  /* mirrored top-bottom */
    { 5, 0, 3, TRUE },   /* transposed */
    { 6, 1, 2, TRUE },   /* to show, turn 90° clockwise */
    { 7, 2, 1, TRUE },   /* transversed */
    { 8, 3, 0, TRUE },   /* to show, turn 90° counter-clockwise */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = fixture_jpeg (64, 32, cases[i].orientation);
      g_autoptr (GError) error = NULL;
      g_autoptr (RdViewerDocument) document = load_bytes (bytes, NULL, &error);
      g_autoptr (GdkTexture) texture = NULL;
      int w, h;
      int corners[4][2];
      double pw, ph;

      g_test_message ("orientation %d", cases[i].orientation);
      g_assert_no_error (error);
      g_assert_true (RD_IS_IMAGE_DOCUMENT (document));
      g_assert_cmpint (rd_image_document_get_orientation (RD_IMAGE_DOCUMENT (document)), ==,
                       cases[i].orientation);

      rd_viewer_document_get_page_size (document, 0, 0, &pw, &ph);
      g_assert_cmpfloat (pw, ==, cases[i].swapped ? 32 : 64);
      g_assert_cmpfloat (ph, ==, cases[i].swapped ? 64 : 32);

      texture = rd_viewer_document_render_page (document, 0, 1.0, 0, NULL, &error);
      g_assert_no_error (error);
      w = gdk_texture_get_width (texture);
      h = gdk_texture_get_height (texture);
      g_assert_cmpint (w, ==, (int) pw);
      g_assert_cmpint (h, ==, (int) ph);

      /* the middle of each 16 px corner block */
      corners[0][0] = 8;     corners[0][1] = 8;
      corners[1][0] = w - 8; corners[1][1] = 8;
      corners[2][0] = w - 8; corners[2][1] = h - 8;
      corners[3][0] = 8;     corners[3][1] = h - 8;

      assert_red (texture_pixel (texture, corners[cases[i].red][0], corners[cases[i].red][1]));
      assert_blue (texture_pixel (texture, corners[cases[i].blue][0], corners[cases[i].blue][1]));
    }
}

static void
test_image_rotate_and_scale (void)
{
  g_autoptr (GBytes) bytes = fixture_jpeg (64, 32, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = load_bytes (bytes, NULL, &error);
  g_autoptr (GdkTexture) turned = NULL;
  g_autoptr (GdkTexture) half = NULL;
  g_autoptr (GdkTexture) zoomed = NULL;

  g_assert_no_error (error);
  g_assert_false (rd_viewer_document_can_search (document));

  /* the view's clockwise turn: red from top-left to top-right, blue to bottom-right */
  turned = rd_viewer_document_render_page (document, 0, 1.0, 90, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (turned), ==, 32);
  g_assert_cmpint (gdk_texture_get_height (turned), ==, 64);
  assert_red (texture_pixel (turned, 24, 8));
  assert_blue (texture_pixel (turned, 24, 56));

  /* decoded at the size shown ... */
  half = rd_viewer_document_render_page (document, 0, 0.5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (half), ==, 32);
  g_assert_cmpint (gdk_texture_get_height (half), ==, 16);

  /* ... but never above the stored pixels: 400 % is drawn stretched */
  zoomed = rd_viewer_document_render_page (document, 0, 4.0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (zoomed), ==, 64);
}

static void
test_image_rejected (void)
{
  g_autoptr (GBytes) jpeg = fixture_jpeg (256, 256, 6);
  g_autoptr (GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) * 2 / 3);
  g_autoptr (GBytes) text = g_bytes_new_static ("just some words, not an image", 29);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdViewerDocument) document = NULL;

  /* gdk-pixbuf decodes a cut JPEG without an error (grey below the cut): we must not */
  document = load_bytes (cut, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "incomplete"));
  g_clear_error (&error);

  document = load_bytes (text, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_page_cache_budget (void)
{
  /* each 100 × 100 texture costs 40 000 bytes; the budget holds two */
  g_autoptr (RdPageCache) cache = rd_page_cache_new (90000);
  g_autoptr (GBytes) pixels = g_bytes_new_take (g_malloc0 (100 * 100 * 4), 100 * 100 * 4);
  g_autoptr (GdkTexture) texture = gdk_memory_texture_new (100, 100, GDK_MEMORY_DEFAULT, pixels, 400);
  double scale = 0;

  rd_page_cache_set_visible_range (cache, 5, 5);
  rd_page_cache_insert (cache, 5, texture, 1.0, 0);
  rd_page_cache_insert (cache, 9, texture, 1.0, 0);
  rd_page_cache_insert (cache, 6, texture, 1.0, 0);

  /* over budget: the page farthest from the visible one (9) went first */
  g_assert_cmpuint (rd_page_cache_get_size (cache), ==, 80000);
  g_assert_null (rd_page_cache_lookup (cache, 9, NULL, NULL));
  g_assert_nonnull (rd_page_cache_lookup (cache, 5, NULL, NULL));
  g_assert_nonnull (rd_page_cache_lookup (cache, 6, NULL, NULL));

  /* after a zoom the old texture is still there (drawn stretched), but not current */
  g_assert_true (rd_page_cache_is_current (cache, 5, 1.0, 0));
  g_assert_false (rd_page_cache_is_current (cache, 5, 1.2, 0));
  g_assert_nonnull (rd_page_cache_lookup (cache, 5, &scale, NULL));
  g_assert_cmpfloat (scale, ==, 1.0);

  /* visible pages are kept even when they alone exceed the budget */
  rd_page_cache_set_visible_range (cache, 0, 2);
  rd_page_cache_insert (cache, 0, texture, 1.0, 0);
  rd_page_cache_insert (cache, 1, texture, 1.0, 0);
  rd_page_cache_insert (cache, 2, texture, 1.0, 0);
  g_assert_cmpuint (rd_page_cache_get_n_pages (cache), ==, 3);
  g_assert_null (rd_page_cache_lookup (cache, 5, NULL, NULL));
}

static void
test_model_zoom_limits (void)
{
  g_autoptr (RdDocumentModel) model = rd_document_model_new ();

  rd_document_model_set_scale (model, 1.0);
  g_assert_cmpint (rd_document_model_get_sizing_mode (model), ==, RD_SIZING_FREE);
  rd_document_model_zoom_in (model, 1.2);
  g_assert_cmpfloat_with_epsilon (rd_document_model_get_scale (model), 1.2, 1e-9);

  /* 25–800 % from the keyboard, the wheel and pinch */
  for (int i = 0; i < 40; i++)
    rd_document_model_zoom_in (model, 1.2);
  g_assert_cmpfloat (rd_document_model_get_scale (model), ==, 8.0);
  for (int i = 0; i < 40; i++)
    rd_document_model_zoom_out (model, 1.2);
  g_assert_cmpfloat (rd_document_model_get_scale (model), ==, 0.25);
  rd_document_model_set_scale (model, 0.01);
  g_assert_cmpfloat (rd_document_model_get_scale (model), ==, 0.25);

  /* a fitted 48 MP photo may be below 25 %; zooming out then does not enlarge it */
  rd_document_model_set_sizing_mode (model, RD_SIZING_FIT_PAGE);
  rd_document_model_set_fit_scale (model, 0.12);
  rd_document_model_zoom_out (model, 1.2);
  g_assert_cmpfloat_with_epsilon (rd_document_model_get_scale (model), 0.12, 1e-9);

  rd_document_model_rotate (model, -90);
  g_assert_cmpuint (rd_document_model_get_rotation (model), ==, 270);
  rd_document_model_rotate (model, 180);
  g_assert_cmpuint (rd_document_model_get_rotation (model), ==, 90);
}

/* ---- the widget ---- */

typedef struct
{
  GtkWidget      *window;
  RdDocumentView *view;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->view = RD_DOCUMENT_VIEW (rd_document_view_new ());
  g_object_ref (fixture->view);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static gboolean
view_settled (gpointer data)
{
  RdDocumentView *view = data;

  return rd_document_view_get_state (view) != RD_DOCUMENT_VIEW_LOADING
         && !rd_document_view_is_finding (view);
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_true (wait_for (view_settled, fixture->view));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* let queued job results drain before checking nothing keeps the view alive */
  {
    gint64 until = g_get_monotonic_time () + 200000;
    while (g_get_monotonic_time () < until)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  (void) always_false;
  g_assert_finalize_object (fixture->view);
}

static void
load_and_wait (Fixture    *fixture,
               const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  rd_document_view_load_file (fixture->view, file);
  g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_LOADING);
  g_assert_true (wait_for (view_settled, fixture->view));
}

static gboolean
page_current (gpointer data)
{
  Fixture *fixture = data;
  RdPageCanvas *canvas = rd_document_view_get_canvas (fixture->view);
  guint page = rd_document_model_get_page (rd_document_view_get_model (fixture->view));

  return rd_page_canvas_is_page_current (canvas, page);
}

static gboolean
thumbnails_done (gpointer data)
{
  Fixture *fixture = data;
  RdThumbnailStrip *strip = rd_document_view_get_thumbnail_strip (fixture->view);

  return rd_thumbnail_strip_get_n_rendered (strip) >= 3 && rd_thumbnail_strip_get_n_pending (strip) == 0;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start_frame = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Let two whole frames through (a loaded machine may need seconds), so that every widget is
   * laid out and what is saved is what a person sees. */
  while (g_get_monotonic_time () < until &&
         (clock == NULL || gdk_frame_clock_get_frame_counter (clock) < start_frame + 2))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  /* the window's own background is drawn by GTK outside the snapshot vfunc */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_view_pdf (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GBytes) bytes = multi_page_pdf (5);
  g_autofree char *path = tmp_path ("view.pdf");
  RdDocumentModel *model = rd_document_view_get_model (fixture->view);
  RdPageCanvas *canvas = rd_document_view_get_canvas (fixture->view);
  GdkTexture *texture;
  double scale = 0, expected;
  graphene_rect_t rect;

  fixture_save (path, bytes);
  load_and_wait (fixture, path);
  g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_DOCUMENT);
  g_assert_cmpuint (rd_document_model_get_n_pages (model), ==, 5);

  /* first page on screen at fit width: the page spans the canvas less its margins */
  g_assert_true (wait_for (page_current, fixture));
  g_assert_cmpint (rd_document_model_get_sizing_mode (model), ==, RD_SIZING_FIT_WIDTH);
  rd_page_canvas_get_page_rect (canvas, 0, &rect);
  g_assert_cmpfloat_with_epsilon (rect.size.width, gtk_widget_get_width (GTK_WIDGET (canvas)) - 24, 1.0);
  texture = rd_page_cache_lookup (rd_page_canvas_get_page_cache (canvas), 0, &scale, NULL);
  expected = rd_document_model_get_scale (model) * gtk_widget_get_scale_factor (GTK_WIDGET (canvas));
  g_assert_cmpfloat_with_epsilon (scale, expected, 1e-9);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) round (612 * expected));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, (int) round (792 * expected));
  assert_red (texture_pixel (texture, 5, 5));

  g_assert_true (wait_for (thumbnails_done, fixture));
  save_screenshot (fixture->window, "viewer-pdf.png");
  /* Five pages: their thumbnails run down the left of the pages. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (canvas), GTK_WIDGET (fixture->view), &rect));
  g_assert_cmpfloat (rect.origin.x, >=, 140);

  /* page navigation: the actions behind Page Down, End, Home and the page entry */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.next-page", NULL);
  g_assert_cmpuint (rd_document_model_get_page (model), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.last-page", NULL);
  g_assert_cmpuint (rd_document_model_get_page (model), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.next-page", NULL);
  g_assert_cmpuint (rd_document_model_get_page (model), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.first-page", NULL);
  g_assert_cmpuint (rd_document_model_get_page (model), ==, 0);
  rd_document_model_set_page (model, 2);
  g_assert_true (wait_for (page_current, fixture));
  /* the page shown is the one scrolled to */
  rd_page_canvas_get_page_rect (canvas, 2, &rect);
  g_assert_cmpfloat (rect.origin.y, >=, 0);
  g_assert_cmpfloat (rect.origin.y, <, 30);

  /* zoom: Ctrl+plus is 120 %, Ctrl+0 is 100 %, never past 800 % */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.zoom-reset", NULL);
  g_assert_cmpfloat (rd_document_model_get_scale (model), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (rd_document_model_get_scale (model), 1.2, 1e-9);
  g_assert_true (wait_for (page_current, fixture));
  texture = rd_page_cache_lookup (rd_page_canvas_get_page_cache (canvas), 2, NULL, NULL);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) round (612 * 1.2));
  for (int i = 0; i < 20; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.zoom-in", NULL);
  g_assert_cmpfloat (rd_document_model_get_scale (model), ==, 8.0);

  /* fit page: the whole page fits the canvas */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.fit-page", NULL);
  rd_page_canvas_get_page_rect (canvas, 2, &rect);
  g_assert_cmpfloat (rect.size.height, <=, gtk_widget_get_height (GTK_WIDGET (canvas)));
  g_assert_cmpfloat (rect.size.height, >=, gtk_widget_get_height (GTK_WIDGET (canvas)) - 25);

  /* rotate right: landscape pages, the red corner now top-right */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.rotate-right", NULL);
  g_assert_cmpuint (rd_document_model_get_rotation (model), ==, 90);
  g_assert_true (wait_for (page_current, fixture));
  texture = rd_page_cache_lookup (rd_page_canvas_get_page_cache (canvas), 2, NULL, NULL);
  g_assert_cmpint (gdk_texture_get_width (texture), >, gdk_texture_get_height (texture));
  assert_red (texture_pixel (texture, gdk_texture_get_width (texture) - 5, 5));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.rotate-left", NULL);
  g_assert_cmpuint (rd_document_model_get_rotation (model), ==, 0);
}

static void
test_view_find (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GBytes) bytes = multi_page_pdf (5);
  g_autofree char *path = tmp_path ("find.pdf");
  RdDocumentModel *model = rd_document_view_get_model (fixture->view);
  GArray *hits;

  fixture_save (path, bytes);
  load_and_wait (fixture, path);
  g_assert_true (wait_for (page_current, fixture));

  rd_document_view_find (fixture->view, "PassPort");
  g_assert_true (wait_for (view_settled, fixture->view));
  hits = rd_document_view_get_find_hits (fixture->view);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpuint (g_array_index (hits, RdFindHit, 0).page, ==, 0);
  g_assert_cmpuint (g_array_index (hits, RdFindHit, 1).page, ==, 2);
  g_assert_cmpuint (g_array_index (hits, RdFindHit, 2).page, ==, 2);
  g_assert_cmpint (rd_document_view_get_selected_hit (fixture->view), ==, 0);

  /* next goes to page 3 and shows it; previous from the first wraps to the last */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.find-next", NULL);
  g_assert_cmpint (rd_document_view_get_selected_hit (fixture->view), ==, 1);
  g_assert_cmpuint (rd_document_model_get_page (model), ==, 2);
  g_assert_true (wait_for (page_current, fixture));
  save_screenshot (fixture->window, "viewer-find.png");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.find-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "viewer.find-previous", NULL);
  g_assert_cmpint (rd_document_view_get_selected_hit (fixture->view), ==, 2);

  rd_document_view_find (fixture->view, "nowhere to be found");
  g_assert_true (wait_for (view_settled, fixture->view));
  g_assert_cmpuint (rd_document_view_get_find_hits (fixture->view)->len, ==, 0);
}

static void
test_view_password (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = encrypted_pdf ();

  if (path == NULL)
    {
      g_test_skip ("qpdf is not installed (Debian package qpdf)");
      return;
    }

  load_and_wait (fixture, path);
  g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_PASSWORD);
  save_screenshot (fixture->window, "viewer-password.png");

  rd_document_view_unlock (fixture->view, "not it");
  g_assert_true (wait_for (view_settled, fixture->view));
  g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_PASSWORD);

  rd_document_view_unlock (fixture->view, "s3cret");
  g_assert_true (wait_for (view_settled, fixture->view));
  g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_DOCUMENT);
  g_assert_cmpuint (rd_document_model_get_n_pages (rd_document_view_get_model (fixture->view)), ==, 3);
  g_assert_true (wait_for (page_current, fixture));
}

static void
test_view_error_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GBytes) full = multi_page_pdf (5);
  g_autoptr (GBytes) jpeg = fixture_jpeg (256, 256, 1);
  struct { const char *name; GBytes *bytes; const char *needle; } cases[] = {
    { "truncated.pdf", g_bytes_new_from_bytes (full, 0, g_bytes_get_size (full) / 2), "damaged" },
    { "no-pages.pdf", fixture_hand_pdf (NULL, NULL), "no pages" },
    { "no-size.pdf", fixture_hand_pdf ("/MediaBox [0 0 100 0]", "0 g"), "size" },
    { "truncated.jpg", g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2), "incomplete" },
    { "empty.pdf", g_bytes_new_static ("", 0), "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = tmp_path (cases[i].name);

      fixture_save (path, cases[i].bytes);
      load_and_wait (fixture, path);
      g_test_message ("%s: %s", cases[i].name, rd_document_view_get_error_message (fixture->view));
      g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_ERROR);
      g_assert_nonnull (strstr (rd_document_view_get_error_message (fixture->view), cases[i].needle));
      if (i == 0)
        save_screenshot (fixture->window, "viewer-error.png");
      g_bytes_unref (cases[i].bytes);
    }

  /* a missing file is an error page too */
  {
    g_autofree char *path = tmp_path ("does-not-exist.pdf");
    load_and_wait (fixture, path);
    g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_ERROR);
  }
}

static void
test_view_photo (Fixture       *fixture,
                 gconstpointer  data)
{
  /* a portrait phone photo stored sideways (EXIF 6) */
  g_autoptr (GBytes) bytes = fixture_jpeg (640, 480, 6);
  g_autofree char *path = tmp_path ("photo.jpg");
  RdDocumentModel *model = rd_document_view_get_model (fixture->view);
  RdPageCanvas *canvas = rd_document_view_get_canvas (fixture->view);
  GdkTexture *texture;
  graphene_rect_t bounds;

  fixture_save (path, bytes);
  load_and_wait (fixture, path);
  g_assert_cmpint (rd_document_view_get_state (fixture->view), ==, RD_DOCUMENT_VIEW_DOCUMENT);
  g_assert_cmpuint (rd_document_model_get_n_pages (model), ==, 1);
  g_assert_true (wait_for (page_current, fixture));

  texture = rd_page_cache_lookup (rd_page_canvas_get_page_cache (canvas), 0, NULL, NULL);
  g_assert_cmpint (gdk_texture_get_width (texture), <, gdk_texture_get_height (texture));
  assert_red (texture_pixel (texture, gdk_texture_get_width (texture) - 3, 3));
  save_screenshot (fixture->window, "viewer-photo.png");

  /* One page: no empty thumbnail strip takes room beside it. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (canvas), GTK_WIDGET (fixture->view), &bounds));
  g_assert_cmpfloat (bounds.origin.x, <, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("rd-viewer-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/viewer/pdf/pages-and-render", test_pdf_pages_and_render);
  g_test_add_func ("/viewer/render-job/released-on-main", test_render_job_released_on_main);
  g_test_add_func ("/viewer/pdf/rotate-entry", test_pdf_page_rotate_entry);
  g_test_add_func ("/viewer/pdf/rejected", test_pdf_rejected);
  g_test_add_func ("/viewer/pdf/password", test_pdf_password);
  g_test_add_func ("/viewer/pdf/find", test_pdf_find);
  g_test_add_func ("/viewer/image/exif-orientation", test_image_exif_orientation);
  g_test_add_func ("/viewer/image/rotate-and-scale", test_image_rotate_and_scale);
  g_test_add_func ("/viewer/image/rejected", test_image_rejected);
  g_test_add_func ("/viewer/page-cache/budget", test_page_cache_budget);
  g_test_add_func ("/viewer/model/zoom-limits", test_model_zoom_limits);
  g_test_add ("/viewer/view/pdf", Fixture, NULL, fixture_setup, test_view_pdf, fixture_teardown);
  g_test_add ("/viewer/view/find", Fixture, NULL, fixture_setup, test_view_find, fixture_teardown);
  g_test_add ("/viewer/view/password", Fixture, NULL, fixture_setup, test_view_password, fixture_teardown);
  g_test_add ("/viewer/view/error-pages", Fixture, NULL, fixture_setup, test_view_error_pages, fixture_teardown);
  g_test_add ("/viewer/view/photo", Fixture, NULL, fixture_setup, test_view_photo, fixture_teardown);

  status = g_test_run ();

  {
    g_autoptr (GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr (GFileEnumerator) children = g_file_enumerate_children (dir, "standard::name", 0, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr (GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (tmp_dir);

  return status;
}
