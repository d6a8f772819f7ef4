/* moat-threat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-core"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "moat-item.h"
#include "moat-severity.h"
#include "moat-threat.h"

/* One entry of the review document. The number (THREAT-001) is given by
 * the document when the threat is first added and never changes, and the
 * severity is derived from impact and probability, never stored. */

enum {
  TEXT_TITLE,
  TEXT_TARGET_ID,
  TEXT_ATTACK_VECTOR,
  TEXT_PREREQUISITES,
  TEXT_BUSINESS_IMPACT,
  TEXT_EVIDENCE,
  TEXT_OWNER,
  TEXT_DUE_DATE,
  TEXT_DESCRIPTION,
  TEXT_SCORE,
  TEXT_TYPE_LABEL,
  TEXT_RULE_ID,
  N_TEXTS
};

enum {
  LIST_SHORT_TERM,
  LIST_LONG_TERM,
  LIST_MONITORING,
  N_LISTS
};

struct _MoatThreat
{
  GObject parent_instance;

  char *id;
  guint number;
  MoatStrideCategory category;
  MoatThreatStatus status;
  MoatLevel impact_confidentiality;
  MoatLevel impact_integrity;
  MoatLevel impact_availability;
  MoatLevel probability;
  char *texts[N_TEXTS];
  MoatChecklist *lists[N_LISTS];
};

G_DEFINE_FINAL_TYPE (MoatThreat, moat_threat, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_CATEGORY,
  PROP_STATUS,
  PROP_IMPACT_CONFIDENTIALITY,
  PROP_IMPACT_INTEGRITY,
  PROP_IMPACT_AVAILABILITY,
  PROP_PROBABILITY,
  PROP_SEVERITY,
  PROP_TEXT_FIRST,
  PROP_LIST_FIRST = PROP_TEXT_FIRST + N_TEXTS,
  N_PROPS = PROP_LIST_FIRST + N_LISTS
};

static GParamSpec *properties[N_PROPS];

static const char * const text_names[N_TEXTS] = {
  "title", "target-id", "attack-vector", "prerequisites",
  "business-impact", "evidence", "owner", "due-date",
  /* The score is free text, as in Threat Dragon; the type label is the
   * original threat type of a methodology other than STRIDE. */
  "description", "score", "type-label",
  /* The rule that proposed the threat, so its suggestion shows as
   * accepted; empty for a threat written by hand. */
  "rule-id",
};

static const char * const list_names[N_LISTS] = {
  "short-term", "long-term", "monitoring",
};

static MoatLevel *
get_level_field (MoatThreat *self,
                 guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_IMPACT_CONFIDENTIALITY:
      return &self->impact_confidentiality;
    case PROP_IMPACT_INTEGRITY:
      return &self->impact_integrity;
    case PROP_IMPACT_AVAILABILITY:
      return &self->impact_availability;
    case PROP_PROBABILITY:
      return &self->probability;
    default:
      return NULL;
    }
}

static void
moat_threat_finalize (GObject *object)
{
  MoatThreat *self = (MoatThreat *)object;

  g_clear_pointer (&self->id, g_free);
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], g_free);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&self->lists[i], moat_checklist_free);

  G_OBJECT_CLASS (moat_threat_parent_class)->finalize (object);
}

static void
moat_threat_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoatThreat *self = MOAT_THREAT (object);
  MoatLevel *level = get_level_field (self, prop_id);

  if (level != NULL)
    g_value_set_enum (value, *level);
  else if (prop_id >= PROP_TEXT_FIRST && prop_id < PROP_LIST_FIRST)
    g_value_set_string (value, self->texts[prop_id - PROP_TEXT_FIRST]);
  else if (prop_id >= PROP_LIST_FIRST && prop_id < N_PROPS)
    g_value_set_boxed (value, self->lists[prop_id - PROP_LIST_FIRST]);
  else switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, moat_threat_get_severity (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_level (MoatThreat *self,
           guint       prop_id,
           MoatLevel   value)
{
  MoatLevel *field = get_level_field (self, prop_id);
  MoatSeverity old_severity = moat_threat_get_severity (self);

  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  if (moat_threat_get_severity (self) != old_severity)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

static void
set_text (MoatThreat *self,
          guint       index,
          const char *text)
{
  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->texts[index], text) == 0)
    return;

  g_free (self->texts[index]);
  self->texts[index] = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_FIRST + index]);
}

static void
set_list (MoatThreat          *self,
          guint                index,
          const MoatChecklist *list)
{
  if (moat_checklist_equal (self->lists[index], list))
    return;

  g_clear_pointer (&self->lists[index], moat_checklist_free);
  self->lists[index] = list != NULL ? moat_checklist_copy (list) : moat_checklist_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_FIRST + index]);
}

static void
moat_threat_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoatThreat *self = MOAT_THREAT (object);
  MoatLevel *level = get_level_field (self, prop_id);

  if (level != NULL)
    set_level (self, prop_id, g_value_get_enum (value));
  else if (prop_id >= PROP_TEXT_FIRST && prop_id < PROP_LIST_FIRST)
    set_text (self, prop_id - PROP_TEXT_FIRST, g_value_get_string (value));
  else if (prop_id >= PROP_LIST_FIRST && prop_id < N_PROPS)
    set_list (self, prop_id - PROP_LIST_FIRST, g_value_get_boxed (value));
  else switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = moat_item_new_id ("threat");
      break;

    case PROP_NUMBER:
      moat_threat_set_number (self, g_value_get_uint (value));
      break;

    case PROP_CATEGORY:
      if (self->category != (MoatStrideCategory)g_value_get_enum (value))
        {
          self->category = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_STATUS:
      moat_threat_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_threat_class_init (MoatThreatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = moat_threat_finalize;
  object_class->get_property = moat_threat_get_property;
  object_class->set_property = moat_threat_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL,
                       MOAT_TYPE_STRIDE_CATEGORY, MOAT_STRIDE_SPOOFING, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       MOAT_TYPE_THREAT_STATUS, MOAT_THREAT_STATUS_OPEN, flags);
  properties[PROP_IMPACT_CONFIDENTIALITY] =
    g_param_spec_enum ("impact-confidentiality", NULL, NULL,
                       MOAT_TYPE_LEVEL, MOAT_LEVEL_UNSET, flags);
  properties[PROP_IMPACT_INTEGRITY] =
    g_param_spec_enum ("impact-integrity", NULL, NULL,
                       MOAT_TYPE_LEVEL, MOAT_LEVEL_UNSET, flags);
  properties[PROP_IMPACT_AVAILABILITY] =
    g_param_spec_enum ("impact-availability", NULL, NULL,
                       MOAT_TYPE_LEVEL, MOAT_LEVEL_UNSET, flags);
  properties[PROP_PROBABILITY] =
    g_param_spec_enum ("probability", NULL, NULL,
                       MOAT_TYPE_LEVEL, MOAT_LEVEL_UNSET, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       MOAT_TYPE_SEVERITY, MOAT_SEVERITY_UNSET,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_TEXT_FIRST + i] =
      g_param_spec_string (text_names[i], NULL, NULL, "", flags);

  for (guint i = 0; i < N_LISTS; i++)
    properties[PROP_LIST_FIRST + i] =
      g_param_spec_boxed (list_names[i], NULL, NULL, MOAT_TYPE_CHECKLIST, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_threat_init (MoatThreat *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  for (guint i = 0; i < N_LISTS; i++)
    self->lists[i] = moat_checklist_new ();
}

/**
 * moat_threat_new:
 * @id: (nullable): a stable id, or %NULL for a new random one
 * @target_id: the id of the flow or element the threat belongs to
 * @category: the STRIDE category
 * @title: a short title
 *
 * Creates a threat without a number; moat_document_add_threat() gives it
 * the next THREAT-NNN number.
 */
MoatThreat *
moat_threat_new (const char         *id,
                 const char         *target_id,
                 MoatStrideCategory  category,
                 const char         *title)
{
  MoatThreat *self;

  g_return_val_if_fail (category <= MOAT_STRIDE_OTHER, NULL);

  /* Only the construct-only id goes through g_object_new(), which looks
   * each property up by name and copies its value, and a model of 10,000
   * elements loads 28,000 threats. Nothing is connected to the new object
   * yet, so no notify is lost. */
  self = g_object_new (MOAT_TYPE_THREAT, "id", id, NULL);
  set_text (self, TEXT_TARGET_ID, target_id);
  self->category = category;
  set_text (self, TEXT_TITLE, title);

  return self;
}

const char *
moat_threat_get_id (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return self->id;
}

guint
moat_threat_get_number (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->number;
}

/**
 * moat_threat_dup_reference:
 *
 * Formats the human reference of the threat, such as "THREAT-007".
 *
 * Returns: (transfer full): the reference
 */
char *
moat_threat_dup_reference (MoatThreat *self)
{
  GString *reference;

  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  reference = g_string_sized_new (16);
  moat_threat_append_reference (self, reference);

  return g_string_free (reference, FALSE);
}

/**
 * moat_threat_append_reference:
 * @out: where to append the reference
 *
 * Appends the reference that moat_threat_dup_reference() returns: the
 * number with at least three digits, as printf's "THREAT-%03u" writes it.
 * An export writes it twice for each of tens of thousands of threats, so
 * it is formatted without printf and without an allocation.
 */
void
moat_threat_append_reference (MoatThreat *self,
                              GString    *out)
{
  char digits[16];
  guint n_digits = 0;
  guint number;

  g_return_if_fail (MOAT_IS_THREAT (self));
  g_return_if_fail (out != NULL);

  /* The digits come out lowest first. */
  number = self->number;
  do
    {
      digits[n_digits++] = '0' + number % 10;
      number /= 10;
    }
  while (number > 0);

  while (n_digits < 3)
    digits[n_digits++] = '0';

  g_string_append_len (out, "THREAT-", strlen ("THREAT-"));
  while (n_digits > 0)
    g_string_append_c (out, digits[--n_digits]);
}

MoatStrideCategory
moat_threat_get_category (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->category;
}

MoatThreatStatus
moat_threat_get_status (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->status;
}

MoatLevel
moat_threat_get_impact_confidentiality (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->impact_confidentiality;
}

MoatLevel
moat_threat_get_impact_integrity (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->impact_integrity;
}

MoatLevel
moat_threat_get_impact_availability (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->impact_availability;
}

MoatLevel
moat_threat_get_impact (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return moat_impact_from_cia (self->impact_confidentiality,
                               self->impact_integrity,
                               self->impact_availability);
}

MoatLevel
moat_threat_get_probability (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return self->probability;
}

MoatSeverity
moat_threat_get_severity (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return moat_severity_from_matrix (moat_threat_get_impact (self), self->probability);
}

#define DEFINE_TEXT_GETTER(name, index) \
const char * \
moat_threat_get_##name (MoatThreat *self) \
{ \
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL); \
\
  return self->texts[index]; \
}

DEFINE_TEXT_GETTER (title, TEXT_TITLE)
DEFINE_TEXT_GETTER (target_id, TEXT_TARGET_ID)
DEFINE_TEXT_GETTER (attack_vector, TEXT_ATTACK_VECTOR)
DEFINE_TEXT_GETTER (prerequisites, TEXT_PREREQUISITES)
DEFINE_TEXT_GETTER (business_impact, TEXT_BUSINESS_IMPACT)
DEFINE_TEXT_GETTER (evidence, TEXT_EVIDENCE)
DEFINE_TEXT_GETTER (owner, TEXT_OWNER)
DEFINE_TEXT_GETTER (due_date, TEXT_DUE_DATE)
DEFINE_TEXT_GETTER (description, TEXT_DESCRIPTION)
DEFINE_TEXT_GETTER (score, TEXT_SCORE)
DEFINE_TEXT_GETTER (type_label, TEXT_TYPE_LABEL)
DEFINE_TEXT_GETTER (rule_id, TEXT_RULE_ID)

const MoatChecklist *
moat_threat_get_short_term (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return self->lists[LIST_SHORT_TERM];
}

const MoatChecklist *
moat_threat_get_long_term (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return self->lists[LIST_LONG_TERM];
}

const MoatChecklist *
moat_threat_get_monitoring (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return self->lists[LIST_MONITORING];
}

/* The setters do what setting the property of the same name does, without
 * looking the property up by name, which matters when a file of tens of
 * thousands of threats is loaded. */

void
moat_threat_set_number (MoatThreat *self,
                        guint       number)
{
  g_return_if_fail (MOAT_IS_THREAT (self));

  if (self->number == number)
    return;

  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

void
moat_threat_set_status (MoatThreat       *self,
                        MoatThreatStatus  status)
{
  g_return_if_fail (MOAT_IS_THREAT (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

#define DEFINE_LEVEL_SETTER(name, prop_id) \
void \
moat_threat_set_##name (MoatThreat *self, \
                        MoatLevel   level) \
{ \
  g_return_if_fail (MOAT_IS_THREAT (self)); \
\
  set_level (self, prop_id, level); \
}

DEFINE_LEVEL_SETTER (impact_confidentiality, PROP_IMPACT_CONFIDENTIALITY)
DEFINE_LEVEL_SETTER (impact_integrity, PROP_IMPACT_INTEGRITY)
DEFINE_LEVEL_SETTER (impact_availability, PROP_IMPACT_AVAILABILITY)
DEFINE_LEVEL_SETTER (probability, PROP_PROBABILITY)

#define DEFINE_TEXT_SETTER(name, index) \
void \
moat_threat_set_##name (MoatThreat *self, \
                        const char *text) \
{ \
  g_return_if_fail (MOAT_IS_THREAT (self)); \
\
  set_text (self, index, text); \
}

DEFINE_TEXT_SETTER (attack_vector, TEXT_ATTACK_VECTOR)
DEFINE_TEXT_SETTER (prerequisites, TEXT_PREREQUISITES)
DEFINE_TEXT_SETTER (business_impact, TEXT_BUSINESS_IMPACT)
DEFINE_TEXT_SETTER (evidence, TEXT_EVIDENCE)
DEFINE_TEXT_SETTER (owner, TEXT_OWNER)
DEFINE_TEXT_SETTER (due_date, TEXT_DUE_DATE)
DEFINE_TEXT_SETTER (description, TEXT_DESCRIPTION)
DEFINE_TEXT_SETTER (score, TEXT_SCORE)
DEFINE_TEXT_SETTER (type_label, TEXT_TYPE_LABEL)
DEFINE_TEXT_SETTER (rule_id, TEXT_RULE_ID)

#define DEFINE_LIST_SETTER(name, index) \
void \
moat_threat_set_##name (MoatThreat          *self, \
                        const MoatChecklist *list) \
{ \
  g_return_if_fail (MOAT_IS_THREAT (self)); \
\
  set_list (self, index, list); \
}

DEFINE_LIST_SETTER (short_term, LIST_SHORT_TERM)
DEFINE_LIST_SETTER (long_term, LIST_LONG_TERM)
DEFINE_LIST_SETTER (monitoring, LIST_MONITORING)

/**
 * moat_threat_is_valid_due_date:
 * @date: a due date as typed or read from a file
 *
 * Checks that @date is empty (no due date) or a real calendar date in
 * ISO 8601 form, YYYY-MM-DD.
 */
gboolean
moat_threat_is_valid_due_date (const char *date)
{
  guint year, month, day;
  char tail;

  if (date == NULL || date[0] == '\0')
    return TRUE;

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;

  /* sscanf() alone would also take signs and spaces. */
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  if (sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}
