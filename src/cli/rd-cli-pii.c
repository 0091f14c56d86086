/* rd-cli-pii.c: rightsdesk-cli pii scan (CLI.md, "Personal data in text")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-cli-common.h"
#include "rd-code-points.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-pii.h"
#include "rd-transcript.h"

typedef struct
{
  const char   *text;
  RdCodePoints  points;
  GString      *out;
  gboolean      json;
  guint         count;
  /* The scores written so far, and how: a handful come back again and again. */
  double        scores[8];
  char          score_texts[8][G_ASCII_DTOSTR_BUF_SIZE];
  guint         n_scores;
} Output;

static const char *
score_text (Output *o,
            double  score)
{
  guint i;

  for (i = 0; i < MIN (o->n_scores, G_N_ELEMENTS (o->scores)); i++)
    if (o->scores[i] == score)
      return o->score_texts[i];
  i = o->n_scores++ % G_N_ELEMENTS (o->scores);
  o->scores[i] = score;
  return g_ascii_formatd (o->score_texts[i], sizeof o->score_texts[i], "%.2f", score);
}

static void
append_size (GString *out,
             gsize    value)
{
  char digits[24];
  guint n = sizeof digits;

  do
    digits[--n] = '0' + value % 10;
  while ((value /= 10) > 0);
  g_string_append_len (out, digits + n, sizeof digits - n);
}

static void
append_json_string (GString    *out,
                    const char *text,
                    gsize       length)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];
      gsize plain = i;

      /* Most findings need no escape: their bytes go in one append. */
      while (plain < length && (guchar) text[plain] >= 0x20 && text[plain] != '"' &&
             text[plain] != '\\')
        plain++;
      if (plain > i)
        {
          g_string_append_len (out, text + i, plain - i);
          i = plain - 1;
          continue;
        }

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
print_finding_cb (const RdPiiFinding *f,
                  gpointer            user_data)
{
  Output *o = user_data;
  gsize start = rd_code_points_at (&o->points, f->start);
  gsize end = rd_code_points_at (&o->points, f->end);
  const char *score = score_text (o, f->score);

  if (o->json)
    {
      /* By hand rather than printf: a large file has a million findings. */
      g_string_append (o->out, o->count == 0 ? "\n    " : ",\n    ");
      g_string_append (o->out, "{\"entity\": \"");
      g_string_append (o->out, rd_pii_entity_to_string (f->entity));
      g_string_append (o->out, "\", \"start\": ");
      append_size (o->out, start);
      g_string_append (o->out, ", \"end\": ");
      append_size (o->out, end);
      g_string_append (o->out, ", \"text\": ");
      append_json_string (o->out, o->text + f->start, f->end - f->start);
      g_string_append (o->out, ", \"score\": ");
      g_string_append (o->out, score);
      g_string_append (o->out, f->subject ? ", \"subject\": true, \"reason\": \""
                                          : ", \"subject\": false, \"reason\": \"");
      g_string_append (o->out, f->reason);
      g_string_append (o->out, "\"}");
    }
  else
    {
      g_autofree char *shown = g_strndup (o->text + f->start, f->end - f->start);

      g_strdelimit (shown, "\r\n\t", ' ');
      g_string_append_printf (o->out, "%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "\t%s\t%s\t%s%s\n",
                              start, end, rd_pii_entity_to_string (f->entity), score, shown,
                              f->subject ? _("\t(the requester’s)") : "");
    }
  o->count++;

  /* Keep memory flat on large files. */
  if (o->out->len > 1 << 20)
    {
      fwrite (o->out->str, 1, o->out->len, stdout);
      g_string_truncate (o->out, 0);
    }
  return TRUE;
}

/* The file is read as a transcript, so that offsets count in the decoded text (an e-mail's
 * body, a chat's messages) and the speakers' turns tell the requester from others. */
static RdTranscript *
load_transcript (const char  *path,
                 GError     **error)
{
  g_autoptr (GBytes) bytes = NULL;
  RdTranscript *transcript;
  gsize length;
  char *data;

  if ((data = rd_file_read (path, RD_FILE_MAX_INPUT, &length, error)) == NULL)
    return NULL;
  bytes = g_bytes_new_take (data, length);

  transcript = rd_transcript_load (bytes, path, error);
  if (transcript == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  for (const char * const *w = rd_transcript_get_warnings (transcript); *w; w++)
    /* Translators: a file name, then what was repaired in it */
    fprintf (stderr, _("rightsdesk-cli: warning: %s: %s\n"), path, *w);

  return transcript;
}

static int
pii_scan (int    argc,
          char **argv)
{
  int options_status;
  g_auto (GStrv) names = NULL;
  g_auto (GStrv) emails = NULL;
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) accounts = NULL;
  g_auto (GStrv) allowed = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "subject-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names,
      N_("The requester’s name (repeatable)"), N_("NAME") },
    { "subject-email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails,
      N_("The requester’s e-mail address (repeatable)"), N_("EMAIL") },
    { "subject-phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &phones,
      N_("The requester’s phone number (repeatable)"), N_("PHONE") },
    { "subject-account", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accounts,
      N_("The requester’s account id, card or IBAN (repeatable)"), N_("ID") },
    { "allow", 0, 0, G_OPTION_ARG_STRING_ARRAY, &allowed,
      N_("The client’s own address, @domain, number or URL, never reported (repeatable)"),
      N_("VALUE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr (RdPiiScanner) scanner = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (RdPiiTurn));
  const char *text;
  gsize length;
  Output o = { NULL };

  g_option_context_set_summary (context, _("Find personal data in a text file; offsets are "
                                           "code points, end exclusive."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("pii scan: give exactly one FILE"));

  transcript = load_transcript (argv[1], &error);
  if (transcript == NULL)
    return rd_cli_report_error (error);
  text = rd_transcript_get_text (transcript, &length);

  for (guint i = 0; i < rd_transcript_get_n_turns (transcript); i++)
    {
      const RdTurn *turn = rd_transcript_get_turn (transcript, i);
      RdPiiTurn pii_turn = { turn->start, turn->end, turn->speaker };

      if (turn->speaker != NULL)
        g_array_append_val (turns, pii_turn);
    }

  scanner = rd_pii_scanner_new ();
  for (guint i = 0; names && names[i]; i++)
    rd_pii_scanner_add_subject_name (scanner, names[i]);
  for (guint i = 0; emails && emails[i]; i++)
    rd_pii_scanner_add_subject_email (scanner, emails[i]);
  for (guint i = 0; phones && phones[i]; i++)
    rd_pii_scanner_add_subject_phone (scanner, phones[i]);
  for (guint i = 0; accounts && accounts[i]; i++)
    rd_pii_scanner_add_subject_account (scanner, accounts[i]);
  for (guint i = 0; allowed && allowed[i]; i++)
    rd_pii_scanner_add_allowed (scanner, allowed[i]);

  out = g_string_sized_new (64 * 1024);
  o.text = text;
  o.points = (RdCodePoints) RD_CODE_POINTS_INIT (text);
  o.out = out;
  o.json = json;
  if (json)
    g_string_append (out, "{\"findings\": [");

  rd_pii_scanner_scan_foreach (scanner, text, length, (const RdPiiTurn *) turns->data, turns->len,
                               print_finding_cb, &o);

  if (json)
    g_string_append (out, o.count ? "\n]}\n" : "]}\n");
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
  return RD_CLI_OK;
}

int
rd_cli_pii (RdCliGlobal *global,
            int          argc,
            char       **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n\n  %s\n", _("Usage: rightsdesk-cli pii scan FILE [OPTIONS]"),
              _("scan    Find personal data in a text file"));
      return RD_CLI_OK;
    }
  if (argc < 2)
    return rd_cli_usage (_("pii: give a subcommand (scan)"));
  if (g_str_equal (argv[1], "scan"))
    return pii_scan (argc - 1, argv + 1);

  return rd_cli_usage (_("pii: unknown subcommand “%s”"), argv[1]);
}
