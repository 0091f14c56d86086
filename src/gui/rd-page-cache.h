/* rd-page-cache.h: rendered pages under a byte budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

#define RD_TYPE_PAGE_CACHE (rd_page_cache_get_type ())

G_DECLARE_FINAL_TYPE (RdPageCache, rd_page_cache, RD, PAGE_CACHE, GObject)

#define RD_PAGE_CACHE_DEFAULT_BUDGET ((gsize) 256 * 1024 * 1024)

RdPageCache *rd_page_cache_new               (gsize        budget);
GdkTexture  *rd_page_cache_lookup            (RdPageCache *self,
                                              guint        page,
                                              double      *scale,
                                              guint       *rotation);
gboolean     rd_page_cache_is_current        (RdPageCache *self,
                                              guint        page,
                                              double       scale,
                                              guint        rotation);
void         rd_page_cache_insert            (RdPageCache *self,
                                              guint        page,
                                              GdkTexture  *texture,
                                              double       scale,
                                              guint        rotation);
void         rd_page_cache_set_visible_range (RdPageCache *self,
                                              guint        first,
                                              guint        last);
void         rd_page_cache_clear             (RdPageCache *self);
gsize        rd_page_cache_get_size          (RdPageCache *self);
gsize        rd_page_cache_get_budget        (RdPageCache *self);
guint        rd_page_cache_get_n_pages       (RdPageCache *self);

G_END_DECLS
