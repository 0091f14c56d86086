/* rd-connector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-connector"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-connector.h"
#include "rd-connector-manifest.h"
#include "rd-connector-opendsr.h"
#include "rd-connector-rt.h"
#include "rd-error.h"

/* Subjects */

G_DEFINE_BOXED_TYPE (RdSubject, rd_subject, rd_subject_copy, rd_subject_free)

RdSubject *
rd_subject_new (const char *name)
{
  RdSubject *subject = g_new0 (RdSubject, 1);

  subject->name = g_strdup (name);
  subject->emails = g_ptr_array_new_with_free_func (g_free);
  subject->phones = g_ptr_array_new_with_free_func (g_free);
  return subject;
}

void
rd_subject_add_email (RdSubject  *subject,
                      const char *email)
{
  g_return_if_fail (subject != NULL);
  g_return_if_fail (email != NULL);

  g_ptr_array_add (subject->emails, g_strdup (email));
}

void
rd_subject_add_phone (RdSubject  *subject,
                      const char *phone)
{
  g_return_if_fail (subject != NULL);
  g_return_if_fail (phone != NULL);

  g_ptr_array_add (subject->phones, g_strdup (phone));
}

RdSubject *
rd_subject_copy (const RdSubject *subject)
{
  RdSubject *copy;

  g_return_val_if_fail (subject != NULL, NULL);

  copy = rd_subject_new (subject->name);
  for (guint i = 0; i < subject->emails->len; i++)
    rd_subject_add_email (copy, subject->emails->pdata[i]);
  for (guint i = 0; i < subject->phones->len; i++)
    rd_subject_add_phone (copy, subject->phones->pdata[i]);
  return copy;
}

void
rd_subject_free (RdSubject *subject)
{
  if (subject == NULL)
    return;
  g_free (subject->name);
  g_ptr_array_unref (subject->emails);
  g_ptr_array_unref (subject->phones);
  g_free (subject);
}

/* Records */

G_DEFINE_BOXED_TYPE (RdRecord, rd_record, rd_record_copy, rd_record_free)

RdRecord *
rd_record_new (const char *system,
               const char *collection,
               const char *id,
               JsonNode   *data)
{
  RdRecord *record = g_new0 (RdRecord, 1);

  record->system = g_strdup (system);
  record->collection = g_strdup (collection);
  record->id = g_strdup (id);
  record->data = data ? json_node_ref (data) : NULL;
  return record;
}

RdRecord *
rd_record_copy (const RdRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);
  return rd_record_new (record->system, record->collection, record->id, record->data);
}

void
rd_record_free (RdRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->system);
  g_free (record->collection);
  g_free (record->id);
  g_clear_pointer (&record->data, json_node_unref);
  g_free (record);
}

JsonNode *
rd_record_to_json (const RdRecord *record)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (record != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, record->system);
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, record->collection);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, record->id);
  json_builder_set_member_name (builder, "data");
  if (record->data != NULL)
    json_builder_add_value (builder, json_node_copy (record->data));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Transcripts */

static void
turn_free (RdTicketTurn *turn)
{
  g_free (turn->time);
  g_free (turn->author);
  g_free (turn->kind);
  g_free (turn->text);
  g_free (turn);
}

static void
attachment_free (RdTicketAttachment *attachment)
{
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->content, g_bytes_unref);
  g_free (attachment);
}

G_DEFINE_BOXED_TYPE (RdTicket, rd_ticket, rd_ticket_copy, rd_ticket_free)

RdTicket *
rd_ticket_new (const char *system,
                   const char *source,
                   const char *ticket_id)
{
  RdTicket *transcript = g_new0 (RdTicket, 1);

  transcript->system = g_strdup (system);
  transcript->source = g_strdup (source);
  transcript->ticket_id = g_strdup (ticket_id);
  transcript->turns = g_ptr_array_new_with_free_func ((GDestroyNotify) turn_free);
  transcript->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);
  return transcript;
}

void
rd_ticket_add_turn (RdTicket *transcript,
                        const char   *time,
                        const char   *author,
                        const char   *kind,
                        const char   *text)
{
  RdTicketTurn *turn;

  g_return_if_fail (transcript != NULL);

  turn = g_new0 (RdTicketTurn, 1);
  turn->time = g_strdup (time);
  turn->author = g_strdup (author);
  turn->kind = g_strdup (kind);
  turn->text = g_strdup (text ? text : "");
  g_ptr_array_add (transcript->turns, turn);
}

void
rd_ticket_add_attachment (RdTicket *transcript,
                              const char   *filename,
                              const char   *content_type,
                              GBytes       *content)
{
  RdTicketAttachment *attachment;

  g_return_if_fail (transcript != NULL);
  g_return_if_fail (content != NULL);

  attachment = g_new0 (RdTicketAttachment, 1);
  attachment->filename = g_strdup (filename);
  attachment->content_type = g_strdup (content_type);
  attachment->content = g_bytes_ref (content);
  g_ptr_array_add (transcript->attachments, attachment);
}

RdTicket *
rd_ticket_copy (const RdTicket *transcript)
{
  RdTicket *copy;

  g_return_val_if_fail (transcript != NULL, NULL);

  copy = rd_ticket_new (transcript->system, transcript->source, transcript->ticket_id);
  copy->subject = g_strdup (transcript->subject);
  copy->text = g_strdup (transcript->text);
  for (guint i = 0; i < transcript->turns->len; i++)
    {
      RdTicketTurn *t = transcript->turns->pdata[i];
      rd_ticket_add_turn (copy, t->time, t->author, t->kind, t->text);
    }
  for (guint i = 0; i < transcript->attachments->len; i++)
    {
      RdTicketAttachment *a = transcript->attachments->pdata[i];
      rd_ticket_add_attachment (copy, a->filename, a->content_type, a->content);
    }
  return copy;
}

void
rd_ticket_free (RdTicket *transcript)
{
  if (transcript == NULL)
    return;
  g_free (transcript->source);
  g_free (transcript->system);
  g_free (transcript->ticket_id);
  g_free (transcript->subject);
  g_free (transcript->text);
  g_ptr_array_unref (transcript->turns);
  g_ptr_array_unref (transcript->attachments);
  g_free (transcript);
}

JsonNode *
rd_ticket_to_json (const RdTicket *transcript)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (transcript != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, transcript->source);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, transcript->system);
  json_builder_set_member_name (builder, "ticket_id");
  json_builder_add_string_value (builder, transcript->ticket_id);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, transcript->subject);
  json_builder_set_member_name (builder, "turns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < transcript->turns->len; i++)
    {
      RdTicketTurn *t = transcript->turns->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, t->time);
      json_builder_set_member_name (builder, "author");
      json_builder_add_string_value (builder, t->author);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, t->kind);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, t->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, transcript->text);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < transcript->attachments->len; i++)
    {
      RdTicketAttachment *a = transcript->attachments->pdata[i];
      gsize size;
      gconstpointer data = g_bytes_get_data (a->content, &size);
      g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "filename");
      json_builder_add_string_value (builder, a->filename);
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, a->content_type);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, size);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, sha);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
rd_ticket_to_text (const RdTicket *transcript)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (transcript != NULL, NULL);

  if (transcript->subject != NULL)
    g_string_append_printf (out, "%s\n\n", transcript->subject);
  for (guint i = 0; i < transcript->turns->len; i++)
    {
      RdTicketTurn *t = transcript->turns->pdata[i];

      g_string_append_printf (out, "%s %s (%s):\n%s\n\n", t->time ? t->time : "",
                              t->author ? t->author : "", t->kind ? t->kind : "", t->text);
    }
  if (transcript->text != NULL)
    g_string_append (out, transcript->text);
  return g_string_free (out, FALSE);
}

/* Collections */

struct _RdCollection
{
  GPtrArray        *records;
  GPtrArray        *transcripts;
  GPtrArray        *evidence;
  guint             n_records;
  guint             n_transcripts;
  RdRecordSink      record_sink;
  RdTicketSink  transcript_sink;
  gpointer          sink_data;
};

RdCollection *
rd_collection_new (void)
{
  RdCollection *collection = g_new0 (RdCollection, 1);

  collection->records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_record_free);
  collection->transcripts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_ticket_free);
  collection->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_evidence_free);
  return collection;
}

void
rd_collection_free (RdCollection *collection)
{
  if (collection == NULL)
    return;
  g_ptr_array_unref (collection->records);
  g_ptr_array_unref (collection->transcripts);
  g_ptr_array_unref (collection->evidence);
  g_free (collection);
}

void
rd_collection_set_sinks (RdCollection     *collection,
                         RdRecordSink      record_sink,
                         RdTicketSink  transcript_sink,
                         gpointer          user_data)
{
  g_return_if_fail (collection != NULL);

  collection->record_sink = record_sink;
  collection->transcript_sink = transcript_sink;
  collection->sink_data = user_data;
}

gboolean
rd_collection_add_record (RdCollection  *collection,
                          RdRecord      *record,
                          GError       **error)
{
  g_return_val_if_fail (collection != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  collection->n_records++;
  if (collection->record_sink != NULL)
    {
      g_autoptr (RdRecord) owned = record;
      return collection->record_sink (owned, collection->sink_data, error);
    }
  g_ptr_array_add (collection->records, record);
  return TRUE;
}

gboolean
rd_collection_add_ticket (RdCollection  *collection,
                          RdTicket      *transcript,
                          GError       **error)
{
  g_return_val_if_fail (collection != NULL, FALSE);
  g_return_val_if_fail (transcript != NULL, FALSE);

  collection->n_transcripts++;
  if (collection->transcript_sink != NULL)
    {
      g_autoptr (RdTicket) owned = transcript;
      return collection->transcript_sink (owned, collection->sink_data, error);
    }
  g_ptr_array_add (collection->transcripts, transcript);
  return TRUE;
}

void
rd_collection_add_evidence (RdCollection     *collection,
                            const RdEvidence *evidence)
{
  g_return_if_fail (collection != NULL);
  g_return_if_fail (evidence != NULL);

  /* Paging through 100,000 records must not grow without bound: past 1,000 rows the
   * first 500 stay and the middle ones make way for the latest. */
  g_ptr_array_add (collection->evidence, rd_evidence_copy (evidence));
  if (collection->evidence->len > 1000)
    g_ptr_array_remove_index (collection->evidence, 500);
}

GPtrArray *
rd_collection_get_records (RdCollection *collection)
{
  g_return_val_if_fail (collection != NULL, NULL);
  return collection->records;
}

GPtrArray *
rd_collection_get_transcripts (RdCollection *collection)
{
  g_return_val_if_fail (collection != NULL, NULL);
  return collection->transcripts;
}

GPtrArray *
rd_collection_get_evidence (RdCollection *collection)
{
  g_return_val_if_fail (collection != NULL, NULL);
  return collection->evidence;
}

guint
rd_collection_count_records (RdCollection *collection)
{
  g_return_val_if_fail (collection != NULL, 0);
  return collection->n_records;
}

guint
rd_collection_count_tickets (RdCollection *collection)
{
  g_return_val_if_fail (collection != NULL, 0);
  return collection->n_transcripts;
}

/* Operations */

static const char *action_names[] = { "rectify", "anonymise", "delete", "restrict", "submit" };

const char *
rd_action_kind_to_string (RdActionKind kind)
{
  g_return_val_if_fail (kind <= RD_ACTION_SUBMIT, NULL);
  return action_names[kind];
}

G_DEFINE_BOXED_TYPE (RdOperation, rd_operation, rd_operation_copy, rd_operation_free)

RdOperation *
rd_operation_new (RdActionKind  kind,
                  const char   *system,
                  const char   *collection,
                  const char   *id,
                  const char   *description)
{
  RdOperation *op = g_new0 (RdOperation, 1);

  op->kind = kind;
  op->system = g_strdup (system);
  op->collection = g_strdup (collection);
  op->id = g_strdup (id);
  op->description = g_strdup (description);
  op->changes = json_object_new ();
  op->before = json_object_new ();
  return op;
}

static JsonObject *
object_copy (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

RdOperation *
rd_operation_copy (const RdOperation *operation)
{
  RdOperation *copy;

  g_return_val_if_fail (operation != NULL, NULL);

  copy = g_new0 (RdOperation, 1);
  copy->kind = operation->kind;
  copy->system = g_strdup (operation->system);
  copy->collection = g_strdup (operation->collection);
  copy->id = g_strdup (operation->id);
  copy->description = g_strdup (operation->description);
  copy->changes = object_copy (operation->changes);
  copy->before = object_copy (operation->before);
  copy->done = operation->done;
  return copy;
}

void
rd_operation_free (RdOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->system);
  g_free (operation->collection);
  g_free (operation->id);
  g_free (operation->description);
  g_clear_pointer (&operation->changes, json_object_unref);
  g_clear_pointer (&operation->before, json_object_unref);
  g_free (operation);
}

JsonNode *
rd_operation_to_json (const RdOperation *operation)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  JsonNode *changes, *before;

  g_return_val_if_fail (operation != NULL, NULL);

  changes = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (changes, object_copy (operation->changes));
  before = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (before, object_copy (operation->before));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action_names[operation->kind]);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, operation->system);
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, operation->collection);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, operation->id);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, operation->description);
  json_builder_set_member_name (builder, "before");
  json_builder_add_value (builder, before);
  json_builder_set_member_name (builder, "after");
  json_builder_add_value (builder, changes);
  json_builder_set_member_name (builder, "done");
  json_builder_add_boolean_value (builder, operation->done);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Executions */

G_DEFINE_BOXED_TYPE (RdExecution, rd_execution, rd_execution_copy, rd_execution_free)

RdExecution *
rd_execution_new (const char *system)
{
  RdExecution *execution = g_new0 (RdExecution, 1);

  execution->system = g_strdup (system);
  execution->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);
  execution->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_evidence_free);
  execution->not_removed = g_ptr_array_new_with_free_func (g_free);
  return execution;
}

void
rd_execution_free (RdExecution *execution)
{
  if (execution == NULL)
    return;
  g_free (execution->system);
  g_ptr_array_unref (execution->operations);
  g_ptr_array_unref (execution->evidence);
  g_ptr_array_unref (execution->not_removed);
  g_clear_error (&execution->error);
  g_free (execution);
}

RdExecution *
rd_execution_copy (const RdExecution *execution)
{
  RdExecution *copy;

  g_return_val_if_fail (execution != NULL, NULL);

  copy = rd_execution_new (execution->system);
  for (guint i = 0; i < execution->operations->len; i++)
    g_ptr_array_add (copy->operations, rd_operation_copy (execution->operations->pdata[i]));
  for (guint i = 0; i < execution->evidence->len; i++)
    g_ptr_array_add (copy->evidence, rd_evidence_copy (execution->evidence->pdata[i]));
  for (guint i = 0; i < execution->not_removed->len; i++)
    g_ptr_array_add (copy->not_removed, g_strdup (execution->not_removed->pdata[i]));
  copy->error = execution->error ? g_error_copy (execution->error) : NULL;
  copy->rolled_back = execution->rolled_back;
  return copy;
}

JsonNode *
rd_execution_to_json (const RdExecution *execution)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (execution != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "connector");
  json_builder_add_string_value (builder, execution->system);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, execution->error == NULL ? "ok" :
                                 execution->rolled_back ? "rolled-back" : "failed");
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, execution->error ? execution->error->message : NULL);
  json_builder_set_member_name (builder, "operations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < execution->operations->len; i++)
    json_builder_add_value (builder, rd_operation_to_json (execution->operations->pdata[i]));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; i < execution->evidence->len; i++)
    json_builder_add_value (builder, rd_evidence_to_json (execution->evidence->pdata[i]));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "not_removed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < execution->not_removed->len; i++)
    json_builder_add_string_value (builder, execution->not_removed->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GPtrArray *
rd_execution_rollback_plan (const RdExecution *execution)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_operation_free);

  g_return_val_if_fail (execution != NULL, plan);

  /* Undo in reverse order, so that a field changed twice ends at its first value. */
  for (guint i = execution->operations->len; i > 0; i--)
    {
      RdOperation *op = execution->operations->pdata[i - 1];
      RdOperation *undo;

      if (!op->done || op->kind != RD_ACTION_RECTIFY)
        continue;
      undo = rd_operation_new (RD_ACTION_RECTIFY, op->system, op->collection, op->id,
                               _("Roll back a rectification"));
      json_object_unref (undo->changes);
      undo->changes = object_copy (op->before);
      json_object_unref (undo->before);
      undo->before = object_copy (op->changes);
      g_ptr_array_add (plan, undo);
    }
  return plan;
}

/* Records that @execution failed with @error: nothing is left half-applied, so the operations
 * done are undone with @undo, newest first, and the error says whether that worked. The
 * rollback is not cancellable; it is what leaves the system as it was. */
void
rd_execution_fail (RdExecution  *execution,
                   const GError *error,
                   RdUndoFunc    undo,
                   gpointer      user_data)
{
  g_return_if_fail (execution != NULL);
  g_return_if_fail (error != NULL);

  execution->rolled_back = TRUE;
  for (guint i = execution->operations->len; i > 0; i--)
    {
      RdOperation *op = execution->operations->pdata[i - 1];
      g_autoptr (GError) undo_error = NULL;

      if (!op->done)
        continue;
      if (!undo (execution, op, user_data, &undo_error))
        {
          execution->rolled_back = FALSE;
          continue;
        }
      op->done = FALSE;
    }

  g_clear_error (&execution->error);
  g_set_error (&execution->error, RD_ERROR, RD_ERROR_NETWORK,
               execution->rolled_back
               ? _("%s: %s; the changes already made were undone")
               : _("%s: %s; some changes could not be undone, see the operations"),
               execution->system, error->message);
}

/* JSON Pointer (RFC 6901) */

JsonNode *
rd_json_pointer (JsonNode   *root,
                 const char *pointer)
{
  g_auto (GStrv) tokens = NULL;
  JsonNode *node = root;

  if (root == NULL || pointer == NULL)
    return NULL;
  if (*pointer == '\0')
    return root;
  if (*pointer != '/')
    return NULL;

  tokens = g_strsplit (pointer + 1, "/", -1);
  for (guint i = 0; tokens[i] != NULL && node != NULL; i++)
    {
      GString *token = g_string_new (NULL);

      for (const char *p = tokens[i]; *p; p++)
        {
          if (p[0] == '~' && p[1] == '1')
            g_string_append_c (token, '/'), p++;
          else if (p[0] == '~' && p[1] == '0')
            g_string_append_c (token, '~'), p++;
          else
            g_string_append_c (token, *p);
        }

      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), token->str);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          char *end = NULL;
          guint64 index = g_ascii_strtoull (token->str, &end, 10);

          if (token->len == 0 || *end != '\0' || index >= json_array_get_length (array))
            node = NULL;
          else
            node = json_array_get_element (array, index);
        }
      else
        node = NULL;
      g_string_free (token, TRUE);
    }
  return node;
}

const char *
rd_json_pointer_get_string (JsonNode   *root,
                            const char *pointer)
{
  JsonNode *node = rd_json_pointer (root, pointer);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Ids come as numbers from some systems and strings from others. */
char *
rd_json_node_to_id (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%.0f", json_node_get_double (node));
    default:
      return NULL;
    }
}

/* The interface */

G_DEFINE_INTERFACE (RdConnector, rd_connector, G_TYPE_OBJECT)

static GQuark config_quark;
static GQuark client_quark;

static void
rd_connector_default_init (RdConnectorInterface *iface)
{
  config_quark = g_quark_from_static_string ("rd-connector-config");
  client_quark = g_quark_from_static_string ("rd-connector-client");
}

void
rd_connector_set_common (RdConnector       *self,
                         RdConnectorConfig *config,
                         RdHttpClient      *client)
{
  g_return_if_fail (RD_IS_CONNECTOR (self));
  g_return_if_fail (RD_IS_CONNECTOR_CONFIG (config));
  g_return_if_fail (RD_IS_HTTP_CLIENT (client));

  g_object_set_qdata_full (G_OBJECT (self), config_quark, g_object_ref (config), g_object_unref);
  g_object_set_qdata_full (G_OBJECT (self), client_quark, g_object_ref (client), g_object_unref);
}

RdConnectorConfig *
rd_connector_get_config (RdConnector *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR (self), NULL);
  return g_object_get_qdata (G_OBJECT (self), config_quark);
}

RdHttpClient *
rd_connector_get_client (RdConnector *self)
{
  g_return_val_if_fail (RD_IS_CONNECTOR (self), NULL);
  return g_object_get_qdata (G_OBJECT (self), client_quark);
}

RdConnector *
rd_connector_new_for_config (RdConnectorConfig  *config,
                             const char         *secret,
                             GError            **error)
{
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (config), NULL);

  if (!rd_connector_config_validate (config, error))
    return NULL;

  switch (rd_connector_config_get_kind (config))
    {
    case RD_CONNECTOR_KIND_REQUEST_TRACKER:
      return RD_CONNECTOR (rd_connector_rt_new (config, secret));
    case RD_CONNECTOR_KIND_HTTP:
      {
        g_autoptr (RdManifest) manifest =
          rd_manifest_new_from_file (rd_connector_config_get_manifest (config), error);
        if (manifest == NULL)
          return NULL;
        return RD_CONNECTOR (rd_connector_manifest_new (config, manifest, secret));
      }
    case RD_CONNECTOR_KIND_OPENDSR:
      return RD_CONNECTOR (rd_connector_opendsr_new (config, secret));
    case RD_N_CONNECTOR_KINDS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static gboolean
not_supported (RdConnector  *self,
               const char   *what,
               GError      **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
               /* Translators: the first %s is a connector name, the second an operation */
               _("Connector “%s” cannot %s"),
               rd_connector_config_get_name (rd_connector_get_config (self)), what);
  return FALSE;
}

gboolean
rd_connector_test_sync (RdConnector   *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  RdConnectorInterface *iface;

  g_return_val_if_fail (RD_IS_CONNECTOR (self), FALSE);

  iface = RD_CONNECTOR_GET_IFACE (self);
  if (iface->test == NULL)
    return not_supported (self, _("test its connection"), error);
  return iface->test (self, cancellable, error);
}

GPtrArray *
rd_connector_lookup_sync (RdConnector   *self,
                          RdSubject     *subject,
                          GCancellable  *cancellable,
                          GError       **error)
{
  RdConnectorInterface *iface;

  g_return_val_if_fail (RD_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  iface = RD_CONNECTOR_GET_IFACE (self);
  if (iface->lookup == NULL)
    {
      not_supported (self, _("look up a person"), error);
      return NULL;
    }
  return iface->lookup (self, subject, cancellable, error);
}

gboolean
rd_connector_collect_sync (RdConnector   *self,
                           RdSubject     *subject,
                           RdCollection  *collection,
                           GCancellable  *cancellable,
                           GError       **error)
{
  RdConnectorInterface *iface;

  g_return_val_if_fail (RD_IS_CONNECTOR (self), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);
  g_return_val_if_fail (collection != NULL, FALSE);

  iface = RD_CONNECTOR_GET_IFACE (self);
  if (iface->collect == NULL)
    return not_supported (self, _("collect data"), error);
  return iface->collect (self, subject, collection, cancellable, error);
}

GPtrArray *
rd_connector_plan_sync (RdConnector   *self,
                        RdRequestType  type,
                        RdSubject     *subject,
                        JsonObject    *rectification,
                        GCancellable  *cancellable,
                        GError       **error)
{
  RdConnectorInterface *iface;

  g_return_val_if_fail (RD_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  iface = RD_CONNECTOR_GET_IFACE (self);
  if (iface->plan == NULL)
    {
      not_supported (self, _("carry out requests"), error);
      return NULL;
    }
  if (type == RD_REQUEST_RECTIFICATION &&
      (rectification == NULL || json_object_get_size (rectification) == 0))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("A rectification needs the corrected values"));
      return NULL;
    }
  return iface->plan (self, type, subject, rectification, cancellable, error);
}

RdExecution *
rd_connector_execute_sync (RdConnector  *self,
                           GPtrArray    *plan,
                           GCancellable *cancellable)
{
  RdConnectorInterface *iface;
  RdExecution *execution;

  g_return_val_if_fail (RD_IS_CONNECTOR (self), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  iface = RD_CONNECTOR_GET_IFACE (self);
  if (iface->execute == NULL)
    {
      execution = rd_execution_new (rd_connector_config_get_name (rd_connector_get_config (self)));
      not_supported (self, _("carry out requests"), &execution->error);
      return execution;
    }
  return iface->execute (self, plan, cancellable);
}

/* Async wrappers: every operation runs in a GTask worker thread. */

typedef struct
{
  RdSubject     *subject;
  RdCollection  *collection;  /* not owned */
  RdRequestType  type;
  JsonObject    *rectification;
  GPtrArray     *plan;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_pointer (&data->subject, rd_subject_free);
  g_clear_pointer (&data->rectification, json_object_unref);
  g_clear_pointer (&data->plan, g_ptr_array_unref);
  g_free (data);
}

static GTask *
op_task_new (RdConnector         *self,
             gpointer             source_tag,
             RdSubject           *subject,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = g_new0 (OpData, 1);

  data->subject = subject ? rd_subject_copy (subject) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  return task;
}

static void
test_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (rd_connector_test_sync (source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rd_connector_test_async (RdConnector         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RD_IS_CONNECTOR (self));

  task = op_task_new (self, rd_connector_test_async, NULL, cancellable, callback, user_data);
  g_task_run_in_thread (task, test_worker);
}

gboolean
rd_connector_test_finish (RdConnector   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  GPtrArray *records = rd_connector_lookup_sync (source, data->subject, cancellable, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
rd_connector_lookup_async (RdConnector         *self,
                           RdSubject           *subject,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RD_IS_CONNECTOR (self));
  g_return_if_fail (subject != NULL);

  task = op_task_new (self, rd_connector_lookup_async, subject, cancellable, callback, user_data);
  g_task_run_in_thread (task, lookup_worker);
}

GPtrArray *
rd_connector_lookup_finish (RdConnector   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
collect_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;

  if (rd_connector_collect_sync (source, data->subject, data->collection, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rd_connector_collect_async (RdConnector         *self,
                            RdSubject           *subject,
                            RdCollection        *collection,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RD_IS_CONNECTOR (self));
  g_return_if_fail (subject != NULL);
  g_return_if_fail (collection != NULL);

  task = op_task_new (self, rd_connector_collect_async, subject, cancellable, callback, user_data);
  ((OpData *) g_task_get_task_data (task))->collection = collection;
  g_task_run_in_thread (task, collect_worker);
}

gboolean
rd_connector_collect_finish (RdConnector   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
plan_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpData *data = task_data;
  GError *error = NULL;
  GPtrArray *plan = rd_connector_plan_sync (source, data->type, data->subject,
                                            data->rectification, cancellable, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) g_ptr_array_unref);
}

void
rd_connector_plan_async (RdConnector         *self,
                         RdRequestType        type,
                         RdSubject           *subject,
                         JsonObject          *rectification,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (RD_IS_CONNECTOR (self));
  g_return_if_fail (subject != NULL);

  task = op_task_new (self, rd_connector_plan_async, subject, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->type = type;
  data->rectification = rectification ? object_copy (rectification) : NULL;
  g_task_run_in_thread (task, plan_worker);
}

GPtrArray *
rd_connector_plan_finish (RdConnector   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
execute_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpData *data = task_data;

  g_task_return_pointer (task, rd_connector_execute_sync (source, data->plan, cancellable),
                         (GDestroyNotify) rd_execution_free);
}

void
rd_connector_execute_async (RdConnector         *self,
                            GPtrArray           *plan,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RD_IS_CONNECTOR (self));
  g_return_if_fail (plan != NULL);

  task = op_task_new (self, rd_connector_execute_async, NULL, cancellable, callback, user_data);
  /* An execution is not abandoned half-way when the window closes: it finishes or rolls
   * back, so the worker sees the caller's cancellable only between operations. */
  g_task_set_check_cancellable (task, FALSE);
  ((OpData *) g_task_get_task_data (task))->plan = g_ptr_array_ref (plan);
  g_task_run_in_thread (task, execute_worker);
}

RdExecution *
rd_connector_execute_finish (RdConnector  *self,
                             GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), NULL);
}
