/* rd-verification.h: what the law requires to verify a requester, and the record of a check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "rd-types.h"

G_BEGIN_DECLS

/* How sure the controller must be, from least to most demanding. Names are stable. */
typedef enum
{
  RD_VERIFICATION_NOT_ALLOWED,          /* none may be required (CCPA opt-out, limit) */
  RD_VERIFICATION_NOT_PRESCRIBED,       /* the law sets no standard: proportionate care */
  RD_VERIFICATION_EXISTING_AUTH,        /* the account's log-in or verified channel */
  RD_VERIFICATION_KNOWN_CHANNEL,        /* a code or link to contact details on record */
  RD_VERIFICATION_MINIMUM_EXTRA,        /* reasonable doubt: the least extra information */
  RD_VERIFICATION_ID_DOCUMENT,          /* an ID document, redacted, deleted after the check */
  RD_VERIFICATION_REASONABLE,           /* CCPA: 2 data points */
  RD_VERIFICATION_REASONABLY_HIGH,      /* CCPA: 3 data points and a signed declaration */
  RD_VERIFICATION_COMMERCIALLY_REASONABLE, /* VA, CO, CT */
  RD_VERIFICATION_APPROPRIATE_MEASURES, /* Switzerland, Australia */
  RD_VERIFICATION_CANNOT_IDENTIFY,      /* GDPR Art 11: the controller cannot identify anyone */
} RdVerificationLevel;

/* What verification does to the response period while it runs. */
typedef enum
{
  RD_CLOCK_RUNS,       /* from receipt, whatever happens */
  RD_CLOCK_SUSPENDS,   /* EU: suspended from the request for information until it arrives */
  RD_CLOCK_RESTARTS,   /* UK: starts again on the day the information arrives */
} RdClockEffect;

/* The facts of a request that the law's tables turn on. */
typedef struct
{
  gboolean account_holder;     /* made inside an authenticated session / password account */
  gboolean known_channel;      /* from an e-mail address or phone number held for the person */
  gboolean authorised_agent;   /* made by someone acting for the person */
  gboolean power_of_attorney;  /* the agent holds a power of attorney (CCPA: Probate Code) */
  gboolean reasonable_doubt;   /* mismatched details, signs of account takeover or fraud */
  gboolean sensitive_data;     /* special-category or otherwise sensitive data is at stake */
  gboolean doubt_persists;     /* the least extra information did not settle the doubt */
  gboolean cannot_identify;    /* GDPR Art 11: the data cannot be tied to anyone */
  gboolean specific_pieces;    /* CCPA right to know: specific pieces, not only categories */
} RdVerificationContext;

#define RD_TYPE_VERIFICATION_POLICY (rd_verification_policy_get_type ())

/* What the law requires for one request, and why. Strings are translated. */
typedef struct
{
  char                *jurisdiction;
  RdRequestType        type;
  char                *rule;              /* the row of legal-rules.md §3, e.g. "G3", "C4" */
  RdVerificationLevel  level;
  guint                data_points;       /* data points to match against data held */
  gboolean             signed_declaration; /* under penalty of perjury, to be kept */
  gboolean             reauthenticate;    /* re-authentication before disclosing or deleting */
  gboolean             id_document;       /* an ID document is justified (else do not ask) */
  gboolean             agent_proof;       /* evidence of the agent's authority is needed */
  gboolean             confirm_with_subject; /* may confirm directly with the person */
  RdClockEffect        clock;
  char                *summary;           /* what to do */
  char                *reason;            /* why */
  char                *on_failure;        /* what to do when it cannot be verified */
  char                *citation;
  char                *confidence;        /* "V", "S" or "K", as in legal-rules.md */
} RdVerificationPolicy;

GType                 rd_verification_policy_get_type (void) G_GNUC_CONST;
RdVerificationPolicy *rd_verification_policy_copy     (const RdVerificationPolicy  *policy);
void                  rd_verification_policy_free     (RdVerificationPolicy        *policy);
JsonNode             *rd_verification_policy_to_json  (const RdVerificationPolicy  *policy);

/* What @jurisdiction (an id such as "eu-gdpr") requires for a @type request in @context.
 * Fails with RD_ERROR_NOT_FOUND for an unknown jurisdiction and RD_ERROR_WORKFLOW for a
 * request the law does not give (the CCPA has no right of objection). */
RdVerificationPolicy *rd_verification_policy_lookup   (const char                  *jurisdiction,
                                                       RdRequestType                type,
                                                       const RdVerificationContext *context,
                                                       GError                     **error);

const char           *rd_verification_level_to_string (RdVerificationLevel level);
const char           *rd_clock_effect_to_string       (RdClockEffect       effect);

/* The record of one check, for the store to persist. */
typedef enum
{
  RD_CHECK_METHOD_NONE_REQUIRED,
  RD_CHECK_METHOD_EXISTING_AUTH,
  RD_CHECK_METHOD_KNOWN_CHANNEL,
  RD_CHECK_METHOD_DATA_POINTS,
  RD_CHECK_METHOD_KNOWLEDGE,
  RD_CHECK_METHOD_ID_DOCUMENT,
  RD_CHECK_METHOD_SIGNED_DECLARATION,
  RD_CHECK_METHOD_AGENT_AUTHORITY,
  RD_CHECK_METHOD_CALL_BACK,
  RD_CHECK_METHOD_OTHER,
  RD_N_CHECK_METHODS
} RdCheckMethod;

typedef enum
{
  RD_CHECK_VERIFIED,
  RD_CHECK_MORE_INFORMATION,
  RD_CHECK_FAILED,
  RD_N_CHECK_OUTCOMES
} RdCheckOutcome;

#define RD_TYPE_VERIFICATION_RECORD (rd_verification_record_get_type ())

typedef struct
{
  RdCheckMethod   method;
  GStrv           data_points;    /* the data points that matched: "email", "birth_date", … */
  RdCheckOutcome  outcome;
  char           *reason;
  char           *checked_by;     /* the officer */
  char           *checked_at;     /* UTC ISO 8601 */
  char           *rule;           /* the policy row it answered, or NULL */
  char           *evidence_received; /* YYYY-MM-DD the information arrived, or NULL */
  /* Facts of a document check (all optional): no image and no full number is kept. */
  char           *document_type;  /* "passport", "id-card", … */
  char           *issuing_state;
  char           *expiry_status;  /* "valid", "expired" */
  char           *name_match;     /* rd_mrz_match_to_string names */
  char           *birth_date_match;
  int             mrz_valid;      /* -1 not checked, 0 failed, 1 valid */
  char           *document_number_tail; /* at most the last 4 characters */
} RdVerificationRecord;

GType                 rd_verification_record_get_type  (void) G_GNUC_CONST;
RdVerificationRecord *rd_verification_record_new       (RdCheckMethod                method,
                                                        RdCheckOutcome               outcome,
                                                        const char                  *reason,
                                                        const char                  *checked_by,
                                                        const char                  *checked_at);
RdVerificationRecord *rd_verification_record_copy      (const RdVerificationRecord  *record);
void                  rd_verification_record_free      (RdVerificationRecord        *record);
JsonNode             *rd_verification_record_to_json   (const RdVerificationRecord  *record);
/* Fails with RD_ERROR_INVALID naming the bad member (unknown method, bad timestamp, …). */
RdVerificationRecord *rd_verification_record_from_json (JsonNode                    *node,
                                                        GError                     **error);
char                 *rd_verification_record_to_string (const RdVerificationRecord  *record);
RdVerificationRecord *rd_verification_record_from_string (const char                *json,
                                                          GError                   **error);

/* The document checks of @record that failed, by stable name ("mrz", "expiry", "name",
 * "birth_date"), in that order; NULL when none failed. Recording such a record as verified
 * needs a reason. */
GStrv                 rd_verification_record_get_failed_checks (const RdVerificationRecord *record);
/* A failed check's name in words ("the MRZ check digits fail"), translated; NULL if unknown. */
const char           *rd_verification_failed_check_to_label (const char *check);

const char           *rd_check_method_to_string        (RdCheckMethod   method);
gboolean              rd_check_method_from_string      (const char     *text,
                                                        RdCheckMethod  *out);
const char           *rd_check_outcome_to_string       (RdCheckOutcome  outcome);
gboolean              rd_check_outcome_from_string     (const char     *text,
                                                        RdCheckOutcome *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdVerificationPolicy, rd_verification_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdVerificationRecord, rd_verification_record_free)

G_END_DECLS
