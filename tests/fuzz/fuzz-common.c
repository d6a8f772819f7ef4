/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "moat-format.h"

/* Checks shared by the fuzz targets. A failed check prints what went
 * wrong and aborts, which libFuzzer records as a crash with its input. */

G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
static void
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

/* Makes warnings and critical warnings abort: a precondition that fails
 * or a problem the code only logs is a bug that the input found. */
void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

void
fuzz_check_message (const char *message)
{
  if (!g_utf8_validate (message, -1, NULL))
    fail ("a message is not valid UTF-8: %s", message);

  if (!g_str_has_prefix (message, FUZZ_DISPLAY_NAME ": "))
    fail ("a message does not start with the file name: %s", message);
}

void
fuzz_check_error (const GError *error)
{
  if (error == NULL)
    fail ("the input was rejected without an error");

  fuzz_check_message (error->message);
}

/* Whatever Moat accepted, it must save, and load what it saved into a
 * model that saves to the same bytes. */
void
fuzz_check_saves_and_loads (MoatDocument *document)
{
  g_autoptr(GBytes) saved = moat_format_serialize (document);
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(MoatDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  reloaded = moat_format_load_bytes (saved, FUZZ_DISPLAY_NAME, &error);
  if (reloaded == NULL)
    fail ("the saved model does not load again: %s\n%.*s", error->message,
          (int)MIN (g_bytes_get_size (saved), 4096), (const char *)g_bytes_get_data (saved, NULL));

  saved_again = moat_format_serialize (reloaded);
  if (!g_bytes_equal (saved, saved_again))
    fail ("saving the reloaded model gives other bytes");
}
