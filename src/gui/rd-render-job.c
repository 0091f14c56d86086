/* rd-render-job.c: one page to render off the main thread
 *
 * A job is created on the main thread, run by an RdRenderQueue worker, and reports
 * back with ::finished on the main context it was created in, like Papers' PpsJob.
 * Cancelled jobs stay silent, so a view that cancels on dispose is never called back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-render-job"

#include "config.h"

#include "rd-render-job.h"

struct _RdRenderJob
{
  GObject           parent_instance;

  RdViewerDocument *document;
  GMainContext     *context;
  GCancellable     *cancellable;
  guint             page;
  double            scale;
  guint             rotation;
  RdRenderPriority  priority;
  guint64           serial;

  /* written by the worker before ::finished is scheduled, read after */
  GdkTexture       *texture;
  GError           *error;
  gboolean          finished;
};

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdRenderJob, rd_render_job, G_TYPE_OBJECT)

static void
rd_render_job_finalize (GObject *object)
{
  RdRenderJob *self = RD_RENDER_JOB (object);

  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (rd_render_job_parent_class)->finalize (object);
}

static void
rd_render_job_class_init (RdRenderJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_render_job_finalize;

  /**
   * RdRenderJob::finished:
   *
   * The texture or the error is ready. Emitted on the main context.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_render_job_init (RdRenderJob *self)
{
  self->cancellable = g_cancellable_new ();
}

RdRenderJob *
rd_render_job_new (RdViewerDocument *document,
                   guint             page,
                   double            scale,
                   guint             rotation,
                   RdRenderPriority  priority)
{
  static guint64 next_serial;
  RdRenderJob *self;

  g_return_val_if_fail (RD_IS_VIEWER_DOCUMENT (document), NULL);

  self = g_object_new (RD_TYPE_RENDER_JOB, NULL);
  self->document = g_object_ref (document);
  self->context = g_main_context_ref_thread_default ();
  self->page = page;
  self->scale = scale;
  self->rotation = rotation;
  self->priority = priority;
  self->serial = ++next_serial;

  return self;
}

guint
rd_render_job_get_page (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), 0);
  return self->page;
}

double
rd_render_job_get_scale (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), 0);
  return self->scale;
}

guint
rd_render_job_get_rotation (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), 0);
  return self->rotation;
}

RdRenderPriority
rd_render_job_get_priority (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), 0);
  return self->priority;
}

guint64
rd_render_job_get_serial (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), 0);
  return self->serial;
}

void
rd_render_job_cancel (RdRenderJob *self)
{
  g_return_if_fail (RD_IS_RENDER_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
rd_render_job_is_cancelled (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), TRUE);
  return g_cancellable_is_cancelled (self->cancellable);
}

gboolean
rd_render_job_is_finished (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), FALSE);
  return self->finished;
}

GdkTexture *
rd_render_job_get_texture (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), NULL);
  return self->texture;
}

const GError *
rd_render_job_get_error (RdRenderJob *self)
{
  g_return_val_if_fail (RD_IS_RENDER_JOB (self), NULL);
  return self->error;
}

static gboolean
emit_finished (gpointer user_data)
{
  RdRenderJob *self = user_data;

  /* cancelled between the worker and now: the consumer has moved on */
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      self->finished = TRUE;
      g_signal_emit (self, signals[FINISHED], 0);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
release_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* Calls @func with @self on the job's context, holding a reference until then. Always by a
 * source: g_main_context_invoke () would call it at once in the worker whenever no thread
 * owns the context at that moment, as between two iterations of a loop. */
static void
call_on_context (RdRenderJob *self,
                 GSourceFunc  func)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_HIGH_IDLE);
  g_source_set_callback (source, func, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* GTK frees the GPU copy of a texture it has drawn when the texture goes, and only on the main
 * thread: a job whose texture was shown must not be finalized by a worker. */
void
rd_render_job_release (RdRenderJob *self)
{
  g_return_if_fail (RD_IS_RENDER_JOB (self));

  call_on_context (self, release_cb);
  g_object_unref (self);  /* not the last: the source holds one */
}

void
rd_render_job_run (RdRenderJob *self)
{
  g_return_if_fail (RD_IS_RENDER_JOB (self));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->texture = rd_viewer_document_render_page (self->document, self->page, self->scale,
                                                  self->rotation, self->cancellable,
                                                  &self->error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  call_on_context (self, emit_finished);
}
