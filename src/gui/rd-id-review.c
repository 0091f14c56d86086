/* rd-id-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-id-review"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-gui-util.h"
#include "rd-id-review.h"
#include "rd-identity.h"
#include "rd-verification.h"
#include "rd-viewer-document.h"

/* The checklist of id-review-anchors.md §3.4, in the order a reviewer works through it. */
typedef enum
{
  ITEM_NAME,
  ITEM_BIRTH_DATE,
  ITEM_EXPIRY,
  ITEM_PHOTO,
  ITEM_ISSUER,
  ITEM_MRZ,
  N_ITEMS
} Item;

static const struct
{
  const char *name;       /* stable: the record's data point */
  const char *title;
} items[N_ITEMS] = {
  { "name", N_("Name matches the request") },
  { "birth_date", N_("Date of birth matches the record") },
  { "expiry", N_("Not expired") },
  { "photo", N_("Photo present") },
  { "issuing_authority", N_("Issuing authority") },
  { "mrz", N_("MRZ valid") },
};

struct _RdIdReview
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *paned;
  GtkDropDown       *documents_dropdown;
  GtkWidget         *attach_button;
  GtkStack          *view_stack;
  AdwStatusPage     *empty_page;
  RdDocumentView    *view;
  GtkWidget         *policy_group;
  GtkWidget         *mrz_group;
  GtkTextView       *mrz_text;
  GtkWidget         *find_button;
  GtkWidget         *mrz_checks_group;
  GtkWidget         *checklist_group;
  GtkWidget         *decision_group;
  AdwComboRow       *outcome_row;
  AdwEntryRow       *reason_row;
  GtkWidget         *reason_hint_row;
  AdwEntryRow       *evidence_row;
  GtkWidget         *close_row;
  GtkSwitch         *close_switch;
  GtkWidget         *minimise_row;
  GtkSwitch         *minimise_switch;
  GtkWidget         *copy_row;
  GtkWidget         *decide_button;
  GtkWidget         *history_group;

  /* Built once */
  GtkWidget         *item_rows[N_ITEMS];
  GtkWidget         *item_icons[N_ITEMS];
  GtkWidget         *item_checks[N_ITEMS];
  AdwEntryRow       *held_birth_row;
  GtkSwitch         *doubt_switch;
  GtkSwitch         *sensitive_switch;

  /* Rows rebuilt for each case or MRZ */
  GPtrArray         *policy_rows;
  GPtrArray         *mrz_rows;
  GPtrArray         *history_rows;

  RdStore           *store;
  char              *reference;
  RdCase            *item;
  RdVerificationPolicy *policy;
  GArray            *document_ids;   /* gint64, in the drop-down's order */
  gint64             document;
  RdMrz             *mrz;
  RdMrzIdentityMatch *match;
  GCancellable      *cancellable;
  guint              copy_days;       /* the client's policy: 0 keeps no copy */
  GArray            *blackouts;       /* RdIdentityBox on page 1 of blackout_document */
  gint64             blackout_document;
  guint              busy;
  gboolean           filling;
};

G_DEFINE_FINAL_TYPE (RdIdReview, rd_id_review, GTK_TYPE_WIDGET)

enum {
  DECIDED,
  ATTACHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum { PROP_0, PROP_REFERENCE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void refresh_checklist (RdIdReview *self);
static void update_decision (RdIdReview *self);

/* ------------------------------------------------------------------------------------------ */
/* Small helpers */

static void
toast (RdIdReview *self,
       const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), rd_gui_toast_new (text));
  else
    g_message ("%s", text);
}

static void
clear_rows (GtkWidget *group,
            GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_info_row (GtkWidget  *group,
              GPtrArray  *rows,
              const char *title,
              const char *subtitle,
              const char *icon,
              const char *css)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      if (css != NULL)
        gtk_widget_add_css_class (image, css);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  return row;
}

/* "Verified · ID document": the record's names, as an officer reads them. */
static char *
check_title (const RdVerificationRecord *check)
{
  static const char *methods[RD_N_CHECK_METHODS] = {
    N_("No check needed"), N_("Existing login"), N_("Known contact channel"),
    N_("Data points held"), N_("Knowledge check"), N_("ID document"), N_("Signed declaration"),
    N_("Agent’s authority"), N_("Call back"), N_("Other method"),
  };
  static const char *outcomes[RD_N_CHECK_OUTCOMES] = {
    N_("Verified"), N_("More information needed"), N_("Not verified"),
  };
  const char *method = check->method < RD_N_CHECK_METHODS ? _(methods[check->method]) : "";
  const char *outcome = check->outcome < RD_N_CHECK_OUTCOMES ? _(outcomes[check->outcome]) : "";

  /* Translators: an outcome ("Verified"), then the method ("ID document") */
  return g_strdup_printf (_("%s · %s"), outcome, method);
}

static const char *
match_label (RdMrzMatch match)
{
  switch (match)
    {
    case RD_MRZ_MATCH_EXACT:
      return _("matches");
    case RD_MRZ_MATCH_PROBABLE:
      return _("probably matches");
    case RD_MRZ_MATCH_MISMATCH:
      return _("does not match");
    case RD_MRZ_MATCH_UNKNOWN:
    default:
      return _("cannot tell");
    }
}

static void
set_item_state (RdIdReview *self,
                Item        item,
                int         state,   /* 1 good, 0 bad, -1 unknown */
                const char *subtitle)
{
  GtkWidget *icon = self->item_icons[item];

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->item_rows[item]), subtitle);
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "dim-label");
  if (state > 0)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      gtk_widget_set_tooltip_text (icon, _("The automatic comparison agrees"));
    }
  else if (state == 0)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("The automatic comparison found a problem"));
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-question-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_set_tooltip_text (icon, _("Check this yourself"));
    }
}

static char *
held_and_read (const char *held,
               const char *read)
{
  /* Translators: what Rights Desk holds for the person, then what the document says */
  return g_strdup_printf (_("Held: %s  ·  Document: %s"),
                          held != NULL && *held != '\0' ? held : _("not held"),
                          read != NULL && *read != '\0' ? read : _("not read yet"));
}

/* ------------------------------------------------------------------------------------------ */
/* The policy of the case's law */

static void
refresh_policy (RdIdReview *self)
{
  RdVerificationContext context = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  clear_rows (self->policy_group, self->policy_rows);
  g_clear_pointer (&self->policy, rd_verification_policy_free);

  if (self->item == NULL)
    return;

  /* A case reaches document review because of a doubt; whether a document is justified turns
   * on whether lighter methods settled it and on the data at stake (legal-rules.md §3, G3/G4). */
  context.reasonable_doubt = TRUE;
  context.doubt_persists = gtk_switch_get_active (self->doubt_switch);
  context.sensitive_data = gtk_switch_get_active (self->sensitive_switch);
  context.specific_pieces = TRUE;
  self->policy = rd_verification_policy_lookup (rd_case_get_jurisdiction (self->item),
                                                rd_case_get_request_type (self->item),
                                                &context, &error);
  if (self->policy == NULL)
    {
      add_info_row (self->policy_group, self->policy_rows, _("No verification rule"),
                    error->message, "dialog-information-symbolic", "dim-label");
      return;
    }

  /* The rule's row code (G3, C4 …) is the team's shorthand, not the officer's: the summary
   * and the citation say it. */
  title = g_strdup (self->policy->summary);
  add_info_row (self->policy_group, self->policy_rows, title, self->policy->reason,
                "security-high-symbolic", "accent");
  if (self->policy->on_failure != NULL)
    add_info_row (self->policy_group, self->policy_rows, _("If identity cannot be verified"),
                  self->policy->on_failure, NULL, NULL);
  add_info_row (self->policy_group, self->policy_rows, _("Clock"),
                self->policy->clock == RD_CLOCK_RESTARTS
                  ? _("The period starts again on the day the evidence arrives")
                  : self->policy->clock == RD_CLOCK_SUSPENDS
                      ? _("The period is suspended while the information is awaited")
                      : _("The period runs from receipt whatever verification takes"),
                NULL, NULL);
  add_info_row (self->policy_group, self->policy_rows, _("Citation"),
                self->policy->citation, NULL, NULL);
}

static void
context_changed_cb (GObject    *object,
                    GParamSpec *pspec,
                    RdIdReview *self)
{
  refresh_policy (self);
}

static GtkSwitch *
add_context_switch (RdIdReview *self,
                    const char *title,
                    const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->policy_group), row);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (context_changed_cb), self);
  return GTK_SWITCH (toggle);
}

void
rd_id_review_set_context (RdIdReview *self,
                          gboolean    doubt_persists,
                          gboolean    sensitive_data)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  gtk_switch_set_active (self->doubt_switch, doubt_persists);
  gtk_switch_set_active (self->sensitive_switch, sensitive_data);
}

/* ------------------------------------------------------------------------------------------ */
/* The MRZ */

static void
refresh_mrz (RdIdReview *self)
{
  g_autoptr (GError) error = NULL;
  const char *text = rd_id_review_get_mrz_text (self);

  clear_rows (self->mrz_checks_group, self->mrz_rows);
  g_clear_pointer (&self->mrz, rd_mrz_free);

  {
    g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

    if (*stripped == '\0')
      {
        refresh_checklist (self);
        return;
      }
  }

  self->mrz = rd_mrz_parse_text (text, &error);
  if (self->mrz == NULL)
    {
      add_info_row (self->mrz_checks_group, self->mrz_rows, _("Not an MRZ yet"),
                    error->message, "dialog-warning-symbolic", "warning");
      refresh_checklist (self);
      return;
    }

  {
    g_autofree char *title = NULL;
    g_autofree char *subtitle = NULL;

    /* Translators: an MRZ format such as TD3, then a verdict */
    title = g_strdup_printf (_("%s — %s"), rd_mrz_format_to_string (self->mrz->format),
                             self->mrz->valid ? _("all check digits pass")
                                              : _("a check failed"));
    subtitle = g_strdup_printf ("%s %s · %s · %s",
                                self->mrz->given_names ? self->mrz->given_names : "",
                                self->mrz->surname ? self->mrz->surname : "",
                                self->mrz->document_number ? self->mrz->document_number : "",
                                self->mrz->issuing_state ? self->mrz->issuing_state : "");
    add_info_row (self->mrz_checks_group, self->mrz_rows, title, subtitle,
                  self->mrz->valid ? "emblem-ok-symbolic" : "dialog-error-symbolic",
                  self->mrz->valid ? "success" : "error");
  }

  for (guint i = 0; i < RD_MRZ_N_CHECKS; i++)
    {
      static const char *check_titles[RD_MRZ_N_CHECKS] = {
        N_("Document number check digit"), N_("Date of birth check digit"),
        N_("Date of expiry check digit"), N_("Optional data check digit"),
        N_("Composite check digit"),
      };
      RdMrzCheckResult result = self->mrz->checks[i];

      if (result == RD_MRZ_CHECK_ABSENT)
        continue;
      add_info_row (self->mrz_checks_group, self->mrz_rows, _(check_titles[i]),
                    result == RD_MRZ_CHECK_PASSED ? _("Passes") : _("Fails"),
                    result == RD_MRZ_CHECK_PASSED ? "emblem-ok-symbolic" : "dialog-error-symbolic",
                    result == RD_MRZ_CHECK_PASSED ? "success" : "error");
    }

  /* Reading slips are shown where they are, never corrected behind the reader's back. */
  for (guint i = 0; self->mrz->warnings != NULL && i < self->mrz->warnings->len; i++)
    {
      RdMrzWarning *warning = self->mrz->warnings->pdata[i];
      g_autofree char *where = NULL;

      if (warning->line > 0 && warning->column > 0)
        /* Translators: line and column of the MRZ */
        where = g_strdup_printf (_("Line %u, column %u"), warning->line, warning->column);
      else if (warning->line > 0)
        where = g_strdup_printf (_("Line %u"), warning->line);
      add_info_row (self->mrz_checks_group, self->mrz_rows, warning->message, where,
                    "dialog-warning-symbolic", "warning");
    }

  refresh_checklist (self);
}

static void
mrz_changed_cb (GtkTextBuffer *buffer,
                RdIdReview    *self)
{
  if (!self->filling)
    refresh_mrz (self);
}

static char *
pdf_text (GBytes  *bytes,
          GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (GObject) document_object = NULL;
  PopplerDocument *document;
  g_autoptr (GString) text = g_string_new (NULL);
  int n;

  /* From a stream: poppler 22.12 crashes on encrypted PDFs given as bytes. */
  document = poppler_document_new_from_stream (stream, g_bytes_get_size (bytes), NULL, NULL,
                                               error);
  if (document == NULL)
    return NULL;
  document_object = G_OBJECT (document);

  n = poppler_document_get_n_pages (document);
  for (int i = 0; i < n && i < 50; i++)
    {
      g_autoptr (GObject) page_object = G_OBJECT (poppler_document_get_page (document, i));
      PopplerPage *page = (PopplerPage *) page_object;
      g_autofree char *page_text = page != NULL ? poppler_page_get_text (page) : NULL;

      if (page_text != NULL)
        {
          g_string_append (text, page_text);
          g_string_append_c (text, '\n');
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
find_mrz_worker (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  GBytes *bytes = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = pdf_text (bytes, &error);
  RdMrz *mrz;

  if (text == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  mrz = rd_mrz_find_in_text (text, &error);
  if (mrz == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, mrz, (GDestroyNotify) rd_mrz_free);
}

static void
find_mrz_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RdIdReview *self = RD_ID_REVIEW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdMrz) mrz = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy--;
  if (mrz == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  {
    g_autofree char *joined = g_strjoinv ("\n", mrz->lines);

    rd_id_review_set_mrz_text (self, joined);
  }
}

static void
find_mrz (RdIdReview *self,
          gboolean    quiet)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GTask) task = NULL;

  if (self->store == NULL || self->document == 0)
    return;

  document = rd_store_get_document (self->store, self->document, &error);
  if (document == NULL || !g_str_equal (document->mime_type, "application/pdf"))
    {
      if (!quiet)
        toast (self, _("Only a PDF has a text layer to search: type the MRZ instead"));
      return;
    }

  bytes = rd_store_get_document_content (self->store, self->document, &error);
  if (bytes == NULL)
    {
      toast (self, error->message);
      return;
    }

  self->busy++;
  task = g_task_new (self, self->cancellable, find_mrz_done_cb, NULL);
  g_task_set_source_tag (task, find_mrz);
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, find_mrz_worker);
}

/* ------------------------------------------------------------------------------------------ */
/* The checklist */

static void
refresh_checklist (RdIdReview *self)
{
  const char *held_name = self->item ? rd_case_get_subject_name (self->item) : NULL;
  GDate held_birth_date;
  g_autofree char *held_birth = NULL;
  g_autofree char *held_birth_words = NULL;
  g_autofree char *read_birth_words = NULL;
  g_autofree char *read_name = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr (GError) error = NULL;
  GDate today, expiry;

  /* The date of birth held, as the MRZ comparison takes it (ISO 8601) and in words; what was
   * typed, marked, when it is not a date. */
  {
    const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->held_birth_row));
    gboolean valid = rd_gui_parse_date (typed, &held_birth_date);

    if (valid)
      {
        held_birth = rd_date_format (&held_birth_date);
        held_birth_words = rd_gui_format_date (&held_birth_date);
      }
    else if (*typed != '\0')
      held_birth_words = g_strdup (typed);
    if (valid || *typed == '\0')
      gtk_widget_remove_css_class (GTK_WIDGET (self->held_birth_row), "error");
    else
      gtk_widget_add_css_class (GTK_WIDGET (self->held_birth_row), "error");
  }

  g_clear_pointer (&self->match, rd_mrz_identity_match_free);
  if (self->mrz != NULL)
    {
      self->match = rd_mrz_compare_identity (self->mrz, held_name, held_birth, &error);
      read_name = g_strdup_printf ("%s %s", self->mrz->given_names ? self->mrz->given_names : "",
                                   self->mrz->surname ? self->mrz->surname : "");
      g_strstrip (read_name);
    }

  /* Name */
  subtitle = held_and_read (held_name, read_name);
  if (self->match != NULL && self->match->name != RD_MRZ_MATCH_UNKNOWN)
    {
      g_autofree char *with = g_strdup_printf ("%s — %s", subtitle, match_label (self->match->name));
      set_item_state (self, ITEM_NAME, self->match->name == RD_MRZ_MATCH_MISMATCH ? 0 : 1, with);
    }
  else
    set_item_state (self, ITEM_NAME, -1, subtitle);
  g_clear_pointer (&subtitle, g_free);

  /* Date of birth */
  if (self->mrz != NULL && self->mrz->birth_date != NULL)
    {
      GDate read_birth;

      if (rd_date_parse (self->mrz->birth_date, &read_birth, NULL))
        read_birth_words = rd_gui_format_date (&read_birth);
    }
  /* The six characters as written when they are not a whole date. */
  subtitle = held_and_read (held_birth_words,
                            read_birth_words != NULL ? read_birth_words
                            : self->mrz != NULL ? self->mrz->birth_date_mrz : NULL);
  if (self->match != NULL && self->match->birth_date != RD_MRZ_MATCH_UNKNOWN)
    {
      g_autofree char *with = g_strdup_printf ("%s — %s", subtitle,
                                               match_label (self->match->birth_date));
      set_item_state (self, ITEM_BIRTH_DATE,
                      self->match->birth_date == RD_MRZ_MATCH_MISMATCH ? 0 : 1, with);
    }
  else
    set_item_state (self, ITEM_BIRTH_DATE, -1, subtitle);
  g_clear_pointer (&subtitle, g_free);

  /* Expiry */
  rd_date_today (&today);
  if (self->mrz != NULL && self->mrz->expiry_date != NULL &&
      rd_date_parse (self->mrz->expiry_date, &expiry, NULL))
    {
      int days = g_date_days_between (&today, &expiry);

      g_autofree char *when = rd_gui_format_date (&expiry);

      if (days >= 0)
        /* Translators: a date */
        subtitle = g_strdup_printf (_("Valid until %s"), when);
      else
        /* Translators: a date, then how many days ago */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expired %s, %d day ago",
                                                 "Expired %s, %d days ago", -days),
                                    when, -days);
      set_item_state (self, ITEM_EXPIRY, days >= 0, subtitle);
    }
  else
    set_item_state (self, ITEM_EXPIRY, -1, _("Read the expiry date on the document"));
  g_clear_pointer (&subtitle, g_free);

  /* Photo: a person looks; no face matching (biometric data, disproportionate for a request). */
  set_item_state (self, ITEM_PHOTO, -1,
                  _("Look at the document: there is no automatic face matching"));

  /* Issuing authority */
  if (self->mrz != NULL && self->mrz->issuing_state != NULL)
    {
      gboolean specimen = g_str_equal (self->mrz->issuing_state, "UTO");

      subtitle = g_strdup_printf (specimen ? _("%s (a specimen state, not a real issuer)")
                                           : _("Issued by %s; compare with the printed page"),
                                  self->mrz->issuing_state);
      set_item_state (self, ITEM_ISSUER, specimen ? 0 : -1, subtitle);
    }
  else
    set_item_state (self, ITEM_ISSUER, -1, _("Read the issuing state or authority"));
  g_clear_pointer (&subtitle, g_free);

  /* MRZ */
  if (self->mrz != NULL)
    {
      g_autofree char *failure = rd_mrz_describe_failure (self->mrz);

      set_item_state (self, ITEM_MRZ, self->mrz->valid,
                      self->mrz->valid ? _("Every check digit passes; an integrity hint, not "
                                           "proof the document is genuine")
                                       : failure ? failure : _("A check failed"));
    }
  else
    set_item_state (self, ITEM_MRZ, -1, _("Enter or find the MRZ above"));

  update_decision (self);
}

static void
held_birth_changed_cb (GtkEditable *editable,
                       RdIdReview  *self)
{
  refresh_checklist (self);
}

static void
build_checklist (RdIdReview *self)
{
  for (guint i = 0; i < N_ITEMS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(items[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("I have checked this"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->checklist_group), row);

      self->item_rows[i] = row;
      self->item_icons[i] = icon;
      self->item_checks[i] = check;

      /* The date of birth held comes from the client's records, not from the request. */
      if (i == ITEM_BIRTH_DATE)
        {
          self->held_birth_row = ADW_ENTRY_ROW (adw_entry_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->held_birth_row),
                                         _("Date of birth on record"));
          rd_gui_add_date_button (self->held_birth_row);
          g_signal_connect (self->held_birth_row, "changed",
                            G_CALLBACK (held_birth_changed_cb), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->checklist_group),
                                     GTK_WIDGET (self->held_birth_row));
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Documents */

static void
show_document (RdIdReview *self,
               gint64      id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdViewerDocument) document = NULL;

  self->document = id;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.find-mrz", id != 0);
  if (id == 0 || self->store == NULL)
    {
      rd_document_view_set_document (self->view, NULL);
      gtk_stack_set_visible_child_name (self->view_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->view_stack, "document");
  bytes = rd_store_get_document_content (self->store, id, &error);
  if (bytes != NULL)
    document = rd_viewer_document_new_from_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      toast (self, error->message);
      rd_document_view_set_document (self->view, NULL);
      return;
    }
  rd_document_view_set_document (self->view, document);

  /* A PDF's text layer often carries the MRZ: fill the entry if the officer has not. */
  if (rd_id_review_get_mrz_text (self)[0] == '\0')
    find_mrz (self, TRUE);
}

static void
document_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      RdIdReview  *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->filling)
    return;
  if (self->document_ids != NULL && i < self->document_ids->len)
    show_document (self, g_array_index (self->document_ids, gint64, i));
}

static void
load_documents (RdIdReview *self,
                gint64      select)
{
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->document_ids, 0);
  if (self->store != NULL && self->reference != NULL)
    documents = rd_store_list_documents (self->store, self->reference, NULL);

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      RdDocument *document = documents->pdata[i];
      g_autofree char *size = NULL;
      g_autofree char *label = NULL;

      if (!g_str_equal (document->kind, "id-document"))
        continue;
      size = g_format_size (document->size);
      label = g_strdup_printf ("%s (%s)", document->name, size);
      gtk_string_list_append (names, label);
      g_array_append_val (self->document_ids, document->id);
      if (document->id == select || selected == GTK_INVALID_LIST_POSITION)
        selected = self->document_ids->len - 1;
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->documents_dropdown, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->documents_dropdown, selected);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->documents_dropdown), self->document_ids->len > 0);

  show_document (self, selected != GTK_INVALID_LIST_POSITION
                         ? g_array_index (self->document_ids, gint64, selected) : 0);
}

/* Attaching: reading, sniffing and sanitising run in a worker; the store is used here. */
typedef struct
{
  RdStore   *store;
  char      *reference;
  GSList    *files;
  GPtrArray *prepared;   /* of Prepared */
  GtkWidget *window;     /* weak: where the outcome is told, as the owner may be rebuilt away */
} AttachData;

typedef struct
{
  char   *name;
  char   *mime;
  GBytes *bytes;
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_free (prepared->name);
  g_free (prepared->mime);
  g_clear_pointer (&prepared->bytes, g_bytes_unref);
  g_free (prepared);
}

static gpointer
copy_object (gconstpointer src,
             gpointer      data)
{
  return g_object_ref ((gpointer) src);
}

static void
attach_data_free (AttachData *data)
{
  g_clear_object (&data->store);
  g_free (data->reference);
  g_slist_free_full (data->files, g_object_unref);
  g_clear_pointer (&data->prepared, g_ptr_array_unref);
  g_clear_weak_pointer (&data->window);
  g_free (data);
}

static void
attach_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *data = task_data;

  for (GSList *l = data->files; l != NULL; l = l->next)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *mime = NULL;
      g_autoptr (GBytes) bytes = rd_identity_prepare_file (l->data, 0, &mime, cancellable,
                                                           &error);
      Prepared *prepared;

      if (bytes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      prepared = g_new0 (Prepared, 1);
      prepared->name = g_file_get_basename (l->data);
      prepared->mime = g_steal_pointer (&mime);
      prepared->bytes = g_steal_pointer (&bytes);
      g_ptr_array_add (data->prepared, prepared);
    }

  g_task_return_boolean (task, TRUE);
}

/* The page that asked may have been rebuilt by the store's change signal meanwhile: the
 * outcome goes to its window. */
static void
toast_on (AttachData *data,
          const char *text)
{
  if (data->window != NULL)
    rd_gui_toast (data->window, text);
  else
    g_message ("%s", text);
}

static void
attach_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkWidget *owner = GTK_WIDGET (source);
  AttachData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gint64 last = 0;

  if (RD_IS_ID_REVIEW (owner))
    RD_ID_REVIEW (owner)->busy--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_on (data, error->message);
      return;
    }

  for (guint i = 0; i < data->prepared->len; i++)
    {
      Prepared *prepared = data->prepared->pdata[i];

      last = rd_store_add_document (data->store, data->reference, "id-document", prepared->name,
                                    prepared->mime, prepared->bytes, "upload", &error);
      if (last == 0)
        {
          toast_on (data, error->message);
          break;
        }
    }

  if (RD_IS_ID_REVIEW (owner) &&
      g_strcmp0 (RD_ID_REVIEW (owner)->reference, data->reference) == 0)
    load_documents (RD_ID_REVIEW (owner), last);
  if (last != 0)
    {
      toast_on (data, g_dngettext (GETTEXT_PACKAGE, "ID document attached",
                                    "ID documents attached", data->prepared->len));
      if (RD_IS_ID_REVIEW (owner))
        g_signal_emit (owner, signals[ATTACHED], 0);
    }
}

void
rd_identity_attach_files (GtkWidget    *owner,
                          RdStore      *store,
                          const char   *reference,
                          GSList       *files,
                          GCancellable *cancellable)
{
  g_autoptr (GTask) task = NULL;
  AttachData *data;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (reference != NULL);

  if (files == NULL)
    return;

  data = g_new0 (AttachData, 1);
  data->store = g_object_ref (store);
  data->reference = g_strdup (reference);
  data->files = g_slist_copy_deep (files, copy_object, NULL);
  data->prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_free);
  g_set_weak_pointer (&data->window, GTK_WIDGET (gtk_widget_get_root (owner)));

  if (RD_IS_ID_REVIEW (owner))
    RD_ID_REVIEW (owner)->busy++;
  task = g_task_new (owner, cancellable, attach_done_cb, NULL);
  g_task_set_source_tag (task, rd_identity_attach_files);
  g_task_set_task_data (task, data, (GDestroyNotify) attach_data_free);
  g_task_run_in_thread (task, attach_worker);
}

void
rd_id_review_attach_files (RdIdReview *self,
                           GSList     *files)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  if (self->store == NULL || self->reference == NULL)
    return;
  rd_identity_attach_files (GTK_WIDGET (self), self->store, self->reference, files,
                            self->cancellable);
}

typedef struct
{
  GtkWidget *owner;
  RdStore   *store;
  char      *reference;
} ChooserData;

static void
chooser_data_free (gpointer data)
{
  ChooserData *d = data;

  g_clear_object (&d->owner);
  g_clear_object (&d->store);
  g_free (d->reference);
  g_free (d);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ChooserData     *d)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      rd_identity_attach_files (d->owner, d->store, d->reference, list,
                                RD_IS_ID_REVIEW (d->owner) ? RD_ID_REVIEW (d->owner)->cancellable
                                                           : NULL);
      g_slist_free_full (list, g_object_unref);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* The file chooser, as a portal where there is one: PDFs and photos. */
static void
choose_files (GtkWidget  *owner,
              RdStore    *store,
              const char *reference)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  static const char *mimes[] = { "application/pdf", "image/jpeg", "image/png", "image/tiff",
                                 "image/webp", "image/heic", "image/heif" };
  ChooserData *d;

  chooser = gtk_file_chooser_native_new (_("Attach ID Document"),
                                         GTK_WINDOW (gtk_widget_get_root (owner)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDFs and photos"));
  for (guint i = 0; i < G_N_ELEMENTS (mimes); i++)
    gtk_file_filter_add_mime_type (filter, mimes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  d = g_new0 (ChooserData, 1);
  d->owner = g_object_ref (owner);
  d->store = g_object_ref (store);
  d->reference = g_strdup (reference);
  g_signal_connect_data (chooser, "response", G_CALLBACK (chooser_response_cb), d,
                         (GClosureNotify) (void (*) (void)) chooser_data_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdIdReview *self = RD_ID_REVIEW (widget);

  if (self->store != NULL && self->reference != NULL)
    choose_files (widget, self->store, self->reference);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RdIdReview    *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->reference == NULL)
    return FALSE;

  rd_id_review_attach_files (self, g_value_get_boxed (value));
  return TRUE;
}

static void
find_mrz_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  find_mrz (RD_ID_REVIEW (widget), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* The decision */

static const char *
document_type_for (const RdMrz *mrz)
{
  if (mrz == NULL || mrz->document_code == NULL)
    return NULL;
  switch (mrz->document_code[0])
    {
    case 'P':
      return "passport";
    case 'V':
      return "visa";
    case 'I':
    case 'A':
    case 'C':
      return "id-card";
    default:
      return "other";
    }
}

/* What the document itself says, for the record: no image and no full number. */
static void
fill_document_facts (RdIdReview           *self,
                     RdVerificationRecord *record)
{
  g_assert (record != NULL);

  if (self->mrz != NULL)
    {
      gsize n = self->mrz->document_number ? strlen (self->mrz->document_number) : 0;

      record->document_type = g_strdup (document_type_for (self->mrz));
      record->issuing_state = g_strdup (self->mrz->issuing_state);
      record->mrz_valid = self->mrz->valid ? 1 : 0;
      /* At most the last four characters, for a later dispute (never the whole number). */
      if (n > 0)
        record->document_number_tail = g_strdup (self->mrz->document_number + (n > 4 ? n - 4 : 0));
      if (self->mrz->expiry_date != NULL)
        {
          GDate today, expiry;

          rd_date_today (&today);
          if (rd_date_parse (self->mrz->expiry_date, &expiry, NULL))
            record->expiry_status = g_strdup (g_date_compare (&expiry, &today) >= 0 ? "valid"
                                                                                   : "expired");
        }
    }
  if (self->match != NULL)
    {
      record->name_match = g_strdup (rd_mrz_match_to_string (self->match->name));
      record->birth_date_match = g_strdup (rd_mrz_match_to_string (self->match->birth_date));
    }
}

/* The decision can be recorded once what it needs is there: a reason unless the identity is
 * verified and no check failed. A failed check is named where the reason is asked for. */
static void
update_decision (RdIdReview *self)
{
  RdCheckOutcome outcome = adw_combo_row_get_selected (self->outcome_row);
  g_autoptr (RdVerificationRecord) facts = NULL;
  g_auto (GStrv) failed = NULL;
  g_autofree char *reason = NULL;
  gboolean needs_reason, open;

  if (outcome >= RD_N_CHECK_OUTCOMES)
    outcome = RD_CHECK_VERIFIED;
  facts = rd_verification_record_new (RD_CHECK_METHOD_ID_DOCUMENT, outcome, NULL, NULL, NULL);
  fill_document_facts (self, facts);
  failed = rd_verification_record_get_failed_checks (facts);
  needs_reason = outcome != RD_CHECK_VERIFIED || failed != NULL;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));

  if (outcome == RD_CHECK_VERIFIED && failed != NULL)
    {
      g_autoptr (GString) what = g_string_new (NULL);
      g_autofree char *title = NULL;

      for (guint i = 0; failed[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (what, ", ");
          g_string_append (what, rd_verification_failed_check_to_label (failed[i]));
        }
      /* Translators: what failed, e.g. "the MRZ check digits fail, the document has expired" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A check failed: %s",
                                            "Checks failed: %s", g_strv_length (failed)),
                               what->str);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_hint_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reason_hint_row),
                                   _("To record the identity as verified all the same, write why "
                                     "in the reason. It is kept in the audit trail."));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->reason_row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (self->reason_hint_row, outcome == RD_CHECK_VERIFIED && failed != NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 needs_reason ? _("Reason (required)") : _("Reason (optional)"));
  if (needs_reason && *reason == '\0')
    gtk_widget_set_tooltip_text (self->decide_button,
                                 outcome == RD_CHECK_VERIFIED
                                   ? _("A check failed: give the reason first")
                                   : _("Give the reason first"));
  else
    gtk_widget_set_tooltip_text (self->decide_button, NULL);

  open = self->item != NULL && rd_case_is_open (self->item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.decide",
                                 open && (!needs_reason || *reason != '\0'));
}

static void
reason_changed_cb (GtkEditable *editable,
                   RdIdReview  *self)
{
  update_decision (self);
}

gboolean
rd_id_review_decide (RdIdReview      *self,
                     RdCheckOutcome   outcome,
                     const char      *reason,
                     GError         **error)
{
  g_autoptr (RdVerificationRecord) record = NULL;
  g_autoptr (GStrvBuilder) points = g_strv_builder_new ();
  const char *evidence;
  GDate date;

  g_return_val_if_fail (RD_IS_ID_REVIEW (self), FALSE);

  if (self->store == NULL || self->reference == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW, _("No case is shown"));
      return FALSE;
    }

  for (guint i = 0; i < N_ITEMS; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->item_checks[i])))
      g_strv_builder_add (points, items[i].name);

  if (reason != NULL && *reason == '\0')
    reason = NULL;
  record = rd_verification_record_new (RD_CHECK_METHOD_ID_DOCUMENT, outcome, reason, NULL, NULL);
  record->data_points = g_strv_builder_end (points);

  if (outcome == RD_CHECK_VERIFIED &&
      !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->item_checks[ITEM_NAME])))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Tick “Name matches the request” before recording a verified "
                             "identity"));
      return FALSE;
    }

  evidence = gtk_editable_get_text (GTK_EDITABLE (self->evidence_row));
  if (evidence != NULL && *evidence != '\0')
    {
      if (!rd_gui_parse_date (evidence, &date))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("“%s” is not a date: type the day the evidence was received, or pick "
                         "it from the calendar"), evidence);
          return FALSE;
        }
      record->evidence_received = rd_date_format (&date);
    }

  if (self->policy != NULL)
    record->rule = g_strdup (self->policy->rule);
  fill_document_facts (self, record);

  if (!rd_store_record_verification_full (self->store, self->reference, record,
                                          gtk_switch_get_active (self->close_switch)
                                            ? RD_VERIFICATION_FLAGS_NONE
                                            : RD_VERIFICATION_KEEP_OPEN,
                                          error))
    return FALSE;

  /* Only the record stays: the copy goes once the check is done (EDPB 01/2022 para. 79). */
  if (outcome != RD_CHECK_MORE_INFORMATION && gtk_switch_get_active (self->minimise_switch))
    {
      guint n_purged = 0;

      /* The client's policy may keep the blacked-out image, alone, until its date. */
      if (self->copy_days > 0 && rd_id_review_get_n_blackouts (self) > 0 &&
          rd_identity_keep_redacted (self->store, self->blackout_document, 0,
                                     (RdIdentityBox *) self->blackouts->data,
                                     self->blackouts->len, self->copy_days, error) == 0)
        return FALSE;
      if (!rd_identity_minimise (self->store, self->reference,
                                 _("Identity checked; the copy is not kept"), &n_purged, error))
        return FALSE;
    }

  g_signal_emit (self, signals[DECIDED], 0, (int) outcome);
  return TRUE;
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdIdReview *self = RD_ID_REVIEW (widget);
  g_autoptr (GError) error = NULL;
  RdCheckOutcome outcome = adw_combo_row_get_selected (self->outcome_row);
  g_autofree char *reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));

  g_strstrip (reason);
  if (!rd_id_review_decide (self, outcome, reason, &error))
    {
      toast (self, error->message);
      return;
    }

  toast (self, outcome == RD_CHECK_VERIFIED ? _("Identity verified; the case is in progress")
               : outcome == RD_CHECK_MORE_INFORMATION ? _("More information requested")
               : _("Identity not verified"));
}

static void
outcome_changed_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    RdIdReview  *self)
{
  RdCheckOutcome outcome = adw_combo_row_get_selected (row);

  gtk_widget_set_visible (self->close_row, outcome == RD_CHECK_FAILED);
  gtk_widget_set_visible (self->minimise_row, outcome != RD_CHECK_MORE_INFORMATION);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_row), outcome == RD_CHECK_VERIFIED);
  update_decision (self);
}

/* ------------------------------------------------------------------------------------------ */
/* The case */

static void
refresh_history (RdIdReview *self)
{
  g_autoptr (GPtrArray) checks = NULL;

  clear_rows (self->history_group, self->history_rows);
  if (self->store != NULL && self->reference != NULL)
    checks = rd_store_list_verifications (self->store, self->reference, NULL);

  gtk_widget_set_visible (self->history_group, checks != NULL && checks->len > 0);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      RdVerificationRecord *check = checks->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      g_autofree char *when = rd_gui_format_timestamp (check->checked_at);

      title = check_title (check);
      subtitle = g_strdup_printf ("%s · %s%s%s", when, check->checked_by,
                                  check->reason ? " · " : "", check->reason ? check->reason : "");
      add_info_row (self->history_group, self->history_rows, title, subtitle,
                    check->outcome == RD_CHECK_VERIFIED ? "emblem-ok-symbolic"
                    : check->outcome == RD_CHECK_FAILED ? "dialog-error-symbolic"
                                                        : "mail-send-symbolic",
                    check->outcome == RD_CHECK_VERIFIED ? "success"
                    : check->outcome == RD_CHECK_FAILED ? "error" : "accent");
    }
}

/* ------------------------------------------------------------------------------------------ */
/* A redacted copy, where the client's policy keeps one */

static void
refresh_copy_row (RdIdReview *self)
{
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->copy_row, self->copy_days > 0);
  if (self->copy_days == 0)
    return;

  if (self->blackouts->len == 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The client keeps a redacted copy for %u day: "
                                             "black out what is not needed, or nothing is kept",
                                             "The client keeps a redacted copy for %u days: "
                                             "black out what is not needed, or nothing is kept",
                                             self->copy_days),
                                self->copy_days);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u area blacked out; only that image is kept, "
                                             "for %u days",
                                             "%u areas blacked out; only that image is kept, "
                                             "for %u days",
                                             self->blackouts->len),
                                self->blackouts->len, self->copy_days);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->copy_row), subtitle);
}

void
rd_id_review_add_blackout (RdIdReview          *self,
                           const RdIdentityBox *box)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));
  g_return_if_fail (box != NULL);

  /* The boxes belong to one document: another one starts again. */
  if (self->blackout_document != self->document)
    {
      g_array_set_size (self->blackouts, 0);
      self->blackout_document = self->document;
    }
  if (self->document == 0)
    return;
  g_array_append_val (self->blackouts, *box);
  refresh_copy_row (self);
}

guint
rd_id_review_get_n_blackouts (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), 0);
  return self->blackout_document == self->document ? self->blackouts->len : 0;
}

typedef struct
{
  RdIdReview *review;
  GtkPicture *picture;
  GtkLabel   *status;
  double      start_x;
  double      start_y;
} BlackoutDialog;

static void
blackout_dialog_free (gpointer data)
{
  BlackoutDialog *d = data;

  g_clear_object (&d->review);
  g_free (d);
}

/* The page as it will be kept: rasterised, with the boxes burnt in. */
static void
blackout_render (BlackoutDialog *d)
{
  RdIdReview *self = d->review;
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  guint n = rd_id_review_get_n_blackouts (self);

  if ((document = rd_store_get_document (self->store, self->document, &error)) == NULL ||
      (content = rd_store_get_document_content (self->store, self->document, &error)) == NULL ||
      (png = rd_identity_redact (content, document->mime_type, 0,
                                 n > 0 ? (RdIdentityBox *) self->blackouts->data : NULL, n, NULL,
                                 &error)) == NULL ||
      (texture = gdk_texture_new_from_bytes (png, &error)) == NULL)
    {
      gtk_label_set_text (d->status, error->message);
      return;
    }

  gtk_picture_set_paintable (d->picture, GDK_PAINTABLE (texture));
  if (n == 0)
    gtk_label_set_text (d->status, _("Drag across each field that is not needed, such as the "
                                     "photo, the document number or the signature"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u area blacked out",
                                                            "%u areas blacked out", n), n);
      gtk_label_set_text (d->status, text);
    }
}

/* Widget coordinates to fractions of the image as GtkPicture letterboxes it. */
static gboolean
to_fraction (GtkPicture *picture,
             double      x,
             double      y,
             double     *fx,
             double     *fy)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (picture);
  double width = gtk_widget_get_width (GTK_WIDGET (picture));
  double height = gtk_widget_get_height (GTK_WIDGET (picture));
  double image_width, image_height, scale;

  if (paintable == NULL || width <= 0 || height <= 0)
    return FALSE;
  image_width = gdk_paintable_get_intrinsic_width (paintable);
  image_height = gdk_paintable_get_intrinsic_height (paintable);
  if (image_width <= 0 || image_height <= 0)
    return FALSE;
  scale = MIN (width / image_width, height / image_height);
  *fx = (x - (width - image_width * scale) / 2) / (image_width * scale);
  *fy = (y - (height - image_height * scale) / 2) / (image_height * scale);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               BlackoutDialog *d)
{
  d->start_x = x;
  d->start_y = y;
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BlackoutDialog *d)
{
  double x0, y0, x1, y1;
  RdIdentityBox box;

  if (!to_fraction (d->picture, d->start_x, d->start_y, &x0, &y0) ||
      !to_fraction (d->picture, d->start_x + dx, d->start_y + dy, &x1, &y1))
    return;
  box.x = CLAMP (MIN (x0, x1), 0, 1);
  box.y = CLAMP (MIN (y0, y1), 0, 1);
  box.width = CLAMP (MAX (x0, x1), 0, 1) - box.x;
  box.height = CLAMP (MAX (y0, y1), 0, 1) - box.y;
  /* A click is no box. */
  if (box.width < 0.005 || box.height < 0.005)
    return;
  rd_id_review_add_blackout (d->review, &box);
  blackout_render (d);
}

static void
blackout_clear_cb (GtkButton      *button,
                   BlackoutDialog *d)
{
  g_array_set_size (d->review->blackouts, 0);
  refresh_copy_row (d->review);
  blackout_render (d);
}

GtkWindow *
rd_id_review_open_blackout (RdIdReview *self)
{
  GtkWidget *window, *box, *header, *button, *done, *picture, *status;
  GtkGesture *drag;
  BlackoutDialog *d;
  GtkRoot *root;

  g_return_val_if_fail (RD_IS_ID_REVIEW (self), NULL);

  if (self->store == NULL || self->document == 0)
    return NULL;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Black Out Fields"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 680);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  button = gtk_button_new_with_mnemonic (_("_Clear"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);
  done = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (done, "suggested-action");
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (gtk_window_destroy), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_vexpand (picture, TRUE);
  gtk_widget_set_margin_start (picture, 24);
  gtk_widget_set_margin_end (picture, 24);
  gtk_widget_set_margin_top (picture, 18);
  gtk_widget_set_cursor_from_name (picture, "crosshair");
  gtk_box_append (GTK_BOX (box), picture);

  status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_margin_top (status, 12);
  gtk_widget_set_margin_bottom (status, 18);
  gtk_box_append (GTK_BOX (box), status);
  adw_window_set_content (ADW_WINDOW (window), box);

  d = g_new0 (BlackoutDialog, 1);
  d->review = g_object_ref (self);
  d->picture = GTK_PICTURE (picture);
  d->status = GTK_LABEL (status);
  g_object_set_data_full (G_OBJECT (window), "rd-blackout", d, blackout_dialog_free);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), d);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), d);
  gtk_widget_add_controller (picture, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (button, "clicked", G_CALLBACK (blackout_clear_cb), d);

  if (self->blackout_document != self->document)
    {
      g_array_set_size (self->blackouts, 0);
      self->blackout_document = self->document;
    }
  blackout_render (d);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
black_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rd_id_review_open_blackout (RD_ID_REVIEW (widget));
}

static void
refresh (RdIdReview *self)
{
  g_autofree char *today = NULL;
  GDate date;
  gboolean open;

  g_clear_object (&self->item);
  if (self->store != NULL && self->reference != NULL)
    self->item = rd_store_get_case (self->store, self->reference, NULL);

  open = self->item != NULL && rd_case_is_open (self->item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.attach", open);

  rd_date_today (&date);
  today = rd_gui_format_field_date (&date);
  gtk_editable_set_text (GTK_EDITABLE (self->evidence_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  for (guint i = 0; i < N_ITEMS; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->item_checks[i]), FALSE);

  self->copy_days = 0;
  if (self->item != NULL && rd_case_get_client (self->item) != NULL)
    rd_store_get_id_copy_days (self->store, rd_case_get_client (self->item), &self->copy_days,
                               NULL);
  g_array_set_size (self->blackouts, 0);
  self->blackout_document = 0;
  refresh_copy_row (self);

  refresh_policy (self);
  refresh_history (self);
  load_documents (self, 0);
  refresh_checklist (self);
}

void
rd_id_review_set_store (RdIdReview *self,
                        RdStore    *store)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  if (g_set_object (&self->store, store))
    rd_id_review_set_reference (self, NULL);
}

void
rd_id_review_set_reference (RdIdReview *self,
                            const char *reference)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* @reference may be our own string. */
  {
    char *copy = g_strdup (reference);

    g_free (self->reference);
    self->reference = copy;
  }
  rd_id_review_set_mrz_text (self, "");
  gtk_editable_set_text (GTK_EDITABLE (self->held_birth_row), "");
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE]);
}

const char *
rd_id_review_get_reference (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), NULL);
  return self->reference;
}

guint
rd_id_review_get_n_documents (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), 0);
  return self->document_ids->len;
}

gint64
rd_id_review_get_document (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), 0);
  return self->document;
}

void
rd_id_review_show_document (RdIdReview *self,
                            gint64      id)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  for (guint i = 0; i < self->document_ids->len; i++)
    if (g_array_index (self->document_ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (self->documents_dropdown, i);
        return;
      }
}

gboolean
rd_id_review_get_busy (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), FALSE);
  return self->busy > 0;
}

void
rd_id_review_set_mrz_text (RdIdReview *self,
                           const char *text)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->mrz_text), text ? text : "", -1);
}

const char *
rd_id_review_get_mrz_text (RdIdReview *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  char *text;

  g_return_val_if_fail (RD_IS_ID_REVIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->mrz_text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Kept on the buffer so the caller need not free it. */
  g_object_set_data_full (G_OBJECT (buffer), "rd-text", text, g_free);
  return text;
}

const RdMrz *
rd_id_review_get_mrz (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), NULL);
  return self->mrz;
}

void
rd_id_review_set_confirmed (RdIdReview *self,
                            const char *item,
                            gboolean    confirmed)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  for (guint i = 0; i < N_ITEMS; i++)
    if (g_strcmp0 (items[i].name, item) == 0)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->item_checks[i]), confirmed);
}

void
rd_id_review_set_held_birth_date (RdIdReview *self,
                                  const char *date)
{
  GDate parsed;
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_ID_REVIEW (self));
  text = rd_gui_parse_date (date, &parsed) ? rd_gui_format_field_date (&parsed)
                                           : g_strdup (date != NULL ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->held_birth_row), text);
}

void
rd_id_review_focus (RdIdReview *self,
                    const char *part)
{
  g_return_if_fail (RD_IS_ID_REVIEW (self));

  /* The side panel's viewport scrolls to the focus. */
  if (g_strcmp0 (part, "checklist") == 0)
    gtk_widget_grab_focus (self->item_checks[0]);
  else if (g_strcmp0 (part, "decision") == 0)
    gtk_widget_grab_focus (self->decide_button);
  else if (g_strcmp0 (part, "mrz") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->mrz_text));
}

RdDocumentView *
rd_id_review_get_view (RdIdReview *self)
{
  g_return_val_if_fail (RD_IS_ID_REVIEW (self), NULL);
  return self->view;
}

/* ------------------------------------------------------------------------------------------ */

static void
rd_id_review_dispose (GObject *object)
{
  RdIdReview *self = RD_ID_REVIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ID_REVIEW);

  g_clear_object (&self->store);
  g_clear_object (&self->item);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->policy, rd_verification_policy_free);
  g_clear_pointer (&self->mrz, rd_mrz_free);
  g_clear_pointer (&self->match, rd_mrz_identity_match_free);
  g_clear_pointer (&self->document_ids, g_array_unref);
  g_clear_pointer (&self->policy_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mrz_rows, g_ptr_array_unref);
  g_clear_pointer (&self->blackouts, g_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_id_review_parent_class)->dispose (object);
}

static void
rd_id_review_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdIdReview *self = RD_ID_REVIEW (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_id_review_class_init (RdIdReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_id_review_dispose;
  object_class->get_property = rd_id_review_get_property;

  /* The case whose identity is reviewed, or NULL. */
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after a decision is recorded, with its RdCheckOutcome. */
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[ATTACHED] = g_signal_new ("attached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RD_TYPE_DOCUMENT_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-id-review.ui");
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, paned);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, documents_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, attach_button);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, view);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, policy_group);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, mrz_group);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, mrz_text);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, find_button);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, mrz_checks_group);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, decision_group);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, reason_hint_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, evidence_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, close_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, close_switch);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, minimise_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, minimise_switch);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, copy_row);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, decide_button);
  gtk_widget_class_bind_template_child (widget_class, RdIdReview, history_group);

  gtk_widget_class_install_action (widget_class, "review.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "review.find-mrz", NULL, find_mrz_action);
  gtk_widget_class_install_action (widget_class, "review.decide", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "review.black-out", NULL, black_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "review.decide", NULL);
}

static void
rd_id_review_init (RdIdReview *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  rd_gui_add_date_button (self->evidence_row);

  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->policy_rows = g_ptr_array_new ();
  self->mrz_rows = g_ptr_array_new ();
  self->blackouts = g_array_new (FALSE, FALSE, sizeof (RdIdentityBox));
  self->history_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  /* The 44 characters of a passport line fit the side panel without wrapping. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_data (css, "textview.mrz-entry { font-size: 9pt; }", -1);
    gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->mrz_text)),
                                    GTK_STYLE_PROVIDER (css),
                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  self->doubt_switch = add_context_switch (self, _("Lighter checks left a doubt"),
                                           _("Questions on data already held did not settle it"));
  gtk_switch_set_active (self->doubt_switch, TRUE);
  self->sensitive_switch = add_context_switch (self, _("Sensitive data at stake"),
                                               _("Special-category data or a high risk of harm "
                                                 "if disclosed to the wrong person"));
  build_checklist (self);

  /* Long file names must not widen the review. */
  rd_gui_drop_down_show_long_strings (self->documents_dropdown, PANGO_ELLIPSIZE_MIDDLE);

  g_signal_connect (self->documents_dropdown, "notify::selected",
                    G_CALLBACK (document_selected_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->mrz_text), "changed",
                    G_CALLBACK (mrz_changed_cb), self);
  g_signal_connect (self->outcome_row, "notify::selected", G_CALLBACK (outcome_changed_cb), self);
  g_signal_connect (self->reason_row, "changed", G_CALLBACK (reason_changed_cb), self);
  outcome_changed_cb (self->outcome_row, NULL, self);

  /* Files dropped anywhere on the review are attached to the case. */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  refresh (self);
}

GtkWidget *
rd_id_review_new (void)
{
  return g_object_new (RD_TYPE_ID_REVIEW, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* The case page's Identity section */

typedef struct
{
  RdStore *store;
  char    *reference;
} GroupData;

static void
group_data_free (gpointer data)
{
  GroupData *d = data;

  g_clear_object (&d->store);
  g_free (d->reference);
  g_free (d);
}

static gboolean
group_drop_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               GtkWidget     *group)
{
  GroupData *d = g_object_get_data (G_OBJECT (group), "rd-identity");

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  rd_identity_attach_files (group, d->store, d->reference, g_value_get_boxed (value), NULL);
  return TRUE;
}

static void
group_attach_cb (GtkButton *button,
                 GtkWidget *group)
{
  GroupData *d = g_object_get_data (G_OBJECT (group), "rd-identity");

  choose_files (group, d->store, d->reference);
}

GtkWidget *
rd_id_review_identity_group_new (RdStore *store,
                                 RdCase  *item)
{
  GtkWidget *group, *box, *button, *row;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (RdVerificationPolicy) policy = NULL;
  GroupData *d;
  GtkDropTarget *target;
  gboolean open;
  guint n_documents = 0;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CASE (item), NULL);

  open = rd_case_is_open (item);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Identity"));

  /* What the law requires and why, with its citation. */
  policy = rd_verification_policy_lookup (rd_case_get_jurisdiction (item),
                                          rd_case_get_request_type (item), NULL, NULL);
  if (policy != NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), policy->citation);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), policy->summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), policy->reason);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("security-high-symbolic"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("_Attach ID…"));
  gtk_widget_set_tooltip_text (button, _("Attach a PDF or photo of an ID document; you can also "
                                         "drop files here"));
  gtk_widget_set_sensitive (button, open);
  g_signal_connect (button, "clicked", G_CALLBACK (group_attach_cb), group);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_mnemonic (_("_Review Identity"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", rd_case_get_reference (item));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.review-case");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_sensitive (button, open);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), box);

  documents = rd_store_list_documents (store, rd_case_get_reference (item), NULL);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      RdDocument *document = documents->pdata[i];
      g_autofree char *size = NULL;

      if (!g_str_equal (document->kind, "id-document"))
        continue;
      size = g_format_size (document->size);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("contact-new-symbolic"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n_documents++;
    }

  checks = rd_store_list_verifications (store, rd_case_get_reference (item), NULL);
  if (checks != NULL && checks->len > 0)
    {
      RdVerificationRecord *last = checks->pdata[checks->len - 1];
      g_autofree char *summary = check_title (last);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: "Verified · ID document" */
      title = g_strdup_printf (_("Last check: %s"), summary);
      g_autofree char *when = rd_gui_format_timestamp (last->checked_at);

      subtitle = g_strdup_printf ("%s · %s", when, last->checked_by);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (last->outcome == RD_CHECK_VERIFIED
                                                               ? "emblem-ok-symbolic"
                                                               : "dialog-warning-symbolic"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  else if (n_documents == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No ID document and no check yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Ask for a document only when the law’s lighter methods "
                                     "leave a reasonable doubt"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  d = g_new0 (GroupData, 1);
  d->store = g_object_ref (store);
  d->reference = g_strdup (rd_case_get_reference (item));
  g_object_set_data_full (G_OBJECT (group), "rd-identity", d, group_data_free);

  if (open)
    {
      target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
      g_signal_connect (target, "drop", G_CALLBACK (group_drop_cb), group);
      gtk_widget_add_controller (group, GTK_EVENT_CONTROLLER (target));
    }

  return group;
}
