// A refused upload must reach the client as a 413, not as a reset connection. When a route stops
// reading a body (too large, no API key) and answers with `Connection: close`, Node closes the
// socket as soon as the answer is written — with the rest of the upload still unread in the
// kernel. Closing a socket that holds unread data sends a TCP reset, and a client that is still
// writing sees its write fail and drops the connection before it reads the answer (seen in CI:
// the 600 MB chunked JSON upload got no status at all, about once in twenty runs).
//
// So, like nginx's `lingering_close`, the server half-closes instead: the answer and a FIN go out
// at once, and the socket itself is destroyed when the client closes its side or after a short
// grace period. The unread data is never read (the upload is not taken off the wire); the client
// simply has time to read what was said before the reset.
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a half-closed socket waits for the client to close its side. */
const LINGER_MS = 2_000;

const SUBSCRIBED = Symbol.for('mailroom.lingering-close-subscribed');
const CURRENT_REQUEST = Symbol('mailroom.current-request');
const WRAPPED = Symbol('mailroom.lingering-close');

type LingeringSocket = Socket & {
  [CURRENT_REQUEST]?: IncomingMessage;
  [WRAPPED]?: boolean;
};

/** Call once in the web process before it serves requests (instrumentation.ts). */
export function lingerBeforeClosingUnreadRequests(): void {
  const g = globalThis as typeof globalThis & { [SUBSCRIBED]?: boolean };
  if (g[SUBSCRIBED]) return;
  g[SUBSCRIBED] = true;
  diagnosticsChannel.subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: LingeringSocket };
    socket[CURRENT_REQUEST] = request;
    if (!socket[WRAPPED]) wrapDestroySoon(socket);
  });
}

function wrapDestroySoon(socket: LingeringSocket): void {
  socket[WRAPPED] = true;
  const destroySoon = socket.destroySoon.bind(socket);
  socket.destroySoon = () => {
    const request = socket[CURRENT_REQUEST];
    // A request read to its end leaves nothing unread: close as Node always does.
    if (!request || request.complete || socket.destroyed) {
      destroySoon();
      return;
    }
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    // The client's FIN (it read the answer and closed) or its reset ends the wait early.
    socket.once('end', () => socket.destroy());
    socket.once('error', () => socket.destroy());
    socket.end();
  };
}
