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

/* Findings are written into a buffer of OUTPUT_SIZE bytes that goes to stdout when full: a
 * large file has a million findings, and appending each piece through GString cost more than
 * the scan. The room a finding needs is reserved once, then its pieces are copied in. */
#define OUTPUT_SIZE (1 << 20)

typedef struct
{
  const char   *text;
  RdCodePoints  points;
  char         *buf;
  gsize         len;
  gsize         size;
  gboolean      json;
  guint         count;
  /* The scores written so far, and how: a handful come back again and again. */
  double        scores[8];
  char          score_texts[8][G_ASCII_DTOSTR_BUF_SIZE];
  guint         n_scores;
} Output;

static void
output_flush (Output *o)
{
  fwrite (o->buf, 1, o->len, stdout);
  o->len = 0;
}

static void
output_reserve (Output *o,
                gsize   n)
{
  if (o->len + n <= o->size)
    return;
  output_flush (o);
  if (n > o->size)
    {
      o->size = n;
      o->buf = g_realloc (o->buf, o->size);
    }
}

static inline void
put (Output     *o,
     const char *bytes,
     gsize       n)
{
  memcpy (o->buf + o->len, bytes, n);
  o->len += n;
}

#define PUT_LITERAL(o, literal) put ((o), (literal), sizeof (literal) - 1)

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

/* At most 20 bytes. */
static void
put_size (Output *o,
          gsize   value)
{
  char digits[24];
  guint n = sizeof digits;

  do
    digits[--n] = '0' + value % 10;
  while ((value /= 10) > 0);
  put (o, digits + n, sizeof digits - n);
}

/* At most 6 bytes for each of @length, and 2. */
static void
put_json_string (Output     *o,
                 const char *text,
                 gsize       length)
{
  PUT_LITERAL (o, "\"");
  for (gsize i = 0; i < length;)
    {
      guchar c = text[i];
      gsize plain = i;

      /* Most findings need no escape: their bytes go in one copy. */
      while (plain < length && (guchar) text[plain] >= 0x20 && text[plain] != '"' &&
             text[plain] != '\\')
        plain++;
      if (plain > i)
        {
          put (o, text + i, plain - i);
          i = plain;
          continue;
        }

      switch (c)
        {
        case '"':
          PUT_LITERAL (o, "\\\"");
          break;
        case '\\':
          PUT_LITERAL (o, "\\\\");
          break;
        case '\n':
          PUT_LITERAL (o, "\\n");
          break;
        case '\r':
          PUT_LITERAL (o, "\\r");
          break;
        case '\t':
          PUT_LITERAL (o, "\\t");
          break;
        default:
          {
            char escaped[8];

            g_snprintf (escaped, sizeof escaped, "\\u%04x", c);
            put (o, escaped, 6);
          }
        }
      i++;
    }
  PUT_LITERAL (o, "\"");
}

static gboolean
print_finding_cb (const RdPiiFinding *f,
                  gpointer            user_data)
{
  Output *o = user_data;
  gsize start = rd_code_points_at (&o->points, f->start);
  gsize end = rd_code_points_at (&o->points, f->end);
  const char *score = score_text (o, f->score);
  const char *entity = rd_pii_entity_to_string (f->entity);
  gsize n = f->end - f->start;

  if (o->json)
    {
      gsize reason = strlen (f->reason);

      /* The fixed text, two numbers, the entity, score and reason, and the text escaped. */
      output_reserve (o, 160 + 2 * 20 + strlen (entity) + strlen (score) + reason + 6 * n);
      if (o->count == 0)
        PUT_LITERAL (o, "\n    {\"entity\": \"");
      else
        PUT_LITERAL (o, ",\n    {\"entity\": \"");
      put (o, entity, strlen (entity));
      PUT_LITERAL (o, "\", \"start\": ");
      put_size (o, start);
      PUT_LITERAL (o, ", \"end\": ");
      put_size (o, end);
      PUT_LITERAL (o, ", \"text\": ");
      put_json_string (o, o->text + f->start, n);
      PUT_LITERAL (o, ", \"score\": ");
      put (o, score, strlen (score));
      if (f->subject)
        PUT_LITERAL (o, ", \"subject\": true, \"reason\": \"");
      else
        PUT_LITERAL (o, ", \"subject\": false, \"reason\": \"");
      put (o, f->reason, reason);
      PUT_LITERAL (o, "\"}");
    }
  else
    {
      g_autofree char *shown = g_strndup (o->text + f->start, n);
      g_autofree char *line = NULL;

      g_strdelimit (shown, "\r\n\t", ' ');
      line = g_strdup_printf ("%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "\t%s\t%s\t%s%s\n",
                              start, end, entity, score, shown,
                              f->subject ? _("\t(the requester’s)") : "");
      output_reserve (o, strlen (line));
      put (o, line, strlen (line));
    }
  o->count++;
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

  o.text = text;
  o.points = (RdCodePoints) RD_CODE_POINTS_INIT (text);
  o.size = OUTPUT_SIZE;
  o.buf = g_malloc (o.size);
  o.json = json;
  if (json)
    PUT_LITERAL (&o, "{\"findings\": [");

  rd_pii_scanner_scan_foreach (scanner, text, length, (const RdPiiTurn *) turns->data, turns->len,
                               print_finding_cb, &o);

  if (json)
    {
      output_reserve (&o, 8);
      if (o.count > 0)
        PUT_LITERAL (&o, "\n]}\n");
      else
        PUT_LITERAL (&o, "]}\n");
    }
  output_flush (&o);
  g_free (o.buf);
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
