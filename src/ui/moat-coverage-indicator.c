/* moat-coverage-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-coverage-indicator.h"

struct _MoatCoverageIndicator
{
  GtkWidget parent_instance;

  MoatReviewModel *review_model;

  GtkWidget *bar;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (MoatCoverageIndicator, moat_coverage_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVIEW_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_label_text (const MoatCoverage *coverage)
{
  if (coverage->n_crossing_flows == 0)
    /* TRANSLATORS: review coverage in the header bar: (data flow, STRIDE
     * category) pairs reviewed out of all */
    return g_strdup_printf (_("Reviewed %u/%u"), coverage->reviewed_pairs, coverage->total_pairs);

  /* TRANSLATORS: review coverage in the header bar: (data flow, STRIDE
   * category) pairs reviewed out of all, then the same for the flows that
   * cross a trust boundary */
  return g_strdup_printf (_("Reviewed %u/%u · crossing %u/%u"),
                          coverage->reviewed_pairs, coverage->total_pairs,
                          coverage->crossing_reviewed_pairs, coverage->crossing_total_pairs);
}

static char *
dup_tooltip_text (const MoatCoverage *coverage)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u STRIDE category of the data flows reviewed "
                                       "(%u %%)",
                                       "%u of %u STRIDE categories of the data flows reviewed "
                                       "(%u %%)",
                                       coverage->total_pairs),
                          coverage->reviewed_pairs, coverage->total_pairs,
                          (guint)(moat_coverage_get_fraction (coverage) * 100));
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u data flow fully reviewed",
                                       "%u of %u data flows fully reviewed",
                                       coverage->n_flows),
                          coverage->n_complete_flows, coverage->n_flows);
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u flow that crosses a trust boundary fully "
                                       "reviewed",
                                       "%u of %u flows that cross a trust boundary fully "
                                       "reviewed",
                                       coverage->n_crossing_flows),
                          coverage->n_complete_crossing_flows, coverage->n_crossing_flows);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update (MoatCoverageIndicator *self)
{
  MoatAnalysis *analysis = NULL;
  const MoatCoverage *coverage;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (self->review_model != NULL)
    analysis = moat_review_model_get_analysis (self->review_model);

  gtk_widget_set_visible (GTK_WIDGET (self), analysis != NULL);
  if (analysis == NULL)
    return;

  coverage = moat_analysis_get_coverage (analysis);
  label = dup_label_text (coverage);
  tooltip = dup_tooltip_text (coverage);

  gtk_label_set_text (GTK_LABEL (self->label), label);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->bar), moat_coverage_get_fraction (coverage));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, label,
                                  -1);
}

static void
moat_coverage_indicator_dispose (GObject *object)
{
  MoatCoverageIndicator *self = (MoatCoverageIndicator *)object;

  moat_coverage_indicator_set_review_model (self, NULL);

  g_clear_pointer (&self->bar, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (moat_coverage_indicator_parent_class)->dispose (object);
}

static void
moat_coverage_indicator_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MoatCoverageIndicator *self = MOAT_COVERAGE_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_REVIEW_MODEL:
      g_value_set_object (value, self->review_model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_coverage_indicator_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MoatCoverageIndicator *self = MOAT_COVERAGE_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_REVIEW_MODEL:
      moat_coverage_indicator_set_review_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_coverage_indicator_class_init (MoatCoverageIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_coverage_indicator_dispose;
  object_class->get_property = moat_coverage_indicator_get_property;
  object_class->set_property = moat_coverage_indicator_set_property;

  properties[PROP_REVIEW_MODEL] =
    g_param_spec_object ("review-model", NULL, NULL, MOAT_TYPE_REVIEW_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "coverageindicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
moat_coverage_indicator_init (MoatCoverageIndicator *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->bar = gtk_level_bar_new_for_interval (0, 1);
  gtk_widget_set_name (self->bar, "coverage-bar");
  gtk_widget_set_size_request (self->bar, 96, -1);
  gtk_widget_set_valign (self->bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Review coverage"),
                                  -1);
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_widget_set_name (self->label, "coverage-label");
  gtk_widget_add_css_class (self->label, "caption");
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  update (self);
}

GtkWidget *
moat_coverage_indicator_new (void)
{
  return g_object_new (MOAT_TYPE_COVERAGE_INDICATOR, NULL);
}

MoatReviewModel *
moat_coverage_indicator_get_review_model (MoatCoverageIndicator *self)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE_INDICATOR (self), NULL);

  return self->review_model;
}

/**
 * moat_coverage_indicator_set_review_model:
 * @review_model: (nullable): the review whose coverage to show
 */
void
moat_coverage_indicator_set_review_model (MoatCoverageIndicator *self,
                                          MoatReviewModel       *review_model)
{
  g_return_if_fail (MOAT_IS_COVERAGE_INDICATOR (self));
  g_return_if_fail (!review_model || MOAT_IS_REVIEW_MODEL (review_model));

  if (self->review_model == review_model)
    return;

  if (self->review_model != NULL)
    g_signal_handlers_disconnect_by_data (self->review_model, self);
  g_set_object (&self->review_model, review_model);
  if (review_model != NULL)
    g_signal_connect_object (review_model, "updated", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);

  if (self->label != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_MODEL]);
}
