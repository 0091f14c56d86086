/* rd-json-load.c: a pass over JSON before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that parses JSON from outside (chat exports, server replies, manifests, records)
 * goes through here. One pass over the bytes refuses nesting deeper than json-glib's stack
 * can take, and replaces the escapes json-glib would turn into text that is not UTF-8: a
 * lone surrogate (\ud800) and NUL (\u0000, which would cut the string short).
 */
#define G_LOG_DOMAIN "rd-json-load"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-json-load.h"

static int
hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

static gboolean
is_high_surrogate (int u)
{
  return u >= 0xd800 && u <= 0xdbff;
}

static gboolean
is_low_surrogate (int u)
{
  return u >= 0xdc00 && u <= 0xdfff;
}

/* The offsets of the \u escapes to replace, checked in the same pass as the depth. */
static gboolean
check (const char  *data,
       gsize        length,
       GArray      *bad,
       GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && i + 1 < length)
            {
              int u;

              i++;
              if (data[i] != 'u' || length - i < 5 || (u = hex4 (data + i + 1)) < 0)
                continue;
              if (is_high_surrogate (u) && length - i >= 11 && data[i + 5] == '\\' &&
                  data[i + 6] == 'u' && is_low_surrogate (hex4 (data + i + 7)))
                {
                  i += 10;  /* a pair: one character */
                  continue;
                }
              if (u == 0 || is_high_surrogate (u) || is_low_surrogate (u))
                {
                  gsize at = i + 1;
                  g_array_append_val (bad, at);
                }
              i += 4;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > RD_JSON_MAX_DEPTH)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("the data is nested more than %d levels deep"),
                           RD_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * rd_json_load_data:
 * @n_repaired: (out) (optional): the number of escapes replaced by U+FFFD
 *
 * json_parser_load_from_data () with a limit on nesting, and with lone surrogates and NUL
 * escapes replaced by U+FFFD, so that every string in the tree is whole, valid UTF-8.
 */
gboolean
rd_json_load_data (JsonParser  *parser,
                   const char  *data,
                   gssize       length,
                   guint       *n_repaired,
                   GError     **error)
{
  g_autoptr (GArray) bad = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *copy = NULL;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (data);
  if (n_repaired != NULL)
    *n_repaired = 0;
  if (!check (data, length, bad, error))
    return FALSE;

  if (bad->len > 0)
    {
      copy = g_memdup2 (data, length);
      for (guint i = 0; i < bad->len; i++)
        memcpy (copy + g_array_index (bad, gsize, i), "fffd", 4);
      data = copy;
      if (n_repaired != NULL)
        *n_repaired = bad->len;
    }
  return json_parser_load_from_data (parser, data, length, error);
}
