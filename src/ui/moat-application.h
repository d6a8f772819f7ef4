/* moat-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-recovery.h"

G_BEGIN_DECLS

#define MOAT_TYPE_APPLICATION (moat_application_get_type ())

G_DECLARE_FINAL_TYPE (MoatApplication, moat_application, MOAT, APPLICATION, AdwApplication)

MoatApplication *moat_application_new          (void);
MoatRecovery    *moat_application_get_recovery (MoatApplication *self);

G_END_DECLS
