/* moat-element.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-geometry.h"
#include "moat-item.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ELEMENT (moat_element_get_type ())

G_DECLARE_FINAL_TYPE (MoatElement, moat_element, MOAT, ELEMENT, MoatItem)

MoatElement     *moat_element_new                   (MoatElementKind  kind,
                                                     const char      *id,
                                                     const char      *name);
MoatElementKind  moat_element_get_kind              (MoatElement     *self);
const char      *moat_element_get_technology        (MoatElement     *self);
gboolean         moat_element_get_out_of_scope      (MoatElement     *self);
const char      *moat_element_get_out_of_scope_reason (MoatElement   *self);
MoatRect         moat_element_get_bounds            (MoatElement     *self);
const char      *moat_element_get_privilege_level   (MoatElement     *self);
gboolean         moat_element_get_web_application   (MoatElement     *self);
gboolean         moat_element_get_is_log            (MoatElement     *self);
gboolean         moat_element_get_stores_credentials (MoatElement    *self);
gboolean         moat_element_get_encrypted         (MoatElement     *self);
gboolean         moat_element_get_signed            (MoatElement     *self);
gboolean         moat_element_get_authenticates_callers (MoatElement *self);
gboolean         moat_element_get_checks_authorization (MoatElement  *self);
gboolean         moat_element_get_validates_input   (MoatElement     *self);
gboolean         moat_element_get_audit_logging     (MoatElement     *self);
gboolean         moat_element_get_elevated_privilege (MoatElement    *self);
gboolean         moat_element_get_internet_facing   (MoatElement     *self);
gboolean         moat_element_get_ai_agent          (MoatElement     *self);
MoatToolPermission moat_element_get_agent_tool_permissions (MoatElement *self);
guint            moat_element_get_agent_max_iterations (MoatElement  *self);
guint            moat_element_get_agent_max_tokens  (MoatElement     *self);

void             moat_element_set_bounds            (MoatElement     *self,
                                                     const MoatRect  *bounds);
void             moat_element_set_out_of_scope      (MoatElement     *self,
                                                     gboolean         out_of_scope);
void             moat_element_set_agent_tool_permissions (MoatElement     *self,
                                                     MoatToolPermission permissions);
void             moat_element_set_agent_max_iterations (MoatElement     *self,
                                                     guint            max_iterations);
void             moat_element_set_agent_max_tokens  (MoatElement     *self,
                                                     guint            max_tokens);
void             moat_element_set_technology        (MoatElement     *self,
                                                     const char      *text);
void             moat_element_set_out_of_scope_reason (MoatElement     *self,
                                                     const char      *text);
void             moat_element_set_privilege_level   (MoatElement     *self,
                                                     const char      *text);
void             moat_element_set_web_application   (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_is_log            (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_stores_credentials (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_encrypted         (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_signed            (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_authenticates_callers (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_checks_authorization (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_validates_input   (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_audit_logging     (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_elevated_privilege (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_internet_facing   (MoatElement     *self,
                                                     gboolean         value);
void             moat_element_set_ai_agent          (MoatElement     *self,
                                                     gboolean         value);

G_END_DECLS
