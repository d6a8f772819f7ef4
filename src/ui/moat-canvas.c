/* moat-canvas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "moat-canvas-item.h"
#include "moat-canvas-private.h"

/**
 * MoatCanvas:
 *
 * The diagram editor: draws one diagram of a document through the render
 * library and edits it with the pointer and the keyboard. Every change
 * goes through the document, so it is undoable, and a whole drag is one
 * step. It scrolls as a #GtkScrollable, so a #GtkScrolledWindow gives it
 * scroll bars.
 */

G_DEFINE_FINAL_TYPE_WITH_CODE (MoatCanvas, moat_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_DIAGRAM,
  PROP_TOOL,
  PROP_SELECTED_ITEM,
  PROP_SHOW_GRID,
  PROP_SNAP_TO_GRID,
  PROP_GRID_SIZE,
  PROP_ZOOM,
  N_PROPS,

  /* GtkScrollable's, installed as overrides */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SELECTION_CHANGED,
  ITEM_ACTIVATED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const GEnumValue tool_values[] = {
  { MOAT_CANVAS_TOOL_SELECT, "MOAT_CANVAS_TOOL_SELECT", "select" },
  { MOAT_CANVAS_TOOL_EXTERNAL_ENTITY, "MOAT_CANVAS_TOOL_EXTERNAL_ENTITY", "external-entity" },
  { MOAT_CANVAS_TOOL_PROCESS, "MOAT_CANVAS_TOOL_PROCESS", "process" },
  { MOAT_CANVAS_TOOL_DATA_STORE, "MOAT_CANVAS_TOOL_DATA_STORE", "data-store" },
  { MOAT_CANVAS_TOOL_BOUNDARY, "MOAT_CANVAS_TOOL_BOUNDARY", "boundary" },
  { MOAT_CANVAS_TOOL_FLOW, "MOAT_CANVAS_TOOL_FLOW", "flow" },
  { 0, NULL, NULL },
};

GType
moat_canvas_tool_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("MoatCanvasTool", tool_values));

  return type_id;
}

/* Redraws after a change of the document: the tiles follow its signals
 * and drop only what the change touches. The crossings are dropped
 * unless a drag is under way. */
void
moat_canvas_scene_changed (MoatCanvas *self)
{
  /* During a drag only the moving items change, and they are drawn apart
   * from the scene. */
  if (self->moving != NULL)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == MOAT_CANVAS_DRAG_NONE || self->drag.mode == MOAT_CANVAS_DRAG_PENDING)
    g_clear_pointer (&self->crossings, moat_crossings_unref);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  moat_canvas_queue_accessible_sync (self);
}

/* Drops the whole rendered scene, after a change no item bounds: the
 * document, the diagram, the style or the grid. */
void
moat_canvas_invalidate_scene (MoatCanvas *self)
{
  if (self->tiles != NULL)
    moat_render_tiles_invalidate (self->tiles);
  moat_canvas_scene_changed (self);
}

/**
 * moat_canvas_get_crossings:
 *
 * Returns: (transfer none): the boundary crossings of the diagram shown
 */
MoatCrossings *
moat_canvas_get_crossings (MoatCanvas *self)
{
  g_assert (self->diagram != NULL);

  if (self->crossings == NULL)
    self->crossings = moat_crossings_new (self->diagram);

  return self->crossings;
}

void
moat_canvas_notify_zoom (MoatCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The rectangle a selection outline and its handles follow. Flows have
 * none. */
gboolean
moat_canvas_get_item_rect (MoatItem *item,
                           MoatRect *rect)
{
  if (MOAT_IS_ELEMENT (item))
    *rect = moat_element_get_bounds (MOAT_ELEMENT (item));
  else if (MOAT_IS_BOUNDARY (item))
    *rect = moat_boundary_get_bounds (MOAT_BOUNDARY (item));
  else
    return FALSE;

  return TRUE;
}

gboolean
moat_canvas_is_selected (MoatCanvas *self,
                         MoatItem   *item)
{
  return item != NULL && g_ptr_array_find (self->selection, item, NULL);
}

/**
 * moat_canvas_show_toast:
 * @title: a plain text message
 * @offer_undo: whether the message offers to undo the last step
 *
 * Asks the window to show a short message, through #MoatCanvas::toast.
 */
void
moat_canvas_show_toast (MoatCanvas *self,
                        const char *title,
                        gboolean    offer_undo)
{
  g_signal_emit (self, signals[TOAST], 0, title, offer_undo);
}

static void
selection_changed (MoatCanvas *self,
                   GObject    *old_primary)
{
  moat_canvas_update_actions (self);
  moat_canvas_update_accessible (self);
  moat_canvas_queue_accessible_sync (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  if (moat_canvas_get_selected_item (self) != old_primary)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

/* Replaces the selection. The last item of @items becomes the primary
 * selection. */
void
moat_canvas_set_selection (MoatCanvas *self,
                           GPtrArray  *items)
{
  GObject *old_primary = moat_canvas_get_selected_item (self);
  gboolean same = items->len == self->selection->len;

  for (guint i = 0; same && i < items->len; i++)
    same = g_ptr_array_index (items, i) == g_ptr_array_index (self->selection, i);

  if (same)
    return;

  /* Take references first, because @items may share objects with the
   * old selection. */
  for (guint i = 0; i < items->len; i++)
    g_object_ref (g_ptr_array_index (items, i));
  g_ptr_array_set_size (self->selection, 0);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (self->selection, g_ptr_array_index (items, i));

  selection_changed (self, old_primary);
}

void
moat_canvas_toggle_selected (MoatCanvas *self,
                             MoatItem   *item)
{
  GObject *old_primary = moat_canvas_get_selected_item (self);

  if (!g_ptr_array_remove (self->selection, item))
    g_ptr_array_add (self->selection, g_object_ref (item));

  selection_changed (self, old_primary);
}

void
moat_canvas_set_hover (MoatCanvas *self,
                       MoatItem   *item)
{
  if (self->hover == item)
    return;

  self->hover = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
document_changed_cb (MoatCanvas *self)
{
  moat_canvas_scene_changed (self);
  moat_canvas_update_adjustments (self);
  moat_canvas_update_actions (self);
}

/* A renamed or reconnected item changes how it is described. */
static void
item_changed_cb (MoatCanvas *self,
                 GObject    *object)
{
  moat_canvas_scene_changed (self);

  if (moat_canvas_is_selected (self, (MoatItem *)object))
    moat_canvas_update_accessible (self);
}

static void
item_removed_cb (MoatCanvas *self,
                 GObject    *object)
{
  GObject *old_primary = moat_canvas_get_selected_item (self);

  if (object == (GObject *)self->diagram)
    {
      moat_canvas_set_diagram (self, NULL);
      return;
    }

  /* A removed threat changes a badge, so redraw in any case. */
  moat_canvas_scene_changed (self);

  if (!MOAT_IS_ITEM (object))
    return;

  moat_canvas_forget_item (self, MOAT_ITEM (object));
  if (self->renaming == (MoatItem *)object)
    moat_canvas_stop_rename (self);

  if (self->hover == (MoatItem *)object)
    self->hover = NULL;

  if (g_ptr_array_remove (self->selection, object))
    selection_changed (self, old_primary);
}

static void
style_dark_cb (MoatCanvas      *self,
               GParamSpec      *pspec,
               AdwStyleManager *style_manager)
{
  self->dark = adw_style_manager_get_dark (style_manager);
  moat_canvas_invalidate_scene (self);
}

static void
init_render_options (MoatCanvas        *self,
                     MoatRenderOptions *options)
{
  moat_render_options_init (options);
  options->dark = self->dark;
  options->crossings = moat_canvas_get_crossings (self);
  options->text_min_scale = MOAT_RENDER_TEXT_MIN_SCALE;
  options->detail_min_scale = MOAT_RENDER_DETAIL_MIN_SCALE;
  options->index = self->index;
}

/* A texture of the tile's pixels, which keeps the tile's surface alive
 * instead of copying it. */
static GdkTexture *
create_tile_texture (MoatRenderTile *tile)
{
  cairo_surface_t *surface = tile->surface;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian
   * machines, and premultiplied ARGB on big-endian ones: the layout that
   * GDK_MEMORY_DEFAULT names. */
  /* A tile's rows lie in a larger block, so its last row ends before
   * the block's stride does. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize)stride * (height - 1) + (gsize)width * 4,
                                      (GDestroyNotify)cairo_surface_destroy,
                                      cairo_surface_reference (surface));

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static gboolean
render_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  self->render_tick_id = 0;
  gtk_widget_queue_draw (widget);

  return G_SOURCE_REMOVE;
}

/* Gives the tiles the options to render with now. They point to the
 * canvas's crossings and moving items, which a change of the document
 * or the end of a drag frees, so every render sets them again first. */
static void
set_tile_options (MoatCanvas *self)
{
  MoatRenderOptions options;

  init_render_options (self, &options);
  options.show_grid = self->show_grid;
  options.grid_size = self->grid_size;
  options.hidden = self->moving;
  options.show_review_progress = TRUE;
  moat_render_tiles_set_options (self->tiles, &options);
}

static gboolean
prefetch_cb (gpointer user_data)
{
  MoatCanvas *self = user_data;
  gint64 deadline = g_get_monotonic_time () + MOAT_RENDER_FRAME_BUDGET;

  set_tile_options (self);
  moat_render_tiles_update_until (self->tiles, &self->rendered_view, MOAT_RENDER_TILES_AHEAD,
                                  deadline, NULL);
  if (!moat_render_tiles_is_complete (self->tiles, &self->rendered_view,
                                      MOAT_RENDER_TILES_AHEAD))
    return G_SOURCE_CONTINUE;

  self->prefetch_id = 0;

  return G_SOURCE_REMOVE;
}

/* Renders more of the view's missing tiles in the next frame, or the
 * tiles around a complete view while the main loop is idle. */
static void
schedule_rendering (MoatCanvas     *self,
                    const MoatRect *visible)
{
  self->rendered_view = *visible;

  if (!moat_render_tiles_is_complete (self->tiles, visible, 0))
    {
      if (self->render_tick_id == 0)
        self->render_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), render_tick_cb,
                                                             NULL, NULL);
    }
  else if (self->prefetch_id == 0 &&
           !moat_render_tiles_is_complete (self->tiles, visible, MOAT_RENDER_TILES_AHEAD))
    {
      self->prefetch_id = g_idle_add_full (G_PRIORITY_LOW, prefetch_cb, self, NULL);
    }
}

static void
stop_rendering (MoatCanvas *self)
{
  if (self->render_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->render_tick_id);
  self->render_tick_id = 0;
  g_clear_handle_id (&self->prefetch_id, g_source_remove);
}

static void
append_tile (MoatCanvas     *self,
             GtkSnapshot    *snapshot,
             MoatRenderTile *tile,
             double          tile_scale)
{
  double side = MOAT_RENDER_TILE_SIZE / tile_scale;

  if (tile->data == NULL)
    {
      tile->data = create_tile_texture (tile);
      tile->destroy = g_object_unref;
    }

  gtk_snapshot_append_texture (snapshot, tile->data,
                               &GRAPHENE_RECT_INIT ((tile->column * side - self->origin_x) *
                                                    self->zoom,
                                                    (tile->row * side - self->origin_y) *
                                                    self->zoom,
                                                    side * self->zoom, side * self->zoom));
}

/* The diagram under @visible, from the tiles, rendering those that are
 * missing until the frame's budget is spent. Where tiles are still
 * missing, the tiles of the zoom level before stand in, scaled. Tiles
 * sit on a grid of device pixels counted from diagram point 0, so they
 * meet without seams whatever the view's origin. */
static void
snapshot_tiles (MoatCanvas     *self,
                GtkSnapshot    *snapshot,
                const MoatRect *visible)
{
  gint64 deadline = g_get_monotonic_time () + MOAT_RENDER_FRAME_BUDGET;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GPtrArray) tiles = NULL;
  double previous_scale;

  set_tile_options (self);
  moat_render_tiles_set_scale (self->tiles, self->zoom * scale);
  moat_render_tiles_update_until (self->tiles, visible, 0, deadline, NULL);
  schedule_rendering (self, visible);

  previous = moat_render_tiles_get_previous (self->tiles, visible, &previous_scale);
  for (guint i = 0; i < previous->len; i++)
    append_tile (self, snapshot, g_ptr_array_index (previous, i), previous_scale);

  tiles = moat_render_tiles_get_visible (self->tiles, visible);
  for (guint i = 0; i < tiles->len; i++)
    append_tile (self, snapshot, g_ptr_array_index (tiles, i), self->zoom * scale);
}

/* The items a drag moves, over the scene that leaves them out. */
static void
snapshot_moving (MoatCanvas     *self,
                 GtkSnapshot    *snapshot,
                 int             width,
                 int             height,
                 const MoatRect *visible)
{
  MoatRenderOptions options;
  cairo_t *cr;

  init_render_options (self, &options);
  options.draw_background = FALSE;
  options.only = self->moving;
  options.visible = *visible;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->origin_x, -self->origin_y);
  moat_render_diagram (self->document, self->diagram, cr, &options);
  cairo_destroy (cr);
}

static void
snapshot_focus_ring (MoatCanvas  *self,
                     GtkSnapshot *snapshot,
                     int          width,
                     int          height)
{
  GdkRGBA accent;
  GskRoundedRect outline;
  float border_width[4] = { 2, 2, 2, 2 };
  GdkRGBA border_color[4];

  moat_canvas_get_accent_color (self, &accent);
  accent.alpha = 0.5;

  for (guint i = 0; i < G_N_ELEMENTS (border_color); i++)
    border_color[i] = accent;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2),
                                   6);
  gtk_snapshot_append_border (snapshot, &outline, border_width, border_color);
}

/* The ring shows while the keyboard focus is on the canvas or on the
 * accessible of a selected item, which stands for the canvas. */
static gboolean
has_visible_focus_within (MoatCanvas *self)
{
  GtkWidget *focus_child = gtk_widget_get_focus_child (GTK_WIDGET (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root) || !gtk_window_get_focus_visible (GTK_WINDOW (root)))
    return FALSE;

  return gtk_widget_has_focus (GTK_WIDGET (self)) ||
         (focus_child != NULL && MOAT_IS_CANVAS_ITEM (focus_child) &&
          gtk_widget_has_focus (focus_child));
}

static void
moat_canvas_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  MoatRect visible;
  cairo_t *cr;

  if (self->document == NULL || self->diagram == NULL || width <= 0 || height <= 0)
    return;

  moat_canvas_get_visible_area (self, &visible);
  snapshot_tiles (self, snapshot, &visible);

  if (self->moving != NULL)
    snapshot_moving (self, snapshot, width, height, &visible);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->origin_x, -self->origin_y);
  moat_canvas_snapshot_overlay (self, cr);
  cairo_destroy (cr);

  if (has_visible_focus_within (self))
    snapshot_focus_ring (self, snapshot, width, height);
}

static void
moat_canvas_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  if (self->fit_pending && width > 0 && height > 0)
    moat_canvas_zoom_to_fit (self);

  moat_canvas_update_adjustments (self);
  moat_canvas_allocate_accessible_items (self);

  /* A new size shows other items. */
  if (width != self->allocated_width || height != self->allocated_height)
    {
      self->allocated_width = width;
      self->allocated_height = height;
      moat_canvas_queue_accessible_sync (self);
    }

  if (self->rename_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->rename_popover));
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* Tab moves the selection inside the canvas, so moving the focus, as
 * Ctrl+Tab does, enters the canvas itself and leaves it again without
 * visiting the accessibles of its items. */
static gboolean
moat_canvas_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);

  if (focus_child != NULL && !MOAT_IS_CANVAS_ITEM (focus_child))
    return GTK_WIDGET_CLASS (moat_canvas_parent_class)->focus (widget, direction);

  if (gtk_widget_has_focus (widget) || focus_child != NULL)
    return FALSE;

  gtk_widget_grab_focus (widget);
  moat_canvas_queue_accessible_sync (self);

  return TRUE;
}

static void
moat_canvas_state_flags_changed (GtkWidget     *widget,
                                 GtkStateFlags  previous_state)
{
  /* The focus ring follows the focus, also on the items' accessibles. */
  if ((gtk_widget_get_state_flags (widget) ^ previous_state) &
      (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUS_WITHIN | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (moat_canvas_parent_class)->state_flags_changed (widget, previous_state);
}

static void
moat_canvas_dispose (GObject *object)
{
  MoatCanvas *self = (MoatCanvas *)object;

  moat_canvas_cancel_drag (self);
  moat_canvas_stop_rename (self);
  moat_canvas_clear_accessible_items (self);

  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  self->rename_entry = NULL;
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  moat_canvas_set_hadjustment (self, NULL);
  moat_canvas_set_vadjustment (self, NULL);
  stop_rendering (self);
  g_clear_object (&self->tiles);
  g_clear_object (&self->index);
  g_clear_pointer (&self->crossings, moat_crossings_unref);
  g_clear_pointer (&self->moving, g_hash_table_unref);
  if (self->selection != NULL)
    g_ptr_array_set_size (self->selection, 0);
  self->hover = NULL;
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->diagram);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_canvas_parent_class)->dispose (object);
}

static void
moat_canvas_finalize (GObject *object)
{
  MoatCanvas *self = (MoatCanvas *)object;

  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_pointer (&self->drag.items, g_ptr_array_unref);
  g_clear_pointer (&self->drag.origins, g_array_unref);
  g_clear_pointer (&self->drag.routed_flows, g_ptr_array_unref);
  g_clear_pointer (&self->drag.routed_origins, g_ptr_array_unref);
  g_clear_object (&self->document_signals);
  g_clear_pointer (&self->item_widgets, g_hash_table_unref);

  G_OBJECT_CLASS (moat_canvas_parent_class)->finalize (object);
}

static void
moat_canvas_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoatCanvas *self = MOAT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;

    case PROP_TOOL:
      g_value_set_enum (value, self->tool);
      break;

    case PROP_SELECTED_ITEM:
      g_value_set_object (value, moat_canvas_get_selected_item (self));
      break;

    case PROP_SHOW_GRID:
      g_value_set_boolean (value, self->show_grid);
      break;

    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap_to_grid);
      break;

    case PROP_GRID_SIZE:
      g_value_set_int (value, (int)self->grid_size);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_canvas_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoatCanvas *self = MOAT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      moat_canvas_set_document (self, g_value_get_object (value));
      break;

    case PROP_DIAGRAM:
      moat_canvas_set_diagram (self, g_value_get_object (value));
      break;

    case PROP_TOOL:
      moat_canvas_set_tool (self, g_value_get_enum (value));
      break;

    case PROP_SELECTED_ITEM:
      moat_canvas_select (self, g_value_get_object (value));
      break;

    case PROP_SHOW_GRID:
      moat_canvas_set_show_grid (self, g_value_get_boolean (value));
      break;

    case PROP_SNAP_TO_GRID:
      moat_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;

    case PROP_GRID_SIZE:
      moat_canvas_set_grid_size (self, g_value_get_int (value));
      break;

    case PROP_ZOOM:
      moat_canvas_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_HADJUSTMENT:
      moat_canvas_set_hadjustment (self, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      moat_canvas_set_vadjustment (self, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_canvas_class_init (MoatCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = moat_canvas_dispose;
  object_class->finalize = moat_canvas_finalize;
  object_class->get_property = moat_canvas_get_property;
  object_class->set_property = moat_canvas_set_property;

  widget_class->snapshot = moat_canvas_snapshot;
  widget_class->size_allocate = moat_canvas_size_allocate;
  widget_class->focus = moat_canvas_focus;
  widget_class->state_flags_changed = moat_canvas_state_flags_changed;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MOAT_TYPE_DOCUMENT, flags);
  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL, MOAT_TYPE_DIAGRAM, flags);
  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL,
                       MOAT_TYPE_CANVAS_TOOL, MOAT_CANVAS_TOOL_SELECT, flags);

  /**
   * MoatCanvas:selected-item:
   *
   * The primary selection: the item selected last, or %NULL.
   */
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_SHOW_GRID] =
    g_param_spec_boolean ("show-grid", NULL, NULL, TRUE, flags);

  /**
   * MoatCanvas:snap-to-grid:
   *
   * Whether moving, resizing and creating items, and moving bend points,
   * put them on the grid.
   */
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE, flags);

  /**
   * MoatCanvas:grid-size:
   *
   * The spacing of the grid lines, in diagram units.
   */
  properties[PROP_GRID_SIZE] =
    g_param_spec_int ("grid-size", NULL, NULL, 4, 200, (int)MOAT_RENDER_GRID_SIZE, flags);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         MOAT_CANVAS_ZOOM_MIN, MOAT_CANVAS_ZOOM_MAX, 1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * MoatCanvas::selection-changed:
   *
   * Emitted when any item joins or leaves the selection, also when the
   * primary selection stays the same.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MoatCanvas::item-activated:
   * @item: the primary selection
   *
   * Emitted when Return requests editing the selected item in the side
   * panel.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /**
   * MoatCanvas::toast:
   * @title: the message, plain text that may quote names from the file
   * @offer_undo: whether the message should offer to undo the last step
   *
   * Emitted to tell the user what an action did beyond what they see, as
   * when a delete takes connected flows and threats with it.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  moat_canvas_class_setup_actions (widget_class);
  moat_canvas_class_setup_arrange (widget_class);
  moat_canvas_class_setup_clipboard (widget_class);

  gtk_widget_class_set_css_name (widget_class, "moat-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
moat_canvas_init (MoatCanvas *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->zoom = 1;
  self->show_grid = TRUE;
  self->snap_to_grid = TRUE;
  self->grid_size = MOAT_RENDER_GRID_SIZE;
  self->selection = g_ptr_array_new_with_free_func (g_object_unref);
  self->item_widgets = g_hash_table_new (NULL, NULL);
  self->drag.items = g_ptr_array_new_with_free_func (g_object_unref);
  self->drag.origins = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  self->drag.routed_flows = g_ptr_array_new_with_free_func (g_object_unref);
  self->drag.routed_origins =
    g_ptr_array_new_with_free_func ((GDestroyNotify)moat_point_list_free);

  self->document_signals = g_signal_group_new (MOAT_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "item-changed",
                                 G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "item-added",
                                 G_CALLBACK (moat_canvas_scene_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "item-removed",
                                 G_CALLBACK (item_removed_cb), self, G_CONNECT_SWAPPED);

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  moat_canvas_setup_input (self);
  moat_canvas_update_actions (self);
  moat_canvas_update_accessible (self);
}

GtkWidget *
moat_canvas_new (void)
{
  return g_object_new (MOAT_TYPE_CANVAS, NULL);
}

/**
 * moat_canvas_get_document:
 *
 * Returns: (transfer none) (nullable): the document being edited
 */
MoatDocument *
moat_canvas_get_document (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->document;
}

/**
 * moat_canvas_set_document:
 * @document: (nullable): the document to edit
 *
 * Shows @document with no diagram. Choose one with moat_canvas_set_diagram().
 */
void
moat_canvas_set_document (MoatCanvas   *self,
                          MoatDocument *document)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (document == NULL || MOAT_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  moat_canvas_set_diagram (self, NULL);

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  moat_canvas_invalidate_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * moat_canvas_get_diagram:
 *
 * Returns: (transfer none) (nullable): the diagram shown
 */
MoatDiagram *
moat_canvas_get_diagram (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->diagram;
}

/**
 * moat_canvas_set_diagram:
 * @diagram: (nullable): a diagram of the canvas's document
 *
 * Shows @diagram, fitted into the widget, with nothing selected.
 */
void
moat_canvas_set_diagram (MoatCanvas  *self,
                         MoatDiagram *diagram)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (diagram == NULL || MOAT_IS_DIAGRAM (diagram));
  g_return_if_fail (diagram == NULL || self->document != NULL);

  if (self->diagram == diagram)
    return;

  moat_canvas_cancel_drag (self);
  moat_canvas_set_selection (self, empty);
  moat_canvas_clear_accessible_items (self);
  self->hover = NULL;

  g_set_object (&self->diagram, diagram);
  g_clear_pointer (&self->crossings, moat_crossings_unref);
  stop_rendering (self);
  g_clear_object (&self->tiles);
  g_clear_object (&self->index);
  if (diagram != NULL)
    {
      self->index = moat_render_index_new (self->document, diagram);
      self->tiles = moat_render_tiles_new (self->index);
    }

  self->fit_pending = TRUE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    moat_canvas_zoom_to_fit (self);

  moat_canvas_update_actions (self);
  moat_canvas_update_accessible (self);
  moat_canvas_invalidate_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
}

MoatCanvasTool
moat_canvas_get_tool (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), MOAT_CANVAS_TOOL_SELECT);

  return self->tool;
}

/**
 * moat_canvas_set_tool:
 *
 * Chooses what a click on the canvas does. The element tools return to
 * %MOAT_CANVAS_TOOL_SELECT after placing one element.
 */
void
moat_canvas_set_tool (MoatCanvas     *self,
                      MoatCanvasTool  tool)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (tool <= MOAT_CANVAS_TOOL_FLOW);

  if (self->tool == tool)
    return;

  moat_canvas_cancel_drag (self);
  self->tool = tool;
  moat_canvas_update_actions (self);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   tool == MOAT_CANVAS_TOOL_SELECT ? NULL : "crosshair");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

/**
 * moat_canvas_get_selected_item:
 *
 * Returns: (transfer none) (nullable): the primary selection
 */
GObject *
moat_canvas_get_selected_item (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  if (self->selection->len == 0)
    return NULL;

  return g_ptr_array_index (self->selection, self->selection->len - 1);
}

/**
 * moat_canvas_get_selection:
 *
 * Returns: (transfer none) (element-type MoatItem): the selected items,
 *   the primary selection last, to read only
 */
GPtrArray *
moat_canvas_get_selection (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->selection;
}

/**
 * moat_canvas_select:
 * @item: (nullable): an element, flow or boundary of the diagram shown
 *
 * Selects @item alone, or clears the selection.
 */
void
moat_canvas_select (MoatCanvas *self,
                    GObject    *item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (item == NULL || MOAT_IS_ITEM (item));

  if (item != NULL)
    {
      g_return_if_fail (self->diagram != NULL);
      g_return_if_fail (moat_document_get_diagram_of (self->document, MOAT_ITEM (item)) ==
                        self->diagram);
      g_ptr_array_add (items, item);
    }

  moat_canvas_set_selection (self, items);
}

/**
 * moat_canvas_select_all:
 *
 * Selects every element, flow and boundary of the diagram shown.
 */
void
moat_canvas_select_all (MoatCanvas *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->diagram == NULL)
    return;

  g_ptr_array_extend (items, moat_diagram_get_boundaries (self->diagram), NULL, NULL);
  g_ptr_array_extend (items, moat_diagram_get_flows (self->diagram), NULL, NULL);
  g_ptr_array_extend (items, moat_diagram_get_elements (self->diagram), NULL, NULL);

  moat_canvas_set_selection (self, items);
}

gboolean
moat_canvas_get_show_grid (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), FALSE);

  return self->show_grid;
}

void
moat_canvas_set_show_grid (MoatCanvas *self,
                           gboolean    show_grid)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  show_grid = !!show_grid;
  if (self->show_grid == show_grid)
    return;

  self->show_grid = show_grid;
  moat_canvas_invalidate_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRID]);
}

gboolean
moat_canvas_get_snap_to_grid (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), FALSE);

  return self->snap_to_grid;
}

void
moat_canvas_set_snap_to_grid (MoatCanvas *self,
                              gboolean    snap_to_grid)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  snap_to_grid = !!snap_to_grid;
  if (self->snap_to_grid == snap_to_grid)
    return;

  self->snap_to_grid = snap_to_grid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

int
moat_canvas_get_grid_size (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), (int)MOAT_RENDER_GRID_SIZE);

  return (int)self->grid_size;
}

/**
 * moat_canvas_set_grid_size:
 * @grid_size: the grid spacing in diagram units, from 4 to 200
 */
void
moat_canvas_set_grid_size (MoatCanvas *self,
                           int         grid_size)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  grid_size = CLAMP (grid_size, 4, 200);
  if (self->grid_size == grid_size)
    return;

  self->grid_size = grid_size;
  moat_canvas_invalidate_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRID_SIZE]);
}

/**
 * moat_canvas_activate_selection:
 *
 * Asks for the primary selection to be edited in the side panel, as
 * Return does, through #MoatCanvas::item-activated.
 */
void
moat_canvas_activate_selection (MoatCanvas *self)
{
  GObject *item;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  item = moat_canvas_get_selected_item (self);
  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}
