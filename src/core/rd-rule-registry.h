/* rd-rule-registry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Parses the JSON of the rule set @id into a new object, or sets @error. */
typedef GObject *(*RdRuleParseFunc) (const char  *id,
                                     GBytes      *json,
                                     GError     **error);

/* Sets @error to say that there is no rule set @id, in the words of its module. */
typedef void (*RdRuleNotFoundFunc) (const char  *id,
                                    GError     **error);

/* The rule sets of one kind (jurisdictions, holiday calendars) by id: the ones shipped as
 * "<id>.json" under a resource directory, parsed on first use and kept, and any added at run
 * time. A static RdRuleRegistry, set up with RD_RULE_REGISTRY_INIT, is safe across threads. */
typedef struct
{
  const char         *resource_dir;   /* ends in '/' */
  RdRuleParseFunc     parse;
  RdRuleNotFoundFunc  not_found;

  /*< private >*/
  GMutex              lock;
  GHashTable         *loaded;         /* id → GObject */
} RdRuleRegistry;

#define RD_RULE_REGISTRY_INIT(dir, parse, not_found) { (dir), (parse), (not_found), { 0 }, NULL }

gpointer   rd_rule_registry_lookup   (RdRuleRegistry  *self,
                                      const char      *id,
                                      GError         **error);
void       rd_rule_registry_add      (RdRuleRegistry  *self,
                                      const char      *id,
                                      GObject         *rules);
GPtrArray *rd_rule_registry_list_ids (RdRuleRegistry  *self);

G_END_DECLS
