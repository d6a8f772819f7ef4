/* fuzz-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "moat-format.h"

/* The .moat loader on arbitrary bytes. A rejected file must come with a
 * message that names the file; an accepted one must save, load again and
 * save to the same bytes, so that nothing Moat opens is lost. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatDocument) document = NULL;

  fuzz_init ();

  document = moat_format_load_bytes (bytes, FUZZ_DISPLAY_NAME, &error);
  if (document == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check_saves_and_loads (document);

  return 0;
}
