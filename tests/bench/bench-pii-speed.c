/* bench-pii-speed.c: throughput and memory of rd-pii on a large corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-pii-speed CORPUS.txt   (pii-corpus-gen.py --text: documents separated by form feeds)
 *
 * Prints MB/s (MB = 2^20 bytes) for: the whole corpus as one text on one core, each document
 * in turn on one core, and the documents as many files on a pool of 1 and 2 workers; and the
 * peak memory a scan adds beyond the text, for a tenth of the corpus and for all of it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
best_of (int          runs,
         RdPiiScanner *scanner,
         const char  *text,
         gsize        length,
         guint64     *findings)
{
  double best = G_MAXDOUBLE;

  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      *findings = 0;
      rd_pii_scanner_scan_foreach (scanner, text, length, NULL, 0, count_cb, findings);
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  return best;
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
  double mb, t;
  guint64 findings = 0;
  long before, peak_small, peak_all;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS.txt\n", argv[0]);
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

  printf ("rd-pii throughput on %s: %.1f MB, %u documents\n\n", argv[1], mb, docs->len);

  /* Warm up: page the text in. */
  best_of (1, scanner, text, length, &findings);

  t = best_of (3, scanner, text, length, &findings);
  printf ("%-34s %8.1f MB/s  (%.3f s, %" G_GUINT64_FORMAT " findings)\n",
          "one text, one core", mb / t, t, findings);

  {
    double best = G_MAXDOUBLE;
    for (int r = 0; r < 3; r++)
      {
        gint64 t0 = g_get_monotonic_time ();
        findings = 0;
        for (guint i = 0; i < docs->len; i++)
          rd_pii_scanner_scan_foreach (scanner, docs->pdata[i], g_array_index (lengths, gsize, i),
                                       NULL, 0, count_cb, &findings);
        best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
      }
    printf ("%-34s %8.1f MB/s  (%.3f s)\n", "per document, one core", mb / best, best);
  }

  for (guint threads = 1; threads <= 2; threads++)
    {
      double best = G_MAXDOUBLE;
      for (int r = 0; r < 3; r++)
        {
          gint64 t0 = g_get_monotonic_time ();
          counted = 0;
          rd_pii_scanner_scan_many (scanner, (const char *const *) docs->pdata,
                                    (const gsize *) lengths->data, docs->len, threads,
                                    count_many_cb, &counted);
          best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
        }
      printf ("many files, pool of %u worker%s      %8.1f MB/s  (%.3f s)\n", threads,
              threads > 1 ? "s" : " ", mb / best, best);
    }

  /* Memory beyond the text: the peak while scanning a tenth, then all of it. */
  reset_peak ();
  before = peak_kib ();
  best_of (1, scanner, text, length / 10, &findings);
  peak_small = peak_kib () - before;
  reset_peak ();
  before = peak_kib ();
  best_of (1, scanner, text, length, &findings);
  peak_all = peak_kib () - before;
  printf ("\nmemory added by a scan: %ld KiB for %.1f MB, %ld KiB for %.1f MB\n",
          MAX (peak_small, 0L), mb / 10, MAX (peak_all, 0L), mb);

  return 0;
}
