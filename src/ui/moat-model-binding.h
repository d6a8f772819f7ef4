/* moat-model-binding.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_MODEL_BINDING (moat_model_binding_get_type ())

G_DECLARE_FINAL_TYPE (MoatModelBinding, moat_model_binding, MOAT, MODEL_BINDING, GObject)

/* Returns the label shown for one value of an enumeration, such as
 * moat_level_to_label(). */
typedef const char *(*MoatValueLabelFunc) (int value);

/* Returns whether a text may be written to the model, such as
 * moat_threat_is_valid_due_date(). */
typedef gboolean (*MoatTextValidateFunc) (const char *text);

MoatModelBinding *moat_model_binding_new               (MoatDocument         *document,
                                                        gpointer              object,
                                                        const char           *name_prefix);
MoatDocument     *moat_model_binding_get_document      (MoatModelBinding     *self);
gpointer          moat_model_binding_get_object        (MoatModelBinding     *self);
gboolean          moat_model_binding_is_updating       (MoatModelBinding     *self);
GtkWidget        *moat_model_binding_add_entry         (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title);
GtkWidget        *moat_model_binding_add_validated_entry (MoatModelBinding   *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title,
                                                        MoatTextValidateFunc  validate,
                                                        const char           *invalid_message);
GtkWidget        *moat_model_binding_add_list_entry    (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title);
GtkWidget        *moat_model_binding_add_text_area     (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title);
GtkWidget        *moat_model_binding_add_switch        (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title);
GtkWidget        *moat_model_binding_add_expander_switch (MoatModelBinding   *self,
                                                        AdwExpanderRow       *expander,
                                                        const char           *property_name,
                                                        const char           *title);
GtkWidget        *moat_model_binding_add_combo         (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title,
                                                        MoatValueLabelFunc    label_func);
GtkWidget        *moat_model_binding_add_drop_down     (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title,
                                                        const char           *subtitle,
                                                        MoatValueLabelFunc    label_func);
GtkWidget        *moat_model_binding_add_value_row     (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title,
                                                        MoatValueLabelFunc    label_func);
GtkWidget        *moat_model_binding_add_spin          (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title,
                                                        const char           *subtitle);
GtkWidget        *moat_model_binding_add_flags         (MoatModelBinding     *self,
                                                        AdwPreferencesGroup  *group,
                                                        const char           *property_name,
                                                        const char           *title,
                                                        MoatValueLabelFunc    label_func);
void              moat_model_binding_show_when         (MoatModelBinding     *self,
                                                        GtkWidget            *widget,
                                                        const char           *property_name,
                                                        int                   value);

G_END_DECLS
