/* moat-element.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include "moat-element.h"

struct _MoatElement
{
  MoatItem parent_instance;

  MoatElementKind kind;
  char *technology;
  gboolean out_of_scope;
  char *out_of_scope_reason;
  MoatRect bounds;

  /* Properties Threat Dragon records; most apply to one kind only
   * (privilege level and web application to processes, the others to
   * data stores), but any element may hold them. */
  char *privilege_level;
  guint web_application : 1;
  guint is_log : 1;
  guint stores_credentials : 1;
  guint encrypted : 1;
  guint is_signed : 1;

  /* What the analysis needs to know about the element's defences. The
   * stored secrets or credentials are the Threat Dragon flag above. */
  guint authenticates_callers : 1;
  guint checks_authorization : 1;
  guint validates_input : 1;
  guint audit_logging : 1;
  guint elevated_privilege : 1;
  guint internet_facing : 1;
  guint ai_agent : 1;
  MoatToolPermission agent_tool_permissions;
  guint agent_max_iterations;
  guint agent_max_tokens;
};

G_DEFINE_FINAL_TYPE (MoatElement, moat_element, MOAT_TYPE_ITEM)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TECHNOLOGY,
  PROP_OUT_OF_SCOPE,
  PROP_OUT_OF_SCOPE_REASON,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_PRIVILEGE_LEVEL,
  PROP_WEB_APPLICATION,
  PROP_IS_LOG,
  PROP_STORES_CREDENTIALS,
  PROP_ENCRYPTED,
  PROP_SIGNED,
  PROP_AUTHENTICATES_CALLERS,
  PROP_CHECKS_AUTHORIZATION,
  PROP_VALIDATES_INPUT,
  PROP_AUDIT_LOGGING,
  PROP_ELEVATED_PRIVILEGE,
  PROP_INTERNET_FACING,
  PROP_AI_AGENT,
  PROP_AGENT_TOOL_PERMISSIONS,
  PROP_AGENT_MAX_ITERATIONS,
  PROP_AGENT_MAX_TOKENS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_element_finalize (GObject *object)
{
  MoatElement *self = (MoatElement *)object;

  g_clear_pointer (&self->technology, g_free);
  g_clear_pointer (&self->out_of_scope_reason, g_free);
  g_clear_pointer (&self->privilege_level, g_free);

  G_OBJECT_CLASS (moat_element_parent_class)->finalize (object);
}

static guint
get_flag (MoatElement *self,
          guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_WEB_APPLICATION:
      return self->web_application;
    case PROP_IS_LOG:
      return self->is_log;
    case PROP_STORES_CREDENTIALS:
      return self->stores_credentials;
    case PROP_ENCRYPTED:
      return self->encrypted;
    case PROP_SIGNED:
      return self->is_signed;
    case PROP_AUTHENTICATES_CALLERS:
      return self->authenticates_callers;
    case PROP_CHECKS_AUTHORIZATION:
      return self->checks_authorization;
    case PROP_VALIDATES_INPUT:
      return self->validates_input;
    case PROP_AUDIT_LOGGING:
      return self->audit_logging;
    case PROP_ELEVATED_PRIVILEGE:
      return self->elevated_privilege;
    case PROP_INTERNET_FACING:
      return self->internet_facing;
    case PROP_AI_AGENT:
      return self->ai_agent;
    default:
      g_assert_not_reached ();
    }
}

static void
moat_element_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MoatElement *self = MOAT_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TECHNOLOGY:
      g_value_set_string (value, self->technology);
      break;

    case PROP_OUT_OF_SCOPE:
      g_value_set_boolean (value, self->out_of_scope);
      break;

    case PROP_OUT_OF_SCOPE_REASON:
      g_value_set_string (value, self->out_of_scope_reason);
      break;

    case PROP_X:
      g_value_set_double (value, self->bounds.x);
      break;

    case PROP_Y:
      g_value_set_double (value, self->bounds.y);
      break;

    case PROP_WIDTH:
      g_value_set_double (value, self->bounds.width);
      break;

    case PROP_HEIGHT:
      g_value_set_double (value, self->bounds.height);
      break;

    case PROP_PRIVILEGE_LEVEL:
      g_value_set_string (value, self->privilege_level);
      break;

    case PROP_WEB_APPLICATION:
      g_value_set_boolean (value, self->web_application);
      break;

    case PROP_IS_LOG:
      g_value_set_boolean (value, self->is_log);
      break;

    case PROP_STORES_CREDENTIALS:
      g_value_set_boolean (value, self->stores_credentials);
      break;

    case PROP_ENCRYPTED:
      g_value_set_boolean (value, self->encrypted);
      break;

    case PROP_SIGNED:
    case PROP_AUTHENTICATES_CALLERS:
    case PROP_CHECKS_AUTHORIZATION:
    case PROP_VALIDATES_INPUT:
    case PROP_AUDIT_LOGGING:
    case PROP_ELEVATED_PRIVILEGE:
    case PROP_INTERNET_FACING:
    case PROP_AI_AGENT:
      g_value_set_boolean (value, get_flag (self, prop_id));
      break;

    case PROP_AGENT_TOOL_PERMISSIONS:
      g_value_set_flags (value, self->agent_tool_permissions);
      break;

    case PROP_AGENT_MAX_ITERATIONS:
      g_value_set_uint (value, self->agent_max_iterations);
      break;

    case PROP_AGENT_MAX_TOKENS:
      g_value_set_uint (value, self->agent_max_tokens);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_double (MoatElement *self,
            double      *field,
            double       value,
            GParamSpec  *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_string (MoatElement *self,
            char       **field,
            const char  *value,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* Bit fields cannot be pointed at, so flags are set by property id. */
static void
set_flag (MoatElement *self,
          guint        prop_id,
          gboolean     value,
          GParamSpec  *pspec)
{
  if (get_flag (self, prop_id) == (guint)!!value)
    return;

  switch (prop_id)
    {
    case PROP_WEB_APPLICATION:
      self->web_application = !!value;
      break;
    case PROP_IS_LOG:
      self->is_log = !!value;
      break;
    case PROP_STORES_CREDENTIALS:
      self->stores_credentials = !!value;
      break;
    case PROP_ENCRYPTED:
      self->encrypted = !!value;
      break;
    case PROP_SIGNED:
      self->is_signed = !!value;
      break;
    case PROP_AUTHENTICATES_CALLERS:
      self->authenticates_callers = !!value;
      break;
    case PROP_CHECKS_AUTHORIZATION:
      self->checks_authorization = !!value;
      break;
    case PROP_VALIDATES_INPUT:
      self->validates_input = !!value;
      break;
    case PROP_AUDIT_LOGGING:
      self->audit_logging = !!value;
      break;
    case PROP_ELEVATED_PRIVILEGE:
      self->elevated_privilege = !!value;
      break;
    case PROP_INTERNET_FACING:
      self->internet_facing = !!value;
      break;
    case PROP_AI_AGENT:
      self->ai_agent = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
moat_element_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MoatElement *self = MOAT_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      if (self->kind != (MoatElementKind)g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_TECHNOLOGY:
      set_string (self, &self->technology, g_value_get_string (value), pspec);
      break;

    case PROP_OUT_OF_SCOPE:
      if (self->out_of_scope != g_value_get_boolean (value))
        {
          self->out_of_scope = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_OUT_OF_SCOPE_REASON:
      set_string (self, &self->out_of_scope_reason, g_value_get_string (value), pspec);
      break;

    case PROP_X:
      set_double (self, &self->bounds.x, g_value_get_double (value), pspec);
      break;

    case PROP_Y:
      set_double (self, &self->bounds.y, g_value_get_double (value), pspec);
      break;

    case PROP_WIDTH:
      set_double (self, &self->bounds.width, g_value_get_double (value), pspec);
      break;

    case PROP_HEIGHT:
      set_double (self, &self->bounds.height, g_value_get_double (value), pspec);
      break;

    case PROP_PRIVILEGE_LEVEL:
      set_string (self, &self->privilege_level, g_value_get_string (value), pspec);
      break;

    case PROP_WEB_APPLICATION:
    case PROP_IS_LOG:
    case PROP_STORES_CREDENTIALS:
    case PROP_ENCRYPTED:
    case PROP_SIGNED:
    case PROP_AUTHENTICATES_CALLERS:
    case PROP_CHECKS_AUTHORIZATION:
    case PROP_VALIDATES_INPUT:
    case PROP_AUDIT_LOGGING:
    case PROP_ELEVATED_PRIVILEGE:
    case PROP_INTERNET_FACING:
    case PROP_AI_AGENT:
      set_flag (self, prop_id, g_value_get_boolean (value), pspec);
      break;

    case PROP_AGENT_TOOL_PERMISSIONS:
      if (self->agent_tool_permissions != g_value_get_flags (value))
        {
          self->agent_tool_permissions = g_value_get_flags (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_AGENT_MAX_ITERATIONS:
      if (self->agent_max_iterations != g_value_get_uint (value))
        {
          self->agent_max_iterations = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_AGENT_MAX_TOKENS:
      if (self->agent_max_tokens != g_value_get_uint (value))
        {
          self->agent_max_tokens = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_element_class_init (MoatElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = moat_element_finalize;
  object_class->get_property = moat_element_get_property;
  object_class->set_property = moat_element_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MOAT_TYPE_ELEMENT_KIND, MOAT_ELEMENT_KIND_PROCESS, flags);
  properties[PROP_TECHNOLOGY] =
    g_param_spec_string ("technology", NULL, NULL, "", flags);
  properties[PROP_OUT_OF_SCOPE] =
    g_param_spec_boolean ("out-of-scope", NULL, NULL, FALSE, flags);
  properties[PROP_OUT_OF_SCOPE_REASON] =
    g_param_spec_string ("out-of-scope-reason", NULL, NULL, "", flags);

  /* Positions are in diagram units (1 unit = 1 pixel at 100 % zoom). */
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL,
                         -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX, 0, flags);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL,
                         -MOAT_COORDINATE_MAX, MOAT_COORDINATE_MAX, 0, flags);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL,
                         MOAT_SIZE_MIN, MOAT_COORDINATE_MAX, 120, flags);
  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", NULL, NULL,
                         MOAT_SIZE_MIN, MOAT_COORDINATE_MAX, 60, flags);

  properties[PROP_PRIVILEGE_LEVEL] =
    g_param_spec_string ("privilege-level", NULL, NULL, "", flags);
  properties[PROP_WEB_APPLICATION] =
    g_param_spec_boolean ("web-application", NULL, NULL, FALSE, flags);
  properties[PROP_IS_LOG] =
    g_param_spec_boolean ("is-log", NULL, NULL, FALSE, flags);
  properties[PROP_STORES_CREDENTIALS] =
    g_param_spec_boolean ("stores-credentials", NULL, NULL, FALSE, flags);
  properties[PROP_ENCRYPTED] =
    g_param_spec_boolean ("encrypted", NULL, NULL, FALSE, flags);
  properties[PROP_SIGNED] =
    g_param_spec_boolean ("signed", NULL, NULL, FALSE, flags);

  properties[PROP_AUTHENTICATES_CALLERS] =
    g_param_spec_boolean ("authenticates-callers", NULL, NULL, FALSE, flags);
  properties[PROP_CHECKS_AUTHORIZATION] =
    g_param_spec_boolean ("checks-authorization", NULL, NULL, FALSE, flags);
  properties[PROP_VALIDATES_INPUT] =
    g_param_spec_boolean ("validates-input", NULL, NULL, FALSE, flags);
  properties[PROP_AUDIT_LOGGING] =
    g_param_spec_boolean ("audit-logging", NULL, NULL, FALSE, flags);
  properties[PROP_ELEVATED_PRIVILEGE] =
    g_param_spec_boolean ("elevated-privilege", NULL, NULL, FALSE, flags);
  properties[PROP_INTERNET_FACING] =
    g_param_spec_boolean ("internet-facing", NULL, NULL, FALSE, flags);
  properties[PROP_AI_AGENT] =
    g_param_spec_boolean ("ai-agent", NULL, NULL, FALSE, flags);
  properties[PROP_AGENT_TOOL_PERMISSIONS] =
    g_param_spec_flags ("agent-tool-permissions", NULL, NULL,
                        MOAT_TYPE_TOOL_PERMISSION, MOAT_TOOL_PERMISSION_NONE, flags);

  /* Limits per request; 0 means no limit. */
  properties[PROP_AGENT_MAX_ITERATIONS] =
    g_param_spec_uint ("agent-max-iterations", NULL, NULL, 0, G_MAXINT32, 0, flags);
  properties[PROP_AGENT_MAX_TOKENS] =
    g_param_spec_uint ("agent-max-tokens", NULL, NULL, 0, G_MAXINT32, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_element_init (MoatElement *self)
{
  self->kind = MOAT_ELEMENT_KIND_PROCESS;
  self->technology = g_strdup ("");
  self->out_of_scope_reason = g_strdup ("");
  self->privilege_level = g_strdup ("");
  self->bounds.width = 120;
  self->bounds.height = 60;
}

/**
 * moat_element_new:
 * @kind: the DFD element kind
 * @id: (nullable): a stable id, or %NULL for a new random one
 * @name: the displayed name
 *
 * Creates an element that belongs to no diagram yet; add it with
 * moat_document_add_item() so the change is undoable.
 */
MoatElement *
moat_element_new (MoatElementKind  kind,
                  const char      *id,
                  const char      *name)
{
  g_autofree char *new_id = id == NULL ? moat_item_new_id ("element") : NULL;
  MoatElement *self;

  g_return_val_if_fail (kind <= MOAT_ELEMENT_KIND_DATA_STORE, NULL);

  /* Set directly, because g_object_new() looks each property up by name
   * and copies its value. Nothing is connected to the new object yet. */
  self = g_object_new (MOAT_TYPE_ELEMENT, "id", id != NULL ? id : new_id, NULL);
  self->kind = kind;
  moat_item_set_name (MOAT_ITEM (self), name);

  return self;
}

MoatElementKind
moat_element_get_kind (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return self->kind;
}

const char *
moat_element_get_technology (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return self->technology;
}

gboolean
moat_element_get_out_of_scope (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->out_of_scope;
}

const char *
moat_element_get_out_of_scope_reason (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return self->out_of_scope_reason;
}

MoatRect
moat_element_get_bounds (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), (MoatRect) { 0 });

  return self->bounds;
}

const char *
moat_element_get_privilege_level (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return self->privilege_level;
}

gboolean
moat_element_get_web_application (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->web_application;
}

gboolean
moat_element_get_is_log (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->is_log;
}

gboolean
moat_element_get_stores_credentials (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->stores_credentials;
}

gboolean
moat_element_get_encrypted (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->encrypted;
}

gboolean
moat_element_get_signed (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->is_signed;
}

gboolean
moat_element_get_authenticates_callers (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->authenticates_callers;
}

gboolean
moat_element_get_checks_authorization (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->checks_authorization;
}

gboolean
moat_element_get_validates_input (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->validates_input;
}

gboolean
moat_element_get_audit_logging (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->audit_logging;
}

gboolean
moat_element_get_elevated_privilege (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->elevated_privilege;
}

gboolean
moat_element_get_internet_facing (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->internet_facing;
}

gboolean
moat_element_get_ai_agent (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return self->ai_agent;
}

MoatToolPermission
moat_element_get_agent_tool_permissions (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return self->agent_tool_permissions;
}

/**
 * moat_element_get_agent_max_iterations:
 *
 * Returns: the most tool-calling steps an AI agent takes for one request,
 *   or 0 when nothing limits them
 */
guint
moat_element_get_agent_max_iterations (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return self->agent_max_iterations;
}

/**
 * moat_element_get_agent_max_tokens:
 *
 * Returns: the most language-model tokens an AI agent spends on one
 *   request, or 0 when nothing limits them
 */
guint
moat_element_get_agent_max_tokens (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return self->agent_max_tokens;
}

/* The setters do what setting the property of the same name does, without
 * looking the property up by name, which matters when a file of thousands
 * of elements is loaded. */

/**
 * moat_element_set_bounds:
 * @bounds: the position and size, within the ranges of the x, y, width and
 *   height properties
 *
 * Sets the x, y, width and height properties, notifying each that changes.
 */
void
moat_element_set_bounds (MoatElement    *self,
                         const MoatRect *bounds)
{
  g_return_if_fail (MOAT_IS_ELEMENT (self));
  g_return_if_fail (bounds != NULL);

  set_double (self, &self->bounds.x, bounds->x, properties[PROP_X]);
  set_double (self, &self->bounds.y, bounds->y, properties[PROP_Y]);
  set_double (self, &self->bounds.width, bounds->width, properties[PROP_WIDTH]);
  set_double (self, &self->bounds.height, bounds->height, properties[PROP_HEIGHT]);
}

void
moat_element_set_out_of_scope (MoatElement *self,
                               gboolean     out_of_scope)
{
  g_return_if_fail (MOAT_IS_ELEMENT (self));

  if (self->out_of_scope == !!out_of_scope)
    return;

  self->out_of_scope = !!out_of_scope;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUT_OF_SCOPE]);
}

void
moat_element_set_agent_tool_permissions (MoatElement        *self,
                                         MoatToolPermission  permissions)
{
  g_return_if_fail (MOAT_IS_ELEMENT (self));

  if (self->agent_tool_permissions == permissions)
    return;

  self->agent_tool_permissions = permissions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_TOOL_PERMISSIONS]);
}

void
moat_element_set_agent_max_iterations (MoatElement *self,
                                       guint        max_iterations)
{
  g_return_if_fail (MOAT_IS_ELEMENT (self));

  if (self->agent_max_iterations == max_iterations)
    return;

  self->agent_max_iterations = max_iterations;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_MAX_ITERATIONS]);
}

void
moat_element_set_agent_max_tokens (MoatElement *self,
                                   guint        max_tokens)
{
  g_return_if_fail (MOAT_IS_ELEMENT (self));

  if (self->agent_max_tokens == max_tokens)
    return;

  self->agent_max_tokens = max_tokens;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_MAX_TOKENS]);
}

#define DEFINE_STRING_SETTER(name, field, prop_id) \
void \
moat_element_set_##name (MoatElement *self, \
                         const char  *text) \
{ \
  g_return_if_fail (MOAT_IS_ELEMENT (self)); \
\
  set_string (self, &self->field, text, properties[prop_id]); \
}

DEFINE_STRING_SETTER (technology, technology, PROP_TECHNOLOGY)
DEFINE_STRING_SETTER (out_of_scope_reason, out_of_scope_reason, PROP_OUT_OF_SCOPE_REASON)
DEFINE_STRING_SETTER (privilege_level, privilege_level, PROP_PRIVILEGE_LEVEL)

#define DEFINE_FLAG_SETTER(name, prop_id) \
void \
moat_element_set_##name (MoatElement *self, \
                         gboolean     value) \
{ \
  g_return_if_fail (MOAT_IS_ELEMENT (self)); \
\
  set_flag (self, prop_id, value, properties[prop_id]); \
}

DEFINE_FLAG_SETTER (web_application, PROP_WEB_APPLICATION)
DEFINE_FLAG_SETTER (is_log, PROP_IS_LOG)
DEFINE_FLAG_SETTER (stores_credentials, PROP_STORES_CREDENTIALS)
DEFINE_FLAG_SETTER (encrypted, PROP_ENCRYPTED)
DEFINE_FLAG_SETTER (signed, PROP_SIGNED)
DEFINE_FLAG_SETTER (authenticates_callers, PROP_AUTHENTICATES_CALLERS)
DEFINE_FLAG_SETTER (checks_authorization, PROP_CHECKS_AUTHORIZATION)
DEFINE_FLAG_SETTER (validates_input, PROP_VALIDATES_INPUT)
DEFINE_FLAG_SETTER (audit_logging, PROP_AUDIT_LOGGING)
DEFINE_FLAG_SETTER (elevated_privilege, PROP_ELEVATED_PRIVILEGE)
DEFINE_FLAG_SETTER (internet_facing, PROP_INTERNET_FACING)
DEFINE_FLAG_SETTER (ai_agent, PROP_AI_AGENT)
