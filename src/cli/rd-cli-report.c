/* rd-cli-report.c: `report ccpa|gdpr|sla`, `export REF` and `case-file REF`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-case-file.h"
#include "rd-cli-common.h"
#include "rd-json-load.h"
#include "rd-json-writer.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-package.h"
#include "rd-report.h"
#include "rd-store.h"

static gboolean
parse_format (const char     *text,
              RdReportFormat *out)
{
  if (text == NULL || g_str_equal (text, "json"))
    *out = RD_REPORT_FORMAT_JSON;
  else if (g_str_equal (text, "csv"))
    *out = RD_REPORT_FORMAT_CSV;
  else if (g_str_equal (text, "pdf"))
    *out = RD_REPORT_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_paper (const char *text,
             RdPaper    *out)
{
  if (text == NULL || g_ascii_strcasecmp (text, "a4") == 0)
    *out = RD_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *out = RD_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

static int
emit_report (RdReport       *report,
             RdReportFormat  format,
             RdPaper         paper,
             const char     *out)
{
  g_autoptr (GError) error = NULL;

  if (out == NULL)
    {
      /* Without --out, JSON and the main CSV table go to stdout. */
      g_autofree char *text = format == RD_REPORT_FORMAT_JSON
                                ? rd_report_to_json (report)
                                : rd_report_to_csv (report, NULL, &error);

      if (text == NULL)
        return rd_cli_report_error (error);
      fputs (text, stdout);
      if (format == RD_REPORT_FORMAT_JSON)
        fputc ('\n', stdout);
      return RD_CLI_OK;
    }

  if (!rd_report_save (report, format, paper, out, &error))
    return rd_cli_report_error (error);
  return RD_CLI_OK;
}

int
rd_cli_report (RdCliGlobal *global,
               int          argc,
               char       **argv)
{
  int options_status;
  int year = 0;
  g_autofree char *client = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Calendar year of receipt (ccpa)"), "YEAR" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of receipt (gdpr, sla)"),
      "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of receipt (gdpr, sla)"), "DATE" },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Only this client’s requests"), "C" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("json, csv or pdf"), "FORMAT" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), "FILE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("a4 or letter (pdf)"), "PAPER" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("ccpa|gdpr|sla — regulator reports"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RdReportFormat format;
  RdPaper paper;
  const char *kind;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("report ccpa --year YEAR [--client C] --format json|csv|pdf --out FILE\n"
      "report gdpr --from DATE --to DATE [--client C] --format json|csv|pdf --out FILE\n"
      "report sla --from DATE --to DATE [--client C] --format json|csv|pdf --out FILE\n\n"
      "CSV writes one table a file: the main one to FILE, the others beside it as\n"
      "FILE-TABLE.csv. PDF pages are A4 unless --paper letter is given."));
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("usage: rightsdesk-cli report ccpa|gdpr|sla [OPTIONS]"));
  kind = argv[1];
  if (!parse_format (format_text, &format))
    return rd_cli_usage (_("unknown format “%s”: use json, csv or pdf"), format_text);
  if (!parse_paper (paper_text, &paper))
    return rd_cli_usage (_("unknown paper “%s”: use a4 or letter"), paper_text);
  if (format == RD_REPORT_FORMAT_PDF && out == NULL)
    return rd_cli_usage (_("a PDF report needs --out FILE"));

  if (g_str_equal (kind, "ccpa"))
    {
      if (year == 0)
        return rd_cli_usage (_("report ccpa needs --year YEAR"));
      store = rd_cli_open_store (global, &error);
      if (store == NULL ||
          !(report = rd_report_compute_ccpa (store, year, client, &error)))
        return rd_cli_report_error (error);
    }
  else if (g_str_equal (kind, "gdpr") || g_str_equal (kind, "sla"))
    {
      GDate from, to;

      if (from_text == NULL || to_text == NULL)
        return rd_cli_usage (_("report %s needs --from DATE and --to DATE"), kind);
      if (!rd_date_parse (from_text, &from, &error) || !rd_date_parse (to_text, &to, &error))
        return rd_cli_report_error (error);
      store = rd_cli_open_store (global, &error);
      if (store == NULL ||
          !(report = rd_report_compute (store,
                                        g_str_equal (kind, "gdpr") ? RD_REPORT_GDPR
                                                                   : RD_REPORT_SLA,
                                        client, &from, &to, NULL, &error)))
        return rd_cli_report_error (error);
    }
  else
    return rd_cli_usage (_("unknown report “%s”: use ccpa, gdpr or sla"), kind);

  return emit_report (report, format, paper, out);
}

int
rd_cli_export (RdCliGlobal *global,
               int          argc,
               char       **argv)
{
  int options_status;
  g_autofree char *out = NULL;
  g_autofree char *paper_text = NULL;
  gboolean encrypt = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The zip file to write"), "FILE.zip" },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
      N_("Encrypt the zip (AES-256) with a new passphrase, shown once"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("a4 or letter (cover letter)"),
      "PAPER" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF — write the response package of an access request"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdPackageResult) result = NULL;
  g_autoptr (GError) error = NULL;
  RdPaper paper;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2 || out == NULL)
    return rd_cli_usage (_("usage: rightsdesk-cli export REF --out FILE.zip [--encrypt]"));
  if (!parse_paper (paper_text, &paper))
    return rd_cli_usage (_("unknown paper “%s”: use a4 or letter"), paper_text);

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !(result = rd_package_export (store, argv[1], out, encrypt, paper, &error)))
    return rd_cli_report_error (error);

  for (guint i = 0; result->missing[i] != NULL; i++)
    /* Translators: an item of the cover letter, e.g. "(a) Purposes" */
    fprintf (stderr, _("rightsdesk-cli: warning: the client’s records of processing lack "
                       "“%s”\n"), result->missing[i]);

  if (json)
    {
      g_autoptr (RdJsonWriter) w = rd_json_writer_new (stdout);

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "file");
      rd_json_writer_string (w, out);
      rd_json_writer_key (w, "sha256");
      rd_json_writer_string (w, result->sha256);
      rd_json_writer_key (w, "bytes");
      rd_json_writer_int (w, result->bytes);
      rd_json_writer_key (w, "files");
      rd_json_writer_int (w, result->n_files);
      rd_json_writer_key (w, "encrypted");
      rd_json_writer_boolean (w, encrypt);
      rd_json_writer_key (w, "passphrase");
      rd_json_writer_string (w, result->passphrase);
      rd_json_writer_end_object (w);
      rd_json_writer_free (g_steal_pointer (&w));
      fputc ('\n', stdout);
    }
  else
    {
      /* Translators: a file name, a number of files, a SHA-256 */
      printf (_("Wrote %s: %u files, SHA-256 %s\n"), out, result->n_files, result->sha256);
      if (result->passphrase)
        printf (_("Passphrase (shown this once; send it by another channel): %s\n"
                  "The zip is AES-256 encrypted (WinZip AES): 7-Zip or Keka open it.\n"),
                result->passphrase);
    }
  return RD_CLI_OK;
}

int
rd_cli_case_file (RdCliGlobal *global,
                  int          argc,
                  char       **argv)
{
  int options_status;
  g_autofree char *out = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *paper_text = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), "FILE.pdf" },
    { "documents", 0, 0, G_OPTION_ARG_FILENAME, &zip,
      N_("Also write the case’s documents to this zip"), "FILE.zip" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("a4 or letter"), "PAPER" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF — write the complaint case file of a request"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gboolean intact = TRUE;
  RdPaper paper;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2 || out == NULL)
    return rd_cli_usage (_("usage: rightsdesk-cli case-file REF --out FILE.pdf "
                           "[--documents FILE.zip]"));
  if (!parse_paper (paper_text, &paper))
    return rd_cli_usage (_("unknown paper “%s”: use a4 or letter"), paper_text);

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !rd_case_file_write (store, argv[1], out, zip, paper, &intact, &error))
    return rd_cli_report_error (error);

  if (!intact)
    {
      /* The file is written all the same: it says so, which is what a regulator must see. */
      fprintf (stderr, _("rightsdesk-cli: the audit trail is broken; the case file says "
                         "where\n"));
      return RD_CLI_CHECK_FAILED;
    }
  return RD_CLI_OK;
}

/* The fields of the records of processing, by their JSON names. */
static char **
record_field (RdClientRecords *r,
              const char      *name)
{
  if (g_str_equal (name, "controller")) return &r->controller;
  if (g_str_equal (name, "dpo")) return &r->dpo;
  if (g_str_equal (name, "purposes")) return &r->purposes;
  if (g_str_equal (name, "data_categories")) return &r->data_categories;
  if (g_str_equal (name, "recipients")) return &r->recipients;
  if (g_str_equal (name, "transfers")) return &r->transfers;
  if (g_str_equal (name, "retention")) return &r->retention;
  if (g_str_equal (name, "sources")) return &r->sources;
  if (g_str_equal (name, "automated_decisions")) return &r->automated_decisions;
  if (g_str_equal (name, "authority")) return &r->authority;
  return NULL;
}

static const char * const record_names[] = {
  "controller", "dpo", "purposes", "data_categories", "recipients", "transfers", "retention",
  "sources", "automated_decisions", "authority", NULL,
};

int
rd_cli_client_records (RdCliGlobal *global,
                       int          argc,
                       char       **argv)
{
  int options_status;
  g_autofree char *client = NULL;
  g_autofree char *file = NULL;
  const GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("The client"), "C" },
    { "set", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Replace the records with those of a JSON object"), "FILE.json" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— show or set a client’s records of processing (JSON)"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdClientRecords) records = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdJsonWriter) w = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("The JSON object's members, all strings: controller, dpo, purposes, data_categories,\n"
      "recipients, transfers, retention, sources, automated_decisions, authority.\n"
      "Response packages quote them in the cover letter (GDPR Art. 15(1), CCPA 1798.110)."));
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 1 || client == NULL)
    return rd_cli_usage (_("usage: rightsdesk-cli client-records --client C [--set FILE.json]"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL)
    return rd_cli_report_error (error);

  if (file != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GList) members = NULL;
      g_autoptr (GError) parse_error = NULL;
      RdClientRecords fresh = { 0 };
      g_autofree char *data = NULL;
      gsize length;
      JsonObject *o;
      gboolean ok;

      if ((data = rd_file_read (file, RD_FILE_MAX_INPUT, &length, &error)) == NULL)
        return rd_cli_report_error (error);
      if (!rd_json_load_data (parser, data, length, NULL, &parse_error))
        {
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: a file name, then the parser's message */
                       _("“%s” is not valid JSON: %s"), file, parse_error->message);
          return rd_cli_report_error (error);
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID,
                       _("“%s” does not hold a JSON object"), file);
          return rd_cli_report_error (error);
        }
      o = json_node_get_object (json_parser_get_root (parser));
      members = json_object_get_members (o);
      for (GList *l = members; l != NULL; l = l->next)
        {
          char **field = record_field (&fresh, l->data);
          JsonNode *node = json_object_get_member (o, l->data);

          if (field == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
              json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error (&error, RD_ERROR, RD_ERROR_INVALID,
                           /* Translators: a JSON member's name, then a file name */
                           _("Unknown or non-text member “%s” in “%s”"),
                           (char *) l->data, file);
              break;
            }
          *field = (char *) json_node_get_string (node);
        }
      ok = error == NULL && rd_store_set_client_records (store, client, &fresh, &error);
      if (!ok)
        return rd_cli_report_error (error);
    }

  records = rd_store_get_client_records (store, client, &error);
  if (records == NULL)
    return rd_cli_report_error (error);

  w = rd_json_writer_new (stdout);
  rd_json_writer_begin_object (w);
  for (guint i = 0; record_names[i] != NULL; i++)
    {
      rd_json_writer_key (w, record_names[i]);
      rd_json_writer_string (w, *record_field (records, record_names[i]));
    }
  rd_json_writer_end_object (w);
  rd_json_writer_free (g_steal_pointer (&w));
  fputc ('\n', stdout);
  return RD_CLI_OK;
}
