/* test-connector-manifest.c: the manifest-driven connector against a small helpdesk/CRM
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-connector-manifest.h"
#include "rd-error.h"
#include "rd-test-server.h"

/* The fake system's state, touched by the server thread and read by the tests. */
typedef struct
{
  char *id;
  char *email;
  char *name;
} Contact;

static GMutex state_lock;
static Contact contacts[4];
static GHashTable *deleted_tickets;   /* ids */
static char *fail_put_id;             /* PUT on this contact answers 500 */
static gboolean bad_shape;            /* search answers an object where the array belongs */
static gboolean foreign_link;         /* comments' next page points to another host */
static guint requests_seen;

static void
reset_state (void)
{
  static const char *init[4][3] = {
    { "1", "ann@example.org", "Ann Smyth" },
    { "2", "ann.work@example.org", "Ann Smyth" },
    { "3", "bob@example.org", "Bob Other" },
    { "4", "carol@example.org", "Carol Other" },
  };

  g_mutex_lock (&state_lock);
  for (guint i = 0; i < 4; i++)
    {
      g_free (contacts[i].id);
      g_free (contacts[i].email);
      g_free (contacts[i].name);
      contacts[i].id = g_strdup (init[i][0]);
      contacts[i].email = g_strdup (init[i][1]);
      contacts[i].name = g_strdup (init[i][2]);
    }
  if (deleted_tickets == NULL)
    deleted_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_remove_all (deleted_tickets);
  g_clear_pointer (&fail_put_id, g_free);
  bad_shape = foreign_link = FALSE;
  requests_seen = 0;
  g_mutex_unlock (&state_lock);
}

static Contact *
find_contact (const char *id)
{
  for (guint i = 0; i < 4; i++)
    if (g_strcmp0 (contacts[i].id, id) == 0)
      return &contacts[i];
  return NULL;
}

static void
add_contact_json (JsonBuilder *b,
                  Contact     *c)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, g_ascii_strtoll (c->id, NULL, 10));
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, c->email);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, c->name);
  json_builder_end_object (b);
}

static void
reply_builder (SoupServerMessage *msg,
               JsonBuilder       *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, FALSE);

  rd_test_reply_json (msg, 200, text);
}

/* Tickets: contact 1 has five (cursor pages of two), contact 2 has one, others one each. */
static guint
ticket_count (const char *contact)
{
  return g_strcmp0 (contact, "1") == 0 ? 5 : 1;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_mutex_lock (&state_lock);
  requests_seen++;

  if (g_strcmp0 (auth, "Bearer s3cret") != 0)
    {
      rd_test_reply_json (msg, 401, "{\"error\": \"unauthorized\"}");
      goto out;
    }

  if (strcmp (path, "/api/me") == 0)
    rd_test_reply_json (msg, 200, "{\"id\": 99, \"name\": \"agent\"}");
  else if (strcmp (path, "/api/contacts/search") == 0 && strcmp (method, "GET") == 0)
    {
      const char *email = query ? g_hash_table_lookup (query, "email") : NULL;
      guint offset = query && g_hash_table_lookup (query, "offset")
                     ? atoi (g_hash_table_lookup (query, "offset")) : 0;

      if (bad_shape)
        {
          rd_test_reply_json (msg, 200, "{\"results\": {\"id\": 1}}");
          goto out;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "results");
      json_builder_begin_array (b);
      /* One match per e-mail; offset pagination with limit 1 checks that paging stops. */
      for (guint i = 0; i < 4 && offset == 0; i++)
        if (g_strcmp0 (contacts[i].email, email) == 0)
          add_contact_json (b, &contacts[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      reply_builder (msg, b);
    }
  else if (n == 5 && strcmp (parts[2], "contacts") == 0 && strcmp (parts[4], "tickets") == 0)
    {
      const char *cursor = query ? g_hash_table_lookup (query, "after") : NULL;
      guint start = cursor ? atoi (cursor) : 0;
      guint total = ticket_count (parts[3]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "data");
      json_builder_begin_array (b);
      for (guint i = start; i < MIN (start + 2, total); i++)
        {
          g_autofree char *id = g_strdup_printf ("%s%02u", parts[3], i);

          if (g_hash_table_contains (deleted_tickets, id))
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "ticket_id");
          json_builder_add_string_value (b, id);
          json_builder_set_member_name (b, "subject");
          json_builder_add_string_value (b, "Where is my order?");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "meta");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "next_cursor");
      if (start + 2 < total)
        {
          g_autofree char *next = g_strdup_printf ("%u", start + 2);
          json_builder_add_string_value (b, next);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
      reply_builder (msg, b);
    }
  else if (n == 5 && strcmp (parts[2], "tickets") == 0 && strcmp (parts[4], "comments") == 0)
    {
      const char *page = query ? g_hash_table_lookup (query, "page") : NULL;
      guint p = page ? atoi (page) : 1;

      /* Two pages linked by an RFC 8288 header. */
      if (p == 1)
        {
          g_autofree char *link = foreign_link
            ? g_strdup ("<http://elsewhere.invalid/comments?page=2>; rel=\"next\"")
            : g_strdup_printf ("<%s?page=2>; rel=\"next\"", path);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
        }
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      {
        g_autofree char *id = g_strdup_printf ("%s-c%u", parts[3], p);
        json_builder_add_string_value (b, id);
      }
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, p == 1 ? "Hello, my parcel is late." : "Sorry, on its way.");
      json_builder_end_object (b);
      json_builder_end_array (b);
      reply_builder (msg, b);
    }
  else if (n == 4 && strcmp (parts[2], "contacts") == 0 && strcmp (method, "PUT") == 0)
    {
      Contact *c = find_contact (parts[3]);
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *fields;

      if (c == NULL)
        {
          rd_test_reply_json (msg, 404, "{}");
          goto out;
        }
      if (g_strcmp0 (fail_put_id, parts[3]) == 0)
        {
          rd_test_reply_json (msg, 500, "{\"error\": \"database locked\"}");
          goto out;
        }
      g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
      fields = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "contact");
      if (json_object_has_member (fields, "name"))
        {
          g_free (c->name);
          c->name = g_strdup (json_object_get_string_member (fields, "name"));
        }
      if (json_object_has_member (fields, "email"))
        {
          g_free (c->email);
          c->email = g_strdup (json_object_get_string_member (fields, "email"));
        }
      rd_test_reply_json (msg, 200, "{\"ok\": true}");
    }
  else if (n == 4 && strcmp (parts[2], "tickets") == 0 && strcmp (method, "DELETE") == 0)
    {
      g_hash_table_add (deleted_tickets, g_strdup (parts[3]));
      soup_server_message_set_status (msg, 204, NULL);
    }
  else
    rd_test_reply_json (msg, 404, "{\"error\": \"not found\"}");

out:
  g_mutex_unlock (&state_lock);
}

static void
setup_cb (SoupServer *server,
          gpointer    user_data)
{
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
}

static const char *manifest_text =
  "{"
  " \"manifest_version\": 1, \"id\": \"testcrm\", \"name\": \"Test CRM\","
  " \"auth\": {\"type\": \"bearer\"},"
  " \"rate_limit\": {\"requests\": 1000, \"period_seconds\": 1},"
  " \"test\": {\"method\": \"GET\", \"path\": \"/api/me\"},"
  " \"collections\": ["
  "  {\"name\": \"contacts\", \"id\": \"/id\","
  "   \"lookup\": [{\"method\": \"GET\", \"path\": \"/api/contacts/search\","
  "                \"query\": {\"email\": \"{email}\"}, \"records\": \"/results\","
  "                \"pagination\": {\"type\": \"offset\", \"param\": \"offset\","
  "                                 \"limit_param\": \"limit\", \"limit\": 1}}],"
  "   \"update\": {\"method\": \"PUT\", \"path\": \"/api/contacts/{id}\","
  "                \"body\": {\"contact\": \"{changes}\"}},"
  "   \"rectify\": {\"name\": \"name\", \"email\": \"email\"},"
  "   \"erase\": {\"action\": \"anonymise\","
  "              \"fields\": {\"name\": \"Erased\", \"email\": \"erased-{id}@invalid\"}}},"
  "  {\"name\": \"tickets\", \"parent\": \"contacts\", \"id\": \"/ticket_id\","
  "   \"lookup\": [{\"method\": \"GET\", \"path\": \"/api/contacts/{parent.id}/tickets\","
  "                \"records\": \"/data\","
  "                \"pagination\": {\"type\": \"cursor\", \"param\": \"after\","
  "                                 \"next\": \"/meta/next_cursor\"}}],"
  "   \"delete\": {\"method\": \"DELETE\", \"path\": \"/api/tickets/{id}\"},"
  "   \"erase\": {\"action\": \"delete\"}},"
  "  {\"name\": \"comments\", \"parent\": \"tickets\","
  "   \"lookup\": [{\"method\": \"GET\", \"path\": \"/api/tickets/{parent.id}/comments\","
  "                \"records\": \"\", \"pagination\": {\"type\": \"link-header\"}}]}"
  " ]"
  "}";

static RdManifest *
load_manifest (const char  *text,
               GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return rd_manifest_new_from_json (json_parser_get_root (parser), error);
}

typedef struct
{
  RdTestServer *server;
  RdConnector  *connector;
} Fixture;

static RdConnector *
make_connector (RdTestServer *server,
                const char   *secret)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdManifest) manifest = load_manifest (manifest_text, &error);
  g_autoptr (RdConnectorConfig) config =
    rd_connector_config_new ("Acme Retail", "crm", RD_CONNECTOR_KIND_HTTP, rd_test_server_url (server));
  RdConnector *connector;

  g_assert_no_error (error);
  connector = RD_CONNECTOR (rd_connector_manifest_new (config, manifest, secret));
  rd_http_client_set_retry_policy (rd_connector_get_client (connector), 3, 10, 50, 5);
  return connector;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  reset_state ();
  fx->server = rd_test_server_new (setup_cb, NULL, NULL, NULL);
  fx->connector = make_connector (fx->server, "s3cret");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->connector);
  g_clear_pointer (&fx->server, rd_test_server_free);
}

static RdSubject *
ann (void)
{
  RdSubject *subject = rd_subject_new ("Ann Smyth");

  rd_subject_add_email (subject, "ann@example.org");
  rd_subject_add_email (subject, "ann.work@example.org");
  return subject;
}

static guint
count_in (GPtrArray  *records,
          const char *collection,
          const char *id)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *r = records->pdata[i];
      if (strcmp (r->collection, collection) == 0 && (id == NULL || strcmp (r->id, id) == 0))
        n++;
    }
  return n;
}

static void
test_invalid_manifests (void)
{
  struct { const char *json; const char *expect; } cases[] = {
    { "[]", "JSON object" },
    { "{\"manifest_version\": 1, \"id\": \"x\", \"name\": \"X\", \"auth\": {\"type\": \"oauth\"},"
      " \"collections\": []}", "auth.type" },
    { "{\"manifest_version\": 1, \"id\": \"x\", \"name\": \"X\", \"auth\": {\"type\": \"none\"},"
      " \"collections\": [{\"name\": \"a\", \"lookup\": [{\"method\": \"GET\", \"path\": \"/a\"}]}]}",
      "records" },
    { "{\"manifest_version\": 1, \"id\": \"x\", \"name\": \"X\", \"auth\": {\"type\": \"none\"},"
      " \"collections\": [{\"name\": \"a\", \"lookup\": [{\"method\": \"GET\", \"path\": \"/a/{mail}\","
      " \"records\": \"/r\"}]}]}", "{mail}" },
    { "{\"manifest_version\": 1, \"id\": \"x\", \"name\": \"X\", \"auth\": {\"type\": \"none\"},"
      " \"collections\": [{\"name\": \"a\", \"parent\": \"b\", \"lookup\": [{\"method\": \"GET\","
      " \"path\": \"/a\", \"records\": \"/r\"}]}]}", "parent" },
    { "{\"manifest_version\": 1, \"id\": \"x\", \"name\": \"X\", \"auth\": {\"type\": \"none\"},"
      " \"collections\": [{\"name\": \"a\", \"lookup\": [{\"method\": \"GET\", \"path\": \"/a\","
      " \"records\": \"/r\"}], \"erase\": {\"action\": \"delete\"}}]}", "delete" },
    { "{\"manifest_version\": 1, \"id\": \"x\", \"name\": \"X\", \"auth\": {\"type\": \"none\"},"
      " \"collections\": [{\"name\": \"a\", \"lookup\": [{\"method\": \"GET\", \"path\": \"/a\","
      " \"records\": \"/r\", \"pagination\": {\"type\": \"cursor\"}}]}]}", "next" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdManifest) manifest = load_manifest (cases[i].json, &error);

      g_assert_null (manifest);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
      if (strstr (error->message, cases[i].expect) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].expect);
    }
}

static void
test_shipped_manifests (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("RIGHTSDESK_TEST_DATA"), "..", "..", "data",
                                           "connectors", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint loaded = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (RdManifest) manifest = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      manifest = rd_manifest_new_from_file (path, &error);
      g_assert_no_error (error);
      loaded++;
    }
  g_assert_cmpuint (loaded, >=, 2);
}

static void
test_connection (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdConnector) wrong = make_connector (fx->server, "wrong");

  g_assert_true (rd_connector_test_sync (fx->connector, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (rd_connector_test_sync (wrong, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "credentials"));
  /* The secret never appears in an error. */
  g_assert_null (strstr (error->message, "wrong"));
}

static void
test_collect (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdCollection) collection = rd_collection_new ();
  GPtrArray *records;

  g_assert_true (rd_connector_collect_sync (fx->connector, subject, collection, NULL, &error));
  g_assert_no_error (error);
  records = rd_collection_get_records (collection);

  /* Both of Ann's accounts, none of Bob's or Carol's. */
  g_assert_cmpuint (count_in (records, "contacts", NULL), ==, 2);
  g_assert_cmpuint (count_in (records, "contacts", "1"), ==, 1);
  g_assert_cmpuint (count_in (records, "contacts", "2"), ==, 1);
  g_assert_cmpuint (count_in (records, "contacts", "3"), ==, 0);
  /* Five tickets over three cursor pages for contact 1, one for contact 2. */
  g_assert_cmpuint (count_in (records, "tickets", NULL), ==, 6);
  g_assert_cmpuint (count_in (records, "tickets", "104"), ==, 1);
  g_assert_cmpuint (count_in (records, "tickets", "300"), ==, 0);
  /* Two comments per ticket over two Link-header pages. */
  g_assert_cmpuint (count_in (records, "comments", NULL), ==, 12);
  g_assert_cmpuint (count_in (records, "comments", "104-c2"), ==, 1);

  for (guint i = 0; i < records->len; i++)
    g_assert_cmpstr (((RdRecord *) records->pdata[i])->system, ==, "crm");
  g_assert_cmpuint (rd_collection_get_evidence (collection)->len, >, 0);
}

static void
test_wrong_shape (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdCollection) collection = rd_collection_new ();

  bad_shape = TRUE;
  g_assert_false (rd_connector_collect_sync (fx->connector, subject, collection, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "/results"));
}

static void
test_next_page_other_host (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdCollection) collection = rd_collection_new ();

  foreign_link = TRUE;
  g_assert_false (rd_connector_collect_sync (fx->connector, subject, collection, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "elsewhere.invalid"));
}

static void
test_rectify_and_roll_back (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (JsonObject) corrected = json_object_new ();
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (RdExecution) execution = NULL;
  g_autoptr (GPtrArray) undo = NULL;
  g_autoptr (RdExecution) undone = NULL;
  RdOperation *op;

  json_object_set_string_member (corrected, "name", "Ann Smith");
  plan = rd_connector_plan_sync (fx->connector, RD_REQUEST_RECTIFICATION, subject, corrected,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 2);
  op = plan->pdata[0];
  g_assert_cmpint (op->kind, ==, RD_ACTION_RECTIFY);
  g_assert_cmpstr (json_object_get_string_member (op->before, "name"), ==, "Ann Smyth");
  g_assert_cmpstr (json_object_get_string_member (op->changes, "name"), ==, "Ann Smith");

  /* Planning wrote nothing. */
  g_assert_cmpstr (contacts[0].name, ==, "Ann Smyth");

  execution = rd_connector_execute_sync (fx->connector, plan, NULL);
  g_assert_no_error (execution->error);
  g_assert_cmpstr (contacts[0].name, ==, "Ann Smith");
  g_assert_cmpstr (contacts[1].name, ==, "Ann Smith");
  g_assert_cmpstr (contacts[2].name, ==, "Bob Other");
  g_assert_cmpuint (execution->evidence->len, ==, 2);
  g_assert_cmpuint (((RdEvidence *) execution->evidence->pdata[0])->status, ==, 200);
  g_assert_cmpstr (((RdEvidence *) execution->evidence->pdata[0])->method, ==, "PUT");

  undo = rd_execution_rollback_plan (execution);
  g_assert_cmpuint (undo->len, ==, 2);
  undone = rd_connector_execute_sync (fx->connector, undo, NULL);
  g_assert_no_error (undone->error);
  g_assert_cmpstr (contacts[0].name, ==, "Ann Smyth");
  g_assert_cmpstr (contacts[1].name, ==, "Ann Smyth");
}

static void
test_failure_not_half_applied (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (JsonObject) corrected = json_object_new ();
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (RdExecution) execution = NULL;

  json_object_set_string_member (corrected, "email", "ann.smith@example.org");
  plan = rd_connector_plan_sync (fx->connector, RD_REQUEST_RECTIFICATION, subject, corrected,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 2);

  /* The second account's update fails with 500 (not retried: a PUT that failed may be
   * half-done on their side, but here it is refused outright). */
  g_mutex_lock (&state_lock);
  fail_put_id = g_strdup (((RdOperation *) plan->pdata[1])->id);
  g_mutex_unlock (&state_lock);

  execution = rd_connector_execute_sync (fx->connector, plan, NULL);
  g_assert_error (execution->error, RD_ERROR, RD_ERROR_NETWORK);
  g_assert_true (execution->rolled_back);
  g_assert_nonnull (strstr (execution->error->message, "undone"));
  /* The first account got its old address back. */
  g_assert_cmpstr (contacts[0].email, ==, "ann@example.org");
  g_assert_cmpstr (contacts[1].email, ==, "ann.work@example.org");
  g_assert_false (((RdOperation *) execution->operations->pdata[0])->done);
  /* Evidence: the update, the failure, the undo. */
  g_assert_cmpuint (execution->evidence->len, ==, 3);
  g_assert_nonnull (((RdEvidence *) execution->evidence->pdata[1])->error);
}

static void
test_erase (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (RdExecution) execution = NULL;
  guint deletes = 0;

  plan = rd_connector_plan_sync (fx->connector, RD_REQUEST_ERASURE, subject, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Two contacts anonymised first, then six tickets deleted; comments go with tickets. */
  g_assert_cmpuint (plan->len, ==, 8);
  g_assert_cmpint (((RdOperation *) plan->pdata[0])->kind, ==, RD_ACTION_ANONYMISE);
  for (guint i = 0; i < plan->len; i++)
    deletes += ((RdOperation *) plan->pdata[i])->kind == RD_ACTION_DELETE;
  g_assert_cmpuint (deletes, ==, 6);
  g_assert_cmpint (((RdOperation *) plan->pdata[7])->kind, ==, RD_ACTION_DELETE);

  execution = rd_connector_execute_sync (fx->connector, plan, NULL);
  g_assert_no_error (execution->error);
  g_assert_cmpstr (contacts[0].name, ==, "Erased");
  g_assert_cmpstr (contacts[0].email, ==, "erased-1@invalid");
  g_assert_cmpstr (contacts[1].email, ==, "erased-2@invalid");
  g_assert_cmpstr (contacts[2].email, ==, "bob@example.org");
  g_assert_cmpuint (g_hash_table_size (deleted_tickets), ==, 6);
  g_assert_true (g_hash_table_contains (deleted_tickets, "100"));
  g_assert_false (g_hash_table_contains (deleted_tickets, "300"));
}

static void
collect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  int *state = user_data;
  g_autoptr (GError) error = NULL;

  *state = rd_connector_collect_finish (RD_CONNECTOR (source), result, &error) ? 1 : 2;
  if (*state == 2)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_async_and_cancel (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr (RdSubject) subject = ann ();
  g_autoptr (RdCollection) collection = rd_collection_new ();
  g_autoptr (RdCollection) cancelled = rd_collection_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  int state = 0;

  rd_connector_collect_async (fx->connector, subject, collection, NULL, collect_done_cb, &state);
  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state, ==, 1);
  g_assert_cmpuint (rd_collection_count_records (collection), ==, 20);

  state = 0;
  g_cancellable_cancel (cancellable);
  rd_connector_collect_async (fx->connector, subject, cancelled, cancellable, collect_done_cb, &state);
  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("http_proxy");

  g_test_add_func ("/core/connector-manifest/invalid", test_invalid_manifests);
  g_test_add_func ("/core/connector-manifest/shipped", test_shipped_manifests);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/connector-manifest/test-connection", test_connection);
  ADD ("/core/connector-manifest/collect", test_collect);
  ADD ("/core/connector-manifest/wrong-shape", test_wrong_shape);
  ADD ("/core/connector-manifest/next-page-other-host", test_next_page_other_host);
  ADD ("/core/connector-manifest/rectify-and-roll-back", test_rectify_and_roll_back);
  ADD ("/core/connector-manifest/failure-not-half-applied", test_failure_not_half_applied);
  ADD ("/core/connector-manifest/erase", test_erase);
  ADD ("/core/connector-manifest/async-and-cancel", test_async_and_cancel);
#undef ADD

  return g_test_run ();
}
