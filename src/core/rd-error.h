/* rd-error.h: the error domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_ERROR (rd_error_quark ())

/* Every error a person can cause ends in one of these, with a message naming the problem. */
typedef enum
{
  RD_ERROR_INVALID,       /* bad input: a date, an id, a file's content */
  RD_ERROR_NOT_FOUND,     /* an unknown case, client, jurisdiction, calendar */
  RD_ERROR_WORKFLOW,      /* a step the workflow or the law does not allow */
  RD_ERROR_DATABASE,      /* the database failed, is damaged or is not one */
  RD_ERROR_TOO_NEW,       /* the database comes from a newer Rights Desk */
  RD_ERROR_IO,            /* a file could not be read or written (read-only, disk full) */
  RD_ERROR_NETWORK,       /* a client system failed */
  RD_ERROR_CHECK_FAILED,  /* a verification found a problem (audit chain, check digits) */
} RdError;

GQuark rd_error_quark (void);

G_END_DECLS
