/* rd-collect.c: collect and execute for a case over all of its client's connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-collect"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-collect.h"
#include "rd-connector-opendsr.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-json-load.h"
#include "rd-json-writer.h"
#include "rd-secret.h"
#include "rd-store-private.h"

/* Progress is reported at most every this many stored items. */
#define PROGRESS_EVERY 100

static const char *state_names[] = {
  "pending", "running", "ok", "failed", "cancelled", "skipped",
};

const char *
rd_system_state_to_string (RdSystemState state)
{
  g_return_val_if_fail (state <= RD_SYSTEM_SKIPPED, NULL);
  return state_names[state];
}

/* Results */

G_DEFINE_BOXED_TYPE (RdSystemResult, rd_system_result, rd_system_result_copy,
                     rd_system_result_free)

RdSystemResult *
rd_system_result_new (const char      *connector,
                      RdConnectorKind  kind)
{
  RdSystemResult *result = g_new0 (RdSystemResult, 1);

  result->connector = g_strdup (connector);
  result->kind = kind;
  result->state = RD_SYSTEM_PENDING;
  return result;
}

static GPtrArray *
plan_copy (GPtrArray *plan)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);

  for (guint i = 0; plan != NULL && i < plan->len; i++)
    g_ptr_array_add (copy, rd_operation_copy (plan->pdata[i]));
  return copy;
}

RdSystemResult *
rd_system_result_copy (const RdSystemResult *result)
{
  RdSystemResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = rd_system_result_new (result->connector, result->kind);
  copy->state = result->state;
  copy->records = result->records;
  copy->transcripts = result->transcripts;
  copy->requests = result->requests;
  copy->error = result->error ? g_error_copy (result->error) : NULL;
  copy->plan = result->plan ? plan_copy (result->plan) : NULL;
  copy->execution = result->execution ? rd_execution_copy (result->execution) : NULL;
  return copy;
}

void
rd_system_result_free (RdSystemResult *result)
{
  if (result == NULL)
    return;
  g_free (result->connector);
  g_clear_error (&result->error);
  g_clear_pointer (&result->plan, g_ptr_array_unref);
  g_clear_pointer (&result->execution, rd_execution_free);
  g_free (result);
}

JsonNode *
rd_system_result_to_json (const RdSystemResult *result)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "connector");
  json_builder_add_string_value (builder, result->connector);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, state_names[result->state]);
  json_builder_set_member_name (builder, "records");
  json_builder_add_int_value (builder, result->records);
  json_builder_set_member_name (builder, "transcripts");
  json_builder_add_int_value (builder, result->transcripts);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, result->error ? result->error->message : NULL);

  if (result->execution != NULL)
    {
      g_autoptr (JsonNode) node = rd_execution_to_json (result->execution);
      JsonObject *object = json_node_get_object (node);

      json_builder_set_member_name (builder, "rolled_back");
      json_builder_add_boolean_value (builder, result->execution->rolled_back);
      json_builder_set_member_name (builder, "operations");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, "operations")));
      json_builder_set_member_name (builder, "evidence");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, "evidence")));
      json_builder_set_member_name (builder, "not_removed");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, "not_removed")));
    }
  else if (result->plan != NULL)
    {
      json_builder_set_member_name (builder, "operations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->plan->len; i++)
        json_builder_add_value (builder, rd_operation_to_json (result->plan->pdata[i]));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
rd_collect_results_ok (GPtrArray *results)
{
  g_return_val_if_fail (results != NULL, FALSE);

  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *r = results->pdata[i];

      if (r->state != RD_SYSTEM_OK && r->state != RD_SYSTEM_SKIPPED)
        return FALSE;
    }
  return TRUE;
}

/* The object */

struct _RdCollect
{
  GObject                parent_instance;

  char                  *db_path;
  char                  *reference;
  char                  *only;
  char                  *ca_file;
  JsonObject            *rectification;

  RdSecretFunc           secret_func;
  gpointer               secret_data;
  GDestroyNotify         secret_destroy;

  RdCollectProgressFunc  progress_func;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
  /* Where progress goes while an _async call runs; NULL: the calling thread, at once. */
  GMainContext          *progress_context;
};

G_DEFINE_FINAL_TYPE (RdCollect, rd_collect, G_TYPE_OBJECT)

static void
rd_collect_finalize (GObject *object)
{
  RdCollect *self = RD_COLLECT (object);

  g_free (self->db_path);
  g_free (self->reference);
  g_free (self->only);
  g_free (self->ca_file);
  g_clear_pointer (&self->rectification, json_object_unref);
  if (self->secret_destroy)
    self->secret_destroy (self->secret_data);
  if (self->progress_destroy)
    self->progress_destroy (self->progress_data);
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  G_OBJECT_CLASS (rd_collect_parent_class)->finalize (object);
}

static void
rd_collect_class_init (RdCollectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_collect_finalize;
}

static void
rd_collect_init (RdCollect *self)
{
}

static char *
keyring_secret (RdConnectorConfig  *config,
                gpointer            user_data,
                GError            **error)
{
  return rd_secret_lookup (rd_connector_config_get_client (config),
                           rd_connector_config_get_name (config), NULL, error);
}

RdCollect *
rd_collect_new (const char *db_path,
                const char *reference)
{
  RdCollect *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  self = g_object_new (RD_TYPE_COLLECT, NULL);
  self->db_path = g_strdup (db_path);
  self->reference = g_strdup (reference);
  self->secret_func = keyring_secret;
  return self;
}

void
rd_collect_set_connector (RdCollect  *self,
                          const char *name)
{
  g_return_if_fail (RD_IS_COLLECT (self));

  g_free (self->only);
  self->only = g_strdup (name);
}

void
rd_collect_set_secret_func (RdCollect      *self,
                            RdSecretFunc    func,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (RD_IS_COLLECT (self));

  if (self->secret_destroy)
    self->secret_destroy (self->secret_data);
  self->secret_func = func ? func : keyring_secret;
  self->secret_data = func ? user_data : NULL;
  self->secret_destroy = func ? destroy : NULL;
}

void
rd_collect_set_progress_func (RdCollect             *self,
                              RdCollectProgressFunc  func,
                              gpointer               user_data,
                              GDestroyNotify         destroy)
{
  g_return_if_fail (RD_IS_COLLECT (self));

  if (self->progress_destroy)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

void
rd_collect_set_rectification (RdCollect  *self,
                              JsonObject *values)
{
  g_return_if_fail (RD_IS_COLLECT (self));

  g_clear_pointer (&self->rectification, json_object_unref);
  if (values != NULL)
    self->rectification = json_object_ref (values);
}

void
rd_collect_set_ca_file (RdCollect  *self,
                        const char *pem_file)
{
  g_return_if_fail (RD_IS_COLLECT (self));

  g_free (self->ca_file);
  self->ca_file = g_strdup (pem_file);
}

/* Progress */

typedef struct
{
  RdCollect      *self;
  RdSystemResult *result;
} Progress;

static gboolean
progress_idle_cb (gpointer user_data)
{
  Progress *p = user_data;

  if (p->self->progress_func)
    p->self->progress_func (p->result, p->self->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *p)
{
  g_object_unref (p->self);
  rd_system_result_free (p->result);
  g_free (p);
}

static void
report (RdCollect      *self,
        RdSystemResult *result)
{
  Progress *p;

  if (self->progress_func == NULL)
    return;
  if (self->progress_context == NULL)
    {
      self->progress_func (result, self->progress_data);
      return;
    }

  p = g_new0 (Progress, 1);
  p->self = g_object_ref (self);
  p->result = rd_system_result_copy (result);
  g_main_context_invoke_full (self->progress_context, G_PRIORITY_DEFAULT, progress_idle_cb, p,
                              (GDestroyNotify) progress_free);
}

/* What every operation starts with: the store, the case, its subject, its connections */

typedef struct
{
  RdStore    *store;
  RdCase     *item;
  RdSubject  *subject;
  GPtrArray  *configs;   /* RdConnectorConfig */
} Context;

static void
context_clear (Context *ctx)
{
  g_clear_object (&ctx->store);
  g_clear_object (&ctx->item);
  g_clear_pointer (&ctx->subject, rd_subject_free);
  g_clear_pointer (&ctx->configs, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

static gboolean
context_init (RdCollect  *self,
              Context    *ctx,
              GError    **error)
{
  const char * const *values;

  ctx->store = rd_store_open (self->db_path, error);
  if (ctx->store == NULL)
    return FALSE;
  ctx->item = rd_store_get_case (ctx->store, self->reference, error);
  if (ctx->item == NULL)
    return FALSE;
  if (rd_case_get_purged (ctx->item))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("The case %s was purged: it has no requester to look for"), self->reference);
      return FALSE;
    }

  ctx->subject = rd_subject_new (rd_case_get_subject_name (ctx->item));
  values = rd_case_get_subject_emails (ctx->item);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    rd_subject_add_email (ctx->subject, values[i]);
  values = rd_case_get_subject_phones (ctx->item);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    rd_subject_add_phone (ctx->subject, values[i]);
  if (ctx->subject->emails->len == 0 && ctx->subject->phones->len == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The case %s has no e-mail address or phone number to find the requester "
                     "by"), self->reference);
      return FALSE;
    }

  if (self->only != NULL)
    {
      RdConnectorConfig *config = rd_store_get_connector (ctx->store, self->only, error);

      if (config == NULL)
        return FALSE;
      if (g_strcmp0 (rd_connector_config_get_client (config),
                     rd_case_get_client (ctx->item)) != 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: a connection, its client, a case and the case's client */
                       _("The connection “%s” belongs to %s, not to %s’s client %s"),
                       self->only, rd_connector_config_get_client (config), self->reference,
                       rd_case_get_client (ctx->item));
          g_object_unref (config);
          return FALSE;
        }
      ctx->configs = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (ctx->configs, config);
    }
  else
    {
      ctx->configs = rd_store_list_connectors (ctx->store, rd_case_get_client (ctx->item), error);
      if (ctx->configs == NULL)
        return FALSE;
      if (ctx->configs->len == 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                       _("The client %s has no connected systems (add one with “connector add”)"),
                       rd_case_get_client (ctx->item));
          return FALSE;
        }
    }
  return TRUE;
}

static RdConnector *
make_connector (RdCollect          *self,
                RdConnectorConfig  *config,
                GError            **error)
{
  g_autoptr (RdConnector) connector = NULL;
  char *secret;
  GError *local_error = NULL;

  secret = self->secret_func (config, self->secret_data, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  connector = rd_connector_new_for_config (config, secret, error);
  if (secret != NULL)
    rd_secret_free (secret);
  if (connector == NULL)
    return NULL;

  if (self->ca_file != NULL)
    {
      if (!rd_http_client_add_ca_file (rd_connector_get_client (connector), self->ca_file, error))
        return NULL;
      if (RD_IS_CONNECTOR_OPENDSR (connector) &&
          !rd_connector_opendsr_add_ca_file (RD_CONNECTOR_OPENDSR (connector), self->ca_file,
                                             error))
        return NULL;
    }
  return g_steal_pointer (&connector);
}

static void
finish_system (RdCollect      *self,
               RdStore        *store,
               RdSystemResult *result,
               GError         *error)
{
  g_autoptr (GError) store_error = NULL;
  g_autofree char *message = NULL;

  if (error == NULL)
    result->state = RD_SYSTEM_OK;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    result->state = RD_SYSTEM_CANCELLED;
  else
    result->state = RD_SYSTEM_FAILED;
  if (error != NULL && result->error == NULL)
    result->error = g_error_copy (error);

  if (result->state == RD_SYSTEM_OK)
    message = result->execution || result->plan
      ? g_strdup (_("Request carried out"))
      /* Translators: counts of what a collect stored */
      : g_strdup_printf (_("Collected %u records and %u conversations"), result->records,
                         result->transcripts);
  else
    message = g_strdup (result->error ? result->error->message : _("Cancelled"));

  /* The Connections page shows the last result of each system. */
  if (!rd_store_set_connector_result (store, result->connector, result->state == RD_SYSTEM_OK,
                                      message, &store_error))
    g_warning ("Could not save the result of %s: %s", result->connector, store_error->message);
  report (self, result);
}

static char *
evidence_payload (GPtrArray *evidence,
                  GPtrArray *not_removed,
                  GError    *error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requests");
  json_builder_begin_array (builder);
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    json_builder_add_value (builder, rd_evidence_to_json (evidence->pdata[i]));
  json_builder_end_array (builder);
  if (not_removed != NULL)
    {
      json_builder_set_member_name (builder, "not_removed");
      json_builder_begin_array (builder);
      for (guint i = 0; i < not_removed->len; i++)
        json_builder_add_string_value (builder, not_removed->pdata[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error ? error->message : NULL);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Request lines without their targets (which may hold an e-mail address): method, status and
 * time stay in the chain's own details. */
static void
write_requests (RdJsonWriter *w,
                GPtrArray    *evidence)
{
  rd_json_writer_key (w, "requests");
  rd_json_writer_begin_array (w);
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      RdEvidence *e = evidence->pdata[i];

      rd_json_writer_begin_object (w);
      rd_json_writer_key (w, "method");
      rd_json_writer_string (w, e->method);
      rd_json_writer_key (w, "status");
      rd_json_writer_int (w, e->status);
      rd_json_writer_key (w, "time");
      rd_json_writer_string (w, e->time);
      rd_json_writer_end_object (w);
    }
  rd_json_writer_end_array (w);
}

/* Collect: what arrives is spooled to a temporary file, so that memory stays flat and the
 * database is written in one short transaction per system once the system has answered
 * everything, never half. */

typedef struct
{
  RdCollect      *self;
  RdSystemResult *result;
  FILE           *spool;
  guint           since_report;
} Sink;

static char *
one_line (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  g_strdelimit (copy, "\t\r\n", ' ');
  return copy;
}

static gboolean
spool_write (Sink        *sink,
             const char  *kind,
             const char  *mime,
             const char  *name,
             const char  *source,
             const void  *data,
             gsize        length,
             GError     **error)
{
  g_autofree char *clean_name = one_line (name);
  g_autofree char *clean_source = one_line (source);

  if (fprintf (sink->spool, "%s\t%s\t%s\t%s\t%" G_GSIZE_FORMAT "\n", kind, mime, clean_name,
               clean_source, length) < 0 ||
      (length > 0 && fwrite (data, 1, length, sink->spool) != length))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   _("Could not keep what %s sent in a temporary file (is the disk full?)"),
                   sink->result->connector);
      return FALSE;
    }
  if (++sink->since_report >= PROGRESS_EVERY)
    {
      sink->since_report = 0;
      report (sink->self, sink->result);
    }
  return TRUE;
}

static gboolean
record_sink_cb (RdRecord  *record,
                gpointer   user_data,
                GError   **error)
{
  Sink *sink = user_data;
  g_autoptr (JsonNode) node = rd_record_to_json (record);
  g_autofree char *json = json_to_string (node, TRUE);
  /* Translators: a document name: connector, collection, record id */
  g_autofree char *name = g_strdup_printf (_("%s %s %s.json"), sink->result->connector,
                                           record->collection, record->id ? record->id : "");
  gboolean ok;

  ok = spool_write (sink, "record", "application/json", name, sink->result->connector, json,
                    strlen (json), error);
  sink->result->records += ok;
  return ok;
}

static gboolean
ticket_sink_cb (RdTicket  *ticket,
                gpointer   user_data,
                GError   **error)
{
  Sink *sink = user_data;
  g_autofree char *text = rd_ticket_to_text (ticket);
  g_autofree char *source = NULL;
  /* Translators: a document name: connector, ticket id */
  g_autofree char *name = g_strdup_printf (_("%s ticket %s.txt"), sink->result->connector,
                                           ticket->ticket_id ? ticket->ticket_id : "");
  gboolean ok;

  source = ticket->source ? g_strdup (ticket->source)
                          : g_strdup_printf ("%s: %s", sink->result->connector,
                                             ticket->ticket_id ? ticket->ticket_id : "");
  ok = spool_write (sink, "transcript", "text/plain", name, source, text, strlen (text), error);
  for (guint i = 0; ok && i < ticket->attachments->len; i++)
    {
      RdTicketAttachment *a = ticket->attachments->pdata[i];
      /* Translators: a document name: connector, ticket id, file name */
      g_autofree char *aname = g_strdup_printf (_("%s ticket %s attachment %s"),
                                                sink->result->connector,
                                                ticket->ticket_id ? ticket->ticket_id : "",
                                                a->filename ? a->filename : "");
      gsize size = 0;
      const void *data = a->content ? g_bytes_get_data (a->content, &size) : NULL;

      ok = spool_write (sink, "record",
                        a->content_type ? a->content_type : "application/octet-stream",
                        aname, source, data, size, error);
    }
  sink->result->transcripts += ok;
  return ok;
}

static gboolean
spool_replay (RdStore     *store,
              const char  *reference,
              FILE        *spool,
              GError     **error)
{
  char header[8192];

  rewind (spool);
  while (fgets (header, sizeof header, spool) != NULL)
    {
      g_auto (GStrv) fields = NULL;
      g_autofree char *data = NULL;
      g_autoptr (GBytes) content = NULL;
      gsize length;

      g_strchomp (header);
      fields = g_strsplit (header, "\t", 5);
      if (g_strv_length (fields) != 5)
        goto broken;
      length = g_ascii_strtoull (fields[4], NULL, 10);
      data = g_malloc (length + 1);
      if (length > 0 && fread (data, 1, length, spool) != length)
        goto broken;
      content = g_bytes_new_take (g_steal_pointer (&data), length);
      if (rd_store_add_document (store, reference, fields[0],
                                 *fields[2] ? fields[2] : fields[0], fields[1], content,
                                 *fields[3] ? fields[3] : NULL, error) == 0)
        return FALSE;
    }
  return TRUE;

broken:
  g_set_error (error, RD_ERROR, RD_ERROR_IO, _("The temporary file of a collect is damaged"));
  return FALSE;
}

static void
collect_system (RdCollect         *self,
                Context           *ctx,
                RdConnectorConfig *config,
                RdSystemResult    *result,
                GCancellable      *cancellable)
{
  g_autoptr (RdConnector) connector = NULL;
  g_autoptr (RdCollection) collection = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) evidence_error = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *payload_json = NULL;
  GPtrArray *evidence = NULL;
  Sink sink = { self, result, NULL, 0 };
  gboolean ok = FALSE;

  result->state = RD_SYSTEM_RUNNING;
  report (self, result);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto out;
  connector = make_connector (self, config, &error);
  if (connector == NULL)
    goto out;

  sink.spool = tmpfile ();
  if (sink.spool == NULL)
    {
      g_set_error (&error, RD_ERROR, RD_ERROR_IO,
                   _("Could not create a temporary file for what %s sends"), result->connector);
      goto out;
    }
  collection = rd_collection_new ();
  rd_collection_set_sinks (collection, record_sink_cb, ticket_sink_cb, &sink);

  ok = rd_connector_collect_sync (connector, ctx->subject, collection, cancellable, &error);
  evidence = rd_collection_get_evidence (collection);
  result->requests = evidence->len;

  /* One transaction per system: its documents and the evidence land together or not at all. */
  if (ok && rd_store_begin (ctx->store, &error))
    {
      ok = spool_replay (ctx->store, self->reference, sink.spool, &error);
      if (!ok)
        rd_store_rollback (ctx->store);
    }
  else
    ok = FALSE;

  if (!ok)
    {
      /* Nothing of a failed system stays in the case. */
      result->records = 0;
      result->transcripts = 0;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "connector");
  rd_json_writer_string (details, result->connector);
  rd_json_writer_key (details, "kind");
  rd_json_writer_string (details, rd_connector_kind_to_string (result->kind));
  rd_json_writer_key (details, "status");
  rd_json_writer_string (details, ok ? "ok" : "failed");
  rd_json_writer_key (details, "records");
  rd_json_writer_int (details, result->records);
  rd_json_writer_key (details, "transcripts");
  rd_json_writer_int (details, result->transcripts);
  write_requests (details, evidence);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));
  payload_json = evidence_payload (evidence, NULL, error);

  if (!rd_store_record_evidence (ctx->store, self->reference,
                                 ok ? "connector.collected" : "connector.collect-failed",
                                 details_json, payload_json,
                                 ok ? &error : &evidence_error))
    {
      if (ok)
        {
          rd_store_rollback (ctx->store);
          ok = FALSE;
          result->records = result->transcripts = 0;
        }
    }
  if (ok && !rd_store_commit (ctx->store, &error))
    {
      ok = FALSE;
      result->records = result->transcripts = 0;
    }
  if (evidence_error != NULL)
    g_warning ("Could not record the failure of %s: %s", result->connector,
               evidence_error->message);

out:
  if (sink.spool != NULL)
    fclose (sink.spool);
  finish_system (self, ctx->store, result, ok ? NULL : error);
}

static GPtrArray *
new_results (Context *ctx)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_system_result_free);

  for (guint i = 0; i < ctx->configs->len; i++)
    {
      RdConnectorConfig *config = ctx->configs->pdata[i];

      g_ptr_array_add (results, rd_system_result_new (rd_connector_config_get_name (config),
                                                      rd_connector_config_get_kind (config)));
    }
  return results;
}

GPtrArray *
rd_collect_run_sync (RdCollect     *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto (Context) ctx = { NULL };
  g_autoptr (GPtrArray) results = NULL;

  g_return_val_if_fail (RD_IS_COLLECT (self), NULL);

  if (!context_init (self, &ctx, error))
    return NULL;

  results = new_results (&ctx);
  for (guint i = 0; i < results->len; i++)
    report (self, results->pdata[i]);
  for (guint i = 0; i < results->len; i++)
    collect_system (self, &ctx, ctx.configs->pdata[i], results->pdata[i], cancellable);
  return g_steal_pointer (&results);
}

/* Execute */

static gboolean
executable_type (RdRequestType   type,
                 const char     *reference,
                 GError        **error)
{
  if (type == RD_REQUEST_ERASURE || type == RD_REQUEST_RECTIFICATION ||
      type == RD_REQUEST_RESTRICTION || type == RD_REQUEST_CONSENT_WITHDRAWAL)
    return TRUE;
  g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
               /* Translators: a case reference and a request type */
               _("%s is a %s request: only erasure, rectification, restriction and consent "
                 "withdrawal are carried out on client systems"),
               reference, rd_request_type_to_string (type));
  return FALSE;
}

GPtrArray *
rd_collect_plan_sync (RdCollect     *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto (Context) ctx = { NULL };
  g_autoptr (GPtrArray) results = NULL;
  RdRequestType type;

  g_return_val_if_fail (RD_IS_COLLECT (self), NULL);

  if (!context_init (self, &ctx, error))
    return NULL;
  type = rd_case_get_request_type (ctx.item);
  if (!executable_type (type, self->reference, error))
    return NULL;
  if (type == RD_REQUEST_RECTIFICATION &&
      (self->rectification == NULL || json_object_get_size (self->rectification) == 0))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("A rectification needs the corrected values (e.g. --set name=\"Ann "
                     "Smith\")"));
      return NULL;
    }

  results = new_results (&ctx);
  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *result = results->pdata[i];
      g_autoptr (RdConnector) connector = NULL;
      g_autoptr (GError) local_error = NULL;

      result->state = RD_SYSTEM_RUNNING;
      report (self, result);
      if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        connector = make_connector (self, ctx.configs->pdata[i], &local_error);
      if (connector != NULL)
        result->plan = rd_connector_plan_sync (connector, type, ctx.subject, self->rectification,
                                               cancellable, &local_error);

      if (result->plan != NULL)
        result->state = RD_SYSTEM_OK;
      else if (g_error_matches (local_error, RD_ERROR, RD_ERROR_WORKFLOW))
        result->state = RD_SYSTEM_SKIPPED;
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        result->state = RD_SYSTEM_CANCELLED;
      else
        result->state = RD_SYSTEM_FAILED;
      if (local_error != NULL)
        result->error = g_steal_pointer (&local_error);
      report (self, result);
    }
  return g_steal_pointer (&results);
}

static gboolean
store_execution (RdCollect      *self,
                 Context        *ctx,
                 RdSystemResult *result,
                 const char     *action,
                 GError        **error)
{
  RdExecution *execution = result->execution;
  g_autoptr (JsonNode) node = rd_execution_to_json (execution);
  g_autoptr (RdJsonWriter) details = rd_json_writer_new (NULL);
  g_autofree char *details_json = NULL;
  g_autofree char *payload_json = NULL;
  g_autofree char *document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *now = rd_timestamp_now ();
  g_autoptr (GBytes) content = NULL;
  const char *type = rd_request_type_to_string (rd_case_get_request_type (ctx->item));
  gsize length;
  guint done = 0;

  for (guint i = 0; i < execution->operations->len; i++)
    done += ((RdOperation *) execution->operations->pdata[i])->done;

  /* The execution itself, before and after values included, for review and rollback. */
  json_object_set_string_member (json_node_get_object (node), "request_type", type);
  json_object_set_string_member (json_node_get_object (node), "action", action);
  json_object_set_string_member (json_node_get_object (node), "at", now);
  document = json_to_string (node, TRUE);
  length = strlen (document);
  content = g_bytes_new_take (g_steal_pointer (&document), length);
  /* Translators: a document name: "execution", connector, action, time */
  name = g_strdup_printf ("execution %s %s %s.json", result->connector, action, now);

  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "connector");
  rd_json_writer_string (details, result->connector);
  rd_json_writer_key (details, "request_type");
  rd_json_writer_string (details, type);
  rd_json_writer_key (details, "status");
  rd_json_writer_string (details, execution->error == NULL ? "ok"
                                  : execution->rolled_back ? "rolled-back" : "failed");
  rd_json_writer_key (details, "operations");
  rd_json_writer_int (details, execution->operations->len);
  rd_json_writer_key (details, "done");
  rd_json_writer_int (details, done);
  rd_json_writer_key (details, "not_removed");
  rd_json_writer_int (details, execution->not_removed->len);
  write_requests (details, execution->evidence);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));
  payload_json = evidence_payload (execution->evidence, execution->not_removed,
                                   execution->error);

  if (!rd_store_begin (ctx->store, error))
    return FALSE;
  if (rd_store_add_document (ctx->store, self->reference, "evidence", name, "application/json",
                             content, result->connector, error) == 0 ||
      !rd_store_record_evidence (ctx->store, self->reference,
                                 g_str_equal (action, "rollback") ? "connector.rolled-back"
                                                                  : "connector.executed",
                                 details_json, payload_json, error) ||
      !rd_store_commit (ctx->store, error))
    {
      rd_store_rollback (ctx->store);
      return FALSE;
    }
  return TRUE;
}

static void
execute_system (RdCollect         *self,
                Context           *ctx,
                RdConnectorConfig *config,
                RdSystemResult    *result,
                const char        *action,
                GCancellable      *cancellable)
{
  g_autoptr (RdConnector) connector = NULL;
  g_autoptr (GError) error = NULL;

  result->state = RD_SYSTEM_RUNNING;
  report (self, result);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto out;
  connector = make_connector (self, config, &error);
  if (connector == NULL)
    goto out;

  result->execution = rd_connector_execute_sync (connector, result->plan, cancellable);
  result->requests = result->execution->evidence->len;
  if (result->execution->error != NULL)
    error = g_error_copy (result->execution->error);

  /* The evidence is kept whatever happened: what ran, with what answer, and when. */
  {
    g_autoptr (GError) store_error = NULL;

    if (!store_execution (self, ctx, result, action, &store_error) && error == NULL)
      {
        g_prefix_error (&store_error, _("Carried out, but the evidence was not saved: "));
        error = g_steal_pointer (&store_error);
      }
  }

out:
  finish_system (self, ctx->store, result, error);
}

static RdConnectorConfig *
find_config (Context    *ctx,
             const char *name)
{
  for (guint i = 0; i < ctx->configs->len; i++)
    if (g_strcmp0 (rd_connector_config_get_name (ctx->configs->pdata[i]), name) == 0)
      return ctx->configs->pdata[i];
  return NULL;
}

GPtrArray *
rd_collect_execute_sync (RdCollect     *self,
                         GPtrArray     *plans,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_auto (Context) ctx = { NULL };
  g_autoptr (GPtrArray) results = NULL;

  g_return_val_if_fail (RD_IS_COLLECT (self), NULL);
  g_return_val_if_fail (plans != NULL, NULL);

  if (!context_init (self, &ctx, error))
    return NULL;
  if (!executable_type (rd_case_get_request_type (ctx.item), self->reference, error))
    return NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_system_result_free);
  for (guint i = 0; i < plans->len; i++)
    g_ptr_array_add (results, rd_system_result_copy (plans->pdata[i]));

  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *result = results->pdata[i];
      RdConnectorConfig *config = find_config (&ctx, result->connector);

      g_clear_error (&result->error);
      if (config == NULL)
        {
          g_set_error (&result->error, RD_ERROR, RD_ERROR_NOT_FOUND,
                       _("There is no connection “%s” for this case’s client"),
                       result->connector);
          result->state = RD_SYSTEM_FAILED;
          report (self, result);
          continue;
        }
      if (result->plan == NULL || result->plan->len == 0)
        {
          /* Nothing planned: the system does not hold the requester, or cannot do this. */
          if (result->state != RD_SYSTEM_FAILED)
            result->state = RD_SYSTEM_SKIPPED;
          if (result->error == NULL && result->state == RD_SYSTEM_FAILED)
            g_set_error (&result->error, RD_ERROR, RD_ERROR_NETWORK,
                         _("The plan for %s could not be made"), result->connector);
          report (self, result);
          continue;
        }
      execute_system (self, &ctx, config, result, "execute", cancellable);
    }
  return g_steal_pointer (&results);
}

/* Rollback: the last execution of each system, read back from its evidence document */

static RdOperation *
operation_from_json (JsonNode *node)
{
  JsonObject *o;
  RdOperation *op;
  const char *action;
  guint kind;
  JsonNode *before, *after;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  action = json_object_get_string_member_with_default (o, "action", "");
  for (kind = RD_ACTION_RECTIFY; kind <= RD_ACTION_SUBMIT; kind++)
    if (g_str_equal (action, rd_action_kind_to_string (kind)))
      break;
  if (kind > RD_ACTION_SUBMIT)
    return NULL;
  before = json_object_get_member (o, "before");
  after = json_object_get_member (o, "after");
  if (before == NULL || after == NULL || !JSON_NODE_HOLDS_OBJECT (before) ||
      !JSON_NODE_HOLDS_OBJECT (after))
    return NULL;

  op = rd_operation_new (kind, json_object_get_string_member_with_default (o, "system", NULL),
                         json_object_get_string_member_with_default (o, "collection", NULL),
                         json_object_get_string_member_with_default (o, "id", NULL),
                         json_object_get_string_member_with_default (o, "description", NULL));
  json_object_unref (op->before);
  op->before = json_object_ref (json_node_get_object (before));
  json_object_unref (op->changes);
  op->changes = json_object_ref (json_node_get_object (after));
  op->done = json_object_get_boolean_member_with_default (o, "done", FALSE);
  return op;
}

/* The rollback plan of the last execution of @connector in the case, or NULL. */
static GPtrArray *
last_rollback_plan (Context     *ctx,
                    const char  *reference,
                    const char  *connector,
                    GError     **error)
{
  g_autoptr (GPtrArray) documents = rd_store_list_documents (ctx->store, reference, error);
  g_autofree char *prefix = g_strdup_printf ("execution %s ", connector);
  g_autofree char *rollback_prefix = g_strdup_printf ("execution %s rollback ", connector);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) content = NULL;
  g_autoptr (RdExecution) execution = NULL;
  RdDocument *last = NULL;
  JsonObject *root;
  JsonArray *ops;

  if (documents == NULL)
    return NULL;
  for (guint i = 0; i < documents->len; i++)
    {
      RdDocument *d = documents->pdata[i];

      if (g_str_equal (d->kind, "evidence") && g_str_has_prefix (d->name, prefix) &&
          (last == NULL || d->id > last->id))
        last = d;
    }
  if (last == NULL || g_str_has_prefix (last->name, rollback_prefix))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);

  content = rd_store_get_document_content (ctx->store, last->id, error);
  if (content == NULL)
    return NULL;
  if (!rd_json_load_data (parser, g_bytes_get_data (content, NULL),
                          g_bytes_get_size (content), NULL, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto damaged;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "operations") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "operations")))
    goto damaged;
  ops = json_object_get_array_member (root, "operations");
  execution = rd_execution_new (connector);
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      RdOperation *op = operation_from_json (json_array_get_element (ops, i));

      if (op == NULL)
        goto damaged;
      g_ptr_array_add (execution->operations, op);
    }
  return rd_execution_rollback_plan (execution);

damaged:
  g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
               _("The evidence document “%s” is not an execution Rights Desk wrote"), last->name);
  return NULL;
}

GPtrArray *
rd_collect_rollback_sync (RdCollect     *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_auto (Context) ctx = { NULL };
  g_autoptr (GPtrArray) results = NULL;
  guint planned = 0;

  g_return_val_if_fail (RD_IS_COLLECT (self), NULL);

  if (!context_init (self, &ctx, error))
    return NULL;

  results = new_results (&ctx);
  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *result = results->pdata[i];

      result->plan = last_rollback_plan (&ctx, self->reference, result->connector, error);
      if (result->plan == NULL)
        return NULL;
      planned += result->plan->len;
    }
  if (planned == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("%s has no rectification to roll back"), self->reference);
      return NULL;
    }

  for (guint i = 0; i < results->len; i++)
    {
      RdSystemResult *result = results->pdata[i];

      if (result->plan->len == 0)
        {
          result->state = RD_SYSTEM_SKIPPED;
          report (self, result);
          continue;
        }
      execute_system (self, &ctx, ctx.configs->pdata[i], result, "rollback", cancellable);
    }
  return g_steal_pointer (&results);
}

/* Async */

typedef enum { JOB_RUN, JOB_PLAN, JOB_EXECUTE } JobKind;

typedef struct
{
  JobKind    kind;
  GPtrArray *plans;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->plans, g_ptr_array_unref);
  g_free (job);
}

static void
job_worker (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RdCollect *self = source;
  Job *job = task_data;
  GPtrArray *results = NULL;
  GError *error = NULL;

  switch (job->kind)
    {
    case JOB_RUN:
      results = rd_collect_run_sync (self, cancellable, &error);
      break;
    case JOB_PLAN:
      results = rd_collect_plan_sync (self, cancellable, &error);
      break;
    case JOB_EXECUTE:
      results = rd_collect_execute_sync (self, job->plans, cancellable, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
start_job (RdCollect           *self,
           JobKind              kind,
           GPtrArray           *plans,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  if (plans != NULL)
    {
      job->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_system_result_free);
      for (guint i = 0; i < plans->len; i++)
        g_ptr_array_add (job->plans, rd_system_result_copy (plans->pdata[i]));
    }
  g_task_set_source_tag (task, rd_collect_finish);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();
  g_task_run_in_thread (task, job_worker);
}

void
rd_collect_run_async (RdCollect           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (RD_IS_COLLECT (self));
  start_job (self, JOB_RUN, NULL, cancellable, callback, user_data);
}

void
rd_collect_plan_async (RdCollect           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (RD_IS_COLLECT (self));
  start_job (self, JOB_PLAN, NULL, cancellable, callback, user_data);
}

void
rd_collect_execute_async (RdCollect           *self,
                          GPtrArray           *plans,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (RD_IS_COLLECT (self));
  g_return_if_fail (plans != NULL);
  start_job (self, JOB_EXECUTE, plans, cancellable, callback, user_data);
}

GPtrArray *
rd_collect_finish (RdCollect     *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (RD_IS_COLLECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
