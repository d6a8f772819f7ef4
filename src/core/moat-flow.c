/* moat-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-flow.h"
#include "moat-point-list.h"

/* A data flow between two elements. Its name (from MoatItem) is the label
 * drawn on the arrow. The ends are element ids, not pointers, so that
 * deleting and restoring an element through undo keeps the flow valid. */
struct _MoatFlow
{
  MoatItem parent_instance;

  /* Interned like item ids (see moat_item_get_id()). */
  char *source_id;
  char *target_id;
  char *protocol;
  MoatClassification classification;
  guint authenticated : 1;
  guint encrypted : 1;
  guint bidirectional : 1;
  guint is_signed : 1;
  guint public_network : 1;
  guint out_of_scope : 1;
  char *out_of_scope_reason;

  /* Bend points between the ends. A flow without a source element starts
   * at its first bend point, and one without a target element ends at its
   * last, so a dangling end keeps its place. */
  MoatPointList *vertices;

  /* Where the label sits along the drawn line, from 0 at the source to 1
   * at the target. */
  double label_position;

  MoatReviewState review_state[MOAT_N_STRIDE_CATEGORIES];
  char *review_reason[MOAT_N_STRIDE_CATEGORIES];

  MoatAuthenticationMethod authentication_method;
  guint rate_limited : 1;

  /* Review progress: the ids of the STRIDE detection patterns checked off
   * for this flow, and the rule suggestions dismissed as not applicable,
   * as a{ss} from rule id to reason. */
  char **checked_patterns;
  GVariant *dismissed_suggestions;
};

G_DEFINE_FINAL_TYPE (MoatFlow, moat_flow, MOAT_TYPE_ITEM)

enum {
  PROP_0,
  PROP_SOURCE_ID,
  PROP_TARGET_ID,
  PROP_PROTOCOL,
  PROP_AUTHENTICATED,
  PROP_ENCRYPTED,
  PROP_BIDIRECTIONAL,
  PROP_CLASSIFICATION,
  PROP_VERTICES,
  PROP_SIGNED,
  PROP_PUBLIC_NETWORK,
  PROP_OUT_OF_SCOPE,
  PROP_OUT_OF_SCOPE_REASON,
  PROP_AUTHENTICATION_METHOD,
  PROP_RATE_LIMITED,
  PROP_CHECKED_PATTERNS,
  PROP_DISMISSED_SUGGESTIONS,
  PROP_LABEL_POSITION,
  /* A state and a reason property per STRIDE category follow. */
  PROP_REVIEW_FIRST,
  N_PROPS = PROP_REVIEW_FIRST + 2 * MOAT_N_STRIDE_CATEGORIES
};

static GParamSpec *properties[N_PROPS];

/* Property names, built from the category nicks that files use. */
static const char * const review_state_names[MOAT_N_STRIDE_CATEGORIES] = {
  "review-spoofing",
  "review-tampering",
  "review-repudiation",
  "review-information-disclosure",
  "review-denial-of-service",
  "review-elevation-of-privilege",
};

static const char * const review_reason_names[MOAT_N_STRIDE_CATEGORIES] = {
  "review-spoofing-reason",
  "review-tampering-reason",
  "review-repudiation-reason",
  "review-information-disclosure-reason",
  "review-denial-of-service-reason",
  "review-elevation-of-privilege-reason",
};

static void
moat_flow_finalize (GObject *object)
{
  MoatFlow *self = (MoatFlow *)object;

  g_clear_pointer (&self->source_id, g_ref_string_release);
  g_clear_pointer (&self->target_id, g_ref_string_release);
  g_clear_pointer (&self->protocol, g_free);
  g_clear_pointer (&self->out_of_scope_reason, g_free);
  g_clear_pointer (&self->vertices, moat_point_list_free);
  g_clear_pointer (&self->checked_patterns, g_strfreev);
  g_clear_pointer (&self->dismissed_suggestions, g_variant_unref);
  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    g_clear_pointer (&self->review_reason[i], g_free);

  G_OBJECT_CLASS (moat_flow_parent_class)->finalize (object);
}

static void
moat_flow_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MoatFlow *self = MOAT_FLOW (object);

  if (prop_id >= PROP_REVIEW_FIRST && prop_id < N_PROPS)
    {
      guint category = (prop_id - PROP_REVIEW_FIRST) / 2;

      if ((prop_id - PROP_REVIEW_FIRST) % 2 == 0)
        g_value_set_enum (value, self->review_state[category]);
      else
        g_value_set_string (value, self->review_reason[category]);
      return;
    }

  switch (prop_id)
    {
    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;

    case PROP_TARGET_ID:
      g_value_set_string (value, self->target_id);
      break;

    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;

    case PROP_AUTHENTICATED:
      g_value_set_boolean (value, self->authenticated);
      break;

    case PROP_ENCRYPTED:
      g_value_set_boolean (value, self->encrypted);
      break;

    case PROP_BIDIRECTIONAL:
      g_value_set_boolean (value, self->bidirectional);
      break;

    case PROP_CLASSIFICATION:
      g_value_set_enum (value, self->classification);
      break;

    case PROP_VERTICES:
      g_value_set_boxed (value, self->vertices);
      break;

    case PROP_SIGNED:
      g_value_set_boolean (value, self->is_signed);
      break;

    case PROP_PUBLIC_NETWORK:
      g_value_set_boolean (value, self->public_network);
      break;

    case PROP_OUT_OF_SCOPE:
      g_value_set_boolean (value, self->out_of_scope);
      break;

    case PROP_OUT_OF_SCOPE_REASON:
      g_value_set_string (value, self->out_of_scope_reason);
      break;

    case PROP_AUTHENTICATION_METHOD:
      g_value_set_enum (value, self->authentication_method);
      break;

    case PROP_RATE_LIMITED:
      g_value_set_boolean (value, self->rate_limited);
      break;

    case PROP_CHECKED_PATTERNS:
      g_value_set_boxed (value, self->checked_patterns);
      break;

    case PROP_DISMISSED_SUGGESTIONS:
      g_value_set_variant (value, self->dismissed_suggestions);
      break;

    case PROP_LABEL_POSITION:
      g_value_set_double (value, self->label_position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
replace_string (char       **field,
                const char  *str)
{
  if (str == NULL)
    str = "";

  if (g_strcmp0 (*field, str) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (str);

  return TRUE;
}

/* Replaces an interned id, so that equal ids stay one pointer (see
 * moat_item_get_id()). */
static gboolean
replace_id (char       **field,
            const char  *id)
{
  char *interned;

  if (id == NULL)
    id = "";

  if (g_strcmp0 (*field, id) == 0)
    return FALSE;

  interned = g_ref_string_new_intern (id);
  g_clear_pointer (field, g_ref_string_release);
  *field = interned;

  return TRUE;
}

static gboolean
replace_strv (char         ***field,
              const GValue   *value)
{
  const char * const *strv = g_value_get_boxed (value);
  const char * const empty[] = { NULL };

  if (strv == NULL)
    strv = empty;

  if (g_strv_equal ((const char * const *)*field, strv))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **)strv);

  return TRUE;
}

static gboolean
replace_dismissals (GVariant     **field,
                    const GValue  *value)
{
  GVariant *dismissals = g_value_get_variant (value);

  if (dismissals == NULL)
    dismissals = g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0);

  g_variant_ref_sink (dismissals);
  if (g_variant_equal (*field, dismissals))
    {
      g_variant_unref (dismissals);
      return FALSE;
    }

  g_variant_unref (*field);
  *field = dismissals;

  return TRUE;
}

static void
moat_flow_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MoatFlow *self = MOAT_FLOW (object);
  gboolean changed = FALSE;

  if (prop_id >= PROP_REVIEW_FIRST && prop_id < N_PROPS)
    {
      guint category = (prop_id - PROP_REVIEW_FIRST) / 2;

      if ((prop_id - PROP_REVIEW_FIRST) % 2 == 0)
        {
          changed = self->review_state[category] != (MoatReviewState)g_value_get_enum (value);
          self->review_state[category] = g_value_get_enum (value);
        }
      else
        {
          changed = replace_string (&self->review_reason[category], g_value_get_string (value));
        }
    }
  else switch (prop_id)
    {
    case PROP_SOURCE_ID:
      changed = replace_id (&self->source_id, g_value_get_string (value));
      break;

    case PROP_TARGET_ID:
      changed = replace_id (&self->target_id, g_value_get_string (value));
      break;

    case PROP_PROTOCOL:
      changed = replace_string (&self->protocol, g_value_get_string (value));
      break;

    case PROP_AUTHENTICATED:
      changed = self->authenticated != g_value_get_boolean (value);
      self->authenticated = g_value_get_boolean (value);
      break;

    case PROP_ENCRYPTED:
      changed = self->encrypted != g_value_get_boolean (value);
      self->encrypted = g_value_get_boolean (value);
      break;

    case PROP_BIDIRECTIONAL:
      changed = self->bidirectional != g_value_get_boolean (value);
      self->bidirectional = g_value_get_boolean (value);
      break;

    case PROP_CLASSIFICATION:
      changed = self->classification != (MoatClassification)g_value_get_enum (value);
      self->classification = g_value_get_enum (value);
      break;

    case PROP_VERTICES:
      changed = !moat_point_list_equal (self->vertices, g_value_get_boxed (value));
      if (changed)
        {
          const MoatPointList *vertices = g_value_get_boxed (value);

          g_clear_pointer (&self->vertices, moat_point_list_free);
          self->vertices = vertices != NULL ? moat_point_list_copy (vertices)
                                            : moat_point_list_new (NULL, 0);
        }
      break;

    case PROP_SIGNED:
      changed = self->is_signed != g_value_get_boolean (value);
      self->is_signed = g_value_get_boolean (value);
      break;

    case PROP_PUBLIC_NETWORK:
      changed = self->public_network != g_value_get_boolean (value);
      self->public_network = g_value_get_boolean (value);
      break;

    case PROP_OUT_OF_SCOPE:
      changed = self->out_of_scope != g_value_get_boolean (value);
      self->out_of_scope = g_value_get_boolean (value);
      break;

    case PROP_OUT_OF_SCOPE_REASON:
      changed = replace_string (&self->out_of_scope_reason, g_value_get_string (value));
      break;

    case PROP_AUTHENTICATION_METHOD:
      changed = self->authentication_method != (MoatAuthenticationMethod)g_value_get_enum (value);
      self->authentication_method = g_value_get_enum (value);
      break;

    case PROP_RATE_LIMITED:
      changed = self->rate_limited != g_value_get_boolean (value);
      self->rate_limited = g_value_get_boolean (value);
      break;

    case PROP_CHECKED_PATTERNS:
      changed = replace_strv (&self->checked_patterns, value);
      break;

    case PROP_DISMISSED_SUGGESTIONS:
      changed = replace_dismissals (&self->dismissed_suggestions, value);
      break;

    case PROP_LABEL_POSITION:
      changed = self->label_position != g_value_get_double (value);
      self->label_position = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
moat_flow_class_init (MoatFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = moat_flow_finalize;
  object_class->get_property = moat_flow_get_property;
  object_class->set_property = moat_flow_set_property;

  properties[PROP_SOURCE_ID] = g_param_spec_string ("source-id", NULL, NULL, "", flags);
  properties[PROP_TARGET_ID] = g_param_spec_string ("target-id", NULL, NULL, "", flags);
  properties[PROP_PROTOCOL] = g_param_spec_string ("protocol", NULL, NULL, "", flags);
  properties[PROP_AUTHENTICATED] = g_param_spec_boolean ("authenticated", NULL, NULL, FALSE, flags);
  properties[PROP_ENCRYPTED] = g_param_spec_boolean ("encrypted", NULL, NULL, FALSE, flags);
  properties[PROP_BIDIRECTIONAL] = g_param_spec_boolean ("bidirectional", NULL, NULL, FALSE, flags);
  properties[PROP_CLASSIFICATION] =
    g_param_spec_enum ("classification", NULL, NULL,
                       MOAT_TYPE_CLASSIFICATION, MOAT_CLASSIFICATION_UNSET, flags);
  properties[PROP_VERTICES] =
    g_param_spec_boxed ("vertices", NULL, NULL, MOAT_TYPE_POINT_LIST, flags);
  properties[PROP_SIGNED] = g_param_spec_boolean ("signed", NULL, NULL, FALSE, flags);
  properties[PROP_PUBLIC_NETWORK] =
    g_param_spec_boolean ("public-network", NULL, NULL, FALSE, flags);
  properties[PROP_OUT_OF_SCOPE] = g_param_spec_boolean ("out-of-scope", NULL, NULL, FALSE, flags);
  properties[PROP_OUT_OF_SCOPE_REASON] =
    g_param_spec_string ("out-of-scope-reason", NULL, NULL, "", flags);
  properties[PROP_AUTHENTICATION_METHOD] =
    g_param_spec_enum ("authentication-method", NULL, NULL, MOAT_TYPE_AUTHENTICATION_METHOD,
                       MOAT_AUTHENTICATION_METHOD_UNSET, flags);
  properties[PROP_RATE_LIMITED] = g_param_spec_boolean ("rate-limited", NULL, NULL, FALSE, flags);
  properties[PROP_CHECKED_PATTERNS] =
    g_param_spec_boxed ("checked-patterns", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DISMISSED_SUGGESTIONS] =
    g_param_spec_variant ("dismissed-suggestions", NULL, NULL, G_VARIANT_TYPE ("a{ss}"), NULL,
                          flags);

  /**
   * MoatFlow:label-position:
   *
   * Where the label sits along the drawn line, as a fraction of its
   * length from the source end.
   */
  properties[PROP_LABEL_POSITION] =
    g_param_spec_double ("label-position", NULL, NULL, 0, 1, 0.5, flags);

  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    {
      properties[PROP_REVIEW_FIRST + 2 * i] =
        g_param_spec_enum (review_state_names[i], NULL, NULL,
                           MOAT_TYPE_REVIEW_STATE, MOAT_REVIEW_NOT_REVIEWED, flags);
      properties[PROP_REVIEW_FIRST + 2 * i + 1] =
        g_param_spec_string (review_reason_names[i], NULL, NULL, "", flags);
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_flow_init (MoatFlow *self)
{
  self->source_id = g_ref_string_new_intern ("");
  self->target_id = g_ref_string_new_intern ("");
  self->protocol = g_strdup ("");
  self->out_of_scope_reason = g_strdup ("");
  self->vertices = moat_point_list_new (NULL, 0);
  self->label_position = 0.5;
  self->checked_patterns = g_new0 (char *, 1);
  self->dismissed_suggestions =
    g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    self->review_reason[i] = g_strdup ("");
}

MoatFlow *
moat_flow_new (const char *id,
               const char *source_id,
               const char *target_id,
               const char *label)
{
  g_autofree char *new_id = id == NULL ? moat_item_new_id ("flow") : NULL;
  MoatFlow *self = g_object_new (MOAT_TYPE_FLOW, "id", id != NULL ? id : new_id, NULL);

  /* Set directly, because g_object_new() looks each property up by name
   * and copies its value. Nothing is connected to the new object yet. */
  replace_id (&self->source_id, source_id);
  replace_id (&self->target_id, target_id);
  moat_item_set_name (MOAT_ITEM (self), label);

  return self;
}

const char *
moat_flow_get_source_id (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return self->source_id;
}

const char *
moat_flow_get_target_id (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return self->target_id;
}

const char *
moat_flow_get_protocol (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return self->protocol;
}

gboolean
moat_flow_get_authenticated (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->authenticated;
}

gboolean
moat_flow_get_encrypted (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->encrypted;
}

gboolean
moat_flow_get_bidirectional (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->bidirectional;
}

MoatClassification
moat_flow_get_classification (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), 0);

  return self->classification;
}

/**
 * moat_flow_get_vertices:
 *
 * Returns: the bend points in order from source to target, never %NULL
 */
const MoatPointList *
moat_flow_get_vertices (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return self->vertices;
}

/**
 * moat_flow_get_label_position:
 *
 * Returns: where the label sits along the drawn line, from 0 at the source
 *   end to 1 at the target end
 */
double
moat_flow_get_label_position (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), 0.5);

  return self->label_position;
}

gboolean
moat_flow_get_signed (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->is_signed;
}

gboolean
moat_flow_get_public_network (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->public_network;
}

gboolean
moat_flow_get_out_of_scope (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->out_of_scope;
}

const char *
moat_flow_get_out_of_scope_reason (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return self->out_of_scope_reason;
}

MoatReviewState
moat_flow_get_review_state (MoatFlow           *self,
                            MoatStrideCategory  category)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), 0);
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, 0);

  return self->review_state[category];
}

const char *
moat_flow_get_review_reason (MoatFlow           *self,
                             MoatStrideCategory  category)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, NULL);

  return self->review_reason[category];
}

/**
 * moat_flow_review_state_property:
 * @category: a STRIDE category
 *
 * Returns: the name of the property that stores the review state of
 *   @category, for moat_document_set()
 */
const char *
moat_flow_review_state_property (MoatStrideCategory category)
{
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, NULL);

  return review_state_names[category];
}

const char *
moat_flow_review_reason_property (MoatStrideCategory category)
{
  g_return_val_if_fail (category < MOAT_N_STRIDE_CATEGORIES, NULL);

  return review_reason_names[category];
}

MoatAuthenticationMethod
moat_flow_get_authentication_method (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), 0);

  return self->authentication_method;
}

gboolean
moat_flow_get_rate_limited (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), FALSE);

  return self->rate_limited;
}

/**
 * moat_flow_get_checked_patterns:
 *
 * Returns: (transfer none): the ids of the STRIDE detection patterns that
 *   the reviewer checked off for this flow, never %NULL
 */
const char * const *
moat_flow_get_checked_patterns (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return (const char * const *)self->checked_patterns;
}

/**
 * moat_flow_get_dismissed_suggestions:
 *
 * Returns: (transfer none): the dismissed rule suggestions, an a{ss}
 *   dictionary from rule id to the reason given, never %NULL
 */
GVariant *
moat_flow_get_dismissed_suggestions (MoatFlow *self)
{
  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);

  return self->dismissed_suggestions;
}

/**
 * moat_flow_get_dismissal_reason:
 * @rule_id: the id of a rule
 *
 * Returns: (nullable): the reason the suggestion of @rule_id was
 *   dismissed for this flow, or %NULL if it was not dismissed
 */
const char *
moat_flow_get_dismissal_reason (MoatFlow   *self,
                                const char *rule_id)
{
  GVariantIter iter;
  const char *key;
  const char *reason;

  g_return_val_if_fail (MOAT_IS_FLOW (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  g_variant_iter_init (&iter, self->dismissed_suggestions);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &reason))
    if (g_str_equal (key, rule_id))
      return reason;

  return NULL;
}

/* The setters do what setting the property of the same name does, without
 * looking the property up by name, which matters when a file of thousands
 * of flows is loaded. */

static void
notify_if_changed (MoatFlow *self,
                   gboolean  changed,
                   guint     prop_id)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
moat_flow_set_protocol (MoatFlow   *self,
                        const char *protocol)
{
  g_return_if_fail (MOAT_IS_FLOW (self));

  notify_if_changed (self, replace_string (&self->protocol, protocol), PROP_PROTOCOL);
}

void
moat_flow_set_out_of_scope_reason (MoatFlow   *self,
                                   const char *reason)
{
  g_return_if_fail (MOAT_IS_FLOW (self));

  notify_if_changed (self, replace_string (&self->out_of_scope_reason, reason),
                     PROP_OUT_OF_SCOPE_REASON);
}

void
moat_flow_set_classification (MoatFlow           *self,
                              MoatClassification  classification)
{
  gboolean changed;

  g_return_if_fail (MOAT_IS_FLOW (self));

  changed = self->classification != classification;
  self->classification = classification;
  notify_if_changed (self, changed, PROP_CLASSIFICATION);
}

void
moat_flow_set_authentication_method (MoatFlow                 *self,
                                     MoatAuthenticationMethod  method)
{
  gboolean changed;

  g_return_if_fail (MOAT_IS_FLOW (self));

  changed = self->authentication_method != method;
  self->authentication_method = method;
  notify_if_changed (self, changed, PROP_AUTHENTICATION_METHOD);
}

void
moat_flow_set_label_position (MoatFlow *self,
                              double    position)
{
  gboolean changed;

  g_return_if_fail (MOAT_IS_FLOW (self));
  g_return_if_fail (position >= 0 && position <= 1);

  changed = self->label_position != position;
  self->label_position = position;
  notify_if_changed (self, changed, PROP_LABEL_POSITION);
}

/**
 * moat_flow_set_vertices:
 * @vertices: (nullable): the bend points, or %NULL for none
 *
 * Sets #MoatFlow:vertices to a copy of @vertices.
 */
void
moat_flow_set_vertices (MoatFlow            *self,
                        const MoatPointList *vertices)
{
  g_return_if_fail (MOAT_IS_FLOW (self));

  if (moat_point_list_equal (self->vertices, vertices))
    return;

  g_clear_pointer (&self->vertices, moat_point_list_free);
  self->vertices = vertices != NULL ? moat_point_list_copy (vertices)
                                    : moat_point_list_new (NULL, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERTICES]);
}

/**
 * moat_flow_set_review:
 * @category: a STRIDE category
 * @state: the review state of @category
 * @reason: (nullable): why the category does not apply, or %NULL
 *
 * Sets the review state and reason properties of @category.
 */
void
moat_flow_set_review (MoatFlow           *self,
                      MoatStrideCategory  category,
                      MoatReviewState     state,
                      const char         *reason)
{
  gboolean changed;

  g_return_if_fail (MOAT_IS_FLOW (self));
  g_return_if_fail (category < MOAT_N_STRIDE_CATEGORIES);

  changed = self->review_state[category] != state;
  self->review_state[category] = state;
  notify_if_changed (self, changed, PROP_REVIEW_FIRST + 2 * category);
  notify_if_changed (self, replace_string (&self->review_reason[category], reason),
                     PROP_REVIEW_FIRST + 2 * category + 1);
}

#define DEFINE_BOOLEAN_SETTER(name, field, prop_id) \
void \
moat_flow_set_##name (MoatFlow *self, \
                      gboolean  value) \
{ \
  gboolean changed; \
\
  g_return_if_fail (MOAT_IS_FLOW (self)); \
\
  changed = self->field != !!value; \
  self->field = !!value; \
  notify_if_changed (self, changed, prop_id); \
}

DEFINE_BOOLEAN_SETTER (authenticated, authenticated, PROP_AUTHENTICATED)
DEFINE_BOOLEAN_SETTER (encrypted, encrypted, PROP_ENCRYPTED)
DEFINE_BOOLEAN_SETTER (bidirectional, bidirectional, PROP_BIDIRECTIONAL)
DEFINE_BOOLEAN_SETTER (signed, is_signed, PROP_SIGNED)
DEFINE_BOOLEAN_SETTER (public_network, public_network, PROP_PUBLIC_NETWORK)
DEFINE_BOOLEAN_SETTER (out_of_scope, out_of_scope, PROP_OUT_OF_SCOPE)
DEFINE_BOOLEAN_SETTER (rate_limited, rate_limited, PROP_RATE_LIMITED)
