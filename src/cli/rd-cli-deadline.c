/* rd-cli-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include "rd-cli-common.h"

int
rd_cli_deadline (RdCliGlobal *global,
            int          argc,
            char       **argv)
{
  return rd_cli_usage ("%s: not available yet", argv[0]);
}

int
rd_cli_jurisdictions (RdCliGlobal *global,
            int          argc,
            char       **argv)
{
  return rd_cli_usage ("%s: not available yet", argv[0]);
}

int
rd_cli_calendars (RdCliGlobal *global,
            int          argc,
            char       **argv)
{
  return rd_cli_usage ("%s: not available yet", argv[0]);
}
