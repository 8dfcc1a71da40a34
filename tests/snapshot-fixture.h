/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-snapshot-private.h"
#include "ap-store.h"

G_BEGIN_DECLS

/* What the snapshot tests share: a small canonical snapshot, plans made on the fly, and
 * shortcuts that fail the test on any error. */

extern const char ap_test_small_snapshot[];

ApStore *ap_test_new_store           (void);
ApStore *ap_test_new_store_with      (const char *text);
char    *ap_test_export              (ApStore    *store);
void     ap_test_import              (ApStore    *store,
                                      const char *text,
                                      gsize       len);
char    *ap_test_replace_once        (const char *text,
                                      const char *old,
                                      const char *replacement);
char    *ap_test_generate_plan       (guint       n_cards,
                                      guint       n_incidents);

G_END_DECLS
