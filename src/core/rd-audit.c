/* rd-audit.c: the hash-chained audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-json-load.h"
#include "rd-store-private.h"


G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Each entry's hash covers the previous hash and every field of the entry, its number
 * included, so an edited, deleted or reordered entry breaks the chain from that point on. */
static void
entry_hash (const guint8  prev[32],
            gint64        id,
            const char   *at,
            const char   *actor,
            const char   *case_ref,
            const char   *action,
            const char   *details,
            const guint8 *payload_hash,
            guint8        out[32])
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char id_text[32];
  gsize len = 32;

#define FEED(s) G_STMT_START {                                         \
    const char *v = s;                                                 \
    if (v == NULL)                                                     \
      v = "";                                                          \
    g_checksum_update (sum, (const guchar *) v, strlen (v));           \
    g_checksum_update (sum, (const guchar *) "\x1f", 1);               \
  } G_STMT_END

  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, id);
  g_checksum_update (sum, prev, 32);
  FEED (id_text);
  FEED (at);
  FEED (actor);
  FEED (case_ref);
  FEED (action);
  FEED (details);
  if (payload_hash != NULL)
    g_checksum_update (sum, payload_hash, 32);
#undef FEED

  g_checksum_get_digest (sum, out, &len);
}

static void
sha256 (const char *text,
        guint8      out[32])
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 32;

  g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (sum, out, &len);
}

static char *
hex (const guint8 *bytes,
     gsize         n)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (n * 2 + 1);

  for (gsize i = 0; i < n; i++)
    {
      out[2 * i] = digits[bytes[i] >> 4];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  out[n * 2] = '\0';
  return out;
}

static char *
salted_payload (const char *payload_json)
{
  guint32 salt[4];

  /* A salt keeps a short payload (a name) from being guessed back from its hash. */
  for (guint i = 0; i < G_N_ELEMENTS (salt); i++)
    salt[i] = g_random_int ();

  return g_strdup_printf ("{\"salt\":\"%08x%08x%08x%08x\",\"data\":%s}",
                          salt[0], salt[1], salt[2], salt[3], payload_json);
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

static gboolean
load_head (RdStore      *store,
           RdAuditHead  *head,
           GError      **error)
{
  g_autoptr (CachedStmt) stmt = NULL;

  stmt = rd_store_prepare_cached (store, "SELECT count, hash FROM audit_head WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;

  memset (head, 0, sizeof *head);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == 32)
    {
      head->count = sqlite3_column_int64 (stmt, 0);
      memcpy (head->hash, sqlite3_column_blob (stmt, 1), 32);
    }
  head->valid = TRUE;
  return TRUE;
}

gboolean
rd_audit_flush_head (RdStore  *store,
                     GError  **error)
{
  RdAuditHead *head = rd_store_get_audit_head (store);
  g_autoptr (CachedStmt) stmt = NULL;

  if (!head->dirty)
    return TRUE;

  stmt = rd_store_prepare_cached (store,
                                  "INSERT INTO audit_head (id, count, hash) VALUES (1, ?1, ?2)"
                                  " ON CONFLICT (id) DO UPDATE SET count = ?1, hash = ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, head->count);
  sqlite3_bind_blob (stmt, 2, head->hash, 32, SQLITE_STATIC);
  if (!step_done (store, stmt, _("Writing the audit trail"), error))
    return FALSE;

  head->dirty = FALSE;
  return TRUE;
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
  RdAuditHead *head = rd_store_get_audit_head (store);
  g_autoptr (CachedStmt) insert = NULL;
  g_autoptr (CachedStmt) payload_insert = NULL;
  g_autofree char *at = rd_timestamp_now ();
  g_autofree char *payload = NULL;
  guint8 payload_hash[32];
  guint8 hash[32];
  gint64 id;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);   /* inside the caller's change */

  if (details_json == NULL)
    details_json = "{}";

  if (!head->valid && !load_head (store, head, error))
    return FALSE;

  /* The chain numbers its entries itself, so a deleted last entry cannot hide behind an id
   * that SQLite hands out again. */
  id = head->count + 1;

  if (payload_json != NULL)
    {
      payload = salted_payload (payload_json);
      sha256 (payload, payload_hash);
    }

  entry_hash (head->hash, id, at, rd_store_get_actor (store), case_ref, action, details_json,
              payload ? payload_hash : NULL, hash);

  insert = rd_store_prepare_cached (store,
                                    "INSERT INTO audit_events (id, at, actor, case_ref, action,"
                                    " details, payload_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, rd_store_get_actor (store), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, case_ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, details_json, -1, SQLITE_STATIC);
  if (payload != NULL)
    sqlite3_bind_blob (insert, 7, payload_hash, 32, SQLITE_STATIC);
  sqlite3_bind_blob (insert, 8, hash, 32, SQLITE_STATIC);
  if (!step_done (store, insert, _("Writing the audit trail"), error))
    return FALSE;

  if (payload != NULL)
    {
      payload_insert = rd_store_prepare_cached (store,
                                                "INSERT INTO audit_payloads (event_id, payload)"
                                                " VALUES (?, ?)",
                                                error);
      if (payload_insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (payload_insert, 1, id);
      sqlite3_bind_text (payload_insert, 2, payload, -1, SQLITE_STATIC);
      if (!step_done (store, payload_insert, _("Writing the audit trail"), error))
        return FALSE;
    }

  head->count = id;
  memcpy (head->hash, hash, 32);
  head->dirty = TRUE;

  /* Outside bulk work the head is written at once; bulk writers write it before commit. */
  return rd_store_get_bulk (store) || rd_audit_flush_head (store, error);
}

RdAuditReport *
rd_audit_verify (RdStore  *store,
                 GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) head = NULL;
  g_autoptr (RdAuditReport) report = g_new0 (RdAuditReport, 1);
  guint8 prev[32] = { 0 };
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
      const guint8 *payload_hash = sqlite3_column_blob (stmt, 6);
      const guint8 *stored = sqlite3_column_blob (stmt, 7);
      const char *payload = (const char *) sqlite3_column_text (stmt, 8);
      guint8 hash[32];

      if (id != expected_id)
        BROKEN (expected_id, _("entry %" PRId64 " is missing"), expected_id);

      if (payload_hash != NULL && sqlite3_column_bytes (stmt, 6) != 32)
        BROKEN (id, _("entry %" PRId64 " was changed or moved"), id);

      entry_hash (prev, id,
                  (const char *) sqlite3_column_text (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2),
                  (const char *) sqlite3_column_text (stmt, 3),
                  (const char *) sqlite3_column_text (stmt, 4),
                  (const char *) sqlite3_column_text (stmt, 5),
                  payload_hash, hash);

      if (stored == NULL || sqlite3_column_bytes (stmt, 7) != 32 || memcmp (hash, stored, 32) != 0)
        BROKEN (id, _("entry %" PRId64 " was changed or moved"), id);

      if (payload != NULL)
        {
          guint8 actual[32];

          sha256 (payload, actual);
          if (payload_hash == NULL || memcmp (actual, payload_hash, 32) != 0)
            BROKEN (id, _("the details of entry %" PRId64 " were changed"), id);
        }

      memcpy (prev, hash, 32);
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

      if (count != (gint64) report->n_events || sqlite3_column_bytes (head, 1) != 32 ||
          memcmp (prev, sqlite3_column_blob (head, 1), 32) != 0)
        BROKEN ((gint64) report->n_events + 1,
                _("the trail ends at entry %" PRId64 " but %" PRId64
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

  if (stored == NULL || !rd_json_load_data (parser, stored, -1, NULL, NULL))
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
      event->hash = hex (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
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
