/* test-reports.c: the Reports place, client records and case exports as a new user tries them,
 * under Xvfb on demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-application.h"
#include "rd-case-exports.h"
#include "rd-case-page.h"
#include "rd-client-records-window.h"
#include "rd-report.h"
#include "rd-reports-page.h"
#include "rd-window.h"
#include "ui-util.h"

/* One window for the whole story: each test continues the last. */
static struct
{
  RdApplication *app;
  RdWindow      *window;
  RdReportsPage *page;
  char          *out;        /* where files and screenshots go */
  char          *db;
  char          *ccpa_text;  /* pdftotext of the CCPA report saved from the page */
} session;

#define GDPR_CLIENT "Liffey Software Ltd"
#define PURPOSES "Fulfilling software licences and support contracts (Art. 6(1)(b) GDPR)"
#define RECIPIENTS "Zendesk Inc. (support tickets); Stripe Payments Europe Ltd (billing)"

static gboolean
window_ready (gpointer data)
{
  return rd_window_get_ready (session.window);
}

static gboolean
page_settled (gpointer data)
{
  return !rd_reports_page_get_busy (session.page) && rd_reports_page_get_report (session.page);
}

static gboolean
file_ready (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS) && !rd_reports_page_get_busy (session.page);
}

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

static char *
out_path (const char *name)
{
  return g_build_filename (session.out, name, NULL);
}

/* Runs @argv and returns its standard output; the test fails unless it exits 0. */
static char *
run (const char * const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return run (argv);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static JsonNode *
cli_json (const char * const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("RIGHTSDESK_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, session.db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  out = run ((const char * const *) argv->pdata);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* How a figure of the JSON reads in the PDF: a count, days, or "–" where there is none. */
static char *
figure (JsonObject *object,
        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("–");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", json_node_get_double (node)));
}

/* The lines of @text between @from and @to whose last @n words are @expected, in order: a table
 * row read by pdftotext, whatever its label's wrapping. */
static gboolean
line_ends_with (const char          *line,
                const char * const  *expected)
{
  g_auto (GStrv) words = g_regex_split_simple ("\\s+", line, 0, 0);
  guint n_words = 0, n = g_strv_length ((char **) expected);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      words[n_words++] = words[i];
    else
      g_free (words[i]);
  words[n_words] = NULL;

  if (n_words < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (words[n_words - n + i], expected[i]) != 0)
      return FALSE;
  return TRUE;
}

static const char *
section (const char *text,
         const char *heading)
{
  const char *at = strstr (text, heading);

  g_assert_nonnull (at);
  return at;
}

static void
assert_row (const char         *text,
            const char         *heading,
            const char * const *expected)
{
  const char *start = section (text, heading);
  g_auto (GStrv) lines = g_strsplit (start, "\n", -1);

  for (guint i = 0; lines[i] != NULL && i < 80; i++)
    if (line_ends_with (lines[i], expected))
      return;

  g_error ("no row ending in “%s %s %s…” after “%s”", expected[0], expected[1],
           expected[2] != NULL ? expected[2] : "", heading);
}

/* Every control the page offers has a name a screen reader can say. */
static void
assert_named (GtkWidget *widget)
{
  gboolean control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)
                     || GTK_IS_SPIN_BUTTON (widget) || ADW_IS_COMBO_ROW (widget)
                     || ADW_IS_ENTRY_ROW (widget) || ADW_IS_SPLIT_BUTTON (widget)
                     || GTK_IS_TEXT_VIEW (widget)
                     || (ADW_IS_ACTION_ROW (widget)
                         && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));

  if (control && gtk_widget_get_visible (widget))
    {
      GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

      if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL)
          && !gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        g_error ("a %s (%s) has no accessible name", G_OBJECT_TYPE_NAME (widget),
                 ADW_IS_PREFERENCES_ROW (widget)
                 ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))
                 : GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : "");
    }

  /* The insides of composite controls are named by their toolkit. */
  if (GTK_IS_SPIN_BUTTON (widget) || ADW_IS_COMBO_ROW (widget) || ADW_IS_ENTRY_ROW (widget)
      || ADW_IS_SPLIT_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_BUTTON (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_named (child);
}

static void
test_open (void)
{
  session.window = rd_window_new (ADW_APPLICATION (session.app));
  gtk_window_set_default_size (GTK_WINDOW (session.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (session.window));

  rd_window_open_demo (session.window, 400);
  g_assert_true (ui_wait_until (window_ready, NULL, 120000));
  session.db = g_strdup (rd_store_get_path (rd_window_get_store (session.window)));

  rd_window_show_place (session.window, "reports");
  session.page = RD_REPORTS_PAGE (find_descendant (GTK_WIDGET (session.window),
                                                   RD_TYPE_REPORTS_PAGE));
  g_assert_nonnull (session.page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (session.page)));

  /* Shown, the page computes the default report: last year's CCPA metrics. */
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  g_assert_cmpint (rd_report_get_kind (rd_reports_page_get_report (session.page)), ==,
                   RD_REPORT_CCPA);
  g_assert_cmpint (g_date_get_year (rd_report_get_from (rd_reports_page_get_report (session.page))),
                   ==, 2025);
  assert_named (GTK_WIDGET (session.page));
}

/* The CCPA report of one client, saved as PDF from the page: the figures of every row are
 * those of `rightsdesk-cli report ccpa --format json` on the same database. */
static void
test_ccpa (void)
{
  g_autofree char *pdf = out_path ("ui-report-ccpa.pdf");
  g_autofree char *json_path = out_path ("ui-report-ccpa.json");
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (GFile) json_file = g_file_new_for_path (json_path);
  const char *args[] = { "report", "ccpa", "--year", "2025", "--client", "Acme Retail",
                         "--format", "json", NULL };
  g_autoptr (JsonNode) cli = NULL;
  g_autoptr (JsonParser) saved = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *rows;
  guint total_received = 0;

  g_unlink (pdf);
  g_unlink (json_path);
  rd_reports_page_set_report (session.page, RD_REPORT_CCPA, "Acme Retail", 2025, NULL, NULL);
  rd_reports_page_set_paper (session.page, RD_PAPER_A4);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  g_assert_cmpstr (rd_report_get_client (rd_reports_page_get_report (session.page)), ==,
                   "Acme Retail");
  g_assert_cmpuint (rd_reports_page_get_n_pages (session.page), >=, 1);
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-ccpa");

  rd_reports_page_save (session.page, RD_REPORT_FORMAT_PDF, file);
  g_assert_true (ui_wait_until (file_ready, pdf, 30000));
  rd_reports_page_save (session.page, RD_REPORT_FORMAT_JSON, json_file);
  g_assert_true (ui_wait_until (file_ready, json_path, 30000));

  g_assert_cmpuint (pdf_pages (pdf), ==, rd_reports_page_get_n_pages (session.page));
  session.ccpa_text = pdf_text (pdf);
  g_assert_nonnull (strstr (session.ccpa_text, "Acme Retail"));
  g_assert_nonnull (strstr (session.ccpa_text, "2025-01-01 to 2025-12-31"));

  cli = cli_json (args);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (cli), "report"), ==,
                   "ccpa-7102");
  rows = json_object_get_array_member (json_node_get_object (cli), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *received = figure (row, "received");
      g_autofree char *complied = figure (row, "complied");
      g_autofree char *denied = figure (row, "denied");
      g_autofree char *median = figure (row, "median_days");
      g_autofree char *mean = figure (row, "mean_days");
      const char *expected[] = { received, complied, denied, median, mean, NULL };

      total_received += json_object_get_int_member (row, "received");
      assert_row (session.ccpa_text, "Metrics by request type", expected);
    }
  /* The demo has CCPA requests in 2025: the table is not all zeros. */
  g_assert_cmpuint (total_received, >, 0);

  /* The JSON saved from the page is the CLI's, figure for figure. */
  g_assert_true (json_parser_load_from_file (saved, json_path, &error));
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_parser_get_root (saved), cli));
}

/* A GDPR report of all clients for half a year, saved as PDF: its figures are the CLI's. */
static void
test_gdpr (void)
{
  g_autofree char *pdf = out_path ("ui-report-gdpr.pdf");
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  const char *args[] = { "report", "gdpr", "--from", "2026-01-01", "--to", "2026-06-30",
                         "--format", "json", NULL };
  g_autoptr (JsonNode) cli = NULL;
  g_autofree char *text = NULL;
  JsonObject *root, *refusals, *backlog;
  GDate from, to;

  g_unlink (pdf);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2026);
  g_date_set_dmy (&to, 30, G_DATE_JUNE, 2026);
  rd_reports_page_set_report (session.page, RD_REPORT_GDPR, NULL, 0, &from, &to);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  g_assert_cmpint (rd_report_get_kind (rd_reports_page_get_report (session.page)), ==,
                   RD_REPORT_GDPR);
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-gdpr");

  /* Paging through the preview. */
  if (rd_reports_page_get_n_pages (session.page) > 1)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session.page),
                                                 "reports.next-page", NULL));
      g_assert_cmpuint (rd_reports_page_get_page (session.page), ==, 1);
      ui_screenshot (GTK_WIDGET (session.window), "ui-reports-gdpr-page-2");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session.page),
                                                 "reports.previous-page", NULL));
      g_assert_cmpuint (rd_reports_page_get_page (session.page), ==, 0);
    }

  rd_reports_page_save (session.page, RD_REPORT_FORMAT_PDF, file);
  g_assert_true (ui_wait_until (file_ready, pdf, 30000));
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "All clients"));
  g_assert_nonnull (strstr (text, "2026-01-01 to 2026-06-30"));

  cli = cli_json (args);
  root = json_node_get_object (cli);
  refusals = json_object_get_object_member (root, "refusals");
  backlog = json_object_get_object_member (root, "backlog");
  g_assert_cmpint (json_object_get_int_member (root, "received"), >, 0);
  {
    g_autofree char *received = figure (root, "received");
    g_autofree char *responded = figure (root, "responded");
    g_autofree char *on_time = figure (root, "on_time");
    g_autofree char *late = figure (root, "late");
    g_autofree char *extended = figure (root, "extended");
    g_autofree char *refused = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                json_object_get_int_member (refusals, "full")
                                                + json_object_get_int_member (refusals,
                                                                              "partial"));
    g_autofree char *open = figure (backlog, "open");
    const char *all[] = { received, responded, on_time, late, extended, refused, open, NULL };
    const char *timely[] = { on_time, NULL };

    /* The "All requests" row of the table by type, and the timeliness table. */
    assert_row (text, "Requests by type", all);
    assert_row (text, "Answered by the deadline in force", timely);
  }
}

/* Printing goes through GtkPrintOperation with the same drawing code: exported to a PDF file
 * it has the saved PDF's pages and text. */
static void
test_print (void)
{
  g_autofree char *pdf = out_path ("ui-report-printed.pdf");
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_unlink (pdf);
  rd_reports_page_set_report (session.page, RD_REPORT_CCPA, "Acme Retail", 2025, NULL, NULL);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));

  g_assert_true (rd_reports_page_print (session.page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pdf_pages (pdf), ==, rd_reports_page_get_n_pages (session.page));
  text = pdf_text (pdf);
  g_assert_cmpstr (text, ==, session.ccpa_text);
}

/* US Letter: the preview takes the paper's shape, and the saved PDF and the printed one have
 * 8.5 x 11 inch pages, 612 x 792 points. */
static void
test_letter (void)
{
  g_autofree char *pdf = out_path ("ui-report-letter.pdf");
  g_autofree char *printed = out_path ("ui-report-letter-printed.pdf");
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (GError) error = NULL;
  const char *paths[] = { pdf, printed };

  g_unlink (pdf);
  g_unlink (printed);
  rd_reports_page_set_report (session.page, RD_REPORT_CCPA, "Acme Retail", 2025, NULL, NULL);
  rd_reports_page_set_paper (session.page, RD_PAPER_LETTER);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-letter");

  rd_reports_page_save (session.page, RD_REPORT_FORMAT_PDF, file);
  g_assert_true (ui_wait_until (file_ready, pdf, 30000));
  g_assert_true (rd_reports_page_print (session.page, printed, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *argv[] = { "pdfinfo", paths[i], NULL };
      g_autofree char *info = run (argv);

      g_assert_nonnull (strstr (info, "612 x 792 pts"));
      g_assert_cmpuint (pdf_pages (paths[i]), ==, rd_reports_page_get_n_pages (session.page));
    }

  rd_reports_page_set_paper (session.page, RD_PAPER_A4);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
}

/* GDPR statistics of a client whose requests all fall under other laws: the page says there is
 * no GDPR case rather than showing an empty report without a word. */
static void
test_gdpr_none (void)
{
  GDate from, to;
  const char *notice;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2026);
  g_date_set_dmy (&to, 30, G_DATE_JUNE, 2026);
  /* The demo's Californian retailer has CCPA requests only. */
  rd_reports_page_set_report (session.page, RD_REPORT_GDPR, "Acme Retail", 0, &from, &to);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  g_assert_cmpuint (rd_report_get_gdpr (rd_reports_page_get_report (session.page))->received, ==,
                    0);
  notice = rd_reports_page_get_notice (session.page);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "No GDPR cases for Acme Retail in this period"));
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-gdpr-none");

  /* A client with GDPR cases: no notice. */
  rd_reports_page_set_report (session.page, RD_REPORT_GDPR, GDPR_CLIENT, 0, &from, &to);
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  g_assert_cmpuint (rd_report_get_gdpr (rd_reports_page_get_report (session.page))->received, >,
                    0);
  g_assert_null (rd_reports_page_get_notice (session.page));
}

/* A period that ends before it starts is refused in place, with nothing to save. */
static void
test_bad_period (void)
{
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JULY, 2026);
  g_date_set_dmy (&to, 30, G_DATE_JUNE, 2026);
  rd_reports_page_set_report (session.page, RD_REPORT_GDPR, NULL, 0, &from, &to);
  ui_settle (200);
  g_assert_false (rd_reports_page_get_busy (session.page));
  g_assert_null (rd_reports_page_get_report (session.page));
  g_assert_false (gtk_widget_is_sensitive (
    find_descendant (find_descendant (GTK_WIDGET (session.page), ADW_TYPE_SPLIT_BUTTON),
                     GTK_TYPE_BUTTON)));
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-bad-period");
}

/* Cancelling stops the wait at once; the late result is dropped, and the report can be asked
 * for again. */
static void
test_cancel (void)
{
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2026);
  g_date_set_dmy (&to, 31, G_DATE_OCTOBER, 2026);
  rd_reports_page_set_report (session.page, RD_REPORT_SLA, NULL, 0, &from, &to);
  g_assert_true (rd_reports_page_get_busy (session.page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session.page), "reports.cancel", NULL));
  g_assert_false (rd_reports_page_get_busy (session.page));
  ui_settle (500);
  g_assert_null (rd_reports_page_get_report (session.page));
  g_assert_cmpuint (rd_reports_page_get_n_pages (session.page), ==, 0);
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-cancelled");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session.page), "reports.refresh", NULL));
  g_assert_true (ui_wait_until (page_settled, NULL, 60000));
  g_assert_cmpint (rd_report_get_kind (rd_reports_page_get_report (session.page)), ==,
                   RD_REPORT_SLA);
  g_assert_cmpuint (rd_reports_page_get_n_pages (session.page), >=, 1);
  ui_screenshot (GTK_WIDGET (session.window), "ui-reports-sla");
}

static gboolean
records_window_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);

      if (RD_IS_CLIENT_RECORDS_WINDOW (item))
        {
          *(gpointer *) data = item;
          return TRUE;
        }
    }
  return FALSE;
}

/* The client's records of processing, typed into their window, are stored. */
static void
test_client_records (void)
{
  RdClientRecordsWindow *window = NULL;
  g_autoptr (RdClientRecords) records = NULL;
  g_autoptr (GError) error = NULL;

  rd_reports_page_set_report (session.page, RD_REPORT_GDPR, GDPR_CLIENT, 0, NULL, NULL);
  ui_settle (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session.page), "reports.edit-records",
                                             NULL));
  g_assert_true (ui_wait_until (records_window_open, &window, 5000));
  g_assert_cmpstr (rd_client_records_window_get_client (window), ==, GDPR_CLIENT);
  assert_named (GTK_WIDGET (window));

  g_assert_true (rd_client_records_window_set_text (window, "controller",
                                                    "Liffey Software Ltd, 1 Quay St, Dublin 2"));
  g_assert_true (rd_client_records_window_set_text (window, "purposes", PURPOSES));
  g_assert_true (rd_client_records_window_set_text (window, "recipients", RECIPIENTS));
  g_assert_true (rd_client_records_window_set_text (window, "retention",
                                                    "Six years after the contract ends"));
  g_assert_false (rd_client_records_window_set_text (window, "no-such-field", "x"));
  ui_screenshot (GTK_WIDGET (window), "ui-client-records");

  g_object_ref (window);
  g_assert_true (rd_client_records_window_save (window, &error));
  g_assert_no_error (error);
  ui_settle (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);

  records = rd_store_get_client_records (rd_window_get_store (session.window), GDPR_CLIENT,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (records->purposes, ==, PURPOSES);
  g_assert_cmpstr (records->recipients, ==, RECIPIENTS);
  /* Left blank: not recorded, so that the cover letter says so. */
  g_assert_null (records->sources);
}

static char *
first_access_case (const char *client)
{
  RdCaseQuery query;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GError) error = NULL;

  rd_case_query_init (&query);
  query.client = client;
  query.types = 1u << RD_REQUEST_ACCESS;
  query.sort = RD_CASE_SORT_ID;
  query.limit = 1;
  ids = rd_store_query_ids (rd_window_get_store (session.window), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  cases = rd_store_load_cases (rd_window_get_store (session.window),
                               &g_array_index (ids, gint64, 0), 1, &error);
  g_assert_no_error (error);
  return g_strdup (rd_case_get_reference (g_ptr_array_index (cases, 0)));
}

static gboolean
exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The response package of an access case, exported from the case page: unzipped, every hash
 * of its manifest is right and the cover letter quotes the records typed above. */
static void
test_package (void)
{
  g_autofree char *reference = first_access_case (GDPR_CLIENT);
  g_autofree char *zip = out_path ("ui-package.zip");
  g_autofree char *dir = out_path ("ui-package");
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (zip);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) letters = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *case_page;
  JsonArray *files;
  gboolean letter_checked = FALSE;

  g_unlink (zip);
  rd_window_show_case (session.window, reference);
  case_page = rd_window_get_case_page (session.window);
  ui_settle (200);
  g_assert_true (gtk_widget_is_sensitive (case_page));
  ui_screenshot (GTK_WIDGET (session.window), "ui-case-exports");

  /* A transcript nobody has reviewed yet stays out, and the dialog says so in full. */
  {
    const char chat[] = "Customer: my neighbour Liam O'Brien is on 020 7946 0018.\n";
    g_autoptr (GBytes) bytes = g_bytes_new_static (chat, strlen (chat));

    g_assert_cmpint (rd_store_add_document (rd_window_get_store (session.window), reference,
                                            "transcript", "call-with-the-neighbour.txt",
                                            "text/plain", bytes, "upload", &error), >, 0);
    g_assert_no_error (error);
  }
  rd_case_exports_package (case_page, rd_window_get_store (session.window), reference, file,
                           FALSE);
  g_assert_true (ui_wait_until (exists, zip, 60000));
  ui_settle (300);
  ui_screenshot (GTK_WIDGET (session.window), "ui-package-exported");
  {
    AdwMessageDialog *gaps = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (gaps);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (gaps), "call-with-the-neighbour.txt"));
    ui_screenshot (GTK_WIDGET (gaps), "ui-package-gaps");
    adw_message_dialog_response (gaps, "ok");
    gtk_window_destroy (GTK_WINDOW (gaps));
  }

  {
    const char *argv[] = { "unzip", "-o", "-q", zip, "-d", dir, NULL };
    g_autofree char *out = run (argv);
    g_assert_nonnull (out);
  }
  g_assert_true (json_parser_load_from_file (parser, manifest_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "reference"), ==, reference);
  files = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "files");
  g_assert_cmpuint (json_array_get_length (files), >=, 4);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      const char *name = json_object_get_string_member (entry, "name");
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *content = NULL;
      g_autofree char *sha = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &content, &length, &error));
      g_assert_no_error (error);
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, length);
      g_assert_cmpstr (sha, ==, json_object_get_string_member (entry, "sha256"));
      g_assert_cmpint (json_object_get_int_member (entry, "bytes"), ==, length);
      if (g_str_has_suffix (name, ".pdf"))
        g_ptr_array_add (letters, g_steal_pointer (&path));
    }

  /* The cover letter quotes the purposes and recipients from the records of processing. */
  for (guint i = 0; i < letters->len; i++)
    {
      g_autofree char *text = pdf_text (g_ptr_array_index (letters, i));
      g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
      g_autofree char *flat = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);

      if (strstr (flat, "15(1)") == NULL)
        continue;
      g_assert_nonnull (strstr (flat, "Fulfilling software licences"));
      g_assert_nonnull (strstr (flat, "Zendesk Inc."));
      letter_checked = TRUE;
    }
  g_assert_true (letter_checked);
}

/* The complaint case file of the same case: a PDF naming it, and its documents' zip. */
static void
test_case_file (void)
{
  const char *reference = rd_case_page_get_reference (
    RD_CASE_PAGE (rd_window_get_case_page (session.window)));
  g_autofree char *pdf = out_path ("ui-case-file.pdf");
  g_autofree char *zip = rd_case_exports_documents_path (pdf);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  g_autofree char *expected_zip = out_path ("ui-case-file-documents.zip");

  g_assert_cmpstr (zip, ==, expected_zip);
  g_unlink (pdf);
  g_unlink (zip);
  rd_case_exports_case_file (rd_window_get_case_page (session.window),
                             rd_window_get_store (session.window), reference, file, TRUE);
  g_assert_true (ui_wait_until (exists, pdf, 60000));
  g_assert_true (ui_wait_until (exists, zip, 60000));
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, reference));
  ui_settle (300);
  ui_screenshot (GTK_WIDGET (session.window), "ui-case-file-saved");
}

int
main (int   argc,
      char *argv[])
{
  const char *out;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("RIGHTSDESK_TODAY", "2026-11-20", TRUE);
  g_setenv ("LC_TIME", "C.UTF-8", TRUE);
  /* The test backend keeps accessible names where the test can read them, without AT-SPI. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  out = g_getenv ("RIGHTSDESK_SCREENSHOT_DIR");
  session.out = g_strdup (out != NULL ? out : ".");
  session.app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (session.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (session.app), NULL, NULL));

  g_test_add_func ("/ui/reports/open", test_open);
  g_test_add_func ("/ui/reports/ccpa", test_ccpa);
  g_test_add_func ("/ui/reports/gdpr", test_gdpr);
  g_test_add_func ("/ui/reports/gdpr-none", test_gdpr_none);
  g_test_add_func ("/ui/reports/print", test_print);
  g_test_add_func ("/ui/reports/letter", test_letter);
  g_test_add_func ("/ui/reports/bad-period", test_bad_period);
  g_test_add_func ("/ui/reports/cancel", test_cancel);
  g_test_add_func ("/ui/reports/client-records", test_client_records);
  g_test_add_func ("/ui/reports/package", test_package);
  g_test_add_func ("/ui/reports/case-file", test_case_file);

  status = g_test_run ();

  if (session.window != NULL)
    gtk_window_destroy (GTK_WINDOW (session.window));
  ui_settle (100);
  g_free (session.out);
  g_free (session.db);
  g_free (session.ccpa_text);
  g_clear_object (&session.app);
  return status;
}
