/* test-verification.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values are the rows of the decision tables in shared/reference/legal-rules.md §3.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rd-error.h"
#include "rd-verification.h"

static RdVerificationPolicy *
lookup (const char                  *jurisdiction,
        RdRequestType                type,
        const RdVerificationContext *context)
{
  g_autoptr (GError) error = NULL;
  RdVerificationPolicy *policy = rd_verification_policy_lookup (jurisdiction, type, context,
                                                                &error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_nonnull (policy->summary);
  g_assert_nonnull (policy->reason);
  g_assert_nonnull (policy->citation);
  return policy;
}

/* G1: inside an authenticated session: accept, no ID; the clock runs from receipt. */
static void
test_gdpr_g1 (void)
{
  RdVerificationContext context = { .account_holder = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &context);

  g_assert_cmpstr (policy->rule, ==, "G1");
  g_assert_cmpint (policy->level, ==, RD_VERIFICATION_EXISTING_AUTH);
  g_assert_false (policy->id_document);
  g_assert_cmpint (policy->clock, ==, RD_CLOCK_RUNS);
  g_assert_nonnull (strstr (policy->citation, "72-73"));
}

/* G2: from contact details on record, no doubt: confirm through the known channel. */
static void
test_gdpr_g2 (void)
{
  RdVerificationContext context = { .known_channel = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("eu-gdpr", RD_REQUEST_ERASURE, &context);

  g_assert_cmpstr (policy->rule, ==, "G2");
  g_assert_cmpint (policy->level, ==, RD_VERIFICATION_KNOWN_CHANNEL);
  g_assert_false (policy->id_document);
  g_assert_cmpint (policy->clock, ==, RD_CLOCK_RUNS);
}

/* G3: reasonable doubt: the minimum extra information, no ID yet. EU: the clock is suspended;
 * UK: it restarts when the information arrives (Art 12A). */
static void
test_gdpr_g3 (void)
{
  RdVerificationContext doubt = { .known_channel = TRUE, .reasonable_doubt = TRUE };
  RdVerificationContext unknown = { FALSE };
  RdVerificationContext sensitive = { .known_channel = TRUE, .sensitive_data = TRUE };
  g_autoptr (RdVerificationPolicy) eu = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &doubt);
  g_autoptr (RdVerificationPolicy) uk = lookup ("uk-gdpr", RD_REQUEST_ACCESS, &doubt);
  g_autoptr (RdVerificationPolicy) stranger = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &unknown);
  g_autoptr (RdVerificationPolicy) special = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &sensitive);

  g_assert_cmpstr (eu->rule, ==, "G3");
  g_assert_cmpint (eu->level, ==, RD_VERIFICATION_MINIMUM_EXTRA);
  g_assert_false (eu->id_document);
  g_assert_cmpint (eu->clock, ==, RD_CLOCK_SUSPENDS);
  g_assert_nonnull (strstr (eu->citation, "Art. 12(6)"));

  g_assert_cmpstr (uk->rule, ==, "G3");
  g_assert_cmpint (uk->clock, ==, RD_CLOCK_RESTARTS);
  g_assert_nonnull (strstr (uk->citation, "12A"));

  /* Unknown contact details and sensitive data are doubt signals in themselves. */
  g_assert_cmpstr (stranger->rule, ==, "G3");
  g_assert_cmpstr (special->rule, ==, "G3");
}

/* G4: the doubt persists and the data justify a document: ID, deleted after the check. */
static void
test_gdpr_g4 (void)
{
  RdVerificationContext context = { .reasonable_doubt = TRUE, .doubt_persists = TRUE,
                                    .sensitive_data = TRUE };
  RdVerificationContext low_risk = { .reasonable_doubt = TRUE, .doubt_persists = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &context);
  g_autoptr (RdVerificationPolicy) other = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &low_risk);

  g_assert_cmpstr (policy->rule, ==, "G4");
  g_assert_cmpint (policy->level, ==, RD_VERIFICATION_ID_DOCUMENT);
  g_assert_true (policy->id_document);
  g_assert_nonnull (strstr (policy->citation, "74-79"));

  /* Without special categories or high harm, an ID copy stays disproportionate (G7). */
  g_assert_false (other->id_document);
  g_assert_cmpstr (other->rule, ==, "G3");
}

/* G5: the controller cannot identify the person: Art 11. */
static void
test_gdpr_g5 (void)
{
  RdVerificationContext context = { .cannot_identify = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &context);

  g_assert_cmpstr (policy->rule, ==, "G5");
  g_assert_cmpint (policy->level, ==, RD_VERIFICATION_CANNOT_IDENTIFY);
  g_assert_nonnull (strstr (policy->citation, "Art. 11(2)"));
  g_assert_cmpstr (policy->confidence, ==, "V");
}

/* G6: an agent: evidence of authority; UK: the clock starts on receipt of it. */
static void
test_gdpr_g6 (void)
{
  RdVerificationContext context = { .authorised_agent = TRUE, .known_channel = TRUE };
  g_autoptr (RdVerificationPolicy) uk = lookup ("uk-gdpr", RD_REQUEST_ACCESS, &context);
  g_autoptr (RdVerificationPolicy) eu = lookup ("eu-gdpr", RD_REQUEST_ACCESS, &context);

  g_assert_true (uk->agent_proof);
  g_assert_nonnull (strstr (uk->rule, "G6"));
  g_assert_cmpint (uk->clock, ==, RD_CLOCK_RESTARTS);
  g_assert_true (eu->agent_proof);
  g_assert_nonnull (strstr (eu->citation, "80-81"));
}

/* G7: never an ID copy by default: no context short of G4 asks for one. */
static void
test_gdpr_g7_never_by_default (void)
{
  for (guint bits = 0; bits < 64; bits++)
    {
      RdVerificationContext context = {
        .account_holder = bits & 1, .known_channel = bits & 2, .authorised_agent = bits & 4,
        .reasonable_doubt = bits & 8, .sensitive_data = bits & 16, .doubt_persists = bits & 32,
      };

      for (RdRequestType type = 0; type < RD_N_REQUEST_TYPES; type++)
        {
          g_autoptr (RdVerificationPolicy) policy = lookup ("eu-gdpr", type, &context);

          if (policy->id_document)
            {
              g_assert_true (context.sensitive_data);
              g_assert_true (context.doubt_persists);
            }
        }
    }
}

/* C1: opt-out and limit: no verification allowed; C9: an agent needs signed permission. */
static void
test_ccpa_c1_c9 (void)
{
  RdVerificationContext none = { FALSE };
  RdVerificationContext agent = { .authorised_agent = TRUE };
  g_autoptr (RdVerificationPolicy) opt_out = lookup ("us-ca-ccpa", RD_REQUEST_OPT_OUT, &none);
  g_autoptr (RdVerificationPolicy) limit = lookup ("us-ca-ccpa", RD_REQUEST_LIMIT_SENSITIVE,
                                                   &none);
  g_autoptr (RdVerificationPolicy) by_agent = lookup ("us-ca-ccpa", RD_REQUEST_OPT_OUT, &agent);

  g_assert_cmpstr (opt_out->rule, ==, "C1");
  g_assert_cmpint (opt_out->level, ==, RD_VERIFICATION_NOT_ALLOWED);
  g_assert_cmpuint (opt_out->data_points, ==, 0);
  g_assert_nonnull (strstr (opt_out->citation, "7060(b)"));
  g_assert_cmpint (limit->level, ==, RD_VERIFICATION_NOT_ALLOWED);
  g_assert_cmpstr (by_agent->rule, ==, "C1+C9");
  g_assert_true (by_agent->agent_proof);
  g_assert_cmpint (by_agent->level, ==, RD_VERIFICATION_NOT_ALLOWED);
}

/* C2: an account holder: existing authentication plus re-authentication. */
static void
test_ccpa_c2 (void)
{
  RdVerificationContext context = { .account_holder = TRUE };
  RdVerificationContext fraud = { .account_holder = TRUE, .reasonable_doubt = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("us-ca-ccpa", RD_REQUEST_ERASURE, &context);
  g_autoptr (RdVerificationPolicy) suspect = lookup ("us-ca-ccpa", RD_REQUEST_ACCESS, &fraud);

  g_assert_cmpstr (policy->rule, ==, "C2");
  g_assert_cmpint (policy->level, ==, RD_VERIFICATION_EXISTING_AUTH);
  g_assert_true (policy->reauthenticate);
  g_assert_nonnull (strstr (policy->citation, "7061"));
  /* Suspected fraud on the account: the 7062 methods apply. */
  g_assert_cmpstr (suspect->rule, ==, "C3");
}

/* C3 and C4: categories need 2 data points; specific pieces 3 and a signed declaration. */
static void
test_ccpa_c3_c4 (void)
{
  RdVerificationContext categories = { FALSE };
  RdVerificationContext pieces = { .specific_pieces = TRUE };
  g_autoptr (RdVerificationPolicy) c3 = lookup ("us-ca-ccpa", RD_REQUEST_ACCESS, &categories);
  g_autoptr (RdVerificationPolicy) c4 = lookup ("us-ca-ccpa", RD_REQUEST_ACCESS, &pieces);

  g_assert_cmpstr (c3->rule, ==, "C3");
  g_assert_cmpint (c3->level, ==, RD_VERIFICATION_REASONABLE);
  g_assert_cmpuint (c3->data_points, ==, 2);
  g_assert_false (c3->signed_declaration);
  g_assert_nonnull (strstr (c3->citation, "7062(b)"));

  g_assert_cmpstr (c4->rule, ==, "C4");
  g_assert_cmpint (c4->level, ==, RD_VERIFICATION_REASONABLY_HIGH);
  g_assert_cmpuint (c4->data_points, ==, 3);
  g_assert_true (c4->signed_declaration);
  g_assert_nonnull (strstr (c4->citation, "7062(c)"));

  /* Verification never pauses the CCPA's 45 days (7021(b)), and no ID copy is asked for. */
  g_assert_cmpint (c3->clock, ==, RD_CLOCK_RUNS);
  g_assert_cmpint (c4->clock, ==, RD_CLOCK_RUNS);
  g_assert_false (c4->id_document);
}

/* C5 and C6: deletion and correction by the sensitivity of the data. */
static void
test_ccpa_c5_c6 (void)
{
  RdVerificationContext plain = { FALSE };
  RdVerificationContext sensitive = { .sensitive_data = TRUE };
  g_autoptr (RdVerificationPolicy) delete_low = lookup ("us-ca-ccpa", RD_REQUEST_ERASURE, &plain);
  g_autoptr (RdVerificationPolicy) delete_high = lookup ("us-ca-ccpa", RD_REQUEST_ERASURE,
                                                        &sensitive);
  g_autoptr (RdVerificationPolicy) correct = lookup ("us-ca-ccpa", RD_REQUEST_RECTIFICATION,
                                                    &sensitive);

  g_assert_cmpstr (delete_low->rule, ==, "C5");
  g_assert_cmpuint (delete_low->data_points, ==, 2);
  g_assert_cmpuint (delete_high->data_points, ==, 3);
  g_assert_true (delete_high->signed_declaration);
  g_assert_cmpstr (correct->rule, ==, "C6");
  g_assert_cmpuint (correct->data_points, ==, 3);
}

/* C8: an agent for know/delete/correct: signed permission, the consumer may be asked to
 * confirm, but not where the agent holds a power of attorney. */
static void
test_ccpa_c8 (void)
{
  RdVerificationContext agent = { .authorised_agent = TRUE };
  RdVerificationContext attorney = { .authorised_agent = TRUE, .power_of_attorney = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("us-ca-ccpa", RD_REQUEST_ACCESS, &agent);
  g_autoptr (RdVerificationPolicy) poa = lookup ("us-ca-ccpa", RD_REQUEST_ACCESS, &attorney);

  g_assert_cmpstr (policy->rule, ==, "C3+C8");
  g_assert_true (policy->agent_proof);
  g_assert_true (policy->confirm_with_subject);
  g_assert_nonnull (strstr (policy->citation, "7063"));
  g_assert_false (poa->confirm_with_subject);
}

static void
test_ccpa_no_such_right (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdVerificationPolicy) policy =
    rd_verification_policy_lookup ("us-ca-ccpa", RD_REQUEST_OBJECTION, NULL, &error);

  g_assert_null (policy);
  g_assert_error (error, RD_ERROR, RD_ERROR_WORKFLOW);
}

static void
test_other_jurisdictions (void)
{
  const char *ids[] = { "us-va-vcdpa", "us-co-cpa", "us-ct-ctdpa", "br-lgpd", "ca-pipeda",
                        "ch-fadp", "au-privacy-act" };
  RdVerificationContext none = { FALSE };
  g_autoptr (RdVerificationPolicy) ct_opt_out = lookup ("us-ct-ctdpa", RD_REQUEST_OPT_OUT, &none);
  g_autoptr (RdVerificationPolicy) va = lookup ("us-va-vcdpa", RD_REQUEST_ACCESS, &none);
  g_autoptr (RdVerificationPolicy) br = lookup ("br-lgpd", RD_REQUEST_ACCESS, &none);
  g_autoptr (RdVerificationPolicy) ch = lookup ("ch-fadp", RD_REQUEST_ACCESS, &none);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdVerificationPolicy) unknown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (RdRequestType type = 0; type < RD_N_REQUEST_TYPES; type++)
      {
        g_autoptr (RdVerificationPolicy) policy = lookup (ids[i], type, &none);

        /* None of these laws asks for an ID copy as such. */
        g_assert_false (policy->id_document);
      }

  /* §3.3: CT opt-outs need no authentication; VA/CO/CT otherwise commercially reasonable. */
  g_assert_cmpint (ct_opt_out->level, ==, RD_VERIFICATION_NOT_ALLOWED);
  g_assert_cmpint (va->level, ==, RD_VERIFICATION_COMMERCIALLY_REASONABLE);
  g_assert_cmpint (br->level, ==, RD_VERIFICATION_NOT_PRESCRIBED);
  g_assert_nonnull (strstr (br->citation, "Art. 18 §3"));
  g_assert_cmpint (ch->level, ==, RD_VERIFICATION_APPROPRIATE_MEASURES);
  g_assert_nonnull (strstr (ch->citation, "Art. 16"));

  unknown = rd_verification_policy_lookup ("xx-nowhere", RD_REQUEST_ACCESS, NULL, &error);
  g_assert_null (unknown);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
}

static void
test_policy_json (void)
{
  RdVerificationContext pieces = { .specific_pieces = TRUE };
  g_autoptr (RdVerificationPolicy) policy = lookup ("us-ca-ccpa", RD_REQUEST_ACCESS, &pieces);
  g_autoptr (RdVerificationPolicy) copy = rd_verification_policy_copy (policy);
  g_autoptr (JsonNode) node = rd_verification_policy_to_json (copy);
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (object, "level"), ==, "reasonably-high");
  g_assert_cmpint (json_object_get_int_member (object, "data_points"), ==, 3);
  g_assert_true (json_object_get_boolean_member (object, "signed_declaration"));
  g_assert_cmpstr (json_object_get_string_member (object, "clock"), ==, "runs");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "access");
}

static void
test_record_round_trip (void)
{
  g_autoptr (RdVerificationRecord) record =
    rd_verification_record_new (RD_CHECK_METHOD_ID_DOCUMENT, RD_CHECK_MORE_INFORMATION,
                                "Name matches, date of birth differs", "officer@example.org",
                                "2026-06-01T09:30:00Z");
  const char *points[] = { "email", "birth_date", NULL };
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdVerificationRecord) back = NULL;
  g_autoptr (RdVerificationRecord) copy = NULL;

  record->data_points = g_strdupv ((char **) points);
  record->rule = g_strdup ("G4");
  record->evidence_received = g_strdup ("2026-05-30");
  record->document_type = g_strdup ("passport");
  record->issuing_state = g_strdup ("UTO");
  record->expiry_status = g_strdup ("valid");
  record->name_match = g_strdup ("exact");
  record->birth_date_match = g_strdup ("mismatch");
  record->mrz_valid = 1;
  record->document_number_tail = g_strdup ("02C3");

  copy = rd_verification_record_copy (record);
  text = rd_verification_record_to_string (copy);
  back = rd_verification_record_from_string (text, &error);
  g_assert_no_error (error);

  g_assert_cmpint (back->method, ==, RD_CHECK_METHOD_ID_DOCUMENT);
  g_assert_cmpint (back->outcome, ==, RD_CHECK_MORE_INFORMATION);
  g_assert_cmpstr (back->reason, ==, "Name matches, date of birth differs");
  g_assert_cmpstr (back->checked_by, ==, "officer@example.org");
  g_assert_cmpstr (back->checked_at, ==, "2026-06-01T09:30:00Z");
  g_assert_cmpstrv (back->data_points, points);
  g_assert_cmpstr (back->rule, ==, "G4");
  g_assert_cmpstr (back->evidence_received, ==, "2026-05-30");
  g_assert_cmpstr (back->document_type, ==, "passport");
  g_assert_cmpstr (back->birth_date_match, ==, "mismatch");
  g_assert_cmpint (back->mrz_valid, ==, 1);
  g_assert_cmpstr (back->document_number_tail, ==, "02C3");
  /* The stable names, as the store will keep them. */
  g_assert_nonnull (strstr (text, "\"method\":\"id-document\""));
  g_assert_nonnull (strstr (text, "\"outcome\":\"more-information\""));
}

static void
test_record_defaults (void)
{
  g_autoptr (RdVerificationRecord) record =
    rd_verification_record_new (RD_CHECK_METHOD_KNOWN_CHANNEL, RD_CHECK_VERIFIED, NULL,
                                "officer", NULL);
  g_autofree char *text = rd_verification_record_to_string (record);
  g_autoptr (RdVerificationRecord) back = rd_verification_record_from_string (text, NULL);

  /* "When" defaults to now, in UTC. */
  g_assert_nonnull (record->checked_at);
  g_assert_true (g_str_has_suffix (record->checked_at, "Z"));
  g_assert_nonnull (back);
  g_assert_cmpint (back->mrz_valid, ==, -1);
  g_assert_null (back->data_points == NULL ? NULL : back->data_points[0]);
}

static void
test_record_bad_json (void)
{
  const char *bad[] = {
    "not json",
    "[1, 2]",
    "{\"method\": \"telepathy\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\"}",
    "{\"method\": \"data-points\", \"outcome\": \"maybe\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\"}",
    "{\"method\": \"data-points\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"yesterday\"}",
    "{\"method\": \"data-points\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00\"}",
    "{\"method\": \"data-points\", \"outcome\": \"verified\", \"checked_at\": "
    "\"2026-06-01T09:30:00Z\"}",
    "{\"method\": \"data-points\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\", \"data_points\": [1]}",
    "{\"method\": \"data-points\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\", \"evidence_received\": \"2026-02-30\"}",
    "{\"method\": \"id-document\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\", \"document_number_tail\": \"L898902C3\"}",
    "{\"method\": 7, \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\"}",
    "{\"method\": \"id-document\", \"outcome\": \"verified\", \"checked_by\": \"a\", "
    "\"checked_at\": \"2026-06-01T09:30:00Z\", \"mrz_valid\": \"yes\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdVerificationRecord) record = rd_verification_record_from_string (bad[i],
                                                                                    &error);

      g_assert_null (record);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
      g_assert_nonnull (error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/verification/gdpr/g1-authenticated", test_gdpr_g1);
  g_test_add_func ("/core/verification/gdpr/g2-known-channel", test_gdpr_g2);
  g_test_add_func ("/core/verification/gdpr/g3-reasonable-doubt", test_gdpr_g3);
  g_test_add_func ("/core/verification/gdpr/g4-id-document", test_gdpr_g4);
  g_test_add_func ("/core/verification/gdpr/g5-cannot-identify", test_gdpr_g5);
  g_test_add_func ("/core/verification/gdpr/g6-agent", test_gdpr_g6);
  g_test_add_func ("/core/verification/gdpr/g7-never-by-default", test_gdpr_g7_never_by_default);
  g_test_add_func ("/core/verification/ccpa/c1-c9-opt-out", test_ccpa_c1_c9);
  g_test_add_func ("/core/verification/ccpa/c2-account", test_ccpa_c2);
  g_test_add_func ("/core/verification/ccpa/c3-c4-know", test_ccpa_c3_c4);
  g_test_add_func ("/core/verification/ccpa/c5-c6-delete-correct", test_ccpa_c5_c6);
  g_test_add_func ("/core/verification/ccpa/c8-agent", test_ccpa_c8);
  g_test_add_func ("/core/verification/ccpa/no-such-right", test_ccpa_no_such_right);
  g_test_add_func ("/core/verification/other-jurisdictions", test_other_jurisdictions);
  g_test_add_func ("/core/verification/policy-json", test_policy_json);
  g_test_add_func ("/core/verification/record/round-trip", test_record_round_trip);
  g_test_add_func ("/core/verification/record/defaults", test_record_defaults);
  g_test_add_func ("/core/verification/record/bad-json", test_record_bad_json);

  return g_test_run ();
}
