/* moat-problem-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-review-model.h"

G_BEGIN_DECLS

/* The problems list of the whole model: dangling flows, unnamed elements,
 * elements outside every boundary, crossing flows not fully reviewed,
 * threats without mitigations or past their due date, duplicate names.
 * It follows the review model's "updated" signal, and also reports a
 * rule file that could not be loaded.
 *
 * Activating a row (a click or Return) emits "problem-activated" with
 * the problem, whose select_id names the item to select on the canvas.
 *
 * Widget names: "problem-row" for each problem (AdwActionRow),
 * "data-error" for the row of a rule or catalogue file that failed to
 * load, and "empty-state".
 */

#define MOAT_TYPE_PROBLEM_LIST (moat_problem_list_get_type ())

G_DECLARE_FINAL_TYPE (MoatProblemList, moat_problem_list, MOAT, PROBLEM_LIST, GtkWidget)

GtkWidget       *moat_problem_list_new              (void);
MoatReviewModel *moat_problem_list_get_review_model (MoatProblemList *self);
void             moat_problem_list_set_review_model (MoatProblemList *self,
                                                     MoatReviewModel *review_model);
guint            moat_problem_list_get_n_problems   (MoatProblemList *self);

G_END_DECLS
