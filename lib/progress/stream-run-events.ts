// A run's events as a text/event-stream: first those after Last-Event-ID (or all) from the table,
// then new ones as the hub hears them commit. Subscribing before replaying closes the gap between
// the two; sequence numbers drop what both delivered and reveal what neither did (then the table
// is read again). A finished run replays and closes; so does a live stream at its `complete`.
// Each event is named by its kind (`event: start|progress|error|complete`), so a client listens
// with addEventListener('complete', …); `onmessage` hears none of them.
import type { Db } from '../db/client';
import type { Run } from '../db/schema/progress';
import { listRunEvents } from './list-run-events';
import type { RunEventMessage } from './progress.schema';
import type { HubMessage, RunEventHub } from './run-event-hub';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression (Next's included) from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx and friends: do not buffer.
  'X-Accel-Buffering': 'no',
} as const;

export type StreamRunEventsOptions = {
  run: Run;
  afterSeq: number;
  hub: RunEventHub;
  db: Db;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** What the browser waits before reconnecting after a drop. */
  retryMs?: number;
};

/** A viewer this far behind (bytes queued, unread) is dropped; its EventSource resumes by seq. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
const REPLAY_PAGE = 500;

const encoder = new TextEncoder();
// Many viewers of one run get the same event object from the hub: encode it once.
const frames = new WeakMap<RunEventMessage, Uint8Array>();

function frameOf(event: RunEventMessage): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(`id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

export function streamRunEvents(options: StreamRunEventsOptions): Response {
  const { run, hub, db, signal } = options;
  let lastSent = options.afterSeq;
  let lastKind: RunEventMessage['kind'] | undefined;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // Everything that writes runs one after another, in arrival order.
  let work: Promise<void> = Promise.resolve();

  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
    signal.removeEventListener('abort', cleanup);
    try {
      controller.close();
    } catch {
      // already closed or errored by the client going away
    }
  };

  const write = (bytes: Uint8Array) => {
    if (closed) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return cleanup();
    try {
      controller.enqueue(bytes);
    } catch {
      cleanup();
    }
  };

  const send = (event: RunEventMessage) => {
    write(frameOf(event));
    lastSent = event.seq;
    lastKind = event.kind;
  };

  const catchUp = async () => {
    for (;;) {
      if (closed) return;
      const page = await listRunEvents(db, run.id, lastSent, REPLAY_PAGE);
      for (const event of page) send(event);
      if (page.length < REPLAY_PAGE) return;
    }
  };

  const onMessage = async (message: HubMessage) => {
    if (closed || message.seq <= lastSent) return;
    if ('truncated' in message || message.seq > lastSent + 1) {
      await catchUp();
    } else {
      send(message);
    }
    if (lastKind === 'complete') cleanup();
  };

  let queued = 0;
  const enqueueWork = (fn: () => Promise<void>) => {
    queued++;
    work = work
      .then(fn)
      .catch(() => cleanup())
      .finally(() => {
        queued--;
      });
  };

  const onEvent = (message: HubMessage) => {
    // The common case, a thousand times per event with a thousand viewers: nothing is being
    // replayed and this is the next event — write it now, without a trip through the queue.
    if (queued === 0 && !closed && !('truncated' in message) && message.seq === lastSent + 1) {
      send(message);
      if (message.kind === 'complete') cleanup();
      return;
    }
    if (queued === 0 && message.seq <= lastSent) return;
    enqueueWork(() => onMessage(message));
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      async start(c) {
        controller = c;
        if (signal.aborted) return cleanup();
        signal.addEventListener('abort', cleanup);
        write(encoder.encode(`retry: ${options.retryMs ?? 2000}\n: run ${run.id}\n\n`));
        try {
          unsubscribe = await hub.subscribe(run.id, {
            onEvent,
            onResync: () =>
              enqueueWork(async () => {
                await catchUp();
                if (lastKind === 'complete') cleanup();
              }),
          });
        } catch {
          return cleanup();
        }
        if (closed) return unsubscribe();
        enqueueWork(async () => {
          await catchUp();
          if (lastKind === 'complete' || (run.status !== 'running' && lastSent >= run.lastSeq)) cleanup();
        });
        heartbeat = setInterval(
          () => write(encoder.encode(': heartbeat\n\n')),
          options.heartbeatMs ?? 15_000,
        );
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );

  return new Response(stream, { headers: SSE_HEADERS });
}
