/* moat-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-enums.h"

G_DEFINE_ENUM_TYPE (MoatElementKind, moat_element_kind,
  G_DEFINE_ENUM_VALUE (MOAT_ELEMENT_KIND_EXTERNAL_ENTITY, "external-entity"),
  G_DEFINE_ENUM_VALUE (MOAT_ELEMENT_KIND_PROCESS, "process"),
  G_DEFINE_ENUM_VALUE (MOAT_ELEMENT_KIND_DATA_STORE, "data-store"))

G_DEFINE_ENUM_TYPE (MoatStrideCategory, moat_stride_category,
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_SPOOFING, "spoofing"),
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_TAMPERING, "tampering"),
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_REPUDIATION, "repudiation"),
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_INFORMATION_DISCLOSURE, "information-disclosure"),
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_DENIAL_OF_SERVICE, "denial-of-service"),
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_ELEVATION_OF_PRIVILEGE, "elevation-of-privilege"),
  G_DEFINE_ENUM_VALUE (MOAT_STRIDE_OTHER, "other"))

G_DEFINE_ENUM_TYPE (MoatReviewState, moat_review_state,
  G_DEFINE_ENUM_VALUE (MOAT_REVIEW_NOT_REVIEWED, "not-reviewed"),
  G_DEFINE_ENUM_VALUE (MOAT_REVIEW_NOT_APPLICABLE, "not-applicable"),
  G_DEFINE_ENUM_VALUE (MOAT_REVIEW_THREATS_RECORDED, "threats-recorded"))

G_DEFINE_ENUM_TYPE (MoatLevel, moat_level,
  G_DEFINE_ENUM_VALUE (MOAT_LEVEL_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (MOAT_LEVEL_LOW, "low"),
  G_DEFINE_ENUM_VALUE (MOAT_LEVEL_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (MOAT_LEVEL_HIGH, "high"))

G_DEFINE_ENUM_TYPE (MoatSeverity, moat_severity,
  G_DEFINE_ENUM_VALUE (MOAT_SEVERITY_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (MOAT_SEVERITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (MOAT_SEVERITY_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (MOAT_SEVERITY_HIGH, "high"),
  G_DEFINE_ENUM_VALUE (MOAT_SEVERITY_CRITICAL, "critical"))

G_DEFINE_ENUM_TYPE (MoatThreatStatus, moat_threat_status,
  G_DEFINE_ENUM_VALUE (MOAT_THREAT_STATUS_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (MOAT_THREAT_STATUS_MITIGATED, "mitigated"),
  G_DEFINE_ENUM_VALUE (MOAT_THREAT_STATUS_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (MOAT_THREAT_STATUS_TRANSFERRED, "transferred"))

G_DEFINE_ENUM_TYPE (MoatClassification, moat_classification,
  G_DEFINE_ENUM_VALUE (MOAT_CLASSIFICATION_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (MOAT_CLASSIFICATION_PUBLIC, "public"),
  G_DEFINE_ENUM_VALUE (MOAT_CLASSIFICATION_INTERNAL, "internal"),
  G_DEFINE_ENUM_VALUE (MOAT_CLASSIFICATION_CONFIDENTIAL, "confidential"),
  G_DEFINE_ENUM_VALUE (MOAT_CLASSIFICATION_SECRET, "secret"))

G_DEFINE_ENUM_TYPE (MoatAnnotationKind, moat_annotation_kind,
  G_DEFINE_ENUM_VALUE (MOAT_ANNOTATION_KIND_NOTE, "note"),
  G_DEFINE_ENUM_VALUE (MOAT_ANNOTATION_KIND_BOUNDARY_CURVE, "boundary-curve"))

G_DEFINE_ENUM_TYPE (MoatAuthenticationMethod, moat_authentication_method,
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_NONE, "none"),
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_PASSWORD, "password"),
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_API_KEY, "api-key"),
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_TOKEN, "token"),
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_MUTUAL_TLS, "mutual-tls"),
  G_DEFINE_ENUM_VALUE (MOAT_AUTHENTICATION_METHOD_SIGNATURE, "signature"))

G_DEFINE_FLAGS_TYPE (MoatToolPermission, moat_tool_permission,
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_READ_FILES, "read-files"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_WRITE_FILES, "write-files"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_EXECUTE_COMMANDS, "execute-commands"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_NETWORK, "network"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_READ_DATABASE, "read-database"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_WRITE_DATABASE, "write-database"),
  G_DEFINE_ENUM_VALUE (MOAT_TOOL_PERMISSION_SEND_MESSAGES, "send-messages"))

G_DEFINE_ENUM_TYPE (MoatSuggestionState, moat_suggestion_state,
  G_DEFINE_ENUM_VALUE (MOAT_SUGGESTION_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (MOAT_SUGGESTION_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (MOAT_SUGGESTION_DISMISSED, "dismissed"))

G_DEFINE_ENUM_TYPE (MoatProblemKind, moat_problem_kind,
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_DANGLING_FLOW, "dangling-flow"),
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_UNNAMED_ELEMENT, "unnamed-element"),
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_OUTSIDE_BOUNDARIES, "outside-boundaries"),
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_UNREVIEWED_CROSSING, "unreviewed-crossing"),
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_NO_MITIGATIONS, "no-mitigations"),
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_OVERDUE_THREAT, "overdue-threat"),
  G_DEFINE_ENUM_VALUE (MOAT_PROBLEM_DUPLICATE_NAME, "duplicate-name"))

/**
 * moat_enum_to_nick:
 * @enum_type: a registered enumeration type
 * @value: a value of @enum_type
 *
 * Returns: (nullable): the nick of @value, as written in files, or %NULL
 *   when @value is not a member of @enum_type
 */
const char *
moat_enum_to_nick (GType enum_type,
                   int   value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/**
 * moat_enum_from_nick:
 * @enum_type: a registered enumeration type
 * @nick: a nick as written in files
 * @value: (out): where to store the value
 *
 * Returns: %TRUE if @nick names a member of @enum_type
 */
gboolean
moat_enum_from_nick (GType       enum_type,
                     const char *nick,
                     int        *value)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  enum_class = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (enum_class, nick);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;

  return TRUE;
}

/**
 * moat_enum_dup_nicks:
 * @enum_type: a registered enumeration type
 *
 * Lists the accepted nicks, for error messages that say what was expected.
 *
 * Returns: (transfer full): the nicks separated by ", "
 */
char *
moat_enum_dup_nicks (GType enum_type)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  g_autoptr(GString) nicks = g_string_new (NULL);

  for (guint i = 0; i < enum_class->n_values; i++)
    {
      if (i > 0)
        g_string_append (nicks, ", ");
      g_string_append (nicks, enum_class->values[i].value_nick);
    }

  return g_string_free (g_steal_pointer (&nicks), FALSE);
}

const char *
moat_element_kind_to_label (MoatElementKind kind)
{
  switch (kind)
    {
    case MOAT_ELEMENT_KIND_EXTERNAL_ENTITY:
      return _("External entity");
    case MOAT_ELEMENT_KIND_PROCESS:
      return _("Process");
    case MOAT_ELEMENT_KIND_DATA_STORE:
      return _("Data store");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_stride_category_to_label (MoatStrideCategory category)
{
  switch (category)
    {
    case MOAT_STRIDE_SPOOFING:
      return _("Spoofing");
    case MOAT_STRIDE_TAMPERING:
      return _("Tampering");
    case MOAT_STRIDE_REPUDIATION:
      return _("Repudiation");
    case MOAT_STRIDE_INFORMATION_DISCLOSURE:
      return _("Information disclosure");
    case MOAT_STRIDE_DENIAL_OF_SERVICE:
      return _("Denial of service");
    case MOAT_STRIDE_ELEVATION_OF_PRIVILEGE:
      return _("Elevation of privilege");
    case MOAT_STRIDE_OTHER:
      return _("Other methodology");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_stride_category_to_question (MoatStrideCategory category)
{
  switch (category)
    {
    case MOAT_STRIDE_SPOOFING:
      return _("Can someone pretend to be another party?");
    case MOAT_STRIDE_TAMPERING:
      return _("Can someone modify data they should not?");
    case MOAT_STRIDE_REPUDIATION:
      return _("Can someone deny an action they performed?");
    case MOAT_STRIDE_INFORMATION_DISCLOSURE:
      return _("Can someone see data they should not?");
    case MOAT_STRIDE_DENIAL_OF_SERVICE:
      return _("Can someone make the system unavailable?");
    case MOAT_STRIDE_ELEVATION_OF_PRIVILEGE:
      return _("Can someone gain permissions they should not have?");
    case MOAT_STRIDE_OTHER:
      return _("Does a threat of another methodology, such as LINDDUN or CIA, apply?");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_review_state_to_label (MoatReviewState state)
{
  switch (state)
    {
    case MOAT_REVIEW_NOT_REVIEWED:
      return _("Not reviewed");
    case MOAT_REVIEW_NOT_APPLICABLE:
      return _("Not applicable");
    case MOAT_REVIEW_THREATS_RECORDED:
      return _("Threats recorded");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_level_to_label (MoatLevel level)
{
  switch (level)
    {
    case MOAT_LEVEL_UNSET:
      return _("Not scored");
    case MOAT_LEVEL_LOW:
      return _("LOW");
    case MOAT_LEVEL_MEDIUM:
      return _("MEDIUM");
    case MOAT_LEVEL_HIGH:
      return _("HIGH");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_severity_to_label (MoatSeverity severity)
{
  switch (severity)
    {
    case MOAT_SEVERITY_UNSET:
      return _("Not scored");
    case MOAT_SEVERITY_LOW:
      return _("LOW");
    case MOAT_SEVERITY_MEDIUM:
      return _("MEDIUM");
    case MOAT_SEVERITY_HIGH:
      return _("HIGH");
    case MOAT_SEVERITY_CRITICAL:
      return _("CRITICAL");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_threat_status_to_label (MoatThreatStatus status)
{
  switch (status)
    {
    case MOAT_THREAT_STATUS_OPEN:
      return _("OPEN");
    case MOAT_THREAT_STATUS_MITIGATED:
      return _("MITIGATED");
    case MOAT_THREAT_STATUS_ACCEPTED:
      return _("ACCEPTED");
    case MOAT_THREAT_STATUS_TRANSFERRED:
      return _("TRANSFERRED");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_classification_to_label (MoatClassification classification)
{
  switch (classification)
    {
    case MOAT_CLASSIFICATION_UNSET:
      return _("Not classified");
    case MOAT_CLASSIFICATION_PUBLIC:
      return _("Public");
    case MOAT_CLASSIFICATION_INTERNAL:
      return _("Internal");
    case MOAT_CLASSIFICATION_CONFIDENTIAL:
      return _("Confidential");
    case MOAT_CLASSIFICATION_SECRET:
      return _("Secret");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
moat_authentication_method_to_label (MoatAuthenticationMethod method)
{
  switch (method)
    {
    case MOAT_AUTHENTICATION_METHOD_UNSET:
      return _("Not described");
    case MOAT_AUTHENTICATION_METHOD_NONE:
      return _("None");
    case MOAT_AUTHENTICATION_METHOD_PASSWORD:
      return _("Password");
    case MOAT_AUTHENTICATION_METHOD_API_KEY:
      return _("API key");
    case MOAT_AUTHENTICATION_METHOD_TOKEN:
      return _("Token (OAuth, JWT)");
    case MOAT_AUTHENTICATION_METHOD_MUTUAL_TLS:
      return _("Mutual TLS");
    case MOAT_AUTHENTICATION_METHOD_SIGNATURE:
      return _("Signed request");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * moat_tool_permission_to_label:
 * @permission: exactly one flag of #MoatToolPermission
 *
 * Returns: the label shown next to the permission's check box
 */
const char *
moat_tool_permission_to_label (MoatToolPermission permission)
{
  switch (permission)
    {
    case MOAT_TOOL_PERMISSION_NONE:
      return _("No tools");
    case MOAT_TOOL_PERMISSION_READ_FILES:
      return _("Read files");
    case MOAT_TOOL_PERMISSION_WRITE_FILES:
      return _("Write files");
    case MOAT_TOOL_PERMISSION_EXECUTE_COMMANDS:
      return _("Run commands");
    case MOAT_TOOL_PERMISSION_NETWORK:
      return _("Make network requests");
    case MOAT_TOOL_PERMISSION_READ_DATABASE:
      return _("Read databases");
    case MOAT_TOOL_PERMISSION_WRITE_DATABASE:
      return _("Write databases");
    case MOAT_TOOL_PERMISSION_SEND_MESSAGES:
      return _("Send messages");
    default:
      g_return_val_if_reached (NULL);
    }
}
