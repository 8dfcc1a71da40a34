/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-json-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ap-json-reader.h"

struct _ApJsonDoc
{
  ApJsonNode *nodes;    /* in document order; nodes[0] is the root */
  guint32     n_nodes;
  char       *strings;  /* every string and member name, unescaped and NUL-terminated */
};

typedef struct
{
  guint32     node;   /* index of the open array or object */
  GHashTable *names;  /* GBytes member names, once an object has many members */
} Frame;

typedef struct
{
  const guchar *data;         /* the document as given, for byte offsets */
  const guchar *text;         /* after a byte order mark, for lines and columns */
  const guchar *p;
  const guchar *end;
  ApJsonDoc    *doc;
  gsize         capacity;     /* nodes allocated */
  char         *strings_end;  /* next free byte in doc->strings */
  Frame        *stack;
  guint         depth;
  guint         max_depth;
  const char   *key;          /* the member name waiting for its value */
  guint32       key_len;
  GError      **error;
} Parser;

G_DEFINE_QUARK (ap-json-error-quark, ap_json_error)

/* Objects with more members than this look for duplicate names in a hash table, so a
 * hostile object with a million members costs linear, not quadratic, time. */
#define LINEAR_NAME_CHECK_MAX 16

/* The longest excerpt of the document quoted in an error message. */
#define MAX_QUOTED_CHARS 40

/* Bytes that may be copied as they are inside a string: printable ASCII except the
 * quote and the backslash. Everything else takes a closer look. */
static const guchar plain_string_byte[256] = {
  [0x20] = 1, [0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7f] = 1,
};

static inline gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline void
skip_space (Parser *self)
{
  while (self->p < self->end && is_space (*self->p))
    self->p++;
}

/* The length of the valid UTF-8 sequence at @p, or 0 if it is not one (overlong forms,
 * surrogates and code points above U+10FFFF are not UTF-8). */
static guint
measure_utf8 (const guchar *p,
              const guchar *end)
{
  guchar lo = 0x80, hi = 0xbf;
  guint n;

  if (p[0] < 0x80)
    return 1;
  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    n = 2;
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    {
      n = 3;
      lo = p[0] == 0xe0 ? 0xa0 : lo;
      hi = p[0] == 0xed ? 0x9f : hi;
    }
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    {
      n = 4;
      lo = p[0] == 0xf0 ? 0x90 : lo;
      hi = p[0] == 0xf4 ? 0x8f : hi;
    }
  else
    return 0;

  if ((gsize) (end - p) < n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return n;
}

static void
locate (const Parser  *self,
        const guchar  *at,
        guint         *line,
        guint         *column)
{
  const guchar *line_start = self->text;

  *line = 1;
  for (const guchar *q = self->text; q < at; q++)
    if (*q == '\n')
      {
        (*line)++;
        line_start = q + 1;
      }

  /* Columns count characters, as an editor shows them; everything before @at has been
   * checked to be UTF-8 already. */
  *column = 1;
  for (const guchar *q = line_start; q < at; q++)
    if ((*q & 0xc0) != 0x80)
      (*column)++;
}

static gboolean G_GNUC_PRINTF (4, 5)
fail_at (Parser        *self,
         const guchar  *at,
         ApJsonError    code,
         const char    *format,
         ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  locate (self, at, &line, &column);
  g_set_error (self->error, AP_JSON_ERROR, code, "%u:%u: %s", line, column, message);
  return FALSE;
}

static gboolean
fail_utf8 (Parser       *self,
           const guchar *at)
{
  return fail_at (self, at, AP_JSON_ERROR_INVALID_UTF8,
                  _("invalid UTF-8 (byte 0x%02X at offset %zu)"),
                  *at, (gsize) (at - self->data));
}

/* Describes what stands at @at for "expected …, found …" messages. */
static char *
describe_found (const Parser *self,
                const guchar *at)
{
  const guchar *q = at;
  guint n;

  if (at >= self->end)
    return g_strdup (_("the end of the document"));
  if (g_ascii_isalnum (*at) || *at == '_' || *at == '$')
    {
      /* A word such as `var`, `True` or `NaN` reads better whole than by its first letter. */
      while (q < self->end && q - at < MAX_QUOTED_CHARS &&
             (g_ascii_isalnum (*q) || *q == '_' || *q == '$'))
        q++;
      return g_strdup_printf ("'%.*s'", (int) (q - at), (const char *) at);
    }
  if (*at == '\'')
    return g_strdup (_("a single quote (JSON strings take double quotes)"));
  if (*at > 0x20 && *at < 0x7f)
    return g_strdup_printf ("'%c'", *at);
  if (*at < 0x80)
    return g_strdup_printf ("U+%04X", *at);
  n = measure_utf8 (at, self->end);
  if (n == 0)
    return g_strdup_printf ("byte 0x%02X", *at);
  return g_strdup_printf ("'%.*s'", (int) n, (const char *) at);
}

static gboolean
fail_expected (Parser       *self,
               const char   *what)
{
  g_autofree char *found = NULL;

  /* Outside strings only ASCII is JSON; say so precisely when the byte is not even UTF-8. */
  if (self->p < self->end && *self->p >= 0x80 && measure_utf8 (self->p, self->end) == 0)
    return fail_utf8 (self, self->p);

  found = describe_found (self, self->p);
  return fail_at (self, self->p, AP_JSON_ERROR_SYNTAX, _("expected %s, found %s"), what, found);
}

static ApJsonNode *
add_node (Parser     *self,
          ApJsonType  type)
{
  ApJsonDoc *doc = self->doc;
  ApJsonNode *node;

  if (G_UNLIKELY (doc->n_nodes == self->capacity))
    {
      self->capacity *= 2;
      doc->nodes = g_renew (ApJsonNode, doc->nodes, self->capacity);
    }
  node = &doc->nodes[doc->n_nodes++];
  node->type = type;
  node->size = 0;
  node->skip = 1;
  node->key = self->key;
  node->key_len = self->key_len;
  self->key = NULL;
  self->key_len = 0;
  if (self->depth > 0)
    doc->nodes[self->stack[self->depth - 1].node].size++;
  return node;
}

static gboolean
open_container (Parser     *self,
                ApJsonType  type)
{
  Frame *frame;

  /* The limit is checked before anything is pushed: nesting never outgrows the stack. */
  if (self->depth == self->max_depth)
    return fail_at (self, self->p, AP_JSON_ERROR_TOO_DEEP,
                    _("nested too deeply (more than %u levels)"), self->max_depth);

  add_node (self, type);
  frame = &self->stack[self->depth++];
  frame->node = self->doc->n_nodes - 1;
  frame->names = NULL;
  self->p++;
  skip_space (self);
  return TRUE;
}

static void
close_container (Parser *self)
{
  Frame *frame = &self->stack[--self->depth];

  self->doc->nodes[frame->node].skip = self->doc->n_nodes - frame->node;
  g_clear_pointer (&frame->names, g_hash_table_unref);
  self->p++;
}

/* Reads four hexadecimal digits at @p, or returns -1. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads `\uXXXX` (or a surrogate pair of them) at @p into @dst. */
static gboolean
read_unicode_escape (Parser        *self,
                     const guchar **p,
                     char         **dst)
{
  const guchar *escape = *p;
  int code = read_hex4 (escape + 2, self->end);
  int low;

  if (code < 0)
    return fail_at (self, escape, AP_JSON_ERROR_SYNTAX,
                    _("invalid \\u escape (four hexadecimal digits must follow it)"));
  *p = escape + 6;
  if (code >= 0xdc00 && code <= 0xdfff)
    return fail_at (self, escape, AP_JSON_ERROR_SYNTAX,
                    _("\\u%04X is the second half of a surrogate pair without the first"), code);
  if (code >= 0xd800 && code <= 0xdbff)
    {
      if (self->end - *p < 6 || (*p)[0] != '\\' || (*p)[1] != 'u' ||
          (low = read_hex4 (*p + 2, self->end)) < 0xdc00 || low > 0xdfff)
        return fail_at (self, escape, AP_JSON_ERROR_SYNTAX,
                        _("\\u%04X is the first half of a surrogate pair without the second"),
                        code);
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      *p += 6;
    }
  *dst += g_unichar_to_utf8 (code, *dst);
  return TRUE;
}

static gboolean
read_escape (Parser        *self,
             const guchar **p,
             char         **dst)
{
  const guchar *escape = *p;
  char c;

  if (self->end - escape < 2)
    return fail_at (self, escape, AP_JSON_ERROR_SYNTAX, _("the document ends inside a string"));

  switch (escape[1])
    {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u':
      return read_unicode_escape (self, p, dst);
    default:
      if (escape[1] > 0x20 && escape[1] < 0x7f)
        return fail_at (self, escape, AP_JSON_ERROR_SYNTAX,
                        _("invalid escape '\\%c' in a string"), escape[1]);
      return fail_at (self, escape, AP_JSON_ERROR_SYNTAX, _("invalid escape in a string"));
    }
  *(*dst)++ = c;
  *p = escape + 2;
  return TRUE;
}

/* Reads the string that starts at the quote at self->p into the string buffer. The buffer
 * was allocated as large as the whole document, which no amount of unescaped strings can
 * outgrow: every string loses at least its closing quote to the NUL and no escape grows. */
static gboolean
read_string (Parser      *self,
             const char **out,
             guint32     *out_len)
{
  const guchar *p = self->p + 1;
  const guchar *end = self->end;
  char *begin = self->strings_end;
  char *dst = begin;

  for (;;)
    {
      guint n;

      while (p < end && plain_string_byte[*p])
        *dst++ = *p++;
      if (p == end)
        return fail_at (self, self->p, AP_JSON_ERROR_SYNTAX,
                        _("unterminated string (the document ends inside it)"));
      if (*p == '"')
        break;
      if (*p == '\\')
        {
          if (!read_escape (self, &p, &dst))
            return FALSE;
          continue;
        }
      if (*p < 0x20)
        return fail_at (self, p, AP_JSON_ERROR_SYNTAX,
                        _("unescaped control character U+%04X in a string"), *p);
      n = measure_utf8 (p, end);
      if (n == 0)
        return fail_utf8 (self, p);
      memcpy (dst, p, n);
      dst += n;
      p += n;
    }

  *dst = '\0';
  *out = begin;
  *out_len = dst - begin;
  self->strings_end = dst + 1;
  self->p = p + 1;
  return TRUE;
}

static gboolean
fail_number (Parser       *self,
             const guchar *start,
             const guchar *end,
             gboolean      integral)
{
  int len = MIN (end - start, MAX_QUOTED_CHARS);
  const char *more = end - start > len ? "…" : "";

  if (integral)
    return fail_at (self, start, AP_JSON_ERROR_OUT_OF_RANGE,
                    _("the integer %.*s%s is out of range"), len, (const char *) start, more);
  return fail_at (self, start, AP_JSON_ERROR_OUT_OF_RANGE,
                  _("the number %.*s%s is out of range"), len, (const char *) start, more);
}

static gboolean
store_double (Parser       *self,
              const guchar *start,
              const guchar *end)
{
  char small[64];
  g_autofree char *large = NULL;
  char *text = small;
  gsize len = end - start;
  double value;

  /* g_ascii_strtod needs a NUL-terminated copy and ignores the locale. */
  if (len >= sizeof small)
    text = large = g_malloc (len + 1);
  memcpy (text, start, len);
  text[len] = '\0';
  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    return fail_number (self, start, end, FALSE);
  add_node (self, AP_JSON_DOUBLE)->v.d = value;
  return TRUE;
}

static const guchar *
skip_digits (const guchar *p,
             const guchar *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

static gboolean
read_number (Parser *self)
{
  const guchar *start = self->p, *p = start, *end = self->end;
  gboolean negative = FALSE, integral = TRUE, overflow = FALSE;
  guint64 magnitude = 0, limit;

  if (*p == '-')
    {
      negative = TRUE;
      if (++p == end || !g_ascii_isdigit (*p))
        return fail_at (self, p, AP_JSON_ERROR_SYNTAX,
                        _("invalid number: a digit must follow '-'"));
    }
  if (*p == '0' && p + 1 < end && g_ascii_isdigit (p[1]))
    return fail_at (self, start, AP_JSON_ERROR_SYNTAX,
                    _("invalid number: leading zeros are not allowed"));
  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      guint digit = *p - '0';

      overflow |= magnitude > (G_MAXUINT64 - digit) / 10;
      magnitude = magnitude * 10 + digit;
    }
  if (p < end && *p == '.')
    {
      integral = FALSE;
      if (++p == end || !g_ascii_isdigit (*p))
        return fail_at (self, p, AP_JSON_ERROR_SYNTAX,
                        _("invalid number: a digit must follow the decimal point"));
      p = skip_digits (p, end);
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integral = FALSE;
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return fail_at (self, p, AP_JSON_ERROR_SYNTAX,
                        _("invalid number: a digit must follow the exponent's 'e'"));
      p = skip_digits (p, end);
    }
  self->p = p;

  if (!integral)
    return store_double (self, start, p);

  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  if (overflow || magnitude > limit)
    return fail_number (self, start, p, TRUE);
  add_node (self, AP_JSON_INTEGER)->v.i = negative ? (gint64) (~magnitude + 1) : (gint64) magnitude;
  return TRUE;
}

static gboolean
read_literal (Parser *self)
{
  const guchar *p = self->p;
  gsize avail = self->end - p;
  ApJsonNode *node;
  gsize len;

  if (avail >= 4 && memcmp (p, "true", 4) == 0)
    len = 4;
  else if (avail >= 5 && memcmp (p, "false", 5) == 0)
    len = 5;
  else if (avail >= 4 && memcmp (p, "null", 4) == 0)
    len = 4;
  else
    return fail_expected (self, _("a JSON value"));

  /* `nullable` or `true1` is one unknown word, not a literal and then garbage. */
  if (len < avail && (g_ascii_isalnum (p[len]) || p[len] == '_'))
    return fail_expected (self, _("a JSON value"));

  node = add_node (self, *p == 'n' ? AP_JSON_NULL : AP_JSON_BOOLEAN);
  node->v.b = *p == 't';
  self->p += len;
  return TRUE;
}

static gboolean
add_name_to_table (gpointer    table,
                   const char *name,
                   guint32     len)
{
  return g_hash_table_add (table, g_bytes_new_static (name, len));
}

/* Refuses a member name the innermost object already has: json-glib would keep one of
 * the two values silently, and which one a reader keeps differs between programs. */
static gboolean
check_new_name (Parser       *self,
                const guchar *at,
                const char   *name,
                guint32       len)
{
  Frame *frame = &self->stack[self->depth - 1];
  const ApJsonNode *object = &self->doc->nodes[frame->node];
  const ApJsonNode *child = object + 1;
  gboolean is_new = TRUE;

  if (frame->names == NULL && object->size < LINEAR_NAME_CHECK_MAX)
    {
      for (guint32 i = 0; i < object->size && is_new; i++, child += child->skip)
        is_new = !ap_json_node_has_key (child, name, len);
    }
  else
    {
      if (frame->names == NULL)
        {
          frame->names = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                (GDestroyNotify) g_bytes_unref, NULL);
          for (guint32 i = 0; i < object->size; i++, child += child->skip)
            add_name_to_table (frame->names, child->key, child->key_len);
        }
      is_new = add_name_to_table (frame->names, name, len);
    }

  if (!is_new)
    {
      g_autofree char *quoted = ap_json_quote (name, len);

      return fail_at (self, at, AP_JSON_ERROR_DUPLICATE_MEMBER, _("duplicate member name %s"),
                      quoted);
    }
  return TRUE;
}

static gboolean
read_member_name (Parser     *self,
                  const char *expected)
{
  const guchar *at = self->p;

  if (at == self->end || *at != '"')
    return fail_expected (self, expected);
  if (!read_string (self, &self->key, &self->key_len) ||
      !check_new_name (self, at, self->key, self->key_len))
    return FALSE;

  skip_space (self);
  if (self->p == self->end || *self->p != ':')
    return fail_expected (self, _("':' after the member name"));
  self->p++;
  return TRUE;
}

/* Reads one value, or the opening of an array or object (and then its first member name,
 * if any). Sets *@complete when the value is complete, FALSE when a container was opened
 * and its first element is next. */
static gboolean
read_string_value (Parser *self)
{
  const char *s;
  guint32 len;
  ApJsonNode *node;

  if (!read_string (self, &s, &len))
    return FALSE;
  node = add_node (self, AP_JSON_STRING);
  node->v.s = s;
  node->size = len;
  return TRUE;
}

static gboolean
read_value (Parser     *self,
            const char *expected,
            gboolean   *complete)
{
  skip_space (self);
  if (self->p == self->end)
    return fail_expected (self, expected);

  *complete = TRUE;
  switch (*self->p)
    {
    case '{':
      if (!open_container (self, AP_JSON_OBJECT))
        return FALSE;
      if (self->p < self->end && *self->p == '}')
        {
          close_container (self);
          return TRUE;
        }
      *complete = FALSE;
      return read_member_name (self, _("a member name in double quotes or '}'"));

    case '[':
      if (!open_container (self, AP_JSON_ARRAY))
        return FALSE;
      if (self->p < self->end && *self->p == ']')
        {
          close_container (self);
          return TRUE;
        }
      *complete = FALSE;
      return TRUE;

    case '"':
      return read_string_value (self);

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (self);

    case 't': case 'f': case 'n':
      return read_literal (self);

    default:
      return fail_expected (self, expected);
    }
}

/* After a complete value inside a container: reads `,` and the next member name, or
 * closes containers. Sets *@expected to what comes next, or to NULL at the document's end. */
static gboolean
read_separator (Parser      *self,
                const char **expected)
{
  *expected = _("a JSON value");
  while (self->depth > 0)
    {
      const Frame *frame = &self->stack[self->depth - 1];
      gboolean in_object = self->doc->nodes[frame->node].type == AP_JSON_OBJECT;

      skip_space (self);
      if (self->p < self->end && *self->p == ',')
        {
          self->p++;
          if (!in_object)
            {
              *expected = _("a JSON value after ','");
              return TRUE;
            }
          skip_space (self);
          return read_member_name (self, _("a member name in double quotes after ','"));
        }
      if (self->p < self->end && *self->p == (in_object ? '}' : ']'))
        close_container (self);
      else
        return fail_expected (self, in_object ? _("',' or '}' after an object member")
                                              : _("',' or ']' after an array element"));
    }

  *expected = NULL;
  skip_space (self);
  if (self->p < self->end)
    {
      g_autofree char *found = describe_found (self, self->p);

      return fail_at (self, self->p, AP_JSON_ERROR_SYNTAX,
                      _("more text after the JSON value (a document holds one value): found %s"),
                      found);
    }
  return TRUE;
}

static gboolean
parse (Parser *self)
{
  const char *expected = _("a JSON value");

  skip_space (self);
  if (self->p == self->end)
    return fail_at (self, self->text, AP_JSON_ERROR_SYNTAX, _("the document is empty"));

  while (expected != NULL)
    {
      gboolean complete = TRUE;

      if (!read_value (self, expected, &complete))
        return FALSE;
      if (!complete)
        expected = _("a JSON value"); /* a container was opened: its first element is next */
      else if (!read_separator (self, &expected))
        return FALSE;
    }
  return TRUE;
}

static void
free_stack (Parser *self)
{
  for (guint i = 0; i < self->depth; i++)
    g_clear_pointer (&self->stack[i].names, g_hash_table_unref);
  g_free (self->stack);
}

/**
 * ap_json_doc_parse:
 * @data: the JSON text (need not be NUL-terminated)
 * @length: its length in bytes
 * @max_depth: how many arrays and objects may nest (1 or more)
 * @error: an #AP_JSON_ERROR whose message starts with "LINE:COLUMN: "
 *
 * Parses @data strictly per RFC 8259. @data is not referenced afterwards.
 *
 * Returns: (transfer full): the tree, or %NULL
 */
ApJsonDoc *
ap_json_doc_parse (const char  *data,
                   gsize        length,
                   guint        max_depth,
                   GError     **error)
{
  g_autoptr(ApJsonDoc) doc = NULL;
  Parser self = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  /* Node indices and sizes are 32 bits wide. */
  if (length >= G_MAXUINT32)
    {
      g_set_error_literal (error, AP_JSON_ERROR, AP_JSON_ERROR_TOO_LARGE,
                           "the document is too large (4 GiB or more)");
      return NULL;
    }

  doc = g_new0 (ApJsonDoc, 1);
  doc->strings = g_malloc (length + 1);
  self.capacity = MIN (length / 24 + 16, 1 << 20);
  doc->nodes = g_new (ApJsonNode, self.capacity);

  self.data = self.text = self.p = (const guchar *) data;
  self.end = self.data + length;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    self.text = self.p = self.data + 3;
  self.doc = doc;
  self.strings_end = doc->strings;
  self.stack = g_new (Frame, max_depth);
  self.max_depth = max_depth;
  self.error = error;

  ok = parse (&self);
  free_stack (&self);
  if (!ok)
    return NULL;

  doc->nodes = g_renew (ApJsonNode, doc->nodes, doc->n_nodes);
  return g_steal_pointer (&doc);
}

void
ap_json_doc_free (ApJsonDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->nodes);
  g_free (doc->strings);
  g_free (doc);
}

const ApJsonNode *
ap_json_doc_get_root (ApJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return &doc->nodes[0];
}

/* Finds a member by name, in linear time: for objects with few members. */
const ApJsonNode *
ap_json_object_get_member (const ApJsonNode *object,
                           const char       *name)
{
  gsize len = strlen (name);
  const ApJsonNode *child = object + 1;

  g_return_val_if_fail (object->type == AP_JSON_OBJECT, NULL);

  for (guint32 i = 0; i < object->size; i++, child += child->skip)
    if (ap_json_node_has_key (child, name, len))
      return child;
  return NULL;
}

/**
 * ap_json_quote:
 * @s: UTF-8 text (may contain U+0000)
 * @len: its length in bytes
 *
 * Quotes @s for an error message: in double quotes, with quotes, backslashes and control
 * characters escaped as in JSON, and shortened to 40 characters with "…".
 *
 * Returns: (transfer full): the quoted text
 */
char *
ap_json_quote (const char *s,
               gsize       len)
{
  GString *out = g_string_sized_new (len + 8);
  const char *end = s + len;
  guint chars = 0;

  g_string_append_c (out, '"');
  for (const char *p = s; p < end && chars < MAX_QUOTED_CHARS; chars++)
    {
      guchar c = *p;
      gsize n = c < 0x80 ? 1 : MAX (1, measure_utf8 ((const guchar *) p, (const guchar *) end));

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, n);
      p += n;
      if (chars + 1 == MAX_QUOTED_CHARS && p < end)
        g_string_append (out, "…");
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}
