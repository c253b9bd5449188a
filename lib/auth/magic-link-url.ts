// The sign-in link goes back to the host it was asked from, when that host is one of ours:
// APP_URL's origin, or in development the same port under another loopback name (localhost,
// 127.0.0.1, [::1]), so that a person who opened http://127.0.0.1:3000 signs in there and not on
// localhost, where their browser has no session. Any other Host header (forged, or a proxy's) gets
// APP_URL instead: a link must never carry its token to a host that is not Mailroom.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function allowedAppOrigins(appUrl: string, development: boolean): string[] {
  const app = new URL(appUrl);
  const origins = new Set([app.origin]);
  if (development && LOOPBACK.has(app.hostname)) {
    for (const name of LOOPBACK) origins.add(`${app.protocol}//${name}${app.port ? `:${app.port}` : ''}`);
  }
  return [...origins];
}

/** `url` as Auth.js built it from the request, moved onto APP_URL unless its origin is allowed. */
export function magicLinkUrl(url: string, appUrl: string, development: boolean): string {
  const link = new URL(url);
  if (allowedAppOrigins(appUrl, development).includes(link.origin)) return url;
  const app = new URL(appUrl);
  link.protocol = app.protocol;
  link.hostname = app.hostname;
  // Set even when empty: the host setter alone would keep the requested port.
  link.port = app.port;
  return link.toString();
}
