/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One entry per schema version: migrations[i] takes a file from user_version i to i + 1.
 * Each runs in its own transaction, together with the user_version update. */
extern const char * const ap_schema_migrations[];
extern const guint ap_schema_n_migrations;

G_END_DECLS
