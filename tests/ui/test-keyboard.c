/* test-keyboard.c: the window from the keyboard alone, its shortcuts and accessible names
 *
 * Keys are real key presses through the X server (XTest), so what passes here works for a
 * person at a keyboard: shortcuts, focus, mnemonics and the Enter key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-application.h"
#include "rd-calendar-view.h"
#include "rd-case-page.h"
#include "rd-cases-page.h"
#include "rd-date.h"
#include "rd-new-case-window.h"
#include "rd-window.h"
#include "ui-util.h"

static struct
{
  RdApplication *app;
  RdWindow      *window;
  char          *reference;
} session;

static gboolean
window_ready (gpointer data)
{
  return rd_window_get_ready (session.window);
}

static gboolean
list_settled (gpointer data)
{
  RdCasesPage *page = RD_CASES_PAGE (rd_window_get_cases_page (session.window));

  return !rd_cases_page_get_busy (page) && rd_cases_page_get_model (page) != NULL;
}

static void
open_window (void)
{
  if (session.window != NULL)
    return;

  session.window = rd_window_new (ADW_APPLICATION (session.app));
  gtk_window_set_default_size (GTK_WINDOW (session.window), 1180, 760);
  gtk_window_present (GTK_WINDOW (session.window));
  rd_window_open_demo (session.window, 120);
  g_assert_true (ui_wait_until (window_ready, NULL, 60000));
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
}

/* Accessible names: every control a person can reach must say what it is. What GTK 4.8 tells
 * AT-SPI (read on the accessibility bus while writing this test): the label property, else the
 * widgets in the labelled-by relation, else, for buttons, check buttons and rows, the text of
 * the labels inside them; anything else gets its type name ("GtkImage", "GtkEntry"), which
 * names nothing. */
static gboolean
is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* The text inside an entry, a spin button or a search entry is the entry's. */
  if (GTK_IS_TEXT (widget) && parent != NULL
      && (GTK_IS_ENTRY (parent) || GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_SPIN_BUTTON (parent)
          || GTK_IS_PASSWORD_ENTRY (parent) || gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL))
    return FALSE;
  /* A spin button's + and - are GTK's, out of the focus chain; the spin button is the control. */
  if (GTK_IS_BUTTON (widget) && parent != NULL && GTK_IS_SPIN_BUTTON (parent))
    return FALSE;
  /* A menu button is named on its inner toggle button. */
  if (GTK_IS_MENU_BUTTON (widget))
    return FALSE;

  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))
           || gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (widget));

  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget)
         || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_TEXT (widget)
         || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget)
         || GTK_IS_COLUMN_VIEW (widget) || ADW_IS_ENTRY_ROW (widget);
}

static gboolean
has_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL
      && *gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text (child))
      return TRUE;

  return FALSE;
}

/* A button is labelled by its own child (GTK sets that relation itself): that names it only
 * when the child holds text, which has_text() looks at. */
static gboolean
labelled_by_own_child (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  g_autofree char *differs = NULL;

  if (child == NULL || gtk_widget_get_next_sibling (child) != NULL)
    return FALSE;
  differs = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL);
  return differs == NULL;
}

static gboolean
has_name (GtkWidget *widget)
{
  gboolean content_named = GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
                           || GTK_IS_LIST_BOX_ROW (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY)
      && !(content_named && labelled_by_own_child (widget)))
    return TRUE;

  return content_named && has_text (widget);
}

static void
describe (GtkWidget *widget,
          GString   *out)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_string_append_printf (out, "%s%s", w == widget ? "" : " < ", G_OBJECT_TYPE_NAME (w));
      if (GTK_IS_BUTTON (w) && gtk_widget_get_tooltip_text (w) != NULL)
        g_string_append_printf (out, " (tooltip “%s”)", gtk_widget_get_tooltip_text (w));
      if (GTK_IS_ROOT (w))
        break;
    }
}

/* Walks what a person can see of @root and adds every unnamed control to @unnamed. */
static void
collect_unnamed (GtkWidget *root,
                 GString   *unnamed,
                 guint     *n_controls)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;

  if (is_control (root))
    {
      (*n_controls)++;
      if (!has_name (root))
        {
          g_string_append (unnamed, "\n  ");
          describe (root, unnamed);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_controls);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr (GString) unnamed = g_string_new (NULL);
  guint n_controls = 0;

  ui_settle (100);
  collect_unnamed (root, unnamed, &n_controls);
  g_test_message ("%s: %u controls", where, n_controls);
  g_assert_cmpuint (n_controls, >, 0);
  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name:%s", where, unnamed->str);
}

/* The checker itself must catch an unnamed icon button, or it proves nothing. */
static void
test_names_checker (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *labelled = gtk_button_new_with_mnemonic ("_Delete");
  GtkWidget *entry = gtk_entry_new ();
  g_autoptr (GString) unnamed = g_string_new (NULL);
  guint n = 0;

  g_object_ref_sink (box);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labelled);
  gtk_box_append (GTK_BOX (box), entry);
  collect_unnamed (box, unnamed, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_nonnull (strstr (unnamed->str, "GtkButton"));
  g_assert_nonnull (strstr (unnamed->str, "GtkEntry"));
  g_assert_true (has_name (labelled));
  g_assert_false (has_name (icon));
  g_assert_false (has_name (entry));

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Reason",
                                  -1);
  g_string_truncate (unnamed, 0);
  n = 0;
  collect_unnamed (box, unnamed, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_object_unref (box);
}

static void
test_names (void)
{
  const char *places[] = { "cases", "calendar", "review", "reports" };
  RdCasesPage *cases = NULL;

  open_window ();
  cases = RD_CASES_PAGE (rd_window_get_cases_page (session.window));

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      rd_window_show_place (session.window, places[i]);
      if (g_str_equal (places[i], "calendar"))
        ui_settle (300);
      assert_all_named (GTK_WIDGET (session.window), places[i]);
    }

  /* A case page, with its actions and its timeline. */
  {
    g_autoptr (RdCase) first = NULL;

    rd_window_show_place (session.window, "cases");
    first = g_list_model_get_item (G_LIST_MODEL (rd_cases_page_get_model (cases)), 0);
    g_assert_nonnull (first);
    rd_window_show_case (session.window, rd_case_get_reference (first));
    assert_all_named (GTK_WIDGET (session.window), "case page");
  }

  /* The filters, the new-case form, a step dialog, the preferences and the first-run page. */
  {
    GtkWidget *filters = ui_find (rd_window_get_cases_page (session.window),
                                  GTK_TYPE_MENU_BUTTON, NULL);
    GtkWindow *form;
    RdCasePage *page = RD_CASE_PAGE (rd_window_get_case_page (session.window));
    GtkWindow *preferences;
    RdWindow *first_run;

    rd_window_show_place (session.window, "cases");
    gtk_menu_button_popup (GTK_MENU_BUTTON (filters));
    assert_all_named (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filters))),
                      "filters");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (filters));

    form = rd_window_new_case (session.window);
    assert_all_named (GTK_WIDGET (form), "new-case form");
    gtk_window_destroy (form);

    rd_window_show_case (session.window, rd_case_page_get_reference (page));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.extend", NULL));
    assert_all_named (GTK_WIDGET (rd_case_page_get_dialog (page)), "extend dialog");
    /* As Escape does: closing answers with the close response and takes the dialog away. */
    gtk_window_close (GTK_WINDOW (rd_case_page_get_dialog (page)));
    ui_settle (100);
    g_assert_null (rd_case_page_get_dialog (page));
    g_assert_null (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

    g_action_group_activate_action (G_ACTION_GROUP (session.app), "preferences", NULL);
    ui_settle (200);
    preferences = ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
    g_assert_nonnull (preferences);
    assert_all_named (GTK_WIDGET (preferences), "preferences");
    gtk_window_destroy (preferences);

    first_run = rd_window_new (ADW_APPLICATION (session.app));
    rd_window_show_first_run (first_run);
    gtk_window_present (GTK_WINDOW (first_run));
    assert_all_named (GTK_WIDGET (first_run), "first run");
    gtk_window_destroy (GTK_WINDOW (first_run));
  }
}

/* The shortcuts window lists every shortcut the window, its pages and the application bind. */

static void
add_triggers (GListModel *shortcuts,
              GHashTable *bound)
{
  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger))
        g_hash_table_add (bound, gtk_accelerator_name (
                            gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                            gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
    }
}

/* The class shortcuts of @widget (gtk_widget_class_add_binding_action) that its own class adds,
 * not those GTK's classes above it bring (focus moves, the inspector, ...). */
static void
add_widget_shortcuts (GtkWidget  *widget,
                      GType       parent_type,
                      GHashTable *bound)
{
  g_autoptr (GHashTable) inherited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* GtkWidget itself is abstract and binds nothing. */
  g_autoptr (GtkWidget) plain = G_TYPE_IS_ABSTRACT (parent_type)
                                ? NULL : g_object_ref_sink (g_object_new (parent_type, NULL));
  GtkWidget *both[] = { plain, widget };

  for (guint k = 0; k < G_N_ELEMENTS (both); k++)
    {
      g_autoptr (GListModel) controllers = NULL;

      if (both[k] == NULL)
        continue;
      controllers = gtk_widget_observe_controllers (both[k]);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
          g_autoptr (GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          GHashTableIter iter;
          gpointer key;

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
              || g_strcmp0 (gtk_event_controller_get_name (controller),
                            "gtk-widget-class-shortcuts") != 0)
            continue;
          add_triggers (G_LIST_MODEL (controller), k == 0 ? inherited : own);
          g_hash_table_iter_init (&iter, own);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (inherited, key))
              g_hash_table_add (bound, g_strdup (key));
        }
    }
  if (plain != NULL && GTK_IS_WINDOW (plain))
    gtk_window_destroy (GTK_WINDOW (plain));
}

/* What the shortcuts window shows: the keys drawn by its shortcut labels. */
static void
collect_listed (GtkWidget  *root,
                GHashTable *listed)
{
  if (GTK_IS_SHORTCUT_LABEL (root) && gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (root)))
    {
      /* "Left Right" shows two keys. */
      g_auto (GStrv) accels = g_strsplit (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (root)),
                                          " ", -1);

      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint key;
          GdkModifierType mods;

          if (*accels[i] != '\0' && gtk_accelerator_parse (accels[i], &key, &mods))
            g_hash_table_add (listed, gtk_accelerator_name (key, mods));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, listed);
}

static void
test_shortcuts_listed (void)
{
  g_autoptr (GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) missing = g_string_new (NULL);
  g_auto (GStrv) actions = NULL;
  GtkShortcutsWindow *overlay;
  GHashTableIter iter;
  gpointer key;

  open_window ();
  add_widget_shortcuts (GTK_WIDGET (session.window),
                        g_type_parent (G_OBJECT_TYPE (session.window)), bound);
  add_widget_shortcuts (rd_window_get_case_page (session.window),
                        g_type_parent (RD_TYPE_CASE_PAGE), bound);
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (session.app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (session.app),
                                                                      actions[i]);
      for (guint k = 0; accels[k] != NULL; k++)
        {
          guint keyval;
          GdkModifierType mods;

          if (gtk_accelerator_parse (accels[k], &keyval, &mods))
            g_hash_table_add (bound, gtk_accelerator_name (keyval, mods));
        }
    }
  /* GTK's own: F10 opens the primary menu. */
  g_hash_table_add (bound, g_strdup ("F10"));
  g_assert_cmpuint (g_hash_table_size (bound), >=, 15);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (session.window));
  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), listed);

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_string_append_printf (missing, " %s", (const char *) key);
  if (missing->len > 0)
    g_error ("shortcuts not listed in the shortcuts window:%s", missing->str);
}

#ifdef HAVE_XTEST


static gboolean
focus_within (GtkWidget *root,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (root));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
is_cases_row (GtkWidget *widget)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "rd-place"), "cases") == 0;
}

static gboolean
is_primary (GtkWidget *widget)
{
  return gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) && gtk_widget_get_mapped (widget);
}

/* Ctrl+F, F10, Ctrl+N and Ctrl+? do what the shortcuts window says. */
static void
test_shortcut_keys (void)
{
  GtkWidget *window;
  GtkWidget *cases;
  GtkWidget *menu;
  GtkWindow *form;
  GtkWindow *help;

  open_window ();
  window = GTK_WIDGET (session.window);
  cases = rd_window_get_cases_page (session.window);
  rd_window_show_place (session.window, "calendar");
  ui_focus_window (window);

  ui_key (window, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "cases");
  g_assert_true (focus_within (window, ui_find (cases, GTK_TYPE_SEARCH_ENTRY, NULL)));

  menu = ui_find (window, GTK_TYPE_MENU_BUTTON, is_primary);
  g_assert_nonnull (menu);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)))));
  ui_key (window, GDK_KEY_F10, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)))));
  ui_key (window, GDK_KEY_Escape, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)))));

  ui_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  form = ui_find_toplevel (RD_TYPE_NEW_CASE_WINDOW);
  g_assert_nonnull (form);
  ui_focus_window (GTK_WIDGET (form));
  ui_key (GTK_WIDGET (form), GDK_KEY_Escape, 0);
  g_assert_null (ui_find_toplevel (RD_TYPE_NEW_CASE_WINDOW));

  ui_focus_window (window);
  ui_key (window, GDK_KEY_question, GDK_CONTROL_MASK);
  help = ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (help);
  ui_screenshot (GTK_WIDGET (help), "ui-shortcuts");
  ui_focus_window (GTK_WIDGET (help));
  ui_key (GTK_WIDGET (help), GDK_KEY_Escape, 0);
  g_assert_null (ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
}

static gboolean
no_dialog (gpointer data)
{
  return rd_case_page_get_dialog (data) == NULL;
}

static gboolean
is_session_chip (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "case-chip") && gtk_widget_get_visible (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "rd-reference"), session.reference) == 0;
}

/* The tooltip popup @window shows, or NULL: GTK parents it to the window it belongs to. */
static GtkWidget *
tooltip_popup (GtkWidget *window)
{
  GType type = g_type_from_name ("GtkTooltipWindow");

  g_assert_true (type != G_TYPE_INVALID);
  return ui_find (window, type, gtk_widget_get_mapped);
}

static const char *
shown_tooltip (GtkWidget *window)
{
  GtkWidget *popup = tooltip_popup (window);
  GtkWidget *label = popup ? ui_find (popup, GTK_TYPE_LABEL, gtk_widget_get_visible) : NULL;

  return label ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
tooltip_shown (gpointer data)
{
  return shown_tooltip (data) != NULL;
}

/* Moves the pointer over the middle of @widget, through the X server like a mouse. */
static void
ui_hover (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t centre;
  double sx, sy;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &centre));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay), (int) (centre.x + sx),
                         (int) (centre.y + sy), &rx, &ry, &child);
  XTestFakeMotionEvent (xdisplay, -1, rx, ry, CurrentTime);
  XSync (xdisplay, False);
  ui_settle (60);
}

/* A whole case from the keyboard: record it, pause and resume its clock, extend it, find it by
 * search and open it with Enter, then find it in the calendar with the arrow keys. */
static void
test_keyboard_flow (void)
{
  RdCasePage *page;
  RdCasesPage *cases;
  RdCalendarView *calendar;
  GtkWidget *window;
  GtkWindow *form;
  RdCase *item;
  GDate due, at;
  int months;

  open_window ();
  window = GTK_WIDGET (session.window);
  page = RD_CASE_PAGE (rd_window_get_case_page (session.window));
  cases = RD_CASES_PAGE (rd_window_get_cases_page (session.window));
  calendar = RD_CALENDAR_VIEW (rd_window_get_calendar_view (session.window));
  rd_window_show_place (session.window, "cases");
  ui_focus_window (window);

  /* The form opens with the client field focused; mnemonics reach the others. */
  ui_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  form = ui_find_toplevel (RD_TYPE_NEW_CASE_WINDOW);
  g_assert_nonnull (form);
  ui_focus_window (GTK_WIDGET (form));
  ui_type (GTK_WIDGET (form), "Keyboard Clinic");
  ui_key (GTK_WIDGET (form), GDK_KEY_n, GDK_ALT_MASK);
  ui_type (GTK_WIDGET (form), "Tastatur Person");
  ui_key (GTK_WIDGET (form), GDK_KEY_e, GDK_ALT_MASK);
  ui_type (GTK_WIDGET (form), "tp@example.org");
  /* GDPR (the default jurisdiction), received today 2026-11-20: due one month later. */
  g_assert_true (rd_new_case_window_get_valid (RD_NEW_CASE_WINDOW (form)));
  ui_key (GTK_WIDGET (form), GDK_KEY_Return, 0);
  ui_settle (300);
  g_assert_null (ui_find_toplevel (RD_TYPE_NEW_CASE_WINDOW));
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "case");
  item = rd_case_page_get_case (page);
  g_assert_nonnull (item);
  g_assert_cmpstr (rd_case_get_subject_name (item), ==, "Tastatur Person");
  g_assert_cmpstr (rd_case_get_client (item), ==, "Keyboard Clinic");
  session.reference = g_strdup (rd_case_get_reference (item));

  /* Pause with a reason, then resume, each confirmed with Enter. */
  ui_focus_window (window);
  ui_key (window, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_nonnull (rd_case_page_get_dialog (page));
  ui_focus_window (GTK_WIDGET (rd_case_page_get_dialog (page)));
  ui_type (GTK_WIDGET (rd_case_page_get_dialog (page)), "Asked for proof of identity");
  ui_key (GTK_WIDGET (rd_case_page_get_dialog (page)), GDK_KEY_Return, 0);
  g_assert_true (ui_wait_until (no_dialog, page, 5000));
  g_assert_nonnull (rd_case_get_paused_since (rd_case_page_get_case (page)));

  ui_focus_window (window);
  ui_key (window, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_nonnull (rd_case_page_get_dialog (page));
  ui_focus_window (GTK_WIDGET (rd_case_page_get_dialog (page)));
  ui_key (GTK_WIDGET (rd_case_page_get_dialog (page)), GDK_KEY_Return, 0);
  g_assert_true (ui_wait_until (no_dialog, page, 5000));
  g_assert_null (rd_case_get_paused_since (rd_case_page_get_case (page)));

  ui_focus_window (window);
  ui_key (window, GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_nonnull (rd_case_page_get_dialog (page));
  ui_focus_window (GTK_WIDGET (rd_case_page_get_dialog (page)));
  ui_type (GTK_WIDGET (rd_case_page_get_dialog (page)), "Records in many systems");
  ui_key (GTK_WIDGET (rd_case_page_get_dialog (page)), GDK_KEY_Return, 0);
  g_assert_true (ui_wait_until (no_dialog, page, 5000));
  g_assert_true (rd_case_get_extended (rd_case_page_get_case (page)));

  /* Back to the list, search, Tab into the results and open the case with Enter. */
  ui_focus_window (window);
  ui_key (window, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "cases");

  /* Tab from the sidebar goes into the place it shows, not to the next place. */
  {
    GtkWidget *row = ui_find (window, GTK_TYPE_LIST_BOX_ROW, is_cases_row);

    g_assert_nonnull (row);
    gtk_widget_grab_focus (row);
    ui_key (window, GDK_KEY_Tab, 0);
    g_assert_cmpstr (rd_window_get_place (session.window), ==, "cases");
    g_assert_true (focus_within (window, GTK_WIDGET (cases)));
  }
  ui_key (window, GDK_KEY_f, GDK_CONTROL_MASK);
  ui_type (window, "Tastatur");
  g_assert_true (ui_wait_until (list_settled, NULL, 10000));
  ui_settle (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rd_cases_page_get_model (cases))), ==, 1);
  for (guint i = 0; i < 4 && !focus_within (window, rd_cases_page_get_column_view (cases)); i++)
    ui_key (window, GDK_KEY_Tab, 0);
  g_assert_true (focus_within (window, rd_cases_page_get_column_view (cases)));
  ui_key (window, GDK_KEY_Return, 0);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "case");
  g_assert_cmpstr (rd_case_page_get_reference (page), ==, session.reference);
  ui_screenshot (window, "ui-keyboard-case");

  /* The calendar: Page Down and the arrow keys walk to the due date; Enter opens the case. */
  due = *rd_case_get_effective_due (rd_case_page_get_case (page));
  ui_key (window, GDK_KEY_2, GDK_CONTROL_MASK);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "calendar");
  ui_key (window, GDK_KEY_Home, 0);
  rd_date_today (&at);
  g_assert_cmpint (g_date_compare (rd_calendar_view_get_selected (calendar), &at), ==, 0);
  months = (g_date_get_year (&due) - g_date_get_year (&at)) * 12
           + (int) g_date_get_month (&due) - (int) g_date_get_month (&at);
  g_assert_cmpint (months, >, 0);
  for (int i = 0; i < months; i++)
    ui_key (window, GDK_KEY_Page_Down, 0);
  /* Page Down keeps the day of the month where it can. */
  at = *rd_calendar_view_get_selected (calendar);
  g_assert_cmpint (g_date_get_month (&at), ==, g_date_get_month (&due));
  while (g_date_get_day (rd_calendar_view_get_selected (calendar)) < g_date_get_day (&due))
    ui_key (window, GDK_KEY_Right, 0);
  while (g_date_get_day (rd_calendar_view_get_selected (calendar)) > g_date_get_day (&due))
    ui_key (window, GDK_KEY_Left, 0);
  g_assert_cmpint (g_date_compare (rd_calendar_view_get_selected (calendar), &due), ==, 0);
  while (rd_calendar_view_get_loading (calendar))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rd_calendar_view_shows_case (calendar, &due, session.reference));
  ui_screenshot (window, "ui-keyboard-calendar");
  g_assert_cmpuint (rd_calendar_view_count_on (calendar, &due), ==, 1);

  /* Its chip in the day names the case, and tells its client and request type, both to a
   * screen reader and in the tooltip that shows when the pointer rests on it. */
  {
    GtkWidget *chip = ui_find (GTK_WIDGET (calendar), GTK_TYPE_BUTTON, is_session_chip);
    g_autofree char *about = NULL;
    const char *shown;

    g_assert_nonnull (chip);
    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (chip),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                       session.reference));
    g_assert_null (shown_tooltip (window));
    ui_hover (chip);
    g_assert_true (ui_wait_until (tooltip_shown, window, 5000));
    shown = shown_tooltip (window);
    /* The chip shows the case's number; the tooltip its whole reference, then the rest. */
    about = g_strconcat (session.reference, " · Keyboard Clinic · ", NULL);
    g_assert_true (g_str_has_prefix (shown, about));
    g_assert_cmpuint (strlen (shown), >, strlen (about));
    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (chip),
                                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                       shown + strlen (session.reference)
                                                       + strlen (" · ")));
    ui_screenshot (tooltip_popup (window), "ui-keyboard-calendar-tooltip");
  }
  ui_key (window, GDK_KEY_Return, 0);
  g_assert_cmpstr (rd_window_get_place (session.window), ==, "case");
  g_assert_cmpstr (rd_case_page_get_reference (page), ==, session.reference);
}
#endif

/* Size, place and filters come back in the next window. */
static void
test_remembered (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  RdWindow *window;
  RdCasesPage *page;
  RdCaseFilter filter = { 0 };
  int width, height;

  open_window ();
  gtk_window_set_default_size (GTK_WINDOW (session.window), 1000, 640);
  rd_window_show_place (session.window, "calendar");
  page = RD_CASES_PAGE (rd_window_get_cases_page (session.window));
  filter.statuses = 1u << RD_STATUS_REVIEW;
  filter.client = g_strdup ("Acme Retail");
  filter.overdue = TRUE;
  rd_cases_page_set_filter (page, &filter);
  /* As the filter popover does: the page tells the window, which remembers. */
  g_signal_emit_by_name (page, "filter-changed");
  rd_case_filter_clear (&filter);
  ui_settle (100);
  gtk_window_close (GTK_WINDOW (session.window));
  ui_settle (200);
  session.window = NULL;

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  window = rd_window_new (ADW_APPLICATION (session.app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpstr (rd_window_get_place (window), ==, "calendar");
  {
    const RdCaseFilter *again = rd_cases_page_get_filter (RD_CASES_PAGE (rd_window_get_cases_page (window)));

    g_assert_cmpuint (again->statuses, ==, 1u << RD_STATUS_REVIEW);
    g_assert_cmpstr (again->client, ==, "Acme Retail");
    g_assert_true (again->overdue);
    g_assert_false (again->due_this_week);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("RIGHTSDESK_TODAY", "2026-11-20", TRUE);
  g_setenv ("LC_TIME", "C.UTF-8", TRUE);
  /* GTK keeps the accessible attributes this test reads only with its test backend. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  session.app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (session.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (session.app), NULL, NULL));

  g_test_add_func ("/ui/a11y/checker", test_names_checker);
  g_test_add_func ("/ui/a11y/names", test_names);
  g_test_add_func ("/ui/keyboard/shortcuts-listed", test_shortcuts_listed);
#ifdef HAVE_XTEST
  g_test_add_func ("/ui/keyboard/shortcut-keys", test_shortcut_keys);
  g_test_add_func ("/ui/keyboard/flow", test_keyboard_flow);
#endif
  g_test_add_func ("/ui/settings/remembered", test_remembered);

  status = g_test_run ();

  if (session.window != NULL)
    gtk_window_destroy (GTK_WINDOW (session.window));
  ui_settle (100);
  g_free (session.reference);
  g_clear_object (&session.app);
  return status;
}
