/* moat-model-binding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include "moat-model-binding.h"

/* Connects editor rows to the properties of one model object. A change made
 * in a row is written through the document, so it becomes an undoable edit.
 * A change of the property made anywhere else (undo, redo, another view)
 * is shown in the row. While the binding writes a value into a row it sets
 * "updating", which keeps the row's change handler from writing it back. */

typedef enum
{
  FIELD_ENTRY,
  FIELD_LIST_ENTRY,
  FIELD_TEXT_AREA,
  FIELD_SWITCH,
  FIELD_COMBO,
  FIELD_DROPDOWN,
  FIELD_VALUE,
  FIELD_VISIBILITY,
  FIELD_SPIN,
  FIELD_FLAG,
} FieldKind;

typedef struct
{
  MoatModelBinding *binding;
  FieldKind kind;
  GParamSpec *pspec;

  /* The row, and the object that emits the user's changes: the row itself,
   * a text buffer or a switch. Both are owned. */
  GtkWidget *widget;
  GObject *source;

  MoatValueLabelFunc label_func;
  GtkWidget *value_label;
  MoatTextValidateFunc validate;
  char *invalid_message;
  int visible_value;
  guint flag;
} Field;

struct _MoatModelBinding
{
  GObject parent_instance;

  MoatDocument *document;
  GObject *object;
  GPtrArray *fields;
  char *name_prefix;

  gboolean updating;
};

G_DEFINE_FINAL_TYPE (MoatModelBinding, moat_model_binding, G_TYPE_OBJECT)

static void
field_free (gpointer data)
{
  Field *field = data;

  if (field->source != NULL)
    g_signal_handlers_disconnect_by_data (field->source, field);

  g_clear_object (&field->source);
  g_clear_object (&field->widget);
  g_clear_object (&field->value_label);
  g_clear_pointer (&field->invalid_message, g_free);
  g_free (field);
}

static Field *
add_field (MoatModelBinding *self,
           FieldKind         kind,
           const char       *property_name,
           GtkWidget        *widget)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->object),
                                                    property_name);
  Field *field;

  g_assert (pspec != NULL);

  field = g_new0 (Field, 1);
  field->binding = self;
  field->kind = kind;
  field->pspec = pspec;
  field->widget = g_object_ref_sink (widget);
  g_ptr_array_add (self->fields, field);

  return field;
}

static int
get_int_value (GObject    *object,
               GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);

  if (G_VALUE_HOLDS_ENUM (&value))
    return g_value_get_enum (&value);
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_value_get_boolean (&value);

  g_return_val_if_reached (0);
}

static char **
parse_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static char *
dup_text_area_text (Field *field)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (field->source), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (field->source), &start, &end, FALSE);
}

static void
set_entry_invalid (Field    *field,
                   gboolean  invalid)
{
  if (invalid)
    gtk_widget_add_css_class (field->widget, "error");
  else
    gtk_widget_remove_css_class (field->widget, "error");

  gtk_widget_set_tooltip_text (field->widget, invalid ? field->invalid_message : NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Shows the model's current value in the field's row. Text is replaced only
 * when it differs, so the cursor stays where the user is typing. */
static void
update_field (Field *field)
{
  MoatModelBinding *self = field->binding;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, field->pspec->value_type);
  g_object_get_property (self->object, field->pspec->name, &value);

  self->updating = TRUE;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      {
        const char *text = g_value_get_string (&value);

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->widget)), text ?: "") != 0)
          gtk_editable_set_text (GTK_EDITABLE (field->widget), text ?: "");

        if (field->validate != NULL)
          set_entry_invalid (field, FALSE);
      }
      break;

    case FIELD_LIST_ENTRY:
      {
        const char * const *list = g_value_get_boxed (&value);
        const char * const empty[] = { NULL };
        g_auto(GStrv) shown = parse_list (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

        if (!g_strv_equal ((const char * const *)shown, list ?: empty))
          {
            g_autofree char *text = g_strjoinv (", ", (char **)(list ?: empty));

            gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
          }
      }
      break;

    case FIELD_TEXT_AREA:
      {
        const char *text = g_value_get_string (&value);
        g_autofree char *shown = dup_text_area_text (field);

        if (g_strcmp0 (shown, text ?: "") != 0)
          gtk_text_buffer_set_text (GTK_TEXT_BUFFER (field->source), text ?: "", -1);
      }
      break;

    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->source), g_value_get_boolean (&value));
      break;

    case FIELD_COMBO:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), g_value_get_enum (&value));
      break;

    case FIELD_DROPDOWN:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->source), g_value_get_enum (&value));
      break;

    case FIELD_VALUE:
      gtk_label_set_text (GTK_LABEL (field->value_label),
                          field->label_func (g_value_get_enum (&value)));
      break;

    case FIELD_VISIBILITY:
      gtk_widget_set_visible (field->widget,
                              get_int_value (self->object, field->pspec) == field->visible_value);
      break;

    case FIELD_SPIN:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->source), g_value_get_uint (&value));
      break;

    case FIELD_FLAG:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (field->source),
                                   (g_value_get_flags (&value) & field->flag) != 0);
      break;

    default:
      g_assert_not_reached ();
    }

  self->updating = FALSE;
}

static void
write_value (Field        *field,
             const GValue *value)
{
  MoatModelBinding *self = field->binding;

  moat_document_set_value (self->document, self->object, field->pspec->name, value);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  const char *text = gtk_editable_get_text (editable);
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->binding->updating)
    return;

  /* An invalid text stays in the row, marked, until the user fixes it.
   * The model keeps its last valid value. */
  if (field->validate != NULL)
    {
      gboolean valid = field->validate (text);

      set_entry_invalid (field, !valid);
      if (!valid)
        return;
    }

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  write_value (field, &value);
}

static void
list_entry_changed_cb (GtkEditable *editable,
                       Field       *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->binding->updating)
    return;

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, parse_list (gtk_editable_get_text (editable)));
  write_value (field, &value);
}

static void
text_buffer_changed_cb (GtkTextBuffer *buffer,
                        Field         *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->binding->updating)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, dup_text_area_text (field));
  write_value (field, &value);
}

static void
switch_active_cb (GtkSwitch  *widget,
                  GParamSpec *pspec,
                  Field      *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->binding->updating)
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (widget));
  write_value (field, &value);
}

static void
write_selected (Field *field,
                guint  selected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->binding->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  g_value_init (&value, field->pspec->value_type);
  g_value_set_enum (&value, selected);
  write_value (field, &value);
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Field       *field)
{
  write_selected (field, adw_combo_row_get_selected (row));
}

static void
drop_down_selected_cb (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       Field       *field)
{
  write_selected (field, gtk_drop_down_get_selected (drop_down));
}

static void
spin_value_cb (GtkSpinButton *spin_button,
               Field         *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->binding->updating)
    return;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, (guint)gtk_spin_button_get_value_as_int (spin_button));
  write_value (field, &value);
}

static void
flag_toggled_cb (GtkCheckButton *check_button,
                 Field          *field)
{
  MoatModelBinding *self = field->binding;
  g_auto(GValue) value = G_VALUE_INIT;
  guint flags;

  if (self->updating)
    return;

  g_value_init (&value, field->pspec->value_type);
  g_object_get_property (self->object, field->pspec->name, &value);
  flags = g_value_get_flags (&value);
  if (gtk_check_button_get_active (check_button))
    flags |= field->flag;
  else
    flags &= ~field->flag;

  g_value_set_flags (&value, flags);
  write_value (field, &value);
}

static void
object_notify_cb (MoatModelBinding *self,
                  GParamSpec       *pspec)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->pspec == pspec)
        update_field (field);
    }
}

static void
moat_model_binding_dispose (GObject *object)
{
  MoatModelBinding *self = (MoatModelBinding *)object;

  if (self->object != NULL)
    g_signal_handlers_disconnect_by_data (self->object, self);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->object);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_model_binding_parent_class)->dispose (object);
}

static void
moat_model_binding_finalize (GObject *object)
{
  MoatModelBinding *self = (MoatModelBinding *)object;

  g_clear_pointer (&self->name_prefix, g_free);

  G_OBJECT_CLASS (moat_model_binding_parent_class)->finalize (object);
}

static void
moat_model_binding_class_init (MoatModelBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_model_binding_dispose;
  object_class->finalize = moat_model_binding_finalize;
}

static void
moat_model_binding_init (MoatModelBinding *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_free);
}

/**
 * moat_model_binding_new:
 * @document: the document that owns @object
 * @object: the document itself, or one of its items or threats
 * @name_prefix: the start of the widget name of each row, such as
 *   "threat-"; the property name follows it
 *
 * Creates a binding that has no rows yet; the add functions create them.
 */
MoatModelBinding *
moat_model_binding_new (MoatDocument *document,
                        gpointer      object,
                        const char   *name_prefix)
{
  MoatModelBinding *self;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  self = g_object_new (MOAT_TYPE_MODEL_BINDING, NULL);
  self->document = g_object_ref (document);
  self->object = g_object_ref (object);
  self->name_prefix = g_strdup (name_prefix);

  /* Every model object notifies its own properties, and undo and redo set
   * them through g_object_set_property(), so "notify" covers all changes,
   * including those of the document's own metadata. */
  g_signal_connect_object (self->object, "notify", G_CALLBACK (object_notify_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

MoatDocument *
moat_model_binding_get_document (MoatModelBinding *self)
{
  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);

  return self->document;
}

/**
 * moat_model_binding_get_object:
 *
 * Returns: (transfer none) (type GObject): the bound model object
 */
gpointer
moat_model_binding_get_object (MoatModelBinding *self)
{
  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);

  return self->object;
}

/**
 * moat_model_binding_is_updating:
 *
 * Tells a custom change handler that the binding itself is showing a model
 * value, so the change must not be written back.
 */
gboolean
moat_model_binding_is_updating (MoatModelBinding *self)
{
  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), FALSE);

  return self->updating;
}

static void
prepare_row (MoatModelBinding *self,
             GtkWidget        *row,
             const char       *property_name,
             const char       *title)
{
  g_autofree char *name = g_strconcat (self->name_prefix, property_name, NULL);

  /* Rows interpret their title and subtitle as markup by default, and the
   * rows of the inspector may show text from the file. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
}

static GtkWidget *
create_entry (MoatModelBinding    *self,
              AdwPreferencesGroup *group,
              FieldKind            kind,
              const char          *property_name,
              const char          *title,
              Field              **out_field)
{
  GtkWidget *row = adw_entry_row_new ();
  Field *field;

  prepare_row (self, row, property_name, title);
  adw_preferences_group_add (group, row);

  field = add_field (self, kind, property_name, row);
  field->source = G_OBJECT (g_object_ref (row));
  *out_field = field;

  return row;
}

/**
 * moat_model_binding_add_entry:
 * @group: the group that receives the new row
 * @property_name: a string property of the bound object; the row's widget
 *   name is the binding's prefix followed by @property_name
 * @title: the row's title, shown as plain text
 *
 * Adds a one-line text row that edits @property_name.
 *
 * Returns: (transfer none): the new #AdwEntryRow
 */
GtkWidget *
moat_model_binding_add_entry (MoatModelBinding    *self,
                              AdwPreferencesGroup *group,
                              const char          *property_name,
                              const char          *title)
{
  return moat_model_binding_add_validated_entry (self, group, property_name, title, NULL, NULL);
}

/**
 * moat_model_binding_add_validated_entry:
 * @validate: (nullable): returns whether a text may be written
 * @invalid_message: (nullable): the tooltip of the row while its text is
 *   invalid, saying what is expected
 *
 * Adds a one-line text row like moat_model_binding_add_entry(). A text
 * that @validate rejects is not written: the row gets the "error" style
 * and @invalid_message as tooltip until the text is valid again.
 *
 * Returns: (transfer none): the new #AdwEntryRow
 */
GtkWidget *
moat_model_binding_add_validated_entry (MoatModelBinding     *self,
                                        AdwPreferencesGroup  *group,
                                        const char           *property_name,
                                        const char           *title,
                                        MoatTextValidateFunc  validate,
                                        const char           *invalid_message)
{
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  row = create_entry (self, group, FIELD_ENTRY, property_name, title, &field);
  field->validate = validate;
  field->invalid_message = g_strdup (invalid_message);

  update_field (field);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);

  return row;
}

/**
 * moat_model_binding_add_list_entry:
 * @property_name: a string-list property of the bound object
 *
 * Adds a one-line text row that shows a list separated by commas, such as
 * the model's reviewers. Spaces around each entry and empty entries are
 * dropped when the text is written.
 *
 * Returns: (transfer none): the new #AdwEntryRow
 */
GtkWidget *
moat_model_binding_add_list_entry (MoatModelBinding    *self,
                                   AdwPreferencesGroup *group,
                                   const char          *property_name,
                                   const char          *title)
{
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  row = create_entry (self, group, FIELD_LIST_ENTRY, property_name, title, &field);

  update_field (field);
  g_signal_connect (row, "changed", G_CALLBACK (list_entry_changed_cb), field);

  return row;
}

/**
 * moat_model_binding_add_text_area:
 * @property_name: a string property of the bound object
 *
 * Adds a row with a caption and a multi-line text view, for descriptions
 * and other prose.
 *
 * Returns: (transfer none): the new row; its #GtkTextView is the row's
 *   widget named "text-view"
 */
GtkWidget *
moat_model_binding_add_text_area (MoatModelBinding    *self,
                                  AdwPreferencesGroup *group,
                                  const char          *property_name,
                                  const char          *title)
{
  GtkWidget *row, *box, *caption_box, *caption, *icon, *view;
  GtkTextBuffer *buffer;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  row = adw_preferences_row_new ();
  prepare_row (self, row, property_name, title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  caption_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), caption_box);

  caption = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (caption_box), caption);

  /* The same pencil as entry rows, so the row reads as editable when empty. */
  icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (caption_box), icon);

  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "text-view");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "inline");
  gtk_widget_set_size_request (view, -1, 48);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), view);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_group_add (group, row);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  field = add_field (self, FIELD_TEXT_AREA, property_name, row);
  field->source = G_OBJECT (g_object_ref (buffer));

  update_field (field);
  g_signal_connect (buffer, "changed", G_CALLBACK (text_buffer_changed_cb), field);

  return row;
}

static GtkWidget *
create_switch_row (MoatModelBinding *self,
                   const char       *property_name,
                   const char       *title)
{
  GtkWidget *row, *toggle;
  Field *field;

  row = adw_action_row_new ();
  prepare_row (self, row, property_name, title);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  field = add_field (self, FIELD_SWITCH, property_name, row);
  field->source = G_OBJECT (g_object_ref (toggle));

  update_field (field);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), field);

  return row;
}

/**
 * moat_model_binding_add_switch:
 * @property_name: a boolean property of the bound object
 *
 * Returns: (transfer none): the new #AdwActionRow; its #GtkSwitch is the
 *   row's activatable widget
 */
GtkWidget *
moat_model_binding_add_switch (MoatModelBinding    *self,
                               AdwPreferencesGroup *group,
                               const char          *property_name,
                               const char          *title)
{
  GtkWidget *row;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  row = create_switch_row (self, property_name, title);
  adw_preferences_group_add (group, row);

  return row;
}

/**
 * moat_model_binding_add_expander_switch:
 * @expander: the expander row that receives the new row
 * @property_name: a boolean property of the bound object
 *
 * Adds a switch row like moat_model_binding_add_switch(), inside an
 * expander row that gathers related settings.
 *
 * Returns: (transfer none): the new #AdwActionRow
 */
GtkWidget *
moat_model_binding_add_expander_switch (MoatModelBinding *self,
                                        AdwExpanderRow   *expander,
                                        const char       *property_name,
                                        const char       *title)
{
  GtkWidget *row;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_EXPANDER_ROW (expander), NULL);

  row = create_switch_row (self, property_name, title);
  adw_expander_row_add_row (expander, row);

  return row;
}

static GListModel *
create_enum_labels (GType              enum_type,
                    MoatValueLabelFunc label_func)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  GtkStringList *labels = gtk_string_list_new (NULL);

  /* The list position is the enum value. The assertion checks that the
   * enumeration counts up from 0 without gaps, as every Moat one does. */
  for (guint i = 0; i < enum_class->n_values; i++)
    {
      g_assert (enum_class->values[i].value == (int)i);
      gtk_string_list_append (labels, label_func (i));
    }

  return G_LIST_MODEL (labels);
}

/**
 * moat_model_binding_add_combo:
 * @property_name: an enumeration property of the bound object
 * @label_func: the label of each value
 *
 * Returns: (transfer none): the new #AdwComboRow, whose selected position
 *   is the enumeration value
 */
GtkWidget *
moat_model_binding_add_combo (MoatModelBinding    *self,
                              AdwPreferencesGroup *group,
                              const char          *property_name,
                              const char          *title,
                              MoatValueLabelFunc   label_func)
{
  g_autoptr(GListModel) labels = NULL;
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (label_func != NULL, NULL);

  row = adw_combo_row_new ();
  prepare_row (self, row, property_name, title);
  adw_preferences_group_add (group, row);

  field = add_field (self, FIELD_COMBO, property_name, row);
  field->source = G_OBJECT (g_object_ref (row));
  g_return_val_if_fail (G_TYPE_IS_ENUM (field->pspec->value_type), row);

  labels = create_enum_labels (field->pspec->value_type, label_func);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), labels);

  update_field (field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), field);

  return row;
}

/**
 * moat_model_binding_add_drop_down:
 * @property_name: an enumeration property of the bound object
 * @subtitle: a line under the title, such as a question the choice answers
 * @label_func: the label of each value
 *
 * Adds a choice like moat_model_binding_add_combo(), for rows with a long
 * subtitle: the subtitle wraps and the chosen label stays whole, where a
 * combo row would shorten the label to fit.
 *
 * Returns: (transfer none): the new #AdwActionRow; its #GtkDropDown is the
 *   row's activatable widget, and its selected position is the enumeration
 *   value
 */
GtkWidget *
moat_model_binding_add_drop_down (MoatModelBinding    *self,
                                  AdwPreferencesGroup *group,
                                  const char          *property_name,
                                  const char          *title,
                                  const char          *subtitle,
                                  MoatValueLabelFunc   label_func)
{
  g_autoptr(GListModel) labels = NULL;
  GtkWidget *row, *drop_down;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (label_func != NULL, NULL);

  row = adw_action_row_new ();
  prepare_row (self, row, property_name, title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  drop_down = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (drop_down, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), drop_down);
  adw_preferences_group_add (group, row);

  field = add_field (self, FIELD_DROPDOWN, property_name, row);
  field->source = G_OBJECT (g_object_ref (drop_down));
  g_return_val_if_fail (G_TYPE_IS_ENUM (field->pspec->value_type), row);

  labels = create_enum_labels (field->pspec->value_type, label_func);
  gtk_drop_down_set_model (GTK_DROP_DOWN (drop_down), labels);

  update_field (field);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (drop_down_selected_cb), field);

  return row;
}

/**
 * moat_model_binding_add_value_row:
 * @property_name: an enumeration property of the bound object, usually a
 *   read-only one such as a threat's severity
 *
 * Adds a row that shows the property's label without editing it.
 *
 * Returns: (transfer none): the new #AdwActionRow; its value label is the
 *   row's widget named "value"
 */
GtkWidget *
moat_model_binding_add_value_row (MoatModelBinding    *self,
                                  AdwPreferencesGroup *group,
                                  const char          *property_name,
                                  const char          *title,
                                  MoatValueLabelFunc   label_func)
{
  GtkWidget *row, *label;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (label_func != NULL, NULL);

  row = adw_action_row_new ();
  prepare_row (self, row, property_name, title);

  label = gtk_label_new (NULL);
  gtk_widget_set_name (label, "value");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);

  field = add_field (self, FIELD_VALUE, property_name, row);
  field->label_func = label_func;
  field->value_label = g_object_ref (label);

  update_field (field);

  return row;
}

/**
 * moat_model_binding_show_when:
 * @widget: a row of this binding or any other widget
 * @property_name: an enumeration or boolean property of the bound object
 * @value: the value for which @widget is shown
 *
 * Shows @widget only while @property_name equals @value, such as the
 * reason row of a STRIDE category that is not applicable.
 */
void
moat_model_binding_show_when (MoatModelBinding *self,
                              GtkWidget        *widget,
                              const char       *property_name,
                              int               value)
{
  Field *field;

  g_return_if_fail (MOAT_IS_MODEL_BINDING (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  field = add_field (self, FIELD_VISIBILITY, property_name, widget);
  field->visible_value = value;

  update_field (field);
}

/**
 * moat_model_binding_add_spin:
 * @property_name: an unsigned integer property of the bound object
 * @subtitle: (nullable): a line under the title, such as what 0 means
 *
 * Adds a row with a spin button over the property's range.
 *
 * Returns: (transfer none): the new #AdwActionRow; its #GtkSpinButton is
 *   the row's activatable widget
 */
GtkWidget *
moat_model_binding_add_spin (MoatModelBinding    *self,
                             AdwPreferencesGroup *group,
                             const char          *property_name,
                             const char          *title,
                             const char          *subtitle)
{
  GParamSpecUInt *range;
  GtkWidget *row, *spin_button;
  Field *field;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  row = adw_action_row_new ();
  prepare_row (self, row, property_name, title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  field = add_field (self, FIELD_SPIN, property_name, row);
  g_return_val_if_fail (G_IS_PARAM_SPEC_UINT (field->pspec), row);
  range = G_PARAM_SPEC_UINT (field->pspec);

  spin_button = gtk_spin_button_new_with_range (range->minimum, range->maximum, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin_button), TRUE);
  gtk_widget_set_valign (spin_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin_button);
  adw_preferences_group_add (group, row);

  field->source = G_OBJECT (g_object_ref (spin_button));

  update_field (field);
  g_signal_connect (spin_button, "value-changed", G_CALLBACK (spin_value_cb), field);

  return row;
}

/**
 * moat_model_binding_add_flags:
 * @property_name: a flags property of the bound object
 * @label_func: the label of each single flag
 *
 * Adds an expander row with one check row per flag of the property, such
 * as the tool permissions of an AI agent. A flag's row is named after
 * the property and the flag's nick, like "item-agent-tool-permissions-
 * network".
 *
 * Returns: (transfer none): the new #AdwExpanderRow
 */
GtkWidget *
moat_model_binding_add_flags (MoatModelBinding    *self,
                              AdwPreferencesGroup *group,
                              const char          *property_name,
                              const char          *title,
                              MoatValueLabelFunc   label_func)
{
  g_autoptr(GFlagsClass) flags_class = NULL;
  GParamSpec *pspec;
  GtkWidget *expander;

  g_return_val_if_fail (MOAT_IS_MODEL_BINDING (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (label_func != NULL, NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->object), property_name);
  g_return_val_if_fail (pspec != NULL && G_IS_PARAM_SPEC_FLAGS (pspec), NULL);

  expander = adw_expander_row_new ();
  prepare_row (self, expander, property_name, title);
  adw_preferences_group_add (group, expander);

  flags_class = g_type_class_ref (pspec->value_type);
  for (guint i = 0; i < flags_class->n_values; i++)
    {
      const GFlagsValue *flag = &flags_class->values[i];
      g_autofree char *name = g_strconcat (property_name, "-", flag->value_nick, NULL);
      GtkWidget *row, *check_button;
      Field *field;

      /* The empty set has no row of its own. */
      if (flag->value == 0)
        continue;

      row = adw_action_row_new ();
      prepare_row (self, row, name, label_func (flag->value));

      check_button = gtk_check_button_new ();
      gtk_widget_set_valign (check_button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label_func (flag->value),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check_button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check_button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

      field = add_field (self, FIELD_FLAG, property_name, row);
      field->flag = flag->value;
      field->source = G_OBJECT (g_object_ref (check_button));

      update_field (field);
      g_signal_connect (check_button, "toggled", G_CALLBACK (flag_toggled_cb), field);
    }

  return expander;
}
