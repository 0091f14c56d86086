/* rd-collect-dialog.h: collect a case's data, or carry out its request, system by system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_COLLECT_DIALOG_COLLECT,   /* access, portability: fetch records and conversations */
  RD_COLLECT_DIALOG_EXECUTE,   /* erasure, rectification, …: the plan, approval, evidence */
} RdCollectDialogMode;

#define RD_TYPE_COLLECT_DIALOG (rd_collect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdCollectDialog, rd_collect_dialog, RD, COLLECT_DIALOG, AdwWindow)

/* Collect starts at once; execute first shows the plan (after the corrected values, for a
 * rectification) and waits for approval. The work runs in a thread with its own store
 * connection and is cancelled when the dialog closes. */
GtkWidget *rd_collect_dialog_new (GtkWindow           *parent,
                                  RdStore             *store,
                                  const char          *reference,
                                  RdCollectDialogMode  mode);

G_END_DECLS
