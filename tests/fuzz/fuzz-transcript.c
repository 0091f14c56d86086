/* fuzz-transcript.c: libFuzzer harness for reading a transcript and scanning it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build: CC=clang meson setup _fuzz -Dfuzzing=true && ninja -C _fuzz tests/fuzz/fuzz-transcript
 * Run:   _fuzz/tests/fuzz/fuzz-transcript -max_total_time=60 tests/fuzz/corpus-transcript
 *
 * The first byte picks the file name the input arrives under, as the format sniffing also
 * looks at it; the rest is the file.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "rd-pii.h"
#include "rd-transcript.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
check_cb (const RdPiiFinding *finding,
          gpointer            user_data)
{
  gsize length = GPOINTER_TO_SIZE (user_data);

  /* Every finding lies within the text, on character boundaries the caller can cut at. */
  g_assert (finding->start < finding->end && finding->end <= length);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const names[] = { NULL, "mail.eml", "chat.json", "call.vtt", "notes.txt" };
  static RdPiiScanner *scanner;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (RdPiiTurn));
  const char *text;
  gsize length;

  if (size == 0)
    return 0;
  if (scanner == NULL)
    {
      scanner = rd_pii_scanner_new ();
      rd_pii_scanner_add_subject_name (scanner, "Anna Schmidt");
      rd_pii_scanner_add_subject_email (scanner, "anna@example.org");
      rd_pii_scanner_add_allowed (scanner, "@acme.example");
    }

  /* Whatever the bytes, the file is read or refused with an error, never a crash. */
  bytes = g_bytes_new (data + 1, size - 1);
  transcript = rd_transcript_load (bytes, names[data[0] % G_N_ELEMENTS (names)], NULL);
  if (transcript == NULL)
    return 0;

  text = rd_transcript_get_text (transcript, &length);
  g_assert (g_utf8_validate (text, length, NULL));
  for (guint i = 0; i < rd_transcript_get_n_turns (transcript); i++)
    {
      const RdTurn *turn = rd_transcript_get_turn (transcript, i);
      RdPiiTurn pii_turn = { turn->start, turn->end, turn->speaker };

      g_assert (turn->start <= turn->body && turn->body <= turn->end && turn->end <= length);
      if (turn->speaker != NULL)
        g_array_append_val (turns, pii_turn);
    }
  rd_pii_scanner_scan_foreach (scanner, text, length, (const RdPiiTurn *) turns->data, turns->len,
                               check_cb, GSIZE_TO_POINTER (length));
  return 0;
}
