// An HTTP Retry-After value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as seconds from now,
// for the providers whose 429 / 503 answers say how long to wait (Twilio, Brevo, Gmail).

export function readRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  // An HTTP-date names its day and month ("Tue, 01 Dec 2026 15:00:30 GMT"); Date.parse alone would
  // take "-5" for a year.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
