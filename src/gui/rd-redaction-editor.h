/* rd-redaction-editor.h: review a transcript's personal data, redact it, export it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-redaction-set.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_REDACTION_EDITOR (rd_redaction_editor_get_type ())

G_DECLARE_FINAL_TYPE (RdRedactionEditor, rd_redaction_editor, RD, REDACTION_EDITOR, AdwBin)

/* Signals: "changed" after every decision, undo and redo; "saved" once the decisions are in
 * the store. The "busy" property is TRUE while a transcript loads, is scanned or exported. */
GtkWidget      *rd_redaction_editor_new            (RdStore            *store);

/* Shows the transcript @document_id of the case @reference: its saved decisions when there
 * are any, else the detector's proposals (found in a thread, with progress and cancel). Fails
 * at once when the case or the document cannot be read; the rest finishes asynchronously. */
gboolean        rd_redaction_editor_load_document  (RdRedactionEditor  *self,
                                                    const char         *reference,
                                                    gint64              document_id,
                                                    GError            **error);

gboolean        rd_redaction_editor_get_busy       (RdRedactionEditor  *self);
/* The decisions shown (NULL before a transcript is loaded). */
RdRedactionSet *rd_redaction_editor_get_set        (RdRedactionEditor  *self);

/* Selects the characters [@start, @end) of the transcript, as a reviewer would with the mouse,
 * so that "editor.redact-selection" can act on them. */
void            rd_redaction_editor_select_range   (RdRedactionEditor  *self,
                                                    gsize               char_start,
                                                    gsize               char_end);

gboolean        rd_redaction_editor_save           (RdRedactionEditor  *self,
                                                    GError            **error);
/* What the export actions do once a file is chosen. */
gboolean        rd_redaction_editor_export_text    (RdRedactionEditor  *self,
                                                    GFile              *file,
                                                    GError            **error);
gboolean        rd_redaction_editor_export_log     (RdRedactionEditor  *self,
                                                    GFile              *file,
                                                    GError            **error);
void            rd_redaction_editor_export_pdf_async  (RdRedactionEditor   *self,
                                                       GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        rd_redaction_editor_export_pdf_finish (RdRedactionEditor   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
