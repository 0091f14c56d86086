/* rd-case.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case"

#include "config.h"

#include "rd-case-private.h"

G_DEFINE_FINAL_TYPE (RdCase, rd_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_CLIENT,
  PROP_SUBJECT_NAME,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rd_case_finalize (GObject *object)
{
  RdCase *self = RD_CASE (object);

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->client, g_free);
  g_clear_pointer (&self->jurisdiction, g_free);
  g_clear_pointer (&self->calendar, g_free);
  g_clear_pointer (&self->subject_name, g_free);
  g_clear_pointer (&self->subject_emails, g_strfreev);
  g_clear_pointer (&self->subject_phones, g_strfreev);
  g_clear_pointer (&self->subject_address, g_free);
  g_clear_pointer (&self->subject_accounts, g_strfreev);
  g_clear_pointer (&self->assignee, g_free);
  g_clear_pointer (&self->outcome_reason, g_free);
  g_clear_pointer (&self->citation, g_free);

  G_OBJECT_CLASS (rd_case_parent_class)->finalize (object);
}

static void
rd_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RdCase *self = RD_CASE (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_CLIENT:
      g_value_set_string (value, self->client);
      break;
    case PROP_SUBJECT_NAME:
      g_value_set_string (value, self->subject_name);
      break;
    case PROP_STATUS:
      g_value_set_string (value, rd_case_status_to_string (self->status));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_class_init (RdCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_case_finalize;
  object_class->get_property = rd_case_get_property;

  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_string ("client", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_NAME] =
    g_param_spec_string ("subject-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_case_init (RdCase *self)
{
  self->type = RD_REQUEST_ACCESS;
  self->channel = RD_CHANNEL_EMAIL;
  self->status = RD_STATUS_NEW;
  self->outcome = RD_OUTCOME_NONE;
  g_date_clear (&self->received, 1);
  g_date_clear (&self->response_date, 1);
  g_date_clear (&self->paused_since, 1);
  g_date_clear (&self->restart_date, 1);
  g_date_clear (&self->due, 1);
  g_date_clear (&self->extended_due, 1);
  g_date_clear (&self->acknowledge_by, 1);
  g_date_clear (&self->extension_notice_by, 1);
  g_date_clear (&self->effective_due, 1);
  g_date_clear (&self->internal_due, 1);
}

RdCase *
rd_case_new (void)
{
  return g_object_new (RD_TYPE_CASE, NULL);
}

#define STRING_ACCESSORS(field)                                   \
  const char *                                                    \
  rd_case_get_##field (RdCase *self)                              \
  {                                                               \
    g_return_val_if_fail (RD_IS_CASE (self), NULL);               \
    return self->field;                                           \
  }                                                               \
  void                                                            \
  rd_case_set_##field (RdCase     *self,                          \
                       const char *value)                         \
  {                                                               \
    g_return_if_fail (RD_IS_CASE (self));                         \
    g_free (self->field);                                         \
    self->field = g_strdup (value);                               \
  }

#define LIST_ACCESSORS(field)                                     \
  const char * const *                                            \
  rd_case_get_##field (RdCase *self)                              \
  {                                                               \
    g_return_val_if_fail (RD_IS_CASE (self), NULL);               \
    return (const char * const *) self->field;                    \
  }                                                               \
  void                                                            \
  rd_case_set_##field (RdCase             *self,                  \
                       const char * const *values)                \
  {                                                               \
    g_return_if_fail (RD_IS_CASE (self));                         \
    g_strfreev (self->field);                                     \
    self->field = g_strdupv ((char **) values);                   \
  }

#define DATE_GETTER(field)                                        \
  const GDate *                                                   \
  rd_case_get_##field (RdCase *self)                              \
  {                                                               \
    g_return_val_if_fail (RD_IS_CASE (self), NULL);               \
    return &self->field;                                          \
  }

STRING_ACCESSORS (client)
STRING_ACCESSORS (jurisdiction)
STRING_ACCESSORS (calendar)
STRING_ACCESSORS (subject_name)
STRING_ACCESSORS (subject_address)
STRING_ACCESSORS (assignee)
LIST_ACCESSORS (subject_emails)
LIST_ACCESSORS (subject_phones)
LIST_ACCESSORS (subject_accounts)
DATE_GETTER (received)
DATE_GETTER (response_date)
DATE_GETTER (restart_date)
DATE_GETTER (due)
DATE_GETTER (extended_due)
DATE_GETTER (acknowledge_by)
DATE_GETTER (extension_notice_by)
DATE_GETTER (effective_due)
DATE_GETTER (internal_due)

gint64
rd_case_get_id (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), 0);
  return self->id;
}

const char *
rd_case_get_reference (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->reference;
}

RdRequestType
rd_case_get_request_type (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), RD_REQUEST_ACCESS);
  return self->type;
}

void
rd_case_set_request_type (RdCase        *self,
                          RdRequestType  type)
{
  g_return_if_fail (RD_IS_CASE (self));
  g_return_if_fail ((guint) type < RD_N_REQUEST_TYPES);
  self->type = type;
}

RdChannel
rd_case_get_channel (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), RD_CHANNEL_EMAIL);
  return self->channel;
}

void
rd_case_set_channel (RdCase    *self,
                     RdChannel  channel)
{
  g_return_if_fail (RD_IS_CASE (self));
  g_return_if_fail ((guint) channel < RD_N_CHANNELS);
  self->channel = channel;
}

void
rd_case_set_received (RdCase      *self,
                      const GDate *received)
{
  g_return_if_fail (RD_IS_CASE (self));

  if (received != NULL)
    self->received = *received;
  else
    g_date_clear (&self->received, 1);
}

RdCaseStatus
rd_case_get_status (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), RD_STATUS_NEW);
  return self->status;
}

RdOutcome
rd_case_get_outcome (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), RD_OUTCOME_NONE);
  return self->outcome;
}

const char *
rd_case_get_outcome_reason (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->outcome_reason;
}

gboolean
rd_case_get_extended (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), FALSE);
  return self->extended;
}

const GDate *
rd_case_get_paused_since (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return g_date_valid (&self->paused_since) ? &self->paused_since : NULL;
}

gboolean
rd_case_get_purged (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), FALSE);
  return self->purged;
}

const char *
rd_case_get_citation (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), NULL);
  return self->citation;
}

gboolean
rd_case_is_open (RdCase *self)
{
  g_return_val_if_fail (RD_IS_CASE (self), FALSE);
  return rd_case_status_is_open (self->status);
}

int
rd_case_days_left (RdCase      *self,
                   const GDate *today)
{
  g_return_val_if_fail (RD_IS_CASE (self), 0);
  g_return_val_if_fail (today != NULL, 0);

  if (!g_date_valid (&self->effective_due))
    return 0;

  return g_date_days_between (today, &self->effective_due);
}

gboolean
rd_case_is_overdue (RdCase      *self,
                    const GDate *today)
{
  g_return_val_if_fail (RD_IS_CASE (self), FALSE);

  /* A stopped clock cannot run out. */
  return rd_case_is_open (self) &&
         !g_date_valid (&self->paused_since) &&
         g_date_valid (&self->effective_due) &&
         g_date_compare (&self->effective_due, today) < 0;
}
