/* fuzz-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>

#include "moat-document.h"

G_BEGIN_DECLS

/* The file name the targets give the loader, which every message must
 * start with. */
#define FUZZ_DISPLAY_NAME "fuzz-input"

int  LLVMFuzzerTestOneInput      (const uint8_t *data,
                                  size_t         size);

void fuzz_init                   (void);
void fuzz_check_message          (const char    *message);
void fuzz_check_error            (const GError  *error);
void fuzz_check_saves_and_loads  (MoatDocument  *document);

G_END_DECLS
