// A Twilio REST API server on node:http for tests, speaking what Mailroom uses of it: Messages.json
// (form-encoded, HTTP basic auth with the Account SID and auth token) and the Account resource, with
// Twilio's error answers (`{ code, message, more_info, status }`: 21211 invalid number, 20429 too
// many requests, 20003 authenticate, 503 …). It calls the message's StatusCallback like Twilio does
// — form-encoded, signed with X-Twilio-Signature (HMAC-SHA1 of the URL and sorted parameters, made
// here with the twilio library's own getExpectedTwilioSignature) — and can post an incoming reply
// to a number's webhook.
import crypto from 'node:crypto';
import http from 'node:http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

export type TwilioReceived = {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
};

export type TwilioAnswer = {
  status: number;
  code: number;
  message: string;
  /** Sent as the answer's Retry-After header (Twilio sends one with some 429s). */
  retryAfter?: string;
};

export type TwilioServer = {
  url: string;
  received: TwilioReceived[];
  /** Answers for the next Messages.json requests, in order (then: accepted). */
  failNext: TwilioAnswer[];
  /** Answers for any message to this number. */
  failFor: Map<string, TwilioAnswer>;
  /**
   * Numbers whose status callback is posted before the message's create request is answered (a
   * report that overtakes our own record of the send), with our answers' statuses in `earlyAnswers`.
   */
  reportBeforeAnswering: Map<string, 'sent' | 'delivered' | 'undelivered' | 'failed'>;
  earlyAnswers: number[];
  /** Requests refused for their credentials. */
  unauthorized: number;
  /** Posts Twilio's status callback for an accepted message; resolves with our answer's status. */
  report(
    sid: string,
    status: 'sent' | 'delivered' | 'undelivered' | 'failed',
    extra?: Record<string, string>,
  ): Promise<number>;
  /** Posts an incoming SMS to `url` as Twilio would (signed with the account's token). */
  inbound(
    url: string,
    params: { From: string; To: string; Body: string },
    options?: { signWith?: string },
  ): Promise<number>;
  close(): Promise<void>;
};

export const twilioErrors = {
  invalidNumber: (to: string): TwilioAnswer => ({
    status: 400,
    code: 21211,
    message: `The 'To' number ${to} is not a valid phone number.`,
  }),
  tooManyRequests: { status: 429, code: 20429, message: 'Too Many Requests' } as TwilioAnswer,
  unavailable: { status: 503, code: 20503, message: 'Service Unavailable' } as TwilioAnswer,
};

export async function startTwilioServer(accounts: Record<string, string>): Promise<TwilioServer> {
  const received: TwilioReceived[] = [];
  const failNext: TwilioAnswer[] = [];
  const failFor = new Map<string, TwilioAnswer>();
  const reportBeforeAnswering = new Map<string, 'sent' | 'delivered' | 'undelivered' | 'failed'>();
  const earlyAnswers: number[] = [];
  const state = { unauthorized: 0 };

  const answer = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, a: TwilioAnswer) =>
    answer(
      res,
      a.status,
      {
        code: a.code,
        message: a.message,
        more_info: `https://www.twilio.com/docs/errors/${a.code}`,
        status: a.status,
      },
      a.retryAfter ? { 'retry-after': a.retryAfter } : {},
    );

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://twilio.local');
    const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    const [user, token] = [auth.slice(0, auth.indexOf(':')), auth.slice(auth.indexOf(':') + 1)];
    const account = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})(\.json|\/Messages\.json)$/.exec(url.pathname);
    if (!account)
      return answer(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const sid = account[1]!;
    if (user !== sid || accounts[sid] === undefined || accounts[sid] !== token) {
      state.unauthorized++;
      return error(res, { status: 401, code: 20003, message: 'Authenticate' });
    }
    if (account[2] === '.json' && req.method === 'GET') {
      return answer(res, 200, { sid, friendly_name: 'Test account', status: 'active' });
    }
    if (req.method !== 'POST')
      return answer(res, 405, { code: 20004, message: 'Method not allowed', status: 405 });
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const to = form.get('To') ?? '';
    const planned = failFor.get(to) ?? failNext.shift();
    if (planned) return error(res, planned);
    if (!form.get('From') && !form.get('MessagingServiceSid'))
      return error(res, {
        status: 400,
        code: 21603,
        message: "A 'From' or 'MessagingServiceSid' parameter is required.",
      });
    const message: TwilioReceived = {
      sid: `SM${crypto.randomBytes(16).toString('hex')}`,
      accountSid: sid,
      to,
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback'),
    };
    received.push(message);
    const early = reportBeforeAnswering.get(to);
    if (early && message.statusCallback)
      earlyAnswers.push(await post(message.statusCallback, statusParams(message, early), token));
    answer(res, 201, {
      sid: message.sid,
      account_sid: sid,
      to,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      body: message.body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${sid}/Messages/${message.sid}.json`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };

  const statusParams = (m: TwilioReceived, status: string, extra: Record<string, string> = {}) => ({
    MessageSid: m.sid,
    SmsSid: m.sid,
    AccountSid: m.accountSid,
    MessageStatus: status,
    SmsStatus: status,
    To: m.to,
    From: m.from ?? '',
    ApiVersion: '2010-04-01',
    ...extra,
  });
  const post = async (target: string, params: Record<string, string>, token: string) => {
    const signature = getExpectedTwilioSignature(token, target, params);
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    failNext,
    failFor,
    reportBeforeAnswering,
    earlyAnswers,
    get unauthorized() {
      return state.unauthorized;
    },
    async report(sid, status, extra = {}) {
      const m = received.find((r) => r.sid === sid);
      if (!m?.statusCallback) throw new Error(`message ${sid} has no StatusCallback`);
      return post(m.statusCallback, statusParams(m, status, extra), accounts[m.accountSid]!);
    },
    async inbound(target, params, options = {}) {
      const accountSid = Object.keys(accounts)[0]!;
      const full = {
        MessageSid: `SM${crypto.randomBytes(16).toString('hex')}`,
        AccountSid: accountSid,
        NumMedia: '0',
        ApiVersion: '2010-04-01',
        ...params,
      };
      return post(target, full, options.signWith ?? accounts[accountSid]!);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
