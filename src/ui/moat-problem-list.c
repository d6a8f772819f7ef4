/* moat-problem-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "moat-problem-list.h"

struct _MoatProblemList
{
  GtkWidget parent_instance;

  MoatReviewModel *review_model;

  GtkWidget *stack;
  GtkWidget *scrolled;
  GtkWidget *list_box;
  GtkWidget *empty_state;

  /* Copies of the problems at the last update, and their rows, in the
   * same order. */
  GPtrArray *problems;
  GPtrArray *rows;
};

G_DEFINE_FINAL_TYPE (MoatProblemList, moat_problem_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVIEW_MODEL,
  N_PROPS
};

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
problem_kind_label (MoatProblemKind kind)
{
  switch (kind)
    {
    case MOAT_PROBLEM_DANGLING_FLOW:
      return _("Dangling data flow");

    case MOAT_PROBLEM_UNNAMED_ELEMENT:
      return _("Unnamed element");

    case MOAT_PROBLEM_OUTSIDE_BOUNDARIES:
      return _("Outside every trust boundary");

    case MOAT_PROBLEM_UNREVIEWED_CROSSING:
      return _("Crossing not fully reviewed");

    case MOAT_PROBLEM_NO_MITIGATIONS:
      return _("Threat without mitigations");

    case MOAT_PROBLEM_OVERDUE_THREAT:
      return _("Threat past its due date");

    case MOAT_PROBLEM_DUPLICATE_NAME:
      return _("Duplicate name");

    default:
      g_return_val_if_reached ("");
    }
}

static char *
dup_subtitle (MoatProblemList   *self,
              const MoatProblem *problem)
{
  MoatDocument *document = moat_review_model_get_document (self->review_model);
  gpointer diagram = NULL;

  if (document != NULL && problem->diagram_id[0] != '\0')
    diagram = moat_document_lookup (document, problem->diagram_id);

  if (!MOAT_IS_DIAGRAM (diagram))
    return g_strdup (problem_kind_label (problem->kind));

  /* TRANSLATORS: the kind of a problem and the diagram where it is, such
   * as "Unnamed element · Main diagram" */
  return g_strdup_printf (_("%s · %s"), problem_kind_label (problem->kind),
                          moat_diagram_get_name (diagram));
}

static GtkWidget *
create_row (const char *name,
            const char *icon_name,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_name (row, name);

  /* Messages quote names from the file, so they are never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static void
clear_rows (MoatProblemList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->problems, 0);
}

static void
refill (MoatProblemList *self)
{
  MoatAnalysis *analysis = NULL;
  const char *data_error = NULL;
  GPtrArray *problems;

  clear_rows (self);

  if (self->review_model != NULL)
    {
      analysis = moat_review_model_get_analysis (self->review_model);
      data_error = moat_review_model_get_data_error (self->review_model);
    }

  if (data_error != NULL)
    {
      GtkWidget *row = create_row ("data-error", "dialog-error-symbolic",
                                   _("The threat suggestions are incomplete"), data_error);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (self->list_box), row);
    }

  problems = analysis != NULL ? moat_analysis_get_problems (analysis) : NULL;
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MoatProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *subtitle = dup_subtitle (self, problem);
      GtkWidget *row = create_row ("problem-row", "dialog-warning-symbolic", problem->message,
                                   subtitle);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (GTK_LIST_BOX (self->list_box), row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->problems, moat_problem_copy (problem));
    }

  gtk_stack_set_visible_child (GTK_STACK (self->stack),
                               self->rows->len == 0 && data_error == NULL
                               ? self->empty_state
                               : self->scrolled);
}

/* A click or Return on a row selects its item. Moving the keyboard
 * focus along the rows does not, so opening the panel leaves the canvas
 * selection alone. */
static void
row_activated_cb (MoatProblemList *self,
                  GtkListBoxRow   *row)
{
  guint position;

  if (!g_ptr_array_find (self->rows, row, &position))
    return;

  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, g_ptr_array_index (self->problems, position));
}

/* GObject */

static void
moat_problem_list_dispose (GObject *object)
{
  MoatProblemList *self = (MoatProblemList *)object;

  moat_problem_list_set_review_model (self, NULL);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  self->scrolled = NULL;
  self->list_box = NULL;
  self->empty_state = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_problem_list_parent_class)->dispose (object);
}

static void
moat_problem_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MoatProblemList *self = MOAT_PROBLEM_LIST (object);

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
moat_problem_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MoatProblemList *self = MOAT_PROBLEM_LIST (object);

  switch (prop_id)
    {
    case PROP_REVIEW_MODEL:
      moat_problem_list_set_review_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_problem_list_class_init (MoatProblemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_problem_list_dispose;
  object_class->get_property = moat_problem_list_get_property;
  object_class->set_property = moat_problem_list_set_property;

  properties[PROP_REVIEW_MODEL] =
    g_param_spec_object ("review-model", NULL, NULL, MOAT_TYPE_REVIEW_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatProblemList::problem-activated:
   * @problem: (type MoatProblem): the problem of the activated row
   *
   * Emitted when the user clicks a problem or presses Return on it, so
   * that its item can be selected on the canvas.
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  MOAT_TYPE_PROBLEM | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problemlist");
}

static void
moat_problem_list_init (MoatProblemList *self)
{
  GtkWidget *clamp;

  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_problem_free);
  self->rows = g_ptr_array_new ();

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  gtk_widget_set_valign (self->list_box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->list_box, 12);
  gtk_widget_set_margin_bottom (self->list_box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems"),
                                  -1);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->list_box);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_stack_add_child (GTK_STACK (self->stack), self->scrolled);

  self->empty_state = adw_status_page_new ();
  gtk_widget_set_name (self->empty_state, "empty-state");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_state), "object-select-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_state), _("No Problems Found"));
  gtk_widget_add_css_class (self->empty_state, "compact");
  gtk_stack_add_child (GTK_STACK (self->stack), self->empty_state);

  refill (self);
}

GtkWidget *
moat_problem_list_new (void)
{
  return g_object_new (MOAT_TYPE_PROBLEM_LIST, NULL);
}

MoatReviewModel *
moat_problem_list_get_review_model (MoatProblemList *self)
{
  g_return_val_if_fail (MOAT_IS_PROBLEM_LIST (self), NULL);

  return self->review_model;
}

/**
 * moat_problem_list_set_review_model:
 * @review_model: (nullable): the review whose problems to list
 */
void
moat_problem_list_set_review_model (MoatProblemList *self,
                                    MoatReviewModel *review_model)
{
  g_return_if_fail (MOAT_IS_PROBLEM_LIST (self));
  g_return_if_fail (!review_model || MOAT_IS_REVIEW_MODEL (review_model));

  if (self->review_model == review_model)
    return;

  if (self->review_model != NULL)
    g_signal_handlers_disconnect_by_data (self->review_model, self);
  g_set_object (&self->review_model, review_model);
  if (review_model != NULL)
    g_signal_connect_object (review_model, "updated", G_CALLBACK (refill), self,
                             G_CONNECT_SWAPPED);

  if (self->list_box != NULL)
    refill (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_MODEL]);
}

/**
 * moat_problem_list_get_n_problems:
 *
 * Returns: the number of problems listed
 */
guint
moat_problem_list_get_n_problems (MoatProblemList *self)
{
  g_return_val_if_fail (MOAT_IS_PROBLEM_LIST (self), 0);

  return self->problems->len;
}
