/* rd-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-json-writer"

#include "config.h"

#include <math.h>

#include "rd-date.h"
#include "rd-json-writer.h"

#define FLUSH_AT 65536
#define MAX_DEPTH 64

struct _RdJsonWriter
{
  FILE    *out;
  GString *buffer;
  guint    depth;
  gboolean need_comma[MAX_DEPTH];
  gboolean after_key;
};

RdJsonWriter *
rd_json_writer_new (FILE *out)
{
  RdJsonWriter *self = g_new0 (RdJsonWriter, 1);

  self->out = out;
  self->buffer = g_string_sized_new (out ? FLUSH_AT + 1024 : 256);
  return self;
}

static void
maybe_flush (RdJsonWriter *self)
{
  if (self->out != NULL && self->buffer->len >= FLUSH_AT)
    {
      fwrite (self->buffer->str, 1, self->buffer->len, self->out);
      g_string_truncate (self->buffer, 0);
    }
}

/* Called before every value: a comma between siblings, none after a key. */
static void
separate (RdJsonWriter *self)
{
  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }

  if (self->need_comma[self->depth])
    g_string_append_c (self->buffer, ',');
  self->need_comma[self->depth] = TRUE;
}

static void
open_container (RdJsonWriter *self,
                char          c)
{
  separate (self);
  g_string_append_c (self->buffer, c);
  g_return_if_fail (self->depth + 1 < MAX_DEPTH);
  self->need_comma[++self->depth] = FALSE;
}

static void
close_container (RdJsonWriter *self,
                 char          c)
{
  g_return_if_fail (self->depth > 0);
  self->depth--;
  g_string_append_c (self->buffer, c);
  if (self->depth == 0)
    g_string_append_c (self->buffer, '\n');
  maybe_flush (self);
}

void
rd_json_writer_begin_object (RdJsonWriter *self)
{
  open_container (self, '{');
}

void
rd_json_writer_end_object (RdJsonWriter *self)
{
  close_container (self, '}');
}

void
rd_json_writer_begin_array (RdJsonWriter *self)
{
  open_container (self, '[');
}

void
rd_json_writer_end_array (RdJsonWriter *self)
{
  close_container (self, ']');
}

static void
append_escaped (GString    *buffer,
                const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  const char *p;

  g_string_append_c (buffer, '"');
  for (p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (buffer, run, p - run);
      switch (c)
        {
        case '"': g_string_append (buffer, "\\\""); break;
        case '\\': g_string_append (buffer, "\\\\"); break;
        case '\n': g_string_append (buffer, "\\n"); break;
        case '\r': g_string_append (buffer, "\\r"); break;
        case '\t': g_string_append (buffer, "\\t"); break;
        default:
          g_string_append (buffer, "\\u00");
          g_string_append_c (buffer, hex[c >> 4]);
          g_string_append_c (buffer, hex[c & 0xf]);
        }
      run = p + 1;
    }
  g_string_append_len (buffer, run, p - run);
  g_string_append_c (buffer, '"');
}

void
rd_json_writer_key (RdJsonWriter *self,
                    const char   *key)
{
  separate (self);
  append_escaped (self->buffer, key);
  g_string_append_c (self->buffer, ':');
  self->after_key = TRUE;
}

void
rd_json_writer_string (RdJsonWriter *self,
                       const char   *value)
{
  if (value == NULL)
    {
      rd_json_writer_null (self);
      return;
    }

  separate (self);
  /* Text from outside (a CSV, a server) may not be UTF-8; the output must be. */
  if (g_utf8_validate (value, -1, NULL))
    append_escaped (self->buffer, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      append_escaped (self->buffer, valid);
    }
}

void
rd_json_writer_int (RdJsonWriter *self,
                    gint64        value)
{
  char digits[24];
  int n = 0;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  separate (self);
  /* printf is the slowest part of listing a million cases. */
  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) > 0);
  if (value < 0)
    g_string_append_c (self->buffer, '-');
  while (n > 0)
    g_string_append_c (self->buffer, digits[--n]);
}

void
rd_json_writer_double (RdJsonWriter *self,
                       double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      rd_json_writer_null (self);
      return;
    }

  separate (self);
  g_string_append (self->buffer, g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

void
rd_json_writer_boolean (RdJsonWriter *self,
                        gboolean      value)
{
  separate (self);
  g_string_append (self->buffer, value ? "true" : "false");
}

void
rd_json_writer_null (RdJsonWriter *self)
{
  separate (self);
  g_string_append (self->buffer, "null");
}

void
rd_json_writer_date (RdJsonWriter *self,
                     const GDate  *date)
{
  char buf[12];

  if (date == NULL || !g_date_valid (date))
    {
      rd_json_writer_null (self);
      return;
    }

  separate (self);
  {
    guint y = g_date_get_year (date), m = g_date_get_month (date), d = g_date_get_day (date);

    buf[0] = '"';
    buf[1] = '0' + y / 1000 % 10;
    buf[2] = '0' + y / 100 % 10;
    buf[3] = '0' + y / 10 % 10;
    buf[4] = '0' + y % 10;
    buf[5] = '-';
    buf[6] = '0' + m / 10;
    buf[7] = '0' + m % 10;
    buf[8] = '-';
    buf[9] = '0' + d / 10;
    buf[10] = '0' + d % 10;
    buf[11] = '"';
    g_string_append_len (self->buffer, buf, 12);
  }
}

void
rd_json_writer_strv (RdJsonWriter       *self,
                     const char * const *values)
{
  rd_json_writer_begin_array (self);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    rd_json_writer_string (self, values[i]);
  rd_json_writer_end_array (self);
}

void
rd_json_writer_raw (RdJsonWriter *self,
                    const char   *json)
{
  separate (self);
  g_string_append (self->buffer, json);
}

char *
rd_json_writer_free_to_string (RdJsonWriter *self)
{
  char *result = NULL;

  if (self->out != NULL)
    {
      fwrite (self->buffer->str, 1, self->buffer->len, self->out);
      fflush (self->out);
      g_string_free (self->buffer, TRUE);
    }
  else
    {
      /* Drop the newline that ends a top-level value: callers embed the text. */
      if (self->buffer->len > 0 && self->buffer->str[self->buffer->len - 1] == '\n')
        g_string_truncate (self->buffer, self->buffer->len - 1);
      result = g_string_free (self->buffer, FALSE);
    }

  g_free (self);
  return result;
}

void
rd_json_writer_free (RdJsonWriter *self)
{
  g_free (rd_json_writer_free_to_string (self));
}
