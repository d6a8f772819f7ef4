/* moat-render-tiles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-render"

#include "config.h"

#include <math.h>

#include "moat-render-private.h"
#include "moat-render-tiles.h"

/* Tiles this many columns or rows past the view are kept, so panning
 * back and forth renders nothing again; farther ones are dropped. */
#define KEPT_TILES_AROUND MOAT_RENDER_TILES_AHEAD

/* Blocks no tile uses any more, kept for new tiles of the same size,
 * which saves the kernel zeroing fresh pages after each zoom step. */
#define MAX_SPARE_BLOCKS 2

/* How far past an item's area, in device pixels, antialiasing can
 * reach into a tile. */
#define DAMAGE_MARGIN 2.0

/* The first guess of what rendering one tile costs, in microseconds,
 * before a tile at the current scale was timed. */
#define FIRST_TILE_COST 3000

/**
 * MoatRenderTiles:
 *
 * The rendered diagram, in square tiles of MOAT_RENDER_TILE_SIZE device
 * pixels at one scale. Only the tiles a view shows are rendered, and
 * they are kept while the view pans near them, so a frame renders only
 * the tiles that come into view. The missing tiles of a view are drawn
 * in one pass into one block of pixels, which each tile's surface then
 * points into, so an item across several new tiles is drawn once.
 *
 * The tiles follow the document's change signals. The next update drops
 * only the tiles where a changed item was drawn or is drawn now, and
 * those of the items that depend on it. These are the flows of a changed
 * element, the flows between the same elements as a changed flow (their
 * slots shift), and the target of a changed threat (its badge changes).
 * A change that cannot be bounded this way, such as one of a diagram or
 * of the document's own properties, drops every tile. The caller drops them all after a change
 * of the options or of the items without the document.
 *
 * moat_render_tiles_update_until() renders missing tiles one by one,
 * nearest the view's centre first, until a deadline, so a frame after a
 * zoom step or a long pan stays short and the next frames render the
 * rest. Until then the tiles of the scale before the last zoom step,
 * kept as the previous tiles, can stand in for the missing ones.
 */
struct _MoatRenderTiles
{
  GObject parent_instance;

  MoatRenderIndex *index;
  MoatRenderOptions options;
  double scale;

  /* Tiles by their column and row, packed in a gint64. */
  GHashTable *tiles;

  /* (element-type cairo_surface_t): every block rendered into that
   * tiles still use, or that is kept for reuse. A tile's surface holds a
   * reference to its block, so a block that only this array holds is
   * free. */
  GPtrArray *blocks;

  /* The index as the kept tiles show the diagram, or %NULL before the
   * first update after all tiles were dropped. */
  MoatRenderIndexSnapshot *shown;
  /* Changes since the last update: the changed items and the elements
   * whose flows depend on them (compared by address), or all. */
  GHashTable *damaged_items;
  GHashTable *damaged_ends;
  gboolean damaged_all;
  gboolean seen_item_change;
  /* Each threat's target, to find the badge a retargeted threat leaves. */
  GHashTable *threat_targets;

  /* The tiles dropped by the last zoom step or by a change that dropped
   * every tile, or %NULL. They stand in for missing tiles until the
   * view is complete. A change of an item drops them. */
  GHashTable *previous;
  double previous_scale;

  /* The keys of the tiles an item's change dropped, which the next
   * update renders whatever its deadline, because no other tile shows
   * that part of the diagram as it is now. */
  GHashTable *redraw;

  /* The time one tile takes to render, in microseconds, averaged over
   * the last few tiles at this scale. */
  gint64 tile_cost;
};

static const cairo_user_data_key_t block_key;

G_DEFINE_FINAL_TYPE (MoatRenderTiles, moat_render_tiles, G_TYPE_OBJECT)

static gint64
pack_key (int column,
          int row)
{
  /* Shifting a negative signed value is undefined, so the bits are
   * put together unsigned. */
  return (gint64)((guint64)(guint32)column << 32 | (guint32)row);
}

static void
drop_tile (MoatRenderTile *tile)
{
  if (tile->destroy != NULL)
    tile->destroy (tile->data);
  cairo_surface_destroy (tile->surface);
  g_free (tile);
}

static GHashTable *
new_tile_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)drop_tile);
}

static void
clear_damage (MoatRenderTiles *self)
{
  g_hash_table_remove_all (self->damaged_items);
  g_hash_table_remove_all (self->damaged_ends);
  self->damaged_all = FALSE;
}

static void
remove_all_tiles (MoatRenderTiles *self)
{
  g_hash_table_remove_all (self->tiles);
  g_hash_table_remove_all (self->redraw);
  g_clear_pointer (&self->shown, moat_render_index_snapshot_free);
  clear_damage (self);
}

/* Drops every tile, keeping them as the previous tiles at @scale to stand
 * in while new ones render, unless there are none. */
static void
keep_as_previous (MoatRenderTiles *self,
                  double           scale)
{
  if (g_hash_table_size (self->tiles) > 0)
    {
      g_clear_pointer (&self->previous, g_hash_table_unref);
      self->previous = g_steal_pointer (&self->tiles);
      self->previous_scale = scale;
      self->tiles = new_tile_table ();
    }

  remove_all_tiles (self);
}

static void
damage_item (MoatRenderTiles *self,
             MoatItem        *item)
{
  if (!g_hash_table_contains (self->damaged_items, item))
    g_hash_table_add (self->damaged_items, g_object_ref (item));

  /* The flows of an element follow it, and their slots with them. */
  if (MOAT_IS_ELEMENT (item))
    g_hash_table_add (self->damaged_ends, item);
}

static void
damage_target (MoatRenderTiles *self,
               const char      *target_id)
{
  gpointer target;

  if (target_id == NULL)
    return;

  target = moat_document_lookup (moat_render_index_get_document (self->index), target_id);
  if (MOAT_IS_ITEM (target))
    damage_item (self, target);
}

/* Records the tiles a change of @object can affect. @removed is TRUE
 * when a threat was deleted, so its target is forgotten. */
static void
damage_object (MoatRenderTiles *self,
               GObject         *object,
               gboolean         removed)
{
  self->seen_item_change = TRUE;

  if (MOAT_IS_THREAT (object))
    {
      MoatThreat *threat = MOAT_THREAT (object);

      damage_target (self, g_hash_table_lookup (self->threat_targets, threat));
      damage_target (self, moat_threat_get_target_id (threat));

      if (removed)
        g_hash_table_remove (self->threat_targets, threat);
      else
        g_hash_table_insert (self->threat_targets, g_object_ref (threat),
                             g_strdup (moat_threat_get_target_id (threat)));
    }
  else if (MOAT_IS_ITEM (object))
    damage_item (self, MOAT_ITEM (object));
  else
    self->damaged_all = TRUE;
}

static void
item_added_cb (MoatRenderTiles *self,
               GObject         *object)
{
  damage_object (self, object, FALSE);
}

static void
item_removed_cb (MoatRenderTiles *self,
                 GObject         *object)
{
  damage_object (self, object, TRUE);
}

static void
item_changed_cb (MoatRenderTiles *self,
                 GObject         *object)
{
  damage_object (self, object, FALSE);
}

/* A step that changed no item changed the document itself or its list
 * of diagrams, which no item's area bounds. */
static void
document_changed_cb (MoatRenderTiles *self)
{
  if (!self->seen_item_change)
    self->damaged_all = TRUE;
  self->seen_item_change = FALSE;
}

/* Whether the tile at @column, @row, grown by the antialiasing margin,
 * meets one of @rects. */
static gboolean
tile_meets (MoatRenderTiles *self,
            MoatRenderTile  *tile,
            GArray          *rects)
{
  double margin = DAMAGE_MARGIN / self->scale;
  double side = MOAT_RENDER_TILE_SIZE / self->scale;
  MoatRect area = { tile->column * side - margin, tile->row * side - margin,
                    side + 2 * margin, side + 2 * margin };

  for (guint i = 0; i < rects->len; i++)
    if (moat_rect_intersects (&area, &g_array_index (rects, MoatRect, i)))
      return TRUE;

  return FALSE;
}

/* Drops the tiles the changes since the last update can have changed:
 * those that meet the area of a changed item, or of an item that depends
 * on it, as the kept tiles show it and as it is now.
 * TODO: Use the extents items are drawn in rather than their index areas,
 * which reach a flow label's width past them, so that moving one element
 * at 100 % renders fewer than the 9 tiles it does now. */
static void
apply_damage (MoatRenderTiles *self)
{
  g_autoptr(GArray) rects = NULL;
  MoatRenderIndexSnapshot *now;
  GHashTableIter iter;
  MoatRenderTile *tile;

  gboolean damaged = self->damaged_all || g_hash_table_size (self->damaged_items) > 0;

  /* The previous tiles show the document as it was. */
  if (damaged)
    g_clear_pointer (&self->previous, g_hash_table_unref);

  /* A change no item's area bounds, such as one of the document's own
   * properties, seldom changes what the tiles show, so they stand in
   * until new ones replace them. */
  if (self->damaged_all)
    {
      keep_as_previous (self, self->scale);
      return;
    }

  if (self->shown == NULL)
    {
      remove_all_tiles (self);
      return;
    }

  if (!damaged)
    return;

  /* A reconnected flow leaves the flows of its old pair to new slots. */
  now = moat_render_index_take_snapshot (self->index);
  moat_render_index_snapshot_add_ends (self->shown, self->damaged_items, self->damaged_ends);
  moat_render_index_snapshot_add_ends (now, self->damaged_items, self->damaged_ends);

  rects = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  moat_render_index_snapshot_collect (self->shown, self->damaged_items, self->damaged_ends, rects);
  moat_render_index_snapshot_collect (now, self->damaged_items, self->damaged_ends, rects);

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&tile))
    if (tile_meets (self, tile, rects))
      {
        gint64 key = pack_key (tile->column, tile->row);

        g_hash_table_add (self->redraw, g_memdup2 (&key, sizeof key));
        g_hash_table_iter_remove (&iter);
      }

  moat_render_index_snapshot_free (self->shown);
  self->shown = now;
  clear_damage (self);
}

static gboolean
is_block_free (cairo_surface_t *block)
{
  return cairo_surface_get_reference_count (block) == 1;
}

/* A block of @width × @height pixels: a free one of that size, or a new
 * one. Free blocks of other sizes are dropped past a few. */
static cairo_surface_t *
take_block (MoatRenderTiles *self,
            int              width,
            int              height)
{
  cairo_surface_t *block = NULL;
  guint n_free = 0;
  cairo_t *cr;

  for (guint i = self->blocks->len; i > 0; i--)
    {
      cairo_surface_t *candidate = g_ptr_array_index (self->blocks, i - 1);

      if (!is_block_free (candidate))
        continue;

      if (block == NULL && cairo_image_surface_get_width (candidate) == width &&
          cairo_image_surface_get_height (candidate) == height)
        block = candidate;
      else if (++n_free > MAX_SPARE_BLOCKS)
        g_ptr_array_remove_index_fast (self->blocks, i - 1);
    }

  if (block == NULL)
    {
      block = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      g_ptr_array_add (self->blocks, block);
    }
  else if (!self->options.draw_background)
    {
      /* A block drawn without a background must start transparent. */
      cr = cairo_create (block);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
    }

  return block;
}

/* A surface of the tile at @column, @row of @block, sharing its pixels
 * and holding a reference to it. */
static cairo_surface_t *
create_tile_surface (cairo_surface_t *block,
                     int              column,
                     int              row)
{
  int stride = cairo_image_surface_get_stride (block);
  unsigned char *data = cairo_image_surface_get_data (block);
  cairo_surface_t *surface;

  data += (gsize)row * MOAT_RENDER_TILE_SIZE * stride + (gsize)column * MOAT_RENDER_TILE_SIZE * 4;
  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32,
                                                 MOAT_RENDER_TILE_SIZE, MOAT_RENDER_TILE_SIZE,
                                                 stride);
  cairo_surface_set_user_data (surface, &block_key, cairo_surface_reference (block),
                               (cairo_destroy_func_t)cairo_surface_destroy);

  return surface;
}

/* The diagram area a tile covers. */
static MoatRect
get_tile_area (MoatRenderTiles *self,
               int              column,
               int              row)
{
  double side = MOAT_RENDER_TILE_SIZE / self->scale;

  return (MoatRect) { column * side, row * side, side, side };
}

static void
get_range (MoatRenderTiles *self,
           const MoatRect  *visible,
           int             *column1,
           int             *row1,
           int             *column2,
           int             *row2)
{
  /* The view ends before x + width. The slack keeps a view that ends on
   * a tile's edge, give or take rounding, from needing the next tile. */
  double slack = 1e-6;

  *column1 = (int)floor (visible->x * self->scale / MOAT_RENDER_TILE_SIZE + slack);
  *row1 = (int)floor (visible->y * self->scale / MOAT_RENDER_TILE_SIZE + slack);
  *column2 = (int)ceil ((visible->x + visible->width) * self->scale / MOAT_RENDER_TILE_SIZE -
                        slack) - 1;
  *row2 = (int)ceil ((visible->y + visible->height) * self->scale / MOAT_RENDER_TILE_SIZE -
                     slack) - 1;
  *column2 = MAX (*column2, *column1);
  *row2 = MAX (*row2, *row1);
}

/* Renders the tiles from @column1, @row1 to @column2, @row2 that are
 * missing, in one pass over the rectangle they span. */
static guint
render_block (MoatRenderTiles *self,
              int              column1,
              int              row1,
              int              column2,
              int              row2,
              guint           *n_items_drawn)
{
  MoatRenderOptions options = self->options;
  MoatRect first = get_tile_area (self, column1, row1);
  MoatRect last = get_tile_area (self, column2, row2);
  cairo_surface_t *block;
  cairo_t *cr;
  guint n_rendered = 0;

  block = take_block (self, (column2 - column1 + 1) * MOAT_RENDER_TILE_SIZE,
                      (row2 - row1 + 1) * MOAT_RENDER_TILE_SIZE);

  moat_rect_union (&first, &last, &options.visible);
  options.index = self->index;

  /* Translating by whole device pixels before scaling places every tile
   * on one pixel grid, so tiles meet without seams. */
  cr = cairo_create (block);
  cairo_translate (cr, -(double)column1 * MOAT_RENDER_TILE_SIZE,
                   -(double)row1 * MOAT_RENDER_TILE_SIZE);
  cairo_scale (cr, self->scale, self->scale);
  *n_items_drawn += moat_render_diagram (moat_render_index_get_document (self->index),
                                         moat_render_index_get_diagram (self->index), cr,
                                         &options);
  cairo_destroy (cr);
  cairo_surface_flush (block);

  for (int row = row1; row <= row2; row++)
    for (int column = column1; column <= column2; column++)
      {
        gint64 key = pack_key (column, row);
        MoatRenderTile *tile;

        if (g_hash_table_contains (self->tiles, &key))
          continue;

        tile = g_new0 (MoatRenderTile, 1);
        tile->column = column;
        tile->row = row;
        tile->surface = create_tile_surface (block, column - column1, row - row1);
        g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);
        n_rendered++;
      }

  return n_rendered;
}

static void
moat_render_tiles_finalize (GObject *object)
{
  MoatRenderTiles *self = (MoatRenderTiles *)object;

  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->shown, moat_render_index_snapshot_free);
  g_clear_pointer (&self->damaged_items, g_hash_table_unref);
  g_clear_pointer (&self->damaged_ends, g_hash_table_unref);
  g_clear_pointer (&self->threat_targets, g_hash_table_unref);
  g_clear_pointer (&self->previous, g_hash_table_unref);
  g_clear_pointer (&self->redraw, g_hash_table_unref);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (moat_render_tiles_parent_class)->finalize (object);
}

static void
moat_render_tiles_class_init (MoatRenderTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_render_tiles_finalize;
}

static void
moat_render_tiles_init (MoatRenderTiles *self)
{
  self->tiles = new_tile_table ();
  self->redraw = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)cairo_surface_destroy);
  self->damaged_items = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->damaged_ends = g_hash_table_new (NULL, NULL);
  self->threat_targets = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->scale = 1;
  self->tile_cost = FIRST_TILE_COST;
  moat_render_options_init (&self->options);
}

/**
 * moat_render_tiles_new:
 * @index: the index of the diagram to render
 *
 * Returns: (transfer full): tiles of @index's diagram, none rendered yet
 */
MoatRenderTiles *
moat_render_tiles_new (MoatRenderIndex *index)
{
  MoatRenderTiles *self;
  MoatDocument *document;
  GPtrArray *threats;

  g_return_val_if_fail (MOAT_IS_RENDER_INDEX (index), NULL);

  self = g_object_new (MOAT_TYPE_RENDER_TILES, NULL);
  self->index = g_object_ref (index);

  document = moat_render_index_get_document (index);
  threats = moat_document_get_threats (document);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      g_hash_table_insert (self->threat_targets, g_object_ref (threat),
                           g_strdup (moat_threat_get_target_id (threat)));
    }

  g_signal_connect_object (document, "item-added", G_CALLBACK (item_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "item-removed", G_CALLBACK (item_removed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "item-changed", G_CALLBACK (item_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * moat_render_tiles_set_options:
 * @options: how to draw; @visible and @index are set per tile
 *
 * Sets how tiles rendered from now on draw. Tiles already rendered stay
 * as they are until moat_render_tiles_invalidate(). The hash tables and
 * crossings @options points to must stay valid while tiles render.
 */
void
moat_render_tiles_set_options (MoatRenderTiles         *self,
                               const MoatRenderOptions *options)
{
  g_return_if_fail (MOAT_IS_RENDER_TILES (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
}

/**
 * moat_render_tiles_set_scale:
 * @scale: device pixels per diagram unit: the zoom times the display's
 *   scale factor
 *
 * When the scale changes, the tiles become the previous tiles, unless
 * changes of the document since the last update may have made them
 * stale or there are none. Previous tiles kept before are dropped then.
 */
void
moat_render_tiles_set_scale (MoatRenderTiles *self,
                             double           scale)
{
  g_return_if_fail (MOAT_IS_RENDER_TILES (self));
  g_return_if_fail (scale > 0);

  if (scale == self->scale)
    return;

  /* Tiles that changes since the last update may have made stale do not
   * stand in. A zoom step before the last one finished rendering keeps
   * the previous tiles, which then cover more of the view. */
  if (!self->damaged_all && g_hash_table_size (self->damaged_items) == 0)
    keep_as_previous (self, self->scale);
  else
    remove_all_tiles (self);

  self->scale = scale;
  self->tile_cost = FIRST_TILE_COST;
}

double
moat_render_tiles_get_scale (MoatRenderTiles *self)
{
  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), 1);

  return self->scale;
}

/**
 * moat_render_tiles_invalidate:
 *
 * Drops every tile, after a change of the options, or of items made
 * without the document. The tiles stand in as the previous tiles while
 * new ones render, as after a zoom step.
 */
void
moat_render_tiles_invalidate (MoatRenderTiles *self)
{
  g_return_if_fail (MOAT_IS_RENDER_TILES (self));

  keep_as_previous (self, self->scale);
}

/* Applies the changes since the last update unless the options hide
 * items, drops the tiles far from @visible and gives its range of
 * tiles. */
static void
prepare_update (MoatRenderTiles *self,
                const MoatRect  *visible,
                int             *column1,
                int             *row1,
                int             *column2,
                int             *row2)
{
  GHashTableIter iter;
  MoatRenderTile *tile;

  /* While a drag hides its items, the tiles drawn without them stay;
   * the drag's end invalidates them with what changed meanwhile. */
  if (self->options.hidden == NULL)
    apply_damage (self);

  get_range (self, visible, column1, row1, column2, row2);

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&tile))
    if (tile->column < *column1 - KEPT_TILES_AROUND ||
        tile->column > *column2 + KEPT_TILES_AROUND ||
        tile->row < *row1 - KEPT_TILES_AROUND || tile->row > *row2 + KEPT_TILES_AROUND)
      g_hash_table_iter_remove (&iter);

  if (self->shown == NULL)
    self->shown = moat_render_index_take_snapshot (self->index);
}

static gboolean
has_tile (MoatRenderTiles *self,
          int              column,
          int              row)
{
  gint64 key = pack_key (column, row);

  return g_hash_table_contains (self->tiles, &key);
}

/**
 * moat_render_tiles_update:
 * @visible: the view, in diagram coordinates
 * @n_items_drawn: (out) (optional): the items drawn into the new tiles
 *
 * Updates the tiles for @visible. Unless the options hide items, it first
 * drops the tiles that document changes since the last update can have
 * affected. It then renders the missing tiles of @visible in one pass
 * over the rectangle they span, and drops the tiles far from it.
 *
 * Returns: the number of tiles rendered
 */
guint
moat_render_tiles_update (MoatRenderTiles *self,
                          const MoatRect  *visible,
                          guint           *n_items_drawn)
{
  int column1, row1, column2, row2;
  int missing1_column = G_MAXINT;
  int missing1_row = G_MAXINT;
  int missing2_column = G_MININT;
  int missing2_row = G_MININT;
  guint n_rendered = 0;
  guint n_drawn = 0;

  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), 0);
  g_return_val_if_fail (visible != NULL, 0);

  prepare_update (self, visible, &column1, &row1, &column2, &row2);

  /* The rectangle of the missing tiles, which a pan makes a strip. */
  for (int row = row1; row <= row2; row++)
    for (int column = column1; column <= column2; column++)
      {
        if (has_tile (self, column, row))
          continue;

        missing1_column = MIN (missing1_column, column);
        missing1_row = MIN (missing1_row, row);
        missing2_column = MAX (missing2_column, column);
        missing2_row = MAX (missing2_row, row);
      }

  if (missing1_column <= missing2_column)
    n_rendered = render_block (self, missing1_column, missing1_row, missing2_column,
                               missing2_row, &n_drawn);
  g_hash_table_remove_all (self->redraw);

  if (moat_render_tiles_is_complete (self, visible, 0))
    g_clear_pointer (&self->previous, g_hash_table_unref);

  if (n_items_drawn != NULL)
    *n_items_drawn = n_drawn;

  return n_rendered;
}

typedef struct
{
  int column;
  int row;
  double distance;
} MissingTile;

static int
compare_missing_tiles (gconstpointer a,
                       gconstpointer b)
{
  const MissingTile *first = a;
  const MissingTile *second = b;

  return (first->distance > second->distance) - (first->distance < second->distance);
}

/**
 * moat_render_tiles_update_until:
 * @visible: the view, in diagram coordinates
 * @margin: how many tiles around @visible to render too, at most
 *   MOAT_RENDER_TILES_AHEAD, so the tiles a pan brings into view are
 *   ready
 * @deadline: the monotonic time, in microseconds, by which rendering
 *   should stop
 * @n_items_drawn: (out) (optional): the items drawn into the new tiles
 *
 * Updates the tiles as moat_render_tiles_update() does, but renders the
 * missing tiles of @visible grown by @margin one at a time, nearest the
 * centre of @visible first. It renders one tile whatever the time, so
 * every call makes progress, and then another only while the time one
 * tile took lately still fits before @deadline.
 *
 * Returns: the number of tiles rendered
 */
guint
moat_render_tiles_update_until (MoatRenderTiles *self,
                                const MoatRect  *visible,
                                guint            margin,
                                gint64           deadline,
                                guint           *n_items_drawn)
{
  g_autoptr(GArray) missing = NULL;
  int column1, row1, column2, row2;
  double center_column, center_row;
  guint n_rendered = 0;
  guint n_drawn = 0;

  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), 0);
  g_return_val_if_fail (visible != NULL, 0);
  g_return_val_if_fail (margin <= KEPT_TILES_AROUND, 0);

  prepare_update (self, visible, &column1, &row1, &column2, &row2);

  center_column = (visible->x + visible->width / 2) * self->scale / MOAT_RENDER_TILE_SIZE;
  center_row = (visible->y + visible->height / 2) * self->scale / MOAT_RENDER_TILE_SIZE;

  missing = g_array_new (FALSE, FALSE, sizeof (MissingTile));
  for (int row = row1 - (int)margin; row <= row2 + (int)margin; row++)
    for (int column = column1 - (int)margin; column <= column2 + (int)margin; column++)
      {
        MissingTile tile = { column, row, hypot (column + 0.5 - center_column,
                                                 row + 0.5 - center_row) };

        if (!has_tile (self, column, row))
          g_array_append_val (missing, tile);
      }
  g_array_sort (missing, compare_missing_tiles);

  /* The tiles an edit dropped render now, in one pass over the rectangle
   * they span, or the frame would show a hole where the edit was. */
  if (g_hash_table_size (self->redraw) > 0)
    {
      int redraw1_column = G_MAXINT;
      int redraw1_row = G_MAXINT;
      int redraw2_column = G_MININT;
      int redraw2_row = G_MININT;

      for (guint i = 0; i < missing->len; i++)
        {
          const MissingTile *tile = &g_array_index (missing, MissingTile, i);
          gint64 key = pack_key (tile->column, tile->row);

          if (!g_hash_table_contains (self->redraw, &key))
            continue;

          redraw1_column = MIN (redraw1_column, tile->column);
          redraw1_row = MIN (redraw1_row, tile->row);
          redraw2_column = MAX (redraw2_column, tile->column);
          redraw2_row = MAX (redraw2_row, tile->row);
        }

      if (redraw1_column <= redraw2_column)
        n_rendered += render_block (self, redraw1_column, redraw1_row, redraw2_column,
                                    redraw2_row, &n_drawn);
      g_hash_table_remove_all (self->redraw);
    }

  for (guint i = 0; i < missing->len; i++)
    {
      const MissingTile *tile = &g_array_index (missing, MissingTile, i);
      gint64 start = g_get_monotonic_time ();

      if (has_tile (self, tile->column, tile->row))
        continue;

      if (n_rendered > 0 && start + self->tile_cost > deadline)
        break;

      n_rendered += render_block (self, tile->column, tile->row, tile->column, tile->row,
                                  &n_drawn);
      self->tile_cost = (3 * self->tile_cost + (g_get_monotonic_time () - start)) / 4;
    }

  if (moat_render_tiles_is_complete (self, visible, 0))
    g_clear_pointer (&self->previous, g_hash_table_unref);

  if (n_items_drawn != NULL)
    *n_items_drawn = n_drawn;

  return n_rendered;
}

/**
 * moat_render_tiles_is_complete:
 * @visible: the view, in diagram coordinates
 * @margin: how many tiles around @visible to check too
 *
 * Returns: whether every tile of @visible grown by @margin is rendered
 */
gboolean
moat_render_tiles_is_complete (MoatRenderTiles *self,
                               const MoatRect  *visible,
                               guint            margin)
{
  int column1, row1, column2, row2;

  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), FALSE);
  g_return_val_if_fail (visible != NULL, FALSE);

  get_range (self, visible, &column1, &row1, &column2, &row2);

  for (int row = row1 - (int)margin; row <= row2 + (int)margin; row++)
    for (int column = column1 - (int)margin; column <= column2 + (int)margin; column++)
      if (!has_tile (self, column, row))
        return FALSE;

  return TRUE;
}

/**
 * moat_render_tiles_get_previous:
 * @visible: the view, in diagram coordinates
 * @scale: (out): the scale of the previous tiles
 *
 * Gives the previous tiles, rendered at the scale before the last zoom
 * step, that cover part of a tile of @visible not rendered yet, to draw
 * scaled in its place.
 *
 * Returns: (transfer container) (element-type MoatRenderTile): the
 *   previous tiles, owned by @self until its next update or change of
 *   scale
 */
GPtrArray *
moat_render_tiles_get_previous (MoatRenderTiles *self,
                                const MoatRect  *visible,
                                double          *scale)
{
  GPtrArray *tiles = g_ptr_array_new ();
  g_autoptr(GArray) missing = NULL;
  int column1, row1, column2, row2;
  double previous_side;
  GHashTableIter iter;
  MoatRenderTile *tile;

  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), tiles);
  g_return_val_if_fail (visible != NULL, tiles);
  g_return_val_if_fail (scale != NULL, tiles);

  *scale = self->previous_scale;
  if (self->previous == NULL)
    return tiles;

  missing = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  get_range (self, visible, &column1, &row1, &column2, &row2);
  for (int row = row1; row <= row2; row++)
    for (int column = column1; column <= column2; column++)
      if (!has_tile (self, column, row))
        {
          MoatRect area = get_tile_area (self, column, row);

          g_array_append_val (missing, area);
        }

  previous_side = MOAT_RENDER_TILE_SIZE / self->previous_scale;
  g_hash_table_iter_init (&iter, self->previous);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&tile))
    {
      MoatRect area = { tile->column * previous_side, tile->row * previous_side,
                        previous_side, previous_side };

      if (!moat_rect_intersects (&area, visible))
        continue;

      for (guint i = 0; i < missing->len; i++)
        if (moat_rect_intersects (&area, &g_array_index (missing, MoatRect, i)))
          {
            g_ptr_array_add (tiles, tile);
            break;
          }
    }

  return tiles;
}

/**
 * moat_render_tiles_get_visible:
 * @visible: the view, in diagram coordinates, as given to
 *   moat_render_tiles_update()
 *
 * Returns: (transfer container) (element-type MoatRenderTile): the
 *   rendered tiles of @visible, owned by @self until its next update
 */
GPtrArray *
moat_render_tiles_get_visible (MoatRenderTiles *self,
                               const MoatRect  *visible)
{
  GPtrArray *tiles = g_ptr_array_new ();
  int column1, row1, column2, row2;

  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), tiles);
  g_return_val_if_fail (visible != NULL, tiles);

  get_range (self, visible, &column1, &row1, &column2, &row2);

  for (int row = row1; row <= row2; row++)
    for (int column = column1; column <= column2; column++)
      {
        gint64 key = pack_key (column, row);
        MoatRenderTile *tile = g_hash_table_lookup (self->tiles, &key);

        if (tile != NULL)
          g_ptr_array_add (tiles, tile);
      }

  return tiles;
}

/**
 * moat_render_tiles_get_n_tiles:
 *
 * Returns: the number of tiles kept
 */
guint
moat_render_tiles_get_n_tiles (MoatRenderTiles *self)
{
  g_return_val_if_fail (MOAT_IS_RENDER_TILES (self), 0);

  return g_hash_table_size (self->tiles);
}

/**
 * moat_render_tiles_invalidate_items:
 * @items: (element-type MoatItem): items whose look changed without a
 *   change of the document, such as items a drag starts or stops hiding
 *
 * Drops now the tiles where @items are drawn, with those of every change
 * of the document not yet applied.
 */
void
moat_render_tiles_invalidate_items (MoatRenderTiles *self,
                                    GHashTable      *items)
{
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (MOAT_IS_RENDER_TILES (self));
  g_return_if_fail (items != NULL);

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    damage_item (self, item);

  apply_damage (self);
}
