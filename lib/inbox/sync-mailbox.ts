// One sync run of one mailbox: take its locks, connect, sync each folder, and record the truth on
// the mailbox row (status, error text, counts, when to try next). A failing mailbox backs off and
// never touches another mailbox's run. Called by the worker's inbox-sync job and by the CLI.
import { and, eq, sql } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { CredentialNeedsReconnectError } from '../credentials/resolve-credential';
import type { Db } from '../db/client';
import {
  type InboxMailbox,
  type InboxSyncStatus,
  inboxMailboxes,
  inboxMessages,
  inboxQuarantinedMessages,
} from '../db/schema/inbox';
import { env } from '../env';
import { log } from '../log';
import { connectImap, disconnectImap, resolveImapSettings } from './connect';
import { describeImapError } from './describe-imap-error';
import { type SyncContext, type SyncLimits, syncLimitsFromEnv } from './sync-context';
import { syncFolder } from './sync-folder';
import { acquireSyncLocks } from './sync-locks';
import { emptyFolderSummary, type FolderRunSummary, type SyncRunSummary } from './sync-summary.schema';

export type SyncReason = SyncRunSummary['reason'];

export type SyncOutcome =
  | {
      kind: 'synced';
      mailbox: Pick<InboxMailbox, 'id' | 'orgId' | 'name'>;
      status: Exclude<InboxSyncStatus, 'pending'>;
      error: string | null;
      summary: SyncRunSummary;
    }
  | {
      kind: 'skipped';
      mailboxId: string;
      reason: 'not-found' | 'inactive' | 'already-running' | 'host-busy';
    };

export type SyncOptions = {
  reason: SyncReason;
  signal?: AbortSignal;
  limits?: Partial<SyncLimits>;
  /** How long to wait for a free connection slot to the mail host before giving up this run. */
  hostWaitMs?: number;
  /** Only these of the mailbox's folders (a push run syncs the folder IDLE watches). */
  folders?: string[];
  /**
   * An open connection to this mailbox to sync on instead of opening one: the IDLE watcher's own
   * (already counted against the host's cap, so no host slot is taken), left open afterwards.
   */
  connection?: ImapFlow;
};

/** A mailbox whose grant was refused looks again after a day (a reconnection syncs at once). */
export const NEEDS_RECONNECT_RETRY_MS = 24 * 3600_000;

export async function syncMailbox(db: Db, mailboxId: string, options: SyncOptions): Promise<SyncOutcome> {
  const [mailbox] = await db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailboxId));
  if (!mailbox) return { kind: 'skipped', mailboxId, reason: 'not-found' };
  if (!mailbox.active && options.reason === 'schedule')
    return { kind: 'skipped', mailboxId, reason: 'inactive' };

  const locks = await acquireSyncLocks(mailbox, {
    maxPerHost: env().INBOX_MAX_CONNECTIONS_PER_HOST,
    waitMs: options.hostWaitMs ?? 60_000,
    signal: options.signal,
    hostSlot: !options.connection,
  });
  if (locks.kind === 'already-running') return { kind: 'skipped', mailboxId, reason: 'already-running' };
  if (locks.kind === 'host-busy') {
    // Not the mailbox's fault: try again soon, without touching its status.
    await db
      .update(inboxMailboxes)
      .set({ nextSyncAt: new Date(Date.now() + 60_000) })
      .where(eq(inboxMailboxes.id, mailbox.id));
    return { kind: 'skipped', mailboxId, reason: 'host-busy' };
  }

  const startedAt = new Date();
  let client: ImapFlow | undefined;
  try {
    await db
      .update(inboxMailboxes)
      .set({ syncStartedAt: startedAt })
      .where(eq(inboxMailboxes.id, mailbox.id));
    const limits = { ...syncLimitsFromEnv(), ...options.limits };
    const where = { host: mailbox.host, port: mailbox.port };
    const folders: FolderRunSummary[] = [];
    let connectError: string | null = null;
    let needsReconnect = false;
    try {
      client = options.connection ?? (await connectImap(await resolveImapSettings(db, mailbox)));
    } catch (error) {
      // A refused OAuth grant: only a person reconnecting helps (which syncs at once), so the
      // mailbox does not keep retrying meanwhile.
      needsReconnect = error instanceof CredentialNeedsReconnectError;
      connectError = needsReconnect ? (error as Error).message : describeImapError(error, where);
    }
    if (client) {
      const ctx: SyncContext = {
        db,
        client,
        mailbox,
        limits,
        deadline: startedAt.getTime() + limits.maxRunMs,
        signal: options.signal,
      };
      const only = options.folders;
      const wanted = only ? mailbox.folders.filter((f) => only.includes(f)) : mailbox.folders;
      for (const folder of [...new Set(wanted)]) {
        if (!client.usable) {
          folders.push(emptyFolderSummary(folder, 'Not reached: the connection to the server was lost.'));
          continue;
        }
        folders.push(await syncFolder(ctx, folder));
      }
      if (!options.connection) await disconnectImap(client);
      client = undefined;
    }
    const outcome = await recordRun(db, mailbox, {
      startedAt,
      reason: options.reason,
      folders,
      connectError,
    });
    if (needsReconnect) {
      await db
        .update(inboxMailboxes)
        .set({ nextSyncAt: new Date(Date.now() + NEEDS_RECONNECT_RETRY_MS) })
        .where(eq(inboxMailboxes.id, mailbox.id));
    }
    return outcome;
  } catch (error) {
    // Our side failed (the database, most likely): say so on the mailbox if we still can, so it
    // does not look like it is syncing forever, then let the caller see the real error.
    log.error({ err: error, mailboxId: mailbox.id, orgId: mailbox.orgId }, 'inbox sync crashed');
    await db
      .update(inboxMailboxes)
      .set({
        status: 'error',
        lastError: 'Mailroom failed during this sync (internal error; the worker log has the details).',
        lastErrorAt: new Date(),
        lastSyncAt: new Date(),
        syncStartedAt: null,
        ...backoffAfterFailure(mailbox, options.reason, new Date()),
      })
      .where(eq(inboxMailboxes.id, mailbox.id))
      .catch(() => {});
    throw error;
  } finally {
    if (client && !options.connection) await disconnectImap(client);
    await locks.release().catch(() => {});
  }
}

async function recordRun(
  db: Db,
  mailbox: InboxMailbox,
  run: { startedAt: Date; reason: SyncReason; folders: FolderRunSummary[]; connectError: string | null },
): Promise<SyncOutcome> {
  const finishedAt = new Date();
  const total = (key: 'imported' | 'duplicates' | 'quarantined' | 'removed' | 'flagUpdates') =>
    run.folders.reduce((n, f) => n + f[key], 0);
  const summary: SyncRunSummary = {
    reason: run.reason,
    startedAt: run.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - run.startedAt.getTime(),
    imported: total('imported'),
    duplicates: total('duplicates'),
    quarantined: total('quarantined'),
    removed: total('removed'),
    flagUpdates: total('flagUpdates'),
    backfillPending: run.folders.some((f) => f.backfillPending),
    folders: run.folders,
  };
  const failed = run.folders.filter((f) => f.error !== null);
  let status: Exclude<InboxSyncStatus, 'pending'>;
  let error: string | null;
  if (run.connectError !== null || (failed.length > 0 && failed.length === run.folders.length)) {
    status = 'error';
    error =
      run.connectError ??
      (failed.length === 1 ? failed[0]!.error : failed.map((f) => `${f.folder}: ${f.error}`).join(' '));
  } else if (failed.length > 0 || summary.quarantined > 0) {
    status = 'partial';
    error = [
      ...failed.map((f) => `${f.folder}: ${f.error}`),
      ...(summary.quarantined > 0
        ? [
            `${summary.quarantined} message(s) could not be imported and were quarantined (see the quarantine list).`,
          ]
        : []),
    ].join(' ');
  } else {
    status = 'success';
    error = null;
  }

  const schedule =
    status === 'error'
      ? backoffAfterFailure(mailbox, run.reason, finishedAt)
      : {
          consecutiveFailures: 0,
          nextSyncAt: summary.backfillPending
            ? finishedAt
            : new Date(finishedAt.getTime() + mailbox.intervalMinutes * 60_000),
        };
  const changed =
    summary.imported > 0 ||
    summary.quarantined > 0 ||
    summary.duplicates > 0 ||
    summary.removed > 0 ||
    mailbox.status === 'pending';
  await db
    .update(inboxMailboxes)
    .set({
      status,
      lastError: error,
      ...(error !== null ? { lastErrorAt: finishedAt } : {}),
      lastSyncAt: finishedAt,
      ...(status !== 'error' ? { lastSuccessAt: finishedAt } : {}),
      syncStartedAt: null,
      ...schedule,
      lastRun: summary,
      ...(changed
        ? {
            messageCount: sql`(select count(*)::int from ${inboxMessages} where ${inboxMessages.mailboxId} = ${mailbox.id} and ${inboxMessages.removedAt} is null)`,
            quarantinedCount: sql`(select count(*)::int from ${inboxQuarantinedMessages} where ${inboxQuarantinedMessages.mailboxId} = ${mailbox.id})`,
          }
        : {}),
    })
    .where(and(eq(inboxMailboxes.id, mailbox.id)));
  return { kind: 'synced', mailbox, status, error, summary };
}

/**
 * Only the schedule backs off (the worker's cron and `inbox:sync`, which cron runs). A "Sync now"
 * that fails shows its error but counts no failure in a row and leaves the next scheduled sync
 * where it was: ten failed clicks must not push the next automatic sync hours out. A push run
 * (IMAP IDLE woke it) has its own reconnect backoff, so it leaves the schedule alone too.
 */
function backoffAfterFailure(
  mailbox: InboxMailbox,
  reason: SyncReason,
  at: Date,
): { consecutiveFailures?: number; nextSyncAt?: Date } {
  if (reason === 'manual' || reason === 'push') return {};
  const failures = mailbox.consecutiveFailures + 1;
  return {
    consecutiveFailures: failures,
    nextSyncAt: new Date(at.getTime() + backoffMinutes(failures, mailbox.intervalMinutes) * 60_000),
  };
}

/** After the n-th failure in a row: the interval, doubled each time, at most 6 hours. */
export function backoffMinutes(failures: number, intervalMinutes: number): number {
  return Math.min(intervalMinutes * 2 ** Math.max(0, failures - 1), 360);
}
