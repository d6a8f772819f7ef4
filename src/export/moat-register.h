/* moat-register.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-export-options.h"

G_BEGIN_DECLS

/* The threat register: one record per threat, for spreadsheets and issue
 * trackers. docs/export.md lists the CSV columns and the JSON members, and
 * data/threat-register.schema.json is the JSON Schema of the JSON form. */

#define MOAT_REGISTER_FORMAT_NAME "moat-threat-register"
#define MOAT_REGISTER_VERSION 1

const char * const *moat_register_get_csv_columns (void);

GBytes             *moat_register_export_csv      (MoatDocument             *document,
                                                   const MoatExportOptions  *options,
                                                   gboolean                  guard_formulas,
                                                   GError                  **error);
GBytes             *moat_register_export_json     (MoatDocument             *document,
                                                   const MoatExportOptions  *options,
                                                   GError                  **error);

G_END_DECLS
