/* rd-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-client.h"

G_BEGIN_DECLS

struct _RdClient
{
  GObject  parent_instance;
  gint64   id;
  char    *name;
  char    *jurisdiction;
  char    *calendar;
  guint    sla_days;
};

G_END_DECLS
