/* rd-render-queue.c: the render worker of one document
 *
 * One worker thread per document, since poppler serialises on the document lock
 * anyway: more threads would only wait on it and starve GIO's shared pool. Jobs are
 * taken by priority (visible pages, then thumbnails, then preloads), oldest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-render-queue"

#include "config.h"

#include "rd-render-queue.h"

struct _RdRenderQueue
{
  GObject      parent_instance;

  GThreadPool *pool;
  gint         shutting_down;
};

G_DEFINE_FINAL_TYPE (RdRenderQueue, rd_render_queue, G_TYPE_OBJECT)

static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  RdRenderJob *job_a = (RdRenderJob *) a;
  RdRenderJob *job_b = (RdRenderJob *) b;
  RdRenderPriority pa = rd_render_job_get_priority (job_a);
  RdRenderPriority pb = rd_render_job_get_priority (job_b);
  guint64 sa, sb;

  if (pa != pb)
    return pa < pb ? -1 : 1;

  sa = rd_render_job_get_serial (job_a);
  sb = rd_render_job_get_serial (job_b);
  return sa < sb ? -1 : (sa > sb ? 1 : 0);
}

static void
worker (gpointer data,
        gpointer user_data)
{
  RdRenderJob *job = data;
  RdRenderQueue *self = user_data;

  /* On shutdown, queued jobs are only dropped: they never ran, so hold no texture. */
  if (g_atomic_int_get (&self->shutting_down))
    {
      g_object_unref (job);
      return;
    }

  rd_render_job_run (job);
  /* This reference may be the last one once the view is done with the texture. */
  rd_render_job_release (job);
}

static void
rd_render_queue_finalize (GObject *object)
{
  RdRenderQueue *self = RD_RENDER_QUEUE (object);

  /* Wait for the job being rendered; the rest pass through worker() and are dropped. */
  g_atomic_int_set (&self->shutting_down, TRUE);
  g_thread_pool_free (self->pool, FALSE, TRUE);

  G_OBJECT_CLASS (rd_render_queue_parent_class)->finalize (object);
}

static void
rd_render_queue_class_init (RdRenderQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_render_queue_finalize;
}

static void
rd_render_queue_init (RdRenderQueue *self)
{
  self->pool = g_thread_pool_new (worker, self, 1, FALSE, NULL);
  g_thread_pool_set_sort_function (self->pool, compare_jobs, NULL);
}

RdRenderQueue *
rd_render_queue_new (void)
{
  return g_object_new (RD_TYPE_RENDER_QUEUE, NULL);
}

/**
 * rd_render_queue_push:
 * @self: a #RdRenderQueue
 * @job: the job; the queue keeps a reference until it has run
 *
 * Connect to #RdRenderJob::finished before pushing.
 */
void
rd_render_queue_push (RdRenderQueue *self,
                      RdRenderJob   *job)
{
  g_return_if_fail (RD_IS_RENDER_QUEUE (self));
  g_return_if_fail (RD_IS_RENDER_JOB (job));

  g_thread_pool_push (self->pool, g_object_ref (job), NULL);
}

guint
rd_render_queue_get_n_queued (RdRenderQueue *self)
{
  g_return_val_if_fail (RD_IS_RENDER_QUEUE (self), 0);

  return g_thread_pool_unprocessed (self->pool);
}
