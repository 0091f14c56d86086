/* rd-page-canvas.c: the scrollable surface the pages are drawn on
 *
 * Pages are laid out in one column and only the visible ones are drawn. Each visible
 * page without a texture at the current zoom gets a render job; the stale texture (or
 * a white page) is drawn meanwhile. Jobs for pages that scroll away are cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-page-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-page-canvas.h"
#include "rd-render-job.h"

#define MARGIN 12.0
#define SPACING 12.0
#define PRELOAD_PAGES 1

struct _RdPageCanvas
{
  GtkWidget        parent_instance;

  RdDocumentModel *model;
  RdPageCache     *cache;
  GHashTable      *jobs;         /* page → RdRenderJob being rendered for the view */
  GHashTable      *failed;       /* page → error message, until the zoom changes */

  GArray          *rects;        /* graphene_rect_t per page, in content coordinates */
  double           content_width;
  double           content_height;
  double           layout_scale;
  guint            layout_rotation;

  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;
  guint            scrolling_to_page : 1;

  GArray          *hits;
  int              selected_hit;

  double           pointer_x;
  double           pointer_y;
  double           gesture_start_scale;
  double           anchor_x;     /* widget point kept still by the next zoom, or -1 */
  double           anchor_y;
};

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

static GParamSpec *properties[PROP_HADJUSTMENT];

enum { PAGE_READY, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (RdPageCanvas, rd_page_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void update_renders (RdPageCanvas *self);

static guint
n_pages (RdPageCanvas *self)
{
  return self->rects->len;
}

static const graphene_rect_t *
page_rect (RdPageCanvas *self,
           guint         page)
{
  return &g_array_index (self->rects, graphene_rect_t, page);
}

static double
hvalue (RdPageCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (RdPageCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* The scale at which textures are rendered: device pixels, for sharp HiDPI pages. */
static double
render_scale (RdPageCanvas *self)
{
  return rd_document_model_get_scale (self->model) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         upper,
                      double         page_size)
{
  if (adjustment == NULL)
    return;

  upper = MAX (upper, page_size);
  gtk_adjustment_configure (adjustment, CLAMP (value, 0, upper - page_size), 0, upper,
                            page_size * 0.1, page_size * 0.9, page_size);
}

static void
compute_layout (RdPageCanvas *self)
{
  RdViewerDocument *document = self->model ? rd_document_model_get_document (self->model) : NULL;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double scale, y = MARGIN, widest = 0;
  guint count, rotation;

  g_array_set_size (self->rects, 0);
  self->content_width = self->content_height = 0;
  if (document == NULL)
    return;

  scale = rd_document_model_get_scale (self->model);
  rotation = rd_document_model_get_rotation (self->model);
  count = rd_viewer_document_get_n_pages (document);
  g_array_set_size (self->rects, count);

  for (guint i = 0; i < count; i++)
    {
      graphene_rect_t *rect = &g_array_index (self->rects, graphene_rect_t, i);
      double w, h;

      rd_viewer_document_get_page_size (document, i, rotation, &w, &h);
      graphene_rect_init (rect, 0, y, w * scale, h * scale);
      y += h * scale + SPACING;
      widest = MAX (widest, w * scale);
    }

  self->content_width = MAX (widest + 2 * MARGIN, width);
  self->content_height = y - SPACING + MARGIN;
  self->layout_scale = scale;
  self->layout_rotation = rotation;

  /* centre each page in the column */
  for (guint i = 0; i < count; i++)
    {
      graphene_rect_t *rect = &g_array_index (self->rects, graphene_rect_t, i);
      rect->origin.x = floor ((self->content_width - rect->size.width) / 2);
    }
}

/* Where a widget point falls: a page and the fraction across it, for zooming in place. */
static gboolean
locate (RdPageCanvas *self,
        double        x,
        double        y,
        guint        *page,
        double       *fx,
        double       *fy)
{
  double cx = x + hvalue (self), cy = y + vvalue (self);

  if (n_pages (self) == 0)
    return FALSE;

  for (guint i = 0; i < n_pages (self); i++)
    {
      const graphene_rect_t *rect = page_rect (self, i);

      /* below the page and its gap: not yet */
      if (cy > rect->origin.y + rect->size.height + SPACING / 2 && i + 1 < n_pages (self))
        continue;

      *page = i;
      *fx = (cx - rect->origin.x) / rect->size.width;
      *fy = (cy - rect->origin.y) / rect->size.height;
      return TRUE;
    }

  return FALSE;
}

static void
relayout (RdPageCanvas *self,
          gboolean      keep_anchor)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double ax = self->anchor_x >= 0 ? self->anchor_x : width / 2;
  double ay = self->anchor_y >= 0 ? self->anchor_y : height / 2;
  double hval = hvalue (self), vval = vvalue (self);
  guint page = 0;
  double fx = 0, fy = 0;
  gboolean anchored;

  anchored = keep_anchor && locate (self, ax, ay, &page, &fx, &fy);

  compute_layout (self);

  if (anchored && page < n_pages (self))
    {
      const graphene_rect_t *rect = page_rect (self, page);

      hval = rect->origin.x + fx * rect->size.width - ax;
      vval = rect->origin.y + fy * rect->size.height - ay;
    }

  self->scrolling_to_page = TRUE;
  configure_adjustment (self->hadjustment, hval, self->content_width, width);
  configure_adjustment (self->vadjustment, vval, self->content_height, height);
  self->scrolling_to_page = FALSE;

  self->anchor_x = self->anchor_y = -1;
  update_renders (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
visible_range (RdPageCanvas *self,
               guint        *first,
               guint        *last)
{
  double top = vvalue (self);
  double bottom = top + gtk_widget_get_height (GTK_WIDGET (self));
  gboolean found = FALSE;

  *first = *last = 0;
  for (guint i = 0; i < n_pages (self); i++)
    {
      const graphene_rect_t *rect = page_rect (self, i);

      if (rect->origin.y + rect->size.height < top)
        continue;
      if (rect->origin.y > bottom)
        break;

      if (!found)
        *first = i;
      *last = i;
      found = TRUE;
    }
}

static void
job_finished_cb (RdRenderJob  *job,
                 RdPageCanvas *self)
{
  guint page = rd_render_job_get_page (job);
  GdkTexture *texture = rd_render_job_get_texture (job);

  if (g_hash_table_lookup (self->jobs, GUINT_TO_POINTER (page)) != job)
    return;

  if (texture != NULL)
    rd_page_cache_insert (self->cache, page, texture, rd_render_job_get_scale (job),
                          rd_render_job_get_rotation (job));
  else
    {
      const GError *error = rd_render_job_get_error (job);

      g_warning ("Page %u: %s", page + 1, error != NULL ? error->message : "no texture");
      g_hash_table_insert (self->failed, GUINT_TO_POINTER (page),
                           g_strdup (error != NULL ? error->message : _("Rendering failed")));
    }

  g_hash_table_remove (self->jobs, GUINT_TO_POINTER (page));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (texture != NULL)
    g_signal_emit (self, signals[PAGE_READY], 0, page);

  /* one render at a time per page; more may be due after a fast scroll */
  update_renders (self);
}

static void
cancel_job (gpointer data)
{
  RdRenderJob *job = data;

  rd_render_job_cancel (job);
  g_object_unref (job);
}

static void
request_page (RdPageCanvas     *self,
              guint             page,
              RdRenderPriority  priority)
{
  RdRenderQueue *queue = rd_document_model_get_render_queue (self->model);
  RdViewerDocument *document = rd_document_model_get_document (self->model);
  double scale = render_scale (self);
  guint rotation = rd_document_model_get_rotation (self->model);
  RdRenderJob *job;

  if (queue == NULL || rd_page_cache_is_current (self->cache, page, scale, rotation)
      || g_hash_table_contains (self->failed, GUINT_TO_POINTER (page)))
    return;

  job = g_hash_table_lookup (self->jobs, GUINT_TO_POINTER (page));
  if (job != NULL)
    {
      if (fabs (rd_render_job_get_scale (job) - scale) < 1e-6
          && rd_render_job_get_rotation (job) == rotation)
        return;
      g_hash_table_remove (self->jobs, GUINT_TO_POINTER (page));
    }

  job = rd_render_job_new (document, page, scale, rotation, priority);
  g_signal_connect (job, "finished", G_CALLBACK (job_finished_cb), self);
  g_hash_table_insert (self->jobs, GUINT_TO_POINTER (page), job);
  rd_render_queue_push (queue, job);
}

static void
update_renders (RdPageCanvas *self)
{
  GHashTableIter iter;
  gpointer key;
  guint first, last, keep_first, keep_last;

  /* Not before the first allocation: the fit scale is not known yet, and a render at
   * the old scale (100 % of a 48 MP photo) would be slow and large for nothing. */
  if (n_pages (self) == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || gtk_widget_get_width (GTK_WIDGET (self)) <= 0
      || gtk_widget_get_height (GTK_WIDGET (self)) <= 0
      || fabs (self->layout_scale - rd_document_model_get_scale (self->model)) > 1e-9)
    return;

  visible_range (self, &first, &last);
  rd_page_cache_set_visible_range (self->cache, first, last);

  keep_first = first >= PRELOAD_PAGES ? first - PRELOAD_PAGES : 0;
  keep_last = MIN (last + PRELOAD_PAGES, n_pages (self) - 1);

  /* Scrolled away: cancel, so the worker moves on to what is on screen. */
  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);

      if (page < keep_first || page > keep_last)
        g_hash_table_iter_remove (&iter);
    }

  for (guint i = first; i <= last; i++)
    request_page (self, i, RD_RENDER_PRIORITY_VISIBLE);
  for (guint i = keep_first; i <= keep_last; i++)
    if (i < first || i > last)
      request_page (self, i, RD_RENDER_PRIORITY_PRELOAD);
}

static void
forget_renders (RdPageCanvas *self)
{
  g_hash_table_remove_all (self->jobs);
  g_hash_table_remove_all (self->failed);
}

/* The page shown most: the current page after the person scrolled. */
static void
update_current_page (RdPageCanvas *self)
{
  double top = vvalue (self);
  double bottom = top + gtk_widget_get_height (GTK_WIDGET (self));
  guint first, last, best, current;
  double best_visible = -1;

  if (n_pages (self) == 0)
    return;

  visible_range (self, &first, &last);
  current = rd_document_model_get_page (self->model);
  best = current;

  for (guint i = first; i <= last; i++)
    {
      const graphene_rect_t *rect = page_rect (self, i);
      double visible = MIN (bottom, rect->origin.y + rect->size.height) - MAX (top, rect->origin.y);

      if (visible > best_visible + 0.5 || (i == current && visible >= best_visible - 0.5))
        {
          best_visible = visible;
          best = i;
        }
    }

  self->scrolling_to_page = TRUE;
  rd_document_model_set_page (self->model, best);
  self->scrolling_to_page = FALSE;
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment,
                             RdPageCanvas  *self)
{
  if (!self->scrolling_to_page && self->model != NULL)
    update_current_page (self);

  update_renders (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (RdPageCanvas   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);

  g_set_object (slot, adjustment);

  if (adjustment != NULL)
    g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
rd_page_canvas_scroll_to_page (RdPageCanvas *self,
                               guint         page)
{
  g_return_if_fail (RD_IS_PAGE_CANVAS (self));

  if (page >= n_pages (self) || self->vadjustment == NULL)
    return;

  self->scrolling_to_page = TRUE;
  gtk_adjustment_set_value (self->vadjustment, page_rect (self, page)->origin.y - MARGIN);
  self->scrolling_to_page = FALSE;
}

/* The scale that fits the sizing mode into the widget. */
static void
apply_sizing_mode (RdPageCanvas *self)
{
  RdViewerDocument *document = rd_document_model_get_document (self->model);
  RdSizingMode mode = rd_document_model_get_sizing_mode (self->model);
  guint rotation = rd_document_model_get_rotation (self->model);
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;
  double pw = 0, ph = 0, scale;

  if (document == NULL || mode == RD_SIZING_FREE || width <= 0 || height <= 0)
    return;

  if (mode == RD_SIZING_FIT_WIDTH)
    {
      /* the widest page fits, so no page needs a horizontal scrollbar */
      for (guint i = 0; i < rd_viewer_document_get_n_pages (document); i++)
        {
          double w, h;

          rd_viewer_document_get_page_size (document, i, rotation, &w, &h);
          pw = MAX (pw, w);
        }
      scale = width / pw;
    }
  else
    {
      rd_viewer_document_get_page_size (document, rd_document_model_get_page (self->model),
                                        rotation, &pw, &ph);
      scale = MIN (width / pw, height / ph);
    }

  rd_document_model_set_fit_scale (self->model, MIN (scale, RD_DOCUMENT_MODEL_MAX_SCALE));
}

static void
model_document_cb (RdPageCanvas *self)
{
  forget_renders (self);
  rd_page_cache_clear (self->cache);
  g_clear_pointer (&self->hits, g_array_unref);
  self->selected_hit = -1;

  apply_sizing_mode (self);
  compute_layout (self);
  self->scrolling_to_page = TRUE;
  configure_adjustment (self->hadjustment, 0, self->content_width, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustment (self->vadjustment, 0, self->content_height, gtk_widget_get_height (GTK_WIDGET (self)));
  self->scrolling_to_page = FALSE;
  update_renders (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document pages"), -1);
}

static void
model_scale_cb (RdPageCanvas *self)
{
  g_hash_table_remove_all (self->failed);

  /* A fit (first show, window resized) keeps the top-left still; a zoom by the person
   * keeps the pointer or the centre still. */
  if (self->anchor_x < 0 && rd_document_model_get_sizing_mode (self->model) != RD_SIZING_FREE)
    self->anchor_x = self->anchor_y = 0;

  relayout (self, TRUE);
}

static void
model_rotation_cb (RdPageCanvas *self)
{
  guint page = rd_document_model_get_page (self->model);

  forget_renders (self);
  apply_sizing_mode (self);
  relayout (self, FALSE);
  rd_page_canvas_scroll_to_page (self, page);
}

static void
model_sizing_mode_cb (RdPageCanvas *self)
{
  apply_sizing_mode (self);
}

static void
model_page_cb (RdPageCanvas *self)
{
  guint page = rd_document_model_get_page (self->model);
  g_autofree char *label = NULL;

  /* Translators: the accessible name of the page area; %u are page numbers */
  label = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (!self->scrolling_to_page)
    {
      if (rd_document_model_get_sizing_mode (self->model) == RD_SIZING_FIT_PAGE)
        apply_sizing_mode (self);
      rd_page_canvas_scroll_to_page (self, page);
    }
}

static void
rd_page_canvas_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RdPageCanvas *self = RD_PAGE_CANVAS (widget);

  if (self->model != NULL)
    apply_sizing_mode (self);

  relayout (self, FALSE);
}

static void
append_hits (RdPageCanvas          *self,
             GtkSnapshot           *snapshot,
             guint                  page,
             const graphene_rect_t *rect)
{
  RdViewerDocument *document = rd_document_model_get_document (self->model);
  double scale = rd_document_model_get_scale (self->model);
  guint rotation = rd_document_model_get_rotation (self->model);
  double pw, ph;

  if (self->hits == NULL)
    return;

  rd_viewer_document_get_page_size (document, page, 0, &pw, &ph);

  for (guint i = 0; i < self->hits->len; i++)
    {
      const RdFindHit *hit = &g_array_index (self->hits, RdFindHit, i);
      GdkRGBA colour = { 0.99, 0.76, 0.0, (int) i == self->selected_hit ? 0.65 : 0.35 };
      double x, y, w, h;
      graphene_rect_t box;

      if (hit->page != page)
        continue;

      /* the view's clockwise turn, applied to the hit's box */
      switch (rotation)
        {
        case 90:
          x = ph - hit->y - hit->height; y = hit->x; w = hit->height; h = hit->width;
          break;
        case 180:
          x = pw - hit->x - hit->width; y = ph - hit->y - hit->height; w = hit->width; h = hit->height;
          break;
        case 270:
          x = hit->y; y = pw - hit->x - hit->width; w = hit->height; h = hit->width;
          break;
        default:
          x = hit->x; y = hit->y; w = hit->width; h = hit->height;
          break;
        }

      graphene_rect_init (&box, rect->origin.x + x * scale, rect->origin.y + y * scale,
                          w * scale, h * scale);
      gtk_snapshot_append_color (snapshot, &colour, &box);
    }
}

static void
rd_page_canvas_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RdPageCanvas *self = RD_PAGE_CANVAS (widget);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA shadow = { 0, 0, 0, 0.25 };
  const GdkRGBA backdrop = { 0, 0, 0, 0.08 };
  double hval = hvalue (self), vval = vvalue (self);
  guint first, last, rotation;

  /* a quiet backdrop so white pages stand out, in light and dark styles alike */
  gtk_snapshot_append_color (snapshot, &backdrop,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));

  if (n_pages (self) == 0)
    return;

  rotation = rd_document_model_get_rotation (self->model);
  visible_range (self, &first, &last);

  for (guint i = first; i <= last; i++)
    {
      graphene_rect_t rect = *page_rect (self, i);
      GskRoundedRect outline;
      guint texture_rotation = 0;
      GdkTexture *texture;

      rect.origin.x -= hval;
      rect.origin.y -= vval;

      gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 0, 3);
      gtk_snapshot_append_color (snapshot, &white, &rect);

      /* a stale texture from another zoom is drawn stretched; from another turn, not at all */
      texture = rd_page_cache_lookup (self->cache, i, NULL, &texture_rotation);
      if (texture != NULL && texture_rotation == rotation)
        gtk_snapshot_append_texture (snapshot, texture, &rect);

      append_hits (self, snapshot, i, &rect);
    }
}

static void
rd_page_canvas_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* The scrolled window decides the size; the pages scroll inside it. */
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 500;
}

static void
rd_page_canvas_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rd_page_canvas_parent_class)->map (widget);
  update_renders (RD_PAGE_CANVAS (widget));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           RdPageCanvas             *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || self->model == NULL || dy == 0)
    return FALSE;

  /* Ctrl+wheel zooms about the pointer, 20 % a notch, as in Evince */
  rd_page_canvas_zoom_at (self, pow (RD_DOCUMENT_MODEL_ZOOM_FACTOR, -dy),
                          self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RdPageCanvas             *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               RdPageCanvas     *self)
{
  self->gesture_start_scale = self->model ? rd_document_model_get_scale (self->model) : 1.0;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          delta,
                       RdPageCanvas   *self)
{
  double x, y;

  if (self->model == NULL)
    return;

  if (gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      self->anchor_x = x;
      self->anchor_y = y;
    }

  rd_document_model_set_scale (self->model, self->gesture_start_scale * delta);
}

/**
 * rd_page_canvas_zoom_at:
 * @factor: > 1 zooms in, < 1 out
 * @x: widget x that stays under the pointer
 * @y: widget y
 */
void
rd_page_canvas_zoom_at (RdPageCanvas *self,
                        double        factor,
                        double        x,
                        double        y)
{
  g_return_if_fail (RD_IS_PAGE_CANVAS (self));

  if (self->model == NULL || factor <= 0)
    return;

  self->anchor_x = x;
  self->anchor_y = y;
  if (factor >= 1)
    rd_document_model_zoom_in (self->model, factor);
  else
    rd_document_model_zoom_out (self->model, 1 / factor);
  self->anchor_x = self->anchor_y = -1;
}

static void
rd_page_canvas_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdPageCanvas *self = RD_PAGE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_page_canvas_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdPageCanvas *self = RD_PAGE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      rd_page_canvas_set_model (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_page_canvas_dispose (GObject *object)
{
  RdPageCanvas *self = RD_PAGE_CANVAS (object);

  rd_page_canvas_set_model (self, NULL);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (rd_page_canvas_parent_class)->dispose (object);
}

static void
rd_page_canvas_finalize (GObject *object)
{
  RdPageCanvas *self = RD_PAGE_CANVAS (object);

  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_pointer (&self->rects, g_array_unref);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (rd_page_canvas_parent_class)->finalize (object);
}

static void
rd_page_canvas_class_init (RdPageCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rd_page_canvas_get_property;
  object_class->set_property = rd_page_canvas_set_property;
  object_class->dispose = rd_page_canvas_dispose;
  object_class->finalize = rd_page_canvas_finalize;

  widget_class->measure = rd_page_canvas_measure;
  widget_class->size_allocate = rd_page_canvas_size_allocate;
  widget_class->snapshot = rd_page_canvas_snapshot;
  widget_class->map = rd_page_canvas_map;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, RD_TYPE_DOCUMENT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_HADJUSTMENT, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * RdPageCanvas::page-ready:
   * @page: the page index
   *
   * A page's texture at the current zoom has arrived and is drawn.
   */
  signals[PAGE_READY] = g_signal_new ("page-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "rd-page-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_page_canvas_init (RdPageCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *zoom;

  self->cache = rd_page_cache_new (RD_PAGE_CACHE_DEFAULT_BUDGET);
  self->jobs = g_hash_table_new_full (NULL, NULL, NULL, cancel_job);
  self->failed = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->rects = g_array_new (FALSE, TRUE, sizeof (graphene_rect_t));
  self->selected_hit = -1;
  self->anchor_x = self->anchor_y = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document pages"), -1);
}

GtkWidget *
rd_page_canvas_new (void)
{
  return g_object_new (RD_TYPE_PAGE_CANVAS, NULL);
}

RdDocumentModel *
rd_page_canvas_get_model (RdPageCanvas *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CANVAS (self), NULL);
  return self->model;
}

void
rd_page_canvas_set_model (RdPageCanvas    *self,
                          RdDocumentModel *model)
{
  g_return_if_fail (RD_IS_PAGE_CANVAS (self));
  g_return_if_fail (model == NULL || RD_IS_DOCUMENT_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  forget_renders (self);
  rd_page_cache_clear (self->cache);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      g_signal_connect_swapped (model, "notify::document", G_CALLBACK (model_document_cb), self);
      g_signal_connect_swapped (model, "notify::scale", G_CALLBACK (model_scale_cb), self);
      g_signal_connect_swapped (model, "notify::rotation", G_CALLBACK (model_rotation_cb), self);
      g_signal_connect_swapped (model, "notify::sizing-mode", G_CALLBACK (model_sizing_mode_cb), self);
      g_signal_connect_swapped (model, "notify::page", G_CALLBACK (model_page_cb), self);
      model_document_cb (self);
    }
  else
    g_array_set_size (self->rects, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * rd_page_canvas_get_page_cache:
 *
 * Returns: (transfer none): the cache of rendered pages
 */
RdPageCache *
rd_page_canvas_get_page_cache (RdPageCanvas *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CANVAS (self), NULL);
  return self->cache;
}

gboolean
rd_page_canvas_is_page_current (RdPageCanvas *self,
                                guint         page)
{
  g_return_val_if_fail (RD_IS_PAGE_CANVAS (self), FALSE);

  if (self->model == NULL)
    return FALSE;

  return rd_page_cache_is_current (self->cache, page, render_scale (self),
                                   rd_document_model_get_rotation (self->model));
}

/**
 * rd_page_canvas_set_find_hits:
 * @hits: (nullable) (transfer none): #RdFindHit array
 * @selected: the hit drawn stronger and scrolled into view, or -1
 */
void
rd_page_canvas_set_find_hits (RdPageCanvas *self,
                              GArray       *hits,
                              int           selected)
{
  g_return_if_fail (RD_IS_PAGE_CANVAS (self));

  if (hits != self->hits)
    {
      g_clear_pointer (&self->hits, g_array_unref);
      if (hits != NULL)
        self->hits = g_array_ref (hits);
    }
  self->selected_hit = selected;

  if (self->hits != NULL && selected >= 0 && (guint) selected < self->hits->len
      && self->model != NULL)
    {
      const RdFindHit *hit = &g_array_index (self->hits, RdFindHit, selected);
      double scale = rd_document_model_get_scale (self->model);
      double height = gtk_widget_get_height (GTK_WIDGET (self));
      double top;

      if (hit->page < n_pages (self))
        {
          /* bring the hit to a third of the height; good enough for a turned page too */
          top = page_rect (self, hit->page)->origin.y + hit->y * scale - height / 3;
          self->scrolling_to_page = TRUE;
          rd_document_model_set_page (self->model, hit->page);
          self->scrolling_to_page = FALSE;
          if (self->vadjustment != NULL)
            gtk_adjustment_set_value (self->vadjustment, top);
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rd_page_canvas_get_page_rect:
 *
 * The page's rectangle in widget coordinates (it may be off screen).
 */
void
rd_page_canvas_get_page_rect (RdPageCanvas    *self,
                              guint            page,
                              graphene_rect_t *rect)
{
  g_return_if_fail (RD_IS_PAGE_CANVAS (self));
  g_return_if_fail (rect != NULL);

  if (page >= n_pages (self))
    {
      graphene_rect_init (rect, 0, 0, 0, 0);
      return;
    }

  *rect = *page_rect (self, page);
  rect->origin.x -= hvalue (self);
  rect->origin.y -= vvalue (self);
}
