/* test-types.c: names and the case workflow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-types.h"

static void
test_names (void)
{
  /* The names CLI.md promises to scripts. */
  static const char * const types[] = {
    "access", "rectification", "erasure", "portability", "restriction", "objection",
    "consent-withdrawal", "opt-out", "limit-sensitive",
  };
  static const char * const channels[] = { "email", "web", "phone", "chat", "letter" };
  static const char * const outcomes[] = { "complied", "partial", "denied", "withdrawn" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      RdRequestType t;
      g_assert_true (rd_request_type_from_string (types[i], &t));
      g_assert_cmpstr (rd_request_type_to_string (t), ==, types[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      RdChannel c;
      g_assert_true (rd_channel_from_string (channels[i], &c));
      g_assert_cmpstr (rd_channel_to_string (c), ==, channels[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      RdOutcome o;
      g_assert_true (rd_outcome_from_string (outcomes[i], &o));
      g_assert_cmpstr (rd_outcome_to_string (o), ==, outcomes[i]);
    }

  {
    RdRequestType t;
    g_assert_false (rd_request_type_from_string ("Access", &t));
    g_assert_false (rd_request_type_from_string ("", &t));
    g_assert_false (rd_request_type_from_string (NULL, &t));
  }
}

static void
test_workflow (void)
{
  /* The path of the issue: new → identity verification → in progress → review → responded →
   * closed. */
  g_assert_true (rd_case_status_can_move (RD_STATUS_NEW, RD_STATUS_IDENTITY_VERIFICATION));
  g_assert_true (rd_case_status_can_move (RD_STATUS_IDENTITY_VERIFICATION, RD_STATUS_IN_PROGRESS));
  g_assert_true (rd_case_status_can_move (RD_STATUS_IN_PROGRESS, RD_STATUS_REVIEW));
  g_assert_true (rd_case_status_can_move (RD_STATUS_REVIEW, RD_STATUS_RESPONDED));
  g_assert_true (rd_case_status_can_move (RD_STATUS_RESPONDED, RD_STATUS_CLOSED));

  /* On hold comes back to where the work was. */
  g_assert_true (rd_case_status_can_move (RD_STATUS_IN_PROGRESS, RD_STATUS_ON_HOLD));
  g_assert_true (rd_case_status_can_move (RD_STATUS_ON_HOLD, RD_STATUS_IN_PROGRESS));

  /* Skips and reversals the workflow does not allow. */
  g_assert_false (rd_case_status_can_move (RD_STATUS_NEW, RD_STATUS_RESPONDED));
  g_assert_false (rd_case_status_can_move (RD_STATUS_NEW, RD_STATUS_REVIEW));
  g_assert_false (rd_case_status_can_move (RD_STATUS_IN_PROGRESS, RD_STATUS_NEW));
  g_assert_false (rd_case_status_can_move (RD_STATUS_NEW, RD_STATUS_NEW));

  /* The end states are final. */
  for (guint to = 0; to < RD_N_STATUSES; to++)
    {
      g_assert_false (rd_case_status_can_move (RD_STATUS_CLOSED, to));
      g_assert_false (rd_case_status_can_move (RD_STATUS_WITHDRAWN, to));
      g_assert_false (rd_case_status_can_move (RD_STATUS_REJECTED, to));
    }

  g_assert_true (rd_case_status_is_open (RD_STATUS_ON_HOLD));
  g_assert_true (rd_case_status_is_open (RD_STATUS_RESPONDED));
  g_assert_false (rd_case_status_is_open (RD_STATUS_CLOSED));

  /* A refusal, in whole or in part, owes the requester its reasons (GDPR Art. 12(4)). */
  g_assert_true (rd_outcome_is_refusal (RD_OUTCOME_DENIED));
  g_assert_true (rd_outcome_is_refusal (RD_OUTCOME_PARTIAL));
  g_assert_false (rd_outcome_is_refusal (RD_OUTCOME_COMPLIED));
  g_assert_false (rd_outcome_is_refusal (RD_OUTCOME_WITHDRAWN));
  g_assert_false (rd_outcome_is_refusal (RD_OUTCOME_NONE));
  g_assert_true (rd_case_status_is_refusal (RD_STATUS_REJECTED));
  g_assert_false (rd_case_status_is_refusal (RD_STATUS_WITHDRAWN));
  g_assert_false (rd_case_status_is_refusal (RD_STATUS_ON_HOLD));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/types/names", test_names);
  g_test_add_func ("/core/types/workflow", test_workflow);
  return g_test_run ();
}
