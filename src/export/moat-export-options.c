/* moat-export-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-export-options.h"

/* A file name part longer than this is cut, so that a diagram with a
 * paragraph for a name still gives a usable file name. */
#define MAX_SLUG_LENGTH 60

G_DEFINE_QUARK (moat-export-error-quark, moat_export_error)

static gboolean
is_element_out_of_scope (MoatElement *element)
{
  return element != NULL && moat_element_get_out_of_scope (element);
}

/**
 * moat_export_is_flow_out_of_scope:
 * @flow: a data flow of @document
 *
 * Tells whether an export treats @flow as out of scope: when the flow
 * itself is marked so, or when both of its ends are. A flow from an
 * out-of-scope system into the modelled one stays in scope, because that
 * is where threats enter.
 */
gboolean
moat_export_is_flow_out_of_scope (MoatDocument *document,
                                  MoatFlow     *flow)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (MOAT_IS_FLOW (flow), FALSE);

  if (moat_flow_get_out_of_scope (flow))
    return TRUE;

  return is_element_out_of_scope (moat_document_get_flow_source (document, flow)) &&
         is_element_out_of_scope (moat_document_get_flow_target (document, flow));
}

static gboolean
is_target_out_of_scope (MoatDocument *document,
                        gpointer      target)
{
  if (MOAT_IS_FLOW (target))
    return moat_export_is_flow_out_of_scope (document, target);
  if (MOAT_IS_ELEMENT (target))
    return is_element_out_of_scope (target);

  return FALSE;
}

static gboolean
is_status_included (const MoatExportOptions *options,
                    MoatThreatStatus         status)
{
  switch (status)
    {
    case MOAT_THREAT_STATUS_OPEN:
      return TRUE;
    case MOAT_THREAT_STATUS_MITIGATED:
      return options->include_mitigated;
    case MOAT_THREAT_STATUS_ACCEPTED:
      return options->include_accepted;
    case MOAT_THREAT_STATUS_TRANSFERRED:
      return options->include_transferred;
    default:
      g_return_val_if_reached (TRUE);
    }
}

static gboolean
is_threat_included (MoatExportSelection *selection,
                    MoatThreat          *threat)
{
  MoatDocument *document = selection->document;
  gpointer target = moat_document_lookup (document, moat_threat_get_target_id (threat));

  if (!is_status_included (selection->options, moat_threat_get_status (threat)))
    return FALSE;

  if (!selection->options->include_out_of_scope && is_target_out_of_scope (document, target))
    return FALSE;

  /* A threat whose target is missing belongs to no diagram, so it is kept
   * rather than lost from every export. */
  if (target != NULL && MOAT_IS_ITEM (target))
    {
      MoatDiagram *diagram = moat_document_get_diagram_of (document, target);

      return g_ptr_array_find (selection->diagrams, diagram, NULL);
    }

  return TRUE;
}

static int
compare_by_number (gconstpointer a,
                   gconstpointer b)
{
  guint number_a = moat_threat_get_number (*(MoatThreat **)a);
  guint number_b = moat_threat_get_number (*(MoatThreat **)b);

  return (number_a > number_b) - (number_a < number_b);
}

static int
compare_by_severity (gconstpointer a,
                     gconstpointer b)
{
  MoatSeverity severity_a = moat_threat_get_severity (*(MoatThreat **)a);
  MoatSeverity severity_b = moat_threat_get_severity (*(MoatThreat **)b);

  /* Most severe first; equal severities keep their number order. */
  if (severity_a != severity_b)
    return severity_a > severity_b ? -1 : 1;

  return compare_by_number (a, b);
}

static char *
dup_diagram_ids (GPtrArray *diagrams)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);

      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append_printf (ids, "%s (“%s”)", moat_diagram_get_id (diagram),
                              moat_diagram_get_name (diagram));
    }

  return g_string_free (ids, FALSE);
}

static gboolean
select_diagrams (MoatExportSelection  *selection,
                 GError              **error)
{
  GPtrArray *all = moat_document_get_diagrams (selection->document);
  const char *wanted = selection->options->diagram;
  g_autofree char *known = NULL;

  if (wanted == NULL)
    {
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (selection->diagrams, g_ptr_array_index (all, i));
      return TRUE;
    }

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (moat_diagram_get_id (g_ptr_array_index (all, i)), wanted) == 0)
      {
        g_ptr_array_add (selection->diagrams, g_ptr_array_index (all, i));
        return TRUE;
      }

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (moat_diagram_get_name (g_ptr_array_index (all, i)), wanted) == 0)
      g_ptr_array_add (selection->diagrams, g_ptr_array_index (all, i));

  if (selection->diagrams->len == 1)
    return TRUE;

  known = dup_diagram_ids (all);

  if (selection->diagrams->len > 1)
    g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM,
                 _("%u diagrams are named “%s”; choose one by its id: %s"),
                 selection->diagrams->len, wanted, known);
  else
    g_set_error (error, MOAT_EXPORT_ERROR, MOAT_EXPORT_ERROR_UNKNOWN_DIAGRAM,
                 _("the model has no diagram with the id or name “%s”; use one of: %s"),
                 wanted, known);

  return FALSE;
}

static void
select_threats (MoatExportSelection *selection)
{
  GPtrArray *all = moat_document_get_threats (selection->document);

  for (guint i = 0; i < all->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (all, i);

      if (is_threat_included (selection, threat))
        g_ptr_array_add (selection->threats, threat);
    }

  if (selection->options->sort == MOAT_EXPORT_SORT_BY_SEVERITY)
    g_ptr_array_sort (selection->threats, compare_by_severity);
  else
    g_ptr_array_sort (selection->threats, compare_by_number);
}

MoatExportFile *
moat_export_file_new (const char *name,
                      GBytes     *bytes)
{
  MoatExportFile *file;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  file = g_new0 (MoatExportFile, 1);
  file->name = g_strdup (name);
  file->bytes = g_bytes_ref (bytes);

  return file;
}

void
moat_export_file_free (MoatExportFile *file)
{
  if (file == NULL)
    return;

  g_free (file->name);
  g_bytes_unref (file->bytes);
  g_free (file);
}

/**
 * moat_export_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets @options to the defaults: every threat of every diagram, numbered
 * order, today's date.
 */
void
moat_export_options_init (MoatExportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (MoatExportOptions) {
    .include_mitigated = TRUE,
    .include_accepted = TRUE,
    .include_transferred = TRUE,
    .include_out_of_scope = TRUE,
    .sort = MOAT_EXPORT_SORT_BY_NUMBER,
    .diagram = NULL,
    .date = NULL,
  };
}

/**
 * moat_export_selection_new:
 * @options: what to include
 * @error: where to report a diagram option that matches no diagram, or
 *   several by name
 *
 * Picks the diagrams and threats of @document that @options includes, and
 * sorts the threats as @options requests.
 *
 * Returns: (transfer full) (nullable): the selection, or %NULL with
 *   @error set
 */
MoatExportSelection *
moat_export_selection_new (MoatDocument             *document,
                           const MoatExportOptions  *options,
                           GError                  **error)
{
  g_autoptr(MoatExportSelection) selection = g_new0 (MoatExportSelection, 1);

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  selection->document = document;
  selection->options = options;
  selection->diagrams = g_ptr_array_new ();
  selection->threats = g_ptr_array_new ();

  if (!select_diagrams (selection, error))
    return NULL;

  select_threats (selection);

  return g_steal_pointer (&selection);
}

void
moat_export_selection_free (MoatExportSelection *selection)
{
  if (selection == NULL)
    return;

  g_clear_pointer (&selection->diagrams, g_ptr_array_unref);
  g_clear_pointer (&selection->threats, g_ptr_array_unref);
  g_free (selection);
}

gboolean
moat_export_selection_has_threat (MoatExportSelection *selection,
                                  MoatThreat          *threat)
{
  g_return_val_if_fail (selection != NULL, FALSE);

  return g_ptr_array_find (selection->threats, threat, NULL);
}

/**
 * moat_export_dup_date:
 *
 * Returns: (transfer full): the date of @options, or today's local date
 *   as YYYY-MM-DD
 */
char *
moat_export_dup_date (const MoatExportOptions *options)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (options->date != NULL)
    return g_strdup (options->date);

  now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * moat_export_dup_category_label:
 *
 * Names the category of @threat for people: the STRIDE category, or for a
 * threat of another methodology that methodology's type as the model
 * records it, such as "Other methodology: Linkability".
 *
 * Returns: (transfer full): the label
 */
char *
moat_export_dup_category_label (MoatThreat *threat)
{
  MoatStrideCategory category;
  const char *type_label;

  g_return_val_if_fail (MOAT_IS_THREAT (threat), NULL);

  category = moat_threat_get_category (threat);
  type_label = moat_threat_get_type_label (threat);

  if (category != MOAT_STRIDE_OTHER || type_label == NULL || type_label[0] == '\0')
    return g_strdup (moat_stride_category_to_label (category));

  /* Translators: the category of a threat recorded with another
   * methodology than STRIDE, followed by its type, such as "Linkability". */
  return g_strdup_printf (_("Other methodology: %s"), type_label);
}

/**
 * moat_export_dup_file_slug:
 * @name: (nullable): a name typed by a user
 * @fallback: the slug when @name has no ASCII letter or digit; it must
 *   be a valid slug itself
 *
 * Turns @name into a part of a file name that is safe on every file
 * system and in a relative URL: lowercase ASCII letters and digits
 * separated by single hyphens, at most 60 characters.
 *
 * Returns: (transfer full): the slug
 */
char *
moat_export_dup_file_slug (const char *name,
                           const char *fallback)
{
  GString *slug = g_string_new (NULL);

  g_return_val_if_fail (fallback != NULL && fallback[0] != '\0', NULL);

  for (const char *p = name; p != NULL && *p != '\0' && slug->len < MAX_SLUG_LENGTH; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, fallback);

  return g_string_free (slug, FALSE);
}
