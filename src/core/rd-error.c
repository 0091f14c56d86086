/* rd-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-error"

#include "config.h"

#include "rd-error.h"

G_DEFINE_QUARK (rd-error-quark, rd_error)
