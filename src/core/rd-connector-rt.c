/* rd-connector-rt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-connector-rt"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-connector-rt.h"
#include "rd-error.h"

#define PER_PAGE "100"

struct _RdConnectorRt
{
  GObject            parent_instance;
  RdConnectorConfig *config;
  RdHttpClient      *client;
  char              *base;        /* .../REST/2.0 */
  char              *web;         /* the instance's web root, for sources */
  char              *auth_value;  /* never logged */
};

static void connector_iface_init (RdConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdConnectorRt, rd_connector_rt, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_CONNECTOR, connector_iface_init))

/* Rights Desk's field names and RT's user fields. */
static const struct { const char *ours; const char *rt; } field_map[] = {
  { "name", "RealName" },
  { "email", "EmailAddress" },
  { "phone", "MobilePhone" },
  { "organization", "Organization" },
  { "address", "Address1" },
  { "city", "City" },
  { "zip", "Zip" },
  { "country", "Country" },
};

/* What anonymisation overwrites: every personal field REST 2 lets us write. */
static const char *personal_fields[] = {
  "RealName", "EmailAddress", "NickName", "Organization", "Address1", "Address2", "City",
  "State", "Zip", "Country", "HomePhone", "WorkPhone", "MobilePhone", "PagerPhone",
  "Signature", "Comments", "Lang", NULL
};

static void
rd_connector_rt_finalize (GObject *object)
{
  RdConnectorRt *self = RD_CONNECTOR_RT (object);

  g_clear_object (&self->config);
  g_clear_object (&self->client);
  g_free (self->base);
  g_free (self->web);
  if (self->auth_value != NULL)
    memset (self->auth_value, 0, strlen (self->auth_value));
  g_free (self->auth_value);

  G_OBJECT_CLASS (rd_connector_rt_parent_class)->finalize (object);
}

static void
rd_connector_rt_class_init (RdConnectorRtClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_connector_rt_finalize;
}

static void
rd_connector_rt_init (RdConnectorRt *self)
{
}

static const char *
name_of (RdConnectorRt *self)
{
  return rd_connector_config_get_name (self->config);
}

static RdHttpRequest *
rt_request (RdConnectorRt *self,
            const char    *method,
            const char    *url)
{
  RdHttpRequest *request = rd_http_request_new (method, url);

  rd_http_request_add_header (request, "Authorization", self->auth_value);
  return request;
}

static void
keep_evidence (RdConnectorRt  *self,
               RdHttpResponse *response,
               RdCollection   *collection,
               RdExecution    *execution)
{
  g_free (response->evidence->system);
  response->evidence->system = g_strdup (name_of (self));
  if (collection != NULL)
    rd_collection_add_evidence (collection, response->evidence);
  if (execution != NULL)
    g_ptr_array_add (execution->evidence, rd_evidence_copy (response->evidence));
}

/* GET (or POST with @body) returning a JSON object. */
static JsonNode *
rt_call (RdConnectorRt  *self,
         const char     *method,
         const char     *url,
         JsonNode       *body,
         RdCollection   *collection,
         RdExecution    *execution,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autoptr (RdHttpRequest) request = rt_request (self, method, url);
  g_autoptr (RdHttpResponse) response = NULL;
  JsonNode *root;

  if (body != NULL)
    rd_http_request_set_json_body (request, body);
  /* RT answers searches sent as POST without side effects. */
  if (strcmp (method, "POST") == 0 && execution == NULL)
    rd_http_request_set_idempotent (request, TRUE);
  root = rd_http_client_send_json (self->client, request, &response, cancellable, error);
  if (root == NULL)
    return NULL;
  keep_evidence (self, response, collection, execution);
  return root;
}

/* Every item of a paged REST 2 collection ("items", "next_page"). */
static gboolean
rt_foreach (RdConnectorRt  *self,
            const char     *first_url,
            RdCollection   *collection,
            gboolean      (*func) (RdConnectorRt *, JsonObject *, gpointer, GError **),
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autofree char *url = g_strdup (first_url);
  g_autoptr (GUri) origin = g_uri_parse (first_url, G_URI_FLAGS_ENCODED, NULL);

  for (guint page = 0; url != NULL && page < 10000; page++)
    {
      g_autoptr (JsonNode) root = rt_call (self, "GET", url, NULL, collection, NULL,
                                           cancellable, error);
      JsonNode *items;
      const char *next;

      if (root == NULL)
        return FALSE;
      items = rd_json_pointer (root, "/items");
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                       _("%s answered a search without its “items”"), name_of (self));
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (items), i);

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           _("%s answered a search with an item that is not an object"),
                           name_of (self));
              return FALSE;
            }
          if (!func (self, json_node_get_object (item), user_data, error))
            return FALSE;
        }

      next = rd_json_pointer_get_string (root, "/next_page");
      g_clear_pointer (&url, g_free);
      if (next != NULL && *next != '\0')
        {
          g_autoptr (GUri) target = g_uri_parse (next, G_URI_FLAGS_ENCODED, NULL);

          if (target == NULL || !rd_http_same_origin (origin, target))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           _("%s gave a next page on another host (%s)"), name_of (self), next);
              return FALSE;
            }
          url = g_strdup (next);
        }
    }
  return TRUE;
}

static char *
member_id (JsonObject *object,
           const char *member)
{
  return rd_json_node_to_id (json_object_get_member (object, member));
}

/* TicketSQL string literal: RT escapes quotes with a backslash. */
static char *
ticketsql_quote (const char *value)
{
  GString *out = g_string_new ("'");

  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static gboolean
rt_test (RdConnector   *connector,
         GCancellable  *cancellable,
         GError       **error)
{
  RdConnectorRt *self = RD_CONNECTOR_RT (connector);
  g_autofree char *url = g_strdup_printf ("%s/queues/all?per_page=1", self->base);
  g_autoptr (JsonNode) root = rt_call (self, "GET", url, NULL, NULL, NULL, cancellable, error);

  return root != NULL;
}

typedef struct
{
  GPtrArray  *records;
  GHashTable *seen;
} UserSearch;

static gboolean
user_item_cb (RdConnectorRt  *self,
              JsonObject     *item,
              gpointer        user_data,
              GError        **error)
{
  UserSearch *search = user_data;
  g_autofree char *id = member_id (item, "id");

  if (id != NULL && g_hash_table_add (search->seen, g_strdup (id)))
    g_ptr_array_add (search->records, g_steal_pointer (&id));
  return TRUE;
}

/* The RT users whose address is one of the subject's: RdRecord with the full user. */
static GPtrArray *
find_users (RdConnectorRt  *self,
            RdSubject      *subject,
            RdCollection   *collection,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_record_free);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  UserSearch search = { ids, seen };

  for (guint i = 0; i < subject->emails->len; i++)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) query = NULL;
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *url = g_strdup_printf ("%s/users?per_page=" PER_PAGE, self->base);
      JsonNode *items;

      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, "EmailAddress");
      json_builder_set_member_name (b, "operator");
      json_builder_add_string_value (b, "=");
      json_builder_set_member_name (b, "value");
      json_builder_add_string_value (b, subject->emails->pdata[i]);
      json_builder_end_object (b);
      json_builder_end_array (b);
      query = json_builder_get_root (b);

      root = rt_call (self, "POST", url, query, collection, NULL, cancellable, error);
      if (root == NULL)
        return NULL;
      items = rd_json_pointer (root, "/items");
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                       _("%s answered a user search without its “items”"), name_of (self));
          return NULL;
        }
      for (guint j = 0; j < json_array_get_length (json_node_get_array (items)); j++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (items), j);
          if (JSON_NODE_HOLDS_OBJECT (item))
            user_item_cb (self, json_node_get_object (item), &search, NULL);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (ids->pdata[i], NULL, FALSE);
      g_autofree char *url = g_strdup_printf ("%s/user/%s", self->base, escaped);
      g_autoptr (JsonNode) user = rt_call (self, "GET", url, NULL, collection, NULL,
                                           cancellable, error);
      g_autofree char *numeric = NULL;

      if (user == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (user) ||
          (numeric = member_id (json_node_get_object (user), "id")) == NULL)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                       _("%s answered with a user without an id"), name_of (self));
          return NULL;
        }
      g_ptr_array_add (records, rd_record_new (name_of (self), "users", numeric, user));
    }
  return g_steal_pointer (&records);
}

static GPtrArray *
rt_lookup (RdConnector   *connector,
           RdSubject     *subject,
           GCancellable  *cancellable,
           GError       **error)
{
  return find_users (RD_CONNECTOR_RT (connector), subject, NULL, cancellable, error);
}

typedef struct
{
  RdCollection *collection;
  GPtrArray    *ticket_ids;
  GHashTable   *seen;
  RdTicket *transcript;   /* the ticket being read */
  GCancellable *cancellable;
} Collect;

static gboolean
ticket_item_cb (RdConnectorRt  *self,
                JsonObject     *item,
                gpointer        user_data,
                GError        **error)
{
  Collect *c = user_data;
  g_autofree char *id = member_id (item, "id");
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (id == NULL || !g_hash_table_add (c->seen, g_strdup (id)))
    return TRUE;
  g_ptr_array_add (c->ticket_ids, g_strdup (id));
  json_node_set_object (node, item);
  return rd_collection_add_record (c->collection,
                                   rd_record_new (name_of (self), "tickets", id, node), error);
}

static gboolean
attachment_item_cb (RdConnectorRt  *self,
                    JsonObject     *item,
                    gpointer        user_data,
                    GError        **error)
{
  Collect *c = user_data;
  g_autofree char *id = member_id (item, "id");
  g_autofree char *url = NULL;
  g_autoptr (JsonNode) full = NULL;
  const char *filename = json_object_get_string_member_with_default (item, "Filename", "");
  const char *type = json_object_get_string_member_with_default (item, "ContentType", "");
  const char *encoded;
  g_autofree guchar *content = NULL;
  gsize length = 0;

  /* Multipart containers carry no content of their own. */
  if (id == NULL || g_str_has_prefix (type, "multipart/"))
    return TRUE;
  if (*filename == '\0' && !g_str_has_prefix (type, "text/plain"))
    return TRUE;   /* an HTML twin of a text part, or headers only */

  url = g_strdup_printf ("%s/attachment/%s", self->base, id);
  full = rt_call (self, "GET", url, NULL, c->collection, NULL, c->cancellable, error);
  if (full == NULL)
    return FALSE;
  encoded = rd_json_pointer_get_string (full, "/Content");
  if (encoded != NULL && *encoded != '\0')
    content = g_base64_decode (encoded, &length);

  if (*filename != '\0')
    {
      g_autoptr (GBytes) bytes = g_bytes_new (content ? content : (guchar *) "", length);
      rd_ticket_add_attachment (c->transcript, filename, type, bytes);
    }
  else if (c->transcript->turns->len > 0)
    {
      RdTicketTurn *turn = g_ptr_array_index (c->transcript->turns, c->transcript->turns->len - 1);
      g_autofree char *text = g_utf8_make_valid ((const char *) (content ? (char *) content : ""),
                                                 length);
      char *joined = (*turn->text == '\0') ? g_strdup (text)
                                           : g_strconcat (turn->text, "\n", text, NULL);
      g_free (turn->text);
      turn->text = joined;
    }
  return TRUE;
}

static gboolean
transaction_item_cb (RdConnectorRt  *self,
                     JsonObject     *item,
                     gpointer        user_data,
                     GError        **error)
{
  Collect *c = user_data;
  g_autofree char *id = member_id (item, "id");
  const char *type = json_object_get_string_member_with_default (item, "Type", "");
  const char *created = json_object_get_string_member_with_default (item, "Created", NULL);
  const char *description = json_object_get_string_member_with_default (item, "Description", "");
  JsonNode *creator = rd_json_pointer (json_object_get_member (item, "Creator"), "/id");
  g_autofree char *author = rd_json_node_to_id (creator);
  g_autofree char *url = NULL;
  g_autofree char *kind = g_ascii_strdown (type, -1);

  if (id == NULL)
    return TRUE;

  /* Every transaction is a turn: messages with their text, other changes with RT's own
   * description of them ("Status changed from 'new' to 'open'"). */
  rd_ticket_add_turn (c->transcript, created, author, kind,
                          (strcmp (type, "Create") == 0 || strcmp (type, "Correspond") == 0 ||
                           strcmp (type, "Comment") == 0 || strcmp (type, "EmailRecord") == 0 ||
                           strcmp (type, "CommentEmailRecord") == 0) ? "" : description);
  if (*((RdTicketTurn *) g_ptr_array_index (c->transcript->turns,
                                      c->transcript->turns->len - 1))->text != '\0')
    return TRUE;

  url = g_strdup_printf ("%s/transaction/%s/attachments?fields=ContentType,Filename&per_page="
                         PER_PAGE, self->base, id);
  return rt_foreach (self, url, c->collection, attachment_item_cb, c, c->cancellable, error);
}

static gboolean
rt_collect (RdConnector   *connector,
            RdSubject     *subject,
            RdCollection  *collection,
            GCancellable  *cancellable,
            GError       **error)
{
  RdConnectorRt *self = RD_CONNECTOR_RT (connector);
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GPtrArray) ticket_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *sql;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  Collect c = { collection, ticket_ids, seen, NULL, cancellable };

  if (subject->emails->len == 0)
    return TRUE;  /* RT knows requesters by address only */

  users = find_users (self, subject, collection, cancellable, error);
  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    if (!rd_collection_add_record (collection, rd_record_copy (users->pdata[i]), error))
      return FALSE;

  /* The tickets the subject requested; tickets where they are only Cc belong to others. */
  sql = g_string_new (NULL);
  for (guint i = 0; i < subject->emails->len; i++)
    {
      g_autofree char *quoted = ticketsql_quote (subject->emails->pdata[i]);
      g_string_append_printf (sql, "%sRequestor.EmailAddress = %s", i ? " OR " : "", quoted);
    }
  escaped = g_uri_escape_string (sql->str, NULL, FALSE);
  g_string_free (sql, TRUE);
  url = g_strdup_printf ("%s/tickets?query=%s&fields=Subject,Status,Queue,Created,Resolved"
                         "&orderby=id&per_page=" PER_PAGE, self->base, escaped);
  if (!rt_foreach (self, url, collection, ticket_item_cb, &c, cancellable, error))
    return FALSE;

  for (guint i = 0; i < ticket_ids->len; i++)
    {
      const char *ticket = ticket_ids->pdata[i];
      g_autofree char *source = g_strdup_printf ("%s: %s/Ticket/Display.html?id=%s",
                                                 name_of (self), self->web, ticket);
      g_autofree char *history = g_strdup_printf ("%s/ticket/%s/history?fields=Type,Created,"
                                                  "Creator,Description&per_page=" PER_PAGE,
                                                  self->base, ticket);
      g_autofree char *ticket_url = g_strdup_printf ("%s/ticket/%s", self->base, ticket);
      g_autoptr (JsonNode) full = rt_call (self, "GET", ticket_url, NULL, collection, NULL,
                                           cancellable, error);

      if (full == NULL)
        return FALSE;
      c.transcript = rd_ticket_new (name_of (self), source, ticket);
      c.transcript->subject = g_strdup (rd_json_pointer_get_string (full, "/Subject"));
      if (!rt_foreach (self, history, collection, transaction_item_cb, &c, cancellable, error))
        {
          g_clear_pointer (&c.transcript, rd_ticket_free);
          return FALSE;
        }
      if (!rd_collection_add_ticket (collection, g_steal_pointer (&c.transcript), error))
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
user_object (RdRecord *record)
{
  return JSON_NODE_HOLDS_OBJECT (record->data) ? json_node_get_object (record->data) : NULL;
}

/* RT omits empty fields; "" is what a PUT needs to restore them. */
static JsonNode *
current_value (JsonObject *user,
               const char *field)
{
  JsonNode *node = user ? json_object_get_member (user, field) : NULL;
  JsonNode *copy;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    return json_node_copy (node);
  copy = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (copy, "");
  return copy;
}

static GPtrArray *
rt_plan (RdConnector    *connector,
         RdRequestType   type,
         RdSubject      *subject,
         JsonObject     *rectification,
         GCancellable   *cancellable,
         GError        **error)
{
  RdConnectorRt *self = RD_CONNECTOR_RT (connector);
  g_autoptr (GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);
  g_autoptr (GPtrArray) users = NULL;

  if (type != RD_REQUEST_ERASURE && type != RD_REQUEST_RECTIFICATION &&
      type != RD_REQUEST_RESTRICTION)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("Request Tracker has nothing to change for a %s request"),
                   rd_request_type_to_string (type));
      return NULL;
    }

  users = find_users (self, subject, NULL, cancellable, error);
  if (users == NULL)
    return NULL;

  for (guint i = 0; i < users->len; i++)
    {
      RdRecord *record = users->pdata[i];
      JsonObject *user = user_object (record);
      RdOperation *op;

      if (type == RD_REQUEST_RECTIFICATION)
        {
          op = rd_operation_new (RD_ACTION_RECTIFY, name_of (self), "users", record->id,
                                 _("Correct the requester's user"));
          for (guint j = 0; j < G_N_ELEMENTS (field_map); j++)
            {
              JsonNode *value = json_object_get_member (rectification, field_map[j].ours);

              if (value == NULL)
                continue;
              json_object_set_member (op->changes, field_map[j].rt, json_node_copy (value));
              json_object_set_member (op->before, field_map[j].rt,
                                      current_value (user, field_map[j].rt));
            }
          if (json_object_get_size (op->changes) == 0)
            {
              rd_operation_free (op);
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Request Tracker keeps none of the fields to rectify "
                             "(it has name, email, phone, organization, address, city, zip, "
                             "country)"));
              return NULL;
            }
        }
      else if (type == RD_REQUEST_ERASURE)
        {
          g_autofree char *name = g_strdup_printf ("erased-user-%s", record->id);

          op = rd_operation_new (RD_ACTION_ANONYMISE, name_of (self), "users", record->id,
                                 _("Anonymise and disable the requester's user"));
          for (guint j = 0; personal_fields[j] != NULL; j++)
            {
              json_object_set_string_member (op->changes, personal_fields[j], "");
              json_object_set_member (op->before, personal_fields[j],
                                      current_value (user, personal_fields[j]));
            }
          json_object_set_string_member (op->changes, "Name", name);
          json_object_set_member (op->before, "Name", current_value (user, "Name"));
          json_object_set_string_member (op->changes, "Disabled", "1");
          json_object_set_member (op->before, "Disabled", current_value (user, "Disabled"));
        }
      else
        {
          op = rd_operation_new (RD_ACTION_RESTRICT, name_of (self), "users", record->id,
                                 _("Disable the requester's user"));
          json_object_set_string_member (op->changes, "Disabled", "1");
          json_object_set_member (op->before, "Disabled", current_value (user, "Disabled"));
        }
      g_ptr_array_add (plan, op);
    }
  return g_steal_pointer (&plan);
}

static gboolean
put_user (RdConnectorRt  *self,
          const char     *id,
          JsonObject     *fields,
          RdExecution    *execution,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autofree char *url = g_strdup_printf ("%s/user/%s", self->base, id);
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) answer = NULL;

  json_node_set_object (body, fields);
  answer = rt_call (self, "PUT", url, body, NULL, execution, cancellable, error);
  return answer != NULL;
}

typedef struct
{
  RdConnectorRt *self;
  RdExecution   *execution;
  GCancellable  *cancellable;
  guint          tickets;
} Remains;

static gboolean
remaining_ticket_cb (RdConnectorRt  *self,
                     JsonObject     *item,
                     gpointer        user_data,
                     GError        **error)
{
  Remains *r = user_data;
  g_autofree char *id = member_id (item, "id");

  r->tickets++;
  g_ptr_array_add (r->execution->not_removed,
                   g_strdup_printf (_("Ticket #%s (“%s”): its messages, comments and attachments "
                                      "cannot be changed through REST 2; remove them on the RT "
                                      "server with rt-shredder"),
                                    id ? id : "?",
                                    json_object_get_string_member_with_default (item, "Subject", "")));
  return TRUE;
}

static gboolean
undo_put_user (RdExecution  *execution,
               RdOperation  *op,
               gpointer      user_data,
               GError      **error)
{
  return put_user (user_data, op->id, op->before, execution, NULL, error);
}

static RdExecution *
rt_execute (RdConnector  *connector,
            GPtrArray    *plan,
            GCancellable *cancellable)
{
  RdConnectorRt *self = RD_CONNECTOR_RT (connector);
  RdExecution *execution = rd_execution_new (name_of (self));
  g_autoptr (GError) error = NULL;
  guint i;

  for (i = 0; i < plan->len; i++)
    g_ptr_array_add (execution->operations, rd_operation_copy (plan->pdata[i]));

  for (i = 0; i < execution->operations->len; i++)
    {
      RdOperation *op = execution->operations->pdata[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      if (g_strcmp0 (op->collection, "users") != 0 || op->kind == RD_ACTION_DELETE)
        {
          g_set_error (&error, RD_ERROR, RD_ERROR_INVALID,
                       _("Request Tracker cannot %s %s"), rd_action_kind_to_string (op->kind),
                       op->collection);
          break;
        }
      if (!put_user (self, op->id, op->changes, execution, cancellable, &error))
        break;
      op->done = TRUE;

      if (op->kind == RD_ACTION_ANONYMISE)
        {
          /* What stays: every ticket the user requested keeps its transactions. */
          g_autofree char *sql = g_strdup_printf ("Requestor.id = %s", op->id);
          g_autofree char *escaped = g_uri_escape_string (sql, NULL, FALSE);
          g_autofree char *url = g_strdup_printf ("%s/tickets?query=%s&fields=Subject&per_page="
                                                  PER_PAGE, self->base, escaped);
          Remains r = { self, execution, cancellable, 0 };
          g_autoptr (GError) list_error = NULL;

          if (!rt_foreach (self, url, NULL, remaining_ticket_cb, &r, cancellable, &list_error))
            g_ptr_array_add (execution->not_removed,
                             g_strdup_printf (_("The tickets of user %s could not be listed: %s"),
                                              op->id, list_error->message));
        }
    }

  if (error != NULL)
    rd_execution_fail (execution, error, undo_put_user, self);
  return execution;
}

static void
connector_iface_init (RdConnectorInterface *iface)
{
  iface->test = rt_test;
  iface->lookup = rt_lookup;
  iface->collect = rt_collect;
  iface->plan = rt_plan;
  iface->execute = rt_execute;
}

RdConnectorRt *
rd_connector_rt_new (RdConnectorConfig *config,
                     const char        *secret)
{
  RdConnectorRt *self;
  const char *user;
  size_t len;

  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (config), NULL);

  self = g_object_new (RD_TYPE_CONNECTOR_RT, NULL);
  self->config = g_object_ref (config);
  self->client = rd_http_client_new ();
  self->web = g_strdup (rd_connector_config_get_url (config));
  len = strlen (self->web);
  while (len > 0 && self->web[len - 1] == '/')
    self->web[--len] = '\0';
  /* Accept the web root or the REST 2 root. */
  if (g_str_has_suffix (self->web, "/REST/2.0"))
    self->web[len - strlen ("/REST/2.0")] = '\0';
  self->base = g_strdup_printf ("%s/REST/2.0", self->web);

  user = rd_connector_config_get_user (config);
  if (user != NULL && *user != '\0')
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", user, secret ? secret : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->auth_value = g_strdup_printf ("Basic %s", encoded);
      memset (pair, 0, strlen (pair));
    }
  else
    self->auth_value = g_strdup_printf ("token %s", secret ? secret : "");

  rd_connector_set_common (RD_CONNECTOR (self), config, self->client);
  return self;
}
