/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "ap-plan.h"

G_BEGIN_DECLS

/* The geometry of the roadmap: where every header, cell and card goes, in "map units"
 * (pixels at 100 % zoom, origin at the map's top-left corner, which is the corner above
 * the period column). Zoom is a scale the screen applies on top, so changing it never
 * moves anything here; only the level of detail depends on it.
 *
 * The layout is rebuilt when the plan's lists change. A rebuild reuses the text
 * measurements of every card whose drawn content did not change, so rebuilding after a
 * single card moved costs arithmetic over the cards, not text layout. */

/* A colour in the same memory layout as GdkRGBA, so the GUI can fill one from the
 * theme without the render layer knowing GDK. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} ApRgba;

gboolean ap_rgba_parse (ApRgba     *rgba,
                        const char *spec);

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ApRect;

gboolean ap_rect_intersects      (const ApRect *a,
                                  const ApRect *b);
gboolean ap_rect_contains_point  (const ApRect *rect,
                                  double        x,
                                  double        y);

/* How much is drawn of each card, by zoom. */
typedef enum
{
  AP_ROADMAP_LOD_FULL,   /* text, badges and chips */
  AP_ROADMAP_LOD_BLOCKS, /* each card a plain rectangle in its stage's colour */
  AP_ROADMAP_LOD_CELLS,  /* one rectangle per non-empty cell, with its card count */
} ApRoadmapLod;

#define AP_ROADMAP_LOD_BLOCKS_BELOW 0.40
#define AP_ROADMAP_LOD_CELLS_BELOW  0.15

ApRoadmapLod ap_roadmap_lod_for_zoom (double zoom);

/* One owning organization's chip: its footnote number in its colour. */
typedef struct
{
  gint64 organization_id;
  gint64 footnote;
  ApRgba color;
} ApRoadmapChip;

typedef enum
{
  AP_ROADMAP_MARK_NOTES        = 1 << 0,
  AP_ROADMAP_MARK_CATEGORIES   = 1 << 1,
  AP_ROADMAP_MARK_DEPENDENCIES = 1 << 2,
} ApRoadmapMarks;

/* A card's place and what the painter draws of it, resolved from the plan so the
 * painter never reads the model. */
typedef struct
{
  gint64          card_id;
  gint64          period_id;
  gint64          step_id;
  gint64          initiative_id;
  gint64          position;      /* the card's position in its cell, from the model */
  guint           row;
  guint           column;
  guint           index;         /* its place in the cell, 0 first */
  ApRect          rect;
  PangoLayout    *title;         /* wrapped, ellipsized past AP_ROADMAP_TITLE_LINES */
  PangoLayout    *badge;         /* the stage as written, or NULL without a stage */
  double          badge_height;  /* one line or, for a long stage, two */
  ApRgba          stage_color;
  ApRoadmapChip  *chips;
  guint           n_chips;
  ApRoadmapMarks  marks;
  guint           content_hash;  /* changes whenever what is drawn changes */
} ApRoadmapCardBox;

typedef struct
{
  gint64       activity_id;
  ApRect       rect;
  PangoLayout *label;
} ApRoadmapActivityBox;

typedef struct
{
  gint64       step_id;
  gint64       activity_id;
  ApRect       rect;    /* the header; the column spans the same x range */
  PangoLayout *label;
} ApRoadmapColumnBox;

typedef struct
{
  gint64       period_id;
  gboolean     is_backlog;
  ApRect       rect;    /* the header; the row spans the same y range */
  PangoLayout *label;   /* the name, then the date range when known */
} ApRoadmapRowBox;

typedef struct
{
  ApRect  rect;
  guint   first_card; /* index into the cards, which are sorted by cell */
  guint   n_cards;
} ApRoadmapCellBox;

typedef enum
{
  AP_ROADMAP_HIT_NOTHING,
  AP_ROADMAP_HIT_CARD,
  AP_ROADMAP_HIT_CELL,
  AP_ROADMAP_HIT_ACTIVITY_HEADER,
  AP_ROADMAP_HIT_STEP_HEADER,
  AP_ROADMAP_HIT_PERIOD_HEADER,
} ApRoadmapHitKind;

typedef struct
{
  ApRoadmapHitKind kind;
  gint64           card_id;   /* HIT_CARD */
  gint64           period_id; /* HIT_CARD, HIT_CELL, HIT_PERIOD_HEADER */
  gint64           step_id;   /* HIT_CARD, HIT_CELL, HIT_STEP_HEADER */
  gint64           activity_id; /* HIT_ACTIVITY_HEADER */
  guint            row;
  guint            column;
  guint            index;     /* HIT_CELL: the insertion index; HIT_CARD: the card's */
} ApRoadmapHit;

#define AP_ROADMAP_TITLE_LINES 4

#define AP_TYPE_ROADMAP_LAYOUT (ap_roadmap_layout_get_type ())
G_DECLARE_FINAL_TYPE (ApRoadmapLayout, ap_roadmap_layout, AP, ROADMAP_LAYOUT, GObject)

ApRoadmapLayout *ap_roadmap_layout_new           (void);
void             ap_roadmap_layout_set_font      (ApRoadmapLayout            *self,
                                                  const PangoFontDescription *font);
PangoContext    *ap_roadmap_layout_get_context   (ApRoadmapLayout            *self);
void             ap_roadmap_layout_rebuild       (ApRoadmapLayout            *self,
                                                  ApPlan                     *plan);

double           ap_roadmap_layout_get_width     (ApRoadmapLayout *self);
double           ap_roadmap_layout_get_height    (ApRoadmapLayout *self);
double           ap_roadmap_layout_get_header_height (ApRoadmapLayout *self);
double           ap_roadmap_layout_get_period_width  (ApRoadmapLayout *self);
double           ap_roadmap_layout_get_activity_height (ApRoadmapLayout *self);

guint            ap_roadmap_layout_get_n_rows    (ApRoadmapLayout *self);
guint            ap_roadmap_layout_get_n_columns (ApRoadmapLayout *self);
guint            ap_roadmap_layout_get_n_activities (ApRoadmapLayout *self);
guint            ap_roadmap_layout_get_n_cards   (ApRoadmapLayout *self);
const ApRoadmapRowBox      *ap_roadmap_layout_get_row      (ApRoadmapLayout *self,
                                                            guint            row);
const ApRoadmapColumnBox   *ap_roadmap_layout_get_column   (ApRoadmapLayout *self,
                                                            guint            column);
const ApRoadmapActivityBox *ap_roadmap_layout_get_activity (ApRoadmapLayout *self,
                                                            guint            i);
const ApRoadmapCellBox     *ap_roadmap_layout_get_cell     (ApRoadmapLayout *self,
                                                            guint            row,
                                                            guint            column);
const ApRoadmapCardBox     *ap_roadmap_layout_get_card_at  (ApRoadmapLayout *self,
                                                            guint            i);
const ApRoadmapCardBox     *ap_roadmap_layout_find_card    (ApRoadmapLayout *self,
                                                            gint64           card_id);
gboolean         ap_roadmap_layout_find_row      (ApRoadmapLayout *self,
                                                  gint64           period_id,
                                                  guint           *row);
gboolean         ap_roadmap_layout_find_column   (ApRoadmapLayout *self,
                                                  gint64           step_id,
                                                  guint           *column);

/* The y of the line drawn for inserting at @index in a cell. */
double           ap_roadmap_layout_get_insertion_y (ApRoadmapLayout *self,
                                                    guint            row,
                                                    guint            column,
                                                    guint            index);

void             ap_roadmap_layout_hit_test      (ApRoadmapLayout *self,
                                                  double           x,
                                                  double           y,
                                                  ApRoadmapHit    *hit);

gboolean         ap_roadmap_layout_get_cell_extent (ApRoadmapLayout *self,
                                                    guint            row,
                                                    guint            column,
                                                    ApRect          *extent);
GPtrArray       *ap_roadmap_layout_get_initiative_cards (ApRoadmapLayout *self,
                                                         gint64           initiative_id);

/* Calls @func for each card whose rect meets @rect, in cell order. */
typedef void (*ApRoadmapCardFunc) (const ApRoadmapCardBox *box,
                                   gpointer                user_data);

guint            ap_roadmap_layout_cards_in_rect (ApRoadmapLayout   *self,
                                                  const ApRect      *rect,
                                                  ApRoadmapCardFunc  func,
                                                  gpointer           user_data);

/* The organizations' legend, laid out under the map. */
typedef struct
{
  ApRgba       color;
  PangoLayout *label;   /* "1  edX" */
} ApRoadmapLegendItem;

guint            ap_roadmap_layout_get_n_legend_items (ApRoadmapLayout *self);
const ApRoadmapLegendItem *ap_roadmap_layout_get_legend_item (ApRoadmapLayout *self,
                                                              guint            i);
PangoLayout     *ap_roadmap_layout_get_small_text (ApRoadmapLayout *self,
                                                   const char      *text);

/* Metrics the painter shares with the layout. */
#define AP_ROADMAP_CARD_WIDTH      200.0
#define AP_ROADMAP_CELL_PADDING    10.0
#define AP_ROADMAP_CARD_GAP        8.0
#define AP_ROADMAP_CARD_PADDING    8.0
#define AP_ROADMAP_BADGE_HEIGHT    18.0  /* of a one-line badge */
#define AP_ROADMAP_BADGE_PADDING   5.0   /* between the badge's edge and its text */
#define AP_ROADMAP_BADGE_LINES     2
#define AP_ROADMAP_CHIP_SIZE       16.0

G_END_DECLS
