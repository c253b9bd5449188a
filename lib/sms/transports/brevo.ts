// Brevo's transactional SMS API (plain fetch: POST /v3/transactionalSMS/send, header `api-key`).
// Made for France: the sender is an alphanumeric name (at most 11 letters and digits), as French
// operators require for automated SMS; the number goes without its +. Delivery reports come back
// to `webUrl` (lib/sms/brevo-webhook.ts).
import { env } from '../../env';
import { readRetryAfter } from '../../net/read-retry-after';
import { type OutgoingSms, SmsProviderError, type SmsTransport } from './sms-transport';

export type BrevoSettings = { apiKey: string };

const TIMEOUT_MS = 30_000;

export function createBrevoTransport(settings: BrevoSettings): SmsTransport {
  const base = env().BREVO_API_URL.replace(/\/+$/, '');
  const call = async (path: string, init: RequestInit) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { accept: 'application/json', 'api-key': settings.apiKey, ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { message: text.slice(0, 500) };
    }
    if (!response.ok) {
      const words =
        typeof body.message === 'string' && body.message ? body.message : `HTTP ${response.status}`;
      const code = typeof body.code === 'string' ? body.code : null;
      throw new SmsProviderError(
        `Brevo refused the message: ${words}${code ? ` (${code})` : ''}`,
        'brevo',
        response.status,
        code,
        readRetryAfter(response.headers.get('retry-after')),
      );
    }
    return body;
  };
  return {
    async send(sms: OutgoingSms) {
      const body = await call('/v3/transactionalSMS/send', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          sender: sms.from,
          recipient: sms.to.replace(/^\+/, ''),
          content: sms.text,
          type: 'transactional',
          unicodeEnabled: true,
          ...(sms.statusCallbackUrl ? { webUrl: sms.statusCallbackUrl } : {}),
        }),
      });
      const id = body.messageId !== undefined ? String(body.messageId) : null;
      return {
        providerMessageId: id,
        response: `Brevo accepted the message${id ? `: ${id}` : ''}`,
        accepted: [sms.to],
        rejected: [],
      };
    },
    async verify() {
      try {
        const account = await call('/v3/account', { method: 'GET' });
        const who = typeof account.email === 'string' ? ` of ${account.email}` : '';
        return { ok: true, message: `Brevo accepted the API key${who}.` };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
