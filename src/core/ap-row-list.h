/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ap-object.h"
#include "ap-store.h"

G_BEGIN_DECLS

/* A GListModel of the rows of one table, ordered by row id. It holds only the ids;
 * an item becomes an object the first time someone asks for it, so a plan with
 * 100,000 incidents is ready as soon as their ids are read, and a list widget that
 * builds only the rows on screen creates only those objects. */

typedef void (*ApRowListLoadFunc) (ApObject *object,
                                   gpointer  user_data);

#define AP_TYPE_ROW_LIST (ap_row_list_get_type ())
G_DECLARE_FINAL_TYPE (ApRowList, ap_row_list, AP, ROW_LIST, GObject)

/* Loads what hangs off the rows for every object made so far, in a few queries. */
typedef gboolean (*ApRowListBulkLoadFunc) (ApRowList  *list,
                                           gpointer    user_data,
                                           GError    **error);

ApRowList *ap_row_list_new          (ApStore           *store,
                                     GType              item_type);
void       ap_row_list_set_load_func (ApRowList        *self,
                                     ApRowListLoadFunc  func,
                                     gpointer           user_data);
void       ap_row_list_set_bulk_load_func (ApRowList             *self,
                                          ApRowListBulkLoadFunc  func,
                                          gpointer               user_data);
gboolean   ap_row_list_reload       (ApRowList         *self,
                                     GError           **error);
gboolean   ap_row_list_make_all     (ApRowList         *self,
                                     GError           **error);
void       ap_row_list_refresh_row  (ApRowList         *self,
                                     gint64             id);
gpointer   ap_row_list_lookup       (ApRowList         *self,
                                     gint64             id);
gboolean   ap_row_list_find         (ApRowList         *self,
                                     gint64             id,
                                     guint             *position);
const char *ap_row_list_get_table   (ApRowList         *self);

G_END_DECLS
