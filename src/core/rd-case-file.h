/* rd-case-file.h: the complaint case file of one request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-report.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Writes the case file of @reference to @pdf_path: the request, its timeline, every decision
 * and its reason, each deadline and whether it was met, the withheld-items register, and the
 * extract of the audit chain with the result of verifying the whole chain. With @zip_path, the
 * case's documents go into a zip beside it, with their SHA-256. Both are written atomically.
 * Returns whether the audit chain verified; FALSE with @error set on failure. */
gboolean  rd_case_file_write  (RdStore     *store,
                               const char  *reference,
                               const char  *pdf_path,
                               const char  *zip_path,
                               RdPaper      paper,
                               gboolean    *chain_intact,
                               GError     **error);

G_END_DECLS
