/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-structure-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-date-chooser.h"
#include "ap-form.h"
#include "ap-roadmap-order.h"
#include "ap-structure-editor.h"

/* "Roadmap Structure": the activities and steps (columns), periods (rows),
 * organizations, stages and initiatives, each added, renamed, reordered and removed
 * with one command, so the window's Ctrl+Z undoes it. Removing one that cards use asks
 * what becomes of those cards.
 *
 * The rows follow the plan's lists, but they are not rebuilt on every command: a row
 * is made once per entity and then updated in place, and only moved when the order
 * changes. So the focus stays in the field (or on the button) the user just used, and
 * a half-typed value in another row survives someone else's command. */

typedef struct
{
  ApEntityKind  kind;
  const char   *page;
  const char   *title;
  const char   *icon;
  const char   *empty;
} KindInfo;

static const KindInfo kinds[] = {
  { AP_ENTITY_ACTIVITY, "columns", N_("Activities"), "view-dual-symbolic", N_("No activities yet") },
  { AP_ENTITY_STEP, "columns", N_("Steps"), "view-dual-symbolic", N_("No steps yet") },
  { AP_ENTITY_PERIOD, "periods", N_("Periods"), "x-office-calendar-symbolic", N_("No periods yet") },
  { AP_ENTITY_ORGANIZATION, "organizations", N_("Organizations"), "system-users-symbolic",
    N_("No organizations yet") },
  { AP_ENTITY_STAGE, "stages", N_("Stages"), "view-list-bullet-symbolic", N_("No stages yet") },
  { AP_ENTITY_INITIATIVE, "initiatives", N_("Initiatives"), "emblem-documents-symbolic",
    N_("No initiatives yet") },
};

/* The widgets of one entity's row. The row owns a reference to its expander, so that
 * the expander survives being taken out of its group and put back at a new place. */
typedef struct
{
  ApEntityKind  kind;
  gint64        id;
  GtkWidget    *expander;
  GtkWidget    *swatch;    /* GtkLabel: the colour of an organization or stage */
  GtkWidget    *up;
  GtkWidget    *down;
  GtkWidget    *remove;
  GtkWidget    *name;      /* AdwEntryRow */
  GtkWidget    *start;     /* AdwEntryRow, periods */
  GtkWidget    *end;
  GtkWidget    *backlog;   /* GtkSwitch */
  GtkWidget    *color;     /* GtkColorButton: organizations, stages */
  GtkWidget    *footnote;  /* GtkSpinButton: organizations */
  GtkWidget    *text;      /* AdwEntryRow: an activity's subtitle, an initiative's notes */
} EntityRow;

struct _ApStructureEditor
{
  AdwPreferencesWindow  parent_instance;

  ApPlan               *plan;
  AdwPreferencesGroup  *groups[G_N_ELEMENTS (kinds)];
  GtkWidget            *placeholders[G_N_ELEMENTS (kinds)];
  GPtrArray            *rows[G_N_ELEMENTS (kinds)];  /* EntityRow, in the shown order */
  guint                 sync_id;
};

G_DEFINE_FINAL_TYPE (ApStructureEditor, ap_structure_editor, ADW_TYPE_PREFERENCES_WINDOW)

static void
entity_row_free (EntityRow *row)
{
  g_clear_object (&row->expander);
  g_free (row);
}

static void
show_error (ApStructureEditor *self,
            const GError      *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

/* The fields of an entity as they are, for a command that changes one of them. */
static void
read_fields (gpointer        item,
             ApEntityFields *f)
{
  *f = (ApEntityFields) { .recorded_incidents = -1 };
  g_object_get (item, "name", &f->name, NULL);
  if (AP_IS_ORGANIZATION (item))
    {
      f->color = ap_organization_get_color (item);
      f->footnote = ap_organization_get_footnote (item);
    }
  else if (AP_IS_STAGE (item))
    f->color = ap_stage_get_color (item);
  else if (AP_IS_ACTIVITY (item))
    f->subtitle = ap_activity_get_subtitle (item);
  else if (AP_IS_STEP (item))
    f->activity_id = ap_step_get_activity_id (item);
  else if (AP_IS_INITIATIVE (item))
    f->notes = ap_initiative_get_notes (item);
  else if (AP_IS_PERIOD (item))
    {
      f->start_date = ap_period_get_start_date (item);
      f->end_date = ap_period_get_end_date (item);
      f->is_backlog = ap_period_get_is_backlog (item);
    }
}

/* The dialog that asks about cards names its entity with these. */
static void
tag (GtkWidget    *widget,
     ApEntityKind  kind,
     gint64        id)
{
  g_object_set_data (G_OBJECT (widget), "ap-kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (widget), "ap-id", g_memdup2 (&id, sizeof id), g_free);
}

static gpointer
lookup_tagged (ApStructureEditor *self,
               GtkWidget         *widget,
               ApEntityKind      *kind)
{
  *kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "ap-kind"));
  return ap_row_list_lookup (ap_roadmap_get_list (self->plan, *kind),
                             *(gint64 *) g_object_get_data (G_OBJECT (widget), "ap-id"));
}

static EntityRow *
row_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "ap-row");
}

static gpointer
lookup_item (ApStructureEditor *self,
             EntityRow         *row)
{
  return ap_row_list_lookup (ap_roadmap_get_list (self->plan, row->kind), row->id);
}

/* Dates. */

/* Marks a field whose value was refused (or clears the mark); the message replaces the
 * row's title while it lasts, so it is read where the user is looking. */
static void
set_field_error (GtkWidget  *field,
                 const char *message)
{
  const char *title = g_object_get_data (G_OBJECT (field), "ap-title");

  if (message != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s — %s", title, message);

      gtk_widget_add_css_class (field, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), text);
    }
  else if (gtk_widget_has_css_class (field, "error"))
    {
      gtk_widget_remove_css_class (field, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), title);
    }
}

/* Checks a typed date before the core sees it: the form, a real day, and the order of
 * the period's two dates. Returns the message for the field, or NULL when it is fine. */
static const char *
check_date (EntityRow  *row,
            GtkWidget  *field,
            const char *text)
{
  GtkWidget *other = field == row->start ? row->end : row->start;
  const char *other_text = gtk_editable_get_text (GTK_EDITABLE (other));
  GDate date, other_date;

  if (*text == '\0')
    return NULL;
  if (!ap_date_parse (text, &date))
    return _("write it as YYYY-MM-DD, e.g. 2021-07-01");
  if (ap_date_parse (other_text, &other_date) && !gtk_widget_has_css_class (other, "error"))
    {
      if (field == row->start && g_date_compare (&date, &other_date) > 0)
        return _("after the end date");
      if (field == row->end && g_date_compare (&date, &other_date) < 0)
        return _("before the start date");
    }
  return NULL;
}

/* Commands. */

/* An edited field: which one is named by the widget's "ap-field". */
static gboolean
apply_field (ApStructureEditor *self,
             GtkWidget         *widget,
             const char        *value)
{
  const char *field = g_object_get_data (G_OBJECT (widget), "ap-field");
  EntityRow *row = row_of (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gpointer item = lookup_item (self, row);
  ApEntityFields f;

  if (item == NULL)
    return FALSE;
  read_fields (item, &f);
  name = (char *) f.name;
  if (g_str_equal (field, "name"))
    f.name = value;
  else if (g_str_equal (field, "color"))
    f.color = value;
  else if (g_str_equal (field, "notes") || g_str_equal (field, "subtitle"))
    f.notes = f.subtitle = value;
  else if (g_str_equal (field, "start"))
    f.start_date = *value != '\0' ? value : NULL;
  else if (g_str_equal (field, "end"))
    f.end_date = *value != '\0' ? value : NULL;
  else if (g_str_equal (field, "backlog"))
    f.is_backlog = *value == '1';
  else if (g_str_equal (field, "footnote"))
    f.footnote = g_ascii_strtoll (value, NULL, 10);
  if (ap_plan_update_entity (self->plan, row->kind, row->id, &f, &error))
    return TRUE;
  show_error (self, error);
  return FALSE;
}

static void
on_entry_apply_cb (AdwEntryRow       *field,
                   ApStructureEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field));
  EntityRow *row = row_of (GTK_WIDGET (field));
  const char *message = NULL;

  if (GTK_WIDGET (field) == row->start || GTK_WIDGET (field) == row->end)
    message = check_date (row, GTK_WIDGET (field), text);
  set_field_error (GTK_WIDGET (field), message);
  if (message != NULL)
    return;
  /* The plan holds what the field shows now: a later change of the plan (an undo) is
   * one the field has not shown yet. */
  if (apply_field (self, GTK_WIDGET (field), text))
    g_object_set_data_full (G_OBJECT (field), "ap-synced", g_strdup (text), g_free);
  else
    gtk_widget_add_css_class (GTK_WIDGET (field), "error");
}

/* A marked field loses its mark as soon as what it holds is acceptable. An empty date
 * field keeps it until Apply: replacing the text empties it on the way. */
static void
on_entry_changed_cb (GtkEditable *field,
                     gpointer     user_data)
{
  EntityRow *row = row_of (GTK_WIDGET (field));
  const char *text = gtk_editable_get_text (field);

  if (!gtk_widget_has_css_class (GTK_WIDGET (field), "error"))
    return;
  if (GTK_WIDGET (field) == row->start || GTK_WIDGET (field) == row->end)
    {
      if (*text != '\0' && check_date (row, GTK_WIDGET (field), text) == NULL)
        set_field_error (GTK_WIDGET (field), NULL);
    }
  else
    set_field_error (GTK_WIDGET (field), NULL);
}

static void
on_color_set_cb (GtkColorButton    *button,
                 ApStructureEditor *self)
{
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = ap_form_rgba_to_hex (&rgba);
  apply_field (self, GTK_WIDGET (button), color);
}

static void
on_backlog_cb (GtkSwitch         *sw,
               GParamSpec        *pspec,
               ApStructureEditor *self)
{
  apply_field (self, GTK_WIDGET (sw), gtk_switch_get_active (sw) ? "1" : "0");
}

static void
on_footnote_changed_cb (GtkSpinButton     *spin,
                        ApStructureEditor *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  apply_field (self, GTK_WIDGET (spin), value);
}

static void
on_move_clicked_cb (GtkButton         *button,
                    ApStructureEditor *self)
{
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ap-delta"));
  EntityRow *row = row_of (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  gpointer item = lookup_item (self, row);
  gint64 position = 0;

  if (item == NULL)
    return;
  g_object_get (item, "position", &position, NULL);
  if (position + delta < 0)
    return;
  if (!ap_plan_reorder_entity (self->plan, row->kind, row->id, position + delta, &error))
    show_error (self, error);
}

static void
on_remove_clicked_cb (GtkButton         *button,
                      ApStructureEditor *self)
{
  EntityRow *row = row_of (GTK_WIDGET (button));

  ap_structure_editor_remove (self, row->kind, row->id);
}

/* A date picked in the calendar is applied like a typed one. */
static void
on_date_chosen_cb (ApDateChooser *chooser,
                   const char    *date,
                   GtkWidget     *field)
{
  gtk_editable_set_text (GTK_EDITABLE (field), date);
  on_entry_apply_cb (ADW_ENTRY_ROW (field), AP_STRUCTURE_EDITOR (gtk_widget_get_root (field)));
}

static void
add_date_chooser (GtkWidget  *field,
                  const char *title)
{
  GtkWidget *chooser = ap_date_chooser_new (title, GTK_EDITABLE (field));

  g_object_set_data (G_OBJECT (field), "ap-chooser", chooser);
  g_signal_connect (chooser, "date-chosen", G_CALLBACK (on_date_chosen_cb), field);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (field), chooser);
}

/* Rows. */

static GtkWidget *
new_button (EntityRow  *row,
            const char *icon,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "ap-row", row);
  return button;
}

static GtkWidget *
new_entry_row (ApStructureEditor *self,
               EntityRow         *row,
               const char        *title,
               const char        *field)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  g_object_set_data (G_OBJECT (entry), "ap-field", (gpointer) field);
  g_object_set_data_full (G_OBJECT (entry), "ap-title", g_strdup (title), g_free);
  g_object_set_data (G_OBJECT (entry), "ap-row", row);
  g_signal_connect (entry, "apply", G_CALLBACK (on_entry_apply_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), entry);
  return entry;
}

static GtkWidget *
new_suffix_row (EntityRow  *row,
                const char *title,
                const char *subtitle,
                GtkWidget  *suffix,
                const char *field)
{
  GtkWidget *action_row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (suffix), "ap-field", (gpointer) field);
  g_object_set_data (G_OBJECT (suffix), "ap-row", row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), suffix);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), action_row);
  return suffix;
}

static void
add_period_rows (ApStructureEditor *self,
                 EntityRow         *row)
{
  row->start = new_entry_row (self, row, _("Start Date"), "start");
  row->end = new_entry_row (self, row, _("End Date"), "end");
  add_date_chooser (row->start, _("Start Date"));
  add_date_chooser (row->end, _("End Date"));
  row->backlog = new_suffix_row (row, _("Backlog"), _("Cards not planned into a period yet"),
                                 gtk_switch_new (), "backlog");
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (gtk_widget_get_ancestor (row->backlog, ADW_TYPE_ACTION_ROW)),
                                         row->backlog);
  g_signal_connect (row->backlog, "notify::active", G_CALLBACK (on_backlog_cb), self);
}

static void
add_detail_rows (ApStructureEditor *self,
                 EntityRow         *row)
{
  switch (row->kind)
    {
    case AP_ENTITY_PERIOD:
      add_period_rows (self, row);
      break;
    case AP_ENTITY_ORGANIZATION:
      row->footnote = new_suffix_row (row, _("Footnote Number"), _("Its chip on the roadmap; 0 for none"),
                                      gtk_spin_button_new_with_range (0, 999, 1), "footnote");
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (row->footnote), TRUE);
      g_signal_connect (row->footnote, "value-changed", G_CALLBACK (on_footnote_changed_cb), self);
      G_GNUC_FALLTHROUGH;
    case AP_ENTITY_STAGE:
      row->color = new_suffix_row (row, _("Colour"), NULL, gtk_color_button_new (), "color");
      g_signal_connect (row->color, "color-set", G_CALLBACK (on_color_set_cb), self);
      break;
    case AP_ENTITY_INITIATIVE:
      row->text = new_entry_row (self, row, _("Notes"), "notes");
      break;
    case AP_ENTITY_ACTIVITY:
      row->text = new_entry_row (self, row, _("Subtitle"), "subtitle");
      break;
    case AP_ENTITY_STEP:
    case AP_ENTITY_CATEGORY:
    case AP_N_ENTITIES:
    default:
      break;
    }
}

static EntityRow *
new_entity_row (ApStructureEditor *self,
                ApEntityKind       kind,
                gint64             id)
{
  EntityRow *row = g_new0 (EntityRow, 1);

  row->kind = kind;
  row->id = id;
  row->expander = g_object_ref_sink (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  /* adw_expander_row_add_action () puts each action before the previous ones. */
  row->remove = new_button (row, "user-trash-symbolic", _("Remove"));
  row->down = new_button (row, "go-down-symbolic", _("Move Down"));
  row->up = new_button (row, "go-up-symbolic", _("Move Up"));
  g_object_set_data (G_OBJECT (row->up), "ap-delta", GINT_TO_POINTER (-1));
  g_object_set_data (G_OBJECT (row->down), "ap-delta", GINT_TO_POINTER (1));
  g_signal_connect (row->up, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  g_signal_connect (row->down, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  g_signal_connect (row->remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), row->remove);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), row->down);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), row->up);
  if (kind == AP_ENTITY_ORGANIZATION || kind == AP_ENTITY_STAGE)
    {
      row->swatch = gtk_label_new (NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->swatch), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour"), -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row->expander), row->swatch);
    }
  row->name = new_entry_row (self, row, _("Name"), "name");
  add_detail_rows (self, row);
  return row;
}

/* Puts the plan's value into an entry, unless the plan did not change since the entry
 * last showed it: then what the user is typing there stays. */
static void
sync_entry (GtkWidget  *entry,
            const char *value)
{
  const char *shown = g_object_get_data (G_OBJECT (entry), "ap-synced");

  if (value == NULL)
    value = "";
  if (shown != NULL && g_str_equal (shown, value))
    return;
  g_object_set_data_full (G_OBJECT (entry), "ap-synced", g_strdup (value), g_free);
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), value))
    gtk_editable_set_text (GTK_EDITABLE (entry), value);
  set_field_error (entry, NULL);
}

static void
sync_color (EntityRow  *row,
            const char *color)
{
  GdkRGBA rgba, shown;
  g_autofree char *markup = NULL;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (row->color), &shown);
  if (!gdk_rgba_equal (&rgba, &shown))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (row->color), &rgba);
  markup = ap_form_swatch_markup (color, "x-large");
  gtk_label_set_markup (GTK_LABEL (row->swatch), markup);
}

static char *
dup_subtitle (ApStructureEditor *self,
              gpointer           item)
{
  if (AP_IS_STEP (item))
    {
      ApActivity *activity = ap_row_list_lookup (ap_plan_get_activities (self->plan),
                                                 ap_step_get_activity_id (item));

      return g_strdup (activity != NULL ? ap_activity_get_name (activity) : NULL);
    }
  if (AP_IS_PERIOD (item) && ap_period_get_start_date (item) != NULL)
    return g_strdup_printf ("%s – %s", ap_period_get_start_date (item),
                            ap_period_get_end_date (item) != NULL ? ap_period_get_end_date (item) : "");
  if (AP_IS_PERIOD (item) && ap_period_get_is_backlog (item))
    return g_strdup (_("Backlog"));
  if (AP_IS_ORGANIZATION (item) && ap_organization_get_footnote (item) > 0)
    return g_strdup_printf (_("Footnote %d"), (int) ap_organization_get_footnote (item));
  return NULL;
}

/* Shows the entity's current values in its row. Signal handlers that would turn the
 * update into a command are blocked while it runs. */
static void
update_entity_row (ApStructureEditor *self,
                   EntityRow         *row,
                   gpointer           item,
                   gboolean           first,
                   gboolean           last)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = dup_subtitle (self, item);

  g_object_get (item, "name", &name, NULL);
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row->expander)), name) != 0)
    {
      g_autofree char *up = g_strdup_printf (_("Move “%s” Up"), name);
      g_autofree char *down = g_strdup_printf (_("Move “%s” Down"), name);
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), name);
      /* Icon buttons in a list of rows say which row they act on. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->up), GTK_ACCESSIBLE_PROPERTY_LABEL, up, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->down), GTK_ACCESSIBLE_PROPERTY_LABEL, down, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
    }
  if (g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row->expander)), subtitle != NULL ? subtitle : "") != 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), subtitle != NULL ? subtitle : "");
  gtk_widget_set_sensitive (row->up, !first);
  gtk_widget_set_sensitive (row->down, !last);
  sync_entry (row->name, name);
  if (AP_IS_PERIOD (item))
    {
      sync_entry (row->start, ap_period_get_start_date (item));
      sync_entry (row->end, ap_period_get_end_date (item));
      /* A calendar opens on the period's other date when its own is not set. */
      ap_date_chooser_set_default (g_object_get_data (G_OBJECT (row->start), "ap-chooser"),
                                   ap_period_get_end_date (item));
      ap_date_chooser_set_default (g_object_get_data (G_OBJECT (row->end), "ap-chooser"),
                                   ap_period_get_start_date (item));
      g_signal_handlers_block_by_func (row->backlog, on_backlog_cb, self);
      gtk_switch_set_active (GTK_SWITCH (row->backlog), ap_period_get_is_backlog (item));
      g_signal_handlers_unblock_by_func (row->backlog, on_backlog_cb, self);
    }
  if (AP_IS_ORGANIZATION (item))
    {
      g_signal_handlers_block_by_func (row->footnote, on_footnote_changed_cb, self);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->footnote), ap_organization_get_footnote (item));
      g_signal_handlers_unblock_by_func (row->footnote, on_footnote_changed_cb, self);
    }
  if (row->color != NULL)
    sync_color (row, AP_IS_ORGANIZATION (item) ? ap_organization_get_color (item) : ap_stage_get_color (item));
  if (AP_IS_INITIATIVE (item))
    sync_entry (row->text, ap_initiative_get_notes (item));
  else if (AP_IS_ACTIVITY (item))
    sync_entry (row->text, ap_activity_get_subtitle (item));
}

static EntityRow *
take_row (GPtrArray *rows,
          gint64     id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      EntityRow *row = g_ptr_array_index (rows, i);

      if (row->id == id)
        return g_ptr_array_steal_index (rows, i);
    }
  return NULL;
}

/* Brings one group in line with its list: rows for new entities, none for removed ones,
 * the order of the list, and every row's values. Rows are only taken out of the group
 * and put back when the order changed. */
static void
sync_group (ApStructureEditor *self,
            guint              k)
{
  g_autoptr(GPtrArray) items = ap_roadmap_dup_sorted (self->plan, kinds[k].kind);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->rows[k]);
  gboolean same_order = old->len == items->len;

  self->rows[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) entity_row_free);
  for (guint i = 0; i < items->len && same_order; i++)
    same_order = ((EntityRow *) g_ptr_array_index (old, i))->id == ap_object_get_id (g_ptr_array_index (items, i));
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      EntityRow *row = take_row (old, ap_object_get_id (item));

      if (row == NULL)
        row = new_entity_row (self, kinds[k].kind, ap_object_get_id (item));
      else if (!same_order)
        adw_preferences_group_remove (self->groups[k], row->expander);
      g_ptr_array_add (self->rows[k], row);
      update_entity_row (self, row, item, i == 0, i + 1 == items->len);
    }
  /* What is left in @old was removed from the plan. */
  for (guint i = 0; i < old->len; i++)
    adw_preferences_group_remove (self->groups[k], ((EntityRow *) g_ptr_array_index (old, i))->expander);
  for (guint i = 0; i < self->rows[k]->len; i++)
    {
      EntityRow *row = g_ptr_array_index (self->rows[k], i);

      if (gtk_widget_get_parent (row->expander) == NULL)
        adw_preferences_group_add (self->groups[k], row->expander);
    }
  gtk_widget_set_visible (self->placeholders[k], items->len == 0);
}

/* Moving rows takes the focus away from whatever was inside them; it goes back to the
 * same field or button, or to its row if that button can no longer be used (Move Up on
 * the row that became the first). */
static void
sync_groups (ApStructureEditor *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *expander = NULL;

  if (focus != NULL)
    {
      g_object_ref (focus);
      expander = gtk_widget_get_ancestor (focus, ADW_TYPE_EXPANDER_ROW);
      if (expander != NULL)
        g_object_ref (expander);
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    sync_group (self, k);
  /* GTK moves the focus away from a removed widget only at the next frame, even when the
   * widget is back by then; grabbing it again, although it may still hold the focus,
   * cancels that. */
  if (focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (self))
    {
      gboolean done = FALSE;

      if (GTK_IS_TEXT (focus))
        done = gtk_text_grab_focus_without_selecting (GTK_TEXT (focus));
      else if (gtk_widget_is_sensitive (focus))
        done = gtk_widget_grab_focus (focus);
      if (!done && expander != NULL)
        gtk_widget_grab_focus (expander);
    }
  g_clear_object (&expander);
  g_clear_object (&focus);
}

static gboolean
sync_cb (gpointer user_data)
{
  ApStructureEditor *self = user_data;

  self->sync_id = 0;
  sync_groups (self);
  return G_SOURCE_REMOVE;
}

/* A command may change several lists (removing an activity removes its steps); the
 * rows catch up once, after it. */
static void
on_list_changed_cb (GListModel        *list,
                    guint              position,
                    guint              removed,
                    guint              added,
                    ApStructureEditor *self)
{
  if (self->sync_id == 0)
    self->sync_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_cb, self, NULL);
}

/* Adding and removing. */

static void
on_add_clicked_cb (GtkButton         *button,
                   ApStructureEditor *self)
{
  ApEntityKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ap-kind"));
  g_autoptr(GPtrArray) activities = ap_roadmap_dup_sorted (self->plan, AP_ENTITY_ACTIVITY);
  g_autoptr(GError) error = NULL;
  ApEntityFields f = { .recorded_incidents = -1 };

  f.name = kind == AP_ENTITY_PERIOD ? _("New Period") : kind == AP_ENTITY_STEP ? _("New Step")
           : kind == AP_ENTITY_ACTIVITY ? _("New Activity") : kind == AP_ENTITY_STAGE ? _("New Stage")
           : kind == AP_ENTITY_ORGANIZATION ? _("New Organization") : _("New Initiative");
  if (kind == AP_ENTITY_ORGANIZATION || kind == AP_ENTITY_STAGE)
    f.color = "#3584e4";
  /* A new step goes into the last activity: the rightmost column. */
  if (kind == AP_ENTITY_STEP && activities->len > 0)
    f.activity_id = ap_object_get_id (g_ptr_array_index (activities, activities->len - 1));
  if (ap_plan_add_entity (self->plan, kind, &f, G_MAXUINT, &error) <= 0)
    show_error (self, error);
}

static void
on_remove_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       ApStructureEditor *self)
{
  ApEntityKind kind;
  gpointer item = lookup_tagged (self, GTK_WIDGET (dialog), &kind);
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *others = g_object_get_data (G_OBJECT (dialog), "ap-others");
  guint selected = drop_down != NULL ? gtk_drop_down_get_selected (drop_down) : GTK_INVALID_LIST_POSITION;

  if (item == NULL || g_str_equal (response, "cancel"))
    return;
  if (g_str_equal (response, "move") && selected < others->len)
    ap_structure_editor_remove_with (self, kind, ap_object_get_id (item),
                                     ap_object_get_id (g_ptr_array_index (others, selected)));
  else if (g_str_equal (response, "release"))
    ap_structure_editor_remove_with (self, kind, ap_object_get_id (item), 0);
}

static AdwMessageDialog *
ask_about_cards (ApStructureEditor *self,
                 ApEntityKind       kind,
                 gpointer           item,
                 guint              uses)
{
  g_autoptr(GPtrArray) all = ap_roadmap_dup_sorted (self->plan, kind);
  GPtrArray *others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean holds_cards = kind == AP_ENTITY_PERIOD || kind == AP_ENTITY_STEP || kind == AP_ENTITY_ACTIVITY;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;

  g_object_get (item, "name", &name, NULL);
  for (guint i = 0; i < all->len; i++)
    if (g_ptr_array_index (all, i) != item)
      {
        g_autofree char *other = NULL;

        g_object_get (g_ptr_array_index (all, i), "name", &other, NULL);
        gtk_string_list_append (names, other);
        g_ptr_array_add (others, g_object_ref (g_ptr_array_index (all, i)));
      }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), name);
  adw_message_dialog_format_body (dialog, ngettext ("%u card uses it. Move its card to another one, or %s.",
                                                    "%u cards use it. Move its cards to another one, or %s.", uses),
                                  uses, holds_cards ? _("delete the cards with it") : _("remove it from the cards"));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "release", holds_cards ? _("_Delete the Cards") : _("_Remove from the Cards"));
  adw_message_dialog_set_response_appearance (dialog, "release", ADW_RESPONSE_DESTRUCTIVE);
  /* An activity's cards cannot move with it (the core refuses); they go or stay. */
  if (others->len > 0 && kind != AP_ENTITY_ACTIVITY)
    {
      adw_message_dialog_add_response (dialog, "move", _("_Move"));
      adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "move");
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Move the cards to"), -1);
      adw_message_dialog_set_extra_child (dialog, drop_down);
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  tag (GTK_WIDGET (dialog), kind, ap_object_get_id (item));
  g_object_set_data_full (G_OBJECT (dialog), "ap-others", others, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Set-up. */

static void
ap_structure_editor_dispose (GObject *object)
{
  ApStructureEditor *self = AP_STRUCTURE_EDITOR (object);

  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->plan != NULL)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      g_signal_handlers_disconnect_by_func (ap_roadmap_get_list (self->plan, kinds[k].kind), on_list_changed_cb, self);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_clear_pointer (&self->rows[k], g_ptr_array_unref);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (ap_structure_editor_parent_class)->dispose (object);
}

static void
ap_structure_editor_class_init (ApStructureEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ap_structure_editor_dispose;
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Add one with the + button above"));
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static void
ap_structure_editor_init (ApStructureEditor *self)
{
  AdwPreferencesPage *page = NULL;
  const char *page_name = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("Roadmap Structure"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_autofree char *add_label = g_strdup_printf (_("Add to %s"), _(kinds[k].title));

      if (g_strcmp0 (page_name, kinds[k].page) != 0)
        {
          page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
          adw_preferences_page_set_name (page, kinds[k].page);
          adw_preferences_page_set_title (page, k <= 1 ? _("Activities & Steps") : _(kinds[k].title));
          adw_preferences_page_set_icon_name (page, kinds[k].icon);
          adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
          page_name = kinds[k].page;
        }
      self->groups[k] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      self->rows[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) entity_row_free);
      adw_preferences_group_set_title (self->groups[k], _(kinds[k].title));
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_tooltip_text (add, add_label);
      g_object_set_data (G_OBJECT (add), "ap-kind", GUINT_TO_POINTER (kinds[k].kind));
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), self);
      adw_preferences_group_set_header_suffix (self->groups[k], add);
      self->placeholders[k] = new_placeholder (_(kinds[k].empty));
      adw_preferences_group_add (self->groups[k], self->placeholders[k]);
      adw_preferences_page_add (page, self->groups[k]);
    }
}

/* Public API. */

ApStructureEditor *
ap_structure_editor_new (GtkWindow *parent,
                         ApPlan    *plan)
{
  ApStructureEditor *self;

  g_return_val_if_fail (AP_IS_PLAN (plan), NULL);

  self = g_object_new (AP_TYPE_STRUCTURE_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_signal_connect (ap_roadmap_get_list (plan, kinds[k].kind), "items-changed", G_CALLBACK (on_list_changed_cb), self);
  sync_groups (self);
  return self;
}

/**
 * ap_structure_editor_remove:
 *
 * Removes an entity; if cards use it, asks first what becomes of them.
 *
 * Returns: (transfer none) (nullable): the dialog that asks, or %NULL when the entity
 *   was removed (or could not be) at once
 */
AdwMessageDialog *
ap_structure_editor_remove (ApStructureEditor *self,
                            ApEntityKind       kind,
                            gint64             id)
{
  gpointer item;
  guint uses;

  g_return_val_if_fail (AP_IS_STRUCTURE_EDITOR (self), NULL);

  item = ap_row_list_lookup (ap_roadmap_get_list (self->plan, kind), id);
  if (item == NULL)
    return NULL;
  uses = ap_plan_count_entity_uses (self->plan, kind, id);
  if (uses > 0)
    return ask_about_cards (self, kind, item, uses);
  ap_structure_editor_remove_with (self, kind, id, 0);
  return NULL;
}

/**
 * ap_structure_editor_remove_with:
 * @replacement_id: where its cards go (or what they refer to instead), or 0
 *
 * Removes an entity with one command; a refusal is shown as a toast.
 *
 * Returns: whether it was removed
 */
gboolean
ap_structure_editor_remove_with (ApStructureEditor *self,
                                 ApEntityKind       kind,
                                 gint64             id,
                                 gint64             replacement_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (AP_IS_STRUCTURE_EDITOR (self), FALSE);

  if (ap_plan_remove_entity (self->plan, kind, id, replacement_id, &error))
    return TRUE;
  show_error (self, error);
  return FALSE;
}

/**
 * ap_structure_editor_get_field:
 * @field: "name", "start", "end", "backlog", "color", "footnote", "notes" or "subtitle"
 *
 * Returns: (transfer none) (nullable): the widget that edits one field of an entity
 */
GtkWidget *
ap_structure_editor_get_field (ApStructureEditor *self,
                               ApEntityKind       kind,
                               gint64             id,
                               const char        *field)
{
  g_return_val_if_fail (AP_IS_STRUCTURE_EDITOR (self), NULL);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; kinds[k].kind == kind && i < self->rows[k]->len; i++)
      {
        EntityRow *row = g_ptr_array_index (self->rows[k], i);
        GtkWidget *fields[] = { row->name, row->start, row->end, row->backlog, row->color,
                                row->footnote, row->text };

        if (row->id != id)
          continue;
        for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
          if (fields[f] != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (fields[f]), "ap-field"), field) == 0)
            return fields[f];
      }
  return NULL;
}
