// Where to go after signing in: only a path on this site. `//evil.example`, `/\evil.example` and
// `/%09/evil.example` all start with a slash yet leave the site once a browser reads them, so the
// value is parsed the way a browser would (WHATWG URL) and kept only if it stays on our origin.
const BASE = 'http://mailroom.invalid';

export function safeCallbackPath(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised path must itself be unambiguous ("/\\x" became "//x" above only if foreign).
  return path.startsWith('//') ? fallback : path;
}

/** For Auth.js's redirect callback: absolute URLs on our origin, or a safe path. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (url.startsWith('/')) return `${base.origin}${safeCallbackPath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === base.origin)
      return `${base.origin}${safeCallbackPath(target.pathname + target.search + target.hash)}`;
  } catch {
    // not a URL: fall through
  }
  return `${base.origin}/dashboard`;
}
