/* moat-format-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The members of the "model" object in file order. The loader accepts
 * exactly these, and the serializer writes them in this order. */
const char * const *moat_format_get_model_keys (void);

G_END_DECLS
