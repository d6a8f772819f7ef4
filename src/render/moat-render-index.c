/* moat-render-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "moat-render-private.h"

/* Cells are at least this wide, in diagram units, so that an item with
 * its cull margin spans a few cells, not dozens. */
#define MIN_CELL_SIZE   256.0
/* A bound on the grid, whatever the spread of the items. */
#define MAX_CELLS       (1 << 22)
/* Past this many entries updated in place, or rectangles left behind by
 * such updates, the next use builds the index again: queries test
 * every updated entry besides the cells. */
#define MAX_MOVED_ENTRIES  256
#define MAX_STALE_RECTS    4096

typedef enum
{
  ENTRY_BOUNDARY,
  ENTRY_FLOW,
  ENTRY_ELEMENT,
} EntryKind;

/* One item, filed under rectangles that together surely contain
 * everything drawing or hit testing it touches, and @area, their union.
 * Entries are stored boundaries first, then flows, then elements, each
 * in diagram order, so sorting entry numbers gives the drawing order. */
typedef struct
{
  MoatItem *item;
  EntryKind kind;
  MoatRect area;
  guint first_rect;
  guint n_rects;
  guint position;

  /* For a flow: its ends when the index was built, compared by address
   * only, so the flows of a changed element can be found in an older
   * snapshot. */
  gpointer source;
  gpointer target;

  /* For a flow: where it is drawn, and the area its line surely stays
   * in, as moat_render_get_flow_reach() gives it. */
  MoatFlowGeometry geometry;
  MoatRect reach;

  /* The item's open threats and their highest severity, counted when
   * first drawn after the build or the last change of a threat. */
  gboolean has_summary;
  guint n_open;
  MoatSeverity highest;

  /* Whether the entry's rectangles changed since the build, so the
   * cells may not list it where it is now. */
  gboolean moved;
} Entry;

/**
 * MoatRenderIndex:
 *
 * A uniform grid of the items of one diagram by the area they draw in.
 * It also keeps what drawing and hit testing the diagram reuse between
 * calls: the slots of parallel flows, each flow's geometry, the sizes of
 * texts and the layouts drawn at the last scale. It follows the
 * document's change signals. On the first use after a change of where
 * elements, flows or boundaries lie, it updates their entries, and those
 * of the flows attached to a changed element, in place. Any other change
 * of the diagram's items builds it again in one pass over the diagram.
 */
struct _MoatRenderIndex
{
  GObject parent_instance;

  MoatDocument *document;
  MoatDiagram *diagram;

  gboolean valid;
  guint n_builds;

  GArray *entries;
  GArray *rects;
  /* Items to their entry numbers, and elements to the numbers of the
   * entries of the flows with an end at them (element-type MoatElement
   * GArray), as the last build made them. Snapshots share both. */
  GHashTable *entry_numbers;
  GHashTable *attached;
  MoatRect bounds;
  double cell_size;
  guint n_columns;
  guint n_rows;
  /* Cell c lists the entry numbers cell_entries[cell_starts[c]] up to
   * cell_entries[cell_starts[c + 1]], in increasing order. */
  guint *cell_starts;
  guint *cell_entries;

  /* Per entry, the number of the last query that returned it, so a query
   * lists an entry spanning several cells once. */
  guint *stamps;
  guint stamp;

  /* Changes since the index was last valid: the elements, flows and
   * boundaries to update in place, whether a change needs a build, and
   * whether threats changed, which changes the counts of open threats. */
  GHashTable *changed_items;
  gboolean needs_build;
  gboolean seen_item_change;
  gboolean threats_changed;
  /* The numbers of the entries updated in place since the build, which
   * queries test besides the cells. */
  GArray *moved;
  guint n_built_rects;
  /* The snapshots that share @entries and @rects: an update in place
   * saves an entry in them before it changes the entry. */
  GPtrArray *snapshots;

  MoatFlowSlots slots;
  MoatRenderText measure_text;
  MoatRenderText draw_text;
  cairo_matrix_t draw_matrix;
  gboolean has_draw_text;
};

G_DEFINE_FINAL_TYPE (MoatRenderIndex, moat_render_index, G_TYPE_OBJECT)

/* The entries and rectangles of one build, kept after the index updates
 * or builds again, so the tiles can compare where items were drawn with
 * where they are now. It shares the index's arrays: until the next
 * build, an update in place saves here the entries it changes, as they
 * were. */
struct _MoatRenderIndexSnapshot
{
  MoatRenderIndex *index;
  GArray *entries;
  GArray *rects;
  GHashTable *entry_numbers;
  GHashTable *attached;
  /* Entry numbers to copies of the entries as they were. */
  GHashTable *saved;
};

/* Stops saving entries in the snapshots, which no longer share the
 * index's arrays, or outlive it. */
static void
forget_snapshots (MoatRenderIndex *self)
{
  for (guint i = 0; i < self->snapshots->len; i++)
    ((MoatRenderIndexSnapshot *)g_ptr_array_index (self->snapshots, i))->index = NULL;
  g_ptr_array_set_size (self->snapshots, 0);
}

static void
save_in_snapshots (MoatRenderIndex *self,
                   guint            number)
{
  for (guint i = 0; i < self->snapshots->len; i++)
    {
      MoatRenderIndexSnapshot *snapshot = g_ptr_array_index (self->snapshots, i);

      if (!g_hash_table_contains (snapshot->saved, GUINT_TO_POINTER (number)))
        g_hash_table_insert (snapshot->saved, GUINT_TO_POINTER (number),
                             g_memdup2 (&g_array_index (self->entries, Entry, number),
                                        sizeof (Entry)));
    }
}

static void
rect_grow (MoatRect *rect,
           double    amount)
{
  rect->x -= amount;
  rect->y -= amount;
  rect->width += 2 * amount;
  rect->height += 2 * amount;
}

static const MoatRect *
get_entry_rects (MoatRenderIndex *self,
                 const Entry     *entry)
{
  return &g_array_index (self->rects, MoatRect, entry->first_rect);
}

static void
get_cell_range (MoatRenderIndex *self,
                const MoatRect  *rect,
                guint           *column1,
                guint           *row1,
                guint           *column2,
                guint           *row2)
{
  double x1 = floor ((rect->x - self->bounds.x) / self->cell_size);
  double y1 = floor ((rect->y - self->bounds.y) / self->cell_size);
  double x2 = floor ((rect->x + rect->width - self->bounds.x) / self->cell_size);
  double y2 = floor ((rect->y + rect->height - self->bounds.y) / self->cell_size);

  *column1 = (guint)CLAMP (x1, 0, self->n_columns - 1);
  *row1 = (guint)CLAMP (y1, 0, self->n_rows - 1);
  *column2 = (guint)CLAMP (x2, 0, self->n_columns - 1);
  *row2 = (guint)CLAMP (y2, 0, self->n_rows - 1);
}

/* Appends @rects, each grown by @margin, to the index's rectangles as
 * those @entry is filed under, and sets its area to their union. */
static void
set_entry_rects (MoatRenderIndex *self,
                 Entry           *entry,
                 const MoatRect  *rects,
                 guint            n_rects,
                 double           margin)
{
  entry->first_rect = self->rects->len;
  entry->n_rects = n_rects;

  for (guint i = 0; i < n_rects; i++)
    {
      MoatRect rect = rects[i];

      rect_grow (&rect, margin);
      g_array_append_val (self->rects, rect);
      if (i == 0)
        entry->area = rect;
      else
        moat_rect_union (&entry->area, &rect, &entry->area);
    }
}

/* Adds an entry for the item at @position of its diagram's array, filed
 * under @rects, each grown by @margin, and returns its number. */
static guint
add_entry (MoatRenderIndex *self,
           MoatItem        *item,
           EntryKind        kind,
           guint            position,
           const MoatRect  *rects,
           guint            n_rects,
           double           margin)
{
  Entry entry = { item, kind, { 0, 0, 0, 0 }, 0, 0, position, NULL, NULL,
                  { { 0 } }, { 0, 0, 0, 0 }, FALSE, 0, MOAT_SEVERITY_UNSET, FALSE };
  guint number = self->entries->len;

  set_entry_rects (self, &entry, rects, n_rects, margin);
  g_hash_table_insert (self->entry_numbers, item, GUINT_TO_POINTER (number));
  g_array_append_val (self->entries, entry);

  return number;
}

/* A trust boundary draws only its frame and, inside its top edge, its
 * name, so it is filed under its four sides. A boundary around the whole
 * diagram then fills the cells along its frame instead of every cell. */
static void
get_boundary_sides (MoatBoundary *boundary,
                    MoatRect      sides[4])
{
  MoatRect bounds = moat_boundary_get_bounds (boundary);

  sides[0] = (MoatRect) { bounds.x, bounds.y, bounds.width, 0 };
  sides[1] = (MoatRect) { bounds.x, bounds.y + bounds.height, bounds.width, 0 };
  sides[2] = (MoatRect) { bounds.x, bounds.y, 0, bounds.height };
  sides[3] = (MoatRect) { bounds.x + bounds.width, bounds.y, 0, bounds.height };
}

/* A flow is filed under pieces of its line no longer than a cell, so a
 * long diagonal flow fills the cells along it instead of every cell of
 * its bounding box. Its label, caption and badge stay within the cull
 * margin of the line. Returns %FALSE if @flow, without its ends, is
 * neither drawn nor hit. */
static gboolean
compute_flow_pieces (MoatRenderIndex  *self,
                     MoatFlow         *flow,
                     GArray           *pieces,
                     MoatFlowGeometry *geometry,
                     MoatRect         *reach)
{
  g_autofree MoatPoint *points = NULL;
  guint n_points;

  if (!moat_render_get_flow_reach (self->document, flow, reach) ||
      !moat_flow_geometry_compute (self->document, &self->slots, flow, geometry))
    return FALSE;

  n_points = moat_flow_geometry_get_n_points (geometry);
  points = g_new (MoatPoint, n_points);
  moat_flow_geometry_get_points (geometry, points);

  for (guint i = 1; i < n_points; i++)
    {
      MoatPoint a = points[i - 1];
      MoatPoint b = points[i];
      guint n_pieces = MAX ((guint)ceil (hypot (b.x - a.x, b.y - a.y) / self->cell_size), 1);

      for (guint k = 0; k < n_pieces; k++)
        {
          double t1 = (double)k / n_pieces;
          double t2 = (double)(k + 1) / n_pieces;
          double x1 = a.x + (b.x - a.x) * t1;
          double y1 = a.y + (b.y - a.y) * t1;
          double x2 = a.x + (b.x - a.x) * t2;
          double y2 = a.y + (b.y - a.y) * t2;
          MoatRect piece = { MIN (x1, x2), MIN (y1, y2), fabs (x2 - x1), fabs (y2 - y1) };

          g_array_append_val (pieces, piece);
        }
    }

  return TRUE;
}

static void
attach_flow (MoatRenderIndex *self,
             gpointer         element,
             guint            number)
{
  GArray *numbers;

  if (element == NULL)
    return;

  numbers = g_hash_table_lookup (self->attached, element);
  if (numbers == NULL)
    {
      numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->attached, element, numbers);
    }
  g_array_append_val (numbers, number);
}

static void
add_flow (MoatRenderIndex *self,
          MoatFlow        *flow,
          guint            position)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  MoatFlowGeometry geometry;
  MoatRect reach;
  guint number;
  Entry *entry;

  if (!compute_flow_pieces (self, flow, pieces, &geometry, &reach))
    return;

  number = add_entry (self, MOAT_ITEM (flow), ENTRY_FLOW, position, (MoatRect *)pieces->data,
                      pieces->len, CULL_MARGIN);

  entry = &g_array_index (self->entries, Entry, number);
  entry->source = moat_document_get_flow_source (self->document, flow);
  entry->target = moat_document_get_flow_target (self->document, flow);
  entry->reach = reach;
  entry->geometry = geometry;

  attach_flow (self, entry->source, number);
  if (entry->target != entry->source)
    attach_flow (self, entry->target, number);
}

/* The areas are the ones moat_render_diagram() culls with and the hit
 * test looks in, which need no text layout. */
static void
collect_entries (MoatRenderIndex *self)
{
  GPtrArray *boundaries = moat_diagram_get_boundaries (self->diagram);
  GPtrArray *flows = moat_diagram_get_flows (self->diagram);
  GPtrArray *elements = moat_diagram_get_elements (self->diagram);

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatRect sides[4];

      get_boundary_sides (g_ptr_array_index (boundaries, i), sides);
      add_entry (self, g_ptr_array_index (boundaries, i), ENTRY_BOUNDARY, i, sides,
                 G_N_ELEMENTS (sides), CULL_MARGIN);
    }

  for (guint i = 0; i < flows->len; i++)
    add_flow (self, g_ptr_array_index (flows, i), i);

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      MoatRect bounds = moat_element_get_bounds (element);

      add_entry (self, MOAT_ITEM (element), ENTRY_ELEMENT, i, &bounds, 1, CULL_MARGIN);
    }
}

/* Files every entry in the cells its rectangles cover, in two passes:
 * one counts the entries per cell, one writes them. */
static void
fill_cells (MoatRenderIndex *self)
{
  guint n_cells = self->n_columns * self->n_rows;
  g_autofree guint *next = NULL;

  self->cell_starts = g_new0 (guint, n_cells + 1);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint e = 0; e < self->entries->len; e++)
        {
          const Entry *entry = &g_array_index (self->entries, Entry, e);
          const MoatRect *rects = get_entry_rects (self, entry);

          for (guint r = 0; r < entry->n_rects; r++)
            {
              guint column1, row1, column2, row2;

              get_cell_range (self, &rects[r], &column1, &row1, &column2, &row2);
              for (guint row = row1; row <= row2; row++)
                for (guint column = column1; column <= column2; column++)
                  {
                    guint cell = row * self->n_columns + column;

                    if (pass == 0)
                      self->cell_starts[cell + 1]++;
                    else if (next[cell] == self->cell_starts[cell] ||
                             self->cell_entries[next[cell] - 1] != e)
                      /* Pieces of one entry often share a cell. */
                      self->cell_entries[next[cell]++] = e;
                  }
            }
        }

      if (pass == 0)
        {
          for (guint c = 0; c < n_cells; c++)
            self->cell_starts[c + 1] += self->cell_starts[c];
          self->cell_entries = g_new (guint, MAX (self->cell_starts[n_cells], 1));
          next = g_memdup2 (self->cell_starts, sizeof (guint) * n_cells);
        }
    }

  /* Close the gaps that shared cells left, so each cell's list ends where
   * the next one starts. */
  for (guint c = 0, written = 0; c < n_cells; c++)
    {
      guint start = self->cell_starts[c];
      guint end = next[c];

      self->cell_starts[c] = written;
      for (guint i = start; i < end; i++)
        self->cell_entries[written++] = self->cell_entries[i];
      if (c == n_cells - 1)
        self->cell_starts[n_cells] = written;
    }
}

static GHashTable *
new_attached_table (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_array_unref);
}

static void
clear_grid (MoatRenderIndex *self)
{
  /* Snapshots may still reference the arrays and tables of the last
   * build, so new ones replace them instead of being cleared. */
  g_array_unref (self->entries);
  g_array_unref (self->rects);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->rects = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  g_hash_table_unref (self->entry_numbers);
  self->entry_numbers = g_hash_table_new (NULL, NULL);
  g_hash_table_unref (self->attached);
  self->attached = new_attached_table ();
  forget_snapshots (self);
  g_clear_pointer (&self->cell_starts, g_free);
  g_clear_pointer (&self->cell_entries, g_free);
  g_clear_pointer (&self->stamps, g_free);
  g_array_set_size (self->moved, 0);
  moat_flow_slots_clear (&self->slots);
}

/* About two items per cell on average: fewer cells make each query test
 * more candidates, more make an item span more cells. The elements'
 * spread gives the size before any flow is cut into pieces of it. */
static void
choose_cell_size (MoatRenderIndex *self)
{
  GPtrArray *elements = moat_diagram_get_elements (self->diagram);
  GPtrArray *flows = moat_diagram_get_flows (self->diagram);
  guint n_items = elements->len + flows->len;
  MoatRect spread = { 0, 0, 1, 1 };
  double area;

  for (guint i = 0; i < elements->len; i++)
    {
      MoatRect bounds = moat_element_get_bounds (g_ptr_array_index (elements, i));

      if (i == 0)
        spread = bounds;
      else
        moat_rect_union (&spread, &bounds, &spread);
    }

  area = MAX (spread.width, 1) * MAX (spread.height, 1);
  self->cell_size = MAX (MIN_CELL_SIZE, sqrt (2 * area / MAX (n_items, 1)));
}

static void
build (MoatRenderIndex *self)
{
  clear_grid (self);
  moat_flow_slots_init (&self->slots, self->diagram);
  choose_cell_size (self);
  collect_entries (self);

  self->bounds = (MoatRect) { 0, 0, 1, 1 };
  for (guint e = 0; e < self->entries->len; e++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, e);

      if (e == 0)
        self->bounds = entry->area;
      else
        moat_rect_union (&self->bounds, &entry->area, &self->bounds);
    }

  /* Boundaries and bend points far from the elements can spread the grid
   * past the limit, which larger cells then keep. */
  while (ceil (self->bounds.width / self->cell_size) *
         ceil (self->bounds.height / self->cell_size) > MAX_CELLS)
    self->cell_size *= 2;
  self->n_columns = MAX ((guint)ceil (self->bounds.width / self->cell_size), 1);
  self->n_rows = MAX ((guint)ceil (self->bounds.height / self->cell_size), 1);

  fill_cells (self);
  self->stamps = g_new0 (guint, MAX (self->entries->len, 1));
  self->stamp = 0;
  self->n_built_rects = self->rects->len;

  self->n_builds++;
}

/* Adds to @numbers the entries of the flows drawn with an end at
 * @element. */
static void
add_attached_flows (MoatRenderIndex *self,
                    gpointer         element,
                    GHashTable      *numbers)
{
  GArray *attached = g_hash_table_lookup (self->attached, element);

  for (guint i = 0; attached != NULL && i < attached->len; i++)
    g_hash_table_add (numbers, GUINT_TO_POINTER (g_array_index (attached, guint, i)));
}

/* Files the entry @number under where its item lies now. Returns %FALSE
 * when only a build can place it: the item moved in its diagram's array,
 * a flow lost an end or joins other elements, whose flows then take
 * other slots, or the item left the grid. */
static gboolean
update_entry (MoatRenderIndex *self,
              guint            number)
{
  GPtrArray *arrays[3] = { moat_diagram_get_boundaries (self->diagram),
                           moat_diagram_get_flows (self->diagram),
                           moat_diagram_get_elements (self->diagram) };
  Entry *entry = &g_array_index (self->entries, Entry, number);

  if (entry->position >= arrays[entry->kind]->len ||
      g_ptr_array_index (arrays[entry->kind], entry->position) != entry->item)
    return FALSE;

  switch (entry->kind)
    {
    case ENTRY_BOUNDARY:
      {
        MoatRect sides[4];

        get_boundary_sides (MOAT_BOUNDARY (entry->item), sides);
        set_entry_rects (self, entry, sides, G_N_ELEMENTS (sides), CULL_MARGIN);
        break;
      }

    case ENTRY_ELEMENT:
      {
        MoatRect bounds = moat_element_get_bounds (MOAT_ELEMENT (entry->item));

        set_entry_rects (self, entry, &bounds, 1, CULL_MARGIN);
        break;
      }

    case ENTRY_FLOW:
      {
        g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (MoatRect));
        MoatFlow *flow = MOAT_FLOW (entry->item);

        if (moat_document_get_flow_source (self->document, flow) != entry->source ||
            moat_document_get_flow_target (self->document, flow) != entry->target ||
            !compute_flow_pieces (self, flow, pieces, &entry->geometry, &entry->reach))
          return FALSE;

        set_entry_rects (self, entry, (MoatRect *)pieces->data, pieces->len, CULL_MARGIN);
        break;
      }

    default:
      g_assert_not_reached ();
    }

  /* The grid's cells are laid over the bounds of the last build. */
  if (!moat_rect_contains_rect (&self->bounds, &entry->area))
    return FALSE;

  if (!entry->moved)
    {
      entry->moved = TRUE;
      g_array_append_val (self->moved, number);
    }

  return TRUE;
}

/* Applies the changes since the index was last valid to the entries they
 * concern. Returns %FALSE when only a build can apply them. */
static gboolean
update_in_place (MoatRenderIndex *self)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  if (self->needs_build || self->n_builds == 0)
    return FALSE;

  if (self->threats_changed)
    for (guint e = 0; e < self->entries->len; e++)
      g_array_index (self->entries, Entry, e).has_summary = FALSE;

  g_hash_table_iter_init (&iter, self->changed_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gpointer number;

      if (!g_hash_table_lookup_extended (self->entry_numbers, key, NULL, &number))
        {
          /* A flow of this diagram not drawn for want of an end may be
           * drawn now; items of other diagrams do not matter. */
          if (MOAT_IS_FLOW (key) &&
              g_ptr_array_find (moat_diagram_get_flows (self->diagram), key, NULL))
            return FALSE;
          continue;
        }

      g_hash_table_add (numbers, number);
      if (MOAT_IS_ELEMENT (key))
        add_attached_flows (self, key, numbers);
    }

  if (g_hash_table_size (numbers) == 0)
    return TRUE;

  if (self->moved->len + g_hash_table_size (numbers) > MAX_MOVED_ENTRIES)
    return FALSE;

  g_hash_table_iter_init (&iter, numbers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      save_in_snapshots (self, GPOINTER_TO_UINT (key));
      if (!update_entry (self, GPOINTER_TO_UINT (key)))
        return FALSE;
    }

  return self->rects->len <= self->n_built_rects + MAX_STALE_RECTS;
}

static void
ensure_valid (MoatRenderIndex *self)
{
  if (self->valid)
    return;

  if (!update_in_place (self))
    build (self);

  g_hash_table_remove_all (self->changed_items);
  self->needs_build = FALSE;
  self->threats_changed = FALSE;
  self->valid = TRUE;
}

static void
record_change (MoatRenderIndex *self,
               GObject         *object,
               gboolean         in_place)
{
  self->seen_item_change = TRUE;
  self->valid = FALSE;

  if (MOAT_IS_THREAT (object))
    self->threats_changed = TRUE;
  else if (!in_place)
    self->needs_build = TRUE;
  else if (!g_hash_table_contains (self->changed_items, object))
    g_hash_table_add (self->changed_items, g_object_ref (object));
}

static void
item_added_cb (MoatRenderIndex *self,
               GObject         *object)
{
  record_change (self, object, FALSE);
}

static void
item_removed_cb (MoatRenderIndex *self,
                 GObject         *object)
{
  record_change (self, object, FALSE);
}

/* A change of where an element, flow or boundary lies updates its entry.
 * A new id or new ends of a flow change which elements its flows join,
 * and with them the slots of parallel flows, so they need a build. */
static void
item_changed_cb (MoatRenderIndex *self,
                 GObject         *object,
                 const char      *property_name)
{
  gboolean in_place = (MOAT_IS_ELEMENT (object) || MOAT_IS_FLOW (object) ||
                       MOAT_IS_BOUNDARY (object)) &&
                      g_strcmp0 (property_name, "id") != 0 &&
                      g_strcmp0 (property_name, "source-id") != 0 &&
                      g_strcmp0 (property_name, "target-id") != 0;

  record_change (self, object, in_place);
}

/* A step that changed no item changed the document itself or its list
 * of diagrams, which only a build can follow. */
static void
document_changed_cb (MoatRenderIndex *self)
{
  if (!self->seen_item_change)
    self->needs_build = TRUE;
  self->seen_item_change = FALSE;
  self->valid = FALSE;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint first = *(const guint *)a;
  guint second = *(const guint *)b;

  return (first > second) - (first < second);
}

/* Appends @e to @numbers if one of its rectangles meets @area, unless
 * this query listed it already. */
static void
add_if_meets (MoatRenderIndex *self,
              guint            e,
              const MoatRect  *area,
              GArray          *numbers)
{
  const Entry *entry = &g_array_index (self->entries, Entry, e);
  const MoatRect *rects = get_entry_rects (self, entry);

  if (self->stamps[e] == self->stamp)
    return;
  self->stamps[e] = self->stamp;

  for (guint r = 0; r < entry->n_rects; r++)
    if (moat_rect_intersects (&rects[r], area))
      {
        g_array_append_val (numbers, e);
        return;
      }
}

/* The numbers of the entries whose area meets @area, in drawing order. */
static GArray *
query_entries (MoatRenderIndex *self,
               const MoatRect  *area)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  guint column1, row1, column2, row2;

  ensure_valid (self);

  if (self->entries->len == 0 || !moat_rect_intersects (area, &self->bounds))
    return numbers;

  /* A query of the whole diagram, as when it is zoomed to fit, skips the
   * cells and their duplicates. */
  if (moat_rect_contains_rect (area, &self->bounds))
    {
      for (guint e = 0; e < self->entries->len; e++)
        g_array_append_val (numbers, e);
      return numbers;
    }

  /* The stamps restart before the counter wraps around. */
  if (++self->stamp == 0)
    {
      memset (self->stamps, 0, sizeof (guint) * self->entries->len);
      self->stamp = 1;
    }

  get_cell_range (self, area, &column1, &row1, &column2, &row2);
  for (guint row = row1; row <= row2; row++)
    for (guint column = column1; column <= column2; column++)
      {
        guint cell = row * self->n_columns + column;

        for (guint i = self->cell_starts[cell]; i < self->cell_starts[cell + 1]; i++)
          add_if_meets (self, self->cell_entries[i], area, numbers);
      }

  /* The cells list an entry updated in place where it was at the build. */
  for (guint i = 0; i < self->moved->len; i++)
    add_if_meets (self, g_array_index (self->moved, guint, i), area, numbers);

  g_array_sort (numbers, compare_numbers);

  return numbers;
}

static void
moat_render_index_dispose (GObject *object)
{
  MoatRenderIndex *self = (MoatRenderIndex *)object;

  if (self->entries != NULL)
    clear_grid (self);

  G_OBJECT_CLASS (moat_render_index_parent_class)->dispose (object);
}

static void
moat_render_index_finalize (GObject *object)
{
  MoatRenderIndex *self = (MoatRenderIndex *)object;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->rects, g_array_unref);
  forget_snapshots (self);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->entry_numbers, g_hash_table_unref);
  g_clear_pointer (&self->attached, g_hash_table_unref);
  g_clear_pointer (&self->changed_items, g_hash_table_unref);
  g_clear_pointer (&self->moved, g_array_unref);
  moat_render_text_clear (&self->measure_text);
  if (self->has_draw_text)
    moat_render_text_clear (&self->draw_text);
  g_clear_object (&self->diagram);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_render_index_parent_class)->finalize (object);
}

static void
moat_render_index_class_init (MoatRenderIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_render_index_dispose;
  object_class->finalize = moat_render_index_finalize;
}

static void
moat_render_index_init (MoatRenderIndex *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->rects = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  self->entry_numbers = g_hash_table_new (NULL, NULL);
  self->attached = new_attached_table ();
  self->snapshots = g_ptr_array_new ();
  self->changed_items = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->moved = g_array_new (FALSE, FALSE, sizeof (guint));
  moat_render_text_init (&self->measure_text, NULL);
}

/**
 * moat_render_index_new:
 *
 * Creates the index of @diagram. It is built on first use, and brought up
 * to date on the first use after each change signal of @document. A
 * change made to an item without going through @document is not seen
 * until moat_render_index_invalidate().
 *
 * Returns: (transfer full): the index
 */
MoatRenderIndex *
moat_render_index_new (MoatDocument *document,
                       MoatDiagram  *diagram)
{
  MoatRenderIndex *self;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), NULL);

  self = g_object_new (MOAT_TYPE_RENDER_INDEX, NULL);
  self->document = g_object_ref (document);
  self->diagram = g_object_ref (diagram);

  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "item-changed", G_CALLBACK (item_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "item-added", G_CALLBACK (item_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "item-removed", G_CALLBACK (item_removed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * moat_render_index_get_document:
 *
 * Returns: (transfer none): the document of the indexed diagram
 */
MoatDocument *
moat_render_index_get_document (MoatRenderIndex *self)
{
  g_return_val_if_fail (MOAT_IS_RENDER_INDEX (self), NULL);

  return self->document;
}

/**
 * moat_render_index_get_diagram:
 *
 * Returns: (transfer none): the indexed diagram
 */
MoatDiagram *
moat_render_index_get_diagram (MoatRenderIndex *self)
{
  g_return_val_if_fail (MOAT_IS_RENDER_INDEX (self), NULL);

  return self->diagram;
}

/**
 * moat_render_index_invalidate:
 *
 * Builds the index again on its next use, for a caller that changed
 * items without going through the document.
 */
void
moat_render_index_invalidate (MoatRenderIndex *self)
{
  g_return_if_fail (MOAT_IS_RENDER_INDEX (self));

  self->valid = FALSE;
  self->needs_build = TRUE;
}

/**
 * moat_render_index_get_n_builds:
 *
 * Returns: how many times the index was built, which tests and the
 *   benchmark read to see that a change rebuilt it
 */
guint
moat_render_index_get_n_builds (MoatRenderIndex *self)
{
  g_return_val_if_fail (MOAT_IS_RENDER_INDEX (self), 0);

  return self->n_builds;
}

/* The entry of @item in the index as it is now, or %NULL if @item is
 * not drawn. */
static Entry *
lookup_entry (MoatRenderIndex *self,
              gpointer         item)
{
  gpointer number;

  ensure_valid (self);

  if (!g_hash_table_lookup_extended (self->entry_numbers, item, NULL, &number))
    return NULL;

  return &g_array_index (self->entries, Entry, GPOINTER_TO_UINT (number));
}

/* The rectangles @item is filed under, for tests that check the grid
 * against them, or %NULL if @item is not indexed. */
const MoatRect *
moat_render_index_get_item_rects (MoatRenderIndex *self,
                                  MoatItem        *item,
                                  guint           *n_rects)
{
  const Entry *entry = lookup_entry (self, item);

  if (entry == NULL)
    return NULL;

  *n_rects = entry->n_rects;

  return get_entry_rects (self, entry);
}

/**
 * moat_render_index_query:
 * @area: a rectangle in diagram coordinates
 * @boundaries: (element-type MoatBoundary): where to append the boundaries
 * @flows: (element-type MoatFlow): where to append the flows
 * @elements: (element-type MoatElement): where to append the elements
 *
 * Finds the items that can draw something in @area, each in diagram
 * order. It may list items that draw nothing there, because an item's
 * area is the most its label and badge can reach, but it leaves out no
 * item that does. A boundary is listed when @area meets its frame with
 * that reach, not when @area lies deep inside it.
 */
void
moat_render_index_query (MoatRenderIndex *self,
                         const MoatRect  *area,
                         GPtrArray       *boundaries,
                         GPtrArray       *flows,
                         GPtrArray       *elements)
{
  g_autoptr(GArray) numbers = NULL;

  g_return_if_fail (MOAT_IS_RENDER_INDEX (self));
  g_return_if_fail (area != NULL);
  g_return_if_fail (boundaries != NULL && flows != NULL && elements != NULL);

  numbers = query_entries (self, area);

  for (guint i = 0; i < numbers->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, g_array_index (numbers, guint, i));
      GPtrArray *target = entry->kind == ENTRY_BOUNDARY ? boundaries
                          : entry->kind == ENTRY_FLOW   ? flows
                                                        : elements;

      g_ptr_array_add (target, entry->item);
    }
}

/**
 * moat_render_index_hit_test:
 * @x: the point's x, in diagram coordinates
 * @y: the point's y, in diagram coordinates
 * @tolerance: how far from a line or outline still counts, in diagram units
 *
 * Finds what moat_render_hit_test() finds, testing only the items filed
 * near the point.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL
 */
MoatItem *
moat_render_index_hit_test (MoatRenderIndex *self,
                            double           x,
                            double           y,
                            double           tolerance)
{
  g_autoptr(GPtrArray) boundaries = g_ptr_array_new ();
  g_autoptr(GPtrArray) flows = g_ptr_array_new ();
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  MoatRect near = { x - tolerance, y - tolerance, 2 * tolerance, 2 * tolerance };

  g_return_val_if_fail (MOAT_IS_RENDER_INDEX (self), NULL);

  moat_render_index_query (self, &near, boundaries, flows, elements);

  return moat_render_hit_test_items (&self->measure_text, self->document, self->diagram,
                                     &self->slots, self, boundaries, flows, elements, x, y,
                                     tolerance);
}

/* The slots of every flow of the diagram, kept until the next change. */
MoatFlowSlots *
moat_render_index_get_slots (MoatRenderIndex *index)
{
  ensure_valid (index);

  return &index->slots;
}

/* Appends the items of @items to the arrays of their kind, each in
 * diagram order, with the positions of the index's last build, even if
 * changes made it stale since. That costs what @items hold, where a walk
 * of the diagram costs its size, as during a drag, where each step makes
 * the index stale. Each position is checked against the diagram's arrays
 * first, so an item added, removed or moved in the order since makes it
 * return %FALSE, and the caller walks the diagram. */
gboolean
moat_render_index_sort_items (MoatRenderIndex *index,
                              GHashTable      *items,
                              GPtrArray       *boundaries,
                              GPtrArray       *flows,
                              GPtrArray       *elements)
{
  GPtrArray *arrays[3] = { moat_diagram_get_boundaries (index->diagram),
                           moat_diagram_get_flows (index->diagram),
                           moat_diagram_get_elements (index->diagram) };
  GPtrArray *targets[3] = { boundaries, flows, elements };
  g_autoptr(GArray) sorted_boundaries = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sorted_flows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sorted_elements = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *sorted[3] = { sorted_boundaries, sorted_flows, sorted_elements };
  GHashTableIter iter;
  gpointer item;

  if (index->n_builds == 0)
    return FALSE;

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      gpointer number;
      const Entry *entry;

      if (!g_hash_table_lookup_extended (index->entry_numbers, item, NULL, &number))
        return FALSE;

      entry = &g_array_index (index->entries, Entry, GPOINTER_TO_UINT (number));
      if (entry->position >= arrays[entry->kind]->len ||
          g_ptr_array_index (arrays[entry->kind], entry->position) != item)
        return FALSE;

      g_array_append_val (sorted[entry->kind], entry->position);
    }

  for (guint a = 0; a < G_N_ELEMENTS (sorted); a++)
    {
      g_array_sort (sorted[a], compare_numbers);
      for (guint i = 0; i < sorted[a]->len; i++)
        g_ptr_array_add (targets[a],
                         g_ptr_array_index (arrays[a], g_array_index (sorted[a], guint, i)));
    }

  return TRUE;
}

/* The reach of @flow, kept since the index was built. Returns %FALSE if
 * @flow is not drawn. */
gboolean
moat_render_index_get_flow_reach (MoatRenderIndex *index,
                                  MoatFlow        *flow,
                                  MoatRect        *reach)
{
  const Entry *entry = lookup_entry (index, flow);

  if (entry == NULL)
    return FALSE;

  *reach = entry->reach;

  return TRUE;
}

/* The geometry of @flow, computed when the index was built or last
 * updated, with its bend points borrowed from the flow, which is fine
 * because a change of the flow updates it before the next use. Returns
 * %FALSE if @flow is not drawn. */
gboolean
moat_render_index_get_flow_geometry (MoatRenderIndex  *index,
                                     MoatFlow         *flow,
                                     MoatFlowGeometry *geometry)
{
  const Entry *entry = lookup_entry (index, flow);

  if (entry == NULL)
    return FALSE;

  *geometry = entry->geometry;

  return TRUE;
}

/* The open threats of @item and the highest severity among them, counted
 * on first use and kept until a threat changes, because each frame needs
 * them for every item it draws. Returns %FALSE if @item has no open
 * threat. */
gboolean
moat_render_index_get_threat_summary (MoatRenderIndex *index,
                                      MoatItem        *item,
                                      guint           *n_open,
                                      MoatSeverity    *highest)
{
  Entry *entry = lookup_entry (index, item);

  if (entry == NULL)
    return moat_render_get_threat_summary (index->document, moat_item_get_id (item), n_open,
                                           highest);

  if (!entry->has_summary)
    {
      moat_render_get_threat_summary (index->document, moat_item_get_id (item), &entry->n_open,
                                      &entry->highest);
      entry->has_summary = TRUE;
    }

  *n_open = entry->n_open;
  *highest = entry->highest;

  return *n_open > 0;
}

/* Texts drawn onto @cr, with their layouts kept while the scale and
 * rotation of @cr stay the same, because layouts follow the
 * transformation of the context they are made for. */
MoatRenderText *
moat_render_index_get_draw_text (MoatRenderIndex *index,
                                 cairo_t         *cr)
{
  cairo_matrix_t matrix;

  cairo_get_matrix (cr, &matrix);
  matrix.x0 = 0;
  matrix.y0 = 0;

  if (index->has_draw_text && memcmp (&matrix, &index->draw_matrix, sizeof matrix) != 0)
    {
      moat_render_text_clear (&index->draw_text);
      index->has_draw_text = FALSE;
    }

  if (!index->has_draw_text)
    {
      moat_render_text_init (&index->draw_text, cr);
      moat_render_text_keep_layouts (&index->draw_text);
      index->draw_matrix = matrix;
      index->has_draw_text = TRUE;
    }

  return &index->draw_text;
}

/* A snapshot of the index as the document is now, built if stale. */
MoatRenderIndexSnapshot *
moat_render_index_take_snapshot (MoatRenderIndex *index)
{
  MoatRenderIndexSnapshot *snapshot = g_new0 (MoatRenderIndexSnapshot, 1);

  ensure_valid (index);
  snapshot->index = index;
  snapshot->entries = g_array_ref (index->entries);
  snapshot->rects = g_array_ref (index->rects);
  snapshot->entry_numbers = g_hash_table_ref (index->entry_numbers);
  snapshot->attached = g_hash_table_ref (index->attached);
  snapshot->saved = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_ptr_array_add (index->snapshots, snapshot);

  return snapshot;
}

void
moat_render_index_snapshot_free (MoatRenderIndexSnapshot *snapshot)
{
  if (snapshot->index != NULL)
    g_ptr_array_remove_fast (snapshot->index->snapshots, snapshot);
  g_array_unref (snapshot->entries);
  g_array_unref (snapshot->rects);
  g_hash_table_unref (snapshot->entry_numbers);
  g_hash_table_unref (snapshot->attached);
  g_hash_table_unref (snapshot->saved);
  g_free (snapshot);
}

static const Entry *
snapshot_get_entry (MoatRenderIndexSnapshot *snapshot,
                    guint                    number)
{
  const Entry *saved = g_hash_table_lookup (snapshot->saved, GUINT_TO_POINTER (number));

  return saved != NULL ? saved : &g_array_index (snapshot->entries, Entry, number);
}

/* Adds the ends of the flows of @items, as @snapshot has them, to @ends,
 * since the slots of parallel flows follow the pairs they join. */
void
moat_render_index_snapshot_add_ends (MoatRenderIndexSnapshot *snapshot,
                                     GHashTable              *items,
                                     GHashTable              *ends)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      gpointer number;
      const Entry *entry;

      if (!g_hash_table_lookup_extended (snapshot->entry_numbers, item, NULL, &number))
        continue;

      entry = snapshot_get_entry (snapshot, GPOINTER_TO_UINT (number));
      if (entry->kind != ENTRY_FLOW)
        continue;

      if (entry->source != NULL)
        g_hash_table_add (ends, entry->source);
      if (entry->target != NULL)
        g_hash_table_add (ends, entry->target);
    }
}

static void
call_once (MoatRenderIndexSnapshot *snapshot,
           guint                    number,
           GHashTable              *called,
           MoatRenderEntryFunc      func,
           gpointer                 user_data)
{
  const Entry *entry;

  if (!g_hash_table_add (called, GUINT_TO_POINTER (number)))
    return;

  entry = snapshot_get_entry (snapshot, number);
  func (entry->item, &g_array_index (snapshot->rects, MoatRect, entry->first_rect),
        entry->n_rects, entry->kind == ENTRY_FLOW ? &entry->geometry.label_center : NULL,
        user_data);
}

/* Calls @func once with each of @snapshot's entries of @items and of the
 * flows with an end in @ends: the item, the rectangles it is filed
 * under, grown by CULL_MARGIN, and for a flow where its label's centre
 * is. */
void
moat_render_index_snapshot_foreach (MoatRenderIndexSnapshot *snapshot,
                                    GHashTable              *items,
                                    GHashTable              *ends,
                                    MoatRenderEntryFunc      func,
                                    gpointer                 user_data)
{
  g_autoptr(GHashTable) called = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      gpointer number;

      if (g_hash_table_lookup_extended (snapshot->entry_numbers, item, NULL, &number))
        call_once (snapshot, GPOINTER_TO_UINT (number), called, func, user_data);
    }

  g_hash_table_iter_init (&iter, ends);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GArray *attached = g_hash_table_lookup (snapshot->attached, item);

      for (guint i = 0; attached != NULL && i < attached->len; i++)
        call_once (snapshot, g_array_index (attached, guint, i), called, func, user_data);
    }
}
