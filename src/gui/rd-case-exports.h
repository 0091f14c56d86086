/* rd-case-exports.h: the case page's exports: the response package and the complaint case file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Writes the response package of case @reference (access or portability) to @file off the
 * main thread, or first asks where, whether to encrypt it and on which paper when @file is
 * NULL. The result shows in a toast on @widget's window; an encrypted package's passphrase is
 * shown once in a dialog. */
void              rd_case_exports_package          (GtkWidget  *widget,
                                                    RdStore    *store,
                                                    const char *reference,
                                                    GFile      *file,
                                                    gboolean    encrypt);
/* Writes the complaint case file of @reference as a PDF to @file (NULL: asks where), with the
 * case's documents in a zip beside it (FILE-documents.zip) when @with_documents. */
void              rd_case_exports_case_file        (GtkWidget  *widget,
                                                    RdStore    *store,
                                                    const char *reference,
                                                    GFile      *file,
                                                    gboolean    with_documents);
/* The zip the case file's documents go to when the PDF is @pdf_path. */
char             *rd_case_exports_documents_path   (const char *pdf_path);
/* The passphrase dialog open now, if any (for tests). */
AdwMessageDialog *rd_case_exports_get_passphrase_dialog (void);

G_END_DECLS
