/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/*
 * A strict JSON reader (RFC 8259) into a compact, read-only tree.
 *
 * The platform has json-glib, but json-glib 1.6 cannot read snapshots safely:
 *
 * - it is lenient where a snapshot must be refused: it accepts single-quoted strings,
 *   `var x = {…};`, two top-level values and duplicate member names (keeping one of them
 *   silently), so a damaged or hand-edited file would be imported as something else;
 * - it has no nesting limit and recurses, so 100,000 nested `[` crash the program;
 * - it parses at about 22 MB/s and builds one GObject-like node per value, while the
 *   import of a big plan must stay within twice the time SQLite's own JSON functions take.
 *
 * This reader keeps every value in one array of 32-byte nodes in document order (a node's
 * children follow it; `skip` jumps over a whole subtree) and every string, unescaped and
 * NUL-terminated, in one buffer allocated once. It never recurses: nesting is tracked on
 * a stack whose size is the depth limit. Error messages start with "LINE:COLUMN: " (both
 * from 1; columns count characters) and give the byte offset of invalid UTF-8.
 *
 * Limits a reader may set (RFC 8259 section 9): the document must be shorter than 4 GiB
 * (callers enforce much smaller limits), integers must fit in gint64, and numbers with a
 * fraction or an exponent must be finite doubles. A leading byte order mark is skipped,
 * as section 8.1 allows. Lone UTF-16 surrogates in `\u` escapes are refused because they
 * cannot be represented in UTF-8.
 */

#define AP_JSON_ERROR (ap_json_error_quark ())

typedef enum
{
  AP_JSON_ERROR_SYNTAX,           /* not JSON */
  AP_JSON_ERROR_INVALID_UTF8,     /* a byte sequence that is not UTF-8 */
  AP_JSON_ERROR_TOO_DEEP,         /* nested deeper than the caller's limit */
  AP_JSON_ERROR_DUPLICATE_MEMBER, /* an object names a member twice */
  AP_JSON_ERROR_OUT_OF_RANGE,     /* a number the reader cannot represent */
  AP_JSON_ERROR_TOO_LARGE,        /* 4 GiB or more */
} ApJsonError;

typedef enum
{
  AP_JSON_NULL,
  AP_JSON_BOOLEAN,
  AP_JSON_INTEGER, /* written without fraction and exponent: v.i */
  AP_JSON_DOUBLE,  /* written with a fraction or an exponent: v.d */
  AP_JSON_STRING,  /* v.s, `size` bytes of UTF-8 (may contain U+0000) */
  AP_JSON_ARRAY,   /* `size` elements follow */
  AP_JSON_OBJECT,  /* `size` members follow, each carrying its name in `key` */
} ApJsonType;

typedef struct _ApJsonNode ApJsonNode;
typedef struct _ApJsonDoc ApJsonDoc;

/* Read-only; valid as long as the ApJsonDoc that holds it. */
struct _ApJsonNode
{
  guint8      type;     /* ApJsonType */
  guint32     size;     /* string: bytes; array and object: children */
  guint32     skip;     /* nodes in this subtree, itself included; the next sibling: this + skip */
  guint32     key_len;  /* bytes in key */
  const char *key;      /* the member name (NUL-terminated) of an object's child, else NULL */
  union
  {
    gboolean    b;
    gint64      i;
    double      d;
    const char *s;      /* NUL-terminated */
  } v;
};

GQuark            ap_json_error_quark       (void);

ApJsonDoc        *ap_json_doc_parse         (const char        *data,
                                             gsize              length,
                                             guint              max_depth,
                                             GError           **error);
void              ap_json_doc_free          (ApJsonDoc         *doc);
const ApJsonNode *ap_json_doc_get_root      (ApJsonDoc         *doc);

const ApJsonNode *ap_json_object_get_member (const ApJsonNode  *object,
                                             const char        *name);

char             *ap_json_quote             (const char        *s,
                                             gsize              len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApJsonDoc, ap_json_doc_free)

/* The first child of an array or object, or NULL when it is empty. */
static inline const ApJsonNode *
ap_json_node_first_child (const ApJsonNode *node)
{
  return node->size > 0 ? node + 1 : NULL;
}

/* The next child of the same parent; only valid if @node is not its parent's last child. */
static inline const ApJsonNode *
ap_json_node_next_sibling (const ApJsonNode *node)
{
  return node + node->skip;
}

/* Whether @node is an object member named @name (which must not contain U+0000). */
static inline gboolean
ap_json_node_has_key (const ApJsonNode *node,
                      const char       *name,
                      gsize             name_len)
{
  return node->key_len == name_len && memcmp (node->key, name, name_len) == 0;
}

G_END_DECLS
