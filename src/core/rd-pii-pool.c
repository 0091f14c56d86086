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
  RdPiiManyFunc      func;
  gpointer           user_data;
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

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = user_data;
  Call call = { job, GPOINTER_TO_UINT (data) - 1 };

  rd_pii_scanner_scan_foreach (job->scanner, job->texts[call.index], job->lengths[call.index],
                               NULL, 0, forward_cb, &call);
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
  Job job = { self, texts, lengths, func, user_data };
  GThreadPool *pool;

  g_return_if_fail (self != NULL);
  g_return_if_fail (texts != NULL || n_texts == 0);
  g_return_if_fail (lengths != NULL || n_texts == 0);
  g_return_if_fail (func != NULL);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();

  /* One text is one task: the files of a case are many and small, so whole files balance. */
  pool = g_thread_pool_new (worker, &job, n_threads, TRUE, NULL);
  for (guint i = 0; i < n_texts; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}
