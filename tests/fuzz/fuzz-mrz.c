/* fuzz-mrz.c: libFuzzer harness for the MRZ parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build: CC=clang meson setup _fuzz -Dfuzzing=true && ninja -C _fuzz tests/fuzz/fuzz-mrz
 * Run:   _fuzz/tests/fuzz/fuzz-mrz -max_total_time=60 tests/fuzz/corpus-mrz
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "rd-mrz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (RdMrz) parsed = NULL;
  g_autoptr (RdMrz) found = NULL;

  /* Whatever the input, the parser returns an MRZ or an error, never a crash. */
  parsed = rd_mrz_parse_text (text, NULL);
  if (parsed != NULL)
    {
      g_autoptr (JsonNode) node = rd_mrz_to_json (parsed);
      g_autoptr (RdMrzIdentityMatch) match = rd_mrz_compare_identity (parsed, text, "1974-08-12",
                                                                      NULL);
      g_autoptr (RdMrz) copy = rd_mrz_copy (parsed);
      g_autofree char *why = rd_mrz_describe_failure (parsed);

      g_assert (node != NULL);
      g_assert (match != NULL);
      g_assert (copy->valid == parsed->valid);
      /* A failed MRZ always has a reason to give. */
      g_assert (parsed->valid || why != NULL);
    }

  found = rd_mrz_find_in_text (text, NULL);
  if (found != NULL)
    {
      g_autoptr (JsonNode) node = rd_mrz_to_json (found);

      g_assert (node != NULL);
    }

  return 0;
}
