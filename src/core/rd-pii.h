/* rd-pii.h: personal data in text, found in one pass, told apart between the requester and others
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Entity names are the ones most tools use (ARCHITECTURE.md); never rename one. */
typedef enum
{
  RD_PII_EMAIL_ADDRESS,
  RD_PII_PHONE_NUMBER,
  RD_PII_CREDIT_CARD,
  RD_PII_IBAN_CODE,
  RD_PII_IP_ADDRESS,
  RD_PII_URL,
  RD_PII_US_SSN,
  RD_PII_UK_NINO,
  RD_PII_UK_NHS,
  RD_PII_DATE_TIME,   /* dates of birth only: other dates are not personal on their own */
  RD_PII_LOCATION,    /* postal addresses: street lines, UK postcodes */
  RD_PII_PERSON,
  RD_PII_N_ENTITIES
} RdPiiEntity;

#define RD_PII_ALL_ENTITIES ((1u << RD_PII_N_ENTITIES) - 1)

const char *rd_pii_entity_to_string   (RdPiiEntity  entity);
gboolean    rd_pii_entity_from_string (const char  *text,
                                       RdPiiEntity *out);

typedef struct
{
  RdPiiEntity  entity;
  gsize        start;      /* byte offsets into the scanned text, end exclusive */
  gsize        end;
  double       score;      /* 0..1: 1 when a checksum or the subject's identity confirms it */
  const char  *reason;     /* static, untranslated, e.g. "Luhn checksum" */
  gboolean     subject;    /* the requester's own identifier */
} RdPiiFinding;

/* A speaker turn of a transcript: [start, end) in bytes, said by @speaker. */
typedef struct
{
  gsize        start;
  gsize        end;
  const char  *speaker;
} RdPiiTurn;

typedef struct _RdPiiScanner RdPiiScanner;

/* Called once per finding, in order of start; return FALSE to stop the scan. */
typedef gboolean (*RdPiiFindingFunc) (const RdPiiFinding *finding,
                                      gpointer            user_data);

/* Configure a scanner once, then scan with it from any number of threads: scanning never
 * changes it. The configuration functions must not run while a scan is under way. */
RdPiiScanner *rd_pii_scanner_new               (void);
RdPiiScanner *rd_pii_scanner_ref               (RdPiiScanner *self);
void          rd_pii_scanner_unref             (RdPiiScanner *self);

/* The requester's identity: names ("Anna Schmidt"), e-mail addresses, phone numbers in any
 * format, account ids (customer numbers, IBANs, cards...). */
void          rd_pii_scanner_add_subject_name  (RdPiiScanner *self,
                                                const char   *name);
void          rd_pii_scanner_add_subject_email (RdPiiScanner *self,
                                                const char   *email);
void          rd_pii_scanner_add_subject_phone (RdPiiScanner *self,
                                                const char   *phone);
void          rd_pii_scanner_add_subject_account (RdPiiScanner *self,
                                                  const char   *account);
/* Other people the case knows by name (staff, a named third party): always PERSON. */
void          rd_pii_scanner_add_known_name    (RdPiiScanner *self,
                                                const char   *name);
/* The client's own support addresses and numbers, never reported: an e-mail address, a
 * whole domain as "@example.com", a phone number in any format, or a URL prefix. */
void          rd_pii_scanner_add_allowed       (RdPiiScanner *self,
                                                const char   *value);
/* A mask of (1 << RdPiiEntity) bits; RD_PII_ALL_ENTITIES by default. */
void          rd_pii_scanner_set_entities      (RdPiiScanner *self,
                                                guint         entities);

/* Scans @length bytes of valid UTF-8 (repair it first with g_utf8_make_valid). @turns, in
 * order, may be NULL: speaker labels in the text ("Anna:", "From: Anna <a@b.c>") are then
 * used. Memory use does not grow with @length. Returns FALSE when @func stopped the scan. */
gboolean      rd_pii_scanner_scan_foreach      (RdPiiScanner     *self,
                                                const char       *text,
                                                gsize             length,
                                                const RdPiiTurn  *turns,
                                                guint             n_turns,
                                                RdPiiFindingFunc  func,
                                                gpointer          user_data);
/* The same, collected: a GArray of RdPiiFinding sorted by start. */
GArray       *rd_pii_scanner_scan              (RdPiiScanner     *self,
                                                const char       *text,
                                                gsize             length,
                                                const RdPiiTurn  *turns,
                                                guint             n_turns);

/* Called from a worker thread for each finding of text @index. */
typedef void (*RdPiiManyFunc) (guint               index,
                               const RdPiiFinding *finding,
                               gpointer            user_data);

/* Scans @n_texts texts (many files) on a pool of @n_threads workers (0: one per core), one
 * text per task; @func must be thread-safe. Returns when all are done. */
void          rd_pii_scanner_scan_many         (RdPiiScanner      *self,
                                                const char *const *texts,
                                                const gsize       *lengths,
                                                guint              n_texts,
                                                guint              n_threads,
                                                RdPiiManyFunc      func,
                                                gpointer           user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPiiScanner, rd_pii_scanner_unref)

G_END_DECLS
