// A recipient whose address is on the organisation's suppression list (a hard bounce, a complaint,
// an entry made by hand) was never handed to a transport: it is skipped, like an opted-out one,
// with `suppressed: <address>: <why>` — whether the outbox found it at enqueue or when claiming.
import { sql } from 'drizzle-orm';

/** The outbox's words for a message whose every recipient is suppressed (apply-suppressions.ts). */
const OUTBOX_WORDS = 'Not sent: every recipient is on the suppression list';

export function suppressedReason(outboxError: string | null): string | null {
  if (!outboxError?.startsWith(OUTBOX_WORDS)) return null;
  const listed = /\((.*)\)$/s.exec(outboxError)?.[1];
  return `suppressed: ${listed ?? 'on the suppression list'}`;
}

/** The same, in SQL, over the outbox row `m`. */
export const SUPPRESSED_REASON_SQL = sql`'suppressed: ' || coalesce(substring(m.last_error from '\\((.*)\\)$'), 'on the suppression list')`;
