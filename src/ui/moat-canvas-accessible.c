/* moat-canvas-accessible.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas-private.h"
#include "moat-crossings.h"

/* What assistive technologies learn about the diagram. The canvas's
 * accessible label names the diagram and its description describes the
 * selection: each item's role, name, kind, trust boundary, flows and open
 * threats. It changes with the selection, so a screen reader that reads
 * description changes of the focused widget announces the selection.
 *
 * TODO: expose each item as an accessible object of its own and announce
 * selection changes explicitly; GTK 4.8 has no API for either
 * (GtkAccessible for non-widget objects came in GTK 4.10 and
 * gtk_accessible_announce() in GTK 4.14). */

static guint
count_open_threats (MoatCanvas *self,
                    MoatItem   *item)
{
  GPtrArray *threats = moat_document_get_threats_for (self->document, moat_item_get_id (item));
  guint count = 0;

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    if (moat_threat_get_status (g_ptr_array_index (threats, i)) == MOAT_THREAT_STATUS_OPEN)
      count++;

  return count;
}

static const char *
get_kind_label (MoatElementKind kind)
{
  switch (kind)
    {
    case MOAT_ELEMENT_KIND_EXTERNAL_ENTITY:
      return _("External entity");

    case MOAT_ELEMENT_KIND_DATA_STORE:
      return _("Data store");

    case MOAT_ELEMENT_KIND_PROCESS:
    default:
      return _("Process");
    }
}

static void
describe_element (MoatCanvas    *self,
                  MoatCrossings *crossings,
                  MoatElement   *element,
                  GString       *text)
{
  GPtrArray *flows = moat_diagram_get_flows (self->diagram);
  const char *id = moat_item_get_id (MOAT_ITEM (element));
  MoatBoundary *zone = moat_crossings_get_zone (crossings, id);
  guint n_flows = 0;

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);

      if (g_strcmp0 (moat_flow_get_source_id (flow), id) == 0 ||
          g_strcmp0 (moat_flow_get_target_id (flow), id) == 0)
        n_flows++;
    }

  /* Translators: an element's kind, then its name, such as "Process “API”" */
  g_string_append_printf (text, _("%s “%s”"), get_kind_label (moat_element_get_kind (element)),
                          moat_item_get_name (MOAT_ITEM (element)));

  if (zone != NULL)
    g_string_append_printf (text, _(", in trust boundary “%s”"),
                            moat_item_get_name (MOAT_ITEM (zone)));
  else
    g_string_append (text, _(", outside every trust boundary"));

  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u connected flow",
                                             "%u connected flows", n_flows),
                          n_flows);

  if (moat_element_get_out_of_scope (element))
    g_string_append (text, _(", out of scope"));
}

static void
describe_flow (MoatCanvas    *self,
               MoatCrossings *crossings,
               MoatFlow      *flow,
               GString       *text)
{
  MoatElement *source = moat_document_get_flow_source (self->document, flow);
  MoatElement *target = moat_document_get_flow_target (self->document, flow);
  g_autoptr(GString) crossed = g_string_new (NULL);
  const MoatCrossing *crossing;
  guint n_crossings;

  /* Translators: a data flow's name, then its source and target elements */
  g_string_append_printf (text, _("Data flow “%s” from “%s” to “%s”"),
                          moat_item_get_name (MOAT_ITEM (flow)),
                          source != NULL ? moat_item_get_name (MOAT_ITEM (source)) : "",
                          target != NULL ? moat_item_get_name (MOAT_ITEM (target)) : "");

  if (moat_flow_get_bidirectional (flow))
    g_string_append (text, _(", both ways"));

  crossing = moat_crossings_get_for_flow (crossings, moat_item_get_id (MOAT_ITEM (flow)),
                                          &n_crossings);
  for (guint i = 0; i < n_crossings; i++)
    {
      if (crossed->len > 0)
        g_string_append (crossed, ", ");
      g_string_append_printf (crossed, "“%s”",
                              moat_item_get_name (MOAT_ITEM (crossing[i].boundary)));
    }

  if (crossed->len > 0)
    g_string_append_printf (text, _(", crosses trust boundary %s"), crossed->str);

  if (moat_flow_get_out_of_scope (flow))
    g_string_append (text, _(", out of scope"));
}

static void
describe_boundary (MoatCanvas    *self,
                   MoatCrossings *crossings,
                   MoatBoundary  *boundary,
                   GString       *text)
{
  GPtrArray *elements = moat_diagram_get_elements (self->diagram);
  guint n_inside = 0;

  for (guint i = 0; i < elements->len; i++)
    {
      g_autoptr(GPtrArray) zones =
        moat_crossings_dup_boundaries_of (crossings,
                                          moat_item_get_id (g_ptr_array_index (elements, i)));

      if (zones != NULL && g_ptr_array_find (zones, boundary, NULL))
        n_inside++;
    }

  g_string_append_printf (text, _("Trust boundary “%s”"),
                          moat_item_get_name (MOAT_ITEM (boundary)));
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "contains %u element",
                                             "contains %u elements", n_inside),
                          n_inside);
}

/**
 * moat_canvas_dup_item_description:
 * @item: an item of the diagram shown
 *
 * Returns: (transfer full): a sentence for a screen reader: the item's
 *   kind and name, its trust boundary or crossings, its flows and its
 *   open threats
 */
char *
moat_canvas_dup_item_description (MoatCanvas *self,
                                  MoatItem   *item)
{
  MoatCrossings *crossings = moat_canvas_get_crossings (self);
  GString *text = g_string_new (NULL);
  guint n_threats;

  if (MOAT_IS_ELEMENT (item))
    describe_element (self, crossings, MOAT_ELEMENT (item), text);
  else if (MOAT_IS_FLOW (item))
    describe_flow (self, crossings, MOAT_FLOW (item), text);
  else if (MOAT_IS_BOUNDARY (item))
    describe_boundary (self, crossings, MOAT_BOUNDARY (item), text);

  if (!MOAT_IS_BOUNDARY (item))
    {
      n_threats = count_open_threats (self, item);
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u open threat",
                                                 "%u open threats", n_threats),
                              n_threats);
    }

  return g_string_free (text, FALSE);
}

/**
 * moat_canvas_update_accessible:
 *
 * Describes the diagram and the selection to assistive technologies.
 */
void
moat_canvas_update_accessible (MoatCanvas *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->diagram == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                      -1);
      return;
    }

  /* Translators: the accessible name of the canvas, with the diagram's name */
  label = g_strdup_printf (_("Diagram “%s”"), moat_diagram_get_name (self->diagram));

  if (self->selection->len == 0)
    {
      guint n_items = moat_diagram_get_elements (self->diagram)->len +
                      moat_diagram_get_flows (self->diagram)->len +
                      moat_diagram_get_boundaries (self->diagram)->len;

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Nothing selected, %u item in the diagram",
                                                  "Nothing selected, %u items in the diagram",
                                                  n_items),
                                     n_items);
    }
  else if (self->selection->len == 1)
    {
      g_autofree char *item = moat_canvas_dup_item_description (self,
                                                                g_ptr_array_index (self->selection, 0));

      /* Translators: the description of the one selected item */
      description = g_strdup_printf (_("Selected: %s"), item);
    }
  else
    {
      g_autofree char *primary =
        moat_canvas_dup_item_description (self, MOAT_ITEM (moat_canvas_get_selected_item (self)));

      /* Translators: the number of selected items, then the description
       * of the one selected last */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected, last: %s",
                                                  "%u items selected, last: %s",
                                                  self->selection->len),
                                     self->selection->len, primary);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}
