/* rd-redaction-scan.c
 *
 * The one place where the editor meets the detector (rd-pii). Until rd-pii lands on this
 * branch, a stand-in that finds e-mail addresses keeps the editor usable; the stand-in goes
 * once rd-pii.h is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction-scan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-error.h"
#include "rd-redaction-scan.h"
#include "rd-redaction.h"

#include "rd-pii.h"

/* Texts larger than this are scanned in pieces, cut at turns or lines. */
#define PIECE_BYTES (1u << 20)

typedef struct
{
  RdPiiScanner            *scanner;
  RdTranscript            *transcript;
  char                    *reason;
  RdRedactionScanProgress  progress;
  gpointer                 progress_data;
  GMainContext            *context;
  GTask                   *task;        /* not owned: set while a thread runs the scan */
  guint                    last_permille;
} Scan;

static void
scan_free (Scan *scan)
{
  g_clear_pointer (&scan->scanner, rd_pii_scanner_unref);
  g_clear_object (&scan->transcript);
  g_free (scan->reason);
  g_clear_pointer (&scan->context, g_main_context_unref);
  g_free (scan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scan, scan_free)

static Scan *
scan_new (RdTranscript *transcript,
          RdCase       *subject_case,
          const char   *reason)
{
  Scan *scan = g_new0 (Scan, 1);

  scan->transcript = g_object_ref (transcript);
  scan->reason = g_strdup (reason);

  scan->scanner = rd_pii_scanner_new ();
  if (subject_case != NULL)
    {
      const char * const *list;

      if (rd_case_get_subject_name (subject_case) != NULL)
        rd_pii_scanner_add_subject_name (scan->scanner, rd_case_get_subject_name (subject_case));
      for (list = rd_case_get_subject_emails (subject_case); list && *list; list++)
        rd_pii_scanner_add_subject_email (scan->scanner, *list);
      for (list = rd_case_get_subject_phones (subject_case); list && *list; list++)
        rd_pii_scanner_add_subject_phone (scan->scanner, *list);
      for (list = rd_case_get_subject_accounts (subject_case); list && *list; list++)
        rd_pii_scanner_add_subject_account (scan->scanner, *list);
    }

  return scan;
}

/* ------------------------------------------------------------------------------------------ */
/* Progress, handed to the thread that asked */

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressReport;

static gboolean
report_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  Scan *scan = g_task_get_task_data (report->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    scan->progress (report->fraction, scan->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_object_unref (report->task);
  g_free (report);
}

static void
report_progress (Scan   *scan,
                 gsize   done,
                 gsize   length)
{
  ProgressReport *report;
  guint permille = length ? (guint) ((double) done / length * 1000) : 1000;

  if (scan->task == NULL || scan->progress == NULL || permille < scan->last_permille + 10)
    return;
  scan->last_permille = permille;

  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (scan->task);
  report->fraction = permille / 1000.0;
  g_main_context_invoke_full (scan->context, G_PRIORITY_DEFAULT, report_progress_cb, report,
                              progress_report_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Detection */

typedef struct
{
  Scan         *scan;
  GPtrArray    *out;
  gsize         base;
  GCancellable *cancellable;
} Collect;

static void
propose (Collect    *collect,
         gsize       start,
         gsize       end,
         const char *entity,
         gboolean    subject)
{
  RdRedaction *r;

  /* The requester's own data stays in an access response; everyone else's is proposed. */
  r = rd_redaction_new (collect->base + start, collect->base + end, entity,
                        subject ? NULL : collect->scan->reason,
                        subject ? RD_REDACTION_REJECTED : RD_REDACTION_PROPOSED);
  r->subject = subject;
  g_ptr_array_add (collect->out, r);
}


static gboolean
finding_cb (const RdPiiFinding *finding,
            gpointer            user_data)
{
  Collect *collect = user_data;

  propose (collect, finding->start, finding->end, rd_pii_entity_to_string (finding->entity),
           finding->subject);
  return !g_cancellable_is_cancelled (collect->cancellable);
}

static void
scan_piece (Collect    *collect,
            const char *text,
            gsize       length,
            gsize       base)
{
  RdTranscript *transcript = collect->scan->transcript;
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (RdPiiTurn));

  for (guint i = 0; i < rd_transcript_get_n_turns (transcript); i++)
    {
      const RdTurn *turn = rd_transcript_get_turn (transcript, i);
      RdPiiTurn piece_turn;

      if (turn->end <= base || turn->start >= base + length)
        continue;
      piece_turn.start = MAX (turn->start, base) - base;
      piece_turn.end = MIN (turn->end, base + length) - base;
      piece_turn.speaker = turn->speaker;
      g_array_append_val (turns, piece_turn);
    }

  collect->base = base;
  rd_pii_scanner_scan_foreach (collect->scan->scanner, text + base, length,
                               (const RdPiiTurn *) (gpointer) turns->data, turns->len,
                               finding_cb, collect);
}


/* The end of the piece starting at @start: the first turn (or line) start past PIECE_BYTES. */
static gsize
piece_end (RdTranscript *transcript,
           const char   *text,
           gsize         length,
           gsize         start)
{
  gsize want = start + PIECE_BYTES;
  const RdTurn *turn;
  const char *newline;

  if (want >= length)
    return length;

  turn = rd_transcript_turn_at (transcript, want);
  if (turn != NULL && turn->end > want && turn->end < length && turn->end - want < PIECE_BYTES)
    return turn->end;

  newline = memchr (text + want, '\n', length - want);
  return newline ? (gsize) (newline - text) + 1 : length;
}

static GPtrArray *
run_scan (Scan          *scan,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  Collect collect = { scan, out, 0, cancellable };
  const char *text;
  gsize length, start = 0;

  text = rd_transcript_get_text (scan->transcript, &length);
  while (start < length)
    {
      gsize end = piece_end (scan->transcript, text, length, start);

      scan_piece (&collect, text, end - start, start);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      report_progress (scan, end, length);
      start = end;
    }

  return g_steal_pointer (&out);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Scan *scan = task_data;
  GError *error = NULL;
  GPtrArray *out;

  scan->task = task;
  out = run_scan (scan, cancellable, &error);
  scan->task = NULL;

  if (out == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, out, (GDestroyNotify) g_ptr_array_unref);
}

void
rd_redaction_scan_async (RdTranscript            *transcript,
                         RdCase                  *subject_case,
                         const char              *reason,
                         GCancellable            *cancellable,
                         RdRedactionScanProgress  progress,
                         gpointer                 progress_data,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr (GTask) task = NULL;
  Scan *scan;

  g_return_if_fail (RD_IS_TRANSCRIPT (transcript));
  g_return_if_fail (subject_case == NULL || RD_IS_CASE (subject_case));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  scan = scan_new (transcript, subject_case, reason);
  scan->progress = progress;
  scan->progress_data = progress_data;
  scan->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_redaction_scan_async);
  g_task_set_task_data (task, scan, (GDestroyNotify) scan_free);
  g_task_run_in_thread (task, scan_thread);
}

GPtrArray *
rd_redaction_scan_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_redaction_scan_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
rd_redaction_scan (RdTranscript  *transcript,
                   RdCase        *subject_case,
                   const char    *reason,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr (Scan) scan = NULL;

  g_return_val_if_fail (RD_IS_TRANSCRIPT (transcript), NULL);
  g_return_val_if_fail (subject_case == NULL || RD_IS_CASE (subject_case), NULL);

  scan = scan_new (transcript, subject_case, reason);
  return run_scan (scan, cancellable, error);
}
