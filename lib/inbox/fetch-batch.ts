// Fetches one batch of UIDs of the open folder and hands every message to the writer, parsed or
// quarantined. Sizes come first, so a message over the limit is quarantined without downloading
// it; bodies are then streamed one message at a time (imapflow waits for us), so memory holds
// one message's source plus what the writer has not flushed yet.
import type { FetchMessageObject } from 'imapflow';
import type { BatchWriter } from './batch-writer';
import { externalIdOf, headerBlockOf } from './external-id';
import { matchKnownMessages } from './match-known-messages';
import { type ParsedMessage, parseMessage } from './parse-message';
import type { FetchedMessage } from './store-messages';
import { type SyncContext, uidSet } from './sync-context';

export type BatchTarget = { folder: string; uidValidity: number };

export async function fetchBatch(
  ctx: SyncContext,
  target: BatchTarget,
  uids: number[],
  writer: BatchWriter,
  options: { matchKnown: boolean },
): Promise<void> {
  if (uids.length === 0) return;
  const { client, limits } = ctx;
  const meta = await client.fetchAll(
    uidSet(uids),
    { uid: true, size: true, flags: true, internalDate: true, headers: options.matchKnown },
    { uid: true },
  );
  let wanted = meta;

  if (options.matchKnown) {
    const described = meta.map((m) => fetchedOf(m, target, m.headers ?? Buffer.alloc(0)));
    const known = await matchKnownMessages(ctx.db, ctx.mailbox, described);
    writer.countDuplicates(described.filter((d) => known.has(d.externalId)).length);
    wanted = meta.filter((_m, i) => !known.has(described[i]!.externalId));
  }

  const tooLarge = wanted.filter((m) => (m.size ?? 0) > limits.maxMessageBytes);
  if (tooLarge.length > 0) {
    const heads = options.matchKnown
      ? tooLarge
      : await client.fetchAll(
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

  const toDownload = wanted.filter((m) => (m.size ?? 0) <= limits.maxMessageBytes).map((m) => m.uid);
  if (toDownload.length === 0) return;
  const metaByUid = new Map(meta.map((m) => [m.uid, m]));
  for await (const msg of client.fetch(
    uidSet(toDownload),
    { uid: true, flags: true, size: true, internalDate: true, source: true },
    { uid: true },
  )) {
    const source = msg.source;
    const headerBlock = source ? headerBlockOf(source) : (metaByUid.get(msg.uid)?.headers ?? Buffer.alloc(0));
    const fetched = fetchedOf(msg, target, headerBlock);
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

function fetchedOf(msg: FetchMessageObject, target: BatchTarget, headerBlock: Buffer): FetchedMessage {
  const size = msg.size ?? msg.source?.length ?? 0;
  const received = msg.internalDate ? new Date(msg.internalDate) : new Date();
  return {
    folder: target.folder,
    uid: msg.uid,
    uidValidity: target.uidValidity,
    externalId: externalIdOf({ emailId: msg.emailId, headerBlock, size }),
    size,
    seen: msg.flags?.has('\\Seen') ?? false,
    receivedAt: Number.isNaN(received.getTime()) ? new Date() : received,
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
