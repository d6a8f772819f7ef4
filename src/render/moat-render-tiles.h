/* moat-render-tiles.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-render.h"

G_BEGIN_DECLS

/* The side of a tile in device pixels: a 1920×1080 view shows at most
 * 6 × 4 of them, and a pan by a third of it renders about a third. */
#define MOAT_RENDER_TILE_SIZE 512

/**
 * MoatRenderTile:
 * @surface: the tile's pixels, MOAT_RENDER_TILE_SIZE pixels square
 * @column: the tile's column: it covers device pixels from
 *   @column × MOAT_RENDER_TILE_SIZE, counted from diagram point 0 at the
 *   tiles' scale
 * @row: the tile's row, in the same way
 * @data: a value the caller keeps with the tile, such as a texture of
 *   @surface, freed with @destroy when the tile is dropped
 * @destroy: (nullable): frees @data
 */
typedef struct
{
  cairo_surface_t *surface;
  int column;
  int row;
  gpointer data;
  GDestroyNotify destroy;
} MoatRenderTile;

#define MOAT_TYPE_RENDER_TILES (moat_render_tiles_get_type ())

G_DECLARE_FINAL_TYPE (MoatRenderTiles, moat_render_tiles, MOAT, RENDER_TILES, GObject)

MoatRenderTiles *moat_render_tiles_new          (MoatRenderIndex         *index);
void             moat_render_tiles_set_options  (MoatRenderTiles         *self,
                                                 const MoatRenderOptions *options);
void             moat_render_tiles_set_scale    (MoatRenderTiles         *self,
                                                 double                   scale);
double           moat_render_tiles_get_scale    (MoatRenderTiles         *self);
void             moat_render_tiles_invalidate   (MoatRenderTiles         *self);
void             moat_render_tiles_invalidate_items (MoatRenderTiles     *self,
                                                 GHashTable              *items);
guint            moat_render_tiles_update       (MoatRenderTiles         *self,
                                                 const MoatRect          *visible,
                                                 guint                   *n_items_drawn);
GPtrArray       *moat_render_tiles_get_visible  (MoatRenderTiles         *self,
                                                 const MoatRect          *visible);
guint            moat_render_tiles_get_n_tiles  (MoatRenderTiles         *self);

G_END_DECLS
