/* rd-cli-mrz.c: rightsdesk-cli mrz parse|find
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-cli-common.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-mrz.h"

static void
print_text (const RdMrz              *mrz,
            const RdMrzIdentityMatch *match)
{
  const char *labels[] = { N_("Format"), N_("Valid"), N_("Document code"), N_("Issuing state"),
                           N_("Surname"), N_("Given names"), N_("Document number"),
                           N_("Nationality"), N_("Date of birth"), N_("Sex"),
                           N_("Date of expiry"), N_("Optional data") };
  const char *values[G_N_ELEMENTS (labels)] = {
    rd_mrz_format_to_string (mrz->format), mrz->valid ? _("yes") : _("no"), mrz->document_code,
    mrz->issuing_state, mrz->surname, mrz->given_names, mrz->document_number, mrz->nationality,
    mrz->birth_date ? mrz->birth_date : mrz->birth_date_mrz, mrz->sex,
    mrz->expiry_date ? mrz->expiry_date : mrz->expiry_date_mrz, mrz->optional_data,
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    printf ("%-16s %s\n", _(labels[i]), values[i] ? values[i] : "");
  if (mrz->number_variant != RD_MRZ_NUMBER_STANDARD)
    printf ("%-16s %s\n", _("Number variant"), rd_mrz_number_variant_to_string (mrz->number_variant));

  for (guint c = 0; c < RD_MRZ_N_CHECKS; c++)
    if (mrz->checks[c] != RD_MRZ_CHECK_ABSENT)
      printf ("%-16s %s %s\n", _("Check"), rd_mrz_check_to_string (c),
              mrz->checks[c] == RD_MRZ_CHECK_PASSED ? _("ok") : _("FAILED"));

  for (guint i = 0; i < mrz->warnings->len; i++)
    {
      RdMrzWarning *warning = g_ptr_array_index (mrz->warnings, i);

      printf ("%-16s %s\n", _("Warning"), warning->message);
    }

  if (match != NULL)
    {
      printf ("%-16s %s: %s\n", _("Name match"), rd_mrz_match_to_string (match->name),
              match->name_detail);
      printf ("%-16s %s: %s\n", _("Birth match"), rd_mrz_match_to_string (match->birth_date),
              match->birth_date_detail);
    }
}

/* Prints @mrz and returns the exit status: 0 valid, 3 a check failed. */
static int
report (const RdMrz *mrz,
        gboolean     json,
        const char  *subject_name,
        const char  *subject_birth_date)
{
  g_autoptr (RdMrzIdentityMatch) match = NULL;
  g_autoptr (GError) error = NULL;

  if (subject_name != NULL || subject_birth_date != NULL)
    {
      match = rd_mrz_compare_identity (mrz, subject_name, subject_birth_date, &error);
      if (match == NULL)
        return rd_cli_report_error (error);
    }

  if (json)
    {
      g_autoptr (JsonNode) node = rd_mrz_to_json (mrz);

      if (match != NULL)
        json_object_set_member (json_node_get_object (node), "identity",
                                rd_mrz_identity_match_to_json (match));
      rd_cli_print_json (node);
    }
  else
    {
      print_text (mrz, match);
    }

  if (!mrz->valid)
    {
      g_autofree char *why = rd_mrz_describe_failure (mrz);
      g_autoptr (GError) failed = g_error_new_literal (RD_ERROR, RD_ERROR_CHECK_FAILED,
                                                       why ? why : _("The MRZ is not valid"));

      return rd_cli_report_error (failed);
    }

  return RD_CLI_OK;
}

static int
mrz_parse (int    argc,
           char **argv)
{
  int options_status;
  gboolean json = FALSE;
  g_autofree char *subject_name = NULL;
  g_autofree char *subject_birth_date = NULL;
  g_auto (GStrv) lines = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "subject-name", 0, 0, G_OPTION_ARG_STRING, &subject_name,
      N_("Compare the MRZ name with this name"), N_("NAME") },
    { "subject-birth-date", 0, 0, G_OPTION_ARG_STRING, &subject_birth_date,
      N_("Compare the MRZ date of birth with this date"), N_("DATE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &lines, NULL, N_("LINE…") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdMrz) mrz = NULL;

  g_option_context_set_summary (context, _("Parse a machine-readable zone (TD1, TD2, TD3, "
                                           "MRV-A, MRV-B) and check its check digits.\n"
                                           "Exit status: 0 valid, 3 a check failed, 2 not an "
                                           "MRZ, 1 usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;

  if (lines == NULL || lines[0] == NULL)
    return rd_cli_usage ("%s", _("mrz parse: give the lines of the MRZ"));

  mrz = rd_mrz_parse ((const char * const *) lines, g_strv_length (lines), &error);
  if (mrz == NULL)
    return rd_cli_report_error (error);

  return report (mrz, json, subject_name, subject_birth_date);
}

static int
mrz_find (int    argc,
          char **argv)
{
  int options_status;
  gboolean json = FALSE;
  g_autofree char *subject_name = NULL;
  g_autofree char *subject_birth_date = NULL;
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "subject-name", 0, 0, G_OPTION_ARG_STRING, &subject_name,
      N_("Compare the MRZ name with this name"), N_("NAME") },
    { "subject-birth-date", 0, 0, G_OPTION_ARG_STRING, &subject_birth_date,
      N_("Compare the MRZ date of birth with this date"), N_("DATE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdMrz) mrz = NULL;
  g_autofree char *text = NULL;

  g_option_context_set_summary (context, _("Find a machine-readable zone in a text file "
                                           "(“-” for standard input) and check it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return rd_cli_usage ("%s", _("mrz find: give one text file"));

  text = rd_file_read (g_str_equal (files[0], "-") ? "/dev/stdin" : files[0], RD_FILE_MAX_INPUT,
                       NULL, &error);
  if (text == NULL)
    return rd_cli_report_error (error);

  mrz = rd_mrz_find_in_text (text, &error);
  if (mrz == NULL)
    return rd_cli_report_error (error);

  return report (mrz, json, subject_name, subject_birth_date);
}

int
rd_cli_mrz (RdCliGlobal *global,
            int          argc,
            char       **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      FILE *out = argc < 2 ? stderr : stdout;

      fprintf (out, "%s\n", _("Usage: rightsdesk-cli mrz parse LINE [LINE…] [--json] "
                              "[--subject-name NAME] [--subject-birth-date DATE]"));
      fprintf (out, "%s\n", _("       rightsdesk-cli mrz find FILE [--json] "
                              "[--subject-name NAME] [--subject-birth-date DATE]"));
      return argc < 2 ? RD_CLI_USAGE : RD_CLI_OK;
    }

  if (g_str_equal (argv[1], "parse"))
    return mrz_parse (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "find"))
    return mrz_find (argc - 1, argv + 1);

  return rd_cli_usage (_("mrz: unknown subcommand “%s”"), argv[1]);
}
