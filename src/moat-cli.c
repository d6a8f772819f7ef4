/* moat-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"
#include "moat-cli-analyze.h"
#include "moat-cli-private.h"
#include "moat-export.h"
#include "moat-format.h"
#include "moat-input-limits.h"
#include "moat-threat-dragon-import.h"

/* The subcommands of `moat`. They run without a display because they use
 * the core, import and export libraries only, never GTK. */

void
moat_cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->diagram, g_free);
  g_clear_pointer (&options->sort, g_free);
  g_clear_pointer (&options->exclude, g_strfreev);
  g_clear_pointer (&options->date, g_free);
  g_clear_pointer (&options->images, g_free);
  g_clear_pointer (&options->scale, g_free);
  g_clear_pointer (&options->page_size, g_free);
  g_clear_pointer (&options->arguments, g_strfreev);
  g_clear_pointer (&options->fail_on, g_free);
}

/* Prints a usage error of @command and the hint to its --help. */
int
moat_cli_usage_error_valist (const Command *command,
                             const char    *format,
                             va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_printerr ("moat %s: %s\n", command->name, message);
  g_printerr (_("Run “moat %s --help” to see its usage.\n"), command->name);

  return MOAT_CLI_EXIT_USAGE;
}

G_GNUC_PRINTF (2, 3)
static int
usage_error (const Command *command,
             const char    *format,
             ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = moat_cli_usage_error_valist (command, format, args);
  va_end (args);

  return status;
}

static void
add_help_option (GOptionContext *context,
                 CliOptions     *options)
{
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options->help,
      N_("Show the usage and options of this command"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
moat_cli_add_files_option (GOptionContext *context,
                           CliOptions     *options)
{
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->arguments, NULL, NULL },
    { NULL }
  };

  add_help_option (context, options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static void
add_import_options (GOptionContext *context,
                    CliOptions     *options)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("Moat model to write, replaced if it exists; “-” writes to standard output"),
      N_("FILE") },
    { NULL }
  };

  moat_cli_add_files_option (context, options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static int
run_validate (const Command *command,
              CliOptions    *options)
{
  int status = MOAT_CLI_EXIT_SUCCESS;

  if (options->arguments == NULL || options->arguments[0] == NULL)
    return usage_error (command, _("no model file given"));

  for (guint i = 0; options->arguments[i] != NULL; i++)
    {
      const char *argument = options->arguments[i];
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argument);
      g_autoptr(MoatDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *display_name = g_filename_display_name (argument);

      document = moat_format_load_file (file, NULL, &error);
      if (document == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = MOAT_CLI_EXIT_FAILURE;
          continue;
        }

      g_print (_("%s: valid\n"), display_name);
    }

  return status;
}

/* Writes @bytes to the file @output, as given on the command line, or to
 * standard output for "-". */
gboolean
moat_cli_write_output (const char  *output,
                       GBytes      *bytes,
                       GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (output, "-"))
    {
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  /* g_file_replace_contents() writes a temporary file and renames it, so
   * a failed export leaves any previous output intact. */
  file = g_file_new_for_commandline_arg (output);
  if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, error))
    {
      g_autofree char *display_name = g_file_get_parse_name (file);

      g_prefix_error (error, _("cannot write %s: "), display_name);
      return FALSE;
    }

  return TRUE;
}

static int
run_import (const Command *command,
            CliOptions    *options)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  guint n_files = options->arguments != NULL ? g_strv_length (options->arguments) : 0;

  if (n_files == 0)
    return usage_error (command, _("no Threat Dragon file given"));
  if (n_files > 1)
    return usage_error (command, _("import takes one file, but %u were given"), n_files);
  if (options->output == NULL)
    return usage_error (command, _("no output file given; use -o FILE.moat, or -o - for "
                                   "standard output"));

  source = g_file_new_for_commandline_arg (options->arguments[0]);
  display_name = g_file_get_parse_name (source);
  if (!g_str_equal (options->output, "-"))
    {
      g_autoptr(GFile) output_file = g_file_new_for_commandline_arg (options->output);

      if (moat_export_is_same_file (source, output_file))
        return usage_error (command, _("the output file is the file to import; choose another "
                                       "output file"));
    }

  /* Checks the type and size before reading, so that /dev/zero fails. */
  bytes = moat_input_load_file (source, NULL, &error);
  if (bytes == NULL)
    {
      g_printerr (_("%s: cannot read the file: %s\n"), display_name, error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  document = moat_threat_dragon_import (bytes, display_name, report, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  /* The report lists what was converted or left out. It goes to standard
   * error, so that -o - leaves a clean model on standard output. */
  for (guint i = 0; i < report->len; i++)
    g_printerr ("%s\n", (const char *)g_ptr_array_index (report, i));

  model = moat_format_serialize (document);
  if (!moat_cli_write_output (options->output, model, &error))
    {
      g_printerr ("moat %s: %s\n", command->name, error->message);
      return MOAT_CLI_EXIT_FAILURE;
    }

  return MOAT_CLI_EXIT_SUCCESS;
}

static void
add_analyze_options (GOptionContext *context,
                     CliOptions     *options)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print the analysis as JSON, described in docs/cli.md"), NULL },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &options->fail_on,
      N_("Exit with status 1 when the model has an OPEN threat of this severity or above "
         "(critical or high), or a boundary-crossing flow not fully reviewed (unreviewed)"),
      N_("CONDITION") },
    { NULL }
  };

  moat_cli_add_files_option (context, options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static int
run_analyze (const Command *command,
             CliOptions    *options)
{
  if (options->arguments == NULL || options->arguments[0] == NULL)
    return usage_error (command, _("no model file given"));

  if (options->arguments[1] != NULL)
    return usage_error (command, _("give one model file"));

  if (options->fail_on != NULL && !g_strv_contains ((const char * const[]) {
                                                      "critical", "high", "unreviewed", NULL },
                                                    options->fail_on))
    return usage_error (command, _("unknown --fail-on value “%s”; expected critical, high or "
                                   "unreviewed"),
                        options->fail_on);

  return moat_cli_analyze (options->arguments[0], options->json, options->fail_on);
}

static const Command commands[] = {
  {
    "validate", N_("FILE…"),
    N_("Check model files and report every problem with its JSON path."),
    N_("Prints “FILE: valid” for each valid file. Exits with status 1 if a file is invalid, "
       "and 2 on a usage error."),
    moat_cli_add_files_option, run_validate,
  },
  {
    "export", N_("FILE -o OUTPUT"),
    N_("Write a model as a Markdown review document or another format."),
    N_("The model file is only read. Exits with status 1 if the model is invalid or the "
       "output cannot be written, and 2 on a usage error."),
    moat_cli_add_export_options, moat_cli_run_export,
  },
  {
    "analyze", N_("FILE"),
    N_("Report boundary crossings, checklist coverage, suggestions and counts by severity."),
    N_("Also lists the problems a reviewer should fix. Exits with status 1 if the model or "
       "its rule files are invalid or the model fails the --fail-on check, and 2 on a usage "
       "error."),
    add_analyze_options, run_analyze,
  },
  {
    "import", N_("FILE -o OUTPUT.moat"),
    N_("Convert an OWASP Threat Dragon model to a Moat model."),
    N_("Reads Threat Dragon version 1 and 2 JSON files, and lists on standard error what was "
       "converted or left out. The input file is only read. Exits with status 1 if the file "
       "cannot be imported or the output cannot be written, and 2 on a usage error."),
    add_import_options, run_import,
  },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static GOptionContext *
create_context (const Command *command,
                CliOptions    *options)
{
  GOptionContext *context = g_option_context_new (_(command->parameter_string));

  /* The built-in --help exits the process; ours returns a status. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  command->add_options (context, options);

  return context;
}

static int
run_command (const Command  *command,
             int             argc,
             char          **argv)
{
  g_auto(CliOptions) options = { 0, };
  g_autoptr(GOptionContext) context = create_context (command, &options);
  g_auto(GStrv) arguments = g_new0 (char *, argc + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("moat %s", command->name);

  /* The usage line in --help starts with the program name. */
  g_set_prgname (prgname);

  arguments[0] = g_strdup (prgname);
  for (int i = 1; i < argc; i++)
    arguments[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &arguments, &error))
    return usage_error (command, "%s", error->message);

  if (options.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", help);
      return MOAT_CLI_EXIT_SUCCESS;
    }

  return command->run (command, &options);
}

static void
print_overview (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n", _("Usage:"));
  g_string_append_printf (text, "  moat [FILE…]  %s\n", _("Open the model files in the editor"));
  g_string_append_printf (text, "  moat COMMAND [OPTION…] ARGUMENT…  %s\n\n",
                          _("Run a command without a display"));

  g_string_append_printf (text, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "  %-10s %s\n", "help", _("Show this overview, or the usage "
                                                          "of one command."));
  g_string_append_printf (text, "  %-10s %s\n\n", "--version", _("Show the version of Moat."));

  g_string_append_printf (text, "%s\n", _("Run “moat COMMAND --help” to see the options of a "
                                          "command. Exit status: 0 on success, 1 for an invalid "
                                          "model or a failed check, 2 for a usage error."));

  g_print ("%s", text->str);
}

static int
run_help (int    argc,
          char **argv)
{
  const Command *command;
  char *help_argv[] = { argv[0], (char *)"--help", NULL };

  if (argc < 3)
    {
      print_overview ();
      return MOAT_CLI_EXIT_SUCCESS;
    }

  command = find_command (argv[2]);
  if (command == NULL)
    {
      g_printerr (_("moat: unknown command “%s”; run “moat help” to list the commands\n"),
                  argv[2]);
      return MOAT_CLI_EXIT_USAGE;
    }

  return run_command (command, 2, help_argv);
}

/**
 * moat_cli_is_command:
 * @argument: the first argument given to `moat`
 *
 * Tells whether @argument starts a command-line run, so that `moat`
 * skips the GUI: a subcommand name, `help`, `--help`, `-h` or `--version`.
 */
gboolean
moat_cli_is_command (const char *argument)
{
  g_return_val_if_fail (argument != NULL, FALSE);

  return find_command (argument) != NULL ||
         g_str_equal (argument, "help") ||
         g_str_equal (argument, "--help") ||
         g_str_equal (argument, "-h") ||
         g_str_equal (argument, "--version");
}

/**
 * moat_cli_run:
 * @argc: the number of arguments
 * @argv: the arguments of `moat`, with the command in argv[1]
 *
 * Runs one subcommand of `moat`, printing results to standard output and
 * problems to standard error.
 *
 * Returns: the exit status: %MOAT_CLI_EXIT_SUCCESS,
 *   %MOAT_CLI_EXIT_FAILURE when a model is invalid or a check or write
 *   failed, or %MOAT_CLI_EXIT_USAGE for a usage error
 */
int
moat_cli_run (int    argc,
              char **argv)
{
  const Command *command;

  g_return_val_if_fail (argc >= 2, MOAT_CLI_EXIT_USAGE);

  if (!moat_cli_is_command (argv[1]))
    {
      g_printerr (_("moat: unknown command “%s”; run “moat help” to list the commands\n"),
                  argv[1]);
      return MOAT_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("moat %s\n", PACKAGE_VERSION);
      return MOAT_CLI_EXIT_SUCCESS;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return run_help (argc, argv);

  return run_command (command, argc - 1, argv + 1);
}
