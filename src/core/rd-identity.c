/* rd-identity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-identity"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-identity.h"

GBytes *
rd_identity_prepare_file (GFile         *file,
                          gsize          size_limit,
                          char         **out_mime,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  RdDocumentFormat format = RD_DOCUMENT_FORMAT_UNKNOWN;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (out_mime != NULL, NULL);

  bytes = rd_document_load_file (file, size_limit, &format, cancellable, error);
  if (bytes == NULL)
    return NULL;

  name = g_file_get_basename (file);
  switch (format)
    {
    case RD_DOCUMENT_FORMAT_PDF:
      *out_mime = g_strdup (rd_document_format_to_mime (format));
      return g_steal_pointer (&bytes);

    case RD_DOCUMENT_FORMAT_JPEG:
    case RD_DOCUMENT_FORMAT_PNG:
    case RD_DOCUMENT_FORMAT_TIFF:
    case RD_DOCUMENT_FORMAT_WEBP:
    case RD_DOCUMENT_FORMAT_HEIF:
      /* Upright and without metadata before anything is stored: a phone photo carries where it
       * was taken (GPS), which the check does not need. */
      return rd_document_sanitize_image (bytes, 0, out_mime, NULL, NULL, error);

    case RD_DOCUMENT_FORMAT_TEXT:
    case RD_DOCUMENT_FORMAT_EMAIL:
    case RD_DOCUMENT_FORMAT_UNKNOWN:
    case RD_N_DOCUMENT_FORMATS:
    default:
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _("%s is not an identity document Rights Desk can show: attach a PDF, JPEG, "
                     "PNG, TIFF, WebP or HEIC file"), name);
      return NULL;
    }
}

gboolean
rd_identity_minimise (RdStore     *store,
                      const char  *reference,
                      const char  *reason,
                      guint       *n_purged,
                      GError     **error)
{
  g_autoptr (GPtrArray) documents = NULL;
  GDate today;
  guint n = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  documents = rd_store_list_documents (store, reference, error);
  if (documents == NULL)
    return FALSE;

  rd_date_today (&today);
  for (guint i = 0; i < documents->len; i++)
    {
      RdDocument *document = documents->pdata[i];

      if (!g_str_equal (document->kind, "id-document"))
        continue;
      /* A redacted copy the client's policy keeps stays until its date. */
      if (g_date_valid (&document->retain_until) &&
          g_date_compare (&document->retain_until, &today) >= 0)
        continue;
      if (!rd_store_purge_document (store, document->id, reason, error))
        return FALSE;
      n++;
    }

  if (n_purged != NULL)
    *n_purged = n;
  return TRUE;
}
