/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#include "ap-json-writer-private.h"

G_BEGIN_DECLS

/* The snapshot export's tables of entity ids: each kind's ids in one text, found by the
 * rowids that references hold. Inline: the export looks up millions of references. */

/* An entity's id: `len` bytes at `start` in its UidTable's text. */
typedef struct
{
  gint64 rowid;
  guint  start;
  guint  len;
} Uid;

/* The ids of one kind of entity, found by rowid through `slots`, a hash table with open
 * addressing: a power of two of them, at least twice as many as the ids, each an index
 * in `uids` or G_MAXUINT. */
typedef struct
{
  GArray  *uids; /* Uid */
  GString *text;
  guint   *slots;
  gsize    mask;  /* the number of slots - 1 */
  guint    shift; /* 64 - log2 (the number of slots) */
} UidTable;

/* Fibonacci hashing: the rowid times 2^64 / φ, whose top bits spread any run of rowids
 * over the slots. */
static inline gsize
hash_rowid (const UidTable *table,
            gint64          rowid)
{
  return ((guint64) rowid * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> table->shift;
}

static inline void
index_uids (UidTable *table)
{
  gsize n_slots = 16;

  while (n_slots < 2 * (gsize) table->uids->len)
    n_slots *= 2;
  table->mask = n_slots - 1;
  table->shift = 64 - g_bit_storage (table->mask);
  table->slots = g_new (guint, n_slots);
  memset (table->slots, 0xff, n_slots * sizeof (guint));
  for (guint i = 0; i < table->uids->len; i++)
    {
      gsize slot = hash_rowid (table, g_array_index (table->uids, Uid, i).rowid);

      while (table->slots[slot] != G_MAXUINT)
        slot = (slot + 1) & table->mask;
      table->slots[slot] = i;
    }
}

/* Returns the index in @table->uids of the entity with @rowid, or G_MAXUINT. */
static inline guint
find_uid (const UidTable *table,
          gint64          rowid)
{
  for (gsize slot = hash_rowid (table, rowid); table->slots[slot] != G_MAXUINT;
       slot = (slot + 1) & table->mask)
    if (g_array_index (table->uids, Uid, table->slots[slot]).rowid == rowid)
      return table->slots[slot];
  return G_MAXUINT;
}

static inline void
append_uid (GString        *out,
            const UidTable *table,
            guint           index)
{
  const Uid *uid = &g_array_index (table->uids, Uid, index);

  append_string (out, table->text->str + uid->start, uid->len);
}

G_END_DECLS
