// The sending threads share one account's connections: a message goes to a thread with a free
// connection, never behind a message another server answer holds on a busy thread.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createThreadedSmtpTransport, stopSmtpThreads } from '@/lib/mail/transports/smtp-threads';
import type { OutgoingMail } from '@/lib/mail/transports/transport';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';

// The threads read the configuration (the host check), which names a database.
setupTestDatabase();

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ auth: false, tls: false });
});
afterAll(async () => {
  await stopSmtpThreads();
  await sink.close();
});

const mail = (to: string): OutgoingMail => ({
  messageId: `<${to}>`,
  from: { address: 'accounts@example.test' },
  to: [{ address: to }],
  cc: [],
  bcc: [],
  replyTo: null,
  subject: to,
  text: 'x',
  html: null,
  headers: {},
  attachments: [],
});

it('sends through the free connection of another thread while one is held', async () => {
  // Two threads, one connection each for this account.
  const transport = createThreadedSmtpTransport(
    { host: '127.0.0.1', port: sink.port, security: 'none', maxConnections: 2 },
    'threads-test:1',
    2,
    { get: async () => null, forget: () => {} },
  );
  let release!: () => void;
  sink.rules.set('held@example.test', { holdUntil: new Promise<void>((r) => (release = r)), times: 1 });
  try {
    const held = transport.send(mail('held@example.test'));
    await transport.send(mail('first@example.test'));
    // The held message has its thread's only connection; the others take the other thread's.
    await transport.send(mail('second@example.test'));
    await transport.send(mail('third@example.test'));
    expect(sink.received.map((m) => m.to[0])).toEqual([
      'first@example.test',
      'second@example.test',
      'third@example.test',
    ]);
    release();
    await held;
    await waitFor(() => sink.received.length === 4);
  } finally {
    release();
  }
});
