/* moat-render-tiles.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-render.h"

G_BEGIN_DECLS

/* The side of a tile in device pixels. A 1920×1080 view shows up to
 * 9 × 6 of them. Small tiles keep the cost of one tile, the unit a
 * frame renders at least, well inside the frame's budget. */
#define MOAT_RENDER_TILE_SIZE 256

/* Microseconds a frame, or one idle step that renders the tiles around
 * the view, spends rendering tiles before it leaves the rest for later:
 * the main loop then stays free for input, and a frame fits 60 Hz. */
#define MOAT_RENDER_FRAME_BUDGET 6000

/* How many tiles around the view moat_render_tiles_update_until() can
 * render ahead, and the tiles keep. */
#define MOAT_RENDER_TILES_AHEAD 2

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
guint            moat_render_tiles_update_until (MoatRenderTiles       *self,
                                                 const MoatRect          *visible,
                                                 guint                    margin,
                                                 gint64                   deadline,
                                                 guint                   *n_items_drawn);
gboolean         moat_render_tiles_is_complete  (MoatRenderTiles         *self,
                                                 const MoatRect          *visible,
                                                 guint                    margin);
GPtrArray       *moat_render_tiles_get_visible  (MoatRenderTiles         *self,
                                                 const MoatRect          *visible);
GPtrArray       *moat_render_tiles_get_previous (MoatRenderTiles         *self,
                                                 const MoatRect          *visible,
                                                 double                  *scale);
guint            moat_render_tiles_get_n_tiles  (MoatRenderTiles         *self);

G_END_DECLS
