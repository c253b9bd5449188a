// The main thread's side of the sending threads (smtp-thread.ts): an SMTP Transport whose sends run
// on a small pool of threads, spread evenly; each thread keeps its own pooled connections to the
// account's server (together about the account's maxConnections). Used by the worker and the cron
// CLI only; "test connection" and Mailroom's own mail stay on the calling thread.
import { Worker } from 'node:worker_threads';
import type { AuthSource } from '../../credentials/account-auth-source';
import type { SmtpSettings } from './smtp';
import type { ThreadReply, ThreadRequest } from './smtp-thread';
import type { OutgoingMail, SendResult, Transport } from './transport';

type Pending = { resolve: (r: SendResult) => void; reject: (e: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; queue: ThreadRequest[] };

let threads: Thread[] = [];
let nextId = 1;
let turn = 0;

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

function pick(count: number): Thread {
  while (threads.length < count) threads.push(spawn());
  turn = (turn + 1) % threads.length;
  return threads[turn]!;
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
  const perThread = {
    ...settings,
    maxConnections: Math.max(1, Math.ceil((settings.maxConnections ?? 5) / threadCount)),
  };
  return {
    send: async (mail: OutgoingMail) => {
      const signIn = await auth.get();
      return new Promise<SendResult>((resolve, reject) => {
        const thread = pick(threadCount);
        const id = nextId++;
        thread.pending.set(id, { resolve, reject });
        post(thread, { type: 'send', id, key, settings: perThread, auth: signIn, mail });
      });
    },
    verify: async () => ({ ok: false, message: 'verify runs on the calling thread' }),
    close: () => {},
  };
}

/** Ends the sending threads (worker shutdown, end of a cron run, tests). */
export async function stopSmtpThreads(): Promise<void> {
  const all = threads;
  threads = [];
  await Promise.all(all.map((t) => t.worker.terminate()));
}
