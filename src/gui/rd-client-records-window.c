/* rd-client-records-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-client-records-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-client-records-window.h"
#include "rd-error.h"
#include "rd-gui-util.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *hint;
  gboolean    multiline;
  gsize       offset;
} Field;

/* In the order a reader of GDPR Art. 15 expects; the hints cite what each answers. */
static const Field fields[] = {
  { "controller", N_("Controller"), N_("Name and contact details"), FALSE,
    G_STRUCT_OFFSET (RdClientRecords, controller) },
  { "dpo", N_("Data protection officer"), N_("Contact details"), FALSE,
    G_STRUCT_OFFSET (RdClientRecords, dpo) },
  { "purposes", N_("Purposes"),
    N_("Why the data is processed · GDPR Art. 15(1)(a); CCPA business or commercial purposes, "
       "Civ. Code § 1798.110(a)(3)"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, purposes) },
  { "data_categories", N_("Categories of personal data"),
    N_("GDPR Art. 15(1)(b); Civ. Code § 1798.110(a)(1)"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, data_categories) },
  { "recipients", N_("Recipients"),
    N_("Named where possible (CJEU C-154/21) · GDPR Art. 15(1)(c); categories of third parties, "
       "Civ. Code § 1798.110(a)(4)"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, recipients) },
  { "transfers", N_("Transfers to third countries"),
    N_("The countries and the safeguards relied on · GDPR Art. 15(2), Art. 46"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, transfers) },
  { "retention", N_("Retention"),
    N_("How long the data is kept, or the criteria that decide it · GDPR Art. 15(1)(d)"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, retention) },
  { "sources", N_("Sources"),
    N_("Where data not collected from the person comes from · GDPR Art. 15(1)(g); "
       "Civ. Code § 1798.110(a)(2)"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, sources) },
  { "automated_decisions", N_("Automated decisions"),
    N_("Automated decision-making and profiling: the logic involved and its consequences · "
       "GDPR Art. 15(1)(h), Art. 22"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, automated_decisions) },
  { "authority", N_("Supervisory authority"),
    N_("Where and how to complain · GDPR Art. 15(1)(f). Left empty, the letter names the "
       "authority of the case’s law"), TRUE,
    G_STRUCT_OFFSET (RdClientRecords, authority) },
};

#define N_FIELDS G_N_ELEMENTS (fields)

struct _RdClientRecordsWindow
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkBox          *fields_box;

  GtkWidget       *editors[N_FIELDS];   /* AdwEntryRow or GtkTextView */
  RdStore         *store;
  char            *client;
};

G_DEFINE_FINAL_TYPE (RdClientRecordsWindow, rd_client_records_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
find_field (const char *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return i;

  return -1;
}

static char **
record_member (RdClientRecords *records,
               guint            field)
{
  return G_STRUCT_MEMBER_P (records, fields[field].offset);
}

static char *
editor_text (RdClientRecordsWindow *self,
             guint                  field)
{
  GtkWidget *editor = self->editors[field];

  if (GTK_IS_TEXT_VIEW (editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));
}

static void
set_editor_text (RdClientRecordsWindow *self,
                 guint                  field,
                 const char            *text)
{
  GtkWidget *editor = self->editors[field];

  if (GTK_IS_TEXT_VIEW (editor))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (editor), text != NULL ? text : "");
}

static void
build_fields (RdClientRecordsWindow *self)
{
  GtkWidget *group = NULL;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const Field *field = &fields[i];

      if (!field->multiline)
        {
          GtkWidget *row = adw_entry_row_new ();

          /* The short fields share the first group, one row each. */
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                               _("Who is responsible"));
              gtk_box_append (self->fields_box, group);
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
          gtk_widget_set_tooltip_text (row, _(field->hint));
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(field->title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _(field->hint), -1);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          self->editors[i] = row;
        }
      else
        {
          GtkWidget *text_group = adw_preferences_group_new ();
          GtkWidget *frame = gtk_frame_new (NULL);
          GtkWidget *view = gtk_text_view_new ();

          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (text_group), _(field->title));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (text_group),
                                                 _(field->hint));
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
          gtk_widget_set_size_request (view, -1, 72);
          gtk_widget_add_css_class (view, "records-text");
          gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(field->title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _(field->hint), -1);
          gtk_frame_set_child (GTK_FRAME (frame), view);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (text_group), frame);
          gtk_box_append (self->fields_box, text_group);
          self->editors[i] = view;
        }
    }
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdClientRecordsWindow *self = RD_CLIENT_RECORDS_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!rd_client_records_window_save (self, &error))
    {
      /* Translators: "what failed: why" */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), _("Could not save the records"),
                                               error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, rd_gui_toast_new (text));
    }
}

static void
rd_client_records_window_dispose (GObject *object)
{
  RdClientRecordsWindow *self = RD_CLIENT_RECORDS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CLIENT_RECORDS_WINDOW);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_client_records_window_parent_class)->dispose (object);
}

static void
rd_client_records_window_finalize (GObject *object)
{
  RdClientRecordsWindow *self = RD_CLIENT_RECORDS_WINDOW (object);

  g_free (self->client);

  G_OBJECT_CLASS (rd_client_records_window_parent_class)->finalize (object);
}

static void
rd_client_records_window_class_init (RdClientRecordsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_client_records_window_dispose;
  object_class->finalize = rd_client_records_window_finalize;

  /* Emitted once the records are stored, before the window closes. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-client-records-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdClientRecordsWindow, fields_box);
  gtk_widget_class_bind_template_child (widget_class, RdClientRecordsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdClientRecordsWindow, window_title);

  gtk_widget_class_install_action (widget_class, "records.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "records.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_client_records_window_init (RdClientRecordsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_fields (self);
}

RdClientRecordsWindow *
rd_client_records_window_new (GtkWindow   *parent,
                              RdStore     *store,
                              const char  *client,
                              GError     **error)
{
  g_autoptr (RdClientRecords) records = NULL;
  RdClientRecordsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (client != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = rd_store_get_client_records (store, client, error);
  if (records == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_CLIENT_RECORDS_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->client = g_strdup (client);
  adw_window_title_set_subtitle (self->window_title, client);
  for (guint i = 0; i < N_FIELDS; i++)
    set_editor_text (self, i, *record_member (records, i));

  return self;
}

const char *
rd_client_records_window_get_client (RdClientRecordsWindow *self)
{
  g_return_val_if_fail (RD_IS_CLIENT_RECORDS_WINDOW (self), NULL);

  return self->client;
}

const char * const *
rd_client_records_window_list_fields (void)
{
  static const char *names[N_FIELDS + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < N_FIELDS; i++)
      names[i] = fields[i].name;

  return names;
}

char *
rd_client_records_window_dup_text (RdClientRecordsWindow *self,
                                   const char            *field)
{
  int i;

  g_return_val_if_fail (RD_IS_CLIENT_RECORDS_WINDOW (self), NULL);

  i = find_field (field);
  return i >= 0 ? editor_text (self, i) : NULL;
}

gboolean
rd_client_records_window_set_text (RdClientRecordsWindow *self,
                                   const char            *field,
                                   const char            *text)
{
  int i;

  g_return_val_if_fail (RD_IS_CLIENT_RECORDS_WINDOW (self), FALSE);

  i = find_field (field);
  if (i < 0)
    return FALSE;

  set_editor_text (self, i, text);
  return TRUE;
}

gboolean
rd_client_records_window_save (RdClientRecordsWindow  *self,
                               GError                **error)
{
  RdClientRecords records = { 0 };
  gboolean ok;

  g_return_val_if_fail (RD_IS_CLIENT_RECORDS_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Blank fields are not recorded, so that the cover letter says they are missing. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      char *text = g_strstrip (editor_text (self, i));

      if (*text == '\0')
        g_clear_pointer (&text, g_free);
      *record_member (&records, i) = text;
    }

  ok = rd_store_set_client_records (self->store, self->client, &records, error);
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (*record_member (&records, i));

  if (!ok)
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
