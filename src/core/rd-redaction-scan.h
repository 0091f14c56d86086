/* rd-redaction-scan.h: proposals for redaction from the personal-data detector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-case.h"
#include "rd-transcript.h"

G_BEGIN_DECLS

/* Called in the thread that started the scan, with the share of the text done (0..1). */
typedef void (*RdRedactionScanProgress) (double   fraction,
                                         gpointer user_data);

/* Finds personal data in @transcript and returns RdRedaction proposals in text order: other
 * people's data PROPOSED with @reason, the requester's own (from @subject_case, may be NULL)
 * REJECTED, that is kept, as an access response needs. The work runs in a thread; a large text
 * is scanned in pieces cut at turns, so that progress shows and a cancel is quick. */
void       rd_redaction_scan_async  (RdTranscript             *transcript,
                                     RdCase                   *subject_case,
                                     const char               *reason,
                                     GCancellable             *cancellable,
                                     RdRedactionScanProgress   progress,
                                     gpointer                  progress_data,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data);
GPtrArray *rd_redaction_scan_finish (GAsyncResult             *result,
                                     GError                  **error);

/* The same, in the calling thread, without progress. */
GPtrArray *rd_redaction_scan        (RdTranscript             *transcript,
                                     RdCase                   *subject_case,
                                     const char               *reason,
                                     GCancellable             *cancellable,
                                     GError                  **error);

G_END_DECLS
