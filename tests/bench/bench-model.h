/* bench-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The grid the generator lays elements on, in diagram units. A 1920×1080
 * view at 100 % shows about 11 × 11 cells, which with their flows and
 * boundaries is about 500 drawn items. */
#define BENCH_CELL_WIDTH   180.0
#define BENCH_CELL_HEIGHT   96.0

/* What a generated model contains, for the benchmark's messages. */
typedef struct
{
  guint n_elements;
  guint n_flows;
  guint n_boundaries;
  guint n_threats;
  guint n_columns;
  guint n_rows;
} BenchModelInfo;

char *bench_model_generate (guint           n_elements,
                            guint64         seed,
                            BenchModelInfo *info);

G_END_DECLS
