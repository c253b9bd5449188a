// An IMAP server that looks like Gmail's where the inbox cares: a proxy in front of the test
// Dovecot that advertises X-GM-EXT-1 and answers FETCH X-GM-MSGID with a decimal id derived from
// Dovecot's per-message GUID (FETCH X-GUID), so a client that asks Gmail for its message ids gets
// stable server ids. Everything else passes through untouched; literals (message bodies) are
// copied byte for byte, never rewritten.
import crypto from 'node:crypto';
import net from 'node:net';

export type GmailImapProxy = {
  host: string;
  port: number;
  /** FETCH commands that asked for X-GM-MSGID. */
  msgidFetches: number;
  close: () => Promise<void>;
};

export async function startGmailImapProxy(upstream: { host: string; port: number }): Promise<GmailImapProxy> {
  const sockets = new Set<net.Socket>();
  const state = { msgidFetches: 0 };
  const server = net.createServer((client) => {
    const server = net.connect(upstream.port, upstream.host);
    sockets.add(client).add(server);
    const end = () => {
      client.destroy();
      server.destroy();
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (!/X-GM-MSGID/i.test(text)) return void server.write(chunk);
      state.msgidFetches++;
      server.write(Buffer.from(text.replace(/X-GM-MSGID/gi, 'X-GUID'), 'latin1'));
    });
    let pending = Buffer.alloc(0);
    let literal = 0;
    server.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const out: Buffer[] = [];
      for (;;) {
        if (literal > 0) {
          const n = Math.min(literal, pending.length);
          if (n === 0) break;
          out.push(pending.subarray(0, n));
          pending = pending.subarray(n);
          literal -= n;
          continue;
        }
        const eol = pending.indexOf('\r\n');
        if (eol < 0) break;
        const line = rewrite(pending.subarray(0, eol + 2).toString('latin1'));
        pending = pending.subarray(eol + 2);
        out.push(Buffer.from(line, 'latin1'));
        const size = /\{(\d+)\+?\}\r\n$/.exec(line);
        if (size) literal = Number(size[1]);
      }
      if (out.length) client.write(Buffer.concat(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as net.AddressInfo).port,
    get msgidFetches() {
      return state.msgidFetches;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One response line (outside literals): Gmail's capability and message id in place of Dovecot's. */
function rewrite(line: string): string {
  return line
    .replace(/\bCAPABILITY IMAP4rev1\b/i, 'CAPABILITY IMAP4rev1 X-GM-EXT-1')
    .replace(
      /\bX-GUID ("[^"]*"|[^\s)]+)/i,
      (_, guid: string) => `X-GM-MSGID ${gmailId(guid.replace(/"/g, ''))}`,
    );
}

/** A 64-bit decimal like Gmail's, from Dovecot's GUID (hex, or a Maildir base name). */
export function gmailId(guid: string): string {
  return BigInt(`0x${crypto.createHash('sha256').update(guid).digest('hex').slice(0, 16)}`).toString();
}
