/* bench-figure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bench-figure.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

BenchFigure *
bench_figure_new (const char *metric,
                  guint       n,
                  const char *unit)
{
  BenchFigure *figure = g_new0 (BenchFigure, 1);

  figure->metric = g_strdup (metric);
  figure->n = n;
  figure->unit = g_strdup (unit);
  figure->median = NAN;
  figure->min = NAN;
  figure->max = NAN;
  figure->floor_median = NAN;

  return figure;
}

/* Sorts @samples in place. */
BenchFigure *
bench_figure_new_from_samples (const char *metric,
                               guint       n,
                               const char *unit,
                               GArray     *samples)
{
  BenchFigure *figure = bench_figure_new (metric, n, unit);
  double *values = (double *)(gpointer)samples->data;
  guint len = samples->len;

  if (len == 0)
    return figure;

  g_array_sort (samples, compare_doubles);
  figure->runs = len;
  figure->min = values[0];
  figure->max = values[len - 1];
  figure->median = len % 2 == 1 ? values[len / 2] : (values[len / 2 - 1] + values[len / 2]) / 2;

  return figure;
}

void
bench_figure_free (BenchFigure *figure)
{
  if (figure == NULL)
    return;

  g_free (figure->metric);
  g_free (figure->unit);
  g_free (figure->floor);
  g_free (figure->note);
  g_free (figure);
}

void
bench_figure_set_note (BenchFigure *figure,
                       const char  *format,
                       ...)
{
  va_list args;

  g_free (figure->note);
  va_start (args, format);
  figure->note = g_strdup_vprintf (format, args);
  va_end (args);
}

void
bench_figure_set_floor (BenchFigure       *figure,
                        const BenchFigure *floor)
{
  g_free (figure->floor);
  figure->floor = g_strdup (floor->metric);
  figure->floor_median = floor->median;
}

/* The median over the floor's median, or NaN without a floor. */
double
bench_figure_get_ratio (const BenchFigure *figure)
{
  if (figure->floor == NULL || figure->runs == 0 || !(figure->floor_median > 0))
    return NAN;

  return figure->median / figure->floor_median;
}

static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, round (value * 1000) / 1000);
  else
    json_builder_add_null_value (builder);
}

/* One object per figure: metric, n, median, unit, and the floor's name,
 * median and ratio where a floor applies. A figure that was not measured
 * has a null median and a note. */
JsonNode *
bench_figure_to_json (const BenchFigure *figure)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, figure->metric);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, figure->n);
  add_number (builder, "median", figure->median);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, figure->unit);
  add_number (builder, "min", figure->min);
  add_number (builder, "max", figure->max);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, figure->runs);

  if (figure->floor != NULL)
    {
      json_builder_set_member_name (builder, "floor");
      json_builder_add_string_value (builder, figure->floor);
      add_number (builder, "floor_median", figure->floor_median);
      add_number (builder, "ratio", bench_figure_get_ratio (figure));
    }

  if (figure->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, figure->note);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static double
get_number (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NAN;

  return json_node_get_double (node);
}

BenchFigure *
bench_figure_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object;
  BenchFigure *figure;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a figure line is not a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  if (!json_object_has_member (object, "metric") || !json_object_has_member (object, "n") ||
      !json_object_has_member (object, "unit"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a figure line lacks metric, n or unit");
      return NULL;
    }

  figure = bench_figure_new (json_object_get_string_member (object, "metric"),
                             json_object_get_int_member (object, "n"),
                             json_object_get_string_member (object, "unit"));
  figure->runs = json_object_get_int_member_with_default (object, "runs", 0);
  figure->median = get_number (object, "median");
  figure->min = get_number (object, "min");
  figure->max = get_number (object, "max");
  figure->floor = g_strdup (json_object_get_string_member_with_default (object, "floor", NULL));
  figure->floor_median = get_number (object, "floor_median");
  figure->note = g_strdup (json_object_get_string_member_with_default (object, "note", NULL));

  return figure;
}
