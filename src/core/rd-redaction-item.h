/* rd-redaction-item.h: one redaction decision as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-redaction.h"

G_BEGIN_DECLS

#define RD_TYPE_REDACTION_ITEM (rd_redaction_item_get_type ())

G_DECLARE_FINAL_TYPE (RdRedactionItem, rd_redaction_item, RD, REDACTION_ITEM, GObject)

/* Items belong to an RdRedactionSet, which changes them (and records the change for undo);
 * "notify::state" and "notify::reason" tell a list row when to redraw. */
const RdRedaction *rd_redaction_item_get_redaction (RdRedactionItem *self);
const char        *rd_redaction_item_get_entity    (RdRedactionItem *self);
RdRedactionState   rd_redaction_item_get_state     (RdRedactionItem *self);
const char        *rd_redaction_item_get_reason    (RdRedactionItem *self);
gboolean           rd_redaction_item_get_subject   (RdRedactionItem *self);
gboolean           rd_redaction_item_get_manual    (RdRedactionItem *self);
/* The text the span covers, on one line and shortened for display. */
const char        *rd_redaction_item_get_excerpt   (RdRedactionItem *self);
/* Byte offsets into the transcript text, and the same in characters (for GtkTextBuffer). */
gsize              rd_redaction_item_get_start     (RdRedactionItem *self);
gsize              rd_redaction_item_get_end       (RdRedactionItem *self);
gsize              rd_redaction_item_get_char_start (RdRedactionItem *self);
gsize              rd_redaction_item_get_char_end  (RdRedactionItem *self);

G_END_DECLS
