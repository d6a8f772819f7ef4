/* moat-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The parsed options of one subcommand; each subcommand uses some. */
typedef struct
{
  gboolean help;
  char *format;
  char *output;
  char *diagram;
  char *sort;
  char **exclude;
  char *date;
  char *images;
  char *scale;
  char *page_size;
  gboolean guard_formulas;
  char **arguments;
  gboolean json;
  char *fail_on;
} CliOptions;

typedef struct _Command Command;

struct _Command
{
  const char *name;
  const char *parameter_string;
  const char *summary;
  const char *description;
  void (*add_options) (GOptionContext *context,
                       CliOptions     *options);
  int  (*run)         (const Command  *command,
                       CliOptions     *options);
};

void     moat_cli_options_clear      (CliOptions      *options);
int      moat_cli_usage_error_valist (const Command   *command,
                                      const char      *format,
                                      va_list          args) G_GNUC_PRINTF (2, 0);
void     moat_cli_add_files_option   (GOptionContext  *context,
                                      CliOptions      *options);
gboolean moat_cli_write_output       (const char      *output,
                                      GBytes          *bytes,
                                      GError         **error);

/* `moat export`, in moat-cli-export.c. */
void     moat_cli_add_export_options (GOptionContext  *context,
                                      CliOptions      *options);
int      moat_cli_run_export         (const Command   *command,
                                      CliOptions      *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, moat_cli_options_clear)

G_END_DECLS
