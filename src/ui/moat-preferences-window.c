/* moat-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window. Every row is bound to a key of the
 * application's GSettings schema, so a change applies at once and is
 * kept, with no Apply button.
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include "moat-preferences-window.h"

struct _MoatPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  /* Template widgets */
  AdwComboRow *style_row;
  GtkSwitch *show_grid_switch;
  GtkSwitch *snap_to_grid_switch;
  GtkSpinButton *grid_size_spin;
  GtkSwitch *keep_backup_switch;
  GtkSpinButton *recovery_delay_spin;
  GtkSwitch *include_mitigated_switch;
  GtkSwitch *include_accepted_switch;
  GtkSwitch *include_out_of_scope_switch;
  AdwComboRow *sort_row;
};

G_DEFINE_FINAL_TYPE (MoatPreferencesWindow, moat_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The nicks of each enum key, in the order of the combo row's items. */
static const char * const style_nicks[] = { "default", "light", "dark", NULL };
static const char * const sort_nicks[] = { "severity", "number", NULL };

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
bind_combo_row (MoatPreferencesWindow *self,
                const char            *key,
                AdwComboRow           *row,
                const char * const    *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_position, position_to_nick, (gpointer)nicks, NULL);
}

static void
moat_preferences_window_dispose (GObject *object)
{
  MoatPreferencesWindow *self = (MoatPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (moat_preferences_window_parent_class)->dispose (object);
}

static void
moat_preferences_window_class_init (MoatPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatapp/Moat/moat-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, show_grid_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, snap_to_grid_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, grid_size_spin);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, keep_backup_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, recovery_delay_spin);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, include_mitigated_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, include_accepted_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, include_out_of_scope_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, sort_row);
}

static void
moat_preferences_window_init (MoatPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  bind_combo_row (self, "style-variant", self->style_row, style_nicks);
  g_settings_bind (self->settings, "show-grid",
                   self->show_grid_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-grid",
                   self->snap_to_grid_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "grid-size",
                   gtk_spin_button_get_adjustment (self->grid_size_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "keep-backup",
                   self->keep_backup_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "autosave-interval",
                   gtk_spin_button_get_adjustment (self->recovery_delay_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-mitigated",
                   self->include_mitigated_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-accepted",
                   self->include_accepted_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-out-of-scope",
                   self->include_out_of_scope_switch, "active", G_SETTINGS_BIND_DEFAULT);
  bind_combo_row (self, "sort-by", self->sort_row, sort_nicks);
}

GtkWidget *
moat_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (MOAT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
