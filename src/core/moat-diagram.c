/* moat-diagram.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-diagram.h"

/* One data-flow diagram of a model. The arrays keep items in file order,
 * which is also drawing order; only MoatDocument changes them, so that
 * every change is an undoable edit. */
struct _MoatDiagram
{
  GObject parent_instance;

  char *id;
  char *name;
  char *methodology;
  char *description;
  GPtrArray *annotations;
  GPtrArray *elements;
  GPtrArray *flows;
  GPtrArray *boundaries;
};

G_DEFINE_FINAL_TYPE (MoatDiagram, moat_diagram, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_METHODOLOGY,
  PROP_DESCRIPTION,
  PROP_ANNOTATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_diagram_finalize (GObject *object)
{
  MoatDiagram *self = (MoatDiagram *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->methodology, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_clear_pointer (&self->flows, g_ptr_array_unref);
  g_clear_pointer (&self->boundaries, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_diagram_parent_class)->finalize (object);
}

static void
moat_diagram_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MoatDiagram *self = MOAT_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_METHODOLOGY:
      g_value_set_string (value, self->methodology);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ANNOTATIONS:
      g_value_set_boxed (value, self->annotations);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (MoatDiagram  *self,
            char        **field,
            const GValue *value,
            GParamSpec   *pspec)
{
  const char *text = g_value_get_string (value);

  if (text == NULL)
    text = "";

  if (g_strcmp0 (*field, text) == 0)
    return;

  g_free (*field);
  *field = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* The list is shared, not copied: annotations are immutable and a new
 * list replaces the old one as a whole. */
static void
set_annotations (MoatDiagram *self,
                 GPtrArray   *annotations,
                 GParamSpec  *pspec)
{
  if (annotations == self->annotations)
    return;

  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  if (annotations != NULL)
    self->annotations = g_ptr_array_ref (annotations);
  else
    self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_annotation_unref);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
moat_diagram_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MoatDiagram *self = MOAT_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = moat_item_new_id ("diagram");
      break;

    case PROP_NAME:
      if (g_strcmp0 (self->name, g_value_get_string (value)) != 0)
        {
          g_free (self->name);
          self->name = g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_METHODOLOGY:
      set_string (self, &self->methodology, value, pspec);
      break;

    case PROP_DESCRIPTION:
      set_string (self, &self->description, value, pspec);
      break;

    case PROP_ANNOTATIONS:
      set_annotations (self, g_value_get_boxed (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_diagram_class_init (MoatDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_diagram_finalize;
  object_class->get_property = moat_diagram_get_property;
  object_class->set_property = moat_diagram_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The threat modelling methodology the diagram was made for, such as
   * "STRIDE" or "LINDDUN", as Threat Dragon names it; empty for STRIDE
   * diagrams drawn in Moat. */
  properties[PROP_METHODOLOGY] =
    g_param_spec_string ("methodology", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MoatDiagram:annotations: (type GPtrArray(MoatAnnotation))
   *
   * The notes and open boundary lines, in drawing order.
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_diagram_init (MoatDiagram *self)
{
  self->name = g_strdup ("");
  self->methodology = g_strdup ("");
  self->description = g_strdup ("");
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_annotation_unref);
  self->elements = g_ptr_array_new_with_free_func (g_object_unref);
  self->flows = g_ptr_array_new_with_free_func (g_object_unref);
  self->boundaries = g_ptr_array_new_with_free_func (g_object_unref);
}

MoatDiagram *
moat_diagram_new (const char *id,
                  const char *name)
{
  return g_object_new (MOAT_TYPE_DIAGRAM,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
moat_diagram_get_id (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->id;
}

const char *
moat_diagram_get_name (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->name;
}

const char *
moat_diagram_get_methodology (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->methodology;
}

const char *
moat_diagram_get_description (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->description;
}

/**
 * moat_diagram_get_annotations:
 *
 * Returns: (transfer none) (element-type MoatAnnotation): the notes and
 *   open boundary lines, to read only; give the diagram a new list with
 *   moat_document_set() to change them
 */
GPtrArray *
moat_diagram_get_annotations (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->annotations;
}

/**
 * moat_diagram_get_elements:
 *
 * Returns: (transfer none) (element-type MoatElement): the elements, to
 *   read only; change them through the document
 */
GPtrArray *
moat_diagram_get_elements (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->elements;
}

GPtrArray *
moat_diagram_get_flows (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->flows;
}

GPtrArray *
moat_diagram_get_boundaries (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return self->boundaries;
}

/**
 * moat_diagram_get_items_of:
 * @item_type: %MOAT_TYPE_ELEMENT, %MOAT_TYPE_FLOW or %MOAT_TYPE_BOUNDARY
 *
 * Returns: (transfer none): the array that contains the items of @item_type
 */
GPtrArray *
moat_diagram_get_items_of (MoatDiagram *self,
                           GType        item_type)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  if (item_type == MOAT_TYPE_ELEMENT)
    return self->elements;
  if (item_type == MOAT_TYPE_FLOW)
    return self->flows;
  if (item_type == MOAT_TYPE_BOUNDARY)
    return self->boundaries;

  g_return_val_if_reached (NULL);
}

/**
 * moat_diagram_get_extents:
 * @extents: (out): the union of all element and boundary bounds
 *
 * Returns: %FALSE if the diagram has no elements or boundaries
 */
gboolean
moat_diagram_get_extents (MoatDiagram *self,
                          MoatRect    *extents)
{
  gboolean found = FALSE;

  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (extents != NULL, FALSE);

  for (guint i = 0; i < self->elements->len; i++)
    {
      MoatRect bounds = moat_element_get_bounds (g_ptr_array_index (self->elements, i));

      if (found)
        moat_rect_union (extents, &bounds, extents);
      else
        *extents = bounds;
      found = TRUE;
    }

  for (guint i = 0; i < self->boundaries->len; i++)
    {
      MoatRect bounds = moat_boundary_get_bounds (g_ptr_array_index (self->boundaries, i));

      if (found)
        moat_rect_union (extents, &bounds, extents);
      else
        *extents = bounds;
      found = TRUE;
    }

  return found;
}
