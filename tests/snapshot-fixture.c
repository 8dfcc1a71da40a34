/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "snapshot-fixture.h"

/* A snapshot in the canonical form (json.dumps (…, indent=2, ensure_ascii=False)) that
 * uses every kind of entity, every reference and every null. */
const char ap_test_small_snapshot[] =
  "{\n"
  "  \"format\": \"archplan-snapshot\",\n"
  "  \"version\": 1,\n"
  "  \"plan\": {\n"
  "    \"title\": \"Test plan\",\n"
  "    \"description\": \"Made by test-snapshot.c\",\n"
  "    \"ticket_url_template\": \"https://tickets.example.org/browse/%s\"\n"
  "  },\n"
  "  \"organizations\": [\n"
  "    {\n"
  "      \"id\": \"org-a\",\n"
  "      \"name\": \"Org A\",\n"
  "      \"color\": \"#336699\",\n"
  "      \"footnote\": 1\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"org-b\",\n"
  "      \"name\": \"Org B\",\n"
  "      \"color\": \"#996633\",\n"
  "      \"footnote\": null\n"
  "    }\n"
  "  ],\n"
  "  \"activities\": [\n"
  "    {\n"
  "      \"id\": \"act-1\",\n"
  "      \"name\": \"Build\",\n"
  "      \"subtitle\": \"Everything before a deploy\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"act-2\",\n"
  "      \"name\": \"Run\",\n"
  "      \"subtitle\": \"\"\n"
  "    }\n"
  "  ],\n"
  "  \"steps\": [\n"
  "    {\n"
  "      \"id\": \"step-1\",\n"
  "      \"activity\": \"act-1\",\n"
  "      \"name\": \"Write code\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"step-2\",\n"
  "      \"activity\": \"act-1\",\n"
  "      \"name\": \"Review code\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"step-3\",\n"
  "      \"activity\": \"act-2\",\n"
  "      \"name\": \"Deploy change\"\n"
  "    }\n"
  "  ],\n"
  "  \"periods\": [\n"
  "    {\n"
  "      \"id\": \"p1\",\n"
  "      \"name\": \"FY21 Q1 (Jul-Sep)\",\n"
  "      \"start\": \"2020-07-01\",\n"
  "      \"end\": \"2020-09-30\",\n"
  "      \"backlog\": false\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"backlog\",\n"
  "      \"name\": \"Backlog\",\n"
  "      \"start\": null,\n"
  "      \"end\": null,\n"
  "      \"backlog\": true\n"
  "    }\n"
  "  ],\n"
  "  \"stages\": [\n"
  "    {\n"
  "      \"id\": \"spike\",\n"
  "      \"name\": \"Spike\",\n"
  "      \"color\": \"#aabbcc\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"adopt\",\n"
  "      \"name\": \"Adopt\",\n"
  "      \"color\": \"#33cc66\"\n"
  "    }\n"
  "  ],\n"
  "  \"initiatives\": [\n"
  "    {\n"
  "      \"id\": \"ini-1\",\n"
  "      \"name\": \"Message bus\",\n"
  "      \"notes\": \"One card per phase\"\n"
  "    }\n"
  "  ],\n"
  "  \"cards\": [\n"
  "    {\n"
  "      \"id\": \"card-1\",\n"
  "      \"title\": \"Try a message bus\",\n"
  "      \"stage\": \"spike\",\n"
  "      \"stage_text\": \"\",\n"
  "      \"step\": \"step-1\",\n"
  "      \"period\": \"p1\",\n"
  "      \"notes\": \"Ünïcödé ✓ \\\"quoted\\\"\",\n"
  "      \"organizations\": [\n"
  "        \"org-b\",\n"
  "        \"org-a\"\n"
  "      ],\n"
  "      \"initiative\": \"ini-1\",\n"
  "      \"categories\": [\n"
  "        \"cat-1\"\n"
  "      ],\n"
  "      \"incidents\": [\n"
  "        \"inc-2\",\n"
  "        \"inc-1\"\n"
  "      ],\n"
  "      \"depends_on\": []\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"card-3\",\n"
  "      \"title\": \"Second in the cell\",\n"
  "      \"stage\": null,\n"
  "      \"stage_text\": \"\",\n"
  "      \"step\": \"step-1\",\n"
  "      \"period\": \"p1\",\n"
  "      \"notes\": \"\",\n"
  "      \"organizations\": [],\n"
  "      \"initiative\": null,\n"
  "      \"categories\": [],\n"
  "      \"incidents\": [],\n"
  "      \"depends_on\": [\n"
  "        \"card-1\"\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"card-2\",\n"
  "      \"title\": \"Adopt the bus\",\n"
  "      \"stage\": \"adopt\",\n"
  "      \"stage_text\": \"Adopt via Automated-Feedback\",\n"
  "      \"step\": \"step-3\",\n"
  "      \"period\": \"backlog\",\n"
  "      \"notes\": \"line 1\\nline 2\",\n"
  "      \"organizations\": [\n"
  "        \"org-a\"\n"
  "      ],\n"
  "      \"initiative\": \"ini-1\",\n"
  "      \"categories\": [\n"
  "        \"cat-2\",\n"
  "        \"cat-1\"\n"
  "      ],\n"
  "      \"incidents\": [],\n"
  "      \"depends_on\": [\n"
  "        \"card-3\",\n"
  "        \"card-1\"\n"
  "      ]\n"
  "    }\n"
  "  ],\n"
  "  \"pain_categories\": [\n"
  "    {\n"
  "      \"id\": \"cat-1\",\n"
  "      \"name\": \"Deploys\",\n"
  "      \"status\": \"Progress\",\n"
  "      \"notes\": \"\",\n"
  "      \"color\": \"#cc3333\",\n"
  "      \"recorded_incidents\": 3\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"cat-2\",\n"
  "      \"name\": \"Observability\",\n"
  "      \"status\": \"\",\n"
  "      \"notes\": \"Logs\",\n"
  "      \"color\": \"#3333cc\",\n"
  "      \"recorded_incidents\": null\n"
  "    }\n"
  "  ],\n"
  "  \"incidents\": [\n"
  "    {\n"
  "      \"id\": \"inc-1\",\n"
  "      \"category\": \"cat-1\",\n"
  "      \"title\": \"Slow deploy\",\n"
  "      \"description\": \"A deploy took a day.\",\n"
  "      \"occurrences\": 2,\n"
  "      \"status\": \"Open\",\n"
  "      \"anecdotes\": [\n"
  "        {\n"
  "          \"id\": \"an-1\",\n"
  "          \"date\": \"2021-03\",\n"
  "          \"approximate\": false,\n"
  "          \"team\": \"Team X\",\n"
  "          \"text\": \"It took hours.\"\n"
  "        },\n"
  "        {\n"
  "          \"id\": \"an-2\",\n"
  "          \"date\": null,\n"
  "          \"approximate\": true,\n"
  "          \"team\": \"\",\n"
  "          \"text\": \"Undated\"\n"
  "        }\n"
  "      ],\n"
  "      \"tickets\": [\n"
  "        {\n"
  "          \"id\": \"t-1\",\n"
  "          \"key\": \"OPS-1\",\n"
  "          \"note\": \"root cause\"\n"
  "        }\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"inc-2\",\n"
  "      \"category\": \"cat-2\",\n"
  "      \"title\": \"No logs\",\n"
  "      \"description\": \"\",\n"
  "      \"occurrences\": null,\n"
  "      \"status\": \"\",\n"
  "      \"anecdotes\": [\n"
  "        {\n"
  "          \"id\": \"an-3\",\n"
  "          \"date\": \"2021-08-13\",\n"
  "          \"approximate\": false,\n"
  "          \"team\": \"Team Y\",\n"
  "          \"text\": \"Blind\"\n"
  "        }\n"
  "      ],\n"
  "      \"tickets\": []\n"
  "    }\n"
  "  ],\n"
  "  \"history\": [\n"
  "    {\n"
  "      \"id\": \"h-1\",\n"
  "      \"date\": \"2020-07-15\",\n"
  "      \"kind\": \"added\",\n"
  "      \"card\": \"card-1\",\n"
  "      \"subject\": \"Try a message bus\",\n"
  "      \"from_period\": null,\n"
  "      \"to_period\": \"p1\",\n"
  "      \"from_step\": null,\n"
  "      \"to_step\": \"step-1\",\n"
  "      \"text\": \"\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"h-2\",\n"
  "      \"date\": \"2020-08-01\",\n"
  "      \"kind\": \"removed\",\n"
  "      \"card\": null,\n"
  "      \"subject\": \"Gone\",\n"
  "      \"from_period\": \"p1\",\n"
  "      \"to_period\": null,\n"
  "      \"from_step\": \"step-2\",\n"
  "      \"to_step\": null,\n"
  "      \"text\": \"Dropped\"\n"
  "    }\n"
  "  ]\n"
  "}\n"
;

ApStore *
ap_test_new_store (void)
{
  g_autoptr(GError) error = NULL;
  ApStore *store = ap_store_new_memory (&error);

  g_assert_no_error (error);
  return store;
}

char *
ap_test_export (ApStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ap_snapshot_export (store, out, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
ap_test_import (ApStore    *store,
             const char *text,
             gsize       len)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ap_snapshot_import (store, text, len, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

ApStore *
ap_test_new_store_with (const char *text)
{
  ApStore *store = ap_test_new_store ();

  ap_test_import (store, text, strlen (text));
  return store;
}

/* @text with the first @old replaced by @replacement. */
char *
ap_test_replace_once (const char *text,
              const char *old,
              const char *replacement)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replacement, at + strlen (old));
}

/* Strings with every character JSON escapes or must not, including U+0000. */
static const struct
{
  const char *s;
  gsize       len;
} awkward[] = {
#define AWKWARD(s) { s, sizeof s - 1 }
  AWKWARD ("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15"
           "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"),
  AWKWARD ("quote \" backslash \\ slash / delete \x7f"),
  AWKWARD ("nul \0 inside"),
  AWKWARD ("\"\\\"\\\\\"\n\n"),
  AWKWARD ("été ✓ 😀 \u2028 \u2029 \ufeff"),
  AWKWARD ("12345678\"12345678\\1234567\n"),
  AWKWARD ("plain text that is long enough for the eight-byte scan, with nothing to escape"),
  AWKWARD (""),
#undef AWKWARD
};

/* Writes @s as JSON, one character at a time: an escaper independent of the export's. */
static void
append_naive (GString    *out,
              const char *s,
              gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\b')
        g_string_append (out, "\\b");
      else if (c == '\f')
        g_string_append (out, "\\f");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
append_awkward (GString *out,
                guint    i)
{
  guint n = i % G_N_ELEMENTS (awkward);

  append_naive (out, awkward[n].s, awkward[n].len);
}

/* Names must not be empty: the last awkward string is left out. */
static void
append_awkward_name (GString *out,
                     guint    i)
{
  append_awkward (out, i % (G_N_ELEMENTS (awkward) - 1));
}

/* A compact (one-line) snapshot in canonical order, with @n_cards cards and @n_incidents
 * incidents, awkward text everywhere. */
char *
ap_test_generate_plan (guint n_cards,
               guint n_incidents)
{
  GString *out = g_string_new ("{\"format\":\"archplan-snapshot\",\"version\":1,"
                               "\"plan\":{\"title\":");
  guint anecdote = 0;

  append_awkward_name (out, 4);
  g_string_append (out, ",\"description\":");
  append_awkward (out, 0);
  g_string_append (out, ",\"ticket_url_template\":\"\"},\"organizations\":[");
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (out, "%s{\"id\":\"o%u\",\"name\":\"Org %u\",\"color\":\"#0%u0a0b\","
                            "\"footnote\":%s}", i ? "," : "", i, i, i, i == 1 ? "null" : "7");
  g_string_append (out, "],\"activities\":[{\"id\":\"a0\",\"name\":\"A\",\"subtitle\":");
  append_awkward (out, 1);
  g_string_append (out, "},{\"id\":\"a1\",\"name\":\"B\",\"subtitle\":\"\"}],\"steps\":[");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (out, "%s{\"id\":\"s%u\",\"activity\":\"a%u\",\"name\":\"Step %u\"}",
                            i ? "," : "", i, i / 2, i);
  g_string_append (out, "],\"periods\":[{\"id\":\"p0\",\"name\":\"FY21 Q1\",\"start\":\"2020-02-29\","
                   "\"end\":\"2020-12-31\",\"backlog\":false},{\"id\":\"p1\",\"name\":\"Backlog\","
                   "\"start\":null,\"end\":null,\"backlog\":true}],\"stages\":["
                   "{\"id\":\"spike\",\"name\":\"Spike\",\"color\":\"#abcdef\"}],\"initiatives\":["
                   "{\"id\":\"i0\",\"name\":\"Bus\",\"notes\":");
  append_awkward (out, 2);
  g_string_append (out, "}],\"cards\":[");
  for (guint i = 0; i < n_cards; i++)
    {
      /* Two periods of four steps: eight cells, filled in order. */
      guint cell = i * 8 / n_cards;

      g_string_append_printf (out, "%s{\"id\":\"c%u\",\"title\":", i ? "," : "", i);
      append_awkward_name (out, i + 4);
      g_string_append_printf (out, ",\"stage\":%s,\"stage_text\":\"\",\"step\":\"s%u\","
                              "\"period\":\"p%u\",\"notes\":", i % 2 ? "\"spike\"" : "null",
                              cell % 4, cell / 4);
      append_awkward (out, i);
      g_string_append_printf (out, ",\"organizations\":[%s],\"initiative\":%s,"
                              "\"categories\":[\"k%u\"],\"incidents\":[%s],\"depends_on\":[%s]}",
                              i % 2 ? "\"o2\",\"o0\"" : "", i % 3 ? "null" : "\"i0\"", i % 2,
                              n_incidents > 0 && i % 2 ? "\"n0\"" : "",
                              i > 0 ? "\"c0\"" : "");
    }
  g_string_append (out, "],\"pain_categories\":[{\"id\":\"k0\",\"name\":\"K0\",\"status\":\"\","
                   "\"notes\":\"\",\"color\":\"#000000\",\"recorded_incidents\":0},{\"id\":\"k1\","
                   "\"name\":\"K1\",\"status\":\"Partial\",\"notes\":\"\",\"color\":\"#ffffff\","
                   "\"recorded_incidents\":null}],\"incidents\":[");
  for (guint i = 0; i < n_incidents; i++)
    {
      g_string_append_printf (out, "%s{\"id\":\"n%u\",\"category\":\"k%u\",\"title\":\"Incident %u\","
                              "\"description\":", i ? "," : "", i, i % 2, i);
      append_awkward (out, i + 1);
      g_string_append_printf (out, ",\"occurrences\":%u,\"status\":\"Open\",\"anecdotes\":[",
                              i * 1000);
      for (guint j = 0; j < i % 4; j++, anecdote++)
        {
          g_string_append_printf (out, "%s{\"id\":\"an%u\",\"date\":%s,\"approximate\":%s,\"team\":",
                                  j ? "," : "", anecdote, j == 1 ? "null" : "\"2021-08\"",
                                  j ? "true" : "false");
          append_awkward (out, anecdote);
          g_string_append (out, ",\"text\":");
          append_awkward (out, anecdote + 3);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "],\"tickets\":[");
      for (guint j = 0; j < i % 3; j++)
        g_string_append_printf (out, "%s{\"id\":\"t%u-%u\",\"key\":\"OPS-%u\",\"note\":\"\"}",
                                j ? "," : "", i, j, j);
      g_string_append (out, "]}");
    }
  g_string_append (out, "],\"history\":[{\"id\":\"h0\",\"date\":\"2021-01-01\",\"kind\":\"moved-up\","
                   "\"card\":null,\"subject\":\"Gone\",\"from_period\":\"p1\",\"to_period\":\"p0\","
                   "\"from_step\":\"s0\",\"to_step\":\"s3\",\"text\":");
  append_awkward (out, 5);
  g_string_append (out, "}]}");
  return g_string_free (out, FALSE);
}

