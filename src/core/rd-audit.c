/* rd-audit.c: the hash-chained audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-store-private.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Each entry's hash covers the previous hash and every field of the entry, its id included,
 * so an edited, deleted or reordered entry breaks the chain from that point on. */
static char *
entry_hash (const char *prev,
            gint64      id,
            const char *at,
            const char *actor,
            const char *case_ref,
            const char *action,
            const char *details,
            const char *payload_hash)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char id_text[32];

#define FEED(s) G_STMT_START {                                         \
    const char *v = s;                                                 \
    if (v == NULL)                                                     \
      v = "";                                                          \
    g_checksum_update (sum, (const guchar *) v, strlen (v));           \
    g_checksum_update (sum, (const guchar *) "\x1f", 1);               \
  } G_STMT_END

  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, id);
  FEED (prev);
  FEED (id_text);
  FEED (at);
  FEED (actor);
  FEED (case_ref);
  FEED (action);
  FEED (details);
  FEED (payload_hash);
#undef FEED

  return g_strdup (g_checksum_get_string (sum));
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
salted_payload (const char *payload_json)
{
  guint32 salt[4];
  g_autofree char *salt_hex = NULL;

  /* A salt keeps a short payload (a name) from being guessed back from its hash. */
  for (guint i = 0; i < G_N_ELEMENTS (salt); i++)
    salt[i] = g_random_int ();
  salt_hex = g_strdup_printf ("%08x%08x%08x%08x", salt[0], salt[1], salt[2], salt[3]);

  return g_strdup_printf ("{\"salt\":\"%s\",\"data\":%s}", salt_hex, payload_json);
}

static gboolean
step_done (RdStore       *store,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rd_store_set_error (store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (RdStore     *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (rd_store_get_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      rd_store_set_error (store, rc, _("Reading the audit trail"), error);
      return NULL;
    }
  return stmt;
}

gboolean
rd_audit_append (RdStore     *store,
                 const char  *case_ref,
                 const char  *action,
                 const char  *details_json,
                 const char  *payload_json,
                 GError     **error)
{
  sqlite3 *db = rd_store_get_db (store);
  g_autoptr (sqlite3_stmt) head = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) payload_insert = NULL;
  g_autoptr (sqlite3_stmt) head_update = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *at = rd_timestamp_now ();
  g_autofree char *payload = NULL;
  g_autofree char *payload_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 count = 0;
  gint64 id;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);   /* inside the caller's change */

  if (details_json == NULL)
    details_json = "{}";

  head = prepare (store, "SELECT count, hash FROM audit_head WHERE id = 1", error);
  if (head == NULL)
    return FALSE;
  if (sqlite3_step (head) == SQLITE_ROW)
    {
      count = sqlite3_column_int64 (head, 0);
      prev = g_strdup ((const char *) sqlite3_column_text (head, 1));
    }
  else
    prev = g_strdup (GENESIS);

  /* The chain numbers entries itself, so a deleted last entry cannot hide behind a reused id. */
  id = count + 1;

  if (payload_json != NULL)
    {
      payload = salted_payload (payload_json);
      payload_hash = sha256_hex (payload);
    }

  hash = entry_hash (prev, id, at, rd_store_get_actor (store), case_ref, action, details_json,
                     payload_hash);

  insert = prepare (store,
                    "INSERT INTO audit_events (id, at, actor, case_ref, action, details,"
                    " payload_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, rd_store_get_actor (store), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, case_ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, details_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, payload_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, hash, -1, SQLITE_STATIC);
  if (!step_done (store, insert, _("Writing the audit trail"), error))
    return FALSE;

  if (payload != NULL)
    {
      payload_insert = prepare (store,
                                "INSERT INTO audit_payloads (event_id, payload) VALUES (?, ?)",
                                error);
      if (payload_insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (payload_insert, 1, id);
      sqlite3_bind_text (payload_insert, 2, payload, -1, SQLITE_STATIC);
      if (!step_done (store, payload_insert, _("Writing the audit trail"), error))
        return FALSE;
    }

  head_update = prepare (store,
                         "INSERT INTO audit_head (id, count, hash) VALUES (1, ?1, ?2)"
                         " ON CONFLICT (id) DO UPDATE SET count = ?1, hash = ?2",
                         error);
  if (head_update == NULL)
    return FALSE;
  sqlite3_bind_int64 (head_update, 1, id);
  sqlite3_bind_text (head_update, 2, hash, -1, SQLITE_STATIC);
  return step_done (store, head_update, _("Writing the audit trail"), error);
}

RdAuditReport *
rd_audit_verify (RdStore  *store,
                 GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) head = NULL;
  g_autoptr (RdAuditReport) report = g_new0 (RdAuditReport, 1);
  g_autofree char *prev = g_strdup (GENESIS);
  gint64 expected_id = 1;
  int rc;

  stmt = prepare (store,
                  "SELECT e.id, e.at, e.actor, e.case_ref, e.action, e.details, e.payload_hash,"
                  " e.hash, p.payload FROM audit_events e"
                  " LEFT JOIN audit_payloads p ON p.event_id = e.id ORDER BY e.id",
                  error);
  if (stmt == NULL)
    return NULL;

  report->intact = TRUE;

#define BROKEN(id_, ...) G_STMT_START {                     \
    report->intact = FALSE;                                 \
    report->first_broken = (id_);                           \
    report->problem = g_strdup_printf (__VA_ARGS__);        \
    return g_steal_pointer (&report);                       \
  } G_STMT_END

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *payload_hash = (const char *) sqlite3_column_text (stmt, 6);
      const char *stored = (const char *) sqlite3_column_text (stmt, 7);
      const char *payload = (const char *) sqlite3_column_text (stmt, 8);
      g_autofree char *hash = NULL;

      if (id != expected_id)
        BROKEN (expected_id, _("entry %" G_GINT64_FORMAT " is missing"), expected_id);

      hash = entry_hash (prev, id,
                         (const char *) sqlite3_column_text (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         (const char *) sqlite3_column_text (stmt, 4),
                         (const char *) sqlite3_column_text (stmt, 5),
                         payload_hash);

      if (stored == NULL || !g_str_equal (hash, stored))
        BROKEN (id, _("entry %" G_GINT64_FORMAT " was changed or moved"), id);

      if (payload != NULL)
        {
          g_autofree char *actual = sha256_hex (payload);

          if (payload_hash == NULL || !g_str_equal (actual, payload_hash))
            BROKEN (id, _("the details of entry %" G_GINT64_FORMAT " were changed"), id);
        }

      g_free (prev);
      prev = g_strdup (stored);
      expected_id++;
      report->n_events++;
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (store, rc, _("Reading the audit trail"), error);
      return NULL;
    }

  head = prepare (store, "SELECT count, hash FROM audit_head WHERE id = 1", error);
  if (head == NULL)
    return NULL;

  if (sqlite3_step (head) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (head, 0);

      if (count != (gint64) report->n_events ||
          !g_str_equal (prev, (const char *) sqlite3_column_text (head, 1)))
        BROKEN (report->n_events + 1,
                _("the trail ends at entry %" G_GINT64_FORMAT " but %" G_GINT64_FORMAT
                  " were written"), (gint64) report->n_events, count);
    }
  else if (report->n_events > 0)
    BROKEN (1, "%s", _("the record of the trail’s last entry is missing"));

#undef BROKEN

  return g_steal_pointer (&report);
}

static char *
payload_data (const char *stored)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonNode *data;

  if (stored == NULL || !json_parser_load_from_data (parser, stored, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  data = json_object_get_member (object, "data");
  return data ? json_to_string (data, FALSE) : NULL;
}

GPtrArray *
rd_audit_list_for_case (RdStore     *store,
                        const char  *case_ref,
                        GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_audit_event_free);
  int rc;

  g_return_val_if_fail (case_ref != NULL, NULL);

  stmt = prepare (store,
                  "SELECT e.id, e.at, e.actor, e.case_ref, e.action, e.details, e.hash,"
                  " p.payload FROM audit_events e"
                  " LEFT JOIN audit_payloads p ON p.event_id = e.id"
                  " WHERE e.case_ref = ? ORDER BY e.id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, case_ref, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdAuditEvent *event = g_new0 (RdAuditEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      event->case_ref = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      event->action = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      event->details = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      event->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      event->payload = payload_data ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (store, rc, _("Reading the audit trail"), error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

gboolean
rd_audit_forget_payloads (RdStore     *store,
                          const char  *case_ref,
                          GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (store,
                  "DELETE FROM audit_payloads WHERE event_id IN"
                  " (SELECT id FROM audit_events WHERE case_ref = ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, case_ref, -1, SQLITE_STATIC);
  return step_done (store, stmt, _("Purging the audit details"), error);
}

void
rd_audit_event_free (RdAuditEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->at);
  g_free (event->actor);
  g_free (event->case_ref);
  g_free (event->action);
  g_free (event->details);
  g_free (event->payload);
  g_free (event->hash);
  g_free (event);
}

void
rd_audit_report_free (RdAuditReport *report)
{
  if (report == NULL)
    return;
  g_free (report->problem);
  g_free (report);
}
