/* bench-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The view the canvas frames are drawn at: a full HD window. */
#define BENCH_VIEW_WIDTH  1920
#define BENCH_VIEW_HEIGHT 1080

typedef struct
{
  const char *path;
  guint n;
  guint runs;
  /* Stop repeating a figure once its runs took this long, after at least
   * one run, so the largest models finish in reasonable time. */
  double budget_ms;
  /* The moat executable, for the validate figure, or NULL. */
  const char *cli_path;
  /* Figures not to measure, because one run would take too long. */
  const char * const *skip;
} BenchRunOptions;

gboolean bench_run_measure      (const BenchRunOptions  *options,
                                 GError                **error);
gboolean bench_run_measure_rss  (const char             *path,
                                 GError                **error);
gsize    bench_read_peak_rss    (void);

G_END_DECLS
