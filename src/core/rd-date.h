/* rd-date.h: civil dates as the core reads and writes them (YYYY-MM-DD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rd_date_parse       (const char  *text,
                              GDate       *out,
                              GError     **error);
char    *rd_date_format      (const GDate *date);
void     rd_date_format_into (const GDate *date,
                              char         buf[11]);
void     rd_date_today       (GDate       *out);
int      rd_date_compare     (const GDate *a,
                              const GDate *b);
int      rd_date_days_between (const GDate *from,
                               const GDate *to);
char    *rd_timestamp_now    (void);

G_END_DECLS
