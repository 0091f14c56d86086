/* rd-jurisdiction.h: the deadline rules of one law, read from data/jurisdictions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-types.h"

G_BEGIN_DECLS

#define RD_TYPE_JURISDICTION (rd_jurisdiction_get_type ())

G_DECLARE_FINAL_TYPE (RdJurisdiction, rd_jurisdiction, RD, JURISDICTION, GObject)

RdJurisdiction *rd_jurisdiction_lookup              (const char     *id,
                                                     GError        **error);
GPtrArray      *rd_jurisdiction_list_ids            (void);

const char     *rd_jurisdiction_get_id              (RdJurisdiction *self);
const char     *rd_jurisdiction_get_name            (RdJurisdiction *self);
const char     *rd_jurisdiction_get_default_calendar (RdJurisdiction *self);

/* Whether the law lets the clock stop (pause), start again (restart) or be extended for
 * this request type; when it does not, @reason (if not NULL) gets the citation-bearing why. */
gboolean        rd_jurisdiction_allows_pause        (RdJurisdiction *self,
                                                     RdRequestType   type,
                                                     char          **reason);
gboolean        rd_jurisdiction_allows_restart      (RdJurisdiction *self,
                                                     RdRequestType   type,
                                                     char          **reason);
gboolean        rd_jurisdiction_allows_extension    (RdJurisdiction *self,
                                                     RdRequestType   type,
                                                     char          **reason);
/* Whether the request type exists under this law at all (CCPA has no "objection"). */
gboolean        rd_jurisdiction_covers              (RdJurisdiction *self,
                                                     RdRequestType   type);

G_END_DECLS
