/* rd-pii-phone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-pii-phone"

#include "config.h"

#include <string.h>

#include "rd-pii-phone.h"

/* Prefixes are one to four digits: a plain loop, without strlen () and strncmp () calls. */
static inline gboolean
starts (const char *digits,
        const char *prefix)
{
  for (; *prefix != '\0'; prefix++, digits++)
    if (*digits != *prefix)
      return FALSE;
  return TRUE;
}

/* North American Numbering Plan: NXX NXX XXXX. */
static gboolean
nanp_valid (const char *nsn)
{
  return nsn[0] >= '2' && nsn[3] >= '2' && !(nsn[1] == '1' && nsn[2] == '1');
}

static gboolean
nanp_toll_free (const char *nsn)
{
  return nsn[0] == '8' && nsn[1] == nsn[2] && nsn[1] >= '0' && nsn[1] <= '8' &&
         strchr ("0345678", nsn[1]) != NULL;
}

typedef struct
{
  const char *cc;
  guint8      min, max;       /* national significant number lengths */
  const char *first;          /* digits a national number may start with */
  const char *business[4];    /* prefixes of the national number that are organisations' */
  guint8      business_len;   /* the length of those numbers where it is not min..max, and
                               * a prefix can also begin a private one (Dublin's 1 then
                               * 589 …), or 0 */
} Plan;

static const Plan plans[] = {
  { "44", 9, 10, "123578", { "80", "84", "87", "9" } },       /* UK (Ofcom) */
  { "353", 7, 9, "124567890", { "1800", "1850", "1890", "15" }, 10 }, /* Ireland */
  { "49", 6, 13, "123456789", { "800", "180", "900", "137" } },  /* Germany */
  { "33", 9, 9, "123456789", { "80", "81", "82", "89" } },    /* France */
  { "34", 9, 9, "6789", { "900", "901", "902", "80" } },      /* Spain */
  { "39", 6, 11, "0123", { "800", "803", "89", "199" } },     /* Italy (landlines keep 0) */
  { "31", 9, 9, "123456789", { "800", "900", "906", "909" } }, /* Netherlands */
  { "55", 10, 11, "123456789", { NULL } },                     /* Brazil */
  { "61", 9, 9, "23478", { NULL } },                           /* Australia */
};

static gboolean
business_prefix (const Plan *plan,
                 const char *nsn,
                 guint       len)
{
  if (plan->business_len != 0 && len != plan->business_len)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (plan->business) && plan->business[i]; i++)
    if (starts (nsn, plan->business[i]))
      return TRUE;
  return FALSE;
}

static RdPiiPhoneVerdict
classify_international (const RdPiiNumber  *number,
                        double             *score,
                        const char        **reason)
{
  const char *d = number->digits;
  guint n = number->n_digits;

  if (d[0] == '1')
    {
      if (n != 11 || !nanp_valid (d + 1))
        return RD_PII_PHONE_NO;
      *score = 0.9;
      *reason = "international format (+1, North American plan)";
      return nanp_toll_free (d + 1) ? RD_PII_PHONE_BUSINESS : RD_PII_PHONE_YES;
    }

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      const Plan *plan = &plans[i];
      gsize cc;
      const char *nsn;
      guint len;
      gboolean business;

      if (!starts (d, plan->cc))
        continue;
      cc = strlen (plan->cc);
      nsn = d + cc;
      len = n - cc;
      business = business_prefix (plan, nsn, len);
      if (strchr (plan->first, nsn[0]) == NULL ||
          (!(business && plan->business_len != 0) && (len < plan->min || len > plan->max)))
        return RD_PII_PHONE_NO;
      *score = 0.9;
      *reason = "international format, national plan";
      return business ? RD_PII_PHONE_BUSINESS : RD_PII_PHONE_YES;
    }

  /* Another country: E.164 allows at most 15 digits with the country code. */
  if (n < 8 || n > 15 || d[0] == '0')
    return RD_PII_PHONE_NO;
  *score = 0.75;
  *reason = "international format (E.164 length)";
  return RD_PII_PHONE_YES;
}

static RdPiiPhoneVerdict
classify_national (const RdPiiNumber  *number,
                   gboolean            context,
                   double             *score,
                   const char        **reason)
{
  const char *d = number->digits;
  guint n = number->n_digits;
  gboolean grouped = number->n_groups >= 2;

  *reason = "national format";

  if (d[0] == '1' && n == 11 && nanp_valid (d + 1))
    {
      *score = 0.85;
      *reason = "national format (1 + North American plan)";
      return nanp_toll_free (d + 1) ? RD_PII_PHONE_BUSINESS : RD_PII_PHONE_YES;
    }

  if (d[0] == '0')
    {
      if (d[1] == '0')
        return RD_PII_PHONE_NO;
      /* Freephone, shared-cost, premium and non-geographic numbers: UK 080x/084x/087x/09x
       * and 03x (11 digits), DE 0800/0180/0900, FR 08, NL 0800/0900, IE 1800, AU 1300. */
      static const char *const uk03[] = {
        "0300", "0303", "0330", "0333", "0343", "0344", "0345", "0370", "0371", "0372", "0373",
      };
      /* UK 03 numbers are written 4-3-4; Berlin's 030 comes as its own group. */
      gboolean uk_non_geographic = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (uk03) && n == 11; i++)
        uk_non_geographic = uk_non_geographic || starts (d, uk03[i]);
      if (number->n_groups >= 2 && number->groups[0] == 3)
        uk_non_geographic = FALSE;

      if (starts (d, "080") || starts (d, "0500") || uk_non_geographic ||
          (n == 11 && (starts (d, "084") || starts (d, "087") || starts (d, "090") ||
                       starts (d, "091") || starts (d, "098"))) ||
          starts (d, "0180") || starts (d, "0900") || starts (d, "0137") ||
          /* French shared-cost and premium numbers, written in pairs (IE 089 mobiles are not) */
          (n == 10 && number->n_groups == 5 && starts (d, "08")))
        {
          *score = 0.7;
          return RD_PII_PHONE_BUSINESS;
        }
      if (n == 10 || n == 11)
        {
          *score = grouped || context ? 0.8 : 0.7;
          return RD_PII_PHONE_YES;
        }
      if ((n == 9 || n == 12) && (grouped || context))
        {
          *score = 0.65;
          return RD_PII_PHONE_YES;
        }
      if (n >= 6 && n <= 13 && context)
        {
          *score = 0.55;
          return RD_PII_PHONE_YES;
        }
      return RD_PII_PHONE_NO;
    }

  if (d[0] == '1' && (starts (d, "1800") || starts (d, "1300") || starts (d, "1850") ||
                      starts (d, "1890")) && n >= 10 && n <= 11)
    {
      *score = 0.7;
      return RD_PII_PHONE_BUSINESS;
    }

  if (number->paren_first && number->groups[0] == 2 && (n == 10 || n == 11))
    {
      *score = 0.85;
      *reason = "national format (Brazil)";
      return RD_PII_PHONE_YES;
    }

  if (n == 10 && nanp_valid (d))
    {
      gboolean shaped = number->paren_first ||
                        (number->n_groups == 3 && number->groups[0] == 3 &&
                         number->groups[1] == 3 && number->groups[2] == 4);
      if (shaped || context)
        {
          *score = shaped ? 0.85 : 0.6;
          *reason = "national format (North American plan)";
          return nanp_toll_free (d) ? RD_PII_PHONE_BUSINESS : RD_PII_PHONE_YES;
        }
    }

  if (n == 10 && d[0] == '3' && (grouped || context))
    {
      *score = 0.75;
      *reason = "national format (Italian mobile)";
      return RD_PII_PHONE_YES;
    }

  if (n == 9 && strchr ("6789", d[0]) && (number->n_groups >= 3 || context))
    {
      *score = 0.7;
      *reason = "national format (Spain)";
      return starts (d, "90") || starts (d, "80") ? RD_PII_PHONE_BUSINESS : RD_PII_PHONE_YES;
    }

  if (n == 7 && context && d[0] >= '2' && number->n_groups == 2)
    {
      *score = 0.5;
      *reason = "local number";
      return RD_PII_PHONE_YES;
    }

  return RD_PII_PHONE_NO;
}

RdPiiPhoneVerdict
rd_pii_phone_classify (const RdPiiNumber  *number,
                       gboolean            context,
                       double             *score,
                       const char        **reason)
{
  RdPiiPhoneVerdict verdict;

  g_return_val_if_fail (number != NULL, RD_PII_PHONE_NO);
  g_return_val_if_fail (score != NULL && reason != NULL, RD_PII_PHONE_NO);

  *score = 0;
  *reason = NULL;
  if (number->n_digits < 6 || number->n_digits > 15)
    return RD_PII_PHONE_NO;

  if (number->international)
    verdict = classify_international (number, score, reason);
  else
    verdict = classify_national (number, context, score, reason);

  if (verdict == RD_PII_PHONE_YES && context)
    *score = MIN (*score + 0.1, 0.95);
  return verdict;
}

gsize
rd_pii_phone_key (const char *text,
                  gsize       length,
                  char        key[16],
                  char        prefix[8])
{
  char digits[64];
  gsize n = 0, k, start = 0;
  gboolean international = FALSE;

  g_return_val_if_fail (text != NULL, 0);

  for (gsize i = 0; i < length && n < sizeof digits; i++)
    {
      if (text[i] == '+' && n == 0)
        international = TRUE;
      /* "+33 (0)2 …": the trunk 0 that is not dialled from abroad */
      else if (text[i] == '(' && i + 2 < length && text[i + 1] == '0' && text[i + 2] == ')')
        i += 2;
      else if (g_ascii_isdigit (text[i]))
        digits[n++] = text[i];
    }
  /* "0044 …" */
  if (!international && n > 11 && digits[0] == '0' && digits[1] == '0')
    {
      international = TRUE;
      start = 2;
    }

  k = MIN (n, 9);
  memcpy (key, digits + n - k, k);
  key[k] = '\0';

  if (prefix != NULL)
    {
      gsize p = international && n - k > start ? MIN (n - k - start, 7) : 0;

      memcpy (prefix, digits + start, p);
      prefix[p] = '\0';
    }
  return k;
}
