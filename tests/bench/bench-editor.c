/* bench-editor.c: the redaction editor on a large transcript, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-editor CORPUS.txt
 *   The first 2 MiB of CORPUS (pii-corpus-gen.py --text), cut at a line end, is a year of a
 *   busy customer's chats: some 40,000 findings.
 *
 * Prints, beside its goal: the time from opening the transcript to its findings on screen, the
 * longest the window stops answering meanwhile and in the two seconds after (while the text
 * view lays the transcript out), and the longest stall when one finding is redacted
 * (bench-stall.h). Exits 1 when a goal is missed.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-redaction-editor.h"
#include "rd-redaction-set.h"
#include "rd-store.h"
#include "../ui/ui-util.h"
#include "bench-stall.h"

#define TRANSCRIPT_SIZE (2 * 1024 * 1024)

static gboolean failed;

static gboolean
findings_shown (gpointer data)
{
  RdRedactionEditor *editor = data;
  RdRedactionSet *set = rd_redaction_editor_get_set (editor);

  return !rd_redaction_editor_get_busy (editor) && set != NULL &&
         g_list_model_get_n_items (G_LIST_MODEL (set)) > 0;
}

static GBytes *
read_transcript (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text;
  gsize length;
  const char *cut;

  if (!g_file_get_contents (path, &text, &length, &error))
    g_error ("%s", error->message);
  if (length > TRANSCRIPT_SIZE)
    {
      /* At a line end, so that no character is cut in two. */
      cut = g_strrstr_len (text, TRANSCRIPT_SIZE, "\n");
      length = cut != NULL ? (gsize) (cut - text) + 1 : TRANSCRIPT_SIZE;
    }
  return g_bytes_new_take (text, length);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) draft = rd_case_new ();
  g_autoptr (GBytes) transcript = NULL;
  g_autofree char *dir = NULL, *db = NULL;
  const char *emails[] = { "anna.schmidt@example.org", NULL };
  GtkWidget *window, *editor;
  RdRedactionSet *set;
  BenchStall stall = { 0 };
  gint64 document_id, start;
  GDate received;

  if (argc != 2)
    {
      g_printerr ("usage: bench-editor CORPUS.txt\n");
      return 2;
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();

  transcript = read_transcript (argv[1]);
  dir = g_dir_make_tmp ("rightsdesk-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "cases.db", NULL);
  store = rd_store_open (db, &error);
  g_assert_no_error (error);

  g_date_clear (&received, 1);
  g_date_set_dmy (&received, 2, G_DATE_NOVEMBER, 2026);
  rd_case_set_client (draft, "Acme Retail");
  rd_case_set_jurisdiction (draft, "eu-gdpr");
  rd_case_set_request_type (draft, RD_REQUEST_ACCESS);
  rd_case_set_received (draft, &received);
  rd_case_set_subject_name (draft, "Anna Schmidt");
  rd_case_set_subject_emails (draft, emails);
  g_assert_true (rd_store_add_case (store, draft, &error));
  document_id = rd_store_add_document (store, rd_case_get_reference (draft), "transcript",
                                       "chat-history.txt", "text/plain", transcript, "upload",
                                       &error);
  g_assert_no_error (error);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  editor = rd_redaction_editor_new (store);
  adw_window_set_content (ADW_WINDOW (window), editor);
  /* The transcript is opened with the window, as from a case page. */
  gtk_window_present (GTK_WINDOW (window));

  g_print ("transcript: %.1f MiB\n", g_bytes_get_size (transcript) / 1048576.0);

  /* Open: reading and the scan run in threads; the window keeps answering. */
  bench_stall_start (&stall);
  start = g_get_monotonic_time ();
  if (!rd_redaction_editor_load_document (RD_REDACTION_EDITOR (editor),
                                          rd_case_get_reference (draft), document_id, &error))
    g_error ("%s", error->message);
  if (!ui_wait_until (findings_shown, editor, 120000))
    g_error ("no findings after 120 s");
  set = rd_redaction_editor_get_set (RD_REDACTION_EDITOR (editor));
  g_print ("findings: %u\n", g_list_model_get_n_items (G_LIST_MODEL (set)));
  bench_figure ("open to findings shown", (g_get_monotonic_time () - start) / 1e6, "s", 5,
                &failed);
  ui_settle (2000);
  bench_figure ("open: longest main-loop stall, to 2 s after", bench_stall_ms (&stall), "ms",
                1000, &failed);

  /* One decision: the text shows it redacted. */
  bench_stall_start (&stall);
  g_assert_true (rd_redaction_set_decide (set, g_list_model_get_n_items (G_LIST_MODEL (set)) / 2,
                                          RD_REDACTION_ACCEPTED, NULL, &error));
  ui_settle (1000);
  bench_figure ("one finding redacted: longest main-loop stall", bench_stall_ms (&stall), "ms",
                500, &failed);

  bench_stall_stop (&stall);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_settle (100);
  g_clear_object (&store);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return failed ? 1 : 0;
}
