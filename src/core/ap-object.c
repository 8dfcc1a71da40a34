/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-object"

#include "config.h"

#include "ap-object.h"

/* ApObject is the base of every plan object the GUI sees: a read-only mirror of one row.
 * Subclasses describe their columns in an ApField table; loading a row, property access
 * and change notification are implemented once, here, from that table. Objects are
 * changed only by the plan when a command changes their row, and then notify exactly
 * the properties whose values changed. */

typedef struct
{
  gint64  id;
  char   *uid;
} ApObjectPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ApObject, ap_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD_PTR(self, field) (((guint8 *) (self)) + (field)->offset)

static gboolean
read_field (ApObject      *self,
            const ApField *field,
            sqlite3_stmt  *stmt,
            int            col)
{
  gpointer ptr = FIELD_PTR (self, field);
  gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

  switch (field->type)
    {
    case AP_FIELD_INT64:
      {
        gint64 v = null ? field->null_value : sqlite3_column_int64 (stmt, col);
        gboolean changed = *(gint64 *) ptr != v;
        *(gint64 *) ptr = v;
        return changed;
      }
    case AP_FIELD_BOOLEAN:
      {
        gboolean v = !null && sqlite3_column_int (stmt, col) != 0;
        gboolean changed = *(gboolean *) ptr != v;
        *(gboolean *) ptr = v;
        return changed;
      }
    case AP_FIELD_STRING:
      {
        const char *v = null ? NULL : (const char *) sqlite3_column_text (stmt, col);
        char **slot = (char **) ptr;
        if (g_strcmp0 (*slot, v) == 0)
          return FALSE;
        g_free (*slot);
        *slot = g_strdup (v);
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
ap_object_generic_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ApObjectClass *klass = AP_OBJECT_GET_CLASS (object);
  const ApField *field;

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &klass->fields[prop_id - 1];
  switch (field->type)
    {
    case AP_FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) FIELD_PTR (object, field));
      break;
    case AP_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) FIELD_PTR (object, field));
      break;
    case AP_FIELD_STRING:
      g_value_set_string (value, *(char **) FIELD_PTR (object, field));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
ap_object_finalize (GObject *object)
{
  ApObjectPrivate *priv = ap_object_get_instance_private (AP_OBJECT (object));

  g_free (priv->uid);
  G_OBJECT_CLASS (ap_object_parent_class)->finalize (object);
}

static void
ap_object_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ApObjectPrivate *priv = ap_object_get_instance_private (AP_OBJECT (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_UID:
      g_value_set_string (value, priv->uid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_object_class_init (ApObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ap_object_finalize;
  object_class->get_property = ap_object_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ap_object_init (ApObject *self)
{
}

/* The subclass finalize frees its string fields, then chains to ApObject's. Installed by
 * ap_object_class_install_fields so subclasses need no finalize of their own. */
static void
subclass_finalize (GObject *object)
{
  ApObjectClass *klass = AP_OBJECT_GET_CLASS (object);

  for (guint i = 0; i < klass->n_fields; i++)
    if (klass->fields[i].type == AP_FIELD_STRING)
      g_clear_pointer ((char **) FIELD_PTR (object, &klass->fields[i]), g_free);

  ap_object_finalize (object);
}

void
ap_object_class_install_fields (ApObjectClass *klass,
                                const char    *table,
                                const ApField *fields,
                                guint          n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  g_autoptr(GString) sql = g_string_new ("SELECT id, uid");

  object_class->get_property = ap_object_generic_get_property;
  object_class->finalize = subclass_finalize;

  klass->table = table;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->pspecs = g_new0 (GParamSpec *, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const ApField *f = &fields[i];
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

      switch (f->type)
        {
        case AP_FIELD_INT64:
          klass->pspecs[i] = g_param_spec_int64 (f->name, NULL, NULL, G_MININT64, G_MAXINT64,
                                                 f->null_value, flags);
          break;
        case AP_FIELD_BOOLEAN:
          klass->pspecs[i] = g_param_spec_boolean (f->name, NULL, NULL, FALSE, flags);
          break;
        case AP_FIELD_STRING:
          klass->pspecs[i] = g_param_spec_string (f->name, NULL, NULL, NULL, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (object_class, i + 1, klass->pspecs[i]);
      g_string_append_printf (sql, ", %s", f->column);
    }
  g_string_append_printf (sql, " FROM %s", table);
  klass->select_sql = g_string_free (g_steal_pointer (&sql), FALSE);
}

const char *
ap_object_class_get_select_sql (ApObjectClass *klass)
{
  return klass->select_sql;
}

ApObject *
ap_object_new_from_row (GType         type,
                        sqlite3_stmt *stmt)
{
  ApObject *self = g_object_new (type, NULL);
  ApObjectPrivate *priv = ap_object_get_instance_private (self);
  ApObjectClass *klass = AP_OBJECT_GET_CLASS (self);

  priv->id = sqlite3_column_int64 (stmt, 0);
  priv->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  for (guint i = 0; i < klass->n_fields; i++)
    read_field (self, &klass->fields[i], stmt, i + 2);
  return self;
}

/* Re-reads the row and notifies the properties whose values changed. */
void
ap_object_update_from_row (ApObject     *self,
                           sqlite3_stmt *stmt)
{
  ApObjectPrivate *priv = ap_object_get_instance_private (self);
  ApObjectClass *klass = AP_OBJECT_GET_CLASS (self);
  const char *uid = (const char *) sqlite3_column_text (stmt, 1);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (priv->uid, uid) != 0)
    {
      g_free (priv->uid);
      priv->uid = g_strdup (uid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UID]);
    }
  for (guint i = 0; i < klass->n_fields; i++)
    if (read_field (self, &klass->fields[i], stmt, i + 2))
      g_object_notify_by_pspec (G_OBJECT (self), klass->pspecs[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
ap_object_get_id (ApObject *self)
{
  ApObjectPrivate *priv = ap_object_get_instance_private (self);

  g_return_val_if_fail (AP_IS_OBJECT (self), 0);
  return priv->id;
}

const char *
ap_object_get_uid (ApObject *self)
{
  ApObjectPrivate *priv = ap_object_get_instance_private (self);

  g_return_val_if_fail (AP_IS_OBJECT (self), NULL);
  return priv->uid;
}
