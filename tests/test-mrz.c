/* test-mrz.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values come from ICAO Doc 9303 (the specimens and check-digit examples listed in
 * shared/reference/id-review-anchors.md §1) or are worked out by hand in the comments.
 */
#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

#include "rd-error.h"
#include "rd-mrz.h"

#define TD3_NAME "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"

static RdMrz *
parse2 (const char *a,
        const char *b)
{
  const char *lines[] = { a, b };
  g_autoptr (GError) error = NULL;
  RdMrz *mrz = rd_mrz_parse (lines, 2, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mrz);
  return mrz;
}

static RdMrz *
parse3 (const char *a,
        const char *b,
        const char *c)
{
  const char *lines[] = { a, b, c };
  g_autoptr (GError) error = NULL;
  RdMrz *mrz = rd_mrz_parse (lines, 3, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mrz);
  return mrz;
}

static const RdMrzWarning *
find_warning (const RdMrz *mrz,
              const char  *code)
{
  for (guint i = 0; i < mrz->warnings->len; i++)
    {
      const RdMrzWarning *warning = g_ptr_array_index (mrz->warnings, i);

      if (g_str_equal (warning->code, code))
        return warning;
    }
  return NULL;
}

static void
assert_all_checks (const RdMrz *mrz)
{
  for (guint c = 0; c < RD_MRZ_N_CHECKS; c++)
    g_assert_cmpint (mrz->checks[c], !=, RD_MRZ_CHECK_FAILED);
  g_assert_true (mrz->valid);
}

/* A TD3 line 2 with the check digits filled in (the check-digit function itself is tested
 * against ICAO's vectors below). */
static char *
td3_line2 (const char *number9,
           const char *birth,
           const char *expiry,
           const char *optional14)
{
  GString *line = g_string_new (NULL);
  GString *composite;

  g_string_append_printf (line, "%s%d", number9, rd_mrz_check_digit (number9, -1));
  g_string_append (line, "UTO");
  g_string_append_printf (line, "%s%d", birth, rd_mrz_check_digit (birth, -1));
  g_string_append_c (line, 'F');
  g_string_append_printf (line, "%s%d", expiry, rd_mrz_check_digit (expiry, -1));
  g_string_append_printf (line, "%s%d", optional14, rd_mrz_check_digit (optional14, -1));
  composite = g_string_new (NULL);
  g_string_append_len (composite, line->str, 10);
  g_string_append_len (composite, line->str + 13, 7);
  g_string_append_len (composite, line->str + 21, 22);
  g_string_append_printf (line, "%d", rd_mrz_check_digit (composite->str, -1));
  g_string_free (composite, TRUE);
  g_assert_cmpuint (line->len, ==, 44);
  return g_string_free (line, FALSE);
}

static void
test_check_digit_vectors (void)
{
  /* ICAO 9303 Part 3 Appendix A and PassportEye's doctests (reference §1.1). */
  g_assert_cmpint (rd_mrz_check_digit ("520727", -1), ==, 3);
  g_assert_cmpint (rd_mrz_check_digit ("AB2134<<<", -1), ==, 5);
  g_assert_cmpint (rd_mrz_check_digit ("HA672242<658022549601086<<<<<<<<<<<<<<0", -1), ==, 8);
  g_assert_cmpint (rd_mrz_check_digit ("HA672242<658022549601086<<<<<<<0", -1), ==, 8);
  g_assert_cmpint (rd_mrz_check_digit ("D231458907<<<<<<<<<<<<<<<34071279507122<<<<<<<<<<<", -1),
                   ==, 2);
  g_assert_cmpint (rd_mrz_check_digit ("0000000000", -1), ==, 0);
  g_assert_cmpint (rd_mrz_check_digit ("111111111", -1), ==, 3);
  g_assert_cmpint (rd_mrz_check_digit ("1<<1<<1<<1", -1), ==, 8);
  /* Long TD1 numbers (reference §1.3). */
  g_assert_cmpint (rd_mrz_check_digit ("D23145890734", -1), ==, 9);
  g_assert_cmpint (rd_mrz_check_digit ("600001795015", -1), ==, 2);
  g_assert_cmpint (rd_mrz_check_digit ("000590240<601", -1), ==, 3);
  g_assert_cmpint (rd_mrz_check_digit ("007666667ZZ0", -1), ==, 0);
  g_assert_cmpint (rd_mrz_check_digit ("007666667<ZZ0", -1), ==, 0);
  /* Outside the character set there is no check digit. */
  g_assert_cmpint (rd_mrz_check_digit ("12a4", -1), ==, -1);
  g_assert_cmpint (rd_mrz_check_digit ("12-4", -1), ==, -1);
  g_assert_cmpint (rd_mrz_check_digit ("", -1), ==, 0);
}

static void
test_td3_specimen (void)
{
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<<10");

  g_assert_cmpint (mrz->format, ==, RD_MRZ_FORMAT_TD3);
  g_assert_cmpstr (mrz->document_code, ==, "P");
  g_assert_cmpstr (mrz->issuing_state, ==, "UTO");
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  g_assert_cmpstr (mrz->document_number, ==, "L898902C3");
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  g_assert_cmpstr (mrz->birth_date, ==, "1974-08-12");
  g_assert_cmpstr (mrz->sex, ==, "F");
  g_assert_cmpstr (mrz->expiry_date, ==, "2012-04-15");
  g_assert_cmpstr (mrz->optional_data, ==, "ZE184226B");
  for (guint c = 0; c < RD_MRZ_N_CHECKS; c++)
    g_assert_cmpint (mrz->checks[c], ==, RD_MRZ_CHECK_PASSED);
  g_assert_true (mrz->valid);
  /* Utopia is ICAO's specimen state: a warning, not an error. */
  g_assert_nonnull (find_warning (mrz, "specimen"));
}

static void
test_td3_older_specimen (void)
{
  /* An 8-character number padded with "<"; expiry 94 resolves to 1994, not 2094. */
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, "L898902C<3UTO6908061F9406236ZE184226B<<<<<14");

  assert_all_checks (mrz);
  g_assert_cmpstr (mrz->document_number, ==, "L898902C");
  g_assert_cmpstr (mrz->birth_date, ==, "1969-08-06");
  g_assert_cmpstr (mrz->expiry_date, ==, "1994-06-23");
}

static void
test_td3_estonian (void)
{
  g_autoptr (RdMrz) mrz = parse2 ("P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<",
                                  "KB00000003EST7501229F120522647501220010<<<02");

  assert_all_checks (mrz);
  g_assert_cmpstr (mrz->surname, ==, "MAENNIK");
  g_assert_cmpstr (mrz->given_names, ==, "MARI LIIS");
  g_assert_cmpstr (mrz->document_number, ==, "KB0000000");
  g_assert_cmpstr (mrz->optional_data, ==, "47501220010");
  g_assert_null (find_warning (mrz, "specimen"));
}

static void
test_td3_filler_check_digit (void)
{
  /* German specimen: personal number all fillers, its check digit "<" (reference §1.3). */
  g_autoptr (RdMrz) mrz = parse2 ("P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
                                  "C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0");

  assert_all_checks (mrz);
  g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_OPTIONAL_DATA], ==, RD_MRZ_CHECK_PASSED);
  g_assert_cmpstr (mrz->issuing_state, ==, "D");
  g_assert_cmpstr (mrz->nationality, ==, "D");
  g_assert_cmpstr (mrz->document_number, ==, "C01X0006H");
  g_assert_cmpstr (mrz->optional_data, ==, "");
}

static void
test_td2_specimen (void)
{
  g_autoptr (RdMrz) mrz = parse2 ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                  "D231458907UTO7408122F1204159<<<<<<<6");

  g_assert_cmpint (mrz->format, ==, RD_MRZ_FORMAT_TD2);
  assert_all_checks (mrz);
  g_assert_cmpstr (mrz->document_code, ==, "I");
  g_assert_cmpstr (mrz->document_number, ==, "D23145890");
  g_assert_cmpstr (mrz->birth_date, ==, "1974-08-12");
  g_assert_cmpstr (mrz->expiry_date, ==, "2012-04-15");
  /* TD2 has no check digit of its own for the optional data. */
  g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_OPTIONAL_DATA], ==, RD_MRZ_CHECK_ABSENT);
  g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_COMPOSITE], ==, RD_MRZ_CHECK_PASSED);
}

static void
test_td1_specimen (void)
{
  g_autoptr (RdMrz) mrz = parse3 ("I<UTOD231458907<<<<<<<<<<<<<<<",
                                  "7408122F1204159UTO<<<<<<<<<<<6",
                                  "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");

  g_assert_cmpint (mrz->format, ==, RD_MRZ_FORMAT_TD1);
  assert_all_checks (mrz);
  g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_COMPOSITE], ==, RD_MRZ_CHECK_PASSED);
  g_assert_cmpstr (mrz->document_number, ==, "D23145890");
  g_assert_cmpint (mrz->number_variant, ==, RD_MRZ_NUMBER_STANDARD);
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  g_assert_cmpstr (mrz->birth_date, ==, "1974-08-12");
  g_assert_cmpstr (mrz->expiry_date, ==, "2012-04-15");
}

static void
test_td1_austrian (void)
{
  g_autoptr (RdMrz) good = parse3 ("IDAUT10000999<6<<<<<<<<<<<<<<<",
                                   "7109094F1112315AUT<<<<<<<<<<<4",
                                   "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<");
  g_autoptr (RdMrz) bad = parse3 ("IDAUT10000999<6<<<<<<<<<<<<<<<",
                                  "7109094F1112315AUT<<<<<<<<<<<6",
                                  "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<");
  g_autofree char *why = NULL;

  assert_all_checks (good);
  g_assert_cmpstr (good->document_code, ==, "ID");
  g_assert_cmpstr (good->document_number, ==, "10000999");
  g_assert_cmpstr (good->birth_date, ==, "1971-09-09");
  g_assert_cmpstr (good->expiry_date, ==, "2011-12-31");

  /* The last digit changed to 6: only the composite fails. */
  g_assert_false (bad->valid);
  g_assert_cmpint (bad->checks[RD_MRZ_CHECK_DOCUMENT_NUMBER], ==, RD_MRZ_CHECK_PASSED);
  g_assert_cmpint (bad->checks[RD_MRZ_CHECK_BIRTH_DATE], ==, RD_MRZ_CHECK_PASSED);
  g_assert_cmpint (bad->checks[RD_MRZ_CHECK_EXPIRY_DATE], ==, RD_MRZ_CHECK_PASSED);
  g_assert_cmpint (bad->checks[RD_MRZ_CHECK_COMPOSITE], ==, RD_MRZ_CHECK_FAILED);
  why = rd_mrz_describe_failure (bad);
  g_assert_nonnull (strstr (why, "composite"));
}

static void
test_td1_long_number (void)
{
  /* Part 11 D.2: D23145890734, check digit 9 over the number without the filler. */
  g_autoptr (RdMrz) mrz = parse3 ("I<UTOD23145890<7349<<<<<<<<<<<",
                                  "3407127M9507122UTO<<<<<<<<<<<2",
                                  "STEVENSON<<PETER<JOHN<<<<<<<<<");

  assert_all_checks (mrz);
  g_assert_cmpstr (mrz->document_number, ==, "D23145890734");
  g_assert_cmpint (mrz->number_variant, ==, RD_MRZ_NUMBER_LONG);
  g_assert_cmpstr (mrz->optional_data, ==, "");
  g_assert_cmpstr (mrz->birth_date, ==, "1934-07-12");
  g_assert_cmpstr (mrz->expiry_date, ==, "1995-07-12");
  g_assert_cmpstr (mrz->sex, ==, "M");
  g_assert_cmpstr (mrz->given_names, ==, "PETER JOHN");
}

/* A TD1 line 1 and 2 for a long number, with the composite worked out. */
static RdMrz *
td1_long (const char *line1)
{
  const char *line2_head = "7408122F1204159UTO<<<<<<<<<<<";
  g_autoptr (GString) composite = g_string_new (NULL);
  g_autofree char *line2 = NULL;

  g_string_append_len (composite, line1 + 5, 25);
  g_string_append_len (composite, line2_head, 7);
  g_string_append_len (composite, line2_head + 8, 7);
  g_string_append_len (composite, line2_head + 18, 11);
  line2 = g_strdup_printf ("%s%d", line2_head, rd_mrz_check_digit (composite->str, -1));

  return parse3 (line1, line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
}

static void
test_td1_long_number_variants (void)
{
  /* Belgian BEL-BO-03003: 000590240<601 → 3 with the filler; without it the sum is
   * 5·7 + 9·3 + 2·7 + 4·3 + 6·7 + 1·1 = 131 → 1, so only the filler variant matches. */
  g_autoptr (RdMrz) with = td1_long ("IDBEL000590240<6013<<<<<<<<<<<");
  /* Belgian BEL-BO-11005: 600001795015 → 2 without the filler. */
  g_autoptr (RdMrz) without = td1_long ("IDBEL600001795<0152<<<<<<<<<<<");
  /* Portuguese 007666667ZZ0: 0 both ways. */
  g_autoptr (RdMrz) both = td1_long ("I<PRT007666667<ZZ0<<<<<<<<<<<<");
  /* A wrong digit matches neither. */
  g_autoptr (RdMrz) neither = td1_long ("IDBEL000590240<6015<<<<<<<<<<<");

  g_assert_cmpstr (with->document_number, ==, "000590240601");
  g_assert_cmpint (with->number_variant, ==, RD_MRZ_NUMBER_LONG_WITH_FILLER);
  assert_all_checks (with);

  g_assert_cmpstr (without->document_number, ==, "600001795015");
  g_assert_cmpint (without->number_variant, ==, RD_MRZ_NUMBER_LONG);
  assert_all_checks (without);

  g_assert_cmpstr (both->document_number, ==, "007666667ZZ");
  assert_all_checks (both);

  g_assert_cmpint (neither->checks[RD_MRZ_CHECK_DOCUMENT_NUMBER], ==, RD_MRZ_CHECK_FAILED);
  g_assert_false (neither->valid);
}

static void
test_mrv_specimens (void)
{
  g_autoptr (RdMrz) a = parse2 ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                "L8988901C4XXX4009078F96121096ZE184226B<<<<<<");
  g_autoptr (RdMrz) b = parse2 ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                "L8988901C4XXX4009078F9612109<<<<<<<<");

  g_assert_cmpint (a->format, ==, RD_MRZ_FORMAT_MRVA);
  g_assert_cmpint (b->format, ==, RD_MRZ_FORMAT_MRVB);
  assert_all_checks (a);
  assert_all_checks (b);
  /* Visas have no composite and no optional-data check digit. */
  g_assert_cmpint (a->checks[RD_MRZ_CHECK_COMPOSITE], ==, RD_MRZ_CHECK_ABSENT);
  g_assert_cmpint (a->checks[RD_MRZ_CHECK_OPTIONAL_DATA], ==, RD_MRZ_CHECK_ABSENT);
  g_assert_cmpint (b->checks[RD_MRZ_CHECK_COMPOSITE], ==, RD_MRZ_CHECK_ABSENT);
  g_assert_cmpstr (a->document_number, ==, "L8988901C");
  g_assert_cmpstr (a->nationality, ==, "XXX");
  g_assert_cmpstr (a->birth_date, ==, "1940-09-07");
  g_assert_cmpstr (a->expiry_date, ==, "1996-12-10");
  g_assert_cmpstr (a->optional_data, ==, "6ZE184226B");
  g_assert_cmpstr (b->optional_data, ==, "");
}

static void
test_wrong_check_digits (void)
{
  struct
  {
    const char *line2;
    RdMrzCheck  failed;
  } cases[] = {
    /* Each changes one check digit of the 8th-edition specimen. */
    { "L898902C37UTO7408122F1204159ZE184226B<<<<<10", RD_MRZ_CHECK_DOCUMENT_NUMBER },
    { "L898902C36UTO7408123F1204159ZE184226B<<<<<10", RD_MRZ_CHECK_BIRTH_DATE },
    { "L898902C36UTO7408122F1204158ZE184226B<<<<<10", RD_MRZ_CHECK_EXPIRY_DATE },
    { "L898902C36UTO7408122F1204159ZE184226B<<<<<20", RD_MRZ_CHECK_OPTIONAL_DATA },
    { "L898902C36UTO7408122F1204159ZE184226B<<<<<11", RD_MRZ_CHECK_COMPOSITE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, cases[i].line2);

      g_assert_false (mrz->valid);
      g_assert_cmpint (mrz->checks[cases[i].failed], ==, RD_MRZ_CHECK_FAILED);
    }

  /* A data change that the field digit catches and the composite catches too. */
  {
    g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, "L898902C36UTO7408132F1204159ZE184226B<<<<<10");

    g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_BIRTH_DATE], ==, RD_MRZ_CHECK_FAILED);
    g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_COMPOSITE], ==, RD_MRZ_CHECK_FAILED);
    g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_DOCUMENT_NUMBER], ==, RD_MRZ_CHECK_PASSED);
  }
}

static void
test_confusion_letter_o (void)
{
  /* "O" typed for the zero of the birth date 740812 (line 2, column 16). */
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, "L898902C36UTO74O8122F1204159ZE184226B<<<<<10");
  const RdMrzWarning *slip = find_warning (mrz, "digit-expected");
  const RdMrzWarning *suggestion = find_warning (mrz, "suggestion");

  g_assert_nonnull (slip);
  g_assert_cmpuint (slip->line, ==, 2);
  g_assert_cmpuint (slip->column, ==, 16);
  /* Not fixed: the date stays as written, and the check digit fails. */
  g_assert_cmpstr (mrz->birth_date_mrz, ==, "74O812");
  g_assert_null (mrz->birth_date);
  g_assert_cmpint (mrz->checks[RD_MRZ_CHECK_BIRTH_DATE], ==, RD_MRZ_CHECK_FAILED);
  g_assert_false (mrz->valid);
  /* Reading 0 there would make the birth-date digit pass: offered, not applied. */
  g_assert_nonnull (suggestion);
  g_assert_cmpuint (suggestion->column, ==, 16);
}

static void
test_confusion_digit_in_name (void)
{
  g_autoptr (RdMrz) mrz = parse2 ("P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  const RdMrzWarning *slip = find_warning (mrz, "letter-expected");

  g_assert_nonnull (slip);
  g_assert_cmpuint (slip->line, ==, 1);
  g_assert_cmpuint (slip->column, ==, 5);
  g_assert_cmpstr (mrz->issuing_state, ==, "UT0");
}

static void
test_confusion_lower_case_and_spaces (void)
{
  g_autoptr (RdMrz) mrz = parse2 ("p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
                                  "L898902C36 UTO7408122F 1204159ZE184226B<<<<<10");
  const RdMrzWarning *lower = find_warning (mrz, "lower-case");
  const RdMrzWarning *space = find_warning (mrz, "space");

  g_assert_nonnull (lower);
  g_assert_cmpuint (lower->line, ==, 1);
  g_assert_cmpuint (lower->column, ==, 1);
  g_assert_nonnull (space);
  g_assert_cmpuint (space->line, ==, 2);
  g_assert_cmpuint (space->column, ==, 11);
  /* Both are reported; the letters and digits themselves are unambiguous. */
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->lines[1], ==, "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  assert_all_checks (mrz);
}

static void
test_confusion_line_length (void)
{
  g_autoptr (GError) error = NULL;
  /* Two fillers lost at the end of the name line: reported, read as if present. */
  g_autoptr (RdMrz) mrz = parse2 ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<",
                                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  const RdMrzWarning *length = find_warning (mrz, "line-length");
  /* A filler lost inside line 2 shifts the fields: the check digits show it. */
  g_autoptr (RdMrz) shifted = parse2 (TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<10");
  const char *far[] = { TD3_NAME, "L898902C36UTO7408122F1204159" };
  g_autoptr (RdMrz) none = NULL;

  g_assert_nonnull (length);
  g_assert_cmpuint (length->line, ==, 1);
  g_assert_cmpuint (length->column, ==, 43);
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");

  g_assert_nonnull (find_warning (shifted, "line-length"));
  g_assert_false (shifted->valid);

  none = rd_mrz_parse (far, 2, &error);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_null (none);
}

static void
test_invalid_characters (void)
{
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B«<<<<10");

  g_assert_nonnull (find_warning (mrz, "invalid-character"));
  g_assert_false (mrz->valid);
}

static void
test_unparseable (void)
{
  const char *one[] = { "P<UTOERIKSSON" };
  const char *four[] = { "A", "B", "C", "D" };
  const char *blank[] = { "   ", "" };
  const char *td1_short[] = { "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6" };

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdMrz) mrz = NULL;

      switch (i)
        {
        case 0: mrz = rd_mrz_parse (one, 1, &error); break;
        case 1: mrz = rd_mrz_parse (four, 4, &error); break;
        case 2: mrz = rd_mrz_parse (blank, 2, &error); break;
        default: mrz = rd_mrz_parse (td1_short, 2, &error); break;
        }
      g_assert_null (mrz);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    }
}

static void
test_one_line_paste (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdMrz) joined = rd_mrz_parse_text (TD3_NAME "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
                                                &error);
  g_autoptr (RdMrz) newline = rd_mrz_parse_text ("I<UTOD231458907<<<<<<<<<<<<<<<\n"
                                                 "7408122F1204159UTO<<<<<<<<<<<6\r\n"
                                                 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n", &error);

  g_assert_no_error (error);
  g_assert_cmpint (joined->format, ==, RD_MRZ_FORMAT_TD3);
  assert_all_checks (joined);
  g_assert_cmpint (newline->format, ==, RD_MRZ_FORMAT_TD1);
  assert_all_checks (newline);
}

static void
test_birth_date_partial (void)
{
  /* Doc 9303 lets unknown parts of a date of birth be "<". */
  g_autofree char *line2 = td3_line2 ("L898902C3", "74<<<<", "301231", "<<<<<<<<<<<<<<");
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, line2);
  g_autoptr (RdMrzIdentityMatch) same = NULL;
  g_autoptr (RdMrzIdentityMatch) other = NULL;

  assert_all_checks (mrz);
  g_assert_null (mrz->birth_date);
  g_assert_cmpstr (mrz->birth_date_mrz, ==, "74<<<<");
  g_assert_nonnull (find_warning (mrz, "birth-date-partial"));

  same = rd_mrz_compare_identity (mrz, NULL, "1974-08-12", NULL);
  g_assert_cmpint (same->birth_date, ==, RD_MRZ_MATCH_PROBABLE);
  other = rd_mrz_compare_identity (mrz, NULL, "1975-08-12", NULL);
  g_assert_cmpint (other->birth_date, ==, RD_MRZ_MATCH_MISMATCH);
}

static void
test_centuries (void)
{
  /* Today is pinned to 2026-06-01 in main(). Birth: the latest century not in the future;
   * expiry: at most 20 years ahead (CLI.md). */
  struct
  {
    const char *birth, *expiry, *birth_date, *expiry_date;
  } cases[] = {
    { "250101", "450101", "2025-01-01", "2045-01-01" },
    { "260601", "460601", "2026-06-01", "2046-06-01" },
    { "260602", "460602", "1926-06-02", "1946-06-02" },
    { "991231", "000101", "1999-12-31", "2000-01-01" },
    { "000229", "280229", "2000-02-29", "2028-02-29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line2 = td3_line2 ("L898902C3", cases[i].birth, cases[i].expiry,
                                          "<<<<<<<<<<<<<<");
      g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, line2);

      g_assert_cmpstr (mrz->birth_date, ==, cases[i].birth_date);
      g_assert_cmpstr (mrz->expiry_date, ==, cases[i].expiry_date);
      assert_all_checks (mrz);
    }
}

static void
test_impossible_date (void)
{
  /* 31 February exists in no century: invalid even with correct check digits. */
  g_autofree char *line2 = td3_line2 ("L898902C3", "740231", "301231", "<<<<<<<<<<<<<<");
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, line2);
  g_autofree char *why = rd_mrz_describe_failure (mrz);

  g_assert_null (mrz->birth_date);
  g_assert_nonnull (find_warning (mrz, "invalid-date"));
  g_assert_false (mrz->valid);
  g_assert_nonnull (why);

  /* Found by the fuzzer: letters inside a partly unknown birth date, check digits right. */
  {
    g_autofree char *odd = td3_line2 ("L898902C3", "4<PE07", "301231", "<<<<<<<<<<<<<<");
    g_autoptr (RdMrz) partial = parse2 (TD3_NAME, odd);
    g_autofree char *reason = rd_mrz_describe_failure (partial);

    g_assert_false (partial->valid);
    g_assert_nonnull (reason);
  }
}

static void
test_find_in_text (void)
{
  g_autoptr (GError) error = NULL;
  /* A PDF text layer: page text, spaces inside the MRZ lines, a decoy line of fillers. */
  const char *text =
    "UTOPIA  PASSPORT / PASSEPORT\n"
    "Surname: ERIKSSON   Given names: ANNA MARIA\n"
    "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
    "\n"
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "\n"
    "L898902C36 UTO7408122F1204159ZE184226B<<<<<10\n"
    "Page 1 of 2\n";
  g_autoptr (RdMrz) mrz = rd_mrz_find_in_text (text, &error);
  g_autoptr (RdMrz) card = NULL;
  g_autoptr (RdMrz) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mrz->format, ==, RD_MRZ_FORMAT_TD3);
  g_assert_cmpstr (mrz->document_number, ==, "L898902C3");
  assert_all_checks (mrz);

  card = rd_mrz_find_in_text ("Back of card\r\nI<UTOD231458907<<<<<<<<<<<<<<<\r\n"
                              "7408122F1204159UTO<<<<<<<<<<<6\r\n"
                              "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\r\n", &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->format, ==, RD_MRZ_FORMAT_TD1);

  none = rd_mrz_find_in_text ("Dear Sir or Madam,\nplease send me my data.\n", &error);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_null (none);
}

static void
test_identity_name (void)
{
  g_autoptr (RdMrz) anna = parse2 (TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autoptr (RdMrz) estonian = parse2 ("P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<",
                                       "KB00000003EST7501229F120522647501220010<<<02");
  g_autoptr (RdMrz) simple = parse2 ("P<ESTMANNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<<",
                                     "KB00000003EST7501229F120522647501220010<<<02");
  struct
  {
    const RdMrz *mrz;
    const char  *name;
    RdMrzMatch   expected;
  } cases[] = {
    { anna, "Anna Maria Eriksson", RD_MRZ_MATCH_EXACT },
    { anna, "ERIKSSON, Anna-Maria", RD_MRZ_MATCH_EXACT },
    { anna, "Anna Eriksson", RD_MRZ_MATCH_PROBABLE },
    { anna, "Dr Anna Maria Eriksson", RD_MRZ_MATCH_PROBABLE },
    { anna, "Maria Svensson", RD_MRZ_MATCH_MISMATCH },
    { anna, "Peter Eriksson", RD_MRZ_MATCH_MISMATCH },
    /* The printed name is Männik; ICAO writes Ä as AE, some issuers as A. */
    { estonian, "Mari-Liis Männik", RD_MRZ_MATCH_EXACT },
    { simple, "Mari-Liis Männik", RD_MRZ_MATCH_EXACT },
    /* Written without the umlaut: consistent, but not the same spelling. */
    { estonian, "Mari Liis Mannik", RD_MRZ_MATCH_PROBABLE },
    { estonian, "Mari Liis Mennik", RD_MRZ_MATCH_MISMATCH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdMrzIdentityMatch) match = rd_mrz_compare_identity (cases[i].mrz, cases[i].name,
                                                                       NULL, &error);

      g_assert_no_error (error);
      g_test_message ("%s: %s", cases[i].name, match->name_detail);
      g_assert_cmpint (match->name, ==, cases[i].expected);
      g_assert_cmpint (match->birth_date, ==, RD_MRZ_MATCH_UNKNOWN);
    }
}

static void
test_identity_truncated (void)
{
  /* A name longer than the 39 places of TD3 line 1 is cut: the last word is a prefix. */
  g_autoptr (RdMrz) mrz = parse2 ("P<UTOVANDERBERGHE<<MARIA<ALEXANDRA<CHRISTINA",
                                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autoptr (RdMrzIdentityMatch) match = NULL;
  g_autoptr (RdMrzIdentityMatch) other = NULL;

  g_assert_true (mrz->name_truncated);
  g_assert_nonnull (find_warning (mrz, "name-truncated"));

  match = rd_mrz_compare_identity (mrz, "Maria Alexandra Christinabelle Vanderberghe", NULL, NULL);
  g_assert_cmpint (match->name, ==, RD_MRZ_MATCH_PROBABLE);
  other = rd_mrz_compare_identity (mrz, "Maria Alexandra Chris Vanderberghe", NULL, NULL);
  g_assert_cmpint (other->name, !=, RD_MRZ_MATCH_EXACT);
}

static void
test_identity_birth_date (void)
{
  g_autoptr (RdMrz) mrz = parse2 (TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autoptr (RdMrzIdentityMatch) same = rd_mrz_compare_identity (mrz, "Anna Maria Eriksson",
                                                                 "1974-08-12", NULL);
  g_autoptr (RdMrzIdentityMatch) other = rd_mrz_compare_identity (mrz, NULL, "1974-12-08", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdMrzIdentityMatch) bad = rd_mrz_compare_identity (mrz, NULL, "12/08/1974", &error);

  g_assert_cmpint (same->name, ==, RD_MRZ_MATCH_EXACT);
  g_assert_cmpint (same->birth_date, ==, RD_MRZ_MATCH_EXACT);
  g_assert_cmpint (other->birth_date, ==, RD_MRZ_MATCH_MISMATCH);
  g_assert_cmpint (other->name, ==, RD_MRZ_MATCH_UNKNOWN);
  g_assert_null (bad);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_transliterate (void)
{
  g_autofree char *a = rd_mrz_transliterate ("Müller-Lüdenscheidt", FALSE);
  g_autofree char *b = rd_mrz_transliterate ("Strauß", FALSE);
  g_autofree char *c = rd_mrz_transliterate ("O'Brien", FALSE);
  g_autofree char *d = rd_mrz_transliterate ("Ærøskøbing Ångström", FALSE);
  g_autofree char *e = rd_mrz_transliterate ("José Núñez", FALSE);
  g_autofree char *f = rd_mrz_transliterate ("Müller", TRUE);

  g_assert_cmpstr (a, ==, "MUELLER LUEDENSCHEIDT");
  g_assert_cmpstr (b, ==, "STRAUSS");
  g_assert_cmpstr (c, ==, "OBRIEN");
  g_assert_cmpstr (d, ==, "AEROESKOEBING AANGSTROEM");
  g_assert_cmpstr (e, ==, "JOSE NUNEZ");
  g_assert_cmpstr (f, ==, "MULLER");
}

static void
test_json_shape (void)
{
  g_autoptr (RdMrz) td3 = parse2 (TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autoptr (RdMrz) visa = parse2 ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                   "L8988901C4XXX4009078F9612109<<<<<<<<");
  g_autoptr (JsonNode) node = rd_mrz_to_json (td3);
  g_autoptr (JsonNode) visa_node = rd_mrz_to_json (visa);
  JsonObject *object = json_node_get_object (node);
  JsonObject *checks = json_object_get_object_member (object, "checks");
  JsonObject *visa_checks = json_object_get_object_member (json_node_get_object (visa_node),
                                                           "checks");
  const char *keys[] = { "format", "valid", "document_code", "issuing_state", "surname",
                         "given_names", "document_number", "nationality", "birth_date", "sex",
                         "expiry_date", "optional_data", "checks" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (object, keys[i]));
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "TD3");
  g_assert_cmpstr (json_object_get_string_member (object, "birth_date"), ==, "1974-08-12");
  g_assert_true (json_object_get_boolean_member (object, "valid"));
  g_assert_true (json_object_get_boolean_member (checks, "composite"));
  g_assert_true (json_object_get_boolean_member (checks, "optional_data"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (visa_node), "format"),
                   ==, "MRVB");
  g_assert_false (json_object_has_member (visa_checks, "composite"));
  g_assert_true (json_object_has_member (visa_checks, "expiry_date"));
}

static void
test_garbage_does_not_crash (void)
{
  GRand *rand = g_rand_new_with_seed (9303);
  const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<< ?\xc3\xa9\xff";

  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 4);
      char *lines[4] = { NULL };
      g_autoptr (RdMrz) mrz = NULL;
      g_autoptr (RdMrz) found = NULL;
      g_autofree char *joined = NULL;

      for (guint i = 0; i < n; i++)
        {
          guint length = g_rand_int_range (rand, 26, 48);

          lines[i] = g_malloc (length + 1);
          for (guint j = 0; j < length; j++)
            lines[i][j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          lines[i][length] = '\0';
        }

      mrz = rd_mrz_parse ((const char * const *) lines, n, NULL);
      if (mrz != NULL)
        {
          g_autoptr (JsonNode) node = rd_mrz_to_json (mrz);
          g_autoptr (RdMrzIdentityMatch) match = rd_mrz_compare_identity (mrz, "Anna Maria",
                                                                          "1974-08-12", NULL);
          g_autofree char *why = rd_mrz_describe_failure (mrz);

          g_assert_nonnull (node);
          g_assert_nonnull (match);
          /* A failed check is always put into words. */
          g_assert_true (mrz->valid || why != NULL);
        }
      joined = g_strjoinv ("\n", lines);
      found = rd_mrz_find_in_text (joined, NULL);

      for (guint i = 0; i < n; i++)
        g_free (lines[i]);
    }

  g_rand_free (rand);
}

/* The CLI's exit statuses (CLI.md): 0 valid, 3 a check digit failed, 2 not an MRZ, 1 usage. */
static void
test_cli_exit_status (void)
{
  const char *cli = g_getenv ("RIGHTSDESK_CLI");
  struct
  {
    const char *args[5];
    int         status;
  } cases[] = {
    { { "mrz", "parse", TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<<10", "--json" }, 0 },
    { { "mrz", "parse", TD3_NAME, "L898902C36UTO7408122F1204159ZE184226B<<<<<11", "--json" }, 3 },
    { { "mrz", "parse", "NOT AN MRZ", NULL }, 2 },
    { { "mrz", "parse", "--no-such-option", NULL }, 1 },
    { { "mrz", NULL }, 1 },
  };

  if (cli == NULL)
    {
      g_test_skip ("RIGHTSDESK_CLI is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int wait_status;

      g_ptr_array_add (argv, (gpointer) cli);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].args) && cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[j]);
      g_ptr_array_add (argv, NULL);

      g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &wait_status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (wait_status));
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, cases[i].status);

      if (cases[i].status == 0 || cases[i].status == 3)
        {
          g_autoptr (JsonParser) parser = json_parser_new ();

          /* Stdout is one JSON document even when a check failed. */
          g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
        }
      if (cases[i].status != 0)
        g_assert_cmpstr (err, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RIGHTSDESK_TODAY", "2026-06-01", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mrz/check-digit/vectors", test_check_digit_vectors);
  g_test_add_func ("/core/mrz/td3/specimen", test_td3_specimen);
  g_test_add_func ("/core/mrz/td3/older-specimen", test_td3_older_specimen);
  g_test_add_func ("/core/mrz/td3/estonian", test_td3_estonian);
  g_test_add_func ("/core/mrz/td3/filler-check-digit", test_td3_filler_check_digit);
  g_test_add_func ("/core/mrz/td2/specimen", test_td2_specimen);
  g_test_add_func ("/core/mrz/td1/specimen", test_td1_specimen);
  g_test_add_func ("/core/mrz/td1/austrian", test_td1_austrian);
  g_test_add_func ("/core/mrz/td1/long-number", test_td1_long_number);
  g_test_add_func ("/core/mrz/td1/long-number-variants", test_td1_long_number_variants);
  g_test_add_func ("/core/mrz/mrv/specimens", test_mrv_specimens);
  g_test_add_func ("/core/mrz/wrong-check-digits", test_wrong_check_digits);
  g_test_add_func ("/core/mrz/confusion/letter-o", test_confusion_letter_o);
  g_test_add_func ("/core/mrz/confusion/digit-in-name", test_confusion_digit_in_name);
  g_test_add_func ("/core/mrz/confusion/lower-case-and-spaces",
                   test_confusion_lower_case_and_spaces);
  g_test_add_func ("/core/mrz/confusion/line-length", test_confusion_line_length);
  g_test_add_func ("/core/mrz/invalid-characters", test_invalid_characters);
  g_test_add_func ("/core/mrz/unparseable", test_unparseable);
  g_test_add_func ("/core/mrz/one-line-paste", test_one_line_paste);
  g_test_add_func ("/core/mrz/birth-date-partial", test_birth_date_partial);
  g_test_add_func ("/core/mrz/centuries", test_centuries);
  g_test_add_func ("/core/mrz/impossible-date", test_impossible_date);
  g_test_add_func ("/core/mrz/find-in-text", test_find_in_text);
  g_test_add_func ("/core/mrz/identity/name", test_identity_name);
  g_test_add_func ("/core/mrz/identity/truncated", test_identity_truncated);
  g_test_add_func ("/core/mrz/identity/birth-date", test_identity_birth_date);
  g_test_add_func ("/core/mrz/transliterate", test_transliterate);
  g_test_add_func ("/core/mrz/json", test_json_shape);
  g_test_add_func ("/core/mrz/garbage", test_garbage_does_not_crash);
  g_test_add_func ("/core/mrz/cli/exit-status", test_cli_exit_status);

  return g_test_run ();
}
