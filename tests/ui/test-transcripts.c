/* test-transcripts.c: transcripts on the case page, from the file to the redaction window
 *
 * A reviewer adds an e-mail thread and a chat export to a case, a file that is no transcript
 * is refused, and "Redact…" opens the transcript in the redaction editor with the requester's
 * own data told apart from other people's. Closing with unsaved decisions asks first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-case-page.h"
#include "rd-date.h"
#include "rd-redaction-window.h"
#include "rd-transcripts-group.h"
#include "ui-util.h"

/* A support thread: the requester writes, an agent answers, and a third party is named with
 * his e-mail address and phone number. Quoted-printable, as mail clients send it. */
static const char thread_eml[] =
  "From: Anna Schmidt <anna.schmidt@example.org>\r\n"
  "To: Support <help@acme.example>\r\n"
  "Subject: My order\r\n"
  "Date: Mon, 3 May 2027 09:12:00 +0200\r\n"
  "MIME-Version: 1.0\r\n"
  "Content-Type: text/plain; charset=utf-8\r\n"
  "Content-Transfer-Encoding: quoted-printable\r\n"
  "\r\n"
  "Hello, my parcel went to my neighbour Mark Jones instead. He says you can reach =\r\n"
  "him at mark.jones@example.com or on +44 20 7946 0958.\r\n"
  "Regards, Anna Schmidt\r\n";

static const char chat_json[] =
  "[{\"time\": \"2027-05-03T10:00:00Z\", \"author\": \"Anna Schmidt\","
  "  \"text\": \"Please write to me at anna.schmidt@example.org\"},"
  " {\"time\": \"2027-05-03T10:01:00Z\", \"author\": \"Agent Tom\","
  "  \"text\": \"I copied my colleague susan.miller@example.net on this.\"}]";

typedef struct
{
  char      *dir;
  RdStore   *store;
  char      *reference;
  GtkWidget *window;
  GtkWidget *page;
} Fixture;

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *content,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, length, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) item = rd_case_new ();
  g_autofree char *path = NULL;
  const char *emails[] = { "anna.schmidt@example.org", NULL };
  GDate received;

  f->dir = g_dir_make_tmp ("rightsdesk-ui-transcripts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cases.db", NULL);
  f->store = rd_store_open (path, &error);
  g_assert_no_error (error);

  rd_case_set_client (item, "Acme Retail");
  rd_case_set_request_type (item, RD_REQUEST_ACCESS);
  rd_case_set_jurisdiction (item, "eu-gdpr");
  rd_case_set_subject_name (item, "Anna Schmidt");
  rd_case_set_subject_emails (item, emails);
  g_date_clear (&received, 1);
  rd_date_today (&received);
  rd_case_set_received (item, &received);
  g_assert_true (rd_store_add_case (f->store, item, &error));
  g_assert_no_error (error);
  f->reference = g_strdup (rd_case_get_reference (item));

  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 900);
  f->page = rd_case_page_new ();
  {
    GtkWidget *overlay = adw_toast_overlay_new ();
    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->page);
    adw_window_set_content (ADW_WINDOW (f->window), overlay);
  }
  rd_case_page_set_store (RD_CASE_PAGE (f->page), f->store);
  rd_case_page_set_reference (RD_CASE_PAGE (f->page), f->reference);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_settle (200);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_settle (100);
  g_assert_finalize_object (f->store);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->reference);
}

static guint
count_transcripts (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) documents = rd_store_list_documents (f->store, f->reference, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    n += g_str_equal (((RdDocument *) g_ptr_array_index (documents, i))->kind, "transcript");
  return n;
}

/* The first button whose accessible label or mnemonic label is @label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *b = find_button (c, label);
      if (b != NULL)
        return b;
    }
  return NULL;
}

/* Whether a label under @widget shows a text holding @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_redaction_window (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (RD_IS_REDACTION_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
redaction_window_shown (gpointer data)
{
  return find_redaction_window () != NULL;
}

static gboolean
editor_ready (gpointer data)
{
  RdRedactionEditor *editor = data;

  return rd_redaction_editor_get_set (editor) != NULL && !rd_redaction_editor_get_busy (editor);
}

static RdRedactionItem *
item_covering (RdRedactionSet *set,
               const char     *needle)
{
  const char *text = rd_transcript_get_text (rd_redaction_set_get_transcript (set), NULL);
  const char *at = strstr (text, needle);
  int position;

  g_assert_nonnull (at);
  position = rd_redaction_set_find_at (set, at - text);
  return position < 0 ? NULL : rd_redaction_set_get_item (set, position);
}

static void
test_add_and_refuse (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GFile) eml = write_file (f, "thread.eml", thread_eml, -1);
  g_autoptr (GFile) chat = write_file (f, "chat.json", chat_json, -1);
  /* A PNG header: a picture, not a transcript. */
  g_autoptr (GFile) picture = write_file (f, "scan.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr (GError) error = NULL;
  GtkWidget *button;

  g_assert_cmpint (rd_transcripts_add_file (f->store, f->reference, eml, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rd_transcripts_add_file (f->store, f->reference, chat, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_transcripts (f), ==, 2);

  /* Refused with a message that names the file; nothing stored. */
  g_assert_cmpint (rd_transcripts_add_file (f->store, f->reference, picture, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "scan.txt"));
  g_assert_cmpuint (count_transcripts (f), ==, 2);

  /* The page shows both, each with its own Redact button. */
  ui_settle (200);
  button = find_button (f->page, "_Redact…");
  g_assert_nonnull (button);
  /* Where each came from, in words: not the store's internal "upload". */
  g_assert_true (shows_text (f->page, "attached from a file"));
  g_assert_false (shows_text (f->page, "upload"));
  /* Focus scrolls the page to the transcripts, as Tab would. */
  gtk_widget_grab_focus (button);
  ui_screenshot (f->window, "case-transcripts");
}

static void
test_redact_from_the_case_page (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (GFile) eml = write_file (f, "thread.eml", thread_eml, -1);
  g_autoptr (GError) error = NULL;
  RdRedactionEditor *editor;
  RdRedactionSet *set;
  RdRedactionItem *item;
  GtkWidget *button, *window;

  g_assert_cmpint (rd_transcripts_add_file (f->store, f->reference, eml, &error), >, 0);
  g_assert_no_error (error);
  ui_settle (200);

  button = find_button (f->page, "_Redact…");
  g_assert_nonnull (button);
  g_assert_null (find_redaction_window ());
  /* A button activated from the keyboard clicks after its press animation. */
  gtk_widget_activate (button);
  g_assert_true (ui_wait_until (redaction_window_shown, NULL, 5000));
  window = find_redaction_window ();
  g_assert_nonnull (window);
  editor = rd_redaction_window_get_editor (RD_REDACTION_WINDOW (window));
  g_assert_true (ui_wait_until (editor_ready, editor, 30000));
  set = rd_redaction_editor_get_set (editor);

  /* The requester's address is hers and stays; the neighbour's contact details are proposed
   * for redaction. */
  item = item_covering (set, "anna.schmidt@example.org");
  g_assert_nonnull (item);
  g_assert_true (rd_redaction_item_get_subject (item));
  item = item_covering (set, "mark.jones@example.com");
  g_assert_nonnull (item);
  g_assert_false (rd_redaction_item_get_subject (item));
  g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_PROPOSED);
  item = item_covering (set, "7946 0958");
  g_assert_nonnull (item);
  g_assert_false (rd_redaction_item_get_subject (item));

  /* A decision not yet saved: closing asks instead of losing it. */
  g_assert_cmpint (rd_redaction_set_decide_entity (set, "EMAIL_ADDRESS", RD_REDACTION_ACCEPTED,
                                                   NULL, &error), >=, 1);
  g_assert_no_error (error);
  ui_settle (300);
  ui_screenshot (window, "redaction-window");
  gtk_window_close (GTK_WINDOW (window));
  ui_settle (200);
  g_assert_true (find_redaction_window () == window);

  /* Once saved, it closes at once and the decisions are in the store. */
  g_assert_true (rd_redaction_editor_save (editor, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        gtk_window_destroy (l->data);
  }
  gtk_window_close (GTK_WINDOW (window));
  ui_settle (200);
  g_assert_null (find_redaction_window ());
  {
    g_autoptr (GPtrArray) withheld = rd_store_list_withheld (f->store, f->reference, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (withheld->len, >=, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/transcripts/add-and-refuse", Fixture, NULL,
              fixture_set_up, test_add_and_refuse, fixture_tear_down);
  g_test_add ("/transcripts/redact-from-the-case-page", Fixture, NULL,
              fixture_set_up, test_redact_from_the_case_page, fixture_tear_down);
  return g_test_run ();
}
