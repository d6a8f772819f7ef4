/* bench-figure.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One measured figure: the median of several runs, its spread, and where
 * a floor applies, the floor's median from the same run and the ratio.
 * A figure with no runs is a row that could not be measured; @note says
 * why. */
typedef struct
{
  char *metric;
  guint n;
  guint runs;
  double median;
  double min;
  double max;
  char *unit;
  char *floor;
  double floor_median;
  char *note;
} BenchFigure;

BenchFigure *bench_figure_new            (const char        *metric,
                                          guint              n,
                                          const char        *unit);
BenchFigure *bench_figure_new_from_samples (const char      *metric,
                                          guint              n,
                                          const char        *unit,
                                          GArray            *samples);
void         bench_figure_free           (BenchFigure       *figure);
void         bench_figure_set_note       (BenchFigure       *figure,
                                          const char        *format,
                                          ...) G_GNUC_PRINTF (2, 3);
void         bench_figure_set_floor      (BenchFigure       *figure,
                                          const BenchFigure *floor);
double       bench_figure_get_ratio      (const BenchFigure *figure);
JsonNode    *bench_figure_to_json        (const BenchFigure *figure);
BenchFigure *bench_figure_new_from_json  (JsonNode          *node,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchFigure, bench_figure_free)

G_END_DECLS
