/* rd-document-view.c: the document viewer widget, for PDFs and images
 *
 * A toolbar (thumbnails, page, zoom, rotation, search) over a stack: the pages, or
 * the password prompt, or an error page. Loading, rendering and searching all run
 * off the main thread; a bad file ends on the error page, never in a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-document-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "rd-gui-resources.h"
#include "rd-document-view.h"
#include "rd-gui-util.h"

G_DEFINE_ENUM_TYPE (RdDocumentViewState, rd_document_view_state,
                    G_DEFINE_ENUM_VALUE (RD_DOCUMENT_VIEW_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (RD_DOCUMENT_VIEW_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (RD_DOCUMENT_VIEW_PASSWORD, "password"),
                    G_DEFINE_ENUM_VALUE (RD_DOCUMENT_VIEW_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (RD_DOCUMENT_VIEW_DOCUMENT, "document"))

struct _RdDocumentView
{
  GtkWidget            parent_instance;

  /* template */
  GtkToggleButton     *thumbnails_button;
  GtkWidget           *page_box;
  GtkEntry            *page_entry;
  GtkLabel            *n_pages_label;
  GtkMenuButton       *zoom_button;
  GtkLabel            *zoom_label;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *match_label;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *password_page;
  GtkPasswordEntry    *password_entry;
  GtkLabel            *password_error;
  AdwStatusPage       *error_page;
  GtkWidget           *thumbnails_box;
  RdThumbnailStrip    *thumbnails;
  GtkScrolledWindow   *scroller;
  RdPageCanvas        *canvas;

  RdDocumentModel     *model;
  RdDocumentViewState  state;
  GFile               *file;
  GCancellable        *load_cancellable;
  GCancellable        *find_cancellable;
  char                *error_message;
  GArray              *hits;
  int                  selected_hit;
  gboolean             password_tried;
  guint                toolbar_idle_id;
};

enum { PROP_0, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdDocumentView, rd_document_view, GTK_TYPE_WIDGET)

static void
set_state (RdDocumentView      *self,
           RdDocumentViewState  state)
{
  static const char * const names[] = { "empty", "loading", "password", "error", "document" };
  gboolean has_document = state == RD_DOCUMENT_VIEW_DOCUMENT;
  gboolean searchable;

  gtk_spinner_set_spinning (self->spinner, state == RD_DOCUMENT_VIEW_LOADING);
  gtk_stack_set_visible_child_name (self->stack, names[state]);

  searchable = has_document && rd_viewer_document_can_search (rd_document_model_get_document (self->model));
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), searchable);
  if (!searchable)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-reset", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.fit-width", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.fit-page", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.rotate-left", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.rotate-right", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.find", searchable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_button), has_document);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
update_page_actions (RdDocumentView *self)
{
  guint n = rd_document_model_get_n_pages (self->model);
  guint page = rd_document_model_get_page (self->model);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous-page", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.first-page", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next-page", page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.last-page", page + 1 < n);
}

static gboolean
update_toolbar_cb (gpointer user_data)
{
  RdDocumentView *self = user_data;
  guint n = rd_document_model_get_n_pages (self->model);
  guint page = rd_document_model_get_page (self->model);
  g_autofree char *text = g_strdup_printf ("%u", page + 1);
  g_autofree char *total = NULL;
  g_autofree char *zoom = NULL;
  GtkRoot *root;
  GtkWidget *focus;

  self->toolbar_idle_id = 0;

  /* Translators: after the page entry, as in "3 of 12" */
  total = g_strdup_printf (_("of %u"), n);
  gtk_label_set_text (self->n_pages_label, total);
  /* not while the person is typing a page number */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->page_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), text);

  gtk_widget_set_visible (self->page_box, n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->n_pages_label), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails_button), n > 1);

  /* Translators: the zoom level, e.g. "125 %" */
  zoom = g_strdup_printf (_("%.0f %%"), rd_document_model_get_scale (self->model) * 100);
  gtk_label_set_text (self->zoom_label, zoom);

  return G_SOURCE_REMOVE;
}

/* The canvas changes the page and the zoom while it is being allocated (fit modes,
 * scrolling); resizing the toolbar then would come too late for this frame, so the
 * toolbar's text follows from an idle. */
static void
update_page_controls (RdDocumentView *self)
{
  update_page_actions (self);
  if (self->toolbar_idle_id == 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    self->toolbar_idle_id = g_idle_add (update_toolbar_cb, self);
  else if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    update_toolbar_cb (self);
}

static void
update_zoom_label (RdDocumentView *self)
{
  update_page_controls (self);
}

/* ---- search ---- */

typedef struct
{
  RdViewerDocument *document;
  char             *text;
} FindData;

static void
find_data_free (FindData *data)
{
  g_clear_object (&data->document);
  g_free (data->text);
  g_free (data);
}

static void
find_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr (GArray) hits = g_array_new (FALSE, TRUE, sizeof (RdFindHit));
  guint n = rd_viewer_document_get_n_pages (data->document);

  for (guint page = 0; page < n; page++)
    {
      g_autoptr (GArray) page_hits = NULL;
      GError *error = NULL;

      page_hits = rd_viewer_document_find_text (data->document, page, data->text, cancellable, &error);
      if (page_hits == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_array_append_vals (hits, page_hits->data, page_hits->len);
    }

  g_task_return_pointer (task, g_steal_pointer (&hits), (GDestroyNotify) g_array_unref);
}

static void
show_hit (RdDocumentView *self,
          int             index)
{
  g_autofree char *label = NULL;

  self->selected_hit = index;
  rd_page_canvas_set_find_hits (self->canvas, self->hits, index);

  if (self->hits == NULL)
    label = g_strdup ("");
  else if (self->hits->len == 0)
    label = g_strdup (_("No matches"));
  else
    /* Translators: search result position, e.g. "2 of 7" */
    label = g_strdup_printf (_("%d of %u"), index + 1, self->hits->len);

  gtk_label_set_text (self->match_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->match_label), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.find-next",
                                 self->hits != NULL && self->hits->len > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.find-previous",
                                 self->hits != NULL && self->hits->len > 1);
}

static void
find_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RdDocumentView *self = RD_DOCUMENT_VIEW (object);
  g_autoptr (GError) error = NULL;
  GArray *hits;
  guint page;
  int first = 0;

  hits = g_task_propagate_pointer (G_TASK (result), &error);
  if (hits == NULL)
    {
      /* a newer search or the widget's end cancelled this one */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->find_cancellable);
      gtk_label_set_text (self->match_label, error->message);
      /* The label is narrow: the whole message on hover and for screen readers. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->match_label), error->message);
      return;
    }

  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->hits, g_array_unref);
  self->hits = hits;

  /* start from the page being read, as Evince does */
  page = rd_document_model_get_page (self->model);
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, RdFindHit, i).page >= page)
      {
        first = i;
        break;
      }

  show_hit (self, hits->len > 0 ? first : -1);
}

static void
cancel_find (RdDocumentView *self)
{
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->hits, g_array_unref);
  show_hit (self, -1);
}

void
rd_document_view_find (RdDocumentView *self,
                       const char     *text)
{
  RdViewerDocument *document;
  g_autoptr (GTask) task = NULL;
  FindData *data;

  g_return_if_fail (RD_IS_DOCUMENT_VIEW (self));

  cancel_find (self);

  document = rd_document_model_get_document (self->model);
  if (document == NULL || text == NULL || *text == '\0' || !rd_viewer_document_can_search (document))
    return;

  data = g_new0 (FindData, 1);
  data->document = g_object_ref (document);
  data->text = g_strdup (text);

  self->find_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->find_cancellable, find_done_cb, NULL);
  g_task_set_source_tag (task, rd_document_view_find);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_worker);
}

static void
search_changed_cb (RdDocumentView *self)
{
  rd_document_view_find (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
step_hit (RdDocumentView *self,
          int             step)
{
  if (self->hits == NULL || self->hits->len == 0)
    return;

  show_hit (self, (self->selected_hit + step + (int) self->hits->len) % (int) self->hits->len);
}

static void
search_activate_cb (RdDocumentView *self)
{
  step_hit (self, 1);
}

/* ---- loading ---- */

static void
show_error (RdDocumentView *self,
            const char     *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  rd_gui_status_page_set_text (self->error_page, message);
  rd_document_model_set_document (self->model, NULL);
  set_state (self, RD_DOCUMENT_VIEW_ERROR);
}

void
rd_document_view_set_document (RdDocumentView   *self,
                               RdViewerDocument *document)
{
  g_return_if_fail (RD_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || RD_IS_VIEWER_DOCUMENT (document));

  cancel_find (self);
  g_clear_pointer (&self->error_message, g_free);
  /* Mode and rotation first: the canvas computes the scale when the document arrives,
   * and no page should be rendered at a scale about to change. A photo or a one-page
   * scan is seen whole; a long PDF is read down its width. */
  rd_document_model_set_rotation (self->model, 0);
  rd_document_model_set_sizing_mode (self->model,
                                     document != NULL && rd_viewer_document_get_n_pages (document) == 1
                                     ? RD_SIZING_FIT_PAGE : RD_SIZING_FIT_WIDTH);
  rd_document_model_set_document (self->model, document);

  if (document != NULL)
    {
      /* thumbnails help only when there is more than one page */
      gtk_toggle_button_set_active (self->thumbnails_button,
                                    rd_viewer_document_get_n_pages (document) > 1);
    }

  update_page_controls (self);
  set_state (self, document != NULL ? RD_DOCUMENT_VIEW_DOCUMENT : RD_DOCUMENT_VIEW_EMPTY);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (RdDocumentView) self = user_data;
  g_autoptr (RdViewerDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  document = rd_viewer_document_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (document != NULL)
    {
      rd_document_view_set_document (self, document);
      return;
    }

  if (rd_viewer_document_error_is_password (error))
    {
      /* the same error for a missing and a wrong password: say which it was */
      gtk_widget_set_visible (GTK_WIDGET (self->password_error), self->password_tried);
      gtk_label_set_text (self->password_error,
                          _("The password is not correct. Check it and try again."));
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
      set_state (self, RD_DOCUMENT_VIEW_PASSWORD);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  show_error (self, error->message);
}

static void
start_load (RdDocumentView *self,
            const char     *password)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  set_state (self, RD_DOCUMENT_VIEW_LOADING);
  rd_viewer_document_load_async (self->file, password, self->load_cancellable, load_done_cb,
                                 g_object_ref (self));
}

void
rd_document_view_load_file (RdDocumentView *self,
                            GFile          *file)
{
  g_return_if_fail (RD_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  rd_document_view_set_document (self, NULL);
  g_set_object (&self->file, file);
  self->password_tried = FALSE;
  start_load (self, NULL);
}

void
rd_document_view_unlock (RdDocumentView *self,
                         const char     *password)
{
  g_return_if_fail (RD_IS_DOCUMENT_VIEW (self));

  if (self->file == NULL || self->state != RD_DOCUMENT_VIEW_PASSWORD)
    return;

  self->password_tried = TRUE;
  start_load (self, password != NULL ? password : "");
}

/* ---- actions ---- */

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RdDocumentView *self = RD_DOCUMENT_VIEW (widget);
  RdDocumentModel *model = self->model;
  guint page = rd_document_model_get_page (model);
  guint n = rd_document_model_get_n_pages (model);
  double width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  double height = gtk_widget_get_height (GTK_WIDGET (self->canvas));

  if (g_str_equal (action_name, "viewer.zoom-in"))
    rd_page_canvas_zoom_at (self->canvas, RD_DOCUMENT_MODEL_ZOOM_FACTOR, width / 2, height / 2);
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    rd_page_canvas_zoom_at (self->canvas, 1 / RD_DOCUMENT_MODEL_ZOOM_FACTOR, width / 2, height / 2);
  else if (g_str_equal (action_name, "viewer.zoom-reset"))
    rd_document_model_set_scale (model, 1.0);
  else if (g_str_equal (action_name, "viewer.fit-width"))
    rd_document_model_set_sizing_mode (model, RD_SIZING_FIT_WIDTH);
  else if (g_str_equal (action_name, "viewer.fit-page"))
    rd_document_model_set_sizing_mode (model, RD_SIZING_FIT_PAGE);
  else if (g_str_equal (action_name, "viewer.rotate-left"))
    rd_document_model_rotate (model, -90);
  else if (g_str_equal (action_name, "viewer.rotate-right"))
    rd_document_model_rotate (model, 90);
  else if (g_str_equal (action_name, "viewer.previous-page") && page > 0)
    rd_document_model_set_page (model, page - 1);
  else if (g_str_equal (action_name, "viewer.next-page") && page + 1 < n)
    rd_document_model_set_page (model, page + 1);
  else if (g_str_equal (action_name, "viewer.first-page"))
    rd_document_model_set_page (model, 0);
  else if (g_str_equal (action_name, "viewer.last-page") && n > 0)
    rd_document_model_set_page (model, n - 1);
  else if (g_str_equal (action_name, "viewer.find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else if (g_str_equal (action_name, "viewer.find-next"))
    step_hit (self, 1);
  else if (g_str_equal (action_name, "viewer.find-previous"))
    step_hit (self, -1);
  else if (g_str_equal (action_name, "viewer.unlock"))
    {
      rd_document_view_unlock (self, gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
      /* the password is used once, not kept */
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
    }
}

static void
page_entry_activate_cb (RdDocumentView *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->page_entry)));
  guint n = rd_document_model_get_n_pages (self->model);
  guint64 number = 0;

  if (g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, MAX (n, 1), &number, NULL))
    rd_document_model_set_page (self->model, (guint) number - 1);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->page_entry));

  /* show the page actually shown, also after a bad entry */
  update_page_controls (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
password_activate_cb (RdDocumentView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "viewer.unlock", NULL);
}

/* ---- GObject ---- */

static void
rd_document_view_dispose (GObject *object)
{
  RdDocumentView *self = RD_DOCUMENT_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->find_cancellable);
  g_clear_handle_id (&self->toolbar_idle_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_DOCUMENT_VIEW);
  /* GTK 4.8 leaves the template's unnamed top box behind */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->file);
  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (rd_document_view_parent_class)->dispose (object);
}

static void
rd_document_view_finalize (GObject *object)
{
  RdDocumentView *self = RD_DOCUMENT_VIEW (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (rd_document_view_parent_class)->finalize (object);
}

static void
rd_document_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdDocumentView *self = RD_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            key,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, mods, action, NULL);
}

static void
rd_document_view_class_init (RdDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "viewer.zoom-in", "viewer.zoom-out", "viewer.zoom-reset", "viewer.fit-width",
    "viewer.fit-page", "viewer.rotate-left", "viewer.rotate-right", "viewer.previous-page",
    "viewer.next-page", "viewer.first-page", "viewer.last-page", "viewer.find",
    "viewer.find-next", "viewer.find-previous", "viewer.unlock",
  };

  object_class->dispose = rd_document_view_dispose;
  object_class->finalize = rd_document_view_finalize;
  object_class->get_property = rd_document_view_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, RD_TYPE_DOCUMENT_VIEW_STATE, RD_DOCUMENT_VIEW_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_PAGE_CANVAS);
  g_type_ensure (RD_TYPE_THUMBNAIL_STRIP);

  /* The resource lives in a static library: naming it keeps the linker from
   * dropping it, and its constructor registers it. */
  (void) rd_gui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, thumbnails_button);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, page_box);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, page_entry);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, search_button);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, match_label);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, stack);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, password_page);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, password_entry);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, password_error);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, thumbnails_box);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, thumbnails);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RdDocumentView, canvas);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, action_cb);

  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "viewer.zoom-reset");
  add_binding (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "viewer.rotate-left");
  add_binding (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "viewer.rotate-right");
  add_binding (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous-page");
  add_binding (widget_class, GDK_KEY_Page_Down, 0, "viewer.next-page");
  add_binding (widget_class, GDK_KEY_Home, 0, "viewer.first-page");
  add_binding (widget_class, GDK_KEY_End, 0, "viewer.last-page");
  add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "viewer.find");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "viewer.find-next");
  add_binding (widget_class, GDK_KEY_F3, 0, "viewer.find-next");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "viewer.find-previous");
  add_binding (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "viewer.find-previous");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-document-view");
}

static void
rd_document_view_init (RdDocumentView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected_hit = -1;
  self->model = rd_document_model_new ();
  rd_page_canvas_set_model (self->canvas, self->model);
  rd_thumbnail_strip_set_model (self->thumbnails, self->model);

  g_signal_connect_swapped (self->model, "notify::page", G_CALLBACK (update_page_controls), self);
  g_signal_connect_swapped (self->model, "notify::scale", G_CALLBACK (update_zoom_label), self);
  g_signal_connect_swapped (self->page_entry, "activate", G_CALLBACK (page_entry_activate_cb), self);
  g_signal_connect_swapped (self->password_entry, "activate", G_CALLBACK (password_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* The scrolled window binds Page Up/Down and Home/End to scrolling; on the pages
   * these keys turn pages, so the canvas claims them first. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                      gtk_named_action_new ("viewer.previous-page")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                      gtk_named_action_new ("viewer.next-page")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Home, 0),
                      gtk_named_action_new ("viewer.first-page")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_End, 0),
                      gtk_named_action_new ("viewer.last-page")));
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), shortcuts);

  update_zoom_label (self);
  update_page_controls (self);
  set_state (self, RD_DOCUMENT_VIEW_EMPTY);
}

GtkWidget *
rd_document_view_new (void)
{
  return g_object_new (RD_TYPE_DOCUMENT_VIEW, NULL);
}

RdDocumentViewState
rd_document_view_get_state (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), RD_DOCUMENT_VIEW_EMPTY);
  return self->state;
}

const char *
rd_document_view_get_error_message (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), NULL);
  return self->error_message;
}

/**
 * rd_document_view_get_model:
 *
 * Returns: (transfer none): the page, zoom and rotation shown
 */
RdDocumentModel *
rd_document_view_get_model (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), NULL);
  return self->model;
}

RdPageCanvas *
rd_document_view_get_canvas (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), NULL);
  return self->canvas;
}

RdThumbnailStrip *
rd_document_view_get_thumbnail_strip (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), NULL);
  return self->thumbnails;
}

gboolean
rd_document_view_is_finding (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), FALSE);
  return self->find_cancellable != NULL;
}

/**
 * rd_document_view_get_find_hits:
 *
 * Returns: (transfer none) (nullable): the hits of the last finished search
 */
GArray *
rd_document_view_get_find_hits (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), NULL);
  return self->hits;
}

int
rd_document_view_get_selected_hit (RdDocumentView *self)
{
  g_return_val_if_fail (RD_IS_DOCUMENT_VIEW (self), -1);
  return self->selected_hit;
}
