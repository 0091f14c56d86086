/* rd-cli-audit.c: `rightsdesk-cli audit verify`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-audit.h"
#include "rd-cli-common.h"
#include "rd-json-writer.h"
#include "rd-store.h"

int
rd_cli_audit (RdCliGlobal *global,
              int          argc,
              char       **argv)
{
  int options_status;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("verify — check that no audit entry was edited, deleted or moved"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdAuditReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2 || !g_str_equal (argv[1], "verify"))
    return rd_cli_usage (_("usage: rightsdesk-cli audit verify [--json]"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(report = rd_audit_verify (store, &error)))
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (RdJsonWriter) w = rd_json_writer_new (stdout);

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "intact");
      rd_json_writer_boolean (w, report->intact);
      rd_json_writer_key (w, "events");
      rd_json_writer_int (w, (gint64) report->n_events);
      rd_json_writer_key (w, "first_broken");
      if (report->intact)
        rd_json_writer_null (w);
      else
        rd_json_writer_int (w, report->first_broken);
      rd_json_writer_key (w, "problem");
      rd_json_writer_string (w, report->problem);
      rd_json_writer_end_object (w);
    }
  else if (report->intact)
    /* Translators: %lu is a number of audit entries */
    printf (_("The audit trail is intact (%lu entries).\n"), (unsigned long) report->n_events);

  if (!report->intact)
    {
      /* Translators: the problem found, e.g. "entry 12 was changed or moved" */
      fprintf (stderr, _("rightsdesk-cli: the audit trail is broken: %s\n"), report->problem);
      return RD_CLI_CHECK_FAILED;
    }

  return RD_CLI_OK;
}
