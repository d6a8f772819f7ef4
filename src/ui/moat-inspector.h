/* moat-inspector.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-document.h"
#include "moat-review-model.h"

G_BEGIN_DECLS

/* The side panel that edits the selection: the model's metadata when
 * nothing is selected, or an element, data flow or trust boundary. A flow
 * also shows its STRIDE review and its threats; an element shows its
 * threats. Activating a threat opens the threat editor in place of the
 * item page.
 *
 * Every change goes through the document, so it is undoable, and the
 * widgets follow the model when undo, redo or another view changes it.
 *
 * With a review model, a flow's page also shows its boundary crossings,
 * review coverage, the STRIDE catalogue (guiding questions, detection
 * patterns, typical mitigations) and the rule library's suggestions.
 * moat-flow-review.h names those rows.
 *
 * Actions, installed on the widget class:
 *   inspector.add-threat ("s")    a STRIDE category nick, or "" for the
 *                                 first category of the flow not reviewed
 *   inspector.show-threat ("s")   a threat id
 *   inspector.back                from the threat editor to the item page,
 *                                 also on Escape and Alt+Left while the
 *                                 focus is in the inspector
 *   inspector.delete-threat       delete the threat in the editor
 *   inspector.accept-suggestion ("s")  a rule id: record the flow's
 *                                 suggestion from that rule as a threat
 *   inspector.dismiss-suggestion ("(ss)")  a rule id and the reason: mark
 *                                 the flow's suggestion not applicable
 *   inspector.accept-selection    accept the open suggestions of every
 *                                 flow given to moat_inspector_set_selection()
 *   inspector.dismiss-selection ("s")  dismiss them with one reason
 *
 * Widget names, for tests and CSS. A row that edits a property is named
 * after the property with a prefix. The prefix is "model-" for the
 * document's metadata ("model-title", "model-reviewers"…) and "item-" for
 * the selected item ("item-name", "item-kind", "item-protocol",
 * "item-review-spoofing", "item-review-spoofing-reason"…). In the threat
 * editor it is "threat-" ("threat-title", "threat-category",
 * "threat-impact-confidentiality", "threat-probability", "threat-status",
 * "threat-owner", "threat-due-date", "threat-attack-vector"…). Text areas
 * contain a GtkTextView named "text-view". The "threat-severity" row
 * contains a label named "value". The STRIDE rows ("item-review-…") are
 * AdwActionRows whose activatable widget is a GtkDropDown.
 * Other names:
 *   "item-page"              the AdwPreferencesPage of the item
 *   "item-source", "item-target"  a flow's ends (AdwActionRow)
 *   "threats"                the AdwPreferencesGroup listing threats
 *   "add-threat-button"      the AdwSplitButton that adds a threat
 *   "threat-row"             each threat in the list (AdwActionRow), with
 *                            a label named "severity"
 *   "threat-editor"          the MoatThreatEditor
 *   "threat-back-button", "threat-reference", "threat-target"
 *   "short-term", "long-term", "monitoring"  the checklist groups, whose
 *                            rows are named "item" with a "done" check
 *                            button and a "remove" button, and whose
 *                            header has an "add-item" button
 *   "threat-delete-button"
 *   "selection-suggestions"  the group of a multi-selection's suggestions,
 *                            with an "accept-all" button and a "dismiss"
 *                            menu button
 *   "item-security-controls" the expander of a flow's security switches
 */

#define MOAT_TYPE_INSPECTOR (moat_inspector_get_type ())

G_DECLARE_FINAL_TYPE (MoatInspector, moat_inspector, MOAT, INSPECTOR, GtkWidget)

MoatInspector *moat_inspector_new          (void);
MoatDocument  *moat_inspector_get_document (MoatInspector *self);
void           moat_inspector_set_document (MoatInspector *self,
                                            MoatDocument  *document);
GObject       *moat_inspector_get_item     (MoatInspector *self);
void           moat_inspector_set_item     (MoatInspector *self,
                                            GObject       *item);
MoatThreat    *moat_inspector_get_threat   (MoatInspector *self);
void           moat_inspector_show_threat  (MoatInspector *self,
                                            MoatThreat    *threat);
MoatReviewModel *moat_inspector_get_review_model (MoatInspector   *self);
void           moat_inspector_set_review_model (MoatInspector   *self,
                                                MoatReviewModel *review_model);
void           moat_inspector_set_selection (MoatInspector *self,
                                             GPtrArray     *items);

G_END_DECLS
