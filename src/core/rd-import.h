/* rd-import.h: cases from a spreadsheet's CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint  line;      /* line of the file where the record starts */
  char  *message;   /* what is wrong with it */
} RdImportProblem;

typedef struct
{
  guint      imported;
  guint      skipped;
  GPtrArray *problems;     /* RdImportProblem, in file order */
  GPtrArray *references;   /* the new cases' references */
} RdImportReport;

typedef void (*RdImportProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

/* Reads cases from CSV (the first line names the columns: client, type, jurisdiction,
 * received, subject_name, and optionally subject_email, subject_phone, subject_address,
 * subject_account, channel, calendar, assignee, status, outcome, outcome_reason,
 * response_date). Every record is checked; when any is invalid nothing is imported, unless
 * @skip_invalid, which imports the valid ones. Either way the report lists each problem.
 * A file that cannot be read as CSV at all, or lacks a required column, is an error. */
RdImportReport *rd_import_csv          (RdStore          *store,
                                        const char       *data,
                                        gsize             length,
                                        gboolean          skip_invalid,
                                        RdImportProgress  progress,
                                        gpointer          user_data,
                                        GCancellable     *cancellable,
                                        GError          **error);
void            rd_import_report_free  (RdImportReport   *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportReport, rd_import_report_free)

G_END_DECLS
