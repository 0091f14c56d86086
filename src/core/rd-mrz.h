/* rd-mrz.h: ICAO Doc 9303 machine-readable zones: parsing, check digits, identity comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The names are the CLI's ("TD1", …); never rename one. */
typedef enum
{
  RD_MRZ_FORMAT_TD1,   /* ID-1 cards, 3 × 30 */
  RD_MRZ_FORMAT_TD2,   /* ID-2 cards, 2 × 36 */
  RD_MRZ_FORMAT_TD3,   /* passport booklets, 2 × 44 */
  RD_MRZ_FORMAT_MRVA,  /* visa A, 2 × 44 */
  RD_MRZ_FORMAT_MRVB,  /* visa B, 2 × 36 */
} RdMrzFormat;

/* Which check digits a format has; a parsed MRZ marks the ones its format carries. */
typedef enum
{
  RD_MRZ_CHECK_DOCUMENT_NUMBER,
  RD_MRZ_CHECK_BIRTH_DATE,
  RD_MRZ_CHECK_EXPIRY_DATE,
  RD_MRZ_CHECK_OPTIONAL_DATA,
  RD_MRZ_CHECK_COMPOSITE,
  RD_MRZ_N_CHECKS
} RdMrzCheck;

typedef enum
{
  RD_MRZ_CHECK_ABSENT,  /* the format has no such check digit */
  RD_MRZ_CHECK_PASSED,
  RD_MRZ_CHECK_FAILED,
} RdMrzCheckResult;

/* How a long TD1/TD2 document number (more than 9 characters) was protected by its check
 * digit: issuers compute it with or without the filler that stands in the check-digit place. */
typedef enum
{
  RD_MRZ_NUMBER_STANDARD,          /* 9 characters or fewer, check digit in place */
  RD_MRZ_NUMBER_LONG,              /* long number, check digit over the number alone */
  RD_MRZ_NUMBER_LONG_WITH_FILLER,  /* long number, check digit counted the filler too */
} RdMrzNumberVariant;

/* Something the reader should look at; it never changes the data. Codes are stable:
 * "lower-case", "space", "invalid-character", "line-length", "digit-expected",
 * "letter-expected", "suggestion", "specimen", "name-truncated", "birth-date-partial",
 * "invalid-date", "document-code", "sex", "national-layout". */
typedef struct
{
  char *code;
  guint line;     /* 1-based line of the input, 0 when the warning is about the whole MRZ */
  guint column;   /* 1-based column in the line as it was given, 0 when not about one place */
  char *message;  /* translated, for people */
} RdMrzWarning;

#define RD_TYPE_MRZ (rd_mrz_get_type ())

typedef struct
{
  RdMrzFormat        format;
  /* The lines as parsed: upper case, spaces removed, each of the format's length. */
  GStrv              lines;

  char              *document_code;   /* "P", "I", "ID", "V", … (fillers removed) */
  char              *issuing_state;   /* "UTO", "D", … */
  char              *surname;         /* primary identifier, fillers as spaces */
  char              *given_names;     /* secondary identifiers, space separated */
  char              *document_number;
  RdMrzNumberVariant number_variant;
  char              *nationality;
  char              *birth_date;      /* YYYY-MM-DD, or NULL when a part is unknown or wrong */
  char              *birth_date_mrz;  /* the six characters as written */
  char              *sex;             /* "M", "F" or "X" (the MRZ's "<") */
  char              *expiry_date;     /* YYYY-MM-DD, or NULL when not a real date */
  char              *expiry_date_mrz;
  char              *optional_data;   /* TD3/TD2/MRV; TD1 line 1 (without a long number's tail) */
  char              *optional_data_2; /* TD1 line 2, else NULL */
  gboolean           name_truncated;

  RdMrzCheckResult   checks[RD_MRZ_N_CHECKS];
  gboolean           dates_valid;     /* both dates are real dates (unknown birth parts allowed) */
  gboolean           valid;           /* every check digit passed and the dates are real */

  GPtrArray         *warnings;        /* of RdMrzWarning */
} RdMrz;

GType        rd_mrz_get_type            (void) G_GNUC_CONST;
RdMrz       *rd_mrz_copy                (const RdMrz        *mrz);
void         rd_mrz_free                (RdMrz              *mrz);

const char  *rd_mrz_format_to_string    (RdMrzFormat         format);
const char  *rd_mrz_check_to_string     (RdMrzCheck          check);
const char  *rd_mrz_number_variant_to_string (RdMrzNumberVariant variant);

/* The ICAO 9303 check digit of @data (weights 7, 3, 1; "<" = 0, A = 10 … Z = 35), or -1 when
 * @data holds a character outside A–Z, 0–9 and "<". */
int          rd_mrz_check_digit         (const char         *data,
                                         gssize              length);

/* Parses the 2 or 3 lines of an MRZ. A line may itself hold several lines separated by
 * newlines. Returns NULL with RD_ERROR_INVALID when the input cannot be an MRZ (wrong number
 * of lines, nothing like the layout); a parsed MRZ whose check digits fail is returned with
 * valid = FALSE. OCR-like slips are reported in warnings, never corrected. */
RdMrz       *rd_mrz_parse               (const char * const *lines,
                                         guint               n_lines,
                                         GError            **error);
RdMrz       *rd_mrz_parse_text          (const char         *text,
                                         GError            **error);

/* Finds an MRZ in arbitrary text (a PDF text layer, an e-mail): runs of 2 or 3 adjacent lines
 * made of MRZ characters (spaces the text layer put in are ignored) with the lengths of a
 * format. Prefers a run whose check digits pass. Returns NULL with RD_ERROR_NOT_FOUND when
 * there is none. */
RdMrz       *rd_mrz_find_in_text        (const char         *text,
                                         GError            **error);

/* The first check that failed, for a one-line message; NULL when none failed. */
char        *rd_mrz_describe_failure    (const RdMrz        *mrz);

/* The CLI.md JSON object. */
JsonNode    *rd_mrz_to_json             (const RdMrz        *mrz);

/* Comparison of an MRZ with the identity held for the subject. */
typedef enum
{
  RD_MRZ_MATCH_UNKNOWN,   /* nothing held to compare with, or the MRZ does not say */
  RD_MRZ_MATCH_EXACT,
  RD_MRZ_MATCH_PROBABLE,  /* consistent, but not the same (truncated, fewer names, partial date) */
  RD_MRZ_MATCH_MISMATCH,
} RdMrzMatch;

typedef struct
{
  RdMrzMatch  name;
  char       *name_detail;        /* translated explanation */
  RdMrzMatch  birth_date;
  char       *birth_date_detail;
} RdMrzIdentityMatch;

const char         *rd_mrz_match_to_string        (RdMrzMatch                match);

/* Compares the MRZ name (transliterated per ICAO 9303 Part 3, possibly truncated, in any order)
 * with @subject_name as the person wrote it, and the date of birth with @subject_birth_date
 * (YYYY-MM-DD). Either may be NULL. Fails with RD_ERROR_INVALID on a malformed date. */
RdMrzIdentityMatch *rd_mrz_compare_identity       (const RdMrz              *mrz,
                                                   const char               *subject_name,
                                                   const char               *subject_birth_date,
                                                   GError                  **error);
void                rd_mrz_identity_match_free    (RdMrzIdentityMatch       *match);
JsonNode           *rd_mrz_identity_match_to_json (const RdMrzIdentityMatch *match);

/* @name in MRZ form: upper case, ICAO transliteration (Ä → AE, ß → SS, É → E, …), hyphens
 * and other separators as spaces, apostrophes dropped. With @simple, Ä Ö Ü Å become A O U A
 * (what some issuers write instead). */
char               *rd_mrz_transliterate          (const char               *name,
                                                   gboolean                  simple);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMrz, rd_mrz_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMrzIdentityMatch, rd_mrz_identity_match_free)

G_END_DECLS
