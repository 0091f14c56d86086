/* rd-redaction-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction-set"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-code-points.h"
#include "rd-error.h"
#include "rd-redaction-item-private.h"
#include "rd-redaction-set.h"

/* One decision on one item, both ways. */
typedef struct
{
  RdRedactionItem  *item;
  RdRedactionState  old_state;
  RdRedactionState  new_state;
  char             *old_reason;
  char             *new_reason;
} Change;

/* One step of the history: what the user sees as one action. */
typedef struct
{
  guint64          serial;
  GArray          *changes;    /* Change */
  RdRedactionItem *inserted;   /* a manual span this step added, or NULL */
} Step;

struct _RdRedactionSet
{
  GObject       parent_instance;

  RdTranscript *transcript;
  const char   *text;
  gsize         length;
  GPtrArray    *items;        /* RdRedactionItem, in text order */
  char         *default_reason;

  GQueue        undo;         /* Step, newest at the head */
  GQueue        redo;
  guint64       next_serial;
  guint64       saved_serial; /* serial of the newest step when saved; 0: the initial state */
};

static void rd_redaction_set_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdRedactionSet, rd_redaction_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rd_redaction_set_list_model_init))

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, PROP_MODIFIED, PROP_DEFAULT_REASON, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->item);
  g_clear_pointer (&change->old_reason, g_free);
  g_clear_pointer (&change->new_reason, g_free);
}

static Step *
step_new (RdRedactionSet *self)
{
  Step *step = g_new0 (Step, 1);

  step->serial = ++self->next_serial;
  step->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (step->changes, change_clear);
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_array_unref (step->changes);
  g_clear_object (&step->inserted);
  g_free (step);
}

static guint64
current_serial (RdRedactionSet *self)
{
  Step *top = g_queue_peek_head (&self->undo);
  return top ? top->serial : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return RD_TYPE_REDACTION_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return RD_REDACTION_SET (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RdRedactionSet *self = RD_REDACTION_SET (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
rd_redaction_set_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ------------------------------------------------------------------------------------------ */

static void
rd_redaction_set_dispose (GObject *object)
{
  RdRedactionSet *self = RD_REDACTION_SET (object);

  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->transcript);

  G_OBJECT_CLASS (rd_redaction_set_parent_class)->dispose (object);
}

static void
rd_redaction_set_finalize (GObject *object)
{
  RdRedactionSet *self = RD_REDACTION_SET (object);

  g_free (self->default_reason);

  G_OBJECT_CLASS (rd_redaction_set_parent_class)->finalize (object);
}

static void
rd_redaction_set_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdRedactionSet *self = RD_REDACTION_SET (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, rd_redaction_set_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, rd_redaction_set_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, rd_redaction_set_get_modified (self));
      break;
    case PROP_DEFAULT_REASON:
      g_value_set_string (value, self->default_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_redaction_set_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdRedactionSet *self = RD_REDACTION_SET (object);

  switch (prop_id)
    {
    case PROP_DEFAULT_REASON:
      rd_redaction_set_set_default_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_redaction_set_class_init (RdRedactionSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_redaction_set_dispose;
  object_class->finalize = rd_redaction_set_finalize;
  object_class->get_property = rd_redaction_set_get_property;
  object_class->set_property = rd_redaction_set_set_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_REASON] =
    g_param_spec_string ("default-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_redaction_set_init (RdRedactionSet *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

RdRedactionSet *
rd_redaction_set_new (RdTranscript *transcript)
{
  RdRedactionSet *self;

  g_return_val_if_fail (RD_IS_TRANSCRIPT (transcript), NULL);

  self = g_object_new (RD_TYPE_REDACTION_SET, NULL);
  self->transcript = g_object_ref (transcript);
  self->text = rd_transcript_get_text (transcript, &self->length);
  return self;
}

RdTranscript *
rd_redaction_set_get_transcript (RdRedactionSet *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), NULL);
  return self->transcript;
}

/* The history's state after any step, undo or redo. */
static void
notify_history (RdRedactionSet *self,
                gboolean        could_undo,
                gboolean        could_redo,
                gboolean        was_modified)
{
  if (could_undo != rd_redaction_set_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != rd_redaction_set_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != rd_redaction_set_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RdRedaction *ra = *(const RdRedaction **) a;
  const RdRedaction *rb = *(const RdRedaction **) b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if (ra->end != rb->end)
    return ra->end > rb->end ? -1 : 1;
  return 0;
}

static gboolean
is_char_boundary (RdRedactionSet *self,
                  gsize           offset)
{
  return offset == self->length || (((guchar) self->text[offset]) & 0xC0) != 0x80;
}

static gboolean
valid_span (RdRedactionSet *self,
            gsize           start,
            gsize           end)
{
  return start < end && end <= self->length && is_char_boundary (self, start) &&
         is_char_boundary (self, end);
}

guint
rd_redaction_set_load (RdRedactionSet *self,
                       GPtrArray      *redactions)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_redaction_free);
  gboolean could_undo, could_redo, was_modified;
  guint removed;
  RdCodePoints points;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), 0);

  for (guint i = 0; redactions != NULL && i < redactions->len; i++)
    {
      const RdRedaction *r = g_ptr_array_index (redactions, i);

      if (valid_span (self, r->start, r->end))
        g_ptr_array_add (sorted, rd_redaction_copy (r));
      else
        g_debug ("Dropping the span %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT ": not in the text",
                 r->start, r->end);
    }
  g_ptr_array_sort (sorted, compare_items);

  could_undo = rd_redaction_set_can_undo (self);
  could_redo = rd_redaction_set_can_redo (self);
  was_modified = rd_redaction_set_get_modified (self);
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  self->saved_serial = 0;

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);

  /* Character offsets in about one pass over the text: spans come sorted by start. */
  points = (RdCodePoints) RD_CODE_POINTS_INIT (self->text);
  for (guint i = 0; i < sorted->len; i++)
    {
      RdRedaction *r = g_ptr_array_index (sorted, i);
      gsize char_start, char_end;

      char_start = rd_code_points_at (&points, r->start);
      char_end = rd_code_points_at (&points, r->end);
      g_ptr_array_add (self->items, rd_redaction_item_new (g_steal_pointer (&sorted->pdata[i]),
                                                           self->text, char_start, char_end));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
  notify_history (self, could_undo, could_redo, was_modified);
  return self->items->len;
}

const char *
rd_redaction_set_get_default_reason (RdRedactionSet *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), NULL);
  return self->default_reason;
}

void
rd_redaction_set_set_default_reason (RdRedactionSet *self,
                                     const char     *reason)
{
  g_return_if_fail (RD_IS_REDACTION_SET (self));

  if (reason != NULL && *reason == '\0')
    reason = NULL;
  if (g_strcmp0 (self->default_reason, reason) == 0)
    return;
  g_free (self->default_reason);
  self->default_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_REASON]);
}

/* The position of @item, found by binary search on its span. */
static int
find_position (RdRedactionSet  *self,
               RdRedactionItem *item)
{
  const RdRedaction *key = rd_redaction_item_get_redaction (item);
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const RdRedaction *r = rd_redaction_item_get_redaction (g_ptr_array_index (self->items, mid));

      if (compare_items (&r, &key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < self->items->len; i++)
    {
      const RdRedaction *r;

      if (g_ptr_array_index (self->items, i) == item)
        return i;
      r = rd_redaction_item_get_redaction (g_ptr_array_index (self->items, i));
      if (compare_items (&r, &key) != 0)
        break;
    }
  return -1;
}

/* Where a new item with this span goes: after every item that sorts before or equal to it. */
static guint
insert_position (RdRedactionSet    *self,
                 const RdRedaction *key)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const RdRedaction *r = rd_redaction_item_get_redaction (g_ptr_array_index (self->items, mid));

      if (compare_items (&r, &key) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
insert_item (RdRedactionSet  *self,
             RdRedactionItem *item)
{
  guint position = insert_position (self, rd_redaction_item_get_redaction (item));

  g_ptr_array_insert (self->items, position, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
remove_item (RdRedactionSet  *self,
             RdRedactionItem *item)
{
  int position = find_position (self, item);

  g_assert (position >= 0);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
step_add_change (Step             *step,
                 RdRedactionItem  *item,
                 RdRedactionState  state,
                 const char       *reason)
{
  Change change = {
    g_object_ref (item),
    rd_redaction_item_get_state (item), state,
    g_strdup (rd_redaction_item_get_reason (item)), g_strdup (reason),
  };

  g_array_append_val (step->changes, change);
}

static void
step_apply (Step     *step,
            gboolean  forward)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      /* Backwards in reverse order, so that a step touching one item twice ends right. */
      guint k = forward ? i : step->changes->len - 1 - i;
      Change *c = &g_array_index (step->changes, Change, k);

      if (forward)
        rd_redaction_item_set_decision (c->item, c->new_state, c->new_reason);
      else
        rd_redaction_item_set_decision (c->item, c->old_state, c->old_reason);
    }
}

/* Applies a new step and puts it on the history; an empty one is dropped. */
static void
commit_step (RdRedactionSet *self,
             Step           *step)
{
  gboolean could_undo = rd_redaction_set_can_undo (self);
  gboolean could_redo = rd_redaction_set_can_redo (self);
  gboolean was_modified = rd_redaction_set_get_modified (self);

  if (step->changes->len == 0 && step->inserted == NULL)
    {
      step_free (step);
      return;
    }

  if (step->inserted != NULL)
    insert_item (self, step->inserted);
  step_apply (step, TRUE);

  g_queue_clear_full (&self->redo, step_free);
  g_queue_push_head (&self->undo, step);
  notify_history (self, could_undo, could_redo, was_modified);
}

/* The reason an accepted item gets, or NULL with @error set. */
static const char *
pick_reason (RdRedactionSet   *self,
             RdRedactionItem  *item,
             RdRedactionState  state,
             const char       *reason,
             GError          **error)
{
  if (reason != NULL && *reason != '\0')
    return reason;
  if (item != NULL && rd_redaction_item_get_reason (item) != NULL)
    return rd_redaction_item_get_reason (item);
  if (state != RD_REDACTION_ACCEPTED)
    return NULL;
  /* The default speaks for other people's data, the usual redaction: the requester's own,
   * when withheld, needs its reason given for it (the register shows the requester why). */
  if (item != NULL && rd_redaction_item_get_subject (item))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is the requester’s own data: choose the reason it is withheld"),
                   rd_redaction_item_get_excerpt (item));
      return NULL;
    }
  if (self->default_reason != NULL)
    return self->default_reason;

  g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
               _("A redaction needs a reason: choose one before redacting"));
  return NULL;
}

gboolean
rd_redaction_set_decide (RdRedactionSet   *self,
                         guint             position,
                         RdRedactionState  state,
                         const char       *reason,
                         GError          **error)
{
  RdRedactionItem *item;
  const char *chosen;
  Step *step;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);
  g_return_val_if_fail (state <= RD_REDACTION_REJECTED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (position >= self->items->len)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no finding number %u"),
                   position + 1);
      return FALSE;
    }

  item = g_ptr_array_index (self->items, position);
  chosen = pick_reason (self, item, state, reason, error);
  if (chosen == NULL && state == RD_REDACTION_ACCEPTED)
    return FALSE;

  if (rd_redaction_item_get_state (item) == state &&
      g_strcmp0 (rd_redaction_item_get_reason (item), chosen) == 0)
    return TRUE;

  step = step_new (self);
  step_add_change (step, item, state, chosen);
  commit_step (self, step);
  return TRUE;
}

/* Decides every item of @entity (any with NULL) in state @from (any with -1) as one step. */
static int
decide_matching (RdRedactionSet   *self,
                 const char       *entity,
                 int               from,
                 RdRedactionState  state,
                 const char       *reason,
                 GError          **error)
{
  Step *step = step_new (self);
  int n;

  for (guint i = 0; i < self->items->len; i++)
    {
      RdRedactionItem *item = g_ptr_array_index (self->items, i);
      const char *chosen;

      if (entity != NULL && !g_str_equal (rd_redaction_item_get_entity (item), entity))
        continue;
      if (from >= 0 && rd_redaction_item_get_state (item) != (RdRedactionState) from)
        continue;
      /* The requester's own data stays unless someone decides on it by itself. */
      if (state == RD_REDACTION_ACCEPTED && rd_redaction_item_get_subject (item))
        continue;

      chosen = pick_reason (self, item, state, reason, error);
      if (chosen == NULL && state == RD_REDACTION_ACCEPTED)
        {
          step_free (step);
          return -1;
        }
      if (rd_redaction_item_get_state (item) == state &&
          g_strcmp0 (rd_redaction_item_get_reason (item), chosen) == 0)
        continue;
      step_add_change (step, item, state, chosen);
    }

  n = step->changes->len;
  commit_step (self, step);
  return n;
}

int
rd_redaction_set_decide_entity (RdRedactionSet   *self,
                                const char       *entity,
                                RdRedactionState  state,
                                const char       *reason,
                                GError          **error)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), -1);
  g_return_val_if_fail (entity != NULL, -1);
  g_return_val_if_fail (state <= RD_REDACTION_REJECTED, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return decide_matching (self, entity, -1, state, reason, error);
}

/* Whether @b is the same finding as @a in another place: the same type and the same text,
 * however it is cased ("Tom Miller", "TOM MILLER"). */
static gboolean
alike (RdRedactionSet  *self,
       RdRedactionItem *a,
       RdRedactionItem *b)
{
  gsize start_a = rd_redaction_item_get_start (a), end_a = rd_redaction_item_get_end (a);
  gsize start_b = rd_redaction_item_get_start (b), end_b = rd_redaction_item_get_end (b);
  g_autofree char *fold_a = NULL, *fold_b = NULL;

  if (a == b || rd_redaction_item_get_manual (a) != rd_redaction_item_get_manual (b) ||
      !g_str_equal (rd_redaction_item_get_entity (a), rd_redaction_item_get_entity (b)))
    return FALSE;
  if (end_a - start_a == end_b - start_b &&
      memcmp (self->text + start_a, self->text + start_b, end_a - start_a) == 0)
    return TRUE;
  fold_a = g_utf8_casefold (self->text + start_a, end_a - start_a);
  fold_b = g_utf8_casefold (self->text + start_b, end_b - start_b);
  return g_str_equal (fold_a, fold_b);
}

/* The items alike to the one at @position that are decided otherwise: in @step when given. */
static guint
collect_alike (RdRedactionSet *self,
               guint           position,
               Step           *step)
{
  RdRedactionItem *item = g_ptr_array_index (self->items, position);
  RdRedactionState state = rd_redaction_item_get_state (item);
  const char *reason = rd_redaction_item_get_reason (item);
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      RdRedactionItem *other = g_ptr_array_index (self->items, i);

      if ((rd_redaction_item_get_state (other) == state &&
           g_strcmp0 (rd_redaction_item_get_reason (other), reason) == 0) ||
          !alike (self, item, other))
        continue;
      if (step != NULL)
        step_add_change (step, other, state, reason);
      n++;
    }
  return n;
}

guint
rd_redaction_set_count_alike (RdRedactionSet *self,
                              guint           position)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), 0);
  g_return_val_if_fail (position < self->items->len, 0);

  return collect_alike (self, position, NULL);
}

guint
rd_redaction_set_decide_alike (RdRedactionSet *self,
                               guint           position)
{
  Step *step;
  guint n;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), 0);
  g_return_val_if_fail (position < self->items->len, 0);

  step = step_new (self);
  n = collect_alike (self, position, step);
  commit_step (self, step);
  return n;
}

int
rd_redaction_set_accept_proposed (RdRedactionSet  *self,
                                  const char      *reason,
                                  GError         **error)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return decide_matching (self, NULL, RD_REDACTION_PROPOSED, RD_REDACTION_ACCEPTED, reason,
                          error);
}

gboolean
rd_redaction_set_set_reason (RdRedactionSet *self,
                             guint           position,
                             const char     *reason,
                             GError        **error)
{
  RdRedactionItem *item;
  Step *step;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (position >= self->items->len)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("There is no finding number %u"),
                   position + 1);
      return FALSE;
    }
  item = g_ptr_array_index (self->items, position);
  if (reason != NULL && *reason == '\0')
    reason = NULL;
  if (reason == NULL && rd_redaction_item_get_state (item) == RD_REDACTION_ACCEPTED)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("A redaction needs a reason: it cannot be left without one"));
      return FALSE;
    }
  if (g_strcmp0 (rd_redaction_item_get_reason (item), reason) == 0)
    return TRUE;

  step = step_new (self);
  step_add_change (step, item, rd_redaction_item_get_state (item), reason);
  commit_step (self, step);
  return TRUE;
}

int
rd_redaction_set_add_manual (RdRedactionSet *self,
                             gsize           start,
                             gsize           end,
                             const char     *reason,
                             GError        **error)
{
  RdRedaction key = { start, end, NULL, NULL, 0, FALSE };
  RdRedaction *redaction;
  const char *chosen;
  gsize char_start;
  Step *step;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!valid_span (self, start, end))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   start >= end ? _("Select the text to redact first")
                                : _("The selection is not within the transcript"));
      return -1;
    }

  /* A span already redacted as a whole needs nothing more; a finding on exactly this span is
   * accepted rather than doubled. */
  for (guint i = 0; i < self->items->len; i++)
    {
      RdRedactionItem *item = g_ptr_array_index (self->items, i);
      gsize s = rd_redaction_item_get_start (item), e = rd_redaction_item_get_end (item);

      if (s > start)
        break;
      if (rd_redaction_item_get_state (item) == RD_REDACTION_ACCEPTED && e >= end)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("This text is already redacted"));
          return -1;
        }
    }
  for (guint i = insert_position (self, &key); i > 0; i--)
    {
      RdRedactionItem *item = g_ptr_array_index (self->items, i - 1);

      if (rd_redaction_item_get_start (item) != start || rd_redaction_item_get_end (item) != end)
        break;
      return rd_redaction_set_decide (self, i - 1, RD_REDACTION_ACCEPTED, reason, error) ? (int) i - 1
                                                                                          : -1;
    }

  chosen = pick_reason (self, NULL, RD_REDACTION_ACCEPTED, reason, error);
  if (chosen == NULL)
    return -1;

  redaction = rd_redaction_new (start, end, "MANUAL", chosen, RD_REDACTION_ACCEPTED);
  char_start = g_utf8_pointer_to_offset (self->text, self->text + start);
  step = step_new (self);
  step->inserted = rd_redaction_item_new (redaction, self->text, char_start,
                                          char_start + g_utf8_strlen (self->text + start,
                                                                      end - start));
  commit_step (self, step);
  return find_position (self, step->inserted);
}

gboolean
rd_redaction_set_can_undo (RdRedactionSet *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
rd_redaction_set_can_redo (RdRedactionSet *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

gboolean
rd_redaction_set_undo (RdRedactionSet *self)
{
  gboolean could_undo, could_redo, was_modified;
  Step *step;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);

  if (g_queue_is_empty (&self->undo))
    return FALSE;
  could_undo = rd_redaction_set_can_undo (self);
  could_redo = rd_redaction_set_can_redo (self);
  was_modified = rd_redaction_set_get_modified (self);

  step = g_queue_pop_head (&self->undo);
  step_apply (step, FALSE);
  if (step->inserted != NULL)
    remove_item (self, step->inserted);
  g_queue_push_head (&self->redo, step);

  notify_history (self, could_undo, could_redo, was_modified);
  return TRUE;
}

gboolean
rd_redaction_set_redo (RdRedactionSet *self)
{
  gboolean could_undo, could_redo, was_modified;
  Step *step;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);

  if (g_queue_is_empty (&self->redo))
    return FALSE;
  could_undo = rd_redaction_set_can_undo (self);
  could_redo = rd_redaction_set_can_redo (self);
  was_modified = rd_redaction_set_get_modified (self);

  step = g_queue_pop_head (&self->redo);
  if (step->inserted != NULL)
    insert_item (self, step->inserted);
  step_apply (step, TRUE);
  g_queue_push_head (&self->undo, step);

  notify_history (self, could_undo, could_redo, was_modified);
  return TRUE;
}

gboolean
rd_redaction_set_get_modified (RdRedactionSet *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), FALSE);
  return current_serial (self) != self->saved_serial;
}

void
rd_redaction_set_mark_saved (RdRedactionSet *self)
{
  gboolean was_modified;

  g_return_if_fail (RD_IS_REDACTION_SET (self));

  was_modified = rd_redaction_set_get_modified (self);
  self->saved_serial = current_serial (self);
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

RdRedactionItem *
rd_redaction_set_get_item (RdRedactionSet *self,
                           guint           position)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), NULL);

  if (position >= self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, position);
}

int
rd_redaction_set_get_position (RdRedactionSet  *self,
                               RdRedactionItem *item)
{
  g_return_val_if_fail (RD_IS_REDACTION_SET (self), -1);
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (item), -1);

  return find_position (self, item);
}

int
rd_redaction_set_find_at (RdRedactionSet *self,
                          gsize           offset)
{
  int best = -1;
  gsize best_length = G_MAXSIZE;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    {
      RdRedactionItem *item = g_ptr_array_index (self->items, i);
      gsize s = rd_redaction_item_get_start (item), e = rd_redaction_item_get_end (item);

      if (s > offset)
        break;
      if (offset < e && e - s < best_length)
        {
          best = i;
          best_length = e - s;
        }
    }
  return best;
}

guint
rd_redaction_set_count (RdRedactionSet   *self,
                        RdRedactionState  state)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (rd_redaction_item_get_state (g_ptr_array_index (self->items, i)) == state)
      n++;
  return n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

char **
rd_redaction_set_get_entities (RdRedactionSet *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *entity = rd_redaction_item_get_entity (g_ptr_array_index (self->items, i));

      if (g_hash_table_add (seen, (gpointer) entity))
        g_ptr_array_add (names, g_strdup (entity));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

GPtrArray *
rd_redaction_set_get_redactions (RdRedactionSet *self)
{
  GPtrArray *out;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), NULL);

  out = g_ptr_array_new_full (self->items->len, (GDestroyNotify) rd_redaction_free);
  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (out, rd_redaction_copy (rd_redaction_item_get_redaction (
                                               g_ptr_array_index (self->items, i))));
  return out;
}

static int
compare_withheld (gconstpointer a,
                  gconstpointer b)
{
  const RdWithheldItem *wa = *(const RdWithheldItem **) a;
  const RdWithheldItem *wb = *(const RdWithheldItem **) b;
  int c = g_strcmp0 (wa->entity, wb->entity);

  return c != 0 ? c : g_strcmp0 (wa->reason, wb->reason);
}

GPtrArray *
rd_redaction_set_get_withheld (RdRedactionSet *self)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out;

  g_return_val_if_fail (RD_IS_REDACTION_SET (self), NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_withheld_item_free);
  for (guint i = 0; i < self->items->len; i++)
    {
      RdRedactionItem *item = g_ptr_array_index (self->items, i);
      const char *entity = rd_redaction_item_get_entity (item);
      const char *reason = rd_redaction_item_get_reason (item);
      g_autofree char *key = NULL;
      RdWithheldItem *group;

      if (rd_redaction_item_get_state (item) != RD_REDACTION_ACCEPTED)
        continue;

      key = g_strconcat (entity, "\x1f", reason ? reason : "", NULL);
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (RdWithheldItem, 1);
          group->entity = g_strdup (entity);
          group->reason = g_strdup (reason);
          g_ptr_array_add (out, group);
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      group->count++;
    }
  g_ptr_array_sort (out, compare_withheld);
  return out;
}
