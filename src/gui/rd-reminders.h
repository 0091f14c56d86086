/* rd-reminders.h: notifications for cases that fall due soon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Sends a GNotification for each open case due within @days days (today included) that was
 * not yet announced today; which were is kept in @state_path (NULL: the user's state
 * directory). Returns how many cases were newly announced, or -1 with @error set. */
int rd_reminders_run (GApplication  *app,
                      RdStore       *store,
                      int            days,
                      const char    *state_path,
                      GError       **error);

G_END_DECLS
