/* rd-review-page.h: the Review place: cases waiting for identity verification, and the review
 * of the one selected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-id-review.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_REVIEW_PAGE (rd_review_page_get_type ())

G_DECLARE_FINAL_TYPE (RdReviewPage, rd_review_page, RD, REVIEW_PAGE, GtkWidget)

GtkWidget  *rd_review_page_new           (void);
void        rd_review_page_set_store     (RdReviewPage *self,
                                          RdStore      *store);
/* Reads the waiting cases again, keeping the selection where it can. */
void        rd_review_page_refresh       (RdReviewPage *self);
/* Selects @reference, adding it to the list if it is not waiting (a case opened from its page). */
void        rd_review_page_show_case     (RdReviewPage *self,
                                          const char   *reference);
guint       rd_review_page_get_n_waiting (RdReviewPage *self);
RdIdReview *rd_review_page_get_review    (RdReviewPage *self);
/* The transcripts of open cases still to redact, listed under the waiting cases. */
guint       rd_review_page_get_n_transcripts (RdReviewPage *self);

G_END_DECLS
