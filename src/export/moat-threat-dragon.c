/* moat-threat-dragon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-threat-dragon.h"

/* Writes a model as an OWASP Threat Dragon version 2 model, the format of
 * Threat Dragon 2.x: diagrams of AntV X6 cells, with each element's and
 * flow's properties and threats in the cell's data. Moat's importer reads
 * the result back to the same Moat model, for models that came from
 * Threat Dragon. What Threat Dragon has no place for is folded into text
 * (threat details into the description, mitigation checklists into the
 * mitigation) or left out; docs/threat-dragon.md lists it. */

/* The Threat Dragon release whose files this writes. */
#define THREAT_DRAGON_VERSION "2.3.0"

#define STROKE_COLOR "#333333"
#define STROKE_WIDTH 1.5
#define OUT_OF_SCOPE_DASHES "4 3"

G_DEFINE_QUARK (moat-threat-dragon-export-error-quark, moat_threat_dragon_export_error)

/* Threat Dragon's English labels, which its importers and reports recognise. */
static const char * const stride_types[MOAT_N_STRIDE_CATEGORIES] = {
  "Spoofing",
  "Tampering",
  "Repudiation",
  "Information disclosure",
  "Denial of service",
  "Elevation of privilege",
};

static const char *
get_severity (MoatSeverity severity)
{
  switch (severity)
    {
    case MOAT_SEVERITY_LOW:
      return "Low";
    case MOAT_SEVERITY_MEDIUM:
      return "Medium";
    case MOAT_SEVERITY_HIGH:
      return "High";
    case MOAT_SEVERITY_CRITICAL:
      return "Critical";
    case MOAT_SEVERITY_UNSET:
    default:
      return "TBD";
    }
}

/* Threat Dragon has the statuses Open, Mitigated and NotApplicable; an accepted or
 * transferred threat is no longer open, and Threat Dragon's mitigation
 * text is where it expects the reason for N/A. */
static const char *
get_status (MoatThreatStatus status)
{
  switch (status)
    {
    case MOAT_THREAT_STATUS_OPEN:
      return "Open";
    case MOAT_THREAT_STATUS_MITIGATED:
      return "Mitigated";
    case MOAT_THREAT_STATUS_ACCEPTED:
    case MOAT_THREAT_STATUS_TRANSFERRED:
    default:
      return "NotApplicable";
    }
}

/* Writes whole numbers as JSON integers, as Threat Dragon does, and
 * others as they are. */
static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64)value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *key,
             gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

static void
add_point (JsonBuilder *builder,
           const char  *key,
           MoatPoint    point)
{
  if (key != NULL)
    json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  add_number (builder, "x", point.x);
  add_number (builder, "y", point.y);
  json_builder_end_object (builder);
}

static void
add_bounds (JsonBuilder *builder,
            MoatRect     bounds)
{
  json_builder_set_member_name (builder, "position");
  json_builder_begin_object (builder);
  add_number (builder, "x", bounds.x);
  add_number (builder, "y", bounds.y);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "size");
  json_builder_begin_object (builder);
  add_number (builder, "width", bounds.width);
  add_number (builder, "height", bounds.height);
  json_builder_end_object (builder);
}

/* The attrs of a node: its label and its outline, dashed when out of
 * scope, as Threat Dragon draws it. */
static void
add_node_attrs (JsonBuilder *builder,
                const char  *text_selector,
                const char  *text,
                gboolean     is_store,
                gboolean     out_of_scope)
{
  json_builder_set_member_name (builder, "attrs");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, text_selector);
  json_builder_begin_object (builder);
  add_string (builder, "text", text);
  json_builder_end_object (builder);

  /* A store is drawn as two lines, the other nodes as one outline. */
  for (guint i = 0; i < (is_store ? 2 : 1); i++)
    {
      json_builder_set_member_name (builder, is_store ? (i == 0 ? "topLine" : "bottomLine")
                                                      : "body");
      json_builder_begin_object (builder);
      if (!is_store)
        add_string (builder, "stroke", STROKE_COLOR);
      json_builder_set_member_name (builder, "strokeWidth");
      json_builder_add_double_value (builder, STROKE_WIDTH);
      json_builder_set_member_name (builder, "strokeDasharray");
      if (out_of_scope)
        json_builder_add_string_value (builder, OUT_OF_SCOPE_DASHES);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

static void
add_link_label (JsonBuilder *builder,
                const char  *text)
{
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "markup");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 2; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "tagName", i == 0 ? "ellipse" : "text");
      add_string (builder, "selector", i == 0 ? "labelBody" : "labelText");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "attrs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "labelText");
  json_builder_begin_object (builder);
  add_string (builder, "text", text);
  add_string (builder, "textAnchor", "middle");
  add_string (builder, "textVerticalAnchor", "middle");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "labelBody");
  json_builder_begin_object (builder);
  add_string (builder, "ref", "labelText");
  add_string (builder, "refRx", "50%");
  add_string (builder, "refRy", "60%");
  add_string (builder, "fill", "#fff");
  add_number (builder, "strokeWidth", 0);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "position");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "distance");
  json_builder_add_double_value (builder, 0.5);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
append_section (GString    *text,
                const char *heading,
                const char *body)
{
  if (body[0] == '\0')
    return;

  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append_printf (text, "%s: %s", heading, body);
}

/* Threat Dragon has one description; Moat's other threat texts follow it
 * as labelled paragraphs. */
static char *
dup_threat_description (MoatThreat *threat)
{
  GString *text = g_string_new (moat_threat_get_description (threat));
  g_autofree char *owner = NULL;

  append_section (text, _("Attack vector"), moat_threat_get_attack_vector (threat));
  append_section (text, _("Prerequisites"), moat_threat_get_prerequisites (threat));
  append_section (text, _("Business impact"), moat_threat_get_business_impact (threat));
  append_section (text, _("Evidence and detection"), moat_threat_get_evidence (threat));
  append_section (text, _("Owner"), moat_threat_get_owner (threat));
  append_section (text, _("Due date"), moat_threat_get_due_date (threat));

  return g_string_free (text, FALSE);
}

/* Joins the three mitigation checklists into Threat Dragon's one text. A
 * single short-term item, which is what an imported mitigation becomes,
 * is written as it is, so that the text survives a round trip. */
static char *
dup_mitigation (MoatThreat *threat)
{
  const MoatChecklist *lists[] = {
    moat_threat_get_short_term (threat),
    moat_threat_get_long_term (threat),
    moat_threat_get_monitoring (threat),
  };
  const char *headings[] = {
    _("Short-term fix"), _("Long-term fix"), _("Monitoring"),
  };
  GString *text = g_string_new (NULL);

  if (moat_checklist_get_n_items (lists[0]) == 1 &&
      moat_checklist_get_n_items (lists[1]) == 0 &&
      moat_checklist_get_n_items (lists[2]) == 0)
    {
      g_string_append (text, moat_checklist_get_text (lists[0], 0));
      return g_string_free (text, FALSE);
    }

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      if (moat_checklist_get_n_items (lists[l]) == 0)
        continue;

      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append_printf (text, "%s:", headings[l]);
      for (guint i = 0; i < moat_checklist_get_n_items (lists[l]); i++)
        g_string_append_printf (text, "\n- [%c] %s",
                                moat_checklist_get_done (lists[l], i) ? 'x' : ' ',
                                moat_checklist_get_text (lists[l], i));
    }

  return g_string_free (text, FALSE);
}

static void
add_threat (JsonBuilder *builder,
            MoatThreat  *threat,
            MoatDiagram *diagram)
{
  MoatStrideCategory category = moat_threat_get_category (threat);
  const char *methodology = moat_diagram_get_methodology (diagram);
  g_autofree char *description = dup_threat_description (threat);
  g_autofree char *mitigation = dup_mitigation (threat);
  const char *model_type;

  /* Another methodology's threat keeps the diagram's methodology, unless
   * that is STRIDE, where only the generic model allows free types. */
  if (category < MOAT_N_STRIDE_CATEGORIES)
    model_type = "STRIDE";
  else if (methodology[0] != '\0' && g_ascii_strcasecmp (methodology, "STRIDE") != 0)
    model_type = methodology;
  else
    model_type = "Generic";

  json_builder_begin_object (builder);
  add_string (builder, "id", moat_threat_get_id (threat));
  add_string (builder, "title", moat_threat_get_title (threat));
  add_string (builder, "status", get_status (moat_threat_get_status (threat)));
  add_string (builder, "severity", get_severity (moat_threat_get_severity (threat)));
  add_string (builder, "type", category < MOAT_N_STRIDE_CATEGORIES
                               ? stride_types[category]
                               : moat_threat_get_type_label (threat));
  add_string (builder, "description", description);
  add_string (builder, "mitigation", mitigation);
  add_string (builder, "modelType", model_type);
  add_boolean (builder, "new", FALSE);
  add_number (builder, "number", moat_threat_get_number (threat));
  add_string (builder, "score", moat_threat_get_score (threat));
  json_builder_end_object (builder);
}

/* Writes data.threats and returns whether any of them is open, which
 * Threat Dragon keeps as hasOpenThreats. */
static gboolean
add_threats (JsonBuilder  *builder,
             MoatDocument *document,
             MoatDiagram  *diagram,
             MoatItem     *item)
{
  GPtrArray *threats = moat_document_get_threats_for (document, moat_item_get_id (item));
  gboolean open = FALSE;

  json_builder_set_member_name (builder, "threats");
  json_builder_begin_array (builder);
  for (guint i = 0; threats != NULL && i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      add_threat (builder, threat, diagram);
      open |= moat_threat_get_status (threat) == MOAT_THREAT_STATUS_OPEN;
    }
  json_builder_end_array (builder);

  return open;
}

static gboolean
has_open_threats (MoatDocument *document,
                  MoatItem     *item)
{
  GPtrArray *threats = moat_document_get_threats_for (document, moat_item_get_id (item));

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    if (moat_threat_get_status (g_ptr_array_index (threats, i)) == MOAT_THREAT_STATUS_OPEN)
      return TRUE;

  return FALSE;
}

static void
add_element (JsonBuilder  *builder,
             MoatDocument *document,
             MoatDiagram  *diagram,
             MoatElement  *element,
             guint         z_index)
{
  static const char * const shapes[] = { "actor", "process", "store" };
  static const char * const types[] = { "tm.Actor", "tm.Process", "tm.Store" };
  MoatElementKind kind = moat_element_get_kind (element);
  MoatItem *item = MOAT_ITEM (element);

  json_builder_begin_object (builder);
  add_bounds (builder, moat_element_get_bounds (element));
  add_node_attrs (builder, "text", moat_item_get_name (item),
                  kind == MOAT_ELEMENT_KIND_DATA_STORE, moat_element_get_out_of_scope (element));
  add_boolean (builder, "visible", TRUE);
  add_string (builder, "shape", shapes[kind]);
  add_string (builder, "id", moat_item_get_id (item));
  add_number (builder, "zIndex", z_index);

  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  add_string (builder, "type", types[kind]);
  add_string (builder, "name", moat_item_get_name (item));
  add_string (builder, "description", moat_item_get_description (item));
  add_boolean (builder, "outOfScope", moat_element_get_out_of_scope (element));
  add_string (builder, "reasonOutOfScope", moat_element_get_out_of_scope_reason (element));
  add_boolean (builder, "hasOpenThreats", has_open_threats (document, item));

  /* Each kind's own properties, as Threat Dragon writes them; a property
   * Moat holds on another kind is written too when it is set. */
  if (kind == MOAT_ELEMENT_KIND_PROCESS || moat_element_get_privilege_level (element)[0] != '\0')
    add_string (builder, "privilegeLevel", moat_element_get_privilege_level (element));
  if (kind == MOAT_ELEMENT_KIND_PROCESS || moat_element_get_web_application (element))
    add_boolean (builder, "isWebApplication", moat_element_get_web_application (element));
  if (kind == MOAT_ELEMENT_KIND_DATA_STORE || moat_element_get_is_log (element))
    add_boolean (builder, "isALog", moat_element_get_is_log (element));
  if (kind == MOAT_ELEMENT_KIND_DATA_STORE || moat_element_get_encrypted (element))
    add_boolean (builder, "isEncrypted", moat_element_get_encrypted (element));
  if (kind == MOAT_ELEMENT_KIND_DATA_STORE || moat_element_get_signed (element))
    add_boolean (builder, "isSigned", moat_element_get_signed (element));
  if (kind == MOAT_ELEMENT_KIND_DATA_STORE || moat_element_get_stores_credentials (element))
    add_boolean (builder, "storesCredentials", moat_element_get_stores_credentials (element));

  add_threats (builder, document, diagram, item);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/* Writes one end of a link: an element, or a loose point. */
static void
add_link_end (JsonBuilder *builder,
              const char  *key,
              const char  *element_id,
              MoatPoint    point)
{
  if (element_id[0] == '\0')
    {
      add_point (builder, key, point);
      return;
    }

  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  add_string (builder, "cell", element_id);
  json_builder_end_object (builder);
}

static void
add_vertices (JsonBuilder     *builder,
              const MoatPoint *points,
              guint            n_points)
{
  json_builder_set_member_name (builder, "vertices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_points; i++)
    add_point (builder, NULL, points[i]);
  json_builder_end_array (builder);
}

static void
add_line_attrs (JsonBuilder *builder,
                gboolean     arrow_at_source,
                gboolean     arrow_at_target,
                gboolean     dashed)
{
  json_builder_set_member_name (builder, "attrs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_begin_object (builder);
  add_string (builder, "stroke", STROKE_COLOR);
  for (guint i = 0; i < 2; i++)
    {
      json_builder_set_member_name (builder, i == 0 ? "targetMarker" : "sourceMarker");
      json_builder_begin_object (builder);
      add_string (builder, "name", (i == 0 ? arrow_at_target : arrow_at_source) ? "block" : "");
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "strokeDasharray");
  if (dashed)
    json_builder_add_string_value (builder, OUT_OF_SCOPE_DASHES);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_flow (JsonBuilder  *builder,
          MoatDocument *document,
          MoatDiagram  *diagram,
          MoatFlow     *flow,
          guint         z_index)
{
  MoatItem *item = MOAT_ITEM (flow);
  const MoatPointList *vertices = moat_flow_get_vertices (flow);
  const MoatPoint *points = moat_point_list_get_points (vertices);
  guint n_points = moat_point_list_get_n_points (vertices);
  const char *source_id = moat_flow_get_source_id (flow);
  const char *target_id = moat_flow_get_target_id (flow);
  MoatPoint source = { 0, 0 };
  MoatPoint target = { 0, 0 };

  /* An unconnected end is kept as the first or last bend point. */
  if (source_id[0] == '\0' && n_points > 0)
    {
      source = points[0];
      points++;
      n_points--;
    }
  if (target_id[0] == '\0' && n_points > 0)
    {
      target = points[n_points - 1];
      n_points--;
    }

  json_builder_begin_object (builder);
  add_string (builder, "shape", "flow");
  add_line_attrs (builder, moat_flow_get_bidirectional (flow), TRUE,
                  moat_flow_get_out_of_scope (flow));
  add_number (builder, "width", 200);
  add_number (builder, "height", 100);
  add_number (builder, "zIndex", z_index);
  add_link_label (builder, moat_item_get_name (item));
  add_string (builder, "connector", "smooth");

  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  add_string (builder, "type", "tm.Flow");
  add_string (builder, "name", moat_item_get_name (item));
  add_string (builder, "description", moat_item_get_description (item));
  add_boolean (builder, "outOfScope", moat_flow_get_out_of_scope (flow));
  add_string (builder, "reasonOutOfScope", moat_flow_get_out_of_scope_reason (flow));
  add_boolean (builder, "hasOpenThreats", has_open_threats (document, item));
  add_boolean (builder, "isBidirectional", moat_flow_get_bidirectional (flow));
  add_boolean (builder, "isEncrypted", moat_flow_get_encrypted (flow));
  add_boolean (builder, "isPublicNetwork", moat_flow_get_public_network (flow));
  if (moat_flow_get_signed (flow))
    add_boolean (builder, "isSigned", TRUE);
  add_string (builder, "protocol", moat_flow_get_protocol (flow));
  add_threats (builder, document, diagram, item);
  json_builder_end_object (builder);

  add_string (builder, "id", moat_item_get_id (item));
  add_link_end (builder, "source", source_id, source);
  add_link_end (builder, "target", target_id, target);
  add_vertices (builder, points, n_points);
  json_builder_end_object (builder);
}

static void
add_boundary (JsonBuilder  *builder,
              MoatBoundary *boundary,
              guint         z_index)
{
  MoatItem *item = MOAT_ITEM (boundary);

  json_builder_begin_object (builder);
  add_bounds (builder, moat_boundary_get_bounds (boundary));
  json_builder_set_member_name (builder, "attrs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "label");
  json_builder_begin_object (builder);
  add_string (builder, "text", moat_item_get_name (item));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  add_boolean (builder, "visible", TRUE);
  add_string (builder, "shape", "trust-boundary-box");
  add_string (builder, "id", moat_item_get_id (item));
  add_number (builder, "zIndex", z_index);

  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  add_string (builder, "type", "tm.BoundaryBox");
  add_string (builder, "name", moat_item_get_name (item));
  add_string (builder, "description", moat_item_get_description (item));
  add_boolean (builder, "isTrustBoundary", TRUE);
  add_boolean (builder, "hasOpenThreats", FALSE);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
add_note (JsonBuilder    *builder,
          MoatAnnotation *note,
          guint           z_index)
{
  json_builder_begin_object (builder);
  add_bounds (builder, moat_annotation_get_bounds (note));
  json_builder_set_member_name (builder, "attrs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_begin_object (builder);
  add_string (builder, "text", moat_annotation_get_text (note));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  add_boolean (builder, "visible", TRUE);
  add_string (builder, "shape", "td-text-block");
  add_string (builder, "id", moat_annotation_get_id (note));
  add_number (builder, "zIndex", z_index);

  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  add_string (builder, "type", "tm.Text");
  add_string (builder, "name", moat_annotation_get_text (note));
  add_boolean (builder, "hasOpenThreats", FALSE);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
add_curve (JsonBuilder    *builder,
           MoatAnnotation *curve,
           guint           z_index)
{
  const MoatPointList *points = moat_annotation_get_points (curve);
  guint n_points = moat_point_list_get_n_points (points);

  json_builder_begin_object (builder);
  add_string (builder, "shape", "trust-boundary-curve");
  add_line_attrs (builder, FALSE, FALSE, TRUE);
  add_number (builder, "width", 200);
  add_number (builder, "height", 100);
  add_number (builder, "zIndex", z_index);
  add_link_label (builder, moat_annotation_get_text (curve));
  add_string (builder, "connector", "smooth");

  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  add_string (builder, "type", "tm.Boundary");
  add_string (builder, "name", moat_annotation_get_text (curve));
  add_string (builder, "description", moat_annotation_get_description (curve));
  add_boolean (builder, "isTrustBoundary", TRUE);
  add_boolean (builder, "hasOpenThreats", FALSE);
  json_builder_end_object (builder);

  add_string (builder, "id", moat_annotation_get_id (curve));
  add_point (builder, "source", moat_point_list_get_point (points, 0));
  add_point (builder, "target", moat_point_list_get_point (points, n_points - 1));
  add_vertices (builder, moat_point_list_get_points (points) + 1, n_points - 2);
  json_builder_end_object (builder);
}

/* Cells in Moat's drawing order: boundaries at the back, then notes and
 * boundary lines, elements, and flows on top. */
static void
add_cells (JsonBuilder  *builder,
           MoatDocument *document,
           MoatDiagram  *diagram)
{
  GPtrArray *boundaries = moat_diagram_get_boundaries (diagram);
  GPtrArray *annotations = moat_diagram_get_annotations (diagram);
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  GPtrArray *flows = moat_diagram_get_flows (diagram);
  guint z_index = 0;

  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);

  for (guint i = 0; i < boundaries->len; i++)
    add_boundary (builder, g_ptr_array_index (boundaries, i), z_index++);

  for (guint i = 0; i < annotations->len; i++)
    {
      MoatAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (moat_annotation_get_kind (annotation) == MOAT_ANNOTATION_KIND_NOTE)
        add_note (builder, annotation, z_index++);
      else
        add_curve (builder, annotation, z_index++);
    }

  for (guint i = 0; i < elements->len; i++)
    add_element (builder, document, diagram, g_ptr_array_index (elements, i), z_index++);

  for (guint i = 0; i < flows->len; i++)
    add_flow (builder, document, diagram, g_ptr_array_index (flows, i), z_index++);

  json_builder_end_array (builder);
}

/* Threat Dragon numbers diagrams. A diagram imported from Threat Dragon
 * keeps its number (its Moat id is "td-diagram-N"); the others get the
 * next free ones. */
static gint64 *
number_diagrams (GPtrArray *diagrams,
                 gint64    *top)
{
  gint64 *numbers = g_new0 (gint64, diagrams->len + 1);
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 next = 0;

  for (guint i = 0; i < diagrams->len; i++)
    {
      const char *id = moat_diagram_get_id (g_ptr_array_index (diagrams, i));
      guint64 number;
      gint64 wanted;

      numbers[i] = -1;
      if (!g_str_has_prefix (id, "td-diagram-") ||
          !g_ascii_string_to_unsigned (id + strlen ("td-diagram-"), 10, 0, G_MAXINT32, &number,
                                       NULL))
        continue;

      wanted = (gint64)number;
      if (!g_hash_table_contains (used, &wanted))
        {
          numbers[i] = wanted;
          g_hash_table_add (used, &numbers[i]);
          next = MAX (next, numbers[i] + 1);
        }
    }

  for (guint i = 0; i < diagrams->len; i++)
    if (numbers[i] < 0)
      numbers[i] = next++;

  *top = next;

  return numbers;
}

static const char *
get_thumbnail (const char *methodology)
{
  static const struct
  {
    const char *methodology;
    const char *path;
  } thumbnails[] = {
    { "STRIDE", "./public/content/images/thumbnail.stride.jpg" },
    { "LINDDUN", "./public/content/images/thumbnail.linddun.jpg" },
    { "CIA", "./public/content/images/thumbnail.cia.jpg" },
    { "DIE", "./public/content/images/thumbnail.die.jpg" },
    { "PLOT4ai", "./public/content/images/thumbnail.plot4ai.jpg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (thumbnails); i++)
    if (g_ascii_strcasecmp (methodology, thumbnails[i].methodology) == 0)
      return thumbnails[i].path;

  return "./public/content/images/thumbnail.jpg";
}

static void
add_diagram (JsonBuilder  *builder,
             MoatDocument *document,
             MoatDiagram  *diagram,
             gint64        number)
{
  const char *methodology = moat_diagram_get_methodology (diagram);

  /* Threat Dragon requires a methodology; Moat's own diagrams are STRIDE. */
  if (methodology[0] == '\0')
    methodology = "STRIDE";

  json_builder_begin_object (builder);
  add_number (builder, "id", number);
  add_string (builder, "title", moat_diagram_get_name (diagram));
  add_string (builder, "diagramType", methodology);
  add_string (builder, "description", moat_diagram_get_description (diagram));
  add_string (builder, "thumbnail", get_thumbnail (methodology));
  add_string (builder, "version", THREAT_DRAGON_VERSION);
  add_cells (builder, document, diagram);
  json_builder_end_object (builder);
}

static void
add_detail (JsonBuilder  *builder,
            MoatDocument *document)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);
  const char * const *contributors = moat_document_get_contributors (document);
  g_autofree char *reviewers = g_strjoinv (", ", (char **)moat_document_get_reviewers (document));
  g_autofree gint64 *numbers = NULL;
  gint64 top;

  numbers = number_diagrams (diagrams, &top);

  json_builder_set_member_name (builder, "detail");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "contributors");
  json_builder_begin_array (builder);
  for (guint i = 0; contributors[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", contributors[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "diagrams");
  json_builder_begin_array (builder);
  for (guint i = 0; i < diagrams->len; i++)
    add_diagram (builder, document, g_ptr_array_index (diagrams, i), numbers[i]);
  json_builder_end_array (builder);

  add_number (builder, "diagramTop", top);
  add_string (builder, "reviewer", reviewers);
  add_number (builder, "threatTop", moat_document_get_next_threat_number (document) - 1);
  json_builder_end_object (builder);
}

/* Every threat must belong to an element or flow, where Threat Dragon
 * keeps it; one that does not would be lost silently. */
static gboolean
check_threat_targets (MoatDocument  *document,
                      GError       **error)
{
  GPtrArray *threats = moat_document_get_threats (document);

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      gpointer target = moat_document_lookup (document, moat_threat_get_target_id (threat));

      if (!MOAT_IS_ELEMENT (target) && !MOAT_IS_FLOW (target))
        {
          g_autofree char *reference = moat_threat_dup_reference (threat);

          g_set_error (error, MOAT_THREAT_DRAGON_EXPORT_ERROR,
                       MOAT_THREAT_DRAGON_EXPORT_ERROR_INVALID_MODEL,
                       _("%s belongs to “%s”, which is not an element or data flow of the "
                         "model; Threat Dragon keeps threats on their element or flow, so "
                         "attach it to one before exporting"),
                       reference, moat_threat_get_target_id (threat));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * moat_threat_dragon_export:
 * @document: the model to write
 *
 * Writes @document as an OWASP Threat Dragon version 2 model, with each
 * threat on its element or flow.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set
 */
GBytes *
moat_threat_dragon_export (MoatDocument  *document,
                           GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);

  if (!check_threat_targets (document, error))
    return NULL;

  json_builder_begin_object (builder);
  add_string (builder, "version", THREAT_DRAGON_VERSION);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  add_string (builder, "title", moat_document_get_title (document));
  add_string (builder, "owner", moat_document_get_text (document, "owner"));
  add_string (builder, "description", moat_document_get_text (document, "description"));
  add_number (builder, "id", 0);
  json_builder_end_object (builder);

  add_detail (builder, document);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  /* A trailing newline, as text files end. */
  text = g_realloc (text, length + 2);
  text[length] = '\n';
  text[length + 1] = '\0';

  return g_bytes_new_take (text, length + 1);
}
