/* test-redaction-set.c: the reviewer's decisions, their history, and where proposals come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-case.h"
#include "rd-error.h"
#include "rd-redaction-reasons.h"
#include "rd-redaction-scan.h"
#include "rd-redaction-set.h"
#include "test-util.h"

#define THIRD_PARTY "Third-party personal data — GDPR Art. 15(4)"
#define PRIVILEGE "Legal privilege"

/* "Jörg" has a two-byte ö: byte and character offsets part after it. */
static const char chat[] =
  "Anna: my mail is anna@example.org\n\n"        /* anna@… at bytes 17..33 */
  "Jörg: call Bernd on 0151 2345678\n\n"         /* Bernd at byte 47, character 46 */
  "Anna: thanks, Bernd\n";

static RdTranscript *
load_chat (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (chat, strlen (chat));
  g_autoptr (GError) error = NULL;
  RdTranscript *transcript = rd_transcript_load (bytes, "chat.txt", &error);

  g_assert_no_error (error);
  g_assert_nonnull (transcript);
  return transcript;
}

static gsize
offset_of (const char *needle,
           guint       nth)
{
  const char *at = chat;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i ? at + 1 : at, needle);
      g_assert_nonnull (at);
    }
  return at - chat;
}

static RdRedaction *
span (const char       *needle,
      guint             nth,
      const char       *entity,
      RdRedactionState  state,
      gboolean          subject)
{
  gsize start = offset_of (needle, nth);
  RdRedaction *r = rd_redaction_new (start, start + strlen (needle), entity,
                                     subject ? NULL : THIRD_PARTY, state);
  r->subject = subject;
  return r;
}

/* The set every test starts from: the subject Anna and the third parties Jörg and Bernd. */
static RdRedactionSet *
make_set (void)
{
  g_autoptr (RdTranscript) transcript = load_chat ();
  g_autoptr (GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  RdRedactionSet *set = rd_redaction_set_new (transcript);
  const char *text;

  /* Given out of order on purpose. */
  g_ptr_array_add (proposals, span ("0151 2345678", 0, "PHONE_NUMBER", RD_REDACTION_PROPOSED, FALSE));
  g_ptr_array_add (proposals, span ("Bernd", 1, "PERSON", RD_REDACTION_PROPOSED, FALSE));
  g_ptr_array_add (proposals, span ("Anna", 0, "PERSON", RD_REDACTION_REJECTED, TRUE));
  g_ptr_array_add (proposals, span ("anna@example.org", 0, "EMAIL_ADDRESS", RD_REDACTION_REJECTED, TRUE));
  g_ptr_array_add (proposals, span ("Jörg", 0, "PERSON", RD_REDACTION_PROPOSED, FALSE));
  g_ptr_array_add (proposals, span ("Bernd", 0, "PERSON", RD_REDACTION_PROPOSED, FALSE));

  g_assert_cmpuint (rd_redaction_set_load (set, proposals), ==, 6);
  text = rd_transcript_get_text (rd_redaction_set_get_transcript (set), NULL);
  g_assert_cmpstr (text, ==, chat);
  return set;
}

static char *
redacted (RdRedactionSet *set)
{
  g_autoptr (GPtrArray) decisions = rd_redaction_set_get_redactions (set);
  gsize length;
  const char *text = rd_transcript_get_text (rd_redaction_set_get_transcript (set), &length);

  return rd_redaction_apply_text (text, length, decisions, RD_REDACTION_STYLE_TOKEN);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_load (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (RdTranscript) transcript = load_chat ();
  g_autoptr (RdRedactionSet) other = rd_redaction_set_new (transcript);
  g_autoptr (GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  gsize o_umlaut = offset_of ("ö", 0);
  RdRedactionItem *item;
  const char *order[] = { "Anna", "anna@example.org", "Jörg", "Bernd", "0151 2345678", NULL };

  /* Text order, whatever order they came in. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 6);
  for (guint i = 0; order[i]; i++)
    g_assert_cmpstr (rd_redaction_item_get_excerpt (rd_redaction_set_get_item (set, i)), ==,
                     order[i]);

  /* "Bernd" on line 3 starts at byte 47 but character 46: one ö before it. */
  item = rd_redaction_set_get_item (set, 3);
  g_assert_cmpuint (rd_redaction_item_get_start (item), ==, 47);
  g_assert_cmpuint (rd_redaction_item_get_char_start (item), ==, 46);
  g_assert_cmpuint (rd_redaction_item_get_char_end (item), ==, 51);
  item = rd_redaction_set_get_item (set, 2);
  g_assert_cmpuint (rd_redaction_item_get_char_end (item) - rd_redaction_item_get_char_start (item),
                    ==, 4);
  g_assert_false (rd_redaction_set_get_modified (set));
  g_assert_false (rd_redaction_set_can_undo (set));

  /* Spans past the end, empty, or cutting the ö in two are dropped. */
  g_ptr_array_add (bad, rd_redaction_new (0, sizeof chat + 10, "PERSON", NULL, RD_REDACTION_PROPOSED));
  g_ptr_array_add (bad, rd_redaction_new (5, 5, "PERSON", NULL, RD_REDACTION_PROPOSED));
  g_ptr_array_add (bad, rd_redaction_new (o_umlaut + 1, o_umlaut + 3, "PERSON", NULL,
                                          RD_REDACTION_PROPOSED));
  g_ptr_array_add (bad, rd_redaction_new (o_umlaut, o_umlaut + 2, "PERSON", NULL,
                                          RD_REDACTION_PROPOSED));
  g_assert_cmpuint (rd_redaction_set_load (other, bad), ==, 1);

  /* Finding what is under a click: the narrowest span. */
  g_assert_cmpint (rd_redaction_set_find_at (set, offset_of ("Bernd", 0) + 2), ==, 3);
  g_assert_cmpint (rd_redaction_set_find_at (set, offset_of ("call", 0)), ==, -1);
}

static void
test_decide (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  guint changed = 0;
  RdRedactionItem *item;

  g_signal_connect (set, "changed", G_CALLBACK (count_cb), &changed);

  /* A finding without a reason, and no default: accepting it must fail and change nothing. */
  {
    g_autoptr (GPtrArray) bare = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
    g_autoptr (RdTranscript) transcript = load_chat ();
    g_autoptr (RdRedactionSet) other = rd_redaction_set_new (transcript);

    g_ptr_array_add (bare, rd_redaction_new (0, 4, "PERSON", NULL, RD_REDACTION_PROPOSED));
    rd_redaction_set_load (other, bare);
    g_assert_false (rd_redaction_set_decide (other, 0, RD_REDACTION_ACCEPTED, NULL, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (other, 0)), ==,
                     RD_REDACTION_PROPOSED);
    g_assert_false (rd_redaction_set_can_undo (other));

    rd_redaction_set_set_default_reason (other, PRIVILEGE);
    g_assert_true (rd_redaction_set_decide (other, 0, RD_REDACTION_ACCEPTED, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (rd_redaction_item_get_reason (rd_redaction_set_get_item (other, 0)), ==,
                     PRIVILEGE);
  }

  /* Accept the phone number with its proposed reason. */
  g_assert_true (rd_redaction_set_decide (set, 4, RD_REDACTION_ACCEPTED, NULL, &error));
  g_assert_no_error (error);
  item = rd_redaction_set_get_item (set, 4);
  g_assert_cmpint (rd_redaction_item_get_state (item), ==, RD_REDACTION_ACCEPTED);
  g_assert_cmpstr (rd_redaction_item_get_reason (item), ==, THIRD_PARTY);
  g_assert_true (rd_redaction_set_get_modified (set));
  g_assert_cmpuint (changed, ==, 1);

  /* Deciding the same again is no new step. */
  g_assert_true (rd_redaction_set_decide (set, 4, RD_REDACTION_ACCEPTED, NULL, &error));
  g_assert_cmpuint (changed, ==, 1);

  /* A reason of one's own. */
  g_assert_true (rd_redaction_set_set_reason (set, 4, PRIVILEGE, &error));
  g_assert_cmpstr (rd_redaction_item_get_reason (item), ==, PRIVILEGE);
  g_assert_false (rd_redaction_set_set_reason (set, 4, "", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_redaction_set_decide (set, 99, RD_REDACTION_ACCEPTED, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The requester's own address is not withheld as someone else's data: the default reason
   * does not apply to it, a reason given for it does. */
  {
    guint own;

    rd_redaction_set_set_default_reason (set, THIRD_PARTY);
    for (own = 0; !rd_redaction_item_get_subject (rd_redaction_set_get_item (set, own)) ||
                  !g_str_equal (rd_redaction_item_get_entity (rd_redaction_set_get_item (set, own)),
                                "EMAIL_ADDRESS"); own++)
      ;
    g_assert_false (rd_redaction_set_decide (set, own, RD_REDACTION_ACCEPTED, NULL, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "anna@example.org"));
    g_clear_error (&error);
    g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, own)), ==,
                     RD_REDACTION_REJECTED);
    g_assert_cmpuint (changed, ==, 2);

    g_assert_true (rd_redaction_set_decide (set, own, RD_REDACTION_ACCEPTED, PRIVILEGE, &error));
    g_assert_cmpstr (rd_redaction_item_get_reason (rd_redaction_set_get_item (set, own)), ==,
                     PRIVILEGE);
    g_assert_true (rd_redaction_set_undo (set));
    g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, own)), ==,
                     RD_REDACTION_REJECTED);
  }

  out = redacted (set);
  g_assert_cmpstr (out, ==,
                   "Anna: my mail is anna@example.org\n\n"
                   "Jörg: call Bernd on [REDACTED: PHONE_NUMBER]\n\n"
                   "Anna: thanks, Bernd\n");
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_ACCEPTED), ==, 1);
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_PROPOSED), ==, 3);
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_REJECTED), ==, 2);

  rd_redaction_set_mark_saved (set);
  g_assert_false (rd_redaction_set_get_modified (set));
}

static void
test_entity (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *undone = NULL;
  g_auto (GStrv) entities = rd_redaction_set_get_entities (set);
  const char *expected[] = { "EMAIL_ADDRESS", "PERSON", "PHONE_NUMBER", NULL };

  g_assert_cmpstrv (entities, expected);

  /* Every third-party PERSON goes; the subject's own name stays. */
  g_assert_cmpint (rd_redaction_set_decide_entity (set, "PERSON", RD_REDACTION_ACCEPTED, NULL,
                                                   &error), ==, 3);
  g_assert_no_error (error);
  out = redacted (set);
  g_assert_cmpstr (out, ==,
                   "Anna: my mail is anna@example.org\n\n"
                   "[REDACTED: PERSON]: call [REDACTED: PERSON] on 0151 2345678\n\n"
                   "Anna: thanks, [REDACTED: PERSON]\n");
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, 0)), ==,
                   RD_REDACTION_REJECTED);

  /* One step: one undo brings all three back. */
  g_assert_true (rd_redaction_set_undo (set));
  undone = redacted (set);
  g_assert_cmpstr (undone, ==, chat);
  g_assert_false (rd_redaction_set_can_undo (set));
  g_assert_true (rd_redaction_set_can_redo (set));

  /* Rejecting all of a type touches the subject's too; a type nobody has changes nothing. */
  g_assert_cmpint (rd_redaction_set_decide_entity (set, "PERSON", RD_REDACTION_REJECTED, NULL,
                                                   &error), ==, 3);
  g_assert_false (rd_redaction_set_can_redo (set));
  g_assert_cmpint (rd_redaction_set_decide_entity (set, "IBAN_CODE", RD_REDACTION_ACCEPTED, NULL,
                                                   &error), ==, 0);
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_REJECTED), ==, 5);
}

/* Deciding one "Bernd" offers the other: decided alike, with the same reason, as one step;
 * other names and the subject's own are left alone. */
static void
test_alike (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  int first = rd_redaction_set_find_at (set, offset_of ("Bernd", 0));
  int second = rd_redaction_set_find_at (set, offset_of ("Bernd", 1));
  int joerg = rd_redaction_set_find_at (set, offset_of ("Jörg", 0));

  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (second, >, first);
  /* Both still proposed alike: nothing to offer. */
  g_assert_cmpuint (rd_redaction_set_count_alike (set, first), ==, 0);

  g_assert_true (rd_redaction_set_decide (set, first, RD_REDACTION_ACCEPTED, PRIVILEGE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_redaction_set_count_alike (set, first), ==, 1);
  g_assert_cmpuint (rd_redaction_set_decide_alike (set, first), ==, 1);
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, second)), ==,
                   RD_REDACTION_ACCEPTED);
  g_assert_cmpstr (rd_redaction_item_get_reason (rd_redaction_set_get_item (set, second)), ==,
                   PRIVILEGE);
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, joerg)), ==,
                   RD_REDACTION_PROPOSED);
  g_assert_cmpuint (rd_redaction_set_count_alike (set, first), ==, 0);
  g_assert_cmpuint (rd_redaction_set_decide_alike (set, first), ==, 0);

  /* One undo takes back the alike step, not the first decision. */
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, second)), ==,
                   RD_REDACTION_PROPOSED);
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, first)), ==,
                   RD_REDACTION_ACCEPTED);
}

static void
test_accept_proposed (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *undone = NULL;

  /* Jörg was kept on purpose: an export that redacts what nobody decided leaves him. */
  g_assert_cmpstr (rd_redaction_item_get_entity (rd_redaction_set_get_item (set, 2)), ==, "PERSON");
  g_assert_true (rd_redaction_set_decide (set, 2, RD_REDACTION_REJECTED, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rd_redaction_set_accept_proposed (set, NULL, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_PROPOSED), ==, 0);
  out = redacted (set);
  g_assert_cmpstr (out, ==,
                   "Anna: my mail is anna@example.org\n\n"
                   "Jörg: call [REDACTED: PERSON] on [REDACTED: PHONE_NUMBER]\n\n"
                   "Anna: thanks, [REDACTED: PERSON]\n");

  /* One step of the history; nothing left to accept the second time. */
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_cmpuint (rd_redaction_set_count (set, RD_REDACTION_PROPOSED), ==, 3);
  g_assert_true (rd_redaction_set_undo (set));
  undone = redacted (set);
  g_assert_cmpstr (undone, ==, chat);
  g_assert_true (rd_redaction_set_redo (set));
  g_assert_true (rd_redaction_set_redo (set));
  g_assert_cmpint (rd_redaction_set_accept_proposed (set, NULL, &error), ==, 0);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_undo_redo (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  guint can_undo_notes = 0;
  char *states[4];

  g_signal_connect (set, "notify::can-undo", G_CALLBACK (notify_cb), &can_undo_notes);

  g_assert_false (rd_redaction_set_undo (set));
  g_assert_false (rd_redaction_set_redo (set));

  /* accept Jörg, reject Bernd, change Jörg's reason */
  g_assert_true (rd_redaction_set_decide (set, 2, RD_REDACTION_ACCEPTED, NULL, &error));
  g_assert_true (rd_redaction_set_decide (set, 3, RD_REDACTION_REJECTED, NULL, &error));
  g_assert_true (rd_redaction_set_set_reason (set, 2, PRIVILEGE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (can_undo_notes, ==, 1);

  states[3] = redacted (set);
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_cmpstr (rd_redaction_item_get_reason (rd_redaction_set_get_item (set, 2)), ==,
                   THIRD_PARTY);
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, 3)), ==,
                   RD_REDACTION_PROPOSED);
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_cmpint (rd_redaction_item_get_state (rd_redaction_set_get_item (set, 2)), ==,
                   RD_REDACTION_PROPOSED);
  g_assert_false (rd_redaction_set_get_modified (set));
  g_assert_false (rd_redaction_set_undo (set));
  g_assert_cmpuint (can_undo_notes, ==, 2);

  /* Redo all three: the same result as before. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (rd_redaction_set_redo (set));
  g_assert_false (rd_redaction_set_redo (set));
  states[0] = redacted (set);
  g_assert_cmpstr (states[0], ==, states[3]);
  g_assert_cmpstr (rd_redaction_item_get_reason (rd_redaction_set_get_item (set, 2)), ==,
                   PRIVILEGE);

  /* Saved, undone, then redone: back to the saved state, so not modified. */
  rd_redaction_set_mark_saved (set);
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_true (rd_redaction_set_get_modified (set));
  g_assert_true (rd_redaction_set_redo (set));
  g_assert_false (rd_redaction_set_get_modified (set));

  /* A new decision after an undo drops what could have been redone. */
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_true (rd_redaction_set_decide (set, 4, RD_REDACTION_ACCEPTED, NULL, &error));
  g_assert_false (rd_redaction_set_can_redo (set));
  g_assert_true (rd_redaction_set_get_modified (set));

  g_free (states[0]);
  g_free (states[3]);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *log)
{
  guint entry[3] = { position, removed, added };
  g_array_append_vals (log, entry, 3);
}

static void
test_manual (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) log = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *out = NULL, *after_undo = NULL, *after_redo = NULL;
  gsize call = offset_of ("call", 0);
  gsize o_umlaut = offset_of ("ö", 0);
  int position;

  g_signal_connect (set, "items-changed", G_CALLBACK (items_changed_cb), log);

  /* By hand, with a reason: "call" sits between Jörg (2) and Bernd (3). */
  position = rd_redaction_set_add_manual (set, call, call + 4, PRIVILEGE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (position, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 7);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 1);
  g_assert_true (rd_redaction_item_get_manual (rd_redaction_set_get_item (set, 3)));
  g_assert_cmpstr (rd_redaction_item_get_entity (rd_redaction_set_get_item (set, 3)), ==, "MANUAL");
  g_assert_cmpuint (rd_redaction_item_get_char_start (rd_redaction_set_get_item (set, 3)), ==,
                    call - 1);

  out = redacted (set);
  g_assert_cmpstr (out, ==,
                   "Anna: my mail is anna@example.org\n\n"
                   "Jörg: [REDACTED: MANUAL] Bernd on 0151 2345678\n\n"
                   "Anna: thanks, Bernd\n");

  /* The same text again: already redacted. A finding's exact span: that finding, accepted. */
  g_assert_cmpint (rd_redaction_set_add_manual (set, call, call + 4, PRIVILEGE, &error), ==, -1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_redaction_set_add_manual (set, call + 1, call + 3, PRIVILEGE, &error), ==, -1);
  g_clear_error (&error);
  position = rd_redaction_set_add_manual (set, offset_of ("Bernd", 1), offset_of ("Bernd", 1) + 5,
                                          PRIVILEGE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 7);
  g_assert_cmpstr (rd_redaction_item_get_entity (rd_redaction_set_get_item (set, position)), ==,
                   "PERSON");
  g_assert_cmpstr (rd_redaction_item_get_reason (rd_redaction_set_get_item (set, position)), ==,
                   PRIVILEGE);
  g_assert_true (rd_redaction_set_undo (set));

  /* Bad selections: empty, past the end, half a character, and no reason at all. */
  g_assert_cmpint (rd_redaction_set_add_manual (set, 3, 3, PRIVILEGE, &error), ==, -1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_redaction_set_add_manual (set, 3, strlen (chat) + 1, PRIVILEGE, &error), ==, -1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_redaction_set_add_manual (set, o_umlaut + 1, o_umlaut + 4, PRIVILEGE, &error),
                   ==, -1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_redaction_set_add_manual (set, 0, 3, NULL, &error), ==, -1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 7);

  /* Undo takes the manual span out of the list; redo puts it back. */
  g_array_set_size (log, 0);
  g_assert_true (rd_redaction_set_undo (set));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 1);
  after_undo = redacted (set);
  g_assert_cmpstr (after_undo, ==, chat);
  g_assert_true (rd_redaction_set_redo (set));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 7);
  after_redo = redacted (set);
  g_assert_cmpstr (after_redo, ==, out);
}

static void
test_overlaps (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  gsize bernd = offset_of ("Bernd on", 0);
  int position;

  /* Accept the phone number, then redact "Bernd on 0151" by hand: the two overlap and the
   * output shows one redaction, not a token inside a token. */
  g_assert_true (rd_redaction_set_decide (set, 4, RD_REDACTION_ACCEPTED, NULL, &error));
  position = rd_redaction_set_add_manual (set, bernd, bernd + strlen ("Bernd on 0151"), PRIVILEGE,
                                          &error);
  g_assert_no_error (error);
  /* Same start as the PERSON finding "Bernd" but longer: sorted before it. */
  g_assert_cmpint (position, ==, 3);
  out = redacted (set);
  g_assert_cmpstr (out, ==,
                   "Anna: my mail is anna@example.org\n\n"
                   "Jörg: call [REDACTED: MANUAL]\n\n"
                   "Anna: thanks, Bernd\n");

  /* A click inside "Bernd" finds the narrower finding, not the manual span around it. */
  g_assert_cmpint (rd_redaction_set_find_at (set, bernd + 1), ==, 4);

  /* Inside the accepted manual span: nothing more to redact. */
  g_assert_cmpint (rd_redaction_set_add_manual (set, bernd + 6, bernd + 8, PRIVILEGE, &error), ==, -1);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_withheld (void)
{
  g_autoptr (RdRedactionSet) set = make_set ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) withheld = NULL;
  RdWithheldItem *w;

  g_assert_cmpint (rd_redaction_set_decide_entity (set, "PERSON", RD_REDACTION_ACCEPTED, NULL,
                                                   &error), ==, 3);
  g_assert_true (rd_redaction_set_set_reason (set, 2, PRIVILEGE, &error));
  g_assert_true (rd_redaction_set_decide (set, 4, RD_REDACTION_ACCEPTED, NULL, &error));
  g_assert_no_error (error);

  withheld = rd_redaction_set_get_withheld (set);
  g_assert_cmpuint (withheld->len, ==, 3);
  w = g_ptr_array_index (withheld, 0);
  g_assert_cmpstr (w->entity, ==, "PERSON");
  g_assert_cmpstr (w->reason, ==, PRIVILEGE);
  g_assert_cmpuint (w->count, ==, 1);
  w = g_ptr_array_index (withheld, 1);
  g_assert_cmpstr (w->entity, ==, "PERSON");
  g_assert_cmpstr (w->reason, ==, THIRD_PARTY);
  g_assert_cmpuint (w->count, ==, 2);
  w = g_ptr_array_index (withheld, 2);
  g_assert_cmpstr (w->entity, ==, "PHONE_NUMBER");
  g_assert_cmpuint (w->count, ==, 1);
}

static void
test_reasons (TestDir       *fixture,
              gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "none.ini", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "reasons.ini", NULL);
  g_auto (GStrv) gdpr = rd_redaction_reasons_lookup ("eu-gdpr", missing);
  g_auto (GStrv) uk = rd_redaction_reasons_lookup ("uk-gdpr", missing);
  g_auto (GStrv) ccpa = rd_redaction_reasons_lookup ("us-ca-ccpa", missing);
  g_auto (GStrv) other = rd_redaction_reasons_lookup ("br-lgpd", missing);
  g_auto (GStrv) none = rd_redaction_reasons_lookup (NULL, missing);
  g_auto (GStrv) configured = NULL, fallback = NULL, blank = NULL;

  /* GDPR first offers Art. 15(4), the ground the issue names, then privilege. */
  g_assert_cmpstr (gdpr[0], ==, THIRD_PARTY);
  g_assert_true (g_strv_contains ((const char * const *) gdpr, PRIVILEGE));
  g_assert_nonnull (strstr (uk[0], "DPA 2018 Sch. 2 para 16"));
  g_assert_nonnull (strstr (ccpa[0], "1798.145"));
  g_assert_nonnull (other[0]);
  g_assert_null (strstr (other[0], "GDPR"));
  g_assert_cmpstrv (other, none);
  for (guint i = 0; gdpr[i]; i++)
    g_assert_cmpuint (strlen (gdpr[i]), >, 0);

  /* A reviewer's own list replaces the built-in one for that law, and "default" the rest. */
  g_assert_true (g_file_set_contents (path,
                                      "[eu-gdpr]\nreasons=Art. 15(4) — Dritte;  ;Anwaltsgeheimnis\n"
                                      "[default]\nreasons=House rule 7\n", -1, NULL));
  configured = rd_redaction_reasons_lookup ("eu-gdpr", path);
  {
    const char *expected[] = { "Art. 15(4) — Dritte", "Anwaltsgeheimnis", NULL };
    g_assert_cmpstrv (configured, expected);
  }
  fallback = rd_redaction_reasons_lookup ("us-ca-ccpa", path);
  {
    const char *expected[] = { "House rule 7", NULL };
    g_assert_cmpstrv (fallback, expected);
  }

  /* A list of blanks says nothing: the built-in one stays. */
  g_assert_true (g_file_set_contents (path, "[eu-gdpr]\nreasons= ; ;\n", -1, NULL));
  blank = rd_redaction_reasons_lookup ("eu-gdpr", path);
  g_assert_cmpstr (blank[0], ==, THIRD_PARTY);
}

static RdCase *
anna_case (void)
{
  RdCase *item = rd_case_new ();
  const char *emails[] = { "anna@example.org", NULL };

  rd_case_set_subject_name (item, "Anna Schmidt");
  rd_case_set_subject_emails (item, emails);
  return item;
}

static void
test_scan (void)
{
  const char mail[] =
    "From: Anna Schmidt <anna@example.org>\n"
    "To: support@shop.example\n\n"
    "Please also delete what you hold on my neighbour, reach him at tom.baker@mailbox.example.\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (mail, strlen (mail));
  g_autoptr (RdTranscript) transcript = rd_transcript_load (bytes, "mail.txt", NULL);
  g_autoptr (RdCase) subject = anna_case ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = rd_redaction_scan (transcript, subject, THIRD_PARTY, NULL, &error);
  const char *text = rd_transcript_get_text (transcript, NULL);
  gboolean third = FALSE, own = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (found, i);
      g_autofree char *covered = g_strndup (text + r->start, r->end - r->start);

      if (g_str_equal (covered, "tom.baker@mailbox.example"))
        {
          third = TRUE;
          g_assert_cmpstr (r->entity, ==, "EMAIL_ADDRESS");
          g_assert_cmpint (r->state, ==, RD_REDACTION_PROPOSED);
          g_assert_cmpstr (r->reason, ==, THIRD_PARTY);
          g_assert_false (r->subject);
        }
      if (g_str_equal (covered, "anna@example.org"))
        {
          own = TRUE;
          /* Kept in an access response, and said to be the requester's. */
          g_assert_cmpint (r->state, ==, RD_REDACTION_REJECTED);
          g_assert_true (r->subject);
        }
      if (i > 0)
        g_assert_cmpuint (((RdRedaction *) g_ptr_array_index (found, i - 1))->start, <=, r->start);
    }
  g_assert_true (third);
  g_assert_true (own);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *found;
  GError    *error;
  double     last_fraction;
  guint      n_progress;
} AsyncScan;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncScan *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncScan *state = user_data;

  state->found = rd_redaction_scan_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_scan_large (void)
{
  /* ~3 MB: more than one piece. A third party's e-mail every 50,000 bytes must be found at its
   * place, whichever piece it falls in. */
  GString *big = g_string_new (NULL);
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncScan state = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0 };
  guint matched = 0;
  const char *text;

  while (big->len < 3 * 1024 * 1024)
    {
      gsize at;

      g_string_append (big, "Agent: the parcel is on its way, reference 12345.\n");
      if (big->len % 50000 < 60)
        {
          g_string_append (big, "Customer: my brother is on ");
          at = big->len;
          g_string_append (big, "kim.lee@mailbox.example");
          g_array_append_val (expected, at);
          g_string_append (big, " now\n");
        }
    }
  bytes = g_bytes_new_take (big->str, big->len);
  g_string_free (big, FALSE);
  transcript = rd_transcript_load (bytes, "big.txt", NULL);
  g_assert_nonnull (transcript);
  text = rd_transcript_get_text (transcript, NULL);
  g_assert_cmpuint (expected->len, >, 20);

  rd_redaction_scan_async (transcript, NULL, THIRD_PARTY, NULL, progress_cb, &state, scanned_cb,
                           &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n_progress, >=, 2);

  for (guint i = 0; i < state.found->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (state.found, i);

      if (g_strcmp0 (r->entity, "EMAIL_ADDRESS") != 0)
        continue;
      g_assert_cmpuint (r->end - r->start, ==, strlen ("kim.lee@mailbox.example"));
      g_assert_true (strncmp (text + r->start, "kim.lee@mailbox.example", r->end - r->start) == 0);
      matched++;
    }
  g_assert_cmpuint (matched, ==, expected->len);
  g_clear_pointer (&state.found, g_ptr_array_unref);

  /* Cancelled: an error, not a half list. */
  g_cancellable_cancel (cancellable);
  rd_redaction_scan_async (transcript, NULL, THIRD_PARTY, cancellable, NULL, NULL, scanned_cb,
                           &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.found);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/redaction-set/load", test_load);
  g_test_add_func ("/core/redaction-set/decide", test_decide);
  g_test_add_func ("/core/redaction-set/entity", test_entity);
  g_test_add_func ("/core/redaction-set/alike", test_alike);
  g_test_add_func ("/core/redaction-set/accept-proposed", test_accept_proposed);
  g_test_add_func ("/core/redaction-set/undo-redo", test_undo_redo);
  g_test_add_func ("/core/redaction-set/manual", test_manual);
  g_test_add_func ("/core/redaction-set/overlaps", test_overlaps);
  g_test_add_func ("/core/redaction-set/withheld", test_withheld);
  g_test_add ("/core/redaction-set/reasons", TestDir, NULL, test_dir_setup, test_reasons,
              test_dir_teardown);
  g_test_add_func ("/core/redaction-set/scan", test_scan);
  g_test_add_func ("/core/redaction-set/scan-large", test_scan_large);

  return g_test_run ();
}
