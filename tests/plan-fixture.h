/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

/* What the ApPlan tests share: a plan in memory with two periods and a backlog, one
 * activity with two steps, two organizations, a stage and a pain category, and
 * shortcuts that fail the test on any error. */

typedef struct
{
  ApStore *store;
  ApPlan  *plan;
  guint    cards_changed;
  guint    history_changed;
} Fixture;

void            fixture_set_up    (Fixture       *f,
                                   gconstpointer  data);
void            fixture_tear_down (Fixture       *f,
                                   gconstpointer  data);
gint64          add               (Fixture       *f,
                                   const char    *title,
                                   gint64         period,
                                   gint64         step,
                                   guint          position);
ApCard         *card              (Fixture       *f,
                                   gint64         id);
ApHistoryEntry *last_history      (Fixture       *f);
guint           n_items           (ApRowList     *list);
char           *cell_titles       (Fixture       *f,
                                   gint64         period,
                                   gint64         step);

/* A cell's cards as the roadmap orders them, their titles separated by spaces. */
#define assert_cell(f, period, step, expected) \
  G_STMT_START { \
    g_autofree char *titles_ = cell_titles ((f), (period), (step)); \
    g_assert_cmpstr (titles_, ==, (expected)); \
  } G_STMT_END

G_END_DECLS
