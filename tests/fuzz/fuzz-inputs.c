/* fuzz-inputs.c: libFuzzer harness for the files a user hands to Rights Desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build: CC=clang meson setup _fuzz -Dfuzzing=true && ninja -C _fuzz tests/fuzz/fuzz-inputs
 * Run:   _fuzz/tests/fuzz/fuzz-inputs -max_total_time=60 tests/fuzz/corpus-inputs
 *
 * The first byte picks the reader: cases from a CSV export, a connector's JSON manifest, or
 * a holiday calendar in iCalendar; the rest is the file. Each reads the file or refuses it
 * with an error, never crashes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "rd-connector-manifest.h"
#include "rd-ical.h"
#include "rd-import.h"
#include "rd-json-load.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static RdStore *
store (void)
{
  static RdStore *store;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("fuzz-inputs-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "cases.db", NULL);

      store = rd_store_open (path, NULL);
      g_assert (store != NULL);
    }
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data + 1;
  gsize length = size - 1;

  if (size == 0)
    return 0;

  switch (data[0] % 3)
    {
    case 0:
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (RdImportReport) report = rd_import_csv (store (), text, length, data[0] & 4,
                                                           NULL, NULL, NULL, &error);

        /* A report, or an error that says why: one or the other. */
        g_assert ((report == NULL) != (error == NULL));
        if (report != NULL)
          g_assert (report->imported == report->references->len);
      }
      break;

    case 1:
      {
        g_autoptr (JsonParser) parser = json_parser_new ();
        g_autoptr (GError) error = NULL;

        if (rd_json_load_data (parser, text, length, NULL, &error))
          {
            g_autoptr (RdManifest) manifest =
              rd_manifest_new_from_json (json_parser_get_root (parser), &error);

            g_assert ((manifest == NULL) != (error == NULL));
          }
        else
          g_assert (error != NULL);
      }
      break;

    default:
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GPtrArray) events = rd_ical_read_events (text, length, &error);

        g_assert ((events == NULL) != (error == NULL));
      }
      break;
    }
  return 0;
}
