/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

G_BEGIN_DECLS

/* Writing JSON by hand into a GString, for the snapshot export: appends that do no more
 * than appending, strings escaped as RFC 8259 requires (with the short forms Python
 * writes), integers, line breaks and indentation. All inline: the export calls them tens
 * of millions of times, and a call each would cost more than the work. */

/* Makes room for @n more bytes and a NUL. Rare: out of line. */
G_NO_INLINE G_GNUC_UNUSED static void
grow (GString *out,
      gsize    n)
{
  gsize len = out->len;

  /* g_string_set_size() grows the buffer by doubling; the length is then put back. */
  g_string_set_size (out, len + n);
  g_string_truncate (out, len);
}

/* g_string_append_len() is a general insertion in GLib 2.74 and cost a tenth of the
 * export; appending is all the export does. The appends read the GString's fields into
 * locals, as a store through a char pointer would make the compiler read them again. */
static inline void
append_len (GString    *out,
            const char *s,
            gsize       n)
{
  gsize len = out->len;

  if (G_UNLIKELY (len + n >= out->allocated_len))
    grow (out, n);
  memcpy (out->str + len, s, n);
  out->str[len + n] = '\0';
  out->len = len + n;
}

/* Appends the first @n bytes of @s, copying all @size (a constant, and @s must hold as
 * many): a copy of a size known when compiling is a few moves instead of a call to
 * memcpy(), and the export appends short pieces tens of millions of times. */
static inline void
append_short (GString    *out,
              const char *s,
              gsize       n,
              gsize       size)
{
  gsize len = out->len;

  if (G_UNLIKELY (len + size >= out->allocated_len))
    grow (out, size);
  memcpy (out->str + len, s, size);
  out->str[len + n] = '\0';
  out->len = len + n;
}

static inline void
append_c (GString *out,
          char     c)
{
  char s[2] = { c, '\0' };

  append_short (out, s, 1, 2);
}

/* Bytes that JSON strings cannot hold as they are (RFC 8259 section 7). */
static const guchar needs_escape[256] = {
  [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

static inline void
append_escape (GString *out,
               guchar   c)
{
  static const char hex[] = "0123456789abcdef";
  char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

  switch (c)
    {
    case '"': append_len (out, "\\\"", 2); break;
    case '\\': append_len (out, "\\\\", 2); break;
    case '\n': append_len (out, "\\n", 2); break;
    case '\r': append_len (out, "\\r", 2); break;
    case '\t': append_len (out, "\\t", 2); break;
    case '\b': append_len (out, "\\b", 2); break;
    case '\f': append_len (out, "\\f", 2); break;
    /* Lower-case hex, as Python writes it. */
    default: append_len (out, u, sizeof u); break;
    }
}

/* Whether any of the eight bytes at @p is below 0x20, '"' or '\\' (bit tricks from
 * "Bit Twiddling Hacks": a byte is zero, or less than n, exactly when its high bit
 * survives). */
static inline gboolean
has_byte_to_escape_8 (const guchar *p)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  guint64 v, quote, backslash;

  memcpy (&v, p, sizeof v);
  quote = v ^ (ones * '"');
  backslash = v ^ (ones * '\\');
  return ((((v - ones * 0x20) & ~v) | ((quote - ones) & ~quote) |
           ((backslash - ones) & ~backslash)) & (ones * 0x80)) != 0;
}

/* The same for sixteen bytes with GCC's (and Clang's) vector types: where the machine
 * has vector instructions (every x86-64 has SSE2) that is a third of the instructions
 * per byte, and text is most of what the export writes. */
typedef guchar Bytes16 __attribute__ ((vector_size (16)));

static inline gboolean
has_byte_to_escape_16 (const guchar *p)
{
  Bytes16 v, found;
  G_GNUC_UNUSED guint64 halves[2];

  memcpy (&v, p, sizeof v);
  found = (Bytes16) ((v < 0x20) | (v == '"') | (v == '\\'));
#ifdef __SSE2__
  return _mm_movemask_epi8 ((__m128i) found) != 0;
#else
  memcpy (halves, &found, sizeof halves);
  return (halves[0] | halves[1]) != 0;
#endif
}

/* Returns where the first byte of @p … @end to escape is, or @end. The last bytes are
 * looked at together with some already seen, in one piece: most strings need no
 * escape, and so end there. */
G_ALWAYS_INLINE static inline const guchar *
find_byte_to_escape (const guchar *p,
                     const guchar *end)
{
  if (end - p >= 16)
    {
      while (end - p >= 16 && !has_byte_to_escape_16 (p))
        p += 16;
      if (end - p < 16 && !has_byte_to_escape_16 (end - 16))
        return end;
    }
  else if (end - p >= 8 && !has_byte_to_escape_8 (p) && !has_byte_to_escape_8 (end - 8))
    return end;
  while (p < end && !needs_escape[*p])
    p++;
  return p;
}

/* Appends the string @s … @end in double quotes, escaping its bytes from @p on. */
G_NO_INLINE G_GNUC_UNUSED static void
append_escaped (GString      *out,
                const guchar *s,
                const guchar *p,
                const guchar *end)
{
  append_c (out, '"');
  while (p < end)
    {
      append_len (out, (const char *) s, p - s);
      append_escape (out, *p);
      s = ++p;
      p = find_byte_to_escape (p, end);
    }
  append_len (out, (const char *) s, p - s);
  append_c (out, '"');
}

/* Appends @s in double quotes, escaping only what RFC 8259 requires (and the short forms
 * Python uses), so non-ASCII text and '/' stay as they are. Most text needs no escape:
 * it is looked at sixteen bytes at a time and copied in one piece, inline, as this is
 * done for two million values. */
G_ALWAYS_INLINE static inline void
append_string (GString    *out,
               const char *s,
               gsize       len)
{
  const guchar *end = (const guchar *) s + len;
  const guchar *p = find_byte_to_escape ((const guchar *) s, end);
  gsize at = out->len;

  if (G_UNLIKELY (p != end))
    {
      append_escaped (out, (const guchar *) s, p, end);
      return;
    }
  if (G_UNLIKELY (at + len + 2 >= out->allocated_len))
    grow (out, len + 2);
  out->str[at] = '"';
  memcpy (out->str + at + 1, s, len);
  out->str[at + len + 1] = '"';
  out->str[at + len + 2] = '\0';
  out->len = at + len + 2;
}

static inline void
append_int (GString *out,
            gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? ~(guint64) value + 1 : (guint64) value;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  append_len (out, p, buf + sizeof buf - p);
}

/* A line break and the indentation of nesting @level, two spaces each. */
static const char indentation[] = "\n                                ";

static inline void
append_newline (GString *out,
                guint    level)
{
  g_assert (2 * level < sizeof indentation - 1);
  append_short (out, indentation, 1 + 2 * level, sizeof indentation - 1);
}

static inline void
append_key (GString    *out,
            guint       level,
            const char *key,
            gboolean    first)
{
  if (!first)
    append_c (out, ',');
  append_newline (out, level);
  append_c (out, '"');
  append_len (out, key, strlen (key));
  append_len (out, "\": ", 3);
}

G_END_DECLS
