/* rd-case-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rd-case-exports.h"
#include "rd-case-page.h"
#include "rd-collect-dialog.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-gui-util.h"
#include "rd-id-review.h"
#include "rd-json-load.h"
#include "rd-jurisdiction.h"
#include "rd-transcripts-group.h"
#include "rd-verification.h"

struct _RdCasePage
{
  GtkWidget         parent_instance;

  GtkWidget        *bin;      /* AdwBin holding the current AdwPreferencesPage */
  RdStore          *store;
  RdCase           *item;
  char             *reference;
  AdwMessageDialog *dialog;
};

G_DEFINE_FINAL_TYPE (RdCasePage, rd_case_page, GTK_TYPE_WIDGET)

typedef enum
{
  STEP_PAUSE,
  STEP_RESUME,
  STEP_RESTART,
  STEP_EXTEND,
  STEP_CLOSE,
  STEP_STATUS,
} Step;

/* Rows */

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Its natural width bounded: a long value would squeeze the title until it breaks ("Na-me"). */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_tooltip_text (label, value);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return label;
}

static void
add_date_row (GtkWidget   *group,
              const char  *title,
              const GDate *date)
{
  g_autofree char *text = NULL;

  if (date == NULL || !g_date_valid (date))
    return;

  text = rd_gui_format_date (date);
  add_row (group, title, text);
}

static char *
join_list (const char * const *list)
{
  if (list == NULL || list[0] == NULL)
    return NULL;

  return g_strjoinv (", ", (char **) list);
}

static const char *
action_label (const char *action)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { "case.created", N_("Case recorded") },
    { "clock.paused", N_("Clock paused") },
    { "clock.resumed", N_("Clock resumed") },
    { "clock.restarted", N_("Clock restarted") },
    { "clock.extended", N_("Deadline extended") },
    { "case.closed", N_("Case closed") },
    { "case.status", N_("Status changed") },
    { "case.note", N_("Note added") },
    { "case.purged", N_("Personal data erased") },
    { "document.added", N_("Document added") },
    { "document.purged", N_("Document erased") },
    { "identity.checked", N_("Identity checked") },
    { "package.exported", N_("Response package exported") },
    { "redactions.saved", N_("Redactions saved") },
    { "redactions.exported", N_("Redacted copy exported") },
    { "connector.collected", N_("Records collected from a client system") },
    { "connector.collect-failed", N_("Collecting from a client system failed") },
    { "connector.executed", N_("Request carried out in a client system") },
    { "connector.rolled-back", N_("Change in a client system rolled back") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].action, action) == 0)
      return _(labels[i].label);

  /* Never the internal name of the event. */
  return _("Change recorded");
}

static const char *
clock_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "pause") == 0)
    return _("Clock paused");
  if (g_strcmp0 (kind, "resume") == 0)
    return _("Clock resumed");
  if (g_strcmp0 (kind, "restart") == 0)
    return _("Clock restarted");
  if (g_strcmp0 (kind, "extend") == 0)
    return _("Deadline extended");
  return _("Clock changed");
}

static const char *
json_string (JsonObject *object,
             const char *key)
{
  JsonNode *node = object != NULL && json_object_has_member (object, key)
                   ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
json_date (JsonObject *object,
           const char *key)
{
  const char *text = json_string (object, key);
  GDate date;

  if (text == NULL || !rd_date_parse (text, &date, NULL))
    return NULL;
  return rd_gui_format_date (&date);
}

/* What an audit event did, in words: from what to what, with which outcome, on which day. */
static char *
describe_event (const RdAuditEvent *event)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *details = NULL;
  const char *action = event->action;

  if (event->details != NULL && rd_json_load_data (parser, event->details, -1, NULL, NULL) &&
      json_parser_get_root (parser) != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    details = json_node_get_object (json_parser_get_root (parser));

  if (g_strcmp0 (action, "case.status") == 0)
    {
      RdCaseStatus from, to;

      if (rd_case_status_from_string (json_string (details, "from"), &from) &&
          rd_case_status_from_string (json_string (details, "status"), &to))
        /* Translators: two statuses, e.g. "New" and "In progress" */
        return g_strdup_printf (_("Status changed from “%s” to “%s”"),
                                rd_case_status_to_label (from), rd_case_status_to_label (to));
    }
  else if (g_strcmp0 (action, "case.closed") == 0)
    {
      RdOutcome outcome;

      if (rd_outcome_from_string (json_string (details, "outcome"), &outcome))
        /* Translators: an outcome, e.g. "Denied" */
        return g_strdup_printf (_("Case closed: %s"), rd_outcome_to_label (outcome));
    }
  else if (g_str_has_prefix (action != NULL ? action : "", "clock."))
    {
      g_autofree char *on = json_date (details, "on");
      g_autofree char *due = json_date (details, "due");

      if (g_strcmp0 (action, "clock.extended") == 0 && due != NULL)
        /* Translators: a date */
        return g_strdup_printf (_("Deadline extended to %s"), due);
      if (on != NULL)
        /* Translators: "Clock paused", then a date */
        return g_strdup_printf (_("%s on %s"), action_label (action), on);
    }
  else if (g_strcmp0 (action, "document.added") == 0)
    {
      /* The file's name may be personal and stays out of the trail; its kind says enough. */
      static const struct { const char *kind; const char *label; } kinds[] = {
        { "id-document", N_("Identity document added") },
        { "transcript", N_("Transcript attached") },
        { "evidence", N_("Evidence added") },
        { "package", N_("Response package saved") },
        { "letter", N_("Letter saved") },
        { "record", N_("Records added") },
      };
      const char *kind = json_string (details, "kind");

      if (g_strcmp0 (json_string (details, "source"), "redaction") == 0)
        return g_strdup (_("Redacted copy saved"));
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_strcmp0 (kind, kinds[i].kind) == 0)
          return g_strdup (_(kinds[i].label));
    }
  else if (g_strcmp0 (action, "redactions.exported") == 0)
    {
      const char *format = json_string (details, "format");

      if (g_strcmp0 (format, "pdf") == 0)
        return g_strdup (_("Redacted PDF exported"));
      if (g_strcmp0 (format, "text") == 0)
        return g_strdup (_("Redacted text exported"));
      if (g_strcmp0 (format, "log") == 0)
        return g_strdup (_("Redaction log exported"));
    }
  else if (g_strcmp0 (action, "identity.checked") == 0)
    {
      const char *outcome = json_string (details, "outcome");
      JsonArray *failed = details != NULL && json_object_has_member (details, "failed_checks")
                          ? json_object_get_array_member (details, "failed_checks") : NULL;

      if (g_strcmp0 (outcome, "verified") == 0 && failed != NULL &&
          json_array_get_length (failed) > 0)
        {
          g_autoptr (GString) what = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (failed); i++)
            {
              const char *label =
                rd_verification_failed_check_to_label (json_array_get_string_element (failed, i));

              if (label == NULL)
                continue;
              if (what->len > 0)
                g_string_append (what, ", ");
              g_string_append (what, label);
            }
          /* Translators: the checks that failed, e.g. "the document has expired" */
          return g_strdup_printf (_("Identity verified although %s"), what->str);
        }
      if (g_strcmp0 (outcome, "verified") == 0)
        return g_strdup (_("Identity verified"));
      if (g_strcmp0 (outcome, "more-information") == 0)
        return g_strdup (_("More proof of identity requested"));
      if (g_strcmp0 (outcome, "failed") == 0)
        return g_strdup (_("Identity not verified"));
    }

  return g_strdup (action_label (action));
}

/* The reason (or note text) an audit payload carries, if any. */
static char *
payload_text (const char *json)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *keys[] = { "reason", "text", "outcome_reason", NULL };

  if (json == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!rd_json_load_data (parser, json, -1, NULL, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  for (guint i = 0; keys[i] != NULL; i++)
    if (json_object_has_member (object, keys[i]))
      {
        JsonNode *node = json_object_get_member (object, keys[i]);

        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          return g_strdup (json_node_get_string (node));
      }

  return NULL;
}

/* Dialogs */

typedef struct
{
  RdCasePage   *self;
  Step          step;
  RdCaseStatus  status;
  GtkWidget    *reason;
  GtkWidget    *date;
  GtkWidget    *outcome;
  GtkWidget    *hint;
} StepDialog;

static void
step_dialog_free (gpointer data)
{
  StepDialog *d = data;

  g_object_unref (d->self);
  g_free (d);
}

/* What is wrong with taking the step on @on, in the words of the window; NULL when nothing. */
static char *
date_problem (StepDialog  *d,
              const GDate *on,
              const GDate *today)
{
  RdCase *item = d->self->item;
  const GDate *received = rd_case_get_received (item);
  const GDate *due = rd_case_get_effective_due (item);
  const GDate *paused = rd_case_get_paused_since (item);
  const GDate *notice_by = rd_case_get_extension_notice_by (item);
  g_autofree char *when = NULL;

  if (g_date_compare (on, today) > 0)
    {
      when = rd_gui_format_date (on);
      /* Translators: a date */
      return g_strdup_printf (_("%s is in the future."), when);
    }

  if (received != NULL && g_date_valid (received) && g_date_compare (on, received) < 0)
    {
      when = rd_gui_format_date (received);
      /* Translators: a date */
      return g_strdup_printf (_("The request arrived on %s; the date cannot be earlier."), when);
    }

  switch (d->step)
    {
    case STEP_PAUSE:
      if (due != NULL && g_date_valid (due) && g_date_compare (on, due) > 0)
        {
          when = rd_gui_format_date (due);
          /* Translators: a date */
          return g_strdup_printf (_("The deadline passed on %s; the clock can only stop before "
                                    "it."), when);
        }
      break;
    case STEP_RESUME:
      if (paused != NULL && g_date_valid (paused) && g_date_compare (on, paused) < 0)
        {
          when = rd_gui_format_date (paused);
          /* Translators: a date */
          return g_strdup_printf (_("The clock stopped on %s; it cannot start again earlier."),
                                  when);
        }
      break;
    case STEP_EXTEND:
      if (notice_by != NULL && g_date_valid (notice_by) && g_date_compare (on, notice_by) > 0)
        {
          when = rd_gui_format_date (notice_by);
          /* Translators: a date */
          return g_strdup_printf (_("The extension had to be announced to the requester by %s; "
                                    "it can no longer be taken."), when);
        }
      break;
    case STEP_RESTART:
    case STEP_CLOSE:
    case STEP_STATUS:
    default:
      break;
    }

  return NULL;
}

static gboolean
step_needs_reason (StepDialog *d)
{
  switch (d->step)
    {
    case STEP_PAUSE:
    case STEP_RESTART:
    case STEP_EXTEND:
      /* The audit trail must say why the clock moved. */
      return TRUE;
    case STEP_CLOSE:
      return rd_outcome_is_refusal (gtk_drop_down_get_selected (GTK_DROP_DOWN (d->outcome)) + 1);
    case STEP_STATUS:
      return rd_case_status_is_refusal (d->status);
    case STEP_RESUME:
    default:
      return FALSE;
    }
}

static void
update_dialog (StepDialog *d)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->reason))));
  const char *date = d->date != NULL ? gtk_editable_get_text (GTK_EDITABLE (d->date)) : "";
  g_autofree char *problem = NULL;
  gboolean reason_ok, date_ok = TRUE;
  GDate on, today;

  if (d->self->item == NULL || d->self->dialog == NULL)
    return;

  reason_ok = *reason != '\0' || !step_needs_reason (d);

  rd_date_today (&today);
  if (d->date != NULL)
    {
      /* An empty date is today, as the store takes it. */
      if (*date == '\0')
        on = today;
      else if (!rd_gui_parse_date (date, &on))
        {
          g_autofree char *example = rd_gui_format_field_date (&today);

          date_ok = FALSE;
          /* Translators: %s is today's date as the field shows it */
          problem = g_strdup_printf (_("Type a date such as %s, or pick one from the calendar."),
                                     example);
        }
      if (date_ok && (problem = date_problem (d, &on, &today)) != NULL)
        date_ok = FALSE;

      if (date_ok)
        gtk_widget_remove_css_class (d->date, "error");
      else
        gtk_widget_add_css_class (d->date, "error");
    }

  /* A refusal owes the requester its reasons, in whole or in part, under the case's law. */
  if (problem == NULL && !reason_ok && (d->step == STEP_CLOSE || d->step == STEP_STATUS))
    {
      const char *id = rd_case_get_jurisdiction (d->self->item);
      g_autoptr (RdJurisdiction) law = rd_jurisdiction_lookup (id, NULL);

      /* Translators: %s cites the law, such as "GDPR Art. 12(4)" */
      problem = g_strdup_printf (_("The requester must be told why a request is refused, in "
                                   "whole or in part (%s). Write the reason you gave."),
                                 law ? rd_jurisdiction_get_refusal_citation (law) : id);
    }

  gtk_label_set_text (GTK_LABEL (d->hint), problem != NULL ? problem : "");
  gtk_widget_set_visible (d->hint, problem != NULL);
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (date_ok ? d->reason : d->date),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (d->reason),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      if (d->date != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (d->date),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  adw_message_dialog_set_response_enabled (d->self->dialog, "apply", reason_ok && date_ok);
}

static void
update_dialog_cb (GtkEditable *editable,
                  StepDialog  *d)
{
  update_dialog (d);
}

static void
outcome_selected_cb (GObject    *object,
                     GParamSpec *pspec,
                     StepDialog *d)
{
  update_dialog (d);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    StepDialog       *d)
{
  RdCasePage *self = d->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *reference = self->reference;
  const char *date_text;
  const char *failure = NULL;
  GDate on;
  const GDate *on_ptr = NULL;
  gboolean ok = TRUE;

  self->dialog = NULL;
  if (g_strcmp0 (response, "apply") != 0 || reference == NULL)
    return;

  reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->reason)));
  g_strstrip (reason);
  date_text = d->date != NULL ? gtk_editable_get_text (GTK_EDITABLE (d->date)) : "";
  if (rd_gui_parse_date (date_text, &on))
    on_ptr = &on;

  switch (d->step)
    {
    case STEP_PAUSE:
      failure = _("Could not pause the clock");
      ok = rd_store_pause_case (self->store, reference, on_ptr, reason, &error);
      break;
    case STEP_RESUME:
      failure = _("Could not resume the clock");
      ok = rd_store_resume_case (self->store, reference, on_ptr, &error);
      break;
    case STEP_RESTART:
      failure = _("Could not restart the clock");
      ok = rd_store_restart_case (self->store, reference, on_ptr, reason, &error);
      break;
    case STEP_EXTEND:
      failure = _("Could not extend the deadline");
      ok = rd_store_extend_case (self->store, reference, on_ptr, reason, &error);
      break;
    case STEP_CLOSE:
      failure = _("Could not close the case");
      ok = rd_store_close_case (self->store, reference,
                                gtk_drop_down_get_selected (GTK_DROP_DOWN (d->outcome)) + 1,
                                *reason != '\0' ? reason : NULL, on_ptr, &error);
      break;
    case STEP_STATUS:
      failure = _("Could not change the status");
      ok = rd_store_set_status (self->store, reference, d->status,
                                *reason != '\0' ? reason : NULL, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    rd_gui_toast_error (GTK_WIDGET (self), failure, error);
}

/* A caption and an entry; a date's entry has a calendar button beside it. */
static GtkWidget *
dialog_entry (GtkWidget  *box,
              const char *label,
              const char *placeholder,
              const char *text,
              gboolean    date)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *field = entry;

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  caption, NULL, -1);
  if (date)
    {
      field = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (field, "linked");
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_box_append (GTK_BOX (field), entry);
      gtk_box_append (GTK_BOX (field), rd_gui_date_button_new (GTK_EDITABLE (entry)));
    }
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), field);
  return entry;
}

static void
ask_step (RdCasePage   *self,
          Step          step,
          RdCaseStatus  status)
{
  GtkWidget *dialog, *box;
  StepDialog *d;
  const char *heading = NULL, *body = NULL, *apply = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *today = NULL;
  GDate date;

  if (self->item == NULL || self->dialog != NULL)
    return;

  rd_date_today (&date);
  today = rd_gui_format_field_date (&date);

  switch (step)
    {
    case STEP_PAUSE:
      heading = _("Pause the Clock?");
      body = _("The deadline stops running until you resume it, for instance while you wait "
               "for proof of identity. The reason is kept in the audit trail.");
      apply = _("_Pause");
      break;
    case STEP_RESUME:
      heading = _("Resume the Clock?");
      body = _("The paused days are added to the deadline.");
      apply = _("_Resume");
      break;
    case STEP_RESTART:
      heading = _("Restart the Clock?");
      body = _("The period starts again from the date below, for instance when the evidence "
               "you asked for arrived. The reason is kept in the audit trail.");
      apply = _("_Restart");
      break;
    case STEP_EXTEND:
      heading = _("Extend the Deadline?");
      if (g_date_valid (rd_case_get_extension_notice_by (self->item)))
        {
          g_autofree char *notice_by = rd_gui_format_date (rd_case_get_extension_notice_by (self->item));

          /* Translators: a date */
          body_text = g_strdup_printf (_("Take the extension the law allows. Tell the requester "
                                         "why by %s. The reason is kept in the audit trail."),
                                       notice_by);
          body = body_text;
        }
      else
        body = _("Take the extension the law allows. Tell the requester why within the "
                 "notice period. The reason is kept in the audit trail.");
      apply = _("_Extend");
      break;
    case STEP_CLOSE:
      heading = _("Close the Case?");
      body = _("Record the response sent to the requester and close the case.");
      apply = _("_Close Case");
      break;
    case STEP_STATUS:
      heading = _("Change the Status?");
      body = rd_case_status_to_label (status);
      apply = _("C_hange");
      break;
    default:
      g_assert_not_reached ();
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", apply, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  d = g_new0 (StepDialog, 1);
  d->self = g_object_ref (self);
  d->step = step;
  d->status = status;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (step == STEP_CLOSE)
    {
      const char *outcomes[RD_N_OUTCOMES] = { NULL };
      GtkWidget *caption = gtk_label_new_with_mnemonic (_("_Outcome"));

      for (guint i = 1; i < RD_N_OUTCOMES; i++)
        outcomes[i - 1] = rd_outcome_to_label (i);
      d->outcome = gtk_drop_down_new_from_strings (outcomes);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (caption), d->outcome);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->outcome),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"), -1);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), d->outcome);
    }

  d->reason = dialog_entry (box, step == STEP_RESUME ? _("_Note (optional)") : _("_Reason"),
                            step == STEP_PAUSE ? _("e.g. Asked for proof of identity")
                            : step == STEP_EXTEND ? _("e.g. Complex request: many systems")
                            : _("Why"), NULL, FALSE);
  if (step == STEP_RESUME)
    {
      gtk_widget_set_visible (gtk_widget_get_prev_sibling (d->reason), FALSE);
      gtk_widget_set_visible (d->reason, FALSE);
    }
  if (step != STEP_STATUS)
    d->date = dialog_entry (box, _("_Date"), today, today, TRUE);
  /* Why the step cannot be taken as it stands. */
  d->hint = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (d->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (d->hint), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (d->hint), 40);
  gtk_widget_add_css_class (d->hint, "step-hint");
  gtk_widget_add_css_class (d->hint, "warning");
  gtk_widget_set_visible (d->hint, FALSE);
  gtk_box_append (GTK_BOX (box), d->hint);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect (d->reason, "changed", G_CALLBACK (update_dialog_cb), d);
  if (d->date != NULL)
    g_signal_connect (d->date, "changed", G_CALLBACK (update_dialog_cb), d);
  if (d->outcome != NULL)
    g_signal_connect (d->outcome, "notify::selected", G_CALLBACK (outcome_selected_cb), d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (dialog_response_cb), d,
                         (GClosureNotify) (void (*) (void)) step_dialog_free, 0);

  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  update_dialog (d);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (step == STEP_RESUME ? d->date : d->reason);
}

static void
pause_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  ask_step (RD_CASE_PAGE (widget), STEP_PAUSE, 0);
}

static void
resume_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  ask_step (RD_CASE_PAGE (widget), STEP_RESUME, 0);
}

static void
restart_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ask_step (RD_CASE_PAGE (widget), STEP_RESTART, 0);
}

static void
extend_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  ask_step (RD_CASE_PAGE (widget), STEP_EXTEND, 0);
}

static void
close_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  ask_step (RD_CASE_PAGE (widget), STEP_CLOSE, 0);
}

static void
set_status_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdCaseStatus status;

  if (!rd_case_status_from_string (g_variant_get_string (parameter, NULL), &status))
    return;

  ask_step (RD_CASE_PAGE (widget), STEP_STATUS, status);
}

static void
export_package_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdCasePage *self = RD_CASE_PAGE (widget);

  rd_case_exports_package (widget, self->store, self->reference, NULL, FALSE);
}

/* Which work in the client's systems answers the request, if any. */
static gboolean
client_work_mode (RdCase              *item,
                  RdCollectDialogMode *mode)
{
  switch (rd_case_get_request_type (item))
    {
    case RD_REQUEST_ACCESS:
    case RD_REQUEST_PORTABILITY:
      *mode = RD_COLLECT_DIALOG_COLLECT;
      return TRUE;
    case RD_REQUEST_ERASURE:
    case RD_REQUEST_RECTIFICATION:
    case RD_REQUEST_RESTRICTION:
    case RD_REQUEST_CONSENT_WITHDRAWAL:
      *mode = RD_COLLECT_DIALOG_EXECUTE;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
client_work_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdCasePage *self = RD_CASE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RdCollectDialogMode mode;

  if (self->item == NULL || !client_work_mode (self->item, &mode))
    return;
  gtk_window_present (GTK_WINDOW (rd_collect_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                                         self->store, self->reference, mode)));
}

static void
case_file_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdCasePage *self = RD_CASE_PAGE (widget);

  rd_case_exports_case_file (widget, self->store, self->reference, NULL, TRUE);
}

static void
note_apply_cb (AdwEntryRow *row,
               RdCasePage  *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (*text == '\0' || self->reference == NULL)
    return;

  if (!rd_store_add_note (self->store, self->reference, text, &error))
    rd_gui_toast_error (GTK_WIDGET (self), _("Could not add the note"), error);
}

/* Building the page */

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* After its notice date an extension can no longer be taken lawfully: the requester had to
 * be told, with the reasons, within the first period (GDPR Art. 12(3)). */
static gboolean
extension_notice_passed (RdCase *item)
{
  const GDate *notice_by = rd_case_get_extension_notice_by (item);
  GDate today;

  if (notice_by == NULL || !g_date_valid (notice_by))
    return FALSE;
  rd_date_today (&today);
  return g_date_compare (&today, notice_by) > 0;
}

static void
update_actions (RdCasePage *self)
{
  RdCase *item = self->item;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  gboolean open = item != NULL && rd_case_is_open (item);
  gboolean paused = item != NULL && rd_case_get_paused_since (item) != NULL;
  gboolean can_pause = FALSE, can_restart = FALSE, can_extend = FALSE;

  if (item != NULL)
    jurisdiction = rd_jurisdiction_lookup (rd_case_get_jurisdiction (item), NULL);

  if (jurisdiction != NULL)
    {
      RdRequestType type = rd_case_get_request_type (item);

      can_pause = rd_jurisdiction_allows_pause (jurisdiction, type, NULL);
      can_restart = rd_jurisdiction_allows_restart (jurisdiction, type, NULL);
      can_extend = rd_jurisdiction_allows_extension (jurisdiction, type, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.pause", open && !paused && can_pause);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.resume", open && paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.restart", open && can_restart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.extend",
                                 open && can_extend && !rd_case_get_extended (item)
                                 && !extension_notice_passed (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.close", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.set-status", item != NULL);
  /* A response package answers access and portability requests only. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.export-package",
                                 item != NULL && !rd_case_get_purged (item)
                                 && (rd_case_get_request_type (item) == RD_REQUEST_ACCESS
                                     || rd_case_get_request_type (item) == RD_REQUEST_PORTABILITY));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.case-file", item != NULL);
  {
    RdCollectDialogMode mode;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.client-work",
                                   item != NULL && open && !rd_case_get_purged (item)
                                   && client_work_mode (item, &mode));
  }
}

static GtkWidget *
build_export_menu (void)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("Export Response _Package…"), "case.export-package");
  g_menu_append (menu, _("Complaint _Case File…"), "case.case-file");
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Exp_ort"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Response package and complaint case file"));
  return button;
}

static GtkWidget *
build_status_menu (RdCasePage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  RdCaseStatus from = rd_case_get_status (self->item);
  GtkWidget *button;
  guint n = 0;

  /* Only the moves the workflow allows are offered. */
  for (guint to = 0; to < RD_N_STATUSES; to++)
    {
      g_autofree char *detailed = NULL;

      if (to == from || to == RD_STATUS_CLOSED || !rd_case_status_can_move (from, to))
        continue;

      detailed = g_strdup_printf ("case.set-status('%s')", rd_case_status_to_string (to));
      g_menu_append (menu, rd_case_status_to_label (to), detailed);
      n++;
    }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Status"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Move the case to another step of the workflow"));
  gtk_widget_set_sensitive (button, n > 0);
  return button;
}

static void
build (RdCasePage *self)
{
  RdCase *item = self->item;
  GtkWidget *page, *group, *row, *box, *label;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pauses = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GPtrArray) timeline = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  GDate today;

  page = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self->bin), page);
  update_actions (self);

  if (item == NULL)
    return;

  rd_date_today (&today);

  /* The heading: who asked for what, and where the case stands. */
  group = adw_preferences_group_new ();
  title = g_markup_escape_text (rd_case_get_purged (item) ? _("(erased)")
                                                          : rd_case_get_subject_name (item), -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  /* Translators: reference · request type · client · jurisdiction */
  text = g_strdup_printf (_("%s · %s · %s · %s"), rd_case_get_reference (item),
                          rd_request_type_to_label (rd_case_get_request_type (item)),
                          rd_case_get_client (item),
                          rd_gui_jurisdiction_name (rd_case_get_jurisdiction (item), FALSE));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), text);
  g_clear_pointer (&text, g_free);
  label = gtk_label_new (rd_case_status_to_label (rd_case_get_status (item)));
  gtk_widget_add_css_class (label, "status-pill");
  gtk_widget_add_css_class (label, rd_case_is_open (item) ? "status-open" : "status-closed");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), label);
  gtk_widget_add_css_class (group, "case-heading");
  box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 7);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  {
    const GDate *due = rd_case_get_effective_due (item);
    g_autofree char *tip = NULL;

    /* Past the deadline only a stop that began before it can be recorded. */
    if (rd_case_is_open (item) && rd_case_get_paused_since (item) == NULL &&
        g_date_valid (due) && g_date_compare (&today, due) > 0)
      {
        g_autofree char *when = rd_gui_format_date (due);

        /* Translators: a date */
        tip = g_strdup_printf (_("The deadline passed on %s; the clock can only stop before it"),
                               when);
      }
    gtk_flow_box_append (GTK_FLOW_BOX (box),
                         action_button (_("_Pause"), "case.pause",
                                        tip != NULL ? tip : _("Stop the clock, with a reason")));
  }
  gtk_flow_box_append (GTK_FLOW_BOX (box), action_button (_("Res_ume"), "case.resume",
                                                _("Start the paused clock again")));
  gtk_flow_box_append (GTK_FLOW_BOX (box), action_button (_("Res_tart"), "case.restart",
                                                _("Start the period again from a date")));
  {
    g_autofree char *tip = NULL;

    if (rd_case_is_open (item) && !rd_case_get_extended (item) && extension_notice_passed (item))
      {
        g_autofree char *when = rd_gui_format_date (rd_case_get_extension_notice_by (item));

        /* Translators: a date */
        tip = g_strdup_printf (_("The extension had to be announced by %s; it can no longer be "
                                 "taken"), when);
      }
    gtk_flow_box_append (GTK_FLOW_BOX (box),
                         action_button (_("E_xtend"), "case.extend",
                                        tip != NULL ? tip : _("Take the extension the law allows")));
  }
  gtk_flow_box_append (GTK_FLOW_BOX (box), action_button (_("C_lose…"), "case.close",
                                                _("Record the response and close the case")));
  gtk_flow_box_append (GTK_FLOW_BOX (box), build_status_menu (self));
  gtk_flow_box_append (GTK_FLOW_BOX (box), build_export_menu ());
  {
    RdCollectDialogMode mode;

    if (client_work_mode (item, &mode))
      gtk_flow_box_append (GTK_FLOW_BOX (box),
                           mode == RD_COLLECT_DIALOG_COLLECT
                           ? action_button (_("Collect _Data…"), "case.client-work",
                                            _("Fetch the requester’s records and conversations "
                                              "from the client’s systems"))
                           : action_button (_("Carry Out _Request…"), "case.client-work",
                                            _("Plan, approve and carry out the request in the "
                                              "client’s systems")));
  }
  /* The buttons take the focus themselves, so that Tab and the page's first focus skip those
   * that are insensitive instead of stopping on the flow box's cells. */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      g_object_bind_property (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)),
                              "sensitive", child, "sensitive", G_BINDING_SYNC_CREATE);
    }
  gtk_widget_add_css_class (box, "case-actions");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Case actions"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* The deadline card. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Deadline"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         rd_case_get_citation (item));

  {
    const GDate *due = rd_case_get_effective_due (item);
    g_autofree char *date = rd_gui_format_date (due);
    RdUrgency urgency = rd_gui_case_urgency (item, &today);

    row = adw_action_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Due"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
    if (rd_case_is_open (item))
      {
        g_autofree char *left = rd_case_get_paused_since (item) != NULL
                                ? g_strdup (_("Clock paused"))
                                : rd_gui_format_days_left (rd_case_days_left (item, &today));
        label = gtk_label_new (left);
        gtk_widget_add_css_class (label, "days-left");
        gtk_widget_add_css_class (label, rd_gui_urgency_css_class (urgency));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      }
    gtk_widget_add_css_class (row, "due-row");
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }
  add_date_row (group, _("Internal due date"), rd_case_get_internal_due (item));
  add_date_row (group, _("Acknowledge by"), rd_case_get_acknowledge_by (item));
  if (!rd_case_get_extended (item) && rd_case_is_open (item) && extension_notice_passed (item))
    {
      g_autofree char *when = rd_gui_format_date (rd_case_get_extension_notice_by (item));
      g_autofree char *passed = NULL;

      /* Translators: a date, then why the extension is no longer offered */
      passed = g_strdup_printf (_("%s — passed; no extension is possible"), when);
      add_row (group, _("Extension notice by"), passed);
    }
  else
    add_date_row (group, _("Extension notice by"), rd_case_get_extension_notice_by (item));
  if (rd_case_get_extended (item))
    add_date_row (group, _("Extended due date"), rd_case_get_extended_due (item));
  else if (g_date_valid (rd_case_get_extended_due (item)) && !extension_notice_passed (item))
    add_date_row (group, _("Due if extended"), rd_case_get_extended_due (item));
  add_date_row (group, _("Statutory due date"), rd_case_get_due (item));
  add_date_row (group, _("Received"), rd_case_get_received (item));

  pauses = rd_store_list_clock_events (self->store, self->reference, &error);
  if (pauses == NULL)
    rd_gui_toast_error (GTK_WIDGET (self), _("Could not read the clock events"), error);
  else if (pauses->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *count = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Clock events"));
      /* Translators: how many pauses, resumptions, restarts and extensions */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events",
                                            pauses->len), pauses->len);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < pauses->len; i++)
        {
          RdClockEvent *event = g_ptr_array_index (pauses, i);
          g_autofree char *on = rd_gui_format_date (&event->on);
          GtkWidget *sub = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sub), clock_kind_label (event->kind));
          g_clear_pointer (&text, g_free);
          text = g_strdup_printf ("%s%s%s", on, event->reason != NULL ? " — " : "",
                                  event->reason != NULL ? event->reason : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (sub), text);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (sub), FALSE);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), sub);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  g_clear_error (&error);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* Identity: the ID documents and checks (rd-id-review.c). */
  if (!rd_case_get_purged (item))
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                              ADW_PREFERENCES_GROUP (rd_id_review_identity_group_new (self->store,
                                                                                      item)));

  /* The subject's identity. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Subject"));
  if (rd_case_get_purged (item))
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("The requester's personal data was erased."));
  else
    {
      g_autofree char *emails = join_list (rd_case_get_subject_emails (item));
      g_autofree char *phones = join_list (rd_case_get_subject_phones (item));
      g_autofree char *accounts = join_list (rd_case_get_subject_accounts (item));

      add_row (group, _("Name"), rd_case_get_subject_name (item));
      add_row (group, _("E-mail"), emails);
      add_row (group, _("Phone"), phones);
      if (rd_case_get_subject_address (item) != NULL)
        add_row (group, _("Address"), rd_case_get_subject_address (item));
      if (accounts != NULL)
        add_row (group, _("Accounts"), accounts);
      add_row (group, _("Channel"), rd_channel_to_label (rd_case_get_channel (item)));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* Transcripts to review and redact (rd-transcripts-group.c). */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (rd_transcripts_group_new (self->store, item)));

  /* Notes. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Notes"));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a note"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (note_apply_cb), self);
  gtk_widget_set_sensitive (row, rd_case_is_open (item) && !rd_case_get_purged (item));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  notes = rd_store_list_notes (self->store, self->reference, &error);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      RdNote *note = g_ptr_array_index (notes, i);
      g_autofree char *when = rd_gui_format_timestamp (note->created_at);
      GtkWidget *note_row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (note_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note_row), note->text);
      g_clear_pointer (&text, g_free);
      text = g_strdup_printf ("%s · %s", note->author != NULL ? note->author : "", when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (note_row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (note_row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note_row);
    }
  g_clear_error (&error);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* The timeline, from the audit trail. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Timeline"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every change, as recorded in the audit trail"));
  timeline = rd_store_list_timeline (self->store, self->reference, &error);
  if (timeline == NULL)
    rd_gui_toast_error (GTK_WIDGET (self), _("Could not read the timeline"), error);
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      RdAuditEvent *event = g_ptr_array_index (timeline, i);
      g_autofree char *when = rd_gui_format_timestamp (event->at);
      g_autofree char *why = payload_text (event->payload);
      g_autofree char *what = describe_event (event);
      GtkWidget *event_row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (event_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (event_row), what);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (event_row), 0);
      g_clear_pointer (&text, g_free);
      if (why != NULL)
        text = g_strdup_printf ("%s · %s — %s", when, event->actor, why);
      else
        text = g_strdup_printf ("%s · %s", when, event->actor);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (event_row), text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (event_row), 0);
      gtk_widget_add_css_class (event_row, "timeline-row");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), event_row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
}

/* The first widget under @widget (itself included) that @accept takes. */
static GtkWidget *
find_descendant (GtkWidget     *widget,
                 gboolean     (*accept) (GtkWidget     *widget,
                                         gconstpointer  data),
                 gconstpointer  data)
{
  if (accept (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, accept, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_scrolled_window (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

/* The vertical adjustment of the page shown: AdwPreferencesPage keeps its scrolled window to
 * itself (libadwaita 1.2 has no API for it). */
static GtkAdjustment *
page_vadjustment (GtkWidget *widget)
{
  GtkWidget *scrolled = find_descendant (widget, is_scrolled_window, NULL);

  return scrolled ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
}

/* Scrolls the rebuilt page back to where the old one was, once it is laid out tall enough. */
static void
restore_scroll_cb (GtkAdjustment *adjustment,
                   gpointer       data)
{
  double target = *(double *) data;

  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) < target &&
      gtk_adjustment_get_page_size (adjustment) == 0)
    return;
  g_signal_handlers_disconnect_by_func (adjustment, restore_scroll_cb, data);
  gtk_adjustment_set_value (adjustment, target);
}

/* What identifies a button across a rebuild of the page: its action and target, or, for a
 * button of its own, its label and the title of its row ("Redact…" of "chat.json"). */
typedef struct
{
  char     *action;
  GVariant *target;
  char     *label;
  char     *row;
} FocusKey;

static const char *
row_title_of (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  return row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static gboolean
focus_key_matches (GtkWidget     *widget,
                   gconstpointer  data)
{
  const FocusKey *key = data;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (key->action != NULL)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                        key->action) == 0 &&
             ((target == NULL && key->target == NULL) ||
              (target != NULL && key->target != NULL && g_variant_equal (target, key->target)));
    }
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), key->label) == 0 &&
         g_strcmp0 (row_title_of (widget), key->row) == 0;
}

static void
case_changed_cb (RdStore    *store,
                 const char *reference,
                 RdCasePage *self)
{
  GtkAdjustment *adjustment;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  FocusKey key = { NULL, };
  double value;

  if (g_strcmp0 (reference, self->reference) != 0)
    return;

  /* A change to the case shown (a note or transcript added, decisions saved) rebuilds the
   * page: it stays where the user was rather than jump back to the top, and the button that
   * had the focus (most often the one that made the change) has it again, for the keyboard
   * to go on from there and for the window not to scroll to its first button. */
  if (focus != NULL && !GTK_IS_BUTTON (focus))
    focus = gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      key.action = g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)));
      key.target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus));
      if (key.target != NULL)
        g_variant_ref (key.target);
      key.label = g_strdup (gtk_button_get_label (GTK_BUTTON (focus)));
      key.row = g_strdup (row_title_of (focus));
    }
  else
    focus = NULL;
  adjustment = page_vadjustment (self->bin);
  value = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
  rd_case_page_refresh (self);
  if (focus != NULL)
    {
      GtkWidget *again = find_descendant (self->bin, focus_key_matches, &key);

      if (again != NULL)
        gtk_widget_grab_focus (again);
      g_free (key.action);
      g_clear_pointer (&key.target, g_variant_unref);
      g_free (key.label);
      g_free (key.row);
    }
  adjustment = page_vadjustment (self->bin);
  if (adjustment != NULL && value > 0)
    g_signal_connect_data (adjustment, "changed", G_CALLBACK (restore_scroll_cb),
                           g_memdup2 (&value, sizeof value),
                           (GClosureNotify) (void (*) (void)) g_free, 0);
}

/* GObject */

static void
rd_case_page_dispose (GObject *object)
{
  RdCasePage *self = RD_CASE_PAGE (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_pointer (&self->bin, gtk_widget_unparent);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (rd_case_page_parent_class)->dispose (object);
}

static void
rd_case_page_class_init (RdCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdcasepage");

  gtk_widget_class_install_action (widget_class, "case.pause", NULL, pause_cb);
  gtk_widget_class_install_action (widget_class, "case.resume", NULL, resume_cb);
  gtk_widget_class_install_action (widget_class, "case.restart", NULL, restart_cb);
  gtk_widget_class_install_action (widget_class, "case.extend", NULL, extend_cb);
  gtk_widget_class_install_action (widget_class, "case.close", NULL, close_cb);
  gtk_widget_class_install_action (widget_class, "case.set-status", "s", set_status_cb);
  gtk_widget_class_install_action (widget_class, "case.export-package", NULL, export_package_cb);
  gtk_widget_class_install_action (widget_class, "case.case-file", NULL, case_file_cb);
  gtk_widget_class_install_action (widget_class, "case.client-work", NULL, client_work_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.resume", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.extend", NULL);
}

static void
rd_case_page_init (RdCasePage *self)
{
  self->bin = adw_bin_new ();
  gtk_widget_set_parent (self->bin, GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
rd_case_page_new (void)
{
  return g_object_new (RD_TYPE_CASE_PAGE, NULL);
}

void
rd_case_page_set_store (RdCasePage *self,
                        RdStore    *store)
{
  g_return_if_fail (RD_IS_CASE_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, case_changed_cb, self);

  if (g_set_object (&self->store, store) && store != NULL)
    g_signal_connect_object (store, "case-changed", G_CALLBACK (case_changed_cb), self, 0);

  rd_case_page_set_reference (self, NULL);
}

void
rd_case_page_set_reference (RdCasePage *self,
                            const char *reference)
{
  char *copy;

  g_return_if_fail (RD_IS_CASE_PAGE (self));

  /* Copy first: @reference may be our own (reopening the case shown). */
  copy = g_strdup (reference);
  g_free (self->reference);
  self->reference = copy;
  rd_case_page_refresh (self);
}

const char *
rd_case_page_get_reference (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return self->reference;
}

RdCase *
rd_case_page_get_case (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return self->item;
}

void
rd_case_page_refresh (RdCasePage *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (RD_IS_CASE_PAGE (self));

  g_clear_object (&self->item);
  if (self->store != NULL && self->reference != NULL)
    {
      self->item = rd_store_get_case (self->store, self->reference, &error);
      if (self->item == NULL)
        rd_gui_toast_error (GTK_WIDGET (self), _("Could not open the case"), error);
    }

  build (self);
}

AdwMessageDialog *
rd_case_page_get_dialog (RdCasePage *self)
{
  g_return_val_if_fail (RD_IS_CASE_PAGE (self), NULL);

  return self->dialog;
}
