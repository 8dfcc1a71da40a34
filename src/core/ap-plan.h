/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ap-objects.h"
#include "ap-row-list.h"
#include "ap-store.h"

G_BEGIN_DECLS

/* The resource path of the sample plan, built from the seed pages. */
#define AP_SAMPLE_RESOURCE "/org/archplan/Archplan/sample/sample.json"

/* The values of a card that commands set. Links are arrays of row ids. */
typedef struct
{
  const char   *title;
  gint64        stage_id;       /* 0: no stage */
  const char   *stage_text;     /* "" or the stage as written, e.g. "Adopt via Automated-Feedback" */
  gint64        step_id;
  gint64        period_id;
  const char   *notes;
  gint64        initiative_id;  /* 0: none */
  const gint64 *links[4];       /* indexed by ApCardLink; NULL keeps the current list */
  guint         n_links[4];
} ApCardFields;

#define AP_TYPE_PLAN (ap_plan_get_type ())
G_DECLARE_FINAL_TYPE (ApPlan, ap_plan, AP, PLAN, GObject)

typedef enum
{
  AP_PLAN_OPEN_DEFAULT = 0,
  AP_PLAN_OPEN_CREATE  = 1 << 0, /* create the file if it does not exist */
  AP_PLAN_OPEN_SAMPLE  = 1 << 1, /* a plan created now starts as the sample plan */
  AP_PLAN_OPEN_DEFER_CHECK = 1 << 2, /* see AP_STORE_OPEN_DEFER_CHECK */
} ApPlanOpenFlags;

#define AP_PLAN_ERROR (ap_plan_error_quark ())

typedef enum
{
  AP_PLAN_ERROR_NOTHING_TO_UNDO,
  AP_PLAN_ERROR_NOT_FOUND,   /* a command named a row that does not exist */
  AP_PLAN_ERROR_INVALID,     /* a command was given values it refuses */
  AP_PLAN_ERROR_CONFLICT,    /* undo/redo found the plan changed under it */
} ApPlanError;

GQuark       ap_plan_error_quark        (void);
char        *ap_plan_get_default_path   (void);
ApPlan      *ap_plan_open               (const char      *path,
                                         ApPlanOpenFlags  flags,
                                         GError         **error);
ApPlan      *ap_plan_new_for_store      (ApStore       *store,
                                         GError       **error);
ApStore     *ap_plan_get_store          (ApPlan        *self);
const char  *ap_plan_get_path           (ApPlan        *self);

const char  *ap_plan_get_title          (ApPlan        *self);
const char  *ap_plan_get_description    (ApPlan        *self);
const char  *ap_plan_get_ticket_url_template (ApPlan   *self);
gboolean     ap_plan_set_info           (ApPlan        *self,
                                         const char    *title,
                                         const char    *description,
                                         const char    *ticket_url_template,
                                         GError       **error);

ApRowList   *ap_plan_get_organizations  (ApPlan        *self);
ApRowList   *ap_plan_get_activities     (ApPlan        *self);
ApRowList   *ap_plan_get_steps          (ApPlan        *self);
ApRowList   *ap_plan_get_periods        (ApPlan        *self);
ApRowList   *ap_plan_get_stages         (ApPlan        *self);
ApRowList   *ap_plan_get_initiatives    (ApPlan        *self);
ApRowList   *ap_plan_get_cards          (ApPlan        *self);
ApRowList   *ap_plan_get_categories     (ApPlan        *self);
ApRowList   *ap_plan_get_incidents      (ApPlan        *self);
ApRowList   *ap_plan_get_history        (ApPlan        *self);

/* A card as people read it: its stage as written ("Adopt via Automated-Feedback"),
 * else its stage's name, else ""; its organizations' names in its order. */
const char  *ap_plan_get_card_stage_label       (ApPlan        *self,
                                                 ApCard        *card);
char        *ap_plan_dup_card_organization_names (ApPlan       *self,
                                                 ApCard        *card,
                                                 const char    *separator);

/* Commands: each is one transaction, saved when it returns, and undoable. */
gint64       ap_plan_add_card           (ApPlan              *self,
                                         const ApCardFields  *fields,
                                         guint                position,
                                         GError             **error);
gboolean     ap_plan_update_card        (ApPlan              *self,
                                         gint64               card_id,
                                         const ApCardFields  *fields,
                                         GError             **error);
gboolean     ap_plan_move_card          (ApPlan              *self,
                                         gint64               card_id,
                                         gint64               period_id,
                                         gint64               step_id,
                                         guint                position,
                                         GError             **error);
gboolean     ap_plan_move_cards         (ApPlan              *self,
                                         const gint64        *card_ids,
                                         guint                n_cards,
                                         gint64               period_id,
                                         gint64               step_id,
                                         guint                position,
                                         GError             **error);
gboolean     ap_plan_delete_cards       (ApPlan              *self,
                                         const gint64        *card_ids,
                                         guint                n_cards,
                                         GError             **error);
gboolean     ap_plan_delete_card        (ApPlan              *self,
                                         gint64               card_id,
                                         GError             **error);
gboolean     ap_plan_import_json_file   (ApPlan              *self,
                                         const char          *path,
                                         GError             **error);
gboolean     ap_plan_import_json_data   (ApPlan              *self,
                                         const char          *data,
                                         gsize                length,
                                         GError             **error);
gboolean     ap_plan_export_json_file   (ApPlan              *self,
                                         const char          *path,
                                         GError             **error);

/* The other things a plan holds, edited through one set of commands. */
typedef enum
{
  AP_ENTITY_ORGANIZATION,
  AP_ENTITY_ACTIVITY,
  AP_ENTITY_STEP,
  AP_ENTITY_PERIOD,
  AP_ENTITY_STAGE,
  AP_ENTITY_INITIATIVE,
  AP_ENTITY_CATEGORY,
  AP_N_ENTITIES
} ApEntityKind;

/* The values of an entity; each kind reads the members that apply to it. */
typedef struct
{
  const char *name;
  const char *color;               /* organization, stage, category: "#rrggbb" */
  const char *subtitle;            /* activity */
  const char *notes;               /* initiative, category */
  const char *status;              /* category */
  gint64      footnote;            /* organization: 0 for none */
  gint64      recorded_incidents;  /* category: -1 for unknown */
  gint64      activity_id;         /* step */
  const char *start_date;          /* period: YYYY-MM-DD or NULL */
  const char *end_date;
  gboolean    is_backlog;          /* period */
} ApEntityFields;

gint64       ap_plan_add_entity         (ApPlan                *self,
                                         ApEntityKind           kind,
                                         const ApEntityFields  *fields,
                                         guint                  position,
                                         GError               **error);
gboolean     ap_plan_update_entity      (ApPlan                *self,
                                         ApEntityKind           kind,
                                         gint64                 id,
                                         const ApEntityFields  *fields,
                                         GError               **error);
gboolean     ap_plan_reorder_entity     (ApPlan                *self,
                                         ApEntityKind           kind,
                                         gint64                 id,
                                         guint                  position,
                                         GError               **error);
guint        ap_plan_count_entity_uses  (ApPlan                *self,
                                         ApEntityKind           kind,
                                         gint64                 id);
gboolean     ap_plan_remove_entity      (ApPlan                *self,
                                         ApEntityKind           kind,
                                         gint64                 id,
                                         gint64                 replacement_id,
                                         GError               **error);

/* Incidents, their anecdotes and tickets (src/core/ap-plan-incidents.c). */
typedef struct
{
  gint64      category_id;
  const char *title;
  const char *description;
  gint64      occurrences;   /* -1 for unknown */
  const char *status;
} ApIncidentFields;

typedef struct
{
  const char *date;          /* YYYY, YYYY-MM or YYYY-MM-DD; NULL or "" for undated */
  gboolean    approximate;
  const char *team;
  const char *text;
} ApAnecdoteFields;

/* An anecdote or ticket as read for display: rows of ap_plan_list_anecdotes/_tickets. */
typedef struct
{
  gint64   id;
  char    *date;             /* NULL when undated */
  gboolean approximate;
  char    *team;
  char    *text;             /* anecdote text, or for a ticket its note */
  char    *key;              /* ticket key; NULL for anecdotes */
} ApIncidentDetail;

void         ap_incident_detail_free    (ApIncidentDetail *detail);
gboolean     ap_is_anecdote_date        (const char       *date);

gint64       ap_plan_add_incident       (ApPlan                  *self,
                                         const ApIncidentFields  *fields,
                                         GError                 **error);
gboolean     ap_plan_update_incident    (ApPlan                  *self,
                                         gint64                   incident_id,
                                         const ApIncidentFields  *fields,
                                         GError                 **error);
gboolean     ap_plan_delete_incident    (ApPlan                  *self,
                                         gint64                   incident_id,
                                         GError                 **error);
gint64       ap_plan_add_anecdote       (ApPlan                  *self,
                                         gint64                   incident_id,
                                         const ApAnecdoteFields  *fields,
                                         GError                 **error);
gboolean     ap_plan_update_anecdote    (ApPlan                  *self,
                                         gint64                   anecdote_id,
                                         const ApAnecdoteFields  *fields,
                                         GError                 **error);
gboolean     ap_plan_delete_anecdote    (ApPlan                  *self,
                                         gint64                   anecdote_id,
                                         GError                 **error);
gint64       ap_plan_add_ticket         (ApPlan                  *self,
                                         gint64                   incident_id,
                                         const char              *key,
                                         const char              *note,
                                         GError                 **error);
gboolean     ap_plan_update_ticket      (ApPlan                  *self,
                                         gint64                   ticket_id,
                                         const char              *key,
                                         const char              *note,
                                         GError                 **error);
gboolean     ap_plan_delete_ticket      (ApPlan                  *self,
                                         gint64                   ticket_id,
                                         GError                 **error);
GPtrArray   *ap_plan_list_anecdotes     (ApPlan                  *self,
                                         gint64                   incident_id);
GPtrArray   *ap_plan_list_tickets       (ApPlan                  *self,
                                         gint64                   incident_id);
GArray      *ap_plan_list_addressing_cards (ApPlan               *self,
                                         gint64                   incident_id);

gboolean     ap_plan_can_undo           (ApPlan        *self);
gboolean     ap_plan_can_redo           (ApPlan        *self);
const char  *ap_plan_get_undo_label     (ApPlan        *self);
const char  *ap_plan_get_redo_label     (ApPlan        *self);
gboolean     ap_plan_undo               (ApPlan        *self,
                                         GError       **error);
gboolean     ap_plan_redo               (ApPlan        *self,
                                         GError       **error);

char        *ap_plan_today              (void);

G_END_DECLS
