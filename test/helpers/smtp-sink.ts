// A real SMTP server for tests (smtp-server): AUTH PLAIN/LOGIN (and XOAUTH2, each bearer token
// checked at an OAuth server's introspection endpoint as a provider would), STARTTLS with a self-signed
// certificate made at start (openssl), and faults on demand — a given reply for given recipients
// (421/451/550/5.4.5…), a dropped connection, a slow server, or no server at all. Keeps every
// message it accepted, raw, for mailparser.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export type SinkRule =
  /** Answer this reply to RCPT TO (or at the end of DATA with `at: 'data'`). */
  | { reply: string; at?: 'rcpt' | 'data'; times?: number }
  /** Close the connection without an answer, at the end of DATA. */
  | { drop: true; times?: number }
  /**
   * Answer DATA only once this promise settles (keeps one message in flight on purpose); `onHeld`
   * hears when the whole message has arrived and is being held.
   */
  | { holdUntil: Promise<unknown>; onHeld?: () => void; times?: number };

export type ReceivedMessage = {
  raw: Buffer;
  from: string;
  to: string[];
  /** The Message-ID header, as sent. */
  messageId: string;
  /** The id the sink answered with ("250 OK queued as <queueId>"). */
  queueId: string;
  user: string | null;
  secure: boolean;
  receivedAt: number;
};

export type SmtpSink = {
  host: string;
  port: number;
  user: string;
  pass: string;
  received: ReceivedMessage[];
  /** Every XOAUTH2 sign-in tried, and whether its token was accepted. */
  xoauth2SignIns: { user: string; accepted: boolean }[];
  /** Recipient address → rule; `*` matches every recipient. */
  rules: Map<string, SinkRule>;
  /** Milliseconds to wait before answering each DATA (to keep messages in flight). */
  delayMs: number;
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  parse: (message: ReceivedMessage) => ReturnType<typeof simpleParser>;
};

let certificate: { key: Buffer; cert: Buffer } | undefined;

function selfSigned(): { key: Buffer; cert: Buffer } {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-sink-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  certificate = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  fs.rmSync(dir, { recursive: true, force: true });
  return certificate;
}

export async function startSmtpSink(
  options: {
    auth?: boolean;
    tls?: boolean;
    port?: number;
    keepRaw?: boolean;
    /** Take XOAUTH2 too: the token must be active at this RFC 7662 endpoint, for the same user. */
    introspectionUrl?: string;
  } = {},
): Promise<SmtpSink> {
  const auth = options.auth ?? true;
  const tls = options.tls ?? true;
  const user = 'sink-user';
  const pass = crypto.randomBytes(8).toString('hex');
  const received: ReceivedMessage[] = [];
  const rules = new Map<string, SinkRule>();
  const waiters = new Set<() => void>();
  const xoauth2SignIns: { user: string; accepted: boolean }[] = [];
  const state = { delayMs: 0 };

  const ruleFor = (recipients: string[]): [string, SinkRule] | undefined => {
    for (const r of [...recipients, '*']) {
      const rule = rules.get(r.toLowerCase());
      if (rule) return [r.toLowerCase(), rule];
    }
    return undefined;
  };
  const consume = (key: string, rule: SinkRule) => {
    if (rule.times === undefined) return;
    rule.times -= 1;
    if (rule.times <= 0) rules.delete(key);
  };

  const makeServer = () =>
    new SMTPServer({
      secure: false,
      ...(tls ? selfSigned() : {}),
      disabledCommands: [...(auth ? [] : ['AUTH']), ...(tls ? [] : ['STARTTLS'])],
      authOptional: !auth,
      allowInsecureAuth: !tls,
      logger: false,
      size: 40 * 1024 * 1024,
      ...(options.introspectionUrl ? { authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] } : {}),
      onAuth(a, _session, callback) {
        if (a.method === 'XOAUTH2' && options.introspectionUrl) {
          void introspect(options.introspectionUrl, a.accessToken ?? '').then(
            (owner) => {
              xoauth2SignIns.push({ user: a.username ?? '', accepted: owner === a.username });
              // As Gmail and Exchange answer a bad token: a JSON challenge, then 535.
              if (owner && owner === a.username) return callback(null, { user: owner });
              callback(null, { data: { status: '401', schemes: 'bearer' } });
            },
            (error) => callback(error as Error),
          );
          return;
        }
        if (a.username === user && a.password === pass) return callback(null, { user });
        const err = Object.assign(new Error('5.7.8 Username and Password not accepted'), {
          responseCode: 535,
        });
        return callback(err);
      },
      onRcptTo(address, _session, callback) {
        const match = ruleFor([address.address]);
        if (match && 'reply' in match[1] && (match[1].at ?? 'rcpt') === 'rcpt') {
          consume(match[0], match[1]);
          return callback(replyError(match[1].reply));
        }
        callback();
      },
      onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const finish = () => {
            const match = ruleFor(recipients);
            if (match && 'drop' in match[1]) {
              consume(match[0], match[1]);
              const connection = [
                ...(
                  server as unknown as { connections: Set<{ id: string; _socket: { destroy: () => void } }> }
                ).connections,
              ].find((c) => c.id === session.id);
              connection?._socket.destroy();
              return;
            }
            if (match && 'reply' in match[1] && match[1].at === 'data') {
              consume(match[0], match[1]);
              return callback(replyError(match[1].reply));
            }
            const raw = Buffer.concat(chunks);
            const head = raw.subarray(0, Math.min(raw.length, 16_384)).toString();
            const queueId = crypto.randomBytes(6).toString('hex').toUpperCase();
            received.push({
              raw: options.keepRaw === false ? Buffer.alloc(0) : raw,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: recipients,
              // Copied out, so the entry does not keep the whole message head alive (a sliced string).
              messageId: Buffer.from(/^message-id:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '').toString(),
              queueId,
              user: (session.user as string | undefined) ?? null,
              secure: Boolean(session.secure),
              receivedAt: Date.now(),
            });
            for (const w of waiters) w();
            callback(null, `OK queued as ${queueId}`);
          };
          const held = ruleFor(recipients);
          if (held && 'holdUntil' in held[1]) {
            consume(held[0], held[1]);
            held[1].onHeld?.();
            void held[1].holdUntil.finally(finish);
          } else if (state.delayMs > 0) setTimeout(finish, state.delayMs);
          else finish();
        });
      },
    });

  let server = makeServer();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      // A client that vanishes (a killed worker) resets its socket: not the sink's problem.
      server.on('error', () => {});
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = (
          server as unknown as { server: { address: () => { port: number } } }
        ).server.address();
        resolve(address.port);
      });
    });
  const port = await listen(options.port ?? 0);
  const closeServer = () =>
    new Promise<void>((resolve) => {
      const s = server as unknown as { connections: Set<{ _socket: { destroy: () => void } }> };
      for (const c of s.connections) c._socket.destroy();
      server.close(() => resolve());
    });

  return {
    host: '127.0.0.1',
    port,
    user,
    pass,
    received,
    xoauth2SignIns,
    rules,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    down: closeServer,
    up: async () => {
      server = makeServer();
      await listen(port);
    },
    close: closeServer,
    waitFor: (count, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (received.length >= count) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`sink received ${received.length} of ${count} messages in ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
      }),
    parse: (message) => simpleParser(message.raw),
  };
}

/** The user an access token belongs to, per the OAuth server's introspection; null if inactive. */
async function introspect(url: string, token: string): Promise<string | null> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  const answer = (await res.json()) as { active?: boolean; username?: string };
  return answer.active && answer.username ? answer.username : null;
}

function replyError(reply: string): Error {
  const code = Number(reply.slice(0, 3));
  return Object.assign(new Error(reply.slice(4)), { responseCode: code });
}
