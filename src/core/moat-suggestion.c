/* moat-suggestion.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-suggestion.h"

G_DEFINE_BOXED_TYPE (MoatSuggestion, moat_suggestion, moat_suggestion_copy, moat_suggestion_free)

MoatSuggestion *
moat_suggestion_copy (const MoatSuggestion *self)
{
  MoatSuggestion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MoatSuggestion, 1);
  copy->rule = moat_rule_ref (self->rule);
  copy->flow_id = g_strdup (self->flow_id);
  copy->target_id = g_strdup (self->target_id);
  copy->state = self->state;
  copy->reason = g_strdup (self->reason);
  copy->threat_id = g_strdup (self->threat_id);

  return copy;
}

void
moat_suggestion_free (MoatSuggestion *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->rule, moat_rule_unref);
  g_free (self->flow_id);
  g_free (self->target_id);
  g_free (self->reason);
  g_free (self->threat_id);
  g_free (self);
}

/* Finds a threat that @rule proposed for @target_id earlier. */
static MoatThreat *
find_accepted_threat (MoatDocument *document,
                      MoatRule     *rule,
                      const char   *target_id)
{
  GPtrArray *threats = moat_document_get_threats_for (document, target_id);

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      if (g_str_equal (moat_threat_get_rule_id (threat), moat_rule_get_id (rule)))
        return threat;
    }

  return NULL;
}

/**
 * moat_suggestions_for_flow:
 * @rules: the rule library
 * @document: the document that contains @flow
 * @flow: a data flow
 * @crossings: the crossings of the flow's diagram
 *
 * Evaluates every rule on @flow. Out-of-scope flows get no suggestions.
 *
 * Returns: (transfer container) (element-type MoatSuggestion): the
 *   matching rules' suggestions in library order, open, accepted and
 *   dismissed alike
 */
GPtrArray *
moat_suggestions_for_flow (MoatRuleLibrary *rules,
                           MoatDocument    *document,
                           MoatFlow        *flow,
                           MoatCrossings   *crossings)
{
  GPtrArray *suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_suggestion_free);
  const MoatCrossing *crossed;
  guint n_crossed;
  MoatElement *source;
  MoatElement *target;
  GPtrArray *all;

  g_return_val_if_fail (MOAT_IS_RULE_LIBRARY (rules), suggestions);
  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), suggestions);
  g_return_val_if_fail (MOAT_IS_FLOW (flow), suggestions);
  g_return_val_if_fail (crossings != NULL, suggestions);

  if (moat_flow_get_out_of_scope (flow))
    return suggestions;

  source = moat_document_get_flow_source (document, flow);
  target = moat_document_get_flow_target (document, flow);
  crossed = moat_crossings_get_for_flow (crossings, moat_item_get_id (MOAT_ITEM (flow)),
                                         &n_crossed);

  all = moat_rule_library_get_rules (rules);
  for (guint i = 0; i < all->len; i++)
    {
      MoatRule *rule = g_ptr_array_index (all, i);
      MoatSuggestion *suggestion;
      MoatThreat *threat;
      const char *reason;

      if (!moat_rule_matches (rule, flow, source, target, crossed, n_crossed))
        continue;

      suggestion = g_new0 (MoatSuggestion, 1);
      suggestion->rule = moat_rule_ref (rule);
      suggestion->flow_id = g_strdup (moat_item_get_id (MOAT_ITEM (flow)));
      suggestion->target_id = g_strdup (moat_rule_get_attachment_id (rule, flow));

      threat = find_accepted_threat (document, rule, suggestion->target_id);
      reason = moat_flow_get_dismissal_reason (flow, moat_rule_get_id (rule));
      if (threat != NULL)
        suggestion->state = MOAT_SUGGESTION_ACCEPTED;
      else if (reason != NULL)
        suggestion->state = MOAT_SUGGESTION_DISMISSED;
      else
        suggestion->state = MOAT_SUGGESTION_OPEN;
      suggestion->reason = g_strdup (reason != NULL ? reason : "");
      suggestion->threat_id = g_strdup (threat != NULL ? moat_threat_get_id (threat) : "");

      g_ptr_array_add (suggestions, suggestion);
    }

  return suggestions;
}

static void
accept_one (MoatDocument         *document,
            const MoatSuggestion *self,
            MoatThreat          **result)
{
  g_autoptr(MoatThreat) threat = NULL;
  MoatStrideCategory category = moat_rule_get_category (self->rule);
  MoatFlow *flow = moat_document_lookup (document, self->flow_id);

  g_return_if_fail (MOAT_IS_FLOW (flow));

  threat = moat_rule_create_threat (self->rule, flow);
  moat_document_add_threat (document, threat);

  /* A threat on one of the flow's ends still answers the flow's
   * checklist question, so the category counts as reviewed. */
  if (!g_str_equal (self->target_id, self->flow_id) &&
      moat_flow_get_review_state (flow, category) == MOAT_REVIEW_NOT_REVIEWED)
    moat_document_set (document, flow, moat_flow_review_state_property (category),
                       MOAT_REVIEW_THREATS_RECORDED, NULL);

  if (result != NULL)
    *result = threat;
}

/**
 * moat_suggestion_accept:
 * @document: the document that contains the suggestion's flow
 *
 * Creates the suggested threat, filled in from the rule, as one undoable
 * step. It also marks the category of the flow as reviewed.
 *
 * Returns: (transfer none): the new threat, owned by @document
 */
MoatThreat *
moat_suggestion_accept (MoatDocument         *document,
                        const MoatSuggestion *self)
{
  MoatThreat *threat = NULL;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (self != NULL, NULL);

  moat_document_begin_group (document, _("Accept Suggested Threat"));
  accept_one (document, self, &threat);
  moat_document_end_group (document);

  return threat;
}

/* Returns the flow's dismissals with @rule_id set to @reason, or removed
 * when @reason is %NULL. */
static GVariant *
dup_dismissals_with (MoatFlow   *flow,
                     const char *rule_id,
                     const char *reason)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *value;
  gboolean replaced = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, moat_flow_get_dismissed_suggestions (flow));
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      if (!g_str_equal (key, rule_id))
        g_variant_builder_add (&builder, "{ss}", key, value);
      else if (reason != NULL)
        {
          g_variant_builder_add (&builder, "{ss}", key, reason);
          replaced = TRUE;
        }
    }

  if (reason != NULL && !replaced)
    g_variant_builder_add (&builder, "{ss}", rule_id, reason);

  return g_variant_builder_end (&builder);
}

static void
set_dismissal (MoatDocument         *document,
               const MoatSuggestion *self,
               const char           *reason)
{
  MoatFlow *flow = moat_document_lookup (document, self->flow_id);

  g_return_if_fail (MOAT_IS_FLOW (flow));

  moat_document_set (document, flow,
                     "dismissed-suggestions",
                     dup_dismissals_with (flow, moat_rule_get_id (self->rule), reason),
                     NULL);
}

/**
 * moat_suggestion_dismiss:
 * @reason: why the suggestion does not apply
 *
 * Marks the suggestion as not applicable to its flow, as one undoable
 * step. The reason is stored in the flow, so the suggestion stays
 * dismissed after saving and loading.
 */
void
moat_suggestion_dismiss (MoatDocument         *document,
                         const MoatSuggestion *self,
                         const char           *reason)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (document));
  g_return_if_fail (self != NULL);
  g_return_if_fail (reason != NULL);

  set_dismissal (document, self, reason);
}

/**
 * moat_suggestion_restore:
 *
 * Takes back the dismissal of a suggestion, as one undoable step.
 */
void
moat_suggestion_restore (MoatDocument         *document,
                         const MoatSuggestion *self)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (document));
  g_return_if_fail (self != NULL);

  set_dismissal (document, self, NULL);
}

/**
 * moat_suggestions_accept:
 * @suggestions: (element-type MoatSuggestion): the suggestions, such as
 *   those of a multi-selection
 *
 * Accepts every open suggestion of @suggestions as one undoable step;
 * accepted and dismissed ones are left alone.
 */
void
moat_suggestions_accept (MoatDocument *document,
                         GPtrArray    *suggestions)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (document));
  g_return_if_fail (suggestions != NULL);

  moat_document_begin_group (document, _("Accept Suggested Threats"));
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MoatSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (suggestion->state == MOAT_SUGGESTION_OPEN)
        accept_one (document, suggestion, NULL);
    }
  moat_document_end_group (document);
}

/**
 * moat_suggestions_dismiss:
 * @suggestions: (element-type MoatSuggestion): the suggestions
 * @reason: why they do not apply
 *
 * Dismisses every open suggestion of @suggestions with the same reason,
 * as one undoable step.
 */
void
moat_suggestions_dismiss (MoatDocument *document,
                          GPtrArray    *suggestions,
                          const char   *reason)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (document));
  g_return_if_fail (suggestions != NULL);
  g_return_if_fail (reason != NULL);

  moat_document_begin_group (document, _("Dismiss Suggested Threats"));
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MoatSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (suggestion->state == MOAT_SUGGESTION_OPEN)
        set_dismissal (document, suggestion, reason);
    }
  moat_document_end_group (document);
}
