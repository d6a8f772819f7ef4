/* moat-recovery.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_RECOVERY_ERROR (moat_recovery_error_quark ())

typedef enum
{
  MOAT_RECOVERY_ERROR_INVALID,
} MoatRecoveryError;

/* While changes keep coming, a recovery copy is still written at least
 * this often, or at the configured delay if that is longer. */
#define MOAT_RECOVERY_MAX_WAIT_SECONDS 60

/* What a window does with its recovery copy after a change. */
typedef enum
{
  MOAT_RECOVERY_PLAN_WAIT,
  MOAT_RECOVERY_PLAN_WRITE_NOW,
} MoatRecoveryPlan;

/* A recovery copy left behind by a Moat process that is no longer running. */
typedef struct _MoatRecoveryEntry MoatRecoveryEntry;

#define MOAT_TYPE_RECOVERY_ENTRY (moat_recovery_entry_get_type ())
#define MOAT_TYPE_RECOVERY (moat_recovery_get_type ())

GType moat_recovery_entry_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MoatRecovery, moat_recovery, MOAT, RECOVERY, GObject)

GQuark             moat_recovery_error_quark              (void);
char              *moat_recovery_dup_default_directory    (void);
char              *moat_recovery_new_document_id          (void);
MoatRecoveryPlan   moat_recovery_plan_copy                (gint64                now,
                                                           gint64                pending_since,
                                                           guint                 delay_seconds,
                                                           gboolean              copy_under_way,
                                                           gint64               *deadline);

MoatRecovery      *moat_recovery_new                      (const char           *directory,
                                                           GError              **error);
const char        *moat_recovery_get_directory            (MoatRecovery         *self);
const char        *moat_recovery_get_session_id           (MoatRecovery         *self);

void               moat_recovery_save_async               (MoatRecovery         *self,
                                                           const char           *document_id,
                                                           GBytes               *model,
                                                           GFile                *original,
                                                           const char           *display_name,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean           moat_recovery_save_finish              (MoatRecovery         *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void               moat_recovery_save_document_async      (MoatRecovery         *self,
                                                           const char           *document_id,
                                                           MoatDocument         *document,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean           moat_recovery_save_document_finish     (MoatRecovery         *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void               moat_recovery_remove_async             (MoatRecovery         *self,
                                                           const char           *document_id,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean           moat_recovery_remove_finish            (MoatRecovery         *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void               moat_recovery_flush                    (MoatRecovery         *self);
void               moat_recovery_close                    (MoatRecovery         *self);

GPtrArray         *moat_recovery_list_orphans             (MoatRecovery         *self,
                                                           GError              **error);
GBytes            *moat_recovery_load_model               (MoatRecovery         *self,
                                                           MoatRecoveryEntry    *entry,
                                                           GError              **error);
gboolean           moat_recovery_claim                    (MoatRecovery         *self,
                                                           MoatRecoveryEntry    *entry,
                                                           GError              **error);
gboolean           moat_recovery_discard                  (MoatRecovery         *self,
                                                           MoatRecoveryEntry    *entry,
                                                           GError              **error);

MoatRecoveryEntry *moat_recovery_entry_ref                (MoatRecoveryEntry    *entry);
void               moat_recovery_entry_unref              (MoatRecoveryEntry    *entry);
const char        *moat_recovery_entry_get_document_id    (MoatRecoveryEntry    *entry);
const char        *moat_recovery_entry_get_display_name   (MoatRecoveryEntry    *entry);
GFile             *moat_recovery_entry_get_original       (MoatRecoveryEntry    *entry);
GDateTime         *moat_recovery_entry_get_modified       (MoatRecoveryEntry    *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatRecoveryEntry, moat_recovery_entry_unref)

G_END_DECLS
