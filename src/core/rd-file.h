/* rd-file.h: output files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rd_file_write_atomically (const char  *path,
                                   const char  *contents,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
