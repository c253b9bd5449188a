// At claim, each message's origin may still say "not this one": a scheduled message's contact
// who opted out of email after the expansion queued their email (the SMS channel checks its own
// opt-outs when it sends). The outbox knows no feature: it asks the origin kinds that registered a
// `withdraw` (lib/outbox/origin-handlers.ts), then ends those messages `cancelled` with the reason,
// never handed to a server, and announces them settled so their origin records the outcome.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { Channel, OriginKind } from '../db/schema/outbox';
import { log } from '../log';
import { announceSettled, settledColumns, settledFromSql } from './announce-settled';
import { askToWithdraw, withdrawingKinds } from './origin-handlers';
import { uuidArray } from './uuid-array';

type Candidate = {
  id: string;
  org_id: string;
  channel: Channel;
  origin_kind: OriginKind;
  origin_id: string | null;
};

/** Returns the ids withdrawn (no longer to be sent). */
export async function withdrawForOrigins(tx: DbOrTx, ids: string[]): Promise<Set<string>> {
  const kinds = withdrawingKinds();
  if (ids.length === 0 || kinds.length === 0) return new Set();
  const candidates = await tx.execute<Candidate>(sql`
    select id, org_id, channel, origin_kind, origin_id from outbox_messages
    where id = any(${uuidArray(ids)}) and origin_kind = any(${sql.param(kinds)}::message_origin_kind[])
      and status in ('scheduled', 'queued')`);
  if (candidates.length === 0) return new Set();
  const reasons = await askToWithdraw(
    tx,
    candidates.map((c) => ({
      id: c.id,
      orgId: c.org_id,
      channel: c.channel,
      originKind: c.origin_kind,
      originId: c.origin_id,
    })),
  );
  if (reasons.size === 0) return new Set();
  const changes = [...reasons].map(([id, reason]) => ({ id, reason }));
  const updated = await tx.execute(sql`
    update outbox_messages m set status = 'cancelled', last_error = v.reason, next_attempt_at = null,
      finished_at = now(), updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as v(id uuid, reason text)
    where m.id = v.id and m.status in ('scheduled', 'queued')
    returning ${settledColumns('m')}`);
  const rows = updated.map(settledFromSql);
  await announceSettled(tx, rows);
  for (const r of rows)
    log.info(
      { orgId: r.orgId, messageRowId: r.id, origin: r.originKind, originId: r.originId },
      'message withdrawn by its origin before sending',
    );
  return new Set(rows.map((r) => r.id));
}
