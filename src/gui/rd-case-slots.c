/* rd-case-slots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case-slots"

#include "config.h"

#include "rd-case-slots.h"

struct _RdCaseSlot
{
  GObject      parent_instance;

  RdCaseList  *list;      /* owned: a slot GTK still holds may outlive its model */
  guint        position;
};

G_DEFINE_FINAL_TYPE (RdCaseSlot, rd_case_slot, G_TYPE_OBJECT)

enum { SLOT_CHANGED, N_SLOT_SIGNALS };
static guint slot_signals[N_SLOT_SIGNALS];

static void
rd_case_slot_dispose (GObject *object)
{
  RdCaseSlot *self = RD_CASE_SLOT (object);

  g_clear_object (&self->list);

  G_OBJECT_CLASS (rd_case_slot_parent_class)->dispose (object);
}

static void
rd_case_slot_class_init (RdCaseSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_case_slot_dispose;

  slot_signals[SLOT_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rd_case_slot_init (RdCaseSlot *self)
{
}

RdCase *
rd_case_slot_dup_case (RdCaseSlot *self)
{
  g_return_val_if_fail (RD_IS_CASE_SLOT (self), NULL);

  if (self->list == NULL)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->list), self->position);
}

guint
rd_case_slot_get_position (RdCaseSlot *self)
{
  g_return_val_if_fail (RD_IS_CASE_SLOT (self), 0);

  return self->position;
}

/* The model of slots */

struct _RdCaseSlots
{
  GObject     parent_instance;

  RdCaseList *list;
  guint       n_items;
  GHashTable *live;   /* position -> RdCaseSlot (weak): the slots someone holds */
  gulong      changed_id;
  guint       visible;  /* the first row on screen, as the view last said */
  GPtrArray  *later;    /* RdCaseSlot: rows off screen, refilled after the next frame */
  guint       later_id;
};

/* Rows refilled at once around the first one on screen: more than a tall window shows. */
#define EAGER_ROWS 64

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCaseSlots, rd_case_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
slot_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  RdCaseSlots *self = data;
  GHashTableIter iter;
  gpointer value;

  /* The slot is gone, so its position cannot be read from it: find it by address. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}

static GType
rd_case_slots_get_item_type (GListModel *model)
{
  return RD_TYPE_CASE_SLOT;
}

static guint
rd_case_slots_get_n_items (GListModel *model)
{
  return RD_CASE_SLOTS (model)->n_items;
}

static gpointer
rd_case_slots_get_item (GListModel *model,
                        guint       position)
{
  RdCaseSlots *self = RD_CASE_SLOTS (model);
  RdCaseSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = g_object_new (RD_TYPE_CASE_SLOT, NULL);
  slot->list = g_object_ref (self->list);
  slot->position = position;
  g_object_weak_ref (G_OBJECT (slot), slot_gone_cb, self);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_case_slots_get_item_type;
  iface->get_n_items = rd_case_slots_get_n_items;
  iface->get_item = rd_case_slots_get_item;
}

static gboolean
refill_later_cb (gpointer user_data)
{
  RdCaseSlots *self = user_data;
  g_autoptr (GPtrArray) later = g_steal_pointer (&self->later);

  self->later_id = 0;
  for (guint i = 0; later != NULL && i < later->len; i++)
    g_signal_emit (g_ptr_array_index (later, i), slot_signals[SLOT_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
list_items_changed_cb (GListModel  *list,
                       guint        position,
                       guint        removed,
                       guint        added,
                       RdCaseSlots *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (list);
  /* A same-size change touches only its own range; otherwise every later row moved. */
  guint end = removed == added ? position + added : new_n;
  g_autoptr (GPtrArray) refill = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  self->n_items = new_n;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at < position || at >= end)
        continue;

      /* GTK 4.8 keeps about 200 rows built; refilling those off screen can wait for the frame
       * that shows the new result to be drawn. */
      if (at >= self->visible + EAGER_ROWS || at + EAGER_ROWS < self->visible)
        {
          if (self->later == NULL)
            self->later = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (self->later, g_object_ref (value));
        }
      else
        g_ptr_array_add (refill, g_object_ref (value));
    }

  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  for (guint i = 0; i < refill->len; i++)
    g_signal_emit (g_ptr_array_index (refill, i), slot_signals[SLOT_CHANGED], 0);

  if (self->later != NULL && self->later_id == 0)
    self->later_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refill_later_cb, self, NULL);
}

static void
rd_case_slots_dispose (GObject *object)
{
  RdCaseSlots *self = RD_CASE_SLOTS (object);
  GHashTableIter iter;
  gpointer value;

  if (self->live != NULL)
    {
      g_hash_table_iter_init (&iter, self->live);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, slot_gone_cb, self);
      g_hash_table_remove_all (self->live);
    }
  g_clear_handle_id (&self->later_id, g_source_remove);
  g_clear_pointer (&self->later, g_ptr_array_unref);
  if (self->list != NULL)
    g_clear_signal_handler (&self->changed_id, self->list);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (rd_case_slots_parent_class)->dispose (object);
}

static void
rd_case_slots_finalize (GObject *object)
{
  RdCaseSlots *self = RD_CASE_SLOTS (object);

  g_clear_pointer (&self->live, g_hash_table_unref);

  G_OBJECT_CLASS (rd_case_slots_parent_class)->finalize (object);
}

static void
rd_case_slots_class_init (RdCaseSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_case_slots_dispose;
  object_class->finalize = rd_case_slots_finalize;
}

static void
rd_case_slots_init (RdCaseSlots *self)
{
  self->live = g_hash_table_new (NULL, NULL);
}

RdCaseSlots *
rd_case_slots_new (RdCaseList *list)
{
  RdCaseSlots *self;

  g_return_val_if_fail (RD_IS_CASE_LIST (list), NULL);

  self = g_object_new (RD_TYPE_CASE_SLOTS, NULL);
  self->list = g_object_ref (list);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  self->changed_id = g_signal_connect (list, "items-changed",
                                       G_CALLBACK (list_items_changed_cb), self);
  return self;
}

RdCaseList *
rd_case_slots_get_list (RdCaseSlots *self)
{
  g_return_val_if_fail (RD_IS_CASE_SLOTS (self), NULL);

  return self->list;
}

void
rd_case_slots_set_visible (RdCaseSlots *self,
                           guint        position)
{
  g_return_if_fail (RD_IS_CASE_SLOTS (self));

  self->visible = position;
}
