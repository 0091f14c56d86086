/* rd-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-client"

#include "config.h"

#include "rd-client-private.h"

G_DEFINE_FINAL_TYPE (RdClient, rd_client, G_TYPE_OBJECT)

static void
rd_client_finalize (GObject *object)
{
  RdClient *self = RD_CLIENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->jurisdiction, g_free);
  g_clear_pointer (&self->calendar, g_free);

  G_OBJECT_CLASS (rd_client_parent_class)->finalize (object);
}

static void
rd_client_class_init (RdClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_client_finalize;
}

static void
rd_client_init (RdClient *self)
{
  self->jurisdiction = g_strdup ("eu-gdpr");
}

RdClient *
rd_client_new (const char *name)
{
  RdClient *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (RD_TYPE_CLIENT, NULL);
  self->name = g_strdup (name);
  return self;
}

gint64
rd_client_get_id (RdClient *self)
{
  g_return_val_if_fail (RD_IS_CLIENT (self), 0);
  return self->id;
}

const char *
rd_client_get_name (RdClient *self)
{
  g_return_val_if_fail (RD_IS_CLIENT (self), NULL);
  return self->name;
}

const char *
rd_client_get_jurisdiction (RdClient *self)
{
  g_return_val_if_fail (RD_IS_CLIENT (self), NULL);
  return self->jurisdiction;
}

void
rd_client_set_jurisdiction (RdClient   *self,
                            const char *jurisdiction)
{
  g_return_if_fail (RD_IS_CLIENT (self));
  g_return_if_fail (jurisdiction != NULL);
  g_free (self->jurisdiction);
  self->jurisdiction = g_strdup (jurisdiction);
}

const char *
rd_client_get_calendar (RdClient *self)
{
  g_return_val_if_fail (RD_IS_CLIENT (self), NULL);
  return self->calendar;
}

void
rd_client_set_calendar (RdClient   *self,
                        const char *calendar)
{
  g_return_if_fail (RD_IS_CLIENT (self));
  g_free (self->calendar);
  self->calendar = (calendar && *calendar) ? g_strdup (calendar) : NULL;
}

guint
rd_client_get_sla_days (RdClient *self)
{
  g_return_val_if_fail (RD_IS_CLIENT (self), 0);
  return self->sla_days;
}

void
rd_client_set_sla_days (RdClient *self,
                        guint     days)
{
  g_return_if_fail (RD_IS_CLIENT (self));
  self->sla_days = days;
}
