// Before sending: how many contacts the message reaches now, how many get an email and how many an
// SMS, how many would be skipped and why (opted out, no address, a missing value, on the suppression
// list), and the variables nobody has — what the compose page shows.
import { sql } from 'drizzle-orm';
import { badRequest, parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type BroadcastPreview, type PreviewBroadcastInput, previewBroadcastInput } from './broadcast.schema';
import { measureBroadcastSms } from './check-sms-length';
import { knownCustomFields, unknownVariables, variablesIn } from './message-variables';
import { planRecipients } from './plan-recipients';
import { reachContacts } from './reach-contacts';

export async function previewBroadcast(
  db: DbOrTx,
  ctx: OrgContext,
  input: PreviewBroadcastInput,
): Promise<BroadcastPreview> {
  const m = parseOr400(previewBroadcastInput, input, 'request body');
  const sms = m.channels.includes('sms') || m.smsAccountId;
  const [reached, custom, measured] = await Promise.all([
    reachContacts(db, ctx, m),
    knownCustomFields(db, ctx),
    sms ? measureBroadcastSms(db, ctx, m) : null,
  ]);
  if (measured?.accountError) {
    throw badRequest(`Invalid request body: smsAccountId ${measured.accountError.message}`, [
      measured.accountError,
    ]);
  }
  const unknown = unknownVariables(variablesIn(m.subject, m.content), custom);
  // Unknown names are the message's problem, said once: not counted as every contact's missing value.
  const known = (text: string) => unknown.reduce((t, name) => t.replaceAll(`{${name}}`, ''), text);
  const planned = planRecipients(reached, {
    channels: m.channels,
    subject: known(m.subject),
    content: known(m.content) || ' ',
  });
  const count = (f: (p: (typeof planned)[number]) => boolean) => planned.filter(f).length;
  const suppressed = await countSuppressed(
    db,
    ctx,
    planned.filter((p) => p.status === 'pending' && p.channel === 'email').map((p) => p.address!),
  );
  return {
    contacts: reached.length,
    email: count((p) => p.status === 'pending' && p.channel === 'email') - suppressed,
    sms: count((p) => p.status === 'pending' && p.channel === 'sms'),
    skipped: {
      optedOut: count((p) => p.reasonCode === 'opted-out'),
      noAddress: count((p) => p.reasonCode === 'no-address'),
      missingValue: count((p) => p.reasonCode === 'missing-value'),
      suppressed,
    },
    unknownVariables: unknown,
    // What the SMS will weigh with its mention (the text process-due-broadcasts sends), as checked at save.
    smsLength:
      measured && m.channels.includes('sms')
        ? {
            segments: measured.length.segments,
            encoding: measured.length.encoding,
            characters: measured.length.characters,
            stopMention: measured.length.stopMention,
            maxSegments: measured.length.maxSegments,
          }
        : null,
  };
}

/**
 * Emails to addresses on the suppression list: the outbox does not send them, and the message
 * records them skipped (suppressed-reason.ts) — so the count before sending leaves them out too.
 */
async function countSuppressed(db: DbOrTx, ctx: OrgContext, addresses: string[]): Promise<number> {
  if (addresses.length === 0) return 0;
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from suppressed_addresses
    where org_id = ${ctx.orgId}
      and address = any(${sql.param([...new Set(addresses.map((a) => a.trim().toLowerCase()))])}::text[])`);
  return row?.n ?? 0;
}
