// Where an email (or an SMS) is actually sent: a batch of outbox messages (the worker's fetched jobs, or the
// cron CLI's) is claimed, handed to each account's pooled transport a few at a time, and settled.
// While the batch is out, the lease on its rows is renewed; if this process dies, the lease runs
// out and lib/outbox/recover-stale-messages.ts sends them again, with the same Message-ID.
import crypto from 'node:crypto';
import os from 'node:os';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import type { SenderAccount } from '../db/schema/outbox';
import { env } from '../env';
import { batchLog } from '../log';
import { reserveAttachmentBytes } from './attachment-budget';
import { type AttachmentReader, attachmentReader } from './attachment-reader';
import { channels, type SendOne } from './channels';
import { type ClaimedMessage, claimDueMessages } from './claim-due-messages';
import { holdSendLease, type SendLease } from './send-lease';
import { type SendOutcome, type SettledSummary, settleAttempts } from './settle-attempts';

/** Who holds a lease: this process. */
export const processWorkerId = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;

export type SendSummary = {
  claimed: number;
  sent: number;
  failed: number;
  retried: number;
  deferred: number;
  expired: number;
  released: number;
};

/** This process's batches still out (sending, or recording what happened). */
const batchesInFlight = new Set<Promise<unknown>>();

/**
 * Resolves once every batch of this process has recorded its outcomes. A worker stopping awaits it
 * before it closes the connections and the database: at the shutdown deadline the batches stop
 * handing over new messages (their signal), but the ones already with the server get their answer
 * and are recorded as what they are — not cut off as "the sending thread stopped" and sent again.
 */
export async function batchesSettled(): Promise<void> {
  while (batchesInFlight.size) await Promise.allSettled([...batchesInFlight]);
}

export function sendDueMessages(
  db: Db,
  messageIds: string[],
  options: { boss: PgBoss; signal?: AbortSignal; workerId?: string },
): Promise<SendSummary> {
  const batch = sendBatch(db, messageIds, options);
  batchesInFlight.add(batch);
  void batch.finally(() => batchesInFlight.delete(batch)).catch(() => {});
  return batch;
}

async function sendBatch(
  db: Db,
  messageIds: string[],
  options: { boss: PgBoss; signal?: AbortSignal; workerId?: string },
): Promise<SendSummary> {
  const workerId = options.workerId ?? processWorkerId;
  const leaseSeconds = env().MAILROOM_SEND_LEASE_SECONDS;
  const claimedAt = Date.now();
  const claim = await claimDueMessages(db, messageIds, { boss: options.boss, workerId, leaseSeconds });
  const summary: SendSummary = {
    claimed: claim.messages.length,
    sent: 0,
    failed: 0,
    retried: 0,
    deferred: claim.deferred,
    expired: claim.expired,
    released: 0,
  };
  if (claim.messages.length === 0) return summary;

  // Held until every outcome is recorded, not just until the last message went out.
  const lease = holdSendLease(
    db,
    claim.messages.map((m) => m.id),
    { workerId, leaseSeconds, claimedAt },
  );
  const outcomes = new Map<string, SendOutcome>();
  const files = attachmentReader(db, claim.messages);
  const settler = incrementalSettler(db, claim.messages, outcomes, { boss: options.boss, workerId, lease });
  let settled: SettledSummary;
  try {
    const bySender = new Map<string, ClaimedMessage[]>();
    for (const m of claim.messages) bySender.set(m.senderId, [...(bySender.get(m.senderId) ?? []), m]);
    await Promise.all(
      [...bySender].map(([senderId, messages]) =>
        sendThroughAccount(db, claim.senders.get(senderId)!, messages, outcomes, files, options.signal),
      ),
    );
    settled = await settler.finish();
  } finally {
    lease.stop();
  }

  // One line per message attempt, written to the log together.
  const lines = batchLog();
  for (const m of claim.messages) {
    const o = outcomes.get(m.id);
    const fields = {
      orgId: m.orgId,
      messageRowId: m.id,
      origin: m.originKind,
      originId: m.originId ?? undefined,
      senderId: m.senderId,
      attempt: m.attemptNumber,
    };
    if (o?.kind === 'sent')
      lines.log.info({ ...fields, providerMessageId: o.result.providerMessageId }, 'message sent');
    else if (o?.kind === 'failed')
      lines.log.warn({ ...fields, kind: o.error.kind, error: o.error.message }, 'send attempt failed');
    else if (o?.kind === 'skipped') lines.log.info({ ...fields, reason: o.reason }, 'message skipped');
    else lines.log.info(fields, 'message released unsent');
  }
  lines.flush();
  return { ...summary, ...settled };
}

/** How often outcomes known so far are settled while the rest of the batch is still out. */
const SETTLE_EVERY_MS = 250;

/**
 * Settles outcomes as they arrive (every SETTLE_EVERY_MS) instead of once when the whole batch is
 * done, so a run's progress moves email by email and a crash loses fewer recorded results. Only
 * final answers go early (sent, or failed for a reason other than the daily quota); a quota answer
 * and the messages it held back wait for the last settle, which sees the whole batch. Settles run
 * one after another, never concurrently.
 */
function incrementalSettler(
  db: Db,
  messages: ClaimedMessage[],
  outcomes: Map<string, SendOutcome>,
  options: { boss: PgBoss; workerId: string; lease: SendLease },
) {
  const settledIds = new Set<string>();
  const totals: SettledSummary = { sent: 0, failed: 0, retried: 0, released: 0 };
  let chain: Promise<void> = Promise.resolve();
  let firstError: unknown;
  const settle = (final: boolean) => {
    chain = chain
      .then(async () => {
        const ready = messages.filter((m) => {
          if (settledIds.has(m.id)) return false;
          const o = outcomes.get(m.id);
          return (
            final ||
            o?.kind === 'sent' ||
            o?.kind === 'skipped' ||
            (o?.kind === 'failed' && o.error.kind !== 'quota' && o.error.kind !== 'needs_reconnect')
          );
        });
        if (ready.length === 0) return;
        for (const m of ready) settledIds.add(m.id);
        const result = await settleAttempts(db, ready, outcomes, options);
        totals.sent += result.sent;
        totals.failed += result.failed;
        totals.retried += result.retried;
        totals.released += result.released;
      })
      .catch((error) => {
        // Those rows stay `sending` and are recovered after their lease; the job reports it.
        firstError ??= error;
      });
    return chain;
  };
  const timer = setInterval(() => void settle(false), SETTLE_EVERY_MS);
  timer.unref();
  return {
    finish: async (): Promise<SettledSummary> => {
      clearInterval(timer);
      await settle(true);
      if (firstError) throw firstError;
      return totals;
    },
  };
}

/**
 * Sends one account's messages through its channel (lib/outbox/channels.ts), as many at once as
 * the channel allows for the account (pooled connections).
 */
async function sendThroughAccount(
  db: Db,
  sender: SenderAccount,
  messages: ClaimedMessage[],
  outcomes: Map<string, SendOutcome>,
  files: AttachmentReader,
  signal: AbortSignal | undefined,
): Promise<void> {
  const channel = channels[sender.channel];
  let sendOne: SendOne;
  try {
    sendOne = await channel.open(db, sender, messages, files);
  } catch (error) {
    const e = channel.classify(error);
    for (const m of messages) {
      outcomes.set(m.id, { kind: 'failed', error: e });
      files.done(m.id);
    }
    return;
  }
  const waiting = [...messages];
  let paused = false;
  const lanes = channel.lanes(sender);
  await Promise.all(
    Array.from({ length: Math.min(lanes, waiting.length) }, async () => {
      for (let m = waiting.shift(); m; m = waiting.shift()) {
        // Not yet handed over: safe to put back untouched.
        // Big files wait for room in the process's attachment budget (attachment-budget.ts).
        const release = await reserveAttachmentBytes(m.attachmentBytes);
        if (signal?.aborted || paused) {
          release();
          outcomes.set(m.id, { kind: 'released' });
          files.done(m.id);
          continue;
        }
        try {
          outcomes.set(m.id, await sendOne(m));
        } catch (error) {
          const e = channel.classify(error);
          outcomes.set(m.id, { kind: 'failed', error: e });
          // The account is paused at settle time: the rest of its messages are not tried.
          if (e.kind === 'quota' || e.kind === 'unreachable' || e.kind === 'needs_reconnect') paused = true;
        } finally {
          release();
          files.done(m.id);
        }
      }
    }),
  );
}
