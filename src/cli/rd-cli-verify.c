/* rd-cli-verify.c: rightsdesk-cli case verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-cli-common.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-identity.h"
#include "rd-store.h"

/* `case verify REF --method M --outcome O [--reason R] [--data-point P]…`: records an identity
 * check, moves the case and its clock, and purges the case's ID documents after a final
 * decision (verified or failed) unless a redacted copy is being kept. */
int
rd_cli_case_verify (RdCliGlobal *global,
                    int          argc,
                    char       **argv)
{
  int options_status;
  g_autofree char *method = NULL, *outcome = NULL, *reason = NULL, *evidence = NULL;
  g_autofree char *document_type = NULL, *issuing_state = NULL, *rule = NULL;
  g_auto (GStrv) data_points = NULL;
  gboolean keep_open = FALSE, keep_documents = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("none-required, existing-authentication, known-channel, data-points, knowledge-check, id-document, signed-declaration, agent-authority, call-back or other"), "M" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("verified, more-information or failed"), "O" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (needed unless verified)"), "TEXT" },
    { "data-point", 0, 0, G_OPTION_ARG_STRING_ARRAY, &data_points, N_("A data point that matched, e.g. email or birth_date (repeatable)"), "P" },
    { "evidence-received", 0, 0, G_OPTION_ARG_STRING, &evidence, N_("The day the identity evidence arrived (default: today)"), "DATE" },
    { "document-type", 0, 0, G_OPTION_ARG_STRING, &document_type, N_("passport, id-card, driving-licence, residence-permit or other"), "TYPE" },
    { "issuing-state", 0, 0, G_OPTION_ARG_STRING, &issuing_state, N_("The document’s issuing state (ICAO code)"), "CODE" },
    { "rule", 0, 0, G_OPTION_ARG_STRING, &rule, N_("The policy row the check answers (e.g. G3, C4)"), "ID" },
    { "keep-open", 0, 0, G_OPTION_ARG_NONE, &keep_open, N_("A failed check leaves the case open"), NULL },
    { "keep-documents", 0, 0, G_OPTION_ARG_NONE, &keep_documents, N_("Do not purge the case’s ID documents"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the recorded check as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF — record an identity check on a case"));
  g_autoptr (RdVerificationRecord) record = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  RdCheckMethod check_method;
  RdCheckOutcome check_outcome;
  guint n_purged = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2 || method == NULL || outcome == NULL)
    return rd_cli_usage (_("case verify needs a case reference, --method and --outcome"));
  if (!rd_check_method_from_string (method, &check_method))
    return rd_cli_usage (_("unknown method “%s”"), method);
  if (!rd_check_outcome_from_string (outcome, &check_outcome))
    return rd_cli_usage (_("unknown outcome “%s” (verified, more-information or failed)"),
                         outcome);

  if (evidence != NULL)
    {
      GDate date;

      if (!rd_date_parse (evidence, &date, &error))
        return rd_cli_report_error (error);
    }

  record = rd_verification_record_new (check_method, check_outcome, reason, NULL, NULL);
  record->data_points = g_steal_pointer (&data_points);
  record->evidence_received = g_steal_pointer (&evidence);
  record->document_type = g_steal_pointer (&document_type);
  record->issuing_state = g_steal_pointer (&issuing_state);
  record->rule = g_steal_pointer (&rule);

  store = rd_cli_open_store (global, &error);
  if (store == NULL ||
      !rd_store_record_verification_full (store, argv[1], record,
                                          keep_open ? RD_VERIFICATION_KEEP_OPEN
                                                    : RD_VERIFICATION_FLAGS_NONE,
                                          &error))
    return rd_cli_report_error (error);

  /* Only the record of the check stays (EDPB 01/2022 para. 79; 11 CCR 7060(d)). */
  if (check_outcome != RD_CHECK_MORE_INFORMATION && !keep_documents &&
      !rd_identity_minimise (store, argv[1], _("Identity checked; the copy is not kept"),
                             &n_purged, &error))
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (JsonNode) node = NULL;
      JsonObject *object;

      checks = rd_store_list_verifications (store, argv[1], &error);
      if (checks == NULL)
        return rd_cli_report_error (error);
      node = rd_verification_record_to_json (checks->pdata[checks->len - 1]);
      object = json_node_get_object (node);
      json_object_set_string_member (object, "case", argv[1]);
      json_object_set_int_member (object, "documents_purged", n_purged);
      rd_cli_print_json (node);
    }
  else
    {
      /* Translators: a case reference, then an outcome such as "verified" */
      printf (_("%s: identity %s"), argv[1], rd_check_outcome_to_string (check_outcome));
      if (n_purged > 0)
        /* Translators: appended to the line above */
        printf (g_dngettext (GETTEXT_PACKAGE, "; %u ID document purged",
                             "; %u ID documents purged", n_purged), n_purged);
      printf ("\n");
    }

  return RD_CLI_OK;
}
