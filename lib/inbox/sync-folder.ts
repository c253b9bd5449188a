// One folder of one mailbox, from its cursor:
//   1. STATUS: when UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ (or the counts) are as left, stop there.
//   2. A changed UIDVALIDITY (or a first sync) restarts the cursor; messages already stored are
//      then recognised by object id or content digest (store-messages.ts), not imported again.
//   3. New mail: `lastUid+1:*`, dropping the one message IMAP answers with when nothing is new.
//   4. Deletions and moves: with QRESYNC, the UIDs the server reports VANISHED since the stored
//      MODSEQ (SELECT … QRESYNC); otherwise the folder's UIDs compared with the stored locations
//      (reconcile-removed.ts).
//   5. \Seen changes: CHANGEDSINCE the stored MODSEQ (CONDSTORE), else a flags sweep.
//   6. Backfill of older mail within the window, newest first, batch by batch, until the run's
//      time is up; the cursor remembers where it stopped. UIDs already handled at their location
//      are skipped, so a re-walk (after an upgrade) only imports what is missing.
import type { ExpungeEvent, MailboxObject, MailboxOpenOptions, StatusObject } from 'imapflow';
import type { InboxFolderCursor } from '../db/schema/inbox';
import { announceUnreadChange } from './announce-unread-change';
import { BatchWriter } from './batch-writer';
import { describeSyncError } from './describe-sync-error';
import { type BatchTarget, fetchBatch } from './fetch-batch';
import { loadCursor, resetCursor } from './folder-cursor';
import { markExpunged, retireOldUidValidity } from './reconcile-removed';
import { outOfTime, type SyncContext } from './sync-context';
import { syncFlags } from './sync-flags';
import { emptyFolderSummary, type FolderRunSummary } from './sync-summary.schema';

/** Never throws: a failure is the folder's `error`, with what was stored before it counted. */
export async function syncFolder(ctx: SyncContext, folder: string): Promise<FolderRunSummary> {
  const summary = emptyFolderSummary(folder);
  const state: { writer?: BatchWriter } = {};
  // VANISHED reports (QRESYNC) arrive as expunge events, during SELECT and later commands alike.
  const vanished: ExpungeEvent[] = [];
  const onExpunge = (event: ExpungeEvent) => {
    if (event.vanished && event.uid) vanished.push(event);
  };
  ctx.client.on('expunge', onExpunge);
  try {
    return await syncFolderSteps(ctx, folder, summary, state, vanished);
  } catch (error) {
    await state.writer?.drain().catch(() => {});
    return {
      ...summary,
      imported: state.writer?.imported ?? 0,
      duplicates: state.writer?.duplicates ?? 0,
      quarantined: state.writer?.quarantined ?? 0,
      error: describeSyncError(error, ctx.mailbox),
    };
  } finally {
    ctx.client.off('expunge', onExpunge);
  }
}

async function syncFolderSteps(
  ctx: SyncContext,
  folder: string,
  summary: FolderRunSummary,
  state: { writer?: BatchWriter },
  vanished: ExpungeEvent[],
): Promise<FolderRunSummary> {
  const { client, db, mailbox } = ctx;
  const condstore = client.enabled.has('CONDSTORE');
  const status = await client.status(folder, {
    messages: true,
    uidNext: true,
    uidValidity: true,
    unseen: true,
    ...(condstore ? { highestModseq: true } : {}),
  });
  if (!status) throw new Error(`The server gave no STATUS for "${folder}".`);
  let cursor = await loadCursor(db, mailbox.id, folder);
  if (cursor && isUnchanged(cursor, status, condstore)) return { ...summary, unchanged: true };

  // QRESYNC: the server reports what vanished since the stored MODSEQ (valid only for the same
  // UIDVALIDITY; imapflow says whether the server's answer can be trusted as `qresync`).
  const resync =
    client.enabled.has('QRESYNC') && cursor?.highestModseq != null
      ? { changedSince: cursor.highestModseq, uidValidity: cursor.uidValidity }
      : {};
  const box: MailboxObject & { qresync?: boolean } = await client.mailboxOpen(folder, {
    readOnly: true,
    ...resync,
  } as MailboxOpenOptions);
  const target: BatchTarget = { folder, uidValidity: Number(box.uidValidity) };
  if (!cursor || cursor.uidValidity !== target.uidValidity) {
    summary.uidValidityChanged = cursor !== null;
    cursor = await resetCursor(db, mailbox, folder, {
      uidValidity: target.uidValidity,
      lastUid: box.uidNext - 1,
      backfillBeforeUid: box.uidNext,
      highestModseq: box.highestModseq ?? null,
    });
  }
  const writer = new BatchWriter(db, mailbox, cursor.id);
  state.writer = writer;

  // New mail, oldest first so that lastUid only ever moves over handled UIDs.
  let lastUid = cursor.lastUid;
  if (box.uidNext - 1 > lastUid) {
    const listed = await client.fetchAll(`${lastUid + 1}:*`, { uid: true }, { uid: true });
    const fresh = listed
      .map((m) => m.uid)
      .filter((uid) => uid > lastUid)
      .sort((a, b) => a - b);
    const done = await inBatches(ctx, fresh, async (batch) => {
      await fetchBatch(ctx, target, batch, writer);
      lastUid = batch[batch.length - 1]!;
      await writer.flush({ lastUid });
    });
    if (done && box.uidNext - 1 > lastUid) {
      // UIDs below UIDNEXT that no longer exist (expunged): nothing to fetch there.
      lastUid = box.uidNext - 1;
      await writer.flush({ lastUid });
    }
  }

  // Deleted or moved away on the server since the last run.
  if (box.qresync === true && !summary.uidValidityChanged) {
    await writer.drain();
    const uids = [...new Set(vanished.filter((v) => v.path === box.path).map((v) => v.uid!))];
    summary.removed = await markExpunged(db, mailbox, target, { vanished: uids });
    summary.removalCheck = 'qresync';
  } else {
    const live = await client.search({ all: true }, { uid: true });
    if (Array.isArray(live)) {
      await writer.drain();
      summary.removed = await markExpunged(db, mailbox, target, { live });
      summary.removalCheck = 'uid-comparison';
    }
  }

  // Flag changes of messages imported by earlier runs.
  const previousModseq = cursor.highestModseq;
  if (condstore && !box.noModseq && previousModseq !== null && box.highestModseq !== undefined) {
    if (box.highestModseq > previousModseq) {
      summary.flagUpdates = await syncFlags(ctx, target, cursor.lastUid, previousModseq);
    }
  } else if (
    cursor.messages !== null &&
    (cursor.unseen !== status.unseen || cursor.messages !== status.messages)
  ) {
    summary.flagUpdates = await syncFlags(ctx, target, cursor.lastUid, null);
  }

  // Older mail (first sync or rescan), newest first.
  const backfillBeforeUid = cursor.backfillBeforeUid;
  if (backfillBeforeUid !== null) {
    const uids =
      backfillBeforeUid > 1
        ? (await client.search(
            {
              uid: `1:${backfillBeforeUid - 1}`,
              ...(ctx.limits.windowDays > 0 ? { since: windowStart(ctx.limits.windowDays) } : {}),
            },
            { uid: true },
          )) || []
        : [];
    const older = uids.filter((uid) => uid < backfillBeforeUid).sort((a, b) => b - a);
    const done = await inBatches(ctx, older, async (batch) => {
      await fetchBatch(ctx, target, batch, writer);
      await writer.flush({ backfillBeforeUid: batch[batch.length - 1]! });
    });
    if (done) {
      await writer.flush({ backfillBeforeUid: null });
      await writer.drain();
      const since = ctx.limits.windowDays > 0 ? windowStart(ctx.limits.windowDays) : null;
      summary.removed += await retireOldUidValidity(db, mailbox, target, since);
    } else summary.backfillPending = true;
  }

  await writer.flush({
    highestModseq: box.highestModseq ?? null,
    messages: status.messages ?? null,
    unseen: status.unseen ?? null,
  });
  await writer.drain();
  // Read elsewhere, or gone from the server: the open tabs' unread count moves without new mail.
  if (summary.flagUpdates > 0 || summary.removed > 0) await announceUnreadChange(db, mailbox.orgId);
  return {
    ...summary,
    imported: writer.imported,
    duplicates: writer.duplicates,
    quarantined: writer.quarantined,
  };
}

/** Runs `work` on consecutive batches of `uids` until done or out of time; true when all were done. */
async function inBatches(ctx: SyncContext, uids: number[], work: (batch: number[]) => Promise<void>) {
  for (let i = 0; i < uids.length; i += ctx.limits.batchSize) {
    if (outOfTime(ctx)) return false;
    await work(uids.slice(i, i + ctx.limits.batchSize));
  }
  return true;
}

function isUnchanged(cursor: InboxFolderCursor, status: StatusObject, condstore: boolean): boolean {
  if (status.uidValidity === undefined || cursor.uidValidity !== Number(status.uidValidity)) return false;
  if (cursor.backfillBeforeUid !== null) return false;
  if ((status.uidNext ?? Number.MAX_SAFE_INTEGER) - 1 > cursor.lastUid) return false;
  // An expunge lowers MESSAGES; it is compared even with CONDSTORE (no QRESYNC to report it).
  if (cursor.messages !== (status.messages ?? null)) return false;
  if (condstore && status.highestModseq !== undefined && cursor.highestModseq !== null) {
    return cursor.highestModseq === status.highestModseq;
  }
  return cursor.unseen === (status.unseen ?? null) && cursor.messages === (status.messages ?? null);
}

function windowStart(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}
