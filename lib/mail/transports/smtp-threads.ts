// The main thread's side of the sending threads (smtp-thread.ts): an SMTP Transport whose sends run
// on a small pool of threads, each message on a thread with a free connection for its account;
// each thread keeps its own pooled connections to the account's server (together at most the
// account's maxConnections in use). Used by the worker and the cron
// CLI only; "test connection" and Mailroom's own mail stay on the calling thread.
import { Worker } from 'node:worker_threads';
import type { AuthSource } from '../../credentials/account-auth-source';
import type { SmtpSettings } from './smtp';
import type { ThreadReply, ThreadRequest } from './smtp-thread';
import type { OutgoingMail, SendResult, Transport } from './transport';

type Pending = { resolve: (r: SendResult) => void; reject: (e: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; queue: ThreadRequest[] };

let threads: Thread[] = [];
/** Counts stopSmtpThreads calls: a send still waiting for a connection then is not started anew. */
let generation = 0;
let nextId = 1;

function spawn(): Thread {
  // tsx compiles the thread's TypeScript (and the project's path aliases), wherever this runs. A
  // process started with --cpu-prof (profiling the worker) profiles its sending threads too.
  const profile = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
  const worker = new Worker(new URL('./smtp-thread.ts', import.meta.url), {
    execArgv: ['--import', 'tsx', ...profile],
  });
  const thread: Thread = { worker, pending: new Map(), queue: [] };
  worker.on('message', (replies: ThreadReply | ThreadReply[]) => {
    for (const m of Array.isArray(replies) ? replies : [replies]) {
      const p = thread.pending.get(m.id);
      if (!p) continue;
      thread.pending.delete(m.id);
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error));
      else p.resolve(m.result!);
    }
  });
  const fail = (why: string) => {
    // Whatever was in flight there has an unknown outcome: a temporary failure, retried later.
    for (const p of thread.pending.values()) {
      p.reject(Object.assign(new Error(`the sending thread stopped (${why})`), { code: 'ECONNECTION' }));
    }
    thread.pending.clear();
    threads = threads.filter((t) => t !== thread);
  };
  worker.on('error', (error) => fail(error.message));
  worker.on('exit', (code) => fail(`exit ${code}`));
  worker.unref();
  return thread;
}

function ensureThreads(count: number): Thread[] {
  while (threads.length < count) threads.push(spawn());
  return threads;
}

/**
 * Requests made in the same turn of the event loop (a batch's lanes starting, several answers
 * arriving together) go to a thread in one message: each message wakes the thread.
 */
function post(thread: Thread, request: ThreadRequest): void {
  thread.queue.push(request);
  if (thread.queue.length === 1) setImmediate(() => thread.worker.postMessage(thread.queue.splice(0)));
}

/**
 * One account's free connections across the threads. A send goes to a thread only when one of
 * that thread's connections for the account is free, otherwise it waits here, in order: handed to
 * a busy thread it would queue behind whatever holds that thread's connections (a slow server
 * answer, a big attachment) while another thread's connection stood idle — a password reset
 * waiting behind one held bulk email. Together the threads never have more of the account's
 * messages out than its maxConnections.
 */
function threadSlots(total: number, perThread: number, threadCount: number) {
  const busy = new Map<Thread, number>();
  const waiting: (() => void)[] = [];
  let out = 0;
  const free = (): Thread | undefined => {
    if (out >= total) return undefined;
    let best: Thread | undefined;
    for (const t of ensureThreads(threadCount)) {
      const n = busy.get(t) ?? 0;
      if (n < perThread && (!best || n < (busy.get(best) ?? 0))) best = t;
    }
    return best;
  };
  return {
    async take(): Promise<Thread> {
      // A newcomer waits behind those already waiting; one woken and beaten to the connection
      // goes back to the front.
      const started = generation;
      for (let woken = false; ; woken = true) {
        if (generation !== started) {
          // As for what was on a thread when it stopped: a temporary failure, retried later. The
          // next one waiting hears it too.
          waiting.shift()?.();
          throw Object.assign(new Error('the sending thread stopped (stopped)'), { code: 'ECONNECTION' });
        }
        const t = woken || waiting.length === 0 ? free() : undefined;
        if (t) {
          busy.set(t, (busy.get(t) ?? 0) + 1);
          out++;
          return t;
        }
        await new Promise<void>((resolve) => (woken ? waiting.unshift(resolve) : waiting.push(resolve)));
      }
    },
    give(t: Thread): void {
      const n = (busy.get(t) ?? 1) - 1;
      if (n > 0) busy.set(t, n);
      else busy.delete(t);
      out--;
      waiting.shift()?.();
    },
  };
}

/**
 * An account's SMTP transport on the sending threads. `key` changes when the account's connection
 * settings do; the sign-in is read from `auth` on this thread (the threads never see the database)
 * and travels with each message.
 */
export function createThreadedSmtpTransport(
  settings: SmtpSettings,
  key: string,
  threadCount: number,
  auth: AuthSource,
): Transport {
  const connections = settings.maxConnections ?? 5;
  const perThread = { ...settings, maxConnections: Math.max(1, Math.ceil(connections / threadCount)) };
  const slots = threadSlots(connections, perThread.maxConnections, threadCount);
  return {
    send: async (mail: OutgoingMail) => {
      const signIn = await auth.get();
      const thread = await slots.take();
      try {
        return await new Promise<SendResult>((resolve, reject) => {
          const id = nextId++;
          thread.pending.set(id, { resolve, reject });
          post(thread, { type: 'send', id, key, settings: perThread, auth: signIn, mail });
        });
      } finally {
        slots.give(thread);
      }
    },
    verify: async () => ({ ok: false, message: 'verify runs on the calling thread' }),
    close: () => {},
  };
}

/** Ends the sending threads (worker shutdown, end of a cron run, tests). */
export async function stopSmtpThreads(): Promise<void> {
  generation++;
  const all = threads;
  threads = [];
  await Promise.all(all.map((t) => t.worker.terminate()));
}
