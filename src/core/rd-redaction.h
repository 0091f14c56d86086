/* rd-redaction.h: redaction decisions and their application to text and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-transcript.h"

G_BEGIN_DECLS

typedef enum
{
  RD_REDACTION_PROPOSED,   /* found by detection, not yet decided */
  RD_REDACTION_ACCEPTED,   /* will be removed from the output */
  RD_REDACTION_REJECTED,   /* stays in the output */
} RdRedactionState;

typedef enum
{
  RD_REDACTION_STYLE_TOKEN,  /* "[REDACTED: PHONE_NUMBER]" */
  RD_REDACTION_STYLE_BLOCK,  /* "█████" of the same length */
} RdRedactionStyle;

/* One span of the transcript text (byte offsets, end exclusive). */
typedef struct
{
  gsize             start;
  gsize             end;
  char             *entity;    /* PHONE_NUMBER, PERSON, …, or MANUAL for a hand selection */
  char             *reason;    /* why it is withheld, e.g. "Third-party data — GDPR Art. 15(4)" */
  RdRedactionState  state;
  gboolean          subject;   /* the requester's own data, kept in an access response */
} RdRedaction;

RdRedaction *rd_redaction_new   (gsize        start,
                                 gsize        end,
                                 const char  *entity,
                                 const char  *reason,
                                 RdRedactionState state);
RdRedaction *rd_redaction_copy  (const RdRedaction *redaction);
void         rd_redaction_free  (RdRedaction *redaction);

/* The text with every ACCEPTED redaction replaced; overlapping spans merge. */
char        *rd_redaction_apply_text   (const char        *text,
                                        gsize              length,
                                        GPtrArray         *redactions,
                                        RdRedactionStyle   style);

/* A PDF of the redacted transcript in which every page is an image: nothing redacted can be
 * recovered by copying, searching or removing boxes. A PDF source is rendered page by page with
 * poppler and the boxes burned in over its characters; any other source is laid out as text
 * first. Greyscale at @dpi (e.g. 200). Written atomically to @path. */
gboolean     rd_redaction_write_pdf    (RdTranscript      *transcript,
                                        GBytes            *source,
                                        GPtrArray         *redactions,
                                        RdRedactionStyle   style,
                                        double             dpi,
                                        const char        *path,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* Which document a log is about: its name, the checksum of its bytes as they came in, and
 * the case it belongs to (NULL when there is none). */
typedef struct
{
  const char *name;
  GBytes     *content;
  const char *case_ref;
} RdRedactionLogSource;

/* The withheld-items log: offsets in code points, entity, reason, as JSON; with @source,
 * also the document it is about and when the log was written. */
char        *rd_redaction_log_json     (const char                 *text,
                                        GPtrArray                  *redactions,
                                        const RdRedactionLogSource *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRedaction, rd_redaction_free)

G_END_DECLS
