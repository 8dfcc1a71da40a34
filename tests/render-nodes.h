/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every node of the frame's tree, containers included, as the GL renderer counts them
 * towards its limit. */
static inline guint
ap_test_count_render_nodes (GskRenderNode *node)
{
  guint n = 1;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += ap_test_count_render_nodes (gsk_container_node_get_child (node, i));
      break;
    case GSK_TRANSFORM_NODE:
      n += ap_test_count_render_nodes (gsk_transform_node_get_child (node));
      break;
    case GSK_OPACITY_NODE:
      n += ap_test_count_render_nodes (gsk_opacity_node_get_child (node));
      break;
    case GSK_COLOR_MATRIX_NODE:
      n += ap_test_count_render_nodes (gsk_color_matrix_node_get_child (node));
      break;
    case GSK_REPEAT_NODE:
      n += ap_test_count_render_nodes (gsk_repeat_node_get_child (node));
      break;
    case GSK_CLIP_NODE:
      n += ap_test_count_render_nodes (gsk_clip_node_get_child (node));
      break;
    case GSK_ROUNDED_CLIP_NODE:
      n += ap_test_count_render_nodes (gsk_rounded_clip_node_get_child (node));
      break;
    case GSK_SHADOW_NODE:
      n += ap_test_count_render_nodes (gsk_shadow_node_get_child (node));
      break;
    case GSK_BLUR_NODE:
      n += ap_test_count_render_nodes (gsk_blur_node_get_child (node));
      break;
    case GSK_DEBUG_NODE:
      n += ap_test_count_render_nodes (gsk_debug_node_get_child (node));
      break;
    case GSK_BLEND_NODE:
      n += ap_test_count_render_nodes (gsk_blend_node_get_bottom_child (node)) +
           ap_test_count_render_nodes (gsk_blend_node_get_top_child (node));
      break;
    case GSK_CROSS_FADE_NODE:
      n += ap_test_count_render_nodes (gsk_cross_fade_node_get_start_child (node)) +
           ap_test_count_render_nodes (gsk_cross_fade_node_get_end_child (node));
      break;
    default:
      break;
    }
  return n;
}

G_END_DECLS
