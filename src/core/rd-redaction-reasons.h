/* rd-redaction-reasons.h: the reasons a reviewer can give for a redaction, per jurisdiction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The reasons offered under @jurisdiction (a jurisdiction id such as "eu-gdpr"; NULL for none),
 * translated, the default first; NULL-terminated and never empty.
 *
 * A key file replaces the built-in list of a jurisdiction: a group named after the id (or
 * "default" for every other) with a "reasons" string list. @config_path NULL reads
 * $XDG_CONFIG_HOME/rightsdesk/redaction-reasons.ini when it exists. A file that cannot be read
 * or has no usable list leaves the built-in one in force. */
char **rd_redaction_reasons_lookup (const char *jurisdiction,
                                    const char *config_path);

G_END_DECLS
