/* rd-pii-validators.h: the check digits and number formats of personal identifiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @digits are ASCII digits only, @n of them. */
gboolean rd_pii_luhn_valid          (const char *digits,
                                     gsize       n);
/* The card number starts with a prefix an issuer uses for that length (Visa, Mastercard...). */
gboolean rd_pii_card_issuer_known   (const char *digits,
                                     gsize       n);
/* @iban is compact (no spaces), upper case: length of its country and ISO 7064 mod 97-10. */
gboolean rd_pii_iban_valid          (const char *iban,
                                     gsize       n);
/* The IBAN length of a country (two upper-case letters), 0 when it has none. */
guint    rd_pii_iban_length         (const char *country);
/* NHS number: 10 digits, weights 10..2, mod 11. */
gboolean rd_pii_nhs_valid           (const char *digits);
/* US SSN: 9 digits, area not 000/666/9xx, group not 00, serial not 0000, no known samples. */
gboolean rd_pii_ssn_valid           (const char *digits);
/* UK National Insurance number: 2 letters, 6 digits, optional suffix A-D; compact, upper. */
gboolean rd_pii_nino_valid          (const char *nino,
                                     gsize       n);
/* UK postcode outward code shape (A9, A99, A9A, AA9, AA99, AA9A), upper case. */
gboolean rd_pii_uk_outward_valid    (const char *outward,
                                     gsize       n);

G_END_DECLS
