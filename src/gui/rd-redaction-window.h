/* rd-redaction-window.h: a window holding the redaction editor on one transcript of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-redaction-editor.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_REDACTION_WINDOW (rd_redaction_window_get_type ())

G_DECLARE_FINAL_TYPE (RdRedactionWindow, rd_redaction_window, RD, REDACTION_WINDOW, AdwWindow)

/* Opens the transcript @document_id of the case @reference for review. Returns NULL with
 * @error set when the case or the document cannot be read. Closing the window with decisions
 * not yet saved asks whether to save them. */
GtkWidget         *rd_redaction_window_new        (GtkWindow   *parent,
                                                   RdStore     *store,
                                                   const char  *reference,
                                                   gint64       document_id,
                                                   GError     **error);
RdRedactionEditor *rd_redaction_window_get_editor (RdRedactionWindow *self);

G_END_DECLS
