/* moat-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Export dialog: the format and the options of `moat export`, then a
 * file chooser. The choices are GSettings keys, so the next export starts
 * from them. The dialog only reads the document.
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "moat-export-dialog.h"

struct _MoatExportDialog
{
  AdwWindow parent_instance;

  MoatDocument *document;
  MoatDiagram *current_diagram;
  GSettings *settings;

  /* Template widgets */
  AdwComboRow *format_row;
  AdwComboRow *diagram_row;
  AdwPreferencesGroup *contents_group;
  GtkSwitch *include_mitigated_switch;
  GtkSwitch *include_accepted_switch;
  GtkSwitch *include_transferred_switch;
  GtkSwitch *include_out_of_scope_switch;
  AdwComboRow *sort_row;
  AdwPreferencesGroup *images_group;
  AdwComboRow *images_row;
  AdwActionRow *scale_row;
  GtkSpinButton *scale_spin;
  AdwComboRow *page_row;
  AdwPreferencesGroup *spreadsheet_group;
  GtkSwitch *guard_formulas_switch;
};

G_DEFINE_FINAL_TYPE (MoatExportDialog, moat_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The nicks of each enum key, in the order of its combo row's items. The
 * format row lists the formats in MoatExportFormat order. */
static const char * const format_nicks[] = { "markdown", "csv", "json", "svg", "png", "pdf", NULL };
static const char * const sort_nicks[] = { "severity", "number", NULL };
static const char * const images_nicks[] = { "svg", "png", "svg-png", "none", NULL };
static const char * const page_nicks[] = { "a4", "letter", NULL };

/* The position of "All diagrams" in the diagram row; diagram i of the
 * document follows at i + 1. */
#define ALL_DIAGRAMS 0

static gboolean
nick_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
position_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **)nicks))
    return NULL;

  return g_variant_new_string (nicks[position]);
}

static void
bind_combo_row (MoatExportDialog   *self,
                const char         *key,
                AdwComboRow        *row,
                const char * const *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_position, position_to_nick, (gpointer)nicks, NULL);
}

static gboolean
has_png_images (MoatExportDialog *self)
{
  guint images = adw_combo_row_get_selected (self->images_row);

  return g_str_equal (images_nicks[images], "png") || g_str_equal (images_nicks[images], "svg-png");
}

/* Shows only the rows the chosen format uses, as `moat export` rejects
 * the options a format does not use. */
static void
format_changed_cb (MoatExportDialog *self)
{
  MoatExportFormat format = moat_export_dialog_get_format (self);
  gboolean is_document = format == MOAT_EXPORT_FORMAT_MARKDOWN;
  gboolean is_register = format == MOAT_EXPORT_FORMAT_CSV || format == MOAT_EXPORT_FORMAT_JSON;
  gboolean uses_scale = format == MOAT_EXPORT_FORMAT_PNG || (is_document && has_png_images (self));

  gtk_widget_set_visible (GTK_WIDGET (self->contents_group), is_document || is_register);
  gtk_widget_set_visible (GTK_WIDGET (self->images_row), is_document);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), uses_scale);
  gtk_widget_set_visible (GTK_WIDGET (self->page_row), format == MOAT_EXPORT_FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->images_group),
                          is_document || uses_scale || format == MOAT_EXPORT_FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->spreadsheet_group), format == MOAT_EXPORT_FORMAT_CSV);
}

/* Fills the diagram row with "All diagrams" and the document's diagrams,
 * and starts from the remembered choice. */
static void
fill_diagram_row (MoatExportDialog *self)
{
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = ALL_DIAGRAMS;

  gtk_string_list_append (names, _("All diagrams"));

  for (guint i = 0; i < diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (diagrams, i);
      const char *name = moat_diagram_get_name (diagram);

      /* The row shows the name as plain text: a GtkStringList item is
       * never parsed as markup or mnemonics. */
      gtk_string_list_append (names, name != NULL && name[0] != '\0' ? name
                                                                     : _("Untitled diagram"));

      if (diagram == self->current_diagram &&
          g_settings_get_enum (self->settings, "export-diagrams") == 1)
        selected = i + 1;
    }

  adw_combo_row_set_model (self->diagram_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->diagram_row, selected);
}

static void
show_error (MoatExportDialog *self,
            const char       *message)
{
  AdwMessageDialog *dialog;

  /* The body is plain text, so a file name or model text in the message
   * is never read as markup. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Export"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remember_diagram_choice (MoatExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->diagram_row);
  GPtrArray *diagrams = moat_document_get_diagrams (self->document);
  gboolean is_current = selected > ALL_DIAGRAMS && selected <= diagrams->len &&
                        g_ptr_array_index (diagrams, selected - 1) == self->current_diagram;

  if (selected == ALL_DIAGRAMS || is_current)
    g_settings_set_enum (self->settings, "export-diagrams", is_current ? 1 : 0);
}

static void
file_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(MoatExportDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;

  /* NOTE: the export runs on the main thread, so the window does not
   * respond while a very large model is written. */
  if (!moat_export_dialog_export_to_file (self, file, &error))
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* A filter named like the format row's item, such as "CSV threat
 * register", for the format's extension and media type. */
static GtkFileFilter *
new_format_filter (MoatExportDialog *self,
                   MoatExportFormat  format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkStringObject *item = adw_combo_row_get_selected_item (self->format_row);
  g_autofree char *pattern = g_strconcat ("*", moat_export_format_get_extension (format), NULL);

  if (item != NULL)
    gtk_file_filter_set_name (filter, gtk_string_object_get_string (item));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, moat_export_format_get_media_type (format));

  return filter;
}

static char *
dup_suggested_name (MoatExportDialog *self,
                    MoatExportFormat  format)
{
  g_autofree char *display_name = moat_document_dup_display_name (self->document);
  char *dot = strrchr (display_name, '.');

  if (dot != NULL && dot != display_name && g_str_equal (dot, ".moat"))
    *dot = '\0';

  return g_strconcat (display_name, moat_export_format_get_extension (format), NULL);
}

static void
export_clicked_cb (MoatExportDialog *self)
{
  MoatExportFormat format = moat_export_dialog_get_format (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = dup_suggested_name (self, format);
  GFile *model_file = moat_document_get_file (self->document);

  remember_diagram_choice (self);

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (model_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (model_file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  filter = new_format_filter (self, format);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (file_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
moat_export_dialog_dispose (GObject *object)
{
  MoatExportDialog *self = (MoatExportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->current_diagram);

  G_OBJECT_CLASS (moat_export_dialog_parent_class)->dispose (object);
}

static void
moat_export_dialog_class_init (MoatExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_export_dialog_dispose;

  /**
   * MoatExportDialog::exported:
   * @output: the output file the user chose
   * @n_files: how many files the export wrote, the output and the files
   *   next to it
   *
   * Emitted after an export wrote every file.
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatapp/Moat/moat-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, diagram_row);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, contents_group);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, include_mitigated_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, include_accepted_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog,
                                        include_transferred_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog,
                                        include_out_of_scope_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, sort_row);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, images_group);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, images_row);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, spreadsheet_group);
  gtk_widget_class_bind_template_child (widget_class, MoatExportDialog, guard_formulas_switch);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
moat_export_dialog_init (MoatExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  bind_combo_row (self, "export-format", self->format_row, format_nicks);
  g_settings_bind (self->settings, "include-mitigated",
                   self->include_mitigated_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-accepted",
                   self->include_accepted_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-transferred",
                   self->include_transferred_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-out-of-scope",
                   self->include_out_of_scope_switch, "active", G_SETTINGS_BIND_DEFAULT);
  bind_combo_row (self, "sort-by", self->sort_row, sort_nicks);
  bind_combo_row (self, "export-images", self->images_row, images_nicks);
  g_settings_bind (self->settings, "png-scale",
                   gtk_spin_button_get_adjustment (self->scale_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  bind_combo_row (self, "page-size", self->page_row, page_nicks);
  g_settings_bind (self->settings, "guard-formulas",
                   self->guard_formulas_switch, "active", G_SETTINGS_BIND_DEFAULT);

  format_changed_cb (self);
}

/**
 * moat_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @document: the model to export, which the dialog only reads
 * @current_diagram: (nullable): the diagram the window shows, offered
 *   first when the remembered choice is the current diagram
 *
 * Returns: (transfer none): a new Export dialog, owned by GTK like every
 *   toplevel window until it is closed
 */
MoatExportDialog *
moat_export_dialog_new (GtkWindow    *parent,
                        MoatDocument *document,
                        MoatDiagram  *current_diagram)
{
  MoatExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MOAT_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (current_diagram == NULL || MOAT_IS_DIAGRAM (current_diagram), NULL);

  self = g_object_new (MOAT_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  g_set_object (&self->current_diagram, current_diagram);
  fill_diagram_row (self);

  return self;
}

MoatExportFormat
moat_export_dialog_get_format (MoatExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (MOAT_IS_EXPORT_DIALOG (self), MOAT_EXPORT_FORMAT_MARKDOWN);

  selected = adw_combo_row_get_selected (self->format_row);

  return selected < G_N_ELEMENTS (format_nicks) - 1 ? (MoatExportFormat)selected
                                                     : MOAT_EXPORT_FORMAT_MARKDOWN;
}

/**
 * moat_export_dialog_get_request:
 * @request: (out caller-allocates): the request to fill
 *
 * Reads the dialog's choices into @request. The chosen diagram's id is
 * borrowed from the document.
 */
void
moat_export_dialog_get_request (MoatExportDialog  *self,
                                MoatExportRequest *request)
{
  guint diagram;
  guint images;
  GPtrArray *diagrams;

  g_return_if_fail (MOAT_IS_EXPORT_DIALOG (self));
  g_return_if_fail (request != NULL);

  moat_export_request_init (request);

  request->options.include_mitigated = gtk_switch_get_active (self->include_mitigated_switch);
  request->options.include_accepted = gtk_switch_get_active (self->include_accepted_switch);
  request->options.include_transferred = gtk_switch_get_active (self->include_transferred_switch);
  request->options.include_out_of_scope = gtk_switch_get_active (self->include_out_of_scope_switch);
  request->options.sort = g_str_equal (sort_nicks[adw_combo_row_get_selected (self->sort_row)],
                                       "number")
                          ? MOAT_EXPORT_SORT_BY_NUMBER : MOAT_EXPORT_SORT_BY_SEVERITY;

  diagrams = moat_document_get_diagrams (self->document);
  diagram = adw_combo_row_get_selected (self->diagram_row);
  if (diagram > ALL_DIAGRAMS && diagram <= diagrams->len)
    request->options.diagram = moat_diagram_get_id (g_ptr_array_index (diagrams, diagram - 1));

  images = adw_combo_row_get_selected (self->images_row);
  request->images.svg = g_str_equal (images_nicks[images], "svg") ||
                        g_str_equal (images_nicks[images], "svg-png");
  request->images.png = has_png_images (self);
  request->images.image_options.scale = gtk_spin_button_get_value (self->scale_spin);
  request->images.image_options.page_size =
    g_str_equal (page_nicks[adw_combo_row_get_selected (self->page_row)], "letter")
    ? MOAT_PAGE_SIZE_LETTER : MOAT_PAGE_SIZE_A4;

  request->guard_formulas = gtk_switch_get_active (self->guard_formulas_switch);
}

/**
 * moat_export_dialog_export_to_file:
 * @file: the output file
 * @error: where to report an export or write failure
 *
 * Exports the document with the dialog's choices to @file, and the
 * review document's images or the per-diagram images next to it, then
 * emits #MoatExportDialog::exported. The file chooser calls this; tests
 * call it directly.
 *
 * Returns: %TRUE when every file is written
 */
gboolean
moat_export_dialog_export_to_file (MoatExportDialog  *self,
                                   GFile             *file,
                                   GError           **error)
{
  MoatExportRequest request;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MOAT_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  moat_export_dialog_get_request (self, &request);
  name = g_file_get_basename (file);
  files = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_export_file_free);

  if (!moat_export_run (self->document, moat_export_dialog_get_format (self), &request, name,
                        &bytes, files, error) ||
      !moat_export_save (file, bytes, files, moat_document_get_file (self->document), NULL,
                         error))
    return FALSE;

  g_signal_emit (self, signals[EXPORTED], 0, file, (bytes != NULL ? 1 : 0) + files->len);

  return TRUE;
}
