// Auth.js builds its redirects from the request URL, and `next dev` hands route handlers a URL on
// http://localhost:<port> whatever host the browser used. A person who signed in at 127.0.0.1 was
// then sent on to localhost, where their new session cookie does not exist: the sign-in page
// again. This puts the request back on the host it was sent to — only when that host is one of
// ours (allowedAppOrigins), never a forged one.
import type { NextRequest } from 'next/server';
import { env } from '../env';
import { allowedAppOrigins } from './magic-link-url';

export function onRequestedOrigin(req: NextRequest): NextRequest {
  const host = req.headers.get('host');
  if (!host) return req;
  const url = new URL(req.url);
  const e = env();
  const requested = `${url.protocol}//${host}`;
  if (
    requested === url.origin ||
    !allowedAppOrigins(e.APP_URL, e.NODE_ENV !== 'production').includes(requested)
  )
    return req;
  // A plain Request: a NextRequest puts any URL back on the dev server's own origin. Auth.js reads
  // only what every Request has (url, method, headers, body).
  const moved = new Request(req.url.replace(url.origin, requested), {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: req.signal,
    duplex: 'half',
  } as RequestInit);
  return moved as NextRequest;
}
