/* rd-cli-connector.c: connector add|test|list|remove, collect and execute (CLI.md "Client systems")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rd-cli-common.h"
#include "rd-collect.h"
#include "rd-connector-manifest.h"
#include "rd-error.h"
#include "rd-secret.h"
#include "rd-store.h"

/* The secret of a new connection: RIGHTSDESK_SECRET, or typed on the terminal without echo. */
static char *
read_secret (const char  *name,
             GError     **error)
{
  const char *env = g_getenv ("RIGHTSDESK_SECRET");
  struct termios saved, quiet;
  char line[4096];
  FILE *tty;
  gboolean got;

  if (env != NULL)
    return g_strdup (env);

  tty = fopen ("/dev/tty", "r+");
  if (tty == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("No secret for “%s”: set RIGHTSDESK_SECRET or run on a terminal"), name);
      return NULL;
    }
  /* Translators: a prompt; %s is a connection name */
  fprintf (tty, _("Password or token for %s: "), name);
  fflush (tty);
  tcgetattr (fileno (tty), &saved);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  got = fgets (line, sizeof line, tty) != NULL;
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputc ('\n', tty);
  fclose (tty);

  if (!got)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("No secret was typed for “%s”"), name);
      return NULL;
    }
  line[strcspn (line, "\r\n")] = '\0';
  {
    char *secret = g_strdup (line);

    memset (line, 0, sizeof line);
    return secret;
  }
}

/* Asks "[y/N]" on the terminal; FALSE without one. */
static gboolean
confirm (const char *question)
{
  char answer[16] = "";
  FILE *tty = fopen ("/dev/tty", "r+");
  gboolean yes;

  if (tty == NULL)
    return FALSE;
  fprintf (tty, "%s [y/N] ", question);
  fflush (tty);
  yes = fgets (answer, sizeof answer, tty) != NULL && (answer[0] == 'y' || answer[0] == 'Y');
  fclose (tty);
  return yes;
}

/* ------------------------------------------------------------------------------------------ */
/* connector add */

static int
connector_add (RdCliGlobal *global,
               int          argc,
               char       **argv)
{
  int options_status;
  g_autofree char *client = NULL, *name = NULL, *kind_name = NULL, *url = NULL;
  g_autofree char *manifest = NULL, *user = NULL;
  const GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("The client organisation"), N_("CLIENT") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A short name for the system"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("request-tracker, http or opendsr"), N_("KIND") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The system’s address"), N_("URL") },
    { "manifest", 0, 0, G_OPTION_ARG_FILENAME, &manifest,
      N_("The manifest of an http system"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The user to sign in as"), N_("USER") },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— connect a client system (the secret comes from "
                            "RIGHTSDESK_SECRET or the terminal)"));
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdClient) owner = NULL;
  g_autoptr (GError) error = NULL;
  RdConnectorKind kind;
  char *secret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 1)
    return rd_cli_usage (_("connector add takes no arguments, only options"));
  if (client == NULL || name == NULL || kind_name == NULL || url == NULL)
    return rd_cli_usage (_("connector add needs --client, --name, --kind and --url"));
  if (!rd_connector_kind_from_string (kind_name, &kind))
    return rd_cli_usage (_("--kind must be request-tracker, http or opendsr, not “%s”"),
                         kind_name);

  config = rd_connector_config_new (client, name, kind, url);
  if (user != NULL)
    rd_connector_config_set_user (config, user);
  if (manifest != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (manifest, NULL);
      g_autoptr (RdManifest) parsed = rd_manifest_new_from_file (absolute, &error);

      /* A manifest that does not load would fail at every collect: refuse it now. */
      if (parsed == NULL)
        return rd_cli_report_error (error);
      rd_connector_config_set_manifest (config, absolute);
    }
  if (!rd_connector_config_validate (config, &error))
    return rd_cli_report_error (error);

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(owner = rd_store_ensure_client (store, client, &error)))
    return rd_cli_report_error (error);

  secret = read_secret (name, &error);
  if (secret == NULL)
    return rd_cli_report_error (error);
  /* An empty secret: a system that needs none (a manifest with "auth": {"type": "none"}). */
  if (*secret != '\0' && !rd_secret_store (client, name, secret, NULL, &error))
    {
      rd_secret_free (secret);
      return rd_cli_report_error (error);
    }
  rd_secret_free (secret);

  if (!rd_store_save_connector (store, config, &error))
    {
      rd_secret_delete (client, name, NULL, NULL);
      return rd_cli_report_error (error);
    }
  /* Translators: a connection name and its client */
  printf (_("Connected %s for %s\n"), name, client);
  return RD_CLI_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* connector test, list, remove */

static RdConnector *
open_connector (RdStore     *store,
                const char  *name,
                GError     **error)
{
  g_autoptr (RdConnectorConfig) config = rd_store_get_connector (store, name, error);
  GError *local_error = NULL;
  RdConnector *connector;
  char *secret;

  if (config == NULL)
    return NULL;
  secret = rd_secret_lookup (rd_connector_config_get_client (config), name, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  connector = rd_connector_new_for_config (config, secret, error);
  if (secret != NULL)
    rd_secret_free (secret);
  return connector;
}

static int
connector_test (RdCliGlobal *global,
                int          argc,
                char       **argv)
{
  int options_status;
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("NAME — one cheap authenticated request to the system"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("connector test needs one connection name"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(connector = open_connector (store, argv[1], &error)))
    return rd_cli_report_error (error);

  ok = rd_connector_test_sync (connector, NULL, &error);
  rd_store_set_connector_result (store, argv[1], ok,
                                 ok ? _("The connection works") : error->message, NULL);
  if (!ok)
    return rd_cli_report_error (error);
  /* Translators: a connection name */
  printf (_("%s: the connection works\n"), argv[1]);
  return RD_CLI_OK;
}

static int
connector_list (RdCliGlobal *global,
                int          argc,
                char       **argv)
{
  int options_status;
  g_autofree char *client = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Only this client’s systems"), N_("CLIENT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("— list the connected systems"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) configs = NULL;
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 1)
    return rd_cli_usage (_("connector list takes no arguments"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(configs = rd_store_list_connectors (store, client, &error)))
    return rd_cli_report_error (error);

  for (guint i = 0; i < configs->len; i++)
    {
      RdConnectorConfig *config = configs->pdata[i];
      const char *name = rd_connector_config_get_name (config);
      g_autofree char *message = NULL, *at = NULL;
      gboolean ok = FALSE, tried;
      JsonNode *node = rd_connector_config_to_json (config);
      JsonObject *object = json_node_get_object (node);

      tried = rd_store_get_connector_result (store, name, &ok, &message, &at, NULL);
      if (tried)
        {
          JsonObject *last = json_object_new ();

          json_object_set_boolean_member (last, "ok", ok);
          json_object_set_string_member (last, "message", message);
          json_object_set_string_member (last, "at", at);
          json_object_set_object_member (object, "last_result", last);
        }
      else
        json_object_set_null_member (object, "last_result");

      if (!json)
        /* Translators: name, kind, client, address, then the last result or “never used” */
        printf ("%-16s %-16s %-20s %s  %s\n", name,
                rd_connector_kind_to_string (rd_connector_config_get_kind (config)),
                rd_connector_config_get_client (config), rd_connector_config_get_url (config),
                tried ? (ok ? _("works") : _("failed")) : _("never used"));
      json_array_add_element (array, node);
    }

  if (json)
    {
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, array);
      rd_cli_print_json (root);
    }
  return RD_CLI_OK;
}

static int
connector_remove (RdCliGlobal *global,
                  int          argc,
                  char       **argv)
{
  int options_status;
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("NAME — forget a system and its secret"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdConnectorConfig) config = NULL;
  g_autoptr (GError) error = NULL;

  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("connector remove needs one connection name"));

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(config = rd_store_get_connector (store, argv[1], &error)))
    return rd_cli_report_error (error);
  /* The secret first: a secret left behind in the keyring would outlive its connection. */
  if (!rd_secret_delete (rd_connector_config_get_client (config), argv[1], NULL, &error) ||
      !rd_store_remove_connector (store, argv[1], &error))
    return rd_cli_report_error (error);
  /* Translators: a connection name */
  printf (_("Removed %s\n"), argv[1]);
  return RD_CLI_OK;
}

int
rd_cli_connector (RdCliGlobal *global,
                  int          argc,
                  char       **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return connector_add (global, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "test"))
    return connector_test (global, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return connector_list (global, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return connector_remove (global, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", _("Usage: rightsdesk-cli connector add|test|list|remove [OPTIONS]"));
      return RD_CLI_OK;
    }
  return rd_cli_usage (_("connector needs one of: add, test, list, remove"));
}

/* ------------------------------------------------------------------------------------------ */
/* collect, execute */

static void
progress_cb (const RdSystemResult *result,
             gpointer              user_data)
{
  /* Only for a person watching: scripts read stdout and the exit status. */
  if (!isatty (STDERR_FILENO))
    return;
  if (result->state == RD_SYSTEM_RUNNING)
    {
      fprintf (stderr, _("%s: working… %u records, %u conversations"), result->connector,
               result->records, result->transcripts);
      fputc ('\r', stderr);
    }
  else if (result->state != RD_SYSTEM_PENDING)
    fprintf (stderr, "\033[K");
}

static int
report_failures (const char *what,
                 GPtrArray  *results)
{
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  guint failed = 0;

  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *r = results->pdata[i];

      if (r->state == RD_SYSTEM_OK || r->state == RD_SYSTEM_SKIPPED)
        continue;
      failed++;
      g_string_append_printf (line, "%s%s: %s", line->len ? "; " : "", r->connector,
                              r->error ? r->error->message : rd_system_state_to_string (r->state));
    }
  if (failed == 0)
    return RD_CLI_OK;
  g_set_error (&error, RD_ERROR, RD_ERROR_NETWORK,
               /* Translators: "collect" or "execute", counts, then the reasons */
               _("%s: %u of %u systems failed: %s"), what, failed, results->len, line->str);
  return rd_cli_report_error (error);
}

static JsonNode *
results_to_json (GPtrArray  *results,
                 const char *reference,
                 const char *type)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (reference != NULL)
    {
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, reference);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type);
    }
  json_builder_set_member_name (builder, "systems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    json_builder_add_value (builder, rd_system_result_to_json (results->pdata[i]));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
rd_cli_collect (RdCliGlobal *global,
                int          argc,
                char       **argv)
{
  int options_status;
  g_autofree char *only = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "connector", 0, 0, G_OPTION_ARG_STRING, &only, N_("Only this system"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF — fetch the requester’s records and conversations from the "
                            "client’s systems into the case"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCollect) collect = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("collect needs one case reference"));

  /* Opening here creates the database on first use and brings its schema up to date. */
  store = rd_cli_open_store (global, &error);
  if (store == NULL)
    return rd_cli_report_error (error);
  collect = rd_collect_new (rd_store_get_path (store), argv[1]);
  rd_collect_set_connector (collect, only);
  rd_collect_set_progress_func (collect, progress_cb, NULL, NULL);
  results = rd_collect_run_sync (collect, NULL, &error);
  if (results == NULL)
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (JsonNode) root = results_to_json (results, NULL, NULL);
      rd_cli_print_json (root);
    }
  else
    for (guint i = 0; i < results->len; i++)
      {
        RdSystemResult *r = results->pdata[i];

        if (r->state == RD_SYSTEM_OK)
          /* Translators: connection, records, conversations */
          printf (_("%s: ok, %u records, %u transcripts\n"), r->connector, r->records,
                  r->transcripts);
        else
          printf ("%s: %s: %s\n", r->connector, rd_system_state_to_string (r->state),
                  r->error ? r->error->message : "");
      }
  return report_failures ("collect", results);
}

static void
print_value (JsonNode *node)
{
  g_autofree char *text = node ? json_to_string (node, FALSE) : g_strdup ("null");
  fputs (text, stdout);
}

static void
print_plan (const char *reference,
            const char *type,
            GPtrArray  *results)
{
  /* Translators: a case reference and a request type */
  printf (_("Plan for %s (%s):\n"), reference, type);
  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *r = results->pdata[i];

      if (r->state != RD_SYSTEM_OK)
        {
          printf ("  %s: %s: %s\n", r->connector, rd_system_state_to_string (r->state),
                  r->error ? r->error->message : "");
          continue;
        }
      if (r->plan->len == 0)
        printf (_("  %s: the requester was not found; nothing to do\n"), r->connector);
      for (guint j = 0; j < r->plan->len; j++)
        {
          RdOperation *op = r->plan->pdata[j];
          JsonObjectIter iter;
          const char *field;
          JsonNode *value;

          printf ("  %s: %s %s %s — %s\n", r->connector, rd_action_kind_to_string (op->kind),
                  op->collection, op->id, op->description ? op->description : "");
          json_object_iter_init (&iter, op->changes);
          while (json_object_iter_next (&iter, &field, &value))
            {
              printf ("      %s: ", field);
              print_value (json_object_get_member (op->before, field));
              fputs (" → ", stdout);
              print_value (value);
              fputc ('\n', stdout);
            }
        }
    }
}

static void
print_evidence (GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *r = results->pdata[i];

      printf ("%s: %s%s%s\n", r->connector, rd_system_state_to_string (r->state),
              r->error ? ": " : "", r->error ? r->error->message : "");
      if (r->execution == NULL)
        continue;
      for (guint j = 0; j < r->execution->evidence->len; j++)
        {
          RdEvidence *e = r->execution->evidence->pdata[j];

          printf ("  %s %s → %u  %s\n", e->method, e->url, e->status, e->time);
        }
      for (guint j = 0; j < r->execution->not_removed->len; j++)
        /* Translators: what a system kept after an erasure */
        printf (_("  not removed: %s\n"), (char *) r->execution->not_removed->pdata[j]);
    }
}

int
rd_cli_execute (RdCliGlobal *global,
                int          argc,
                char       **argv)
{
  int options_status;
  g_auto (GStrv) sets = NULL;
  g_autofree char *only = NULL;
  gboolean json = FALSE, yes = FALSE, rollback = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Carry out the plan without asking"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("A corrected value, for a rectification (name, email, phone, organization, "
         "address, city, zip, country)"), N_("FIELD=VALUE") },
    { "connector", 0, 0, G_OPTION_ARG_STRING, &only, N_("Only this system"), N_("NAME") },
    { "rollback", 0, 0, G_OPTION_ARG_NONE, &rollback,
      N_("Put back the values the last rectification changed"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("REF — carry out the case’s erasure, rectification, restriction or "
                            "consent withdrawal on each connected system"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdCollect) collect = NULL;
  g_autoptr (GPtrArray) plans = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (GError) error = NULL;
  const char *type;
  guint operations = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((options_status = rd_cli_parse_options (context, &argc, &argv)) != RD_CLI_OK)
    return options_status;
  if (argc != 2)
    return rd_cli_usage (_("execute needs one case reference"));
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      const char *eq = strchr (sets[i], '=');
      g_autofree char *field = NULL;

      if (eq == NULL || eq == sets[i])
        return rd_cli_usage (_("--set needs FIELD=VALUE, not “%s”"), sets[i]);
      field = g_strndup (sets[i], eq - sets[i]);
      json_object_set_string_member (values, field, eq + 1);
    }

  store = rd_cli_open_store (global, &error);
  if (store == NULL || !(item = rd_store_get_case (store, argv[1], &error)))
    return rd_cli_report_error (error);
  type = rd_request_type_to_string (rd_case_get_request_type (item));

  collect = rd_collect_new (rd_store_get_path (store), argv[1]);
  rd_collect_set_connector (collect, only);
  rd_collect_set_progress_func (collect, progress_cb, NULL, NULL);
  rd_collect_set_rectification (collect, values);

  if (rollback)
    {
      if (!yes && !confirm (_("Put back the values the last rectification changed?")))
        return rd_cli_usage (_("nothing was changed: confirm on the terminal or add --yes"));
      results = rd_collect_rollback_sync (collect, NULL, &error);
    }
  else
    {
      plans = rd_collect_plan_sync (collect, NULL, &error);
      if (plans == NULL)
        return rd_cli_report_error (error);
      for (guint i = 0; i < plans->len; i++)
        {
          RdSystemResult *r = plans->pdata[i];
          operations += r->plan ? r->plan->len : 0;
        }

      if (!yes)
        {
          if (json)
            {
              /* A script sees the plan and runs again with --yes to carry it out. */
              g_autoptr (JsonNode) root = results_to_json (plans, argv[1], type);

              json_object_set_boolean_member (json_node_get_object (root), "carried_out", FALSE);
              rd_cli_print_json (root);
              return report_failures ("execute", plans);
            }
          print_plan (argv[1], type, plans);
          if (operations == 0)
            return report_failures ("execute", plans);
          if (!confirm (_("Carry out this plan?")))
            return rd_cli_usage (_("nothing was changed: confirm on the terminal or add --yes"));
        }
      else if (!json)
        print_plan (argv[1], type, plans);

      results = rd_collect_execute_sync (collect, plans, NULL, &error);
    }
  if (results == NULL)
    return rd_cli_report_error (error);

  if (json)
    {
      g_autoptr (JsonNode) root = results_to_json (results, argv[1], type);

      json_object_set_boolean_member (json_node_get_object (root), "carried_out", TRUE);
      rd_cli_print_json (root);
    }
  else
    print_evidence (results);
  return report_failures (rollback ? "rollback" : "execute", results);
}
