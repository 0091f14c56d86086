/* rd-redaction-span.c: one redaction decision (RdRedaction of rd-redaction.h)
 *
 * Apart from rd-redaction.c so that the store, which keeps decisions, does not pull in the
 * PDF and layout libraries that applying them needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-redaction"

#include "config.h"

#include "rd-redaction.h"

RdRedaction *
rd_redaction_new (gsize             start,
                  gsize             end,
                  const char       *entity,
                  const char       *reason,
                  RdRedactionState  state)
{
  RdRedaction *redaction;

  g_return_val_if_fail (start <= end, NULL);

  redaction = g_new0 (RdRedaction, 1);
  redaction->start = start;
  redaction->end = end;
  redaction->entity = g_strdup (entity ? entity : "MANUAL");
  redaction->reason = g_strdup (reason);
  redaction->state = state;
  return redaction;
}

RdRedaction *
rd_redaction_copy (const RdRedaction *redaction)
{
  RdRedaction *copy = rd_redaction_new (redaction->start, redaction->end, redaction->entity,
                                        redaction->reason, redaction->state);
  copy->subject = redaction->subject;
  return copy;
}

void
rd_redaction_free (RdRedaction *redaction)
{
  if (redaction == NULL)
    return;
  g_free (redaction->entity);
  g_free (redaction->reason);
  g_free (redaction);
}
