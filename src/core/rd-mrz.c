/* rd-mrz.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-mrz"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-mrz.h"

/* Positions below are 0-based; the comments give Doc 9303's 1-based ones. */

/* What a position may hold, used to spot OCR-like slips. */
enum
{
  POS_ALPHA = 'A',    /* letters or fillers: codes, states, names */
  POS_NUMERIC = 'N',  /* digits: dates and check digits */
  POS_BIRTH = 'B',    /* digits or "<" for an unknown part */
  POS_ANY = 'X',      /* letters, digits or fillers: numbers, optional data */
  POS_SEX = 'S',
  POS_CD_OPT = 'C',   /* the TD3 optional-data check digit: a digit or "<" */
};

typedef struct
{
  RdMrzFormat  format;
  const char  *name;
  guint        n_lines;
  guint        length;
  /* One class per position (see the enum above), per line. */
  const char  *classes[3];
} FormatInfo;

static const FormatInfo formats[] = {
  { RD_MRZ_FORMAT_TD1, "TD1", 3, 30,
    { "AAAAAXXXXXXXXXCXXXXXXXXXXXXXXX",
      "BBBBBBNSNNNNNNNAAAXXXXXXXXXXXN",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } },
  { RD_MRZ_FORMAT_TD2, "TD2", 2, 36,
    { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "XXXXXXXXXCAAABBBBBBNSNNNNNNNXXXXXXXN" } },
  { RD_MRZ_FORMAT_TD3, "TD3", 2, 44,
    { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "XXXXXXXXXNAAABBBBBBNSNNNNNNNXXXXXXXXXXXXXXCN" } },
  { RD_MRZ_FORMAT_MRVA, "MRVA", 2, 44,
    { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "XXXXXXXXXNAAABBBBBBNSNNNNNNNXXXXXXXXXXXXXXXX" } },
  { RD_MRZ_FORMAT_MRVB, "MRVB", 2, 36,
    { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "XXXXXXXXXNAAABBBBBBNSNNNNNNNXXXXXXXX" } },
};

static const char *check_names[RD_MRZ_N_CHECKS] = {
  "document_number", "birth_date", "expiry_date", "optional_data", "composite",
};

static const char *check_labels[RD_MRZ_N_CHECKS] = {
  N_("document number"), N_("date of birth"), N_("date of expiry"), N_("optional data"),
  N_("composite"),
};

/* OCR-B look-alikes (Doc 9303 fonts; the same table PassportEye and cheminfo/mrz use). */
static const char letter_to_digit[][2] = {
  { 'O', '0' }, { 'Q', '0' }, { 'D', '0' }, { 'I', '1' }, { 'Z', '2' }, { 'S', '5' },
  { 'G', '6' }, { 'B', '8' },
};

static const char digit_to_letter[][2] = {
  { '0', 'O' }, { '1', 'I' }, { '2', 'Z' }, { '5', 'S' }, { '6', 'G' }, { '8', 'B' },
};

/* ---------------------------------------------------------------------------------------- */

static void
warning_free (gpointer data)
{
  RdMrzWarning *warning = data;

  g_free (warning->code);
  g_free (warning->message);
  g_free (warning);
}

static RdMrzWarning *
warning_copy (const RdMrzWarning *warning)
{
  RdMrzWarning *copy = g_new0 (RdMrzWarning, 1);

  copy->code = g_strdup (warning->code);
  copy->line = warning->line;
  copy->column = warning->column;
  copy->message = g_strdup (warning->message);
  return copy;
}

RdMrz *
rd_mrz_copy (const RdMrz *mrz)
{
  RdMrz *copy;

  g_return_val_if_fail (mrz != NULL, NULL);

  copy = g_memdup2 (mrz, sizeof *mrz);
  copy->lines = g_strdupv (mrz->lines);
  copy->document_code = g_strdup (mrz->document_code);
  copy->issuing_state = g_strdup (mrz->issuing_state);
  copy->surname = g_strdup (mrz->surname);
  copy->given_names = g_strdup (mrz->given_names);
  copy->document_number = g_strdup (mrz->document_number);
  copy->nationality = g_strdup (mrz->nationality);
  copy->birth_date = g_strdup (mrz->birth_date);
  copy->birth_date_mrz = g_strdup (mrz->birth_date_mrz);
  copy->sex = g_strdup (mrz->sex);
  copy->expiry_date = g_strdup (mrz->expiry_date);
  copy->expiry_date_mrz = g_strdup (mrz->expiry_date_mrz);
  copy->optional_data = g_strdup (mrz->optional_data);
  copy->optional_data_2 = g_strdup (mrz->optional_data_2);
  copy->warnings = g_ptr_array_new_with_free_func (warning_free);
  for (guint i = 0; i < mrz->warnings->len; i++)
    g_ptr_array_add (copy->warnings, warning_copy (g_ptr_array_index (mrz->warnings, i)));

  return copy;
}

void
rd_mrz_free (RdMrz *mrz)
{
  if (mrz == NULL)
    return;

  g_strfreev (mrz->lines);
  g_free (mrz->document_code);
  g_free (mrz->issuing_state);
  g_free (mrz->surname);
  g_free (mrz->given_names);
  g_free (mrz->document_number);
  g_free (mrz->nationality);
  g_free (mrz->birth_date);
  g_free (mrz->birth_date_mrz);
  g_free (mrz->sex);
  g_free (mrz->expiry_date);
  g_free (mrz->expiry_date_mrz);
  g_free (mrz->optional_data);
  g_free (mrz->optional_data_2);
  g_clear_pointer (&mrz->warnings, g_ptr_array_unref);
  g_free (mrz);
}

G_DEFINE_BOXED_TYPE (RdMrz, rd_mrz, rd_mrz_copy, rd_mrz_free)

const char *
rd_mrz_format_to_string (RdMrzFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;

  g_return_val_if_reached (NULL);
}

const char *
rd_mrz_check_to_string (RdMrzCheck check)
{
  g_return_val_if_fail (check < RD_MRZ_N_CHECKS, NULL);

  return check_names[check];
}

const char *
rd_mrz_number_variant_to_string (RdMrzNumberVariant variant)
{
  switch (variant)
    {
    case RD_MRZ_NUMBER_STANDARD:
      return "standard";
    case RD_MRZ_NUMBER_LONG:
      return "long";
    case RD_MRZ_NUMBER_LONG_WITH_FILLER:
      return "long-with-filler";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
rd_mrz_match_to_string (RdMrzMatch match)
{
  switch (match)
    {
    case RD_MRZ_MATCH_UNKNOWN:
      return "unknown";
    case RD_MRZ_MATCH_EXACT:
      return "exact";
    case RD_MRZ_MATCH_PROBABLE:
      return "probable";
    case RD_MRZ_MATCH_MISMATCH:
      return "mismatch";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---------------------------------------------------------------------------------------- */

static int
char_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c == '<')
    return 0;
  return -1;
}

int
rd_mrz_check_digit (const char *data,
                    gssize      length)
{
  static const int weights[3] = { 7, 3, 1 };
  int sum = 0;

  g_return_val_if_fail (data != NULL, -1);

  if (length < 0)
    length = strlen (data);

  for (gssize i = 0; i < length; i++)
    {
      int value = char_value (data[i]);

      if (value < 0)
        return -1;
      sum += value * weights[i % 3];
    }

  return sum % 10;
}

/* Whether the check digit character @cd protects @data. */
static gboolean
check_passes (const char *data,
              gsize       length,
              char        cd)
{
  int expected = rd_mrz_check_digit (data, length);

  return expected >= 0 && g_ascii_isdigit (cd) && cd - '0' == expected;
}

/* ---------------------------------------------------------------------------------------- */

typedef struct
{
  const FormatInfo *info;
  char            **lines;      /* normalised, each info->length long */
  GArray          **columns;    /* per line: the input column (1-based) of each character */
  RdMrz            *mrz;
} Parser;

static void
add_warning (RdMrz      *mrz,
             const char *code,
             guint       line,
             guint       column,
             char       *message)  /* (transfer full) */
{
  RdMrzWarning *warning = g_new0 (RdMrzWarning, 1);

  warning->code = g_strdup (code);
  warning->line = line;
  warning->column = column;
  warning->message = message;
  g_ptr_array_add (mrz->warnings, warning);
}

/* The column a person typed for position @pos of line @line (both 0-based). */
static guint
input_column (Parser *parser,
              guint   line,
              guint   pos)
{
  GArray *columns = parser->columns[line];

  if (pos < columns->len)
    return g_array_index (columns, guint, pos);

  /* A position the input did not reach (the line was short): just past its end. */
  if (columns->len == 0)
    return pos + 1;
  return g_array_index (columns, guint, columns->len - 1) + 1 + (pos - columns->len);
}

/* Upper-cases, drops spaces and marks characters outside the MRZ set, reporting each kind of
 * slip once per line with its first column; nothing is corrected without a warning. */
static char *
normalise_line (RdMrz      *mrz,
                guint       line_no,
                const char *raw,
                GArray     *columns)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new (NULL);
  guint column = 0;
  guint n_lower = 0, first_lower = 0;
  guint n_space = 0, first_space = 0;
  guint n_invalid = 0;
  const char *start, *end;

  /* Leading and trailing white space come from copying, not from the MRZ. */
  start = valid;
  while (*start == ' ' || *start == '\t' || *start == '\r')
    {
      start++;
      column++;
    }
  end = start + strlen (start);
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      column++;

      if (c == ' ' || c == '\t' || c == 0xA0)
        {
          if (n_space++ == 0)
            first_space = column;
          continue;
        }

      if (c >= 'a' && c <= 'z')
        {
          if (n_lower++ == 0)
            first_lower = column;
          c = g_ascii_toupper (c);
        }
      else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'))
        {
          if (n_invalid++ < 5)
            {
              char utf8[8] = { 0 };

              g_unichar_to_utf8 (c, utf8);
              add_warning (mrz, "invalid-character", line_no, column,
                           /* Translators: %s is a character, then line and column numbers */
                           g_strdup_printf (_("“%s” at line %u, column %u is not an MRZ "
                                              "character (A–Z, 0–9 and “<”)"),
                                            utf8, line_no, column));
            }
          /* Kept as "?" so that positions do not shift and the check digits fail. */
          c = '?';
        }

      g_string_append_c (out, (char) c);
      g_array_append_val (columns, column);
    }

  if (n_lower > 0)
    add_warning (mrz, "lower-case", line_no, first_lower,
                 /* Translators: counts, then line and column numbers */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u lower-case letter in line %u (first at "
                                               "column %u); an MRZ is printed in capitals",
                                               "%u lower-case letters in line %u (first at "
                                               "column %u); an MRZ is printed in capitals",
                                               n_lower),
                                  n_lower, line_no, first_lower));
  if (n_space > 0)
    add_warning (mrz, "space", line_no, first_space,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u space in line %u (first at column %u); an "
                                               "MRZ has none, fillers are “<”",
                                               "%u spaces in line %u (first at column %u); an "
                                               "MRZ has none, fillers are “<”",
                                               n_space),
                                  n_space, line_no, first_space));

  return g_string_free (out, FALSE);
}

static char *
substring (const char *line,
           guint       start,
           guint       length)
{
  return g_strndup (line + start, length);
}

/* A field without its trailing fillers ("L898902C<" → "L898902C", "D<<" → "D"). */
static char *
field_value (const char *line,
             guint       start,
             guint       length)
{
  char *value = substring (line, start, length);
  gsize n = strlen (value);

  while (n > 0 && value[n - 1] == '<')
    value[--n] = '\0';

  return value;
}

/* "<" is Doc 9303's "unspecified", which the visual zone prints as X. */
static char *
sex_value (char c)
{
  return c == '<' ? g_strdup ("X") : g_strndup (&c, 1);
}

static void
parse_name (Parser     *parser,
            guint       line,
            guint       start,
            guint       length)
{
  RdMrz *mrz = parser->mrz;
  g_autofree char *field = substring (parser->lines[line], start, length);
  g_auto (GStrv) given = NULL;
  GString *names = g_string_new (NULL);
  char *separator;
  char *secondary = NULL;

  separator = strstr (field, "<<");
  if (separator != NULL)
    {
      *separator = '\0';
      secondary = separator + 2;
    }

  mrz->surname = g_strstrip (g_strdelimit (g_strdup (field), "<", ' '));

  if (secondary != NULL)
    {
      given = g_strsplit (secondary, "<", -1);
      for (guint i = 0; given[i] != NULL; i++)
        {
          if (given[i][0] == '\0')
            continue;
          if (names->len > 0)
            g_string_append_c (names, ' ');
          g_string_append (names, given[i]);
        }
    }
  mrz->given_names = g_string_free (names, FALSE);

  /* Doc 9303 truncates long names: a name that runs to the last position may be cut. */
  if (parser->lines[line][start + length - 1] != '<')
    {
      mrz->name_truncated = TRUE;
      add_warning (mrz, "name-truncated", line + 1, input_column (parser, line, start + length - 1),
                   g_strdup (_("The name fills its whole field and may be truncated; compare "
                               "it with the name printed on the document")));
    }
}

/* Reports characters that do not fit their position: a letter where a digit belongs (O for
 * 0) and the reverse. Only reported: positions holding letters or digits cannot be fixed. */
static void
check_positions (Parser *parser)
{
  RdMrz *mrz = parser->mrz;

  for (guint l = 0; l < parser->info->n_lines; l++)
    {
      const char *classes = parser->info->classes[l];
      const char *line = parser->lines[l];

      for (guint p = 0; p < parser->info->length; p++)
        {
          char c = line[p];
          char cls = classes[p];
          guint column = input_column (parser, l, p);

          if (c == '?')
            continue;

          if ((cls == POS_NUMERIC || cls == POS_BIRTH || cls == POS_CD_OPT) && !g_ascii_isdigit (c))
            {
              char guess = 0;

              if (c == '<' && cls != POS_NUMERIC)
                continue;
              for (guint i = 0; i < G_N_ELEMENTS (letter_to_digit); i++)
                if (letter_to_digit[i][0] == c)
                  guess = letter_to_digit[i][1];

              if (guess != 0)
                add_warning (mrz, "digit-expected", l + 1, column,
                             /* Translators: a character, line, column, then a digit */
                             g_strdup_printf (_("“%c” at line %u, column %u stands where a "
                                                "digit belongs; is it “%c”?"),
                                              c, l + 1, column, guess));
              else
                add_warning (mrz, "digit-expected", l + 1, column,
                             g_strdup_printf (_("“%c” at line %u, column %u stands where a "
                                                "digit belongs"), c, l + 1, column));
            }
          else if (cls == POS_ALPHA && g_ascii_isdigit (c))
            {
              char guess = 0;

              for (guint i = 0; i < G_N_ELEMENTS (digit_to_letter); i++)
                if (digit_to_letter[i][0] == c)
                  guess = digit_to_letter[i][1];

              if (guess != 0)
                add_warning (mrz, "letter-expected", l + 1, column,
                             g_strdup_printf (_("“%c” at line %u, column %u stands where a "
                                                "letter belongs; is it “%c”?"),
                                              c, l + 1, column, guess));
              else
                add_warning (mrz, "letter-expected", l + 1, column,
                             g_strdup_printf (_("“%c” at line %u, column %u stands where a "
                                                "letter belongs"), c, l + 1, column));
            }
          else if (cls == POS_SEX && c != 'M' && c != 'F' && c != '<')
            {
              add_warning (mrz, "sex", l + 1, column,
                           g_strdup_printf (_("“%c” at line %u, column %u is not a sex code "
                                              "(M, F or “<”)"), c, l + 1, column));
            }
        }
    }
}

/* Resolves YYMMDD to the century that puts it between @years_before years ago and
 * @years_after years ahead (the latest such century), as Doc 9303 leaves the century out.
 * Returns FALSE when it is not a real date. */
static gboolean
resolve_date (const char *yymmdd,
              int         years_before,
              int         years_after,
              GDate      *out)
{
  GDate today, low, high;
  guint yy, mm, dd;
  int base, year;

  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (yymmdd[i]))
      return FALSE;

  yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  mm = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  dd = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31)
    return FALSE;

  rd_date_today (&today);
  low = today;
  g_date_subtract_years (&low, years_before);
  high = today;
  g_date_add_years (&high, years_after);

  /* 29 February stands as 28 in years without it, so that it never stops the search; the
   * real date is checked below. */
  base = (g_date_get_year (&today) / 100) * 100 + yy;
  year = base;
  for (int delta = 100; delta >= -100; delta -= 100)
    {
      GDate candidate;

      g_date_clear (&candidate, 1);
      g_date_set_dmy (&candidate, MIN (dd, g_date_get_days_in_month (mm, base + delta)), mm,
                      base + delta);
      if (g_date_compare (&candidate, &low) >= 0 && g_date_compare (&candidate, &high) <= 0)
        {
          year = base + delta;
          break;
        }
    }

  if (!g_date_valid_dmy (dd, mm, year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, dd, mm, year);
  return TRUE;
}

static void
parse_dates (Parser *parser,
             guint   line,
             guint   birth_start,
             guint   expiry_start)
{
  RdMrz *mrz = parser->mrz;
  const char *text = parser->lines[line];
  GDate date;

  mrz->birth_date_mrz = substring (text, birth_start, 6);
  mrz->expiry_date_mrz = substring (text, expiry_start, 6);
  mrz->dates_valid = TRUE;

  if (strchr (mrz->birth_date_mrz, '<') != NULL)
    {
      /* Doc 9303 fills unknown parts of a date of birth with "<". */
      add_warning (mrz, "birth-date-partial", line + 1, input_column (parser, line, birth_start),
                   /* Translators: %s is the date as written in the MRZ, e.g. 74<<<< */
                   g_strdup_printf (_("The date of birth “%s” is only partly known"),
                                    mrz->birth_date_mrz));
      for (guint i = 0; i < 6; i++)
        if (mrz->birth_date_mrz[i] != '<' && !g_ascii_isdigit (mrz->birth_date_mrz[i]))
          mrz->dates_valid = FALSE;
      if (!mrz->dates_valid)
        add_warning (mrz, "invalid-date", line + 1, input_column (parser, line, birth_start),
                     g_strdup_printf (_("The date of birth “%s” is not a real date"),
                                      mrz->birth_date_mrz));
    }
  else if (resolve_date (mrz->birth_date_mrz, 100, 0, &date))
    {
      /* A birth date is in the past: the latest century that is not in the future. */
      GDate today;

      rd_date_today (&today);
      if (g_date_compare (&date, &today) > 0)
        g_date_subtract_years (&date, 100);
      mrz->birth_date = rd_date_format (&date);
    }
  else
    {
      mrz->dates_valid = FALSE;
      add_warning (mrz, "invalid-date", line + 1, input_column (parser, line, birth_start),
                   g_strdup_printf (_("The date of birth “%s” is not a real date"),
                                    mrz->birth_date_mrz));
    }

  /* An expiry date lies at most 20 years ahead (CLI.md). */
  if (resolve_date (mrz->expiry_date_mrz, 80, 20, &date))
    {
      mrz->expiry_date = rd_date_format (&date);
    }
  else
    {
      mrz->dates_valid = FALSE;
      add_warning (mrz, "invalid-date", line + 1, input_column (parser, line, expiry_start),
                   g_strdup_printf (_("The date of expiry “%s” is not a real date"),
                                    mrz->expiry_date_mrz));
    }
}

static void
set_check (RdMrz      *mrz,
           RdMrzCheck  check,
           gboolean    passed)
{
  mrz->checks[check] = passed ? RD_MRZ_CHECK_PASSED : RD_MRZ_CHECK_FAILED;
}

/* The document number with its check digit at @cd_pos, including the long form of TD1 and
 * TD2: "<" in the check-digit place, the rest of the number in the optional data (starting at
 * @opt_start, @opt_length long) followed by its check digit. Returns where the optional data
 * proper begins. */
static guint
parse_document_number (Parser *parser,
                       guint   line,
                       guint   start,
                       gboolean long_allowed,
                       guint   opt_start,
                       guint   opt_length)
{
  RdMrz *mrz = parser->mrz;
  const char *text = parser->lines[line];
  guint cd_pos = start + 9;

  mrz->number_variant = RD_MRZ_NUMBER_STANDARD;

  if (long_allowed && text[cd_pos] == '<' && text[opt_start] != '<')
    {
      guint tail = 0;

      while (tail < opt_length && text[opt_start + tail] != '<')
        tail++;

      if (tail >= 2)
        {
          g_autofree char *without = NULL;
          g_autofree char *with = NULL;
          char cd = text[opt_start + tail - 1];
          gboolean plain, filled;

          /* Issuers compute this digit over the number alone or with the filler in place 10
           * or 15; accept both and say which one matched. */
          without = g_strdup_printf ("%.*s%.*s", 9, text + start, (int) tail - 1,
                                     text + opt_start);
          with = g_strdup_printf ("%.*s%.*s", 10, text + start, (int) tail - 1, text + opt_start);
          plain = check_passes (without, strlen (without), cd);
          filled = check_passes (with, strlen (with), cd);

          mrz->document_number = g_steal_pointer (&without);
          if (filled && !plain)
            mrz->number_variant = RD_MRZ_NUMBER_LONG_WITH_FILLER;
          else
            mrz->number_variant = RD_MRZ_NUMBER_LONG;
          set_check (mrz, RD_MRZ_CHECK_DOCUMENT_NUMBER, plain || filled);

          /* The optional data proper follows the filler after the check digit. */
          return MIN (opt_start + tail + 1, opt_start + opt_length);
        }
    }

  mrz->document_number = field_value (text, start, 9);
  set_check (mrz, RD_MRZ_CHECK_DOCUMENT_NUMBER, check_passes (text + start, 9, text[cd_pos]));
  return opt_start;
}

static void
append_range (GString    *composite,
              const char *line,
              guint       start,
              guint       end)
{
  g_string_append_len (composite, line + start, end - start);
}

static void
parse_td1 (Parser *parser)
{
  RdMrz *mrz = parser->mrz;
  char **l = parser->lines;
  g_autoptr (GString) composite = g_string_new (NULL);
  guint opt_start;

  mrz->document_code = field_value (l[0], 0, 2);
  mrz->issuing_state = field_value (l[0], 2, 3);
  /* 6–14 number, 15 check digit, 16–30 optional data 1 */
  opt_start = parse_document_number (parser, 0, 5, TRUE, 15, 15);
  mrz->optional_data = field_value (l[0], opt_start, 30 - opt_start);

  parse_dates (parser, 1, 0, 8);
  set_check (mrz, RD_MRZ_CHECK_BIRTH_DATE, check_passes (l[1], 6, l[1][6]));
  set_check (mrz, RD_MRZ_CHECK_EXPIRY_DATE, check_passes (l[1] + 8, 6, l[1][14]));
  mrz->sex = sex_value (l[1][7]);
  mrz->nationality = field_value (l[1], 15, 3);
  mrz->optional_data_2 = field_value (l[1], 18, 11);

  /* Composite: line 1 6–30, line 2 1–7, 9–15, 19–29; check digit at line 2 30. */
  append_range (composite, l[0], 5, 30);
  append_range (composite, l[1], 0, 7);
  append_range (composite, l[1], 8, 15);
  append_range (composite, l[1], 18, 29);
  set_check (mrz, RD_MRZ_CHECK_COMPOSITE, check_passes (composite->str, composite->len, l[1][29]));

  parse_name (parser, 2, 0, 30);
}

/* TD2, TD3, MRV-A and MRV-B share line 1 and positions 1–28 of line 2. */
static void
parse_two_line (Parser *parser)
{
  RdMrz *mrz = parser->mrz;
  char **l = parser->lines;
  guint length = parser->info->length;
  gboolean visa = parser->info->format == RD_MRZ_FORMAT_MRVA ||
                  parser->info->format == RD_MRZ_FORMAT_MRVB;
  gboolean td2 = parser->info->format == RD_MRZ_FORMAT_TD2;
  gboolean td3 = parser->info->format == RD_MRZ_FORMAT_TD3;
  guint opt_end;
  guint opt_start;

  mrz->document_code = field_value (l[0], 0, 2);
  mrz->issuing_state = field_value (l[0], 2, 3);
  parse_name (parser, 0, 5, length - 5);

  /* Optional data: TD3 29–42 (43 is its check digit), TD2 29–35, MRV 29–44 / 29–36. */
  opt_end = td3 ? 42 : (td2 ? 35 : length);
  opt_start = parse_document_number (parser, 1, 0, td2, 28, opt_end - 28);
  mrz->nationality = field_value (l[1], 10, 3);
  parse_dates (parser, 1, 13, 21);
  set_check (mrz, RD_MRZ_CHECK_BIRTH_DATE, check_passes (l[1] + 13, 6, l[1][19]));
  mrz->sex = sex_value (l[1][20]);
  set_check (mrz, RD_MRZ_CHECK_EXPIRY_DATE, check_passes (l[1] + 21, 6, l[1][27]));
  mrz->optional_data = field_value (l[1], opt_start, opt_end - opt_start);

  if (td3)
    {
      gboolean empty = TRUE;

      for (guint i = 28; i < 42; i++)
        if (l[1][i] != '<')
          empty = FALSE;

      /* An all-filler personal number may carry "<" or 0 as its check digit. */
      if (empty && (l[1][42] == '<' || l[1][42] == '0'))
        set_check (mrz, RD_MRZ_CHECK_OPTIONAL_DATA, TRUE);
      else
        set_check (mrz, RD_MRZ_CHECK_OPTIONAL_DATA, check_passes (l[1] + 28, 14, l[1][42]));
    }

  if (!visa)
    {
      g_autoptr (GString) composite = g_string_new (NULL);
      guint cd = length - 1;

      /* 1–10, 14–20, 22–43 (TD3) or 22–35 (TD2): check digits included. */
      append_range (composite, l[1], 0, 10);
      append_range (composite, l[1], 13, 20);
      append_range (composite, l[1], 21, cd);
      set_check (mrz, RD_MRZ_CHECK_COMPOSITE, check_passes (composite->str, composite->len,
                                                           l[1][cd]));
    }
}

/* For a failed field check, single look-alike swaps that would make it pass: offered to the
 * officer as something to compare with the document, never applied. */
static void
suggest_fixes (Parser     *parser,
               RdMrzCheck  check,
               guint       line,
               guint       start,
               guint       length,
               guint       cd_pos)
{
  g_autofree char *field = NULL;

  if (parser->mrz->checks[check] != RD_MRZ_CHECK_FAILED)
    return;

  field = g_strndup (parser->lines[line] + start, cd_pos - start + 1);

  for (guint i = 0; i < cd_pos - start + 1; i++)
    {
      char original = field[i];
      char cls = parser->info->classes[line][start + i];

      /* A digit in a date or check digit is no slip for a letter. */
      if (cls != POS_ANY && g_ascii_isdigit (original))
        continue;
      const char (*table)[2] = g_ascii_isdigit (original) ? digit_to_letter : letter_to_digit;
      guint n = g_ascii_isdigit (original) ? G_N_ELEMENTS (digit_to_letter)
                                           : G_N_ELEMENTS (letter_to_digit);

      for (guint t = 0; t < n; t++)
        {
          guint column;

          if (table[t][0] != original)
            continue;

          field[i] = table[t][1];
          if (check_passes (field, length, field[cd_pos - start]))
            {
              column = input_column (parser, line, start + i);
              add_warning (parser->mrz, "suggestion", line + 1, column,
                           /* Translators: characters, line, column, then a field name */
                           g_strdup_printf (_("Reading “%c” instead of “%c” at line %u, column "
                                              "%u would make the %s check digit pass; compare "
                                              "with the document"),
                                            table[t][1], original, line + 1, column,
                                            _(check_labels[check])));
            }
          field[i] = original;
        }
    }
}

static void
add_suggestions (Parser *parser)
{
  RdMrz *mrz = parser->mrz;

  if (parser->info->format == RD_MRZ_FORMAT_TD1)
    {
      if (mrz->number_variant == RD_MRZ_NUMBER_STANDARD)
        suggest_fixes (parser, RD_MRZ_CHECK_DOCUMENT_NUMBER, 0, 5, 9, 14);
      suggest_fixes (parser, RD_MRZ_CHECK_BIRTH_DATE, 1, 0, 6, 6);
      suggest_fixes (parser, RD_MRZ_CHECK_EXPIRY_DATE, 1, 8, 6, 14);
    }
  else
    {
      if (mrz->number_variant == RD_MRZ_NUMBER_STANDARD)
        suggest_fixes (parser, RD_MRZ_CHECK_DOCUMENT_NUMBER, 1, 0, 9, 9);
      suggest_fixes (parser, RD_MRZ_CHECK_BIRTH_DATE, 1, 13, 6, 19);
      suggest_fixes (parser, RD_MRZ_CHECK_EXPIRY_DATE, 1, 21, 6, 27);
      if (parser->info->format == RD_MRZ_FORMAT_TD3)
        suggest_fixes (parser, RD_MRZ_CHECK_OPTIONAL_DATA, 1, 28, 14, 42);
    }
}

static void
check_codes (Parser *parser)
{
  RdMrz *mrz = parser->mrz;
  char first = parser->lines[0][0];
  gboolean ok;

  switch (parser->info->format)
    {
    case RD_MRZ_FORMAT_TD3:
      ok = first == 'P';
      break;
    case RD_MRZ_FORMAT_MRVA:
    case RD_MRZ_FORMAT_MRVB:
      ok = first == 'V';
      break;
    case RD_MRZ_FORMAT_TD1:
    case RD_MRZ_FORMAT_TD2:
    default:
      ok = first == 'I' || first == 'A' || first == 'C';
      break;
    }

  if (!ok)
    add_warning (mrz, "document-code", 1, input_column (parser, 0, 0),
                 /* Translators: the first %s is a document code, the second a format */
                 g_strdup_printf (_("The document code “%s” is unusual for a %s document"),
                                  mrz->document_code, parser->info->name));

  /* ICAO's specimens are issued by Utopia, which is no real state. */
  if (g_strcmp0 (mrz->issuing_state, "UTO") == 0 || g_strcmp0 (mrz->nationality, "UTO") == 0 ||
      g_strcmp0 (mrz->surname, "SPECIMEN") == 0 ||
      g_strcmp0 (mrz->document_number, "SPECIMEN") == 0)
    add_warning (mrz, "specimen", 0, 0,
                 g_strdup (_("This is a specimen (Utopia, “UTO”), not a real document")));

  /* The French identity card before 2021 looks like TD2 but follows its own layout. */
  if (parser->info->format == RD_MRZ_FORMAT_TD2 && g_str_has_prefix (parser->lines[0], "IDFRA"))
    add_warning (mrz, "national-layout", 1, input_column (parser, 0, 0),
                 g_strdup (_("This looks like a French identity card issued before 2021, "
                             "whose MRZ does not follow ICAO 9303; its check digits cannot be "
                             "read as TD2")));
}

static const FormatInfo *
pick_format (char       **lines,
             guint        n_lines,
             GError     **error)
{
  guint longest = 0;
  RdMrzFormat format;

  for (guint i = 0; i < n_lines; i++)
    longest = MAX (longest, strlen (lines[i]));

  if (n_lines == 3)
    format = RD_MRZ_FORMAT_TD1;
  else if (n_lines == 2 && longest >= 40)
    format = lines[0][0] == 'V' ? RD_MRZ_FORMAT_MRVA : RD_MRZ_FORMAT_TD3;
  else if (n_lines == 2)
    format = lines[0][0] == 'V' ? RD_MRZ_FORMAT_MRVB : RD_MRZ_FORMAT_TD2;
  else
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %u is a count of lines */
                   g_dngettext (GETTEXT_PACKAGE,
                                "An MRZ has 2 or 3 lines, not %u",
                                "An MRZ has 2 or 3 lines, not %u", n_lines),
                   n_lines);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return &formats[i];

  g_assert_not_reached ();
}

RdMrz *
rd_mrz_parse (const char * const *lines,
              guint               n_lines,
              GError            **error)
{
  g_autoptr (RdMrz) mrz = NULL;
  g_autoptr (GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) normalised = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  Parser parser = { NULL };

  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);

  mrz = g_new0 (RdMrz, 1);
  mrz->warnings = g_ptr_array_new_with_free_func (warning_free);

  /* An argument may hold several lines (pasted with their line breaks); blank ones are
   * spacing, not part of the MRZ. */
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto (GStrv) split = NULL;

      if (lines[i] == NULL)
        continue;
      split = g_strsplit (lines[i], "\n", -1);
      for (guint j = 0; split[j] != NULL; j++)
        {
          g_autofree char *copy = g_strdup (split[j]);

          if (g_strstrip (copy)[0] == '\0')
            continue;
          g_ptr_array_add (raw, g_strdup (split[j]));
        }
    }

  for (guint i = 0; i < raw->len; i++)
    {
      GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));

      g_ptr_array_add (columns, cols);
      g_ptr_array_add (normalised, normalise_line (mrz, i + 1, g_ptr_array_index (raw, i), cols));
    }

  /* A whole MRZ pasted as one line: split it at the format's line length. */
  if (normalised->len == 1)
    {
      g_autofree char *all = g_strdup (g_ptr_array_index (normalised, 0));
      gsize total = strlen (all);
      guint width = total == 90 ? 30 : total == 88 ? 44 : total == 72 ? 36 : 0;

      if (width > 0)
        {
          GArray *all_cols = g_array_ref (g_ptr_array_index (columns, 0));

          g_ptr_array_set_size (normalised, 0);
          g_ptr_array_set_size (columns, 0);
          for (guint start = 0; start < total; start += width)
            {
              GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));

              g_array_append_vals (cols, &g_array_index (all_cols, guint, start), width);
              g_ptr_array_add (normalised, g_strndup (all + start, width));
              g_ptr_array_add (columns, cols);
            }
          g_array_unref (all_cols);
          add_warning (mrz, "line-length", 1, 0,
                       g_strdup (_("The MRZ was given as one line; it was read as its lines "
                                   "in turn")));
        }
    }

  if (normalised->len == 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("The MRZ is empty"));
      return NULL;
    }

  parser.info = pick_format ((char **) normalised->pdata, normalised->len, error);
  if (parser.info == NULL)
    return NULL;

  mrz->format = parser.info->format;

  /* Lines of the wrong length: close ones are reported and padded with fillers (the check
   * digits then show whether anything was lost); far ones cannot be this format at all. */
  for (guint i = 0; i < normalised->len; i++)
    {
      char *line = g_ptr_array_index (normalised, i);
      gsize length = strlen (line);
      guint expected = parser.info->length;
      GArray *cols = g_ptr_array_index (columns, i);

      if (length == expected)
        continue;

      if (length + 4 < expected || length > expected + 4)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       /* Translators: line number, its length, the format, its line length */
                       _("Line %u of the MRZ has %u characters, but a %s line has %u"),
                       i + 1, (guint) length, parser.info->name, expected);
          return NULL;
        }

      add_warning (mrz, "line-length", i + 1,
                   length < expected ? (cols->len > 0 ? g_array_index (cols, guint, cols->len - 1) + 1 : 1)
                                     : g_array_index (cols, guint, expected),
                   g_strdup_printf (_("Line %u has %u characters, but a %s line has %u; "
                                      "fillers or characters may be missing or extra"),
                                    i + 1, (guint) length, parser.info->name, expected));
      if (length < expected)
        {
          char *padded = g_strdup_printf ("%s%.*s", line, (int) (expected - length),
                                          "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
          g_ptr_array_index (normalised, i) = padded;
          g_free (line);
        }
      else
        {
          line[expected] = '\0';
          g_array_set_size (cols, expected);
        }
    }

  parser.lines = (char **) normalised->pdata;
  parser.columns = (GArray **) columns->pdata;
  parser.mrz = mrz;

  if (parser.info->format == RD_MRZ_FORMAT_TD1)
    parse_td1 (&parser);
  else
    parse_two_line (&parser);

  check_positions (&parser);
  check_codes (&parser);
  add_suggestions (&parser);

  mrz->valid = mrz->dates_valid;
  for (guint c = 0; c < RD_MRZ_N_CHECKS; c++)
    if (mrz->checks[c] == RD_MRZ_CHECK_FAILED)
      mrz->valid = FALSE;
  /* A "?" (a character outside the set) anywhere makes the MRZ unreadable as it stands. */
  for (guint i = 0; i < parser.info->n_lines; i++)
    if (strchr (parser.lines[i], '?') != NULL)
      mrz->valid = FALSE;

  g_ptr_array_add (normalised, NULL);
  mrz->lines = (GStrv) g_ptr_array_steal (normalised, NULL);

  return g_steal_pointer (&mrz);
}

RdMrz *
rd_mrz_parse_text (const char  *text,
                   GError     **error)
{
  const char *lines[1] = { text };

  g_return_val_if_fail (text != NULL, NULL);

  return rd_mrz_parse (lines, 1, error);
}

/* ---------------------------------------------------------------------------------------- */

/* A line of a text layer that could be an MRZ line: its MRZ characters, or NULL. */
static char *
candidate_line (const char *line)
{
  GString *out = g_string_new (NULL);

  for (const char *p = line; *p != '\0'; p++)
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\r')
        continue;
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<') || out->len > 44)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, c);
    }

  if ((out->len == 30 || out->len == 36 || out->len == 44) && strchr (out->str, '<') != NULL)
    return g_string_free (out, FALSE);

  g_string_free (out, TRUE);
  return NULL;
}

RdMrz *
rd_mrz_find_in_text (const char  *text,
                     GError     **error)
{
  g_autofree char *valid = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RdMrz) fallback = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  g_strdelimit (valid, "\f\v", '\n');
  lines = g_strsplit (valid, "\n", -1);

  /* Blank lines between MRZ lines are layout; any other text ends a run. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));

      if (stripped[0] == '\0')
        continue;
      g_ptr_array_add (candidates, candidate_line (stripped));
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *a = g_ptr_array_index (candidates, i);
      const char *b = i + 1 < candidates->len ? g_ptr_array_index (candidates, i + 1) : NULL;
      const char *c = i + 2 < candidates->len ? g_ptr_array_index (candidates, i + 2) : NULL;
      const char *group[3] = { a, b, c };
      guint n = 0;
      g_autoptr (RdMrz) mrz = NULL;

      if (a == NULL || b == NULL)
        continue;

      if (strlen (a) == 30 && c != NULL && strlen (b) == 30 && strlen (c) == 30)
        n = 3;
      else if (strlen (a) == strlen (b) && strlen (a) != 30)
        n = 2;
      else
        continue;

      mrz = rd_mrz_parse (group, n, NULL);
      if (mrz == NULL)
        continue;
      if (mrz->valid)
        return g_steal_pointer (&mrz);
      if (fallback == NULL)
        fallback = g_steal_pointer (&mrz);
    }

  if (fallback != NULL)
    return g_steal_pointer (&fallback);

  g_set_error_literal (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                       _("No machine-readable zone was found in the text"));
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */

char *
rd_mrz_describe_failure (const RdMrz *mrz)
{
  g_return_val_if_fail (mrz != NULL, NULL);

  for (guint c = 0; c < RD_MRZ_N_CHECKS; c++)
    if (mrz->checks[c] == RD_MRZ_CHECK_FAILED)
      /* Translators: %s is a field name such as "date of birth" */
      return g_strdup_printf (_("The MRZ check digit for the %s is wrong"), _(check_labels[c]));

  for (guint i = 0; i < mrz->warnings->len; i++)
    {
      RdMrzWarning *warning = g_ptr_array_index (mrz->warnings, i);

      if (g_str_equal (warning->code, "invalid-date") ||
          g_str_equal (warning->code, "invalid-character"))
        return g_strdup (warning->message);
    }

  return NULL;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
rd_mrz_to_json (const RdMrz *mrz)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (mrz != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", rd_mrz_format_to_string (mrz->format));
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, mrz->valid);
  add_string (builder, "document_code", mrz->document_code);
  add_string (builder, "issuing_state", mrz->issuing_state);
  add_string (builder, "surname", mrz->surname);
  add_string (builder, "given_names", mrz->given_names);
  add_string (builder, "document_number", mrz->document_number);
  add_string (builder, "document_number_variant",
              rd_mrz_number_variant_to_string (mrz->number_variant));
  add_string (builder, "nationality", mrz->nationality);
  add_string (builder, "birth_date", mrz->birth_date);
  add_string (builder, "birth_date_mrz", mrz->birth_date_mrz);
  add_string (builder, "sex", mrz->sex);
  add_string (builder, "expiry_date", mrz->expiry_date);
  add_string (builder, "expiry_date_mrz", mrz->expiry_date_mrz);
  add_string (builder, "optional_data", mrz->optional_data);
  if (mrz->format == RD_MRZ_FORMAT_TD1)
    add_string (builder, "optional_data_2", mrz->optional_data_2);
  json_builder_set_member_name (builder, "name_truncated");
  json_builder_add_boolean_value (builder, mrz->name_truncated);

  /* Only the check digits the format has: a visa has no composite, TD1/TD2 no separate
   * optional-data digit. */
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_object (builder);
  for (guint c = 0; c < RD_MRZ_N_CHECKS; c++)
    {
      if (mrz->checks[c] == RD_MRZ_CHECK_ABSENT)
        continue;
      json_builder_set_member_name (builder, check_names[c]);
      json_builder_add_boolean_value (builder, mrz->checks[c] == RD_MRZ_CHECK_PASSED);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; mrz->lines != NULL && mrz->lines[i] != NULL; i++)
    json_builder_add_string_value (builder, mrz->lines[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mrz->warnings->len; i++)
    {
      RdMrzWarning *warning = g_ptr_array_index (mrz->warnings, i);

      json_builder_begin_object (builder);
      add_string (builder, "code", warning->code);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, warning->line);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, warning->column);
      add_string (builder, "message", warning->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---------------------------------------------------------------------------------------- */

/* Doc 9303 Part 3 transliterations that are more than dropping an accent. */
static const struct
{
  gunichar    c;
  const char *icao;
  const char *simple;
} transliterations[] = {
  { 0x00C4, "AE", "A" },  /* Ä */
  { 0x00C5, "AA", "A" },  /* Å */
  { 0x00C6, "AE", "AE" }, /* Æ */
  { 0x00D0, "D", "D" },   /* Ð */
  { 0x00D6, "OE", "O" },  /* Ö */
  { 0x00D8, "OE", "O" },  /* Ø */
  { 0x00DC, "UE", "U" },  /* Ü */
  { 0x00DE, "TH", "TH" }, /* Þ */
  { 0x0110, "D", "D" },   /* Đ */
  { 0x0126, "H", "H" },   /* Ħ */
  { 0x0132, "IJ", "IJ" }, /* Ĳ */
  { 0x0141, "L", "L" },   /* Ł */
  { 0x0152, "OE", "OE" }, /* Œ */
  { 0x1E9E, "SS", "SS" }, /* ẞ */
};

char *
rd_mrz_transliterate (const char *name,
                      gboolean    simple)
{
  g_autofree char *valid = NULL;
  g_autofree char *upper = NULL;
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  valid = g_utf8_make_valid (name, -1);
  /* g_utf8_strup turns ß into SS already. */
  upper = g_utf8_strup (valid, -1);
  out = g_string_new (NULL);

  for (const char *p = upper; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (transliterations); i++)
        if (transliterations[i].c == c)
          {
            g_string_append (out, simple ? transliterations[i].simple : transliterations[i].icao);
            done = TRUE;
            break;
          }
      if (done)
        continue;

      /* Apostrophes are left out of an MRZ name: O'Brien → OBRIEN. */
      if (c == '\'' || c == 0x2019 || c == 0x2018 || c == '`' || c == 0x02BC)
        continue;

      if (c < 0x80)
        {
          if (g_ascii_isalpha (c))
            g_string_append_c (out, (char) c);
          else
            g_string_append_c (out, ' ');
          continue;
        }

      /* Otherwise the letter without its accents (É → E, Ç → C, Ñ → N). */
      {
        gunichar decomposed[8];
        gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

        if (n > 0 && decomposed[0] < 0x80 && g_ascii_isalpha (decomposed[0]))
          g_string_append_c (out, g_ascii_toupper ((char) decomposed[0]));
        else if (!g_unichar_ismark (c))
          g_string_append_c (out, ' ');
      }
    }

  return g_string_free (out, FALSE);
}

/* A spelling that forgets how umlauts were written (AE, OE, UE, AA → A, O, U, A), applied to
 * both sides when the person left the accents out: MAENNIK and MANNIK meet as MANNIK. */
static char *
loose_form (const char *token)
{
  GString *out = g_string_new (NULL);

  for (const char *p = token; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if ((p[0] == 'A' || p[0] == 'O' || p[0] == 'U') && p[1] == 'E')
        p++;
      else if (p[0] == 'A' && p[1] == 'A')
        p++;
    }

  return g_string_free (out, FALSE);
}

static GStrv
tokens_of (const char *text,
           gboolean    loose)
{
  g_auto (GStrv) parts = g_strsplit_set (text, " <", -1);
  g_autoptr (GPtrArray) tokens = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (tokens, loose ? loose_form (parts[i]) : g_strdup (parts[i]));

  g_ptr_array_add (tokens, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
}

/* Takes @token out of @pool (matching exactly, or as a prefix when @prefix_ok), so that each
 * word of the request answers for one word of the MRZ. */
static gboolean
take_token (GPtrArray  *pool,
            const char *token,
            gboolean    prefix_ok,
            gboolean   *was_prefix)
{
  for (guint i = 0; i < pool->len; i++)
    if (g_str_equal (g_ptr_array_index (pool, i), token))
      {
        g_ptr_array_remove_index (pool, i);
        return TRUE;
      }

  if (prefix_ok)
    for (guint i = 0; i < pool->len; i++)
      if (g_str_has_prefix (g_ptr_array_index (pool, i), token))
        {
          g_ptr_array_remove_index (pool, i);
          *was_prefix = TRUE;
          return TRUE;
        }

  return FALSE;
}

static RdMrzMatch
match_name (const RdMrz *mrz,
            const char  *subject,
            gboolean     simple,
            gboolean     loose,
            GString     *detail)
{
  g_autofree char *form = rd_mrz_transliterate (subject, simple);
  g_auto (GStrv) subject_tokens = tokens_of (form, loose);
  g_auto (GStrv) surname = tokens_of (mrz->surname ? mrz->surname : "", loose);
  g_auto (GStrv) given = tokens_of (mrz->given_names ? mrz->given_names : "", loose);
  g_autoptr (GPtrArray) pool = g_ptr_array_new ();
  guint n_surname = g_strv_length (surname);
  guint n_given = g_strv_length (given);
  guint given_found = 0;
  gboolean truncated_prefix = FALSE;

  for (guint i = 0; subject_tokens[i] != NULL; i++)
    g_ptr_array_add (pool, subject_tokens[i]);

  /* The last word of a truncated MRZ name may be cut short. */
  for (guint i = 0; i < n_surname; i++)
    {
      gboolean last = mrz->name_truncated && n_given == 0 && i + 1 == n_surname;

      if (!take_token (pool, surname[i], last, &truncated_prefix))
        {
          g_string_assign (detail, "");
          /* Translators: %s is a surname as written in the MRZ */
          g_string_append_printf (detail, _("The surname %s is not in the name given"),
                                  mrz->surname);
          return RD_MRZ_MATCH_MISMATCH;
        }
    }

  for (guint i = 0; i < n_given; i++)
    {
      gboolean last = mrz->name_truncated && i + 1 == n_given;

      if (take_token (pool, given[i], last, &truncated_prefix))
        given_found++;
    }

  if (n_surname == 0 && given_found == 0)
    {
      g_string_assign (detail, _("None of the names in the MRZ is in the name given"));
      return RD_MRZ_MATCH_MISMATCH;
    }

  if (n_given > 0 && given_found == 0)
    {
      g_string_assign (detail, "");
      /* Translators: %s are given names as written in the MRZ */
      g_string_append_printf (detail, _("None of the given names %s is in the name given"),
                              mrz->given_names);
      return RD_MRZ_MATCH_MISMATCH;
    }

  if (given_found == n_given && pool->len == 0 && !truncated_prefix)
    {
      g_string_assign (detail, _("The names are the same"));
      return RD_MRZ_MATCH_EXACT;
    }

  if (truncated_prefix)
    g_string_assign (detail, _("The names agree as far as the truncated MRZ name goes"));
  else if (given_found < n_given)
    g_string_assign (detail, _("The MRZ has given names that the name given leaves out"));
  else
    g_string_assign (detail, _("The name given has names that the MRZ leaves out"));
  return RD_MRZ_MATCH_PROBABLE;
}

RdMrzIdentityMatch *
rd_mrz_compare_identity (const RdMrz  *mrz,
                         const char   *subject_name,
                         const char   *subject_birth_date,
                         GError      **error)
{
  g_autoptr (RdMrzIdentityMatch) match = NULL;

  g_return_val_if_fail (mrz != NULL, NULL);

  match = g_new0 (RdMrzIdentityMatch, 1);

  if (subject_name != NULL && subject_name[0] != '\0')
    {
      g_autoptr (GString) full = g_string_new (NULL);
      g_autoptr (GString) simple = g_string_new (NULL);
      g_autoptr (GString) loose = g_string_new (NULL);
      RdMrzMatch a, b, c;

      /* Issuers write Ä as AE (ICAO) or A; the better reading wins. */
      a = match_name (mrz, subject_name, FALSE, FALSE, full);
      b = match_name (mrz, subject_name, TRUE, FALSE, simple);
      if (b != RD_MRZ_MATCH_MISMATCH && (a == RD_MRZ_MATCH_MISMATCH || b < a))
        {
          match->name = b;
          match->name_detail = g_strdup (simple->str);
        }
      else
        {
          match->name = a;
          match->name_detail = g_strdup (full->str);
        }

      /* The person may have left the accents out (Mannik for Männik, MRZ MAENNIK): at best
       * probable, for the officer to confirm. */
      if (match->name == RD_MRZ_MATCH_MISMATCH)
        {
          c = match_name (mrz, subject_name, FALSE, TRUE, loose);
          if (c != RD_MRZ_MATCH_MISMATCH)
            {
              match->name = RD_MRZ_MATCH_PROBABLE;
              g_free (match->name_detail);
              match->name_detail = g_strdup (_("The names agree if accents were left out"));
            }
        }
    }
  else
    {
      match->name = RD_MRZ_MATCH_UNKNOWN;
      match->name_detail = g_strdup (_("No name is held for the subject"));
    }

  if (subject_birth_date != NULL && subject_birth_date[0] != '\0')
    {
      GDate date;
      char wanted[7];
      const char *written = mrz->birth_date_mrz ? mrz->birth_date_mrz : "<<<<<<";
      gboolean known = FALSE, differ = FALSE;

      if (!rd_date_parse (subject_birth_date, &date, error))
        return NULL;

      /* Compare the six characters, not the resolved date: the century is a guess. */
      g_snprintf (wanted, sizeof wanted, "%02u%02u%02u",
                  (guint) g_date_get_year (&date) % 100, (guint) g_date_get_month (&date),
                  (guint) g_date_get_day (&date));
      for (guint i = 0; i < 6 && written[i] != '\0'; i++)
        {
          if (written[i] == '<')
            continue;
          known = TRUE;
          if (written[i] != wanted[i])
            differ = TRUE;
        }

      if (!known)
        {
          match->birth_date = RD_MRZ_MATCH_UNKNOWN;
          match->birth_date_detail = g_strdup (_("The MRZ does not give the date of birth"));
        }
      else if (differ)
        {
          match->birth_date = RD_MRZ_MATCH_MISMATCH;
          match->birth_date_detail = g_strdup (_("The dates of birth differ"));
        }
      else if (strchr (written, '<') != NULL)
        {
          match->birth_date = RD_MRZ_MATCH_PROBABLE;
          match->birth_date_detail = g_strdup (_("The known parts of the date of birth agree"));
        }
      else
        {
          match->birth_date = RD_MRZ_MATCH_EXACT;
          match->birth_date_detail = g_strdup (_("The dates of birth are the same"));
        }
    }
  else
    {
      match->birth_date = RD_MRZ_MATCH_UNKNOWN;
      match->birth_date_detail = g_strdup (_("No date of birth is held for the subject"));
    }

  return g_steal_pointer (&match);
}

void
rd_mrz_identity_match_free (RdMrzIdentityMatch *match)
{
  if (match == NULL)
    return;

  g_free (match->name_detail);
  g_free (match->birth_date_detail);
  g_free (match);
}

JsonNode *
rd_mrz_identity_match_to_json (const RdMrzIdentityMatch *match)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (match != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "name", rd_mrz_match_to_string (match->name));
  add_string (builder, "name_detail", match->name_detail);
  add_string (builder, "birth_date", rd_mrz_match_to_string (match->birth_date));
  add_string (builder, "birth_date_detail", match->birth_date_detail);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
