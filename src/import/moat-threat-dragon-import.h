/* moat-threat-dragon-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_THREAT_DRAGON_ERROR (moat_threat_dragon_error_quark ())

typedef enum
{
  MOAT_THREAT_DRAGON_ERROR_INVALID_JSON,
  MOAT_THREAT_DRAGON_ERROR_NOT_A_MODEL,
  MOAT_THREAT_DRAGON_ERROR_INVALID,
} MoatThreatDragonError;

GQuark        moat_threat_dragon_error_quark (void);

gboolean      moat_threat_dragon_detect      (GBytes      *bytes);
MoatDocument *moat_threat_dragon_import      (GBytes      *bytes,
                                              const char  *display_name,
                                              GPtrArray   *report,
                                              GError     **error);

G_END_DECLS
