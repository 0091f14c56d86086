/* rd-package.c: the response package of an access or portability request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-package"

#include "config.h"

#include <archive.h>
#include <errno.h>
#include <stdio.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "rd-audit.h"
#include "rd-csv.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-load.h"
#include "rd-json-writer.h"
#include "rd-jurisdiction.h"
#include "rd-package.h"
#include "rd-pdf-layout.h"
#include "rd-redaction.h"
#include "rd-report-pdf.h"
#include "rd-schema-resources.h"
#include "rd-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Zip */

RdZipEntry *
rd_zip_entry_new (const char *name,
                  GBytes     *content)
{
  RdZipEntry *entry;

  g_return_val_if_fail (name != NULL && content != NULL, NULL);

  entry = g_new0 (RdZipEntry, 1);
  entry->name = g_strdup (name);
  entry->content = g_bytes_ref (content);
  return entry;
}

void
rd_zip_entry_free (RdZipEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_bytes_unref (entry->content);
  g_free (entry);
}

char *
rd_zip_safe_name (const char *name)
{
  GString *out = g_string_new (NULL);
  const char *base;

  g_return_val_if_fail (name != NULL, NULL);

  /* Only the last component: a document named "../../x" must not escape the folder. */
  base = strrchr (name, '/');
  base = base ? base + 1 : name;
  if (strrchr (base, '\\'))
    base = strrchr (base, '\\') + 1;
  while (*base == '.')
    base++;

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c < 0x20 || c == 0x7f || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
          c == '>' || c == '|')
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    g_string_append (out, "document");
  return g_string_free (out, FALSE);
}

static la_ssize_t
zip_write_cb (struct archive *a,
              void           *data,
              const void     *buffer,
              size_t          length)
{
  g_byte_array_append (data, buffer, length);
  return length;
}

static gboolean
archive_failed (struct archive  *a,
                int              rc,
                GError         **error)
{
  if (rc >= ARCHIVE_WARN)
    return FALSE;
  g_set_error (error, RD_ERROR, RD_ERROR_IO,
               /* Translators: %s is libarchive's description of the failure */
               _("Could not build the zip file: %s"),
               archive_error_string (a) ? archive_error_string (a) : _("unknown error"));
  return TRUE;
}

GBytes *
rd_zip_build (GPtrArray   *entries,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  struct archive *a;
  time_t now = time (NULL);
  gboolean ok = FALSE;

  g_return_val_if_fail (entries != NULL, NULL);

  a = archive_write_new ();
  if (archive_failed (a, archive_write_set_format_zip (a), error))
    goto out;
  if (passphrase != NULL &&
      (archive_failed (a, archive_write_set_options (a, "zip:encryption=aes256"), error) ||
       archive_failed (a, archive_write_set_passphrase (a, passphrase), error)))
    goto out;
  if (archive_failed (a, archive_write_open (a, out, NULL, zip_write_cb, NULL), error))
    goto out;

  for (guint i = 0; i < entries->len; i++)
    {
      RdZipEntry *e = g_ptr_array_index (entries, i);
      struct archive_entry *entry = archive_entry_new ();
      gsize size;
      gconstpointer data = g_bytes_get_data (e->content, &size);
      int rc;

      archive_entry_set_pathname_utf8 (entry, e->name);
      archive_entry_set_size (entry, size);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_mtime (entry, now, 0);
      rc = archive_write_header (a, entry);
      archive_entry_free (entry);
      if (archive_failed (a, rc, error))
        goto out;
      if (size > 0 && archive_write_data (a, data, size) != (la_ssize_t) size)
        {
          archive_failed (a, ARCHIVE_FATAL, error);
          goto out;
        }
    }
  if (archive_failed (a, archive_write_close (a), error))
    goto out;
  ok = TRUE;

out:
  archive_write_free (a);
  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

/* Fills @buf from the kernel's random source. */
static void
random_bytes (guint8 *buf,
              gsize   length)
{
  gsize got = 0;

  while (got < length)
    {
      ssize_t n = getrandom (buf + got, length - got, 0);

      if (n > 0)
        got += n;
      else if (n < 0 && errno != EINTR)
        {
          FILE *urandom = fopen ("/dev/urandom", "rb");

          /* Without any source of randomness no passphrase can be made safely. */
          if (urandom == NULL || fread (buf + got, 1, length - got, urandom) != length - got)
            g_error ("No source of random numbers for a passphrase");
          fclose (urandom);
          return;
        }
    }
}

char *
rd_package_new_passphrase (void)
{
  /* No 0/O, 1/I/L: the passphrase is read aloud or typed from a screen. */
  static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  guint8 random[24];
  GString *out = g_string_new (NULL);

  random_bytes (random, sizeof random);
  for (guint i = 0; i < sizeof random; i++)
    {
      /* 248 is the largest multiple of 31 below 256: redraw above it to keep letters even. */
      while (random[i] >= 248)
        random_bytes (&random[i], 1);
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, alphabet[random[i] % 31]);
    }
  memset (random, 0, sizeof random);
  return g_string_free (out, FALSE);
}

void
rd_package_result_free (RdPackageResult *result)
{
  if (result == NULL)
    return;
  g_free (result->sha256);
  if (result->passphrase)
    {
      memset (result->passphrase, 0, strlen (result->passphrase));
      g_free (result->passphrase);
    }
  g_strfreev (result->missing);
  g_strfreev (result->unreviewed);
  g_free (result);
}

/* ------------------------------------------------------------------------------------------ */
/* The subject's data */

typedef struct
{
  char *path;
  char *value;
} Field;

typedef struct
{
  RdDocument *info;
  char           *file;      /* path inside the zip */
  GBytes         *content;
  GPtrArray      *fields;    /* Field, for records */
} PackedDocument;

static void
field_free (Field *f)
{
  g_free (f->path);
  g_free (f->value);
  g_free (f);
}

static void
packed_document_free (PackedDocument *d)
{
  rd_document_free (d->info);
  g_free (d->file);
  g_bytes_unref (d->content);
  g_clear_pointer (&d->fields, g_ptr_array_unref);
  g_free (d);
}

/* XML 1.0 forbids most control characters; they become U+FFFD in every format alike. */
static char *
clean_text (const char *text,
            gssize      length)
{
  GString *out;
  const char *end;
  const char *p;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, length, &end))
    return NULL;
  if (length < 0)
    length = end - text;
  out = g_string_sized_new (length);
  for (p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
flatten (JsonNode   *node,
         const char *path,
         GPtrArray  *fields)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_node_get_object (node);
        g_autoptr (GList) members = json_object_get_members (o);

        for (GList *l = members; l != NULL; l = l->next)
          {
            g_autofree char *child = *path ? g_strdup_printf ("%s.%s", path, (char *) l->data)
                                           : g_strdup (l->data);

            flatten (json_object_get_member (o, l->data), child, fields);
          }
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (a); i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

            flatten (json_array_get_element (a, i), child, fields);
          }
        break;
      }
    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      {
        Field *f = g_new0 (Field, 1);
        GType type = json_node_get_value_type (node);

        f->path = clean_text (*path ? path : "value", -1);
        if (JSON_NODE_HOLDS_NULL (node))
          f->value = g_strdup ("");
        else if (type == G_TYPE_STRING)
          f->value = clean_text (json_node_get_string (node), -1);
        else if (type == G_TYPE_BOOLEAN)
          f->value = g_strdup (json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          f->value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            f->value = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
          }
        if (f->path == NULL || f->value == NULL)
          field_free (f);
        else
          g_ptr_array_add (fields, f);
        break;
      }
    }
}

/* What a record says, as path/value pairs that JSON, CSV and XML all carry alike. */
static GPtrArray *
record_fields (RdDocument *info,
               GBytes         *content)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  gsize size;
  const char *data = g_bytes_get_data (content, &size);
  gboolean json = g_strcmp0 (info->mime_type, "application/json") == 0 ||
                  g_str_has_suffix (info->name, ".json");

  if (json)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (rd_json_load_data (parser, data, size, NULL, NULL))
        {
          flatten (json_parser_get_root (parser), "", fields);
          return fields;
        }
    }

  if (g_str_has_prefix (info->mime_type, "text/") || json)
    {
      g_autofree char *text = clean_text (data, size);

      if (text != NULL)
        {
          Field *f = g_new0 (Field, 1);

          f->path = g_strdup ("content");
          f->value = g_steal_pointer (&text);
          g_ptr_array_add (fields, f);
        }
    }
  return fields;
}

typedef struct
{
  RdCase          *item;
  RdClientRecords *records;
  GPtrArray       *records_docs;     /* PackedDocument */
  GPtrArray       *transcripts;      /* PackedDocument */
  GPtrArray       *unreviewed;       /* names of transcripts left out, undecided */
  char            *created;          /* UTC ISO 8601 */
  GDate            today;
} Package;

static void
json_add_list (JsonBuilder        *b,
               const char         *name,
               const char * const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
json_add_date (JsonBuilder *b,
               const char  *name,
               const GDate *date)
{
  json_builder_set_member_name (b, name);
  if (date != NULL && g_date_valid (date))
    {
      g_autofree char *text = rd_date_format (date);
      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_null_value (b);
}

static void
json_add_documents (JsonBuilder *b,
                    GPtrArray   *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (docs, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, d->info->kind);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, d->info->name);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, d->file);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, d->info->sha256);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, (gint64) d->info->size);
      json_builder_end_object (b);
    }
}

static GBytes *
subject_json (Package *pkg)
{
  RdCase *item = pkg->item;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  char *text;
  gsize length;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, RD_PACKAGE_XML_NAMESPACE);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, pkg->created);

  json_builder_set_member_name (b, "request");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reference");
  json_builder_add_string_value (b, rd_case_get_reference (item));
  json_builder_set_member_name (b, "controller");
  json_builder_add_string_value (b, rd_case_get_client (item));
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, rd_request_type_to_string (rd_case_get_request_type (item)));
  json_builder_set_member_name (b, "jurisdiction");
  json_builder_add_string_value (b, rd_case_get_jurisdiction (item));
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, rd_channel_to_string (rd_case_get_channel (item)));
  json_add_date (b, "received", rd_case_get_received (item));
  json_add_date (b, "response_date", rd_case_get_response_date (item));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, rd_case_get_subject_name (item));
  json_add_list (b, "emails", rd_case_get_subject_emails (item));
  json_add_list (b, "phones", rd_case_get_subject_phones (item));
  json_builder_set_member_name (b, "address");
  if (rd_case_get_subject_address (item))
    json_builder_add_string_value (b, rd_case_get_subject_address (item));
  else
    json_builder_add_null_value (b);
  json_add_list (b, "accounts", rd_case_get_subject_accounts (item));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = 0; i < pkg->records_docs->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (pkg->records_docs, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, d->info->name);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, d->file);
      json_builder_set_member_name (b, "source");
      if (d->info->source)
        json_builder_add_string_value (b, d->info->source);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "media_type");
      json_builder_add_string_value (b, d->info->mime_type);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, d->info->sha256);
      json_builder_set_member_name (b, "fields");
      json_builder_begin_array (b);
      for (guint f = 0; f < d->fields->len; f++)
        {
          Field *field = g_ptr_array_index (d->fields, f);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "path");
          json_builder_add_string_value (b, field->path);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, field->value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  json_add_documents (b, pkg->records_docs);
  json_add_documents (b, pkg->transcripts);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &length);
  return g_bytes_new_take (text, length);
}

static void
csv_line (GString    *out,
          const char *section,
          const char *record,
          const char *field,
          const char *value)
{
  const char *fields[] = { section, record ? record : "", field, value ? value : "" };

  rd_csv_append_row (out, fields, 4);
}

static GBytes *
subject_csv (Package *pkg)
{
  RdCase *item = pkg->item;
  GString *out = g_string_new (NULL);
  g_autofree char *received = rd_date_format (rd_case_get_received (item));
  g_autofree char *response = g_date_valid (rd_case_get_response_date (item))
                                ? rd_date_format (rd_case_get_response_date (item)) : NULL;
  const char * const *lists[] = {
    rd_case_get_subject_emails (item), rd_case_get_subject_phones (item),
    rd_case_get_subject_accounts (item),
  };
  static const char * const list_names[] = { "email", "phone", "account" };

  csv_line (out, "section", "record", "field", "value");
  csv_line (out, "request", NULL, "reference", rd_case_get_reference (item));
  csv_line (out, "request", NULL, "controller", rd_case_get_client (item));
  csv_line (out, "request", NULL, "type",
            rd_request_type_to_string (rd_case_get_request_type (item)));
  csv_line (out, "request", NULL, "jurisdiction", rd_case_get_jurisdiction (item));
  csv_line (out, "request", NULL, "channel", rd_channel_to_string (rd_case_get_channel (item)));
  csv_line (out, "request", NULL, "received", received);
  if (response)
    csv_line (out, "request", NULL, "response_date", response);

  csv_line (out, "subject", NULL, "name", rd_case_get_subject_name (item));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      csv_line (out, "subject", NULL, list_names[l], lists[l][i]);
  if (rd_case_get_subject_address (item))
    csv_line (out, "subject", NULL, "address", rd_case_get_subject_address (item));

  for (guint i = 0; i < pkg->records_docs->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (pkg->records_docs, i);

      for (guint f = 0; f < d->fields->len; f++)
        {
          Field *field = g_ptr_array_index (d->fields, f);

          csv_line (out, "record", d->info->name, field->path, field->value);
        }
    }
  return g_string_free_to_bytes (out);
}

static void
xml_element (xmlTextWriterPtr  w,
             const char       *name,
             const char       *value)
{
  if (value == NULL)
    return;
  xmlTextWriterWriteElement (w, BAD_CAST name, BAD_CAST value);
}

static void
xml_documents (xmlTextWriterPtr  w,
               GPtrArray        *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (docs, i);
      g_autofree char *bytes = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d->info->size);

      xmlTextWriterStartElement (w, BAD_CAST "document");
      xmlTextWriterWriteAttribute (w, BAD_CAST "kind", BAD_CAST d->info->kind);
      xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST d->info->name);
      xmlTextWriterWriteAttribute (w, BAD_CAST "file", BAD_CAST d->file);
      xmlTextWriterWriteAttribute (w, BAD_CAST "sha256", BAD_CAST d->info->sha256);
      xmlTextWriterWriteAttribute (w, BAD_CAST "bytes", BAD_CAST bytes);
      xmlTextWriterEndElement (w);
    }
}

static GBytes *
subject_xml (Package  *pkg,
             GError  **error)
{
  RdCase *item = pkg->item;
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr w = xmlNewTextWriterMemory (buffer, 0);
  g_autofree char *received = rd_date_format (rd_case_get_received (item));
  g_autofree char *response = g_date_valid (rd_case_get_response_date (item))
                                ? rd_date_format (rd_case_get_response_date (item)) : NULL;
  const char * const *emails = rd_case_get_subject_emails (item);
  const char * const *phones = rd_case_get_subject_phones (item);
  const char * const *accounts = rd_case_get_subject_accounts (item);
  GBytes *result = NULL;
  int rc;

  if (w == NULL)
    {
      xmlBufferFree (buffer);
      g_set_error_literal (error, RD_ERROR, RD_ERROR_IO, _("Could not write the XML data"));
      return NULL;
    }

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (w, NULL, BAD_CAST "accessPackage",
                               BAD_CAST RD_PACKAGE_XML_NAMESPACE);
  xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1");
  xmlTextWriterWriteAttribute (w, BAD_CAST "created", BAD_CAST pkg->created);

  xmlTextWriterStartElement (w, BAD_CAST "request");
  xml_element (w, "reference", rd_case_get_reference (item));
  xml_element (w, "controller", rd_case_get_client (item));
  xml_element (w, "type", rd_request_type_to_string (rd_case_get_request_type (item)));
  xml_element (w, "jurisdiction", rd_case_get_jurisdiction (item));
  xml_element (w, "channel", rd_channel_to_string (rd_case_get_channel (item)));
  xml_element (w, "received", received);
  xml_element (w, "responseDate", response);
  xmlTextWriterEndElement (w);

  xmlTextWriterStartElement (w, BAD_CAST "subject");
  xml_element (w, "name", rd_case_get_subject_name (item));
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    xml_element (w, "email", emails[i]);
  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    xml_element (w, "phone", phones[i]);
  xml_element (w, "address", rd_case_get_subject_address (item));
  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    xml_element (w, "account", accounts[i]);
  xmlTextWriterEndElement (w);

  xmlTextWriterStartElement (w, BAD_CAST "records");
  for (guint i = 0; i < pkg->records_docs->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (pkg->records_docs, i);

      xmlTextWriterStartElement (w, BAD_CAST "record");
      xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST d->info->name);
      xmlTextWriterWriteAttribute (w, BAD_CAST "file", BAD_CAST d->file);
      if (d->info->source)
        xmlTextWriterWriteAttribute (w, BAD_CAST "source", BAD_CAST d->info->source);
      xmlTextWriterWriteAttribute (w, BAD_CAST "mediaType", BAD_CAST d->info->mime_type);
      xmlTextWriterWriteAttribute (w, BAD_CAST "sha256", BAD_CAST d->info->sha256);
      for (guint f = 0; f < d->fields->len; f++)
        {
          Field *field = g_ptr_array_index (d->fields, f);

          xmlTextWriterStartElement (w, BAD_CAST "field");
          xmlTextWriterWriteAttribute (w, BAD_CAST "path", BAD_CAST field->path);
          xmlTextWriterWriteString (w, BAD_CAST field->value);
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);

  xmlTextWriterStartElement (w, BAD_CAST "documents");
  xml_documents (w, pkg->records_docs);
  xml_documents (w, pkg->transcripts);
  xmlTextWriterEndElement (w);

  xmlTextWriterEndElement (w);
  rc = xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);

  if (rc < 0)
    g_set_error_literal (error, RD_ERROR, RD_ERROR_IO, _("Could not write the XML data"));
  else
    result = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return result;
}

/* ------------------------------------------------------------------------------------------ */
/* The cover letter */

typedef struct
{
  const char *label;
  const char *value;
  const char *fallback;   /* fixed text where the law gives it; NULL: a missing record */
} LetterItem;

/* Where the requester can turn, by law: the records of processing may say it better. */
static const char *
regime_authority (const char *jurisdiction)
{
  static const struct
  {
    const char *id;
    const char *text;
  } authorities[] = {
    { "eu-gdpr", N_("You may lodge a complaint with a supervisory authority, in particular in the "
                    "Member State of your habitual residence, place of work or place of the "
                    "alleged infringement, and seek a judicial remedy.") },
    { "uk-gdpr", N_("You may complain to the Information Commissioner’s Office (ico.org.uk, "
                    "0303 123 1113) and seek a judicial remedy.") },
    { "us-ca-ccpa", N_("You may contact the California Privacy Protection Agency (cppa.ca.gov) or "
                       "the Attorney General of California.") },
    { "us-va-vcdpa", N_("If we decline to act on any part of your request, you may appeal to us; "
                        "if the appeal is denied, you may complain to the Attorney General of "
                        "Virginia.") },
    { "us-co-cpa", N_("If we decline to act on any part of your request, you may appeal to us; "
                      "if the appeal is denied, you may complain to the Attorney General of "
                      "Colorado.") },
    { "us-ct-ctdpa", N_("If we decline to act on any part of your request, you may appeal to us; "
                        "if the appeal is denied, you may complain to the Attorney General of "
                        "Connecticut.") },
    { "br-lgpd", N_("You may petition the National Data Protection Authority (ANPD) about how we "
                    "handle your data (LGPD Art. 18 §1).") },
    { "ca-pipeda", N_("You may complain to the Office of the Privacy Commissioner of Canada "
                      "(priv.gc.ca).") },
    { "ch-fadp", N_("You may contact the Federal Data Protection and Information Commissioner "
                    "(FDPIC, edoeb.admin.ch) and seek a remedy in the courts.") },
    { "au-privacy-act", N_("You may complain to us and, if you are not satisfied with our answer, "
                           "to the Office of the Australian Information Commissioner "
                           "(oaic.gov.au).") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (authorities); i++)
    if (g_str_equal (jurisdiction, authorities[i].id))
      return _(authorities[i].text);
  return _("You may complain to the authority that oversees data protection where you live.");
}

static GBytes *
cover_letter (Package       *pkg,
              GPtrArray     *files,
              RdPaper        paper,
              GPtrArray     *missing,
              GError       **error)
{
  RdCase *item = pkg->item;
  RdClientRecords *r = pkg->records;
  const char *jurisdiction = rd_case_get_jurisdiction (item);
  g_autoptr (RdJurisdiction) law = rd_jurisdiction_lookup (jurisdiction, NULL);
  gboolean ccpa = g_str_equal (jurisdiction, "us-ca-ccpa");
  /* Article 15's letter for the GDPR and the UK GDPR; for other laws one that cites theirs. */
  gboolean gdpr = g_str_equal (jurisdiction, "eu-gdpr") || g_str_equal (jurisdiction, "uk-gdpr");
  const char *law_name = law ? rd_jurisdiction_get_name (law) : jurisdiction;
  const char *access_citation = law ? rd_jurisdiction_get_access_citation (law) : jurisdiction;
  g_autofree char *received = rd_date_format (rd_case_get_received (item));
  g_autofree char *today = rd_date_format (&pkg->today);
  g_autofree char *footer = g_strdup_printf ("%s · %s", rd_case_get_client (item),
                                             rd_case_get_reference (item));
  g_autoptr (RdPdfLayout) layout = rd_pdf_layout_new (footer, footer);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) file_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *name = rd_case_get_subject_name (item);
  const char *facts[] = {
    _("Our reference"), rd_case_get_reference (item),
    _("Request received"), received,
    _("Controller"), rd_case_get_client (item),
    _("Date"), today,
    NULL,
  };
  static const double widths[] = { 1.25, 3.75 };
  static const RdPdfAlign aligns[] = { RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT };
  static const double file_widths[] = { 2.2, 2.8 };
  LetterItem gdpr_items[] = {
    { N_("(a) Purposes"), r->purposes, NULL },
    { N_("(b) Categories of personal data"), r->data_categories, NULL },
    { N_("(c) Recipients"), r->recipients, NULL },
    { N_("(d) Retention"), r->retention, NULL },
    { N_("(e) Your rights"), NULL,
      N_("You may ask us to rectify or erase your personal data, to restrict its processing, "
         "and object to its processing (Articles 16 to 18 and 21).") },
    { N_("(f) Complaints"), r->authority, regime_authority (jurisdiction) },
    { N_("(g) Source"), r->sources, NULL },
    { N_("(h) Automated decisions"), r->automated_decisions, NULL },
    { N_("Art. 15(2) Transfers"), r->transfers, NULL },
  };
  LetterItem ccpa_items[] = {
    { N_("(a)(1) Categories of personal information collected"), r->data_categories, NULL },
    { N_("(a)(2) Categories of sources"), r->sources, NULL },
    { N_("(a)(3) Business or commercial purposes"), r->purposes, NULL },
    { N_("(a)(4) Categories of third parties"), r->recipients, NULL },
    { N_("(a)(5) Specific pieces of personal information"), NULL,
      N_("Enclosed in data/subject-data.json, .csv and .xml, and the files listed below.") },
    { N_("Retention"), r->retention, NULL },
    { N_("Your rights"), NULL,
      N_("You may also ask us to delete or correct your personal information, to opt out of "
         "its sale or sharing and to limit the use of sensitive personal information, "
         "without discrimination (Civ. Code §§ 1798.105, 1798.106, 1798.120, 1798.121, "
         "1798.125).") },
    { N_("Complaints"), r->authority, regime_authority (jurisdiction) },
  };
  LetterItem other_items[] = {
    { N_("Purposes"), r->purposes, NULL },
    { N_("Categories of personal data"), r->data_categories, NULL },
    { N_("Recipients"), r->recipients, NULL },
    { N_("Retention"), r->retention, NULL },
    { N_("Source"), r->sources, NULL },
    { N_("Your rights"), NULL,
      N_("You may also ask us to correct or delete your personal data, as the law allows.") },
    { N_("Complaints"), r->authority, regime_authority (jurisdiction) },
  };
  LetterItem *items = ccpa ? ccpa_items : gdpr ? gdpr_items : other_items;
  guint n_items = ccpa ? G_N_ELEMENTS (ccpa_items)
                       : gdpr ? G_N_ELEMENTS (gdpr_items) : G_N_ELEMENTS (other_items);
  g_autofree char *greeting = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *closing = NULL;
  g_autofree char *title = NULL;
  g_autofree char *law_upper = g_utf8_strup (gdpr ? access_citation : law_name, -1);

  if (ccpa)
    title = g_strdup (_("YOUR REQUEST TO KNOW · CAL. CIV. CODE § 1798.110"));
  else
    /* Translators: the law, in capitals: "GDPR ART. 15", "CONNECTICUT DATA PRIVACY ACT" */
    title = g_strdup_printf (_("YOUR ACCESS REQUEST · %s"), law_upper);
  rd_pdf_layout_add_title (layout, title, _("A copy of your personal data"), facts);

  greeting = name ? g_markup_printf_escaped (_("Dear %s,"), name) : g_strdup (_("Hello,"));
  rd_pdf_layout_add_paragraph (layout, greeting);
  if (ccpa)
    intro = g_markup_printf_escaped (
      _("On %s you asked %s what personal information it has collected about you. This "
        "package answers that request under the California Consumer Privacy Act (Cal. Civ. "
        "Code §§ 1798.110 and 1798.130). It holds the specific pieces of personal information "
        "we found in our systems, in formats you can open and move to another service, and "
        "the information the law asks us to give you, set out below."),
      received, rd_case_get_client (item));
  else if (gdpr)
    intro = g_markup_printf_escaped (
      _("On %s you asked %s for access to your personal data. We confirm that we process "
        "personal data about you. This package holds a copy of that data (Article 15(3)) in "
        "commonly used electronic formats, and the information Article 15(1) and (2) "
        "requires, set out below. Where a document also held other people’s data, that data "
        "has been removed to protect their rights (Article 15(4))."),
      received, rd_case_get_client (item));
  else
    intro = g_markup_printf_escaped (
      /* Translators: the date, the organisation, the law's name, then its article */
      _("On %s you asked %s for access to your personal data. This package answers that "
        "request under the law that applies to it, %s (%s). It holds a copy of the personal "
        "data we found about you, in commonly used electronic formats, and the information "
        "set out below. Where a document also held other people’s data, that data has been "
        "removed to protect their rights."),
      received, rd_case_get_client (item), law_name, access_citation);
  rd_pdf_layout_add_paragraph (layout, intro);

  for (guint i = 0; i < n_items; i++)
    {
      const char *value = items[i].value;

      if (value == NULL || *value == '\0')
        {
          if (items[i].fallback != NULL)
            value = _(items[i].fallback);
          else
            {
              value = _("Not yet recorded: ask us and we will tell you.");
              g_ptr_array_add (missing, g_strdup (_(items[i].label)));
            }
        }
      {
        GStrv row = g_new0 (char *, 3);

        row[0] = g_strdup (_(items[i].label));
        row[1] = g_strdup (value);
        g_ptr_array_add (rows, row);
      }
    }
  rd_pdf_layout_add_heading (layout, ccpa ? _("What the law asks us to tell you")
                                          : _("Information about the processing"));
  {
    const char *headers[] = { _("Item"), _("Information") };

    rd_pdf_layout_add_table (layout, 2, headers, widths, aligns, rows);
  }

  for (guint i = 0; i < files->len; i++)
    {
      GStrv row = g_new0 (char *, 3);
      const char *file = ((GStrv) g_ptr_array_index (files, i))[0];

      row[0] = g_strdup (file);
      row[1] = g_strdup (((GStrv) g_ptr_array_index (files, i))[1]);
      g_ptr_array_add (file_rows, row);
    }
  rd_pdf_layout_add_heading (layout, _("What this package contains"));
  {
    const char *headers[] = { _("File"), _("Contents") };

    rd_pdf_layout_add_table (layout, 2, headers, file_widths, aligns, file_rows);
  }
  rd_pdf_layout_add_paragraph (layout,
    _("SHA256SUMS and manifest.json list the SHA-256 fingerprint of every file, so that you "
      "can check that nothing was changed on the way: <tt>sha256sum -c SHA256SUMS</tt>."));
  closing = g_markup_printf_escaped (_("Yours sincerely,\nThe privacy team, %s"),
                                     rd_case_get_client (item));
  rd_pdf_layout_add_spacer (layout, 6);
  rd_pdf_layout_add_paragraph (layout, closing);
  if (r->controller)
    {
      g_autofree char *who = g_markup_printf_escaped (_("Controller: %s"), r->controller);
      rd_pdf_layout_add_small (layout, who);
    }
  if (r->dpo)
    {
      g_autofree char *dpo = g_markup_printf_escaped (_("Data protection officer: %s"), r->dpo);
      rd_pdf_layout_add_small (layout, dpo);
    }

  {
    double width, height;
    g_autofree char *document_title = g_strdup_printf (_("Response to request %s"),
                                                       rd_case_get_reference (item));

    rd_paper_get_size (paper, &width, &height);
    return rd_pdf_layout_render_pdf (layout, width, height, document_title, error);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Export */

/* The redacted text of an original transcript whose every finding the reviewer decided in
 * the redaction editor; NULL when it was never reviewed or a finding is still undecided, so
 * that nobody else's data leaves by default. */
static RdDocument *
redact_transcript (RdStore     *store,
                   RdDocument  *info,
                   GBytes      *content,
                   GBytes     **redacted,
                   GError     **error)
{
  g_autoptr (GPtrArray) decisions = rd_store_load_redactions (store, info->id, error);
  g_autoptr (RdTranscript) transcript = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stem = NULL;
  const char *original;
  gsize length;
  RdDocument *derived;

  if (decisions == NULL || decisions->len == 0)
    return NULL;
  for (guint i = 0; i < decisions->len; i++)
    if (((RdRedaction *) g_ptr_array_index (decisions, i))->state == RD_REDACTION_PROPOSED)
      return NULL;

  transcript = rd_transcript_load (content, info->name, error);
  if (transcript == NULL)
    return NULL;
  original = rd_transcript_get_text (transcript, &length);
  text = rd_redaction_apply_text (original, length, decisions, RD_REDACTION_STYLE_TOKEN);
  length = strlen (text);

  stem = g_strdup (info->name);
  if (strrchr (stem, '.') != NULL && strrchr (stem, '.') != stem)
    *strrchr (stem, '.') = '\0';
  derived = g_new0 (RdDocument, 1);
  derived->id = info->id;
  derived->case_ref = g_strdup (info->case_ref);
  derived->kind = g_strdup ("transcript");
  derived->name = g_strdup_printf ("%s-redacted.txt", stem);
  derived->mime_type = g_strdup ("text/plain");
  derived->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
  derived->size = length;
  derived->source = g_strdup ("redaction");
  derived->created_at = g_strdup (info->created_at);
  g_date_clear (&derived->retain_until, 1);
  *redacted = g_bytes_new_take (g_steal_pointer (&text), length);
  return derived;
}

static gboolean
load_documents (RdStore    *store,
                Package    *pkg,
                GError    **error)
{
  g_autoptr (GPtrArray) docs = rd_store_list_documents (store, rd_case_get_reference (pkg->item),
                                                        error);
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (docs == NULL)
    return FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      RdDocument *info = g_ptr_array_index (docs, i);
      gboolean record = g_str_equal (info->kind, "record");
      g_autoptr (GBytes) content_override = NULL;
      g_autofree char *safe = NULL;
      g_autofree char *file = NULL;
      PackedDocument *d;

      if (!record && !rd_document_is_redacted_copy (info))
        {
          g_autoptr (GBytes) original = NULL;
          g_autoptr (GBytes) redacted = NULL;
          RdDocument *derived;

          if (!g_str_equal (info->kind, "transcript"))
            continue;
          original = rd_store_get_document_content (store, info->id, error);
          if (original == NULL)
            return FALSE;
          derived = redact_transcript (store, info, original, &redacted, error);
          if (derived == NULL && error != NULL && *error != NULL)
            return FALSE;
          if (derived == NULL)
            {
              g_ptr_array_add (pkg->unreviewed, g_strdup (info->name));
              continue;
            }
          /* From here on the package holds the redacted text in the original's place. */
          rd_document_free (g_ptr_array_index (docs, i));
          g_ptr_array_index (docs, i) = derived;
          info = derived;
          content_override = g_steal_pointer (&redacted);
        }

      safe = rd_zip_safe_name (info->name);
      file = g_strdup_printf ("%s/%s", record ? "records" : "transcripts", safe);
      if (g_hash_table_contains (used, file))
        {
          g_free (file);
          file = g_strdup_printf ("%s/%" G_GINT64_FORMAT "-%s", record ? "records" : "transcripts",
                                  info->id, safe);
        }
      g_hash_table_add (used, g_strdup (file));

      d = g_new0 (PackedDocument, 1);
      d->content = content_override != NULL
                   ? g_steal_pointer (&content_override)
                   : rd_store_get_document_content (store, info->id, error);
      if (d->content == NULL)
        {
          g_free (d);
          return FALSE;
        }
      d->info = g_steal_pointer (&g_ptr_array_index (docs, i));
      d->file = g_steal_pointer (&file);
      d->fields = record ? record_fields (d->info, d->content)
                         : g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
      g_ptr_array_add (record ? pkg->records_docs : pkg->transcripts, d);
    }
  return TRUE;
}

static void
add_file (GPtrArray  *entries,
          GPtrArray  *listing,
          const char *name,
          GBytes     *content,
          const char *description)
{
  GStrv row = g_new0 (char *, 3);

  g_ptr_array_add (entries, rd_zip_entry_new (name, content));
  row[0] = g_strdup (name);
  row[1] = g_strdup (description);
  g_ptr_array_add (listing, row);
}

static void
package_clear (Package *pkg)
{
  g_clear_object (&pkg->item);
  g_clear_pointer (&pkg->records, rd_client_records_free);
  g_clear_pointer (&pkg->records_docs, g_ptr_array_unref);
  g_clear_pointer (&pkg->transcripts, g_ptr_array_unref);
  g_clear_pointer (&pkg->unreviewed, g_ptr_array_unref);
  g_clear_pointer (&pkg->created, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Package, package_clear)

RdPackageResult *
rd_package_export (RdStore      *store,
                   const char   *reference,
                   const char   *path,
                   gboolean      encrypt,
                   RdPaper       paper,
                   GError      **error)
{
  g_auto (Package) pkg = { 0 };
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_zip_entry_free);
  g_autoptr (GPtrArray) listing = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) json = NULL, csv = NULL, xml = NULL, xsd = NULL, letter = NULL;
  g_autoptr (GBytes) zip = NULL;
  g_autoptr (RdPackageResult) result = NULL;
  g_autoptr (GString) sums = g_string_new (NULL);
  g_autoptr (RdJsonWriter) manifest = NULL;
  g_autoptr (RdJsonWriter) details = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *manifest_text = NULL;
  g_autoptr (GBytes) manifest_bytes = NULL;
  g_autoptr (GBytes) sums_bytes = NULL;
  g_autoptr (GPtrArray) letter_listing = NULL;
  RdRequestType type;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL && path != NULL, NULL);

  pkg.item = rd_store_get_case (store, reference, error);
  if (pkg.item == NULL)
    return NULL;
  type = rd_case_get_request_type (pkg.item);
  if (type != RD_REQUEST_ACCESS && type != RD_REQUEST_PORTABILITY)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   /* Translators: %s is a case reference, then a request type */
                   _("%s is a request of type “%s”: response packages are for access and "
                     "portability requests"),
                   reference, _(rd_request_type_to_label (type)));
      return NULL;
    }
  if (rd_case_get_purged (pkg.item))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   _("The case %s was purged: there is no personal data left to send"),
                   reference);
      return NULL;
    }

  pkg.records = rd_store_get_client_records (store, rd_case_get_client (pkg.item), error);
  if (pkg.records == NULL)
    return NULL;
  pkg.records_docs = g_ptr_array_new_with_free_func ((GDestroyNotify) packed_document_free);
  pkg.transcripts = g_ptr_array_new_with_free_func ((GDestroyNotify) packed_document_free);
  pkg.unreviewed = g_ptr_array_new_with_free_func (g_free);
  pkg.created = rd_timestamp_now ();
  rd_date_today (&pkg.today);
  if (!load_documents (store, &pkg, error))
    return NULL;

  json = subject_json (&pkg);
  csv = subject_csv (&pkg);
  xml = subject_xml (&pkg, error);
  if (xml == NULL)
    return NULL;
  /* Looked up in our own resource, which also makes the linker keep it. */
  xsd = g_resource_lookup_data (rd_schema_data_get_resource (), RD_PACKAGE_XSD_RESOURCE, 0,
                                error);
  if (xsd == NULL)
    return NULL;

  add_file (entries, listing, "data/subject-data.json", json,
            _("Your personal data as JSON"));
  add_file (entries, listing, "data/subject-data.csv", csv,
            _("The same data as a spreadsheet table (CSV)"));
  add_file (entries, listing, "data/subject-data.xml", xml, _("The same data as XML"));
  add_file (entries, listing, "data/subject-data.xsd", xsd, _("The XML schema of that file"));
  for (guint i = 0; i < pkg.records_docs->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (pkg.records_docs, i);
      g_autofree char *what = d->info->source
        ? g_strdup_printf (_("Record from %s"), d->info->source) : g_strdup (_("Record"));

      add_file (entries, listing, d->file, d->content, what);
    }
  for (guint i = 0; i < pkg.transcripts->len; i++)
    {
      PackedDocument *d = g_ptr_array_index (pkg.transcripts, i);

      add_file (entries, listing, d->file, d->content,
                _("Conversation with you, others’ data removed"));
    }

  /* The letter lists every file, itself and the manifests included. */
  letter_listing = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  {
    const char *own[][2] = {
      { "cover-letter.pdf", N_("This letter") },
      { "manifest.json", N_("Every file with its size and SHA-256") },
      { "SHA256SUMS", N_("The same fingerprints, for sha256sum") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (own); i++)
      {
        GStrv row = g_new0 (char *, 3);
        row[0] = g_strdup (own[i][0]);
        row[1] = g_strdup (_(own[i][1]));
        g_ptr_array_add (letter_listing, row);
      }
    for (guint i = 0; i < listing->len; i++)
      g_ptr_array_add (letter_listing, g_strdupv (g_ptr_array_index (listing, i)));
  }
  letter = cover_letter (&pkg, letter_listing, paper, missing, error);
  if (letter == NULL)
    return NULL;
  g_ptr_array_insert (entries, 0, rd_zip_entry_new ("cover-letter.pdf", letter));

  manifest = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (manifest);
  rd_json_writer_key (manifest, "reference");
  rd_json_writer_string (manifest, reference);
  rd_json_writer_key (manifest, "created");
  rd_json_writer_string (manifest, pkg.created);
  rd_json_writer_key (manifest, "files");
  rd_json_writer_begin_array (manifest);
  for (guint i = 0; i < entries->len; i++)
    {
      RdZipEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, e->content);

      rd_json_writer_begin_object (manifest);
      rd_json_writer_key (manifest, "name");
      rd_json_writer_string (manifest, e->name);
      rd_json_writer_key (manifest, "bytes");
      rd_json_writer_int (manifest, g_bytes_get_size (e->content));
      rd_json_writer_key (manifest, "sha256");
      rd_json_writer_string (manifest, sha);
      rd_json_writer_end_object (manifest);
      g_string_append_printf (sums, "%s  %s\n", sha, e->name);
    }
  rd_json_writer_end_array (manifest);
  rd_json_writer_end_object (manifest);
  manifest_text = rd_json_writer_free_to_string (g_steal_pointer (&manifest));
  manifest_bytes = g_bytes_new (manifest_text, strlen (manifest_text));
  sums_bytes = g_bytes_new (sums->str, sums->len);
  g_ptr_array_add (entries, rd_zip_entry_new ("manifest.json", manifest_bytes));
  g_ptr_array_add (entries, rd_zip_entry_new ("SHA256SUMS", sums_bytes));

  result = g_new0 (RdPackageResult, 1);
  if (encrypt)
    result->passphrase = rd_package_new_passphrase ();
  zip = rd_zip_build (entries, result->passphrase, error);
  if (zip == NULL)
    return NULL;
  result->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, zip);
  result->bytes = g_bytes_get_size (zip);
  result->n_files = entries->len;
  g_ptr_array_add (missing, NULL);
  result->missing = (GStrv) g_ptr_array_free (g_steal_pointer (&missing), FALSE);
  g_ptr_array_add (pkg.unreviewed, NULL);
  result->unreviewed = (GStrv) g_ptr_array_free (g_steal_pointer (&pkg.unreviewed), FALSE);

  /* The audit entry and the file stand or fall together. */
  details = rd_json_writer_new (NULL);
  rd_json_writer_begin_object (details);
  rd_json_writer_key (details, "sha256");
  rd_json_writer_string (details, result->sha256);
  rd_json_writer_key (details, "bytes");
  rd_json_writer_int (details, result->bytes);
  rd_json_writer_key (details, "files");
  rd_json_writer_int (details, result->n_files);
  rd_json_writer_key (details, "encrypted");
  rd_json_writer_boolean (details, encrypt);
  rd_json_writer_end_object (details);
  details_json = rd_json_writer_free_to_string (g_steal_pointer (&details));

  if (!rd_store_begin (store, error))
    return NULL;
  if (!rd_audit_append (store, reference, "package.exported", details_json, NULL, error) ||
      !rd_file_write_atomically (path, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip),
                                   error))
    {
      rd_store_rollback (store);
      return NULL;
    }
  if (!rd_store_commit (store, error))
    {
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&result);
}
