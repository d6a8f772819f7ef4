/* moat-review-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include "moat-review-model.h"

struct _MoatReviewModel
{
  GObject parent_instance;

  MoatDocument *document;
  GSignalGroup *document_signals;

  MoatStrideCatalogue *catalogue;
  MoatRuleLibrary *rules;
  MoatAnalysis *analysis;

  /* The load errors of the catalogue and the rules, or NULL. */
  char *catalogue_error;
  char *rules_error;
  char *data_error;

  guint update_idle;

  /* How long the last analysis took. */
  gint64 update_duration;
};

/* On models of this many elements and flows or more, an update waits
 * after the last change for twice the time the last analysis took, at
 * most a second. Smaller models update as soon as the main loop is idle,
 * whatever the machine's speed. */
#define MIN_ITEMS_FOR_DELAY 1000
#define MAX_UPDATE_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (MoatReviewModel, moat_review_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ANALYSIS,
  PROP_DATA_ERROR,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_data_error (MoatReviewModel *self)
{
  g_autofree char *error = NULL;

  if (self->catalogue_error != NULL && self->rules_error != NULL)
    error = g_strdup_printf ("%s\n%s", self->catalogue_error, self->rules_error);
  else
    error = g_strdup (self->catalogue_error != NULL ? self->catalogue_error : self->rules_error);

  if (g_strcmp0 (error, self->data_error) == 0)
    return;

  g_free (self->data_error);
  self->data_error = g_steal_pointer (&error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_ERROR]);
}

/* Loads the shipped rules and the model's own rule files. When a rule file
 * of the model is broken, the shipped rules still give suggestions, and
 * the error is kept for the problems list. */
static void
load_rules (MoatReviewModel *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->rules);
  g_clear_pointer (&self->rules_error, g_free);

  if (self->document == NULL)
    return;

  self->rules = moat_rule_library_new_for_document (self->document, &error);
  if (self->rules != NULL)
    return;

  g_warning ("Cannot load the rule library: %s", error->message);
  self->rules_error = g_strdup (error->message);
  g_clear_error (&error);

  self->rules = moat_rule_library_new ();
  if (!moat_rule_library_load_default (self->rules, &error))
    {
      /* An empty library still lets the rest of the review work. */
      g_clear_object (&self->rules);
      self->rules = moat_rule_library_new ();
    }
}

static gboolean
update_idle_cb (gpointer user_data)
{
  MoatReviewModel *self = user_data;

  self->update_idle = 0;
  moat_review_model_update (self);

  return G_SOURCE_REMOVE;
}

/* Many changes can come in a row, such as the steps of a drag, so the
 * analysis waits for the main loop to be idle. Each update analyses the
 * whole model again. On large models it also waits until the changes
 * pause, so a drag does not stutter on every step. */
static guint
count_items (MoatDocument *document)
{
  GPtrArray *diagrams = moat_document_get_diagrams (document);
  guint count = 0;

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);

      count += moat_diagram_get_elements (diagram)->len + moat_diagram_get_flows (diagram)->len;
    }

  return count;
}

static void
document_changed_cb (MoatReviewModel *self)
{
  guint delay_ms = MIN (2 * self->update_duration / 1000, MAX_UPDATE_DELAY_MS);

  if (delay_ms == 0 || count_items (self->document) < MIN_ITEMS_FOR_DELAY)
    {
      if (self->update_idle == 0)
        self->update_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self,
                                             NULL);
      return;
    }

  g_clear_handle_id (&self->update_idle, g_source_remove);
  self->update_idle = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, delay_ms, update_idle_cb,
                                          self, NULL);
}

static void
document_rules_changed_cb (MoatReviewModel *self)
{
  load_rules (self);
  update_data_error (self);
  document_changed_cb (self);
}

static void
moat_review_model_dispose (GObject *object)
{
  MoatReviewModel *self = (MoatReviewModel *)object;

  g_clear_handle_id (&self->update_idle, g_source_remove);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->analysis);
  g_clear_object (&self->rules);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_review_model_parent_class)->dispose (object);
}

static void
moat_review_model_finalize (GObject *object)
{
  MoatReviewModel *self = (MoatReviewModel *)object;

  g_free (self->catalogue_error);
  g_free (self->rules_error);
  g_free (self->data_error);

  G_OBJECT_CLASS (moat_review_model_parent_class)->finalize (object);
}

static void
moat_review_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MoatReviewModel *self = MOAT_REVIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;

    case PROP_DATA_ERROR:
      g_value_set_string (value, self->data_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_review_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MoatReviewModel *self = MOAT_REVIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      moat_review_model_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_review_model_class_init (MoatReviewModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_review_model_dispose;
  object_class->finalize = moat_review_model_finalize;
  object_class->get_property = moat_review_model_get_property;
  object_class->set_property = moat_review_model_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MOAT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MoatReviewModel:analysis:
   *
   * The analysis of the document as it was at the last update, or %NULL
   * without a document.
   */
  properties[PROP_ANALYSIS] =
    g_param_spec_object ("analysis", NULL, NULL, MOAT_TYPE_ANALYSIS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MoatReviewModel:data-error:
   *
   * Why the STRIDE catalogue or a rule file could not be loaded, or %NULL.
   */
  properties[PROP_DATA_ERROR] =
    g_param_spec_string ("data-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatReviewModel::updated:
   *
   * Emitted after the analysis was made again, when the panels should
   * show it.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
moat_review_model_init (MoatReviewModel *self)
{
  g_autoptr(GError) error = NULL;

  self->catalogue = moat_stride_catalogue_new_default (&error);
  if (self->catalogue == NULL)
    {
      g_warning ("Cannot load the STRIDE catalogue: %s", error->message);
      self->catalogue_error = g_strdup (error->message);
    }
  update_data_error (self);

  self->document_signals = g_signal_group_new (MOAT_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::rule-files",
                                 G_CALLBACK (document_rules_changed_cb), self, G_CONNECT_SWAPPED);

  /* Rule files are relative to the model's folder. */
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (document_rules_changed_cb), self, G_CONNECT_SWAPPED);
}

MoatReviewModel *
moat_review_model_new (void)
{
  return g_object_new (MOAT_TYPE_REVIEW_MODEL, NULL);
}

MoatDocument *
moat_review_model_get_document (MoatReviewModel *self)
{
  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);

  return self->document;
}

/**
 * moat_review_model_set_document:
 * @document: (nullable): the document to review
 *
 * Loads the rules of @document and analyses it at once, so the panels
 * have an analysis as soon as they show the document.
 */
void
moat_review_model_set_document (MoatReviewModel *self,
                                MoatDocument    *document)
{
  g_return_if_fail (MOAT_IS_REVIEW_MODEL (self));
  g_return_if_fail (!document || MOAT_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  g_signal_group_set_target (self->document_signals, document);
  load_rules (self);
  update_data_error (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  moat_review_model_update (self);
}

/**
 * moat_review_model_get_analysis:
 *
 * Returns: (transfer none) (nullable): the analysis of the last update
 */
MoatAnalysis *
moat_review_model_get_analysis (MoatReviewModel *self)
{
  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);

  return self->analysis;
}

/**
 * moat_review_model_get_catalogue:
 *
 * Returns: (transfer none) (nullable): the STRIDE catalogue, or %NULL
 *   when data/stride.json could not be loaded
 */
MoatStrideCatalogue *
moat_review_model_get_catalogue (MoatReviewModel *self)
{
  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);

  return self->catalogue;
}

/**
 * moat_review_model_get_rules:
 *
 * Returns: (transfer none) (nullable): the rule library of the document
 */
MoatRuleLibrary *
moat_review_model_get_rules (MoatReviewModel *self)
{
  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);

  return self->rules;
}

/**
 * moat_review_model_get_data_error:
 *
 * Returns: (nullable): why the STRIDE catalogue or a rule file could not
 *   be loaded, or %NULL when both loaded
 */
const char *
moat_review_model_get_data_error (MoatReviewModel *self)
{
  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);

  return self->data_error;
}

/**
 * moat_review_model_update:
 *
 * Analyses the document now, in place of the pending update, and emits
 * "updated".
 */
void
moat_review_model_update (MoatReviewModel *self)
{
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (MOAT_IS_REVIEW_MODEL (self));

  g_clear_handle_id (&self->update_idle, g_source_remove);
  g_clear_object (&self->analysis);

  if (self->document != NULL)
    self->analysis = moat_analysis_new (self->document, self->rules, NULL);
  self->update_duration = g_get_monotonic_time () - start;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
  g_signal_emit (self, signals[UPDATED], 0);
}

/**
 * moat_review_model_dup_suggestions_for:
 * @flow_id: the id of a data flow
 *
 * Returns: (transfer container) (element-type MoatSuggestion): the
 *   suggestions of the flow at the last update, empty without an
 *   analysis. The items belong to the analysis, which the next update
 *   replaces, so copy what must outlive it.
 */
GPtrArray *
moat_review_model_dup_suggestions_for (MoatReviewModel *self,
                                       const char      *flow_id)
{
  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);
  g_return_val_if_fail (flow_id != NULL, NULL);

  if (self->analysis == NULL)
    return g_ptr_array_new ();

  return moat_analysis_dup_suggestions_for (self->analysis, flow_id);
}

/**
 * moat_review_model_get_crossings_of:
 * @item: an item of the document
 *
 * Returns: (transfer none) (nullable): the crossings of the diagram of
 *   @item at the last update, or %NULL when there is none
 */
MoatCrossings *
moat_review_model_get_crossings_of (MoatReviewModel *self,
                                    MoatItem        *item)
{
  MoatDiagram *diagram;

  g_return_val_if_fail (MOAT_IS_REVIEW_MODEL (self), NULL);
  g_return_val_if_fail (MOAT_IS_ITEM (item), NULL);

  if (self->analysis == NULL)
    return NULL;

  diagram = moat_document_get_diagram_of (self->document, item);
  if (diagram == NULL)
    return NULL;

  return moat_analysis_get_crossings (self->analysis, diagram);
}
