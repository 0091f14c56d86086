/* rd-pii.c: one pass over the text, anchored on '@', digits and capitals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan walks the bytes once with a class table and only stops at anchors: a digit, a
 * capital, '@', a line start, and a few lower-case words (http, www, spoken digits, "at").
 * Each anchor runs a small hand-written matcher; context words are looked up backwards from
 * a candidate only, so the common case (ordinary lower-case prose) costs a table look-up per
 * byte. Findings wait in a short queue where overlaps are settled, and leave it once the scan
 * is far enough past them: memory does not grow with the text.
 */
#define G_LOG_DOMAIN "rd-pii"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "rd-pii.h"
#include "rd-pii-lexicon.h"
#include "rd-pii-phone.h"
#include "rd-pii-validators.h"

#define PENDING_MAX 64
#define FLUSH_DISTANCE 256
#define SEEN_MAX 64      /* one bit each in a guint64 */
#define SEEN_LEN 32
#define CONTEXT_WORDS 8
#define CONTEXT_BYTES 96
#define WORD_CACHE 64
#define LABEL_CACHE 16      /* in sets of two */
#define LABEL_MAX 40

static const char *const entity_names[RD_PII_N_ENTITIES] = {
  "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "URL", "US_SSN",
  "UK_NINO", "UK_NHS", "DATE_TIME", "LOCATION", "PERSON",
};

/* Which finding wins an overlap: checksummed identifiers first, names last. */
static const guint8 priority[RD_PII_N_ENTITIES] = {
  8, 6, 9, 9, 7, 7, 9, 9, 9, 5, 4, 3,
};

const char *
rd_pii_entity_to_string (RdPiiEntity entity)
{
  g_return_val_if_fail (entity < RD_PII_N_ENTITIES, NULL);

  return entity_names[entity];
}

gboolean
rd_pii_entity_from_string (const char  *text,
                           RdPiiEntity *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < RD_PII_N_ENTITIES; i++)
    if (g_str_equal (text, entity_names[i]))
      {
        if (out)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

/* The scanner ---------------------------------------------------------------------------- */

/* A set of case-folded words, looked up without allocating: open addressing on an FNV-1a
 * hash, at most a quarter full. Scans ask it about every capitalised word. */
typedef struct
{
  guint32  hash;
  guint32  length;
  char    *key;        /* NULL: an empty slot */
} WordSlot;

typedef struct
{
  WordSlot *slots;
  guint     mask;
  guint     n;
  guint64   ascii_first[2];  /* a bit for each ASCII byte a key starts with */
  guint64   ascii_last[2];   /* and ends with */
} WordSet;

struct _RdPiiScanner
{
  gatomicrefcount  ref_count;
  guint            entities;
  WordSet          subject_tokens;    /* case-folded name words of the requester */
  WordSet          known_tokens;      /* ... of every name the case knows, the requester's too */
  GHashTable      *subject_emails;    /* case-folded */
  GHashTable      *subject_phones;    /* rd_pii_phone_key () */
  GHashTable      *subject_accounts;  /* upper-case letters and digits only */
  GHashTable      *allowed_emails;
  GHashTable      *allowed_domains;
  GHashTable      *allowed_phones;
  GPtrArray       *allowed_urls;
};

static guint32
hash_string (const char *text,
             gsize       n)
{
  g_autofree char *padded = g_malloc0 (n + 8);

  memcpy (padded, text, n);
  return rd_pii_hash_padded (padded, n);
}

static gboolean
word_set_contains_folded (const WordSet *set,
                          const char    *folded,
                          gsize          n,
                          guint32        hash)
{
  for (guint h = hash & set->mask; set->slots[h].key != NULL; h = (h + 1) & set->mask)
    if (set->slots[h].hash == hash && set->slots[h].length == n &&
        memcmp (set->slots[h].key, folded, n) == 0)
      return TRUE;
  return FALSE;
}

static void
word_set_insert (WordSet    *set,
                 char       *key,
                 guint32     hash)
{
  guint h = hash & set->mask;

  while (set->slots[h].key != NULL)
    h = (h + 1) & set->mask;
  set->slots[h].hash = hash;
  set->slots[h].length = strlen (key);
  set->slots[h].key = key;
  set->n++;
}

/* Adds a word that is already case-folded. */
static void
word_set_add (WordSet    *set,
              const char *folded)
{
  gsize n = strlen (folded);
  guint32 hash = hash_string (folded, n);

  if (set->slots != NULL && word_set_contains_folded (set, folded, n, hash))
    return;
  if ((guchar) folded[0] < 0x80)
    set->ascii_first[(guchar) folded[0] >> 6] |= G_GUINT64_CONSTANT (1) << (folded[0] & 63);
  if (n > 0 && (guchar) folded[n - 1] < 0x80)
    set->ascii_last[(guchar) folded[n - 1] >> 6] |= G_GUINT64_CONSTANT (1) << (folded[n - 1] & 63);

  if (set->slots == NULL || (set->n + 1) * 4 > set->mask + 1)
    {
      WordSlot *old = set->slots;
      guint old_size = old ? set->mask + 1 : 0;
      guint size = old ? old_size * 2 : 16;

      set->slots = g_new0 (WordSlot, size);
      set->mask = size - 1;
      set->n = 0;
      for (guint i = 0; i < old_size; i++)
        if (old[i].key != NULL)
          word_set_insert (set, old[i].key, old[i].hash);
      g_free (old);
    }
  word_set_insert (set, g_strdup (folded), hash);
}

static void
word_set_clear (WordSet *set)
{
  for (guint i = 0; set->slots != NULL && i <= set->mask; i++)
    g_free (set->slots[i].key);
  g_clear_pointer (&set->slots, g_free);
  set->n = 0;
  set->ascii_first[0] = set->ascii_first[1] = 0;
  set->ascii_last[0] = set->ascii_last[1] = 0;
}

static GHashTable *
string_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

RdPiiScanner *
rd_pii_scanner_new (void)
{
  RdPiiScanner *self = g_new0 (RdPiiScanner, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entities = RD_PII_ALL_ENTITIES;
  self->subject_emails = string_set_new ();
  self->subject_phones = string_set_new ();
  self->subject_accounts = string_set_new ();
  self->allowed_emails = string_set_new ();
  self->allowed_domains = string_set_new ();
  self->allowed_phones = string_set_new ();
  self->allowed_urls = g_ptr_array_new_with_free_func (g_free);

  /* Build the word table now rather than inside the first scan. */
  rd_pii_lexicon_lookup ("a", 1);

  return self;
}

RdPiiScanner *
rd_pii_scanner_ref (RdPiiScanner *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rd_pii_scanner_unref (RdPiiScanner *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  word_set_clear (&self->subject_tokens);
  word_set_clear (&self->known_tokens);
  g_hash_table_unref (self->subject_emails);
  g_hash_table_unref (self->subject_phones);
  g_hash_table_unref (self->subject_accounts);
  g_hash_table_unref (self->allowed_emails);
  g_hash_table_unref (self->allowed_domains);
  g_hash_table_unref (self->allowed_phones);
  g_ptr_array_unref (self->allowed_urls);
  g_free (self);
}

static void
add_name_tokens (WordSet    *set,
                 const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_auto (GStrv) words = g_strsplit_set (folded, " \t,.-'", -1);

  for (guint i = 0; words[i]; i++)
    if (g_utf8_strlen (words[i], -1) >= 2)
      word_set_add (set, words[i]);
}

void
rd_pii_scanner_add_subject_name (RdPiiScanner *self,
                                 const char   *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && g_utf8_validate (name, -1, NULL));

  add_name_tokens (&self->subject_tokens, name);
  add_name_tokens (&self->known_tokens, name);
}

void
rd_pii_scanner_add_known_name (RdPiiScanner *self,
                               const char   *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && g_utf8_validate (name, -1, NULL));

  add_name_tokens (&self->known_tokens, name);
}

void
rd_pii_scanner_add_subject_email (RdPiiScanner *self,
                                  const char   *email)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (email != NULL && g_utf8_validate (email, -1, NULL));

  trimmed = g_strstrip (g_strdup (email));
  g_hash_table_add (self->subject_emails, g_utf8_casefold (trimmed, -1));
}

/* Phone sets hold, for each number added, "N" and its key, which any number written as
 * at home matches; for one written as at home also "I" and its key, which any number with
 * a country code matches; and for one with a country code its prefix and key, which only
 * the same country and area match: +46 70 123 45 67 is not +49 170 123 45 67. */
static gboolean
phone_set_add (GHashTable *set,
               const char *text,
               gsize       length)
{
  char key[16], prefix[8];

  if (rd_pii_phone_key (text, length, key, prefix) < 6)
    return FALSE;
  g_hash_table_add (set, g_strconcat ("N", key, NULL));
  if (prefix[0] == '\0')
    g_hash_table_add (set, g_strconcat ("I", key, NULL));
  else
    g_hash_table_add (set, g_strconcat (prefix, ":", key, NULL));
  return TRUE;
}

static gboolean
phone_set_contains (GHashTable *set,
                    const char *text,
                    gsize       length)
{
  char key[16], prefix[8], entry[32];

  rd_pii_phone_key (text, length, key, prefix);
  g_snprintf (entry, sizeof entry, "%s%s", prefix[0] == '\0' ? "N" : "I", key);
  if (g_hash_table_contains (set, entry))
    return TRUE;
  if (prefix[0] == '\0')
    return FALSE;
  g_snprintf (entry, sizeof entry, "%s:%s", prefix, key);
  return g_hash_table_contains (set, entry);
}

void
rd_pii_scanner_add_subject_phone (RdPiiScanner *self,
                                  const char   *phone)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (phone != NULL);

  phone_set_add (self->subject_phones, phone, strlen (phone));
}

static char *
compact_account (const char *text,
                 gsize       length)
{
  GString *s = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    if (g_ascii_isalnum (text[i]))
      g_string_append_c (s, g_ascii_toupper (text[i]));
  return g_string_free (s, FALSE);
}

void
rd_pii_scanner_add_subject_account (RdPiiScanner *self,
                                    const char   *account)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (account != NULL);

  g_hash_table_add (self->subject_accounts, compact_account (account, strlen (account)));
}

void
rd_pii_scanner_add_allowed (RdPiiScanner *self,
                            const char   *value)
{
  g_autofree char *v = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  v = g_strstrip (g_utf8_casefold (value, -1));
  if (v[0] == '@')
    g_hash_table_add (self->allowed_domains, g_strdup (v + 1));
  else if (strchr (v, '@'))
    g_hash_table_add (self->allowed_emails, g_strdup (v));
  else if (g_str_has_prefix (v, "http") || g_str_has_prefix (v, "www."))
    g_ptr_array_add (self->allowed_urls, g_strdup (v));
  else
    phone_set_add (self->allowed_phones, v, strlen (v));
}

void
rd_pii_scanner_set_entities (RdPiiScanner *self,
                             guint         entities)
{
  g_return_if_fail (self != NULL);

  self->entities = entities & RD_PII_ALL_ENTITIES;
}

/* Byte classes --------------------------------------------------------------------------- */

enum
{
  C_OTHER,       /* these two first: the scan passes over both at once */
  C_SPACE,
  C_NL,
  C_DIGIT,
  C_UPPER,
  C_LOWER,
  C_AT,
  C_PLUS,
  C_LPAREN,
  C_HIGH,
  C_DOLLAR,      /* $ and #: an amount or a reference may follow */
};

static guint8 byte_class[256];
static guint8 word_byte[256];  /* letters, digits (2) and UTF-8 bytes (1): inside a word */
static guint8 name_byte[256];  /* letters and UTF-8 bytes: the inside of a name */
static guint8 letter_index[256];  /* a..z (either case) as 0..25, any other byte 26 */

/* What a byte may be in e-mail addresses and web addresses. */
enum
{
  B_LOCAL   = 1 << 0,  /* in the local part of an e-mail address */
  B_DOMAIN  = 1 << 1,  /* in a label of a domain */
  B_URL_END = 1 << 2,  /* a blank or a quote: after a web address */
};
static guint8 address_byte[256];
static guint64 word_masks[9];  /* ones over the first n bytes of an rd_pii_load64 () */

static void init_intros (void);

static gpointer
init_classes (gpointer data)
{
  for (guint c = 0; c < 256; c++)
    {
      guint8 k = C_OTHER;

      if (c == ' ' || c == '\t' || c == '\r')
        k = C_SPACE;
      else if (c == '\n')
        k = C_NL;
      else if (c >= '0' && c <= '9')
        k = C_DIGIT;
      else if (c >= 'A' && c <= 'Z')
        k = C_UPPER;
      else if (c >= 'a' && c <= 'z')
        k = C_LOWER;
      else if (c == '@')
        k = C_AT;
      else if (c == '+')
        k = C_PLUS;
      else if (c == '(')
        k = C_LPAREN;
      else if (c >= 0x80)
        k = C_HIGH;
      else if (c == '$' || c == '#')
        k = C_DOLLAR;
      byte_class[c] = k;
      /* 2 for digits: a word's bytes OR-ed together tell whether it has one. */
      word_byte[c] = k == C_DIGIT ? 2 : (k == C_UPPER || k == C_LOWER || k == C_HIGH);
      name_byte[c] = (k == C_UPPER || k == C_LOWER || k == C_HIGH);
      letter_index[c] = k == C_UPPER || k == C_LOWER ? (c | 0x20) - 'a' : 26;
      address_byte[c] = (k == C_UPPER || k == C_LOWER || k == C_DIGIT ||
                         c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ? B_LOCAL : 0) |
                        (k == C_UPPER || k == C_LOWER || k == C_DIGIT || c == '-' ? B_DOMAIN : 0) |
                        (g_ascii_isspace (c) || (c != '\0' && strchr ("<>\"'`", c)) ? B_URL_END : 0);
    }
  init_intros ();
  for (guint n = 0; n <= 8; n++)
    {
      char ones[8] = { 0 };

      memset (ones, 0xff, n);
      word_masks[n] = rd_pii_load64 (ones);
    }
  return NULL;
}

#define IS_WORD(c) (word_byte[(guchar) (c)])
#define IS_DIGIT(c) ((guint) (guchar) (c) - '0' < 10u)
#define IS_UPPER(c) ((guint) (guchar) (c) - 'A' < 26u)
#define IS_LOWER(c) ((guint) (guchar) (c) - 'a' < 26u)
#define IS_ALPHA(c) (IS_UPPER (c) || IS_LOWER (c))
#define IS_ALNUM(c) (IS_ALPHA (c) || IS_DIGIT (c))
/* g_ascii_tolower () is a function call; this is the same for a char. */
#define LOWER(c) ((char) (IS_UPPER (c) ? (c) + 32 : (c)))
#define UPPER(c) ((char) (IS_LOWER (c) ? (c) - 32 : (c)))

/* Is @c one of the few bytes of @set? (strchr () would find the terminator for a NUL.) */
static inline gboolean
in_set (char        c,
        const char *set)
{
  for (; *set != '\0'; set++)
    if (*set == c)
      return TRUE;
  return FALSE;
}

/* Is the @length bytes at @word one of the words of @by_length, short word lists kept as one
 * string per length with the words run together ("soin" holds "so" and "in")? Most words
 * are ruled out by their length. */
static inline gboolean
in_word_list (const char *const *by_length,
              gsize              n_lengths,
              const char        *word,
              gsize              length)
{
  const char *w;

  if (length >= n_lengths || (w = by_length[length]) == NULL)
    return FALSE;
  for (; *w != '\0'; w += length)
    if (w[0] == word[0] && memcmp (w, word, length) == 0)
      return TRUE;
  return FALSE;
}

/* One scan -------------------------------------------------------------------------------- */

typedef struct
{
  char     text[SEEN_LEN];
  guint8   length;
  gboolean word;     /* also an ordinary word (Tom, Mark): a name again only where it cannot
                      * be the word, see name_word_again () */
  gsize    serial;   /* Scan.seen_total when it was added */
} SeenName;

/* A key for a name seen earlier: its length and its first three bytes with the 0x20 bit set,
 * which is the same for two letters that differ only in case. The scan keeps the seen names
 * by key bucket so that most capitalised words are ruled out at once. */
static inline guint
seen_bucket (const char *word,
             gsize       length)
{
  return (length * 7 + ((word[0] | 0x20) * 31 + (word[1] | 0x20)) * 3 + (word[2] | 0x20)) & 255;
}

typedef struct
{
  gsize    start;    /* + 1: 0 is an empty entry */
  guint32  length;
  guint32  flags;
} CachedWord;

/* A speaker label parsed earlier ("Agent Gabriela: "): its bytes up to the colon and the byte
 * after it, which are all the parse reads, and what the parse found, as offsets from its
 * start. A chat repeats a handful of labels on every line. */
typedef struct
{
  guint64  head;        /* the first 8 bytes of the key, zero past its end */
  guint64  mask;        /* ones over those of the 8 bytes that are in the key */
  guint8   length;      /* of the key; 0 is an empty entry */
  guint8   tokens;
  guint8   roles;
  guint8   names;
  guint8   name_start;
  guint8   name_end;
  guint8   name_word_end;  /* end of the word at name_start */
  guint8   colon;
  gint8    subject;     /* person_is_subject () of the name; -1 not asked yet */
  guint32  first_flags;
  guint32  name_flags;  /* word_flags () of the word at name_start */
  gsize    names_seen;  /* + 1, 0 unknown: remember_names () of the name, which is done
                         * again only once a word it keeps may have left seen[] */
  char     key[LABEL_MAX];
} CachedLabel;

/* A word by its end (+ 1: 0 is an empty entry), or a name's end by its start. */
typedef struct
{
  gsize    start;
  gsize    end;
  guint32  flags;
} CachedEnd;

/* The scanner's sets that findings are looked up in, when they hold anything: most are
 * empty, and asking a GHashTable its size for each finding is a call. */
enum
{
  SET_ALLOWED_EMAILS   = 1 << 0,
  SET_ALLOWED_DOMAINS  = 1 << 1,
  SET_SUBJECT_EMAILS   = 1 << 2,
  SET_PHONES           = 1 << 3,  /* allowed or the requester's */
  SET_SUBJECT_ACCOUNTS = 1 << 4,
};

typedef struct
{
  RdPiiScanner     *scanner;
  guint             sets;         /* SET_ bits: the scanner's sets that are not empty */
  const char       *text;
  gsize             length;
  gsize             word_stop;    /* one past the text's last byte that is in no word, or 0:
                                   * a word starting before it ends without a length test */
  RdPiiFindingFunc  func;
  gpointer          user_data;
  gboolean          stopped;

  RdPiiFinding     *queue;        /* the first pending finding: a window that slides along
                                   * pending[] as findings leave, moved back when it hits the end */
  guint             n_pending;
  gsize             pending_end;  /* no pending finding ends after it (it may be stale: larger) */

  /* Turns given by the caller, or found from speaker labels as the scan goes. */
  const RdPiiTurn  *turns;
  guint             n_turns;
  gboolean         *turn_subject;
  guint             turn_index;
  gboolean          label_subject;   /* the current labelled turn is the requester's */

  gsize             line_start;   /* of the line the scan is on */
  gsize             quote_line_start;  /* the line in_quoted_line () looked at last */
  gsize             quote_line_end;
  gboolean          quote_line_quoted;

  const RdLexContextRow *context_filter;  /* rd_pii_lexicon_context_filter () */
  struct _KnownWord *known_words;  /* this thread's: found once, a thread-local variable
                                    * may cost a call on each access */

  guint             n_seen;
  guint             seen_next;
  gsize             seen_total;   /* names ever added to seen[] */
  guint64           seen_slots[256]; /* by seen_bucket (): the bit of each seen[] slot there */

  /* The flags of words looked up lately, by their start: context look-backs, names and
   * labels ask about the same few words again and again. Changed by look-ups on a const
   * Scan: it is only a cache. */
  CachedWord        words[WORD_CACHE];
  CachedEnd         name_ends[WORD_CACHE];  /* name_word_end () of lately asked words */
  CachedEnd         context_words[WORD_CACHE];  /* words context_before () went over, with
                                                 * their flags if they may give context */
  CachedLabel       labels[LABEL_CACHE];
  guint             label_next;

  /* Not cleared at the start of a scan: only the first n_pending and n_seen are read. */
  RdPiiFinding      pending[PENDING_MAX];
  SeenName          seen[SEEN_MAX];  /* names confirmed so far: later mentions are names too */
} Scan;

/* The lexicon's answer for a short word by its bytes: the same few words (I, The, Thanks,
 * Customer, the names of this conversation) come back all through a text. The answer depends
 * on the bytes alone and the lexicon never changes, so the table is kept per thread across
 * scans and never cleared; an empty entry has length 0, which no word has. 4096 entries
 * (64 KiB a thread) hold the names of a busy queue's transcripts: on the benchmark corpus one
 * look-up in 32 misses, against one in 9 with 1024, and the scan is 3 % faster for it. */
typedef struct _KnownWord
{
  guint64  word;     /* the first @length bytes, the rest zero */
  guint32  length;
  guint32  flags;
} KnownWord;

#define KNOWN_BITS 12
#define KNOWN_WORDS (1 << KNOWN_BITS)
static _Thread_local KnownWord known_words[KNOWN_WORDS];

/* word_flags () for a word not in the cache by position. */
static guint32
word_flags_lookup (const Scan *s,
                   gsize       p,
                   gsize       length)
{
  CachedWord *e = (CachedWord *) &s->words[p & (WORD_CACHE - 1)];

  e->start = p + 1;
  e->length = length;
  if (length <= 8 && s->length - p >= 8)
    {
      guint64 word = rd_pii_load64 (s->text + p) & word_masks[length];
      guint i = (word * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> (64 - KNOWN_BITS);
      KnownWord *k = &s->known_words[i];

      if (k->word != word || k->length != length)
        {
          k->word = word;
          k->length = length;
          k->flags = rd_pii_lexicon_lookup_padded (s->text + p, length);
        }
      e->flags = k->flags;
    }
  /* The fast way reads the word in blocks of 8 bytes: the text must be long enough. */
  else if (s->length - p >= ((length + 7) & ~(gsize) 7))
    e->flags = rd_pii_lexicon_lookup_padded (s->text + p, length);
  else
    e->flags = rd_pii_lexicon_lookup (s->text + p, length);
  return e->flags;
}

/* Inline: a word asked about again (labels, names, look-backs) costs two compares. */
static inline guint32
word_flags (const Scan *s,
            gsize       p,
            gsize       length)
{
  const CachedWord *e = &s->words[p & (WORD_CACHE - 1)];

  if (e->start == p + 1 && e->length == length)
    return e->flags;
  return word_flags_lookup (s, p, length);
}

static inline gsize
word_end (const Scan *s,
          gsize       p)
{
  const guchar *t = (const guchar *) s->text;

  if (G_UNLIKELY (p >= s->word_stop))
    return MAX (p, s->length);  /* words to the end of the text */
  while (IS_WORD (t[p]))
    p++;
  return p;
}

static inline gsize
skip_blanks (const Scan *s,
             gsize       p)
{
  while (p < s->length && (s->text[p] == ' ' || s->text[p] == '\t'))
    p++;
  return p;
}

static inline char
at (const Scan *s,
    gsize       p)
{
  return p < s->length ? s->text[p] : '\0';
}

static G_GNUC_NO_INLINE gboolean
capital_at_utf8 (const Scan *s,
                 gsize       p)
{
  gunichar u = g_utf8_get_char_validated (s->text + p, s->length - p);

  return u != (gunichar) -1 && u != (gunichar) -2 && g_unichar_isupper (u);
}

/* Is the word at @p capitalised (an ASCII capital or an upper-case letter elsewhere)?
 * Inline: asked of every word after a name or a label word. */
G_ALWAYS_INLINE static inline gboolean
capital_at (const Scan *s,
            gsize       p)
{
  guchar c = at (s, p);

  if (IS_UPPER (c))
    return TRUE;
  return c >= 0xc0 && capital_at_utf8 (s, p);
}

/* A line quoted from an earlier message ("> …", "On … wrote:") was written by someone else,
 * even inside the requester's own e-mail. Findings crowd on some lines: the answer is kept
 * for the last line asked about. @pos is the start of a finding, never a blank. */
static gboolean
in_quoted_line (Scan  *s,
                gsize  pos)
{
  gsize p, e;

  if (s->quote_line_end > pos && s->quote_line_start <= pos)
    return s->quote_line_quoted;

  /* Findings are nearly always on the line the scan is on, whose start it knows: memchr ()
   * tells more quickly than a loop back that no line starts in between. */
  if (pos >= s->line_start &&
      memchr (s->text + s->line_start, '\n', pos - s->line_start) == NULL)
    p = s->line_start;
  else
    {
      p = pos;
      while (p > 0 && s->text[p - 1] != '\n')
        p--;
    }
  s->quote_line_start = p;
  {
    const char *nl = memchr (s->text + pos, '\n', s->length - pos);
    e = nl ? (gsize) (nl - s->text) : s->length;
  }
  s->quote_line_end = e;

  while (p < pos && (s->text[p] == ' ' || s->text[p] == '\t'))
    p++;
  if (s->text[p] == '>')
    return s->quote_line_quoted = TRUE;

  /* The attribution line that introduces a quote ends in "wrote:". */
  while (e > pos && (s->text[e - 1] == '\r' || s->text[e - 1] == ' '))
    e--;
  return s->quote_line_quoted = (e >= 6 && e - 6 >= p && memcmp (s->text + e - 6, "wrote:", 6) == 0);
}

static gboolean
in_subject_turn (Scan  *s,
                 gsize  pos)
{
  if (s->turns == NULL)
    return s->label_subject && !in_quoted_line (s, pos);

  if (in_quoted_line (s, pos))
    return FALSE;

  /* Findings come nearly in order: move the cursor forward, or back for an early one. */
  while (s->turn_index > 0 && s->turns[s->turn_index].start > pos)
    s->turn_index--;
  while (s->turn_index + 1 < s->n_turns && s->turns[s->turn_index].end <= pos)
    s->turn_index++;

  return s->turn_index < s->n_turns &&
         s->turns[s->turn_index].start <= pos && pos < s->turns[s->turn_index].end &&
         s->turn_subject[s->turn_index];
}

/* "no.", "tel.", "ref." before the full stop at @dot: no sentence ends there. */
static gboolean
abbreviation_before (const Scan *s,
                     gsize       dot)
{
  static const char *const abbreviations_by_length[7] = {
    [2] = "no" "nr" "ca" "ph",
    [3] = "tel" "ref" "num" "inv" "acc" "mob" "fax",
    [6] = "approx",
  };
  char folded[6];
  gsize w = dot;

  while (w > 0 && IS_ALPHA (s->text[w - 1]))
    w--;
  if (dot - w < 2 || dot - w > 6)
    return FALSE;
  for (gsize i = w; i < dot; i++)
    folded[i - w] = LOWER (s->text[i]);
  return in_word_list (abbreviations_by_length, G_N_ELEMENTS (abbreviations_by_length),
                       folded, dot - w);
}

/* rd_pii_lexicon_maybe_context () without the call, for an ASCII word. */
static inline gboolean
maybe_context (const Scan *s,
               gsize       p,
               gsize       length)
{
  return (s->context_filter[MIN (length, 15)][letter_index[(guchar) s->text[p]]] &
          (1u << letter_index[(guchar) s->text[p + length - 1]])) != 0;
}

/* Looks back from @pos over at most CONTEXT_WORDS words of the same line or the line before
 * for a word with one of the @mask flags; returns the flags of the nearest one. */
static guint32
context_before (const Scan *s,
                gsize       pos,
                guint       max_words,
                guint32     mask)
{
  /* The text in a local: the compiler cannot know that the cache stores below leave s->text
   * alone, and would load it again for every byte. */
  const guchar *t = (const guchar *) s->text;
  gsize p = pos;
  gsize limit = pos > CONTEXT_BYTES ? pos - CONTEXT_BYTES : 0;
  guint words = 0;
  guchar high;
  CachedEnd *cached;

  while (p > limit && words < max_words)
    {
      gsize end;
      guint32 flags;
      guchar c;

      while (p > limit && !IS_WORD (c = t[p - 1]))
        {
          /* Context belongs to the same line and sentence. A sentence also ends after a
           * number: "… order 32533725. My number is …". */
          if (c == '\n' ||
              ((c == '.' || c == '!' || c == '?') &&
               p < pos && t[p] == ' ' && p - 1 > 0 &&
               ((IS_LOWER (t[p - 2]) && !abbreviation_before (s, p - 1)) ||
                (IS_DIGIT (t[p - 2]) && IS_UPPER (t[p + 1])))))
            return 0;
          p--;
        }
      if (p == limit)
        break;
      end = p;
      cached = (CachedEnd *) &s->context_words[end & (WORD_CACHE - 1)];
      if (cached->end == end + 1 && cached->start >= limit)
        {
          /* A word an earlier look-back went over: its start and context flags. */
          p = cached->start;
          flags = cached->flags;
        }
      else
        {
          high = 0;
          while (p > limit && IS_WORD (c = t[p - 1]))
            {
              high |= c;
              p--;
            }
          flags = high >= 0x80 || maybe_context (s, p, end - p) ? word_flags (s, p, end - p) : 0;
          /* A word cut by the limit is not the whole word: not kept. */
          if (!(p == limit && p > 0 && IS_WORD (t[p - 1])))
            {
              cached->end = end + 1;
              cached->start = p;
              cached->flags = flags;
            }
        }
      words++;
      flags &= mask;
      if (flags)
        return flags;
    }
  return 0;
}

static gboolean
third_party_cue (const Scan *s,
                 gsize       pos)
{
  return context_before (s, pos, 10, RD_LEX_CTX_THIRD) != 0;
}

/* Subject and allow-list ----------------------------------------------------------------- */

/* Reasons of names that are someone else's even in the requester's own turn. */
static const char reason_known[] = "a name the case knows";
static const char reason_introduced[] = "a name after an introduction";

/* "Call Tom on 020 7946 0958", "ask Mark Jones, mark@example.net": what follows a name the
 * requester introduces (or the case knows) within three words of the same sentence is that
 * person's, unless the words between make it the requester's ("Tom has my number: …"). */
static gboolean
follows_other_name (const Scan *s,
                    gsize       pos)
{
  const RdPiiFinding *o = NULL;
  guint words = 0;

  for (guint k = s->n_pending; k-- > 0;)
    if (s->queue[k].end <= pos)
      {
        o = &s->queue[k];
        break;
      }
  if (o == NULL || o->entity != RD_PII_PERSON || o->subject ||
      (o->reason != reason_introduced && o->reason != reason_known) || pos - o->end > 40)
    return FALSE;

  for (gsize p = o->end; p < pos;)
    {
      gsize w = p;

      while (w < pos && IS_WORD (s->text[w]))
        w++;
      if (w > p)
        {
          static const char *const own_by_length[5] = { [1] = "i", [2] = "my" "me", [4] = "mine" };
          char folded[4];

          for (gsize i = p; i < w && i - p < sizeof folded; i++)
            folded[i - p] = LOWER (s->text[i]);
          if (in_word_list (own_by_length, G_N_ELEMENTS (own_by_length), folded, w - p))
            return FALSE;
          if (++words > 3)
            return FALSE;
          p = w;
        }
      else
        {
          if (s->text[p] == '\n' || s->text[p] == '.' || s->text[p] == '!' || s->text[p] == '?')
            return FALSE;
          p++;
        }
    }
  return TRUE;
}

G_ALWAYS_INLINE static inline gboolean token_in (const WordSet *set, const char *word,
                                                 gsize length);
static inline gboolean token_may_start (const WordSet *set, char c);

static gboolean
person_is_subject (const Scan *s,
                   gsize       start,
                   gsize       end)
{
  gsize p = start;
  gboolean any = FALSE;

  if (s->scanner->subject_tokens.n == 0)
    return FALSE;

  while (p < end)
    {
      gsize q = p;

      /* Most names are someone else's: a word of two letters or more that no name of the
       * requester's starts like rules it out before its end is looked for. */
      if (p + 1 < end && IS_WORD (s->text[p]) && IS_WORD (s->text[p + 1]) &&
          !token_may_start (&s->scanner->subject_tokens, s->text[p]))
        return FALSE;
      while (q < end && IS_WORD (s->text[q]))
        q++;
      if (q > p + 1)
        {
          if (!token_in (&s->scanner->subject_tokens, s->text + p, q - p))
            return FALSE;
          any = TRUE;
        }
      p = q + 1;
    }
  return any;
}

/* Role mailboxes belong to organisations, not to a person. Most local parts are longer
 * than any. */
static const char *const roles_by_length[16] = {
  [3] = "dpo",
  [4] = "help" "info" "care" "team" "jobs",
  [5] = "sales" "hello" "admin" "legal" "abuse" "press",
  [6] = "orders" "office",
  [7] = "support" "billing" "service" "contact" "privacy" "noreply" "returns" "careers",
  [8] = "helpdesk" "services" "no-reply" "accounts" "feedback" "security",
  [9] = "enquiries" "inquiries" "webmaster",
  [10] = "donotreply" "postmaster" "newsletter",
  [12] = "customercare",
  [13] = "notifications",
  [15] = "customerservice",
};

static gboolean
role_mailbox (const char *local,
              gsize       length)
{
  return in_word_list (roles_by_length, G_N_ELEMENTS (roles_by_length), local, length);
}

static gboolean
email_allowed (const Scan *s,
               const char *folded)
{
  RdPiiScanner *sc = s->scanner;
  const char *atsign = strchr (folded, '@');
  gsize local = atsign ? (gsize) (atsign - folded) : 0;

  if ((s->sets & SET_ALLOWED_EMAILS) && g_hash_table_contains (sc->allowed_emails, folded))
    return TRUE;
  if (atsign && (s->sets & SET_ALLOWED_DOMAINS) &&
      g_hash_table_contains (sc->allowed_domains, atsign + 1))
    return TRUE;
  return local > 0 && role_mailbox (folded, local);
}

/* Case-folds an e-mail address into @buf (ASCII, the common case) or into a new string left
 * in @slow. */
static const char *
fold_email (const char *t,
            gsize       n,
            char        buf[256],
            char      **slow)
{
  gboolean ascii = n < 256;
  gsize i = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Eight bytes at a time while they are ASCII without a NUL: capitals get their 0x20 bit. */
  {
    const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
    const guint64 highs = 0x80 * ones;

    for (; ascii && i + 8 <= n; i += 8)
      {
        guint64 x = rd_pii_load64 (t + i);
        guint64 upper = (x + (0x80 - 'A') * ones) & ~(x + (0x80 - 'Z' - 1) * ones) & highs;

        /* A byte with its high bit set, or a zero byte (x - 1 borrows into its high bit). */
        if ((x & highs) != 0 || ((x - ones) & ~x & highs) != 0)
          break;
        x |= upper >> 2;
        memcpy (buf + i, &x, sizeof x);
      }
  }
#endif
  for (; ascii && i < n; i++)
    {
      ascii = (guchar) t[i] < 0x80 && t[i] != '\0';
      buf[i] = LOWER (t[i]);
    }
  if (ascii)
    {
      buf[n] = '\0';
      return buf;
    }
  return *slow = g_utf8_casefold (t, n);
}

/* Decides whose it is and whether the caller allowed it; FALSE drops the finding. A name's
 * @known_subject is person_is_subject () when the caller knows it already, or -1. */
static gboolean
settle (Scan         *s,
        RdPiiFinding *f,
        gboolean      self_intro,
        gint          known_subject)
{
  RdPiiScanner *sc = s->scanner;
  const char *t = s->text + f->start;
  gsize n = f->end - f->start;

  switch (f->entity)
    {
    case RD_PII_EMAIL_ADDRESS:
      {
        /* Addresses are ASCII but for rare international ones: fold on the stack. */
        char buf[256];
        g_autofree char *slow = NULL;
        const char *folded = fold_email (t, n, buf, &slow);

        if (email_allowed (s, folded))
          return FALSE;
        f->subject = (s->sets & SET_SUBJECT_EMAILS) &&
                     g_hash_table_contains (sc->subject_emails, folded);
      }
      break;

    case RD_PII_PHONE_NUMBER:
      if (s->sets & SET_PHONES)
        {
          if (phone_set_contains (sc->allowed_phones, t, n))
            return FALSE;
          f->subject = phone_set_contains (sc->subject_phones, t, n);
        }
      break;

    case RD_PII_URL:
      if (sc->allowed_urls->len > 0)
        {
          g_autofree char *folded = g_utf8_casefold (t, n);
          for (guint i = 0; i < sc->allowed_urls->len; i++)
            if (g_str_has_prefix (folded, sc->allowed_urls->pdata[i]))
              return FALSE;
        }
      break;

    case RD_PII_PERSON:
      f->subject = known_subject >= 0 ? known_subject : person_is_subject (s, f->start, f->end);
      if (!f->subject && self_intro && in_subject_turn (s, f->start))
        f->subject = TRUE;
      return TRUE;

    default:
      if (s->sets & SET_SUBJECT_ACCOUNTS)
        {
          g_autofree char *compact = compact_account (t, n);
          f->subject = g_hash_table_contains (sc->subject_accounts, compact);
        }
      break;
    }

  /* What the requester says in their own turns is theirs, unless they name someone else's. */
  if (!f->subject && in_subject_turn (s, f->start) && !third_party_cue (s, f->start) &&
      !follows_other_name (s, f->start))
    f->subject = TRUE;

  return TRUE;
}

/* The queue of findings ------------------------------------------------------------------ */

static void
flush (Scan  *s,
       gsize  before)
{
  guint k = 0;

  while (k < s->n_pending && s->queue[k].end + FLUSH_DISTANCE <= before)
    {
      if (!s->stopped && !s->func (&s->queue[k], s->user_data))
        s->stopped = TRUE;
      k++;
    }
  s->n_pending -= k;
  s->queue = s->n_pending > 0 ? s->queue + k : s->pending;
}

static void
flush_all (Scan *s)
{
  flush (s, G_MAXSIZE - FLUSH_DISTANCE);
}

static void
remove_pending (Scan  *s,
                guint  k)
{
  memmove (s->queue + k, s->queue + k + 1, (s->n_pending - k - 1) * sizeof (RdPiiFinding));
  s->n_pending--;
}

static gboolean
emit_full (Scan        *s,
           RdPiiEntity  entity,
           gsize        start,
           gsize        end,
           double       score,
           const char  *reason,
           gboolean     self_intro,
           gint         known_subject)
{
  RdPiiFinding f = { entity, start, end, score, reason, FALSE };
  guint k;

  if (!(s->scanner->entities & (1u << entity)) || end <= start)
    return FALSE;

  /* Overlaps: the stronger kind wins, then the longer span, then the one found first. Most
   * findings start after every pending one ends. */
  for (k = start < s->pending_end ? s->n_pending : 0; k-- > 0;)
    {
      RdPiiFinding *o = &s->queue[k];

      if (o->end <= start || o->start >= end)
        continue;
      if (priority[o->entity] > priority[entity] ||
          (priority[o->entity] == priority[entity] && o->end - o->start >= end - start))
        return FALSE;
      remove_pending (s, k);
    }

  if (!settle (s, &f, self_intro, known_subject))
    return FALSE;

  if (s->n_pending == PENDING_MAX)
    flush (s, s->queue[0].end + FLUSH_DISTANCE);
  if (s->queue + s->n_pending == s->pending + PENDING_MAX)
    {
      memmove (s->pending, s->queue, s->n_pending * sizeof (RdPiiFinding));
      s->queue = s->pending;
    }

  k = s->n_pending;
  while (k > 0 && s->queue[k - 1].start > start)
    k--;
  if (k < s->n_pending)
    memmove (s->queue + k + 1, s->queue + k, (s->n_pending - k) * sizeof (RdPiiFinding));
  s->queue[k] = f;
  s->n_pending++;
  s->pending_end = MAX (s->pending_end, end);
  return TRUE;
}

static inline gboolean
emit (Scan        *s,
      RdPiiEntity  entity,
      gsize        start,
      gsize        end,
      double       score,
      const char  *reason)
{
  return emit_full (s, entity, start, end, score, reason, FALSE, -1);
}

/* Names ---------------------------------------------------------------------------------- */

/* token_in () once the quick tests have passed: folds and hashes the word. */
static gboolean
token_in_folded (const WordSet *set,
                 const char    *word,
                 gsize          length)
{
  char buf[RD_PII_FOLD_MAX + 8];
  gsize n;

  n = rd_pii_fold_word (word, length, buf);
  if (n == 0)
    {
      /* Longer than any name word: compare it the slow way. */
      g_autofree char *folded = g_utf8_casefold (word, length);
      gsize m = strlen (folded);
      return word_set_contains_folded (set, folded, m, hash_string (folded, m));
    }
  return word_set_contains_folded (set, buf, n, rd_pii_hash_padded (buf, n));
}

/* Can a word of @set start with @c? An ASCII byte folds to itself in lower case. */
static inline gboolean
token_may_start (const WordSet *set,
                 char           c)
{
  guchar first = LOWER (c);

  return first >= 0x80 || (set->ascii_first[first >> 6] & (G_GUINT64_CONSTANT (1) << (first & 63)));
}

/* Inline: asked of most capitalised words, and the set is often empty or rules them out by
 * a letter. */
G_ALWAYS_INLINE static inline gboolean
token_in (const WordSet *set,
          const char    *word,
          gsize          length)
{
  if (set->n == 0 || length == 0)
    return FALSE;
  /* An ASCII first or last byte folds to itself in lower case: most words start or end
   * differently from every key, and that settles it without folding them. */
  if (!token_may_start (set, word[0]))
    return FALSE;
  if ((guchar) word[length - 1] < 0x80)
    {
      guchar last = LOWER (word[length - 1]);

      if (!(set->ascii_last[last >> 6] & (G_GUINT64_CONSTANT (1) << (last & 63))))
        return FALSE;
    }
  return token_in_folded (set, word, length);
}

static const SeenName *
seen_find (const Scan *s,
           const char *word,
           gsize       length)
{
  guint64 slots;

  /* Every seen name has three letters or more. */
  if (length < 3)
    return NULL;
  for (slots = s->seen_slots[seen_bucket (word, length)]; slots != 0; slots &= slots - 1)
    {
      const SeenName *n = &s->seen[__builtin_ctzll (slots)];

      gsize k;

      if (n->length != length || n->text[1] != word[1])
        continue;
      /* A name comes back mostly written the same way: the bytes first, then the rest in
       * any case. (No word has a NUL byte.) */
      for (k = 0; k < length && n->text[k] == word[k]; k++)
        ;
      for (; k < length && LOWER (n->text[k]) == LOWER (word[k]) && word[k] != '\0'; k++)
        ;
      if (k == length)
        return n;
    }
  return NULL;
}

static inline gboolean
seen_contains (const Scan *s,
               const char *word,
               gsize       length)
{
  return seen_find (s, word, length) != NULL;
}

/* A name that is also a word, given earlier as someone's, at @p (its end @w): it is the
 * name again inside a sentence ("I gave it to Tom"), and at a sentence's start unless a
 * word follows that makes it the verb or the word ("Mark the box", "Will you …"). */
static gboolean
name_word_again (const Scan *s,
                 gsize       p,
                 gsize       w)
{
  static const char *const not_after_name_by_length[6] = {
    [1] = "a" "i",
    [2] = "an" "it" "me" "us" "we" "my" "up" "to" "on" "in" "of" "as" "by" "is",
    [3] = "the" "you" "him" "her" "our" "his" "all" "out" "off" "and" "not" "for",
    [4] = "your" "this" "that" "them" "they" "some" "down" "also",
    [5] = "these" "those" "their",
  };
  gsize b = p, e;
  char folded[5];

  while (b > 0 && (s->text[b - 1] == ' ' || s->text[b - 1] == '\t'))
    b--;
  if (b > 0 && !in_set (s->text[b - 1], ".!?:;\n\"'(*-"))
    return TRUE;

  if (at (s, w) != ' ' || !IS_ALPHA (at (s, w + 1)))
    return TRUE;
  e = word_end (s, w + 1);
  if (e - w - 1 > sizeof folded)
    return TRUE;
  for (gsize i = w + 1; i < e; i++)
    folded[i - w - 1] = LOWER (s->text[i]);
  return !in_word_list (not_after_name_by_length, G_N_ELEMENTS (not_after_name_by_length),
                        folded, e - w - 1);
}

/* Puts a name into seen[], in place of the one added longest ago once it is full. */
static const SeenName *
seen_add (Scan       *s,
          const char *word,
          gsize       length,
          gboolean    name_word)
{
  SeenName *n = &s->seen[s->seen_next];

  if (s->n_seen == SEEN_MAX)
    s->seen_slots[seen_bucket (n->text, n->length)] &= ~(G_GUINT64_CONSTANT (1) << s->seen_next);
  memcpy (n->text, word, length);
  n->length = length;
  n->word = name_word;
  n->serial = s->seen_total++;
  s->seen_slots[seen_bucket (n->text, n->length)] |= G_GUINT64_CONSTANT (1) << s->seen_next;
  s->seen_next = (s->seen_next + 1) % SEEN_MAX;
  s->n_seen = MIN (s->n_seen + 1, SEEN_MAX);
  return n;
}

/* Adds the words of a name to seen[]; returns the oldest Scan.seen_total of the entries that
 * hold them now, or the current one. */
static gsize
remember_names (Scan  *s,
                gsize  start,
                gsize  end)
{
  gsize p = start;
  gsize oldest = G_MAXSIZE;

  while (p < end)
    {
      gsize q = p;

      while (q < end && IS_WORD (s->text[q]))
        q++;
      if (q - p >= 3 && q - p < SEEN_LEN)
        {
          const SeenName *found = seen_find (s, s->text + p, q - p);

          if (found == NULL && !(word_flags (s, p, q - p) & RD_LEX_NOT_NAME))
            found = seen_add (s, s->text + p, q - p,
                              (word_flags (s, p, q - p) & RD_LEX_NAME_WORD) != 0);
          if (found != NULL)
            oldest = MIN (oldest, found->serial);
        }
      p = q + 1;
    }
  return MIN (oldest, s->seen_total);
}

/* Name particles, none longer than five letters. */
static const char *const particles_by_length[6] = {
  [1] = "y",
  [2] = "de" "da" "di" "du" "la" "le" "op" "al" "am" "an" "im" "do",
  [3] = "van" "von" "der" "den" "del" "dos" "das" "ten" "ter" "bin" "des" "dei" "les" "sur",
  [4] = "upon",
  [5] = "della" "degli" "delle",
};

static gboolean
is_particle (const char *word,
             gsize       length)
{
  return in_word_list (particles_by_length, G_N_ELEMENTS (particles_by_length), word, length);
}

/* End of a name word: letters, with inner apostrophes and hyphens (O'Brien, Smith-Jones).
 * The bytes from @p to @from are known to be letters. */
static gsize
name_word_end_uncached (const Scan *s,
                        gsize       p,
                        gsize       from)
{
  gsize e = from;

  for (;;)
    {
      if (G_LIKELY (e < s->word_stop))
        while (name_byte[(guchar) s->text[e]])
          e++;
      else
        while (e < s->length && name_byte[(guchar) s->text[e]])
          e++;
      if ((at (s, e) == '\'' || at (s, e) == '-') && capital_at (s, e + 1))
        e++;
      else if (at (s, e) == '-' && IS_LOWER (at (s, e + 1)) && e > p && IS_LOWER (s->text[e - 1]))
        e++;  /* Hye-jin, Ji-ho */
      else if (at (s, e) == '\'' && IS_LOWER (at (s, e + 1)) && e + 2 < s->length &&
               !IS_WORD (at (s, e + 2)))
        return e;  /* Anna's: the name ends before the possessive */
      else
        return e;
    }
}

/* name_word_end () when the caller knows that the bytes from @p to @from are letters.
 * Labels, names and their surnames ask about the same capitalised words several times. */
static inline gsize
name_word_end_from (const Scan *s,
                    gsize       p,
                    gsize       from)
{
  CachedEnd *e = (CachedEnd *) &s->name_ends[p & (WORD_CACHE - 1)];

  if (e->start != p + 1)
    {
      const guchar *t = (const guchar *) s->text;
      gsize q = from;
      char c;

      if (G_LIKELY (q < s->word_stop))
        while (name_byte[t[q]])
          q++;
      else
        while (q < s->length && name_byte[t[q]])
          q++;
      c = at (s, q);
      e->start = p + 1;
      /* Most words end in a blank or punctuation, which no name goes on past. */
      if (c != '\'' && c != '-')
        e->end = q;
      else
        e->end = name_word_end_uncached (s, p, q);
    }
  return e->end;
}

static inline gsize
name_word_end (const Scan *s,
               gsize       p)
{
  return name_word_end_from (s, p, p);
}

static gboolean
acceptable_surname (guint32 flags)
{
  return !(flags & (RD_LEX_NOT_NAME | RD_LEX_ROLE | RD_LEX_STREET | RD_LEX_MONTH |
                    RD_LEX_GREETING | RD_LEX_CLOSING | RD_LEX_TITLE | RD_LEX_STREET_FIRST |
                    RD_LEX_CTX_LOOKALIKE)) ||
         (flags & RD_LEX_LAST);
}

/* From a capitalised word at @p, takes up to @max more capitalised words (and particles
 * between them) on the same line; returns the end of the name. */
static gsize
extend_name (const Scan *s,
             gsize       p,
             guint       max)
{
  gsize end = name_word_end (s, p);
  guint taken = 0;

  while (taken < max)
    {
      gsize q = end, w;
      guint32 flags;

      if (at (s, q) != ' ')
        break;
      q++;
      if (IS_LOWER (at (s, q)))
        {
          w = word_end (s, q);
          if (!is_particle (s->text + q, w - q) || at (s, w) != ' ' || !capital_at (s, w + 1))
            break;
          q = w + 1;
        }
      if (!capital_at (s, q))
        break;
      w = name_word_end (s, q);
      flags = word_flags (s, q, w - q);
      if (!acceptable_surname (flags))
        break;
      end = w;
      taken++;
      /* A lone capital with a full stop is an initial: "Anna K." */
      if (w == q + 1 && at (s, w) == '.')
        {
          end = w + 1;
          break;
        }
    }
  return end;
}

static gsize
person_full (Scan        *s,
             gsize        start,
             gsize        end,
             double       score,
             const char  *reason,
             gboolean     self_intro,
             gint         known_subject,
             CachedLabel *label)
{
  if (!emit_full (s, RD_PII_PERSON, start, end, score, reason, self_intro, known_subject))
    return end;

  /* A label's name comes back on every line: while the entries remember_names () found or
   * made for it are all still in seen[] (each stays for SEEN_MAX additions), it would find
   * them again and do nothing. */
  if (label != NULL && label->names_seen > 0 && s->seen_total - (label->names_seen - 1) <= SEEN_MAX)
    return end;
  if (label != NULL)
    label->names_seen = remember_names (s, start, end) + 1;
  else
    remember_names (s, start, end);
  return end;
}

static gsize
person (Scan       *s,
        gsize       start,
        gsize       end,
        double      score,
        const char *reason,
        gboolean    self_intro)
{
  return person_full (s, start, end, score, reason, self_intro, -1, NULL);
}

/* At a capitalised word after a greeting, title or closing: a name or nothing. */
static gsize
name_after (Scan       *s,
            gsize       p,
            guint       max,
            double      score,
            const char *reason)
{
  gsize w;
  guint32 flags;

  if (!capital_at (s, p))
    return 0;
  w = name_word_end (s, p);
  flags = word_flags (s, p, w - p);
  if (flags & (RD_LEX_NOT_NAME | RD_LEX_ROLE | RD_LEX_MONTH | RD_LEX_CTX_LOOKALIKE) &&
      !(flags & (RD_LEX_FIRST | RD_LEX_LAST)))
    return 0;
  if (flags & RD_LEX_NOT_NAME && !token_in (&s->scanner->known_tokens, s->text + p, w - p))
    return 0;
  return person (s, p, extend_name (s, p, max), score, reason, FALSE);
}

/* Dates of birth -------------------------------------------------------------------------- */

static gboolean
birth_context (const Scan *s,
               gsize       pos)
{
  return context_before (s, pos, CONTEXT_WORDS, RD_LEX_CTX_BIRTH) != 0;
}

static guint
read_int (const Scan *s,
          gsize       p,
          gsize      *end,
          guint       max_digits)
{
  guint v = 0, n = 0;

  while (n < max_digits && IS_DIGIT (at (s, p)))
    {
      v = v * 10 + (s->text[p] - '0');
      p++;
      n++;
    }
  *end = p;
  return n == 0 ? G_MAXUINT : v;
}

static gboolean
plausible_birth_year (guint y)
{
  return y >= 1900 && y <= 2030;
}

/* "12th", "3rd": skips an ordinal suffix after a day number. */
static gsize
skip_ordinal (const Scan *s,
              gsize       p)
{
  if (p + 2 <= s->length && IS_LOWER (s->text[p]) && IS_LOWER (s->text[p + 1]) &&
      !IS_WORD (at (s, p + 2)))
    {
      char a = s->text[p], b = s->text[p + 1];
      if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
          (a == 't' && b == 'h'))
        return p + 2;
    }
  return p;
}

/* "March 12, 1985" at a month name; returns the end of the date or 0. */
static gsize
month_first_date (Scan  *s,
                  gsize  p)
{
  gsize e = word_end (s, p), q;
  guint day, year;

  if (at (s, e) == '.')
    e++;
  if (at (s, e) != ' ')
    return 0;
  day = read_int (s, e + 1, &q, 2);
  if (day < 1 || day > 31)
    return 0;
  q = skip_ordinal (s, q);
  if (at (s, q) == ',')
    q++;
  if (at (s, q) != ' ')
    return 0;
  year = read_int (s, q + 1, &q, 4);
  if (!plausible_birth_year (year) || IS_WORD (at (s, q)))
    return 0;
  return q;
}

/* "12 March 1985", "3rd of May 1990" after a day number ending at @p; end of the date or 0. */
static gsize
day_first_date (Scan  *s,
                gsize  p)
{
  gsize q = skip_ordinal (s, p), w;
  guint year;

  if (at (s, q) != ' ')
    return 0;
  q++;
  if (at (s, q) == 'o' && at (s, q + 1) == 'f' && at (s, q + 2) == ' ')
    q += 3;
  w = word_end (s, q);
  if (w == q || !(word_flags (s, q, w - q) & RD_LEX_MONTH))
    return 0;
  if (at (s, w) == '.')
    w++;
  if (at (s, w) == ',')
    w++;
  if (at (s, w) != ' ')
    return 0;
  year = read_int (s, w + 1, &q, 4);
  if (!plausible_birth_year (year) || IS_WORD (at (s, q)))
    return 0;
  return q;
}

/* Addresses ------------------------------------------------------------------------------ */

static gboolean
uk_inward_at (const Scan *s,
              gsize       p)
{
  return IS_DIGIT (at (s, p)) && IS_UPPER (at (s, p + 1)) && IS_UPPER (at (s, p + 2)) &&
         !IS_WORD (at (s, p + 3)) && !in_set (s->text[p + 1], "CIKMOV") &&
         !in_set (s->text[p + 2], "CIKMOV");
}

/* A UK postcode at @p ("SW1A 1AA"); returns its end or 0. */
static gsize
uk_postcode_at (const Scan *s,
                gsize       p)
{
  gsize e = p;

  while (e < s->length && IS_ALNUM (s->text[e]) && e - p < 5)
    e++;
  if (IS_WORD (at (s, e)) || !rd_pii_uk_outward_valid (s->text + p, e - p))
    return 0;
  if (at (s, e) != ' ' || !uk_inward_at (s, e + 1))
    return 0;
  return e + 4;
}

static const char *const directions[] = { "N", "S", "E", "W", "NE", "NW", "SE", "SW" };

static gboolean is_particle (const char *word, gsize length);

/* A town at @q: up to three capitalised words with particles ("Frankfurt am Main", "Den
 * Haag"), and a postal district ("Dublin 4"). Returns its end or @q. */
static gsize
town_end (const Scan *s,
          gsize       q)
{
  gsize end = q;

  if (!capital_at (s, q))
    return q;
  end = name_word_end (s, q);
  for (guint k = 0; k < 3 && at (s, end) == ' '; k++)
    {
      gsize v = end + 1, x;

      if (capital_at (s, v))
        {
          x = name_word_end (s, v);
          if ((x - v == 2 && IS_UPPER (at (s, v + 1))) || uk_postcode_at (s, v) ||
              (word_flags (s, v, x - v) &
               (RD_LEX_CTX_ANY | RD_LEX_GREETING | RD_LEX_CLOSING | RD_LEX_ROLE)))
            break;  /* a state code, a postcode, or the next sentence */
          end = x;
        }
      else if (IS_LOWER (at (s, v)) && (x = word_end (s, v)) && is_particle (s->text + v, x - v) &&
               at (s, x) == ' ' && capital_at (s, x + 1))
        end = name_word_end (s, x + 1);
      else if (IS_DIGIT (at (s, v)) && (x = word_end (s, v)) - v <= 2 && !IS_WORD (at (s, x)) &&
               !(at (s, x) == '.' && IS_DIGIT (at (s, x + 1))) &&
               !(at (s, x) == ',' && IS_DIGIT (at (s, x + 2))))
        {
          end = x;
          break;
        }
      else
        break;
    }
  return end;
}

/* After a street: ", Apt 4", ", Springfield, IL 62704", ", London SW1A 1AA", "10115 Berlin".
 * Returns the end of what still belongs to the address. */
static gsize
extend_address (const Scan *s,
                gsize       end)
{
  for (guint parts = 0; parts < 5; parts++)
    {
      gsize q = end, w, post;
      gboolean comma = FALSE;
      guint32 flags;

      if (at (s, q) == '.')
        q++;
      if (at (s, q) == ',')
        {
          comma = TRUE;
          q++;
        }
      if (at (s, q) != ' ')
        break;
      q++;

      /* A UK postcode or a US state and ZIP code may follow without a comma. */
      if ((post = uk_postcode_at (s, q)) != 0)
        {
          end = post;
          continue;
        }
      if (IS_UPPER (at (s, q)) && IS_UPPER (at (s, q + 1)) && !IS_WORD (at (s, q + 2)) &&
          (word_flags (s, q, 2) & RD_LEX_US_STATE))
        {
          gsize z;
          end = q + 2;
          if (at (s, end) == ' ' && read_int (s, end + 1, &z, 5) != G_MAXUINT && z - end == 6 &&
              !IS_WORD (at (s, z)))
            {
              end = z;
              if (at (s, z) == '-' && read_int (s, z + 1, &w, 4) != G_MAXUINT && w - z == 5)
                end = w;
            }
          continue;
        }
      /* Postal codes before a town: 10115 Berlin, 1017 AB Amsterdam, 75001 Paris. */
      if (IS_DIGIT (at (s, q)))
        {
          gsize z;
          if (read_int (s, q, &z, 6) == G_MAXUINT || z - q < 4 || IS_WORD (at (s, z)))
            break;
          if (at (s, z) == '-' && IS_DIGIT (at (s, z + 1)))  /* 01310-100 (Brazil) */
            {
              read_int (s, z + 1, &z, 3);
            }
          if (at (s, z) == ' ' && IS_UPPER (at (s, z + 1)) && IS_UPPER (at (s, z + 2)) &&
              at (s, z + 3) == ' ')
            z += 3;
          if (at (s, z) == ' ' && capital_at (s, z + 1))
            {
              end = town_end (s, z + 1);
              continue;
            }
          if (!comma)
            break;
          end = z;
          continue;
        }
      if (!comma)
        {
          /* "Street NW" */
          w = word_end (s, q);
          for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
            if (strlen (directions[i]) == w - q && memcmp (directions[i], s->text + q, w - q) == 0)
              {
                end = w;
                goto next;
              }
          break;
        }
      if (!capital_at (s, q) && at (s, q) != '#')
        break;
      w = name_word_end (s, q);
      flags = word_flags (s, q, w - q);
      if (flags & RD_LEX_UNIT || at (s, q) == '#')
        {
          gsize u = at (s, q) == '#' ? q + 1 : w;
          if (at (s, u) == '.')
            u++;
          u = skip_blanks (s, u);
          if (!IS_ALNUM (at (s, u)))
            break;
          end = word_end (s, u);
          continue;
        }
      if (flags & (RD_LEX_CTX_ANY | RD_LEX_GREETING | RD_LEX_CLOSING | RD_LEX_ROLE))
        break;
      /* A town of up to three words. */
      end = town_end (s, q);
    next:
      ;
    }
  return end;
}

/* "Flat 10, " before a house number at @p: returns where the address starts. */
static gsize
unit_before (const Scan *s,
             gsize       p)
{
  gsize q = p, n_end, w;

  if (q < 4 || s->text[q - 1] != ' ' || s->text[q - 2] != ',')
    return p;
  n_end = q - 2;
  q = n_end;
  while (q > 0 && IS_ALNUM (s->text[q - 1]) && n_end - q < 5)
    q--;
  if (q == n_end || q < 2 || s->text[q - 1] != ' ' || !IS_DIGIT (s->text[q]))
    return p;
  w = q - 1;
  q = w;
  while (q > 0 && IS_ALPHA (s->text[q - 1]))
    q--;
  if (q < w && (word_flags (s, q, w - q) & RD_LEX_UNIT))
    return q;
  return p;
}

/* "221B Baker Street", "12 rue de Rivoli": @p is the house number, @num_end its end. */
static gsize
number_first_street (Scan  *s,
                     gsize  p,
                     gsize  num_end)
{
  gsize q = num_end;
  guint32 flags;

  if (IS_UPPER (at (s, q)) && !IS_WORD (at (s, q + 1)))
    q++;  /* 221B */
  if (at (s, q) == ',')
    q++;
  if (at (s, q) != ' ')
    return 0;
  q++;

  /* Romance languages: the street type comes first. */
  {
    gsize w = word_end (s, q);
    flags = w > q ? word_flags (s, q, w - q) : 0;
    if (flags & RD_LEX_STREET_FIRST)
      {
        gsize end = w;
        guint words = 0;

        while (words < 6 && at (s, end) == ' ')
          {
            gsize v = end + 1, x;
            if (capital_at (s, v))
              x = name_word_end (s, v);
            else if (IS_LOWER (at (s, v)) && (x = word_end (s, v)) - v <= 4 &&
                     is_particle (s->text + v, x - v))
              ;
            else if (at (s, v) == 'd' && at (s, v + 1) == '\'' && capital_at (s, v + 2))
              x = name_word_end (s, v + 2);
            else
              break;
            end = x;
            words++;
          }
        if (words == 0)
          return 0;
        end = extend_address (s, end);
        emit (s, RD_PII_LOCATION, unit_before (s, p), end, 0.85, "house number and street type");
        return end;
      }
  }

  /* English: capitalised words up to a street type. */
  for (guint words = 0; words < 5; words++)
    {
      gsize w;

      if (IS_DIGIT (at (s, q)))
        {
          /* "5th Avenue" */
          w = word_end (s, q);
          if (skip_ordinal (s, w - 2) != w)
            return 0;
        }
      else if (!capital_at (s, q))
        return 0;
      else
        w = name_word_end (s, q);
      flags = word_flags (s, q, w - q);
      if (words > 0 && (flags & RD_LEX_STREET))
        {
          gsize end = w;
          /* "St., Springfield": the abbreviation's full stop, not a sentence's */
          if (at (s, end) == '.' && at (s, end + 1) == ',')
            end++;
          end = extend_address (s, end);
          emit (s, RD_PII_LOCATION, unit_before (s, p), end, 0.85, "house number and street type");
          return end;
        }
      if (flags & (RD_LEX_CTX_ANY | RD_LEX_MONTH | RD_LEX_GREETING | RD_LEX_CLOSING))
        return 0;
      if (at (s, w) != ' ')
        return 0;
      q = w + 1;
    }
  return 0;
}

#define LETTER_BIT(c) (1u << ((c) - 'a'))
#define SUFFIX_LAST_LETTERS (LETTER_BIT ('e') | LETTER_BIT ('g') | LETTER_BIT ('z') | \
                             LETTER_BIT ('r') | LETTER_BIT ('m') | LETTER_BIT ('t') | \
                             LETTER_BIT ('n') | LETTER_BIT ('l') | LETTER_BIT ('k'))

static gboolean
street_compound (const char *word,
                 gsize       length)
{
#define SUFFIX(text) { text, sizeof text - 1 }
  static const struct { const char *text; gsize length; } suffixes[] = {
    SUFFIX ("straße"), SUFFIX ("strasse"), SUFFIX ("str."), SUFFIX ("weg"), SUFFIX ("gasse"),
    SUFFIX ("platz"), SUFFIX ("allee"), SUFFIX ("ring"), SUFFIX ("damm"), SUFFIX ("ufer"),
    SUFFIX ("gracht"), SUFFIX ("straat"), SUFFIX ("laan"), SUFFIX ("plein"), SUFFIX ("kade"),
    SUFFIX ("singel"), SUFFIX ("dijk"), SUFFIX ("steig"), SUFFIX ("str"),
  };
#undef SUFFIX
  char last;

  if (length < 5 || length >= 64)
    return FALSE;
  /* Every suffix ends in one of these: most words are ruled out by their last letter. */
  last = LOWER (word[length - 1]);
  if (last != '.' &&
      !(IS_LOWER (last) && (SUFFIX_LAST_LETTERS & (1u << (last - 'a')))))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize l = suffixes[i].length;
      gsize k;

      if (suffixes[i].text[l - 1] != last || length <= l + 1)
        continue;
      for (k = 0; k < l && LOWER (word[length - l + k]) == suffixes[i].text[k]; k++)
        ;
      if (k == l)
        return TRUE;
    }
  return FALSE;
}

/* "Hauptstraße 12", "Via Roma 10", "Calle Mayor, 5": the number comes after the street. */
static gsize
street_first (Scan     *s,
              gsize     p,
              gboolean  compound)
{
  gsize end = name_word_end (s, p), q;
  guint words = compound ? 0 : 1;
  guint num;

  if (compound && at (s, end) == '.')
    end++;
  while (words < 5)
    {
      gsize v, x;

      if (at (s, end) == ',' && at (s, end + 1) == ' ' && IS_DIGIT (at (s, end + 2)))
        {
          end++;
          break;
        }
      if (at (s, end) != ' ')
        return 0;
      v = end + 1;
      if (IS_DIGIT (at (s, v)))
        break;
      if (compound)
        return 0;
      if (capital_at (s, v))
        x = name_word_end (s, v);
      else if (IS_LOWER (at (s, v)) && is_particle (s->text + v, (x = word_end (s, v)) - v))
        ;
      else
        return 0;
      if (word_flags (s, v, x - v) & (RD_LEX_CTX_ANY | RD_LEX_CLOSING))
        return 0;
      end = x;
      words++;
    }
  if (at (s, end) != ' ')
    return 0;
  num = read_int (s, end + 1, &q, 5);
  if (num == G_MAXUINT || num == 0)
    return 0;
  if (IS_LOWER (at (s, q)) && !IS_WORD (at (s, q + 1)))
    q++;  /* 12a */
  if (IS_WORD (at (s, q)))
    return 0;
  end = extend_address (s, q);
  emit (s, RD_PII_LOCATION, p, end, 0.8, "street name and house number");
  return end;
}

/* Numbers -------------------------------------------------------------------------------- */

typedef struct
{
  RdPiiNumber num;
  gsize       start, end;
  gsize       group_end[RD_PII_MAX_GROUPS];
  char        sep[RD_PII_MAX_GROUPS];    /* the separator before each group ('\0' first) */
  gboolean    paren_group[RD_PII_MAX_GROUPS];
} Run;

/* Reads digits and separators from @p: "+44 (0)20 7946 0958", "4111-1111-1111-1111". */
static void
collect_run (const Scan *s,
             gsize       p,
             Run        *r)
{
  gboolean open = FALSE;

  /* The number itself starts zeroed (the validators may read its digits past the last); the
   * arrays about groups are written before they are read. */
  memset (&r->num, 0, sizeof r->num);
  r->start = p;
  r->end = p;
  r->sep[0] = '\0';

  if (at (s, p) == '+')
    {
      r->num.international = TRUE;
      p++;
    }

  for (;;)
    {
      gsize g = p;
      guint k = r->num.n_groups;
      gboolean in_paren = FALSE;
      char sep = '\0';

      if (at (s, g) == '(')
        {
          open = TRUE;
          in_paren = TRUE;
          g++;
        }
      if (!IS_DIGIT (at (s, g)))
        break;
      while (IS_DIGIT (at (s, g)) && r->num.n_digits < RD_PII_MAX_DIGITS)
        r->num.digits[r->num.n_digits++] = s->text[g++];
      if (IS_DIGIT (at (s, g)))
        {
          /* Too long for any identifier: swallow the rest so it is not read again. */
          while (IS_DIGIT (at (s, g)))
            g++;
          r->num.n_groups = 0;
          r->end = g;
          return;
        }
      r->group_end[k] = g;
      r->paren_group[k] = in_paren;
      r->num.groups[k] = g - p - (in_paren ? 1 : 0);
      r->num.n_groups++;
      r->end = g;
      p = g;
      if (in_paren || open)
        {
          if (at (s, p) != ')')
            {
              if (in_paren)
                {
                  /* "(0" without its closing parenthesis: not ours. */
                  r->num.n_groups--;
                  r->num.n_digits -= r->num.groups[k];
                  r->end = k > 0 ? r->group_end[k - 1] : r->start;
                  return;
                }
            }
          else
            {
              p++;
              open = FALSE;
              r->end = p;
              if (in_paren && k == 0)
                r->num.paren_first = TRUE;
            }
        }
      if (r->num.n_groups == RD_PII_MAX_GROUPS)
        return;

      /* The separator before the next group. */
      if (at (s, p) == ' ' || at (s, p) == '-' || at (s, p) == '.' || at (s, p) == '/')
        {
          sep = s->text[p];
          p++;
          if (sep == ' ' && at (s, p) == '-' && at (s, p + 1) == ' ')
            p += 2;
        }
      else if (at (s, p) != '(' && !(r->paren_group[k] && IS_DIGIT (at (s, p))))
        return;
      if (sep == '.' && !IS_DIGIT (at (s, p)))
        return;
      if (!IS_DIGIT (at (s, p)) && !(at (s, p) == '(' && IS_DIGIT (at (s, p + 1))))
        return;
      r->sep[k + 1] = sep ? sep : ' ';
    }
}

/* The digits of the first @k groups. */
static guint
digits_in (const Run *r,
           guint      k)
{
  guint n = 0;

  for (guint i = 0; i < k; i++)
    n += r->num.groups[i];
  return n;
}

static gboolean
same_separators (const Run *r,
                 guint      k,
                 const char *allowed)
{
  for (guint i = 1; i < k; i++)
    if (r->sep[i] != r->sep[1] || !in_set (r->sep[i], allowed))
      return FALSE;
  return TRUE;
}

static gboolean
card_grouping (const Run *r,
               guint      k)
{
  if (k == 1)
    return TRUE;
  if (!same_separators (r, k, " -"))
    return FALSE;
  /* 4-4-4-4(-3), or Amex 4-6-5, Diners 4-6-4 */
  if (k == 3 && r->num.groups[0] == 4 && r->num.groups[1] == 6 &&
      (r->num.groups[2] == 5 || r->num.groups[2] == 4))
    return TRUE;
  for (guint i = 0; i + 1 < k; i++)
    if (r->num.groups[i] != 4)
      return FALSE;
  return r->num.groups[k - 1] >= 1 && r->num.groups[k - 1] <= 4;
}

static gboolean
try_card (Scan      *s,
          const Run *r,
          guint32    ctx)
{
  for (guint k = r->num.n_groups; k >= 1; k--)
    {
      guint n = digits_in (r, k);

      if (n < 13)
        break;
      if (n > 19 || !card_grouping (r, k) || r->num.international)
        continue;
      if (!rd_pii_luhn_valid (r->num.digits, n))
        continue;
      if (rd_pii_card_issuer_known (r->num.digits, n))
        return emit (s, RD_PII_CREDIT_CARD, r->start, r->group_end[k - 1],
                     ctx & RD_LEX_CTX_CARD ? 1.0 : 0.95, "Luhn checksum and card issuer prefix");
      if (ctx & RD_LEX_CTX_CARD)
        return emit (s, RD_PII_CREDIT_CARD, r->start, r->group_end[k - 1], 0.7,
                     "Luhn checksum and card context");
    }
  return FALSE;
}

static gboolean
is_date_run (const Run *r)
{
  const guint8 *g = r->num.groups;

  if (r->num.n_groups != 3 || r->num.international || !same_separators (r, 3, "/-."))
    return FALSE;
  return (g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4)) ||
         (g[0] == 4 && g[1] <= 2 && g[2] <= 2);
}

static gboolean
valid_date_run (const Run *r)
{
  const char *d = r->num.digits;
  const guint8 *g = r->num.groups;
  guint a = 0, b = 0, c = 0, i = 0;

  for (guint k = 0; k < g[0]; k++) a = a * 10 + (d[i++] - '0');
  for (guint k = 0; k < g[1]; k++) b = b * 10 + (d[i++] - '0');
  for (guint k = 0; k < g[2]; k++) c = c * 10 + (d[i++] - '0');

  if (g[0] == 4)
    return plausible_birth_year (a) && b >= 1 && b <= 12 && c >= 1 && c <= 31;
  if (g[2] == 4 && !plausible_birth_year (c))
    return FALSE;
  /* Day and month in either order (12/03 in Europe, 03/12 in the US). */
  return a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
}

static gboolean
ipv4_run (const Run *r)
{
  guint i = 0;

  if (r->num.n_groups != 4 || r->num.international || !same_separators (r, 4, "."))
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      guint v = 0;
      if (r->num.groups[k] > 3 || (r->num.groups[k] > 1 && r->num.digits[i] == '0'))
        return FALSE;
      for (guint j = 0; j < r->num.groups[k]; j++)
        v = v * 10 + (r->num.digits[i++] - '0');
      if (v > 255)
        return FALSE;
    }
  return TRUE;
}

static gboolean
try_phone (Scan      *s,
           const Run *r,
           guint32    ctx,
           gsize     *end)
{
  RdPiiNumber n = r->num;
  gboolean context = (ctx & RD_LEX_CTX_PHONE) != 0;

  /* "00 44 20 ..." is "+44 20 ...". */
  if (!n.international && n.n_digits > 10 && n.digits[0] == '0' && n.digits[1] == '0')
    {
      memmove (n.digits, n.digits + 2, n.n_digits - 1);
      n.n_digits -= 2;
      n.international = TRUE;
    }
  /* "+44 (0)20": the trunk zero is not dialled from abroad. One inside the "00" just taken
   * off ("0 (0)20 …") is gone already. */
  if (n.international)
    for (guint k = 1; k < r->num.n_groups; k++)
      if (r->paren_group[k] && r->num.groups[k] == 1 && r->num.digits[digits_in (r, k)] == '0' &&
          digits_in (r, k) >= r->num.n_digits - n.n_digits)
        {
          guint at0 = digits_in (r, k) - (r->num.n_digits - n.n_digits);
          memmove (n.digits + at0, n.digits + at0 + 1, n.n_digits - at0);
          n.n_digits--;
          break;
        }

  /* The whole run, then shorter ones: "call 0161 496 0000 2 times". */
  for (guint k = r->num.n_groups; k >= 1; k--)
    {
      double score;
      const char *reason;
      RdPiiPhoneVerdict v;
      guint drop = r->num.n_digits - digits_in (r, k);

      if (n.n_digits <= drop)
        break;
      n.n_digits -= drop;
      n.n_groups = k;
      v = rd_pii_phone_classify (&n, context, &score, &reason);
      n.n_digits += drop;
      if (v == RD_PII_PHONE_BUSINESS)
        {
          *end = r->group_end[k - 1];
          return TRUE;  /* an organisation's number: leave it, and do not read it again */
        }
      if (v == RD_PII_PHONE_YES)
        {
          gsize e = r->group_end[k - 1];
          if (k == r->num.n_groups && r->end > e)
            e = r->end;  /* a closing parenthesis */
          emit (s, RD_PII_PHONE_NUMBER, r->start, e, score, reason);
          *end = e;
          return TRUE;
        }
      if (k <= 2)
        break;
    }
  return FALSE;
}

static gboolean
currency_before (const Scan *s,
                 gsize       pos)
{
  gsize p = pos;

  while (p > 0 && s->text[p - 1] == ' ')
    p--;
  if (p == 0)
    return FALSE;
  if (s->text[p - 1] == '$')
    return TRUE;
  /* £, ¥ and € in UTF-8 */
  if (p >= 2 && (guchar) s->text[p - 2] == 0xc2 &&
      ((guchar) s->text[p - 1] == 0xa3 || (guchar) s->text[p - 1] == 0xa5))
    return TRUE;
  if (p >= 3 && (guchar) s->text[p - 3] == 0xe2 && (guchar) s->text[p - 2] == 0x82 &&
      (guchar) s->text[p - 1] == 0xac)
    return TRUE;
  return FALSE;
}

static gsize ipv6_at (Scan *s, gsize p);

/* Skips a code such as SKU-1234-X or 1Z999AA10123456784. */
static gsize
skip_code (const Scan *s,
           gsize       p)
{
  for (;;)
    {
      p = word_end (s, p);
      if ((at (s, p) == '-' || at (s, p) == '_' || at (s, p) == '/' || at (s, p) == '.') &&
          IS_ALNUM (at (s, p + 1)))
        p++;
      else
        return p;
    }
}

static gsize
at_number (Scan  *s,
           gsize  pos)
{
  Run r;
  guint32 ctx;
  guint n;
  gsize end;
  char before = pos > 0 ? s->text[pos - 1] : ' ';

  /* Inside a code (INV-2024-0042), after '#' (ticket #48213), after a currency sign. */
  if ((before == '-' || before == '_' || before == '/' || before == '.' || before == '#') &&
      (before == '#' || (pos > 1 && IS_ALNUM (s->text[pos - 2]))))
    return skip_code (s, pos);
  if (before == '#' || currency_before (s, pos))
    {
      collect_run (s, pos, &r);
      return MAX (r.end, pos + 1);
    }

  /* An IPv6 address or a time of day. */
  if (IS_DIGIT (at (s, pos)))
    {
      gsize w = pos;
      while (w < s->length && g_ascii_isxdigit (s->text[w]) && w - pos < 5)
        w++;
      if (at (s, w) == ':' && (g_ascii_isxdigit (at (s, w + 1)) || at (s, w + 1) == ':'))
        {
          gsize e = ipv6_at (s, pos);
          if (e)
            return e;
          /* 10:30, 10:30:45 */
          e = pos;
          while (IS_DIGIT (at (s, e)) || at (s, e) == ':')
            e++;
          return e;
        }
    }

  collect_run (s, pos, &r);
  if (r.num.n_groups == 0)
    return MAX (r.end, pos + 1);
  end = r.end;
  n = r.num.n_digits;

  /* Letters glued to the number: 12th March, 221B Baker Street, 3pm, a code. */
  if (IS_ALPHA (at (s, end)) && r.num.n_groups == 1)
    {
      gsize e;
      if (n <= 2 && (e = day_first_date (s, end)) != 0)
        {
          if (birth_context (s, pos))
            emit (s, RD_PII_DATE_TIME, pos, e, 0.85, "date with birth context");
          return e;
        }
      if (n <= 4 && (e = number_first_street (s, pos, end)) != 0)
        return e;
      return skip_code (s, pos);
    }
  if (IS_ALPHA (at (s, end)) || (guchar) at (s, end) >= 0x80)
    return skip_code (s, pos);

  if (ipv4_run (&r))
    {
      if (!(at (s, end) == '.' && IS_DIGIT (at (s, end + 1))) &&
          !(context_before (s, pos, 3, RD_LEX_CTX_ANY) & RD_LEX_CTX_VERSION))
        emit (s, RD_PII_IP_ADDRESS, pos, end, 0.95, "parsed IPv4 address");
      return end;
    }

  if (is_date_run (&r))
    {
      if (valid_date_run (&r) && birth_context (s, pos))
        emit (s, RD_PII_DATE_TIME, pos, end, 0.9, "date with birth context");
      return end;
    }

  if (r.num.n_groups == 1 && n <= 5 && !r.num.international)
    {
      gsize e;
      if (n <= 2 && (e = day_first_date (s, end)) != 0)
        {
          if (birth_context (s, pos))
            emit (s, RD_PII_DATE_TIME, pos, e, 0.9, "date with birth context");
          return e;
        }
      if ((e = number_first_street (s, pos, end)) != 0)
        return e;
      return end;
    }

  if (n < 6)
    return end;

  ctx = context_before (s, pos, CONTEXT_WORDS, RD_LEX_CTX_ANY);
  if (ctx & (RD_LEX_CTX_LOOKALIKE | RD_LEX_CTX_VERSION))
    return end;
  /* No amount has 13 digits: a card after "charged to" is still a card. */
  if (try_card (s, &r, ctx))
    return end;
  /* No amount is written with a country code: "Marie Price can be reached on +33 …". */
  if ((ctx & RD_LEX_CTX_MONEY) && !r.num.international)
    return end;
  {
    gsize a = skip_blanks (s, end), w = word_end (s, a);
    if (w > a && (word_flags (s, a, w - a) & RD_LEX_CTX_MONEY))
      return end;
  }

  /* US SSN: 3-2-4; no telephone plan groups its digits so, so a failed one is nothing. */
  if (n == 9 && !r.num.international && r.num.n_groups == 3 && r.num.groups[0] == 3 &&
      r.num.groups[1] == 2 && same_separators (&r, 3, " -"))
    {
      if (rd_pii_ssn_valid (r.num.digits))
        emit (s, RD_PII_US_SSN, pos, end, ctx & RD_LEX_CTX_SSN ? 1.0 : 0.85,
              "SSN format and number ranges");
      return end;
    }
  if (n == 9 && r.num.n_groups == 1 && (ctx & RD_LEX_CTX_SSN) && rd_pii_ssn_valid (r.num.digits))
    {
      emit (s, RD_PII_US_SSN, pos, end, 0.9, "SSN context and number ranges");
      return end;
    }

  /* NHS: 3-3-4, mod 11 */
  if (n == 10 && !r.num.international && !(ctx & RD_LEX_CTX_PHONE) &&
      ((r.num.n_groups == 3 && r.num.groups[0] == 3 && r.num.groups[1] == 3 &&
        same_separators (&r, 3, " -")) || r.num.n_groups == 1) &&
      r.num.digits[0] != '0' && rd_pii_nhs_valid (r.num.digits) &&
      (r.num.n_groups == 3 || (ctx & RD_LEX_CTX_NHS)))
    {
      emit (s, RD_PII_UK_NHS, pos, end, ctx & RD_LEX_CTX_NHS ? 1.0 : 0.75,
            "NHS number mod 11 check digit");
      return end;
    }

  if (try_phone (s, &r, ctx, &end))
    return end;

  return end;
}

/* Words ---------------------------------------------------------------------------------- */

static gsize
ipv6_at (Scan  *s,
         gsize  p)
{
  gsize e = p;
  guint colons = 0;
  char buf[64];
  struct in6_addr addr;

  if (p > 0 && (IS_WORD (s->text[p - 1]) || s->text[p - 1] == ':'))
    return 0;
  while (e < s->length && e - p < 45 &&
         (g_ascii_isxdigit (s->text[e]) || s->text[e] == ':' || s->text[e] == '.'))
    {
      if (s->text[e] == ':')
        colons++;
      e++;
    }
  while (e > p + 1 && (s->text[e - 1] == '.' || (s->text[e - 1] == ':' && s->text[e - 2] != ':')))
    e--;
  if (colons < 2 || IS_WORD (at (s, e)) || e - p >= sizeof buf)
    return 0;
  memcpy (buf, s->text + p, e - p);
  buf[e - p] = '\0';
  if (inet_pton (AF_INET6, buf, &addr) != 1)
    return 0;
  emit (s, RD_PII_IP_ADDRESS, p, e, 0.95, "parsed IPv6 address");
  return e;
}

static gsize
url_at (Scan  *s,
        gsize  p)
{
  gsize e = p;

  while (e < s->length && !(address_byte[(guchar) s->text[e]] & B_URL_END))
    e++;
  while (e > p && in_set (s->text[e - 1], ".,;:!?)]}"))
    e--;
  if (e - p < 8)
    return 0;
  emit (s, RD_PII_URL, p, e, 0.6, "web address");
  return e;
}

static gsize
email_at (Scan  *s,
          gsize  a)
{
  gsize start = a, e = a + 1, last_dot = 0;
  guint labels = 0;

  while (start > 0 && a - start < 64 && (address_byte[(guchar) s->text[start - 1]] & B_LOCAL))
    start--;
  while (start < a && !IS_ALNUM (s->text[start]))
    start++;
  if (start == a)
    return a + 1;

  for (;;)
    {
      gsize l = e;
      while (e < s->length && (address_byte[(guchar) s->text[e]] & B_DOMAIN))
        e++;
      if (e == l)
        {
          e = l > a + 1 ? l - 1 : l;
          break;
        }
      labels++;
      if (at (s, e) == '.' && IS_ALNUM (at (s, e + 1)))
        {
          last_dot = e;
          e++;
          continue;
        }
      break;
    }
  if (labels < 2 || last_dot == 0)
    return a + 1;
  /* The top-level domain: letters only, two or more. */
  for (gsize t = last_dot + 1; t < e; t++)
    if (!IS_ALPHA (s->text[t]))
      return e;
  if (e - last_dot - 1 < 2)
    return e;

  emit (s, RD_PII_EMAIL_ADDRESS, start, e, 0.95, "address with a domain");
  return e;
}

/* "john dot smith at gmail dot com" at the word "at" */
static gsize
spoken_email_at (Scan  *s,
                 gsize  p)
{
  gsize start, q, e;
  guint parts = 0;

  /* The local part: word (dot word)* before "at". */
  q = p;
  if (q < 2 || s->text[q - 1] != ' ' || !IS_ALNUM (s->text[q - 2]))
    return 0;
  q--;
  for (;;)
    {
      gsize w = q;
      while (w > 0 && (IS_ALNUM (s->text[w - 1]) ||
                       (s->text[w - 1] == '-' && w > 1 && IS_ALNUM (s->text[w - 2]))))
        w--;
      start = w;
      parts++;
      if (parts < 4 && w >= 6 && s->text[w - 1] == ' ' &&
          (strncmp (s->text + w - 5, " dot ", 5) == 0 ||
           (w >= 13 && strncmp (s->text + w - 12, " underscore ", 12) == 0)))
        {
          q = s->text[w - 4] == 'd' ? w - 5 : w - 12;
          if (q == 0 || !IS_ALNUM (s->text[q - 1]))
            break;
          continue;
        }
      break;
    }
  if (start > 0 && IS_WORD (s->text[start - 1]))
    return 0;

  /* The domain: word (dot word)+ ending in a top-level domain. */
  e = p + 2;
  {
    guint dots = 0;
    gsize last, w;

    if (at (s, e) != ' ' || (w = word_end (s, e + 1)) == e + 1)
      return 0;
    last = e = w;
    while (e + 5 < s->length && strncmp (s->text + e, " dot ", 5) == 0 && IS_ALNUM (at (s, e + 5)))
      {
        last = e = word_end (s, e + 5);
        dots++;
      }
    if (dots == 0)
      return 0;
    {
      gsize t = last;
      while (t > 0 && IS_ALNUM (s->text[t - 1]))
        t--;
      if (!(word_flags (s, t, last - t) & RD_LEX_TLD))
        return 0;
    }
    e = last;
  }
  emit (s, RD_PII_EMAIL_ADDRESS, start, e, 0.8, "e-mail address spoken");
  return e;
}

/* "four one five, five five five ..." and "oh seven seven double oh ..." */
static gsize
spoken_digits_at (Scan  *s,
                  gsize  p)
{
  char digits[RD_PII_MAX_DIGITS + 1];
  guint n = 0;
  gsize q = p, end = p;
  guint32 ctx;
  int repeat = 1;

  for (;;)
    {
      gsize w = word_end (s, q);
      int v = w > q ? rd_pii_lexicon_spoken_digit (s->text + q, w - q) : -1;

      if (v == 10 || v == 11)
        {
          repeat = v == 10 ? 2 : 3;
        }
      else if (v >= 0)
        {
          if (v == 0 && n == 0 && (s->text[q] == 'o' || s->text[q] == 'O') && w - q == 2 &&
              FALSE)
            break;
          for (int i = 0; i < repeat && n < RD_PII_MAX_DIGITS; i++)
            digits[n++] = '0' + v;
          repeat = 1;
          end = w;
        }
      else if (w > q && IS_DIGIT (s->text[q]) && w - q <= 4 && n > 0)
        {
          for (gsize i = q; i < w; i++)
            if (!IS_DIGIT (s->text[i]))
              goto done;
          for (gsize i = q; i < w && n < RD_PII_MAX_DIGITS; i++)
            digits[n++] = s->text[i];
          end = w;
        }
      else
        break;
      if (n >= RD_PII_MAX_DIGITS)
        break;
      /* Separators: a space, a comma, a hyphen, a pause ("...") */
      q = w;
      while (q < s->length && (s->text[q] == ' ' || s->text[q] == ',' || s->text[q] == '-' ||
                               s->text[q] == '.') && q - w < 4)
        q++;
      if (q == w)
        break;
    }
done:
  digits[n] = '\0';
  if (n < 7)
    return word_end (s, p);

  ctx = context_before (s, p, CONTEXT_WORDS, RD_LEX_CTX_ANY);
  if (ctx & (RD_LEX_CTX_LOOKALIKE | RD_LEX_CTX_MONEY))
    return end;
  if (n >= 13 && n <= 19 && rd_pii_luhn_valid (digits, n) &&
      (rd_pii_card_issuer_known (digits, n) || (ctx & RD_LEX_CTX_CARD)))
    emit (s, RD_PII_CREDIT_CARD, p, end, 0.9, "card number spoken, Luhn checksum");
  else if (n == 9 && (ctx & RD_LEX_CTX_SSN) && rd_pii_ssn_valid (digits))
    emit (s, RD_PII_US_SSN, p, end, 0.9, "SSN spoken");
  else if (n == 10 && (ctx & RD_LEX_CTX_NHS) && rd_pii_nhs_valid (digits))
    emit (s, RD_PII_UK_NHS, p, end, 0.9, "NHS number spoken");
  else if (n <= 15 && (n >= 9 || (ctx & RD_LEX_CTX_PHONE)))
    emit (s, RD_PII_PHONE_NUMBER, p, end, ctx & RD_LEX_CTX_PHONE ? 0.8 : 0.65,
          "phone number spoken digit by digit");
  return end;
}

static gsize
iban_at (Scan  *s,
         gsize  p)
{
  char buf[40];
  guint want = rd_pii_iban_length (s->text + p), n = 0;
  gsize q = p, end = p;

  if (want == 0)
    return 0;
  while (n < want)
    {
      gsize w = q;
      while (w < s->length && IS_ALNUM (s->text[w]) && n < sizeof buf - 1)
        {
          buf[n++] = UPPER (s->text[w]);
          w++;
        }
      if (w == q)
        break;
      end = w;
      if (n >= want || at (s, w) != ' ' || !IS_ALNUM (at (s, w + 1)))
        break;
      q = w + 1;
    }
  if (n != want || IS_WORD (at (s, end)) || !rd_pii_iban_valid (buf, n))
    return 0;
  emit (s, RD_PII_IBAN_CODE, p, end, 1.0, "IBAN country length and mod-97 checksum");
  return end;
}

static gsize
nino_at (Scan  *s,
         gsize  p)
{
  char buf[10];
  guint n = 0, spaces = 0;
  gsize q = p, end = p;

  while (q < s->length && n < 9)
    {
      char c = s->text[q];
      if (IS_ALNUM (c))
        {
          buf[n++] = c;
          end = ++q;
        }
      else if (c == ' ' && spaces < 4 && n >= 2 && IS_ALNUM (at (s, q + 1)))
        {
          spaces++;
          q++;
        }
      else
        break;
    }
  if (IS_WORD (at (s, end)))
    return 0;
  if (!rd_pii_nino_valid (buf, n) && !(n == 8 && rd_pii_nino_valid (buf, 8)))
    return 0;
  emit (s, RD_PII_UK_NINO, p, end,
        context_before (s, p, CONTEXT_WORDS, RD_LEX_CTX_NINO) ? 1.0 : 0.85,
        "National Insurance number format and prefix");
  return end;
}

/* Does the text before @p end in @phrase (lower case, ending in a space), in any case? */
static inline gboolean
ends_with_phrase (const Scan *s,
                  gsize       p,
                  const char *phrase,
                  gsize       length)
{
  const char *t = s->text + p - length;

  if (p < length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (LOWER (t[i]) != phrase[i])
      return FALSE;
  return TRUE;
}

/* Lower-case words before a name that introduce it. The self-introductions must start a
 * word; the others are matched as plain endings. */
typedef struct
{
  const char *text;
  gsize       length;
} Phrase;

#define PHRASE(text) { text, sizeof text - 1 }
static const Phrase self_intros[] = {
  PHRASE ("my name is "), PHRASE ("my name's "), PHRASE ("this is "), PHRASE ("i'm "),
  PHRASE ("i am "), PHRASE ("im "), PHRASE ("it's "), PHRASE ("name is "),
};
/* In order of precedence; the first 16 are strong enough for an unknown word. */
static const Phrase other_intros[] = {
  PHRASE ("spoke to "), PHRASE ("spoke with "), PHRASE ("speak to "), PHRASE ("speak with "),
  PHRASE ("speaking to "), PHRASE ("speaking with "), PHRASE ("talked to "),
  PHRASE ("talk to "), PHRASE ("ask for "), PHRASE ("asked for "), PHRASE ("named "),
  PHRASE ("called "), PHRASE ("call with "), PHRASE ("chat with "), PHRASE ("went to "),
  PHRASE ("signed for by "), PHRASE ("from "), PHRASE ("contact "), PHRASE ("cc "),
  PHRASE ("by "), PHRASE ("with "), PHRASE ("and "), PHRASE ("to "),
  /* Whom one calls, asks, writes to or thanks: "call Tom", where Tom is also a word. */
  PHRASE ("call "), PHRASE ("ask "), PHRASE ("tell "), PHRASE ("email "), PHRASE ("text "),
  PHRASE ("thank "), PHRASE ("thanks "),
};
#undef PHRASE

/* The phrases by the letter they end in (before the space), a bit for each in the order
 * above: most words are ruled out by their last letter. */
static guint32 self_intros_by_last[26];
static guint32 other_intros_by_last[26];

/* Lower-case words after which a name may come in lower case too ("my sister lily park",
 * "i talked to lorenzo li", "hi sarah"): the family and the people around one, greetings,
 * and the last words of the strongest phrases above, which introduced () must then find
 * whole. Bit n set for a letter: such a word of n letters starts with it. */
static const char *const lower_cues_by_length[11] = {
  [2] = "hi",
  [3] = "son" "mum" "mom" "dad" "hey",
  [4] = "wife" "boss" "aunt" "dear",
  [5] = "uncle" "niece" "hello",
  [6] = "mother" "father" "sister" "friend" "cousin" "nephew" "tenant" "thanks",
  [7] = "husband" "partner" "brother" "manager",
  [8] = "daughter" "neighbor" "landlord" "landlady" "flatmate" "roommate",
  [9] = "colleague" "neighbour" "boyfriend",
  [10] = "girlfriend",
};
/* The last words of the strongest phrases: i'm, spoke to, this is, i am, call with. */
static const char *const lower_phrase_ends_by_length[5] = {
  [1] = "m",
  [2] = "to" "is" "am",
  [4] = "with",
};
static guint16 lower_cue_lengths[26];
static guint16 lower_special_lengths[26];  /* lower_cue_lengths[] | lower_lengths[] */
static const guint8 lower_lengths[26];

static void
init_intros (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (other_intros) <= 32);

  for (guint i = 0; i < G_N_ELEMENTS (self_intros); i++)
    self_intros_by_last[self_intros[i].text[self_intros[i].length - 2] - 'a'] |= 1u << i;
  for (guint i = 0; i < G_N_ELEMENTS (other_intros); i++)
    other_intros_by_last[other_intros[i].text[other_intros[i].length - 2] - 'a'] |= 1u << i;

  for (guint length = 0; length < G_N_ELEMENTS (lower_cues_by_length); length++)
    for (const char *w = lower_cues_by_length[length]; w != NULL && *w != '\0'; w += length)
      lower_cue_lengths[w[0] - 'a'] |= 1u << length;
  for (guint length = 0; length < G_N_ELEMENTS (lower_phrase_ends_by_length); length++)
    for (const char *w = lower_phrase_ends_by_length[length]; w != NULL && *w != '\0'; w += length)
      lower_cue_lengths[w[0] - 'a'] |= 1u << length;
  for (guint i = 0; i < 26; i++)
    lower_special_lengths[i] = lower_cue_lengths[i] | lower_lengths[i];
}

static gboolean introduced (const Scan *s, gsize p, gboolean *self, gboolean *strong);

/* Only given names and surnames of the gazetteer, and none that is also a word, are names
 * in lower case. */
static inline gboolean
lower_name_word (const Scan *s,
                 gsize       p,
                 gsize       end,
                 guint32     want)
{
  guint32 flags;

  if (end - p < 2)
    return FALSE;
  flags = word_flags (s, p, end - p);
  return (flags & want) && !(flags & ~(guint32) (RD_LEX_FIRST | RD_LEX_LAST));
}

/* At the lower-case word @p to @w, which lower_cue_lengths[] lets through, before another
 * lower-case word: that word and a surname after it, if they are a name after a cue. */
static G_GNUC_NO_INLINE gsize
lower_name_after (Scan  *s,
                  gsize  p,
                  gsize  w)
{
  /* Words that often follow the cues, ruled out before the look-up. */
  static const char *const not_names_by_length[6] = {
    [3] = "the" "you" "not" "our" "her" "his" "all" "any",
    [4] = "your" "this" "that" "also" "just" "very" "here" "been",
    [5] = "still" "sorry" "their" "there" "about",
  };
  gboolean self = FALSE, strong = FALSE;
  gsize q = w + 1, v = word_end (s, q), e;

  /* No -ing word ("thanks for contacting", "i'm looking") and no short word is a name. */
  if (v - q < 3 || (s->text[v - 1] == 'g' && s->text[v - 2] == 'n' && s->text[v - 3] == 'i') ||
      in_word_list (not_names_by_length, G_N_ELEMENTS (not_names_by_length), s->text + q, v - q) ||
      !lower_name_word (s, q, v, RD_LEX_FIRST))
    return 0;
  if (in_word_list (lower_phrase_ends_by_length, G_N_ELEMENTS (lower_phrase_ends_by_length),
                    s->text + p, w - p))
    {
      if (!introduced (s, q, &self, &strong) || !strong)
        return 0;
    }
  else if (!in_word_list (lower_cues_by_length, G_N_ELEMENTS (lower_cues_by_length),
                          s->text + p, w - p))
    return 0;

  e = v;
  if (at (s, v) == ' ' && IS_LOWER (at (s, v + 1)))
    {
      gsize v2 = word_end (s, v + 1);

      if (lower_name_word (s, v + 1, v2, RD_LEX_FIRST | RD_LEX_LAST))
        e = v2;
    }
  return person (s, q, e, 0.6, "a name in lower case after an introduction", self);
}

/* Two lower-case words before @p that introduce a name: "this is", "spoke to", "i'm". */
static gboolean
introduced (const Scan *s,
            gsize       p,
            gboolean   *self,
            gboolean   *strong)
{
  guint last;

  *self = FALSE;
  *strong = FALSE;
  /* Every phrase ends in a lower-case word and a space. */
  if (p < 3 || s->text[p - 1] != ' ' || !IS_LOWER (s->text[p - 2]))
    return FALSE;
  last = s->text[p - 2] - 'a';

  for (guint32 m = self_intros_by_last[last]; m != 0; m &= m - 1)
    {
      const Phrase *phrase = &self_intros[__builtin_ctz (m)];
      gsize l = phrase->length;

      if (ends_with_phrase (s, p, phrase->text, l) && (p == l || !IS_ALPHA (s->text[p - l - 1])))
        {
          *self = TRUE;
          *strong = TRUE;
          return TRUE;
        }
    }
  for (guint32 m = other_intros_by_last[last]; m != 0; m &= m - 1)
    {
      guint i = __builtin_ctz (m);

      if (ends_with_phrase (s, p, other_intros[i].text, other_intros[i].length))
        {
          *strong = i < 16;
          return TRUE;
        }
    }
  return FALSE;
}

/* A capitalised word that no other rule took: maybe a name. */
static gsize
name_at (Scan    *s,
         gsize    p,
         gsize    w,
         guint32  flags)
{
  RdPiiScanner *sc = s->scanner;
  gboolean self = FALSE, strong = FALSE, known;
  gsize end;

  known = token_in (&sc->known_tokens, s->text + p, w - p);
  /* April, June, Jun: a given name before a surname. Before a day or a year the month was
   * taken already (month_first_date ()). */
  if ((flags & (RD_LEX_NOT_NAME | RD_LEX_ROLE | RD_LEX_MONTH | RD_LEX_STREET)) == RD_LEX_MONTH &&
      !known && at (s, w) == ' ' && capital_at (s, w + 1))
    {
      gsize v = name_word_end (s, w + 1);
      guint32 f2 = word_flags (s, w + 1, v - w - 1);

      if ((f2 & RD_LEX_LAST) && !(f2 & (RD_LEX_NOT_NAME | RD_LEX_MONTH | RD_LEX_STREET)))
        {
          introduced (s, p, &self, &strong);
          return person (s, p, extend_name (s, p, 2), 0.75, "given name and surname", self);
        }
    }
  if (flags & (RD_LEX_NOT_NAME | RD_LEX_ROLE | RD_LEX_MONTH | RD_LEX_STREET) && !known)
    return w;

  if (known)
    {
      introduced (s, p, &self, &strong);
      return person (s, p, extend_name (s, p, 2), 0.95, reason_known, self);
    }
  if (s->n_seen > 0)
    {
      const SeenName *seen = seen_find (s, s->text + p, w - p);

      if (seen != NULL && (!seen->word || name_word_again (s, p, w)))
        return person (s, p, extend_name (s, p, 2), 0.8, "a name found earlier in the text",
                       FALSE);
    }

  if (introduced (s, p, &self, &strong) ||
      context_before (s, p, 1, RD_LEX_CTX_THIRD | RD_LEX_CTX_INTRO))
    {
      if (strong || (flags & (RD_LEX_FIRST | RD_LEX_LAST)) ||
          context_before (s, p, 1, RD_LEX_CTX_THIRD | RD_LEX_CTX_INTRO))
        return person (s, p, extend_name (s, p, 2), 0.75, reason_introduced, self);
    }

  /* An unlisted given name before a listed surname: "Wei Garnier" */
  if (flags == 0 && at (s, w) == ' ' && capital_at (s, w + 1))
    {
      gsize v = name_word_end (s, w + 1);
      guint32 f2 = word_flags (s, w + 1, v - w - 1);

      if ((f2 & RD_LEX_LAST) && !(f2 & (RD_LEX_NAME_WORD | RD_LEX_NOT_NAME | RD_LEX_STREET)))
        return person (s, p, extend_name (s, p, 2), 0.7, "a surname after a capitalised word",
                       FALSE);
    }

  if ((flags & RD_LEX_FIRST) && !(flags & RD_LEX_NAME_WORD))
    {
      end = extend_name (s, p, 2);
      if (end > w)
        return person (s, p, end, 0.85, "given name and surname", FALSE);
      return person (s, p, end, 0.6, "given name", FALSE);
    }

  if (flags & RD_LEX_FIRST)
    {
      /* A first name that is also a word (Will, May) needs a surname from the list. */
      if (at (s, w) == ' ' && capital_at (s, w + 1))
        {
          gsize v = name_word_end (s, w + 1);
          guint32 f2 = word_flags (s, w + 1, v - w - 1);
          if ((f2 & RD_LEX_LAST) && !(f2 & RD_LEX_NOT_NAME))
            return person (s, p, extend_name (s, p, 2), 0.75, "given name and surname", FALSE);
        }
    }
  return w;
}

static gsize
title_at (Scan  *s,
          gsize  p,
          gsize  w)
{
  gsize q = w, e;

  if (at (s, q) == '.')
    q++;
  if (at (s, q) != ' ')
    return w;
  e = name_after (s, q + 1, 2, 0.85, "a name after a title");
  return e ? e : w;
}

static gsize
greeting_at (Scan  *s,
             gsize  p,
             gsize  w)
{
  gsize q = w, e, v;
  guint32 flags;

  if (at (s, q) == ',')
    q++;
  if (at (s, q) != ' ')
    return w;
  q++;
  v = name_word_end (s, q);
  flags = v > q ? word_flags (s, q, v - q) : 0;
  if (flags & RD_LEX_TITLE)
    return title_at (s, q, v);
  e = name_after (s, q, 2, 0.85, "a name after a greeting");
  return e ? e : w;
}

/* "Thanks, Anna", "Best regards,\nAnna Schmidt" */
static gsize
closing_at (Scan  *s,
            gsize  p,
            gsize  w)
{
  gsize q = w, e, line_end;
  guint words = 0;
  gboolean newline = FALSE;

  /* The rest of the phrase: "you", "regards", "wishes"; anything else is no closing. */
  while (words < 3 && at (s, q) == ' ' && IS_LOWER (at (s, q + 1)))
    {
      static const char *const rest_by_length[11] = {
        [1] = "a",
        [2] = "so" "in",
        [3] = "you" "lot" "and",
        [4] = "much" "very" "best" "kind" "warm",
        [5] = "again" "truly",
        [6] = "wishes" "thanks",
        [7] = "regards" "advance",
        [9] = "sincerely",
        [10] = "faithfully",
      };
      gsize v = word_end (s, q + 1);

      if (!in_word_list (rest_by_length, G_N_ELEMENTS (rest_by_length), s->text + q + 1,
                         v - q - 1))
        return w;
      q = v;
      words++;
    }
  while (at (s, q) == ',' || at (s, q) == '!' || at (s, q) == '.')
    q++;
  q = skip_blanks (s, q);
  if (at (s, q) == '\r')
    q++;
  if (at (s, q) == '\n')
    {
      newline = TRUE;
      q = skip_blanks (s, q + 1);
    }
  if (q == w || !capital_at (s, q))
    return w;

  /* The name must be all there is until the end of the line or a comma. */
  e = extend_name (s, q, 3);
  line_end = e;
  while (at (s, line_end) == ' ' || at (s, line_end) == '!' || at (s, line_end) == '.' ||
         at (s, line_end) == '\r')
    line_end++;
  if (line_end < s->length && s->text[line_end] != '\n' && s->text[line_end] != ',' &&
      !(newline == FALSE && s->text[line_end] == ')'))
    return w;
  e = name_after (s, q, 3, newline ? 0.85 : 0.8, "a name in a signature");
  return e ? e : w;
}

static gsize
at_upper (Scan  *s,
          gsize  p)
{
  gsize w = p;
  guint kinds = 0, k;
  gboolean digits;
  guint32 flags;
  gsize e;

  /* The word's end, and whether it has a digit, in one pass. */
  if (G_LIKELY (w < s->word_stop))
    while ((k = word_byte[(guchar) s->text[w]]) != 0)
      {
        kinds |= k;
        w++;
      }
  else
    while (w < s->length && (k = word_byte[(guchar) s->text[w]]) != 0)
      {
        kinds |= k;
        w++;
      }
  digits = (kinds & 2) != 0;

  if (digits)
    {
      if (IS_UPPER (at (s, p + 1)) && IS_DIGIT (at (s, p + 2)) && IS_DIGIT (at (s, p + 3)) &&
          (e = iban_at (s, p)) != 0)
        return e;
      if (IS_UPPER (at (s, p + 1)) && IS_DIGIT (at (s, p + 2)) && (e = nino_at (s, p)) != 0)
        return e;
      if ((e = uk_postcode_at (s, p)) != 0)
        {
          emit (s, RD_PII_LOCATION, p, e, 0.7, "UK postcode");
          return e;
        }
      if (w - p <= 4 && at (s, w) == ':' && (e = ipv6_at (s, p)) != 0)
        return e;
      return skip_code (s, p);
    }

  /* "AB 12 34 56 C" */
  if (w - p == 2 && IS_UPPER (at (s, p + 1)) && at (s, w) == ' ' && IS_DIGIT (at (s, w + 1)) &&
      (e = nino_at (s, p)) != 0)
    return e;
  if (w - p <= 4 && at (s, w) == ':' && g_ascii_isxdigit (at (s, w + 1)) &&
      (e = ipv6_at (s, p)) != 0)
    return e;

  flags = word_flags (s, p, w - p);
  if (flags == 0)
    {
      if (street_compound (s->text + p, w - p) && (e = street_first (s, p, TRUE)) != 0)
        return e;
      if (w - p == 2 && (memcmp (s->text + p, "Am", 2) == 0 || memcmp (s->text + p, "An", 2) == 0 ||
                         memcmp (s->text + p, "Im", 2) == 0) &&
          (e = street_first (s, p, FALSE)) != 0)
        return e;
      return name_at (s, p, name_word_end_from (s, p, w), flags);
    }
  /* Most listed words are names or "The": one test passes the rules below. */
  if (!(flags & (RD_LEX_SPOKEN_DIGIT | RD_LEX_MONTH | RD_LEX_STREET_FIRST | RD_LEX_TITLE |
                 RD_LEX_GREETING | RD_LEX_CLOSING)))
    return name_at (s, p, name_word_end_from (s, p, w), flags);

  if (flags & RD_LEX_SPOKEN_DIGIT && rd_pii_lexicon_spoken_digit (s->text + p, w - p) >= 0)
    {
      e = spoken_digits_at (s, p);
      if (e > w)
        return e;
    }
  if (flags & RD_LEX_MONTH && (e = month_first_date (s, p)) != 0)
    {
      if (birth_context (s, p))
        emit (s, RD_PII_DATE_TIME, p, e, 0.9, "date with birth context");
      return e;
    }
  if (flags & RD_LEX_STREET_FIRST && (e = street_first (s, p, FALSE)) != 0)
    return e;
  if (flags & RD_LEX_TITLE)
    return title_at (s, p, w);
  if (flags & RD_LEX_GREETING)
    return greeting_at (s, p, w);
  if (flags & RD_LEX_CLOSING)
    return closing_at (s, p, w);

  return name_at (s, p, name_word_end_from (s, p, w), flags);
}

/* A cheap test on the first two letters and the length of a lower-case word. */
static inline gboolean
maybe_spoken_digit (const char *w,
                    gsize       length)
{
  char second = LOWER (w[1]);

  switch (w[0])
    {
    case 'z':
      return length == 4 && second == 'e';
    case 't':
      return (length == 3 && second == 'w') || (length == 5 && second == 'h') ||
             (length == 6 && second == 'r');
    case 'f':
      return length == 4 && (second == 'o' || second == 'i');
    case 's':
      return (length == 3 && second == 'i') || (length == 5 && second == 'e');
    case 'e':
      return length == 5 && second == 'i';
    case 'n':
      return length == 4 && second == 'i';
    case 'o':
      return (length == 2 && second == 'h') || (length == 3 && second == 'n');
    case 'd':
      return length == 6 && second == 'o';
    default:
      return FALSE;
    }
}

/* Bit n set for a letter: a lower-case word of n letters starting with it may be a web
 * address (http, https, www), a spoken "at" or a spoken digit (maybe_spoken_digit ()). */
static const guint8 lower_lengths[26] = {
  ['a' - 'a'] = 1 << 2,
  ['d' - 'a'] = 1 << 6,
  ['e' - 'a'] = 1 << 5,
  ['f' - 'a'] = 1 << 4,
  ['h' - 'a'] = 1 << 4 | 1 << 5,
  ['n' - 'a'] = 1 << 4,
  ['o' - 'a'] = 1 << 2 | 1 << 3,
  ['s' - 'a'] = 1 << 3 | 1 << 5,
  ['t' - 'a'] = 1 << 3 | 1 << 5 | 1 << 6,
  ['w' - 'a'] = 1 << 3,
  ['z' - 'a'] = 1 << 4,
};

static gsize
at_lower (Scan  *s,
          gsize  p)
{
  gsize w, len, e;
  char c, after;
  gboolean special;

  /* Plain words and the single blanks between them, on to the next word that is not
   * lower-case: prose needs no trip back through the scan's dispatch. */
  for (;; p = w + 1)
    {
      w = word_end (s, p);
      c = s->text[p];
      len = w - p;

      /* Most words are none of those below nor a cue for lower_name_after (): one look-up
       * rules them out. */
      special = len < 16 && (lower_special_lengths[c - 'a'] & (1u << len));
      if (special && len <= 6 && (lower_lengths[c - 'a'] & (1u << len)))
        {
          switch (c)
            {
            case 'h':
              if ((len == 4 || len == 5) && at (s, w) == ':' && at (s, w + 1) == '/' &&
                  at (s, w + 2) == '/' && strncmp (s->text + p, "http", 4) == 0)
                return MAX (url_at (s, p), w);
              break;
            case 'w':
              if (len == 3 && at (s, w) == '.' && strncmp (s->text + p, "www", 3) == 0)
                return MAX (url_at (s, p), w);
              break;
            case 'a':
              if (len == 2 && s->text[p + 1] == 't' && (e = spoken_email_at (s, p)) != 0)
                return e;
              break;
            default:
              break;
            }

          /* The first letters of the spoken digits: zero, two, three, four, five, six, seven,
           * eight, nine, oh, one, double. */
          if (len >= 2 && len <= 6 && maybe_spoken_digit (s->text + p, len) &&
              rd_pii_lexicon_spoken_digit (s->text + p, len) >= 0)
            return MAX (spoken_digits_at (s, p), w);
        }

      /* Most words end in a blank or a full stop: one test for the cases below. */
      after = at (s, w);
      if (after == ' ' && IS_LOWER (at (s, w + 1)))
        {
          if (special && (lower_cue_lengths[c - 'a'] & (1u << len)) &&
              (e = lower_name_after (s, p, w)) != 0)
            return e;
          continue;
        }
      if (after != ':' && after != '-' && after != '_')
        return w;
      break;
    }

  if (len <= 4 && after == ':' && (g_ascii_isxdigit (at (s, w + 1)) || at (s, w + 1) == ':'))
    {
      gboolean hex = TRUE;
      for (gsize i = p; i < w; i++)
        hex = hex && g_ascii_isxdigit (s->text[i]);
      if (hex && (e = ipv6_at (s, p)) != 0)
        return e;
    }

  /* A code glued to the word (abc-123) is skipped whole. */
  if ((after == '-' || after == '_') && IS_DIGIT (at (s, w + 1)))
    return skip_code (s, p);
  return w;
}

static gsize
at_high (Scan  *s,
         gsize  p)
{
  gunichar u = g_utf8_get_char_validated (s->text + p, s->length - p);

  if (u == (gunichar) -1 || u == (gunichar) -2)
    return p + 1;
  if (g_unichar_isupper (u))
    return at_upper (s, p);
  if (g_unichar_type (u) == G_UNICODE_CURRENCY_SYMBOL)
    {
      Run r;
      gsize q = skip_blanks (s, g_utf8_next_char (s->text + p) - s->text);
      if (IS_DIGIT (at (s, q)))
        {
          collect_run (s, q, &r);
          return MAX (r.end, q);
        }
    }
  return word_end (s, p);
}

/* Labels are kept in sets of two by their first two bytes. */
static inline guint
label_set (const char *label)
{
  return (((guchar) label[0] + (guchar) label[1] * 3u) % (LABEL_CACHE / 2)) * 2;
}

/* A label parsed earlier with the same bytes at @q, or NULL. The text must have 8 bytes
 * from @q on. */
static CachedLabel *
label_lookup (Scan  *s,
              gsize  q)
{
  guint64 head = rd_pii_load64 (s->text + q);
  CachedLabel *l = &s->labels[label_set (s->text + q)];

  for (guint i = 0; i < 2; i++, l++)
    if ((head & l->mask) == l->head && l->length != 0 && l->length <= s->length - q &&
        (l->length <= 8 || memcmp (s->text + q + 8, l->key + 8, l->length - 8) == 0))
      return l;
  return NULL;
}

static CachedLabel *
label_store (Scan  *s,
             gsize  q,
             gsize  length)
{
  guint set = label_set (s->text + q);
  CachedLabel *l;
  char ones[8] = { 0 };

  guint way;

  /* An empty entry of the set, or else the one filled earlier (a bit per set: the way to
   * fill next). */
  if (s->labels[set].length == 0)
    way = 0;
  else if (s->labels[set + 1].length == 0)
    way = 1;
  else
    way = (s->label_next >> (set / 2)) & 1;
  l = &s->labels[set + way];
  if (way == 0)
    s->label_next |= 1u << (set / 2);
  else
    s->label_next &= ~(1u << (set / 2));
  memset (l->key, 0, 8);
  memcpy (l->key, s->text + q, length);
  memset (ones, 0xff, MIN (length, 8));
  l->head = rd_pii_load64 (l->key);
  l->mask = rd_pii_load64 (ones);
  l->length = length;
  l->subject = -1;
  l->names_seen = 0;
  return l;
}

/* "Support", "Acme Customer Service", "Billing Team": a display name with a role word in it
 * names a department, not a person. */
static gboolean
display_name_is_role (const Scan *s,
                      gsize       start,
                      gsize       end)
{
  gsize p = start;

  while (p < end)
    {
      gsize w = p;
      char folded[32];

      while (w < end && g_ascii_isalpha (s->text[w]))
        w++;
      if (w > p && w - p < sizeof folded)
        {
          for (gsize i = p; i < w; i++)
            folded[i - p] = LOWER (s->text[i]);
          if (role_mailbox (folded, w - p) || (word_flags (s, p, w - p) & RD_LEX_ROLE))
            return TRUE;
        }
      p = w + 1;
    }
  return FALSE;
}

/* Speaker labels, e-mail headers and quoted lines at the start of a line. */
static gsize
at_line_start (Scan  *s,
               gsize  p)
{
  gsize q = skip_blanks (s, p), name_start, name_end = 0, colon;
  guint tokens = 0, roles = 0, names = 0;
  gboolean header = FALSE, labelled_role = FALSE;
  guint32 first_flags = 0;
  CachedLabel *label;

  if (at (s, q) == '>')
    {
      if (s->turns == NULL)
        s->label_subject = FALSE;
      return q + 1;
    }

  /* "[10:02]", "10:02:33 -", "(10:02)" */
  if (at (s, q) == '[' || at (s, q) == '(')
    {
      gsize e = q + 1;
      char close = at (s, q) == '[' ? ']' : ')';
      while (e < s->length && e - q < 32 && s->text[e] != close && s->text[e] != '\n')
        e++;
      if (at (s, e) == close)
        q = skip_blanks (s, e + 1);
    }
  else if (IS_DIGIT (at (s, q)) && (at (s, q + 1) == ':' || at (s, q + 2) == ':'))
    {
      while (IS_DIGIT (at (s, q)) || at (s, q) == ':' || at (s, q) == '.')
        q++;
      q = skip_blanks (s, q);
      if (at (s, q) == '-')
        q = skip_blanks (s, q + 1);
    }

  /* No label starts without a capital. */
  if (!IS_UPPER (at (s, q)) && (guchar) at (s, q) < 0xc0)
    return p;

  /* The same label as on an earlier line: the same parse. */
  label = s->length - q >= 8 ? label_lookup (s, q) : NULL;
  if (label != NULL)
    {
      tokens = label->tokens;
      roles = label->roles;
      names = label->names;
      first_flags = label->first_flags;
      name_start = q + label->name_start;
      name_end = q + label->name_end;
      colon = q + label->colon;
      goto parsed;
    }

  name_start = q;
  colon = q;
  while (tokens < 4 && capital_at (s, colon))
    {
      gsize w = name_word_end (s, colon);
      guint32 flags = word_flags (s, colon, w - colon);

      if (tokens == 0)
        first_flags = flags;
      if (flags & RD_LEX_ROLE && names == 0)
        {
          roles++;
          name_start = skip_blanks (s, w);
        }
      else
        {
          names++;
          name_end = w;
        }
      tokens++;
      /* An initial: "Lily G." */
      if (w == colon + 1 && at (s, w) == '.' && names > 0 && name_end == w)
        w = name_end = w + 1;
      colon = w;
      if (at (s, colon) == ' ' && capital_at (s, colon + 1))
        colon++;
      else
        break;
    }
  if (tokens == 0)
    return p;
  /* "Agent 2:", "Speaker 1:" */
  if (at (s, colon) == ' ' && IS_DIGIT (at (s, colon + 1)) && names == 0)
    {
      colon = skip_code (s, colon + 1);
      labelled_role = TRUE;
    }
  if (at (s, colon) != ':' || !(at (s, colon + 1) == ' ' || at (s, colon + 1) == '\n' ||
                                at (s, colon + 1) == '\r' || at (s, colon + 1) == '\t'))
    return p;

  /* The parse read the bytes from q to the one after the colon, no further: the same bytes
   * on a later line give the same label. A numbered role reads further: not kept. */
  if (!labelled_role && colon + 2 - q <= LABEL_MAX && s->length - q >= 8)
    {
      label = label_store (s, q, colon + 2 - q);
      label->tokens = tokens;
      label->roles = roles;
      label->names = names;
      label->first_flags = first_flags;
      label->name_start = name_start - q;
      label->name_end = name_end - q;
      label->colon = colon - q;
      if (names > 0)
        {
          gsize w = name_word_end (s, name_start);

          label->name_word_end = w - q;
          label->name_flags = word_flags (s, name_start, w - name_start);
        }
    }

parsed:
  header = tokens == 1 && (first_flags & RD_LEX_HEADER);
  if (header)
    {
      /* "From: Anna Schmidt <anna@example.org>": the name, and for From the sender's turn. */
      gsize v = skip_blanks (s, colon + 1), e = v;
      gboolean from = (s->text[name_start] == 'F' || s->text[name_start] == 'f');

      if (capital_at (s, v))
        {
          e = extend_name (s, v, 3);
          if (at (s, e) == ',' && at (s, e + 1) == ' ' && capital_at (s, e + 2))
            e = extend_name (s, e + 2, 2);  /* "Schmidt, Anna" */
          if (display_name_is_role (s, v, e))
            e = v;
          else if (at (s, skip_blanks (s, e)) == '<' || at (s, skip_blanks (s, e)) == '\n' ||
                   at (s, skip_blanks (s, e)) == '\r' || e >= s->length)
            person (s, v, e, 0.9, "a name in an e-mail header", FALSE);
          else
            e = v;
        }
      if (from && s->turns == NULL)
        {
          gsize lt = e;
          gboolean subject = e > v && person_is_subject (s, v, e);

          /* Else the sender's address, if the requester's addresses are known. */
          if (!subject && (s->sets & SET_SUBJECT_EMAILS))
            {
              while (lt < s->length && s->text[lt] != '\n' && s->text[lt] != '@')
                lt++;
              if (at (s, lt) == '@')
                {
                  gsize a = lt, b = lt;
                  char buf[256];
                  g_autofree char *slow = NULL;

                  while (a > v && !in_set (s->text[a - 1], " <\t"))
                    a--;
                  while (b < s->length && !in_set (s->text[b], " >\r\n\t"))
                    b++;
                  subject = g_hash_table_contains (s->scanner->subject_emails,
                                                   fold_email (s->text + a, b - a, buf, &slow));
                }
            }
          s->label_subject = subject;
        }
      return e > v ? e : colon + 1;
    }

  if (names == 0)
    {
      /* "Customer:", "Agent:": in a request's own transcript the customer is the requester. */
      if (s->turns == NULL && (roles > 0 || labelled_role))
        {
          char c = LOWER (s->text[q]);
          s->label_subject = (s->scanner->subject_tokens.n > 0 ||
                              (s->sets & SET_SUBJECT_EMAILS)) &&
                             (c == 'c' || c == 'u');  /* customer, caller, client, user */
        }
      return colon + 1;
    }

  /* A name as a label: a listed name, a known one, two capitalised words, or a role first. */
  {
    gsize w = label ? q + label->name_word_end : name_word_end (s, name_start);
    guint32 flags = label ? label->name_flags : word_flags (s, name_start, w - name_start);
    gboolean subject;
    gboolean nameish = (flags & (RD_LEX_FIRST | RD_LEX_LAST)) || roles > 0 || names >= 2 ||
                       flags == 0 ||
                       token_in (&s->scanner->known_tokens, s->text + name_start,
                                 w - name_start) ||
                       seen_contains (s, s->text + name_start, w - name_start);

    /* A month is a name only with a surname after it: "May Lee:". */
    if (flags & (RD_LEX_NOT_NAME | RD_LEX_CTX_LOOKALIKE | RD_LEX_MONTH) && !(flags & RD_LEX_FIRST) &&
        !((flags & (RD_LEX_NOT_NAME | RD_LEX_CTX_LOOKALIKE)) == 0 && names >= 2))
      nameish = FALSE;
    if (!nameish)
      return p;

    /* Whether the name is the requester's: the same on every line with the label. */
    if (label)
      {
        if (label->subject < 0)
          label->subject = person_is_subject (s, name_start, name_end);
        subject = label->subject;
      }
    else
      subject = person_is_subject (s, name_start, name_end);

    if (s->turns == NULL)
      {
        gboolean agent = roles > 0 && LOWER (s->text[q]) != 'c';

        s->label_subject = !agent && subject;
      }
    person_full (s, name_start, name_end, 0.9, "a speaker label", FALSE, subject, label);
  }
  return colon + 1;
}

/* The pass ------------------------------------------------------------------------------- */

static void
scan_text (Scan *s)
{
  gsize pos = 0;
  const char *text = s->text;
  gsize length = s->length;

  pos = at_line_start (s, 0);

  while (pos < length)
    {
      guchar c = text[pos];

      switch (byte_class[c])
        {
        case C_DOLLAR:  /* '$' or '#' */
          {
            gsize q = skip_blanks (s, pos + 1);
            if (IS_DIGIT (at (s, q)))
              {
                Run r;
                collect_run (s, q, &r);
                pos = MAX (r.end, q + 1);
                if (c == '#')
                  pos = skip_code (s, q);
                break;
              }
          }
          pos++;
          break;

        case C_SPACE:
        case C_OTHER:
          /* Blanks and punctuation start nothing: a run of them is passed at once, and no
           * finding was made. */
          do
            pos++;
          while (pos < length && byte_class[(guchar) text[pos]] <= C_SPACE);
          continue;

        case C_NL:
          s->line_start = pos + 1;
          pos = at_line_start (s, pos + 1);
          if (s->n_pending > 0 && s->queue[0].end + FLUSH_DISTANCE <= pos)
            flush (s, pos);
          break;

        case C_DIGIT:
          pos = at_number (s, pos);
          break;

        case C_PLUS:
        case C_LPAREN:
          if (IS_DIGIT (at (s, pos + 1)) && (pos == 0 || !IS_WORD (text[pos - 1])))
            pos = MAX (at_number (s, pos), pos + 1);
          else
            pos++;
          break;

        case C_UPPER:
          pos = at_upper (s, pos);
          break;

        case C_LOWER:
          pos = at_lower (s, pos);
          break;

        case C_AT:
          pos = email_at (s, pos);
          break;

        case C_HIGH:
          pos = at_high (s, pos);
          break;

        default:
          pos++;
          break;
        }
      if (s->stopped)
        break;
    }

  flush_all (s);
}

gboolean
rd_pii_scanner_scan_foreach (RdPiiScanner     *self,
                             const char       *text,
                             gsize             length,
                             const RdPiiTurn  *turns,
                             guint             n_turns,
                             RdPiiFindingFunc  func,
                             gpointer          user_data)
{
  static GOnce once = G_ONCE_INIT;
  Scan scan;
  Scan *s = &scan;
  gboolean stopped;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (turns != NULL || n_turns == 0, FALSE);

  g_once (&once, init_classes, NULL);

  /* On the stack, and only the part that must start empty is cleared: files are often small
   * and many. */
  memset (s, 0, G_STRUCT_OFFSET (Scan, pending));
  s->queue = s->pending;
  s->context_filter = rd_pii_lexicon_context_filter ();
  s->known_words = known_words;
  s->scanner = self;
  s->sets = (g_hash_table_size (self->allowed_emails) > 0 ? SET_ALLOWED_EMAILS : 0) |
            (g_hash_table_size (self->allowed_domains) > 0 ? SET_ALLOWED_DOMAINS : 0) |
            (g_hash_table_size (self->subject_emails) > 0 ? SET_SUBJECT_EMAILS : 0) |
            (g_hash_table_size (self->allowed_phones) > 0 ||
             g_hash_table_size (self->subject_phones) > 0 ? SET_PHONES : 0) |
            (g_hash_table_size (self->subject_accounts) > 0 ? SET_SUBJECT_ACCOUNTS : 0);
  s->text = text;
  s->length = length;
  s->word_stop = length;
  while (s->word_stop > 0 && IS_WORD (text[s->word_stop - 1]))
    s->word_stop--;
  s->func = func;
  s->user_data = user_data;
  if (n_turns > 0)
    {
      s->turns = turns;
      s->n_turns = n_turns;
      s->turn_subject = g_new0 (gboolean, n_turns);
      for (guint i = 0; i < n_turns; i++)
        {
          const char *speaker = turns[i].speaker;
          g_autofree char *folded = speaker ? g_utf8_casefold (speaker, -1) : NULL;
          Scan probe = { .scanner = self, .text = speaker, .length = speaker ? strlen (speaker) : 0 };

          s->turn_subject[i] = speaker != NULL &&
                               (person_is_subject (&probe, 0, probe.length) ||
                                g_hash_table_contains (self->subject_emails, folded));
        }
    }

  scan_text (s);

  stopped = s->stopped;
  g_free (s->turn_subject);
  return !stopped;
}

static gboolean
collect_cb (const RdPiiFinding *finding,
            gpointer            user_data)
{
  g_array_append_val ((GArray *) user_data, *finding);
  return TRUE;
}

GArray *
rd_pii_scanner_scan (RdPiiScanner    *self,
                     const char      *text,
                     gsize            length,
                     const RdPiiTurn *turns,
                     guint            n_turns)
{
  GArray *findings;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  findings = g_array_new (FALSE, FALSE, sizeof (RdPiiFinding));
  rd_pii_scanner_scan_foreach (self, text, length, turns, n_turns, collect_cb, findings);
  return findings;
}
