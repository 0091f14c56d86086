/* rd-redaction-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction-item"

#include "config.h"

#include <string.h>

#include "rd-redaction-item-private.h"

#define EXCERPT_CHARS 48

struct _RdRedactionItem
{
  GObject      parent_instance;

  RdRedaction *redaction;
  char        *excerpt;
  gsize        char_start;
  gsize        char_end;
};

G_DEFINE_FINAL_TYPE (RdRedactionItem, rd_redaction_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_ENTITY, PROP_STATE, PROP_REASON, PROP_SUBJECT, PROP_EXCERPT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
rd_redaction_item_finalize (GObject *object)
{
  RdRedactionItem *self = RD_REDACTION_ITEM (object);

  g_clear_pointer (&self->redaction, rd_redaction_free);
  g_clear_pointer (&self->excerpt, g_free);

  G_OBJECT_CLASS (rd_redaction_item_parent_class)->finalize (object);
}

static void
rd_redaction_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdRedactionItem *self = RD_REDACTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      g_value_set_string (value, self->redaction->entity);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->redaction->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->redaction->reason);
      break;
    case PROP_SUBJECT:
      g_value_set_boolean (value, self->redaction->subject);
      break;
    case PROP_EXCERPT:
      g_value_set_string (value, self->excerpt);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_redaction_item_class_init (RdRedactionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_redaction_item_finalize;
  object_class->get_property = rd_redaction_item_get_property;

  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, RD_REDACTION_PROPOSED, RD_REDACTION_REJECTED,
                      RD_REDACTION_PROPOSED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] =
    g_param_spec_boolean ("subject", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXCERPT] =
    g_param_spec_string ("excerpt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_redaction_item_init (RdRedactionItem *self)
{
}

/* Line breaks and tabs become spaces, and long spans keep their head and tail. */
static char *
make_excerpt (const char *text,
              gsize       start,
              gsize       end)
{
  g_autofree char *raw = g_strndup (text + start, end - start);
  glong n = g_utf8_strlen (raw, -1);
  GString *out = g_string_new (NULL);

  if (n > EXCERPT_CHARS)
    {
      const char *head_end = g_utf8_offset_to_pointer (raw, EXCERPT_CHARS / 2 - 1);
      const char *tail = g_utf8_offset_to_pointer (raw, n - (EXCERPT_CHARS / 2 - 1));

      g_string_append_len (out, raw, head_end - raw);
      g_string_append (out, "…");
      g_string_append (out, tail);
    }
  else
    g_string_append (out, raw);

  for (char *p = out->str; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return g_string_free (out, FALSE);
}

RdRedactionItem *
rd_redaction_item_new (RdRedaction *redaction,
                       const char  *text,
                       gsize        char_start,
                       gsize        char_end)
{
  RdRedactionItem *self;

  g_return_val_if_fail (redaction != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (RD_TYPE_REDACTION_ITEM, NULL);
  self->redaction = redaction;
  self->char_start = char_start;
  self->char_end = char_end;
  self->excerpt = make_excerpt (text, redaction->start, redaction->end);
  return self;
}

void
rd_redaction_item_set_decision (RdRedactionItem  *self,
                                RdRedactionState  state,
                                const char       *reason)
{
  g_return_if_fail (RD_IS_REDACTION_ITEM (self));

  if (g_strcmp0 (self->redaction->reason, reason) != 0)
    {
      g_free (self->redaction->reason);
      self->redaction->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if (self->redaction->state != state)
    {
      self->redaction->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

const RdRedaction *
rd_redaction_item_get_redaction (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), NULL);
  return self->redaction;
}

const char *
rd_redaction_item_get_entity (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), NULL);
  return self->redaction->entity;
}

RdRedactionState
rd_redaction_item_get_state (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), RD_REDACTION_PROPOSED);
  return self->redaction->state;
}

const char *
rd_redaction_item_get_reason (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), NULL);
  return self->redaction->reason;
}

gboolean
rd_redaction_item_get_subject (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), FALSE);
  return self->redaction->subject;
}

gboolean
rd_redaction_item_get_manual (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), FALSE);
  return g_strcmp0 (self->redaction->entity, "MANUAL") == 0;
}

const char *
rd_redaction_item_get_excerpt (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), NULL);
  return self->excerpt;
}

gsize
rd_redaction_item_get_start (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), 0);
  return self->redaction->start;
}

gsize
rd_redaction_item_get_end (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), 0);
  return self->redaction->end;
}

gsize
rd_redaction_item_get_char_start (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), 0);
  return self->char_start;
}

gsize
rd_redaction_item_get_char_end (RdRedactionItem *self)
{
  g_return_val_if_fail (RD_IS_REDACTION_ITEM (self), 0);
  return self->char_end;
}
