/* rd-ical-export.h: due dates of open cases as an iCalendar file, written off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-gui-util.h"

G_BEGIN_DECLS

void  rd_ical_export_async  (GObject             *source,
                             const char          *db_path,
                             GFile               *file,
                             const RdCaseFilter  *filter,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
/* The number of events written; 0 with @error set on failure. */
guint rd_ical_export_finish (GAsyncResult        *result,
                             GError             **error);

G_END_DECLS
