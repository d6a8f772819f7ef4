/* fuzz-threat-dragon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"
#include "moat-threat-dragon-import.h"

/* The OWASP Threat Dragon importer on arbitrary bytes. A rejected file
 * must come with a message that names the file; an imported model must
 * save as a .moat file that loads again. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;

  fuzz_init ();

  /* Opening a file runs the detection first, on the same bytes; only a
   * crash matters there. */
  moat_threat_dragon_detect (bytes);

  document = moat_threat_dragon_import (bytes, FUZZ_DISPLAY_NAME, report, &error);
  if (document == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  for (guint i = 0; i < report->len; i++)
    fuzz_check_message (g_ptr_array_index (report, i));

  fuzz_check_saves_and_loads (document);

  return 0;
}
