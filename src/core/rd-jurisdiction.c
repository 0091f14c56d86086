/* rd-jurisdiction.c: TEMPORARY stand-in until the rule data lands */
#define G_LOG_DOMAIN "rd-jurisdiction"

#include "config.h"

#include <string.h>

#include "rd-error.h"
#include "rd-jurisdiction.h"

struct _RdJurisdiction
{
  GObject parent_instance;
  char *id;
};

G_DEFINE_FINAL_TYPE (RdJurisdiction, rd_jurisdiction, G_TYPE_OBJECT)

static void
rd_jurisdiction_finalize (GObject *object)
{
  g_free (RD_JURISDICTION (object)->id);
  G_OBJECT_CLASS (rd_jurisdiction_parent_class)->finalize (object);
}

static void
rd_jurisdiction_class_init (RdJurisdictionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_jurisdiction_finalize;
}

static void
rd_jurisdiction_init (RdJurisdiction *self)
{
}

RdJurisdiction *
rd_jurisdiction_lookup (const char *id, GError **error)
{
  RdJurisdiction *self;

  if (id == NULL || strchr (id, '-') == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, "Unknown jurisdiction “%s”", id ? id : "");
      return NULL;
    }
  self = g_object_new (RD_TYPE_JURISDICTION, NULL);
  self->id = g_strdup (id);
  return self;
}

GPtrArray *rd_jurisdiction_list_ids (void) { return g_ptr_array_new_with_free_func (g_free); }
const char *rd_jurisdiction_get_id (RdJurisdiction *self) { return self->id; }
const char *rd_jurisdiction_get_name (RdJurisdiction *self) { return self->id; }
const char *
rd_jurisdiction_get_default_calendar (RdJurisdiction *self)
{
  return g_str_equal (self->id, "uk-gdpr") ? "gb-eaw" : g_str_equal (self->id, "eu-gdpr") ? "ie" : "us-ca";
}
gboolean
rd_jurisdiction_allows_pause (RdJurisdiction *self, RdRequestType type, char **reason)
{
  if (g_str_equal (self->id, "us-ca-ccpa"))
    {
      if (reason)
        *reason = g_strdup ("The CCPA clock does not stop (11 CCR 7021(b))");
      return FALSE;
    }
  return TRUE;
}
gboolean
rd_jurisdiction_allows_restart (RdJurisdiction *self, RdRequestType type, char **reason)
{
  return g_str_equal (self->id, "uk-gdpr");
}
gboolean
rd_jurisdiction_allows_extension (RdJurisdiction *self, RdRequestType type, char **reason)
{
  return type != RD_REQUEST_OPT_OUT && type != RD_REQUEST_LIMIT_SENSITIVE;
}
gboolean
rd_jurisdiction_covers (RdJurisdiction *self, RdRequestType type)
{
  return TRUE;
}
