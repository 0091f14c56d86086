/* rd-cli-redact.c: `rightsdesk-cli redact`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "rd-cli-common.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-pii.h"
#include "rd-redaction.h"
#include "rd-transcript.h"

#define THIRD_PARTY_REASON N_("Third-party personal data — GDPR Art. 15(4)")

typedef struct
{
  GPtrArray  *redactions;
  const char *reason;    /* translated once: a large file has a million findings */
} Collect;

static gboolean
finding_cb (const RdPiiFinding *finding,
            gpointer            user_data)
{
  Collect *collect = user_data;
  RdRedaction *r;

  /* The requester's own data stays in an access response; everyone else's goes. */
  r = rd_redaction_new (finding->start, finding->end, rd_pii_entity_to_string (finding->entity),
                        finding->subject ? NULL : collect->reason,
                        finding->subject ? RD_REDACTION_REJECTED : RD_REDACTION_ACCEPTED);
  r->subject = finding->subject;
  g_ptr_array_add (collect->redactions, r);
  return TRUE;
}

int
rd_cli_redact (RdCliGlobal *global,
               int          argc,
               char       **argv)
{
  int options_status;
  g_autofree char *out = NULL, *format = NULL, *log = NULL, *style = NULL;
  g_auto (GStrv) names = NULL, emails = NULL, phones = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the redacted document"), "OUT" },
    { "subject-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("The requester’s name (repeatable)"), "N" },
    { "subject-email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails, N_("The requester’s e-mail (repeatable)"), "E" },
    { "subject-phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &phones, N_("The requester’s phone (repeatable)"), "P" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("txt or pdf (default: from OUT’s name)"), "FORMAT" },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style, N_("token or block (default: token)"), "STYLE" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log, N_("Write the redaction log (JSON) here"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("IN — write a copy with third parties’ personal data removed"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (RdTranscript) transcript = NULL;
  g_autoptr (RdPiiScanner) scanner = NULL;
  g_autoptr (GPtrArray) redactions = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (RdPiiTurn));
  RdRedactionStyle redaction_style = RD_REDACTION_STYLE_TOKEN;
  Collect collect = { redactions, _(THIRD_PARTY_REASON) };
  gboolean pdf, out_is_new;
  const char *text;
  gsize length;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2 || out == NULL)
    return rd_cli_usage (_("redact needs one input file and --out"));

  if (format != NULL && !g_str_equal (format, "txt") && !g_str_equal (format, "pdf"))
    return rd_cli_usage (_("--format is txt or pdf"));
  if (style != NULL && !g_str_equal (style, "token") && !g_str_equal (style, "block"))
    return rd_cli_usage (_("--style is token or block"));
  if (style != NULL && g_str_equal (style, "block"))
    redaction_style = RD_REDACTION_STYLE_BLOCK;
  pdf = format ? g_str_equal (format, "pdf") : g_str_has_suffix (out, ".pdf");

  {
    gsize size;
    char *data = rd_file_read (argv[1], RD_FILE_MAX_INPUT, &size, &error);

    if (data == NULL)
      return rd_cli_report_error (error);
    content = g_bytes_new_take (data, size);
  }

  transcript = rd_transcript_load (content, argv[1], &error);
  if (transcript == NULL)
    {
      g_prefix_error (&error, "%s: ", argv[1]);
      return rd_cli_report_error (error);
    }

  for (const char * const *w = rd_transcript_get_warnings (transcript); *w; w++)
    fprintf (stderr, _("rightsdesk-cli: warning: %s\n"), *w);

  scanner = rd_pii_scanner_new ();
  for (guint i = 0; names && names[i]; i++)
    rd_pii_scanner_add_subject_name (scanner, names[i]);
  for (guint i = 0; emails && emails[i]; i++)
    rd_pii_scanner_add_subject_email (scanner, emails[i]);
  for (guint i = 0; phones && phones[i]; i++)
    rd_pii_scanner_add_subject_phone (scanner, phones[i]);

  for (guint i = 0; i < rd_transcript_get_n_turns (transcript); i++)
    {
      const RdTurn *turn = rd_transcript_get_turn (transcript, i);
      RdPiiTurn pii_turn = { turn->start, turn->end, turn->speaker };

      if (turn->speaker != NULL)
        g_array_append_val (turns, pii_turn);
    }

  text = rd_transcript_get_text (transcript, &length);
  rd_pii_scanner_scan_foreach (scanner, text, length, (RdPiiTurn *) turns->data, turns->len,
                               finding_cb, &collect);

  /* A log that cannot be written fails the command: the output it made goes too. */
  out_is_new = !g_file_test (out, G_FILE_TEST_EXISTS);
  if (pdf)
    {
      if (!rd_redaction_write_pdf (transcript, content, redactions, redaction_style, 200, out, NULL,
                                   &error))
        return rd_cli_report_error (error);
    }
  else
    {
      g_autofree char *redacted = rd_redaction_apply_text (text, length, redactions,
                                                           redaction_style);

      if (!rd_file_write_atomically (out, redacted, strlen (redacted), &error))
        return rd_cli_report_error (error);
    }

  if (log != NULL)
    {
      g_autofree char *name = g_path_get_basename (argv[1]);
      RdRedactionLogSource source = { name, content, NULL };
      g_autofree char *json = rd_redaction_log_json (text, redactions, &source);

      if (!rd_file_write_atomically (log, json, strlen (json), &error))
        {
          if (out_is_new)
            g_unlink (out);
          return rd_cli_report_error (error);
        }
    }

  return RD_CLI_OK;
}
