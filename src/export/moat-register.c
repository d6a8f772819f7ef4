/* moat-register.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <string.h>

#include "moat-json-writer.h"
#include "moat-register.h"

/* Field values are the model's text as it is, and the values of the .moat
 * format for enumerations: categories and component kinds in lowercase,
 * levels, severities and statuses in uppercase as the review document
 * writes them. An unscored level or severity is empty. Nothing here is
 * translated, so a register reads the same in every locale. */

typedef enum
{
  COLUMN_REFERENCE,
  COLUMN_ID,
  COLUMN_TITLE,
  COLUMN_CATEGORY,
  COLUMN_TYPE,
  COLUMN_DIAGRAM_ID,
  COLUMN_DIAGRAM,
  COLUMN_COMPONENT_KIND,
  COLUMN_COMPONENT_ID,
  COLUMN_COMPONENT,
  COLUMN_ATTACK_VECTOR,
  COLUMN_PREREQUISITES,
  COLUMN_IMPACT_CONFIDENTIALITY,
  COLUMN_IMPACT_INTEGRITY,
  COLUMN_IMPACT_AVAILABILITY,
  COLUMN_IMPACT,
  COLUMN_BUSINESS_IMPACT,
  COLUMN_PROBABILITY,
  COLUMN_SEVERITY,
  COLUMN_EVIDENCE,
  COLUMN_SHORT_TERM,
  COLUMN_LONG_TERM,
  COLUMN_MONITORING,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_DUE_DATE,
  COLUMN_DESCRIPTION,
  N_COLUMNS
} Column;

/* The header row. These names are part of the register's format: a
 * change needs a new MOAT_REGISTER_VERSION. */
static const char * const column_names[N_COLUMNS + 1] = {
  [COLUMN_REFERENCE] = "reference",
  [COLUMN_ID] = "id",
  [COLUMN_TITLE] = "title",
  [COLUMN_CATEGORY] = "category",
  [COLUMN_TYPE] = "type",
  [COLUMN_DIAGRAM_ID] = "diagram-id",
  [COLUMN_DIAGRAM] = "diagram",
  [COLUMN_COMPONENT_KIND] = "component-kind",
  [COLUMN_COMPONENT_ID] = "component-id",
  [COLUMN_COMPONENT] = "component",
  [COLUMN_ATTACK_VECTOR] = "attack-vector",
  [COLUMN_PREREQUISITES] = "prerequisites",
  [COLUMN_IMPACT_CONFIDENTIALITY] = "impact-confidentiality",
  [COLUMN_IMPACT_INTEGRITY] = "impact-integrity",
  [COLUMN_IMPACT_AVAILABILITY] = "impact-availability",
  [COLUMN_IMPACT] = "impact",
  [COLUMN_BUSINESS_IMPACT] = "business-impact",
  [COLUMN_PROBABILITY] = "probability",
  [COLUMN_SEVERITY] = "severity",
  [COLUMN_EVIDENCE] = "evidence",
  [COLUMN_SHORT_TERM] = "short-term",
  [COLUMN_LONG_TERM] = "long-term",
  [COLUMN_MONITORING] = "monitoring",
  [COLUMN_STATUS] = "status",
  [COLUMN_OWNER] = "owner",
  [COLUMN_DUE_DATE] = "due-date",
  [COLUMN_DESCRIPTION] = "description",
  NULL
};

/* What a threat belongs to, resolved from its target id. */
typedef struct
{
  const char *kind;
  const char *id;
  char *name;
  MoatDiagram *diagram;
} Component;

static void
component_clear (Component *component)
{
  g_clear_pointer (&component->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Component, component_clear)

static const char *
get_element_name (MoatElement *element)
{
  const char *name = element != NULL ? moat_item_get_name (MOAT_ITEM (element)) : NULL;

  return name != NULL ? name : "";
}

/* Fills @component from the threat's target: a flow is named
 * "Source → Target: label", like the review document does. A target that
 * the model lacks leaves the kind and name empty but keeps the id. */
static void
component_init (Component    *component,
                MoatDocument *document,
                MoatThreat   *threat)
{
  const char *target_id = moat_threat_get_target_id (threat);
  gpointer target = moat_document_lookup (document, target_id);

  *component = (Component) { "", target_id != NULL ? target_id : "", NULL, NULL };

  if (MOAT_IS_FLOW (target))
    {
      MoatFlow *flow = target;
      const char *label = moat_item_get_name (MOAT_ITEM (flow));
      const char *arrow = moat_flow_get_bidirectional (flow) ? " ↔ " : " → ";

      component->kind = "data-flow";
      component->name = g_strconcat (get_element_name (moat_document_get_flow_source (document,
                                                                                      flow)),
                                     arrow,
                                     get_element_name (moat_document_get_flow_target (document,
                                                                                      flow)),
                                     label != NULL && label[0] != '\0' ? ": " : "",
                                     label != NULL ? label : "",
                                     NULL);
    }
  else if (MOAT_IS_ELEMENT (target))
    {
      component->kind = moat_enum_to_nick (MOAT_TYPE_ELEMENT_KIND,
                                           moat_element_get_kind (target));
      component->name = g_strdup (get_element_name (target));
    }

  if (target != NULL && MOAT_IS_ITEM (target))
    component->diagram = moat_document_get_diagram_of (document, target);
}

/* The uppercase value of a level or severity, or "" when unscored. */
static char *
dup_rating (GType enum_type,
            int   value)
{
  if (value == 0)
    return g_strdup ("");

  return g_ascii_strup (moat_enum_to_nick (enum_type, value), -1);
}

static char *
dup_status (MoatThreatStatus status)
{
  return g_ascii_strup (moat_enum_to_nick (MOAT_TYPE_THREAT_STATUS, status), -1);
}

/* A checklist in one CSV field: one line per item, "[ ] " or "[x] " and
 * the text, as in a Markdown task list. */
static char *
dup_checklist_lines (const MoatChecklist *checklist)
{
  GString *lines = g_string_new (NULL);
  guint n_items = checklist != NULL ? moat_checklist_get_n_items (checklist) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      if (i > 0)
        g_string_append_c (lines, '\n');
      g_string_append (lines, moat_checklist_get_done (checklist, i) ? "[x] " : "[ ] ");
      g_string_append (lines, moat_checklist_get_text (checklist, i));
    }

  return g_string_free (lines, FALSE);
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

/* Spreadsheets run a cell that starts with one of these as a formula,
 * which a hostile model could use to run commands or leak data when the
 * register is opened. */
static gboolean
starts_formula (const char *field)
{
  return field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL;
}

/* Appends one field as RFC 4180 says: quoted when it contains a comma, a
 * quote or a line break, with quotes doubled. With @guard_formulas, a
 * field that a spreadsheet would run as a formula gets a leading
 * apostrophe, which spreadsheets show as text; this changes the field, so
 * it is an option. */
static void
append_csv_field (GString    *out,
                  const char *field,
                  gboolean    guard_formulas)
{
  gboolean guard = guard_formulas && starts_formula (field);
  gboolean quote = guard || strpbrk (field, ",\"\r\n") != NULL;

  if (!quote)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');

  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }

  g_string_append_c (out, '"');
}

static void
append_csv_row (GString            *out,
                const char * const *fields,
                gboolean            guard_formulas)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (fields[i], -1);

      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, valid, guard_formulas);
    }

  g_string_append (out, "\r\n");
}

static void
append_threat_row (GString      *out,
                   MoatDocument *document,
                   MoatThreat   *threat,
                   gboolean      guard_formulas)
{
  g_auto(Component) component = { NULL, };
  g_autofree char *reference = moat_threat_dup_reference (threat);
  g_autofree char *confidentiality = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *availability = NULL;
  g_autofree char *impact = NULL;
  g_autofree char *probability = NULL;
  g_autofree char *severity = NULL;
  g_autofree char *status = NULL;
  g_autofree char *short_term = NULL;
  g_autofree char *long_term = NULL;
  g_autofree char *monitoring = NULL;
  const char *fields[N_COLUMNS];

  component_init (&component, document, threat);
  confidentiality = dup_rating (MOAT_TYPE_LEVEL, moat_threat_get_impact_confidentiality (threat));
  integrity = dup_rating (MOAT_TYPE_LEVEL, moat_threat_get_impact_integrity (threat));
  availability = dup_rating (MOAT_TYPE_LEVEL, moat_threat_get_impact_availability (threat));
  impact = dup_rating (MOAT_TYPE_LEVEL, moat_threat_get_impact (threat));
  probability = dup_rating (MOAT_TYPE_LEVEL, moat_threat_get_probability (threat));
  severity = dup_rating (MOAT_TYPE_SEVERITY, moat_threat_get_severity (threat));
  status = dup_status (moat_threat_get_status (threat));
  short_term = dup_checklist_lines (moat_threat_get_short_term (threat));
  long_term = dup_checklist_lines (moat_threat_get_long_term (threat));
  monitoring = dup_checklist_lines (moat_threat_get_monitoring (threat));

  fields[COLUMN_REFERENCE] = reference;
  fields[COLUMN_ID] = nonnull (moat_threat_get_id (threat));
  fields[COLUMN_TITLE] = nonnull (moat_threat_get_title (threat));
  fields[COLUMN_CATEGORY] = moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY,
                                               moat_threat_get_category (threat));
  fields[COLUMN_TYPE] = nonnull (moat_threat_get_type_label (threat));
  fields[COLUMN_DIAGRAM_ID] = component.diagram != NULL ? moat_diagram_get_id (component.diagram)
                                                        : "";
  fields[COLUMN_DIAGRAM] = component.diagram != NULL
                           ? nonnull (moat_diagram_get_name (component.diagram)) : "";
  fields[COLUMN_COMPONENT_KIND] = component.kind;
  fields[COLUMN_COMPONENT_ID] = component.id;
  fields[COLUMN_COMPONENT] = nonnull (component.name);
  fields[COLUMN_ATTACK_VECTOR] = nonnull (moat_threat_get_attack_vector (threat));
  fields[COLUMN_PREREQUISITES] = nonnull (moat_threat_get_prerequisites (threat));
  fields[COLUMN_IMPACT_CONFIDENTIALITY] = confidentiality;
  fields[COLUMN_IMPACT_INTEGRITY] = integrity;
  fields[COLUMN_IMPACT_AVAILABILITY] = availability;
  fields[COLUMN_IMPACT] = impact;
  fields[COLUMN_BUSINESS_IMPACT] = nonnull (moat_threat_get_business_impact (threat));
  fields[COLUMN_PROBABILITY] = probability;
  fields[COLUMN_SEVERITY] = severity;
  fields[COLUMN_EVIDENCE] = nonnull (moat_threat_get_evidence (threat));
  fields[COLUMN_SHORT_TERM] = short_term;
  fields[COLUMN_LONG_TERM] = long_term;
  fields[COLUMN_MONITORING] = monitoring;
  fields[COLUMN_STATUS] = status;
  fields[COLUMN_OWNER] = nonnull (moat_threat_get_owner (threat));
  fields[COLUMN_DUE_DATE] = nonnull (moat_threat_get_due_date (threat));
  fields[COLUMN_DESCRIPTION] = nonnull (moat_threat_get_description (threat));

  append_csv_row (out, fields, guard_formulas);
}

/**
 * moat_register_get_csv_columns:
 *
 * Returns: (transfer none): the names of the CSV columns in their order,
 *   %NULL-terminated
 */
const char * const *
moat_register_get_csv_columns (void)
{
  return column_names;
}

/**
 * moat_register_export_csv:
 * @document: the model
 * @options: which threats, in which order
 * @guard_formulas: whether to start a field that a spreadsheet would run
 *   as a formula with an apostrophe
 * @error: where to report a diagram option that matches no diagram
 *
 * Writes the threat register as CSV (RFC 4180): UTF-8 without a byte
 * order mark, CRLF line ends, a header row, then one row per threat with
 * every column of moat_register_get_csv_columns(), empty ones included.
 *
 * Returns: (transfer full): the CSV bytes, or %NULL with @error set
 */
GBytes *
moat_register_export_csv (MoatDocument             *document,
                          const MoatExportOptions  *options,
                          gboolean                  guard_formulas,
                          GError                  **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  selection = moat_export_selection_new (document, options, error);
  if (selection == NULL)
    return NULL;

  append_csv_row (out, column_names, FALSE);

  for (guint i = 0; i < selection->threats->len; i++)
    append_threat_row (out, document, g_ptr_array_index (selection->threats, i), guard_formulas);

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static void
write_member (MoatJsonWriter *writer,
              const char     *key,
              const char     *value)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_string (writer, value);
}

static void
write_string_array (MoatJsonWriter     *writer,
                    const char         *key,
                    const char * const *values)
{
  moat_json_writer_member (writer, key);
  moat_json_writer_begin_array (writer);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    moat_json_writer_string (writer, values[i]);
  moat_json_writer_end_array (writer);
}

static void
write_checklist (MoatJsonWriter      *writer,
                 const char          *key,
                 const MoatChecklist *checklist)
{
  guint n_items = checklist != NULL ? moat_checklist_get_n_items (checklist) : 0;

  moat_json_writer_member (writer, key);
  moat_json_writer_begin_array (writer);

  for (guint i = 0; i < n_items; i++)
    {
      moat_json_writer_begin_object (writer);
      write_member (writer, "text", moat_checklist_get_text (checklist, i));
      moat_json_writer_member (writer, "done");
      moat_json_writer_boolean (writer, moat_checklist_get_done (checklist, i));
      moat_json_writer_end_object (writer);
    }

  moat_json_writer_end_array (writer);
}

static void
write_rating (MoatJsonWriter *writer,
              const char     *key,
              GType           enum_type,
              int             value)
{
  g_autofree char *rating = dup_rating (enum_type, value);

  write_member (writer, key, rating);
}

static void
write_threat (MoatJsonWriter *writer,
              MoatDocument   *document,
              MoatThreat     *threat)
{
  g_auto(Component) component = { NULL, };
  g_autofree char *reference = moat_threat_dup_reference (threat);
  g_autofree char *status = dup_status (moat_threat_get_status (threat));

  component_init (&component, document, threat);

  moat_json_writer_begin_object (writer);
  write_member (writer, "reference", reference);
  moat_json_writer_member (writer, "number");
  moat_json_writer_int (writer, moat_threat_get_number (threat));
  write_member (writer, "id", moat_threat_get_id (threat));
  write_member (writer, "title", moat_threat_get_title (threat));
  write_member (writer, "category", moat_enum_to_nick (MOAT_TYPE_STRIDE_CATEGORY,
                                                       moat_threat_get_category (threat)));
  write_member (writer, "type", moat_threat_get_type_label (threat));

  moat_json_writer_member (writer, "component");
  moat_json_writer_begin_object (writer);
  write_member (writer, "kind", component.kind);
  write_member (writer, "id", component.id);
  write_member (writer, "name", component.name);
  write_member (writer, "diagram-id",
                component.diagram != NULL ? moat_diagram_get_id (component.diagram) : "");
  write_member (writer, "diagram",
                component.diagram != NULL ? moat_diagram_get_name (component.diagram) : "");
  moat_json_writer_end_object (writer);

  write_member (writer, "attack-vector", moat_threat_get_attack_vector (threat));
  write_member (writer, "prerequisites", moat_threat_get_prerequisites (threat));

  moat_json_writer_member (writer, "impact");
  moat_json_writer_begin_object (writer);
  write_rating (writer, "confidentiality", MOAT_TYPE_LEVEL,
                moat_threat_get_impact_confidentiality (threat));
  write_rating (writer, "integrity", MOAT_TYPE_LEVEL, moat_threat_get_impact_integrity (threat));
  write_rating (writer, "availability", MOAT_TYPE_LEVEL,
                moat_threat_get_impact_availability (threat));
  write_rating (writer, "overall", MOAT_TYPE_LEVEL, moat_threat_get_impact (threat));
  write_member (writer, "business", moat_threat_get_business_impact (threat));
  moat_json_writer_end_object (writer);

  write_rating (writer, "probability", MOAT_TYPE_LEVEL, moat_threat_get_probability (threat));
  write_rating (writer, "severity", MOAT_TYPE_SEVERITY, moat_threat_get_severity (threat));
  write_member (writer, "evidence", moat_threat_get_evidence (threat));

  moat_json_writer_member (writer, "mitigations");
  moat_json_writer_begin_object (writer);
  write_checklist (writer, "short-term", moat_threat_get_short_term (threat));
  write_checklist (writer, "long-term", moat_threat_get_long_term (threat));
  write_checklist (writer, "monitoring", moat_threat_get_monitoring (threat));
  moat_json_writer_end_object (writer);

  write_member (writer, "status", status);
  write_member (writer, "owner", moat_threat_get_owner (threat));
  write_member (writer, "due-date", moat_threat_get_due_date (threat));
  write_member (writer, "description", moat_threat_get_description (threat));
  moat_json_writer_end_object (writer);
}

static void
write_model (MoatJsonWriter *writer,
             MoatDocument   *document)
{
  moat_json_writer_member (writer, "model");
  moat_json_writer_begin_object (writer);
  write_member (writer, "title", moat_document_get_title (document));
  write_member (writer, "owner", moat_document_get_text (document, "owner"));
  write_string_array (writer, "reviewers", moat_document_get_reviewers (document));
  write_member (writer, "model-version", moat_document_get_text (document, "model-version"));
  moat_json_writer_end_object (writer);
}

static void
write_filters (MoatJsonWriter          *writer,
               MoatExportSelection     *selection)
{
  const MoatExportOptions *options = selection->options;

  moat_json_writer_member (writer, "included");
  moat_json_writer_begin_object (writer);
  moat_json_writer_member (writer, "mitigated");
  moat_json_writer_boolean (writer, options->include_mitigated);
  moat_json_writer_member (writer, "accepted");
  moat_json_writer_boolean (writer, options->include_accepted);
  moat_json_writer_member (writer, "transferred");
  moat_json_writer_boolean (writer, options->include_transferred);
  moat_json_writer_member (writer, "out-of-scope");
  moat_json_writer_boolean (writer, options->include_out_of_scope);

  moat_json_writer_member (writer, "diagrams");
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < selection->diagrams->len; i++)
    moat_json_writer_string (writer, moat_diagram_get_id (g_ptr_array_index (selection->diagrams,
                                                                             i)));
  moat_json_writer_end_array (writer);
  moat_json_writer_end_object (writer);
}

/**
 * moat_register_export_json:
 * @document: the model
 * @options: which threats, in which order
 * @error: where to report a diagram option that matches no diagram
 *
 * Writes the threat register as JSON in the layout of
 * data/threat-register.schema.json: the format name and version, the
 * export date, the model's title and people, what the options included,
 * and one object per threat.
 *
 * Returns: (transfer full): the JSON bytes, or %NULL with @error set
 */
GBytes *
moat_register_export_json (MoatDocument             *document,
                           const MoatExportOptions  *options,
                           GError                  **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;
  g_autoptr(MoatJsonWriter) writer = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  selection = moat_export_selection_new (document, options, error);
  if (selection == NULL)
    return NULL;

  date = moat_export_dup_date (options);
  writer = moat_json_writer_new (4096);

  moat_json_writer_begin_object (writer);
  write_member (writer, "format", MOAT_REGISTER_FORMAT_NAME);
  moat_json_writer_member (writer, "version");
  moat_json_writer_int (writer, MOAT_REGISTER_VERSION);
  write_member (writer, "exported", date);
  write_model (writer, document);
  write_filters (writer, selection);

  moat_json_writer_member (writer, "threats");
  moat_json_writer_begin_array (writer);
  for (guint i = 0; i < selection->threats->len; i++)
    write_threat (writer, document, g_ptr_array_index (selection->threats, i));
  moat_json_writer_end_array (writer);

  moat_json_writer_end_object (writer);

  return moat_json_writer_free_to_bytes (g_steal_pointer (&writer));
}
