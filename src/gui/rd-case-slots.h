/* rd-case-slots.h: the rows of a case list as position-stable slots, for GtkColumnView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-case-list.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_SLOT (rd_case_slot_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseSlot, rd_case_slot, RD, CASE_SLOT, GObject)

/* The case now at the slot's position, or NULL past the end or when it cannot be read. Each
 * time the case at that position may have changed, the slot emits "changed". */
RdCase     *rd_case_slot_dup_case     (RdCaseSlot *self);
guint       rd_case_slot_get_position (RdCaseSlot *self);

#define RD_TYPE_CASE_SLOTS (rd_case_slots_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseSlots, rd_case_slots, RD, CASE_SLOTS, GObject)

/* A GListModel of RdCaseSlot with as many items as @list. Position i always gives the same
 * slot object while anyone holds it, so a new result for @list only adds or removes rows at
 * the end and otherwise refills the rows GTK already built (GTK 4.8 builds hundreds of row
 * widgets afresh for every item it has not seen before). */
RdCaseSlots *rd_case_slots_new        (RdCaseList  *list);
RdCaseList  *rd_case_slots_get_list   (RdCaseSlots *self);
/* The first row on screen: rows near it are refilled at once after a change, the others once
 * the next frame is drawn. */
void         rd_case_slots_set_visible (RdCaseSlots *self,
                                        guint        position);

G_END_DECLS
