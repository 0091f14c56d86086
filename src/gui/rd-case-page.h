/* rd-case-page.h: one case: its deadlines, actions, subject, notes and timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_PAGE (rd_case_page_get_type ())

G_DECLARE_FINAL_TYPE (RdCasePage, rd_case_page, RD, CASE_PAGE, GtkWidget)

GtkWidget  *rd_case_page_new           (void);
void        rd_case_page_set_store     (RdCasePage *self,
                                        RdStore    *store);
/* Shows the case @reference (NULL: none). */
void        rd_case_page_set_reference (RdCasePage *self,
                                        const char *reference);
const char *rd_case_page_get_reference (RdCasePage *self);
RdCase     *rd_case_page_get_case      (RdCasePage *self);
/* Reads the case again from the store. */
void        rd_case_page_refresh       (RdCasePage *self);
/* The reason dialog open now, if any (for tests). */
AdwMessageDialog *rd_case_page_get_dialog (RdCasePage *self);

G_END_DECLS
