/* rd-reports-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-client-records-window.h"
#include "rd-client.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-gui-util.h"
#include "rd-report-pdf.h"
#include "rd-reports-page.h"

/* A report that is quick to compute replaces the old preview without a flash of progress. */
#define BUSY_DELAY_MS    300
#define REFRESH_DELAY_MS 250

struct _RdReportsPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *main_box;
  AdwComboRow    *kind_row;
  AdwComboRow    *client_row;
  GtkWidget      *year_row;
  GtkSpinButton  *year_spin;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  AdwComboRow    *paper_row;
  GtkWidget      *records_row;
  GtkLabel       *summary_label;
  GtkRevealer    *notice_revealer;
  GtkLabel       *notice_label;
  GtkStack       *preview_stack;
  AdwStatusPage  *message_page;
  GtkWidget      *retry_button;
  GtkLabel       *busy_label;
  GtkProgressBar *busy_progress;
  GtkAspectFrame *page_frame;
  GtkPicture     *page_picture;
  GtkLabel       *page_label;

  GtkStringList  *clients;     /* "All clients", then every client by name */
  RdStore        *store;
  RdReport       *report;      /* the report previewed, NULL while another is computed */
  GPtrArray      *pages;       /* GdkTexture, one per page of the report */
  guint           page;

  GCancellable   *cancellable; /* the report being computed */
  GCancellable   *life;        /* saving and anything else that ends with the page */
  gpointer        job;         /* the Job being computed, for its progress */
  guint           refresh_id;
  guint           busy_id;
  guint           progress_id;
  guint           n_saving;
  gboolean        computing;
  gboolean        stale;       /* the choices changed while the page was hidden */
  gboolean        updating;    /* options set from code: no refresh per row */
};

G_DEFINE_FINAL_TYPE (RdReportsPage, rd_reports_page, GTK_TYPE_WIDGET)

/* The choices, as read from the rows. */
typedef struct
{
  char         *path;
  RdReportKind  kind;
  char         *client;
  int           year;
  GDate         from;
  GDate         to;
  RdPaper       paper;
  double        scale;        /* preview pixels per point */
  gint          pages_done;   /* atomic: pages rendered */
  gint          pages_total;  /* atomic: 0 while the figures are computed */
} Job;

typedef struct
{
  RdReport  *report;
  GPtrArray *pages;    /* GBytes of ARGB32 pixels */
  int        width;
  int        height;
  int        stride;
} JobResult;

static void
job_clear (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job->client);
}

static void
job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, job_clear);
}

static void
job_result_free (gpointer data)
{
  JobResult *result = data;

  g_clear_object (&result->report);
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobResult, job_result_free)

static void update_actions (RdReportsPage *self);

/* Reading the choices */

static RdReportKind
current_kind (RdReportsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected <= RD_REPORT_SLA ? (RdReportKind) selected : RD_REPORT_CCPA;
}

static RdPaper
current_paper (RdReportsPage *self)
{
  return adw_combo_row_get_selected (self->paper_row) == 1 ? RD_PAPER_LETTER : RD_PAPER_A4;
}

/* NULL for every client. */
static const char *
current_client (RdReportsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->client_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_string_list_get_string (self->clients, selected);
}

static gboolean
read_date_row (AdwEntryRow *row,
               GDate       *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean ok = rd_gui_parse_date (text, out);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static void
set_date_row (AdwEntryRow *row,
              const GDate *date)
{
  g_autofree char *text = rd_gui_format_field_date (date);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
show_message (RdReportsPage *self,
              const char    *icon,
              const char    *title,
              const char    *description,
              gboolean       can_retry)
{
  gtk_widget_set_visible (self->retry_button, can_retry);
  adw_status_page_set_icon_name (self->message_page, icon);
  adw_status_page_set_title (self->message_page, title);
  rd_gui_status_page_set_text (self->message_page, description);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

/* Computing and drawing off the main thread */

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (JobResult) result = g_new0 (JobResult, 1);
  double width, height;
  guint n_pages;

  /* The worker's own connection: SQLite connections stay on one thread. */
  store = rd_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->kind == RD_REPORT_CCPA)
    result->report = rd_report_compute_ccpa (store, job->year, job->client, &error);
  else
    result->report = rd_report_compute (store, job->kind, job->client, &job->from, &job->to,
                                        NULL, &error);
  if (result->report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The same drawing code as the PDF file and the printer. */
  rd_paper_get_size (job->paper, &width, &height);
  n_pages = rd_report_pdf_get_n_pages (result->report, width, height);
  g_atomic_int_set (&job->pages_total, MAX (n_pages, 1));
  result->width = (int) ceil (width * job->scale);
  result->height = (int) ceil (height * job->scale);
  result->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, result->width);
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < n_pages; i++)
    {
      cairo_surface_t *surface;
      cairo_t *cr;
      cairo_status_t status;

      if (g_task_return_error_if_cancelled (task))
        return;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, result->width, result->height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, job->scale, job->scale);
      rd_report_pdf_draw_page (result->report, cr, width, height, i);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          g_task_return_new_error (task, RD_ERROR, RD_ERROR_IO,
                                   /* Translators: %u is a page number, %s cairo's reason */
                                   _("Page %u of the preview could not be drawn: %s"), i + 1,
                                   cairo_status_to_string (status));
          return;
        }

      g_ptr_array_add (result->pages,
                       g_bytes_new (cairo_image_surface_get_data (surface),
                                    (gsize) result->stride * result->height));
      cairo_surface_destroy (surface);
      g_atomic_int_set (&job->pages_done, i + 1);
    }

  g_task_return_pointer (task, g_steal_pointer (&result), job_result_free);
}

static void
stop_progress (RdReportsPage *self)
{
  g_clear_handle_id (&self->busy_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->job, job_unref);
}

/* The requests the report counts. */
static guint
count_received (RdReport *report)
{
  guint received = 0;

  switch (rd_report_get_kind (report))
    {
    case RD_REPORT_CCPA:
      for (guint i = 0; i < RD_CCPA_N_ROWS; i++)
        received += rd_report_get_ccpa_row (report, i)->received;
      break;
    case RD_REPORT_GDPR:
      received = rd_report_get_gdpr (report)->received;
      break;
    case RD_REPORT_SLA:
    default:
      {
        GArray *months = rd_report_get_months (report);

        for (guint i = 0; i < months->len; i++)
          received += g_array_index (months, RdReportMonth, i).received;
      }
      break;
    }
  return received;
}

/* What to tell the user about a report without a single request, NULL for any other. */
static char *
notice_text (RdReport *report)
{
  const char *client = rd_report_get_client (report);

  if (count_received (report) > 0)
    return NULL;

  switch (rd_report_get_kind (report))
    {
    case RD_REPORT_GDPR:
      if (client != NULL)
        /* Translators: %s is a client; the GDPR report counts requests under the EU and UK GDPR */
        return g_strdup_printf (_("No GDPR cases for %s in this period: the report has no "
                                  "figures. It counts requests under the EU and UK GDPR only."),
                                client);
      return g_strdup (_("No GDPR cases in this period: the report has no figures. It counts "
                         "requests under the EU and UK GDPR only."));
    case RD_REPORT_CCPA:
      if (client != NULL)
        /* Translators: %s is a client, %d a year */
        return g_strdup_printf (_("No CCPA requests for %s in %d: the report has no figures."),
                                client, g_date_get_year (rd_report_get_from (report)));
      /* Translators: %d is a year */
      return g_strdup_printf (_("No CCPA requests in %d: the report has no figures."),
                              g_date_get_year (rd_report_get_from (report)));
    case RD_REPORT_SLA:
    default:
      if (client != NULL)
        /* Translators: %s is a client */
        return g_strdup_printf (_("No requests for %s in this period: the report has no "
                                  "figures."), client);
      return g_strdup (_("No requests in this period: the report has no figures."));
    }
}

static void
show_notice (RdReportsPage *self,
             const char    *text)
{
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

static char *
summary_text (RdReport *report,
              guint     n_pages)
{
  guint received = count_received (report);
  g_autofree char *pages = NULL;
  g_autofree char *requests = NULL;

  pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages),
                           n_pages);
  requests = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request received",
                                           "%u requests received", received), received);
  /* Translators: "3 pages · 120 requests received" */
  return g_strdup_printf (_("%s · %s"), pages, requests);
}

static void
show_page (RdReportsPage *self)
{
  guint n = self->pages != NULL ? self->pages->len : 0;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (n == 0)
    {
      gtk_picture_set_paintable (self->page_picture, NULL);
      gtk_label_set_text (self->page_label, "");
      update_actions (self);
      return;
    }

  self->page = MIN (self->page, n - 1);
  gtk_picture_set_paintable (self->page_picture, g_ptr_array_index (self->pages, self->page));
  /* Translators: the page shown in the preview, "Page 1 of 3" */
  text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
  gtk_label_set_text (self->page_label, text);
  /* Translators: the accessible name of the previewed page, "Report preview, page 1 of 3" */
  name = g_strdup_printf (_("Report preview, page %u of %u"), self->page + 1, n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  update_actions (self);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  RdReportsPage *self = RD_REPORTS_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JobResult) result = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *notice = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A later report, or the user's cancel, took over: nothing to show from this one. */
  if (g_task_get_cancellable (G_TASK (res)) != self->cancellable)
    return;

  self->computing = FALSE;
  stop_progress (self);
  g_clear_object (&self->cancellable);

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_message (self, "dialog-warning-symbolic", _("The Report Could Not Be Made"),
                        error->message, TRUE);
          rd_gui_toast_error (GTK_WIDGET (self), _("Could not make the report"), error);
        }
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < result->pages->len; i++)
    g_ptr_array_add (self->pages,
                     gdk_memory_texture_new (result->width, result->height, GDK_MEMORY_DEFAULT,
                                             g_ptr_array_index (result->pages, i),
                                             result->stride));

  g_set_object (&self->report, result->report);
  gtk_aspect_frame_set_ratio (self->page_frame, (float) result->width / result->height);
  self->page = 0;
  summary = summary_text (self->report, self->pages->len);
  gtk_label_set_text (self->summary_label, summary);
  notice = notice_text (self->report);
  show_notice (self, notice);
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  show_page (self);
}

static gboolean
progress_cb (gpointer user_data)
{
  RdReportsPage *self = user_data;
  Job *job = self->job;
  int done, total;

  if (job == NULL)
    return G_SOURCE_CONTINUE;

  done = g_atomic_int_get (&job->pages_done);
  total = g_atomic_int_get (&job->pages_total);
  if (total == 0)
    {
      gtk_label_set_text (self->busy_label, _("Computing the figures…"));
      gtk_progress_bar_set_text (self->busy_progress, _("Reading the cases"));
      gtk_progress_bar_pulse (self->busy_progress);
    }
  else
    {
      /* Translators: progress of the preview, "Drawing page 2 of 3" */
      g_autofree char *text = g_strdup_printf (_("Drawing page %d of %d"), MIN (done + 1, total),
                                               total);

      gtk_label_set_text (self->busy_label, _("Drawing the pages…"));
      gtk_progress_bar_set_text (self->busy_progress, text);
      gtk_progress_bar_set_fraction (self->busy_progress, (double) done / total);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
show_busy_cb (gpointer user_data)
{
  RdReportsPage *self = user_data;

  self->busy_id = 0;
  gtk_progress_bar_set_fraction (self->busy_progress, 0);
  progress_cb (self);
  gtk_stack_set_visible_child_name (self->preview_stack, "busy");
  return G_SOURCE_REMOVE;
}

/* The preview's resolution follows the space it is shown in, within reason. */
static double
preview_scale (RdReportsPage *self,
               RdPaper        paper)
{
  double width, height;
  int available = gtk_widget_get_height (GTK_WIDGET (self->preview_stack)) - 96;
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  rd_paper_get_size (paper, &width, &height);
  if (available <= 0)
    return 1.5;

  return CLAMP ((double) available * factor / height, 1.0, 3.0);
}

static void
start_compute (RdReportsPage *self)
{
  g_autoptr (GTask) task = NULL;
  Job *job;
  GDate from, to;
  gboolean from_ok, to_ok;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_progress (self);
  self->computing = FALSE;
  g_clear_object (&self->report);
  gtk_label_set_text (self->summary_label, "");
  show_notice (self, NULL);

  /* Nothing is computed for a hidden page: opening a database stays quick. */
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale && self->store != NULL)
    {
      update_actions (self);
      return;
    }

  if (self->store == NULL)
    {
      g_clear_pointer (&self->pages, g_ptr_array_unref);
      show_page (self);
      gtk_stack_set_visible_child_name (self->preview_stack, "empty");
      return;
    }

  from_ok = read_date_row (self->from_row, &from);
  to_ok = read_date_row (self->to_row, &to);
  if (current_kind (self) != RD_REPORT_CCPA)
    {
      if (!from_ok || !to_ok)
        {
          show_message (self, "dialog-warning-symbolic", _("Check the Period"),
                        _("Type the first and the last day of receipt, such as 1 Jan 2026 "
                          "and 31 Dec 2026, or pick them from the calendar."), FALSE);
          update_actions (self);
          return;
        }
      if (g_date_compare (&from, &to) > 0)
        {
          show_message (self, "dialog-warning-symbolic", _("Check the Period"),
                        _("The first day of the period comes after the last one."), FALSE);
          update_actions (self);
          return;
        }
    }

  job = g_atomic_rc_box_new0 (Job);
  job->path = g_strdup (rd_store_get_path (self->store));
  job->kind = current_kind (self);
  job->client = g_strdup (current_client (self));
  job->year = gtk_spin_button_get_value_as_int (self->year_spin);
  job->from = from;
  job->to = to;
  job->paper = current_paper (self);
  job->scale = preview_scale (self, job->paper);

  self->cancellable = g_cancellable_new ();
  self->computing = TRUE;
  self->job = g_atomic_rc_box_acquire (job);
  self->busy_id = g_timeout_add (BUSY_DELAY_MS, show_busy_cb, self);
  self->progress_id = g_timeout_add (100, progress_cb, self);

  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_source_tag (task, start_compute);
  g_task_set_task_data (task, job, job_unref);
  g_task_run_in_thread (task, compute_worker);
  update_actions (self);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  RdReportsPage *self = user_data;

  self->refresh_id = 0;
  start_compute (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (RdReportsPage *self)
{
  if (self->updating)
    return;

  /* The old figures no longer match the choices: nothing may be saved from them. */
  g_clear_object (&self->report);
  update_actions (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static void
update_rows (RdReportsPage *self)
{
  gboolean ccpa = current_kind (self) == RD_REPORT_CCPA;

  gtk_widget_set_visible (self->year_row, ccpa);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), !ccpa);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), !ccpa);
  update_actions (self);
}

static void
option_changed_cb (RdReportsPage *self)
{
  update_rows (self);
  schedule_refresh (self);
}

/* Clients */

static void
reload_clients (RdReportsPage *self)
{
  g_autofree char *selected = g_strdup (current_client (self));
  g_autoptr (GPtrArray) clients = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;
  guint position = 0;
  gboolean updating = self->updating;

  g_strv_builder_add (builder, _("All clients"));
  if (self->store != NULL)
    {
      clients = rd_store_list_clients (self->store, &error);
      if (clients == NULL)
        rd_gui_toast_error (GTK_WIDGET (self), _("Could not list the clients"), error);
      for (guint i = 0; clients != NULL && i < clients->len; i++)
        {
          const char *name = rd_client_get_name (g_ptr_array_index (clients, i));

          g_strv_builder_add (builder, name);
          if (g_strcmp0 (name, selected) == 0)
            position = i + 1;
        }
    }
  names = g_strv_builder_end (builder);

  /* Only when the list changed: a new model would reset the choice and the preview. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == g_strv_length (names))
    {
      gboolean same = TRUE;

      for (guint i = 1; same && names[i] != NULL; i++)
        same = g_strcmp0 (gtk_string_list_get_string (self->clients, i), names[i]) == 0;
      if (same)
        return;
    }

  self->updating = TRUE;
  gtk_string_list_splice (self->clients, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clients)),
                          (const char * const *) names);
  adw_combo_row_set_selected (self->client_row, position);
  self->updating = updating;
}

/* Saving */

typedef struct
{
  RdReport       *report;
  RdReportFormat  format;
  RdPaper         paper;
  char           *path;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *d = data;

  g_clear_object (&d->report);
  g_free (d->path);
  g_free (d);
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *d = task_data;
  g_autoptr (GError) error = NULL;

  if (!rd_report_save (d->report, d->format, d->paper, d->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  RdReportsPage *self = RD_REPORTS_PAGE (source);
  SaveData *d = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_path_get_basename (d->path);
  g_autofree char *text = NULL;

  gboolean ok = g_task_propagate_boolean (G_TASK (res), &error);

  /* Cancelled: the page is gone, and its widgets with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_saving--;
  update_actions (self);

  if (!ok)
    {
      rd_gui_toast_error (GTK_WIDGET (self), _("Could not save the report"), error);
      return;
    }

  if (d->format == RD_REPORT_FORMAT_CSV)
    {
      guint others = g_strv_length ((char **) rd_report_list_csv_tables (d->report)) - 1;

      if (others > 0)
        /* Translators: a toast; %s is a file name, %u how many other CSV files */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Saved “%s” and %u more table beside it",
                                             "Saved “%s” and %u more tables beside it", others),
                                name, others);
    }
  if (text == NULL)
    /* Translators: a toast; %s is a file name */
    text = g_strdup_printf (_("Saved “%s”"), name);
  rd_gui_toast (GTK_WIDGET (self), text);
}

static void
save_to_file (RdReportsPage  *self,
              RdReportFormat  format,
              GFile          *file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = g_file_get_path (file);
  SaveData *d;

  if (self->report == NULL)
    return;

  if (path == NULL)
    {
      g_autoptr (GError) error = g_error_new_literal (RD_ERROR, RD_ERROR_IO,
                                                      _("only local files can be written"));
      rd_gui_toast_error (GTK_WIDGET (self), _("Could not save the report"), error);
      return;
    }

  d = g_new0 (SaveData, 1);
  d->report = g_object_ref (self->report);
  d->format = format;
  d->paper = current_paper (self);
  d->path = g_steal_pointer (&path);

  self->n_saving++;
  update_actions (self);
  task = g_task_new (self, self->life, save_done_cb, NULL);
  g_task_set_source_tag (task, save_to_file);
  g_task_set_task_data (task, d, save_data_free);
  g_task_run_in_thread (task, save_worker);
}

static char *
slug (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* A file name that says what is in the file: ccpa-7102-2026-acme-retail.pdf */
static char *
suggested_name (RdReport       *report,
                RdReportFormat  format)
{
  static const char * const extensions[] = { "json", "csv", "pdf" };
  const char *client = rd_report_get_client (report);
  g_autofree char *who = slug (client != NULL ? client : "all-clients");
  char from[11], to[11];

  if (rd_report_get_kind (report) == RD_REPORT_CCPA)
    return g_strdup_printf ("ccpa-7102-%d-%s.%s", g_date_get_year (rd_report_get_from (report)),
                            who, extensions[format]);

  rd_date_format_into (rd_report_get_from (report), from);
  rd_date_format_into (rd_report_get_to (report), to);
  return g_strdup_printf ("%s-%s-to-%s-%s.%s",
                          rd_report_get_kind (report) == RD_REPORT_GDPR ? "gdpr-statistics"
                                                                        : "sla",
                          from, to, who, extensions[format]);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     RdReportsPage   *self)
{
  RdReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "rd-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        save_to_file (self, format, file);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
ask_save (RdReportsPage  *self,
          RdReportFormat  format)
{
  static const struct { const char *title; const char *filter; const char *mime;
                        const char *pattern; } formats[] = {
    { N_("Save Report as JSON"), N_("JSON files"), "application/json", "*.json" },
    { N_("Save Report as CSV"), N_("CSV files"), "text/csv", "*.csv" },
    { N_("Save Report as PDF"), N_("PDF documents"), "application/pdf", "*.pdf" },
  };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (self->report, format);

  chooser = gtk_file_chooser_native_new (_(formats[format].title),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _(formats[format].filter));
  gtk_file_filter_add_mime_type (filter, formats[format].mime);
  gtk_file_filter_add_pattern (filter, formats[format].pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "rd-format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Printing: the PDF's own drawing code, on the printer's pages */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                RdReport          *report)
{
  guint n = rd_report_pdf_get_n_pages (report, gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              RdReport          *report)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  if (page >= 0 && (guint) page < rd_report_pdf_get_n_pages (report, width, height))
    rd_report_pdf_draw_page (report, gtk_print_context_get_cairo_context (context), width,
                             height, page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RdReportsPage           *self)
{
  g_autoptr (GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  rd_gui_toast_error (GTK_WIDGET (self), _("Could not print the report"), error);
}

static void
unref_report (gpointer  data,
              GClosure *closure)
{
  g_object_unref (data);
}

static GtkPrintOperation *
new_print_operation (RdReportsPage *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) size = NULL;
  g_autofree char *title = rd_report_dup_title (self->report);

  size = gtk_paper_size_new (current_paper (self) == RD_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                      : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, size);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report lays out its own margins, in points, from the page's top left corner. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, title);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb),
                         g_object_ref (self->report), unref_report, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (self->report), unref_report, 0);
  return operation;
}

/* Actions */

static gboolean
format_from_string (const char     *text,
                    RdReportFormat *format)
{
  if (g_strcmp0 (text, "pdf") == 0)
    *format = RD_REPORT_FORMAT_PDF;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = RD_REPORT_FORMAT_CSV;
  else if (g_strcmp0 (text, "json") == 0)
    *format = RD_REPORT_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);
  RdReportFormat format;

  if (self->report != NULL && format_from_string (g_variant_get_string (parameter, NULL), &format))
    ask_save (self, format);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->report != NULL && !rd_reports_page_print (self, NULL, &error))
    rd_gui_toast_error (widget, _("Could not print the report"), error);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rd_reports_page_cancel (RD_REPORTS_PAGE (widget));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rd_reports_page_refresh (RD_REPORTS_PAGE (widget));
}

static void
previous_page_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);

  if (self->page > 0)
    rd_reports_page_set_page (self, self->page - 1);
}

static void
next_page_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);

  rd_reports_page_set_page (self, self->page + 1);
}

static void
records_saved_cb (RdClientRecordsWindow *window,
                  RdReportsPage         *self)
{
  rd_gui_toast (GTK_WIDGET (self), _("Records of processing saved"));
}

static void
edit_records_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RdClientRecordsWindow *window;
  g_autoptr (GError) error = NULL;

  if (self->store == NULL || current_client (self) == NULL)
    return;

  window = rd_client_records_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->store, current_client (self), &error);
  if (window == NULL)
    {
      rd_gui_toast_error (widget, _("Could not open the records of processing"), error);
      return;
    }

  g_signal_connect_object (window, "saved", G_CALLBACK (records_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
update_actions (RdReportsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->report != NULL && !self->computing;
  guint n = self->pages != NULL ? self->pages->len : 0;
  gboolean has_client = self->store != NULL && current_client (self) != NULL;

  gtk_widget_action_set_enabled (widget, "reports.save", ready);
  gtk_widget_action_set_enabled (widget, "reports.print", ready);
  gtk_widget_action_set_enabled (widget, "reports.cancel", self->computing);
  gtk_widget_action_set_enabled (widget, "reports.refresh", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "reports.previous-page", ready && self->page > 0);
  gtk_widget_action_set_enabled (widget, "reports.next-page", ready && self->page + 1 < n);
  gtk_widget_action_set_enabled (widget, "reports.edit-records", has_client);
  gtk_widget_set_tooltip_text (self->records_row,
                               has_client ? _("Edit what cover letters say about this client")
                                          : _("Choose a client first"));
}

/* Ctrl+S and Ctrl+P work wherever the focus is while the Reports place is shown. */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (g_str_equal (action, "reports.save"))
    return gtk_widget_activate_action (widget, action, "s", "pdf");
  return gtk_widget_activate_action (widget, action, NULL);
}

static void
add_global_shortcuts (RdReportsPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                      gtk_callback_action_new (shortcut_cb, (gpointer) "reports.save", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                      gtk_callback_action_new (shortcut_cb, (gpointer) "reports.print", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* GObject */

static void
rd_reports_page_map (GtkWidget *widget)
{
  RdReportsPage *self = RD_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (rd_reports_page_parent_class)->map (widget);

  /* Clients added since the page was last shown. */
  reload_clients (self);
  if (self->stale)
    start_compute (self);
}

static void
rd_reports_page_dispose (GObject *object)
{
  RdReportsPage *self = RD_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->life);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_progress (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REPORTS_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->life);
  g_clear_object (&self->clients);
  g_clear_object (&self->store);
  g_clear_object (&self->report);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_reports_page_parent_class)->dispose (object);
}

static void
rd_reports_page_class_init (RdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reports_page_dispose;
  widget_class->map = rd_reports_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdreportspage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, client_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, message_page);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, page_frame);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, page_picture);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, paper_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, records_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, RdReportsPage, year_spin);

  gtk_widget_class_install_action (widget_class, "reports.save", "s", save_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.previous-page", NULL,
                                   previous_page_cb);
  gtk_widget_class_install_action (widget_class, "reports.next-page", NULL, next_page_cb);
  gtk_widget_class_install_action (widget_class, "reports.edit-records", NULL, edit_records_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "reports.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "reports.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reports.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "reports.cancel", NULL);
}

static void
rd_reports_page_init (RdReportsPage *self)
{
  GtkPaperSize *paper = gtk_paper_size_new (NULL);
  GDate today, first, last;
  int year;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->life = g_cancellable_new ();
  self->clients = gtk_string_list_new (NULL);
  gtk_string_list_append (self->clients, _("All clients"));
  adw_combo_row_set_model (self->client_row, G_LIST_MODEL (self->clients));

  /* The last whole calendar year: the CCPA metrics are due by July 1 of the next one. */
  rd_date_today (&today);
  year = g_date_get_year (&today) - 1;
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, year);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, year);
  self->updating = TRUE;
  gtk_spin_button_set_value (self->year_spin, year);
  set_date_row (self->from_row, &first);
  set_date_row (self->to_row, &last);
  /* US Letter where the locale uses it, A4 elsewhere. */
  adw_combo_row_set_selected (self->paper_row,
                              g_str_equal (gtk_paper_size_get_name (paper),
                                           GTK_PAPER_NAME_LETTER) ? 1 : 0);
  gtk_paper_size_free (paper);
  self->updating = FALSE;

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (option_changed_cb),
                            self);
  g_signal_connect_swapped (self->client_row, "notify::selected", G_CALLBACK (option_changed_cb),
                            self);
  g_signal_connect_swapped (self->paper_row, "notify::selected", G_CALLBACK (option_changed_cb),
                            self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (option_changed_cb),
                            self);
  rd_gui_add_date_button (self->from_row);
  rd_gui_add_date_button (self->to_row);
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (option_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (option_changed_cb), self);

  add_global_shortcuts (self);
  update_rows (self);
  gtk_stack_set_visible_child_name (self->preview_stack, "empty");
}

GtkWidget *
rd_reports_page_new (void)
{
  return g_object_new (RD_TYPE_REPORTS_PAGE, NULL);
}

void
rd_reports_page_set_store (RdReportsPage *self,
                           RdStore       *store)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  self->updating = TRUE;
  reload_clients (self);
  adw_combo_row_set_selected (self->client_row, 0);
  self->updating = FALSE;
  start_compute (self);
}

void
rd_reports_page_set_report (RdReportsPage *self,
                            RdReportKind   kind,
                            const char    *client,
                            int            year,
                            const GDate   *from,
                            const GDate   *to)
{
  guint position = 0;

  g_return_if_fail (RD_IS_REPORTS_PAGE (self));
  g_return_if_fail (kind <= RD_REPORT_SLA);

  reload_clients (self);
  if (client != NULL)
    for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->clients)); i++)
      if (g_strcmp0 (gtk_string_list_get_string (self->clients, i), client) == 0)
        position = i;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind);
  adw_combo_row_set_selected (self->client_row, position);
  if (year > 0)
    gtk_spin_button_set_value (self->year_spin, year);
  if (from != NULL && g_date_valid (from))
    set_date_row (self->from_row, from);
  if (to != NULL && g_date_valid (to))
    set_date_row (self->to_row, to);
  self->updating = FALSE;

  update_rows (self);
  start_compute (self);
}

void
rd_reports_page_set_paper (RdReportsPage *self,
                           RdPaper        paper)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  adw_combo_row_set_selected (self->paper_row, paper == RD_PAPER_LETTER ? 1 : 0);
  rd_reports_page_refresh (self);
}

void
rd_reports_page_refresh (RdReportsPage *self)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  start_compute (self);
}

void
rd_reports_page_cancel (RdReportsPage *self)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  if (!self->computing)
    return;

  /* The worker stops at its next page; its result is dropped in any case. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->computing = FALSE;
  stop_progress (self);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  show_page (self);
  show_message (self, "process-stop-symbolic", _("Report Cancelled"),
                _("Change a choice, or compute the report again."), TRUE);
}

const char *
rd_reports_page_get_notice (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->notice_revealer)
         ? gtk_label_get_text (self->notice_label) : NULL;
}

RdReport *
rd_reports_page_get_report (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), NULL);

  return self->computing ? NULL : self->report;
}

gboolean
rd_reports_page_get_busy (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), FALSE);

  return self->computing || self->refresh_id != 0 || self->n_saving > 0;
}

guint
rd_reports_page_get_n_pages (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), 0);

  return self->pages != NULL ? self->pages->len : 0;
}

guint
rd_reports_page_get_page (RdReportsPage *self)
{
  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), 0);

  return self->page;
}

void
rd_reports_page_set_page (RdReportsPage *self,
                          guint          page)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));

  if (self->pages == NULL || page >= self->pages->len || page == self->page)
    return;

  self->page = page;
  show_page (self);
}

void
rd_reports_page_save (RdReportsPage  *self,
                      RdReportFormat  format,
                      GFile          *file)
{
  g_return_if_fail (RD_IS_REPORTS_PAGE (self));
  g_return_if_fail (format <= RD_REPORT_FORMAT_PDF);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->report == NULL || self->computing)
    return;

  if (file == NULL)
    ask_save (self, format);
  else
    save_to_file (self, format, file);
}

gboolean
rd_reports_page_print (RdReportsPage  *self,
                       const char     *export_path,
                       GError        **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  GtkRoot *root;

  g_return_val_if_fail (RD_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->report == NULL || self->computing)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("the report is not ready yet"));
      return FALSE;
    }

  operation = new_print_operation (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));

  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
    }

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
