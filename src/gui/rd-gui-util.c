/* rd-gui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-gui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-calendar.h"
#include "rd-date.h"
#include "rd-gui-util.h"
#include "rd-jurisdiction.h"

char *
rd_gui_format_date (const GDate *date)
{
  char buf[64];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");

  /* Translators: a date as shown in lists, see strftime(3) */
  if (g_date_strftime (buf, sizeof buf, _("%a %-d %b %Y"), date) == 0)
    return rd_date_format (date);

  return g_strdup (buf);
}

gboolean
rd_gui_parse_date (const char *text,
                   GDate      *date)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_date_clear (date, 1);
  if (*trimmed == '\0')
    return FALSE;
  if (rd_date_parse (trimmed, date, NULL))
    return TRUE;

  /* GLib reads month names and the day-month order of the user's locale, but it makes up
   * what is missing: "Nov 2026" would be the first of November. A day, a month and a year
   * are three words or numbers at least. */
  {
    guint parts = 0;

    for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
      if (g_unichar_isalnum (g_utf8_get_char (p)) &&
          (p == trimmed || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)))))
        parts++;
    if (parts < 3)
      return FALSE;
  }

  /* A year outside these is a slip of the keyboard, not a date of a case. */
  g_date_set_parse (date, trimmed);
  return g_date_valid (date) && g_date_get_year (date) >= 1900 && g_date_get_year (date) < 2200;
}

char *
rd_gui_format_field_date (const GDate *date)
{
  char buf[64];
  GDate back;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* The field shows 2026-03-05 when the translation does not read back. */
  /* Translators: a date written into a date field, see strftime(3) */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b %Y"), date) == 0 ||
      !rd_gui_parse_date (buf, &back) || g_date_compare (&back, date) != 0)
    return rd_date_format (date);
  return g_strdup (buf);
}

/* The calendar of a date field's button: it opens on the field's date, and the day picked
 * goes into the field. */
typedef struct
{
  GtkEditable *field;
  GtkCalendar *calendar;
  gboolean     syncing;
} DatePicker;

static void
date_picker_show_cb (GtkPopover *popover,
                     DatePicker *picker)
{
  GDate date;
  g_autoptr (GDateTime) day = NULL;

  if (!rd_gui_parse_date (gtk_editable_get_text (picker->field), &date))
    rd_date_today (&date);
  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 12, 0, 0);
  picker->syncing = TRUE;
  gtk_calendar_select_day (picker->calendar, day);
  picker->syncing = FALSE;
}

static void
date_picker_day_selected_cb (GtkCalendar *calendar,
                             DatePicker  *picker)
{
  g_autoptr (GDateTime) day = NULL;
  g_autofree char *text = NULL;
  GtkWidget *popover;
  GDate date;

  if (picker->syncing)
    return;
  day = gtk_calendar_get_date (calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  text = rd_gui_format_field_date (&date);
  gtk_editable_set_text (picker->field, text);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

GtkWidget *
rd_gui_date_button_new (GtkEditable *field)
{
  GtkWidget *button, *popover, *calendar;
  DatePicker *picker;

  g_return_val_if_fail (GTK_IS_EDITABLE (field), NULL);

  button = gtk_menu_button_new ();
  popover = gtk_popover_new ();
  calendar = gtk_calendar_new ();
  picker = g_new0 (DatePicker, 1);
  picker->field = field;
  picker->calendar = GTK_CALENDAR (calendar);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  /* The button and its field live and die together, in the same row or box. */
  g_object_set_data_full (G_OBJECT (button), "rd-date-picker", picker, g_free);
  g_signal_connect (popover, "show", G_CALLBACK (date_picker_show_cb), picker);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (date_picker_day_selected_cb), picker);
  return button;
}

void
rd_gui_add_date_button (AdwEntryRow *row)
{
  GtkWidget *button = rd_gui_date_button_new (GTK_EDITABLE (row));

  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (row, button);
}

void
rd_gui_status_page_set_text (AdwStatusPage *page,
                             const char    *description)
{
  g_autofree char *markup = description ? g_markup_escape_text (description, -1) : NULL;

  adw_status_page_set_description (page, markup);
}

AdwToast *
rd_gui_toast_new (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

static void
client_picked_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       row)
{
  gtk_editable_set_text (GTK_EDITABLE (row), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (row);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
}

GtkWidget *
rd_gui_add_clients_menu (AdwEntryRow *row,
                         RdStore     *store)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) pick = g_simple_action_new ("pick", G_VARIANT_TYPE_STRING);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GPtrArray) clients = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Known Clients"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Known Clients"), -1);
  g_signal_connect_object (pick, "activate", G_CALLBACK (client_picked_cb), row, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (pick));
  gtk_widget_insert_action_group (button, "clients", G_ACTION_GROUP (group));
  adw_entry_row_add_suffix (row, button);

  clients = store != NULL ? rd_store_list_clients (store, &error) : NULL;
  if (clients == NULL && error != NULL)
    g_warning ("Could not list the clients: %s", error->message);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      const char *name = rd_client_get_name (g_ptr_array_index (clients, i));
      g_autoptr (GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "clients.pick", g_variant_new_string (name));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (button, clients != NULL && clients->len > 0);
  return button;
}

static void
ellipsized_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  mode)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), GPOINTER_TO_INT (mode));
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_list_item_set_child (list_item, label);
}

/* The string of a GtkStringList item in the label of either factory below. */
static void
string_label_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (item));
}

static void
wrapped_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_list_item_set_child (list_item, label);
}

void
rd_gui_drop_down_show_long_strings (GtkDropDown        *drop_down,
                                    PangoEllipsizeMode  mode)
{
  g_autoptr (GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_connect (button, "setup", G_CALLBACK (ellipsized_setup_cb), GINT_TO_POINTER (mode));
  g_signal_connect (button, "bind", G_CALLBACK (string_label_bind_cb), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (wrapped_setup_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (string_label_bind_cb), NULL);
  gtk_drop_down_set_factory (drop_down, button);
  gtk_drop_down_set_list_factory (drop_down, list);
}

/* The list that drops down from a row of long names: each in full, the chosen one ticked. */

static void
update_tick (GtkListItem *list_item)
{
  GtkWidget *tick = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));
  AdwComboRow *row = g_object_get_data (G_OBJECT (list_item), "rd-row");

  gtk_widget_set_opacity (tick, row != NULL && adw_combo_row_get_selected (row)
                                                 == gtk_list_item_get_position (list_item));
}

static void
row_selected_cb (AdwComboRow *row,
                 GParamSpec  *pspec,
                 GtkListItem *list_item)
{
  update_tick (list_item);
}

static void
long_name_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *tick = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tick), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chosen"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), tick);
  gtk_list_item_set_child (list_item, box);
}

static void
long_name_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GtkWidget                *row)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (item));
  g_object_set_data (G_OBJECT (list_item), "rd-row", row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (row_selected_cb), list_item, 0);
  update_tick (list_item);
}

static void
long_name_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     GtkWidget                *row)
{
  g_signal_handlers_disconnect_by_func (row, row_selected_cb, list_item);
  g_object_set_data (G_OBJECT (list_item), "rd-row", NULL);
}

void
rd_gui_combo_row_show_long_names (AdwComboRow *row)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  /* In full under the title rather than cut short beside it. */
  adw_combo_row_set_use_subtitle (row, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (long_name_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (long_name_bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (long_name_unbind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
}

char *
rd_gui_format_timestamp (const char *iso)
{
  g_autoptr (GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "—");

  local = g_date_time_to_local (utc);
  /* Translators: when an event happened, see g_date_time_format() */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

char *
rd_gui_format_days_left (int days)
{
  if (days == 0)
    return g_strdup (_("Due today"));
  if (days < 0)
    /* Translators: how long a case has been overdue */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", -days),
                            -days);
  /* Translators: days until a case is due */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days), days);
}

RdUrgency
rd_gui_urgency_for_days (int days)
{
  if (days < 0)
    return RD_URGENCY_OVERDUE;
  if (days <= 3)
    return RD_URGENCY_SOON;
  if (days <= 7)
    return RD_URGENCY_WEEK;
  return RD_URGENCY_LATER;
}

const char *
rd_gui_urgency_css_class (RdUrgency urgency)
{
  switch (urgency)
    {
    case RD_URGENCY_OVERDUE:
      return "urgency-overdue";
    case RD_URGENCY_SOON:
      return "urgency-soon";
    case RD_URGENCY_WEEK:
      return "urgency-week";
    case RD_URGENCY_LATER:
      return "urgency-later";
    case RD_URGENCY_NONE:
    default:
      return "urgency-none";
    }
}

RdUrgency
rd_gui_case_urgency (RdCase      *item,
                     const GDate *today)
{
  g_return_val_if_fail (RD_IS_CASE (item), RD_URGENCY_NONE);

  if (!rd_case_is_open (item) || !g_date_valid (rd_case_get_effective_due (item)))
    return RD_URGENCY_NONE;

  return rd_gui_urgency_for_days (rd_case_days_left (item, today));
}

void
rd_case_filter_clear (RdCaseFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->client, g_free);
  g_clear_pointer (&filter->jurisdiction, g_free);
  filter->statuses = 0;
  filter->types = 0;
  filter->overdue = FALSE;
  filter->due_this_week = FALSE;
}

void
rd_case_filter_copy (RdCaseFilter       *dest,
                     const RdCaseFilter *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  rd_case_filter_clear (dest);
  *dest = *src;
  dest->client = g_strdup (src->client);
  dest->jurisdiction = g_strdup (src->jurisdiction);
}

void
rd_case_filter_apply (const RdCaseFilter *filter,
                      RdCaseQuery        *query)
{
  g_return_if_fail (filter != NULL && query != NULL);

  query->statuses = filter->statuses;
  query->types = filter->types;
  query->client = filter->client;
  query->jurisdiction = filter->jurisdiction;
  query->overdue = filter->overdue;

  /* Only open statuses: saying so as "due from the first day there is" lets SQLite use the
   * index of open cases by due date (a status list alone makes it read every case). */
  if (filter->statuses != 0)
    {
      gboolean only_open = TRUE;

      for (guint i = 0; i < RD_N_STATUSES; i++)
        if ((filter->statuses & (1u << i)) && !rd_case_status_is_open (i))
          only_open = FALSE;
      if (only_open)
        g_date_set_julian (&query->due_from, 1);
    }

  if (filter->due_this_week)
    {
      GDate limit;

      /* "This week" is the next seven days, today included: what needs doing now. */
      rd_date_today (&limit);
      g_date_add_days (&limit, 7);
      query->due_before = limit;
    }
}

gboolean
rd_case_filter_is_empty (const RdCaseFilter *filter)
{
  g_return_val_if_fail (filter != NULL, TRUE);

  return filter->statuses == 0 && filter->types == 0 && filter->client == NULL
         && filter->jurisdiction == NULL && !filter->overdue && !filter->due_this_week;
}

GSettings *
rd_gui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; settings will not be remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *child;

  if (root == NULL)
    return NULL;

  child = GTK_WIDGET (root);
  if (ADW_IS_APPLICATION_WINDOW (child))
    child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (child));
  else if (ADW_IS_WINDOW (child))
    child = adw_window_get_content (ADW_WINDOW (child));
  else if (ADW_IS_PREFERENCES_WINDOW (child))
    return NULL;

  return ADW_IS_TOAST_OVERLAY (child) ? ADW_TOAST_OVERLAY (child) : NULL;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "rd-tooltip");

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Setting a tooltip's text makes GTK find out at once whether it is under the pointer: on X11
 * a round trip to the server and a pick of the window's widgets, some 140 µs a widget. */
void
rd_gui_set_tooltip (GtkWidget  *widget,
                    const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_tooltip_cb, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_object_set_data_full (G_OBJECT (widget), "rd-tooltip", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
rd_gui_toast (GtkWidget  *widget,
              const char *text)
{
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }

  toast = rd_gui_toast_new (text);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
rd_gui_toast_error (GtkWidget    *widget,
                    const char   *what,
                    const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Translators: "what failed: why", e.g. "Could not pause the case: the law allows no pause" */
  text = g_strdup_printf (_("%s: %s"), what, error != NULL ? error->message : _("unknown error"));
  rd_gui_toast (widget, text);
}

/* The core's lists may be empty while its rules are being written; then the ids named in the
 * CLI contract that the core can look up stand in, so that the forms still work. */
GPtrArray *
rd_gui_list_jurisdictions (void)
{
  static const char * const known[] = {
    "au-privacy-act", "br-lgpd", "ca-pipeda", "ch-fadp", "eu-gdpr", "uk-gdpr", "us-ca-ccpa",
    "us-co-cpa", "us-ct-ctdpa", "us-va-vcdpa",
  };
  GPtrArray *ids = rd_jurisdiction_list_ids ();

  if (ids->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      {
        g_autoptr (RdJurisdiction) j = rd_jurisdiction_lookup (known[i], NULL);

        if (j != NULL)
          g_ptr_array_add (ids, g_strdup (known[i]));
      }

  return ids;
}

typedef struct
{
  char *id;
  char *name;
  char *key;
} Named;

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  const Named *x = *(const Named * const *) a;
  const Named *y = *(const Named * const *) b;

  return strcmp (x->key, y->key);
}

static void
named_free (gpointer data)
{
  Named *named = data;

  g_free (named->id);
  g_free (named->name);
  g_free (named->key);
  g_free (named);
}

void
rd_gui_sort_by_name (GPtrArray *ids,
                     GPtrArray *names,
                     gboolean   calendars)
{
  g_autoptr (GPtrArray) named = g_ptr_array_new_with_free_func (named_free);

  for (guint i = 0; i < ids->len; i++)
    {
      Named *item = g_new0 (Named, 1);

      item->id = g_strdup (g_ptr_array_index (ids, i));
      if (calendars)
        {
          g_autoptr (RdCalendar) c = rd_calendar_lookup (item->id, NULL);

          item->name = g_strdup (c != NULL ? rd_calendar_get_name (c) : item->id);
        }
      else
        item->name = g_strdup (rd_gui_jurisdiction_name (item->id, FALSE));
      item->key = g_utf8_collate_key (item->name, -1);
      g_ptr_array_add (named, item);
    }
  g_ptr_array_sort (named, compare_named);

  g_ptr_array_set_size (ids, 0);
  for (guint i = 0; i < named->len; i++)
    {
      Named *item = g_ptr_array_index (named, i);

      g_ptr_array_add (ids, g_steal_pointer (&item->id));
      g_ptr_array_add (names, g_steal_pointer (&item->name));
    }
}

const char *
rd_gui_jurisdiction_name (const char *id,
                          gboolean    short_form)
{
  g_autoptr (RdJurisdiction) law = NULL;

  if (id == NULL)
    return NULL;
  law = rd_jurisdiction_lookup (id, NULL);
  if (law == NULL)
    return g_intern_string (id);
  return g_intern_string (short_form ? rd_jurisdiction_get_short_name (law)
                                     : rd_jurisdiction_get_name (law));
}

GPtrArray *
rd_gui_list_calendars (void)
{
  static const char * const known[] = {
    "au", "br", "ca", "ch", "de", "fr", "gb-eaw", "gb-nir", "gb-sct", "ie", "us", "us-ca",
    "us-co", "us-ct", "us-va",
  };
  GPtrArray *ids = rd_calendar_list_ids ();

  if (ids->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      {
        g_autoptr (RdCalendar) c = rd_calendar_lookup (known[i], NULL);

        if (c != NULL)
          g_ptr_array_add (ids, g_strdup (known[i]));
      }

  return ids;
}
