/* rd-render-queue.h: the render worker of one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-render-job.h"

G_BEGIN_DECLS

#define RD_TYPE_RENDER_QUEUE (rd_render_queue_get_type ())

G_DECLARE_FINAL_TYPE (RdRenderQueue, rd_render_queue, RD, RENDER_QUEUE, GObject)

RdRenderQueue *rd_render_queue_new          (void);
void           rd_render_queue_push         (RdRenderQueue *self,
                                             RdRenderJob   *job);
guint          rd_render_queue_get_n_queued (RdRenderQueue *self);

G_END_DECLS
