/* rd-cases-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cases-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-query-job.h"
#include "rd-case-slots.h"
#include "rd-cases-page.h"
#include "rd-date.h"
#include "rd-gui-util.h"
#include "rd-jurisdiction.h"

struct _RdCasesPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *search_entry;
  GtkWidget      *filter_button;
  GtkWidget      *stack;
  GtkWidget      *column_view;
  GtkWidget      *scrolled;
  GtkWidget      *empty_page;
  GtkWidget      *count_label;
  GtkWidget      *spinner;
  GtkWidget      *status_checks[RD_N_STATUSES];
  GtkWidget      *type_checks[RD_N_REQUEST_TYPES];
  GtkWidget      *client_dropdown;
  GtkStringList  *clients;
  GtkWidget      *jurisdiction_dropdown;
  GtkStringList  *jurisdictions;   /* the names shown, after "All jurisdictions" */
  GPtrArray      *jurisdiction_ids;  /* the ids, in the same order */
  GtkWidget      *overdue_check;
  GtkWidget      *week_check;
  GtkColumnViewColumn *columns[7];

  RdStore        *store;
  RdCaseList     *model;      /* one per store: new results update it in place */
  RdCaseSlots    *slots;
  GtkSingleSelection *selection;
  RdCaseFilter    filter;
  RdCaseSort      sort;
  gboolean        descending;
  GCancellable   *cancellable;
  guint           generation;
  guint           search_idle_id;
  gboolean        complete;   /* the last query's whole result is shown */
  gboolean        updating_filter_ui;
  gboolean        busy;
  char           *last_search;  /* the text of the last query started */
};

G_DEFINE_FINAL_TYPE (RdCasesPage, rd_cases_page, GTK_TYPE_WIDGET)

enum { CASE_ACTIVATED, FILTER_CHANGED, RESULTS_SHOWN, N_SIGNALS };
static guint signals[N_SIGNALS];

static const RdCaseSort column_sorts[7] = {
  RD_CASE_SORT_REFERENCE, RD_CASE_SORT_CLIENT, RD_CASE_SORT_TYPE, RD_CASE_SORT_SUBJECT,
  RD_CASE_SORT_JURISDICTION, RD_CASE_SORT_DUE, RD_CASE_SORT_STATUS,
};

static void run_query (RdCasesPage *self);

/* Cells */

typedef enum
{
  COL_REFERENCE, COL_CLIENT, COL_TYPE, COL_SUBJECT, COL_JURISDICTION, COL_DUE, COL_STATUS,
} Column;

/* Cells are GtkInscription (made for list cells: its size does not depend on its text, so a
 * refilled row needs no new measuring) except the status pill, which is as wide as its text. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *cell;

  if (column == COL_STATUS)
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), 0);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_add_css_class (cell, "status-pill");
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 12);
      gtk_inscription_set_min_lines (GTK_INSCRIPTION (cell), 1);
      gtk_widget_set_hexpand (cell, TRUE);
      if (column == COL_REFERENCE)
        gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
set_cell_text (GtkWidget  *cell,
               const char *text)
{
  if (GTK_IS_INSCRIPTION (cell))
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
      /* Screen readers read a label's text; an inscription has to say it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
    }
  else
    gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
fill_cell (GtkWidget *label,
           Column     column,
           RdCase    *item)
{
  g_autofree char *text = NULL;
  const char *css = NULL;
  const char *old_css = g_object_get_data (G_OBJECT (label), "rd-css");

  if (old_css != NULL)
    {
      gtk_widget_remove_css_class (label, old_css);
      g_object_set_data (G_OBJECT (label), "rd-css", NULL);
    }

  if (item == NULL)
    {
      set_cell_text (label, "");
      return;
    }

  switch (column)
    {
    case COL_REFERENCE:
      set_cell_text (label, rd_case_get_reference (item));
      break;
    case COL_CLIENT:
      set_cell_text (label, rd_case_get_client (item));
      break;
    case COL_TYPE:
      set_cell_text (label,
                          rd_request_type_to_label (rd_case_get_request_type (item)));
      break;
    case COL_SUBJECT:
      set_cell_text (label, rd_case_get_purged (item)
                                              ? _("(erased)") : rd_case_get_subject_name (item));
      break;
    case COL_JURISDICTION:
      set_cell_text (label, rd_gui_jurisdiction_name (rd_case_get_jurisdiction (item), TRUE));
      break;
    case COL_DUE:
      {
        g_autofree char *date = rd_gui_format_date (rd_case_get_effective_due (item));
        GDate today;

        rd_date_today (&today);
        if (rd_case_is_open (item))
          {
            g_autofree char *left = rd_gui_format_days_left (rd_case_days_left (item, &today));

            if (rd_case_get_paused_since (item) != NULL)
              /* Translators: a due date, then that the clock is paused */
              text = g_strdup_printf (_("%s · paused"), date);
            else
              /* Translators: a due date, then how many days are left */
              text = g_strdup_printf (_("%s · %s"), date, left);
            css = rd_gui_urgency_css_class (rd_gui_case_urgency (item, &today));
          }
        else
          text = g_steal_pointer (&date);
        set_cell_text (label, text);
      }
      break;
    case COL_STATUS:
      set_cell_text (label, rd_case_status_to_label (rd_case_get_status (item)));
      css = rd_case_status_is_open (rd_case_get_status (item)) ? "status-open" : "status-closed";
      break;
    default:
      g_assert_not_reached ();
    }

  if (css != NULL)
    {
      gtk_widget_add_css_class (label, css);
      g_object_set_data (G_OBJECT (label), "rd-css", (gpointer) css);
    }
}

/* A new result refills the rows GTK already has, slot by slot. */
static void
slot_changed_cb (RdCaseSlot *slot,
                 GtkWidget  *label)
{
  g_autoptr (RdCase) item = rd_case_slot_dup_case (slot);

  fill_cell (label, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "rd-column")), item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  RdCaseSlot *slot = gtk_list_item_get_item (list_item);
  g_autoptr (RdCase) item = slot != NULL ? rd_case_slot_dup_case (slot) : NULL;

  g_object_set_data (G_OBJECT (label), "rd-column", user_data);
  fill_cell (label, GPOINTER_TO_INT (user_data), item);
  if (slot != NULL)
    g_signal_connect_object (slot, "changed", G_CALLBACK (slot_changed_cb), label, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  RdCaseSlot *slot = gtk_list_item_get_item (list_item);
  const char *css = g_object_get_data (G_OBJECT (label), "rd-css");

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_changed_cb, label);
  if (css != NULL)
    {
      gtk_widget_remove_css_class (label, css);
      g_object_set_data (G_OBJECT (label), "rd-css", NULL);
    }
}

/* Sorting happens in SQL, not in GTK (which would read all million rows). Each column gets a
 * sorter that only records that it was asked: GtkColumnView's sorter (4.8 has no API to read
 * its primary column) consults the primary column first and flips the result when
 * descending, so one comparison tells both the column and the order. */
static int sort_probe_column = -1;

static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  sort_probe_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   RdCasesPage     *self)
{
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  sort_probe_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (sort_probe_column < 0)
    {
      self->sort = RD_CASE_SORT_DUE;
      self->descending = FALSE;
    }
  else
    {
      self->sort = column_sorts[sort_probe_column];
      self->descending = order == GTK_ORDERING_LARGER;
    }
  run_query (self);
}

/* Queries */

static void
show_results (RdCasesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Translators: the number of cases the list shows */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n), n);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);

  if (n > 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  else
    {
      RdCaseQuery all;

      rd_case_query_init (&all);
      /* A new database is not a search that found nothing, whatever the filters say. */
      if ((*search != '\0' || !rd_case_filter_is_empty (&self->filter)) &&
          (self->store == NULL || rd_store_count_cases (self->store, &all, NULL) > 0))
        {
          adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Results Found"));
          adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                           _("Try a different search or clear the filters."));
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page),
                                         "edit-find-symbolic");
        }
      else
        {
          adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Cases Yet"));
          adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                           _("Record a request with “New Case” (Ctrl+N)."));
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page),
                                         "view-list-symbolic");
        }
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    }
}

static void
set_busy (RdCasesPage *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->spinner, busy);
}

/* Enough rows to fill the first screen of a tall window. GTK 4.8 builds widgets for up to 200
 * rows at once, so a short first page also means fewer widgets before the first frame. */
#define FIRST_PAGE 48

typedef struct
{
  RdCasesPage *self;
  guint        generation;
  gboolean     first_page;
} QueryCall;

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  QueryCall *call = user_data;
  RdCasesPage *self = call->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = rd_case_query_ids_finish (result, &error);

  /* An older query that finished after a newer one started is of no interest, nor is the
   * first page once the whole result is in. */
  if (call->generation != self->generation || self->model == NULL
      || (call->first_page && self->complete))
    goto out;

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          rd_gui_toast_error (GTK_WIDGET (self), _("Could not list the cases"), error);
        }
      goto out;
    }

  /* While the whole result is read, the first page stands in for it, padded with empty rows
   * to the length shown before (id 0 is no case): GTK then refills the rows it has rather
   * than tearing them down now and building them again in a moment. */
  if (call->first_page && ids->len == FIRST_PAGE
      && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > ids->len)
    {
      g_autoptr (GArray) padded = g_array_sized_new (FALSE, TRUE, sizeof (gint64), 0);

      g_array_append_vals (padded, ids->data, ids->len);
      g_array_set_size (padded, g_list_model_get_n_items (G_LIST_MODEL (self->model)));
      g_array_unref (ids);
      ids = g_steal_pointer (&padded);
    }

  /* Both parts of one query share their first rows: the whole result only adds rows. */
  rd_case_list_set_ids (self->model, ids);
  if (call->first_page)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), ids->len > 0 ? "list" : "empty");
      goto out;
    }

  self->complete = TRUE;
  set_busy (self, FALSE);
  show_results (self);
  g_signal_emit (self, signals[RESULTS_SHOWN], 0);

out:
  g_object_unref (self);
  g_free (call);
}

static void
start_query (RdCasesPage *self,
             const char  *search,
             guint        limit)
{
  QueryCall *call = g_new0 (QueryCall, 1);

  call->self = g_object_ref (self);
  call->generation = self->generation;
  call->first_page = limit > 0;
  rd_case_query_ids_async (rd_store_get_path (self->store), &self->filter, search, self->sort,
                           self->descending, limit, self->cancellable, query_done_cb, call);
}

static void
run_query (RdCasesPage *self)
{
  const char *search;

  g_clear_handle_id (&self->search_idle_id, g_source_remove);
  if (self->store == NULL)
    return;

  /* The previous query stops where it is: it must not hold a core the new one needs. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_free (self->last_search);
  self->last_search = g_strdup (search);
  self->generation++;
  self->complete = FALSE;
  set_busy (self, TRUE);

  /* A new result starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            0);
  if (self->slots != NULL)
    rd_case_slots_set_visible (self->slots, 0);

  /* The first rows of a long list come at once, the rest while they are drawn; a search has
   * to find and sort all its matches first either way. */
  if (*search == '\0')
    start_query (self, NULL, FIRST_PAGE);
  start_query (self, search, 0);
}

static gboolean
search_idle_cb (gpointer user_data)
{
  RdCasesPage *self = user_data;

  self->search_idle_id = 0;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->last_search) != 0)
    run_query (self);
  return G_SOURCE_REMOVE;
}

/* Search starts with the keystroke: no delay, and the query it replaces is cancelled. The idle
 * only merges the halves of one edit (replacing text deletes, then inserts). */
static void
search_changed_cb (GtkEditable *entry,
                   RdCasesPage *self)
{
  if (self->search_idle_id == 0)
    self->search_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, search_idle_cb, self, NULL);
}

/* Where the rows on screen are, so that a change refills them first. */
static void
scrolled_cb (GtkAdjustment *adjustment,
             RdCasesPage   *self)
{
  double upper = gtk_adjustment_get_upper (adjustment);
  guint n;

  if (self->slots == NULL || upper <= 0)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  rd_case_slots_set_visible (self->slots, (guint) (gtk_adjustment_get_value (adjustment) / upper * n));
}

static void
stop_search_cb (GtkSearchEntry *entry,
                RdCasesPage    *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
activate_cb (GtkColumnView *view,
             guint          position,
             RdCasesPage   *self)
{
  g_autoptr (RdCase) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, item);
}

/* Filters */

static void
filter_ui_changed_cb (GtkWidget   *widget,
                      RdCasesPage *self)
{
  guint selected;

  if (self->updating_filter_ui)
    return;

  self->filter.statuses = 0;
  for (guint i = 0; i < RD_N_STATUSES; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->status_checks[i])))
      self->filter.statuses |= 1u << i;

  self->filter.types = 0;
  for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->type_checks[i])))
      self->filter.types |= 1u << i;

  g_clear_pointer (&self->filter.client, g_free);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->client_dropdown));
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->filter.client = g_strdup (gtk_string_list_get_string (self->clients, selected));

  g_clear_pointer (&self->filter.jurisdiction, g_free);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->jurisdiction_dropdown));
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->filter.jurisdiction = g_strdup (g_ptr_array_index (self->jurisdiction_ids,
                                                             selected - 1));

  self->filter.overdue = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->overdue_check));
  self->filter.due_this_week = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->week_check));

  if (rd_case_filter_is_empty (&self->filter))
    gtk_widget_remove_css_class (self->filter_button, "accent");
  else
    gtk_widget_add_css_class (self->filter_button, "accent");

  g_signal_emit (self, signals[FILTER_CHANGED], 0);
  run_query (self);
}

static void
filter_dropdown_changed_cb (GObject     *dropdown,
                            GParamSpec  *pspec,
                            RdCasesPage *self)
{
  filter_ui_changed_cb (GTK_WIDGET (dropdown), self);
}

static guint
string_list_find (GtkStringList *list,
                  const char    *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; text != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), text) == 0)
      return i;

  return 0;
}

static void
sync_filter_ui (RdCasesPage *self)
{
  self->updating_filter_ui = TRUE;

  for (guint i = 0; i < RD_N_STATUSES; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->status_checks[i]),
                                 (self->filter.statuses & (1u << i)) != 0);
  for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->type_checks[i]),
                                 (self->filter.types & (1u << i)) != 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->client_dropdown),
                              string_list_find (self->clients, self->filter.client));
  {
    guint position = 0;

    for (guint i = 0; self->filter.jurisdiction != NULL && i < self->jurisdiction_ids->len; i++)
      if (g_str_equal (g_ptr_array_index (self->jurisdiction_ids, i), self->filter.jurisdiction))
        position = i + 1;  /* after "All jurisdictions" */
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->jurisdiction_dropdown), position);
  }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->overdue_check), self->filter.overdue);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->week_check), self->filter.due_this_week);

  if (rd_case_filter_is_empty (&self->filter))
    gtk_widget_remove_css_class (self->filter_button, "accent");
  else
    gtk_widget_add_css_class (self->filter_button, "accent");

  self->updating_filter_ui = FALSE;
}

static void
clear_filters_cb (GtkButton   *button,
                  RdCasesPage *self)
{
  rd_case_filter_clear (&self->filter);
  sync_filter_ui (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
  run_query (self);
}

static void
reload_clients (RdCasesPage *self)
{
  g_autoptr (GPtrArray) clients = NULL;
  g_autoptr (GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clients));

  if (self->store == NULL)
    return;

  clients = rd_store_list_clients (self->store, &error);
  if (clients == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  self->updating_filter_ui = TRUE;
  gtk_string_list_splice (self->clients, 1, n - 1, NULL);
  for (guint i = 0; i < clients->len; i++)
    gtk_string_list_append (self->clients, rd_client_get_name (g_ptr_array_index (clients, i)));
  self->updating_filter_ui = FALSE;
  sync_filter_ui (self);
}

static GtkWidget *
filter_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
build_filter_popover (RdCasesPage *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid;
  GtkWidget *button;
  g_autoptr (GPtrArray) ids = rd_gui_list_jurisdictions ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (box), filter_heading (_("Due")));
  self->overdue_check = gtk_check_button_new_with_mnemonic (_("_Overdue"));
  self->week_check = gtk_check_button_new_with_mnemonic (_("Due within 7 _days"));
  gtk_box_append (GTK_BOX (box), self->overdue_check);
  gtk_box_append (GTK_BOX (box), self->week_check);
  g_signal_connect (self->overdue_check, "toggled", G_CALLBACK (filter_ui_changed_cb), self);
  g_signal_connect (self->week_check, "toggled", G_CALLBACK (filter_ui_changed_cb), self);

  gtk_box_append (GTK_BOX (box), filter_heading (_("Client")));
  self->clients = gtk_string_list_new (NULL);
  gtk_string_list_append (self->clients, _("All clients"));
  self->client_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->clients)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->client_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Client"), -1);
  g_signal_connect (self->client_dropdown, "notify::selected",
                    G_CALLBACK (filter_dropdown_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->client_dropdown);

  gtk_box_append (GTK_BOX (box), filter_heading (_("Jurisdiction")));
  self->jurisdictions = gtk_string_list_new (NULL);
  gtk_string_list_append (self->jurisdictions, _("All jurisdictions"));
  /* The filter keeps the ids; the drop-down shows the laws' names. */
  self->jurisdiction_ids = g_ptr_array_ref (ids);
  for (guint i = 0; i < ids->len; i++)
    gtk_string_list_append (self->jurisdictions,
                            rd_gui_jurisdiction_name (g_ptr_array_index (ids, i), FALSE));
  self->jurisdiction_dropdown =
    gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->jurisdictions)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->jurisdiction_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Jurisdiction"), -1);
  g_signal_connect (self->jurisdiction_dropdown, "notify::selected",
                    G_CALLBACK (filter_dropdown_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->jurisdiction_dropdown);

  gtk_box_append (GTK_BOX (box), filter_heading (_("Status")));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < RD_N_STATUSES; i++)
    {
      self->status_checks[i] = gtk_check_button_new_with_label (rd_case_status_to_label (i));
      g_signal_connect (self->status_checks[i], "toggled", G_CALLBACK (filter_ui_changed_cb), self);
      gtk_grid_attach (GTK_GRID (grid), self->status_checks[i], i % 2, i / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_box_append (GTK_BOX (box), filter_heading (_("Request Type")));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
    {
      self->type_checks[i] = gtk_check_button_new_with_label (rd_request_type_to_label (i));
      g_signal_connect (self->type_checks[i], "toggled", G_CALLBACK (filter_ui_changed_cb), self);
      gtk_grid_attach (GTK_GRID (grid), self->type_checks[i], i % 2, i / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  button = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_widget_set_margin_top (button, 6);
  g_signal_connect (button, "clicked", G_CALLBACK (clear_filters_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static GtkColumnViewColumn *
add_column (RdCasesPage *self,
            Column       column,
            const char  *title,
            int          fixed_width,
            gboolean     expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (column));

  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  self->columns[column] = col;
  g_object_unref (col);

  return col;
}

/* GObject */

static void
rd_cases_page_dispose (GObject *object)
{
  RdCasesPage *self = RD_CASES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->search_idle_id, g_source_remove);
  /* Removing the columns changes the sorter: no query may start while the page goes. */
  g_clear_object (&self->store);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)),
                                          self);
  self->column_view = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->model);
  g_clear_object (&self->clients);
  g_clear_object (&self->jurisdictions);
  g_clear_pointer (&self->jurisdiction_ids, g_ptr_array_unref);
  rd_case_filter_clear (&self->filter);
  g_clear_pointer (&self->last_search, g_free);

  G_OBJECT_CLASS (rd_cases_page_parent_class)->dispose (object);
}

static void
rd_cases_page_class_init (RdCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_cases_page_dispose;

  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, RD_TYPE_CASE);
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[RESULTS_SHOWN] =
    g_signal_new ("results-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rdcasespage");
}

static void
rd_cases_page_init (RdCasesPage *self)
{
  GtkWidget *toolbar, *scrolled, *footer, *content;
  GtkSorter *sorter;

  self->sort = RD_CASE_SORT_DUE;
  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (toolbar, "toolbar");
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  g_object_set (self->search_entry,
                "placeholder-text", _("Search names, e-mails, references and notes"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search cases"), -1);
  g_signal_connect (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->search_entry);

  self->filter_button = gtk_menu_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "view-list-bullet-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Filters"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->filter_button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->filter_button),
                               build_filter_popover (self));
  gtk_widget_set_tooltip_text (self->filter_button, _("Filter by status, client, type, "
                                                      "jurisdiction and due date"));
  gtk_box_append (GTK_BOX (toolbar), self->filter_button);
  gtk_box_append (GTK_BOX (self->box), toolbar);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);

  self->column_view = gtk_column_view_new (NULL);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), FALSE);
  gtk_widget_add_css_class (self->column_view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cases"), -1);
  add_column (self, COL_REFERENCE, _("Reference"), 125, FALSE);
  add_column (self, COL_CLIENT, _("Client"), 120, FALSE);
  add_column (self, COL_TYPE, _("Type"), 90, FALSE);
  add_column (self, COL_SUBJECT, _("Subject"), 105, TRUE);
  add_column (self, COL_JURISDICTION, _("Jurisdiction"), 105, FALSE);
  add_column (self, COL_DUE, _("Due"), 258, FALSE);
  add_column (self, COL_STATUS, _("Status"), 140, FALSE);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), self->columns[COL_DUE],
                                  GTK_SORT_ASCENDING);
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  g_signal_connect (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);

  scrolled = gtk_scrolled_window_new ();
  self->scrolled = scrolled;
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                    "value-changed", G_CALLBACK (scrolled_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->column_view);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");

  self->empty_page = adw_status_page_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty_page, "empty");
  gtk_box_append (GTK_BOX (self->box), self->stack);

  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (footer, "case-count");
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_add_css_class (self->count_label, "caption");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (footer), self->count_label);
  gtk_box_append (GTK_BOX (footer), self->spinner);
  gtk_box_append (GTK_BOX (self->box), footer);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

GtkWidget *
rd_cases_page_new (void)
{
  return g_object_new (RD_TYPE_CASES_PAGE, NULL);
}

void
rd_cases_page_set_store (RdCasesPage *self,
                         RdStore     *store)
{
  g_return_if_fail (RD_IS_CASES_PAGE (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->model);

  if (store == NULL)
    return;

  self->model = rd_case_list_new (store);
  self->slots = rd_case_slots_new (self->model);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (self->selection));
  reload_clients (self);
  run_query (self);
}

const RdCaseFilter *
rd_cases_page_get_filter (RdCasesPage *self)
{
  g_return_val_if_fail (RD_IS_CASES_PAGE (self), NULL);

  return &self->filter;
}

void
rd_cases_page_set_filter (RdCasesPage        *self,
                          const RdCaseFilter *filter)
{
  g_return_if_fail (RD_IS_CASES_PAGE (self));
  g_return_if_fail (filter != NULL);

  rd_case_filter_copy (&self->filter, filter);
  sync_filter_ui (self);
  /* As when the user changes them: the calendar and the saved filters follow. */
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
  run_query (self);
}

void
rd_cases_page_focus_search (RdCasesPage *self)
{
  g_return_if_fail (RD_IS_CASES_PAGE (self));

  gtk_widget_grab_focus (self->search_entry);
}

void
rd_cases_page_set_search (RdCasesPage *self,
                          const char  *text)
{
  g_return_if_fail (RD_IS_CASES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* At once, as a keystroke would, rather than from the idle. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->last_search) != 0)
    run_query (self);
  g_clear_handle_id (&self->search_idle_id, g_source_remove);
}

void
rd_cases_page_reload (RdCasesPage *self)
{
  g_return_if_fail (RD_IS_CASES_PAGE (self));

  reload_clients (self);
  run_query (self);
}

RdCaseList *
rd_cases_page_get_model (RdCasesPage *self)
{
  g_return_val_if_fail (RD_IS_CASES_PAGE (self), NULL);

  return self->model;
}

GtkWidget *
rd_cases_page_get_column_view (RdCasesPage *self)
{
  g_return_val_if_fail (RD_IS_CASES_PAGE (self), NULL);

  return self->column_view;
}

gboolean
rd_cases_page_get_busy (RdCasesPage *self)
{
  g_return_val_if_fail (RD_IS_CASES_PAGE (self), FALSE);

  return self->busy;
}
