/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include <adwaita.h>

#include "ap-bench-gui.h"
#include "ap-bench-window.h"
#include "ap-plan.h"
#include "ap-roadmap-layout.h"
#include "ap-window.h"

/* window.open: what someone waits for between choosing the 20,000-card plan and seeing
 * it — the plan opened as the app opens it (integrity check deferred), a window made for
 * it, shown at 1400×900 and painted once — against the part no roadmap can skip: opening
 * the plan and laying out its map, every card's text measured. Everything else the
 * window does on the way (the outline, the history panel, the incident list, the
 * charts) must fit in the difference. */

#define VIEW_WIDTH  1400
#define VIEW_HEIGHT 900

typedef struct
{
  const char           *path;
  PangoFontDescription *font;
} Open;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
window_trial (ApBench   *bench,
              gpointer   data,
              double    *seconds,
              GError   **error)
{
  Open *o = data;
  double start = ap_bench_now ();
  g_autoptr(ApPlan) plan = ap_plan_open (o->path, AP_PLAN_OPEN_DEFER_CHECK, error);
  ApWindow *window;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  if (plan == NULL)
    return FALSE;
  window = ap_window_new (NULL, plan);
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  *seconds = ap_bench_now () - start;
  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

static gboolean
layout_trial (ApBench   *bench,
              gpointer   data,
              double    *seconds,
              GError   **error)
{
  Open *o = data;
  double start = ap_bench_now ();
  g_autoptr(ApPlan) plan = ap_plan_open (o->path, AP_PLAN_OPEN_DEFER_CHECK, error);
  g_autoptr(ApRoadmapLayout) layout = NULL;

  if (plan == NULL)
    return FALSE;
  layout = ap_roadmap_layout_new ();
  ap_roadmap_layout_set_font (layout, o->font);
  ap_roadmap_layout_rebuild (layout, plan);
  *seconds = ap_bench_now () - start;
  ap_bench_sink += ap_roadmap_layout_get_n_cards (layout);
  return TRUE;
}

gboolean
ap_bench_figure_window_open (ApBench         *bench,
                             ApBenchMeasure  *out,
                             GError         **error)
{
  g_autoptr(GtkWidget) probe = NULL;
  Open o = { NULL, NULL };
  gboolean ok;

  if (!ap_bench_ensure_display (TRUE, error) || !ap_bench_ensure_plan (bench, error))
    return FALSE;
  /* The canvas lays out in its widget's font; the baseline uses the same. */
  probe = g_object_ref_sink (gtk_label_new (NULL));
  o.path = bench->plan_path;
  o.font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (probe)));
  ok = ap_bench_measure_pair (bench, window_trial, layout_trial, &o, out, error);
  pango_font_description_free (o.font);
  return ok;
}
