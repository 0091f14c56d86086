/* rd-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-case-private.h"
#include "rd-date.h"
#include "rd-deadline.h"
#include "rd-demo.h"
#include "rd-error.h"
#include "rd-jurisdiction.h"
#include "rd-store-private.h"

#define BATCH 20000

typedef struct
{
  const char *name;
  const char *jurisdiction;
  const char *calendar;   /* NULL: the jurisdiction's default */
  guint       sla_days;
  const char *phone_prefix;
  guint       weight;     /* share of the cases */
} DemoClient;

static const DemoClient clients[] = {
  { "Acme Retail", "us-ca-ccpa", "us-ca", 30, "+1 415 555 01", 22 },
  { "Liffey Software Ltd", "eu-gdpr", "ie", 21, "+353 1 555 0", 14 },
  { "Nordlicht Versicherung AG", "eu-gdpr", "de", 25, "+49 30 5550 1", 14 },
  { "Harbour Bank plc", "uk-gdpr", "gb-eaw", 20, "+44 20 7946 0", 14 },
  { "Bluegrass Outfitters", "us-va-vcdpa", NULL, 35, "+1 804 555 01", 6 },
  { "Front Range Health", "us-co-cpa", NULL, 30, "+1 303 555 01", 6 },
  { "Nutmeg Insurance", "us-ct-ctdpa", NULL, 30, "+1 860 555 01", 5 },
  { "Sol Viagens", "br-lgpd", NULL, 10, "+55 11 5555 0", 7 },
  { "Maple Telecom", "ca-pipeda", NULL, 21, "+1 613 555 01", 5 },
  { "Alpenhof Hotels", "ch-fadp", NULL, 21, "+41 44 555 0", 4 },
  { "Kookaburra Energy", "au-privacy-act", NULL, 21, "+61 2 5550 0", 3 },
};

static const char * const first_names[] = {
  "Anna", "Lukas", "Sophie", "Maximilian", "Emma", "Liam", "Olivia", "Noah", "Chloé", "Hugo",
  "Léa", "Louis", "Sofía", "Mateo", "Lucía", "Pablo", "Giulia", "Francesco", "Aoife", "Cian",
  "Siobhán", "Oisín", "Saoirse", "Eoin", "Freya", "Oscar", "Isla", "Harry", "Amelia", "George",
  "Mia", "Jakub", "Zofia", "Jan", "Sanne", "Daan", "Fleur", "Bram", "Ingrid", "Lars", "Astrid",
  "Erik", "Maria", "João", "Ana", "Pedro", "Beatriz", "Rafael", "Camila", "Gabriel", "Ava",
  "Ethan", "Isabella", "Mason", "Charlotte", "Lucas", "Harper", "Aiden", "Zoe", "Mei",
  "Hiroshi", "Priya", "Arjun", "Fatima", "Omar", "Leila", "Yusuf", "Nadia", "Tomás", "Élodie",
};

static const char * const surnames[] = {
  "Eriksson", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Martin", "Bernard",
  "Dubois", "Lefèvre", "García", "Fernández", "López", "Martínez", "Rossi", "Russo", "Bianchi",
  "Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne", "Ó Briain", "Smith", "Jones", "Taylor",
  "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts", "Kowalski", "Nowak",
  "Wiśniewska", "de Jong", "Jansen", "van Dijk", "Bakker", "Visser", "Johansson", "Larsen",
  "Nielsen", "Hansen", "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Johnson",
  "Miller", "Davis", "Rodriguez", "Anderson", "Tremblay", "Gagnon", "Roy", "Chen", "Wang",
  "Tanaka", "Sato", "Patel", "Sharma", "Khan", "Haddad", "Nguyen", "Kim", "Novák", "Horvat",
};

static const char * const mail_domains[] = {
  "example.com", "example.org", "example.net", "mail.example", "post.example",
};

typedef struct
{
  GRand  *rand;
  GDate   today;
  guint   total_weight;
  guint   n_cases;
  guint   index;        /* of the case being made, 0 for the oldest */
} Demo;

static guint
pick (Demo  *demo,
      guint  n)
{
  return g_rand_int_range (demo->rand, 0, (gint32) n);
}

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

static const DemoClient *
pick_client (Demo *demo)
{
  guint r = pick (demo, demo->total_weight);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      if (r < clients[i].weight)
        return &clients[i];
      r -= clients[i].weight;
    }
  return &clients[0];
}

static RdRequestType
pick_type (Demo             *demo,
           const DemoClient *client)
{
  double r = g_rand_double (demo->rand);

  if (g_str_has_prefix (client->jurisdiction, "us-"))
    {
      /* US laws: know, delete and the opt-outs dominate. */
      if (r < 0.33) return RD_REQUEST_ACCESS;
      if (r < 0.62) return RD_REQUEST_ERASURE;
      if (r < 0.84) return RD_REQUEST_OPT_OUT;
      if (r < 0.91) return RD_REQUEST_RECTIFICATION;
      if (g_str_equal (client->jurisdiction, "us-ca-ccpa")) return RD_REQUEST_LIMIT_SENSITIVE;
      return RD_REQUEST_PORTABILITY;
    }

  if (r < 0.45) return RD_REQUEST_ACCESS;
  if (r < 0.73) return RD_REQUEST_ERASURE;
  if (r < 0.81) return RD_REQUEST_RECTIFICATION;
  if (r < 0.86) return RD_REQUEST_OBJECTION;
  if (r < 0.91) return RD_REQUEST_PORTABILITY;
  if (r < 0.95) return RD_REQUEST_CONSENT_WITHDRAWAL;
  return RD_REQUEST_RESTRICTION;
}

/* Lower-case ASCII for an e-mail's local part: "Chloé Ó Briain" → "chloe.obriain". */
static char *
mail_part (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

static RdCase *
make_draft (Demo             *demo,
            const DemoClient *client,
            GDate            *received)
{
  RdCase *item = rd_case_new ();
  const char *first = first_names[pick (demo, G_N_ELEMENTS (first_names))];
  const char *last = surnames[pick (demo, G_N_ELEMENTS (surnames))];
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);
  g_autofree char *f = mail_part (first);
  g_autofree char *l = mail_part (last);
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *account = NULL;
  const char *emails[3] = { NULL };
  const char *phones[2] = { NULL };
  const char *accounts[2] = { NULL };
  static const RdChannel channel_mix[] = {
    RD_CHANNEL_EMAIL, RD_CHANNEL_EMAIL, RD_CHANNEL_EMAIL, RD_CHANNEL_WEB, RD_CHANNEL_WEB,
    RD_CHANNEL_WEB, RD_CHANNEL_WEB, RD_CHANNEL_PHONE, RD_CHANNEL_CHAT, RD_CHANNEL_LETTER,
  };

  email = g_strdup_printf ("%s.%s%s@%s", f, l,
                           chance (demo, 0.4) ? "" : (pick (demo, 2) ? "1" : "84"),
                           mail_domains[pick (demo, G_N_ELEMENTS (mail_domains))]);
  emails[0] = email;

  if (chance (demo, 0.55))
    {
      phone = g_strdup_printf ("%s%02u", client->phone_prefix, pick (demo, 100));
      phones[0] = phone;
    }

  if (chance (demo, 0.5))
    {
      account = g_strdup_printf ("CUST-%07u", pick (demo, 10000000));
      accounts[0] = account;
    }

  rd_case_set_client (item, client->name);
  rd_case_set_request_type (item, pick_type (demo, client));
  rd_case_set_jurisdiction (item, client->jurisdiction);
  rd_case_set_channel (item, channel_mix[pick (demo, G_N_ELEMENTS (channel_mix))]);
  rd_case_set_received (item, received);
  rd_case_set_subject_name (item, name);
  rd_case_set_subject_emails (item, emails);
  rd_case_set_subject_phones (item, phones);
  rd_case_set_subject_accounts (item, accounts);
  return item;
}

/* A date @days after @from, but never after today. */
static void
day_after (Demo        *demo,
           const GDate *from,
           guint        days,
           GDate       *out)
{
  *out = *from;
  g_date_add_days (out, days);
  if (g_date_compare (out, &demo->today) > 0)
    *out = demo->today;
}

/* Decides a case's whole life in memory (stops of the clock, an extension, its answer) and
 * stores it in one go. */
static gboolean
live_case (Demo             *demo,
           RdStore          *store,
           const DemoClient *client,
           GError          **error)
{
  g_autoptr (RdCase) item = NULL;
  g_autoptr (RdJurisdiction) jurisdiction = NULL;
  g_autoptr (RdDeadline) deadline = NULL;
  RdDeadlineRequest request = { 0 };
  RdClockStep steps[3];
  guint n_steps = 0;
  GDate received, on, paused_until;
  RdRequestType type;
  int age, window, pause_days = 0;

  /* Cases arrive over two years and are stored as they arrive, as in an office's own
   * database: the oldest first, a few days' jitter so that days are not evenly filled. */
  received = demo->today;
  g_date_subtract_days (&received,
                        MIN (730u, (guint) (730 - (guint64) demo->index * 730 / demo->n_cases)
                                   + pick (demo, 4)));
  demo->index++;
  age = g_date_days_between (&received, &demo->today);

  item = make_draft (demo, client, &received);
  jurisdiction = rd_jurisdiction_lookup (client->jurisdiction, error);
  if (jurisdiction == NULL)
    return FALSE;

  type = rd_case_get_request_type (item);
  if (!rd_jurisdiction_covers (jurisdiction, type))
    rd_case_set_request_type (item, type = RD_REQUEST_ACCESS);

  request.jurisdiction = client->jurisdiction;
  request.type = type;
  request.received = received;
  request.calendar = client->calendar;
  g_date_clear (&request.restart, 1);
  deadline = rd_deadline_compute (&request, error);
  if (deadline == NULL)
    return FALSE;
  window = g_date_days_between (&received, &deadline->due);

  /* Stops of the clock: waiting for identity or a clarification, where the law allows. */
  g_date_clear (&paused_until, 1);
  if (age > 3 && chance (demo, 0.07) && rd_jurisdiction_allows_pause (jurisdiction, type, NULL))
    {
      day_after (demo, &received, 1 + pick (demo, 3), &on);
      steps[n_steps++] = (RdClockStep) { "pause", on, _("Asked the requester to confirm their identity") };

      /* Most requesters answer within a fortnight; a few cases are still waiting. */
      day_after (demo, &on, 2 + pick (demo, 12), &paused_until);
      if (g_date_compare (&paused_until, &demo->today) < 0 || age > 60)
        {
          gboolean restart = rd_jurisdiction_allows_restart (jurisdiction, type, NULL) &&
                             chance (demo, 0.5);

          steps[n_steps++] = (RdClockStep) { restart ? "restart" : "resume", paused_until,
                                             restart ? _("Identity evidence received") : NULL };
          pause_days = g_date_days_between (&on, &paused_until) + 1;
        }
      else
        pause_days = age;   /* still stopped */
    }

  if (age > 10 && chance (demo, 0.08) && pause_days < age &&
      g_date_valid (&deadline->extension_notice_by) &&
      rd_jurisdiction_allows_extension (jurisdiction, type, NULL))
    {
      int notice_window = g_date_days_between (&received, &deadline->extension_notice_by);

      day_after (demo, &received, MAX (1, notice_window - (int) pick (demo, 10)), &on);
      if (!g_date_valid (&paused_until) || g_date_compare (&on, &paused_until) > 0)
        {
          steps[n_steps++] = (RdClockStep) {
            "extend", on, _("Records held in several systems; complex request") };
          window = g_date_days_between (&received, &deadline->extended_due);
        }
    }
  window += pause_days;

  /* Cases are answered as they age: most well inside the period; a few are left behind and
   * become overdue. */
  if (chance (demo, age > window + 30 ? 0.995 :
                    age > window ? 0.9 :
                    age > 3 ? MIN (0.9, (age - 3) / (0.6 * window)) : 0.0))
    {
      static const RdOutcome outcomes[] = {
        RD_OUTCOME_COMPLIED, RD_OUTCOME_COMPLIED, RD_OUTCOME_COMPLIED, RD_OUTCOME_COMPLIED,
        RD_OUTCOME_COMPLIED, RD_OUTCOME_COMPLIED, RD_OUTCOME_COMPLIED, RD_OUTCOME_PARTIAL,
        RD_OUTCOME_PARTIAL, RD_OUTCOME_DENIED, RD_OUTCOME_DENIED, RD_OUTCOME_WITHDRAWN,
      };
      static const char * const denial_reasons[] = {
        N_("Identity could not be verified"),
        N_("Not made by a consumer"),
        N_("Information exempt from disclosure"),
        N_("Manifestly unfounded"),
      };
      RdOutcome outcome = outcomes[pick (demo, G_N_ELEMENTS (outcomes))];
      /* Most answers come well inside the period, some late. */
      int span = chance (demo, 0.05) ? window + 1 + (int) pick (demo, 20)
                                     : 2 + (int) pick (demo, MAX (1, window - 2));
      GDate response;

      if (outcome == RD_OUTCOME_DENIED)
        item->outcome_reason = g_strdup (_(denial_reasons[pick (demo, G_N_ELEMENTS (denial_reasons))]));
      else if (outcome == RD_OUTCOME_PARTIAL)
        item->outcome_reason = g_strdup (_("Third-party data withheld"));

      day_after (demo, &received, MIN (span, age), &response);
      for (guint i = 0; i < n_steps; i++)
        if (g_date_compare (&response, &steps[i].on) < 0)
          response = steps[i].on;

      item->status = RD_STATUS_CLOSED;
      item->outcome = outcome;
      item->response_date = response;
    }
  else
    {
      /* Open cases are spread over the workflow; opt-outs need no identity check. */
      static const RdCaseStatus spread[] = {
        RD_STATUS_NEW, RD_STATUS_NEW, RD_STATUS_IDENTITY_VERIFICATION,
        RD_STATUS_IDENTITY_VERIFICATION, RD_STATUS_IN_PROGRESS, RD_STATUS_IN_PROGRESS,
        RD_STATUS_IN_PROGRESS, RD_STATUS_IN_PROGRESS, RD_STATUS_REVIEW, RD_STATUS_REVIEW,
      };

      item->status = spread[pick (demo, G_N_ELEMENTS (spread))];
      if (item->status == RD_STATUS_IDENTITY_VERIFICATION &&
          (type == RD_REQUEST_OPT_OUT || type == RD_REQUEST_LIMIT_SENSITIVE))
        item->status = RD_STATUS_IN_PROGRESS;
    }

  return rd_store_add_case_history (store, item, steps, n_steps, error);
}

static gboolean
ensure_clients (RdStore  *store,
                GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (RdClient) client = rd_client_new (clients[i].name);

      rd_client_set_jurisdiction (client, clients[i].jurisdiction);
      rd_client_set_calendar (client, clients[i].calendar);
      rd_client_set_sla_days (client, clients[i].sla_days);
      if (!rd_store_save_client (store, client, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rd_demo_fill (RdStore         *store,
              guint            n_cases,
              guint32          seed,
              RdDemoProgress   progress,
              gpointer         user_data,
              GCancellable    *cancellable,
              GError         **error)
{
  Demo demo = { NULL };
  gboolean ok = TRUE;
  gboolean dropped = FALSE;
  guint done = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  demo.rand = g_rand_new_with_seed (seed);
  demo.n_cases = MAX (n_cases, 1);
  rd_date_today (&demo.today);
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    demo.total_weight += clients[i].weight;

  if (!ensure_clients (store, error))
    {
      g_rand_free (demo.rand);
      return FALSE;
    }

  rd_store_set_bulk (store, TRUE);

  /* A large load into an empty database builds its indexes once at the end. */
  if (n_cases >= 10000 && rd_store_count_cases (store, NULL, NULL) == 0)
    {
      dropped = rd_store_drop_indexes (store, error);
      ok = dropped;
    }

  while (ok && done < n_cases)
    {
      guint batch = MIN (BATCH, n_cases - done);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !rd_store_begin (store, error))
        {
          ok = FALSE;
          break;
        }

      for (guint i = 0; ok && i < batch; i++)
        ok = live_case (&demo, store, pick_client (&demo), error);

      if (ok)
        ok = rd_store_flush_bulk (store, error) && rd_store_commit (store, error);
      else
        rd_store_rollback (store);

      if (ok)
        {
          done += batch;
          if (progress != NULL)
            progress (done, n_cases, user_data);
        }
    }

  if (dropped)
    {
      g_autoptr (GError) index_error = NULL;

      if (!rd_store_ensure_indexes (store, ok ? error : &index_error))
        ok = FALSE;
    }

  rd_store_set_bulk (store, FALSE);
  g_rand_free (demo.rand);
  return ok;
}
