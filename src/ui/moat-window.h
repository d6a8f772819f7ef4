/* moat-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-application.h"
#include "moat-document.h"
#include "moat-review-model.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WINDOW (moat_window_get_type ())

G_DECLARE_FINAL_TYPE (MoatWindow, moat_window, MOAT, WINDOW, AdwApplicationWindow)

MoatWindow   *moat_window_new          (MoatApplication *application);
MoatDocument *moat_window_get_document (MoatWindow      *self);
GtkWidget    *moat_window_get_canvas   (MoatWindow      *self);
GtkWidget    *moat_window_get_inspector (MoatWindow     *self);
MoatReviewModel *moat_window_get_review_model (MoatWindow *self);
gboolean      moat_window_load_file    (MoatWindow      *self,
                                        GFile           *file);
gboolean      moat_window_save_to_file (MoatWindow      *self,
                                        GFile           *file);
gboolean      moat_window_is_blank     (MoatWindow      *self);
gboolean      moat_window_restore      (MoatWindow        *self,
                                        MoatRecovery      *recovery,
                                        MoatRecoveryEntry *entry);

G_END_DECLS
