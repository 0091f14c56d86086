/* rd-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "rd-error.h"
#include "rd-secret.h"

static const SecretSchema *
connector_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rightsdesk.RightsDesk.Connector", SECRET_SCHEMA_NONE,
    {
      { "client", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "connector", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static gboolean
keyring_error (GError     **error,
               GError      *cause,
               const char  *connector)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return FALSE;
    }
  g_set_error (error, RD_ERROR, RD_ERROR_IO,
               /* Translators: %s is a connector name, then the keyring's message */
               _("The desktop keyring is not available for the secret of “%s”: %s"),
               connector, cause->message);
  g_error_free (cause);
  return FALSE;
}

gboolean
rd_secret_store (const char    *client,
                 const char    *connector,
                 const char    *secret,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (client != NULL && connector != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  if (*secret == '\0')
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The secret of connector “%s” is empty"), connector);
      return FALSE;
    }
  /* Translators: the keyring's label; %s are a connector and a client */
  label = g_strdup_printf (_("Rights Desk: %s of %s"), connector, client);
  if (!secret_password_store_sync (connector_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                   cancellable, &local_error,
                                   "client", client, "connector", connector, NULL))
    return keyring_error (error, local_error, connector);
  return TRUE;
}

char *
rd_secret_lookup (const char    *client,
                  const char    *connector,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GError *local_error = NULL;
  char *secret;

  g_return_val_if_fail (client != NULL && connector != NULL, NULL);

  secret = secret_password_lookup_sync (connector_schema (), cancellable, &local_error,
                                        "client", client, "connector", connector, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error, connector);
      return NULL;
    }
  return secret;
}

gboolean
rd_secret_delete (const char    *client,
                  const char    *connector,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (client != NULL && connector != NULL, FALSE);

  /* FALSE with no error means there was nothing to delete, which is fine. */
  if (!secret_password_clear_sync (connector_schema (), cancellable, &local_error,
                                   "client", client, "connector", connector, NULL) &&
      local_error != NULL)
    return keyring_error (error, local_error, connector);
  return TRUE;
}

void
rd_secret_free (char *secret)
{
  secret_password_free (secret);
}
