/* rd-redaction-set.h: the redaction decisions on one transcript, with undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-redaction-item.h"
#include "rd-store.h"
#include "rd-transcript.h"

G_BEGIN_DECLS

#define RD_TYPE_REDACTION_SET (rd_redaction_set_get_type ())

/* A GListModel of RdRedactionItem in text order (by start, longer span first). Every decision
 * goes through this object so that it can be undone and redone; the set is GTK-free so the
 * editor, the CLI and the tests share it. "changed" is emitted after every decision, undo and
 * redo; "modified" says whether there are decisions not yet saved. */
G_DECLARE_FINAL_TYPE (RdRedactionSet, rd_redaction_set, RD, REDACTION_SET, GObject)

RdRedactionSet *rd_redaction_set_new               (RdTranscript     *transcript);
RdTranscript   *rd_redaction_set_get_transcript    (RdRedactionSet   *self);

/* Replaces every item by copies of @redactions (from detection or from the store) and
 * forgets the history. Spans outside the text or cutting a character in two are dropped;
 * returns how many were kept. */
guint           rd_redaction_set_load              (RdRedactionSet   *self,
                                                    GPtrArray        *redactions);

/* The reason given to a redaction accepted without one. */
const char     *rd_redaction_set_get_default_reason (RdRedactionSet  *self);
void            rd_redaction_set_set_default_reason (RdRedactionSet  *self,
                                                     const char      *reason);

/* Accept or reject one item. Accepting needs a reason: @reason, else the item's own, else the
 * default reason (not for the subject's own data); with none of them it fails with
 * RD_ERROR_INVALID. */
gboolean        rd_redaction_set_decide            (RdRedactionSet   *self,
                                                    guint             position,
                                                    RdRedactionState  state,
                                                    const char       *reason,
                                                    GError          **error);
/* The same for every item of @entity, as one step of the history. Accepting leaves the
 * subject's own data alone (it stays in an access response unless decided one by one).
 * Returns the number of items changed, or -1 on error. */
int             rd_redaction_set_decide_entity     (RdRedactionSet   *self,
                                                    const char       *entity,
                                                    RdRedactionState  state,
                                                    const char       *reason,
                                                    GError          **error);
/* The other items of the same type and text as the one at @position (the same name or
 * number elsewhere in the transcript) that are decided otherwise; and deciding them as it is,
 * with its reason, as one step. Both return the number of those items. */
guint           rd_redaction_set_count_alike       (RdRedactionSet   *self,
                                                    guint             position);
guint           rd_redaction_set_decide_alike      (RdRedactionSet   *self,
                                                    guint             position);
/* Accepts every item still PROPOSED (not the subject's own), as one step; returns the number
 * changed, or -1 on error. What an export does with findings nobody decided on. */
int             rd_redaction_set_accept_proposed   (RdRedactionSet   *self,
                                                    const char       *reason,
                                                    GError          **error);
gboolean        rd_redaction_set_set_reason        (RdRedactionSet   *self,
                                                    guint             position,
                                                    const char       *reason,
                                                    GError          **error);
/* Redacts [@start, @end) (bytes) by hand: a new accepted MANUAL item, or, when a finding covers
 * exactly that span, that finding accepted. Fails on an empty span, one outside the text or
 * cutting a character, one already redacted, or no reason. Returns the item's position, or
 * -1 on error. */
int             rd_redaction_set_add_manual        (RdRedactionSet   *self,
                                                    gsize             start,
                                                    gsize             end,
                                                    const char       *reason,
                                                    GError          **error);

gboolean        rd_redaction_set_can_undo          (RdRedactionSet   *self);
gboolean        rd_redaction_set_can_redo          (RdRedactionSet   *self);
gboolean        rd_redaction_set_undo              (RdRedactionSet   *self);
gboolean        rd_redaction_set_redo              (RdRedactionSet   *self);

gboolean        rd_redaction_set_get_modified      (RdRedactionSet   *self);
void            rd_redaction_set_mark_saved        (RdRedactionSet   *self);

RdRedactionItem *rd_redaction_set_get_item         (RdRedactionSet   *self,
                                                    guint             position);
/* The position of @item in the set, or -1. */
int             rd_redaction_set_get_position      (RdRedactionSet   *self,
                                                    RdRedactionItem  *item);
/* The narrowest item covering byte @offset, or -1. */
int             rd_redaction_set_find_at           (RdRedactionSet   *self,
                                                    gsize             offset);
guint           rd_redaction_set_count             (RdRedactionSet   *self,
                                                    RdRedactionState  state);
/* The entity names present, sorted, NULL-terminated. */
char          **rd_redaction_set_get_entities      (RdRedactionSet   *self);
/* Copies of every decision (RdRedaction), for rd-redaction's output and rd_store_save_redactions. */
GPtrArray      *rd_redaction_set_get_redactions    (RdRedactionSet   *self);
/* What the accepted items withhold, grouped by entity and reason (RdWithheldItem without a
 * document), sorted by entity then reason. */
GPtrArray      *rd_redaction_set_get_withheld      (RdRedactionSet   *self);

G_END_DECLS
