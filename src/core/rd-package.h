/* rd-package.h: the response package of an access or portability request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-report.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* The schema of data/subject-data.xml, as shipped in every package. */
#define RD_PACKAGE_XSD_RESOURCE \
  "/io/github/rightsdesk/RightsDesk/schemas/rightsdesk-access-package.xsd"
#define RD_PACKAGE_XML_NAMESPACE "urn:io.github.rightsdesk:access-package:1"

typedef struct
{
  char     *sha256;        /* of the zip file, hex */
  gsize     bytes;
  guint     n_files;       /* files in the zip, the manifests included */
  char     *passphrase;    /* the zip's passphrase when encrypted: show it once, never store it */
  GStrv     missing;       /* items of the records of processing the cover letter lacks */
  GStrv     unreviewed;    /* transcripts left out because their redaction is not decided */
} RdPackageResult;

/* One file of a zip. */
typedef struct
{
  char   *name;     /* path inside the zip */
  GBytes *content;
} RdZipEntry;

/* Builds the response package of case @reference (access or portability) and writes it to
 * @path atomically: the subject's data as JSON, CSV and XML (with its XSD), the client's records
 * about the subject and the redacted transcripts (copies attached as such, and the text of each
 * transcript whose findings were all decided in the redaction editor), a cover letter PDF with the information of
 * GDPR Art. 15(1)-(2) or Cal. Civ. Code 1798.110, and manifests with the SHA-256 of every file.
 * With @encrypt the zip is AES-256 encrypted under a new passphrase. The export is recorded in
 * the audit trail. */
RdPackageResult *rd_package_export         (RdStore          *store,
                                            const char       *reference,
                                            const char       *path,
                                            gboolean          encrypt,
                                            RdPaper           paper,
                                            GError          **error);
void             rd_package_result_free    (RdPackageResult  *result);

/* A zip of @entries (RdZipEntry), AES-256 encrypted when @passphrase is not NULL. */
GBytes          *rd_zip_build              (GPtrArray        *entries,
                                            const char       *passphrase,
                                            GError          **error);
RdZipEntry      *rd_zip_entry_new          (const char       *name,
                                            GBytes           *content);
void             rd_zip_entry_free         (RdZipEntry       *entry);
/* A file name safe inside a zip: no directories, no leading dot, no control characters. */
char            *rd_zip_safe_name          (const char       *name);
/* A passphrase of 24 letters and digits from the system's random source. */
char            *rd_package_new_passphrase (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPackageResult, rd_package_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdZipEntry, rd_zip_entry_free)

G_END_DECLS
