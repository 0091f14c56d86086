/* rd-pii-lexicon.h: the words personal-data detection knows (names, context, street types)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A word may carry several of these. */
typedef enum
{
  RD_LEX_FIRST        = 1 << 0,   /* a given name of the gazetteer */
  RD_LEX_LAST         = 1 << 1,   /* a surname of the gazetteer */
  RD_LEX_NAME_WORD    = 1 << 2,   /* a name that is also an ordinary word: needs context */
  RD_LEX_GREETING     = 1 << 3,   /* Hi, Dear: a name may follow */
  RD_LEX_CLOSING      = 1 << 4,   /* Thanks, Regards: a signature may follow */
  RD_LEX_TITLE        = 1 << 5,   /* Mr, Dr: a name follows */
  RD_LEX_ROLE         = 1 << 6,   /* Agent, Customer: a speaker that is no name */
  RD_LEX_NOT_NAME     = 1 << 7,   /* capitalised words that are never names (The, Team, Monday) */
  RD_LEX_STREET       = 1 << 8,   /* Street, Road, Ave: ends an English street name */
  RD_LEX_STREET_FIRST = 1 << 9,   /* rue, Via, Calle: starts a street name */
  RD_LEX_MONTH        = 1 << 10,
  RD_LEX_UNIT         = 1 << 11,  /* Apt, Flat, Suite */
  /* Context words, looked up before a candidate. */
  RD_LEX_CTX_LOOKALIKE = 1 << 12, /* order, ticket, tracking, invoice: a reference, not a person */
  RD_LEX_CTX_PHONE    = 1 << 13,
  RD_LEX_CTX_CARD     = 1 << 14,
  RD_LEX_CTX_SSN      = 1 << 15,
  RD_LEX_CTX_NHS      = 1 << 16,
  RD_LEX_CTX_BANK     = 1 << 17,
  RD_LEX_CTX_BIRTH    = 1 << 18,
  RD_LEX_CTX_THIRD    = 1 << 19,  /* wife, colleague, his: what follows is someone else's */
  RD_LEX_CTX_VERSION  = 1 << 20,  /* version, build: dotted numbers are no IP addresses */
  RD_LEX_CTX_MONEY    = 1 << 21,  /* EUR, dollars: an amount */
  RD_LEX_CTX_INTRO    = 1 << 22,  /* named, called, name (is): a name follows */
  RD_LEX_CTX_NINO     = 1 << 23,
  RD_LEX_HEADER       = 1 << 24,  /* From, To, Cc: e-mail header names */
  RD_LEX_SPOKEN_DIGIT = 1 << 25,  /* zero..nine, oh, double, triple */
  RD_LEX_TLD          = 1 << 26,  /* com, org, uk: ends a spoken e-mail domain */
  RD_LEX_US_STATE     = 1 << 27,
  RD_LEX_CTX_SELF     = 1 << 28,  /* my name is, this is: the speaker's own name follows */
} RdLexFlags;

#define RD_LEX_CTX_ANY (RD_LEX_CTX_LOOKALIKE | RD_LEX_CTX_PHONE | RD_LEX_CTX_CARD | \
                        RD_LEX_CTX_SSN | RD_LEX_CTX_NHS | RD_LEX_CTX_BANK | \
                        RD_LEX_CTX_BIRTH | RD_LEX_CTX_VERSION | RD_LEX_CTX_MONEY | \
                        RD_LEX_CTX_NINO)

/* The longest word the lexicon and the scanner's name sets hold, case-folded, in bytes. */
#define RD_PII_FOLD_MAX 64

/* Case-folds @word into @buf (RD_PII_FOLD_MAX + 8 bytes) and pads it with zeros to the next
 * multiple of eight, for rd_pii_hash_padded (); returns the folded length, or 0 when the word
 * is empty or does not fit. The lexicon's keys and the words asked about fold the same way. */
gsize rd_pii_fold_word (const char *word,
                        gsize       length,
                        char       *buf);

static inline guint64
rd_pii_load64 (const char *p)
{
  guint64 x;

  memcpy (&x, p, sizeof x);
  return x;
}

/* Hashes @n bytes eight at a time: @bytes must be zero from @n to the next multiple of 8. */
static inline guint32
rd_pii_hash_padded (const char *bytes,
                    gsize       n)
{
  guint64 h = n * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  for (gsize i = 0; i < n; i += 8)
    {
      h ^= rd_pii_load64 (bytes + i);
      h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  return (guint32) h;
}

/* Flags of the word (any case; UTF-8) or 0. Thread-safe; the table is built on first use. */
guint32 rd_pii_lexicon_lookup (const char *word,
                               gsize       length);

/* rd_pii_lexicon_lookup () for a word whose memory may be read up to the next multiple of
 * 8 bytes past @word (the rest of the text is long enough): no copy byte by byte. */
guint32 rd_pii_lexicon_lookup_padded (const char *word,
                                      gsize       length);

/* FALSE when the ASCII word surely has none of the context flags (RD_LEX_CTX_ANY,
 * RD_LEX_CTX_THIRD, RD_LEX_CTX_INTRO): a cheap test before rd_pii_lexicon_lookup () in
 * look-backs. Not for other words: lower-casing them can change their length in bytes. */
gboolean rd_pii_lexicon_maybe_context (const char *word,
                                       gsize       length);

/* The table behind rd_pii_lexicon_maybe_context (), for look-backs that test many words:
 * row MIN (length, 15), column the first letter, bit the last letter (a..z are 0..25, any
 * other byte 26). */
typedef guint32 RdLexContextRow[27];
const RdLexContextRow *rd_pii_lexicon_context_filter (void);

/* The value of a spoken digit word (0..9), or -1; "double"/"triple" give 10/11. */
int     rd_pii_lexicon_spoken_digit (const char *word,
                                     gsize       length);

G_END_DECLS
