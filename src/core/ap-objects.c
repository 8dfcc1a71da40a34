/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-objects"

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "ap-objects.h"

/* Each class lists its columns once; ApObject turns the list into properties, the
 * SELECT that loads a row and change notification. */

struct _ApOrganization
{
  ApObject parent_instance;

  char    *name;
  char    *color;
  gint64   footnote;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApOrganization, ap_organization, AP_TYPE_OBJECT)

static const ApField organization_fields[] = {
  { "name", "name", AP_FIELD_STRING, offsetof (ApOrganization, name), 0 },
  { "color", "color", AP_FIELD_STRING, offsetof (ApOrganization, color), 0 },
  { "footnote", "footnote", AP_FIELD_INT64, offsetof (ApOrganization, footnote), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApOrganization, position), 0 },
};

static void
ap_organization_class_init (ApOrganizationClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "organization",
                                  organization_fields, G_N_ELEMENTS (organization_fields));
}

static void
ap_organization_init (ApOrganization *self)
{
}

const char *
ap_organization_get_name (ApOrganization *self)
{
  g_return_val_if_fail (AP_IS_ORGANIZATION (self), NULL);
  return self->name;
}

const char *
ap_organization_get_color (ApOrganization *self)
{
  g_return_val_if_fail (AP_IS_ORGANIZATION (self), NULL);
  return self->color;
}

gint64
ap_organization_get_footnote (ApOrganization *self)
{
  g_return_val_if_fail (AP_IS_ORGANIZATION (self), 0);
  return self->footnote;
}

gint64
ap_organization_get_position (ApOrganization *self)
{
  g_return_val_if_fail (AP_IS_ORGANIZATION (self), 0);
  return self->position;
}

struct _ApActivity
{
  ApObject parent_instance;

  char    *name;
  char    *subtitle;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApActivity, ap_activity, AP_TYPE_OBJECT)

static const ApField activity_fields[] = {
  { "name", "name", AP_FIELD_STRING, offsetof (ApActivity, name), 0 },
  { "subtitle", "subtitle", AP_FIELD_STRING, offsetof (ApActivity, subtitle), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApActivity, position), 0 },
};

static void
ap_activity_class_init (ApActivityClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "activity",
                                  activity_fields, G_N_ELEMENTS (activity_fields));
}

static void
ap_activity_init (ApActivity *self)
{
}

const char *
ap_activity_get_name (ApActivity *self)
{
  g_return_val_if_fail (AP_IS_ACTIVITY (self), NULL);
  return self->name;
}

const char *
ap_activity_get_subtitle (ApActivity *self)
{
  g_return_val_if_fail (AP_IS_ACTIVITY (self), NULL);
  return self->subtitle;
}

gint64
ap_activity_get_position (ApActivity *self)
{
  g_return_val_if_fail (AP_IS_ACTIVITY (self), 0);
  return self->position;
}

struct _ApStep
{
  ApObject parent_instance;

  gint64   activity_id;
  char    *name;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApStep, ap_step, AP_TYPE_OBJECT)

static const ApField step_fields[] = {
  { "activity-id", "activity_id", AP_FIELD_INT64, offsetof (ApStep, activity_id), 0 },
  { "name", "name", AP_FIELD_STRING, offsetof (ApStep, name), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApStep, position), 0 },
};

static void
ap_step_class_init (ApStepClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "step",
                                  step_fields, G_N_ELEMENTS (step_fields));
}

static void
ap_step_init (ApStep *self)
{
}

gint64
ap_step_get_activity_id (ApStep *self)
{
  g_return_val_if_fail (AP_IS_STEP (self), 0);
  return self->activity_id;
}

const char *
ap_step_get_name (ApStep *self)
{
  g_return_val_if_fail (AP_IS_STEP (self), NULL);
  return self->name;
}

gint64
ap_step_get_position (ApStep *self)
{
  g_return_val_if_fail (AP_IS_STEP (self), 0);
  return self->position;
}

struct _ApPeriod
{
  ApObject parent_instance;

  char    *name;
  char    *start_date;
  char    *end_date;
  gboolean is_backlog;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApPeriod, ap_period, AP_TYPE_OBJECT)

static const ApField period_fields[] = {
  { "name", "name", AP_FIELD_STRING, offsetof (ApPeriod, name), 0 },
  { "start-date", "start_date", AP_FIELD_STRING, offsetof (ApPeriod, start_date), 0 },
  { "end-date", "end_date", AP_FIELD_STRING, offsetof (ApPeriod, end_date), 0 },
  { "is-backlog", "is_backlog", AP_FIELD_BOOLEAN, offsetof (ApPeriod, is_backlog), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApPeriod, position), 0 },
};

static void
ap_period_class_init (ApPeriodClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "period",
                                  period_fields, G_N_ELEMENTS (period_fields));
}

static void
ap_period_init (ApPeriod *self)
{
}

const char *
ap_period_get_name (ApPeriod *self)
{
  g_return_val_if_fail (AP_IS_PERIOD (self), NULL);
  return self->name;
}

const char *
ap_period_get_start_date (ApPeriod *self)
{
  g_return_val_if_fail (AP_IS_PERIOD (self), NULL);
  return self->start_date;
}

const char *
ap_period_get_end_date (ApPeriod *self)
{
  g_return_val_if_fail (AP_IS_PERIOD (self), NULL);
  return self->end_date;
}

gboolean
ap_period_get_is_backlog (ApPeriod *self)
{
  g_return_val_if_fail (AP_IS_PERIOD (self), FALSE);
  return self->is_backlog;
}

gint64
ap_period_get_position (ApPeriod *self)
{
  g_return_val_if_fail (AP_IS_PERIOD (self), 0);
  return self->position;
}

struct _ApStage
{
  ApObject parent_instance;

  char    *name;
  char    *color;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApStage, ap_stage, AP_TYPE_OBJECT)

static const ApField stage_fields[] = {
  { "name", "name", AP_FIELD_STRING, offsetof (ApStage, name), 0 },
  { "color", "color", AP_FIELD_STRING, offsetof (ApStage, color), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApStage, position), 0 },
};

static void
ap_stage_class_init (ApStageClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "stage",
                                  stage_fields, G_N_ELEMENTS (stage_fields));
}

static void
ap_stage_init (ApStage *self)
{
}

const char *
ap_stage_get_name (ApStage *self)
{
  g_return_val_if_fail (AP_IS_STAGE (self), NULL);
  return self->name;
}

const char *
ap_stage_get_color (ApStage *self)
{
  g_return_val_if_fail (AP_IS_STAGE (self), NULL);
  return self->color;
}

gint64
ap_stage_get_position (ApStage *self)
{
  g_return_val_if_fail (AP_IS_STAGE (self), 0);
  return self->position;
}

struct _ApInitiative
{
  ApObject parent_instance;

  char    *name;
  char    *notes;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApInitiative, ap_initiative, AP_TYPE_OBJECT)

static const ApField initiative_fields[] = {
  { "name", "name", AP_FIELD_STRING, offsetof (ApInitiative, name), 0 },
  { "notes", "notes", AP_FIELD_STRING, offsetof (ApInitiative, notes), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApInitiative, position), 0 },
};

static void
ap_initiative_class_init (ApInitiativeClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "initiative",
                                  initiative_fields, G_N_ELEMENTS (initiative_fields));
}

static void
ap_initiative_init (ApInitiative *self)
{
}

const char *
ap_initiative_get_name (ApInitiative *self)
{
  g_return_val_if_fail (AP_IS_INITIATIVE (self), NULL);
  return self->name;
}

const char *
ap_initiative_get_notes (ApInitiative *self)
{
  g_return_val_if_fail (AP_IS_INITIATIVE (self), NULL);
  return self->notes;
}

gint64
ap_initiative_get_position (ApInitiative *self)
{
  g_return_val_if_fail (AP_IS_INITIATIVE (self), 0);
  return self->position;
}

struct _ApCard
{
  ApObject parent_instance;

  char    *title;
  gint64   stage_id;
  char    *stage_text;
  gint64   step_id;
  gint64   period_id;
  gint64   position;
  char    *notes;
  gint64   initiative_id;

  GArray  *links[AP_CARD_N_LINKS];
};

G_DEFINE_FINAL_TYPE (ApCard, ap_card, AP_TYPE_OBJECT)

static const ApField card_fields[] = {
  { "title", "title", AP_FIELD_STRING, offsetof (ApCard, title), 0 },
  { "stage-id", "stage_id", AP_FIELD_INT64, offsetof (ApCard, stage_id), 0 },
  { "stage-text", "stage_text", AP_FIELD_STRING, offsetof (ApCard, stage_text), 0 },
  { "step-id", "step_id", AP_FIELD_INT64, offsetof (ApCard, step_id), 0 },
  { "period-id", "period_id", AP_FIELD_INT64, offsetof (ApCard, period_id), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApCard, position), 0 },
  { "notes", "notes", AP_FIELD_STRING, offsetof (ApCard, notes), 0 },
  { "initiative-id", "initiative_id", AP_FIELD_INT64, offsetof (ApCard, initiative_id), 0 },
};

enum {
  CARD_LINKS_CHANGED,
  N_CARD_SIGNALS
};

static guint card_signals[N_CARD_SIGNALS];

static void
ap_card_dispose (GObject *object)
{
  ApCard *self = AP_CARD (object);

  for (guint i = 0; i < AP_CARD_N_LINKS; i++)
    g_clear_pointer (&self->links[i], g_array_unref);

  G_OBJECT_CLASS (ap_card_parent_class)->dispose (object);
}

static void
ap_card_class_init (ApCardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ap_card_dispose;
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "card",
                                  card_fields, G_N_ELEMENTS (card_fields));

  /**
   * ApCard::links-changed:
   * @link: the ApCardLink that changed
   *
   * Emitted when the card's organizations, categories, incidents or dependencies change.
   */
  card_signals[CARD_LINKS_CHANGED] =
    g_signal_new ("links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
ap_card_init (ApCard *self)
{
  for (guint i = 0; i < AP_CARD_N_LINKS; i++)
    self->links[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
}

const char *
ap_card_get_title (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), NULL);
  return self->title;
}

gint64
ap_card_get_stage_id (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), 0);
  return self->stage_id;
}

const char *
ap_card_get_stage_text (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), NULL);
  return self->stage_text;
}

gint64
ap_card_get_step_id (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), 0);
  return self->step_id;
}

gint64
ap_card_get_period_id (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), 0);
  return self->period_id;
}

gint64
ap_card_get_position (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), 0);
  return self->position;
}

const char *
ap_card_get_notes (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), NULL);
  return self->notes;
}

gint64
ap_card_get_initiative_id (ApCard *self)
{
  g_return_val_if_fail (AP_IS_CARD (self), 0);
  return self->initiative_id;
}

struct _ApCategory
{
  ApObject parent_instance;

  char    *name;
  char    *status;
  char    *notes;
  char    *color;
  gint64   recorded_incidents;
  gint64   position;
};

G_DEFINE_FINAL_TYPE (ApCategory, ap_category, AP_TYPE_OBJECT)

static const ApField category_fields[] = {
  { "name", "name", AP_FIELD_STRING, offsetof (ApCategory, name), 0 },
  { "status", "status", AP_FIELD_STRING, offsetof (ApCategory, status), 0 },
  { "notes", "notes", AP_FIELD_STRING, offsetof (ApCategory, notes), 0 },
  { "color", "color", AP_FIELD_STRING, offsetof (ApCategory, color), 0 },
  { "recorded-incidents", "recorded_incidents", AP_FIELD_INT64, offsetof (ApCategory, recorded_incidents), -1 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApCategory, position), 0 },
};

static void
ap_category_class_init (ApCategoryClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "pain_category",
                                  category_fields, G_N_ELEMENTS (category_fields));
}

static void
ap_category_init (ApCategory *self)
{
  self->recorded_incidents = -1;
}

const char *
ap_category_get_name (ApCategory *self)
{
  g_return_val_if_fail (AP_IS_CATEGORY (self), NULL);
  return self->name;
}

const char *
ap_category_get_status (ApCategory *self)
{
  g_return_val_if_fail (AP_IS_CATEGORY (self), NULL);
  return self->status;
}

const char *
ap_category_get_notes (ApCategory *self)
{
  g_return_val_if_fail (AP_IS_CATEGORY (self), NULL);
  return self->notes;
}

const char *
ap_category_get_color (ApCategory *self)
{
  g_return_val_if_fail (AP_IS_CATEGORY (self), NULL);
  return self->color;
}

gint64
ap_category_get_recorded_incidents (ApCategory *self)
{
  g_return_val_if_fail (AP_IS_CATEGORY (self), 0);
  return self->recorded_incidents;
}

gint64
ap_category_get_position (ApCategory *self)
{
  g_return_val_if_fail (AP_IS_CATEGORY (self), 0);
  return self->position;
}

struct _ApIncident
{
  ApObject parent_instance;

  gint64   category_id;
  char    *title;
  char    *description;
  gint64   occurrences;
  char    *status;
  gint64   position;
  gint64   n_anecdotes;
  char    *last_seen;
  char    *tickets;
};

G_DEFINE_FINAL_TYPE (ApIncident, ap_incident, AP_TYPE_OBJECT)

static const ApField incident_fields[] = {
  { "category-id", "category_id", AP_FIELD_INT64, offsetof (ApIncident, category_id), 0 },
  { "title", "title", AP_FIELD_STRING, offsetof (ApIncident, title), 0 },
  { "description", "description", AP_FIELD_STRING, offsetof (ApIncident, description), 0 },
  { "occurrences", "occurrences", AP_FIELD_INT64, offsetof (ApIncident, occurrences), -1 },
  { "status", "status", AP_FIELD_STRING, offsetof (ApIncident, status), 0 },
  { "position", "position", AP_FIELD_INT64, offsetof (ApIncident, position), 0 },
  { "n-anecdotes", "(SELECT count(*) FROM anecdote a WHERE a.incident_id = incident.id)", AP_FIELD_INT64, offsetof (ApIncident, n_anecdotes), 0 },
  { "last-seen", "(SELECT max(a.date) FROM anecdote a WHERE a.incident_id = incident.id)", AP_FIELD_STRING, offsetof (ApIncident, last_seen), 0 },
  { "tickets", "(SELECT group_concat(key, ', ') FROM (SELECT t.key FROM ticket t WHERE t.incident_id = incident.id ORDER BY t.position))", AP_FIELD_STRING, offsetof (ApIncident, tickets), 0 },
};

static void
ap_incident_class_init (ApIncidentClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "incident",
                                  incident_fields, G_N_ELEMENTS (incident_fields));
}

static void
ap_incident_init (ApIncident *self)
{
  self->occurrences = -1;
}

gint64
ap_incident_get_category_id (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), 0);
  return self->category_id;
}

const char *
ap_incident_get_title (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), NULL);
  return self->title;
}

const char *
ap_incident_get_description (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), NULL);
  return self->description;
}

gint64
ap_incident_get_occurrences (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), 0);
  return self->occurrences;
}

const char *
ap_incident_get_status (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), NULL);
  return self->status;
}

gint64
ap_incident_get_position (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), 0);
  return self->position;
}

gint64
ap_incident_get_n_anecdotes (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), 0);
  return self->n_anecdotes;
}

const char *
ap_incident_get_last_seen (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), NULL);
  return self->last_seen;
}

const char *
ap_incident_get_tickets (ApIncident *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT (self), NULL);
  return self->tickets;
}

struct _ApHistoryEntry
{
  ApObject parent_instance;

  char    *date;
  char    *kind;
  gint64   card_id;
  char    *subject;
  gint64   from_period_id;
  gint64   to_period_id;
  gint64   from_step_id;
  gint64   to_step_id;
  char    *text;
};

G_DEFINE_FINAL_TYPE (ApHistoryEntry, ap_history_entry, AP_TYPE_OBJECT)

static const ApField history_entry_fields[] = {
  { "date", "date", AP_FIELD_STRING, offsetof (ApHistoryEntry, date), 0 },
  { "kind", "kind", AP_FIELD_STRING, offsetof (ApHistoryEntry, kind), 0 },
  { "card-id", "card_id", AP_FIELD_INT64, offsetof (ApHistoryEntry, card_id), 0 },
  { "subject", "subject", AP_FIELD_STRING, offsetof (ApHistoryEntry, subject), 0 },
  { "from-period-id", "from_period_id", AP_FIELD_INT64, offsetof (ApHistoryEntry, from_period_id), 0 },
  { "to-period-id", "to_period_id", AP_FIELD_INT64, offsetof (ApHistoryEntry, to_period_id), 0 },
  { "from-step-id", "from_step_id", AP_FIELD_INT64, offsetof (ApHistoryEntry, from_step_id), 0 },
  { "to-step-id", "to_step_id", AP_FIELD_INT64, offsetof (ApHistoryEntry, to_step_id), 0 },
  { "text", "text", AP_FIELD_STRING, offsetof (ApHistoryEntry, text), 0 },
};

static void
ap_history_entry_class_init (ApHistoryEntryClass *klass)
{
  ap_object_class_install_fields (AP_OBJECT_CLASS (klass), "history",
                                  history_entry_fields, G_N_ELEMENTS (history_entry_fields));
}

static void
ap_history_entry_init (ApHistoryEntry *self)
{
}

const char *
ap_history_entry_get_date (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), NULL);
  return self->date;
}

const char *
ap_history_entry_get_kind (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), NULL);
  return self->kind;
}

gint64
ap_history_entry_get_card_id (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), 0);
  return self->card_id;
}

const char *
ap_history_entry_get_subject (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), NULL);
  return self->subject;
}

gint64
ap_history_entry_get_from_period_id (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), 0);
  return self->from_period_id;
}

gint64
ap_history_entry_get_to_period_id (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), 0);
  return self->to_period_id;
}

gint64
ap_history_entry_get_from_step_id (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), 0);
  return self->from_step_id;
}

gint64
ap_history_entry_get_to_step_id (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), 0);
  return self->to_step_id;
}

const char *
ap_history_entry_get_text (ApHistoryEntry *self)
{
  g_return_val_if_fail (AP_IS_HISTORY_ENTRY (self), NULL);
  return self->text;
}

const gint64 *
ap_card_get_links (ApCard     *self,
                   ApCardLink  link,
                   guint      *n_ids)
{
  g_return_val_if_fail (AP_IS_CARD (self), NULL);
  g_return_val_if_fail (link < AP_CARD_N_LINKS, NULL);

  *n_ids = self->links[link]->len;
  return (const gint64 *) (gpointer) self->links[link]->data;
}

gboolean
ap_card_has_link (ApCard     *self,
                  ApCardLink  link,
                  gint64      id)
{
  GArray *ids;

  g_return_val_if_fail (AP_IS_CARD (self), FALSE);
  g_return_val_if_fail (link < AP_CARD_N_LINKS, FALSE);

  ids = self->links[link];
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* For the plan: replaces one list of links, emitting ::links-changed if it differs. */
void
ap_card_set_links (ApCard       *self,
                   ApCardLink    link,
                   const gint64 *ids,
                   guint         n_ids)
{
  GArray *current;

  g_return_if_fail (AP_IS_CARD (self));
  g_return_if_fail (link < AP_CARD_N_LINKS);

  current = self->links[link];
  if (current->len == n_ids &&
      (n_ids == 0 || memcmp (current->data, ids, n_ids * sizeof (gint64)) == 0))
    return;
  g_array_set_size (current, 0);
  g_array_append_vals (current, ids, n_ids);
  g_signal_emit (self, card_signals[CARD_LINKS_CHANGED], 0, (int) link);
}
