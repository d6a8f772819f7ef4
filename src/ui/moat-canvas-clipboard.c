/* moat-canvas-clipboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas-private.h"
#include "moat-format.h"
#include "moat-fragment.h"

/* Copy, cut, paste and duplicate. The clipboard is the display's, so
 * items copied in one window paste into another, or into another
 * document. It carries a fragment in the .moat format, which the .moat
 * loader checks on paste like any file. */

#define MOAT_CANVAS_ITEMS_MIME_TYPE "application/x-moat-items+json"

/* How many grid steps a paste shifts at most to avoid landing exactly on
 * the items it was copied from. */
#define MAX_PASTE_SHIFTS 100

static gboolean
lands_on_existing (MoatCanvas   *self,
                   MoatDocument *fragment,
                   GHashTable   *taken,
                   double        dx,
                   double        dy)
{
  GPtrArray *diagrams = moat_document_get_diagrams (fragment);

  for (guint d = 0; d < diagrams->len; d++)
    {
      GPtrArray *arrays[2];

      arrays[0] = moat_diagram_get_elements (g_ptr_array_index (diagrams, d));
      arrays[1] = moat_diagram_get_boundaries (g_ptr_array_index (diagrams, d));

      for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
        for (guint i = 0; i < arrays[a]->len; i++)
          {
            MoatRect rect;
            g_autofree char *key = NULL;

            moat_canvas_get_item_rect (g_ptr_array_index (arrays[a], i), &rect);
            key = g_strdup_printf ("%g,%g", rect.x + dx, rect.y + dy);
            if (g_hash_table_contains (taken, key))
              return TRUE;
          }
    }

  return FALSE;
}

/* Where pasted items go: where they were when that is in view, otherwise
 * the middle of the view. They move a grid step further for as long as
 * they would cover items exactly, as when pasting next to the originals. */
static void
get_paste_offset (MoatCanvas   *self,
                  MoatDocument *fragment,
                  double       *dx,
                  double       *dy)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *arrays[2];
  MoatRect bounds;
  MoatRect visible;
  MoatPoint center;
  double step = MAX (self->grid_size, 10);

  *dx = 0;
  *dy = 0;

  if (!moat_fragment_get_bounds (fragment, &bounds))
    return;

  moat_canvas_get_visible_area (self, &visible);
  center = moat_rect_get_center (&bounds);
  if (visible.width > 0 && !moat_rect_contains_point (&visible, center.x, center.y))
    {
      MoatPoint view_center = moat_rect_get_center (&visible);

      *dx = moat_canvas_snap (self, round (view_center.x - center.x));
      *dy = moat_canvas_snap (self, round (view_center.y - center.y));
    }

  arrays[0] = moat_diagram_get_elements (self->diagram);
  arrays[1] = moat_diagram_get_boundaries (self->diagram);
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        MoatRect rect;

        moat_canvas_get_item_rect (g_ptr_array_index (arrays[a], i), &rect);
        g_hash_table_add (taken, g_strdup_printf ("%g,%g", rect.x, rect.y));
      }

  for (guint i = 0; i < MAX_PASTE_SHIFTS && lands_on_existing (self, fragment, taken, *dx, *dy);
       i++)
    {
      *dx += step;
      *dy += step;
    }
}

static void
paste_fragment (MoatCanvas   *self,
                MoatDocument *fragment,
                const char   *label)
{
  g_autoptr(GPtrArray) added = NULL;
  double dx;
  double dy;

  if (self->document == NULL || self->diagram == NULL)
    return;

  get_paste_offset (self, fragment, &dx, &dy);
  added = moat_fragment_paste (self->document, self->diagram, fragment, dx, dy, label);

  if (added->len == 0)
    {
      moat_canvas_show_toast (self, _("The copied items cannot be pasted here"), FALSE);
      return;
    }

  moat_canvas_set_selection (self, added);
  moat_canvas_scroll_to_item (self, g_ptr_array_index (added, added->len - 1));
}

static MoatDocument *
new_fragment_of_selection (MoatCanvas *self)
{
  return moat_fragment_new (self->document, (MoatItem **)self->selection->pdata,
                            self->selection->len);
}

static void
copy_selection (MoatCanvas *self)
{
  g_autoptr(MoatDocument) fragment = new_fragment_of_selection (self);
  g_autoptr(GBytes) bytes = moat_format_serialize (fragment);
  g_autoptr(GdkContentProvider) provider =
    gdk_content_provider_new_for_bytes (MOAT_CANVAS_ITEMS_MIME_TYPE, bytes);

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  if (self->document == NULL || self->selection->len == 0)
    return;

  copy_selection (self);
}

static void
cut_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);

  if (self->document == NULL || self->selection->len == 0)
    return;

  copy_selection (self);
  moat_canvas_delete_items (self, self->selection, _("Cut"));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  g_autoptr(MoatDocument) fragment = NULL;

  if (self->document == NULL || self->selection->len == 0)
    return;

  fragment = new_fragment_of_selection (self);
  paste_fragment (self, fragment, _("Duplicate"));
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MoatCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MoatDocument) fragment = NULL;

  bytes = g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) >= 0
          ? g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source))
          : NULL;
  if (bytes != NULL)
    fragment = moat_fragment_load (bytes, &error);

  if (fragment == NULL)
    {
      g_warning ("Cannot paste: %s", error->message);
      moat_canvas_show_toast (self, error->message, FALSE);
      return;
    }

  paste_fragment (self, fragment, _("Paste"));
}

static void
paste_stream_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MoatCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      g_warning ("Cannot read the clipboard: %s", error->message);
      moat_canvas_show_toast (self, _("The clipboard could not be read"), FALSE);
      return;
    }

  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_read_cb,
                                g_steal_pointer (&self));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  const char *mime_types[] = { MOAT_CANVAS_ITEMS_MIME_TYPE, NULL };

  if (self->document == NULL || self->diagram == NULL)
    return;

  if (!gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                              MOAT_CANVAS_ITEMS_MIME_TYPE))
    {
      moat_canvas_show_toast (self, _("The clipboard holds no diagram items to paste"), FALSE);
      return;
    }

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                            paste_stream_cb, g_object_ref (self));
}

void
moat_canvas_class_setup_clipboard (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK,
                                       "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "canvas.duplicate", NULL);
}
