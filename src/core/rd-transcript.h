/* rd-transcript.h: support conversations as one text with speakers and turns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RD_TRANSCRIPT_TEXT,
  RD_TRANSCRIPT_EMAIL,
  RD_TRANSCRIPT_CHAT,
  RD_TRANSCRIPT_WEBVTT,
  RD_TRANSCRIPT_SRT,
  RD_TRANSCRIPT_PDF,
} RdTranscriptFormat;

/* One turn of the conversation. Offsets are bytes into rd_transcript_get_text(): the header
 * ("[time] Speaker: ", an e-mail's From/To lines) from @start, what was said from @body. */
typedef struct
{
  char  *speaker;   /* NULL when the source does not say */
  char  *time;      /* as the source writes it; NULL when it has none */
  gsize  start;
  gsize  body;
  gsize  end;
} RdTurn;

#define RD_TYPE_TRANSCRIPT (rd_transcript_get_type ())

G_DECLARE_FINAL_TYPE (RdTranscript, rd_transcript, RD, TRANSCRIPT, GObject)

/* Reads plain text, an e-mail (.eml: MIME multipart, quoted-printable, base64, HTML parts
 * turned into text), a chat export (a JSON array of {time, author, text}), WebVTT or SRT
 * subtitles of a call, or a PDF's text layer. The format is told from the content; @filename
 * only breaks ties. Bytes that are not UTF-8 are repaired and a warning says so. */
RdTranscript       *rd_transcript_load          (GBytes        *content,
                                                 const char    *filename,
                                                 GError       **error);

RdTranscriptFormat  rd_transcript_get_format    (RdTranscript  *self);
const char         *rd_transcript_get_text      (RdTranscript  *self,
                                                 gsize         *length);
guint               rd_transcript_get_n_turns   (RdTranscript  *self);
const RdTurn       *rd_transcript_get_turn      (RdTranscript  *self,
                                                 guint          index);
/* The turn that holds @offset, or NULL. */
const RdTurn       *rd_transcript_turn_at       (RdTranscript  *self,
                                                 gsize          offset);
/* Problems that did not stop the reading, e.g. repaired encoding. NULL-terminated. */
const char * const *rd_transcript_get_warnings  (RdTranscript  *self);

const char         *rd_transcript_format_to_string (RdTranscriptFormat format);

G_END_DECLS
