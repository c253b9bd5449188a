// Who is on the other end of the TCP connection. Next gives route handlers and pages only headers,
// and every header a client sends can lie (X-Forwarded-For, Host…). So the web process, at start
// (instrumentation.ts), listens to Node's own `http.server.request.start` channel and writes the
// socket's address into a header of ours, overwriting whatever the client sent. The value carries
// a random per-process nonce: a request that reached the server before the listener existed (or a
// client guessing the header) has no valid nonce and counts as "address unknown", never as local.
import crypto from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

const HEADER = 'x-mailroom-peer';
/** Headers a relay (reverse proxy, tunnel) adds: their presence means the socket is not the client. */
const RELAY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'via'];

// Shared through globalThis because Next bundles instrumentation and each route separately: a
// module-level variable would be a different one in each bundle.
const NONCE = Symbol.for('mailroom.peer-nonce');
const SUBSCRIBED = Symbol.for('mailroom.peer-subscribed');
type Global = typeof globalThis & { [NONCE]?: string; [SUBSCRIBED]?: boolean };

function nonce(): string {
  const g = globalThis as Global;
  g[NONCE] ??= crypto.randomBytes(16).toString('hex');
  return g[NONCE];
}

/** Call once in the web process before it serves requests (instrumentation.ts). */
export function tagRequestsWithPeerAddress(): void {
  const g = globalThis as Global;
  if (g[SUBSCRIBED]) return;
  g[SUBSCRIBED] = true;
  const value = nonce();
  diagnosticsChannel.subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    // Next renders the page a server action redirects to by fetching it from itself, with the
    // action request's headers: that request, from loopback and carrying our own nonce (which no
    // client knows), speaks for the original client. Keep its tag.
    const forwarded = request.headers[HEADER];
    if (
      typeof forwarded === 'string' &&
      forwarded.startsWith(`${value} `) &&
      isLoopbackAddress(socket.remoteAddress ?? '')
    ) {
      return;
    }
    const relayed = RELAY_HEADERS.some((h) => request.headers[h] !== undefined);
    request.headers[HEADER] = `${value} ${relayed ? 'relayed' : 'direct'} ${socket.remoteAddress ?? ''}`;
  });
}

export type Peer = {
  /** The socket's remote address, as Node reports it (`::ffff:127.0.0.1`, `192.0.2.7`, `::1`). */
  address: string;
  /** The request carried a relay's headers: the real client is somewhere behind `address`. */
  relayed: boolean;
};

/** The connection's peer, or null when it is not known for certain. */
export function peerOf(headers: Headers): Peer | null {
  const [tag, mode, address] = (headers.get(HEADER) ?? '').split(' ');
  const expected = (globalThis as Global)[NONCE];
  if (!expected || !tag || !address || tag.length !== expected.length) return null;
  if (!crypto.timingSafeEqual(Buffer.from(tag), Buffer.from(expected))) return null;
  return { address, relayed: mode !== 'direct' };
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** The address to count a request against in rate limits (null: unknown, not limited per address). */
export function clientAddressOf(headers: Headers): string | null {
  return (
    peerOf(headers)
      ?.address.toLowerCase()
      .replace(/^::ffff:/, '') ?? null
  );
}
