/* rd-document-model.c: what the viewer shows: document, page, zoom, rotation
 *
 * The view, the toolbar and the thumbnail strip bind to this (as Papers' document
 * model); it also owns the document's render queue, so all of them share one worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-document-model"

#include "config.h"

#include <math.h>

#include "rd-document-model.h"

G_DEFINE_ENUM_TYPE (RdSizingMode, rd_sizing_mode,
                    G_DEFINE_ENUM_VALUE (RD_SIZING_FIT_WIDTH, "fit-width"),
                    G_DEFINE_ENUM_VALUE (RD_SIZING_FIT_PAGE, "fit-page"),
                    G_DEFINE_ENUM_VALUE (RD_SIZING_FREE, "free"))

struct _RdDocumentModel
{
  GObject           parent_instance;

  RdViewerDocument *document;
  RdRenderQueue    *queue;
  guint             page;
  double            scale;
  RdSizingMode      sizing_mode;
  guint             rotation;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_SCALE,
  PROP_SIZING_MODE,
  PROP_ROTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdDocumentModel, rd_document_model, G_TYPE_OBJECT)

static void
rd_document_model_dispose (GObject *object)
{
  RdDocumentModel *self = RD_DOCUMENT_MODEL (object);

  g_clear_object (&self->document);
  g_clear_object (&self->queue);

  G_OBJECT_CLASS (rd_document_model_parent_class)->dispose (object);
}

static void
rd_document_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdDocumentModel *self = RD_DOCUMENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, rd_document_model_get_n_pages (self));
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_SIZING_MODE:
      g_value_set_enum (value, self->sizing_mode);
      break;
    case PROP_ROTATION:
      g_value_set_uint (value, self->rotation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_document_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RdDocumentModel *self = RD_DOCUMENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      rd_document_model_set_document (self, g_value_get_object (value));
      break;
    case PROP_PAGE:
      rd_document_model_set_page (self, g_value_get_uint (value));
      break;
    case PROP_SCALE:
      rd_document_model_set_scale (self, g_value_get_double (value));
      break;
    case PROP_SIZING_MODE:
      rd_document_model_set_sizing_mode (self, g_value_get_enum (value));
      break;
    case PROP_ROTATION:
      rd_document_model_set_rotation (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_document_model_class_init (RdDocumentModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_document_model_dispose;
  object_class->get_property = rd_document_model_get_property;
  object_class->set_property = rd_document_model_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, RD_TYPE_VIEWER_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0.001, RD_DOCUMENT_MODEL_MAX_SCALE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZING_MODE] =
    g_param_spec_enum ("sizing-mode", NULL, NULL, RD_TYPE_SIZING_MODE, RD_SIZING_FIT_WIDTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATION] =
    g_param_spec_uint ("rotation", NULL, NULL, 0, 270, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_document_model_init (RdDocumentModel *self)
{
  self->scale = 1.0;
  self->sizing_mode = RD_SIZING_FIT_WIDTH;
}

RdDocumentModel *
rd_document_model_new (void)
{
  return g_object_new (RD_TYPE_DOCUMENT_MODEL, NULL);
}

RdViewerDocument *
rd_document_model_get_document (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), NULL);
  return self->document;
}

void
rd_document_model_set_document (RdDocumentModel  *self,
                                RdViewerDocument *document)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (document == NULL || RD_IS_VIEWER_DOCUMENT (document));

  if (self->document == document)
    return;

  /* A new queue per document: the old one drops its queued jobs when released. */
  g_clear_object (&self->queue);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->queue = rd_render_queue_new ();

  g_object_freeze_notify (G_OBJECT (self));
  if (self->page != 0)
    {
      self->page = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rd_document_model_get_render_queue:
 *
 * Returns: (transfer none) (nullable): the current document's queue
 */
RdRenderQueue *
rd_document_model_get_render_queue (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), NULL);
  return self->queue;
}

guint
rd_document_model_get_n_pages (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), 0);

  return self->document != NULL ? rd_viewer_document_get_n_pages (self->document) : 0;
}

guint
rd_document_model_get_page (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), 0);
  return self->page;
}

void
rd_document_model_set_page (RdDocumentModel *self,
                            guint            page)
{
  guint n_pages;

  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));

  n_pages = rd_document_model_get_n_pages (self);
  page = n_pages == 0 ? 0 : MIN (page, n_pages - 1);

  if (self->page == page)
    return;

  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

double
rd_document_model_get_scale (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), 1.0);
  return self->scale;
}

static void
update_scale (RdDocumentModel *self,
              double           scale)
{
  if (!isfinite (scale) || fabs (self->scale - scale) < 1e-9)
    return;

  self->scale = CLAMP (scale, 0.001, RD_DOCUMENT_MODEL_MAX_SCALE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

/**
 * rd_document_model_set_scale:
 *
 * A zoom chosen by the person: clamped to 25–800 % and leaves the fit modes.
 */
void
rd_document_model_set_scale (RdDocumentModel *self,
                             double           scale)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));

  rd_document_model_set_sizing_mode (self, RD_SIZING_FREE);
  update_scale (self, CLAMP (scale, RD_DOCUMENT_MODEL_MIN_SCALE, RD_DOCUMENT_MODEL_MAX_SCALE));
}

/**
 * rd_document_model_set_fit_scale:
 *
 * The scale the view computed for the fit mode; may be below 25 % for a large photo.
 */
void
rd_document_model_set_fit_scale (RdDocumentModel *self,
                                 double           scale)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));

  update_scale (self, scale);
}

void
rd_document_model_zoom_in (RdDocumentModel *self,
                           double           factor)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (factor >= 1.0);

  rd_document_model_set_sizing_mode (self, RD_SIZING_FREE);
  /* From below 25 % (a fitted photo) zooming in must not jump to 25 % at once. */
  update_scale (self, MIN (self->scale * factor, RD_DOCUMENT_MODEL_MAX_SCALE));
}

void
rd_document_model_zoom_out (RdDocumentModel *self,
                            double           factor)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (factor >= 1.0);

  rd_document_model_set_sizing_mode (self, RD_SIZING_FREE);
  /* Never below 25 %, and never larger when already below it. */
  update_scale (self, MAX (self->scale / factor,
                           MIN (self->scale, RD_DOCUMENT_MODEL_MIN_SCALE)));
}

RdSizingMode
rd_document_model_get_sizing_mode (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), RD_SIZING_FREE);
  return self->sizing_mode;
}

void
rd_document_model_set_sizing_mode (RdDocumentModel *self,
                                   RdSizingMode     mode)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (mode <= RD_SIZING_FREE);

  if (self->sizing_mode == mode)
    return;

  self->sizing_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZING_MODE]);
}

guint
rd_document_model_get_rotation (RdDocumentModel *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_MODEL (self), 0);
  return self->rotation;
}

void
rd_document_model_set_rotation (RdDocumentModel *self,
                                guint            rotation)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (rotation % 90 == 0);

  rotation %= 360;
  if (self->rotation == rotation)
    return;

  self->rotation = rotation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
}

/* degrees: +90 turns clockwise, -90 counter-clockwise */
void
rd_document_model_rotate (RdDocumentModel *self,
                          int              degrees)
{
  g_return_if_fail (RD_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (degrees % 90 == 0);

  rd_document_model_set_rotation (self, (guint) (((int) self->rotation + degrees) % 360 + 360) % 360);
}
