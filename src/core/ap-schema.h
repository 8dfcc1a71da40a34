/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One entry per schema version: migrations[i] takes a file from user_version i to i + 1.
 * Each runs in its own transaction, together with the user_version update. */
extern const char * const ap_schema_migrations[];
extern const guint ap_schema_n_migrations;

/* The incident search index (migration 2) and the anecdote indexes (migration 3). A
 * bulk load (snapshot import) runs `suspend` first, so that rows go in without per-row
 * trigger and index work, and `resume` last, which rebuilds the search index and the
 * anecdote indexes in one pass each and puts the triggers back. Both run inside the
 * caller's transaction. */
extern const char ap_schema_fts_suspend[];
extern const char ap_schema_fts_resume[];

/* card.position is a sort key within the card's cell (ordered by position, then id), not
 * an index: new keys fall between their neighbours', so a move writes one card row. Keys
 * are written this far apart (snapshot import, a renumbered cell), and a cell is
 * renumbered only when two neighbours have no room left between them. */
#define AP_CARD_POSITION_GAP 1024

G_END_DECLS
