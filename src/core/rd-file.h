/* rd-file.h: input files read within a limit, output files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest file Rights Desk reads: far above any transcript, identity document or import,
 * and small enough that /dev/zero or a runaway pipe is refused before memory runs out. */
#define RD_FILE_MAX_INPUT (256 * 1024 * 1024)

void      rd_memory_advise_large   (gpointer     data,
                                    gsize        size);

char     *rd_file_read             (const char  *path,
                                    gsize        max_size,
                                    gsize       *length,
                                    GError     **error);

gboolean rd_file_write_atomically (const char  *path,
                                   const char  *contents,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
