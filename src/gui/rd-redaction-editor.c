/* rd-redaction-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "rd-code-points.h"
#include "rd-error.h"
#include "rd-gui-resources.h"
#include "rd-gui-util.h"
#include "rd-redaction-editor.h"
#include "rd-redaction-reasons.h"
#include "rd-redaction-scan.h"

#define N_COLOURS 8
#define MAX_SEARCH_MATCHES 5000
#define PDF_DPI 200.0

struct _RdRedactionEditor
{
  AdwBin              parent_instance;

  /* template */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *main_stack;
  AdwStatusPage      *status_page;
  AdwStatusPage      *no_findings_page;
  GtkWidget          *loading_box;      /* the status page's child while a transcript is read */
  GtkDropDown        *reason_dropdown;
  RdRedactionItem    *reason_picked_for;  /* the finding selected when a reason was picked;
                                           * compared, never dereferenced */
  GtkLabel           *counts_label;
  GtkWidget          *progress_box;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkSearchBar       *search_bar;
  GtkToggleButton    *search_button;
  GtkSearchEntry     *search_entry;
  GtkLabel           *search_label;
  GtkPaned           *paned;
  GtkTextView        *text_view;
  GtkDropDown        *type_dropdown;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkListBox         *document_register;
  GtkListBox         *case_register;

  RdStore            *store;
  char               *reference;
  gint64              document_id;
  char               *document_name;
  RdCase             *subject_case;
  GBytes             *content;
  RdTranscript       *transcript;
  RdRedactionSet     *set;

  GtkTextBuffer      *buffer;
  GtkTextTag         *colour_tags[N_COLOURS];
  GtkTextTag         *subject_tag;
  GtkTextTag         *kept_tag;
  GtkTextTag         *accepted_tag;
  GtkTextTag         *speaker_tag;
  GtkTextTag         *search_tag;
  GtkTextTag         *current_match_tag;
  gunichar           *folded;        /* the transcript folded for search, a character for each
                                      * of the buffer's; made at the first search */
  glong               n_folded;

  GtkStringList      *reasons;
  GtkStringList      *type_labels;
  GPtrArray          *type_entities;   /* parallel to type_labels; NULL for "all" */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  GArray             *matches;         /* pairs of character offsets */
  int                 current_match;

  GCancellable       *cancellable;
  gboolean            busy;
  gboolean            block_style;
  gboolean            syncing;
  gboolean            unsaved_scan;    /* the detector's proposals are not in the store yet */
  guint               refresh_id;
  guint               pulse_id;
};

G_DEFINE_FINAL_TYPE (RdRedactionEditor, rd_redaction_editor, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, PROP_BUSY, PROP_BLOCK_STYLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Entity types: their names for people and their colours */

static const struct
{
  const char *entity;
  const char *label;
  guint       colour;
} entity_info[] = {
  { "PERSON", N_("Person"), 0 },
  { "EMAIL_ADDRESS", N_("E-mail address"), 1 },
  { "PHONE_NUMBER", N_("Phone number"), 2 },
  { "LOCATION", N_("Postal address"), 3 },
  { "CREDIT_CARD", N_("Card number"), 4 },
  { "IBAN_CODE", N_("IBAN"), 4 },
  { "US_SSN", N_("US Social Security number"), 4 },
  { "UK_NINO", N_("UK National Insurance number"), 4 },
  { "UK_NHS", N_("NHS number"), 4 },
  { "DATE_TIME", N_("Date of birth"), 5 },
  { "IP_ADDRESS", N_("IP address"), 6 },
  { "URL", N_("Web address"), 6 },
  { "MANUAL", N_("Redacted by hand"), 7 },
};

/* Light enough for black text in either colour scheme's text view. */
static const char * const colours[N_COLOURS] = {
  "rgba(53,132,228,0.28)",   /* blue */
  "rgba(145,65,172,0.26)",   /* purple */
  "rgba(255,120,0,0.30)",    /* orange */
  "rgba(152,106,68,0.30)",   /* brown */
  "rgba(224,27,36,0.26)",    /* red */
  "rgba(246,211,45,0.40)",   /* yellow */
  "rgba(33,144,164,0.28)",   /* teal */
  "rgba(119,118,123,0.30)",  /* grey */
};

static const char css[] =
  ".rd-chip { border-radius: 6px; padding: 0 6px; font-size: smaller; font-weight: bold; }\n"
  ".rd-colour-0 { background-color: alpha(@blue_3, 0.28); }\n"
  ".rd-colour-1 { background-color: alpha(@purple_3, 0.26); }\n"
  ".rd-colour-2 { background-color: alpha(@orange_3, 0.30); }\n"
  ".rd-colour-3 { background-color: alpha(@brown_3, 0.30); }\n"
  ".rd-colour-4 { background-color: alpha(@red_3, 0.26); }\n"
  ".rd-colour-5 { background-color: alpha(@yellow_3, 0.40); }\n"
  ".rd-colour-6 { background-color: alpha(#2190a4, 0.28); }\n"
  ".rd-colour-7 { background-color: alpha(@dark_1, 0.30); }\n"
  ".rd-subject { background-color: alpha(@green_3, 0.35); }\n"
  ".rd-finding { padding: 6px 6px; }\n"
  ".rd-excerpt { font-weight: bold; }\n"
  ".rd-progress { padding: 6px 6px 6px 12px; border-radius: 12px; background-color: @popover_bg_color;"
  " box-shadow: 0 1px 5px 1px alpha(black, 0.09), 0 2px 14px 3px alpha(black, 0.05); }\n";

static const char *
entity_label (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_info); i++)
    if (g_str_equal (entity_info[i].entity, entity))
      return _(entity_info[i].label);
  return entity;
}

static guint
entity_colour (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_info); i++)
    if (g_str_equal (entity_info[i].entity, entity))
      return entity_info[i].colour;
  return g_str_hash (entity) % (N_COLOURS - 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Small helpers */

static void
toast (RdRedactionEditor *self,
       const char        *message)
{
  AdwToast *t = rd_gui_toast_new (message);

  g_debug ("Shown to the reviewer: %s", message);
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
toast_error (RdRedactionEditor *self,
             const GError      *error)
{
  AdwToast *t = rd_gui_toast_new (error->message);

  g_debug ("Shown to the reviewer: %s", error->message);
  adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static RdRedactionItem *
selected_item (RdRedactionEditor *self)
{
  return self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static const char *
selected_type (RdRedactionEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->type_dropdown);

  if (self->type_entities == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->type_entities->len)
    return NULL;
  return g_ptr_array_index (self->type_entities, i);
}

static const char *
selected_reason (RdRedactionEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->reason_dropdown);

  if (self->reasons == NULL || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->reasons, i);
}

static void
update_actions (RdRedactionEditor *self)
{
  gboolean ready = self->set != NULL && !self->busy;
  RdRedactionItem *item = selected_item (self);
  GtkTextIter a, b;
  gboolean has_selection = self->buffer && gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 ready && rd_redaction_set_can_undo (self->set));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 ready && rd_redaction_set_can_redo (self->set));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redact-selection",
                                 ready && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.accept-selected", ready && item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reject-selected", ready && item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.accept-type",
                                 ready && selected_type (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reject-type",
                                 ready && selected_type (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 ready && self->store != NULL && self->document_id > 0 &&
                                 (self->unsaved_scan || rd_redaction_set_get_modified (self->set)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-text", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-log", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.scan", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.search", self->set != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel", self->busy);
}

static gboolean
pulse_cb (gpointer data)
{
  RdRedactionEditor *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* An empty list while the search runs is not a search that found nothing. */
static void
show_searching (RdRedactionEditor *self,
                gboolean           searching)
{
  adw_status_page_set_icon_name (self->no_findings_page,
                                 searching ? "system-search-symbolic" : "object-select-symbolic");
  adw_status_page_set_title (self->no_findings_page,
                             searching ? _("Looking for Personal Data") : _("No Findings"));
  adw_status_page_set_description (self->no_findings_page,
                                   searching ? _("What is found is listed here")
                                             : _("Select text in the transcript and press "
                                                 "Ctrl+R to redact it by hand"));
}

/* Work under way: the bar shows it, and Cancel stops it. @fraction < 0 pulses. */
static void
set_busy (RdRedactionEditor *self,
          const char        *label,
          double             fraction)
{
  gboolean busy = label != NULL;

  if (busy)
    {
      gtk_label_set_label (self->progress_label, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (fraction < 0 && self->pulse_id == 0)
        self->pulse_id = g_timeout_add (100, pulse_cb, self);
      else if (fraction >= 0)
        {
          g_clear_handle_id (&self->pulse_id, g_source_remove);
          gtk_progress_bar_set_fraction (self->progress_bar, fraction);
        }
    }
  else
    g_clear_handle_id (&self->pulse_id, g_source_remove);

  gtk_widget_set_visible (self->progress_box, busy);
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* The transcript view */

static void
get_iters (RdRedactionEditor *self,
           gsize              char_start,
           gsize              char_end,
           GtkTextIter       *start,
           GtkTextIter       *end)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, start, char_start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, char_end);
}

/* Every decision shows in the text: proposals in their type's colour, the requester's own in
 * green, redacted spans dark, kept ones underlined. Redrawn whole, once per burst of changes. */
static void
retag (RdRedactionEditor *self)
{
  GtkTextIter start, end;
  guint n;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (guint c = 0; c < N_COLOURS; c++)
    gtk_text_buffer_remove_tag (self->buffer, self->colour_tags[c], &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->subject_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->kept_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->accepted_tag, &start, &end);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->set));
  for (guint i = 0; i < n; i++)
    {
      RdRedactionItem *item = rd_redaction_set_get_item (self->set, i);
      RdRedactionState state = rd_redaction_item_get_state (item);
      GtkTextTag *tag;

      if (state == RD_REDACTION_ACCEPTED)
        tag = self->accepted_tag;
      else if (rd_redaction_item_get_subject (item))
        tag = self->subject_tag;
      else if (state == RD_REDACTION_REJECTED)
        tag = self->kept_tag;
      else
        tag = self->colour_tags[entity_colour (rd_redaction_item_get_entity (item))];

      get_iters (self, rd_redaction_item_get_char_start (item), rd_redaction_item_get_char_end (item),
                 &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, tag, &start, &end);
    }
}

static void
clear_rows (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static GtkWidget *
register_row (const RdWithheldItem *w)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new (NULL);
  g_autofree char *number = g_strdup_printf ("%u", w->count);
  g_autofree char *subtitle = NULL;

  if (w->document != NULL)
    /* Translators: the type of data withheld, then the document it was withheld from */
    subtitle = g_strdup_printf (_("%s in %s"), entity_label (w->entity), w->document);
  else
    subtitle = g_strdup (entity_label (w->entity));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 w->reason ? w->reason : _("No reason given"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (GTK_LABEL (count), number);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "title-3");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
refresh_case_register (RdRedactionEditor *self)
{
  g_autoptr (GPtrArray) withheld = NULL;
  g_autoptr (GError) error = NULL;

  clear_rows (self->case_register);
  if (self->store != NULL && self->reference != NULL)
    withheld = rd_store_list_withheld (self->store, self->reference, &error);
  if (error != NULL)
    g_warning ("Could not read the withheld-items register: %s", error->message);

  for (guint i = 0; withheld != NULL && i < withheld->len; i++)
    gtk_list_box_append (self->case_register, register_row (g_ptr_array_index (withheld, i)));
  if (withheld == NULL || withheld->len == 0)
    gtk_list_box_set_placeholder (self->case_register,
                                  placeholder_row (_("Nothing saved as withheld yet")));
}

static void
refresh_counts (RdRedactionEditor *self)
{
  g_autofree char *text = NULL;
  guint proposed = rd_redaction_set_count (self->set, RD_REDACTION_PROPOSED);
  guint accepted = rd_redaction_set_count (self->set, RD_REDACTION_ACCEPTED);
  guint rejected = rd_redaction_set_count (self->set, RD_REDACTION_REJECTED);

  /* Translators: counts of findings: still to review, redacted, kept */
  text = g_strdup_printf (_("%u to review · %u redacted · %u kept"), proposed, accepted, rejected);
  gtk_label_set_label (self->counts_label, text);
}

static void
refresh_types (RdRedactionEditor *self)
{
  g_auto (GStrv) entities = rd_redaction_set_get_entities (self->set);
  g_autofree char *keep = g_strdup (selected_type (self));
  guint select = 0;

  self->syncing = TRUE;
  g_ptr_array_set_size (self->type_entities, 0);
  gtk_string_list_splice (self->type_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->type_labels)), NULL);

  g_ptr_array_add (self->type_entities, NULL);
  gtk_string_list_append (self->type_labels, _("All Types"));
  for (guint i = 0; entities[i]; i++)
    {
      if (g_strcmp0 (keep, entities[i]) == 0)
        select = i + 1;
      g_ptr_array_add (self->type_entities, g_strdup (entities[i]));
      gtk_string_list_append (self->type_labels, entity_label (entities[i]));
    }
  gtk_drop_down_set_selected (self->type_dropdown, select);
  self->syncing = FALSE;
}

static gboolean
refresh_cb (gpointer data)
{
  RdRedactionEditor *self = data;
  g_autoptr (GPtrArray) withheld = NULL;

  self->refresh_id = 0;
  if (self->set == NULL)
    return G_SOURCE_REMOVE;

  /* A manual span may bring a type the list did not have, and undo take it away. */
  {
    g_auto (GStrv) entities = rd_redaction_set_get_entities (self->set);

    if (g_strv_length (entities) + 1 != self->type_entities->len)
      refresh_types (self);
  }

  retag (self);
  refresh_counts (self);

  clear_rows (self->document_register);
  withheld = rd_redaction_set_get_withheld (self->set);
  for (guint i = 0; i < withheld->len; i++)
    gtk_list_box_append (self->document_register, register_row (g_ptr_array_index (withheld, i)));
  gtk_list_box_set_placeholder (self->document_register,
                                placeholder_row (_("Nothing redacted in this transcript yet")));

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->set)) ? "list" : "none");
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RdRedactionEditor *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, refresh_cb, self, NULL);
}

static void
set_changed_cb (RdRedactionEditor *self)
{
  queue_refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_items_changed_cb (RdRedactionEditor *self,
                      guint              position,
                      guint              removed,
                      guint              added)
{
  /* Later: the list models below are still taking this change in. */
  queue_refresh (self);
}

/* ------------------------------------------------------------------------------------------ */
/* The findings list */

typedef struct
{
  GtkWidget *chip;
  GtkWidget *excerpt;
  GtkWidget *detail;
  GtkWidget *redact;
  GtkWidget *keep;
  RdRedactionItem *item;
  gulong     state_handler;
  gulong     reason_handler;
} Row;

static void
row_free (gpointer data)
{
  g_free (data);
}

static void
update_row (Row *row)
{
  RdRedactionItem *item = row->item;
  RdRedactionState state = rd_redaction_item_get_state (item);
  const char *reason = rd_redaction_item_get_reason (item);
  g_autofree char *detail = NULL;
  g_autofree char *redact_name = NULL, *keep_name = NULL;

  switch (state)
    {
    case RD_REDACTION_ACCEPTED:
      /* Translators: a finding's state, then the reason for it */
      detail = g_strdup_printf (_("Redacted · %s"), reason ? reason : "");
      break;
    case RD_REDACTION_REJECTED:
      detail = g_strdup (rd_redaction_item_get_subject (item) ? _("Kept · the requester’s own")
                                                             : _("Kept"));
      break;
    case RD_REDACTION_PROPOSED:
    default:
      detail = reason ? g_strdup_printf (_("Proposed · %s"), reason) : g_strdup (_("Proposed"));
      break;
    }
  gtk_label_set_label (GTK_LABEL (row->detail), detail);
  rd_gui_set_tooltip (row->detail, detail);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->redact), state == RD_REDACTION_ACCEPTED);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->keep), state == RD_REDACTION_REJECTED);

  /* Translators: an accessible name: "Redact" plus the text of the finding */
  redact_name = g_strdup_printf (_("Redact “%s”"), rd_redaction_item_get_excerpt (item));
  /* Translators: an accessible name: "Keep" plus the text of the finding */
  keep_name = g_strdup_printf (_("Keep “%s”"), rd_redaction_item_get_excerpt (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->redact), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  redact_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->keep), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  keep_name, -1);
}

static void
item_notify_cb (GObject    *object,
                GParamSpec *pspec,
                Row        *row)
{
  update_row (row);
}

static void select_item (RdRedactionEditor *self,
                         RdRedactionItem   *item);

static void
decide (RdRedactionEditor *self,
        RdRedactionItem   *item,
        RdRedactionState   state)
{
  g_autoptr (GError) error = NULL;
  int position;

  if (self->set == NULL || self->busy)
    return;
  position = rd_redaction_set_get_position (self->set, item);
  if (position < 0)
    return;
  /* A reason picked while this finding was selected is given for it: the requester's own
   * data takes no default reason. */
  if (!rd_redaction_set_decide (self->set, position, state,
                                item == self->reason_picked_for ? selected_reason (self) : NULL,
                                &error))
    {
      toast_error (self, error);
      /* Without a reason of its own: the finding selected, and the list to choose from. */
      if (g_error_matches (error, RD_ERROR, RD_ERROR_INVALID))
        {
          select_item (self, item);
          gtk_widget_grab_focus (GTK_WIDGET (self->reason_dropdown));
        }
      return;
    }

  /* The same name or number elsewhere is most often the same person's: offer to decide
   * them alike in one go. */
  {
    guint alike = rd_redaction_set_count_alike (self->set, position);
    g_autofree char *message = NULL;
    AdwToast *t;

    if (alike == 0)
      return;
    /* Translators: a count, then a name or number found in the transcript */
    message = g_strdup_printf (ngettext ("“%2$s” appears %1$u more time",
                                         "“%2$s” appears %1$u more times", alike),
                               alike, rd_redaction_item_get_excerpt (item));
    t = rd_gui_toast_new (message);
    adw_toast_set_button_label (t, state == RD_REDACTION_ACCEPTED ? _("Redact Them Too")
                                                                 : _("Keep Them Too"));
    /* By its place in the text: a redaction added meanwhile moves the positions. */
    adw_toast_set_action_name (t, "editor.decide-alike");
    adw_toast_set_action_target_value (t, g_variant_new ("(tt)",
                                                         (guint64) rd_redaction_item_get_start (item),
                                                         (guint64) rd_redaction_item_get_end (item)));
    adw_toast_set_timeout (t, 8);
    adw_toast_overlay_add_toast (self->toast_overlay, t);
  }
}

static void
decide_alike_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);
  g_autofree char *message = NULL;
  guint64 start, end;
  guint n = 0;

  if (self->set == NULL || self->busy)
    return;
  g_variant_get (parameter, "(tt)", &start, &end);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->set)); i++)
    {
      RdRedactionItem *item = rd_redaction_set_get_item (self->set, i);

      if (rd_redaction_item_get_start (item) == start && rd_redaction_item_get_end (item) == end)
        {
          n = rd_redaction_set_decide_alike (self->set, i);
          break;
        }
    }
  /* Translators: a count of findings */
  message = g_strdup_printf (ngettext ("%u more finding decided the same way",
                                       "%u more findings decided the same way", n), n);
  toast (self, message);
}

static void
row_button_clicked_cb (GtkButton *button,
                       gpointer   user_data)
{
  RdRedactionEditor *self = user_data;
  GtkWidget *box = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (button)));
  Row *row = g_object_get_data (G_OBJECT (box), "rd-row");
  RdRedactionItem *item;

  if (row == NULL || row->item == NULL)
    return;
  item = g_object_ref (row->item);
  decide (self, item, GTK_WIDGET (button) == row->redact ? RD_REDACTION_ACCEPTED
                                                        : RD_REDACTION_REJECTED);
  /* Clicking the active toggle must not leave it off. */
  if (row->item == item)
    update_row (row);
  g_object_unref (item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RdRedactionEditor        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  Row *row = g_new0 (Row, 1);

  gtk_widget_add_css_class (box, "rd-finding");
  row->chip = gtk_label_new (NULL);
  gtk_widget_set_halign (row->chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (row->chip, "rd-chip");
  row->excerpt = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->excerpt), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->excerpt), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->excerpt, "rd-excerpt");
  row->detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->detail, "caption");
  gtk_widget_add_css_class (row->detail, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), row->chip);
  gtk_box_append (GTK_BOX (text), row->excerpt);
  gtk_box_append (GTK_BOX (text), row->detail);

  row->redact = gtk_toggle_button_new_with_label (_("Redact"));
  row->keep = gtk_toggle_button_new_with_label (_("Keep"));
  gtk_widget_set_tooltip_text (row->redact, _("Remove it from the response (Ctrl+Enter)"));
  gtk_widget_set_tooltip_text (row->keep, _("Leave it in the response (Ctrl+K)"));
  gtk_box_append (GTK_BOX (buttons), row->redact);
  gtk_box_append (GTK_BOX (buttons), row->keep);
  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  g_signal_connect (row->redact, "clicked", G_CALLBACK (row_button_clicked_cb), self);
  g_signal_connect (row->keep, "clicked", G_CALLBACK (row_button_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), buttons);
  g_object_set_data_full (G_OBJECT (box), "rd-row", row, row_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             RdRedactionEditor        *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "rd-row");
  RdRedactionItem *item = gtk_list_item_get_item (list_item);
  const char *entity = rd_redaction_item_get_entity (item);
  g_autofree char *colour = NULL;

  row->item = item;
  gtk_label_set_label (GTK_LABEL (row->chip), entity_label (entity));
  for (guint c = 0; c < N_COLOURS; c++)
    {
      g_autofree char *name = g_strdup_printf ("rd-colour-%u", c);
      gtk_widget_remove_css_class (row->chip, name);
    }
  gtk_widget_remove_css_class (row->chip, "rd-subject");
  if (rd_redaction_item_get_subject (item))
    gtk_widget_add_css_class (row->chip, "rd-subject");
  else
    {
      colour = g_strdup_printf ("rd-colour-%u", entity_colour (entity));
      gtk_widget_add_css_class (row->chip, colour);
    }
  gtk_label_set_label (GTK_LABEL (row->excerpt), rd_redaction_item_get_excerpt (item));
  row->state_handler = g_signal_connect (item, "notify::state", G_CALLBACK (item_notify_cb), row);
  row->reason_handler = g_signal_connect (item, "notify::reason", G_CALLBACK (item_notify_cb), row);
  update_row (row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RdRedactionEditor        *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "rd-row");

  if (row->item != NULL)
    {
      g_clear_signal_handler (&row->state_handler, row->item);
      g_clear_signal_handler (&row->reason_handler, row->item);
    }
  row->item = NULL;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  RdRedactionEditor *self = user_data;
  const char *type = selected_type (self);

  return type == NULL || g_str_equal (type, rd_redaction_item_get_entity (item));
}

/* The reason list follows the selected finding; without one it sets the default for new
 * redactions. */
static void
sync_reason (RdRedactionEditor *self)
{
  RdRedactionItem *item = selected_item (self);
  const char *reason = item ? rd_redaction_item_get_reason (item) : NULL;
  guint n;

  if (reason == NULL || self->reasons == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->reasons));
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->reasons, i), reason))
      {
        self->syncing = TRUE;
        gtk_drop_down_set_selected (self->reason_dropdown, i);
        self->syncing = FALSE;
        return;
      }

  /* A reason saved earlier that the list no longer offers still shows. */
  self->syncing = TRUE;
  gtk_string_list_append (self->reasons, reason);
  gtk_drop_down_set_selected (self->reason_dropdown, n);
  self->syncing = FALSE;
}

static void
selection_changed_cb (RdRedactionEditor *self)
{
  RdRedactionItem *item = selected_item (self);
  GtkTextIter start, end;

  update_actions (self);
  if (item == NULL || self->syncing)
    return;

  self->reason_picked_for = NULL;
  get_iters (self, rd_redaction_item_get_char_start (item), rd_redaction_item_get_char_end (item),
             &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->text_view, &start, 0.1, FALSE, 0, 0);
  sync_reason (self);
}

static void
reason_selected_cb (RdRedactionEditor *self)
{
  const char *reason = selected_reason (self);
  RdRedactionItem *item = selected_item (self);
  g_autoptr (GError) error = NULL;

  if (self->set == NULL || reason == NULL || self->syncing)
    return;

  self->reason_picked_for = item;
  rd_redaction_set_set_default_reason (self->set, reason);
  if (item != NULL && rd_redaction_item_get_state (item) != RD_REDACTION_REJECTED &&
      g_strcmp0 (rd_redaction_item_get_reason (item), reason) != 0)
    {
      int position = rd_redaction_set_get_position (self->set, item);

      if (position >= 0 && !rd_redaction_set_set_reason (self->set, position, reason, &error))
        toast_error (self, error);
    }
}

static void
type_selected_cb (RdRedactionEditor *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_actions (self);
}

/* Selects @item in the list, showing every type if the filter hides it. */
static void
select_item (RdRedactionEditor *self,
             RdRedactionItem   *item)
{
  guint n;

  if (!filter_cb (item, self))
    gtk_drop_down_set_selected (self->type_dropdown, 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RdRedactionItem) candidate = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (candidate == item)
        {
          self->syncing = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->syncing = FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          sync_reason (self);
          update_actions (self);
          return;
        }
    }
}

static void
text_clicked_cb (GtkGestureClick   *gesture,
                 int                n_press,
                 double             x,
                 double             y,
                 RdRedactionEditor *self)
{
  GtkTextIter iter;
  int bx, by, position;
  gsize offset;
  const char *text;

  if (self->set == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;

  text = rd_transcript_get_text (self->transcript, NULL);
  offset = g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&iter)) - text;
  position = rd_redaction_set_find_at (self->set, offset);
  if (position >= 0)
    select_item (self, rd_redaction_set_get_item (self->set, position));
}

static void
buffer_selection_cb (GtkTextBuffer     *buffer,
                     const GtkTextIter *location,
                     GtkTextMark       *mark,
                     RdRedactionEditor *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer))
    update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Search */

static void
show_match (RdRedactionEditor *self)
{
  g_autofree char *label = NULL;
  guint n = self->matches->len / 2;

  if (n == 0)
    {
      const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      gtk_label_set_label (self->search_label, *query ? _("No matches") : "");
      return;
    }

  if (self->current_match >= 0)
    {
      GtkTextIter start, end;

      /* The selection is not drawn while the search entry has the focus: the match the count
       * refers to gets a colour of its own. */
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_match_tag, &start, &end);
      get_iters (self, g_array_index (self->matches, gsize, 2 * self->current_match),
                 g_array_index (self->matches, gsize, 2 * self->current_match + 1), &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, self->current_match_tag, &start, &end);
      gtk_text_buffer_select_range (self->buffer, &start, &end);
      gtk_text_view_scroll_to_iter (self->text_view, &start, 0.2, FALSE, 0, 0);
    }
  /* Translators: the current search match, then how many there are */
  label = g_strdup_printf (_("%d of %u%s"), self->current_match + 1, n,
                           n >= MAX_SEARCH_MATCHES ? "+" : "");
  gtk_label_set_label (self->search_label, label);
}

/* One character for one: lower case, without accents ("Ö" is "o"), so that "bergstrom"
 * finds "Bergström" and a match's offsets are the buffer's. */
static gunichar
fold_char (gunichar c)
{
  /* Letters whose stroke Unicode does not decompose: "orsted" finds "Ørsted", "lodz" "Łódź". */
  static const gunichar stroked[][2] = {
    { 0xf8, 'o' }, { 0x111, 'd' }, { 0x127, 'h' }, { 0x131, 'i' }, { 0x142, 'l' }, { 0x167, 't' },
  };
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  if (c < 0x80)
    return g_ascii_tolower (c);
  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    c = decomposed[0];
  c = g_unichar_tolower (c);
  for (guint i = 0; i < G_N_ELEMENTS (stroked); i++)
    if (c == stroked[i][0])
      return stroked[i][1];
  return c;
}

static gunichar *
fold_text (const char *text,
           gssize      length,
           glong      *n_chars)
{
  gunichar *folded = g_utf8_to_ucs4_fast (text, length, n_chars);

  for (glong i = 0; i < *n_chars; i++)
    folded[i] = fold_char (folded[i]);
  return folded;
}

/* The query folded as the text is, with each sharp s written "ss": folded_match_end () lets the
 * text's "ß" stand for "ss", so "grusse" and "gruße" both find "Grüße". */
static gunichar *
fold_query (const char *query,
            glong      *n_chars)
{
  g_autofree gunichar *folded = fold_text (query, -1, n_chars);
  gunichar *spelled = g_new (gunichar, 2 * *n_chars + 1);
  glong n = 0;

  for (glong i = 0; i < *n_chars; i++)
    {
      spelled[n++] = folded[i] == 0xdf ? 's' : folded[i];
      if (folded[i] == 0xdf)
        spelled[n++] = 's';
    }
  *n_chars = n;
  return spelled;
}

/* Where a match of @needle that starts at @i of the folded text ends, or -1. */
static glong
folded_match_end (const gunichar *text,
                  glong           n_text,
                  glong           i,
                  const gunichar *needle,
                  glong           n_needle)
{
  glong k = 0;

  while (k < n_needle && i < n_text)
    {
      if (text[i] == needle[k])
        k++;
      else if (text[i] == 0xdf && needle[k] == 's' && k + 1 < n_needle && needle[k + 1] == 's')
        k += 2;
      else
        return -1;
      i++;
    }
  return k == n_needle ? i : -1;
}

static void
search_changed_cb (RdRedactionEditor *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter start, end, match_start, match_end, cursor;
  g_autofree gunichar *needle = NULL;
  glong n_needle = 0;
  gsize cursor_offset;

  if (self->buffer == NULL)
    return;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->current_match_tag, &start, &end);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  cursor_offset = gtk_text_iter_get_offset (&cursor);

  if (*query != '\0' && self->transcript != NULL)
    {
      if (self->folded == NULL)
        self->folded = fold_text (rd_transcript_get_text (self->transcript, NULL), -1,
                                  &self->n_folded);
      needle = fold_query (query, &n_needle);
    }

  for (glong i = 0; n_needle > 0 && i < self->n_folded &&
                    self->matches->len / 2 < MAX_SEARCH_MATCHES; i++)
    {
      glong stop;
      gsize s, e;

      if ((self->folded[i] != needle[0] && self->folded[i] != 0xdf) ||
          (stop = folded_match_end (self->folded, self->n_folded, i, needle, n_needle)) < 0)
        continue;
      s = i;
      e = stop;
      gtk_text_buffer_get_iter_at_offset (self->buffer, &match_start, s);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &match_end, e);
      gtk_text_buffer_apply_tag (self->buffer, self->search_tag, &match_start, &match_end);
      if (self->current_match < 0 && s >= cursor_offset)
        self->current_match = self->matches->len / 2;
      g_array_append_val (self->matches, s);
      g_array_append_val (self->matches, e);
      i = e - 1;
    }
  if (self->current_match < 0 && self->matches->len > 0)
    self->current_match = 0;
  show_match (self);
}

static void
search_step (RdRedactionEditor *self,
             int                step)
{
  int n = self->matches->len / 2;

  if (n == 0)
    return;
  self->current_match = (self->current_match + step + n) % n;
  show_match (self);
}

static void
search_forward_cb (RdRedactionEditor *self)
{
  search_step (self, 1);
}

static void
search_backward_cb (RdRedactionEditor *self)
{
  search_step (self, -1);
}

static void
search_next_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  search_step (RD_REDACTION_EDITOR (widget), 1);
}

static void
search_previous_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  search_step (RD_REDACTION_EDITOR (widget), -1);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
stop_search_cb (RdRedactionEditor *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* ------------------------------------------------------------------------------------------ */
/* Decisions */

static void
undo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);

  if (self->set != NULL && !self->busy)
    rd_redaction_set_undo (self->set);
}

static void
redo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);

  if (self->set != NULL && !self->busy)
    rd_redaction_set_redo (self->set);
}

static void
undo_toast_cb (AdwToast          *t,
               RdRedactionEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.undo", NULL);
}

static void
redact_selection_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  GtkTextIter start, end;
  const char *text;
  gsize byte_start, byte_end;
  int position;
  AdwToast *t;

  if (self->set == NULL || self->busy)
    return;
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    {
      toast (self, _("Select the text to redact first"));
      return;
    }

  text = rd_transcript_get_text (self->transcript, NULL);
  byte_start = g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&start)) - text;
  byte_end = g_utf8_offset_to_pointer (text + byte_start,
                                       gtk_text_iter_get_offset (&end) -
                                       gtk_text_iter_get_offset (&start)) - text;

  position = rd_redaction_set_add_manual (self->set, byte_start, byte_end, selected_reason (self),
                                          &error);
  if (position < 0)
    {
      toast_error (self, error);
      return;
    }

  select_item (self, rd_redaction_set_get_item (self->set, position));
  t = rd_gui_toast_new (_("Redacted by hand"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_toast_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
decide_selected (RdRedactionEditor *self,
                 RdRedactionState   state)
{
  RdRedactionItem *item = selected_item (self);

  if (item != NULL)
    decide (self, item, state);
}

static void
accept_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  decide_selected (RD_REDACTION_EDITOR (widget), RD_REDACTION_ACCEPTED);
}

static void
reject_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  decide_selected (RD_REDACTION_EDITOR (widget), RD_REDACTION_REJECTED);
}

static void
decide_type (RdRedactionEditor *self,
             RdRedactionState   state)
{
  const char *type = selected_type (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  int n;

  if (self->set == NULL || type == NULL || self->busy)
    return;

  n = rd_redaction_set_decide_entity (self->set, type, state, NULL, &error);
  if (n < 0)
    {
      toast_error (self, error);
      return;
    }
  message = g_strdup_printf (state == RD_REDACTION_ACCEPTED
                               ? g_dngettext (GETTEXT_PACKAGE, "%d finding redacted", "%d findings redacted", n)
                               : g_dngettext (GETTEXT_PACKAGE, "%d finding kept", "%d findings kept", n),
                             n);
  toast (self, message);
}

static void
accept_type_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide_type (RD_REDACTION_EDITOR (widget), RD_REDACTION_ACCEPTED);
}

static void
reject_type_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide_type (RD_REDACTION_EDITOR (widget), RD_REDACTION_REJECTED);
}

gboolean
rd_redaction_editor_save (RdRedactionEditor  *self,
                          GError            **error)
{
  g_autoptr (GPtrArray) redactions = NULL;

  g_return_val_if_fail (RD_IS_REDACTION_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->set == NULL || self->store == NULL || self->document_id <= 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("There is no transcript of a case to save decisions for"));
      return FALSE;
    }

  redactions = rd_redaction_set_get_redactions (self->set);
  if (!rd_store_save_redactions (self->store, self->document_id, redactions, error))
    return FALSE;

  rd_redaction_set_mark_saved (self->set);
  self->unsaved_scan = FALSE;
  refresh_case_register (self);
  update_actions (self);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (rd_redaction_editor_save (self, &error))
    toast (self, _("Decisions saved to the case"));
  else
    toast_error (self, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading and scanning */

static void
scan_progress_cb (double   fraction,
                  gpointer user_data)
{
  RdRedactionEditor *self = user_data;
  g_autofree char *label = NULL;

  /* Translators: progress of the search for personal data, in per cent */
  label = g_strdup_printf (_("Finding personal data… %d %%"), (int) (fraction * 100));
  set_busy (self, label, fraction);
}

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (RdRedactionEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = rd_redaction_scan_finish (result, &error);

  /* A scan of a transcript no longer shown, or of a widget gone. */
  if (self->set == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  set_busy (self, NULL, 0);
  show_searching (self, FALSE);
  if (found == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Search for personal data cancelled: redact by hand, or find again from the Export menu"));
      else
        toast_error (self, error);
      return;
    }

  rd_redaction_set_load (self->set, found);
  /* What the detector proposes is not yet saved. */
  self->unsaved_scan = TRUE;
  refresh_types (self);
  queue_refresh (self);
}

static void
start_scan (RdRedactionEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, _("Finding personal data…"), 0);
  show_searching (self, TRUE);
  rd_redaction_scan_async (self->transcript, self->subject_case,
                           gtk_string_list_get_string (self->reasons, 0), self->cancellable,
                           scan_progress_cb, self, scanned_cb, g_object_ref (self));
}

static void
scan_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);

  if (self->set != NULL && !self->busy)
    start_scan (self);
}

static void
cancel_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
clear_document (RdRedactionEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->set != NULL)
    g_signal_handlers_disconnect_by_data (self->set, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->set);
  g_clear_object (&self->transcript);
  g_clear_object (&self->subject_case);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->document_name, g_free);
  self->document_id = 0;
  self->reason_picked_for = NULL;
  self->unsaved_scan = FALSE;
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
  g_clear_pointer (&self->folded, g_free);
}

/* Speaker labels in bold, so that turns stand out. */
static void
tag_speakers (RdRedactionEditor *self)
{
  RdCodePoints points = RD_CODE_POINTS_INIT (rd_transcript_get_text (self->transcript, NULL));

  for (guint i = 0; i < rd_transcript_get_n_turns (self->transcript); i++)
    {
      const RdTurn *turn = rd_transcript_get_turn (self->transcript, i);
      GtkTextIter start, end;

      if (turn->body <= turn->start)
        continue;
      get_iters (self, rd_code_points_at (&points, turn->start),
                 rd_code_points_at (&points, turn->body), &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, self->speaker_tag, &start, &end);
    }
}

static void
show_transcript (RdRedactionEditor *self,
                 RdTranscript      *transcript)
{
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GError) error = NULL;
  const char *text;
  gsize length;

  self->transcript = g_object_ref (transcript);
  text = rd_transcript_get_text (transcript, &length);
  gtk_text_buffer_set_text (self->buffer, text, length);
  tag_speakers (self);
  {
    GtkTextIter start;
    gtk_text_buffer_get_start_iter (self->buffer, &start);
    gtk_text_buffer_place_cursor (self->buffer, &start);
  }

  self->set = rd_redaction_set_new (transcript);
  rd_redaction_set_set_default_reason (self->set, selected_reason (self));
  g_signal_connect_swapped (self->set, "changed", G_CALLBACK (set_changed_cb), self);
  g_signal_connect_swapped (self->set, "items-changed", G_CALLBACK (set_items_changed_cb), self);
  g_signal_connect_swapped (self->set, "notify::modified", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->set, "notify::can-undo", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->set, "notify::can-redo", G_CALLBACK (update_actions), self);

  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->set)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  adw_status_page_set_child (self->status_page, NULL);
  show_searching (self, FALSE);
  /* At once: a large transcript keeps the main loop busy for a moment after this, and a
   * crossfade would stop half way, one page over the other. */
  gtk_stack_set_visible_child_full (self->main_stack, "editor", GTK_STACK_TRANSITION_TYPE_NONE);
  refresh_case_register (self);

  for (const char * const *w = rd_transcript_get_warnings (transcript); w && *w; w++)
    toast (self, *w);

  if (self->store != NULL && self->document_id > 0)
    saved = rd_store_load_redactions (self->store, self->document_id, &error);
  if (error != NULL)
    toast_error (self, error);

  if (saved != NULL && saved->len > 0)
    {
      rd_redaction_set_load (self->set, saved);
      refresh_types (self);
      queue_refresh (self);
      set_busy (self, NULL, 0);
    }
  else
    {
      refresh_types (self);
      queue_refresh (self);
      start_scan (self);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RdRedactionEditor *self = source_object;
  GError *error = NULL;
  RdTranscript *transcript;

  /* Only the bytes and the name travel: the widget stays on the main thread. */
  transcript = rd_transcript_load (task_data, g_object_get_data (G_OBJECT (task), "name"), &error);
  (void) self;
  if (transcript == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, transcript, g_object_unref);
}

/* The page shown when no transcript is: empty, reading one (with a spinner and Cancel), or
 * why one could not be read. */
static void
show_status (RdRedactionEditor *self,
             const char        *icon_name,
             const char        *title,
             const char        *description,
             gboolean           loading)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  rd_gui_status_page_set_text (self->status_page, description);
  /* As the page's child only while needed: a child hidden when it was set keeps the page's
   * room for it hidden. */
  adw_status_page_set_child (self->status_page, loading ? self->loading_box : NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdTranscript) transcript = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another document was asked for meanwhile, or the widget is gone. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      set_busy (self, NULL, 0);
      show_status (self, "document-edit-symbolic", _("No Transcript Open"),
                   _("Opening the transcript was cancelled"), FALSE);
      return;
    }

  if (transcript == NULL)
    {
      set_busy (self, NULL, 0);
      show_status (self, "dialog-warning-symbolic", _("The Transcript Could Not Be Read"),
                   error->message, FALSE);
      return;
    }

  show_transcript (self, transcript);
}

static void
set_reasons (RdRedactionEditor *self,
             const char        *jurisdiction)
{
  g_auto (GStrv) reasons = rd_redaction_reasons_lookup (jurisdiction, NULL);

  self->syncing = TRUE;
  g_clear_object (&self->reasons);
  self->reasons = gtk_string_list_new ((const char * const *) reasons);
  gtk_drop_down_set_model (self->reason_dropdown, G_LIST_MODEL (self->reasons));
  gtk_drop_down_set_selected (self->reason_dropdown, 0);
  self->syncing = FALSE;
}

gboolean
rd_redaction_editor_load_document (RdRedactionEditor  *self,
                                   const char         *reference,
                                   gint64              document_id,
                                   GError            **error)
{
  g_autoptr (RdCase) subject_case = NULL;
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GTask) task = NULL;

  g_return_val_if_fail (RD_IS_REDACTION_EDITOR (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW, _("The editor has no case database"));
      return FALSE;
    }

  subject_case = rd_store_get_case (self->store, reference, error);
  if (subject_case == NULL)
    return FALSE;
  document = rd_store_get_document (self->store, document_id, error);
  if (document == NULL)
    return FALSE;
  if (g_strcmp0 (document->case_ref, reference) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("Document %" PRId64 " does not belong to case %s"), document_id,
                   reference);
      return FALSE;
    }
  content = rd_store_get_document_content (self->store, document_id, error);
  if (content == NULL)
    return FALSE;

  clear_document (self);
  self->reference = g_strdup (reference);
  self->document_id = document_id;
  self->document_name = g_strdup (document->name);
  self->subject_case = g_steal_pointer (&subject_case);
  self->content = g_bytes_ref (content);
  set_reasons (self, rd_case_get_jurisdiction (self->subject_case));

  self->cancellable = g_cancellable_new ();
  set_busy (self, _("Reading the transcript…"), -1);
  show_status (self, "document-open-symbolic", _("Reading the Transcript"), document->name, TRUE);
  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, rd_redaction_editor_load_document);
  g_task_set_task_data (task, g_bytes_ref (content), (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "name", g_strdup (document->name), g_free);
  g_task_run_in_thread (task, load_thread);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Export */

static RdRedactionStyle
style (RdRedactionEditor *self)
{
  return self->block_style ? RD_REDACTION_STYLE_BLOCK : RD_REDACTION_STYLE_TOKEN;
}

static gboolean
write_file (GFile       *file,
            const char  *contents,
            GError     **error)
{
  g_autoptr (GError) local_error = NULL;

  /* g_file_replace_contents writes a temporary file and renames it: whole or nothing. */
  if (!g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, RD_ERROR, RD_ERROR_IO, _("Could not write “%s”: %s"), name,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Every redacted copy that leaves the application is recorded in the case's audit trail. */
static gboolean
record_export (RdRedactionEditor  *self,
               GFile              *file,
               const char         *format,
               GBytes             *output,
               GPtrArray          *redactions,
               GError            **error)
{
  g_autoptr (GError) local_error = NULL;

  if (self->store == NULL || self->document_id <= 0)
    return TRUE;
  if (!rd_store_record_redacted_export (self->store, self->document_id, format, output,
                                        redactions, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, RD_ERROR, RD_ERROR_DATABASE,
                   _("“%s” was written, but the case’s audit trail could not record it: %s"),
                   name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_export (RdRedactionEditor  *self,
              GFile              *file,
              const char         *format,
              char               *contents,
              GPtrArray          *redactions,
              GError            **error)
{
  g_autoptr (GBytes) output = NULL;

  if (!write_file (file, contents, error))
    return FALSE;
  output = g_bytes_new_static (contents, strlen (contents));
  return record_export (self, file, format, output, redactions, error);
}

gboolean
rd_redaction_editor_export_text (RdRedactionEditor  *self,
                                 GFile              *file,
                                 GError            **error)
{
  g_autoptr (GPtrArray) redactions = NULL;
  g_autofree char *redacted = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (RD_IS_REDACTION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->set != NULL, FALSE);

  text = rd_transcript_get_text (self->transcript, &length);
  redactions = rd_redaction_set_get_redactions (self->set);
  redacted = rd_redaction_apply_text (text, length, redactions, style (self));
  return write_export (self, file, "text", redacted, redactions, error);
}

gboolean
rd_redaction_editor_export_log (RdRedactionEditor  *self,
                                GFile              *file,
                                GError            **error)
{
  g_autoptr (GPtrArray) redactions = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (RD_IS_REDACTION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->set != NULL, FALSE);

  redactions = rd_redaction_set_get_redactions (self->set);
  {
    RdRedactionLogSource source = { self->document_name, self->content, self->reference };

    json = rd_redaction_log_json (rd_transcript_get_text (self->transcript, NULL), redactions,
                                  &source);
  }
  return write_export (self, file, "log", json, redactions, error);
}

typedef struct
{
  RdTranscript     *transcript;
  GBytes           *content;
  GPtrArray        *redactions;
  RdRedactionStyle  style;
  char             *path;
  GBytes           *output;  /* the PDF written, for its checksum in the audit trail */
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  g_clear_object (&job->transcript);
  g_clear_pointer (&job->content, g_bytes_unref);
  g_clear_pointer (&job->redactions, g_ptr_array_unref);
  g_clear_pointer (&job->output, g_bytes_unref);
  g_free (job->path);
  g_free (job);
}

static void
pdf_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfJob *job = task_data;
  GError *error = NULL;
  g_autoptr (GMappedFile) written = NULL;

  if (rd_redaction_write_pdf (job->transcript, job->content, job->redactions, job->style, PDF_DPI,
                              job->path, cancellable, &error) &&
      (written = g_mapped_file_new (job->path, FALSE, &error)) != NULL)
    {
      job->output = g_mapped_file_get_bytes (written);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (source);
  GTask *outer = user_data;
  PdfJob *job = g_task_get_task_data (G_TASK (result));

  set_busy (self, NULL, 0);
  {
    GError *error = NULL;

    if (g_task_propagate_boolean (G_TASK (result), &error))
      {
        g_autoptr (GFile) file = g_file_new_for_path (job->path);

        if (record_export (self, file, "pdf", job->output, job->redactions, &error))
          g_task_return_boolean (outer, TRUE);
        else
          g_task_return_error (outer, error);
      }
    else
      g_task_return_error (outer, error);
  }
  g_object_unref (outer);
}

void
rd_redaction_editor_export_pdf_async (RdRedactionEditor   *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) task = NULL;
  PdfJob *job;

  g_return_if_fail (RD_IS_REDACTION_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rd_redaction_editor_export_pdf_async);

  if (self->set == NULL || self->busy)
    {
      g_task_return_new_error (outer, RD_ERROR, RD_ERROR_WORKFLOW,
                               _("Wait until the transcript is ready before exporting it"));
      return;
    }
  if (g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (outer, RD_ERROR, RD_ERROR_IO,
                               _("The PDF can only be written to a local file"));
      return;
    }

  job = g_new0 (PdfJob, 1);
  job->transcript = g_object_ref (self->transcript);
  job->content = g_bytes_ref (self->content);
  job->redactions = rd_redaction_set_get_redactions (self->set);
  job->style = style (self);
  job->path = g_file_get_path (file);

  /* Cancel stops the export as well as the caller's own cancellable. */
  g_clear_object (&self->cancellable);
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  set_busy (self, _("Writing the redacted PDF…"), -1);

  task = g_task_new (self, self->cancellable, pdf_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, pdf_thread);
  g_task_set_task_data (task, job, (GDestroyNotify) pdf_job_free);
  g_task_run_in_thread (task, pdf_thread);
}

gboolean
rd_redaction_editor_export_pdf_finish (RdRedactionEditor  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef enum { EXPORT_TEXT, EXPORT_PDF, EXPORT_LOG } ExportKind;

static void
pdf_exported_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (source);
  g_autoptr (GError) error = NULL;

  if (rd_redaction_editor_export_pdf_finish (self, result, &error))
    toast (self, _("Redacted PDF written"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast_error (self, error);
}

static void
chooser_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     RdRedactionEditor *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || self->set == NULL)
    return;

  switch (kind)
    {
    case EXPORT_PDF:
      rd_redaction_editor_export_pdf_async (self, file, NULL, pdf_exported_cb, NULL);
      return;
    case EXPORT_TEXT:
      if (rd_redaction_editor_export_text (self, file, &error))
        toast (self, _("Redacted text written"));
      break;
    case EXPORT_LOG:
    default:
      if (rd_redaction_editor_export_log (self, file, &error))
        toast (self, _("Redaction log written"));
      break;
    }
  if (error != NULL)
    toast_error (self, error);
}

static void choose_file (RdRedactionEditor *self, ExportKind kind);

static void
undecided_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       RdRedactionEditor *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "redact") || self->set == NULL)
    return;
  if (rd_redaction_set_accept_proposed (self->set, NULL, &error) < 0)
    {
      toast_error (self, error);
      return;
    }
  choose_file (self, kind);
}

/* Findings nobody decided on would go out in clear: the reviewer redacts them (one step to
 * undo) or goes back to review them. */
static gboolean
ask_about_undecided (RdRedactionEditor *self,
                     ExportKind         kind)
{
  guint proposed = rd_redaction_set_count (self->set, RD_REDACTION_PROPOSED);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (proposed == 0 || kind == EXPORT_LOG)
    return FALSE;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u finding proposed for redaction has not been decided. "
                                       "Left as it is, it would appear in the export.",
                                       "%u findings proposed for redaction have not been "
                                       "decided. Left as they are, they would appear in the "
                                       "export.",
                                       proposed),
                          proposed);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Findings Still to Review"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Review Them"),
                                    "redact", _("_Redact Them and Export"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "redact",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "redact");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (undecided_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
choose_file (RdRedactionEditor *self,
             ExportKind         kind)
{
  static const char * const titles[] = {
    N_("Export Redacted Text"), N_("Export Redacted PDF"), N_("Export Redaction Log"),
  };
  static const char * const suffixes[] = { "-redacted.txt", "-redacted.pdf", "-redactions.json" };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL, *name = NULL;
  char *dot;

  if (self->set == NULL || self->busy || ask_about_undecided (self, kind))
    return;

  chooser = gtk_file_chooser_native_new (_(titles[kind]), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  base = g_strdup (self->document_name ? self->document_name : _("transcript"));
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, suffixes[kind], NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_text_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  choose_file (RD_REDACTION_EDITOR (widget), EXPORT_TEXT);
}

static void
export_pdf_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (RD_REDACTION_EDITOR (widget), EXPORT_PDF);
}

static void
export_log_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (RD_REDACTION_EDITOR (widget), EXPORT_LOG);
}

/* ------------------------------------------------------------------------------------------ */

void
rd_redaction_editor_select_range (RdRedactionEditor *self,
                                  gsize              char_start,
                                  gsize              char_end)
{
  GtkTextIter start, end;

  g_return_if_fail (RD_IS_REDACTION_EDITOR (self));
  g_return_if_fail (self->set != NULL);

  get_iters (self, char_start, char_end, &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
}

gboolean
rd_redaction_editor_get_busy (RdRedactionEditor *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_EDITOR (self), FALSE);
  return self->busy;
}

RdRedactionSet *
rd_redaction_editor_get_set (RdRedactionEditor *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_EDITOR (self), NULL);
  return self->set;
}

static void
rd_redaction_editor_dispose (GObject *object)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (object);

  clear_document (self);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  self->buffer = NULL;
  /* AdwBin unparents its child itself: hand it over first, then clear the template's. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REDACTION_EDITOR);

  g_clear_object (&self->loading_box);
  g_clear_object (&self->reasons);
  g_clear_object (&self->type_labels);
  g_clear_pointer (&self->type_entities, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->folded, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_redaction_editor_parent_class)->dispose (object);
}

static void
rd_redaction_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_BLOCK_STYLE:
      g_value_set_boolean (value, self->block_style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_redaction_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RdRedactionEditor *self = RD_REDACTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_BLOCK_STYLE:
      if (self->block_style != g_value_get_boolean (value))
        {
          self->block_style = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_redaction_editor_class_init (RdRedactionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_redaction_editor_dispose;
  object_class->get_property = rd_redaction_editor_get_property;
  object_class->set_property = rd_redaction_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCK_STYLE] =
    g_param_spec_boolean ("block-style", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Linking a symbol of the resource bundle keeps it (and its registration) in the binary. */
  (void) rd_gui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-redaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, status_page);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, no_findings_page);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, reason_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, counts_label);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, progress_box);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, search_button);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, search_label);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, paned);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, list_view);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, document_register);
  gtk_widget_class_bind_template_child (widget_class, RdRedactionEditor, case_register);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_cb);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, redo_cb);
  gtk_widget_class_install_action (widget_class, "editor.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.search-next", NULL, search_next_cb);
  gtk_widget_class_install_action (widget_class, "editor.search-previous", NULL, search_previous_cb);
  gtk_widget_class_install_action (widget_class, "editor.redact-selection", NULL, redact_selection_cb);
  gtk_widget_class_install_action (widget_class, "editor.accept-selected", NULL, accept_selected_cb);
  gtk_widget_class_install_action (widget_class, "editor.reject-selected", NULL, reject_selected_cb);
  gtk_widget_class_install_action (widget_class, "editor.accept-type", NULL, accept_type_cb);
  gtk_widget_class_install_action (widget_class, "editor.reject-type", NULL, reject_type_cb);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "editor.scan", NULL, scan_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_cb);
  gtk_widget_class_install_action (widget_class, "editor.decide-alike", "(tt)", decide_alike_cb);
  gtk_widget_class_install_action (widget_class, "editor.export-text", NULL, export_text_cb);
  gtk_widget_class_install_action (widget_class, "editor.export-pdf", NULL, export_pdf_cb);
  gtk_widget_class_install_action (widget_class, "editor.export-log", NULL, export_log_cb);
  gtk_widget_class_install_property_action (widget_class, "editor.block-style", "block-style");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "editor.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "editor.redact-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.accept-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "editor.reject-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "editor.search-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.search-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
ensure_css (void)
{
  static gboolean done;
  g_autoptr (GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Redacted text is a dark bar on a light page; on a dark page a dark bar would vanish, so
 * there it is light. */
static void
dark_changed_cb (AdwStyleManager   *manager,
                 GParamSpec        *pspec,
                 RdRedactionEditor *self)
{
  gboolean dark = adw_style_manager_get_dark (manager);

  g_object_set (self->accepted_tag,
                "background", dark ? "#deddda" : "#241f31",
                "foreground", dark ? "#000000" : "#ffffff",
                NULL);
}

static void
rd_redaction_editor_init (RdRedactionEditor *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click;
  GtkTextTagTable *table;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  /* Shown while a transcript is read: a spinner and Cancel. */
  {
    GtkWidget *spinner = gtk_spinner_new ();
    GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

    self->loading_box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
    gtk_widget_set_halign (self->loading_box, GTK_ALIGN_CENTER);
    gtk_widget_set_size_request (spinner, 32, 32);
    gtk_spinner_start (GTK_SPINNER (spinner));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.cancel");
    gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (cancel, "pill");
    gtk_box_append (GTK_BOX (self->loading_box), spinner);
    gtk_box_append (GTK_BOX (self->loading_box), cancel);
  }

  self->matches = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->current_match = -1;
  self->type_entities = g_ptr_array_new_with_free_func (g_free);
  self->type_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (self->type_labels));
  set_reasons (self, NULL);

  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  table = gtk_text_buffer_get_tag_table (self->buffer);
  self->speaker_tag = gtk_text_buffer_create_tag (self->buffer, "speaker",
                                                  "weight", PANGO_WEIGHT_BOLD, NULL);
  for (guint c = 0; c < N_COLOURS; c++)
    {
      g_autofree char *name = g_strdup_printf ("colour-%u", c);
      self->colour_tags[c] = gtk_text_buffer_create_tag (self->buffer, name,
                                                         "background", colours[c], NULL);
    }
  self->kept_tag = gtk_text_buffer_create_tag (self->buffer, "kept",
                                               "underline", PANGO_UNDERLINE_SINGLE, NULL);
  self->subject_tag = gtk_text_buffer_create_tag (self->buffer, "subject",
                                                  "background", "rgba(51,209,122,0.35)",
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  "underline-rgba", &(GdkRGBA) { 0.15, 0.64, 0.41, 1 },
                                                  NULL);
  self->accepted_tag = gtk_text_buffer_create_tag (self->buffer, "accepted",
                                                   "strikethrough", TRUE, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, 0);
  dark_changed_cb (adw_style_manager_get_default (), NULL, self);
  self->search_tag = gtk_text_buffer_create_tag (self->buffer, "search",
                                                 "background", "rgba(246,211,45,0.9)",
                                                 "foreground", "#000000", NULL);
  self->current_match_tag = gtk_text_buffer_create_tag (self->buffer, "current-match",
                                                        "background", "#ff7800",
                                                        "foreground", "#000000", NULL);
  (void) table;
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (buffer_selection_cb), self);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect (click, "released", G_CALLBACK (text_clicked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  rd_gui_drop_down_show_long_strings (self->reason_dropdown, PANGO_ELLIPSIZE_END);
  g_signal_connect_swapped (self->reason_dropdown, "notify::selected",
                            G_CALLBACK (reason_selected_cb), self);
  g_signal_connect_swapped (self->type_dropdown, "notify::selected",
                            G_CALLBACK (type_selected_cb), self);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_forward_cb), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (search_forward_cb), self);
  g_signal_connect_swapped (self->search_entry, "previous-match", G_CALLBACK (search_backward_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);

  gtk_paned_set_position (self->paned, 620);
  update_actions (self);
}

GtkWidget *
rd_redaction_editor_new (RdStore *store)
{
  g_return_val_if_fail (store == NULL || RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_REDACTION_EDITOR, "store", store, NULL);
}
