/* moat-threat-dragon.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_THREAT_DRAGON_EXPORT_ERROR (moat_threat_dragon_export_error_quark ())

typedef enum
{
  MOAT_THREAT_DRAGON_EXPORT_ERROR_INVALID_MODEL,
} MoatThreatDragonExportError;

GQuark  moat_threat_dragon_export_error_quark (void);

GBytes *moat_threat_dragon_export             (MoatDocument  *document,
                                               GError       **error);

G_END_DECLS
