/* rd-demo.h: realistic demonstration cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef void (*RdDemoProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

/* Adds @n_cases cases received over the two years before today, for a handful of clients
 * under different laws, in every state of the workflow: some overdue, paused, extended, and
 * closed with each outcome. The same @seed gives the same cases. Batches are committed as
 * they are made, so a cancelled or killed run leaves whole batches only. */
gboolean rd_demo_fill (RdStore         *store,
                       guint            n_cases,
                       guint32          seed,
                       RdDemoProgress   progress,
                       gpointer         user_data,
                       GCancellable    *cancellable,
                       GError         **error);

G_END_DECLS
