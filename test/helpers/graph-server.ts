// A Microsoft Graph server on node:http for tests, the mail part: GET /me, POST /me/sendMail (a
// base64 MIME text/plain body; the raw MIME is kept), and the large-message path — draft
// (POST /me/messages), attachments (POST …/attachments), upload sessions
// (POST …/attachments/createUploadSession, then PUTs with Content-Range to the upload URL) and
// POST …/send. Bearer tokens are checked against the local OAuth server: known, unexpired, and for
// Graph's Mail.Send (a token for outlook.office.com is refused, as Graph does). Graph's request
// limit (4 MB) is enforced. `failNext` makes the next send-side calls answer an error the way
// Graph words it (429 with Retry-After, 403 ErrorSendAsDenied, 401 …).
import crypto from 'node:crypto';
import http from 'node:http';
import type { OAuthServer } from './oauth-server';

export const GRAPH_MAIL_SEND = 'https://graph.microsoft.com/Mail.Send';

export type GraphDraft = {
  id: string;
  user: string;
  message: Record<string, unknown>;
  attachments: { name: string; contentType: string; content: Buffer; via: 'post' | 'session' }[];
};

export type GraphServer = {
  /** The API root, as MICROSOFT_GRAPH_URL. */
  url: string;
  /** Messages sent through /me/sendMail, as raw MIME. */
  mime: { user: string; raw: Buffer }[];
  /** Drafts sent through /me/messages/{id}/send. */
  sentDrafts: GraphDraft[];
  failNext: { status: number; code: string; message: string; retryAfter?: number }[];
  /** Requests refused for their access token (401), and those for a token of another audience. */
  unauthorized: number;
  wrongAudience: number;
  close(): Promise<void>;
};

const LIMIT = 4 * 1024 * 1024;

export async function startGraphServer(oauth: OAuthServer): Promise<GraphServer> {
  const drafts = new Map<string, GraphDraft>();
  const sessions = new Map<
    string,
    { draft: GraphDraft; name: string; contentType: string; size: number; got: Buffer[]; next: number }
  >();
  const send = (
    res: http.ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    });
    res.end(body !== undefined ? JSON.stringify(body) : undefined);
  };
  const graphError = (code: string, message: string) => ({ error: { code, message } });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = url.pathname.replace(/^\/v1\.0/, '');

    // The upload URL is pre-authorised (as Graph's is): no bearer token on it.
    const upload = /^\/upload\/([a-f0-9]+)$/.exec(path);
    if (req.method === 'PUT' && upload) {
      const s = sessions.get(upload[1]!);
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
      if (!s) return send(res, 404, graphError('ErrorItemNotFound', 'The upload session is unknown.'));
      if (req.headers.authorization)
        return send(
          res,
          401,
          graphError('InvalidAuthenticationToken', 'The upload URL takes no Authorization header.'),
        );
      if (
        !range ||
        Number(range[1]) !== s.next ||
        Number(range[3]) !== s.size ||
        Number(range[2]) - Number(range[1]) + 1 !== body.length ||
        body.length > LIMIT
      )
        return send(res, 416, graphError('ErrorInvalidRange', `expected bytes from ${s.next} of ${s.size}`));
      s.got.push(body);
      s.next += body.length;
      if (s.next < s.size) return send(res, 200, { nextExpectedRanges: [`${s.next}-`] });
      s.draft.attachments.push({
        name: s.name,
        contentType: s.contentType,
        content: Buffer.concat(s.got),
        via: 'session',
      });
      sessions.delete(upload[1]!);
      return send(res, 201, undefined, {
        location: `${state.url}/me/messages/${s.draft.id}/attachments/${upload[1]}`,
      });
    }

    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const user = oauth.userOfAccessToken(token);
    if (!user) {
      state.unauthorized++;
      return send(
        res,
        401,
        graphError('InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
      );
    }
    if (!(oauth.scopesOfAccessToken(token) ?? []).includes(GRAPH_MAIL_SEND)) {
      state.wrongAudience++;
      return send(res, 401, graphError('InvalidAuthenticationToken', 'Invalid audience.'));
    }
    if (body.length > LIMIT)
      return send(res, 413, graphError('RequestEntityTooLarge', 'The request is over 4 MB.'));
    if (req.method === 'GET' && path === '/me')
      return send(res, 200, { id: crypto.randomUUID(), mail: user, userPrincipalName: user });
    if (req.method === 'POST') {
      const forced = state.failNext.shift();
      if (forced)
        return send(
          res,
          forced.status,
          graphError(forced.code, forced.message),
          forced.retryAfter ? { 'retry-after': String(forced.retryAfter) } : {},
        );
    }
    if (req.method === 'POST' && path === '/me/sendMail') {
      if (!String(req.headers['content-type']).startsWith('text/plain'))
        return send(
          res,
          400,
          graphError('ErrorInvalidRequest', 'expected JSON or base64 MIME as text/plain'),
        );
      state.mime.push({ user, raw: Buffer.from(body.toString('ascii'), 'base64') });
      return send(res, 202);
    }
    if (req.method === 'POST' && path === '/me/messages') {
      const draft: GraphDraft = {
        id: `AAMk${crypto.randomBytes(8).toString('hex')}`,
        user,
        message: JSON.parse(body.toString('utf8')),
        attachments: [],
      };
      drafts.set(draft.id, draft);
      return send(res, 201, { id: draft.id, ...draft.message });
    }
    const m = /^\/me\/messages\/([^/]+)\/(attachments|attachments\/createUploadSession|send)$/.exec(path);
    const draft = m ? drafts.get(decodeURIComponent(m[1]!)) : undefined;
    if (req.method === 'POST' && m && draft && draft.user === user) {
      if (m[2] === 'send') {
        drafts.delete(draft.id);
        state.sentDrafts.push(draft);
        return send(res, 202);
      }
      const json = JSON.parse(body.toString('utf8'));
      if (m[2] === 'attachments') {
        draft.attachments.push({
          name: json.name,
          contentType: json.contentType,
          content: Buffer.from(json.contentBytes, 'base64'),
          via: 'post',
        });
        return send(res, 201, { id: crypto.randomUUID(), name: json.name });
      }
      const item = json.AttachmentItem;
      const id = crypto.randomBytes(8).toString('hex');
      sessions.set(id, {
        draft,
        name: item.name,
        contentType: item.contentType,
        size: item.size,
        got: [],
        next: 0,
      });
      return send(res, 201, { uploadUrl: `${state.url}/upload/${id}`, nextExpectedRanges: ['0-'] });
    }
    send(res, 404, graphError('ResourceNotFound', 'Resource not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  const state: GraphServer = {
    url: `http://127.0.0.1:${address.port}/v1.0`,
    mime: [],
    sentDrafts: [],
    failNext: [],
    unauthorized: 0,
    wrongAudience: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}
