/* moat-atomic-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean moat_atomic_file_write (GFile         *file,
                                 GBytes        *contents,
                                 gboolean       keep_backup,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
