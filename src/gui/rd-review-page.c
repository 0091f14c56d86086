/* rd-review-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-review-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-gui-util.h"
#include "rd-redaction-window.h"
#include "rd-review-page.h"

struct _RdReviewPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwFlap            *flap;
  GtkWidget          *list_bar;
  GtkWidget          *list_button;
  GtkLabel           *list_button_label;
  GtkListView        *list_view;
  GtkWidget          *list_empty;
  GtkStack           *stack;
  RdIdReview         *review;
  GtkListBox         *transcript_list;
  GtkWidget          *transcript_title;

  GListStore         *cases;       /* RdCase */
  GtkSingleSelection *selection;
  RdStore            *store;
  gboolean            filling;
  char               *just_decided;  /* kept in the list until the page is left */
};

G_DEFINE_FINAL_TYPE (RdReviewPage, rd_review_page, GTK_TYPE_WIDGET)

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *case_line = gtk_label_new (NULL);
  GtkWidget *due_line = gtk_label_new (NULL);

  /* A narrow column: the name wraps, and the case and its due date have a line each rather
   * than one line cut short. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  for (GtkWidget *line = case_line; line != NULL; line = line == case_line ? due_line : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (line), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (line, "dim-label");
      gtk_widget_add_css_class (line, "caption");
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), case_line);
  gtk_box_append (GTK_BOX (box), due_line);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  data)
{
  RdCase *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *case_line = gtk_widget_get_next_sibling (title);
  GtkWidget *due_line = gtk_widget_get_next_sibling (case_line);
  g_autofree char *due = rd_gui_format_date (rd_case_get_effective_due (item));
  g_autofree char *text = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *a11y = NULL;
  const char *name = rd_case_get_subject_name (item) != NULL ? rd_case_get_subject_name (item)
                                                             : _("(erased)");

  gtk_label_set_text (GTK_LABEL (title), name);
  /* Translators: a case reference and the request type */
  text = g_strdup_printf (_("%s · %s"), rd_case_get_reference (item),
                          rd_request_type_to_label (rd_case_get_request_type (item)));
  gtk_label_set_text (GTK_LABEL (case_line), text);
  /* Translators: when a case waiting for identity falls due */
  due_text = g_strdup_printf (_("Due %s"), due);
  gtk_label_set_text (GTK_LABEL (due_line), due_text);
  a11y = g_strdup_printf ("%s, %s, %s", name, text, due_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);

  gtk_label_set_text (GTK_LABEL (title), "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), "");
}

static void
show_selected (RdReviewPage *self)
{
  RdCase *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL)
    {
      rd_id_review_set_reference (self->review, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (g_strcmp0 (rd_id_review_get_reference (self->review), rd_case_get_reference (item)) != 0)
    rd_id_review_set_reference (self->review, rd_case_get_reference (item));
  gtk_stack_set_visible_child_name (self->stack, "review");
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      RdReviewPage       *self)
{
  if (self->filling)
    return;
  show_selected (self);
  /* Folded, the list covers the review: a case chosen, the review is what is wanted. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
update_list_button (RdReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u case waiting for identity",
                                                        "%u cases waiting for identity", n), n);

  gtk_label_set_text (self->list_button_label, text);
}

static gboolean
collect_cb (RdCase   *item,
            gpointer  user_data)
{
  g_list_store_append (user_data, item);
  return TRUE;
}

static gboolean
find_case (RdReviewPage *self,
           const char   *reference,
           guint        *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  for (guint i = 0; reference != NULL && i < n; i++)
    {
      g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      if (g_strcmp0 (rd_case_get_reference (item), reference) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Transcripts to redact */

/* Redacted copies are the editor's output, not work still to do. */
static void
open_row (GtkWidget *row,
          RdStore   *store)
{
  g_autoptr (GError) error = NULL;
  const char *reference = g_object_get_data (G_OBJECT (row), "rd-reference");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "rd-document"));
  GtkRoot *root = gtk_widget_get_root (row);
  GtkWidget *window;

  if (store == NULL || reference == NULL)
    return;
  window = rd_redaction_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store,
                                    reference, id, &error);
  if (window == NULL)
    {
      rd_gui_toast_error (row, _("Could not open the transcript"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
transcript_row_new (RdDocument *document,
                    guint       saved,
                    guint       undecided)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *state = saved == 0
    ? g_strdup (_("Not reviewed yet"))
    : g_strdup_printf (ngettext ("%u finding left to decide", "%u findings left to decide",
                                 undecided), undecided);
  /* Translators: a case reference, then how far the review is ("Not reviewed yet") */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), document->case_ref, state);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Wrapped in the narrow column rather than cut short. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), "rd-reference", g_strdup (document->case_ref), g_free);
  g_object_set_data (G_OBJECT (row), "rd-document", GSIZE_TO_POINTER (document->id));
  gtk_widget_set_tooltip_text (row, _("Open the redaction editor"));
  return row;
}

/* AdwActionRow's "activated" covers a click, the keyboard and gtk_widget_activate(). */
static void
transcript_activated_cb (AdwActionRow *row,
                         RdReviewPage *self)
{
  open_row (GTK_WIDGET (row), self->store);
}

static void
fill_transcripts (RdReviewPage *self)
{
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->transcript_list))) != NULL)
    gtk_list_box_remove (self->transcript_list, child);

  if (self->store != NULL)
    documents = rd_store_list_open_documents (self->store, "transcript", &error);
  if (error != NULL)
    g_warning ("Could not list the transcripts to redact: %s", error->message);

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      RdDocument *document = documents->pdata[i];
      guint counts[3] = { 0 }, saved;
      GtkWidget *row;

      if (rd_document_is_redacted_copy (document))
        continue;

      /* A transcript with every finding decided and saved is no work left. */
      if (!rd_store_count_redactions (self->store, document->id, counts, &error))
        {
          g_warning ("Could not count the decisions on a transcript: %s", error->message);
          g_clear_error (&error);
        }
      saved = counts[RD_REDACTION_PROPOSED] + counts[RD_REDACTION_ACCEPTED] +
              counts[RD_REDACTION_REJECTED];
      if (saved > 0 && counts[RD_REDACTION_PROPOSED] == 0)
        continue;

      row = transcript_row_new (document, saved, counts[RD_REDACTION_PROPOSED]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (transcript_activated_cb), self, 0);
      gtk_list_box_append (self->transcript_list, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->transcript_list), n > 0);
  gtk_widget_set_visible (self->transcript_title, n > 0);
}

guint
rd_review_page_get_n_transcripts (RdReviewPage *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_REVIEW_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->transcript_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* ------------------------------------------------------------------------------------------ */

void
rd_review_page_refresh (RdReviewPage *self)
{
  g_autofree char *selected = NULL;
  g_autoptr (GError) error = NULL;
  RdCaseQuery query;
  guint position = 0;

  g_return_if_fail (RD_IS_REVIEW_PAGE (self));

  selected = g_strdup (rd_id_review_get_reference (self->review));

  self->filling = TRUE;
  g_list_store_remove_all (self->cases);
  if (self->store != NULL)
    {
      /* The queue is short: the cases whose identity is being checked, soonest due first. */
      rd_case_query_init (&query);
      query.statuses = 1u << RD_STATUS_IDENTITY_VERIFICATION;
      query.sort = RD_CASE_SORT_DUE;
      query.limit = 500;
      if (!rd_store_foreach_case (self->store, &query, collect_cb, self->cases, &error))
        g_warning ("Could not list the cases to review: %s", error->message);
    }

  /* A case decided a moment ago stays on screen so its outcome can be seen; once the page
   * has been left, the list is the queue again. */
  if (selected != NULL && g_strcmp0 (selected, self->just_decided) == 0 &&
      !find_case (self, selected, &position) && self->store != NULL)
    {
      g_autoptr (RdCase) item = rd_store_get_case (self->store, selected, NULL);

      if (item != NULL)
        {
          g_list_store_insert (self->cases, 0, item);
          position = 0;
        }
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->cases)) > 0)
    gtk_single_selection_set_selected (self->selection, position);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  {
    gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->cases)) == 0;

    gtk_widget_set_visible (self->list_empty, empty);
    gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->list_view),
                                                     GTK_TYPE_SCROLLED_WINDOW), !empty);
  }
  self->filling = FALSE;

  show_selected (self);
  fill_transcripts (self);
  update_list_button (self);
}

void
rd_review_page_show_case (RdReviewPage *self,
                          const char   *reference)
{
  guint position = 0;

  g_return_if_fail (RD_IS_REVIEW_PAGE (self));
  g_return_if_fail (reference != NULL);

  if (!find_case (self, reference, &position) && self->store != NULL)
    {
      g_autoptr (RdCase) item = rd_store_get_case (self->store, reference, NULL);

      if (item == NULL)
        return;
      self->filling = TRUE;
      g_list_store_insert (self->cases, 0, item);
      self->filling = FALSE;
      position = 0;
    }

  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);
}

void
rd_review_page_set_store (RdReviewPage *self,
                          RdStore      *store)
{
  g_return_if_fail (RD_IS_REVIEW_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  rd_id_review_set_store (self->review, store);
  /* The window refreshes the page when it is shown; at launch the list comes first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rd_review_page_refresh (self);
}

guint
rd_review_page_get_n_waiting (RdReviewPage *self)
{
  g_return_val_if_fail (RD_IS_REVIEW_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->cases));
}

RdIdReview *
rd_review_page_get_review (RdReviewPage *self)
{
  g_return_val_if_fail (RD_IS_REVIEW_PAGE (self), NULL);
  return self->review;
}

static void
decided_cb (RdIdReview   *review,
            int           outcome,
            RdReviewPage *self)
{
  g_free (self->just_decided);
  self->just_decided = g_strdup (rd_id_review_get_reference (review));
  rd_review_page_refresh (self);
  rd_id_review_set_reference (self->review, rd_id_review_get_reference (review));
}

/* AdwFlap 1.2 folds by natural widths, which the review's document and checklist always want
 * more of: the page folds the list itself when the review would get less than its minimum. */
static void
rd_review_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RdReviewPage *self = RD_REVIEW_PAGE (widget);
  int list_width, review_width;
  AdwFlapFoldPolicy policy;

  gtk_widget_measure (adw_flap_get_flap (self->flap), GTK_ORIENTATION_HORIZONTAL, -1,
                      &list_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->stack), GTK_ORIENTATION_HORIZONTAL, -1,
                      &review_width, NULL, NULL, NULL);
  /* The separator is a pixel. */
  policy = list_width + 1 + review_width > width ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                 : ADW_FLAP_FOLD_POLICY_NEVER;
  if (adw_flap_get_fold_policy (self->flap) != policy)
    adw_flap_set_fold_policy (self->flap, policy);

  gtk_widget_allocate (GTK_WIDGET (self->flap), width, height, baseline, NULL);
}

static void
rd_review_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  RdReviewPage *self = RD_REVIEW_PAGE (widget);
  int list_width, review_width;

  gtk_widget_measure (GTK_WIDGET (self->flap), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;

  /* Folded, the page needs only the wider of the two. */
  gtk_widget_measure (adw_flap_get_flap (self->flap), orientation, for_size, &list_width, NULL,
                      NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, &review_width, NULL,
                      NULL, NULL);
  *minimum = MAX (list_width, review_width);
  *natural = MAX (*natural, *minimum);
}

static void
rd_review_page_unmap (GtkWidget *widget)
{
  RdReviewPage *self = RD_REVIEW_PAGE (widget);

  g_clear_pointer (&self->just_decided, g_free);
  GTK_WIDGET_CLASS (rd_review_page_parent_class)->unmap (widget);
}

static void
rd_review_page_dispose (GObject *object)
{
  RdReviewPage *self = RD_REVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REVIEW_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->just_decided, g_free);

  G_OBJECT_CLASS (rd_review_page_parent_class)->dispose (object);
}

static void
rd_review_page_class_init (RdReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_review_page_dispose;
  widget_class->unmap = rd_review_page_unmap;
  widget_class->size_allocate = rd_review_page_size_allocate;
  widget_class->measure = rd_review_page_measure;

  g_type_ensure (RD_TYPE_ID_REVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, flap);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, list_bar);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, list_button_label);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, list_empty);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, review);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, transcript_list);
  gtk_widget_class_bind_template_child (widget_class, RdReviewPage, transcript_title);
}

static void
rd_review_page_init (RdReviewPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cases = g_list_store_new (RD_TYPE_CASE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->cases));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (self->review, "decided", G_CALLBACK (decided_cb), self);

  /* The button that brings the folded list back shows only while it is folded. */
  g_object_bind_property (self->flap, "folded", self->list_bar, "reveal-child",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "reveal-flap", self->list_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  update_list_button (self);
}

GtkWidget *
rd_review_page_new (void)
{
  return g_object_new (RD_TYPE_REVIEW_PAGE, NULL);
}
