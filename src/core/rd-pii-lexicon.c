/* rd-pii-lexicon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-pii-lexicon"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rd-pii-lexicon.h"
#include "rd-pii-resources.h"

#define RESOURCE_DIR "/io/github/rightsdesk/RightsDesk/pii/"

typedef struct
{
  const char *words;
  guint32     flags;
} KeywordList;

/* Hand-written rules; words are lower case, separated by spaces. */
static const KeywordList keywords[] = {
  { "hi hello hey dear hiya morning afternoon evening bonjour hallo hola ciao salut olá ola "
    "goedemorgen buongiorno", RD_LEX_GREETING },
  { "thanks thank cheers regards best sincerely yours warmly kind many grüße gruß cordialement "
    "saludos saluti groeten atenciosamente", RD_LEX_CLOSING },
  { "mr mrs ms miss mx dr prof sir madam herr frau monsieur madame mme mlle señor señora sig "
    "signora dhr mevr sr sra", RD_LEX_TITLE },
  { "agent customer support caller operator advisor adviser rep representative system bot "
    "assistant client user speaker moderator host guest interviewer staff chatbot virtual "
    "automated transcript note notes internal", RD_LEX_ROLE },
  { "the a an i it its this that these those there here we you he she they my your our their "
    "his her me us them team all everyone everybody folks guys again sir madam customer "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday "
    "ok okay yes no not sure great good fine perfect please sorry hello hi thanks thank "
    "order ticket invoice tracking account card bank street road avenue support service "
    "billing help privacy data request gdpr ccpa dsar subject re fw fwd date sent "
    "is was be will would can could should may might must also just so and or but if "
    "when where what who how why which while after before then once since because "
    "as at by for from in into of on to with without about over under up down out "
    "acme ltd inc gmbh llc plc co corp company ireland england scotland wales britain uk usa "
    "america germany france spain italy netherlands brazil canada australia europe london "
    "dublin paris berlin madrid rome amsterdam sydney melbourne toronto chicago boston "
    "sorry unfortunately regarding kind best warm many sincerely visa mastercard amex paypal "
    "iban bic swift nhs ssn nino dob email e-mail phone mobile tel fax www http https "
    "chat call transcript mail message reply agent summary status reason address update "
    "answer question action result results comment comments description issue problem "
    "resolution details priority category type total subtotal tax name email phone "
    "attachment attachments location time date duration channel source tags tag important "
    "warning error info ps nb", RD_LEX_NOT_NAME },
  { "street st road rd avenue ave lane ln drive dr boulevard blvd court ct place pl way close "
    "crescent cres terrace tce gardens gdns square sq parkway pkwy highway hwy circle cir row "
    "grove mews walk hill park green rise parade view vale wharf quay", RD_LEX_STREET },
  { "rue place avenue boulevard allée allee chemin impasse quai calle avenida paseo plaza carrer "
    "carretera via viale piazza corso vicolo largo rua travessa praça praca alameda estrada "
    "rodovia", RD_LEX_STREET_FIRST },
  { "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec", RD_LEX_MONTH },
  { "apt apartment flat unit suite ste floor fl", RD_LEX_UNIT },
  { "order orders ordered ticket tickets tracking track invoice inv ref reference references "
    "case booking confirmation conf transaction txn parcel package shipment consignment sku "
    "item product model serial part receipt voucher coupon promo code rma return claim "
    "incident req request pnr policy membership loyalty shipping delivery waybill awb "
    "batch lot release build", RD_LEX_CTX_LOOKALIKE },
  { "phone telephone tel mobile cell cellphone landline fax call calling called ring "
    "reach text whatsapp sms contact number's extension ext handy telefon portable móvil "
    "movil cellulare telefono telefoon mobiel celular", RD_LEX_CTX_PHONE },
  { "card credit debit visa mastercard amex maestro discover cc pan expiry cvv cvc",
    RD_LEX_CTX_CARD },
  { "ssn social security", RD_LEX_CTX_SSN },
  { "nhs chi", RD_LEX_CTX_NHS },
  { "ni nino insurance", RD_LEX_CTX_NINO },
  { "iban bank sepa bic swift debit refund transfer", RD_LEX_CTX_BANK },
  { "born birth birthday dob d.o.b geboren geburtsdatum né née nacido nacida nato nata "
    "nascimento naissance", RD_LEX_CTX_BIRTH },
  { "wife husband partner son daughter mother father mum mom dad brother sister friend "
    "colleague neighbour neighbor boss manager landlord flatmate roommate his her their "
    "he him she hers them theirs "
    "girlfriend boyfriend fiancé fiance fiancée cousin uncle aunt grandmother grandfather "
    "grandma grandpa nephew niece child kid tenant employer someone somebody",
    RD_LEX_CTX_THIRD },
  { "version ver v build firmware release os", RD_LEX_CTX_VERSION },
  { "eur usd gbp chf aud cad brl euro euros dollar dollars pound pounds cents pence "
    "price cost costs paid pay charge charged total amount fee refund balance €", RD_LEX_CTX_MONEY },
  { "named called name", RD_LEX_CTX_INTRO },
  { "from to cc bcc", RD_LEX_HEADER },
  { "zero oh one two three four five six seven eight nine double triple", RD_LEX_SPOKEN_DIGIT },
  { "com org net co uk de fr ie es it nl br au ca io eu edu gov info me biz", RD_LEX_TLD },
  { "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh "
    "nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc", RD_LEX_US_STATE },
};

typedef struct
{
  guint32 hash;         /* compared first: a miss rarely touches the arena */
  guint32 flags;
  guint32 offset;       /* of the lower-case key in the arena */
  guint32 length;       /* 0: an empty slot */
} Slot;

typedef struct
{
  Slot   *slots;
  guint32 mask;
  GString *arena;       /* keys, NUL-separated */
} Table;

static Table table;

/* Context words are few: a bit for each (length, first letter, last letter) of one of them
 * lets a look-back pass over most words without hashing them. */
#define CONTEXT_FLAGS (RD_LEX_CTX_ANY | RD_LEX_CTX_THIRD | RD_LEX_CTX_INTRO)
static guint32 context_filter[16][27];

static inline guint
letter_index (guchar c)
{
  c |= 0x20;
  return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static inline guint32
hash_bytes (const char *s,
            gsize       n)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < n; i++)
    h = (h ^ (guint8) s[i]) * 16777619u;
  return h;
}

/* ASCII and Latin-1 letters are folded here (nearly every word), anything else through
 * g_utf8_casefold (), as is the sharp s, which folds to "ss". */
gsize
rd_pii_fold_word (const char *word,
                  gsize       length,
                  char       *buf)
{
  guchar high = 0;
  gsize i;

  if (length == 0 || length >= RD_PII_FOLD_MAX)
    return 0;
  for (i = 0; i < length; i++)
    {
      guchar c = word[i];

      high |= c;
      buf[i] = c + ((guint) (c - 'A') < 26u ? 32 : 0);
    }

  if (high >= 0x80)
    {
      for (i = 0; i < length; i++)
        {
          guchar c = word[i];

          if (c < 0x80)
            c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
          else if (c == 0xc3 && i + 1 < length && (guchar) word[i + 1] >= 0x80 &&
                   (guchar) word[i + 1] <= 0xbf && (guchar) word[i + 1] != 0x9f)
            {
              buf[i] = c;
              c = word[++i];
              /* U+00C0..U+00DE, but U+00D7 (the multiplication sign), fold to U+00E0..U+00FE. */
              if (c <= 0x9e && c != 0x97)
                c += 0x20;
            }
          else
            break;
          buf[i] = c;
        }
      if (i < length)
        {
          g_autofree char *folded = g_utf8_casefold (word, length);

          length = strlen (folded);
          if (length == 0 || length >= RD_PII_FOLD_MAX)
            return 0;
          memcpy (buf, folded, length);
        }
    }

  memset (buf + length, 0, 8);
  return length;
}

static void
insert (GPtrArray  *keys,
        GArray     *flags,
        GHashTable *index,
        const char *word,
        gsize       length,
        guint32     flag)
{
  char buf[RD_PII_FOLD_MAX + 8];
  gsize n = rd_pii_fold_word (word, length, buf);
  gpointer found;

  if (n == 0)
    return;

  found = g_hash_table_lookup (index, &(GString){ .str = buf, .len = n });
  if (found != NULL)
    {
      g_array_index (flags, guint32, GPOINTER_TO_UINT (found) - 1) |= flag;
      return;
    }

  g_ptr_array_add (keys, g_strndup (buf, n));
  g_array_append_val (flags, flag);
  g_hash_table_insert (index, g_string_new_len (buf, n), GUINT_TO_POINTER (keys->len));
}

static guint
gstring_hash (gconstpointer p)
{
  const GString *s = p;
  return hash_bytes (s->str, s->len);
}

static gboolean
gstring_equal (gconstpointer a,
               gconstpointer b)
{
  const GString *x = a, *y = b;
  return x->len == y->len && memcmp (x->str, y->str, x->len) == 0;
}

static void
free_gstring (gpointer p)
{
  g_string_free (p, TRUE);
}

static void
insert_words (GPtrArray  *keys,
              GArray     *flags,
              GHashTable *index,
              const char *text,
              gsize       length,
              char        separator,
              guint32     flag)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      const char *q = memchr (p, separator, end - p);
      const char *stop = q ? q : end;
      const char *s = p;

      /* Multi-word names ("De la Cruz") are entered word by word. */
      while (s < stop)
        {
          const char *t = s;
          while (t < stop && *t != ' ' && *t != '\r')
            t++;
          if (t > s)
            insert (keys, flags, index, s, t - s, flag);
          s = t + 1;
        }
      p = stop + 1;
    }
}

static void
insert_resource (GPtrArray  *keys,
                 GArray     *flags,
                 GHashTable *index,
                 const char *name,
                 guint32     flag)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data;

  /* Through the resource itself: a static library only links what is referenced. */
  bytes = g_resource_lookup_data (rd_pii_data_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      /* Built into the library: missing data is a build mistake, not a user's. */
      g_critical ("Name list %s missing: %s", path, error->message);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  insert_words (keys, flags, index, data, size, '\n', flag);
}

static gpointer
build_table (gpointer data)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) flags = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GHashTable) index = NULL;
  guint32 size = 1;

  index = g_hash_table_new_full (gstring_hash, gstring_equal,
                                 free_gstring, NULL);

  insert_resource (keys, flags, index, "first-names.txt", RD_LEX_FIRST);
  insert_resource (keys, flags, index, "last-names.txt", RD_LEX_LAST);
  insert_resource (keys, flags, index, "name-words.txt", RD_LEX_NAME_WORD);
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    insert_words (keys, flags, index, keywords[i].words, strlen (keywords[i].words), '\n',
                  keywords[i].flags);

  /* Open addressing at a load of at most one half, with the hash in the slot: a miss ends
   * after a probe or two, and the table (16 bytes a slot) stays in the second-level cache.
   * Keys start at multiples of eight in the arena and are padded with zeros, so that a key
   * compares eight bytes at a time. */
  while (size < keys->len * 2)
    size <<= 1;
  table.slots = g_new0 (Slot, size);
  table.mask = size - 1;
  table.arena = g_string_sized_new (keys->len * 16);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      guint32 n = strlen (key);
      char padded[RD_PII_FOLD_MAX + 8] = { 0 };
      guint32 hash, h;

      memcpy (padded, key, n);
      hash = rd_pii_hash_padded (padded, n);
      h = hash & table.mask;

      while (table.slots[h].length != 0)
        h = (h + 1) & table.mask;
      table.slots[h].hash = hash;
      table.slots[h].flags = g_array_index (flags, guint32, i);
      table.slots[h].offset = table.arena->len;
      table.slots[h].length = n;
      if (table.slots[h].flags & CONTEXT_FLAGS)
        context_filter[MIN (n, 15)][letter_index (key[0])] |= 1u << letter_index (key[n - 1]);
      g_string_append_len (table.arena, padded, (n + 8) & ~7u);
    }

  return NULL;
}

static inline void
ensure_table (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, build_table, NULL);
}

static guint32
lookup_folded (const char *buf,
               gsize       n)
{
  guint32 h, hash = rd_pii_hash_padded (buf, n);

  for (h = hash & table.mask; table.slots[h].length != 0; h = (h + 1) & table.mask)
    {
      const Slot *slot = &table.slots[h];

      if (slot->hash == hash && slot->length == n)
        {
          const char *key = table.arena->str + slot->offset;
          gsize i;

          for (i = 0; i < n && rd_pii_load64 (key + i) == rd_pii_load64 (buf + i); i += 8)
            ;
          if (i >= n)
            return slot->flags;
        }
    }

  return 0;
}

guint32
rd_pii_lexicon_lookup (const char *word,
                       gsize       length)
{
  char buf[RD_PII_FOLD_MAX + 8];
  gsize n;

  g_return_val_if_fail (word != NULL || length == 0, 0);

  ensure_table ();

  n = rd_pii_fold_word (word, length, buf);
  if (n == 0)
    return 0;
  return lookup_folded (buf, n);
}

guint32
rd_pii_lexicon_lookup_padded (const char *word,
                              gsize       length)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = 0x80 * ones;
  char buf[RD_PII_FOLD_MAX + 8];
  guint64 high = 0;

  g_return_val_if_fail (word != NULL || length == 0, 0);

  if (length == 0 || length >= RD_PII_FOLD_MAX)
    return 0;

  ensure_table ();

  /* Eight bytes at a time, the bytes after the word masked off: ASCII capitals get their
   * 0x20 bit, other bytes stay. A word with other than ASCII takes the careful way. */
  for (gsize i = 0; i < length; i += 8)
    {
      guint64 x = rd_pii_load64 (word + i);
      guint64 low, upper;

      if (length - i < 8)
        x &= (G_GUINT64_CONSTANT (1) << (8 * (length - i))) - 1;
      high |= x & highs;
      low = x & ~highs;
      upper = (low + (0x80 - 'A') * ones) & ~(low + (0x80 - 'Z' - 1) * ones) & highs;
      x |= upper >> 2;
      memcpy (buf + i, &x, sizeof x);
    }
  if (high != 0)
    return rd_pii_lexicon_lookup (word, length);
  return lookup_folded (buf, length);
#else
  return rd_pii_lexicon_lookup (word, length);
#endif
}

const RdLexContextRow *
rd_pii_lexicon_context_filter (void)
{
  ensure_table ();

  return (const RdLexContextRow *) context_filter;
}

gboolean
rd_pii_lexicon_maybe_context (const char *word,
                              gsize       length)
{
  ensure_table ();

  if (length == 0)
    return FALSE;
  return (context_filter[MIN (length, 15)][letter_index (word[0])] &
          (1u << letter_index (word[length - 1]))) != 0;
}

int
rd_pii_lexicon_spoken_digit (const char *word,
                             gsize       length)
{
  /* Called for many lower-case words: the length, the first and the last letter leave one
   * candidate, compared without copying. */
  const char *name = NULL;
  int value = -1;
  char first, last;

  if (length < 2 || length > 6 || word == NULL)
    return -1;
  first = word[0] | 0x20;  /* ASCII lower case; other bytes never match below */
  last = word[length - 1] | 0x20;
  switch (length)
    {
    case 2:
      name = "oh", value = 0;
      break;
    case 3:
      if (first == 'o')
        name = "one", value = 1;
      else if (first == 't')
        name = "two", value = 2;
      else if (first == 's')
        name = "six", value = 6;
      break;
    case 4:
      if (first == 'z')
        name = "zero", value = 0;
      else if (first == 'f' && last == 'r')
        name = "four", value = 4;
      else if (first == 'f')
        name = "five", value = 5;
      else if (first == 'n')
        name = "nine", value = 9;
      break;
    case 5:
      if (first == 't')
        name = "three", value = 3;
      else if (first == 's')
        name = "seven", value = 7;
      else if (first == 'e')
        name = "eight", value = 8;
      break;
    case 6:
      if (first == 'd')
        name = "double", value = 10;
      else if (first == 't')
        name = "triple", value = 11;
      break;
    }
  if (name == NULL || name[0] != first)
    return -1;
  for (gsize k = 1; k < length; k++)
    if ((word[k] | 0x20) != name[k])
      return -1;
  return value;
}
