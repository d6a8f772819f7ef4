/* moat-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The gettext domain of the texts in data/stride.json and data/rules/,
 * kept apart from the program's own messages; see docs/rules.md. */
#define MOAT_DATA_GETTEXT_PACKAGE "moat-data"

char       *moat_data_dup_path      (const char *relative_path);
const char *moat_data_translate     (const char *text);

G_END_DECLS
