/* rd-cli-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include "rd-cli-common.h"

int
rd_cli_audit (RdCliGlobal *global,
            int          argc,
            char       **argv)
{
  return rd_cli_usage ("%s: not available yet", argv[0]);
}
