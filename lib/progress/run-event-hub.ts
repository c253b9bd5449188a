// The web process's one ear on progress: a single LISTEN connection (postgres.js `listen`) whose
// notifications are fanned out in memory to every SSE stream of the process, plus one connection
// for the streams' replays. So a thousand viewers cost two database connections and no polling;
// cached on globalThis so Next's hot reload does not open more.
import crypto from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '../db/client';
import { env } from '../env';
import { log } from '../log';
import { PROGRESS_CHANNEL } from './append-run-event';
import type { RunEventMessage } from './progress.schema';

/** What a notification carries: the event, or (when too big for NOTIFY) only its number. */
export type HubMessage = RunEventMessage | { runId: string; seq: number; truncated: true };

export type HubSubscriber = {
  onEvent: (message: HubMessage) => void;
  /** The listener was down for a while: events may have been missed, read them from the table. */
  onResync: () => void;
};

/** How often a process checks that its LISTEN connection still hears (only while someone watches). */
const WATCHDOG_INTERVAL_MS = 10_000;
const WATCHDOG_TIMEOUT_MS = 5_000;

export class RunEventHub {
  /** Reads for the streams (run lookup, replays): one connection, whatever the number of viewers. */
  readonly db: Db;
  private readonly querySql: postgres.Sql;
  private listenSql: postgres.Sql | undefined;
  private listening: Promise<void> | undefined;
  private readonly subscribers = new Map<string, Set<HubSubscriber>>();
  private watchdog: NodeJS.Timeout | undefined;
  private readonly pingToken = crypto.randomUUID();
  /** Other channels heard on the same LISTEN connection (the inbox's new mail), fanned out in memory. */
  private readonly channels = new Map<
    string,
    { listening: Promise<unknown>; handlers: Set<(payload: string) => void> }
  >();
  private pongAt = 0;

  constructor(readonly url: string) {
    this.querySql = postgres(url, {
      max: 1,
      connect_timeout: 5,
      onnotice: () => {},
      connection: { application_name: 'mailroom-progress' },
    });
    this.db = drizzle(this.querySql, { casing: 'snake_case' });
  }

  /** Starts hearing this run's events; resolves once the LISTEN is in place. */
  async subscribe(runId: string, subscriber: HubSubscriber): Promise<() => void> {
    await this.ensureListening();
    let set = this.subscribers.get(runId);
    if (!set) {
      set = new Set();
      this.subscribers.set(runId, set);
    }
    set.add(subscriber);
    this.startWatchdog();
    return () => {
      const current = this.subscribers.get(runId);
      current?.delete(subscriber);
      if (current?.size === 0) this.subscribers.delete(runId);
    };
  }

  /**
   * Hears another channel on the process's one LISTEN connection: each payload goes to every handler
   * of the process. Resolves once the LISTEN is in place; the returned function stops this handler.
   */
  async onChannel(channel: string, handler: (payload: string) => void): Promise<() => void> {
    await this.ensureListening();
    let entry = this.channels.get(channel);
    if (!entry) {
      const handlers = new Set<(payload: string) => void>();
      const listening = this.listenSql!.listen(channel, (payload) => {
        for (const h of handlers) h(payload);
      }).catch((error) => {
        this.channels.delete(channel);
        throw error;
      });
      entry = { listening, handlers };
      this.channels.set(channel, entry);
    }
    entry.handlers.add(handler);
    await entry.listening;
    return () => {
      entry.handlers.delete(handler);
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    await Promise.all([this.listenSql?.end({ timeout: 1 }), this.querySql.end({ timeout: 1 })]);
  }

  private ensureListening(): Promise<void> {
    this.listening ??= this.listen().catch((error) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  private async listen(): Promise<void> {
    const sql = postgres(this.url, {
      max: 1,
      connect_timeout: 5,
      onnotice: () => {},
      connection: { application_name: 'mailroom-progress-listen' },
    });
    this.listenSql = sql;
    let first = true;
    await sql.listen(
      PROGRESS_CHANNEL,
      (payload) => this.dispatch(payload),
      () => {
        // postgres.js re-LISTENs after a dropped connection: whatever was sent meanwhile is lost.
        if (!first) this.resyncAll('listener reconnected');
        first = false;
      },
    );
  }

  private dispatch(payload: string): void {
    let message: HubMessage | { ping: string };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if ('ping' in message) {
      if (message.ping === this.pingToken) this.pongAt = Date.now();
      return;
    }
    const set = this.subscribers.get(message.runId);
    if (!set) return;
    for (const subscriber of set) subscriber.onEvent(message);
  }

  private resyncAll(reason: string): void {
    log.warn({ reason, subscribers: this.subscriberCount }, 'progress listener resynchronising streams');
    for (const set of this.subscribers.values()) for (const s of set) s.onResync();
  }

  /**
   * postgres.js gives up re-listening if the database is unreachable at the moment the connection
   * drops. So while anyone watches, the process NOTIFYs itself now and then; unheard, it starts a
   * fresh listener and tells the streams to catch up from the table.
   */
  private startWatchdog(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => void this.checkListener(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
  }

  private async checkListener(): Promise<void> {
    if (this.subscribers.size === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      return;
    }
    const sentAt = Date.now();
    try {
      await this.querySql`select pg_notify(${PROGRESS_CHANNEL}, ${JSON.stringify({ ping: this.pingToken })})`;
    } catch {
      return; // the database is down: nothing to hear anyway; try again next round
    }
    await new Promise((resolve) => setTimeout(resolve, WATCHDOG_TIMEOUT_MS).unref());
    if (this.pongAt >= sentAt) return;
    log.warn('progress listener deaf: reconnecting');
    const old = this.listenSql;
    this.listening = undefined;
    // Channels listen again on the new connection, their handlers kept.
    const channels = [...this.channels];
    this.channels.clear();
    void old?.end({ timeout: 0 }).catch(() => {});
    try {
      await this.ensureListening();
      for (const [channel, { handlers }] of channels)
        for (const h of handlers) await this.onChannel(channel, h);
      this.resyncAll('listener restarted');
    } catch (error) {
      log.error({ err: error }, 'progress listener could not reconnect');
    }
  }
}

const globalForHub = globalThis as unknown as { __mailroomRunEventHub?: RunEventHub };

/** The process's hub, for the configured database. */
export function getRunEventHub(): RunEventHub {
  const url = env().databaseUrl;
  const current = globalForHub.__mailroomRunEventHub;
  if (!current || current.url !== url) {
    void current?.close();
    globalForHub.__mailroomRunEventHub = new RunEventHub(url);
  }
  return globalForHub.__mailroomRunEventHub!;
}

/** Closes the process's hub (tests, shutdown). */
export async function closeRunEventHub(): Promise<void> {
  const hub = globalForHub.__mailroomRunEventHub;
  globalForHub.__mailroomRunEventHub = undefined;
  await hub?.close();
}
