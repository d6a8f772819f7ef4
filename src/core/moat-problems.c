/* moat-problems.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "moat-coverage.h"
#include "moat-problems.h"

G_DEFINE_BOXED_TYPE (MoatProblem, moat_problem, moat_problem_copy, moat_problem_free)

MoatProblem *
moat_problem_copy (const MoatProblem *self)
{
  MoatProblem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MoatProblem, 1);
  copy->kind = self->kind;
  copy->object_id = g_strdup (self->object_id);
  copy->select_id = g_strdup (self->select_id);
  copy->diagram_id = g_strdup (self->diagram_id);
  copy->message = g_strdup (self->message);

  return copy;
}

void
moat_problem_free (MoatProblem *self)
{
  g_return_if_fail (self != NULL);

  g_free (self->object_id);
  g_free (self->select_id);
  g_free (self->diagram_id);
  g_free (self->message);
  g_free (self);
}

G_GNUC_PRINTF (6, 7)
static void
add_problem (GPtrArray       *problems,
             MoatProblemKind  kind,
             const char      *object_id,
             const char      *select_id,
             MoatDiagram     *diagram,
             const char      *format,
             ...)
{
  MoatProblem *problem = g_new0 (MoatProblem, 1);
  va_list args;

  problem->kind = kind;
  problem->object_id = g_strdup (object_id);
  problem->select_id = g_strdup (select_id);
  problem->diagram_id = g_strdup (diagram != NULL ? moat_diagram_get_id (diagram) : "");

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static void
find_flow_problems (MoatDocument  *document,
                    MoatDiagram   *diagram,
                    MoatCrossings *crossings,
                    GPtrArray     *problems)
{
  GPtrArray *flows = moat_diagram_get_flows (diagram);

  for (guint i = 0; i < flows->len; i++)
    {
      MoatFlow *flow = g_ptr_array_index (flows, i);
      const char *id = moat_item_get_id (MOAT_ITEM (flow));
      const char *name = moat_item_get_name (MOAT_ITEM (flow));
      guint reviewed;

      if (moat_document_get_flow_source (document, flow) == NULL ||
          moat_document_get_flow_target (document, flow) == NULL)
        add_problem (problems, MOAT_PROBLEM_DANGLING_FLOW, id, id, diagram,
                     _("Data flow “%s” is not connected at both ends; connect it or delete it"),
                     is_blank (name) ? id : name);

      if (moat_flow_get_out_of_scope (flow) || !moat_crossings_is_crossing (crossings, id))
        continue;

      reviewed = moat_coverage_count_reviewed (flow);
      if (reviewed < MOAT_N_STRIDE_CATEGORIES)
        {
          g_autofree char *label = moat_crossings_dup_label (crossings, id);

          add_problem (problems, MOAT_PROBLEM_UNREVIEWED_CROSSING, id, id, diagram,
                       _("Data flow “%s” crosses %s but has %u of 6 STRIDE categories "
                         "reviewed"),
                       is_blank (name) ? id : name, label, reviewed);
        }
    }
}

/* One whole message per kind, since the article and the word order
 * differ between kinds in other languages. */
static const char *
get_unnamed_message (MoatElementKind kind)
{
  switch (kind)
    {
    case MOAT_ELEMENT_KIND_EXTERNAL_ENTITY:
      return _("An external entity has no name; name it");

    case MOAT_ELEMENT_KIND_DATA_STORE:
      return _("A data store has no name; name it");

    case MOAT_ELEMENT_KIND_PROCESS:
    default:
      return _("A process has no name; name it");
    }
}

static void
find_element_problems (MoatDiagram   *diagram,
                       MoatCrossings *crossings,
                       GPtrArray     *problems)
{
  GPtrArray *elements = moat_diagram_get_elements (diagram);
  GPtrArray *boundaries = moat_diagram_get_boundaries (diagram);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatItem *boundary = g_ptr_array_index (boundaries, i);

      if (is_blank (moat_item_get_name (boundary)))
        add_problem (problems, MOAT_PROBLEM_UNNAMED_ELEMENT, moat_item_get_id (boundary),
                     moat_item_get_id (boundary), diagram,
                     _("A trust boundary has no name; name it after the zone it encloses"));
    }

  /* Names are compared without case, which is how readers tell them
   * apart. */
  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      const char *id = moat_item_get_id (MOAT_ITEM (element));
      const char *name = moat_item_get_name (MOAT_ITEM (element));
      g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
      char *key = g_utf8_casefold (stripped, -1);

      if (is_blank (name))
        {
          add_problem (problems, MOAT_PROBLEM_UNNAMED_ELEMENT, id, id, diagram, "%s",
                       get_unnamed_message (moat_element_get_kind (element)));
          g_free (key);
        }
      else if (g_hash_table_contains (names, key))
        {
          add_problem (problems, MOAT_PROBLEM_DUPLICATE_NAME, id, id, diagram,
                       _("Another element of diagram “%s” is also named “%s”; give each "
                         "element its own name"),
                       moat_diagram_get_name (diagram), stripped);
          g_free (key);
        }
      else
        g_hash_table_add (names, key);

      /* External entities belong outside the system's boundaries, so
       * only processes and data stores are reported. */
      if (boundaries->len > 0 &&
          moat_element_get_kind (element) != MOAT_ELEMENT_KIND_EXTERNAL_ENTITY &&
          !moat_element_get_out_of_scope (element) &&
          moat_crossings_get_zone (crossings, id) == NULL)
        add_problem (problems, MOAT_PROBLEM_OUTSIDE_BOUNDARIES, id, id, diagram,
                     _("“%s” is outside every trust boundary; move it into the zone it "
                       "runs in"),
                     is_blank (name) ? id : name);
    }
}

static gboolean
checklists_empty (MoatThreat *threat)
{
  return moat_checklist_get_n_items (moat_threat_get_short_term (threat)) == 0 &&
         moat_checklist_get_n_items (moat_threat_get_long_term (threat)) == 0 &&
         moat_checklist_get_n_items (moat_threat_get_monitoring (threat)) == 0;
}

static gboolean
is_before (const char *due_date,
           GDate      *today)
{
  g_autoptr(GDate) due = NULL;
  guint year;
  guint month;
  guint day;

  if (due_date == NULL || due_date[0] == '\0' ||
      sscanf (due_date, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  due = g_date_new_dmy (day, month, year);

  return g_date_compare (due, today) < 0;
}

/* Returns the diagram that contains the target of @threat, or %NULL. */
static MoatDiagram *
get_threat_diagram (MoatDocument *document,
                    MoatThreat   *threat)
{
  gpointer target = moat_document_lookup (document, moat_threat_get_target_id (threat));

  return MOAT_IS_ITEM (target) ? moat_document_get_diagram_of (document, target) : NULL;
}

static void
find_threat_problems (MoatDocument *document,
                      GDate        *today,
                      GPtrArray    *problems)
{
  GPtrArray *threats = moat_document_get_threats (document);

  /* Most threats have no problem, so the reference and the diagram are
   * only looked up for those that do. */
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      const char *target_id = moat_threat_get_target_id (threat);
      MoatThreatStatus status = moat_threat_get_status (threat);

      /* Accepted and transferred risks may rightly have no mitigation. */
      if ((status == MOAT_THREAT_STATUS_OPEN || status == MOAT_THREAT_STATUS_MITIGATED) &&
          checklists_empty (threat))
        {
          g_autofree char *reference = moat_threat_dup_reference (threat);

          add_problem (problems, MOAT_PROBLEM_NO_MITIGATIONS, moat_threat_get_id (threat),
                       target_id, get_threat_diagram (document, threat),
                       _("%s “%s” has no mitigations; add a short-term or long-term fix"),
                       reference, moat_threat_get_title (threat));
        }

      if (status == MOAT_THREAT_STATUS_OPEN && is_before (moat_threat_get_due_date (threat), today))
        {
          g_autofree char *reference = moat_threat_dup_reference (threat);

          add_problem (problems, MOAT_PROBLEM_OVERDUE_THREAT, moat_threat_get_id (threat),
                       target_id, get_threat_diagram (document, threat),
                       _("%s “%s” is still OPEN after its due date, %s"),
                       reference, moat_threat_get_title (threat),
                       moat_threat_get_due_date (threat));
        }
    }
}

/**
 * moat_problems_find:
 * @document: a model
 * @crossings: (element-type MoatCrossings): the crossings of each diagram
 *   of @document, in diagram order
 * @today: (nullable): the date that due dates are compared with, or
 *   %NULL for today's local date
 *
 * Lists what a reviewer should fix: dangling flows, unnamed elements and
 * boundaries, processes and data stores outside every boundary of a
 * diagram that has boundaries, crossing flows not fully reviewed, open or
 * mitigated threats without mitigations, open threats past their due
 * date, and element names used twice in a diagram.
 *
 * Returns: (transfer container) (element-type MoatProblem): the problems,
 *   diagram by diagram, then the threats' problems
 */
GPtrArray *
moat_problems_find (MoatDocument *document,
                    GPtrArray    *crossings,
                    GDate        *today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_problem_free);
  g_autoptr(GDate) local_today = NULL;
  GPtrArray *diagrams;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), problems);
  g_return_val_if_fail (crossings != NULL, problems);

  diagrams = moat_document_get_diagrams (document);
  g_return_val_if_fail (crossings->len == diagrams->len, problems);

  if (today == NULL)
    {
      local_today = g_date_new ();
      g_date_set_time_t (local_today, time (NULL));
      today = local_today;
    }

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);

      find_element_problems (diagram, g_ptr_array_index (crossings, i), problems);
      find_flow_problems (document, diagram, g_ptr_array_index (crossings, i), problems);
    }

  find_threat_problems (document, today, problems);

  return problems;
}
