/* rd-pii-pool.c: many texts scanned by a pool of worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-pii-pool"

#include "config.h"

#include "rd-pii.h"

typedef struct
{
  RdPiiScanner      *scanner;
  const char *const *texts;
  const gsize       *lengths;
  guint              n_texts;
  RdPiiManyFunc      func;
  gpointer           user_data;
  gint               next;       /* the next text nobody has taken, atomically */
} Job;

typedef struct
{
  Job   *job;
  guint  index;
} Call;

static gboolean
forward_cb (const RdPiiFinding *finding,
            gpointer            user_data)
{
  Call *call = user_data;

  call->job->func (call->index, finding, call->job->user_data);
  return TRUE;
}

/* Each worker takes the next text until none is left. The files of a case are many and
 * small: taking them one by one from a counter costs an atomic add, where a queue would
 * cost a lock and a wake-up per file. */
static gpointer
worker (gpointer data)
{
  Job *job = data;

  for (;;)
    {
      Call call = { job, (guint) g_atomic_int_add (&job->next, 1) };

      if (call.index >= job->n_texts)
        return NULL;
      rd_pii_scanner_scan_foreach (job->scanner, job->texts[call.index],
                                   job->lengths[call.index], NULL, 0, forward_cb, &call);
    }
}

void
rd_pii_scanner_scan_many (RdPiiScanner      *self,
                          const char *const *texts,
                          const gsize       *lengths,
                          guint              n_texts,
                          guint              n_threads,
                          RdPiiManyFunc      func,
                          gpointer           user_data)
{
  Job job = { self, texts, lengths, n_texts, func, user_data, 0 };
  g_autoptr (GPtrArray) threads = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (texts != NULL || n_texts == 0);
  g_return_if_fail (lengths != NULL || n_texts == 0);
  g_return_if_fail (func != NULL);
  g_return_if_fail (n_texts <= G_MAXINT / 2);  /* the counter overshoots by a few */

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MIN (n_threads, MAX (n_texts, 1u));

  /* The calling thread is one of the workers. */
  threads = g_ptr_array_new ();
  for (guint i = 1; i < n_threads; i++)
    {
      g_autoptr (GError) error = NULL;
      GThread *thread = g_thread_try_new ("rd-pii-scan", worker, &job, &error);

      /* Out of threads: the ones running finish the work. */
      if (thread == NULL)
        {
          g_warning ("Cannot start a scanning thread: %s", error->message);
          break;
        }
      g_ptr_array_add (threads, thread);
    }
  worker (&job);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
}
