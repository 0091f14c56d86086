/* bench-reports-page.c: the Reports place on a large database, under Xvfb: how long until the
 * preview shows, and how long the window stops answering meanwhile. Prints each figure beside
 * its goal; exits 1 when one is missed.
 *
 * RIGHTSDESK_BENCH_CASES (default 1,000,000) cases are made with `rightsdesk-cli demo`, or
 * RIGHTSDESK_BENCH_DB names a database to reuse (made there when missing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-application.h"
#include "rd-report.h"
#include "rd-reports-page.h"
#include "rd-window.h"
#include "../ui/ui-util.h"
#include "bench-stall.h"

static gboolean failed;

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_ready (gpointer data)
{
  return rd_window_get_ready (data);
}

static gboolean
page_settled (gpointer data)
{
  return !rd_reports_page_get_busy (data) && rd_reports_page_get_report (data) != NULL;
}

static void
make_database (const char *path,
               guint       n_cases)
{
  g_autofree char *count = g_strdup_printf ("%u", n_cases);
  const char *cli = g_getenv ("RIGHTSDESK_CLI");
  const char *argv[] = { cli, "--db", path, "demo", "--cases", count, "--seed", "1", NULL };
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  g_assert_nonnull (cli);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("could not make the demo database: %s", error->message);
  g_print ("built %u demonstration cases in %.1f s\n", n_cases,
           (g_get_monotonic_time () - start) / 1e6);
}

/* Time from choosing a report to its preview, with the window's longest stall meanwhile. */
static void
measure (RdReportsPage *page,
         const char    *name,
         RdReportKind   kind,
         const GDate   *from,
         const GDate   *to)
{
  g_autofree char *time_name = g_strdup_printf ("%s: choice to preview", name);
  g_autofree char *stall_name = g_strdup_printf ("%s: longest main-loop stall", name);
  BenchStall stall = { 0 };
  gint64 start;

  ui_settle (200);
  bench_stall_start (&stall);
  start = g_get_monotonic_time ();
  rd_reports_page_set_report (page, kind, NULL, 2025, from, to);
  /* The choice itself, before the worker thread takes over. */
  g_print ("%-58s %10.2f ms\n", name, (g_get_monotonic_time () - start) / 1e3);
  if (!ui_wait_until (page_settled, page, 300000))
    g_error ("%s: no preview after 300 s", name);
  bench_figure (time_name, (g_get_monotonic_time () - start) / 1e6, "s", 5, &failed);
  bench_stall_stop (&stall);
  bench_figure (stall_name, bench_stall_ms (&stall), "ms", 100, &failed);
  g_print ("%-58s %10u pages\n", name, rd_reports_page_get_n_pages (page));
}

int
main (int   argc,
      char *argv[])
{
  const char *cached = g_getenv ("RIGHTSDESK_BENCH_DB");
  const char *cases_text = g_getenv ("RIGHTSDESK_BENCH_CASES");
  guint n_cases = cases_text != NULL ? (guint) g_ascii_strtoull (cases_text, NULL, 10) : 1000000;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  RdApplication *app;
  RdWindow *window;
  RdReportsPage *page;
  GDate from, to;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("RIGHTSDESK_TODAY", "2026-11-20", TRUE);
  gtk_init ();
  adw_init ();

  if (cached != NULL && *cached != '\0')
    path = g_strdup (cached);
  else
    {
      dir = g_dir_make_tmp ("rightsdesk-bench-XXXXXX", NULL);
      g_assert_nonnull (dir);
      path = g_build_filename (dir, "cases.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    make_database (path, n_cases);
  else
    g_print ("using the existing database %s\n", path);

  app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = rd_window_new (ADW_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_open_database (window, path, 0);
  if (!ui_wait_until (window_ready, window, 600000))
    g_error ("the database did not open");
  rd_window_show_place (window, "reports");
  page = RD_REPORTS_PAGE (find_descendant (GTK_WIDGET (window), RD_TYPE_REPORTS_PAGE));
  if (!ui_wait_until (page_settled, page, 300000))
    g_error ("the first report never showed");

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2025);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, 2025);
  measure (page, "CCPA report 2025, all clients", RD_REPORT_CCPA, NULL, NULL);
  measure (page, "GDPR report 2025, all clients", RD_REPORT_GDPR, &from, &to);
  measure (page, "SLA report 2025, all clients", RD_REPORT_SLA, &from, &to);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_settle (100);
  g_object_unref (app);

  if (dir != NULL)
    {
      const char *names[] = { "cases.db", "cases.db-wal", "cases.db-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file = g_build_filename (dir, names[i], NULL);
          g_unlink (file);
        }
      g_rmdir (dir);
    }

  return failed ? 1 : 0;
}
