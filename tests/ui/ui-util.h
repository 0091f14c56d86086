/* ui-util.h: helpers for the window tests under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

/* Runs the main loop until @cond returns TRUE or @timeout_ms passes. */
static inline gboolean
ui_wait_until (gboolean (*cond) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static inline void
ui_settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* Renders @window as it looks now and saves it as NAME.png in the screenshot directory. */
static inline void
ui_screenshot (GtkWidget  *window,
               const char *name)
{
  const char *dir = g_getenv ("RIGHTSDESK_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", file, NULL);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  ui_settle (250);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Looks for a descendant of @root (itself included) of @type whose @accept returns TRUE. */
static inline GtkWidget *
ui_find (GtkWidget *root,
         GType      type,
         gboolean (*accept) (GtkWidget *widget))
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (accept == NULL || accept (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find (child, type, accept);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The button under @root (itself included) whose action is @action, such as "case.extend". */
static inline GtkWidget *
ui_find_action_button (GtkWidget  *root,
                       const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The visible toplevel of @type (a dialog, a file chooser), if any. */
static inline GtkWindow *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      /* The list keeps the window alive. */
      g_object_unref (window);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

/* Real key presses through the X server, as a keyboard makes them: GTK receives them like any
 * other (XInput 2), so shortcuts, focus and mnemonics are tested as a person meets them. */

/* There is no window manager under Xvfb: give @window the keyboard focus ourselves. */
static inline void
ui_focus_window (GtkWidget *window)
{
  GdkSurface *surface;
  Display *xdisplay;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  ui_settle (50);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  XRaiseWindow (xdisplay, gdk_x11_surface_get_xid (surface));
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  ui_settle (100);
}

static inline void
ui_fake_key (Display *xdisplay,
             KeySym   keysym,
             gboolean press)
{
  XTestFakeKeyEvent (xdisplay, XKeysymToKeycode (xdisplay, keysym), press, CurrentTime);
}

/* Presses and releases @keyval with @mods held (Shift is added when the keymap needs it). */
static inline void
ui_key (GtkWidget       *widget,
        guint            keyval,
        GdkModifierType  mods)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);
  gboolean shift = (mods & GDK_SHIFT_MASK) != 0;

  g_assert_cmpuint (code, !=, 0);
  if (XkbKeycodeToKeysym (xdisplay, code, 0, 0) != keyval
      && XkbKeycodeToKeysym (xdisplay, code, 0, 1) == keyval)
    shift = TRUE;

  if (mods & GDK_CONTROL_MASK)
    ui_fake_key (xdisplay, XK_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    ui_fake_key (xdisplay, XK_Alt_L, TRUE);
  if (shift)
    ui_fake_key (xdisplay, XK_Shift_L, TRUE);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  if (shift)
    ui_fake_key (xdisplay, XK_Shift_L, FALSE);
  if (mods & GDK_ALT_MASK)
    ui_fake_key (xdisplay, XK_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    ui_fake_key (xdisplay, XK_Control_L, FALSE);
  XSync (xdisplay, False);
  ui_settle (60);
}

/* Types ASCII @text key by key. */
static inline void
ui_type (GtkWidget  *widget,
         const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guint keyval = gdk_unicode_to_keyval ((guchar) *p);

      ui_key (widget, keyval, 0);
    }
}
#endif
