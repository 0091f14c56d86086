/* rd-pii-phone.h: telephone numbers, told by the numbering plans of the countries we serve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_PII_MAX_DIGITS 24
#define RD_PII_MAX_GROUPS 12

/* A run of digits as written: "+44 (0)20 7946 0958" has the digits 442079460958 (the "(0)"
 * dropped), international, in the groups 2, 2, 4, 4. */
typedef struct
{
  char     digits[RD_PII_MAX_DIGITS + 1];
  guint    n_digits;
  guint8   groups[RD_PII_MAX_GROUPS];
  guint    n_groups;
  gboolean international;  /* written with + or 00 */
  gboolean paren_first;    /* the first national group is in parentheses: "(415) 555..." */
} RdPiiNumber;

typedef enum
{
  RD_PII_PHONE_NO,
  RD_PII_PHONE_YES,
  RD_PII_PHONE_BUSINESS,   /* freephone, shared-cost and premium numbers: organisations' */
} RdPiiPhoneVerdict;

RdPiiPhoneVerdict rd_pii_phone_classify (const RdPiiNumber  *number,
                                         gboolean            context,
                                         double             *score,
                                         const char        **reason);

/* A key that compares a number however it was written: its last nine digits (the national
 * significant number of most plans, without country code or trunk 0). Returns its length.
 * In @prefix, unless NULL: the digits before those of a number written with its country
 * code ("+49 170 …", "0049 …"), empty for one written as dialled at home. */
gsize             rd_pii_phone_key      (const char         *text,
                                         gsize               length,
                                         char                key[16],
                                         char                prefix[8]);

G_END_DECLS
