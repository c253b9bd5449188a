// The set-up most outbox integration files share: one SMTP sink for the whole file and, for files
// that send through the worker, the real worker in this process (on the file's own database, so
// call it after setupTestDatabase()). Started once in beforeAll, stopped in afterAll — the worker
// first, then the sending threads and the sink — before the database is dropped.
//
// The file keeps its own `let sink` / `let worker` (so its tests read as before) and receives them
// through `use`; a test that replaces the worker assigns `started.worker` so it is the one stopped.
import { afterAll, beforeAll } from 'vitest';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { closeRunEventHub } from '@/lib/progress/run-event-hub';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

export type SinkOptions = Parameters<typeof startSmtpSink>[0];

export type Started = { sink: SmtpSink; worker?: RunningWorker };

function setup(options: SinkOptions, withWorker: boolean, use: (started: Started) => void): Started {
  const started = {} as Started;
  beforeAll(async () => {
    started.sink = await startSmtpSink(options);
    if (withWorker) started.worker = await runWorker(registry);
    use(started);
  });
  afterAll(async () => {
    await started.worker?.stop();
    await closeRunEventHub();
    await closeSenderTransports();
    await started.sink?.close();
  });
  return started;
}

/** One SMTP sink for the file. */
export function setupSink(options: SinkOptions, use: (sink: SmtpSink) => void): Started {
  return setup(options, false, (s) => use(s.sink));
}

/** One SMTP sink and the real worker (`worker/registry.ts`, in this process) for the file. */
export function setupSinkAndWorker(
  options: SinkOptions,
  use: (sink: SmtpSink, worker: RunningWorker) => void,
): Started & { worker: RunningWorker } {
  return setup(options, true, (s) => use(s.sink, s.worker!)) as Started & { worker: RunningWorker };
}
