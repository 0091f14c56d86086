/* rd-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-csv.h"
#include "rd-error.h"

struct _RdCsvReader
{
  char      *text;      /* UTF-8, NUL-terminated */
  const char *pos;
  guint      line;
  char       delimiter;
  GPtrArray *fields;
};

static char *
to_utf8 (const char  *data,
         gsize        length,
         GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  const char *end;
  const char *p;
  guint line = 1;

  if (length >= 2 && ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff)))
    {
      g_autoptr (GError) local_error = NULL;
      const char *from = bytes[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      char *text = g_convert (data + 2, length - 2, "UTF-8", from, NULL, NULL, &local_error);

      if (text == NULL)
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("The file says it is UTF-16 but is not: %s"), local_error->message);
      return text;
    }

  if (length >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf)
    {
      data += 3;
      length -= 3;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("The file is not text (it contains NUL bytes)"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      for (p = data; p < end; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Line %u is not UTF-8 text; save the file as “CSV UTF-8” and try again"),
                   line);
      return NULL;
    }

  return g_strndup (data, length);
}

RdCsvReader *
rd_csv_reader_new (const char  *data,
                   gsize        length,
                   GError     **error)
{
  RdCsvReader *self;
  char *text;
  guint commas = 0, semicolons = 0, tabs = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = to_utf8 (data, length, error);
  if (text == NULL)
    return NULL;

  /* Spreadsheets in many European locales separate with semicolons. */
  for (const char *p = text; *p && *p != '\n'; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  self = g_new0 (RdCsvReader, 1);
  self->text = text;
  self->pos = text;
  self->line = 1;
  self->delimiter = (tabs > commas && tabs > semicolons) ? '\t' :
                    (semicolons > commas) ? ';' : ',';
  self->fields = g_ptr_array_new_with_free_func (g_free);
  return self;
}

gboolean
rd_csv_reader_next (RdCsvReader  *self,
                    GPtrArray   **fields,
                    guint        *line,
                    GError      **error)
{
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (self != NULL, FALSE);

  g_ptr_array_set_size (self->fields, 0);

  /* Blank lines between records are skipped, as spreadsheets leave them at the end. */
  while (*self->pos == '\n' || (self->pos[0] == '\r' && self->pos[1] == '\n'))
    {
      self->pos += *self->pos == '\r' ? 2 : 1;
      self->line++;
    }

  if (*self->pos == '\0')
    return FALSE;

  if (line != NULL)
    *line = self->line;

  p = self->pos;
  for (;;)
    {
      g_string_truncate (field, 0);

      if (*p == '"')
        {
          guint start_line = self->line;

          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                               _("Line %u: a quoted field is never closed"), start_line);
                  return FALSE;
                }
              if (*p == '"')
                {
                  if (p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n')
                self->line++;
              g_string_append_c (field, *p++);
            }

          if (*p != self->delimiter && *p != '\n' && *p != '\r' && *p != '\0')
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Line %u: text follows a closing quote"), self->line);
              return FALSE;
            }
        }
      else
        {
          while (*p != self->delimiter && *p != '\n' && *p != '\0' &&
                 !(p[0] == '\r' && p[1] == '\n'))
            g_string_append_c (field, *p++);
        }

      g_ptr_array_add (self->fields, g_strdup (field->str));

      if (*p == self->delimiter)
        {
          p++;
          continue;
        }

      if (*p == '\r')
        p++;
      if (*p == '\n')
        {
          p++;
          self->line++;
        }
      break;
    }

  self->pos = p;
  *fields = self->fields;
  return TRUE;
}

void
rd_csv_reader_free (RdCsvReader *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_free (self->text);
  g_free (self);
}

void
rd_csv_append_row (GString            *out,
                   const char * const *fields,
                   guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *f = fields[i] ? fields[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');

      if (strpbrk (f, ",\"\r\n") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *p = f; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, f);
    }
  g_string_append (out, "\r\n");
}
