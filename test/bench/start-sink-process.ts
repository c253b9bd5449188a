// The benchmarks' SMTP sink runs in a process of its own (outbox-sink-process.ts), so its CPU is
// not counted against the sender's; this starts it and talks to it over IPC.
import { type ChildProcess, fork } from 'node:child_process';

export type SinkReply = {
  type: string;
  count?: number;
  distinct?: number;
  first?: number;
  last?: number;
  message?: string;
};

export function startSinkProcess(): Promise<{
  child: ChildProcess;
  port: number;
  ask: (m: object) => Promise<SinkReply>;
}> {
  const child = fork('test/bench/outbox-sink-process.ts', [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const ask = (m: object) =>
    new Promise<SinkReply>((resolve) => {
      child.once('message', (r) => resolve(r as SinkReply));
      child.send(m);
    });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port, ask }));
    child.once('error', reject);
  });
}
