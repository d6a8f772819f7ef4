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

#define MOAT_TYPE_ELEMENT_KIND (moat_element_kind_get_type ())
#define MOAT_TYPE_STRIDE_CATEGORY (moat_stride_category_get_type ())
#define MOAT_TYPE_REVIEW_STATE (moat_review_state_get_type ())
#define MOAT_TYPE_LEVEL (moat_level_get_type ())
#define MOAT_TYPE_SEVERITY (moat_severity_get_type ())
#define MOAT_TYPE_THREAT_STATUS (moat_threat_status_get_type ())
#define MOAT_TYPE_CLASSIFICATION (moat_classification_get_type ())
#define MOAT_TYPE_ANNOTATION_KIND (moat_annotation_kind_get_type ())

GType        moat_element_kind_get_type     (void) G_GNUC_CONST;
GType        moat_stride_category_get_type  (void) G_GNUC_CONST;
GType        moat_review_state_get_type     (void) G_GNUC_CONST;
GType        moat_level_get_type            (void) G_GNUC_CONST;
GType        moat_severity_get_type         (void) G_GNUC_CONST;
GType        moat_threat_status_get_type    (void) G_GNUC_CONST;
GType        moat_classification_get_type   (void) G_GNUC_CONST;
GType        moat_annotation_kind_get_type  (void) G_GNUC_CONST;

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

G_END_DECLS
