/* rd-cli-common.h: what every command group of rightsdesk-cli shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _RdStore RdStore;

/* Exit statuses of CLI.md. */
enum
{
  RD_CLI_OK = 0,
  RD_CLI_USAGE = 1,
  RD_CLI_BAD_INPUT = 2,
  RD_CLI_CHECK_FAILED = 3,
};

typedef struct
{
  char *db_path;   /* --db, or NULL for the window's database */
} RdCliGlobal;

/* argv[0] is the command's name; the function owns nothing it is given. */
typedef int (*RdCliCommandFunc) (RdCliGlobal *global,
                                 int          argc,
                                 char       **argv);

/* Parses @argv with @context: RD_CLI_OK, or after printing the problem, the exit status. */
int       rd_cli_parse_options  (GOptionContext  *context,
                                 int             *argc,
                                 char          ***argv);
/* Prints "rightsdesk-cli: MESSAGE" on stderr and returns the exit status for @error. */
int       rd_cli_report_error   (const GError    *error);
int       rd_cli_usage          (const char      *format,
                                 ...) G_GNUC_PRINTF (1, 2);
/* Opens (creating on first use) the database of --db or the window's. */
/* Registers the calendars imported into the database, if there is one (none is created). */
gboolean  rd_cli_load_imported_calendars (RdCliGlobal *global,
                                          GError     **error);
RdStore  *rd_cli_open_store     (RdCliGlobal     *global,
                                 GError         **error);
/* One JSON document on stdout, UTF-8, newline-terminated. */
void      rd_cli_print_json     (JsonNode        *node);

int rd_cli_deadline      (RdCliGlobal *global, int argc, char **argv);
int rd_cli_jurisdictions (RdCliGlobal *global, int argc, char **argv);
int rd_cli_calendars     (RdCliGlobal *global, int argc, char **argv);
int rd_cli_calendar      (RdCliGlobal *global, int argc, char **argv);
int rd_cli_case          (RdCliGlobal *global, int argc, char **argv);
int rd_cli_case_verify   (RdCliGlobal *global, int argc, char **argv);
int rd_cli_demo          (RdCliGlobal *global, int argc, char **argv);
int rd_cli_audit         (RdCliGlobal *global, int argc, char **argv);
int rd_cli_import        (RdCliGlobal *global, int argc, char **argv);
int rd_cli_mrz           (RdCliGlobal *global, int argc, char **argv);
int rd_cli_pii           (RdCliGlobal *global, int argc, char **argv);
int rd_cli_redact        (RdCliGlobal *global, int argc, char **argv);
int rd_cli_report        (RdCliGlobal *global, int argc, char **argv);
int rd_cli_export        (RdCliGlobal *global, int argc, char **argv);
int rd_cli_case_file     (RdCliGlobal *global, int argc, char **argv);
int rd_cli_client_records (RdCliGlobal *global, int argc, char **argv);
int rd_cli_connector     (RdCliGlobal *global, int argc, char **argv);
int rd_cli_collect       (RdCliGlobal *global, int argc, char **argv);
int rd_cli_execute       (RdCliGlobal *global, int argc, char **argv);

G_END_DECLS
