/* moat-threat-dragon-threats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-document-private.h"
#include "moat-input-limits.h"
#include "moat-threat-dragon-private.h"
/* Threats: their type, severity, status and number, and the numbering
 * of all of a model's threats once every diagram is read. */

static gboolean
is_methodology (const char *methodology,
                const char *name)
{
  return g_ascii_strcasecmp (methodology, name) == 0;
}

/* Maps Threat Dragon's type to a STRIDE category when the threat was
 * recorded with STRIDE (or the generic model, which offers the STRIDE
 * types); any other type is kept as text with the category "other". */
static void
map_threat_type (Importer       *importer,
                 DiagramContext *context,
                 MoatThreat     *threat,
                 const char     *type,
                 const char     *model_type)
{
  const char *methodology = model_type[0] != '\0' ? model_type : context->methodology;
  gboolean stride = methodology[0] == '\0' || is_methodology (methodology, "STRIDE");
  MoatStrideCategory category;

  if ((stride || is_methodology (methodology, "Generic")) &&
      moat_threat_dragon_parse_stride_label (type, &category))
    {
      g_object_set (threat, "category", category, NULL);
      return;
    }

  g_object_set (threat, "category", MOAT_STRIDE_OTHER, "type-label", type, NULL);
  if (stride)
    td_report (importer, "type",
            _("“%s” is not a STRIDE category; the threat was kept with the category "
              "“other” and its type text"),
            type);
}

/* Moat derives severity from impact and probability, so a Threat Dragon
 * severity becomes the ratings that give it back: the same impact on
 * confidentiality, integrity and availability, and a probability. */
static void
map_threat_severity (Importer   *importer,
                     MoatThreat *threat,
                     const char *severity)
{
  static const struct
  {
    const char *name;
    MoatLevel impact;
    MoatLevel probability;
  } severities[] = {
    { "Low", MOAT_LEVEL_LOW, MOAT_LEVEL_LOW },
    { "Medium", MOAT_LEVEL_MEDIUM, MOAT_LEVEL_MEDIUM },
    { "High", MOAT_LEVEL_HIGH, MOAT_LEVEL_MEDIUM },
    { "Critical", MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH },
  };

  if (severity[0] == '\0' || g_ascii_strcasecmp (severity, "TBD") == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (g_ascii_strcasecmp (severity, severities[i].name) == 0)
      {
        g_object_set (threat,
                      "impact-confidentiality", severities[i].impact,
                      "impact-integrity", severities[i].impact,
                      "impact-availability", severities[i].impact,
                      "probability", severities[i].probability,
                      NULL);
        importer->n_scored++;
        return;
      }

  td_report (importer, "severity",
          _("unknown severity “%s”; the threat was left not yet scored"), severity);
}

static MoatThreatStatus
map_threat_status (Importer   *importer,
                   const char *status)
{
  static const char * const not_applicable[] = {
    "NotApplicable", "N/A", "NA", "Not applicable", NULL,
  };

  if (status[0] == '\0' || g_ascii_strcasecmp (status, "Open") == 0)
    return MOAT_THREAT_STATUS_OPEN;

  if (g_ascii_strcasecmp (status, "Mitigated") == 0)
    return MOAT_THREAT_STATUS_MITIGATED;

  for (guint i = 0; not_applicable[i] != NULL; i++)
    if (g_ascii_strcasecmp (status, not_applicable[i]) == 0)
      {
        importer->n_not_applicable++;
        return MOAT_THREAT_STATUS_ACCEPTED;
      }

  td_report (importer, "status", _("unknown status “%s”; the threat was imported as OPEN"), status);

  return MOAT_THREAT_STATUS_OPEN;
}

/* Reads Threat Dragon's threat number; 0 means none. */
static gint64
read_threat_number (Importer   *importer,
                    JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "number");
  double value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;

  if (!td_parse_number (node, &value) || value != floor (value) || value < 1 || value > G_MAXINT32)
    {
      g_autofree char *text = json_to_string (node, FALSE);

      td_report (importer, "number", _("%s is not a usable threat number; a new one is given"),
              text);
      return -1;
    }

  return (gint64)value;
}

/* Threat Dragon's score is free text, but some files hold a number. */
static char *
read_score (Importer   *importer,
            JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "score");

  if (node != NULL && td_holds_number (node))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }

  return g_strdup (td_read_string (importer, object, "score"));
}

static void
import_threat (Importer       *importer,
               DiagramContext *context,
               JsonObject     *object,
               const char     *target_id)
{
  static const char * const keys[] = {
    "id", "threatId", "number", "title", "type", "status", "severity", "description",
    "mitigation", "modelType", "score", "new", "$$hashKey", NULL,
  };
  g_autoptr(MoatThreat) threat = NULL;
  g_autofree char *score = read_score (importer, object);
  const char *wanted_id = td_read_string (importer, object, "id");
  const char *mitigation = td_read_string (importer, object, "mitigation");
  MoatThreatStatus status;
  gint64 number;

  if (wanted_id[0] == '\0')
    wanted_id = td_read_string (importer, object, "threatId");

  threat = moat_threat_new (td_claim_id (importer, wanted_id, "threat"), target_id,
                            MOAT_STRIDE_SPOOFING, td_read_string (importer, object, "title"));
  map_threat_type (importer, context, threat, td_read_string (importer, object, "type"),
                   td_read_string (importer, object, "modelType"));
  map_threat_severity (importer, threat, td_read_string (importer, object, "severity"));
  status = map_threat_status (importer, td_read_string (importer, object, "status"));
  number = read_threat_number (importer, object);

  g_object_set (threat,
                "status", status,
                "description", td_read_string (importer, object, "description"),
                "score", score,
                NULL);

  /* The mitigation is one piece of text; it becomes one short-term item,
   * done when the threat is mitigated. */
  if (mitigation[0] != '\0')
    {
      g_autoptr(MoatChecklist) short_term = moat_checklist_new ();

      moat_checklist_append (short_term, mitigation, status == MOAT_THREAT_STATUS_MITIGATED);
      g_object_set (threat, "short-term", short_term, NULL);
    }

  td_report_unknown_keys (importer, object, keys, NULL);

  g_ptr_array_add (importer->threats, g_steal_pointer (&threat));
  g_array_append_val (importer->wanted_numbers, number);
  g_ptr_array_add (importer->threat_paths, g_strdup (importer->path->str));
}

void
td_import_threats (Importer       *importer,
                DiagramContext *context,
                Cell           *cell,
                const char     *target_id)
{
  JsonArray *threats;

  td_enter_data (importer, cell);
  threats = td_read_array (importer, cell->data, "threats", FALSE);
  if (threats != NULL &&
      td_check_length (importer, threats, "threats",
                       MOAT_INPUT_MAX_THREATS - importer->threats->len))
    {
      td_push_key (importer, "threats");
      for (guint i = 0; i < json_array_get_length (threats); i++)
        {
          JsonObject *object;

          td_push_index (importer, i);
          object = td_array_object (importer, threats, i);
          if (object != NULL)
            import_threat (importer, context, object, target_id);
          td_pop (importer);
        }
      td_pop (importer);
    }
  td_leave_data (importer, cell);
}

/* Gives each threat its Threat Dragon number when it is usable and not
 * taken, and the next free numbers to the rest, then adds the threats to
 * the document. */
void
td_add_threats (Importer *importer,
             gint64    threat_top)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autofree gboolean *numbered = g_new0 (gboolean, importer->threats->len + 1);
  guint highest = 0;

  for (guint i = 0; i < importer->threats->len; i++)
    {
      gint64 wanted = g_array_index (importer->wanted_numbers, gint64, i);

      if (wanted > 0 && g_hash_table_add (used, GINT_TO_POINTER ((int)wanted)))
        {
          g_object_set (g_ptr_array_index (importer->threats, i), "number", (guint)wanted, NULL);
          highest = MAX (highest, (guint)wanted);
          numbered[i] = TRUE;
        }
    }

  for (guint i = 0; i < importer->threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (importer->threats, i);
      gint64 wanted = g_array_index (importer->wanted_numbers, gint64, i);
      gpointer target;

      if (!numbered[i])
        {
          g_object_set (threat, "number", ++highest, NULL);
          if (wanted > 0)
            {
              /* A format macro inside the message would cut it short for
               * the translators. */
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, wanted);

              g_ptr_array_add (importer->report,
                               g_strdup_printf (_("%s: %s.number: threat number %s is used "
                                                  "twice; this threat became THREAT-%03u"),
                                                importer->display_name,
                                                (char *)g_ptr_array_index (importer->threat_paths,
                                                                           i),
                                                number, highest));
            }
        }

      moat_document_append_threat_internal (importer->document, threat);

      /* A threat recorded on a flow marks its STRIDE category as reviewed,
       * as adding one in Moat does. */
      target = moat_document_lookup (importer->document, moat_threat_get_target_id (threat));
      if (MOAT_IS_FLOW (target) && moat_threat_get_category (threat) < MOAT_N_STRIDE_CATEGORIES)
        g_object_set (target,
                      moat_flow_review_state_property (moat_threat_get_category (threat)),
                      MOAT_REVIEW_THREATS_RECORDED,
                      NULL);
    }

  moat_document_set_next_threat_number_internal (importer->document,
                                                 MAX (highest, (guint)threat_top) + 1);
}
