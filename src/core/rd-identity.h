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

G_END_DECLS
