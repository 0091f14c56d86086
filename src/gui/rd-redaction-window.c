/* rd-redaction-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-redaction-window.h"

struct _RdRedactionWindow
{
  AdwWindow          parent_instance;

  RdRedactionEditor *editor;
  gboolean           closing;   /* the user chose to close; don't ask again */
};

G_DEFINE_FINAL_TYPE (RdRedactionWindow, rd_redaction_window, ADW_TYPE_WINDOW)

static void
close_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   RdRedactionWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "save") && !rd_redaction_editor_save (self->editor, &error))
    {
      /* Keep the window open: closing now would lose the reviewer's work. */
      AdwMessageDialog *failed = ADW_MESSAGE_DIALOG (
          adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Decisions"),
                                  error->message));

      adw_message_dialog_add_response (failed, "ok", _("_OK"));
      gtk_window_present (GTK_WINDOW (failed));
      return;
    }
  if (g_str_equal (response, "save") || g_str_equal (response, "discard"))
    {
      /* The dialog outlives this window while it emits the response: it must let go of the
       * window as its parent now, not once the window is freed. */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
rd_redaction_window_close_request (GtkWindow *window)
{
  RdRedactionWindow *self = RD_REDACTION_WINDOW (window);
  AdwMessageDialog *dialog;
  RdRedactionSet *set = rd_redaction_editor_get_set (self->editor);

  if (self->closing || set == NULL || !rd_redaction_set_get_modified (set))
    return GTK_WINDOW_CLASS (rd_redaction_window_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (window, _("Save the Redaction Decisions?"),
                              _("Decisions made since the last save are lost if you close "
                                "without saving.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The application's shortcuts window, at its review and redaction page: this window is no
 * GtkApplicationWindow, which would get Ctrl+? from GtkApplication. */
static void
show_shortcuts_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/rightsdesk/RightsDesk/gtk/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_object_set (shortcuts, "section-name", "review", NULL);
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
rd_redaction_window_class_init (RdRedactionWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = rd_redaction_window_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "redaction-window.show-shortcuts", NULL,
                                   show_shortcuts_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "redaction-window.show-shortcuts", NULL);
}

static void
rd_redaction_window_init (RdRedactionWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 780);
}

GtkWidget *
rd_redaction_window_new (GtkWindow   *parent,
                         RdStore     *store,
                         const char  *reference,
                         gint64       document_id,
                         GError     **error)
{
  RdRedactionWindow *self;
  g_autoptr (RdDocument) document = NULL;
  GtkWidget *box, *header, *editor, *spinner;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  document = rd_store_get_document (store, document_id, error);
  if (document == NULL)
    return NULL;

  editor = rd_redaction_editor_new (store);
  g_object_ref_sink (editor);
  if (!rd_redaction_editor_load_document (RD_REDACTION_EDITOR (editor), reference, document_id,
                                          error))
    {
      g_object_unref (editor);
      return NULL;
    }

  self = g_object_new (RD_TYPE_REDACTION_WINDOW, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  gtk_window_set_title (GTK_WINDOW (self), document->name);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (document->name, reference));
  /* Loading, scanning and exporting a long transcript take a while. */
  spinner = gtk_spinner_new ();
  g_object_bind_property (editor, "busy", spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (editor, "busy", spinner, "visible", G_BINDING_SYNC_CREATE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), spinner);
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), editor);
  adw_window_set_content (ADW_WINDOW (self), box);
  self->editor = RD_REDACTION_EDITOR (editor);
  g_object_unref (editor);
  return GTK_WIDGET (self);
}

RdRedactionEditor *
rd_redaction_window_get_editor (RdRedactionWindow *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_WINDOW (self), NULL);

  return self->editor;
}
