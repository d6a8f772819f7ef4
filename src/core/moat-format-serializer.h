/* moat-format-serializer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FORMAT_SERIALIZER (moat_format_serializer_get_type ())

G_DECLARE_FINAL_TYPE (MoatFormatSerializer, moat_format_serializer,
                      MOAT, FORMAT_SERIALIZER, GObject)

MoatFormatSerializer *moat_format_serializer_new            (MoatDocument         *document);
MoatDocument         *moat_format_serializer_get_document   (MoatFormatSerializer *self);
gboolean              moat_format_serializer_step           (MoatFormatSerializer *self,
                                                             guint                 max_items,
                                                             gint64                max_duration_usec);
guint                 moat_format_serializer_get_n_restarts (MoatFormatSerializer *self);
GBytes               *moat_format_serializer_finish         (MoatFormatSerializer *self);

G_END_DECLS
