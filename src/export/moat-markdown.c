/* moat-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-coverage.h"
#include "moat-markdown-private.h"
#include "moat-render.h"

/* Writes the review document as GitHub-flavoured Markdown that is also
 * valid CommonMark. Its sections are the metadata, objectives and scope,
 * the diagrams as images, tables of components and data flows, the STRIDE
 * review of each flow, one section per threat, a summary and a legend.
 * Text from the model is escaped by moat_markdown_append_text(). */

static const char *
get_element_name (MoatElement *element)
{
  return element != NULL ? moat_item_get_name (MOAT_ITEM (element)) : NULL;
}

static gboolean
is_diagram_listed (MoatMarkdownWriter *writer)
{
  return writer->selection->diagrams->len > 1;
}

static const char *
get_diagram_title (MoatDiagram *diagram)
{
  const char *name = moat_diagram_get_name (diagram);

  return moat_markdown_is_blank (name) ? _("Untitled diagram") : name;
}

MoatCrossings *
moat_markdown_get_crossings (MoatMarkdownWriter *writer,
                             MoatFlow           *flow)
{
  MoatDiagram *diagram = moat_document_get_diagram_of (writer->document, MOAT_ITEM (flow));
  guint index;

  if (diagram == NULL || !g_ptr_array_find (writer->selection->diagrams, diagram, &index))
    return NULL;

  return g_ptr_array_index (writer->crossings, index);
}

static gboolean
is_flow_listed (MoatMarkdownWriter *writer,
                MoatFlow           *flow)
{
  return writer->options->include_out_of_scope ||
         !moat_export_is_flow_out_of_scope (writer->document, flow);
}

static gboolean
is_element_listed (MoatMarkdownWriter *writer,
                   MoatElement        *element)
{
  return writer->options->include_out_of_scope || !moat_element_get_out_of_scope (element);
}

/* A run of MoatMarkdownThreatIndex.threats. */
typedef struct
{
  guint start;
  guint length;
} ThreatGroup;

/* The selected threats grouped by target id, so that each component and
 * flow finds its own without scanning every threat. The groups share one
 * array, which costs a few allocations for the whole document. */
struct _MoatMarkdownThreatIndex
{
  /* target id → index + 1 in groups */
  GHashTable *group_of_target;
  GArray *groups;
  GPtrArray *threats;
};

static void
threat_index_free (MoatMarkdownThreatIndex *index)
{
  g_hash_table_unref (index->group_of_target);
  g_array_unref (index->groups);
  g_ptr_array_unref (index->threats);
  g_free (index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatMarkdownThreatIndex, threat_index_free)

/* Groups @threats by target id, keeping their order within each group:
 * one pass counts the threats of each target, and a second one puts
 * each threat at the next free place of its group. */
static MoatMarkdownThreatIndex *
threat_index_new (GPtrArray *threats)
{
  MoatMarkdownThreatIndex *index = g_new0 (MoatMarkdownThreatIndex, 1);
  g_autofree guint *group_of_threat = g_new0 (guint, threats->len);
  g_autofree guint *next_free = NULL;
  guint start = 0;

  index->group_of_target = g_hash_table_new (g_str_hash, g_str_equal);
  index->groups = g_array_new (FALSE, FALSE, sizeof (ThreatGroup));
  index->threats = g_ptr_array_sized_new (threats->len);

  for (guint i = 0; i < threats->len; i++)
    {
      const char *target_id = moat_threat_get_target_id (g_ptr_array_index (threats, i));
      guint group;

      if (target_id == NULL)
        continue;

      group = GPOINTER_TO_UINT (g_hash_table_lookup (index->group_of_target, target_id));
      if (group == 0)
        {
          ThreatGroup empty = { 0, 0 };

          g_array_append_val (index->groups, empty);
          group = index->groups->len;
          g_hash_table_insert (index->group_of_target, (char *)target_id,
                               GUINT_TO_POINTER (group));
        }

      g_array_index (index->groups, ThreatGroup, group - 1).length++;
      group_of_threat[i] = group;
    }

  next_free = g_new (guint, index->groups->len);
  for (guint g = 0; g < index->groups->len; g++)
    {
      g_array_index (index->groups, ThreatGroup, g).start = start;
      next_free[g] = start;
      start += g_array_index (index->groups, ThreatGroup, g).length;
    }

  g_ptr_array_set_size (index->threats, start);
  for (guint i = 0; i < threats->len; i++)
    if (group_of_threat[i] > 0)
      index->threats->pdata[next_free[group_of_threat[i] - 1]++] = g_ptr_array_index (threats, i);

  return index;
}

/* Returns the selected threats that belong to @target_id, in the order
 * of the selection, and their number in @n_threats. */
static MoatThreat **
get_listed_threats_for (MoatMarkdownWriter *writer,
                        const char         *target_id,
                        guint              *n_threats)
{
  MoatMarkdownThreatIndex *index = writer->threat_index;
  guint group = GPOINTER_TO_UINT (g_hash_table_lookup (index->group_of_target, target_id));
  const ThreatGroup *run;

  if (group == 0)
    {
      *n_threats = 0;
      return NULL;
    }

  run = &g_array_index (index->groups, ThreatGroup, group - 1);
  *n_threats = run->length;

  return (MoatThreat **)&g_ptr_array_index (index->threats, run->start);
}

/* Translates @msgid, a message id marked with N_(), once per document.
 * The labels of each threat section and review row repeat thousands of
 * times in a large model, and every gettext call takes a lock. Format
 * strings still go through _(), because xgettext marks a message as a
 * format only where it reaches a printf function directly. */
static const char *
translate (MoatMarkdownWriter *writer,
           const char         *msgid)
{
  const char *translation = g_hash_table_lookup (writer->translations, msgid);

  if (translation == NULL)
    {
      translation = _(msgid);
      g_hash_table_insert (writer->translations, (gpointer)msgid, (gpointer)translation);
    }

  return translation;
}

static void
write_header (MoatMarkdownWriter *writer)
{
  const char *title = moat_document_get_title (writer->document);
  const char *description = moat_document_get_text (writer->document, "description");
  g_autofree char *date = moat_export_dup_date (writer->options);

  moat_markdown_write_heading (writer, 1, moat_markdown_is_blank (title) ? _("Threat model")
                                                                         : title);

  if (!moat_markdown_is_blank (description))
    {
      moat_markdown_append_multiline (writer->out, description, "");
      g_string_append (writer->out, "\n\n");
    }

  moat_markdown_write_text_field (writer, _("Owner"),
                                  moat_document_get_text (writer->document, "owner"));
  moat_markdown_write_list_field (writer, _("Reviewers"),
                                  moat_document_get_reviewers (writer->document));
  moat_markdown_write_text_field (writer, _("Model version"),
                                  moat_document_get_text (writer->document, "model-version"));
  moat_markdown_write_text_field (writer, _("Exported"), date);

  if (writer->options->diagram != NULL)
    moat_markdown_write_text_field (writer, _("Diagram"),
                                    get_diagram_title (writer->selection->diagrams->pdata[0]));

  g_string_append_c (writer->out, '\n');
}

static void
write_exclusions (MoatMarkdownWriter *writer)
{
  const MoatExportOptions *options = writer->options;
  g_autoptr(GPtrArray) excluded = g_ptr_array_new ();

  if (!options->include_mitigated)
    g_ptr_array_add (excluded, _("mitigated threats"));
  if (!options->include_accepted)
    g_ptr_array_add (excluded, _("accepted threats"));
  if (!options->include_transferred)
    g_ptr_array_add (excluded, _("transferred threats"));
  if (!options->include_out_of_scope)
    g_ptr_array_add (excluded, _("out-of-scope components"));

  if (excluded->len == 0)
    return;

  g_ptr_array_add (excluded, NULL);
  moat_markdown_write_list_field (writer, _("Left out of this document"),
                                  (const char * const *)excluded->pdata);
  g_string_append_c (writer->out, '\n');
}

static void
write_objectives (MoatMarkdownWriter *writer)
{
  MoatDocument *document = writer->document;

  moat_markdown_write_heading (writer, 2, _("Objectives and scope"));

  moat_markdown_write_text_field (writer, _("Business objectives"),
                                  moat_document_get_text (document, "business-objectives"));
  moat_markdown_write_text_field (writer, _("Security objectives"),
                                  moat_document_get_text (document, "security-objectives"));
  moat_markdown_write_list_field (writer, _("Compliance"),
                                  moat_document_get_compliance (document));
  moat_markdown_write_text_field (writer, _("Risk appetite"),
                                  moat_document_get_text (document, "risk-appetite"));
  moat_markdown_write_text_field (writer, _("Technical scope"),
                                  moat_document_get_text (document, "technical-scope"));

  g_string_append_c (writer->out, '\n');
}

/* Appends an inline link destination: the file name with every byte
 * outside the URL's unreserved characters percent-encoded, so that no
 * space, bracket or parenthesis in a file name can end the link. */
static void
append_link_destination (GString    *out,
                         const char *file_name)
{
  g_autofree char *escaped = g_uri_escape_string (file_name, NULL, FALSE);

  g_string_append_c (out, '(');
  g_string_append (out, escaped);
  g_string_append_c (out, ')');
}

static gboolean
add_image (GPtrArray        *image_files,
           MoatDocument     *document,
           MoatDiagram      *diagram,
           MoatImageFormat   format,
           const char       *name,
           const MoatMarkdownImages *images,
           GError          **error)
{
  g_autoptr(GPtrArray) diagrams = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;

  g_ptr_array_add (diagrams, diagram);
  bytes = moat_image_export (document, diagrams, format, &images->image_options, error);
  if (bytes == NULL)
    return FALSE;

  g_ptr_array_add (image_files, moat_export_file_new (name, bytes));

  return TRUE;
}

/* Writes one diagram's image link, and adds the image files to
 * @image_files. An empty diagram has no image, so it gets a sentence. */
static gboolean
write_diagram_image (MoatMarkdownWriter        *writer,
                     MoatDiagram               *diagram,
                     const char                *svg_name,
                     const char                *png_name,
                     const MoatMarkdownImages  *images,
                     GPtrArray                 *image_files,
                     GError                   **error)
{
  const char *title = get_diagram_title (diagram);
  MoatRect extents;

  if (!moat_render_get_diagram_extents (writer->document, diagram, &extents))
    {
      moat_markdown_write_paragraph (writer, _("This diagram is empty."));
      return TRUE;
    }

  if (svg_name != NULL && !add_image (image_files, writer->document, diagram,
                                      MOAT_IMAGE_FORMAT_SVG, svg_name, images, error))
    return FALSE;
  if (png_name != NULL && !add_image (image_files, writer->document, diagram,
                                      MOAT_IMAGE_FORMAT_PNG, png_name, images, error))
    return FALSE;

  g_string_append (writer->out, "![");
  moat_markdown_append_text (writer->out, title);
  g_string_append_c (writer->out, ']');
  append_link_destination (writer->out, svg_name != NULL ? svg_name : png_name);
  g_string_append (writer->out, "\n\n");

  if (svg_name != NULL && png_name != NULL)
    {
      g_string_append_c (writer->out, '[');
      moat_markdown_append_text (writer->out, _("The diagram as a PNG image"));
      g_string_append_c (writer->out, ']');
      append_link_destination (writer->out, png_name);
      g_string_append (writer->out, "\n\n");
    }

  return TRUE;
}

static gboolean
write_diagrams (MoatMarkdownWriter        *writer,
                const MoatMarkdownImages  *images,
                GPtrArray                 *image_files,
                GError                   **error)
{
  GPtrArray *diagrams = writer->selection->diagrams;
  g_auto(GStrv) svg_names = NULL;
  g_auto(GStrv) png_names = NULL;

  if (images == NULL || images->prefix == NULL || (!images->svg && !images->png))
    return TRUE;

  if (images->svg)
    svg_names = moat_image_dup_file_names (diagrams, images->prefix, MOAT_IMAGE_FORMAT_SVG);
  if (images->png)
    png_names = moat_image_dup_file_names (diagrams, images->prefix, MOAT_IMAGE_FORMAT_PNG);

  moat_markdown_write_heading (writer, 2, _("Diagrams"));

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);
      const char *description = moat_diagram_get_description (diagram);

      moat_markdown_write_heading (writer, 3, get_diagram_title (diagram));

      if (!moat_markdown_is_blank (description))
        {
          moat_markdown_append_multiline (writer->out, description, "");
          g_string_append (writer->out, "\n\n");
        }

      if (!write_diagram_image (writer, diagram, svg_names != NULL ? svg_names[i] : NULL,
                                png_names != NULL ? png_names[i] : NULL, images, image_files,
                                error))
        return FALSE;
    }

  return TRUE;
}

static char *
dup_scope_cell (gboolean    out_of_scope,
                const char *reason)
{
  if (!out_of_scope)
    return g_strdup (_("In scope"));

  if (moat_markdown_is_blank (reason))
    return g_strdup (_("Out of scope"));

  /* Translators: the scope column of a table, followed by the reason. */
  return g_strdup_printf (_("Out of scope: %s"), reason);
}

static char *
dup_threat_count (MoatMarkdownWriter *writer,
                  const char         *target_id)
{
  guint n_threats;

  get_listed_threats_for (writer, target_id, &n_threats);

  return g_strdup_printf ("%u", n_threats);
}

static void
write_component_row (MoatMarkdownWriter *writer,
                     MoatCrossings      *crossings,
                     MoatElement        *element)
{
  const char *id = moat_item_get_id (MOAT_ITEM (element));
  MoatBoundary *zone = moat_crossings_get_zone (crossings, id);
  g_autofree char *scope = dup_scope_cell (moat_element_get_out_of_scope (element),
                                           moat_element_get_out_of_scope_reason (element));
  g_autofree char *n_threats = dup_threat_count (writer, id);
  const char *cells[] = {
    moat_item_get_name (MOAT_ITEM (element)),
    writer->kind_labels[moat_element_get_kind (element)],
    moat_element_get_technology (element),
    zone != NULL ? moat_item_get_name (MOAT_ITEM (zone))
                 : translate (writer, N_("Outside every boundary")),
    scope,
    n_threats,
  };

  moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

static void
write_components (MoatMarkdownWriter *writer)
{
  GPtrArray *diagrams = writer->selection->diagrams;
  const char *header[] = {
    _("Component"), _("Kind"), _("Technology"), _("Trust boundary"), _("Scope"), _("Threats"),
  };

  moat_markdown_write_heading (writer, 2, _("Components"));

  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      GPtrArray *elements = moat_diagram_get_elements (diagram);
      guint n_rows = 0;

      if (is_diagram_listed (writer))
        moat_markdown_write_heading (writer, 3, get_diagram_title (diagram));

      for (guint i = 0; i < elements->len; i++)
        {
          MoatElement *element = g_ptr_array_index (elements, i);

          if (!is_element_listed (writer, element))
            continue;

          if (n_rows == 0)
            moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header),
                                              G_N_ELEMENTS (header) - 1);
          write_component_row (writer, g_ptr_array_index (writer->crossings, d), element);
          n_rows++;
        }

      if (n_rows == 0)
        moat_markdown_write_paragraph (writer, _("This diagram has no components."));
      else
        g_string_append_c (writer->out, '\n');
    }
}

/* Lists the trust boundaries a flow crosses and the direction, such as
 * "enters DMZ, leaves Internet", or "None". */
static char *
dup_crossings_cell (MoatMarkdownWriter *writer,
                    MoatFlow           *flow)
{
  MoatCrossings *crossings = moat_markdown_get_crossings (writer, flow);
  const MoatCrossing *crossing;
  guint n_crossings = 0;
  GString *cell = g_string_new (NULL);

  crossing = moat_crossings_get_for_flow (crossings, moat_item_get_id (MOAT_ITEM (flow)),
                                          &n_crossings);

  for (guint i = 0; i < n_crossings; i++)
    {
      const char *name = moat_item_get_name (MOAT_ITEM (crossing[i].boundary));

      if (moat_markdown_is_blank (name))
        name = _("Unnamed boundary");

      if (i > 0)
        g_string_append (cell, ", ");

      /* Translators: a data flow going into or out of a trust boundary,
       * such as "enters DMZ". */
      g_string_append_printf (cell, crossing[i].entering ? _("enters %s") : _("leaves %s"), name);
    }

  if (n_crossings == 0)
    g_string_append (cell, translate (writer, N_("None")));

  return g_string_free (cell, FALSE);
}

static char *
dup_review_summary (MoatFlow *flow)
{
  guint reviewed = moat_coverage_count_reviewed (flow);

  /* Translators: how many of the six STRIDE categories of a data flow are
   * reviewed, such as "4 of 6 reviewed". */
  return g_strdup_printf (_("%u of %u reviewed"), reviewed, MOAT_N_STRIDE_CATEGORIES);
}

static void
write_flow_row (MoatMarkdownWriter *writer,
                MoatFlow           *flow)
{
  MoatElement *source = moat_document_get_flow_source (writer->document, flow);
  MoatElement *target = moat_document_get_flow_target (writer->document, flow);
  g_autofree char *crossed = dup_crossings_cell (writer, flow);
  g_autofree char *review = dup_review_summary (flow);
  const char *cells[] = {
    moat_item_get_name (MOAT_ITEM (flow)),
    get_element_name (source),
    get_element_name (target),
    moat_flow_get_protocol (flow),
    crossed,
    review,
  };

  moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

static void
write_flows (MoatMarkdownWriter *writer)
{
  GPtrArray *diagrams = writer->selection->diagrams;
  const char *header[] = {
    _("Flow"), _("From"), _("To"), _("Protocol"), _("Boundaries crossed"), _("STRIDE review"),
  };

  moat_markdown_write_heading (writer, 2, _("Data flows"));

  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      GPtrArray *flows = moat_diagram_get_flows (diagram);
      guint n_rows = 0;

      /* A model may have several diagrams, such as one per level of
       * detail, and each gets its own table. */
      if (is_diagram_listed (writer))
        moat_markdown_write_heading (writer, 3, get_diagram_title (diagram));

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);

          if (!is_flow_listed (writer, flow))
            continue;

          if (n_rows == 0)
            moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header),
                                              G_N_ELEMENTS (header));
          write_flow_row (writer, flow);
          n_rows++;
        }

      if (n_rows == 0)
        moat_markdown_write_paragraph (writer, _("This diagram has no data flows."));
      else
        g_string_append_c (writer->out, '\n');
    }
}

/* Names a flow as "Source → Target: label", in Markdown built from
 * escaped parts. */
static void
append_flow_name (MoatMarkdownWriter *writer,
                  GString            *text,
                  MoatFlow           *flow)
{
  MoatElement *source = moat_document_get_flow_source (writer->document, flow);
  MoatElement *target = moat_document_get_flow_target (writer->document, flow);
  const char *label = moat_item_get_name (MOAT_ITEM (flow));

  moat_markdown_append_text (text, get_element_name (source));
  g_string_append (text, moat_flow_get_bidirectional (flow) ? " ↔ " : " → ");
  moat_markdown_append_text (text, get_element_name (target));

  if (!moat_markdown_is_blank (label))
    {
      g_string_append (text, ": ");
      moat_markdown_append_text (text, label);
    }
}

/* Summarises the mitigations of a threat in one cell: every item of the
 * three lists with its check box, or "None". */
static char *
dup_mitigation_cell (MoatMarkdownWriter *writer,
                     MoatThreat         *threat)
{
  const MoatChecklist *lists[] = {
    moat_threat_get_short_term (threat),
    moat_threat_get_long_term (threat),
    moat_threat_get_monitoring (threat),
  };
  /* Sized for a few items of mitigation, so that most cells grow once. */
  GString *cell = g_string_sized_new (512);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n_items = lists[l] != NULL ? moat_checklist_get_n_items (lists[l]) : 0;

      for (guint i = 0; i < n_items; i++)
        {
          if (cell->len > 0)
            g_string_append (cell, "; ");
          g_string_append (cell, moat_checklist_get_done (lists[l], i) ? "[x] " : "[ ] ");
          g_string_append (cell, moat_checklist_get_text (lists[l], i));
        }
    }

  if (cell->len == 0)
    g_string_append (cell, translate (writer, N_("None")));

  return g_string_free (cell, FALSE);
}

static void
write_threat_review_row (MoatMarkdownWriter *writer,
                         MoatThreat         *threat)
{
  g_autofree char *category = moat_export_dup_category_label (threat);
  g_autofree char *reference = moat_threat_dup_reference (threat);
  g_autofree char *title = NULL;
  g_autofree char *mitigation = dup_mitigation_cell (writer, threat);
  const char *cells[4];

  title = g_strconcat (reference, ": ",
                       moat_markdown_is_blank (moat_threat_get_title (threat))
                       ? MOAT_MARKDOWN_EMPTY_TEXT : moat_threat_get_title (threat),
                       NULL);

  cells[0] = category;
  cells[1] = title;
  cells[2] = writer->severity_labels[moat_threat_get_severity (threat)];
  cells[3] = mitigation;

  moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

/* A STRIDE category without threats in this document still gets a row,
 * with its review state, so the table shows what was checked. */
static void
write_category_state_row (MoatMarkdownWriter *writer,
                          MoatFlow           *flow,
                          MoatStrideCategory  category)
{
  MoatReviewState state = moat_flow_get_review_state (flow, category);
  const char *reason = moat_flow_get_review_reason (flow, category);
  g_autofree char *reason_cell = NULL;
  const char *threat_cell;
  const char *cells[4];

  switch (state)
    {
    case MOAT_REVIEW_NOT_REVIEWED:
      threat_cell = translate (writer, N_("Not reviewed"));
      break;

    case MOAT_REVIEW_NOT_APPLICABLE:
      if (moat_markdown_is_blank (reason))
        threat_cell = translate (writer, N_("Not applicable"));
      else
        /* Translators: a STRIDE category marked not applicable to a data
         * flow, followed by the reviewer's reason. */
        threat_cell = reason_cell = g_strdup_printf (_("Not applicable: %s"), reason);
      break;

    case MOAT_REVIEW_THREATS_RECORDED:
      threat_cell = translate (writer, N_("Threats recorded, left out by the export options"));
      break;

    default:
      g_assert_not_reached ();
    }

  cells[0] = writer->stride_labels[category];
  cells[1] = threat_cell;
  cells[2] = MOAT_MARKDOWN_EMPTY_TEXT;
  cells[3] = MOAT_MARKDOWN_EMPTY_TEXT;

  moat_markdown_write_table_row (writer, cells, G_N_ELEMENTS (cells));
}

static void
write_flow_review (MoatMarkdownWriter *writer,
                   MoatFlow           *flow)
{
  guint n_threats;
  MoatThreat **threats = get_listed_threats_for (writer, moat_item_get_id (MOAT_ITEM (flow)),
                                                 &n_threats);
  const char *header[] = {
    translate (writer, N_("Category")),
    translate (writer, N_("Threat")),
    translate (writer, N_("Severity")),
    translate (writer, N_("Mitigation")),
  };

  g_string_append (writer->out, "### ");
  append_flow_name (writer, writer->out, flow);
  g_string_append (writer->out, "\n\n");

  moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header), G_N_ELEMENTS (header));

  for (guint c = 0; c < MOAT_N_STRIDE_CATEGORIES; c++)
    {
      guint n_rows = 0;

      for (guint i = 0; i < n_threats; i++)
        {
          MoatThreat *threat = threats[i];

          if (moat_threat_get_category (threat) != c)
            continue;

          write_threat_review_row (writer, threat);
          n_rows++;
        }

      if (n_rows == 0)
        write_category_state_row (writer, flow, c);
    }

  /* Threats of other methodologies, from imported models, follow the six
   * STRIDE categories, so that none is left out. */
  for (guint i = 0; i < n_threats; i++)
    {
      MoatThreat *threat = threats[i];

      if (moat_threat_get_category (threat) == MOAT_STRIDE_OTHER)
        write_threat_review_row (writer, threat);
    }

  g_string_append_c (writer->out, '\n');
}

static void
write_reviews (MoatMarkdownWriter *writer)
{
  GPtrArray *diagrams = writer->selection->diagrams;
  guint n_flows = 0;

  moat_markdown_write_heading (writer, 2, _("STRIDE review by data flow"));

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);

          if (!is_flow_listed (writer, flow))
            continue;

          write_flow_review (writer, flow);
          n_flows++;
        }
    }

  if (n_flows == 0)
    moat_markdown_write_paragraph (writer, _("No data flows to review."));
}

/* Names what a threat applies to: the flow as "Source → Target: label",
 * or the element's name and kind. */
static char *
dup_component (MoatMarkdownWriter *writer,
               MoatThreat         *threat)
{
  gpointer target = moat_document_lookup (writer->document, moat_threat_get_target_id (threat));
  GString *text = g_string_new (NULL);

  if (MOAT_IS_FLOW (target))
    append_flow_name (writer, text, target);
  else if (MOAT_IS_ELEMENT (target))
    {
      MoatElement *element = target;

      moat_markdown_append_text (text, moat_item_get_name (MOAT_ITEM (element)));
      g_string_append (text, " (");
      moat_markdown_append_text (text, writer->kind_labels[moat_element_get_kind (element)]);
      g_string_append_c (text, ')');
    }
  else
    g_string_append (text, MOAT_MARKDOWN_EMPTY_TEXT);

  return g_string_free (text, FALSE);
}

/* Writes a field whose label is @msgid, a message id marked with N_(). */
static void
write_label_field (MoatMarkdownWriter *writer,
                   const char         *msgid,
                   const char         *text)
{
  moat_markdown_write_text_field (writer, translate (writer, msgid), text);
}

#define N_LEVELS (MOAT_LEVEL_HIGH + 1)

/* Returns the impact text for three levels. There are only 64 of them,
 * so each is formatted once per document instead of once per threat. */
static const char *
get_impact_text (MoatMarkdownWriter *writer,
                 MoatLevel           confidentiality,
                 MoatLevel           integrity,
                 MoatLevel           availability)
{
  guint index = (confidentiality * N_LEVELS + integrity) * N_LEVELS + availability;
  char **text;

  g_assert (index < writer->impact_texts->len);

  text = (char **)&g_ptr_array_index (writer->impact_texts, index);
  if (*text == NULL)
    /* Translators: the three parts of a threat's impact and their levels,
     * such as "Confidentiality HIGH, integrity LOW, availability LOW". */
    *text = g_strdup_printf (_("Confidentiality %s, integrity %s, availability %s"),
                             writer->level_labels[confidentiality],
                             writer->level_labels[integrity],
                             writer->level_labels[availability]);

  return *text;
}

static void
write_impact_field (MoatMarkdownWriter *writer,
                    MoatThreat         *threat)
{
  const char *impact = get_impact_text (writer,
                                        moat_threat_get_impact_confidentiality (threat),
                                        moat_threat_get_impact_integrity (threat),
                                        moat_threat_get_impact_availability (threat));

  write_label_field (writer, N_("Impact"), impact);
}

/* Writes a mitigation list under the label @msgid, a message id marked
 * with N_(). */
static void
write_checklist (MoatMarkdownWriter  *writer,
                 const char          *msgid,
                 const MoatChecklist *checklist)
{
  guint n_items = checklist != NULL ? moat_checklist_get_n_items (checklist) : 0;

  g_string_append (writer->out, "**");
  moat_markdown_append_text (writer->out, translate (writer, msgid));
  g_string_append (writer->out, "**\n\n");

  if (n_items == 0)
    {
      g_string_append (writer->out, MOAT_MARKDOWN_EMPTY_TEXT "\n\n");
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_string_append (writer->out, moat_checklist_get_done (checklist, i) ? "- [x] " : "- [ ] ");
      moat_markdown_append_text (writer->out, moat_checklist_get_text (checklist, i));
      g_string_append_c (writer->out, '\n');
    }

  g_string_append_c (writer->out, '\n');
}

static void
write_threat (MoatMarkdownWriter *writer,
              MoatThreat         *threat)
{
  g_autofree char *reference = moat_threat_dup_reference (threat);
  g_autofree char *component = dup_component (writer, threat);
  g_autofree char *category = moat_export_dup_category_label (threat);

  /* The reference is generated, so only the title needs escaping. */
  g_string_append_printf (writer->out, "### %s: ", reference);
  moat_markdown_append_text (writer->out, moat_threat_get_title (threat));
  g_string_append (writer->out, "\n\n");

  write_label_field (writer, N_("Category"), category);

  /* The component text is already Markdown, built from escaped parts. */
  moat_markdown_begin_field (writer, translate (writer, N_("Component")));
  g_string_append (writer->out, component);
  g_string_append_c (writer->out, '\n');

  write_label_field (writer, N_("Attack vector"), moat_threat_get_attack_vector (threat));
  write_label_field (writer, N_("Prerequisites"), moat_threat_get_prerequisites (threat));
  write_impact_field (writer, threat);
  write_label_field (writer, N_("Business impact"), moat_threat_get_business_impact (threat));
  write_label_field (writer, N_("Probability"),
                     writer->level_labels[moat_threat_get_probability (threat)]);
  write_label_field (writer, N_("Severity"),
                     writer->severity_labels[moat_threat_get_severity (threat)]);
  write_label_field (writer, N_("Evidence and detection"), moat_threat_get_evidence (threat));
  write_label_field (writer, N_("Status"),
                     writer->status_labels[moat_threat_get_status (threat)]);
  write_label_field (writer, N_("Owner"), moat_threat_get_owner (threat));
  write_label_field (writer, N_("Due date"), moat_threat_get_due_date (threat));
  g_string_append_c (writer->out, '\n');

  write_checklist (writer, N_("Short-term mitigation"), moat_threat_get_short_term (threat));
  write_checklist (writer, N_("Long-term mitigation"), moat_threat_get_long_term (threat));
  write_checklist (writer, N_("Monitoring"), moat_threat_get_monitoring (threat));
}

static void
write_threats (MoatMarkdownWriter *writer)
{
  GPtrArray *threats = writer->selection->threats;

  moat_markdown_write_heading (writer, 2, _("Threats"));

  if (threats->len == 0)
    {
      if (moat_document_get_threats (writer->document)->len == 0)
        moat_markdown_write_paragraph (writer, _("No threats are recorded."));
      else
        moat_markdown_write_paragraph (writer, _("No threats match the export options."));
      return;
    }

  for (guint i = 0; i < threats->len; i++)
    write_threat (writer, g_ptr_array_index (threats, i));
}

static void
look_up_labels (MoatMarkdownWriter *writer)
{
  for (MoatLevel level = MOAT_LEVEL_UNSET; level <= MOAT_LEVEL_HIGH; level++)
    writer->level_labels[level] = moat_level_to_label (level);
  for (MoatSeverity severity = MOAT_SEVERITY_UNSET; severity <= MOAT_SEVERITY_CRITICAL; severity++)
    writer->severity_labels[severity] = moat_severity_to_label (severity);
  for (MoatThreatStatus status = MOAT_THREAT_STATUS_OPEN;
       status <= MOAT_THREAT_STATUS_TRANSFERRED; status++)
    writer->status_labels[status] = moat_threat_status_to_label (status);
  for (MoatStrideCategory category = 0; category < MOAT_N_STRIDE_CATEGORIES; category++)
    writer->stride_labels[category] = moat_stride_category_to_label (category);
  for (MoatElementKind kind = MOAT_ELEMENT_KIND_EXTERNAL_ENTITY;
       kind <= MOAT_ELEMENT_KIND_DATA_STORE; kind++)
    writer->kind_labels[kind] = moat_element_kind_to_label (kind);
}

/**
 * moat_markdown_images_init:
 * @images: (out caller-allocates): the settings to fill
 *
 * Sets @images to a document without images, with the default image
 * options for when a caller turns them on.
 */
void
moat_markdown_images_init (MoatMarkdownImages *images)
{
  g_return_if_fail (images != NULL);

  *images = (MoatMarkdownImages) {
    .prefix = NULL,
    .svg = FALSE,
    .png = FALSE,
  };
  moat_image_options_init (&images->image_options);
}

/**
 * moat_markdown_export:
 * @document: the model
 * @options: what to include
 * @images: (nullable): which diagram images to write, or %NULL for none
 * @image_files: (out) (optional) (element-type MoatExportFile): where to
 *   return the images, to be written in the review document's folder
 *   under their names, so that the document's relative links find them
 * @error: where to report a diagram option that matches no diagram, or
 *   an image that cannot be drawn
 *
 * Writes the review document of @document: title and metadata, objectives
 * and scope, the diagrams, tables of components and data flows, the STRIDE
 * review of each flow, one section per threat with its mitigation task
 * lists, a summary with the severity matrix, counts and review coverage,
 * and a legend of the diagram notation.
 *
 * Returns: (transfer full): the Markdown text, or %NULL with @error set
 */
char *
moat_markdown_export (MoatDocument               *document,
                      const MoatExportOptions    *options,
                      const MoatMarkdownImages   *images,
                      GPtrArray                 **image_files,
                      GError                    **error)
{
  g_autoptr(MoatExportSelection) selection = NULL;
  g_autoptr(GPtrArray) crossings = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(MoatMarkdownThreatIndex) threat_index = NULL;
  g_autoptr(GHashTable) translations = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) impact_texts = g_ptr_array_new_full (N_LEVELS * N_LEVELS * N_LEVELS,
                                                            g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  MoatMarkdownWriter writer = {
    document, options, NULL, out, NULL, NULL, translations, impact_texts,
  };

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  selection = moat_export_selection_new (document, options, error);
  if (selection == NULL)
    return NULL;

  crossings = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_crossings_unref);
  for (guint i = 0; i < selection->diagrams->len; i++)
    g_ptr_array_add (crossings, moat_crossings_new (g_ptr_array_index (selection->diagrams, i)));

  threat_index = threat_index_new (selection->threats);
  look_up_labels (&writer);
  g_ptr_array_set_size (impact_texts, N_LEVELS * N_LEVELS * N_LEVELS);

  files = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_export_file_free);
  writer.selection = selection;
  writer.crossings = crossings;
  writer.threat_index = threat_index;

  write_header (&writer);
  write_exclusions (&writer);
  write_objectives (&writer);
  if (!write_diagrams (&writer, images, files, error))
    return NULL;
  write_components (&writer);
  write_flows (&writer);
  write_reviews (&writer);
  write_threats (&writer);
  moat_markdown_write_summary (&writer);
  moat_markdown_write_legend (&writer);

  if (image_files != NULL)
    *image_files = g_steal_pointer (&files);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
