/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ap-history-markdown.h"
#include "ap-plan.h"

/* The change history as Markdown, in the seed page's style, from the sample plan's own
 * history and from entries a command writes. */

/* The seed's newest date, written out by hand from the seed page. */
static const char expected_2021_02_10[] =
  "* 2021-02-10\n"
  "  * Deferred\n"
  "    * Moved “Elasticsearch, Ubuntu 20.04, MySql 5.7” from Q2 to Q3.\n"
  "    * Moved “Authentication Standardized” from Q3 to Backlog.\n"
  "    * Moved “Eventing: Inter-service messaging Pilot” from Q2 to Q4.\n"
  "    * Moved “Eventing: Standard xAPI/Caliper” from Q2 to Q4.\n"
  "    * Moved “Backend Plugins API: Python APIs” from Q3 to Q4 (Django Signals remains in Q3.\n"
  "  * Moved Up\n"
  "    * Moved “Doc: Developer Handbook” from Backlog to Q4.\n"
  "  * Replaced\n"
  "    * Deleted “Decentralized Devstack Adoption” from Q2.\n"
  "    * Added “Devstack: Doc Wins, Data Provision, Eval Tutor” to Q3.\n"
  "  * Added\n"
  "    * Added “Pylint as effective feedback loop” in Q3.\n"
  "    * Added “Monolith PR Standards” in Q3.\n";

static const char expected_older[] =
  "* 2020-10-26\n"
  "  * Deferred\n"
  "    * Moved “Eventing Standard xAPI/Caliper” from Q1 to Q2.\n"
  "    * Moved “Backend Plugins API” from Koa to Lilac.\n"
  "* 2020-09-25\n"
  "  * Deferred\n"
  "    * Moved “Authentication standardized” from Koa to Lilac.\n"
  "  * Moved Up\n"
  "    * Moved “Doc Onboarding Course” from Backlog to Lilac, assigned to Appsembler.\n"
  "    * Moved “Eventing Inter-service messaging” from Lilac to Koa.\n"
  "* 2020-09-11\n"
  "  * Added\n"
  "    * Added “Plugin Templates” and OpenCraft to the “Backend Plugins API” card.\n";

typedef struct
{
  char   *dir;
  char   *path;
  ApPlan *plan;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-history-markdown-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "plan.archplan", NULL);
  fixture->plan = ap_plan_open (fixture->path, GPOINTER_TO_UINT (data), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->plan);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *markdown = ap_history_to_markdown (fixture->plan);
  g_autofree char *expected = g_strconcat (expected_2021_02_10, expected_older, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (fixture->plan))),
                    ==, 16);
  g_assert_cmpstr (markdown, ==, expected);
}

/* A command's entry goes under today's date, before the sample's dates; undo takes it
 * out again. */
static void
test_new_entry (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *cards = G_LIST_MODEL (ap_plan_get_cards (fixture->plan));
  g_autoptr(ApCard) card = g_list_model_get_item (cards, 0);
  g_autofree char *today = ap_plan_today ();
  g_autofree char *first = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *expected = g_strconcat (expected_2021_02_10, expected_older, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ap_plan_delete_card (fixture->plan, ap_object_get_id (AP_OBJECT (card)), &error));
  g_assert_no_error (error);
  markdown = ap_history_to_markdown (fixture->plan);
  first = g_strdup_printf ("* %s\n  * Removed\n    * ", today);
  g_assert_true (g_str_has_prefix (markdown, first));
  g_assert_nonnull (strstr (markdown, ap_card_get_title (card)));
  g_assert_true (g_str_has_suffix (markdown, expected));

  g_assert_true (ap_plan_undo (fixture->plan, &error));
  g_assert_no_error (error);
  undone = ap_history_to_markdown (fixture->plan);
  g_assert_cmpstr (undone, ==, expected);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *markdown = ap_history_to_markdown (fixture->plan);

  g_assert_cmpstr (markdown, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/history-markdown/sample", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_sample, fixture_tear_down);
  g_test_add ("/history-markdown/new-entry", Fixture,
              GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE),
              fixture_set_up, test_new_entry, fixture_tear_down);
  g_test_add ("/history-markdown/empty", Fixture, GUINT_TO_POINTER (AP_PLAN_OPEN_CREATE),
              fixture_set_up, test_empty, fixture_tear_down);
  return g_test_run ();
}
