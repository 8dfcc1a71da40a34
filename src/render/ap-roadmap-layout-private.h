/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-roadmap-layout.h"

G_BEGIN_DECLS

/* ApRoadmapLayout is split in two files around this header: ap-roadmap-layout.c builds
 * the geometry from the plan (text measurement, cells, rows that grow to fit their
 * cards); ap-roadmap-layout-index.c answers questions about it (which card or cell is
 * at a point, which cards meet a rectangle, lookups by id). */

#define PERIOD_WIDTH      170.0
#define ACTIVITY_HEIGHT   40.0
#define STEP_HEIGHT       48.0
#define HEADER_PADDING    8.0
#define MIN_ROW_HEIGHT    72.0
#define COLUMN_WIDTH      (AP_ROADMAP_CARD_WIDTH + 2 * AP_ROADMAP_CELL_PADDING)

struct _ApRoadmapLayout
{
  GObject               parent_instance;

  PangoContext         *context;
  PangoFontDescription *font;
  PangoFontDescription *bold_font;
  PangoFontDescription *small_font;
  PangoFontDescription *badge_font;  /* a little smaller, for a stage that nearly fits */
  guint                 font_serial; /* bumps when the font changes: no layout reused */

  GArray               *activities;  /* ApRoadmapActivityBox */
  GArray               *columns;     /* ApRoadmapColumnBox */
  GArray               *rows;        /* ApRoadmapRowBox */
  GArray               *cells;       /* ApRoadmapCellBox, rows × columns */
  GArray               *cards;       /* ApRoadmapCardBox, sorted by cell then index */
  GHashTable           *card_index;  /* card id → index + 1 */
  GArray               *legend;      /* ApRoadmapLegendItem */
  GHashTable           *small_text;  /* text → PangoLayout */
  GHashTable           *badges;      /* stage label → PangoLayout, shared by its cards */
  guint                 cards_font_serial;

  double                width;
  double                height;
};

G_END_DECLS
