/* rd-connector-manifest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-connector-manifest"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "rd-connector-manifest.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-load.h"

#define DEFAULT_MAX_PAGES 10000

/* The manifest */

struct _RdManifest
{
  gatomicrefcount  ref;
  JsonNode        *root;
  char            *id;
  char            *name;
};

static gboolean
fail (GError    **error,
      const char *id,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      const char *id,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
               /* Translators: %s is a manifest id, then what is wrong with it */
               _("Manifest “%s”: %s"), id ? id : "?", message);
  return FALSE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static const char *known_placeholders[] = {
  "email", "phone", "name", "id", "parent.id", "user", "changes", NULL
};

/* Every {placeholder} in @text must be one the connector can fill. */
static gboolean
check_placeholders (const char  *text,
                    const char  *id,
                    const char  *where,
                    GError     **error)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = NULL;

      if (end == NULL)
        return fail (error, id, _("%s has an unclosed “{”"), where);
      name = g_strndup (p + 1, end - p - 1);
      if (!g_strv_contains (known_placeholders, name))
        return fail (error, id, _("%s uses the unknown placeholder “{%s}”"), where, name);
    }
  return TRUE;
}

static gboolean
check_node_placeholders (JsonNode    *node,
                         const char  *id,
                         const char  *where,
                         GError     **error)
{
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return check_placeholders (json_node_get_string (node), id, where, error);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) members = json_object_get_values (json_node_get_object (node));
      for (GList *l = members; l; l = l->next)
        if (!check_node_placeholders (l->data, id, where, error))
          return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr (GList) elements = json_array_get_elements (json_node_get_array (node));
      for (GList *l = elements; l; l = l->next)
        if (!check_node_placeholders (l->data, id, where, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
validate_request (JsonObject  *request,
                  const char  *id,
                  const char  *where,
                  gboolean     needs_records,
                  GError     **error)
{
  static const char *methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", NULL };
  static const char *paginations[] = { "none", "offset", "page", "cursor", "link-header",
                                       "next-url", NULL };
  const char *method, *path, *records;
  JsonObject *query, *pagination;

  if (request == NULL)
    return fail (error, id, _("%s must be an object"), where);

  method = member_string (request, "method");
  path = member_string (request, "path");
  if (method == NULL || !g_strv_contains (methods, method))
    return fail (error, id, _("%s needs a method (GET, POST, PUT, PATCH or DELETE)"), where);
  if (path == NULL || path[0] != '/')
    return fail (error, id, _("%s needs a path starting with “/”"), where);
  if (!check_placeholders (path, id, where, error) ||
      !check_node_placeholders (json_object_get_member (request, "body"), id, where, error))
    return FALSE;

  query = member_object (request, "query");
  if (json_object_has_member (request, "query") && query == NULL)
    return fail (error, id, _("%s: “query” must be an object of strings"), where);
  if (query != NULL)
    {
      g_autoptr (GList) values = json_object_get_values (query);
      for (GList *l = values; l; l = l->next)
        if (!JSON_NODE_HOLDS_VALUE (l->data) ||
            json_node_get_value_type (l->data) != G_TYPE_STRING ||
            !check_placeholders (json_node_get_string (l->data), id, where, error))
          return error && *error ? FALSE
                                 : fail (error, id, _("%s: “query” must be an object of strings"), where);
    }

  records = member_string (request, "records");
  if (needs_records && (records == NULL || (records[0] != '/' && records[0] != '\0')))
    return fail (error, id, _("%s needs “records”, the JSON Pointer of the record array"), where);

  pagination = member_object (request, "pagination");
  if (pagination != NULL)
    {
      const char *type = member_string (pagination, "type");

      if (type == NULL || !g_strv_contains (paginations, type))
        return fail (error, id, _("%s: pagination type must be offset, page, cursor, "
                                  "link-header or next-url"), where);
      if ((strcmp (type, "cursor") == 0 || strcmp (type, "next-url") == 0) &&
          member_string (pagination, "next") == NULL)
        return fail (error, id, _("%s: %s pagination needs “next”, a JSON Pointer"), where, type);
      if (strcmp (type, "cursor") == 0 && member_string (pagination, "param") == NULL)
        return fail (error, id, _("%s: cursor pagination needs “param”"), where);
      if ((strcmp (type, "offset") == 0 || strcmp (type, "page") == 0) &&
          (member_string (pagination, "param") == NULL || member_int (pagination, "limit", 0) <= 0))
        return fail (error, id, _("%s: %s pagination needs “param” and a positive “limit”"),
                     where, type);
    }
  return TRUE;
}

static gboolean
validate_manifest (JsonNode    *root,
                   char       **id_out,
                   GError     **error)
{
  static const char *auths[] = { "basic", "bearer", "api-key", "none", NULL };
  JsonObject *object, *auth, *rate;
  JsonNode *collections_node;
  JsonArray *collections;
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char *id, *auth_type;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, NULL, _("a manifest is a JSON object"));
  object = json_node_get_object (root);
  id = member_string (object, "id");
  if (id == NULL || *id == '\0')
    return fail (error, NULL, _("the manifest has no “id”"));
  *id_out = g_strdup (id);
  if (member_int (object, "manifest_version", 0) != 1)
    return fail (error, id, _("“manifest_version” must be 1"));
  if (member_string (object, "name") == NULL)
    return fail (error, id, _("the manifest has no “name”"));

  auth = member_object (object, "auth");
  auth_type = member_string (auth, "type");
  if (auth_type == NULL || !g_strv_contains (auths, auth_type))
    return fail (error, id, _("“auth.type” must be basic, bearer, api-key or none"));
  if (strcmp (auth_type, "api-key") == 0 && member_string (auth, "header") == NULL)
    return fail (error, id, _("api-key authentication needs “header”"));
  if (member_string (auth, "username") != NULL &&
      !check_placeholders (member_string (auth, "username"), id, "auth.username", error))
    return FALSE;

  rate = member_object (object, "rate_limit");
  if (rate != NULL && (member_int (rate, "requests", 0) <= 0 || member_int (rate, "period_seconds", 0) <= 0))
    return fail (error, id, _("“rate_limit” needs positive “requests” and “period_seconds”"));

  if (member_object (object, "test") != NULL &&
      !validate_request (member_object (object, "test"), id, "test", FALSE, error))
    return FALSE;

  collections_node = json_object_get_member (object, "collections");
  if (collections_node == NULL || !JSON_NODE_HOLDS_ARRAY (collections_node) ||
      json_array_get_length (json_node_get_array (collections_node)) == 0)
    return fail (error, id, _("“collections” must be a non-empty array"));
  collections = json_node_get_array (collections_node);

  for (guint i = 0; i < json_array_get_length (collections); i++)
    {
      JsonNode *node = json_array_get_element (collections, i);
      JsonObject *coll = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = member_string (coll, "name");
      const char *parent = member_string (coll, "parent");
      JsonNode *lookup = coll ? json_object_get_member (coll, "lookup") : NULL;
      JsonObject *erase = member_object (coll, "erase");
      g_autofree char *where = NULL;

      if (name == NULL || *name == '\0')
        return fail (error, id, _("collection %u has no “name”"), i + 1);
      if (g_hash_table_contains (names, name))
        return fail (error, id, _("collection “%s” appears twice"), name);
      if (parent != NULL && !g_hash_table_contains (names, parent))
        return fail (error, id, _("collection “%s” has parent “%s”, which is not an earlier "
                                  "collection"), name, parent);
      g_hash_table_add (names, (gpointer) name);
      if (member_string (coll, "id") != NULL && member_string (coll, "id")[0] != '/')
        return fail (error, id, _("collection “%s”: “id” must be a JSON Pointer"), name);

      if (lookup == NULL || !JSON_NODE_HOLDS_ARRAY (lookup) ||
          json_array_get_length (json_node_get_array (lookup)) == 0)
        return fail (error, id, _("collection “%s” needs “lookup”, a non-empty array of "
                                  "requests"), name);
      for (guint j = 0; j < json_array_get_length (json_node_get_array (lookup)); j++)
        {
          JsonNode *req = json_array_get_element (json_node_get_array (lookup), j);

          g_free (where);
          where = g_strdup_printf ("%s.lookup[%u]", name, j);
          if (!validate_request (JSON_NODE_HOLDS_OBJECT (req) ? json_node_get_object (req) : NULL,
                                 id, where, TRUE, error))
            return FALSE;
        }
      for (guint k = 0; k < 3; k++)
        {
          static const char *ops[] = { "read", "update", "delete" };

          if (!json_object_has_member (coll, ops[k]))
            continue;
          g_free (where);
          where = g_strdup_printf ("%s.%s", name, ops[k]);
          if (!validate_request (member_object (coll, ops[k]), id, where, FALSE, error))
            return FALSE;
        }
      if (erase != NULL)
        {
          const char *action = member_string (erase, "action");

          if (g_strcmp0 (action, "delete") == 0)
            {
              if (!json_object_has_member (coll, "delete"))
                return fail (error, id, _("collection “%s” erases by delete but has no “delete” "
                                          "request"), name);
            }
          else if (g_strcmp0 (action, "anonymise") == 0)
            {
              if (!json_object_has_member (coll, "update") || member_object (erase, "fields") == NULL)
                return fail (error, id, _("collection “%s” anonymises but lacks “update” or "
                                          "“erase.fields”"), name);
              if (!check_node_placeholders (json_object_get_member (erase, "fields"), id, name, error))
                return FALSE;
            }
          else
            return fail (error, id, _("collection “%s”: “erase.action” must be delete or "
                                      "anonymise"), name);
        }
      if ((member_object (coll, "rectify") != NULL || member_object (coll, "restrict") != NULL ||
           member_object (coll, "withdraw_consent") != NULL) && !json_object_has_member (coll, "update"))
        return fail (error, id, _("collection “%s” rectifies, restricts or withdraws consent but "
                                  "has no “update” request"), name);
    }
  return TRUE;
}

RdManifest *
rd_manifest_new_from_json (JsonNode  *root,
                           GError   **error)
{
  g_autofree char *id = NULL;
  RdManifest *manifest;

  if (!validate_manifest (root, &id, error))
    return NULL;

  manifest = g_new0 (RdManifest, 1);
  g_atomic_ref_count_init (&manifest->ref);
  manifest->root = json_node_copy (root);
  json_node_seal (manifest->root);
  manifest->id = g_steal_pointer (&id);
  manifest->name = g_strdup (member_string (json_node_get_object (root), "name"));
  return manifest;
}

RdManifest *
rd_manifest_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if ((data = rd_file_read (path, RD_FILE_MAX_INPUT, &length, &local_error)) == NULL ||
      !rd_json_load_data (parser, data, length, NULL, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a file name, then the parser's message */
                   _("Cannot read the manifest “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return rd_manifest_new_from_json (json_parser_get_root (parser), error);
}

RdManifest *
rd_manifest_ref (RdManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  g_atomic_ref_count_inc (&manifest->ref);
  return manifest;
}

void
rd_manifest_unref (RdManifest *manifest)
{
  if (manifest == NULL || !g_atomic_ref_count_dec (&manifest->ref))
    return;
  json_node_unref (manifest->root);
  g_free (manifest->id);
  g_free (manifest->name);
  g_free (manifest);
}

const char *
rd_manifest_get_id (RdManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->id;
}

const char *
rd_manifest_get_name (RdManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->name;
}

/* The connector */

struct _RdConnectorManifest
{
  GObject            parent_instance;
  RdConnectorConfig *config;
  RdHttpClient      *client;
  RdManifest        *manifest;
  char              *base_url;
  char              *auth_header;   /* name */
  char              *auth_value;    /* never logged */
};

static void connector_iface_init (RdConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdConnectorManifest, rd_connector_manifest, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_CONNECTOR, connector_iface_init))

static void
rd_connector_manifest_finalize (GObject *object)
{
  RdConnectorManifest *self = RD_CONNECTOR_MANIFEST (object);

  g_clear_object (&self->config);
  g_clear_object (&self->client);
  g_clear_pointer (&self->manifest, rd_manifest_unref);
  g_free (self->base_url);
  g_free (self->auth_header);
  if (self->auth_value != NULL)
    memset (self->auth_value, 0, strlen (self->auth_value));
  g_free (self->auth_value);

  G_OBJECT_CLASS (rd_connector_manifest_parent_class)->finalize (object);
}

static void
rd_connector_manifest_class_init (RdConnectorManifestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_connector_manifest_finalize;
}

static void
rd_connector_manifest_init (RdConnectorManifest *self)
{
}

static JsonObject *
manifest_object (RdConnectorManifest *self)
{
  return json_node_get_object (self->manifest->root);
}

static const char *
system_name (RdConnectorManifest *self)
{
  return rd_connector_config_get_name (self->config);
}

/* The values that fill {placeholders}. */
typedef struct
{
  const char *email;
  const char *phone;
  const char *name;
  const char *id;
  const char *parent_id;
  const char *user;
} Context;

static const char *
context_value (const Context *ctx,
               const char    *name)
{
  if (strcmp (name, "email") == 0) return ctx->email;
  if (strcmp (name, "phone") == 0) return ctx->phone;
  if (strcmp (name, "name") == 0) return ctx->name;
  if (strcmp (name, "id") == 0) return ctx->id;
  if (strcmp (name, "parent.id") == 0) return ctx->parent_id;
  if (strcmp (name, "user") == 0) return ctx->user;
  return NULL;
}

/* Fills @text; values are percent-encoded when @escape (paths and queries). Returns NULL,
 * with @missing set, when a value is not known (the request is then skipped). */
static char *
expand (const char     *text,
        const Context  *ctx,
        gboolean        escape,
        const char    **missing)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      g_autofree char *name = NULL;
      const char *value;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      name = g_strndup (open + 1, close - open - 1);
      value = context_value (ctx, name);
      if (value == NULL)
        {
          *missing = g_intern_string (name);
          g_string_free (out, TRUE);
          return NULL;
        }
      if (escape)
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
          g_string_append (out, escaped);
        }
      else
        g_string_append (out, value);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

/* Fills placeholders inside a JSON body; a string that is exactly "{changes}" becomes the
 * changes object. */
static JsonNode *
expand_node (JsonNode      *node,
             const Context *ctx,
             JsonObject    *changes,
             const char   **missing)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autofree char *filled = NULL;
      JsonNode *out;

      if (strcmp (text, "{changes}") == 0)
        {
          out = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (out, changes ? changes : json_object_new ());
          if (changes == NULL)
            json_object_unref (json_node_get_object (out));
          return out;
        }
      filled = expand (text, ctx, FALSE, missing);
      if (filled == NULL)
        return NULL;
      out = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (out, filled);
      return out;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *in = json_node_get_object (node);
      g_autoptr (JsonObject) out = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;
      JsonNode *result;

      json_object_iter_init (&iter, in);
      while (json_object_iter_next (&iter, &member, &value))
        {
          JsonNode *filled = expand_node (value, ctx, changes, missing);
          if (filled == NULL)
            return NULL;
          json_object_set_member (out, member, filled);
        }
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (result, out);
      return result;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);
      g_autoptr (JsonArray) out = json_array_new ();
      JsonNode *result;

      for (guint i = 0; i < json_array_get_length (in); i++)
        {
          JsonNode *filled = expand_node (json_array_get_element (in, i), ctx, changes, missing);
          if (filled == NULL)
            return NULL;
          json_array_add_element (out, filled);
        }
      result = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (result, out);
      return result;
    }
  return json_node_copy (node);
}

/* The request a manifest entry describes, with @extra query parameters (pagination). */
static RdHttpRequest *
build_request (RdConnectorManifest  *self,
               JsonObject           *spec,
               const Context        *ctx,
               JsonObject           *changes,
               GHashTable           *extra,
               const char          **missing)
{
  g_autofree char *path = expand (member_string (spec, "path"), ctx, TRUE, missing);
  JsonObject *query = member_object (spec, "query");
  JsonNode *body = json_object_get_member (spec, "body");
  GString *url;
  RdHttpRequest *request;
  gboolean first;

  if (path == NULL)
    return NULL;

  url = g_string_new (self->base_url);
  g_string_append (url, path);
  first = strchr (path, '?') == NULL;
  if (query != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, query);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *filled = expand (json_node_get_string (value), ctx, FALSE, missing);
          g_autofree char *escaped = NULL;

          if (filled == NULL)
            {
              g_string_free (url, TRUE);
              return NULL;
            }
          escaped = g_uri_escape_string (filled, NULL, FALSE);
          g_string_append_printf (url, "%s%s=%s", first ? "?" : "&", name, escaped);
          first = FALSE;
        }
    }
  if (extra != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, extra);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
          g_string_append_printf (url, "%s%s=%s", first ? "?" : "&", (char *) name, escaped);
          first = FALSE;
        }
    }

  request = rd_http_request_new (member_string (spec, "method"), url->str);
  g_string_free (url, TRUE);
  if (self->auth_header != NULL)
    rd_http_request_add_header (request, self->auth_header, self->auth_value);
  if (body != NULL)
    {
      g_autoptr (JsonNode) filled = expand_node (body, ctx, changes, missing);

      if (filled == NULL)
        {
          rd_http_request_free (request);
          return NULL;
        }
      rd_http_request_set_json_body (request, filled);
    }
  return request;
}

static RdHttpRequest *
request_for_url (RdConnectorManifest *self,
                 JsonObject          *spec,
                 const char          *url)
{
  RdHttpRequest *request = rd_http_request_new (member_string (spec, "method"), url);

  if (self->auth_header != NULL)
    rd_http_request_add_header (request, self->auth_header, self->auth_value);
  return request;
}

typedef gboolean (*RecordFunc) (RdConnectorManifest *self,
                                const char          *collection,
                                const char          *id,
                                JsonNode            *data,
                                gpointer             user_data,
                                GError             **error);

static void
add_evidence (RdCollection   *collection,
              RdHttpResponse *response,
              const char     *system)
{
  if (collection == NULL || response == NULL)
    return;
  g_free (response->evidence->system);
  response->evidence->system = g_strdup (system);
  rd_collection_add_evidence (collection, response->evidence);
}

/* Next page's URL for link-style pagination, checked to stay on the configured host. */
static char *
resolve_next (RdConnectorManifest  *self,
              const char           *current,
              const char           *next,
              GError              **error)
{
  g_autoptr (GUri) base = g_uri_parse (current, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GUri) target = base ? g_uri_parse_relative (base, next, G_URI_FLAGS_ENCODED, NULL) : NULL;

  if (target == NULL || !rd_http_same_origin (base, target))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                   _("%s gave a next page on another host (%s); Rights Desk does not follow it"),
                   system_name (self), next);
      return NULL;
    }
  return g_uri_to_string (target);
}

/* Runs one lookup entry with all its pages, handing each record to @func. */
static gboolean
run_lookup (RdConnectorManifest  *self,
            const char           *collection_name,
            const char           *id_pointer,
            JsonObject           *spec,
            const Context        *ctx,
            RdCollection         *evidence_to,
            RecordFunc            func,
            gpointer              user_data,
            GCancellable         *cancellable,
            GError              **error)
{
  JsonObject *pagination = member_object (spec, "pagination");
  const char *type = pagination ? member_string (pagination, "type") : "none";
  const char *records_pointer = member_string (spec, "records");
  gboolean single = json_object_get_boolean_member_with_default (spec, "single", FALSE);
  g_autoptr (GHashTable) extra = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *next_url = NULL;
  g_autofree char *last_cursor = NULL;
  gint64 max_pages = pagination ? member_int (pagination, "max_pages", DEFAULT_MAX_PAGES)
                                : 1;
  gint64 limit = pagination ? member_int (pagination, "limit", 0) : 0;
  gint64 position = pagination ? member_int (pagination, "start",
                                             strcmp (type, "page") == 0 ? 1 : 0) : 0;

  for (gint64 page = 0; page < max_pages; page++)
    {
      g_autoptr (RdHttpRequest) request = NULL;
      g_autoptr (RdHttpResponse) response = NULL;
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (JsonNode) single_holder = NULL;
      const char *missing = NULL;
      JsonNode *records;
      JsonArray *array;
      guint n;

      if (strcmp (type, "offset") == 0 || strcmp (type, "page") == 0)
        {
          g_hash_table_replace (extra, (gpointer) member_string (pagination, "param"),
                                g_strdup_printf ("%" G_GINT64_FORMAT, position));
          if (member_string (pagination, "limit_param") != NULL)
            g_hash_table_replace (extra, (gpointer) member_string (pagination, "limit_param"),
                                  g_strdup_printf ("%" G_GINT64_FORMAT, limit));
        }
      else if (strcmp (type, "cursor") == 0 && last_cursor != NULL)
        g_hash_table_replace (extra, (gpointer) member_string (pagination, "param"),
                              g_strdup (last_cursor));

      if (next_url != NULL)
        request = request_for_url (self, spec, next_url);
      else
        request = build_request (self, spec, ctx, NULL, extra, &missing);
      if (request == NULL)
        return TRUE;  /* the subject has no such identity: nothing to look up */

      /* A lookup of one record by key answers 404 when there is none. */
      if (single)
        {
          rd_http_request_accept_status (request, 404);
          response = rd_http_client_send (self->client, request, cancellable, error);
          if (response == NULL)
            return FALSE;
          add_evidence (evidence_to, response, system_name (self));
          if (response->status == 404)
            return TRUE;
          root = rd_http_response_get_json (response, error);
        }
      else
        {
          root = rd_http_client_send_json (self->client, request, &response, cancellable, error);
          if (root != NULL)
            add_evidence (evidence_to, response, system_name (self));
        }
      if (root == NULL)
        return FALSE;

      records = rd_json_pointer (root, records_pointer);
      if (single && records != NULL && JSON_NODE_HOLDS_OBJECT (records))
        {
          g_autoptr (JsonArray) one = json_array_new ();

          json_array_add_element (one, json_node_copy (records));
          records = single_holder = json_node_init_array (json_node_alloc (), one);
        }
      if (records == NULL || !JSON_NODE_HOLDS_ARRAY (records))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                       /* Translators: %s system, then a JSON Pointer, then a collection */
                       _("%s answered without the array of records at “%s” for %s"),
                       system_name (self), records_pointer, collection_name);
          return FALSE;
        }
      array = json_node_get_array (records);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *id = rd_json_node_to_id (rd_json_pointer (element, id_pointer));

          if (!JSON_NODE_HOLDS_OBJECT (element) || id == NULL)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           _("%s returned a %s record without an id at “%s”"),
                           system_name (self), collection_name, id_pointer);
              return FALSE;
            }
          if (!func (self, collection_name, id, element, user_data, error))
            return FALSE;
        }

      g_clear_pointer (&next_url, g_free);
      if (strcmp (type, "offset") == 0 || strcmp (type, "page") == 0)
        {
          if (n < limit || n == 0)
            return TRUE;
          position += strcmp (type, "page") == 0 ? 1 : n;
        }
      else if (strcmp (type, "cursor") == 0)
        {
          g_autofree char *cursor = rd_json_node_to_id (rd_json_pointer (root,
                                                          member_string (pagination, "next")));

          if (cursor == NULL || *cursor == '\0' || n == 0)
            return TRUE;
          if (g_strcmp0 (cursor, last_cursor) == 0)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           _("%s returned the same page cursor twice for %s"),
                           system_name (self), collection_name);
              return FALSE;
            }
          g_free (last_cursor);
          last_cursor = g_steal_pointer (&cursor);
        }
      else if (strcmp (type, "link-header") == 0 || strcmp (type, "next-url") == 0)
        {
          g_autofree char *next = NULL;

          if (strcmp (type, "link-header") == 0)
            next = rd_http_link_next (response->headers);
          else
            next = g_strdup (rd_json_pointer_get_string (root, member_string (pagination, "next")));
          if (next == NULL || *next == '\0' || n == 0)
            return TRUE;
          next_url = resolve_next (self, response->url, next, error);
          if (next_url == NULL)
            return FALSE;
          if (g_strcmp0 (next_url, response->url) == 0)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
                           _("%s returned the same next page twice for %s"),
                           system_name (self), collection_name);
              return FALSE;
            }
        }
      else
        return TRUE;
    }

  g_set_error (error, RD_ERROR, RD_ERROR_NETWORK,
               _("%s returned more than %" PRId64 " pages of %s; stopping there"),
               system_name (self), max_pages, collection_name);
  return FALSE;
}

static gboolean
uses_placeholder (JsonObject *spec,
                  const char *name)
{
  g_autofree char *needle = g_strdup_printf ("{%s}", name);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, spec);
  text = json_to_string (node, FALSE);
  return strstr (text, needle) != NULL;
}

typedef struct
{
  RdCollection *collection;     /* where records go */
  GHashTable   *parents;        /* collection → GPtrArray of ids, for child collections */
  GHashTable   *seen;           /* "collection\nid", when a lookup runs more than once */
  gboolean      roots_only;
} Walk;

static gboolean
walk_record_cb (RdConnectorManifest  *self,
                const char           *collection,
                const char           *id,
                JsonNode             *data,
                gpointer              user_data,
                GError              **error)
{
  Walk *walk = user_data;
  GPtrArray *ids;

  if (walk->seen != NULL)
    {
      char *key = g_strdup_printf ("%s\n%s", collection, id);

      if (!g_hash_table_add (walk->seen, key))
        return TRUE;  /* the same account found by two e-mail addresses */
    }
  ids = g_hash_table_lookup (walk->parents, collection);
  if (ids != NULL)
    g_ptr_array_add (ids, g_strdup (id));
  return rd_collection_add_record (walk->collection,
                                   rd_record_new (system_name (self), collection, id, data),
                                   error);
}

/* Looks up every collection (or only the root ones), parents before children. */
static gboolean
walk (RdConnectorManifest  *self,
      RdSubject            *subject,
      RdCollection         *collection,
      gboolean              roots_only,
      GCancellable         *cancellable,
      GError              **error)
{
  JsonArray *collections = json_object_get_array_member (manifest_object (self), "collections");
  g_autoptr (GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Walk state = { collection, parents, NULL, roots_only };

  /* Only collections that others hang from keep their ids. */
  for (guint i = 0; i < json_array_get_length (collections); i++)
    {
      const char *parent = member_string (json_array_get_object_element (collections, i), "parent");

      if (parent != NULL && !g_hash_table_contains (parents, parent))
        g_hash_table_insert (parents, (gpointer) parent, g_ptr_array_new_with_free_func (g_free));
    }

  for (guint i = 0; i < json_array_get_length (collections); i++)
    {
      JsonObject *coll = json_array_get_object_element (collections, i);
      const char *name = member_string (coll, "name");
      const char *parent = member_string (coll, "parent");
      const char *id_pointer = member_string (coll, "id") ? member_string (coll, "id") : "/id";
      JsonArray *lookups = json_object_get_array_member (coll, "lookup");

      if (parent != NULL && roots_only)
        continue;

      for (guint j = 0; j < json_array_get_length (lookups); j++)
        {
          JsonObject *spec = json_array_get_object_element (lookups, j);
          Context ctx = { NULL, NULL, subject->name, NULL, NULL,
                          rd_connector_config_get_user (self->config) };

          if (parent != NULL)
            {
              GPtrArray *ids = g_hash_table_lookup (parents, parent);

              for (guint k = 0; k < ids->len; k++)
                {
                  ctx.parent_id = ids->pdata[k];
                  if (!run_lookup (self, name, id_pointer, spec, &ctx, collection,
                                   walk_record_cb, &state, cancellable, error))
                    return FALSE;
                }
            }
          else
            {
              GPtrArray *values = NULL;
              gboolean by_email = uses_placeholder (spec, "email");
              gboolean by_phone = uses_placeholder (spec, "phone");

              if (by_email)
                values = subject->emails;
              else if (by_phone)
                values = subject->phones;

              /* Several identities may find the same record: keep it once. */
              state.seen = seen;
              if (values == NULL)
                {
                  if (!run_lookup (self, name, id_pointer, spec, &ctx, collection,
                                   walk_record_cb, &state, cancellable, error))
                    return FALSE;
                  continue;
                }
              for (guint k = 0; k < values->len; k++)
                {
                  if (by_email)
                    ctx.email = values->pdata[k];
                  else
                    ctx.phone = values->pdata[k];
                  if (!run_lookup (self, name, id_pointer, spec, &ctx, collection,
                                   walk_record_cb, &state, cancellable, error))
                    return FALSE;
                }
            }
          state.seen = NULL;
        }
    }
  return TRUE;
}

static gboolean
manifest_test (RdConnector   *connector,
               GCancellable  *cancellable,
               GError       **error)
{
  RdConnectorManifest *self = RD_CONNECTOR_MANIFEST (connector);
  JsonObject *spec = member_object (manifest_object (self), "test");
  Context ctx = { NULL, NULL, NULL, NULL, NULL, rd_connector_config_get_user (self->config) };
  g_autoptr (RdHttpRequest) request = NULL;
  g_autoptr (RdHttpResponse) response = NULL;
  const char *missing = NULL;

  if (spec == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("Manifest “%s” declares no test request"), self->manifest->id);
      return FALSE;
    }
  request = build_request (self, spec, &ctx, NULL, NULL, &missing);
  if (request == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The test request of “%s” needs {%s}, which is not configured"),
                   self->manifest->id, missing);
      return FALSE;
    }
  response = rd_http_client_send (self->client, request, cancellable, error);
  return response != NULL;
}

static GPtrArray *
manifest_lookup (RdConnector   *connector,
                 RdSubject     *subject,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr (RdCollection) collection = rd_collection_new ();

  if (!walk (RD_CONNECTOR_MANIFEST (connector), subject, collection, TRUE, cancellable, error))
    return NULL;
  return g_ptr_array_ref (rd_collection_get_records (collection));
}

static gboolean
manifest_collect (RdConnector   *connector,
                  RdSubject     *subject,
                  RdCollection  *collection,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return walk (RD_CONNECTOR_MANIFEST (connector), subject, collection, FALSE, cancellable, error);
}

static JsonObject *
collection_spec (RdConnectorManifest *self,
                 const char          *name)
{
  JsonArray *collections = json_object_get_array_member (manifest_object (self), "collections");

  for (guint i = 0; i < json_array_get_length (collections); i++)
    {
      JsonObject *coll = json_array_get_object_element (collections, i);

      if (g_strcmp0 (member_string (coll, "name"), name) == 0)
        return coll;
    }
  return NULL;
}

static guint
collection_depth (RdConnectorManifest *self,
                  const char          *name)
{
  guint depth = 0;
  const char *parent;

  while ((parent = member_string (collection_spec (self, name), "parent")) != NULL && depth < 64)
    {
      name = parent;
      depth++;
    }
  return depth;
}

/* The changes of an operation: each field's new value, with the record's current value
 * kept as before. */
static void
plan_fields (RdOperation   *op,
             JsonObject    *fields,
             JsonNode      *data,
             const Context *ctx)
{
  JsonObjectIter iter;
  const char *field;
  JsonNode *value;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &field, &value))
    {
      const char *missing = NULL;
      JsonNode *filled = expand_node (value, ctx, NULL, &missing);
      JsonNode *current = (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
        ? json_object_get_member (json_node_get_object (data), field) : NULL;

      if (filled == NULL)
        continue;
      json_object_set_member (op->changes, field, filled);
      json_object_set_member (op->before, field,
                              current ? json_node_copy (current) : json_node_new (JSON_NODE_NULL));
    }
}

static gint
compare_depth_desc (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  RdConnectorManifest *self = user_data;
  const RdOperation *x = *(RdOperation **) a;
  const RdOperation *y = *(RdOperation **) b;
  int dx = (x->kind == RD_ACTION_DELETE), dy = (y->kind == RD_ACTION_DELETE);

  /* Reversible changes first, deletions last; children before their parents. */
  if (dx != dy)
    return dx - dy;
  return (int) collection_depth (self, y->collection) - (int) collection_depth (self, x->collection);
}

static GPtrArray *
manifest_plan (RdConnector    *connector,
               RdRequestType   type,
               RdSubject      *subject,
               JsonObject     *rectification,
               GCancellable   *cancellable,
               GError        **error)
{
  RdConnectorManifest *self = RD_CONNECTOR_MANIFEST (connector);
  g_autoptr (RdCollection) collection = rd_collection_new ();
  g_autoptr (GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);
  GPtrArray *records;

  if (type != RD_REQUEST_ERASURE && type != RD_REQUEST_RECTIFICATION &&
      type != RD_REQUEST_RESTRICTION && type != RD_REQUEST_CONSENT_WITHDRAWAL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("A %s request changes nothing in a client system"),
                   rd_request_type_to_string (type));
      return NULL;
    }

  /* Everything is read before anything is written. */
  if (!walk (self, subject, collection, type != RD_REQUEST_ERASURE, cancellable, error))
    return NULL;
  records = rd_collection_get_records (collection);

  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = records->pdata[i];
      JsonObject *coll = collection_spec (self, record->collection);
      Context ctx = { NULL, NULL, subject->name, record->id, NULL,
                      rd_connector_config_get_user (self->config) };
      /* Where the record keeps its fields: HubSpot nests them under /properties. */
      const char *fields_at = member_string (coll, "fields") ? member_string (coll, "fields") : "";
      JsonNode *data = rd_json_pointer (record->data, fields_at);
      RdOperation *op = NULL;

      if (type == RD_REQUEST_ERASURE && member_object (coll, "erase") != NULL)
        {
          JsonObject *erase = member_object (coll, "erase");

          if (g_strcmp0 (member_string (erase, "action"), "delete") == 0)
            op = rd_operation_new (RD_ACTION_DELETE, system_name (self), record->collection,
                                   record->id, _("Delete the record"));
          else
            {
              op = rd_operation_new (RD_ACTION_ANONYMISE, system_name (self), record->collection,
                                     record->id, _("Overwrite the personal fields"));
              plan_fields (op, member_object (erase, "fields"), data, &ctx);
            }
        }
      else if (type == RD_REQUEST_RECTIFICATION && member_object (coll, "rectify") != NULL)
        {
          JsonObject *map = member_object (coll, "rectify");
          g_autoptr (JsonObject) fields = json_object_new ();
          JsonObjectIter iter;
          const char *key;
          JsonNode *value;

          /* The corrected values use Rights Desk's names (name, email, phone); the manifest
           * maps them to the system's fields. */
          json_object_iter_init (&iter, rectification);
          while (json_object_iter_next (&iter, &key, &value))
            {
              const char *field = member_string (map, key);
              if (field != NULL)
                json_object_set_member (fields, field, json_node_copy (value));
            }
          if (json_object_get_size (fields) > 0)
            {
              op = rd_operation_new (RD_ACTION_RECTIFY, system_name (self), record->collection,
                                     record->id, _("Correct the record"));
              plan_fields (op, fields, data, &ctx);
            }
        }
      else if (type == RD_REQUEST_RESTRICTION && member_object (coll, "restrict") != NULL)
        {
          op = rd_operation_new (RD_ACTION_RESTRICT, system_name (self), record->collection,
                                 record->id, _("Restrict processing"));
          plan_fields (op, member_object (member_object (coll, "restrict"), "fields"),
                       data, &ctx);
        }
      else if (type == RD_REQUEST_CONSENT_WITHDRAWAL && member_object (coll, "withdraw_consent") != NULL)
        {
          op = rd_operation_new (RD_ACTION_RESTRICT, system_name (self), record->collection,
                                 record->id, _("Withdraw consent"));
          plan_fields (op, member_object (member_object (coll, "withdraw_consent"), "fields"),
                       data, &ctx);
        }
      if (op != NULL)
        g_ptr_array_add (plan, op);
    }

  g_ptr_array_sort_with_data (plan, compare_depth_desc, self);
  return g_steal_pointer (&plan);
}

static gboolean
apply (RdConnectorManifest  *self,
       RdOperation          *op,
       JsonObject           *changes,
       RdExecution          *execution,
       GCancellable         *cancellable,
       GError              **error)
{
  JsonObject *coll = collection_spec (self, op->collection);
  JsonObject *spec = member_object (coll, op->kind == RD_ACTION_DELETE ? "delete" : "update");
  Context ctx = { NULL, NULL, NULL, op->id, NULL, rd_connector_config_get_user (self->config) };
  g_autoptr (RdHttpRequest) request = NULL;
  g_autoptr (RdHttpResponse) response = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *missing = NULL;

  if (coll == NULL || spec == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Manifest “%s” cannot %s records of “%s”"), self->manifest->id,
                   rd_action_kind_to_string (op->kind), op->collection);
      return FALSE;
    }
  request = build_request (self, spec, &ctx, changes, NULL, &missing);
  if (request == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The %s request of “%s” needs {%s}"), op->collection, self->manifest->id,
                   missing);
      return FALSE;
    }
  /* A write that timed out may have happened: it is not sent twice. */
  rd_http_request_set_idempotent (request, FALSE);
  if (op->kind == RD_ACTION_DELETE)
    rd_http_request_accept_status (request, 404);  /* already gone is gone */

  response = rd_http_client_send (self->client, request, cancellable, &local_error);
  if (response == NULL)
    {
      g_autofree char *now = rd_timestamp_now ();
      RdEvidence failed = { (char *) system_name (self),
                            (char *) rd_http_request_get_method (request),
                            (char *) rd_http_request_get_url (request), 0, now, 0, 0,
                            local_error->message };

      g_ptr_array_add (execution->evidence, rd_evidence_copy (&failed));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_free (response->evidence->system);
  response->evidence->system = g_strdup (system_name (self));
  g_ptr_array_add (execution->evidence, rd_evidence_copy (response->evidence));
  return TRUE;
}

/* A deletion cannot be undone: the record is gone. */
static gboolean
undo_apply (RdExecution  *execution,
            RdOperation  *op,
            gpointer      user_data,
            GError      **error)
{
  return op->kind != RD_ACTION_DELETE &&
         apply (user_data, op, op->before, execution, NULL, error);
}

static RdExecution *
manifest_execute (RdConnector  *connector,
                  GPtrArray    *plan,
                  GCancellable *cancellable)
{
  RdConnectorManifest *self = RD_CONNECTOR_MANIFEST (connector);
  RdExecution *execution = rd_execution_new (system_name (self));
  g_autoptr (GError) error = NULL;
  guint i;

  for (i = 0; i < plan->len; i++)
    g_ptr_array_add (execution->operations, rd_operation_copy (plan->pdata[i]));

  for (i = 0; i < execution->operations->len; i++)
    {
      RdOperation *op = execution->operations->pdata[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      if (!apply (self, op, op->changes, execution, cancellable, &error))
        break;
      op->done = TRUE;
    }

  if (error != NULL)
    rd_execution_fail (execution, error, undo_apply, self);
  return execution;
}

static void
connector_iface_init (RdConnectorInterface *iface)
{
  iface->test = manifest_test;
  iface->lookup = manifest_lookup;
  iface->collect = manifest_collect;
  iface->plan = manifest_plan;
  iface->execute = manifest_execute;
}

RdConnectorManifest *
rd_connector_manifest_new (RdConnectorConfig *config,
                           RdManifest        *manifest,
                           const char        *secret)
{
  RdConnectorManifest *self;
  JsonObject *auth, *rate;
  const char *type;
  size_t len;

  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (config), NULL);
  g_return_val_if_fail (manifest != NULL, NULL);

  self = g_object_new (RD_TYPE_CONNECTOR_MANIFEST, NULL);
  self->config = g_object_ref (config);
  self->manifest = rd_manifest_ref (manifest);
  self->client = rd_http_client_new ();
  self->base_url = g_strdup (rd_connector_config_get_url (config));
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';

  auth = member_object (manifest_object (self), "auth");
  type = member_string (auth, "type");
  if (g_strcmp0 (type, "basic") == 0)
    {
      Context ctx = { NULL, NULL, NULL, NULL, NULL, rd_connector_config_get_user (config) };
      const char *missing = NULL;
      const char *template = member_string (auth, "username") ? member_string (auth, "username")
                                                               : "{user}";
      g_autofree char *user = expand (template, &ctx, FALSE, &missing);
      g_autofree char *pair = g_strdup_printf ("%s:%s", user ? user : "", secret ? secret : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->auth_header = g_strdup ("Authorization");
      self->auth_value = g_strdup_printf ("Basic %s", encoded);
      memset (pair, 0, strlen (pair));
    }
  else if (g_strcmp0 (type, "bearer") == 0)
    {
      self->auth_header = g_strdup ("Authorization");
      self->auth_value = g_strdup_printf ("Bearer %s", secret ? secret : "");
    }
  else if (g_strcmp0 (type, "api-key") == 0)
    {
      const char *prefix = member_string (auth, "prefix");

      self->auth_header = g_strdup (member_string (auth, "header"));
      self->auth_value = g_strdup_printf ("%s%s", prefix ? prefix : "", secret ? secret : "");
    }

  rate = member_object (manifest_object (self), "rate_limit");
  if (rate != NULL)
    rd_http_client_set_rate_limit (self->client, member_int (rate, "requests", 0),
                                   member_int (rate, "period_seconds", 0) * 1000);

  rd_connector_set_common (RD_CONNECTOR (self), config, self->client);
  return self;
}
