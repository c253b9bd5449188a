// One mailbox's IDLE connection: INBOX selected read-only and left in IMAP IDLE, restarted every
// INBOX_IDLE_RENEW_MINUTES (servers drop an IDLE after 29 minutes). When the server announces new
// mail (EXISTS), or a message deleted or moved away (EXPUNGE, or VANISHED with QRESYNC), the same
// sync engine as the interval sync runs for INBOX on this same connection (IDLE ends while it runs
// and starts again after), so the change is stored within seconds — without a new connection and
// sign-in per message, which under load was most of the delay. A lost connection is reopened with backoff (1 s doubling to
// 60 s) for as long as this worker holds the mailbox's lease.

import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Db } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { log } from '../log';
import { connectImap, disconnectImap, resolveImapSettings } from './connect';
import { syncMailbox } from './sync-mailbox';

export const PUSH_FOLDER = 'INBOX';

export type WatchOptions = {
  renewMs: number;
  /**
   * Runs a push sync when this worker has room: every sync holds a database connection for its
   * locks, so the worker's push syncs share INBOX_SYNC_CONCURRENCY slots (the pool must not run dry).
   */
  limit: <T>(work: () => Promise<T>) => Promise<T>;
};

/** Connections failed in a row before a watcher gives its IDLE slot to another mailbox for a while. */
export const FAILURES_BEFORE_REST = 3;

export class MailboxWatcher {
  private stopped = false;
  private failures = 0;
  private client: ImapFlow | undefined;
  private syncing: Promise<void> | undefined;
  private again = false;
  private wake: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly db: Db,
    readonly mailboxId: string,
    private readonly options: WatchOptions,
  ) {
    this.done = this.run();
  }

  /** Its server has refused or dropped it several times running: its slot is better used elsewhere. */
  get failing(): boolean {
    return this.failures >= FAILURES_BEFORE_REST;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const client = this.client;
    if (client) await disconnectImap(client);
    await this.done;
    await this.syncing;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const [mailbox] = await this.db
          .select()
          .from(inboxMailboxes)
          .where(eq(inboxMailboxes.id, this.mailboxId));
        if (!mailbox) return;
        const client = await connectImap(await resolveImapSettings(this.db, mailbox), {
          maxIdleTimeMs: this.options.renewMs,
          socketTimeoutMs: this.options.renewMs + 5 * 60_000,
        });
        this.client = client;
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.on('exists', () => this.newMail());
        // VANISHED (EARLIER) answers our own sync's question; only live expunges are news.
        client.on('expunge', (e: { earlier?: boolean }) => {
          if (!e.earlier) this.newMail();
        });
        await client.mailboxOpen(PUSH_FOLDER, { readOnly: true });
        this.failures = 0;
        // Whatever arrived while no connection was watching.
        this.newMail();
        // IDLE until a sync needs the connection (its first command ends IDLE), then again once
        // the sync is done; an IDLE that ends with no sync to wait for means the connection is
        // no longer usable for it: reconnect.
        while (!this.stopped && client.usable) {
          await Promise.race([client.idle(), closed]);
          const syncing = this.syncing;
          if (!syncing || this.stopped) break;
          await syncing;
        }
      } catch (error) {
        this.failures++;
        log.warn(
          { mailboxId: this.mailboxId, err: error, failures: this.failures },
          'inbox push connection failed',
        );
      } finally {
        const client = this.client;
        this.client = undefined;
        if (client) await disconnectImap(client);
      }
      if (this.stopped) break;
      const delay =
        Math.min(60_000, 1000 * 2 ** Math.max(0, this.failures - 1)) * (0.8 + Math.random() * 0.4);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, delay).unref();
      });
    }
  }

  /** Syncs INBOX now; a notice arriving meanwhile runs one more sync after it. */
  private newMail(): void {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = (async () => {
      do {
        this.again = false;
        const outcome = await this.options
          .limit(() =>
            syncMailbox(this.db, this.mailboxId, {
              reason: 'push',
              folders: [PUSH_FOLDER],
              hostWaitMs: 10_000,
              ...(this.client?.usable ? { connection: this.client } : {}),
            }),
          )
          .catch((error) => {
            log.warn({ mailboxId: this.mailboxId, err: error }, 'inbox push sync failed');
            return null;
          });
        // Another run holds the mailbox (the interval sync): try again once it is likely done.
        if (
          outcome?.kind === 'skipped' &&
          (outcome.reason === 'already-running' || outcome.reason === 'host-busy')
        ) {
          this.again = true;
          await new Promise((r) => setTimeout(r, 500));
        }
        if (outcome?.kind === 'synced' && outcome.summary.imported > 0) {
          log.info(
            { mailboxId: this.mailboxId, imported: outcome.summary.imported },
            'inbox push: new mail stored',
          );
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.syncing = undefined;
    });
  }
}
