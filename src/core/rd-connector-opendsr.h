/* rd-connector-opendsr.h: a processor that speaks OpenDSR 2.0 (formerly OpenGDPR)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-connector.h"

G_BEGIN_DECLS

typedef enum
{
  RD_OPENDSR_PENDING,
  RD_OPENDSR_IN_PROGRESS,
  RD_OPENDSR_COMPLETED,
  RD_OPENDSR_CANCELLED,
} RdOpendsrStatus;

/* A request as the processor last reported it, with the signed answer as the receipt. */
typedef struct
{
  char            *subject_request_id;
  char            *request_type;             /* access, portability, erasure */
  RdOpendsrStatus  status;
  char            *expected_completion_time;
  char            *results_url;
  gint64           results_count;
  GBytes          *receipt;                  /* the raw, verified response body */
  char            *receipt_signature;        /* its X-OpenDSR-Signature, Base64 */
} RdOpendsrRequest;

void rd_opendsr_request_free (RdOpendsrRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdOpendsrRequest, rd_opendsr_request_free)

const char *rd_opendsr_status_to_string (RdOpendsrStatus status);

#define RD_TYPE_CONNECTOR_OPENDSR (rd_connector_opendsr_get_type ())
G_DECLARE_FINAL_TYPE (RdConnectorOpendsr, rd_connector_opendsr, RD, CONNECTOR_OPENDSR, GObject)

RdConnectorOpendsr *rd_connector_opendsr_new (RdConnectorConfig *config,
                                              const char        *secret);

/* Processor domains whose signatures are accepted; by default the configured URL's host. */
void     rd_connector_opendsr_allow_domain     (RdConnectorOpendsr *self,
                                                const char         *domain);
/* Trust anchors for processor certificates on top of the system's (tests, private CAs). */
gboolean rd_connector_opendsr_add_ca_file      (RdConnectorOpendsr *self,
                                                const char         *pem_file,
                                                GError            **error);
/* Where the processor sends callbacks; sent with each request. */
void     rd_connector_opendsr_set_callback_url (RdConnectorOpendsr *self,
                                                const char         *url);
/* Remembers a request issued earlier (from the store) so its callbacks are accepted. */
void     rd_connector_opendsr_remember         (RdConnectorOpendsr *self,
                                                const char         *subject_request_id);

/* Creates a request (POST /requests), verifying the signed 201. @type: access, portability
 * or erasure; @submitted_time: RFC 3339; @regulation: gdpr or ccpa. */
RdOpendsrRequest *rd_connector_opendsr_submit (RdConnectorOpendsr  *self,
                                               const char          *type,
                                               RdSubject           *subject,
                                               const char          *submitted_time,
                                               const char          *regulation,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* GET /requests/{id}, verified. */
RdOpendsrRequest *rd_connector_opendsr_status (RdConnectorOpendsr  *self,
                                               const char          *subject_request_id,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* Checks a callback as the specification says: allowed domain, valid certificate, signature
 * over the raw body, then the JSON, our callback URL and a request we issued. Returns the
 * HTTP status to answer (202, 400 or 401) and, on 202, the request's new state. */
guint    rd_connector_opendsr_verify_callback (RdConnectorOpendsr  *self,
                                               const char          *domain_header,
                                               const char          *signature_header,
                                               GBytes              *body,
                                               RdOpendsrRequest   **request_out,
                                               GCancellable        *cancellable,
                                               GError             **error);

G_END_DECLS
