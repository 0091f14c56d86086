/* rd-case-file.c: the complaint case file of one request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-case-file"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-case-file.h"
#include "rd-csv.h"
#include "rd-date.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-load.h"
#include "rd-jurisdiction.h"
#include "rd-package.h"
#include "rd-pdf-layout.h"
#include "rd-report-pdf.h"

static void
add_row (GPtrArray *rows,
         guint      n,
         ...)
{
  GStrv row = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *cell = va_arg (args, const char *);
      row[i] = g_strdup (cell ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (rows, row);
}

static char *
date_or_dash (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? rd_date_format (date) : g_strdup ("–");
}

/* A JSON member as text, or NULL. */
static char *
json_member (const char *json,
             const char *member)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *o;
  JsonNode *node;

  if (json == NULL || !rd_json_load_data (parser, json, -1, NULL, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  node = json_object_get_member (o, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return NULL;
}

static char *
describe_event (RdAuditEvent *e)
{
  g_autofree char *outcome = json_member (e->details, "outcome");
  g_autofree char *status = json_member (e->details, "status");
  g_autofree char *kind = json_member (e->details, "kind");
  g_autofree char *due = json_member (e->details, "due");
  const char *a = e->action;

  if (g_str_equal (a, "case.created"))
    return due ? g_strdup_printf (_("Request recorded; due %s"), due)
               : g_strdup (_("Request recorded"));
  if (g_str_equal (a, "clock.paused"))
    return g_strdup (_("Clock paused"));
  if (g_str_equal (a, "clock.resumed"))
    return due ? g_strdup_printf (_("Clock resumed; due %s"), due) : g_strdup (_("Clock resumed"));
  if (g_str_equal (a, "clock.restarted"))
    return due ? g_strdup_printf (_("Clock restarted; due %s"), due)
               : g_strdup (_("Clock restarted"));
  if (g_str_equal (a, "clock.extended"))
    return due ? g_strdup_printf (_("Period extended; due %s"), due)
               : g_strdup (_("Period extended"));
  if (g_str_equal (a, "case.closed"))
    {
      RdOutcome o;

      if (outcome != NULL && rd_outcome_from_string (outcome, &o))
        return g_strdup_printf (_("Closed: %s"), _(rd_outcome_to_label (o)));
      return g_strdup_printf (_("Closed: %s"), outcome ? outcome : "?");
    }
  if (g_str_equal (a, "case.status"))
    return g_strdup_printf (_("Status: %s"), status ? status : "?");
  if (g_str_equal (a, "case.note"))
    return g_strdup (_("Note added"));
  if (g_str_equal (a, "document.added"))
    return g_strdup_printf (_("Document added (%s)"), kind ? kind : "?");
  if (g_str_equal (a, "package.exported"))
    return g_strdup (_("Response package exported"));
  if (g_str_equal (a, "case.purged"))
    return g_strdup (_("Personal data purged"));
  return g_strdup (a);
}

static gboolean
is_decision (const char *action)
{
  return g_str_has_prefix (action, "clock.") || g_str_equal (action, "case.closed") ||
         g_str_equal (action, "case.status") || g_str_has_prefix (action, "redaction.") ||
         g_str_equal (action, "package.exported");
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  GStrv x = *(GStrv *) a;
  GStrv y = *(GStrv *) b;

  return strcmp (x[0], y[0]);
}

/* "2026-03-05T10:00:00Z" → "2026-03-05 10:00". */
static char *
short_time (const char *at)
{
  if (at == NULL || strlen (at) < 16)
    return g_strdup (at ? at : "");
  return g_strdup_printf ("%.10s %.5s", at, at + 11);
}

static void
deadline_row (GPtrArray   *rows,
              const char  *label,
              const GDate *date,
              const GDate *answered,
              const GDate *today,
              const char  *note)
{
  g_autofree char *when = date_or_dash (date);
  g_autofree char *verdict = NULL;

  if (date == NULL || !g_date_valid (date))
    return;
  if (note != NULL)
    verdict = g_strdup (note);
  else if (answered != NULL && g_date_valid (answered))
    {
      int diff = g_date_days_between (date, answered);

      if (diff == 0)
        verdict = g_strdup (_("Met: answered on the day"));
      else if (diff < 0)
        verdict = g_strdup_printf (_("Met: answered %d days before"), -diff);
      else
        verdict = g_strdup_printf (_("Missed by %d days"), diff);
    }
  else if (g_date_compare (date, today) < 0)
    verdict = g_strdup_printf (_("Passed %d days ago, not yet answered"),
                               g_date_days_between (date, today));
  else
    verdict = g_strdup_printf (_("Open: %d days left"), g_date_days_between (today, date));
  add_row (rows, 3, label, when, verdict);
}

/* The withheld-items register is a document whose name begins with "withheld" (CSV, or JSON
 * as an array of objects); the redaction review writes it. Its first four columns are shown. */
static GPtrArray *
withheld_register (RdStore    *store,
                   GPtrArray  *docs,
                   GStrv      *headers)
{
  for (guint i = 0; i < docs->len; i++)
    {
      RdDocument *info = g_ptr_array_index (docs, i);
      g_autofree char *lower = g_ascii_strdown (info->name, -1);
      g_autoptr (GBytes) content = NULL;
      g_autoptr (GPtrArray) rows = NULL;
      gsize size;
      const char *data;

      if (!g_str_has_prefix (lower, "withheld"))
        continue;
      content = rd_store_get_document_content (store, info->id, NULL);
      if (content == NULL)
        continue;
      data = g_bytes_get_data (content, &size);
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (g_str_has_suffix (lower, ".json"))
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          JsonArray *array;
          g_autoptr (GList) keys = NULL;
          guint n = 0;

          if (!rd_json_load_data (parser, data, size, NULL, NULL) ||
              !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
            continue;
          array = json_node_get_array (json_parser_get_root (parser));
          if (json_array_get_length (array) == 0 ||
              !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
            continue;
          keys = json_object_get_members (json_array_get_object_element (array, 0));
          *headers = g_new0 (char *, 5);
          for (GList *l = keys; l != NULL && n < 4; l = l->next)
            (*headers)[n++] = g_strdup (l->data);
          for (guint r = 0; r < json_array_get_length (array); r++)
            {
              JsonNode *node = json_array_get_element (array, r);
              GStrv row = g_new0 (char *, 5);

              for (guint c = 0; c < 4; c++)
                {
                  JsonNode *v = NULL;

                  if ((*headers)[c] != NULL && JSON_NODE_HOLDS_OBJECT (node))
                    v = json_object_get_member (json_node_get_object (node), (*headers)[c]);
                  row[c] = g_strdup (v && JSON_NODE_HOLDS_VALUE (v) &&
                                     json_node_get_value_type (v) == G_TYPE_STRING
                                       ? json_node_get_string (v) : "");
                }
              g_ptr_array_add (rows, row);
            }
          return g_steal_pointer (&rows);
        }
      else
        {
          g_autoptr (RdCsvReader) reader = rd_csv_reader_new (data, size, NULL);
          GPtrArray *fields;
          guint line;

          if (reader == NULL)
            continue;
          while (rd_csv_reader_next (reader, &fields, &line, NULL))
            {
              GStrv row = g_new0 (char *, 5);

              for (guint c = 0; c < 4; c++)
                row[c] = g_strdup (c < fields->len ? (char *) g_ptr_array_index (fields, c) : "");
              if (*headers == NULL)
                *headers = row;
              else
                g_ptr_array_add (rows, row);
            }
          if (*headers != NULL)
            return g_steal_pointer (&rows);
        }
    }
  return NULL;
}

gboolean
rd_case_file_write (RdStore     *store,
                    const char  *reference,
                    const char  *pdf_path,
                    const char  *zip_path,
                    RdPaper      paper,
                    gboolean    *chain_intact,
                    GError     **error)
{
  g_autoptr (RdCase) item = NULL;
  g_autoptr (GPtrArray) timeline = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GPtrArray) clock = NULL;
  g_autoptr (RdAuditReport) audit = NULL;
  g_autoptr (RdPdfLayout) layout = NULL;
  g_autoptr (RdJurisdiction) law = NULL;
  g_autofree char *deadline_note = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) zip = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *received = NULL;
  g_autofree char *response = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *days = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *chain = NULL;
  g_auto (GStrv) withheld_headers = NULL;
  g_autoptr (GPtrArray) withheld = NULL;
  GDate today;
  const GDate *answered;
  const GDate *effective;
  static const double w3[] = { 1.6, 1, 2.4 };
  static const RdPdfAlign left3[] = { RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT };
  static const RdPdfAlign left4[] = {
    RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT,
  };

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (reference != NULL && pdf_path != NULL, FALSE);

  item = rd_store_get_case (store, reference, error);
  if (item == NULL)
    return FALSE;
  timeline = rd_store_list_timeline (store, reference, error);
  if (timeline == NULL)
    return FALSE;
  docs = rd_store_list_documents (store, reference, error);
  if (docs == NULL)
    return FALSE;
  audit = rd_audit_verify (store, error);
  if (audit == NULL)
    return FALSE;
  clock = rd_store_list_clock_events (store, reference, error);
  if (clock == NULL)
    return FALSE;
  if (chain_intact)
    *chain_intact = audit->intact;

  rd_date_today (&today);
  today_text = rd_date_format (&today);
  received = rd_date_format (rd_case_get_received (item));
  answered = rd_case_get_response_date (item);
  effective = rd_case_get_effective_due (item);
  response = date_or_dash (answered);
  title = g_strdup_printf (_("Case file %s"), reference);
  footer = g_strdup_printf (_("Rights Desk · case file %s · prepared on %s · confidential"),
                            reference, today_text);
  layout = rd_pdf_layout_new (title, footer);
  law = rd_jurisdiction_lookup (rd_case_get_jurisdiction (item), NULL);

  {
    const char *facts[] = {
      _("Controller"), rd_case_get_client (item),
      _("Request"), _(rd_request_type_to_label (rd_case_get_request_type (item))),
      _("Jurisdiction"), law ? rd_jurisdiction_get_short_name (law)
                             : rd_case_get_jurisdiction (item),
      _("Channel"), _(rd_channel_to_label (rd_case_get_channel (item))),
      _("Received"), received,
      _("Answered"), response,
      _("Status"), _(rd_case_status_to_label (rd_case_get_status (item))),
      _("Outcome"), _(rd_outcome_to_label (rd_case_get_outcome (item))),
      NULL,
    };

    rd_pdf_layout_add_title (layout, _("COMPLAINT CASE FILE"), title, facts);
  }

  /* Key figures */
  days = g_date_valid (answered)
           ? g_strdup_printf ("%d", g_date_days_between (rd_case_get_received (item), answered))
           : g_strdup ("–");
  if (g_date_valid (answered) && g_date_valid (effective))
    verdict = g_strdup (g_date_compare (answered, effective) <= 0 ? _("Met") : _("Missed"));
  else if (g_date_valid (effective) && g_date_compare (effective, &today) < 0 &&
           rd_case_is_open (item))
    verdict = g_strdup (_("Overdue"));
  else
    verdict = g_strdup (_("Open"));
  chain = g_strdup (audit->intact ? _("Verified") : _("BROKEN"));
  {
    g_autofree char *n_events = g_strdup_printf ("%u", timeline->len);
    const char *values[] = { days, verdict, n_events, chain };
    const char *captions[] = {
      _("Days from receipt to answer"), _("Legal deadline"), _("Events in the timeline"),
      _("Audit chain"),
    };

    rd_pdf_layout_add_figures (layout, 4, values, captions);
  }

  /* Deadlines */
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  deadline_row (rows, _("Acknowledge receipt by"), rd_case_get_acknowledge_by (item), NULL,
                &today, _("Acknowledgement is recorded in the correspondence"));
  if (rd_case_get_extended (item))
    {
      const GDate *extended_on = NULL;
      g_autofree char *notice = NULL;

      for (guint i = 0; i < clock->len; i++)
        {
          RdClockEvent *c = g_ptr_array_index (clock, i);

          if (g_str_equal (c->kind, "extend"))
            extended_on = &c->on;
        }
      deadline_row (rows, _("Statutory deadline"), rd_case_get_due (item), NULL, &today,
                    _("Replaced by the extended deadline"));
      if (extended_on != NULL)
        {
          g_autofree char *day = rd_date_format (extended_on);
          const GDate *notice_by = rd_case_get_extension_notice_by (item);

          notice = g_date_valid (notice_by) && g_date_compare (extended_on, notice_by) > 0
                     ? g_strdup_printf (_("Missed: extended on %s"), day)
                     : g_strdup_printf (_("Met: extended on %s"), day);
        }
      deadline_row (rows, _("Notice of extension by"), rd_case_get_extension_notice_by (item),
                    NULL, &today, notice ? notice : _("Extension recorded"));
      deadline_row (rows, _("Extended deadline"), rd_case_get_extended_due (item), answered,
                    &today, NULL);
    }
  else
    deadline_row (rows, _("Statutory deadline"), rd_case_get_due (item), answered, &today, NULL);
  deadline_row (rows, _("Deadline in force (pauses added)"), effective, answered, &today, NULL);
  deadline_row (rows, _("Internal deadline (client service level)"),
                rd_case_get_internal_due (item), answered, &today, NULL);
  rd_pdf_layout_add_heading (layout, _("Deadlines"));
  {
    const char *headers[] = { _("Deadline"), _("Date"), _("Met?") };
    rd_pdf_layout_add_table (layout, 3, headers, w3, left3, rows);
  }
  if (rd_case_get_citation (item))
    {
      g_autofree char *basis = g_markup_printf_escaped (_("Legal basis: %s."),
                                                        rd_case_get_citation (item));
      rd_pdf_layout_add_small (layout, basis);
    }

  /* Decisions and their reasons */
  {
    static const double widths[] = { 1.1, 1.6, 2.3 };
    const char *headers[] = { _("Date"), _("Decision"), _("Reason given") };
    g_autoptr (GPtrArray) decisions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    /* The clock's steps carry the day they took effect; the rest, the moment they were made. */
    for (guint i = 0; i < clock->len; i++)
      {
        RdClockEvent *c = g_ptr_array_index (clock, i);
        g_autofree char *when = rd_date_format (&c->on);
        const char *what = g_str_equal (c->kind, "pause") ? _("Clock paused")
                           : g_str_equal (c->kind, "resume") ? _("Clock resumed")
                           : g_str_equal (c->kind, "restart") ? _("Clock restarted")
                           : g_str_equal (c->kind, "extend") ? _("Period extended")
                           : c->kind;

        add_row (decisions, 3, when, what, c->reason);
      }
    for (guint i = 0; i < timeline->len; i++)
      {
        RdAuditEvent *e = g_ptr_array_index (timeline, i);
        g_autofree char *what = NULL;
        g_autofree char *reason = NULL;
        g_autofree char *when = NULL;

        if (!is_decision (e->action) || g_str_has_prefix (e->action, "clock."))
          continue;
        what = describe_event (e);
        reason = json_member (e->payload, "reason");
        when = json_member (e->details, "response_date");
        if (when == NULL)
          when = short_time (e->at);
        add_row (decisions, 3, when, what, reason);
      }
    g_ptr_array_sort (decisions, compare_rows);
    rd_pdf_layout_add_heading (layout, _("Decisions and reasons"));
    if (decisions->len > 0)
      rd_pdf_layout_add_table (layout, 3, headers, widths, left3, decisions);
    else
      rd_pdf_layout_add_paragraph (layout, _("No decision has been recorded yet."));
  }

  /* Withheld items */
  withheld = withheld_register (store, docs, &withheld_headers);
  rd_pdf_layout_add_heading (layout, _("Withheld-items register"));
  if (withheld != NULL)
    {
      static const double widths[] = { 1, 1, 1, 1 };
      const char *headers[4];

      for (guint c = 0; c < 4; c++)
        headers[c] = withheld_headers[c] ? withheld_headers[c] : "";
      rd_pdf_layout_add_table (layout, 4, headers, widths, left4, withheld);
    }
  else
    rd_pdf_layout_add_paragraph (layout, _("No withheld-items register was kept for this "
                                           "case: nothing was recorded as withheld."));

  /* Documents */
  {
    static const double widths[] = { 0.9, 2.2, 0.7, 1.6 };
    const char *headers[] = { _("Kind"), _("Name"), _("Bytes"), _("SHA-256") };
    g_autoptr (GPtrArray) doc_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    for (guint i = 0; i < docs->len; i++)
      {
        RdDocument *d = g_ptr_array_index (docs, i);
        g_autofree char *bytes = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d->size);

        add_row (doc_rows, 4, d->kind, d->name, bytes, d->sha256);
      }
    rd_pdf_layout_add_heading (layout, _("Documents"));
    if (doc_rows->len > 0)
      rd_pdf_layout_add_table (layout, 4, headers, widths, left4, doc_rows);
    else
      rd_pdf_layout_add_paragraph (layout, _("No document is attached to this case."));
  }

  /* Timeline and the audit chain */
  {
    static const double widths[] = { 0.5, 1.2, 2.1, 1.2, 2.0 };
    static const RdPdfAlign aligns[] = {
      RD_PDF_ALIGN_RIGHT, RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT, RD_PDF_ALIGN_LEFT,
      RD_PDF_ALIGN_LEFT,
    };
    const char *headers[] = { _("Entry"), _("When (UTC)"), _("Event"), _("By"), _("Hash") };
    g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    g_autofree char *result = NULL;

    for (guint i = 0; i < timeline->len; i++)
      {
        RdAuditEvent *e = g_ptr_array_index (timeline, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
        g_autofree char *when = short_time (e->at);
        g_autofree char *what = describe_event (e);

        add_row (events, 5, id, when, what, e->actor, e->hash);
      }
    rd_pdf_layout_add_heading (layout, _("Timeline and audit-chain extract"));
    rd_pdf_layout_add_table (layout, 5, headers, widths, aligns, events);
    if (audit->intact)
      result = g_markup_printf_escaped (
        _("<b>Verification:</b> the whole audit trail (%lu entries) was verified on %s and is "
          "intact: each entry’s SHA-256 covers the entry before it, so no entry above was "
          "edited, deleted or moved."),
        (unsigned long) audit->n_events, today_text);
    else
      result = g_markup_printf_escaped (
        _("<b>Verification FAILED</b> on %s: the audit trail (%lu entries) is broken at entry "
          "%ld: %s."),
        today_text, (unsigned long) audit->n_events, (long) audit->first_broken,
        audit->problem ? audit->problem : "");
    rd_pdf_layout_add_paragraph (layout, result);
  }

  /* Translators: %s cites the rules of the case's law */
  deadline_note = g_strdup_printf (_("Deadlines are computed by Rights Desk from the rules of "
                                     "the case’s law: %s. Pauses of the clock are added to the "
                                     "period."),
                                   law ? rd_jurisdiction_get_citation (law)
                                       : rd_case_get_jurisdiction (item));
  {
    const char *notes[] = {
      _("Kept to demonstrate compliance (GDPR Art. 5(2) and 24) and for a complaint to a "
        "supervisory authority (Art. 77); under the CCPA, 11 CCR § 7101 asks for the date, "
        "nature and manner of each request and the date, nature and basis of the response to "
        "be kept for 24 months."),
      deadline_note,
      _("Times are UTC. Reasons that may hold personal data are kept outside the hash chain "
        "under a salted hash, so that a purge can erase them while the chain still verifies."),
      NULL,
    };

    rd_pdf_layout_add_notes (layout, _("Notes and legal basis"), notes);
  }

  {
    double width, height;

    rd_paper_get_size (paper, &width, &height);
    pdf = rd_pdf_layout_render_pdf (layout, width, height, title, error);
    if (pdf == NULL)
      return FALSE;
  }

  if (zip_path != NULL)
    {
      g_autoptr (GPtrArray) entries =
        g_ptr_array_new_with_free_func ((GDestroyNotify) rd_zip_entry_free);
      g_autoptr (GString) sums = g_string_new (NULL);
      g_autoptr (GBytes) sums_bytes = NULL;
      g_autofree char *pdf_name = g_strdup_printf ("%s-case-file.pdf", reference);

      g_ptr_array_add (entries, rd_zip_entry_new (pdf_name, pdf));
      for (guint i = 0; i < docs->len; i++)
        {
          RdDocument *d = g_ptr_array_index (docs, i);
          g_autoptr (GBytes) content = rd_store_get_document_content (store, d->id, error);
          g_autofree char *safe = NULL;
          g_autofree char *name = NULL;

          if (content == NULL)
            return FALSE;
          safe = rd_zip_safe_name (d->name);
          name = g_strdup_printf ("documents/%" G_GINT64_FORMAT "-%s", d->id, safe);
          g_ptr_array_add (entries, rd_zip_entry_new (name, content));
        }
      for (guint i = 0; i < entries->len; i++)
        {
          RdZipEntry *e = g_ptr_array_index (entries, i);
          g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, e->content);

          g_string_append_printf (sums, "%s  %s\n", sha, e->name);
        }
      sums_bytes = g_bytes_new (sums->str, sums->len);
      g_ptr_array_add (entries, rd_zip_entry_new ("SHA256SUMS", sums_bytes));
      zip = rd_zip_build (entries, NULL, error);
      if (zip == NULL)
        return FALSE;
    }

  /* The PDF first, then the zip: neither is ever half-written. */
  if (!rd_file_write_atomically (pdf_path, g_bytes_get_data (pdf, NULL),
                                   g_bytes_get_size (pdf), error))
    return FALSE;
  if (zip != NULL &&
      !rd_file_write_atomically (zip_path, g_bytes_get_data (zip, NULL),
                                   g_bytes_get_size (zip), error))
    return FALSE;
  return TRUE;
}
