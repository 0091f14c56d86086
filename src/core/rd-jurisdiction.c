/* rd-jurisdiction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-jurisdiction"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-error.h"
#include "rd-json-load.h"
#include "rd-jurisdiction.h"
#include "rd-rule-registry.h"

#define JURISDICTIONS_PATH "/io/github/rightsdesk/RightsDesk/data/jurisdictions/"

/* Which request types a clock stop, a restart is allowed for, and why not otherwise. */
typedef struct
{
  gboolean  types[RD_N_REQUEST_TYPES];
  char     *citation;
  char     *refusal;
} Permission;

struct _RdJurisdiction
{
  GObject             parent_instance;

  char               *id;
  char               *name;
  char               *short_name;  /* for a column or a chip: "GDPR (EU)" */
  char               *access_citation;   /* the right of access: "GDPR Art. 15" */
  char               *refusal_citation;  /* what a refusal owes the requester: "GDPR Art. 12(4)" */
  char               *default_calendar;
  char               *citation;

  gboolean            roll_weekdays[8];   /* by GDateWeekday */
  gboolean            roll_holidays;
  gboolean            rolls;

  Permission          pause;
  Permission          restart;

  /* One rule per request type, NULL where the law does not cover it; rules are shared
   * between types, so they are kept (and freed) in @rules. */
  RdJurisdictionRule *by_type[RD_N_REQUEST_TYPES];
  char               *no_extension[RD_N_REQUEST_TYPES];
  GPtrArray          *rules;
  GPtrArray          *strings;            /* the citations the rules point to */
};

G_DEFINE_FINAL_TYPE (RdJurisdiction, rd_jurisdiction, G_TYPE_OBJECT)

static void
rd_jurisdiction_finalize (GObject *object)
{
  RdJurisdiction *self = (RdJurisdiction *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->short_name);
  g_free (self->access_citation);
  g_free (self->refusal_citation);
  g_free (self->default_calendar);
  g_free (self->citation);
  g_free (self->pause.citation);
  g_free (self->pause.refusal);
  g_free (self->restart.citation);
  g_free (self->restart.refusal);
  for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
    g_free (self->no_extension[i]);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_jurisdiction_parent_class)->finalize (object);
}

static void
rd_jurisdiction_class_init (RdJurisdictionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_jurisdiction_finalize;
}

static void
rd_jurisdiction_init (RdJurisdiction *self)
{
  self->rules = g_ptr_array_new_with_free_func (g_free);
  self->strings = g_ptr_array_new_with_free_func (g_free);
}

/* Loading data/jurisdictions/ID.json (format: data/jurisdictions/README.md) */

static const char *
keep_string (RdJurisdiction *self,
             const char     *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strdup (text);
  g_ptr_array_add (self->strings, copy);
  return copy;
}

/* {"months": 1}, {"days": 45} or {"business_days": 10}; a missing member is RD_PERIOD_NONE. */
static gboolean
parse_period (JsonObject *parent,
              const char *member,
              RdPeriod   *out)
{
  JsonObject *object;
  static const struct { const char *name; RdPeriodUnit unit; } units[] = {
    { "months", RD_PERIOD_MONTHS },
    { "days", RD_PERIOD_DAYS },
    { "business_days", RD_PERIOD_BUSINESS_DAYS },
  };

  out->unit = RD_PERIOD_NONE;
  out->amount = 0;

  if (!json_object_has_member (parent, member))
    return TRUE;

  object = json_object_get_object_member (parent, member);
  if (object == NULL || json_object_get_size (object) != 1)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (json_object_has_member (object, units[i].name))
        {
          gint64 amount = json_object_get_int_member_with_default (object, units[i].name, 0);

          if (amount <= 0 || amount > 1000)
            return FALSE;
          out->unit = units[i].unit;
          out->amount = (guint) amount;
          return TRUE;
        }
    }

  return FALSE;
}

/* A list of request-type names, or the string "all". */
static gboolean
parse_types (JsonObject *parent,
             const char *member,
             gboolean    types[RD_N_REQUEST_TYPES])
{
  JsonNode *node = json_object_get_member (parent, member);
  JsonArray *array;

  memset (types, 0, sizeof (gboolean) * RD_N_REQUEST_TYPES);

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node) && g_strcmp0 (json_node_get_string (node), "all") == 0)
    {
      for (guint i = 0; i < RD_N_REQUEST_TYPES; i++)
        types[i] = TRUE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RdRequestType type;

      if (!rd_request_type_from_string (json_array_get_string_element (array, i), &type))
        return FALSE;
      types[type] = TRUE;
    }

  return TRUE;
}

static gboolean
parse_permission (JsonObject *root,
                  const char *member,
                  Permission *out)
{
  JsonObject *object = json_object_get_object_member (root, member);

  if (object == NULL)
    return FALSE;

  out->citation = g_strdup (json_object_get_string_member_with_default (object, "citation", NULL));
  out->refusal = g_strdup (json_object_get_string_member_with_default (object, "refusal", NULL));

  if (json_object_has_member (object, "types"))
    return parse_types (object, "types", out->types);

  /* No type allowed: a refusal is then required, since it is what the user will read. */
  return out->refusal != NULL;
}

static gboolean
parse_roll (RdJurisdiction *self,
            JsonObject     *root)
{
  JsonObject *roll = json_object_get_object_member (root, "roll");
  JsonArray *skip;
  static const char *names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };

  if (roll == NULL)
    return FALSE;

  skip = json_object_get_array_member (roll, "skip");
  if (skip == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (skip); i++)
    {
      const char *what = json_array_get_string_element (skip, i);
      gboolean known = FALSE;

      if (g_strcmp0 (what, "holidays") == 0)
        known = self->roll_holidays = TRUE;
      for (guint d = 0; d < G_N_ELEMENTS (names); d++)
        if (g_strcmp0 (what, names[d]) == 0)
          known = self->roll_weekdays[d + 1] = TRUE;
      if (!known)
        return FALSE;
      self->rolls = TRUE;
    }

  /* A law that skips every weekday would never end a period. */
  for (guint d = 1; d <= 7; d++)
    if (!self->roll_weekdays[d])
      return TRUE;
  return FALSE;
}

static RdJurisdiction *
jurisdiction_new_from_json (const char  *id,
                            GBytes      *bytes,
                            GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (RdJurisdiction) self = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *root;
  JsonArray *rules;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *problem = NULL;

  if (!rd_json_load_data (parser, data, size, NULL, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a jurisdiction id, then the parser's reason */
                   _("The rules of “%s” are not valid JSON: %s"), id,
                   local_error ? local_error->message : _("not an object"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  self = g_object_new (RD_TYPE_JURISDICTION, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (json_object_get_string_member_with_default (root, "name", id));
  self->short_name = g_strdup (json_object_get_string_member_with_default (root, "short_name",
                                                                         self->name));
  self->default_calendar =
    g_strdup (json_object_get_string_member_with_default (root, "default_calendar", NULL));
  self->citation = g_strdup (json_object_get_string_member_with_default (root, "citation", ""));
  self->access_citation =
    g_strdup (json_object_get_string_member_with_default (root, "access_citation", self->name));
  self->refusal_citation =
    g_strdup (json_object_get_string_member_with_default (root, "refusal_citation", self->name));
  rules = json_object_get_array_member (root, "rules");

  if (self->default_calendar == NULL)
    problem = "default_calendar";
  else if (!parse_roll (self, root))
    problem = "roll";
  else if (!parse_permission (root, "pause", &self->pause))
    problem = "pause";
  else if (!parse_permission (root, "restart", &self->restart))
    problem = "restart";
  else if (rules == NULL)
    problem = "rules";

  for (guint i = 0; problem == NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *object = json_array_get_object_element (rules, i);
      RdJurisdictionRule *rule;
      gboolean types[RD_N_REQUEST_TYPES];

      if (object == NULL)
        {
          problem = "rules";
          break;
        }

      rule = g_new0 (RdJurisdictionRule, 1);
      g_ptr_array_add (self->rules, rule);

      if (!parse_types (object, "types", types) ||
          !parse_period (object, "period", &rule->period) ||
          rule->period.unit == RD_PERIOD_NONE ||
          !parse_period (object, "extension", &rule->extended) ||
          !parse_period (object, "acknowledge", &rule->acknowledge) ||
          !json_object_has_member (object, "citation"))
        {
          problem = "rules";
          break;
        }

      rule->citation = keep_string (self, json_object_get_string_member (object, "citation"));
      rule->extension_citation =
        keep_string (self, json_object_get_string_member_with_default (object,
                                                                       "extension_citation",
                                                                       NULL));
      rule->acknowledge_citation =
        keep_string (self, json_object_get_string_member_with_default (object,
                                                                       "acknowledge_citation",
                                                                       NULL));

      for (guint t = 0; t < RD_N_REQUEST_TYPES; t++)
        {
          if (!types[t])
            continue;
          if (self->by_type[t] != NULL)
            {
              problem = "rules";
              break;
            }
          self->by_type[t] = rule;
          self->no_extension[t] =
            g_strdup (json_object_get_string_member_with_default (object, "no_extension", NULL));
        }
    }

  if (problem != NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: the first %s is a jurisdiction id, the second a JSON member */
                   _("The rules of “%s” have a missing or bad “%s”"), id, problem);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static void
jurisdiction_not_found (const char  *id,
                        GError     **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
               /* Translators: %s is what the user gave as a jurisdiction id */
               _("There is no jurisdiction “%s” (see “rightsdesk-cli jurisdictions”)"), id);
}

static RdRuleRegistry registry =
  RD_RULE_REGISTRY_INIT (JURISDICTIONS_PATH, (RdRuleParseFunc) jurisdiction_new_from_json,
                         jurisdiction_not_found);

RdJurisdiction *
rd_jurisdiction_lookup (const char  *id,
                        GError     **error)
{
  return rd_rule_registry_lookup (&registry, id, error);
}

GPtrArray *
rd_jurisdiction_list_ids (void)
{
  return rd_rule_registry_list_ids (&registry);
}

const char *
rd_jurisdiction_get_id (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->id;
}

const char *
rd_jurisdiction_get_name (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->name;
}

const char *
rd_jurisdiction_get_short_name (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->short_name;
}

const char *
rd_jurisdiction_get_default_calendar (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->default_calendar;
}

const char *
rd_jurisdiction_get_citation (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->citation;
}

const char *
rd_jurisdiction_get_access_citation (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->access_citation;
}

const char *
rd_jurisdiction_get_refusal_citation (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);

  return self->refusal_citation;
}

gboolean
rd_jurisdiction_covers (RdJurisdiction *self,
                        RdRequestType   type)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), FALSE);
  g_return_val_if_fail (type < RD_N_REQUEST_TYPES, FALSE);

  return self->by_type[type] != NULL;
}

const RdJurisdictionRule *
rd_jurisdiction_get_rule (RdJurisdiction *self,
                          RdRequestType   type)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), NULL);
  g_return_val_if_fail (type < RD_N_REQUEST_TYPES, NULL);

  return self->by_type[type];
}

static gboolean
check_permission (RdJurisdiction   *self,
                  const Permission *permission,
                  RdRequestType     type,
                  const char       *what,
                  char            **reason)
{
  if (self->by_type[type] != NULL && permission->types[type])
    return TRUE;

  if (reason != NULL)
    {
      if (self->by_type[type] == NULL)
        /* Translators: %s is the name of a law, %s the request type */
        *reason = g_strdup_printf (_("%s does not cover %s requests"),
                                   self->name, rd_request_type_to_string (type));
      else if (permission->refusal != NULL)
        *reason = g_strdup (permission->refusal);
      else
        /* Translators: %s is a clock action (pause, restart), the law's name, a request type */
        *reason = g_strdup_printf (_("%s allows no %s for %s requests (%s)"),
                                   self->name, what, rd_request_type_to_string (type),
                                   permission->citation ? permission->citation : self->citation);
    }

  return FALSE;
}

gboolean
rd_jurisdiction_allows_pause (RdJurisdiction  *self,
                              RdRequestType    type,
                              char           **reason)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), FALSE);
  g_return_val_if_fail (type < RD_N_REQUEST_TYPES, FALSE);

  return check_permission (self, &self->pause, type, _("clock stop"), reason);
}

gboolean
rd_jurisdiction_allows_restart (RdJurisdiction  *self,
                                RdRequestType    type,
                                char           **reason)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), FALSE);
  g_return_val_if_fail (type < RD_N_REQUEST_TYPES, FALSE);

  return check_permission (self, &self->restart, type, _("restart"), reason);
}

gboolean
rd_jurisdiction_allows_extension (RdJurisdiction  *self,
                                  RdRequestType    type,
                                  char           **reason)
{
  const RdJurisdictionRule *rule;

  g_return_val_if_fail (RD_IS_JURISDICTION (self), FALSE);
  g_return_val_if_fail (type < RD_N_REQUEST_TYPES, FALSE);

  rule = self->by_type[type];
  if (rule != NULL && rule->extended.unit != RD_PERIOD_NONE)
    return TRUE;

  if (reason != NULL)
    {
      if (rule == NULL)
        *reason = g_strdup_printf (_("%s does not cover %s requests"),
                                   self->name, rd_request_type_to_string (type));
      else if (self->no_extension[type] != NULL)
        *reason = g_strdup (self->no_extension[type]);
      else
        /* Translators: %s is the name of a law, a request type, then a citation */
        *reason = g_strdup_printf (_("%s allows no extension for %s requests (%s)"),
                                   self->name, rd_request_type_to_string (type), rule->citation);
    }

  return FALSE;
}

gboolean
rd_jurisdiction_rolls (RdJurisdiction *self)
{
  g_return_val_if_fail (RD_IS_JURISDICTION (self), FALSE);

  return self->rolls;
}

void
rd_jurisdiction_roll (RdJurisdiction *self,
                      RdCalendar     *calendar,
                      GDate          *date)
{
  g_return_if_fail (RD_IS_JURISDICTION (self));
  g_return_if_fail (RD_IS_CALENDAR (calendar));
  g_return_if_fail (date != NULL && g_date_valid (date));

  /* The bound only guards against an imported calendar that makes every day a holiday. */
  for (guint i = 0; i < 366; i++)
    {
      if (!self->roll_weekdays[g_date_get_weekday (date)] &&
          !(self->roll_holidays && rd_calendar_is_holiday (calendar, date)))
        break;
      g_date_add_days (date, 1);
    }
}
