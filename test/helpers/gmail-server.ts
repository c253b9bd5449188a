// A Gmail API server on node:http for tests: users.getProfile and users.messages.send, both as
// JSON `raw` and through the media upload endpoint (/upload/gmail/v1/…?uploadType=media). Access
// tokens are checked against the local OAuth server. Every accepted message's raw MIME is kept;
// `failNext` makes the next sends answer an error the way Google words it (429 rateLimitExceeded,
// 403 dailyLimitExceeded, 500, 400 invalid recipient …).
import crypto from 'node:crypto';
import http from 'node:http';
import type { OAuthServer } from './oauth-server';

export type GmailReceived = { id: string; user: string; raw: Buffer; via: 'json' | 'upload' };

export type GmailServer = {
  /** The API root, as GMAIL_API_URL. */
  url: string;
  received: GmailReceived[];
  failNext: { status: number; reason: string; message: string; retryAfter?: number }[];
  /** Requests refused for their access token (401). */
  unauthorized: number;
  close(): Promise<void>;
};

export async function startGmailServer(oauth: OAuthServer): Promise<GmailServer> {
  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const googleError = (status: number, reason: string, message: string) => ({
    error: { code: status, message, errors: [{ message, domain: 'global', reason }] },
  });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const user = oauth.userOfAccessToken((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!user) {
      state.unauthorized++;
      return send(res, 401, googleError(401, 'authError', 'Request had invalid authentication credentials.'));
    }
    if (req.method === 'GET' && url.pathname === '/gmail/v1/users/me/profile') {
      return send(res, 200, { emailAddress: user, messagesTotal: 0, threadsTotal: 0, historyId: '1' });
    }
    const upload = url.pathname === '/upload/gmail/v1/users/me/messages/send';
    if (req.method === 'POST' && (upload || url.pathname === '/gmail/v1/users/me/messages/send')) {
      const forced = state.failNext.shift();
      if (forced)
        return send(
          res,
          forced.status,
          googleError(forced.status, forced.reason, forced.message),
          forced.retryAfter ? { 'retry-after': String(forced.retryAfter) } : {},
        );
      let raw: Buffer;
      if (upload) {
        if (
          url.searchParams.get('uploadType') !== 'media' ||
          req.headers['content-type'] !== 'message/rfc822'
        )
          return send(
            res,
            400,
            googleError(400, 'badRequest', 'expected uploadType=media of message/rfc822'),
          );
        raw = body;
      } else {
        const parsed = JSON.parse(body.toString('utf8') || '{}') as { raw?: string };
        if (!parsed.raw)
          return send(
            res,
            400,
            googleError(
              400,
              'invalidArgument',
              "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
            ),
          );
        raw = Buffer.from(parsed.raw, 'base64url');
      }
      const id = crypto.randomBytes(8).toString('hex');
      state.received.push({ id, user, raw, via: upload ? 'upload' : 'json' });
      return send(res, 200, { id, threadId: id, labelIds: ['SENT'] });
    }
    send(res, 404, googleError(404, 'notFound', 'Not Found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  const state: GmailServer = {
    url: `http://127.0.0.1:${address.port}/`,
    received: [],
    failNext: [],
    unauthorized: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}
