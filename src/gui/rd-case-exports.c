/* rd-case-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case-exports"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-exports.h"
#include "rd-case-file.h"
#include "rd-case-page.h"
#include "rd-client-records-window.h"
#include "rd-error.h"
#include "rd-gui-util.h"
#include "rd-package.h"

typedef enum
{
  EXPORT_PACKAGE,
  EXPORT_CASE_FILE,
} ExportKind;

typedef struct
{
  ExportKind  kind;
  GtkWidget  *widget;       /* where the result is shown */
  RdStore    *store;        /* the GUI's connection: read on the main thread only */
  char       *db_path;
  char       *reference;
  char       *client;
  char       *path;
  char       *zip_path;     /* the case file's documents, or NULL */
  gboolean    encrypt;
  RdPaper     paper;
} Export;

typedef struct
{
  RdPackageResult *package;
  gboolean         chain_intact;
} ExportResult;

static AdwMessageDialog *passphrase_dialog;

static void
export_free (gpointer data)
{
  Export *e = data;

  g_clear_object (&e->widget);
  g_clear_object (&e->store);
  g_free (e->db_path);
  g_free (e->reference);
  g_free (e->client);
  g_free (e->path);
  g_free (e->zip_path);
  g_free (e);
}

static void
export_result_free (gpointer data)
{
  ExportResult *r = data;

  g_clear_pointer (&r->package, rd_package_result_free);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportResult, export_result_free)

/* US Letter where the locale uses it, A4 elsewhere. */
static RdPaper
default_paper (void)
{
  GtkPaperSize *size = gtk_paper_size_new (NULL);
  RdPaper paper = g_str_equal (gtk_paper_size_get_name (size), GTK_PAPER_NAME_LETTER)
                    ? RD_PAPER_LETTER : RD_PAPER_A4;

  gtk_paper_size_free (size);
  return paper;
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *content = NULL;

  if (ADW_IS_APPLICATION_WINDOW (root))
    content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));
  else if (ADW_IS_WINDOW (root))
    content = adw_window_get_content (ADW_WINDOW (root));

  return ADW_IS_TOAST_OVERLAY (content) ? ADW_TOAST_OVERLAY (content) : NULL;
}

/* Off the main thread, on a connection of its own */

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *e = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (ExportResult) result = g_new0 (ExportResult, 1);

  store = rd_store_open (e->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rd_store_set_actor (store, rd_store_get_actor (e->store));

  if (e->kind == EXPORT_PACKAGE)
    {
      result->package = rd_package_export (store, e->reference, e->path, e->encrypt, e->paper,
                                           &error);
      if (result->package == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (!rd_case_file_write (store, e->reference, e->path, e->zip_path, e->paper,
                                &result->chain_intact, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&result), export_result_free);
}

static void
passphrase_copy_cb (GtkButton *button,
                    GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_text (label));
  gtk_button_set_label (button, _("Copied"));
}

static void
passphrase_closed_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  if (passphrase_dialog == dialog)
    passphrase_dialog = NULL;
}

/* Shown once: the passphrase is stored nowhere. */
static void
show_passphrase (GtkWidget  *widget,
                 const char *passphrase)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *box, *label, *copy;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Passphrase of the Package"),
                                   _("The package is encrypted (AES-256). Send this passphrase "
                                     "to the requester by another channel than the package, "
                                     "for example by phone or text message. It is shown only "
                                     "this once and is not kept."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  label = gtk_label_new (passphrase);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-3");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passphrase"), -1);
  copy = gtk_button_new_with_mnemonic (_("_Copy to Clipboard"));
  gtk_widget_set_halign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "pill");
  g_signal_connect (copy, "clicked", G_CALLBACK (passphrase_copy_cb), label);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "done", _("_Done"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "done");
  g_signal_connect (dialog, "response", G_CALLBACK (passphrase_closed_cb), NULL);
  passphrase_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWidget *widget;
  RdStore   *store;
  char      *client;
} RecordsLink;

static void
records_link_free (gpointer data,
                   GClosure *closure)
{
  RecordsLink *link = data;

  g_clear_object (&link->widget);
  g_clear_object (&link->store);
  g_free (link->client);
  g_free (link);
}

static void
gaps_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  RecordsLink      *link)
{
  GtkRoot *root = gtk_widget_get_root (link->widget);
  RdClientRecordsWindow *window;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "edit") || link->client == NULL)
    return;
  window = rd_client_records_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         link->store, link->client, &error);
  if (window == NULL)
    rd_gui_toast_error (link->widget, _("Could not open the records of processing"), error);
  else
    gtk_window_present (GTK_WINDOW (window));
}

/* What the package lacks must be read before it goes out: a dialog, where a toast would cut
 * the list of names short. */
static void
show_gaps (GtkWidget  *widget,
           Export     *e,
           const char *name,
           guint       n_files,
           const char *gaps,
           gboolean    lacks_records)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  RecordsLink *link = g_new0 (RecordsLink, 1);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a file name, %u a number of files, then a list of what is missing */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” holds %u file. Before it goes to the requester:\n%s",
                                       "“%s” holds %u files. Before it goes to the requester:\n%s",
                                       n_files),
                          name, n_files, gaps);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Response Package Saved, with Gaps"), body);
  link->widget = g_object_ref (widget);
  link->store = g_object_ref (e->store);
  link->client = g_strdup (e->client);
  if (link->client != NULL && lacks_records)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "edit", _("_Edit Records"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  g_signal_connect_data (dialog, "response", G_CALLBACK (gaps_response_cb), link,
                         records_link_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The outcome of an export the user just asked for goes before any older toast still queued. */
static void
show_result (GtkWidget *widget,
             AdwToast  *toast,
             guint      timeout)
{
  AdwToastOverlay *overlay = find_overlay (widget);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Export *e = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autoptr (ExportResult) result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autofree char *name = g_path_get_basename (e->path);
  g_autofree char *text = NULL;
  GtkWidget *widget = e->widget;

  if (result == NULL)
    {
      rd_gui_toast_error (widget, e->kind == EXPORT_PACKAGE
                                    ? _("Could not export the response package")
                                    : _("Could not write the case file"), error);
      return;
    }

  /* The export is in the audit trail now: the timeline shows it. */
  if (RD_IS_CASE_PAGE (widget)
      && g_strcmp0 (rd_case_page_get_reference (RD_CASE_PAGE (widget)), e->reference) == 0)
    rd_case_page_refresh (RD_CASE_PAGE (widget));

  if (e->kind == EXPORT_CASE_FILE)
    {
      if (result->chain_intact)
        /* Translators: a toast; %s is a file name */
        text = g_strdup_printf (_("Case file “%s” saved; the audit chain verified"), name);
      else
        /* Translators: a toast; %s is a file name */
        text = g_strdup_printf (_("Case file “%s” saved, but the audit chain is broken: the "
                                  "file shows where"), name);
      show_result (widget, rd_gui_toast_new (text), result->chain_intact ? 5 : 10);
      return;
    }

  {
    guint n_missing = g_strv_length (result->package->missing);
    g_autoptr (GString) gaps = g_string_new (NULL);

    if (result->package->unreviewed != NULL && result->package->unreviewed[0] != NULL)
      {
        guint n = g_strv_length (result->package->unreviewed);
        g_autofree char *names = g_strjoinv (", ", result->package->unreviewed);

        /* Translators: a line of a list; %s is the transcripts' names */
        g_string_append_printf (gaps, g_dngettext (GETTEXT_PACKAGE,
          "\n• Left out, its redaction not yet decided: %s",
          "\n• Left out, their redaction not yet decided: %s", n), names);
      }
    if (n_missing > 0)
      /* Translators: a line of a list */
      g_string_append_printf (gaps, g_dngettext (GETTEXT_PACKAGE,
        "\n• The cover letter lacks %u item of the client’s records of processing",
        "\n• The cover letter lacks %u items of the client’s records of processing",
        n_missing), n_missing);

    if (gaps->len > 0)
      show_gaps (widget, e, name, result->package->n_files, gaps->str, n_missing > 0);
    else
      {
        /* Translators: a toast; %s is a file name, %u a number of files */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Response package “%s” saved: %u file",
                                             "Response package “%s” saved: %u files",
                                             result->package->n_files),
                                name, result->package->n_files);
        show_result (widget, rd_gui_toast_new (text), 5);
      }

    if (result->package->passphrase != NULL)
      show_passphrase (widget, result->package->passphrase);
  }
}

static void
start_export (Export *e)
{
  g_autoptr (GTask) task = NULL;

  task = g_task_new (NULL, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, e, export_free);
  g_task_run_in_thread (task, export_worker);
}

static Export *
export_new (ExportKind  kind,
            GtkWidget  *widget,
            RdStore    *store,
            const char *reference)
{
  Export *e = g_new0 (Export, 1);
  g_autoptr (RdCase) item = rd_store_get_case (store, reference, NULL);

  e->kind = kind;
  e->widget = g_object_ref (widget);
  e->store = g_object_ref (store);
  e->db_path = g_strdup (rd_store_get_path (store));
  e->reference = g_strdup (reference);
  e->client = item != NULL ? g_strdup (rd_case_get_client (item)) : NULL;
  e->paper = default_paper ();
  return e;
}

static gboolean
take_path (Export  *e,
           GFile   *file)
{
  g_autoptr (GError) error = NULL;

  e->path = g_file_get_path (file);
  if (e->path != NULL)
    return TRUE;

  error = g_error_new_literal (RD_ERROR, RD_ERROR_IO, _("only local files can be written"));
  rd_gui_toast_error (e->widget, _("Could not save"), error);
  return FALSE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Export          *e)
{
  g_autoptr (GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL
      || !take_path (e, file))
    {
      export_free (e);
      g_object_unref (chooser);
      return;
    }

  if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "paper"),
                 "letter") == 0)
    e->paper = RD_PAPER_LETTER;
  else
    e->paper = RD_PAPER_A4;

  if (e->kind == EXPORT_PACKAGE)
    e->encrypt = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "encrypt"),
                            "true") == 0;
  else if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "documents"),
                      "true") == 0)
    e->zip_path = rd_case_exports_documents_path (e->path);

  g_object_unref (chooser);
  start_export (e);
}

static void
ask_where (Export *e)
{
  static const char *paper_ids[] = { "a4", "letter", NULL };
  const char *paper_labels[] = { _("A4"), _("US Letter"), NULL };
  GtkRoot *root = gtk_widget_get_root (e->widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  gboolean package = e->kind == EXPORT_PACKAGE;

  chooser = gtk_file_chooser_native_new (package ? _("Export Response Package")
                                                 : _("Save Complaint Case File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         package ? _("_Export") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (package)
    {
      gtk_file_filter_set_name (filter, _("Zip archives"));
      gtk_file_filter_add_mime_type (filter, "application/zip");
      gtk_file_filter_add_pattern (filter, "*.zip");
      name = g_strdup_printf ("%s-response.zip", e->reference);
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "encrypt",
                                   _("Encrypt with a new passphrase (shown once)"), NULL, NULL);
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_pattern (filter, "*.pdf");
      name = g_strdup_printf ("%s-case-file.pdf", e->reference);
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "documents",
                                   _("Also save the case’s documents in a zip beside it"),
                                   NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "documents", "true");
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "paper", _("Paper"), paper_ids,
                               paper_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "paper",
                               e->paper == RD_PAPER_LETTER ? "letter" : "a4");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), e);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
rd_case_exports_package (GtkWidget  *widget,
                         RdStore    *store,
                         const char *reference,
                         GFile      *file,
                         gboolean    encrypt)
{
  Export *e;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (reference != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  e = export_new (EXPORT_PACKAGE, widget, store, reference);
  e->encrypt = encrypt;
  if (file == NULL)
    ask_where (e);
  else if (take_path (e, file))
    start_export (e);
  else
    export_free (e);
}

void
rd_case_exports_case_file (GtkWidget  *widget,
                           RdStore    *store,
                           const char *reference,
                           GFile      *file,
                           gboolean    with_documents)
{
  Export *e;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (reference != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  e = export_new (EXPORT_CASE_FILE, widget, store, reference);
  if (file == NULL)
    {
      ask_where (e);
      return;
    }

  if (!take_path (e, file))
    {
      export_free (e);
      return;
    }
  if (with_documents)
    e->zip_path = rd_case_exports_documents_path (e->path);
  start_export (e);
}

char *
rd_case_exports_documents_path (const char *pdf_path)
{
  g_return_val_if_fail (pdf_path != NULL, NULL);

  if (g_str_has_suffix (pdf_path, ".pdf") || g_str_has_suffix (pdf_path, ".PDF"))
    return g_strdup_printf ("%.*s-documents.zip", (int) strlen (pdf_path) - 4, pdf_path);

  return g_strdup_printf ("%s-documents.zip", pdf_path);
}

AdwMessageDialog *
rd_case_exports_get_passphrase_dialog (void)
{
  return passphrase_dialog;
}
