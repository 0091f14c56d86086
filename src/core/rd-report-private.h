/* rd-report-private.h: the figure formatting that JSON, CSV and PDF share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-report.h"

G_BEGIN_DECLS

/* Means are published to one decimal place. */
double  rd_report_round_mean   (double               mean);
/* "22", "22.5"; "" where there is no figure. */
char   *rd_report_format_days  (double               value);
/* A percentage to one decimal place, "" when @whole is 0. */
char   *rd_report_format_rate  (guint                part,
                                guint                whole);
/* "YYYY-MM". */
void    rd_report_format_month (const RdReportMonth *month,
                                char                 buf[8]);

G_END_DECLS
