/* rd-redaction-reasons.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction-reasons"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-redaction-reasons.h"

typedef struct
{
  const char *jurisdiction;   /* NULL: every other */
  const char *reasons[6];
} ReasonList;

/* Citations: GDPR Art. 15(4) and Recital 63 (rights of others), Art. 23 (national restrictions);
 * UK DPA 2018 Sch. 2 Part 3 para 16 (third parties) and Part 4 paras 19, 23, 24; Cal. Civ. Code
 * § 1798.145 (rights of other consumers, privilege) and 11 CCR 7024(d) (never disclosed);
 * PIPEDA s. 9(1) and 9(3)(a)-(b). */
static const ReasonList builtin[] = {
  { "eu-gdpr", {
      N_("Third-party personal data — GDPR Art. 15(4)"),
      N_("Legal privilege"),
      N_("Exempt: trade secrets or intellectual property — GDPR Recital 63"),
      N_("Exempt: restriction under national law — GDPR Art. 23"),
      NULL } },
  { "uk-gdpr", {
      N_("Third-party personal data — DPA 2018 Sch. 2 para 16"),
      N_("Legal privilege — DPA 2018 Sch. 2 para 19"),
      N_("Exempt: negotiations with the requester — DPA 2018 Sch. 2 para 23"),
      N_("Exempt: confidential reference — DPA 2018 Sch. 2 para 24"),
      NULL } },
  { "us-ca-ccpa", {
      N_("Third-party personal information — rights of other consumers, Cal. Civ. Code § 1798.145"),
      N_("Legal privilege — Cal. Civ. Code § 1798.145"),
      N_("Exempt: never disclosed (ID, account or security data) — 11 CCR 7024(d)"),
      N_("Exempt: trade secret"),
      NULL } },
  { "ca-pipeda", {
      N_("Third-party personal information — PIPEDA s. 9(1)"),
      N_("Legal privilege — PIPEDA s. 9(3)(a)"),
      N_("Exempt: confidential commercial information — PIPEDA s. 9(3)(b)"),
      NULL } },
  { NULL, {
      N_("Third-party personal data"),
      N_("Legal privilege"),
      N_("Exempt: trade secret or confidential business information"),
      NULL } },
};

static char **
from_key_file (const char *path,
               const char *jurisdiction)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) reasons = NULL;
  GPtrArray *kept;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Ignoring the redaction reasons in %s: %s", path, error->message);
      return NULL;
    }

  reasons = g_key_file_get_locale_string_list (key_file, jurisdiction ? jurisdiction : "default",
                                               "reasons", NULL, NULL, NULL);
  if (reasons == NULL && jurisdiction != NULL)
    reasons = g_key_file_get_locale_string_list (key_file, "default", "reasons", NULL, NULL,
                                                 NULL);
  if (reasons == NULL)
    return NULL;

  /* Blank entries would be reasons that say nothing. */
  kept = g_ptr_array_new ();
  for (guint i = 0; reasons[i]; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (reasons[i]));

      if (*stripped != '\0' && g_utf8_validate (stripped, -1, NULL))
        g_ptr_array_add (kept, g_steal_pointer (&stripped));
    }
  if (kept->len == 0)
    {
      g_ptr_array_free (kept, TRUE);
      return NULL;
    }
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_free (kept, FALSE);
}

char **
rd_redaction_reasons_lookup (const char *jurisdiction,
                             const char *config_path)
{
  g_autofree char *default_path = NULL;
  const ReasonList *list = NULL;
  char **configured;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (config_path == NULL)
    config_path = default_path = g_build_filename (g_get_user_config_dir (), "rightsdesk",
                                                   "redaction-reasons.ini", NULL);
  configured = from_key_file (config_path, jurisdiction);
  if (configured != NULL)
    return configured;

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (builtin[i].jurisdiction == NULL || g_strcmp0 (builtin[i].jurisdiction, jurisdiction) == 0)
      {
        list = &builtin[i];
        break;
      }

  for (guint i = 0; list->reasons[i]; i++)
    g_strv_builder_add (builder, _(list->reasons[i]));
  return g_strv_builder_end (builder);
}
