// A Brevo API server on node:http for tests, speaking what Mailroom uses of it: POST
// /v3/transactionalSMS/send (JSON, header `api-key`) and GET /v3/account, with Brevo's error answers
// (`{ code, message }`: 400 invalid_parameter, 401 unauthorized, 402 not_enough_credits, 429, 5xx).
// It posts the webhook events Brevo sends to a message's `webUrl` (delivered, soft/hard bounce,
// unsubscription, reply).
import http from 'node:http';

export type BrevoReceived = {
  messageId: number;
  sender: string;
  recipient: string;
  content: string;
  webUrl: string | null;
  type: string;
};
export type BrevoAnswer = { status: number; code: string; message: string; retryAfter?: number };

export type BrevoServer = {
  url: string;
  received: BrevoReceived[];
  failNext: BrevoAnswer[];
  /** Posts a webhook event for an accepted message; resolves with our answer's status. */
  event(messageId: number, event: string, extra?: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
};

function parisWallClock(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Europe/Paris' });
}

export async function startBrevoServer(apiKey: string): Promise<BrevoServer> {
  const received: BrevoReceived[] = [];
  const failNext: BrevoAnswer[] = [];
  let next = 1_511_882_900_176_220;
  const answer = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers['api-key'] !== apiKey)
      return answer(res, 401, { code: 'unauthorized', message: 'Key not found' });
    if (req.method === 'GET' && req.url === '/v3/account')
      return answer(res, 200, { email: 'office@example.test' });
    if (req.method !== 'POST' || req.url !== '/v3/transactionalSMS/send')
      return answer(res, 404, { code: 'not_found', message: 'Not found' });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const planned = failNext.shift();
    if (planned)
      return answer(
        res,
        planned.status,
        { code: planned.code, message: planned.message },
        planned.retryAfter ? { 'retry-after': String(planned.retryAfter) } : {},
      );
    const sender = String(body.sender ?? '');
    const recipient = String(body.recipient ?? '');
    if (!/^[A-Za-z0-9 ]{1,11}$|^\d{1,15}$/.test(sender))
      return answer(res, 400, { code: 'invalid_parameter', message: 'sender is invalid' });
    if (!/^\d{8,15}$/.test(recipient))
      return answer(res, 400, { code: 'invalid_parameter', message: 'Invalid phone number' });
    const messageId = next++;
    received.push({
      messageId,
      sender,
      recipient,
      content: String(body.content ?? ''),
      webUrl: typeof body.webUrl === 'string' ? body.webUrl : null,
      type: String(body.type ?? 'transactional'),
    });
    answer(res, 201, { messageId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    failNext,
    async event(messageId, event, extra = {}) {
      const m = received.find((r) => r.messageId === messageId);
      if (!m?.webUrl) throw new Error(`message ${messageId} has no webUrl`);
      const res = await fetch(m.webUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // The fields Brevo documents for its transactional SMS webhook
        // (developers.brevo.com/docs/transactional-webhooks): `id` is the webhook's, `date` Paris
        // wall-clock time "YYYY-MM-DD HH:MM:SS"; a reply's text comes as `reply` (extra).
        body: JSON.stringify({
          id: 26570,
          to: m.recipient,
          sms_count: 1,
          credits_used: 1.5,
          messageId,
          remaining_credit: 11488.845,
          msg_status: event,
          date: parisWallClock(new Date()),
          type: 'transactional',
          reference: `ref-${messageId}`,
          ...extra,
        }),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
