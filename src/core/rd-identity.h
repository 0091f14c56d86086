/* rd-identity.h: ID documents in and out of a case: checked on the way in, purged after the
 * decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-document-sniff.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Reads @file for attaching as an ID document: refuses it above @size_limit (0: the default)
 * before reading, sniffs the type from the content (PDF, JPEG, PNG, TIFF, WebP, HEIC; anything
 * else is refused with a message naming what it is), and turns images upright and strips
 * their metadata (EXIF, GPS, XMP) so that nothing else is ever stored. @out_mime gets the type
 * of the returned bytes. Runs in any thread. */
GBytes   *rd_identity_prepare_file   (GFile         *file,
                                      gsize          size_limit,
                                      char         **out_mime,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* After a decision: purges every ID document of the case except redacted copies whose
 * retention date lies ahead; a copy past its date goes too. @n_purged gets the count. */
gboolean  rd_identity_minimise       (RdStore       *store,
                                      const char    *reference,
                                      const char    *reason,
                                      guint         *n_purged,
                                      GError       **error);

/* A rectangle to black out, in fractions (0 to 1) of the page as shown upright. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} RdIdentityBox;

/* A redacted copy of page @page of a PDF, or of an image: rasterised (PDF at 150 dpi), @boxes
 * painted black into the pixels, @watermark written across the foot, encoded as PNG. Nothing
 * of the original's text layer, metadata or hidden content survives. */
GBytes   *rd_identity_redact         (GBytes              *content,
                                      const char          *mime_type,
                                      guint                page,
                                      const RdIdentityBox *boxes,
                                      guint                n_boxes,
                                      const char          *watermark,
                                      GError             **error);

/* Replaces the ID document @id by its redacted copy (rd_identity_redact()), kept until
 * today + @days and then purged by rd_identity_minimise(); the original is purged now. Returns
 * the copy's id, 0 on error. */
gint64    rd_identity_keep_redacted  (RdStore             *store,
                                      gint64               id,
                                      guint                page,
                                      const RdIdentityBox *boxes,
                                      guint                n_boxes,
                                      guint                days,
                                      GError             **error);

G_END_DECLS
