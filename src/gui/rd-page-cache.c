/* rd-page-cache.c: rendered pages under a byte budget
 *
 * One texture per page, whatever its zoom: after a zoom the old texture is still
 * returned (drawn stretched) until its replacement arrives, as in Evince. When the
 * budget is exceeded, the pages farthest from the visible range go first; visible
 * pages are never dropped, so the screen never goes blank.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-page-cache"

#include "config.h"

#include <math.h>

#include "rd-page-cache.h"

typedef struct
{
  GdkTexture *texture;
  double      scale;
  guint       rotation;
  gsize       bytes;
} Entry;

struct _RdPageCache
{
  GObject     parent_instance;

  GHashTable *entries;  /* page (GUINT_TO_POINTER) → Entry */
  gsize       budget;
  gsize       size;
  guint       first_visible;
  guint       last_visible;
};

G_DEFINE_FINAL_TYPE (RdPageCache, rd_page_cache, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->texture);
  g_free (entry);
}

static gsize
texture_bytes (GdkTexture *texture)
{
  return (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
}

static guint
distance_to_visible (RdPageCache *self,
                     guint        page)
{
  if (page < self->first_visible)
    return self->first_visible - page;
  if (page > self->last_visible)
    return page - self->last_visible;
  return 0;
}

static void
remove_page (RdPageCache *self,
             guint        page)
{
  Entry *entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (page));

  if (entry == NULL)
    return;

  self->size -= entry->bytes;
  g_hash_table_remove (self->entries, GUINT_TO_POINTER (page));
}

static void
evict (RdPageCache *self)
{
  while (self->size > self->budget)
    {
      GHashTableIter iter;
      gpointer key, value;
      guint victim = 0, farthest = 0;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint distance = distance_to_visible (self, GPOINTER_TO_UINT (key));

          if (distance > farthest)
            {
              farthest = distance;
              victim = GPOINTER_TO_UINT (key);
            }
        }

      if (farthest == 0)
        break;

      remove_page (self, victim);
    }
}

static void
rd_page_cache_finalize (GObject *object)
{
  RdPageCache *self = RD_PAGE_CACHE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (rd_page_cache_parent_class)->finalize (object);
}

static void
rd_page_cache_class_init (RdPageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_page_cache_finalize;
}

static void
rd_page_cache_init (RdPageCache *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->budget = RD_PAGE_CACHE_DEFAULT_BUDGET;
}

RdPageCache *
rd_page_cache_new (gsize budget)
{
  RdPageCache *self = g_object_new (RD_TYPE_PAGE_CACHE, NULL);

  self->budget = budget;

  return self;
}

/**
 * rd_page_cache_lookup:
 * @self: a #RdPageCache
 * @page: a page index
 * @scale: (out) (optional): the scale the texture was rendered at
 * @rotation: (out) (optional): the rotation the texture was rendered at
 *
 * Returns: (transfer none) (nullable): the page's texture, current or stale
 */
GdkTexture *
rd_page_cache_lookup (RdPageCache *self,
                      guint        page,
                      double      *scale,
                      guint       *rotation)
{
  Entry *entry;

  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), NULL);

  entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (page));
  if (entry == NULL)
    return NULL;

  if (scale != NULL)
    *scale = entry->scale;
  if (rotation != NULL)
    *rotation = entry->rotation;

  return entry->texture;
}

gboolean
rd_page_cache_is_current (RdPageCache *self,
                          guint        page,
                          double       scale,
                          guint        rotation)
{
  Entry *entry;

  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), FALSE);

  entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (page));

  return entry != NULL && entry->rotation == rotation && fabs (entry->scale - scale) < 1e-6;
}

void
rd_page_cache_insert (RdPageCache *self,
                      guint        page,
                      GdkTexture  *texture,
                      double       scale,
                      guint        rotation)
{
  Entry *entry;

  g_return_if_fail (RD_IS_PAGE_CACHE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  remove_page (self, page);

  entry = g_new0 (Entry, 1);
  entry->texture = g_object_ref (texture);
  entry->scale = scale;
  entry->rotation = rotation;
  entry->bytes = texture_bytes (texture);
  self->size += entry->bytes;
  g_hash_table_insert (self->entries, GUINT_TO_POINTER (page), entry);

  evict (self);
}

void
rd_page_cache_set_visible_range (RdPageCache *self,
                                 guint        first,
                                 guint        last)
{
  g_return_if_fail (RD_IS_PAGE_CACHE (self));
  g_return_if_fail (first <= last);

  self->first_visible = first;
  self->last_visible = last;
  evict (self);
}

void
rd_page_cache_clear (RdPageCache *self)
{
  g_return_if_fail (RD_IS_PAGE_CACHE (self));

  g_hash_table_remove_all (self->entries);
  self->size = 0;
}

gsize
rd_page_cache_get_size (RdPageCache *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), 0);
  return self->size;
}

gsize
rd_page_cache_get_budget (RdPageCache *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), 0);
  return self->budget;
}

guint
rd_page_cache_get_n_pages (RdPageCache *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), 0);
  return g_hash_table_size (self->entries);
}
