/* rd-id-review.h: the identity review of one case: the ID document beside the checklist, the
 * MRZ, the policy of the case's law and the decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-document-view.h"
#include "rd-identity.h"
#include "rd-mrz.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_ID_REVIEW (rd_id_review_get_type ())

G_DECLARE_FINAL_TYPE (RdIdReview, rd_id_review, RD, ID_REVIEW, GtkWidget)

GtkWidget      *rd_id_review_new              (void);
void            rd_id_review_set_store        (RdIdReview     *self,
                                               RdStore        *store);
/* Shows the case @reference (NULL: none). */
void            rd_id_review_set_reference    (RdIdReview     *self,
                                               const char     *reference);
const char     *rd_id_review_get_reference    (RdIdReview     *self);

/* Attaches @files to the case as ID documents, off the main thread: sniffed, size-checked,
 * images turned upright and stripped of their metadata before they are stored. The
 * "attached" signal follows, or a toast naming the problem. */
void            rd_id_review_attach_files     (RdIdReview     *self,
                                               GSList         *files);
/* The ID documents of the case shown, and the one in the viewer (0: none). */
guint           rd_id_review_get_n_documents  (RdIdReview     *self);
gint64          rd_id_review_get_document     (RdIdReview     *self);
void            rd_id_review_show_document    (RdIdReview     *self,
                                               gint64          id);
gboolean        rd_id_review_get_busy         (RdIdReview     *self);

/* The MRZ entry: typed or pasted lines, parsed as they change. */
void            rd_id_review_set_mrz_text     (RdIdReview     *self,
                                               const char     *text);
const char     *rd_id_review_get_mrz_text     (RdIdReview     *self);
/* The MRZ parsed from the entry, or NULL. */
const RdMrz    *rd_id_review_get_mrz          (RdIdReview     *self);

/* Checklist items, by name: "name", "birth_date", "expiry", "photo", "issuing_authority",
 * "mrz". */
void            rd_id_review_set_confirmed    (RdIdReview     *self,
                                               const char     *item,
                                               gboolean        confirmed);
/* The facts that decide whether the law justifies an ID document (G3 or G4). */
void            rd_id_review_set_context      (RdIdReview     *self,
                                               gboolean        doubt_persists,
                                               gboolean        sensitive_data);
void            rd_id_review_set_held_birth_date (RdIdReview  *self,
                                                  const char  *date);
/* Records the decision as the form stands; FALSE with the problem in @error. */
gboolean        rd_id_review_decide           (RdIdReview     *self,
                                               RdCheckOutcome  outcome,
                                               const char     *reason,
                                               GError        **error);
RdDocumentView *rd_id_review_get_view         (RdIdReview     *self);
/* Moves the focus (and the side panel) to "mrz", "checklist" or "decision". */
/* Where the client keeps a redacted copy: black out a box on page 1 of the document shown;
 * on the decision only that raster is kept, until the client's date. */
void            rd_id_review_add_blackout     (RdIdReview          *self,
                                               const RdIdentityBox *box);
guint           rd_id_review_get_n_blackouts  (RdIdReview          *self);
/* The "Black Out…" window: drag across fields to black them out. NULL without a document. */
GtkWindow      *rd_id_review_open_blackout    (RdIdReview          *self);
void            rd_id_review_focus            (RdIdReview     *self,
                                               const char     *part);

/* Attaches @files to the case @reference as ID documents (see rd_id_review_attach_files());
 * toasts from @owner's window. */
void            rd_identity_attach_files      (GtkWidget      *owner,
                                               RdStore        *store,
                                               const char     *reference,
                                               GSList         *files,
                                               GCancellable   *cancellable);
/* The case page's "Identity" section: what the law requires, the ID documents attached, the
 * last check, and buttons to attach (or drop files) and to review. */
GtkWidget      *rd_id_review_identity_group_new (RdStore      *store,
                                                 RdCase       *item);

G_END_DECLS
