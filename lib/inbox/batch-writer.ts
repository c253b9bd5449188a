// Collects what a fetch produces (parsed messages, quarantined ones) and writes it in one
// transaction together with the cursor move that accounts for it. Writes run in the background,
// one at a time and in order, while the next batch is fetched and parsed; flushing early when the
// pending bytes grow keeps memory flat however large the messages are.
import type { Db } from '../db/client';
import type { InboxMailbox } from '../db/schema/inbox';
import { type CursorPatch, moveCursor } from './folder-cursor';
import { type QuarantineItem, quarantineMessages } from './quarantine-messages';
import { type ParsedItem, storeMessages } from './store-messages';

const MAX_PENDING_BYTES = 32 * 1024 * 1024;

export class BatchWriter {
  imported = 0;
  duplicates = 0;
  quarantined = 0;
  private parsed: ParsedItem[] = [];
  private rejected: QuarantineItem[] = [];
  private pendingBytes = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly mailbox: Pick<InboxMailbox, 'id' | 'orgId'>,
    private readonly cursorId: string,
  ) {}

  async addParsed(item: ParsedItem): Promise<void> {
    this.parsed.push(item);
    await this.grew(item.fetched.size);
  }

  async addQuarantined(item: QuarantineItem): Promise<void> {
    this.rejected.push(item);
    await this.grew(item.raw?.length ?? 0);
  }

  /** Messages that were already stored (matched by external id without downloading). */
  countDuplicates(n: number): void {
    this.duplicates += n;
  }

  /**
   * Starts writing everything pending and, in the same transaction, moves the cursor. Returns
   * once the previous write is done (so at most two batches are ever in memory); a failed write
   * is thrown by the next flush() or drain().
   */
  async flush(cursor: CursorPatch = {}): Promise<void> {
    await this.inFlight;
    const parsed = this.parsed;
    const rejected = this.rejected;
    this.parsed = [];
    this.rejected = [];
    this.pendingBytes = 0;
    if (parsed.length === 0 && rejected.length === 0 && Object.keys(cursor).length === 0) return;
    this.inFlight = this.writeResilient(parsed, rejected, cursor);
    // Reported by the next flush()/drain(); this only keeps Node from calling it unhandled.
    this.inFlight.catch(() => {});
  }

  /** Waits for the last write. */
  async drain(): Promise<void> {
    await this.inFlight;
  }

  private async writeResilient(parsed: ParsedItem[], rejected: QuarantineItem[], cursor: CursorPatch) {
    try {
      await this.write(parsed, rejected, cursor);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      // One row the database refuses must not block the batch: store one by one, and quarantine
      // what still fails with the database's reason.
      for (const item of parsed) {
        try {
          await this.write([item], [], {});
        } catch (itemError) {
          if (isConnectionError(itemError)) throw itemError;
          rejected.push({
            fetched: item.fetched,
            error: `Could not be stored: ${databaseMessage(itemError)}`,
            headerBlock: Buffer.alloc(0),
            raw: null,
          });
        }
      }
      await this.write([], rejected, cursor);
    }
  }

  private async write(parsed: ParsedItem[], rejected: QuarantineItem[], cursor: CursorPatch): Promise<void> {
    const result = await this.db.transaction(async (tx) => {
      const stored = await storeMessages(tx, this.mailbox, parsed);
      const quarantined = await quarantineMessages(tx, this.mailbox, rejected);
      await moveCursor(tx, this.cursorId, cursor);
      return { ...stored, quarantined };
    });
    this.imported += result.imported;
    this.duplicates += result.duplicates + (rejected.length - result.quarantined);
    this.quarantined += result.quarantined;
  }

  private async grew(bytes: number): Promise<void> {
    this.pendingBytes += bytes;
    if (this.pendingBytes >= MAX_PENDING_BYTES) await this.flush();
  }
}

/** The database being unreachable is the run's failure, not a message's. */
function isConnectionError(error: unknown): boolean {
  const e = (error instanceof Error && error.cause instanceof Error ? error.cause : error) as {
    code?: string;
  };
  return typeof e?.code === 'string' && /^(ECONN|ETIMEDOUT|CONNECTION_|57P|08)/.test(e.code);
}

function databaseMessage(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}
