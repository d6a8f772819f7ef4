/* moat-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_FORMAT_NAME    "moat"
#define MOAT_FORMAT_VERSION 1
#define MOAT_FORMAT_ERROR   (moat_format_error_quark ())

typedef enum
{
  MOAT_FORMAT_ERROR_INVALID_JSON,
  MOAT_FORMAT_ERROR_NOT_A_MODEL,
  MOAT_FORMAT_ERROR_NEWER_VERSION,
  MOAT_FORMAT_ERROR_INVALID,
} MoatFormatError;

/**
 * MoatFormatSaveFlags:
 * @MOAT_FORMAT_SAVE_NONE: replace the file
 * @MOAT_FORMAT_SAVE_KEEP_BACKUP: keep the previous version of the file
 *   next to it, with "~" added to its name
 * @MOAT_FORMAT_SAVE_CHECK_LIMITS: refuse to write a file past the input
 *   limits that the loader enforces, such as a text over 1 MiB pasted
 *   into a field, since Moat could not open it again
 */
typedef enum
{
  MOAT_FORMAT_SAVE_NONE = 0,
  MOAT_FORMAT_SAVE_KEEP_BACKUP = 1 << 0,
  MOAT_FORMAT_SAVE_CHECK_LIMITS = 1 << 1,
} MoatFormatSaveFlags;

GQuark        moat_format_error_quark (void);

MoatDocument *moat_format_load_bytes  (GBytes        *bytes,
                                       const char    *display_name,
                                       GError       **error);
MoatDocument *moat_format_load_file   (GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
GBytes       *moat_format_serialize   (MoatDocument  *document);
gboolean      moat_format_save_file   (MoatDocument  *document,
                                       GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean      moat_format_save_file_full (MoatDocument        *document,
                                          GFile               *file,
                                          MoatFormatSaveFlags  flags,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
