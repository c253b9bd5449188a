// Structured JSON lines to stdout. Secrets never reach a log: the redact list is the safety net,
// the real rule is that code never passes them.
import pino from 'pino';
import { serializeError } from './log-error';

export const logOptions: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL || 'info',
  base: { pid: process.pid },
  // Every `{ err }` logged anywhere (routes, worker, jobs) goes through this: no SQL parameters.
  serializers: { err: serializeError, error: serializeError },
  redact: {
    paths: [
      'password',
      '*.password',
      'secret',
      '*.secret',
      'token',
      '*.token',
      'apiKey',
      '*.apiKey',
      'authorization',
      '*.authorization',
    ],
    censor: '[redacted]',
  },
};

export const log = pino(logOptions);

type LineWriter = { write: (line: string) => void };

/**
 * For code that logs one line per item of a batch (the outbox: one per message attempt): the same
 * lines as `log` writes — level, time, pid, fields, msg — collected and written to the log's
 * destination at once by `flush()`, one write for the batch instead of one per line. Without the
 * redact pass: only for fields that are ids, counts and short words (no key it would censor), which
 * is where it cost a 10,000-message batch most of its logging time.
 */
export function batchLog(): { log: pino.Logger; flush: () => void } {
  const lines: string[] = [];
  const collector: LineWriter = { write: (line) => void lines.push(line) };
  const { redact: _redact, ...options } = logOptions;
  const batch = pino({ ...options, level: log.level }, collector);
  return {
    log: batch,
    flush: () => {
      if (lines.length === 0) return;
      const text = lines.join('');
      lines.length = 0;
      (log as unknown as Record<symbol, LineWriter>)[pino.symbols.streamSym]!.write(text);
    },
  };
}
