/* moat-bench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmark generates synthetic models of N elements and measures
 * each size in a child process of its own, so that sizes share no heap and
 * each peak RSS is its own. It prints one table with the floors and the
 * targets. 'build-aux/dev bench' builds it in release mode and runs it.
 */

#include "config.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>

#include <adwaita.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>

#include "moat-format.h"

#include "bench-figure.h"
#include "bench-model.h"
#include "bench-run.h"

/* What a child process returns when it has no display for GTK. */
#define EXIT_NO_DISPLAY 77

#define MIB (1024.0 * 1024.0)

/* Above SKIP_ABOVE_N elements, a figure predicted to take longer than
 * SKIP_AFTER_MS per run is skipped. */
#define SKIP_AFTER_MS 30000.0
#define SKIP_ABOVE_N  10000

static const guint default_sizes[] = { 100, 1000, 10000, 100000 };

/* argv[0], which runs the child processes. Rebuilding the program while it
 * runs replaces the file, so this is the path, not /proc/self/exe. */
static const char *program_path;

typedef struct
{
  /* Modes. */
  int generate;
  char *output;
  char *measure_path;
  char *rss_path;
  gboolean gtk_baseline;

  /* Options of the table. */
  gboolean json;
  gboolean quick;
  int runs;
  gint64 seed;
  int n;
  double budget_ms;
  char *cli_path;
  char **skip;
} Options;

/* Frees the strings that GOption stores in @options. */
static void
options_clear (Options *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->measure_path, g_free);
  g_clear_pointer (&options->rss_path, g_free);
  g_clear_pointer (&options->cli_path, g_free);
  g_clear_pointer (&options->skip, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

typedef struct
{
  const char *metric;
  const char *label;
} Label;

/* The rows of the table, in order. */
static const Label labels[] = {
  { "file-size", "File size" },
  { "read", "Floor: plain read of the file" },
  { "json-glib-parse", "Floor: json-glib parse" },
  { "json-glib-parse-walk", "Floor: json-glib parse and walk every node" },
  { "json-glib-build-generate", "Floor: json-glib build + generate" },
  { "png-encode", "Floor: PNG encode of a 1920×1080 frame" },
  { "load", "Load (parse, check, build the model)" },
  { "validate", "Validate (moat validate FILE)" },
  { "save", "Save (serialize)" },
  { "save-file", "Save to disk (atomic, fsync)" },
  { "autosave-stall", "Autosave: longest main-loop stall" },
  { "analyze", "Analyze (crossings, rules, coverage)" },
  { "crossings", "Boundary crossings alone" },
  { "markdown-export", "Markdown export" },
  { "svg-export", "SVG export (moat_image_export, 100 %)" },
  { "png-export", "PNG export (moat_image_export, 100 % or the largest scale that fits)" },
  { "frame-actual-size", "Canvas view of 1920×1080 at 100 %, every tile rendered in one pass" },
  { "frame-fit", "Canvas view of 1920×1080 zoomed to fit, every tile rendered in one pass" },
  { "frame-zoom-step", "Canvas frame after a zoom step to 100 %" },
  { "frame-pan", "Canvas frame after a pan by a third of the view at 100 %, tiles around "
                 "the view rendered ahead" },
  { "prefetch-step", "Longest idle step rendering the tiles around the view at 100 %" },
  { "frame-drag", "Canvas frame during a drag of one element at 100 %" },
  { "frame-edit", "Canvas frame after moving one element at 100 %" },
  { "hit-test", "Hit test, one point" },
  { "delete", "Delete 1,000 elements" },
  { "undo-delete", "Undo of that delete" },
  { "peak-rss", "Peak RSS: load, two frames, hit test" },
  { "rss-after-load", "RSS with the document open" },
  { "gtk-baseline", "GTK baseline RSS: one empty window" },
};

static const char *
get_label (const char *metric)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].metric, metric))
      return labels[i].label;

  return metric;
}

/* Floors are never skipped, because the ratios at every size need them. */
static gboolean
is_floor (const char *metric)
{
  return g_str_equal (metric, "read") || g_str_has_prefix (metric, "json-glib-") ||
         g_str_equal (metric, "png-encode");
}

static gboolean
is_default_size (guint n)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_sizes); i++)
    if (default_sizes[i] == n)
      return TRUE;

  return FALSE;
}

static guint
default_runs (guint n)
{
  if (n <= 100)
    return 15;
  if (n <= 1000)
    return 9;
  if (n <= 10000)
    return 5;

  return 3;
}

static const BenchFigure *find_figure (GPtrArray  *figures,
                                       const char *metric,
                                       guint       n);
static char              *format_n    (guint       n);

/* Writes the generated model in the form Moat saves, so that loading and
 * saving it time the files users have. */
static gboolean
write_model (guint           n,
             guint64         seed,
             const char     *path,
             BenchModelInfo *info,
             GError        **error)
{
  g_autofree char *text = bench_model_generate (n, seed, info);
  gsize length = strlen (text);
  g_autoptr(GBytes) raw = g_bytes_new_take (g_steal_pointer (&text), length);
  g_autoptr(MoatDocument) document = NULL;
  g_autoptr(GBytes) saved = NULL;

  document = moat_format_load_bytes (raw, "generated model", error);
  if (document == NULL)
    return FALSE;

  saved = moat_format_serialize (document);
  if (!g_file_set_contents (path, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                            error))
    return FALSE;

  /* The parent waits for its children, so it gives the memory of the
   * largest models back to the system. */
  g_clear_object (&document);
  g_clear_pointer (&saved, g_bytes_unref);
  g_clear_pointer (&raw, g_bytes_unref);
  malloc_trim (0);

  return TRUE;
}

/* Runs this program with @arguments and returns its standard output. A
 * child that exits with EXIT_NO_DISPLAY sets *@no_display instead of an
 * error. */
static char *
run_child (const char * const  *arguments,
           gboolean            *no_display,
           GError             **error)
{
  g_autofree char *self = g_find_program_in_path (program_path);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *output = NULL;
  int status;

  if (self == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "cannot find %s to run it again",
                   program_path);
      return NULL;
    }

  g_strv_builder_add (builder, self);
  g_strv_builder_addv (builder, (const char **)arguments);
  argv = g_strv_builder_end (builder);

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status,
                     error))
    return NULL;

  if (no_display != NULL && WIFEXITED (status) && WEXITSTATUS (status) == EXIT_NO_DISPLAY)
    {
      *no_display = TRUE;
      return g_strdup ("");
    }

  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s %s failed: ", argv[0], argv[1]);
      return NULL;
    }

  return g_steal_pointer (&output);
}

static gboolean
parse_figures (const char  *output,
               GPtrArray   *figures,
               GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      BenchFigure *figure;

      if (lines[i][0] == '\0')
        continue;

      if (!json_parser_load_from_data (parser, lines[i], -1, error))
        return FALSE;

      figure = bench_figure_new_from_json (json_parser_get_root (parser), error);
      if (figure == NULL)
        return FALSE;

      g_ptr_array_add (figures, figure);
    }

  return TRUE;
}

static BenchFigure *
new_single_figure (const char *metric,
                   guint       n,
                   const char *unit,
                   double      value)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_val (samples, value);

  return bench_figure_new_from_samples (metric, n, unit, samples);
}

/* Extrapolates the time of one run of each figure at @n from the two
 * sizes before it, with the growth factor seen between them, and returns
 * the figures predicted to take longer than SKIP_AFTER_MS per run, and
 * those skipped at the size before. Their rows get a note with the
 * prediction instead of a figure. Every target is at 10,000 elements or
 * fewer, except the hit test, so only larger sizes skip anything, and
 * never the floors, the load or the hit test. */
static GPtrArray *
find_slow_figures (GPtrArray *figures,
                   guint      n)
{
  GPtrArray *slow = g_ptr_array_new ();

  for (guint i = 0; i < figures->len; i++)
    {
      BenchFigure *previous = g_ptr_array_index (figures, i);
      const BenchFigure *before = NULL;
      double growth = 10;
      double predicted;

      /* Every other figure needs the loaded document, so load always runs. */
      if (n <= SKIP_ABOVE_N || previous->n * 10 != n || !g_str_equal (previous->unit, "ms") ||
          g_str_equal (previous->metric, "load") || g_str_equal (previous->metric, "hit-test") ||
          is_floor (previous->metric))
        continue;

      if (previous->runs == 0)
        {
          if (previous->note != NULL && g_str_has_prefix (previous->note, "skipped"))
            g_ptr_array_add (slow, previous);
          continue;
        }

      before = find_figure (figures, previous->metric, previous->n / 10);
      if (before != NULL && before->runs > 0 && before->median > 0)
        growth = MAX (10, previous->median / before->median);

      predicted = previous->median * growth;
      if (predicted > SKIP_AFTER_MS)
        g_ptr_array_add (slow, previous);
    }

  return slow;
}

static void
explain_skipped (GPtrArray *figures,
                 GPtrArray *slow,
                 guint      n)
{
  for (guint i = 0; i < slow->len; i++)
    {
      const BenchFigure *previous = g_ptr_array_index (slow, i);
      BenchFigure *skipped = (BenchFigure *)find_figure (figures, previous->metric, n);
      const BenchFigure *before = find_figure (figures, previous->metric, previous->n / 10);
      g_autofree char *at = format_n (previous->n);
      double growth = 10;

      if (skipped == NULL || skipped->runs > 0)
        continue;

      if (previous->runs == 0)
        {
          g_autofree char *size = format_n (previous->n);

          bench_figure_set_note (skipped, "skipped: skipped at %s", size);
          continue;
        }

      if (before != NULL && before->runs > 0 && before->median > 0)
        growth = MAX (10, previous->median / before->median);

      bench_figure_set_note (skipped,
                             "skipped: %.1f s at %s and %.0f× growth per size predict "
                             "%.0f s per run",
                             previous->median / 1000, at, growth,
                             previous->median * growth / 1000);
    }
}

static gboolean
measure_size (const Options  *options,
              guint           n,
              const char     *directory,
              GPtrArray      *figures,
              GError        **error)
{
  g_autofree char *name = g_strdup_printf ("model-%u.moat", n);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *runs = g_strdup_printf ("%u", options->runs > 0 ? (guint)options->runs
                                                                   : default_runs (n));
  g_autofree char *n_text = g_strdup_printf ("%u", n);
  g_autofree char *budget = g_strdup_printf ("%g", options->budget_ms);
  g_autofree char *output = NULL;
  g_autofree char *rss = NULL;
  g_autoptr(GPtrArray) slow = NULL;
  g_autoptr(GStrvBuilder) arguments = NULL;
  g_auto(GStrv) argv = NULL;
  BenchModelInfo info;
  GStatBuf file_stat;
  BenchFigure *figure;
  gboolean ok;

  g_printerr ("moat-bench: %u elements: generating the model\n", n);
  if (!write_model (n, options->seed, path, &info, error) || g_stat (path, &file_stat) != 0)
    return FALSE;

  figure = new_single_figure ("file-size", n, "MB", file_stat.st_size / 1e6);
  bench_figure_set_note (figure, "%u elements, %u flows, %u boundaries, %u threats",
                         info.n_elements, info.n_flows, info.n_boundaries, info.n_threats);
  g_ptr_array_add (figures, figure);

  g_printerr ("moat-bench: %u elements: measuring (%s runs per figure)\n", n, runs);
  slow = find_slow_figures (figures, n);
  arguments = g_strv_builder_new ();
  g_strv_builder_add_many (arguments, "--measure", path, "--n", n_text, "--runs", runs,
                           "--budget", budget, NULL);
  if (options->cli_path != NULL)
    g_strv_builder_add_many (arguments, "--cli", options->cli_path, NULL);
  for (guint i = 0; i < slow->len; i++)
    {
      const BenchFigure *previous = g_ptr_array_index (slow, i);

      g_strv_builder_add_many (arguments, "--skip", previous->metric, NULL);
      /* The undo is measured together with the delete. */
      if (g_str_equal (previous->metric, "delete"))
        g_strv_builder_add_many (arguments, "--skip", "undo-delete", NULL);
    }
  argv = g_strv_builder_end (arguments);

  output = run_child ((const char * const *)argv, NULL, error);
  ok = output != NULL && parse_figures (output, figures, error);
  if (ok)
    explain_skipped (figures, slow, n);

  if (ok)
    {
      const char *rss_arguments[] = { "--rss", path, NULL };

      g_printerr ("moat-bench: %u elements: peak RSS\n", n);
      rss = run_child (rss_arguments, NULL, error);
      ok = rss != NULL;
    }

  if (ok)
    {
      g_auto(GStrv) values = g_strsplit (rss, " ", 2);

      figure = new_single_figure ("peak-rss", n, "MiB",
                                  g_ascii_strtoull (values[0], NULL, 10) / MIB);
      bench_figure_set_note (figure, "a process of its own");
      g_ptr_array_add (figures, figure);

      if (values[1] != NULL)
        {
          figure = new_single_figure ("rss-after-load", n, "MiB",
                                      g_ascii_strtoull (values[1], NULL, 10) / MIB);
          bench_figure_set_note (figure, "after malloc_trim(), with the document open");
          g_ptr_array_add (figures, figure);
        }
    }

  g_unlink (path);

  return ok;
}

static BenchFigure *
measure_gtk_baseline (void)
{
  const char *arguments[] = { "--gtk-baseline", NULL };
  g_autoptr(GError) error = NULL;
  gboolean no_display = FALSE;
  g_autofree char *output = run_child (arguments, &no_display, &error);
  BenchFigure *figure;

  if (output == NULL || no_display)
    {
      figure = bench_figure_new ("gtk-baseline", 0, "MiB");
      bench_figure_set_note (figure, "not measured: %s",
                             no_display ? "no display" : error->message);
      return figure;
    }

  figure = new_single_figure ("gtk-baseline", 0, "MiB",
                              g_ascii_strtoull (output, NULL, 10) / MIB);
  bench_figure_set_note (figure, "GTK and libadwaita initialised, one window shown");

  return figure;
}

/* Child mode: the RSS of a process that shows one empty window. */
static int
run_gtk_baseline (void)
{
  GtkWidget *window;
  gint64 end;

  if (!gtk_init_check ())
    return EXIT_NO_DISPLAY;

  adw_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* Long enough for the window to map and draw its first frames. */
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  printf ("%" G_GSIZE_FORMAT "\n", bench_read_peak_rss ());
  gtk_window_destroy (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}

static const BenchFigure *
find_figure (GPtrArray  *figures,
             const char *metric,
             guint       n)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const BenchFigure *figure = g_ptr_array_index (figures, i);

      if (g_str_equal (figure->metric, metric) && figure->n == n)
        return figure;
    }

  return NULL;
}

static char *
format_value (double      value,
              const char *unit)
{
  if (!isfinite (value))
    return g_strdup ("–");
  if (g_str_equal (unit, "ms") && value < 1)
    return g_strdup_printf ("%.3f %s", value, unit);
  if (value < 100)
    return g_strdup_printf ("%.1f %s", value, unit);

  return g_strdup_printf ("%.0f %s", value, unit);
}

static char *
format_n (guint n)
{
  if (n >= 1000)
    return g_strdup_printf ("%u,%03u", n / 1000, n % 1000);

  return g_strdup_printf ("%u", n);
}

static void
print_figure_row (const BenchFigure *figure)
{
  g_autofree char *n = figure->n > 0 ? format_n (figure->n) : g_strdup ("–");
  g_autofree char *median = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *floor_median = NULL;
  g_autofree char *ratio = NULL;

  if (figure->runs == 0)
    median = g_strdup (figure->note != NULL ? figure->note : "not measured");
  else
    median = format_value (figure->median, figure->unit);

  if (figure->runs > 1)
    {
      g_autofree char *min = format_value (figure->min, figure->unit);
      g_autofree char *max = format_value (figure->max, figure->unit);

      spread = g_strdup_printf ("%s – %s", min, max);
    }
  else
    spread = g_strdup ("");

  floor_median = figure->floor != NULL ? format_value (figure->floor_median, figure->unit)
                                       : g_strdup ("");
  ratio = isfinite (bench_figure_get_ratio (figure))
            ? g_strdup_printf ("%.2f×", bench_figure_get_ratio (figure))
            : g_strdup ("");

  printf ("| %s | %s | %s | %s | %u | %s | %s | %s | %s |\n", get_label (figure->metric), n,
           median, spread, figure->runs,
           figure->floor != NULL ? get_label (figure->floor) + strlen ("Floor: ") : "",
           floor_median, ratio, figure->runs > 0 && figure->note != NULL ? figure->note : "");
}

static void
print_table (GPtrArray *figures)
{
  printf ("| Figure | N | Median | Spread (min – max) | Runs | Floor | Floor median | Ratio | "
           "Note |\n");
  printf ("|---|--:|--:|--:|--:|---|--:|--:|---|\n");

  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    for (guint i = 0; i < figures->len; i++)
      {
        const BenchFigure *figure = g_ptr_array_index (figures, i);

        if (g_str_equal (figure->metric, labels[l].metric))
          print_figure_row (figure);
      }
}

typedef enum
{
  VERDICT_MET,
  VERDICT_NOT_MET,
  VERDICT_NOT_MEASURED,
} Verdict;

static const char * const verdict_names[] = { "met", "NOT MET", "not measured" };

static void
print_target (const char *target,
              Verdict     verdict,
              const char *measured)
{
  printf ("| %s | %s | %s |\n", target, measured, verdict_names[verdict]);
}

/* A target on one figure: its median (or its ratio to its floor) must not
 * exceed @limit. */
static void
check_limit (GPtrArray  *figures,
             const char *target,
             const char *metric,
             guint       n,
             gboolean    use_ratio,
             double      limit)
{
  const BenchFigure *figure = find_figure (figures, metric, n);
  g_autofree char *measured = NULL;
  double value;

  if (figure == NULL || figure->runs == 0)
    {
      g_autofree char *size = format_n (n);

      measured = figure != NULL && figure->note != NULL
                   ? g_strdup (figure->note)
                   : g_strdup_printf ("no figure at N = %s in this run", size);
      print_target (target, VERDICT_NOT_MEASURED, measured);
      return;
    }

  value = use_ratio ? bench_figure_get_ratio (figure) : figure->median;
  if (use_ratio)
    {
      g_autofree char *median = format_value (figure->median, figure->unit);
      g_autofree char *floor = format_value (figure->floor_median, figure->unit);

      measured = g_strdup_printf ("%.2f× (%s against %s)", value, median, floor);
    }
  else
    measured = format_value (value, figure->unit);

  print_target (target, value <= limit ? VERDICT_MET : VERDICT_NOT_MET, measured);
}

/* Checks that each tenfold step of @metric takes at most 11× the time,
 * or with @allow_log at most the growth of N log N (13.3× from 1,000). */
static void
check_growth (GPtrArray  *figures,
              const char *target,
              const char *metric,
              gboolean    allow_log)
{
  g_autoptr(GString) measured = g_string_new (NULL);
  gboolean any = FALSE;
  gboolean all_met = TRUE;

  for (guint i = 0; i + 1 < G_N_ELEMENTS (default_sizes); i++)
    {
      const BenchFigure *small = find_figure (figures, metric, default_sizes[i]);
      const BenchFigure *large = find_figure (figures, metric, default_sizes[i + 1]);
      g_autofree char *from = format_n (default_sizes[i]);
      g_autofree char *to = format_n (default_sizes[i + 1]);
      double factor;
      double limit = 11;

      if (small == NULL || large == NULL || small->runs == 0 || large->runs == 0)
        continue;

      factor = large->median / small->median;
      g_string_append_printf (measured, "%s%s → %s: %.1f×", any ? ", " : "", from, to, factor);
      if (allow_log)
        {
          limit = default_sizes[i + 1] * log (default_sizes[i + 1]) /
                  (default_sizes[i] * log (default_sizes[i]));
          g_string_append_printf (measured, " of %.1f×", limit);
        }
      any = TRUE;
      all_met &= factor <= limit;
    }

  if (!any)
    print_target (target, VERDICT_NOT_MEASURED, "needs two sizes a factor ten apart");
  else
    print_target (target, all_met ? VERDICT_MET : VERDICT_NOT_MET, measured->str);
}

static void
check_rss (GPtrArray *figures)
{
  const char *target = "Peak RSS at 10,000 ≤ 3× file size + GTK baseline";
  const BenchFigure *rss = find_figure (figures, "peak-rss", 10000);
  const BenchFigure *file = find_figure (figures, "file-size", 10000);
  const BenchFigure *baseline = find_figure (figures, "gtk-baseline", 0);
  g_autofree char *measured = NULL;
  double limit;

  if (rss == NULL || file == NULL || rss->runs == 0)
    {
      print_target (target, VERDICT_NOT_MEASURED, "no figure at N = 10,000 in this run");
      return;
    }

  if (baseline == NULL || baseline->runs == 0)
    {
      measured = g_strdup_printf ("%.0f MiB; limit unknown without the GTK baseline (%s)",
                                  rss->median,
                                  baseline != NULL ? baseline->note : "not measured");
      print_target (target, VERDICT_NOT_MEASURED, measured);
      return;
    }

  limit = 3 * file->median * 1e6 / MIB + baseline->median;
  measured = g_strdup_printf ("%.0f MiB against a limit of %.0f MiB (3 × %.1f MB + %.0f MiB)",
                              rss->median, limit, file->median, baseline->median);
  print_target (target, rss->median <= limit ? VERDICT_MET : VERDICT_NOT_MET, measured);
}

static void
print_targets (GPtrArray *figures)
{
  printf ("\n| Target | Measured | Result |\n");
  printf ("|---|---|---|\n");

  check_limit (figures, "Load at 10,000 ≤ 1.3× json-glib parse", "load", 10000, TRUE, 1.3);
  check_growth (figures, "Load linear in N: 10× elements ≤ 11× time", "load", FALSE);
  check_limit (figures, "Save at 10,000 ≤ 1.0× json-glib build + generate", "save", 10000, TRUE,
               1.0);
  check_limit (figures, "Autosave stall at 10,000 ≤ 50 ms", "autosave-stall", 10000, FALSE, 50);
  /* The frame target is checked on each kind of frame the canvas draws:
   * the first after a zoom step, one after a pan or an edit, which render
   * some tiles, and one that keeps them all. The idle steps that render
   * tiles ahead block the main loop as long as a frame. */
  check_limit (figures, "Canvas frame at 10,000, 100 % (~500 visible), after a zoom step ≤ 8 ms",
               "frame-zoom-step", 10000, FALSE, 8);
  check_limit (figures, "Canvas frame at 10,000, 100 %, after a pan by a third ≤ 8 ms",
               "frame-pan", 10000, FALSE, 8);
  check_limit (figures, "Idle step rendering tiles ahead at 10,000, 100 % ≤ 8 ms",
               "prefetch-step", 10000, FALSE, 8);
  check_limit (figures, "Canvas frame at 10,000, 100 %, after moving one element ≤ 8 ms",
               "frame-edit", 10000, FALSE, 8);
  check_limit (figures, "Canvas frame at 10,000, 100 %, during a drag (tiles kept) ≤ 8 ms",
               "frame-drag", 10000, FALSE, 8);
  check_limit (figures, "Canvas view at 10,000 zoomed to fit, every tile rendered ≤ 50 ms",
               "frame-fit", 10000, FALSE, 50);
  check_limit (figures, "Hit test at 100,000 ≤ 0.1 ms", "hit-test", 100000, FALSE, 0.1);
  check_limit (figures, "Analyze at 10,000 ≤ 200 ms", "analyze", 10000, FALSE, 200);
  check_growth (figures,
                "Crossings near-linear in N: each 10× step in time ≤ the growth of N log N",
                "crossings", TRUE);
  check_limit (figures, "Markdown export at 10,000 ≤ 300 ms", "markdown-export", 10000, FALSE,
               300);
  check_rss (figures);
}

static char *
dup_first_line_value (const char *path,
                      const char *key)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("unknown");

  /* /proc files separate the value with a colon, os-release with "=". */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key))
      {
        const char *value = strpbrk (lines[i] + strlen (key), ":=");

        if (value != NULL)
          return g_strstrip (g_strdelimit (g_strdup (value + 1), "\"", ' '));
      }

  return g_strdup ("unknown");
}

static void
print_machine (const Options *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M %Z");
  g_autofree char *cpu = dup_first_line_value ("/proc/cpuinfo", "model name");
  g_autofree char *memory = dup_first_line_value ("/proc/meminfo", "MemTotal");
  g_autofree char *system = dup_first_line_value ("/etc/os-release", "PRETTY_NAME");
  struct utsname name;

  uname (&name);
  printf ("Moat benchmark, %s\n\n", date);
  printf ("- Machine: %s, %u CPUs, %s memory\n", cpu, g_get_num_processors (), memory);
  printf ("- System: %s, Linux %s\n", system, name.release);
  printf ("- Libraries: GLib %u.%u.%u, json-glib %s, cairo %s, Pango %s, GTK %u.%u.%u\n",
           glib_major_version, glib_minor_version, glib_micro_version, JSON_VERSION_S,
           cairo_version_string (), pango_version_string (), gtk_get_major_version (),
           gtk_get_minor_version (), gtk_get_micro_version ());
  printf ("- Model seed %" G_GINT64_FORMAT "; %s\n\n", options->seed,
           options->runs > 0 ? "runs per figure as given with --runs"
                             : "runs per figure: 15 at N = 100, 9 at 1,000, 5 at 10,000, "
                               "3 at 100,000, fewer when the runs of one figure pass the "
                               "time budget");
}

static void
print_json (GPtrArray *figures)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < figures->len; i++)
    json_array_add_element (array, bench_figure_to_json (g_ptr_array_index (figures, i)));

  json_node_set_array (root, array);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
run_table (const Options *options)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 bench_figure_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("moat-bench-models-XXXXXX", &error);
  gboolean ok = directory != NULL;

  if (directory == NULL)
    {
      g_printerr ("moat-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* A size that fails is reported, and the other sizes still run, so one
   * failure does not lose the figures of a long run. */
  for (guint i = 0; i < G_N_ELEMENTS (default_sizes); i++)
    if (options->n == 0 || (guint)options->n == default_sizes[i])
      if (!measure_size (options, default_sizes[i], directory, figures, &error))
        {
          g_printerr ("moat-bench: %u elements: %s\n", default_sizes[i], error->message);
          g_clear_error (&error);
          ok = FALSE;
        }

  if (options->n != 0 && !is_default_size (options->n) &&
      !measure_size (options, options->n, directory, figures, &error))
    {
      g_printerr ("moat-bench: %d elements: %s\n", options->n, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }

  g_rmdir (directory);

  g_printerr ("moat-bench: GTK baseline\n");
  g_ptr_array_add (figures, measure_gtk_baseline ());

  if (options->json)
    print_json (figures);
  else
    {
      print_machine (options);
      print_table (figures);
      print_targets (figures);
    }

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int
run_generate (const Options *options)
{
  g_autoptr(GError) error = NULL;
  BenchModelInfo info;

  if (options->output == NULL)
    {
      g_printerr ("moat-bench: --generate needs --output FILE\n");
      return 2;
    }

  if (!write_model (options->generate, options->seed, options->output, &info, &error))
    {
      g_printerr ("moat-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_printerr ("moat-bench: wrote %s: %u elements, %u flows, %u boundaries, %u threats\n",
              options->output, info.n_elements, info.n_flows, info.n_boundaries,
              info.n_threats);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) options = { .seed = 1, .budget_ms = 15000 };
#ifdef MOAT_BENCH_CLI
  g_autofree char *default_cli = g_strdup (MOAT_BENCH_CLI);
#else
  g_autofree char *default_cli = NULL;
#endif
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      "Print the figures as a JSON array, one object per figure", NULL },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &options.quick,
      "One run per figure, as a smoke test; the figures are not reliable", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options.runs,
      "Runs per figure (default: 15 at N = 100 down to 3 at 100,000)", "RUNS" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed, "Seed of the generated models (default: 1)",
      "SEED" },
    { "generate", 0, 0, G_OPTION_ARG_INT, &options.generate,
      "Write a model of N elements to --output and exit", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, "The file --generate writes",
      "FILE" },
    { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options.measure_path, NULL,
      NULL },
    { "n", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &options.n, NULL, NULL },
    { "budget", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, &options.budget_ms, NULL, NULL },
    { "cli", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options.cli_path, NULL, NULL },
    { "skip", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING_ARRAY, &options.skip, NULL, NULL },
    { "rss", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options.rss_path, NULL, NULL },
    { "gtk-baseline", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &options.gtk_baseline, NULL,
      NULL },
    { NULL }
  };

  program_path = argv[0];
  context = g_option_context_new ("[N]");
  g_option_context_set_summary (context,
                                "Measures Moat on synthetic models of N elements (default: "
                                "100, 1,000, 10,000 and 100,000) and prints one table with "
                                "the floors and the targets.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("moat-bench: %s\n", error->message);
      return 2;
    }

  if (options.gtk_baseline)
    return run_gtk_baseline ();

  if (options.rss_path != NULL)
    {
      if (!bench_run_measure_rss (options.rss_path, &error))
        {
          g_printerr ("moat-bench: %s\n", error->message);
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }

  if (options.measure_path != NULL)
    {
      BenchRunOptions run_options = {
        options.measure_path, options.n, MAX (options.runs, 1), options.budget_ms,
        options.cli_path, (const char * const *)options.skip,
      };

      if (!bench_run_measure (&run_options, &error))
        {
          g_printerr ("moat-bench: %s\n", error->message);
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }

  if (options.generate < 0 || options.generate > 1000000)
    {
      g_printerr ("moat-bench: --generate takes a number of elements from 1 to 1000000\n");
      return 2;
    }
  if (options.generate > 0)
    return run_generate (&options);

  if (argc > 2)
    {
      g_printerr ("moat-bench: expected at most one N, got %d arguments\n", argc - 1);
      return 2;
    }
  if (argc == 2)
    {
      char *end;
      guint64 n = g_ascii_strtoull (argv[1], &end, 10);

      if (*end != '\0' || n < 1 || n > 1000000)
        {
          g_printerr ("moat-bench: N must be a number of elements from 1 to 1000000, got "
                      "'%s'\n", argv[1]);
          return 2;
        }
      options.n = n;
    }

  if (options.quick)
    {
      options.runs = 1;
      options.budget_ms = 0;
    }

  if (default_cli != NULL && g_file_test (default_cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (options.cli_path);
      options.cli_path = g_steal_pointer (&default_cli);
    }

  return run_table (&options);
}
