/* rd-thumbnail-strip.c: a column of page thumbnails
 *
 * A GtkListView, so only the rows on screen exist: a row asks for its thumbnail when
 * bound and cancels the job when unbound (as Papers' sidebar does), and shows an
 * empty page of the right size meanwhile. Finished thumbnails stay in a table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-thumbnail-strip"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-gui-resources.h"
#include "rd-render-job.h"
#include "rd-thumbnail-strip.h"

struct _RdThumbnailStrip
{
  GtkWidget           parent_instance;

  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;

  RdDocumentModel    *model;
  GtkSingleSelection *selection;
  GHashTable         *textures;  /* page → GdkTexture */
  guint               n_pending;
  gboolean            syncing;
};

enum { PROP_0, PROP_MODEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdThumbnailStrip, rd_thumbnail_strip, GTK_TYPE_WIDGET)

static void
thumbnail_size (RdThumbnailStrip *self,
                guint             page,
                int              *width,
                int              *height)
{
  RdViewerDocument *document = rd_document_model_get_document (self->model);
  double w = 1, h = 1;

  rd_viewer_document_get_page_size (document, page, rd_document_model_get_rotation (self->model),
                                    &w, &h);
  *width = RD_THUMBNAIL_WIDTH;
  *height = MAX (1, (int) (RD_THUMBNAIL_WIDTH * h / w));
  /* a very tall page (a receipt) would take the whole strip */
  *height = MIN (*height, RD_THUMBNAIL_WIDTH * 3);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          RdThumbnailStrip         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
cancel_and_unref (gpointer data)
{
  rd_render_job_cancel (data);
  g_object_unref (data);
}

static void
thumbnail_finished_cb (RdRenderJob      *job,
                       GtkListItem      *item)
{
  RdThumbnailStrip *self = g_object_get_data (G_OBJECT (job), "rd-strip");
  GtkWidget *picture = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GdkTexture *texture = rd_render_job_get_texture (job);
  guint page = rd_render_job_get_page (job);

  self->n_pending--;
  if (texture != NULL)
    {
      g_hash_table_insert (self->textures, GUINT_TO_POINTER (page), g_object_ref (texture));
      gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
    }

  g_signal_handlers_disconnect_by_data (job, item);
  g_object_set_data (G_OBJECT (item), "rd-job", NULL);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         RdThumbnailStrip         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  guint page = gtk_list_item_get_position (item);
  RdRenderQueue *queue = rd_document_model_get_render_queue (self->model);
  GdkTexture *texture;
  g_autofree char *number = g_strdup_printf ("%u", page + 1);
  g_autofree char *name = NULL;
  int width, height;

  gtk_label_set_text (GTK_LABEL (label), number);
  /* Translators: accessible name of a thumbnail; %u is the page number */
  name = g_strdup_printf (_("Page %u"), page + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  thumbnail_size (self, page, &width, &height);
  gtk_widget_set_size_request (picture, width, height);

  texture = g_hash_table_lookup (self->textures, GUINT_TO_POINTER (page));
  if (texture != NULL || queue == NULL)
    {
      gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
      return;
    }

  {
    g_autoptr (GdkPaintable) empty = gdk_paintable_new_empty (width, height);
    double w, h, scale;
    RdRenderJob *job;

    gtk_picture_set_paintable (GTK_PICTURE (picture), empty);

    rd_viewer_document_get_page_size (rd_document_model_get_document (self->model), page,
                                      rd_document_model_get_rotation (self->model), &w, &h);
    scale = MIN (width / w, height / h) * gtk_widget_get_scale_factor (GTK_WIDGET (self));

    job = rd_render_job_new (rd_document_model_get_document (self->model), page, scale,
                             rd_document_model_get_rotation (self->model),
                             RD_RENDER_PRIORITY_THUMBNAIL);
    g_object_set_data (G_OBJECT (job), "rd-strip", self);
    g_signal_connect (job, "finished", G_CALLBACK (thumbnail_finished_cb), item);
    g_object_set_data_full (G_OBJECT (item), "rd-job", job, cancel_and_unref);
    self->n_pending++;
    rd_render_queue_push (queue, job);
  }
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RdThumbnailStrip         *self)
{
  RdRenderJob *job = g_object_get_data (G_OBJECT (item), "rd-job");

  /* scrolled out of view before its thumbnail came: drop the work */
  if (job != NULL)
    {
      self->n_pending--;
      g_signal_handlers_disconnect_by_data (job, item);
      g_object_set_data (G_OBJECT (item), "rd-job", NULL);
    }
}

static void
selection_changed_cb (RdThumbnailStrip *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->syncing || self->model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  self->syncing = TRUE;
  rd_document_model_set_page (self->model, selected);
  self->syncing = FALSE;
}

static void
model_page_cb (RdThumbnailStrip *self)
{
  guint page = rd_document_model_get_page (self->model);

  if (self->syncing)
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, page);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", page);
  self->syncing = FALSE;
}

static void
reload (RdThumbnailStrip *self)
{
  g_autoptr (GtkStringList) pages = gtk_string_list_new (NULL);
  guint n = self->model != NULL ? rd_document_model_get_n_pages (self->model) : 0;

  g_hash_table_remove_all (self->textures);

  /* one row per page; the row's position is the page */
  for (guint i = 0; i < n; i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", i + 1);
      gtk_string_list_append (pages, number);
    }

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (pages));
  if (n > 0)
    {
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->selection, rd_document_model_get_page (self->model));
      self->syncing = FALSE;
    }
}

static void
rd_thumbnail_strip_dispose (GObject *object)
{
  RdThumbnailStrip *self = RD_THUMBNAIL_STRIP (object);

  rd_thumbnail_strip_set_model (self, NULL);
  /* unbinds every row, which cancels its job */
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_THUMBNAIL_STRIP);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (rd_thumbnail_strip_parent_class)->dispose (object);
}

static void
rd_thumbnail_strip_finalize (GObject *object)
{
  RdThumbnailStrip *self = RD_THUMBNAIL_STRIP (object);

  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (rd_thumbnail_strip_parent_class)->finalize (object);
}

static void
rd_thumbnail_strip_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RdThumbnailStrip *self = RD_THUMBNAIL_STRIP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_thumbnail_strip_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RdThumbnailStrip *self = RD_THUMBNAIL_STRIP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      rd_thumbnail_strip_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_thumbnail_strip_class_init (RdThumbnailStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_thumbnail_strip_dispose;
  object_class->finalize = rd_thumbnail_strip_finalize;
  object_class->get_property = rd_thumbnail_strip_get_property;
  object_class->set_property = rd_thumbnail_strip_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, RD_TYPE_DOCUMENT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resource lives in a static library: naming it keeps the linker from
   * dropping it, and its constructor registers it. */
  (void) rd_gui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-thumbnail-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, RdThumbnailStrip, scroller);
  gtk_widget_class_bind_template_child (widget_class, RdThumbnailStrip, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-thumbnail-strip");
}

static void
rd_thumbnail_strip_init (RdThumbnailStrip *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
rd_thumbnail_strip_new (void)
{
  return g_object_new (RD_TYPE_THUMBNAIL_STRIP, NULL);
}

RdDocumentModel *
rd_thumbnail_strip_get_model (RdThumbnailStrip *self)
{
  g_return_val_if_fail (RD_IS_THUMBNAIL_STRIP (self), NULL);
  return self->model;
}

void
rd_thumbnail_strip_set_model (RdThumbnailStrip *self,
                              RdDocumentModel  *model)
{
  g_return_if_fail (RD_IS_THUMBNAIL_STRIP (self));
  g_return_if_fail (model == NULL || RD_IS_DOCUMENT_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  g_set_object (&self->model, model);

  if (model != NULL)
    {
      g_signal_connect_swapped (model, "notify::document", G_CALLBACK (reload), self);
      g_signal_connect_swapped (model, "notify::rotation", G_CALLBACK (reload), self);
      g_signal_connect_swapped (model, "notify::page", G_CALLBACK (model_page_cb), self);
    }

  if (self->selection != NULL)
    reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * rd_thumbnail_strip_get_vadjustment:
 *
 * Returns: (transfer none): the strip's vertical scroll position
 */
GtkAdjustment *
rd_thumbnail_strip_get_vadjustment (RdThumbnailStrip *self)
{
  g_return_val_if_fail (RD_IS_THUMBNAIL_STRIP (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

guint
rd_thumbnail_strip_get_n_rendered (RdThumbnailStrip *self)
{
  g_return_val_if_fail (RD_IS_THUMBNAIL_STRIP (self), 0);
  return g_hash_table_size (self->textures);
}

guint
rd_thumbnail_strip_get_n_pending (RdThumbnailStrip *self)
{
  g_return_val_if_fail (RD_IS_THUMBNAIL_STRIP (self), 0);
  return self->n_pending;
}
