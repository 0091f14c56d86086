/* rd-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-reminders.h"

/* Past this many, one summary replaces the rest: a flood of pop-ups helps no one. */
#define MAX_SINGLE_NOTIFICATIONS 5

typedef struct
{
  GKeyFile  *state;
  const char *group;
  GPtrArray *due;   /* owned strings: "reference\tdate\tclient" */
} Collect;

static gboolean
collect_cb (const RdCaseFact *fact,
            gpointer          user_data)
{
  Collect *c = user_data;
  char date[11];

  if (fact->paused || g_key_file_has_key (c->state, c->group, fact->reference, NULL))
    return TRUE;

  rd_date_format_into (&fact->effective_due, date);
  g_key_file_set_boolean (c->state, c->group, fact->reference, TRUE);
  g_ptr_array_add (c->due, g_strdup_printf ("%s\t%s\t%s", fact->reference, date, fact->client));
  return TRUE;
}

int
rd_reminders_run (GApplication  *app,
                  RdStore       *store,
                  int            days,
                  const char    *state_path,
                  GError       **error)
{
  g_autoptr (GKeyFile) state = g_key_file_new ();
  g_autoptr (GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_path = NULL;
  g_autofree char *dir = NULL;
  g_auto (GStrv) groups = NULL;
  char today_text[11];
  RdCaseQuery query;
  Collect c;
  GDate today, limit;

  g_return_val_if_fail (G_IS_APPLICATION (app), -1);
  g_return_val_if_fail (RD_IS_STORE (store), -1);

  if (days <= 0)
    return 0;

  if (state_path == NULL)
    {
      default_path = g_build_filename (g_get_user_state_dir (), "rightsdesk", "reminders.ini",
                                       NULL);
      state_path = default_path;
    }

  g_key_file_load_from_file (state, state_path, G_KEY_FILE_NONE, NULL);
  rd_date_today (&today);
  rd_date_format_into (&today, today_text);

  /* Only today's announcements matter: "once per case and day". */
  groups = g_key_file_get_groups (state, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_strcmp0 (groups[i], today_text) != 0)
      g_key_file_remove_group (state, groups[i], NULL);

  rd_case_query_init (&query);
  query.due_from = today;
  limit = today;
  g_date_add_days (&limit, days + 1);
  query.due_before = limit;

  c.state = state;
  c.group = today_text;
  c.due = due;
  if (!rd_store_foreach_fact (store, &query, collect_cb, &c, error))
    return -1;

  for (guint i = 0; i < due->len && i < MAX_SINGLE_NOTIFICATIONS; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (due, i), "\t", 3);
      g_autoptr (GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *id = g_strdup_printf ("due-%s", parts[0]);

      /* Translators: a notification title, with a case reference */
      title = g_strdup_printf (_("Case %s is due soon"), parts[0]);
      /* Translators: a notification body: the due date and the client */
      body = g_strdup_printf (_("Due on %s, for %s"), parts[1], parts[2]);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-case", "s", parts[0]);
      g_application_send_notification (app, id, notification);
    }

  if (due->len > MAX_SINGLE_NOTIFICATIONS)
    {
      g_autoptr (GNotification) notification = NULL;
      guint rest = due->len - MAX_SINGLE_NOTIFICATIONS;
      g_autofree char *title = NULL;

      /* Translators: a notification summarising further cases due soon */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more case is due within %d days",
                                            "%u more cases are due within %d days", rest),
                               rest, days);
      notification = g_notification_new (title);
      g_notification_set_default_action_and_target (notification, "app.show-place", "s",
                                                    "calendar");
      g_application_send_notification (app, "due-summary", notification);
    }

  dir = g_path_get_dirname (state_path);
  g_mkdir_with_parents (dir, 0700);
  if (due->len > 0 && !g_key_file_save_to_file (state, state_path, error))
    return -1;

  return (int) due->len;
}
