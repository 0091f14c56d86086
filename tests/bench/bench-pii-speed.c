/* bench-pii-speed.c: throughput and memory of rd-pii on a large corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-pii-speed CORPUS.txt [PROSE.txt]
 *   CORPUS: pii-corpus-gen.py --text (documents separated by form feeds)
 *   PROSE: plain text without personal data, repeated to the corpus's size; by default the
 *   GNU GPL as Debian ships it (/usr/share/common-licenses/GPL-3)
 *
 * Prints MB/s (MB = 2^20 bytes) for: the whole corpus as one text on one core, each document in
 * turn on one core, the documents as many files on a pool of 1 and 2 workers, plain prose on
 * one core and as many files (one copy of it each) on 1 and 2 workers, the `pii scan` and
 * `redact` commands of $RIGHTSDESK_CLI on the corpus file; and the peak memory a scan adds
 * beyond the text, for a tenth of the corpus and for all of it. Wall-clock figures depend on
 * what else the machine runs, so the one-core figures are also given by the CPU time of the
 * scanning thread, the pool figures with the CPU time of the process (CPU/wall near 2 shows
 * both cores at work), and the load average is printed before and after.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "rd-pii.h"

static gint64 counted;

static gboolean
count_cb (const RdPiiFinding *finding,
          gpointer            user_data)
{
  (*(guint64 *) user_data)++;
  return TRUE;
}

static void
count_many_cb (guint               index,
               const RdPiiFinding *finding,
               gpointer            user_data)
{
  g_atomic_int_inc ((gint *) user_data);
}

/* Peak resident memory in KiB since the last reset (Linux). */
static long
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static void
reset_peak (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static double
cpu_seconds (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
print_load (const char *when)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("load average %s: %s", when, load);
}

/* The best wall-clock time of @runs scans, and the best CPU time of the thread in @cpu. */
static double
best_of (int          runs,
         RdPiiScanner *scanner,
         const char  *text,
         gsize        length,
         guint64     *findings,
         double      *cpu)
{
  double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
      *findings = 0;
      rd_pii_scanner_scan_foreach (scanner, text, length, NULL, 0, count_cb, findings);
      best_cpu = MIN (best_cpu, cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - c0);
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  if (cpu)
    *cpu = best_cpu;
  return best;
}

/* Scans @n_texts texts with a pool of @threads workers: the best of three, with the process's
 * CPU time over the wall-clock time (near 2 when both cores work). */
static void
pool_line (const char         *what,
           RdPiiScanner       *scanner,
           const char *const  *texts,
           const gsize        *lengths,
           guint               n_texts,
           guint               threads,
           double              mb)
{
  double best = G_MAXDOUBLE, best_cpu = 0;
  g_autofree char *label = g_strdup_printf ("%s, pool of %u worker%s", what, threads,
                                            threads > 1 ? "s" : "");

  for (int r = 0; r < 3; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds (CLOCK_PROCESS_CPUTIME_ID), wall;

      counted = 0;
      rd_pii_scanner_scan_many (scanner, texts, lengths, n_texts, threads, count_many_cb,
                                &counted);
      wall = (g_get_monotonic_time () - t0) / 1e6;
      if (wall < best)
        {
          best = wall;
          best_cpu = cpu_seconds (CLOCK_PROCESS_CPUTIME_ID) - c0;
        }
    }
  printf ("%-34s %8.1f MB/s  (%.3f s, CPU/wall %.2f)\n", label, mb / best, best,
          best_cpu / best);
}

/* A command of $RIGHTSDESK_CLI on the corpus file, as a user runs it: reading, decoding,
 * scanning and writing. The best of three, and the peak memory of the command. */
static void
command_line (const char  *label,
              const char **argv,
              double       mb)
{
  double best = G_MAXDOUBLE;
  struct rusage usage;

  for (int r = 0; r < 3; r++)
    {
      g_autoptr (GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                         NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          printf ("%s: failed: %s\n", label, error->message);
          return;
        }
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  /* The largest of the children so far: run the hungrier command last. */
  getrusage (RUSAGE_CHILDREN, &usage);
  printf ("%-34s %8.1f MB/s  (%.3f s, peak memory %.0f MiB)\n", label, mb / best, best,
          usage.ru_maxrss / 1024.0);
}

/* `pii scan --json`, then `redact` to text with its JSON log. */
static void
commands (const char *corpus,
          double      mb)
{
  const char *cli = g_getenv ("RIGHTSDESK_CLI");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *out = NULL, *log = NULL;

  if (cli == NULL)
    {
      printf ("the commands: RIGHTSDESK_CLI is not set, skipped\n");
      return;
    }
  dir = g_dir_make_tmp ("bench-pii-XXXXXX", &error);
  if (dir == NULL)
    {
      printf ("the commands: %s\n", error->message);
      return;
    }
  out = g_build_filename (dir, "redacted.txt", NULL);
  log = g_build_filename (dir, "log.json", NULL);
  {
    const char *scan[] = { cli, "pii", "scan", corpus, "--json", NULL };
    const char *redact[] = { cli, "redact", corpus, "--out", out, "--log", log, NULL };

    command_line ("pii scan --json, the command", scan, mb);
    command_line ("redact --log, the command", redact, mb);
  }
  g_remove (out);
  g_remove (log);
  g_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdPiiScanner) scanner = NULL;
  g_autoptr (GPtrArray) docs = g_ptr_array_new ();
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *text = NULL;
  gsize length;
  double mb, t, cpu, one_core;
  guint64 findings = 0;
  long before, peak_small, peak_all;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS.txt [PROSE.txt]\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  mb = length / 1048576.0;
  scanner = rd_pii_scanner_new ();
  rd_pii_scanner_add_subject_name (scanner, "Anna Schmidt");

  /* Split at the form feeds into documents, in place. */
  for (char *p = text, *q; p < text + length; p = q + 1)
    {
      gsize n;
      q = memchr (p, '\f', text + length - p);
      if (q == NULL)
        q = text + length;
      n = q - p;
      g_ptr_array_add (docs, p);
      g_array_append_val (lengths, n);
    }

  printf ("rd-pii throughput on %s: %.1f MB, %u documents\n", argv[1], mb, docs->len);
  print_load ("before");
  printf ("\n%-34s %13s %13s\n", "", "wall clock", "CPU time");

  /* Warm up: page the text in. */
  best_of (1, scanner, text, length, &findings, NULL);

  t = best_of (5, scanner, text, length, &findings, &cpu);
  printf ("%-34s %8.1f MB/s %8.1f MB/s  (%.3f s, %" G_GUINT64_FORMAT " findings)\n",
          "one text, one core", mb / t, mb / cpu, t, findings);
  one_core = mb / t;

  {
    double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;
    for (int r = 0; r < 3; r++)
      {
        gint64 t0 = g_get_monotonic_time ();
        double c0 = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
        findings = 0;
        for (guint i = 0; i < docs->len; i++)
          rd_pii_scanner_scan_foreach (scanner, docs->pdata[i], g_array_index (lengths, gsize, i),
                                       NULL, 0, count_cb, &findings);
        best_cpu = MIN (best_cpu, cpu_seconds (CLOCK_THREAD_CPUTIME_ID) - c0);
        best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
      }
    printf ("%-34s %8.1f MB/s %8.1f MB/s  (%.3f s)\n", "per document, one core", mb / best,
            mb / best_cpu, best);
  }

  for (guint threads = 1; threads <= 2; threads++)
    pool_line ("many files", scanner, (const char *const *) docs->pdata,
               (const gsize *) lengths->data, docs->len, threads, mb);

  /* Plain prose: what most of a real transcript is. */
  {
    const char *prose_path = argc > 2 ? argv[2] : "/usr/share/common-licenses/GPL-3";
    g_autofree char *prose = NULL;
    gsize prose_length;

    if (g_file_get_contents (prose_path, &prose, &prose_length, NULL) && prose_length > 0)
      {
        g_autoptr (GString) big = g_string_sized_new (length + prose_length);

        while (big->len < length)
          g_string_append_len (big, prose, prose_length);
        t = best_of (5, scanner, big->str, big->len, &findings, &cpu);
        printf ("%-34s %8.1f MB/s %8.1f MB/s  (%.3f s, %" G_GUINT64_FORMAT " findings)\n",
                "plain prose, one core", big->len / 1048576.0 / t, big->len / 1048576.0 / cpu,
                t, findings);

        /* The same prose as many files, one copy each. */
        {
          guint n = big->len / prose_length;
          g_autofree const char **texts = g_new (const char *, n);
          g_autofree gsize *sizes = g_new (gsize, n);

          for (guint i = 0; i < n; i++)
            {
              texts[i] = big->str + i * prose_length;
              sizes[i] = prose_length;
            }
          for (guint threads = 1; threads <= 2; threads++)
            pool_line ("prose files", scanner, texts, sizes, n, threads,
                       n * prose_length / 1048576.0);
        }
      }
    else
      printf ("plain prose: %s not found, skipped\n", prose_path);
  }
  commands (argv[1], mb);
  print_load ("after");

  /* Memory beyond the text: the peak while scanning a tenth, then all of it. */
  reset_peak ();
  before = peak_kib ();
  best_of (1, scanner, text, length / 10, &findings, NULL);
  peak_small = peak_kib () - before;
  reset_peak ();
  before = peak_kib ();
  best_of (1, scanner, text, length, &findings, NULL);
  peak_all = peak_kib () - before;
  printf ("\nmemory added by a scan: %ld KiB for %.1f MB, %ld KiB for %.1f MB\n",
          MAX (peak_small, 0L), mb / 10, MAX (peak_all, 0L), mb);
  printf ("one core on the corpus: %.1f MB/s (goal >= 250 MB/s) %s\n", one_core,
          one_core >= 250 ? "ok" : "MISSED");

  return 0;
}
