/* rd-pii-validators.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-pii-validators"

#include "config.h"

#include <string.h>

#include "rd-pii-validators.h"

gboolean
rd_pii_luhn_valid (const char *digits,
                   gsize       n)
{
  guint sum = 0;
  gboolean twice = FALSE;

  g_return_val_if_fail (digits != NULL, FALSE);

  if (n < 2)
    return FALSE;

  for (gsize i = n; i-- > 0;)
    {
      guint d;

      if (!g_ascii_isdigit (digits[i]))
        return FALSE;
      d = digits[i] - '0';
      if (twice)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
      twice = !twice;
    }

  return sum % 10 == 0;
}

static guint
prefix (const char *digits,
        guint       k)
{
  guint v = 0;

  for (guint i = 0; i < k; i++)
    v = v * 10 + (digits[i] - '0');
  return v;
}

gboolean
rd_pii_card_issuer_known (const char *digits,
                          gsize       n)
{
  guint p2, p3, p4, p6;

  g_return_val_if_fail (digits != NULL, FALSE);

  if (n < 12 || n > 19)
    return FALSE;

  p2 = prefix (digits, 2);
  p3 = prefix (digits, 3);
  p4 = prefix (digits, 4);
  p6 = prefix (digits, 6);

  if (digits[0] == '4')                                       /* Visa */
    return n == 13 || n == 16 || n == 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))   /* Mastercard */
    return n == 16;
  if (p2 == 34 || p2 == 37)                                   /* American Express */
    return n == 15;
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 ||   /* Discover */
      (p6 >= 622126 && p6 <= 622925))
    return n >= 16;
  if (p4 >= 3528 && p4 <= 3589)                               /* JCB */
    return n >= 16;
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39)  /* Diners Club */
    return n >= 14;
  if (p4 >= 2200 && p4 <= 2204)                               /* Mir */
    return n >= 16;
  if (p2 == 62)                                               /* UnionPay */
    return n >= 16;
  if (p2 == 50 || (p2 >= 56 && p2 <= 69))                     /* Maestro */
    return n >= 12;

  return FALSE;
}

/* IBAN lengths per country, from the SWIFT IBAN registry, in the order of the codes. */
static const struct { char cc[3]; guint8 length; } iban_lengths[] = {
  { "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 }, { "BA", 20 },
  { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BI", 27 }, { "BR", 29 }, { "BY", 28 },
  { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DJ", 27 },
  { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 },
  { "FK", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 }, { "GE", 22 }, { "GI", 23 },
  { "GL", 18 }, { "GR", 27 }, { "GT", 28 }, { "HN", 28 }, { "HR", 21 }, { "HU", 28 },
  { "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 }, { "IT", 27 }, { "JO", 30 },
  { "KW", 30 }, { "KZ", 20 }, { "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 },
  { "LU", 20 }, { "LV", 21 }, { "LY", 25 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 },
  { "MK", 19 }, { "MN", 20 }, { "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NI", 28 },
  { "NL", 18 }, { "NO", 15 }, { "OM", 23 }, { "PK", 24 }, { "PL", 28 }, { "PS", 29 },
  { "PT", 25 }, { "QA", 29 }, { "RO", 24 }, { "RS", 22 }, { "RU", 33 }, { "SA", 24 },
  { "SC", 31 }, { "SD", 18 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 }, { "SM", 27 },
  { "SO", 23 }, { "ST", 25 }, { "SV", 28 }, { "TL", 23 }, { "TN", 24 }, { "TR", 26 },
  { "UA", 29 }, { "VA", 22 }, { "VG", 24 }, { "XK", 20 }, { "YE", 30 },
};

guint
rd_pii_iban_length (const char *country)
{
  guint lo = 0, hi = G_N_ELEMENTS (iban_lengths);

  g_return_val_if_fail (country != NULL, 0);

  /* The table is in the order of the codes: a binary search. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int d = (guchar) iban_lengths[mid].cc[0] - (guchar) country[0];

      if (d == 0)
        d = (guchar) iban_lengths[mid].cc[1] - (guchar) country[1];
      if (d == 0)
        return iban_lengths[mid].length;
      if (d < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

gboolean
rd_pii_iban_valid (const char *iban,
                   gsize       n)
{
  guint remainder = 0;

  g_return_val_if_fail (iban != NULL, FALSE);

  if (n < 15 || n > 34 || rd_pii_iban_length (iban) != n)
    return FALSE;
  if (!g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3]))
    return FALSE;

  /* ISO 7064 mod 97-10 over the BBAN then the country and check digits, letters as 10..35,
   * folded digit by digit so that no big numbers are needed. */
  for (gsize k = 0; k < n; k++)
    {
      char c = iban[(k + 4) % n];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (c - '0')) % 97;
      else if (c >= 'A' && c <= 'Z')
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      else
        return FALSE;
    }

  return remainder == 1;
}

gboolean
rd_pii_nhs_valid (const char *digits)
{
  guint sum = 0, check;

  g_return_val_if_fail (digits != NULL, FALSE);

  for (guint i = 0; i < 10; i++)
    if (!g_ascii_isdigit (digits[i]))
      return FALSE;

  for (guint i = 0; i < 9; i++)
    sum += (digits[i] - '0') * (10 - i);
  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  /* 10 is no digit: such numbers are never issued. */
  return check != 10 && check == (guint) (digits[9] - '0');
}

gboolean
rd_pii_ssn_valid (const char *digits)
{
  guint area, group, serial;
  gboolean same = TRUE;

  g_return_val_if_fail (digits != NULL, FALSE);

  for (guint i = 0; i < 9; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return FALSE;
      if (digits[i] != digits[0])
        same = FALSE;
    }

  area = prefix (digits, 3);
  group = prefix (digits + 3, 2);
  serial = prefix (digits + 5, 4);

  if (same || area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0)
    return FALSE;
  /* Numbers printed in advertising and examples, never a person's. */
  if (memcmp (digits, "078051120", 9) == 0 || memcmp (digits, "219099999", 9) == 0 ||
      memcmp (digits, "123456789", 9) == 0)
    return FALSE;

  return TRUE;
}

gboolean
rd_pii_nino_valid (const char *nino,
                   gsize       n)
{
  static const char *const unused[] = { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" };

  g_return_val_if_fail (nino != NULL, FALSE);

  if (n != 8 && n != 9)
    return FALSE;
  if (!g_ascii_isupper (nino[0]) || !g_ascii_isupper (nino[1]))
    return FALSE;
  /* HMRC: the first letter is not D, F, I, Q, U or V; the second not those nor O. */
  if (strchr ("DFIQUV", nino[0]) || strchr ("DFIQUVO", nino[1]))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (unused); i++)
    if (nino[0] == unused[i][0] && nino[1] == unused[i][1])
      return FALSE;
  for (guint i = 2; i < 8; i++)
    if (!g_ascii_isdigit (nino[i]))
      return FALSE;
  if (n == 9 && (nino[8] < 'A' || nino[8] > 'D'))
    return FALSE;

  return TRUE;
}

gboolean
rd_pii_uk_outward_valid (const char *o,
                         gsize       n)
{
#define L(c) ((c) >= 'A' && (c) <= 'Z')
#define D(c) ((c) >= '0' && (c) <= '9')
  g_return_val_if_fail (o != NULL, FALSE);

  switch (n)
    {
    case 2:
      return L (o[0]) && D (o[1]);
    case 3:
      return L (o[0]) && ((D (o[1]) && (D (o[2]) || L (o[2]))) || (L (o[1]) && D (o[2])));
    case 4:
      return L (o[0]) && L (o[1]) && D (o[2]) && (D (o[3]) || L (o[3]));
    default:
      return FALSE;
    }
#undef L
#undef D
}
