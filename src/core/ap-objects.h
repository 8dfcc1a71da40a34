/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-object.h"

G_BEGIN_DECLS

/* The plan's objects: read-only mirrors of rows, kept up to date by ApPlan.
 * Integer references are row ids, 0 for none; counts that may be unknown are -1. */

#define AP_TYPE_ORGANIZATION (ap_organization_get_type ())
G_DECLARE_FINAL_TYPE (ApOrganization, ap_organization, AP, ORGANIZATION, ApObject)

const char *ap_organization_get_name (ApOrganization *self);
const char *ap_organization_get_color (ApOrganization *self);
gint64      ap_organization_get_footnote (ApOrganization *self);
gint64      ap_organization_get_position (ApOrganization *self);

#define AP_TYPE_ACTIVITY (ap_activity_get_type ())
G_DECLARE_FINAL_TYPE (ApActivity, ap_activity, AP, ACTIVITY, ApObject)

const char *ap_activity_get_name (ApActivity *self);
const char *ap_activity_get_subtitle (ApActivity *self);
gint64      ap_activity_get_position (ApActivity *self);

#define AP_TYPE_STEP (ap_step_get_type ())
G_DECLARE_FINAL_TYPE (ApStep, ap_step, AP, STEP, ApObject)

gint64      ap_step_get_activity_id (ApStep *self);
const char *ap_step_get_name (ApStep *self);
gint64      ap_step_get_position (ApStep *self);

#define AP_TYPE_PERIOD (ap_period_get_type ())
G_DECLARE_FINAL_TYPE (ApPeriod, ap_period, AP, PERIOD, ApObject)

const char *ap_period_get_name (ApPeriod *self);
const char *ap_period_get_start_date (ApPeriod *self);
const char *ap_period_get_end_date (ApPeriod *self);
gboolean    ap_period_get_is_backlog (ApPeriod *self);
gint64      ap_period_get_position (ApPeriod *self);

#define AP_TYPE_STAGE (ap_stage_get_type ())
G_DECLARE_FINAL_TYPE (ApStage, ap_stage, AP, STAGE, ApObject)

const char *ap_stage_get_name (ApStage *self);
const char *ap_stage_get_color (ApStage *self);
gint64      ap_stage_get_position (ApStage *self);

#define AP_TYPE_INITIATIVE (ap_initiative_get_type ())
G_DECLARE_FINAL_TYPE (ApInitiative, ap_initiative, AP, INITIATIVE, ApObject)

const char *ap_initiative_get_name (ApInitiative *self);
const char *ap_initiative_get_notes (ApInitiative *self);
gint64      ap_initiative_get_position (ApInitiative *self);

#define AP_TYPE_CARD (ap_card_get_type ())
G_DECLARE_FINAL_TYPE (ApCard, ap_card, AP, CARD, ApObject)

const char *ap_card_get_title (ApCard *self);
gint64      ap_card_get_stage_id (ApCard *self);
const char *ap_card_get_stage_text (ApCard *self);
gint64      ap_card_get_step_id (ApCard *self);
gint64      ap_card_get_period_id (ApCard *self);
gint64      ap_card_get_position (ApCard *self);
const char *ap_card_get_notes (ApCard *self);
gint64      ap_card_get_initiative_id (ApCard *self);

/* A card's links to other rows, each list in the user's order. */
typedef enum
{
  AP_CARD_LINK_ORGANIZATIONS,
  AP_CARD_LINK_CATEGORIES,
  AP_CARD_LINK_INCIDENTS,
  AP_CARD_LINK_DEPENDENCIES,
  AP_CARD_N_LINKS
} ApCardLink;

const gint64 *ap_card_get_links (ApCard       *self,
                                 ApCardLink    link,
                                 guint        *n_ids);
gboolean      ap_card_has_link  (ApCard       *self,
                                 ApCardLink    link,
                                 gint64        id);
void          ap_card_set_links (ApCard       *self,
                                 ApCardLink    link,
                                 const gint64 *ids,
                                 guint         n_ids);

#define AP_TYPE_CATEGORY (ap_category_get_type ())
G_DECLARE_FINAL_TYPE (ApCategory, ap_category, AP, CATEGORY, ApObject)

const char *ap_category_get_name (ApCategory *self);
const char *ap_category_get_status (ApCategory *self);
const char *ap_category_get_notes (ApCategory *self);
const char *ap_category_get_color (ApCategory *self);
gint64      ap_category_get_recorded_incidents (ApCategory *self);
gint64      ap_category_get_position (ApCategory *self);

#define AP_TYPE_INCIDENT (ap_incident_get_type ())
G_DECLARE_FINAL_TYPE (ApIncident, ap_incident, AP, INCIDENT, ApObject)

gint64      ap_incident_get_category_id (ApIncident *self);
const char *ap_incident_get_title (ApIncident *self);
const char *ap_incident_get_description (ApIncident *self);
gint64      ap_incident_get_occurrences (ApIncident *self);
const char *ap_incident_get_status (ApIncident *self);
gint64      ap_incident_get_position (ApIncident *self);
gint64      ap_incident_get_n_anecdotes (ApIncident *self);
const char *ap_incident_get_last_seen (ApIncident *self);
const char *ap_incident_get_tickets (ApIncident *self);

#define AP_TYPE_HISTORY_ENTRY (ap_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (ApHistoryEntry, ap_history_entry, AP, HISTORY_ENTRY, ApObject)

const char *ap_history_entry_get_date (ApHistoryEntry *self);
const char *ap_history_entry_get_kind (ApHistoryEntry *self);
gint64      ap_history_entry_get_card_id (ApHistoryEntry *self);
const char *ap_history_entry_get_subject (ApHistoryEntry *self);
gint64      ap_history_entry_get_from_period_id (ApHistoryEntry *self);
gint64      ap_history_entry_get_to_period_id (ApHistoryEntry *self);
gint64      ap_history_entry_get_from_step_id (ApHistoryEntry *self);
gint64      ap_history_entry_get_to_step_id (ApHistoryEntry *self);
const char *ap_history_entry_get_text (ApHistoryEntry *self);

G_END_DECLS
