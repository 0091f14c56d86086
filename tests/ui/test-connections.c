/* test-connections.c: the Connections page and the collect dialog under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-case-page.h"
#include "rd-client-systems-window.h"
#include "rd-collect-dialog.h"
#include "rd-connections-page.h"
#include "rd-date.h"
#include "ui-util.h"

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (RdClient) client = NULL;

  f->dir = g_dir_make_tmp ("rightsdesk-ui-connections-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cases.db", NULL);
  f->store = rd_store_open (path, &error);
  g_assert_no_error (error);

  /* Port 1 on loopback: nothing listens, so every request fails at once. */
  config = rd_connector_config_new ("Acme Retail", "helpdesk", RD_CONNECTOR_KIND_REQUEST_TRACKER,
                                    "http://127.0.0.1:1");
  rd_connector_config_set_user (config, "root");
  g_clear_object (&client);
  client = rd_store_ensure_client (f->store, "Acme Retail", &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_save_connector (f->store, config, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = rd_store_get_path (f->store) ? g_strdup (rd_store_get_path (f->store))
                                                       : NULL;
  g_assert_finalize_object (f->store);
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static guint
count_rows (GtkWidget *widget,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_rows (c, type);
  return n;
}

static gboolean
is_helpdesk_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "helpdesk") == 0;
}

static gboolean
is_manifest_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    "Manifest file") == 0;
}

static gboolean
is_kind_row (GtkWidget *widget)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Kind") == 0;
}

static void
test_page_lists_the_clients_systems (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rd_connections_page_new (f->store, "Acme Retail");
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_store_set_connector_result (f->store, "helpdesk", FALSE,
                                                "Could not connect: Connection refused", &error));
  rd_connections_page_refresh (RD_CONNECTIONS_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  ui_settle (300);

  /* One system row; the form's rows are entry and combo rows, not action rows. */
  g_assert_cmpuint (count_rows (page, ADW_TYPE_ACTION_ROW) - count_rows (page, ADW_TYPE_COMBO_ROW),
                    ==, 1);
  ui_screenshot (window, "connections-page");

  /* The kind by name, and the last result's time as people write it. */
  {
    GtkWidget *row = ui_find (page, ADW_TYPE_ACTION_ROW, is_helpdesk_row);
    const char *subtitle;

    g_assert_nonnull (row);
    subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    g_assert_true (g_str_has_prefix (subtitle, "Request Tracker 5 · Acme Retail · "));
    g_assert_nonnull (strstr (subtitle, "Could not connect: Connection refused ("));
    g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}-[0-9]{2}T", subtitle, 0, 0));
  }

  /* A manifest describes an HTTP API only: its row, with a button to choose the file, is
   * there for that kind alone. */
  {
    GtkWidget *manifest = ui_find (page, ADW_TYPE_ENTRY_ROW, is_manifest_row);
    GtkWidget *kind = ui_find (page, ADW_TYPE_COMBO_ROW, is_kind_row);

    g_assert_nonnull (manifest);
    g_assert_nonnull (kind);
    g_assert_nonnull (ui_find (manifest, GTK_TYPE_BUTTON, NULL));
    g_assert_false (gtk_widget_get_visible (manifest));
    adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
    g_assert_true (gtk_widget_get_visible (manifest));
    ui_screenshot (window, "connections-page-http");
    adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
    g_assert_false (gtk_widget_get_visible (manifest));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ui_settle (100);
}

static gboolean
dialog_done (gpointer data)
{
  GtkButton *cancel = data;
  return g_strcmp0 (gtk_button_get_label (cancel), "_Close") == 0;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkButton *b = find_button (c, label);
      if (b != NULL)
        return b;
    }
  return NULL;
}

/* Opens the Collect Data dialog on a new access request of @client's, received 1 June 2027. */
static GtkWidget *
open_collect_dialog (Fixture            *f,
                     const char         *client,
                     const char * const *emails)
{
  g_autoptr (RdCase) item = rd_case_new ();
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GDate received;

  rd_case_set_client (item, client);
  rd_case_set_request_type (item, RD_REQUEST_ACCESS);
  rd_case_set_jurisdiction (item, "eu-gdpr");
  rd_case_set_subject_name (item, "Ann Smyth");
  if (emails != NULL)
    rd_case_set_subject_emails (item, emails);
  g_date_clear (&received, 1);
  g_date_set_dmy (&received, 1, G_DATE_JUNE, 2027);
  rd_case_set_received (item, &received);
  g_assert_true (rd_store_add_case (f->store, item, &error));
  g_assert_no_error (error);

  dialog = rd_collect_dialog_new (NULL, f->store, rd_case_get_reference (item),
                                  RD_COLLECT_DIALOG_COLLECT);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
is_collect_summary (GtkWidget *widget)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Nothing was added");
}

static gboolean
is_shown_warning_icon (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0;
}

static void
test_collect_dialog_reports_a_failed_system (Fixture       *f,
                                             gconstpointer  data)
{
  const char *emails[] = { "ann@example.org", NULL };
  GtkWidget *dialog;
  GtkButton *cancel;

  dialog = open_collect_dialog (f, "Acme Retail", emails);
  cancel = find_button (dialog, "_Cancel");
  g_assert_nonnull (cancel);
  g_assert_true (ui_wait_until (dialog_done, cancel, 60000));
  ui_screenshot (dialog, "collect-dialog");

  /* The summary says what came and what failed, in words for one system. */
  {
    GtkWidget *summary = ui_find (dialog, GTK_TYPE_LABEL, is_collect_summary);

    g_assert_nonnull (summary);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==,
                     "Nothing was added to the case. The system did not answer in full; what it "
                     "sent was not kept.");
    /* The failed system's row is marked, not left blank where its spinner was. */
    g_assert_nonnull (ui_find (dialog, GTK_TYPE_IMAGE, is_shown_warning_icon));
  }

  /* The failure is on record for the Connections page. */
  {
    gboolean ok = TRUE;
    g_autofree char *message = NULL;

    g_assert_true (rd_store_get_connector_result (f->store, "helpdesk", &ok, &message, NULL, NULL));
    g_assert_false (ok);
    g_assert_nonnull (message);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_settle (100);
}

static gboolean
is_drawable_status_page (GtkWidget *widget)
{
  return gtk_widget_is_drawable (widget);
}

static gboolean
is_drawable_label_with_cli (GtkWidget *widget)
{
  return gtk_widget_is_drawable (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), "connector add") != NULL;
}

static gboolean
systems_window_shown (gpointer data)
{
  return ui_find_toplevel (RD_TYPE_CLIENT_SYSTEMS_WINDOW) != NULL;
}

/* A client without connected systems: the dialog says so and opens Client Systems, where
 * one is connected, instead of a command for the terminal under a thin empty list. */
static void
test_collect_without_systems (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *dialog, *status;
  GtkWindow *systems;
  GtkButton *connect;

  dialog = open_collect_dialog (f, "Brick Bank", NULL);
  ui_settle (300);

  status = ui_find (dialog, ADW_TYPE_STATUS_PAGE, is_drawable_status_page);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "No Connected Systems");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "Brick Bank"));
  g_assert_null (ui_find (dialog, GTK_TYPE_LABEL, is_drawable_label_with_cli));
  /* Nothing runs, so the dialog can be closed at once. */
  g_assert_nonnull (find_button (dialog, "_Close"));
  ui_screenshot (dialog, "collect-no-systems");

  connect = find_button (dialog, "C_onnect a System…");
  g_assert_nonnull (connect);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (connect)));
  g_object_ref (dialog);
  gtk_widget_activate (GTK_WIDGET (connect));
  g_assert_true (ui_wait_until (systems_window_shown, NULL, 5000));
  systems = ui_find_toplevel (RD_TYPE_CLIENT_SYSTEMS_WINDOW);
  g_assert_cmpstr (rd_client_systems_window_get_client (RD_CLIENT_SYSTEMS_WINDOW (systems)), ==,
                   "Brick Bank");
  ui_settle (200);
  g_assert_false (gtk_widget_get_visible (dialog));
  ui_screenshot (GTK_WIDGET (systems), "collect-no-systems-client-systems");
  gtk_window_destroy (systems);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  ui_settle (100);
}

static gboolean
is_no_system_label (GtkWidget *widget)
{
  return gtk_widget_is_drawable (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "No system connected yet") == 0;
}

/* From the primary menu: the systems of the chosen client, and a choice of every client. */
static void
test_client_systems_window (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdClient) other = rd_store_ensure_client (f->store, "Brick Bank", &error);
  GtkWidget *window;

  g_assert_no_error (error);
  g_assert_nonnull (other);
  window = rd_client_systems_window_new (NULL, f->store, "Acme Retail");
  gtk_window_present (GTK_WINDOW (window));
  ui_settle (300);
  g_assert_cmpstr (rd_client_systems_window_get_client (RD_CLIENT_SYSTEMS_WINDOW (window)), ==,
                   "Acme Retail");
  /* Acme's one system is listed; Brick Bank has none. */
  g_assert_cmpuint (count_rows (window, ADW_TYPE_ACTION_ROW) - count_rows (window, ADW_TYPE_COMBO_ROW),
                    ==, 1);
  ui_screenshot (window, "client-systems");
  gtk_window_destroy (GTK_WINDOW (window));

  window = rd_client_systems_window_new (NULL, f->store, "Brick Bank");
  gtk_window_present (GTK_WINDOW (window));
  ui_settle (300);
  g_assert_cmpstr (rd_client_systems_window_get_client (RD_CLIENT_SYSTEMS_WINDOW (window)), ==,
                   "Brick Bank");
  g_assert_cmpuint (count_rows (window, ADW_TYPE_ACTION_ROW) - count_rows (window, ADW_TYPE_COMBO_ROW),
                    ==, 0);
  /* The empty list says so, rather than showing as a thin empty box. */
  g_assert_nonnull (ui_find (window, GTK_TYPE_LABEL, is_no_system_label));
  ui_screenshot (window, "client-systems-empty");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_settle (100);
}

static GtkWindow *
find_collect_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (RD_IS_COLLECT_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
collect_dialog_shown (gpointer data)
{
  return find_collect_dialog () != NULL;
}

/* The case page offers the work its request needs: collecting for access, carrying out for
 * erasure, nothing for an objection. */
static void
test_case_page_offers_client_work (Fixture       *f,
                                   gconstpointer  data)
{
  const struct { RdRequestType type; const char *label; } cases[] = {
    { RD_REQUEST_ACCESS, "Collect _Data…" },
    { RD_REQUEST_ERASURE, "Carry Out _Request…" },
    { RD_REQUEST_OBJECTION, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdCase) item = rd_case_new ();
      g_autoptr (GError) error = NULL;
      GtkWidget *window = adw_window_new ();
      GtkWidget *page = rd_case_page_new ();
      GtkButton *button;
      GDate received;

      rd_case_set_client (item, "Acme Retail");
      rd_case_set_request_type (item, cases[i].type);
      rd_case_set_jurisdiction (item, "eu-gdpr");
      rd_case_set_subject_name (item, "Ann Smyth");
      g_date_clear (&received, 1);
      g_date_set_dmy (&received, 1, G_DATE_JUNE, 2027);
      rd_case_set_received (item, &received);
      g_assert_true (rd_store_add_case (f->store, item, &error));
      g_assert_no_error (error);

      adw_window_set_content (ADW_WINDOW (window), page);
      rd_case_page_set_store (RD_CASE_PAGE (page), f->store);
      rd_case_page_set_reference (RD_CASE_PAGE (page), rd_case_get_reference (item));
      gtk_window_present (GTK_WINDOW (window));
      ui_settle (200);

      button = find_button (page, "Collect _Data…");
      if (button == NULL)
        button = find_button (page, "Carry Out _Request…");
      if (cases[i].label == NULL)
        g_assert_null (button);
      else
        {
          g_assert_nonnull (button);
          g_assert_cmpstr (gtk_button_get_label (button), ==, cases[i].label);
          g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
          gtk_widget_activate (GTK_WIDGET (button));
          g_assert_true (ui_wait_until (collect_dialog_shown, NULL, 5000));
          if (cases[i].type == RD_REQUEST_ACCESS)
            ui_screenshot (GTK_WIDGET (find_collect_dialog ()), "collect-from-case");
          gtk_window_destroy (find_collect_dialog ());
        }
      gtk_window_destroy (GTK_WINDOW (window));
      ui_settle (200);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RIGHTSDESK_TODAY", "2027-06-30", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/connections/page", Fixture, NULL, fixture_set_up,
              test_page_lists_the_clients_systems, fixture_tear_down);
  g_test_add ("/ui/connections/collect-dialog", Fixture, NULL, fixture_set_up,
              test_collect_dialog_reports_a_failed_system, fixture_tear_down);
  g_test_add ("/ui/connections/collect-without-systems", Fixture, NULL, fixture_set_up,
              test_collect_without_systems, fixture_tear_down);
  g_test_add ("/ui/connections/client-systems-window", Fixture, NULL, fixture_set_up,
              test_client_systems_window, fixture_tear_down);
  g_test_add ("/ui/connections/case-page", Fixture, NULL, fixture_set_up,
              test_case_page_offers_client_work, fixture_tear_down);
  return g_test_run ();
}
