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
