// Structured JSON lines to stdout. Secrets never reach a log: the redact list is the safety net,
// the real rule is that code never passes them.
import pino from 'pino';

export const log = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: { pid: process.pid },
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
});
