/* rd-redaction-item-private.h: what RdRedactionSet alone may do to an item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-redaction-item.h"

G_BEGIN_DECLS

/* Takes @redaction. */
RdRedactionItem *rd_redaction_item_new          (RdRedaction      *redaction,
                                                 const char       *text,
                                                 gsize             char_start,
                                                 gsize             char_end);
void             rd_redaction_item_set_decision (RdRedactionItem  *self,
                                                 RdRedactionState  state,
                                                 const char       *reason);

G_END_DECLS
