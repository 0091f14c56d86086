/* rd-verification.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision tables of shared/reference/legal-rules.md §3 (rows G1–G7 for the GDPR, C1–C9
 * for the CCPA, §3.3 for the others), with their citations and confidence tags.
 */
#define G_LOG_DOMAIN "rd-verification"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-date.h"
#include "rd-error.h"
#include "rd-json-load.h"
#include "rd-verification.h"

static const char *level_names[] = {
  "not-allowed", "not-prescribed", "existing-authentication", "known-channel",
  "minimum-extra-information", "id-document", "reasonable", "reasonably-high",
  "commercially-reasonable", "appropriate-measures", "cannot-identify",
};

static const char *method_names[RD_N_CHECK_METHODS] = {
  "none-required", "existing-authentication", "known-channel", "data-points",
  "knowledge-check", "id-document", "signed-declaration", "agent-authority", "call-back",
  "other",
};

static const char *outcome_names[RD_N_CHECK_OUTCOMES] = {
  "verified", "more-information", "failed",
};

const char *
rd_verification_level_to_string (RdVerificationLevel level)
{
  g_return_val_if_fail (level < G_N_ELEMENTS (level_names), NULL);

  return level_names[level];
}

const char *
rd_clock_effect_to_string (RdClockEffect effect)
{
  switch (effect)
    {
    case RD_CLOCK_RUNS:
      return "runs";
    case RD_CLOCK_SUSPENDS:
      return "suspends";
    case RD_CLOCK_RESTARTS:
      return "restarts";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
rd_check_method_to_string (RdCheckMethod method)
{
  g_return_val_if_fail (method < RD_N_CHECK_METHODS, NULL);

  return method_names[method];
}

gboolean
rd_check_method_from_string (const char    *text,
                             RdCheckMethod *out)
{
  for (guint i = 0; text != NULL && i < RD_N_CHECK_METHODS; i++)
    if (g_str_equal (text, method_names[i]))
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rd_check_outcome_to_string (RdCheckOutcome outcome)
{
  g_return_val_if_fail (outcome < RD_N_CHECK_OUTCOMES, NULL);

  return outcome_names[outcome];
}

gboolean
rd_check_outcome_from_string (const char     *text,
                              RdCheckOutcome *out)
{
  for (guint i = 0; text != NULL && i < RD_N_CHECK_OUTCOMES; i++)
    if (g_str_equal (text, outcome_names[i]))
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */

RdVerificationPolicy *
rd_verification_policy_copy (const RdVerificationPolicy *policy)
{
  RdVerificationPolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = g_memdup2 (policy, sizeof *policy);
  copy->jurisdiction = g_strdup (policy->jurisdiction);
  copy->rule = g_strdup (policy->rule);
  copy->summary = g_strdup (policy->summary);
  copy->reason = g_strdup (policy->reason);
  copy->on_failure = g_strdup (policy->on_failure);
  copy->citation = g_strdup (policy->citation);
  copy->confidence = g_strdup (policy->confidence);
  return copy;
}

void
rd_verification_policy_free (RdVerificationPolicy *policy)
{
  if (policy == NULL)
    return;

  g_free (policy->jurisdiction);
  g_free (policy->rule);
  g_free (policy->summary);
  g_free (policy->reason);
  g_free (policy->on_failure);
  g_free (policy->citation);
  g_free (policy->confidence);
  g_free (policy);
}

G_DEFINE_BOXED_TYPE (RdVerificationPolicy, rd_verification_policy,
                     rd_verification_policy_copy, rd_verification_policy_free)

static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static void
set_row (RdVerificationPolicy *policy,
         const char           *rule,
         RdVerificationLevel   level,
         const char           *summary,
         const char           *reason,
         const char           *on_failure,
         const char           *citation,
         const char           *confidence)
{
  set_text (&policy->rule, rule);
  policy->level = level;
  set_text (&policy->summary, summary);
  set_text (&policy->reason, reason);
  set_text (&policy->on_failure, on_failure);
  set_text (&policy->citation, citation);
  set_text (&policy->confidence, confidence);
}

/* Adds a second row (an agent's) to the first: both apply. */
static void
append_row (RdVerificationPolicy *policy,
            const char           *rule,
            const char           *summary,
            const char           *citation,
            const char           *confidence)
{
  g_autofree char *old_rule = g_steal_pointer (&policy->rule);
  g_autofree char *old_summary = g_steal_pointer (&policy->summary);
  g_autofree char *old_citation = g_steal_pointer (&policy->citation);

  policy->rule = g_strconcat (old_rule, "+", rule, NULL);
  policy->summary = g_strconcat (old_summary, " ", summary, NULL);
  policy->citation = g_strconcat (old_citation, "; ", citation, NULL);
  /* The weaker tag wins: K (knowledge) < S (secondary) < V (verified). */
  if (g_strcmp0 (confidence, "K") == 0 ||
      (g_strcmp0 (confidence, "S") == 0 && g_strcmp0 (policy->confidence, "V") == 0))
    set_text (&policy->confidence, confidence);
}

/* GDPR and UK GDPR: legal-rules.md §3.1. */
static void
gdpr_policy (RdVerificationPolicy        *policy,
             gboolean                     uk,
             const RdVerificationContext *context)
{
  gboolean doubt = context->reasonable_doubt || context->doubt_persists;
  RdClockEffect paused = uk ? RD_CLOCK_RESTARTS : RD_CLOCK_SUSPENDS;

  if (context->cannot_identify)
    {
      set_row (policy, "G5", RD_VERIFICATION_CANNOT_IDENTIFY,
               _("Tell the person, if possible, that you cannot identify them; the rights "
                 "apply again if they give information that identifies them."),
               _("A controller that can show it cannot identify the data subject need not "
                 "collect more data only to comply."),
               _("Send a refusal-type notice within one month, with the right to complain "
                 "and to a judicial remedy."),
               uk ? "UK GDPR Art. 11(2), 12(2), 12(4)" : "GDPR Art. 11(2), 12(2), 12(4)", "V");
      policy->clock = RD_CLOCK_RUNS;
    }
  else if (doubt && context->doubt_persists && context->sensitive_data)
    {
      set_row (policy, "G4", RD_VERIFICATION_ID_DOCUMENT,
               _("Ask for an ID document, telling the person to black out what is not needed "
                 "(usually name, issue or expiry date and issuing authority are enough); "
                 "redact it on receipt if they did not. Record “ID checked” and delete the "
                 "image at once after the check."),
               _("The least extra information did not settle a reasonable doubt, and the "
                 "data at stake justify a document; a copy kept “just in case” is not "
                 "allowed."),
               _("If the identity is still not confirmed, the request may be refused; say "
                 "why."),
               uk ? "UK GDPR Art. 12(6), 12A; ICO right of access guidance"
                  : "GDPR Art. 12(6); EDPB Guidelines 01/2022 paras 74-79", "S");
      policy->id_document = TRUE;
      policy->clock = paused;
    }
  else if (doubt || (!context->account_holder && !context->known_channel) ||
           (!context->account_holder && context->sensitive_data))
    {
      set_row (policy, "G3", RD_VERIFICATION_MINIMUM_EXTRA,
               _("Ask only for the minimum extra information, preferring questions checked "
                 "against data already held (a recent transaction, an account detail). Log "
                 "why there is doubt. Do not ask for an ID document at this stage."),
               context->reasonable_doubt
               ? _("There is reasonable doubt about the requester’s identity; only then may "
                   "more information be asked for.")
               : context->sensitive_data
               ? _("Sensitive or special-category data is at stake, which is a reason for "
                   "doubt; ask no more than the risk needs.")
               : _("The request does not come through an account or contact details on "
                   "record, which is a reason for doubt; ask no more than needed."),
               _("If the answer does not settle the doubt and sensitive data is at stake, an "
                 "ID document may be justified (G4)."),
               uk ? "UK GDPR Art. 12(6), 12A; ICO right of access guidance"
                  : "GDPR Art. 12(6); EDPB Guidelines 01/2022 paras 65, 70-71", "S");
      policy->clock = paused;
    }
  else if (context->account_holder)
    {
      set_row (policy, "G1", RD_VERIFICATION_EXISTING_AUTH,
               _("Accept the request: the session’s authentication is enough; no ID."),
               _("Demanding more from a person who is already authenticated is "
                 "disproportionate."),
               _("If there are signs of account takeover, treat it as reasonable doubt (G3)."),
               uk ? "ICO right of access guidance" : "EDPB Guidelines 01/2022 paras 72-73",
               uk ? "V" : "S");
      /* A step-up for high-risk exports is optional but sensible for sensitive data. */
      policy->reauthenticate = context->sensitive_data;
      policy->clock = RD_CLOCK_RUNS;
    }
  else
    {
      set_row (policy, "G2", RD_VERIFICATION_KNOWN_CHANNEL,
               _("Confirm through the known channel: a one-time link or code to the e-mail "
                 "address or phone number on record. No document."),
               _("The request comes from contact details that match the record and there is "
                 "no sign of doubt."),
               _("If the person cannot confirm, treat it as reasonable doubt (G3)."),
               uk ? "ICO right of access guidance" : "EDPB Guidelines 01/2022 paras 72, 75",
               uk ? "V" : "S");
      policy->clock = RD_CLOCK_RUNS;
    }

  if (context->authorised_agent)
    {
      append_row (policy, "G6",
                  _("The request comes from an agent: ask for evidence of their authority, in "
                    "proportion to the risk, and keep it; national law decides whether it is "
                    "valid."),
                  uk ? "ICO right of access guidance" : "EDPB Guidelines 01/2022 paras 80-81",
                  uk ? "V" : "S");
      policy->agent_proof = TRUE;
      /* Where the risk is high, confirming directly with the person is the safe course. */
      policy->confirm_with_subject = context->sensitive_data || doubt;
      /* UK: the period starts when the evidence of authority arrives (ICO); EU: a suspension
       * by analogy, not confirmed (legal-rules.md §3.1 G6). */
      if (policy->clock == RD_CLOCK_RUNS)
        policy->clock = paused;
    }
}

typedef enum { CCPA_KNOW, CCPA_DELETE, CCPA_CORRECT, CCPA_OPT_OUT, CCPA_NONE } CcpaRight;

static CcpaRight
ccpa_right (RdRequestType type)
{
  switch (type)
    {
    case RD_REQUEST_ACCESS:
    case RD_REQUEST_PORTABILITY:
      return CCPA_KNOW;
    case RD_REQUEST_ERASURE:
      return CCPA_DELETE;
    case RD_REQUEST_RECTIFICATION:
      return CCPA_CORRECT;
    case RD_REQUEST_OPT_OUT:
    case RD_REQUEST_LIMIT_SENSITIVE:
    case RD_REQUEST_CONSENT_WITHDRAWAL:
      return CCPA_OPT_OUT;
    case RD_REQUEST_RESTRICTION:
    case RD_REQUEST_OBJECTION:
    case RD_N_REQUEST_TYPES:
    default:
      return CCPA_NONE;
    }
}

/* California: legal-rules.md §3.2. */
static gboolean
ccpa_policy (RdVerificationPolicy        *policy,
             const RdVerificationContext *context,
             GError                     **error)
{
  CcpaRight right = ccpa_right (policy->type);
  gboolean high;

  /* Verification never pauses the 45-day period (11 CCR 7021(b)). */
  policy->clock = RD_CLOCK_RUNS;

  switch (right)
    {
    case CCPA_NONE:
      g_set_error (error, RD_ERROR, RD_ERROR_WORKFLOW,
                   /* Translators: %s is a request type such as "objection" */
                   _("The CCPA gives no right of %s, so there is no verification rule for it"),
                   rd_request_type_to_label (policy->type));
      return FALSE;

    case CCPA_OPT_OUT:
      set_row (policy, "C1", RD_VERIFICATION_NOT_ALLOWED,
               _("Do not verify identity: ask only what is needed to act on the request (for "
                 "example a name), nothing burdensome."),
               _("Opt-outs of sale or sharing and requests to limit sensitive data may not be "
                 "made subject to verification."),
               _("Deny only on a good-faith, reasonable and documented belief that the request "
                 "is fraudulent, and tell the requester why."),
               "11 CCR 7060(b), 7026, 7027(f)", "S");
      if (context->authorised_agent)
        {
          append_row (policy, "C9",
                      _("From an agent: ask for the consumer’s signed written permission; "
                        "the request may be denied without it."),
                      "11 CCR 7026, 7027 (authorised agent)", "K");
          policy->agent_proof = TRUE;
        }
      return TRUE;

    case CCPA_KNOW:
    case CCPA_DELETE:
    case CCPA_CORRECT:
    default:
      break;
    }

  if (context->account_holder && !context->reasonable_doubt)
    {
      set_row (policy, "C2", RD_VERIFICATION_EXISTING_AUTH,
               _("Use the existing password-protected account, and have the consumer "
                 "re-authenticate before disclosing or deleting anything."),
               _("A consumer who holds an account is verified through it; the law forbids "
                 "requiring an account to make a request, not using one that exists."),
               _("If fraud or malicious activity on the account is suspected, do not comply "
                 "until further verification under 11 CCR 7062 succeeds."),
               "11 CCR 7061(a)-(b)", "K");
      policy->reauthenticate = TRUE;
    }
  else
    {
      const char *rule;
      const char *citation;
      const char *confidence;

      if (right == CCPA_KNOW)
        {
          high = context->specific_pieces;
          rule = high ? "C4" : "C3";
          citation = high ? "11 CCR 7062(c)" : "11 CCR 7062(b)";
          confidence = "S";
        }
      else if (right == CCPA_DELETE)
        {
          /* Reasonable or reasonably high by the harm an unauthorised deletion would do. */
          high = context->sensitive_data;
          rule = "C5";
          citation = "11 CCR 7062(d)";
          confidence = "K";
        }
      else
        {
          high = context->sensitive_data;
          rule = "C6";
          citation = "11 CCR 7062(e)";
          confidence = "K";
        }

      if (high)
        {
          set_row (policy, rule, RD_VERIFICATION_REASONABLY_HIGH,
                   _("Match at least three pieces of personal information the consumer gives "
                     "against reliable data held, plus a declaration signed under penalty of "
                     "perjury that the requester is the consumer; keep the declaration."),
                   right == CCPA_KNOW
                   ? _("Specific pieces of personal information need a reasonably high degree "
                       "of certainty.")
                   : _("The data is sensitive or its loss or change would harm the consumer, "
                       "so a reasonably high degree of certainty is needed."),
                   right == CCPA_KNOW
                   ? _("Deny the specific pieces and handle the request as one for categories, "
                       "explaining why identity could not be verified.")
                   : _("Deny and tell the consumer that identity could not be verified."),
                   citation, confidence);
          policy->data_points = 3;
          policy->signed_declaration = TRUE;
        }
      else
        {
          set_row (policy, rule, RD_VERIFICATION_REASONABLE,
                   _("Match at least two data points the consumer gives against reliable data "
                     "held."),
                   right == CCPA_KNOW
                   ? _("Categories of personal information need a reasonable degree of "
                       "certainty.")
                   : _("The data is not sensitive, so a reasonable degree of certainty is "
                       "enough."),
                   _("Deny and tell the consumer that identity could not be verified, pointing "
                     "to the privacy policy’s general practices."),
                   citation, confidence);
          policy->data_points = 2;
        }

      if (right == CCPA_CORRECT)
        {
          g_autofree char *old = g_steal_pointer (&policy->summary);

          policy->summary = g_strconcat (old, " ",
                                         _("Verify with data other than the data being "
                                           "corrected."), NULL);
        }
    }

  if (context->authorised_agent)
    {
      append_row (policy, "C8",
                  context->power_of_attorney
                  ? _("From an agent with a power of attorney (Probate Code 4121-4130): the "
                      "power of attorney stands; the consumer need not confirm.")
                  : _("From an agent: ask for the consumer’s signed permission, and you may "
                      "also have the consumer verify their own identity or confirm the "
                      "permission directly."),
                  "11 CCR 7063", "K");
      policy->agent_proof = TRUE;
      policy->confirm_with_subject = !context->power_of_attorney;
    }

  return TRUE;
}

/* Virginia, Colorado, Connecticut, Brazil, Canada, Switzerland, Australia: §3.3. */
static gboolean
other_policy (RdVerificationPolicy        *policy,
              const RdVerificationContext *context,
              GError                     **error)
{
  const char *id = policy->jurisdiction;
  gboolean opt_out = policy->type == RD_REQUEST_OPT_OUT ||
                     policy->type == RD_REQUEST_LIMIT_SENSITIVE;

  policy->clock = RD_CLOCK_RUNS;

  if (g_str_equal (id, "us-ct-ctdpa") && opt_out)
    {
      set_row (policy, "CT-opt-out", RD_VERIFICATION_NOT_ALLOWED,
               _("Do not require authentication for an opt-out."),
               _("Connecticut opt-out requests need no authentication."),
               _("Refuse only on a documented, good-faith belief that the request is "
                 "fraudulent, and say why."),
               "Conn. Gen. Stat. § 42-518", "K");
    }
  else if (g_str_equal (id, "us-va-vcdpa") || g_str_equal (id, "us-co-cpa") ||
           g_str_equal (id, "us-ct-ctdpa"))
    {
      const char *citation = g_str_equal (id, "us-va-vcdpa") ? "Va. Code § 59.1-577"
                           : g_str_equal (id, "us-co-cpa") ? "C.R.S. § 6-1-1306"
                           : "Conn. Gen. Stat. § 42-518";

      set_row (policy, "US-state", RD_VERIFICATION_COMMERCIALLY_REASONABLE,
               _("Authenticate the request with commercially reasonable efforts, preferring "
                 "data already held."),
               _("The state law asks for commercially reasonable authentication and sets no "
                 "fixed number of data points."),
               _("A controller that cannot authenticate need not act on the request and may "
                 "ask for more information."),
               citation, "K");
    }
  else if (g_str_equal (id, "br-lgpd"))
    {
      set_row (policy, "BR", RD_VERIFICATION_NOT_PRESCRIBED,
               _("Confirm that the request comes from the data subject or a legally "
                 "constituted representative, with care in proportion to the data."),
               _("The LGPD sets no verification standard; it only says who may make the "
                 "request."),
               _("Do not disclose until the requester is confirmed; say what is missing."),
               "LGPD Art. 18 §3", "V");
    }
  else if (g_str_equal (id, "ca-pipeda"))
    {
      set_row (policy, "CA", RD_VERIFICATION_NOT_PRESCRIBED,
               _("Take a written request and confirm the requester’s identity with data "
                 "already held before disclosing."),
               _("PIPEDA prescribes no identity check, but disclosing to the wrong person "
                 "breaks the safeguards principle."),
               _("Do not disclose until the identity is confirmed; say what is missing."),
               "PIPEDA s. 8(1); Sch. 1 cl. 4.7", "K");
    }
  else if (g_str_equal (id, "ch-fadp"))
    {
      set_row (policy, "CH", RD_VERIFICATION_APPROPRIATE_MEASURES,
               _("Take appropriate measures to identify the data subject, who must "
                 "cooperate."),
               _("The Data Protection Ordinance requires appropriate identification measures "
                 "and the data subject’s cooperation."),
               _("If the person does not cooperate, the request can wait or be refused; say "
                 "why."),
               "DPO Art. 16", "K");
    }
  else if (g_str_equal (id, "au-privacy-act"))
    {
      set_row (policy, "AU", RD_VERIFICATION_APPROPRIATE_MEASURES,
               _("Be satisfied that the request comes from the individual or someone "
                 "authorised, with checks in proportion to the information."),
               _("APP 12 lets an entity give access only to the individual concerned; the "
                 "method is left to the entity."),
               _("Refuse access until identity is established; say why."),
               "Privacy Act 1988 (Cth) Sch. 1 APP 12", "K");
    }
  else
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   /* Translators: %s is a jurisdiction id such as "eu-gdpr" */
                   _("There is no verification rule for the jurisdiction “%s”"), id);
      return FALSE;
    }

  if (context->authorised_agent)
    {
      append_row (policy, "agent",
                  _("From an agent or representative: ask for evidence of their authority."),
                  policy->citation, policy->confidence);
      policy->agent_proof = TRUE;
    }

  return TRUE;
}

RdVerificationPolicy *
rd_verification_policy_lookup (const char                  *jurisdiction,
                               RdRequestType                type,
                               const RdVerificationContext *context,
                               GError                     **error)
{
  g_autoptr (RdVerificationPolicy) policy = NULL;
  RdVerificationContext none = { FALSE };
  gboolean ok;

  g_return_val_if_fail (jurisdiction != NULL, NULL);
  g_return_val_if_fail (type < RD_N_REQUEST_TYPES, NULL);

  if (context == NULL)
    context = &none;

  policy = g_new0 (RdVerificationPolicy, 1);
  policy->jurisdiction = g_strdup (jurisdiction);
  policy->type = type;

  if (g_str_equal (jurisdiction, "eu-gdpr") || g_str_equal (jurisdiction, "uk-gdpr"))
    {
      gdpr_policy (policy, g_str_equal (jurisdiction, "uk-gdpr"), context);
      ok = TRUE;
    }
  else if (g_str_equal (jurisdiction, "us-ca-ccpa"))
    ok = ccpa_policy (policy, context, error);
  else
    ok = other_policy (policy, context, error);

  if (!ok)
    return NULL;

  return g_steal_pointer (&policy);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

JsonNode *
rd_verification_policy_to_json (const RdVerificationPolicy *policy)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (policy != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "jurisdiction", policy->jurisdiction);
  add_string (builder, "type", rd_request_type_to_string (policy->type));
  add_string (builder, "rule", policy->rule);
  add_string (builder, "level", rd_verification_level_to_string (policy->level));
  json_builder_set_member_name (builder, "data_points");
  json_builder_add_int_value (builder, policy->data_points);
  add_boolean (builder, "signed_declaration", policy->signed_declaration);
  add_boolean (builder, "reauthenticate", policy->reauthenticate);
  add_boolean (builder, "id_document", policy->id_document);
  add_boolean (builder, "agent_proof", policy->agent_proof);
  add_boolean (builder, "confirm_with_subject", policy->confirm_with_subject);
  add_string (builder, "clock", rd_clock_effect_to_string (policy->clock));
  add_string (builder, "summary", policy->summary);
  add_string (builder, "reason", policy->reason);
  add_string (builder, "on_failure", policy->on_failure);
  add_string (builder, "citation", policy->citation);
  add_string (builder, "confidence", policy->confidence);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---------------------------------------------------------------------------------------- */

RdVerificationRecord *
rd_verification_record_new (RdCheckMethod   method,
                            RdCheckOutcome  outcome,
                            const char     *reason,
                            const char     *checked_by,
                            const char     *checked_at)
{
  RdVerificationRecord *record;

  g_return_val_if_fail (method < RD_N_CHECK_METHODS, NULL);
  g_return_val_if_fail (outcome < RD_N_CHECK_OUTCOMES, NULL);

  record = g_new0 (RdVerificationRecord, 1);
  record->method = method;
  record->outcome = outcome;
  record->reason = g_strdup (reason);
  record->checked_by = g_strdup (checked_by);
  record->checked_at = checked_at ? g_strdup (checked_at) : rd_timestamp_now ();
  record->mrz_valid = -1;
  return record;
}

GStrv
rd_verification_record_get_failed_checks (const RdVerificationRecord *record)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  GStrv failed;

  g_return_val_if_fail (record != NULL, NULL);

  builder = g_strv_builder_new ();
  if (record->mrz_valid == 0)
    g_strv_builder_add (builder, "mrz");
  if (g_strcmp0 (record->expiry_status, "expired") == 0)
    g_strv_builder_add (builder, "expiry");
  if (g_strcmp0 (record->name_match, "mismatch") == 0)
    g_strv_builder_add (builder, "name");
  if (g_strcmp0 (record->birth_date_match, "mismatch") == 0)
    g_strv_builder_add (builder, "birth_date");

  failed = g_strv_builder_end (builder);
  if (failed[0] == NULL)
    g_clear_pointer (&failed, g_strfreev);
  return failed;
}

const char *
rd_verification_failed_check_to_label (const char *check)
{
  if (g_strcmp0 (check, "mrz") == 0)
    return _("the MRZ check digits fail");
  if (g_strcmp0 (check, "expiry") == 0)
    return _("the document has expired");
  if (g_strcmp0 (check, "name") == 0)
    return _("the name does not match the request");
  if (g_strcmp0 (check, "birth_date") == 0)
    return _("the date of birth does not match the record");
  return NULL;
}

RdVerificationRecord *
rd_verification_record_copy (const RdVerificationRecord *record)
{
  RdVerificationRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->data_points = g_strdupv (record->data_points);
  copy->reason = g_strdup (record->reason);
  copy->checked_by = g_strdup (record->checked_by);
  copy->checked_at = g_strdup (record->checked_at);
  copy->rule = g_strdup (record->rule);
  copy->evidence_received = g_strdup (record->evidence_received);
  copy->document_type = g_strdup (record->document_type);
  copy->issuing_state = g_strdup (record->issuing_state);
  copy->expiry_status = g_strdup (record->expiry_status);
  copy->name_match = g_strdup (record->name_match);
  copy->birth_date_match = g_strdup (record->birth_date_match);
  copy->document_number_tail = g_strdup (record->document_number_tail);
  return copy;
}

void
rd_verification_record_free (RdVerificationRecord *record)
{
  if (record == NULL)
    return;

  g_strfreev (record->data_points);
  g_free (record->reason);
  g_free (record->checked_by);
  g_free (record->checked_at);
  g_free (record->rule);
  g_free (record->evidence_received);
  g_free (record->document_type);
  g_free (record->issuing_state);
  g_free (record->expiry_status);
  g_free (record->name_match);
  g_free (record->birth_date_match);
  g_free (record->document_number_tail);
  g_free (record);
}

G_DEFINE_BOXED_TYPE (RdVerificationRecord, rd_verification_record,
                     rd_verification_record_copy, rd_verification_record_free)

JsonNode *
rd_verification_record_to_json (const RdVerificationRecord *record)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (record != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "method", rd_check_method_to_string (record->method));
  json_builder_set_member_name (builder, "data_points");
  json_builder_begin_array (builder);
  for (guint i = 0; record->data_points != NULL && record->data_points[i] != NULL; i++)
    json_builder_add_string_value (builder, record->data_points[i]);
  json_builder_end_array (builder);
  add_string (builder, "outcome", rd_check_outcome_to_string (record->outcome));
  add_string (builder, "reason", record->reason);
  add_string (builder, "checked_by", record->checked_by);
  add_string (builder, "checked_at", record->checked_at);
  add_string (builder, "rule", record->rule);
  add_string (builder, "evidence_received", record->evidence_received);
  add_string (builder, "document_type", record->document_type);
  add_string (builder, "issuing_state", record->issuing_state);
  add_string (builder, "expiry_status", record->expiry_status);
  add_string (builder, "name_match", record->name_match);
  add_string (builder, "birth_date_match", record->birth_date_match);
  json_builder_set_member_name (builder, "mrz_valid");
  if (record->mrz_valid < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, record->mrz_valid > 0);
  add_string (builder, "document_number_tail", record->document_number_tail);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* A string member, NULL when absent or null; FALSE with an error when of another type. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is a JSON member name */
                   _("The verification record’s “%s” is not a string"), name);
      return FALSE;
    }

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

RdVerificationRecord *
rd_verification_record_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr (RdVerificationRecord) record = NULL;
  g_autofree char *method = NULL;
  g_autofree char *outcome = NULL;
  JsonObject *object;
  JsonNode *member;
  struct
  {
    const char  *name;
    char       **field;
  } strings[8];

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A verification record must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  record = g_new0 (RdVerificationRecord, 1);
  record->mrz_valid = -1;

  if (!get_string (object, "method", &method, error) ||
      !get_string (object, "outcome", &outcome, error))
    return NULL;

  if (!rd_check_method_from_string (method, &record->method))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is what the record said */
                   _("“%s” is not a verification method"), method ? method : "");
      return NULL;
    }
  if (!rd_check_outcome_from_string (outcome, &record->outcome))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("“%s” is not a verification outcome"), outcome ? outcome : "");
      return NULL;
    }

  strings[0].name = "reason", strings[0].field = &record->reason;
  strings[1].name = "checked_by", strings[1].field = &record->checked_by;
  strings[2].name = "checked_at", strings[2].field = &record->checked_at;
  strings[3].name = "rule", strings[3].field = &record->rule;
  strings[4].name = "evidence_received", strings[4].field = &record->evidence_received;
  strings[5].name = "document_type", strings[5].field = &record->document_type;
  strings[6].name = "issuing_state", strings[6].field = &record->issuing_state;
  strings[7].name = "expiry_status", strings[7].field = &record->expiry_status;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (!get_string (object, strings[i].name, strings[i].field, error))
      return NULL;
  if (!get_string (object, "name_match", &record->name_match, error) ||
      !get_string (object, "birth_date_match", &record->birth_date_match, error) ||
      !get_string (object, "document_number_tail", &record->document_number_tail, error))
    return NULL;

  /* When and by whom are what make it a record. */
  if (record->checked_at == NULL || record->checked_by == NULL || record->checked_by[0] == '\0')
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A verification record needs who checked and when"));
      return NULL;
    }
  {
    g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (record->checked_at, NULL);

    if (when == NULL || !g_str_has_suffix (record->checked_at, "Z"))
      {
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     /* Translators: %s is a timestamp as written */
                     _("“%s” is not a UTC ISO 8601 timestamp"), record->checked_at);
        return NULL;
      }
  }
  if (record->evidence_received != NULL)
    {
      GDate date;

      if (!rd_date_parse (record->evidence_received, &date, error))
        return NULL;
    }
  /* Minimisation: at most the last four characters of a document number are kept. */
  if (record->document_number_tail != NULL && strlen (record->document_number_tail) > 4)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A verification record keeps at most the last 4 characters of a "
                             "document number"));
      return NULL;
    }

  member = json_object_get_member (object, "data_points");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *array;
      g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func (g_free);

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                               _("The verification record’s “data_points” is not a list"));
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                                   _("The verification record’s “data_points” must hold "
                                     "strings"));
              return NULL;
            }
          g_ptr_array_add (points, g_strdup (json_node_get_string (element)));
        }
      g_ptr_array_add (points, NULL);
      record->data_points = (GStrv) g_ptr_array_steal (points, NULL);
    }

  member = json_object_get_member (object, "mrz_valid");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) ||
          json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                               _("The verification record’s “mrz_valid” is not true, false or "
                                 "null"));
          return NULL;
        }
      record->mrz_valid = json_node_get_boolean (member) ? 1 : 0;
    }

  return g_steal_pointer (&record);
}

char *
rd_verification_record_to_string (const RdVerificationRecord *record)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  node = rd_verification_record_to_json (record);
  return json_to_string (node, FALSE);
}

RdVerificationRecord *
rd_verification_record_from_string (const char  *json,
                                    GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!rd_json_load_data (parser, json, -1, NULL, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   /* Translators: %s is the parser's reason */
                   _("The verification record is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  return rd_verification_record_from_json (json_parser_get_root (parser), error);
}
