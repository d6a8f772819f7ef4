/* moat-threat-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "moat-threat-list.h"

typedef enum
{
  COLUMN_REFERENCE,
  COLUMN_TITLE,
  COLUMN_CATEGORY,
  COLUMN_SEVERITY,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_DUE_DATE,
  COLUMN_TARGET,
  COLUMN_DIAGRAM,
  N_COLUMNS
} Column;

/* The severity filter's entries after "All severities", most severe
 * first, as in the sort order. */
static const MoatSeverity severity_order[] = {
  MOAT_SEVERITY_CRITICAL,
  MOAT_SEVERITY_HIGH,
  MOAT_SEVERITY_MEDIUM,
  MOAT_SEVERITY_LOW,
  MOAT_SEVERITY_UNSET,
};

typedef struct
{
  MoatThreatList *list;
  Column column;
} ColumnData;

struct _MoatThreatList
{
  GtkWidget parent_instance;

  MoatReviewModel *review_model;

  GListStore *threats;
  GtkCustomFilter *filter;
  GtkSingleSelection *selection;
  ColumnData columns[N_COLUMNS];

  GtkWidget *box;
  GtkWidget *stack;
  GtkWidget *scrolled;
  GtkWidget *column_view;
  GtkWidget *empty_state;
  GtkWidget *severity_filter;
  GtkWidget *status_filter;
  GtkWidget *category_filter;
  GtkWidget *owner_filter;
  GtkWidget *diagram_filter;

  /* The entries after "all" of the owner and diagram filters. */
  GPtrArray *owners;
  GPtrArray *diagrams;

  /* Set while the list refills itself, so that the selection it restores
   * is not reported as the user's. */
  gboolean refilling;
};

G_DEFINE_FINAL_TYPE (MoatThreatList, moat_threat_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVIEW_MODEL,
  N_PROPS
};

enum {
  THREAT_SELECTED,
  THREAT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static MoatDocument *
get_document (MoatThreatList *self)
{
  return self->review_model != NULL ? moat_review_model_get_document (self->review_model) : NULL;
}

static MoatItem *
get_target (MoatThreatList *self,
            MoatThreat     *threat)
{
  MoatDocument *document = get_document (self);
  gpointer target;

  if (document == NULL)
    return NULL;

  target = moat_document_lookup (document, moat_threat_get_target_id (threat));

  return MOAT_IS_ITEM (target) ? target : NULL;
}

static MoatDiagram *
get_diagram (MoatThreatList *self,
             MoatThreat     *threat)
{
  MoatItem *target = get_target (self, threat);

  return target != NULL ? moat_document_get_diagram_of (get_document (self), target) : NULL;
}

static guint
get_severity_rank (MoatThreat *threat)
{
  MoatSeverity severity = moat_threat_get_severity (threat);

  for (guint i = 0; i < G_N_ELEMENTS (severity_order); i++)
    if (severity_order[i] == severity)
      return i;

  return G_N_ELEMENTS (severity_order);
}

/* Returns the text of one cell, as plain text. */
static char *
dup_cell_text (MoatThreatList *self,
               MoatThreat     *threat,
               Column          column)
{
  MoatItem *target;
  MoatDiagram *diagram;

  switch (column)
    {
    case COLUMN_REFERENCE:
      return moat_threat_dup_reference (threat);

    case COLUMN_TITLE:
      return g_strdup (moat_threat_get_title (threat));

    case COLUMN_CATEGORY:
      if (moat_threat_get_category (threat) == MOAT_STRIDE_OTHER &&
          moat_threat_get_type_label (threat)[0] != '\0')
        return g_strdup (moat_threat_get_type_label (threat));
      return g_strdup (moat_stride_category_to_label (moat_threat_get_category (threat)));

    case COLUMN_SEVERITY:
      return g_strdup (moat_severity_to_label (moat_threat_get_severity (threat)));

    case COLUMN_STATUS:
      return g_strdup (moat_threat_status_to_label (moat_threat_get_status (threat)));

    case COLUMN_OWNER:
      return g_strdup (moat_threat_get_owner (threat));

    case COLUMN_DUE_DATE:
      return g_strdup (moat_threat_get_due_date (threat));

    case COLUMN_TARGET:
      target = get_target (self, threat);
      if (target == NULL)
        return g_strdup (_("Missing item"));
      return g_strdup (moat_item_get_name (target));

    case COLUMN_DIAGRAM:
      diagram = get_diagram (self, threat);
      return g_strdup (diagram != NULL ? moat_diagram_get_name (diagram) : "");

    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* An empty text sorts after every other, so unassigned threats and those
 * without a due date come last. */
static int
compare_texts (const char *a,
               const char *b)
{
  if (a[0] == '\0' || b[0] == '\0')
    return (a[0] == '\0') - (b[0] == '\0');

  return g_utf8_collate (a, b);
}

static int
compare_threats (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ColumnData *data = user_data;
  MoatThreat *threat_a = MOAT_THREAT ((gpointer)a);
  MoatThreat *threat_b = MOAT_THREAT ((gpointer)b);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  int result;

  switch (data->column)
    {
    case COLUMN_REFERENCE:
      result = (int)moat_threat_get_number (threat_a) - (int)moat_threat_get_number (threat_b);
      break;

    case COLUMN_CATEGORY:
      result = (int)moat_threat_get_category (threat_a) - (int)moat_threat_get_category (threat_b);
      break;

    /* Ascending puts the most severe first, as a reviewer reads them. */
    case COLUMN_SEVERITY:
      result = (int)get_severity_rank (threat_a) - (int)get_severity_rank (threat_b);
      break;

    case COLUMN_STATUS:
      result = (int)moat_threat_get_status (threat_a) - (int)moat_threat_get_status (threat_b);
      break;

    case COLUMN_TITLE:
    case COLUMN_OWNER:
    case COLUMN_DUE_DATE:
    case COLUMN_TARGET:
    case COLUMN_DIAGRAM:
      text_a = dup_cell_text (data->list, threat_a, data->column);
      text_b = dup_cell_text (data->list, threat_b, data->column);
      result = compare_texts (text_a, text_b);
      break;

    case N_COLUMNS:
    default:
      g_return_val_if_reached (GTK_ORDERING_EQUAL);
    }

  return gtk_ordering_from_cmpfunc (result);
}

/* Filtering */

static guint
get_filter_position (GtkWidget *drop_down)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  return selected == GTK_INVALID_LIST_POSITION ? 0 : selected;
}

static gboolean
filter_threat (gpointer item,
               gpointer user_data)
{
  MoatThreatList *self = user_data;
  MoatThreat *threat = item;
  guint severity = get_filter_position (self->severity_filter);
  guint status = get_filter_position (self->status_filter);
  guint category = get_filter_position (self->category_filter);
  guint owner = get_filter_position (self->owner_filter);
  guint diagram = get_filter_position (self->diagram_filter);

  /* Position 0 of every filter means "all". */
  if (severity > 0 && moat_threat_get_severity (threat) != severity_order[severity - 1])
    return FALSE;
  if (status > 0 && moat_threat_get_status (threat) != status - 1)
    return FALSE;
  if (category > 0 && moat_threat_get_category (threat) != category - 1)
    return FALSE;
  if (owner > 0 && owner <= self->owners->len &&
      !g_str_equal (moat_threat_get_owner (threat), g_ptr_array_index (self->owners, owner - 1)))
    return FALSE;
  if (diagram > 0 && diagram <= self->diagrams->len &&
      get_diagram (self, threat) != g_ptr_array_index (self->diagrams, diagram - 1))
    return FALSE;

  return TRUE;
}

static void
update_empty_state (MoatThreatList *self)
{
  GListModel *shown = G_LIST_MODEL (self->selection);
  gboolean empty = g_list_model_get_n_items (shown) == 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->threats)) == 0)
    adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_state), _("No Threats Recorded"));
  else
    adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_state), _("No Threats Match"));

  gtk_stack_set_visible_child (GTK_STACK (self->stack),
                               empty ? self->empty_state : self->scrolled);
}

static void
filter_changed_cb (MoatThreatList *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

/* Replaces the entries after "all" of a filter, keeping the chosen entry
 * when it is still there. */
static void
set_filter_entries (GtkWidget *drop_down,
                    GPtrArray *labels)
{
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  guint selected = get_filter_position (drop_down);
  g_autofree char *chosen = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (strings));
  guint position = 0;

  if (selected > 0)
    chosen = g_strdup (gtk_string_list_get_string (strings, selected));

  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (strings, 1, n_items - 1, (const char * const *)labels->pdata);
  g_ptr_array_remove_index (labels, labels->len - 1);

  for (guint i = 0; chosen != NULL && i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), chosen))
      position = i + 1;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
}

static int
compare_owners (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

static void
update_filter_entries (MoatThreatList *self)
{
  MoatDocument *document = get_document (self);
  g_autoptr(GPtrArray) diagram_names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *threats = document != NULL ? moat_document_get_threats (document) : NULL;
  GPtrArray *diagrams = document != NULL ? moat_document_get_diagrams (document) : NULL;

  g_ptr_array_set_size (self->owners, 0);
  g_ptr_array_set_size (self->diagrams, 0);

  for (guint i = 0; threats != NULL && i < threats->len; i++)
    {
      const char *owner = moat_threat_get_owner (g_ptr_array_index (threats, i));

      if (owner[0] != '\0' && g_hash_table_add (seen, (gpointer)owner))
        g_ptr_array_add (self->owners, g_strdup (owner));
    }
  g_ptr_array_sort (self->owners, compare_owners);

  for (guint i = 0; diagrams != NULL && i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);

      g_ptr_array_add (self->diagrams, g_object_ref (diagram));
      g_ptr_array_add (diagram_names, (gpointer)moat_diagram_get_name (diagram));
    }

  set_filter_entries (self->owner_filter, self->owners);
  set_filter_entries (self->diagram_filter, diagram_names);
}

/* Refilling */

static void
refill (MoatThreatList *self)
{
  MoatDocument *document = get_document (self);
  GPtrArray *threats = document != NULL ? moat_document_get_threats (document) : NULL;
  g_autoptr(MoatThreat) selected = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->threats));

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    g_object_ref (selected);

  self->refilling = TRUE;

  /* Each threat is a new item even if it was listed before, because its
   * properties may have changed and the rows show them at bind time. */
  g_list_store_splice (self->threats, 0, n_items,
                       threats != NULL ? threats->pdata : NULL,
                       threats != NULL ? threats->len : 0);
  update_filter_entries (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  if (selected != NULL)
    moat_threat_list_select_threat (self, selected);

  self->refilling = FALSE;

  update_empty_state (self);
}

static void
selection_changed_cb (MoatThreatList *self)
{
  MoatThreat *threat = gtk_single_selection_get_selected_item (self->selection);

  if (!self->refilling && threat != NULL)
    g_signal_emit (self, signals[THREAT_SELECTED], 0, threat);
}

static void
activate_cb (MoatThreatList *self,
             guint           position)
{
  g_autoptr(MoatThreat) threat = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (threat != NULL)
    g_signal_emit (self, signals[THREAT_ACTIVATED], 0, threat);
}

/* Rows */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_use_underline (GTK_LABEL (label), FALSE);
  if (data->column == COLUMN_SEVERITY)
    gtk_widget_add_css_class (label, "caption-heading");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnData               *data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  MoatThreat *threat = gtk_list_item_get_item (list_item);
  g_autofree char *text = dup_cell_text (data->list, threat, data->column);
  static const char * const severity_classes[] = { "error", "warning", "dim-label" };

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);

  if (data->column != COLUMN_SEVERITY)
    return;

  /* The severity is spelled out, so the colour only repeats it. */
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (label, severity_classes[i]);

  switch (moat_threat_get_severity (threat))
    {
    case MOAT_SEVERITY_CRITICAL:
    case MOAT_SEVERITY_HIGH:
      gtk_widget_add_css_class (label, "error");
      break;

    case MOAT_SEVERITY_MEDIUM:
      gtk_widget_add_css_class (label, "warning");
      break;

    case MOAT_SEVERITY_LOW:
    case MOAT_SEVERITY_UNSET:
    default:
      gtk_widget_add_css_class (label, "dim-label");
      break;
    }
}

static void
add_column (MoatThreatList *self,
            Column          column,
            const char     *title,
            gboolean        expand)
{
  ColumnData *data = &self->columns[column];
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  g_autoptr(GtkSorter) sorter = NULL;

  data->list = self;
  data->column = column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), data);

  view_column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_threats, data, NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);
  g_object_unref (view_column);
}

static GtkWidget *
add_filter (MoatThreatList *self,
            GtkWidget      *bar,
            const char     *name,
            const char     *tooltip,
            const char     *all)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new ((const char * const[]) { all, NULL });
  GtkWidget *drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);

  gtk_widget_set_name (drop_down, name);
  gtk_widget_set_tooltip_text (drop_down, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_box_append (GTK_BOX (bar), drop_down);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return drop_down;
}

static void
append_labels (GtkWidget                 *drop_down,
               const char *(*label_func) (int value),
               const int                 *values,
               guint                      n_values)
{
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));

  for (guint i = 0; i < n_values; i++)
    gtk_string_list_append (strings, label_func (values[i]));
}

static const char *
severity_label (int value)
{
  return moat_severity_to_label (value);
}

static const char *
status_label (int value)
{
  return moat_threat_status_to_label (value);
}

static const char *
category_label (int value)
{
  return moat_stride_category_to_label (value);
}

static void
create_filter_bar (MoatThreatList *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  int severities[G_N_ELEMENTS (severity_order)];
  const int statuses[] = {
    MOAT_THREAT_STATUS_OPEN, MOAT_THREAT_STATUS_MITIGATED, MOAT_THREAT_STATUS_ACCEPTED,
    MOAT_THREAT_STATUS_TRANSFERRED,
  };
  int categories[MOAT_STRIDE_OTHER + 1];

  for (guint i = 0; i < G_N_ELEMENTS (severity_order); i++)
    severities[i] = severity_order[i];
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    categories[i] = i;

  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->severity_filter = add_filter (self, bar, "severity-filter", _("Filter by severity"),
                                      _("All severities"));
  append_labels (self->severity_filter, severity_label, severities, G_N_ELEMENTS (severities));

  self->status_filter = add_filter (self, bar, "status-filter", _("Filter by status"),
                                    _("All statuses"));
  append_labels (self->status_filter, status_label, statuses, G_N_ELEMENTS (statuses));

  self->category_filter = add_filter (self, bar, "category-filter",
                                      _("Filter by STRIDE category"), _("All categories"));
  append_labels (self->category_filter, category_label, categories, G_N_ELEMENTS (categories));

  self->owner_filter = add_filter (self, bar, "owner-filter", _("Filter by owner"),
                                   _("All owners"));
  self->diagram_filter = add_filter (self, bar, "diagram-filter", _("Filter by diagram"),
                                     _("All diagrams"));
}

static void
create_view (MoatThreatList *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->threats = g_list_store_new (MOAT_TYPE_THREAT);
  self->filter = gtk_custom_filter_new (filter_threat, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->threats)),
                                        GTK_FILTER (g_object_ref (self->filter)));

  self->column_view = gtk_column_view_new (NULL);
  gtk_widget_set_name (self->column_view, "threat-view");
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Threats"),
                                  -1);

  add_column (self, COLUMN_REFERENCE, _("ID"), FALSE);
  add_column (self, COLUMN_TITLE, _("Title"), TRUE);
  add_column (self, COLUMN_CATEGORY, _("Category"), FALSE);
  add_column (self, COLUMN_SEVERITY, _("Severity"), FALSE);
  add_column (self, COLUMN_STATUS, _("Status"), FALSE);
  add_column (self, COLUMN_OWNER, _("Owner"), FALSE);
  add_column (self, COLUMN_DUE_DATE, _("Due"), FALSE);
  add_column (self, COLUMN_TARGET, _("Applies to"), FALSE);
  add_column (self, COLUMN_DIAGRAM, _("Diagram"), FALSE);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->column_view);
  gtk_stack_add_child (GTK_STACK (self->stack), self->scrolled);

  self->empty_state = adw_status_page_new ();
  gtk_widget_set_name (self->empty_state, "empty-state");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_state), "edit-find-symbolic");
  gtk_widget_add_css_class (self->empty_state, "compact");
  gtk_stack_add_child (GTK_STACK (self->stack), self->empty_state);
}

/* GObject */

static void
moat_threat_list_dispose (GObject *object)
{
  MoatThreatList *self = (MoatThreatList *)object;

  moat_threat_list_set_review_model (self, NULL);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->scrolled = NULL;
  self->column_view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->threats);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
  g_clear_pointer (&self->diagrams, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_threat_list_parent_class)->dispose (object);
}

static void
moat_threat_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MoatThreatList *self = MOAT_THREAT_LIST (object);

  switch (prop_id)
    {
    case PROP_REVIEW_MODEL:
      g_value_set_object (value, self->review_model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_threat_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MoatThreatList *self = MOAT_THREAT_LIST (object);

  switch (prop_id)
    {
    case PROP_REVIEW_MODEL:
      moat_threat_list_set_review_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_threat_list_class_init (MoatThreatListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_threat_list_dispose;
  object_class->get_property = moat_threat_list_get_property;
  object_class->set_property = moat_threat_list_set_property;

  properties[PROP_REVIEW_MODEL] =
    g_param_spec_object ("review-model", NULL, NULL, MOAT_TYPE_REVIEW_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatThreatList::threat-selected:
   * @threat: the threat of the selected row
   *
   * Emitted when the user selects a row.
   */
  signals[THREAT_SELECTED] =
    g_signal_new ("threat-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_THREAT);

  /**
   * MoatThreatList::threat-activated:
   * @threat: the threat of the activated row
   *
   * Emitted when the user activates a row, to open the threat.
   */
  signals[THREAT_ACTIVATED] =
    g_signal_new ("threat-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_THREAT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "threatlist");
}

static void
moat_threat_list_init (MoatThreatList *self)
{
  self->owners = g_ptr_array_new_with_free_func (g_free);
  self->diagrams = g_ptr_array_new_with_free_func (g_object_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  create_filter_bar (self);
  create_view (self);
  update_empty_state (self);
}

GtkWidget *
moat_threat_list_new (void)
{
  return g_object_new (MOAT_TYPE_THREAT_LIST, NULL);
}

MoatReviewModel *
moat_threat_list_get_review_model (MoatThreatList *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_LIST (self), NULL);

  return self->review_model;
}

/**
 * moat_threat_list_set_review_model:
 * @review_model: (nullable): the review whose document's threats to list
 */
void
moat_threat_list_set_review_model (MoatThreatList  *self,
                                   MoatReviewModel *review_model)
{
  g_return_if_fail (MOAT_IS_THREAT_LIST (self));
  g_return_if_fail (!review_model || MOAT_IS_REVIEW_MODEL (review_model));

  if (self->review_model == review_model)
    return;

  if (self->review_model != NULL)
    g_signal_handlers_disconnect_by_data (self->review_model, self);
  g_set_object (&self->review_model, review_model);
  if (review_model != NULL)
    g_signal_connect_object (review_model, "updated", G_CALLBACK (refill), self,
                             G_CONNECT_SWAPPED);

  if (self->threats != NULL)
    refill (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_MODEL]);
}

/**
 * moat_threat_list_get_shown:
 *
 * Returns: (transfer none): the threats that pass the filters, in the
 *   order shown
 */
GListModel *
moat_threat_list_get_shown (MoatThreatList *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_LIST (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * moat_threat_list_select_threat:
 * @threat: (nullable): a threat, or %NULL to clear the selection
 *
 * Selects the row of @threat, or nothing when the filters hide it.
 */
void
moat_threat_list_select_threat (MoatThreatList *self,
                                MoatThreat     *threat)
{
  GListModel *shown;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (MOAT_IS_THREAT_LIST (self));
  g_return_if_fail (!threat || MOAT_IS_THREAT (threat));

  shown = G_LIST_MODEL (self->selection);
  for (guint i = 0; threat != NULL && i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatThreat) item = g_list_model_get_item (shown, i);

      if (item == threat)
        {
          position = i;
          break;
        }
    }

  gtk_single_selection_set_selected (self->selection, position);
}
