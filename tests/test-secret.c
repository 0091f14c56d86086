/* test-secret.c: connector secrets through a real keyring (run by keyring-run.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-error.h"
#include "rd-secret.h"

static void
test_store_lookup_delete (void)
{
  g_autoptr (GError) error = NULL;
  char *secret;

  g_assert_true (rd_secret_store ("Acme Retail", "rt", "s3cret-token", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_secret_store ("Other Client", "rt", "other-token", NULL, &error));
  g_assert_no_error (error);

  /* The same connector name under two clients keeps two secrets. */
  secret = rd_secret_lookup ("Acme Retail", "rt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "s3cret-token");
  rd_secret_free (secret);

  /* Storing again replaces. */
  g_assert_true (rd_secret_store ("Acme Retail", "rt", "rotated", NULL, &error));
  secret = rd_secret_lookup ("Acme Retail", "rt", NULL, &error);
  g_assert_cmpstr (secret, ==, "rotated");
  rd_secret_free (secret);

  g_assert_true (rd_secret_delete ("Acme Retail", "rt", NULL, &error));
  g_assert_no_error (error);
  secret = rd_secret_lookup ("Acme Retail", "rt", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  secret = rd_secret_lookup ("Other Client", "rt", NULL, &error);
  g_assert_cmpstr (secret, ==, "other-token");
  rd_secret_free (secret);

  /* Deleting what is not there is not an error. */
  g_assert_true (rd_secret_delete ("Nobody", "none", NULL, &error));
  g_assert_no_error (error);
}

static void
test_empty_secret (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rd_secret_store ("Acme Retail", "crm", "", NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("RIGHTSDESK_TEST_KEYRING") == NULL)
    {
      g_test_skip ("run through keyring-run.sh, which starts a test keyring");
      return g_test_run ();
    }
  g_test_add_func ("/keyring/secret/store-lookup-delete", test_store_lookup_delete);
  g_test_add_func ("/keyring/secret/empty", test_empty_secret);
  return g_test_run ();
}
