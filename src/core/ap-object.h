/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A column of a plan table mirrored as a read-only GObject property.
 * Integer columns that may be NULL read as `null_value` (row ids start at 1, so 0 is
 * "none" for references; counts use -1). */
typedef enum
{
  AP_FIELD_INT64,
  AP_FIELD_BOOLEAN,
  AP_FIELD_STRING,
} ApFieldType;

typedef struct
{
  const char  *name;      /* property name, e.g. "period-id" */
  const char  *column;    /* SQL expression selected for it, e.g. "period_id" */
  ApFieldType  type;
  gsize        offset;    /* of the value in the instance struct */
  gint64       null_value;
} ApField;

#define AP_TYPE_OBJECT (ap_object_get_type ())
G_DECLARE_DERIVABLE_TYPE (ApObject, ap_object, AP, OBJECT, GObject)

struct _ApObjectClass
{
  GObjectClass   parent_class;

  const char    *table;
  const ApField *fields;
  guint          n_fields;
  GParamSpec   **pspecs;       /* one per field */
  char          *select_sql;   /* "SELECT id, uid, <columns> FROM <table>" */
};

gint64      ap_object_get_id              (ApObject        *self);
const char *ap_object_get_uid             (ApObject        *self);

/* For the store layer: class set-up, and loading a row selected by select_sql. */
void        ap_object_class_install_fields (ApObjectClass  *klass,
                                            const char     *table,
                                            const ApField  *fields,
                                            guint           n_fields);
const char *ap_object_class_get_select_sql (ApObjectClass  *klass);
ApObject   *ap_object_new_from_row        (GType           type,
                                           sqlite3_stmt   *stmt);
void        ap_object_update_from_row     (ApObject       *self,
                                           sqlite3_stmt   *stmt);

G_END_DECLS
