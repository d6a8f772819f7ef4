/* moat-cli-analyze.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int moat_cli_analyze (const char *path,
                      gboolean    json,
                      const char *fail_on);

G_END_DECLS
