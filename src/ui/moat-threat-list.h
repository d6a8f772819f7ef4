/* moat-threat-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-review-model.h"

G_BEGIN_DECLS

/* The threats of the whole model in a table, sortable by each column and
 * filtered by severity, status, STRIDE category, owner and diagram. It
 * follows the document through the review model's "updated" signal.
 *
 * Selecting a row emits "threat-selected"; activating it (Return or a
 * double click) emits "threat-activated".
 *
 * Widget names: "threat-view" (the GtkColumnView, whose columns have the
 * titles "ID", "Title", "Category", "Severity", "Status", "Owner", "Due",
 * "Applies to" and "Diagram"), "severity-filter", "status-filter",
 * "category-filter", "owner-filter" and "diagram-filter" (GtkDropDowns
 * whose first entry means "all"), and "empty-state".
 */

#define MOAT_TYPE_THREAT_LIST (moat_threat_list_get_type ())

G_DECLARE_FINAL_TYPE (MoatThreatList, moat_threat_list, MOAT, THREAT_LIST, GtkWidget)

GtkWidget       *moat_threat_list_new              (void);
MoatReviewModel *moat_threat_list_get_review_model (MoatThreatList  *self);
void             moat_threat_list_set_review_model (MoatThreatList  *self,
                                                    MoatReviewModel *review_model);
GListModel      *moat_threat_list_get_shown        (MoatThreatList  *self);
void             moat_threat_list_select_threat    (MoatThreatList  *self,
                                                    MoatThreat      *threat);

G_END_DECLS
