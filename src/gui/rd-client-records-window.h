/* rd-client-records-window.h: edit a client's records of processing (GDPR Art. 30), which
 * the cover letters of response packages quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CLIENT_RECORDS_WINDOW (rd_client_records_window_get_type ())

G_DECLARE_FINAL_TYPE (RdClientRecordsWindow, rd_client_records_window, RD,
                      CLIENT_RECORDS_WINDOW, AdwWindow)

/* Reads the records of @client; NULL with @error for an unknown client. */
RdClientRecordsWindow *rd_client_records_window_new      (GtkWindow              *parent,
                                                          RdStore                *store,
                                                          const char             *client,
                                                          GError                **error);
const char            *rd_client_records_window_get_client (RdClientRecordsWindow *self);
/* The fields by the names of RdClientRecords' members: "controller", "dpo", "purposes",
 * "data_categories", "recipients", "transfers", "retention", "sources",
 * "automated_decisions", "authority". */
const char * const    *rd_client_records_window_list_fields (void);
char                  *rd_client_records_window_dup_text (RdClientRecordsWindow  *self,
                                                          const char             *field);
gboolean               rd_client_records_window_set_text (RdClientRecordsWindow  *self,
                                                          const char             *field,
                                                          const char             *text);
/* Saves through rd_store_set_client_records(); emits ::saved and closes on success. */
gboolean               rd_client_records_window_save     (RdClientRecordsWindow  *self,
                                                          GError                **error);

G_END_DECLS
