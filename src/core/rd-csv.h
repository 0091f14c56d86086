/* rd-csv.h: RFC 4180 CSV, as spreadsheets write and read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RdCsvReader RdCsvReader;

/* Takes the file's bytes: UTF-8 with or without a byte-order mark, or UTF-16 with one (what
 * "Unicode text" exports write). Anything else fails with an error naming the line that is not
 * UTF-8. The delimiter (comma, semicolon or tab) is taken from the first line. */
RdCsvReader *rd_csv_reader_new      (const char   *data,
                                     gsize         length,
                                     GError      **error);
/* The next record; @fields (owned by the reader, valid until the next call) and the line it
 * starts on. FALSE at the end, or with @error set on a malformed record. */
gboolean     rd_csv_reader_next     (RdCsvReader  *self,
                                     GPtrArray   **fields,
                                     guint        *line,
                                     GError      **error);
void         rd_csv_reader_free     (RdCsvReader  *self);

/* Appends one record, quoting fields that need it, ended by CRLF. */
void         rd_csv_append_row      (GString            *out,
                                     const char * const *fields,
                                     guint               n_fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCsvReader, rd_csv_reader_free)

G_END_DECLS
