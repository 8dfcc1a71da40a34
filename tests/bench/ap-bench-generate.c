/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-bench-generate"

#include "config.h"

#include <sqlite3.h>

#include "ap-bench-generate.h"
#include "ap-schema.h"

/* The generator writes rows straight into the store: going through the plan's commands
 * would record undo changesets and history for every card and take minutes, while the
 * benchmarks only need the rows as a real plan holds them. Everything is written in one
 * transaction with the store's cached prepared statements. */

/* Changing the seed changes every figure's data; keep it. */
#define SEED 0x41726368

typedef struct
{
  ApStore           *store;
  const ApBenchSize *size;
  GRand             *rand;
  GString           *text[3];     /* bound with SQLITE_STATIC: one buffer per text column */

  guint              n_steps;
  guint              n_periods;   /* the last one is the backlog */
  guint              n_stages;
  guint              n_initiatives;
  guint             *cell_count;  /* cards so far in each (period, step) cell */
  gint64            *card_step;   /* per card, for the history rows */
  gint64            *card_period;
  guint              n_anecdotes;
  guint              n_tickets;
} Generator;

typedef struct
{
  const char *name;
  const char *color;
  int         footnote; /* 0: none */
} OrgSeed;

static const OrgSeed organizations[] = {
  { "edX", "#b7312c", 1 },
  { "OpenCraft", "#1c6fb5", 2 },
  { "2U", "#7b3fa0", 3 },
  { "Axim Collaborative", "#2e8b57", 4 },
  { "Raccoon Gang", "#d2691e", 0 },
  { "eduNEXT", "#008b8b", 5 },
  { "Open edX Community", "#556b2f", 6 },
  { "Université Numérique", "#a0522d", 0 },
};

typedef struct
{
  const char *name;
  const char *subtitle;
  const char *steps[4]; /* NULL-terminated */
} ActivitySeed;

static const ActivitySeed activities[] = {
  { "Production Development", "From an idea to code that learners use",
    { "Develop change", "Deploy change", "Observe change", NULL } },
  { "Platform Operations", "Keeping the lights on",
    { "Provision", "Scale", "Recover", NULL } },
  { "Data and Insights", "",
    { "Collect events", "Analyse", NULL } },
  { "Learner Experience", "What a learner sees and does",
    { "Discover", "Learn", "Certify", NULL } },
  { "Course Authoring", "",
    { "Author content", "Publish", NULL } },
  { "Integrations", "Talking to the rest of the world",
    { "Connect services", "Secure access", "Retire legacy", NULL } },
};

typedef struct
{
  const char *name;
  const char *start;
  const char *end;
} PeriodSeed;

/* The seed roadmap's fiscal periods; the backlog comes last. */
static const PeriodSeed periods[] = {
  { "FY21 Q1 (Jul-Sep)", "2020-07-01", "2020-09-30" },
  { "FY21 Q2 (Oct-Dec)", "2020-10-01", "2020-12-31" },
  { "FY21 Q3 (Jan-Mar)", "2021-01-01", "2021-03-31" },
  { "FY21 Q4 (Apr-Jun)", "2021-04-01", "2021-06-30" },
  { "FY22 Q1 (Jul-Sep)", "2021-07-01", "2021-09-30" },
  { "FY22 Q2 (Oct-Dec)", "2021-10-01", "2021-12-31" },
  { "FY22 Q3 (Jan-Mar)", "2022-01-01", "2022-03-31" },
  { "FY22 Q4 (Apr-Jun)", "2022-04-01", "2022-06-30" },
  { "FY23 H1", "2022-07-01", "2022-12-31" },
  { "FY23 H2", "2023-01-01", "2023-06-30" },
  { "FY24", "2023-07-01", "2024-06-30" },
  { "Backlog", NULL, NULL },
};

static const struct
{
  const char *name;
  const char *color;
} stages[] = {
  { "Spike", "#e8e8e8" },
  { "Prototype", "#d4e6f9" },
  { "Eval", "#fbe3c4" },
  { "Pilot", "#fff2a8" },
  { "Implement", "#cfeccf" },
  { "Adopt", "#a8dba8" },
  { "Evangelize", "#e3d0f2" },
  { "Sustain", "#c9c9c9" },
};

static const char * const category_names[] = {
  "Flaky tests", "Slow CI", "Deployment rollbacks", "Configuration drift", "Missing alerts",
  "Noisy alerts", "Database migrations", "Dependency upgrades", "Secrets management",
  "Local development setup", "Release coordination", "Feature flags", "Data pipelines",
  "Search indexing", "Video transcoding", "Email delivery", "Authentication",
  "Permissions", "Multi-tenancy", "Theming", "Translations", "Course import/export",
  "Grading", "Certificates", "Payments", "Mobile releases", "Capacity planning",
  "Backups and restore", "Incident response", "On-call load", "Documentation gaps",
  "API versioning", "Event bus", "Caching", "Cost overruns", "Accessibility",
  "Security patches", "Observability", "Onboarding", "Legacy code",
};

static const char * const category_statuses[] = {
  "Progress", "Invested", "Partial", "None", "",
};

static const char * const incident_statuses[] = {
  "Open", "Mitigated", "Resolved", "Recurring", "",
};

static const char * const teams[] = {
  "Platform", "SRE", "Learner Experience", "Authoring", "Data", "Security", "Mobile",
  "Payments", "Support", "QA", "DevEx", "Infra — EU", "Équipe Paris", "Partner Success",
};

static const char * const ticket_projects[] = {
  "ARCH", "BOM", "CR", "DEPR", "INC", "OPS", "PLAT", "TNL",
};

static const char * const verbs[] = {
  "Automate", "Replace", "Migrate", "Observe", "Harden", "Document", "Consolidate",
  "Retire", "Introduce", "Evaluate", "Standardize", "Speed up", "Split", "Monitor",
  "Cache", "Secure", "Simplify", "Rewrite", "Decouple", "Version",
};

static const char * const adjectives[] = {
  "slow", "flaky", "broken", "stale", "missing", "duplicate", "manual", "silent",
  "intermittent", "legacy", "noisy", "expired", "misconfigured", "unversioned",
  "orphaned", "partial", "blocked", "overloaded", "inconsistent", "undocumented",
  "naïve", "shared", "nightly", "regional", "critical",
};

static const char * const nouns[] = {
  "deploy", "pipeline", "queue", "service", "cache", "database", "migration", "release",
  "dashboard", "alert", "token", "certificate", "cluster", "worker", "schema", "endpoint",
  "build", "container image", "search index", "backup", "replica", "log stream", "metric",
  "trace", "course", "learner record", "grade report", "enrolment", "video", "transcript",
  "forum", "theme", "plugin", "webhook", "secret", "permission", "rollout", "feature flag",
  "runbook", "on-call rotation", "message bus", "CDN", "DNS record", "load balancer",
  "config file", "dependency", "test suite", "staging site", "sandbox", "tenant", "API",
  "cron job", "export", "translation", "façade", "Zürich mirror",
};

static const char * const outcomes[] = {
  "failed", "timed out", "stalled for hours", "leaked memory", "dropped events",
  "was rolled back", "paged the on-call engineer", "blocked the release",
  "corrupted the cache", "doubled the build time", "went unnoticed for a week",
  "needed a manual fix", "broke the nightly job", "returned 500s", "lost data",
  "filled the disk", "locked the table", "sent duplicate emails",
};

static const char * const places[] = {
  "during the deploy", "after the upgrade", "in production", "on staging",
  "at the end of the quarter", "during the course launch", "over the weekend",
  "in the EU region", "behind the load balancer", "for every new tenant",
};

static const char * const history_kinds[] = {
  "added", "deferred", "moved-up", "moved", "replaced", "removed",
};

static const char *
pick (Generator          *g,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (g->rand, 0, (gint32) n)];
}

#define PICK(g, list) pick ((g), (list), G_N_ELEMENTS (list))

static guint
below (Generator *g,
       guint      n)
{
  return (guint) g_rand_int_range (g->rand, 0, (gint32) n);
}

static gboolean
chance (Generator *g,
        double     p)
{
  return g_rand_double (g->rand) < p;
}

/* A few words starting with a capital: "Harden flaky webhook for tenant". */
static void
make_title (Generator *g,
            GString   *out)
{
  g_string_truncate (out, 0);
  g_string_append (out, PICK (g, verbs));
  if (chance (g, 0.6))
    g_string_append_printf (out, " %s", PICK (g, adjectives));
  g_string_append_printf (out, " %s", PICK (g, nouns));
  if (chance (g, 0.4))
    g_string_append_printf (out, " for %s", PICK (g, nouns));
}

/* An incident's issue: "Intermittent cron job timed out in production". */
static void
make_issue (Generator *g,
            GString   *out)
{
  const char *adjective = PICK (g, adjectives);

  g_string_truncate (out, 0);
  g_string_append_c (out, g_ascii_toupper (adjective[0]));
  g_string_append_printf (out, "%s %s %s", adjective + 1, PICK (g, nouns), PICK (g, outcomes));
  if (chance (g, 0.5))
    g_string_append_printf (out, " %s", PICK (g, places));
}

/* Appends one sentence; some carry quotes and dashes, as pasted notes do. */
static void
append_sentence (Generator *g,
                 GString   *out)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  switch (below (g, 4))
    {
    case 0:
      g_string_append_printf (out, "The %s %s %s %s.", PICK (g, adjectives), PICK (g, nouns),
                              PICK (g, outcomes), PICK (g, places));
      break;
    case 1:
      g_string_append_printf (out, "%s team reported that the \"%s\" %s — again.",
                              PICK (g, teams), PICK (g, nouns), PICK (g, outcomes));
      break;
    case 2:
      {
        g_autofree char *verb = g_ascii_strdown (PICK (g, verbs), -1);

        g_string_append_printf (out, "We should %s the %s before the %s %s.",
                                verb, PICK (g, nouns), PICK (g, nouns), PICK (g, outcomes));
      }
      break;
    default:
      g_string_append_printf (out, "Seen %u times %s; workaround: restart the %s.",
                              1 + below (g, 40), PICK (g, places), PICK (g, nouns));
      break;
    }
}

static void
make_text (Generator *g,
           GString   *out,
           guint      min_sentences,
           guint      max_sentences)
{
  guint n = min_sentences + below (g, max_sentences - min_sentences + 1);

  g_string_truncate (out, 0);
  for (guint i = 0; i < n; i++)
    append_sentence (g, out);
}

/* A date between 2019 and 2026, as precise as a person remembers it. */
static void
make_partial_date (Generator *g,
                   GString   *out,
                   gboolean   full)
{
  guint year = 2019 + below (g, 8);
  guint month = 1 + below (g, 12);
  guint day = 1 + below (g, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
  double precision = full ? 1.0 : g_rand_double (g->rand);

  g_string_truncate (out, 0);
  if (precision < 0.06)
    g_string_append_printf (out, "%u", year);
  else if (precision < 0.22)
    g_string_append_printf (out, "%u-%02u", year, month);
  else
    g_string_append_printf (out, "%u-%02u-%02u", year, month, day);
}

static void
bind_string (sqlite3_stmt *stmt,
             int           column,
             GString      *text)
{
  sqlite3_bind_text (stmt, column, text->str, (int) text->len, SQLITE_STATIC);
}

static void
bind_uid (sqlite3_stmt *stmt,
          int           column,
          const char   *prefix,
          guint         n)
{
  char uid[48];

  g_snprintf (uid, sizeof uid, "%s-%u", prefix, n);
  sqlite3_bind_text (stmt, column, uid, -1, SQLITE_TRANSIENT);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           column,
                   gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

/* Picks @k distinct values below @n into @out (k is small). */
static guint
pick_distinct (Generator *g,
               guint      k,
               guint      n,
               guint     *out)
{
  guint got = 0;

  k = MIN (k, n);
  while (got < k)
    {
      guint v = below (g, n);
      gboolean seen = FALSE;

      for (guint i = 0; i < got && !seen; i++)
        seen = out[i] == v;
      if (!seen)
        out[got++] = v;
    }
  return got;
}

static gboolean
write_plan_info (Generator  *g,
                 GError    **error)
{
  static const char sql[] =
    "UPDATE plan SET title = ?, description = ?, ticket_url_template = ? WHERE id = 1";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  g_string_printf (g->text[0], "Synthetic plan: %u cards, %u incidents",
                   g->size->n_cards, g->size->n_incidents);
  make_text (g, g->text[1], 2, 4);
  sqlite3_bind_text (stmt, 1, g->text[0]->str, -1, SQLITE_STATIC);
  bind_string (stmt, 2, g->text[1]);
  sqlite3_bind_text (stmt, 3, "https://tickets.example.org/browse/%s", -1, SQLITE_STATIC);
  return ap_store_step_done (g->store, stmt, error);
}

static gboolean
write_organizations (Generator  *g,
                     GError    **error)
{
  static const char sql[] =
    "INSERT INTO organization (id, uid, name, color, footnote, position) VALUES (?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (organizations); i++)
    {
      sqlite3_bind_int64 (stmt, 1, i + 1);
      bind_uid (stmt, 2, "org", i + 1);
      sqlite3_bind_text (stmt, 3, organizations[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, organizations[i].color, -1, SQLITE_STATIC);
      bind_optional_int (stmt, 5, organizations[i].footnote);
      sqlite3_bind_int64 (stmt, 6, i);
      if (!ap_store_step_done (g->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Activities and their steps: the roadmap's columns. Step positions count across the
 * whole roadmap, so they order the columns whichever way a reader sorts them. */
static gboolean
write_columns (Generator  *g,
               GError    **error)
{
  static const char activity_sql[] =
    "INSERT INTO activity (id, uid, name, subtitle, position) VALUES (?, ?, ?, ?, ?)";
  static const char step_sql[] =
    "INSERT INTO step (id, uid, activity_id, name, position) VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *activity = ap_store_prepare (g->store, activity_sql, error);
  sqlite3_stmt *step;

  if (activity == NULL || (step = ap_store_prepare (g->store, step_sql, error)) == NULL)
    return FALSE;
  for (guint a = 0; a < G_N_ELEMENTS (activities); a++)
    {
      sqlite3_bind_int64 (activity, 1, a + 1);
      bind_uid (activity, 2, "activity", a + 1);
      sqlite3_bind_text (activity, 3, activities[a].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (activity, 4, activities[a].subtitle, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (activity, 5, a);
      if (!ap_store_step_done (g->store, activity, error))
        return FALSE;

      for (guint s = 0; activities[a].steps[s] != NULL; s++)
        {
          g->n_steps++;
          sqlite3_bind_int64 (step, 1, g->n_steps);
          bind_uid (step, 2, "step", g->n_steps);
          sqlite3_bind_int64 (step, 3, a + 1);
          sqlite3_bind_text (step, 4, activities[a].steps[s], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (step, 5, g->n_steps - 1);
          if (!ap_store_step_done (g->store, step, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Periods (the rows) and stages. */
static gboolean
write_rows_and_stages (Generator  *g,
                       GError    **error)
{
  static const char period_sql[] =
    "INSERT INTO period (id, uid, name, start_date, end_date, is_backlog, position)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  static const char stage_sql[] =
    "INSERT INTO stage (id, uid, name, color, position) VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *period = ap_store_prepare (g->store, period_sql, error);
  sqlite3_stmt *stage;

  if (period == NULL || (stage = ap_store_prepare (g->store, stage_sql, error)) == NULL)
    return FALSE;
  g->n_periods = G_N_ELEMENTS (periods);
  for (guint p = 0; p < g->n_periods; p++)
    {
      sqlite3_bind_int64 (period, 1, p + 1);
      bind_uid (period, 2, "period", p + 1);
      sqlite3_bind_text (period, 3, periods[p].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (period, 4, periods[p].start, -1, SQLITE_STATIC);
      sqlite3_bind_text (period, 5, periods[p].end, -1, SQLITE_STATIC);
      sqlite3_bind_int (period, 6, periods[p].start == NULL);
      sqlite3_bind_int64 (period, 7, p);
      if (!ap_store_step_done (g->store, period, error))
        return FALSE;
    }
  g->n_stages = G_N_ELEMENTS (stages);
  for (guint s = 0; s < g->n_stages; s++)
    {
      sqlite3_bind_int64 (stage, 1, s + 1);
      bind_uid (stage, 2, "stage", s + 1);
      sqlite3_bind_text (stage, 3, stages[s].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stage, 4, stages[s].color, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stage, 5, s);
      if (!ap_store_step_done (g->store, stage, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_categories (Generator  *g,
                  GError    **error)
{
  static const char sql[] =
    "INSERT INTO pain_category (id, uid, name, status, notes, color, recorded_incidents, position)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint c = 0; c < g->size->n_categories; c++)
    {
      guint n_names = G_N_ELEMENTS (category_names);

      /* Past the list, names repeat with a number so that they stay distinct. */
      g_string_assign (g->text[0], category_names[c % n_names]);
      if (c >= n_names)
        g_string_append_printf (g->text[0], " %u", c / n_names + 1);
      make_text (g, g->text[1], 0, 2);
      g_string_printf (g->text[2], "#%02x%02x%02x",
                       below (g, 256), below (g, 256), below (g, 256));

      sqlite3_bind_int64 (stmt, 1, c + 1);
      bind_uid (stmt, 2, "cat", c + 1);
      bind_string (stmt, 3, g->text[0]);
      sqlite3_bind_text (stmt, 4, PICK (g, category_statuses), -1, SQLITE_STATIC);
      bind_string (stmt, 5, g->text[1]);
      bind_string (stmt, 6, g->text[2]);
      bind_optional_int (stmt, 7, chance (g, 0.5) ? 1 + below (g, 300) : 0);
      sqlite3_bind_int64 (stmt, 8, c);
      if (!ap_store_step_done (g->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_incident_children (Generator  *g,
                         guint       incident,
                         GError    **error)
{
  static const char anecdote_sql[] =
    "INSERT INTO anecdote (id, uid, incident_id, date, approximate, team, text, position)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static const char ticket_sql[] =
    "INSERT INTO ticket (id, uid, incident_id, key, note, position) VALUES (?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *anecdote = ap_store_prepare (g->store, anecdote_sql, error);
  sqlite3_stmt *ticket;
  guint n_anecdotes = below (g, 7); /* three on average */
  guint n_tickets = below (g, 4);

  if (anecdote == NULL || (ticket = ap_store_prepare (g->store, ticket_sql, error)) == NULL)
    return FALSE;
  for (guint a = 0; a < n_anecdotes; a++)
    {
      g->n_anecdotes++;
      make_partial_date (g, g->text[0], FALSE);
      make_text (g, g->text[1], 1, 2);
      sqlite3_bind_int64 (anecdote, 1, g->n_anecdotes);
      bind_uid (anecdote, 2, "anecdote", g->n_anecdotes);
      sqlite3_bind_int64 (anecdote, 3, incident);
      if (chance (g, 0.08))
        sqlite3_bind_null (anecdote, 4);
      else
        bind_string (anecdote, 4, g->text[0]);
      sqlite3_bind_int (anecdote, 5, chance (g, 0.1));
      sqlite3_bind_text (anecdote, 6, PICK (g, teams), -1, SQLITE_STATIC);
      bind_string (anecdote, 7, g->text[1]);
      sqlite3_bind_int64 (anecdote, 8, a);
      if (!ap_store_step_done (g->store, anecdote, error))
        return FALSE;
    }
  for (guint t = 0; t < n_tickets; t++)
    {
      g->n_tickets++;
      g_string_printf (g->text[0], "%s-%u", PICK (g, ticket_projects), 100 + g->n_tickets);
      if (chance (g, 0.5))
        g_string_truncate (g->text[1], 0);
      else
        make_text (g, g->text[1], 1, 1);
      sqlite3_bind_int64 (ticket, 1, g->n_tickets);
      bind_uid (ticket, 2, "ticket", g->n_tickets);
      sqlite3_bind_int64 (ticket, 3, incident);
      bind_string (ticket, 4, g->text[0]);
      bind_string (ticket, 5, g->text[1]);
      sqlite3_bind_int64 (ticket, 6, t);
      if (!ap_store_step_done (g->store, ticket, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_incidents (Generator  *g,
                 GError    **error)
{
  static const char sql[] =
    "INSERT INTO incident (id, uid, category_id, title, description, occurrences, status, position)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 1; i <= g->size->n_incidents; i++)
    {
      /* A few categories hold most incidents, as in a real survey: the charts then
       * have tall and short bars. */
      double u = g_rand_double (g->rand);
      guint category = 1 + (guint) (u * u * g->size->n_categories);

      make_issue (g, g->text[0]);
      make_text (g, g->text[1], 0, 4);
      sqlite3_bind_int64 (stmt, 1, i);
      bind_uid (stmt, 2, "incident", i);
      sqlite3_bind_int64 (stmt, 3, category);
      bind_string (stmt, 4, g->text[0]);
      bind_string (stmt, 5, g->text[1]);
      bind_optional_int (stmt, 6, chance (g, 0.8) ? 1 + below (g, 50) : 0);
      sqlite3_bind_text (stmt, 7, PICK (g, incident_statuses), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, i - 1);
      if (!ap_store_step_done (g->store, stmt, error) ||
          !write_incident_children (g, i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_initiative (Generator   *g,
                  const char  *name,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO initiative (id, uid, name, notes, position) VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  g->n_initiatives++;
  make_text (g, g->text[2], 0, 2);
  sqlite3_bind_int64 (stmt, 1, g->n_initiatives);
  bind_uid (stmt, 2, "initiative", g->n_initiatives);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  bind_string (stmt, 4, g->text[2]);
  sqlite3_bind_int64 (stmt, 5, g->n_initiatives - 1);
  return ap_store_step_done (g->store, stmt, error);
}

static gboolean
write_card (Generator   *g,
            guint        card,
            const char  *title,
            guint        stage,       /* 0: none */
            guint        step,
            guint        period,
            guint        initiative,  /* 0: none */
            GError     **error)
{
  static const char sql[] =
    "INSERT INTO card (id, uid, title, stage_id, stage_text, step_id, period_id, position,"
    " notes, initiative_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);
  guint *cell = &g->cell_count[(period - 1) * g->n_steps + (step - 1)];

  if (stmt == NULL)
    return FALSE;
  /* A few stages are written out, as the seed roadmap does ("Adopt via …"). */
  if (stage != 0 && chance (g, 0.05))
    g_string_printf (g->text[1], "%s via %s", stages[stage - 1].name, PICK (g, nouns));
  else
    g_string_truncate (g->text[1], 0);
  if (chance (g, 0.3))
    g_string_truncate (g->text[2], 0);
  else
    make_text (g, g->text[2], 1, 3);

  sqlite3_bind_int64 (stmt, 1, card);
  bind_uid (stmt, 2, "card", card);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  bind_optional_int (stmt, 4, stage);
  bind_string (stmt, 5, g->text[1]);
  sqlite3_bind_int64 (stmt, 6, step);
  sqlite3_bind_int64 (stmt, 7, period);
  sqlite3_bind_int64 (stmt, 8, (gint64) (*cell)++ * AP_CARD_POSITION_GAP);
  bind_string (stmt, 9, g->text[2]);
  bind_optional_int (stmt, 10, initiative);
  g->card_step[card - 1] = step;
  g->card_period[card - 1] = period;
  return ap_store_step_done (g->store, stmt, error);
}

/* Cards: about half belong to an initiative whose 3–4 cards walk through the stage
 * lifecycle in later and later periods of one column; the rest stand alone. */
static gboolean
write_cards (Generator  *g,
             GError    **error)
{
  guint card = 0;
  guint n_dated = g->n_periods - 1;

  g->cell_count = g_new0 (guint, g->n_periods * g->n_steps);

  while (card < g->size->n_cards)
    {
      guint remaining = g->size->n_cards - card;

      if (remaining >= 3 && chance (g, 0.2))
        {
          guint n = MIN (remaining, 3 + below (g, 2));
          guint step = 1 + below (g, g->n_steps);
          guint period = 1 + below (g, n_dated - n + 1);
          guint stage = 1 + below (g, 4);
          g_autofree char *name = NULL;

          make_title (g, g->text[0]);
          name = g_strdup (g->text[0]->str);
          if (!write_initiative (g, name, error))
            return FALSE;
          for (guint i = 0; i < n; i++)
            {
              if (!write_card (g, ++card, name, stage, step, period, g->n_initiatives, error))
                return FALSE;
              period++;
              stage = MIN (stage + 1 + below (g, 2), g->n_stages);
            }
        }
      else
        {
          guint step = 1 + below (g, g->n_steps);
          guint period = chance (g, 0.1) ? g->n_periods : 1 + below (g, n_dated);
          guint stage = chance (g, 0.05) ? 0 : 1 + below (g, g->n_stages);

          make_title (g, g->text[0]);
          if (!write_card (g, ++card, g->text[0]->str, stage, step, period, 0, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* One link table row for each of @n distinct targets below @n_targets (ids from 1). */
static gboolean
write_links (Generator    *g,
             sqlite3_stmt *stmt,
             guint         card,
             guint         n,
             guint         n_targets,
             GError      **error)
{
  guint targets[8];

  n = pick_distinct (g, MIN (n, G_N_ELEMENTS (targets)), n_targets, targets);
  for (guint i = 0; i < n; i++)
    {
      /* A card does not depend on itself; the link table refuses it. */
      if (targets[i] + 1 == card)
        continue;
      sqlite3_bind_int64 (stmt, 1, card);
      sqlite3_bind_int64 (stmt, 2, targets[i] + 1);
      sqlite3_bind_int64 (stmt, 3, i);
      if (!ap_store_step_done (g->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_card_links (Generator  *g,
                  GError    **error)
{
  static const char org_sql[] =
    "INSERT INTO card_organization (card_id, organization_id, position) VALUES (?, ?, ?)";
  static const char category_sql[] =
    "INSERT INTO card_category (card_id, category_id, position) VALUES (?, ?, ?)";
  static const char incident_sql[] =
    "INSERT INTO card_incident (card_id, incident_id, position) VALUES (?, ?, ?)";
  static const char dependency_sql[] =
    "INSERT INTO card_dependency (card_id, depends_on_id, position) VALUES (?, ?, ?)";
  sqlite3_stmt *org = ap_store_prepare (g->store, org_sql, error);
  sqlite3_stmt *category = org ? ap_store_prepare (g->store, category_sql, error) : NULL;
  sqlite3_stmt *incident = category ? ap_store_prepare (g->store, incident_sql, error) : NULL;
  sqlite3_stmt *dependency = incident ? ap_store_prepare (g->store, dependency_sql, error) : NULL;

  if (dependency == NULL)
    return FALSE;
  for (guint card = 1; card <= g->size->n_cards; card++)
    {
      guint n_deps = chance (g, 0.03) ? 1 + below (g, 2) : 0;

      if (!write_links (g, org, card, 1 + below (g, 3), G_N_ELEMENTS (organizations), error) ||
          !write_links (g, category, card, below (g, 4), g->size->n_categories, error) ||
          !write_links (g, incident, card, below (g, 6), g->size->n_incidents, error) ||
          !write_links (g, dependency, card, n_deps, g->size->n_cards, error))
        return FALSE;
    }
  return TRUE;
}

/* The date of the @index-th of @n history entries: from 2020-07-01 to 2024-06-30 in
 * order, as a plan records its changes, so that row order is date order. */
static void
make_history_date (GString *out,
                   guint    index,
                   guint    n)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JULY, 2020);
  g_date_add_days (&date, (guint) ((guint64) index * 1460 / MAX (n, 1)));
  g_string_printf (out, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                   g_date_get_day (&date));
}

/* About one change-history entry per card, dated within the roadmap's years. */
static gboolean
write_history (Generator  *g,
               GError    **error)
{
  static const char sql[] =
    "INSERT INTO history (id, uid, date, kind, card_id, subject, from_period_id, to_period_id,"
    " from_step_id, to_step_id, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static const char title_sql[] = "SELECT title FROM card WHERE id = ?";
  sqlite3_stmt *stmt = ap_store_prepare (g->store, sql, error);
  sqlite3_stmt *title;

  if (stmt == NULL || (title = ap_store_prepare (g->store, title_sql, error)) == NULL)
    return FALSE;
  for (guint h = 1; h <= g->size->n_cards; h++)
    {
      guint card = 1 + below (g, g->size->n_cards);
      guint kind = chance (g, 0.55) ? 0 : 1 + below (g, G_N_ELEMENTS (history_kinds) - 1);
      gint64 to_period = g->card_period[card - 1], to_step = g->card_step[card - 1];
      gint64 from_period = kind == 0 ? 0 : 1 + below (g, g->n_periods);
      gint64 from_step = kind == 0 ? 0 : (kind == 3 ? 1 + below (g, g->n_steps) : to_step);
      gboolean removed = g_str_equal (history_kinds[kind], "removed");

      sqlite3_bind_int64 (title, 1, card);
      if (sqlite3_step (title) != SQLITE_ROW)
        return ap_store_set_error (g->store, error, "read card");
      g_string_assign (g->text[0], (const char *) sqlite3_column_text (title, 0));
      sqlite3_reset (title);
      make_history_date (g->text[1], h - 1, g->size->n_cards);
      if (chance (g, 0.6))
        g_string_truncate (g->text[2], 0);
      else
        make_text (g, g->text[2], 1, 1);

      sqlite3_bind_int64 (stmt, 1, h);
      bind_uid (stmt, 2, "history", h);
      bind_string (stmt, 3, g->text[1]);
      sqlite3_bind_text (stmt, 4, history_kinds[kind], -1, SQLITE_STATIC);
      bind_optional_int (stmt, 5, removed ? 0 : card);
      bind_string (stmt, 6, g->text[0]);
      bind_optional_int (stmt, 7, from_period);
      bind_optional_int (stmt, 8, removed ? 0 : to_period);
      bind_optional_int (stmt, 9, from_step);
      bind_optional_int (stmt, 10, removed ? 0 : to_step);
      bind_string (stmt, 11, g->text[2]);
      if (!ap_store_step_done (g->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (Generator  *g,
           GError    **error)
{
  /* Parents before children: the store enforces foreign keys as rows are written. The
   * search index is built once at the end, as a snapshot import builds it: its triggers
   * would index an incident again for each of its anecdotes and tickets. */
  return ap_store_exec (g->store, ap_schema_fts_suspend, error) &&
         write_plan_info (g, error) &&
         write_organizations (g, error) &&
         write_columns (g, error) &&
         write_rows_and_stages (g, error) &&
         write_categories (g, error) &&
         write_incidents (g, error) &&
         write_cards (g, error) &&
         write_card_links (g, error) &&
         write_history (g, error) &&
         ap_store_exec (g->store, ap_schema_fts_resume, error);
}

/**
 * ap_bench_generate:
 * @store: an empty plan
 * @size: how many cards, incidents and pain categories
 *
 * Fills @store with a synthetic plan in one transaction. The same @size always gives
 * the same rows.
 */
gboolean
ap_bench_generate (ApStore            *store,
                   const ApBenchSize  *size,
                   GError            **error)
{
  Generator g = { 0 };
  gboolean ok;

  g_return_val_if_fail (AP_IS_STORE (store), FALSE);
  g_return_val_if_fail (size->n_categories > 0 && size->n_incidents > 0, FALSE);

  if (!ap_store_is_empty (store))
    {
      g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID,
                   "%s: the plan is not empty", ap_store_get_path (store));
      return FALSE;
    }

  g.store = store;
  g.size = size;
  g.rand = g_rand_new_with_seed (SEED);
  for (guint i = 0; i < G_N_ELEMENTS (g.text); i++)
    g.text[i] = g_string_sized_new (512);
  g.card_step = g_new0 (gint64, MAX (size->n_cards, 1));
  g.card_period = g_new0 (gint64, MAX (size->n_cards, 1));

  ok = ap_store_begin (store, error);
  if (ok && !(write_all (&g, error) && ap_store_commit (store, error)))
    {
      ap_store_rollback (store);
      ok = FALSE;
    }

  g_free (g.card_period);
  g_free (g.card_step);
  g_free (g.cell_count);
  for (guint i = 0; i < G_N_ELEMENTS (g.text); i++)
    g_string_free (g.text[i], TRUE);
  g_rand_free (g.rand);
  return ok;
}

/* Creates the plan file @path (which must not exist yet) holding a synthetic plan. */
gboolean
ap_bench_generate_file (const char         *path,
                        const ApBenchSize  *size,
                        GError            **error)
{
  g_autoptr(ApStore) store = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   "%s exists already; the generator only writes new plans", path);
      return FALSE;
    }
  store = ap_store_open (path, AP_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  /* Leave a self-contained file: move the WAL into it before the store closes. */
  return ap_bench_generate (store, size, error) &&
         ap_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", error);
}
