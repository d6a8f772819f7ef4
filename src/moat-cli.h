/* moat-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the command-line tool. */
#define MOAT_CLI_EXIT_SUCCESS 0
#define MOAT_CLI_EXIT_FAILURE 1
#define MOAT_CLI_EXIT_USAGE   2

gboolean moat_cli_is_command (const char  *argument);
int      moat_cli_run        (int          argc,
                              char       **argv);

G_END_DECLS
