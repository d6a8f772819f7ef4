/* moat-format-serializer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer half of the .moat format. A serializer writes a document one
 * item (a boundary, element, flow, annotation, threat or a header) at a
 * time, so a main-loop source can run it in slices between frames.
 * moat_format_serialize() runs it to completion in one call.
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-enums.h"
#include "moat-format.h"
#include "moat-format-private.h"
#include "moat-format-serializer.h"
#include "moat-json-writer.h"

typedef enum
{
  STAGE_HEADER,
  STAGE_DIAGRAM_START,
  STAGE_BOUNDARIES,
  STAGE_ELEMENTS,
  STAGE_FLOWS,
  STAGE_DIAGRAM_TEXT,
  STAGE_ANNOTATIONS,
  STAGE_THREATS,
  STAGE_DONE,
} Stage;

struct _MoatFormatSerializer
{
  GObject parent_instance;

  MoatDocument *document;
  MoatJsonWriter *writer;

  /* The position of the next step: the stage, the diagram, and the index
   * in the stage's list once its array is open. */
  Stage stage;
  guint diagram;
  guint index;
  gboolean list_open;

  /* Set by any change of the document since the current pass began. The
   * bytes written so far then describe an older state, so the next step
   * starts again. */
  gboolean stale;
  guint n_restarts;
};

G_DEFINE_FINAL_TYPE (MoatFormatSerializer, moat_format_serializer, G_TYPE_OBJECT)

typedef void (*WriteItemFunc) (MoatJsonWriter *writer,
                               gpointer        item);

static void
write_text_member (MoatJsonWriter *writer,
                   const char     *key,
                   const char     *value)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_string (writer, value);
}

static void
write_strv_member (MoatJsonWriter     *writer,
                   const char         *key,
                   const char * const *values)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_begin_array (writer);
  for (guint i = 0; values[i] != NULL; i++)
    moat_json_writer_string (writer, values[i]);
  moat_json_writer_end_array (writer);
}

static void
write_bounds (MoatJsonWriter *writer,
              MoatRect        bounds)
{
  moat_json_writer_member (writer, "x");
  moat_json_writer_coordinate (writer, bounds.x);
  moat_json_writer_member (writer, "y");
  moat_json_writer_coordinate (writer, bounds.y);
  moat_json_writer_member (writer, "width");
  moat_json_writer_coordinate (writer, bounds.width);
  moat_json_writer_member (writer, "height");
  moat_json_writer_coordinate (writer, bounds.height);
}

static void
write_points_member (MoatJsonWriter      *writer,
                     const char          *key,
                     const MoatPointList *points)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < moat_point_list_get_n_points (points); i++)
    {
      MoatPoint point = moat_point_list_get_point (points, i);

      moat_json_writer_begin_array (writer);
      moat_json_writer_coordinate (writer, point.x);
      moat_json_writer_coordinate (writer, point.y);
      moat_json_writer_end_array (writer);
    }
  moat_json_writer_end_array (writer);
}

static void
write_annotation (MoatJsonWriter *writer,
                  MoatAnnotation *annotation)
{
  MoatAnnotationKind kind = moat_annotation_get_kind (annotation);

  moat_json_writer_begin_object (writer);
  write_text_member (writer, "id", moat_annotation_get_id (annotation));
  moat_json_writer_member (writer, "kind");
  moat_json_writer_string (writer, moat_enum_to_nick (MOAT_TYPE_ANNOTATION_KIND, kind));

  if (kind == MOAT_ANNOTATION_KIND_NOTE)
    {
      write_text_member (writer, "text", moat_annotation_get_text (annotation));
      write_bounds (writer, moat_annotation_get_bounds (annotation));
    }
  else
    {
      write_text_member (writer, "name", moat_annotation_get_text (annotation));
      write_text_member (writer, "description", moat_annotation_get_description (annotation));
      write_points_member (writer, "points", moat_annotation_get_points (annotation));
    }

  moat_json_writer_end_object (writer);
}

static void
write_boolean_member (MoatJsonWriter *writer,
                      const char     *key,
                      gboolean        value)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_boolean (writer, value);
}

static void
write_enum_member (MoatJsonWriter *writer,
                   const char     *key,
                   GType           enum_type,
                   int             value)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_string (writer, moat_enum_to_nick (enum_type, value));
}

static void
write_item_header (MoatJsonWriter *writer,
                   MoatItem       *item)
{
  moat_json_writer_member (writer, "id");
  moat_json_writer_string (writer, moat_item_get_id (item));
}

static void
write_boundary (MoatJsonWriter *writer,
                MoatBoundary   *boundary)
{
  moat_json_writer_begin_object (writer);
  write_item_header (writer, MOAT_ITEM (boundary));
  write_text_member (writer, "name", moat_item_get_name (MOAT_ITEM (boundary)));
  write_text_member (writer, "description", moat_item_get_description (MOAT_ITEM (boundary)));
  write_bounds (writer, moat_boundary_get_bounds (boundary));
  moat_json_writer_end_object (writer);
}

static void
write_flags_member (MoatJsonWriter *writer,
                    const char     *key,
                    GType           flags_type,
                    guint           flags)
{
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (flags_type);

  moat_json_writer_member (writer, key);
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < flags_class->n_values; i++)
    if (flags_class->values[i].value != 0 && (flags & flags_class->values[i].value) != 0)
      moat_json_writer_string (writer, flags_class->values[i].value_nick);
  moat_json_writer_end_array (writer);
}

static void
write_element_analysis (MoatJsonWriter *writer,
                        MoatElement    *element)
{
  write_boolean_member (writer, "authenticates-callers",
                        moat_element_get_authenticates_callers (element));
  write_boolean_member (writer, "checks-authorization",
                        moat_element_get_checks_authorization (element));
  write_boolean_member (writer, "validates-input", moat_element_get_validates_input (element));
  write_boolean_member (writer, "audit-logging", moat_element_get_audit_logging (element));
  write_boolean_member (writer, "elevated-privilege",
                        moat_element_get_elevated_privilege (element));
  write_boolean_member (writer, "internet-facing", moat_element_get_internet_facing (element));
  write_boolean_member (writer, "ai-agent", moat_element_get_ai_agent (element));
  write_flags_member (writer, "agent-tool-permissions", MOAT_TYPE_TOOL_PERMISSION,
                      moat_element_get_agent_tool_permissions (element));
  moat_json_writer_member (writer, "agent-max-iterations");
  moat_json_writer_int (writer, moat_element_get_agent_max_iterations (element));
  moat_json_writer_member (writer, "agent-max-tokens");
  moat_json_writer_int (writer, moat_element_get_agent_max_tokens (element));
}

static void
write_element (MoatJsonWriter *writer,
               MoatElement    *element)
{
  moat_json_writer_begin_object (writer);
  write_item_header (writer, MOAT_ITEM (element));
  write_enum_member (writer, "kind", MOAT_TYPE_ELEMENT_KIND, moat_element_get_kind (element));
  write_text_member (writer, "name", moat_item_get_name (MOAT_ITEM (element)));
  write_text_member (writer, "description", moat_item_get_description (MOAT_ITEM (element)));
  write_text_member (writer, "technology", moat_element_get_technology (element));
  write_boolean_member (writer, "out-of-scope", moat_element_get_out_of_scope (element));
  write_text_member (writer, "out-of-scope-reason",
                     moat_element_get_out_of_scope_reason (element));
  write_bounds (writer, moat_element_get_bounds (element));
  write_text_member (writer, "privilege-level", moat_element_get_privilege_level (element));
  write_boolean_member (writer, "web-application", moat_element_get_web_application (element));
  write_boolean_member (writer, "is-log", moat_element_get_is_log (element));
  write_boolean_member (writer, "stores-credentials",
                        moat_element_get_stores_credentials (element));
  write_boolean_member (writer, "encrypted", moat_element_get_encrypted (element));
  write_boolean_member (writer, "signed", moat_element_get_signed (element));
  write_element_analysis (writer, element);
  moat_json_writer_end_object (writer);
}

static void
write_flow_analysis (MoatJsonWriter *writer,
                     MoatFlow       *flow)
{
  GVariantIter iter;
  const char *rule;
  const char *reason;

  write_enum_member (writer, "authentication-method", MOAT_TYPE_AUTHENTICATION_METHOD,
                     moat_flow_get_authentication_method (flow));
  write_boolean_member (writer, "rate-limited", moat_flow_get_rate_limited (flow));
  write_strv_member (writer, "checked-patterns", moat_flow_get_checked_patterns (flow));

  moat_json_writer_member (writer, "dismissed-suggestions");
  moat_json_writer_begin_array (writer);
  g_variant_iter_init (&iter, moat_flow_get_dismissed_suggestions (flow));
  while (g_variant_iter_next (&iter, "{&s&s}", &rule, &reason))
    {
      moat_json_writer_begin_object (writer);
      write_text_member (writer, "rule", rule);
      write_text_member (writer, "reason", reason);
      moat_json_writer_end_object (writer);
    }
  moat_json_writer_end_array (writer);
}

static void
write_flow (MoatJsonWriter *writer,
            MoatFlow       *flow)
{
  moat_json_writer_begin_object (writer);
  write_item_header (writer, MOAT_ITEM (flow));
  write_text_member (writer, "name", moat_item_get_name (MOAT_ITEM (flow)));
  write_text_member (writer, "description", moat_item_get_description (MOAT_ITEM (flow)));
  write_text_member (writer, "source", moat_flow_get_source_id (flow));
  write_text_member (writer, "target", moat_flow_get_target_id (flow));
  write_text_member (writer, "protocol", moat_flow_get_protocol (flow));
  write_boolean_member (writer, "authenticated", moat_flow_get_authenticated (flow));
  write_boolean_member (writer, "encrypted", moat_flow_get_encrypted (flow));
  write_boolean_member (writer, "bidirectional", moat_flow_get_bidirectional (flow));
  write_enum_member (writer, "classification", MOAT_TYPE_CLASSIFICATION,
                     moat_flow_get_classification (flow));

  moat_json_writer_member (writer, "stride");
  moat_json_writer_begin_object (writer);
  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    {
      moat_json_writer_member (writer, moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY, category));
      moat_json_writer_begin_object (writer);
      write_enum_member (writer, "state", MOAT_TYPE_REVIEW_STATE,
                         moat_flow_get_review_state (flow, category));
      write_text_member (writer, "reason", moat_flow_get_review_reason (flow, category));
      moat_json_writer_end_object (writer);
    }
  moat_json_writer_end_object (writer);

  write_points_member (writer, "vertices", moat_flow_get_vertices (flow));
  write_boolean_member (writer, "signed", moat_flow_get_signed (flow));
  write_boolean_member (writer, "public-network", moat_flow_get_public_network (flow));
  write_boolean_member (writer, "out-of-scope", moat_flow_get_out_of_scope (flow));
  write_text_member (writer, "out-of-scope-reason", moat_flow_get_out_of_scope_reason (flow));
  moat_json_writer_member (writer, "label-position");
  moat_json_writer_coordinate (writer, moat_flow_get_label_position (flow));
  write_flow_analysis (writer, flow);
  moat_json_writer_end_object (writer);
}

static void
write_checklist (MoatJsonWriter      *writer,
                 const char          *key,
                 const MoatChecklist *checklist)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < moat_checklist_get_n_items (checklist); i++)
    {
      moat_json_writer_begin_object (writer);
      write_text_member (writer, "text", moat_checklist_get_text (checklist, i));
      write_boolean_member (writer, "done", moat_checklist_get_done (checklist, i));
      moat_json_writer_end_object (writer);
    }
  moat_json_writer_end_array (writer);
}

static void
write_threat (MoatJsonWriter *writer,
              MoatThreat     *threat)
{
  moat_json_writer_begin_object (writer);
  moat_json_writer_member (writer, "id");
  moat_json_writer_string (writer, moat_threat_get_id (threat));
  moat_json_writer_member (writer, "number");
  moat_json_writer_int (writer, moat_threat_get_number (threat));
  write_text_member (writer, "title", moat_threat_get_title (threat));
  write_enum_member (writer, "category", MOAT_TYPE_STRIDE_CATEGORY,
                     moat_threat_get_category (threat));
  write_text_member (writer, "target", moat_threat_get_target_id (threat));
  write_text_member (writer, "attack-vector", moat_threat_get_attack_vector (threat));
  write_text_member (writer, "prerequisites", moat_threat_get_prerequisites (threat));

  moat_json_writer_member (writer, "impact");
  moat_json_writer_begin_object (writer);
  write_enum_member (writer, "confidentiality", MOAT_TYPE_LEVEL,
                     moat_threat_get_impact_confidentiality (threat));
  write_enum_member (writer, "integrity", MOAT_TYPE_LEVEL,
                     moat_threat_get_impact_integrity (threat));
  write_enum_member (writer, "availability", MOAT_TYPE_LEVEL,
                     moat_threat_get_impact_availability (threat));
  write_text_member (writer, "business", moat_threat_get_business_impact (threat));
  moat_json_writer_end_object (writer);

  write_enum_member (writer, "probability", MOAT_TYPE_LEVEL, moat_threat_get_probability (threat));
  write_text_member (writer, "evidence", moat_threat_get_evidence (threat));

  moat_json_writer_member (writer, "mitigations");
  moat_json_writer_begin_object (writer);
  write_checklist (writer, "short-term", moat_threat_get_short_term (threat));
  write_checklist (writer, "long-term", moat_threat_get_long_term (threat));
  write_checklist (writer, "monitoring", moat_threat_get_monitoring (threat));
  moat_json_writer_end_object (writer);

  write_enum_member (writer, "status", MOAT_TYPE_THREAT_STATUS, moat_threat_get_status (threat));
  write_text_member (writer, "owner", moat_threat_get_owner (threat));
  write_text_member (writer, "due-date", moat_threat_get_due_date (threat));
  write_text_member (writer, "description", moat_threat_get_description (threat));
  write_text_member (writer, "score", moat_threat_get_score (threat));
  write_text_member (writer, "type-label", moat_threat_get_type_label (threat));
  write_text_member (writer, "rule", moat_threat_get_rule_id (threat));
  moat_json_writer_end_object (writer);
}

static void
write_model (MoatJsonWriter *writer,
             MoatDocument   *document)
{
  const char * const *model_keys = moat_format_get_model_keys ();

  moat_json_writer_member (writer, "model");
  moat_json_writer_begin_object (writer);
  for (guint i = 0; model_keys[i] != NULL; i++)
    {
      if (g_str_equal (model_keys[i], "reviewers"))
        write_strv_member (writer, "reviewers", moat_document_get_reviewers (document));
      else if (g_str_equal (model_keys[i], "compliance"))
        write_strv_member (writer, "compliance", moat_document_get_compliance (document));
      else if (g_str_equal (model_keys[i], "contributors"))
        write_strv_member (writer, "contributors", moat_document_get_contributors (document));
      else if (g_str_equal (model_keys[i], "rule-files"))
        write_strv_member (writer, "rule-files", moat_document_get_rule_files (document));
      else
        write_text_member (writer, model_keys[i],
                           moat_document_get_text (document, model_keys[i]));
    }
  moat_json_writer_end_object (writer);
}

/* Opens the array at @key on the first call, writes one item per call and
 * closes the array after the last. Returns %TRUE once the array is closed. */
static gboolean
write_list_step (MoatFormatSerializer *self,
                 const char           *key,
                 GPtrArray            *items,
                 WriteItemFunc         write_item)
{
  if (!self->list_open)
    {
      moat_json_writer_member (self->writer, key);
      moat_json_writer_begin_array (self->writer);
      self->list_open = TRUE;
      self->index = 0;
    }

  if (self->index < items->len)
    {
      write_item (self->writer, g_ptr_array_index (items, self->index));
      self->index++;
      return FALSE;
    }

  moat_json_writer_end_array (self->writer);
  self->list_open = FALSE;

  return TRUE;
}

static void
write_header (MoatFormatSerializer *self)
{
  write_text_member (self->writer, "format", MOAT_FORMAT_NAME);
  moat_json_writer_member (self->writer, "version");
  moat_json_writer_int (self->writer, MOAT_FORMAT_VERSION);
  write_model (self->writer, self->document);
  moat_json_writer_member (self->writer, "next-threat-number");
  moat_json_writer_int (self->writer, moat_document_get_next_threat_number (self->document));
  moat_json_writer_member (self->writer, "diagrams");
  moat_json_writer_begin_array (self->writer);
}

/* Opens the next diagram's object, or closes the "diagrams" array after
 * the last one. */
static void
write_diagram_start (MoatFormatSerializer *self)
{
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);
  MoatDiagram *diagram;

  if (self->diagram == diagrams->len)
    {
      moat_json_writer_end_array (self->writer);
      self->stage = STAGE_THREATS;
      return;
    }

  diagram = g_ptr_array_index (diagrams, self->diagram);
  moat_json_writer_begin_object (self->writer);
  write_text_member (self->writer, "id", moat_diagram_get_id (diagram));
  write_text_member (self->writer, "name", moat_diagram_get_name (diagram));
  self->stage = STAGE_BOUNDARIES;
}

/* Writes one item of the file, in file order, and moves to the next. */
static void
write_next (MoatFormatSerializer *self)
{
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);
  MoatDiagram *diagram = NULL;

  if (self->diagram < diagrams->len)
    diagram = g_ptr_array_index (diagrams, self->diagram);

  switch (self->stage)
    {
    case STAGE_HEADER:
      moat_json_writer_begin_object (self->writer);
      write_header (self);
      self->stage = STAGE_DIAGRAM_START;
      break;

    case STAGE_DIAGRAM_START:
      write_diagram_start (self);
      break;

    case STAGE_BOUNDARIES:
      if (write_list_step (self, "boundaries", moat_diagram_get_boundaries (diagram),
                           (WriteItemFunc)write_boundary))
        self->stage = STAGE_ELEMENTS;
      break;

    case STAGE_ELEMENTS:
      if (write_list_step (self, "elements", moat_diagram_get_elements (diagram),
                           (WriteItemFunc)write_element))
        self->stage = STAGE_FLOWS;
      break;

    case STAGE_FLOWS:
      if (write_list_step (self, "flows", moat_diagram_get_flows (diagram),
                           (WriteItemFunc)write_flow))
        self->stage = STAGE_DIAGRAM_TEXT;
      break;

    case STAGE_DIAGRAM_TEXT:
      write_text_member (self->writer, "methodology", moat_diagram_get_methodology (diagram));
      write_text_member (self->writer, "description", moat_diagram_get_description (diagram));
      self->stage = STAGE_ANNOTATIONS;
      break;

    case STAGE_ANNOTATIONS:
      if (write_list_step (self, "annotations", moat_diagram_get_annotations (diagram),
                           (WriteItemFunc)write_annotation))
        {
          moat_json_writer_end_object (self->writer);
          self->diagram++;
          self->stage = STAGE_DIAGRAM_START;
        }
      break;

    case STAGE_THREATS:
      if (write_list_step (self, "threats", moat_document_get_threats (self->document),
                           (WriteItemFunc)write_threat))
        {
          moat_json_writer_end_object (self->writer);
          self->stage = STAGE_DONE;
        }
      break;

    case STAGE_DONE:
    default:
      g_assert_not_reached ();
    }
}

/* Drops what was written and starts a pass over the document as it is.
 * A restart keeps the buffer, so the new pass neither allocates nor
 * faults in new pages. */
static void
start_pass (MoatFormatSerializer *self)
{
  guint n_threats = moat_document_get_threats (self->document)->len;

  /* About 1 KiB per threat and 500 bytes per item saves most regrowth. */
  if (self->writer == NULL)
    self->writer = moat_json_writer_new (4096 + n_threats * 1024);
  else
    moat_json_writer_reset (self->writer);

  self->stage = STAGE_HEADER;
  self->diagram = 0;
  self->index = 0;
  self->list_open = FALSE;
  self->stale = FALSE;
}

static void
document_changed_cb (MoatFormatSerializer *self)
{
  self->stale = TRUE;
}

static void
moat_format_serializer_dispose (GObject *object)
{
  MoatFormatSerializer *self = (MoatFormatSerializer *)object;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_format_serializer_parent_class)->dispose (object);
}

static void
moat_format_serializer_finalize (GObject *object)
{
  MoatFormatSerializer *self = (MoatFormatSerializer *)object;

  g_clear_pointer (&self->writer, moat_json_writer_free);

  G_OBJECT_CLASS (moat_format_serializer_parent_class)->finalize (object);
}

static void
moat_format_serializer_class_init (MoatFormatSerializerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_format_serializer_dispose;
  object_class->finalize = moat_format_serializer_finalize;
}

static void
moat_format_serializer_init (MoatFormatSerializer *self)
{
}

/**
 * moat_format_serializer_new:
 *
 * Creates a serializer that writes @document as .moat JSON, the bytes
 * moat_format_serialize() returns, in steps. It watches the document, and
 * a change between two steps makes the next step start again, so the
 * result always describes one state of the document.
 *
 * Returns: (transfer full): the serializer
 */
MoatFormatSerializer *
moat_format_serializer_new (MoatDocument *document)
{
  MoatFormatSerializer *self;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);

  self = g_object_new (MOAT_TYPE_FORMAT_SERIALIZER, NULL);
  self->document = g_object_ref (document);

  /* Every change goes through one of these. Items change without a
   * "changed" signal while an edit group (a drag) is open, and the
   * document's own fields notify only. */
  g_signal_connect_swapped (document, "item-added", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "item-removed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "item-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "notify", G_CALLBACK (document_changed_cb), self);

  start_pass (self);

  return self;
}

MoatDocument *
moat_format_serializer_get_document (MoatFormatSerializer *self)
{
  g_return_val_if_fail (MOAT_IS_FORMAT_SERIALIZER (self), NULL);

  return self->document;
}

/**
 * moat_format_serializer_step:
 * @max_items: the number of items to write before returning, or 0 for no
 *   limit
 * @max_duration_usec: the time after which to return, in microseconds, or
 *   a negative number for no limit. The item under way is finished first,
 *   so a step can run over by the time of one item.
 *
 * Writes the next items. When the document changed since the previous
 * step, it drops what was written and starts again from the first item.
 *
 * Returns: %TRUE when the output is complete and describes the document
 *   as it is now, so moat_format_serializer_finish() can take it
 */
gboolean
moat_format_serializer_step (MoatFormatSerializer *self,
                             guint                 max_items,
                             gint64                max_duration_usec)
{
  gint64 deadline = 0;

  g_return_val_if_fail (MOAT_IS_FORMAT_SERIALIZER (self), FALSE);
  g_return_val_if_fail (self->writer != NULL, FALSE);

  if (self->stale)
    {
      self->n_restarts++;
      g_debug ("The document changed during serialization; starting again (restart %u)",
               self->n_restarts);
      start_pass (self);
    }

  if (max_duration_usec >= 0)
    deadline = g_get_monotonic_time () + max_duration_usec;

  for (guint n_items = 0; self->stage != STAGE_DONE; n_items++)
    {
      if (max_items > 0 && n_items == max_items)
        return FALSE;
      if (max_duration_usec >= 0 && n_items > 0 && g_get_monotonic_time () >= deadline)
        return FALSE;

      write_next (self);
    }

  return TRUE;
}

/**
 * moat_format_serializer_get_n_restarts:
 *
 * Returns: how often a change of the document made a step start again
 */
guint
moat_format_serializer_get_n_restarts (MoatFormatSerializer *self)
{
  g_return_val_if_fail (MOAT_IS_FORMAT_SERIALIZER (self), 0);

  return self->n_restarts;
}

/**
 * moat_format_serializer_finish:
 *
 * Takes the output after moat_format_serializer_step() returned %TRUE and
 * the document did not change since. The serializer cannot step again.
 *
 * Returns: (transfer full): the file contents
 */
GBytes *
moat_format_serializer_finish (MoatFormatSerializer *self)
{
  g_return_val_if_fail (MOAT_IS_FORMAT_SERIALIZER (self), NULL);
  g_return_val_if_fail (self->writer != NULL, NULL);
  g_return_val_if_fail (self->stage == STAGE_DONE && !self->stale, NULL);

  return moat_json_writer_free_to_bytes (g_steal_pointer (&self->writer));
}
