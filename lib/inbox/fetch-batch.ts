// Fetches one batch of UIDs of the open folder and hands every message to the writer, parsed or
// quarantined. UIDs already handled at this location are skipped (counted as duplicates). Sizes come first, so a message over the limit is quarantined without downloading
// it; bodies are then streamed one message at a time (imapflow waits for us), so memory holds
// one message's source plus what the writer has not flushed yet.
import type { FetchMessageObject } from 'imapflow';
import type { BatchWriter } from './batch-writer';
import { contentDigestOf, externalIdOf, headerBlockOf } from './external-id';
import { knownLocations } from './known-locations';
import { type ParsedMessage, parseMessage } from './parse-message';
import type { FetchedMessage } from './store-messages';
import { type SyncContext, uidSet } from './sync-context';

export type BatchTarget = { folder: string; uidValidity: number };

export async function fetchBatch(
  ctx: SyncContext,
  target: BatchTarget,
  uids: number[],
  writer: BatchWriter,
): Promise<void> {
  if (uids.length === 0) return;
  const { client, limits } = ctx;
  const known = await knownLocations(ctx.db, ctx.mailbox, target, uids);
  writer.countDuplicates(known.size);
  const fresh = uids.filter((uid) => !known.has(uid));
  if (fresh.length === 0) return;
  const meta = await client.fetchAll(
    uidSet(fresh),
    { uid: true, size: true, flags: true, internalDate: true },
    { uid: true },
  );

  const tooLarge = meta.filter((m) => (m.size ?? 0) > limits.maxMessageBytes);
  if (tooLarge.length > 0) {
    const heads = await client.fetchAll(
      uidSet(tooLarge.map((m) => m.uid)),
      { uid: true, headers: true },
      { uid: true },
    );
    const headByUid = new Map(heads.map((h) => [h.uid, h.headers ?? Buffer.alloc(0)]));
    for (const m of tooLarge) {
      const headerBlock = headByUid.get(m.uid) ?? Buffer.alloc(0);
      await writer.addQuarantined({
        fetched: fetchedOf(m, target, headerBlock),
        error: `Too large to import: ${megabytes(m.size ?? 0)} MB, over the ${megabytes(limits.maxMessageBytes)} MB limit (INBOX_MAX_MESSAGE_MB).`,
        headerBlock,
        raw: null,
      });
    }
  }

  const toDownload = meta.filter((m) => (m.size ?? 0) <= limits.maxMessageBytes).map((m) => m.uid);
  if (toDownload.length === 0) return;
  for await (const msg of client.fetch(
    uidSet(toDownload),
    { uid: true, flags: true, size: true, internalDate: true, source: true },
    { uid: true },
  )) {
    const source = msg.source;
    const headerBlock = source ? headerBlockOf(source) : Buffer.alloc(0);
    const fetched = fetchedOf(msg, target, headerBlock, source ?? null);
    if (!source) {
      await writer.addQuarantined({
        fetched,
        error: 'The server returned no content for this message.',
        headerBlock,
        raw: null,
      });
      continue;
    }
    let parsed: ParsedMessage;
    try {
      parsed = await parseMessage(source);
    } catch (error) {
      await writer.addQuarantined({
        fetched,
        error: `Could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
        headerBlock,
        raw: source,
      });
      continue;
    }
    await writer.addParsed({ fetched, parsed });
  }
}

function fetchedOf(
  msg: FetchMessageObject,
  target: BatchTarget,
  headerBlock: Buffer,
  source: Buffer | null = null,
): FetchedMessage {
  const size = msg.size ?? msg.source?.length ?? 0;
  const received = msg.internalDate ? new Date(msg.internalDate) : new Date();
  const contentDigest = source ? contentDigestOf(source) : null;
  return {
    folder: target.folder,
    uid: msg.uid,
    uidValidity: target.uidValidity,
    externalId: externalIdOf({ emailId: msg.emailId, contentDigest, headerBlock, size }),
    contentDigest,
    size,
    seen: msg.flags?.has('\\Seen') ?? false,
    receivedAt: Number.isNaN(received.getTime()) ? new Date() : received,
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
