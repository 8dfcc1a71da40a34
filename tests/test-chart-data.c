/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ap-chart-data.h"

/* The figures are checked against counts made by hand in data/sample/sample.json. */

typedef struct
{
  char        *dir;
  ApPlan      *plan;
  ApChartData *data;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("test-chart-data-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.archplan", NULL);
  f->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);
  f->data = ap_chart_data_new (f->plan);
  g_assert_true (ap_chart_data_recompute (f->data, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (f->data);
  g_assert_finalize_object (f->plan);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const ApChartCategory *
find (ApChartData *data,
      const char  *name)
{
  for (guint c = 0; c < ap_chart_data_get_n_categories (data); c++)
    if (g_str_equal (ap_chart_data_get_category (data, c)->name, name))
      return ap_chart_data_get_category (data, c);
  g_assert_not_reached ();
}

static void
test_categories (Fixture       *f,
                 gconstpointer  user_data)
{
  /* recorded_incidents of the first five pain_categories in the file: 14/9/5/5/2;
   * the other six have null. */
  static const gint64 recorded[] = { 14, 9, 5, 5, 2, -1, -1, -1, -1, -1, -1 };
  const ApChartCategory *c;

  g_assert_cmpuint (ap_chart_data_get_n_categories (f->data), ==, 11);
  for (guint i = 0; i < G_N_ELEMENTS (recorded); i++)
    g_assert_cmpint (ap_chart_data_get_category (f->data, i)->recorded, ==, recorded[i]);

  /* Incidents with "category": "cat-authn-cleanup": inc-jwt-issuer-config, inc-lms-jwt-default,
   * inc-jwt-cookie-local, inc-jwt-expired-signature, inc-pact-provider-auth,
   * inc-jwt-cookie-refresh = 6; only inc-jwt-expired-signature has occurrences (1). */
  c = find (f->data, "Authentication Clean-up");
  g_assert_cmpuint (c->incidents, ==, 6);
  g_assert_cmpint (c->occurrences, ==, 1);
  g_assert_cmpuint (c->unknown_occurrences, ==, 5);
  /* Cards: card-authn-authz-standardized (card_category) and card-pact-contract-testing-pilot
   * (through inc-pact-provider-auth) = 2. */
  g_assert_cmpuint (c->cards, ==, 2);
  g_assert_cmpstr (c->status, ==, "");

  /* Jenkins: inc-jenkins-networking (null) + inc-master-flaky-failures (1). */
  c = find (f->data, "Jenkins and Test Infrastructure Issues");
  g_assert_cmpuint (c->incidents, ==, 2);
  g_assert_cmpint (c->occurrences, ==, 1);
  g_assert_cmpuint (c->unknown_occurrences, ==, 1);
  g_assert_cmpint (find (f->data, "Authorization")->occurrences, ==, 3);
  g_assert_cmpint (find (f->data, "Credentials for integrations")->occurrences, ==, 2);

  /* Cards listing cat-config-toggles: toggle-env-compare-report, toggle-docs-pilot,
   * toggle-removal-report, toggle-docs-adopt = 4. */
  c = find (f->data, "Configuration/Toggles: OEP-17 - Feature Toggles");
  g_assert_cmpuint (c->cards, ==, 4);
  g_assert_cmpuint (c->incidents, ==, 0);
}

static void
test_uncovered (Fixture       *f,
                gconstpointer  user_data)
{
  /* Categories with incidents but no card (neither card_category nor card_incident):
   * Credentials for integrations, Pipeline, Masquerading. */
  static const char * const expected[] = { "Credentials for integrations", "Pipeline",
                                           "Masquerading" };
  guint n = 0;

  for (guint i = 0; i < ap_chart_data_get_n_categories (f->data); i++)
    {
      const ApChartCategory *c = ap_chart_data_get_category (f->data, i);

      if (c->incidents > 0 && c->cards == 0)
        {
          g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
          g_assert_cmpstr (c->name, ==, expected[n++]);
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

static void
test_statuses (Fixture       *f,
               gconstpointer  user_data)
{
  /* Progress: monolith, environments-testing, config-toggles; Invested: modernizing-fed;
   * Partial: coupled-services; no status: the other six. In order of first appearance. */
  static const struct { const char *status; guint count; } expected[] = {
    { "Progress", 3 }, { "Invested", 1 }, { "Partial", 1 }, { "", 6 },
  };

  g_assert_cmpuint (ap_chart_data_get_n_statuses (f->data), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (ap_chart_data_get_status (f->data, i)->status, ==, expected[i].status);
      g_assert_cmpuint (ap_chart_data_get_status (f->data, i)->count, ==, expected[i].count);
    }
}

static void
test_quarters (Fixture       *f,
               gconstpointer  user_data)
{
  /* Anecdote dates run from 2019-11-20 (2019 Q4) to "2021-08" (approximate: 2021 Q3).
   * 2020 Q2 (April–June): 2020-04-06 (Jenkins); 2020-04-16~, 2020-05-01~, 2020-05-05,
   * 2020-05-13, 2020-05-07 (Authentication, 5); 2020-06-09 (Credentials);
   * 2020-06-10 (Authorization) = 8. */
  int first = ap_chart_data_get_first_quarter (f->data);
  guint q = 2020 * 4 + 1 - (guint) first;
  int authn = ap_chart_data_find_category (f->data, find (f->data, "Authentication Clean-up")->id);
  int jenkins = ap_chart_data_find_category (f->data,
                                             find (f->data, "Jenkins and Test Infrastructure Issues")->id);
  g_autofree char *label = ap_chart_data_format_quarter (2020 * 4 + 1);

  g_assert_cmpstr (label, ==, "2020 Q2");
  g_assert_cmpint (first, ==, 2019 * 4 + 3);
  g_assert_cmpuint (ap_chart_data_get_n_quarters (f->data), ==, (2021 * 4 + 2) - first + 1);
  g_assert_cmpuint (ap_chart_data_get_quarter_total (f->data, q), ==, 8);
  g_assert_cmpuint (ap_chart_data_get_anecdotes (f->data, (guint) authn, q), ==, 5);
  g_assert_cmpuint (ap_chart_data_get_anecdotes (f->data, (guint) jenkins, q), ==, 1);
  /* "2021-08", approximate, falls in 2021 Q3 — the last quarter. */
  g_assert_cmpuint (ap_chart_data_get_anecdotes (f->data, (guint) authn,
                                                 ap_chart_data_get_n_quarters (f->data) - 1),
                    ==, 1);
}

static void
on_invalidated_cb (ApChartData *data,
                   guint       *count)
{
  (*count)++;
}

static void
test_recompute_after_edit (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const ApChartCategory *c = find (f->data, "Authorization");
  gint64 id = c->id;
  ApEntityFields fields = { .name = "Authorization", .color = "#c972a2",
                            .status = "Invested", .notes = "", .recorded_incidents = 7 };
  guint invalidated = 0;

  g_signal_connect (f->data, "invalidated", G_CALLBACK (on_invalidated_cb), &invalidated);
  g_assert_false (ap_chart_data_get_stale (f->data));
  g_assert_true (ap_plan_update_entity (f->plan, AP_ENTITY_CATEGORY, id, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (invalidated, ==, 1);
  g_assert_true (ap_chart_data_get_stale (f->data));

  g_assert_true (ap_chart_data_recompute (f->data, &error));
  c = ap_chart_data_get_category (f->data, (guint) ap_chart_data_find_category (f->data, id));
  g_assert_cmpint (c->recorded, ==, 7);
  g_assert_cmpstr (c->status, ==, "Invested");
  /* Invested now has 2 categories, no status 5. */
  g_assert_cmpuint (ap_chart_data_get_status (f->data, 1)->count, ==, 2);
  g_assert_cmpuint (ap_chart_data_get_status (f->data, 3)->count, ==, 5);

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_true (ap_chart_data_recompute (f->data, &error));
  c = ap_chart_data_get_category (f->data, (guint) ap_chart_data_find_category (f->data, id));
  g_assert_cmpint (c->recorded, ==, -1);
  g_assert_cmpstr (c->status, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/chart-data/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("categories", test_categories);
  ADD ("uncovered", test_uncovered);
  ADD ("statuses", test_statuses);
  ADD ("quarters", test_quarters);
  ADD ("recompute-after-edit", test_recompute_after_edit);
  return g_test_run ();
}
