// The outbox benchmark's SMTP sink, in a process of its own so that neither the raw nodemailer run
// nor the Mailroom worker shares a CPU thread with it. Speaks over IPC: `reset`, then `wait` for a
// count; answers with the first and last arrival times.
import { startSmtpSink } from '../helpers/smtp-sink';

const sink = await startSmtpSink({ auth: false, tls: false, keepRaw: false });
let from = 0;
const send = (m: unknown) => process.send?.(m);

process.on('message', async (m: { type: 'reset' } | { type: 'wait'; count: number; timeoutMs: number }) => {
  if (m.type === 'reset') {
    from = sink.received.length;
    send({ type: 'reset' });
    return;
  }
  try {
    await sink.waitFor(from + m.count, m.timeoutMs);
    const mine = sink.received.slice(from);
    const ids = new Set(mine.map((r) => r.messageId));
    send({
      type: 'done',
      count: mine.length,
      distinct: ids.size,
      first: mine[0]!.receivedAt,
      last: mine[m.count - 1]!.receivedAt,
    });
  } catch (error) {
    send({ type: 'error', message: String(error) });
  }
});
process.on('disconnect', () => void sink.close().then(() => process.exit(0)));
send({ type: 'ready', port: sink.port });
