/* rd-collect-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-collect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-client-systems-window.h"
#include "rd-collect-dialog.h"
#include "rd-collect.h"
#include "rd-gui-util.h"

struct _RdCollectDialog
{
  AdwWindow            parent_instance;

  RdStore             *store;
  char                *reference;
  RdCollectDialogMode  mode;
  RdRequestType        type;
  RdCollect           *collect;
  char                *client;
  GCancellable        *cancellable;
  GPtrArray           *plans;      /* RdSystemResult */
  GHashTable          *rows;       /* connector name → AdwExpanderRow */
  gboolean             busy;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *go_button;
  AdwPreferencesGroup *rectify_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *phone_row;
  GtkButton           *plan_button;
  AdwStatusPage       *empty_page;
  GtkWidget           *systems_group;
  GtkListBox          *list;
  GtkLabel            *placeholder;
  GtkLabel            *summary_label;
};

G_DEFINE_FINAL_TYPE (RdCollectDialog, rd_collect_dialog, ADW_TYPE_WINDOW)

static char *
status_text (const RdSystemResult *r,
             RdCollectDialogMode   mode)
{
  switch (r->state)
    {
    case RD_SYSTEM_PENDING:
      return g_strdup (_("Waiting"));
    case RD_SYSTEM_RUNNING:
      if (mode == RD_COLLECT_DIALOG_COLLECT)
        /* Translators: progress of a collect */
        return g_strdup_printf (_("Working… %u records, %u conversations so far"), r->records,
                                r->transcripts);
      return g_strdup (_("Working…"));
    case RD_SYSTEM_OK:
      if (r->execution != NULL)
        /* Translators: after a request was carried out */
        return g_strdup_printf (_("Done: %u changes, %u requests"), r->execution->operations->len,
                                r->execution->evidence->len);
      if (r->plan != NULL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u planned change",
                                             "%u planned changes", r->plan->len), r->plan->len);
      return g_strdup_printf (_("Done: %u records, %u conversations"), r->records,
                              r->transcripts);
    case RD_SYSTEM_FAILED:
      /* Translators: why a system failed */
      return g_strdup_printf (_("Failed: %s%s"), r->error ? r->error->message : "",
                              r->execution && r->execution->rolled_back
                              ? _(" (what was done there was undone)") : "");
    case RD_SYSTEM_CANCELLED:
      return g_strdup (_("Cancelled: nothing of it was kept"));
    case RD_SYSTEM_SKIPPED:
      /* Translators: a system with nothing to do */
      return g_strdup_printf (_("Nothing to do: %s"), r->error ? r->error->message : "");
    default:
      return g_strdup ("");
    }
}

static GtkWidget *
row_for (RdCollectDialog *self,
         const char      *connector)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, connector);
  GtkWidget *spinner, *icon;

  if (row != NULL)
    return row;
  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), connector);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
  spinner = gtk_spinner_new ();
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), spinner);
  g_object_set_data (G_OBJECT (row), "rd-spinner", spinner);
  /* Once the system is done, its outcome at a glance where the spinner was. */
  icon = gtk_image_new ();
  gtk_widget_set_visible (icon, FALSE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "rd-icon", icon);
  gtk_list_box_append (self->list, row);
  g_hash_table_insert (self->rows, g_strdup (connector), row);
  return row;
}

static void
add_detail (GtkWidget  *row,
            const char *title,
            const char *subtitle)
{
  GtkWidget *child = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (child), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 6);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), TRUE);
}

static void
show_result (RdCollectDialog      *self,
             const RdSystemResult *r)
{
  GtkWidget *row = row_for (self, r->connector);
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "rd-spinner");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "rd-icon");
  g_autofree char *text = status_text (r, self->mode);
  const char *icon_name = NULL, *outcome = NULL;

  switch (r->state)
    {
    case RD_SYSTEM_OK:
      icon_name = "emblem-ok-symbolic";
      outcome = _("Done");
      break;
    case RD_SYSTEM_FAILED:
      icon_name = "dialog-warning-symbolic";
      outcome = _("Failed");
      break;
    case RD_SYSTEM_CANCELLED:
      icon_name = "process-stop-symbolic";
      outcome = _("Cancelled");
      break;
    default:
      break;
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), r->state == RD_SYSTEM_RUNNING);
  gtk_widget_set_visible (spinner, icon_name == NULL);
  gtk_widget_set_visible (icon, icon_name != NULL);
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      outcome, -1);
    }
}

static void
progress_cb (const RdSystemResult *result,
             gpointer              user_data)
{
  show_result (RD_COLLECT_DIALOG (user_data), result);
}

static void
clear_rows (RdCollectDialog *self)
{
  GtkWidget *child;

  /* Row by row: the list's first child may be its placeholder, which stays. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_hash_table_remove_all (self->rows);
}

static void
set_busy (RdCollectDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_button_set_label (self->cancel_button, busy ? _("_Cancel") : _("_Close"));
  gtk_label_set_text (self->placeholder, busy ? _("Waiting for the systems…")
                                              : _("No system answered."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_button), !busy);
}

/* One operation as the person approving it reads it: what, where, and each field's before and
 * after values. */
static void
add_operation (GtkWidget   *row,
               RdOperation *op)
{
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autofree char *title = NULL;
  JsonObjectIter iter;
  const char *field;
  JsonNode *value;

  json_object_iter_init (&iter, op->changes);
  while (json_object_iter_next (&iter, &field, &value))
    {
      JsonNode *before = json_object_get_member (op->before, field);
      g_autofree char *a = before ? json_to_string (before, FALSE) : g_strdup ("—");
      g_autofree char *b = json_to_string (value, FALSE);

      g_string_append_printf (changes, "%s%s: %s → %s", changes->len ? "\n" : "", field, a, b);
    }
  /* Translators: an operation: action, collection, record id, description */
  title = g_strdup_printf (_("%s %s %s — %s"), rd_action_kind_to_string (op->kind),
                           op->collection ? op->collection : "", op->id ? op->id : "",
                           op->description ? op->description : "");
  add_detail (row, title, changes->len ? changes->str : NULL);
}

/* What a collect brought, and which systems failed, with the plurals each number needs. */
static char *
collect_summary (guint records,
                 guint transcripts,
                 guint failed,
                 guint systems)
{
  GString *summary = g_string_new (NULL);

  if (records == 0 && transcripts == 0)
    g_string_append (summary, _("Nothing was added to the case."));
  else
    {
      g_autofree char *r = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record",
                                                         "%u records", records), records);
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conversation",
                                                         "%u conversations", transcripts),
                                            transcripts);

      /* Translators: "3 records" and "1 conversation" */
      g_string_append_printf (summary, _("%s and %s were added to the case."), r, t);
    }

  if (failed > 0)
    {
      g_string_append_c (summary, ' ');
      if (systems == 1)
        g_string_append (summary, _("The system did not answer in full; what it sent was not "
                                    "kept."));
      else if (failed == systems)
        g_string_append_printf (summary,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "None of the %u systems answered in full; what "
                                             "they sent was not kept.",
                                             "None of the %u systems answered in full; what "
                                             "they sent was not kept.", systems), systems);
      else
        g_string_append_printf (summary,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u systems did not answer in full; what it "
                                             "sent was not kept.",
                                             "%u of %u systems did not answer in full; what they "
                                             "sent was not kept.", failed), failed, systems);
    }
  return g_string_free (summary, FALSE);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RdCollectDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = rd_collect_finish (RD_COLLECT (source), result, &error);
  guint records = 0, transcripts = 0, failed = 0;

  set_busy (self, FALSE);
  if (results == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *r = results->pdata[i];

      show_result (self, r);
      records += r->records;
      transcripts += r->transcripts;
      failed += r->state == RD_SYSTEM_FAILED || r->state == RD_SYSTEM_CANCELLED;
    }
  {
    g_autofree char *summary = collect_summary (records, transcripts, failed, results->len);
    gtk_label_set_label (self->summary_label, summary);
  }
}

static void
plan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (RdCollectDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *plans = rd_collect_finish (RD_COLLECT (source), result, &error);
  guint operations = 0;

  set_busy (self, FALSE);
  if (plans == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  self->plans = plans;

  clear_rows (self);
  for (guint i = 0; i < plans->len; i++)
    {
      RdSystemResult *r = plans->pdata[i];
      GtkWidget *row = row_for (self, r->connector);

      show_result (self, r);
      for (guint j = 0; r->plan != NULL && j < r->plan->len; j++)
        add_operation (row, r->plan->pdata[j]);
      operations += r->plan ? r->plan->len : 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->go_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->go_button), operations > 0);
  gtk_label_set_label (self->summary_label,
                       operations > 0
                       ? _("Nothing has changed yet. Check each system’s changes, then carry "
                           "them out; every request is kept as evidence in the case.")
                       : _("No system holds anything to change for this request."));
}

static void
execute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (RdCollectDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = rd_collect_finish (RD_COLLECT (source), result, &error);
  guint failed = 0;

  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->go_button), FALSE);
  if (results == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }

  clear_rows (self);
  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *r = results->pdata[i];
      GtkWidget *row = row_for (self, r->connector);

      show_result (self, r);
      failed += r->state == RD_SYSTEM_FAILED || r->state == RD_SYSTEM_CANCELLED;
      if (r->execution == NULL)
        continue;
      for (guint j = 0; j < r->execution->evidence->len; j++)
        {
          RdEvidence *e = r->execution->evidence->pdata[j];
          g_autofree char *title = g_strdup_printf ("%s %s", e->method, e->url);
          /* Translators: an HTTP status and when the request was made */
          g_autofree char *subtitle = g_strdup_printf (_("Answered %u at %s"), e->status,
                                                       e->time);
          add_detail (row, title, subtitle);
        }
      for (guint j = 0; j < r->execution->not_removed->len; j++)
        add_detail (row, _("Not removed"), r->execution->not_removed->pdata[j]);
    }
  gtk_label_set_label (self->summary_label,
                       failed == 0
                       ? _("Carried out. The evidence of every request is in the case’s "
                           "documents and its timeline.")
                       : _("Some systems failed; each undid what it had done there. The "
                           "evidence is in the case’s documents and its timeline."));
}

static void
start_plan (RdCollectDialog *self)
{
  set_busy (self, TRUE);
  gtk_label_set_label (self->summary_label, _("Reading what each system holds…"));
  rd_collect_plan_async (self->collect, self->cancellable, plan_done_cb, g_object_ref (self));
}

static void
plan_clicked_cb (RdCollectDialog *self)
{
  g_autoptr (JsonObject) values = json_object_new ();
  AdwEntryRow *rows[] = { self->name_row, self->email_row, self->phone_row };
  const char *fields[] = { "name", "email", "phone" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i]))));

      if (*text != '\0')
        json_object_set_string_member (values, fields[i], text);
    }
  if (json_object_get_size (values) == 0)
    {
      gtk_label_set_label (self->summary_label, _("Type at least one corrected value"));
      return;
    }
  rd_collect_set_rectification (self->collect, values);
  start_plan (self);
}

static void
go_clicked_cb (RdCollectDialog *self)
{
  if (self->plans == NULL || self->busy)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->go_button), FALSE);
  set_busy (self, TRUE);
  gtk_label_set_label (self->summary_label, _("Carrying out…"));
  rd_collect_execute_async (self->collect, self->plans, self->cancellable, execute_done_cb,
                            g_object_ref (self));
}

/* Client Systems, where the client's systems are connected, in place of this dialog. */
static void
connect_clicked_cb (RdCollectDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *window = rd_client_systems_window_new (parent, self->store, self->client);

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (self));
}

/* With no system to ask, the dialog says so and where to connect one, rather than failing. */
static gboolean
show_no_systems (RdCollectDialog *self)
{
  g_autoptr (GPtrArray) connectors = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;

  connectors = rd_store_list_connectors (self->store, self->client, &error);
  if (connectors == NULL || connectors->len > 0)
    return FALSE;

  /* Translators: %s is a client's name */
  description = g_strdup_printf (_("%s has no helpdesk, CRM or other system connected to Rights "
                                   "Desk yet. Connect one in Client Systems, then try again."),
                                 self->client);
  rd_gui_status_page_set_text (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), TRUE);
  gtk_widget_set_visible (self->systems_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  set_busy (self, FALSE);
  gtk_widget_grab_focus (adw_status_page_get_child (self->empty_page));
  return TRUE;
}

static void
cancel_clicked_cb (RdCollectDialog *self)
{
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
rd_collect_dialog_dispose (GObject *object)
{
  RdCollectDialog *self = RD_COLLECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* No progress reaches a dialog that is gone. */
  if (self->collect != NULL)
    rd_collect_set_progress_func (self->collect, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_COLLECT_DIALOG);
  g_clear_object (&self->collect);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->client, g_free);

  G_OBJECT_CLASS (rd_collect_dialog_parent_class)->dispose (object);
}

static void
rd_collect_dialog_class_init (RdCollectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_collect_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rightsdesk/RightsDesk/ui/rd-collect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, go_button);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, rectify_group);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, plan_button);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, systems_group);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, list);
  gtk_widget_class_bind_template_child (widget_class, RdCollectDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, go_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_collect_dialog_init (RdCollectDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* An empty list says what it waits for, or that nothing came, not a thin empty box. */
    GtkWidget *placeholder = gtk_label_new (NULL);

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_list_box_set_placeholder (self->list, placeholder);
    self->placeholder = GTK_LABEL (placeholder);
  }
}

GtkWidget *
rd_collect_dialog_new (GtkWindow           *parent,
                       RdStore             *store,
                       const char          *reference,
                       RdCollectDialogMode  mode)
{
  RdCollectDialog *self;
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  self = g_object_new (RD_TYPE_COLLECT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->reference = g_strdup (reference);
  self->mode = mode;
  self->collect = rd_collect_new (rd_store_get_path (store), reference);
  rd_collect_set_progress_func (self->collect, progress_cb, self, NULL);

  adw_window_title_set_title (self->window_title,
                              mode == RD_COLLECT_DIALOG_COLLECT ? _("Collect Data")
                                                                : _("Carry Out Request"));
  adw_window_title_set_subtitle (self->window_title, reference);

  item = rd_store_get_case (store, reference, &error);
  if (item == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      set_busy (self, FALSE);
      return GTK_WIDGET (self);
    }
  self->type = rd_case_get_request_type (item);
  self->client = g_strdup (rd_case_get_client (item));

  if (show_no_systems (self))
    return GTK_WIDGET (self);

  if (mode == RD_COLLECT_DIALOG_COLLECT)
    {
      set_busy (self, TRUE);
      rd_collect_run_async (self->collect, self->cancellable, run_done_cb, g_object_ref (self));
    }
  else if (self->type == RD_REQUEST_RECTIFICATION)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->rectify_group), TRUE);
      set_busy (self, FALSE);
    }
  else
    start_plan (self);
  return GTK_WIDGET (self);
}
