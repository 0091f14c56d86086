/* rd-render-job.h: one page to render off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-viewer-document.h"

G_BEGIN_DECLS

/* Lower runs first. */
typedef enum
{
  RD_RENDER_PRIORITY_VISIBLE,
  RD_RENDER_PRIORITY_THUMBNAIL,
  RD_RENDER_PRIORITY_PRELOAD,
} RdRenderPriority;

#define RD_TYPE_RENDER_JOB (rd_render_job_get_type ())

G_DECLARE_FINAL_TYPE (RdRenderJob, rd_render_job, RD, RENDER_JOB, GObject)

RdRenderJob      *rd_render_job_new          (RdViewerDocument *document,
                                              guint             page,
                                              double            scale,
                                              guint             rotation,
                                              RdRenderPriority  priority);
guint             rd_render_job_get_page     (RdRenderJob      *self);
double            rd_render_job_get_scale    (RdRenderJob      *self);
guint             rd_render_job_get_rotation (RdRenderJob      *self);
RdRenderPriority  rd_render_job_get_priority (RdRenderJob      *self);
guint64           rd_render_job_get_serial   (RdRenderJob      *self);
void              rd_render_job_cancel       (RdRenderJob      *self);
gboolean          rd_render_job_is_cancelled (RdRenderJob      *self);
gboolean          rd_render_job_is_finished  (RdRenderJob      *self);
GdkTexture       *rd_render_job_get_texture  (RdRenderJob      *self);
const GError     *rd_render_job_get_error    (RdRenderJob      *self);

/* For the queue: renders in the calling thread, then emits ::finished on the main
 * context the job was created in (never if it was cancelled). */
void              rd_render_job_run          (RdRenderJob      *self);
/* For the queue: drops a reference on the main context the job was created in. */
void              rd_render_job_release      (RdRenderJob      *self);

G_END_DECLS
