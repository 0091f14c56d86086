/* rd-transcripts-group.h: the case page's transcripts, to add and to redact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Files larger than this are refused with a message naming the limit. */
#define RD_TRANSCRIPT_MAX_SIZE (64 * 1024 * 1024)

/* An AdwPreferencesGroup listing the case's transcripts, each with a Redact button, an Add
 * button that opens the file chooser, and a drop target for files. */
GtkWidget *rd_transcripts_group_new       (RdStore     *store,
                                           RdCase      *item);

/* Reads @file, checks that it is a transcript Rights Desk can read (plain text, e-mail, chat
 * export, WebVTT, SRT or a PDF with a text layer) and adds it to the case. Returns the new
 * document's id, or 0 with @error set; nothing is stored on error. */
gint64     rd_transcripts_add_file        (RdStore     *store,
                                           const char  *reference,
                                           GFile       *file,
                                           GError     **error);

G_END_DECLS
