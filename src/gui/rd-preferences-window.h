/* rd-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @settings may be NULL (schema not installed): the rows then say nothing is remembered.
 * @store, when given, offers its clients for the default one. */
GtkWidget *rd_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings,
                                      RdStore   *store);

G_END_DECLS
