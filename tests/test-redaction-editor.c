/* test-redaction-editor.c: the redaction editor as a reviewer uses it, under Xvfb
 *
 * An e-mail thread and a chat export go into a case; findings are accepted, text is redacted
 * by hand, undone and redone; text, PDF and log are exported, and no redacted string may be
 * left in them (pdftotext reads the PDF). Screenshots land in RIGHTSDESK_TEST_OUTPUT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "rd-compat.h"
#include "rd-gui-util.h"
#include "rd-redaction-editor.h"
#include "rd-redaction-window.h"
#include "test-util.h"
#include "ui/ui-util.h"

static const char thread_eml[] =
  "From: Anna Schmidt <anna.schmidt@example.org>\r\n"
  "To: Acme Support <support@acme.example>\r\n"
  "Subject: Re: Order 4481-2201 delivered to the wrong address\r\n"
  "Date: Tue, 3 Mar 2026 10:12:00 +0100\r\n"
  "MIME-Version: 1.0\r\n"
  "Content-Type: text/plain; charset=utf-8\r\n"
  "Content-Transfer-Encoding: quoted-printable\r\n"
  "\r\n"
  "Hello,\r\n"
  "\r\n"
  "my order 4481-2201 went to my neighbour Tom Baker instead. He says you can\r\n"
  "reach him at tom.baker@mailbox.example or on 020 7946 0958. Gr=C3=BC=C3=9Fe aus Berlin.\r\n"
  "\r\n"
  "Kind regards,\r\n"
  "Anna Schmidt\r\n"
  "\r\n"
  "> On Mon, 2 Mar 2026, Julia Rossi <julia.rossi@acme.example> wrote:\r\n"
  "> Ticket TCK-20931 is open. Our courier Piet de Vries\r\n"
  "> (piet.devries@parcelco.example) will call you.\r\n";

static const char chat_json[] =
  "[\n"
  " {\"time\": \"2026-03-04T09:00:00Z\", \"author\": \"Anna Schmidt\", \"text\": \"Hi, I asked for my data last week — Grüße. Reference TCK-20931.\"},\n"
  " {\"time\": \"2026-03-04T09:01:10Z\", \"author\": \"Agent Julia\", \"text\": \"Hello Anna! I can see your account anna.schmidt@example.org.\"},\n"
  " {\"time\": \"2026-03-04T09:02:30Z\", \"author\": \"Anna Schmidt\", \"text\": \"Please also check the note from my ex-partner, mark.jensen@freemail.example, he called about it.\"},\n"
  " {\"time\": \"2026-03-04T09:03:05Z\", \"author\": \"Agent Julia\", \"text\": \"I have forwarded it to our legal team. Tracking 1Z999AA10123456784.\"}\n"
  "]\n";

typedef struct
{
  TestDir            dir;
  RdStore           *store;
  char              *reference;
  GtkWindow         *window;
  RdRedactionEditor *editor;
  char              *output;
  guint              saved;
} Fixture;

static void
wait_until_idle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rd_redaction_editor_get_busy (f->editor))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  /* Let idle redraws and the list catch up. */
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
saved_cb (RdRedactionEditor *editor,
          Fixture           *f)
{
  f->saved++;
}

static gint64
add_document (Fixture    *f,
              const char *name,
              const char *mime,
              const char *content)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (content, strlen (content));
  g_autoptr (GError) error = NULL;
  gint64 id = rd_store_add_document (f->store, f->reference, "transcript", name, mime, bytes,
                                     "upload", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) draft = rd_case_new ();
  const char *emails[] = { "anna.schmidt@example.org", NULL };
  GDate received = test_date ("2026-03-02");
  GtkWidget *box;

  test_dir_setup (&f->dir, NULL);
  f->store = rd_store_open (f->dir.db, &error);
  g_assert_no_error (error);

  rd_case_set_client (draft, "Acme Retail");
  rd_case_set_jurisdiction (draft, "eu-gdpr");
  rd_case_set_request_type (draft, RD_REQUEST_ACCESS);
  rd_case_set_received (draft, &received);
  rd_case_set_subject_name (draft, "Anna Schmidt");
  rd_case_set_subject_emails (draft, emails);
  g_assert_true (rd_store_add_case (f->store, draft, &error));
  g_assert_no_error (error);
  f->reference = g_strdup (rd_case_get_reference (draft));

  f->output = g_strdup (g_getenv ("RIGHTSDESK_TEST_OUTPUT"));
  if (f->output == NULL)
    f->output = g_strdup (f->dir.dir);
  g_assert_cmpint (g_mkdir_with_parents (f->output, 0755), ==, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_window_set_title (f->window, "Redaction editor");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  f->editor = RD_REDACTION_EDITOR (rd_redaction_editor_new (f->store));
  g_object_ref (f->editor);
  gtk_widget_set_vexpand (GTK_WIDGET (f->editor), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->editor));
  gtk_window_set_child (f->window, box);
  g_signal_connect (f->editor, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (f->window);
  spin (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  spin (100);
  g_assert_finalize_object (f->editor);
  g_assert_finalize_object (f->store);
  g_free (f->reference);
  g_free (f->output);
  test_dir_teardown (&f->dir, NULL);
}

/* The text the editor shows, and where @needle is in it, in characters. */
static gsize
char_offset_of (RdRedactionEditor *editor,
                const char        *needle)
{
  RdRedactionSet *set = rd_redaction_editor_get_set (editor);
  const char *text = rd_transcript_get_text (rd_redaction_set_get_transcript (set), NULL);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static GtkTextView *
find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return GTK_TEXT_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *view = find_text_view (child);
      if (view)
        return view;
    }
  return NULL;
}

/* The runs of the shown text in bold as speaker labels, one a line. */
static char *
speaker_labels (RdRedactionEditor *editor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (find_text_view (GTK_WIDGET (editor)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "speaker");
  GString *labels = g_string_new (NULL);
  GtkTextIter at, end;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &at);
  while (gtk_text_iter_starts_tag (&at, tag) || gtk_text_iter_forward_to_tag_toggle (&at, tag))
    {
      g_autofree char *label = NULL;

      end = at;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      label = gtk_text_iter_get_text (&at, &end);
      g_string_append_printf (labels, "%s\n", label);
      at = end;
    }
  return g_string_free (labels, FALSE);
}

static RdRedactionItem *
item_covering (RdRedactionEditor *editor,
               const char        *needle)
{
  RdRedactionSet *set = rd_redaction_editor_get_set (editor);
  const char *text = rd_transcript_get_text (rd_redaction_set_get_transcript (set), NULL);
  const char *at = strstr (text, needle);
  int position;

  g_assert_nonnull (at);
  position = rd_redaction_set_find_at (set, at - text);
  return position < 0 ? NULL : rd_redaction_set_get_item (set, position);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* Counts the findings list's state lines under @widget that start with @prefix, asserting
 * that each gives screen readers its whole text (it is ellipsized on screen). */
static guint
count_state_lines (GtkWidget  *widget,
                   const char *prefix)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "caption") &&
      gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    {
      g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                         gtk_label_get_text (GTK_LABEL (widget))));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_state_lines (child, prefix);
  return n;
}

/* The Redact or Keep button (@label) of the findings list's row for @excerpt, if shown. */
static GtkWidget *
finding_button (GtkWidget  *root,
                const char *excerpt,
                const char *label)
{
  if (gtk_widget_has_css_class (root, "rd-finding"))
    {
      GtkWidget *text = gtk_widget_get_first_child (root);
      GtkWidget *buttons = gtk_widget_get_next_sibling (text);
      gboolean match = FALSE;

      for (GtkWidget *l = gtk_widget_get_first_child (text); l; l = gtk_widget_get_next_sibling (l))
        match = match || (gtk_widget_has_css_class (l, "rd-excerpt") &&
                          g_str_equal (gtk_label_get_text (GTK_LABEL (l)), excerpt));
      for (GtkWidget *b = gtk_widget_get_first_child (buttons); match && b;
           b = gtk_widget_get_next_sibling (b))
        if (g_str_equal (gtk_button_get_label (GTK_BUTTON (b)), label))
          return b;
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = finding_button (child, excerpt, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Accepts every finding of every type, as "Redact All" does per type. */
static void
accept_all_types (RdRedactionEditor *editor)
{
  RdRedactionSet *set = rd_redaction_editor_get_set (editor);
  g_auto (GStrv) entities = rd_redaction_set_get_entities (set);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; entities[i]; i++)
    g_assert_cmpint (rd_redaction_set_decide_entity (set, entities[i], RD_REDACTION_ACCEPTED, NULL,
                                                     &error), >=, 0);
  g_assert_no_error (error);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Exports text, PDF and log to @stem.*, and checks that none of @gone is left in any of them
 * while everything in @kept is still in the text. */
static void
export_and_check (Fixture            *f,
                  const char         *stem,
                  const char * const *gone,
                  const char * const *kept,
                  guint               n_accepted)
{
  g_autofree char *txt_path = g_strdup_printf ("%s/%s.txt", f->output, stem);
  g_autofree char *pdf_path = g_strdup_printf ("%s/%s.pdf", f->output, stem);
  g_autofree char *log_path = g_strdup_printf ("%s/%s.json", f->output, stem);
  g_autoptr (GFile) txt = g_file_new_for_path (txt_path);
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr (GFile) log = g_file_new_for_path (log_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PopplerDocument) document = NULL;
  g_autofree char *text = NULL, *from_pdf = NULL, *uri = NULL;
  JsonArray *entries;

  g_assert_true (rd_redaction_editor_export_text (f->editor, txt, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (txt_path, &text, NULL, NULL));
  for (guint i = 0; gone[i]; i++)
    g_assert_null (strstr (text, gone[i]));
  for (guint i = 0; kept[i]; i++)
    g_assert_nonnull (strstr (text, kept[i]));
  g_assert_nonnull (strstr (text, "[REDACTED: "));

  rd_redaction_editor_export_pdf_async (f->editor, pdf, NULL, got_result_cb, &result);
  g_assert_true (rd_redaction_editor_get_busy (f->editor));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rd_redaction_editor_export_pdf_finish (f->editor, result, &error));
  g_assert_no_error (error);
  g_assert_false (rd_redaction_editor_get_busy (f->editor));

  /* A real PDF with pages, and nothing redacted that a text extractor could find. */
  uri = g_filename_to_uri (pdf_path, NULL, NULL);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1);
  from_pdf = pdf_text (pdf_path);
  for (guint i = 0; gone[i]; i++)
    g_assert_null (strstr (from_pdf, gone[i]));

  g_assert_true (rd_redaction_editor_export_log (f->editor, log, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, log_path, &error));
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "redactions");
  g_assert_cmpuint (json_array_get_length (entries), ==, n_accepted);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (entries, i),
                                                     "reason"));

  /* Each copy that left is in the case's audit trail, with the checksum of what was written,
   * and without the file's name. */
  {
    g_autoptr (GPtrArray) events = rd_audit_list_for_case (f->store, f->reference, &error);
    const char *paths[] = { txt_path, pdf_path, log_path };
    const char *formats[] = { "\"text\"", "\"pdf\"", "\"log\"" };

    g_assert_no_error (error);
    for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
      {
        g_autofree char *contents = NULL, *sha = NULL;
        gsize length;
        gboolean found = FALSE;

        g_assert_true (g_file_get_contents (paths[k], &contents, &length, NULL));
        sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
        for (guint i = 0; i < events->len; i++)
          {
            const RdAuditEvent *e = g_ptr_array_index (events, i);

            if (g_strcmp0 (e->action, "redactions.exported") == 0 &&
                strstr (e->details, formats[k]) != NULL && strstr (e->details, sha) != NULL)
              {
                found = TRUE;
                g_assert_null (strstr (e->details, stem));
              }
          }
        g_assert_true (found);
      }
  }
}

/* The transcript's search entry, not one of a drop-down's. */
static gboolean
in_search_bar (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR) != NULL;
}

/* The text under @tag (all of it, joined), and where it starts. */
static char *
tagged_text (RdRedactionEditor *editor,
             const char        *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (find_text_view (GTK_WIDGET (editor)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GString *out = g_string_new (NULL);
  GtkTextIter at;

  for (gtk_text_buffer_get_start_iter (buffer, &at); !gtk_text_iter_is_end (&at);
       gtk_text_iter_forward_char (&at))
    if (gtk_text_iter_has_tag (&at, tag))
      g_string_append_unichar (out, gtk_text_iter_get_char (&at));
  return g_string_free (out, FALSE);
}

static int
tagged_offset (RdRedactionEditor *editor,
               const char        *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (find_text_view (GTK_WIDGET (editor)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter at;

  gtk_text_buffer_get_start_iter (buffer, &at);
  if (!gtk_text_iter_starts_tag (&at, tag) && !gtk_text_iter_forward_to_tag_toggle (&at, tag))
    return -1;
  return gtk_text_iter_get_offset (&at);
}

/* Export with findings nobody decided on: the reviewer is asked, and either goes back to them
 * or has them redacted (one step to undo) before choosing the file. */
static void
check_undecided_export (Fixture        *f,
                        RdRedactionSet *set)
{
  guint proposed = rd_redaction_set_count (set, RD_REDACTION_PROPOSED);
  AdwMessageDialog *dialog;
  GtkWindow *chooser;

  g_assert_cmpuint (proposed, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.export-text", NULL));
  spin (100);
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not been decided"));
  {
    g_autofree char *shot = g_build_filename (f->output, "redaction-editor-undecided.png", NULL);
    save_screenshot (GTK_WIDGET (dialog), shot);
  }
  adw_message_dialog_response (dialog, "cancel");
  spin (100);
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_PROPOSED), ==, proposed);
  g_assert_null (ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.export-pdf", NULL));
  spin (100);
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "redact");
  spin (300);
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_PROPOSED), ==, 0);
  chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.undo", NULL));
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_PROPOSED), ==, proposed);
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GPtrArray) withheld = NULL;
  g_autofree char *shot = NULL, *shot2 = NULL;
  RdRedactionSet *set;
  RdRedactionItem *item;
  gint64 mail_id = add_document (f, "thread.eml", "message/rfc822", thread_eml);
  gint64 chat_id = add_document (f, "chat.json", "application/json", chat_json);
  gsize tom;
  guint n_items;

  /* Bad input is an error, not a crash. */
  g_assert_false (rd_redaction_editor_load_document (f->editor, f->reference, 999, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rd_redaction_editor_load_document (f->editor, "RD-1999-000404", mail_id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The e-mail thread: the detector's proposals, the requester's own address kept. */
  g_assert_true (rd_redaction_editor_load_document (f->editor, f->reference, mail_id, &error));
  g_assert_no_error (error);
  wait_until_idle (f);
  set = rd_redaction_editor_get_set (f->editor);
  g_assert_nonnull (set);
  item = item_covering (f->editor, "tom.baker@mailbox.example");
  g_assert_nonnull (item);
  g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_PROPOSED);
  item = item_covering (f->editor, "anna.schmidt@example.org");
  g_assert_nonnull (item);
  g_assert_true (rd_redaction_item_get_subject (item));
  g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_REJECTED);

  /* Accept them: the requester's address stays. */
  accept_all_types (f->editor);
  g_assert_cmpint (rd_redaction_item_get_state (item_covering (f->editor, "tom.baker@mailbox.example")),
                   ==, RD_REDACTION_ACCEPTED);
  g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_REJECTED);
  spin (100);
  g_assert_cmpuint (count_state_lines (GTK_WIDGET (f->editor), "Redacted · "), >, 0);
  g_assert_cmpuint (count_state_lines (GTK_WIDGET (f->editor), "Kept · "), >, 0);

  /* Redacted by itself, the requester's own address takes no default reason: the default,
   * third-party data, would tell the requester something untrue in the register. A reason
   * picked for it is taken. */
  {
    GtkWidget *redact = finding_button (GTK_WIDGET (f->editor), "anna.schmidt@example.org",
                                        "Redact");
    GtkDropDown *reasons = GTK_DROP_DOWN (ui_find (GTK_WIDGET (f->editor), GTK_TYPE_DROP_DOWN,
                                                   NULL));
    const char *privilege;

    g_assert_nonnull (redact);
    g_signal_emit_by_name (redact, "clicked");
    g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_REJECTED);
    g_assert_null (rd_redaction_item_get_reason (item));

    gtk_drop_down_set_selected (reasons, 1);
    privilege = gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (reasons)), 1);
    g_assert_nonnull (strstr (privilege, "privilege"));
    g_signal_emit_by_name (redact, "clicked");
    g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_ACCEPTED);
    g_assert_cmpstr (rd_redaction_item_get_reason (item), ==, privilege);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.undo", NULL));
    g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_REJECTED);
    gtk_drop_down_set_selected (reasons, 0);
  }

  /* The detector found the neighbour's name; the town he lives in is redacted by hand, as
   * Ctrl+R does on a selection. */
  g_assert_cmpint (rd_redaction_item_get_state (item_covering (f->editor, "Tom Baker")), ==,
                   RD_REDACTION_ACCEPTED);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (set));
  tom = char_offset_of (f->editor, "Berlin");
  g_assert_null (item_covering (f->editor, "Berlin"));
  rd_redaction_editor_select_range (f->editor, tom, tom + strlen ("Berlin"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.redact-selection", NULL));
  item = item_covering (f->editor, "Berlin");
  g_assert_nonnull (item);
  g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_ACCEPTED);
  g_assert_nonnull (rd_redaction_item_get_reason (item));

  /* Undo takes it back, redo brings it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.undo", NULL));
  item = item_covering (f->editor, "Berlin");
  g_assert_true (item == NULL || rd_redaction_item_get_state (item) != RD_REDACTION_ACCEPTED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.redo", NULL));
  g_assert_cmpint (rd_redaction_item_get_state (item_covering (f->editor, "Berlin")), ==,
                   RD_REDACTION_ACCEPTED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), >, n_items);

  tom = char_offset_of (f->editor, "020 7946 0958");
  rd_redaction_editor_select_range (f->editor, tom, tom + strlen ("020 7946 0958"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.redact-selection", NULL));

  /* Search, and a finding selected, for the screenshot. The match the count names has a
   * colour of its own, and moves with Next. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.search", NULL));
  {
    GtkWidget *entry = ui_find (GTK_WIDGET (f->editor), GTK_TYPE_SEARCH_ENTRY, in_search_bar);
    g_autofree char *first = NULL, *second = NULL;
    int at;

    g_assert_nonnull (entry);
    /* The redaction just made redraws the text first. */
    spin (100);
    wait_until_idle (f);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Anna");
    g_signal_emit_by_name (entry, "search-changed");
    spin (100);
    first = tagged_text (f->editor, "current-match");
    g_assert_cmpstr (first, ==, "Anna");
    at = tagged_offset (f->editor, "current-match");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.search-next", NULL));
    second = tagged_text (f->editor, "current-match");
    g_assert_cmpstr (second, ==, "Anna");
    g_assert_cmpint (tagged_offset (f->editor, "current-match"), !=, at);

    /* Typed without its accent or capital, a word is still found as the text writes it. */
    {
      g_autofree char *accented = NULL;

      gtk_editable_set_text (GTK_EDITABLE (entry), "gruße");
      g_signal_emit_by_name (entry, "search-changed");
      spin (50);
      accented = tagged_text (f->editor, "current-match");
      g_assert_cmpstr (accented, ==, "Grüße");
      g_clear_pointer (&accented, g_free);

      /* Nor does it matter whether the sharp s is typed as "ss". */
      gtk_editable_set_text (GTK_EDITABLE (entry), "GRUSSE");
      g_signal_emit_by_name (entry, "search-changed");
      spin (50);
      accented = tagged_text (f->editor, "current-match");
      g_assert_cmpstr (accented, ==, "Grüße");
    }
  }
  spin (300);
  wait_until_idle (f);
  shot = g_build_filename (f->output, "redaction-editor.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot);

  /* The reason reads in full at this size, and shrinks rather than hold a narrow window wide:
   * the editor fits beside the main window's sidebar at its default width of 1000 pixels. */
  {
    GtkWidget *reasons = ui_find (GTK_WIDGET (f->editor), GTK_TYPE_DROP_DOWN, NULL);
    GtkWidget *label;
    int min_width;

    g_assert_nonnull (reasons);
    label = ui_find (reasons, GTK_TYPE_LABEL, gtk_widget_get_mapped);
    g_assert_nonnull (label);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "GDPR Art. 15(4)"));
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    gtk_widget_measure (GTK_WIDGET (f->editor), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                        NULL, NULL);
    g_test_message ("the editor's minimum width: %d px", min_width);
    g_assert_cmpint (min_width, <=, 1000 - 250);

    gtk_window_set_default_size (f->window, 720, 800);
    spin (300);
    g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    /* The transcript keeps room to be read; the list gives way. */
    g_assert_cmpint (gtk_widget_get_width (gtk_paned_get_start_child (GTK_PANED (
                       ui_find (GTK_WIDGET (f->editor), GTK_TYPE_PANED, NULL)))), >=, 280);
    save_screenshot (GTK_WIDGET (f->window), shot2 = g_build_filename (f->output,
                                                                         "redaction-editor-narrow.png",
                                                                         NULL));
    g_clear_pointer (&shot2, g_free);
    gtk_window_set_default_size (f->window, 1280, 800);
    spin (300);
  }

  {
    const char *gone[] = { "tom.baker@mailbox.example", "Tom Baker", "020 7946 0958", "Berlin",
                           "julia.rossi@acme.example", "piet.devries@parcelco.example", NULL };
    const char *kept[] = { "anna.schmidt@example.org", "4481-2201", "TCK-20931", "Grüße", NULL };

    export_and_check (f, "redaction-editor-mail", gone, kept,
                      rd_redaction_set_count (set, RD_REDACTION_ACCEPTED));
  }

  /* Saved decisions land in the store and the withheld-items register. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL));
  g_assert_cmpuint (f->saved, ==, 1);
  g_assert_false (rd_redaction_set_get_modified (set));
  saved = rd_store_load_redactions (f->store, mail_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, g_list_model_get_n_items (G_LIST_MODEL (set)));
  withheld = rd_store_list_withheld (f->store, f->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (withheld->len, >=, 2);

  /* The chat export. */
  g_assert_true (rd_redaction_editor_load_document (f->editor, f->reference, chat_id, &error));
  g_assert_no_error (error);
  wait_until_idle (f);
  set = rd_redaction_editor_get_set (f->editor);
  g_assert_nonnull (item_covering (f->editor, "mark.jensen@freemail.example"));
  /* Each turn's label in bold, where the accents before it put it in characters. */
  {
    g_autofree char *labels = speaker_labels (f->editor);

    g_assert_cmpstr (labels, ==,
                     "[2026-03-04T09:00:00Z] Anna Schmidt: \n[2026-03-04T09:01:10Z] Agent Julia: \n"
                     "[2026-03-04T09:02:30Z] Anna Schmidt: \n[2026-03-04T09:03:05Z] Agent Julia: \n");
  }
  check_undecided_export (f, set);
  accept_all_types (f->editor);
  tom = char_offset_of (f->editor, "ex-partner");
  rd_redaction_editor_select_range (f->editor, tom, tom + strlen ("ex-partner"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.redact-selection", NULL));
  {
    const char *gone[] = { "mark.jensen@freemail.example", "ex-partner", NULL };
    const char *kept[] = { "anna.schmidt@example.org", "1Z999AA10123456784", "TCK-20931", NULL };

    export_and_check (f, "redaction-editor-chat", gone, kept,
                      rd_redaction_set_count (set, RD_REDACTION_ACCEPTED));
  }
  wait_until_idle (f);
  shot2 = g_build_filename (f->output, "redaction-editor-chat.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot2);

  /* Redacted text stands out in the dark style too: a light bar there, a dark one here. */
  {
    GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (
        gtk_text_view_get_buffer (find_text_view (GTK_WIDGET (f->editor))));
    GtkTextTag *accepted = gtk_text_tag_table_lookup (tags, "accepted");
    AdwStyleManager *style = adw_style_manager_get_default ();
    g_autofree char *dark_shot = g_build_filename (f->output, "redaction-editor-dark.png", NULL);
    GdkRGBA *bar = NULL;

    g_object_get (accepted, "background-rgba", &bar, NULL);
    g_assert_cmpfloat (bar->red + bar->green + bar->blue, <, 1.0);
    gdk_rgba_free (bar);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    spin (200);
    g_object_get (accepted, "background-rgba", &bar, NULL);
    g_assert_cmpfloat (bar->red + bar->green + bar->blue, >, 2.0);
    gdk_rgba_free (bar);
    save_screenshot (GTK_WIDGET (f->window), dark_shot);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    spin (100);
  }

  /* Reopening the e-mail shows the saved decisions, not a fresh scan. */
  g_assert_true (rd_redaction_editor_load_document (f->editor, f->reference, mail_id, &error));
  wait_until_idle (f);
  g_assert_cmpint (rd_redaction_item_get_state (item_covering (f->editor, "Tom Baker")), ==,
                   RD_REDACTION_ACCEPTED);
}

/* Closing the editor's window with decisions not saved asks first; either answer closes it
 * cleanly, and Save keeps the decisions. */
static void
test_close_unsaved (Fixture       *f,
                    gconstpointer  data)
{
  const char *answers[] = { "discard", "save" };
  gint64 chat_id = add_document (f, "chat.json", "application/json", chat_json);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) saved = NULL;
      GtkWidget *window = rd_redaction_window_new (f->window, f->store, f->reference, chat_id,
                                                   &error);
      RdRedactionEditor *editor;
      AdwMessageDialog *dialog;

      g_assert_no_error (error);
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
      editor = rd_redaction_window_get_editor (RD_REDACTION_WINDOW (window));
      gtk_window_present (GTK_WINDOW (window));
      spin (200);
      while (rd_redaction_editor_get_set (editor) == NULL ||
             rd_redaction_set_count (rd_redaction_editor_get_set (editor),
                                     RD_REDACTION_PROPOSED) == 0)
        g_main_context_iteration (NULL, TRUE);
      accept_all_types (editor);

      /* Ctrl+? shows the shortcuts of review and redaction, over this window. */
      if (i == 0)
        {
          GtkWidget *shortcuts;
          g_autofree char *section = NULL;

          g_assert_true (gtk_widget_activate_action (window, "redaction-window.show-shortcuts",
                                                     NULL));
          spin (100);
          shortcuts = GTK_WIDGET (ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
          g_assert_nonnull (shortcuts);
          g_object_get (shortcuts, "section-name", &section, NULL);
          g_assert_cmpstr (section, ==, "review");
          g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
          gtk_window_destroy (GTK_WINDOW (shortcuts));
          spin (50);
        }

      gtk_window_close (GTK_WINDOW (window));
      spin (100);
      g_assert_nonnull (window);
      dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, answers[i]);
      spin (200);
      g_assert_null (window);
      g_assert_null (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

      saved = rd_store_load_redactions (f->store, chat_id, &error);
      g_assert_no_error (error);
      if (i == 0)
        g_assert_cmpuint (saved->len, ==, 0);
      else
        g_assert_cmpuint (saved->len, >, 0);
    }
}

static gboolean
label_reads (GtkWidget  *widget,
             const char *text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A label under @root that is on screen and reads @text. */
static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  if (label_reads (root, text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (label_shown (c, text))
      return TRUE;
  return FALSE;
}

static gboolean
cancel_shown (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "editor.cancel") == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (cancel_shown (c))
      return TRUE;
  return FALSE;
}

/* While a transcript is read, the editor says so, names it and offers Cancel; cancelled, it
 * is free again. A file that is not a transcript is refused with the reason. Names and
 * reasons read as written, "&" and "<" included. */
static void
test_opening (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *editor = GTK_WIDGET (f->editor);
  gint64 chat_id = add_document (f, "Smith & Sons <chat>.json", "application/json", chat_json);
  gint64 png_id = add_document (f, "R&D scan.txt", "text/plain", "\x89PNG\r\n\x1a\n");

  g_assert_true (rd_redaction_editor_load_document (f->editor, f->reference, chat_id, &error));
  g_assert_no_error (error);
  /* Before the reading thread's answer comes back through the main loop. */
  g_assert_true (rd_redaction_editor_get_busy (f->editor));
  g_assert_true (label_shown (editor, "Reading the Transcript"));
  g_assert_true (label_shown (editor, "Smith & Sons <chat>.json"));
  g_assert_true (cancel_shown (editor));

  gtk_widget_activate_action (editor, "editor.cancel", NULL);
  wait_until_idle (f);
  g_assert_false (rd_redaction_editor_get_busy (f->editor));
  g_assert_null (rd_redaction_editor_get_set (f->editor));
  g_assert_true (label_shown (editor, "Opening the transcript was cancelled"));
  g_assert_false (cancel_shown (editor));

  g_assert_true (rd_redaction_editor_load_document (f->editor, f->reference, png_id, &error));
  wait_until_idle (f);
  g_assert_true (label_shown (editor, "The Transcript Could Not Be Read"));
  g_assert_true (label_shown (editor, "The file is a PNG image, not a transcript"));
  g_assert_false (cancel_shown (editor));

  /* Toasts take markup as well: one about such a file reads as its name is written. */
  {
    g_autoptr (AdwToast) toast = rd_gui_toast_new ("Saved “R&D <1>.txt”");

    g_assert_cmpstr (adw_toast_get_title (toast), ==, "Saved “R&amp;D &lt;1&gt;.txt”");
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Software rendering: the same pixels on every machine, and no GL driver noise in valgrind. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/ui/redaction-editor/review", Fixture, NULL, fixture_setup, test_review,
              fixture_teardown);
  g_test_add ("/ui/redaction-editor/close-unsaved", Fixture, NULL, fixture_setup,
              test_close_unsaved, fixture_teardown);
  g_test_add ("/ui/redaction-editor/opening", Fixture, NULL, fixture_setup, test_opening,
              fixture_teardown);

  return g_test_run ();
}
