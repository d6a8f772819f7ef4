/* moat-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nicks of these enumerations are the values written in .moat files,
 * so they never change once released.
 */

typedef enum
{
  MOAT_ELEMENT_KIND_EXTERNAL_ENTITY,
  MOAT_ELEMENT_KIND_PROCESS,
  MOAT_ELEMENT_KIND_DATA_STORE,
} MoatElementKind;

typedef enum
{
  MOAT_STRIDE_SPOOFING,
  MOAT_STRIDE_TAMPERING,
  MOAT_STRIDE_REPUDIATION,
  MOAT_STRIDE_INFORMATION_DISCLOSURE,
  MOAT_STRIDE_DENIAL_OF_SERVICE,
  MOAT_STRIDE_ELEVATION_OF_PRIVILEGE,
  /* A threat recorded with another methodology (LINDDUN, CIA…), kept with
   * its original type text. It comes after the six STRIDE categories, so
   * loops up to MOAT_N_STRIDE_CATEGORIES never meet it, and flows have no
   * review state for it. */
  MOAT_STRIDE_OTHER,
} MoatStrideCategory;

#define MOAT_N_STRIDE_CATEGORIES 6

typedef enum
{
  MOAT_REVIEW_NOT_REVIEWED,
  MOAT_REVIEW_NOT_APPLICABLE,
  MOAT_REVIEW_THREATS_RECORDED,
} MoatReviewState;

/* A three-step rating used for confidentiality, integrity and availability
 * impact and for probability. UNSET means "not yet scored".
 */
typedef enum
{
  MOAT_LEVEL_UNSET,
  MOAT_LEVEL_LOW,
  MOAT_LEVEL_MEDIUM,
  MOAT_LEVEL_HIGH,
} MoatLevel;

typedef enum
{
  MOAT_SEVERITY_UNSET,
  MOAT_SEVERITY_LOW,
  MOAT_SEVERITY_MEDIUM,
  MOAT_SEVERITY_HIGH,
  MOAT_SEVERITY_CRITICAL,
} MoatSeverity;

typedef enum
{
  MOAT_THREAT_STATUS_OPEN,
  MOAT_THREAT_STATUS_MITIGATED,
  MOAT_THREAT_STATUS_ACCEPTED,
  MOAT_THREAT_STATUS_TRANSFERRED,
} MoatThreatStatus;

typedef enum
{
  MOAT_CLASSIFICATION_UNSET,
  MOAT_CLASSIFICATION_PUBLIC,
  MOAT_CLASSIFICATION_INTERNAL,
  MOAT_CLASSIFICATION_CONFIDENTIAL,
  MOAT_CLASSIFICATION_SECRET,
} MoatClassification;

typedef enum
{
  MOAT_ANNOTATION_KIND_NOTE,
  MOAT_ANNOTATION_KIND_BOUNDARY_CURVE,
} MoatAnnotationKind;

/* How a data flow authenticates its sender. UNSET means "not yet
 * described", which rules treat differently from NONE. */
typedef enum
{
  MOAT_AUTHENTICATION_METHOD_UNSET,
  MOAT_AUTHENTICATION_METHOD_NONE,
  MOAT_AUTHENTICATION_METHOD_PASSWORD,
  MOAT_AUTHENTICATION_METHOD_API_KEY,
  MOAT_AUTHENTICATION_METHOD_TOKEN,
  MOAT_AUTHENTICATION_METHOD_MUTUAL_TLS,
  MOAT_AUTHENTICATION_METHOD_SIGNATURE,
} MoatAuthenticationMethod;

/* The kinds of tool an AI agent may call. A set of flags, written in files
 * as a list of nicks. */
typedef enum /*< flags >*/
{
  MOAT_TOOL_PERMISSION_NONE             = 0,
  MOAT_TOOL_PERMISSION_READ_FILES       = 1 << 0,
  MOAT_TOOL_PERMISSION_WRITE_FILES      = 1 << 1,
  MOAT_TOOL_PERMISSION_EXECUTE_COMMANDS = 1 << 2,
  MOAT_TOOL_PERMISSION_NETWORK          = 1 << 3,
  MOAT_TOOL_PERMISSION_READ_DATABASE    = 1 << 4,
  MOAT_TOOL_PERMISSION_WRITE_DATABASE   = 1 << 5,
  MOAT_TOOL_PERMISSION_SEND_MESSAGES    = 1 << 6,
} MoatToolPermission;

typedef enum
{
  MOAT_SUGGESTION_OPEN,
  MOAT_SUGGESTION_ACCEPTED,
  MOAT_SUGGESTION_DISMISSED,
} MoatSuggestionState;

/* What the problems list reports. */
typedef enum
{
  MOAT_PROBLEM_DANGLING_FLOW,
  MOAT_PROBLEM_UNNAMED_ELEMENT,
  MOAT_PROBLEM_OUTSIDE_BOUNDARIES,
  MOAT_PROBLEM_UNREVIEWED_CROSSING,
  MOAT_PROBLEM_NO_MITIGATIONS,
  MOAT_PROBLEM_OVERDUE_THREAT,
  MOAT_PROBLEM_DUPLICATE_NAME,
} MoatProblemKind;

#define MOAT_TYPE_ELEMENT_KIND (moat_element_kind_get_type ())
#define MOAT_TYPE_STRIDE_CATEGORY (moat_stride_category_get_type ())
#define MOAT_TYPE_REVIEW_STATE (moat_review_state_get_type ())
#define MOAT_TYPE_LEVEL (moat_level_get_type ())
#define MOAT_TYPE_SEVERITY (moat_severity_get_type ())
#define MOAT_TYPE_THREAT_STATUS (moat_threat_status_get_type ())
#define MOAT_TYPE_CLASSIFICATION (moat_classification_get_type ())
#define MOAT_TYPE_ANNOTATION_KIND (moat_annotation_kind_get_type ())
#define MOAT_TYPE_AUTHENTICATION_METHOD (moat_authentication_method_get_type ())
#define MOAT_TYPE_TOOL_PERMISSION (moat_tool_permission_get_type ())
#define MOAT_TYPE_SUGGESTION_STATE (moat_suggestion_state_get_type ())
#define MOAT_TYPE_PROBLEM_KIND (moat_problem_kind_get_type ())

GType        moat_element_kind_get_type     (void) G_GNUC_CONST;
GType        moat_stride_category_get_type  (void) G_GNUC_CONST;
GType        moat_review_state_get_type     (void) G_GNUC_CONST;
GType        moat_level_get_type            (void) G_GNUC_CONST;
GType        moat_severity_get_type         (void) G_GNUC_CONST;
GType        moat_threat_status_get_type    (void) G_GNUC_CONST;
GType        moat_classification_get_type   (void) G_GNUC_CONST;
GType        moat_annotation_kind_get_type  (void) G_GNUC_CONST;
GType        moat_authentication_method_get_type (void) G_GNUC_CONST;
GType        moat_tool_permission_get_type  (void) G_GNUC_CONST;
GType        moat_suggestion_state_get_type (void) G_GNUC_CONST;
GType        moat_problem_kind_get_type     (void) G_GNUC_CONST;

const char  *moat_enum_to_nick              (GType        enum_type,
                                             int          value);
gboolean     moat_enum_from_nick            (GType        enum_type,
                                             const char  *nick,
                                             int         *value);
char        *moat_enum_dup_nicks            (GType        enum_type);

const char  *moat_element_kind_to_label     (MoatElementKind    kind);
const char  *moat_stride_category_to_label  (MoatStrideCategory category);
const char  *moat_stride_category_to_question (MoatStrideCategory category);
const char  *moat_review_state_to_label     (MoatReviewState    state);
const char  *moat_level_to_label            (MoatLevel          level);
const char  *moat_severity_to_label         (MoatSeverity       severity);
const char  *moat_threat_status_to_label    (MoatThreatStatus   status);
const char  *moat_classification_to_label   (MoatClassification classification);
const char  *moat_authentication_method_to_label (MoatAuthenticationMethod method);
const char  *moat_tool_permission_to_label  (MoatToolPermission permission);

G_END_DECLS
