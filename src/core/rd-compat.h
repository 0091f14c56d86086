/* rd-compat.h: what the libraries of Debian 12 lack and newer ones have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gmime/gmime.h>
#include <poppler.h>

/* g_autoptr for poppler-glib 22.12 and GMime 3.2, which do not declare it. Include this header
 * instead of defining them again, so one translation unit never sees two definitions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

/* poppler 22.12 crashes in poppler_document_new_from_bytes() and _from_data() when a PDF's
 * password is missing or wrong; the stream constructor reports POPPLER_ERROR_ENCRYPTED. */
static inline PopplerDocument *
rd_poppler_open (GBytes  *bytes,
                 GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return poppler_document_new_from_stream (stream, g_bytes_get_size (bytes), NULL, NULL, error);
}
