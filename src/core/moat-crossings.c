/* moat-crossings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "moat-crossings.h"

/* A flow crosses each trust boundary that contains exactly one of its two
 * ends. An element is inside a boundary when its centre is, edges
 * included; a dangling end is the flow's first or last bend point.
 *
 * The boundaries are sorted by area, largest first, so that a boundary
 * comes before every boundary nested in it. Each end's chain is the
 * sorted list of boundaries that contain it, found through a uniform grid
 * over the boundaries, so the cost is about (elements + flows) × nesting
 * depth instead of flows × boundaries. */

/* The grid has at most this many cells per side. */
#define MAX_GRID_SIDE 64

/* How many items ahead the loops ask for the objects and table slots
 * they will read. */
#define PREFETCH_DISTANCE 8

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch (address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* A run of boundary indices in MoatCrossings.chain_pool: the boundaries
 * that contain one point, largest first. */
typedef struct
{
  guint start;
  guint length;
} Chain;

/* A flow's run of MoatCrossings.crossing_pool, and the innermost
 * boundary around each end, or -1. */
typedef struct
{
  guint start;
  guint length;
  int source_zone;
  int target_zone;
} FlowCrossings;

/* One slot of an IdTable: an interned id (%NULL when free) and its value.
 * An element's chain is stored in its slot, so a flow end reads one slot. */
typedef struct
{
  const char *id;
  union
  {
    Chain chain;
    guint entry;
  } value;
} IdSlot;

/* Interned ids (see moat_item_get_id()) to entries of an array, by open
 * addressing with linear probing. Equal ids are the same pointer, so the
 * table hashes and compares pointers and never reads an id's bytes, which
 * in a large model lie all over the heap. The number of items is known
 * before the first insertion, so the table is sized once, to twice the
 * items, and never grows. Not rounding the size up to a power of two
 * keeps the slots per item the same at every N. */
typedef struct
{
  IdSlot *slots;
  guint size;
} IdTable;

/* Every chain and every list of crossings lives in one of a few arrays,
 * so that a diagram of N items costs a few allocations instead of several
 * per item. */
struct _MoatCrossings
{
  gatomicrefcount ref_count;

  /* Boundaries by area, largest first; indices below refer to this. */
  GPtrArray *boundaries;

  /* The elements and flows, whose references keep the interned ids that
   * the tables hold alive, so that no other id takes their address.
   *
   * TODO: Dropping these references reads every object again, which at
   * 10,000 elements are out of the caches by then: 0.5 ms of 3.6 ms,
   * against 0.02 ms of 0.3 ms at 1,000. Ids that stayed allocated while
   * any crossings exist would need no reference per item. */
  GPtrArray *items;

  GArray *chain_pool;
  GArray *crossing_pool;

  IdTable element_ids;
  IdTable flow_ids;
  GArray *flow_entries;
  guint n_crossing_flows;
};

/* The rectangles are those of MoatCrossings.boundaries, copied so that
 * finding a chain never reads a boundary object. */
typedef struct
{
  MoatRect extents;
  guint side;
  double cell_width;
  double cell_height;
  GArray **cells;
  MoatRect *rects;
} Grid;

G_DEFINE_BOXED_TYPE (MoatCrossings, moat_crossings, moat_crossings_ref, moat_crossings_unref)

static double
boundary_area (MoatBoundary *boundary)
{
  MoatRect bounds = moat_boundary_get_bounds (boundary);

  return bounds.width * bounds.height;
}

static int
compare_by_area (gconstpointer a,
                 gconstpointer b)
{
  double area_a = boundary_area (*(MoatBoundary **)a);
  double area_b = boundary_area (*(MoatBoundary **)b);

  return area_a > area_b ? -1 : area_a < area_b ? 1 : 0;
}

static void
id_table_init (IdTable *table,
               guint    n_items)
{
  table->size = MAX (8, 2 * n_items);
  table->slots = g_new0 (IdSlot, table->size);
}

/* Returns the first slot to probe for @id. Heap addresses share their low
 * and high bits, so the top 32 bits of the address times a large odd
 * constant (Fibonacci hashing), scaled to the size, pick the slot. */
static gsize
id_table_start (const IdTable *table,
                const char    *id)
{
  guint64 hash = (guint64)(guintptr)id * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (gsize)(((hash >> 32) * table->size) >> 32);
}

/* Finds the slot of @id: the one that maps it, or the free slot where it
 * goes. The table is never more than half full, so the probe reaches a
 * free slot. */
static IdSlot *
id_table_find (const IdTable *table,
               const char    *id)
{
  for (gsize i = id_table_start (table, id);; i = i + 1 < table->size ? i + 1 : 0)
    {
      IdSlot *slot = &table->slots[i];

      if (slot->id == NULL || slot->id == id)
        return slot;
    }
}

/* Returns the slot of @id, or %NULL. @id may be any string, and one that
 * is not the interned copy is looked up through that copy. */
static IdSlot *
id_table_lookup (const IdTable *table,
                 const char    *id)
{
  IdSlot *slot = id_table_find (table, id);
  char *interned;

  if (slot->id != NULL)
    return slot;

  /* Callers usually pass ids from items, which are interned already, so
   * this costs a lock and a string hash mostly for ids absent from the
   * table. */
  interned = g_ref_string_new_intern (id);
  slot = id_table_find (table, interned);
  g_ref_string_release (interned);

  return slot->id != NULL ? slot : NULL;
}

static void
id_table_prefetch (const IdTable *table,
                   const char    *id)
{
  PREFETCH (&table->slots[id_table_start (table, id)]);
}

/* Returns the slot of the interned, non-%NULL @id for the caller to set
 * its value. A repeated id keeps its slot, so its last value wins. */
static IdSlot *
id_table_insert (IdTable    *table,
                 const char *id)
{
  IdSlot *slot = id_table_find (table, id);

  slot->id = id;

  return slot;
}

static guint
cell_index (const Grid *grid,
            double      offset,
            double      cell_size)
{
  double index = floor (offset / cell_size);

  return (guint)CLAMP (index, 0, grid->side - 1);
}

static void
grid_init (Grid      *grid,
           GPtrArray *boundaries)
{
  grid->side = MIN (MAX_GRID_SIDE, MAX (1, (guint)ceil (sqrt (boundaries->len))));
  grid->cells = g_new0 (GArray *, grid->side * grid->side);
  grid->rects = g_new (MoatRect, MAX (1, boundaries->len));

  for (guint i = 0; i < boundaries->len; i++)
    {
      grid->rects[i] = moat_boundary_get_bounds (g_ptr_array_index (boundaries, i));

      if (i == 0)
        grid->extents = grid->rects[i];
      else
        moat_rect_union (&grid->extents, &grid->rects[i], &grid->extents);
    }

  grid->cell_width = MAX (grid->extents.width / grid->side, 1.0);
  grid->cell_height = MAX (grid->extents.height / grid->side, 1.0);

  /* Boundaries go in by area, so each cell's list stays sorted. */
  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatRect bounds = grid->rects[i];
      guint x1 = cell_index (grid, bounds.x - grid->extents.x, grid->cell_width);
      guint x2 = cell_index (grid, bounds.x + bounds.width - grid->extents.x, grid->cell_width);
      guint y1 = cell_index (grid, bounds.y - grid->extents.y, grid->cell_height);
      guint y2 = cell_index (grid, bounds.y + bounds.height - grid->extents.y,
                             grid->cell_height);

      for (guint y = y1; y <= y2; y++)
        for (guint x = x1; x <= x2; x++)
          {
            GArray **cell = &grid->cells[y * grid->side + x];
            int index = i;

            if (*cell == NULL)
              *cell = g_array_new (FALSE, FALSE, sizeof (int));
            g_array_append_val (*cell, index);
          }
    }
}

static void
grid_clear (Grid *grid)
{
  for (guint i = 0; i < grid->side * grid->side; i++)
    g_clear_pointer (&grid->cells[i], g_array_unref);
  g_clear_pointer (&grid->cells, g_free);
  g_clear_pointer (&grid->rects, g_free);
}

/* Appends the boundaries that contain @point, largest first, to the
 * chain pool and returns their run. */
static Chain
add_chain (MoatCrossings *self,
           const Grid    *grid,
           MoatPoint      point)
{
  Chain chain = { self->chain_pool->len, 0 };
  GArray *cell;

  if (self->boundaries->len == 0 ||
      !moat_rect_contains_point (&grid->extents, point.x, point.y))
    return chain;

  cell = grid->cells[cell_index (grid, point.y - grid->extents.y, grid->cell_height) * grid->side +
                     cell_index (grid, point.x - grid->extents.x, grid->cell_width)];
  if (cell == NULL)
    return chain;

  for (guint i = 0; i < cell->len; i++)
    {
      int index = g_array_index (cell, int, i);

      if (moat_rect_contains_point (&grid->rects[index], point.x, point.y))
        {
          g_array_append_val (self->chain_pool, index);
          chain.length++;
        }
    }

  return chain;
}

/* Returns the chain of the element whose interned id is @element_id, or
 * %NULL. It needs no fallback like id_table_lookup(), because while the
 * crossings are computed every id comes from an item. */
static const Chain *
find_element_chain (MoatCrossings *self,
                    const char    *element_id)
{
  IdSlot *slot = id_table_find (&self->element_ids, element_id);

  return slot->id != NULL ? &slot->value.chain : NULL;
}

static const Chain *
lookup_element_chain (MoatCrossings *self,
                      const char    *element_id)
{
  IdSlot *slot = id_table_lookup (&self->element_ids, element_id);

  return slot != NULL ? &slot->value.chain : NULL;
}

static FlowCrossings *
lookup_flow (MoatCrossings *self,
             const char    *flow_id)
{
  IdSlot *slot = id_table_lookup (&self->flow_ids, flow_id);

  return slot != NULL ? &g_array_index (self->flow_entries, FlowCrossings, slot->value.entry)
                      : NULL;
}

/* Finds the chain of one end of @flow: its element's, or the chain of the
 * bend point where a dangling end sits. Returns %FALSE when the end has
 * no position at all. */
static gboolean
find_end_chain (MoatCrossings *self,
                const Grid    *grid,
                MoatFlow      *flow,
                const char    *element_id,
                gboolean       is_source,
                Chain         *chain)
{
  const Chain *element_chain = find_element_chain (self, element_id);
  const MoatPointList *vertices;
  guint n_vertices;

  if (element_chain != NULL)
    {
      *chain = *element_chain;
      return TRUE;
    }

  vertices = moat_flow_get_vertices (flow);
  n_vertices = moat_point_list_get_n_points (vertices);
  if (n_vertices == 0)
    return FALSE;

  *chain = add_chain (self, grid,
                      moat_point_list_get_point (vertices, is_source ? 0 : n_vertices - 1));

  return TRUE;
}

static int
chain_get (MoatCrossings *self,
           const Chain   *chain,
           guint          i)
{
  return g_array_index (self->chain_pool, int, chain->start + i);
}

static int
chain_get_innermost (MoatCrossings *self,
                     const Chain   *chain)
{
  return chain->length > 0 ? chain_get (self, chain, chain->length - 1) : -1;
}

static gboolean
chain_contains (MoatCrossings *self,
                const Chain   *chain,
                int            index)
{
  for (guint i = 0; i < chain->length; i++)
    if (chain_get (self, chain, i) == index)
      return TRUE;

  return FALSE;
}

static void
add_crossing (MoatCrossings *self,
              int            index,
              gboolean       entering)
{
  MoatCrossing crossing = { g_ptr_array_index (self->boundaries, index), entering };

  g_array_append_val (self->crossing_pool, crossing);
}

/* What the second pass over the items reads of each item, gathered in a
 * first pass. In a large model the items' GObjects are out of the
 * processor caches. The first pass is short and has no dependences
 * between items, so the processor waits for many of those cache misses at
 * once. The second pass prefetches the table slots PREFETCH_DISTANCE items
 * ahead. Neither reads the bytes of an id. */
typedef struct
{
  const char *id;
  MoatPoint centre;
} ElementItem;

typedef struct
{
  MoatFlow *flow;
  const char *id;
  const char *source_id;
  const char *target_id;
} FlowItem;

static void
add_flow (MoatCrossings  *self,
          const Grid     *grid,
          const FlowItem *item)
{
  FlowCrossings entry = { self->crossing_pool->len, 0, -1, -1 };
  Chain source = { 0, 0 };
  Chain target = { 0, 0 };
  gboolean has_source;
  gboolean has_target;

  has_source = find_end_chain (self, grid, item->flow, item->source_id, TRUE, &source);
  has_target = find_end_chain (self, grid, item->flow, item->target_id, FALSE, &target);
  entry.source_zone = chain_get_innermost (self, &source);
  entry.target_zone = chain_get_innermost (self, &target);

  /* In the order the flow passes them: out of the source's boundaries
   * from the innermost, then into the target's from the outermost. Chains
   * are as long as the nesting is deep, so the scans stay short. */
  if (has_source && has_target)
    {
      for (guint i = source.length; i > 0; i--)
        if (!chain_contains (self, &target, chain_get (self, &source, i - 1)))
          add_crossing (self, chain_get (self, &source, i - 1), FALSE);

      for (guint i = 0; i < target.length; i++)
        if (!chain_contains (self, &source, chain_get (self, &target, i)))
          add_crossing (self, chain_get (self, &target, i), TRUE);
    }

  entry.length = self->crossing_pool->len - entry.start;
  if (entry.length > 0)
    self->n_crossing_flows++;

  id_table_insert (&self->flow_ids, item->id)->value.entry = self->flow_entries->len;
  g_array_append_val (self->flow_entries, entry);
}

/* Starts reading the object PREFETCH_DISTANCE items after @i. */
static void
prefetch_item (GPtrArray *items,
               guint      i)
{
  if (i + PREFETCH_DISTANCE < items->len)
    PREFETCH (g_ptr_array_index (items, i + PREFETCH_DISTANCE));
}

/* Computes the chain of each element and fills the element table, in two
 * passes over the elements. */
static void
add_elements (MoatCrossings *self,
              const Grid    *grid,
              GPtrArray     *elements)
{
  g_autofree ElementItem *element_items = g_new (ElementItem, elements->len);

  /* Pass 1: the ids and centres, from the objects. */
  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      MoatRect bounds;

      prefetch_item (elements, i);
      bounds = moat_element_get_bounds (element);
      element_items[i].id = moat_item_get_id (MOAT_ITEM (element));
      element_items[i].centre = moat_rect_get_center (&bounds);
      g_ptr_array_add (self->items, g_object_ref (element));
    }

  /* Pass 2: the chains, and the table, whose slots come in ahead. */
  for (guint i = 0; i < elements->len; i++)
    {
      ElementItem *item = &element_items[i];
      Chain chain;

      if (i + PREFETCH_DISTANCE < elements->len)
        id_table_prefetch (&self->element_ids, element_items[i + PREFETCH_DISTANCE].id);

      chain = add_chain (self, grid, item->centre);
      id_table_insert (&self->element_ids, item->id)->value.chain = chain;
    }
}

/* Computes the crossings of each flow and fills the flow table, in the
 * same two passes as add_elements(). */
static void
add_flows (MoatCrossings *self,
           const Grid    *grid,
           GPtrArray     *flows)
{
  g_autofree FlowItem *flow_items = g_new (FlowItem, flows->len);

  /* Pass 1: the ids, from the objects. */
  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      prefetch_item (flows, i);
      flow_items[i].flow = flow;
      flow_items[i].id = moat_item_get_id (MOAT_ITEM (flow));
      flow_items[i].source_id = moat_flow_get_source_id (flow);
      flow_items[i].target_id = moat_flow_get_target_id (flow);
      g_ptr_array_add (self->items, g_object_ref (flow));
    }

  /* Pass 2: the crossings and the table, whose slots come in ahead. */
  for (guint i = 0; i < flows->len; i++)
    {
      if (i + PREFETCH_DISTANCE < flows->len)
        {
          const FlowItem *ahead = &flow_items[i + PREFETCH_DISTANCE];

          id_table_prefetch (&self->element_ids, ahead->source_id);
          id_table_prefetch (&self->element_ids, ahead->target_id);
          id_table_prefetch (&self->flow_ids, ahead->id);
        }

      add_flow (self, grid, &flow_items[i]);
    }
}

/**
 * moat_crossings_new:
 * @diagram: the diagram to analyse
 *
 * Computes which trust boundaries each flow of @diagram crosses. The
 * result keeps references to the diagram's boundaries, elements and flows
 * but does not follow later changes, so compute it again when items move.
 *
 * Returns: (transfer full): the crossings
 */
MoatCrossings *
moat_crossings_new (MoatDiagram *diagram)
{
  MoatCrossings *self;
  GPtrArray *elements;
  GPtrArray *flows;
  Grid grid = { { 0, 0, 0, 0 }, 0, 0, 0, NULL };

  g_return_val_if_fail (MOAT_IS_DIAGRAM (diagram), NULL);

  self = g_new0 (MoatCrossings, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->boundaries = g_ptr_array_copy (moat_diagram_get_boundaries (diagram),
                                       (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  g_ptr_array_set_free_func (self->boundaries, g_object_unref);
  g_ptr_array_sort (self->boundaries, compare_by_area);
  elements = moat_diagram_get_elements (diagram);
  flows = moat_diagram_get_flows (diagram);
  self->items = g_ptr_array_new_full (elements->len + flows->len, g_object_unref);
  self->chain_pool = g_array_new (FALSE, FALSE, sizeof (int));
  self->crossing_pool = g_array_new (FALSE, FALSE, sizeof (MoatCrossing));
  id_table_init (&self->element_ids, elements->len);
  id_table_init (&self->flow_ids, flows->len);
  self->flow_entries = g_array_sized_new (FALSE, FALSE, sizeof (FlowCrossings), flows->len);

  grid_init (&grid, self->boundaries);

  add_elements (self, &grid, elements);
  add_flows (self, &grid, flows);

  grid_clear (&grid);

  return self;
}

MoatCrossings *
moat_crossings_ref (MoatCrossings *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
moat_crossings_unref (MoatCrossings *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->flow_ids.slots);
  g_array_unref (self->flow_entries);
  g_free (self->element_ids.slots);
  g_array_unref (self->crossing_pool);
  g_array_unref (self->chain_pool);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->boundaries);
  g_free (self);
}

/**
 * moat_crossings_get_for_flow:
 * @flow_id: the id of a flow of the diagram
 * @n_crossings: (out): the number of crossings
 *
 * Lists the boundaries that the flow crosses, in the order it passes
 * them: out of the source's boundaries from the innermost, then into the
 * target's from the outermost.
 *
 * Returns: (array length=n_crossings) (nullable): the crossings, or %NULL
 *   when there are none
 */
const MoatCrossing *
moat_crossings_get_for_flow (MoatCrossings *self,
                             const char    *flow_id,
                             guint         *n_crossings)
{
  FlowCrossings *flow;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (flow_id != NULL, NULL);
  g_return_val_if_fail (n_crossings != NULL, NULL);

  flow = lookup_flow (self, flow_id);
  *n_crossings = flow != NULL ? flow->length : 0;

  return *n_crossings > 0 ? &g_array_index (self->crossing_pool, MoatCrossing, flow->start)
                          : NULL;
}

gboolean
moat_crossings_is_crossing (MoatCrossings *self,
                            const char    *flow_id)
{
  guint n_crossings;

  g_return_val_if_fail (self != NULL, FALSE);

  moat_crossings_get_for_flow (self, flow_id, &n_crossings);

  return n_crossings > 0;
}

static const char *
zone_name (MoatCrossings *self,
           int            zone)
{
  const char *name;

  /* The area outside every boundary has no name of its own. */
  if (zone < 0)
    return _("Outside");

  name = moat_item_get_name (g_ptr_array_index (self->boundaries, zone));

  return name != NULL && name[0] != '\0' ? name : _("Unnamed boundary");
}

/**
 * moat_crossings_dup_label:
 * @flow_id: the id of a flow of the diagram
 *
 * Describes a crossing flow by the innermost boundary around each end,
 * such as "Internet → DMZ"; "Outside" stands for the area outside every
 * boundary.
 *
 * Returns: (transfer full) (nullable): the label, or %NULL if the flow
 *   crosses no boundary
 */
char *
moat_crossings_dup_label (MoatCrossings *self,
                          const char    *flow_id)
{
  FlowCrossings *flow;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (flow_id != NULL, NULL);

  flow = lookup_flow (self, flow_id);
  if (flow == NULL || flow->length == 0)
    return NULL;

  /* TRANSLATORS: a data flow from one trust zone to another, "DMZ → Internal network" */
  return g_strdup_printf (_("%s → %s"), zone_name (self, flow->source_zone),
                          zone_name (self, flow->target_zone));
}

/**
 * moat_crossings_get_zone:
 * @element_id: the id of an element of the diagram
 *
 * Returns: (transfer none) (nullable): the innermost boundary that
 *   contains the element, or %NULL if it lies outside every boundary
 */
MoatBoundary *
moat_crossings_get_zone (MoatCrossings *self,
                         const char    *element_id)
{
  const Chain *chain;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (element_id != NULL, NULL);

  chain = lookup_element_chain (self, element_id);
  if (chain == NULL || chain->length == 0)
    return NULL;

  return g_ptr_array_index (self->boundaries, chain_get_innermost (self, chain));
}

/**
 * moat_crossings_dup_boundaries_of:
 * @element_id: the id of an element of the diagram
 *
 * Returns: (transfer container) (element-type MoatBoundary): the
 *   boundaries that contain the element, outermost first
 */
GPtrArray *
moat_crossings_dup_boundaries_of (MoatCrossings *self,
                                  const char    *element_id)
{
  GPtrArray *boundaries = g_ptr_array_new_with_free_func (g_object_unref);
  const Chain *chain;

  g_return_val_if_fail (self != NULL, boundaries);
  g_return_val_if_fail (element_id != NULL, boundaries);

  chain = lookup_element_chain (self, element_id);
  for (guint i = 0; chain != NULL && i < chain->length; i++)
    g_ptr_array_add (boundaries,
                     g_object_ref (g_ptr_array_index (self->boundaries,
                                                      chain_get (self, chain, i))));

  return boundaries;
}

guint
moat_crossings_get_n_crossing_flows (MoatCrossings *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_crossing_flows;
}
