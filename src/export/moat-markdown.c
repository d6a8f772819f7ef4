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

  /* The flow, element or other object of the document that the threats
   * apply to */
  gpointer target;

  /* (nullable): what the threats of the group apply to, as Markdown,
   * built on first use by the flow's review or get_group_component() */
  char *component;
} ThreatGroup;

/* The selected threats grouped by target, so that each component and
 * flow finds its own without scanning every threat. The groups share one
 * array, which costs a few allocations for the whole document. The
 * targets are looked up by id once, so that each component and flow
 * finds its group by address, without reading its id again. */
struct _MoatMarkdownThreatIndex
{
  /* target → index + 1 in groups */
  GHashTable *group_of_target;
  GArray *groups;
  GPtrArray *threats;

  /* index + 1 in groups of each selected threat, in the order of the
   * selection, or 0 for a threat whose target is not in the document */
  guint *group_of_threat;
};

static void
clear_threat_group (ThreatGroup *group)
{
  g_free (group->component);
}

static void
threat_index_free (MoatMarkdownThreatIndex *index)
{
  g_hash_table_unref (index->group_of_target);
  g_array_unref (index->groups);
  g_ptr_array_unref (index->threats);
  g_free (index->group_of_threat);
  g_free (index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatMarkdownThreatIndex, threat_index_free)

/* Groups @threats by target, keeping their order within each group:
 * one pass counts the threats of each target, and a second one puts
 * each threat at the next free place of its group. */
static MoatMarkdownThreatIndex *
threat_index_new (MoatDocument *document,
                  GPtrArray    *threats)
{
  MoatMarkdownThreatIndex *index = g_new0 (MoatMarkdownThreatIndex, 1);
  guint *group_of_threat = g_new0 (guint, threats->len);
  g_autofree guint *next_free = NULL;
  guint start = 0;

  index->group_of_target = g_hash_table_new (NULL, NULL);
  index->groups = g_array_new (FALSE, FALSE, sizeof (ThreatGroup));
  g_array_set_clear_func (index->groups, (GDestroyNotify)clear_threat_group);
  index->threats = g_ptr_array_sized_new (threats->len);
  index->group_of_threat = group_of_threat;

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      gpointer target = moat_document_lookup (document, moat_threat_get_target_id (threat));
      guint group;

      if (target == NULL)
        continue;

      group = GPOINTER_TO_UINT (g_hash_table_lookup (index->group_of_target, target));
      if (group == 0)
        {
          ThreatGroup empty = { 0, 0, target, NULL };

          g_array_append_val (index->groups, empty);
          group = index->groups->len;
          g_hash_table_insert (index->group_of_target, target, GUINT_TO_POINTER (group));
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

/* Returns the group of the selected threats of @target, or %NULL if it
 * has none. */
static ThreatGroup *
find_threat_group (MoatMarkdownWriter *writer,
                   gpointer            target)
{
  MoatMarkdownThreatIndex *index = writer->threat_index;
  guint group = GPOINTER_TO_UINT (g_hash_table_lookup (index->group_of_target, target));

  return group != 0 ? &g_array_index (index->groups, ThreatGroup, group - 1) : NULL;
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

/* How many threats or flows ahead the writer prefetches the model data
 * it reads next. The objects and texts of a model are separate allocations
 * spread over the heap, and a large model does not fit in the processor
 * caches, so without prefetching the export waits for each one in turn. */
#define PREFETCH_DISTANCE 4

/* Prefetches the texts and mitigation lists of @threat that a review row
 * reads, or with @all_texts those of its threat section too. */
static void
prefetch_threat (MoatThreat *threat,
                 gboolean    all_texts)
{
  const char *texts[] = {
    moat_threat_get_title (threat),
    all_texts ? moat_threat_get_attack_vector (threat) : NULL,
    all_texts ? moat_threat_get_prerequisites (threat) : NULL,
    all_texts ? moat_threat_get_business_impact (threat) : NULL,
    all_texts ? moat_threat_get_evidence (threat) : NULL,
    all_texts ? moat_threat_get_owner (threat) : NULL,
    all_texts ? moat_threat_get_due_date (threat) : NULL,
  };
  const MoatChecklist *lists[] = {
    moat_threat_get_short_term (threat),
    moat_threat_get_long_term (threat),
    moat_threat_get_monitoring (threat),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      __builtin_prefetch (texts[i]);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i] != NULL)
      __builtin_prefetch (lists[i]);
}

/* Prefetches the threat objects of @group, or with @contents what their
 * review rows read. With @contents it reads the fields of the objects,
 * so the objects should be prefetched a few flows earlier. */
static void
prefetch_group (MoatMarkdownWriter *writer,
                const ThreatGroup  *group,
                gboolean            contents)
{
  if (group == NULL)
    return;

  for (guint i = 0; i < group->length; i++)
    {
      MoatThreat *threat = g_ptr_array_index (writer->threat_index->threats, group->start + i);

      if (contents)
        prefetch_threat (threat, FALSE);
      else
        __builtin_prefetch (threat);
    }
}

/* The labels of a threat section, as indexes of threat_label_msgids. */
typedef enum
{
  THREAT_LABEL_CATEGORY,
  THREAT_LABEL_COMPONENT,
  THREAT_LABEL_ATTACK_VECTOR,
  THREAT_LABEL_PREREQUISITES,
  THREAT_LABEL_IMPACT,
  THREAT_LABEL_BUSINESS_IMPACT,
  THREAT_LABEL_PROBABILITY,
  THREAT_LABEL_SEVERITY,
  THREAT_LABEL_EVIDENCE,
  THREAT_LABEL_STATUS,
  THREAT_LABEL_OWNER,
  THREAT_LABEL_DUE_DATE,
  THREAT_LABEL_SHORT_TERM,
  THREAT_LABEL_LONG_TERM,
  THREAT_LABEL_MONITORING,
  N_THREAT_LABELS
} ThreatLabel;

static const char * const threat_label_msgids[] = {
  N_("Category"),
  N_("Component"),
  N_("Attack vector"),
  N_("Prerequisites"),
  N_("Impact"),
  N_("Business impact"),
  N_("Probability"),
  N_("Severity"),
  N_("Evidence and detection"),
  N_("Status"),
  N_("Owner"),
  N_("Due date"),
  N_("Short-term mitigation"),
  N_("Long-term mitigation"),
  N_("Monitoring"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (threat_label_msgids) == N_THREAT_LABELS);

/* Writes "- **Label:** " for a field of a threat section, as
 * moat_markdown_begin_field() does. */
static void
begin_label_field (MoatMarkdownWriter *writer,
                   ThreatLabel         label)
{
  moat_markdown_append_literal (writer->out, "- **");
  moat_markdown_append (writer->out, writer->threat_labels[label]);
  moat_markdown_append_literal (writer->out, ":** ");
}

/* Returns @text escaped as a table cell once per document. @text must
 * stay allocated until the export ends, as labels, translations and the
 * texts of the model do, because its address is the key. */
static const char *
get_escaped_cell (MoatMarkdownWriter *writer,
                  const char         *text)
{
  char *escaped = g_hash_table_lookup (writer->escaped_cells, text);

  if (escaped == NULL)
    {
      GString *cell = g_string_new (NULL);

      moat_markdown_append_text (cell, text);
      escaped = g_string_free (cell, FALSE);
      g_hash_table_insert (writer->escaped_cells, (gpointer)text, escaped);
    }

  return escaped;
}

/* Writes a field as write_label_field() does, from a value escaped
 * already. */
static void
write_escaped_field (MoatMarkdownWriter *writer,
                     ThreatLabel         label,
                     const char         *escaped_value)
{
  begin_label_field (writer, label);
  moat_markdown_append (writer->out, escaped_value);
  g_string_append_c (writer->out, '\n');
}

/* Appends a cell of a table row as moat_markdown_write_table_row() writes
 * it, after the row's opening "|". */
static void
append_cell (MoatMarkdownWriter *writer,
             const char         *text)
{
  g_string_append_c (writer->out, ' ');
  moat_markdown_append_text (writer->out, text);
  moat_markdown_append_literal (writer->out, " |");
}

/* Appends a cell that is escaped already. */
static void
append_escaped_cell (MoatMarkdownWriter *writer,
                     const char         *escaped)
{
  g_string_append_c (writer->out, ' ');
  moat_markdown_append (writer->out, escaped);
  moat_markdown_append_literal (writer->out, " |");
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

/* Formats the scope cell of an element out of scope, with its reason. */
static char *
dup_out_of_scope_cell (const char *reason)
{
  if (moat_markdown_is_blank (reason))
    return g_strdup (_("Out of scope"));

  /* Translators: the scope column of a table, followed by the reason. */
  return g_strdup_printf (_("Out of scope: %s"), reason);
}

/* A data flow that the document lists, with the ends and threats that
 * its row and its review both need, looked up once. */
typedef struct
{
  MoatFlow *flow;

  /* The index of the flow's diagram in selection->diagrams */
  guint diagram;

  MoatElement *source;
  MoatElement *target;
  ThreatGroup *group;
} ListedFlow;

/* Returns the flows that the document lists, diagram by diagram. */
static GArray *
list_flows (MoatMarkdownWriter *writer)
{
  GPtrArray *diagrams = writer->selection->diagrams;
  GArray *listed = g_array_new (FALSE, FALSE, sizeof (ListedFlow));

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *flows = moat_diagram_get_flows (g_ptr_array_index (diagrams, d));

      for (guint i = 0; i < flows->len; i++)
        {
          MoatFlow *flow = g_ptr_array_index (flows, i);
          ListedFlow entry;

          if (!is_flow_listed (writer, flow))
            continue;

          entry = (ListedFlow) {
            flow,
            d,
            moat_document_get_flow_source (writer->document, flow),
            moat_document_get_flow_target (writer->document, flow),
            find_threat_group (writer, flow),
          };
          g_array_append_val (listed, entry);
        }
    }

  return listed;
}

/* Formats the number of selected threats of @target into @text, as
 * printf's "%u" does, without the cost of printf for every row. */
static const char *
format_threat_count (MoatMarkdownWriter *writer,
                     gpointer            target,
                     char                text[static 16])
{
  const ThreatGroup *group = find_threat_group (writer, target);
  guint n_threats = group != NULL ? group->length : 0;
  char *digit = &text[15];

  /* The digits are written from the end, lowest first. */
  *digit = '\0';
  do
    {
      *--digit = '0' + n_threats % 10;
      n_threats /= 10;
    }
  while (n_threats > 0);

  return digit;
}

static void
write_component_row (MoatMarkdownWriter *writer,
                     MoatCrossings      *crossings,
                     MoatElement        *element)
{
  const char *id = moat_item_get_id (MOAT_ITEM (element));
  MoatBoundary *zone = moat_crossings_get_zone (crossings, id);
  char n_threats_text[16];

  /* The kind, zone and scope repeat in many rows, so they are escaped
   * once. A boundary's name stays allocated while the model is exported. */
  g_string_append_c (writer->out, '|');
  append_cell (writer, moat_item_get_name (MOAT_ITEM (element)));
  append_escaped_cell (writer,
                       get_escaped_cell (writer,
                                         writer->kind_labels[moat_element_get_kind (element)]));
  append_cell (writer, moat_element_get_technology (element));
  append_escaped_cell (writer,
                       get_escaped_cell (writer,
                                         zone != NULL
                                         ? moat_item_get_name (MOAT_ITEM (zone))
                                         : translate (writer, N_("Outside every boundary"))));

  if (moat_element_get_out_of_scope (element))
    {
      const char *reason = moat_element_get_out_of_scope_reason (element);
      g_autofree char *scope = dup_out_of_scope_cell (reason);

      append_cell (writer, scope);
    }
  else
    append_escaped_cell (writer, get_escaped_cell (writer, translate (writer, N_("In scope"))));

  append_cell (writer, format_threat_count (writer, element, n_threats_text));
  g_string_append_c (writer->out, '\n');
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
                    MoatCrossings      *crossings,
                    MoatFlow           *flow)
{
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

/* Returns the review summary of @flow. There are only seven, so each is
 * formatted once per document instead of once per flow. */
static const char *
get_review_summary (MoatMarkdownWriter *writer,
                    MoatFlow           *flow)
{
  guint reviewed = moat_coverage_count_reviewed (flow);
  char **text;

  g_assert (reviewed < writer->review_summaries->len);

  text = (char **)&g_ptr_array_index (writer->review_summaries, reviewed);
  if (*text == NULL)
    /* Translators: how many of the six STRIDE categories of a data flow
     * are reviewed, such as "4 of 6 reviewed". */
    *text = g_strdup_printf (_("%u of %u reviewed"), reviewed, MOAT_N_STRIDE_CATEGORIES);

  return *text;
}

static void
write_flow_row (MoatMarkdownWriter *writer,
                const ListedFlow   *listed)
{
  MoatFlow *flow = listed->flow;
  g_autofree char *crossed = dup_crossings_cell (writer,
                                                 g_ptr_array_index (writer->crossings,
                                                                    listed->diagram),
                                                 flow);
  const char *cells[] = {
    moat_item_get_name (MOAT_ITEM (flow)),
    get_element_name (listed->source),
    get_element_name (listed->target),
    moat_flow_get_protocol (flow),
    crossed,
    get_review_summary (writer, flow),
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

  GArray *listed = writer->listed_flows;
  guint next = 0;

  moat_markdown_write_heading (writer, 2, _("Data flows"));

  for (guint d = 0; d < diagrams->len; d++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, d);
      guint n_rows = 0;

      /* A model may have several diagrams, such as one per level of
       * detail, and each gets its own table. */
      if (is_diagram_listed (writer))
        moat_markdown_write_heading (writer, 3, get_diagram_title (diagram));

      for (; next < listed->len && g_array_index (listed, ListedFlow, next).diagram == d; next++)
        {
          if (n_rows == 0)
            moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header),
                                              G_N_ELEMENTS (header));
          write_flow_row (writer, &g_array_index (listed, ListedFlow, next));
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
append_flow_name (GString     *text,
                  MoatFlow    *flow,
                  MoatElement *source,
                  MoatElement *target)
{
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

/* Names what a threat applies to: the flow as "Source → Target: label",
 * or the element's name and kind. */
static char *
dup_component (MoatMarkdownWriter *writer,
               gpointer            target)
{
  GString *text = g_string_new (NULL);

  if (MOAT_IS_FLOW (target))
    append_flow_name (text, target, moat_document_get_flow_source (writer->document, target),
                      moat_document_get_flow_target (writer->document, target));
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

/* Returns what the threats of @group apply to, as dup_component() names
 * it. The flow review and every threat of a target show the same text,
 * so it is built once per target. */
static const char *
get_group_component (MoatMarkdownWriter *writer,
                     ThreatGroup        *group)
{
  if (group->component == NULL)
    group->component = dup_component (writer, group->target);

  return group->component;
}

/* Summarises the mitigations of a threat in one cell: every item of the
 * three lists with its check box, or "None". Returns the text of
 * writer->mitigation_cell, which the next call overwrites. */
static const char *
build_mitigation_cell (MoatMarkdownWriter *writer,
                       MoatThreat         *threat)
{
  const MoatChecklist *lists[] = {
    moat_threat_get_short_term (threat),
    moat_threat_get_long_term (threat),
    moat_threat_get_monitoring (threat),
  };
  GString *cell = writer->mitigation_cell;

  g_string_truncate (cell, 0);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n_items = lists[l] != NULL ? moat_checklist_get_n_items (lists[l]) : 0;

      for (guint i = 0; i < n_items; i++)
        {
          if (cell->len > 0)
            moat_markdown_append_literal (cell, "; ");
          if (moat_checklist_get_done (lists[l], i))
            moat_markdown_append_literal (cell, "[x] ");
          else
            moat_markdown_append_literal (cell, "[ ] ");
          moat_markdown_append (cell, moat_checklist_get_text (lists[l], i));
        }
    }

  if (cell->len == 0)
    g_string_append (cell, translate (writer, N_("None")));

  return cell->str;
}

static void
write_threat_review_row (MoatMarkdownWriter *writer,
                         MoatThreat         *threat)
{
  const char *title = moat_threat_get_title (threat);
  GString *title_cell = writer->title_cell;

  g_string_truncate (title_cell, 0);
  moat_threat_append_reference (threat, title_cell);
  moat_markdown_append_literal (title_cell, ": ");
  moat_markdown_append (title_cell,
                        moat_markdown_is_blank (title) ? MOAT_MARKDOWN_EMPTY_TEXT : title);

  /* The labels repeat in every row, so they are escaped once. */
  g_string_append_c (writer->out, '|');
  if (moat_threat_get_category (threat) < MOAT_N_STRIDE_CATEGORIES)
    append_escaped_cell (writer, writer->stride_cells[moat_threat_get_category (threat)]);
  else
    {
      g_autofree char *formatted_category = moat_export_dup_category_label (threat);

      append_cell (writer, formatted_category);
    }
  append_cell (writer, title_cell->str);
  append_escaped_cell (writer, writer->severity_cells[moat_threat_get_severity (threat)]);
  append_cell (writer, build_mitigation_cell (writer, threat));
  g_string_append_c (writer->out, '\n');
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

  g_assert (state <= MOAT_REVIEW_THREATS_RECORDED);

  /* Only a reason is escaped for each row, because the labels repeat. */
  g_string_append_c (writer->out, '|');
  append_escaped_cell (writer, writer->stride_cells[category]);
  if (state == MOAT_REVIEW_NOT_APPLICABLE && !moat_markdown_is_blank (reason))
    {
      /* Translators: a STRIDE category marked not applicable to a data
       * flow, followed by the reviewer's reason. */
      reason_cell = g_strdup_printf (_("Not applicable: %s"), reason);
      append_cell (writer, reason_cell);
    }
  else
    append_escaped_cell (writer, writer->review_state_cells[state]);
  append_escaped_cell (writer, writer->empty_cell);
  append_escaped_cell (writer, writer->empty_cell);
  g_string_append_c (writer->out, '\n');
}

/* Writes the review table of a flow. Every table has the same header,
 * which the first one stores in @table_header for the others. */
static void
write_flow_review (MoatMarkdownWriter  *writer,
                   const ListedFlow    *listed,
                   char               **table_header)
{
  MoatFlow *flow = listed->flow;
  ThreatGroup *group = listed->group;
  guint n_threats = group != NULL ? group->length : 0;
  MoatThreat **threats = group != NULL
                         ? (MoatThreat **)&g_ptr_array_index (writer->threat_index->threats,
                                                              group->start)
                         : NULL;
  const char *header[] = {
    translate (writer, N_("Category")),
    translate (writer, N_("Threat")),
    translate (writer, N_("Severity")),
    translate (writer, N_("Mitigation")),
  };

  /* The threats of the flow name it the same way, as dup_component()
   * does, so they reuse the text. */
  moat_markdown_append_literal (writer->out, "### ");
  if (group != NULL)
    {
      if (group->component == NULL)
        {
          GString *name = g_string_new (NULL);

          append_flow_name (name, flow, listed->source, listed->target);
          group->component = g_string_free (name, FALSE);
        }
      moat_markdown_append (writer->out, group->component);
    }
  else
    append_flow_name (writer->out, flow, listed->source, listed->target);
  moat_markdown_append_literal (writer->out, "\n\n");

  if (*table_header == NULL)
    {
      gsize start = writer->out->len;

      moat_markdown_write_table_header (writer, header, G_N_ELEMENTS (header),
                                        G_N_ELEMENTS (header));
      *table_header = g_strndup (writer->out->str + start, writer->out->len - start);
    }
  else
    moat_markdown_append (writer->out, *table_header);

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
  GArray *listed = writer->listed_flows;
  g_autofree char *table_header = NULL;

  moat_markdown_write_heading (writer, 2, _("STRIDE review by data flow"));

  /* The list of flows gives the threats that come next, to prefetch. */
  for (guint i = 0; i < listed->len; i++)
    {
      if (i + 2 * PREFETCH_DISTANCE < listed->len)
        prefetch_group (writer,
                        g_array_index (listed, ListedFlow, i + 2 * PREFETCH_DISTANCE).group,
                        FALSE);
      if (i + PREFETCH_DISTANCE < listed->len)
        prefetch_group (writer, g_array_index (listed, ListedFlow, i + PREFETCH_DISTANCE).group,
                        TRUE);

      write_flow_review (writer, &g_array_index (listed, ListedFlow, i), &table_header);
    }

  if (listed->len == 0)
    moat_markdown_write_paragraph (writer, _("No data flows to review."));
}

/* Writes a field of a threat section as moat_markdown_write_text_field()
 * does. */
static void
write_label_field (MoatMarkdownWriter *writer,
                   ThreatLabel         label,
                   const char         *text)
{
  begin_label_field (writer, label);
  moat_markdown_append_multiline (writer->out, text, "  ");
  g_string_append_c (writer->out, '\n');
}

#define N_LEVELS (MOAT_LEVEL_HIGH + 1)

/* Returns the impact field value for three levels, escaped. There are
 * only 64 of them, so each is formatted once per document instead of
 * once per threat. */
static const char *
get_impact_value (MoatMarkdownWriter *writer,
                  MoatLevel           confidentiality,
                  MoatLevel           integrity,
                  MoatLevel           availability)
{
  guint index = (confidentiality * N_LEVELS + integrity) * N_LEVELS + availability;
  char **value;

  g_assert (index < writer->impact_texts->len);

  value = (char **)&g_ptr_array_index (writer->impact_texts, index);
  if (*value == NULL)
    {
      GString *escaped = g_string_new (NULL);
      g_autofree char *text = NULL;

      /* Translators: the three parts of a threat's impact and their
       * levels, such as "Confidentiality HIGH, integrity LOW, availability
       * LOW". */
      text = g_strdup_printf (_("Confidentiality %s, integrity %s, availability %s"),
                              writer->level_labels[confidentiality],
                              writer->level_labels[integrity],
                              writer->level_labels[availability]);
      moat_markdown_append_multiline (escaped, text, "  ");
      *value = g_string_free (escaped, FALSE);
    }

  return *value;
}

static void
write_impact_field (MoatMarkdownWriter *writer,
                    MoatThreat         *threat)
{
  const char *impact = get_impact_value (writer,
                                         moat_threat_get_impact_confidentiality (threat),
                                         moat_threat_get_impact_integrity (threat),
                                         moat_threat_get_impact_availability (threat));

  write_escaped_field (writer, THREAT_LABEL_IMPACT, impact);
}

/* Writes a mitigation list under its @label. */
static void
write_checklist (MoatMarkdownWriter  *writer,
                 ThreatLabel          label,
                 const MoatChecklist *checklist)
{
  guint n_items = checklist != NULL ? moat_checklist_get_n_items (checklist) : 0;

  moat_markdown_append_literal (writer->out, "**");
  moat_markdown_append (writer->out, writer->threat_labels[label]);
  moat_markdown_append_literal (writer->out, "**\n\n");

  if (n_items == 0)
    {
      moat_markdown_append_literal (writer->out, MOAT_MARKDOWN_EMPTY_TEXT "\n\n");
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      if (moat_checklist_get_done (checklist, i))
        moat_markdown_append_literal (writer->out, "- [x] ");
      else
        moat_markdown_append_literal (writer->out, "- [ ] ");
      moat_markdown_append_text (writer->out, moat_checklist_get_text (checklist, i));
      g_string_append_c (writer->out, '\n');
    }

  g_string_append_c (writer->out, '\n');
}

/* Writes the threat at @position of the selection. */
static void
write_threat (MoatMarkdownWriter *writer,
              guint               position)
{
  MoatThreat *threat = g_ptr_array_index (writer->selection->threats, position);
  guint group = writer->threat_index->group_of_threat[position];
  MoatStrideCategory category = moat_threat_get_category (threat);

  /* The reference is generated, so only the title needs escaping. */
  moat_markdown_append_literal (writer->out, "### ");
  moat_threat_append_reference (threat, writer->out);
  moat_markdown_append_literal (writer->out, ": ");
  moat_markdown_append_text (writer->out, moat_threat_get_title (threat));
  moat_markdown_append_literal (writer->out, "\n\n");

  if (category < MOAT_N_STRIDE_CATEGORIES)
    write_escaped_field (writer, THREAT_LABEL_CATEGORY, writer->stride_values[category]);
  else
    {
      g_autofree char *formatted_category = moat_export_dup_category_label (threat);

      write_label_field (writer, THREAT_LABEL_CATEGORY, formatted_category);
    }

  /* The component text is already Markdown, built from escaped parts. A
   * threat whose target is not in the document names none, as
   * dup_component() does. */
  begin_label_field (writer, THREAT_LABEL_COMPONENT);
  if (group != 0)
    moat_markdown_append (writer->out,
                          get_group_component (writer,
                                               &g_array_index (writer->threat_index->groups,
                                                               ThreatGroup, group - 1)));
  else
    moat_markdown_append_literal (writer->out, MOAT_MARKDOWN_EMPTY_TEXT);
  g_string_append_c (writer->out, '\n');

  write_label_field (writer, THREAT_LABEL_ATTACK_VECTOR, moat_threat_get_attack_vector (threat));
  write_label_field (writer, THREAT_LABEL_PREREQUISITES, moat_threat_get_prerequisites (threat));
  write_impact_field (writer, threat);
  write_label_field (writer, THREAT_LABEL_BUSINESS_IMPACT,
                     moat_threat_get_business_impact (threat));
  write_escaped_field (writer, THREAT_LABEL_PROBABILITY,
                       writer->level_values[moat_threat_get_probability (threat)]);
  write_escaped_field (writer, THREAT_LABEL_SEVERITY,
                       writer->severity_values[moat_threat_get_severity (threat)]);
  write_label_field (writer, THREAT_LABEL_EVIDENCE, moat_threat_get_evidence (threat));
  write_escaped_field (writer, THREAT_LABEL_STATUS,
                       writer->status_values[moat_threat_get_status (threat)]);
  write_label_field (writer, THREAT_LABEL_OWNER, moat_threat_get_owner (threat));
  write_label_field (writer, THREAT_LABEL_DUE_DATE, moat_threat_get_due_date (threat));
  g_string_append_c (writer->out, '\n');

  write_checklist (writer, THREAT_LABEL_SHORT_TERM, moat_threat_get_short_term (threat));
  write_checklist (writer, THREAT_LABEL_LONG_TERM, moat_threat_get_long_term (threat));
  write_checklist (writer, THREAT_LABEL_MONITORING, moat_threat_get_monitoring (threat));
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
    {
      if (i + 2 * PREFETCH_DISTANCE < threats->len)
        __builtin_prefetch (g_ptr_array_index (threats, i + 2 * PREFETCH_DISTANCE));
      if (i + PREFETCH_DISTANCE < threats->len)
        prefetch_threat (g_ptr_array_index (threats, i + PREFETCH_DISTANCE), TRUE);

      write_threat (writer, i);
    }
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

/* Returns @text escaped, as moat_markdown_append_multiline() escapes a
 * field value with @multiline, or else as moat_markdown_append_text()
 * escapes a cell, copied into writer->escaped_texts. */
static const char *
escape_label (MoatMarkdownWriter *writer,
              const char         *text,
              gboolean            multiline)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  if (multiline)
    moat_markdown_append_multiline (escaped, text, "  ");
  else
    moat_markdown_append_text (escaped, text);

  return g_string_chunk_insert_len (writer->escaped_texts, escaped->str, escaped->len);
}

/* Escapes the labels that every threat section and review row repeat. */
static void
escape_labels (MoatMarkdownWriter *writer)
{
  static const char * const review_state_msgids[] = {
    [MOAT_REVIEW_NOT_REVIEWED] = N_("Not reviewed"),
    [MOAT_REVIEW_NOT_APPLICABLE] = N_("Not applicable"),
    [MOAT_REVIEW_THREATS_RECORDED] = N_("Threats recorded, left out by the export options"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (review_state_msgids) == G_N_ELEMENTS (writer->review_state_cells));

  for (guint i = 0; i < N_THREAT_LABELS; i++)
    writer->threat_labels[i] = escape_label (writer, translate (writer, threat_label_msgids[i]),
                                             FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (review_state_msgids); i++)
    writer->review_state_cells[i] = escape_label (writer,
                                                  translate (writer, review_state_msgids[i]),
                                                  FALSE);

  writer->empty_cell = escape_label (writer, MOAT_MARKDOWN_EMPTY_TEXT, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (writer->stride_cells); i++)
    {
      writer->stride_cells[i] = escape_label (writer, writer->stride_labels[i], FALSE);
      writer->stride_values[i] = escape_label (writer, writer->stride_labels[i], TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (writer->severity_cells); i++)
    {
      writer->severity_cells[i] = escape_label (writer, writer->severity_labels[i], FALSE);
      writer->severity_values[i] = escape_label (writer, writer->severity_labels[i], TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (writer->level_values); i++)
    writer->level_values[i] = escape_label (writer, writer->level_labels[i], TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (writer->status_values); i++)
    writer->status_values[i] = escape_label (writer, writer->status_labels[i], TRUE);
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
  g_autoptr(GArray) listed_flows = NULL;
  g_autoptr(GHashTable) translations = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) escaped_cells = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GStringChunk) escaped_texts = g_string_chunk_new (1024);
  const char *threat_labels[N_THREAT_LABELS];
  g_autoptr(GString) title_cell = g_string_new (NULL);
  g_autoptr(GString) mitigation_cell = g_string_new (NULL);
  g_autoptr(GPtrArray) impact_texts = g_ptr_array_new_full (N_LEVELS * N_LEVELS * N_LEVELS,
                                                            g_free);
  g_autoptr(GPtrArray) review_summaries = g_ptr_array_new_full (MOAT_N_STRIDE_CATEGORIES + 1,
                                                                g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  MoatMarkdownWriter writer = {
    .document = document,
    .options = options,
    .out = out,
    .translations = translations,
    .escaped_cells = escaped_cells,
    .escaped_texts = escaped_texts,
    .threat_labels = threat_labels,
    .title_cell = title_cell,
    .mitigation_cell = mitigation_cell,
    .impact_texts = impact_texts,
    .review_summaries = review_summaries,
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

  threat_index = threat_index_new (document, selection->threats);
  writer.threat_index = threat_index;
  writer.selection = selection;
  writer.crossings = crossings;
  listed_flows = list_flows (&writer);
  writer.listed_flows = listed_flows;
  look_up_labels (&writer);
  escape_labels (&writer);
  g_ptr_array_set_size (impact_texts, N_LEVELS * N_LEVELS * N_LEVELS);
  g_ptr_array_set_size (review_summaries, MOAT_N_STRIDE_CATEGORIES + 1);

  files = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_export_file_free);

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
