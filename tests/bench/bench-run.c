/* bench-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "moat-analysis.h"
#include "moat-format.h"
#include "moat-image-export.h"
#include "moat-markdown.h"
#include "moat-recovery.h"
#include "moat-render.h"
#include "moat-render-tiles.h"

#include "bench-figure.h"
#include "bench-run.h"

/* The zoom range and fit margin of MoatCanvas, which the frame figures
 * reproduce so they draw what the widget would. */
#define CANVAS_ZOOM_MIN    0.1
#define CANVAS_FIT_MARGIN  24.0
#define CANVAS_HIT_PIXELS  5.0
#define CANVAS_ZOOM_STEP   1.25

#define N_DELETED          1000
#define AUTOSAVE_DELAY_MS  20

/* The size of the cache eviction buffer when the C library does not
 * report the size of the last-level cache. It is an estimate, larger than
 * that cache on most desktop and server processors of 2026. */
#define EVICT_FALLBACK_BYTES (256 * 1024 * 1024)
/* The cache line size of x86-64 and most ARM processors. Where lines are
 * longer, each is read more than once, which is harmless. */
#define EVICT_STRIDE         64

typedef struct
{
  const BenchRunOptions *options;
  GBytes *contents;
  MoatDocument *document;
  MoatDiagram *diagram;
  MoatRect extents;
  /* The crossings the canvas keeps until the document changes. */
  MoatCrossings *crossings;
  /* The index the canvas keeps, which follows the document's changes. */
  MoatRenderIndex *index;
  char *scratch_dir;
  /* Read before each run of the figures of opening a file, to push the
   * previous run's data out of the processor caches. */
  guint8 *evict_buffer;
  gsize evict_size;
} Bench;

/* A run returns the milliseconds it measured, or NaN after it failed and
 * set run_error. */
typedef double (*RunFunc) (Bench *bench);

static char *run_error;

static double
now_ms (void)
{
  struct timespec time;

  clock_gettime (CLOCK_MONOTONIC, &time);

  return time.tv_sec * 1e3 + time.tv_nsec / 1e6;
}

/* Prints @figure as one JSON line, which the parent process collects. */
static void
emit (const BenchFigure *figure)
{
  g_autoptr(JsonNode) node = bench_figure_to_json (figure);
  g_autofree char *line = json_to_string (node, FALSE);

  /* printf, unlike g_print, writes UTF-8 notes unconverted in any locale. */
  printf ("%s\n", line);
  fflush (stdout);
}

static BenchFigure *
new_skipped_figure (Bench      *bench,
                    const char *metric)
{
  BenchFigure *figure = bench_figure_new (metric, bench->options->n, "ms");

  bench_figure_set_note (figure, "skipped: one run would take too long");

  return figure;
}

static gboolean
is_skipped (Bench      *bench,
            const char *metric)
{
  return bench->options->skip != NULL &&
         g_strv_contains (bench->options->skip, metric);
}

/* Runs @func up to the configured number of times. Each call returns the
 * milliseconds of the part it measures. */
static BenchFigure *
measure (Bench      *bench,
         const char *metric,
         RunFunc     func)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  double spent = 0;

  if (is_skipped (bench, metric))
    return new_skipped_figure (bench, metric);

  for (guint run = 0; run < bench->options->runs; run++)
    {
      double sample = func (bench);

      if (isnan (sample))
        {
          BenchFigure *failed = bench_figure_new (metric, bench->options->n, "ms");

          bench_figure_set_note (failed, "failed: %s", run_error);
          return failed;
        }

      g_array_append_val (samples, sample);
      spent += sample;
      if (spent >= bench->options->budget_ms)
        break;
    }

  return bench_figure_new_from_samples (metric, bench->options->n, "ms", samples);
}

/* Returns the size of the largest processor cache that the C library
 * reports, or 0 when it reports none. */
static gsize
get_last_level_cache_size (void)
{
  long size = 0;

#ifdef _SC_LEVEL3_CACHE_SIZE
  size = sysconf (_SC_LEVEL3_CACHE_SIZE);
#endif
#ifdef _SC_LEVEL2_CACHE_SIZE
  if (size <= 0)
    size = sysconf (_SC_LEVEL2_CACHE_SIZE);
#endif

  return size > 0 ? (gsize)size : 0;
}

/* Reads one byte of each cache line of a buffer 1.5 times the size of
 * the last-level cache. Then neither the file's bytes nor the memory that
 * the previous run allocated and freed are still cached when a run
 * starts. A user opens a file once, and its first load finds neither in
 * the caches. Without this, a small model stays cached from one run to
 * the next and a large one cannot, which makes the growth from one size
 * to the next larger than the growth of the work. */
static void
evict_caches (Bench *bench)
{
  volatile guint8 sum = 0;

  if (bench->evict_buffer == NULL)
    {
      gsize cache_size = get_last_level_cache_size ();

      bench->evict_size = cache_size > 0 ? cache_size + cache_size / 2 : EVICT_FALLBACK_BYTES;
      bench->evict_buffer = g_malloc (bench->evict_size);
      /* Untouched pages all map the one zero page, which would stay
       * cached, so the buffer is written once. */
      memset (bench->evict_buffer, 1, bench->evict_size);
    }

  for (gsize i = 0; i < bench->evict_size; i += EVICT_STRIDE)
    sum += bench->evict_buffer[i];
}

static double
run_read (Bench *bench)
{
  g_autofree char *contents = NULL;
  gsize length;
  double start;

  evict_caches (bench);
  start = now_ms ();

  if (!g_file_get_contents (bench->options->path, &contents, &length, NULL))
    g_error ("Cannot read %s", bench->options->path);

  return now_ms () - start;
}

static double
run_parse (Bench *bench)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data = g_bytes_get_data (bench->contents, &size);
  double start;
  double end;

  evict_caches (bench);
  start = now_ms ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    g_error ("json-glib cannot parse %s", bench->options->path);
  end = now_ms ();

  return end - start;
}

static guint
walk_node (JsonNode *node)
{
  guint count = 1;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          count += walk_node (member);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          count += walk_node (json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      /* Reading the value is part of the walk, as the loader reads each. */
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        count += json_node_get_string (node)[0] == '\0';
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }

  return count;
}

static double
run_parse_walk (Bench *bench)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data = g_bytes_get_data (bench->contents, &size);
  double start;
  double end;

  evict_caches (bench);
  start = now_ms ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    g_error ("json-glib cannot parse %s", bench->options->path);
  if (walk_node (json_parser_get_root (parser)) == 0)
    g_error ("The walk found no nodes");
  end = now_ms ();

  return end - start;
}

/* Replays a parsed tree into a JsonBuilder, as a serializer that builds a
 * json-glib tree from the model would call it. */
static void
build_node (JsonBuilder *builder,
            JsonNode    *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_builder_begin_object (builder);
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            json_builder_set_member_name (builder, name);
            build_node (builder, member);
          }
        json_builder_end_object (builder);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        json_builder_begin_array (builder);
        for (guint i = 0; i < json_array_get_length (array); i++)
          build_node (builder, json_array_get_element (array, i));
        json_builder_end_array (builder);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          json_builder_add_string_value (builder, json_node_get_string (node));
          break;

        case G_TYPE_BOOLEAN:
          json_builder_add_boolean_value (builder, json_node_get_boolean (node));
          break;

        case G_TYPE_INT64:
          json_builder_add_int_value (builder, json_node_get_int (node));
          break;

        default:
          json_builder_add_double_value (builder, json_node_get_double (node));
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      json_builder_add_null_value (builder);
      break;
    }
}

static JsonNode *parsed_root;

static double
run_build_generate (Bench *bench)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;
  double start = now_ms ();
  double end;

  build_node (builder, parsed_root);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  end = now_ms ();

  return end - start;
}

static double
run_load (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  MoatDocument *document;
  double start;
  double end;

  evict_caches (bench);
  start = now_ms ();
  document = moat_format_load_bytes (bench->contents, bench->options->path, &error);
  end = now_ms ();
  if (document == NULL)
    g_error ("%s", error->message);

  /* The document of the last run stays for the figures that need one. */
  g_clear_object (&bench->document);
  bench->document = document;

  return end - start;
}

static double
run_validate (Bench *bench)
{
  const char *argv[] = { bench->options->cli_path, "validate", bench->options->path, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  double start;
  double end;

  evict_caches (bench);
  start = now_ms ();
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error))
    g_error ("Cannot run %s: %s", argv[0], error->message);
  end = now_ms ();
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s validate %s failed: %s", argv[0], argv[2], error->message);

  return end - start;
}

static double
run_serialize (Bench *bench)
{
  g_autoptr(GBytes) bytes = NULL;
  double start = now_ms ();
  double end;

  bytes = moat_format_serialize (bench->document);
  end = now_ms ();

  return end - start;
}

static double
run_save_file (Bench *bench)
{
  g_autofree char *path = g_build_filename (bench->scratch_dir, "saved.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  double end;

  if (!moat_format_save_file (bench->document, file, NULL, &error))
    g_error ("%s", error->message);
  end = now_ms ();

  return end - start;
}

typedef struct
{
  Bench *bench;
  GMainLoop *loop;
  MoatRecovery *recovery;
  const char *document_id;
  gint64 last_tick;
  gint64 longest_gap;
} Autosave;

static gboolean
tick_cb (gpointer data)
{
  Autosave *autosave = data;
  gint64 now = g_get_monotonic_time ();

  autosave->longest_gap = MAX (autosave->longest_gap, now - autosave->last_tick);
  autosave->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static void
autosaved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Autosave *autosave = data;
  g_autoptr(GError) error = NULL;

  if (!moat_recovery_save_document_finish (MOAT_RECOVERY (source), result, &error))
    g_error ("Autosave failed: %s", error->message);

  /* Keep ticking a little, so a stall at the end of the save counts. */
  g_timeout_add (AUTOSAVE_DELAY_MS, quit_cb, autosave->loop);
}

/* Starts the autosave the editor's window runs: the recovery session
 * serializes the document in slices from an idle source and writes it on
 * its worker thread. */
static gboolean
autosave_cb (gpointer data)
{
  Autosave *autosave = data;

  moat_recovery_save_document_async (autosave->recovery, autosave->document_id,
                                     autosave->bench->document, NULL, autosaved_cb, autosave);

  return G_SOURCE_REMOVE;
}

static double
run_autosave (Bench *bench)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *folder = g_build_filename (bench->scratch_dir, "recovery", NULL);
  g_autofree char *document_id = moat_recovery_new_document_id ();
  g_autofree char *copy_name = g_strconcat (document_id, ".moat-recovery", NULL);
  g_autofree char *copy_path = g_build_filename (folder, copy_name, NULL);
  g_autoptr(GError) error = NULL;
  Autosave autosave = { bench, loop, NULL, document_id, g_get_monotonic_time (), 0 };
  guint tick;

  autosave.recovery = moat_recovery_new (folder, &error);
  if (autosave.recovery == NULL)
    g_error ("Cannot start a recovery session: %s", error->message);

  tick = g_timeout_add (1, tick_cb, &autosave);
  g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, &autosave);
  g_main_loop_run (loop);
  g_source_remove (tick);

  /* Finalizing the session releases its lock file, and the copy goes
   * with the folder. */
  g_clear_object (&autosave.recovery);
  g_unlink (copy_path);
  g_rmdir (folder);

  return autosave.longest_gap / 1000.0;
}

static double
run_markdown (Bench *bench)
{
  MoatExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double start;
  double end;

  moat_export_options_init (&options);
  options.date = "2026-01-01";

  start = now_ms ();
  text = moat_markdown_export (bench->document, &options, NULL, NULL, &error);
  end = now_ms ();
  if (text == NULL)
    g_error ("Markdown export failed: %s", error->message);

  return end - start;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static MoatRuleLibrary *rules;

/* The whole analysis the review panels and `moat analyze` show: boundary
 * crossings, rule suggestions, problems and coverage. The rule library is
 * loaded once before, as the editor keeps it. */
static double
run_analyze (Bench *bench)
{
  g_autoptr(GDate) today = g_date_new_dmy (1, G_DATE_JANUARY, 2026);
  g_autoptr(MoatAnalysis) analysis = NULL;
  double start = now_ms ();
  double end;

  analysis = moat_analysis_new (bench->document, rules, today);
  end = now_ms ();

  return end - start;
}

static double
run_crossings (Bench *bench)
{
  GPtrArray *diagrams = moat_document_get_diagrams (bench->document);
  double start;
  double end;

  evict_caches (bench);
  start = now_ms ();
  for (guint i = 0; i < diagrams->len; i++)
    moat_crossings_unref (moat_crossings_new (g_ptr_array_index (diagrams, i)));
  end = now_ms ();

  return end - start;
}

static gsize image_size;

/* The scale of the PNG export: 100 %, or less for a diagram whose PNG at
 * 100 % would pass the exporter's size limits. */
static double png_scale = 1;

/* Exports the diagram with the image exporter and its default options
 * (24-unit margin), at png_scale for a PNG. A failure, such as a PNG too
 * large even at the smallest scale, ends the figure with the message as
 * its note. */
static double
run_image_export (Bench           *bench,
                  MoatImageFormat  format)
{
  g_autoptr(GPtrArray) diagrams = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MoatImageOptions options;
  double start;
  double end;

  g_ptr_array_add (diagrams, bench->diagram);
  moat_image_options_init (&options);
  if (format == MOAT_IMAGE_FORMAT_PNG)
    options.scale = png_scale;

  start = now_ms ();
  bytes = moat_image_export (bench->document, diagrams, format, &options, &error);
  end = now_ms ();

  if (bytes == NULL)
    {
      g_free (run_error);
      run_error = g_strdup (error->message);
      return NAN;
    }

  image_size = g_bytes_get_size (bytes);

  return end - start;
}

static double
run_svg (Bench *bench)
{
  return run_image_export (bench, MOAT_IMAGE_FORMAT_SVG);
}

/* The largest scale up to 100 % at which the PNG of the diagram stays
 * within the exporter's limits of 32,767 pixels a side and 100 million
 * pixels, with a little room for rounding. It never goes below the
 * smallest scale the exporter takes. */
static double
get_png_scale (Bench *bench)
{
  MoatImageOptions options;
  double width;
  double height;
  double scale = 1;

  moat_image_options_init (&options);
  width = bench->extents.width + 2 * options.margin;
  height = bench->extents.height + 2 * options.margin;

  scale = MIN (scale, 32000 / width);
  scale = MIN (scale, 32000 / height);
  scale = MIN (scale, sqrt (99e6 / (width * height)));

  return MAX (floor (scale * 100) / 100, MOAT_IMAGE_MIN_SCALE);
}

static double
run_png (Bench *bench)
{
  return run_image_export (bench, MOAT_IMAGE_FORMAT_PNG);
}

/* The options MoatCanvas renders its tiles with: grid, boundary
 * crossings, review progress and both levels of detail. */
static void
init_canvas_options (Bench             *bench,
                     MoatRenderOptions *options)
{
  moat_render_options_init (options);
  options->show_grid = TRUE;
  options->crossings = bench->crossings;
  options->text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options->detail_min_scale = MOAT_RENDER_DETAIL_MIN_SCALE;
  options->show_review_progress = TRUE;
}

/* Draws the diagram onto @surface as image export does, with the
 * canvas's options: scaled by @zoom with @area at the top left. */
static guint
draw_scene (Bench           *bench,
            cairo_surface_t *surface,
            double           zoom,
            const MoatRect  *area)
{
  MoatRenderOptions options;
  cairo_t *cr = cairo_create (surface);
  guint n_drawn;

  init_canvas_options (bench, &options);
  options.visible = *area;

  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -area->x, -area->y);
  n_drawn = moat_render_diagram (bench->document, bench->diagram, cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return n_drawn;
}

/* The 1920×1080 view at @zoom centred on the diagram, moved right by
 * @shift of its width. */
static MoatRect
get_view (Bench  *bench,
          double  zoom,
          double  shift)
{
  MoatPoint center = moat_rect_get_center (&bench->extents);
  double width = BENCH_VIEW_WIDTH / zoom;
  double height = BENCH_VIEW_HEIGHT / zoom;

  return (MoatRect) { center.x - width / 2 + shift * width, center.y - height / 2, width,
                      height };
}

/* New tiles at @zoom, as MoatCanvas keeps them, whose first update
 * renders with the index's slots and text sizes but without layouts at
 * this scale: the state after a zoom step. Setting it up is not timed. */
static MoatRenderTiles *
new_cold_tiles (Bench  *bench,
                double  zoom)
{
  MoatRenderTiles *tiles = moat_render_tiles_new (bench->index);
  g_autoptr(MoatRenderTiles) other = moat_render_tiles_new (bench->index);
  MoatRenderOptions options;
  MoatRect corner = { bench->extents.x, bench->extents.y, 1, 1 };

  init_canvas_options (bench, &options);
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_set_scale (tiles, zoom);

  /* One tile at another scale leaves the index with layouts for that
   * scale only, as the zoom level before did. */
  moat_render_tiles_set_options (other, &options);
  moat_render_tiles_set_scale (other, zoom * CANVAS_ZOOM_STEP);
  moat_render_tiles_update (other, &corner, NULL);

  return tiles;
}

/* The zoom at which the whole diagram fits the view with a margin. */
static double
get_fit_zoom (Bench *bench)
{
  return MIN ((BENCH_VIEW_WIDTH - 2 * CANVAS_FIT_MARGIN) / bench->extents.width,
              (BENCH_VIEW_HEIGHT - 2 * CANVAS_FIT_MARGIN) / bench->extents.height);
}

/* As moat_canvas_zoom_to_fit(), which never goes below the canvas's
 * minimum zoom, so the largest models do not fit entirely. */
static double
get_canvas_fit_zoom (Bench *bench)
{
  return CLAMP (get_fit_zoom (bench), CANVAS_ZOOM_MIN, 1);
}

static guint frame_items;
static guint frame_tiles;
static cairo_surface_t *frame_surface;

/* Every tile of the view at @zoom, from no tiles. */
static double
run_cold_frame (Bench  *bench,
                double  zoom)
{
  g_autoptr(MoatRenderTiles) tiles = new_cold_tiles (bench, zoom);
  MoatRect view = get_view (bench, zoom, 0);
  double start = now_ms ();
  double end;

  frame_tiles = moat_render_tiles_update (tiles, &view, &frame_items);
  end = now_ms ();

  return end - start;
}

static double
run_frame_actual_size (Bench *bench)
{
  return run_cold_frame (bench, 1);
}

static double
run_frame_fit (Bench *bench)
{
  return run_cold_frame (bench, get_canvas_fit_zoom (bench));
}

/* What one frame of the canvas renders: the missing tiles of @view and
 * of @margin tiles around it, until the frame's budget is spent. */
static guint
render_frame (MoatRenderTiles *tiles,
              const MoatRect  *view,
              guint            margin,
              guint           *n_items_drawn)
{
  return moat_render_tiles_update_until (tiles, view, margin,
                                         g_get_monotonic_time () + MOAT_RENDER_FRAME_BUDGET,
                                         n_items_drawn);
}

/* The canvas's first frame after a zoom step to 100 %: it renders the
 * view's tiles nearest the centre until the frame's budget is spent.
 * The frames after it, which render the rest, are counted but not
 * timed as part of this frame. */
static guint frame_missing;
static guint frames_to_complete;
static double time_to_complete;

static double
run_frame_zoom_step (Bench *bench)
{
  g_autoptr(MoatRenderTiles) tiles = new_cold_tiles (bench, 1);
  MoatRect view = get_view (bench, 1, 0);
  double start;
  double end;

  start = now_ms ();
  frame_tiles = render_frame (tiles, &view, 0, &frame_items);
  end = now_ms ();

  frames_to_complete = 1;
  time_to_complete = end - start;
  while (!moat_render_tiles_is_complete (tiles, &view, 0))
    {
      double frame_start = now_ms ();

      render_frame (tiles, &view, 0, NULL);
      time_to_complete += now_ms () - frame_start;
      frames_to_complete++;
    }

  return end - start;
}

/* A pan by a third of the view's width at 100 %, after the view and the
 * ring of tiles around it were rendered, as the canvas does while the
 * main loop is idle. The frame renders what the ring does not cover,
 * until its budget is spent. */
static double
run_frame_pan (Bench *bench)
{
  g_autoptr(MoatRenderTiles) tiles = new_cold_tiles (bench, 1);
  MoatRect view = get_view (bench, 1, 0);
  MoatRect panned = get_view (bench, 1, 1.0 / 3);
  g_autoptr(GPtrArray) shown_tiles = NULL;
  g_autoptr(GPtrArray) all = NULL;
  double start;
  double end;

  moat_render_tiles_update (tiles, &view, NULL);
  moat_render_tiles_update_until (tiles, &view, MOAT_RENDER_TILES_AHEAD, G_MAXINT64, NULL);

  start = now_ms ();
  frame_tiles = render_frame (tiles, &panned, 0, &frame_items);
  end = now_ms ();

  /* The tiles the frame could not show are those the rest renders. */
  shown_tiles = moat_render_tiles_get_visible (tiles, &panned);
  moat_render_tiles_update (tiles, &panned, NULL);
  all = moat_render_tiles_get_visible (tiles, &panned);
  frame_missing = all->len - shown_tiles->len;

  return end - start;
}

/* The longest of the idle steps that render the ring of tiles around a
 * complete view at 100 %, each until the frame's budget is spent. */
static guint prefetch_steps;

static double
run_prefetch_step (Bench *bench)
{
  g_autoptr(MoatRenderTiles) tiles = new_cold_tiles (bench, 1);
  MoatRect view = get_view (bench, 1, 0);
  double longest = 0;

  moat_render_tiles_update (tiles, &view, NULL);

  frame_tiles = 0;
  prefetch_steps = 0;
  while (!moat_render_tiles_is_complete (tiles, &view, MOAT_RENDER_TILES_AHEAD))
    {
      double start = now_ms ();

      frame_tiles += render_frame (tiles, &view, MOAT_RENDER_TILES_AHEAD, NULL);
      longest = MAX (longest, now_ms () - start);
      prefetch_steps++;
    }

  return longest;
}

static MoatElement *dragged;

/* One step of a drag of the element nearest the view's centre at 100 %,
 * as MoatCanvas draws it. The tiles, rendered before the drag without
 * the moving items, are kept. The element with its flows is drawn over
 * them into a view-sized surface. The edit that moves it is not timed. */
static double
run_frame_drag (Bench *bench)
{
  g_autoptr(MoatRenderTiles) tiles = new_cold_tiles (bench, 1);
  g_autoptr(GHashTable) moving = g_hash_table_new (NULL, NULL);
  GPtrArray *flows = moat_diagram_get_flows (bench->diagram);
  MoatRect view = get_view (bench, 1, 0);
  MoatRect bounds = moat_element_get_bounds (dragged);
  MoatRenderOptions options;
  cairo_t *cr;
  double start;
  double end;

  g_hash_table_add (moving, dragged);
  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (moat_document_get_flow_source (bench->document, flow) == dragged ||
          moat_document_get_flow_target (bench->document, flow) == dragged)
        g_hash_table_add (moving, flow);
    }

  init_canvas_options (bench, &options);
  options.hidden = moving;
  moat_render_tiles_set_options (tiles, &options);
  moat_render_tiles_update (tiles, &view, NULL);

  moat_document_set (bench->document, dragged, "x", bounds.x + MOAT_RENDER_GRID_SIZE, NULL);

  start = now_ms ();
  frame_tiles = moat_render_tiles_update (tiles, &view, NULL);

  /* The options of the widget's snapshot_moving(): no grid, no review
   * progress, over the tiles. */
  init_canvas_options (bench, &options);
  options.show_grid = FALSE;
  options.show_review_progress = FALSE;
  options.draw_background = FALSE;
  options.only = moving;
  options.index = bench->index;
  options.visible = view;
  cr = cairo_create (frame_surface);
  cairo_translate (cr, -view.x, -view.y);
  frame_items = moat_render_diagram (bench->document, bench->diagram, cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (frame_surface);
  end = now_ms ();

  moat_document_set (bench->document, dragged, "x", bounds.x, NULL);

  return end - start;
}

/* The frame after an edit that moved the element nearest the view's
 * centre at 100 %: the tiles follow the document's signals and render
 * again, whatever the frame's budget, only those where the element and
 * its flows were or are now drawn. The edit is not timed; the update,
 * which updates the index and drops the tiles the edit touched, is. The
 * crossings stay those of the bench, which the canvas computes again
 * after an edit and the "crossings" figure times. */
static double
run_frame_edit (Bench *bench)
{
  g_autoptr(MoatRenderTiles) tiles = new_cold_tiles (bench, 1);
  MoatRect view = get_view (bench, 1, 0);
  MoatRect bounds = moat_element_get_bounds (dragged);
  double start;
  double end;

  moat_render_tiles_update (tiles, &view, NULL);
  moat_document_set (bench->document, dragged, "x", bounds.x + MOAT_RENDER_GRID_SIZE, NULL);

  start = now_ms ();
  frame_tiles = render_frame (tiles, &view, 0, &frame_items);
  end = now_ms ();

  moat_document_set (bench->document, dragged, "x", bounds.x, NULL);

  return end - start;
}

/* The element whose centre is nearest the diagram's. */
static MoatElement *
find_central_element (Bench *bench)
{
  GPtrArray *elements = moat_diagram_get_elements (bench->diagram);
  MoatPoint center = moat_rect_get_center (&bench->extents);
  MoatElement *nearest = NULL;
  double nearest_distance = G_MAXDOUBLE;

  for (guint i = 0; i < elements->len; i++)
    {
      MoatRect bounds = moat_element_get_bounds (g_ptr_array_index (elements, i));
      MoatPoint point = moat_rect_get_center (&bounds);
      double distance = hypot (point.x - center.x, point.y - center.y);

      if (distance < nearest_distance)
        {
          nearest = g_ptr_array_index (elements, i);
          nearest_distance = distance;
        }
    }

  return nearest;
}

/* Draws the fitted view into the full HD frame that the PNG floor
 * encodes. */
static void
draw_frame (Bench *bench)
{
  double zoom = get_canvas_fit_zoom (bench);
  MoatPoint center = moat_rect_get_center (&bench->extents);
  MoatRect area = { center.x - BENCH_VIEW_WIDTH / 2.0 / zoom,
                    center.y - BENCH_VIEW_HEIGHT / 2.0 / zoom,
                    BENCH_VIEW_WIDTH / zoom, BENCH_VIEW_HEIGHT / zoom };

  draw_scene (bench, frame_surface, zoom, &area);
}

static double
run_png_encode (Bench *bench)
{
  g_autoptr(GByteArray) output = g_byte_array_new ();
  double start = now_ms ();
  double end;

  if (cairo_surface_write_to_png_stream (frame_surface, append_to_array, output) !=
      CAIRO_STATUS_SUCCESS)
    g_error ("PNG encoding failed");
  end = now_ms ();

  return end - start;
}

/* Hit tests single points, half of them on element centres and half
 * anywhere in the diagram. Each call is one sample. */
static BenchFigure *
measure_hit_test (Bench *bench)
{
  GPtrArray *elements = moat_diagram_get_elements (bench->diagram);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_calls = bench->options->runs * 40;
  guint n_hits = 0;
  guint64 state = 12345;
  BenchFigure *figure;
  double spent = 0;
  double build_start;
  double build_ms;

  if (is_skipped (bench, "hit-test"))
    return new_skipped_figure (bench, "hit-test");

  /* The canvas builds its index on the first use after a change, which
   * the note reports apart. */
  moat_render_index_invalidate (bench->index);
  build_start = now_ms ();
  moat_render_index_hit_test (bench->index, bench->extents.x, bench->extents.y, 0);
  build_ms = now_ms () - build_start;

  for (guint i = 0; i < n_calls && (i == 0 || spent < bench->options->budget_ms); i++)
    {
      MoatPoint point;
      double start;
      double sample;
      MoatItem *hit;

      /* A linear congruential step is enough to spread the points. */
      state = state * G_GUINT64_CONSTANT (6364136223846793005) + 1442695040888963407;
      if (i % 2 == 0)
        {
          MoatElement *element = g_ptr_array_index (elements, (state >> 33) % elements->len);
          MoatRect bounds = moat_element_get_bounds (element);

          point = moat_rect_get_center (&bounds);
        }
      else
        {
          point.x = bench->extents.x + (state >> 40) % 10000 / 10000.0 * bench->extents.width;
          point.y = bench->extents.y + (state >> 20) % 10000 / 10000.0 * bench->extents.height;
        }

      start = now_ms ();
      hit = moat_render_index_hit_test (bench->index, point.x, point.y, CANVAS_HIT_PIXELS);
      sample = now_ms () - start;
      g_array_append_val (samples, sample);
      spent += sample;
      n_hits += hit != NULL;
    }

  figure = bench_figure_new_from_samples ("hit-test", bench->options->n, "ms", samples);
  bench_figure_set_note (figure, "%u of %u points hit an item; building the index took %.1f ms",
                         n_hits, samples->len, build_ms);

  return figure;
}

/* Deletes up to 1,000 elements spread over the diagram as one step, with
 * their flows and threats, then undoes it. Each run is one sample of both. */
static void
measure_delete_undo (Bench        *bench,
                     BenchFigure **delete_figure,
                     BenchFigure **undo_figure)
{
  g_autoptr(GArray) delete_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_samples = g_array_new (FALSE, FALSE, sizeof (double));
  GPtrArray *elements = moat_diagram_get_elements (bench->diagram);
  guint n_before = elements->len;
  guint n_deleted = MIN (N_DELETED, n_before);
  double spent = 0;

  if (is_skipped (bench, "delete"))
    {
      *delete_figure = new_skipped_figure (bench, "delete");
      *undo_figure = new_skipped_figure (bench, "undo-delete");
      return;
    }

  for (guint run = 0;
       run < bench->options->runs && (run == 0 || spent < bench->options->budget_ms);
       run++)
    {
      g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
      double start;
      double deleted;
      double undone;
      double delete_ms;
      double undo_ms;

      for (guint i = 0; i < n_deleted; i++)
        g_ptr_array_add (doomed, g_object_ref (g_ptr_array_index (elements,
                                                                  i * (n_before / n_deleted))));

      start = now_ms ();
      moat_document_remove_items (bench->document, (MoatItem **)doomed->pdata, doomed->len);
      deleted = now_ms ();
      if (!moat_document_undo (bench->document))
        g_error ("Nothing to undo after the delete");
      undone = now_ms ();

      if (elements->len != n_before)
        g_error ("Undo restored %u of %u elements", elements->len, n_before);

      delete_ms = deleted - start;
      undo_ms = undone - deleted;
      g_array_append_val (delete_samples, delete_ms);
      g_array_append_val (undo_samples, undo_ms);
      spent += delete_ms + undo_ms;
    }

  *delete_figure = bench_figure_new_from_samples ("delete", bench->options->n, "ms",
                                                  delete_samples);
  bench_figure_set_note (*delete_figure, "%u elements with their flows and threats", n_deleted);
  *undo_figure = bench_figure_new_from_samples ("undo-delete", bench->options->n, "ms",
                                                undo_samples);
  bench_figure_set_note (*undo_figure, "%u elements with their flows and threats", n_deleted);
}

/* Loading and saving the generated file must give back its bytes, or the
 * save figures would time a different text. */
static gboolean
check_round_trip (Bench   *bench,
                  GError **error)
{
  g_autoptr(GBytes) saved = moat_format_serialize (bench->document);

  if (!g_bytes_equal (saved, bench->contents))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: saving the loaded model gives different bytes (%" G_GSIZE_FORMAT
                   " instead of %" G_GSIZE_FORMAT "), so the file is not in the form Moat "
                   "writes; regenerate it with moat-bench --generate",
                   bench->options->path, g_bytes_get_size (saved),
                   g_bytes_get_size (bench->contents));
      return FALSE;
    }

  return TRUE;
}

static void
emit_with_floor (BenchFigure       *figure,
                 const BenchFigure *floor)
{
  bench_figure_set_floor (figure, floor);
  emit (figure);
}

static void
measure_exports_and_frames (Bench *bench)
{
  g_autoptr(BenchFigure) figure = NULL;
  g_autoptr(BenchFigure) png = NULL;
  g_autoptr(BenchFigure) encode = NULL;
  g_autoptr(BenchFigure) delete = NULL;
  g_autoptr(BenchFigure) undo = NULL;
  GPtrArray *threats = moat_document_get_threats (bench->document);

  figure = measure (bench, "markdown-export", run_markdown);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u threats", threats->len);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  figure = measure (bench, "svg-export", run_svg);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%.1f MB of SVG", image_size / 1e6);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  frame_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, BENCH_VIEW_WIDTH,
                                              BENCH_VIEW_HEIGHT);

  figure = measure (bench, "frame-actual-size", run_frame_actual_size);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u items drawn in %u tiles at 100 %%", frame_items,
                           frame_tiles);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  figure = measure (bench, "frame-fit", run_frame_fit);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u items drawn in %u tiles at %.0f %%", frame_items,
                           frame_tiles, 100 * get_canvas_fit_zoom (bench));
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  figure = measure (bench, "frame-zoom-step", run_frame_zoom_step);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u tiles rendered, %u items drawn; the view was complete "
                           "after %u frames and %.0f ms of rendering", frame_tiles, frame_items,
                           frames_to_complete, time_to_complete);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  figure = measure (bench, "frame-pan", run_frame_pan);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u tiles rendered, %u items drawn, %u tiles of the view "
                           "still missing", frame_tiles, frame_items, frame_missing);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  figure = measure (bench, "prefetch-step", run_prefetch_step);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u tiles around the view rendered in %u steps", frame_tiles,
                           prefetch_steps);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  dragged = find_central_element (bench);
  figure = measure (bench, "frame-drag", run_frame_drag);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u moving items drawn over the kept tiles, %u tiles "
                           "rendered", frame_items, frame_tiles);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  figure = measure (bench, "frame-edit", run_frame_edit);
  if (figure->runs > 0)
    bench_figure_set_note (figure, "%u tiles rendered again, %u items drawn in them",
                           frame_tiles, frame_items);
  emit (figure);
  g_clear_pointer (&figure, bench_figure_free);

  /* The floor encodes a full HD frame of the fitted view. */
  draw_frame (bench);
  encode = measure (bench, "png-encode", run_png_encode);
  emit (encode);
  png_scale = get_png_scale (bench);
  png = measure (bench, "png-export", run_png);
  if (png->runs > 0)
    bench_figure_set_note (png, "%.1f MB of PNG at %.0f %%", image_size / 1e6, 100 * png_scale);
  emit (png);
  cairo_surface_destroy (frame_surface);

  figure = measure_hit_test (bench);
  emit (figure);

  measure_delete_undo (bench, &delete, &undo);
  emit (delete);
  emit (undo);
}

/* Measures the json-glib floors and writes them to @fd as JSON lines, in
 * the child of measure_json_glib_floors(). */
static void
measure_json_glib_floors_in_child (Bench *bench,
                                   int    fd)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  BenchFigure *figures[3];

  figures[0] = measure (bench, "json-glib-parse", run_parse);
  figures[1] = measure (bench, "json-glib-parse-walk", run_parse_walk);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bench->contents, NULL),
                                   g_bytes_get_size (bench->contents), &error))
    g_error ("json-glib cannot parse %s: %s", bench->options->path, error->message);
  parsed_root = json_parser_get_root (parser);
  figures[2] = measure (bench, "json-glib-build-generate", run_build_generate);
  parsed_root = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autoptr(JsonNode) node = bench_figure_to_json (figures[i]);
      g_autofree char *line = json_to_string (node, FALSE);

      g_string_append_printf (output, "%s\n", line);
    }

  for (gsize written = 0; written < output->len;)
    {
      gssize n = write (fd, output->str + written, output->len - written);

      if (n < 0 && errno != EINTR)
        g_error ("Cannot send the json-glib floors: %s", g_strerror (errno));
      written += MAX (n, 0);
    }
}

/* Measures the json-glib parse, parse and walk, and build + generate
 * floors in a forked child, which sends them back as JSON lines. The
 * trees of these floors free millions of GSlice chunks, which GLib 2.74
 * keeps in its caches, and the editor never builds such trees. In one
 * process, five such parses made the load after them 13 % slower at
 * 1,000 elements and 32 % slower at 10,000. */
static gboolean
measure_json_glib_floors (Bench        *bench,
                          BenchFigure **parse,
                          BenchFigure **walk,
                          BenchFigure **build,
                          GError      **error)
{
  g_autoptr(GString) output = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  BenchFigure **figures[] = { parse, walk, build };
  int fds[2];
  int status;
  pid_t pid;

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;

  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    {
      int saved_errno = errno;

      close (fds[0]);
      close (fds[1]);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot fork to measure the json-glib floors: %s", g_strerror (saved_errno));
      return FALSE;
    }

  if (pid == 0)
    {
      close (fds[0]);
      measure_json_glib_floors_in_child (bench, fds[1]);
      _exit (0);
    }

  close (fds[1]);
  for (;;)
    {
      char buffer[4096];
      gssize n = read (fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (output, buffer, n);
    }
  close (fds[0]);

  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "Measuring the json-glib floors failed: ");
      return FALSE;
    }

  lines = g_strsplit (output->str, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (lines[i] == NULL || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Invalid json-glib floors from the child process: “%s”", output->str);
          return FALSE;
        }

      *figures[i] = bench_figure_new_from_json (json_parser_get_root (parser), error);
      if (*figures[i] == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * bench_run_measure:
 *
 * Measures every figure of one model file and prints each as a JSON line
 * on standard output, floors first so that the figures can give ratios.
 *
 * Returns: %FALSE with @error set when the file cannot be loaded or does
 *   not round-trip
 */
gboolean
bench_run_measure (const BenchRunOptions  *options,
                   GError                **error)
{
  Bench bench = { options };
  g_autoptr(GFile) file = g_file_new_for_path (options->path);
  g_autoptr(BenchFigure) read = NULL;
  g_autoptr(BenchFigure) parse = NULL;
  g_autoptr(BenchFigure) walk = NULL;
  g_autoptr(BenchFigure) build = NULL;
  g_autoptr(BenchFigure) load = NULL;
  g_autoptr(BenchFigure) validate = NULL;
  g_autoptr(BenchFigure) save = NULL;
  g_autoptr(BenchFigure) save_file = NULL;
  g_autoptr(BenchFigure) autosave = NULL;
  g_autoptr(BenchFigure) analyze = NULL;
  g_autoptr(BenchFigure) crossings = NULL;
  g_autoptr(GError) rules_error = NULL;
  g_autofree char *saved_path = NULL;
  gboolean ok = FALSE;

  bench.contents = g_file_load_bytes (file, NULL, NULL, error);
  if (bench.contents == NULL)
    return FALSE;

  bench.scratch_dir = g_dir_make_tmp ("moat-bench-XXXXXX", error);
  if (bench.scratch_dir == NULL)
    goto out;

  /* The floors: what reading the file and json-glib alone cost. */
  read = measure (&bench, "read", run_read);
  emit (read);
  if (!measure_json_glib_floors (&bench, &parse, &walk, &build, error))
    goto out;
  emit (parse);
  emit (walk);
  emit (build);

  load = measure (&bench, "load", run_load);
  emit_with_floor (load, parse);
  if (!check_round_trip (&bench, error))
    goto out;

  bench.diagram = g_ptr_array_index (moat_document_get_diagrams (bench.document), 0);
  if (!moat_render_get_diagram_extents (bench.document, bench.diagram, &bench.extents))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: the diagram is empty",
                   options->path);
      goto out;
    }

  if (options->cli_path != NULL)
    {
      validate = measure (&bench, "validate", run_validate);
      bench_figure_set_note (validate, "moat validate, a new process each run");
    }
  else
    {
      validate = bench_figure_new ("validate", options->n, "ms");
      bench_figure_set_note (validate, "not measured: no moat executable given");
    }
  emit_with_floor (validate, parse);

  save = measure (&bench, "save", run_serialize);
  bench_figure_set_note (save, "serialization to memory");
  emit_with_floor (save, build);
  save_file = measure (&bench, "save-file", run_save_file);
  bench_figure_set_note (save_file, "atomic save to disk with fsync");
  emit (save_file);
  autosave = measure (&bench, "autosave-stall", run_autosave);
  bench_figure_set_note (autosave, "longest main-loop gap; serialization in slices");
  emit (autosave);

  rules = moat_rule_library_new_for_document (bench.document, &rules_error);
  if (rules != NULL)
    {
      analyze = measure (&bench, "analyze", run_analyze);
      g_clear_object (&rules);
    }
  else
    {
      analyze = bench_figure_new ("analyze", options->n, "ms");
      bench_figure_set_note (analyze, "failed: %s", rules_error->message);
    }
  emit (analyze);
  crossings = measure (&bench, "crossings", run_crossings);
  emit (crossings);

  bench.crossings = moat_crossings_new (bench.diagram);
  bench.index = moat_render_index_new (bench.document, bench.diagram);
  measure_exports_and_frames (&bench);
  g_clear_object (&bench.index);
  g_clear_pointer (&bench.crossings, moat_crossings_unref);
  ok = TRUE;

out:
  if (bench.scratch_dir != NULL)
    {
      saved_path = g_build_filename (bench.scratch_dir, "saved.moat", NULL);
      g_unlink (saved_path);
      g_rmdir (bench.scratch_dir);
      g_free (bench.scratch_dir);
    }
  g_clear_object (&bench.document);
  g_bytes_unref (bench.contents);
  g_free (bench.evict_buffer);

  return ok;
}

/* Reads a size in kB from /proc/self/status, or returns 0. */
static gsize
read_status_bytes (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 kib;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, key);
  if (line == NULL)
    return 0;

  kib = g_ascii_strtoull (line + strlen (key), NULL, 10);

  return kib * 1024;
}

/**
 * bench_read_peak_rss:
 *
 * Returns: the peak resident set size of this process in bytes (VmHWM),
 *   or 0 if /proc does not give it
 */
gsize
bench_read_peak_rss (void)
{
  return read_status_bytes ("VmHWM:");
}

/**
 * bench_run_measure_rss:
 *
 * Loads @path, builds the canvas scene at 100 % and fitted, hit tests once,
 * then prints the peak RSS in bytes on standard output: the footprint of
 * an open document without the toolkit.
 */
gboolean
bench_run_measure_rss (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatDocument) document = moat_format_load_file (file, NULL, error);
  BenchRunOptions options = { path, 0, 1, 0, NULL };
  Bench bench = { &options };

  if (document == NULL)
    return FALSE;

  bench.document = document;
  bench.diagram = g_ptr_array_index (moat_document_get_diagrams (document), 0);
  if (!moat_render_get_diagram_extents (document, bench.diagram, &bench.extents))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: the diagram is empty", path);
      return FALSE;
    }

  bench.crossings = moat_crossings_new (bench.diagram);
  bench.index = moat_render_index_new (document, bench.diagram);
  run_frame_actual_size (&bench);
  run_frame_fit (&bench);
  moat_render_index_hit_test (bench.index, bench.extents.x, bench.extents.y, CANVAS_HIT_PIXELS);
  g_clear_object (&bench.index);
  moat_crossings_unref (bench.crossings);

  /* glibc keeps freed memory, such as the parsed JSON tree, until asked
   * to return it. The second figure is what the open document keeps. */
  malloc_trim (0);
  g_print ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", bench_read_peak_rss (),
           read_status_bytes ("VmRSS:"));

  return TRUE;
}
