/* bench-pii-accuracy.c: precision and recall of rd-pii on the labelled corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-pii-accuracy SAMPLE.jsonl   (made by tests/pii-corpus-gen.py)
 *
 * Per gold type: R_full (the span is wholly covered by findings of any type: what a
 * redaction needs), R_typed (overlapped by a finding of the matching type), P_typed (findings
 * of that type that overlap a gold span of the type); look-alikes touched; and how often the
 * requester's own data is told apart from everyone else's. Exits 1 when a goal is missed.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "rd-pii.h"

typedef struct
{
  const char *gold;
  int         entity;      /* RdPiiEntity, or -1 for a look-alike */
  double      recall_goal; /* on R_full; 0: none */
  double      precision_goal;
  guint       n, full, typed;
} GoldType;

static GoldType gold_types[] = {
  { "EMAIL_ADDRESS", RD_PII_EMAIL_ADDRESS, 0.99, 0.98 },
  { "PHONE_NUMBER", RD_PII_PHONE_NUMBER, 0.99, 0.98 },
  { "CREDIT_CARD", RD_PII_CREDIT_CARD, 0.99, 0.98 },
  { "IBAN_CODE", RD_PII_IBAN_CODE, 0.99, 0.98 },
  { "US_SSN", RD_PII_US_SSN, 0.99, 0.98 },
  { "UK_NINO", RD_PII_UK_NINO, 0.99, 0.98 },
  { "UK_NHS", RD_PII_UK_NHS, 0.99, 0.98 },
  { "IP_ADDRESS", RD_PII_IP_ADDRESS, 0.99, 0.98 },
  { "PERSON", RD_PII_PERSON, 0.95, 0 },
  { "DATE_OF_BIRTH", RD_PII_DATE_TIME, 0.95, 0 },
  { "STREET_ADDRESS", RD_PII_LOCATION, 0.90, 0 },
  { "ORDER_NUMBER", -1, 0, 0 },
  { "TICKET_ID", -1, 0, 0 },
  { "TRACKING_NUMBER", -1, 0, 0 },
  { "INVOICE_NUMBER", -1, 0, 0 },
  { "PRODUCT_CODE", -1, 0, 0 },
  { "DATE", -1, 0, 0 },
  { "MONEY", -1, 0, 0 },
  { "ORG_EMAIL", -1, 0, 0 },
  { "ORG_PHONE", -1, 0, 0 },
};

typedef struct
{
  gsize  start, end;       /* bytes */
  int    type;             /* index in gold_types */
  gboolean subject;
  gboolean pii;
} Gold;

static guint predicted[RD_PII_N_ENTITIES];
static guint predicted_ok[RD_PII_N_ENTITIES];
static guint subject_total, subject_right;
static gboolean verbose;

static int
gold_type_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (gold_types); i++)
    if (g_str_equal (gold_types[i].gold, name))
      return i;
  return -1;
}

static gboolean
overlaps (gsize a0, gsize a1, gsize b0, gsize b1)
{
  return a0 < b1 && b0 < a1;
}

static void
evaluate (const char   *text,
          const Gold   *gold,
          guint         n_gold,
          GArray       *found)
{
  /* Precision: each finding against the gold spans of its type. */
  for (guint f = 0; f < found->len; f++)
    {
      const RdPiiFinding *p = &g_array_index (found, RdPiiFinding, f);
      gboolean ok = FALSE;

      predicted[p->entity]++;
      for (guint g = 0; g < n_gold && !ok; g++)
        ok = gold_types[gold[g].type].entity == (int) p->entity &&
             overlaps (p->start, p->end, gold[g].start, gold[g].end);
      if (ok)
        predicted_ok[p->entity]++;
      else if (verbose)
        {
          const char *kind = "other";
          for (guint g = 0; g < n_gold; g++)
            if (overlaps (p->start, p->end, gold[g].start, gold[g].end))
              kind = gold_types[gold[g].type].gold;
          fprintf (stderr, "FP %s [%s] «%.*s»\n", rd_pii_entity_to_string (p->entity), kind,
                   (int) (p->end - p->start), text + p->start);
        }
    }

  for (guint g = 0; g < n_gold; g++)
    {
      GoldType *t = &gold_types[gold[g].type];
      gsize covered = gold[g].start;
      gboolean typed = FALSE;
      const RdPiiFinding *best = NULL;
      gsize best_overlap = 0;

      t->n++;
      /* Findings are sorted by start: walk them to see whether they cover the span. */
      for (guint f = 0; f < found->len; f++)
        {
          const RdPiiFinding *p = &g_array_index (found, RdPiiFinding, f);
          gsize o;

          if (!overlaps (p->start, p->end, gold[g].start, gold[g].end))
            continue;
          if (p->start <= covered && p->end > covered)
            covered = p->end;
          if (t->entity == (int) p->entity)
            typed = TRUE;
          o = MIN (p->end, gold[g].end) - MAX (p->start, gold[g].start);
          if (o > best_overlap)
            {
              best_overlap = o;
              best = p;
            }
        }

      if (t->entity < 0)
        {
          /* A look-alike: "full" counts those touched at all. */
          if (best)
            {
              t->full++;
              if (verbose)
                fprintf (stderr, "TOUCHED %s «%.*s» as %s «%.*s»\n", t->gold,
                         (int) (gold[g].end - gold[g].start), text + gold[g].start,
                         rd_pii_entity_to_string (best->entity),
                         (int) (best->end - best->start), text + best->start);
            }
          continue;
        }
      if (covered >= gold[g].end)
        t->full++;
      else if (verbose)
        {
          gsize from = gold[g].start > 30 ? gold[g].start - 30 : 0;
          while (from > 0 && (text[from] & 0xc0) == 0x80)
            from--;
          fprintf (stderr, "MISS %s «%.*s»%s after «%.*s»\n", t->gold,
                   (int) (gold[g].end - gold[g].start), text + gold[g].start,
                   best ? " (partly)" : "", (int) (gold[g].start - from), text + from);
        }
      if (typed)
        t->typed++;
      if (best)
        {
          subject_total++;
          if (best->subject == gold[g].subject)
            subject_right++;
          else if (verbose)
            fprintf (stderr, "OWNER %s «%.*s» said %s\n", t->gold,
                     (int) (gold[g].end - gold[g].start), text + gold[g].start,
                     best->subject ? "subject" : "other");
        }
    }
}

static void
add_strings (JsonObject *object,
             const char *member,
             RdPiiScanner *scanner,
             void (*add) (RdPiiScanner *, const char *))
{
  JsonArray *array;

  if (object == NULL || !json_object_has_member (object, member))
    return;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    add (scanner, json_array_get_string_element (array, i));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean pass = TRUE;
  guint docs = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s SAMPLE.jsonl [-v]\n", argv[0]);
      return 2;
    }
  verbose = argc > 2 && g_str_equal (argv[2], "-v");
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l]; l++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (RdPiiScanner) scanner = rd_pii_scanner_new ();
      g_autoptr (GArray) found = NULL;
      g_autofree Gold *gold = NULL;
      JsonObject *doc, *subject;
      JsonArray *spans;
      const char *text;
      guint n_gold = 0;

      if (lines[l][0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[l], -1, &error))
        {
          fprintf (stderr, "line %u: %s\n", l + 1, error->message);
          return 2;
        }
      doc = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (doc, "text");
      subject = json_object_get_object_member (doc, "subject");
      add_strings (subject, "names", scanner, rd_pii_scanner_add_subject_name);
      add_strings (subject, "emails", scanner, rd_pii_scanner_add_subject_email);
      add_strings (subject, "phones", scanner, rd_pii_scanner_add_subject_phone);
      add_strings (doc, "allow", scanner, rd_pii_scanner_add_allowed);

      spans = json_object_get_array_member (doc, "spans");
      gold = g_new0 (Gold, json_array_get_length (spans));
      for (guint i = 0; i < json_array_get_length (spans); i++)
        {
          JsonObject *span = json_array_get_object_element (spans, i);
          int type = gold_type_index (json_object_get_string_member (span, "type"));
          const char *role = json_object_get_string_member (span, "role");

          if (type < 0)
            continue;
          gold[n_gold].start = g_utf8_offset_to_pointer (text, json_object_get_int_member (span, "start")) - text;
          gold[n_gold].end = g_utf8_offset_to_pointer (text, json_object_get_int_member (span, "end")) - text;
          gold[n_gold].type = type;
          gold[n_gold].subject = g_str_equal (role, "subject");
          n_gold++;
        }

      found = rd_pii_scanner_scan (scanner, text, strlen (text), NULL, 0);
      evaluate (text, gold, n_gold, found);
      docs++;
    }

  printf ("rd-pii accuracy on %u documents (%s)\n\n", docs, argv[1]);
  printf ("%-16s %6s %7s %8s %8s  %s\n", "type", "n", "R_full", "R_typed", "P_typed", "goal");
  for (guint i = 0; i < G_N_ELEMENTS (gold_types); i++)
    {
      GoldType *t = &gold_types[i];
      double full = t->n ? (double) t->full / t->n : 1;
      double typed = t->n ? (double) t->typed / t->n : 1;
      gboolean ok;

      if (t->entity < 0)
        continue;
      {
        double precision = predicted[t->entity] ?
                           (double) predicted_ok[t->entity] / predicted[t->entity] : 1;
        ok = full >= t->recall_goal && precision >= t->precision_goal;
        pass = pass && ok;
        char goal[32];

        if (t->precision_goal > 0)
          g_snprintf (goal, sizeof goal, "R>=%.2f P>=%.2f", t->recall_goal, t->precision_goal);
        else
          g_snprintf (goal, sizeof goal, "R>=%.2f", t->recall_goal);
        printf ("%-16s %6u %7.3f %8.3f %8.3f  %-16s %s\n", t->gold, t->n, full, typed,
                precision, goal, ok ? "ok" : "MISSED");
      }
    }

  printf ("\n%-16s %6s %8s  %s\n", "look-alike", "n", "touched", "goal <= 0.01 for references");
  for (guint i = 0; i < G_N_ELEMENTS (gold_types); i++)
    {
      GoldType *t = &gold_types[i];
      double touched = t->n ? (double) t->full / t->n : 0;
      gboolean reference = i >= 11 && i <= 14;

      if (t->entity >= 0)
        continue;
      if (reference && touched > 0.01)
        pass = FALSE;
      printf ("%-16s %6u %8.3f  %s\n", t->gold, t->n, touched,
              reference ? (touched <= 0.01 ? "ok" : "MISSED") : "");
    }

  printf ("\nrequester vs others told apart: %.3f of %u detected spans (goal >= 0.95) %s\n",
          subject_total ? (double) subject_right / subject_total : 1, subject_total,
          subject_total && (double) subject_right / subject_total >= 0.95 ? "ok" : "MISSED");
  if (subject_total && (double) subject_right / subject_total < 0.95)
    pass = FALSE;

  printf ("%s\n", pass ? "all accuracy goals met" : "some accuracy goals missed");
  return pass ? 0 : 1;
}
