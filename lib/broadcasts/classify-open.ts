// Who fetched the pixel, from the user agent only (nothing of it is stored): Apple Mail Privacy
// Protection prefetches every image at delivery with the bare agent "Mozilla/5.0"; link and
// security scanners announce themselves or send no agent at all. Those are machine opens, counted
// apart and never a read. Gmail's image proxy fetches when the person opens: that one is human.
export type OpenKind = { machine: false } | { machine: true; why: 'apple-mpp' | 'scanner' | 'no-user-agent' };

const SCANNERS =
  /bot\b|crawler|spider|scanner|preview|barracuda|proofpoint|mimecast|safelinks|symantec|trendmicro|forcepoint|python|curl|wget|go-http|java\/|okhttp|headless|phantom|libwww|httpclient|axios|node-fetch/i;

export function classifyOpen(userAgent: string | null): OpenKind {
  const ua = (userAgent ?? '').trim();
  if (!ua) return { machine: true, why: 'no-user-agent' };
  if (ua === 'Mozilla/5.0') return { machine: true, why: 'apple-mpp' };
  if (/GoogleImageProxy|YahooMailProxy/i.test(ua)) return { machine: false };
  if (SCANNERS.test(ua)) return { machine: true, why: 'scanner' };
  return { machine: false };
}
