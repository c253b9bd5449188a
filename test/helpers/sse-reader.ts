// Reads a text/event-stream response the way an EventSource would: frames split on blank lines,
// `id:` / `event:` / `data:` / `retry:` fields, `:` comments. Tests wait for a number of events or the end.
export type SseEvent = { id?: string; event?: string; data: string; json: unknown };

export type SseReader = {
  events: SseEvent[];
  comments: string[];
  retry?: number;
  /** Resolves once `count` events have arrived (rejects if the stream ends first or after `ms`). */
  waitForEvents: (count: number, ms?: number) => Promise<SseEvent[]>;
  /** Resolves when the server closes the stream. */
  closed: Promise<void>;
  isClosed: () => boolean;
  cancel: () => Promise<void>;
};

export function readSse(res: Response): SseReader {
  if (!res.body) throw new Error('response has no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const state: SseReader = {
    events: [],
    comments: [],
    waitForEvents: (count, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${state.events.length} of ${count} events after ${ms} ms`)),
          ms,
        );
        const check = () => {
          if (state.events.length >= count) {
            clearTimeout(timer);
            resolve(state.events.slice(0, count));
            return true;
          }
          if (done) {
            clearTimeout(timer);
            reject(new Error(`stream closed after ${state.events.length} of ${count} events`));
            return true;
          }
          return false;
        };
        if (!check()) waiters.push(check);
      }),
    closed: Promise.resolve(),
    isClosed: () => done,
    cancel: async () => {
      await reader.cancel().catch(() => {});
    },
  };
  let done = false;
  let waiters: (() => boolean)[] = [];
  const notify = () => {
    waiters = waiters.filter((w) => !w());
  };
  let buffer = '';
  state.closed = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        let boundary = buffer.indexOf('\n\n');
        while (boundary !== -1) {
          parseFrame(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
        }
        notify();
      }
    } catch {
      // cancelled by the test
    } finally {
      done = true;
      notify();
    }
  })();

  function parseFrame(frame: string) {
    const event: Partial<SseEvent> & { dataLines: string[] } = { dataLines: [] };
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) state.comments.push(line.slice(1).trim());
      else if (line.startsWith('id:')) event.id = line.slice(3).trim();
      else if (line.startsWith('event:')) event.event = line.slice(6).trim();
      else if (line.startsWith('retry:')) state.retry = Number(line.slice(6).trim());
      else if (line.startsWith('data:')) event.dataLines.push(line.slice(5).replace(/^ /, ''));
    }
    if (event.dataLines.length === 0) return;
    const data = event.dataLines.join('\n');
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
    state.events.push({ id: event.id, event: event.event, data, json });
  }

  return state;
}
