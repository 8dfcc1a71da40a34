/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ap-json-reader.h"

/* The strict JSON reader: what RFC 8259 allows is read exactly, what it does not is
 * refused with the line, the column and the problem. */

static ApJsonDoc *
parse (const char *text,
       gsize       len)
{
  g_autoptr(GError) error = NULL;
  ApJsonDoc *doc = ap_json_doc_parse (text, len, 64, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static const ApJsonNode *
nth_child (const ApJsonNode *node,
           guint             n)
{
  const ApJsonNode *child = ap_json_node_first_child (node);

  g_assert_cmpuint (n, <, node->size);
  while (n-- > 0)
    child = ap_json_node_next_sibling (child);
  return child;
}

static void
test_values (void)
{
  static const char text[] =
    "{\"a\": [1, -0, 9223372036854775807, -9223372036854775808, 1.5, -2e-3, 1E+2, true, false,"
    " null, \"x\", {}, [[]]], \"b\": {\"c\": \"d\"}, \"\": 0}";
  g_autoptr(ApJsonDoc) doc = parse (text, strlen (text));
  const ApJsonNode *root = ap_json_doc_get_root (doc);
  const ApJsonNode *a, *b;

  g_assert_cmpint (root->type, ==, AP_JSON_OBJECT);
  g_assert_cmpuint (root->size, ==, 3);
  g_assert_null (root->key);

  a = nth_child (root, 0);
  g_assert_cmpstr (a->key, ==, "a");
  g_assert_cmpint (a->type, ==, AP_JSON_ARRAY);
  g_assert_cmpuint (a->size, ==, 13);
  g_assert_null (nth_child (a, 0)->key);
  g_assert_cmpint (nth_child (a, 0)->v.i, ==, 1);
  g_assert_cmpint (nth_child (a, 1)->type, ==, AP_JSON_INTEGER);
  g_assert_cmpint (nth_child (a, 1)->v.i, ==, 0);
  g_assert_cmpint (nth_child (a, 2)->v.i, ==, G_MAXINT64);
  g_assert_cmpint (nth_child (a, 3)->v.i, ==, G_MININT64);
  g_assert_cmpint (nth_child (a, 4)->type, ==, AP_JSON_DOUBLE);
  g_assert_cmpfloat (nth_child (a, 4)->v.d, ==, 1.5);
  g_assert_cmpfloat (nth_child (a, 5)->v.d, ==, -0.002);
  /* Written with an exponent: a double, although its value is whole. */
  g_assert_cmpint (nth_child (a, 6)->type, ==, AP_JSON_DOUBLE);
  g_assert_cmpfloat (nth_child (a, 6)->v.d, ==, 100.0);
  g_assert_cmpint (nth_child (a, 7)->type, ==, AP_JSON_BOOLEAN);
  g_assert_true (nth_child (a, 7)->v.b);
  g_assert_false (nth_child (a, 8)->v.b);
  g_assert_cmpint (nth_child (a, 9)->type, ==, AP_JSON_NULL);
  g_assert_cmpstr (nth_child (a, 10)->v.s, ==, "x");
  g_assert_cmpuint (nth_child (a, 11)->size, ==, 0);
  g_assert_null (ap_json_node_first_child (nth_child (a, 11)));
  g_assert_cmpuint (nth_child (nth_child (a, 12), 0)->size, ==, 0);

  /* Siblings are found past whole subtrees; members keep their order. */
  b = ap_json_node_next_sibling (a);
  g_assert_cmpstr (b->key, ==, "b");
  g_assert_cmpstr (ap_json_object_get_member (b, "c")->v.s, ==, "d");
  g_assert_true (ap_json_object_get_member (root, "b") == b);
  g_assert_cmpuint (ap_json_object_get_member (root, "")->key_len, ==, 0);
  g_assert_null (ap_json_object_get_member (root, "c"));
  /* The root, "a" with its 13 elements and the [] inside [[]], "b" and "c", "". */
  g_assert_cmpuint (root->skip, ==, 1 + 15 + 2 + 1);
}

static void
test_strings (void)
{
  static const char text[] = "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00 \\u0000 é\", \"\"]";
  static const char expected[] = "\" \\ / \b \f \n \r \t é 😀 \0 é";
  g_autoptr(ApJsonDoc) doc = parse (text, strlen (text));
  const ApJsonNode *s = nth_child (ap_json_doc_get_root (doc), 0);

  g_assert_cmpint (s->type, ==, AP_JSON_STRING);
  g_assert_cmpuint (s->size, ==, sizeof expected - 1);
  g_assert_cmpmem (s->v.s, s->size, expected, sizeof expected - 1);
  g_assert_cmpint (s->v.s[s->size], ==, '\0');
  g_assert_cmpuint (nth_child (ap_json_doc_get_root (doc), 1)->size, ==, 0);
}

static void
test_whitespace_and_bom (void)
{
  g_autoptr(ApJsonDoc) doc = parse ("\xef\xbb\xbf \t\r\n[ 1 ,\n2 ]\n", 17);
  g_autoptr(ApJsonDoc) scalar = parse ("42", 2);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ap_json_doc_get_root (doc)->size, ==, 2);
  g_assert_cmpint (ap_json_doc_get_root (scalar)->v.i, ==, 42);

  /* Columns start after the byte order mark; offsets count it. */
  g_assert_null (ap_json_doc_parse ("\xef\xbb\xbf[\xff]", 6, 64, &error));
  g_assert_error (error, AP_JSON_ERROR, AP_JSON_ERROR_INVALID_UTF8);
  g_assert_cmpstr (error->message, ==, "1:2: invalid UTF-8 (byte 0xFF at offset 4)");
}

typedef struct
{
  const char  *text;
  ApJsonError  code;
  const char  *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "", AP_JSON_ERROR_SYNTAX, "1:1: the document is empty" },
  { " \n ", AP_JSON_ERROR_SYNTAX, "1:1: the document is empty" },
  { "hello", AP_JSON_ERROR_SYNTAX, "1:1: expected a JSON value, found 'hello'" },
  { "{} {}", AP_JSON_ERROR_SYNTAX,
    "1:4: more text after the JSON value (a document holds one value): found '{'" },
  { "[1]\n[2]", AP_JSON_ERROR_SYNTAX,
    "2:1: more text after the JSON value (a document holds one value): found '['" },
  { "{'a': 1}", AP_JSON_ERROR_SYNTAX,
    "1:2: expected a member name in double quotes or '}', found a single quote (JSON strings "
    "take double quotes)" },
  { "['a']", AP_JSON_ERROR_SYNTAX,
    "1:2: expected a JSON value, found a single quote (JSON strings take double quotes)" },
  { "var x = {};", AP_JSON_ERROR_SYNTAX, "1:1: expected a JSON value, found 'var'" },
  { "{a: 1}", AP_JSON_ERROR_SYNTAX,
    "1:2: expected a member name in double quotes or '}', found 'a'" },
  { "{\"a\" 1}", AP_JSON_ERROR_SYNTAX, "1:6: expected ':' after the member name, found '1'" },
  { "{\"a\": 1 \"b\": 2}", AP_JSON_ERROR_SYNTAX,
    "1:9: expected ',' or '}' after an object member, found '\"'" },
  { "[1 2]", AP_JSON_ERROR_SYNTAX, "1:4: expected ',' or ']' after an array element, found '2'" },
  { "[1,]", AP_JSON_ERROR_SYNTAX, "1:4: expected a JSON value after ',', found ']'" },
  { "{\"a\": 1,}", AP_JSON_ERROR_SYNTAX,
    "1:9: expected a member name in double quotes after ',', found '}'" },
  { "[", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found the end of the document" },
  { "{\"a\": 1, \"a\": 2}", AP_JSON_ERROR_DUPLICATE_MEMBER, "1:10: duplicate member name \"a\"" },
  { "[tru]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found 'tru'" },
  { "[nullx]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found 'nullx'" },
  { "[True]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found 'True'" },
  { "[Infinity]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found 'Infinity'" },
  { "[+1]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found '+'" },
  { "[.5]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found '.'" },
  { "[0x10]", AP_JSON_ERROR_SYNTAX, "1:3: expected ',' or ']' after an array element, found 'x10'" },
  { "[012]", AP_JSON_ERROR_SYNTAX, "1:2: invalid number: leading zeros are not allowed" },
  { "[-]", AP_JSON_ERROR_SYNTAX, "1:3: invalid number: a digit must follow '-'" },
  { "[1.]", AP_JSON_ERROR_SYNTAX, "1:4: invalid number: a digit must follow the decimal point" },
  { "[1e+]", AP_JSON_ERROR_SYNTAX, "1:5: invalid number: a digit must follow the exponent's 'e'" },
  { "[9223372036854775808]", AP_JSON_ERROR_OUT_OF_RANGE,
    "1:2: the integer 9223372036854775808 is out of range" },
  { "[-9223372036854775809]", AP_JSON_ERROR_OUT_OF_RANGE,
    "1:2: the integer -9223372036854775809 is out of range" },
  { "[1e400]", AP_JSON_ERROR_OUT_OF_RANGE, "1:2: the number 1e400 is out of range" },
  { "\"abc", AP_JSON_ERROR_SYNTAX, "1:1: unterminated string (the document ends inside it)" },
  { "\"a\nb\"", AP_JSON_ERROR_SYNTAX, "1:3: unescaped control character U+000A in a string" },
  { "\"\\x\"", AP_JSON_ERROR_SYNTAX, "1:2: invalid escape '\\x' in a string" },
  { "\"\\u12\"", AP_JSON_ERROR_SYNTAX,
    "1:2: invalid \\u escape (four hexadecimal digits must follow it)" },
  { "\"\\ud800\"", AP_JSON_ERROR_SYNTAX,
    "1:2: \\uD800 is the first half of a surrogate pair without the second" },
  { "\"\\ud800\\u0041\"", AP_JSON_ERROR_SYNTAX,
    "1:2: \\uD800 is the first half of a surrogate pair without the second" },
  { "\"\\udc00\"", AP_JSON_ERROR_SYNTAX,
    "1:2: \\uDC00 is the second half of a surrogate pair without the first" },
  { "[\"\xc3\x28\"]", AP_JSON_ERROR_INVALID_UTF8, "1:3: invalid UTF-8 (byte 0xC3 at offset 2)" },
  { "[\"\xf4\x90\x80\x80\"]", AP_JSON_ERROR_INVALID_UTF8,
    "1:3: invalid UTF-8 (byte 0xF4 at offset 2)" },
  { "\n\n  [\"éé\",\xed\xa0\x80]", AP_JSON_ERROR_INVALID_UTF8,
    "3:9: invalid UTF-8 (byte 0xED at offset 12)" },
  { "[é]", AP_JSON_ERROR_SYNTAX, "1:2: expected a JSON value, found 'é'" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(ApJsonDoc) doc = ap_json_doc_parse (bad->text, strlen (bad->text), 64, &error);

      g_assert_null (doc);
      g_assert_error (error, AP_JSON_ERROR, (gint) bad->code);
      g_assert_cmpstr (error->message, ==, bad->message);
    }
}

/* A NUL byte is not JSON outside strings, and is counted like any other byte. */
static void
test_nul_outside_strings (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ap_json_doc_parse ("[1,\0]", 5, 64, &error));
  g_assert_error (error, AP_JSON_ERROR, AP_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "1:4: expected a JSON value after ',', found U+0000");
}

static void
test_depth (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *open = g_strnfill (64, '[');
  g_autofree char *close = g_strnfill (64, ']');
  g_autofree char *fine = g_strconcat (open, close, NULL);
  g_autoptr(ApJsonDoc) doc = parse (fine, strlen (fine));
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ap_json_doc_get_root (doc)->skip, ==, 64);

  /* 100,000 levels do not crash: the limit is checked before anything nests. */
  g_assert_null (ap_json_doc_parse (deep, strlen (deep), 64, &error));
  g_assert_error (error, AP_JSON_ERROR, AP_JSON_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "1:65: nested too deeply (more than 64 levels)");
  g_clear_error (&error);

  g_assert_null (ap_json_doc_parse ("{\"a\": [1]}", 10, 1, &error));
  g_assert_error (error, AP_JSON_ERROR, AP_JSON_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "1:7: nested too deeply (more than 1 levels)");
}

/* Big objects look for duplicate names in a hash table: both ways must agree. */
static void
test_duplicates (void)
{
  static const char nested[] = "{\"a\": {\"a\": 1}, \"b\": {\"a\": {\"a\": 2}}}";
  g_autoptr(ApJsonDoc) doc = parse (nested, strlen (nested));

  for (guint n = 2; n < 60; n += 3)
    for (guint dup = 0; dup < n; dup += 7)
      {
        g_autoptr(GString) members = g_string_new (NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(ApJsonDoc) fine = NULL;
        g_autoptr(ApJsonDoc) refused = NULL;
        g_autofree char *text = NULL;
        g_autofree char *message = NULL;

        for (guint i = 0; i < n; i++)
          g_string_append_printf (members, "%s\"k%u\":%u", i ? "," : "", i, i);
        text = g_strdup_printf ("{%s}", members->str);
        fine = parse (text, strlen (text));
        g_assert_cmpuint (ap_json_doc_get_root (fine)->size, ==, n);

        g_free (text);
        text = g_strdup_printf ("{%s,\"k%u\":0}", members->str, dup);
        message = g_strdup_printf ("1:%u: duplicate member name \"k%u\"",
                                   (guint) members->len + 3, dup);
        refused = ap_json_doc_parse (text, strlen (text), 64, &error);
        g_assert_null (refused);
        g_assert_error (error, AP_JSON_ERROR, AP_JSON_ERROR_DUPLICATE_MEMBER);
        g_assert_cmpstr (error->message, ==, message);
      }

  /* Names that differ only after a U+0000 are different names. */
  g_clear_pointer (&doc, ap_json_doc_free);
  doc = parse ("{\"a\": 1, \"a\\u0000b\": 2}", strlen ("{\"a\": 1, \"a\\u0000b\": 2}"));
  g_assert_cmpuint (ap_json_doc_get_root (doc)->size, ==, 2);
  g_assert_cmpint (ap_json_object_get_member (ap_json_doc_get_root (doc), "a")->v.i, ==, 1);
}

static void
test_many_values (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(ApJsonDoc) doc = NULL;
  const ApJsonNode *root;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "%s%u", i ? "," : "", i);
  g_string_append_c (text, ']');
  doc = parse (text->str, text->len);
  root = ap_json_doc_get_root (doc);
  g_assert_cmpuint (root->size, ==, 200000);
  g_assert_cmpint (root[200000].v.i, ==, 199999);
}

static void
test_quote (void)
{
  g_autofree char *plain = ap_json_quote ("fy23-q9", 7);
  g_autofree char *awkward = ap_json_quote ("a\"b\\c\nd\0e", 9);
  g_autofree char *long_text = ap_json_quote ("éééééééééééééééééééééééééééééééééééééééééééé", 88);

  g_assert_cmpstr (plain, ==, "\"fy23-q9\"");
  g_assert_cmpstr (awkward, ==, "\"a\\\"b\\\\c\\u000ad\\u0000e\"");
  g_assert_cmpstr (long_text, ==, "\"éééééééééééééééééééééééééééééééééééééééé…\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/values", test_values);
  g_test_add_func ("/json-reader/strings", test_strings);
  g_test_add_func ("/json-reader/whitespace-and-bom", test_whitespace_and_bom);
  g_test_add_func ("/json-reader/errors", test_errors);
  g_test_add_func ("/json-reader/nul-outside-strings", test_nul_outside_strings);
  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/duplicates", test_duplicates);
  g_test_add_func ("/json-reader/many-values", test_many_values);
  g_test_add_func ("/json-reader/quote", test_quote);

  return g_test_run ();
}
