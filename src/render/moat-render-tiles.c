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

/* How many device pixels past the pixels it renders again a tile's
 * repaint draws, so that they are not near its surface's edge. */
#define EDGE_MARGIN 8

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
 * The tiles follow the document's change signals. The next update
 * renders again, into copies of the tiles, only the parts where a changed
 * item was drawn or is drawn now, and those of the items that depend on
 * it. These are the flows of a changed element, the flows between the
 * same elements as a changed flow (their slots shift), and the target of
 * a changed threat (its badge changes). After a move or a resize, those
 * parts are what the items draw, measured; after other changes, the
 * areas the index files the items under. A change that cannot be bounded
 * this way, such as one of a diagram or of the document's own
 * properties, drops every tile. The caller drops them all after a change
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
  /* Changes since the last update: the changed items, each mapped to
   * whether only its position or size changed, the elements whose flows
   * depend on them (compared by address), or all. */
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

  /* (element-type gint64 Repaint): the parts of tiles that changes made
   * stale, which the next update renders again whatever its deadline,
   * because no other tile shows that part of the diagram as it is
   * now. */
  GHashTable *repaints;

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
  g_hash_table_remove_all (self->repaints);
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

/* Records a change of @item. @moved_only is TRUE when the change left
 * its texts, threats and review as they were, so what the tiles show of
 * it can be measured from its position then and its texts now. */
static void
damage_item (MoatRenderTiles *self,
             MoatItem        *item,
             gboolean         moved_only)
{
  gpointer was_moved_only;

  if (g_hash_table_lookup_extended (self->damaged_items, item, NULL, &was_moved_only))
    moved_only = moved_only && GPOINTER_TO_INT (was_moved_only);

  /* Inserting a key the table has drops the reference given with it. */
  g_hash_table_insert (self->damaged_items, g_object_ref (item), GINT_TO_POINTER (moved_only));

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
    damage_item (self, target, FALSE);
}

/* Records the tiles a change of @object can affect. @removed is TRUE
 * when a threat was deleted, so its target is forgotten. @moved_only as
 * for damage_item(). */
static void
damage_object (MoatRenderTiles *self,
               GObject         *object,
               gboolean         removed,
               gboolean         moved_only)
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
    damage_item (self, MOAT_ITEM (object), moved_only);
  else
    self->damaged_all = TRUE;
}

static void
item_added_cb (MoatRenderTiles *self,
               GObject         *object)
{
  damage_object (self, object, FALSE, FALSE);
}

static void
item_removed_cb (MoatRenderTiles *self,
                 GObject         *object)
{
  damage_object (self, object, TRUE, FALSE);
}

static void
item_changed_cb (MoatRenderTiles *self,
                 GObject         *object,
                 const char      *property_name)
{
  static const char * const placement[] = { "x", "y", "width", "height", "vertices",
                                            "label-position", NULL };

  damage_object (self, object, FALSE,
                 property_name != NULL && g_strv_contains (placement, property_name));
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

/* A tile to render again in part: its key, and the box of its pixels
 * from x1, y1 to x2, y2. */
typedef struct
{
  gint64 key;
  int x1;
  int y1;
  int x2;
  int y2;
} Repaint;

typedef struct
{
  MoatRenderTiles *self;
  MoatRenderText *text;
  gboolean measure;
  GArray *rects;
} DamageCollector;

/* Adds the area an entry of a snapshot was or is drawn in. When only
 * the item's position or size changed since the tiles drew it, and the
 * scale draws its texts, that is the extents measured from the entry's
 * place. Otherwise it is the entry's rectangles, which reach a flow
 * label's widest past the item. */
static void
collect_damage (MoatItem        *item,
                const MoatRect  *rects,
                guint            n_rects,
                const MoatPoint *label_center,
                gpointer         user_data)
{
  DamageCollector *collector = user_data;
  MoatRenderTiles *self = collector->self;
  MoatDocument *document = moat_render_index_get_document (self->index);
  gpointer moved_only;
  MoatRect place;
  MoatRect extents;

  /* The flows of a changed element are not themselves in the table. */
  if (!g_hash_table_lookup_extended (self->damaged_items, item, NULL, &moved_only))
    moved_only = GINT_TO_POINTER (TRUE);

  if (!collector->measure || !GPOINTER_TO_INT (moved_only) || n_rects == 0 ||
      !(MOAT_IS_ELEMENT (item) || MOAT_IS_FLOW (item)))
    {
      g_array_append_vals (collector->rects, rects, n_rects);
      return;
    }

  /* The rectangles are the element's shape, or pieces of the flow's line,
   * grown by CULL_MARGIN. */
  place = rects[0];
  for (guint i = 1; i < n_rects; i++)
    moat_rect_union (&place, &rects[i], &place);
  place.x += CULL_MARGIN;
  place.y += CULL_MARGIN;
  place.width = MAX (place.width - 2 * CULL_MARGIN, 0);
  place.height = MAX (place.height - 2 * CULL_MARGIN, 0);

  if (MOAT_IS_ELEMENT (item))
    moat_render_get_element_drawn_extents (collector->text, document, MOAT_ELEMENT (item), &place,
                                           &extents);
  else
    moat_render_get_flow_drawn_extents (collector->text, document, MOAT_FLOW (item), &place,
                                        *label_center, self->options.show_review_progress,
                                        &extents);

  g_array_append_val (collector->rects, extents);
}

/* The device pixels of @tile that meet @rects, grown by the antialiasing
 * margin, as a box from @x1, @y1 to @x2, @y2 in the tile. Returns
 * %FALSE when none does. */
static gboolean
get_damaged_pixels (MoatRenderTiles *self,
                    MoatRenderTile  *tile,
                    GArray          *rects,
                    int             *x1,
                    int             *y1,
                    int             *x2,
                    int             *y2)
{
  double left = (double)tile->column * MOAT_RENDER_TILE_SIZE;
  double top = (double)tile->row * MOAT_RENDER_TILE_SIZE;
  gboolean found = FALSE;

  for (guint i = 0; i < rects->len; i++)
    {
      const MoatRect *rect = &g_array_index (rects, MoatRect, i);
      double rx1 = floor (rect->x * self->scale - DAMAGE_MARGIN) - left;
      double ry1 = floor (rect->y * self->scale - DAMAGE_MARGIN) - top;
      double rx2 = ceil ((rect->x + rect->width) * self->scale + DAMAGE_MARGIN) - left;
      double ry2 = ceil ((rect->y + rect->height) * self->scale + DAMAGE_MARGIN) - top;

      if (rx2 <= 0 || ry2 <= 0 || rx1 >= MOAT_RENDER_TILE_SIZE || ry1 >= MOAT_RENDER_TILE_SIZE)
        continue;

      rx1 = MAX (rx1, 0);
      ry1 = MAX (ry1, 0);
      rx2 = MIN (rx2, MOAT_RENDER_TILE_SIZE);
      ry2 = MIN (ry2, MOAT_RENDER_TILE_SIZE);

      if (!found)
        {
          *x1 = (int)rx1;
          *y1 = (int)ry1;
          *x2 = (int)rx2;
          *y2 = (int)ry2;
          found = TRUE;
        }
      else
        {
          *x1 = MIN (*x1, (int)rx1);
          *y1 = MIN (*y1, (int)ry1);
          *x2 = MAX (*x2, (int)rx2);
          *y2 = MAX (*y2, (int)ry2);
        }
    }

  return found;
}

/* Renders the pixels from @x1, @y1 to @x2, @y2 of the tile at @key again,
 * into a copy of the tile, since a texture of the old pixels may still
 * be on screen. Returns the number of items drawn. */
static guint
repaint_tile (MoatRenderTiles *self,
              gint64           key,
              int              x1,
              int              y1,
              int              x2,
              int              y2)
{
  MoatRenderTile *old = g_hash_table_lookup (self->tiles, &key);
  MoatRenderOptions options = self->options;
  /* Where the pixels to render again start, counted from diagram point 0
   * at the tiles' scale, less the margin. */
  double left = (double)old->column * MOAT_RENDER_TILE_SIZE + x1 - EDGE_MARGIN;
  double top = (double)old->row * MOAT_RENDER_TILE_SIZE + y1 - EDGE_MARGIN;
  int width = x2 - x1 + 2 * EDGE_MARGIN;
  int height = y2 - y1 + 2 * EDGE_MARGIN;
  MoatRenderTile *tile;
  cairo_surface_t *scratch;
  cairo_surface_t *block;
  cairo_t *cr;
  guint n_drawn;

  /* Drawing near a surface's edge can set pixels there a little apart
   * from drawing across it, so the pixels are rendered with a margin
   * around them. */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  options.visible = (MoatRect) { left / self->scale, top / self->scale, width / self->scale,
                                 height / self->scale };
  options.index = self->index;

  /* The same whole-pixel translation as render_block(), so the pixels
   * drawn again lie on the grid of the others. */
  cr = cairo_create (scratch);
  cairo_translate (cr, -left, -top);
  cairo_scale (cr, self->scale, self->scale);
  n_drawn = moat_render_diagram (moat_render_index_get_document (self->index),
                                 moat_render_index_get_diagram (self->index), cr, &options);
  cairo_destroy (cr);

  block = take_block (self, MOAT_RENDER_TILE_SIZE, MOAT_RENDER_TILE_SIZE);
  cr = cairo_create (block);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, old->surface, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, scratch, x1 - EDGE_MARGIN, y1 - EDGE_MARGIN);
  cairo_rectangle (cr, x1, y1, x2 - x1, y2 - y1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (block);
  cairo_surface_destroy (scratch);

  tile = g_new0 (MoatRenderTile, 1);
  tile->column = old->column;
  tile->row = old->row;
  tile->surface = create_tile_surface (block, 0, 0);
  g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);

  return n_drawn;
}

/* Marks the parts of the tiles that changes since the last update can
 * have changed, for the next update to render again. These are where a
 * changed item, or an item that depends on it, is drawn in the kept
 * tiles and where it is drawn now. */
static void
apply_damage (MoatRenderTiles *self)
{
  g_autoptr(GArray) rects = NULL;
  MoatRenderIndexSnapshot *now;
  DamageCollector collector;
  cairo_surface_t *surface;
  cairo_t *cr;
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

  /* Texts are measured as the tiles draw them, at their scale. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  cairo_scale (cr, self->scale, self->scale);

  rects = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  collector = (DamageCollector) {
    self, moat_render_index_get_draw_text (self->index, cr),
    self->scale >= self->options.text_min_scale && self->scale >= self->options.detail_min_scale,
    rects };
  moat_render_index_snapshot_foreach (self->shown, self->damaged_items, self->damaged_ends,
                                      collect_damage, &collector);
  moat_render_index_snapshot_foreach (now, self->damaged_items, self->damaged_ends,
                                      collect_damage, &collector);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&tile))
    {
      Repaint box;
      Repaint *repaint;

      if (!get_damaged_pixels (self, tile, rects, &box.x1, &box.y1, &box.x2, &box.y2))
        continue;

      box.key = pack_key (tile->column, tile->row);
      repaint = g_hash_table_lookup (self->repaints, &box.key);
      if (repaint == NULL)
        {
          repaint = g_memdup2 (&box, sizeof box);
          g_hash_table_insert (self->repaints, &repaint->key, repaint);
        }
      else
        {
          repaint->x1 = MIN (repaint->x1, box.x1);
          repaint->y1 = MIN (repaint->y1, box.y1);
          repaint->x2 = MAX (repaint->x2, box.x2);
          repaint->y2 = MAX (repaint->y2, box.y2);
        }
    }

  moat_render_index_snapshot_free (self->shown);
  self->shown = now;
  clear_damage (self);
}

/* Renders again the parts of tiles that apply_damage() marked, with
 * the options as they are now. Adds the tiles rendered again to
 * @n_rendered and the items drawn in them to @n_drawn. */
static void
repaint_marked (MoatRenderTiles *self,
                guint           *n_rendered,
                guint           *n_drawn)
{
  g_autoptr(GHashTable) repaints = g_steal_pointer (&self->repaints);
  GHashTableIter iter;
  Repaint *repaint;

  /* Rendering again replaces tiles in the table, and the boxes go. */
  self->repaints = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  g_hash_table_iter_init (&iter, repaints);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&repaint))
    {
      if (!g_hash_table_contains (self->tiles, &repaint->key))
        continue;

      *n_drawn += repaint_tile (self, repaint->key, repaint->x1, repaint->y1, repaint->x2,
                                repaint->y2);
      (*n_rendered)++;
    }
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
  g_clear_pointer (&self->repaints, g_hash_table_unref);
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
  self->repaints = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
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

/* Drops the tiles far from @visible, applies the changes since the last
 * update unless the options hide items, and gives the range of tiles of
 * @visible. Adds the tiles rendered again in part to @n_rendered and
 * the items drawn in them to @n_drawn. */
static void
prepare_update (MoatRenderTiles *self,
                const MoatRect  *visible,
                int             *column1,
                int             *row1,
                int             *column2,
                int             *row2,
                guint           *n_rendered,
                guint           *n_drawn)
{
  GHashTableIter iter;
  MoatRenderTile *tile;

  get_range (self, visible, column1, row1, column2, row2);

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&tile))
    if (tile->column < *column1 - KEPT_TILES_AROUND ||
        tile->column > *column2 + KEPT_TILES_AROUND ||
        tile->row < *row1 - KEPT_TILES_AROUND || tile->row > *row2 + KEPT_TILES_AROUND)
      g_hash_table_iter_remove (&iter);

  /* While a drag hides its items, the tiles drawn without them stay.
   * The drag's end invalidates them with what changed meanwhile. */
  if (self->options.hidden == NULL)
    apply_damage (self);

  repaint_marked (self, n_rendered, n_drawn);

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
 *   and the parts rendered again
 *
 * Updates the tiles for @visible. It drops the tiles far from it. Unless
 * the options hide items, it renders again the parts of tiles that
 * document changes since the last update can have affected. It then
 * renders the missing tiles of @visible in one pass over the rectangle
 * they span.
 *
 * Returns: the number of tiles rendered, whole or in part
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

  prepare_update (self, visible, &column1, &row1, &column2, &row2, &n_rendered, &n_drawn);

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
    n_rendered += render_block (self, missing1_column, missing1_row, missing2_column,
                                missing2_row, &n_drawn);

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
 *   and the parts rendered again
 *
 * Updates the tiles as moat_render_tiles_update() does, but renders the
 * missing tiles of @visible grown by @margin one at a time, nearest the
 * centre of @visible first. The parts of tiles that changes made stale
 * render first, whatever the time, since no other tile shows them as
 * they are. Then it renders one missing tile whatever the time, unless
 * it rendered such a part, so every call makes progress, and another
 * only while the time one tile took lately still fits before @deadline.
 *
 * Returns: the number of tiles rendered, whole or in part
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

  prepare_update (self, visible, &column1, &row1, &column2, &row2, &n_rendered, &n_drawn);

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
 * Marks now the parts of tiles where @items are drawn, with those of
 * every change of the document not yet applied, and the next update
 * renders them again, whether the options hide items or not.
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
    damage_item (self, item, TRUE);

  apply_damage (self);
}
