/* test-pii.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Check values come from the published specifications: the ISO/IEC 7812 Luhn example, the
 * IBAN registry's example IBANs, NHS Digital's example number (943 476 5919, hand-checked:
 * weights 10..2 give 299, 299 mod 11 = 2, 11 - 2 = 9), the SSA's rules for SSNs, HMRC's rules
 * for NI number prefixes, and the fictional-use telephone ranges of Ofcom and NANPA.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rd-code-points.h"
#include "rd-pii.h"
#include "rd-pii-lexicon.h"
#include "rd-pii-phone.h"
#include "rd-pii-validators.h"

/* Validators ------------------------------------------------------------------------------ */

static void
test_luhn (void)
{
  g_assert_true (rd_pii_luhn_valid ("79927398713", 11));       /* the classic example */
  g_assert_false (rd_pii_luhn_valid ("79927398710", 11));
  g_assert_true (rd_pii_luhn_valid ("4111111111111111", 16));  /* Visa test card */
  g_assert_false (rd_pii_luhn_valid ("4111111111111112", 16));
  g_assert_true (rd_pii_luhn_valid ("378282246310005", 15));   /* Amex test card */
  g_assert_false (rd_pii_luhn_valid ("12a4", 4));

  g_assert_true (rd_pii_card_issuer_known ("4111111111111111", 16));
  g_assert_true (rd_pii_card_issuer_known ("5555555555554444", 16));
  g_assert_true (rd_pii_card_issuer_known ("378282246310005", 15));
  g_assert_true (rd_pii_card_issuer_known ("6011111111111117", 16));
  g_assert_false (rd_pii_card_issuer_known ("1234567812345670", 16));
  g_assert_false (rd_pii_card_issuer_known ("4111111111111", 14));  /* Visa has no 14 */
}

static void
test_iban (void)
{
  /* The registry's examples. */
  g_assert_true (rd_pii_iban_valid ("GB82WEST12345698765432", 22));
  g_assert_true (rd_pii_iban_valid ("DE89370400440532013000", 22));
  g_assert_true (rd_pii_iban_valid ("FR1420041010050500013M02606", 27));
  g_assert_true (rd_pii_iban_valid ("NL91ABNA0417164300", 18));
  g_assert_true (rd_pii_iban_valid ("IE29AIBK93115212345678", 22));
  /* One digit changed, wrong length for the country, unknown country. */
  g_assert_false (rd_pii_iban_valid ("GB82WEST12345698765433", 22));
  g_assert_false (rd_pii_iban_valid ("GB82WEST1234569876543", 21));
  g_assert_false (rd_pii_iban_valid ("ZZ82WEST12345698765432", 22));
  g_assert_cmpuint (rd_pii_iban_length ("DE"), ==, 22);
  g_assert_cmpuint (rd_pii_iban_length ("NO"), ==, 15);
  /* The table is searched by halves: its first and last codes, and codes around them. */
  g_assert_cmpuint (rd_pii_iban_length ("AD"), ==, 24);
  g_assert_cmpuint (rd_pii_iban_length ("YE"), ==, 30);
  g_assert_cmpuint (rd_pii_iban_length ("AA"), ==, 0);
  g_assert_cmpuint (rd_pii_iban_length ("ZZ"), ==, 0);
  g_assert_cmpuint (rd_pii_iban_length ("de"), ==, 0);
}

static void
test_nhs (void)
{
  g_assert_true (rd_pii_nhs_valid ("9434765919"));
  g_assert_false (rd_pii_nhs_valid ("9434765918"));
  /* 401 023 213: weights give 4*10+0*9+1*8+0*7+2*6+3*5+2*4+1*3+3*2 = 92, 92 mod 11 = 4,
   * check 7. */
  g_assert_true (rd_pii_nhs_valid ("4010232137"));
  /* 1000000001: 1*10 = 10, 10 mod 11 = 10, 11 - 10 = 1; so ...0 is wrong. */
  g_assert_true (rd_pii_nhs_valid ("1000000001"));
  g_assert_false (rd_pii_nhs_valid ("1000000000"));
}

static void
test_ssn (void)
{
  g_assert_true (rd_pii_ssn_valid ("536228431"));
  g_assert_false (rd_pii_ssn_valid ("000123456"));  /* area 000 */
  g_assert_false (rd_pii_ssn_valid ("666123456"));  /* area 666 */
  g_assert_false (rd_pii_ssn_valid ("900123456"));  /* area 9xx (ITIN) */
  g_assert_false (rd_pii_ssn_valid ("123001234"));  /* group 00 */
  g_assert_false (rd_pii_ssn_valid ("123450000"));  /* serial 0000 */
  g_assert_false (rd_pii_ssn_valid ("078051120"));  /* the Woolworth wallet card */
  g_assert_false (rd_pii_ssn_valid ("111111111"));
}

static void
test_nino (void)
{
  g_assert_true (rd_pii_nino_valid ("AB123456C", 9));
  g_assert_true (rd_pii_nino_valid ("AB123456", 8));
  g_assert_false (rd_pii_nino_valid ("QQ123456C", 9));  /* HMRC's own example: Q is not used */
  g_assert_false (rd_pii_nino_valid ("GB123456A", 9));  /* never allocated */
  g_assert_false (rd_pii_nino_valid ("AO123456A", 9));  /* O not second */
  g_assert_false (rd_pii_nino_valid ("AB123456E", 9));  /* suffix A-D */
}

static void
test_phone_plans (void)
{
  struct { const char *digits; guint8 groups[4]; guint n_groups; gboolean intl, paren;
           RdPiiPhoneVerdict want; } cases[] = {
    { "442079460958", { 2, 2, 4, 4 }, 4, TRUE, FALSE, RD_PII_PHONE_YES },   /* UK London */
    { "07700900123", { 5, 6 }, 2, FALSE, FALSE, RD_PII_PHONE_YES },        /* UK mobile */
    { "08001234567", { 4, 3, 4 }, 3, FALSE, FALSE, RD_PII_PHONE_BUSINESS }, /* UK freephone */
    { "4155550132", { 3, 3, 4 }, 3, FALSE, TRUE, RD_PII_PHONE_YES },       /* (415) 555-0132 */
    { "18005550199", { 1, 3, 3, 4 }, 4, FALSE, FALSE, RD_PII_PHONE_BUSINESS }, /* 1-800 */
    { "0612345678", { 2, 2, 2, 2 }, 4, FALSE, FALSE, RD_PII_PHONE_YES },   /* FR mobile */
    { "3530871234567", { 3, 3, 3, 4 }, 4, TRUE, FALSE, RD_PII_PHONE_NO },  /* +353 087: bad */
    { "353871234567", { 3, 2, 3, 4 }, 4, TRUE, FALSE, RD_PII_PHONE_YES },  /* IE mobile */
    { "35315890559", { 3, 1, 3, 4 }, 4, TRUE, FALSE, RD_PII_PHONE_YES },   /* IE Dublin 1 589 */
    { "35318001234", { 3, 1, 3, 4 }, 4, TRUE, FALSE, RD_PII_PHONE_YES },   /* IE Dublin 1 800 */
    { "3531800123456", { 3, 4, 3, 3 }, 4, TRUE, FALSE, RD_PII_PHONE_BUSINESS }, /* IE 1800 */
    { "3531550123456", { 3, 4, 3, 3 }, 4, TRUE, FALSE, RD_PII_PHONE_BUSINESS }, /* IE 1550 */
    { "3532012345678", { 3, 2, 4, 4 }, 4, TRUE, FALSE, RD_PII_PHONE_NO },  /* IE: too long */
    { "4930123456", { 2, 2, 6 }, 3, TRUE, FALSE, RD_PII_PHONE_YES },       /* DE Berlin */
    { "03012345678", { 3, 8 }, 2, FALSE, FALSE, RD_PII_PHONE_YES },        /* DE Berlin */
    { "612345678", { 3, 3, 3 }, 3, FALSE, FALSE, RD_PII_PHONE_YES },       /* ES mobile */
    { "11912345678", { 2, 5, 4 }, 3, FALSE, TRUE, RD_PII_PHONE_YES },      /* (11) 91234-5678 */
    { "61412345678", { 2, 3, 3, 3 }, 4, TRUE, FALSE, RD_PII_PHONE_YES },   /* AU mobile */
    { "1234567890", { 10 }, 1, FALSE, FALSE, RD_PII_PHONE_NO },            /* bare digits */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RdPiiNumber n = { { 0 } };
      double score;
      const char *reason;

      g_strlcpy (n.digits, cases[i].digits, sizeof n.digits);
      n.n_digits = strlen (cases[i].digits);
      memcpy (n.groups, cases[i].groups, sizeof cases[i].groups);
      n.n_groups = cases[i].n_groups;
      n.international = cases[i].intl;
      n.paren_first = cases[i].paren;
      g_test_message ("%s", cases[i].digits);
      g_assert_cmpint (rd_pii_phone_classify (&n, FALSE, &score, &reason), ==, cases[i].want);
    }
}

/* Scanning -------------------------------------------------------------------------------- */

typedef struct
{
  RdPiiEntity entity;
  const char *text;
} Want;

static GArray *
scan (RdPiiScanner *scanner,
      const char   *text)
{
  return rd_pii_scanner_scan (scanner, text, strlen (text), NULL, 0);
}

static const RdPiiFinding *
find (GArray      *found,
      const char  *text,
      RdPiiEntity  entity,
      const char  *value)
{
  for (guint i = 0; i < found->len; i++)
    {
      const RdPiiFinding *f = &g_array_index (found, RdPiiFinding, i);
      if (f->entity == entity && f->end - f->start == strlen (value) &&
          memcmp (text + f->start, value, f->end - f->start) == 0)
        return f;
    }
  return NULL;
}

static void
assert_finds (const char *text,
              RdPiiEntity entity,
              const char *value)
{
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, text);
  const RdPiiFinding *f = find (found, text, entity, value);

  if (f == NULL)
    g_error ("%s «%s» not found in «%s»", rd_pii_entity_to_string (entity), value, text);
  g_assert_nonnull (f->reason);
  g_assert_cmpfloat (f->score, >, 0);
  g_assert_cmpfloat (f->score, <=, 1);
}

static void
assert_nothing (const char *text)
{
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, text);

  if (found->len > 0)
    {
      const RdPiiFinding *f = &g_array_index (found, RdPiiFinding, 0);
      g_error ("«%s» found %s «%.*s»", text, rd_pii_entity_to_string (f->entity),
               (int) (f->end - f->start), text + f->start);
    }
}

static void
test_entities (void)
{
  const struct { const char *text; RdPiiEntity entity; const char *value; } cases[] = {
    { "Write to anna.schmidt@example.org today.", RD_PII_EMAIL_ADDRESS, "anna.schmidt@example.org" },
    { "it's john dot smith at gmail dot com", RD_PII_EMAIL_ADDRESS, "john dot smith at gmail dot com" },
    { "Call me on +44 20 7946 0958.", RD_PII_PHONE_NUMBER, "+44 20 7946 0958" },
    { "My number is (415) 555-0132.", RD_PII_PHONE_NUMBER, "(415) 555-0132" },
    { "mobile 07700 900123", RD_PII_PHONE_NUMBER, "07700 900123" },
    { "Tel +353 87 123 4567", RD_PII_PHONE_NUMBER, "+353 87 123 4567" },
    { "Handy 0151 23456789", RD_PII_PHONE_NUMBER, "0151 23456789" },
    { "portable 06 12 34 56 78", RD_PII_PHONE_NUMBER, "06 12 34 56 78" },
    { "móvil 612 345 678", RD_PII_PHONE_NUMBER, "612 345 678" },
    { "cell 347 123 4567", RD_PII_PHONE_NUMBER, "347 123 4567" },
    { "bel 06-12345678", RD_PII_PHONE_NUMBER, "06-12345678" },
    { "celular (11) 91234-5678", RD_PII_PHONE_NUMBER, "(11) 91234-5678" },
    { "call 0412 345 678", RD_PII_PHONE_NUMBER, "0412 345 678" },
    { "It's +44 (0)20 7946 0958", RD_PII_PHONE_NUMBER, "+44 (0)20 7946 0958" },
    { "sure it's four one five five five five zero one three two", RD_PII_PHONE_NUMBER,
      "four one five five five five zero one three two" },
    { "card 4111 1111 1111 1111 exp 12/27", RD_PII_CREDIT_CARD, "4111 1111 1111 1111" },
    { "Amex 3782-822463-10005", RD_PII_CREDIT_CARD, "3782-822463-10005" },
    { "IBAN GB82 WEST 1234 5698 7654 32.", RD_PII_IBAN_CODE, "GB82 WEST 1234 5698 7654 32" },
    { "IBAN DE89370400440532013000", RD_PII_IBAN_CODE, "DE89370400440532013000" },
    { "from 192.168.10.25 at noon", RD_PII_IP_ADDRESS, "192.168.10.25" },
    { "from 2001:db8::8a2e:370:7334 too", RD_PII_IP_ADDRESS, "2001:db8::8a2e:370:7334" },
    { "see https://example.org/u/anna?x=1.", RD_PII_URL, "https://example.org/u/anna?x=1" },
    { "SSN 536-22-8431", RD_PII_US_SSN, "536-22-8431" },
    { "NI number AB 12 34 56 C", RD_PII_UK_NINO, "AB 12 34 56 C" },
    { "NHS number 943 476 5919", RD_PII_UK_NHS, "943 476 5919" },
    { "I was born on 12/03/1985.", RD_PII_DATE_TIME, "12/03/1985" },
    { "date of birth: March 3rd, 1985", RD_PII_DATE_TIME, "March 3rd, 1985" },
    { "DOB 3 March 1985", RD_PII_DATE_TIME, "3 March 1985" },
    { "I live at 221B Baker Street, London NW1 6XE.", RD_PII_LOCATION, "221B Baker Street, London NW1 6XE" },
    { "Ship to 742 Evergreen Terrace, Springfield, IL 62704.", RD_PII_LOCATION,
      "742 Evergreen Terrace, Springfield, IL 62704" },
    { "Adresse: Hauptstraße 12, 10115 Berlin", RD_PII_LOCATION, "Hauptstraße 12, 10115 Berlin" },
    { "au 12 rue de Rivoli, 75001 Paris.", RD_PII_LOCATION, "12 rue de Rivoli, 75001 Paris" },
    { "postcode SW1A 1AA", RD_PII_LOCATION, "SW1A 1AA" },
    { "Anna Schmidt: hello", RD_PII_PERSON, "Anna Schmidt" },
    { "[10:02] Agent Julia: hello", RD_PII_PERSON, "Julia" },
    { "Hi Maria, thanks", RD_PII_PERSON, "Maria" },
    { "Kind regards,\nOisín Ó Súilleabháin\n", RD_PII_PERSON, "Oisín Ó Súilleabháin" },
    { "I spoke to Mr. O'Brien yesterday", RD_PII_PERSON, "O'Brien" },
    { "From: Lena Fischer <lena@example.de>", RD_PII_PERSON, "Lena Fischer" },
    { "my name is Thandiwe and", RD_PII_PERSON, "Thandiwe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_finds (cases[i].text, cases[i].entity, cases[i].value);
}

static void
test_lookalikes (void)
{
  const char *const texts[] = {
    "Your order #123-4567890-1234567 has shipped.",
    "Order number 4111111111111111 was cancelled.",        /* passes Luhn: still an order */
    "tracking 1Z999AA10123456784 and 9400 1000 0000 0000 0000 00",
    "ticket TCK-2024-00123, see INC0012345",
    "Invoice INV-2024-0042 for £1,234.50 is attached.",
    "I was charged $49.99 twice, then € 120,00.",
    "It shipped on 12/03/2024 and arrives 2024-03-15.",     /* dates without birth context */
    "Product SKU-4432-BLK, model XJ-900",
    "Call us free on 0800 123 4567 or 1-800-555-0199.",     /* organisations' numbers */
    "Write to support@acme.com or billing@acme.com.",       /* role mailboxes */
    "To: Support <help@acme.example>\n",                    /* departments in e-mail headers */
    "From: Acme Customer Service <care@acme.example>\n",
    "Cc: Billing Team <billing@acme.example>\n",
    "firmware version 10.2.0.1 is installed",
    "We open at 10:30 on weekdays.",
    "The total is 1234567890 points.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_nothing (texts[i]);
}

/* A department in a header is no person; a person in the same place still is. */
/* A given name that is also a word (Tom, Mark, Grace) is a name after a verb that takes a
 * person; on its own, or as a word, it is not. */
static void
test_name_words (void)
{
  assert_finds ("Please call Tom on his mobile tomorrow.\n", RD_PII_PERSON, "Tom");
  assert_finds ("Ask Mark about the refund.\n", RD_PII_PERSON, "Mark");
  assert_finds ("I will email Grace the form.\n", RD_PII_PERSON, "Grace");
  assert_finds ("Thanks Bill, that helps.\n", RD_PII_PERSON, "Bill");
  assert_nothing ("Please call Customer Care or email Support.\n");
  assert_nothing ("Mark the box and allow a grace period for the bill.\n");
}

static guint
count_found (GArray      *found,
             const char  *text,
             RdPiiEntity  entity,
             const char  *value)
{
  guint n = 0;

  for (guint i = 0; i < found->len; i++)
    {
      const RdPiiFinding *f = &g_array_index (found, RdPiiFinding, i);
      if (f->entity == entity && f->end - f->start == strlen (value) &&
          memcmp (text + f->start, value, f->end - f->start) == 0)
        n++;
    }
  return n;
}

/* Once a name that is also a word has been given as someone's, it is theirs again later in
 * the text; at the start of a sentence before "the", "you" or "me" it is still the word. */
static void
test_name_words_again (void)
{
  const char *text =
    "Please call Tom on 020 7946 0958. I gave the parcel to Tom yesterday.\n"
    "Tom has the key now. Ask Mark about it.\n"
    "Mark the box as fragile, and Will you send it to Mark?\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, text);

  g_assert_cmpuint (count_found (found, text, RD_PII_PERSON, "Tom"), ==, 3);
  g_assert_cmpuint (count_found (found, text, RD_PII_PERSON, "Mark"), ==, 2);
  g_assert_null (find (found, text, RD_PII_PERSON, "Will"));
  /* "Mark the box" is no name: the second "Mark" found starts after "Ask ". */
  for (guint i = 0; i < found->len; i++)
    {
      const RdPiiFinding *f = &g_array_index (found, RdPiiFinding, i);
      g_assert_false (f->start == (gsize) (strstr (text, "Mark the") - text));
    }
}

/* A surname that is also a word about money does not make the number after it an amount:
 * amounts carry no country code. */
static void
test_phone_after_money_word (void)
{
  assert_finds ("My wife Marie Price can be reached on +33 1 38 91 86 73.\n",
                RD_PII_PHONE_NUMBER, "+33 1 38 91 86 73");
  assert_nothing ("The price was 1 234 567 89 in total.\n");
}

/* A sentence that ends in a number ends there: its words give the next sentence no context. */
static void
test_sentence_after_number (void)
{
  const char *text = "I was born on 8.09.1942. Expected delivery 03/11/2026.\n"
                     "See order 32533725. My number is 09 56 96 09 25.\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, text);

  g_assert_nonnull (find (found, text, RD_PII_DATE_TIME, "8.09.1942"));
  g_assert_null (find (found, text, RD_PII_DATE_TIME, "03/11/2026"));
  g_assert_nonnull (find (found, text, RD_PII_PHONE_NUMBER, "09 56 96 09 25"));
}

/* The requester's number is theirs however it is written, with or without its country code;
 * a number of another country that ends in the same digits is someone else's. */
static void
test_subject_phone_country (void)
{
  const char *text =
    "Mine is +46 70 123 45 67, at home 070-123 45 67, or 0046 70 123 45 67.\n"
    "The driver's is +49 170 1234567. Our desk is +44 (0)20 7946 0958.\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = NULL;

  rd_pii_scanner_add_subject_phone (scanner, "+46 70 123 45 67");
  rd_pii_scanner_add_allowed (scanner, "+44 20 7946 0958");
  found = scan (scanner, text);

  g_assert_true (find (found, text, RD_PII_PHONE_NUMBER, "+46 70 123 45 67")->subject);
  g_assert_true (find (found, text, RD_PII_PHONE_NUMBER, "070-123 45 67")->subject);
  g_assert_true (find (found, text, RD_PII_PHONE_NUMBER, "0046 70 123 45 67")->subject);
  g_assert_false (find (found, text, RD_PII_PHONE_NUMBER, "+49 170 1234567")->subject);
  g_assert_null (find (found, text, RD_PII_PHONE_NUMBER, "+44 (0)20 7946 0958"));
}

/* A stray "0 " before "(0)20 …" reads as a "00" prefix whose second zero is the bracketed
 * trunk zero: the number is still found, and nothing is written outside it (this crashed the
 * scan). */
static void
test_phone_trunk_zero_in_prefix (void)
{
  const char *text = "Call 0 (0)20 7946 0958 today, or 0 (0)161 496 0000.\n";
  const char *number = "(0)20 7946 0958";
  gsize at = strstr (text, number) - text;
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, text);
  gboolean covered = FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      const RdPiiFinding *f = &g_array_index (found, RdPiiFinding, i);

      g_assert_cmpuint (f->end, <=, strlen (text));
      covered = covered || (f->entity == RD_PII_PHONE_NUMBER && f->start <= at &&
                            f->end >= at + strlen (number));
    }
  g_assert_true (covered);
}

/* Chats are often typed in lower case: after "my sister", "talked to", "this is" or "hi",
 * a given name of the list is a name in lower case too; other words there are not. */
static void
test_lower_case_names (void)
{
  assert_finds ("my sister camille gonzález has the card.\n", RD_PII_PERSON, "camille gonzález");
  assert_finds ("last week i talked to lorenzo about it.\n", RD_PII_PERSON, "lorenzo");
  assert_finds ("hi sarah, the parcel is late.\n", RD_PII_PERSON, "sarah");
  assert_finds ("this is isla roberts speaking.\n", RD_PII_PERSON, "isla roberts");
  assert_nothing ("thanks for contacting us, i'm looking into it and will talk to the team.\n");
  assert_nothing ("my sister lives in town and is still waiting.\n");
}

/* April, May, June and Jun are given names too: before a surname, or as a speaker with a
 * surname, they are a person; before a day or a year, and on their own, a month. */
static void
test_month_names (void)
{
  assert_finds ("My name is April Jones.\n", RD_PII_PERSON, "April Jones");
  assert_finds ("I spoke to June Taylor yesterday.\n", RD_PII_PERSON, "June Taylor");
  assert_finds ("Hello, I'm Jun King, the account holder.\n", RD_PII_PERSON, "Jun King");
  assert_finds ("18:40 May Lee: Hello, is my parcel on its way?\n", RD_PII_PERSON, "May Lee");
  assert_nothing ("Call me in May 2024 or on June 3.\n");
  assert_nothing ("See you in June. April was busy.\n");
}

static void
test_header_names (void)
{
  assert_finds ("From: Anna Schmidt <anna.schmidt@example.org>\n", RD_PII_PERSON, "Anna Schmidt");
  assert_finds ("To: Support <help@acme.example>\nCc: Mark Jones <mj@example.net>\n",
                RD_PII_PERSON, "Mark Jones");
}

static void
test_allow_list (void)
{
  const char *text = "Mail privacy@acme.example or jo.bloggs@acme.example, or call 020 7946 0000.";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) before = scan (scanner, text);
  g_autoptr (GArray) after = NULL;

  g_assert_nonnull (find (before, text, RD_PII_EMAIL_ADDRESS, "jo.bloggs@acme.example"));
  g_assert_nonnull (find (before, text, RD_PII_PHONE_NUMBER, "020 7946 0000"));

  rd_pii_scanner_add_allowed (scanner, "@acme.example");
  rd_pii_scanner_add_allowed (scanner, "+44 20 7946 0000");
  after = scan (scanner, text);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_subject (void)
{
  const char *text =
    "From: Anna Schmidt <anna@example.org>\n"
    "Hello, my phone is 07700 900123 and my card 4111 1111 1111 1111. "
    "My husband Tom Baker is on 07700 900456.\n"
    "From: Julia Weber <julia.weber@example.com>\n"
    "Dear Ms Schmidt, we called +44 7700 900123.\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = NULL;

  rd_pii_scanner_add_subject_name (scanner, "Anna Schmidt");
  rd_pii_scanner_add_subject_email (scanner, "Anna@Example.org");
  rd_pii_scanner_add_subject_phone (scanner, "+44 7700 900 123");
  found = scan (scanner, text);

  g_assert_true (find (found, text, RD_PII_PERSON, "Anna Schmidt")->subject);
  g_assert_true (find (found, text, RD_PII_EMAIL_ADDRESS, "anna@example.org")->subject);
  g_assert_true (find (found, text, RD_PII_PHONE_NUMBER, "07700 900123")->subject);
  /* In the requester's own e-mail, their card is theirs. */
  g_assert_true (find (found, text, RD_PII_CREDIT_CARD, "4111 1111 1111 1111")->subject);
  /* ... but not their husband's name and number. */
  g_assert_false (find (found, text, RD_PII_PERSON, "Tom Baker")->subject);
  g_assert_false (find (found, text, RD_PII_PHONE_NUMBER, "07700 900456")->subject);
  /* The agent and the agent's address are someone else's; the subject's number stays theirs
   * in the agent's message, whatever its format. */
  g_assert_false (find (found, text, RD_PII_PERSON, "Julia Weber")->subject);
  g_assert_false (find (found, text, RD_PII_EMAIL_ADDRESS, "julia.weber@example.com")->subject);
  g_assert_true (find (found, text, RD_PII_PERSON, "Schmidt")->subject);
  g_assert_true (find (found, text, RD_PII_PHONE_NUMBER, "+44 7700 900123")->subject);
}

/* In the requester's own e-mail, what follows a person they name for someone else is that
 * person's; their own number stays theirs, also after the agent's name in a greeting. */
static void
test_subject_turn_others (void)
{
  const char *text =
    "From: Anna Schmidt <anna@example.org>\n"
    "Hi Julia, my number is 07700 900123. Please call Tom on 020 7946 0958 about it.\n"
    "You could also ask Mark Jones, mark.jones@example.net, or Tom has my card 4111 1111 1111 1111.\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = NULL;

  rd_pii_scanner_add_subject_name (scanner, "Anna Schmidt");
  found = scan (scanner, text);

  g_assert_true (find (found, text, RD_PII_PHONE_NUMBER, "07700 900123")->subject);
  g_assert_false (find (found, text, RD_PII_PERSON, "Tom")->subject);
  g_assert_false (find (found, text, RD_PII_PHONE_NUMBER, "020 7946 0958")->subject);
  g_assert_false (find (found, text, RD_PII_EMAIL_ADDRESS, "mark.jones@example.net")->subject);
  g_assert_true (find (found, text, RD_PII_CREDIT_CARD, "4111 1111 1111 1111")->subject);
}

/* An address matches the requester's and the role mailboxes however it is cased: a capital
 * in any of its bytes, early or late, long address or short. */
static void
test_email_case (void)
{
  const char *text =
    "Write to SUPPORT@ACME.EXAMPLE or to Anna.Schmidt@Example.ORG, "
    "not to anna.schmidt@example.net.\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = NULL;
  const RdPiiFinding *f;

  rd_pii_scanner_add_subject_email (scanner, "anna.schmidt@example.org");
  found = scan (scanner, text);

  /* A support mailbox is the organisation's, not a person's. */
  g_assert_null (find (found, text, RD_PII_EMAIL_ADDRESS, "SUPPORT@ACME.EXAMPLE"));
  f = find (found, text, RD_PII_EMAIL_ADDRESS, "Anna.Schmidt@Example.ORG");
  g_assert_nonnull (f);
  g_assert_true (f->subject);
  /* Another domain is another address. */
  f = find (found, text, RD_PII_EMAIL_ADDRESS, "anna.schmidt@example.net");
  g_assert_nonnull (f);
  g_assert_false (f->subject);
}

/* The requester's name matches however it is cased; by Unicode case folding "ß" is "ss". The
 * quick tests on a word's first and last letters must not rule such a word out. */
static void
test_subject_folding (void)
{
  const char *text =
    "From: J\xc3\xbcrgen Weiss <jw@example.org>\n"
    "Hello.\n"
    "From: ANNA SCHMIDT <as@example.org>\n"
    "Hello.\n"
    "From: Anna Schmidts <x@example.org>\n";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = NULL;

  rd_pii_scanner_add_subject_name (scanner, "J\xc3\x9cRGEN Wei\xc3\x9f");
  rd_pii_scanner_add_subject_name (scanner, "anna schmidt");
  found = scan (scanner, text);

  g_assert_true (find (found, text, RD_PII_PERSON, "J\xc3\xbcrgen Weiss")->subject);
  g_assert_true (find (found, text, RD_PII_PERSON, "ANNA SCHMIDT")->subject);
  g_assert_false (find (found, text, RD_PII_PERSON, "Anna Schmidts")->subject);
}

static void
test_turns (void)
{
  const char *text = "I am at 10 Downing Street. Reach me on 07700 900123.";
  const RdPiiTurn subject_turn[] = { { 0, strlen (text), "Anna Schmidt" } };
  const RdPiiTurn agent_turn[] = { { 0, strlen (text), "Julia" } };
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;

  rd_pii_scanner_add_subject_name (scanner, "Anna Schmidt");
  a = rd_pii_scanner_scan (scanner, text, strlen (text), subject_turn, 1);
  b = rd_pii_scanner_scan (scanner, text, strlen (text), agent_turn, 1);
  g_assert_true (find (a, text, RD_PII_LOCATION, "10 Downing Street")->subject);
  g_assert_true (find (a, text, RD_PII_PHONE_NUMBER, "07700 900123")->subject);
  g_assert_false (find (b, text, RD_PII_LOCATION, "10 Downing Street")->subject);
  g_assert_false (find (b, text, RD_PII_PHONE_NUMBER, "07700 900123")->subject);
}

static void
test_offsets_non_ascii (void)
{
  /* "Zoë Müller: ☎ +33 6 12 34 56 78": byte and code-point offsets differ. */
  const char *text = "Grüße von Zoë — ruf an: +33 6 12 34 56 78";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, text);
  const RdPiiFinding *f = find (found, text, RD_PII_PHONE_NUMBER, "+33 6 12 34 56 78");

  g_assert_nonnull (f);
  g_assert_cmpuint (f->start, ==, strstr (text, "+33") - text);
  /* In code points: "Grüße von Zoë — ruf an: " is 24 characters. */
  g_assert_cmpint (g_utf8_pointer_to_offset (text, text + f->start), ==, 24);
  g_assert_cmpint (g_utf8_pointer_to_offset (text, text + f->end), ==, 24 + 17);
}

static void
test_invalid_utf8 (void)
{
  const char raw[] = "Call \xff\xfe me on 07700 900123 \xc3 ok";
  g_autofree char *valid = g_utf8_make_valid (raw, sizeof raw - 1);
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = scan (scanner, valid);

  g_assert_true (g_utf8_validate (valid, -1, NULL));
  g_assert_nonnull (find (found, valid, RD_PII_PHONE_NUMBER, "07700 900123"));
}

static void
test_nul_and_edges (void)
{
  /* Embedded NULs, a text that ends inside a candidate, empty text: no crash, no reads past. */
  const char text[] = "mail a@b.co\0 4111 1111 1111 1111 +44 20 79";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = rd_pii_scanner_scan (scanner, text, sizeof text - 1, NULL, 0);
  g_autoptr (GArray) empty = rd_pii_scanner_scan (scanner, "", 0, NULL, 0);

  g_assert_nonnull (find (found, text, RD_PII_CREDIT_CARD, "4111 1111 1111 1111"));
  g_assert_cmpuint (empty->len, ==, 0);
  for (gsize n = 0; n < sizeof text - 1; n++)
    {
      /* An exact-size copy, so that valgrind sees any read past the end. */
      g_autofree char *copy = g_memdup2 (text, n);
      g_autoptr (GArray) part = rd_pii_scanner_scan (scanner, copy, n, NULL, 0);
      for (guint i = 0; i < part->len; i++)
        g_assert_cmpuint (g_array_index (part, RdPiiFinding, i).end, <=, n);
    }
}

typedef struct
{
  RdPiiScanner *scanner;
  const char   *text;
  guint         expected;
} ThreadData;

static gpointer
scan_thread (gpointer data)
{
  ThreadData *td = data;

  for (int i = 0; i < 200; i++)
    {
      g_autoptr (GArray) found = scan (td->scanner, td->text);
      g_assert_cmpuint (found->len, ==, td->expected);
    }
  return NULL;
}

static void
test_threads (void)
{
  const char *text = "Anna Schmidt: call 07700 900123, card 4111 1111 1111 1111, "
                     "mail anna@example.org, IBAN GB82WEST12345698765432.";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) once = NULL;
  ThreadData td;
  GThread *threads[4];

  rd_pii_scanner_add_subject_name (scanner, "Anna Schmidt");
  once = scan (scanner, text);
  g_assert_cmpuint (once->len, ==, 5);
  td = (ThreadData) { scanner, text, once->len };
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("scan", scan_thread, &td);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
many_cb (guint               index,
         const RdPiiFinding *finding,
         gpointer            user_data)
{
  g_atomic_int_inc (&((gint *) user_data)[index]);
}

static void
test_many (void)
{
  const char *texts[] = { "call 07700 900123", "nothing here", "a@example.org and b@example.org" };
  gsize lengths[3];
  gint counts[3] = { 0 };
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();

  for (guint i = 0; i < 3; i++)
    lengths[i] = strlen (texts[i]);
  rd_pii_scanner_scan_many (scanner, texts, lengths, 3, 2, many_cb, counts);
  g_assert_cmpint (counts[0], ==, 1);
  g_assert_cmpint (counts[1], ==, 0);
  g_assert_cmpint (counts[2], ==, 2);
}

static void
test_entity_names (void)
{
  RdPiiEntity e;

  g_assert_cmpstr (rd_pii_entity_to_string (RD_PII_UK_NHS), ==, "UK_NHS");
  g_assert_true (rd_pii_entity_from_string ("IBAN_CODE", &e));
  g_assert_cmpint (e, ==, RD_PII_IBAN_CODE);
  g_assert_false (rd_pii_entity_from_string ("IBAN", &e));
}

static void
test_entity_mask (void)
{
  const char *text = "mail a@example.org, call 07700 900123";
  g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
  g_autoptr (GArray) found = NULL;

  rd_pii_scanner_set_entities (scanner, 1u << RD_PII_PHONE_NUMBER);
  found = scan (scanner, text);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, RdPiiFinding, 0).entity, ==, RD_PII_PHONE_NUMBER);
}

/* The word lists match in any case; the fast look-up that reads the word in blocks of 8
 * bytes must ignore what follows the word and agree with the careful one. */
static void
test_lexicon_case (void)
{
  /* Each word followed by letters that would change it if they were read as part of it. */
  static const struct { const char *text; gsize length; guint32 flag; } cases[] = {
    { "MONDAYS are", 6, RD_LEX_NOT_NAME },         /* "monday", not "mondays" */
    { "Wednesday, 3", 9, RD_LEX_NOT_NAME },        /* longer than one block */
    { "BirthdayXYZWVUTS", 8, RD_LEX_CTX_BIRTH },   /* exactly one block */
    { "sEpTeMbEr 9th", 9, RD_LEX_MONTH },
    { "Mrs. Smith", 3, RD_LEX_TITLE },
    { "Grüße aus Berlin", 7, RD_LEX_CLOSING },   /* not ASCII: the careful way */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The fast way may read up to the next multiple of 8 bytes: the scanner only asks it
       * when the text goes on that far, so the test gives it that much too. */
      char text[32] = { 0 };
      guint32 careful;

      g_assert_cmpuint (strlen (cases[i].text), <, sizeof text);
      memcpy (text, cases[i].text, strlen (cases[i].text));
      careful = rd_pii_lexicon_lookup (text, cases[i].length);
      g_assert_cmphex (careful & cases[i].flag, ==, cases[i].flag);
      g_assert_cmphex (rd_pii_lexicon_lookup_padded (text, cases[i].length), ==, careful);
    }
  /* Not a listed word, however it is cut or cased. */
  g_assert_cmphex (rd_pii_lexicon_lookup_padded ("MONDAYS are\0\0\0\0", 7), ==, 0);
  g_assert_cmphex (rd_pii_lexicon_lookup ("Birthdays", 9) & RD_LEX_CTX_BIRTH, ==, 0);
}

/* Offsets in code points, asked in order and then back and forth, match GLib's count over
 * text of one- to four-byte characters, across the blocks of eight bytes the count reads. */
static void
test_code_points (void)
{
  static const char *const pieces[] = { "a", "ü", "—", "😀", " ", "ß", "Zoë", "€", "\n" };
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  RdCodePoints cursor;

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  for (const char *p = text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize at = p - text->str;
      g_array_append_val (starts, at);
    }
  g_array_append_val (starts, text->len);

  cursor = (RdCodePoints) RD_CODE_POINTS_INIT (text->str);
  for (guint i = 0; i < starts->len; i += 1 + g_rand_int_range (rand, 0, 20))
    {
      gsize at = g_array_index (starts, gsize, i);
      g_assert_cmpuint (rd_code_points_at (&cursor, at), ==, i);
    }
  for (guint k = 0; k < 500; k++)
    {
      guint i = g_rand_int_range (rand, 0, starts->len);
      g_assert_cmpuint (rd_code_points_at (&cursor, g_array_index (starts, gsize, i)), ==, i);
    }
  g_assert_cmpuint (rd_code_points_at (&cursor, text->len), ==,
                    g_utf8_strlen (text->str, text->len));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pii/luhn", test_luhn);
  g_test_add_func ("/core/pii/code-points", test_code_points);
  g_test_add_func ("/core/pii/iban", test_iban);
  g_test_add_func ("/core/pii/nhs", test_nhs);
  g_test_add_func ("/core/pii/ssn", test_ssn);
  g_test_add_func ("/core/pii/nino", test_nino);
  g_test_add_func ("/core/pii/phone-plans", test_phone_plans);
  g_test_add_func ("/core/pii/entities", test_entities);
  g_test_add_func ("/core/pii/lookalikes", test_lookalikes);
  g_test_add_func ("/core/pii/header-names", test_header_names);
  g_test_add_func ("/core/pii/name-words", test_name_words);
  g_test_add_func ("/core/pii/name-words-again", test_name_words_again);
  g_test_add_func ("/core/pii/month-names", test_month_names);
  g_test_add_func ("/core/pii/lower-case-names", test_lower_case_names);
  g_test_add_func ("/core/pii/subject-phone-country", test_subject_phone_country);
  g_test_add_func ("/core/pii/phone-after-money-word", test_phone_after_money_word);
  g_test_add_func ("/core/pii/phone-trunk-zero-in-prefix", test_phone_trunk_zero_in_prefix);
  g_test_add_func ("/core/pii/sentence-after-number", test_sentence_after_number);
  g_test_add_func ("/core/pii/subject-turn-others", test_subject_turn_others);
  g_test_add_func ("/core/pii/allow-list", test_allow_list);
  g_test_add_func ("/core/pii/subject", test_subject);
  g_test_add_func ("/core/pii/subject-folding", test_subject_folding);
  g_test_add_func ("/core/pii/email-case", test_email_case);
  g_test_add_func ("/core/pii/turns", test_turns);
  g_test_add_func ("/core/pii/offsets-non-ascii", test_offsets_non_ascii);
  g_test_add_func ("/core/pii/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/pii/edges", test_nul_and_edges);
  g_test_add_func ("/core/pii/threads", test_threads);
  g_test_add_func ("/core/pii/many", test_many);
  g_test_add_func ("/core/pii/entity-names", test_entity_names);
  g_test_add_func ("/core/pii/entity-mask", test_entity_mask);
  g_test_add_func ("/core/pii/lexicon-case", test_lexicon_case);

  return g_test_run ();
}
