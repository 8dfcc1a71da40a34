/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ap-json-reader.h"
#include "snapshot-fixture.h"

/* Every way a snapshot is refused, one test per kind of problem: each checks the error
 * code, the exact message (where and what) and that the plan is unchanged, byte for
 * byte. */

static char *
edit_small (const char *old,
            const char *replacement)
{
  return ap_test_replace_once (ap_test_small_snapshot, old, replacement);
}

/* Importing @text over the small plan fails with @code and exactly @message, and leaves
 * the plan as it was, byte for byte. */
static void
assert_refused (const char      *text,
                gsize            len,
                ApSnapshotError  code,
                const char      *message)
{
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autofree char *before = ap_test_export (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ap_snapshot_import (store, text, len, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (ap_store_in_transaction (store));

  after = ap_test_export (store);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_refused_text (const char      *text,
                     ApSnapshotError  code,
                     const char      *message)
{
  assert_refused (text, strlen (text), code, message);
}

/* Refusals: text that is not JSON -------------------------------------------------- */

static void
test_refuse_not_json (void)
{
  assert_refused_text ("this is not JSON\n", AP_SNAPSHOT_ERROR_PARSE,
                       "1:1: expected a JSON value, found 'this'");
  assert_refused_text ("", AP_SNAPSHOT_ERROR_PARSE, "1:1: the document is empty");
  assert_refused_text ("{\n  \"format\": \"archplan-snapshot\",\n  \"version\": 1\n",
                       AP_SNAPSHOT_ERROR_PARSE,
                       "4:1: expected ',' or '}' after an object member, found the end of the document");
  assert_refused_text ("[1, 2,]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:7: expected a JSON value after ',', found ']'");
  assert_refused_text ("{\"a\": 1,}", AP_SNAPSHOT_ERROR_PARSE,
                       "1:9: expected a member name in double quotes after ',', found '}'");
  assert_refused_text ("[01]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:2: invalid number: leading zeros are not allowed");
  assert_refused_text ("[NaN]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:2: expected a JSON value, found 'NaN'");
  assert_refused_text ("\"a\tb\"", AP_SNAPSHOT_ERROR_PARSE,
                       "1:3: unescaped control character U+0009 in a string");
  assert_refused_text ("[\"\\ud800\"]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:3: \\uD800 is the first half of a surrogate pair without the second");
  assert_refused_text ("[99999999999999999999]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:2: the integer 99999999999999999999 is out of range");
}

static void
test_refuse_trailing_garbage (void)
{
  g_autofree char *text = g_strconcat (ap_test_small_snapshot, "x", NULL);
  g_autofree char *message = NULL;
  guint lines = 1;

  for (const char *p = ap_test_small_snapshot; *p != '\0'; p++)
    lines += *p == '\n';
  message = g_strdup_printf ("%u:1: more text after the JSON value (a document holds one value): "
                             "found 'x'", lines);
  assert_refused_text (text, AP_SNAPSHOT_ERROR_PARSE, message);
  assert_refused_text ("{} {}", AP_SNAPSHOT_ERROR_PARSE,
                       "1:4: more text after the JSON value (a document holds one value): found '{'");
}

static void
test_refuse_single_quotes (void)
{
  g_autofree char *text = edit_small ("\"format\": \"archplan-snapshot\"",
                                      "\"format\": 'archplan-snapshot'");

  assert_refused_text (text, AP_SNAPSHOT_ERROR_PARSE,
                       "2:13: expected a JSON value, found a single quote (JSON strings take "
                       "double quotes)");
  assert_refused_text ("{'format': 1}", AP_SNAPSHOT_ERROR_PARSE,
                       "1:2: expected a member name in double quotes or '}', found a single "
                       "quote (JSON strings take double quotes)");
}

static void
test_refuse_javascript (void)
{
  g_autofree char *text = g_strconcat ("var x = ", ap_test_small_snapshot, ";", NULL);

  assert_refused_text (text, AP_SNAPSHOT_ERROR_PARSE, "1:1: expected a JSON value, found 'var'");
}

static void
test_refuse_duplicate_key (void)
{
  g_autofree char *text = edit_small ("  \"version\": 1,\n",
                                      "  \"version\": 1,\n  \"version\": 1,\n");
  GString *wide = g_string_new ("{");

  assert_refused_text (text, AP_SNAPSHOT_ERROR_PARSE, "4:3: duplicate member name \"version\"");

  /* Objects with many members find duplicates another way: check it too. */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (wide, "\"k%u\": %u, ", i, i);
  g_string_append (wide, "\"k42\": 0}");
  assert_refused_text (wide->str, AP_SNAPSHOT_ERROR_PARSE, "1:1082: duplicate member name \"k42\"");
  g_string_free (wide, TRUE);
}

static void
test_refuse_invalid_utf8 (void)
{
  g_autofree char *text = edit_small ("Ünïcödé", "\xc3\x9cn\xff");
  const char *at = strstr (text, "\xff");
  g_autofree char *message = NULL;
  guint line = 1, column = 1;

  for (const char *p = text; p < at; p++)
    {
      if (*p == '\n')
        line++, column = 1;
      else if ((*p & 0xc0) != 0x80)
        column++;
    }
  message = g_strdup_printf ("%u:%u: invalid UTF-8 (byte 0xFF at offset %u)", line, column,
                             (guint) (at - text));
  assert_refused_text (text, AP_SNAPSHOT_ERROR_PARSE, message);

  assert_refused_text ("{\"a\": \"\xc3\xa9\xff\"}", AP_SNAPSHOT_ERROR_PARSE,
                       "1:9: invalid UTF-8 (byte 0xFF at offset 9)");
  /* An overlong '/', a UTF-16 surrogate, a sequence cut short, a byte outside strings. */
  assert_refused_text ("[\"\xc0\xaf\"]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:3: invalid UTF-8 (byte 0xC0 at offset 2)");
  assert_refused_text ("[\"\xed\xa0\x80\"]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:3: invalid UTF-8 (byte 0xED at offset 2)");
  assert_refused_text ("[\"\xe2\x9c\"]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:3: invalid UTF-8 (byte 0xE2 at offset 2)");
  assert_refused_text ("[\x80]", AP_SNAPSHOT_ERROR_PARSE,
                       "1:2: invalid UTF-8 (byte 0x80 at offset 1)");
}

static void
test_refuse_too_deep (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *open = g_strnfill (64, '[');
  g_autofree char *close = g_strnfill (64, ']');
  g_autofree char *fine = g_strconcat (open, close, NULL);
  g_autofree char *too_deep = g_strconcat ("[", fine, "]", NULL);

  assert_refused_text (deep, AP_SNAPSHOT_ERROR_PARSE,
                       "1:65: nested too deeply (more than 64 levels)");
  /* 64 levels parse (and then are no snapshot); 65 do not. */
  assert_refused_text (fine, AP_SNAPSHOT_ERROR_NOT_SNAPSHOT,
                       "$: not an Archplan snapshot: the document is an array, not an object");
  assert_refused_text (too_deep, AP_SNAPSHOT_ERROR_PARSE,
                       "1:65: nested too deeply (more than 64 levels)");
}

static void
test_refuse_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("archplan-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autofree char *big = g_strnfill (2048, ' ');
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autofree char *before = ap_test_export (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  /* The limit is lowered so that a small snapshot exceeds it. GLib puts a no-break
   * space between a size and its unit. */
  ap_snapshot_set_max_size_for_testing (1000);
  g_assert_false (ap_snapshot_import (store, big, 1001, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "the snapshot is too large (1001 bytes; the limit is 1000 bytes)");
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, big, -1, NULL));
  ap_snapshot_set_max_size_for_testing (1024);
  g_assert_false (ap_snapshot_check_file_size (path, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "the snapshot is too large (2.0\u00a0KiB; the limit is 1.0\u00a0KiB)");
  g_clear_error (&error);
  g_assert_false (ap_snapshot_import_file (store, path, &error));
  g_assert_error (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_TOO_LARGE);
  ap_snapshot_set_max_size_for_testing (0);

  after = ap_test_export (store);
  g_assert_cmpstr (after, ==, before);
  g_unlink (path);
  g_rmdir (dir);
}

/* Refusals: JSON that is not a valid snapshot ------------------------------------- */

typedef struct
{
  const char      *name;
  const char      *old;         /* what to change in the small snapshot */
  const char      *replacement;
  ApSnapshotError  code;
  const char      *message;
} Edit;

static const Edit edits[] = {
  { "wrong-type", "\"title\": \"Second in the cell\"", "\"title\": 42",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[1].title: must be a string, not an integer" },
  { "wrong-type-plan", "\"title\": \"Test plan\"", "\"title\": null",
    AP_SNAPSHOT_ERROR_INVALID, "$.plan.title: must be a string, not null" },
  { "wrong-type-boolean", "\"backlog\": false", "\"backlog\": 0",
    AP_SNAPSHOT_ERROR_INVALID, "$.periods[0].backlog: must be true or false, not an integer" },
  { "wrong-type-array", "\"tickets\": []", "\"tickets\": {}",
    AP_SNAPSHOT_ERROR_INVALID, "$.incidents[1].tickets: must be an array, not an object" },
  { "wrong-type-element", "\"initiatives\": [\n", "\"initiatives\": [\n    \"ini-0\",\n",
    AP_SNAPSHOT_ERROR_INVALID, "$.initiatives[0]: must be an object, not a string" },
  { "not-integer", "\"occurrences\": 2", "\"occurrences\": 2.5",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.incidents[0].occurrences: must be an integer or null, not a number with a fraction or an exponent" },
  { "missing-member", "      \"stage_text\": \"Adopt via Automated-Feedback\",\n", "",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[2]: missing member \"stage_text\"" },
  { "missing-id", "      \"id\": \"ini-1\",\n", "",
    AP_SNAPSHOT_ERROR_INVALID, "$.initiatives[0]: missing member \"id\"" },
  { "unknown-member", "\"footnote\": 1", "\"footnote\": 1, \"colour\": \"red\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.organizations[0]: unknown member \"colour\"" },
  { "unknown-top-level", "\"history\": [", "\"histories\": [",
    AP_SNAPSHOT_ERROR_INVALID, "$: unknown member \"histories\"" },
  { "duplicate-id", "\"id\": \"card-3\"", "\"id\": \"card-1\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[1].id: duplicate id \"card-1\" (also at $.cards[0])" },
  { "duplicate-child-id", "\"id\": \"an-3\"", "\"id\": \"an-1\"",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.incidents[1].anecdotes[0].id: duplicate id \"an-1\" (also at $.incidents[0].anecdotes[0])" },
  { "bad-id", "\"id\": \"org-a\"", "\"id\": \"org a\"",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.organizations[0].id: \"org a\" is not a valid id (1 to 128 letters, digits, ‘.’, ‘_’ or ‘-’, "
    "starting with a letter or digit)" },
  { "dangling-reference", "\"period\": \"backlog\"", "\"period\": \"fy23-q9\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[2].period: unknown period \"fy23-q9\"" },
  { "dangling-in-set", "\"depends_on\": [\n        \"card-3\",",
    "\"depends_on\": [\n        \"card-9\",",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[2].depends_on[0]: unknown card \"card-9\"" },
  { "dangling-history", "\"to_step\": \"step-1\"", "\"to_step\": \"step-9\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.history[0].to_step: unknown step \"step-9\"" },
  { "self-dependency",
    "\"depends_on\": [\n        \"card-1\"", "\"depends_on\": [\n        \"card-3\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[1].depends_on[0]: a card cannot depend on itself" },
  { "listed-twice", "\"org-b\",\n        \"org-a\"", "\"org-b\",\n        \"org-b\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.cards[0].organizations[1]: \"org-b\" is listed twice" },
  { "out-of-range", "\"footnote\": 1", "\"footnote\": 1000",
    AP_SNAPSHOT_ERROR_INVALID, "$.organizations[0].footnote: must be between 1 and 999, not 1000" },
  { "negative", "\"occurrences\": 2", "\"occurrences\": -1",
    AP_SNAPSHOT_ERROR_INVALID, "$.incidents[0].occurrences: must be between 0 and 1000000000, not -1" },
  { "empty-name", "\"name\": \"Org A\"", "\"name\": \"\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.organizations[0].name: must not be empty" },
  { "empty-key", "\"key\": \"OPS-1\"", "\"key\": \"\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.incidents[0].tickets[0].key: must not be empty" },
  { "bad-partial-date", "\"date\": \"2021-03\"", "\"date\": \"2020-13-01\"",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.incidents[0].anecdotes[0].date: \"2020-13-01\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" },
  { "bad-date", "\"start\": \"2020-07-01\"", "\"start\": \"2021-02-30\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.periods[0].start: \"2021-02-30\" is not a date (YYYY-MM-DD)" },
  { "not-leap-year", "\"end\": \"2020-09-30\"", "\"end\": \"2021-02-29\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.periods[0].end: \"2021-02-29\" is not a date (YYYY-MM-DD)" },
  { "partial-history-date", "\"date\": \"2020-07-15\"", "\"date\": \"2020-07\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.history[0].date: \"2020-07\" is not a date (YYYY-MM-DD)" },
  { "bad-color", "\"color\": \"#aabbcc\"", "\"color\": \"#AABBCC\"",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.stages[0].color: \"#AABBCC\" is not a color (#rrggbb, in lower-case hexadecimal)" },
  { "short-color", "\"color\": \"#336699\"", "\"color\": \"blue\"",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.organizations[0].color: \"blue\" is not a color (#rrggbb, in lower-case hexadecimal)" },
  { "bad-kind", "\"kind\": \"added\"", "\"kind\": \"exploded\"",
    AP_SNAPSHOT_ERROR_INVALID,
    "$.history[0].kind: \"exploded\" is not a kind of change (added, deferred, moved-up, moved, "
    "replaced or removed)" },
  { "newer-version", "\"version\": 1", "\"version\": 2",
    AP_SNAPSHOT_ERROR_UNSUPPORTED_VERSION,
    "$.version: this snapshot is version 2, written by a newer Archplan; this version reads version 1" },
  { "version-string", "\"version\": 1", "\"version\": \"one\"",
    AP_SNAPSHOT_ERROR_INVALID, "$.version: must be an integer, not a string" },
  { "version-zero", "\"version\": 1", "\"version\": 0",
    AP_SNAPSHOT_ERROR_INVALID, "$.version: 0 is not a snapshot version (this version reads version 1)" },
  { "wrong-format", "\"format\": \"archplan-snapshot\"", "\"format\": \"other-app\"",
    AP_SNAPSHOT_ERROR_NOT_SNAPSHOT,
    "$.format: not an Archplan snapshot: expected \"archplan-snapshot\", found \"other-app\"" },
  { "missing-format", "\"format\": \"archplan-snapshot\",", "",
    AP_SNAPSHOT_ERROR_NOT_SNAPSHOT, "$: not an Archplan snapshot: missing member \"format\"" },
};

static void
test_refuse_edit (gconstpointer data)
{
  const Edit *edit = data;
  g_autofree char *text = edit_small (edit->old, edit->replacement);

  assert_refused_text (text, edit->code, edit->message);
}

static void
test_refuse_long_name (void)
{
  g_autoptr(GString) name = g_string_new ("\"name\": \"");
  g_autofree char *text = NULL;
  g_autoptr(ApStore) store = NULL;

  /* Lengths count characters: 1000 two-byte characters are fine, 1001 are not. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (name, "é");
  text = edit_small ("\"name\": \"Org A", name->str);
  store = ap_test_new_store_with (text);
  g_free (text);

  g_string_append (name, "é");
  text = edit_small ("\"name\": \"Org A", name->str);
  assert_refused_text (text, AP_SNAPSHOT_ERROR_INVALID,
                       "$.organizations[0].name: is too long (1001 characters; the limit is 1000)");
}

/* A failure while writing rolls the whole import back. */
static void
test_refuse_store_failure (void)
{
  g_autoptr(ApStore) store = ap_test_new_store_with (ap_test_small_snapshot);
  g_autofree char *before = ap_test_export (store);
  g_autofree char *plan = ap_test_generate_plan (20, 10);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ap_store_exec (store, "CREATE TEMP TRIGGER no_tickets BEFORE INSERT ON ticket"
                                " BEGIN SELECT RAISE (ABORT, 'no tickets today'); END", &error));
  g_assert_false (ap_snapshot_import (store, plan, strlen (plan), &error));
  g_assert_error (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID);
  g_assert_false (ap_store_in_transaction (store));
  g_clear_error (&error);
  g_assert_true (ap_store_exec (store, "DROP TRIGGER no_tickets", &error));

  after = ap_test_export (store);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot/refuse/not-json", test_refuse_not_json);
  g_test_add_func ("/snapshot/refuse/trailing-garbage", test_refuse_trailing_garbage);
  g_test_add_func ("/snapshot/refuse/single-quotes", test_refuse_single_quotes);
  g_test_add_func ("/snapshot/refuse/javascript", test_refuse_javascript);
  g_test_add_func ("/snapshot/refuse/duplicate-key", test_refuse_duplicate_key);
  g_test_add_func ("/snapshot/refuse/invalid-utf8", test_refuse_invalid_utf8);
  g_test_add_func ("/snapshot/refuse/too-deep", test_refuse_too_deep);
  g_test_add_func ("/snapshot/refuse/too-large", test_refuse_too_large);
  g_test_add_func ("/snapshot/refuse/long-name", test_refuse_long_name);
  g_test_add_func ("/snapshot/refuse/store-failure", test_refuse_store_failure);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("/snapshot/refuse/%s", edits[i].name);

      g_test_add_data_func (name, &edits[i], test_refuse_edit);
    }

  return g_test_run ();
}
