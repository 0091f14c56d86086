/* rd-new-case-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-new-case-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-calendar.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-gui-util.h"
#include "rd-jurisdiction.h"
#include "rd-new-case-window.h"

struct _RdNewCaseWindow
{
  AdwWindow      parent_instance;

  RdStore       *store;
  GtkWidget     *toast_overlay;
  GtkWidget     *create_button;
  GtkWidget     *client_row;
  GtkWidget     *type_row;
  GtkWidget     *jurisdiction_row;
  GtkWidget     *calendar_row;
  GtkWidget     *channel_row;
  GtkWidget     *received_row;
  GtkWidget     *name_row;
  GtkWidget     *email_row;
  GtkWidget     *phone_row;
  GtkWidget     *preview_group;
  GtkWidget     *due_label;
  GtkWidget     *ack_label;
  GtkWidget     *notice_label;
  GtkWidget     *extended_label;
  GtkWidget     *internal_label;
  GtkWidget     *message_label;
  GPtrArray     *jurisdictions;  /* ids, in the combo's order (by name) */
  GPtrArray     *calendars;      /* ids; index 0 of the combo is "the default" */
  char          *default_jurisdiction;  /* the preferences' choice, for a new client */
  char          *default_calendar;
  char          *created;
  gboolean       valid;
  gboolean       discarding;    /* the user chose to drop what was typed */
  gboolean       presetting;            /* rows set from the client's cases, not by hand */
  gboolean       jurisdiction_chosen;   /* by hand: the client no longer changes it */
  gboolean       calendar_chosen;
};

G_DEFINE_FINAL_TYPE (RdNewCaseWindow, rd_new_case_window, ADW_TYPE_WINDOW)

enum { CASE_CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static char *
stripped (GtkWidget *editable)
{
  char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));

  return g_strstrip (text);
}

static const char *
selected_jurisdiction (RdNewCaseWindow *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->jurisdiction_row));

  return i < self->jurisdictions->len ? g_ptr_array_index (self->jurisdictions, i) : NULL;
}

static const char *
selected_calendar (RdNewCaseWindow *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->calendar_row));

  return i > 0 && i <= self->calendars->len ? g_ptr_array_index (self->calendars, i - 1) : NULL;
}

static void
set_preview (GtkWidget   *label,
             const GDate *date)
{
  g_autofree char *text = rd_gui_format_date (date);

  gtk_label_set_text (GTK_LABEL (label), date != NULL && g_date_valid (date) ? text : "—");
}

/* Checks every field and computes the deadlines as the user types, so that mistakes show
 * where they are and the dates are known before the case exists. */
static void
validate (RdNewCaseWindow *self)
{
  g_autofree char *client = stripped (self->client_row);
  g_autofree char *name = stripped (self->name_row);
  g_autofree char *email = stripped (self->email_row);
  g_autofree char *received_text = stripped (self->received_row);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdDeadline) deadline = NULL;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  const char *problem = NULL;
  RdRequestType type = adw_combo_row_get_selected (ADW_COMBO_ROW (self->type_row));
  gboolean received_ok, email_ok;
  GDate received, today;

  received_ok = rd_gui_parse_date (received_text, &received);
  rd_date_today (&today);
  if (received_ok && rd_date_compare (&received, &today) > 0)
    {
      received_ok = FALSE;
      problem = _("The received date cannot be in the future.");
    }
  else if (!received_ok)
    problem = _("Type the day the request was received, such as 5 Mar 2026, or pick it from the "
                "calendar.");

  email_ok = *email == '\0' || (strchr (email, '@') != NULL && strchr (email, ' ') == NULL
                                && email[0] != '@' && email[strlen (email) - 1] != '@');
  if (!email_ok)
    problem = _("The e-mail address is not valid.");

  set_row_error (self->received_row, !received_ok && *received_text != '\0');
  set_row_error (self->email_row, !email_ok);

  jurisdiction = rd_jurisdiction_lookup (selected_jurisdiction (self), NULL);
  if (jurisdiction != NULL && !rd_jurisdiction_covers (jurisdiction, type))
    {
      problem = _("This law has no such request type.");
      g_clear_object (&jurisdiction);
    }

  /* The dates depend on the law, the type and the day received alone: a mistake in another
   * field does not hide them. */
  if (received_ok && jurisdiction != NULL)
    {
      RdDeadlineRequest request = { 0 };
      g_autoptr (RdClient) known = NULL;

      request.jurisdiction = selected_jurisdiction (self);
      request.type = type;
      request.received = received;
      request.calendar = selected_calendar (self);
      g_date_clear (&request.restart, 1);
      if (*client != '\0')
        known = rd_store_get_client (self->store, client, NULL);
      if (known != NULL)
        request.sla_days = rd_client_get_sla_days (known);

      deadline = rd_deadline_compute (&request, &error);
      if (deadline == NULL && problem == NULL)
        problem = error->message;
    }

  if (deadline != NULL)
    {
      set_preview (self->due_label, &deadline->due);
      set_preview (self->ack_label, &deadline->acknowledge_by);
      set_preview (self->notice_label, &deadline->extension_notice_by);
      set_preview (self->extended_label, &deadline->extended_due);
      set_preview (self->internal_label, &deadline->internal_due);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->preview_group),
                                             deadline->citation);
    }
  else
    {
      set_preview (self->due_label, NULL);
      set_preview (self->ack_label, NULL);
      set_preview (self->notice_label, NULL);
      set_preview (self->extended_label, NULL);
      set_preview (self->internal_label, NULL);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->preview_group),
                                             _("Fill in the jurisdiction and the received date."));
    }

  if (problem == NULL && (*client == '\0' || *name == '\0'))
    problem = *client == '\0' ? _("Enter the client the request is for.")
                              : _("Enter the requester's name.");

  gtk_label_set_text (GTK_LABEL (self->message_label), problem != NULL ? problem : "");
  gtk_widget_set_visible (self->message_label, problem != NULL);
  self->valid = problem == NULL && deadline != NULL;
  gtk_widget_set_sensitive (self->create_button, self->valid);
}

static void
changed_cb (GObject         *object,
            GParamSpec      *pspec,
            RdNewCaseWindow *self)
{
  validate (self);
}

static guint index_of (GPtrArray  *ids,
                       const char *id);

/* Selects the law and calendar the client's cases are usually opened under; for a client
 * without cases, those of the preferences. A choice made by hand is left alone. */
static void
preset_for_client (RdNewCaseWindow *self)
{
  g_autofree char *client = stripped (self->client_row);
  g_autofree char *usual = NULL;
  g_autofree char *usual_calendar = NULL;
  g_autoptr (GError) error = NULL;
  const char *jurisdiction = self->default_jurisdiction;
  const char *calendar = self->default_calendar;
  guint i;

  if (self->store == NULL)
    return;

  if (*client != '\0')
    usual = rd_store_get_usual_jurisdiction (self->store, client, &usual_calendar, &error);
  if (error != NULL)
    g_warning ("Could not read the cases of %s: %s", client, error->message);
  if (usual != NULL)
    {
      jurisdiction = usual;
      calendar = usual_calendar;
    }

  self->presetting = TRUE;
  if (!self->jurisdiction_chosen && (i = index_of (self->jurisdictions, jurisdiction)) != G_MAXUINT)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->jurisdiction_row), i);
  if (!self->calendar_chosen)
    {
      i = index_of (self->calendars, calendar);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->calendar_row), i != G_MAXUINT ? i + 1 : 0);
    }
  self->presetting = FALSE;
}

static void
client_changed_cb (GObject         *object,
                   GParamSpec      *pspec,
                   RdNewCaseWindow *self)
{
  preset_for_client (self);
}

static void
chosen_cb (GObject         *object,
           GParamSpec      *pspec,
           RdNewCaseWindow *self)
{
  if (self->presetting)
    return;
  if (GTK_WIDGET (object) == self->jurisdiction_row)
    self->jurisdiction_chosen = TRUE;
  else
    self->calendar_chosen = TRUE;
}

static void
create (RdNewCaseWindow *self)
{
  g_autoptr (RdCase) draft = rd_case_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *client = stripped (self->client_row);
  g_autofree char *name = stripped (self->name_row);
  g_autofree char *email = stripped (self->email_row);
  g_autofree char *phone = stripped (self->phone_row);
  g_autofree char *received_text = stripped (self->received_row);
  GDate received;

  validate (self);
  if (!self->valid || !rd_gui_parse_date (received_text, &received))
    return;

  rd_case_set_client (draft, client);
  rd_case_set_request_type (draft, adw_combo_row_get_selected (ADW_COMBO_ROW (self->type_row)));
  rd_case_set_jurisdiction (draft, selected_jurisdiction (self));
  rd_case_set_calendar (draft, selected_calendar (self));
  rd_case_set_channel (draft, adw_combo_row_get_selected (ADW_COMBO_ROW (self->channel_row)));
  rd_case_set_received (draft, &received);
  rd_case_set_subject_name (draft, name);
  if (*email != '\0')
    {
      const char *emails[] = { email, NULL };
      rd_case_set_subject_emails (draft, emails);
    }
  if (*phone != '\0')
    {
      const char *phones[] = { phone, NULL };
      rd_case_set_subject_phones (draft, phones);
    }

  if (!rd_store_add_case (self->store, draft, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not record the case: %s"), error->message);
      gtk_label_set_text (GTK_LABEL (self->message_label), text);
      gtk_widget_set_visible (self->message_label, TRUE);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), rd_gui_toast_new (text));
      return;
    }

  g_free (self->created);
  self->created = g_strdup (rd_case_get_reference (draft));
  g_signal_emit (self, signals[CASE_CREATED], 0, self->created);
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_clicked_cb (GtkButton       *button,
                   RdNewCaseWindow *self)
{
  create (self);
}

static void
entry_activated_cb (AdwEntryRow     *row,
                    RdNewCaseWindow *self)
{
  if (self->valid)
    create (self);
}

static GtkWidget *
entry_row (GtkWidget       *group,
           const char      *title,
           RdNewCaseWindow *self)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_signal_connect (row, "notify::text", G_CALLBACK (changed_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
combo_row (GtkWidget       *group,
           const char      *title,
           const char     **items,
           gboolean         long_names,
           RdNewCaseWindow *self)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (long_names)
    rd_gui_combo_row_show_long_names (ADW_COMBO_ROW (row));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  g_signal_connect (row, "notify::selected", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
preview_row (GtkWidget  *group,
             const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new ("—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return label;
}

static guint
index_of (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;

  return G_MAXUINT;
}

static void
rd_new_case_window_dispose (GObject *object)
{
  RdNewCaseWindow *self = RD_NEW_CASE_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->jurisdictions, g_ptr_array_unref);
  g_clear_pointer (&self->calendars, g_ptr_array_unref);
  g_clear_pointer (&self->default_jurisdiction, g_free);
  g_clear_pointer (&self->default_calendar, g_free);

  G_OBJECT_CLASS (rd_new_case_window_parent_class)->dispose (object);
}

static void
rd_new_case_window_finalize (GObject *object)
{
  RdNewCaseWindow *self = RD_NEW_CASE_WINDOW (object);

  g_free (self->created);

  G_OBJECT_CLASS (rd_new_case_window_parent_class)->finalize (object);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RdNewCaseWindow  *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Esc is easily pressed: a requester's details typed for a case not yet created are only
 * dropped when the user says so. */
static gboolean
rd_new_case_window_close_request (GtkWindow *window)
{
  RdNewCaseWindow *self = RD_NEW_CASE_WINDOW (window);
  g_autofree char *name = stripped (self->name_row);
  g_autofree char *email = stripped (self->email_row);
  g_autofree char *phone = stripped (self->phone_row);
  AdwMessageDialog *dialog;

  if (self->discarding || self->created != NULL || (*name == '\0' && *email == '\0' &&
                                                    *phone == '\0'))
    return GTK_WINDOW_CLASS (rd_new_case_window_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard the New Case?"),
                                                       _("The requester’s details you typed "
                                                         "are lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
rd_new_case_window_class_init (RdNewCaseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = rd_new_case_window_close_request;

  object_class->dispose = rd_new_case_window_dispose;
  object_class->finalize = rd_new_case_window_finalize;

  signals[CASE_CREATED] =
    g_signal_new ("case-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_new_case_window_init (RdNewCaseWindow *self)
{
  GtkWidget *box, *header, *cancel, *scrolled, *clamp, *page_box, *group;
  g_autofree const char **types = g_new0 (const char *, RD_N_REQUEST_TYPES + 1);
  g_autofree const char **channels = g_new0 (const char *, RD_N_CHANNELS + 1);
  g_autoptr (GPtrArray) jurisdiction_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) calendar_names = g_ptr_array_new_with_free_func (g_free);
  GDate today;
  g_autofree char *today_text = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("New Case"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 780);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->create_button = gtk_button_new_with_mnemonic (_("C_reate"));
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  g_signal_connect (self->create_button, "clicked", G_CALLBACK (create_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->create_button);
  gtk_box_append (GTK_BOX (box), header);

  page_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (page_box, 24);
  gtk_widget_set_margin_bottom (page_box, 24);
  gtk_widget_set_margin_start (page_box, 12);
  gtk_widget_set_margin_end (page_box, 12);

  for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
    types[i] = rd_request_type_to_label (i);
  for (guint i = 0; i < RD_N_CHANNELS; i++)
    channels[i] = rd_channel_to_label (i);

  self->jurisdictions = rd_gui_list_jurisdictions ();
  rd_gui_sort_by_name (self->jurisdictions, jurisdiction_names, FALSE);
  g_ptr_array_add (jurisdiction_names, NULL);

  self->calendars = rd_gui_list_calendars ();
  g_ptr_array_add (calendar_names, g_strdup (_("The jurisdiction's default")));
  rd_gui_sort_by_name (self->calendars, calendar_names, TRUE);
  g_ptr_array_add (calendar_names, NULL);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Request"));
  self->client_row = entry_row (group, _("C_lient"), self);
  self->type_row = combo_row (group, _("_Type"), types, FALSE, self);
  self->jurisdiction_row = combo_row (group, _("_Jurisdiction"),
                                      (const char **) jurisdiction_names->pdata, TRUE, self);
  self->calendar_row = combo_row (group, _("Holiday _calendar"),
                                  (const char **) calendar_names->pdata, TRUE, self);
  g_signal_connect (self->client_row, "notify::text", G_CALLBACK (client_changed_cb), self);
  self->received_row = entry_row (group, _("_Received"), self);
  rd_gui_add_date_button (ADW_ENTRY_ROW (self->received_row));
  self->channel_row = combo_row (group, _("C_hannel"), channels, FALSE, self);
  gtk_box_append (GTK_BOX (page_box), group);

  self->preview_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->preview_group), _("Deadlines"));
  self->due_label = preview_row (self->preview_group, _("Due"));
  self->ack_label = preview_row (self->preview_group, _("Acknowledge by"));
  self->notice_label = preview_row (self->preview_group, _("Extension notice by"));
  self->extended_label = preview_row (self->preview_group, _("Due if extended"));
  self->internal_label = preview_row (self->preview_group, _("Internal due date"));
  gtk_box_append (GTK_BOX (page_box), self->preview_group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Requester"));
  self->name_row = entry_row (group, _("_Name"), self);
  self->email_row = entry_row (group, _("_E-mail"), self);
  self->phone_row = entry_row (group, _("_Phone"), self);
  gtk_box_append (GTK_BOX (page_box), group);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem with the form"), -1);
  gtk_box_append (GTK_BOX (page_box), self->message_label);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), page_box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->toast_overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toast_overlay), box);
  adw_window_set_content (ADW_WINDOW (self), self->toast_overlay);

  rd_date_today (&today);
  today_text = rd_gui_format_field_date (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), today_text);
}

RdNewCaseWindow *
rd_new_case_window_new (GtkWindow *parent,
                        RdStore   *store,
                        GSettings *settings)
{
  RdNewCaseWindow *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_NEW_CASE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  rd_gui_add_clients_menu (ADW_ENTRY_ROW (self->client_row), store);

  if (settings != NULL)
    {
      g_autofree char *client = g_settings_get_string (settings, "default-client");

      self->default_jurisdiction = g_settings_get_string (settings, "default-jurisdiction");
      self->default_calendar = g_settings_get_string (settings, "default-calendar");
      gtk_editable_set_text (GTK_EDITABLE (self->client_row), client);
    }
  preset_for_client (self);
  /* From here on, a law or calendar picked in the form stays picked. */
  g_signal_connect (self->jurisdiction_row, "notify::selected", G_CALLBACK (chosen_cb), self);
  g_signal_connect (self->calendar_row, "notify::selected", G_CALLBACK (chosen_cb), self);

  validate (self);
  gtk_widget_grab_focus (self->client_row);
  return self;
}

void
rd_new_case_window_fill (RdNewCaseWindow *self,
                         const char      *client,
                         RdRequestType    type,
                         const char      *jurisdiction,
                         const char      *received,
                         const char      *subject_name,
                         const char      *subject_email)
{
  guint i;

  g_return_if_fail (RD_IS_NEW_CASE_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->client_row), client != NULL ? client : "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->type_row), type);
  if ((i = index_of (self->jurisdictions, jurisdiction)) != G_MAXUINT)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->jurisdiction_row), i);
  {
    GDate date;
    g_autofree char *text = rd_gui_parse_date (received, &date)
                            ? rd_gui_format_field_date (&date)
                            : g_strdup (received != NULL ? received : "");

    gtk_editable_set_text (GTK_EDITABLE (self->received_row), text);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), subject_name != NULL ? subject_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), subject_email != NULL ? subject_email : "");
}

gboolean
rd_new_case_window_get_valid (RdNewCaseWindow *self)
{
  g_return_val_if_fail (RD_IS_NEW_CASE_WINDOW (self), FALSE);

  return self->valid;
}

const char *
rd_new_case_window_get_problem (RdNewCaseWindow *self)
{
  g_return_val_if_fail (RD_IS_NEW_CASE_WINDOW (self), "");

  return gtk_label_get_text (GTK_LABEL (self->message_label));
}

const char *
rd_new_case_window_get_due_preview (RdNewCaseWindow *self)
{
  g_return_val_if_fail (RD_IS_NEW_CASE_WINDOW (self), "");

  return gtk_label_get_text (GTK_LABEL (self->due_label));
}

const char *
rd_new_case_window_get_jurisdiction (RdNewCaseWindow *self)
{
  g_return_val_if_fail (RD_IS_NEW_CASE_WINDOW (self), NULL);

  return selected_jurisdiction (self);
}

const char *
rd_new_case_window_get_calendar (RdNewCaseWindow *self)
{
  g_return_val_if_fail (RD_IS_NEW_CASE_WINDOW (self), NULL);

  return selected_calendar (self);
}

const char *
rd_new_case_window_create (RdNewCaseWindow *self)
{
  g_return_val_if_fail (RD_IS_NEW_CASE_WINDOW (self), NULL);

  g_clear_pointer (&self->created, g_free);
  create (self);
  return self->created;
}
