/* rd-transcripts-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-transcripts-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-gui-util.h"
#include "rd-redaction-window.h"
#include "rd-transcript.h"
#include "rd-transcripts-group.h"

/* A file read and checked off the main thread, ready to be stored. */
typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *content;
  char   *warning;    /* the first repair the reader made, if any */
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_free (prepared->name);
  g_free (prepared->mime_type);
  g_clear_pointer (&prepared->content, g_bytes_unref);
  g_free (prepared->warning);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static Prepared *
prepare_file (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (Prepared) prepared = g_new0 (Prepared, 1);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autofree char *content_type = NULL;
  const char * const *warnings;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  prepared->name = g_strdup (g_file_info_get_display_name (info));
  if (g_file_info_get_size (info) > RD_TRANSCRIPT_MAX_SIZE)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is larger than %d MB, the largest transcript Rights Desk takes"),
                   prepared->name, RD_TRANSCRIPT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  prepared->content = g_file_load_bytes (file, cancellable, NULL, error);
  if (prepared->content == NULL)
    return NULL;

  /* Refuse what the editor could not open, before anything is stored. */
  transcript = rd_transcript_load (prepared->content, prepared->name, error);
  if (transcript == NULL)
    {
      g_prefix_error (error, _("“%s” is not a transcript Rights Desk can read: "), prepared->name);
      return NULL;
    }
  warnings = rd_transcript_get_warnings (transcript);
  if (warnings != NULL && warnings[0] != NULL)
    prepared->warning = g_strdup (warnings[0]);

  content_type = g_content_type_guess (prepared->name,
                                       g_bytes_get_data (prepared->content, NULL),
                                       g_bytes_get_size (prepared->content), NULL);
  prepared->mime_type = g_content_type_get_mime_type (content_type);
  if (prepared->mime_type == NULL)
    prepared->mime_type = g_strdup ("text/plain");
  return g_steal_pointer (&prepared);
}

static gint64
store_prepared (RdStore     *store,
                const char  *reference,
                Prepared    *prepared,
                GError     **error)
{
  return rd_store_add_document (store, reference, "transcript", prepared->name,
                                prepared->mime_type, prepared->content, "upload", error);
}

gint64
rd_transcripts_add_file (RdStore     *store,
                         const char  *reference,
                         GFile       *file,
                         GError     **error)
{
  g_autoptr (Prepared) prepared = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), 0);
  g_return_val_if_fail (reference != NULL, 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  prepared = prepare_file (file, NULL, error);
  if (prepared == NULL)
    return 0;
  return store_prepared (store, reference, prepared, error);
}

/* The group */

typedef struct
{
  RdStore   *store;
  char      *reference;
  GtkWidget *group;      /* not owned: the data lives as long as the group */
} GroupData;

static void
group_data_free (GroupData *d)
{
  g_clear_object (&d->store);
  g_free (d->reference);
  g_free (d);
}

typedef struct
{
  RdStore   *store;
  char      *reference;
  GtkWidget *toast_widget;   /* weak: the page may be rebuilt meanwhile */
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_clear_object (&job->store);
  g_free (job->reference);
  g_clear_weak_pointer (&job->toast_widget);
  g_free (job);
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr (GPtrArray) prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_free);

  for (guint i = 0; i < files->len; i++)
    {
      GError *error = NULL;
      Prepared *one = prepare_file (g_ptr_array_index (files, i), cancellable, &error);

      if (one == NULL)
        {
          /* All or nothing, so that a refused file never leaves the others half-added. */
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (prepared, one);
    }
  g_task_return_pointer (task, g_steal_pointer (&prepared), (GDestroyNotify) g_ptr_array_unref);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AddJob *job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) prepared = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *widget = job->toast_widget;

  if (prepared == NULL)
    {
      if (widget != NULL)
        rd_gui_toast_error (widget, _("Could not add the transcript"), error);
    }
  else
    {
      const char *warning = NULL;

      for (guint i = 0; i < prepared->len; i++)
        {
          Prepared *one = g_ptr_array_index (prepared, i);

          if (store_prepared (job->store, job->reference, one, &error) <= 0)
            break;
          if (one->warning != NULL && warning == NULL)
            warning = one->warning;
        }
      /* The store's change signal rebuilds the page, so find the overlay from the window. */
      if (widget != NULL && error != NULL)
        rd_gui_toast_error (widget, _("Could not add the transcript"), error);
      else if (widget != NULL && warning != NULL)
        rd_gui_toast (widget, warning);
      else if (widget != NULL)
        rd_gui_toast (widget, g_dngettext (GETTEXT_PACKAGE, "Transcript added",
                                           "Transcripts added", prepared->len));
    }
  add_job_free (job);
}

static void
add_files (GroupData *d,
           GPtrArray *files)
{
  g_autoptr (GTask) task = NULL;
  AddJob *job;
  GtkRoot *root = gtk_widget_get_root (d->group);

  if (files->len == 0)
    return;
  job = g_new0 (AddJob, 1);
  job->store = g_object_ref (d->store);
  job->reference = g_strdup (d->reference);
  g_set_weak_pointer (&job->toast_widget, root != NULL ? GTK_WIDGET (root) : d->group);

  task = g_task_new (NULL, NULL, prepared_cb, job);
  g_task_set_task_data (task, g_ptr_array_ref (files), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, prepare_thread);
}

static GroupData *
group_data_copy (const GroupData *d,
                 GtkWidget       *widget)
{
  GroupData *copy = g_new0 (GroupData, 1);

  copy->store = g_object_ref (d->store);
  copy->reference = g_strdup (d->reference);
  copy->group = widget;
  return copy;
}

/* The chooser keeps its own copy of the case: the page may be rebuilt while it is open. */
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GroupData       *d)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      add_files (d, files);
    }
  group_data_free (d);
  g_object_unref (chooser);
}

static void
add_clicked_cb (GtkButton *button,
                GroupData *d)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Add Transcripts"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Transcripts (text, e-mail, chat, subtitles, PDF)"));
  for (const char * const *p = (const char * const[]) { "*.txt", "*.eml", "*.json", "*.vtt",
                                                       "*.srt", "*.pdf", NULL }; *p; p++)
    gtk_file_filter_add_suffix (filter, *p + 2);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    group_data_copy (d, GTK_IS_WIDGET (root) ? GTK_WIDGET (root) : d->group));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GroupData     *d)
{
  GdkFileList *list;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  add_files (d, files);
  return files->len > 0;
}

static void
redact_clicked_cb (GtkButton *button,
                   GroupData *d)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "document-id"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  window = rd_redaction_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    d->store, d->reference, id, &error);
  if (window == NULL)
    {
      rd_gui_toast_error (GTK_WIDGET (button), _("Could not open the transcript"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
}

static char *
describe (const RdDocument *document)
{
  g_autofree char *size = g_format_size (document->size);

  if (document->source == NULL)
    /* Translators: a transcript's size, e.g. "12.3 kB" */
    return g_strdup_printf (_("%s · source unknown"), size);
  if (g_str_equal (document->source, "upload"))
    /* Translators: a transcript's size, e.g. "12.3 kB" */
    return g_strdup_printf (_("%s · attached from a file"), size);
  if (g_str_equal (document->source, "redacted"))
    /* Translators: a transcript's size, e.g. "12.3 kB" */
    return g_strdup_printf (_("%s · redacted copy"), size);
  /* Translators: a transcript's size, then the client system it came from */
  return g_strdup_printf (_("%s · collected from %s"), size, document->source);
}

GtkWidget *
rd_transcripts_group_new (RdStore *store,
                          RdCase  *item)
{
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *group, *button;
  GtkDropTarget *target;
  GroupData *d;
  guint n = 0;
  gboolean open;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CASE (item), NULL);

  open = rd_case_is_open (item) && !rd_case_get_purged (item);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Transcripts"));
  gtk_widget_add_css_class (group, "transcripts-group");

  d = g_new0 (GroupData, 1);
  d->store = g_object_ref (store);
  d->reference = g_strdup (rd_case_get_reference (item));
  d->group = group;
  g_object_set_data_full (G_OBJECT (group), "rd-transcripts", d,
                          (GDestroyNotify) group_data_free);

  button = gtk_button_new_with_mnemonic (_("Add _Transcripts…"));
  gtk_widget_set_tooltip_text (button, _("Add transcripts: text, e-mail, chat export, "
                                         "subtitles or PDF"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, open);
  g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), d);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  documents = rd_store_list_documents (store, d->reference, &error);
  if (documents == NULL)
    rd_gui_toast_error (group, _("Could not read the case’s documents"), error);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      RdDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row;

      if (!g_str_equal (document->kind, "transcript"))
        continue;
      n++;
      subtitle = describe (document);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("text-x-generic-symbolic"));

      /* A redacted copy is already the output; only originals are reviewed. */
      if (rd_document_is_redacted_copy (document))
        {
          g_autofree char *copy = g_strdup_printf (_("Redacted copy · %s"), subtitle);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), copy);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          continue;
        }
      button = gtk_button_new_with_mnemonic (_("_Redact…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: the accessible name of a transcript's Redact button */
      label = g_strdup_printf (_("Redact %s"), document->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (button), "document-id", GSIZE_TO_POINTER (document->id));
      g_signal_connect (button, "clicked", G_CALLBACK (redact_clicked_cb), d);
      gtk_widget_set_tooltip_text (button, _("Review this transcript’s personal data and "
                                             "redact it"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (group),
      n == 0 ? _("No transcripts yet. Add support e-mails, chats or call transcripts, or drop "
                 "the files here, to review and redact them before release.")
             : _("Review each transcript’s personal data and redact what is not the "
                 "requester’s before release."));

  if (open)
    {
      target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
      g_signal_connect (target, "drop", G_CALLBACK (drop_cb), d);
      gtk_widget_add_controller (group, GTK_EVENT_CONTROLLER (target));
    }
  return group;
}
