/* rd-store.c: cases in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-store"
#define _GNU_SOURCE  /* F_OFD_SETLK */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rd-calendar.h"
#include "rd-case-private.h"
#include "rd-client-private.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-error.h"
#include "rd-json-load.h"
#include "rd-json-writer.h"
#include "rd-jurisdiction.h"
#include "rd-redaction.h"
#include "rd-store-private.h"

struct _RdStore
{
  GObject   parent_instance;
  char     *path;
  char     *actor;
  sqlite3  *db;
  int       lock_fd;  /* holds open_lock_hold (), or -1 */
  gboolean  bulk;
  /* Prepared statements by their SQL text (static strings), reused across calls: preparing
   * costs more than running a small statement, and bulk writers run millions of them. */
  GHashTable *statements;
  /* Clients by name: every deadline needs its client's SLA, and there are few clients. */
  GHashTable *clients;
  /* Bulk mode: the first case added since it began, indexed for search in one go. */
  gint64      bulk_first_id;
  GHashTable *bulk_sequences;   /* year → last number handed out in this bulk transaction */
  RdAuditHead audit_head;
};

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

enum {
  CASE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Lists of e-mails, phones and account ids are kept one per line: cheap to split when a
 * million rows are listed, and none of them can contain a newline. */
#define LIST_SEPARATOR "\n"

/* ------------------------------------------------------------------------------------------ */
/* Schema: each entry brings the database from version i to i + 1. Never edit a released one;
 * add a new step instead (tests/test-store.c migrates from every earlier version). */

static const char * const migrations[RD_STORE_SCHEMA_VERSION] = {
  /* 1: clients, cases, the clock, notes, the audit trail */
  "CREATE TABLE clients ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  jurisdiction TEXT NOT NULL,"
  "  calendar TEXT,"
  "  sla_days INTEGER NOT NULL DEFAULT 0 CHECK (sla_days >= 0),"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  type TEXT NOT NULL,"
  "  jurisdiction TEXT NOT NULL,"
  "  calendar TEXT NOT NULL,"
  "  channel TEXT NOT NULL,"
  "  received INTEGER NOT NULL,"
  "  subject_name TEXT,"
  "  subject_emails TEXT,"
  "  subject_phones TEXT,"
  "  subject_address TEXT,"
  "  subject_accounts TEXT,"
  "  assignee TEXT,"
  "  status TEXT NOT NULL,"
  "  outcome TEXT NOT NULL DEFAULT 'none',"
  "  outcome_reason TEXT,"
  "  response_date INTEGER,"
  "  extended INTEGER NOT NULL DEFAULT 0,"
  "  paused_since INTEGER,"
  "  restart_date INTEGER,"
  "  due INTEGER NOT NULL,"
  "  extended_due INTEGER,"
  "  acknowledge_by INTEGER,"
  "  extension_notice_by INTEGER,"
  "  effective_due INTEGER NOT NULL,"
  "  internal_due INTEGER NOT NULL,"
  "  citation TEXT NOT NULL,"
  "  purged_at TEXT);"
  "CREATE INDEX cases_due ON cases (effective_due);"
  "CREATE INDEX cases_open_due ON cases (effective_due)"
  "  WHERE status NOT IN ('closed', 'withdrawn', 'rejected');"
  "CREATE INDEX cases_client ON cases (client_id, received);"
    "CREATE TABLE clock_events ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('pause', 'resume', 'restart', 'extend')),"
  "  on_date INTEGER NOT NULL,"
  "  reason TEXT,"
  "  created_at TEXT NOT NULL);"
  "CREATE INDEX clock_events_case ON clock_events (case_id);"
  "CREATE TABLE notes ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  author TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  text TEXT NOT NULL);"
  "CREATE INDEX notes_case ON notes (case_id);"
  "CREATE TABLE audit_events ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  case_ref TEXT,"
  "  action TEXT NOT NULL,"
  "  details TEXT NOT NULL,"
  "  payload_hash BLOB,"
  "  hash BLOB NOT NULL);"
  "CREATE INDEX audit_events_case ON audit_events (case_ref);"
  "CREATE TABLE audit_payloads ("
  "  event_id INTEGER PRIMARY KEY REFERENCES audit_events (id),"
  "  payload TEXT NOT NULL);"
  "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  count INTEGER NOT NULL, hash BLOB NOT NULL);",

  /* 2: full-text search over references, names, e-mails and notes */
  "CREATE VIRTUAL TABLE case_search USING fts5 ("
  "  reference, names, emails, notes,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO case_search (rowid, reference, names, emails, notes)"
  "  SELECT c.id, c.reference, coalesce (c.subject_name, ''),"
  "         replace (coalesce (c.subject_emails, ''), char (10), ' '),"
  "         coalesce ((SELECT group_concat (n.text, ' ') FROM notes n WHERE n.case_id = c.id), '')"
  "  FROM cases c;",

  /* 3: documents attached to cases, and holiday calendars imported from iCalendar */
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  mime_type TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  bytes INTEGER NOT NULL,"
  "  source TEXT,"
  "  content BLOB,"
  "  created_at TEXT NOT NULL,"
  "  retain_until TEXT,"
  "  purged_at TEXT);"
  "CREATE INDEX documents_case ON documents (case_id);"
  "CREATE TABLE imported_calendars ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  ics TEXT NOT NULL,"
  "  imported_at TEXT NOT NULL);",

  /* 4: redaction decisions on transcripts (offsets only: never the text they cover) */
  "CREATE TABLE redactions ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL CHECK (end >= start),"
  "  entity TEXT NOT NULL,"
  "  reason TEXT,"
  "  state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'rejected')),"
  "  subject INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX redactions_document ON redactions (document_id, start);",

  /* 5: client systems (their secrets live in the keyring, never here) and identity checks */
  "CREATE TABLE connectors ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  name TEXT NOT NULL UNIQUE,"
  "  config TEXT NOT NULL,"
  "  last_ok INTEGER,"
  "  last_message TEXT,"
  "  last_at TEXT);"
  "CREATE TABLE verification_checks ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  outcome TEXT NOT NULL,"
  "  record TEXT NOT NULL,"
  "  reason TEXT,"
  "  checked_at TEXT NOT NULL);"
  "CREATE INDEX verification_checks_case ON verification_checks (case_id);",

  /* 6: each client's records of processing, which access responses quote (GDPR Art. 30) */
  "CREATE TABLE client_records ("
  "  client_id INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,"
  "  controller TEXT,"
  "  dpo TEXT,"
  "  purposes TEXT,"
  "  data_categories TEXT,"
  "  recipients TEXT,"
  "  transfers TEXT,"
  "  retention TEXT,"
  "  sources TEXT,"
  "  automated_decisions TEXT,"
  "  authority TEXT,"
  "  updated_at TEXT NOT NULL);",

  /* 7: a client's policy for ID documents after the check: days a redacted copy is kept (NULL:
   * none is kept, the document is purged at once) */
  "ALTER TABLE clients ADD COLUMN id_copy_days INTEGER CHECK (id_copy_days > 0);",
};

/* The indexes a bulk load may drop and build again at its end (sorting once is far cheaper
 * than a million random insertions). Opening a database recreates any that are missing, so a
 * bulk load killed half-way leaves nothing worse than a slower first open. */
static const char secondary_indexes[] =
  "CREATE INDEX IF NOT EXISTS cases_due ON cases (effective_due);"
  "CREATE INDEX IF NOT EXISTS cases_open_due ON cases (effective_due)"
  "  WHERE status NOT IN ('closed', 'withdrawn', 'rejected');"
  "CREATE INDEX IF NOT EXISTS cases_client ON cases (client_id, received);"
  "CREATE INDEX IF NOT EXISTS audit_events_case ON audit_events (case_ref);";

/* ------------------------------------------------------------------------------------------ */

/* SQLite's SHARED lock on a database file is a read lock on these bytes, and the EXCLUSIVE
 * lock a write lock on them (os_unix.c: PENDING_BYTE + 2, SHARED_SIZE). */
#define SQLITE_SHARED_FIRST (0x40000000 + 2)
#define SQLITE_SHARED_SIZE  510

/* fcntl () locks belong to the process: when anything in it opens the database file and
 * closes it again (GTK's file chooser reading its first bytes for its type), all the
 * process's locks on it go, SQLite's too. Another program closing its connection then takes
 * itself for the last user, and deletes the write-ahead log this process still writes to.
 * A lock on an open file description stays until that description is closed: a read lock
 * on SQLite's SHARED bytes keeps every other connection from the EXCLUSIVE lock with which
 * it would find itself the last. */
static void
open_lock_hold (RdStore *self)
{
#ifdef F_OFD_SETLK
  struct flock lock = {
    .l_type = F_RDLCK, .l_whence = SEEK_SET,
    .l_start = SQLITE_SHARED_FIRST, .l_len = SQLITE_SHARED_SIZE,
  };

  /* Kept open even if the lock fails: closing it would drop SQLite's locks too. */
  self->lock_fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (self->lock_fd >= 0 && fcntl (self->lock_fd, F_OFD_SETLK, &lock) != 0)
    g_debug ("Could not lock “%s” against other programs: %s", self->path, g_strerror (errno));
#endif
}

/* Before the connection closes, so that it can tell whether it is the last. */
static void
open_lock_release (RdStore *self)
{
#ifdef F_OFD_SETLK
  struct flock unlock = {
    .l_type = F_UNLCK, .l_whence = SEEK_SET,
    .l_start = SQLITE_SHARED_FIRST, .l_len = SQLITE_SHARED_SIZE,
  };

  if (self->lock_fd >= 0)
    fcntl (self->lock_fd, F_OFD_SETLK, &unlock);
#endif
}

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = RD_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->bulk_sequences, g_hash_table_unref);
  open_lock_release (self);
  g_clear_pointer (&self->db, sqlite3_close);
  /* Only now: closing it drops the process's fcntl () locks, SQLite's among them. */
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_store_finalize;

  /**
   * RdStore::case-changed:
   * @reference: the case that was added or changed
   *
   * Emitted after the change is committed.
   */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rd_store_init (RdStore *self)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  self->actor = g_strdup (name);
  self->lock_fd = -1;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->bulk_sequences = g_hash_table_new (NULL, NULL);
}

void
rd_store_set_error (RdStore     *self,
                    int          rc,
                    const char  *what,
                    GError     **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, RD_ERROR, RD_ERROR_DATABASE,
                   _("“%s” is not a Rights Desk database"), self->path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, RD_ERROR, RD_ERROR_DATABASE,
                   _("The database “%s” is damaged (%s)"), self->path, detail);
      break;
    case SQLITE_READONLY:
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   _("The database “%s” is read-only; nothing was changed"), self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   _("The disk holding “%s” is full; nothing was changed"), self->path);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   _("Could not use the database “%s”: %s"), self->path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RD_ERROR, RD_ERROR_DATABASE,
                   _("The database “%s” is busy with another change; try again"), self->path);
      break;
    default:
      /* Translators: the first %s says what was being done, the second is SQLite's reason */
      g_set_error (error, RD_ERROR, RD_ERROR_DATABASE, _("%s failed: %s"), what, detail);
    }
}

gboolean
rd_store_exec (RdStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      rd_store_set_error (self, rc, _("Updating the database"), error);
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_store_begin (RdStore  *self,
                GError  **error)
{
  /* Another process may have appended to the audit chain since our last transaction. */
  self->audit_head.valid = FALSE;
  return rd_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rd_store_commit (RdStore  *self,
                 GError  **error)
{
  if (self->audit_head.dirty && !rd_audit_flush_head (self, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }

  self->audit_head.valid = FALSE;
  if (!rd_store_exec (self, "COMMIT", error))
    {
      rd_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
rd_store_rollback (RdStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_hash_table_remove_all (self->clients);
  g_hash_table_remove_all (self->bulk_sequences);
  self->bulk_first_id = 0;
  self->audit_head.valid = FALSE;
  self->audit_head.dirty = FALSE;
}

RdAuditHead *
rd_store_get_audit_head (RdStore *self)
{
  return &self->audit_head;
}

gboolean
rd_store_get_bulk (RdStore *self)
{
  return self->bulk;
}

sqlite3 *
rd_store_get_db (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->db;
}

void
rd_store_set_bulk (RdStore  *self,
                   gboolean  bulk)
{
  g_return_if_fail (RD_IS_STORE (self));
  self->bulk = !!bulk;
  self->bulk_first_id = 0;
  g_hash_table_remove_all (self->bulk_sequences);

  /* Bulk writes revisit the same index pages over and over: keep more of them, and copy
   * them from the write-ahead log into the database less often (every 40 MB of log rather
   * than every 4 MB), so a page changed by many batches is copied once. Afterwards, the
   * settings the store opens with. */
  sqlite3_exec (self->db,
                bulk ? "PRAGMA cache_size = -16000; PRAGMA wal_autocheckpoint = 10000"
                     : "PRAGMA cache_size = -8000; PRAGMA wal_autocheckpoint = 1000",
                NULL, NULL, NULL);
}

gboolean
rd_store_drop_indexes (RdStore  *self,
                       GError  **error)
{
  return rd_store_exec (self,
                        "DROP INDEX IF EXISTS cases_due;"
                        "DROP INDEX IF EXISTS cases_open_due;"
                        "DROP INDEX IF EXISTS cases_client;"
                        "DROP INDEX IF EXISTS audit_events_case;",
                        error);
}

gboolean
rd_store_ensure_indexes (RdStore  *self,
                         GError  **error)
{
  return rd_store_exec (self, secondary_indexes, error);
}

gboolean
rd_store_flush_bulk (RdStore  *self,
                     GError  **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk, FALSE);

  if (g_hash_table_size (self->bulk_sequences) > 0)
    {
      GHashTableIter iter;
      gpointer year, last;

      g_hash_table_iter_init (&iter, self->bulk_sequences);
      while (g_hash_table_iter_next (&iter, &year, &last))
        {
          g_autoptr (CachedStmt) seq = NULL;

          seq = rd_store_prepare_cached (self, "UPDATE sequences SET last = ? WHERE year = ?",
                                         error);
          if (seq == NULL)
            return FALSE;
          sqlite3_bind_int64 (seq, 1, (gint64) GPOINTER_TO_SIZE (last));
          sqlite3_bind_int (seq, 2, GPOINTER_TO_UINT (year));
          rc = sqlite3_step (seq);
          if (rc != SQLITE_DONE)
            {
              rd_store_set_error (self, rc, _("Numbering the cases"), error);
              return FALSE;
            }
        }
      g_hash_table_remove_all (self->bulk_sequences);
    }

  if (self->bulk_first_id == 0)
    return TRUE;

  /* One statement indexes the whole batch: much cheaper than a row at a time. */
  stmt = rd_store_prepare_cached (self,
                                  "INSERT INTO case_search (rowid, reference, names, emails, notes)"
                                  " SELECT c.id, c.reference, coalesce (c.subject_name, ''),"
                                  "  replace (coalesce (c.subject_emails, ''), char (10), ' '), ''"
                                  " FROM cases c WHERE c.id >= ?",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->bulk_first_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Indexing the cases"), error);
      return FALSE;
    }

  self->bulk_first_id = 0;
  return TRUE;
}

static sqlite3_stmt *
prepare (RdStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, 0, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      rd_store_set_error (self, rc, _("Reading the database"), error);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3_stmt *
rd_store_prepare_cached (RdStore     *self,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error (self, rc, _("Reading the database"), error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Civil dates are stored as Julian day numbers (GDate's): a third of the bytes of the text
 * form in a million rows and their indexes, and they compare the same way. */
static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           const GDate  *date)
{
  if (date == NULL || !g_date_valid (date))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, (int) g_date_get_julian (date));
}

static void
bind_list (sqlite3_stmt       *stmt,
           int                 index,
           const char * const *values)
{
  g_autofree char *joined = NULL;

  if (values == NULL || values[0] == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  joined = g_strjoinv (LIST_SEPARATOR, (char **) values);
  sqlite3_bind_text (stmt, index, joined, -1, SQLITE_TRANSIENT);
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *out)
{
  guint64 julian = 0;

  g_date_clear (out, 1);
  if (sqlite3_column_type (stmt, column) == SQLITE_INTEGER)
    julian = sqlite3_column_int64 (stmt, column);
  /* A column declared TEXT (documents.retain_until) stores the bound day number as text. */
  else if (sqlite3_column_type (stmt, column) == SQLITE_TEXT &&
           !g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, column), 10, 1,
                                        G_MAXUINT32, &julian, NULL))
    julian = 0;

  if (julian > 0 && g_date_valid_julian ((guint32) julian))
    g_date_set_julian (out, (guint32) julian);
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GStrv
column_list (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || *text == '\0')
    return NULL;

  return g_strsplit (text, LIST_SEPARATOR, -1);
}

/* ------------------------------------------------------------------------------------------ */
/* Opening */

static int
read_user_version (RdStore *self,
                   int     *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
migrate (RdStore  *self,
         int       from,
         int       to,
         GError  **error)
{
  for (int v = from; v < to; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!rd_store_begin (self, error))
        return FALSE;

      if (!rd_store_exec (self, migrations[v], error) ||
          !rd_store_exec (self, bump, error))
        {
          rd_store_rollback (self);
          g_prefix_error (error, _("Could not bring the database up to version %d: "), v + 1);
          return FALSE;
        }

      if (!rd_store_commit (self, error))
        return FALSE;
    }

  return TRUE;
}

static void     load_imported_calendars (RdStore  *self);
static gboolean empty_log               (RdStore  *self,
                                         GError  **error);

static RdStore *
open_store (const char  *path,
            int          target_version,
            GError     **error)
{
  g_autoptr (RdStore) self = NULL;
  g_autofree char *dir = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RD_ERROR, RD_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error (self, rc, _("Opening the database"), error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* The first read tells a database from any other file. */
  rc = read_user_version (self, &version);
  if (rc != SQLITE_OK)
    {
      rd_store_set_error (self, rc, _("Opening the database"), error);
      return NULL;
    }

  if (version > RD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Rights Desk "
                     "(schema %d; this version reads up to %d)"),
                   path, version, RD_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (version == 0 && !sqlite3_db_readonly (self->db, "main"))
    {
      /* A database file of another application also has user_version 0. */
      g_autoptr (sqlite3_stmt) stmt = prepare (self, "SELECT count(*) FROM sqlite_schema", error);

      if (stmt == NULL)
        return NULL;
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_DATABASE,
                       _("“%s” is not a Rights Desk database"), path);
          return NULL;
        }
    }

  /* WAL keeps readers (the window) and a writer (the CLI, an import) out of each other's way;
   * secure_delete overwrites what a purge removes instead of leaving it in free pages. */
  if (!rd_store_exec (self,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA secure_delete = ON;"
                      "PRAGMA cache_size = -8000;",
                      error))
    return NULL;

  if (version < target_version && !migrate (self, version, target_version, error))
    return NULL;

  if (target_version >= 1 && !sqlite3_db_readonly (self->db, "main") &&
      !rd_store_exec (self, secondary_indexes, error))
    return NULL;

  /* After the switch to WAL, which needs the EXCLUSIVE lock this keeps others from. */
  open_lock_hold (self);

  if (target_version >= 3)
    load_imported_calendars (self);

  return g_steal_pointer (&self);
}

char *
rd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rightsdesk", "cases.db", NULL);
}

RdStore *
rd_store_open (const char  *path,
               GError     **error)
{
  return open_store (path, RD_STORE_SCHEMA_VERSION, error);
}

RdStore *
rd_store_open_at_version (const char  *path,
                          int          version,
                          GError     **error)
{
  g_return_val_if_fail (version >= 0 && version <= RD_STORE_SCHEMA_VERSION, NULL);
  return open_store (path, version, error);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->path;
}

const char *
rd_store_get_actor (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->actor;
}

void
rd_store_set_actor (RdStore    *self,
                    const char *actor)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (actor != NULL && *actor != '\0');
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

void
rd_store_set_cache_kib (RdStore *self,
                        guint    kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (kib > 0);

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Clients */

static RdClient *
client_from_row (sqlite3_stmt *stmt)
{
  RdClient *client = rd_client_new ((const char *) sqlite3_column_text (stmt, 1));

  client->id = sqlite3_column_int64 (stmt, 0);
  rd_client_set_jurisdiction (client, (const char *) sqlite3_column_text (stmt, 2));
  rd_client_set_calendar (client, (const char *) sqlite3_column_text (stmt, 3));
  client->sla_days = sqlite3_column_int (stmt, 4);
  return client;
}

#define CLIENT_COLUMNS "id, name, jurisdiction, calendar, sla_days"

/* Callers may change what they get; the cache keeps its own copy. */
static RdClient *
copy_client (RdClient *client)
{
  RdClient *copy = rd_client_new (client->name);

  copy->id = client->id;
  rd_client_set_jurisdiction (copy, client->jurisdiction);
  rd_client_set_calendar (copy, client->calendar);
  copy->sla_days = client->sla_days;
  return copy;
}

RdClient *
rd_store_get_client (RdStore     *self,
                     const char  *name,
                     GError     **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  RdClient *client;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  client = g_hash_table_lookup (self->clients, name);
  if (client != NULL)
    return copy_client (client);

  stmt = rd_store_prepare_cached (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE name = ?",
                                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no client “%s”"), name);
      return NULL;
    }

  client = client_from_row (stmt);
  g_hash_table_replace (self->clients, g_strdup (name), client);
  return copy_client (client);
}

GPtrArray *
rd_store_list_clients (RdStore  *self,
                       GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clients, client_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Listing the clients"), error);
      return NULL;
    }

  return g_steal_pointer (&clients);
}

static gboolean
validate_client (RdClient  *client,
                 GError   **error)
{
  g_autoptr (RdJurisdiction) jurisdiction = NULL;

  if (client->name == NULL || *g_strstrip (client->name) == '\0')
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("A client needs a name"));
      return FALSE;
    }

  jurisdiction = rd_jurisdiction_lookup (client->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  if (client->calendar != NULL)
    {
      g_autoptr (RdCalendar) calendar = rd_calendar_lookup (client->calendar, error);
      if (calendar == NULL)
        return FALSE;
    }

  return TRUE;
}

gboolean
rd_store_save_client (RdStore   *self,
                      RdClient  *client,
                      GError   **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = rd_timestamp_now ();
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CLIENT (client), FALSE);

  if (!validate_client (client, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT INTO clients (name, jurisdiction, calendar, sla_days, created_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)"
                  " ON CONFLICT (name) DO UPDATE SET jurisdiction = ?2, calendar = ?3,"
                  " sla_days = ?4 RETURNING id",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, client->name);
  bind_text (stmt, 2, client->jurisdiction);
  bind_text (stmt, 3, client->calendar);
  sqlite3_bind_int (stmt, 4, client->sla_days);
  bind_text (stmt, 5, now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error (self, rc, _("Saving the client"), error);
      return FALSE;
    }

  client->id = sqlite3_column_int64 (stmt, 0);
  /* A rolled-back transaction could leave a stale entry: reload on next use. */
  g_hash_table_remove (self->clients, client->name);
  return TRUE;
}

typedef struct
{
  char   *id;
  guint   count;
  gint64  last;   /* the latest case that used it */
} Usage;

static void
usage_free (gpointer data)
{
  Usage *usage = data;

  g_free (usage->id);
  g_free (usage);
}

/* Counts @count more cases, the latest @last, for @id in @usages. */
static void
usage_add (GPtrArray  *usages,
           const char *id,
           guint       count,
           gint64      last)
{
  Usage *usage = NULL;

  for (guint i = 0; i < usages->len && usage == NULL; i++)
    if (g_strcmp0 (((Usage *) usages->pdata[i])->id, id) == 0)
      usage = usages->pdata[i];
  if (usage == NULL)
    {
      usage = g_new0 (Usage, 1);
      usage->id = g_strdup (id);
      g_ptr_array_add (usages, usage);
    }
  usage->count += count;
  usage->last = MAX (usage->last, last);
}

/* The most used; of equals, the one used last. */
static const Usage *
usage_most (GPtrArray *usages)
{
  const Usage *best = NULL;

  for (guint i = 0; i < usages->len; i++)
    {
      const Usage *usage = usages->pdata[i];

      if (best == NULL || usage->count > best->count
          || (usage->count == best->count && usage->last > best->last))
        best = usage;
    }
  return best;
}

char *
rd_store_get_usual_jurisdiction (RdStore     *self,
                                 const char  *client,
                                 char       **calendar,
                                 GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) jurisdictions = g_ptr_array_new_with_free_func (usage_free);
  g_autoptr (GPtrArray) calendars = g_ptr_array_new_with_free_func (usage_free);
  g_autoptr (RdJurisdiction) law = NULL;
  const Usage *usual, *usual_calendar;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  if (calendar != NULL)
    *calendar = NULL;

  /* One row per law and calendar, however many cases the client has. */
  stmt = prepare (self,
                  "SELECT c.jurisdiction, c.calendar, COUNT(*), MAX(c.id)"
                  " FROM cases c JOIN clients cl ON cl.id = c.client_id"
                  " WHERE cl.name = ? GROUP BY c.jurisdiction, c.calendar",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, client);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    usage_add (jurisdictions, (const char *) sqlite3_column_text (stmt, 0),
               sqlite3_column_int (stmt, 2), sqlite3_column_int64 (stmt, 3));
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the client’s cases"), error);
      return NULL;
    }

  usual = usage_most (jurisdictions);
  if (usual == NULL)
    return NULL;
  if (calendar == NULL)
    return g_strdup (usual->id);

  /* The calendars of the cases under that law. */
  sqlite3_reset (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), usual->id) == 0)
      usage_add (calendars, (const char *) sqlite3_column_text (stmt, 1),
                 sqlite3_column_int (stmt, 2), sqlite3_column_int64 (stmt, 3));
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the client’s cases"), error);
      return NULL;
    }

  usual_calendar = usage_most (calendars);
  law = rd_jurisdiction_lookup (usual->id, NULL);
  if (usual_calendar != NULL
      && (law == NULL
          || g_strcmp0 (usual_calendar->id, rd_jurisdiction_get_default_calendar (law)) != 0))
    *calendar = g_strdup (usual_calendar->id);

  return g_strdup (usual->id);
}

RdClient *
rd_store_ensure_client (RdStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr (RdClient) client = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  client = rd_store_get_client (self, name, &local_error);
  if (client != NULL)
    return g_steal_pointer (&client);

  if (!g_error_matches (local_error, RD_ERROR, RD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  client = rd_client_new (name);
  if (!rd_store_save_client (self, client, error))
    return NULL;

  return g_steal_pointer (&client);
}

/* ------------------------------------------------------------------------------------------ */
/* Cases: reading */

#define CASE_COLUMNS                                                                      \
  "c.id, c.reference, cl.name, c.type, c.jurisdiction, c.calendar, c.channel, c.received, " \
  "c.subject_name, c.subject_emails, c.subject_phones, c.subject_address, "                \
  "c.subject_accounts, c.assignee, c.status, c.outcome, c.outcome_reason, "                \
  "c.response_date, c.extended, c.paused_since, c.restart_date, c.due, c.extended_due, "   \
  "c.acknowledge_by, c.extension_notice_by, c.effective_due, c.internal_due, c.citation, " \
  "c.purged_at IS NOT NULL"
#define CASE_FROM " FROM cases c JOIN clients cl ON cl.id = c.client_id "

static RdCase *
case_from_row (sqlite3_stmt *stmt)
{
  RdCase *item = rd_case_new ();
  int col = 0;

  item->id = sqlite3_column_int64 (stmt, col++);
  item->reference = column_strdup (stmt, col++);
  item->client = column_strdup (stmt, col++);
  rd_request_type_from_string ((const char *) sqlite3_column_text (stmt, col++), &item->type);
  item->jurisdiction = column_strdup (stmt, col++);
  item->calendar = column_strdup (stmt, col++);
  rd_channel_from_string ((const char *) sqlite3_column_text (stmt, col++), &item->channel);
  column_date (stmt, col++, &item->received);
  item->subject_name = column_strdup (stmt, col++);
  item->subject_emails = column_list (stmt, col++);
  item->subject_phones = column_list (stmt, col++);
  item->subject_address = column_strdup (stmt, col++);
  item->subject_accounts = column_list (stmt, col++);
  item->assignee = column_strdup (stmt, col++);
  rd_case_status_from_string ((const char *) sqlite3_column_text (stmt, col++), &item->status);
  rd_outcome_from_string ((const char *) sqlite3_column_text (stmt, col++), &item->outcome);
  item->outcome_reason = column_strdup (stmt, col++);
  column_date (stmt, col++, &item->response_date);
  item->extended = sqlite3_column_int (stmt, col++) != 0;
  column_date (stmt, col++, &item->paused_since);
  column_date (stmt, col++, &item->restart_date);
  column_date (stmt, col++, &item->due);
  column_date (stmt, col++, &item->extended_due);
  column_date (stmt, col++, &item->acknowledge_by);
  column_date (stmt, col++, &item->extension_notice_by);
  column_date (stmt, col++, &item->effective_due);
  column_date (stmt, col++, &item->internal_due);
  item->citation = column_strdup (stmt, col++);
  item->purged = sqlite3_column_int (stmt, col++) != 0;

  return item;
}

RdCase *
rd_store_get_case (RdStore     *self,
                   const char  *reference,
                   GError     **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  stmt = rd_store_prepare_cached (self, "SELECT " CASE_COLUMNS CASE_FROM "WHERE c.reference = ?", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, reference);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return case_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no case “%s”"), reference);
  else
    rd_store_set_error (self, rc, _("Reading the case"), error);

  return NULL;
}

RdCase *
rd_store_get_case_by_id (RdStore  *self,
                         gint64    id,
                         GError  **error)
{
  g_autoptr (GPtrArray) cases = rd_store_load_cases (self, &id, 1, error);

  if (cases == NULL)
    return NULL;

  if (cases->len == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("There is no case with id %" PRId64), id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (cases, 0));
}

GPtrArray *
rd_store_load_cases (RdStore       *self,
                     const gint64  *ids,
                     guint          n_ids,
                     GError       **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  g_autoptr (GPtrArray) cases = g_ptr_array_new_full (n_ids, g_object_unref);

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  stmt = rd_store_prepare_cached (self, "SELECT " CASE_COLUMNS CASE_FROM "WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;

  /* One indexed look-up per id keeps the caller's order and is as fast as an IN list. */
  for (guint i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (cases, case_from_row (stmt));
      else if (rc != SQLITE_DONE)
        {
          rd_store_set_error (self, rc, _("Reading cases"), error);
          return NULL;
        }
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&cases);
}

void
rd_case_query_init (RdCaseQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  g_date_clear (&query->due_from, 1);
  g_date_clear (&query->due_before, 1);
  g_date_clear (&query->received_from, 1);
  g_date_clear (&query->received_before, 1);
  query->sort = RD_CASE_SORT_DUE;
}

/* Words typed in a search box become prefix terms of an FTS5 query: every run of letters and
 * digits is quoted (so nothing the user types is FTS syntax) and all must match. */
static char *
fts_query_from_text (const char *text)
{
  g_autoptr (GString) query = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *start;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_c (query, '"');
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }

  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/* The open-status predicate must be written exactly as in the partial index cases_open_due
 * for SQLite to use it. */
#define OPEN_CASES "c.status NOT IN ('closed', 'withdrawn', 'rejected')"

typedef struct
{
  GString   *sql;
  GPtrArray *params;   /* strings, bound in order */
  gboolean   has_where;
} QueryBuilder;

static void
add_condition (QueryBuilder *builder,
               const char   *condition)
{
  g_string_append (builder->sql, builder->has_where ? " AND " : " WHERE ");
  builder->has_where = TRUE;
  g_string_append (builder->sql, condition);
}

static void
add_mask (QueryBuilder *builder,
          const char   *column,
          guint         mask,
          guint         n,
          const char *(*to_string) (guint))
{
  g_autoptr (GString) cond = g_string_new (NULL);

  if (mask == 0)
    return;

  g_string_printf (cond, "%s IN (", column);
  for (guint i = 0, first = 1; i < n; i++)
    {
      if (!(mask & (1u << i)))
        continue;
      g_string_append_printf (cond, "%s'%s'", first ? "" : ", ", to_string (i));
      first = 0;
    }
  g_string_append_c (cond, ')');
  add_condition (builder, cond->str);
}

static const char *
status_name (guint i)
{
  return rd_case_status_to_string ((RdCaseStatus) i);
}

static const char *
type_name (guint i)
{
  return rd_request_type_to_string ((RdRequestType) i);
}

static sqlite3_stmt *
build_query (RdStore           *self,
             const RdCaseQuery *query,
             const char        *columns,
             gboolean           ordered,
             GError           **error)
{
  QueryBuilder builder;
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) cond = g_string_new (NULL);
  sqlite3_stmt *stmt;
  char buf[16];
  RdCaseQuery defaults;

  if (query == NULL)
    {
      rd_case_query_init (&defaults);
      query = &defaults;
    }

  builder.sql = sql;
  builder.params = params;
  builder.has_where = FALSE;

  g_string_append (sql, columns);
  /* Every case has a client, so the join changes no result; leaving it out when nothing needs
   * the client's name lets a list of ids come from the index alone (a million in ~0.2 s
   * instead of seconds of row look-ups). */
  if (query->client != NULL || (ordered && query->sort == RD_CASE_SORT_CLIENT)
      || strstr (columns, "cl.") != NULL)
    g_string_append (sql, CASE_FROM);
  else
    g_string_append (sql, " FROM cases c ");

  add_mask (&builder, "c.status", query->statuses, RD_N_STATUSES, status_name);
  add_mask (&builder, "c.type", query->types, RD_N_REQUEST_TYPES, type_name);

  if (query->client != NULL)
    {
      add_condition (&builder, "cl.name = ?");
      g_ptr_array_add (params, g_strdup (query->client));
    }

  if (query->jurisdiction != NULL)
    {
      add_condition (&builder, "c.jurisdiction = ?");
      g_ptr_array_add (params, g_strdup (query->jurisdiction));
    }

  if (query->overdue || g_date_valid (&query->due_before) || g_date_valid (&query->due_from))
    add_condition (&builder, OPEN_CASES);

  if (query->overdue)
    {
      GDate today;

      rd_date_today (&today);
      g_snprintf (buf, sizeof buf, "%u", g_date_get_julian (&today));
      g_string_printf (cond, "c.paused_since IS NULL AND c.effective_due < %s", buf);
      add_condition (&builder, cond->str);
    }

  if (g_date_valid (&query->due_before))
    {
      g_string_printf (cond, "c.effective_due < %u", g_date_get_julian (&query->due_before));
      add_condition (&builder, cond->str);
    }

  if (g_date_valid (&query->due_from))
    {
      g_string_printf (cond, "c.effective_due >= %u", g_date_get_julian (&query->due_from));
      add_condition (&builder, cond->str);
    }

  if (g_date_valid (&query->received_from))
    {
      g_string_printf (cond, "c.received >= %u", g_date_get_julian (&query->received_from));
      add_condition (&builder, cond->str);
    }

  if (g_date_valid (&query->received_before))
    {
      g_string_printf (cond, "c.received < %u", g_date_get_julian (&query->received_before));
      add_condition (&builder, cond->str);
    }

  if (query->search != NULL)
    {
      g_autofree char *fts = fts_query_from_text (query->search);

      if (fts != NULL)
        {
          add_condition (&builder,
                         "c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)");
          g_ptr_array_add (params, g_steal_pointer (&fts));
        }
    }

  if (ordered)
    {
      static const char * const order[] = {
        [RD_CASE_SORT_DUE] = "c.effective_due",
        [RD_CASE_SORT_REFERENCE] = "c.reference",
        [RD_CASE_SORT_RECEIVED] = "c.received",
        [RD_CASE_SORT_CLIENT] = "cl.name",
        [RD_CASE_SORT_TYPE] = "c.type",
        [RD_CASE_SORT_SUBJECT] = "c.subject_name",
        [RD_CASE_SORT_JURISDICTION] = "c.jurisdiction",
        [RD_CASE_SORT_STATUS] = "c.status",
        [RD_CASE_SORT_ID] = "c.id",
      };
      const char *dir = query->descending ? "DESC" : "ASC";

      g_return_val_if_fail ((guint) query->sort < G_N_ELEMENTS (order), NULL);
      g_string_append_printf (sql, " ORDER BY %s %s, c.id %s", order[query->sort], dir, dir);

      if (query->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", query->limit);
    }

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < params->len; i++)
    bind_text (stmt, i + 1, g_ptr_array_index (params, i));

  return stmt;
}

guint
rd_store_count_cases (RdStore            *self,
                      const RdCaseQuery  *query,
                      GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  stmt = build_query (self, query, "count(*)", FALSE, error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error (self, rc, _("Counting cases"), error);
      return 0;
    }

  return (guint) sqlite3_column_int64 (stmt, 0);
}

GArray *
rd_store_query_ids (RdStore            *self,
                    const RdCaseQuery  *query,
                    GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = build_query (self, query, "c.id", TRUE, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Listing cases"), error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
rd_store_foreach_case (RdStore            *self,
                       const RdCaseQuery  *query,
                       RdCaseFunc          func,
                       gpointer            user_data,
                       GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = build_query (self, query, CASE_COLUMNS, TRUE, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RdCase) item = case_from_row (stmt);

      if (!func (item, user_data))
        break;
    }

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Listing cases"), error);
      return FALSE;
    }

  return TRUE;
}

#define FACT_COLUMNS                                                                        \
  "c.id, c.reference, cl.name, c.jurisdiction, c.type, c.channel, c.status, c.outcome, "   \
  "c.outcome_reason, c.extended, c.paused_since IS NOT NULL, "                              \
  "(SELECT count(*) FROM clock_events e WHERE e.case_id = c.id AND e.kind = 'pause'), "     \
  "c.received, c.response_date, c.due, c.effective_due, c.internal_due"

gboolean
rd_store_foreach_fact (RdStore            *self,
                       const RdCaseQuery  *query,
                       RdCaseFactFunc      func,
                       gpointer            user_data,
                       GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  RdCaseQuery by_id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (query == NULL)
    rd_case_query_init (&by_id);
  else
    by_id = *query;
  by_id.sort = RD_CASE_SORT_ID;

  stmt = build_query (self, &by_id, FACT_COLUMNS, TRUE, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdCaseFact fact;

      fact.id = sqlite3_column_int64 (stmt, 0);
      fact.reference = (const char *) sqlite3_column_text (stmt, 1);
      fact.client = (const char *) sqlite3_column_text (stmt, 2);
      fact.jurisdiction = (const char *) sqlite3_column_text (stmt, 3);
      rd_request_type_from_string ((const char *) sqlite3_column_text (stmt, 4), &fact.type);
      rd_channel_from_string ((const char *) sqlite3_column_text (stmt, 5), &fact.channel);
      rd_case_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &fact.status);
      rd_outcome_from_string ((const char *) sqlite3_column_text (stmt, 7), &fact.outcome);
      fact.outcome_reason = (const char *) sqlite3_column_text (stmt, 8);
      fact.extended = sqlite3_column_int (stmt, 9) != 0;
      fact.paused = sqlite3_column_int (stmt, 10) != 0;
      fact.n_pauses = sqlite3_column_int (stmt, 11);
      column_date (stmt, 12, &fact.received);
      column_date (stmt, 13, &fact.response_date);
      column_date (stmt, 14, &fact.due);
      column_date (stmt, 15, &fact.effective_due);
      column_date (stmt, 16, &fact.internal_due);

      if (!func (&fact, user_data))
        return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading cases"), error);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Cases: deadlines */

static GArray *
load_pauses (RdStore  *self,
             gint64    case_id,
             GError  **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  g_autoptr (GArray) pauses = g_array_new (FALSE, FALSE, sizeof (RdPause));
  RdPause current;
  gboolean open = FALSE;
  int rc;

  stmt = rd_store_prepare_cached (self,
                  "SELECT kind, on_date FROM clock_events WHERE case_id = ?"
                  " AND kind IN ('pause', 'resume') ORDER BY id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      GDate on;

      column_date (stmt, 1, &on);
      if (g_str_equal (kind, "pause"))
        {
          current.from = on;
          open = TRUE;
        }
      else if (open)
        {
          current.to = on;
          g_array_append_val (pauses, current);
          open = FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the clock"), error);
      return NULL;
    }

  return g_steal_pointer (&pauses);
}

/* Fills the case's computed dates. A pause still in force counts up to today, so the due date
 * shown moves on while the clock is stopped. */
static gboolean
compute_deadlines (RdStore  *self,
                   RdCase   *item,
                   GArray   *closed_pauses,
                   GError  **error)
{
  g_autoptr (RdDeadline) deadline = NULL;
  g_autoptr (RdClient) client = NULL;
  g_autoptr (GArray) pauses = g_array_new (FALSE, FALSE, sizeof (RdPause));
  RdDeadlineRequest request = { 0 };

  client = rd_store_get_client (self, item->client, error);
  if (client == NULL)
    return FALSE;

  /* A restart starts the period afresh: stops of the clock before it no longer count. */
  for (guint i = 0; closed_pauses != NULL && i < closed_pauses->len; i++)
    {
      RdPause *pause = &g_array_index (closed_pauses, RdPause, i);

      if (!g_date_valid (&item->restart_date) || g_date_compare (&pause->to, &item->restart_date) > 0)
        g_array_append_val (pauses, *pause);
    }

  if (g_date_valid (&item->paused_since))
    {
      RdPause open_pause;
      GDate today;

      rd_date_today (&today);
      open_pause.from = item->paused_since;
      open_pause.to = g_date_compare (&today, &item->paused_since) < 0 ? item->paused_since : today;
      g_array_append_val (pauses, open_pause);
    }

  request.jurisdiction = item->jurisdiction;
  request.type = item->type;
  request.received = item->received;
  request.calendar = item->calendar;
  request.pauses = (const RdPause *) pauses->data;
  request.n_pauses = pauses->len;
  request.restart = item->restart_date;
  request.extended = item->extended;
  request.sla_days = rd_client_get_sla_days (client);

  deadline = rd_deadline_compute (&request, error);
  if (deadline == NULL)
    return FALSE;

  g_free (item->calendar);
  item->calendar = g_strdup (deadline->calendar);
  item->due = deadline->due;
  item->extended_due = deadline->extended_due;
  item->acknowledge_by = deadline->acknowledge_by;
  item->extension_notice_by = deadline->extension_notice_by;
  item->effective_due = deadline->effective_due;
  item->internal_due = deadline->internal_due;
  g_free (item->citation);
  item->citation = g_strdup (deadline->citation);

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Cases: writing */

static char *
next_reference (RdStore  *self,
                guint     year,
                GError  **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  gint64 last;
  int rc;

  /* Bulk work counts in memory and writes the counters once per transaction. */
  if (self->bulk && g_hash_table_contains (self->bulk_sequences, GUINT_TO_POINTER (year)))
    {
      last = GPOINTER_TO_SIZE (g_hash_table_lookup (self->bulk_sequences,
                                                    GUINT_TO_POINTER (year))) + 1;
      if (last > 999999)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("The year %u already has a million cases"), year);
          return NULL;
        }
      g_hash_table_insert (self->bulk_sequences, GUINT_TO_POINTER (year),
                           GSIZE_TO_POINTER ((gsize) last));
      return g_strdup_printf ("RD-%04u-%06" G_GINT64_FORMAT, year, last);
    }

  stmt = rd_store_prepare_cached (self,
                  "INSERT INTO sequences (year, last) VALUES (?1, 1)"
                  " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rd_store_set_error (self, rc, _("Numbering the case"), error);
      return NULL;
    }

  if (sqlite3_column_int64 (stmt, 0) > 999999)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The year %u already has a million cases"), year);
      return NULL;
    }

  last = sqlite3_column_int64 (stmt, 0);
  if (self->bulk)
    g_hash_table_insert (self->bulk_sequences, GUINT_TO_POINTER (year),
                         GSIZE_TO_POINTER ((gsize) last));
  return g_strdup_printf ("RD-%04u-%06" G_GINT64_FORMAT, year, last);
}

static gboolean
update_search (RdStore  *self,
               gint64    case_id,
               GError  **error)
{
  g_autoptr (CachedStmt) del = NULL;
  g_autoptr (CachedStmt) ins = NULL;
  int rc;

  del = rd_store_prepare_cached (self, "DELETE FROM case_search WHERE rowid = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, case_id);
  rc = sqlite3_step (del);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Indexing the case"), error);
      return FALSE;
    }

  ins = rd_store_prepare_cached (self,
                 "INSERT INTO case_search (rowid, reference, names, emails, notes)"
                 " SELECT c.id, c.reference, coalesce (c.subject_name, ''),"
                 "  replace (coalesce (c.subject_emails, ''), char (10), ' '),"
                 "  coalesce ((SELECT group_concat (n.text, ' ') FROM notes n"
                 "             WHERE n.case_id = c.id), '')"
                 " FROM cases c WHERE c.id = ?",
                 error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, case_id);
  rc = sqlite3_step (ins);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Indexing the case"), error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_draft (RdStore  *self,
                RdCase   *draft,
                GError  **error)
{
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  GDate today;

  if (draft->client == NULL || *draft->client == '\0')
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A case needs the client it is handled for"));
      return FALSE;
    }

  if (draft->jurisdiction == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("A case needs a jurisdiction"));
      return FALSE;
    }

  jurisdiction = rd_jurisdiction_lookup (draft->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  if (!rd_jurisdiction_covers (jurisdiction, draft->type))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: a request type, then a law */
                   _("%s requests do not exist under %s"),
                   rd_request_type_to_label (draft->type),
                   rd_jurisdiction_get_name (jurisdiction));
      return FALSE;
    }

  if (!g_date_valid (&draft->received))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A case needs the date the request was received"));
      return FALSE;
    }

  rd_date_today (&today);
  if (g_date_compare (&draft->received, &today) > 0)
    {
      g_autofree char *text = rd_date_format (&draft->received);
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The received date %s is in the future"), text);
      return FALSE;
    }

  if (draft->subject_name == NULL || *g_strstrip (draft->subject_name) == '\0')
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A case needs the name of the person making the request"));
      return FALSE;
    }

  for (guint i = 0; draft->subject_emails && draft->subject_emails[i]; i++)
    {
      const char *at = strchr (draft->subject_emails[i], '@');

      if (at == NULL || at == draft->subject_emails[i] || at[1] == '\0' ||
          strchr (draft->subject_emails[i], ' ') != NULL)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("“%s” is not an e-mail address"), draft->subject_emails[i]);
          return FALSE;
        }
    }

  if (draft->calendar != NULL)
    {
      g_autoptr (RdCalendar) calendar = rd_calendar_lookup (draft->calendar, error);
      if (calendar == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
emit_changed (RdStore    *self,
              const char *reference)
{
  if (!self->bulk)
    g_signal_emit (self, signals[CASE_CHANGED], 0, reference);
}

/* Inserts @item as it stands (status and computed dates included), numbers it, and records
 * its creation; the caller holds the transaction and has validated @item. */
static gboolean
insert_case (RdStore   *self,
             RdClient  *client,
             RdCase    *item,
             GError   **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *reference = NULL;
  int rc;

  reference = next_reference (self, g_date_get_year (&item->received), error);
  if (reference == NULL)
    return FALSE;

  stmt = rd_store_prepare_cached (self,
                                  "INSERT INTO cases (reference, client_id, type, jurisdiction,"
                                  " calendar, channel, received, subject_name, subject_emails,"
                                  " subject_phones, subject_address, subject_accounts, assignee,"
                                  " status, outcome, outcome_reason, response_date, extended,"
                                  " paused_since, restart_date, due, extended_due,"
                                  " acknowledge_by, extension_notice_by, effective_due,"
                                  " internal_due, citation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                                  " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
                                  " ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, reference);
  sqlite3_bind_int64 (stmt, 2, rd_client_get_id (client));
  bind_text (stmt, 3, rd_request_type_to_string (item->type));
  bind_text (stmt, 4, item->jurisdiction);
  bind_text (stmt, 5, item->calendar);
  bind_text (stmt, 6, rd_channel_to_string (item->channel));
  bind_date (stmt, 7, &item->received);
  bind_text (stmt, 8, item->subject_name);
  bind_list (stmt, 9, (const char * const *) item->subject_emails);
  bind_list (stmt, 10, (const char * const *) item->subject_phones);
  bind_text (stmt, 11, item->subject_address);
  bind_list (stmt, 12, (const char * const *) item->subject_accounts);
  bind_text (stmt, 13, item->assignee);
  bind_text (stmt, 14, rd_case_status_to_string (item->status));
  bind_text (stmt, 15, rd_outcome_to_string (item->outcome));
  bind_text (stmt, 16, item->outcome_reason);
  bind_date (stmt, 17, &item->response_date);
  sqlite3_bind_int (stmt, 18, item->extended);
  bind_date (stmt, 19, &item->paused_since);
  bind_date (stmt, 20, &item->restart_date);
  bind_date (stmt, 21, &item->due);
  bind_date (stmt, 22, &item->extended_due);
  bind_date (stmt, 23, &item->acknowledge_by);
  bind_date (stmt, 24, &item->extension_notice_by);
  bind_date (stmt, 25, &item->effective_due);
  bind_date (stmt, 26, &item->internal_due);
  bind_text (stmt, 27, item->citation);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the case"), error);
      return FALSE;
    }

  item->id = sqlite3_last_insert_rowid (self->db);
  g_free (item->reference);
  item->reference = g_steal_pointer (&reference);

  if (self->bulk)
    {
      if (self->bulk_first_id == 0)
        self->bulk_first_id = item->id;
    }
  else if (!update_search (self, item->id, error))
    return FALSE;

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "type");
  rd_json_writer_string (details, rd_request_type_to_string (item->type));
  rd_json_writer_key (details, "jurisdiction");
  rd_json_writer_string (details, item->jurisdiction);
  rd_json_writer_key (details, "received");
  rd_json_writer_date (details, &item->received);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  /* The requester's identity is in the case itself; the chain records that the case began. */
  return rd_audit_append (self, item->reference, "case.created", details_json, NULL, error);
}

/* Validation, the client and the calendar every new case needs. */
static RdClient *
prepare_new_case (RdStore  *self,
                  RdCase   *draft,
                  GError  **error)
{
  g_autoptr (RdClient) client = NULL;

  if (!validate_draft (self, draft, error))
    return NULL;

  client = rd_store_ensure_client (self, draft->client, error);
  if (client == NULL)
    return NULL;

  /* The client's calendar applies when the case is under the client's own law. */
  if (draft->calendar == NULL && rd_client_get_calendar (client) != NULL &&
      g_strcmp0 (rd_client_get_jurisdiction (client), draft->jurisdiction) == 0)
    draft->calendar = g_strdup (rd_client_get_calendar (client));

  return g_steal_pointer (&client);
}

gboolean
rd_store_add_case (RdStore  *self,
                   RdCase   *draft,
                   GError  **error)
{
  g_autoptr (RdClient) client = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CASE (draft), FALSE);

  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !rd_store_begin (self, error))
    return FALSE;

  client = prepare_new_case (self, draft, error);
  if (client == NULL)
    goto fail;

  draft->status = RD_STATUS_NEW;
  draft->outcome = RD_OUTCOME_NONE;
  g_date_clear (&draft->paused_since, 1);
  g_date_clear (&draft->restart_date, 1);
  draft->extended = FALSE;

  if (!compute_deadlines (self, draft, NULL, error) ||
      !insert_case (self, client, draft, error))
    goto fail;

  if (own_transaction && !rd_store_commit (self, error))
    return FALSE;

  emit_changed (self, draft->reference);
  return TRUE;

fail:
  if (own_transaction)
    rd_store_rollback (self);
  return FALSE;
}

/* Every change to an existing case goes through here: one transaction that loads the case,
 * applies the change, recomputes the deadlines, writes the state and appends the audit event. */
typedef gboolean (*ChangeFunc) (RdStore       *self,
                                RdCase        *item,
                                gpointer       data,
                                RdJsonWriter  *details,
                                char         **payload,
                                GError       **error);

static gboolean
insert_clock_event (RdStore     *self,
                    RdCase      *item,
                    const char  *kind,
                    const GDate *on,
                    const char  *reason,
                    GError     **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  g_autofree char *now = rd_timestamp_now ();
  int rc;

  stmt = rd_store_prepare_cached (self,
                  "INSERT INTO clock_events (case_id, kind, on_date, reason, created_at)"
                  " VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->id);
  bind_text (stmt, 2, kind);
  bind_date (stmt, 3, on);
  bind_text (stmt, 4, reason);
  bind_text (stmt, 5, now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Recording the clock"), error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_case_state (RdStore  *self,
                  RdCase   *item,
                  GError  **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  int rc;

  stmt = rd_store_prepare_cached (self,
                  "UPDATE cases SET status = ?2, outcome = ?3, outcome_reason = ?4,"
                  " response_date = ?5, extended = ?6, paused_since = ?7, restart_date = ?8,"
                  " calendar = ?9, due = ?10, extended_due = ?11, acknowledge_by = ?12,"
                  " extension_notice_by = ?13, effective_due = ?14, internal_due = ?15,"
                  " citation = ?16 WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->id);
  bind_text (stmt, 2, rd_case_status_to_string (item->status));
  bind_text (stmt, 3, rd_outcome_to_string (item->outcome));
  bind_text (stmt, 4, item->outcome_reason);
  bind_date (stmt, 5, &item->response_date);
  sqlite3_bind_int (stmt, 6, item->extended);
  bind_date (stmt, 7, &item->paused_since);
  bind_date (stmt, 8, &item->restart_date);
  bind_text (stmt, 9, item->calendar);
  bind_date (stmt, 10, &item->due);
  bind_date (stmt, 11, &item->extended_due);
  bind_date (stmt, 12, &item->acknowledge_by);
  bind_date (stmt, 13, &item->extension_notice_by);
  bind_date (stmt, 14, &item->effective_due);
  bind_date (stmt, 15, &item->internal_due);
  bind_text (stmt, 16, item->citation);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the case"), error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
recompute (RdStore  *self,
           RdCase   *item,
           GError  **error)
{
  g_autoptr (GArray) pauses = load_pauses (self, item->id, error);

  return pauses != NULL && compute_deadlines (self, item, pauses, error);
}

static gboolean
change_case (RdStore     *self,
             const char  *reference,
             const char  *action,
             ChangeFunc   func,
             gpointer     data,
             GError     **error)
{
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *payload = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  /* Bulk writers (demo, import) run many changes in their own transaction. */
  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !rd_store_begin (self, error))
    return FALSE;

  item = rd_store_get_case (self, reference, error);
  if (item == NULL)
    goto fail;

  if (item->purged)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("The case %s was purged and can no longer change"), reference);
      goto fail;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);

  if (!func (self, item, data, details, &payload, error))
    goto fail;

  if (!recompute (self, item, error) || !write_case_state (self, item, error))
    goto fail;

  rd_json_writer_key (details, "status");
  rd_json_writer_string (details, rd_case_status_to_string (item->status));
  rd_json_writer_key (details, "due");
  rd_json_writer_date (details, &item->effective_due);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, reference, action, details_json, payload, error))
    goto fail;

  if (own_transaction && !rd_store_commit (self, error))
    return FALSE;

  emit_changed (self, reference);
  return TRUE;

fail:
  if (own_transaction)
    rd_store_rollback (self);
  return FALSE;
}

static char *
reason_payload (const char *reason)
{
  g_autoptr (RdJsonWriter) writer = NULL;

  if (reason == NULL)
    return NULL;

  writer = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (writer);
  rd_json_writer_key (writer, "reason");
  rd_json_writer_string (writer, reason);
  rd_json_writer_end_object (writer);
  return rd_json_writer_free_to_string (g_steal_pointer (&writer));
}

typedef struct
{
  GDate       on;
  const char *reason;
  RdOutcome   outcome;
  RdCaseStatus status;
} Change;

static gboolean
require_open (RdCase  *item,
              GError **error)
{
  if (!rd_case_status_is_open (item->status))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW, _("The case %s is already %s"),
                   item->reference, rd_case_status_to_label (item->status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
require_reason (const char  *reason,
                GError     **error)
{
  if (text_is_blank (reason))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("A reason is required"));
      return FALSE;
    }
  return TRUE;
}

/* Clock dates may lie in the past (recording yesterday's call) but not before the request
 * arrived nor after today. */
static gboolean
check_clock_date (RdCase       *item,
                  const GDate  *on,
                  const GDate  *not_before,
                  const char   *not_before_what,
                  GError      **error)
{
  GDate today;
  char a[11], b[11];

  rd_date_today (&today);
  rd_date_format_into (on, a);

  if (g_date_compare (on, &today) > 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The date %s is in the future"), a);
      return FALSE;
    }

  if (not_before != NULL && g_date_valid (not_before) && g_date_compare (on, not_before) < 0)
    {
      rd_date_format_into (not_before, b);
      /* Translators: two dates, then what the second one is (e.g. "the request was received") */
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The date %s is before %s, when %s"),
                   a, b, not_before_what);
      return FALSE;
    }

  return TRUE;
}

/* Whether the period of @item still runs on @on: FALSE (with @error, when given) once its
 * deadline has passed. */
static gboolean
check_clock_running (RdCase       *item,
                     const GDate  *on,
                     GError      **error)
{
  char a[11], b[11];

  if (!g_date_valid (&item->effective_due) || g_date_compare (on, &item->effective_due) <= 0)
    return TRUE;

  rd_date_format_into (&item->effective_due, a);
  rd_date_format_into (on, b);
  g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
               /* Translators: a case reference, its due date, then the day asked for */
               _("The deadline of %s passed on %s: the clock can only stop before it, not on %s"),
               item->reference, a, b);
  return FALSE;
}

static gboolean
pause_cb (RdStore       *self,
          RdCase        *item,
          gpointer       data,
          RdJsonWriter  *details,
          char         **payload,
          GError       **error)
{
  Change *change = data;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_autofree char *why = NULL;

  if (!require_open (item, error) || !require_reason (change->reason, error))
    return FALSE;

  if (g_date_valid (&item->paused_since))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW, _("The clock of %s is already stopped"),
                   item->reference);
      return FALSE;
    }

  jurisdiction = rd_jurisdiction_lookup (item->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  if (!rd_jurisdiction_allows_pause (jurisdiction, item->type, &why))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW,
                           why ? why : _("The law of this case does not let the clock stop"));
      return FALSE;
    }

  if (!check_clock_date (item, &change->on, &item->received, _("the request was received"),
                         error))
    return FALSE;

  /* The clock can only stop while the period runs: a stop that begins after the deadline
   * passed would move the deadline after the fact (EDPB 01/2022 para. 159 suspends a running
   * period; it does not revive one that ended). */
  if (!check_clock_running (item, &change->on, error))
    return FALSE;

  if (!insert_clock_event (self, item, "pause", &change->on, change->reason, error))
    return FALSE;

  item->paused_since = change->on;
  rd_json_writer_key (details, "on");
  rd_json_writer_date (details, &change->on);
  *payload = reason_payload (change->reason);
  return TRUE;
}

static gboolean
resume_cb (RdStore       *self,
           RdCase        *item,
           gpointer       data,
           RdJsonWriter  *details,
           char         **payload,
           GError       **error)
{
  Change *change = data;

  if (!g_date_valid (&item->paused_since))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW, _("The clock of %s is running"),
                   item->reference);
      return FALSE;
    }

  if (!check_clock_date (item, &change->on, &item->paused_since, _("the clock stopped"), error))
    return FALSE;

  if (!insert_clock_event (self, item, "resume", &change->on, NULL, error))
    return FALSE;

  g_date_clear (&item->paused_since, 1);
  rd_json_writer_key (details, "on");
  rd_json_writer_date (details, &change->on);
  return TRUE;
}

static gboolean
restart_cb (RdStore       *self,
            RdCase        *item,
            gpointer       data,
            RdJsonWriter  *details,
            char         **payload,
            GError       **error)
{
  Change *change = data;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_autofree char *why = NULL;

  if (!require_open (item, error) || !require_reason (change->reason, error))
    return FALSE;

  jurisdiction = rd_jurisdiction_lookup (item->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  if (!rd_jurisdiction_allows_restart (jurisdiction, item->type, &why))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW,
                           why ? why : _("The law of this case does not restart the period"));
      return FALSE;
    }

  if (!check_clock_date (item, &change->on, &item->received, _("the request was received"),
                         error))
    return FALSE;

  /* Evidence arriving during a stop ends the stop: the period starts again from that day. */
  if (g_date_valid (&item->paused_since))
    {
      if (!insert_clock_event (self, item, "resume", &change->on, NULL, error))
        return FALSE;
      g_date_clear (&item->paused_since, 1);
    }

  if (!insert_clock_event (self, item, "restart", &change->on, change->reason, error))
    return FALSE;

  item->restart_date = change->on;
  rd_json_writer_key (details, "on");
  rd_json_writer_date (details, &change->on);
  *payload = reason_payload (change->reason);
  return TRUE;
}

static gboolean
extend_cb (RdStore       *self,
           RdCase        *item,
           gpointer       data,
           RdJsonWriter  *details,
           char         **payload,
           GError       **error)
{
  Change *change = data;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_autofree char *why = NULL;

  if (!require_open (item, error) || !require_reason (change->reason, error))
    return FALSE;

  if (item->extended)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW, _("The case %s is already extended"),
                   item->reference);
      return FALSE;
    }

  jurisdiction = rd_jurisdiction_lookup (item->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  if (!rd_jurisdiction_allows_extension (jurisdiction, item->type, &why))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_WORKFLOW,
                           why ? why : _("The law of this case allows no extension"));
      return FALSE;
    }

  if (!check_clock_date (item, &change->on, &item->received, _("the request was received"),
                         error))
    return FALSE;

  if (g_date_valid (&item->extension_notice_by) &&
      g_date_compare (&change->on, &item->extension_notice_by) > 0)
    {
      char a[11], b[11];

      rd_date_format_into (&change->on, a);
      rd_date_format_into (&item->extension_notice_by, b);
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("Notice of an extension given on %s is too late: it was due by %s"), a, b);
      return FALSE;
    }

  if (!insert_clock_event (self, item, "extend", &change->on, change->reason, error))
    return FALSE;

  item->extended = TRUE;
  rd_json_writer_key (details, "notice_on");
  rd_json_writer_date (details, &change->on);
  *payload = reason_payload (change->reason);
  return TRUE;
}

static gboolean
close_cb (RdStore       *self,
          RdCase        *item,
          gpointer       data,
          RdJsonWriter  *details,
          char         **payload,
          GError       **error)
{
  Change *change = data;

  if (!require_open (item, error))
    return FALSE;

  if (change->outcome == RD_OUTCOME_NONE)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Closing a case needs its outcome"));
      return FALSE;
    }

  if (!check_clock_date (item, &change->on, &item->received, _("the request was received"),
                         error))
    return FALSE;

  if (g_date_valid (&item->paused_since))
    {
      if (!insert_clock_event (self, item, "resume", &change->on, NULL, error))
        return FALSE;
      g_date_clear (&item->paused_since, 1);
    }

  item->status = RD_STATUS_CLOSED;
  item->outcome = change->outcome;
  g_free (item->outcome_reason);
  item->outcome_reason = g_strdup (change->reason);
  item->response_date = change->on;

  rd_json_writer_key (details, "outcome");
  rd_json_writer_string (details, rd_outcome_to_string (change->outcome));
  rd_json_writer_key (details, "response_date");
  rd_json_writer_date (details, &change->on);
  *payload = reason_payload (change->reason);
  return TRUE;
}

static gboolean
status_cb (RdStore       *self,
           RdCase        *item,
           gpointer       data,
           RdJsonWriter  *details,
           char         **payload,
           GError       **error)
{
  Change *change = data;

  if (!rd_case_status_can_move (item->status, change->status))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   /* Translators: two statuses, e.g. "Closed" and "In progress" */
                   _("A case cannot go from “%s” to “%s”"),
                   rd_case_status_to_label (item->status),
                   rd_case_status_to_label (change->status));
      return FALSE;
    }

  rd_json_writer_key (details, "from");
  rd_json_writer_string (details, rd_case_status_to_string (item->status));
  item->status = change->status;
  *payload = reason_payload (change->reason);
  return TRUE;
}

static void
change_init (Change      *change,
             const GDate *on,
             const char  *reason)
{
  memset (change, 0, sizeof *change);
  if (on != NULL && g_date_valid (on))
    change->on = *on;
  else
    rd_date_today (&change->on);
  change->reason = reason;
}

gboolean
rd_store_pause_case (RdStore      *self,
                     const char   *reference,
                     const GDate  *on,
                     const char   *reason,
                     GError      **error)
{
  Change change;

  change_init (&change, on, reason);
  return change_case (self, reference, "clock.paused", pause_cb, &change, error);
}

gboolean
rd_store_resume_case (RdStore      *self,
                      const char   *reference,
                      const GDate  *on,
                      GError      **error)
{
  Change change;

  change_init (&change, on, NULL);
  return change_case (self, reference, "clock.resumed", resume_cb, &change, error);
}

gboolean
rd_store_restart_case (RdStore      *self,
                       const char   *reference,
                       const GDate  *on,
                       const char   *reason,
                       GError      **error)
{
  Change change;

  change_init (&change, on, reason);
  return change_case (self, reference, "clock.restarted", restart_cb, &change, error);
}

gboolean
rd_store_extend_case (RdStore      *self,
                      const char   *reference,
                      const GDate  *on,
                      const char   *reason,
                      GError      **error)
{
  Change change;

  change_init (&change, on, reason);
  return change_case (self, reference, "clock.extended", extend_cb, &change, error);
}

gboolean
rd_store_close_case (RdStore      *self,
                     const char   *reference,
                     RdOutcome     outcome,
                     const char   *reason,
                     const GDate  *on,
                     GError      **error)
{
  Change change;

  change_init (&change, on, reason);
  change.outcome = outcome;
  return change_case (self, reference, "case.closed", close_cb, &change, error);
}

gboolean
rd_store_set_status (RdStore       *self,
                     const char    *reference,
                     RdCaseStatus   status,
                     const char    *reason,
                     GError       **error)
{
  Change change;

  change_init (&change, NULL, reason);
  change.status = status;
  return change_case (self, reference, "case.status", status_cb, &change, error);
}

static gboolean
note_cb (RdStore       *self,
         RdCase        *item,
         gpointer       data,
         RdJsonWriter  *details,
         char         **payload,
         GError       **error)
{
  const char *text = data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = rd_timestamp_now ();
  int rc;

  stmt = prepare (self,
                  "INSERT INTO notes (case_id, author, created_at, text) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->id);
  bind_text (stmt, 2, self->actor);
  bind_text (stmt, 3, now);
  bind_text (stmt, 4, text);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the note"), error);
      return FALSE;
    }

  rd_json_writer_key (details, "note");
  rd_json_writer_int (details, sqlite3_last_insert_rowid (self->db));
  return update_search (self, item->id, error);
}

gboolean
rd_store_add_note (RdStore     *self,
                   const char  *reference,
                   const char  *text,
                   GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A note needs some text in UTF-8"));
      return FALSE;
    }

  return change_case (self, reference, "case.note", note_cb, stripped, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Purge */

static gboolean
run_step (RdStore     *self,
          const char  *sql,
          gint64       case_id,
          int         *changes,
          GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rd_store_set_error (self, rc, _("Purging the case"), error);
      return FALSE;
    }

  if (changes != NULL)
    *changes = sqlite3_changes (self->db);
  return TRUE;
}

gboolean
rd_store_purge_case (RdStore     *self,
                     const char  *reference,
                     GError     **error)
{
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *now = rd_timestamp_now ();
  g_autoptr (sqlite3_stmt) mark = NULL;
  int n_notes = 0, n_documents = 0;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  if (!rd_store_begin (self, error))
    return FALSE;

  item = rd_store_get_case (self, reference, error);
  if (item == NULL)
    goto fail;

  if (item->purged)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW, _("The case %s was already purged"),
                   reference);
      goto fail;
    }

  mark = prepare (self,
                  "UPDATE cases SET subject_name = NULL, subject_emails = NULL,"
                  " subject_phones = NULL, subject_address = NULL, subject_accounts = NULL,"
                  " outcome_reason = NULL, purged_at = ?2 WHERE id = ?1",
                  error);
  if (mark == NULL)
    goto fail;
  sqlite3_bind_int64 (mark, 1, item->id);
  bind_text (mark, 2, now);
  rc = sqlite3_step (mark);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Purging the case"), error);
      goto fail;
    }

  if (!run_step (self, "DELETE FROM notes WHERE case_id = ?", item->id, &n_notes, error) ||
      !run_step (self, "UPDATE clock_events SET reason = NULL WHERE case_id = ?", item->id,
                 NULL, error) ||
      !run_step (self, "UPDATE verification_checks SET reason = NULL WHERE case_id = ?",
                 item->id, NULL, error) ||
      !run_step (self, "DELETE FROM documents WHERE case_id = ?", item->id, &n_documents,
                 error) ||
      !update_search (self, item->id, error) ||
      !rd_audit_forget_payloads (self, reference, error))
    goto fail;

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "notes");
  rd_json_writer_int (details, n_notes);
  rd_json_writer_key (details, "documents");
  rd_json_writer_int (details, n_documents);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, reference, "case.purged", details_json, NULL, error))
    goto fail;

  if (!rd_store_commit (self, error))
    return FALSE;

  /* FTS5 only marks deleted rows in its index; merging every segment rewrites the index
   * without them, and secure_delete zeroes the pages the old segments leave behind. */
  if (!rd_store_exec (self, "INSERT INTO case_search (case_search) VALUES ('optimize')", error))
    return FALSE;

  emit_changed (self, reference);
  return empty_log (self, error);

fail:
  rd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Lists that belong to one case */

void
rd_clock_event_free (RdClockEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->reason);
  g_free (event->created_at);
  g_free (event);
}

void
rd_note_free (RdNote *note)
{
  if (note == NULL)
    return;
  g_free (note->author);
  g_free (note->created_at);
  g_free (note->text);
  g_free (note);
}

static gint64
case_id_for (RdStore     *self,
             const char  *reference,
             GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (self, "SELECT id FROM cases WHERE reference = ?",
                                           error);

  if (stmt == NULL)
    return 0;

  bind_text (stmt, 1, reference);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no case “%s”"), reference);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
rd_store_list_clock_events (RdStore     *self,
                            const char  *reference,
                            GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_clock_event_free);
  gint64 case_id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  case_id = case_id_for (self, reference, error);
  if (case_id == 0)
    return NULL;

  stmt = prepare (self,
                  "SELECT id, kind, on_date, reason, created_at FROM clock_events"
                  " WHERE case_id = ? ORDER BY id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdClockEvent *event = g_new0 (RdClockEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->kind = column_strdup (stmt, 1);
      column_date (stmt, 2, &event->on);
      event->reason = column_strdup (stmt, 3);
      event->created_at = column_strdup (stmt, 4);
      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the clock"), error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

GPtrArray *
rd_store_list_notes (RdStore     *self,
                     const char  *reference,
                     GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_note_free);
  gint64 case_id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  case_id = case_id_for (self, reference, error);
  if (case_id == 0)
    return NULL;

  stmt = prepare (self,
                  "SELECT id, author, created_at, text FROM notes WHERE case_id = ? ORDER BY id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdNote *note = g_new0 (RdNote, 1);

      note->id = sqlite3_column_int64 (stmt, 0);
      note->author = column_strdup (stmt, 1);
      note->created_at = column_strdup (stmt, 2);
      note->text = column_strdup (stmt, 3);
      g_ptr_array_add (notes, note);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the notes"), error);
      return NULL;
    }

  return g_steal_pointer (&notes);
}

GPtrArray *
rd_store_list_timeline (RdStore     *self,
                        const char  *reference,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  if (case_id_for (self, reference, error) == 0)
    return NULL;

  return rd_audit_list_for_case (self, reference, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Imported holiday calendars */

static void
load_imported_calendars (RdStore *self)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "SELECT id, name, ics FROM imported_calendars", NULL);
  if (stmt == NULL)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (RdCalendar) calendar = NULL;
      g_autoptr (GError) error = NULL;

      calendar = rd_calendar_new_from_ical ((const char *) sqlite3_column_text (stmt, 0),
                                            (const char *) sqlite3_column_text (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2), -1,
                                            &error);
      if (calendar != NULL)
        rd_calendar_register (calendar);
      else
        g_warning ("Imported calendar %s is unreadable: %s",
                   sqlite3_column_text (stmt, 0), error->message);
    }
}

gboolean
rd_store_import_calendar (RdStore     *self,
                          const char  *id,
                          const char  *name,
                          const char  *ics,
                          gsize        length,
                          GError     **error)
{
  g_autoptr (RdCalendar) calendar = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *now = rd_timestamp_now ();
  g_autofree char *text = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && name != NULL && ics != NULL, FALSE);

  calendar = rd_calendar_new_from_ical (id, name, ics, length, error);
  if (calendar == NULL)
    return FALSE;

  text = g_strndup (ics, length);

  if (!rd_store_begin (self, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO imported_calendars (id, name, ics, imported_at)"
                  " VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto fail;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, text);
  bind_text (stmt, 4, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the calendar"), error);
      goto fail;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "calendar");
  rd_json_writer_string (details, id);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, NULL, "calendar.imported", details_json, NULL, error) ||
      !rd_store_commit (self, error))
    goto fail;

  rd_calendar_register (calendar);
  return TRUE;

fail:
  rd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Bulk history */

static const char *
clock_action (const char *kind)
{
  if (g_str_equal (kind, "pause"))
    return "clock.paused";
  if (g_str_equal (kind, "resume"))
    return "clock.resumed";
  if (g_str_equal (kind, "restart"))
    return "clock.restarted";
  return "clock.extended";
}

static char *
date_details (const char  *key,
              const GDate *on)
{
  g_autoptr (RdJsonWriter) writer = rd_json_writer_new (NULL);

  rd_json_writer_begin_object (writer);
  rd_json_writer_key (writer, key);
  rd_json_writer_date (writer, on);
  rd_json_writer_end_object (writer);
  return rd_json_writer_free_to_string (g_steal_pointer (&writer));
}

gboolean
rd_store_add_case_history (RdStore            *self,
                           RdCase             *item,
                           const RdClockStep  *steps,
                           guint               n_steps,
                           GError            **error)
{
  g_autoptr (RdClient) client = NULL;
  g_autoptr (GArray) pauses = g_array_new (FALSE, FALSE, sizeof (RdPause));
  gboolean closing;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CASE (item), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  client = prepare_new_case (self, item, error);
  if (client == NULL)
    return FALSE;

  /* Play the clock forward in memory, then store the end state in one insert. */
  g_date_clear (&item->paused_since, 1);
  g_date_clear (&item->restart_date, 1);
  item->extended = FALSE;

  for (guint i = 0; i < n_steps; i++)
    {
      const RdClockStep *step = &steps[i];

      if (g_str_equal (step->kind, "pause"))
        item->paused_since = step->on;
      else if (g_str_equal (step->kind, "resume") || g_str_equal (step->kind, "restart"))
        {
          if (g_date_valid (&item->paused_since))
            {
              RdPause pause = { item->paused_since, step->on };
              g_array_append_val (pauses, pause);
              g_date_clear (&item->paused_since, 1);
            }
          if (g_str_equal (step->kind, "restart"))
            item->restart_date = step->on;
        }
      else
        item->extended = TRUE;
    }

  /* Answering ends a stop of the clock. */
  closing = !rd_case_status_is_open (item->status);
  if (closing && g_date_valid (&item->paused_since))
    {
      RdPause pause = { item->paused_since, item->response_date };
      g_array_append_val (pauses, pause);
      g_date_clear (&item->paused_since, 1);
    }

  if (!compute_deadlines (self, item, pauses, error) ||
      !insert_case (self, client, item, error))
    return FALSE;

  for (guint i = 0; i < n_steps; i++)
    {
      const RdClockStep *step = &steps[i];
      g_autofree char *details = NULL;
      g_autofree char *payload = reason_payload (step->reason);

      details = date_details (g_str_equal (step->kind, "extend") ? "notice_on" : "on", &step->on);
      if (!insert_clock_event (self, item, step->kind, &step->on, step->reason, error) ||
          !rd_audit_append (self, item->reference, clock_action (step->kind), details, payload,
                            error))
        return FALSE;
    }

  if (item->status != RD_STATUS_NEW)
    {
      g_autoptr (RdJsonWriter) writer = rd_json_writer_new (NULL);
      g_autofree char *details = NULL;
      g_autofree char *payload = reason_payload (item->outcome_reason);

      rd_json_writer_begin_object (writer);
      if (closing)
        {
          rd_json_writer_key (writer, "outcome");
          rd_json_writer_string (writer, rd_outcome_to_string (item->outcome));
          rd_json_writer_key (writer, "response_date");
          rd_json_writer_date (writer, &item->response_date);
        }
      else
        {
          rd_json_writer_key (writer, "from");
          rd_json_writer_string (writer, rd_case_status_to_string (RD_STATUS_NEW));
        }
      rd_json_writer_key (writer, "status");
      rd_json_writer_string (writer, rd_case_status_to_string (item->status));
      rd_json_writer_end_object (writer);
      details = rd_json_writer_free_to_string (g_steal_pointer (&writer));

      if (!rd_audit_append (self, item->reference, closing ? "case.closed" : "case.status",
                            details, payload, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Documents */

static const char * const document_kinds[] = {
  "transcript", "id-document", "evidence", "package", "letter", "record",
};

gboolean
rd_document_is_redacted_copy (const RdDocument *document)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (document != NULL, FALSE);

  /* The editor's own output, or a copy someone redacted elsewhere and attached as such. */
  name = g_ascii_strdown (document->name, -1);
  return g_str_equal (document->kind, "transcript") &&
         (g_strcmp0 (document->source, "redaction") == 0 || strstr (name, "redacted") != NULL);
}

void
rd_document_free (RdDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->case_ref);
  g_free (document->kind);
  g_free (document->name);
  g_free (document->mime_type);
  g_free (document->sha256);
  g_free (document->source);
  g_free (document->created_at);
  g_free (document);
}

/* Scrubs what secure_delete leaves in the log: the log holds the pages as they were until it
 * is checkpointed and emptied. */
static gboolean
empty_log (RdStore  *self,
           GError  **error)
{
  int rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_DATABASE,
                   _("The data was erased, but another program has the database open, so older "
                     "copies of its pages remain in the log until it closes (%s)"),
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

gint64
rd_store_add_document (RdStore     *self,
                       const char  *reference,
                       const char  *kind,
                       const char  *name,
                       const char  *mime_type,
                       GBytes      *content,
                       const char  *source,
                       GError     **error)
{
  g_autoptr (CachedStmt) stmt = NULL;
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *now = rd_timestamp_now ();
  gboolean own_transaction, known_kind = FALSE;
  gint64 id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (reference != NULL && kind != NULL && name != NULL, 0);
  g_return_val_if_fail (mime_type != NULL && content != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (document_kinds); i++)
    known_kind |= g_str_equal (kind, document_kinds[i]);
  if (!known_kind)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown kind of document “%s”"), kind);
      return 0;
    }

  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);

  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !rd_store_begin (self, error))
    return 0;

  item = rd_store_get_case (self, reference, error);
  if (item == NULL)
    goto fail;
  if (item->purged)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("The case %s was purged and can no longer change"), reference);
      goto fail;
    }

  stmt = rd_store_prepare_cached (self,
                                  "INSERT INTO documents (case_id, kind, name, mime_type, sha256,"
                                  " bytes, source, content, created_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, item->id);
  bind_text (stmt, 2, kind);
  bind_text (stmt, 3, name);
  bind_text (stmt, 4, mime_type);
  bind_text (stmt, 5, sha);
  sqlite3_bind_int64 (stmt, 6, g_bytes_get_size (content));
  bind_text (stmt, 7, source);
  sqlite3_bind_blob64 (stmt, 8, g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                       SQLITE_STATIC);
  bind_text (stmt, 9, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the document"), error);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);

  /* The name may be personal ("passport-anna.pdf"): it stays out of the chain. */
  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "document");
  rd_json_writer_int (details, id);
  rd_json_writer_key (details, "kind");
  rd_json_writer_string (details, kind);
  rd_json_writer_key (details, "sha256");
  rd_json_writer_string (details, sha);
  rd_json_writer_key (details, "bytes");
  rd_json_writer_int (details, g_bytes_get_size (content));
  rd_json_writer_key (details, "source");
  rd_json_writer_string (details, source);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, reference, "document.added", details_json, NULL, error))
    goto fail;

  if (own_transaction && !rd_store_commit (self, error))
    return 0;

  emit_changed (self, reference);
  return id;

fail:
  if (own_transaction)
    rd_store_rollback (self);
  return 0;
}

#define DOCUMENT_COLUMNS \
  "d.id, c.reference, d.kind, d.name, d.mime_type, d.sha256, d.bytes, d.source, d.created_at, " \
  "d.retain_until"

static RdDocument *
document_from_row (sqlite3_stmt *stmt)
{
  RdDocument *document = g_new0 (RdDocument, 1);

  document->id = sqlite3_column_int64 (stmt, 0);
  document->case_ref = column_strdup (stmt, 1);
  document->kind = column_strdup (stmt, 2);
  document->name = column_strdup (stmt, 3);
  document->mime_type = column_strdup (stmt, 4);
  document->sha256 = column_strdup (stmt, 5);
  document->size = sqlite3_column_int64 (stmt, 6);
  document->source = column_strdup (stmt, 7);
  document->created_at = column_strdup (stmt, 8);
  column_date (stmt, 9, &document->retain_until);
  return document;
}

GPtrArray *
rd_store_list_documents (RdStore     *self,
                         const char  *reference,
                         GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_document_free);
  gint64 case_id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  case_id = case_id_for (self, reference, error);
  if (case_id == 0)
    return NULL;

  stmt = prepare (self,
                  "SELECT " DOCUMENT_COLUMNS " FROM documents d JOIN cases c ON c.id = d.case_id"
                  " WHERE d.case_id = ? ORDER BY d.id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the documents"), error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

RdDocument *
rd_store_get_document (RdStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT " DOCUMENT_COLUMNS " FROM documents d JOIN cases c ON c.id = d.case_id"
                  " WHERE d.id = ?",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("There is no document %" PRId64), id);
      return NULL;
    }

  return document_from_row (stmt);
}

GBytes *
rd_store_get_document_content (RdStore  *self,
                               gint64    id,
                               GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT content FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("There is no document %" PRId64), id);
      return NULL;
    }

  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

gboolean
rd_store_set_document_retention (RdStore      *self,
                                 gint64        id,
                                 const GDate  *retain_until,
                                 GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = prepare (self, "UPDATE documents SET retain_until = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_date (stmt, 1, retain_until);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the document"), error);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("There is no document %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_purge_document (RdStore     *self,
                         gint64       id,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *payload = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  if (!rd_store_begin (self, error))
    return FALSE;

  document = rd_store_get_document (self, id, error);
  if (document == NULL)
    goto fail;

  stmt = prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Purging the document"), error);
      goto fail;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "document");
  rd_json_writer_int (details, id);
  rd_json_writer_key (details, "sha256");
  rd_json_writer_string (details, document->sha256);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));
  payload = reason_payload (reason);

  if (!rd_audit_append (self, document->case_ref, "document.purged", details_json, payload,
                        error) ||
      !rd_store_commit (self, error))
    goto fail;

  emit_changed (self, document->case_ref);
  return empty_log (self, error);

fail:
  rd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Redactions */

static const char * const redaction_states[] = { "proposed", "accepted", "rejected" };

gboolean
rd_store_count_redactions (RdStore  *self,
                           gint64    document_id,
                           guint     counts[3],
                           GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  G_STATIC_ASSERT (G_N_ELEMENTS (redaction_states) == 3);

  memset (counts, 0, 3 * sizeof (guint));
  stmt = prepare (self, "SELECT state, count(*) FROM redactions WHERE document_id = ?"
                        " GROUP BY state", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint s = 0; s < G_N_ELEMENTS (redaction_states); s++)
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), redaction_states[s]) == 0)
        counts[s] = sqlite3_column_int (stmt, 1);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the redactions"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_record_redacted_export (RdStore     *self,
                                 gint64       document_id,
                                 const char  *format,
                                 GBytes      *output,
                                 GPtrArray   *redactions,
                                 GError     **error)
{
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *sha = NULL;
  guint removed = 0;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (format != NULL && output != NULL && redactions != NULL, FALSE);

  document = rd_store_get_document (self, document_id, error);
  if (document == NULL)
    return FALSE;

  for (guint i = 0; i < redactions->len; i++)
    if (((RdRedaction *) g_ptr_array_index (redactions, i))->state == RD_REDACTION_ACCEPTED)
      removed++;

  /* Where the file went may be personal ("anna-schmidt.pdf"): what it holds is proved by its
   * checksum instead. */
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, output);
  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "document");
  rd_json_writer_int (details, document_id);
  rd_json_writer_key (details, "format");
  rd_json_writer_string (details, format);
  rd_json_writer_key (details, "redacted");
  rd_json_writer_int (details, removed);
  rd_json_writer_key (details, "sha256");
  rd_json_writer_string (details, sha);
  rd_json_writer_key (details, "bytes");
  rd_json_writer_int (details, g_bytes_get_size (output));
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_store_begin (self, error))
    return FALSE;
  if (!rd_audit_append (self, document->case_ref, "redactions.exported", details_json, NULL,
                        error) ||
      !rd_store_commit (self, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  emit_changed (self, document->case_ref);
  return TRUE;
}

gboolean
rd_store_save_redactions (RdStore    *self,
                          gint64      document_id,
                          GPtrArray  *redactions,
                          GError    **error)
{
  g_autoptr (RdDocument) document = NULL;
  g_autoptr (sqlite3_stmt) clear = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  guint counts[G_N_ELEMENTS (redaction_states)] = { 0 };
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (redactions != NULL, FALSE);

  if (!rd_store_begin (self, error))
    return FALSE;

  document = rd_store_get_document (self, document_id, error);
  if (document == NULL)
    goto fail;

  clear = prepare (self, "DELETE FROM redactions WHERE document_id = ?", error);
  insert = clear ? prepare (self,
                            "INSERT INTO redactions (document_id, start, end, entity, reason,"
                            " state, subject) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error) : NULL;
  if (insert == NULL)
    goto fail;

  sqlite3_bind_int64 (clear, 1, document_id);
  rc = sqlite3_step (clear);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the redactions"), error);
      goto fail;
    }

  for (guint i = 0; i < redactions->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (redactions, i);

      g_return_val_if_fail ((guint) r->state < G_N_ELEMENTS (redaction_states), FALSE);
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, document_id);
      sqlite3_bind_int64 (insert, 2, r->start);
      sqlite3_bind_int64 (insert, 3, r->end);
      bind_text (insert, 4, r->entity);
      bind_text (insert, 5, r->reason);
      bind_text (insert, 6, redaction_states[r->state]);
      sqlite3_bind_int (insert, 7, r->subject);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          rd_store_set_error (self, rc, _("Saving the redactions"), error);
          goto fail;
        }
      counts[r->state]++;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "document");
  rd_json_writer_int (details, document_id);
  for (guint s = 0; s < G_N_ELEMENTS (redaction_states); s++)
    {
      rd_json_writer_key (details, redaction_states[s]);
      rd_json_writer_int (details, counts[s]);
    }
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, document->case_ref, "redactions.saved", details_json, NULL, error) ||
      !rd_store_commit (self, error))
    goto fail;

  emit_changed (self, document->case_ref);
  return TRUE;

fail:
  rd_store_rollback (self);
  return FALSE;
}

GPtrArray *
rd_store_load_redactions (RdStore  *self,
                          gint64    document_id,
                          GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) redactions = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT start, end, entity, reason, state, subject FROM redactions"
                  " WHERE document_id = ? ORDER BY start, id",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdRedactionState state = RD_REDACTION_PROPOSED;
      const char *name = (const char *) sqlite3_column_text (stmt, 4);
      RdRedaction *r;

      for (guint s = 0; s < G_N_ELEMENTS (redaction_states); s++)
        if (g_str_equal (name, redaction_states[s]))
          state = s;

      r = rd_redaction_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3), state);
      r->subject = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (redactions, r);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the redactions"), error);
      return NULL;
    }

  return g_steal_pointer (&redactions);
}

void
rd_withheld_item_free (RdWithheldItem *item)
{
  if (item == NULL)
    return;
  g_free (item->document);
  g_free (item->entity);
  g_free (item->reason);
  g_free (item);
}

GPtrArray *
rd_store_list_withheld (RdStore     *self,
                        const char  *reference,
                        GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_withheld_item_free);
  gint64 case_id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  case_id = case_id_for (self, reference, error);
  if (case_id == 0)
    return NULL;

  stmt = prepare (self,
                  "SELECT d.id, d.name, r.entity, r.reason, count(*) FROM redactions r"
                  " JOIN documents d ON d.id = r.document_id"
                  " WHERE d.case_id = ? AND r.state = 'accepted'"
                  " GROUP BY d.id, r.entity, r.reason ORDER BY d.id, r.entity",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdWithheldItem *item = g_new0 (RdWithheldItem, 1);

      item->document_id = sqlite3_column_int64 (stmt, 0);
      item->document = column_strdup (stmt, 1);
      item->entity = column_strdup (stmt, 2);
      item->reason = column_strdup (stmt, 3);
      item->count = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (items, item);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the withheld items"), error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* ------------------------------------------------------------------------------------------ */
/* Connectors */

gboolean
rd_store_save_connector (RdStore            *self,
                         RdConnectorConfig  *config,
                         GError            **error)
{
  g_autoptr (RdClient) client = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CONNECTOR_CONFIG (config), FALSE);

  if (!rd_connector_config_validate (config, error))
    return FALSE;

  if (!rd_store_begin (self, error))
    return FALSE;

  client = rd_store_get_client (self, rd_connector_config_get_client (config), error);
  if (client == NULL)
    goto fail;

  node = rd_connector_config_to_json (config);
  json = json_to_string (node, FALSE);

  stmt = prepare (self,
                  "INSERT INTO connectors (client_id, name, config) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (name) DO UPDATE SET client_id = ?1, config = ?3",
                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, rd_client_get_id (client));
  bind_text (stmt, 2, rd_connector_config_get_name (config));
  bind_text (stmt, 3, json);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the connection"), error);
      goto fail;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "connector");
  rd_json_writer_string (details, rd_connector_config_get_name (config));
  rd_json_writer_key (details, "client");
  rd_json_writer_string (details, rd_connector_config_get_client (config));
  rd_json_writer_key (details, "kind");
  rd_json_writer_string (details, rd_connector_kind_to_string (rd_connector_config_get_kind (config)));
  rd_json_writer_key (details, "url");
  rd_json_writer_string (details, rd_connector_config_get_url (config));
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, NULL, "connector.saved", details_json, NULL, error) ||
      !rd_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  rd_store_rollback (self);
  return FALSE;
}

static RdConnectorConfig *
connector_from_json (const char  *json,
                     GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!rd_json_load_data (parser, json, -1, NULL, error))
    return NULL;
  return rd_connector_config_new_from_json (json_parser_get_root (parser), error);
}

RdConnectorConfig *
rd_store_get_connector (RdStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = prepare (self, "SELECT config FROM connectors WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no connection “%s”"), name);
      return NULL;
    }

  return connector_from_json ((const char *) sqlite3_column_text (stmt, 0), error);
}

GPtrArray *
rd_store_list_connectors (RdStore     *self,
                          const char  *client,
                          GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) configs = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT k.config FROM connectors k JOIN clients cl ON cl.id = k.client_id"
                  " WHERE ?1 IS NULL OR cl.name = ?1 ORDER BY k.name",
                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, client);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdConnectorConfig *config = connector_from_json ((const char *) sqlite3_column_text (stmt, 0),
                                                       error);
      if (config == NULL)
        return NULL;
      g_ptr_array_add (configs, config);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the connections"), error);
      return NULL;
    }

  return g_steal_pointer (&configs);
}

gboolean
rd_store_remove_connector (RdStore     *self,
                           const char  *name,
                           GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  if (!rd_store_begin (self, error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM connectors WHERE name = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Removing the connection"), error);
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no connection “%s”"), name);
      goto fail;
    }

  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "connector");
  rd_json_writer_string (details, name);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_audit_append (self, NULL, "connector.removed", details_json, NULL, error) ||
      !rd_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  rd_store_rollback (self);
  return FALSE;
}

gboolean
rd_store_set_connector_result (RdStore     *self,
                               const char  *name,
                               gboolean     ok,
                               const char  *message,
                               GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = rd_timestamp_now ();
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = prepare (self,
                  "UPDATE connectors SET last_ok = ?, last_message = ?, last_at = ? WHERE name = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ok);
  bind_text (stmt, 2, message);
  bind_text (stmt, 3, now);
  bind_text (stmt, 4, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the connection"), error);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no connection “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_get_connector_result (RdStore     *self,
                               const char  *name,
                               gboolean    *ok,
                               char       **message,
                               char       **at,
                               GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = prepare (self, "SELECT last_ok, last_message, last_at FROM connectors WHERE name = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no connection “%s”"), name);
      return FALSE;
    }

  if (ok)
    *ok = sqlite3_column_int (stmt, 0) != 0;
  if (message)
    *message = column_strdup (stmt, 1);
  if (at)
    *at = column_strdup (stmt, 2);
  return sqlite3_column_type (stmt, 2) != SQLITE_NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Records of processing */

#define RECORD_FIELDS \
  "controller, dpo, purposes, data_categories, recipients, transfers, retention, sources," \
  " automated_decisions, authority"

void
rd_client_records_free (RdClientRecords *records)
{
  if (records == NULL)
    return;
  g_free (records->controller);
  g_free (records->dpo);
  g_free (records->purposes);
  g_free (records->data_categories);
  g_free (records->recipients);
  g_free (records->transfers);
  g_free (records->retention);
  g_free (records->sources);
  g_free (records->automated_decisions);
  g_free (records->authority);
  g_free (records);
}

RdClientRecords *
rd_store_get_client_records (RdStore     *self,
                             const char  *client,
                             GError     **error)
{
  g_autoptr (RdClient) known = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  RdClientRecords *records;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  known = rd_store_get_client (self, client, error);
  if (known == NULL)
    return NULL;

  stmt = prepare (self, "SELECT " RECORD_FIELDS " FROM client_records WHERE client_id = ?",
                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, rd_client_get_id (known));
  records = g_new0 (RdClientRecords, 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      records->controller = column_strdup (stmt, 0);
      records->dpo = column_strdup (stmt, 1);
      records->purposes = column_strdup (stmt, 2);
      records->data_categories = column_strdup (stmt, 3);
      records->recipients = column_strdup (stmt, 4);
      records->transfers = column_strdup (stmt, 5);
      records->retention = column_strdup (stmt, 6);
      records->sources = column_strdup (stmt, 7);
      records->automated_decisions = column_strdup (stmt, 8);
      records->authority = column_strdup (stmt, 9);
    }
  else if (rc != SQLITE_DONE)
    {
      rd_client_records_free (records);
      rd_store_set_error (self, rc, _("Reading the records of processing"), error);
      return NULL;
    }

  return records;
}

gboolean
rd_store_set_client_records (RdStore                *self,
                             const char             *client,
                             const RdClientRecords  *records,
                             GError                **error)
{
  g_autoptr (RdClient) known = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = rd_timestamp_now ();
  g_autofree char *details = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (client != NULL && records != NULL, FALSE);

  known = rd_store_get_client (self, client, error);
  if (known == NULL)
    return FALSE;

  if (!rd_store_begin (self, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO client_records (client_id, " RECORD_FIELDS
                  ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, rd_client_get_id (known));
  bind_text (stmt, 2, records->controller);
  bind_text (stmt, 3, records->dpo);
  bind_text (stmt, 4, records->purposes);
  bind_text (stmt, 5, records->data_categories);
  bind_text (stmt, 6, records->recipients);
  bind_text (stmt, 7, records->transfers);
  bind_text (stmt, 8, records->retention);
  bind_text (stmt, 9, records->sources);
  bind_text (stmt, 10, records->automated_decisions);
  bind_text (stmt, 11, records->authority);
  bind_text (stmt, 12, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the records of processing"), error);
      goto fail;
    }

  details = g_strdup_printf ("{\"client\":%" G_GINT64_FORMAT "}", rd_client_get_id (known));
  if (!rd_audit_append (self, NULL, "client.records-updated", details, NULL, error) ||
      !rd_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  rd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence of work on client systems */

gboolean
rd_store_record_evidence (RdStore     *self,
                          const char  *reference,
                          const char  *action,
                          const char  *details_json,
                          const char  *payload_json,
                          GError     **error)
{
  g_autoptr (RdCase) item = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (reference != NULL && action != NULL, FALSE);

  /* Inside a caller's transaction (a collect storing its documents) the evidence commits or
   * rolls back with them. */
  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !rd_store_begin (self, error))
    return FALSE;

  item = rd_store_get_case (self, reference, error);
  if (item == NULL)
    goto fail;
  if (!rd_audit_append (self, reference, action, details_json, payload_json, error))
    goto fail;
  if (own_transaction && !rd_store_commit (self, error))
    return FALSE;

  if (own_transaction)
    emit_changed (self, reference);
  return TRUE;

fail:
  if (own_transaction)
    rd_store_rollback (self);
  return FALSE;
}

/* Identity checks */

typedef struct
{
  const RdVerificationRecord *record;
  RdVerificationFlags         flags;
} VerificationChange;

static gboolean
insert_verification (RdStore                    *self,
                     RdCase                     *item,
                     const RdVerificationRecord *record,
                     gint64                     *id,
                     GError                    **error)
{
  g_autoptr (RdVerificationRecord) stored = rd_verification_record_copy (record);
  g_autoptr (CachedStmt) stmt = NULL;
  g_autofree char *json = NULL;
  int rc;

  /* The reason is free text that may name the person: it lives in its own column, which a
   * purge clears, and never in the record. */
  g_clear_pointer (&stored->reason, g_free);
  json = rd_verification_record_to_string (stored);

  stmt = rd_store_prepare_cached (self,
                                  "INSERT INTO verification_checks"
                                  " (case_id, outcome, record, reason, checked_at)"
                                  " VALUES (?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->id);
  bind_text (stmt, 2, rd_check_outcome_to_string (record->outcome));
  bind_text (stmt, 3, json);
  bind_text (stmt, 4, record->reason);
  bind_text (stmt, 5, record->checked_at);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Recording the identity check"), error);
      return FALSE;
    }

  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Runs one of the clock changes above inside the verification's transaction, its details
 * nested under "clock", so that the clock moves exactly as `case restart` etc. move it. */
static gboolean
move_clock (RdStore       *self,
            RdCase        *item,
            ChangeFunc     func,
            const char    *kind,
            Change        *clock,
            RdJsonWriter  *details,
            GError       **error)
{
  g_autofree char *ignored = NULL;

  rd_json_writer_key (details, "clock");
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "kind");
  rd_json_writer_string (details, kind);
  if (!func (self, item, clock, details, &ignored, error))
    return FALSE;
  rd_json_writer_end_object (details);
  return TRUE;
}

static gboolean
verification_cb (RdStore       *self,
                 RdCase        *item,
                 gpointer       data,
                 RdJsonWriter  *details,
                 char         **payload,
                 GError       **error)
{
  VerificationChange *change = data;
  const RdVerificationRecord *record = change->record;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_auto (GStrv) failed = NULL;
  gboolean restarts, suspends;
  GDate evidence;
  Change clock;
  gint64 id = 0;

  if (!require_open (item, error))
    return FALSE;

  if (record->outcome != RD_CHECK_VERIFIED && !require_reason (record->reason, error))
    return FALSE;

  /* Verifying although a check of the document failed is the officer's judgement, and the
   * audit trail must say why (the reason goes to the payload, the failed checks to details). */
  failed = rd_verification_record_get_failed_checks (record);
  if (record->outcome == RD_CHECK_VERIFIED && failed != NULL &&
      text_is_blank (record->reason))
    {
      g_autoptr (GString) what = g_string_new (NULL);

      for (guint i = 0; failed[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (what, ", ");
          g_string_append (what, rd_verification_failed_check_to_label (failed[i]));
        }
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: the checks that failed, e.g. "the document has expired" */
                   _("A check failed (%s): give the reason the identity is verified all the same"),
                   what->str);
      return FALSE;
    }

  g_date_clear (&evidence, 1);
  if (record->evidence_received != NULL &&
      !rd_date_parse (record->evidence_received, &evidence, error))
    return FALSE;

  jurisdiction = rd_jurisdiction_lookup (item->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  /* UK GDPR: the period begins again when the evidence arrives (Art. 12A). EU GDPR: the time is
   * only suspended while the controller waits (EDPB 01/2022 para. 159). CCPA: neither. */
  restarts = rd_jurisdiction_allows_restart (jurisdiction, item->type, NULL);
  suspends = !restarts && rd_jurisdiction_allows_pause (jurisdiction, item->type, NULL);

  if (!insert_verification (self, item, record, &id, error))
    return FALSE;

  rd_json_writer_key (details, "check");
  rd_json_writer_int (details, id);
  rd_json_writer_key (details, "method");
  rd_json_writer_string (details, rd_check_method_to_string (record->method));
  rd_json_writer_key (details, "outcome");
  rd_json_writer_string (details, rd_check_outcome_to_string (record->outcome));
  rd_json_writer_key (details, "data_points");
  rd_json_writer_strv (details, (const char * const *) record->data_points);
  if (failed != NULL)
    {
      rd_json_writer_key (details, "failed_checks");
      rd_json_writer_strv (details, (const char * const *) failed);
    }
  if (record->rule != NULL)
    {
      rd_json_writer_key (details, "rule");
      rd_json_writer_string (details, record->rule);
    }

  switch (record->outcome)
    {
    case RD_CHECK_VERIFIED:
      change_init (&clock, &evidence, _("Identity evidence received"));
      if (restarts &&
          !move_clock (self, item, restart_cb, "restart", &clock, details, error))
        return FALSE;
      if (suspends && g_date_valid (&item->paused_since) &&
          !move_clock (self, item, resume_cb, "resume", &clock, details, error))
        return FALSE;
      item->status = RD_STATUS_IN_PROGRESS;
      break;

    case RD_CHECK_MORE_INFORMATION:
      change_init (&clock, NULL, record->reason);
      /* Past the deadline there is no period left to suspend: the case only waits. */
      if (suspends && !g_date_valid (&item->paused_since) &&
          check_clock_running (item, &clock.on, NULL) &&
          !move_clock (self, item, pause_cb, "pause", &clock, details, error))
        return FALSE;
      item->status = RD_STATUS_IDENTITY_VERIFICATION;
      break;

    case RD_CHECK_FAILED:
      if ((change->flags & RD_VERIFICATION_KEEP_OPEN) == 0)
        {
          change_init (&clock, NULL, _("Identity could not be verified"));
          clock.outcome = RD_OUTCOME_DENIED;
          if (!move_clock (self, item, close_cb, "close", &clock, details, error))
            return FALSE;
        }
      break;

    case RD_N_CHECK_OUTCOMES:
    default:
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown outcome of the check"));
      return FALSE;
    }

  *payload = reason_payload (record->reason);
  return TRUE;
}

gboolean
rd_store_record_verification_full (RdStore                    *self,
                                   const char                 *reference,
                                   const RdVerificationRecord *record,
                                   RdVerificationFlags         flags,
                                   GError                    **error)
{
  g_autoptr (RdVerificationRecord) filled = NULL;
  VerificationChange change;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if ((guint) record->method >= RD_N_CHECK_METHODS)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("Unknown method of the check"));
      return FALSE;
    }

  filled = rd_verification_record_copy (record);
  if (filled->checked_by == NULL || filled->checked_by[0] == '\0')
    {
      g_free (filled->checked_by);
      filled->checked_by = g_strdup (self->actor);
    }
  if (filled->checked_at == NULL)
    filled->checked_at = rd_timestamp_now ();

  change.record = filled;
  change.flags = flags;
  return change_case (self, reference, "identity.checked", verification_cb, &change, error);
}

gboolean
rd_store_record_verification (RdStore                    *self,
                              const char                 *reference,
                              const RdVerificationRecord *record,
                              GError                    **error)
{
  return rd_store_record_verification_full (self, reference, record,
                                            RD_VERIFICATION_FLAGS_NONE, error);
}

GPtrArray *
rd_store_list_verifications (RdStore     *self,
                             const char  *reference,
                             GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  gint64 case_id;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  case_id = case_id_for (self, reference, error);
  if (case_id == 0)
    return NULL;

  stmt = prepare (self,
                  "SELECT record, reason FROM verification_checks WHERE case_id = ? ORDER BY id",
                  error);
  if (stmt == NULL)
    return NULL;

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_verification_record_free);
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdVerificationRecord *record;

      record = rd_verification_record_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                                   error);
      if (record == NULL)
        return NULL;
      g_free (record->reason);
      record->reason = column_strdup (stmt, 1);
      g_ptr_array_add (checks, record);
    }

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the identity checks"), error);
      return NULL;
    }

  return g_steal_pointer (&checks);
}

/* ------------------------------------------------------------------------------------------ */
/* Clients' policy for ID documents */

gboolean
rd_store_get_id_copy_days (RdStore     *self,
                           const char  *client,
                           guint       *days,
                           GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (client != NULL && days != NULL, FALSE);

  stmt = prepare (self, "SELECT coalesce (id_copy_days, 0) FROM clients WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, client);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no client “%s”"), client);
      return FALSE;
    }

  *days = sqlite3_column_int (stmt, 0);
  return TRUE;
}

gboolean
rd_store_set_id_copy_days (RdStore     *self,
                           const char  *client,
                           guint        days,
                           GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *details = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  if (!rd_store_begin (self, error))
    return FALSE;

  stmt = prepare (self, "UPDATE clients SET id_copy_days = ?2 WHERE name = ?1", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, client);
  if (days > 0)
    sqlite3_bind_int (stmt, 2, days);
  else
    sqlite3_bind_null (stmt, 2);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Saving the client"), error);
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no client “%s”"), client);
      goto fail;
    }

  details = g_strdup_printf ("{\"id_copy_days\":%u}", days);
  if (!rd_audit_append (self, NULL, "client.id-policy", details, NULL, error) ||
      !rd_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  rd_store_rollback (self);
  return FALSE;
}

GPtrArray *
rd_store_list_open_documents (RdStore     *self,
                              const char  *kind,
                              GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_document_free);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  /* One query for the whole queue, rather than one per case. */
  stmt = prepare (self,
                  "SELECT " DOCUMENT_COLUMNS " FROM documents d JOIN cases c ON c.id = d.case_id"
                  " WHERE d.kind = ? AND " OPEN_CASES " ORDER BY c.id, d.id",
                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      rd_store_set_error (self, rc, _("Reading the documents"), error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}
